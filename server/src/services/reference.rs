//! Reference data: areas and regions.

use crate::entities::{area, region};
use crate::error::Result;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};
use shared::reference::{AreaDto, RegionDto};

/// The areas, in display order.
pub async fn list_areas(db: &impl ConnectionTrait) -> Result<Vec<AreaDto>> {
    let rows = area::Entity::find().order_by_asc(area::Column::Position).all(db).await?;
    Ok(rows
        .into_iter()
        .map(|a| AreaDto {
            code: a.code,
            name_ko: a.name_ko,
            name_en: a.name_en,
            description_ko: a.description_ko,
            description_en: a.description_en,
        })
        .collect())
}

/// The regions: 전국 first, then the 17 시·도.
pub async fn list_regions(db: &impl ConnectionTrait) -> Result<Vec<RegionDto>> {
    let rows = region::Entity::find().order_by_asc(region::Column::Position).all(db).await?;
    Ok(rows.into_iter().map(|r| RegionDto { code: r.code, name_ko: r.name_ko, name_en: r.name_en }).collect())
}
