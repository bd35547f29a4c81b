//! Text helpers shared by every validated newtype.

use unicode_segmentation::UnicodeSegmentation;

/// Length as a person counts it: user-perceived characters (grapheme
/// clusters), not bytes. `"청년"` is 2, `"👍🏽"` is 1.
pub fn char_len(s: &str) -> usize {
    s.graphemes(true).count()
}

/// Trims and normalises line endings (`\r\n` → `\n`) as browsers submit them.
pub fn clean(s: &str) -> String {
    s.trim().replace("\r\n", "\n")
}

/// A path to go to after an action (`?next=`): only a relative path of this
/// site, never `//evil.example`, `/\\evil`, an absolute URL or anything with
/// control characters (open redirect). Anything else becomes `/`.
pub fn safe_next_path(next: Option<&str>) -> String {
    match next {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.starts_with("/\\")
                && !p.chars().any(|c| c.is_control() || c == '\\') =>
        {
            p.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next_path;

    #[test]
    fn only_relative_paths_of_this_site_are_followed() {
        assert_eq!(safe_next_path(Some("/feedback?x=1")), "/feedback?x=1");
        for bad in ["//evil.example", "/\\evil.example", "https://evil.example", "evil", "/a\r\nSet-Cookie: x", ""] {
            assert_eq!(safe_next_path(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next_path(None), "/");
    }
}
