//! Councils and hybrid deliberation sessions (협의회·회의, issue 6): councils
//! with their subcommittees (분과) and forum teams, members, meetings held in
//! a room, online or both, their agenda, registration with a waiting list,
//! check-in codes, the live room (agenda, questions, hands, polls) and the
//! minutes. Inputs are checked here, the same way in the browser and on the
//! server; the rules below are pure functions without I/O, so the services,
//! the SSE endpoint and the pages compute nothing of their own.
//!
//! Times are Unix seconds (UTC, `i64`), RFC 3339 on the wire
//! ([`parse_rfc3339`], [`format_utc`]); pages show them in KST.
//!
//! **Meetings.** A meeting is `in_person` (a venue with a room capacity),
//! `online` (an external http(s) link or the built-in live room) or `hybrid`
//! (both). It lasts more than zero and at most 24 hours. Its state follows
//! from the clock ([`MeetingState::at`]): `upcoming` before the start, `live`
//! from the start until the end, `ended` from the end on. Minutes can be
//! published only once it has ended.
//!
//! **Registration** ([`apply_registration_event`]). A person registers to
//! attend in the room or online, as the meeting's kind allows. Online
//! registrations never take a room seat and never wait. Room seats go first
//! come, first served: while fewer people are registered in the room than
//! the capacity and nobody waits, a new room registration is `registered`;
//! otherwise it is `waitlisted` at the end of the waiting list. Whenever a
//! seat is free (a cancellation, a switch to online, a larger capacity), the
//! earliest waitlisted registration is promoted, until the room is full or
//! nobody waits. Lowering the capacity never demotes anyone already
//! registered; the room then stays over capacity until enough people cancel.
//!
//! **Check-in codes** ([`format_code`], [`normalise_code`],
//! [`code_is_well_formed`]). Each room registrant gets a code, shown as text
//! and as a QR code, that staff scan or type: ten characters from an alphabet
//! of 31 without `0 O 1 I L`, written `ABCDE-FGHJK`. Nine characters are
//! random (from 8 random bytes the caller draws from the operating system:
//! 31⁹ ≈ 2⁴⁴·⁶ codes); the tenth is a check character (a weighted sum modulo
//! 31, a prime) that catches every single mistyped character and every swap
//! of two neighbours before the database is asked. That a code is used only
//! once is the server's rule (the registration records its check-in);
//! [`check_in`] says whether a registration may be checked in: a registered
//! room seat, not yet checked in, from an hour before the start until the end.
//!
//! **Attendance** ([`count_attendance`]) is kept by the mode a person was
//! present in: checked in at the room, or joined the live room online.
//!
//! **Polls** ([`validate_vote`], [`check_hand_count`], [`tally`]). Kinds:
//! `single` (one option of 2–20), `multiple` (1 to `max_choices` options of
//! 2–20), `yes_no_abstain` and `scale` (1–5) with fixed options. A person
//! present in the room votes with provenance `room`, anyone else `online`;
//! one vote per person, the latest replacing any earlier one (also across
//! provenances, so a person is never counted twice). The facilitator may
//! enter a hand count for people in the room who did not vote on a phone: per
//! option, at most the people checked in at the room minus the room votes
//! already in. Results give each option's total and its split by provenance
//! (room / online / hand count), the voters by provenance and, for a scale,
//! the mean.
//!
//! Polls go from `draft` to `open` to `closed`, by the facilitator only.
//!
//! **Live room** ([`LiveEvent`], [`EventLog`]). The facilitator moves through
//! the agenda ([`move_agenda`]); questions are queued by upvotes
//! ([`order_questions`]); raised hands wait in the order raised. Changes are sent as
//! Server-Sent Events with increasing ids. A client that reconnects with
//! `Last-Event-ID` gets the events it missed, or a `resync` (and then loads
//! the full [`LiveStateDto`]) when the log no longer holds them or does not
//! know the id (e.g. after a server restart).
//!
//! **Calendar and reminders** ([`ics_event`], [`reminder_due`]). An `.ics`
//! file per RFC 5545 for a registration; a reminder [`REMINDER_LEAD_SECS`]
//! (24 hours) before the start.

use crate::checks::{check_optional_text, check_text};
use crate::error::{FieldError, FieldProblem};
use crate::execution::{civil_from_days, parse_date};
use crate::participation::OrgRef;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};

/// Length limits, in characters, and other bounds.
pub mod limits {
    pub const NAME: (usize, usize) = (2, 100);
    pub const TITLE: (usize, usize) = (2, 200);
    pub const VENUE: (usize, usize) = (2, 200);
    pub const DESCRIPTION: usize = 5_000;
    pub const CAPACITY: (i64, i64) = (1, 100_000);
    pub const URL: usize = 2_000;
    /// The longest meeting, in seconds (24 hours).
    pub const MAX_DURATION_SECS: i64 = 24 * 3_600;
    /// An agenda item's planned length, in minutes.
    pub const AGENDA_MINUTES: (i64, i64) = (1, 600);
    pub const QUESTION: (usize, usize) = (2, 300);
    pub const OPTION: (usize, usize) = (1, 200);
    pub const OPTIONS: (usize, usize) = (2, 20);
    pub const QUESTION_BODY: (usize, usize) = (2, 1_000);
    pub const DECISIONS: usize = 5_000;
    pub const SUMMARY: usize = 20_000;
}

/// How long before a meeting's start its reminder is sent (the day before).
pub const REMINDER_LEAD_SECS: i64 = 86_400;

/// KST, the offset pages show times in, in minutes east of UTC.
pub const KST_OFFSET_MINUTES: i32 = 540;

// ---------------------------------------------------------------------------
// Enums

/// Declares a wire enum: snake_case in serde, `as_str`, `parse` and `ALL`.
/// The enums here share one shape; the test `wire_names_match_serde` keeps the
/// written names and serde's in step.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            pub const ALL: [$name; [$($wire),+].len()] = [$(Self::$variant),+];

            /// The wire name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)+
                }
            }

            /// Parses the wire name; none for anything else.
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|k| k.as_str() == s)
            }
        }
    };
}

wire_enum! {
    /// What kind of body a council is.
    #[derive(Default)]
    CouncilKind {
        /// 정부혁신추진협의회 (the council itself)
        #[default]
        Council = "council",
        /// 분과 (a subcommittee of a council)
        Subcommittee = "subcommittee",
        /// 포럼팀 (a forum team of a council)
        ForumTeam = "forum_team",
    }
}

wire_enum! {
    /// Which side a member sits for.
    Side {
        /// 민간위원
        Civilian = "civilian",
        /// 정부위원
        Government = "government",
    }
}

wire_enum! {
    /// A member's role in a council.
    #[derive(Default)]
    MemberRole {
        /// 위원장
        Chair = "chair",
        /// 위원
        #[default]
        Member = "member",
        /// 간사: keeps the council's meetings (check-in, live room, minutes)
        /// with the chair's rights over them, without chairing.
        Secretary = "secretary",
    }
}

wire_enum! {
    /// Where a meeting happens.
    MeetingKind {
        /// 대면: a venue with a room capacity.
        InPerson = "in_person",
        /// 온라인: an external link or the built-in live room.
        Online = "online",
        /// 하이브리드: both.
        Hybrid = "hybrid",
    }
}

impl MeetingKind {
    /// Whether the meeting has a room (venue and capacity).
    pub fn has_room(self) -> bool {
        matches!(self, Self::InPerson | Self::Hybrid)
    }

    /// Whether the meeting can be followed online.
    pub fn has_online(self) -> bool {
        matches!(self, Self::Online | Self::Hybrid)
    }

    /// The attendance modes people can register for.
    pub fn modes(self) -> &'static [AttendanceMode] {
        match self {
            Self::InPerson => &[AttendanceMode::InRoom],
            Self::Online => &[AttendanceMode::Online],
            Self::Hybrid => &[AttendanceMode::InRoom, AttendanceMode::Online],
        }
    }
}

wire_enum! {
    /// Who may see and attend a meeting.
    #[derive(Default)]
    Visibility {
        /// 공개: anyone.
        #[default]
        Public = "public",
        /// 위원 전용: the council's members.
        MembersOnly = "members_only",
    }
}

wire_enum! {
    /// How a person attends (or attended).
    AttendanceMode {
        /// 현장
        InRoom = "in_room",
        /// 온라인
        Online = "online",
    }
}

wire_enum! {
    /// Where a registration is.
    RegistrationState {
        /// Has a place (a room seat, or online).
        Registered = "registered",
        /// Waits for a room seat.
        Waitlisted = "waitlisted",
        Cancelled = "cancelled",
    }
}

wire_enum! {
    /// What a poll asks for.
    PollKind {
        /// One option.
        Single = "single",
        /// One or more options, up to the poll's maximum.
        Multiple = "multiple",
        /// 찬성·반대·기권
        YesNoAbstain = "yes_no_abstain",
        /// 1 to 5.
        Scale = "scale",
    }
}

impl PollKind {
    /// The options of a kind with fixed options (their stable keys; pages
    /// show them translated), none for `single` and `multiple`.
    pub fn fixed_options(self) -> Option<&'static [&'static str]> {
        match self {
            Self::YesNoAbstain => Some(&["yes", "no", "abstain"]),
            Self::Scale => Some(&["1", "2", "3", "4", "5"]),
            Self::Single | Self::Multiple => None,
        }
    }
}

wire_enum! {
    /// Where a poll is: being prepared, open for votes, closed (results final).
    #[derive(Default)]
    PollState {
        #[default]
        Draft = "draft",
        Open = "open",
        Closed = "closed",
    }
}

wire_enum! {
    /// Where a vote came from.
    Provenance {
        /// A person checked in at the room, on their phone.
        Room = "room",
        /// A person online, in the browser.
        Online = "online",
        /// Hands counted in the room by the facilitator.
        HandCount = "hand_count",
    }
}

impl PollState {
    /// The facilitator opens a draft and closes an open poll; nothing else.
    pub fn can_move_to(self, next: PollState) -> bool {
        matches!(
            (self, next),
            (Self::Draft, Self::Open) | (Self::Open, Self::Closed)
        )
    }

    /// Votes are taken only while the poll is open.
    pub fn accepts_votes(self) -> bool {
        self == Self::Open
    }

    /// A hand count can be entered while open and corrected once closed
    /// (the phone votes are final then, so the count cannot overlap them).
    pub fn accepts_hand_count(self) -> bool {
        matches!(self, Self::Open | Self::Closed)
    }
}

impl From<AttendanceMode> for Provenance {
    fn from(mode: AttendanceMode) -> Self {
        match mode {
            AttendanceMode::InRoom => Self::Room,
            AttendanceMode::Online => Self::Online,
        }
    }
}

wire_enum! {
    /// Where a question from the audience is.
    #[derive(Default)]
    QuestionState {
        /// Waits to be answered.
        #[default]
        Queued = "queued",
        Answered = "answered",
        /// Hidden by the facilitator (off-topic, abusive).
        Hidden = "hidden",
    }
}

wire_enum! {
    /// Where a meeting is, as follows from the clock.
    MeetingState {
        Upcoming = "upcoming",
        Live = "live",
        Ended = "ended",
    }
}

impl MeetingState {
    /// The state at `now`: upcoming before the start, live from the start
    /// until the end (exclusive), ended from the end on.
    pub fn at(starts_at: i64, ends_at: i64, now: i64) -> Self {
        if now < starts_at {
            Self::Upcoming
        } else if now < ends_at {
            Self::Live
        } else {
            Self::Ended
        }
    }

    /// People can register (or change their registration) until the end.
    pub fn accepts_registrations(self) -> bool {
        !matches!(self, Self::Ended)
    }
}

// ---------------------------------------------------------------------------
// Time

/// Parses an RFC 3339 date-time (`2026-12-20T14:00:00+09:00`,
/// `2026-12-20T05:00:00Z`, with optional fractional seconds, which are
/// dropped) into Unix seconds. None for anything else.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let days = parse_date(s.get(0..10)?)?;
    let two = |at: usize| -> Option<i64> {
        let p = s.get(at..at + 2)?;
        if p.bytes().all(|c| c.is_ascii_digit()) {
            p.parse().ok()
        } else {
            None
        }
    };
    let (h, m, sec) = (two(11)?, two(14)?, two(17)?);
    // A leap second (:60) is read as :59.
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let mut rest = s.get(19..)?;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = fraction.get(digits..)?;
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let rb = rest.as_bytes();
            if rb.len() != 6 || rb[3] != b':' {
                return None;
            }
            let sign = match rb[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let digits = |r: std::ops::Range<usize>| -> Option<i64> {
                let p = rest.get(r)?;
                if p.bytes().all(|c| c.is_ascii_digit()) {
                    p.parse().ok()
                } else {
                    None
                }
            };
            let (oh, om) = (digits(1..3)?, digits(4..6)?);
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (oh * 3_600 + om * 60)
        }
    };
    Some(days * 86_400 + h * 3_600 + m * 60 + sec.min(59) - offset)
}

fn civil_time(ts: i64) -> (i32, u32, u32, i64, i64, i64) {
    let (y, mo, d) = civil_from_days(ts.div_euclid(86_400));
    let secs = ts.rem_euclid(86_400);
    (y, mo, d, secs / 3_600, secs % 3_600 / 60, secs % 60)
}

/// Formats Unix seconds as RFC 3339 in UTC: `2026-12-20T05:00:00Z`.
pub fn format_utc(ts: i64) -> String {
    let (y, mo, d, h, mi, s) = civil_time(ts);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// Formats Unix seconds as RFC 3339 in KST: `2026-12-20T14:00:00+09:00`.
pub fn format_kst(ts: i64) -> String {
    let (y, mo, d, h, mi, s) = civil_time(ts + i64::from(KST_OFFSET_MINUTES) * 60);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}+09:00")
}

/// The moment a meeting's reminder is due (24 hours before its start).
pub fn reminder_at(starts_at: i64) -> i64 {
    starts_at - REMINDER_LEAD_SECS
}

/// Whether the day-before reminder is due at `now`: from 24 hours before the
/// start until the start. (A meeting scheduled less than a day ahead is
/// reminded at once; the server records that a reminder went out.)
pub fn reminder_due(starts_at: i64, now: i64) -> bool {
    now >= reminder_at(starts_at) && now < starts_at
}

// ---------------------------------------------------------------------------
// Field checks

/// An enum field that may be left empty for its default.
fn check_choice<T: Copy>(
    field: &str,
    raw: Option<&str>,
    default: Option<T>,
    parse: fn(&str) -> Option<T>,
    message: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match raw.map(str::trim).filter(|v| !v.is_empty()) {
        None if default.is_some() => default,
        None => {
            errors.push(FieldError::new(field, FieldProblem::Required, message));
            None
        }
        Some(v) => {
            let parsed = parse(v);
            if parsed.is_none() {
                errors.push(FieldError::new(field, FieldProblem::Invalid, message));
            }
            parsed
        }
    }
}

/// An http(s) link to an online meeting: no spaces or control characters, a
/// host, and no `user@` part (which makes `https://zoom.us@evil.example`
/// look like another site).
fn check_url(raw: &str) -> Result<String, &'static str> {
    let url = raw.trim();
    if url.chars().count() > limits::URL {
        return Err("The link is too long.");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("A link has no spaces.");
    }
    let lower = url.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return Err("A link starts with https:// or http://.");
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty()
        || authority.contains('@')
        || !authority
            .chars()
            .all(|c| c.is_alphanumeric() || "-.:[]".contains(c))
    {
        return Err("The link has no valid host.");
    }
    Ok(url.to_owned())
}

// ---------------------------------------------------------------------------
// Councils

