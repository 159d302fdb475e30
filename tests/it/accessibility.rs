//! axe-core finds no accessibility violation, in the light and the dark
//! colour scheme, on every kind of page of the bundled site and of the
//! reader fixture (drafts, right-to-left stories, a story with its image, a
//! standalone page, search results).
//!
//! `.ci/a11y/axe.mjs` drives Debian's Chromium through playwright-core
//! (never a downloaded browser); `.ci/run` installs both npm packages into
//! `.ci/tools/a11y`. Outside CI the check is skipped, with a message, when
//! node, the packages or Chromium are missing; with
//! `BRIEFING_REQUIRE_TOOLS=1` a missing tool fails it.

use std::path::Path;
use std::process::Command;

use crate::browser::serve;
use crate::support::{Site, repo_root, require_tool};

/// The first folder under `public/dir` holding a page, as a route.
fn first_page(public: &Path, dir: &str) -> Option<String> {
    let mut names: Vec<String> = std::fs::read_dir(public.join(dir))
        .ok()?
        .flatten()
        .filter(|e| e.path().join("index.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.first().map(|n| format!("{dir}/{n}/"))
}

/// Builds `site` into a served folder and runs axe over its pages (and
/// `extra` routes); fails the test on any violation.
fn assert_no_violations(site: &Site, build_args: &[&str], extra: &[&str]) {
    let modules = repo_root().join(".ci/tools/a11y/node_modules");
    if !modules.join("axe-core").is_dir() || !modules.join("playwright-core").is_dir() {
        return require_tool("axe-core and playwright-core in .ci/tools/a11y");
    }
    if !Path::new("/usr/bin/chromium").is_file() && std::env::var_os("CHROMIUM").is_none() {
        return require_tool("chromium");
    }
    let served = site.root().join("served");
    std::fs::create_dir_all(&served).unwrap();
    let port = serve(&served);
    let base = format!("http://127.0.0.1:{port}/");
    let out = served.to_str().unwrap().to_string();
    let mut args = vec!["--output", &out, "--base-url", &base];
    args.extend_from_slice(build_args);
    let run = site.build(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let mut routes: Vec<String> = ["", "editions/", "tags/", "entities/", "search/", "404.html"]
        .iter()
        .map(|r| r.to_string())
        .collect();
    for dir in [
        "articles",
        "editions",
        "tags",
        "people",
        "places",
        "organizations",
    ] {
        routes.extend(first_page(&served, dir));
    }
    routes.extend(extra.iter().map(|r| r.to_string()));
    let output = match Command::new("node")
        .arg(repo_root().join(".ci/a11y/axe.mjs"))
        .arg(&base)
        .args(&routes)
        .output()
    {
        Ok(output) => output,
        Err(_) => return require_tool("node"),
    };
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "axe found violations (or could not run):\n{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(report.contains("axe: no violations"), "{report}");
    assert_eq!(
        report.matches(": 0 violation(s)").count(),
        routes.len() * 2,
        "every page in both schemes:\n{report}"
    );
}

#[test]
fn the_bundled_site_has_no_accessibility_violations() {
    let site = Site::bundled();
    site.write(
        "seeds/2025-07-01-md.md",
        "+++\ntitle = \"Markdown features\"\ntags = [\"Tech\"]\n+++\n## Table\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\nFoot[^n].\n\n[^n]: Note.\n\n```rust\nfn main() {}\n```\n",
    );
    site.write(
        "pages/about.md",
        "+++\ntitle = \"About us\"\n+++\nA newsroom.\n\n## Contact\n\nWrite to us.\n",
    );
    assert_no_violations(&site, &[], &["about/"]);
}

#[test]
fn the_reader_fixture_has_no_accessibility_violations() {
    let site = Site::fixture("reader");
    assert_no_violations(
        &site,
        &["--drafts"],
        &[
            "about/",
            "articles/quake/",
            "articles/2025-07-10-budget/",
            "articles/2025-07-09-cairo/",
            "articles/2025-07-09-knesset/",
            "search/?q=strike",
        ],
    );
}
