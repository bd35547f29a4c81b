//! Execution tracking (실행 관리) and the collaboration SOS desk (협업SOS):
//! tasks run by a task force (과제별 TF), milestones, progress updates,
//! outcome indicators (성과지표), the task's health, and the service levels of
//! the desk that answers the difficulties task forces raise. Inputs are
//! checked here, the same way in the browser and on the server; the math
//! (progress roll-up, health, working-time timers) lives here too, pure and
//! without I/O, so the task page, the portfolio and the desk's queue compute
//! nothing of their own.
//!
//! Times are Unix seconds (UTC, `i64`); dates are days since 1970-01-01
//! (`i64`, see [`days_from_civil`]) and `YYYY-MM-DD` on the wire.
//!
//! **Progress roll-up** ([`roll_up`]). Milestones form a forest (a milestone
//! may have a parent milestone).
//! - A leaf's progress is 100 when `done`, 0 when `planned`, and its own
//!   percentage when `in_progress` or `delayed` (0 when it has none).
//! - A parent's progress is the weighted mean of its children's progress (its
//!   own status and percentage are not used); when all its children weigh 0,
//!   the plain mean.
//! - The task's progress is the same mean over the root milestones; a task
//!   without milestones is at 0.
//!
//! **Health** ([`derive_health`]), the first rule that applies:
//! 1. `delayed` when a milestone is `delayed`, or is past its due date and not
//!    `done` (a milestone due today is not late yet);
//! 2. `at_risk` when a milestone that is not `done` is due within the next
//!    [`AT_RISK_WINDOW_DAYS`] days (today included) with progress below
//!    [`AT_RISK_PROGRESS`] %, or when an indicator has achieved less than
//!    [`INDICATOR_TOLERANCE`] × the fraction expected by today. The achieved
//!    fraction is `(actual - baseline) / (target - baseline)`, which also
//!    reads right for a decreasing target (baseline 100, target 50, actual 80
//!    → 0.4). Indicators with no value yet, or whose target equals their
//!    baseline, are left out;
//! 3. otherwise `on_track`.
//!
//! A task force can override the derived health with a reason
//! ([`HealthOverrideInput`]); the override is shown with its reason.
//!
//! **Working time and service levels.** A [`WorkCalendar`] has opening hours
//! (09:00–18:00 by default), a UTC offset (KST, +09:00) and a list of
//! holidays; Saturdays and Sundays are off. [`working_seconds_between`]
//! counts the working seconds in an interval and [`add_working_seconds`]
//! finds the moment a number of working seconds is used up (a deadline);
//! both are exact across nights, weekends and holidays, and
//! `working_seconds_between(t, add_working_seconds(t, s)) == s`. A working
//! day is the length of the opening hours (9 hours by default). The service
//! levels ([`Sla`]) per urgency default to:
//!
//! | urgency | first response | resolution |
//! | --- | --- | --- |
//! | urgent | 4 working hours | 2 working days |
//! | high | 1 working day | 5 working days |
//! | normal | 2 working days | 10 working days |
//! | low | 5 working days | 20 working days |
//!
//! A deadline is met when the event (the desk's first answer, the
//! resolution) comes at or before it. The holiday list is configuration
//! (`2026-12-25,2027-01-01,2027-02-06..2027-02-09`, see
//! [`parse_holiday_list`]); [`KOREAN_PUBLIC_HOLIDAYS_2026_2027`] is the default.

use crate::checks::{check_line, check_optional_text, check_text};
use crate::error::{FieldError, FieldProblem};
use crate::text::char_len;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// Length and count limits (characters, unless said otherwise).
pub mod limits {
    pub const TITLE: (usize, usize) = (2, 200);
    pub const DESCRIPTION: usize = 10_000;
    /// Partner organisations of a task.
    pub const PARTNERS: usize = 50;
    /// A milestone's weight.
    pub const WEIGHT: (u32, u32) = (1, 100);
    pub const UPDATE_BODY: (usize, usize) = (5, 5_000);
    /// Links on a progress update, and the length of each.
    pub const LINKS: usize = 5;
    pub const LINK: usize = 500;
    pub const INDICATOR_NAME: (usize, usize) = (2, 100);
    pub const UNIT: (usize, usize) = (1, 20);
    pub const REASON: (usize, usize) = (5, 1_000);
    pub const SOS_DESCRIPTION: (usize, usize) = (10, 5_000);
    /// Organisations named on an SOS request.
    pub const SOS_ORGANISATIONS: usize = 20;
    pub const REPLY: (usize, usize) = (1, 5_000);
}

/// A milestone due this many days from today or sooner, and not far enough
/// along, puts its task at risk (health rule 2).
pub const AT_RISK_WINDOW_DAYS: i64 = 14;

/// The progress (%) below which a milestone due soon puts its task at risk.
pub const AT_RISK_PROGRESS: f64 = 50.0;

/// An indicator below this share of the progress expected by today puts its
/// task at risk (health rule 2).
pub const INDICATOR_TOLERANCE: f64 = 0.8;

// ---------------------------------------------------------------------------
// Enums

/// Where a milestone is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MilestoneStatus {
    /// 계획
    #[default]
    Planned,
    /// 진행 중
    InProgress,
    /// 완료
    Done,
    /// 지연
    Delayed,
}

impl MilestoneStatus {
    pub const ALL: [MilestoneStatus; 4] = [Self::Planned, Self::InProgress, Self::Done, Self::Delayed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::InProgress => "in_progress",
            Self::Done => "done",
            Self::Delayed => "delayed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether a milestone in this status carries its own progress percentage.
    pub fn takes_percent(self) -> bool {
        matches!(self, Self::InProgress | Self::Delayed)
    }
}

/// A task's health (the traffic light of the portfolio).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Health {
    /// 정상
    #[default]
    OnTrack,
    /// 주의
    AtRisk,
    /// 지연
    Delayed,
}

impl Health {
    pub const ALL: [Health; 3] = [Self::OnTrack, Self::AtRisk, Self::Delayed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::OnTrack => "on_track",
            Self::AtRisk => "at_risk",
            Self::Delayed => "delayed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What an SOS request is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SosCategory {
    /// 인력 (협업정원)
    Staffing,
    /// 예산
    Budget,
    /// 법령·규제
    Law,
    /// 기관 간 협업·조정
    Coordination,
    /// 기타
    Other,
}

impl SosCategory {
    pub const ALL: [SosCategory; 5] = [Self::Staffing, Self::Budget, Self::Law, Self::Coordination, Self::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Staffing => "staffing",
            Self::Budget => "budget",
            Self::Law => "law",
            Self::Coordination => "coordination",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How urgent an SOS request is; sets its service levels and its place in
/// the desk's queue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SosUrgency {
    /// 긴급
    Urgent,
    /// 높음
    High,
    /// 보통
    #[default]
    Normal,
    /// 낮음
    Low,
}

impl SosUrgency {
    /// Most urgent first.
    pub const ALL: [SosUrgency; 4] = [Self::Urgent, Self::High, Self::Normal, Self::Low];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Urgent => "urgent",
            Self::High => "high",
            Self::Normal => "normal",
            Self::Low => "low",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// 0 for urgent … 3 for low.
    pub fn rank(self) -> u8 {
        match self {
            Self::Urgent => 0,
            Self::High => 1,
            Self::Normal => 2,
            Self::Low => 3,
        }
    }
}

/// Where an SOS request is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SosState {
    /// 접수: waiting for the desk.
    #[default]
    Open,
    /// 담당자 지정
    Assigned,
    /// 보완 요청: the desk asked the requester for information.
    WaitingForInfo,
    /// 상향 보고
    Escalated,
    /// 해결
    Resolved,
}

impl SosState {
    pub const ALL: [SosState; 5] = [Self::Open, Self::Assigned, Self::WaitingForInfo, Self::Escalated, Self::Resolved];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Assigned => "assigned",
            Self::WaitingForInfo => "waiting_for_info",
            Self::Escalated => "escalated",
            Self::Resolved => "resolved",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What a message in an SOS thread does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SosReplyKind {
    /// A plain answer.
    #[default]
    Reply,
    /// Asks the requester for more information (보완 요청).
    RequestInfo,
    /// Passes the request up (상향 보고).
    Escalate,
    /// Closes the request as resolved.
    Resolve,
}

impl SosReplyKind {
    pub const ALL: [SosReplyKind; 4] = [Self::Reply, Self::RequestInfo, Self::Escalate, Self::Resolve];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reply => "reply",
            Self::RequestInfo => "request_info",
            Self::Escalate => "escalate",
            Self::Resolve => "resolve",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a task comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// 중점 협업과제: usually a selected proposal.
    #[default]
    Priority,
    /// 기관관리 협업과제: created and followed by an institution.
    InstitutionManaged,
}

impl TaskKind {
    pub const ALL: [TaskKind; 2] = [Self::Priority, Self::InstitutionManaged];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Priority => "priority",
            Self::InstitutionManaged => "institution_managed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// An organisation's part in a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrgRole {
    /// 주관기관
    Lead,
    /// 협업기관
    Partner,
}

impl OrgRole {
    pub const ALL: [OrgRole; 2] = [Self::Lead, Self::Partner];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lead => "lead",
            Self::Partner => "partner",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

// ---------------------------------------------------------------------------
// Civil dates (proleptic Gregorian), after Howard Hinnant's "chrono-compatible
// low-level date algorithms" (http://howardhinnant.github.io/date_algorithms.html).

const DAY_SECS: i64 = 86_400;

/// Days since 1970-01-01 of a date (month 1–12, day 1–31; not checked: use
/// [`parse_date`] for input).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let mp = (i64::from(month) + 9) % 12; // March = 0 … February = 11
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The date `(year, month, day)` of a count of days since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year as i32, month, day)
}

/// The day of the week: 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday).
pub fn weekday(days: i64) -> u32 {
    (days + 3).rem_euclid(7) as u32
}

/// The local date (days since 1970-01-01) of a moment at a UTC offset.
pub fn local_day(ts: i64, utc_offset_minutes: i32) -> i64 {
    (ts + i64::from(utc_offset_minutes) * 60).div_euclid(DAY_SECS)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Why a date did not parse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DateProblem {
    Malformed,
    NoSuchDate,
}

fn parse_ymd(s: &str) -> Result<i64, DateProblem> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(DateProblem::Malformed);
    }
    // Digits only: `u32::from_str` alone would also take a sign.
    let number = |r: std::ops::Range<usize>| s.get(r).filter(|p| p.bytes().all(|c| c.is_ascii_digit())).and_then(|p| p.parse::<u32>().ok());
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return Err(DateProblem::Malformed);
    };
    let year = year as i32;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(DateProblem::NoSuchDate);
    }
    Ok(days_from_civil(year, month, day))
}

/// Parses a date `YYYY-MM-DD` (exactly, with leading zeros) into days since
/// 1970-01-01; none for anything else or a day the calendar does not have.
pub fn parse_date(s: &str) -> Option<i64> {
    parse_ymd(s).ok()
}

/// Formats days since 1970-01-01 as `YYYY-MM-DD`.
pub fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

// ---------------------------------------------------------------------------
// Progress roll-up

/// A milestone as the roll-up needs it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RollupMilestone {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub weight: u32,
    pub status: MilestoneStatus,
    /// The milestone's own progress (0–100, clamped), used for a leaf that is
    /// in progress or delayed.
    pub percent: Option<u32>,
}

/// The progress of each milestone and of the task, on 0–100.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rollup {
    pub task: f64,
    /// Per milestone id.
    pub milestones: BTreeMap<i64, f64>,
}

/// Why milestones cannot be rolled up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RollupError {
    /// Two milestones have the same id.
    DuplicateId { id: i64 },
    /// A milestone names a parent that is not among the task's milestones.
    UnknownParent { id: i64, parent_id: i64 },
    /// Milestones are their own ancestors; `id` is the smallest on the cycle.
    Cycle { id: i64 },
}

impl fmt::Display for RollupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::DuplicateId { id } => write!(f, "milestone {id} is listed twice"),
            Self::UnknownParent { id, parent_id } => write!(f, "milestone {id} names parent {parent_id}, which is not a milestone of the task"),
            Self::Cycle { id } => write!(f, "milestone {id} is its own ancestor"),
        }
    }
}

impl std::error::Error for RollupError {}

/// The weighted mean of `(weight, value)` pairs; the plain mean when all
/// weights are 0; 0 when there are none.
fn weighted_mean(items: &[(u32, f64)]) -> f64 {
    if items.is_empty() {
        return 0.0;
    }
    let total: f64 = items.iter().map(|&(w, _)| f64::from(w)).sum();
    if total > 0.0 {
        items.iter().map(|&(w, v)| f64::from(w) * v).sum::<f64>() / total
    } else {
        items.iter().map(|&(_, v)| v).sum::<f64>() / items.len() as f64
    }
}

