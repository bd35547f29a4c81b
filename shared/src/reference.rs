//! Reference data: areas (분야) and regions (지역), editable by admins.

use serde::{Deserialize, Serialize};

/// An area of government innovation (분야), e.g. 참여·협력.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AreaDto {
    /// Stable code (`participation`, `public_service`, `work_practice`).
    pub code: String,
    pub name_ko: String,
    pub name_en: String,
    pub description_ko: String,
    pub description_en: String,
}

/// A region: 전국 (nationwide) or one of the 17 시·도.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionDto {
    /// Stable code (`national`, `seoul`, …).
    pub code: String,
    pub name_ko: String,
    pub name_en: String,
}

/// Picks the name for a locale.
pub fn localized<'a>(locale: crate::Locale, ko: &'a str, en: &'a str) -> &'a str {
    match locale {
        crate::Locale::Ko => ko,
        crate::Locale::En => en,
    }
}
