//! Processes (참여 과정) and proposals (혁신과제 제안): the inputs, validated
//! the same way in the browser and on the server (lengths in characters),
//! and what the UI and the API show.

use crate::error::{FieldError, FieldProblem};
use crate::text::{char_len, clean};
use serde::{Deserialize, Serialize};

/// A phase of a process, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PhaseKind {
    /// 제안 접수: proposals are published and supported.
    Intake,
    /// 숙의: discussion and supports continue; no new proposals.
    Deliberation,
    /// 심사
    Review,
    /// 선정
    Selection,
    /// 실행
    Execution,
}

impl PhaseKind {
    pub const ALL: [PhaseKind; 5] = [Self::Intake, Self::Deliberation, Self::Review, Self::Selection, Self::Execution];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Intake => "intake",
            Self::Deliberation => "deliberation",
            Self::Review => "review",
            Self::Selection => "selection",
            Self::Execution => "execution",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether new proposals may be published in this phase.
    pub fn accepts_proposals(self) -> bool {
        self == Self::Intake
    }

    /// Whether supports may be given or withdrawn in this phase.
    pub fn accepts_supports(self) -> bool {
        matches!(self, Self::Intake | Self::Deliberation)
    }
}

/// A proposal's status. See DESIGN.md §3 for the transitions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    Draft,
    Published,
    UnderReview,
    Shortlisted,
    Selected,
    InProgress,
    Completed,
    NotSelected,
    Withdrawn,
    Hidden,
}

impl ProposalStatus {
    pub const ALL: [ProposalStatus; 10] = [
        Self::Draft,
        Self::Published,
        Self::UnderReview,
        Self::Shortlisted,
        Self::Selected,
        Self::InProgress,
        Self::Completed,
        Self::NotSelected,
        Self::Withdrawn,
        Self::Hidden,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
            Self::UnderReview => "under_review",
            Self::Shortlisted => "shortlisted",
            Self::Selected => "selected",
            Self::InProgress => "in_progress",
            Self::Completed => "completed",
            Self::NotSelected => "not_selected",
            Self::Withdrawn => "withdrawn",
            Self::Hidden => "hidden",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Shown in public lists (not drafts, not hidden).
    pub fn is_public(self) -> bool {
        !matches!(self, Self::Draft | Self::Hidden)
    }

    /// Still collecting supports (the phase decides too).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Published | Self::UnderReview)
    }

    /// The statuses a process's admins may move a proposal to from this one,
    /// with an official answer (DESIGN.md §3). Drafts, withdrawals and hiding
    /// belong to the author and to moderation, so they are never here.
    pub fn official_next(self) -> &'static [ProposalStatus] {
        match self {
            Self::Published => &[Self::UnderReview],
            Self::UnderReview => &[Self::Shortlisted, Self::NotSelected, Self::Published],
            Self::Shortlisted => &[Self::Selected, Self::NotSelected],
            Self::Selected => &[Self::InProgress],
            Self::InProgress => &[Self::Completed],
            Self::Draft | Self::Completed | Self::NotSelected | Self::Withdrawn | Self::Hidden => &[],
        }
    }
}

/// One phase with its dates (RFC 3339, e.g. `2026-12-01T00:00:00+09:00`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhaseInput {
    pub kind: String,
    pub starts_at: String,
    pub ends_at: String,
}

/// A process as an admin submits it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcessInput {
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub area_code: Option<String>,
    #[serde(default)]
    pub region_code: Option<String>,
    /// Verification level needed to propose: `unverified` (default), `verified`, `official`.
    #[serde(default)]
    pub propose_level: Option<String>,
    /// Verification level needed to support.
    #[serde(default)]
    pub support_level: Option<String>,
    /// Supports that send a proposal to review (default 100).
    #[serde(default)]
    pub support_threshold: Option<u32>,
    /// Most proposals one person may support in this process (none: no limit).
    #[serde(default)]
    pub supports_per_person: Option<u32>,
    #[serde(default)]
    pub phases: Vec<PhaseInput>,
}

/// A phase as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhaseDto {
    pub kind: PhaseKind,
    pub starts_at: String,
    pub ends_at: String,
}

