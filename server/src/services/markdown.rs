//! User Markdown to safe HTML. No raw HTML ever passes (it is shown as
//! text); links keep only `http`, `https` and `mailto` targets and get
//! `rel="nofollow ugc"`; images become links; headings are flattened to
//! bold paragraphs (a comment has no document structure of its own).

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn safe_url(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")).then(|| escape(u))
}

/// Renders Markdown to sanitised HTML.
pub fn render(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES);
    let mut link_open: Vec<bool> = Vec::new();
    let events = parser.map(|event| match event {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => match safe_url(&dest_url) {
            Some(href) => {
                link_open.push(true);
                Event::Html(CowStr::from(format!("<a href=\"{href}\" rel=\"nofollow ugc noopener\">")))
            }
            None => {
                link_open.push(false);
                Event::Text(CowStr::from(""))
            }
        },
        Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
            if link_open.pop().unwrap_or(false) {
                Event::Html(CowStr::from("</a>"))
            } else {
                Event::Text(CowStr::from(""))
            }
        }
        Event::Start(Tag::Heading { level: HeadingLevel::H1 | HeadingLevel::H2 | HeadingLevel::H3 | HeadingLevel::H4 | HeadingLevel::H5 | HeadingLevel::H6, .. }) => {
            Event::Html(CowStr::from("<p><strong>"))
        }
        Event::End(TagEnd::Heading(_)) => Event::Html(CowStr::from("</strong></p>")),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn raw_html_and_script_links_never_pass() {
        let html = render("앞 <script>alert(1)</script> **굵게** [링크](javascript:alert(1)) [좋은](https://gov.kr) <img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("<strong>굵게</strong>"), "{html}");
        assert!(html.contains("<a href=\"https://gov.kr\" rel=\"nofollow ugc noopener\">좋은</a>"), "{html}");
        let block = render("<div onclick=x>블록</div>\n\n<iframe src=x></iframe>");
        assert!(!block.contains("<div") && !block.contains("<iframe") && block.contains("&lt;iframe"), "{block}");
        let h = render("# 제목\n\n[x](https://a.b/\"onmouseover=\"y)");
        assert!(h.contains("<p><strong>제목</strong></p>"), "{h}");
        assert!(!h.contains("\"onmouseover"), "{h}");
    }
}
