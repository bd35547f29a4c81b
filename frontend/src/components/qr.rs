//! QR codes as inline SVG, drawn on the server (the check-in codes of room
//! seats). The WASM bundle has no QR encoder: pages that show one are
//! rendered on the server only.

/// An SVG QR code of `data` (error correction M), or an empty string when
/// it cannot be encoded (too long); `label` is its accessible name.
#[cfg(feature = "ssr")]
pub fn qr_svg(data: &str, label: &str) -> String {
    use qrcode::render::svg;
    use qrcode::{EcLevel, QrCode};
    let Ok(code) = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M) else {
        return String::new();
    };
    let svg = code.render::<svg::Color>().min_dimensions(160, 160).quiet_zone(true).build();
    // Inline in HTML: no XML declaration.
    let svg = svg.find("<svg").map_or(svg.as_str(), |at| &svg[at..]).to_owned();
    // The label is ours (a translated phrase and a code), but escape it anyway.
    let label: String = label.chars().filter(|c| !matches!(c, '<' | '>' | '"' | '&')).collect();
    svg.replacen("<svg ", &format!("<svg role=\"img\" aria-label=\"{label}\" "), 1)
}

#[cfg(not(feature = "ssr"))]
pub fn qr_svg(_data: &str, _label: &str) -> String {
    String::new()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::qr_svg;

    #[test]
    fn draws_an_svg_with_its_label() {
        let svg = qr_svg("https://example.org/meetings/1/check-in?code=ABCDEFGHJK", "QR <x>");
        assert!(svg.starts_with("<svg role=\"img\" aria-label=\"QR x\" "), "{}", &svg[..200.min(svg.len())]);
        assert!(svg.contains("<path") || svg.contains("<rect"));
    }
}
