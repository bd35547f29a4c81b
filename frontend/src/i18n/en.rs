//! English.

use super::Key::{self, *};

pub(super) fn text(key: Key) -> &'static str {
    match key {
        SiteName => "Hamkke Innovation",
        SiteTagline => "Government innovation, made with citizens",
        SkipToContent => "Skip to main content",
        NavHome => "Home",
        NavFeedback => "Site feedback",
        NavMain => "Main menu",
        LanguageLabel => "Choose language",
        ScreenSize => "Screen size",
        ScreenSizeSmall => "Small",
        ScreenSizeNormal => "Normal",
        ScreenSizeLarge => "A little larger",
        ScreenSizeLarger => "Larger",
        ScreenSizeLargest => "Largest",
        ScreenSizeReset => "Reset",
        HomeTitle => "Citizens propose, we deliberate together, government delivers",
        HomeLead => {
            "Hamkke Innovation is where citizens, agencies and council members propose government innovation tasks, refine them through debate and support, and follow the selected priority tasks through review to delivery, in public."
        }
        HomeHowTitle => "How an innovation task comes to life",
        StepPropose => "Propose",
        StepProposeText => "Citizens, agencies and council members propose innovation tasks.",
        StepDeliberate => "Deliberate",
        StepDeliberateText => {
            "Arguments for and against, and hybrid in-room and online sessions, shape each task."
        }
        StepSupport => "Support",
        StepSupportText => "Each person can support each task once.",
        StepReview => "Review",
        StepReviewText => {
            "A committee scores proposals against a rubric and declares conflicts of interest."
        }
        StepSelect => "Select",
        StepSelectText => "Priority tasks are selected with a public rationale.",
        StepExecute => "Deliver",
        StepExecuteText => {
            "Task forces publish milestones and outcomes; the collaboration SOS desk helps when they get stuck."
        }
        HomeAreasTitle => "Areas of innovation",
        HomeRegionsTitle => "Regions",
        HomeRegionsText => {
            "Nationwide tasks and regional tasks of the 17 provinces and metropolitan cities, side by side."
        }
        HomeFeedbackTitle => "Tell us about this site",
        HomeFeedbackText => {
            "Send us problems, accessibility issues or ideas, and get a receipt number."
        }
        HomeFeedbackLink => "Send feedback",
        Loading => "Loading…",
        LoadFailed => "Could not load this information. Please try again shortly.",
        FeedbackTitle => "Send feedback about the site",
        FeedbackLead => {
            "Tell us about problems, errors, accessibility issues or ideas for this site. For policy ideas, propose an innovation task instead."
        }
        FeedbackCategory => "Type of feedback",
        FeedbackCategoryIdea => "Idea or suggestion",
        FeedbackCategoryBug => "Something is broken",
        FeedbackCategoryAccessibility => "Accessibility problem",
        FeedbackCategoryOther => "Other",
        FeedbackMessage => "Your feedback",
        FeedbackMessageHint => "Between 10 and 2,000 characters.",
        FeedbackEmail => "E-mail for a reply",
        FeedbackEmailHint => "Only if you want a reply. We use it for nothing else.",
        FeedbackSubmit => "Send feedback",
        FeedbackSubmitting => "Sending…",
        FeedbackPrivacy => {
            "Your feedback is used only to improve this site; e-mail addresses are deleted one year after we reply."
        }
        FeedbackThanksTitle => "Thank you, we have received your feedback",
        FeedbackThanksText => "Please quote the receipt number below if you contact us about it.",
        FeedbackReceipt => "Receipt number",
        FeedbackAnother => "Send more feedback",
        BackHome => "Back to home",
        Optional => "optional",
        Required => "required",
        CharactersUnit => "characters",
        ErrorSummary => "Please check what you entered.",
        ErrRequired => "This field is required.",
        ErrTooShort => "This is too short.",
        ErrTooLong => "This is too long.",
        ErrInvalid => "Choose or enter a valid value.",
        ErrInvalidEmail => "Enter an e-mail address like name@example.kr.",
        ErrRateLimited => "Too many requests. Please try again shortly.",
        ErrUnavailable => "Cannot reach the server. Please try again shortly.",
        ErrInternal => {
            "Something went wrong on our side. What you entered is still here; please try again shortly."
        }
        ErrBadRequest => "The request was not in the expected format.",
        NotFoundTitle => "Page not found",
        NotFoundText => {
            "The address may have changed or the page was removed. Please check the address."
        }
        FooterAbout => {
            "Hamkke Innovation is an open-source platform that takes government innovation tasks from a citizen's idea to a delivered result."
        }
        FooterLicense => "Source code published under the AGPL-3.0 or later.",
        FooterDataCredit => "Sample data: public petitions of the Blue House petition board",
        NavSignIn => "Sign in",
        NavSignUp => "Sign up",
        NavMe => "My account",
        SignOut => "Sign out",
        SignInTitle => "Sign in",
        SignInLead => "Sign in with your Hamkke account to propose and support innovation tasks.",
        EmailLabel => "E-mail",
        PasswordLabel => "Password",
        SignInSubmit => "Sign in now",
        NoAccount => "No account yet?",
        SignUpTitle => "Create an account",
        SignUpLead => {
            "Create an account with your e-mail address. Your password is stored only as a secure hash."
        }
        DisplayNameLabel => "Display name",
        DisplayNameHint => "Shown with your proposals and comments. 2 to 30 characters.",
        PasswordHint => "10 to 128 characters. A long sentence you remember works well.",
        SignUpSubmit => "Create account",
        HaveAccount => "Already have an account?",
        AccountTitle => "My account",
        AccountEmail => "E-mail",
        AccountName => "Display name",
        AccountLevel => "Verification level",
        LevelUnverified => "Not verified",
        LevelVerified => "Verified",
        LevelOfficial => "Official",
        AccountSince => "Member since",
        ChangePasswordTitle => "Change password",
        CurrentPassword => "Current password",
        NewPasswordLabel => "New password",
        ChangePasswordSubmit => "Change password",
        PasswordChanged => "Your password has been changed.",
        ErrBadCredentials => "The e-mail address or the password is wrong.",
        ErrTaken => "This e-mail address already has an account. Please sign in.",
        ErrUnauthorized => "Please sign in first.",
        AccountMenu => "Account menu",
        NavAdmin => "Administration",
        AccountDeleted => "Your account has been deleted. Thank you for taking part.",
        Actions => "Actions",
        CreatedAt => "Created",
        ChooseOne => "Choose one",
        Search => "Search",
        ErrForbidden => "You do not have permission to do this.",
        ErrNotFound => "That item does not exist; it may have been removed already.",
        ErrConflict => "This conflicts with the current state. Reload the page and try again.",
        ErrNameTaken => "This name is already in use.",
        ErrWrongPassword => "The password is wrong.",
        ErrConfirmWord => "Type the confirmation word exactly as shown.",
        ErrNoAccountForEmail => "No account has this e-mail address. Please check it.",
        ErrLastSignInMethod => {
            "This is the last way to sign in to this account, so it cannot be unlinked. Link another provider first."
        }
        ErrTooManyTokens => "You have too many API tokens. Revoke one you no longer use first.",
        ErrAlreadyMember => "This account is already a member of this organisation.",
        ErrRoleAlreadyHeld => "This account already holds this role in this scope.",
        ErrLastAdmin => {
            "This is the last global admin; the role cannot be revoked. Grant the admin role to someone else first."
        }
        ErrScopeId => "Enter the scope's number (1 or more) for anything but everywhere.",
        ForbiddenTitle => "You do not have access",
        ForbiddenText => {
            "You do not have permission to view this page. Ask the site's administrators if you need access."
        }
        OtherSignInTitle => "Sign in another way",
        SignInWithProvider => "Sign in with {name}",
        OidcErrState => "We could not confirm this sign-in. Please start again.",
        OidcErrExpired => "The sign-in took too long and was cancelled. Please try again.",
        OidcErrDenied => "You cancelled the sign-in, or the provider refused it.",
        OidcErrExchange => {
            "The sign-in could not be completed with the provider. Please try again shortly."
        }
        OidcErrIdToken => {
            "The provider's answer could not be verified, so you were not signed in. Please try again."
        }
        OidcErrProfile => {
            "We could not get your account details from the provider. Please try again."
        }
        OidcErrUnavailable => {
            "The sign-in provider cannot be reached. Try again shortly, or sign in another way."
        }
        OidcErrEmailTaken => {
            "An account with this e-mail address already exists. Sign in with your password, then link this provider on your account page."
        }
        OidcErrLinkedElsewhere => "This provider account is already linked to another account.",
        OidcErrInternal => "Something went wrong while signing you in. Please try again shortly.",
        OidcErrUnknown => "Signing in with the provider did not work. Please try again.",
        NoPassword => {
            "This account has no password; it signs in through its linked providers only."
        }
        LinkedLoginsTitle => "Linked sign-ins",
        LinkedLoginsLead => {
            "You can also sign in to this account with the provider accounts linked here."
        }
        LinkedSince => "linked on",
        NoLinkedLogins => "No sign-in provider is linked.",
        Unlink => "Unlink",
        LinkAnotherTitle => "Link a sign-in provider",
        LinkProvider => "Link {name}",
        ProviderLinked => "The sign-in provider has been linked.",
        ProviderUnlinked => "The sign-in provider has been unlinked.",
        ApiTokensTitle => "API tokens",
        ApiTokensLead => {
            "Scripts and programs send a token in an 'Authorization: Bearer' header to use the API (/api/v1) as you. A token can do what your account can, so keep it like a password."
        }
        NoTokens => "You have no API tokens.",
        TokenTableCaption => "Your API tokens",
        TokenName => "Token name",
        TokenNameHint => {
            "Name it after what will use it (for example: statistics script). At most 60 characters."
        }
        TokenPrefix => "Starts with",
        TokenLastUsed => "Last used",
        TokenExpires => "Expires",
        TokenExpiresIn => "Valid for",
        TokenNeverUsed => "Never used",
        TokenNeverExpires => "Never expires",
        TokenDays30 => "30 days",
        TokenDays90 => "90 days",
        TokenDays365 => "1 year",
        TokenCreateTitle => "Create a token",
        TokenCreate => "Create token",
        TokenCreated => "New API token created:",
        TokenValue => "Token",
        TokenShownOnce => {
            "This token is shown only this once. Copy it now and keep it somewhere safe; if you lose it, revoke it and create a new one."
        }
        TokenRevoke => "Revoke",
        TokenRevoked => "The API token has been revoked; it no longer works.",
        ExportTitle => "Download your data",
        ExportLead => {
            "Download everything the platform holds about your account (account, linked sign-ins, organisations, roles, API token list, site feedback, activity) as one JSON file."
        }
        ExportLink => "Download my data (JSON)",
        DeleteTitle => "Delete account",
        DeleteLead => "Deleting your account means:",
        DeleteKeepsContributions => {
            "Your public contributions, such as proposals and comments, remain and are shown as from a deleted account."
        }
        DeleteRemovesAccess => {
            "Your e-mail address, name, password, linked sign-ins, roles, organisation memberships, API tokens and all sign-in sessions are removed."
        }
        DeleteIsFinal => "This cannot be undone. Download your data first if you need it.",
        DeleteConfirmLabel => "Confirmation",
        DeleteConfirmHint => "To delete your account, type '{name}' (Korean for 'leave').",
        DeleteSubmit => "Delete my account",
        AdminTitle => "Administration",
        AdminNavLabel => "Administration menu",
        AdminOverview => "Overview",
        AdminLead => {
            "Manage organisations and their members, accounts' roles and verification levels, and read the audit log."
        }
        AdminScopedLead => {
            "You can grant roles within the scope you administer (council, committee, process or task force)."
        }
        AdminOrganisations => "Organisations",
        AdminOrganisationsText => {
            "Central agencies, local governments, public institutions, private bodies and their members"
        }
        AdminUsers => "Accounts and roles",
        AdminUsersText => "Find accounts, grant and revoke roles, set verification levels",
        AdminAudit => "Audit log",
        AdminAuditText => "Sign-ins, role changes, decisions and other security events",
        KindCentralAgency => "Central agency",
        KindLocalGovernment => "Local government",
        KindPublicInstitution => "Public institution",
        KindPrivate => "Private or civil society",
        NoOrganisations => "No organisations yet.",
        OrganisationTableCaption => "Organisations: name, kind, region, members",
        OrganisationName => "Name",
        OrganisationKindLabel => "Kind",
        OrganisationRegion => "Region",
        OrganisationRegionHint => {
            "Required for local governments; other kinds do not store a region."
        }
        OrganisationMemberCount => "Members",
        RegionNone => "None",
        OrganisationCreateTitle => "Add an organisation",
        OrganisationCreate => "Add organisation",
        OrganisationCreated => "The organisation has been added.",
        BackToOrganisations => "← All organisations",
        MembersTitle => "Members",
        NoMembers => "No members yet.",
        MemberTitle => "Title",
        MemberRemove => "Remove",
        MemberAddTitle => "Add a member",
        MemberAdd => "Add member",
        MemberEmailHint => "The e-mail address of an existing account.",
        MemberAdded => "The member has been added.",
        MemberRemoved => "The member has been removed.",
        UsersNotListed => {
            "Only global admins can list accounts. You can grant roles in your scope below."
        }
        UserSearchLabel => "Find by name or e-mail",
        UsersShownNote => "Showing at most {limit} accounts, newest first.",
        NoUsers => "No accounts match.",
        UserTableCaption => "Accounts: name, e-mail, verification level, organisations, roles",
        UserOrganisations => "Organisations",
        UserRoles => "Roles",
        UserDeleted => "Deleted",
        LevelChange => "Change",
        LevelSet => "The verification level has been changed.",
        RoleRevoke => "Revoke",
        RoleGranted => "The role has been granted.",
        RoleRevoked => "The role has been revoked.",
        RoleForumMember => "Forum member",
        RoleCommitteeMember => "Committee member",
        RoleTaskForceMember => "Task force member",
        RoleSosResponder => "SOS desk",
        RoleModerator => "Moderator",
        RoleAdmin => "Admin",
        ScopeGlobal => "Everywhere",
        ScopeCouncil => "Council",
        ScopeCommittee => "Committee",
        ScopeProcess => "Process",
        ScopeTaskForce => "Task force",
        GrantTitle => "Grant a role",
        GrantRoleLabel => "Role",
        GrantScopeLabel => "Applies to",
        GrantScopeIdLabel => "Scope number",
        GrantScopeIdHint => {
            "For anything but everywhere, the number of the council, committee, process or task force. Leave empty for everywhere."
        }
        GrantSubmit => "Grant role",
        AuditLead => {
            "The latest {limit} entries, newest first. Times are Korea Standard Time (KST)."
        }
        NoAuditEntries => "The audit log is empty.",
        AuditTime => "Time (KST)",
        AuditActor => "Actor",
        AuditAction => "Action",
        AuditTarget => "Target",
        AuditIp => "IP address",
        AuditNoActor => "System",
        NavProposals => "Proposals",
        ProposalsTitle => "Innovation proposals",
        ProposalsLead => {
            "Browse the government innovation tasks people have proposed, discuss them and support them."
        }
        NewProposal => "Propose",
        FilterTitle => "Filters",
        SearchLabel => "Search",
        FilterProcess => "Process",
        FilterArea => "Area",
        FilterRegion => "Region",
        FilterStatus => "Status",
        FilterTag => "Tag",
        FilterSort => "Order",
        FilterAll => "All",
        FilterSubmit => "Search",
        SortNewest => "Newest",
        SortMostSupported => "Most supported",
        SortMostDiscussed => "Most discussed",
        SortRandom => "Random",
        ResultCount => "Results",
        ResultUnit => "proposals",
        NoProposals => "No proposal matches.",
        NextPage => "Next page",
        SupportCountLabel => "Supports",
        CommentCountLabel => "Comments",
        StatusDraft => "Draft",
        StatusPublished => "Published",
        StatusUnderReview => "Under review",
        StatusShortlisted => "Shortlisted",
        StatusSelected => "Selected",
        StatusInProgress => "In progress",
        StatusCompleted => "Completed",
        StatusNotSelected => "Not selected",
        StatusWithdrawn => "Withdrawn",
        StatusHidden => "Hidden",
        ProposalAuthor => "Proposed by",
        DeletedUser => "Deleted account",
        ProposalOrganisations => "Collaborating organisations",
        ProposalTags => "Tags",
        ProposalProblem => "Current situation and problem",
        ProposalSolution => "Proposed improvement",
        ProposalEffect => "Expected effect",
        ProposalPublishedAt => "Published",
        SupportTitle => "Support",
        SupportButton => "Support",
        WithdrawSupport => "Withdraw support",
        Supported => "You support this",
        SignInToSupport => "Sign in to support",
        SignInToComment => "Sign in to comment",
        Follow => "Follow this proposal",
        Unfollow => "Unfollow",
        EditProposal => "Edit proposal",
        AlignmentTitle => "For and against",
        AlignmentFor => "For",
        AlignmentNeutral => "Neutral",
        AlignmentAgainst => "Against",
        TimelineTitle => "Timeline",
        EventCreated => "Proposal written",
        EventPublished => "Published",
        EventStatusChanged => "Status changed",
        EventThresholdReached => "Support threshold reached",
        EventOther => "Event",
        DiscussionTitle => "Discussion",
        NoComments => "No comments yet. Be the first.",
        CommentFormTitle => "Add a comment",
        CommentAlignment => "Your position",
        CommentBody => "Your comment",
        CommentBodyHint => "2–3,000 characters. Markdown works.",
        CommentSubmit => "Post comment",
        Reply => "Reply",
        ReplySubmit => "Post reply",
        ReplyBody => "Your reply",
        CommentDeleted => "This comment was deleted.",
        CommentHidden => "This comment was hidden by a moderator.",
        CommentEdited => "edited",
        VoteUp => "Up",
        VoteDown => "Down",
        ReportTitle => "Report",
        ReportReason => "Reason",
        ReportSpam => "Spam",
        ReportOffensive => "Offensive",
        ReportOffTopic => "Off topic",
        ReportPersonalData => "Personal data",
        ReportSubmit => "Report",
        Reported => "Your report was received.",
        NewProposalTitle => "Propose an innovation task",
        EditProposalTitle => "Edit the proposal",
        ProposalFormLead => {
            "Describe the situation and problem, your improvement and the expected effect."
        }
        ProposalTitleLabel => "Title",
        ProposalTitleHint => "5–100 characters",
        ProposalProblemHint => "20–5,000 characters",
        ProposalSolutionHint => "20–5,000 characters",
        ProposalEffectHint => "10–3,000 characters",
        ProposalTagsHint => "Separate with commas, up to 5",
        SaveDraft => "Save draft",
        Publish => "Publish",
        SimilarTitle => "Similar proposals exist — add your support to them",
        NotificationsTitle => "Notifications",
        NotificationsLink => "Notifications",
        UnreadCount => "unread notifications",
        NoNotifications => "No notifications.",
        MarkAllRead => "Mark all read",
        Unread => "Unread",
        NotifComment => "{actor} commented on “{title}”.",
        NotifReply => "{actor} replied to your comment on “{title}”.",
        NotifStatusChanged => "The status of “{title}” changed: {to}",
        NotifThresholdReached => "“{title}” reached its support threshold and goes to review.",
        NotifHidden => "Your content on “{title}” was hidden. Reason: {reason}",
        NotifRestored => "Your content on “{title}” was restored.",
        NotifOther => "News about “{title}”.",
        ModerationTitle => "Moderation",
        ModerationEmpty => "Nothing to moderate.",
        ModerationReports => "Reports",
        ModerationHide => "Hide",
        ModerationRestore => "Restore",
        ModerationReason => "Reason",
        ModerationKindProposal => "Proposal",
        ModerationKindComment => "Comment",
        ModerationHiddenNow => "Hidden",
        ModerationDone => "Done.",
        StatusChangeTitle => "Status and official answer",
        StatusChangeLead => {
            "Move the proposal along its review path and give an official answer. The answer is shown on the timeline, and the author and followers are notified."
        }
        StatusNew => "New status",
        StatusAnswer => "Official answer",
        StatusAnswerHint => "Optional, up to 5,000 characters",
        StatusSubmit => "Change status",
        StatusChanged => "The status was changed; the author and followers have been notified.",
        ErrStatusTransition => {
            "The proposal cannot move to that status from where it is now. Reload the page to see its current status."
        }
        NotifAnswer => "Answer: {answer}",
        CommentEdit => "Edit",
        CommentEditBody => "Edit your comment",
        CommentEditSubmit => "Save changes",
        CommentDelete => "Delete",
        CommentDeleteConfirm => {
            "This deletes your comment. If it has replies, a note that it was deleted stays in its place."
        }
        CommentDeleteSubmit => "Delete it",
        CommentDeletedNotice => "Your comment has been deleted.",
        ProposalOrganisationsHint => {
            "Choose the organisations that would work on it with you (optional, up to 10)."
        }
        AdminProcesses => "Processes",
        AdminProcessesText => {
            "Calls for proposals: titles, descriptions, phase dates, support thresholds"
        }
        NoProcesses => "There are no processes for you to manage.",
        ProcessTableCaption => "Processes you can manage",
        ProcessTitle => "Title",
        ProcessSlug => "Address name",
        ProcessSlugHint => "3–80 lower-case letters, digits and hyphens (e.g. 2026-national)",
        ProcessDescription => "Description",
        ProcessDescriptionHint => "Optional, up to 10,000 characters",
        AreaAny => "Any area",
        RegionAny => "Any region",
        ProcessProposeLevel => "Verification needed to propose",
        ProcessSupportLevel => "Verification needed to support",
        ProcessThreshold => "Supports that send a proposal to review",
        ProcessThresholdHint => "1 to 10,000,000; 100 if left empty",
        ProcessPerPerson => "Supports per person",
        ProcessPerPersonHint => "Leave empty for no limit.",
        ProcessPhases => "Phases",
        ProcessPhasesHint => {
            "Times are Korea Standard Time (KST). Leave both start and end empty to have no such phase."
        }
        PhaseStarts => "Starts",
        PhaseEnds => "Ends",
        PhaseIntake => "Intake",
        PhaseDeliberation => "Deliberation",
        PhaseReview => "Review",
        PhaseSelection => "Selection",
        PhaseExecution => "Execution",
        PhaseNone => "No phase open",
        ErrPhaseDates => "Give both a start and an end, with the start before the end.",
        ProcessCurrentPhase => "Current phase",
        ProcessProposalCount => "Proposals",
        ProcessCreateTitle => "Create a process",
        ProcessCreate => "Create",
        ProcessSave => "Save",
        ProcessCreated => "The process has been created.",
        ProcessSaved => "Your changes have been saved.",
        ProcessEditTitle => "Edit the process",
        BackToProcesses => "Back to the processes",
        // Committee review (심사)
        NavReviews => "Reviews",
        AccountNumber => "Account no.",
        AdminCommittees => "Review committees",
        AdminCommitteesText => {
            "Set up each process's review committee and its members, and prepare review rounds with their criteria and proposals."
        }
        CommitteesLead => {
            "The review committees of the processes you manage. Create a committee, name its members, then prepare a review round."
        }
        NoCommittees => "There are no review committees yet.",
        CommitteeTableCaption => "Review committees",
        CommitteeName => "Committee name",
        CommitteeDescription => "Description",
        CommitteeMemberCount => "Members",
        CommitteeRoundCount => "Rounds",
        CommitteeCreateTitle => "Create a review committee",
        CommitteeCreate => "Create committee",
        CommitteeCreated => "The committee has been created. Now add its members.",
        BackToCommittees => "Back to review committees",
        CommitteeLabel => "Committee",
        CommitteeMembers => "Members",
        NoCommitteeMembers => "No members yet. Add them below (at least one must chair).",
        MemberKindLabel => "Kind of member",
        MemberKindExpert => "Expert",
        MemberKindCivilian => "Civilian member",
        MemberKindOfficial => "Public official",
        MemberOrganisation => "Organisation",
        MemberOrganisationHint => {
            "The organisation the member belongs to. Proposals from it are excluded automatically as conflicts of interest."
        }
        NoOrganisation => "No organisation",
        MemberChair => "Chair",
        MemberChairLabel => "Make this member a chair",
        MemberChairHint => {
            "Chairs follow progress, send reminders, close the round and take the decisions."
        }
        ChairMake => "Make chair",
        ChairUnset => "Remove as chair",
        ChairSet => "The chair has been changed.",
        CommitteeMemberAddTitle => "Add a member",
        CommitteeMemberAdd => "Add member",
        CommitteeMemberAdded => "The member has been added.",
        CommitteeMemberRemoved => "The member has been removed.",
        MemberAccount => "E-mail address or account number",
        MemberAccountHint => {
            "Enter the account's e-mail address or its number. Account numbers are in the accounts list."
        }
        MemberAccountsLink => "See the accounts list",
        ErrNoAccount => "No account has this e-mail address or number.",
        ErrAlreadyCommitteeMember => "This person already sits on the committee.",
        ErrNeedChair => "At least one member must chair the committee.",
        ErrMembership => {
            "The membership cannot be saved: someone is listed twice, an account or organisation does not exist, or a kind is unknown."
        }
        CommitteeRounds => "This committee's review rounds",
        RoundCreateTitle => "Prepare a review round",
        RoundCreate => "Create round",
        RoundCreated => "The round has been created. Open it when it is ready.",
        RoundTitle => "Review round",
        RoundDescription => "Description",
        RoundState => "State",
        RoundStateDraft => "In preparation",
        RoundStateOpen => "Open",
        RoundStateClosed => "Closed",
        RoundDeadline => "Deadline",
        RoundDeadlineHint => "In Korea Standard Time (KST).",
        RoundProposalCount => "Proposals",
        RoundMethod => "Aggregation method",
        RoundPublicWeight => "Public preference weight (%)",
        RoundPublicWeightHint => {
            "0–100. Combined score = (100 − weight)% × committee score + weight% × public score (from supports)."
        }
        RoundBlind => "Blind review",
        RoundBlindHint => "Reviewers do not see who proposed it or their organisations.",
        RoundReviewers => "Reviewers per proposal",
        RoundReviewersHint => {
            "1–50. Empty: every member reviews every proposal. Members with a conflict of interest are left out."
        }
        RoundReviewersAll => "Every member",
        RoundReviewersEach => "{n} per proposal",
        RoundClosedAt => "Closed at",
        CriteriaTitle => "Criteria",
        CriteriaHint => {
            "For each criterion: a name, a weight (1–100) and a scale (lowest–highest; empty means 1–5). Rows without a name and a weight are ignored."
        }
        CriterionName => "Criterion",
        CriterionWeight => "Weight",
        CriterionShare => "Share",
        CriterionScale => "Scale",
        ScaleMin => "Lowest score",
        ScaleMax => "Highest score",
        ErrCriterionRow => {
            "Check the name (1–60 characters), the weight (a whole number 1–100) and a highest score above the lowest (within −100 and 100). Two criteria cannot share a name."
        }
        DefaultCriterionImpact => "Public impact",
        DefaultCriterionFeasibility => "Feasibility",
        DefaultCriterionInnovation => "Innovation",
        DefaultCriterionCollaboration => "Need for collaboration",
        EligibilityTitle => "Proposals to review",
        EligibilityHint => {
            "When the round opens, the public proposals of the process that match these conditions are taken. Listing proposal numbers takes exactly those."
        }
        EligibilityStatuses => "Proposal status",
        EligibilityMinSupports => "Minimum supports",
        EligibilityMinSupportsHint => "Empty means no minimum.",
        EligibilityProposalIds => "Hand-picked proposal numbers",
        EligibilityProposalIdsHint => "Separated by commas (e.g. 12, 15, 31).",
        AggregationMean => "Mean",
        AggregationTrimmedMean => "Trimmed mean",
        AggregationZScore => "Standard score (z-score)",
        AggregationMeanHint => "The plain mean of the reviewers' totals.",
        AggregationTrimmedMeanHint => {
            "With three or more totals, the highest and the lowest are dropped before averaging."
        }
        AggregationZScoreHint => {
            "Each reviewer's totals are standardised, cancelling generous and harsh scoring (50 + 10 × mean z)."
        }
        Yes => "Yes",
        No => "No",
        MyRoundsTitle => "My review rounds",
        MyRoundsLead => "The review rounds of the committees you sit on.",
        MyRoundsCaption => "My review rounds",
        NoRounds => "There are no review rounds yet.",
        BackToMyRounds => "Back to my review rounds",
        BackToRound => "Back to the round",
        RoundOpenTitle => "Open the round",
        RoundOpenLead => {
            "Opening fixes the proposals, checks conflicts of interest, assigns reviewers evenly and notifies them. The settings cannot change afterwards."
        }
        RoundOpen => "Open round",
        RoundOpened => "The round is open. The reviewers have been notified.",
        ErrRoundOpen => {
            "The round cannot open: no proposal matches, the committee has no members, or it is already open."
        }
        ErrRoundState => {
            "Not possible in the round's current state (in preparation, or already closed)."
        }
        RoundCloseTitle => "Close the round",
        RoundCloseLead => {
            "Closing freezes the scores and supports and publishes the report. It cannot be undone."
        }
        RoundClose => "Close round",
        RoundClosed => "The round is closed. Its report is public.",
        RankingLink => "See the ranking",
        ReportLink => "See the report",
        QueueTitle => "Proposals to review",
        QueueProgress => "Sheets submitted",
        QueueEmpty => "No proposal is assigned to you.",
        SubmittedOfTotal => "{submitted} of {total} submitted",
        ProposalColumn => "Proposal",
        SheetStateLabel => "Sheet",
        SheetNotStarted => "Not started",
        SheetDraft => "Draft",
        SheetSubmitted => "Submitted",
        SheetUpdatedAt => "Last saved",
        ProgressTitle => "Progress",
        RoundProgress => "Overall",
        ProgressByReviewer => "By reviewer",
        ProgressByProposal => "By proposal",
        ProgressAssigned => "Assigned",
        ProgressReviewers => "Reviewers",
        ReviewerName => "Reviewer",
        ConflictsCount => "Conflicts",
        ConflictsTitle => "Conflicts of interest",
        NoConflicts => "No conflicts of interest.",
        ConflictSource => "Found by",
        ConflictAutomatic => "Automatic (same organisation)",
        ConflictOwnProposal => "The reviewer wrote the proposal.",
        ConflictSameOrganisation => {
            "The reviewer sits for the proposer's organisation or a collaborating one."
        }
        ConflictAutomaticReason => {
            "Found automatically (the reason is not shown while a blind review runs)."
        }
        ConflictDeclared => "Declared by the reviewer",
        ConflictReason => "Reason",
        ConflictDate => "Recorded",
        SendReminders => "Remind reviewers",
        SendRemindersHint => "Only reviewers with unsubmitted sheets are notified.",
        RemindersSent => "{n} reviewers have been reminded.",
        ReviewProposalTitle => "Review a proposal",
        BlindNotice => {
            "This is a blind review: who proposed it and their organisations are not shown."
        }
        PublicProposalLink => "See the public proposal page",
        ConflictedNotice => {
            "You have a conflict of interest with this proposal and are excluded from its review, its scores and the committee's discussion."
        }
        NotAssignedNotice => "This proposal is not assigned to you.",
        SheetTitle => "Score sheet",
        SheetTotal => "Total (out of 100)",
        SheetSubmittedAt => "Submitted",
        SheetSavedNotice => "The sheet has been saved as a draft.",
        SheetSubmittedNotice => "The sheet has been submitted.",
        SheetRoundNotOpen => "You can score once the round opens.",
        SheetRoundClosed => "The round is closed: scores can no longer change.",
        ScoreScaleHint => "Choose a score from {scale}.",
        ScoreLabel => "Score",
        ScoresCaption => "Scores and comments per criterion",
        CriterionComment => "Comment",
        SheetComment => "Overall comment",
        SheetSubmitHint => {
            "Every criterion must be scored to submit. Until the deadline you can change and resubmit; earlier submissions are kept."
        }
        SheetSave => "Save draft",
        SheetSubmit => "Submit",
        SheetHistoryTitle => "Submission history",
        SheetVersion => "Version",
        ConflictDeclareTitle => "Declare a conflict of interest",
        ConflictDeclareLead => {
            "If you have an interest in this proposal, declare it with the reason. You will step aside and another member will be assigned."
        }
        ConflictDeclareSubmit => "Declare",
        ConflictDeclaredNotice => {
            "Your conflict of interest is recorded; you no longer review this proposal."
        }
        ErrConflictAlreadyDeclared => "You have already declared a conflict with this proposal.",
        PeerSheetsTitle => "Other reviewers' sheets",
        PeerSheetsLocked => {
            "You can see the other reviewers' scores once you have submitted yours."
        }
        PeerSheetsEmpty => "No other reviewer has submitted yet.",
        ReviewDiscussionTitle => "Committee discussion",
        ReviewDiscussionLead => "Private: only the committee's members see it.",
        NoMessages => "No messages yet.",
        ReviewMessage => "Your message",
        ReviewMessageSubmit => "Post",
        RankingTitle => "Ranking",
        RankingLead => {
            "By combined score. The spread shows each reviewer's total as a dot on a 0–100 axis."
        }
        RankingCaption => "Ranking and scores per proposal",
        RankingEmpty => "There is no proposal to rank.",
        RankLabel => "Rank",
        CommitteeScore => "Committee score",
        PublicScore => "Public score",
        CombinedScore => "Combined score",
        TotalsCount => "Totals",
        SpreadLabel => "Spread",
        NoTotals => "No totals yet",
        Disagreement => "Reviewers disagree",
        DisagreementHint => "The reviewers' totals differ by 25 points or more.",
        ConflictBadge => "Conflict of interest",
        DecisionLabel => "Decision",
        DecisionShortlisted => "Shortlisted",
        DecisionSelected => "Selected",
        DecisionNotSelected => "Not selected",
        RationaleLabel => "Rationale (public)",
        RationaleHint => {
            "At least 5 characters. Published on the proposal's timeline as the official answer."
        }
        DecisionSubmit => "Decide",
        DecisionSaved => "The decision has been recorded.",
        ErrDecisionPath => {
            "That decision is not possible from the proposal's current status: only shortlisted proposals can be selected."
        }
        RationaleEdit => "Edit the rationale",
        RationaleSubmit => "Save rationale",
        RationaleSaved => "The rationale has been changed.",
        ReportTitleLabel => "Review report",
        ReportPending => "The results are published when the review ends.",
        ReportFormula => {
            "Combined score = (100 − {w})% × committee score + {w}% × public score. The public score is the supports relative to the most supported proposal (100)."
        }
        ReportDownloads => "Downloads",
        ReportCsv => "Download CSV",
        ReportXlsx => "Download Excel",
        ReportRankingTitle => "Ranking and scores",
        ReportDecisionsTitle => "Decisions and rationales",
        NoDecisions => "No decision was recorded.",
        NotifReviewAssigned => "You have been assigned as a reviewer in ‘{round}’.",
        NotifTaskUpdate => "The task ‘{task}’ carrying out ‘{title}’ has a new progress update.",
        NotifReviewReminder => {
            "You have unsubmitted sheets in ‘{round}’. Please submit them before the deadline."
        }
        NavTasks => "Tasks",
        TasksTitle => "Task execution",
        TasksLead => {
            "How the selected proposals and the institution-managed collaboration tasks are being carried out. Progress is the weighted mean of the milestones; health follows the schedule and the outcome indicators."
        }
        TaskFiltersTitle => "Find tasks",
        FilterReset => "Clear filters",
        TaskLeadOrganisation => "Lead organisation",
        TaskHealth => "Health",
        TaskKindLabel => "Kind",
        TaskKindPriority => "Priority collaboration task",
        TaskKindInstitutionManaged => "Institution-managed task",
        HealthOnTrack => "On track",
        HealthAtRisk => "At risk",
        HealthDelayed => "Delayed",
        TaskSummaryTitle => "At a glance",
        TaskCount => "{n} tasks",
        TaskCountShort => "{n}",
        ProgressChartTitle => "Tasks by progress",
        NoTasks => "No task matches these filters.",
        TaskTableCaption => {
            "Tasks: title, kind, lead organisation, area and region, progress, health"
        }
        TaskTitleLabel => "Task",
        TaskAreaRegion => "Area · region",
        TaskProgress => "Progress",
        BackToTasks => "Back to all tasks",
        HealthOverriddenBecause => "Set by the task force because:",
        HealthDerived => "Health from the schedule and indicators:",
        TaskOrganisations => "Organisations",
        OrgRoleLead => "lead",
        OrgRolePartner => "partner",
        TaskForce => "Task force",
        TaskForceEmpty => "Not set up yet.",
        TaskForceLead => "lead",
        TaskForceMember => "member",
        TaskUpdatedAt => "Last changed",
        TaskProposal => "Original proposal",
        TaskProposalLink => "See the proposal this task comes from",
        MilestonesTitle => "Milestones",
        MilestonesLead => {
            "A milestone with sub-milestones is as far along as the weighted mean of its sub-milestones."
        }
        NoMilestones => "No milestone yet.",
        MilestoneDue => "Due date",
        MilestoneWeight => "Weight",
        MilestoneOwner => "Owner",
        MilestoneProgress => "Milestone progress",
        MilestoneStatus => "Status",
        MilestonePlanned => "Planned",
        MilestoneInProgress => "In progress",
        MilestoneDone => "Done",
        MilestoneDelayed => "Delayed",
        MilestonePercent => "Progress (%)",
        MilestoneStatusSave => "Save status",
        MilestoneSaved => "The milestone's status was saved.",
        MilestoneAddTitle => "Add a milestone",
        MilestoneTitleLabel => "Milestone",
        DateHint => "For example 2027-03-31",
        MilestoneWeightHint => {
            "1–100; 1 when empty. Its share compared with the other milestones at the same level."
        }
        MilestoneParent => "Parent milestone",
        MilestoneNoParent => "None (top level)",
        MilestonePercentHint => "0–100. Used only while the milestone is in progress or delayed.",
        MilestoneOwnerNumber => "Owner's account number",
        MilestoneOwnerHint => "The owner's account number (digits). May be left empty.",
        MilestoneAdd => "Add milestone",
        MilestoneAdded => "The milestone was added.",
        IndicatorsTitle => "Outcome indicators",
        NoIndicators => "No outcome indicator yet.",
        IndicatorBaseline => "Baseline",
        IndicatorTarget => "Target",
        IndicatorLatest => "Latest value",
        IndicatorAchieved => "Achieved",
        NoIndicatorValues => "No value recorded yet.",
        IndicatorValuesCaption => "Values, newest first",
        IndicatorDate => "Date",
        IndicatorValue => "Value",
        ChartBaseline => "base",
        ChartTarget => "target",
        IndicatorValueRecord => "Record value",
        IndicatorValueHint => "A value already recorded for the same date is replaced.",
        IndicatorValueRecorded => "The value was recorded.",
        IndicatorAddTitle => "Add an outcome indicator",
        IndicatorName => "Indicator",
        IndicatorUnit => "Unit",
        IndicatorUnitHint => "For example days, cases, %",
        IndicatorTargetHint => {
            "Must differ from the baseline; lower than the baseline when the aim is to reduce."
        }
        IndicatorAdd => "Add indicator",
        IndicatorAdded => "The indicator was added.",
        UpdatesTitle => "Progress updates",
        NoUpdates => "No progress update yet.",
        UpdateFormTitle => "Post a progress update",
        UpdateBody => "Update",
        UpdateBodyHint => {
            "5 to 5,000 characters. The proposer and the proposal's followers are notified."
        }
        UpdateLinks => "Links",
        UpdateLinksHint => "Addresses starting with http:// or https://, up to 3.",
        UpdateLinkLabel => "Link {n}",
        UpdateSubmit => "Post update",
        UpdatePosted => "The update was posted.",
        HealthFormTitle => "Set the health",
        HealthFormLead => {
            "Choose the health to show instead of the one derived from the schedule and indicators, with a reason. The reason is public."
        }
        HealthReason => "Reason",
        HealthReasonHint => "5 to 1,000 characters.",
        HealthOverride => "Set health",
        HealthSaved => "The health was set.",
        HealthClear => "Clear (back to the derived health)",
        HealthCleared => "The override was cleared; the health is derived again.",
        NavSos => "Collaboration SOS",
        RoleSosLead => "SOS desk lead",
        BackToSos => "← Back to Collaboration SOS",
        DurationDays => "{n} d",
        DurationHours => "{n} h",
        DurationMinutes => "{n} min",
        NotifTaskUpdateDirect => "The task ‘{task}’ has a new progress update.",
        NotifSosRaised => "A collaboration SOS request was raised for the task ‘{task}’: ‘{title}’",
        NotifSosAnswered => "The SOS desk responded to the request ‘{title}’ ({kind}).",
        NotifSosMessage => "The task force wrote in the SOS request ‘{title}’.",
        NotifSosAssigned => "You were assigned the SOS request ‘{title}’.",
        NotifSosEscalated => "An SOS request was escalated: ‘{title}’",
        NotifSosOverdueFirstResponse => {
            "An SOS request missed its first-response deadline: ‘{title}’"
        }
        NotifSosOverdueResolution => "An SOS request missed its resolution deadline: ‘{title}’",
        SosTitle => "Collaboration SOS",
        SosLead => {
            "Task forces carrying out tasks ask the collaboration SOS desk for help with staffing, budget, laws and regulations or coordination between organisations; the desk answers and helps resolve them within published service levels."
        }
        SosStatsTitle => "How the desk is doing",
        SosStatsLead => {
            "Anonymised statistics: no request, task or person is named. Times are working time."
        }
        SosTotal => "Requests in all",
        SosResolvedCount => "Resolved",
        SosMedianFirstResponse => "Median time to the first answer",
        SosMedianResolution => "Median time to resolution",
        SosFirstResponseOnTime => "First answers within the service level",
        SosResolutionOnTime => "Resolutions within the service level",
        SosNoData => "No data yet",
        SosByCategory => "Requests by category",
        SosByUrgency => "Requests by urgency",
        SosLevelsTitle => "Service levels (deadlines)",
        SosLevelsHint => {
            "Deadlines count working time from the request: weekends, public holidays and hours outside opening hours do not count. A day is one working day."
        }
        SosWorkingHours => "Working hours: weekdays {hours} ({zone}), except public holidays",
        SosKst => "Korea Standard Time",
        SosKstSuffix => "(KST)",
        SosRequestsTitle => "SOS requests",
        SosSignInToSee => "Sign in to see your task forces' requests.",
        SosQueueTitle => "Triage queue",
        SosQueueCaption => "SOS triage queue: most urgent and longest waiting first",
        SosQueueEmpty => "No request matches these filters.",
        SosMineTitle => "Your task forces' requests",
        SosMineCaption => "The SOS requests of your task forces",
        SosMineEmpty => "Your task forces have no open requests.",
        SosFiltersTitle => "Filter requests",
        SosFilterActive => "Active (not resolved)",
        SosFilterMine => "Only requests assigned to me",
        SosFilterOverdue => "Only overdue requests",
        SosCount => "{n} requests",
        SosOverdueCount => "{n} of them overdue",
        SosOverdue => "Overdue",
        SosTitleLabel => "Subject",
        SosTitleHint => "2–200 characters; shown in the desk's queue.",
        SosCategoryLabel => "Category",
        SosUrgencyLabel => "Urgency",
        SosUrgencyHint => {
            "The urgency sets the deadlines (see the service levels on the Collaboration SOS page)."
        }
        SosStateLabel => "State",
        SosAssignee => "Assignee",
        SosUnassigned => "Nobody yet (the whole desk)",
        SosWaiting => "Time waiting",
        SosFirstResponse => "First answer",
        SosResolution => "Resolution",
        SosTask => "Task",
        SosDue => "Due",
        SosTimeLeft => "{time} left",
        SosPastBy => "{time} past the deadline",
        SosDoneInTime => "Done in time (took {time})",
        SosDoneLate => "Done late (took {time})",
        SosCategoryStaffing => "Staffing (collaboration posts)",
        SosCategoryBudget => "Budget",
        SosCategoryLaw => "Laws and regulations",
        SosCategoryCoordination => "Coordination between organisations",
        SosCategoryOther => "Other",
        SosUrgencyUrgent => "Urgent",
        SosUrgencyHigh => "High",
        SosUrgencyNormal => "Normal",
        SosUrgencyLow => "Low",
        SosStateOpen => "Received",
        SosStateAssigned => "Assigned",
        SosStateWaitingForInfo => "Waiting for information",
        SosStateEscalated => "Escalated",
        SosStateResolved => "Resolved",
        SosKindReply => "Answer",
        SosKindRequestInfo => "Request for information",
        SosKindEscalate => "Escalation",
        SosKindResolve => "Resolution",
        SosOrganisations => "Organisations concerned",
        SosOrganisationsHint => "Choose the organisations whose help is needed (up to 20).",
        SosNoOrganisations => "None named",
        SosRequester => "Raised by",
        SosCreated => "Raised on",
        SosDescription => "What is needed",
        SosDescriptionHint => "10–5,000 characters: what is blocked and what help is needed.",
        SosTimersTitle => "Deadlines",
        SosTimersHint => {
            "Times count working time only; deadlines are shown in Korea Standard Time."
        }
        SosElapsed => "Working time used",
        SosTimerState => "Status",
        SosDoneAt => "Done on",
        SosWaitingForAnswer => "Still waiting for the desk's first answer.",
        SosThreadTitle => "Messages",
        SosNoMessages => "No messages yet.",
        SosFromDesk => "SOS desk",
        SosClosed => {
            "This request is resolved. Raise a new request from the task's page for a new difficulty."
        }
        SosAnswerTitle => "Respond for the desk",
        SosReplyTitle => "Reply",
        SosKindLabel => "What this message does",
        SosMessageBody => "Message",
        SosAnswerHint => {
            "1–5,000 characters. The task force is told. Choosing ‘Resolution’ closes the request."
        }
        SosReplyHint => {
            "1–5,000 characters. The desk is told. Answer requests for information here too."
        }
        SosSend => "Send",
        SosPosted => "Your message was sent.",
        SosRaised => "Your SOS request was received; the desk has been told.",
        SosAssignTitle => "Assign",
        SosAssignSubmit => "Save assignee",
        SosAssignedNotice => "The assignee was saved.",
        SosDeskLead => "lead",
        SosFormTitle => "Raise a collaboration SOS request",
        SosSubmit => "Send the SOS request",
        TaskSosTitle => "Collaboration SOS",
        TaskSosLead => {
            "Ask the collaboration SOS desk for help when the task is blocked. Requests and answers are seen by this task force and the desk only."
        }
        TaskSosLevelsLink => "See the service levels",
        TaskSosEmpty => "This task has no SOS requests.",
        TaskSosCaption => "This task's SOS requests",
        TaskFollowers => "{n} followers",
        TaskFollow => "Follow this task",
        TaskUnfollow => "Stop following",
        TaskFollowSignIn => "Sign in to follow its progress",
        TaskFollowed => "You follow this task: you will be told of its progress updates.",
        TaskUnfollowed => "You no longer follow this task.",
        TaskForceFormTitle => "Task force",
        TaskForceFormLead => {
            "Saving replaces the task force with this list. Members edit the task and raise SOS requests; leads also set the task force."
        }
        TaskForceCurrent => "Current members",
        TaskForceRole => "Role",
        TaskForceRemove => "Remove",
        TaskForceAdd => "Add members",
        TaskForceAddHint => {
            "Enter the e-mail address of a registered account; empty rows are skipped."
        }
        TaskForceEmailLabel => "E-mail {n}",
        TaskForceUnknownPerson => {
            "Check the e-mail addresses: each must belong to an account and be listed once."
        }
        TaskForceSave => "Save the task force",
        TaskForceSaved => "The task force was saved.",
        TaskNewTitle => "Create a task",
        TaskNewLead => {
            "Create the task that carries out a selected proposal (admins of its process), or a task without a proposal (site admins)."
        }
        TaskNoProposal => "No proposal",
        TaskProposalHint => {
            "Only selected proposals are offered; the proposal becomes ‘in progress’."
        }
        TaskDescription => "Description",
        TaskPartners => "Partner organisations",
        TaskPartnersHint => "Organisations working with the lead one (up to 50).",
        TaskCreate => "Create the task",
        TaskCreated => "The task was created.",
        AgendaMinutes => "{n} min",
        AgendaPresenter => "Presenter",
        AgendaProposal => "Proposal",
        AskButton => "Ask",
        AttendanceCounts => {
            "In the room: {room} of {room_registered} checked in; online: {online} of {online_registered} joined"
        }
        AttendanceTitle => "Attendance",
        AttendeeList => "Attendee list (printable)",
        AttendeeListHint => {
            "Print it for the door. Scanning a QR code with a phone's camera opens the check-in desk with the code filled in."
        }
        AttendeeMode => "Mode",
        AttendeePresent => "Present since (KST)",
        AttendeeState => "Registration",
        BackToCouncils => "All councils",
        CancelRegistration => "Cancel my registration",
        ChangeMode => "Change how you attend",
        ChangeModeButton => "Change",
        CheckInButton => "Check in",
        CheckInCodeHint => {
            "The 10-character code the person shows (e.g. ABCDE-FGHJK); dashes and case do not matter."
        }
        CheckInCodeLabel => "Check-in code",
        CheckInDesk => "Check-in desk",
        CheckInLead => {
            "Type the person's check-in code, or scan their QR code with a phone's camera and confirm on the page it opens."
        }
        CheckInProgress => "Checked in: {n} of {total}",
        CheckInQrLabel => "Check-in QR code",
        CheckedIn => "checked in",
        CheckedInNotice => "{name} is checked in.",
        ChooseMode => "How will you attend?",
        ClosePoll => "Close the poll",
        ClosedPollsTitle => "Results of closed polls",
        CouncilChildren => "Subcommittees and forum teams",
        CouncilKindCouncil => "Council",
        CouncilKindForumTeam => "Forum team",
        CouncilKindSubcommittee => "Subcommittee",
        CouncilMeetings => "Meetings",
        CouncilMembers => "Members",
        CouncilParent => "Part of",
        CouncilsLead => {
            "Take part in the meetings of the government innovation council, its subcommittees and citizen forum teams, in the room or online."
        }
        CouncilsTitle => "Councils and meetings",
        CreatePoll => "Create the poll",
        CurrentItem => "Now on the agenda",
        EnterLiveRoom => "Enter the live room",
        FacilitateLiveRoom => "Run the live room",
        FacilitatorTitle => "Facilitator",
        GiveFloor => "Give the floor (lower)",
        HandCountHint => {
            "{checked_in} checked in at the room, {phone} voted on a phone: at most {available} may be counted by hand."
        }
        HandCountNotice => "The hand count is saved.",
        HandsTitle => "Requests to speak",
        HideQuestion => "Hide",
        LiveConnected => "Live: updates appear as they happen.",
        LiveNoScript => "You are viewing without JavaScript; this page refreshes every 20 seconds.",
        LiveReconnecting => {
            "Connection lost; reconnecting. Anything missed is filled in when it is back."
        }
        LiveResultsStaff => "Live results, shown to the facilitator only.",
        LiveRoomTitle => "Live room",
        LiveStatic => "Refresh the page to see the latest.",
        LowerHand => "Lower my hand",
        MarkAnswered => "Mark answered",
        MeetingAgenda => "Agenda",
        MeetingBuiltInRoom => "This site's live room",
        MeetingCalendar => "Add to calendar (.ics)",
        MeetingCancelledNotice => "Your registration is cancelled.",
        MeetingCapacity => "Room capacity",
        MeetingCounts => "{room} in the room, {online} online, {waiting} waiting",
        MeetingKindHybrid => "Hybrid",
        MeetingKindInPerson => "In person",
        MeetingKindLabel => "Kind",
        MeetingKindOnline => "Online",
        MeetingOnline => "Online",
        MeetingOnlineLinkForRegistered => "Register to attend online to see the link.",
        MeetingRegisteredNotice => "Your registration is saved.",
        MeetingRegistrations => "Registrations",
        MeetingSeatsLeft => "{n} seats left",
        MeetingStaffTitle => "Running this meeting",
        MeetingStateEnded => "Ended",
        MeetingStateLabel => "State",
        MeetingStateLive => "In progress",
        MeetingStateUpcoming => "Upcoming",
        MeetingTitleLabel => "Meeting",
        MeetingVenue => "Venue",
        MeetingWhen => "When",
        MeetingsTitle => "Meetings",
        MemberName => "Name",
        MemberRoleChair => "Chair",
        MemberRoleLabel => "Role",
        MemberRoleMember => "Member",
        MemberSide => "Side",
        MembersOnly => "Members only",
        MinutesTitle => "Minutes",
        MinutesWrite => "Write the minutes",
        ModeInRoom => "In the room",
        ModeOnline => "Online",
        MoveButton => "Move",
        MoveToItem => "Move to item",
        MyCheckInCodeHint => "Show this code or the QR code at the door.",
        NavCouncils => "Councils",
        NewPoll => "New poll",
        NoAgenda => "No agenda yet.",
        NoAttendees => "Nobody has registered yet.",
        NoCouncilMembers => "No members yet.",
        NoCouncils => "No councils yet.",
        NoCurrentItem => "No item is being discussed.",
        NoHands => "No hands raised.",
        NoItem => "No item",
        NoMeetings => "No meetings to show.",
        NoOpenPoll => "No poll is open.",
        NoQuestions => "No questions yet.",
        NoUpcomingMeetings => "No upcoming meetings.",
        NotCheckedIn => "not yet",
        OpenPoll => "Open the poll",
        OpenPollTitle => "Live poll",
        PastMeetings => "Past meetings",
        PollAbstain => "Abstain",
        PollCreatedNotice => "The poll is ready; open it when it is time.",
        PollItemLabel => "Agenda item",
        PollKindLabel => "Kind",
        PollKindMultiple => "Multiple choice",
        PollKindScale => "Scale of 1–5",
        PollKindSingle => "Single choice",
        PollKindYesNoAbstain => "Yes / no / abstain",
        PollMaxChoices => "choose up to {n}",
        PollMaxLabel => "Most choices (multiple choice)",
        PollMean => "mean",
        PollNo => "No",
        PollOption => "Option",
        PollOptionsHint => {
            "For single and multiple choice, one option per line (2–20); leave empty for the other kinds."
        }
        PollOptionsLabel => "Options",
        PollQuestion => "Question",
        PollResults => "Results",
        PollStateClosed => "Closed",
        PollStateDraft => "Draft",
        PollStateOpen => "Open",
        PollTotal => "Total",
        PollVoters => "Voters: {room} in the room, {online} online, {hands} by hand count",
        PollYes => "Yes",
        PollsTitle => "Polls",
        PresentAt => "present since",
        ProvenanceHandCount => "Hand count",
        ProvenanceOnline => "Online",
        ProvenanceRoom => "Room (phones)",
        QuestionAnswered => "Answered",
        QuestionHidden => "Hidden",
        QuestionLabel => "Your question or comment",
        QuestionPostedNotice => "Your question is posted.",
        QuestionQueued => "Waiting",
        QuestionsTitle => "Questions and comments",
        RaiseHand => "Raise my hand",
        Refresh => "Refresh",
        RegisterButton => "Register",
        RegistrationCancelled => "Cancelled",
        RegistrationClosed => "The meeting has ended; registration is closed.",
        RegistrationRegistered => "Registered",
        RegistrationTitle => "Registration",
        RegistrationWaitlisted => "Waiting list",
        RequeueQuestion => "Back to the queue",
        SaveHandCount => "Save the hand count",
        ScannedCodeHint => "This code came from a QR code; check the person, then press Check in.",
        SideCivilian => "Civilian",
        SideGovernment => "Government",
        SignInToRegister => "Sign in to register.",
        UndoUpvote => "Undo upvote",
        UpcomingMeetings => "Upcoming meetings",
        UpvoteButton => "Upvote",
        Upvotes => "{n} upvotes",
        VoteButton => "Vote",
        VotedNotice => "Your vote is in.",
        WaitlistPosition => "number {n} on the waiting list",
        YourVoteIsIn => "Your vote is in ({n} chosen); you may change it while the poll is open.",
        CouncilProposals => "Proposals it deliberated",
        NoCouncilProposals => "No proposals deliberated yet.",
        NoMinutes => "No minutes published yet.",
        MinutesSavedNotice => "The draft minutes are saved.",
        MinutesPublishedNotice => {
            "The minutes are published; the linked proposals' authors and followers and the registrants have been told."
        }
        MinutesPublished => "Published",
        MinutesDraft => "Draft (seen by the organisers only)",
        MinutesAttendance => {
            "In the room: {room} (of {room_registered} registered); online: {online} (of {online_registered} registered)"
        }
        MinutesDecisions => "Decisions",
        MinutesSummary => "Summary of the discussion",
        MinutesNone => "None",
        MinutesFormHint => {
            "For each agenda item, write the decisions and a summary of the discussion. Poll results and attendance are added when you publish. Minutes can be published once the meeting has ended."
        }
        MinutesSave => "Save the draft",
        MinutesPublish => "Publish",
        MinutesUpdate => "Publish the changes",
        NotifMeetingPresenter => {
            "You are invited to present ‘{agenda}’ at the meeting ‘{meeting}’ ({starts} KST)."
        }
        NotifMeetingPromoted => {
            "A seat came free at ‘{title}’: you moved from the waiting list to registered."
        }
        NotifMeetingRegistrationCancelled => {
            "Your registration for the members-only meeting ‘{title}’ was cancelled: the member list changed."
        }
        NotifMeetingChanged => {
            "The meeting ‘{title}’ you registered for has changed its time or place; it now starts {starts} KST."
        }
        NotifMeetingReminder => "Reminder: ‘{title}’ starts {starts} KST.",
        NotifMeetingMinutes => "The minutes of ‘{title}’ are published.",
        EventMeetingMinutes => "Discussed at a meeting (minutes)",
        CheckInUnknown => "Nobody registered for this meeting has this code.",
        CheckInUsed => "This code was used already.",
        CheckInWaitlisted => "This person is on the waiting list.",
        CheckInCancelledReg => "This registration was cancelled.",
        CheckInOnline => "This person registered to attend online.",
        CheckInTooEarly => "Check-in opens an hour before the start.",
        CheckInEnded => "The meeting has ended.",
        MemberRoleSecretary => "Secretary",
        SaveChanges => "Save changes",
        CouncilCreateTitle => "New council",
        CouncilCreate => "Create the council",
        NewCouncilLink => "New council",
        CouncilManageTitle => "Manage the council",
        CouncilNameLabel => "Name",
        CouncilKindLabel => "Kind",
        CouncilDescriptionLabel => "Description",
        CouncilParentHint => {
            "A subcommittee or forum team belongs to a council; a council belongs to none."
        }
        NoParentCouncil => "No parent council",
        ErrCouncilKeepsChildren => "A council with subcommittees or forum teams stays a council.",
        CouncilCreatedNotice => "The council was created. Now add its members.",
        CouncilSavedNotice => "The council was saved.",
        CouncilMemberAddedNotice => "The member was added.",
        CouncilMemberRemovedNotice => {
            "The member was removed; their registrations for members-only meetings were cancelled."
        }
        CouncilRoleSetNotice => "The role was changed.",
        CouncilRolesHint => {
            "The chair and the secretary schedule this council's meetings and run their agenda, check-in, live room and minutes."
        }
        ChangeRole => "Change role",
        CouncilMemberAddTitle => "Add a member",
        CouncilMemberAdd => "Add the member",
        ErrAlreadyCouncilMember => "Already a member of this council.",
        ScheduleMeeting => "Schedule a meeting",
        ChooseCouncilForMeeting => "Choose the council or subcommittee holding the meeting.",
        MeetingEdit => "Edit the meeting",
        MeetingEditHint => "Registrants are told when the time or venue changes.",
        MeetingTitleField => "Title",
        MeetingDescriptionField => "Description",
        MeetingStartsField => "Starts (KST)",
        MeetingEndsField => "Ends (KST)",
        MeetingTimeHint => "In Korea Standard Time (KST). A meeting lasts at most 24 hours.",
        MeetingRoomHint => "For in-person and hybrid meetings.",
        MeetingOnlineField => "How people take part online",
        MeetingOnlineHint => {
            "For online and hybrid meetings. The site's live room has questions, hands and live polls."
        }
        MeetingRoomLink => "A video conference link",
        MeetingOnlineUrlField => "Video conference link",
        MeetingOnlineUrlHint => {
            "Only with a video conference link; starts with https://. Shown to registrants only."
        }
        VisibilityLabel => "Who may see it",
        VisibilityPublic => "Public",
        MeetingCreatedNotice => "The meeting is scheduled. Now set its agenda.",
        MeetingSavedNotice => "The meeting was saved.",
        AgendaEdit => "Edit the agenda",
        AgendaFormHint => {
            "Items are sorted by their order number. Blank rows are not saved; saving adds new blank rows. Linking a proposal tells its author and the presenter."
        }
        AgendaNewRow => "New item",
        AgendaItemN => "Item {n}",
        AgendaOrderLabel => "Order",
        AgendaTitleField => "Item title",
        AgendaDescriptionField => "Description",
        AgendaMinutesField => "Planned minutes",
        AgendaProposalField => "Linked proposal number",
        AgendaProposalHint => {
            "The number in the proposal's address (/proposals/number). Only published proposals can be linked."
        }
        ErrNoPublishedProposal => "No published proposal has that number.",
        PresenterNone => "No presenter",
        PresenterAuthor => "The proposal's author",
        AgendaRemove => "Remove this item",
        AgendaSave => "Save the agenda",
        AgendaSavedNotice => "The agenda was saved.",
        AgendaLocked => "The minutes are published: the agenda is the record and cannot change.",
        AgendaNotTold => {
            "This meeting is for members only, so the authors or presenters of these items were not told; invite them another way:"
        }
    }
}
