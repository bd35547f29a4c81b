//! Server functions: the UI's RPC. Thin adapters: they parse the input with
//! the shared parsers and call one method of [`shared::services::SiteServices`],
//! which the server provides as context. No rules live here.

use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use shared::access::{
    AccessDto, AdminUserDto, ApiTokenDto, AuditEntryDto, CreatedApiToken, MemberDto, OrganisationDto, ProviderDto,
    SignInMethodsDto,
};
use shared::deliberation::{CommentThread, NotificationPage};
use shared::feedback::FeedbackReceipt;
use shared::participation::{
    ProcessDto, ProposalDto, ProposalEventDto, ProposalPage, ProposalQuery, ProposalStatus, ProposalSummary, SupportState,
};
use shared::reference::{AreaDto, RegionDto};
use shared::review::{
    CommitteeDto, DiscussionMessageDto, PeerSheetDto, ProgressDto, QueueDto, RankingDto, ReportDto, ReviewProposalDto, RoundDto,
    RoundSummary, SheetDto,
};
use shared::{ErrorCode, ErrorDetail, FieldError};
use std::collections::BTreeMap;

/// The error every server function returns: the API's error shape plus the
/// submitted form values, so a form posted without JavaScript can be shown
/// again with what the person typed (the error travels in the redirect URL).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FnError {
    pub error: ErrorDetail,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub echo: Vec<(String, String)>,
}

impl FnError {
    pub fn code(&self) -> ErrorCode {
        self.error.code
    }

    pub fn field(&self, name: &str) -> Option<&FieldError> {
        self.error.fields.iter().find(|f| f.field == name)
    }

    /// A value the person submitted, to fill the form again.
    pub fn echoed(&self, name: &str) -> Option<&str> {
        self.echo.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

impl FnError {
    /// This error, with the values to put back into a form posted without
    /// JavaScript (see [`plain_form_echo`]).
    pub fn with_echo(mut self, echo: Vec<(String, String)>) -> Self {
        self.echo = echo;
        self
    }

    /// A validation error for one field.
    pub fn field_problem(field: &str, problem: shared::error::FieldProblem, message: &str) -> Self {
        shared::ErrorBody::validation(vec![FieldError::new(field, problem, message)]).into()
    }
}

impl From<shared::ErrorBody> for FnError {
    fn from(body: shared::ErrorBody) -> Self {
        Self { error: body.error, echo: Vec::new() }
    }
}

impl FromServerFnError for FnError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // Transport and decoding failures. Their text can contain internals,
        // so it never reaches the person; only the code does.
        let code = match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_) => {
                ErrorCode::BadRequest
            }
            ServerFnErrorErr::Request(_) => ErrorCode::Unavailable,
            _ => ErrorCode::Internal,
        };
        Self { error: ErrorDetail { code, message: code.as_str().to_owned(), fields: Vec::new() }, echo: Vec::new() }
    }
}

#[cfg(feature = "ssr")]
fn services() -> Result<shared::services::Services, FnError> {
    use_context::<shared::services::Services>()
        .ok_or_else(|| shared::ErrorBody::new(ErrorCode::Internal, "services not provided").into())
}

/// The areas of innovation (분야), in display order.
#[server(prefix = "/fn", endpoint = "areas")]
pub async fn list_areas() -> Result<Vec<AreaDto>, FnError> {
    Ok(services()?.list_areas().await?)
}

/// The regions: 전국 first, then the 17 시·도.
#[server(prefix = "/fn", endpoint = "regions")]
pub async fn list_regions() -> Result<Vec<RegionDto>, FnError> {
    Ok(services()?.list_regions().await?)
}

/// Stores site feedback; on success, goes to the receipt page (which also
/// works as a plain form POST: the server answers with a redirect).
#[server(prefix = "/fn", endpoint = "feedback")]
pub async fn submit_feedback(category: String, message: String, email: String) -> Result<FeedbackReceipt, FnError> {
    let input = shared::feedback::FeedbackInput { category, message, email };
    let echo = echo_for_plain_form(&input);
    let feedback = input
        .parse()
        .map_err(|fields| FnError { error: shared::ErrorBody::validation(fields).error, echo: echo.clone() })?;
    let locale = crate::i18n::request_locale();
    let receipt = services()?
        .submit_feedback(feedback, locale)
        .await
        .map_err(|body| FnError { error: body.error, echo })?;
    leptos_axum::redirect(&format!("/feedback/thanks?receipt={}", receipt.receipt));
    Ok(receipt)
}

/// What to put back into the form after a failed plain (no-JS) POST: the
/// error travels in the redirect URL, so only what is needed goes there. The
/// e-mail address never does (personal data in URLs ends up in histories and
/// logs), and the message is cut to its maximum length. Clients that read
/// JSON get no echo: they still have their input.
#[cfg(feature = "ssr")]
fn echo_for_plain_form(input: &shared::feedback::FeedbackInput) -> Vec<(String, String)> {
    use shared::feedback::FeedbackMessage;
    plain_form_echo(&[("category", &input.category), ("message", &input.message)], FeedbackMessage::MAX + 1)
}

/// Whether the request is a plain form post from a browser (which is
/// answered with a redirect), not a call from the hydrated app.
#[cfg(feature = "ssr")]
fn from_plain_form() -> bool {
    use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::ACCEPT)?.to_str().ok().map(|a| a.contains("text/html")))
        .unwrap_or(false)
}

/// The submitted values to put back into a form after a failed plain post
/// (each cut to `max` characters); nothing for other clients. Never pass
/// e-mail addresses, passwords or other personal data: they would end up in
/// the redirect URL.
#[cfg(feature = "ssr")]
fn plain_form_echo(pairs: &[(&str, &str)], max: usize) -> Vec<(String, String)> {
    if !from_plain_form() {
        return Vec::new();
    }
    pairs.iter().map(|(k, v)| ((*k).to_owned(), v.chars().take(max).collect())).collect()
}

/// A form's optional number (`""` means none), or a validation error for `field`.
#[cfg(feature = "ssr")]
fn optional_number<T: std::str::FromStr>(raw: &str, field: &str) -> Result<Option<T>, FnError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse()
        .map(Some)
        .map_err(|_| FnError::field_problem(field, shared::error::FieldProblem::Invalid, "Enter a whole number."))
}

/// Looks up a feedback receipt, so the receipt page shows only real ones.
#[server(prefix = "/fn", endpoint = "feedback_receipt")]
pub async fn get_feedback_receipt(receipt: String) -> Result<FeedbackReceipt, FnError> {
    Ok(services()?.feedback_receipt(receipt).await?)
}

/// The signed-in user, if any (shown in the header and on `/me`).
#[server(prefix = "/fn", endpoint = "me")]
pub async fn current_user() -> Result<Option<shared::account::UserDto>, FnError> {
    Ok(services()?.current_user().await?)
}

/// Signs in, then goes to `next` (a path of this site) or home. A plain
/// form post: the page is loaded anew, signed in.
#[server(prefix = "/fn", endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), FnError> {
    let input = shared::account::SignInInput { email, password };
    services()?.sign_in(input).await?;
    leptos_axum::redirect(&shared::text::safe_next_path(next.as_deref()));
    Ok(())
}

/// Creates an account and signs it in, then goes to `next` or home.
#[server(prefix = "/fn", endpoint = "sign_up")]
pub async fn sign_up(email: String, password: String, display_name: String, next: Option<String>) -> Result<(), FnError> {
    let input = shared::account::SignUpInput { email, password, display_name };
    let account = input.parse().map_err(|fields| FnError::from(shared::ErrorBody::validation(fields)))?;
    services()?.sign_up(account).await?;
    leptos_axum::redirect(&shared::text::safe_next_path(next.as_deref()));
    Ok(())
}

/// Signs out and goes home.
#[server(prefix = "/fn", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), FnError> {
    services()?.sign_out().await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Changes the password, then shows the account page with a notice.
#[server(prefix = "/fn", endpoint = "change_password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), FnError> {
    services()?.change_password(shared::account::PasswordChangeInput { current_password, new_password }).await?;
    leptos_axum::redirect("/me?password_changed=1");
    Ok(())
}

/// The configured sign-in providers (OIDC / OAuth2), for the sign-in and account pages.
#[server(prefix = "/fn", endpoint = "providers")]
pub async fn providers() -> Result<Vec<ProviderDto>, FnError> {
    Ok(services()?.providers().await?)
}

/// What the person asking may reach (the header's admin link, the admin pages).
#[server(prefix = "/fn", endpoint = "my_access")]
pub async fn my_access() -> Result<AccessDto, FnError> {
    Ok(services()?.my_access().await?)
}

/// Whether the signed-in account has a password, and its linked providers.
#[server(prefix = "/fn", endpoint = "sign_in_methods")]
pub async fn sign_in_methods() -> Result<SignInMethodsDto, FnError> {
    Ok(services()?.sign_in_methods().await?)
}

/// Unlinks a provider from the account, then shows the account page.
#[server(prefix = "/fn", endpoint = "unlink_identity")]
pub async fn unlink_identity(id: i64) -> Result<(), FnError> {
    services()?.unlink_identity(id).await?;
    leptos_axum::redirect("/me?unlinked=1#sign-in-methods");
    Ok(())
}

/// The signed-in user's personal API tokens.
#[server(prefix = "/fn", endpoint = "api_tokens")]
pub async fn api_tokens() -> Result<Vec<ApiTokenDto>, FnError> {
    Ok(services()?.list_tokens().await?)
}

/// Creates a personal API token, then shows the account page, which shows
/// the token once (see [`take_new_token`]); the token never goes in a URL.
#[server(prefix = "/fn", endpoint = "create_api_token")]
pub async fn create_api_token(name: String, expires_in_days: String) -> Result<(), FnError> {
    let echo = plain_form_echo(&[("name", &name), ("expires_in_days", &expires_in_days)], shared::access::ApiTokenInput::NAME_MAX + 1);
    let expires_in_days = optional_number(&expires_in_days, "expires_in_days").map_err(|e| e.with_echo(echo.clone()))?;
    let input = shared::access::ApiTokenInput { name, expires_in_days };
    input.parse().map_err(|fields| FnError::from(shared::ErrorBody::validation(fields)).with_echo(echo.clone()))?;
    services()?.create_token(input).await.map_err(|body| FnError::from(body).with_echo(echo))?;
    leptos_axum::redirect("/me#new-token");
    Ok(())
}

/// The token created last in this session, if it has not been shown yet.
/// Reading it removes it: it is shown exactly once.
#[server(prefix = "/fn", endpoint = "take_new_token")]
pub async fn take_new_token() -> Result<Option<CreatedApiToken>, FnError> {
    Ok(services()?.take_new_token().await?)
}

/// Revokes one of the signed-in user's tokens, then shows the account page.
#[server(prefix = "/fn", endpoint = "revoke_api_token")]
pub async fn revoke_api_token(id: i64) -> Result<(), FnError> {
    services()?.revoke_token(id).await?;
    leptos_axum::redirect("/me?token_revoked=1#api-tokens");
    Ok(())
}

/// Deletes the signed-in user's account, then goes home (signed out).
/// `password` is absent for accounts without one.
#[server(prefix = "/fn", endpoint = "delete_account")]
pub async fn delete_account(password: Option<String>, confirm: String) -> Result<(), FnError> {
    let input = shared::access::DeleteAccountInput { password: password.unwrap_or_default(), confirm };
    services()?.delete_account(input).await?;
    leptos_axum::redirect("/?account_deleted=1");
    Ok(())
}

/// Organisations with their member counts.
#[server(prefix = "/fn", endpoint = "organisations")]
pub async fn list_organisations() -> Result<Vec<OrganisationDto>, FnError> {
    Ok(services()?.list_organisations().await?)
}

/// One organisation.
#[server(prefix = "/fn", endpoint = "organisation")]
pub async fn get_organisation(id: i64) -> Result<OrganisationDto, FnError> {
    Ok(services()?.organisation(id).await?)
}

/// Creates an organisation, then shows the list again.
#[server(prefix = "/fn", endpoint = "create_organisation")]
pub async fn create_organisation(name: String, kind: String, region_code: String) -> Result<(), FnError> {
    let echo = plain_form_echo(
        &[("name", &name), ("kind", &kind), ("region_code", &region_code)],
        shared::access::OrganisationInput::NAME_MAX + 1,
    );
    let region_code = Some(region_code).filter(|r| !r.trim().is_empty());
    let input = shared::access::OrganisationInput { name, kind, region_code };
    let org = services()?.create_organisation(input).await.map_err(|body| FnError::from(body).with_echo(echo))?;
    leptos_axum::redirect(&format!("/admin/organisations?created={}", org.id));
    Ok(())
}

