//! Plain-text articles from raw bytes: decoding (UTF-8, UTF-16 with a byte
//! order mark), line endings, control characters, the headline and the
//! paragraphs; when a 0xFF byte comes within the first 64, the bytes
//! before it are the article's sidecar.
//! Never a panic; a parsed article has no control character but tab in
//! any paragraph and no empty paragraph.
#![no_main]

use briefing::discover::SourceKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (sidecar, text) = match data.iter().position(|&b| b == 0xff) {
        Some(at) if at < 64 => (Some(&data[..at]), &data[at + 1..]),
        _ => (None, data),
    };
    let Ok(parsed) = briefing::fuzz::read_article(text, SourceKind::Text, sidecar) else {
        return;
    };
    for paragraph in parsed.body.paragraphs() {
        assert!(!paragraph.is_empty());
        assert!(
            !paragraph.chars().any(|c| c.is_control() && c != '\t'),
            "{paragraph:?}"
        );
    }
    if let Some(headline) = &parsed.headline {
        assert!(!headline.trim().is_empty());
    }
});
