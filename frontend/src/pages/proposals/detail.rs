//! `/proposals/:id`: a proposal, its support, the for/neutral/against bar,
//! its timeline and the discussion; for the admins of its process, the form
//! that changes its status with an official answer; for the authors of
//! comments, editing and deleting them. Every action is a plain form post to
//! its server function, which redirects back here (to the part acted on).

use super::{StatusBadge, area_name, region_name, status_key};
use crate::api::{
    ChangeStatus, DeleteComment, EditComment, FnError, FollowProposal, PostComment, ReportContent, SupportProposal, VoteComment,
    current_user, get_comment_thread, get_proposal, is_following, list_areas, list_regions, proposal_timeline, status_options,
};
use crate::components::form::{ErrorSummary, FieldMessage, Notice, echoed, field_error, posted_error};
use crate::components::layout::encode_component;
use crate::components::time::{kst, kst_date};
use crate::i18n::{Key, t};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use shared::ErrorCode;
use shared::deliberation::{Alignment, AlignmentCounts, CommentDto, REPORT_REASONS};
use shared::participation::{ProposalDto, ProposalEventDto, ProposalStatus};

const SUPPORT_URL: &str = <SupportProposal as ServerFn>::PATH;
const FOLLOW_URL: &str = <FollowProposal as ServerFn>::PATH;
const COMMENT_URL: &str = <PostComment as ServerFn>::PATH;
const VOTE_URL: &str = <VoteComment as ServerFn>::PATH;
const REPORT_URL: &str = <ReportContent as ServerFn>::PATH;
const CHANGE_STATUS_URL: &str = <ChangeStatus as ServerFn>::PATH;
const EDIT_COMMENT_URL: &str = <EditComment as ServerFn>::PATH;
const DELETE_COMMENT_URL: &str = <DeleteComment as ServerFn>::PATH;

/// The label of an alignment.
pub fn alignment_key(a: Alignment) -> Key {
    match a {
        Alignment::For => Key::AlignmentFor,
        Alignment::Neutral => Key::AlignmentNeutral,
        Alignment::Against => Key::AlignmentAgainst,
    }
}

fn report_key(reason: &str) -> Key {
    match reason {
        "spam" => Key::ReportSpam,
        "offensive" => Key::ReportOffensive,
        "off_topic" => Key::ReportOffTopic,
        _ => Key::ReportPersonalData,
    }
}