/// A council, subcommittee or forum team as given by an admin.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouncilInput {
    #[serde(default)]
    pub name: String,
    /// `council` (default), `subcommittee` or `forum_team`.
    #[serde(default)]
    pub kind: Option<String>,
    /// The council a subcommittee or forum team belongs to.
    #[serde(default)]
    pub parent_id: Option<i64>,
    #[serde(default)]
    pub description: String,
}

/// A checked council (the server checks that the parent is a council).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedCouncil {
    pub name: String,
    pub kind: CouncilKind,
    pub parent_id: Option<i64>,
    pub description: String,
}

impl CouncilInput {
    /// Name 2–100 characters, a known kind, a parent for a subcommittee or
    /// forum team and none for a council, description up to 5,000.
    pub fn check(&self) -> Result<CheckedCouncil, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = check_text("name", &self.name, limits::NAME, &mut errors);
        let description = check_optional_text(
            "description",
            &self.description,
            limits::DESCRIPTION,
            &mut errors,
        );
        let kind = check_choice(
            "kind",
            self.kind.as_deref(),
            Some(CouncilKind::Council),
            CouncilKind::parse,
            "The kind is council, subcommittee or forum_team.",
            &mut errors,
        );
        match (kind, self.parent_id) {
            (Some(CouncilKind::Council), Some(_)) => {
                errors.push(FieldError::new(
                    "parent_id",
                    FieldProblem::Invalid,
                    "A council belongs to no other council.",
                ));
            }
            (Some(CouncilKind::Subcommittee | CouncilKind::ForumTeam), None) => {
                errors.push(FieldError::new(
                    "parent_id",
                    FieldProblem::Required,
                    "Choose the council it belongs to.",
                ));
            }
            _ => {}
        }
        match kind {
            Some(kind) if errors.is_empty() => Ok(CheckedCouncil {
                name,
                kind,
                parent_id: self.parent_id,
                description,
            }),
            _ => Err(errors),
        }
    }
}

/// A member as given by an admin.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouncilMemberInput {
    /// The member's account number; or give `email` instead.
    #[serde(default)]
    pub user_id: i64,
    /// The member's sign-in e-mail address (exact), when `user_id` is not given.
    #[serde(default)]
    pub email: Option<String>,
    /// `civilian` or `government`.
    #[serde(default)]
    pub side: String,
    /// The organisation the member sits for.
    #[serde(default)]
    pub organisation_id: Option<i64>,
    /// `chair`, `secretary` or `member` (default).
    #[serde(default)]
    pub role: Option<String>,
}

/// A checked member. `email`, when given, names the person (trimmed and in
/// lower case, as addresses are stored); the server looks it up and sets
/// `user_id` (0 until then).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedCouncilMember {
    pub user_id: i64,
    pub email: Option<String>,
    pub side: Side,
    pub organisation_id: Option<i64>,
    pub role: MemberRole,
}

impl CouncilMemberInput {
    /// A person (a positive id or an e-mail address), a side, a known role.
    pub fn check(&self) -> Result<CheckedCouncilMember, Vec<FieldError>> {
        let mut errors = Vec::new();
        let email = self
            .email
            .as_deref()
            .map(|e| e.trim().to_lowercase())
            .filter(|e| !e.is_empty());
        if self.user_id <= 0 && email.is_none() {
            errors.push(FieldError::new(
                "user_id",
                FieldProblem::Required,
                "Choose the person.",
            ));
        }
        let side = check_choice(
            "side",
            Some(self.side.as_str()),
            None,
            Side::parse,
            "The side is civilian or government.",
            &mut errors,
        );
        let role = check_choice(
            "role",
            self.role.as_deref(),
            Some(MemberRole::Member),
            MemberRole::parse,
            "The role is chair, member or secretary.",
            &mut errors,
        );
        match (side, role) {
            (Some(side), Some(role)) if errors.is_empty() => {
                // Given by address, the person is whoever has it (as for committees).
                let user_id = if email.is_some() { 0 } else { self.user_id };
                Ok(CheckedCouncilMember {
                    user_id,
                    email,
                    side,
                    organisation_id: self.organisation_id,
                    role,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A council in lists (its subcommittees and forum teams, its parent).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouncilSummary {
    pub id: i64,
    pub name: String,
    pub kind: CouncilKind,
}

/// A council member as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouncilMemberDto {
    pub user_id: i64,
    pub display_name: String,
    pub side: Side,
    pub organisation: Option<OrgRef>,
    pub role: MemberRole,
}

/// A council, subcommittee or forum team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CouncilDto {
    pub id: i64,
    pub name: String,
    pub kind: CouncilKind,
    pub description: String,
    /// The council a subcommittee or forum team belongs to.
    pub parent: Option<CouncilSummary>,
    /// Its subcommittees and forum teams.
    pub children: Vec<CouncilSummary>,
    pub members: Vec<CouncilMemberDto>,
    /// Its meetings, upcoming first, then the past ones newest first.
    pub meetings: Vec<MeetingSummary>,
    /// The person asking is a member (sees members-only meetings).
    pub is_member: bool,
    /// The public proposals its meetings deliberated (linked on an agenda of
    /// a meeting the person asking may see), most recently discussed first.
    #[serde(default)]
    pub proposals: Vec<DeliberatedProposalDto>,
    /// The published minutes of its meetings (those the person asking may
    /// see), newest meeting first.
    #[serde(default)]
    pub minutes: Vec<MinutesSummary>,
    /// The person asking may change the council and its members (admins
    /// with the right to manage councils).
    #[serde(default)]
    pub can_manage: bool,
    /// The person asking may schedule its meetings (its chair or secretary,
    /// the chair of its parent council, global admins).
    #[serde(default)]
    pub can_schedule: bool,
}

/// A proposal a council deliberated, on its page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliberatedProposalDto {
    pub id: i64,
    pub title: String,
    pub status: crate::participation::ProposalStatus,
    /// The meetings that had it on their agenda, newest first.
    pub meeting_ids: Vec<i64>,
}

/// Published minutes in lists (a council's page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MinutesSummary {
    pub meeting_id: i64,
    pub meeting_title: String,
    /// The meeting's start, RFC 3339, UTC.
    pub starts_at: String,
    /// RFC 3339, UTC.
    pub published_at: String,
}

// ---------------------------------------------------------------------------
// Meetings

/// A meeting as given by a council's chair or an admin.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingInput {
    /// The council or subcommittee holding it.
    pub council_id: i64,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// `in_person`, `online` or `hybrid`.
    #[serde(default)]
    pub kind: String,
    /// RFC 3339, e.g. `2026-12-20T14:00:00+09:00`.
    #[serde(default)]
    pub starts_at: String,
    /// RFC 3339; after the start, at most 24 hours later.
    #[serde(default)]
    pub ends_at: String,
    /// The venue (in person, hybrid).
    #[serde(default)]
    pub venue: String,
    /// Room seats, 1–100,000 (in person, hybrid).
    #[serde(default)]
    pub capacity: Option<i64>,
    /// An http(s) link (online, hybrid), unless `built_in_room`.
    #[serde(default)]
    pub online_url: String,
    /// Use the platform's own live room instead of a link.
    #[serde(default)]
    pub built_in_room: bool,
    /// `public` (default) or `members_only`.
    #[serde(default)]
    pub visibility: Option<String>,
}

/// Where an online meeting is followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OnlineRoom {
    /// The platform's own live room.
    BuiltIn,
    /// An external link (video conference).
    External(String),
}

/// A checked meeting. Fields a kind does not use are dropped (a form without
/// JavaScript sends them all): no venue or capacity online, no link in person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedMeeting {
    pub council_id: i64,
    pub title: String,
    pub description: String,
    pub kind: MeetingKind,
    pub starts_at: i64,
    pub ends_at: i64,
    pub venue: Option<String>,
    pub capacity: Option<u32>,
    pub online: Option<OnlineRoom>,
    pub visibility: Visibility,
}

impl MeetingInput {
    /// Title 2–200 characters, description up to 5,000; a known kind;
    /// RFC 3339 times with the end after the start and at most 24 hours
    /// later; a venue (2–200) and a capacity (1–100,000) in person and
    /// hybrid; a link (http or https) or the built-in room, not both, online
    /// and hybrid; a known visibility.
    pub fn check(&self) -> Result<CheckedMeeting, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = check_text("title", &self.title, limits::TITLE, &mut errors);
        let description = check_optional_text(
            "description",
            &self.description,
            limits::DESCRIPTION,
            &mut errors,
        );
        let kind = check_choice(
            "kind",
            Some(self.kind.as_str()),
            None,
            MeetingKind::parse,
            "The kind is in_person, online or hybrid.",
            &mut errors,
        );
        let visibility = check_choice(
            "visibility",
            self.visibility.as_deref(),
            Some(Visibility::Public),
            Visibility::parse,
            "The visibility is public or members_only.",
            &mut errors,
        );
        let mut time = |field: &str, raw: &str| {
            if raw.trim().is_empty() {
                errors.push(FieldError::new(
                    field,
                    FieldProblem::Required,
                    "Give the date and time.",
                ));
                return None;
            }
            let ts = parse_rfc3339(raw);
            if ts.is_none() {
                errors.push(FieldError::new(
                    field,
                    FieldProblem::Invalid,
                    "Write the time as 2026-12-20T14:00:00+09:00.",
                ));
            }
            ts
        };
        let starts_at = time("starts_at", &self.starts_at);
        let ends_at = time("ends_at", &self.ends_at);
        if let (Some(s), Some(e)) = (starts_at, ends_at) {
            if e <= s {
                errors.push(FieldError::new(
                    "ends_at",
                    FieldProblem::Invalid,
                    "The end comes after the start.",
                ));
            } else if e - s > limits::MAX_DURATION_SECS {
                errors.push(FieldError::new(
                    "ends_at",
                    FieldProblem::Invalid,
                    "A meeting lasts at most 24 hours.",
                ));
            }
        }
        let (mut venue, mut capacity, mut online) = (None, None, None);
        if let Some(kind) = kind {
            if kind.has_room() {
                venue = Some(check_text("venue", &self.venue, limits::VENUE, &mut errors));
                let (min, max) = limits::CAPACITY;
                match self.capacity {
                    None => errors.push(FieldError::new(
                        "capacity",
                        FieldProblem::Required,
                        "Give the number of seats in the room.",
                    )),
                    Some(c) if !(min..=max).contains(&c) => {
                        errors.push(FieldError::new(
                            "capacity",
                            FieldProblem::Invalid,
                            "The room has from 1 to 100,000 seats.",
                        ));
                    }
                    Some(c) => capacity = u32::try_from(c).ok(),
                }
            }
            if kind.has_online() {
                let url = self.online_url.trim();
                match (self.built_in_room, url.is_empty()) {
                    (true, true) => online = Some(OnlineRoom::BuiltIn),
                    (true, false) => errors.push(FieldError::new(
                        "online_url",
                        FieldProblem::Invalid,
                        "Choose the built-in live room or a link, not both.",
                    )),
                    (false, true) => errors.push(FieldError::new(
                        "online_url",
                        FieldProblem::Required,
                        "Give the link to the online meeting, or choose the built-in live room.",
                    )),
                    (false, false) => match check_url(url) {
                        Ok(url) => online = Some(OnlineRoom::External(url)),
                        Err(message) => errors.push(FieldError::new(
                            "online_url",
                            FieldProblem::Invalid,
                            message,
                        )),
                    },
                }
            }
        }
        match (kind, visibility, starts_at, ends_at) {
            (Some(kind), Some(visibility), Some(starts_at), Some(ends_at)) if errors.is_empty() => {
                Ok(CheckedMeeting {
                    council_id: self.council_id,
                    title,
                    description,
                    kind,
                    starts_at,
                    ends_at,
                    venue,
                    capacity,
                    online,
                    visibility,
                })
            }
            _ => Err(errors),
        }
    }
}

/// An agenda item as given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaItemInput {
    /// The item's id when it is already on this meeting's agenda: it keeps
    /// its minutes text and, if current, its place in the live room. A new
    /// item has none.
    #[serde(default)]
    pub id: Option<i64>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The planned length in minutes, 1–600.
    #[serde(default)]
    pub minutes: Option<i64>,
    /// A proposal discussed under this item.
    #[serde(default)]
    pub proposal_id: Option<i64>,
    /// Who presents it.
    #[serde(default)]
    pub presenter_id: Option<i64>,
    /// The linked proposal's author presents it (instead of `presenter_id`).
    #[serde(default)]
    pub author_presents: bool,
}

/// A checked agenda item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedAgendaItem {
    /// The item kept (already on the agenda), none for a new one.
    pub id: Option<i64>,
    pub title: String,
    pub description: String,
    pub minutes: Option<u32>,
    pub proposal_id: Option<i64>,
    pub presenter_id: Option<i64>,
    /// The linked proposal's author presents it: the server names them.
    pub author_presents: bool,
}

impl AgendaItemInput {
    /// Title 2–200 characters, description up to 5,000, 1–600 minutes when given.
    pub fn check(&self) -> Result<CheckedAgendaItem, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = check_text("title", &self.title, limits::TITLE, &mut errors);
        let description = check_optional_text(
            "description",
            &self.description,
            limits::DESCRIPTION,
            &mut errors,
        );
        let (min, max) = limits::AGENDA_MINUTES;
        if let Some(m) = self.minutes
            && !(min..=max).contains(&m)
        {
            errors.push(FieldError::new(
                "minutes",
                FieldProblem::Invalid,
                "An item takes from 1 to 600 minutes.",
            ));
        }
        if self.author_presents && self.proposal_id.is_none() {
            errors.push(FieldError::new(
                "presenter_id",
                FieldProblem::Invalid,
                "Link a proposal to have its author present it.",
            ));
        } else if self.author_presents && self.presenter_id.is_some() {
            errors.push(FieldError::new(
                "presenter_id",
                FieldProblem::Invalid,
                "Choose the proposal's author or another presenter, not both.",
            ));
        }
        if errors.is_empty() {
            Ok(CheckedAgendaItem {
                id: self.id,
                title,
                description,
                minutes: self.minutes.and_then(|m| u32::try_from(m).ok()),
                proposal_id: self.proposal_id,
                presenter_id: self.presenter_id,
                author_presents: self.author_presents,
            })
        } else {
            Err(errors)
        }
    }
}

/// Checks a new order of the agenda: every current item exactly once.
pub fn check_agenda_order(current: &[i64], requested: &[i64]) -> Result<(), FieldError> {
    let mut a = current.to_vec();
    let mut b = requested.to_vec();
    a.sort_unstable();
    b.sort_unstable();
    if a == b {
        Ok(())
    } else {
        Err(FieldError::new(
            "order",
            FieldProblem::Invalid,
            "List every agenda item once.",
        ))
    }
}

/// Where the facilitator moves in the agenda.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "to", content = "agenda_item_id", rename_all = "snake_case")]
pub enum AgendaMove {
    /// The next item (the first when none is current).
    Next,
    /// The previous item.
    Previous,
    /// A given item.
    Item(i64),
    /// No item (before the first, or the meeting is over).
    None,
}

/// The current agenda item after a move: `Next` past the last item and
/// `Previous` before the first stay where they are; an item not on the
/// agenda is refused.
pub fn move_agenda(
    agenda: &[i64],
    current: Option<i64>,
    step: AgendaMove,
) -> Result<Option<i64>, FieldError> {
    let at = current.and_then(|c| agenda.iter().position(|&a| a == c));
    Ok(match step {
        AgendaMove::Next => match at {
            None => agenda.first().copied(),
            Some(i) => agenda.get(i + 1).or(agenda.get(i)).copied(),
        },
        AgendaMove::Previous => match at {
            None => None,
            Some(i) => agenda.get(i.saturating_sub(1)).copied(),
        },
        AgendaMove::Item(id) if agenda.contains(&id) => Some(id),
        AgendaMove::Item(_) => {
            return Err(FieldError::new(
                "agenda_item_id",
                FieldProblem::Invalid,
                "The item is not on this meeting's agenda.",
            ));
        }
        AgendaMove::None => None,
    })
}

