//! Authentication: the session store, password hashing, and the extractors
//! that tell a handler who is asking.

pub mod extract;
pub mod password;
pub mod session_store;

/// Session key holding the signed-in user's id.
pub const USER_ID: &str = "user_id";
/// Session key holding when the user signed in (Unix seconds), for the absolute expiry.
pub const SIGNED_IN_AT: &str = "signed_in_at";
/// Session key holding when this session last took in a privilege change (Unix milliseconds).
pub const PRIVILEGES_SEEN_AT: &str = "privileges_seen_at";
/// Session key holding a sign-in with a provider that is under way.
pub const OIDC_PENDING: &str = "oidc_pending";
/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "hamkke_session";
