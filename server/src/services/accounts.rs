//! Accounts: sign-up, sign-in, sign-out, password change, and who is signed
//! in. Every function acts for one request: its session and client address.

use crate::auth::session_store::DbSessionStore;
use crate::auth::{PRIVILEGES_SEEN_AT, SIGNED_IN_AT, USER_ID, password};
use crate::entities::{role_grant, user};
use crate::error::{AppError, Result, map_unique_violation};
use crate::policy::{self, Action, Actor, Grant, Resource, Role, Scope};
use crate::services::{audit, throttle, tokens};
use chrono::{SecondsFormat, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
};
use shared::account::{AccountEmail, NewAccount, NewPassword, PasswordChangeInput, SignInInput, UserDto, VerificationLevel};
use std::net::IpAddr;
use std::time::Duration;
use tower_sessions::Session;

/// Failures before an account is locked for a while.
const ACCOUNT_THRESHOLD: i32 = 5;
/// Failures before an IP address is locked for a while (many people can share one).
const IP_THRESHOLD: i32 = 20;
/// Sign-ups from one IP address per window.
const SIGN_UP_THRESHOLD: i32 = 10;

/// The request an account operation runs for.
#[derive(Clone)]
pub struct Requester {
    pub session: Session,
    pub ip: Option<IpAddr>,
    /// Sessions older than this since sign-in are signed out (absolute expiry).
    pub max_session_age: Duration,
    /// A personal API token from `Authorization: Bearer …`, instead of the cookie.
    pub bearer: Option<String>,
}

pub fn to_dto(u: &user::Model) -> UserDto {
    UserDto {
        id: u.id,
        email: u.email.clone(),
        display_name: u.display_name.clone(),
        verification_level: VerificationLevel::from_wire(&u.verification_level),
        created_at: u.created_at.to_rfc3339_opts(SecondsFormat::Secs, true),
    }
}

pub(crate) fn session_err(e: tower_sessions::session::Error) -> AppError {
    AppError::Internal(anyhow::anyhow!("session store: {e}"))
}

pub(crate) fn ip_key(ip: Option<IpAddr>) -> String {
    format!("ip:{}", ip.map(|i| i.to_string()).unwrap_or_else(|| "unknown".into()))
}

pub(crate) fn account_key(email: &str) -> String {
    format!("account:{email}")
}

/// Rotates the session id and records who signed in (prevents session fixation).
pub(crate) async fn start_session(req: &Requester, user_id: i64) -> Result<()> {
    req.session.cycle_id().await.map_err(session_err)?;
    let now = Utc::now();
    req.session.insert(USER_ID, user_id).await.map_err(session_err)?;
    req.session.insert(SIGNED_IN_AT, now.timestamp()).await.map_err(session_err)?;
    req.session.insert(PRIVILEGES_SEEN_AT, now.timestamp_millis()).await.map_err(session_err)?;
    Ok(())
}

/// The signed-in user, if the request carries a valid API token or a
/// session that is still valid. A bad token is 401, never a fallback to the cookie.
pub async fn current(db: &DatabaseConnection, req: &Requester) -> Result<Option<user::Model>> {
    if let Some(token) = &req.bearer {
        return tokens::authenticate(db, token).await.map(Some);
    }
    let Some(user_id) = req.session.get::<i64>(USER_ID).await.map_err(session_err)? else {
        return Ok(None);
    };
    let signed_in_at = req.session.get::<i64>(SIGNED_IN_AT).await.map_err(session_err)?.unwrap_or(0);
    let age = Utc::now().timestamp() - signed_in_at;
    if age < 0 || age as u64 > req.max_session_age.as_secs() {
        req.session.flush().await.map_err(session_err)?;
        return Ok(None);
    }
    let user = user::Entity::find_by_id(user_id).filter(user::Column::DeletedAt.is_null()).one(db).await?;
    let Some(user) = user else {
        req.session.flush().await.map_err(session_err)?;
        return Ok(None);
    };
    // Roles or verification changed since this session last looked: new session id.
    if let Some(changed) = user.privileges_changed_at {
        let seen = req.session.get::<i64>(PRIVILEGES_SEEN_AT).await.map_err(session_err)?.unwrap_or(0);
        if changed.timestamp_millis() > seen {
            req.session.cycle_id().await.map_err(session_err)?;
            req.session.insert(PRIVILEGES_SEEN_AT, Utc::now().timestamp_millis()).await.map_err(session_err)?;
        }
    }
    Ok(Some(user))
}

/// The signed-in user through a browser session, for changes an API token
/// must never make (password, tokens, linked providers, deletion).
pub async fn require_session(db: &DatabaseConnection, req: &Requester) -> Result<user::Model> {
    if req.bearer.is_some() {
        return Err(AppError::Forbidden("API tokens cannot do this; sign in on the site.".into()));
    }
    require(db, req).await
}

/// The user's grants, as the policy sees them.
pub async fn actor(db: &impl sea_orm::ConnectionTrait, user: &user::Model) -> Result<Actor> {
    let grants = role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|g| Some(Grant { role: Role::parse(&g.role)?, scope: Scope::from_parts(&g.scope_kind, g.scope_id)? }))
        .collect();
    Ok(Actor::user(user.id, VerificationLevel::from_wire(&user.verification_level), grants))
}

/// Asks the policy; a refusal is 403 and is logged (attempts to reach what
/// one may not are worth seeing).
pub fn ensure(actor: &Actor, action: Action, resource: Resource) -> Result<()> {
    if policy::allows(actor, action, resource) {
        return Ok(());
    }
    tracing::warn!(user.id = actor.user_id, ?action, ?resource, "refused by policy");
    Err(AppError::Forbidden("You do not have permission to do this.".into()))
}

