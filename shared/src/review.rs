//! Committee review (심사): committees, review rounds with a rubric,
//! assignments, conflicts of interest, score sheets, the ranking and the
//! decisions, and the public report. Inputs are checked here, the same way in
//! the browser and on the server; the aggregation math lives here too so the
//! ranking table and the report compute nothing of their own.
//!
//! The scoring model (DESIGN.md §3, 국민생각함's staged model: internal →
//! expert → public preference → combined):
//!
//! 1. A reviewer's **total** for a proposal is the weighted mean of their
//!    criterion scores, each first put on a 0–100 scale
//!    (`(score - min) / (max - min) * 100`), weighted by the criteria's weights.
//! 2. The **committee score** combines the submitted totals of the proposal's
//!    reviewers by the round's method:
//!    - `mean`: the plain mean;
//!    - `trimmed_mean`: with three or more totals, the single highest and the
//!      single lowest are dropped first (as in judged sports); with fewer, the mean;
//!    - `z_score`: each total becomes its reviewer's z-score
//!      (`(total - reviewer's mean) / reviewer's standard deviation`, over all
//!      the totals that reviewer submitted in the round; 0 when the reviewer's
//!      totals do not vary), the z-scores are averaged, and the average is put
//!      on the 0–100 scale as a T-score `50 + 10·z`, clamped to 0–100. This
//!      cancels harsh and generous reviewers.
//! 3. The **public score** is the proposal's supports relative to the most
//!    supported proposal of the round: `100 · supports / max supports`
//!    (0 for all when nobody supported any).
//! 4. The **combined score** is `(1 - w) · committee + w · public`, where `w`
//!    is the round's public weight (e.g. 30 %).
//!
//! Ties and order: by combined score (descending), then committee score,
//! then supports, then the earlier proposal (smaller id). Proposals nobody
//! has scored yet come last, in that same order by supports and id.
//! Reviewers **disagree** on a proposal when the range of their totals
//! (highest − lowest) is at least [`DISAGREEMENT_RANGE`] points.

use crate::checks::{check_optional_text, check_text};
use crate::error::{FieldError, FieldProblem};
use crate::participation::{AuthorDto, OrgRef, ProposalStatus};
use serde::{Deserialize, Serialize};

/// The range of reviewers' totals (on 0–100) from which a proposal is flagged.
pub const DISAGREEMENT_RANGE: f64 = 25.0;

/// Length limits, in characters.
pub mod limits {
    pub const NAME: (usize, usize) = (2, 100);
    pub const DESCRIPTION: usize = 5_000;
    pub const CRITERION_NAME: (usize, usize) = (1, 60);
    pub const COMMENT: usize = 3_000;
    pub const RATIONALE: (usize, usize) = (5, 5_000);
    pub const REASON: (usize, usize) = (5, 1_000);
    pub const CRITERIA: usize = 12;
}

/// What kind of member sits on a committee.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MemberKind {
    /// 전문가
    #[default]
    Expert,
    /// 민간위원
    Civilian,
    /// 공무원
    Official,
}

impl MemberKind {
    pub const ALL: [MemberKind; 3] = [Self::Expert, Self::Civilian, Self::Official];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Expert => "expert",
            Self::Civilian => "civilian",
            Self::Official => "official",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How reviewers' totals become one committee score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    #[default]
    Mean,
    TrimmedMean,
    ZScore,
}

impl Aggregation {
    pub const ALL: [Aggregation; 3] = [Self::Mean, Self::TrimmedMean, Self::ZScore];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mean => "mean",
            Self::TrimmedMean => "trimmed_mean",
            Self::ZScore => "z_score",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a round is: being prepared (editable), open for scoring, closed
/// (scores frozen, report public).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RoundState {
    #[default]
    Draft,
    Open,
    Closed,
}

impl RoundState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Open => "open",
            Self::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Draft, Self::Open, Self::Closed].into_iter().find(|k| k.as_str() == s)
    }
}

/// A committee's decision on a proposal (changes the proposal's status).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Shortlisted,
    Selected,
    NotSelected,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Self::Shortlisted, Self::Selected, Self::NotSelected];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Shortlisted => "shortlisted",
            Self::Selected => "selected",
            Self::NotSelected => "not_selected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The proposal status the decision gives.
    pub fn status(self) -> ProposalStatus {
        match self {
            Self::Shortlisted => ProposalStatus::Shortlisted,
            Self::Selected => ProposalStatus::Selected,
            Self::NotSelected => ProposalStatus::NotSelected,
        }
    }

    /// The proposal statuses the decision can be taken from: shortlisting
    /// from published or under review, selecting only a shortlisted proposal,
    /// not selecting from any of the three.
    pub fn allowed_from(self) -> &'static [ProposalStatus] {
        match self {
            Self::Shortlisted => &[ProposalStatus::Published, ProposalStatus::UnderReview],
            Self::Selected => &[ProposalStatus::Shortlisted],
            Self::NotSelected => &[ProposalStatus::Published, ProposalStatus::UnderReview, ProposalStatus::Shortlisted],
        }
    }
}

// ---------------------------------------------------------------------------
// Committees

/// A member as given by an admin.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitteeMemberInput {
    /// The member's account number; or give `email` instead.
    #[serde(default)]
    pub user_id: i64,
    /// The member's sign-in e-mail address (exact), when `user_id` is not given.
    #[serde(default)]
    pub email: Option<String>,
    /// `expert` (default), `civilian` or `official`.
    #[serde(default)]
    pub kind: Option<String>,
    /// The organisation the member sits for (used to detect conflicts).
    #[serde(default)]
    pub organisation_id: Option<i64>,
    /// Chairs decide (shortlist, select) and follow progress.
    #[serde(default)]
    pub chair: bool,
}

