//! `/api/v1/openapi.json`: the REST API described as OpenAPI 3.1, generated
//! from the handlers' annotations and the wire types in `shared` (utoipa).

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// The document.
#[derive(OpenApi)]
#[openapi(
    info(title = "함께혁신 API", description = "Citizen participation for government innovation: processes, proposals, supports, comments, notifications, moderation, accounts and administration, committee review (rounds, rubric scores, conflicts of interest, ranking, decisions, public reports), execution tracking (tasks, task forces, milestones, progress updates, indicators, health, portfolio, followers) the collaboration SOS desk (협업SOS: requests, triage queue, threads, service levels in working time, public statistics) and councils with their meetings (협의회: members, meetings in a room, online or both, agenda, registration with a waiting list, check-in codes, calendar files, live polls by room, online and hand count, the live room: current agenda item, questions with upvotes and moderation, raised hands, attendance by mode, live events as Server-Sent Events at /api/v1/meetings/{id}/events resumable with Last-Event-ID). Errors always have the shape { error: { code, message, fields } }. Reads of public data need no sign-in; writes need a session cookie (same-origin requests only) or a personal API token."),
    paths(
        super::proposals::list_processes,
        super::proposals::create_process,
        super::proposals::get_process,
        super::proposals::update_process,
        super::proposals::list,
        super::proposals::create,
        super::proposals::get_one,
        super::proposals::update,
        super::proposals::publish,
        super::proposals::withdraw,
        super::proposals::timeline,
        super::proposals::change_status,
        super::proposals::support,
        super::proposals::unsupport,
        super::proposals::similar,
        super::proposals::comments,
        super::proposals::comment,
        super::proposals::edit_comment,
        super::proposals::delete_comment,
        super::proposals::vote,
        super::proposals::follow,
        super::proposals::unfollow,
        super::proposals::notifications_list,
        super::proposals::mark_read,
        super::proposals::report_proposal,
        super::proposals::report_comment,
        super::proposals::moderation_queue,
        super::proposals::hide,
        super::proposals::restore,
        super::proposals::block,
        super::proposals::unblock,
        super::auth::providers,
        super::auth::identities,
        super::auth::unlink,
        super::auth::list_tokens,
        super::auth::create_token,
        super::auth::revoke_token,
        super::auth::export,
        super::auth::delete_me,
        super::auth::sign_up,
        super::auth::sign_in,
        super::auth::sign_out,
        super::auth::get_me,
        super::auth::change_password,
        super::admin::list_organisations,
        super::admin::create_organisation,
        super::admin::list_members,
        super::admin::add_member,
        super::admin::remove_member,
        super::admin::list_users,
        super::admin::set_verification,
        super::admin::grant_role,
        super::admin::revoke_role,
        super::admin::audit_log,
        super::reference::list_areas,
        super::reference::list_regions,
        super::review::create_committee,
        super::review::list_committees,
        super::review::get_committee,
        super::review::update_committee,
        super::review::create_round,
        super::review::list_rounds,
        super::review::my_rounds,
        super::review::get_round,
        super::review::update_round,
        super::review::open_round,
        super::review::close_round,
        super::review::queue,
        super::review::progress,
        super::review::remind,
        super::review::declare_conflict,
        super::review::review_proposal,
        super::review::get_sheet,
        super::review::save_sheet,
        super::review::peer_sheets,
        super::review::discussion,
        super::review::post_discussion,
        super::review::ranking,
        super::review::decide,
        super::review::edit_rationale,
        super::review::report,
        super::review::report_csv,
        super::review::report_xlsx,
        super::execution::create_task,
        super::execution::portfolio,
        super::execution::get_task,
        super::execution::update_task,
        super::execution::set_members,
        super::execution::add_milestone,
        super::execution::update_milestone,
        super::execution::delete_milestone,
        super::execution::add_update,
        super::execution::add_indicator,
        super::execution::add_indicator_value,
        super::execution::override_health,
        super::execution::clear_health,
        super::execution::portfolio_csv,
        super::execution::portfolio_xlsx,
        super::execution::follow,
        super::execution::unfollow,
        super::sos::raise,
        super::sos::list,
        super::sos::stats,
        super::sos::get_one,
        super::sos::post_message,
        super::sos::assign,
        super::meetings::list_councils,
        super::meetings::create_council,
        super::meetings::get_council,
        super::meetings::update_council,
        super::meetings::set_members,
        super::meetings::list_meetings,
        super::meetings::create_meeting,
        super::meetings::get_meeting,
        super::meetings::update_meeting,
        super::meetings::set_agenda,
        super::meetings::my_registration,
        super::meetings::register,
        super::meetings::cancel,
        super::meetings::check_in,
        super::meetings::calendar,
        super::meetings::get_minutes,
        super::meetings::save_minutes,
        super::live::create_poll,
        super::live::list_polls,
        super::live::get_poll,
        super::live::open_poll,
        super::live::close_poll,
        super::live::vote,
        super::live::hand_count,
        super::room::live_state,
        super::room::join,
        super::room::move_current_item,
        super::room::list_questions,
        super::room::post_question,
        super::room::upvote,
        super::room::withdraw_upvote,
        super::room::moderate_question,
        super::room::list_hands,
        super::room::raise_hand,
        super::room::lower_own_hand,
        super::room::lower_hand,
        super::room::call_next_hand,
        super::room::call_hand
    ),
    modifiers(&Security),
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("hkt_…").build()),
        );
        components.add_security_scheme("session_cookie", SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("hamkke_session"))));
    }
}

/// The document as JSON, built once. utoipa's generated builders nest
/// deeply (a debug build overflows a 2 MiB worker stack), so it is built
/// on a thread of its own with room to spare.
fn json() -> &'static str {
    static DOC: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DOC.get_or_init(|| {
        std::thread::Builder::new()
            .stack_size(8 * 1024 * 1024)
            .spawn(|| ApiDoc::openapi().to_json().unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}")))
            .ok()
            .and_then(|t| t.join().ok())
            .unwrap_or_else(|| "{}".to_owned())
    })
}

/// Serves the document.
pub async fn document() -> impl axum::response::IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], json())
}