/// An agenda item as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaItemDto {
    pub id: i64,
    /// 1-based.
    pub position: u32,
    pub title: String,
    pub description: String,
    pub minutes: Option<u32>,
    pub proposal_id: Option<i64>,
    pub proposal_title: Option<String>,
    pub presenter_id: Option<i64>,
    pub presenter_name: Option<String>,
}

/// Registrations by mode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationCounts {
    pub in_room: u64,
    pub online: u64,
    pub waitlisted: u64,
}

/// A meeting in lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingSummary {
    pub id: i64,
    pub council_id: i64,
    pub title: String,
    pub kind: MeetingKind,
    pub state: MeetingState,
    /// RFC 3339, UTC.
    pub starts_at: String,
    pub ends_at: String,
    pub visibility: Visibility,
}

/// A meeting, in full.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingDto {
    pub id: i64,
    pub council: CouncilSummary,
    pub title: String,
    pub description: String,
    pub kind: MeetingKind,
    pub state: MeetingState,
    /// RFC 3339, UTC (pages show KST).
    pub starts_at: String,
    pub ends_at: String,
    pub venue: Option<String>,
    pub capacity: Option<u32>,
    /// The external link; given to registered people only.
    pub online_url: Option<String>,
    pub built_in_room: bool,
    pub visibility: Visibility,
    pub agenda: Vec<AgendaItemDto>,
    pub counts: RegistrationCounts,
    /// The person asking's registration, when they have one (not cancelled).
    pub my_registration: Option<RegistrationDto>,
    pub minutes_published: bool,
    /// For the organisers of a members-only meeting: the agenda items whose
    /// proposal's author or named presenter may not see the meeting, and so
    /// were not told of the item (a link they would get a 404 on); invite
    /// them another way. Empty for everyone else.
    #[serde(default)]
    pub agenda_not_told: Vec<i64>,
}

// ---------------------------------------------------------------------------
// Registration and the waiting list

/// A registration as given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationInput {
    /// `in_room` or `online`.
    #[serde(default)]
    pub mode: String,
}

impl RegistrationInput {
    /// A mode the meeting's kind offers.
    pub fn check(&self, kind: MeetingKind) -> Result<AttendanceMode, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mode = check_choice(
            "mode",
            Some(self.mode.as_str()),
            None,
            AttendanceMode::parse,
            "The mode is in_room or online.",
            &mut errors,
        );
        match mode {
            Some(mode) if kind.modes().contains(&mode) => Ok(mode),
            Some(_) => Err(vec![FieldError::new(
                "mode",
                FieldProblem::Invalid,
                "This meeting cannot be attended that way.",
            )]),
            None => Err(errors),
        }
    }
}

/// A registration as the waiting list needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Registration {
    pub id: i64,
    pub mode: AttendanceMode,
    pub state: RegistrationState,
    /// When it joined the queue (a creation sequence or timestamp): earlier
    /// is served first; ties go to the smaller id.
    pub order: i64,
}

/// Something that changes who has a room seat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegistrationEvent {
    /// A new registration, or a cancelled one registering again (at the end
    /// of the queue). `order` comes after every other registration's.
    Register {
        id: i64,
        mode: AttendanceMode,
        order: i64,
    },
    /// A switch between the room and online. Switching to the room joins the
    /// end of the queue, with the new `order`.
    ChangeMode {
        id: i64,
        mode: AttendanceMode,
        order: i64,
    },
    Cancel {
        id: i64,
    },
    /// The room's capacity changed.
    Capacity(u32),
}

/// Why an event could not be applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegistrationError {
    UnknownRegistration,
    AlreadyRegistered,
    AlreadyCancelled,
    /// A new place in the queue does not come after every other.
    OutOfOrder,
}

/// The registrations after an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistrationOutcome {
    pub capacity: u32,
    /// All registrations with their new states, in queue order.
    pub registrations: Vec<Registration>,
    /// Registrations moved from the waiting list to a seat, in that order
    /// (the server tells these people).
    pub promoted: Vec<i64>,
}

fn room_registered(regs: &[Registration]) -> u32 {
    let n = regs
        .iter()
        .filter(|r| r.mode == AttendanceMode::InRoom && r.state == RegistrationState::Registered)
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The state a new room (or online) registration gets.
fn entry_state(regs: &[Registration], capacity: u32, mode: AttendanceMode) -> RegistrationState {
    let someone_waits = regs
        .iter()
        .any(|r| r.state == RegistrationState::Waitlisted);
    if mode == AttendanceMode::Online || (room_registered(regs) < capacity && !someone_waits) {
        RegistrationState::Registered
    } else {
        RegistrationState::Waitlisted
    }
}

/// Applies one event to a meeting's registrations (see the module
/// documentation for the rules). `current` may be in any order.
pub fn apply_registration_event(
    capacity: u32,
    current: &[Registration],
    event: RegistrationEvent,
) -> Result<RegistrationOutcome, RegistrationError> {
    let mut regs = current.to_vec();
    let mut capacity = capacity;
    let position = |regs: &[Registration], id: i64| regs.iter().position(|r| r.id == id);
    let comes_last = |regs: &[Registration], id: i64, order: i64| {
        regs.iter().all(|r| r.id == id || r.order < order)
    };
    match event {
        RegistrationEvent::Register { id, mode, order } => {
            if let Some(at) = position(&regs, id) {
                if regs[at].state != RegistrationState::Cancelled {
                    return Err(RegistrationError::AlreadyRegistered);
                }
                regs.remove(at);
            }
            if !comes_last(&regs, id, order) {
                return Err(RegistrationError::OutOfOrder);
            }
            let state = entry_state(&regs, capacity, mode);
            regs.push(Registration {
                id,
                mode,
                state,
                order,
            });
        }
        RegistrationEvent::ChangeMode { id, mode, order } => {
            let at = position(&regs, id).ok_or(RegistrationError::UnknownRegistration)?;
            if regs[at].state == RegistrationState::Cancelled {
                return Err(RegistrationError::AlreadyCancelled);
            }
            if regs[at].mode != mode {
                match mode {
                    AttendanceMode::Online => {
                        regs[at].mode = mode;
                        regs[at].state = RegistrationState::Registered;
                    }
                    AttendanceMode::InRoom => {
                        if !comes_last(&regs, id, order) {
                            return Err(RegistrationError::OutOfOrder);
                        }
                        let mut me = regs.remove(at);
                        me.state = entry_state(&regs, capacity, mode);
                        me.mode = mode;
                        me.order = order;
                        regs.push(me);
                    }
                }
            }
        }
        RegistrationEvent::Cancel { id } => {
            let at = position(&regs, id).ok_or(RegistrationError::UnknownRegistration)?;
            if regs[at].state == RegistrationState::Cancelled {
                return Err(RegistrationError::AlreadyCancelled);
            }
            regs[at].state = RegistrationState::Cancelled;
        }
        RegistrationEvent::Capacity(c) => capacity = c,
    }
    regs.sort_by_key(|r| (r.order, r.id));
    let mut promoted = Vec::new();
    // Online registrations never wait (repairs stored rows that say otherwise).
    for r in regs
        .iter_mut()
        .filter(|r| r.mode == AttendanceMode::Online && r.state == RegistrationState::Waitlisted)
    {
        r.state = RegistrationState::Registered;
        promoted.push(r.id);
    }
    while room_registered(&regs) < capacity {
        let Some(next) = regs
            .iter_mut()
            .find(|r| r.state == RegistrationState::Waitlisted)
        else {
            break;
        };
        next.state = RegistrationState::Registered;
        promoted.push(next.id);
    }
    Ok(RegistrationOutcome {
        capacity,
        registrations: regs,
        promoted,
    })
}

/// A registration's place on the waiting list (1-based), none unless waitlisted.
pub fn waitlist_position(regs: &[Registration], id: i64) -> Option<u32> {
    let mut waiting: Vec<&Registration> = regs
        .iter()
        .filter(|r| r.state == RegistrationState::Waitlisted)
        .collect();
    waiting.sort_by_key(|r| (r.order, r.id));
    waiting
        .iter()
        .position(|r| r.id == id)
        .and_then(|p| u32::try_from(p + 1).ok())
}

/// A registration as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistrationDto {
    pub id: i64,
    pub meeting_id: i64,
    pub mode: AttendanceMode,
    pub state: RegistrationState,
    /// 1-based, while waitlisted.
    pub waitlist_position: Option<u32>,
    /// The check-in code (`ABCDE-FGHJK`), only to its owner and only for a
    /// registered room seat.
    pub check_in_code: Option<String>,
    /// When the person was present (checked in, or joined online), RFC 3339.
    pub present_at: Option<String>,
    /// The mode the person was present in.
    pub present_mode: Option<AttendanceMode>,
    pub created_at: String,
}

// ---------------------------------------------------------------------------
// Check-in codes

/// The code alphabet: digits and capital letters without `0 O 1 I L`. 31
/// characters, a prime, so the check character catches every single
/// substitution and every swap of neighbours.
pub const CODE_ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// Random characters in a code (31⁹ ≈ 2⁴⁴·⁶).
pub const CODE_RANDOM_LEN: usize = 9;

/// Characters in a normalised code, the check character included.
pub const CODE_LEN: usize = CODE_RANDOM_LEN + 1;

const CODE_BASE: u64 = 31;

fn code_value(c: u8) -> Option<u64> {
    CODE_ALPHABET.iter().position(|&a| a == c).map(|p| p as u64)
}

/// The check value: weights 1, 2, … by position; with the check character
/// (weight 10) the weighted sum of a well-formed code is 0 modulo 31.
fn weighted_sum(values: &[u64]) -> u64 {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| (i as u64 + 1) * v)
        .sum::<u64>()
        % CODE_BASE
}

/// A new check-in code from 8 random bytes (from the operating system's
/// generator), written `ABCDE-FGHJK`. The bytes are read as a number and
/// taken modulo 31⁹; the bias this leaves is below one in 2¹⁹.
pub fn format_code(random: [u8; 8]) -> String {
    let mut n = u64::from_le_bytes(random);
    let mut values = Vec::with_capacity(CODE_LEN);
    for _ in 0..CODE_RANDOM_LEN {
        values.push(n % CODE_BASE);
        n /= CODE_BASE;
    }
    // Find c with (Σ + 10·c) ≡ 0 (mod 31); the inverse of 10 modulo 31 is 28.
    let sum = weighted_sum(&values);
    values.push((CODE_BASE - sum) % CODE_BASE * 28 % CODE_BASE);
    let chars: String = values
        .iter()
        .map(|&v| char::from(CODE_ALPHABET[v as usize]))
        .collect();
    display_code(&chars)
}

/// A code as typed or scanned, made comparable: capitals, without spaces,
/// dashes or other separators. What the server stores and looks up.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !(c.is_whitespace() || matches!(c, '-' | '_' | '.' | '–' | '—')))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Whether a typed code can be a code at all: 10 characters of the alphabet
/// with a matching check character. Catches typos without a database query.
pub fn code_is_well_formed(typed: &str) -> bool {
    let code = normalise_code(typed);
    if code.len() != CODE_LEN {
        return false;
    }
    let values: Option<Vec<u64>> = code.bytes().map(code_value).collect();
    values.is_some_and(|v| weighted_sum(&v) == 0)
}

/// A normalised code as shown: `ABCDE-FGHJK`.
pub fn display_code(normalised: &str) -> String {
    let half = normalised
        .char_indices()
        .nth(CODE_LEN / 2)
        .map_or(normalised.len(), |(i, _)| i);
    let (a, b) = normalised.split_at(half);
    if b.is_empty() {
        a.to_owned()
    } else {
        format!("{a}-{b}")
    }
}

/// How long before the start the room's check-in opens (one hour).
pub const CHECK_IN_OPENS_BEFORE_SECS: i64 = 3_600;

wire_enum! {
    /// Why staff could not check a code in (shown to staff at the door).
    CheckInRefusal {
        /// The registration waits for a seat.
        Waitlisted = "waitlisted",
        Cancelled = "cancelled",
        /// The registration is for attending online.
        Online = "online",
        /// The code was used already.
        AlreadyCheckedIn = "already_checked_in",
        /// More than an hour before the start.
        TooEarly = "too_early",
        /// The meeting has ended.
        Ended = "ended",
    }
}

/// Whether the registration a code belongs to may be checked in at `now`:
/// a registered room seat, not yet checked in, from an hour before the start
/// until the end. (An unknown or malformed code is a plain not-found.)
pub fn check_in(
    reg: &Registration,
    checked_in: bool,
    starts_at: i64,
    ends_at: i64,
    now: i64,
) -> Result<(), CheckInRefusal> {
    match reg.state {
        RegistrationState::Cancelled => return Err(CheckInRefusal::Cancelled),
        RegistrationState::Waitlisted => return Err(CheckInRefusal::Waitlisted),
        RegistrationState::Registered => {}
    }
    if reg.mode == AttendanceMode::Online {
        return Err(CheckInRefusal::Online);
    }
    if checked_in {
        return Err(CheckInRefusal::AlreadyCheckedIn);
    }
    if now < starts_at - CHECK_IN_OPENS_BEFORE_SECS {
        return Err(CheckInRefusal::TooEarly);
    }
    if now >= ends_at {
        return Err(CheckInRefusal::Ended);
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Attendance

/// A registration as attendance needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttendanceRecord {
    pub mode: AttendanceMode,
    pub state: RegistrationState,
    /// The mode the person was present in: checked in at the room, or joined
    /// the live room online (which may differ from the registered mode).
    pub present: Option<AttendanceMode>,
}

/// Registrations and presence by mode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceDto {
    pub registered_in_room: u64,
    pub registered_online: u64,
    pub waitlisted: u64,
    pub present_in_room: u64,
    pub present_online: u64,
}

/// Counts registrations and presence by mode, leaving out cancelled
/// registrations (a waitlisted person who follows online is present online).
pub fn count_attendance(records: &[AttendanceRecord]) -> AttendanceDto {
    let mut a = AttendanceDto::default();
    for r in records {
        match (r.state, r.mode) {
            (RegistrationState::Registered, AttendanceMode::InRoom) => a.registered_in_room += 1,
            (RegistrationState::Registered, AttendanceMode::Online) => a.registered_online += 1,
            (RegistrationState::Waitlisted, _) => a.waitlisted += 1,
            (RegistrationState::Cancelled, _) => continue,
        }
        match r.present {
            Some(AttendanceMode::InRoom) => a.present_in_room += 1,
            Some(AttendanceMode::Online) => a.present_online += 1,
            None => {}
        }
    }
    a
}

// ---------------------------------------------------------------------------
// Polls

/// A poll as given by the facilitator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PollInput {
    #[serde(default)]
    pub question: String,
    /// `single`, `multiple`, `yes_no_abstain` or `scale`.
    #[serde(default)]
    pub kind: String,
    /// 2–20 options for `single` and `multiple` (blank ones are skipped);
    /// none for the kinds with fixed options.
    #[serde(default)]
    pub options: Vec<String>,
    /// For `multiple`: how many options a person may choose (default all).
    #[serde(default)]
    pub max_choices: Option<i64>,
    /// The agenda item it belongs to.
    #[serde(default)]
    pub agenda_item_id: Option<i64>,
}

/// What votes and tallies need to know of a poll.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollSpec {
    pub kind: PollKind,
    pub option_count: u32,
    /// 1 except for `multiple`.
    pub max_choices: u32,
}

/// A checked poll: for the fixed kinds, the options are their keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedPoll {
    pub question: String,
    pub kind: PollKind,
    pub options: Vec<String>,
    pub max_choices: u32,
    pub agenda_item_id: Option<i64>,
}

