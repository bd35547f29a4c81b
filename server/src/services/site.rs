//! The server's implementation of [`shared::services::SiteServices`]: the
//! handle the Leptos server functions call. Each method is one service call.

use crate::error::AppError;
use crate::policy::{self, Action, Resource, Role, Scope};
use crate::services::accounts::{self, Requester, session_err};
use crate::services::oidc::{self, Providers};
use crate::services::{
    access, attendees, comments, execution, feedback, live, meetings, minutes, moderation,
    notifications, polls, privacy, processes, proposals, reference, review, room, sos, status,
    tokens,
};
use chrono::Utc;
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};
use shared::access::{
    AccessDto, AdminUserDto, ApiTokenDto, ApiTokenInput, AuditEntryDto, CreatedApiToken,
    DeleteAccountInput, MemberDto, MemberInput, OrganisationDto, OrganisationInput, ProviderDto,
    RoleGrantDto, RoleGrantInput, SignInMethodsDto,
};
use shared::account::{NewAccount, PasswordChangeInput, SignInInput, UserDto, VerificationLevel};
use shared::deliberation::{
    CommentDto, CommentEdit, CommentInput, CommentThread, MarkRead, ModerationInput,
    ModerationItem, NotificationPage, ReportInput,
};
use shared::execution::{
    HealthOverrideInput, IndicatorInput, IndicatorValueInput, MilestoneInput, PortfolioDto,
    PortfolioQuery, ProgressUpdateInput, SosAssignInput, SosDto, SosInput, SosListDto, SosQuery,
    SosReplyInput, SosStatsDto, TaskDto, TaskInput, TaskMembersInput, UpdateDto,
};
use shared::feedback::{FeedbackReceipt, NewFeedback};
use shared::meeting::{
    AgendaItemInput, CouncilDto, CouncilInput, CouncilMemberInput, CouncilSummary,
    HandCountFormDto, HandCountInput, HandDto, LiveStateDto, MeetingDto, MeetingInput,
    MeetingSummary, MinutesDto, MinutesInput, MoveAgendaInput, PollDto, PollInput, QuestionDto,
    QuestionInput, QuestionModerationInput, RegistrationDto, RegistrationInput, VoteInput,
};
use shared::meeting_page::{AttendeesDto, CheckInResultDto, MeetingPageDto};
use shared::participation::{
    ProcessDto, ProcessInput, ProposalDto, ProposalEventDto, ProposalInput, ProposalPage,
    ProposalQuery, ProposalStatus, ProposalSummary, StatusChangeInput, SupportState,
};
use shared::reference::{AreaDto, RegionDto};
use shared::review::{
    CommitteeDto, CommitteeInput, ConflictDto, ConflictInput, DecisionDto, DecisionInput,
    DiscussionInput, DiscussionMessageDto, PeerSheetDto, ProgressDto, QueueDto, RankingDto,
    RationaleInput, ReminderReceipt, ReportDto, ReviewProposalDto, RoundDto, RoundInput,
    RoundSummary, SheetDto, SheetInput,
};
use shared::services::{BoxFuture, SiteServices};
use shared::{ErrorBody, Locale};
use std::sync::Arc;

/// Services over one database pool, for one request (its session and address).
pub struct Site {
    pub db: DatabaseConnection,
    /// The configured sign-in providers.
    pub providers: Arc<Providers>,
    /// The support counters' roll-up (shared with the REST API).
    pub counters: proposals::Counters,
    /// The 협업SOS desk's calendar and service levels.
    pub desk: Arc<sos::Desk>,
    /// The live event bus of meetings (polls, the live room).
    pub live: live::Bus,
    /// The site's public address (links in check-in QR codes).
    pub base_url: String,
    /// `None` only when no session layer ran (never in the real router).
    pub requester: Option<Requester>,
}

/// Session key of a personal API token just created and not shown yet.
const NEW_TOKEN: &str = "new_api_token";

/// How long a new token waits in the session to be shown. The page after the
/// creation shows it at once; one left longer (the page was never loaded) is
/// dropped rather than shown to whoever opens the account page much later.
const NEW_TOKEN_MAX_SECS: i64 = 600;

/// A token waiting to be shown once, with whose it is and since when.
#[derive(Serialize, Deserialize)]
struct NewTokenFlash {
    user_id: i64,
    created_at: i64,
    token: CreatedApiToken,
}

impl Site {
    fn requester(&self) -> Result<&Requester, ErrorBody> {
        self.requester.as_ref().ok_or_else(|| {
            to_body(AppError::Internal(anyhow::anyhow!(
                "no session for this request"
            )))
        })
    }
}

/// Server functions get the same error body as the REST API; `Db` and
/// `Internal` are logged here (once) and become the opaque 500 body.
fn to_body(err: AppError) -> ErrorBody {
    err.log();
    err.to_body()
}

