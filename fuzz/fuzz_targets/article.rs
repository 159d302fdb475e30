//! One article's whole way: bytes → decoded, parsed (plain text, or
//! Markdown when the first byte is odd) → enriched → digest → every page,
//! feed and data file rendered with the built-in templates. Never a panic
//! and never a template error; every output is UTF-8 without a control
//! character other than tab, line feed and carriage return.
#![no_main]

use briefing::discover::SourceKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let kind = if first % 2 == 1 {
        SourceKind::Markdown
    } else {
        SourceKind::Text
    };
    let pages = match briefing::fuzz::build_article(rest, kind) {
        Ok(pages) => pages,
        Err(e) => {
            assert!(!e.contains("template error"), "{e}");
            return;
        }
    };
    for page in pages {
        let text = std::str::from_utf8(&page.bytes).expect("UTF-8 output");
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
            "{}: a control character",
            page.path
        );
    }
});
