//! Organisations, roles, linked sign-in providers and personal API tokens:
//! the inputs (validated the same way in the browser and on the server) and
//! what the UI and the API show.

use crate::error::{FieldError, FieldProblem};
use crate::text::{char_len, clean};
use serde::{Deserialize, Serialize};

/// What kind of body an organisation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    /// 중앙행정기관
    CentralAgency,
    /// 지방자치단체 (with its 시·도)
    LocalGovernment,
    /// 공공기관
    PublicInstitution,
    /// 민간·시민사회
    Private,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 4] = [Self::CentralAgency, Self::LocalGovernment, Self::PublicInstitution, Self::Private];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::CentralAgency => "central_agency",
            Self::LocalGovernment => "local_government",
            Self::PublicInstitution => "public_institution",
            Self::Private => "private",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A new organisation as submitted.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganisationInput {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kind: String,
    /// The 시·도 code (`seoul`, …); required for local governments, ignored otherwise.
    #[serde(default)]
    pub region_code: Option<String>,
}

/// A validated organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewOrganisation {
    pub name: String,
    pub kind: OrganisationKind,
    pub region_code: Option<String>,
}

impl OrganisationInput {
    pub const NAME_MIN: usize = 2;
    pub const NAME_MAX: usize = 100;

    /// Checks the form; the region code's existence is checked by the server.
    pub fn parse(&self) -> Result<NewOrganisation, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = clean(&self.name);
        let len = char_len(&name);
        let limits = |e: FieldError| e.with_limits(Self::NAME_MIN, Self::NAME_MAX);
        if len == 0 {
            errors.push(limits(FieldError::new("name", FieldProblem::Required, "Enter the organisation's name.")));
        } else if len < Self::NAME_MIN {
            errors.push(limits(FieldError::new("name", FieldProblem::TooShort, "Use at least 2 characters.")));
        } else if len > Self::NAME_MAX {
            errors.push(limits(FieldError::new("name", FieldProblem::TooLong, "Use at most 100 characters.")));
        } else if name.chars().any(char::is_control) {
            errors.push(FieldError::new("name", FieldProblem::Invalid, "Use a single line."));
        }
        let kind = OrganisationKind::parse(self.kind.trim());
        if kind.is_none() {
            errors.push(FieldError::new("kind", FieldProblem::Required, "Choose the kind of organisation."));
        }
        let region = self.region_code.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned);
        let region_code = match kind {
            Some(OrganisationKind::LocalGovernment) => {
                if region.is_none() {
                    errors.push(FieldError::new("region_code", FieldProblem::Required, "Choose the local government's region."));
                }
                region
            }
            _ => None,
        };
        match (errors.is_empty(), kind) {
            (true, Some(kind)) => Ok(NewOrganisation { name, kind, region_code }),
            _ => Err(errors),
        }
    }
}

/// An organisation as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganisationDto {
    pub id: i64,
    pub name: String,
    pub kind: OrganisationKind,
    pub region_code: Option<String>,
    pub member_count: u64,
    pub created_at: String,
}

/// A member of an organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberDto {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub title: Option<String>,
}

/// Adds an existing account to an organisation, found by its e-mail address.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberInput {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub title: Option<String>,
}

/// A role grant as submitted: the account (by e-mail), the role and the scope.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleGrantInput {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub role: String,
    /// `global` (default), `council`, `committee`, `process` or `task_force`.
    #[serde(default)]
    pub scope_kind: Option<String>,
    /// The council's, committee's, process's or task force's id; absent for global.
    #[serde(default)]
    pub scope_id: Option<i64>,
}

/// A role held by an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoleGrantDto {
    pub id: i64,
    pub user_id: i64,
    pub role: String,
    pub scope_kind: String,
    /// Absent for global grants.
    pub scope_id: Option<i64>,
    pub granted_by: Option<i64>,
    pub created_at: String,
}

/// An account as the administration pages list it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdminUserDto {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub verification_level: crate::account::VerificationLevel,
    pub created_at: String,
    pub deleted: bool,
    pub roles: Vec<RoleGrantDto>,
    pub organisations: Vec<String>,
}

/// A sign-in provider offered on the sign-in page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderDto {
    pub id: String,
    pub name: String,
}

/// A provider account linked to the signed-in user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdentityDto {
    pub id: i64,
    pub provider: String,
    pub provider_name: String,
    pub email: Option<String>,
    pub created_at: String,
}