/// A leaf's own progress (module doc, roll-up rule 1).
fn leaf_progress(m: &RollupMilestone) -> f64 {
    match m.status {
        MilestoneStatus::Done => 100.0,
        MilestoneStatus::Planned => 0.0,
        MilestoneStatus::InProgress | MilestoneStatus::Delayed => f64::from(m.percent.unwrap_or(0).min(100)),
    }
}

/// Rolls milestones up into per-milestone and task progress (module doc).
/// Fails on a repeated id, a parent that is not among the milestones, or a
/// cycle of parents.
pub fn roll_up(milestones: &[RollupMilestone]) -> Result<Rollup, RollupError> {
    let n = milestones.len();
    let mut index: HashMap<i64, usize> = HashMap::with_capacity(n);
    for (i, m) in milestones.iter().enumerate() {
        if index.insert(m.id, i).is_some() {
            return Err(RollupError::DuplicateId { id: m.id });
        }
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots: Vec<usize> = Vec::new();
    let mut parent: Vec<Option<usize>> = vec![None; n];
    for (i, m) in milestones.iter().enumerate() {
        match m.parent_id {
            None => roots.push(i),
            Some(p) => {
                let Some(&pi) = index.get(&p) else {
                    return Err(RollupError::UnknownParent { id: m.id, parent_id: p });
                };
                parent[i] = Some(pi);
                children[pi].push(i);
            }
        }
    }
    // Pre-order from the roots: every parent comes before its children.
    // A milestone not reached from a root sits on, or under, a cycle.
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut stack: Vec<usize> = roots.iter().rev().copied().collect();
    while let Some(i) = stack.pop() {
        order.push(i);
        stack.extend(children[i].iter().rev());
    }
    if order.len() < n {
        let mut seen = vec![false; n];
        order.iter().for_each(|&i| seen[i] = true);
        let Some(start) = (0..n).find(|&i| !seen[i]) else {
            return Err(RollupError::Cycle { id: milestones[0].id });
        };
        // n steps up from an unreached milestone land on the cycle itself.
        let mut on_cycle = start;
        for _ in 0..n {
            on_cycle = parent[on_cycle].unwrap_or(on_cycle);
        }
        let mut smallest = milestones[on_cycle].id;
        let mut i = parent[on_cycle].unwrap_or(on_cycle);
        while i != on_cycle {
            smallest = smallest.min(milestones[i].id);
            i = parent[i].unwrap_or(on_cycle);
        }
        return Err(RollupError::Cycle { id: smallest });
    }
    let mut progress = vec![0.0; n];
    for &i in order.iter().rev() {
        progress[i] = if children[i].is_empty() {
            leaf_progress(&milestones[i])
        } else {
            let items: Vec<(u32, f64)> = children[i].iter().map(|&c| (milestones[c].weight, progress[c])).collect();
            weighted_mean(&items)
        };
    }
    let items: Vec<(u32, f64)> = roots.iter().map(|&r| (milestones[r].weight, progress[r])).collect();
    Ok(Rollup { task: weighted_mean(&items), milestones: milestones.iter().zip(progress).map(|(m, p)| (m.id, p)).collect() })
}

// ---------------------------------------------------------------------------
// Health

/// A milestone as the health rule needs it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HealthMilestone {
    pub status: MilestoneStatus,
    /// The due date, in days since 1970-01-01.
    pub due_day: i64,
    /// The milestone's rolled-up progress, 0–100.
    pub progress: f64,
}

/// An outcome indicator as the health rule needs it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HealthIndicator {
    pub baseline: f64,
    pub target: f64,
    /// The latest measured value; none before the first measurement.
    pub actual: Option<f64>,
    /// How far from baseline to target the indicator should be by today,
    /// 0–1 (e.g. [`linear_expected_fraction`]).
    pub expected_fraction: f64,
}

/// How far an indicator has gone from its baseline to its target (1 = target
/// reached; negative = worse than the baseline). Works for decreasing targets
/// too. None when the target equals the baseline or a value is not finite.
pub fn achieved_fraction(baseline: f64, target: f64, actual: f64) -> Option<f64> {
    let span = target - baseline;
    let fraction = (actual - baseline) / span;
    (span != 0.0 && fraction.is_finite()).then_some(fraction)
}

/// The share of the way from start to end that `today` is, 0–1: a straight
/// line from the baseline's day to the target's day (0 before the start, 1
/// from the end on; 1 when the end is not after the start).
pub fn linear_expected_fraction(start_day: i64, end_day: i64, today: i64) -> f64 {
    if end_day <= start_day {
        return 1.0;
    }
    ((today - start_day) as f64 / (end_day - start_day) as f64).clamp(0.0, 1.0)
}

/// A task's health from its milestones and indicators on `today` (days since
/// 1970-01-01, the local date); the rule is in the module doc.
pub fn derive_health(milestones: &[HealthMilestone], indicators: &[HealthIndicator], today: i64) -> Health {
    let late = |m: &HealthMilestone| m.status == MilestoneStatus::Delayed || (m.status != MilestoneStatus::Done && m.due_day < today);
    if milestones.iter().any(late) {
        return Health::Delayed;
    }
    let behind_soon = |m: &HealthMilestone| {
        m.status != MilestoneStatus::Done && m.due_day - today <= AT_RISK_WINDOW_DAYS && m.progress < AT_RISK_PROGRESS
    };
    let lagging = |i: &HealthIndicator| {
        let expected = if i.expected_fraction.is_finite() { i.expected_fraction.clamp(0.0, 1.0) } else { 0.0 };
        i.actual
            .and_then(|actual| achieved_fraction(i.baseline, i.target, actual))
            .is_some_and(|achieved| achieved < INDICATOR_TOLERANCE * expected)
    };
    if milestones.iter().any(behind_soon) || indicators.iter().any(lagging) {
        Health::AtRisk
    } else {
        Health::OnTrack
    }
}

// ---------------------------------------------------------------------------
// Working time

/// When the desk works: opening hours on weekdays, in local time at a UTC
/// offset, except on holidays. Saturdays and Sundays are always off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkCalendar {
    /// Opening, in minutes after local midnight (540 = 09:00).
    pub start_minute: u32,
    /// Closing, in minutes after local midnight (1080 = 18:00), after opening
    /// and at most 1440.
    pub end_minute: u32,
    /// Local time minus UTC, in minutes (540 for KST).
    pub utc_offset_minutes: i32,
    /// Days off besides weekends, in days since 1970-01-01 (any order;
    /// repeats and weekend days are harmless).
    pub holidays: Vec<i64>,
}

impl Default for WorkCalendar {
    /// 09:00–18:00 KST with [`KOREAN_PUBLIC_HOLIDAYS_2026_2027`].
    fn default() -> Self {
        Self {
            start_minute: 9 * 60,
            end_minute: 18 * 60,
            utc_offset_minutes: 9 * 60,
            holidays: parse_holiday_list(KOREAN_PUBLIC_HOLIDAYS_2026_2027).unwrap_or_default(),
        }
    }
}

impl WorkCalendar {
    /// Whether the calendar makes sense: opening before closing, closing at
    /// most at midnight, an offset within ±14 hours. The timers still end on
    /// a calendar that fails this (they count whole days), but count wrong:
    /// check the configuration at start-up.
    pub fn check(&self) -> Result<(), String> {
        if self.start_minute >= self.end_minute || self.end_minute > 24 * 60 {
            return Err(format!(
                "working hours must open before they close, within one day (got {}..{} minutes)",
                self.start_minute, self.end_minute
            ));
        }
        if self.utc_offset_minutes.abs() > 14 * 60 {
            return Err(format!("the UTC offset must be within ±14 hours (got {} minutes)", self.utc_offset_minutes));
        }
        Ok(())
    }

    /// Opening and closing in seconds after local midnight. A calendar that
    /// fails [`Self::check`] counts the whole day, so the timers still end.
    fn hours(&self) -> (i64, i64) {
        let end = self.end_minute.min(24 * 60);
        if self.start_minute >= end { (0, DAY_SECS) } else { (i64::from(self.start_minute) * 60, i64::from(end) * 60) }
    }

    fn offset_secs(&self) -> i64 {
        i64::from(self.utc_offset_minutes) * 60
    }

    /// The length of a working day in seconds (9 hours by default).
    pub fn working_day_secs(&self) -> i64 {
        let (open, close) = self.hours();
        close - open
    }

    /// Whether a local date is a working day: a weekday and not a holiday.
    pub fn is_working_day(&self, day: i64) -> bool {
        weekday(day) < 5 && !self.holidays.contains(&day)
    }

    /// Working days in the local dates `from..to` (end excluded).
    fn working_days_in(&self, from: i64, to: i64) -> i64 {
        if to <= from {
            return 0;
        }
        let weeks = (to - from) / 7;
        let weekdays = weeks * 5 + (from + weeks * 7..to).filter(|&d| weekday(d) < 5).count() as i64;
        let mut off: Vec<i64> = self.holidays.iter().copied().filter(|&h| h >= from && h < to && weekday(h) < 5).collect();
        off.sort_unstable();
        off.dedup();
        weekdays - off.len() as i64
    }
}

/// The working seconds between two moments (0 when `to_ts` is not after
/// `from_ts`): the parts of the interval inside opening hours on working days.
pub fn working_seconds_between(cal: &WorkCalendar, from_ts: i64, to_ts: i64) -> i64 {
    if to_ts <= from_ts {
        return 0;
    }
    let (open, close) = cal.hours();
    let (from, to) = (from_ts + cal.offset_secs(), to_ts + cal.offset_secs());
    let (first, last) = (from.div_euclid(DAY_SECS), to.div_euclid(DAY_SECS));
    // The part of [from, to) inside the opening hours of one local day.
    let within = |day: i64| {
        if !cal.is_working_day(day) {
            return 0;
        }
        let start = (day * DAY_SECS + open).max(from);
        let end = (day * DAY_SECS + close).min(to);
        (end - start).max(0)
    };
    if first == last {
        within(first)
    } else {
        within(first) + cal.working_days_in(first + 1, last) * (close - open) + within(last)
    }
}

/// The moment `seconds` working seconds after `from_ts` are used up: the
/// deadline of a timer started at `from_ts`. Outside opening hours the count
/// starts at the next opening; a deadline that falls exactly at closing time
/// is that closing time (not the next opening). `from_ts` itself for 0 or
/// fewer seconds.
pub fn add_working_seconds(cal: &WorkCalendar, from_ts: i64, seconds: i64) -> i64 {
    if seconds <= 0 {
        return from_ts;
    }
    let (open, close) = cal.hours();
    let week_secs = 5 * (close - open);
    let last_holiday = cal.holidays.iter().copied().max().unwrap_or(i64::MIN);
    let local = from_ts + cal.offset_secs();
    let mut day = local.div_euclid(DAY_SECS);
    let mut start = local.rem_euclid(DAY_SECS).max(open);
    let mut remaining = seconds;
    loop {
        if cal.is_working_day(day) && start < close {
            let available = close - start;
            if remaining <= available {
                return day * DAY_SECS + start + remaining - cal.offset_secs();
            }
            remaining -= available;
        }
        day += 1;
        start = open;
        if day > last_holiday {
            // No holiday from here on: every seven days hold exactly five
            // full working days, so skip whole weeks (keeping at least one
            // second for the loop to place) instead of walking each day.
            let weeks = (remaining - 1) / week_secs;
            day += 7 * weeks;
            remaining -= weeks * week_secs;
        }
    }
}

// ---------------------------------------------------------------------------
// Service levels

/// The service levels of one urgency, in working seconds from the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sla {
    /// Until the desk's first answer.
    pub first_response_secs: i64,
    /// Until the request is resolved.
    pub resolution_secs: i64,
}

impl Sla {
    /// The default service levels of an urgency (module doc), with working
    /// days as long as the calendar's opening hours.
    pub fn default_for(urgency: SosUrgency, cal: &WorkCalendar) -> Sla {
        let day = cal.working_day_secs();
        let (first_response_secs, resolution_secs) = match urgency {
            SosUrgency::Urgent => (4 * 3_600, 2 * day),
            SosUrgency::High => (day, 5 * day),
            SosUrgency::Normal => (2 * day, 10 * day),
            SosUrgency::Low => (5 * day, 20 * day),
        };
        Sla { first_response_secs, resolution_secs }
    }
}

/// The service levels of every urgency (configurable; [`Self::defaults`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlaPolicy {
    pub urgent: Sla,
    pub high: Sla,
    pub normal: Sla,
    pub low: Sla,
}

impl SlaPolicy {
    /// The defaults of the module doc for a calendar.
    pub fn defaults(cal: &WorkCalendar) -> Self {
        Self {
            urgent: Sla::default_for(SosUrgency::Urgent, cal),
            high: Sla::default_for(SosUrgency::High, cal),
            normal: Sla::default_for(SosUrgency::Normal, cal),
            low: Sla::default_for(SosUrgency::Low, cal),
        }
    }

