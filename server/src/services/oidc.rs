//! Sign-in with OpenID Connect and OAuth2 providers: the authorization code
//! flow with PKCE, `state` and `nonce`; ID tokens verified (signature
//! against the provider's JWKS, issuer, audience, expiry, nonce, access-token
//! hash) by the `openidconnect` crate. Naver, which is plain OAuth2, is
//! read from its profile endpoint with the `oauth2` crate.
//!
//! Providers come from configuration ([`ProviderConfig`]). The first sign-in
//! with a provider creates an account; a signed-in user can link more
//! providers and unlink them, never the last way in.

use crate::auth::OIDC_PENDING;
use crate::config::{ProviderConfig, ProviderKind};
use crate::entities::{identity, user};
use crate::error::{AppError, Result};
use crate::services::accounts::{self, Requester, session_err};
use crate::services::audit;
use chrono::{SecondsFormat, Utc};
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreClientAuthMethod, CoreIdTokenClaims, CoreProviderMetadata,
};
use openidconnect::{
    AccessTokenHash, AuthType, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    TokenResponse,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use shared::access::{IdentityDto, ProviderDto};
use shared::account::{DisplayName, VerificationLevel};
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

/// How long discovery documents (and the JWKS in them) are reused.
const METADATA_TTL: Duration = Duration::from_secs(600);
/// How long a started sign-in may take at the provider.
const PENDING_MAX_SECS: i64 = 600;

type OidcClient = CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// One configured provider with its cached discovery document.
pub struct Provider {
    pub config: ProviderConfig,
    metadata: RwLock<Option<(Instant, CoreProviderMetadata)>>,
}

/// Every configured provider and the HTTP client that talks to them.
pub struct Providers {
    list: Vec<Provider>,
    http: reqwest::Client,
}

impl Providers {
    pub fn new(configs: Vec<ProviderConfig>) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            // Following redirects would open the client to SSRF (openidconnect's advice).
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()?;
        let list = configs.into_iter().map(|config| Provider { config, metadata: RwLock::new(None) }).collect();
        Ok(Self { list, http })
    }

    /// The providers offered on the sign-in page.
    pub fn public_list(&self) -> Vec<ProviderDto> {
        self.list.iter().map(|p| ProviderDto { id: p.config.id.clone(), name: p.config.name.clone() }).collect()
    }

    fn get(&self, id: &str) -> Result<&Provider> {
        self.list.iter().find(|p| p.config.id == id).ok_or(AppError::NotFound)
    }

    fn name_of(&self, id: &str) -> String {
        self.list.iter().find(|p| p.config.id == id).map(|p| p.config.name.clone()).unwrap_or_else(|| id.to_owned())
    }

    async fn metadata(&self, p: &Provider, issuer: &str) -> std::result::Result<CoreProviderMetadata, Failure> {
        if let Some((at, meta)) = p.metadata.read().await.as_ref()
            && at.elapsed() < METADATA_TTL {
                return Ok(meta.clone());
            }
        let issuer = IssuerUrl::new(issuer.to_owned()).map_err(|e| Failure::new("unavailable", format!("issuer URL: {e}")))?;
        let meta = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(|e| Failure::new("unavailable", format!("discovery failed: {e}")))?;
        *p.metadata.write().await = Some((Instant::now(), meta.clone()));
        Ok(meta)
    }

    async fn oidc_client(&self, p: &Provider, issuer: &str, redirect_uri: &str) -> std::result::Result<OidcClient, Failure> {
        let meta = self.metadata(p, issuer).await?;
        // client_secret_basic unless the provider only takes the secret in the body (Kakao).
        let post_only = meta.token_endpoint_auth_methods_supported().is_some_and(|m| {
            !m.contains(&CoreClientAuthMethod::ClientSecretBasic) && m.contains(&CoreClientAuthMethod::ClientSecretPost)
        });
        let redirect = RedirectUrl::new(redirect_uri.to_owned()).map_err(|e| Failure::new("unavailable", e.to_string()))?;
        let client = CoreClient::from_provider_metadata(
            meta,
            ClientId::new(p.config.client_id.clone()),
            Some(ClientSecret::new(p.config.client_secret.clone())),
        )
        .set_redirect_uri(redirect);
        Ok(if post_only { client.set_auth_type(AuthType::RequestBody) } else { client })
    }

    fn oauth2_client(
        p: &Provider,
        redirect_uri: &str,
        auth_url: &str,
        token_url: &str,
    ) -> std::result::Result<
        oauth2::basic::BasicClient<oauth2::EndpointSet, oauth2::EndpointNotSet, oauth2::EndpointNotSet, oauth2::EndpointNotSet, oauth2::EndpointSet>,
        Failure,
    > {
        let bad = |e: oauth2::url::ParseError| Failure::new("unavailable", e.to_string());
        let client = oauth2::basic::BasicClient::new(oauth2::ClientId::new(p.config.client_id.clone()))
            .set_client_secret(oauth2::ClientSecret::new(p.config.client_secret.clone()))
            .set_auth_uri(oauth2::AuthUrl::new(auth_url.to_owned()).map_err(bad)?)
            .set_token_uri(oauth2::TokenUrl::new(token_url.to_owned()).map_err(bad)?)
            .set_redirect_uri(oauth2::RedirectUrl::new(redirect_uri.to_owned()).map_err(bad)?);
        // Naver takes the client credentials in the request body.
        Ok(if p.config.secret_in_body { client.set_auth_type(oauth2::AuthType::RequestBody) } else { client })
    }
}

