//! The bundled build passes the Nu Html Checker (vnu) with zero errors.
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
    site.build_ok();
    if let Some(report) = vnu_errors(&site.public()) {
        assert!(report.is_empty(), "vnu found errors:\n{report}");
    }
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
    if let Some(report) = vnu_errors(&site.public()) {
        assert!(report.is_empty(), "vnu found errors:\n{report}");
    }
}