    pub fn for_urgency(&self, urgency: SosUrgency) -> Sla {
        match urgency {
            SosUrgency::Urgent => self.urgent,
            SosUrgency::High => self.high,
            SosUrgency::Normal => self.normal,
            SosUrgency::Low => self.low,
        }
    }
}

/// The deadline of a timer of `secs` working seconds started at `created_ts`.
pub fn due(cal: &WorkCalendar, created_ts: i64, secs: i64) -> i64 {
    add_working_seconds(cal, created_ts, secs)
}

/// Whether a timer missed its deadline: the event (`responded`: the first
/// answer, or the resolution) came after it, or has not come and `now_ts` is
/// past it. An event exactly at the deadline is on time.
pub fn overdue(cal: &WorkCalendar, created_ts: i64, now_ts: i64, responded: Option<i64>, secs: i64) -> bool {
    responded.unwrap_or(now_ts) > due(cal, created_ts, secs)
}

/// A timer as the desk's queue shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlaClock {
    /// The deadline (Unix seconds).
    pub due: i64,
    /// Working seconds from the request to the event, or to now without one
    /// (the measured time to first response or to resolution).
    pub elapsed_secs: i64,
    /// Working seconds left (negative: by how much the level was missed).
    pub remaining_secs: i64,
    /// See [`overdue`].
    pub overdue: bool,
}

/// The timer of `secs` working seconds started at `created_ts`, seen at `now_ts`.
pub fn clock(cal: &WorkCalendar, created_ts: i64, now_ts: i64, responded: Option<i64>, secs: i64) -> SlaClock {
    let elapsed_secs = working_seconds_between(cal, created_ts, responded.unwrap_or(now_ts));
    SlaClock {
        due: due(cal, created_ts, secs),
        elapsed_secs,
        remaining_secs: secs - elapsed_secs,
        overdue: overdue(cal, created_ts, now_ts, responded, secs),
    }
}

/// The desk's queue order: more urgent first, then the longest waiting
/// (earlier request) first.
pub fn triage_cmp(a: (SosUrgency, i64), b: (SosUrgency, i64)) -> Ordering {
    (a.0.rank(), a.1).cmp(&(b.0.rank(), b.1))
}

/// The median of durations (for the public statistics: median time to first
/// response); the mean of the two middle values for an even count; none for
/// no values.
pub fn median(values: &[i64]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_unstable();
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2] as f64),
        _ => Some((v[n / 2 - 1] as f64 + v[n / 2] as f64) / 2.0),
    }
}

// ---------------------------------------------------------------------------
// Holidays

/// Korean public holidays (관공서의 공휴일에 관한 규정, 공휴일에 관한 법률) of 2026
/// and 2027, with their substitute holidays (대체공휴일), as a holiday list.
/// Days that fall on a weekend are listed too, so the list reads like the
/// official one; the calendar ignores them. Lunar dates (설날, 부처님오신날,
/// 추석) were converted with the KARI-based `korean-lunar-calendar` package
/// and cross-checked with the `holidays` package (0.109) and published 2026
/// calendars. Temporary holidays the government designates during a year
/// (임시공휴일) are not foreseeable: add them in configuration.
pub const KOREAN_PUBLIC_HOLIDAYS_2026_2027: &str = concat!(
    "2026-01-01,",             // 신정 (Thu)
    "2026-02-16..2026-02-18,", // 설날 연휴 (Mon–Wed; 설날 2-17)
    "2026-03-01,2026-03-02,",  // 삼일절 (Sun) and its substitute (Mon)
    // 노동절 (Fri): listed as a public holiday from 2026 by the `holidays`
    // package; the reports found here (December 2025) only say the
    // government was pursuing it, so confirm against the official calendar
    // (HAMKKE_HOLIDAYS replaces this list).
    "2026-05-01,",
    "2026-05-05,",            // 어린이날 (Tue)
    "2026-05-24,2026-05-25,", // 부처님오신날 (Sun, lunar 4-8) and its substitute (Mon)
    "2026-06-03,",            // 제9회 전국동시지방선거 (Wed): election days are public holidays
    "2026-06-06,",            // 현충일 (Sat; no substitute for 현충일)
    // 제헌절 (Fri): restored as a public holiday from 2026 (공휴일에 관한 법률
    // amendment passed by the National Assembly on 2026-01-29, promulgation
    // approved by the Cabinet on 2026-02-03, as reported at the time).
    "2026-07-17,",
    "2026-08-15,2026-08-17,",  // 광복절 (Sat) and its substitute (Mon)
    "2026-09-24..2026-09-26,", // 추석 연휴 (Thu–Sat; 추석 9-25; no substitute for a Saturday)
    "2026-10-03,2026-10-05,",  // 개천절 (Sat) and its substitute (Mon)
    "2026-10-09,",             // 한글날 (Fri)
    "2026-12-25,",             // 성탄절 (Fri)
    "2027-01-01,",             // 신정 (Fri)
    "2027-02-06..2027-02-09,", // 설날 연휴 (Sat–Mon; 설날 2-7 is a Sunday) and its substitute (Tue 2-9)
    "2027-03-01,",             // 삼일절 (Mon)
    "2027-05-01,2027-05-03,",  // 노동절 (Sat) and its substitute (Mon); see 2026
    "2027-05-05,",             // 어린이날 (Wed)
    "2027-05-13,",             // 부처님오신날 (Thu, lunar 4-8)
    "2027-06-06,",             // 현충일 (Sun; no substitute)
    "2027-07-17,2027-07-19,",  // 제헌절 (Sat) and its substitute (Mon); see 2026
    "2027-08-15,2027-08-16,",  // 광복절 (Sun) and its substitute (Mon)
    "2027-09-14..2027-09-16,", // 추석 연휴 (Tue–Thu; 추석 9-15)
    "2027-10-03,2027-10-04,",  // 개천절 (Sun) and its substitute (Mon)
    "2027-10-09,2027-10-11,",  // 한글날 (Sat) and its substitute (Mon)
    "2027-12-25,2027-12-27",   // 성탄절 (Sat) and its substitute (Mon)
);

/// The longest range a holiday list accepts, in days: anything longer is
/// almost surely a typo in a year.
pub const MAX_HOLIDAY_RANGE_DAYS: i64 = 366;

/// What is wrong with an entry of a holiday list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HolidayProblem {
    /// Neither `YYYY-MM-DD` nor `YYYY-MM-DD..YYYY-MM-DD`.
    Malformed,
    /// A well-formed date the calendar does not have (`2027-02-29`).
    NoSuchDate,
    /// A range that ends before it starts.
    Reversed,
    /// A range longer than [`MAX_HOLIDAY_RANGE_DAYS`].
    TooLong,
}

/// A holiday list that did not parse: which entry (1-based, counting commas)
/// and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HolidayListError {
    pub position: usize,
    pub entry: String,
    pub problem: HolidayProblem,
}

impl fmt::Display for HolidayListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.problem {
            HolidayProblem::Malformed => "expected a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD",
            HolidayProblem::NoSuchDate => "no such date",
            HolidayProblem::Reversed => "the range ends before it starts",
            HolidayProblem::TooLong => "the range is longer than 366 days",
        };
        write!(f, "holiday list, entry {} {:?}: {why}", self.position, self.entry)
    }
}

impl std::error::Error for HolidayListError {}

/// Parses a holiday list: comma-separated dates `YYYY-MM-DD` and inclusive
/// ranges `YYYY-MM-DD..YYYY-MM-DD`; spaces and line breaks around entries
/// and empty entries are ignored. Returns the days (since 1970-01-01) sorted,
/// each once.
pub fn parse_holiday_list(list: &str) -> Result<Vec<i64>, HolidayListError> {
    let mut days = Vec::new();
    for (i, raw) in list.split(',').enumerate() {
        let entry = raw.trim();
        if entry.is_empty() {
            continue;
        }
        let fail = |problem| HolidayListError { position: i + 1, entry: entry.to_owned(), problem };
        let date = |s: &str| {
            parse_ymd(s.trim()).map_err(|p| match p {
                DateProblem::Malformed => fail(HolidayProblem::Malformed),
                DateProblem::NoSuchDate => fail(HolidayProblem::NoSuchDate),
            })
        };
        match entry.split_once("..") {
            None => days.push(date(entry)?),
            Some((from, to)) => {
                let (from, to) = (date(from)?, date(to)?);
                if to < from {
                    return Err(fail(HolidayProblem::Reversed));
                }
                if to - from + 1 > MAX_HOLIDAY_RANGE_DAYS {
                    return Err(fail(HolidayProblem::TooLong));
                }
                days.extend(from..=to);
            }
        }
    }
    days.sort_unstable();
    days.dedup();
    Ok(days)
}

// ---------------------------------------------------------------------------
// Inputs

/// A required enum field: `Required` when empty, `Invalid` when unknown.
fn check_choice<T>(field: &str, raw: &str, parse: fn(&str) -> Option<T>, choices: &str, errors: &mut Vec<FieldError>) -> Option<T> {
    let raw = raw.trim();
    if raw.is_empty() {
        errors.push(FieldError::new(field, FieldProblem::Required, format!("Choose one of {choices}.")));
        return None;
    }
    let parsed = parse(raw);
    if parsed.is_none() {
        errors.push(FieldError::new(field, FieldProblem::Invalid, format!("Choose one of {choices}.")));
    }
    parsed
}

/// An optional enum field: the default when absent or empty.
fn check_optional_choice<T>(field: &str, raw: Option<&str>, default: T, parse: fn(&str) -> Option<T>, choices: &str, errors: &mut Vec<FieldError>) -> Option<T> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Some(default),
        Some(s) => check_choice(field, s, parse, choices, errors),
    }
}

fn check_date(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        errors.push(FieldError::new(field, FieldProblem::Required, "Give a date (YYYY-MM-DD)."));
        return None;
    }
    let day = parse_date(raw);
    if day.is_none() {
        errors.push(FieldError::new(field, FieldProblem::Invalid, "Give a real date as YYYY-MM-DD."));
    }
    day
}

fn check_number(field: &str, value: f64, errors: &mut Vec<FieldError>) {
    if !value.is_finite() {
        errors.push(FieldError::new(field, FieldProblem::Invalid, "Give a number."));
    }
}

/// Strips an ASCII prefix, ignoring case.
fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    s.get(..prefix.len()).filter(|head| head.eq_ignore_ascii_case(prefix)).and_then(|_| s.get(prefix.len()..))
}

/// An `http` or `https` address with a host, without spaces, control
/// characters or characters that have no place in a URL (`<>"` and
/// backslash).
fn is_web_link(s: &str) -> bool {
    let Some(rest) = strip_prefix_ignore_case(s, "https://").or_else(|| strip_prefix_ignore_case(s, "http://")) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty() && !host.starts_with(['.', '@', ':']) && !s.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\'))
}

/// A task as an admin or its task force gives it (create or edit).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskInput {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// `priority` or `institution_managed`.
    #[serde(default)]
    pub kind: String,
    /// As on proposals (`participation`, `public_service`, `work_practice`).
    #[serde(default)]
    pub area_code: String,
    /// `national` or a 시·도 code.
    #[serde(default)]
    pub region_code: String,
    /// The lead organisation (주관기관).
    #[serde(default)]
    pub lead_organisation_id: i64,
    /// Partner organisations (협업기관): each once, not the lead.
    #[serde(default)]
    pub partner_organisation_ids: Vec<i64>,
    /// The selected proposal the task carries out, if any.
    #[serde(default)]
    pub proposal_id: Option<i64>,
}

/// A checked task (the server checks that the codes, organisations and
/// proposal exist).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedTask {
    pub title: String,
    pub description: String,
    pub kind: TaskKind,
    pub area_code: String,
    pub region_code: String,
    pub lead_organisation_id: i64,
    /// In the order given.
    pub partner_organisation_ids: Vec<i64>,
    pub proposal_id: Option<i64>,
}

