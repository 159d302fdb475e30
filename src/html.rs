//! HTML escaping, the characters XML allows and the URLs a page may link
//! to, shared by every stage that writes or reads markup made from text. A
//! leaf: it imports nothing.

/// Appends `text` to `out` with `& < > " '` escaped, safe for element
/// content and quoted attribute values.
pub fn escape_into(out: &mut String, text: &str) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

/// `text` with `& < > " '` escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// `text` with the entities [`escape`] writes (and `&#x27;`) decoded:
/// the value of an attribute we serialised ourselves.
pub fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The byte ranges of the `href` and `src` attribute values in `html`, in
/// order. The HTML is our own serialisation (attributes double-quoted,
/// quotes in text escaped), so an attribute cannot be confused with text.
pub fn link_values(html: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    const ATTRIBUTES: [&str; 2] = [" href=\"", " src=\""];
    let mut from = 0;
    std::iter::from_fn(move || {
        let rest = &html[from..];
        let start = ATTRIBUTES
            .iter()
            .filter_map(|a| rest.find(a).map(|at| at + a.len()))
            .min()?;
        let len = rest[start..].find('"')?;
        let range = from + start..from + start + len;
        from = range.end;
        Some(range)
    })
}

/// Whether XML 1.0 allows `c` in a document: not the C0 controls other
/// than tab, newline and carriage return, nor U+FFFE and U+FFFF.
pub fn is_xml_char(c: char) -> bool {
    !matches!(
        c,
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'
    )
}

/// `text` without the characters XML 1.0 does not allow.
pub fn xml_chars_only(text: String) -> String {
    if all_xml_chars(&text) {
        text
    } else {
        text.chars().filter(|&c| is_xml_char(c)).collect()
    }
}

/// A URL's scheme, lowercased, as a browser reads it: leading and
/// trailing spaces and control characters are ignored and tabs and line
/// breaks inside are removed first (so `" Java\tScript:"` is
/// `javascript`). `None` for a relative URL or a fragment.
pub fn url_scheme(url: &str) -> Option<String> {
    let url = url.trim_matches(|c: char| c <= ' ');
    let mut scheme = String::new();
    for c in url.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')) {
        match c {
            ':' if !scheme.is_empty() => return Some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if !scheme.is_empty() && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) => {
                scheme.push(c);
            }
            _ => return None,
        }
    }
    None
}

/// Whether a link written by an author may be live on a page: a relative
/// URL, a fragment, or an `http`, `https` or `mailto` one. `javascript:`,
/// `vbscript:`, `data:` and every other scheme are refused.
pub fn is_safe_link(url: &str) -> bool {
    url_scheme(url).is_none_or(|s| matches!(s.as_str(), "http" | "https" | "mailto"))
}

/// Whether every character of `text` is allowed in XML 1.0, read byte by
/// byte: a C0 control is one byte, U+FFFE and U+FFFF are EF BF BE and EF
/// BF BF, and no other character's encoding holds those bytes.
fn all_xml_chars(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || b == 0xEF
                && bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes_and_keeps_unicode() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script> “ok”"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt; “ok”"
        );
        assert_eq!(escape(""), "");
    }

    #[test]
    fn control_characters_and_non_characters_are_dropped_and_the_rest_kept() {
        let text = "a\u{0}b\tc\nd\re\u{b}f\u{1f}g\u{fffe}h\u{ffff}i\u{fffd}j“k”\u{10ffff}";
        assert_eq!(
            xml_chars_only(text.to_string()),
            text.chars().filter(|&c| is_xml_char(c)).collect::<String>()
        );
        assert_eq!(
            xml_chars_only(text.to_string()),
            "ab\tc\nd\refghi\u{fffd}j“k”\u{10ffff}"
        );
        for c in ['\u{fffd}', '\u{efbf}', 'é', '“', '\u{10ffff}'] {
            assert!(all_xml_chars(&c.to_string()), "{c:?}");
        }
    }

    #[test]
    fn unescape_undoes_escape() {
        let text = "<a href='x'> & \"y\" &amp;";
        assert_eq!(unescape(&escape(text)), text);
        assert_eq!(unescape("a&#x27;b"), "a'b");
    }

    #[test]
    fn characters_xml_forbids_are_dropped() {
        assert_eq!(
            xml_chars_only("a\u{1}b\u{c}c\td\ne\u{ffff}".to_string()),
            "abc\td\ne"
        );
        assert_eq!(xml_chars_only("“ok” – 北京".to_string()), "“ok” – 北京");
    }

    #[test]
    fn script_and_data_urls_are_not_safe_links() {
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:x",
            "vbscript:msgbox",
            "data:text/html;base64,PHNjcmlwdD4=",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_link(bad), "{bad:?}");
        }
        for good in [
            "https://example.org/a:b",
            "HTTP://x",
            "mailto:desk@example.org",
            "/articles/x/",
            "../y/#top",
            "#top",
            "chart.png",
            "a/b:c",
            "?q=x:y",
            "",
        ] {
            assert!(is_safe_link(good), "{good:?}");
        }
        assert_eq!(url_scheme("Https://x").as_deref(), Some("https"));
    }
}