/// A sign-in that failed at or after the provider. `reason` is a short code
/// the sign-in page explains; `detail` goes to the log only.
#[derive(Debug)]
pub struct Failure {
    pub reason: &'static str,
    pub detail: String,
}

impl Failure {
    fn new(reason: &'static str, detail: impl Into<String>) -> Self {
        Self { reason, detail: detail.into() }
    }
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        e.log();
        Failure::new("internal", e.to_string())
    }
}

impl From<sea_orm::DbErr> for Failure {
    fn from(e: sea_orm::DbErr) -> Self {
        AppError::Db(e).into()
    }
}

/// What the session remembers between the redirect to the provider and the callback.
#[derive(Serialize, Deserialize)]
struct Pending {
    provider: String,
    state: String,
    nonce: String,
    verifier: String,
    redirect_uri: String,
    next: String,
    /// Linking to this signed-in account instead of signing in.
    link_user: Option<i64>,
    started_at: i64,
}

/// Who the provider says the person is.
struct Claims {
    subject: String,
    email: Option<String>,
    email_verified: bool,
    name: Option<String>,
}

/// Starts a sign-in (or, with `link`, a link to the signed-in account):
/// remembers state, nonce and PKCE verifier in the session and returns the
/// provider's authorization URL.
pub async fn start(
    db: &DatabaseConnection,
    providers: &Providers,
    req: &Requester,
    provider_id: &str,
    origin: &str,
    next: Option<&str>,
    link: bool,
) -> Result<String> {
    let p = providers.get(provider_id)?;
    let link_user = if link { Some(accounts::require_session(db, req).await?.id) } else { None };
    let redirect_uri = format!("{origin}/auth/oidc/{}/callback", p.config.id);
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let unavailable = |f: Failure| {
        tracing::warn!(provider = provider_id, reason = f.reason, detail = %f.detail, "sign-in provider unavailable");
        AppError::Unavailable(format!("{} is not reachable", p.config.name))
    };
    let (url, state, nonce) = match &p.config.kind {
        ProviderKind::Oidc { issuer } => {
            let client = providers.oidc_client(p, issuer, &redirect_uri).await.map_err(unavailable)?;
            let mut request =
                client.authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random);
            for scope in &p.config.scopes {
                request = request.add_scope(Scope::new(scope.clone()));
            }
            let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
            (url, state, nonce.secret().clone())
        }
        ProviderKind::OAuth2Profile { auth_url, token_url, .. } => {
            let client = Providers::oauth2_client(p, &redirect_uri, auth_url, token_url).map_err(unavailable)?;
            let mut request = client.authorize_url(oauth2::CsrfToken::new_random);
            for scope in &p.config.scopes {
                request = request.add_scope(oauth2::Scope::new(scope.clone()));
            }
            let challenge = oauth2::PkceCodeChallenge::from_code_verifier_sha256(&oauth2::PkceCodeVerifier::new(verifier.secret().clone()));
            let (url, state) = request.set_pkce_challenge(challenge).url();
            (url, CsrfToken::new(state.secret().clone()), String::new())
        }
    };
    let pending = Pending {
        provider: p.config.id.clone(),
        state: state.secret().clone(),
        nonce,
        verifier: verifier.secret().clone(),
        redirect_uri,
        next: shared::text::safe_next_path(next),
        link_user,
        started_at: Utc::now().timestamp(),
    };
    req.session.insert(OIDC_PENDING, pending).await.map_err(session_err)?;
    Ok(url.to_string())
}