impl TaskInput {
    /// Title 2–200 characters on one line, description up to 10,000, a known
    /// kind, an area and a region, a lead organisation, at most 50 partner
    /// organisations listed once each and not the lead.
    pub fn check(&self) -> Result<CheckedTask, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = check_line("title", &self.title, limits::TITLE, &mut errors);
        let description = check_optional_text("description", &self.description, limits::DESCRIPTION, &mut errors);
        let kind = check_choice("kind", &self.kind, TaskKind::parse, "priority, institution_managed", &mut errors);
        let area_code = self.area_code.trim().to_owned();
        if area_code.is_empty() {
            errors.push(FieldError::new("area_code", FieldProblem::Required, "Choose an area."));
        }
        let region_code = self.region_code.trim().to_owned();
        if region_code.is_empty() {
            errors.push(FieldError::new("region_code", FieldProblem::Required, "Choose a region (전국 for the whole country)."));
        }
        if self.lead_organisation_id <= 0 {
            errors.push(FieldError::new("lead_organisation_id", FieldProblem::Required, "Choose the lead organisation."));
        }
        let partners = &self.partner_organisation_ids;
        let field = "partner_organisation_ids";
        if partners.len() > limits::PARTNERS {
            errors.push(FieldError::new(field, FieldProblem::TooLong, "Name at most 50 partner organisations.").with_limits(0, limits::PARTNERS));
        } else if partners.iter().any(|&p| p <= 0) {
            errors.push(FieldError::new(field, FieldProblem::Invalid, "A partner organisation is unknown."));
        } else if partners.iter().enumerate().any(|(i, p)| partners[..i].contains(p)) {
            errors.push(FieldError::new(field, FieldProblem::Invalid, "Each partner organisation can be listed only once."));
        } else if partners.contains(&self.lead_organisation_id) {
            errors.push(FieldError::new(field, FieldProblem::Invalid, "The lead organisation is not also a partner."));
        }
        if self.proposal_id.is_some_and(|p| p <= 0) {
            errors.push(FieldError::new("proposal_id", FieldProblem::Invalid, "The proposal is unknown."));
        }
        match kind {
            Some(kind) if errors.is_empty() => Ok(CheckedTask {
                title,
                description,
                kind,
                area_code,
                region_code,
                lead_organisation_id: self.lead_organisation_id,
                partner_organisation_ids: partners.clone(),
                proposal_id: self.proposal_id,
            }),
            _ => Err(errors),
        }
    }
}

/// A milestone as its task force gives it (create or edit).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MilestoneInput {
    #[serde(default)]
    pub title: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub due_date: String,
    /// The person answerable for it, if any.
    #[serde(default)]
    pub owner_id: Option<i64>,
    /// A relative weight, 1–100 (default 1).
    #[serde(default)]
    pub weight: Option<u32>,
    /// The milestone it is part of, if any.
    #[serde(default)]
    pub parent_id: Option<i64>,
    /// `planned` (default), `in_progress`, `done` or `delayed`.
    #[serde(default)]
    pub status: Option<String>,
    /// Its own progress, 0–100; only kept when in progress or delayed.
    #[serde(default)]
    pub progress_percent: Option<u32>,
}

/// A checked milestone (the server checks the owner and the parent, and
/// that the parent does not make a cycle, with [`roll_up`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedMilestone {
    pub title: String,
    /// Normalised `YYYY-MM-DD`.
    pub due_date: String,
    /// The same, in days since 1970-01-01.
    pub due_day: i64,
    pub owner_id: Option<i64>,
    pub weight: u32,
    pub parent_id: Option<i64>,
    pub status: MilestoneStatus,
    /// Some only when the status takes a percentage.
    pub progress_percent: Option<u32>,
}

impl MilestoneInput {
    /// Title 2–200 characters on one line, a real due date, a weight 1–100,
    /// a known status, a percentage 0–100. A percentage given with a status
    /// that does not take one (planned, done) is dropped: the roll-up would
    /// not use it.
    pub fn check(&self) -> Result<CheckedMilestone, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = check_line("title", &self.title, limits::TITLE, &mut errors);
        let due_day = check_date("due_date", &self.due_date, &mut errors);
        let weight = self.weight.unwrap_or(1);
        let (min, max) = limits::WEIGHT;
        if !(min..=max).contains(&weight) {
            errors.push(FieldError::new("weight", FieldProblem::Invalid, "A weight is a whole number from 1 to 100."));
        }
        let status = check_optional_choice(
            "status",
            self.status.as_deref(),
            MilestoneStatus::Planned,
            MilestoneStatus::parse,
            "planned, in_progress, done, delayed",
            &mut errors,
        );
        if self.progress_percent.is_some_and(|p| p > 100) {
            errors.push(FieldError::new("progress_percent", FieldProblem::Invalid, "Progress is a percentage from 0 to 100."));
        }
        if self.owner_id.is_some_and(|o| o <= 0) {
            errors.push(FieldError::new("owner_id", FieldProblem::Invalid, "The owner is unknown."));
        }
        if self.parent_id.is_some_and(|p| p <= 0) {
            errors.push(FieldError::new("parent_id", FieldProblem::Invalid, "The parent milestone is unknown."));
        }
        match (due_day, status) {
            (Some(due_day), Some(status)) if errors.is_empty() => Ok(CheckedMilestone {
                title,
                due_date: format_date(due_day),
                due_day,
                owner_id: self.owner_id,
                weight,
                parent_id: self.parent_id,
                status,
                progress_percent: self.progress_percent.filter(|_| status.takes_percent()),
            }),
            _ => Err(errors),
        }
    }
}

/// A progress update (진행 소식): a note with optional links, shown on the
/// public task page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressUpdateInput {
    #[serde(default)]
    pub body: String,
    /// Up to 5 `http(s)` addresses (attachments, press releases).
    #[serde(default)]
    pub links: Vec<String>,
}

/// A checked progress update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedUpdate {
    pub body: String,
    /// Trimmed, without empty entries or repeats, in the order given.
    pub links: Vec<String>,
}

impl ProgressUpdateInput {
    /// Body 5–5,000 characters; at most 5 links, each an `http` or `https`
    /// address of at most 500 characters. Empty link fields are skipped.
    pub fn check(&self) -> Result<CheckedUpdate, Vec<FieldError>> {
        let mut errors = Vec::new();
        let body = check_text("body", &self.body, limits::UPDATE_BODY, &mut errors);
        let mut links: Vec<String> = Vec::new();
        for link in self.links.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
            if char_len(link) > limits::LINK {
                errors.push(FieldError::new("links", FieldProblem::TooLong, "A link is at most 500 characters.").with_limits(0, limits::LINK));
            } else if !is_web_link(link) {
                errors.push(FieldError::new("links", FieldProblem::Invalid, "A link starts with http:// or https:// and has no spaces."));
            } else if !links.iter().any(|l| l == link) {
                links.push(link.to_owned());
            }
        }
        if links.len() > limits::LINKS {
            errors.push(FieldError::new("links", FieldProblem::TooLong, "Give at most 5 links.").with_limits(0, limits::LINKS));
        }
        if errors.is_empty() { Ok(CheckedUpdate { body, links }) } else { Err(errors) }
    }
}

/// An outcome indicator (성과지표) of a task.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorInput {
    #[serde(default)]
    pub name: String,
    /// e.g. `%`, `건`, `일`.
    #[serde(default)]
    pub unit: String,
    pub baseline: f64,
    /// Above the baseline for "more is better", below it for "less is better".
    pub target: f64,
}

/// A checked indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedIndicator {
    pub name: String,
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
}

impl IndicatorInput {
    /// Name 2–100 characters and unit 1–20, each on one line; baseline and
    /// target numbers, the target different from the baseline.
    pub fn check(&self) -> Result<CheckedIndicator, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = check_line("name", &self.name, limits::INDICATOR_NAME, &mut errors);
        let unit = check_line("unit", &self.unit, limits::UNIT, &mut errors);
        check_number("baseline", self.baseline, &mut errors);
        check_number("target", self.target, &mut errors);
        if self.target.is_finite() && self.baseline.is_finite() && self.target == self.baseline {
            errors.push(FieldError::new("target", FieldProblem::Invalid, "The target differs from the baseline."));
        }
        if errors.is_empty() { Ok(CheckedIndicator { name, unit, baseline: self.baseline, target: self.target }) } else { Err(errors) }
    }
}

/// A measured value of an indicator.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorValueInput {
    /// The day measured, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: String,
    pub value: f64,
}

/// A checked value: the day (days since 1970-01-01), the normalised date and
/// the value.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedIndicatorValue {
    pub day: i64,
    pub date: String,
    pub value: f64,
}

impl IndicatorValueInput {
    /// A real date and a number.
    pub fn check(&self) -> Result<CheckedIndicatorValue, Vec<FieldError>> {
        let mut errors = Vec::new();
        let day = check_date("date", &self.date, &mut errors);
        check_number("value", self.value, &mut errors);
        match day {
            Some(day) if errors.is_empty() => Ok(CheckedIndicatorValue { day, date: format_date(day), value: self.value }),
            _ => Err(errors),
        }
    }
}

/// The task force's override of the derived health, with the reason shown
/// beside it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthOverrideInput {
    /// `on_track`, `at_risk` or `delayed`.
    #[serde(default)]
    pub health: String,
    #[serde(default)]
    pub reason: String,
}

impl HealthOverrideInput {
    /// A known health and a reason of 5–1,000 characters.
    pub fn check(&self) -> Result<(Health, String), Vec<FieldError>> {
        let mut errors = Vec::new();
        let health = check_choice("health", &self.health, Health::parse, "on_track, at_risk, delayed", &mut errors);
        let reason = check_text("reason", &self.reason, limits::REASON, &mut errors);
        match health {
            Some(h) if errors.is_empty() => Ok((h, reason)),
            _ => Err(errors),
        }
    }
}

/// An SOS request raised by a task-force member.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SosInput {
    /// A short subject for the desk's queue (2–200 characters).
    #[serde(default)]
    pub title: String,
    /// `staffing`, `budget`, `law`, `coordination` or `other`.
    #[serde(default)]
    pub category: String,
    /// `urgent`, `high`, `normal` (default) or `low`.
    #[serde(default)]
    pub urgency: Option<String>,
    #[serde(default)]
    pub description: String,
    /// The organisations concerned.
    #[serde(default)]
    pub organisation_ids: Vec<i64>,
}

/// A checked SOS request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedSos {
    pub title: String,
    pub category: SosCategory,
    pub urgency: SosUrgency,
    pub description: String,
    /// Sorted, each once.
    pub organisation_ids: Vec<i64>,
}

impl SosInput {
    /// A title of 2–200 characters on one line, a known category and
    /// urgency, a description of 10–5,000 characters, at most 20
    /// organisations (repeats dropped).
    pub fn check(&self) -> Result<CheckedSos, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = check_line("title", &self.title, limits::TITLE, &mut errors);
        let category = check_choice("category", &self.category, SosCategory::parse, "staffing, budget, law, coordination, other", &mut errors);
        let urgency = check_optional_choice("urgency", self.urgency.as_deref(), SosUrgency::Normal, SosUrgency::parse, "urgent, high, normal, low", &mut errors);
        let description = check_text("description", &self.description, limits::SOS_DESCRIPTION, &mut errors);
        let mut organisation_ids = self.organisation_ids.clone();
        organisation_ids.sort_unstable();
        organisation_ids.dedup();
        if organisation_ids.len() > limits::SOS_ORGANISATIONS {
            errors.push(FieldError::new("organisation_ids", FieldProblem::TooLong, "Name at most 20 organisations.").with_limits(0, limits::SOS_ORGANISATIONS));
        } else if organisation_ids.iter().any(|&o| o <= 0) {
            errors.push(FieldError::new("organisation_ids", FieldProblem::Invalid, "An organisation is unknown."));
        }
        match (category, urgency) {
            (Some(category), Some(urgency)) if errors.is_empty() => Ok(CheckedSos { title, category, urgency, description, organisation_ids }),
            _ => Err(errors),
        }
    }
}

/// A message in an SOS thread.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SosReplyInput {
    #[serde(default)]
    pub body: String,
    /// `reply` (default), `request_info`, `escalate` or `resolve`.
    #[serde(default)]
    pub kind: Option<String>,
}

