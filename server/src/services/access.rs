//! Organisations, role grants and the administration of accounts. Every
//! function asks the policy first; the first admin comes from the CLI
//! (`hamkke create-admin`).

use crate::entities::{organisation, organisation_member, region, role_grant, user};
use crate::error::{AppError, Result};
use crate::policy::{Action, Resource, Role, Scope};
use crate::services::accounts::{self, Requester};
use crate::services::audit;
use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use shared::access::{
    AdminUserDto, MemberDto, MemberInput, OrganisationDto, OrganisationInput, OrganisationKind, RoleGrantDto,
    RoleGrantInput,
};
use shared::account::{AccountEmail, VerificationLevel};
use shared::error::FieldProblem;
use shared::FieldError;
use std::collections::HashMap;

use crate::services::rfc3339;

use crate::error::is_unique_violation;

fn field(field: &str, problem: FieldProblem, message: &str) -> AppError {
    AppError::Validation(vec![FieldError::new(field, problem, message)])
}

fn org_dto(o: organisation::Model, member_count: u64) -> OrganisationDto {
    OrganisationDto {
        id: o.id,
        kind: OrganisationKind::parse(&o.kind).unwrap_or(OrganisationKind::Private),
        name: o.name,
        region_code: o.region_code,
        member_count,
        created_at: rfc3339(o.created_at),
    }
}

pub fn grant_dto(g: &role_grant::Model) -> RoleGrantDto {
    RoleGrantDto {
        id: g.id,
        user_id: g.user_id,
        role: g.role.clone(),
        scope_kind: g.scope_kind.clone(),
        scope_id: (g.scope_id != 0).then_some(g.scope_id),
        granted_by: g.granted_by,
        created_at: rfc3339(g.created_at),
    }
}

/// Organisations with their member counts, by name. Public: later pages
/// show which bodies propose and lead tasks.
pub async fn list_organisations(db: &impl ConnectionTrait) -> Result<Vec<OrganisationDto>> {
    let orgs = organisation::Entity::find().order_by_asc(organisation::Column::Name).all(db).await?;
    let counts: HashMap<i64, i64> = organisation_member::Entity::find()
        .select_only()
        .column(organisation_member::Column::OrganisationId)
        .column_as(Expr::col(organisation_member::Column::Id).count(), "n")
        .group_by(organisation_member::Column::OrganisationId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(orgs
        .into_iter()
        .map(|o| {
            let n = u64::try_from(counts.get(&o.id).copied().unwrap_or(0)).unwrap_or(0);
            org_dto(o, n)
        })
        .collect())
}

/// Creates an organisation (global admins).
pub async fn create_organisation(db: &DatabaseConnection, req: &Requester, input: OrganisationInput) -> Result<OrganisationDto> {
    let (admin, _) = accounts::require_allowed(db, req, Action::ManageOrganisations, Resource::Site).await?;
    let new = input.parse().map_err(AppError::Validation)?;
    if let Some(code) = &new.region_code
        && region::Entity::find().filter(region::Column::Code.eq(code.as_str())).one(db).await?.is_none() {
            return Err(field("region_code", FieldProblem::Invalid, "No such region."));
        }
    let now = Utc::now();
    let org = organisation::ActiveModel {
        name: Set(new.name),
        kind: Set(new.kind.as_str().to_owned()),
        region_code: Set(new.region_code),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            field("name", FieldProblem::Taken, "An organisation with this name already exists.")
        } else {
            AppError::Db(e)
        }
    })?;
    audit::record(
        db,
        audit::Event::new("organisation.created")
            .actor(admin.id)
            .target("organisation", org.id)
            .ip(req.ip)
            .details(serde_json::json!({ "name": org.name, "kind": org.kind })),
    )
    .await?;
    Ok(org_dto(org, 0))
}

async fn find_org(db: &impl ConnectionTrait, id: i64) -> Result<organisation::Model> {
    organisation::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

/// An organisation's members (global admins: the list shows e-mail addresses).
pub async fn list_members(db: &DatabaseConnection, req: &Requester, org_id: i64) -> Result<Vec<MemberDto>> {
    accounts::require_allowed(db, req, Action::ManageOrganisations, Resource::Site).await?;
    find_org(db, org_id).await?;
    let rows = organisation_member::Entity::find()
        .filter(organisation_member::Column::OrganisationId.eq(org_id))
        .order_by_asc(organisation_member::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|m| m.user_id).collect();
    let users: HashMap<i64, user::Model> =
        user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|u| (u.id, u)).collect();
    Ok(rows
        .into_iter()
        .filter_map(|m| {
            let u = users.get(&m.user_id)?;
            Some(MemberDto { user_id: u.id, display_name: u.display_name.clone(), email: u.email.clone(), title: m.title })
        })
        .collect())
}

