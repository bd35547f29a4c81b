//! `/reviews/:id/proposals/:pid`: a proposal as a reviewer sees it (in a
//! blind round without who proposed it), the score sheet (draft or submit),
//! the sheet's submitted versions, the other reviewers' sheets once one's
//! own is submitted, the conflict-of-interest declaration and the
//! committee's private discussion. A member with a conflict sees a notice
//! instead of the sheet and the discussion.

use super::{id_param, optional_score, score, sheet_state_key, sign_in_redirect};
use crate::api::{
    DeclareConflict, FnError, PostReviewMessage, SaveSheet, list_areas, list_regions, peer_sheets, review_discussion, review_proposal,
    review_round, review_sheet,
};
use crate::components::form::{ErrorSummary, FieldMessage, Notice, echoed, field_error, posted_error};
use crate::components::time::kst;
use crate::i18n::{Key, t, use_locale};
use crate::pages::forbidden::Forbidden;
use crate::pages::not_found::NotFound;
use crate::pages::proposals::{StatusBadge, area_name, region_name};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::ErrorCode;
use shared::review::{
    CriterionDto, DiscussionMessageDto, PeerSheetDto, ReviewProposalDto, RoundDto, RoundState, ScoreDto, SheetDto,
};

const SAVE_SHEET_URL: &str = <SaveSheet as ServerFn>::PATH;
const CONFLICT_URL: &str = <DeclareConflict as ServerFn>::PATH;
const MESSAGE_URL: &str = <PostReviewMessage as ServerFn>::PATH;

/// Scales with at most this many points are radio buttons; longer ones a select.
const RADIO_POINTS: i32 = 11;

