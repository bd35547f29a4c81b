//! The one authorization policy: "may this actor do this action on this
//! resource?" Deny by default. Services ask it before acting; the UI only
//! mirrors its answers (hiding a button is never the protection).
//!
//! Every role an account can hold is here, with the scopes it can be granted
//! in. Later features add their actions to [`Action`] and their rules to
//! [`allows`], and extend the table test at the bottom.

use shared::account::VerificationLevel;

/// A role. `Citizen` is every account's; the others are granted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Citizen,
    ForumMember,
    CommitteeMember,
    TaskForceMember,
    SosResponder,
    /// Leads the 협업SOS desk: answers like a responder and is told of
    /// escalated and overdue requests.
    SosLead,
    Moderator,
    Admin,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Citizen,
        Role::ForumMember,
        Role::CommitteeMember,
        Role::TaskForceMember,
        Role::SosResponder,
        Role::SosLead,
        Role::Moderator,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::ForumMember => "forum_member",
            Role::CommitteeMember => "committee_member",
            Role::TaskForceMember => "task_force_member",
            Role::SosResponder => "sos_responder",
            Role::SosLead => "sos_lead",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether the role is given by a grant (every account is a citizen already).
    pub fn grantable(self) -> bool {
        self != Role::Citizen
    }
}

/// Where a grant applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Global,
    Council(i64),
    Committee(i64),
    Process(i64),
    TaskForce(i64),
}

impl Scope {
    pub const KINDS: [&'static str; 5] =
        ["global", "council", "committee", "process", "task_force"];

    pub fn kind(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Council(_) => "council",
            Scope::Committee(_) => "committee",
            Scope::Process(_) => "process",
            Scope::TaskForce(_) => "task_force",
        }
    }

    /// The scoped thing's id; 0 for global.
    pub fn id(self) -> i64 {
        match self {
            Scope::Global => 0,
            Scope::Council(id)
            | Scope::Committee(id)
            | Scope::Process(id)
            | Scope::TaskForce(id) => id,
        }
    }

    /// From the stored (kind, id) pair; `None` if the pair is not a scope.
    pub fn from_parts(kind: &str, id: i64) -> Option<Scope> {
        match (kind, id) {
            ("global", 0) => Some(Scope::Global),
            ("council", id) if id > 0 => Some(Scope::Council(id)),
            ("committee", id) if id > 0 => Some(Scope::Committee(id)),
            ("process", id) if id > 0 => Some(Scope::Process(id)),
            ("task_force", id) if id > 0 => Some(Scope::TaskForce(id)),
            _ => None,
        }
    }

    /// Whether a grant in `self` reaches `other` (global reaches everything).
    pub fn covers(self, other: Scope) -> bool {
        self == Scope::Global || self == other
    }
}

/// A role held in a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Grant {
    pub role: Role,
    pub scope: Scope,
}

/// Who is asking: nobody (anonymous) or an account with its grants.
#[derive(Clone, Debug, Default)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub verification: Option<VerificationLevel>,
    pub grants: Vec<Grant>,
}

impl Actor {
    pub fn anonymous() -> Self {
        Self::default()
    }

    pub fn user(user_id: i64, verification: VerificationLevel, grants: Vec<Grant>) -> Self {
        Self {
            user_id: Some(user_id),
            verification: Some(verification),
            grants,
        }
    }

    /// Whether the actor holds `role` in a scope that covers `scope`.
    /// Every signed-in account holds `Citizen` everywhere.
    pub fn has(&self, role: Role, scope: Scope) -> bool {
        match role {
            Role::Citizen => self.user_id.is_some(),
            _ => self
                .grants
                .iter()
                .any(|g| g.role == role && g.scope.covers(scope)),
        }
    }

    fn is_global_admin(&self) -> bool {
        self.has(Role::Admin, Scope::Global)
    }

    /// Answers for the 협업SOS desk: a responder or lead granted globally
    /// (the desk serves every task force), or a global admin.
    pub fn is_desk(&self) -> bool {
        self.has(Role::SosResponder, Scope::Global)
            || self.has(Role::SosLead, Scope::Global)
            || self.is_global_admin()
    }
}