impl SosReplyInput {
    /// A known kind and a body of 1–5,000 characters. Who may send which
    /// kind is the server's call.
    pub fn check(&self) -> Result<(SosReplyKind, String), Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = check_optional_choice("kind", self.kind.as_deref(), SosReplyKind::Reply, SosReplyKind::parse, "reply, request_info, escalate, resolve", &mut errors);
        let body = check_text("body", &self.body, limits::REPLY, &mut errors);
        match kind {
            Some(kind) if errors.is_empty() => Ok((kind, body)),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn day(y: i32, m: u32, d: u32) -> i64 {
        days_from_civil(y, m, d)
    }

    /// A moment given in KST (UTC+09:00).
    fn kst(y: i32, m: u32, d: u32, hour: i64, minute: i64) -> i64 {
        day(y, m, d) * DAY_SECS + hour * 3_600 + minute * 60 - 9 * 3_600
    }

    const HOUR: i64 = 3_600;

    fn fields(errors: Vec<FieldError>) -> Vec<(String, FieldProblem)> {
        errors.into_iter().map(|e| (e.field, e.code)).collect()
    }

    // -- enums --------------------------------------------------------------

    #[test]
    fn enums_round_trip_through_their_wire_names() {
        for s in MilestoneStatus::ALL {
            assert_eq!(MilestoneStatus::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap_or_default(), format!("\"{}\"", s.as_str()));
        }
        for h in Health::ALL {
            assert_eq!(Health::parse(h.as_str()), Some(h));
            assert_eq!(serde_json::to_string(&h).unwrap_or_default(), format!("\"{}\"", h.as_str()));
        }
        for c in SosCategory::ALL {
            assert_eq!(SosCategory::parse(c.as_str()), Some(c));
        }
        for u in SosUrgency::ALL {
            assert_eq!(SosUrgency::parse(u.as_str()), Some(u));
            assert_eq!(serde_json::to_string(&u).unwrap_or_default(), format!("\"{}\"", u.as_str()));
        }
        for s in SosState::ALL {
            assert_eq!(SosState::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap_or_default(), format!("\"{}\"", s.as_str()));
        }
        for k in SosReplyKind::ALL {
            assert_eq!(SosReplyKind::parse(k.as_str()), Some(k));
        }
        for k in TaskKind::ALL {
            assert_eq!(TaskKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_string(&k).unwrap_or_default(), format!("\"{}\"", k.as_str()));
        }
        for r in OrgRole::ALL {
            assert_eq!(OrgRole::parse(r.as_str()), Some(r));
        }
        assert_eq!(MilestoneStatus::parse("InProgress"), None);
        assert_eq!(SosState::parse("waiting_for_info"), Some(SosState::WaitingForInfo));
        assert_eq!(TaskKind::parse("institution_managed"), Some(TaskKind::InstitutionManaged));
    }

    // -- dates --------------------------------------------------------------

    #[test]
    fn civil_dates_convert_both_ways() {
        assert_eq!(day(1970, 1, 1), 0);
        assert_eq!(day(1969, 12, 31), -1);
        assert_eq!(day(2000, 3, 1), 11_017);
        assert_eq!(day(2026, 11, 30), 20_787);
        assert_eq!(civil_from_days(20_787), (2026, 11, 30));
        assert_eq!(civil_from_days(day(2024, 2, 29)), (2024, 2, 29));
        // Every day from 1900 to 2100 survives the round trip and follows the day before.
        let (start, end) = (day(1900, 1, 1), day(2100, 12, 31));
        let mut previous = civil_from_days(start - 1);
        for d in start..=end {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(day(y, m, dd), d);
            let next_day = dd == previous.2 + 1 && m == previous.1 && y == previous.0;
            let next_month = dd == 1 && previous.2 == days_in_month(previous.0, previous.1);
            assert!(next_day || next_month, "{previous:?} → {:?}", (y, m, dd));
            previous = (y, m, dd);
        }
    }

    #[test]
    fn weekdays_count_from_monday() {
        assert_eq!(weekday(0), 3); // 1970-01-01, a Thursday
        assert_eq!(weekday(day(2026, 11, 30)), 0); // Monday
        assert_eq!(weekday(day(2026, 11, 28)), 5); // Saturday
        assert_eq!(weekday(day(2026, 11, 29)), 6); // Sunday
        assert_eq!(weekday(-1), 2); // 1969-12-31, a Wednesday
    }

    #[test]
    fn dates_parse_strictly_and_format_back() {
        assert_eq!(parse_date("2026-12-25"), Some(day(2026, 12, 25)));
        assert_eq!(parse_date("2028-02-29"), Some(day(2028, 2, 29)));
        for bad in ["2027-02-29", "2100-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-5", "2026/01/05", "26-01-05", "2026-01-05 ", "+026-01-05", "２０２６-01-05", ""] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
        assert_eq!(format_date(day(2026, 1, 5)), "2026-01-05");
        assert_eq!(format_date(0), "1970-01-01");
        // Local dates at KST: 23:30 UTC is already the next day in Seoul.
        let ts = day(2026, 11, 29) * DAY_SECS + 23 * HOUR + 30 * 60;
        assert_eq!(local_day(ts, 540), day(2026, 11, 30));
        assert_eq!(local_day(ts, 0), day(2026, 11, 29));
    }

    // -- progress -----------------------------------------------------------

    fn ms(id: i64, parent_id: Option<i64>, weight: u32, status: MilestoneStatus, percent: Option<u32>) -> RollupMilestone {
        RollupMilestone { id, parent_id, weight, status, percent }
    }

    #[test]
    fn progress_rolls_up_through_nested_milestones_by_weight() {
        use MilestoneStatus::*;
        let milestones = [
            ms(1, None, 3, InProgress, Some(99)), // a parent: its own percent is not used
            ms(2, Some(1), 1, Done, Some(30)),    // done → 100 whatever the percent
            ms(3, Some(1), 3, Planned, None),     // a parent of 5 and 6
            ms(5, Some(3), 1, InProgress, Some(60)),
            ms(6, Some(3), 1, Delayed, Some(20)),
            ms(4, None, 1, Planned, Some(80)), // planned → 0 whatever the percent
        ];
        let r = roll_up(&milestones).unwrap_or_else(|e| panic!("{e}"));
        // 3 = (60 + 20) / 2 = 40; 1 = (1·100 + 3·40) / 4 = 55; task = (3·55 + 1·0) / 4 = 41.25.
        assert!(close(r.milestones[&5], 60.0));
        assert!(close(r.milestones[&6], 20.0));
        assert!(close(r.milestones[&3], 40.0));
        assert!(close(r.milestones[&2], 100.0));
        assert!(close(r.milestones[&1], 55.0));
        assert!(close(r.milestones[&4], 0.0));
        assert!(close(r.task, 41.25), "{}", r.task);
        // In progress without a percentage counts as 0; percentages are clamped to 100.
        let r = roll_up(&[ms(1, None, 1, InProgress, None), ms(2, None, 1, Delayed, Some(250))]).unwrap_or_default();
        assert!(close(r.task, 50.0));
    }

    #[test]
    fn zero_weights_fall_back_to_the_plain_mean() {
        use MilestoneStatus::*;
        // Children weighing 0 and 0: the plain mean of 100 and 50.
        let r = roll_up(&[ms(1, None, 0, Planned, None), ms(2, Some(1), 0, Done, None), ms(3, Some(1), 0, InProgress, Some(50))]).unwrap_or_default();
        assert!(close(r.milestones[&1], 75.0));
        assert!(close(r.task, 75.0));
        // Some weight elsewhere: a zero-weight sibling counts for nothing.
        let r = roll_up(&[ms(1, None, 0, Done, None), ms(2, None, 2, InProgress, Some(50))]).unwrap_or_default();
        assert!(close(r.task, 50.0));
    }

    #[test]
    fn a_task_without_milestones_is_at_zero() {
        let r = roll_up(&[]).unwrap_or_else(|e| panic!("{e}"));
        assert!(close(r.task, 0.0));
        assert!(r.milestones.is_empty());
    }

    #[test]
    fn cycles_unknown_parents_and_repeated_ids_are_refused() {
        use MilestoneStatus::*;
        assert_eq!(roll_up(&[ms(1, Some(9), 1, Planned, None)]), Err(RollupError::UnknownParent { id: 1, parent_id: 9 }));
        assert_eq!(roll_up(&[ms(4, Some(4), 1, Planned, None)]), Err(RollupError::Cycle { id: 4 }));
        // 7 → 8 → 9 → 7, with 10 hanging under the cycle and 1 a healthy root.
        let cyclic = [
            ms(1, None, 1, Done, None),
            ms(10, Some(9), 1, Planned, None),
            ms(9, Some(8), 1, Planned, None),
            ms(8, Some(7), 1, Planned, None),
            ms(7, Some(9), 1, Planned, None),
        ];
        assert_eq!(roll_up(&cyclic), Err(RollupError::Cycle { id: 7 }));
        assert_eq!(roll_up(&[ms(1, None, 1, Done, None), ms(1, None, 1, Done, None)]), Err(RollupError::DuplicateId { id: 1 }));
        assert_eq!(RollupError::Cycle { id: 7 }.to_string(), "milestone 7 is its own ancestor");
    }

    // -- health -------------------------------------------------------------

    fn hm(status: MilestoneStatus, due_day: i64, progress: f64) -> HealthMilestone {
        HealthMilestone { status, due_day, progress }
    }

    fn hi(baseline: f64, target: f64, actual: Option<f64>, expected_fraction: f64) -> HealthIndicator {
        HealthIndicator { baseline, target, actual, expected_fraction }
    }

    #[test]
    fn health_is_delayed_by_a_late_or_delayed_milestone() {
        use MilestoneStatus::*;
        let today = day(2026, 12, 1);
        // Past due yesterday and not done, even at 90 %.
        assert_eq!(derive_health(&[hm(InProgress, today - 1, 90.0)], &[], today), Health::Delayed);
        // Marked delayed, even if due later.
        assert_eq!(derive_health(&[hm(Delayed, today + 60, 10.0)], &[], today), Health::Delayed);
        // Past due but done: fine.
        assert_eq!(derive_health(&[hm(Done, today - 30, 100.0)], &[], today), Health::OnTrack);
        // Delayed wins over at risk.
        let lagging = hi(0.0, 100.0, Some(0.0), 1.0);
        assert_eq!(derive_health(&[hm(Planned, today - 1, 0.0), hm(Planned, today + 3, 0.0)], &[lagging], today), Health::Delayed);
    }

    #[test]
    fn health_is_at_risk_when_a_milestone_due_within_14_days_is_not_half_done() {
        use MilestoneStatus::*;
        let today = day(2026, 12, 1);
        // Due today is not late yet, but at risk below 50 %.
        assert_eq!(derive_health(&[hm(InProgress, today, 40.0)], &[], today), Health::AtRisk);
        assert_eq!(derive_health(&[hm(Planned, today + 14, 49.9)], &[], today), Health::AtRisk);
        // 15 days out, or half done, or done: on track.
        assert_eq!(derive_health(&[hm(Planned, today + 15, 0.0)], &[], today), Health::OnTrack);
        assert_eq!(derive_health(&[hm(InProgress, today + 3, 50.0)], &[], today), Health::OnTrack);
        assert_eq!(derive_health(&[hm(Done, today + 3, 100.0)], &[], today), Health::OnTrack);
        assert_eq!(derive_health(&[], &[], today), Health::OnTrack);
    }

    #[test]
    fn health_is_at_risk_when_an_indicator_lags_its_expected_path() {
        let today = day(2026, 12, 1);
        // More is better: 10 → 20, half the way expected (5 of 10); 0.8 × 0.5 = 0.4 needed.
        assert_eq!(derive_health(&[], &[hi(10.0, 20.0, Some(13.0), 0.5)], today), Health::AtRisk); // 0.3
        assert_eq!(derive_health(&[], &[hi(10.0, 20.0, Some(15.0), 0.5)], today), Health::OnTrack); // 0.5
        // Less is better: 100 → 50 (e.g. days to process a permit).
        assert_eq!(derive_health(&[], &[hi(100.0, 50.0, Some(90.0), 0.5)], today), Health::AtRisk); // 0.2
        assert_eq!(derive_health(&[], &[hi(100.0, 50.0, Some(75.0), 0.5)], today), Health::OnTrack); // 0.5
        // Moving the wrong way is below any expectation above 0.
        assert_eq!(derive_health(&[], &[hi(100.0, 50.0, Some(110.0), 0.1)], today), Health::AtRisk);
        // No value yet, or a target equal to the baseline: not judged.
        assert_eq!(derive_health(&[], &[hi(10.0, 20.0, None, 1.0), hi(5.0, 5.0, Some(0.0), 1.0)], today), Health::OnTrack);
        assert_eq!(achieved_fraction(100.0, 50.0, 80.0).map(|f| close(f, 0.4)), Some(true));
        assert_eq!(achieved_fraction(5.0, 5.0, 7.0), None);
        assert!(close(linear_expected_fraction(day(2026, 1, 1), day(2026, 1, 11), day(2026, 1, 6)), 0.5));
        assert!(close(linear_expected_fraction(10, 20, 5), 0.0));
        assert!(close(linear_expected_fraction(10, 20, 25), 1.0));
    }

    // -- working time -------------------------------------------------------

    #[test]
    fn a_friday_5pm_request_with_4_working_hours_is_due_monday_noon() {
        let cal = WorkCalendar::default();
        let created = kst(2026, 11, 27, 17, 0); // Friday
        assert_eq!(add_working_seconds(&cal, created, 4 * HOUR), kst(2026, 11, 30, 12, 0));
        assert_eq!(working_seconds_between(&cal, created, kst(2026, 11, 30, 12, 0)), 4 * HOUR);
        // Used up exactly at closing: due at closing, not at the next opening.
        assert_eq!(add_working_seconds(&cal, kst(2026, 11, 27, 14, 0), 4 * HOUR), kst(2026, 11, 27, 18, 0));
        // Two working days (18 h) from Friday 17:00: 1 h Friday, 9 h Monday, 8 h Tuesday.
        assert_eq!(add_working_seconds(&cal, created, 2 * cal.working_day_secs()), kst(2026, 12, 1, 17, 0));
    }

    #[test]
    fn timers_skip_holidays() {
        let cal = WorkCalendar::default();
        // Wednesday before 추석 2026 (Thu 9-24 – Sat 9-26): 1 h Wednesday, 3 h Monday 9-28.
        assert_eq!(add_working_seconds(&cal, kst(2026, 9, 23, 17, 0), 4 * HOUR), kst(2026, 9, 28, 12, 0));
        // Friday before 설날 2027 (Sat 2-6 – Tue 2-9 with its substitute): one working day
        // (9 h) from Friday 16:00 is 2 h Friday and 7 h on Wednesday 2-10.
        assert_eq!(add_working_seconds(&cal, kst(2027, 2, 5, 16, 0), 9 * HOUR), kst(2027, 2, 10, 16, 0));
        assert_eq!(working_seconds_between(&cal, kst(2027, 2, 5, 16, 0), kst(2027, 2, 10, 16, 0)), 9 * HOUR);
        // Election day 2026-06-03 (Wednesday) is off.
        assert_eq!(add_working_seconds(&cal, kst(2026, 6, 2, 17, 0), 2 * HOUR), kst(2026, 6, 4, 10, 0));
        // Without the holiday list, the same request is due on the Thursday.
        let plain = WorkCalendar { holidays: Vec::new(), ..WorkCalendar::default() };
        assert_eq!(add_working_seconds(&plain, kst(2026, 9, 23, 17, 0), 4 * HOUR), kst(2026, 9, 24, 12, 0));
    }

    #[test]
    fn timers_start_at_opening_when_raised_outside_hours() {
        let cal = WorkCalendar::default();
        // Before opening on a Tuesday: the count starts at 09:00.
        assert_eq!(add_working_seconds(&cal, kst(2026, 12, 1, 7, 30), 4 * HOUR), kst(2026, 12, 1, 13, 0));
        assert_eq!(working_seconds_between(&cal, kst(2026, 12, 1, 7, 30), kst(2026, 12, 1, 9, 0)), 0);
        // At night: the next morning.
        assert_eq!(add_working_seconds(&cal, kst(2026, 11, 30, 22, 0), HOUR), kst(2026, 12, 1, 10, 0));
        // On a Saturday: Monday morning.
        assert_eq!(add_working_seconds(&cal, kst(2026, 11, 28, 10, 0), 4 * HOUR), kst(2026, 11, 30, 13, 0));
        assert_eq!(working_seconds_between(&cal, kst(2026, 11, 28, 10, 0), kst(2026, 11, 29, 20, 0)), 0);
        // Zero seconds: the moment itself.
        assert_eq!(add_working_seconds(&cal, kst(2026, 11, 28, 10, 0), 0), kst(2026, 11, 28, 10, 0));
        // Backwards intervals count nothing.
        assert_eq!(working_seconds_between(&cal, kst(2026, 12, 1, 12, 0), kst(2026, 12, 1, 10, 0)), 0);
    }

    #[test]
    fn counting_working_seconds_undoes_adding_them() {
        let cal = WorkCalendar::default();
        let starts = [
            kst(2026, 11, 27, 17, 0),
            kst(2026, 9, 23, 8, 15),
            kst(2026, 12, 24, 17, 59),
            kst(2027, 2, 6, 12, 0),
            kst(2027, 12, 24, 18, 0),
            kst(2028, 3, 3, 11, 11), // past the last listed holiday: whole weeks are skipped
        ];
        let day_secs = cal.working_day_secs();
        for from in starts {
            for secs in [1, 59, HOUR, 4 * HOUR, day_secs, day_secs + 1, 2 * day_secs, 5 * day_secs, 10 * day_secs, 20 * day_secs, 400 * day_secs + 17] {
                let deadline = add_working_seconds(&cal, from, secs);
                assert_eq!(working_seconds_between(&cal, from, deadline), secs, "from {from} + {secs}");
                // The deadline is the first such moment: a second earlier, one second is missing.
                assert_eq!(working_seconds_between(&cal, from, deadline - 1), secs - 1, "from {from} + {secs}");
            }
        }
    }

    #[test]
    fn working_seconds_match_a_minute_by_minute_count() {
        // 추석 and 개천절 2026 with the substitute, over 17 days, in UTC+09:00, against
        // a plain count of working minutes.
        let cal = WorkCalendar::default();
        let start = kst(2026, 9, 21, 0, 0);
        let minutes = 17 * 24 * 60;
        let mut prefix = vec![0_i64; minutes + 1];
        for i in 0..minutes {
            let local = start + i as i64 * 60 + 9 * HOUR;
            let (d, minute_of_day) = (local.div_euclid(DAY_SECS), local.rem_euclid(DAY_SECS) / 60);
            let working = cal.is_working_day(d) && (540..1080).contains(&minute_of_day);
            prefix[i + 1] = prefix[i] + i64::from(working);
        }
        // 13 weekdays less the holidays on weekdays (9-24, 9-25 and the substitute 10-05).
        assert_eq!(prefix[minutes], 10 * 9 * 60);
        let points: Vec<usize> = (0..=minutes).step_by(90).collect();
        for &a in &points {
            for &b in &points {
                let expected = if b > a { (prefix[b] - prefix[a]) * 60 } else { 0 };
                let got = working_seconds_between(&cal, start + a as i64 * 60, start + b as i64 * 60);
                assert_eq!(got, expected, "minutes {a}..{b}");
            }
        }
    }

    #[test]
    fn timers_work_at_other_offsets_and_with_repeated_holidays() {
        // UTC, 08:00–16:00, a holiday listed twice (and a Saturday listed).
        let cal = WorkCalendar {
            start_minute: 8 * 60,
            end_minute: 16 * 60,
            utc_offset_minutes: 0,
            holidays: vec![day(2026, 12, 2), day(2026, 12, 2), day(2026, 12, 5)],
        };
        let tuesday_15 = day(2026, 12, 1) * DAY_SECS + 15 * HOUR;
        // 1 h Tuesday, Wednesday off, 2 h Thursday → Thursday 10:00 UTC.
        assert_eq!(add_working_seconds(&cal, tuesday_15, 3 * HOUR), day(2026, 12, 3) * DAY_SECS + 10 * HOUR);
        // Tuesday to next Tuesday 15:00: 1 + 8 (Thu) + 8 (Fri) + 8 (Mon) + 7 (Tue) = 32 h.
        assert_eq!(working_seconds_between(&cal, tuesday_15, day(2026, 12, 8) * DAY_SECS + 15 * HOUR), 32 * HOUR);
        assert!(cal.check().is_ok());
        // A calendar that makes no sense is reported, and the timers still end.
        let broken = WorkCalendar { start_minute: 18 * 60, end_minute: 9 * 60, ..cal };
        assert!(broken.check().is_err());
        assert_eq!(broken.working_day_secs(), DAY_SECS);
        assert!(add_working_seconds(&broken, tuesday_15, 10 * DAY_SECS) > tuesday_15);
        assert!(WorkCalendar { utc_offset_minutes: 900, ..WorkCalendar::default() }.check().is_err());
    }

    // -- service levels -----------------------------------------------------

    #[test]
    fn default_service_levels_follow_the_table() {
        let cal = WorkCalendar::default();
        let d = 9 * HOUR;
        let policy = SlaPolicy::defaults(&cal);
        assert_eq!(policy.for_urgency(SosUrgency::Urgent), Sla { first_response_secs: 4 * HOUR, resolution_secs: 2 * d });
        assert_eq!(policy.for_urgency(SosUrgency::High), Sla { first_response_secs: d, resolution_secs: 5 * d });
        assert_eq!(policy.for_urgency(SosUrgency::Normal), Sla { first_response_secs: 2 * d, resolution_secs: 10 * d });
        assert_eq!(policy.for_urgency(SosUrgency::Low), Sla { first_response_secs: 5 * d, resolution_secs: 20 * d });
        // A working day is as long as the opening hours.
        let short = WorkCalendar { start_minute: 10 * 60, end_minute: 16 * 60, ..WorkCalendar::default() };
        assert_eq!(Sla::default_for(SosUrgency::High, &short).first_response_secs, 6 * HOUR);
    }

    #[test]
    fn overdue_compares_the_answer_or_now_with_the_deadline() {
        let cal = WorkCalendar::default();
        let created = kst(2026, 11, 27, 17, 0); // due Monday 12:00
        let secs = 4 * HOUR;
        assert_eq!(due(&cal, created, secs), kst(2026, 11, 30, 12, 0));
        // Not answered: overdue once now is past the deadline.
        assert!(!overdue(&cal, created, kst(2026, 11, 30, 12, 0), None, secs));
        assert!(overdue(&cal, created, kst(2026, 11, 30, 12, 1), None, secs));
        // Answered on time stays on time, however late it is now.
        assert!(!overdue(&cal, created, kst(2026, 12, 20, 9, 0), Some(kst(2026, 11, 30, 11, 0)), secs));
        // Answered late stays late.
        assert!(overdue(&cal, created, kst(2026, 12, 20, 9, 0), Some(kst(2026, 11, 30, 15, 0)), secs));
        let c = clock(&cal, created, kst(2026, 11, 30, 15, 0), None, secs);
        assert_eq!(c, SlaClock { due: kst(2026, 11, 30, 12, 0), elapsed_secs: 7 * HOUR, remaining_secs: -3 * HOUR, overdue: true });
        let c = clock(&cal, created, kst(2026, 12, 9, 9, 0), Some(kst(2026, 11, 28, 9, 0)), secs);
        assert_eq!((c.elapsed_secs, c.remaining_secs, c.overdue), (HOUR, 3 * HOUR, false));
    }

    #[test]
    fn the_queue_puts_urgent_and_long_waiting_requests_first() {
        let mut queue = vec![(SosUrgency::Normal, 100), (SosUrgency::Urgent, 300), (SosUrgency::Normal, 50), (SosUrgency::Low, 1), (SosUrgency::Urgent, 200)];
        queue.sort_by(|a, b| triage_cmp(*a, *b));
        assert_eq!(queue, vec![(SosUrgency::Urgent, 200), (SosUrgency::Urgent, 300), (SosUrgency::Normal, 50), (SosUrgency::Normal, 100), (SosUrgency::Low, 1)]);
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[30, 10, 20]), Some(20.0));
        assert_eq!(median(&[40, 10, 30, 20]), Some(25.0));
    }

    // -- holidays -----------------------------------------------------------

    #[test]
    fn holiday_lists_parse_dates_and_inclusive_ranges() {
        let days = parse_holiday_list("2026-12-25,2027-01-01,2027-02-06..2027-02-09").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(days, vec![day(2026, 12, 25), day(2027, 1, 1), day(2027, 2, 6), day(2027, 2, 7), day(2027, 2, 8), day(2027, 2, 9)]);
        // Spaces, line breaks, a trailing comma, repeats and any order are fine; empty is empty.
        let days = parse_holiday_list(" 2027-01-01 ,\n 2026-12-25, 2026-12-25 .. 2026-12-25,").unwrap_or_default();
        assert_eq!(days, vec![day(2026, 12, 25), day(2027, 1, 1)]);
        assert_eq!(parse_holiday_list(""), Ok(Vec::new()));
    }

    #[test]
    fn holiday_lists_explain_what_is_wrong() {
        let err = |s: &str| parse_holiday_list(s).err().map(|e| (e.position, e.entry, e.problem));
        assert_eq!(err("2026-12-25,2026-13-01"), Some((2, "2026-13-01".to_owned(), HolidayProblem::NoSuchDate)));
        assert_eq!(err("2027-02-29"), Some((1, "2027-02-29".to_owned(), HolidayProblem::NoSuchDate)));
        assert_eq!(err("2026-12-25;2027-01-01"), Some((1, "2026-12-25;2027-01-01".to_owned(), HolidayProblem::Malformed)));
        assert_eq!(err("2026-12-25,25.12.2026"), Some((2, "25.12.2026".to_owned(), HolidayProblem::Malformed)));
        assert_eq!(err("2026-12-25.."), Some((1, "2026-12-25..".to_owned(), HolidayProblem::Malformed)));
        assert_eq!(err("2027-02-18..2027-02-16"), Some((1, "2027-02-18..2027-02-16".to_owned(), HolidayProblem::Reversed)));
        assert_eq!(err("2026-01-01..2062-01-01"), Some((1, "2026-01-01..2062-01-01".to_owned(), HolidayProblem::TooLong)));
        let message = parse_holiday_list("2026-12-25, 2026-02-30").err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(message, "holiday list, entry 2 \"2026-02-30\": no such date");
    }

    #[test]
    fn the_default_list_has_the_korean_public_holidays_of_2026_and_2027() {
        let days = parse_holiday_list(KOREAN_PUBLIC_HOLIDAYS_2026_2027).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(WorkCalendar::default().holidays, days);
        let in_year = |y: i32| days.iter().filter(|&&d| civil_from_days(d).0 == y).count();
        assert_eq!((in_year(2026), in_year(2027)), (22, 24));
        // Substitute holidays are weekdays that follow a holiday on a weekend or on another holiday.
        for (y, m, d) in [(2026, 3, 2), (2026, 5, 25), (2026, 8, 17), (2026, 10, 5), (2027, 2, 9), (2027, 5, 3), (2027, 7, 19), (2027, 8, 16), (2027, 10, 4), (2027, 10, 11), (2027, 12, 27)] {
            assert!(days.contains(&day(y, m, d)), "{y}-{m}-{d}");
            assert!(weekday(day(y, m, d)) < 5, "{y}-{m}-{d} is a weekday");
        }
        // 현충일 never has a substitute, and 추석 has none for a Saturday.
        assert!(!days.contains(&day(2026, 6, 8)) && !days.contains(&day(2027, 6, 7)) && !days.contains(&day(2026, 9, 28)));
        // Working days lost in 2026 (holidays on weekdays).
        let cal = WorkCalendar::default();
        let weekdays_2026 = (day(2026, 1, 1)..day(2027, 1, 1)).filter(|&d| weekday(d) < 5).count();
        let working_2026 = (day(2026, 1, 1)..day(2027, 1, 1)).filter(|&d| cal.is_working_day(d)).count();
        assert_eq!(weekdays_2026 - working_2026, 16);
    }

    // -- inputs -------------------------------------------------------------

    fn task() -> TaskInput {
        TaskInput {
            title: "청년 주거 지원 원스톱 창구".into(),
            description: "국토부·지자체 협업".into(),
            kind: "priority".into(),
            area_code: "public_service".into(),
            region_code: "national".into(),
            lead_organisation_id: 1,
            partner_organisation_ids: vec![3, 2],
            proposal_id: Some(42),
        }
    }

    #[test]
    fn task_inputs_are_checked() {
        let checked = task().check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(checked.kind, TaskKind::Priority);
        assert_eq!(checked.partner_organisation_ids, vec![3, 2]);
        let bad = TaskInput { title: "가".into(), kind: "urgent".into(), area_code: " ".into(), lead_organisation_id: 0, proposal_id: Some(0), ..task() };
        let got = fields(bad.check().err().unwrap_or_default());
        for expected in [
            ("title", FieldProblem::TooShort),
            ("kind", FieldProblem::Invalid),
            ("area_code", FieldProblem::Required),
            ("lead_organisation_id", FieldProblem::Required),
            ("proposal_id", FieldProblem::Invalid),
        ] {
            assert!(got.iter().any(|(f, c)| f == expected.0 && *c == expected.1), "{expected:?} in {got:?}");
        }
        let no_kind = TaskInput { kind: String::new(), ..task() };
        assert_eq!(fields(no_kind.check().err().unwrap_or_default()), vec![("kind".to_owned(), FieldProblem::Required)]);
        let two_lines = TaskInput { title: "첫 줄\r\n둘째 줄".into(), ..task() };
        assert_eq!(fields(two_lines.check().err().unwrap_or_default()), vec![("title".to_owned(), FieldProblem::Invalid)]);
        let long = TaskInput { description: "가".repeat(10_001), ..task() };
        assert_eq!(fields(long.check().err().unwrap_or_default()), vec![("description".to_owned(), FieldProblem::TooLong)]);
        assert!(TaskInput { description: "가".repeat(10_000), title: "가".repeat(200), ..task() }.check().is_ok());
    }

    #[test]
    fn partners_are_listed_once_and_are_not_the_lead() {
        let partners = |ids: Vec<i64>| fields(TaskInput { partner_organisation_ids: ids, ..task() }.check().err().unwrap_or_default());
        let invalid = vec![("partner_organisation_ids".to_owned(), FieldProblem::Invalid)];
        assert_eq!(partners(vec![2, 3, 2]), invalid);
        assert_eq!(partners(vec![2, 1]), invalid);
        assert_eq!(partners(vec![-5]), invalid);
        assert_eq!(partners((2..=52).collect()), vec![("partner_organisation_ids".to_owned(), FieldProblem::TooLong)]);
        assert!(TaskInput { partner_organisation_ids: Vec::new(), proposal_id: None, kind: "institution_managed".into(), ..task() }.check().is_ok());
    }

    fn milestone() -> MilestoneInput {
        MilestoneInput {
            title: "관계부처 협의".into(),
            due_date: " 2027-03-31 ".into(),
            owner_id: Some(7),
            weight: Some(30),
            parent_id: None,
            status: Some("in_progress".into()),
            progress_percent: Some(40),
        }
    }

    #[test]
    fn milestone_inputs_are_checked() {
        let checked = milestone().check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((checked.due_date.as_str(), checked.due_day), ("2027-03-31", day(2027, 3, 31)));
        assert_eq!((checked.status, checked.progress_percent, checked.weight), (MilestoneStatus::InProgress, Some(40), 30));
        // Defaults: planned, weight 1; a percentage on a planned or done milestone is dropped.
        let plain = MilestoneInput { status: None, weight: None, ..milestone() }.check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((plain.status, plain.weight, plain.progress_percent), (MilestoneStatus::Planned, 1, None));
        let done = MilestoneInput { status: Some("done".into()), ..milestone() }.check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(done.progress_percent, None);
        let delayed = MilestoneInput { status: Some("delayed".into()), ..milestone() }.check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(delayed.progress_percent, Some(40));
        let bad = MilestoneInput {
            title: String::new(),
            due_date: "2027-02-30".into(),
            weight: Some(0),
            status: Some("finished".into()),
            progress_percent: Some(101),
            parent_id: Some(-1),
            ..milestone()
        };
        let got = fields(bad.check().err().unwrap_or_default());
        assert_eq!(
            got,
            vec![
                ("title".to_owned(), FieldProblem::Required),
                ("due_date".to_owned(), FieldProblem::Invalid),
                ("weight".to_owned(), FieldProblem::Invalid),
                ("status".to_owned(), FieldProblem::Invalid),
                ("progress_percent".to_owned(), FieldProblem::Invalid),
                ("parent_id".to_owned(), FieldProblem::Invalid),
            ]
        );
        let no_date = MilestoneInput { due_date: String::new(), weight: Some(101), ..milestone() };
        assert_eq!(
            fields(no_date.check().err().unwrap_or_default()),
            vec![("due_date".to_owned(), FieldProblem::Required), ("weight".to_owned(), FieldProblem::Invalid)]
        );
    }

    #[test]
    fn progress_updates_take_a_body_and_up_to_five_web_links() {
        let ok = ProgressUpdateInput {
            body: "1차 협의회 개최".into(),
            links: vec![" https://www.korea.kr/briefing/1 ".into(), String::new(), "HTTP://example.go.kr".into(), "https://www.korea.kr/briefing/1".into()],
        };
        let checked = ok.check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(checked.links, vec!["https://www.korea.kr/briefing/1".to_owned(), "HTTP://example.go.kr".to_owned()]);
        for bad in ["javascript:alert(1)", "ftp://example.go.kr/a", "https://", "https:///path", "https://exa mple.go.kr", "//example.go.kr", "https://example.go.kr/\"><script>", "example.go.kr"] {
            let input = ProgressUpdateInput { links: vec![bad.into()], ..ok.clone() };
            assert_eq!(fields(input.check().err().unwrap_or_default()), vec![("links".to_owned(), FieldProblem::Invalid)], "{bad:?}");
        }
        let long = ProgressUpdateInput { links: vec![format!("https://example.go.kr/{}", "a".repeat(480))], ..ok.clone() };
        assert_eq!(fields(long.check().err().unwrap_or_default()), vec![("links".to_owned(), FieldProblem::TooLong)]);
        let many = ProgressUpdateInput { links: (1..=6).map(|i| format!("https://example.go.kr/{i}")).collect(), ..ok.clone() };
        assert_eq!(fields(many.check().err().unwrap_or_default()), vec![("links".to_owned(), FieldProblem::TooLong)]);
        let short = ProgressUpdateInput { body: "진행중".into(), links: Vec::new() };
        assert_eq!(fields(short.check().err().unwrap_or_default()), vec![("body".to_owned(), FieldProblem::TooShort)]);
    }

    #[test]
    fn indicators_and_their_values_are_checked() {
        let ok = IndicatorInput { name: "민원 처리 기간".into(), unit: "일".into(), baseline: 14.0, target: 7.0 };
        let checked = ok.check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((checked.unit.as_str(), checked.target), ("일", 7.0));
        let same = IndicatorInput { target: 14.0, ..ok.clone() };
        assert_eq!(fields(same.check().err().unwrap_or_default()), vec![("target".to_owned(), FieldProblem::Invalid)]);
        let nan = IndicatorInput { name: "x".into(), unit: String::new(), baseline: f64::NAN, ..ok.clone() };
        assert_eq!(
            fields(nan.check().err().unwrap_or_default()),
            vec![("name".to_owned(), FieldProblem::TooShort), ("unit".to_owned(), FieldProblem::Required), ("baseline".to_owned(), FieldProblem::Invalid)]
        );
        let value = IndicatorValueInput { date: "2026-12-31".into(), value: 12.5 }.check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(value, CheckedIndicatorValue { day: day(2026, 12, 31), date: "2026-12-31".into(), value: 12.5 });
        let bad = IndicatorValueInput { date: "2026-12-32".into(), value: f64::INFINITY };
        assert_eq!(fields(bad.check().err().unwrap_or_default()), vec![("date".to_owned(), FieldProblem::Invalid), ("value".to_owned(), FieldProblem::Invalid)]);
    }

    #[test]
    fn health_overrides_need_a_known_health_and_a_reason() {
        let ok = HealthOverrideInput { health: "at_risk".into(), reason: "예산 배정 지연".into() };
        assert_eq!(ok.check(), Ok((Health::AtRisk, "예산 배정 지연".to_owned())));
        let bad = HealthOverrideInput { health: "red".into(), reason: "늦음".into() };
        assert_eq!(fields(bad.check().err().unwrap_or_default()), vec![("health".to_owned(), FieldProblem::Invalid), ("reason".to_owned(), FieldProblem::TooShort)]);
    }

    #[test]
    fn sos_requests_and_replies_are_checked() {
        let ok = SosInput { title: "협업정원 요청".into(), category: "staffing".into(), urgency: None, description: "협업정원 2명 배정이 필요합니다.".into(), organisation_ids: vec![5, 3, 5] };
        let checked = ok.check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((checked.category, checked.urgency, checked.organisation_ids), (SosCategory::Staffing, SosUrgency::Normal, vec![3, 5]));
        let urgent = SosInput { urgency: Some("urgent".into()), ..ok.clone() }.check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(urgent.urgency, SosUrgency::Urgent);
        let bad = SosInput { title: "가".into(), category: String::new(), urgency: Some("asap".into()), description: "도와주세요".into(), organisation_ids: (1..=21).collect() };
        assert_eq!(
            fields(bad.check().err().unwrap_or_default()),
            vec![
                ("title".to_owned(), FieldProblem::TooShort),
                ("category".to_owned(), FieldProblem::Required),
                ("urgency".to_owned(), FieldProblem::Invalid),
                ("description".to_owned(), FieldProblem::TooShort),
                ("organisation_ids".to_owned(), FieldProblem::TooLong),
            ]
        );
        assert_eq!(SosReplyInput { body: "네".into(), kind: None }.check(), Ok((SosReplyKind::Reply, "네".to_owned())));
        assert_eq!(SosReplyInput { body: " 해결되었습니다 ".into(), kind: Some("resolve".into()) }.check(), Ok((SosReplyKind::Resolve, "해결되었습니다".to_owned())));
        let bad = SosReplyInput { body: "  ".into(), kind: Some("close".into()) };
        assert_eq!(fields(bad.check().err().unwrap_or_default()), vec![("kind".to_owned(), FieldProblem::Invalid), ("body".to_owned(), FieldProblem::Required)]);
        let long = SosReplyInput { body: "가".repeat(5_001), kind: Some("request_info".into()) };
        assert_eq!(fields(long.check().err().unwrap_or_default()), vec![("body".to_owned(), FieldProblem::TooLong)]);
    }
}