async fn user_by_email(db: &impl ConnectionTrait, email: &str) -> Result<user::Model> {
    let email = AccountEmail::parse(email).map_err(|e| AppError::Validation(vec![e]))?;
    user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .filter(user::Column::DeletedAt.is_null())
        .one(db)
        .await?
        .ok_or_else(|| field("email", FieldProblem::Invalid, "No account has this e-mail address."))
}

/// Adds an account to an organisation.
pub async fn add_member(db: &DatabaseConnection, req: &Requester, org_id: i64, input: MemberInput) -> Result<MemberDto> {
    let (admin, _) = accounts::require_allowed(db, req, Action::ManageOrganisations, Resource::Site).await?;
    let org = find_org(db, org_id).await?;
    let member = user_by_email(db, &input.email).await?;
    let title = input.title.as_deref().map(shared::text::clean).filter(|t| !t.is_empty());
    if title.as_deref().is_some_and(|t| shared::text::char_len(t) > 100) {
        return Err(field("title", FieldProblem::TooLong, "Use at most 100 characters."));
    }
    organisation_member::ActiveModel {
        organisation_id: Set(org.id),
        user_id: Set(member.id),
        title: Set(title.clone()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) { AppError::Conflict("This account is already a member.".into()) } else { AppError::Db(e) }
    })?;
    audit::record(
        db,
        audit::Event::new("organisation.member_added")
            .actor(admin.id)
            .target("organisation", org.id)
            .ip(req.ip)
            .details(serde_json::json!({ "user_id": member.id })),
    )
    .await?;
    Ok(MemberDto { user_id: member.id, display_name: member.display_name, email: member.email, title })
}

/// Removes an account from an organisation.
pub async fn remove_member(db: &DatabaseConnection, req: &Requester, org_id: i64, user_id: i64) -> Result<()> {
    let (admin, _) = accounts::require_allowed(db, req, Action::ManageOrganisations, Resource::Site).await?;
    let res = organisation_member::Entity::delete_many()
        .filter(organisation_member::Column::OrganisationId.eq(org_id))
        .filter(organisation_member::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(
        db,
        audit::Event::new("organisation.member_removed")
            .actor(admin.id)
            .target("organisation", org_id)
            .ip(req.ip)
            .details(serde_json::json!({ "user_id": user_id })),
    )
    .await
}

/// Accounts matching `q` (e-mail or name), newest first, with roles and organisations.
pub async fn list_users(db: &DatabaseConnection, req: &Requester, q: Option<&str>, limit: u64) -> Result<Vec<AdminUserDto>> {
    accounts::require_allowed(db, req, Action::ListUsers, Resource::Site).await?;
    let mut find = user::Entity::find().order_by_desc(user::Column::Id).limit(limit.clamp(1, 200));
    if let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = format!("%{}%", q.to_lowercase().replace(['%', '_'], ""));
        find = find.filter(
            Condition::any()
                .add(user::Column::Email.like(pattern.clone()))
                .add(user::Column::DisplayName.like(pattern)),
        );
    }
    let users = find.all(db).await?;
    let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
    let mut roles: HashMap<i64, Vec<RoleGrantDto>> = HashMap::new();
    for g in role_grant::Entity::find().filter(role_grant::Column::UserId.is_in(ids.clone())).order_by_asc(role_grant::Column::Id).all(db).await? {
        roles.entry(g.user_id).or_default().push(grant_dto(&g));
    }
    let memberships = organisation_member::Entity::find().filter(organisation_member::Column::UserId.is_in(ids)).all(db).await?;
    let org_ids: Vec<i64> = memberships.iter().map(|m| m.organisation_id).collect();
    let org_names: HashMap<i64, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let mut orgs: HashMap<i64, Vec<String>> = HashMap::new();
    for m in memberships {
        if let Some(name) = org_names.get(&m.organisation_id) {
            orgs.entry(m.user_id).or_default().push(name.clone());
        }
    }
    Ok(users
        .into_iter()
        .map(|u| AdminUserDto {
            id: u.id,
            verification_level: VerificationLevel::from_wire(&u.verification_level),
            created_at: rfc3339(u.created_at),
            deleted: u.deleted_at.is_some(),
            roles: roles.remove(&u.id).unwrap_or_default(),
            organisations: orgs.remove(&u.id).unwrap_or_default(),
            email: u.email,
            display_name: u.display_name,
        })
        .collect())
}

