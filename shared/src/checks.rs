//! Field checks shared by the input types of every area (execution, review,
//! meetings): cleaned text within length limits, with the one error shape
//! (`FieldError` with its limits).

use crate::error::{FieldError, FieldProblem};
use crate::text::{char_len, clean};

/// Cleaned text of `min..=max` characters (line breaks allowed).
pub(crate) fn check_text(field: &str, raw: &str, limits: (usize, usize), errors: &mut Vec<FieldError>) -> String {
    checked(field, raw, limits, false, errors)
}

/// Cleaned text of `min..=max` characters on one line.
pub(crate) fn check_line(field: &str, raw: &str, limits: (usize, usize), errors: &mut Vec<FieldError>) -> String {
    checked(field, raw, limits, true, errors)
}

fn checked(field: &str, raw: &str, (min, max): (usize, usize), single_line: bool, errors: &mut Vec<FieldError>) -> String {
    let value = clean(raw);
    let len = char_len(&value);
    if len == 0 {
        errors.push(FieldError::new(field, FieldProblem::Required, "This is required.").with_limits(min, max));
    } else if len < min {
        errors.push(FieldError::new(field, FieldProblem::TooShort, format!("Write at least {min} characters.")).with_limits(min, max));
    } else if len > max {
        errors.push(FieldError::new(field, FieldProblem::TooLong, format!("Write at most {max} characters.")).with_limits(min, max));
    } else if single_line && value.contains('\n') {
        errors.push(FieldError::new(field, FieldProblem::Invalid, "Use a single line."));
    }
    value
}

/// Cleaned text of at most `max` characters; empty is fine.
pub(crate) fn check_optional_text(field: &str, raw: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    let value = clean(raw);
    if char_len(&value) > max {
        errors.push(FieldError::new(field, FieldProblem::TooLong, format!("Write at most {max} characters.")).with_limits(0, max));
    }
    value
}