/// A committee (심사위원회) for a process, with its members.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitteeInput {
    pub process_id: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The whole membership (replaces the previous one on update).
    #[serde(default)]
    pub members: Vec<CommitteeMemberInput>,
}

/// A checked committee.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedCommittee {
    pub process_id: i64,
    pub name: String,
    pub description: String,
    pub members: Vec<(i64, MemberKind, Option<i64>, bool)>,
}

impl CommitteeInput {
    /// Name 2–100 characters, description up to 5,000, members listed once
    /// each with a known kind, and at least one chair when there are members.
    pub fn check(&self) -> Result<CheckedCommittee, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = check_text("name", &self.name, limits::NAME, &mut errors);
        let description = check_optional_text("description", &self.description, limits::DESCRIPTION, &mut errors);
        let mut members: Vec<(i64, MemberKind, Option<i64>, bool)> = Vec::new();
        for m in &self.members {
            let kind = match m.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
                None => Some(MemberKind::Expert),
                Some(k) => MemberKind::parse(k),
            };
            let Some(kind) = kind else {
                errors.push(FieldError::new("members", FieldProblem::Invalid, "A member's kind is expert, civilian or official."));
                continue;
            };
            if members.iter().any(|(id, ..)| *id == m.user_id) {
                errors.push(FieldError::new("members", FieldProblem::Invalid, "Each person can be listed only once."));
                continue;
            }
            members.push((m.user_id, kind, m.organisation_id, m.chair));
        }
        if !members.is_empty() && !members.iter().any(|m| m.3) {
            errors.push(FieldError::new("members", FieldProblem::Required, "Name a chair among the members."));
        }
        if errors.is_empty() {
            Ok(CheckedCommittee { process_id: self.process_id, name, description, members })
        } else {
            Err(errors)
        }
    }
}

/// A committee member as shown to admins and members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitteeMemberDto {
    pub user_id: i64,
    pub display_name: String,
    pub kind: MemberKind,
    pub organisation: Option<OrgRef>,
    pub chair: bool,
}

/// A committee.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitteeDto {
    pub id: i64,
    pub process_id: i64,
    pub process_title: String,
    pub name: String,
    pub description: String,
    pub members: Vec<CommitteeMemberDto>,
    pub rounds: Vec<RoundSummary>,
}

// ---------------------------------------------------------------------------
// Rounds

/// A criterion of the rubric as given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CriterionInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// A relative weight, 1–100 (e.g. 30, 30, 20, 20).
    pub weight: u32,
    /// The scale's lowest and highest scores (default 1–5).
    #[serde(default)]
    pub scale_min: Option<i32>,
    #[serde(default)]
    pub scale_max: Option<i32>,
}

/// Which proposals of the process a round reviews. `proposal_ids`, when not
/// empty, hand-picks them (they must be public proposals of the process);
/// otherwise every public proposal matching all the given filters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Eligibility {
    /// Statuses to include; empty means published and under review.
    #[serde(default)]
    pub statuses: Vec<ProposalStatus>,
    #[serde(default)]
    pub min_supports: Option<u32>,
    #[serde(default)]
    pub area_code: Option<String>,
    #[serde(default)]
    pub region_code: Option<String>,
    #[serde(default)]
    pub proposal_ids: Vec<i64>,
}

impl Eligibility {
    /// The statuses that count: as given, or published and under review.
    pub fn effective_statuses(&self) -> Vec<ProposalStatus> {
        if self.statuses.is_empty() { vec![ProposalStatus::Published, ProposalStatus::UnderReview] } else { self.statuses.clone() }
    }
}

/// A review round as given by an admin (create, or change while in preparation).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundInput {
    pub committee_id: i64,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub eligibility: Eligibility,
    #[serde(default)]
    pub criteria: Vec<CriterionInput>,
    /// Reviewers per proposal, assigned evenly; none means every member.
    #[serde(default)]
    pub reviewers_per_proposal: Option<u32>,
    /// RFC 3339, e.g. `2026-12-20T18:00:00+09:00`.
    #[serde(default)]
    pub deadline: String,
    /// Hide the proposer's identity and organisations from reviewers.
    #[serde(default)]
    pub blind: bool,
    /// The public-preference share of the combined score, 0–100 (%).
    #[serde(default)]
    pub public_weight: u32,
    /// `mean` (default), `trimmed_mean` or `z_score`.
    #[serde(default)]
    pub aggregation: Option<String>,
}

/// A checked criterion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedCriterion {
    pub name: String,
    pub description: String,
    pub weight: u32,
    pub scale_min: i32,
    pub scale_max: i32,
}

/// A checked round (the deadline is checked by the server, which parses time).
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedRound {
    pub committee_id: i64,
    pub title: String,
    pub description: String,
    pub eligibility: Eligibility,
    pub criteria: Vec<CheckedCriterion>,
    pub reviewers_per_proposal: Option<u32>,
    pub deadline: String,
    pub blind: bool,
    pub public_weight: u32,
    pub aggregation: Aggregation,
}

