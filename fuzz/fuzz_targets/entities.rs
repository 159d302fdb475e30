//! The briefing layer (people, places, organisations with their aliases,
//! quotes and key figures) on arbitrary text, one paragraph per line.
//! Never a panic; every entity has a name, and no two entities share one.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let extracted = briefing::fuzz::extract(text);
    let mut names = std::collections::BTreeSet::new();
    for entity in &extracted.entities {
        assert!(!entity.name.trim().is_empty(), "{entity:?}");
        assert!(names.insert(entity.name.clone()), "{} twice", entity.name);
    }
});