impl SiteServices for Site {
    fn current_user(&self) -> BoxFuture<'_, Result<Option<UserDto>, ErrorBody>> {
        Box::pin(async move {
            let req = self.requester()?;
            Ok(accounts::current(&self.db, req)
                .await
                .map_err(to_body)?
                .as_ref()
                .map(accounts::to_dto))
        })
    }

    fn sign_up(&self, account: NewAccount) -> BoxFuture<'_, Result<UserDto, ErrorBody>> {
        Box::pin(async move {
            let req = self.requester()?;
            Ok(accounts::to_dto(
                &accounts::sign_up(&self.db, req, account)
                    .await
                    .map_err(to_body)?,
            ))
        })
    }

    fn sign_in(&self, input: SignInInput) -> BoxFuture<'_, Result<UserDto, ErrorBody>> {
        Box::pin(async move {
            let req = self.requester()?;
            Ok(accounts::to_dto(
                &accounts::sign_in(&self.db, req, input)
                    .await
                    .map_err(to_body)?,
            ))
        })
    }

    fn sign_out(&self) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move {
            accounts::sign_out(&self.db, self.requester()?)
                .await
                .map_err(to_body)
        })
    }

    fn change_password(&self, input: PasswordChangeInput) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move {
            accounts::change_password(&self.db, self.requester()?, input)
                .await
                .map_err(to_body)
        })
    }

    fn list_areas(&self) -> BoxFuture<'_, Result<Vec<AreaDto>, ErrorBody>> {
        Box::pin(async move { reference::list_areas(&self.db).await.map_err(to_body) })
    }

    fn list_regions(&self) -> BoxFuture<'_, Result<Vec<RegionDto>, ErrorBody>> {
        Box::pin(async move { reference::list_regions(&self.db).await.map_err(to_body) })
    }

    fn submit_feedback(
        &self,
        feedback: NewFeedback,
        locale: Locale,
    ) -> BoxFuture<'_, Result<FeedbackReceipt, ErrorBody>> {
        Box::pin(async move {
            feedback::submit(&self.db, feedback, locale)
                .await
                .map_err(to_body)
        })
    }

    fn feedback_receipt(
        &self,
        receipt: String,
    ) -> BoxFuture<'_, Result<FeedbackReceipt, ErrorBody>> {
        Box::pin(async move {
            feedback::find_receipt(&self.db, &receipt)
                .await
                .map_err(to_body)
        })
    }

    fn providers(&self) -> BoxFuture<'_, Result<Vec<ProviderDto>, ErrorBody>> {
        Box::pin(async move { Ok(self.providers.public_list()) })
    }

    fn my_access(&self) -> BoxFuture<'_, Result<AccessDto, ErrorBody>> {
        Box::pin(async move {
            let req = self.requester()?;
            let Some(user) = accounts::current(&self.db, req).await.map_err(to_body)? else {
                return Ok(AccessDto::default());
            };
            let actor = accounts::actor(&self.db, &user).await.map_err(to_body)?;
            let may = |action| policy::allows(&actor, action, Resource::Site);
            Ok(AccessDto {
                signed_in: true,
                admin: may(Action::ViewAdmin),
                global_admin: actor.has(Role::Admin, Scope::Global),
                manage_organisations: may(Action::ManageOrganisations),
                list_users: may(Action::ListUsers),
                view_audit_log: may(Action::ViewAuditLog),
                create_processes: may(Action::ManageProcesses),
                // Scoped admins of a process change it too (the list shows which).
                manage_processes: may(Action::ManageProcesses)
                    || actor
                        .grants
                        .iter()
                        .any(|g| g.role == Role::Admin && matches!(g.scope, Scope::Process(_))),
            })
        })
    }

    fn sign_in_methods(&self) -> BoxFuture<'_, Result<SignInMethodsDto, ErrorBody>> {
        Box::pin(async move {
            let req = self.requester()?;
            let user = accounts::require(&self.db, req).await.map_err(to_body)?;
            let identities = oidc::list_identities(&self.db, &self.providers, req)
                .await
                .map_err(to_body)?;
            Ok(SignInMethodsDto {
                has_password: user.password_hash.is_some(),
                identities,
            })
        })
    }

    fn unlink_identity(&self, identity_id: i64) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move {
            oidc::unlink(&self.db, self.requester()?, identity_id)
                .await
                .map_err(to_body)
        })
    }

    fn list_tokens(&self) -> BoxFuture<'_, Result<Vec<ApiTokenDto>, ErrorBody>> {
        Box::pin(async move {
            tokens::list(&self.db, self.requester()?)
                .await
                .map_err(to_body)
        })
    }

    fn create_token(&self, input: ApiTokenInput) -> BoxFuture<'_, Result<ApiTokenDto, ErrorBody>> {
        Box::pin(async move {
            let req = self.requester()?;
            let created = tokens::create(&self.db, req, input)
                .await
                .map_err(to_body)?;
            let user_id = accounts::require(&self.db, req).await.map_err(to_body)?.id;
            let info = created.info.clone();
            let flash = NewTokenFlash {
                user_id,
                created_at: Utc::now().timestamp(),
                token: created,
            };
            req.session
                .insert(NEW_TOKEN, flash)
                .await
                .map_err(|e| to_body(session_err(e)))?;
            Ok(info)
        })
    }

    fn take_new_token(&self) -> BoxFuture<'_, Result<Option<CreatedApiToken>, ErrorBody>> {
        Box::pin(async move {
            let req = self.requester()?;
            // Anonymous visitors have nothing waiting (and get no session made for them).
            let Some(user) = accounts::current(&self.db, req).await.map_err(to_body)? else {
                return Ok(None);
            };
            // Looked at before removing: removing marks the session changed
            // (a write to the store), which most page loads do not need.
            if req
                .session
                .get_value(NEW_TOKEN)
                .await
                .map_err(|e| to_body(session_err(e)))?
                .is_none()
            {
                return Ok(None);
            }
            let value = req
                .session
                .remove_value(NEW_TOKEN)
                .await
                .map_err(|e| to_body(session_err(e)))?;
            // A value of another shape (left by an older version) is just dropped.
            let flash = value.and_then(|v| serde_json::from_value::<NewTokenFlash>(v).ok());
            let fresh = |f: &NewTokenFlash| {
                (0..=NEW_TOKEN_MAX_SECS).contains(&(Utc::now().timestamp() - f.created_at))
            };
            Ok(flash
                .filter(|f| f.user_id == user.id && fresh(f))
                .map(|f| f.token))
        })
    }

    fn revoke_token(&self, token_id: i64) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move {
            tokens::revoke(&self.db, self.requester()?, token_id)
                .await
                .map_err(to_body)
        })
    }

    fn delete_account(&self, input: DeleteAccountInput) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move {
            privacy::delete_account(&self.db, self.requester()?, input)
                .await
                .map_err(to_body)
        })
    }

    fn list_organisations(&self) -> BoxFuture<'_, Result<Vec<OrganisationDto>, ErrorBody>> {
        Box::pin(async move { access::list_organisations(&self.db).await.map_err(to_body) })
    }

    fn organisation(&self, org_id: i64) -> BoxFuture<'_, Result<OrganisationDto, ErrorBody>> {
        Box::pin(async move {
            let all = access::list_organisations(&self.db)
                .await
                .map_err(to_body)?;
            all.into_iter()
                .find(|o| o.id == org_id)
                .ok_or_else(|| to_body(AppError::NotFound))
        })
    }

    fn create_organisation(
        &self,
        input: OrganisationInput,
    ) -> BoxFuture<'_, Result<OrganisationDto, ErrorBody>> {
        Box::pin(async move {
            access::create_organisation(&self.db, self.requester()?, input)
                .await
                .map_err(to_body)
        })
    }

    fn list_members(&self, org_id: i64) -> BoxFuture<'_, Result<Vec<MemberDto>, ErrorBody>> {
        Box::pin(async move {
            access::list_members(&self.db, self.requester()?, org_id)
                .await
                .map_err(to_body)
        })
    }

    fn add_member(
        &self,
        org_id: i64,
        input: MemberInput,
    ) -> BoxFuture<'_, Result<MemberDto, ErrorBody>> {
        Box::pin(async move {
            access::add_member(&self.db, self.requester()?, org_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn remove_member(&self, org_id: i64, user_id: i64) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move {
            access::remove_member(&self.db, self.requester()?, org_id, user_id)
                .await
                .map_err(to_body)
        })
    }

    fn list_users(
        &self,
        query: Option<String>,
        limit: u64,
    ) -> BoxFuture<'_, Result<Vec<AdminUserDto>, ErrorBody>> {
        Box::pin(async move {
            access::list_users(&self.db, self.requester()?, query.as_deref(), limit)
                .await
                .map_err(to_body)
        })
    }

    fn grant_role(&self, input: RoleGrantInput) -> BoxFuture<'_, Result<RoleGrantDto, ErrorBody>> {
        Box::pin(async move {
            access::grant_role(&self.db, self.requester()?, input)
                .await
                .map_err(to_body)
        })
    }

    fn revoke_role(&self, grant_id: i64) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move {
            access::revoke_role(&self.db, self.requester()?, grant_id)
                .await
                .map_err(to_body)
        })
    }

    fn set_verification(
        &self,
        user_id: i64,
        level: VerificationLevel,
    ) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move {
            access::set_verification(&self.db, self.requester()?, user_id, level)
                .await
                .map_err(to_body)
        })
    }

    fn audit_log(&self, limit: u64) -> BoxFuture<'_, Result<Vec<AuditEntryDto>, ErrorBody>> {
        Box::pin(async move {
            let rows = access::audit_log(&self.db, self.requester()?, limit)
                .await
                .map_err(to_body)?;
            rows.into_iter()
                .map(|row| {
                    serde_json::from_value(row).map_err(|e| {
                        to_body(AppError::Internal(anyhow::anyhow!(
                            "audit entry in an unexpected shape: {e}"
                        )))
                    })
                })
                .collect()
        })
    }

    fn list_processes(&self) -> BoxFuture<'_, Result<Vec<ProcessDto>, ErrorBody>> {
        Box::pin(async move { processes::list(&self.db, false).await.map_err(to_body) })
    }

    fn list_proposals(
        &self,
        query: ProposalQuery,
    ) -> BoxFuture<'_, Result<ProposalPage, ErrorBody>> {
        Box::pin(async move { proposals::list(&self.db, &query).await.map_err(to_body) })
    }

    fn proposal(&self, id: i64) -> BoxFuture<'_, Result<ProposalDto, ErrorBody>> {
        Box::pin(async move {
            proposals::get(&self.db, self.requester()?, id)
                .await
                .map_err(to_body)
        })
    }

    fn create_proposal(
        &self,
        input: ProposalInput,
        publish: bool,
    ) -> BoxFuture<'_, Result<ProposalDto, ErrorBody>> {
        Box::pin(async move {
            proposals::create(&self.db, self.requester()?, input, publish)
                .await
                .map_err(to_body)
        })
    }

    fn update_proposal(
        &self,
        id: i64,
        input: ProposalInput,
    ) -> BoxFuture<'_, Result<ProposalDto, ErrorBody>> {
        Box::pin(async move {
            proposals::update(&self.db, self.requester()?, id, input)
                .await
                .map_err(to_body)
        })
    }

    fn publish_proposal(&self, id: i64) -> BoxFuture<'_, Result<ProposalDto, ErrorBody>> {
        Box::pin(async move {
            proposals::publish(&self.db, self.requester()?, id)
                .await
                .map_err(to_body)
        })
    }

    fn proposal_timeline(
        &self,
        id: i64,
    ) -> BoxFuture<'_, Result<Vec<ProposalEventDto>, ErrorBody>> {
        Box::pin(async move {
            proposals::timeline(&self.db, self.requester()?, id)
                .await
                .map_err(to_body)
        })
    }

    fn support(&self, id: i64) -> BoxFuture<'_, Result<SupportState, ErrorBody>> {
        Box::pin(async move {
            let (state, _created) =
                proposals::support(&self.db, &self.counters, self.requester()?, id)
                    .await
                    .map_err(to_body)?;
            Ok(state)
        })
    }

    fn withdraw_support(&self, id: i64) -> BoxFuture<'_, Result<SupportState, ErrorBody>> {
        Box::pin(async move {
            proposals::withdraw_support(&self.db, &self.counters, self.requester()?, id)
                .await
                .map_err(to_body)
        })
    }

    fn similar_proposals(
        &self,
        title: String,
        text: String,
        limit: u64,
    ) -> BoxFuture<'_, Result<Vec<ProposalSummary>, ErrorBody>> {
        Box::pin(async move {
            proposals::similar(&self.db, &title, &text, limit)
                .await
                .map_err(to_body)
        })
    }

    fn comment_thread(&self, proposal_id: i64) -> BoxFuture<'_, Result<CommentThread, ErrorBody>> {
        Box::pin(async move {
            comments::thread(&self.db, self.requester()?, proposal_id, None)
                .await
                .map_err(to_body)
        })
    }

    fn create_comment(
        &self,
        proposal_id: i64,
        input: CommentInput,
    ) -> BoxFuture<'_, Result<CommentDto, ErrorBody>> {
        Box::pin(async move {
            comments::create(&self.db, self.requester()?, proposal_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn vote_comment(&self, comment_id: i64, value: i32) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move {
            comments::vote(&self.db, self.requester()?, comment_id, value)
                .await
                .map_err(to_body)?;
            Ok(())
        })
    }

    fn set_following(
        &self,
        proposal_id: i64,
        follow: bool,
    ) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move {
            let req = self.requester()?;
            if follow {
                notifications::follow_proposal(&self.db, req, proposal_id)
                    .await
                    .map_err(to_body)
            } else {
                notifications::unfollow_proposal(&self.db, req, proposal_id)
                    .await
                    .map_err(to_body)
            }
        })
    }

    fn is_following(&self, proposal_id: i64) -> BoxFuture<'_, Result<bool, ErrorBody>> {
        Box::pin(async move {
            let Some(user) = accounts::current(&self.db, self.requester()?)
                .await
                .map_err(to_body)?
            else {
                return Ok(false);
            };
            notifications::is_following(&self.db, user.id, proposal_id)
                .await
                .map_err(to_body)
        })
    }

    fn notifications(&self, limit: u64) -> BoxFuture<'_, Result<NotificationPage, ErrorBody>> {
        Box::pin(async move {
            notifications::list(&self.db, self.requester()?, false, limit)
                .await
                .map_err(to_body)
        })
    }

    fn mark_notifications_read(&self) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move {
            notifications::mark_read(&self.db, self.requester()?, MarkRead { ids: None })
                .await
                .map_err(to_body)?;
            Ok(())
        })
    }

    fn unread_notifications(&self) -> BoxFuture<'_, Result<u64, ErrorBody>> {
        Box::pin(async move {
            let Some(user) = accounts::current(&self.db, self.requester()?)
                .await
                .map_err(to_body)?
            else {
                return Ok(0);
            };
            notifications::unread_count(&self.db, user.id)
                .await
                .map_err(to_body)
        })
    }

    fn report(
        &self,
        kind: String,
        id: i64,
        input: ReportInput,
    ) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move {
            moderation::report(&self.db, self.requester()?, &kind, id, input)
                .await
                .map_err(to_body)
        })
    }

    fn moderation_queue(&self) -> BoxFuture<'_, Result<Vec<ModerationItem>, ErrorBody>> {
        Box::pin(async move {
            moderation::queue(&self.db, self.requester()?)
                .await
                .map_err(to_body)
        })
    }

    fn moderate(
        &self,
        kind: String,
        id: i64,
        hide: bool,
        input: ModerationInput,
    ) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move {
            moderation::decide(&self.db, self.requester()?, &kind, id, hide, input)
                .await
                .map_err(to_body)
        })
    }

    fn edit_comment(
        &self,
        comment_id: i64,
        input: CommentEdit,
    ) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move {
            comments::edit(&self.db, self.requester()?, comment_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn delete_comment(&self, comment_id: i64) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move {
            comments::delete(&self.db, self.requester()?, comment_id)
                .await
                .map_err(to_body)
        })
    }

    fn status_options(
        &self,
        proposal_id: i64,
    ) -> BoxFuture<'_, Result<Vec<ProposalStatus>, ErrorBody>> {
        Box::pin(async move {
            status::options(&self.db, self.requester()?, proposal_id)
                .await
                .map_err(to_body)
        })
    }

    fn change_status(
        &self,
        proposal_id: i64,
        input: StatusChangeInput,
    ) -> BoxFuture<'_, Result<ProposalDto, ErrorBody>> {
        Box::pin(async move {
            status::change(&self.db, self.requester()?, proposal_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn managed_processes(&self) -> BoxFuture<'_, Result<Vec<ProcessDto>, ErrorBody>> {
        Box::pin(async move {
            processes::manageable(&self.db, self.requester()?)
                .await
                .map_err(to_body)
        })
    }

    fn process_for_edit(&self, process_id: i64) -> BoxFuture<'_, Result<ProcessDto, ErrorBody>> {
        Box::pin(async move {
            processes::get_for_edit(&self.db, self.requester()?, process_id)
                .await
                .map_err(to_body)
        })
    }

    fn create_process(&self, input: ProcessInput) -> BoxFuture<'_, Result<ProcessDto, ErrorBody>> {
        Box::pin(async move {
            processes::create(&self.db, self.requester()?, input)
                .await
                .map_err(to_body)
        })
    }

    fn update_process(
        &self,
        process_id: i64,
        input: ProcessInput,
    ) -> BoxFuture<'_, Result<ProcessDto, ErrorBody>> {
        Box::pin(async move {
            processes::update(&self.db, self.requester()?, process_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn create_committee(
        &self,
        input: CommitteeInput,
    ) -> BoxFuture<'_, Result<CommitteeDto, ErrorBody>> {
        Box::pin(async move {
            review::create_committee(&self.db, self.requester()?, input)
                .await
                .map_err(to_body)
        })
    }

    fn update_committee(
        &self,
        committee_id: i64,
        input: CommitteeInput,
    ) -> BoxFuture<'_, Result<CommitteeDto, ErrorBody>> {
        Box::pin(async move {
            review::update_committee(&self.db, self.requester()?, committee_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn committee(&self, committee_id: i64) -> BoxFuture<'_, Result<CommitteeDto, ErrorBody>> {
        Box::pin(async move {
            review::get_committee(&self.db, self.requester()?, committee_id)
                .await
                .map_err(to_body)
        })
    }

    fn list_committees(&self) -> BoxFuture<'_, Result<Vec<CommitteeDto>, ErrorBody>> {
        Box::pin(async move {
            review::list_committees(&self.db, self.requester()?)
                .await
                .map_err(to_body)
        })
    }

    fn create_round(&self, input: RoundInput) -> BoxFuture<'_, Result<RoundDto, ErrorBody>> {
        Box::pin(async move {
            review::create_round(&self.db, self.requester()?, input)
                .await
                .map_err(to_body)
        })
    }

    fn update_round(
        &self,
        round_id: i64,
        input: RoundInput,
    ) -> BoxFuture<'_, Result<RoundDto, ErrorBody>> {
        Box::pin(async move {
            review::update_round(&self.db, self.requester()?, round_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn round(&self, round_id: i64) -> BoxFuture<'_, Result<RoundDto, ErrorBody>> {
        Box::pin(async move {
            review::get_round(&self.db, self.requester()?, round_id)
                .await
                .map_err(to_body)
        })
    }

    fn list_rounds(
        &self,
        process_id: Option<i64>,
    ) -> BoxFuture<'_, Result<Vec<RoundSummary>, ErrorBody>> {
        Box::pin(async move {
            review::list_rounds(&self.db, self.requester()?, process_id)
                .await
                .map_err(to_body)
        })
    }

    fn my_rounds(&self) -> BoxFuture<'_, Result<Vec<RoundSummary>, ErrorBody>> {
        Box::pin(async move {
            review::my_rounds(&self.db, self.requester()?)
                .await
                .map_err(to_body)
        })
    }

    fn open_round(&self, round_id: i64) -> BoxFuture<'_, Result<RoundDto, ErrorBody>> {
        Box::pin(async move {
            review::open_round(&self.db, self.requester()?, round_id)
                .await
                .map_err(to_body)
        })
    }

    fn close_round(&self, round_id: i64) -> BoxFuture<'_, Result<RoundDto, ErrorBody>> {
        Box::pin(async move {
            review::close_round(&self.db, self.requester()?, round_id)
                .await
                .map_err(to_body)
        })
    }

    fn review_queue(&self, round_id: i64) -> BoxFuture<'_, Result<QueueDto, ErrorBody>> {
        Box::pin(async move {
            review::queue(&self.db, self.requester()?, round_id)
                .await
                .map_err(to_body)
        })
    }

    fn review_proposal(
        &self,
        round_id: i64,
        proposal_id: i64,
    ) -> BoxFuture<'_, Result<ReviewProposalDto, ErrorBody>> {
        Box::pin(async move {
            review::proposal(&self.db, self.requester()?, round_id, proposal_id)
                .await
                .map_err(to_body)
        })
    }

    fn review_sheet(
        &self,
        round_id: i64,
        proposal_id: i64,
    ) -> BoxFuture<'_, Result<SheetDto, ErrorBody>> {
        Box::pin(async move {
            review::sheet(&self.db, self.requester()?, round_id, proposal_id)
                .await
                .map_err(to_body)
        })
    }

    fn save_sheet(
        &self,
        round_id: i64,
        proposal_id: i64,
        input: SheetInput,
    ) -> BoxFuture<'_, Result<SheetDto, ErrorBody>> {
        Box::pin(async move {
            review::save_sheet(&self.db, self.requester()?, round_id, proposal_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn peer_sheets(
        &self,
        round_id: i64,
        proposal_id: i64,
    ) -> BoxFuture<'_, Result<Vec<PeerSheetDto>, ErrorBody>> {
        Box::pin(async move {
            review::peer_sheets(&self.db, self.requester()?, round_id, proposal_id)
                .await
                .map_err(to_body)
        })
    }

    fn declare_conflict(
        &self,
        round_id: i64,
        input: ConflictInput,
    ) -> BoxFuture<'_, Result<ConflictDto, ErrorBody>> {
        Box::pin(async move {
            review::declare_conflict(&self.db, self.requester()?, round_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn review_discussion(
        &self,
        round_id: i64,
        proposal_id: i64,
    ) -> BoxFuture<'_, Result<Vec<DiscussionMessageDto>, ErrorBody>> {
        Box::pin(async move {
            review::discussion(&self.db, self.requester()?, round_id, proposal_id)
                .await
                .map_err(to_body)
        })
    }

    fn post_review_message(
        &self,
        round_id: i64,
        proposal_id: i64,
        input: DiscussionInput,
    ) -> BoxFuture<'_, Result<DiscussionMessageDto, ErrorBody>> {
        Box::pin(async move {
            review::post_discussion(&self.db, self.requester()?, round_id, proposal_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn review_progress(&self, round_id: i64) -> BoxFuture<'_, Result<ProgressDto, ErrorBody>> {
        Box::pin(async move {
            review::progress(&self.db, self.requester()?, round_id)
                .await
                .map_err(to_body)
        })
    }

    fn send_review_reminders(
        &self,
        round_id: i64,
    ) -> BoxFuture<'_, Result<ReminderReceipt, ErrorBody>> {
        Box::pin(async move {
            review::remind(&self.db, self.requester()?, round_id)
                .await
                .map_err(to_body)
        })
    }

    fn review_ranking(&self, round_id: i64) -> BoxFuture<'_, Result<RankingDto, ErrorBody>> {
        Box::pin(async move {
            review::ranking(&self.db, self.requester()?, round_id)
                .await
                .map_err(to_body)
        })
    }

    fn decide_proposal(
        &self,
        round_id: i64,
        input: DecisionInput,
    ) -> BoxFuture<'_, Result<DecisionDto, ErrorBody>> {
        Box::pin(async move {
            review::decide(&self.db, self.requester()?, round_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn edit_rationale(
        &self,
        round_id: i64,
        proposal_id: i64,
        input: RationaleInput,
    ) -> BoxFuture<'_, Result<DecisionDto, ErrorBody>> {
        Box::pin(async move {
            review::edit_rationale(&self.db, self.requester()?, round_id, proposal_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn round_report(&self, round_id: i64) -> BoxFuture<'_, Result<ReportDto, ErrorBody>> {
        Box::pin(async move { review::report(&self.db, round_id).await.map_err(to_body) })
    }

    fn task_portfolio(
        &self,
        query: PortfolioQuery,
    ) -> BoxFuture<'_, Result<PortfolioDto, ErrorBody>> {
        Box::pin(async move {
            execution::portfolio(&self.db, &query)
                .await
                .map_err(to_body)
        })
    }

    fn task(&self, task_id: i64) -> BoxFuture<'_, Result<TaskDto, ErrorBody>> {
        Box::pin(async move {
            execution::get(&self.db, self.requester()?, task_id)
                .await
                .map_err(to_body)
        })
    }

    fn add_milestone(
        &self,
        task_id: i64,
        input: MilestoneInput,
    ) -> BoxFuture<'_, Result<TaskDto, ErrorBody>> {
        Box::pin(async move {
            execution::add_milestone(&self.db, self.requester()?, task_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn update_milestone(
        &self,
        task_id: i64,
        milestone_id: i64,
        input: MilestoneInput,
    ) -> BoxFuture<'_, Result<TaskDto, ErrorBody>> {
        Box::pin(async move {
            execution::update_milestone(&self.db, self.requester()?, task_id, milestone_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn add_task_update(
        &self,
        task_id: i64,
        input: ProgressUpdateInput,
    ) -> BoxFuture<'_, Result<UpdateDto, ErrorBody>> {
        Box::pin(async move {
            execution::add_update(&self.db, self.requester()?, task_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn add_indicator(
        &self,
        task_id: i64,
        input: IndicatorInput,
    ) -> BoxFuture<'_, Result<TaskDto, ErrorBody>> {
        Box::pin(async move {
            execution::add_indicator(&self.db, self.requester()?, task_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn add_indicator_value(
        &self,
        task_id: i64,
        indicator_id: i64,
        input: IndicatorValueInput,
    ) -> BoxFuture<'_, Result<TaskDto, ErrorBody>> {
        Box::pin(async move {
            execution::add_indicator_value(
                &self.db,
                self.requester()?,
                task_id,
                indicator_id,
                input,
            )
            .await
            .map_err(to_body)
        })
    }

    fn override_health(
        &self,
        task_id: i64,
        input: Option<HealthOverrideInput>,
    ) -> BoxFuture<'_, Result<TaskDto, ErrorBody>> {
        Box::pin(async move {
            execution::override_health(&self.db, self.requester()?, task_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn create_task(&self, input: TaskInput) -> BoxFuture<'_, Result<TaskDto, ErrorBody>> {
        Box::pin(async move {
            execution::create(&self.db, self.requester()?, input)
                .await
                .map_err(to_body)
        })
    }

    fn set_task_members(
        &self,
        task_id: i64,
        input: TaskMembersInput,
    ) -> BoxFuture<'_, Result<TaskDto, ErrorBody>> {
        Box::pin(async move {
            execution::set_members(&self.db, self.requester()?, task_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn follow_task(&self, task_id: i64, on: bool) -> BoxFuture<'_, Result<bool, ErrorBody>> {
        Box::pin(async move {
            execution::follow(&self.db, self.requester()?, task_id, on)
                .await
                .map_err(to_body)
        })
    }

    fn raise_sos(&self, task_id: i64, input: SosInput) -> BoxFuture<'_, Result<SosDto, ErrorBody>> {
        Box::pin(async move {
            sos::raise(&self.db, &self.desk, self.requester()?, task_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn sos(&self, id: i64) -> BoxFuture<'_, Result<SosDto, ErrorBody>> {
        Box::pin(async move {
            sos::get(&self.db, &self.desk, self.requester()?, id)
                .await
                .map_err(to_body)
        })
    }

    fn sos_list(&self, query: SosQuery) -> BoxFuture<'_, Result<SosListDto, ErrorBody>> {
        Box::pin(async move {
            sos::list(&self.db, &self.desk, self.requester()?, &query)
                .await
                .map_err(to_body)
        })
    }

    fn post_sos_message(
        &self,
        id: i64,
        input: SosReplyInput,
    ) -> BoxFuture<'_, Result<SosDto, ErrorBody>> {
        Box::pin(async move {
            sos::post_message(&self.db, &self.desk, self.requester()?, id, input)
                .await
                .map_err(to_body)
        })
    }

    fn assign_sos(
        &self,
        id: i64,
        input: SosAssignInput,
    ) -> BoxFuture<'_, Result<SosDto, ErrorBody>> {
        Box::pin(async move {
            sos::assign(&self.db, &self.desk, self.requester()?, id, input)
                .await
                .map_err(to_body)
        })
    }

    fn sos_stats(&self) -> BoxFuture<'_, Result<SosStatsDto, ErrorBody>> {
        Box::pin(async move { sos::stats(&self.db, &self.desk).await.map_err(to_body) })
    }

    fn councils(&self) -> BoxFuture<'_, Result<Vec<CouncilSummary>, ErrorBody>> {
        Box::pin(async move { meetings::list_councils(&self.db).await.map_err(to_body) })
    }

    fn council(&self, id: i64) -> BoxFuture<'_, Result<CouncilDto, ErrorBody>> {
        Box::pin(async move {
            meetings::get_council(&self.db, self.requester()?, id)
                .await
                .map_err(to_body)
        })
    }

    fn meetings(
        &self,
        council: Option<i64>,
    ) -> BoxFuture<'_, Result<Vec<MeetingSummary>, ErrorBody>> {
        Box::pin(async move {
            meetings::list_meetings(
                &self.db,
                self.requester()?,
                &meetings::MeetingQuery { council },
            )
            .await
            .map_err(to_body)
        })
    }

    fn meeting(&self, id: i64) -> BoxFuture<'_, Result<MeetingPageDto, ErrorBody>> {
        Box::pin(async move {
            attendees::page(&self.db, self.requester()?, id, &self.base_url)
                .await
                .map_err(to_body)
        })
    }

    fn register_for_meeting(
        &self,
        id: i64,
        input: RegistrationInput,
    ) -> BoxFuture<'_, Result<RegistrationDto, ErrorBody>> {
        Box::pin(async move {
            meetings::register(&self.db, self.requester()?, id, input)
                .await
                .map_err(to_body)
        })
    }

    fn cancel_registration(&self, id: i64) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move {
            meetings::cancel(&self.db, self.requester()?, id)
                .await
                .map_err(to_body)
        })
    }

    fn attendees(&self, id: i64) -> BoxFuture<'_, Result<AttendeesDto, ErrorBody>> {
        Box::pin(async move {
            attendees::list(&self.db, self.requester()?, id, &self.base_url)
                .await
                .map_err(to_body)
        })
    }

    fn check_in(
        &self,
        id: i64,
        code: String,
    ) -> BoxFuture<'_, Result<CheckInResultDto, ErrorBody>> {
        Box::pin(async move {
            attendees::check_in(&self.db, &self.live, self.requester()?, id, code)
                .await
                .map_err(to_body)
        })
    }

    fn meeting_polls(&self, id: i64) -> BoxFuture<'_, Result<Vec<PollDto>, ErrorBody>> {
        Box::pin(async move {
            polls::list(&self.db, self.requester()?, id)
                .await
                .map_err(to_body)
        })
    }

    fn create_poll(
        &self,
        meeting_id: i64,
        input: PollInput,
    ) -> BoxFuture<'_, Result<PollDto, ErrorBody>> {
        Box::pin(async move {
            polls::create(&self.db, self.requester()?, meeting_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn move_poll(&self, poll_id: i64, open: bool) -> BoxFuture<'_, Result<PollDto, ErrorBody>> {
        Box::pin(async move {
            let req = self.requester()?;
            let moved = if open {
                polls::open(&self.db, &self.live, req, poll_id).await
            } else {
                polls::close(&self.db, &self.live, req, poll_id).await
            };
            moved.map_err(to_body)
        })
    }

    fn vote(&self, poll_id: i64, input: VoteInput) -> BoxFuture<'_, Result<PollDto, ErrorBody>> {
        Box::pin(async move {
            polls::vote(&self.db, &self.live, self.requester()?, poll_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn hand_count(
        &self,
        poll_id: i64,
        input: HandCountInput,
    ) -> BoxFuture<'_, Result<PollDto, ErrorBody>> {
        Box::pin(async move {
            polls::hand_count(&self.db, &self.live, self.requester()?, poll_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn hand_count_form(&self, poll_id: i64) -> BoxFuture<'_, Result<HandCountFormDto, ErrorBody>> {
        Box::pin(async move {
            polls::hand_count_form(&self.db, self.requester()?, poll_id)
                .await
                .map_err(to_body)
        })
    }

    fn live_state(&self, meeting_id: i64) -> BoxFuture<'_, Result<LiveStateDto, ErrorBody>> {
        Box::pin(async move {
            room::join(&self.db, &self.live, self.requester()?, meeting_id)
                .await
                .map_err(to_body)
        })
    }

    fn move_agenda(
        &self,
        meeting_id: i64,
        agenda_item_id: Option<i64>,
    ) -> BoxFuture<'_, Result<LiveStateDto, ErrorBody>> {
        Box::pin(async move {
            let input = MoveAgendaInput {
                agenda_item_id,
                step: None,
            };
            room::move_agenda(&self.db, &self.live, self.requester()?, meeting_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn post_question(
        &self,
        meeting_id: i64,
        input: QuestionInput,
    ) -> BoxFuture<'_, Result<QuestionDto, ErrorBody>> {
        Box::pin(async move {
            room::post_question(&self.db, &self.live, self.requester()?, meeting_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn upvote_question(
        &self,
        question_id: i64,
        up: bool,
    ) -> BoxFuture<'_, Result<QuestionDto, ErrorBody>> {
        Box::pin(async move {
            room::upvote_question(&self.db, &self.live, self.requester()?, question_id, up)
                .await
                .map_err(to_body)
        })
    }

    fn moderate_question(
        &self,
        question_id: i64,
        state: String,
    ) -> BoxFuture<'_, Result<QuestionDto, ErrorBody>> {
        Box::pin(async move {
            room::moderate_question(
                &self.db,
                &self.live,
                self.requester()?,
                question_id,
                QuestionModerationInput { state },
            )
            .await
            .map_err(to_body)
        })
    }

    fn raise_hand(&self, meeting_id: i64) -> BoxFuture<'_, Result<HandDto, ErrorBody>> {
        Box::pin(async move {
            room::raise_hand(&self.db, &self.live, self.requester()?, meeting_id)
                .await
                .map_err(to_body)
        })
    }

    fn lower_hand(
        &self,
        meeting_id: i64,
        user_id: Option<i64>,
    ) -> BoxFuture<'_, Result<(), ErrorBody>> {
        Box::pin(async move {
            room::lower_hand(&self.db, &self.live, self.requester()?, meeting_id, user_id)
                .await
                .map_err(to_body)
        })
    }

    fn minutes(&self, meeting_id: i64) -> BoxFuture<'_, Result<MinutesDto, ErrorBody>> {
        Box::pin(async move {
            minutes::get(&self.db, self.requester()?, meeting_id)
                .await
                .map_err(to_body)
        })
    }

    fn save_minutes(
        &self,
        meeting_id: i64,
        input: MinutesInput,
    ) -> BoxFuture<'_, Result<MinutesDto, ErrorBody>> {
        Box::pin(async move {
            minutes::save(&self.db, self.requester()?, meeting_id, input)
                .await
                .map_err(to_body)
        })
    }

    fn create_council(&self, input: CouncilInput) -> BoxFuture<'_, Result<CouncilDto, ErrorBody>> {
        Box::pin(async move {
            meetings::create_council(&self.db, self.requester()?, input)
                .await
                .map_err(to_body)
        })
    }

    fn update_council(
        &self,
        id: i64,
        input: CouncilInput,
    ) -> BoxFuture<'_, Result<CouncilDto, ErrorBody>> {
        Box::pin(async move {
            meetings::update_council(&self.db, self.requester()?, id, input)
                .await
                .map_err(to_body)
        })
    }

    fn set_council_members(
        &self,
        id: i64,
        members: Vec<CouncilMemberInput>,
    ) -> BoxFuture<'_, Result<CouncilDto, ErrorBody>> {
        Box::pin(async move {
            meetings::set_members(
                &self.db,
                self.requester()?,
                id,
                meetings::CouncilMembersInput { members },
            )
            .await
            .map_err(to_body)
        })
    }

    fn create_meeting(&self, input: MeetingInput) -> BoxFuture<'_, Result<MeetingDto, ErrorBody>> {
        Box::pin(async move {
            meetings::create_meeting(&self.db, self.requester()?, input)
                .await
                .map_err(to_body)
        })
    }

    fn update_meeting(
        &self,
        id: i64,
        input: MeetingInput,
    ) -> BoxFuture<'_, Result<MeetingDto, ErrorBody>> {
        Box::pin(async move {
            meetings::update_meeting(&self.db, self.requester()?, id, input)
                .await
                .map_err(to_body)
        })
    }

    fn set_agenda(
        &self,
        id: i64,
        items: Vec<AgendaItemInput>,
    ) -> BoxFuture<'_, Result<MeetingDto, ErrorBody>> {
        Box::pin(async move {
            meetings::set_agenda(
                &self.db,
                &self.live,
                self.requester()?,
                id,
                meetings::AgendaInput { items },
            )
            .await
            .map_err(to_body)
        })
    }
}