/// Where the callback sends the browser.
pub struct Landing {
    pub next: String,
    pub linked: bool,
}

/// The provider's answer about a query: `code` and `state`, or `error`.
#[derive(Debug, Default, Deserialize)]
pub struct CallbackQuery {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
}

/// Finishes a sign-in or link. Every failure is logged and audited; the
/// session never signs in on one.
pub async fn callback(
    db: &DatabaseConnection,
    providers: &Providers,
    req: &Requester,
    provider_id: &str,
    query: CallbackQuery,
) -> std::result::Result<Landing, (Failure, bool)> {
    // The pending sign-in is used once, whatever happens next (no replay).
    let pending: Option<Pending> = req.session.remove(OIDC_PENDING).await.map_err(|e| (Failure::from(session_err(e)), false))?;
    let linking = pending.as_ref().is_some_and(|p| p.link_user.is_some());
    let result = finish(db, providers, req, provider_id, query, pending).await;
    if let Err(f) = &result {
        tracing::warn!(provider = provider_id, reason = f.reason, detail = %f.detail, "provider sign-in failed");
        let event = audit::Event::new("account.sign_in_failed")
            .ip(req.ip)
            .details(serde_json::json!({ "provider": provider_id, "reason": f.reason }));
        if let Err(e) = audit::record(db, event).await {
            e.log();
        }
    }
    result.map_err(|f| (f, linking))
}

fn same(a: &str, b: &str) -> bool {
    // Constant-time comparison of the state values.
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn finish(
    db: &DatabaseConnection,
    providers: &Providers,
    req: &Requester,
    provider_id: &str,
    query: CallbackQuery,
    pending: Option<Pending>,
) -> std::result::Result<Landing, Failure> {
    let pending = pending.ok_or_else(|| Failure::new("state", "no sign-in under way in this session"))?;
    let returned_state = query.state.as_deref().unwrap_or("");
    if pending.provider != provider_id || !same(returned_state, &pending.state) {
        return Err(Failure::new("state", "state does not match the one sent"));
    }
    if Utc::now().timestamp() - pending.started_at > PENDING_MAX_SECS {
        return Err(Failure::new("expired", "sign-in took too long"));
    }
    if let Some(error) = query.error {
        return Err(Failure::new("denied", format!("provider answered {error}")));
    }
    let code = query.code.filter(|c| !c.is_empty()).ok_or_else(|| Failure::new("denied", "no code in the callback"))?;
    let p = providers.get(provider_id).map_err(|_| Failure::new("state", "unknown provider"))?;
    let claims = match &p.config.kind {
        ProviderKind::Oidc { issuer } => {
            let client = providers.oidc_client(p, issuer, &pending.redirect_uri).await?;
            let token = client
                .exchange_code(AuthorizationCode::new(code))
                .map_err(|e| Failure::new("unavailable", e.to_string()))?
                .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier.clone()))
                .request_async(&providers.http)
                .await
                .map_err(|e| Failure::new("exchange", format!("token request failed: {e}")))?;
            let id_token = token.id_token().ok_or_else(|| Failure::new("id_token", "no ID token in the answer"))?;
            let verifier = client.id_token_verifier();
            let claims: &CoreIdTokenClaims = id_token
                .claims(&verifier, &Nonce::new(pending.nonce.clone()))
                .map_err(|e| Failure::new("id_token", format!("ID token rejected: {e}")))?;
            if let Some(expected) = claims.access_token_hash() {
                let alg = id_token.signing_alg().map_err(|e| Failure::new("id_token", e.to_string()))?;
                let key = id_token.signing_key(&verifier).map_err(|e| Failure::new("id_token", e.to_string()))?;
                let actual = AccessTokenHash::from_token(token.access_token(), alg, key)
                    .map_err(|e| Failure::new("id_token", e.to_string()))?;
                if actual != *expected {
                    return Err(Failure::new("id_token", "access token hash does not match"));
                }
            }
            Claims {
                subject: claims.subject().as_str().to_owned(),
                email: claims.email().map(|e| e.as_str().to_owned()),
                email_verified: claims.email_verified().unwrap_or(false),
                name: claims.name().and_then(|n| n.get(None)).map(|n| n.as_str().to_owned()),
            }
        }
        ProviderKind::OAuth2Profile { auth_url, token_url, profile_url } => {
            let client = Providers::oauth2_client(p, &pending.redirect_uri, auth_url, token_url)?;
            let token = client
                .exchange_code(oauth2::AuthorizationCode::new(code))
                .set_pkce_verifier(oauth2::PkceCodeVerifier::new(pending.verifier.clone()))
                .request_async(&providers.http)
                .await
                .map_err(|e| Failure::new("exchange", format!("token request failed: {e}")))?;
            naver_profile(&providers.http, profile_url, token.access_token().secret()).await?
        }
    };
    if claims.subject.is_empty() {
        return Err(Failure::new("id_token", "no subject"));
    }
    match pending.link_user {
        Some(user_id) => link(db, req, p, user_id, claims).await?,
        None => sign_in(db, req, p, claims).await?,
    }
    Ok(Landing { next: pending.next, linked: pending.link_user.is_some() })
}

