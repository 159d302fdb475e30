//! `briefing new DIR`: a scaffold that builds, passes `check`, and ships a
//! GitHub Pages workflow with the triggers and steps publishing needs.

use std::collections::BTreeMap;

use crate::support::{Site, repo_root};

#[test]
fn a_new_site_builds_and_passes_check() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("daily-news");
    let runner = Site::new();
    let run = runner.run(&["new", dir.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in [
        "site.toml",
        "seeds/000_welcome.md",
        "pages/about.md",
        ".github/workflows/pages.yml",
    ] {
        assert!(dir.join(file).is_file(), "{file} missing");
    }
    let config = std::fs::read_to_string(dir.join("site.toml")).unwrap();
    assert!(config.contains("base_url = \"https://USER.github.io/daily-news/\""));
    assert!(config.contains("\n# "), "site.toml explains itself");

    let root = dir.to_str().unwrap();
    let build = runner.run(&["build", "--root", root]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(build.stderr.is_empty(), "warnings: {}", build.stderr);
    let index = std::fs::read_to_string(dir.join("public/index.html")).unwrap();
    assert!(
        index.contains("Your briefing is ready to publish"),
        "{index}"
    );
    assert!(index.contains("href=\"/daily-news/style.css\""), "{index}");
    assert!(
        index.contains("<a href=\"/daily-news/about/\">About this briefing</a>"),
        "the footer links the About page: {index}"
    );
    assert!(dir.join("public/about/index.html").is_file());

    let check = runner.run(&["check", "--root", root]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn a_folder_with_files_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let run = Site::new().run(&["new", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    assert!(!dir.path().join("site.toml").exists());
}

/// A GitHub Actions step.
#[derive(serde::Deserialize)]
struct Step {
    name: Option<String>,
    uses: Option<String>,
    run: Option<String>,
    #[serde(default)]
    with: BTreeMap<String, serde_json::Value>,
}

#[derive(serde::Deserialize)]
struct Job {
    steps: Vec<Step>,
}

#[derive(serde::Deserialize)]
struct Workflow {
    on: BTreeMap<String, serde_json::Value>,
    permissions: BTreeMap<String, String>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    jobs: BTreeMap<String, Job>,
}

impl Workflow {
    fn steps(&self) -> Vec<&Step> {
        self.jobs.values().flat_map(|j| &j.steps).collect()
    }

    fn uses(&self, action: &str) -> bool {
        self.steps()
            .iter()
            .any(|s| s.uses.as_deref().is_some_and(|u| u.starts_with(action)))
    }

    fn runs(&self) -> Vec<&str> {
        self.steps()
            .iter()
            .filter_map(|s| s.run.as_deref())
            .collect()
    }
}

/// What both Pages workflows (this repository's and the scaffold's) do.
fn assert_publishes_daily(text: &str) -> Workflow {
    let workflow: Workflow = serde_saphyr::from_str(text).unwrap();
    for trigger in ["push", "schedule", "workflow_dispatch"] {
        assert!(workflow.on.contains_key(trigger), "no {trigger} trigger");
    }
    let cron = workflow.on["schedule"][0]["cron"].as_str().unwrap();
    let fields: Vec<&str> = cron.split_whitespace().collect();
    assert_eq!(fields.len(), 5, "{cron}");
    assert_eq!(&fields[2..], ["*", "*", "*"], "daily: {cron}");
    assert_eq!(workflow.on["push"]["branches"][0], "main");
    assert_eq!(workflow.permissions["pages"], "write");
    assert_eq!(workflow.permissions["id-token"], "write");
    for action in [
        "actions/checkout@",
        "actions/configure-pages@",
        "actions/upload-pages-artifact@",
        "actions/deploy-pages@",
    ] {
        assert!(workflow.uses(action), "no {action} step");
    }
    let runs = workflow.runs();
    for command in [
        "SOURCE_DATE_EPOCH=$slot",
        "briefing build",
        "--github",
        "briefing check --allow-broken-articles",
    ] {
        assert!(
            runs.iter().any(|r| r.contains(command)),
            "{command}: {runs:?}"
        );
    }
    assert_uses_the_article_cache(&workflow);
    workflow
}

/// The article cache is restored and saved by `actions/cache` under a key
/// that is new every run and found again by its prefix, and both `check`
/// and `build` use it.
fn assert_uses_the_article_cache(workflow: &Workflow) {
    let step = workflow
        .steps()
        .into_iter()
        .find(|s| {
            s.uses
                .as_deref()
                .is_some_and(|u| u.starts_with("actions/cache@"))
                && s.with["path"]
                    .as_str()
                    .is_some_and(|p| !p.contains("cargo"))
        })
        .expect("a step caching the article cache");
    let dir = step.with["path"].as_str().unwrap();
    let key = step.with["key"].as_str().unwrap();
    let prefix = step.with["restore-keys"].as_str().unwrap();
    assert!(key.contains("${{ github.run_id }}"), "{key}");
    assert!(key.starts_with(prefix.trim()), "{key} / {prefix}");
    for command in ["briefing build", "briefing check"] {
        assert!(
            workflow
                .runs()
                .iter()
                .any(|r| r.contains(command) && r.contains(&format!("--cache {dir}"))),
            "{command} --cache {dir}"
        );
    }
}

#[test]
fn the_written_workflow_installs_the_pinned_release_and_checks_it() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("site");
    assert_eq!(Site::new().run(&["new", dir.to_str().unwrap()]).code, 0);
    let text = std::fs::read_to_string(dir.join(".github/workflows/pages.yml")).unwrap();
    let template = std::fs::read_to_string(repo_root().join("scaffold/pages.yml")).unwrap();
    assert_eq!(
        text,
        template.replace("__VERSION__", env!("CARGO_PKG_VERSION")),
        "the scaffold ships scaffold/pages.yml with this version filled in"
    );
    let workflow = assert_publishes_daily(&text);
    assert_eq!(workflow.env["BRIEFING_VERSION"], env!("CARGO_PKG_VERSION"));
    assert!(workflow.env.contains_key("BRIEFING_REPO"));
    let runs = workflow.runs().join("\n");
    // The release archive, verified; the same tag compiled only as a fallback.
    assert!(
        runs.contains("/releases/download/v$BRIEFING_VERSION"),
        "{runs}"
    );
    assert!(
        runs.contains("SHA256SUMS") && runs.contains("--check"),
        "{runs}"
    );
    assert!(
        runs.contains("cargo install --locked --git")
            && runs.contains("--tag \"v$BRIEFING_VERSION\""),
        "{runs}"
    );
    assert!(workflow.uses("actions/cache/restore@") && workflow.uses("actions/cache/save@"));
    // Nothing a site repository cannot answer: no variable to set by hand,
    // no cache keyed on a lock file that a site does not have.
    assert!(
        !text.contains("BRIEFING_GIT") && !text.contains("vars."),
        "{text}"
    );
    assert!(!text.contains("Cargo.lock"), "{text}");
}

#[test]
fn this_repository_publishes_with_briefing_built_from_its_checkout() {
    let text = std::fs::read_to_string(repo_root().join(".github/workflows/pages.yml")).unwrap();
    let workflow = assert_publishes_daily(&text);
    let runs = workflow.runs();
    assert!(
        runs.iter()
            .any(|r| r.contains("cargo install --locked --path .")),
        "{runs:?}"
    );
}

/// The Pages workflow's "Set the build clock" script, run by bash at
/// `now` (a `date` on PATH that prints it) for event `event`: what it
/// writes to `$GITHUB_ENV`.
fn clock_env(text: &str, event: &str, now: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let workflow: Workflow = serde_saphyr::from_str(text).unwrap();
    let script = workflow
        .steps()
        .iter()
        .find(|s| s.name.as_deref() == Some("Set the build clock"))
        .and_then(|s| s.run.clone())
        .expect("a step that sets the build clock");
    let dir = tempfile::tempdir().unwrap();
    let date = dir.path().join("date");
    std::fs::write(&date, format!("#!/bin/sh\necho {now}\n")).unwrap();
    std::fs::set_permissions(&date, std::fs::Permissions::from_mode(0o755)).unwrap();
    let env_file = dir.path().join("env");
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap()
    );
    let schedule = if event == "schedule" {
        "30 5 * * *"
    } else {
        ""
    };
    let status = std::process::Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &script])
        .env("PATH", path)
        .env("GITHUB_ENV", &env_file)
        .env("EVENT", event)
        .env("SCHEDULE", schedule)
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::read_to_string(env_file).unwrap()
}

#[test]
fn the_build_clock_is_the_runs_own_time_rounded_to_its_slot() {
    for path in ["scaffold/pages.yml", ".github/workflows/pages.yml"] {
        let text = std::fs::read_to_string(repo_root().join(path)).unwrap();
        // A scheduled run that started late, at 06:47:13 on 12 July 2025,
        // and a rerun of it at 19:02: both build at the 05:30 slot and ask
        // what is new since the slot before.
        for now in ["1752302833", "1752346920"] {
            assert_eq!(
                clock_env(&text, "schedule", now),
                "SOURCE_DATE_EPOCH=1752298200\nBRIEFING_SINCE=1752211800\n",
                "{path} at {now}"
            );
        }
        // The next morning's run (05:36:40 on 13 July) is the next slot.
        assert!(
            clock_env(&text, "schedule", "1752385000")
                .starts_with("SOURCE_DATE_EPOCH=1752384600\n"),
            "{path}"
        );
        // Stories left out fail the run only after the deploy.
        let deploy = text.find("uses: actions/deploy-pages@").unwrap();
        let fail = text
            .find("if: needs.build.outputs.status != '0'")
            .unwrap_or_else(|| panic!("{path}: no step failing the run"));
        assert!(deploy < fail, "{path}");
        assert!(text[fail..].contains("exit 1"), "{path}");
        assert!(
            text.contains("fetch-depth: 0"),
            "{path}: git dates need history"
        );
        // A push builds at its own time, to the minute.
        assert_eq!(
            clock_env(&text, "push", "1752302833"),
            "SOURCE_DATE_EPOCH=1752302820\nBRIEFING_SINCE=\n",
            "{path}"
        );
    }
}
