//! Access: organisations and their members, role grants (global or scoped),
//! personal API tokens, and the owner of each session (so a password change
//! or an account deletion can end the user's other sessions).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    PrivilegesChangedAt,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    Name,
    Kind,
    RegionCode,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum OrganisationMembers {
    Table,
    Id,
    OrganisationId,
    UserId,
    Title,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RoleGrants {
    Table,
    Id,
    UserId,
    Role,
    ScopeKind,
    ScopeId,
    GrantedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    UserId,
    Name,
    TokenHash,
    Prefix,
    CreatedAt,
    LastUsedAt,
    ExpiresAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    UserId,
}

fn user_fk(name: &str, from: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organisations::Table)
                    .col(ColumnDef::new(Organisations::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Organisations::Name).string_len(200).not_null().unique_key())
                    // central_agency | local_government | public_institution | private
                    .col(ColumnDef::new(Organisations::Kind).string_len(30).not_null())
                    // For local governments: the 시·도 (regions.code).
                    .col(ColumnDef::new(Organisations::RegionCode).string_len(40).null())
                    .col(ColumnDef::new(Organisations::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(Organisations::UpdatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrganisationMembers::Table)
                    .col(ColumnDef::new(OrganisationMembers::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(OrganisationMembers::OrganisationId).big_integer().not_null())
                    .col(ColumnDef::new(OrganisationMembers::UserId).big_integer().not_null())
                    .col(ColumnDef::new(OrganisationMembers::Title).string_len(100).null())
                    .col(ColumnDef::new(OrganisationMembers::CreatedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_org_members_org")
                            .from(OrganisationMembers::Table, OrganisationMembers::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut user_fk("fk_org_members_user", (OrganisationMembers::Table, OrganisationMembers::UserId)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_org_members_org_user")
                    .table(OrganisationMembers::Table)
                    .col(OrganisationMembers::OrganisationId)
                    .col(OrganisationMembers::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_org_members_user")
                    .table(OrganisationMembers::Table)
                    .col(OrganisationMembers::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoleGrants::Table)
                    .col(ColumnDef::new(RoleGrants::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(RoleGrants::UserId).big_integer().not_null())
                    .col(ColumnDef::new(RoleGrants::Role).string_len(30).not_null())
                    // global | council | committee | process | task_force
                    .col(ColumnDef::new(RoleGrants::ScopeKind).string_len(20).not_null())
                    // 0 for global grants (not NULL, so the unique index holds on both backends).
                    .col(ColumnDef::new(RoleGrants::ScopeId).big_integer().not_null().default(0))
                    .col(ColumnDef::new(RoleGrants::GrantedBy).big_integer().null())
                    .col(ColumnDef::new(RoleGrants::CreatedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(&mut user_fk("fk_role_grants_user", (RoleGrants::Table, RoleGrants::UserId)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_role_grants_unique")
                    .table(RoleGrants::Table)
                    .col(RoleGrants::UserId)
                    .col(RoleGrants::Role)
                    .col(RoleGrants::ScopeKind)
                    .col(RoleGrants::ScopeId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApiTokens::Table)
                    .col(ColumnDef::new(ApiTokens::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(ApiTokens::UserId).big_integer().not_null())
                    .col(ColumnDef::new(ApiTokens::Name).string_len(100).not_null())
                    // SHA-256 of the token, hex; the token itself is shown once and never stored.
                    .col(ColumnDef::new(ApiTokens::TokenHash).string_len(64).not_null().unique_key())
                    .col(ColumnDef::new(ApiTokens::Prefix).string_len(16).not_null())
                    .col(ColumnDef::new(ApiTokens::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(ApiTokens::LastUsedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(ApiTokens::ExpiresAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(ApiTokens::RevokedAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut user_fk("fk_api_tokens_user", (ApiTokens::Table, ApiTokens::UserId)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_api_tokens_user").table(ApiTokens::Table).col(ApiTokens::UserId).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter().table(Sessions::Table).add_column(ColumnDef::new(Sessions::UserId).big_integer().null()).to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_sessions_user").table(Sessions::Table).col(Sessions::UserId).to_owned())
            .await?;
        // When roles or the verification level last changed: sessions that
        // signed in before get a new id on their next request.
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(ColumnDef::new(Users::PrivilegesChangedAt).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Users::Table).drop_column(Users::PrivilegesChangedAt).to_owned()).await?;
        manager.drop_index(Index::drop().name("idx_sessions_user").table(Sessions::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(Sessions::Table).drop_column(Sessions::UserId).to_owned()).await?;
        for table in [
            ApiTokens::Table.into_iden(),
            RoleGrants::Table.into_iden(),
            OrganisationMembers::Table.into_iden(),
            Organisations::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