impl RoundInput {
    /// Title 2–100 characters; 1–12 criteria, each named (unique), weighted
    /// 1–100, with a scale of at least two points within −100..=100;
    /// reviewers per proposal 1–50 when given; public weight 0–100;
    /// a known aggregation; a deadline given.
    pub fn check(&self) -> Result<CheckedRound, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = check_text("title", &self.title, limits::NAME, &mut errors);
        let description = check_optional_text("description", &self.description, limits::DESCRIPTION, &mut errors);
        let mut criteria: Vec<CheckedCriterion> = Vec::new();
        if self.criteria.is_empty() {
            errors.push(FieldError::new("criteria", FieldProblem::Required, "Give at least one criterion."));
        } else if self.criteria.len() > limits::CRITERIA {
            errors.push(FieldError::new("criteria", FieldProblem::TooLong, "Give at most 12 criteria.").with_limits(1, limits::CRITERIA));
        }
        for (i, c) in self.criteria.iter().enumerate() {
            let field = format!("criteria[{i}]");
            let mut own = Vec::new();
            let name = check_text(&field, &c.name, limits::CRITERION_NAME, &mut own);
            let description = check_optional_text(&field, &c.description, 500, &mut own);
            let (scale_min, scale_max) = (c.scale_min.unwrap_or(1), c.scale_max.unwrap_or(5));
            if !(1..=100).contains(&c.weight) {
                own.push(FieldError::new(&field, FieldProblem::Invalid, "A weight is a whole number from 1 to 100."));
            }
            if scale_min >= scale_max || scale_min < -100 || scale_max > 100 {
                own.push(FieldError::new(&field, FieldProblem::Invalid, "A scale goes from a lower to a higher score, within -100 and 100."));
            }
            if own.is_empty() && criteria.iter().any(|k| k.name == name) {
                own.push(FieldError::new(&field, FieldProblem::Invalid, "Two criteria have the same name."));
            }
            if own.is_empty() {
                criteria.push(CheckedCriterion { name, description, weight: c.weight, scale_min, scale_max });
            }
            errors.extend(own);
        }
        if let Some(n) = self.reviewers_per_proposal
            && !(1..=50).contains(&n)
        {
            errors.push(FieldError::new("reviewers_per_proposal", FieldProblem::Invalid, "Reviewers per proposal is from 1 to 50, or empty for every member."));
        }
        if self.public_weight > 100 {
            errors.push(FieldError::new("public_weight", FieldProblem::Invalid, "The public weight is a percentage from 0 to 100."));
        }
        let aggregation = match self.aggregation.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            None => Some(Aggregation::Mean),
            Some(a) => Aggregation::parse(a),
        };
        if aggregation.is_none() {
            errors.push(FieldError::new("aggregation", FieldProblem::Invalid, "The method is mean, trimmed_mean or z_score."));
        }
        let deadline = self.deadline.trim().to_owned();
        if deadline.is_empty() {
            errors.push(FieldError::new("deadline", FieldProblem::Required, "Give the deadline for scores."));
        }
        if let Some(min) = self.eligibility.min_supports
            && min > 100_000_000
        {
            errors.push(FieldError::new("min_supports", FieldProblem::Invalid, "The minimum of supports is too large."));
        }
        if self.eligibility.proposal_ids.len() > 1_000 {
            errors.push(FieldError::new("proposal_ids", FieldProblem::TooLong, "Hand-pick at most 1,000 proposals.").with_limits(0, 1_000));
        }
        match aggregation {
            Some(aggregation) if errors.is_empty() => Ok(CheckedRound {
                committee_id: self.committee_id,
                title,
                description,
                eligibility: self.eligibility.clone(),
                criteria,
                reviewers_per_proposal: self.reviewers_per_proposal,
                deadline,
                blind: self.blind,
                public_weight: self.public_weight,
                aggregation,
            }),
            _ => Err(errors),
        }
    }
}

/// A criterion as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CriterionDto {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub weight: u32,
    pub scale_min: i32,
    pub scale_max: i32,
}

/// A round in lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundSummary {
    pub id: i64,
    pub title: String,
    pub state: RoundState,
    pub deadline: String,
    pub proposal_count: u64,
}

/// What the person asking may do in a round (the UI mirrors it; the server decides).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundAccess {
    /// A member of the round's committee (scores their assignments).
    pub member: bool,
    /// A chair (decides, follows progress, sends reminders, closes).
    pub chair: bool,
    /// May change the round while in preparation and open it (admins of the process).
    pub manage: bool,
    /// May see the ranking now.
    pub ranking: bool,
}

/// A round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoundDto {
    pub id: i64,
    pub committee_id: i64,
    pub committee_name: String,
    pub process_id: i64,
    pub process_title: String,
    pub title: String,
    pub description: String,
    pub state: RoundState,
    pub eligibility: Eligibility,
    pub criteria: Vec<CriterionDto>,
    pub reviewers_per_proposal: Option<u32>,
    pub deadline: String,
    pub blind: bool,
    pub public_weight: u32,
    pub aggregation: Aggregation,
    pub proposal_count: u64,
    pub opened_at: Option<String>,
    pub closed_at: Option<String>,
    pub access: RoundAccess,
}

// ---------------------------------------------------------------------------
// Assignments, conflicts, sheets

/// Where a reviewer's sheet for a proposal is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SheetState {
    #[default]
    NotStarted,
    Draft,
    Submitted,
}

impl SheetState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotStarted => "not_started",
            Self::Draft => "draft",
            Self::Submitted => "submitted",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::NotStarted, Self::Draft, Self::Submitted].into_iter().find(|k| k.as_str() == s)
    }
}

