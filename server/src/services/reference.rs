//! Reference data: areas and regions. They are fixed by the migrations, so
//! each server process reads them once and serves them from memory (every
//! page with a filter or a form shows them).

use crate::entities::{area, region};
use crate::error::Result;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};
use shared::reference::{AreaDto, RegionDto};
use tokio::sync::OnceCell;

static AREAS: OnceCell<Vec<AreaDto>> = OnceCell::const_new();
static REGIONS: OnceCell<Vec<RegionDto>> = OnceCell::const_new();

/// The areas, in display order.
pub async fn list_areas(db: &impl ConnectionTrait) -> Result<Vec<AreaDto>> {
    let areas = AREAS
        .get_or_try_init(|| async {
            let rows = area::Entity::find().order_by_asc(area::Column::Position).all(db).await?;
            Ok::<_, crate::error::AppError>(
                rows.into_iter()
                    .map(|a| AreaDto {
                        code: a.code,
                        name_ko: a.name_ko,
                        name_en: a.name_en,
                        description_ko: a.description_ko,
                        description_en: a.description_en,
                    })
                    .collect(),
            )
        })
        .await?;
    Ok(areas.clone())
}

/// The regions: 전국 first, then the 17 시·도.
pub async fn list_regions(db: &impl ConnectionTrait) -> Result<Vec<RegionDto>> {
    let regions = REGIONS
        .get_or_try_init(|| async {
            let rows = region::Entity::find().order_by_asc(region::Column::Position).all(db).await?;
            Ok::<_, crate::error::AppError>(rows.into_iter().map(|r| RegionDto { code: r.code, name_ko: r.name_ko, name_en: r.name_en }).collect())
        })
        .await?;
    Ok(regions.clone())
}

/// Whether `code` is an area (from memory, like the lists).
pub async fn is_area(db: &impl ConnectionTrait, code: &str) -> Result<bool> {
    Ok(list_areas(db).await?.iter().any(|a| a.code == code))
}

/// Whether `code` is a region.
pub async fn is_region(db: &impl ConnectionTrait, code: &str) -> Result<bool> {
    Ok(list_regions(db).await?.iter().any(|r| r.code == code))
}
