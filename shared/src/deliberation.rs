//! Comments, follows, notifications and moderation: inputs (checked the
//! same way in the browser and on the server) and what is shown.

use crate::error::{FieldError, FieldProblem};
use crate::participation::AuthorDto;
use crate::text::{char_len, clean};
use serde::{Deserialize, Serialize};

/// Where a comment stands on the proposal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Alignment {
    For,
    #[default]
    Neutral,
    Against,
}

impl Alignment {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::For => "for",
            Self::Neutral => "neutral",
            Self::Against => "against",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::For, Self::Neutral, Self::Against].into_iter().find(|a| a.as_str() == s)
    }
}

/// Comment length limits, in characters.
pub const COMMENT_LIMITS: (usize, usize) = (2, 3000);

/// A new comment or reply.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentInput {
    #[serde(default)]
    pub body: String,
    /// `for`, `neutral` (default) or `against`.
    #[serde(default)]
    pub alignment: Option<String>,
    /// The comment this replies to.
    #[serde(default)]
    pub parent_id: Option<i64>,
}

/// Checks a comment body: 2–3000 characters.
pub fn check_body(raw: &str) -> Result<String, FieldError> {
    let body = clean(raw);
    let (min, max) = COMMENT_LIMITS;
    let len = char_len(&body);
    let err = |code, msg: &str| Err(FieldError::new("body", code, msg).with_limits(min, max));
    if len == 0 {
        return err(FieldProblem::Required, "Write your comment.");
    }
    if len < min {
        return err(FieldProblem::TooShort, "Write at least 2 characters.");
    }
    if len > max {
        return err(FieldProblem::TooLong, "Write at most 3,000 characters.");
    }
    Ok(body)
}

impl CommentInput {
    pub fn check(&self) -> Result<(String, Alignment), Vec<FieldError>> {
        let mut errors = Vec::new();
        let body = check_body(&self.body).map_err(|e| errors.push(e)).ok();
        let alignment = match self.alignment.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Some(Alignment::Neutral),
            Some(a) => Alignment::parse(a),
        };
        if alignment.is_none() {
            errors.push(FieldError::new("alignment", FieldProblem::Invalid, "Choose for, neutral or against."));
        }
        match (body, alignment) {
            (Some(b), Some(a)) if errors.is_empty() => Ok((b, a)),
            _ => Err(errors),
        }
    }
}

/// An edit of a comment's text.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentEdit {
    #[serde(default)]
    pub body: String,
}

/// A comment with its replies (three levels are shown).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentDto {
    pub id: i64,
    pub parent_id: Option<i64>,
    /// Absent for deleted and hidden comments.
    pub author: Option<AuthorDto>,
    /// Sanitised HTML; empty for deleted and hidden comments.
    pub body_html: String,
    /// The Markdown as written, only for the asking person's own visible
    /// comments (to edit it); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    pub alignment: Alignment,
    /// 0, 1 or 2.
    pub depth: i32,
    pub up: i32,
    pub down: i32,
    /// The asking person's vote: 1, -1, or absent.
    pub my_vote: Option<i32>,
    pub edited: bool,
    pub deleted: bool,
    pub hidden: bool,
    /// Whether the asking person wrote it (and may edit or delete it).
    pub mine: bool,
    pub created_at: String,
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub replies: Vec<CommentDto>,
}

/// For, neutral and against, counted over visible comments.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AlignmentCounts {
    #[serde(rename = "for")]
    pub for_: u64,
    pub neutral: u64,
    pub against: u64,
}

/// A proposal's discussion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentThread {
    pub items: Vec<CommentDto>,
    pub counts: AlignmentCounts,
}

/// An up (1) or down (-1) vote on a comment, or 0 to take it back.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteInput {
    pub value: i32,
}

/// A notification in the centre.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationDto {
    pub id: i64,
    /// `comment`, `reply`, `status_changed`, `threshold_reached`, `content_hidden`, `content_restored`.
    pub kind: String,
    pub proposal_id: Option<i64>,
    pub comment_id: Option<i64>,
    /// What the message shows (proposal title, statuses, reason, who).
    pub payload: serde_json::Value,
    pub created_at: String,
    pub read: bool,
}

/// A page of notifications and how many are unread in all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationPage {
    pub items: Vec<NotificationDto>,
    pub unread: u64,
}

/// Marks notifications read: these ids, or all when absent.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkRead {
    #[serde(default)]
    pub ids: Option<Vec<i64>>,
}

/// Why something is reported.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportInput {
    /// `spam`, `offensive`, `off_topic` or `personal_data`.
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub note: Option<String>,
}

pub const REPORT_REASONS: [&str; 4] = ["spam", "offensive", "off_topic", "personal_data"];

/// A moderator's decision with its reason (shown to the author).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationInput {
    #[serde(default)]
    pub reason: String,
}

/// Reported or hidden content waiting for a moderator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModerationItem {
    /// `proposal` or `comment`.
    pub kind: String,
    pub id: i64,
    pub proposal_id: i64,
    /// The title, or the start of the comment.
    pub excerpt: String,
    pub author_id: i64,
    pub open_reports: u64,
    pub reasons: Vec<String>,
    pub hidden: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_checked_in_characters_and_default_to_neutral() {
        let ok = CommentInput { body: " 좋아요 ".into(), alignment: None, parent_id: None }.check().unwrap();
        assert_eq!(ok, ("좋아요".to_owned(), Alignment::Neutral));
        let bad = CommentInput { body: "가".into(), alignment: Some("maybe".into()), parent_id: None }.check().unwrap_err();
        assert_eq!(bad.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["body", "alignment"]);
        assert!(check_body(&"가".repeat(3001)).is_err());
    }
}
