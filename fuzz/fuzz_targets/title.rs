//! Deriving a headline from a lede: datelines, attributions and clause
//! cuts on arbitrary text. Never a panic; the headline is never longer
//! than the lede it came from, plus an ellipsis.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(lede) = std::str::from_utf8(data) else {
        return;
    };
    let title = briefing::fuzz::derive_title(lede);
    assert!(
        title.chars().count() <= lede.chars().count() + 1,
        "{title:?} from {lede:?}"
    );
});
