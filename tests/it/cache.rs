//! `build --cache DIR`: a cached build writes the same bytes as a cold one,
//! reuses exactly the unchanged articles, and never trusts a damaged cache,
//! another binary's or one made with other settings.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{EPOCH, Run, Site, tree};

fn site() -> Site {
    let site = Site::new();
    site.write(
        "seeds/2025-07-10_000_a.txt",
        "Officials in Valdera said on Monday the harbour would reopen.\n\
         “We expect ships by Friday,” said Amina Haddad, the port director.\n\
         Haddad said more than 2,000 workers had returned.",
    );
    site.write(
        "seeds/001_b.txt",
        "The Transport Ministry approved the railway plan for Valdera.\n\
         Minister Bruno Eriksen signed the contract in Northmere.",
    );
    site.write("seeds/001_b.toml", "tags = [\"Transport\"]\n");
    site.write(
        "seeds/2025-07-11_000_c.md",
        "+++\ntitle = \"Charlie\"\ntags = [\"Transport\", \"Money\"]\n+++\n\
         Eriksen told the Central Bank the line would cost $11 billion.\n\n\
         ```rust\nfn main() {}\n```\n",
    );
    site.write(
        "seeds/002_d.txt",
        "Haddad met Eriksen in Northmere to discuss the harbour.\nNo date here.",
    );
    site
}

/// Runs the binary in `site` with `SOURCE_DATE_EPOCH=epoch`.
fn run_at(binary: &Path, site: &Site, epoch: &str, args: &[&str]) -> Run {
    let output = Command::new(binary)
        .args(args)
        .current_dir(site.root())
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .unwrap();
    Run::from(output)
}

fn briefing() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_briefing"))
}

/// Builds into `out` with `--cache cache --json` and returns the cache's
/// part of the report, failing unless the build succeeded.
fn cached(site: &Site, out: &str, epoch: &str) -> (serde_json::Value, Run) {
    cached_with(&briefing(), site, out, epoch)
}

