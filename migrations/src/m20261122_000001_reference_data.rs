//! Reference data: areas (분야) and regions (전국 and the 17 시·도).
//! Seeded here so a fresh site has them; editable by admins later.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Areas {
    Table,
    Id,
    Code,
    NameKo,
    NameEn,
    DescriptionKo,
    DescriptionEn,
    Position,
}

#[derive(DeriveIden)]
enum Regions {
    Table,
    Id,
    Code,
    NameKo,
    NameEn,
    Position,
}

/// (code, 이름, name, 설명, description) — the three areas of the government
/// innovation plans.
const AREAS: [(&str, &str, &str, &str, &str); 3] = [
    (
        "participation",
        "참여·협력",
        "Participation and cooperation",
        "국민이 정책 과정에 참여하고 정부·민간이 함께 문제를 푸는 혁신",
        "Citizens take part in policy making; government and civil society solve problems together",
    ),
    (
        "public_service",
        "공공서비스",
        "Public services",
        "국민이 일상에서 체감하는 공공서비스를 더 쉽고 가깝게 바꾸는 혁신",
        "Public services people feel in daily life, made simpler and closer",
    ),
    (
        "work_practice",
        "일하는 방식",
        "Ways of working",
        "데이터와 기관 간 협업으로 정부가 일하는 방식을 바꾸는 혁신",
        "Changing how government works, through data and collaboration between agencies",
    ),
];

/// (code, 이름, name): 전국 first, then the 17 시·도 in the official order.
const REGIONS: [(&str, &str, &str); 18] = [
    ("national", "전국", "Nationwide"),
    ("seoul", "서울특별시", "Seoul"),
    ("busan", "부산광역시", "Busan"),
    ("daegu", "대구광역시", "Daegu"),
    ("incheon", "인천광역시", "Incheon"),
    ("gwangju", "광주광역시", "Gwangju"),
    ("daejeon", "대전광역시", "Daejeon"),
    ("ulsan", "울산광역시", "Ulsan"),
    ("sejong", "세종특별자치시", "Sejong"),
    ("gyeonggi", "경기도", "Gyeonggi-do"),
    ("gangwon", "강원특별자치도", "Gangwon State"),
    ("chungbuk", "충청북도", "Chungcheongbuk-do"),
    ("chungnam", "충청남도", "Chungcheongnam-do"),
    ("jeonbuk", "전북특별자치도", "Jeonbuk State"),
    ("jeonnam", "전라남도", "Jeollanam-do"),
    ("gyeongbuk", "경상북도", "Gyeongsangbuk-do"),
    ("gyeongnam", "경상남도", "Gyeongsangnam-do"),
    ("jeju", "제주특별자치도", "Jeju"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Areas::Table)
                    .col(ColumnDef::new(Areas::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Areas::Code).string_len(40).not_null().unique_key())
                    .col(ColumnDef::new(Areas::NameKo).string_len(100).not_null())
                    .col(ColumnDef::new(Areas::NameEn).string_len(100).not_null())
                    .col(ColumnDef::new(Areas::DescriptionKo).text().not_null())
                    .col(ColumnDef::new(Areas::DescriptionEn).text().not_null())
                    .col(ColumnDef::new(Areas::Position).integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Regions::Table)
                    .col(ColumnDef::new(Regions::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Regions::Code).string_len(40).not_null().unique_key())
                    .col(ColumnDef::new(Regions::NameKo).string_len(100).not_null())
                    .col(ColumnDef::new(Regions::NameEn).string_len(100).not_null())
                    .col(ColumnDef::new(Regions::Position).integer().not_null())
                    .to_owned(),
            )
            .await?;

        let mut areas = Query::insert();
        areas.into_table(Areas::Table).columns([
            Areas::Code,
            Areas::NameKo,
            Areas::NameEn,
            Areas::DescriptionKo,
            Areas::DescriptionEn,
            Areas::Position,
        ]);
        for (i, (code, ko, en, dko, den)) in AREAS.into_iter().enumerate() {
            areas.values_panic([code.into(), ko.into(), en.into(), dko.into(), den.into(), (i as i32).into()]);
        }
        manager.exec_stmt(areas).await?;

        let mut regions = Query::insert();
        regions
            .into_table(Regions::Table)
            .columns([Regions::Code, Regions::NameKo, Regions::NameEn, Regions::Position]);
        for (i, (code, ko, en)) in REGIONS.into_iter().enumerate() {
            regions.values_panic([code.into(), ko.into(), en.into(), (i as i32).into()]);
        }
        manager.exec_stmt(regions).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Regions::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Areas::Table).to_owned()).await
    }
}
