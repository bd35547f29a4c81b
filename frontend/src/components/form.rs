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
        ("email", FieldProblem::Taken) => Key::ErrTaken,
        (_, FieldProblem::Taken) => Key::ErrNameTaken,
    }
}

/// The i18n key for a whole-request error.
pub fn error_code_key(code: ErrorCode) -> Key {
    match code {
        ErrorCode::Validation => Key::ErrorSummary,
        ErrorCode::RateLimited => Key::ErrRateLimited,
        ErrorCode::Unauthorized => Key::ErrUnauthorized,
        ErrorCode::Forbidden => Key::ErrForbidden,
        ErrorCode::NotFound => Key::ErrNotFound,
        ErrorCode::Conflict => Key::ErrConflict,
        ErrorCode::Unavailable => Key::ErrUnavailable,
        ErrorCode::BadRequest | ErrorCode::PayloadTooLarge | ErrorCode::UnsupportedMediaType => Key::ErrBadRequest,
        _ => Key::ErrInternal,
    }
}

/// The message under a field, or nothing. `id` is referenced by the field's
/// `aria-describedby` so screen readers read it with the field. `invalid`
/// replaces the generic text for an invalid value where the form knows
/// better (an e-mail address that belongs to no account, a wrong password).
#[component]
pub fn FieldMessage(
    #[prop(into)] error: Signal<Option<FieldError>>,
    #[prop(into)] id: String,
    #[prop(optional)] invalid: Option<Key>,
) -> impl IntoView {
    move || {
        let id = id.clone();
        error.get().map(|e| {
            let key = match (e.code, invalid) {
                (FieldProblem::Invalid, Some(key)) => key,
                _ => field_problem_key(&e),
            };
            let limits = match (e.code, e.min, e.max) {
                (FieldProblem::TooShort | FieldProblem::TooLong, Some(min), Some(max)) => {
                    format!(" ({min}–{max}{})", t(Key::CharactersUnit))
                }
                _ => String::new(),
            };
            view! {
                <p class="form-hint-invalid" id=id role="alert">
                    {t(key)}
                    {limits}
                </p>
            }
        })
    }
}

/// The box at the top of a form that says something went wrong. `id`
/// defaults to `form-error-summary` (pages with several forms give each its
/// own); `conflict` says what a conflict means for this form (the last
/// admin, a duplicate…), instead of the generic text.
#[component]
pub fn ErrorSummary(
    #[prop(into)] error: Signal<Option<FnError>>,
    #[prop(optional)] id: Option<&'static str>,
    #[prop(optional)] conflict: Option<Key>,
) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let key = match (e.code(), conflict) {
                (ErrorCode::Conflict, Some(key)) => key,
                (code, _) => error_code_key(code),
            };
            view! {
                <div class="krds-error-summary" role="alert" id=id.unwrap_or("form-error-summary")>
                    <p>{t(key)}</p>
                </div>
            }
        })
    }
}

/// The error the server function at `path` put in this page's URL after a
/// failed plain form post (`?__path=…&__err=…`, Leptos's form redirects).
///
/// The forms that use it are always posted by the browser itself, with or
/// without JavaScript, so this reads the error directly instead of through a
/// `ServerAction`: that keeps each server function's client-side calling
/// code out of the WASM bundle.
pub fn posted_error(path: &'static str) -> Signal<Option<FnError>> {
    let error = use_context::<ServerActionError>()
        .filter(|e| e.path() == path)
        .map(|e| leptos::server_fn::error::ServerFnUrlError::<FnError>::decode_err(e.err()));
    Signal::stored(error)
}

/// One field's problem in `error`, for [`FieldMessage`].
pub fn field_error(error: Signal<Option<FnError>>, name: &'static str) -> Signal<Option<FieldError>> {
    Signal::derive(move || error.get().and_then(|e| e.field(name).cloned()))
}

/// The value the person typed into `name` before a failed plain post.
pub fn echoed(error: Signal<Option<FnError>>, name: &str) -> String {
    error.get_untracked().and_then(|e| e.echoed(name).map(str::to_owned)).unwrap_or_default()
}

/// A short success message after an action (`role="status"`).
#[component]
pub fn Notice(id: &'static str, text: Key) -> impl IntoView {
    view! { <p class="krds-notice" role="status" id=id>{t(text)}</p> }
}
