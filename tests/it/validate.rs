//! The bundled build, and the reader fixture built with its drafts, pass
//! the Nu Html Checker (vnu) with zero errors.
//!
//! `.ci/run` installs vnu (npm package `vnu-jar`) into `.ci/tools`. Outside
//! CI the site is still built, and only the validation is skipped, with a
//! message, when vnu or java is missing; with `BRIEFING_REQUIRE_TOOLS=1`
//! (set by `.ci/run`) a missing tool fails the test.

use std::path::PathBuf;
use std::process::Command;

use crate::support::{Site, repo_root};

fn vnu_jar() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("VNU_JAR").map(PathBuf::from),
        Some(repo_root().join(".ci/tools/node_modules/vnu-jar/build/dist/vnu.jar")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_file())
}

fn tool_missing(what: &str) {
    crate::support::require_tool(what);
}

#[test]
fn bundled_build_passes_the_nu_html_checker_when_vnu_is_installed() {
    let site = Site::bundled();
    site.write(
        "seeds/2025-07-01-md.md",
        "+++\ntitle = \"Markdown features\"\ntags = [\"Tech\"]\n+++\n## Table\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\nFoot[^n].\n\n[^n]: Note.\n\n```rust\nfn main() {}\n```\n",
    );
    // A story in a folder of its own with a chart, and standalone pages
    // (their template and the footer links every page then has).
    site.write(
        "seeds/2025-07-02-quake/index.md",
        "+++\ntitle = \"Quake\"\n+++\nThe ground shook.\n\n![Aftershocks by hour](chart.svg)\n",
    );
    site.write(
        "seeds/2025-07-02-quake/chart.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
    );
    site.write(
        "pages/about.md",
        "+++\ntitle = \"About us\"\nsummary = \"Who we are.\"\n+++\nA newsroom.\n\n## Contact\n\nWrite to us.\n",
    );
    site.write(
        "pages/corrections.txt",
        "Corrections are noted under each story.",
    );
    site.build_ok();
    assert!(site.has("about/index.html") && site.has("articles/quake/chart.svg"));
    assert_valid(&site);
}

#[test]
fn reader_fixture_with_drafts_and_right_to_left_stories_passes_the_nu_html_checker() {
    let site = Site::fixture("reader");
    let run = site.build(&["--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_valid(&site);
}

/// Fails the test when vnu finds an error in `site`'s output.
fn assert_valid(site: &Site) {
    let Some(jar) = vnu_jar() else {
        return tool_missing("vnu.jar");
    };
    let output = match Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--skip-non-html", "--errors-only", "--format", "text"])
        .arg(site.public())
        .output()
    {
        Ok(output) => output,
        Err(_) => return tool_missing("java"),
    };
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "vnu found errors:\n{report}");
    assert!(
        !report.to_lowercase().contains("error:"),
        "vnu found errors:\n{report}"
    );
}