/// A process as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProcessDto {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub area_code: Option<String>,
    pub region_code: Option<String>,
    pub propose_level: crate::account::VerificationLevel,
    pub support_level: crate::account::VerificationLevel,
    pub support_threshold: u32,
    pub supports_per_person: Option<u32>,
    pub phases: Vec<PhaseDto>,
    /// The phase open now, if any.
    pub current_phase: Option<PhaseKind>,
    /// Public proposals in the process. The REST API's process list and
    /// detail give it; pages, which do not show it, leave it out (it costs a
    /// count over every proposal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposal_count: Option<u64>,
}

/// A proposal as its author submits it (draft or publish).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalInput {
    #[serde(default)]
    pub process_id: i64,
    #[serde(default)]
    pub title: String,
    /// 현황·문제점
    #[serde(default)]
    pub problem: String,
    /// 개선방안
    #[serde(default)]
    pub solution: String,
    /// 기대효과
    #[serde(default)]
    pub effect: String,
    /// `participation` | `public_service` | `work_practice`
    #[serde(default)]
    pub area_code: String,
    /// `national` or a 시·도 code.
    #[serde(default)]
    pub region_code: String,
    #[serde(default)]
    pub organisation_ids: Vec<i64>,
    /// Comma- or space-separated in forms; a list in JSON.
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A proposal whose fields passed the shared checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedProposal {
    pub title: String,
    pub problem: String,
    pub solution: String,
    pub effect: String,
    pub area_code: String,
    pub region_code: String,
    pub organisation_ids: Vec<i64>,
    pub tags: Vec<String>,
}

/// Length limits, in characters.
pub mod limits {
    pub const TITLE: (usize, usize) = (5, 100);
    pub const PROBLEM: (usize, usize) = (20, 5000);
    pub const SOLUTION: (usize, usize) = (20, 5000);
    pub const EFFECT: (usize, usize) = (10, 3000);
    pub const TAGS: usize = 5;
    pub const TAG: usize = 20;
    pub const ORGANISATIONS: usize = 10;
    /// An official answer to a status change.
    pub const ANSWER: usize = 5000;
}

fn check_text(errors: &mut Vec<FieldError>, field: &str, value: &str, (min, max): (usize, usize), single_line: bool) -> String {
    let v = clean(value);
    let len = char_len(&v);
    let err = |code, msg: String| FieldError::new(field, code, msg).with_limits(min, max);
    if len == 0 {
        errors.push(err(FieldProblem::Required, "This is required.".into()));
    } else if len < min {
        errors.push(err(FieldProblem::TooShort, format!("Write at least {min} characters.")));
    } else if len > max {
        errors.push(err(FieldProblem::TooLong, format!("Write at most {max} characters.")));
    } else if single_line && v.contains('\n') {
        errors.push(FieldError::new(field, FieldProblem::Invalid, "Use a single line."));
    }
    v
}

/// Splits a tag field: commas, spaces and `#` separate; duplicates dropped.
pub fn split_tags(raw: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for t in raw.split(|c: char| c == ',' || c.is_whitespace()).map(|t| t.trim_start_matches('#').trim().to_lowercase()) {
        if !t.is_empty() && !tags.contains(&t) {
            tags.push(t);
        }
    }
    tags
}

impl ProposalInput {
    /// Checks everything that needs no database; the server also checks that
    /// the area, region, process and organisations exist.
    pub fn check(&self) -> Result<CheckedProposal, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = check_text(&mut errors, "title", &self.title, limits::TITLE, true);
        let problem = check_text(&mut errors, "problem", &self.problem, limits::PROBLEM, false);
        let solution = check_text(&mut errors, "solution", &self.solution, limits::SOLUTION, false);
        let effect = check_text(&mut errors, "effect", &self.effect, limits::EFFECT, false);
        let area_code = self.area_code.trim().to_owned();
        if area_code.is_empty() {
            errors.push(FieldError::new("area_code", FieldProblem::Required, "Choose an area."));
        }
        let region_code = self.region_code.trim().to_owned();
        if region_code.is_empty() {
            errors.push(FieldError::new("region_code", FieldProblem::Required, "Choose a region (전국 for the whole country)."));
        }
        let mut tags = Vec::new();
        for t in self.tags.iter().flat_map(|t| split_tags(t)) {
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        if tags.len() > limits::TAGS {
            errors.push(FieldError::new("tags", FieldProblem::TooLong, "Use at most 5 tags.").with_limits(0, limits::TAGS));
        } else if tags.iter().any(|t| char_len(t) > limits::TAG) {
            errors.push(FieldError::new("tags", FieldProblem::TooLong, "Keep each tag to 20 characters.").with_limits(0, limits::TAG));
        }
        let mut organisation_ids = self.organisation_ids.clone();
        organisation_ids.sort_unstable();
        organisation_ids.dedup();
        if organisation_ids.len() > limits::ORGANISATIONS {
            errors.push(FieldError::new("organisation_ids", FieldProblem::TooLong, "Name at most 10 organisations."));
        }
        if errors.is_empty() {
            Ok(CheckedProposal { title, problem, solution, effect, area_code, region_code, organisation_ids, tags })
        } else {
            Err(errors)
        }
    }
}

