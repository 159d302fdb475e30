//! Times incremental rebuilds in-process, without the watcher or HTTP.
//!
//!     bench/gencorpus.py --n 10000 --out /dev/shm/site10k
//!     BENCH_SITE=/dev/shm/site10k cargo bench --bench rebuild
//!
//! Starts a `LiveBuild` on the site (output in a temporary folder beside it),
//! then applies body edits, lede edits and template edits to it, printing the
//! median, minimum and maximum `LiveBuild::apply` time of each, and a clean
//! build of the same site as the baseline measured in the same run.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use briefing::incremental::LiveBuild;
use briefing::incremental::changes::ChangeSet;
use briefing::pipeline::{self, BuildOptions};
use jiff::Timestamp;

fn main() {
    let Ok(site) = std::env::var("BENCH_SITE") else {
        eprintln!("set BENCH_SITE to a site folder (see bench/gencorpus.py)");
        return;
    };
    let root = std::fs::canonicalize(site).unwrap();
    let edits: usize = std::env::var("BENCH_EDITS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let out = root.join(".bench-out");
    let options = BuildOptions {
        output: Some(out.clone()),
        ..BuildOptions::new(&root, Timestamp::from_second(1_752_300_000).unwrap())
    };

    // BENCH_ONLY_EDITS=1 skips the clean builds and template edits (for
    // profiling the common case alone).
    let only_edits = std::env::var_os("BENCH_ONLY_EDITS").is_some();
    let clean: Vec<Duration> = (0..if only_edits { 1 } else { 3 })
        .map(|_| {
            let started = Instant::now();
            pipeline::build(&options).unwrap();
            started.elapsed()
        })
        .collect();

    let (mut live, _) = LiveBuild::start(options).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let step = (files.len() / edits).max(1);
    let chosen: Vec<&PathBuf> = files.iter().step_by(step).take(edits).collect();

    let body = time_edits(&mut live, &chosen, 2, "body");
    let lede = time_edits(&mut live, &chosen, 0, "lede");
    let added: Vec<Duration> = (0..edits)
        .map(|n| {
            let path = root
                .join("seeds")
                .join(format!("2030-01-01_000_bench{n}.txt"));
            std::fs::write(
                &path,
                format!("A new story number {n} for the benchmark.\nIts body."),
            )
            .unwrap();
            let started = Instant::now();
            live.apply(&ChangeSet {
                content: [path.clone()].into(),
                ..ChangeSet::default()
            })
            .unwrap();
            let elapsed = started.elapsed();
            std::fs::remove_file(&path).unwrap();
            live.apply(&ChangeSet {
                content: [path].into(),
                ..ChangeSet::default()
            })
            .unwrap();
            elapsed
        })
        .collect();
    let templates = root.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let template = templates.join("article.html");
    let original = include_str!("../templates/article.html");
    let template_times: Vec<Duration> = (0..if only_edits { 1 } else { edits.min(5) })
        .map(|n| {
            std::fs::write(
                &template,
                original.replace(
                    "{% endblock main %}",
                    &format!("<!-- {n} -->{{% endblock main %}}"),
                ),
            )
            .unwrap();
            let started = Instant::now();
            live.apply(&ChangeSet {
                templates: true,
                ..ChangeSet::default()
            })
            .unwrap();
            started.elapsed()
        })
        .collect();
    std::fs::remove_dir_all(&templates).unwrap();
    std::fs::remove_dir_all(&out).unwrap();

    let base = report("clean build (baseline)", &clean);
    for (name, times) in [
        ("body edit", &body),
        ("lede edit", &lede),
        ("new article", &added),
        ("template edit", &template_times),
    ] {
        let median = report(name, times);
        println!("  ratio to clean build: {:.4}", median / base);
    }
}

/// Appends a word to line `line` of each file, applying each edit alone.
fn time_edits(live: &mut LiveBuild, files: &[&PathBuf], line: usize, tag: &str) -> Vec<Duration> {
    files
        .iter()
        .enumerate()
        .map(|(n, path)| {
            edit_line(path, line, &format!(" {tag}{n}"));
            let started = Instant::now();
            live.apply(&ChangeSet {
                content: [path.to_path_buf()].into(),
                ..ChangeSet::default()
            })
            .unwrap();
            started.elapsed()
        })
        .collect()
}

fn edit_line(path: &Path, line: usize, suffix: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    lines[line].push_str(suffix);
    std::fs::write(path, lines.join("\n")).unwrap();
}

fn report(name: &str, times: &[Duration]) -> f64 {
    let mut ms: Vec<f64> = times.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    ms.sort_by(f64::total_cmp);
    let median = ms[ms.len() / 2];
    println!(
        "{name}: median {median:.1} ms, min {:.1}, max {:.1} (n={})",
        ms[0],
        ms[ms.len() - 1],
        ms.len()
    );
    median
}