/// A personal API token as listed (never the token itself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiTokenDto {
    pub id: i64,
    pub name: String,
    /// The token's first characters, to recognise it.
    pub prefix: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub expires_at: Option<String>,
}

/// A new token: the secret is in `token`, shown this once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedApiToken {
    pub token: String,
    #[serde(flatten)]
    pub info: ApiTokenDto,
}

/// A token request.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiTokenInput {
    #[serde(default)]
    pub name: String,
    /// Days until it stops working (1–365); absent: never.
    #[serde(default)]
    pub expires_in_days: Option<u32>,
}

impl ApiTokenInput {
    pub const NAME_MAX: usize = 60;

    /// The cleaned name, or the problems.
    pub fn parse(&self) -> Result<(String, Option<u32>), Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = clean(&self.name);
        if name.is_empty() {
            errors.push(FieldError::new("name", FieldProblem::Required, "Name the token after what will use it."));
        } else if char_len(&name) > Self::NAME_MAX {
            errors.push(FieldError::new("name", FieldProblem::TooLong, "Use at most 60 characters.").with_limits(1, Self::NAME_MAX));
        } else if name.chars().any(char::is_control) {
            errors.push(FieldError::new("name", FieldProblem::Invalid, "Use a single line."));
        }
        if let Some(days) = self.expires_in_days
            && !(1..=365).contains(&days) {
                errors.push(FieldError::new("expires_in_days", FieldProblem::Invalid, "Choose between 1 and 365 days."));
            }
        if errors.is_empty() { Ok((name, self.expires_in_days)) } else { Err(errors) }
    }
}

/// Deleting one's account: the password (if the account has one) and the
/// word that confirms it.
#[derive(Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeleteAccountInput {
    #[serde(default)]
    pub password: String,
    /// Must be [`DeleteAccountInput::CONFIRM`].
    #[serde(default)]
    pub confirm: String,
}

impl DeleteAccountInput {
    pub const CONFIRM: &'static str = "탈퇴";
}

/// What the person asking may reach, as the policy answers it. The UI uses
/// it to show or hide links; the services still check every action.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessDto {
    /// Whether anyone is signed in.
    pub signed_in: bool,
    /// May open the administration pages (any admin, global or scoped).
    pub admin: bool,
    /// Holds the admin role globally (may make other admins).
    pub global_admin: bool,
    /// May create organisations and change their members.
    pub manage_organisations: bool,
    /// May list accounts with their e-mail addresses, roles and levels.
    pub list_users: bool,
    /// May read the audit log.
    pub view_audit_log: bool,
    /// May create participation processes (global admins).
    #[serde(default)]
    pub create_processes: bool,
    /// May change at least one process (global admins, and admins of a process).
    #[serde(default)]
    pub manage_processes: bool,
}

/// How the signed-in account can sign in: its password (if it has one) and
/// the providers linked to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInMethodsDto {
    pub has_password: bool,
    pub identities: Vec<IdentityDto>,
}

/// One audit-log entry as the administration pages list it (the details
/// stay in the API's answer).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntryDto {
    pub id: i64,
    /// When it happened (RFC 3339, UTC).
    pub at: String,
    pub actor_user_id: Option<i64>,
    pub action: String,
    pub target_kind: Option<String>,
    pub target_id: Option<String>,
    pub ip: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_government_needs_its_region_and_others_drop_it() {
        let input = OrganisationInput { name: "서울특별시".into(), kind: "local_government".into(), region_code: None };
        assert_eq!(input.parse().unwrap_err()[0].field, "region_code");
        let input = OrganisationInput { name: " 행정안전부 ".into(), kind: "central_agency".into(), region_code: Some("seoul".into()) };
        let org = input.parse().unwrap();
        assert_eq!((org.name.as_str(), org.region_code), ("행정안전부", None));
        let input = OrganisationInput { name: "x".into(), kind: "planet".into(), region_code: None };
        let fields: Vec<_> = input.parse().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "kind"]);
    }

    #[test]
    fn token_names_and_lifetimes_are_checked() {
        assert!(ApiTokenInput { name: "".into(), expires_in_days: None }.parse().is_err());
        assert!(ApiTokenInput { name: "통계 스크립트".into(), expires_in_days: Some(0) }.parse().is_err());
        assert_eq!(ApiTokenInput { name: " 통계 ".into(), expires_in_days: Some(30) }.parse().unwrap(), ("통계".into(), Some(30)));
    }
}
