//! Code highlighting: the only user of `syntect`.
//!
//! Code is marked up with CSS classes (prefixed `hl-`), never inline styles,
//! so one stylesheet generated from the configured theme colours every page.
//! The syntax and theme sets are loaded lazily, the first time a page has
//! code or a stylesheet is asked for.

use std::sync::LazyLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::html::escape;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);
static THEMES: LazyLock<ThemeSet> = LazyLock::new(ThemeSet::load_defaults);

/// The names of the built-in themes, sorted.
pub fn theme_names() -> Vec<&'static str> {
    THEMES.themes.keys().map(String::as_str).collect()
}

/// The stylesheet for highlighted code in theme `name`, or `None` for an
/// unknown theme.
pub fn stylesheet(name: &str) -> Option<String> {
    let theme = THEMES.themes.get(name)?;
    css_for_theme_with_class_style(theme, CLASS_STYLE).ok()
}

/// A fenced code block as HTML: `<pre class="hl-code">` with highlighted
/// spans when `lang` names a known syntax, escaped text otherwise.
pub fn code_block(code: &str, lang: &str) -> String {
    let lang = lang
        .split([' ', ',', '{'])
        .next()
        .unwrap_or_default()
        .trim();
    let body = if lang.is_empty() {
        escape(code)
    } else {
        highlight(code, lang).unwrap_or_else(|| escape(code))
    };
    let lang_attr = if lang.is_empty() {
        String::new()
    } else {
        format!(" data-lang=\"{}\"", escape(lang))
    };
    format!("<pre class=\"hl-code\"{lang_attr}><code>{body}</code></pre>\n")
}

fn highlight(code: &str, lang: &str) -> Option<String> {
    let syntaxes = &*SYNTAXES;
    let syntax = syntaxes
        .find_syntax_by_token(lang)
        .or_else(|| syntaxes.find_syntax_by_token(&lang.to_ascii_lowercase()))?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classed_spans() {
        let html = code_block("fn main() { let x = 1; }\n", "rust");
        assert!(html.starts_with("<pre class=\"hl-code\" data-lang=\"rust\"><code>"));
        assert!(html.contains("<span class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        let html = code_block("<script>x</script>", "nosuchlang");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<span"));
    }

    #[test]
    fn highlighted_code_is_escaped_too() {
        let html = code_block("let s = \"<b>\";\n", "rust");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn stylesheet_uses_the_class_prefix() {
        let css = stylesheet("InspiredGitHub").unwrap();
        assert!(css.contains(".hl-code"), "{}", &css[..200.min(css.len())]);
        assert!(stylesheet("nope").is_none());
        assert!(theme_names().contains(&"InspiredGitHub"));
    }
}
