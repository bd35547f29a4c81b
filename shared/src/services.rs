//! The handle through which server functions reach the server's services.
//!
//! `frontend` must not depend on `server` (no cycle), so the server provides an
//! `Arc<dyn SiteServices>` as Leptos context and the server functions call it.
//! Only compiled with the `ssr` feature: it never reaches the WASM bundle.

use crate::account::{NewAccount, PasswordChangeInput, SignInInput, UserDto};
use crate::error::ErrorBody;
use crate::feedback::{FeedbackReceipt, NewFeedback};
use crate::reference::{AreaDto, RegionDto};
use crate::Locale;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// A boxed future, so the trait stays object-safe without extra crates.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What the UI may ask of the server. Each method is one service call with
/// its rules (validation, policy) applied inside the server.
///
/// The server builds one handle per request, bound to that request's
/// sign-in session and client address, so methods act "as the person asking".
pub trait SiteServices: Send + Sync + 'static {
    /// The signed-in user, if any.
    fn current_user(&self) -> BoxFuture<'_, Result<Option<UserDto>, ErrorBody>>;
    /// Creates an account and signs it in.
    fn sign_up(&self, account: NewAccount) -> BoxFuture<'_, Result<UserDto, ErrorBody>>;
    /// Signs in with e-mail and password (throttled; audit-logged).
    fn sign_in(&self, input: SignInInput) -> BoxFuture<'_, Result<UserDto, ErrorBody>>;
    /// Signs out: the session is deleted.
    fn sign_out(&self) -> BoxFuture<'_, Result<(), ErrorBody>>;
    /// Changes the signed-in user's password.
    fn change_password(&self, input: PasswordChangeInput) -> BoxFuture<'_, Result<(), ErrorBody>>;
    /// The areas (분야), in display order.
    fn list_areas(&self) -> BoxFuture<'_, Result<Vec<AreaDto>, ErrorBody>>;
    /// The regions: 전국 first, then the 17 시·도.
    fn list_regions(&self) -> BoxFuture<'_, Result<Vec<RegionDto>, ErrorBody>>;
    /// Stores site feedback and returns its receipt.
    fn submit_feedback(&self, feedback: NewFeedback, locale: Locale) -> BoxFuture<'_, Result<FeedbackReceipt, ErrorBody>>;
    /// Looks up a receipt by its number (`F-20261122-3FA9C21B`); `not_found` otherwise.
    fn feedback_receipt(&self, receipt: String) -> BoxFuture<'_, Result<FeedbackReceipt, ErrorBody>>;
}

/// The context value the server provides to Leptos.
pub type Services = Arc<dyn SiteServices>;