/// One proposal in a reviewer's queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueItem {
    pub proposal_id: i64,
    pub title: String,
    pub state: SheetState,
    pub updated_at: Option<String>,
}

/// A reviewer's queue with their progress.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueDto {
    pub round_id: i64,
    pub items: Vec<QueueItem>,
    pub submitted: u64,
    pub total: u64,
}

/// One assignment (who reviews what).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentDto {
    pub proposal_id: i64,
    pub reviewer_id: i64,
    pub reviewer_name: String,
    pub state: SheetState,
}

/// A conflict-of-interest declaration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConflictDto {
    pub proposal_id: i64,
    pub proposal_title: String,
    pub reviewer_id: i64,
    pub reviewer_name: String,
    /// `automatic` (same organisation as the proposer or a collaborating
    /// organisation) or `declared` (by the reviewer).
    pub source: String,
    pub reason: String,
    pub created_at: String,
}

/// A reviewer's declaration of a conflict of interest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConflictInput {
    pub proposal_id: i64,
    #[serde(default)]
    pub reason: String,
}

impl ConflictInput {
    /// The reason, 5–1,000 characters.
    pub fn check(&self) -> Result<String, Vec<FieldError>> {
        let mut errors = Vec::new();
        let reason = check_text("reason", &self.reason, limits::REASON, &mut errors);
        if errors.is_empty() { Ok(reason) } else { Err(errors) }
    }
}

/// One criterion's score on a sheet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreInput {
    pub criterion_id: i64,
    /// Within the criterion's scale; may be empty on a draft.
    #[serde(default)]
    pub score: Option<i32>,
    #[serde(default)]
    pub comment: String,
}

/// A reviewer's sheet for one proposal, saved as a draft or submitted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetInput {
    #[serde(default)]
    pub scores: Vec<ScoreInput>,
    /// An overall comment.
    #[serde(default)]
    pub comment: String,
    /// Submit (every criterion must be scored) rather than save a draft.
    #[serde(default)]
    pub submit: bool,
}

impl SheetInput {
    /// Checks the sheet against the round's criteria: known criteria, each
    /// once, scores within their scale, comments up to 3,000 characters;
    /// when submitting, every criterion scored. Returns the scores in the
    /// criteria's order (none where not scored) and the overall comment.
    pub fn check(&self, criteria: &[CriterionDto]) -> Result<CheckedSheet, Vec<FieldError>> {
        let mut errors = Vec::new();
        for s in &self.scores {
            if !criteria.iter().any(|c| c.id == s.criterion_id) {
                errors.push(FieldError::new("scores", FieldProblem::Invalid, "A score names a criterion this round does not have."));
            }
            if self.scores.iter().filter(|o| o.criterion_id == s.criterion_id).count() > 1 {
                errors.push(FieldError::new("scores", FieldProblem::Invalid, "A criterion is scored twice."));
                break;
            }
        }
        let mut out = Vec::new();
        for c in criteria {
            let field = format!("score_{}", c.id);
            let given = self.scores.iter().find(|s| s.criterion_id == c.id);
            let score = given.and_then(|s| s.score);
            if let Some(v) = score
                && !(c.scale_min..=c.scale_max).contains(&v)
            {
                errors.push(FieldError::new(&field, FieldProblem::Invalid, format!("Score {} from {} to {}.", c.name, c.scale_min, c.scale_max)));
            }
            if self.submit && score.is_none() {
                errors.push(FieldError::new(&field, FieldProblem::Required, format!("Score {} before submitting.", c.name)));
            }
            let comment = check_optional_text(&format!("comment_{}", c.id), given.map_or("", |s| s.comment.as_str()), limits::COMMENT, &mut errors);
            out.push((c.id, score, comment));
        }
        let comment = check_optional_text("comment", &self.comment, limits::COMMENT, &mut errors);
        if errors.is_empty() { Ok((out, comment)) } else { Err(errors) }
    }
}

/// A checked sheet: per criterion (in the round's order) its id, score (none
/// where not scored yet) and comment; then the overall comment.
pub type CheckedSheet = (Vec<(i64, Option<i32>, String)>, String);

/// One criterion's score as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreDto {
    pub criterion_id: i64,
    pub score: Option<i32>,
    pub comment: String,
}

/// A submitted version of a sheet (its history).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetVersionDto {
    pub version: u32,
    pub scores: Vec<ScoreDto>,
    pub comment: String,
    pub total: f64,
    pub submitted_at: String,
}

/// A reviewer's sheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetDto {
    pub round_id: i64,
    pub proposal_id: i64,
    pub reviewer_id: i64,
    pub state: SheetState,
    pub scores: Vec<ScoreDto>,
    pub comment: String,
    /// The weighted total on 0–100, when every criterion is scored.
    pub total: Option<f64>,
    pub updated_at: Option<String>,
    pub submitted_at: Option<String>,
    /// Earlier submitted versions, newest first.
    pub history: Vec<SheetVersionDto>,
}

/// Another reviewer's submitted sheet (seen only after submitting one's own).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeerSheetDto {
    pub reviewer_id: i64,
    pub reviewer_name: String,
    pub scores: Vec<ScoreDto>,
    pub comment: String,
    pub total: f64,
    pub submitted_at: String,
}

