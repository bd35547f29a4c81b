//! Form pieces shared by every form: localised field errors and the error
//! summary. Messages come from the field's code via i18n, never from the
//! server's English text.

use crate::api::FnError;
use crate::i18n::{Key, t};
use leptos::prelude::*;
use shared::ErrorCode;
use shared::error::{FieldError, FieldProblem};

/// The i18n key for one field problem.
pub fn field_problem_key(field: &FieldError) -> Key {
    match (field.field.as_str(), field.code) {
        ("email", FieldProblem::Invalid) => Key::ErrInvalidEmail,
        (_, FieldProblem::Required) => Key::ErrRequired,
        (_, FieldProblem::TooShort) => Key::ErrTooShort,
        (_, FieldProblem::TooLong) => Key::ErrTooLong,
        (_, FieldProblem::Invalid) => Key::ErrInvalid,
        (_, FieldProblem::Taken) => Key::ErrTaken,
    }
}

/// The i18n key for a whole-request error.
pub fn error_code_key(code: ErrorCode) -> Key {
    match code {
        ErrorCode::Validation => Key::ErrorSummary,
        ErrorCode::RateLimited => Key::ErrRateLimited,
        ErrorCode::Unauthorized => Key::ErrUnauthorized,
        ErrorCode::Unavailable => Key::ErrUnavailable,
        ErrorCode::BadRequest | ErrorCode::PayloadTooLarge | ErrorCode::UnsupportedMediaType => Key::ErrBadRequest,
        _ => Key::ErrInternal,
    }
}

/// The message under a field, or nothing. `id` is referenced by the field's
/// `aria-describedby` so screen readers read it with the field.
#[component]
pub fn FieldMessage(#[prop(into)] error: Signal<Option<FieldError>>, id: &'static str) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let limits = match (e.code, e.min, e.max) {
                (FieldProblem::TooShort | FieldProblem::TooLong, Some(min), Some(max)) => {
                    format!(" ({min}–{max}{})", t(Key::CharactersUnit))
                }
                _ => String::new(),
            };
            view! {
                <p class="form-hint-invalid" id=id role="alert">
                    {t(field_problem_key(&e))}
                    {limits}
                </p>
            }
        })
    }
}

/// The box at the top of a form that says something went wrong.
#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<FnError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! {
                <div class="krds-error-summary" role="alert" id="form-error-summary">
                    <p>{t(error_code_key(e.code()))}</p>
                </div>
            }
        })
    }
}