// ---------------------------------------------------------------------------
// What is shown (tasks, milestones, updates, indicators, the portfolio)

/// An organisation on a task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskOrgDto {
    pub id: i64,
    pub name: String,
    pub role: OrgRole,
}

/// A member of a task force.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskMemberDto {
    pub user_id: i64,
    pub display_name: String,
    /// `lead` or `member`.
    pub role: String,
}

/// The task force's membership as given (replaces the previous one).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskMembersInput {
    #[serde(default)]
    pub members: Vec<TaskMemberInput>,
}

/// One member: an account number or an e-mail address, and a role.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskMemberInput {
    #[serde(default)]
    pub user_id: i64,
    #[serde(default)]
    pub email: Option<String>,
    /// `lead` or `member` (default).
    #[serde(default)]
    pub role: Option<String>,
}

/// A milestone with its rolled-up progress.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MilestoneDto {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub due_date: String,
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    pub weight: u32,
    pub status: MilestoneStatus,
    pub progress_percent: Option<u32>,
    /// Rolled up from its children (or its own state for a leaf), 0–100.
    pub progress: f64,
}

/// A progress update.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateDto {
    pub id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub body: String,
    pub links: Vec<String>,
    pub created_at: String,
}

/// A measured value of an indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorValueDto {
    pub date: String,
    pub value: f64,
}