/// A proposal as a reviewer sees it (blind rounds leave out who proposed it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewProposalDto {
    pub round_id: i64,
    pub proposal_id: i64,
    pub title: String,
    pub problem: String,
    pub solution: String,
    pub effect: String,
    pub area_code: String,
    pub region_code: String,
    pub tags: Vec<String>,
    pub support_count: u64,
    pub status: ProposalStatus,
    /// None in a blind round.
    pub author: Option<AuthorDto>,
    /// Empty in a blind round.
    pub organisations: Vec<OrgRef>,
    pub blind: bool,
    /// The person asking is assigned to score it.
    pub assigned: bool,
    /// The person asking has a conflict of interest with it.
    pub conflicted: bool,
}

/// A message of the committee's private discussion on a proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiscussionMessageDto {
    pub id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub body: String,
    pub created_at: String,
}

/// A new discussion message.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiscussionInput {
    #[serde(default)]
    pub body: String,
}

impl DiscussionInput {
    /// The message, 1–3,000 characters.
    pub fn check(&self) -> Result<String, Vec<FieldError>> {
        let mut errors = Vec::new();
        let body = check_text("body", &self.body, (1, limits::COMMENT), &mut errors);
        if errors.is_empty() { Ok(body) } else { Err(errors) }
    }
}

/// Progress per reviewer (for the chair).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewerProgress {
    pub reviewer_id: i64,
    pub reviewer_name: String,
    pub assigned: u64,
    pub drafts: u64,
    pub submitted: u64,
    pub conflicts: u64,
}

/// Progress per proposal (for the chair).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalProgress {
    pub proposal_id: i64,
    pub title: String,
    pub reviewers: u64,
    pub submitted: u64,
    pub conflicts: u64,
}

/// The chair's view of a round's progress.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressDto {
    pub round_id: i64,
    pub reviewers: Vec<ReviewerProgress>,
    pub proposals: Vec<ProposalProgress>,
    pub assignments: Vec<AssignmentDto>,
    pub conflicts: Vec<ConflictDto>,
    pub submitted: u64,
    pub total: u64,
}

/// How many reviewers a reminder reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderReceipt {
    pub reminded: u64,
}

// ---------------------------------------------------------------------------
// Ranking and decisions

/// A decision as given by the chair.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionInput {
    pub proposal_id: i64,
    /// `shortlisted`, `selected` or `not_selected`.
    #[serde(default)]
    pub decision: String,
    /// The public rationale (5–5,000 characters), shown on the proposal's timeline.
    #[serde(default)]
    pub rationale: String,
}

impl DecisionInput {
    pub fn check(&self) -> Result<(Decision, String), Vec<FieldError>> {
        let mut errors = Vec::new();
        let decision = Decision::parse(self.decision.trim());
        if decision.is_none() {
            errors.push(FieldError::new("decision", FieldProblem::Invalid, "The decision is shortlisted, selected or not_selected."));
        }
        let rationale = check_text("rationale", &self.rationale, limits::RATIONALE, &mut errors);
        match decision {
            Some(d) if errors.is_empty() => Ok((d, rationale)),
            _ => Err(errors),
        }
    }
}

/// A change of a decision's rationale (the decision itself stays).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RationaleInput {
    #[serde(default)]
    pub rationale: String,
}

impl RationaleInput {
    pub fn check(&self) -> Result<String, Vec<FieldError>> {
        let mut errors = Vec::new();
        let rationale = check_text("rationale", &self.rationale, limits::RATIONALE, &mut errors);
        if errors.is_empty() { Ok(rationale) } else { Err(errors) }
    }
}

/// A decision as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionDto {
    pub proposal_id: i64,
    pub proposal_title: String,
    pub decision: Decision,
    pub rationale: String,
    pub decided_at: String,
}

/// One row of the ranking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RankingRow {
    /// 1-based; proposals nobody scored have none.
    pub rank: Option<u32>,
    pub proposal_id: i64,
    pub title: String,
    pub status: ProposalStatus,
    pub supports: u64,
    /// Submitted totals (0–100), lowest first, without who gave them. Empty
    /// for a member with a conflict of interest on this proposal.
    pub totals: Vec<f64>,
    pub committee: Option<f64>,
    pub public: f64,
    pub combined: Option<f64>,
    pub disagreement: bool,
    /// The member asking has a conflict with it (scores hidden; cannot decide).
    pub conflicted: bool,
    pub decision: Option<Decision>,
    pub rationale: Option<String>,
}

/// The committee's ranking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RankingDto {
    pub round_id: i64,
    pub aggregation: Aggregation,
    pub public_weight: u32,
    pub rows: Vec<RankingRow>,
}

/// One row of the public report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportRow {
    pub rank: Option<u32>,
    pub proposal_id: i64,
    pub title: String,
    pub supports: u64,
    pub reviewers: u64,
    pub committee: Option<f64>,
    pub public: f64,
    pub combined: Option<f64>,
    pub decision: Option<Decision>,
    pub rationale: Option<String>,
}

/// The public report of a closed round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportDto {
    pub round: RoundDto,
    pub rows: Vec<ReportRow>,
    pub conflicts: Vec<ConflictDto>,
    pub decisions: Vec<DecisionDto>,
}

// ---------------------------------------------------------------------------
// The math

/// A criterion's weight and scale, for totals.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    pub weight: f64,
    pub min: f64,
    pub max: f64,
}

