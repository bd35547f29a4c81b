//! The Content-Security-Policy of every response (DESIGN.md §5): only the
//! site's own scripts and the WASM bundle run; inline scripts only with the
//! per-response nonce Leptos puts on its hydration script; no framing.

/// The policy, with `'nonce-…'` added to `script-src` when a page has one.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let nonce = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'{nonce} 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nonce_is_only_in_script_src_and_framing_is_refused() {
        let p = content_security_policy(Some("abc"));
        assert!(p.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval';"));
        assert!(p.contains("frame-ancestors 'none'"));
        assert!(!p.contains("unsafe-inline"));
        assert!(!content_security_policy(None).contains("nonce"));
    }
}
