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