fn parse_grant(input: &RoleGrantInput) -> Result<(Role, Scope)> {
    let mut errors = Vec::new();
    let role = Role::parse(input.role.trim()).filter(|r| r.grantable());
    if role.is_none() {
        errors.push(FieldError::new("role", FieldProblem::Invalid, "Choose a role to grant."));
    }
    let kind = input.scope_kind.as_deref().map(str::trim).filter(|k| !k.is_empty()).unwrap_or("global");
    let scope = Scope::from_parts(kind, if kind == "global" { 0 } else { input.scope_id.unwrap_or(0) });
    if scope.is_none() {
        let message = if Scope::KINDS.contains(&kind) { "Give the id of the scope (a positive number)." } else { "Choose where the role applies." };
        errors.push(FieldError::new(if Scope::KINDS.contains(&kind) { "scope_id" } else { "scope_kind" }, FieldProblem::Invalid, message));
    }
    match (role, scope) {
        (Some(r), Some(s)) if errors.is_empty() => Ok((r, s)),
        _ => Err(AppError::Validation(errors)),
    }
}

async fn touch_privileges(db: &impl ConnectionTrait, user_id: i64) -> Result<()> {
    user::Entity::update_many()
        .col_expr(user::Column::PrivilegesChangedAt, Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Grants a role, globally or in a scope. Only global admins make admins.
pub async fn grant_role(db: &DatabaseConnection, req: &Requester, input: RoleGrantInput) -> Result<RoleGrantDto> {
    let admin = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &admin).await?;
    let (role, scope) = parse_grant(&input)?;
    accounts::ensure(&actor, Action::GrantRole(role), Resource::Scope(scope))?;
    let target = user_by_email(db, &input.email).await?;
    let txn = db.begin().await?;
    let grant = role_grant::ActiveModel {
        user_id: Set(target.id),
        role: Set(role.as_str().to_owned()),
        scope_kind: Set(scope.kind().to_owned()),
        scope_id: Set(scope.id()),
        granted_by: Set(Some(admin.id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) { AppError::Conflict("This account already has this role here.".into()) } else { AppError::Db(e) }
    })?;
    touch_privileges(&txn, target.id).await?;
    audit::record(
        &txn,
        audit::Event::new("role.granted")
            .actor(admin.id)
            .target("user", target.id)
            .ip(req.ip)
            .details(serde_json::json!({ "role": role.as_str(), "scope": scope.kind(), "scope_id": scope.id() })),
    )
    .await?;
    txn.commit().await?;
    Ok(grant_dto(&grant))
}

/// Revokes a grant. The last global admin cannot be revoked (nobody could
/// administer the site any more).
pub async fn revoke_role(db: &DatabaseConnection, req: &Requester, grant_id: i64) -> Result<()> {
    let admin = accounts::require(db, req).await?;
    let actor = accounts::actor(db, &admin).await?;
    // Only admins learn whether a grant exists.
    accounts::ensure(&actor, Action::ViewAdmin, Resource::Site)?;
    let grant = role_grant::Entity::find_by_id(grant_id).one(db).await?.ok_or(AppError::NotFound)?;
    let (Some(role), Some(scope)) = (Role::parse(&grant.role), Scope::from_parts(&grant.scope_kind, grant.scope_id)) else {
        return Err(AppError::NotFound);
    };
    accounts::ensure(&actor, Action::GrantRole(role), Resource::Scope(scope))?;
    let txn = db.begin().await?;
    if role == Role::Admin && scope == Scope::Global {
        let admins = role_grant::Entity::find()
            .filter(role_grant::Column::Role.eq(Role::Admin.as_str()))
            .filter(role_grant::Column::ScopeKind.eq("global"))
            .count(&txn)
            .await?;
        if admins <= 1 {
            return Err(AppError::Conflict("This is the last admin; grant the role to someone else first.".into()));
        }
    }
    role_grant::Entity::delete_by_id(grant.id).exec(&txn).await?;
    touch_privileges(&txn, grant.user_id).await?;
    audit::record(
        &txn,
        audit::Event::new("role.revoked")
            .actor(admin.id)
            .target("user", grant.user_id)
            .ip(req.ip)
            .details(serde_json::json!({ "role": grant.role, "scope": grant.scope_kind, "scope_id": grant.scope_id })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets an account's verification level (e.g. `official` for a confirmed public official).
pub async fn set_verification(db: &DatabaseConnection, req: &Requester, user_id: i64, level: VerificationLevel) -> Result<()> {
    let (admin, _) = accounts::require_allowed(db, req, Action::SetVerification, Resource::User(user_id)).await?;
    let res = user::Entity::update_many()
        .col_expr(user::Column::VerificationLevel, Expr::value(level.as_str()))
        .col_expr(user::Column::PrivilegesChangedAt, Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::DeletedAt.is_null())
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    crate::services::tokens::forget_cached();
    audit::record(
        db,
        audit::Event::new("account.verification_set")
            .actor(admin.id)
            .target("user", user_id)
            .ip(req.ip)
            .details(serde_json::json!({ "level": level.as_str() })),
    )
    .await
}

/// The first admin, from the command line: creates the account if needed
/// (with this password) and grants the global admin role. Returns whether
/// the account was created.
pub async fn create_admin(db: &DatabaseConnection, email: &str, display_name: &str, password: &str) -> Result<bool> {
    let email_ok = AccountEmail::parse(email).map_err(|e| AppError::Validation(vec![e]))?;
    let existing = user::Entity::find()
        .filter(user::Column::Email.eq(email_ok.as_str()))
        .filter(user::Column::DeletedAt.is_null())
        .one(db)
        .await?;
    let txn = db.begin().await?;
    let (user, created) = match existing {
        Some(u) => (u, false),
        None => {
            let account = shared::account::SignUpInput {
                email: email.to_owned(),
                password: password.to_owned(),
                display_name: display_name.to_owned(),
            }
            .parse()
            .map_err(AppError::Validation)?;
            let hash = crate::auth::password::hash(account.password.expose().to_owned()).await?;
            let now = Utc::now();
            let u = user::ActiveModel {
                email: Set(account.email.as_str().to_owned()),
                display_name: Set(account.display_name.as_str().to_owned()),
                password_hash: Set(Some(hash)),
                verification_level: Set(VerificationLevel::Unverified.as_str().to_owned()),
                locale: Set("ko".to_owned()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            (u, true)
        }
    };
    let already = role_grant::Entity::find()
        .filter(role_grant::Column::UserId.eq(user.id))
        .filter(role_grant::Column::Role.eq(Role::Admin.as_str()))
        .filter(role_grant::Column::ScopeKind.eq("global"))
        .one(&txn)
        .await?;
    if already.is_none() {
        role_grant::ActiveModel {
            user_id: Set(user.id),
            role: Set(Role::Admin.as_str().to_owned()),
            scope_kind: Set("global".to_owned()),
            scope_id: Set(0),
            granted_by: Set(None),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        touch_privileges(&txn, user.id).await?;
        audit::record(
            &txn,
            audit::Event::new("role.granted")
                .target("user", user.id)
                .details(serde_json::json!({ "role": "admin", "scope": "global", "scope_id": 0, "via": "cli" })),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(created)
}

/// The latest audit entries (global admins).
pub async fn audit_log(db: &DatabaseConnection, req: &Requester, limit: u64) -> Result<Vec<serde_json::Value>> {
    accounts::require_allowed(db, req, Action::ViewAuditLog, Resource::Site).await?;
    let rows = crate::entities::audit_log::Entity::find()
        .order_by_desc(crate::entities::audit_log::Column::Id)
        .limit(limit.clamp(1, 500))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            serde_json::json!({
                "id": r.id,
                "at": rfc3339(r.created_at),
                "actor_user_id": r.actor_user_id,
                "action": r.action,
                "target_kind": r.target_kind,
                "target_id": r.target_id,
                "ip": r.ip,
                "details": serde_json::from_str::<serde_json::Value>(&r.details).unwrap_or_default(),
            })
        })
        .collect())
}