/// A reviewer's weighted total on 0–100, or none unless every criterion is
/// scored. `scores` are in the order of `scales`.
pub fn sheet_total(scales: &[Scale], scores: &[Option<i32>]) -> Option<f64> {
    if scales.is_empty() || scales.len() != scores.len() {
        return None;
    }
    let weights: f64 = scales.iter().map(|s| s.weight).sum();
    if weights <= 0.0 {
        return None;
    }
    let mut sum = 0.0;
    for (s, v) in scales.iter().zip(scores) {
        let v = f64::from((*v)?);
        sum += s.weight * (v - s.min) / (s.max - s.min) * 100.0;
    }
    Some(sum / weights)
}

fn mean(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() { None } else { Some(xs.iter().sum::<f64>() / xs.len() as f64) }
}

/// Population standard deviation.
fn std_dev(xs: &[f64]) -> Option<f64> {
    let m = mean(xs)?;
    Some((xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / xs.len() as f64).sqrt())
}

/// One submitted total: who gave it, to which proposal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Total {
    pub reviewer_id: i64,
    pub proposal_id: i64,
    pub total: f64,
}

/// A proposal to rank: its id and supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub proposal_id: i64,
    pub supports: u64,
}

/// A ranked proposal.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    pub proposal_id: i64,
    pub rank: Option<u32>,
    pub supports: u64,
    /// Its submitted totals, lowest first.
    pub totals: Vec<f64>,
    pub committee: Option<f64>,
    pub public: f64,
    pub combined: Option<f64>,
    pub disagreement: bool,
}

/// The committee score of each proposal from all submitted totals of the round.
pub fn committee_scores(method: Aggregation, totals: &[Total]) -> Vec<(i64, f64)> {
    let mut proposals: Vec<i64> = totals.iter().map(|t| t.proposal_id).collect();
    proposals.sort_unstable();
    proposals.dedup();
    // Per reviewer mean and deviation, for z-scores.
    let reviewer_stats = |reviewer: i64| {
        let theirs: Vec<f64> = totals.iter().filter(|t| t.reviewer_id == reviewer).map(|t| t.total).collect();
        (mean(&theirs).unwrap_or(0.0), std_dev(&theirs).unwrap_or(0.0))
    };
    proposals
        .into_iter()
        .filter_map(|p| {
            let mut mine: Vec<&Total> = totals.iter().filter(|t| t.proposal_id == p).collect();
            mine.sort_by(|a, b| a.total.total_cmp(&b.total));
            let values: Vec<f64> = mine.iter().map(|t| t.total).collect();
            let score = match method {
                Aggregation::Mean => mean(&values)?,
                Aggregation::TrimmedMean if values.len() >= 3 => mean(&values[1..values.len() - 1])?,
                Aggregation::TrimmedMean => mean(&values)?,
                Aggregation::ZScore => {
                    let zs: Vec<f64> = mine
                        .iter()
                        .map(|t| {
                            let (m, sd) = reviewer_stats(t.reviewer_id);
                            if sd > 1e-9 { (t.total - m) / sd } else { 0.0 }
                        })
                        .collect();
                    (50.0 + 10.0 * mean(&zs)?).clamp(0.0, 100.0)
                }
            };
            Some((p, score))
        })
        .collect()
}

