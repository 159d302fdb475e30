//! HTML escaping, shared by every stage that writes markup from text.

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
    fn unescape_undoes_escape() {
        let text = "<a href='x'> & \"y\" &amp;";
        assert_eq!(unescape(&escape(text)), text);
        assert_eq!(unescape("a&#x27;b"), "a'b");
    }
}
