//! Front matter: splitting a Markdown file (line ends and control
//! characters cleaned, as every article's are) into its `+++`/`---` block
//! and body, and parsing the block (TOML or YAML, strict keys, dates,
//! URLs). Any input gives front matter or a diagnostic, never a panic; a
//! diagnostic's line is within the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(diagnostic) = briefing::fuzz::front_matter(text) {
        let lines = text.split(['\n', '\r']).count() as u32;
        if let Some(line) = diagnostic.location.line {
            assert!(
                line >= 1 && line <= lines + 1,
                "line {line} of {lines}: {diagnostic}"
            );
        }
    }
});
