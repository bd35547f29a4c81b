//! Personal API tokens: an alternative to the session cookie for the REST
//! API. The token is shown once at creation; only its SHA-256 is stored.
//! Creating tokens needs a browser session (a token cannot mint more) and
//! is rate-limited per account and per IP address.

use crate::entities::{api_token, user};
use crate::error::{AppError, Result};
use crate::policy::{Action, Resource};
use crate::services::accounts::{self, Requester};
use crate::services::{audit, throttle};
use base64::Engine;
use chrono::{Duration, Utc};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use sha2::{Digest, Sha256};
use shared::access::{ApiTokenDto, ApiTokenInput, CreatedApiToken};

/// Tokens start with this, so secret scanners can recognise them.
pub const TOKEN_PREFIX: &str = "hkt_";
/// Token creations per account per 15 minutes.
const CREATE_PER_ACCOUNT: i32 = 10;
/// Token creations per IP address per 15 minutes.
const CREATE_PER_IP: i32 = 30;
/// Live tokens one account may hold.
const MAX_LIVE_TOKENS: u64 = 20;
/// `last_used_at` is written at most this often per token.
const LAST_USED_GRANULARITY: Duration = Duration::minutes(1);

/// How long a token found live is trusted without asking the database
/// again. Revocations, account deletion, blocking and verification changes
/// clear this process's cache at once; another server process sharing the
/// database may still accept a just-revoked token for at most this long.
const CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(2);
/// Tokens kept at most; a full cache is emptied (a refill costs one query each).
const CACHE_MAX: usize = 50_000;

/// Live tokens recently seen: hash → (account, token expiry, when checked).
type Cache = std::collections::HashMap<String, (user::Model, Option<chrono::DateTime<Utc>>, std::time::Instant)>;

fn cache() -> &'static std::sync::Mutex<Cache> {
    static CACHE: std::sync::OnceLock<std::sync::Mutex<Cache>> = std::sync::OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Bumped by every clearing: a look-up that started before a clearing does
/// not cache what it read (it may be what the clearing was about).
static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Forgets every cached token (after anything that can make one stop
/// working or change who it stands for).
pub fn forget_cached() {
    if let Ok(mut c) = cache().lock() {
        GENERATION.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        c.clear();
    }
}

fn hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

use crate::services::rfc3339;

fn to_dto(t: &api_token::Model) -> ApiTokenDto {
    ApiTokenDto {
        id: t.id,
        name: t.name.clone(),
        prefix: t.prefix.clone(),
        created_at: rfc3339(t.created_at),
        last_used_at: t.last_used_at.map(rfc3339),
        expires_at: t.expires_at.map(rfc3339),
    }
}

/// Creates a token for the signed-in user; the secret is in the answer only.
pub async fn create(db: &DatabaseConnection, req: &Requester, input: ApiTokenInput) -> Result<CreatedApiToken> {
    let (name, days) = input.parse().map_err(AppError::Validation)?;
    let user = accounts::require_session(db, req).await?;
    accounts::ensure(&accounts::actor(db, &user).await?, Action::ManageOwnTokens, Resource::User(user.id))?;
    let now = Utc::now();
    let keys = [format!("token:user:{}", user.id), format!("token:{}", accounts::ip_key(req.ip))];
    throttle::check(db, &keys, now).await?;
    throttle::record_failure(db, &keys[0], CREATE_PER_ACCOUNT, now).await?;
    throttle::record_failure(db, &keys[1], CREATE_PER_IP, now).await?;
    let live = api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user.id))
        .filter(api_token::Column::RevokedAt.is_null())
        .count(db)
        .await?;
    if live >= MAX_LIVE_TOKENS {
        return Err(AppError::Conflict(format!("You already have {MAX_LIVE_TOKENS} tokens; revoke one first.")));
    }

    let mut secret = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    let token = format!("{TOKEN_PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(secret));
    let row = api_token::ActiveModel {
        user_id: Set(user.id),
        name: Set(name),
        token_hash: Set(hash(&token)),
        prefix: Set(token[..12].to_owned()),
        created_at: Set(now),
        last_used_at: Set(None),
        expires_at: Set(days.map(|d| now + Duration::days(i64::from(d)))),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(
        db,
        audit::Event::new("token.created")
            .actor(user.id)
            .target("api_token", row.id)
            .ip(req.ip)
            .details(serde_json::json!({ "name": row.name, "expires_at": row.expires_at.map(rfc3339) })),
    )
    .await?;
    Ok(CreatedApiToken { token, info: to_dto(&row) })
}

/// The signed-in user's live tokens, newest first.
pub async fn list(db: &DatabaseConnection, req: &Requester) -> Result<Vec<ApiTokenDto>> {
    let user = accounts::require(db, req).await?;
    let rows = api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user.id))
        .filter(api_token::Column::RevokedAt.is_null())
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?;
    Ok(rows.iter().map(to_dto).collect())
}

/// Revokes one of the signed-in user's tokens (someone else's is 404).
pub async fn revoke(db: &DatabaseConnection, req: &Requester, id: i64) -> Result<()> {
    let user = accounts::require(db, req).await?;
    let row = api_token::Entity::find_by_id(id)
        .filter(api_token::Column::UserId.eq(user.id))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut active = row.into_active_model();
    active.revoked_at = Set(Some(Utc::now()));
    active.update(db).await?;
    forget_cached();
    audit::record(db, audit::Event::new("token.revoked").actor(user.id).target("api_token", id).ip(req.ip)).await
}

/// The account a token belongs to, if the token is live (401 otherwise).
pub async fn authenticate(db: &DatabaseConnection, token: &str) -> Result<user::Model> {
    if !token.starts_with(TOKEN_PREFIX) || token.len() > 100 {
        return Err(AppError::Unauthorized);
    }
    let now = Utc::now();
    let hashed = hash(token);
    let generation = GENERATION.load(std::sync::atomic::Ordering::SeqCst);
    if let Ok(c) = cache().lock()
        && let Some((user, expires, at)) = c.get(&hashed)
        && at.elapsed() < CACHE_TTL
        && expires.is_none_or(|e| e > now)
    {
        return Ok(user.clone());
    }
    // The token and its account in one query (this runs on every API call
    // whose token is not in the cache).
    let (row, user) = api_token::Entity::find()
        .find_also_related(user::Entity)
        .filter(api_token::Column::TokenHash.eq(hashed.clone()))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
        .filter(|(t, _)| t.expires_at.is_none_or(|e| e > now))
        .ok_or(AppError::Unauthorized)?;
    let user = user.filter(|u| u.deleted_at.is_none()).ok_or(AppError::Unauthorized)?;
    if let Ok(mut c) = cache().lock()
        && GENERATION.load(std::sync::atomic::Ordering::SeqCst) == generation
    {
        if c.len() >= CACHE_MAX {
            c.clear();
        }
        c.insert(hashed, (user.clone(), row.expires_at, std::time::Instant::now()));
    }
    if row.last_used_at.is_none_or(|t| now - t > LAST_USED_GRANULARITY) {
        let mut active = row.into_active_model();
        active.last_used_at = Set(Some(now));
        active.update(db).await?;
    }
    Ok(user)
}

/// Revokes every token of a user (account deletion).
pub async fn revoke_all(db: &impl sea_orm::ConnectionTrait, user_id: i64) -> Result<()> {
    api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, sea_orm::sea_query::Expr::value(Utc::now()))
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    forget_cached();
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_hashed_with_sha256_hex() {
        assert_eq!(super::hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