/// Naver's profile API: `{"resultcode":"00","response":{"id","email","name"}}`.
async fn naver_profile(http: &reqwest::Client, url: &str, access_token: &str) -> std::result::Result<Claims, Failure> {
    #[derive(Deserialize)]
    struct Profile {
        resultcode: String,
        response: Option<ProfileBody>,
    }
    #[derive(Deserialize)]
    struct ProfileBody {
        id: String,
        email: Option<String>,
        name: Option<String>,
        nickname: Option<String>,
    }
    let res = http
        .get(url)
        .bearer_auth(access_token)
        .send()
        .await
        .map_err(|e| Failure::new("profile", format!("profile request failed: {e}")))?;
    if !res.status().is_success() {
        return Err(Failure::new("profile", format!("profile endpoint answered {}", res.status())));
    }
    let profile: Profile = res.json().await.map_err(|e| Failure::new("profile", format!("profile not understood: {e}")))?;
    let body = profile
        .response
        .filter(|_| profile.resultcode == "00")
        .ok_or_else(|| Failure::new("profile", format!("profile result code {}", profile.resultcode)))?;
    Ok(Claims {
        subject: body.id,
        // Naver only returns addresses its members have confirmed.
        email_verified: body.email.is_some(),
        email: body.email,
        name: body.name.or(body.nickname),
    })
}

use crate::error::is_unique_violation;

async fn find_identity(db: &DatabaseConnection, provider: &str, subject: &str) -> Result<Option<identity::Model>> {
    Ok(identity::Entity::find()
        .filter(identity::Column::Provider.eq(provider))
        .filter(identity::Column::Subject.eq(subject))
        .one(db)
        .await?)
}

async fn link(db: &DatabaseConnection, req: &Requester, p: &Provider, user_id: i64, claims: Claims) -> std::result::Result<(), Failure> {
    // Still the same person signed in as when the link started?
    let current = accounts::current(db, req).await?.filter(|u| u.id == user_id);
    let user = current.ok_or_else(|| Failure::new("state", "the session changed during linking"))?;
    if let Some(existing) = find_identity(db, &p.config.id, &claims.subject).await? {
        return if existing.user_id == user.id {
            Ok(())
        } else {
            Err(Failure::new("linked_elsewhere", "this provider account belongs to another account"))
        };
    }
    identity::ActiveModel {
        user_id: Set(user.id),
        provider: Set(p.config.id.clone()),
        subject: Set(claims.subject),
        email: Set(claims.email),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| if is_unique_violation(&e) { Failure::new("linked_elsewhere", e.to_string()) } else { e.into() })?;
    if p.config.verifies_identity {
        raise_to_verified(db, &user).await?;
    }
    // Another way in: new session id.
    req.session.cycle_id().await.map_err(session_err)?;
    audit::record(
        db,
        audit::Event::new("account.provider_linked")
            .actor(user.id)
            .target("user", user.id)
            .ip(req.ip)
            .details(serde_json::json!({ "provider": p.config.id })),
    )
    .await?;
    Ok(())
}

async fn raise_to_verified(db: &DatabaseConnection, user: &user::Model) -> Result<()> {
    if VerificationLevel::from_wire(&user.verification_level) < VerificationLevel::Verified {
        let mut active = user.clone().into_active_model();
        active.verification_level = Set(VerificationLevel::Verified.as_str().to_owned());
        active.privileges_changed_at = Set(Some(Utc::now()));
        active.update(db).await?;
        crate::services::tokens::forget_cached();
    }
    Ok(())
}