/// `/reviews/:id/proposals/:pid`.
#[component]
pub fn ReviewProposalPage() -> impl IntoView {
    crate::pages::private_page();
    let (Some(round_id), Some(proposal_id)) = (id_param("id"), id_param("pid")) else {
        return view! { <NotFound /> }.into_any();
    };
    let areas = Resource::new(|| (), |_| list_areas());
    let regions = Resource::new(|| (), |_| list_regions());
    let here = format!("/reviews/{round_id}/proposals/{proposal_id}");
    view! {
        <Title text=t(Key::ReviewProposalTitle) />
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    let p = match review_proposal(round_id, proposal_id).await {
                        Ok(p) => p,
                        Err(e) => return match e.code() {
                            ErrorCode::Unauthorized => sign_in_redirect(&here),
                            ErrorCode::Forbidden => view! { <Forbidden /> }.into_any(),
                            ErrorCode::NotFound => view! { <NotFound /> }.into_any(),
                            _ => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                        },
                    };
                    let Ok(round) = review_round(round_id).await else {
                        return view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any();
                    };
                    // Conflicted members get none of it (the server refuses them too).
                    let sheet = if p.assigned && !p.conflicted { review_sheet(round_id, proposal_id).await.ok() } else { None };
                    let peers = if p.conflicted { None } else { Some(peer_sheets(round_id, proposal_id).await) };
                    let discussion = if p.conflicted { None } else { review_discussion(round_id, proposal_id).await.ok() };
                    let locale = use_locale();
                    let (areas, regions) = (areas.await.unwrap_or_default(), regions.await.unwrap_or_default());
                    let area = area_name(&areas, &p.area_code, locale);
                    let region = region_name(&regions, &p.region_code, locale);
                    view! { <ReviewProposal p round sheet peers discussion area region /> }.into_any()
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[component]
fn ReviewProposal(
    p: ReviewProposalDto,
    round: RoundDto,
    sheet: Option<SheetDto>,
    peers: Option<Result<Vec<PeerSheetDto>, FnError>>,
    discussion: Option<Vec<DiscussionMessageDto>>,
    area: String,
    region: String,
) -> impl IntoView {
    let (saved, submitted, conflict_declared) = use_query_map()
        .with_untracked(|q| (q.get("saved").is_some(), q.get("submitted").is_some(), q.get("conflict_declared").is_some()));
    let (round_id, proposal_id) = (round.id, p.proposal_id);
    let sections = [
        (Key::ProposalProblem, "proposal-problem", p.problem.clone()),
        (Key::ProposalSolution, "proposal-solution", p.solution.clone()),
        (Key::ProposalEffect, "proposal-effect", p.effect.clone()),
    ];
    let open = round.state == RoundState::Open;
    let criteria = round.criteria.clone();
    view! {
        <Title text=p.title.clone() />
        <article class="page-section proposal" aria-labelledby="review-proposal-heading">
            <p class="back-link"><a href=format!("/reviews/{round_id}") id="back-to-round">{t(Key::BackToRound)}" · "{round.title.clone()}</a></p>
            <p class="proposal-status"><StatusBadge status=p.status id="proposal-status" /></p>
            <h2 class="page-title" id="review-proposal-heading">{p.title.clone()}</h2>
            {p.blind.then(|| view! { <p class="krds-notice blind-notice" id="blind-notice">{t(Key::BlindNotice)}</p> })}
            {conflict_declared.then(|| view! { <Notice id="conflict-declared" text=Key::ConflictDeclaredNotice /> })}
            <dl class="proposal-facts">
                {p.author.as_ref().map(|a| {
                    let name = if a.deleted { t(Key::DeletedUser).to_owned() } else { a.name.clone() };
                    view! { <dt>{t(Key::ProposalAuthor)}</dt><dd id="proposal-author">{name}</dd> }
                })}
                {(!p.organisations.is_empty()).then(|| view! {
                    <dt>{t(Key::ProposalOrganisations)}</dt>
                    <dd id="proposal-organisations">{p.organisations.iter().map(|o| o.name.clone()).collect::<Vec<_>>().join(", ")}</dd>
                })}
                <dt>{t(Key::FilterArea)}</dt><dd>{area}</dd>
                <dt>{t(Key::FilterRegion)}</dt><dd>{region}</dd>
                <dt>{t(Key::SupportCountLabel)}</dt><dd id="proposal-supports">{p.support_count}</dd>
                {(!p.tags.is_empty()).then(|| view! {
                    <dt>{t(Key::ProposalTags)}</dt>
                    <dd>{p.tags.iter().map(|tag| format!("#{tag}")).collect::<Vec<_>>().join(" ")}</dd>
                })}
            </dl>
            // The public page names the author: not linked from a blind round.
            {(!p.blind).then(|| view! {
                <p><a href=format!("/proposals/{proposal_id}") id="public-proposal-link">{t(Key::PublicProposalLink)}</a></p>
            })}
            {sections.into_iter().filter(|(_, _, text)| !text.trim().is_empty()).map(|(key, sid, text)| view! {
                <section class="proposal-section" id=sid aria-labelledby=format!("{sid}-title")>
                    <h3 class="section-title" id=format!("{sid}-title")>{t(key)}</h3>
                    {text.split("\n\n").map(|para| view! { <p class="proposal-text">{para.to_owned()}</p> }).collect_view()}
                </section>
            }).collect_view()}
        </article>

        {if p.conflicted {
            view! {
                <section class="page-section">
                    <p class="krds-notice conflict-notice" id="conflicted-notice">{t(Key::ConflictedNotice)}</p>
                </section>
            }.into_any()
        } else {
            view! {
                <section class="page-section sheet-box" id="sheet" aria-labelledby="sheet-title">
                    <h3 class="section-title" id="sheet-title">{t(Key::SheetTitle)}</h3>
                    {saved.then(|| view! { <Notice id="sheet-saved" text=Key::SheetSavedNotice /> })}
                    {submitted.then(|| view! { <Notice id="sheet-submitted" text=Key::SheetSubmittedNotice /> })}
                    // Outside the form: a post refused because the round has
                    // just closed still says why, though the form is gone.
                    <ErrorSummary error=posted_error(SAVE_SHEET_URL) id="sheet-error" conflict=Key::ErrRoundState />
                    {match (p.assigned, sheet) {
                        (false, _) => view! { <p id="not-assigned-notice">{t(Key::NotAssignedNotice)}</p> }.into_any(),
                        (true, None) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                        (true, Some(sheet)) => view! {
                            <SheetStatus sheet=sheet.clone() />
                            {if open {
                                view! { <SheetForm round_id proposal_id criteria=criteria.clone() sheet=sheet.clone() /> }.into_any()
                            } else {
                                view! {
                                    <p id="sheet-closed-notice">{t(if round.state == RoundState::Closed { Key::SheetRoundClosed } else { Key::SheetRoundNotOpen })}</p>
                                    <ScoresTable criteria=criteria.clone() scores=sheet.scores.clone() comment=sheet.comment.clone() id="my-scores".to_owned() />
                                }.into_any()
                            }}
                            <SheetHistory criteria=criteria.clone() sheet />
                        }.into_any(),
                    }}
                </section>
                {(round.state != RoundState::Closed).then(|| view! { <ConflictForm round_id proposal_id /> })}
                <PeerSheets criteria=criteria.clone() peers />
                <Discussion round_id proposal_id messages=discussion.unwrap_or_default() />
            }.into_any()
        }}
    }
}

/// Where the sheet is, and its total once every criterion is scored.
#[component]
fn SheetStatus(sheet: SheetDto) -> impl IntoView {
    view! {
        <dl class="proposal-facts" id="sheet-status">
            <dt>{t(Key::SheetStateLabel)}</dt>
            <dd><span class=format!("krds-badge sheet-state sheet-{}", sheet.state.as_str()) id="sheet-state">{t(sheet_state_key(sheet.state))}</span></dd>
            <dt>{t(Key::SheetTotal)}</dt><dd id="sheet-total">{optional_score(sheet.total)}</dd>
            {sheet.updated_at.clone().map(|at| view! { <dt>{t(Key::SheetUpdatedAt)}</dt><dd><time datetime=at.clone()>{kst(&at)}</time></dd> })}
            {sheet.submitted_at.clone().map(|at| view! { <dt>{t(Key::SheetSubmittedAt)}</dt><dd><time datetime=at.clone()>{kst(&at)}</time></dd> })}
        </dl>
    }
}

/// The score sheet: per criterion the scale as radio buttons (a select for
/// long scales) and a comment, an overall comment, and two buttons: save a
/// draft or submit (every criterion scored). After a failed post the typed
/// values come back.
#[component]
fn SheetForm(round_id: i64, proposal_id: i64, criteria: Vec<CriterionDto>, sheet: SheetDto) -> impl IntoView {
    let error = posted_error(SAVE_SHEET_URL);
    let failed = error.get_untracked().is_some();
    let stored = |c: &CriterionDto| sheet.scores.iter().find(|s| s.criterion_id == c.id).cloned();
    let overall = if failed { echoed(error, "comment") } else { sheet.comment.clone() };
    view! {
        <form method="post" action=SAVE_SHEET_URL id="sheet-form" class="sheet-form" aria-labelledby="sheet-title" novalidate>
            <input type="hidden" name="round_id" value=round_id />
            <input type="hidden" name="proposal_id" value=proposal_id />
            {criteria.into_iter().map(|c| {
                let cid = c.id;
                let (value, comment) = if failed {
                    (echoed(error, &format!("score_{cid}")).parse::<i32>().ok(), echoed(error, &format!("comment_{cid}")))
                } else {
                    let s = stored(&c);
                    (s.as_ref().and_then(|s| s.score), s.map(|s| s.comment).unwrap_or_default())
                };
                let score_field = format!("score_{cid}");
                let comment_field = format!("comment_{cid}");
                let score_invalid = error.get_untracked().and_then(|e| e.field(&score_field).map(|_| "true"));
                let comment_invalid = error.get_untracked().and_then(|e| e.field(&comment_field).map(|_| "true"));
                let score_error = Signal::derive(move || error.get().and_then(|e| e.field(&score_field).cloned()));
                let comment_error = Signal::derive(move || error.get().and_then(|e| e.field(&comment_field).cloned()));
                let name = format!("score[{cid}]");
                let scale = format!("{}–{}", c.scale_min, c.scale_max);
                view! {
                    <fieldset class="form-group criterion-score" id=format!("criterion-{cid}")
                        aria-describedby=format!("score-{cid}-hint score-{cid}-error")>
                        <legend class="form-tit">
                            {c.name.clone()}
                            <span class="criterion-weight">" ("{t(Key::CriterionWeight)}" "{c.weight}")"</span>
                        </legend>
                        <p class="form-hint" id=format!("score-{cid}-hint")>
                            {(!c.description.trim().is_empty()).then(|| view! { {c.description.clone()}" · " })}
                            {t(Key::ScoreScaleHint).replace("{scale}", &scale)}
                        </p>
                        {if c.scale_max - c.scale_min < RADIO_POINTS {
                            view! {
                                <div class="score-options" role="radiogroup" aria-invalid=score_invalid>
                                    {(c.scale_min..=c.scale_max).map(|v| {
                                        let rid = format!("score-{cid}-{v}");
                                        view! {
                                            <span class="krds-form-check score-option">
                                                <input type="radio" name=name.clone() id=rid.clone() value=v.to_string() checked=value == Some(v) />
                                                <label for=rid>{v}</label>
                                            </span>
                                        }
                                    }).collect_view()}
                                </div>
                            }.into_any()
                        } else {
                            view! {
                                <label for=format!("score-{cid}") class="sr-only">{c.name.clone()}</label>
                                <select id=format!("score-{cid}") name=name.clone() class="krds-form-select score-select" aria-invalid=score_invalid>
                                    <option value="" selected=value.is_none()>{t(Key::ChooseOne)}</option>
                                    {(c.scale_min..=c.scale_max).map(|v| view! {
                                        <option id=format!("score-{cid}-{v}") value=v.to_string() selected=value == Some(v)>{v}</option>
                                    }).collect_view()}
                                </select>
                            }.into_any()
                        }}
                        <FieldMessage error=score_error id=format!("score-{cid}-error") />
                        <div class="criterion-comment">
                            <label for=format!("comment-{cid}")>{t(Key::CriterionComment)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                            <textarea id=format!("comment-{cid}") name=format!("note[{cid}]") class="krds-input" rows="2"
                                aria-invalid=comment_invalid aria-describedby=format!("comment-{cid}-error")>{comment}</textarea>
                            <FieldMessage error=comment_error id=format!("comment-{cid}-error") />
                        </div>
                    </fieldset>
                }
            }).collect_view()}
            <div class="form-group">
                <div class="form-tit">
                    <label for="sheet-comment">{t(Key::SheetComment)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                </div>
                <div class="form-conts">
                    <textarea id="sheet-comment" name="comment" class="krds-input" rows="4"
                        aria-invalid=error.get_untracked().and_then(|e| e.field("comment").map(|_| "true")) aria-describedby="sheet-comment-error">{overall}</textarea>
                    <FieldMessage error=field_error(error, "comment") id="sheet-comment-error" />
                </div>
            </div>
            <p class="form-hint" id="sheet-submit-hint">{t(Key::SheetSubmitHint)}</p>
            <div class="form-actions">
                <button type="submit" name="intent" value="draft" id="sheet-save" class="krds-btn medium secondary">{t(Key::SheetSave)}</button>
                <button type="submit" name="intent" value="submit" id="sheet-submit" class="krds-btn medium primary" aria-describedby="sheet-submit-hint">
                    {t(Key::SheetSubmit)}
                </button>
            </div>
        </form>
    }
}

/// Scores per criterion with their comments, and the overall comment
/// (one's own sheet when it cannot be changed, or another reviewer's).
#[component]
fn ScoresTable(criteria: Vec<CriterionDto>, scores: Vec<ScoreDto>, comment: String, id: String) -> impl IntoView {
    view! {
        <div class="krds-table-wrap scroll">
            <table class="tbl col data" id=id>
                <caption class="sr-only">{t(Key::ScoresCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(Key::CriterionName)}</th>
                        <th scope="col" class="num">{t(Key::ScoreLabel)}</th>
                        <th scope="col">{t(Key::CriterionComment)}</th>
                    </tr>
                </thead>
                <tbody>
                    {criteria.into_iter().map(|c| {
                        let s = scores.iter().find(|s| s.criterion_id == c.id);
                        view! {
                            <tr>
                                <th scope="row">{c.name.clone()}</th>
                                <td class="num">{s.and_then(|s| s.score).map(|v| v.to_string()).unwrap_or_else(|| "—".to_owned())}</td>
                                <td class="pre-line">{s.map(|s| s.comment.clone()).unwrap_or_default()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(!comment.trim().is_empty()).then(|| view! { <p class="sheet-overall pre-line"><strong>{t(Key::SheetComment)}": "</strong>{comment}</p> })}
    }
}

/// The sheet's submitted versions, newest first, with their totals.
#[component]
fn SheetHistory(criteria: Vec<CriterionDto>, sheet: SheetDto) -> impl IntoView {
    if sheet.history.is_empty() {
        return ().into_any();
    }
    view! {
        <h4 class="subsection-title" id="sheet-history-title">{t(Key::SheetHistoryTitle)}</h4>
        <div class="krds-table-wrap scroll">
            <table class="tbl col data" id="sheet-history">
                <caption class="sr-only">{t(Key::SheetHistoryTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">{t(Key::SheetVersion)}</th>
                        <th scope="col">{t(Key::SheetSubmittedAt)}</th>
                        {criteria.iter().map(|c| view! { <th scope="col" class="num">{c.name.clone()}</th> }).collect_view()}
                        <th scope="col" class="num">{t(Key::SheetTotal)}</th>
                    </tr>
                </thead>
                <tbody>
                    {sheet.history.into_iter().map(|v| view! {
                        <tr id=format!("sheet-version-{}", v.version)>
                            <th scope="row" class="num">{v.version}</th>
                            <td><time datetime=v.submitted_at.clone()>{kst(&v.submitted_at)}</time></td>
                            {criteria.iter().map(|c| {
                                let s = v.scores.iter().find(|s| s.criterion_id == c.id).and_then(|s| s.score);
                                view! { <td class="num">{s.map(|s| s.to_string()).unwrap_or_else(|| "—".to_owned())}</td> }
                            }).collect_view()}
                            <td class="num">{score(v.total)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The declaration of a conflict of interest: the reviewer steps aside and
/// another is assigned.
#[component]
fn ConflictForm(round_id: i64, proposal_id: i64) -> impl IntoView {
    let error = posted_error(CONFLICT_URL);
    let reason = echoed(error, "reason");
    let failed = error.get_untracked().is_some();
    view! {
        <section class="page-section" aria-labelledby="conflict-title">
            <details class="report-box" id="conflict-box" open=failed>
                <summary id="conflict-title">{t(Key::ConflictDeclareTitle)}</summary>
                <p class="form-hint">{t(Key::ConflictDeclareLead)}</p>
                <ErrorSummary error id="conflict-error" conflict=Key::ErrConflictAlreadyDeclared />
                <form method="post" action=CONFLICT_URL id="conflict-form" class="reply-form" novalidate>
                    <input type="hidden" name="round_id" value=round_id />
                    <input type="hidden" name="proposal_id" value=proposal_id />
                    <label for="conflict-reason">{t(Key::ConflictReason)}</label>
                    <textarea id="conflict-reason" name="reason" class="krds-input" rows="3" required
                        aria-invalid=failed.then_some("true") aria-describedby="conflict-reason-error">{reason}</textarea>
                    <FieldMessage error=field_error(error, "reason") id="conflict-reason-error" />
                    <button type="submit" id="conflict-submit" class="krds-btn small secondary">{t(Key::ConflictDeclareSubmit)}</button>
                </form>
            </details>
        </section>
    }
}

/// The other reviewers' submitted sheets, or why they are not shown yet.
#[component]
fn PeerSheets(criteria: Vec<CriterionDto>, peers: Option<Result<Vec<PeerSheetDto>, FnError>>) -> impl IntoView {
    let body = match peers {
        None => return ().into_any(),
        Some(Err(e)) if e.code() == ErrorCode::Forbidden => view! { <p id="peer-sheets-locked">{t(Key::PeerSheetsLocked)}</p> }.into_any(),
        Some(Err(_)) => view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! { <p id="peer-sheets-empty">{t(Key::PeerSheetsEmpty)}</p> }.into_any(),
        Some(Ok(list)) => list
            .into_iter()
            .map(|s| {
                let id = s.reviewer_id;
                view! {
                    <div class="peer-sheet" id=format!("peer-sheet-{id}")>
                        <h4 class="subsection-title">
                            {s.reviewer_name.clone()}" · "{t(Key::SheetTotal)}" "<strong>{score(s.total)}</strong>
                        </h4>
                        <p class="form-hint"><time datetime=s.submitted_at.clone()>{kst(&s.submitted_at)}</time></p>
                        <ScoresTable criteria=criteria.clone() scores=s.scores comment=s.comment id=format!("peer-scores-{id}") />
                    </div>
                }
            })
            .collect_view()
            .into_any(),
    };
    view! {
        <section class="page-section" id="peer-sheets" aria-labelledby="peer-sheets-title">
            <h3 class="section-title" id="peer-sheets-title">{t(Key::PeerSheetsTitle)}</h3>
            {body}
        </section>
    }
    .into_any()
}

/// The committee's private discussion of the proposal (members only; never public).
#[component]
fn Discussion(round_id: i64, proposal_id: i64, messages: Vec<DiscussionMessageDto>) -> impl IntoView {
    let error = posted_error(MESSAGE_URL);
    let body = echoed(error, "body");
    let failed = error.get_untracked().is_some();
    view! {
        <section class="page-section discussion" id="review-discussion" aria-labelledby="review-discussion-title">
            <h3 class="section-title" id="review-discussion-title">{t(Key::ReviewDiscussionTitle)}</h3>
            <p class="form-hint">{t(Key::ReviewDiscussionLead)}</p>
            {if messages.is_empty() {
                view! { <p id="no-messages">{t(Key::NoMessages)}</p> }.into_any()
            } else {
                view! {
                    <ol class="comment-list" id="message-list">
                        {messages.into_iter().map(|m| view! {
                            <li class="comment" id=format!("message-{}", m.id)>
                                <p class="comment-meta">
                                    <strong class="comment-author">{m.author_name.clone()}</strong>" "
                                    <time datetime=m.created_at.clone()>{kst(&m.created_at)}</time>
                                </p>
                                <p class="comment-body pre-line">{m.body.clone()}</p>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <form method="post" action=MESSAGE_URL id="discussion-form" class="comment-form" novalidate>
                <ErrorSummary error id="discussion-error" />
                <input type="hidden" name="round_id" value=round_id />
                <input type="hidden" name="proposal_id" value=proposal_id />
                <div class="form-group">
                    <div class="form-tit"><label for="discussion-body">{t(Key::ReviewMessage)}</label></div>
                    <div class="form-conts">
                        <textarea id="discussion-body" name="body" class="krds-input" rows="4" required
                            aria-invalid=failed.then_some("true") aria-describedby="discussion-body-error">{body}</textarea>
                        <FieldMessage error=field_error(error, "body") id="discussion-body-error" />
                    </div>
                </div>
                <div class="form-actions">
                    <button type="submit" id="discussion-submit" class="krds-btn medium secondary">{t(Key::ReviewMessageSubmit)}</button>
                </div>
            </form>
        </section>
    }
}