#[component]
pub fn ProposalPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let Some(id) = id else {
        return view! { <crate::pages::not_found::NotFound /> }.into_any();
    };
    let proposal = Resource::new(|| (), move |_| get_proposal(id));
    let thread = Resource::new(|| (), move |_| get_comment_thread(id));
    let timeline = Resource::new(|| (), move |_| proposal_timeline(id));
    let following = Resource::new(|| (), move |_| is_following(id));
    let user = Resource::new(|| (), |_| current_user());
    let areas = Resource::new(|| (), |_| list_areas());
    let regions = Resource::new(|| (), |_| list_regions());
    let options = Resource::new(|| (), move |_| status_options(id));
    view! {
        <Suspense fallback=|| view! { <p>{t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let p = match proposal.await {
                    Ok(p) => p,
                    Err(e) if e.code() == ErrorCode::NotFound => return view! { <crate::pages::not_found::NotFound /> }.into_any(),
                    Err(_) => return view! { <p role="alert">{t(Key::LoadFailed)}</p> }.into_any(),
                };
                let thread = thread.await.ok();
                let timeline = timeline.await.unwrap_or_default();
                let following = following.await.unwrap_or(false);
                let signed_in = matches!(user.await, Ok(Some(_)));
                let areas = areas.await.unwrap_or_default();
                let regions = regions.await.unwrap_or_default();
                // Only a process's admins get any; for everyone else the form is not there.
                let options = options.await.unwrap_or_default();
                let locale = crate::i18n::use_locale();
                let area = area_name(&areas, &p.area_code, locale);
                let region = region_name(&regions, &p.region_code, locale);
                view! { <ProposalView p thread signed_in following area region timeline options /> }.into_any()
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn ProposalView(
    p: ProposalDto,
    thread: Option<shared::deliberation::CommentThread>,
    signed_in: bool,
    following: bool,
    area: String,
    region: String,
    timeline: Vec<ProposalEventDto>,
    options: Vec<ProposalStatus>,
) -> impl IntoView {
    let (reported, status_changed, comment_deleted) = use_query_map()
        .with_untracked(|q| (q.get("reported").is_some(), q.get("status_changed").is_some(), q.get("comment_deleted").is_some()));
    let edit_error = posted_error(EDIT_COMMENT_URL);
    let delete_error = posted_error(DELETE_COMMENT_URL);
    let support_error = posted_error(SUPPORT_URL);
    let follow_error = posted_error(FOLLOW_URL);
    let report_error = posted_error(REPORT_URL);
    let vote_error = posted_error(VOTE_URL);
    let id = p.id;
    let here = format!("/proposals/{id}");
    let sign_in_href = format!("/sign-in?next={}", encode_component(&here));
    let author = if p.author.deleted { t(Key::DeletedUser).to_owned() } else { p.author.name.clone() };
    let sections = [(Key::ProposalProblem, "proposal-problem", p.problem.clone()), (Key::ProposalSolution, "proposal-solution", p.solution.clone()), (Key::ProposalEffect, "proposal-effect", p.effect.clone())];
    let counts = thread.as_ref().map(|t| t.counts).unwrap_or_default();
    let comments = thread.map(|t| t.items).unwrap_or_default();
    let supported = p.supported_by_me == Some(true);
    view! {
        <Title text=p.title.clone() />
        <article class="page-section proposal" aria-labelledby="proposal-heading">
            <p class="proposal-status"><StatusBadge status=p.status id="proposal-status" /></p>
            <h2 class="page-title" id="proposal-heading">{p.title.clone()}</h2>
            {reported.then(|| view! { <p class="krds-notice" role="status" id="reported">{t(Key::Reported)}</p> })}
            <dl class="proposal-facts">
                <dt>{t(Key::ProposalAuthor)}</dt><dd id="proposal-author">{author}</dd>
                <dt>{t(Key::FilterArea)}</dt><dd>{area}</dd>
                <dt>{t(Key::FilterRegion)}</dt><dd>{region}</dd>
                {p.published_at.clone().map(|at| view! { <dt>{t(Key::ProposalPublishedAt)}</dt><dd>{kst_date(&at)}</dd> })}
                {(!p.organisations.is_empty()).then(|| view! {
                    <dt>{t(Key::ProposalOrganisations)}</dt>
                    <dd>{p.organisations.iter().map(|o| o.name.clone()).collect::<Vec<_>>().join(", ")}</dd>
                })}
                {(!p.tags.is_empty()).then(|| view! {
                    <dt>{t(Key::ProposalTags)}</dt>
                    <dd class="tag-list">{p.tags.iter().map(|tag| view! { <a class="krds-badge tag" href=format!("/proposals?tag={}", encode_component(tag))>"#"{tag.clone()}</a>" " }).collect_view()}</dd>
                })}
            </dl>
            {p.editable.then(|| view! { <p><a href=format!("/proposals/{id}/edit") id="edit-proposal" class="krds-btn small secondary">{t(Key::EditProposal)}</a></p> })}
            {sections.into_iter().filter(|(_, _, text)| !text.trim().is_empty()).map(|(key, sid, text)| view! {
                <section class="proposal-section" id=sid aria-labelledby=format!("{sid}-title")>
                    <h3 class="section-title" id=format!("{sid}-title")>{t(key)}</h3>
                    {text.split("\n\n").map(|para| view! { <p class="proposal-text">{para.to_owned()}</p> }).collect_view()}
                </section>
            }).collect_view()}
        </article>

        <section class="page-section support-box" id="support" aria-labelledby="support-title">
            <h3 class="section-title" id="support-title">{t(Key::SupportTitle)}</h3>
            <ErrorSummary error=support_error id="support-error" />
            <ErrorSummary error=follow_error id="follow-error" />
            <p class="support-count">{t(Key::SupportCountLabel)}" "<strong id="support-count">{p.support_count}</strong></p>
            {if signed_in {
                view! {
                    <form method="post" action=SUPPORT_URL class="inline-form">
                        <input type="hidden" name="id" value=id />
                        {supported.then(|| view! { <input type="hidden" name="withdraw" value="1" /> })}
                        <button type="submit" id="support-button" class=if supported { "krds-btn medium secondary" } else { "krds-btn medium primary" } aria-pressed=if supported { "true" } else { "false" }>
                            {if supported { t(Key::WithdrawSupport) } else { t(Key::SupportButton) }}
                        </button>
                    </form>
                    {supported.then(|| view! { <span class="supported-note" id="supported-note">" "{t(Key::Supported)}</span> })}
                    " "
                    <form method="post" action=FOLLOW_URL class="inline-form">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="follow" value=if following { "0" } else { "1" } />
                        <button type="submit" id="follow-button" class="krds-btn medium text" aria-pressed=if following { "true" } else { "false" }>
                            {if following { t(Key::Unfollow) } else { t(Key::Follow) }}
                        </button>
                    </form>
                }.into_any()
            } else {
                view! { <a href=sign_in_href.clone() id="support-sign-in" class="krds-btn medium primary">{t(Key::SignInToSupport)}</a> }.into_any()
            }}
        </section>

        <section class="page-section" aria-labelledby="alignment-title">
            <h3 class="section-title" id="alignment-title">{t(Key::AlignmentTitle)}</h3>
            <AlignmentBar counts />
        </section>

        {(!timeline.is_empty()).then(|| view! {
            <section class="page-section" aria-labelledby="timeline-title">
                <h3 class="section-title" id="timeline-title">{t(Key::TimelineTitle)}</h3>
                {status_changed.then(|| view! { <Notice id="status-changed" text=Key::StatusChanged /> })}
                <ol class="timeline" id="timeline">
                    {timeline.into_iter().map(|e| {
                        let key = match e.kind.as_str() {
                            "created" => Key::EventCreated,
                            "published" => Key::EventPublished,
                            "status_changed" => Key::EventStatusChanged,
                            "threshold_reached" => Key::EventThresholdReached,
                            "meeting_minutes" => Key::EventMeetingMinutes,
                            _ => Key::EventOther,
                        };
                        let meeting = e.meeting_id.map(|mid| view! {
                            " "<a href=format!("/meetings/{mid}/minutes") class="timeline-meeting">{e.meeting_title.clone().unwrap_or_default()}</a>
                        });
                        view! {
                            <li>
                                <time datetime=e.created_at.clone()>{kst(&e.created_at)}</time>" "
                                <strong>{t(key)}</strong>
                                {meeting}
                                {e.to_status.map(|s| view! { " → "{t(status_key(s))} })}
                                {e.answer.clone().map(|a| view! { <p class="timeline-answer">{a}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </section>
        })}

        {(!options.is_empty()).then(|| view! { <StatusForm proposal_id=id options /> })}

        <section class="page-section discussion" id="discussion" aria-labelledby="discussion-title">
            <h3 class="section-title" id="discussion-title">{t(Key::DiscussionTitle)}" ("{p.comment_count}")"</h3>
            <ErrorSummary error=vote_error id="vote-error" />
            <ErrorSummary error=edit_error id="comment-edit-error" />
            <ErrorSummary error=delete_error id="comment-delete-error" />
            {comment_deleted.then(|| view! { <Notice id="comment-deleted" text=Key::CommentDeletedNotice /> })}
            {if comments.is_empty() {
                view! { <p id="no-comments">{t(Key::NoComments)}</p> }.into_any()
            } else {
                let edit_error = edit_error.get_untracked();
                view! { <ol class="comment-list">{comments.into_iter().map(|c| comment_view(c, id, signed_in, &edit_error)).collect_view()}</ol> }.into_any()
            }}
            {if signed_in {
                view! { <CommentForm proposal_id=id /> }.into_any()
            } else {
                view! { <p><a href=format!("{sign_in_href}%23comment-form") id="comment-sign-in" class="krds-btn medium secondary">{t(Key::SignInToComment)}</a></p> }.into_any()
            }}
        </section>

        {signed_in.then(|| view! {
            <section class="page-section" aria-labelledby="report-title">
                <details class="report-box">
                    <summary id="report-title">{t(Key::ReportTitle)}</summary>
                    <ErrorSummary error=report_error id="report-error" />
                    <ReportForm proposal_id=id kind="proposal" target=id />
                </details>
            </section>
        })}
    }
}

/// For, neutral and against as a bar (SVG: widths are attributes, so the
/// CSP's ban on inline styles holds) with the numbers as text.
#[component]
fn AlignmentBar(counts: AlignmentCounts) -> impl IntoView {
    let total = counts.for_ + counts.neutral + counts.against;
    let pct = |n: u64| if total == 0 { 0.0 } else { n as f64 * 100.0 / total as f64 };
    let (f, n, a) = (pct(counts.for_), pct(counts.neutral), pct(counts.against));
    let label = format!(
        "{} {}, {} {}, {} {}",
        t(Key::AlignmentFor), counts.for_, t(Key::AlignmentNeutral), counts.neutral, t(Key::AlignmentAgainst), counts.against
    );
    view! {
        <div id="alignment-bar" class="alignment-bar">
            <svg class="alignment-svg" viewBox="0 0 100 4" preserveAspectRatio="none" role="img" aria-label=label focusable="false">
                <rect class="bar-empty" x="0" y="0" width="100" height="4" />
                <rect class="bar-for" x="0" y="0" width=format!("{f:.2}") height="4" />
                <rect class="bar-neutral" x=format!("{f:.2}") y="0" width=format!("{n:.2}") height="4" />
                <rect class="bar-against" x=format!("{:.2}", f + n) y="0" width=format!("{a:.2}") height="4" />
            </svg>
            <ul class="alignment-legend">
                <li class="legend-for">{t(Key::AlignmentFor)}" "<strong id="count-for">{counts.for_}</strong></li>
                <li class="legend-neutral">{t(Key::AlignmentNeutral)}" "<strong id="count-neutral">{counts.neutral}</strong></li>
                <li class="legend-against">{t(Key::AlignmentAgainst)}" "<strong id="count-against">{counts.against}</strong></li>
            </ul>
        </div>
    }
}

/// One comment with its replies (the server sends three levels).
/// `edit_error` is a failed edit posted without JavaScript: the comment it
/// was for opens its edit box again, with the text and the error.
fn comment_view(c: CommentDto, proposal_id: i64, signed_in: bool, edit_error: &Option<FnError>) -> AnyView {
    let cid = c.id;
    let body = if c.deleted {
        view! { <p class="comment-placeholder">{t(Key::CommentDeleted)}</p> }.into_any()
    } else if c.hidden {
        view! { <p class="comment-placeholder">{t(Key::CommentHidden)}</p> }.into_any()
    } else {
        // Sanitised on the server (pulldown-cmark, raw HTML turned into text).
        view! { <div class="comment-body" inner_html=c.body_html.clone()></div> }.into_any()
    };
    let author = c.author.as_ref().map(|a| if a.deleted { t(Key::DeletedUser).to_owned() } else { a.name.clone() });
    let visible = !c.deleted && !c.hidden;
    let can_vote = signed_in && visible && !c.mine;
    let vote_form = move |value: i32, key: Key, count: i32, pressed: bool| {
        let send = if pressed { 0 } else { value };
        let label = format!("{} {count}", t(key));
        view! {
            <form method="post" action=VOTE_URL class="inline-form">
                <input type="hidden" name="proposal_id" value=proposal_id />
                <input type="hidden" name="comment_id" value=cid />
                <input type="hidden" name="value" value=send />
                <button type="submit" class="krds-btn xsmall text vote-button" aria-pressed=if pressed { "true" } else { "false" } id=format!("vote-{}-{cid}", if value > 0 { "up" } else { "down" })>{label}</button>
            </form>
        }
    };
    let replies = c.replies.clone();
    let own_actions = (c.mine && visible).then(|| own_comment_actions(&c, proposal_id, edit_error));
    view! {
        <li class="comment" id=format!("comment-{cid}")>
            <p class="comment-meta">
                <span class=format!("krds-badge alignment alignment-{}", c.alignment.as_str())>{t(alignment_key(c.alignment))}</span>" "
                {author.map(|a| view! { <strong class="comment-author">{a}</strong> })}" "
                <time datetime=c.created_at.clone()>{kst(&c.created_at)}</time>
                {c.edited.then(|| view! { " ("{t(Key::CommentEdited)}")" })}
            </p>
            {body}
            {visible.then(|| view! {
                <div class="comment-actions">
                    {if can_vote {
                        view! { {vote_form(1, Key::VoteUp, c.up, c.my_vote == Some(1))}" "{vote_form(-1, Key::VoteDown, c.down, c.my_vote == Some(-1))} }.into_any()
                    } else {
                        view! { <span class="vote-counts">{format!("{} {} · {} {}", t(Key::VoteUp), c.up, t(Key::VoteDown), c.down)}</span> }.into_any()
                    }}
                    {(signed_in && !c.mine).then(|| view! {
                        <details class="reply-box">
                            <summary>{t(Key::ReportTitle)}</summary>
                            <ReportForm proposal_id kind="comment" target=cid />
                        </details>
                    })}
                    {own_actions}
                    {(signed_in && c.depth < 2).then(|| view! {
                        <details class="reply-box">
                            <summary>{t(Key::Reply)}</summary>
                            <form method="post" action=COMMENT_URL class="reply-form">
                                <input type="hidden" name="proposal_id" value=proposal_id />
                                <input type="hidden" name="parent_id" value=cid />
                                <input type="hidden" name="alignment" value=c.alignment.as_str() />
                                <label for=format!("reply-body-{cid}")>{t(Key::ReplyBody)}</label>
                                <textarea id=format!("reply-body-{cid}") name="body" class="krds-input" rows="3" required></textarea>
                                <button type="submit" class="krds-btn small secondary">{t(Key::ReplySubmit)}</button>
                            </form>
                        </details>
                    })}
                </div>
            })}
            {(!replies.is_empty()).then(|| view! {
                <ol class="comment-replies">{replies.into_iter().map(|r| comment_view(r, proposal_id, signed_in, edit_error)).collect_view()}</ol>
            })}
        </li>
    }
    .into_any()
}

/// Edit (a box with the text as written) and delete (a box that says what
/// deleting does, then the button) for the author of a comment.
fn own_comment_actions(c: &CommentDto, proposal_id: i64, edit_error: &Option<FnError>) -> AnyView {
    let cid = c.id;
    let failed = edit_error.as_ref().filter(|e| e.echoed("comment_id") == Some(cid.to_string().as_str()));
    let body = match failed {
        Some(e) => e.echoed("body").unwrap_or_default().to_owned(),
        None => c.body.clone().unwrap_or_default(),
    };
    let body_error = Signal::stored(failed.and_then(|e| e.field("body").cloned()));
    let (body_id, error_id) = (format!("edit-body-{cid}"), format!("edit-body-error-{cid}"));
    view! {
        <details class="reply-box comment-edit" open=failed.is_some()>
            <summary id=format!("edit-comment-{cid}")>{t(Key::CommentEdit)}</summary>
            <form method="post" action=EDIT_COMMENT_URL class="reply-form" novalidate>
                <input type="hidden" name="proposal_id" value=proposal_id />
                <input type="hidden" name="comment_id" value=cid />
                <label for=body_id.clone()>{t(Key::CommentEditBody)}</label>
                <textarea id=body_id name="body" class="krds-input" rows="4" required
                    aria-invalid=failed.map(|_| "true") aria-describedby=error_id.clone()>{body}</textarea>
                <FieldMessage error=body_error id=error_id />
                <button type="submit" id=format!("edit-submit-{cid}") class="krds-btn small secondary">{t(Key::CommentEditSubmit)}</button>
            </form>
        </details>
        <details class="reply-box comment-delete">
            <summary id=format!("delete-comment-{cid}")>{t(Key::CommentDelete)}</summary>
            <form method="post" action=DELETE_COMMENT_URL class="reply-form">
                <input type="hidden" name="proposal_id" value=proposal_id />
                <input type="hidden" name="comment_id" value=cid />
                <p class="form-hint">{t(Key::CommentDeleteConfirm)}</p>
                <button type="submit" id=format!("delete-submit-{cid}") class="krds-btn small tertiary">{t(Key::CommentDeleteSubmit)}</button>
            </form>
        </details>
    }
    .into_any()
}

/// The official status change (admins of the proposal's process): the
/// statuses the review path allows from here, and the public answer.
#[component]
fn StatusForm(proposal_id: i64, options: Vec<ProposalStatus>) -> impl IntoView {
    let error = posted_error(CHANGE_STATUS_URL);
    let (chosen, answer) = (echoed(error, "status"), echoed(error, "answer"));
    let invalid = move |name: &'static str| error.get_untracked().and_then(|e| e.field(name).map(|_| "true"));
    view! {
        <section class="page-section status-change" id="status-change" aria-labelledby="status-change-title">
            <h3 class="section-title" id="status-change-title">{t(Key::StatusChangeTitle)}</h3>
            <p class="lead">{t(Key::StatusChangeLead)}</p>
            <ErrorSummary error id="status-error" conflict=Key::ErrStatusTransition />
            <form method="post" action=CHANGE_STATUS_URL id="status-form" novalidate>
                <input type="hidden" name="id" value=proposal_id />
                <div class="form-group">
                    <div class="form-tit"><label for="status-new">{t(Key::StatusNew)}</label></div>
                    <div class="form-conts">
                        <select id="status-new" name="status" class="krds-form-select" aria-invalid=invalid("status") aria-describedby="status-new-error">
                            {options.into_iter().map(|s| view! {
                                <option value=s.as_str() selected=chosen == s.as_str()>{t(status_key(s))}</option>
                            }).collect_view()}
                        </select>
                        <FieldMessage error=field_error(error, "status") id="status-new-error" />
                    </div>
                </div>
                <div class="form-group">
                    <div class="form-tit">
                        <label for="status-answer">{t(Key::StatusAnswer)}<span class="optional">" ("{t(Key::Optional)}")"</span></label>
                    </div>
                    <div class="form-conts">
                        <p class="form-hint" id="status-answer-hint">{t(Key::StatusAnswerHint)}</p>
                        <textarea id="status-answer" name="answer" class="krds-input" rows="6"
                            aria-invalid=invalid("answer") aria-describedby="status-answer-hint status-answer-error">{answer}</textarea>
                        <FieldMessage error=field_error(error, "answer") id="status-answer-error" />
                    </div>
                </div>
                <div class="form-actions">
                    <button type="submit" id="status-submit" class="krds-btn medium primary">{t(Key::StatusSubmit)}</button>
                </div>
            </form>
        </section>
    }
}

/// The new comment form: alignment radios and the body.
#[component]
fn CommentForm(proposal_id: i64) -> impl IntoView {
    let error = posted_error(COMMENT_URL);
    let body = echoed(error, "body");
    let chosen = Alignment::parse(&echoed(error, "alignment")).unwrap_or_default();
    view! {
        <form method="post" action=COMMENT_URL id="comment-form" class="comment-form" novalidate>
            <h4 class="section-subtitle">{t(Key::CommentFormTitle)}</h4>
            <ErrorSummary error id="comment-error" />
            <input type="hidden" name="proposal_id" value=proposal_id />
            <fieldset class="krds-form-check-group">
                <legend>{t(Key::CommentAlignment)}</legend>
                {[Alignment::For, Alignment::Neutral, Alignment::Against].into_iter().map(|a| {
                    let rid = format!("comment-alignment-{}", a.as_str());
                    view! {
                        <span class="krds-form-check">
                            <input type="radio" name="alignment" id=rid.clone() value=a.as_str() checked=a == chosen />
                            <label for=rid>{t(alignment_key(a))}</label>
                        </span>
                    }
                }).collect_view()}
            </fieldset>
            <div class="form-group">
                <div class="form-tit"><label for="comment-body">{t(Key::CommentBody)}</label></div>
                <div class="form-conts">
                    <p class="form-hint" id="comment-body-hint">{t(Key::CommentBodyHint)}</p>
                    <textarea id="comment-body" name="body" class="krds-input" rows="5" required aria-describedby="comment-body-hint comment-body-error">{body}</textarea>
                    <FieldMessage error=field_error(error, "body") id="comment-body-error" />
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" id="comment-submit" class="krds-btn medium primary">{t(Key::CommentSubmit)}</button>
            </div>
        </form>
    }
}

/// Reports a proposal or a comment with a reason.
#[component]
fn ReportForm(proposal_id: i64, kind: &'static str, target: i64) -> impl IntoView {
    let select_id = format!("report-reason-{kind}-{target}");
    view! {
        <form method="post" action=REPORT_URL class="report-form">
            <input type="hidden" name="proposal_id" value=proposal_id />
            <input type="hidden" name="kind" value=kind />
            <input type="hidden" name="id" value=target />
            <label for=select_id.clone()>{t(Key::ReportReason)}</label>" "
            <select id=select_id name="reason" class="krds-form-select">
                {REPORT_REASONS.into_iter().map(|r| view! { <option value=r>{t(report_key(r))}</option> }).collect_view()}
            </select>" "
            <button type="submit" class="krds-btn small secondary">{t(Key::ReportSubmit)}</button>
        </form>
    }
}
