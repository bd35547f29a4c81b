//! The i18n layer: every string the UI shows comes from here.
//!
//! Keys are an enum, so a missing translation is a compile error, not a blank
//! on the page. Korean is the default (DESIGN.md §5); English is selectable
//! with the language switch, remembered in the `lang` cookie.

mod en;
mod ko;

use leptos::prelude::*;
pub use shared::Locale;

/// Declares [`Key`] and [`Key::ALL`] from one list, so the completeness test
/// below covers every key there is.
macro_rules! keys {
    ($($key:ident),* $(,)?) => {
        /// Every piece of UI text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Key { $($key),* }

        impl Key {
            /// All keys, in declaration order.
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
        }
    };
}

keys! {
    SiteName,
    SiteTagline,
    SkipToContent,
    NavHome,
    NavFeedback,
    NavMain,
    LanguageLabel,
    ScreenSize,
    ScreenSizeSmall,
    ScreenSizeNormal,
    ScreenSizeLarge,
    ScreenSizeLarger,
    ScreenSizeLargest,
    ScreenSizeReset,
    HomeTitle,
    HomeLead,
    HomeHowTitle,
    StepPropose,
    StepProposeText,
    StepDeliberate,
    StepDeliberateText,
    StepSupport,
    StepSupportText,
    StepReview,
    StepReviewText,
    StepSelect,
    StepSelectText,
    StepExecute,
    StepExecuteText,
    HomeAreasTitle,
    HomeRegionsTitle,
    HomeRegionsText,
    HomeFeedbackTitle,
    HomeFeedbackText,
    HomeFeedbackLink,
    Loading,
    LoadFailed,
    FeedbackTitle,
    FeedbackLead,
    FeedbackCategory,
    FeedbackCategoryIdea,
    FeedbackCategoryBug,
    FeedbackCategoryAccessibility,
    FeedbackCategoryOther,
    FeedbackMessage,
    FeedbackMessageHint,
    FeedbackEmail,
    FeedbackEmailHint,
    FeedbackSubmit,
    FeedbackSubmitting,
    FeedbackPrivacy,
    FeedbackThanksTitle,
    FeedbackThanksText,
    FeedbackReceipt,
    FeedbackAnother,
    BackHome,
    Optional,
    Required,
    CharactersUnit,
    ErrorSummary,
    ErrRequired,
    ErrTooShort,
    ErrTooLong,
    ErrInvalid,
    ErrInvalidEmail,
    ErrRateLimited,
    ErrUnavailable,
    ErrInternal,
    ErrBadRequest,
    NotFoundTitle,
    NotFoundText,
    FooterAbout,
    FooterLicense,
    FooterDataCredit,
    NavSignIn,
    NavSignUp,
    NavMe,
    SignOut,
    SignInTitle,
    SignInLead,
    EmailLabel,
    PasswordLabel,
    SignInSubmit,
    NoAccount,
    SignUpTitle,
    SignUpLead,
    DisplayNameLabel,
    DisplayNameHint,
    PasswordHint,
    SignUpSubmit,
    HaveAccount,
    AccountTitle,
    AccountEmail,
    AccountName,
    AccountLevel,
    LevelUnverified,
    LevelVerified,
    LevelOfficial,
    AccountSince,
    ChangePasswordTitle,
    CurrentPassword,
    NewPasswordLabel,
    ChangePasswordSubmit,
    PasswordChanged,
    ErrBadCredentials,
    ErrTaken,
    ErrUnauthorized,
    AccountMenu,
    NavAdmin,
    AccountDeleted,
    Actions,
    CreatedAt,
    ChooseOne,
    Search,
    ErrForbidden,
    ErrNotFound,
    ErrConflict,
    ErrNameTaken,
    ErrWrongPassword,
    ErrConfirmWord,
    ErrNoAccountForEmail,
    ErrLastSignInMethod,
    ErrTooManyTokens,
    ErrAlreadyMember,
    ErrRoleAlreadyHeld,
    ErrLastAdmin,
    ErrScopeId,
    ForbiddenTitle,
    ForbiddenText,
    OtherSignInTitle,
    SignInWithProvider,
    OidcErrState,
    OidcErrExpired,
    OidcErrDenied,
    OidcErrExchange,
    OidcErrIdToken,
    OidcErrProfile,
    OidcErrUnavailable,
    OidcErrEmailTaken,
    OidcErrLinkedElsewhere,
    OidcErrInternal,
    OidcErrUnknown,
    NoPassword,
    LinkedLoginsTitle,
    LinkedLoginsLead,
    LinkedSince,
    NoLinkedLogins,
    Unlink,
    LinkAnotherTitle,
    LinkProvider,
    ProviderLinked,
    ProviderUnlinked,
    ApiTokensTitle,
    ApiTokensLead,
    NoTokens,
    TokenTableCaption,
    TokenName,
    TokenNameHint,
    TokenPrefix,
    TokenLastUsed,
    TokenExpires,
    TokenExpiresIn,
    TokenNeverUsed,
    TokenNeverExpires,
    TokenDays30,
    TokenDays90,
    TokenDays365,
    TokenCreateTitle,
    TokenCreate,
    TokenCreated,
    TokenValue,
    TokenShownOnce,
    TokenRevoke,
    TokenRevoked,
    ExportTitle,
    ExportLead,
    ExportLink,
    DeleteTitle,
    DeleteLead,
    DeleteKeepsContributions,
    DeleteRemovesAccess,
    DeleteIsFinal,
    DeleteConfirmLabel,
    DeleteConfirmHint,
    DeleteSubmit,
    AdminTitle,
    AdminNavLabel,
    AdminOverview,
    AdminLead,
    AdminScopedLead,
    AdminOrganisations,
    AdminOrganisationsText,
    AdminUsers,
    AdminUsersText,
    AdminAudit,
    AdminAuditText,
    KindCentralAgency,
    KindLocalGovernment,
    KindPublicInstitution,
    KindPrivate,
    NoOrganisations,
    OrganisationTableCaption,
    OrganisationName,
    OrganisationKindLabel,
    OrganisationRegion,
    OrganisationRegionHint,
    OrganisationMemberCount,
    RegionNone,
    OrganisationCreateTitle,
    OrganisationCreate,
    OrganisationCreated,
    BackToOrganisations,
    MembersTitle,
    NoMembers,
    MemberTitle,
    MemberRemove,
    MemberAddTitle,
    MemberAdd,
    MemberEmailHint,
    MemberAdded,
    MemberRemoved,
    UsersNotListed,
    UserSearchLabel,
    UsersShownNote,
    NoUsers,
    UserTableCaption,
    UserOrganisations,
    UserRoles,
    UserDeleted,
    LevelChange,
    LevelSet,
    RoleRevoke,
    RoleGranted,
    RoleRevoked,
    RoleForumMember,
    RoleCommitteeMember,
    RoleTaskForceMember,
    RoleSosResponder,
    RoleModerator,
    RoleAdmin,
    ScopeGlobal,
    ScopeCouncil,
    ScopeCommittee,
    ScopeProcess,
    ScopeTaskForce,
    GrantTitle,
    GrantRoleLabel,
    GrantScopeLabel,
    GrantScopeIdLabel,
    GrantScopeIdHint,
    GrantSubmit,
    AuditLead,
    NoAuditEntries,
    AuditTime,
    AuditActor,
    AuditAction,
    AuditTarget,
    AuditIp,
    AuditNoActor,
    NavProposals,
    ProposalsTitle,
    ProposalsLead,
    NewProposal,
    FilterTitle,
    SearchLabel,
    FilterProcess,
    FilterArea,
    FilterRegion,
    FilterStatus,
    FilterTag,
    FilterSort,
    FilterAll,
    FilterSubmit,
    SortNewest,
    SortMostSupported,
    SortMostDiscussed,
    SortRandom,
    ResultCount,
    ResultUnit,
    NoProposals,
    NextPage,
    SupportCountLabel,
    CommentCountLabel,
    StatusDraft,
    StatusPublished,
    StatusUnderReview,
    StatusShortlisted,
    StatusSelected,
    StatusInProgress,
    StatusCompleted,
    StatusNotSelected,
    StatusWithdrawn,
    StatusHidden,
    ProposalAuthor,
    DeletedUser,
    ProposalOrganisations,
    ProposalTags,
    ProposalProblem,
    ProposalSolution,
    ProposalEffect,
    ProposalPublishedAt,
    SupportTitle,
    SupportButton,
    WithdrawSupport,
    Supported,
    SignInToSupport,
    SignInToComment,
    Follow,
    Unfollow,
    EditProposal,
    AlignmentTitle,
    AlignmentFor,
    AlignmentNeutral,
    AlignmentAgainst,
    TimelineTitle,
    EventCreated,
    EventPublished,
    EventStatusChanged,
    EventThresholdReached,
    EventOther,
    DiscussionTitle,
    NoComments,
    CommentFormTitle,
    CommentAlignment,
    CommentBody,
    CommentBodyHint,
    CommentSubmit,
    Reply,
    ReplySubmit,
    ReplyBody,
    CommentDeleted,
    CommentHidden,
    CommentEdited,
    VoteUp,
    VoteDown,
    ReportTitle,
    ReportReason,
    ReportSpam,
    ReportOffensive,
    ReportOffTopic,
    ReportPersonalData,
    ReportSubmit,
    Reported,
    NewProposalTitle,
    EditProposalTitle,
    ProposalFormLead,
    ProposalTitleLabel,
    ProposalTitleHint,
    ProposalProblemHint,
    ProposalSolutionHint,
    ProposalEffectHint,
    ProposalTagsHint,
    SaveDraft,
    Publish,
    SimilarTitle,
    NotificationsTitle,
    NotificationsLink,
    UnreadCount,
    NoNotifications,
    MarkAllRead,
    Unread,
    NotifComment,
    NotifReply,
    NotifStatusChanged,
    NotifThresholdReached,
    NotifHidden,
    NotifRestored,
    NotifOther,
    ModerationTitle,
    ModerationEmpty,
    ModerationReports,
    ModerationHide,
    ModerationRestore,
    ModerationReason,
    ModerationKindProposal,
    ModerationKindComment,
    ModerationHiddenNow,
    ModerationDone,
    StatusChangeTitle,
    StatusChangeLead,
    StatusNew,
    StatusAnswer,
    StatusAnswerHint,
    StatusSubmit,
    StatusChanged,
    ErrStatusTransition,
    NotifAnswer,
    CommentEdit,
    CommentEditBody,
    CommentEditSubmit,
    CommentDelete,
    CommentDeleteConfirm,
    CommentDeleteSubmit,
    CommentDeletedNotice,
    ProposalOrganisationsHint,
    AdminProcesses,
    AdminProcessesText,
    NoProcesses,
    ProcessTableCaption,
    ProcessTitle,
    ProcessSlug,
    ProcessSlugHint,
    ProcessDescription,
    ProcessDescriptionHint,
    AreaAny,
    RegionAny,
    ProcessProposeLevel,
    ProcessSupportLevel,
    ProcessThreshold,
    ProcessThresholdHint,
    ProcessPerPerson,
    ProcessPerPersonHint,
    ProcessPhases,
    ProcessPhasesHint,
    PhaseStarts,
    PhaseEnds,
    PhaseIntake,
    PhaseDeliberation,
    PhaseReview,
    PhaseSelection,
    PhaseExecution,
    PhaseNone,
    ErrPhaseDates,
    ProcessCurrentPhase,
    ProcessProposalCount,
    ProcessCreateTitle,
    ProcessCreate,
    ProcessSave,
    ProcessCreated,
    ProcessSaved,
    ProcessEditTitle,
    BackToProcesses,
}