impl CheckedPoll {
    pub fn spec(&self) -> PollSpec {
        PollSpec {
            kind: self.kind,
            option_count: u32::try_from(self.options.len()).unwrap_or(u32::MAX),
            max_choices: self.max_choices,
        }
    }
}

impl PollInput {
    /// Question 2–300 characters; a known kind; for `single` and `multiple`
    /// 2–20 distinct options of 1–200 characters, and for `multiple` a
    /// maximum of choices from 1 to the number of options; no options for
    /// the fixed kinds.
    pub fn check(&self) -> Result<CheckedPoll, Vec<FieldError>> {
        let mut errors = Vec::new();
        let question = check_text("question", &self.question, limits::QUESTION, &mut errors);
        let kind = check_choice(
            "kind",
            Some(self.kind.as_str()),
            None,
            PollKind::parse,
            "The kind is single, multiple, yes_no_abstain or scale.",
            &mut errors,
        );
        let given: Vec<&String> = self
            .options
            .iter()
            .filter(|o| !o.trim().is_empty())
            .collect();
        let mut options = Vec::new();
        let mut max_choices = 1;
        match kind.map(|k| (k, k.fixed_options())) {
            None => {}
            Some((_, Some(fixed))) => {
                if !given.is_empty() {
                    errors.push(FieldError::new(
                        "options",
                        FieldProblem::Invalid,
                        "This kind of poll has fixed options.",
                    ));
                }
                if self.max_choices.is_some_and(|m| m != 1) {
                    errors.push(FieldError::new(
                        "max_choices",
                        FieldProblem::Invalid,
                        "This kind of poll takes one choice.",
                    ));
                }
                options = fixed.iter().map(|o| (*o).to_owned()).collect();
            }
            Some((kind, None)) => {
                let (min, max) = limits::OPTIONS;
                if given.len() < min || given.len() > max {
                    errors.push(
                        FieldError::new(
                            "options",
                            FieldProblem::Invalid,
                            "Give from 2 to 20 options.",
                        )
                        .with_limits(min, max),
                    );
                }
                for (i, raw) in given.iter().enumerate() {
                    let field = format!("options[{i}]");
                    let mut own = Vec::new();
                    let option = check_text(&field, raw, limits::OPTION, &mut own);
                    if own.is_empty() && options.contains(&option) {
                        own.push(FieldError::new(
                            &field,
                            FieldProblem::Invalid,
                            "Two options are the same.",
                        ));
                    }
                    errors.extend(own);
                    options.push(option);
                }
                let count = i64::try_from(options.len()).unwrap_or(i64::MAX);
                match (kind, self.max_choices) {
                    (PollKind::Multiple, None) => max_choices = u32::try_from(count).unwrap_or(1),
                    (PollKind::Multiple, Some(m)) if (1..=count).contains(&m) => {
                        max_choices = u32::try_from(m).unwrap_or(1)
                    }
                    (PollKind::Multiple, Some(_)) => errors.push(FieldError::new(
                        "max_choices",
                        FieldProblem::Invalid,
                        "The maximum of choices is from 1 to the number of options.",
                    )),
                    (_, m) if m.is_some_and(|m| m != 1) => {
                        errors.push(FieldError::new(
                            "max_choices",
                            FieldProblem::Invalid,
                            "This kind of poll takes one choice.",
                        ));
                    }
                    _ => {}
                }
            }
        }
        match kind {
            Some(kind) if errors.is_empty() => Ok(CheckedPoll {
                question,
                kind,
                options,
                max_choices,
                agenda_item_id: self.agenda_item_id,
            }),
            _ => Err(errors),
        }
    }
}

/// A person's vote: the chosen options by index (0-based, in the poll's order).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteInput {
    #[serde(default)]
    pub choices: Vec<u32>,
}

impl VoteInput {
    pub fn check(&self, poll: &PollSpec) -> Result<Vec<u32>, Vec<FieldError>> {
        validate_vote(poll, &self.choices).map_err(|e| vec![e])
    }
}

/// Checks choices against a poll and returns them sorted without repeats:
/// at least one, each an option of the poll, exactly one except for
/// `multiple`, which takes up to its maximum.
pub fn validate_vote(poll: &PollSpec, choices: &[u32]) -> Result<Vec<u32>, FieldError> {
    let mut out = choices.to_vec();
    out.sort_unstable();
    out.dedup();
    if out.is_empty() {
        return Err(FieldError::new(
            "choices",
            FieldProblem::Required,
            "Choose an option.",
        ));
    }
    if out.iter().any(|&c| c >= poll.option_count) {
        return Err(FieldError::new(
            "choices",
            FieldProblem::Invalid,
            "Choose among the poll's options.",
        ));
    }
    let max = if poll.kind == PollKind::Multiple {
        poll.max_choices.max(1)
    } else {
        1
    };
    if out.len() > max as usize {
        return Err(FieldError::new(
            "choices",
            FieldProblem::TooLong,
            format!("Choose at most {max}."),
        )
        .with_limits(1, max as usize));
    }
    Ok(out)
}

/// A hand count entered by the facilitator: per option, in the poll's order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandCountInput {
    #[serde(default)]
    pub counts: Vec<i64>,
}

impl HandCountInput {
    pub fn check(
        &self,
        poll: &PollSpec,
        checked_in_room: u32,
        room_votes_already_in: u32,
    ) -> Result<Vec<u32>, Vec<FieldError>> {
        check_hand_count(poll, &self.counts, checked_in_room, room_votes_already_in)
    }
}

/// How many people in the room may be counted by hand: those checked in at
/// the room who have not voted on a phone.
pub fn hand_count_available(checked_in_room: u32, room_votes_already_in: u32) -> u32 {
    checked_in_room.saturating_sub(room_votes_already_in)
}

/// Checks a hand count: one count per option, none negative, each at most
/// the people available ([`hand_count_available`]); for a one-choice kind
/// the counts together at most that too (each person raises one hand), for
/// `multiple` at most that times the maximum of choices.
pub fn check_hand_count(
    poll: &PollSpec,
    counts: &[i64],
    checked_in_room: u32,
    room_votes_already_in: u32,
) -> Result<Vec<u32>, Vec<FieldError>> {
    let available = i64::from(hand_count_available(checked_in_room, room_votes_already_in));
    let mut errors = Vec::new();
    if counts.len() != poll.option_count as usize {
        errors.push(FieldError::new(
            "counts",
            FieldProblem::Invalid,
            "Give one count per option.",
        ));
        return Err(errors);
    }
    for (i, &c) in counts.iter().enumerate() {
        if c < 0 {
            errors.push(FieldError::new(
                &format!("counts[{i}]"),
                FieldProblem::Invalid,
                "A count is 0 or more.",
            ));
        } else if c > available {
            errors.push(FieldError::new(
                &format!("counts[{i}]"),
                FieldProblem::Invalid,
                format!("At most {available} people in the room have not voted on a phone."),
            ));
        }
    }
    let per_person = if poll.kind == PollKind::Multiple {
        i64::from(poll.max_choices.max(1))
    } else {
        1
    };
    let sum: i64 = counts.iter().map(|&c| c.max(0)).sum();
    if errors.is_empty() && sum > available * per_person {
        errors.push(FieldError::new(
            "counts",
            FieldProblem::Invalid,
            format!("The counts add up to more hands than the {available} people in the room who have not voted on a phone."),
        ));
    }
    if errors.is_empty() {
        Ok(counts
            .iter()
            .map(|&c| u32::try_from(c).unwrap_or(0))
            .collect())
    } else {
        Err(errors)
    }
}

/// A vote cast by a person, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CastVote {
    pub voter_id: i64,
    /// `in_room` for a person checked in at the room, `online` otherwise.
    pub mode: AttendanceMode,
    pub choices: Vec<u32>,
}

/// An option's votes, in total and by provenance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OptionResultDto {
    /// 0-based, in the poll's order.
    pub index: u32,
    pub total: u64,
    pub room: u64,
    pub online: u64,
    pub hand_count: u64,
}

/// Counts by provenance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProvenanceCounts {
    pub room: u64,
    pub online: u64,
    pub hand_count: u64,
}

impl ProvenanceCounts {
    pub fn total(&self) -> u64 {
        self.room + self.online + self.hand_count
    }
}

/// A poll's results.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PollResultsDto {
    pub options: Vec<OptionResultDto>,
    /// People by provenance. For a `multiple` hand count, where one person
    /// may raise several hands, the largest option's count (a lower bound).
    pub voters: ProvenanceCounts,
    /// For a scale: the mean of 1–5 over all votes (none without votes).
    pub mean: Option<f64>,
}

/// Tallies a poll: each person's latest vote (`votes` in the order cast)
/// counted once under its provenance, plus the hand count (per option).
/// Choices outside the poll are ignored.
pub fn tally(poll: &PollSpec, votes: &[CastVote], hand_counts: &[u32]) -> PollResultsDto {
    let n = poll.option_count as usize;
    let mut options: Vec<OptionResultDto> = (0..poll.option_count)
        .map(|index| OptionResultDto {
            index,
            ..Default::default()
        })
        .collect();
    let mut latest: BTreeMap<i64, &CastVote> = BTreeMap::new();
    for v in votes {
        latest.insert(v.voter_id, v);
    }
    let mut voters = ProvenanceCounts::default();
    for v in latest.values() {
        let mut choices = v.choices.clone();
        choices.sort_unstable();
        choices.dedup();
        choices.retain(|&c| (c as usize) < n);
        if choices.is_empty() {
            continue;
        }
        match v.mode {
            AttendanceMode::InRoom => voters.room += 1,
            AttendanceMode::Online => voters.online += 1,
        }
        for c in choices {
            let o = &mut options[c as usize];
            match v.mode {
                AttendanceMode::InRoom => o.room += 1,
                AttendanceMode::Online => o.online += 1,
            }
        }
    }
    for (o, &h) in options.iter_mut().zip(hand_counts) {
        o.hand_count = u64::from(h);
    }
    let hands = options.iter().map(|o| o.hand_count);
    voters.hand_count = if poll.kind == PollKind::Multiple {
        hands.max().unwrap_or(0)
    } else {
        hands.sum()
    };
    for o in &mut options {
        o.total = o.room + o.online + o.hand_count;
    }
    let mean = (poll.kind == PollKind::Scale).then(|| {
        let count: u64 = options.iter().map(|o| o.total).sum();
        let sum: u64 = options
            .iter()
            .map(|o| (u64::from(o.index) + 1) * o.total)
            .sum();
        (count > 0).then(|| sum as f64 / count as f64)
    });
    PollResultsDto {
        options,
        voters,
        mean: mean.flatten(),
    }
}

/// An option as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PollOptionDto {
    pub index: u32,
    /// The text, or for the fixed kinds the key (`yes`, `3`) pages translate.
    pub label: String,
}

/// A poll as shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PollDto {
    pub id: i64,
    pub meeting_id: i64,
    pub agenda_item_id: Option<i64>,
    pub question: String,
    pub kind: PollKind,
    pub state: PollState,
    pub options: Vec<PollOptionDto>,
    pub max_choices: u32,
    /// The person asking's choices (never in broadcast events).
    pub my_vote: Option<Vec<u32>>,
    /// Shown once closed (and live to the facilitator).
    pub results: Option<PollResultsDto>,
}

/// What the facilitator's hand-count form shows, so nobody is counted twice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandCountFormDto {
    pub poll_id: i64,
    pub checked_in_room: u32,
    /// Room votes already cast on phones.
    pub room_votes: u32,
    /// People who may still be counted by hand.
    pub available: u32,
    /// The hand count entered so far, per option.
    pub counts: Vec<u32>,
}

// ---------------------------------------------------------------------------
// Questions and hands

/// A question from the audience.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionInput {
    #[serde(default)]
    pub body: String,
}

impl QuestionInput {
    /// The question, 2–1,000 characters.
    pub fn check(&self) -> Result<String, Vec<FieldError>> {
        let mut errors = Vec::new();
        let body = check_text("body", &self.body, limits::QUESTION_BODY, &mut errors);
        if errors.is_empty() {
            Ok(body)
        } else {
            Err(errors)
        }
    }
}

/// A question as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionDto {
    pub id: i64,
    pub body: String,
    pub author_name: String,
    pub agenda_item_id: Option<i64>,
    pub state: QuestionState,
    pub upvotes: u64,
    /// The person asking upvoted it (false in broadcast events).
    pub upvoted_by_me: bool,
    pub created_at: String,
}

/// Orders the question queue: queued before answered before hidden; within
/// each, more upvotes first, then the earlier question (smaller id).
pub fn order_questions(questions: &mut [QuestionDto]) {
    let rank = |s: QuestionState| match s {
        QuestionState::Queued => 0,
        QuestionState::Answered => 1,
        QuestionState::Hidden => 2,
    };
    questions.sort_by(|a, b| {
        rank(a.state)
            .cmp(&rank(b.state))
            .then(b.upvotes.cmp(&a.upvotes))
            .then(a.id.cmp(&b.id))
    });
}

/// A raised hand (a request to speak), in the order raised.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandDto {
    pub user_id: i64,
    pub display_name: String,
    pub mode: AttendanceMode,
    pub raised_at: String,
}

/// The facilitator's decision on a question from the audience.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionModerationInput {
    /// `queued` (back in the queue, visible again), `answered` or `hidden`.
    #[serde(default)]
    pub state: String,
}

impl QuestionModerationInput {
    /// A known state.
    pub fn check(&self) -> Result<QuestionState, Vec<FieldError>> {
        let mut errors = Vec::new();
        let state = check_choice(
            "state",
            Some(self.state.as_str()),
            None,
            QuestionState::parse,
            "The state is queued, answered or hidden.",
            &mut errors,
        );
        state.ok_or(errors)
    }
}

/// Where the facilitator moves the live room: to an agenda item
/// (`agenda_item_id`), to none (neither given), or a `step` (`next`,
/// `previous`) from the current item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoveAgendaInput {
    #[serde(default)]
    pub agenda_item_id: Option<i64>,
    /// `next` or `previous`, instead of an item.
    #[serde(default)]
    pub step: Option<String>,
}

impl MoveAgendaInput {
    /// The move, for [`move_agenda`]: an item, none, or one step; a step and
    /// an item at once, or an unknown step, are refused.
    pub fn check(&self) -> Result<AgendaMove, Vec<FieldError>> {
        match (
            self.step
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty()),
            self.agenda_item_id,
        ) {
            (None, Some(id)) => Ok(AgendaMove::Item(id)),
            (None, None) => Ok(AgendaMove::None),
            (Some("next"), None) => Ok(AgendaMove::Next),
            (Some("previous"), None) => Ok(AgendaMove::Previous),
            (Some(_), Some(_)) => Err(vec![FieldError::new(
                "step",
                FieldProblem::Invalid,
                "Give an agenda item or a step, not both.",
            )]),
            (Some(_), None) => Err(vec![FieldError::new(
                "step",
                FieldProblem::Invalid,
                "The step is next or previous.",
            )]),
        }
    }
}

// ---------------------------------------------------------------------------
// Live events

/// A change in the live room, sent as a Server-Sent Event (the SSE `event:`
/// field is [`LiveEvent::name`], the `data:` field this as JSON with `type`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LiveEvent {
    /// The facilitator moved to an agenda item (none: before the first or after the last).
    AgendaMoved {
        agenda_item_id: Option<i64>,
    },
    QuestionPosted {
        question: QuestionDto,
    },
    /// Upvoted, answered or hidden.
    QuestionUpdated {
        question: QuestionDto,
    },
    HandRaised {
        hand: HandDto,
    },
    /// The hand was lowered (by its owner or the facilitator) and leaves the queue.
    HandLowered {
        user_id: i64,
    },
    /// The facilitator gave the person the floor; the hand leaves the queue.
    HandCalled {
        user_id: i64,
    },
    PollOpened {
        poll: PollDto,
    },
    PollClosed {
        poll_id: i64,
    },
    PollResults {
        poll_id: i64,
        results: PollResultsDto,
    },
    Attendance {
        attendance: AttendanceDto,
    },
    /// Load the full state again ([`LiveStateDto`]).
    Resync,
}