/// Ranks the round's proposals (see the module documentation for the rules).
/// `public_weight` is a percentage (0–100).
pub fn rank(method: Aggregation, public_weight: u32, entries: &[Entry], totals: &[Total]) -> Vec<Ranked> {
    let w = f64::from(public_weight.min(100)) / 100.0;
    let max_supports = entries.iter().map(|e| e.supports).max().unwrap_or(0);
    let committee = committee_scores(method, totals);
    let mut rows: Vec<Ranked> = entries
        .iter()
        .map(|e| {
            let mut own: Vec<f64> = totals.iter().filter(|t| t.proposal_id == e.proposal_id).map(|t| t.total).collect();
            own.sort_by(f64::total_cmp);
            let c = committee.iter().find(|(p, _)| *p == e.proposal_id).map(|(_, s)| *s);
            let public = if max_supports == 0 { 0.0 } else { 100.0 * e.supports as f64 / max_supports as f64 };
            let disagreement = match (own.first(), own.last()) {
                (Some(lo), Some(hi)) => hi - lo >= DISAGREEMENT_RANGE,
                _ => false,
            };
            Ranked {
                proposal_id: e.proposal_id,
                rank: None,
                supports: e.supports,
                totals: own,
                committee: c,
                public,
                combined: c.map(|c| (1.0 - w) * c + w * public),
                disagreement,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        // Rounded to 1e-9, so sums equal on paper but not in the last
        // binary digit still reach the tie rule.
        let round = |x: f64| (x * 1e9).round() / 1e9;
        let key = |r: &Ranked| (r.combined.is_some(), round(r.combined.unwrap_or(0.0)), round(r.committee.unwrap_or(0.0)));
        let (ka, kb) = (key(a), key(b));
        kb.0.cmp(&ka.0)
            .then(kb.1.total_cmp(&ka.1))
            .then(kb.2.total_cmp(&ka.2))
            .then(b.supports.cmp(&a.supports))
            .then(a.proposal_id.cmp(&b.proposal_id))
    });
    let mut next = 1;
    for r in &mut rows {
        if r.combined.is_some() {
            r.rank = Some(next);
            next += 1;
        }
    }
    rows
}

/// Assigns `per_proposal` reviewers to each proposal (or all available when
/// none), evenly: each proposal in turn (in the given order) takes the
/// available reviewers with the fewest assignments so far, ties to the
/// smaller reviewer id. `excluded(proposal, reviewer)` is true where a
/// reviewer may not review a proposal (a conflict of interest); `existing`
/// are assignments to keep (their load counts). Returns the new pairs.
pub fn assign(
    proposals: &[i64],
    reviewers: &[i64],
    per_proposal: Option<u32>,
    existing: &[(i64, i64)],
    excluded: &dyn Fn(i64, i64) -> bool,
) -> Vec<(i64, i64)> {
    let mut load: Vec<(i64, usize)> =
        reviewers.iter().map(|&r| (r, existing.iter().filter(|(_, er)| *er == r).count())).collect();
    let mut out = Vec::new();
    for &p in proposals {
        let have = existing.iter().chain(out.iter()).filter(|(ep, _)| *ep == p).count();
        let want = per_proposal.map_or(reviewers.len(), |n| n as usize);
        if have >= want {
            continue;
        }
        let mut candidates: Vec<(i64, usize)> = load
            .iter()
            .copied()
            .filter(|&(r, _)| !excluded(p, r) && !existing.iter().chain(out.iter()).any(|&(ep, er)| ep == p && er == r))
            .collect();
        candidates.sort_by_key(|&(r, l)| (l, r));
        for (r, _) in candidates.into_iter().take(want - have) {
            out.push((p, r));
            if let Some(entry) = load.iter_mut().find(|(id, _)| *id == r) {
                entry.1 += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn a_sheet_total_is_the_weighted_mean_on_0_to_100() {
        // Weights 30/30/20/20 on 1–5: scores 5, 3, 1, 4 → 100, 50, 0, 75.
        let s = |weight| Scale { weight, min: 1.0, max: 5.0 };
        let scales = [s(30.0), s(30.0), s(20.0), s(20.0)];
        let total = sheet_total(&scales, &[Some(5), Some(3), Some(1), Some(4)]).unwrap_or_default();
        // (30·100 + 30·50 + 20·0 + 20·75) / 100 = 60
        assert!(close(total, 60.0), "{total}");
        assert_eq!(sheet_total(&scales, &[Some(5), None, Some(1), Some(4)]), None);
        // A 0–10 scale: 7 → 70.
        assert!(close(sheet_total(&[Scale { weight: 1.0, min: 0.0, max: 10.0 }], &[Some(7)]).unwrap_or_default(), 70.0));
    }

    fn t(reviewer_id: i64, proposal_id: i64, total: f64) -> Total {
        Total { reviewer_id, proposal_id, total }
    }

    #[test]
    fn mean_and_trimmed_mean_by_hand() {
        let totals = [t(1, 10, 80.0), t(2, 10, 60.0), t(3, 10, 10.0), t(4, 10, 70.0), t(1, 11, 40.0), t(2, 11, 50.0)];
        let mean = committee_scores(Aggregation::Mean, &totals);
        assert_eq!(mean.len(), 2);
        assert!(close(mean[0].1, 55.0)); // (80+60+10+70)/4
        assert!(close(mean[1].1, 45.0));
        let trimmed = committee_scores(Aggregation::TrimmedMean, &totals);
        assert!(close(trimmed[0].1, 65.0)); // drop 10 and 80 → (60+70)/2
        assert!(close(trimmed[1].1, 45.0)); // two totals: plain mean
    }

    #[test]
    fn z_scores_cancel_a_harsh_and_a_generous_reviewer() {
        // Reviewer 1 is generous (90, 70), reviewer 2 harsh (30, 10): both
        // prefer proposal 10 by the same margin, so z-scores agree exactly.
        let totals = [t(1, 10, 90.0), t(1, 11, 70.0), t(2, 10, 30.0), t(2, 11, 10.0)];
        let z = committee_scores(Aggregation::ZScore, &totals);
        // Each reviewer: mean m, sd 10 → z = +1 for 10, −1 for 11 → T = 60, 40.
        assert!(close(z[0].1, 60.0), "{:?}", z);
        assert!(close(z[1].1, 40.0), "{:?}", z);
        // A reviewer whose totals do not vary contributes z = 0 (T = 50).
        let flat = committee_scores(Aggregation::ZScore, &[t(3, 10, 70.0), t(3, 11, 70.0)]);
        assert!(close(flat[0].1, 50.0) && close(flat[1].1, 50.0));
    }

    #[test]
    fn public_preference_is_mixed_in_by_its_weight_and_ties_follow_the_rule() {
        let entries = [
            Entry { proposal_id: 1, supports: 50 },
            Entry { proposal_id: 2, supports: 100 },
            Entry { proposal_id: 3, supports: 0 },
            Entry { proposal_id: 4, supports: 100 },
        ];
        // Committee: 1 → 80, 2 → 60, 4 → 60; 3 unscored.
        let totals = [t(1, 1, 80.0), t(1, 2, 60.0), t(1, 4, 60.0)];
        let rows = rank(Aggregation::Mean, 30, &entries, &totals);
        // Combined: 1 → 0.7·80 + 0.3·50 = 71; 2 and 4 → 0.7·60 + 0.3·100 = 72.
        // 2 and 4 tie on combined, committee and supports: the smaller id first.
        let order: Vec<i64> = rows.iter().map(|r| r.proposal_id).collect();
        assert_eq!(order, vec![2, 4, 1, 3]);
        assert!(close(rows[0].combined.unwrap_or_default(), 72.0));
        assert!(close(rows[2].combined.unwrap_or_default(), 71.0));
        assert!(close(rows[2].public, 50.0));
        assert_eq!(rows.iter().map(|r| r.rank).collect::<Vec<_>>(), vec![Some(1), Some(2), Some(3), None]);
        // With no public weight, proposal 1 leads.
        let rows = rank(Aggregation::Mean, 0, &entries, &totals);
        assert_eq!(rows[0].proposal_id, 1);
        // Nobody supported anything: public is 0 for all.
        let none = rank(Aggregation::Mean, 50, &[Entry { proposal_id: 9, supports: 0 }], &[t(1, 9, 40.0)]);
        assert!(close(none[0].public, 0.0) && close(none[0].combined.unwrap_or_default(), 20.0));
    }

    #[test]
    fn disagreement_is_flagged_from_a_range_of_25_points() {
        let entries = [Entry { proposal_id: 1, supports: 0 }, Entry { proposal_id: 2, supports: 0 }];
        let totals = [t(1, 1, 90.0), t(2, 1, 65.0), t(1, 2, 90.0), t(2, 2, 65.1)];
        let rows = rank(Aggregation::Mean, 0, &entries, &totals);
        let flag = |p| rows.iter().find(|r| r.proposal_id == p).is_some_and(|r| r.disagreement);
        assert!(flag(1));
        assert!(!flag(2));
    }

    #[test]
    fn assignment_is_even_and_skips_conflicts() {
        let proposals: Vec<i64> = (1..=10).collect();
        let reviewers = [100, 101, 102, 103];
        let pairs = assign(&proposals, &reviewers, Some(2), &[], &|_, _| false);
        assert_eq!(pairs.len(), 20);
        for p in &proposals {
            assert_eq!(pairs.iter().filter(|(pp, _)| pp == p).count(), 2);
        }
        let loads: Vec<usize> = reviewers.iter().map(|r| pairs.iter().filter(|(_, rr)| rr == r).count()).collect();
        assert_eq!(loads, vec![5, 5, 5, 5]);
        // Reviewer 100 is conflicted with proposals 1–3: others take them.
        let pairs = assign(&proposals, &reviewers, Some(2), &[], &|p, r| r == 100 && p <= 3);
        assert!(!pairs.iter().any(|&(p, r)| r == 100 && p <= 3));
        let loads: Vec<usize> = reviewers.iter().map(|r| pairs.iter().filter(|(_, rr)| rr == r).count()).collect();
        assert!(loads.iter().max().unwrap_or(&0) - loads.iter().min().unwrap_or(&0) <= 1, "{loads:?}");
        // Rebalancing keeps existing pairs and tops a proposal up.
        let existing = [(1, 101)];
        let more = assign(&[1], &reviewers, Some(2), &existing, &|_, r| r == 100);
        assert_eq!(more.len(), 1);
        assert_ne!(more[0].1, 100);
        assert_ne!(more[0].1, 101);
        // "All members" takes every reviewer without a conflict.
        let all = assign(&[5], &reviewers, None, &[], &|_, r| r == 103);
        assert_eq!(all.len(), 3);
    }

    #[test]
    fn round_inputs_are_checked() {
        let ok = RoundInput {
            committee_id: 1,
            title: "1차 심사".into(),
            criteria: vec![CriterionInput { name: "국민 체감도".into(), weight: 30, ..Default::default() }],
            deadline: "2026-12-20T18:00:00+09:00".into(),
            public_weight: 30,
            aggregation: Some("z_score".into()),
            ..Default::default()
        };
        let checked = ok.check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((checked.criteria[0].scale_min, checked.criteria[0].scale_max), (1, 5));
        assert_eq!(checked.aggregation, Aggregation::ZScore);
        let bad = RoundInput {
            criteria: vec![
                CriterionInput { name: "a".into(), weight: 0, ..Default::default() },
                CriterionInput { name: "b".into(), weight: 10, scale_min: Some(5), scale_max: Some(5), ..Default::default() },
            ],
            public_weight: 101,
            aggregation: Some("median".into()),
            reviewers_per_proposal: Some(0),
            ..ok.clone()
        };
        let fields: Vec<String> = bad.check().err().unwrap_or_default().into_iter().map(|e| e.field).collect();
        for f in ["criteria[0]", "criteria[1]", "public_weight", "aggregation", "reviewers_per_proposal"] {
            assert!(fields.iter().any(|x| x == f), "{f} in {fields:?}");
        }
    }

    #[test]
    fn a_sheet_must_be_complete_to_submit() {
        let criteria = vec![
            CriterionDto { id: 1, name: "a".into(), description: String::new(), weight: 1, scale_min: 1, scale_max: 5 },
            CriterionDto { id: 2, name: "b".into(), description: String::new(), weight: 1, scale_min: 1, scale_max: 5 },
        ];
        let draft = SheetInput { scores: vec![ScoreInput { criterion_id: 1, score: Some(4), comment: String::new() }], ..Default::default() };
        assert!(draft.check(&criteria).is_ok());
        let submit = SheetInput { submit: true, ..draft.clone() };
        assert_eq!(submit.check(&criteria).err().unwrap_or_default()[0].field, "score_2");
        let out_of_scale = SheetInput { scores: vec![ScoreInput { criterion_id: 1, score: Some(6), comment: String::new() }], ..Default::default() };
        assert!(out_of_scale.check(&criteria).is_err());
        let unknown = SheetInput { scores: vec![ScoreInput { criterion_id: 9, score: Some(1), comment: String::new() }], ..Default::default() };
        assert!(unknown.check(&criteria).is_err());
    }
}
