//! The handle through which server functions reach the server's services.
//!
//! `frontend` must not depend on `server` (no cycle), so the server provides an
//! `Arc<dyn SiteServices>` as Leptos context and the server functions call it.
//! Only compiled with the `ssr` feature: it never reaches the WASM bundle.

use crate::Locale;
use crate::access::{
    AccessDto, AdminUserDto, ApiTokenDto, ApiTokenInput, AuditEntryDto, CreatedApiToken,
    DeleteAccountInput, MemberDto, MemberInput, OrganisationDto, OrganisationInput, ProviderDto,
    RoleGrantDto, RoleGrantInput, SignInMethodsDto,
};
use crate::account::{NewAccount, PasswordChangeInput, SignInInput, UserDto, VerificationLevel};
use crate::deliberation::{
    CommentDto, CommentEdit, CommentInput, CommentThread, ModerationInput, ModerationItem,
    NotificationPage, ReportInput,
};
use crate::error::ErrorBody;
use crate::execution::{
    HealthOverrideInput, IndicatorInput, IndicatorValueInput, MilestoneInput, PortfolioDto,
    PortfolioQuery, ProgressUpdateInput, SosAssignInput, SosDto, SosInput, SosListDto, SosQuery,
    SosReplyInput, SosStatsDto, TaskDto, TaskInput, TaskMembersInput, UpdateDto,
};
use crate::feedback::{FeedbackReceipt, NewFeedback};
use crate::meeting::{
    AgendaItemInput, CouncilDto, CouncilInput, CouncilMemberInput, CouncilSummary,
    HandCountFormDto, HandCountInput, HandDto, LiveStateDto, MeetingDto, MeetingInput,
    MeetingSummary, MinutesDto, MinutesInput, PollDto, PollInput, QuestionDto, QuestionInput,
    RegistrationDto, RegistrationInput, VoteInput,
};
use crate::meeting_page::{AttendeesDto, CheckInResultDto, MeetingPageDto};
use crate::participation::{
    ProcessDto, ProcessInput, ProposalDto, ProposalEventDto, ProposalInput, ProposalPage,
    ProposalQuery, ProposalStatus, ProposalSummary, StatusChangeInput, SupportState,
};
use crate::reference::{AreaDto, RegionDto};
use crate::review::{
    CommitteeDto, CommitteeInput, ConflictDto, ConflictInput, DecisionDto, DecisionInput,
    DiscussionInput, DiscussionMessageDto, PeerSheetDto, ProgressDto, QueueDto, RankingDto,
    RationaleInput, ReminderReceipt, ReportDto, ReviewProposalDto, RoundDto, RoundInput,
    RoundSummary, SheetDto, SheetInput,
};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// A boxed future, so the trait stays object-safe without extra crates.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What the UI may ask of the server. Each method is one service call with
/// its rules (validation, policy) applied inside the server.
///
/// The server builds one handle per request, bound to that request's
/// sign-in session and client address, so methods act "as the person asking".
pub trait SiteServices: Send + Sync + 'static {
    /// The signed-in user, if any.
    fn current_user(&self) -> BoxFuture<'_, Result<Option<UserDto>, ErrorBody>>;
    /// Creates an account and signs it in.
    fn sign_up(&self, account: NewAccount) -> BoxFuture<'_, Result<UserDto, ErrorBody>>;
    /// Signs in with e-mail and password (throttled; audit-logged).
    fn sign_in(&self, input: SignInInput) -> BoxFuture<'_, Result<UserDto, ErrorBody>>;
    /// Signs out: the session is deleted.
    fn sign_out(&self) -> BoxFuture<'_, Result<(), ErrorBody>>;
    /// Changes the signed-in user's password.
    fn change_password(&self, input: PasswordChangeInput) -> BoxFuture<'_, Result<(), ErrorBody>>;
    /// The areas (분야), in display order.
    fn list_areas(&self) -> BoxFuture<'_, Result<Vec<AreaDto>, ErrorBody>>;
    /// The regions: 전국 first, then the 17 시·도.
    fn list_regions(&self) -> BoxFuture<'_, Result<Vec<RegionDto>, ErrorBody>>;
    /// Stores site feedback and returns its receipt.
    fn submit_feedback(
        &self,
        feedback: NewFeedback,
        locale: Locale,
    ) -> BoxFuture<'_, Result<FeedbackReceipt, ErrorBody>>;
    /// Looks up a receipt by its number (`F-20261122-3FA9C21B`); `not_found` otherwise.
    fn feedback_receipt(
        &self,
        receipt: String,
    ) -> BoxFuture<'_, Result<FeedbackReceipt, ErrorBody>>;

    // Sign-in providers and the account's own settings.

    /// The configured sign-in providers (OIDC / OAuth2), in configuration order.
    fn providers(&self) -> BoxFuture<'_, Result<Vec<ProviderDto>, ErrorBody>>;
    /// What the person asking may reach (anonymous visitors: nothing).
    fn my_access(&self) -> BoxFuture<'_, Result<AccessDto, ErrorBody>>;
    /// Whether the signed-in account has a password, and its linked providers.
    fn sign_in_methods(&self) -> BoxFuture<'_, Result<SignInMethodsDto, ErrorBody>>;
    /// Unlinks a provider from the signed-in account; `conflict` if it is the last way in.
    fn unlink_identity(&self, identity_id: i64) -> BoxFuture<'_, Result<(), ErrorBody>>;
    /// The signed-in user's live personal API tokens (never the secrets).
    fn list_tokens(&self) -> BoxFuture<'_, Result<Vec<ApiTokenDto>, ErrorBody>>;
    /// Creates a personal API token. The secret is not in the answer: it is
    /// kept for this session until [`SiteServices::take_new_token`] hands it
    /// out, once (so it never travels in a URL, with or without JavaScript).
    fn create_token(&self, input: ApiTokenInput) -> BoxFuture<'_, Result<ApiTokenDto, ErrorBody>>;
    /// The token created last in this session, if not shown yet; removes it.
    fn take_new_token(&self) -> BoxFuture<'_, Result<Option<CreatedApiToken>, ErrorBody>>;
    /// Revokes one of the signed-in user's tokens.
    fn revoke_token(&self, token_id: i64) -> BoxFuture<'_, Result<(), ErrorBody>>;
    /// Deletes the signed-in user's account and signs out.
    fn delete_account(&self, input: DeleteAccountInput) -> BoxFuture<'_, Result<(), ErrorBody>>;

    // Administration (every method asks the policy in the service).

    /// Organisations with their member counts, by name.
    fn list_organisations(&self) -> BoxFuture<'_, Result<Vec<OrganisationDto>, ErrorBody>>;
    /// One organisation; `not_found` otherwise.
    fn organisation(&self, org_id: i64) -> BoxFuture<'_, Result<OrganisationDto, ErrorBody>>;
    /// Creates an organisation.
    fn create_organisation(
        &self,
        input: OrganisationInput,
    ) -> BoxFuture<'_, Result<OrganisationDto, ErrorBody>>;
    /// An organisation's members.
    fn list_members(&self, org_id: i64) -> BoxFuture<'_, Result<Vec<MemberDto>, ErrorBody>>;
    /// Adds an account (found by e-mail) to an organisation.
    fn add_member(
        &self,
        org_id: i64,
        input: MemberInput,
    ) -> BoxFuture<'_, Result<MemberDto, ErrorBody>>;
    /// Removes an account from an organisation.
    fn remove_member(&self, org_id: i64, user_id: i64) -> BoxFuture<'_, Result<(), ErrorBody>>;
    /// Accounts matching `query` (e-mail or name), newest first, at most `limit`.
    fn list_users(
        &self,
        query: Option<String>,
        limit: u64,
    ) -> BoxFuture<'_, Result<Vec<AdminUserDto>, ErrorBody>>;
    /// Grants a role, globally or in a scope.
    fn grant_role(&self, input: RoleGrantInput) -> BoxFuture<'_, Result<RoleGrantDto, ErrorBody>>;
    /// Revokes a role grant; `conflict` for the last global admin.
    fn revoke_role(&self, grant_id: i64) -> BoxFuture<'_, Result<(), ErrorBody>>;
    /// Sets an account's verification level.
    fn set_verification(
        &self,
        user_id: i64,
        level: VerificationLevel,
    ) -> BoxFuture<'_, Result<(), ErrorBody>>;
    /// The latest audit-log entries, newest first, at most `limit`.
    fn audit_log(&self, limit: u64) -> BoxFuture<'_, Result<Vec<AuditEntryDto>, ErrorBody>>;
    // Participation: processes, proposals, supports, the discussion,
    // follows, notifications and moderation (rules in the services).

    /// The participation processes (참여 과정) with their phases.
    fn list_processes(&self) -> BoxFuture<'_, Result<Vec<ProcessDto>, ErrorBody>>;
    /// One page of public proposals matching the filters.
    fn list_proposals(
        &self,
        query: ProposalQuery,
    ) -> BoxFuture<'_, Result<ProposalPage, ErrorBody>>;
    /// One proposal as the person asking may see it; `not_found` otherwise.
    fn proposal(&self, id: i64) -> BoxFuture<'_, Result<ProposalDto, ErrorBody>>;
    /// Creates a proposal, as a draft or published.
    fn create_proposal(
        &self,
        input: ProposalInput,
        publish: bool,
    ) -> BoxFuture<'_, Result<ProposalDto, ErrorBody>>;
    /// Edits a proposal in place (its author, while allowed).
    fn update_proposal(
        &self,
        id: i64,
        input: ProposalInput,
    ) -> BoxFuture<'_, Result<ProposalDto, ErrorBody>>;
    /// Publishes a draft.
    fn publish_proposal(&self, id: i64) -> BoxFuture<'_, Result<ProposalDto, ErrorBody>>;
    /// A proposal's public timeline (status changes with answers).
    fn proposal_timeline(&self, id: i64)
    -> BoxFuture<'_, Result<Vec<ProposalEventDto>, ErrorBody>>;
    /// Supports a proposal (idempotent).
    fn support(&self, id: i64) -> BoxFuture<'_, Result<SupportState, ErrorBody>>;
    /// Takes a support back.
    fn withdraw_support(&self, id: i64) -> BoxFuture<'_, Result<SupportState, ErrorBody>>;
    /// Published proposals like a draft's title and text, at most `limit`.
    fn similar_proposals(
        &self,
        title: String,
        text: String,
        limit: u64,
    ) -> BoxFuture<'_, Result<Vec<ProposalSummary>, ErrorBody>>;
    /// A proposal's discussion, best first.
    fn comment_thread(&self, proposal_id: i64) -> BoxFuture<'_, Result<CommentThread, ErrorBody>>;
    /// Posts a comment or a reply.
    fn create_comment(
        &self,
        proposal_id: i64,
        input: CommentInput,
    ) -> BoxFuture<'_, Result<CommentDto, ErrorBody>>;
    /// Votes a comment up (1), down (-1) or takes the vote back (0).
    fn vote_comment(&self, comment_id: i64, value: i32) -> BoxFuture<'_, Result<(), ErrorBody>>;
    /// Follows or unfollows a proposal.
    fn set_following(&self, proposal_id: i64, follow: bool)
    -> BoxFuture<'_, Result<(), ErrorBody>>;
    /// Whether the signed-in person follows the proposal (false when signed out).
    fn is_following(&self, proposal_id: i64) -> BoxFuture<'_, Result<bool, ErrorBody>>;
    /// The signed-in person's notifications, newest first, at most `limit`.
    fn notifications(&self, limit: u64) -> BoxFuture<'_, Result<NotificationPage, ErrorBody>>;
    /// Marks all the signed-in person's notifications read.
    fn mark_notifications_read(&self) -> BoxFuture<'_, Result<(), ErrorBody>>;
    /// How many notifications are unread (0 when signed out).
    fn unread_notifications(&self) -> BoxFuture<'_, Result<u64, ErrorBody>>;
    /// Reports a `proposal` or `comment`.
    fn report(
        &self,
        kind: String,
        id: i64,
        input: ReportInput,
    ) -> BoxFuture<'_, Result<(), ErrorBody>>;
    /// Reported or hidden content (moderators).
    fn moderation_queue(&self) -> BoxFuture<'_, Result<Vec<ModerationItem>, ErrorBody>>;
    /// Hides or restores a `proposal` or `comment` (moderators).
    fn moderate(
        &self,
        kind: String,
        id: i64,
        hide: bool,
        input: ModerationInput,
    ) -> BoxFuture<'_, Result<(), ErrorBody>>;
    /// Edits one's own comment (marked as edited).
    fn edit_comment(
        &self,
        comment_id: i64,
        input: CommentEdit,
    ) -> BoxFuture<'_, Result<(), ErrorBody>>;
    /// Deletes one's own comment (a placeholder stays if it has replies).
    fn delete_comment(&self, comment_id: i64) -> BoxFuture<'_, Result<(), ErrorBody>>;

    // Official status changes and process administration.

    /// The statuses the person asking may move a proposal to now (empty when
    /// they may not change it).
    fn status_options(
        &self,
        proposal_id: i64,
    ) -> BoxFuture<'_, Result<Vec<ProposalStatus>, ErrorBody>>;
    /// Changes a proposal's status with an official answer (admins of its process).
    fn change_status(
        &self,
        proposal_id: i64,
        input: StatusChangeInput,
    ) -> BoxFuture<'_, Result<ProposalDto, ErrorBody>>;
    /// The processes the signed-in admin may change, newest first.
    fn managed_processes(&self) -> BoxFuture<'_, Result<Vec<ProcessDto>, ErrorBody>>;
    /// One process for its edit form (only for those who may change it).
    fn process_for_edit(&self, process_id: i64) -> BoxFuture<'_, Result<ProcessDto, ErrorBody>>;
    /// Creates a process (global admins).
    fn create_process(&self, input: ProcessInput) -> BoxFuture<'_, Result<ProcessDto, ErrorBody>>;
    /// Changes a process; its phases are replaced as a whole.
    fn update_process(
        &self,
        process_id: i64,
        input: ProcessInput,
    ) -> BoxFuture<'_, Result<ProcessDto, ErrorBody>>;

    // Committee review (심사): committees, rounds, score sheets, the ranking,
    // decisions and the public report (rules in `services::review`).

    /// Creates a committee for a process (admins of the process).
    fn create_committee(
        &self,
        input: CommitteeInput,
    ) -> BoxFuture<'_, Result<CommitteeDto, ErrorBody>>;
    /// Changes a committee; its membership is replaced as a whole.
    fn update_committee(
        &self,
        committee_id: i64,
        input: CommitteeInput,
    ) -> BoxFuture<'_, Result<CommitteeDto, ErrorBody>>;
    /// One committee (its managers and members).
    fn committee(&self, committee_id: i64) -> BoxFuture<'_, Result<CommitteeDto, ErrorBody>>;
    /// The committees the person asking manages or sits on.
    fn list_committees(&self) -> BoxFuture<'_, Result<Vec<CommitteeDto>, ErrorBody>>;
    /// Creates a review round in preparation (draft).
    fn create_round(&self, input: RoundInput) -> BoxFuture<'_, Result<RoundDto, ErrorBody>>;
    /// Changes a round while it is in preparation.
    fn update_round(
        &self,
        round_id: i64,
        input: RoundInput,
    ) -> BoxFuture<'_, Result<RoundDto, ErrorBody>>;
    /// One round (public), with what the person asking may do in it.
    fn round(&self, round_id: i64) -> BoxFuture<'_, Result<RoundDto, ErrorBody>>;
    /// The rounds of a process, or all (public).
    fn list_rounds(
        &self,
        process_id: Option<i64>,
    ) -> BoxFuture<'_, Result<Vec<RoundSummary>, ErrorBody>>;
    /// The rounds of the committees the person asking sits on.
    fn my_rounds(&self) -> BoxFuture<'_, Result<Vec<RoundSummary>, ErrorBody>>;
    /// Opens a round: freezes its proposals, assigns reviewers, notifies them.
    fn open_round(&self, round_id: i64) -> BoxFuture<'_, Result<RoundDto, ErrorBody>>;
    /// Closes a round: scores freeze and the report becomes public.
    fn close_round(&self, round_id: i64) -> BoxFuture<'_, Result<RoundDto, ErrorBody>>;
    /// The reviewer's own queue in a round.
    fn review_queue(&self, round_id: i64) -> BoxFuture<'_, Result<QueueDto, ErrorBody>>;
    /// A proposal of the round as a reviewer sees it (blind rounds hide who proposed it).
    fn review_proposal(
        &self,
        round_id: i64,
        proposal_id: i64,
    ) -> BoxFuture<'_, Result<ReviewProposalDto, ErrorBody>>;
    /// The reviewer's own score sheet for a proposal.
    fn review_sheet(
        &self,
        round_id: i64,
        proposal_id: i64,
    ) -> BoxFuture<'_, Result<SheetDto, ErrorBody>>;
    /// Saves the reviewer's sheet as a draft or submits it.
    fn save_sheet(
        &self,
        round_id: i64,
        proposal_id: i64,
        input: SheetInput,
    ) -> BoxFuture<'_, Result<SheetDto, ErrorBody>>;
    /// Other reviewers' submitted sheets (once one's own is submitted).
    fn peer_sheets(
        &self,
        round_id: i64,
        proposal_id: i64,
    ) -> BoxFuture<'_, Result<Vec<PeerSheetDto>, ErrorBody>>;
    /// Declares a conflict of interest (the reviewer is recused).
    fn declare_conflict(
        &self,
        round_id: i64,
        input: ConflictInput,
    ) -> BoxFuture<'_, Result<ConflictDto, ErrorBody>>;
    /// The committee's private discussion of a proposal.
    fn review_discussion(
        &self,
        round_id: i64,
        proposal_id: i64,
    ) -> BoxFuture<'_, Result<Vec<DiscussionMessageDto>, ErrorBody>>;
    /// Posts to the committee's private discussion of a proposal.
    fn post_review_message(
        &self,
        round_id: i64,
        proposal_id: i64,
        input: DiscussionInput,
    ) -> BoxFuture<'_, Result<DiscussionMessageDto, ErrorBody>>;
    /// Progress per reviewer and per proposal (chairs and managers).
    fn review_progress(&self, round_id: i64) -> BoxFuture<'_, Result<ProgressDto, ErrorBody>>;
    /// Reminds reviewers with unsubmitted sheets (chairs).
    fn send_review_reminders(
        &self,
        round_id: i64,
    ) -> BoxFuture<'_, Result<ReminderReceipt, ErrorBody>>;
    /// The committee's ranking (chairs; members once allowed).
    fn review_ranking(&self, round_id: i64) -> BoxFuture<'_, Result<RankingDto, ErrorBody>>;
    /// Records the committee's decision on a proposal (chairs).
    fn decide_proposal(
        &self,
        round_id: i64,
        input: DecisionInput,
    ) -> BoxFuture<'_, Result<DecisionDto, ErrorBody>>;
    /// Changes a decision's public rationale (chairs).
    fn edit_rationale(
        &self,
        round_id: i64,
        proposal_id: i64,
        input: RationaleInput,
    ) -> BoxFuture<'_, Result<DecisionDto, ErrorBody>>;
    /// The public report of a closed round (`conflict` before it closes).
    fn round_report(&self, round_id: i64) -> BoxFuture<'_, Result<ReportDto, ErrorBody>>;

    // Execution tracking (실행 관리): tasks, milestones, progress updates,
    // indicators and health (rules in `services::execution`).

    /// The public portfolio: tasks matching the filters, with counts by
    /// health and by progress (`validation` for an unknown health or kind).
    fn task_portfolio(
        &self,
        query: PortfolioQuery,
    ) -> BoxFuture<'_, Result<PortfolioDto, ErrorBody>>;
    /// One task in full (public); `can_edit` for the person asking.
    fn task(&self, task_id: i64) -> BoxFuture<'_, Result<TaskDto, ErrorBody>>;
    /// Adds a milestone (task-force members); the progress is rolled up again.
    fn add_milestone(
        &self,
        task_id: i64,
        input: MilestoneInput,
    ) -> BoxFuture<'_, Result<TaskDto, ErrorBody>>;
    /// Changes a milestone as a whole (task-force members).
    fn update_milestone(
        &self,
        task_id: i64,
        milestone_id: i64,
        input: MilestoneInput,
    ) -> BoxFuture<'_, Result<TaskDto, ErrorBody>>;
    /// Posts a progress update (task-force members); the proposer and the
    /// proposal's followers are told.
    fn add_task_update(
        &self,
        task_id: i64,
        input: ProgressUpdateInput,
    ) -> BoxFuture<'_, Result<UpdateDto, ErrorBody>>;
    /// Adds an outcome indicator (task-force members).
    fn add_indicator(
        &self,
        task_id: i64,
        input: IndicatorInput,
    ) -> BoxFuture<'_, Result<TaskDto, ErrorBody>>;
    /// Records an indicator's value on a date (a second value for the same date replaces it).
    fn add_indicator_value(
        &self,
        task_id: i64,
        indicator_id: i64,
        input: IndicatorValueInput,
    ) -> BoxFuture<'_, Result<TaskDto, ErrorBody>>;
    /// Overrides the task's health with a reason, or (`None`) returns to the derived health.
    fn override_health(
        &self,
        task_id: i64,
        input: Option<HealthOverrideInput>,
    ) -> BoxFuture<'_, Result<TaskDto, ErrorBody>>;
    /// Creates a task: from a selected proposal (admins of its process) or
    /// directly (global admins); `forbidden` for anyone else.
    fn create_task(&self, input: TaskInput) -> BoxFuture<'_, Result<TaskDto, ErrorBody>>;
    /// Replaces the task force (its leads and the admins).
    fn set_task_members(
        &self,
        task_id: i64,
        input: TaskMembersInput,
    ) -> BoxFuture<'_, Result<TaskDto, ErrorBody>>;
    /// Follows (`true`) or unfollows a task; returns whether the person now follows it.
    fn follow_task(&self, task_id: i64, on: bool) -> BoxFuture<'_, Result<bool, ErrorBody>>;

    // The collaboration SOS desk (협업SOS; rules in `services::sos`).

    /// Raises an SOS request for a task (its task force); the desk is told.
    fn raise_sos(&self, task_id: i64, input: SosInput) -> BoxFuture<'_, Result<SosDto, ErrorBody>>;
    /// One request with its thread (its task force and the desk; `not_found` for others).
    fn sos(&self, id: i64) -> BoxFuture<'_, Result<SosDto, ErrorBody>>;
    /// The requests the person asking may see: the desk's triage queue, or
    /// their task forces' requests.
    fn sos_list(&self, query: SosQuery) -> BoxFuture<'_, Result<SosListDto, ErrorBody>>;
    /// Writes in a request's thread (the desk: any kind; the task force: replies).
    fn post_sos_message(
        &self,
        id: i64,
        input: SosReplyInput,
    ) -> BoxFuture<'_, Result<SosDto, ErrorBody>>;
    /// Assigns a request to a member of the desk, or to nobody (the desk).
    fn assign_sos(
        &self,
        id: i64,
        input: SosAssignInput,
    ) -> BoxFuture<'_, Result<SosDto, ErrorBody>>;
    /// The desk's public, anonymised statistics and service levels.
    fn sos_stats(&self) -> BoxFuture<'_, Result<SosStatsDto, ErrorBody>>;

    // Councils and meetings (rules in `services::meetings` and `services::polls`).

    /// Every council, subcommittee and forum team.
    fn councils(&self) -> BoxFuture<'_, Result<Vec<CouncilSummary>, ErrorBody>>;
    /// A council's public page: members, meetings (members-only ones for members), minutes.
    fn council(&self, id: i64) -> BoxFuture<'_, Result<CouncilDto, ErrorBody>>;
    /// The meetings the person asking may see, of one council or all.
    fn meetings(
        &self,
        council: Option<i64>,
    ) -> BoxFuture<'_, Result<Vec<MeetingSummary>, ErrorBody>>;
    /// A meeting with the person asking's registration and rights (`not_found` when hidden).
    fn meeting(&self, id: i64) -> BoxFuture<'_, Result<MeetingPageDto, ErrorBody>>;
    /// Registers the person asking (in the room or online), or changes their mode.
    fn register_for_meeting(
        &self,
        id: i64,
        input: RegistrationInput,
    ) -> BoxFuture<'_, Result<RegistrationDto, ErrorBody>>;
    /// Cancels the person asking's registration (the waiting list moves up).
    fn cancel_registration(&self, id: i64) -> BoxFuture<'_, Result<(), ErrorBody>>;
    /// The registrations with their check-in codes (the meeting's staff).
    fn attendees(&self, id: i64) -> BoxFuture<'_, Result<AttendeesDto, ErrorBody>>;
    /// Checks a room seat in by its code (the meeting's staff).
    fn check_in(&self, id: i64, code: String)
    -> BoxFuture<'_, Result<CheckInResultDto, ErrorBody>>;
    /// The meeting's polls (drafts for the staff only).
    fn meeting_polls(&self, id: i64) -> BoxFuture<'_, Result<Vec<PollDto>, ErrorBody>>;
    /// Prepares a poll as a draft (the staff).
    fn create_poll(
        &self,
        meeting_id: i64,
        input: PollInput,
    ) -> BoxFuture<'_, Result<PollDto, ErrorBody>>;
    /// Opens (`true`) or closes a poll (the staff).
    fn move_poll(&self, poll_id: i64, open: bool) -> BoxFuture<'_, Result<PollDto, ErrorBody>>;
    /// Casts or replaces the person asking's vote.
    fn vote(&self, poll_id: i64, input: VoteInput) -> BoxFuture<'_, Result<PollDto, ErrorBody>>;
    /// Enters the room's hand count (the staff).
    fn hand_count(
        &self,
        poll_id: i64,
        input: HandCountInput,
    ) -> BoxFuture<'_, Result<PollDto, ErrorBody>>;
    /// What the hand-count form shows: room people checked in, phone votes in, who may still be counted.
    fn hand_count_form(&self, poll_id: i64) -> BoxFuture<'_, Result<HandCountFormDto, ErrorBody>>;
    /// The live room's state; a registered online participant is counted present (`services::room`).
    fn live_state(&self, meeting_id: i64) -> BoxFuture<'_, Result<LiveStateDto, ErrorBody>>;
    /// Moves the live room to an agenda item, or to none (the staff).
    fn move_agenda(
        &self,
        meeting_id: i64,
        agenda_item_id: Option<i64>,
    ) -> BoxFuture<'_, Result<LiveStateDto, ErrorBody>>;
    /// Posts a question (people in the room, online participants, the staff).
    fn post_question(
        &self,
        meeting_id: i64,
        input: QuestionInput,
    ) -> BoxFuture<'_, Result<QuestionDto, ErrorBody>>;
    /// Upvotes a question, or takes the upvote back.
    fn upvote_question(
        &self,
        question_id: i64,
        up: bool,
    ) -> BoxFuture<'_, Result<QuestionDto, ErrorBody>>;
    /// Marks a question `answered`, `hidden` or `queued` again (the staff).
    fn moderate_question(
        &self,
        question_id: i64,
        state: String,
    ) -> BoxFuture<'_, Result<QuestionDto, ErrorBody>>;
    /// Raises the person asking's hand.
    fn raise_hand(&self, meeting_id: i64) -> BoxFuture<'_, Result<HandDto, ErrorBody>>;
    /// Lowers one's hand, or (the staff) someone's.
    fn lower_hand(
        &self,
        meeting_id: i64,
        user_id: Option<i64>,
    ) -> BoxFuture<'_, Result<(), ErrorBody>>;
    /// A meeting's minutes: published ones for whoever may see the meeting, the draft for its staff.
    fn minutes(&self, meeting_id: i64) -> BoxFuture<'_, Result<MinutesDto, ErrorBody>>;
    /// Saves or publishes the minutes (the staff; publishing once the meeting has ended).
    fn save_minutes(
        &self,
        meeting_id: i64,
        input: MinutesInput,
    ) -> BoxFuture<'_, Result<MinutesDto, ErrorBody>>;
    /// Creates a council, subcommittee or forum team (admins who manage councils).
    fn create_council(&self, input: CouncilInput) -> BoxFuture<'_, Result<CouncilDto, ErrorBody>>;
    /// Changes a council's name, kind, parent or description (the same admins).
    fn update_council(
        &self,
        id: i64,
        input: CouncilInput,
    ) -> BoxFuture<'_, Result<CouncilDto, ErrorBody>>;
    /// Replaces a council's members (the same admins); members may be given by e-mail.
    fn set_council_members(
        &self,
        id: i64,
        members: Vec<CouncilMemberInput>,
    ) -> BoxFuture<'_, Result<CouncilDto, ErrorBody>>;
    /// Schedules a meeting (the council's chair or secretary, global admins).
    fn create_meeting(&self, input: MeetingInput) -> BoxFuture<'_, Result<MeetingDto, ErrorBody>>;
    /// Changes a meeting (its staff); registrants are told of a new time or venue.
    fn update_meeting(
        &self,
        id: i64,
        input: MeetingInput,
    ) -> BoxFuture<'_, Result<MeetingDto, ErrorBody>>;
    /// Replaces a meeting's agenda, keeping the items given with their id (its staff).
    fn set_agenda(
        &self,
        id: i64,
        items: Vec<AgendaItemInput>,
    ) -> BoxFuture<'_, Result<MeetingDto, ErrorBody>>;
}

/// The context value the server provides to Leptos.
pub type Services = Arc<dyn SiteServices>;