/// An outcome indicator (성과지표) with its values over time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorDto {
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub baseline: f64,
    pub target: f64,
    /// Oldest first.
    pub values: Vec<IndicatorValueDto>,
    /// How far the latest value has gone from baseline to target (1 = reached).
    pub achieved: Option<f64>,
}

/// A task in lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskSummary {
    pub id: i64,
    pub title: String,
    pub kind: TaskKind,
    pub area_code: String,
    pub region_code: String,
    pub lead: TaskOrgDto,
    /// The health shown: the override when there is one, else the derived one.
    pub health: Health,
    pub progress: f64,
    pub proposal_id: Option<i64>,
    pub updated_at: String,
}

/// A task (과제) in full.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskDto {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub kind: TaskKind,
    pub area_code: String,
    pub region_code: String,
    pub proposal_id: Option<i64>,
    pub organisations: Vec<TaskOrgDto>,
    pub members: Vec<TaskMemberDto>,
    pub milestones: Vec<MilestoneDto>,
    pub indicators: Vec<IndicatorDto>,
    /// Newest first.
    pub updates: Vec<UpdateDto>,
    pub progress: f64,
    /// What the milestones and indicators say.
    pub derived_health: Health,
    /// The health shown (an override wins, with its reason).
    pub health: Health,
    pub health_override_reason: Option<String>,
    /// The person asking may edit it and raise SOS requests for it (a member
    /// of its task force or an admin).
    pub can_edit: bool,
    /// The person asking may set its task force (its leads and the admins).
    pub can_manage: bool,
    /// The person asking follows it (told of its progress updates).
    pub following: bool,
    /// How many people follow it.
    pub followers: u64,
    pub created_at: String,
    pub updated_at: String,
}