/// The text for `key` in `locale`.
pub fn text(locale: Locale, key: Key) -> &'static str {
    match locale {
        Locale::Ko => ko::text(key),
        Locale::En => en::text(key),
    }
}

/// The locale of the page being rendered (provided by [`provide_locale`];
/// worked out afresh where no one provided it).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_else(detect_locale)
}

/// Shorthand used in views: `t(Key::SiteName)`.
pub fn t(key: Key) -> &'static str {
    text(use_locale(), key)
}

/// Works out the page's locale and provides it as context.
///
/// On the server it comes from the `lang` cookie; in the browser, from the
/// `lang` attribute the server wrote on `<html>`, so both render the same.
pub fn provide_locale() -> Locale {
    let locale = detect_locale();
    provide_context(locale);
    locale
}

/// The locale of the request being handled (in server functions, which have
/// no page context): from the `lang` cookie.
pub fn request_locale() -> Locale {
    use_locale()
}

#[cfg(feature = "ssr")]
fn detect_locale() -> Locale {
    use_context::<http::request::Parts>()
        .and_then(|parts| locale_from_cookie_header(parts.headers.get(http::header::COOKIE)?.to_str().ok()?))
        .unwrap_or_default()
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn detect_locale() -> Locale {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|tag| Locale::from_tag(&tag))
        .unwrap_or_default()
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn detect_locale() -> Locale {
    Locale::default()
}

/// Reads the `lang` cookie out of a `Cookie:` header value.
pub fn locale_from_cookie_header(header: &str) -> Option<Locale> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == shared::locale::LOCALE_COOKIE)
        .and_then(|(_, value)| Locale::from_tag(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lang_cookie_is_found_among_others() {
        assert_eq!(locale_from_cookie_header("a=1; lang=en; b=2"), Some(Locale::En));
        assert_eq!(locale_from_cookie_header("lang=ko"), Some(Locale::Ko));
        assert_eq!(locale_from_cookie_header("xlang=en"), None);
        assert_eq!(locale_from_cookie_header("lang=fr"), None);
    }

    #[test]
    fn every_key_has_a_non_empty_text_in_every_locale() {
        for key in Key::ALL {
            for locale in Locale::ALL {
                assert!(!text(locale, *key).trim().is_empty(), "{key:?} is empty in {locale:?}");
            }
        }
        // Translations differ from the Korean (a copied string is a forgotten translation),
        // except proper names that are the same in both.
        let same: Vec<_> = Key::ALL
            .iter()
            .filter(|k| text(Locale::Ko, **k) == text(Locale::En, **k))
            .collect();
        assert!(same.is_empty(), "untranslated: {same:?}");
    }
}