/// An organisation's members.
#[server(prefix = "/fn", endpoint = "organisation_members")]
pub async fn organisation_members(organisation_id: i64) -> Result<Vec<MemberDto>, FnError> {
    Ok(services()?.list_members(organisation_id).await?)
}

/// Adds an account (by e-mail) to an organisation, then shows it again.
#[server(prefix = "/fn", endpoint = "add_member")]
pub async fn add_member(organisation_id: i64, email: String, title: String) -> Result<(), FnError> {
    let echo = plain_form_echo(&[("title", &title)], 101);
    let title = Some(title).filter(|t| !t.trim().is_empty());
    let input = shared::access::MemberInput { email, title };
    services()?.add_member(organisation_id, input).await.map_err(|body| FnError::from(body).with_echo(echo))?;
    leptos_axum::redirect(&format!("/admin/organisations/{organisation_id}?added=1"));
    Ok(())
}

/// Removes an account from an organisation, then shows it again.
#[server(prefix = "/fn", endpoint = "remove_member")]
pub async fn remove_member(organisation_id: i64, user_id: i64) -> Result<(), FnError> {
    services()?.remove_member(organisation_id, user_id).await?;
    leptos_axum::redirect(&format!("/admin/organisations/{organisation_id}?removed=1"));
    Ok(())
}

/// How many accounts the administration list shows at most.
pub const ADMIN_USERS_LIMIT: u64 = 100;

/// Accounts matching `q` (e-mail or name), newest first.
#[server(prefix = "/fn", endpoint = "admin_users")]
pub async fn admin_users(q: Option<String>) -> Result<Vec<AdminUserDto>, FnError> {
    Ok(services()?.list_users(q, ADMIN_USERS_LIMIT).await?)
}

/// The accounts page again, with the search it was showing and a notice.
#[cfg(feature = "ssr")]
fn users_page(q: &str, notice: &str) -> String {
    let q = q.trim();
    if q.is_empty() {
        format!("/admin/users?{notice}=1")
    } else {
        format!("/admin/users?q={}&{notice}=1", crate::components::layout::encode_component(q))
    }
}

/// Grants a role, globally or in a scope, then shows the accounts again.
/// `scope_id` is empty for global grants. `q` is the search being shown.
#[server(prefix = "/fn", endpoint = "grant_role")]
pub async fn grant_role(email: String, role: String, scope_kind: String, scope_id: String, q: Option<String>) -> Result<(), FnError> {
    let echo = plain_form_echo(&[("role", &role), ("scope_kind", &scope_kind), ("scope_id", &scope_id)], 24);
    let scope_id = optional_number(&scope_id, "scope_id").map_err(|e| e.with_echo(echo.clone()))?;
    let input = shared::access::RoleGrantInput { email, role, scope_kind: Some(scope_kind), scope_id };
    services()?.grant_role(input).await.map_err(|body| FnError::from(body).with_echo(echo))?;
    leptos_axum::redirect(&users_page(q.as_deref().unwrap_or_default(), "granted"));
    Ok(())
}

/// Revokes a role grant, then shows the accounts again.
#[server(prefix = "/fn", endpoint = "revoke_role")]
pub async fn revoke_role(grant_id: i64, q: Option<String>) -> Result<(), FnError> {
    services()?.revoke_role(grant_id).await?;
    leptos_axum::redirect(&users_page(q.as_deref().unwrap_or_default(), "revoked"));
    Ok(())
}

/// Sets an account's verification level, then shows the accounts again.
#[server(prefix = "/fn", endpoint = "set_verification")]
pub async fn set_verification(user_id: i64, level: String, q: Option<String>) -> Result<(), FnError> {
    use shared::account::VerificationLevel;
    let level = [VerificationLevel::Unverified, VerificationLevel::Verified, VerificationLevel::Official]
        .into_iter()
        .find(|l| l.as_str() == level.trim())
        .ok_or_else(|| FnError::field_problem("level", shared::error::FieldProblem::Invalid, "Choose a verification level."))?;
    services()?.set_verification(user_id, level).await?;
    leptos_axum::redirect(&users_page(q.as_deref().unwrap_or_default(), "level_set"));
    Ok(())
}

/// How many audit-log entries the administration page shows.
pub const AUDIT_LOG_LIMIT: u64 = 100;

/// The latest audit-log entries, newest first.
#[server(prefix = "/fn", endpoint = "audit_log")]
pub async fn audit_log() -> Result<Vec<AuditEntryDto>, FnError> {
    Ok(services()?.audit_log(AUDIT_LOG_LIMIT).await?)
}

// ------------------------------------------------------------ participation

/// The participation processes (for the proposal form and the list filter).
#[server(prefix = "/fn", endpoint = "processes")]
pub async fn list_processes() -> Result<Vec<ProcessDto>, FnError> {
    Ok(services()?.list_processes().await?)
}

/// One page of proposals matching the list's filters.
#[server(prefix = "/fn", endpoint = "proposals")]
pub async fn list_proposals(query: ProposalQuery) -> Result<ProposalPage, FnError> {
    Ok(services()?.list_proposals(query).await?)
}

/// One proposal.
#[server(prefix = "/fn", endpoint = "proposal")]
pub async fn get_proposal(id: i64) -> Result<ProposalDto, FnError> {
    Ok(services()?.proposal(id).await?)
}

/// A proposal's timeline.
#[server(prefix = "/fn", endpoint = "proposal_timeline")]
pub async fn proposal_timeline(id: i64) -> Result<Vec<ProposalEventDto>, FnError> {
    Ok(services()?.proposal_timeline(id).await?)
}

/// How many similar proposals the form shows.
pub const SIMILAR_LIMIT: u64 = 5;

/// Published proposals like the one being written (the form's hint).
#[server(prefix = "/fn", endpoint = "similar_proposals")]
pub async fn similar_proposals(title: String, text: String) -> Result<Vec<ProposalSummary>, FnError> {
    // Only the start matters for likeness; long drafts are not sent whole to the search.
    let title: String = title.chars().take(200).collect();
    let text: String = text.chars().take(1000).collect();
    Ok(services()?.similar_proposals(title, text, SIMILAR_LIMIT).await?)
}

/// Creates (no `id`) or edits a proposal. `intent` is the button pressed:
/// `publish` or `draft`. Goes to the proposal; on error, back to the form
/// with the typed values.
#[allow(clippy::too_many_arguments, reason = "one argument per form field (a plain form post)")]
#[server(prefix = "/fn", endpoint = "save_proposal")]
pub async fn save_proposal(
    id: Option<i64>,
    process_id: String,
    title: String,
    problem: String,
    solution: String,
    effect: String,
    area_code: String,
    region_code: String,
    tags: String,
    organisation_ids: Option<Vec<i64>>,
    intent: Option<String>,
) -> Result<(), FnError> {
    use shared::participation::limits;
    // Checkboxes named `organisation_ids[]`: none ticked sends nothing.
    let organisation_ids = organisation_ids.unwrap_or_default();
    let orgs = organisation_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let echo = plain_form_echo(
        &[
            ("process_id", &process_id),
            ("title", &title),
            ("problem", &problem),
            ("solution", &solution),
            ("effect", &effect),
            ("area_code", &area_code),
            ("region_code", &region_code),
            ("tags", &tags),
            ("organisation_ids", &orgs),
        ],
        limits::PROBLEM.1 + 1,
    );
    let fail = |body: shared::ErrorBody| FnError::from(body).with_echo(echo.clone());
    let process_id = optional_number::<i64>(&process_id, "process_id").map_err(|e| e.with_echo(echo.clone()))?.unwrap_or_default();
    let input = shared::participation::ProposalInput {
        process_id,
        title,
        problem,
        solution,
        effect,
        area_code,
        region_code,
        organisation_ids,
        tags: shared::participation::split_tags(&tags),
    };
    input.check().map_err(|fields| fail(shared::ErrorBody::validation(fields)))?;
    let publish = intent.as_deref() == Some("publish");
    let services = services()?;
    let saved = match id {
        None => services.create_proposal(input, publish).await.map_err(fail)?,
        Some(id) => {
            let saved = services.update_proposal(id, input).await.map_err(fail)?;
            if publish && saved.status == shared::participation::ProposalStatus::Draft {
                services.publish_proposal(id).await.map_err(fail)?
            } else {
                saved
            }
        }
    };
    leptos_axum::redirect(&format!("/proposals/{}", saved.id));
    Ok(())
}

/// Supports a proposal, or takes the support back (`withdraw` set).
#[server(prefix = "/fn", endpoint = "support_proposal")]
pub async fn support_proposal(id: i64, withdraw: Option<String>) -> Result<SupportState, FnError> {
    let services = services()?;
    let state = if withdraw.is_some() { services.withdraw_support(id).await? } else { services.support(id).await? };
    leptos_axum::redirect(&format!("/proposals/{id}#support"));
    Ok(state)
}

/// Follows (`follow` = `1`) or unfollows a proposal.
#[server(prefix = "/fn", endpoint = "follow_proposal")]
pub async fn follow_proposal(id: i64, follow: String) -> Result<(), FnError> {
    services()?.set_following(id, follow == "1").await?;
    leptos_axum::redirect(&format!("/proposals/{id}#support"));
    Ok(())
}

/// Whether the signed-in person follows a proposal.
#[server(prefix = "/fn", endpoint = "is_following")]
pub async fn is_following(id: i64) -> Result<bool, FnError> {
    Ok(services()?.is_following(id).await?)
}

/// A proposal's discussion.
#[server(prefix = "/fn", endpoint = "comments")]
pub async fn get_comment_thread(proposal_id: i64) -> Result<CommentThread, FnError> {
    Ok(services()?.comment_thread(proposal_id).await?)
}

