//! Sanitising raw HTML in Markdown: the only user of `ammonia`.
//!
//! Scripts, event handlers, `javascript:` URLs and unknown tags are removed;
//! the classes and ids our own Markdown rendering emits (highlighted code,
//! heading anchors, footnotes) are kept.

use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_generic_attributes(["class", "id"])
        .add_tag_attributes("pre", ["data-lang"]);
    builder
});

/// `html` with everything unsafe removed.
pub(crate) fn sanitize(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let out = sanitize(
            "<p onclick=\"x()\">hi<script>alert(1)</script></p><a href=\"javascript:alert(1)\">l</a>",
        );
        assert!(!out.contains("script"), "{out}");
        assert!(!out.contains("onclick"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
        assert!(out.contains("<p>hi</p>"), "{out}");
    }

    #[test]
    fn our_own_markup_survives() {
        let html = "<h2 id=\"x\">T</h2><pre class=\"hl-code\" data-lang=\"rust\"><code><span class=\"hl-source\">a</span></code></pre>";
        assert_eq!(sanitize(html), html);
    }
}