/// Who wrote something, as the public sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthorDto {
    pub id: i64,
    /// The display name, or `탈퇴한 사용자` for a deleted account.
    pub name: String,
    pub deleted: bool,
}

/// An organisation named on a proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgRef {
    pub id: i64,
    pub name: String,
}

/// A proposal, in full.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalDto {
    pub id: i64,
    pub process_id: i64,
    pub author: AuthorDto,
    pub title: String,
    pub problem: String,
    pub solution: String,
    pub effect: String,
    pub area_code: String,
    pub region_code: String,
    pub organisations: Vec<OrgRef>,
    pub tags: Vec<String>,
    pub status: ProposalStatus,
    /// Exact (summed from the counter rows).
    pub support_count: u64,
    pub comment_count: u64,
    pub version: i32,
    pub published_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Whether the person asking supports it (absent when not signed in).
    pub supported_by_me: Option<bool>,
    /// Whether the person asking may still edit it in place.
    pub editable: bool,
}

/// A proposal in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalSummary {
    pub id: i64,
    pub process_id: i64,
    pub title: String,
    /// The start of the problem statement.
    pub excerpt: String,
    pub author_name: String,
    pub area_code: String,
    pub region_code: String,
    pub status: ProposalStatus,
    pub support_count: u64,
    pub comment_count: u64,
    pub tags: Vec<String>,
    pub published_at: Option<String>,
}

/// One page of a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalPage {
    pub items: Vec<ProposalSummary>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
    /// How many proposals match, in all.
    pub total: u64,
}

/// List filters and order (the query string of `/proposals` and the API).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ProposalQuery {
    pub process: Option<i64>,
    pub area: Option<String>,
    pub region: Option<String>,
    pub status: Option<String>,
    pub organisation: Option<i64>,
    pub tag: Option<String>,
    /// Search words (Korean-aware).
    pub q: Option<String>,
    /// `newest` (default), `most_supported`, `most_discussed`, `random`.
    pub sort: Option<String>,
    /// Seed for `random`, so a visitor's order is stable across pages.
    pub seed: Option<u32>,
    pub cursor: Option<String>,
    /// 1–100, default 20.
    pub limit: Option<u32>,
}

/// An entry of a proposal's public timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalEventDto {
    pub kind: String,
    pub from_status: Option<ProposalStatus>,
    pub to_status: Option<ProposalStatus>,
    pub answer: Option<String>,
    pub created_at: String,
    /// For `meeting_minutes` entries: the meeting whose published minutes
    /// recorded a decision on the proposal (`answer` holds the decisions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_title: Option<String>,
}

/// An official status change (admins of the proposal's process), with an
/// optional public answer shown on the timeline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChangeInput {
    /// The new status, e.g. `under_review`, `shortlisted`, `selected`.
    #[serde(default)]
    pub status: String,
    /// The official answer (공식 답변), at most 5,000 characters.
    #[serde(default)]
    pub answer: Option<String>,
}

impl StatusChangeInput {
    /// The status asked for and the answer (trimmed; none if empty). Whether
    /// the change is allowed from the current status is the server's call.
    pub fn check(&self) -> Result<(ProposalStatus, Option<String>), Vec<FieldError>> {
        let mut errors = Vec::new();
        let status = match self.status.trim() {
            "" => {
                errors.push(FieldError::new("status", FieldProblem::Required, "Choose the new status."));
                None
            }
            s => {
                let parsed = ProposalStatus::parse(s);
                if parsed.is_none() {
                    errors.push(FieldError::new("status", FieldProblem::Invalid, "Unknown status."));
                }
                parsed
            }
        };
        let answer = self.answer.as_deref().map(clean).filter(|a| !a.is_empty());
        if let Some(a) = &answer
            && char_len(a) > limits::ANSWER
        {
            errors.push(FieldError::new("answer", FieldProblem::TooLong, "Write at most 5,000 characters.").with_limits(0, limits::ANSWER));
        }
        match status {
            Some(status) if errors.is_empty() => Ok((status, answer)),
            _ => Err(errors),
        }
    }
}

