//! `/reviews/:id/report`: the public report of a closed round (심사 결과):
//! the criteria and weights, the method and the public weight, the ranking
//! with the combined scores, the conflicts of interest declared, and the
//! decisions with their rationales; downloads as CSV and Excel. Before the
//! round closes the server answers `conflict` and the page says when the
//! results come.

use super::aggregation_hint_key;
use super::round::{ConflictTable, CriteriaTable};
use super::{aggregation_key, decision_key, id_param, optional_score, score};
use crate::api::{review_round, round_report};
use crate::components::time::kst;
use crate::i18n::{Key, t};
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::ErrorCode;
use shared::review::ReportDto;

/// `/reviews/:id/report`.
#[component]
pub fn ReportPage() -> impl IntoView {
    let Some(id) = id_param("id") else {
        return view! { <NotFound /> }.into_any();
    };
    view! {
        <Title text=t(Key::ReportTitleLabel) />
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match round_report(id).await {
                    Ok(report) => view! { <Report report /> }.into_any(),
                    Err(e) if e.code() == ErrorCode::Conflict => {
                        let title = review_round(id).await.map(|r| r.title).unwrap_or_default();
                        view! {
                            <section class="page-section" aria-labelledby="report-heading">
                                <p class="back-link"><a href=format!("/reviews/{id}")>{t(Key::BackToRound)}</a></p>
                                <h2 class="page-title" id="report-heading">{t(Key::ReportTitleLabel)}" · "{title}</h2>
                                <p class="krds-notice" id="report-pending" role="status">{t(Key::ReportPending)}</p>
                            </section>
                        }.into_any()
                    }
                    Err(e) if e.code() == ErrorCode::NotFound => view! { <NotFound /> }.into_any(),
                    Err(_) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Report(report: ReportDto) -> impl IntoView {
    let r = report.round;
    let id = r.id;
    view! {
        <Title text=format!("{} · {}", t(Key::ReportTitleLabel), r.title) />
        <section class="page-section" aria-labelledby="report-heading">
            <p class="back-link"><a href=format!("/reviews/{id}")>{t(Key::BackToRound)}</a></p>
            <h2 class="page-title" id="report-heading">{t(Key::ReportTitleLabel)}" · "{r.title.clone()}</h2>
            <dl class="proposal-facts" id="report-facts">
                <dt>{t(Key::CommitteeLabel)}</dt><dd>{r.committee_name.clone()}</dd>
                <dt>{t(Key::FilterProcess)}</dt><dd>{r.process_title.clone()}</dd>
                {r.closed_at.clone().map(|at| view! { <dt>{t(Key::RoundClosedAt)}</dt><dd><time datetime=at.clone()>{kst(&at)}</time></dd> })}
                <dt>{t(Key::RoundMethod)}</dt>
                <dd id="report-method">{t(aggregation_key(r.aggregation))}" — "{t(aggregation_hint_key(r.aggregation))}</dd>
                <dt>{t(Key::RoundPublicWeight)}</dt><dd id="report-public-weight">{format!("{} %", r.public_weight)}</dd>
                <dt>{t(Key::RoundBlind)}</dt><dd>{t(if r.blind { Key::Yes } else { Key::No })}</dd>
            </dl>
            <p class="form-hint">{t(Key::ReportFormula).replace("{w}", &r.public_weight.to_string())}</p>
            <ul class="round-links" aria-label=t(Key::ReportDownloads)>
                <li><a href=format!("/api/v1/rounds/{id}/report.csv") id="report-csv" class="krds-btn medium secondary" download rel="external">{t(Key::ReportCsv)}</a></li>
                <li><a href=format!("/api/v1/rounds/{id}/report.xlsx") id="report-xlsx" class="krds-btn medium secondary" download rel="external">{t(Key::ReportXlsx)}</a></li>
            </ul>
        </section>

        <section class="page-section" aria-labelledby="report-criteria-title">
            <h3 class="section-title" id="report-criteria-title">{t(Key::CriteriaTitle)}</h3>
            <CriteriaTable criteria=r.criteria.clone() id="report-criteria" />
        </section>

        <section class="page-section" aria-labelledby="report-ranking-title">
            <h3 class="section-title" id="report-ranking-title">{t(Key::ReportRankingTitle)}</h3>
            {if report.rows.is_empty() {
                view! { <p id="report-empty">{t(Key::RankingEmpty)}</p> }.into_any()
            } else {
                view! {
                    <div class="krds-table-wrap scroll">
                        <table class="tbl col data" id="report-table">
                            <caption class="sr-only">{t(Key::ReportRankingTitle)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col" class="num">{t(Key::RankLabel)}</th>
                                    <th scope="col">{t(Key::ProposalColumn)}</th>
                                    <th scope="col" class="num">{t(Key::SupportCountLabel)}</th>
                                    <th scope="col" class="num">{t(Key::ProgressReviewers)}</th>
                                    <th scope="col" class="num">{t(Key::CommitteeScore)}</th>
                                    <th scope="col" class="num">{t(Key::PublicScore)}</th>
                                    <th scope="col" class="num">{t(Key::CombinedScore)}</th>
                                    <th scope="col">{t(Key::DecisionLabel)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {report.rows.into_iter().map(|row| {
                                    let pid = row.proposal_id;
                                    view! {
                                        <tr id=format!("report-row-{pid}")>
                                            <td class="num">{row.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".to_owned())}</td>
                                            <th scope="row"><a href=format!("/proposals/{pid}")>{row.title.clone()}</a></th>
                                            <td class="num">{row.supports}</td>
                                            <td class="num">{row.reviewers}</td>
                                            <td class="num">{optional_score(row.committee)}</td>
                                            <td class="num">{score(row.public)}</td>
                                            <td class="num"><strong>{optional_score(row.combined)}</strong></td>
                                            <td>{row.decision.map(|d| t(decision_key(d)).to_owned()).unwrap_or_else(|| "—".to_owned())}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>

        <section class="page-section" aria-labelledby="report-decisions-title">
            <h3 class="section-title" id="report-decisions-title">{t(Key::ReportDecisionsTitle)}</h3>
            {if report.decisions.is_empty() {
                view! { <p id="report-decisions-empty">{t(Key::NoDecisions)}</p> }.into_any()
            } else {
                view! {
                    <ul class="decision-list" id="report-decisions">
                        {report.decisions.into_iter().map(|d| view! {
                            <li id=format!("report-decision-{}", d.proposal_id)>
                                <p>
                                    <a href=format!("/proposals/{}", d.proposal_id)>{d.proposal_title.clone()}</a>
                                    " · "<strong>{t(decision_key(d.decision))}</strong>
                                    " · "<time datetime=d.decided_at.clone()>{kst(&d.decided_at)}</time>
                                </p>
                                <p class="rationale pre-line">{d.rationale.clone()}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <section class="page-section" aria-labelledby="report-conflicts-title">
            <h3 class="section-title" id="report-conflicts-title">{t(Key::ConflictsTitle)}</h3>
            <ConflictTable conflicts=report.conflicts id="report-conflicts" />
        </section>
    }
}