impl LiveEvent {
    /// The event's name, as in its `type`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::AgendaMoved { .. } => "agenda_moved",
            Self::QuestionPosted { .. } => "question_posted",
            Self::QuestionUpdated { .. } => "question_updated",
            Self::HandRaised { .. } => "hand_raised",
            Self::HandLowered { .. } => "hand_lowered",
            Self::HandCalled { .. } => "hand_called",
            Self::PollOpened { .. } => "poll_opened",
            Self::PollClosed { .. } => "poll_closed",
            Self::PollResults { .. } => "poll_results",
            Self::Attendance { .. } => "attendance",
            Self::Resync => "resync",
        }
    }
}

/// The client must load the full state: the events it missed are gone, or
/// its last event id is unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NeedsResync;

/// The recent events of one meeting's live room, kept so a client that
/// reconnects can catch up. Holds at most `capacity` events; ids increase
/// by one from the first.
#[derive(Clone, Debug, PartialEq)]
pub struct EventLog {
    capacity: usize,
    next_id: u64,
    events: VecDeque<(u64, LiveEvent)>,
}

impl EventLog {
    /// An empty log whose first event gets id 1.
    pub fn new(capacity: usize) -> Self {
        Self::starting_at(capacity, 1)
    }

    /// An empty log whose first event gets `first_id` (at least 1). A server
    /// that restarts can start past any id it gave before (from the clock),
    /// so clients holding an old id are told to resync, never given events
    /// that are not the ones they missed.
    pub fn starting_at(capacity: usize, first_id: u64) -> Self {
        Self {
            capacity: capacity.max(1),
            next_id: first_id.max(1),
            events: VecDeque::new(),
        }
    }

    /// Appends an event and returns its id.
    pub fn push(&mut self, event: LiveEvent) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        if self.events.len() == self.capacity {
            self.events.pop_front();
        }
        self.events.push_back((id, event));
        id
    }

    /// The id of the latest event (one less than the first id while empty).
    pub fn last_id(&self) -> u64 {
        self.next_id - 1
    }

    /// The events after `last_event_id`, oldest first; [`NeedsResync`] when
    /// some were dropped, or the id was never given by this log.
    pub fn since(&self, last_event_id: u64) -> Result<Vec<(u64, LiveEvent)>, NeedsResync> {
        let oldest = self.events.front().map_or(self.next_id, |(id, _)| *id);
        if last_event_id > self.last_id() || last_event_id.saturating_add(1) < oldest {
            return Err(NeedsResync);
        }
        Ok(self
            .events
            .iter()
            .filter(|(id, _)| *id > last_event_id)
            .cloned()
            .collect())
    }
}

/// Reads a `Last-Event-ID` header; none when absent or not a number (resync).
pub fn parse_last_event_id(header: Option<&str>) -> Option<u64> {
    header
        .map(str::trim)
        .filter(|h| !h.is_empty() && h.bytes().all(|c| c.is_ascii_digit()))
        .and_then(|h| h.parse().ok())
}

/// The full state of the live room, loaded on first connect and on resync.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveStateDto {
    pub meeting_id: i64,
    pub state: MeetingState,
    pub agenda: Vec<AgendaItemDto>,
    pub current_agenda_item_id: Option<i64>,
    /// In [`order_questions`] order; hidden ones only for the facilitator.
    pub questions: Vec<QuestionDto>,
    /// Raised hands, in the order raised.
    pub hands: Vec<HandDto>,
    /// The open poll with the person asking's vote.
    pub open_poll: Option<PollDto>,
    pub attendance: AttendanceDto,
    /// The id to resume from (`Last-Event-ID`).
    pub last_event_id: u64,
    /// The person asking runs the meeting (moves the agenda, opens polls).
    pub facilitator: bool,
}

// ---------------------------------------------------------------------------
// Minutes

/// The minutes of one agenda item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MinutesItemInput {
    pub agenda_item_id: i64,
    /// What was decided.
    #[serde(default)]
    pub decisions: String,
    /// A summary of the discussion.
    #[serde(default)]
    pub summary: String,
}

/// The minutes of a meeting, saved or published.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MinutesInput {
    #[serde(default)]
    pub items: Vec<MinutesItemInput>,
    /// Publish (only after the meeting has ended) rather than save a draft.
    #[serde(default)]
    pub publish: bool,
}

/// Checked minutes: per agenda item (in the agenda's order, empty where not
/// given) its id, decisions and summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedMinutes {
    pub items: Vec<(i64, String, String)>,
    pub publish: bool,
}

impl MinutesInput {
    /// Items of this meeting's agenda, each once; decisions up to 5,000
    /// characters, summaries up to 20,000; publishing only once ended.
    pub fn check(
        &self,
        agenda: &[i64],
        state: MeetingState,
    ) -> Result<CheckedMinutes, Vec<FieldError>> {
        let mut errors = Vec::new();
        for (i, item) in self.items.iter().enumerate() {
            if !agenda.contains(&item.agenda_item_id) {
                errors.push(FieldError::new(
                    "items",
                    FieldProblem::Invalid,
                    "An item is not on this meeting's agenda.",
                ));
            } else if self.items[..i]
                .iter()
                .any(|o| o.agenda_item_id == item.agenda_item_id)
            {
                errors.push(FieldError::new(
                    "items",
                    FieldProblem::Invalid,
                    "An agenda item is given twice.",
                ));
            }
        }
        let mut items = Vec::new();
        for &id in agenda {
            let given = self.items.iter().find(|m| m.agenda_item_id == id);
            let decisions = check_optional_text(
                &format!("decisions_{id}"),
                given.map_or("", |m| &m.decisions),
                limits::DECISIONS,
                &mut errors,
            );
            let summary = check_optional_text(
                &format!("summary_{id}"),
                given.map_or("", |m| &m.summary),
                limits::SUMMARY,
                &mut errors,
            );
            items.push((id, decisions, summary));
        }
        if self.publish && state != MeetingState::Ended {
            errors.push(FieldError::new(
                "publish",
                FieldProblem::Invalid,
                "Minutes are published after the meeting has ended.",
            ));
        }
        if errors.is_empty() {
            Ok(CheckedMinutes {
                items,
                publish: self.publish,
            })
        } else {
            Err(errors)
        }
    }
}

/// The minutes of one agenda item as shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MinutesItemDto {
    pub agenda_item: AgendaItemDto,
    pub decisions: String,
    pub summary: String,
    /// The item's closed polls with their results.
    pub polls: Vec<PollDto>,
}

/// A meeting's minutes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MinutesDto {
    pub meeting_id: i64,
    pub meeting_title: String,
    pub items: Vec<MinutesItemDto>,
    pub attendance: AttendanceDto,
    /// RFC 3339; none while a draft (seen only by the meeting's organisers).
    pub published_at: Option<String>,
    /// The meeting's closed polls tied to no agenda item, with their results.
    #[serde(default)]
    pub polls: Vec<PollDto>,
    /// When the minutes were last saved, RFC 3339; none for a blank draft
    /// not saved yet.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// The person asking may edit (and publish) them.
    #[serde(default)]
    pub editable: bool,
}

// ---------------------------------------------------------------------------
// Calendar file (RFC 5545)

