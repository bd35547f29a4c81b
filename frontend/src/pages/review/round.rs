//! `/reviews/:id`: a review round. Everyone sees what it reviews and how
//! (committee, process, deadline, method, public weight, the criteria).
//! Managers open it while in preparation; members see their queue and
//! progress; chairs (and managers) follow progress per reviewer and per
//! proposal, see the conflicts of interest, send reminders and close it.

use super::{RoundStateBadge, aggregation_hint_key, aggregation_key, id_param, sheet_state_key};
use crate::api::{CloseRound, OpenRound, SendReviewReminders, review_progress, review_queue, review_round};
use crate::components::form::{ErrorSummary, Notice, posted_error};
use crate::components::time::kst;
use crate::i18n::{Key, t};
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::ErrorCode;
use shared::review::{ConflictDto, CriterionDto, ProgressDto, QueueDto, RoundDto, RoundState};

const OPEN_URL: &str = <OpenRound as ServerFn>::PATH;
const CLOSE_URL: &str = <CloseRound as ServerFn>::PATH;
const REMIND_URL: &str = <SendReviewReminders as ServerFn>::PATH;

/// `/reviews/:id`.
#[component]
pub fn RoundPage() -> impl IntoView {
    let Some(id) = id_param("id") else {
        return view! { <NotFound /> }.into_any();
    };
    let round = Resource::new(move || id, review_round);
    view! {
        <Title text=t(Key::RoundTitle) />
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match round.await {
                    Ok(r) => {
                        // Asked only of those the round lets see them.
                        let started = r.state != RoundState::Draft;
                        let queue = if r.access.member && started { review_queue(id).await.ok() } else { None };
                        let progress = if (r.access.chair || r.access.manage) && started { review_progress(id).await.ok() } else { None };
                        if r.access.member || r.access.manage {
                            crate::pages::private_page();
                        }
                        view! { <RoundView r queue progress /> }.into_any()
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
fn RoundView(r: RoundDto, queue: Option<QueueDto>, progress: Option<ProgressDto>) -> impl IntoView {
    let (created, opened, closed, reminded) = use_query_map().with_untracked(|q| {
        (q.get("created").is_some(), q.get("opened").is_some(), q.get("closed").is_some(), q.get("reminded"))
    });
    let open_error = posted_error(OPEN_URL);
    let close_error = posted_error(CLOSE_URL);
    let id = r.id;
    let reviewers = match r.reviewers_per_proposal {
        Some(n) => t(Key::RoundReviewersEach).replace("{n}", &n.to_string()),
        None => t(Key::RoundReviewersAll).to_owned(),
    };
    let may_close = (r.access.chair || r.access.manage) && r.state == RoundState::Open;
    view! {
        <Title text=r.title.clone() />
        <section class="page-section" aria-labelledby="round-heading">
            {r.access.member.then(|| view! { <p class="back-link"><a href="/reviews">{t(Key::BackToMyRounds)}</a></p> })}
            <p><RoundStateBadge state=r.state id="round-state".to_owned() /></p>
            <h2 class="page-title" id="round-heading">{r.title.clone()}</h2>
            {created.then(|| view! { <Notice id="round-created" text=Key::RoundCreated /> })}
            {opened.then(|| view! { <Notice id="round-opened" text=Key::RoundOpened /> })}
            {closed.then(|| view! { <Notice id="round-closed" text=Key::RoundClosed /> })}
            {reminded.map(|n| view! {
                <p class="krds-notice" role="status" id="reminders-sent">{t(Key::RemindersSent).replace("{n}", &n)}</p>
            })}
            // Here rather than by the buttons: after a refused post the round
            // may be in a state where the button is no longer shown.
            <ErrorSummary error=open_error id="round-open-error" conflict=Key::ErrRoundOpen />
            <ErrorSummary error=close_error id="round-close-error" conflict=Key::ErrRoundState />
            {(!r.description.trim().is_empty()).then(|| {
                r.description.split("\n\n").map(|para| view! { <p class="proposal-text">{para.to_owned()}</p> }).collect_view()
            })}
            <dl class="proposal-facts" id="round-facts">
                <dt>{t(Key::CommitteeLabel)}</dt><dd id="round-committee">{r.committee_name.clone()}</dd>
                <dt>{t(Key::FilterProcess)}</dt><dd id="round-process">{r.process_title.clone()}</dd>
                <dt>{t(Key::RoundDeadline)}</dt><dd id="round-deadline"><time datetime=r.deadline.clone()>{kst(&r.deadline)}</time></dd>
                <dt>{t(Key::RoundMethod)}</dt>
                <dd id="round-method">{t(aggregation_key(r.aggregation))}" — "{t(aggregation_hint_key(r.aggregation))}</dd>
                <dt>{t(Key::RoundPublicWeight)}</dt><dd id="round-public-weight">{format!("{} %", r.public_weight)}</dd>
                <dt>{t(Key::RoundBlind)}</dt><dd id="round-blind">{t(if r.blind { Key::Yes } else { Key::No })}</dd>
                <dt>{t(Key::RoundReviewers)}</dt><dd>{reviewers}</dd>
                {(r.state != RoundState::Draft).then(|| view! {
                    <dt>{t(Key::RoundProposalCount)}</dt><dd id="round-proposal-count">{r.proposal_count}</dd>
                })}
            </dl>
            <h3 class="section-title" id="criteria-title">{t(Key::CriteriaTitle)}</h3>
            <CriteriaTable criteria=r.criteria.clone() id="criteria-table" />
            <ul class="round-links">
                {(r.access.ranking && r.state != RoundState::Draft).then(|| view! {
                    <li><a href=format!("/reviews/{id}/ranking") id="ranking-link" class="krds-btn medium secondary">{t(Key::RankingLink)}</a></li>
                })}
                {(r.state == RoundState::Closed).then(|| view! {
                    <li><a href=format!("/reviews/{id}/report") id="report-link" class="krds-btn medium secondary">{t(Key::ReportLink)}</a></li>
                })}
            </ul>
        </section>

        {(r.access.manage && r.state == RoundState::Draft).then(|| view! {
            <section class="page-section round-action" aria-labelledby="round-open-title">
                <h3 class="section-title" id="round-open-title">{t(Key::RoundOpenTitle)}</h3>
                <p>{t(Key::RoundOpenLead)}</p>
                <form method="post" action=OPEN_URL class="inline-form">
                    <input type="hidden" name="id" value=id />
                    <button type="submit" id="round-open" class="krds-btn medium primary">{t(Key::RoundOpen)}</button>
                </form>
            </section>
        })}

        {queue.map(|q| view! { <Queue round_id=id q /> })}

        {progress.map(|p| view! { <Progress p chair=r.access.chair open=r.state == RoundState::Open /> })}

        {may_close.then(|| view! {
            <section class="page-section round-action" aria-labelledby="round-close-title">
                <h3 class="section-title" id="round-close-title">{t(Key::RoundCloseTitle)}</h3>
                <p>{t(Key::RoundCloseLead)}</p>
                <form method="post" action=CLOSE_URL class="inline-form">
                    <input type="hidden" name="id" value=id />
                    <button type="submit" id="round-close" class="krds-btn medium primary btn-danger">{t(Key::RoundClose)}</button>
                </form>
            </section>
        })}
    }
}

/// The rubric: each criterion with its weight and scale.
#[component]
pub fn CriteriaTable(criteria: Vec<CriterionDto>, id: &'static str) -> impl IntoView {
    let total: u32 = criteria.iter().map(|c| c.weight).sum();
    view! {
        <div class="krds-table-wrap scroll">
            <table class="tbl col data" id=id>
                <caption class="sr-only">{t(Key::CriteriaTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(Key::CriterionName)}</th>
                        <th scope="col" class="num">{t(Key::CriterionWeight)}</th>
                        <th scope="col" class="num">{t(Key::CriterionShare)}</th>
                        <th scope="col">{t(Key::CriterionScale)}</th>
                    </tr>
                </thead>
                <tbody>
                    {criteria.into_iter().map(|c| {
                        let share = if total == 0 { 0.0 } else { f64::from(c.weight) * 100.0 / f64::from(total) };
                        view! {
                            <tr id=format!("criterion-row-{}", c.id)>
                                <th scope="row">
                                    {c.name.clone()}
                                    {(!c.description.trim().is_empty()).then(|| view! { <span class="criterion-description">{c.description.clone()}</span> })}
                                </th>
                                <td class="num">{c.weight}</td>
                                <td class="num">{format!("{share:.0} %")}</td>
                                <td>{format!("{}–{}", c.scale_min, c.scale_max)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A progress bar with its numbers as text (the `<progress>` element is
/// read out by screen readers; the text says the same for everyone).
#[component]
pub fn ProgressBar(submitted: u64, total: u64, id: &'static str, label: Key) -> impl IntoView {
    let text = t(Key::SubmittedOfTotal).replace("{submitted}", &submitted.to_string()).replace("{total}", &total.to_string());
    view! {
        <div class="review-progress">
            <label for=id>{t(label)}</label>
            <progress id=id max=total.max(1).to_string() value=submitted.to_string()>{text.clone()}</progress>
            <span class="review-progress-text" id=format!("{id}-text")>{text}</span>
        </div>
    }
}

/// The reviewer's own queue: each assigned proposal with its sheet's state.
#[component]
fn Queue(round_id: i64, q: QueueDto) -> impl IntoView {
    view! {
        <section class="page-section" id="my-queue" aria-labelledby="my-queue-title">
            <h3 class="section-title" id="my-queue-title">{t(Key::QueueTitle)}</h3>
            <ProgressBar submitted=q.submitted total=q.total id="queue-progress" label=Key::QueueProgress />
            {if q.items.is_empty() {
                view! { <p id="queue-empty">{t(Key::QueueEmpty)}</p> }.into_any()
            } else {
                view! {
                    <div class="krds-table-wrap scroll">
                        <table class="tbl col data" id="queue-table">
                            <caption class="sr-only">{t(Key::QueueTitle)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t(Key::ProposalColumn)}</th>
                                    <th scope="col">{t(Key::SheetStateLabel)}</th>
                                    <th scope="col">{t(Key::SheetUpdatedAt)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {q.items.into_iter().map(|i| view! {
                                    <tr>
                                        <td>
                                            <a href=format!("/reviews/{round_id}/proposals/{}", i.proposal_id) id=format!("queue-item-{}", i.proposal_id)>
                                                {i.title.clone()}
                                            </a>
                                        </td>
                                        <td>
                                            <span class=format!("krds-badge sheet-state sheet-{}", i.state.as_str())>{t(sheet_state_key(i.state))}</span>
                                        </td>
                                        <td>{i.updated_at.as_deref().map(kst).unwrap_or_else(|| "—".to_owned())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// The chair's view: progress per reviewer and per proposal, the conflicts
/// of interest, and (chairs, while open) the reminder button.
#[component]
fn Progress(p: ProgressDto, chair: bool, open: bool) -> impl IntoView {
    let remind_error = posted_error(REMIND_URL);
    let round_id = p.round_id;
    view! {
        <section class="page-section" id="progress" aria-labelledby="progress-title">
            <h3 class="section-title" id="progress-title">{t(Key::ProgressTitle)}</h3>
            <ProgressBar submitted=p.submitted total=p.total id="round-progress" label=Key::RoundProgress />
            {(chair && open).then(|| view! {
                <ErrorSummary error=remind_error id="reminders-error" />
                <form method="post" action=REMIND_URL class="inline-form">
                    <input type="hidden" name="id" value=round_id />
                    <button type="submit" id="send-reminders" class="krds-btn medium secondary">{t(Key::SendReminders)}</button>
                </form>
                <p class="form-hint">{t(Key::SendRemindersHint)}</p>
            })}
            <h4 class="subsection-title">{t(Key::ProgressByReviewer)}</h4>
            <div class="krds-table-wrap scroll">
                <table class="tbl col data" id="progress-reviewers">
                    <caption class="sr-only">{t(Key::ProgressByReviewer)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t(Key::ReviewerName)}</th>
                            <th scope="col" class="num">{t(Key::ProgressAssigned)}</th>
                            <th scope="col" class="num">{t(Key::SheetDraft)}</th>
                            <th scope="col" class="num">{t(Key::SheetSubmitted)}</th>
                            <th scope="col" class="num">{t(Key::ConflictsCount)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {p.reviewers.into_iter().map(|r| view! {
                            <tr id=format!("progress-reviewer-{}", r.reviewer_id)>
                                <th scope="row">{r.reviewer_name.clone()}</th>
                                <td class="num">{r.assigned}</td>
                                <td class="num">{r.drafts}</td>
                                <td class="num">{r.submitted}</td>
                                <td class="num">{r.conflicts}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h4 class="subsection-title">{t(Key::ProgressByProposal)}</h4>
            <div class="krds-table-wrap scroll">
                <table class="tbl col data" id="progress-proposals">
                    <caption class="sr-only">{t(Key::ProgressByProposal)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t(Key::ProposalColumn)}</th>
                            <th scope="col" class="num">{t(Key::ProgressReviewers)}</th>
                            <th scope="col" class="num">{t(Key::SheetSubmitted)}</th>
                            <th scope="col" class="num">{t(Key::ConflictsCount)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {p.proposals.into_iter().map(|pp| view! {
                            <tr id=format!("progress-proposal-{}", pp.proposal_id)>
                                <th scope="row"><a href=format!("/reviews/{round_id}/proposals/{}", pp.proposal_id)>{pp.title.clone()}</a></th>
                                <td class="num">{pp.reviewers}</td>
                                <td class="num">{pp.submitted}</td>
                                <td class="num">{pp.conflicts}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h4 class="subsection-title" id="conflicts-title">{t(Key::ConflictsTitle)}</h4>
            <ConflictTable conflicts=p.conflicts id="conflict-list" />
        </section>
    }
}

/// Conflicts of interest: which reviewer, which proposal, found how and why.
#[component]
pub fn ConflictTable(conflicts: Vec<ConflictDto>, id: &'static str) -> impl IntoView {
    if conflicts.is_empty() {
        return view! { <p id=format!("{id}-empty")>{t(Key::NoConflicts)}</p> }.into_any();
    }
    view! {
        <div class="krds-table-wrap scroll">
            <table class="tbl col data" id=id>
                <caption class="sr-only">{t(Key::ConflictsTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(Key::ProposalColumn)}</th>
                        <th scope="col">{t(Key::ReviewerName)}</th>
                        <th scope="col">{t(Key::ConflictSource)}</th>
                        <th scope="col">{t(Key::ConflictReason)}</th>
                        <th scope="col">{t(Key::ConflictDate)}</th>
                    </tr>
                </thead>
                <tbody>
                    {conflicts.into_iter().map(|c| {
                        let source = if c.source == "automatic" { Key::ConflictAutomatic } else { Key::ConflictDeclared };
                        view! {
                            <tr>
                                <td>{c.proposal_title.clone()}</td>
                                <td>{c.reviewer_name.clone()}</td>
                                <td>{t(source)}</td>
                                <td class="pre-line">{conflict_reason(&c.reason)}</td>
                                <td><time datetime=c.created_at.clone()>{kst(&c.created_at)}</time></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// A conflict's reason: automatic ones are codes the page puts in words;
/// declared ones are what the reviewer wrote.
fn conflict_reason(reason: &str) -> String {
    match reason {
        "own_proposal" => t(Key::ConflictOwnProposal).to_owned(),
        "same_organisation" => t(Key::ConflictSameOrganisation).to_owned(),
        "automatic" => t(Key::ConflictAutomaticReason).to_owned(),
        other => other.to_owned(),
    }
}
