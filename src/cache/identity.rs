//! What a cached article was made with besides its own files: the running
//! binary and the settings that change how articles are read.
//!
//! The binary is named by a hash of its own bytes, not its version: a
//! rebuilt binary of the same version (a fix to an extractor, another
//! gazetteer) never trusts what an older one cached.

use std::sync::OnceLock;

use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use crate::config::Config;

/// A hash of the running executable's bytes, read once per process, or why
/// it could not be read.
pub(super) fn binary() -> Result<u128, String> {
    static BINARY: OnceLock<Result<u128, String>> = OnceLock::new();
    BINARY
        .get_or_init(|| {
            let exe = std::env::current_exe().map_err(|e| e.to_string())?;
            let bytes = std::fs::read(&exe).map_err(|e| format!("{}: {e}", exe.display()))?;
            Ok(xxh3_128(&bytes))
        })
        .clone()
}

/// The salt of every entry: the binary and the site settings that
/// `pipeline::load_all` reads (Markdown's raw-HTML switch, the reading
/// speed, the editions' time zone, the `entities.toml` corrections). A setting read there must be
/// hashed here.
pub(super) fn salt(binary: u128, config: &Config) -> u128 {
    let mut h = Xxh3::new();
    h.update(&binary.to_le_bytes());
    h.update(&[u8::from(config.site.markdown.unsafe_html)]);
    h.update(&config.site.digest.words_per_minute.to_le_bytes());
    // The time zone reads front matter's dates and times.
    h.update(config.site.editions.time_zone.as_bytes());
    h.update(&[0xff]);
    // Serialising plain strings and maps cannot fail; an empty encoding
    // would only make every cache entry miss.
    let corrections = postcard::to_stdvec(&config.entities).unwrap_or_default();
    h.update(&(corrections.len() as u64).to_le_bytes());
    h.update(&corrections);
    h.digest128()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn config() -> Config {
        Config {
            site: crate::config::parse(
                "title = \"T\"\nbase_url = \"https://x.org/\"\n",
                Path::new("site.toml"),
                &crate::article::highlight::theme_names(),
            )
            .unwrap(),
            root: ".".into(),
            entities: Default::default(),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn the_binary_is_named_by_its_bytes() {
        let a = binary().unwrap();
        assert_eq!(a, binary().unwrap());
        assert_ne!(a, 0);
    }

    #[test]
    fn each_setting_that_shapes_an_article_changes_the_salt() {
        let base = salt(1, &config());
        assert_eq!(base, salt(1, &config()));
        assert_ne!(base, salt(2, &config()), "binary");
        let mut c = config();
        c.site.markdown.unsafe_html = !c.site.markdown.unsafe_html;
        assert_ne!(base, salt(1, &c), "unsafe_html");
        let mut c = config();
        c.site.digest.words_per_minute += 1;
        assert_ne!(base, salt(1, &c), "words_per_minute");
        let mut c = config();
        c.site.editions.time_zone = "Asia/Tokyo".into();
        assert_ne!(base, salt(1, &c), "time_zone");
        let mut c = config();
        c.entities.ignore.push("Monday".into());
        assert_ne!(base, salt(1, &c), "entities.toml");
        let mut c = config();
        c.site.title = "Other".into();
        assert_eq!(base, salt(1, &c), "the title shapes no article");
    }
}