/// Filters of the public portfolio.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PortfolioQuery {
    pub area: Option<String>,
    pub region: Option<String>,
    /// The lead organisation's id.
    pub lead: Option<i64>,
    /// `on_track`, `at_risk` or `delayed`.
    pub health: Option<String>,
    /// `priority` or `institution_managed`.
    pub kind: Option<String>,
}

/// How many tasks have each health.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthCounts {
    pub on_track: u64,
    pub at_risk: u64,
    pub delayed: u64,
}

/// The public portfolio: the tasks matching the filters and their summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PortfolioDto {
    pub items: Vec<TaskSummary>,
    pub health: HealthCounts,
    /// Tasks by progress: 0–20, 20–40, 40–60, 60–80, 80–100 % (100 in the last).
    pub progress_buckets: [u64; 5],
}

/// The bucket (0–4) of a progress percentage for [`PortfolioDto::progress_buckets`].
pub fn progress_bucket(progress: f64) -> usize {
    if progress.is_nan() {
        return 0;
    }
    ((progress.clamp(0.0, 100.0) / 20.0).floor() as usize).min(4)
}

// ---------------------------------------------------------------------------
// The collaboration SOS desk (협업SOS): what is shown

/// An organisation named on an SOS request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SosOrgDto {
    pub id: i64,
    pub name: String,
}

/// A message in an SOS thread: from the desk (any kind) or from the task
/// force (always `reply`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SosMessageDto {
    pub id: i64,
    pub author_id: i64,
    pub author_name: String,
    /// Written by the desk (a responder or an admin), not by the task force.
    pub from_desk: bool,
    pub kind: SosReplyKind,
    pub body: String,
    pub created_at: String,
}

/// A member of the desk, for assigning.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeskMemberDto {
    pub user_id: i64,
    pub display_name: String,
    /// Holds the desk lead role (told of overdue and escalated requests).
    pub lead: bool,
}

/// An SOS request in the desk's queue and in a task force's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SosSummary {
    pub id: i64,
    pub task_id: i64,
    pub task_title: String,
    pub title: String,
    pub category: SosCategory,
    pub urgency: SosUrgency,
    pub state: SosState,
    pub requester_name: String,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub created_at: String,
    /// When the desk first answered (none yet: the first-response timer runs).
    pub first_response_at: Option<String>,
    /// The time to the desk's first answer against its service level.
    pub first_response: SlaClock,
    /// The time to resolution against its service level.
    pub resolution: SlaClock,
    /// A timer still running is past its deadline (what the queue highlights).
    pub overdue: bool,
    pub messages: u32,
}

/// An SOS request with its thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SosDto {
    pub id: i64,
    pub task_id: i64,
    pub task_title: String,
    pub title: String,
    pub category: SosCategory,
    pub urgency: SosUrgency,
    pub state: SosState,
    pub description: String,
    pub organisations: Vec<SosOrgDto>,
    pub requester_id: i64,
    pub requester_name: String,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub created_at: String,
    pub first_response_at: Option<String>,
    pub resolved_at: Option<String>,
    pub first_response: SlaClock,
    pub resolution: SlaClock,
    pub overdue: bool,
    /// Oldest first.
    pub messages: Vec<SosMessageDto>,
    /// The person asking answers for the desk (reply of any kind, assign).
    pub can_answer: bool,
    /// The person asking may write in the thread (the desk, or the task
    /// force while the request is not resolved).
    pub can_reply: bool,
    /// The desk's members, for the assignee choice (empty unless `can_answer`).
    pub desk: Vec<DeskMemberDto>,
}

/// Filters of the SOS list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct SosQuery {
    /// `active` (default: not resolved), `all`, or one state.
    pub state: Option<String>,
    pub category: Option<String>,
    pub urgency: Option<String>,
    /// Only the requests of this task.
    pub task: Option<i64>,
    /// Only the requests assigned to the person asking.
    pub mine: Option<bool>,
    /// Only the requests with a timer past its deadline.
    pub overdue: Option<bool>,
}

/// The SOS requests the person asking may see: the whole triage queue for
/// the desk (most urgent, then longest waiting, first), their task forces'
/// requests for everyone else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SosListDto {
    pub items: Vec<SosSummary>,
    /// The person asking sees the list as the desk.
    pub desk: bool,
}

/// Who answers a request (`None`: nobody yet).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SosAssignInput {
    #[serde(default)]
    pub assignee_id: Option<i64>,
}

/// A count per category or urgency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SosCount {
    /// The category or urgency code.
    pub key: String,
    pub count: u64,
}

/// A service level as published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SosLevelDto {
    pub urgency: SosUrgency,
    pub first_response_secs: i64,
    pub resolution_secs: i64,
}

/// Public, anonymised statistics of the desk: no request, task or person
/// is named.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SosStatsDto {
    pub total: u64,
    pub resolved: u64,
    /// Every category, in [`SosCategory::ALL`] order (zeros included).
    pub by_category: Vec<SosCount>,
    /// Every urgency, most urgent first (zeros included).
    pub by_urgency: Vec<SosCount>,
    /// Median working seconds to the desk's first answer (answered requests).
    pub median_first_response_secs: Option<f64>,
    /// Median working seconds to resolution (resolved requests).
    pub median_resolution_secs: Option<f64>,
    /// Share of requests answered within their service level (0–1), among
    /// those answered and those still waiting past their deadline (a miss
    /// already).
    pub first_response_on_time: Option<f64>,
    /// The same for resolution.
    pub resolution_on_time: Option<f64>,
    pub service_levels: Vec<SosLevelDto>,
    /// Opening hours as `HH:MM–HH:MM`, local time.
    pub working_hours: String,
    /// The UTC offset of the working hours, in minutes.
    pub utc_offset_minutes: i32,
}

// ---------------------------------------------------------------------------
// The desk's configuration, from text

/// Reads opening hours `HH:MM-HH:MM` (`09:00-18:00`) into minutes after
/// midnight; `24:00` closes at midnight.
pub fn parse_working_hours(s: &str) -> Result<(u32, u32), String> {
    let minute = |t: &str| -> Option<u32> {
        let (h, m) = t.trim().split_once(':')?;
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
    };
    let (a, b) = s.split_once('-').ok_or_else(|| format!("working hours must read HH:MM-HH:MM, got {s:?}"))?;
    match (minute(a), minute(b)) {
        (Some(open), Some(close)) if open < close => Ok((open, close)),
        (Some(_), Some(_)) => Err(format!("working hours must open before they close, got {s:?}")),
        _ => Err(format!("working hours must read HH:MM-HH:MM, got {s:?}")),
    }
}

/// `HH:MM–HH:MM` from minutes after midnight.
pub fn format_working_hours(start_minute: u32, end_minute: u32) -> String {
    format!("{:02}:{:02}–{:02}:{:02}", start_minute / 60, start_minute % 60, end_minute / 60, end_minute % 60)
}

/// Reads service levels over the defaults of the calendar:
/// `urgent=4h/2d,normal=3d/15d` sets the first response and the resolution
/// of each urgency named, in working minutes (`m`), hours (`h`) or days
/// (`d`, as long as the calendar's opening hours). Urgencies not named keep
/// their defaults. The first response must not come after the resolution.
pub fn parse_service_levels(s: &str, cal: &WorkCalendar) -> Result<SlaPolicy, String> {
    let mut policy = SlaPolicy::defaults(cal);
    let duration = |t: &str| -> Option<i64> {
        let t = t.trim();
        let unit = t.chars().last()?;
        let n = &t[..t.len() - unit.len_utf8()];
        let n: i64 = n.trim().parse().ok().filter(|n| *n > 0 && *n <= 100_000)?;
        match unit {
            'm' => Some(n * 60),
            'h' => Some(n * 3_600),
            'd' => Some(n * cal.working_day_secs()),
            _ => None,
        }
    };
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let bad = || format!("service level {part:?} must read URGENCY=FIRST/RESOLUTION, e.g. urgent=4h/2d (units m, h, d)");
        let (name, levels) = part.split_once('=').ok_or_else(bad)?;
        let urgency = SosUrgency::parse(name.trim()).ok_or_else(|| format!("unknown urgency {:?} (urgent, high, normal, low)", name.trim()))?;
        let (first, resolution) = levels.split_once('/').ok_or_else(bad)?;
        let (first_response_secs, resolution_secs) = (duration(first).ok_or_else(bad)?, duration(resolution).ok_or_else(bad)?);
        if first_response_secs > resolution_secs {
            return Err(format!("service level {part:?}: the first response cannot be due after the resolution"));
        }
        let sla = Sla { first_response_secs, resolution_secs };
        match urgency {
            SosUrgency::Urgent => policy.urgent = sla,
            SosUrgency::High => policy.high = sla,
            SosUrgency::Normal => policy.normal = sla,
            SosUrgency::Low => policy.low = sla,
        }
    }
    Ok(policy)
}

#[cfg(test)]
mod desk_config_tests {
    use super::*;

    #[test]
    fn working_hours_are_read_and_checked() {
        assert_eq!(parse_working_hours("09:00-18:00"), Ok((540, 1080)));
        assert_eq!(parse_working_hours(" 08:30 - 24:00 "), Ok((510, 1440)));
        for bad in ["9-18", "18:00-09:00", "09:00-09:00", "09:60-18:00", "25:00-26:00", "", "09:00"] {
            assert!(parse_working_hours(bad).is_err(), "{bad}");
        }
        assert_eq!(format_working_hours(540, 1080), "09:00–18:00");
    }

    #[test]
    fn service_levels_override_the_named_urgencies_only() {
        let cal = WorkCalendar { start_minute: 540, end_minute: 1080, utc_offset_minutes: 540, holidays: vec![] };
        let p = parse_service_levels("urgent=2h/1d, low = 30m/3d", &cal).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.urgent, Sla { first_response_secs: 7_200, resolution_secs: 9 * 3_600 });
        assert_eq!(p.low, Sla { first_response_secs: 1_800, resolution_secs: 27 * 3_600 });
        assert_eq!(p.normal, SlaPolicy::defaults(&cal).normal);
        assert_eq!(parse_service_levels("", &cal), Ok(SlaPolicy::defaults(&cal)));
        for bad in ["urgent=4h", "asap=1h/2h", "urgent=4x/2d", "urgent=0h/2d", "urgent=3d/1d", "urgent", "urgent=4시간/2일", "urgent=/"] {
            assert!(parse_service_levels(bad, &cal).is_err(), "{bad}");
        }
    }
}