async fn sign_in(db: &DatabaseConnection, req: &Requester, p: &Provider, claims: Claims) -> std::result::Result<(), Failure> {
    let now = Utc::now();
    let user = match find_identity(db, &p.config.id, &claims.subject).await? {
        Some(identity) => user::Entity::find_by_id(identity.user_id)
            .filter(user::Column::DeletedAt.is_null())
            .one(db)
            .await?
            .ok_or_else(|| Failure::new("state", "the linked account was deleted"))?,
        None => create_account(db, req, p, claims).await?,
    };
    if p.config.verifies_identity {
        raise_to_verified(db, &user).await?;
    }
    accounts::start_session(req, user.id).await?;
    let mut active = user.clone().into_active_model();
    active.last_sign_in_at = Set(Some(now));
    active.update(db).await?;
    audit::record(
        db,
        audit::Event::new("account.sign_in")
            .actor(user.id)
            .target("user", user.id)
            .ip(req.ip)
            .details(serde_json::json!({ "provider": p.config.id })),
    )
    .await?;
    Ok(())
}

/// The first sign-in with a provider: a new account with the provider's
/// (verified) e-mail address and name. An address that already has an
/// account is not taken over: its owner signs in and links the provider.
async fn create_account(db: &DatabaseConnection, req: &Requester, p: &Provider, claims: Claims) -> std::result::Result<user::Model, Failure> {
    let email = claims
        .email
        .as_deref()
        .filter(|_| claims.email_verified)
        .and_then(|e| shared::account::AccountEmail::parse(e).ok())
        .map(|e| e.as_str().to_owned());
    if let Some(email) = &email {
        let taken = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).count(db).await? > 0;
        if taken {
            return Err(Failure::new("email_taken", "an account with this e-mail address exists"));
        }
    }
    let stored_email = email.unwrap_or_else(|| {
        // No verified address: a unique placeholder that never receives mail.
        format!("{}-{}@users.noreply.invalid", p.config.id, uuid::Uuid::new_v4().simple())
    });
    let name = claims
        .name
        .as_deref()
        .and_then(|n| DisplayName::parse(&n.chars().take(DisplayName::MAX).collect::<String>()).ok())
        .map(|n| n.as_str().to_owned())
        .unwrap_or_else(|| format!("{} 사용자", p.config.name));
    let now = Utc::now();
    let level = if p.config.verifies_identity { VerificationLevel::Verified } else { VerificationLevel::Unverified };
    let txn = db.begin().await?;
    let user = user::ActiveModel {
        email: Set(stored_email),
        display_name: Set(name),
        password_hash: Set(None),
        verification_level: Set(level.as_str().to_owned()),
        locale: Set("ko".to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        last_sign_in_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| if is_unique_violation(&e) { Failure::new("email_taken", e.to_string()) } else { e.into() })?;
    identity::ActiveModel {
        user_id: Set(user.id),
        provider: Set(p.config.id.clone()),
        subject: Set(claims.subject),
        email: Set(claims.email),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audit::Event::new("account.sign_up")
            .actor(user.id)
            .target("user", user.id)
            .ip(req.ip)
            .details(serde_json::json!({ "provider": p.config.id })),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(user.id = user.id, provider = %p.config.id, "account created through a provider");
    Ok(user)
}

/// The signed-in user's linked providers.
pub async fn list_identities(db: &DatabaseConnection, providers: &Providers, req: &Requester) -> Result<Vec<IdentityDto>> {
    let user = accounts::require(db, req).await?;
    let rows = identity::Entity::find().filter(identity::Column::UserId.eq(user.id)).all(db).await?;
    Ok(rows
        .into_iter()
        .map(|i| IdentityDto {
            id: i.id,
            provider_name: providers.name_of(&i.provider),
            provider: i.provider,
            email: i.email,
            created_at: i.created_at.to_rfc3339_opts(SecondsFormat::Secs, true),
        })
        .collect())
}

/// Unlinks a provider, unless it is the account's last way to sign in.
pub async fn unlink(db: &DatabaseConnection, req: &Requester, identity_id: i64) -> Result<()> {
    let user = accounts::require_session(db, req).await?;
    let row = identity::Entity::find_by_id(identity_id)
        .filter(identity::Column::UserId.eq(user.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let linked = identity::Entity::find().filter(identity::Column::UserId.eq(user.id)).count(db).await?;
    if user.password_hash.is_none() && linked <= 1 {
        return Err(AppError::Conflict(
            "This is your only way to sign in; link another provider before unlinking this one.".into(),
        ));
    }
    identity::Entity::delete_by_id(row.id).exec(db).await?;
    req.session.cycle_id().await.map_err(session_err)?;
    audit::record(
        db,
        audit::Event::new("account.provider_unlinked")
            .actor(user.id)
            .target("user", user.id)
            .ip(req.ip)
            .details(serde_json::json!({ "provider": row.provider })),
    )
    .await
}
