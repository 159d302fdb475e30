//! The bundled build, a fixture site of several editions with their email
//! and print pages, and the reader fixture built with its drafts pass the
//! Nu Html Checker (vnu) with zero errors.
//!
//! `.ci/run` installs vnu (npm package `vnu-jar`) into `.ci/tools`. Outside
//! CI the site is still built, and only the validation is skipped, with a
//! message, when vnu or java is missing; with `BRIEFING_REQUIRE_TOOLS=1`
//! (set by `.ci/run`) a missing tool fails the test.

use std::path::{Path, PathBuf};
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

/// The Nu Html Checker's errors for the pages under `dir`, or `None` when
/// vnu or java is missing (reported through `require_tool`).
fn vnu_errors(dir: &Path) -> Option<String> {
    let Some(jar) = vnu_jar() else {
        tool_missing("vnu.jar");
        return None;
    };
    let output = match Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--skip-non-html", "--errors-only", "--format", "text"])
        .arg(dir)
        .output()
    {
        Ok(output) => output,
        Err(_) => {
            tool_missing("java");
            return None;
        }
    };
    let report = String::from_utf8_lossy(&output.stderr).into_owned();
    let failed = !output.status.success() || report.to_lowercase().contains("error:");
    Some(if failed { report } else { String::new() })
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
    // A story filed twice (its page lists both versions), and editions
    // before the latest (the front page marks what is new).
    let wire = "Rescue teams reached the flooded villages of the northern valley after two days of heavy rain cut the only road.\nThe regional governor said four hundred people had been moved to schools in the district capital.";
    site.write(
        "seeds/2025-07-03-floods.txt",
        &format!("Floods cut off villages\n\n{wire}\n"),
    );
    site.write(
        "seeds/2025-07-04-floods.md",
        &format!("+++\ntitle = \"Valley still cut off\"\nsource = \"Wire\"\nsource_url = \"https://wire.example/floods\"\n+++\n{wire}\n"),
    );
    site.build_ok();
    assert!(site.has("about/index.html") && site.has("articles/quake/chart.svg"));
    assert!(
        site.read("articles/2025-07-03-floods/index.html")
            .contains("class=\"versions\"")
    );
    assert!(site.read("index.html").contains("class=\"what-is-new\""));
    assert_valid(&site);
}

/// Without `SOURCE_DATE_EPOCH` undated articles are dated by the clock;
/// its sub-second digits must not reach `<time datetime>` (HTML allows at
/// most three), which vnu reports as an error (issue 11).
#[test]
fn a_build_without_source_date_epoch_passes_the_nu_html_checker() {
    let site = Site::bundled();
    site.write(
        "seeds/undated.txt",
        "An undated story about the harbour reopening after repairs.\n",
    );
    let output = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("build")
        .current_dir(site.root())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_valid(&site);
}

/// A site of several editions, with maps, timelines and the email and
/// print copies of each edition: every HTML file passes too.
#[test]
fn a_site_of_several_editions_with_email_and_print_pages_passes_the_nu_html_checker() {
    let site = Site::fixture("editions");
    // A retitled version the next day folds the floods story into it, so
    // the page at its own address is checked too.
    let floods = std::fs::read_to_string(site.root().join("seeds/2025-07-10-floods.txt")).unwrap();
    let body = floods.split_once('\n').map_or("", |(_, body)| body);
    site.write(
        "seeds/2025-07-11-floods-retitled.txt",
        &format!(
            "Floods force thousands from their homes{}",
            format_args!("\n{body}")
        ),
    );
    site.build_ok();
    for page in [
        "index.html",
        "editions/2025-07-10/email.html",
        "editions/2025-07-11/print/index.html",
        "articles/2025-07-11-floods-retitled/index.html",
    ] {
        assert!(site.has(page), "{page} was not built");
    }
    let moved = site.read("articles/2025-07-11-floods-retitled/index.html");
    assert!(moved.contains("http-equiv=\"refresh\""), "{moved}");
    assert_valid(&site);
}

#[test]
fn reader_fixture_with_drafts_and_right_to_left_stories_passes_the_nu_html_checker() {
    let site = Site::fixture("reader");
    let run = site.build(&["--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_valid(&site);
}

/// Runs vnu over every HTML file of the site's output; fails on any error.
fn assert_valid(site: &Site) {
    if let Some(report) = vnu_errors(&site.public()) {
        assert!(report.is_empty(), "vnu found errors:\n{report}");
    }
}