fn cached_with(binary: &Path, site: &Site, out: &str, epoch: &str) -> (serde_json::Value, Run) {
    let run = run_at(
        binary,
        site,
        epoch,
        &["build", "--output", out, "--cache", "cache", "--json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    (json["cache"].clone(), run)
}

fn counts(cache: &serde_json::Value) -> (u64, u64, u64) {
    (
        cache["reused"].as_u64().unwrap(),
        cache["parsed"].as_u64().unwrap(),
        cache["pruned"].as_u64().unwrap(),
    )
}

/// Asserts that the output in `out` equals a cold build (no cache) of the
/// site as it is now.
fn assert_same_as_cold(site: &Site, out: &str, epoch: &str) {
    let cold = format!("{out}-cold");
    let run = run_at(&briefing(), site, epoch, &["build", "--output", &cold]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cached = tree(&site.root().join(out));
    let cold = tree(&site.root().join(&cold));
    assert_eq!(
        cached.keys().collect::<Vec<_>>(),
        cold.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &cold {
        assert!(cached[path] == *bytes, "{path} differs from a cold build");
    }
}

fn pack(site: &Site) -> PathBuf {
    site.root().join("cache/articles.pack")
}

#[test]
fn a_cached_build_writes_the_bytes_of_a_cold_build() {
    let site = site();
    let (first, _) = cached(&site, "first", EPOCH);
    assert_eq!(counts(&first), (0, 4, 0));
    assert_eq!(first["saved"], true);
    assert_same_as_cold(&site, "first", EPOCH);

    let (second, _) = cached(&site, "second", EPOCH);
    assert_eq!(counts(&second), (4, 0, 0));
    assert_eq!(second["saved"], false, "nothing changed, nothing written");
    assert_same_as_cold(&site, "second", EPOCH);

    // A day later, the undated articles move to the new edition.
    let later = "1752400000";
    let (third, _) = cached(&site, "third", later);
    assert_eq!(counts(&third), (4, 0, 0));
    assert_same_as_cold(&site, "third", later);
}

#[test]
fn a_changed_article_invalidates_exactly_its_entry() {
    let site = site();
    cached(&site, "out", EPOCH);

    site.write(
        "seeds/001_b.txt",
        "The Transport Ministry rejected the railway plan for Valdera.\n\
         Minister Bruno Eriksen cancelled the contract in Northmere.",
    );
    let (edited, _) = cached(&site, "out", EPOCH);
    assert_eq!(counts(&edited), (3, 1, 0));
    assert_same_as_cold(&site, "out", EPOCH);

    // A sidecar is part of its article's inputs.
    site.write("seeds/001_b.toml", "tags = [\"Rail\"]\n");
    let (sidecar, _) = cached(&site, "out", EPOCH);
    assert_eq!(counts(&sidecar), (3, 1, 0));
    assert_same_as_cold(&site, "out", EPOCH);

    std::fs::remove_file(site.root().join("seeds/002_d.txt")).unwrap();
    let (deleted, _) = cached(&site, "out", EPOCH);
    assert_eq!(counts(&deleted), (3, 0, 1), "the deleted article is pruned");
    assert_same_as_cold(&site, "out", EPOCH);
    let (after, _) = cached(&site, "out", EPOCH);
    assert_eq!(counts(&after), (3, 0, 0));
}

#[test]
fn a_damaged_cache_is_ignored_with_a_warning() {
    let site = site();
    cached(&site, "out", EPOCH);
    let original = std::fs::read(pack(&site)).unwrap();

    // One byte of one entry's payload flipped: that entry alone is lost.
    let mut flipped = original.clone();
    let at = flipped
        .windows(7)
        .position(|w| w == b"Charlie")
        .expect("the Markdown article's title is in the cache");
    flipped[at] = b'X';
    std::fs::write(pack(&site), &flipped).unwrap();
    let (cache, run) = cached(&site, "out", EPOCH);
    assert_eq!(counts(&cache), (3, 1, 0));
    assert!(
        run.stderr
            .contains("warning: damaged cache entries ignored")
            && run
                .stderr
                .contains("2025-07-11_000_c.md fails its checksum"),
        "{}",
        run.stderr
    );
    assert_same_as_cold(&site, "out", EPOCH);
    let (repaired, run) = cached(&site, "out", EPOCH);
    assert_eq!(counts(&repaired), (4, 0, 0), "the damage was repaired");
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);

    // Cut short: the entries before the cut are used, the rest read again.
    std::fs::write(pack(&site), &original[..original.len() - 10]).unwrap();
    let (cache, run) = cached(&site, "out", EPOCH);
    assert_eq!(counts(&cache), (3, 1, 0));
    assert!(run.stderr.contains("truncated"), "{}", run.stderr);
    assert_same_as_cold(&site, "out", EPOCH);

    // Not a cache file at all.
    std::fs::write(pack(&site), "hello").unwrap();
    let (cache, run) = cached(&site, "out", EPOCH);
    assert_eq!(counts(&cache), (0, 4, 0));
    assert!(
        run.stderr.contains("not a briefing cache file"),
        "{}",
        run.stderr
    );
    assert_same_as_cold(&site, "out", EPOCH);
}

#[test]
fn other_settings_invalidate_every_entry() {
    let site = site();
    cached(&site, "out", EPOCH);

    site.write("entities.toml", "ignore = [\"Northmere\"]\n");
    let (corrected, run) = cached(&site, "out", EPOCH);
    assert_eq!(counts(&corrected), (0, 4, 0));
    assert!(run.stderr.contains("other settings"), "{}", run.stderr);
    assert_same_as_cold(&site, "out", EPOCH);

    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &format!("{toml}[digest]\nwords_per_minute = 5\n"),
    );
    let (slower, _) = cached(&site, "out", EPOCH);
    assert_eq!(counts(&slower), (0, 4, 0));
    assert_same_as_cold(&site, "out", EPOCH);

    // A setting that shapes no article leaves the cache alone.
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &toml.replace("Test Briefing", "Other Title"));
    let (retitled, _) = cached(&site, "out", EPOCH);
    assert_eq!(counts(&retitled), (4, 0, 0));
    assert_same_as_cold(&site, "out", EPOCH);
}

#[test]
fn another_binary_does_not_trust_the_cache() {
    let site = site();
    cached(&site, "out", EPOCH);
    // The same program with one byte more is another binary, as a rebuilt
    // briefing of the same version would be.
    let other = site.root().join("briefing-other");
    let mut bytes = std::fs::read(briefing()).unwrap();
    bytes.push(0);
    std::fs::write(&other, bytes).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&other, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let (cache, run) = cached_with(&other, &site, "out", EPOCH);
    assert_eq!(counts(&cache), (0, 4, 0));
    assert!(
        run.stderr.contains("another briefing binary"),
        "{}",
        run.stderr
    );
    assert_same_as_cold(&site, "out", EPOCH);
}
