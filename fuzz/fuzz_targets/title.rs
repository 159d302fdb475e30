//! Deriving a headline from a lede: openers, asides, attributions, the
//! present tense and clause cuts on arbitrary text. Never a panic; the
//! headline is at most `MAX_TITLE_CHARS` long, and at most three
//! characters longer than the lede (one verb made present, "fed" →
//! "feeds", and one capital that is two letters, "ß" → "SS").
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(lede) = std::str::from_utf8(data) else {
        return;
    };
    let title = briefing::fuzz::derive_title(lede);
    let chars = title.chars().count();
    assert!(
        chars <= briefing::fuzz::MAX_TITLE_CHARS,
        "{title:?} from {lede:?}"
    );
    assert!(chars <= lede.chars().count() + 3, "{title:?} from {lede:?}");
});