/// The answer to supporting or withdrawing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportState {
    pub supported: bool,
    pub support_count: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ProposalInput {
        ProposalInput {
            process_id: 1,
            title: "청년 일자리 정보 한곳에".into(),
            problem: "청년일자리 정보가 부처마다 흩어져 있어 찾기 어렵습니다.".into(),
            solution: "부처별 청년 일자리 정보를 한 누리집에서 모아 보여 줍니다.".into(),
            effect: "찾는 시간이 줄어듭니다.".into(),
            area_code: "public_service".into(),
            region_code: "national".into(),
            organisation_ids: vec![3, 1, 3],
            tags: vec!["#청년, 일자리 청년".into()],
        }
    }

    #[test]
    fn a_good_proposal_passes_and_is_tidied() {
        let p = valid().check().unwrap();
        assert_eq!(p.tags, ["청년", "일자리"]);
        assert_eq!(p.organisation_ids, [1, 3]);
    }

    #[test]
    fn every_problem_is_reported_with_character_limits() {
        let mut input = valid();
        input.title = "짧다".into();
        input.problem = "가".repeat(5001);
        input.area_code = "".into();
        input.tags = vec!["a b c d e f".into()];
        let fields: Vec<_> = input.check().unwrap_err().into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            fields,
            [
                ("title".to_owned(), FieldProblem::TooShort),
                ("problem".to_owned(), FieldProblem::TooLong),
                ("area_code".to_owned(), FieldProblem::Required),
                ("tags".to_owned(), FieldProblem::TooLong),
            ]
        );
    }

    #[test]
    fn official_changes_follow_the_review_path_and_never_reach_the_side_exits_of_others() {
        use ProposalStatus::*;
        assert_eq!(Published.official_next(), [UnderReview]);
        assert_eq!(UnderReview.official_next(), [Shortlisted, NotSelected, Published]);
        assert_eq!(Shortlisted.official_next(), [Selected, NotSelected]);
        assert_eq!(Selected.official_next(), [InProgress]);
        assert_eq!(InProgress.official_next(), [Completed]);
        for s in ProposalStatus::ALL {
            assert!(!s.official_next().iter().any(|n| matches!(n, Draft | Withdrawn | Hidden)), "{s:?}");
        }
        for end in [Draft, Completed, NotSelected, Withdrawn, Hidden] {
            assert!(end.official_next().is_empty(), "{end:?}");
        }
    }

    #[test]
    fn a_status_change_needs_a_known_status_and_a_short_enough_answer() {
        let ok = StatusChangeInput { status: " shortlisted ".into(), answer: Some("  검토 결과 후보로 선정했습니다. \r\n".into()) };
        assert_eq!(ok.check(), Ok((ProposalStatus::Shortlisted, Some("검토 결과 후보로 선정했습니다.".to_owned()))));
        let blank = StatusChangeInput { status: "selected".into(), answer: Some("   ".into()) };
        assert_eq!(blank.check(), Ok((ProposalStatus::Selected, None)));
        let bad = StatusChangeInput { status: "approved".into(), answer: Some("가".repeat(5001)) };
        let fields: Vec<_> = bad.check().unwrap_err().into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(fields, [("status".to_owned(), FieldProblem::Invalid), ("answer".to_owned(), FieldProblem::TooLong)]);
        let exactly = StatusChangeInput { status: "selected".into(), answer: Some("가".repeat(5000)) };
        assert!(exactly.check().is_ok());
        assert_eq!(StatusChangeInput::default().check().unwrap_err()[0].code, FieldProblem::Required);
    }

    #[test]
    fn phases_accept_what_they_should() {
        assert!(PhaseKind::Intake.accepts_proposals() && PhaseKind::Intake.accepts_supports());
        assert!(!PhaseKind::Deliberation.accepts_proposals() && PhaseKind::Deliberation.accepts_supports());
        assert!(!PhaseKind::Review.accepts_supports());
        for s in ProposalStatus::ALL {
            assert_eq!(ProposalStatus::parse(s.as_str()), Some(s));
        }
    }
}