/// Posts a comment or a reply (`parent_id`), then shows it on the proposal.
#[server(prefix = "/fn", endpoint = "post_comment")]
pub async fn post_comment(proposal_id: i64, body: String, alignment: Option<String>, parent_id: Option<i64>) -> Result<(), FnError> {
    let echo = plain_form_echo(&[("body", &body), ("alignment", alignment.as_deref().unwrap_or_default())], shared::deliberation::COMMENT_LIMITS.1 + 1);
    let input = shared::deliberation::CommentInput { body, alignment, parent_id };
    input.check().map_err(|fields| FnError::from(shared::ErrorBody::validation(fields)).with_echo(echo.clone()))?;
    let c = services()?.create_comment(proposal_id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/proposals/{proposal_id}#comment-{}", c.id));
    Ok(())
}

/// Votes a comment up (1) or down (-1), or takes the vote back (0).
#[server(prefix = "/fn", endpoint = "vote_comment")]
pub async fn vote_comment(proposal_id: i64, comment_id: i64, value: i32) -> Result<(), FnError> {
    services()?.vote_comment(comment_id, value).await?;
    leptos_axum::redirect(&format!("/proposals/{proposal_id}#comment-{comment_id}"));
    Ok(())
}

/// Edits one's own comment, then shows it. On error the text comes back
/// with the comment's id, so the page reopens that comment's edit box.
#[server(prefix = "/fn", endpoint = "edit_comment")]
pub async fn edit_comment(proposal_id: i64, comment_id: i64, body: String) -> Result<(), FnError> {
    let echo = plain_form_echo(&[("comment_id", &comment_id.to_string()), ("body", &body)], shared::deliberation::COMMENT_LIMITS.1 + 1);
    shared::deliberation::check_body(&body).map_err(|field| FnError::from(shared::ErrorBody::validation(vec![field])).with_echo(echo.clone()))?;
    let input = shared::deliberation::CommentEdit { body };
    services()?.edit_comment(comment_id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/proposals/{proposal_id}#comment-{comment_id}"));
    Ok(())
}

/// Deletes one's own comment, then shows the discussion with a notice.
#[server(prefix = "/fn", endpoint = "delete_comment")]
pub async fn delete_comment(proposal_id: i64, comment_id: i64) -> Result<(), FnError> {
    services()?.delete_comment(comment_id).await?;
    leptos_axum::redirect(&format!("/proposals/{proposal_id}?comment_deleted=1#discussion"));
    Ok(())
}

/// Reports a proposal or a comment (`kind`), then shows the proposal.
#[server(prefix = "/fn", endpoint = "report")]
pub async fn report_content(proposal_id: i64, kind: String, id: i64, reason: String) -> Result<(), FnError> {
    services()?.report(kind, id, shared::deliberation::ReportInput { reason, note: None }).await?;
    leptos_axum::redirect(&format!("/proposals/{proposal_id}?reported=1"));
    Ok(())
}

/// How many notifications the centre shows.
pub const NOTIFICATIONS_LIMIT: u64 = 50;

/// The signed-in person's notifications.
#[server(prefix = "/fn", endpoint = "notifications")]
pub async fn notifications() -> Result<NotificationPage, FnError> {
    Ok(services()?.notifications(NOTIFICATIONS_LIMIT).await?)
}

/// Marks every notification read, then shows the centre again.
#[server(prefix = "/fn", endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read() -> Result<(), FnError> {
    services()?.mark_notifications_read().await?;
    leptos_axum::redirect("/me/notifications");
    Ok(())
}

/// How many notifications are unread (the header's badge).
#[server(prefix = "/fn", endpoint = "unread_notifications")]
pub async fn unread_notifications() -> Result<u64, FnError> {
    Ok(services()?.unread_notifications().await?)
}

/// Reported or hidden content (moderators).
#[server(prefix = "/fn", endpoint = "moderation_queue")]
pub async fn moderation_queue() -> Result<Vec<shared::deliberation::ModerationItem>, FnError> {
    Ok(services()?.moderation_queue().await?)
}

/// Hides (`hide` = `1`) or restores a proposal or comment with a reason,
/// then shows the queue again.
#[server(prefix = "/fn", endpoint = "moderate")]
pub async fn moderate(kind: String, id: i64, hide: String, reason: String) -> Result<(), FnError> {
    let input = shared::deliberation::ModerationInput { reason };
    services()?.moderate(kind, id, hide == "1", input).await?;
    leptos_axum::redirect("/moderation?done=1");
    Ok(())
}

// ------------------------------------------- official status and processes

/// The statuses the person asking may move a proposal to now (none for
/// most people: the form is shown only when there are some).
#[server(prefix = "/fn", endpoint = "status_options")]
pub async fn status_options(id: i64) -> Result<Vec<ProposalStatus>, FnError> {
    Ok(services()?.status_options(id).await?)
}

/// Changes a proposal's status with an official answer, then shows the
/// timeline with the change.
#[server(prefix = "/fn", endpoint = "change_status")]
pub async fn change_status(id: i64, status: String, answer: String) -> Result<(), FnError> {
    let echo = plain_form_echo(&[("status", &status), ("answer", &answer)], shared::participation::limits::ANSWER + 1);
    let input = shared::participation::StatusChangeInput { status, answer: Some(answer) };
    input.check().map_err(|fields| FnError::from(shared::ErrorBody::validation(fields)).with_echo(echo.clone()))?;
    services()?.change_status(id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/proposals/{id}?status_changed=1#timeline-title"));
    Ok(())
}

/// The processes the signed-in admin may change (the administration list).
#[server(prefix = "/fn", endpoint = "admin_processes")]
pub async fn admin_processes() -> Result<Vec<ProcessDto>, FnError> {
    Ok(services()?.managed_processes().await?)
}

/// One process for its edit form.
#[server(prefix = "/fn", endpoint = "admin_process")]
pub async fn admin_process(id: i64) -> Result<ProcessDto, FnError> {
    Ok(services()?.process_for_edit(id).await?)
}

/// The form field of a phase's dates (`phase_intake`, …): its errors are shown there.
pub fn phase_field(kind: shared::participation::PhaseKind) -> String {
    format!("phase_{}", kind.as_str())
}

/// A `datetime-local` value (`2026-12-01T09:00`, in KST, as the form shows
/// times) as RFC 3339 with the KST offset; the server stores it in UTC.
/// Anything else is passed on as typed, for the server to refuse.
#[cfg(feature = "ssr")]
fn kst_to_rfc3339(local: &str) -> String {
    let local = local.trim();
    match local.len() {
        16 => format!("{local}:00+09:00"),
        19 => format!("{local}+09:00"),
        _ => local.to_owned(),
    }
}

/// Creates (no `id`) or changes a process from the administration form, then
/// shows it. Phases are pairs of KST `datetime-local` fields; both empty
/// means the process has no such phase. Errors come back per field, with
/// what was typed.
#[allow(clippy::too_many_arguments, reason = "one argument per form field (a plain form post)")]
#[server(prefix = "/fn", endpoint = "save_process")]
pub async fn save_process(
    id: Option<i64>,
    title: String,
    slug: String,
    description: String,
    area_code: String,
    region_code: String,
    propose_level: String,
    support_level: String,
    support_threshold: String,
    supports_per_person: String,
    intake_starts: String,
    intake_ends: String,
    deliberation_starts: String,
    deliberation_ends: String,
    review_starts: String,
    review_ends: String,
    selection_starts: String,
    selection_ends: String,
    execution_starts: String,
    execution_ends: String,
) -> Result<(), FnError> {
    use shared::error::FieldProblem;
    use shared::participation::{PhaseInput, PhaseKind, ProcessInput};
    let dates = [
        (PhaseKind::Intake, intake_starts, intake_ends),
        (PhaseKind::Deliberation, deliberation_starts, deliberation_ends),
        (PhaseKind::Review, review_starts, review_ends),
        (PhaseKind::Selection, selection_starts, selection_ends),
        (PhaseKind::Execution, execution_starts, execution_ends),
    ];
    let mut short: Vec<(String, String)> = vec![
        ("title".into(), title.clone()),
        ("slug".into(), slug.clone()),
        ("area_code".into(), area_code.clone()),
        ("region_code".into(), region_code.clone()),
        ("propose_level".into(), propose_level.clone()),
        ("support_level".into(), support_level.clone()),
        ("support_threshold".into(), support_threshold.clone()),
        ("supports_per_person".into(), supports_per_person.clone()),
    ];
    for (kind, starts, ends) in &dates {
        short.push((format!("{}_starts", kind.as_str()), starts.clone()));
        short.push((format!("{}_ends", kind.as_str()), ends.clone()));
    }
    let pairs: Vec<(&str, &str)> = short.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut echo = plain_form_echo(&pairs, 120);
    echo.extend(plain_form_echo(&[("description", &description)], 10_001));
    let fail = |e: FnError| e.with_echo(echo.clone());

    let mut errors = Vec::new();
    let mut phases = Vec::new();
    // Which phase each entry of `phases` is, to put the server's errors (`phases[i]`) on the right fields.
    let mut kinds = Vec::new();
    for (kind, starts, ends) in &dates {
        match (starts.trim().is_empty(), ends.trim().is_empty()) {
            (true, true) => {}
            (false, false) => {
                phases.push(PhaseInput { kind: kind.as_str().to_owned(), starts_at: kst_to_rfc3339(starts), ends_at: kst_to_rfc3339(ends) });
                kinds.push(*kind);
            }
            _ => errors.push(FieldError::new(&phase_field(*kind), FieldProblem::Required, "Give both the start and the end, or neither.")),
        }
    }
    let threshold = optional_number::<u32>(&support_threshold, "support_threshold");
    let per_person = optional_number::<u32>(&supports_per_person, "supports_per_person");
    for result in [&threshold, &per_person] {
        if let Err(e) = result {
            errors.extend(e.error.fields.iter().cloned());
        }
    }
    if !errors.is_empty() {
        return Err(fail(shared::ErrorBody::validation(errors).into()));
    }
    let some = |v: String| Some(v).filter(|v| !v.trim().is_empty());
    let input = ProcessInput {
        slug,
        title,
        description,
        area_code: some(area_code),
        region_code: some(region_code),
        propose_level: some(propose_level),
        support_level: some(support_level),
        support_threshold: threshold.ok().flatten(),
        supports_per_person: per_person.ok().flatten(),
        phases,
    };
    let services = services()?;
    let saved = match id {
        None => services.create_process(input).await,
        Some(id) => services.update_process(id, input).await,
    };
    let saved = saved.map_err(|mut body| {
        for f in &mut body.error.fields {
            let index = f.field.strip_prefix("phases[").and_then(|r| r.strip_suffix(']')).and_then(|i| i.parse::<usize>().ok());
            if let Some(kind) = index.and_then(|i| kinds.get(i)) {
                f.field = phase_field(*kind);
            }
        }
        fail(body.into())
    })?;
    let notice = if id.is_some() { "saved" } else { "created" };
    leptos_axum::redirect(&format!("/admin/processes/{}?{notice}=1", saved.id));
    Ok(())
}

// ------------------------------------------------------- committee review

/// A validation error for the fields in `errors`, with the echo.
#[cfg(feature = "ssr")]
fn invalid(errors: Vec<FieldError>, echo: &[(String, String)]) -> FnError {
    FnError::from(shared::ErrorBody::validation(errors)).with_echo(echo.to_vec())
}

/// The committees the signed-in person manages or sits on.
#[server(prefix = "/fn", endpoint = "committees")]
pub async fn committees() -> Result<Vec<CommitteeDto>, FnError> {
    Ok(services()?.list_committees().await?)
}

/// One committee with its members and rounds.
#[server(prefix = "/fn", endpoint = "committee")]
pub async fn committee(id: i64) -> Result<CommitteeDto, FnError> {
    Ok(services()?.committee(id).await?)
}

/// Creates a committee (members are added on its page), then shows it.
#[server(prefix = "/fn", endpoint = "create_committee")]
pub async fn create_committee(process_id: String, name: String, description: String) -> Result<(), FnError> {
    use shared::review::{CommitteeInput, limits};
    let mut echo = plain_form_echo(&[("process_id", &process_id), ("name", &name)], limits::NAME.1 + 1);
    echo.extend(plain_form_echo(&[("description", &description)], limits::DESCRIPTION + 1));
    let process_id = optional_number::<i64>(&process_id, "process_id").map_err(|e| e.with_echo(echo.clone()))?;
    let Some(process_id) = process_id else {
        let field = FieldError::new("process_id", shared::error::FieldProblem::Required, "Choose the process.");
        return Err(invalid(vec![field], &echo));
    };
    let input = CommitteeInput { process_id, name, description, members: Vec::new() };
    input.check().map_err(|fields| invalid(fields, &echo))?;
    let created = services()?.create_committee(input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/admin/committees/{}?created=1", created.id));
    Ok(())
}

/// The committee's membership as an input, to change and send back whole.
#[cfg(feature = "ssr")]
fn committee_input(c: &CommitteeDto) -> shared::review::CommitteeInput {
    shared::review::CommitteeInput {
        process_id: c.process_id,
        name: c.name.clone(),
        description: c.description.clone(),
        members: c
            .members
            .iter()
            .map(|m| shared::review::CommitteeMemberInput {
                user_id: m.user_id,
                email: None,
                kind: Some(m.kind.as_str().to_owned()),
                organisation_id: m.organisation.as_ref().map(|o| o.id),
                chair: m.chair,
            })
            .collect(),
    }
}

/// Replaces the committee's membership (the service takes the whole list),
/// then shows the committee with `notice`.
#[cfg(feature = "ssr")]
async fn save_membership(
    services: &shared::services::Services,
    committee_id: i64,
    input: shared::review::CommitteeInput,
    echo: &[(String, String)],
    notice: &str,
) -> Result<(), FnError> {
    input.check().map_err(|fields| invalid(fields, echo))?;
    services.update_committee(committee_id, input).await.map_err(|b| FnError::from(b).with_echo(echo.to_vec()))?;
    leptos_axum::redirect(&format!("/admin/committees/{committee_id}?{notice}=1#committee-members"));
    Ok(())
}

/// The account a member form names: an account number, or an e-mail
/// address (the committee service looks it up, for whoever may manage the
/// committee).
#[cfg(feature = "ssr")]
fn account_ref(user: &str) -> Result<(i64, Option<String>), FieldError> {
    use shared::error::FieldProblem;
    let user = user.trim();
    if user.is_empty() {
        return Err(FieldError::new("user", FieldProblem::Required, "Enter an e-mail address or an account number."));
    }
    if let Ok(id) = user.trim_start_matches('#').parse::<i64>() {
        return Ok((id, None));
    }
    if !user.contains('@') {
        return Err(FieldError::new("user", FieldProblem::Invalid, "Enter an e-mail address or an account number."));
    }
    Ok((0, Some(user.to_owned())))
}

/// What a committee's or a council's add-member form names, checked.
#[cfg(feature = "ssr")]
struct NewMember {
    user_id: i64,
    email: Option<String>,
    organisation_id: Option<i64>,
    /// The form as typed, to show again (an e-mail address left out: it
    /// would go into the redirect address).
    echo: Vec<(String, String)>,
}

/// Checks the fields both add-member forms have: the account (a number or
/// an e-mail address) and the organisation; `others` are only echoed.
#[cfg(feature = "ssr")]
fn new_member(user: &str, organisation_id: &str, others: &[(&str, &str)]) -> Result<NewMember, FnError> {
    let user_echo = if user.contains('@') { "" } else { user };
    let mut typed = vec![("user", user_echo), ("organisation_id", organisation_id)];
    typed.extend_from_slice(others);
    let echo = plain_form_echo(&typed, 24);
    let mut errors = Vec::new();
    let account = account_ref(user).map_err(|f| errors.push(f)).ok();
    let organisation_id = match optional_number::<i64>(organisation_id, "organisation_id") {
        Ok(id) => id,
        Err(e) => {
            errors.extend(e.error.fields);
            None
        }
    };
    match (account, errors.is_empty()) {
        (Some((user_id, email)), true) => Ok(NewMember { user_id, email, organisation_id, echo }),
        _ => Err(invalid(errors, &echo)),
    }
}

/// 409 for a member added twice by account number (an e-mail address is
/// looked up by the service, which refuses a repeat the same way).
#[cfg(feature = "ssr")]
fn already_member(new: &NewMember, members: impl IntoIterator<Item = i64>, of_what: &str) -> Result<(), FnError> {
    if new.email.is_none() && members.into_iter().any(|m| m == new.user_id) {
        return Err(FnError::from(shared::ErrorBody::new(ErrorCode::Conflict, format!("Already a member of this {of_what}.")))
            .with_echo(new.echo.clone()));
    }
    Ok(())
}

/// Adds a member (by account number or e-mail) to a committee, then shows it.
/// The e-mail address is not echoed (it would go into the redirect URL).
#[server(prefix = "/fn", endpoint = "add_committee_member")]
pub async fn add_committee_member(
    committee_id: i64,
    user: String,
    kind: String,
    organisation_id: String,
    chair: Option<String>,
) -> Result<(), FnError> {
    let new = new_member(&user, &organisation_id, &[("kind", &kind), ("chair", if chair.is_some() { "1" } else { "" })])?;
    let services = services()?;
    let committee = services.committee(committee_id).await.map_err(|b| FnError::from(b).with_echo(new.echo.clone()))?;
    already_member(&new, committee.members.iter().map(|m| m.user_id), "committee")?;
    let mut input = committee_input(&committee);
    input.members.push(shared::review::CommitteeMemberInput {
        user_id: new.user_id,
        email: new.email,
        kind: Some(kind),
        organisation_id: new.organisation_id,
        chair: chair.is_some(),
    });
    let echo = new.echo;
    save_membership(&services, committee_id, input, &echo, "member_added").await
}

/// Removes a member from a committee, then shows it.
#[server(prefix = "/fn", endpoint = "remove_committee_member")]
pub async fn remove_committee_member(committee_id: i64, user_id: i64) -> Result<(), FnError> {
    let services = services()?;
    let committee = services.committee(committee_id).await?;
    let mut input = committee_input(&committee);
    input.members.retain(|m| m.user_id != user_id);
    save_membership(&services, committee_id, input, &[], "member_removed").await
}

/// Makes a member chair (`chair` = `1`) or not, then shows the committee.
#[server(prefix = "/fn", endpoint = "set_committee_chair")]
pub async fn set_committee_chair(committee_id: i64, user_id: i64, chair: String) -> Result<(), FnError> {
    let services = services()?;
    let committee = services.committee(committee_id).await?;
    let mut input = committee_input(&committee);
    for m in input.members.iter_mut().filter(|m| m.user_id == user_id) {
        m.chair = chair == "1";
    }
    save_membership(&services, committee_id, input, &[], "chair_set").await
}

/// How many criterion rows the round form has.
pub const CRITERION_ROWS: usize = 6;

/// The form field of criterion row `i` (its errors are shown there).
pub fn criterion_field(i: usize) -> String {
    format!("criterion_{i}")
}

/// Creates a review round (in preparation) from the committee page's form,
/// then shows the round. Criterion rows whose name and weight are both empty
/// are left out; the deadline is a KST `datetime-local`. Errors come back per
/// field (a criterion's on its row), with what was typed.
#[allow(clippy::too_many_arguments, reason = "one argument per form field (a plain form post)")]
#[server(prefix = "/fn", endpoint = "create_round")]
pub async fn create_round(
    committee_id: i64,
    title: String,
    description: String,
    criterion_name: Option<Vec<String>>,
    criterion_weight: Option<Vec<String>>,
    criterion_min: Option<Vec<String>>,
    criterion_max: Option<Vec<String>>,
    statuses: Option<Vec<String>>,
    min_supports: String,
    area_code: String,
    region_code: String,
    proposal_ids: String,
    reviewers_per_proposal: String,
    deadline: String,
    blind: Option<String>,
    public_weight: String,
    aggregation: String,
) -> Result<(), FnError> {
    use shared::error::FieldProblem;
    use shared::participation::ProposalStatus;
    use shared::review::{CriterionInput, Eligibility, RoundInput, limits};
    let column = |v: Option<Vec<String>>| {
        let mut v = v.unwrap_or_default();
        v.resize(CRITERION_ROWS, String::new());
        v
    };
    let (names, weights, mins, maxs) = (column(criterion_name), column(criterion_weight), column(criterion_min), column(criterion_max));
    let statuses = statuses.unwrap_or_default();
    let mut short: Vec<(String, String)> = vec![
        ("title".into(), title.clone()),
        ("statuses".into(), statuses.join(",")),
        ("min_supports".into(), min_supports.clone()),
        ("area_code".into(), area_code.clone()),
        ("region_code".into(), region_code.clone()),
        ("reviewers_per_proposal".into(), reviewers_per_proposal.clone()),
        ("deadline".into(), deadline.clone()),
        ("blind".into(), if blind.is_some() { "1".into() } else { String::new() }),
        ("public_weight".into(), public_weight.clone()),
        ("aggregation".into(), aggregation.clone()),
    ];
    for i in 0..CRITERION_ROWS {
        short.push((format!("criterion_name_{i}"), names[i].clone()));
        short.push((format!("criterion_weight_{i}"), weights[i].clone()));
        short.push((format!("criterion_min_{i}"), mins[i].clone()));
        short.push((format!("criterion_max_{i}"), maxs[i].clone()));
    }
    let pairs: Vec<(&str, &str)> = short.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut echo = plain_form_echo(&pairs, limits::NAME.1 + 1);
    echo.extend(plain_form_echo(&[("description", &description), ("proposal_ids", &proposal_ids)], limits::DESCRIPTION + 1));

    let mut errors: Vec<FieldError> = Vec::new();
    let mut number = |raw: &str, field: &str| -> Option<u32> {
        optional_number::<u32>(raw, field).map_err(|e| errors.extend(e.error.fields)).ok().flatten()
    };
    let min_supports = number(&min_supports, "min_supports");
    let reviewers_per_proposal = number(&reviewers_per_proposal, "reviewers_per_proposal");
    let public_weight = number(&public_weight, "public_weight").unwrap_or(0);
    // The form rows the criteria come from, to put the server's `criteria[k]` errors on them.
    let mut rows = Vec::new();
    let mut criteria = Vec::new();
    for i in 0..CRITERION_ROWS {
        if names[i].trim().is_empty() && weights[i].trim().is_empty() {
            continue;
        }
        let field = criterion_field(i);
        let weight = optional_number::<u32>(&weights[i], &field);
        let min = optional_number::<i32>(&mins[i], &field);
        let max = optional_number::<i32>(&maxs[i], &field);
        match (weight, min, max) {
            (Ok(weight), Ok(scale_min), Ok(scale_max)) => {
                criteria.push(CriterionInput {
                    name: names[i].clone(),
                    description: String::new(),
                    weight: weight.unwrap_or(0),
                    scale_min,
                    scale_max,
                });
                rows.push(i);
            }
            _ => errors.push(FieldError::new(&field, FieldProblem::Invalid, "Weights and scores are whole numbers.")),
        }
    }
    let mut statuses_parsed = Vec::new();
    for s in &statuses {
        match ProposalStatus::parse(s.trim()) {
            Some(status) => statuses_parsed.push(status),
            None => errors.push(FieldError::new("statuses", FieldProblem::Invalid, "Choose among the listed statuses.")),
        }
    }
    let mut ids = Vec::new();
    for part in proposal_ids.split(|c: char| c == ',' || c.is_whitespace()).map(|p| p.trim().trim_start_matches('#')).filter(|p| !p.is_empty()) {
        match part.parse::<i64>() {
            Ok(id) if id > 0 => ids.push(id),
            _ => {
                errors.push(FieldError::new("proposal_ids", FieldProblem::Invalid, "Proposal numbers are separated by commas."));
                break;
            }
        }
    }
    let some = |v: String| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    let input = RoundInput {
        committee_id,
        title,
        description,
        eligibility: Eligibility {
            statuses: statuses_parsed,
            min_supports,
            area_code: some(area_code),
            region_code: some(region_code),
            proposal_ids: ids,
        },
        criteria,
        reviewers_per_proposal,
        deadline: if deadline.trim().is_empty() { String::new() } else { kst_to_rfc3339(&deadline) },
        blind: blind.is_some(),
        public_weight,
        aggregation: some(aggregation),
    };
    let on_rows = |mut fields: Vec<FieldError>| {
        for f in &mut fields {
            let index = f.field.strip_prefix("criteria[").and_then(|r| r.strip_suffix(']')).and_then(|i| i.parse::<usize>().ok());
            if let Some(row) = index.and_then(|i| rows.get(i)) {
                f.field = criterion_field(*row);
            }
        }
        fields
    };
    if let Err(fields) = input.check() {
        // A row refused while parsing is not in `input`: its own error stands.
        errors.extend(on_rows(fields));
    }
    if !errors.is_empty() {
        return Err(invalid(errors, &echo));
    }
    let round = services()?.create_round(input).await.map_err(|mut body| {
        body.error.fields = on_rows(std::mem::take(&mut body.error.fields));
        FnError::from(body).with_echo(echo.clone())
    })?;
    leptos_axum::redirect(&format!("/reviews/{}?created=1", round.id));
    Ok(())
}

/// One round (public), with what the person asking may do in it.
#[server(prefix = "/fn", endpoint = "review_round")]
pub async fn review_round(id: i64) -> Result<RoundDto, FnError> {
    Ok(services()?.round(id).await?)
}

/// The rounds of the committees the signed-in person sits on.
#[server(prefix = "/fn", endpoint = "my_review_rounds")]
pub async fn my_review_rounds() -> Result<Vec<RoundSummary>, FnError> {
    Ok(services()?.my_rounds().await?)
}

/// Opens a round (assigns reviewers and notifies them), then shows it.
#[server(prefix = "/fn", endpoint = "open_round")]
pub async fn open_round(id: i64) -> Result<(), FnError> {
    services()?.open_round(id).await?;
    leptos_axum::redirect(&format!("/reviews/{id}?opened=1"));
    Ok(())
}

/// Closes a round (scores freeze; the report becomes public), then shows it.
#[server(prefix = "/fn", endpoint = "close_round")]
pub async fn close_round(id: i64) -> Result<(), FnError> {
    services()?.close_round(id).await?;
    leptos_axum::redirect(&format!("/reviews/{id}?closed=1"));
    Ok(())
}

/// The signed-in reviewer's queue in a round.
#[server(prefix = "/fn", endpoint = "review_queue")]
pub async fn review_queue(id: i64) -> Result<QueueDto, FnError> {
    Ok(services()?.review_queue(id).await?)
}

/// Progress per reviewer and per proposal (chairs and managers).
#[server(prefix = "/fn", endpoint = "review_progress")]
pub async fn review_progress(id: i64) -> Result<ProgressDto, FnError> {
    Ok(services()?.review_progress(id).await?)
}

/// Reminds the reviewers with unsubmitted sheets, then shows the round
/// with how many were reminded.
#[server(prefix = "/fn", endpoint = "send_review_reminders")]
pub async fn send_review_reminders(id: i64) -> Result<(), FnError> {
    let receipt = services()?.send_review_reminders(id).await?;
    leptos_axum::redirect(&format!("/reviews/{id}?reminded={}#progress", receipt.reminded));
    Ok(())
}

/// A proposal of a round as a reviewer sees it.
#[server(prefix = "/fn", endpoint = "review_proposal")]
pub async fn review_proposal(round_id: i64, proposal_id: i64) -> Result<ReviewProposalDto, FnError> {
    Ok(services()?.review_proposal(round_id, proposal_id).await?)
}

/// The signed-in reviewer's sheet for a proposal.
#[server(prefix = "/fn", endpoint = "review_sheet")]
pub async fn review_sheet(round_id: i64, proposal_id: i64) -> Result<SheetDto, FnError> {
    Ok(services()?.review_sheet(round_id, proposal_id).await?)
}

/// Saves the score sheet as a draft (`intent` = `draft`) or submits it
/// (`submit`), then shows it. Scores come as `score[<criterion id>]` (radio
/// buttons: an unanswered criterion sends nothing) and comments as
/// `note[<criterion id>]`.
#[server(prefix = "/fn", endpoint = "save_sheet")]
pub async fn save_sheet(
    round_id: i64,
    proposal_id: i64,
    score: Option<BTreeMap<String, String>>,
    note: Option<BTreeMap<String, String>>,
    comment: String,
    intent: Option<String>,
) -> Result<(), FnError> {
    use shared::error::FieldProblem;
    use shared::review::{ScoreInput, SheetInput, limits};
    let (score, note) = (score.unwrap_or_default(), note.unwrap_or_default());
    let submit = intent.as_deref() == Some("submit");
    let mut short: Vec<(String, String)> = vec![("intent".into(), if submit { "submit".into() } else { "draft".into() })];
    short.extend(score.iter().map(|(k, v)| (format!("score_{k}"), v.clone())));
    let mut long: Vec<(String, String)> = vec![("comment".into(), comment.clone())];
    long.extend(note.iter().map(|(k, v)| (format!("comment_{k}"), v.clone())));
    let pairs: Vec<(&str, &str)> = short.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut echo = plain_form_echo(&pairs, 12);
    let pairs: Vec<(&str, &str)> = long.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    echo.extend(plain_form_echo(&pairs, limits::COMMENT + 1));

    let mut ids: Vec<&String> = score.keys().chain(note.keys()).collect();
    ids.sort();
    ids.dedup();
    let mut errors = Vec::new();
    let mut scores = Vec::new();
    for key in ids {
        let Ok(criterion_id) = key.parse::<i64>() else {
            return Err(FnError::from(shared::ErrorBody::new(ErrorCode::BadRequest, "Unknown criterion.")).with_echo(echo));
        };
        let raw = score.get(key).map(String::as_str).unwrap_or_default();
        let value = match optional_number::<i32>(raw, &format!("score_{criterion_id}")) {
            Ok(v) => v,
            Err(_) => {
                errors.push(FieldError::new(&format!("score_{criterion_id}"), FieldProblem::Invalid, "Choose a score."));
                None
            }
        };
        scores.push(ScoreInput { criterion_id, score: value, comment: note.get(key).cloned().unwrap_or_default() });
    }
    if !errors.is_empty() {
        return Err(invalid(errors, &echo));
    }
    let input = SheetInput { scores, comment, submit };
    services()?.save_sheet(round_id, proposal_id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    let notice = if submit { "submitted" } else { "saved" };
    leptos_axum::redirect(&format!("/reviews/{round_id}/proposals/{proposal_id}?{notice}=1#sheet"));
    Ok(())
}

/// Other reviewers' submitted sheets (`forbidden` until one's own is submitted).
#[server(prefix = "/fn", endpoint = "peer_sheets")]
pub async fn peer_sheets(round_id: i64, proposal_id: i64) -> Result<Vec<PeerSheetDto>, FnError> {
    Ok(services()?.peer_sheets(round_id, proposal_id).await?)
}

/// Declares a conflict of interest with a proposal, then shows it.
#[server(prefix = "/fn", endpoint = "declare_conflict")]
pub async fn declare_conflict(round_id: i64, proposal_id: i64, reason: String) -> Result<(), FnError> {
    use shared::review::{ConflictInput, limits};
    let echo = plain_form_echo(&[("reason", &reason)], limits::REASON.1 + 1);
    let input = ConflictInput { proposal_id, reason };
    input.check().map_err(|fields| invalid(fields, &echo))?;
    services()?.declare_conflict(round_id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/reviews/{round_id}/proposals/{proposal_id}?conflict_declared=1"));
    Ok(())
}

/// The committee's private discussion of a proposal.
#[server(prefix = "/fn", endpoint = "review_discussion")]
pub async fn review_discussion(round_id: i64, proposal_id: i64) -> Result<Vec<DiscussionMessageDto>, FnError> {
    Ok(services()?.review_discussion(round_id, proposal_id).await?)
}

/// Posts to the committee's private discussion, then shows the message.
#[server(prefix = "/fn", endpoint = "post_review_message")]
pub async fn post_review_message(round_id: i64, proposal_id: i64, body: String) -> Result<(), FnError> {
    use shared::review::{DiscussionInput, limits};
    let echo = plain_form_echo(&[("body", &body)], limits::COMMENT + 1);
    let input = DiscussionInput { body };
    input.check().map_err(|fields| invalid(fields, &echo))?;
    let message = services()?.post_review_message(round_id, proposal_id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/reviews/{round_id}/proposals/{proposal_id}#message-{}", message.id));
    Ok(())
}

/// The committee's ranking.
#[server(prefix = "/fn", endpoint = "review_ranking")]
pub async fn review_ranking(round_id: i64) -> Result<RankingDto, FnError> {
    Ok(services()?.review_ranking(round_id).await?)
}

/// Records the committee's decision on a proposal (chairs), then shows the
/// ranking at its row. The proposal's number comes back with an error, so
/// the page shows it on the right form.
#[server(prefix = "/fn", endpoint = "decide_proposal")]
pub async fn decide_proposal(round_id: i64, proposal_id: i64, decision: String, rationale: String) -> Result<(), FnError> {
    use shared::review::{DecisionInput, limits};
    let echo = plain_form_echo(
        &[("proposal_id", &proposal_id.to_string()), ("decision", &decision), ("rationale", &rationale)],
        limits::RATIONALE.1 + 1,
    );
    let input = DecisionInput { proposal_id, decision, rationale };
    input.check().map_err(|fields| invalid(fields, &echo))?;
    services()?.decide_proposal(round_id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/reviews/{round_id}/ranking?decided={proposal_id}#ranking-row-{proposal_id}"));
    Ok(())
}

/// Changes a decision's public rationale (chairs), then shows the ranking.
#[server(prefix = "/fn", endpoint = "edit_rationale")]
pub async fn edit_rationale(round_id: i64, proposal_id: i64, rationale: String) -> Result<(), FnError> {
    use shared::review::{RationaleInput, limits};
    let echo = plain_form_echo(&[("proposal_id", &proposal_id.to_string()), ("rationale", &rationale)], limits::RATIONALE.1 + 1);
    let input = RationaleInput { rationale };
    input.check().map_err(|fields| invalid(fields, &echo))?;
    services()?.edit_rationale(round_id, proposal_id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/reviews/{round_id}/ranking?rationale_saved={proposal_id}#ranking-row-{proposal_id}"));
    Ok(())
}

/// The public report of a closed round (`conflict` before it closes).
#[server(prefix = "/fn", endpoint = "round_report")]
pub async fn round_report(round_id: i64) -> Result<ReportDto, FnError> {
    Ok(services()?.round_report(round_id).await?)
}

// ------------------------------------------------------- execution tracking

/// The public portfolio of tasks matching the filters, with its summary.
#[server(prefix = "/fn", endpoint = "task_portfolio")]
pub async fn task_portfolio(query: shared::execution::PortfolioQuery) -> Result<shared::execution::PortfolioDto, FnError> {
    Ok(services()?.task_portfolio(query).await?)
}

/// One task in full (public), with whether the person asking may edit it.
#[server(prefix = "/fn", endpoint = "task_detail")]
pub async fn task_detail(id: i64) -> Result<shared::execution::TaskDto, FnError> {
    Ok(services()?.task(id).await?)
}

/// A form's optional decimal number (`""` means none), or a validation error for `field`.
#[cfg(feature = "ssr")]
fn optional_decimal(raw: &str, field: &str) -> Result<Option<f64>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.replace(',', "")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Some)
        .ok_or_else(|| FieldError::new(field, shared::error::FieldProblem::Invalid, "Enter a number."))
}

/// A form's required decimal number; an error for `field` when missing or not a number.
#[cfg(feature = "ssr")]
fn required_decimal(raw: &str, field: &str, errors: &mut Vec<FieldError>) -> f64 {
    match optional_decimal(raw, field) {
        Ok(Some(v)) => v,
        Ok(None) => {
            errors.push(FieldError::new(field, shared::error::FieldProblem::Required, "Enter a number."));
            0.0
        }
        Err(e) => {
            errors.push(e);
            0.0
        }
    }
}

/// `errors` followed by those of `checked` on fields not already in `errors`
/// (a field refused while parsing keeps its own error).
#[cfg(feature = "ssr")]
fn merge_field_errors(mut errors: Vec<FieldError>, checked: Vec<FieldError>) -> Vec<FieldError> {
    for f in checked {
        if !errors.iter().any(|e| e.field == f.field) {
            errors.push(f);
        }
    }
    errors
}

/// Adds a milestone to a task (task-force members), then shows the task's
/// milestones. Empty number fields mean "none" (weight 1, no parent, no
/// owner; the percentage only counts while in progress or delayed).
#[allow(clippy::too_many_arguments, reason = "one argument per form field (a plain form post)")]
#[server(prefix = "/fn", endpoint = "add_milestone")]
pub async fn add_milestone(
    task_id: i64,
    title: String,
    due_date: String,
    weight: String,
    parent_id: String,
    status: String,
    progress_percent: String,
    owner_id: String,
) -> Result<(), FnError> {
    use shared::execution::{MilestoneInput, limits};
    let echo = plain_form_echo(
        &[
            ("title", &title),
            ("due_date", &due_date),
            ("weight", &weight),
            ("parent_id", &parent_id),
            ("status", &status),
            ("progress_percent", &progress_percent),
            ("owner_id", &owner_id),
        ],
        limits::TITLE.1 + 1,
    );
    let mut errors = Vec::new();
    let mut number = |raw: &str, field: &str| -> Option<i64> {
        optional_number::<i64>(raw.trim().trim_start_matches('#'), field).map_err(|e| errors.extend(e.error.fields)).ok().flatten()
    };
    let weight = number(&weight, "weight");
    let parent_id = number(&parent_id, "parent_id");
    let progress_percent = number(&progress_percent, "progress_percent");
    let owner_id = number(&owner_id, "owner_id");
    // Out-of-range numbers become values the shared check refuses on the same field.
    let input = MilestoneInput {
        title,
        due_date,
        owner_id,
        weight: weight.map(|w| u32::try_from(w).unwrap_or(0)),
        parent_id,
        status: Some(status).filter(|s| !s.trim().is_empty()),
        progress_percent: progress_percent.map(|p| u32::try_from(p).unwrap_or(u32::MAX)),
    };
    if let Err(fields) = input.check() {
        errors = merge_field_errors(errors, fields);
    }
    if !errors.is_empty() {
        return Err(invalid(errors, &echo));
    }
    services()?.add_milestone(task_id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/tasks/{task_id}?milestone_added=1#milestone-list"));
    Ok(())
}

/// Changes a milestone's status and percentage (task-force members), then
/// shows it. The service takes the whole milestone: the rest is read from
/// the task and sent back unchanged. The milestone's number comes back with
/// an error, so the page shows it on the right form.
#[server(prefix = "/fn", endpoint = "set_milestone_status")]
pub async fn set_milestone_status(task_id: i64, milestone_id: i64, status: String, progress_percent: String) -> Result<(), FnError> {
    use shared::execution::MilestoneInput;
    let echo = plain_form_echo(
        &[("milestone_id", &milestone_id.to_string()), ("status", &status), ("progress_percent", &progress_percent)],
        24,
    );
    let percent = optional_number::<i64>(&progress_percent, "progress_percent").map_err(|e| e.with_echo(echo.clone()))?;
    let services = services()?;
    let task = services.task(task_id).await.map_err(|b| FnError::from(b).with_echo(echo.clone()))?;
    let Some(m) = task.milestones.iter().find(|m| m.id == milestone_id) else {
        return Err(FnError::from(shared::ErrorBody::new(ErrorCode::NotFound, "No such milestone.")).with_echo(echo));
    };
    let input = MilestoneInput {
        title: m.title.clone(),
        due_date: m.due_date.clone(),
        owner_id: m.owner_id,
        weight: Some(m.weight),
        parent_id: m.parent_id,
        status: Some(status),
        progress_percent: percent.map(|p| u32::try_from(p).unwrap_or(u32::MAX)),
    };
    input.check().map_err(|fields| invalid(fields, &echo))?;
    services.update_milestone(task_id, milestone_id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/tasks/{task_id}?milestone_saved={milestone_id}#milestone-{milestone_id}"));
    Ok(())
}

/// How many link fields the progress-update form has.
pub const UPDATE_LINK_FIELDS: usize = 3;

/// Posts a progress update (task-force members) with up to
/// [`UPDATE_LINK_FIELDS`] links (empty fields are left out), then shows it.
#[server(prefix = "/fn", endpoint = "post_task_update")]
pub async fn post_task_update(task_id: i64, body: String, link1: String, link2: String, link3: String) -> Result<(), FnError> {
    use shared::execution::{ProgressUpdateInput, limits};
    let mut echo = plain_form_echo(&[("body", &body)], limits::UPDATE_BODY.1 + 1);
    echo.extend(plain_form_echo(&[("link1", &link1), ("link2", &link2), ("link3", &link3)], limits::LINK + 1));
    let links = [link1, link2, link3].into_iter().filter(|l| !l.trim().is_empty()).collect();
    let input = ProgressUpdateInput { body, links };
    input.check().map_err(|fields| invalid(fields, &echo))?;
    let update = services()?.add_task_update(task_id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/tasks/{task_id}?update_posted=1#update-{}", update.id));
    Ok(())
}

/// Adds an outcome indicator (task-force members), then shows it.
#[server(prefix = "/fn", endpoint = "add_indicator")]
pub async fn add_indicator(task_id: i64, name: String, unit: String, baseline: String, target: String) -> Result<(), FnError> {
    use shared::execution::{IndicatorInput, limits};
    let echo = plain_form_echo(
        &[("name", &name), ("unit", &unit), ("baseline", &baseline), ("target", &target)],
        limits::INDICATOR_NAME.1 + 1,
    );
    let mut errors = Vec::new();
    let baseline = required_decimal(&baseline, "baseline", &mut errors);
    let target = required_decimal(&target, "target", &mut errors);
    let input = IndicatorInput { name, unit, baseline, target };
    if let Err(fields) = input.check() {
        errors = merge_field_errors(errors, fields);
    }
    if !errors.is_empty() {
        return Err(invalid(errors, &echo));
    }
    let task = services()?.add_indicator(task_id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    let anchor = task.indicators.iter().map(|i| i.id).max().map(|id| format!("indicator-{id}")).unwrap_or_else(|| "indicators".into());
    leptos_axum::redirect(&format!("/tasks/{task_id}?indicator_added=1#{anchor}"));
    Ok(())
}

/// Records an indicator's value on a date (task-force members), then shows
/// the indicator. The indicator's number comes back with an error.
#[server(prefix = "/fn", endpoint = "record_indicator_value")]
pub async fn record_indicator_value(task_id: i64, indicator_id: i64, date: String, value: String) -> Result<(), FnError> {
    use shared::execution::IndicatorValueInput;
    let echo = plain_form_echo(&[("indicator_id", &indicator_id.to_string()), ("date", &date), ("value", &value)], 40);
    let mut errors = Vec::new();
    let value = required_decimal(&value, "value", &mut errors);
    let input = IndicatorValueInput { date, value };
    if let Err(fields) = input.check() {
        errors = merge_field_errors(errors, fields);
    }
    if !errors.is_empty() {
        return Err(invalid(errors, &echo));
    }
    services()?.add_indicator_value(task_id, indicator_id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/tasks/{task_id}?value_recorded={indicator_id}#indicator-{indicator_id}"));
    Ok(())
}

/// Overrides the task's health with a reason (task-force members), then shows it.
#[server(prefix = "/fn", endpoint = "override_task_health")]
pub async fn override_task_health(task_id: i64, health: String, reason: String) -> Result<(), FnError> {
    use shared::execution::{HealthOverrideInput, limits};
    let echo = plain_form_echo(&[("health", &health), ("reason", &reason)], limits::REASON.1 + 1);
    let input = HealthOverrideInput { health, reason };
    input.check().map_err(|fields| invalid(fields, &echo))?;
    services()?.override_health(task_id, Some(input)).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/tasks/{task_id}?health_saved=1#task-health"));
    Ok(())
}

/// Returns the task to its derived health (task-force members), then shows it.
#[server(prefix = "/fn", endpoint = "clear_task_health")]
pub async fn clear_task_health(task_id: i64) -> Result<(), FnError> {
    services()?.override_health(task_id, None).await?;
    leptos_axum::redirect(&format!("/tasks/{task_id}?health_cleared=1#task-health"));
    Ok(())
}

/// Creates a task from the `/tasks/new` form (admins; the service answers
/// `forbidden` for anyone else), then shows it. Partner organisations come
/// as ticked boxes `partner_organisation_ids[]`; an empty proposal means a
/// task made directly.
#[allow(clippy::too_many_arguments, reason = "one argument per form field (a plain form post)")]
#[server(prefix = "/fn", endpoint = "create_task")]
pub async fn create_task(
    title: String,
    description: String,
    kind: String,
    area_code: String,
    region_code: String,
    lead_organisation_id: String,
    partner_organisation_ids: Option<Vec<i64>>,
    proposal_id: String,
) -> Result<(), FnError> {
    use shared::execution::{TaskInput, limits};
    let partner_organisation_ids = partner_organisation_ids.unwrap_or_default();
    let partners = partner_organisation_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let mut echo = plain_form_echo(
        &[
            ("title", &title),
            ("kind", &kind),
            ("area_code", &area_code),
            ("region_code", &region_code),
            ("lead_organisation_id", &lead_organisation_id),
            ("partner_organisation_ids", &partners),
            ("proposal_id", &proposal_id),
        ],
        limits::TITLE.1 + 1,
    );
    echo.extend(plain_form_echo(&[("description", &description)], limits::DESCRIPTION + 1));
    let mut errors = Vec::new();
    let mut number = |raw: &str, field: &str| -> Option<i64> {
        optional_number::<i64>(raw.trim().trim_start_matches('#'), field).map_err(|e| errors.extend(e.error.fields)).ok().flatten()
    };
    let lead_organisation_id = number(&lead_organisation_id, "lead_organisation_id").unwrap_or_default();
    let proposal_id = number(&proposal_id, "proposal_id");
    let input = TaskInput { title, description, kind, area_code, region_code, lead_organisation_id, partner_organisation_ids, proposal_id };
    if let Err(fields) = input.check() {
        errors = merge_field_errors(errors, fields);
    }
    if !errors.is_empty() {
        return Err(invalid(errors, &echo));
    }
    let task = services()?.create_task(input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/tasks/{}?task_created=1", task.id));
    Ok(())
}

/// How many empty rows the task-force form offers for new members.
pub const NEW_MEMBER_ROWS: usize = 3;

/// Replaces the task force (its leads and the admins), then shows it. Rows
/// come as `member[<row>]` (an e-mail address, or `#<account number>` for
/// the members already there), `role[<row>]` (`lead` or `member`) and
/// `remove[<row>]` (ticked: left out). Empty rows are skipped. E-mail
/// addresses are not echoed (they would go into the redirect URL).
#[server(prefix = "/fn", endpoint = "set_task_members")]
pub async fn set_task_members(
    task_id: i64,
    member: Option<BTreeMap<String, String>>,
    role: Option<BTreeMap<String, String>>,
    remove: Option<BTreeMap<String, String>>,
) -> Result<(), FnError> {
    use shared::execution::{TaskMemberInput, TaskMembersInput};
    let (member, role, remove) = (member.unwrap_or_default(), role.unwrap_or_default(), remove.unwrap_or_default());
    // Rows in the order shown (the keys are row numbers).
    let mut rows: Vec<(usize, &String)> = member.iter().filter_map(|(k, v)| Some((k.parse::<usize>().ok()?, v))).collect();
    rows.sort_by_key(|(row, _)| *row);
    let mut members = Vec::new();
    let mut errors = Vec::new();
    for (row, user) in rows {
        let key = row.to_string();
        if user.trim().is_empty() || remove.contains_key(&key) {
            continue;
        }
        match account_ref(user) {
            Ok((user_id, email)) => {
                let role = role.get(&key).map(|r| r.trim().to_owned()).filter(|r| !r.is_empty());
                members.push(TaskMemberInput { user_id, email, role });
            }
            Err(mut e) => {
                e.field = "members".into();
                errors.push(e);
            }
        }
    }
    if !errors.is_empty() {
        return Err(invalid(errors, &[]));
    }
    services()?.set_task_members(task_id, TaskMembersInput { members }).await?;
    leptos_axum::redirect(&format!("/tasks/{task_id}?members_saved=1#task-force-form-title"));
    Ok(())
}

/// Follows (`follow` = `1`) or unfollows a task, then shows it.
#[server(prefix = "/fn", endpoint = "follow_task")]
pub async fn follow_task(task_id: i64, follow: String) -> Result<(), FnError> {
    let on = follow == "1";
    services()?.follow_task(task_id, on).await?;
    let notice = if on { "followed" } else { "unfollowed" };
    leptos_axum::redirect(&format!("/tasks/{task_id}?{notice}=1#task-follow"));
    Ok(())
}

// ------------------------------------------------------- the SOS desk

/// The desk's public, anonymised statistics.
#[server(prefix = "/fn", endpoint = "sos_stats")]
pub async fn sos_stats() -> Result<shared::execution::SosStatsDto, FnError> {
    Ok(services()?.sos_stats().await?)
}

/// The SOS requests the signed-in person may see (`unauthorized` when signed out).
#[server(prefix = "/fn", endpoint = "sos_list")]
pub async fn sos_list(query: shared::execution::SosQuery) -> Result<shared::execution::SosListDto, FnError> {
    Ok(services()?.sos_list(query).await?)
}

/// One SOS request with its thread.
#[server(prefix = "/fn", endpoint = "sos_detail")]
pub async fn sos_detail(id: i64) -> Result<shared::execution::SosDto, FnError> {
    Ok(services()?.sos(id).await?)
}

/// Raises an SOS request for a task (its task force), then shows the
/// request. Organisations concerned come as ticked boxes `organisation_ids[]`.
#[server(prefix = "/fn", endpoint = "raise_sos")]
pub async fn raise_sos(
    task_id: i64,
    title: String,
    category: String,
    urgency: String,
    description: String,
    organisation_ids: Option<Vec<i64>>,
) -> Result<(), FnError> {
    use shared::execution::{SosInput, limits};
    let organisation_ids = organisation_ids.unwrap_or_default();
    let orgs = organisation_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let echo = plain_form_echo(
        &[("title", &title), ("category", &category), ("urgency", &urgency), ("organisation_ids", &orgs)],
        limits::TITLE.1 + 1,
    );
    // The description is private to the task force and the desk: never
    // echoed into the redirect URL (browser history, proxy logs).
    let urgency = Some(urgency).filter(|u| !u.trim().is_empty());
    let input = SosInput { title, category, urgency, description, organisation_ids };
    input.check().map_err(|fields| invalid(fields, &echo))?;
    let sos = services()?.raise_sos(task_id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/sos/{}?raised=1", sos.id));
    Ok(())
}

/// Writes in an SOS thread (the desk chooses the `kind`; the task force
/// replies), then shows the message.
#[server(prefix = "/fn", endpoint = "post_sos_message")]
pub async fn post_sos_message(id: i64, body: String, kind: Option<String>) -> Result<(), FnError> {
    use shared::execution::SosReplyInput;
    let kind_echo = kind.clone().unwrap_or_default();
    // The body is private to the thread: never echoed into the redirect URL.
    let echo = plain_form_echo(&[("kind", &kind_echo)], 20);
    let input = SosReplyInput { body, kind: kind.filter(|k| !k.trim().is_empty()) };
    input.check().map_err(|fields| invalid(fields, &echo))?;
    let sos = services()?.post_sos_message(id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    let anchor = sos.messages.last().map(|m| format!("sos-message-{}", m.id)).unwrap_or_else(|| "sos-thread".into());
    leptos_axum::redirect(&format!("/sos/{id}?posted=1#{anchor}"));
    Ok(())
}

/// Assigns an SOS request to a member of the desk (empty: to nobody), then shows it.
#[server(prefix = "/fn", endpoint = "assign_sos")]
pub async fn assign_sos(id: i64, assignee_id: String) -> Result<(), FnError> {
    let echo = plain_form_echo(&[("assignee_id", &assignee_id)], 24);
    let assignee_id = optional_number::<i64>(&assignee_id, "assignee_id").map_err(|e| e.with_echo(echo.clone()))?;
    let input = shared::execution::SosAssignInput { assignee_id };
    services()?.assign_sos(id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/sos/{id}?assigned=1#sos-assignee"));
    Ok(())
}

// ---------------------------------------------------------------------------
// Councils and meetings

/// Every council, subcommittee and forum team.
#[server(prefix = "/fn", endpoint = "councils")]
pub async fn councils_list() -> Result<Vec<shared::meeting::CouncilSummary>, FnError> {
    Ok(services()?.councils().await?)
}

/// One council's page.
#[server(prefix = "/fn", endpoint = "council")]
pub async fn council_detail(id: i64) -> Result<shared::meeting::CouncilDto, FnError> {
    Ok(services()?.council(id).await?)
}

/// The meetings one may see, of one council or all.
#[server(prefix = "/fn", endpoint = "meetings")]
pub async fn meetings_list(council: Option<i64>) -> Result<Vec<shared::meeting::MeetingSummary>, FnError> {
    Ok(services()?.meetings(council).await?)
}

/// One meeting's page.
#[server(prefix = "/fn", endpoint = "meeting")]
pub async fn meeting_detail(id: i64) -> Result<shared::meeting_page::MeetingPageDto, FnError> {
    Ok(services()?.meeting(id).await?)
}

/// Registers for a meeting in the room or online (or changes the mode), then shows the meeting.
#[server(prefix = "/fn", endpoint = "register_meeting")]
pub async fn register_meeting(id: i64, mode: String) -> Result<(), FnError> {
    let echo = plain_form_echo(&[("mode", &mode)], 20);
    let input = shared::meeting::RegistrationInput { mode };
    services()?.register_for_meeting(id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/meetings/{id}?registered=1#registration"));
    Ok(())
}

/// Cancels one's registration, then shows the meeting.
#[server(prefix = "/fn", endpoint = "cancel_meeting_registration")]
pub async fn cancel_meeting_registration(id: i64) -> Result<(), FnError> {
    services()?.cancel_registration(id).await?;
    leptos_axum::redirect(&format!("/meetings/{id}?cancelled=1#registration"));
    Ok(())
}

/// The registrations with their check-in codes (the meeting's staff).
#[server(prefix = "/fn", endpoint = "meeting_attendees")]
pub async fn meeting_attendees(id: i64) -> Result<shared::meeting_page::AttendeesDto, FnError> {
    Ok(services()?.attendees(id).await?)
}

/// Checks a room seat in by its code (typed, or from the QR code's link),
/// then shows the check-in desk with who was checked in.
#[server(prefix = "/fn", endpoint = "check_in_code")]
pub async fn check_in_code(id: i64, code: String) -> Result<(), FnError> {
    let echo = plain_form_echo(&[("code", &code)], 40);
    if !shared::meeting::code_is_well_formed(&shared::meeting::normalise_code(&code)) {
        return Err(FnError::field_problem("code", shared::error::FieldProblem::Invalid, "This is not a check-in code; check it for typos.").with_echo(echo));
    }
    let done = services()?.check_in(id, code).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/meetings/{id}/check-in?done={}", done.registration_id));
    Ok(())
}

/// The meeting's polls (drafts for the staff).
#[server(prefix = "/fn", endpoint = "meeting_polls")]
pub async fn meeting_polls(id: i64) -> Result<Vec<shared::meeting::PollDto>, FnError> {
    Ok(services()?.meeting_polls(id).await?)
}

/// Prepares a poll (the staff): options one per line for single and
/// multiple choice. Then shows the live room's polls.
#[server(prefix = "/fn", endpoint = "create_meeting_poll")]
pub async fn create_meeting_poll(
    meeting_id: i64,
    question: String,
    kind: String,
    options: String,
    max_choices: String,
    agenda_item_id: String,
) -> Result<(), FnError> {
    let echo = plain_form_echo(
        &[("question", &question), ("kind", &kind), ("options", &options), ("max_choices", &max_choices), ("agenda_item_id", &agenda_item_id)],
        2_000,
    );
    let max_choices = optional_number::<i64>(&max_choices, "max_choices").map_err(|e| e.with_echo(echo.clone()))?;
    let agenda_item_id = optional_number::<i64>(&agenda_item_id, "agenda_item_id").map_err(|e| e.with_echo(echo.clone()))?;
    let options = options.lines().map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned).collect();
    let input = shared::meeting::PollInput { question, kind, options, max_choices, agenda_item_id };
    input.check().map_err(|fields| invalid(fields, &echo))?;
    services()?.create_poll(meeting_id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    leptos_axum::redirect(&format!("/meetings/{meeting_id}/live?poll_created=1#polls"));
    Ok(())
}

/// Opens (`open` = true) or closes a poll (the staff). From a plain form it
/// then shows the live room; from the live room's script it answers the poll.
#[server(prefix = "/fn", endpoint = "move_meeting_poll")]
pub async fn move_meeting_poll(meeting_id: i64, poll_id: i64, open: bool, js: Option<bool>) -> Result<Option<shared::meeting::PollDto>, FnError> {
    let poll = services()?.move_poll(poll_id, open).await?;
    if js == Some(true) {
        return Ok(Some(poll));
    }
    leptos_axum::redirect(&format!("/meetings/{meeting_id}/live#polls"));
    Ok(None)
}

/// Casts or replaces one's vote: `choices[]`, the options' indexes.
#[server(prefix = "/fn", endpoint = "cast_vote")]
pub async fn cast_vote(meeting_id: i64, poll_id: i64, choices: Option<Vec<u32>>, js: Option<bool>) -> Result<Option<shared::meeting::PollDto>, FnError> {
    let input = shared::meeting::VoteInput { choices: choices.unwrap_or_default() };
    let poll = services()?.vote(poll_id, input).await?;
    if js == Some(true) {
        return Ok(Some(poll));
    }
    leptos_axum::redirect(&format!("/meetings/{meeting_id}/live?voted=1#poll-{poll_id}"));
    Ok(None)
}

/// Enters the room's hand count (the staff): `counts[]`, per option in order.
#[server(prefix = "/fn", endpoint = "enter_hand_count")]
pub async fn enter_hand_count(meeting_id: i64, poll_id: i64, counts: Option<Vec<String>>, js: Option<bool>) -> Result<Option<shared::meeting::PollDto>, FnError> {
    let counts = counts.unwrap_or_default();
    let echo = plain_form_echo(&[("counts", &counts.join(","))], 200);
    let mut parsed = Vec::with_capacity(counts.len());
    for c in &counts {
        let n = optional_number::<i64>(c, "counts").map_err(|e| e.with_echo(echo.clone()))?;
        parsed.push(n.unwrap_or(0));
    }
    let poll = services()?.hand_count(poll_id, shared::meeting::HandCountInput { counts: parsed }).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    if js == Some(true) {
        return Ok(Some(poll));
    }
    leptos_axum::redirect(&format!("/meetings/{meeting_id}/live?counted=1#poll-{poll_id}"));
    Ok(None)
}

/// What the hand-count form shows (the staff).
#[server(prefix = "/fn", endpoint = "hand_count_form")]
pub async fn hand_count_form(poll_id: i64) -> Result<shared::meeting::HandCountFormDto, FnError> {
    Ok(services()?.hand_count_form(poll_id).await?)
}

// ---------------------------------------------------------------------------
// The live room

/// The live room's full state for the person asking; a registered online
/// participant opening it is counted as present online.
#[server(prefix = "/fn", endpoint = "live_state")]
pub async fn live_state(id: i64) -> Result<shared::meeting::LiveStateDto, FnError> {
    Ok(services()?.live_state(id).await?)
}

/// Moves the live room to an agenda item (empty: none) (the staff).
#[server(prefix = "/fn", endpoint = "move_agenda")]
pub async fn move_agenda(meeting_id: i64, agenda_item_id: String) -> Result<(), FnError> {
    let item = optional_number::<i64>(&agenda_item_id, "agenda_item_id")?;
    services()?.move_agenda(meeting_id, item).await?;
    leptos_axum::redirect(&format!("/meetings/{meeting_id}/live#current-item"));
    Ok(())
}

/// Posts a question to the live room.
#[server(prefix = "/fn", endpoint = "post_question")]
pub async fn post_question(meeting_id: i64, body: String, js: Option<bool>) -> Result<Option<shared::meeting::QuestionDto>, FnError> {
    let echo = plain_form_echo(&[("body", &body)], shared::meeting::limits::QUESTION_BODY.1 + 1);
    let input = shared::meeting::QuestionInput { body };
    input.check().map_err(|fields| invalid(fields, &echo))?;
    let q = services()?.post_question(meeting_id, input).await.map_err(|b| FnError::from(b).with_echo(echo))?;
    if js == Some(true) {
        return Ok(Some(q));
    }
    leptos_axum::redirect(&format!("/meetings/{meeting_id}/live?asked=1#question-{}", q.id));
    Ok(None)
}

/// Upvotes a question (`up` = true) or takes the upvote back.
#[server(prefix = "/fn", endpoint = "upvote_question")]
pub async fn upvote_question(meeting_id: i64, question_id: i64, up: bool, js: Option<bool>) -> Result<Option<shared::meeting::QuestionDto>, FnError> {
    let q = services()?.upvote_question(question_id, up).await?;
    if js == Some(true) {
        return Ok(Some(q));
    }
    leptos_axum::redirect(&format!("/meetings/{meeting_id}/live#question-{question_id}"));
    Ok(None)
}

/// Marks a question answered, hides it or shows it again (the staff).
#[server(prefix = "/fn", endpoint = "moderate_question")]
pub async fn moderate_question(meeting_id: i64, question_id: i64, state: String) -> Result<(), FnError> {
    services()?.moderate_question(question_id, state).await?;
    leptos_axum::redirect(&format!("/meetings/{meeting_id}/live#questions"));
    Ok(())
}

/// Raises (`up` = true) or lowers one's hand; the staff lower someone's
/// with `user_id`.
#[server(prefix = "/fn", endpoint = "hand")]
pub async fn set_hand(meeting_id: i64, up: bool, user_id: Option<i64>, js: Option<bool>) -> Result<(), FnError> {
    if up {
        services()?.raise_hand(meeting_id).await?;
    } else {
        services()?.lower_hand(meeting_id, user_id).await?;
    }
    if js != Some(true) {
        leptos_axum::redirect(&format!("/meetings/{meeting_id}/live#hands"));
    }
    Ok(())
}

/// A meeting's minutes (published, or the draft for the staff).
#[server(prefix = "/fn", endpoint = "meeting_minutes")]
pub async fn meeting_minutes(id: i64) -> Result<shared::meeting::MinutesDto, FnError> {
    Ok(services()?.minutes(id).await?)
}

/// Saves the minutes, or publishes them with `publish` = `1` (the staff).
/// Per agenda item, in the same order: `agenda_item_id[]`, `decisions[]`, `summary[]`.
#[server(prefix = "/fn", endpoint = "save_meeting_minutes")]
pub async fn save_meeting_minutes(
    meeting_id: i64,
    agenda_item_id: Option<Vec<i64>>,
    decisions: Option<Vec<String>>,
    summary: Option<Vec<String>>,
    publish: Option<String>,
) -> Result<(), FnError> {
    use shared::meeting::{MinutesInput, MinutesItemInput};
    let (ids, decisions, summary) = (agenda_item_id.unwrap_or_default(), decisions.unwrap_or_default(), summary.unwrap_or_default());
    let items: Vec<MinutesItemInput> = ids
        .iter()
        .enumerate()
        .map(|(i, &id)| MinutesItemInput {
            agenda_item_id: id,
            decisions: decisions.get(i).cloned().unwrap_or_default(),
            summary: summary.get(i).cloned().unwrap_or_default(),
        })
        .collect();
    let publish = publish.is_some_and(|p| p == "1");
    let input = MinutesInput { items, publish };
    let services = services()?;
    if let Err(refused) = services.save_minutes(meeting_id, input.clone()).await {
        // Refused publication (before the end): the text is saved as a draft
        // first, so nothing typed is lost, then the reason is shown.
        let only_publish = !refused.error.fields.is_empty() && refused.error.fields.iter().all(|f| f.field == "publish");
        if publish && only_publish {
            services.save_minutes(meeting_id, MinutesInput { publish: false, ..input }).await?;
        }
        return Err(refused.into());
    }
    let done = if publish { "published" } else { "saved" };
    leptos_axum::redirect(&format!("/meetings/{meeting_id}/minutes?{done}=1"));
    Ok(())
}

// ---------------------------------------------------------------------------
// Managing councils and meetings: the forms of the admins (councils and
// their members) and of the people who run a council's meetings (the
// meeting, its agenda). Plain form posts; errors come back per field with
// what was typed.

/// Creates (no `id`) or changes a council from its form, then shows its
/// management page. A council belongs to no other: the parent chosen in the
/// form is dropped for that kind (a form without JavaScript sends it anyway).
#[server(prefix = "/fn", endpoint = "save_council")]
pub async fn save_council(
    id: Option<i64>,
    name: String,
    kind: String,
    parent_id: String,
    description: String,
) -> Result<(), FnError> {
    use shared::meeting::{CouncilInput, limits};
    let mut echo = plain_form_echo(
        &[("name", &name), ("kind", &kind), ("parent_id", &parent_id)],
        limits::NAME.1 + 1,
    );
    echo.extend(plain_form_echo(
        &[("description", &description)],
        limits::DESCRIPTION + 1,
    ));
    let parent_id = if kind == "council" {
        None
    } else {
        optional_number::<i64>(&parent_id, "parent_id").map_err(|e| e.with_echo(echo.clone()))?
    };
    let input = CouncilInput {
        name,
        kind: Some(kind).filter(|k| !k.is_empty()),
        parent_id,
        description,
    };
    let services = services()?;
    let saved = match id {
        Some(id) => services.update_council(id, input).await,
        None => services.create_council(input).await,
    }
    .map_err(|b| FnError::from(b).with_echo(echo))?;
    let done = if id.is_some() { "saved" } else { "created" };
    leptos_axum::redirect(&format!("/councils/{}/manage?{done}=1", saved.id));
    Ok(())
}

/// A council's members as the input that keeps them.
#[cfg(feature = "ssr")]
fn council_member_inputs(
    council: &shared::meeting::CouncilDto,
) -> Vec<shared::meeting::CouncilMemberInput> {
    council
        .members
        .iter()
        .map(|m| shared::meeting::CouncilMemberInput {
            user_id: m.user_id,
            side: m.side.as_str().to_owned(),
            organisation_id: m.organisation.as_ref().map(|o| o.id),
            role: Some(m.role.as_str().to_owned()),
            ..Default::default()
        })
        .collect()
}

/// Saves a council's membership, then shows its management page. The
/// errors of member `row` (`members[row].side`, …) come back on the add
/// form's fields (`side`, …; the account's on `user`).
#[cfg(feature = "ssr")]
async fn save_council_membership(
    services: &shared::services::Services,
    council_id: i64,
    members: Vec<shared::meeting::CouncilMemberInput>,
    row: Option<usize>,
    echo: &[(String, String)],
    done: &str,
) -> Result<(), FnError> {
    if let Err(body) = services.set_council_members(council_id, members).await {
        let mut e = FnError::from(body).with_echo(echo.to_vec());
        if let Some(row) = row {
            let prefix = format!("members[{row}].");
            for f in &mut e.error.fields {
                if let Some(name) = f.field.strip_prefix(&prefix) {
                    f.field = match name {
                        "user_id" | "email" => "user".to_owned(),
                        other => other.to_owned(),
                    };
                }
            }
        }
        return Err(e);
    }
    leptos_axum::redirect(&format!(
        "/councils/{council_id}/manage?{done}=1#council-members-title"
    ));
    Ok(())
}

/// Adds a member to a council (by account number or e-mail), then shows it.
/// The e-mail address is not echoed (it would go into the redirect URL).
#[server(prefix = "/fn", endpoint = "add_council_member")]
pub async fn add_council_member(
    council_id: i64,
    user: String,
    side: String,
    organisation_id: String,
    role: String,
) -> Result<(), FnError> {
    let new = new_member(&user, &organisation_id, &[("side", &side), ("role", &role)])?;
    let services = services()?;
    let council = services
        .council(council_id)
        .await
        .map_err(|b| FnError::from(b).with_echo(new.echo.clone()))?;
    already_member(&new, council.members.iter().map(|m| m.user_id), "council")?;
    let mut members = council_member_inputs(&council);
    let row = members.len();
    members.push(shared::meeting::CouncilMemberInput {
        user_id: new.user_id,
        email: new.email,
        side,
        organisation_id: new.organisation_id,
        role: Some(role).filter(|r| !r.is_empty()),
    });
    let echo = new.echo;
    save_council_membership(
        &services,
        council_id,
        members,
        Some(row),
        &echo,
        "member_added",
    )
    .await
}

/// Removes a member from a council (their members-only registrations are cancelled), then shows it.
#[server(prefix = "/fn", endpoint = "remove_council_member")]
pub async fn remove_council_member(council_id: i64, user_id: i64) -> Result<(), FnError> {
    let services = services()?;
    let council = services.council(council_id).await?;
    let mut members = council_member_inputs(&council);
    members.retain(|m| m.user_id != user_id);
    save_council_membership(&services, council_id, members, None, &[], "member_removed").await
}

/// Gives a member another role (`chair`, `member`, `secretary`), then shows the council.
#[server(prefix = "/fn", endpoint = "set_council_member_role")]
pub async fn set_council_member_role(
    council_id: i64,
    user_id: i64,
    role: String,
) -> Result<(), FnError> {
    let services = services()?;
    let council = services.council(council_id).await?;
    let mut members = council_member_inputs(&council);
    for m in members.iter_mut().filter(|m| m.user_id == user_id) {
        m.role = Some(role.clone());
    }
    save_council_membership(&services, council_id, members, None, &[], "role_set").await
}

/// Schedules (no `id`) or changes a meeting from its form, then shows the
/// meeting. Times are KST `datetime-local` fields; `room` is `built_in` (the
/// platform's live room) or `link` (`online_url`). Fields the kind does not
/// use are dropped by the server's check.
#[allow(
    clippy::too_many_arguments,
    reason = "one argument per form field (a plain form post)"
)]
#[server(prefix = "/fn", endpoint = "save_meeting")]
pub async fn save_meeting(
    id: Option<i64>,
    council_id: String,
    title: String,
    description: String,
    kind: String,
    starts_at: String,
    ends_at: String,
    venue: String,
    capacity: String,
    room: Option<String>,
    online_url: String,
    visibility: String,
) -> Result<(), FnError> {
    use shared::meeting::{MeetingInput, limits};
    let room = room.unwrap_or_default();
    let pairs = [
        ("council_id", council_id.as_str()),
        ("title", &title),
        ("kind", &kind),
        ("starts_at", &starts_at),
        ("ends_at", &ends_at),
        ("venue", &venue),
        ("capacity", &capacity),
        ("room", &room),
        ("online_url", &online_url),
        ("visibility", &visibility),
    ];
    let mut echo = plain_form_echo(&pairs, limits::TITLE.1 + 1);
    echo.extend(plain_form_echo(
        &[("description", &description)],
        limits::DESCRIPTION + 1,
    ));
    let mut errors = Vec::new();
    let council_id = match council_id.trim().parse::<i64>() {
        Ok(c) => c,
        Err(_) => {
            errors.push(FieldError::new(
                "council_id",
                shared::error::FieldProblem::Required,
                "Choose the council holding the meeting.",
            ));
            0
        }
    };
    let capacity = match optional_number::<i64>(&capacity, "capacity") {
        Ok(c) => c,
        Err(e) => {
            errors.extend(e.error.fields);
            None
        }
    };
    if !errors.is_empty() {
        return Err(invalid(errors, &echo));
    }
    let built_in_room = room == "built_in";
    let input = MeetingInput {
        council_id,
        title,
        description,
        kind,
        starts_at: kst_to_rfc3339(&starts_at),
        ends_at: kst_to_rfc3339(&ends_at),
        venue,
        capacity,
        online_url: if built_in_room {
            String::new()
        } else {
            online_url
        },
        built_in_room,
        visibility: Some(visibility).filter(|v| !v.is_empty()),
    };
    let services = services()?;
    let saved = match id {
        Some(id) => services.update_meeting(id, input).await,
        None => services.create_meeting(input).await,
    }
    .map_err(|b| FnError::from(b).with_echo(echo))?;
    let done = if id.is_some() { "saved" } else { "created" };
    leptos_axum::redirect(&format!("/meetings/{}?{done}=1", saved.id));
    Ok(())
}

/// Blank rows the agenda form shows for new items: by default, and at most
/// (the page's `?blank=` asks for more, after "save and show more").
pub const AGENDA_BLANK_ROWS: (usize, usize) = (3, 30);

/// The agenda form's field of row `row` (`agenda_3_title`): its errors and what was typed.
pub fn agenda_field(row: usize, name: &str) -> String {
    format!("agenda_{row}_{name}")
}

/// Saves a meeting's agenda from its form, then shows the form again.
/// Per row, in the same order: `item_id[]` (empty for a new row),
/// `position[]` (the order, rows sorted by it), `title[]`, `description[]`,
/// `minutes[]`, `proposal_id[]` and `presenter[]` (empty, `author` for the
/// proposal's author, or an account number). `remove[]` lists the rows to
/// take off. Rows left blank are skipped. Errors come back on their row.
#[allow(
    clippy::too_many_arguments,
    reason = "one argument per form column (a plain form post)"
)]
#[server(prefix = "/fn", endpoint = "save_agenda")]
pub async fn save_agenda(
    meeting_id: i64,
    item_id: Option<Vec<String>>,
    position: Option<Vec<String>>,
    title: Option<Vec<String>>,
    description: Option<Vec<String>>,
    minutes: Option<Vec<String>>,
    proposal_id: Option<Vec<String>>,
    presenter: Option<Vec<String>>,
    remove: Option<Vec<String>>,
    blank: Option<String>,
    more: Option<String>,
) -> Result<(), FnError> {
    use shared::meeting::{AgendaItemInput, limits};
    let columns = [
        item_id,
        position,
        title,
        description,
        minutes,
        proposal_id,
        presenter,
    ];
    let rows = columns
        .iter()
        .map(|c| c.as_ref().map_or(0, Vec::len))
        .max()
        .unwrap_or(0);
    let [
        ids,
        positions,
        titles,
        descriptions,
        minutes,
        proposals,
        presenters,
    ] = columns.map(|c| {
        let mut c = c.unwrap_or_default();
        c.resize(rows, String::new());
        c
    });
    let removed: Vec<usize> = remove
        .unwrap_or_default()
        .iter()
        .filter_map(|r| r.parse().ok())
        .collect();
    let mut echo = Vec::new();
    for r in 0..rows {
        let short = [
            ("item_id", &ids[r]),
            ("position", &positions[r]),
            ("title", &titles[r]),
            ("minutes", &minutes[r]),
            ("proposal_id", &proposals[r]),
            ("presenter", &presenters[r]),
            (
                "remove",
                &if removed.contains(&r) {
                    "1".to_owned()
                } else {
                    String::new()
                },
            ),
        ]
        .map(|(k, v)| (agenda_field(r, k), v.clone()));
        let pairs: Vec<(&str, &str)> = short
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        echo.extend(plain_form_echo(&pairs, limits::TITLE.1 + 1));
        // Descriptions are echoed in part: every row goes into one redirect address.
        echo.extend(plain_form_echo(
            &[(
                agenda_field(r, "description").as_str(),
                descriptions[r].as_str(),
            )],
            1_000,
        ));
    }
    let services = services()?;
    let mut errors = Vec::new();
    // The rows kept, each with the order asked for and its place in the form.
    let mut kept: Vec<(i64, usize, AgendaItemInput)> = Vec::new();
    for r in 0..rows {
        let blank = ids[r].trim().is_empty()
            && [&titles[r], &descriptions[r], &minutes[r], &proposals[r]]
                .iter()
                .all(|v| v.trim().is_empty());
        if blank || removed.contains(&r) {
            continue;
        }
        let mut number =
            |name: &str, raw: &str| match optional_number::<i64>(raw, &agenda_field(r, name)) {
                Ok(n) => n,
                Err(e) => {
                    errors.extend(e.error.fields);
                    None
                }
            };
        let id = number("item_id", &ids[r]);
        let order = number("position", &positions[r]);
        let item_minutes = number("minutes", &minutes[r]);
        let proposal = number("proposal_id", &proposals[r]);
        // "author": the linked proposal's author presents (the server names them).
        let author_presents = presenters[r].trim() == "author";
        let presenter_id = match presenters[r].trim() {
            "" | "author" => None,
            other => number("presenter", other),
        };
        let input = AgendaItemInput {
            id,
            title: titles[r].clone(),
            description: descriptions[r].clone(),
            minutes: item_minutes,
            proposal_id: proposal,
            presenter_id,
            author_presents,
        };
        kept.push((order.unwrap_or(i64::MAX), r, input));
    }
    if !errors.is_empty() {
        return Err(invalid(errors, &echo));
    }
    // Sorted by the order asked for; rows without one keep their place after the others.
    kept.sort_by_key(|(order, r, _)| (*order, *r));
    let form_rows: Vec<usize> = kept.iter().map(|(_, r, _)| *r).collect();
    let items = kept.into_iter().map(|(_, _, input)| input).collect();
    if let Err(body) = services.set_agenda(meeting_id, items).await {
        let mut e = FnError::from(body).with_echo(echo);
        // `items[i].title` → the form's `agenda_<row>_title`.
        for f in &mut e.error.fields {
            if let Some(rest) = f.field.strip_prefix("items[")
                && let Some((i, name)) = rest.split_once("].")
                && let Some(row) = i.parse::<usize>().ok().and_then(|i| form_rows.get(i))
            {
                let name = if name == "presenter_id" {
                    "presenter"
                } else {
                    name
                };
                f.field = agenda_field(*row, name);
            }
        }
        return Err(e);
    }
    // "Save and show more blank rows": the page comes back with more of them.
    let to = match more {
        Some(_) => {
            let shown = blank.and_then(|b| b.parse::<usize>().ok()).unwrap_or(AGENDA_BLANK_ROWS.0);
            let blank = (shown + AGENDA_BLANK_ROWS.0).min(AGENDA_BLANK_ROWS.1);
            // To the first blank row, after the items saved.
            format!("/meetings/{meeting_id}/agenda?saved=1&blank={blank}#agenda-row-{}", form_rows.len())
        }
        None => format!("/meetings/{meeting_id}/agenda?saved=1"),
    };
    leptos_axum::redirect(&to);
    Ok(())
}
