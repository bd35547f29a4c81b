//! Server functions: the UI's RPC. Thin adapters: they parse the input with
//! the shared parsers and call one method of [`shared::services::SiteServices`],
//! which the server provides as context. No rules live here.

use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use shared::feedback::FeedbackReceipt;
use shared::reference::{AreaDto, RegionDto};
use shared::{ErrorCode, ErrorDetail, FieldError};

/// The error every server function returns: the API's error shape plus the
/// submitted form values, so a form posted without JavaScript can be shown
/// again with what the person typed (the error travels in the redirect URL).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FnError {
    pub error: ErrorDetail,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub echo: Vec<(String, String)>,
}

impl FnError {
    pub fn code(&self) -> ErrorCode {
        self.error.code
    }

    pub fn field(&self, name: &str) -> Option<&FieldError> {
        self.error.fields.iter().find(|f| f.field == name)
    }

    /// A value the person submitted, to fill the form again.
    pub fn echoed(&self, name: &str) -> Option<&str> {
        self.echo.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

impl From<shared::ErrorBody> for FnError {
    fn from(body: shared::ErrorBody) -> Self {
        Self { error: body.error, echo: Vec::new() }
    }
}

impl FromServerFnError for FnError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // Transport and decoding failures. Their text can contain internals,
        // so it never reaches the person; only the code does.
        let code = match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_) => {
                ErrorCode::BadRequest
            }
            ServerFnErrorErr::Request(_) => ErrorCode::Unavailable,
            _ => ErrorCode::Internal,
        };
        Self { error: ErrorDetail { code, message: code.as_str().to_owned(), fields: Vec::new() }, echo: Vec::new() }
    }
}

#[cfg(feature = "ssr")]
fn services() -> Result<shared::services::Services, FnError> {
    use_context::<shared::services::Services>()
        .ok_or_else(|| shared::ErrorBody::new(ErrorCode::Internal, "services not provided").into())
}

/// The areas of innovation (분야), in display order.
#[server(prefix = "/fn", endpoint = "areas")]
pub async fn list_areas() -> Result<Vec<AreaDto>, FnError> {
    Ok(services()?.list_areas().await?)
}

/// The regions: 전국 first, then the 17 시·도.
#[server(prefix = "/fn", endpoint = "regions")]
pub async fn list_regions() -> Result<Vec<RegionDto>, FnError> {
    Ok(services()?.list_regions().await?)
}

/// Stores site feedback; on success, goes to the receipt page (which also
/// works as a plain form POST: the server answers with a redirect).
#[server(prefix = "/fn", endpoint = "feedback")]
pub async fn submit_feedback(category: String, message: String, email: String) -> Result<FeedbackReceipt, FnError> {
    let input = shared::feedback::FeedbackInput { category, message, email };
    let echo = echo_for_plain_form(&input);
    let feedback = input
        .parse()
        .map_err(|fields| FnError { error: shared::ErrorBody::validation(fields).error, echo: echo.clone() })?;
    let locale = crate::i18n::request_locale();
    let receipt = services()?
        .submit_feedback(feedback, locale)
        .await
        .map_err(|body| FnError { error: body.error, echo })?;
    leptos_axum::redirect(&format!("/feedback/thanks?receipt={}", receipt.receipt));
    Ok(receipt)
}

/// What to put back into the form after a failed plain (no-JS) POST: the
/// error travels in the redirect URL, so only what is needed goes there. The
/// e-mail address never does (personal data in URLs ends up in histories and
/// logs), and the message is cut to its maximum length. Clients that read
/// JSON get no echo: they still have their input.
#[cfg(feature = "ssr")]
fn echo_for_plain_form(input: &shared::feedback::FeedbackInput) -> Vec<(String, String)> {
    use shared::feedback::FeedbackMessage;
    let wants_html = use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::ACCEPT)?.to_str().ok().map(|a| a.contains("text/html")))
        .unwrap_or(false);
    if !wants_html {
        return Vec::new();
    }
    let message: String = input.message.chars().take(FeedbackMessage::MAX + 1).collect();
    vec![("category".to_owned(), input.category.clone()), ("message".to_owned(), message)]
}

/// Looks up a feedback receipt, so the receipt page shows only real ones.
#[server(prefix = "/fn", endpoint = "feedback_receipt")]
pub async fn get_feedback_receipt(receipt: String) -> Result<FeedbackReceipt, FnError> {
    Ok(services()?.feedback_receipt(receipt).await?)
}

/// The signed-in user, if any (shown in the header and on `/me`).
#[server(prefix = "/fn", endpoint = "me")]
pub async fn current_user() -> Result<Option<shared::account::UserDto>, FnError> {
    Ok(services()?.current_user().await?)
}

/// Signs in, then goes to `next` (a path of this site) or home. A plain
/// form post: the page is loaded anew, signed in.
#[server(prefix = "/fn", endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), FnError> {
    let input = shared::account::SignInInput { email, password };
    services()?.sign_in(input).await?;
    leptos_axum::redirect(&shared::text::safe_next_path(next.as_deref()));
    Ok(())
}

/// Creates an account and signs it in, then goes to `next` or home.
#[server(prefix = "/fn", endpoint = "sign_up")]
pub async fn sign_up(email: String, password: String, display_name: String, next: Option<String>) -> Result<(), FnError> {
    let input = shared::account::SignUpInput { email, password, display_name };
    let account = input.parse().map_err(|fields| FnError::from(shared::ErrorBody::validation(fields)))?;
    services()?.sign_up(account).await?;
    leptos_axum::redirect(&shared::text::safe_next_path(next.as_deref()));
    Ok(())
}

/// Signs out and goes home.
#[server(prefix = "/fn", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), FnError> {
    services()?.sign_out().await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Changes the password, then shows the account page with a notice.
#[server(prefix = "/fn", endpoint = "change_password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), FnError> {
    services()?.change_password(shared::account::PasswordChangeInput { current_password, new_password }).await?;
    leptos_axum::redirect("/me?password_changed=1");
    Ok(())
}
