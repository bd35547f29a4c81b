//! Site feedback (누리집 의견): the first form of the site. Anyone may tell the
//! operators about a problem or an idea; the receipt number lets them refer
//! to it later.

use crate::error::{FieldError, FieldProblem};
use crate::text::{char_len, clean};
use serde::{Deserialize, Serialize};

/// What the feedback is about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeedbackCategory {
    /// 아이디어·제안 for the site itself.
    #[default]
    Idea,
    /// 오류 신고.
    Bug,
    /// 접근성 (KWCAG) problem.
    Accessibility,
    /// 기타.
    Other,
}

impl FeedbackCategory {
    pub const ALL: [FeedbackCategory; 4] = [Self::Idea, Self::Bug, Self::Accessibility, Self::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Idea => "idea",
            Self::Bug => "bug",
            Self::Accessibility => "accessibility",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Result<Self, FieldError> {
        Ok(match s.trim() {
            "idea" => Self::Idea,
            "bug" => Self::Bug,
            "accessibility" => Self::Accessibility,
            "other" => Self::Other,
            "" => {
                return Err(FieldError::new("category", FieldProblem::Required, "Choose a category."));
            }
            _ => {
                return Err(FieldError::new(
                    "category",
                    FieldProblem::Invalid,
                    "Category must be one of idea, bug, accessibility, other.",
                ));
            }
        })
    }
}

/// The feedback text: 10 to 2,000 characters after trimming.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackMessage(String);

impl FeedbackMessage {
    pub const MIN: usize = 10;
    pub const MAX: usize = 2000;

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let text = clean(raw);
        let len = char_len(&text);
        let problem = if len == 0 {
            Some((FieldProblem::Required, "Write your feedback.".to_owned()))
        } else if len < Self::MIN {
            Some((FieldProblem::TooShort, format!("Write at least {} characters.", Self::MIN)))
        } else if len > Self::MAX {
            Some((FieldProblem::TooLong, format!("Write at most {} characters.", Self::MAX)))
        } else {
            None
        };
        match problem {
            Some((code, msg)) => Err(FieldError::new("message", code, msg).with_limits(Self::MIN, Self::MAX)),
            None => Ok(Self(text)),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An optional e-mail address for a reply; checked for shape only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactEmail(String);

impl ContactEmail {
    pub const MAX: usize = 254;

    /// Empty input means "no reply wanted" (`Ok(None)`).
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, FieldError> {
        let s = raw.trim();
        if s.is_empty() {
            return Ok(None);
        }
        let invalid = || FieldError::new("email", FieldProblem::Invalid, "Enter an e-mail address like name@example.kr.");
        if s.len() > Self::MAX || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = s.rsplit_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !domain.contains('@');
        if local.is_empty() || !domain_ok {
            return Err(invalid());
        }
        // Domains are case-insensitive; the local part is kept as typed.
        Ok(Some(Self(format!("{local}@{}", domain.to_ascii_lowercase()))))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Feedback as submitted by a form or the API, before validation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackInput {
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub email: String,
}

/// Feedback after validation: only this reaches the service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFeedback {
    pub category: FeedbackCategory,
    pub message: FeedbackMessage,
    pub email: Option<ContactEmail>,
}

impl FeedbackInput {
    /// Validates every field and reports all problems at once.
    pub fn parse(&self) -> Result<NewFeedback, Vec<FieldError>> {
        let category = FeedbackCategory::parse(&self.category);
        let message = FeedbackMessage::parse(&self.message);
        let email = ContactEmail::parse_optional(&self.email);
        match (category, message, email) {
            (Ok(category), Ok(message), Ok(email)) => Ok(NewFeedback { category, message, email }),
            (c, m, e) => Err([c.err(), m.err(), e.err()].into_iter().flatten().collect()),
        }
    }
}

/// What the citizen gets back: a receipt number to quote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackReceipt {
    /// Receipt number: `F-<date in KST>-<8 random hex digits>`, e.g. `F-20261122-3FA9C21B`.
    pub receipt: String,
    /// When it was received (RFC 3339, UTC).
    pub received_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_message_length_counts_characters_not_bytes() {
        // 10 Hangul syllables are 30 bytes in UTF-8 but exactly the minimum length.
        let ten = "가나다라마바사아자차";
        assert_eq!(ten.len(), 30);
        assert!(FeedbackMessage::parse(ten).is_ok());
        let err = FeedbackMessage::parse("가나다라마바사아자").unwrap_err();
        assert_eq!(err.code, FieldProblem::TooShort);
        let long = "가".repeat(FeedbackMessage::MAX + 1);
        assert_eq!(FeedbackMessage::parse(&long).unwrap_err().code, FieldProblem::TooLong);
        assert!(FeedbackMessage::parse(&"가".repeat(FeedbackMessage::MAX)).is_ok());
    }

    #[test]
    fn surrounding_whitespace_does_not_count_and_blank_is_required() {
        assert_eq!(FeedbackMessage::parse("   \n ").unwrap_err().code, FieldProblem::Required);
        let m = FeedbackMessage::parse("  교통 안내가 헷갈립니다  ").unwrap();
        assert_eq!(m.as_str(), "교통 안내가 헷갈립니다");
    }

    #[test]
    fn all_invalid_fields_are_reported_together() {
        let input = FeedbackInput { category: "nope".into(), message: "짧음".into(), email: "x@".into() };
        let errs = input.parse().unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["category", "message", "email"]);
    }

    #[test]
    fn email_is_optional_but_must_look_like_an_address() {
        assert_eq!(ContactEmail::parse_optional("  ").unwrap(), None);
        assert_eq!(
            ContactEmail::parse_optional("Kim@Example.KR").unwrap().unwrap().as_str(),
            "Kim@example.kr"
        );
        for bad in ["a@b", "@b.kr", "a b@c.kr", "a@.kr", "a@b..kr", "a@b.kr."] {
            assert!(ContactEmail::parse_optional(bad).is_err(), "{bad} accepted");
        }
    }
}
