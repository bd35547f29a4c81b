//! Committee review (심사), as reviewers, chairs and the public see it:
//! `/reviews` (my rounds, here), `/reviews/:id` ([`round`]),
//! `/reviews/:id/proposals/:pid` (the score sheet, [`sheet`]),
//! `/reviews/:id/ranking` ([`ranking`]) and `/reviews/:id/report` ([`report`]).
//! Committees and new rounds are set up under `/admin/committees`
//! ([`crate::pages::admin::committees`]).
//!
//! What each person may do follows the round's `access` (the server's
//! answer); the services check every action again. Every action is a plain
//! form post to a server function that redirects back, with or without
//! JavaScript. The numbers (totals, committee, public and combined scores)
//! all come computed from the server (`shared::review`): pages only show them.

pub mod ranking;
pub mod report;
pub mod round;
pub mod sheet;

use crate::api::my_review_rounds;
use crate::components::time::kst;
use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;
use shared::ErrorCode;
use shared::review::{Aggregation, Decision, MemberKind, RoundState, RoundSummary, SheetState};

/// The label of a round's state.
pub fn state_key(state: RoundState) -> Key {
    match state {
        RoundState::Draft => Key::RoundStateDraft,
        RoundState::Open => Key::RoundStateOpen,
        RoundState::Closed => Key::RoundStateClosed,
    }
}

/// The label of a kind of committee member (전문가, 민간위원, 공무원).
pub fn member_kind_key(kind: MemberKind) -> Key {
    match kind {
        MemberKind::Expert => Key::MemberKindExpert,
        MemberKind::Civilian => Key::MemberKindCivilian,
        MemberKind::Official => Key::MemberKindOfficial,
    }
}

/// The name of an aggregation method.
pub fn aggregation_key(method: Aggregation) -> Key {
    match method {
        Aggregation::Mean => Key::AggregationMean,
        Aggregation::TrimmedMean => Key::AggregationTrimmedMean,
        Aggregation::ZScore => Key::AggregationZScore,
    }
}

/// What an aggregation method does, in one line.
pub fn aggregation_hint_key(method: Aggregation) -> Key {
    match method {
        Aggregation::Mean => Key::AggregationMeanHint,
        Aggregation::TrimmedMean => Key::AggregationTrimmedMeanHint,
        Aggregation::ZScore => Key::AggregationZScoreHint,
    }
}

/// The label of a committee decision.
pub fn decision_key(decision: Decision) -> Key {
    match decision {
        Decision::Shortlisted => Key::DecisionShortlisted,
        Decision::Selected => Key::DecisionSelected,
        Decision::NotSelected => Key::DecisionNotSelected,
    }
}

/// The label of where a score sheet is.
pub fn sheet_state_key(state: SheetState) -> Key {
    match state {
        SheetState::NotStarted => Key::SheetNotStarted,
        SheetState::Draft => Key::SheetDraft,
        SheetState::Submitted => Key::SheetSubmitted,
    }
}

/// A score on 0–100, with one decimal.
pub fn score(value: f64) -> String {
    format!("{value:.1}")
}

/// A score that may not exist yet (nobody scored): a dash.
pub fn optional_score(value: Option<f64>) -> String {
    value.map(score).unwrap_or_else(|| "—".to_owned())
}

/// A round's state as a badge.
#[component]
pub fn RoundStateBadge(state: RoundState, #[prop(optional)] id: Option<String>) -> impl IntoView {
    let class = format!("krds-badge round-state round-state-{}", state.as_str());
    view! { <span class=class id=id>{t(state_key(state))}</span> }
}

/// The `:id` (and other numeric) route parameters.
pub fn id_param(name: &str) -> Option<i64> {
    use_params_map().with_untracked(|p| p.get(name).and_then(|s| s.parse::<i64>().ok()))
}

/// Sends a signed-out visitor to sign in and back to `here`.
pub fn sign_in_redirect(here: &str) -> AnyView {
    let path = format!("/sign-in?next={}", crate::components::layout::encode_component(here));
    view! { <Redirect path /> }.into_any()
}

/// `/reviews`: the rounds of the committees the signed-in person sits on.
#[component]
pub fn MyRoundsPage() -> impl IntoView {
    crate::pages::private_page();
    let rounds = Resource::new(|| (), |_| my_review_rounds());
    view! {
        <Title text=t(Key::MyRoundsTitle) />
        <section class="page-section">
            <h2 class="page-title">{t(Key::MyRoundsTitle)}</h2>
            <p class="lead">{t(Key::MyRoundsLead)}</p>
            <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match rounds.await {
                        Ok(list) => view! { <RoundTable list id="my-rounds-table" caption=Key::MyRoundsCaption /> }.into_any(),
                        Err(e) if e.code() == ErrorCode::Unauthorized => sign_in_redirect("/reviews"),
                        Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Rounds as a table: title (a link to the round), state, deadline (KST)
/// and how many proposals each reviews.
#[component]
pub fn RoundTable(list: Vec<RoundSummary>, id: &'static str, caption: Key) -> impl IntoView {
    if list.is_empty() {
        return view! { <p id="no-rounds">{t(Key::NoRounds)}</p> }.into_any();
    }
    view! {
        <div class="krds-table-wrap scroll">
            <table class="tbl col data" id=id>
                <caption class="sr-only">{t(caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(Key::RoundTitle)}</th>
                        <th scope="col">{t(Key::RoundState)}</th>
                        <th scope="col">{t(Key::RoundDeadline)}</th>
                        <th scope="col" class="num">{t(Key::RoundProposalCount)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|r| view! {
                        <tr>
                            <td><a href=format!("/reviews/{}", r.id) id=format!("round-{}", r.id)>{r.title.clone()}</a></td>
                            <td><RoundStateBadge state=r.state /></td>
                            <td><time datetime=r.deadline.clone()>{kst(&r.deadline)}</time></td>
                            <td class="num">{r.proposal_count}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