/// What someone wants to do. Identity and access actions so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// See and change one's own account: password, linked providers, export, deletion.
    ManageOwnAccount,
    /// Create or revoke one's own personal API tokens.
    ManageOwnTokens,
    /// Open the administration pages.
    ViewAdmin,
    /// Create organisations and change their members.
    ManageOrganisations,
    /// List accounts with their e-mail addresses (administration).
    ListUsers,
    /// Grant or revoke this role (in the resource's scope).
    GrantRole(Role),
    /// Read the audit log.
    ViewAuditLog,
    /// Set an account's verification level (e.g. confirm a public official).
    SetVerification,
    /// Create or change participation processes.
    ManageProcesses,
    /// Publish a proposal in a process that requires this verification level.
    Propose(VerificationLevel),
    /// Support proposals in a process that requires this verification level.
    Support(VerificationLevel),
    /// Edit, publish or withdraw a proposal written by this account.
    EditProposal { author_id: i64 },
    /// See a proposal that is not public (a draft or hidden) written by this account.
    SeeUnpublished { author_id: i64 },
    /// Hide or restore proposals and comments, and see the moderation queue, in a process.
    Moderate,
    /// Block an account from posting (site-wide).
    BlockUser,
    /// Move a proposal of a process along its official path (under review,
    /// shortlisted, selected, …) with a public answer.
    ChangeProposalStatus,
    /// Create and change committees and review rounds of a process, and open rounds.
    ManageReview,
    /// Read a proposal as a reviewer in a round (members of the round's committee).
    ReadReviewProposal,
    /// Declare a conflict of interest on a proposal of the round.
    DeclareConflict,
    /// Score a proposal (a draft or a submission).
    ScoreProposal,
    /// See other reviewers' submitted scores on a proposal.
    SeePeerScores,
    /// Read and write the committee's private discussion on a proposal.
    DiscussProposal,
    /// Follow the round's progress, send reminders, close the round.
    ChairRound,
    /// See the committee's ranking.
    SeeRanking,
    /// Shortlist, select or not select a proposal, and edit the rationale.
    DecideProposal,
    /// Create tasks (from a selected proposal of a process, or directly
    /// site-wide) and set their task forces.
    ManageTasks,
    /// Edit a task: its milestones, progress updates, indicators and health.
    EditTask,
    /// Raise a 협업SOS request for a task (its task force).
    RaiseSos,
    /// Read an SOS request and write in its thread (its task force and the desk).
    ReadSos,
    /// Answer for the desk: see the whole queue, assign, reply, request
    /// information, escalate, resolve.
    AnswerSos,
    /// Lead the desk: be told of escalated and overdue requests.
    LeadSosDesk,
    /// Create and change councils (협의회) and set their members.
    ManageCouncils,
    /// Plan and run a council's meetings: create and change them, set the
    /// agenda, check people in at the door, run polls and the live room,
    /// write and publish the minutes (the council's chair or secretary, or
    /// its parent council's chair).
    RunMeeting,
    /// See and attend a members-only meeting of a council (its members).
    SeeMembersOnlyMeeting,
}

/// Where the person asking sits in a review round, for one proposal (or for
/// the round as a whole, with the proposal facts false). The review service
/// reads these facts; the policy decides from them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Seat {
    /// A member of the round's committee.
    pub member: bool,
    /// A chair of it.
    pub chair: bool,
    /// Assigned to score this proposal (and not recused).
    pub assigned: bool,
    /// Has a conflict of interest with this proposal.
    pub conflicted: bool,
    /// Has submitted a sheet for this proposal.
    pub submitted: bool,
    /// Has submitted every sheet assigned to them in the round.
    pub finished: bool,
    /// The round is open for scoring (not in preparation, not closed).
    pub open: bool,
    /// The round is closed.
    pub closed: bool,
}

