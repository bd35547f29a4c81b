//! `/reviews/:id/ranking`: the committee's ranking (chairs at any time;
//! other members once their own sheets are all submitted, or the round is
//! closed). Each row shows the spread of the reviewers' totals as a small
//! server-rendered SVG and flags wide disagreement; chairs record decisions
//! (shortlisted, selected, not selected) with a public rationale, and edit
//! the rationale later.

use super::{aggregation_hint_key, aggregation_key, decision_key, id_param, optional_score, score, sign_in_redirect};
use crate::api::{DecideProposal, EditRationale, FnError, review_ranking, review_round};
use crate::components::form::{ErrorSummary, FieldMessage, Notice};
use crate::i18n::{Key, t};
use crate::pages::forbidden::Forbidden;
use crate::pages::not_found::NotFound;
use crate::pages::proposals::StatusBadge;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::ErrorCode;
use shared::participation::ProposalStatus;
use shared::review::{Decision, RankingDto, RankingRow, RoundDto, RoundState};

const DECIDE_URL: &str = <DecideProposal as ServerFn>::PATH;
const RATIONALE_URL: &str = <EditRationale as ServerFn>::PATH;

/// `/reviews/:id/ranking`.
#[component]
pub fn RankingPage() -> impl IntoView {
    crate::pages::private_page();
    let Some(id) = id_param("id") else {
        return view! { <NotFound /> }.into_any();
    };
    view! {
        <Title text=t(Key::RankingTitle) />
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let ranking = match review_ranking(id).await {
                    Ok(r) => r,
                    Err(e) => return match e.code() {
                        ErrorCode::Unauthorized => sign_in_redirect(&format!("/reviews/{id}/ranking")),
                        ErrorCode::Forbidden => view! { <Forbidden /> }.into_any(),
                        ErrorCode::NotFound => view! { <NotFound /> }.into_any(),
                        _ => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                    },
                };
                match review_round(id).await {
                    Ok(round) => view! { <Ranking round ranking /> }.into_any(),
                    Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// The error of a failed decision or rationale post, if it was for this
/// proposal (the server function sends the proposal's number back).
fn error_for(path: &'static str, proposal_id: i64) -> Option<FnError> {
    crate::components::form::posted_error(path)
        .get_untracked()
        .filter(|e| e.echoed("proposal_id") == Some(proposal_id.to_string().as_str()))
}

#[component]
fn Ranking(round: RoundDto, ranking: RankingDto) -> impl IntoView {
    let (decided, rationale_saved) = use_query_map().with_untracked(|q| (q.get("decided"), q.get("rationale_saved")));
    let chair = round.access.chair && round.state != RoundState::Draft;
    let round_id = round.id;
    let columns = if chair { 10 } else { 9 };
    view! {
        <Title text=format!("{} · {}", t(Key::RankingTitle), round.title) />
        <section class="page-section" aria-labelledby="ranking-heading">
            <p class="back-link"><a href=format!("/reviews/{round_id}") id="back-to-round">{t(Key::BackToRound)}" · "{round.title.clone()}</a></p>
            <h2 class="page-title" id="ranking-heading">{t(Key::RankingTitle)}" · "{round.title.clone()}</h2>
            {decided.map(|_| view! { <Notice id="decision-saved" text=Key::DecisionSaved /> })}
            {rationale_saved.map(|_| view! { <Notice id="rationale-saved" text=Key::RationaleSaved /> })}
            <dl class="proposal-facts" id="ranking-method">
                <dt>{t(Key::RoundMethod)}</dt>
                <dd>{t(aggregation_key(ranking.aggregation))}" — "{t(aggregation_hint_key(ranking.aggregation))}</dd>
                <dt>{t(Key::RoundPublicWeight)}</dt><dd>{format!("{} %", ranking.public_weight)}</dd>
            </dl>
            <p class="form-hint">{t(Key::RankingLead)}</p>
            {if ranking.rows.is_empty() {
                view! { <p id="ranking-empty">{t(Key::RankingEmpty)}</p> }.into_any()
            } else {
                view! {
                    <div class="krds-table-wrap scroll">
                        <table class="tbl col data ranking-table" id="ranking-table">
                            <caption class="sr-only">{t(Key::RankingCaption)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col" class="num">{t(Key::RankLabel)}</th>
                                    <th scope="col">{t(Key::ProposalColumn)}</th>
                                    <th scope="col" class="num">{t(Key::SupportCountLabel)}</th>
                                    <th scope="col" class="num">{t(Key::CommitteeScore)}</th>
                                    <th scope="col" class="num">{t(Key::PublicScore)}</th>
                                    <th scope="col" class="num">{t(Key::CombinedScore)}</th>
                                    <th scope="col" class="num">{t(Key::TotalsCount)}</th>
                                    <th scope="col">{t(Key::SpreadLabel)}</th>
                                    <th scope="col">{t(Key::DecisionLabel)}</th>
                                    {chair.then(|| view! { <th scope="col"><span class="sr-only">{t(Key::Actions)}</span></th> })}
                                </tr>
                            </thead>
                            <tbody>
                                {ranking.rows.into_iter().map(|row| {
                                    let pid = row.proposal_id;
                                    let decide_error = error_for(DECIDE_URL, pid);
                                    let rationale_error = error_for(RATIONALE_URL, pid);
                                    let may_decide = chair && !row.conflicted;
                                    view! {
                                        <RankingRowView row=row.clone() round_id />
                                        {may_decide.then(|| view! {
                                            <tr class="decision-row" id=format!("decision-row-{pid}")>
                                                <td colspan=columns.to_string()>
                                                    <DecisionForms round_id row decide_error rationale_error />
                                                </td>
                                            </tr>
                                        })}
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn RankingRowView(row: RankingRow, round_id: i64) -> impl IntoView {
    let pid = row.proposal_id;
    view! {
        <tr id=format!("ranking-row-{pid}") class=if row.conflicted { "is-conflicted" } else { "" }>
            <td class="num" id=format!("rank-{pid}")>{row.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".to_owned())}</td>
            <th scope="row">
                <a href=format!("/reviews/{round_id}/proposals/{pid}")>{row.title.clone()}</a>
                " "<StatusBadge status=row.status />
                {row.disagreement.then(|| view! {
                    " "<span class="krds-badge disagreement-badge" id=format!("disagreement-{pid}") title=t(Key::DisagreementHint)>
                        {t(Key::Disagreement)}
                    </span>
                })}
                {row.conflicted.then(|| view! { " "<span class="krds-badge conflict-badge" id=format!("conflicted-{pid}")>{t(Key::ConflictBadge)}</span> })}
            </th>
            <td class="num">{row.supports}</td>
            <td class="num" id=format!("committee-score-{pid}")>{optional_score(row.committee)}</td>
            <td class="num" id=format!("public-score-{pid}")>{score(row.public)}</td>
            <td class="num" id=format!("combined-score-{pid}")><strong>{optional_score(row.combined)}</strong></td>
            <td class="num">{row.totals.len()}</td>
            <td><Spread totals=row.totals.clone() id=format!("spread-{pid}") /></td>
            <td id=format!("decision-{pid}-current")>
                {match row.decision {
                    Some(d) => view! {
                        <strong>{t(decision_key(d))}</strong>
                        {row.rationale.clone().map(|r| view! { <p class="rationale pre-line">{r}</p> })}
                    }.into_any(),
                    None => view! { "—" }.into_any(),
                }}
            </td>
        </tr>
    }
}

/// The reviewers' totals as dots on a 0–100 axis, with the range between
/// the lowest and highest drawn as a bar. Attributes only (no inline
/// styles: the CSP forbids them); the numbers are in the label.
#[component]
pub fn Spread(totals: Vec<f64>, id: String) -> impl IntoView {
    let label = if totals.is_empty() {
        t(Key::NoTotals).to_owned()
    } else {
        format!("{}: {}", t(Key::SpreadLabel), totals.iter().map(|v| score(*v)).collect::<Vec<_>>().join(", "))
    };
    let clamp = |v: f64| format!("{:.1}", v.clamp(0.0, 100.0));
    let (low, high) = (totals.first().copied(), totals.last().copied());
    view! {
        <svg class="spread-svg" id=id width="124" height="20" viewBox="-6 0 112 20" role="img" aria-label=label focusable="false">
            <line class="spread-axis" x1="0" y1="10" x2="100" y2="10" />
            <line class="spread-tick" x1="0" y1="5" x2="0" y2="15" />
            <line class="spread-tick" x1="50" y1="6" x2="50" y2="14" />
            <line class="spread-tick" x1="100" y1="5" x2="100" y2="15" />
            {match (low, high) {
                (Some(lo), Some(hi)) if hi > lo => Some(view! {
                    <line class="spread-range" x1=clamp(lo) y1="10" x2=clamp(hi) y2="10" />
                }),
                _ => None,
            }}
            {totals.iter().map(|v| view! { <circle class="spread-dot" cx=clamp(*v) cy="10" r="3" /> }).collect_view()}
        </svg>
    }
}

/// The decision that usually comes next: selecting a shortlisted proposal,
/// otherwise shortlisting.
fn next_decision(status: ProposalStatus) -> Decision {
    if status == ProposalStatus::Shortlisted { Decision::Selected } else { Decision::Shortlisted }
}

/// A chair's forms for one proposal: the decision with its public rationale
/// and, once decided, the rationale's correction.
#[component]
fn DecisionForms(round_id: i64, row: RankingRow, decide_error: Option<FnError>, rationale_error: Option<FnError>) -> impl IntoView {
    let pid = row.proposal_id;
    let chosen = decide_error.as_ref().and_then(|e| e.echoed("decision")).and_then(Decision::parse).unwrap_or(next_decision(row.status));
    let typed = decide_error.as_ref().and_then(|e| e.echoed("rationale")).unwrap_or_default().to_owned();
    let decide_field = |name: &str| Signal::stored(decide_error.as_ref().and_then(|e| e.field(name).cloned()));
    let rationale_now = match rationale_error.as_ref() {
        Some(e) => e.echoed("rationale").unwrap_or_default().to_owned(),
        None => row.rationale.clone().unwrap_or_default(),
    };
    let title = row.title.clone();
    view! {
        <div class="decision-forms">
            <form method="post" action=DECIDE_URL id=format!("decision-form-{pid}") class="decision-form" novalidate>
                <ErrorSummary error=Signal::stored(decide_error.clone()) id="decision-error" conflict=Key::ErrDecisionPath />
                <input type="hidden" name="round_id" value=round_id />
                <input type="hidden" name="proposal_id" value=pid />
                <div class="decision-fields">
                    <span class="decision-field">
                        <label for=format!("decision-{pid}")>{t(Key::DecisionLabel)}<span class="sr-only">{format!(": {title}")}</span></label>
                        <select id=format!("decision-{pid}") name="decision" class="krds-form-select">
                            {Decision::ALL.into_iter().map(|d| view! {
                                <option value=d.as_str() selected=d == chosen>{t(decision_key(d))}</option>
                            }).collect_view()}
                        </select>
                        <FieldMessage error=decide_field("decision") id=format!("decision-{pid}-error") />
                    </span>
                    <span class="decision-field decision-rationale">
                        <label for=format!("rationale-{pid}")>{t(Key::RationaleLabel)}</label>
                        <textarea id=format!("rationale-{pid}") name="rationale" class="krds-input" rows="2" required
                            aria-invalid=decide_error.as_ref().and_then(|e| e.field("rationale")).map(|_| "true")
                            aria-describedby=format!("rationale-{pid}-hint rationale-{pid}-error")>{typed}</textarea>
                        <span class="form-hint" id=format!("rationale-{pid}-hint")>{t(Key::RationaleHint)}</span>
                        <FieldMessage error=decide_field("rationale") id=format!("rationale-{pid}-error") />
                    </span>
                    <button type="submit" id=format!("decision-submit-{pid}") class="krds-btn small primary">
                        {t(Key::DecisionSubmit)}<span class="sr-only">{format!(": {}", row.title)}</span>
                    </button>
                </div>
            </form>
            {row.decision.map(|_| {
                let field = Signal::stored(rationale_error.as_ref().and_then(|e| e.field("rationale").cloned()));
                view! {
                    <form method="post" action=RATIONALE_URL id=format!("rationale-form-{pid}") class="decision-form" novalidate>
                        <ErrorSummary error=Signal::stored(rationale_error.clone()) id="rationale-error" />
                        <input type="hidden" name="round_id" value=round_id />
                        <input type="hidden" name="proposal_id" value=pid />
                        <div class="decision-fields">
                            <span class="decision-field decision-rationale">
                                <label for=format!("rationale-edit-{pid}")>{t(Key::RationaleEdit)}</label>
                                <textarea id=format!("rationale-edit-{pid}") name="rationale" class="krds-input" rows="2" required
                                    aria-invalid=rationale_error.as_ref().map(|_| "true")
                                    aria-describedby=format!("rationale-edit-{pid}-error")>{rationale_now}</textarea>
                                <FieldMessage error=field id=format!("rationale-edit-{pid}-error") />
                            </span>
                            <button type="submit" id=format!("rationale-submit-{pid}") class="krds-btn small secondary">{t(Key::RationaleSubmit)}</button>
                        </div>
                    </form>
                }
            })}
        </div>
    }
}