/// An event for a calendar file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IcsEvent<'a> {
    /// Globally unique, stable across downloads (`meeting-42@example.go.kr`).
    pub uid: &'a str,
    pub title: &'a str,
    pub starts_utc: i64,
    pub ends_utc: i64,
    pub location: Option<&'a str>,
    pub url: Option<&'a str>,
    pub description: Option<&'a str>,
    /// When the file was made (`DTSTAMP`, required by RFC 5545 §3.6.1).
    pub stamp_utc: i64,
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): `\`, `;`, `,` and newlines;
/// other control characters but tab are dropped (§3.1, they are not allowed).
fn ics_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.replace("\r\n", "\n").chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (RFC 5545 §3.1): continuation lines
/// start with a space, and a multi-byte character (Korean text) is never
/// split. Ends with CRLF.
fn ics_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut octets = 0;
    for c in line.chars() {
        if octets + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

fn ics_time(ts: i64) -> String {
    let (y, mo, d, h, mi, s) = civil_time(ts);
    format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z")
}

/// A calendar file (`text/calendar`) with one event and a reminder the day
/// before, per RFC 5545.
pub fn ics_event(e: &IcsEvent<'_>) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//hamkke//meetings//KO".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", ics_text(e.uid)),
        format!("DTSTAMP:{}", ics_time(e.stamp_utc)),
        format!("DTSTART:{}", ics_time(e.starts_utc)),
        format!("DTEND:{}", ics_time(e.ends_utc)),
        format!("SUMMARY:{}", ics_text(e.title)),
    ];
    if let Some(location) = e.location.filter(|l| !l.trim().is_empty()) {
        lines.push(format!("LOCATION:{}", ics_text(location)));
    }
    if let Some(url) = e.url.filter(|u| !u.trim().is_empty()) {
        // A URI value, not TEXT: not escaped, but never with a line break.
        let url: String = url.trim().chars().filter(|c| !c.is_control()).collect();
        lines.push(format!("URL:{url}"));
    }
    if let Some(description) = e.description.filter(|d| !d.trim().is_empty()) {
        lines.push(format!("DESCRIPTION:{}", ics_text(description)));
    }
    lines.extend([
        "BEGIN:VALARM".to_owned(),
        "ACTION:DISPLAY".to_owned(),
        format!("DESCRIPTION:{}", ics_text(e.title)),
        format!("TRIGGER:-PT{}H", REMINDER_LEAD_SECS / 3_600),
        "END:VALARM".to_owned(),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ]);
    lines.iter().map(|l| ics_line(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::execution::days_from_civil;

    // -- enums and time -------------------------------------------------------

    fn wire<T: Serialize>(v: T) -> String {
        serde_json::to_value(v)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    #[test]
    fn wire_names_match_serde() {
        macro_rules! check {
            ($($t:ty),+) => {$(
                for v in <$t>::ALL {
                    assert_eq!(wire(v), v.as_str());
                    assert_eq!(<$t>::parse(v.as_str()), Some(v));
                }
                assert_eq!(<$t>::parse("nonsense"), None);
            )+};
        }
        check!(
            CouncilKind,
            Side,
            MemberRole,
            MeetingKind,
            Visibility,
            AttendanceMode,
            RegistrationState,
            PollKind,
            PollState,
            Provenance,
            QuestionState,
            MeetingState,
            CheckInRefusal
        );
        assert_eq!(Provenance::from(AttendanceMode::InRoom), Provenance::Room);
        assert_eq!(Provenance::from(AttendanceMode::Online), Provenance::Online);
    }

    #[test]
    fn rfc3339_times_parse_to_utc() {
        // 2026-12-20 14:00 KST is 05:00 UTC.
        let ts = days_from_civil(2026, 12, 20) * 86_400 + 5 * 3_600;
        assert_eq!(parse_rfc3339("2026-12-20T14:00:00+09:00"), Some(ts));
        assert_eq!(parse_rfc3339("2026-12-20T05:00:00Z"), Some(ts));
        assert_eq!(parse_rfc3339(" 2026-12-20t05:00:00.123z "), Some(ts));
        assert_eq!(parse_rfc3339("2026-12-19T23:30:00-05:30"), Some(ts));
        for bad in [
            "",
            "2026-12-20",
            "2026-12-20T05:00:00",
            "2026-12-20T24:00:00Z",
            "2026-02-30T05:00:00Z",
            "2026-12-20T05:00:00+9:00",
            "2026-12-20T05:00:00+0900",
            "2026-12-20T05:00:00.Z",
            "２０２６-12-20T05:00:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad:?}");
        }
        assert_eq!(format_utc(ts), "2026-12-20T05:00:00Z");
        assert_eq!(format_kst(ts), "2026-12-20T14:00:00+09:00");
        assert_eq!(parse_rfc3339(&format_kst(ts)), Some(ts));
        assert_eq!(format_utc(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn meeting_state_and_reminder_follow_the_clock() {
        let (s, e) = (10_000, 13_600);
        assert_eq!(MeetingState::at(s, e, s - 1), MeetingState::Upcoming);
        assert_eq!(MeetingState::at(s, e, s), MeetingState::Live);
        assert_eq!(MeetingState::at(s, e, e - 1), MeetingState::Live);
        assert_eq!(MeetingState::at(s, e, e), MeetingState::Ended);
        assert!(
            MeetingState::Live.accepts_registrations()
                && !MeetingState::Ended.accepts_registrations()
        );
        let start = 1_000_000;
        assert_eq!(reminder_at(start), start - 86_400);
        assert!(!reminder_due(start, start - 86_401));
        assert!(reminder_due(start, start - 86_400));
        assert!(reminder_due(start, start - 1));
        assert!(!reminder_due(start, start));
    }

    // -- inputs ---------------------------------------------------------------

    fn fields(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn councils_and_members_are_checked() {
        let council = CouncilInput {
            name: "정부혁신추진협의회".into(),
            ..Default::default()
        };
        let checked = council.check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (checked.kind, checked.parent_id),
            (CouncilKind::Council, None)
        );
        let sub = CouncilInput {
            name: "참여·협력 분과".into(),
            kind: Some("subcommittee".into()),
            parent_id: Some(1),
            ..Default::default()
        };
        assert_eq!(sub.check().map(|c| c.kind), Ok(CouncilKind::Subcommittee));
        let orphan = CouncilInput {
            parent_id: None,
            ..sub.clone()
        };
        assert_eq!(
            fields(orphan.check().err().unwrap_or_default()),
            ["parent_id"]
        );
        let nested = CouncilInput {
            parent_id: Some(1),
            ..council.clone()
        };
        assert_eq!(
            fields(nested.check().err().unwrap_or_default()),
            ["parent_id"]
        );
        let bad = CouncilInput {
            name: "협".into(),
            kind: Some("club".into()),
            description: "가".repeat(5_001),
            parent_id: None,
        };
        assert_eq!(
            fields(bad.check().err().unwrap_or_default()),
            ["name", "description", "kind"]
        );

        let member = CouncilMemberInput {
            user_id: 7,
            side: "civilian".into(),
            organisation_id: Some(3),
            ..Default::default()
        };
        let m = member.check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (m.user_id, m.email, m.side, m.role),
            (7, None, Side::Civilian, MemberRole::Member)
        );
        let chair = CouncilMemberInput {
            role: Some("chair".into()),
            side: "government".into(),
            ..member.clone()
        };
        assert_eq!(
            chair.check().map(|m| (m.side, m.role)),
            Ok((Side::Government, MemberRole::Chair))
        );
        let secretary = CouncilMemberInput {
            role: Some("secretary".into()),
            ..member.clone()
        };
        assert_eq!(secretary.check().map(|m| m.role), Ok(MemberRole::Secretary));
        let bad = CouncilMemberInput {
            user_id: 0,
            email: None,
            side: String::new(),
            organisation_id: None,
            role: Some("boss".into()),
        };
        assert_eq!(
            fields(bad.check().err().unwrap_or_default()),
            ["user_id", "side", "role"]
        );
        // By e-mail address instead of an account number: trimmed, in lower
        // case, and the address decides (the server looks it up).
        let by_email = CouncilMemberInput {
            user_id: 0,
            email: Some("  Kim.Minji@Example.KR ".into()),
            ..member.clone()
        };
        let m = by_email.check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (m.user_id, m.email.as_deref()),
            (0, Some("kim.minji@example.kr"))
        );
        let both = CouncilMemberInput {
            user_id: 7,
            email: Some("kim.minji@example.kr".into()),
            ..member.clone()
        };
        assert_eq!(
            both.check().map(|m| (m.user_id, m.email)),
            Ok((0, Some("kim.minji@example.kr".to_owned())))
        );
        let blank = CouncilMemberInput {
            user_id: 0,
            email: Some("   ".into()),
            ..member.clone()
        };
        assert_eq!(fields(blank.check().err().unwrap_or_default()), ["user_id"]);
        let only_email: CouncilMemberInput =
            serde_json::from_str(r#"{ "email": "a@example.kr", "side": "civilian" }"#)
                .unwrap_or_default();
        assert_eq!(
            only_email.check().map(|m| m.email),
            Ok(Some("a@example.kr".to_owned()))
        );
    }

    fn hybrid() -> MeetingInput {
        MeetingInput {
            council_id: 1,
            title: "제3차 정기회의".into(),
            kind: "hybrid".into(),
            starts_at: "2026-12-20T14:00:00+09:00".into(),
            ends_at: "2026-12-20T16:00:00+09:00".into(),
            venue: "정부서울청사 별관 2층".into(),
            capacity: Some(80),
            online_url: "https://meet.example.go.kr/room/3".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_hybrid_meeting_needs_a_room_and_an_online_place() {
        let m = hybrid().check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(m.ends_at - m.starts_at, 7_200);
        assert_eq!(m.capacity, Some(80));
        assert_eq!(
            m.online,
            Some(OnlineRoom::External(
                "https://meet.example.go.kr/room/3".into()
            ))
        );
        assert_eq!(m.visibility, Visibility::Public);
        let built_in = MeetingInput {
            online_url: String::new(),
            built_in_room: true,
            ..hybrid()
        };
        assert_eq!(
            built_in.check().map(|m| m.online),
            Ok(Some(OnlineRoom::BuiltIn))
        );
        let both = MeetingInput {
            built_in_room: true,
            ..hybrid()
        };
        assert_eq!(
            fields(both.check().err().unwrap_or_default()),
            ["online_url"]
        );
        let neither = MeetingInput {
            venue: " ".into(),
            capacity: None,
            online_url: String::new(),
            ..hybrid()
        };
        assert_eq!(
            fields(neither.check().err().unwrap_or_default()),
            ["venue", "capacity", "online_url"]
        );
        for capacity in [0, -5, 100_001] {
            let m = MeetingInput {
                capacity: Some(capacity),
                ..hybrid()
            };
            assert_eq!(
                fields(m.check().err().unwrap_or_default()),
                ["capacity"],
                "{capacity}"
            );
        }
        assert!(
            MeetingInput {
                capacity: Some(100_000),
                ..hybrid()
            }
            .check()
            .is_ok()
        );
        for url in [
            "ftp://example.org",
            "https://",
            "https://zoom.us@evil.example/x",
            "https://a b",
            "javascript:alert(1)",
            "meet.example",
        ] {
            let m = MeetingInput {
                online_url: url.into(),
                ..hybrid()
            };
            assert_eq!(
                fields(m.check().err().unwrap_or_default()),
                ["online_url"],
                "{url}"
            );
        }
        assert!(
            MeetingInput {
                online_url: "HTTP://[::1]:8080/live?x=1#y".into(),
                ..hybrid()
            }
            .check()
            .is_ok()
        );
    }

    #[test]
    fn a_meeting_kind_keeps_only_its_own_fields() {
        let in_person = MeetingInput {
            kind: "in_person".into(),
            online_url: "not a link".into(),
            ..hybrid()
        };
        let m = in_person.check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((m.online, m.capacity), (None, Some(80)));
        let online = MeetingInput {
            kind: "online".into(),
            venue: String::new(),
            capacity: Some(-1),
            ..hybrid()
        };
        let m = online.check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((m.venue, m.capacity), (None, None));
        let unknown = MeetingInput {
            kind: "webinar".into(),
            ..hybrid()
        };
        assert_eq!(fields(unknown.check().err().unwrap_or_default()), ["kind"]);
        let members = MeetingInput {
            visibility: Some("members_only".into()),
            ..hybrid()
        };
        assert_eq!(
            members.check().map(|m| m.visibility),
            Ok(Visibility::MembersOnly)
        );
        let secret = MeetingInput {
            visibility: Some("secret".into()),
            ..hybrid()
        };
        assert_eq!(
            fields(secret.check().err().unwrap_or_default()),
            ["visibility"]
        );
    }

    #[test]
    fn meeting_times_are_ordered_and_at_most_a_day_apart() {
        let backwards = MeetingInput {
            ends_at: "2026-12-20T13:00:00+09:00".into(),
            ..hybrid()
        };
        assert_eq!(
            fields(backwards.check().err().unwrap_or_default()),
            ["ends_at"]
        );
        let instant = MeetingInput {
            ends_at: "2026-12-20T05:00:00Z".into(),
            ..hybrid()
        };
        assert_eq!(
            fields(instant.check().err().unwrap_or_default()),
            ["ends_at"]
        );
        let day = MeetingInput {
            ends_at: "2026-12-21T14:00:00+09:00".into(),
            ..hybrid()
        };
        assert!(day.check().is_ok());
        let longer = MeetingInput {
            ends_at: "2026-12-21T14:00:01+09:00".into(),
            ..hybrid()
        };
        assert_eq!(
            fields(longer.check().err().unwrap_or_default()),
            ["ends_at"]
        );
        let missing = MeetingInput {
            starts_at: String::new(),
            ends_at: "tomorrow".into(),
            title: String::new(),
            ..hybrid()
        };
        let errors = missing.check().err().unwrap_or_default();
        assert_eq!(fields(errors.clone()), ["title", "starts_at", "ends_at"]);
        assert_eq!(errors[1].code, FieldProblem::Required);
        assert_eq!(errors[2].code, FieldProblem::Invalid);
    }

    #[test]
    fn agenda_items_and_their_order_are_checked() {
        let item = AgendaItemInput {
            title: "청년 일자리 제안 발표".into(),
            minutes: Some(20),
            proposal_id: Some(5),
            presenter_id: Some(9),
            ..Default::default()
        };
        let checked = item.check().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (
                checked.id,
                checked.minutes,
                checked.proposal_id,
                checked.presenter_id
            ),
            (None, Some(20), Some(5), Some(9))
        );
        // An item already on the agenda keeps its id (the server checks it is this meeting's).
        let kept = AgendaItemInput {
            id: Some(41),
            ..item.clone()
        };
        assert_eq!(kept.check().map(|c| c.id), Ok(Some(41)));
        for minutes in [0, 601, -3] {
            let bad = AgendaItemInput {
                minutes: Some(minutes),
                ..item.clone()
            };
            assert_eq!(fields(bad.check().err().unwrap_or_default()), ["minutes"]);
        }
        assert_eq!(
            fields(AgendaItemInput::default().check().err().unwrap_or_default()),
            ["title"]
        );
        // The proposal's author presents: the server names them; it needs a
        // linked proposal, and excludes a named presenter.
        let by_author = AgendaItemInput {
            presenter_id: None,
            author_presents: true,
            ..item.clone()
        };
        assert_eq!(by_author.check().map(|c| (c.author_presents, c.presenter_id)), Ok((true, None)));
        for bad in [
            AgendaItemInput { proposal_id: None, ..by_author.clone() },
            AgendaItemInput { presenter_id: Some(9), ..by_author.clone() },
        ] {
            assert_eq!(fields(bad.check().err().unwrap_or_default()), ["presenter_id"]);
        }
        assert!(check_agenda_order(&[1, 2, 3], &[3, 1, 2]).is_ok());
        assert!(check_agenda_order(&[1, 2, 3], &[3, 1]).is_err());
        assert!(check_agenda_order(&[1, 2, 3], &[3, 1, 1, 2]).is_err());
        assert!(check_agenda_order(&[1, 2, 3], &[3, 1, 4]).is_err());
    }

    #[test]
    fn the_facilitator_moves_through_the_agenda() {
        let agenda = [11, 12, 13];
        assert_eq!(move_agenda(&agenda, None, AgendaMove::Next), Ok(Some(11)));
        assert_eq!(
            move_agenda(&agenda, Some(11), AgendaMove::Next),
            Ok(Some(12))
        );
        assert_eq!(
            move_agenda(&agenda, Some(13), AgendaMove::Next),
            Ok(Some(13))
        );
        assert_eq!(
            move_agenda(&agenda, Some(12), AgendaMove::Previous),
            Ok(Some(11))
        );
        assert_eq!(
            move_agenda(&agenda, Some(11), AgendaMove::Previous),
            Ok(Some(11))
        );
        assert_eq!(move_agenda(&agenda, None, AgendaMove::Previous), Ok(None));
        assert_eq!(
            move_agenda(&agenda, Some(11), AgendaMove::Item(13)),
            Ok(Some(13))
        );
        assert!(move_agenda(&agenda, Some(11), AgendaMove::Item(99)).is_err());
        assert_eq!(move_agenda(&agenda, Some(12), AgendaMove::None), Ok(None));
        // An item deleted meanwhile counts as none current.
        assert_eq!(
            move_agenda(&agenda, Some(99), AgendaMove::Next),
            Ok(Some(11))
        );
        assert_eq!(move_agenda(&[], None, AgendaMove::Next), Ok(None));
        let json = serde_json::to_string(&AgendaMove::Item(12)).unwrap_or_default();
        assert_eq!(json, r#"{"to":"item","agenda_item_id":12}"#);
        assert_eq!(
            serde_json::from_str::<AgendaMove>(r#"{"to":"next"}"#).ok(),
            Some(AgendaMove::Next)
        );
    }

    #[test]
    fn polls_open_and_close_once() {
        use PollState::{Closed, Draft, Open};
        let moves: Vec<(PollState, PollState)> = PollState::ALL
            .into_iter()
            .flat_map(|a| PollState::ALL.into_iter().map(move |b| (a, b)))
            .filter(|&(a, b)| a.can_move_to(b))
            .collect();
        assert_eq!(moves, vec![(Draft, Open), (Open, Closed)]);
        assert!(Open.accepts_votes() && !Draft.accepts_votes() && !Closed.accepts_votes());
        assert!(
            Open.accepts_hand_count() && Closed.accepts_hand_count() && !Draft.accepts_hand_count()
        );
    }

    #[test]
    fn a_code_checks_in_a_registered_room_seat_once_while_the_door_is_open() {
        let (starts, ends) = (100_000, 107_200);
        let seat = Registration {
            id: 1,
            mode: AttendanceMode::InRoom,
            state: RegistrationState::Registered,
            order: 1,
        };
        assert_eq!(check_in(&seat, false, starts, ends, starts - 3_600), Ok(()));
        assert_eq!(check_in(&seat, false, starts, ends, ends - 1), Ok(()));
        assert_eq!(
            check_in(&seat, false, starts, ends, starts - 3_601),
            Err(CheckInRefusal::TooEarly)
        );
        assert_eq!(
            check_in(&seat, false, starts, ends, ends),
            Err(CheckInRefusal::Ended)
        );
        assert_eq!(
            check_in(&seat, true, starts, ends, starts),
            Err(CheckInRefusal::AlreadyCheckedIn)
        );
        let waiting = Registration {
            state: RegistrationState::Waitlisted,
            ..seat
        };
        assert_eq!(
            check_in(&waiting, false, starts, ends, starts),
            Err(CheckInRefusal::Waitlisted)
        );
        let cancelled = Registration {
            state: RegistrationState::Cancelled,
            ..seat
        };
        assert_eq!(
            check_in(&cancelled, false, starts, ends, starts),
            Err(CheckInRefusal::Cancelled)
        );
        let online = Registration {
            mode: AttendanceMode::Online,
            ..seat
        };
        assert_eq!(
            check_in(&online, false, starts, ends, starts),
            Err(CheckInRefusal::Online)
        );
    }

    #[test]
    fn registration_modes_follow_the_meeting_kind() {
        let room = RegistrationInput {
            mode: "in_room".into(),
        };
        let online = RegistrationInput {
            mode: "online".into(),
        };
        assert_eq!(room.check(MeetingKind::Hybrid), Ok(AttendanceMode::InRoom));
        assert_eq!(
            online.check(MeetingKind::Hybrid),
            Ok(AttendanceMode::Online)
        );
        assert_eq!(
            room.check(MeetingKind::InPerson),
            Ok(AttendanceMode::InRoom)
        );
        assert!(online.check(MeetingKind::InPerson).is_err());
        assert!(room.check(MeetingKind::Online).is_err());
        assert_eq!(
            fields(
                RegistrationInput::default()
                    .check(MeetingKind::Hybrid)
                    .err()
                    .unwrap_or_default()
            ),
            ["mode"]
        );
    }

    #[test]
    fn questions_are_checked() {
        assert_eq!(
            QuestionInput {
                body: "  예산은 얼마인가요?  ".into()
            }
            .check(),
            Ok("예산은 얼마인가요?".into())
        );
        assert!(QuestionInput { body: "왜".into() }.check().is_err());
        assert!(
            QuestionInput {
                body: "가".repeat(1_001)
            }
            .check()
            .is_err()
        );
        assert!(
            QuestionInput {
                body: "가".repeat(1_000)
            }
            .check()
            .is_ok()
        );
    }

    #[test]
    fn moderation_and_agenda_moves_are_checked() {
        let moderate = |s: &str| QuestionModerationInput { state: s.into() }.check();
        assert_eq!(moderate(" hidden "), Ok(QuestionState::Hidden));
        assert_eq!(moderate("answered"), Ok(QuestionState::Answered));
        assert_eq!(moderate("queued"), Ok(QuestionState::Queued));
        assert_eq!(
            moderate("").map_err(|e| e[0].code),
            Err(FieldProblem::Required)
        );
        assert_eq!(
            fields(moderate("deleted").err().unwrap_or_default()),
            ["state"]
        );
        let mv = |item: Option<i64>, step: Option<&str>| {
            MoveAgendaInput {
                agenda_item_id: item,
                step: step.map(Into::into),
            }
            .check()
        };
        assert_eq!(mv(Some(7), None), Ok(AgendaMove::Item(7)));
        assert_eq!(mv(None, None), Ok(AgendaMove::None));
        assert_eq!(mv(None, Some(" ")), Ok(AgendaMove::None));
        assert_eq!(mv(None, Some("next")), Ok(AgendaMove::Next));
        assert_eq!(mv(None, Some("previous")), Ok(AgendaMove::Previous));
        assert_eq!(
            fields(mv(Some(7), Some("next")).err().unwrap_or_default()),
            ["step"]
        );
        assert_eq!(
            fields(mv(None, Some("last")).err().unwrap_or_default()),
            ["step"]
        );
    }

    #[test]
    fn minutes_cover_the_agenda_and_are_published_after_the_end() {
        let input = MinutesInput {
            items: vec![MinutesItemInput {
                agenda_item_id: 12,
                decisions: "원안 가결".into(),
                summary: "찬성 다수".into(),
            }],
            publish: false,
        };
        let checked = input
            .check(&[11, 12], MeetingState::Live)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            checked.items,
            vec![
                (11, String::new(), String::new()),
                (12, "원안 가결".into(), "찬성 다수".into())
            ]
        );
        let publish = MinutesInput {
            publish: true,
            ..input.clone()
        };
        assert_eq!(
            fields(
                publish
                    .check(&[11, 12], MeetingState::Live)
                    .err()
                    .unwrap_or_default()
            ),
            ["publish"]
        );
        assert!(publish.check(&[11, 12], MeetingState::Ended).is_ok());
        let stranger = MinutesInput {
            items: vec![MinutesItemInput {
                agenda_item_id: 99,
                ..Default::default()
            }],
            publish: false,
        };
        assert!(stranger.check(&[11, 12], MeetingState::Ended).is_err());
        let twice = MinutesInput {
            items: vec![input.items[0].clone(), input.items[0].clone()],
            publish: false,
        };
        assert!(twice.check(&[11, 12], MeetingState::Ended).is_err());
        let long = MinutesInput {
            items: vec![MinutesItemInput {
                agenda_item_id: 11,
                decisions: "가".repeat(5_001),
                summary: String::new(),
            }],
            publish: false,
        };
        assert_eq!(
            fields(
                long.check(&[11], MeetingState::Ended)
                    .err()
                    .unwrap_or_default()
            ),
            ["decisions_11"]
        );
    }

    // -- registration and the waiting list -------------------------------------

    fn reg(id: i64, mode: AttendanceMode, state: RegistrationState) -> Registration {
        Registration {
            id,
            mode,
            state,
            order: id,
        }
    }

    /// Applies an event that must succeed.
    fn apply(
        capacity: u32,
        regs: &[Registration],
        event: RegistrationEvent,
    ) -> RegistrationOutcome {
        apply_registration_event(capacity, regs, event)
            .unwrap_or_else(|e| panic!("{event:?}: {e:?}"))
    }

    fn states(outcome: &RegistrationOutcome) -> Vec<(i64, RegistrationState)> {
        outcome
            .registrations
            .iter()
            .map(|r| (r.id, r.state))
            .collect()
    }

    use AttendanceMode::{InRoom, Online};
    use RegistrationState::{Cancelled, Registered, Waitlisted};

    #[test]
    fn room_seats_go_first_come_first_served_and_online_never_waits() {
        let mut regs = Vec::new();
        let mut capacity = 2;
        for (id, mode) in [
            (1, InRoom),
            (2, Online),
            (3, InRoom),
            (4, InRoom),
            (5, Online),
            (6, InRoom),
        ] {
            let out = apply(
                capacity,
                &regs,
                RegistrationEvent::Register {
                    id,
                    mode,
                    order: id,
                },
            );
            regs = out.registrations;
            capacity = out.capacity;
        }
        assert_eq!(
            regs.iter().map(|r| (r.id, r.state)).collect::<Vec<_>>(),
            vec![
                (1, Registered),
                (2, Registered),
                (3, Registered),
                (4, Waitlisted),
                (5, Registered),
                (6, Waitlisted)
            ]
        );
        assert_eq!(waitlist_position(&regs, 4), Some(1));
        assert_eq!(waitlist_position(&regs, 6), Some(2));
        assert_eq!(waitlist_position(&regs, 1), None);
        // An online registrant cancelling frees no seat.
        let out = apply(2, &regs, RegistrationEvent::Cancel { id: 2 });
        assert!(out.promoted.is_empty());
        // A room seat freed promotes the earliest waitlisted.
        let out = apply(2, &out.registrations, RegistrationEvent::Cancel { id: 1 });
        assert_eq!(out.promoted, vec![4]);
        assert_eq!(
            states(&out),
            vec![
                (1, Cancelled),
                (2, Cancelled),
                (3, Registered),
                (4, Registered),
                (5, Registered),
                (6, Waitlisted)
            ]
        );
        // Cancelling a waitlisted registration promotes nobody.
        let out = apply(2, &out.registrations, RegistrationEvent::Cancel { id: 6 });
        assert!(out.promoted.is_empty());
        assert_eq!(
            apply_registration_event(2, &out.registrations, RegistrationEvent::Cancel { id: 6 }),
            Err(RegistrationError::AlreadyCancelled)
        );
        assert_eq!(
            apply_registration_event(2, &out.registrations, RegistrationEvent::Cancel { id: 60 }),
            Err(RegistrationError::UnknownRegistration)
        );
    }

    #[test]
    fn a_new_room_registration_does_not_jump_the_queue() {
        // Inconsistent stored rows (a free seat and someone waiting) are
        // repaired first-come: the one waiting gets the seat, the newcomer waits.
        let regs = [reg(1, InRoom, Registered), reg(2, InRoom, Waitlisted)];
        let out = apply(
            3,
            &regs,
            RegistrationEvent::Register {
                id: 3,
                mode: InRoom,
                order: 3,
            },
        );
        assert_eq!(out.promoted, vec![2, 3]);
        let regs = [reg(1, InRoom, Registered), reg(2, InRoom, Waitlisted)];
        let out = apply(
            2,
            &regs,
            RegistrationEvent::Register {
                id: 3,
                mode: InRoom,
                order: 3,
            },
        );
        assert_eq!(
            states(&out),
            vec![(1, Registered), (2, Registered), (3, Waitlisted)]
        );
        assert_eq!(out.promoted, vec![2]);
    }

    #[test]
    fn capacity_changes_promote_but_never_demote() {
        let regs = [
            reg(1, InRoom, Registered),
            reg(2, InRoom, Registered),
            reg(3, InRoom, Registered),
            reg(4, InRoom, Waitlisted),
            reg(5, InRoom, Waitlisted),
        ];
        let lower = apply(3, &regs, RegistrationEvent::Capacity(1));
        assert_eq!(lower.capacity, 1);
        assert!(lower.promoted.is_empty());
        assert_eq!(room_registered(&lower.registrations), 3);
        // Over capacity: a cancellation frees no seat until the room fits.
        let out = apply(1, &lower.registrations, RegistrationEvent::Cancel { id: 1 });
        assert!(out.promoted.is_empty());
        let raise = apply(1, &out.registrations, RegistrationEvent::Capacity(4));
        assert_eq!(raise.promoted, vec![4, 5]);
    }

    #[test]
    fn registering_again_and_switching_modes() {
        let regs = [
            reg(1, InRoom, Registered),
            reg(2, InRoom, Waitlisted),
            reg(3, Online, Registered),
        ];
        assert_eq!(
            apply_registration_event(
                1,
                &regs,
                RegistrationEvent::Register {
                    id: 1,
                    mode: InRoom,
                    order: 9
                }
            ),
            Err(RegistrationError::AlreadyRegistered)
        );
        assert_eq!(
            apply_registration_event(
                1,
                &regs,
                RegistrationEvent::Register {
                    id: 4,
                    mode: InRoom,
                    order: 2
                }
            ),
            Err(RegistrationError::OutOfOrder)
        );
        // Switching the room seat to online hands the seat on.
        let out = apply(
            1,
            &regs,
            RegistrationEvent::ChangeMode {
                id: 1,
                mode: Online,
                order: 4,
            },
        );
        assert_eq!(out.promoted, vec![2]);
        // Switching back to the room joins the end of the queue.
        let back = apply(
            1,
            &out.registrations,
            RegistrationEvent::ChangeMode {
                id: 1,
                mode: InRoom,
                order: 5,
            },
        );
        assert_eq!(
            states(&back),
            vec![(2, Registered), (3, Registered), (1, Waitlisted)]
        );
        // The same mode changes nothing.
        let same = apply(
            1,
            &back.registrations,
            RegistrationEvent::ChangeMode {
                id: 3,
                mode: Online,
                order: 6,
            },
        );
        assert_eq!(same.registrations, back.registrations);
        // A cancelled registration registers again at the end.
        let cancelled = apply(1, &back.registrations, RegistrationEvent::Cancel { id: 2 });
        assert_eq!(cancelled.promoted, vec![1]);
        let again = apply(
            1,
            &cancelled.registrations,
            RegistrationEvent::Register {
                id: 2,
                mode: InRoom,
                order: 7,
            },
        );
        assert_eq!(
            states(&again),
            vec![(3, Registered), (1, Registered), (2, Waitlisted)]
        );
        assert_eq!(
            apply_registration_event(
                1,
                &cancelled.registrations,
                RegistrationEvent::ChangeMode {
                    id: 2,
                    mode: Online,
                    order: 8
                }
            ),
            Err(RegistrationError::AlreadyCancelled)
        );
    }

    /// A tiny deterministic generator (xorshift64*) for property-style tests.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    fn waiting(regs: &[Registration]) -> Vec<i64> {
        regs.iter()
            .filter(|r| r.state == Waitlisted)
            .map(|r| r.id)
            .collect()
    }

    #[test]
    fn random_sequences_keep_the_room_within_capacity_and_the_queue_in_order() {
        // How often the interesting cases came up, so the test cannot pass vacuously.
        let (mut applied, mut promotions, mut over_capacity, mut waited) = (0, 0, 0, 0);
        for seed in 1..=200u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let mut capacity = 1 + rng.below(5) as u32;
            let mut regs: Vec<Registration> = Vec::new();
            let mut order = 0;
            let mut lowered = false;
            for _ in 0..150 {
                order += 1;
                let pick = |rng: &mut Rng, regs: &[Registration]| {
                    regs.get(rng.below(regs.len().max(1) as u64) as usize)
                        .map(|r| r.id)
                };
                let mode = if rng.below(3) == 0 { Online } else { InRoom };
                let event = match rng.below(10) {
                    0..=4 => RegistrationEvent::Register {
                        id: if rng.below(4) == 0 {
                            pick(&mut rng, &regs).unwrap_or(order)
                        } else {
                            1_000 + order
                        },
                        mode,
                        order,
                    },
                    5 | 6 => RegistrationEvent::Cancel {
                        id: pick(&mut rng, &regs).unwrap_or(0),
                    },
                    7 | 8 => RegistrationEvent::ChangeMode {
                        id: pick(&mut rng, &regs).unwrap_or(0),
                        mode,
                        order,
                    },
                    _ => RegistrationEvent::Capacity(rng.below(6) as u32),
                };
                let before_room = room_registered(&regs);
                let before_wait = waiting(&regs);
                let Ok(out) = apply_registration_event(capacity, &regs, event) else {
                    continue;
                };
                if let RegistrationEvent::Capacity(c) = event {
                    lowered |= c < capacity;
                }
                let room = room_registered(&out.registrations);
                applied += 1;
                promotions += out.promoted.len();
                over_capacity += usize::from(room > out.capacity);
                waited += usize::from(out.registrations.iter().any(|r| r.state == Waitlisted));
                // Never over capacity unless the capacity was lowered, and then
                // nobody gets a seat while the room is over.
                if room > out.capacity {
                    assert!(lowered, "seed {seed}: {room} in a room of {}", out.capacity);
                    assert!(
                        room <= before_room,
                        "seed {seed}: a seat was given while over capacity"
                    );
                }
                // Nobody waits while a seat is free; online never waits.
                let after_wait = waiting(&out.registrations);
                assert!(room >= out.capacity || after_wait.is_empty(), "seed {seed}");
                assert!(
                    out.registrations
                        .iter()
                        .all(|r| r.mode == InRoom || r.state != Waitlisted)
                );
                // The waiting list keeps its order: those still waiting are in the
                // same order, promotions come from its head, a newcomer joins the end.
                let stayed: Vec<i64> = before_wait
                    .iter()
                    .copied()
                    .filter(|id| after_wait.contains(id))
                    .collect();
                let newcomers: Vec<i64> = after_wait
                    .iter()
                    .copied()
                    .filter(|id| !before_wait.contains(id))
                    .collect();
                assert_eq!(after_wait[..stayed.len()], stayed[..], "seed {seed}");
                assert!(newcomers.len() <= 1, "seed {seed}");
                let still_eligible: Vec<i64> = before_wait
                    .iter()
                    .copied()
                    .filter(|id| {
                        out.registrations.iter().any(|r| {
                            r.id == *id
                                && r.mode == InRoom
                                && (r.state == Registered || after_wait.contains(id))
                        })
                    })
                    .collect();
                let promoted_from_queue: Vec<i64> = out
                    .promoted
                    .iter()
                    .copied()
                    .filter(|id| before_wait.contains(id))
                    .collect();
                assert_eq!(
                    promoted_from_queue[..],
                    still_eligible[..promoted_from_queue.len()],
                    "seed {seed}"
                );
                regs = out.registrations;
                capacity = out.capacity;
            }
        }
        assert!(
            applied > 20_000 && promotions > 1_000 && over_capacity > 1_000 && waited > 5_000,
            "{applied} {promotions} {over_capacity} {waited}"
        );
    }

    // -- check-in codes --------------------------------------------------------

    #[test]
    fn codes_are_well_formed_and_typable() {
        let code = format_code([0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0]);
        assert_eq!(code.len(), 11);
        assert_eq!(code.as_bytes()[5], b'-');
        assert!(code_is_well_formed(&code), "{code}");
        let normal = normalise_code(&code);
        assert_eq!(normal.len(), CODE_LEN);
        assert!(normal.bytes().all(|c| CODE_ALPHABET.contains(&c)));
        assert!(!normal.contains(['0', 'O', '1', 'I', 'L']));
        // Case, spaces and dashes do not matter.
        let typed = format!(
            " {} {} ",
            normal[..3].to_lowercase(),
            normal[3..].replace("", " ")
        );
        assert_eq!(normalise_code(&typed), normal);
        assert!(code_is_well_formed(&typed));
        assert_eq!(display_code(&normal), code);
        for bad in [
            "",
            "ABCDE",
            "ABCDE-FGHJKM",
            "ABCDE-FGHJ0",
            "가나다라마-바사아자차",
        ] {
            assert!(!code_is_well_formed(bad), "{bad}");
        }
        // 9 random characters of 31: at least 40 bits.
        assert!(CODE_RANDOM_LEN as f64 * 31f64.log2() >= 40.0);
        // Different bytes give different codes.
        let mut rng = Rng(7);
        let codes: std::collections::BTreeSet<String> = (0..2_000)
            .map(|_| format_code(rng.next().to_le_bytes()))
            .collect();
        assert_eq!(codes.len(), 2_000);
    }

    #[test]
    fn every_single_typo_and_swap_of_neighbours_is_caught() {
        let mut rng = Rng(42);
        for _ in 0..300 {
            let code = normalise_code(&format_code(rng.next().to_le_bytes()));
            assert!(code_is_well_formed(&code));
            let bytes = code.as_bytes();
            for i in 0..CODE_LEN {
                for &other in CODE_ALPHABET {
                    if other == bytes[i] {
                        continue;
                    }
                    let mut typo = bytes.to_vec();
                    typo[i] = other;
                    let typo = String::from_utf8(typo).unwrap_or_default();
                    assert!(!code_is_well_formed(&typo), "{code} → {typo}");
                }
                if i + 1 < CODE_LEN && bytes[i] != bytes[i + 1] {
                    let mut swap = bytes.to_vec();
                    swap.swap(i, i + 1);
                    let swap = String::from_utf8(swap).unwrap_or_default();
                    assert!(!code_is_well_formed(&swap), "{code} → {swap}");
                }
            }
        }
    }

    // -- attendance and polls ----------------------------------------------------

    #[test]
    fn attendance_is_kept_by_the_mode_people_were_present_in() {
        let r = |mode, state, present| AttendanceRecord {
            mode,
            state,
            present,
        };
        let a = count_attendance(&[
            r(InRoom, Registered, Some(InRoom)),
            r(InRoom, Registered, Some(Online)), // could not come, joined online
            r(InRoom, Registered, None),
            r(Online, Registered, Some(Online)),
            r(InRoom, Waitlisted, None),
            r(InRoom, Cancelled, Some(InRoom)),
        ]);
        assert_eq!(
            a,
            AttendanceDto {
                registered_in_room: 3,
                registered_online: 1,
                waitlisted: 1,
                present_in_room: 1,
                present_online: 2
            }
        );
    }

    fn poll(kind: &str, options: &[&str], max_choices: Option<i64>) -> PollInput {
        PollInput {
            question: "어느 안을 지지하십니까?".into(),
            kind: kind.into(),
            options: options.iter().map(|o| (*o).to_owned()).collect(),
            max_choices,
            agenda_item_id: None,
        }
    }

    #[test]
    fn polls_are_checked_by_kind() {
        let single = poll("single", &["가안", "나안", " "], None)
            .check()
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            single.spec(),
            PollSpec {
                kind: PollKind::Single,
                option_count: 2,
                max_choices: 1
            }
        );
        let multiple = poll("multiple", &["가", "나", "다"], None)
            .check()
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(multiple.max_choices, 3);
        assert_eq!(
            poll("multiple", &["가", "나", "다"], Some(2))
                .check()
                .map(|p| p.max_choices),
            Ok(2)
        );
        for m in [0, 4] {
            assert_eq!(
                fields(
                    poll("multiple", &["가", "나", "다"], Some(m))
                        .check()
                        .err()
                        .unwrap_or_default()
                ),
                ["max_choices"]
            );
        }
        let yes_no = poll("yes_no_abstain", &[], None)
            .check()
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(yes_no.options, ["yes", "no", "abstain"]);
        let scale = poll("scale", &["", ""], Some(1))
            .check()
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(scale.spec().option_count, 5);
        assert_eq!(
            fields(
                poll("scale", &["하나"], None)
                    .check()
                    .err()
                    .unwrap_or_default()
            ),
            ["options"]
        );
        assert_eq!(
            fields(
                poll("single", &["가"], None)
                    .check()
                    .err()
                    .unwrap_or_default()
            ),
            ["options"]
        );
        let many: Vec<String> = (0..21).map(|i| format!("안{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(
            fields(
                poll("single", &many, None)
                    .check()
                    .err()
                    .unwrap_or_default()
            ),
            ["options"]
        );
        assert_eq!(
            poll("single", &many[..20], None)
                .check()
                .map(|p| p.options.len()),
            Ok(20)
        );
        assert_eq!(
            fields(
                poll("single", &["가", " 가 "], None)
                    .check()
                    .err()
                    .unwrap_or_default()
            ),
            ["options[1]"]
        );
        assert_eq!(
            fields(
                poll("single", &["가", "나"], Some(2))
                    .check()
                    .err()
                    .unwrap_or_default()
            ),
            ["max_choices"]
        );
        assert_eq!(
            fields(
                PollInput {
                    question: "왜".into(),
                    kind: "ranked".into(),
                    ..Default::default()
                }
                .check()
                .err()
                .unwrap_or_default()
            ),
            ["question", "kind"]
        );
    }

    const SINGLE: PollSpec = PollSpec {
        kind: PollKind::Single,
        option_count: 3,
        max_choices: 1,
    };
    const MULTIPLE: PollSpec = PollSpec {
        kind: PollKind::Multiple,
        option_count: 4,
        max_choices: 2,
    };
    const SCALE: PollSpec = PollSpec {
        kind: PollKind::Scale,
        option_count: 5,
        max_choices: 1,
    };

    #[test]
    fn votes_are_checked_against_the_poll_and_normalised() {
        assert_eq!(validate_vote(&SINGLE, &[2]), Ok(vec![2]));
        assert_eq!(validate_vote(&SINGLE, &[2, 2]), Ok(vec![2]));
        assert!(validate_vote(&SINGLE, &[0, 1]).is_err());
        assert!(validate_vote(&SINGLE, &[3]).is_err());
        assert_eq!(
            validate_vote(&SINGLE, &[]).map_err(|e| e.code),
            Err(FieldProblem::Required)
        );
        assert_eq!(validate_vote(&MULTIPLE, &[3, 0, 3]), Ok(vec![0, 3]));
        assert_eq!(
            validate_vote(&MULTIPLE, &[0, 1, 2]).map_err(|e| e.code),
            Err(FieldProblem::TooLong)
        );
        assert_eq!(VoteInput { choices: vec![4] }.check(&SCALE), Ok(vec![4]));
        assert!(VoteInput { choices: vec![5] }.check(&SCALE).is_err());
    }

    #[test]
    fn hand_counts_cover_only_people_who_did_not_vote_on_a_phone() {
        // 30 checked in at the room, 18 voted on phones: 12 may be counted by hand.
        assert_eq!(hand_count_available(30, 18), 12);
        assert_eq!(hand_count_available(5, 9), 0);
        assert_eq!(
            check_hand_count(&SINGLE, &[5, 4, 3], 30, 18),
            Ok(vec![5, 4, 3])
        );
        assert_eq!(
            fields(
                check_hand_count(&SINGLE, &[5, 5, 3], 30, 18)
                    .err()
                    .unwrap_or_default()
            ),
            ["counts"]
        );
        assert_eq!(
            fields(
                check_hand_count(&SINGLE, &[13, 0, 0], 30, 18)
                    .err()
                    .unwrap_or_default()
            ),
            ["counts[0]"]
        );
        assert_eq!(
            fields(
                check_hand_count(&SINGLE, &[-1, 0, 0], 30, 18)
                    .err()
                    .unwrap_or_default()
            ),
            ["counts[0]"]
        );
        assert_eq!(
            fields(
                check_hand_count(&SINGLE, &[1, 0], 30, 18)
                    .err()
                    .unwrap_or_default()
            ),
            ["counts"]
        );
        // Several hands per person for a multiple-choice poll, up to its maximum.
        assert!(check_hand_count(&MULTIPLE, &[12, 12, 0, 0], 30, 18).is_ok());
        assert!(check_hand_count(&MULTIPLE, &[12, 12, 1, 0], 30, 18).is_err());
        assert!(
            HandCountInput {
                counts: vec![0, 0, 0]
            }
            .check(&SINGLE, 0, 0)
            .is_ok()
        );
        assert!(
            HandCountInput {
                counts: vec![1, 0, 0]
            }
            .check(&SINGLE, 3, 3)
            .is_err()
        );
    }

    fn vote(voter_id: i64, mode: AttendanceMode, choices: &[u32]) -> CastVote {
        CastVote {
            voter_id,
            mode,
            choices: choices.to_vec(),
        }
    }

    #[test]
    fn a_tally_counts_each_person_once_and_keeps_hand_counts_apart() {
        let votes = [
            vote(1, Online, &[0]),
            vote(2, InRoom, &[1]),
            vote(3, Online, &[1]),
            // Person 1 voted online, then checked in and voted in the room: the latest counts.
            vote(1, InRoom, &[2]),
            vote(4, InRoom, &[7]), // outside the poll: ignored
        ];
        let r = tally(&SINGLE, &votes, &[3, 0, 1]);
        let split: Vec<(u64, u64, u64, u64)> = r
            .options
            .iter()
            .map(|o| (o.total, o.room, o.online, o.hand_count))
            .collect();
        assert_eq!(split, vec![(3, 0, 0, 3), (2, 1, 1, 0), (2, 1, 0, 1)]);
        assert_eq!(
            r.voters,
            ProvenanceCounts {
                room: 2,
                online: 1,
                hand_count: 4
            }
        );
        assert_eq!(r.voters.total(), 7);
        assert_eq!(r.mean, None);
        // The same person cannot appear twice, whatever the order.
        let r = tally(
            &SINGLE,
            &[vote(1, InRoom, &[2]), vote(1, Online, &[0])],
            &[],
        );
        assert_eq!(
            r.voters,
            ProvenanceCounts {
                room: 0,
                online: 1,
                hand_count: 0
            }
        );
        assert_eq!(r.options[0].online, 1);
        assert_eq!(r.options[2].total, 0);
    }

    #[test]
    fn a_multiple_choice_tally_and_a_scale_mean() {
        let r = tally(
            &MULTIPLE,
            &[vote(1, Online, &[0, 3]), vote(2, InRoom, &[3, 3])],
            &[2, 0, 0, 5],
        );
        let totals: Vec<u64> = r.options.iter().map(|o| o.total).collect();
        assert_eq!(totals, vec![3, 0, 0, 7]);
        assert_eq!(
            r.voters,
            ProvenanceCounts {
                room: 1,
                online: 1,
                hand_count: 5
            }
        );
        // Scale: 2 × 5 (online), 1 × 3 (room), hands 1 × 1 → (10 + 3 + 1) / 4.
        let r = tally(
            &SCALE,
            &[
                vote(1, Online, &[4]),
                vote(2, Online, &[4]),
                vote(3, InRoom, &[2]),
            ],
            &[1, 0, 0, 0, 0],
        );
        assert!((r.mean.unwrap_or_default() - 3.5).abs() < 1e-9);
        assert_eq!(tally(&SCALE, &[], &[]).mean, None);
    }

    // -- live events -----------------------------------------------------------

    #[test]
    fn live_events_are_tagged_by_name() {
        let events = [
            LiveEvent::AgendaMoved {
                agenda_item_id: Some(3),
            },
            LiveEvent::HandLowered { user_id: 9 },
            LiveEvent::HandCalled { user_id: 9 },
            LiveEvent::PollClosed { poll_id: 4 },
            LiveEvent::PollResults {
                poll_id: 4,
                results: tally(&SINGLE, &[vote(1, Online, &[0])], &[]),
            },
            LiveEvent::Attendance {
                attendance: AttendanceDto::default(),
            },
            LiveEvent::HandRaised {
                hand: HandDto {
                    user_id: 9,
                    display_name: "김민지".into(),
                    mode: InRoom,
                    raised_at: "2026-12-20T05:10:00Z".into(),
                },
            },
            LiveEvent::Resync,
        ];
        for e in events {
            let json = serde_json::to_value(&e).unwrap_or_default();
            assert_eq!(json["type"], e.name());
            let back: LiveEvent = serde_json::from_value(json).unwrap_or(LiveEvent::Resync);
            assert_eq!(back, e);
        }
        let json = serde_json::to_string(&LiveEvent::AgendaMoved {
            agenda_item_id: None,
        })
        .unwrap_or_default();
        assert_eq!(json, r#"{"type":"agenda_moved","agenda_item_id":null}"#);
    }

    #[test]
    fn the_event_log_replays_what_was_missed_or_asks_for_a_resync() {
        let mut log = EventLog::new(3);
        assert_eq!(log.last_id(), 0);
        assert_eq!(log.since(0), Ok(vec![]));
        assert_eq!(log.since(1), Err(NeedsResync));
        let ids: Vec<u64> = (0..5)
            .map(|i| log.push(LiveEvent::HandLowered { user_id: i }))
            .collect();
        assert_eq!(ids, vec![1, 2, 3, 4, 5]);
        // It keeps 3, 4 and 5.
        assert_eq!(log.since(5), Ok(vec![]));
        assert_eq!(
            log.since(3)
                .map(|v| v.iter().map(|(id, _)| *id).collect::<Vec<_>>()),
            Ok(vec![4, 5])
        );
        assert_eq!(log.since(2).map(|v| v.len()), Ok(3));
        assert_eq!(
            log.since(2).ok().and_then(|v| v.first().cloned()),
            Some((3, LiveEvent::HandLowered { user_id: 2 }))
        );
        assert_eq!(log.since(1), Err(NeedsResync));
        assert_eq!(log.since(0), Err(NeedsResync));
        assert_eq!(log.since(6), Err(NeedsResync));
        // A log started past the ids of an earlier one sends old clients to resync.
        let mut restarted = EventLog::starting_at(3, 1_000);
        assert_eq!(restarted.since(5), Err(NeedsResync));
        assert_eq!(restarted.since(999), Ok(vec![]));
        assert_eq!(restarted.push(LiveEvent::Resync), 1_000);
        assert_eq!(restarted.since(999).map(|v| v.len()), Ok(1));
        assert_eq!(EventLog::new(0).push(LiveEvent::Resync), 1);
        assert_eq!(parse_last_event_id(Some(" 42 ")), Some(42));
        for bad in [None, Some(""), Some("-1"), Some("4x"), Some("+4")] {
            assert_eq!(parse_last_event_id(bad), None);
        }
    }

    #[test]
    fn questions_are_ordered_by_state_then_upvotes_then_age() {
        let q = |id, state, upvotes| QuestionDto {
            id,
            body: "질문".into(),
            author_name: "익명".into(),
            agenda_item_id: None,
            state,
            upvotes,
            upvoted_by_me: false,
            created_at: String::new(),
        };
        let mut qs = vec![
            q(1, QuestionState::Answered, 9),
            q(2, QuestionState::Queued, 1),
            q(3, QuestionState::Hidden, 50),
            q(4, QuestionState::Queued, 5),
            q(5, QuestionState::Queued, 5),
        ];
        order_questions(&mut qs);
        assert_eq!(
            qs.iter().map(|q| q.id).collect::<Vec<_>>(),
            vec![4, 5, 2, 1, 3]
        );
    }

    // -- calendar --------------------------------------------------------------

    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    #[test]
    fn an_ics_file_follows_rfc_5545() {
        let starts = parse_rfc3339("2026-12-20T14:00:00+09:00").unwrap_or_default();
        let e = IcsEvent {
            uid: "meeting-42@hamkke.example",
            title: "정부혁신추진협의회 제3차 정기회의: 청년, 일자리; 그리고 \\ 지역",
            starts_utc: starts,
            ends_utc: starts + 7_200,
            location: Some("정부서울청사 별관 2층 대회의실, 서울특별시 종로구 세종대로 209"),
            url: Some("https://hamkke.example/meetings/42?a=1,2"),
            description: Some("안건:\r\n1. 청년 일자리 제안 발표\n2. 투표"),
            stamp_utc: starts - 86_400 * 3,
        };
        let ics = ics_event(&e);
        // CRLF everywhere, no bare LF.
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count());
        // Folded at 75 octets; Korean characters (3 octets) never split.
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert!(ics.contains("\r\n "), "the long lines are folded");
        let text = unfold(&ics);
        for line in [
            "DTSTART:20261220T050000Z",
            "DTEND:20261220T070000Z",
            "DTSTAMP:20261217T050000Z",
            "UID:meeting-42@hamkke.example",
            "SUMMARY:정부혁신추진협의회 제3차 정기회의: 청년\\, 일자리\\; 그리고 \\\\ 지역",
            "LOCATION:정부서울청사 별관 2층 대회의실\\, 서울특별시 종로구 세종대로 209",
            "URL:https://hamkke.example/meetings/42?a=1,2",
            "DESCRIPTION:안건:\\n1. 청년 일자리 제안 발표\\n2. 투표",
            "TRIGGER:-PT24H",
            "BEGIN:VEVENT",
            "VERSION:2.0",
        ] {
            assert!(text.split("\r\n").any(|l| l == line), "{line} in\n{text}");
        }
        let without = ics_event(&IcsEvent {
            location: None,
            url: Some(" "),
            description: None,
            ..e
        });
        assert!(!without.contains("LOCATION:") && !without.contains("URL:"));
    }

    #[test]
    fn folding_never_splits_a_character_and_unfolds_to_the_original() {
        let cases = [
            "가".repeat(100),
            format!("a{}", "가".repeat(60)),
            "ab".repeat(80),
            format!("x{}", "👍🏽".repeat(30)),
            "a".repeat(75),
            "a".repeat(76),
        ];
        for (i, s) in cases.iter().enumerate() {
            let folded = ics_line(s);
            let lines: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
            for (n, line) in lines.iter().enumerate() {
                assert!(line.len() <= 75, "case {i}");
                assert_eq!(n > 0, line.starts_with(' '), "case {i}");
            }
            assert_eq!(unfold(&folded).trim_end_matches("\r\n"), s, "case {i}");
        }
        assert_eq!(ics_line(&"a".repeat(75)).matches("\r\n").count(), 1);
        assert_eq!(ics_line(&"a".repeat(76)).matches("\r\n").count(), 2);
        assert_eq!(
            ics_text("a,b;c\\d\ne\r\nf\u{7}g\th"),
            "a\\,b\\;c\\\\d\\ne\\nfg\th"
        );
    }
}