/// What the action is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    /// The site as a whole.
    Site,
    /// One account.
    User(i64),
    /// A council, committee, process or task force (or everything: `Global`).
    Scope(Scope),
    /// One proposal.
    Proposal(i64),
    /// A seat in a review round (see [`Seat`]).
    Seat(Seat),
    /// A task; `member`: the person asking is in its task force.
    Task { member: bool },
    /// An SOS request; `member`: the person asking is in the task force that raised it.
    Sos { member: bool },
    /// A council; `member`: the person asking sits on it; `chair`: as its
    /// chair; `secretary`: as its secretary (간사), who runs its meetings
    /// without chairing it. (Membership is data kept with the council, not a
    /// grant.) The chair of a council is also `member` and `chair` of its
    /// subcommittees and forum teams (`services::meetings::seat`): the parent
    /// oversees them; its secretary is not.
    Council {
        member: bool,
        chair: bool,
        secretary: bool,
    },
}

/// The policy. Deny by default: an action is allowed only by a rule below.
pub fn allows(actor: &Actor, action: Action, resource: Resource) -> bool {
    let Some(me) = actor.user_id else {
        return false; // nothing here is open to anonymous visitors
    };
    match (action, resource) {
        (Action::ManageOwnAccount | Action::ManageOwnTokens, Resource::User(id)) => id == me,
        // Any admin, global or scoped, reaches the administration pages; what
        // they can change there is decided per action below.
        (Action::ViewAdmin, Resource::Site) => actor.grants.iter().any(|g| g.role == Role::Admin),
        (
            Action::ManageOrganisations | Action::ListUsers | Action::ViewAuditLog,
            Resource::Site,
        ) => actor.is_global_admin(),
        (Action::SetVerification, Resource::User(_)) => actor.is_global_admin(),
        (Action::ManageProcesses, Resource::Site) => actor.is_global_admin(),
        (Action::ManageProcesses, Resource::Scope(scope @ Scope::Process(_))) => {
            actor.has(Role::Admin, scope)
        }
        (
            Action::Propose(required) | Action::Support(required),
            Resource::Scope(Scope::Process(_)),
        ) => actor.verification.is_some_and(|level| level >= required),
        (Action::EditProposal { author_id }, Resource::Proposal(_)) => author_id == me,
        (Action::Moderate, Resource::Scope(scope)) => {
            actor.is_global_admin() || actor.has(Role::Moderator, scope)
        }
        (Action::ChangeProposalStatus, Resource::Scope(scope @ Scope::Process(_))) => {
            actor.has(Role::Admin, scope)
        }
        (Action::ManageReview, Resource::Site) => actor.is_global_admin(),
        (Action::ManageReview, Resource::Scope(scope @ Scope::Process(_))) => {
            actor.has(Role::Admin, scope)
        }
        (action, Resource::Seat(seat)) => seat_allows(action, seat),
        (Action::ManageTasks, Resource::Site) => actor.is_global_admin(),
        (Action::ManageTasks, Resource::Scope(scope @ Scope::Process(_))) => {
            actor.has(Role::Admin, scope)
        }
        (Action::EditTask | Action::RaiseSos, Resource::Task { member }) => {
            member || actor.is_global_admin()
        }
        // SOS threads are private to the task force and the desk.
        (Action::ReadSos, Resource::Sos { member }) => member || actor.is_desk(),
        (Action::AnswerSos, Resource::Site) => actor.is_desk(),
        (Action::LeadSosDesk, Resource::Site) => {
            actor.has(Role::SosLead, Scope::Global) || actor.is_global_admin()
        }
        (Action::ManageCouncils, Resource::Site) => actor.is_global_admin(),
        (
            Action::RunMeeting,
            Resource::Council {
                chair, secretary, ..
            },
        ) => chair || secretary || actor.is_global_admin(),
        (Action::SeeMembersOnlyMeeting, Resource::Council { member, .. }) => {
            member || actor.is_global_admin()
        }
        (Action::BlockUser, Resource::User(id)) => {
            id != me && (actor.is_global_admin() || actor.has(Role::Moderator, Scope::Global))
        }
        (Action::SeeUnpublished { author_id }, Resource::Proposal(_)) => {
            author_id == me || actor.is_global_admin()
        }
        // Admins grant roles within their scope; only a global admin makes admins.
        (Action::GrantRole(role), Resource::Scope(scope)) => {
            role.grantable()
                && (actor.is_global_admin()
                    || (role != Role::Admin
                        && actor.has(Role::Admin, scope)
                        && scope != Scope::Global))
        }
        _ => false,
    }
}

