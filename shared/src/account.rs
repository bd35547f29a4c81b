//! Accounts: the validated parts of sign-up and sign-in, and the user as the
//! UI and the API see them.

use crate::error::{FieldError, FieldProblem};
use crate::text::char_len;
use serde::{Deserialize, Serialize};

/// How sure the platform is of who a user is. Processes can require a level
/// to propose or support.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VerificationLevel {
    /// Signed up with an e-mail address only.
    #[default]
    Unverified,
    /// Signed in through a provider that vouches for a real identity.
    Verified,
    /// A public official, confirmed by an admin.
    Official,
}

impl VerificationLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unverified => "unverified",
            Self::Verified => "verified",
            Self::Official => "official",
        }
    }

    pub fn from_wire(s: &str) -> Self {
        match s {
            "verified" => Self::Verified,
            "official" => Self::Official,
            _ => Self::Unverified,
        }
    }
}

/// An e-mail address used as a sign-in name: trimmed and lower-cased, so
/// `Kim@Example.KR` and `kim@example.kr` are the same account.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AccountEmail(String);

impl AccountEmail {
    pub const MAX: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let s = raw.trim().to_lowercase();
        if s.is_empty() {
            return Err(FieldError::new("email", FieldProblem::Required, "Enter your e-mail address."));
        }
        let invalid = || FieldError::new("email", FieldProblem::Invalid, "Enter an e-mail address like name@example.kr.");
        if s.len() > Self::MAX || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = s.rsplit_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !domain.contains("..");
        if local.is_empty() || local.contains('@') || !domain_ok {
            return Err(invalid());
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: 10 to 128 characters (OWASP ASVS 2.1: long passphrases
/// allowed, no composition rules), not the e-mail address itself.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

impl NewPassword {
    pub const MIN: usize = 10;
    pub const MAX: usize = 128;

    /// `field` is the form field's name (`password`, `new_password`).
    pub fn parse(raw: &str, field: &str, email: Option<&AccountEmail>) -> Result<Self, FieldError> {
        let len = char_len(raw);
        let limits = |e: FieldError| e.with_limits(Self::MIN, Self::MAX);
        if len == 0 {
            return Err(limits(FieldError::new(field, FieldProblem::Required, "Choose a password.")));
        }
        if len < Self::MIN {
            return Err(limits(FieldError::new(field, FieldProblem::TooShort, format!("Use at least {} characters.", Self::MIN))));
        }
        if len > Self::MAX {
            return Err(limits(FieldError::new(field, FieldProblem::TooLong, format!("Use at most {} characters.", Self::MAX))));
        }
        if email.is_some_and(|e| raw.trim().eq_ignore_ascii_case(e.as_str())) {
            return Err(FieldError::new(field, FieldProblem::Invalid, "Do not use your e-mail address as the password."));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// The name shown with a user's contributions: 2 to 30 characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MIN: usize = 2;
    pub const MAX: usize = 30;

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let s = raw.trim().to_owned();
        let len = char_len(&s);
        let err = |code, msg: &str| Err(FieldError::new("display_name", code, msg).with_limits(Self::MIN, Self::MAX));
        if len == 0 {
            return err(FieldProblem::Required, "Choose a name to show.");
        }
        if len < Self::MIN {
            return err(FieldProblem::TooShort, "Use at least 2 characters.");
        }
        if len > Self::MAX {
            return err(FieldProblem::TooLong, "Use at most 30 characters.");
        }
        if s.chars().any(char::is_control) {
            return err(FieldProblem::Invalid, "Use letters, numbers and spaces.");
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Sign-up as submitted.
#[derive(Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignUpInput {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub display_name: String,
}

/// Sign-up after validation.
#[derive(Clone, Debug)]
pub struct NewAccount {
    pub email: AccountEmail,
    pub password: NewPassword,
    pub display_name: DisplayName,
}

impl SignUpInput {
    pub fn parse(&self) -> Result<NewAccount, Vec<FieldError>> {
        let email = AccountEmail::parse(&self.email);
        let password = NewPassword::parse(&self.password, "password", email.as_ref().ok());
        let display_name = DisplayName::parse(&self.display_name);
        match (email, password, display_name) {
            (Ok(email), Ok(password), Ok(display_name)) => Ok(NewAccount { email, password, display_name }),
            (e, p, d) => Err([e.err(), p.err(), d.err()].into_iter().flatten().collect()),
        }
    }
}

/// Sign-in as submitted. Only presence is checked: a wrong shape is just a
/// failed sign-in, and says nothing about which accounts exist.
#[derive(Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInInput {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
}

impl SignInInput {
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errs = Vec::new();
        if self.email.trim().is_empty() {
            errs.push(FieldError::new("email", FieldProblem::Required, "Enter your e-mail address."));
        }
        if self.password.is_empty() {
            errs.push(FieldError::new("password", FieldProblem::Required, "Enter your password."));
        }
        if errs.is_empty() { Ok(()) } else { Err(errs) }
    }
}

/// A password change as submitted.
#[derive(Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChangeInput {
    #[serde(default)]
    pub current_password: String,
    #[serde(default)]
    pub new_password: String,
}

/// The signed-in user, as the UI and the API show them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserDto {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub verification_level: VerificationLevel,
    /// When the account was created (RFC 3339, UTC).
    pub created_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_so_case_does_not_make_a_second_account() {
        assert_eq!(AccountEmail::parse("  Kim@Example.KR ").unwrap().as_str(), "kim@example.kr");
        for bad in ["", "kim", "kim@", "@x.kr", "a b@x.kr", "a@x", "a@@x.kr"] {
            assert!(AccountEmail::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn passwords_need_ten_characters_and_may_be_long_korean_passphrases() {
        assert_eq!(NewPassword::parse("short", "password", None).unwrap_err().code, FieldProblem::TooShort);
        assert!(NewPassword::parse("우리 동네 버스 정류장 개선", "password", None).is_ok());
        assert_eq!(NewPassword::parse(&"가".repeat(129), "password", None).unwrap_err().code, FieldProblem::TooLong);
        let email = AccountEmail::parse("kim.minsu@example.kr").unwrap();
        assert_eq!(
            NewPassword::parse("Kim.Minsu@example.kr", "password", Some(&email)).unwrap_err().code,
            FieldProblem::Invalid
        );
        assert_eq!(format!("{:?}", NewPassword::parse("a secret passphrase", "p", None).unwrap()), "NewPassword(***)");
    }

    #[test]
    fn sign_up_reports_every_problem_at_once() {
        let input = SignUpInput { email: "x".into(), password: "short".into(), display_name: "".into() };
        let fields: Vec<_> = input.parse().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["email", "password", "display_name"]);
    }
}
