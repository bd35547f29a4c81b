//! The interface languages. Korean is the default (DESIGN.md §5).

use serde::{Deserialize, Serialize};

/// An interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// 한국어 (default).
    #[default]
    Ko,
    /// English.
    En,
}

impl Locale {
    /// All supported locales, default first.
    pub const ALL: [Locale; 2] = [Locale::Ko, Locale::En];

    /// The BCP 47 tag used in `lang` attributes and in the `lang` cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Ko => "ko",
            Self::En => "en",
        }
    }

    /// Parses a tag such as `ko`, `en`, `en-US`; anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default().trim();
        match primary.to_ascii_lowercase().as_str() {
            "ko" => Some(Self::Ko),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    /// The language's own name, shown in the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::Ko => "한국어",
            Self::En => "English",
        }
    }
}

/// Name of the cookie that remembers the chosen language.
pub const LOCALE_COOKIE: &str = "lang";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_regional_variants_are_accepted() {
        for l in Locale::ALL {
            assert_eq!(Locale::from_tag(l.tag()), Some(l));
        }
        assert_eq!(Locale::from_tag("en-US"), Some(Locale::En));
        assert_eq!(Locale::from_tag("ko_KR"), Some(Locale::Ko));
        assert_eq!(Locale::from_tag("fr"), None);
        assert_eq!(Locale::from_tag(""), None);
    }
}