/// The review rules, from the seat alone (membership is data, not a grant):
/// a conflict of interest shuts a member out of the proposal's scores,
/// discussion and decision; one sees others' scores only after submitting
/// one's own (a chair not reviewing it may see them); the ranking is the
/// chair's, and the members' once they have finished or the round closed.
fn seat_allows(action: Action, seat: Seat) -> bool {
    match action {
        Action::ReadReviewProposal | Action::DeclareConflict => seat.member,
        Action::ScoreProposal => seat.member && seat.assigned && !seat.conflicted && seat.open,
        Action::SeePeerScores => {
            seat.member && !seat.conflicted && (seat.submitted || (seat.chair && !seat.assigned))
        }
        Action::DiscussProposal => seat.member && !seat.conflicted,
        Action::ChairRound => seat.chair,
        Action::SeeRanking => seat.chair || (seat.member && (seat.finished || seat.closed)),
        Action::DecideProposal => seat.chair && !seat.conflicted,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ME: i64 = 7;
    const OTHER: i64 = 8;

    fn actor_with(grants: &[(Role, Scope)]) -> Actor {
        let grants = grants
            .iter()
            .filter(|(r, _)| *r != Role::Citizen)
            .map(|&(role, scope)| Grant { role, scope })
            .collect();
        Actor::user(ME, VerificationLevel::Unverified, grants)
    }

    /// Every (action, resource) case defined so far, with a short name.
    fn cases() -> Vec<(&'static str, Action, Resource)> {
        let p1 = Resource::Scope(Scope::Process(1));
        let global = Resource::Scope(Scope::Global);
        vec![
            ("own account", Action::ManageOwnAccount, Resource::User(ME)),
            (
                "other's account",
                Action::ManageOwnAccount,
                Resource::User(OTHER),
            ),
            ("own tokens", Action::ManageOwnTokens, Resource::User(ME)),
            (
                "other's tokens",
                Action::ManageOwnTokens,
                Resource::User(OTHER),
            ),
            ("admin pages", Action::ViewAdmin, Resource::Site),
            ("organisations", Action::ManageOrganisations, Resource::Site),
            ("list users", Action::ListUsers, Resource::Site),
            ("audit log", Action::ViewAuditLog, Resource::Site),
            (
                "set verification",
                Action::SetVerification,
                Resource::User(OTHER),
            ),
            (
                "grant moderator globally",
                Action::GrantRole(Role::Moderator),
                global,
            ),
            (
                "grant moderator in process 1",
                Action::GrantRole(Role::Moderator),
                p1,
            ),
            (
                "grant admin globally",
                Action::GrantRole(Role::Admin),
                global,
            ),
            (
                "grant admin in process 1",
                Action::GrantRole(Role::Admin),
                p1,
            ),
            (
                "grant committee member in process 1",
                Action::GrantRole(Role::CommitteeMember),
                p1,
            ),
            ("grant citizen", Action::GrantRole(Role::Citizen), global),
            ("manage processes", Action::ManageProcesses, Resource::Site),
            ("manage process 1", Action::ManageProcesses, p1),
            (
                "propose (unverified ok)",
                Action::Propose(VerificationLevel::Unverified),
                p1,
            ),
            (
                "propose (verified only)",
                Action::Propose(VerificationLevel::Verified),
                p1,
            ),
            (
                "support (unverified ok)",
                Action::Support(VerificationLevel::Unverified),
                p1,
            ),
            (
                "edit own proposal",
                Action::EditProposal { author_id: ME },
                Resource::Proposal(1),
            ),
            (
                "edit other's proposal",
                Action::EditProposal { author_id: OTHER },
                Resource::Proposal(1),
            ),
            (
                "see other's draft",
                Action::SeeUnpublished { author_id: OTHER },
                Resource::Proposal(1),
            ),
            ("moderate process 1", Action::Moderate, p1),
            ("block a user", Action::BlockUser, Resource::User(OTHER)),
            (
                "change a proposal's status in process 1",
                Action::ChangeProposalStatus,
                p1,
            ),
            (
                "change a proposal's status site-wide",
                Action::ChangeProposalStatus,
                Resource::Site,
            ),
            ("manage reviews in process 1", Action::ManageReview, p1),
            (
                "manage reviews site-wide",
                Action::ManageReview,
                Resource::Site,
            ),
            (
                "manage tasks site-wide",
                Action::ManageTasks,
                Resource::Site,
            ),
            ("manage tasks of process 1", Action::ManageTasks, p1),
            (
                "edit a task of one's task force",
                Action::EditTask,
                Resource::Task { member: true },
            ),
            (
                "edit another task",
                Action::EditTask,
                Resource::Task { member: false },
            ),
            (
                "raise SOS for one's task",
                Action::RaiseSos,
                Resource::Task { member: true },
            ),
            (
                "raise SOS for another task",
                Action::RaiseSos,
                Resource::Task { member: false },
            ),
            (
                "read one's task force's SOS",
                Action::ReadSos,
                Resource::Sos { member: true },
            ),
            (
                "read another task force's SOS",
                Action::ReadSos,
                Resource::Sos { member: false },
            ),
            ("answer for the SOS desk", Action::AnswerSos, Resource::Site),
            ("lead the SOS desk", Action::LeadSosDesk, Resource::Site),
            ("manage councils", Action::ManageCouncils, Resource::Site),
            (
                "run a meeting as the council's chair",
                Action::RunMeeting,
                Resource::Council {
                    member: true,
                    chair: true,
                    secretary: false,
                },
            ),
            (
                "run a meeting as the council's secretary",
                Action::RunMeeting,
                Resource::Council {
                    member: true,
                    chair: false,
                    secretary: true,
                },
            ),
            (
                "run a meeting as a plain member",
                Action::RunMeeting,
                Resource::Council {
                    member: true,
                    chair: false,
                    secretary: false,
                },
            ),
            (
                "see a members-only meeting as a member",
                Action::SeeMembersOnlyMeeting,
                Resource::Council {
                    member: true,
                    chair: false,
                    secretary: false,
                },
            ),
            (
                "see a members-only meeting as an outsider",
                Action::SeeMembersOnlyMeeting,
                Resource::Council {
                    member: false,
                    chair: false,
                    secretary: false,
                },
            ),
        ]
    }

    /// The expected answer for each role held globally, in the order of
    /// `cases()`: Y allowed, n denied.
    const TABLE: [(Role, &str); 8] = [
        //                              own  other tok  otok adm  org  usr  aud  ver  gmod gmp1 gadm gap1 gcm1 gcit proc pr1  prop prvf supp edit eoth draf mod1 blck st1  stx  rvp1 rvs  mts  mtp1 edt  edto rso  rsx  sos  sox  ans  lead mcou runc rsec runm seem seeo
        (
            Role::Citizen,
            /*          */
            "Y    n    Y    n    n    n    n    n    n    n    n    n    n    n    n    n    n    Y    n    Y    Y    n    n    n    n    n    n    n    n    n    n    Y    n    Y    n    Y    n    n    n    n    Y    Y    n    Y    n",
        ),
        (
            Role::ForumMember,
            /*      */
            "Y    n    Y    n    n    n    n    n    n    n    n    n    n    n    n    n    n    Y    n    Y    Y    n    n    n    n    n    n    n    n    n    n    Y    n    Y    n    Y    n    n    n    n    Y    Y    n    Y    n",
        ),
        (
            Role::CommitteeMember,
            /*  */
            "Y    n    Y    n    n    n    n    n    n    n    n    n    n    n    n    n    n    Y    n    Y    Y    n    n    n    n    n    n    n    n    n    n    Y    n    Y    n    Y    n    n    n    n    Y    Y    n    Y    n",
        ),
        (
            Role::TaskForceMember,
            /*  */
            "Y    n    Y    n    n    n    n    n    n    n    n    n    n    n    n    n    n    Y    n    Y    Y    n    n    n    n    n    n    n    n    n    n    Y    n    Y    n    Y    n    n    n    n    Y    Y    n    Y    n",
        ),
        (
            Role::SosResponder,
            /*     */
            "Y    n    Y    n    n    n    n    n    n    n    n    n    n    n    n    n    n    Y    n    Y    Y    n    n    n    n    n    n    n    n    n    n    Y    n    Y    n    Y    Y    Y    n    n    Y    Y    n    Y    n",
        ),
        (
            Role::SosLead,
            /*          */
            "Y    n    Y    n    n    n    n    n    n    n    n    n    n    n    n    n    n    Y    n    Y    Y    n    n    n    n    n    n    n    n    n    n    Y    n    Y    n    Y    Y    Y    Y    n    Y    Y    n    Y    n",
        ),
        (
            Role::Moderator,
            /*        */
            "Y    n    Y    n    n    n    n    n    n    n    n    n    n    n    n    n    n    Y    n    Y    Y    n    n    Y    Y    n    n    n    n    n    n    Y    n    Y    n    Y    n    n    n    n    Y    Y    n    Y    n",
        ),
        (
            Role::Admin,
            /*            */
            "Y    n    Y    n    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    n    Y    Y    Y    n    Y    Y    n    Y    Y    Y    Y    n    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y",
        ),
    ];

    fn check(name: &str, actor: &Actor, row: &str) {
        let expected: Vec<bool> = row.split_whitespace().map(|c| c == "Y").collect();
        let cases = cases();
        assert_eq!(
            expected.len(),
            cases.len(),
            "{name}: the row must cover every case"
        );
        for ((case, action, resource), want) in cases.into_iter().zip(expected) {
            assert_eq!(allows(actor, action, resource), want, "{name} / {case}");
        }
    }

    #[test]
    fn every_role_held_globally_against_every_action() {
        assert_eq!(TABLE.len(), Role::ALL.len(), "every role has a row");
        for (role, row) in TABLE {
            check(role.as_str(), &actor_with(&[(role, Scope::Global)]), row);
        }
    }

    #[test]
    fn roles_scoped_to_process_1_reach_only_process_1() {
        //                                     own  other tok  otok adm  org  usr  aud  ver  gmod gmp1 gadm gap1 gcm1 gcit proc pr1  prop prvf supp edit eoth draf mod1 blck st1  stx  rvp1 rvs  mts  mtp1 edt  edto rso  rsx  sos  sox  ans  lead mcou runc rsec runm seem seeo
        let scoped_admin = "Y    n    Y    n    Y    n    n    n    n    n    Y    n    n    Y    n    n    Y    Y    n    Y    Y    n    n    n    n    Y    n    Y    n    n    Y    Y    n    Y    n    Y    n    n    n    n    Y    Y    n    Y    n";
        check(
            "admin of process 1",
            &actor_with(&[(Role::Admin, Scope::Process(1))]),
            scoped_admin,
        );
        let other_process = "Y    n    Y    n    Y    n    n    n    n    n    n    n    n    n    n    n    n    Y    n    Y    Y    n    n    n    n    n    n    n    n    n    n    Y    n    Y    n    Y    n    n    n    n    Y    Y    n    Y    n";
        check(
            "admin of process 2",
            &actor_with(&[(Role::Admin, Scope::Process(2))]),
            other_process,
        );
        for role in Role::ALL.into_iter().filter(|r| *r != Role::Admin) {
            let plain = if role == Role::Moderator {
                "Y    n    Y    n    n    n    n    n    n    n    n    n    n    n    n    n    n    Y    n    Y    Y    n    n    Y    n    n    n    n    n    n    n    Y    n    Y    n    Y    n    n    n    n    Y    Y    n    Y    n"
            } else {
                "Y    n    Y    n    n    n    n    n    n    n    n    n    n    n    n    n    n    Y    n    Y    Y    n    n    n    n    n    n    n    n    n    n    Y    n    Y    n    Y    n    n    n    n    Y    Y    n    Y    n"
            };
            check(
                role.as_str(),
                &actor_with(&[(role, Scope::Process(1))]),
                plain,
            );
        }
    }

    #[test]
    fn anonymous_visitors_may_do_none_of_it() {
        let none = "n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n    n";
        check("anonymous", &Actor::anonymous(), none);
    }

    /// Every review action against the seats that matter, whatever the
    /// roles held (a global admin gains nothing here: membership decides).
    #[test]
    fn review_seats_against_every_review_action() {
        let actions = [
            ("read", Action::ReadReviewProposal),
            ("declare", Action::DeclareConflict),
            ("score", Action::ScoreProposal),
            ("peers", Action::SeePeerScores),
            ("discuss", Action::DiscussProposal),
            ("chair", Action::ChairRound),
            ("ranking", Action::SeeRanking),
            ("decide", Action::DecideProposal),
        ];
        let member = Seat {
            member: true,
            open: true,
            ..Seat::default()
        };
        let assigned = Seat {
            assigned: true,
            ..member
        };
        let seats: [(&str, Seat, &str); 9] = [
            //                                                                              read decl scor peer disc chai rank deci
            (
                "outsider",
                Seat {
                    open: true,
                    ..Seat::default()
                },
                /*                      */ "n    n    n    n    n    n    n    n",
            ),
            (
                "member, not assigned",
                member,
                /*                                          */
                "Y    Y    n    n    Y    n    n    n",
            ),
            (
                "assigned, not submitted",
                assigned,
                /*                                     */
                "Y    Y    Y    n    Y    n    n    n",
            ),
            (
                "assigned, submitted",
                Seat {
                    submitted: true,
                    ..assigned
                },
                /*             */ "Y    Y    Y    Y    Y    n    n    n",
            ),
            (
                "assigned, all submitted",
                Seat {
                    submitted: true,
                    finished: true,
                    ..assigned
                },
                "Y    Y    Y    Y    Y    n    Y    n",
            ),
            (
                "conflicted",
                Seat {
                    conflicted: true,
                    finished: true,
                    ..member
                },
                /*       */ "Y    Y    n    n    n    n    Y    n",
            ),
            (
                "assigned, round closed",
                Seat {
                    submitted: true,
                    open: false,
                    closed: true,
                    ..assigned
                },
                "Y    Y    n    Y    Y    n    Y    n",
            ),
            (
                "chair, not reviewing it",
                Seat {
                    chair: true,
                    ..member
                },
                /*               */ "Y    Y    n    Y    Y    Y    Y    Y",
            ),
            (
                "chair, conflicted",
                Seat {
                    chair: true,
                    conflicted: true,
                    ..member
                },
                /*   */ "Y    Y    n    n    n    Y    Y    n",
            ),
        ];
        let admin = actor_with(&[(Role::Admin, Scope::Global)]);
        for (name, seat, row) in seats {
            let expected: Vec<bool> = row.split_whitespace().map(|c| c == "Y").collect();
            assert_eq!(expected.len(), actions.len(), "{name}");
            for ((action_name, action), want) in actions.iter().zip(expected) {
                assert_eq!(
                    allows(&admin, *action, Resource::Seat(seat)),
                    want,
                    "{name} / {action_name}"
                );
            }
            for (_, action) in actions {
                assert!(
                    !allows(&Actor::anonymous(), action, Resource::Seat(seat)),
                    "anonymous / {name}"
                );
            }
        }
    }

    #[test]
    fn scopes_round_trip_and_reject_nonsense() {
        for scope in [
            Scope::Global,
            Scope::Council(3),
            Scope::Committee(4),
            Scope::Process(5),
            Scope::TaskForce(6),
        ] {
            assert_eq!(Scope::from_parts(scope.kind(), scope.id()), Some(scope));
        }
        assert_eq!(Scope::from_parts("global", 3), None);
        assert_eq!(Scope::from_parts("process", 0), None);
        assert_eq!(Scope::from_parts("planet", 1), None);
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("superuser"), None);
    }
}