/// The signed-in user, allowed to do `action` on `resource` (401 / 403 otherwise).
pub async fn require_allowed(db: &DatabaseConnection, req: &Requester, action: Action, resource: Resource) -> Result<(user::Model, Actor)> {
    let user = require(db, req).await?;
    let actor = actor(db, &user).await?;
    ensure(&actor, action, resource)?;
    Ok((user, actor))
}

/// The signed-in user, or 401.
pub async fn require(db: &DatabaseConnection, req: &Requester) -> Result<user::Model> {
    current(db, req).await?.ok_or(AppError::Unauthorized)
}

/// Creates an account (Argon2id hash) and signs it in.
pub async fn sign_up(db: &DatabaseConnection, req: &Requester, account: NewAccount) -> Result<user::Model> {
    let now = Utc::now();
    let key = format!("sign-up:{}", ip_key(req.ip));
    throttle::check(db, std::slice::from_ref(&key), now).await?;
    throttle::record_failure(db, &key, SIGN_UP_THRESHOLD, now).await?;

    let hash = password::hash(account.password.expose().to_owned()).await?;
    let user = user::ActiveModel {
        email: Set(account.email.as_str().to_owned()),
        display_name: Set(account.display_name.as_str().to_owned()),
        password_hash: Set(Some(hash)),
        verification_level: Set(VerificationLevel::Unverified.as_str().to_owned()),
        locale: Set("ko".to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        last_sign_in_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| match map_unique_violation(e, "An account with this e-mail address") {
        AppError::Conflict(m) => AppError::Validation(vec![shared::FieldError::new(
            "email",
            shared::error::FieldProblem::Taken,
            m,
        )]),
        other => other,
    })?;
    start_session(req, user.id).await?;
    audit::record(db, audit::Event::new("account.sign_up").actor(user.id).target("user", user.id).ip(req.ip)).await?;
    tracing::info!(user.id = user.id, "account created");
    Ok(user)
}

/// Signs in with e-mail and password. Failures are counted per IP and per
/// account; too many lock further attempts for a while (429, Retry-After).
pub async fn sign_in(db: &DatabaseConnection, req: &Requester, input: SignInInput) -> Result<user::Model> {
    input.check().map_err(AppError::Validation)?;
    let now = Utc::now();
    let email = input.email.trim().to_lowercase();
    let keys = [ip_key(req.ip), account_key(&email)];
    throttle::check(db, &keys, now).await?;

    let user = match AccountEmail::parse(&email) {
        Ok(e) => user::Entity::find().filter(user::Column::Email.eq(e.as_str())).filter(user::Column::DeletedAt.is_null()).one(db).await?,
        Err(_) => None,
    };
    let ok = password::verify(input.password, user.as_ref().and_then(|u| u.password_hash.clone())).await?;
    let known_id = user.as_ref().map(|u| u.id);
    let Some(user) = user.filter(|_| ok) else {
        throttle::record_failure(db, &keys[0], IP_THRESHOLD, now).await?;
        throttle::record_failure(db, &keys[1], ACCOUNT_THRESHOLD, now).await?;
        let mut event = audit::Event::new("account.sign_in_failed").ip(req.ip);
        if let Some(id) = known_id {
            event = event.target("user", id);
        }
        audit::record(db, event).await?;
        return Err(AppError::BadCredentials);
    };
    throttle::reset(db, &keys[1]).await?;
    start_session(req, user.id).await?;
    let mut active = user.clone().into_active_model();
    active.last_sign_in_at = Set(Some(now));
    let user = active.update(db).await?;
    audit::record(db, audit::Event::new("account.sign_in").actor(user.id).target("user", user.id).ip(req.ip)).await?;
    Ok(user)
}

/// Signs out: the session is deleted from the store and the cookie cleared.
pub async fn sign_out(db: &DatabaseConnection, req: &Requester) -> Result<()> {
    if let Some(user) = current(db, req).await? {
        audit::record(db, audit::Event::new("account.sign_out").actor(user.id).target("user", user.id).ip(req.ip)).await?;
    }
    req.session.flush().await.map_err(session_err)
}

/// Changes the signed-in user's password after checking the current one.
pub async fn change_password(db: &DatabaseConnection, req: &Requester, input: PasswordChangeInput) -> Result<()> {
    let user = require_session(db, req).await?;
    let now = Utc::now();
    let email = AccountEmail::parse(&user.email).ok();
    let new = NewPassword::parse(&input.new_password, "new_password", email.as_ref()).map_err(|e| AppError::Validation(vec![e]))?;
    let key = account_key(&user.email);
    throttle::check(db, std::slice::from_ref(&key), now).await?;
    if !password::verify(input.current_password, user.password_hash.clone()).await? {
        throttle::record_failure(db, &key, ACCOUNT_THRESHOLD, now).await?;
        return Err(AppError::Validation(vec![shared::FieldError::new(
            "current_password",
            shared::error::FieldProblem::Invalid,
            "The current password is wrong.",
        )]));
    }
    let hash = password::hash(new.expose().to_owned()).await?;
    let mut active = user.clone().into_active_model();
    active.password_hash = Set(Some(hash));
    active.updated_at = Set(now);
    active.update(db).await?;
    // Every other session of this account ends; this one gets a new id.
    let ended = DbSessionStore::delete_for_user(db, user.id, None).await?;
    req.session.cycle_id().await.map_err(session_err)?;
    tracing::info!(user.id = user.id, other_sessions_ended = ended, "password changed");
    audit::record(db, audit::Event::new("account.password_changed").actor(user.id).target("user", user.id).ip(req.ip)).await?;
    Ok(())
}

