//! Where a build's time goes: `build --timings`.
//!
//! A [`Timings`] is handed to the stages of one build. Each stage's wall
//! time is recorded once ([`Timings::time`]); work done in parallel (parsing,
//! enriching, rendering, writing) is also summed over threads, so a stage
//! that keeps both cores busy shows it. Rendering is broken down by
//! template, with the slowest pages. Peak memory after each stage is read
//! from the operating system where it tells (Linux), for finding which stage
//! holds the most.
//!
//! A leaf: it imports only `fs`. Nothing here reaches the output; the clock
//! is only ever read to measure, never to decide.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;

/// How many of the slowest pages a report lists.
const SLOWEST: usize = 5;

/// The times of one build, filled in by its stages (from any thread).
#[derive(Debug, Default)]
pub struct Timings {
    inner: Mutex<Recorded>,
}

#[derive(Debug, Default, Clone)]
struct Recorded {
    stages: Vec<StageTime>,
    summed: BTreeMap<&'static str, Duration>,
    templates: BTreeMap<&'static str, TemplateTime>,
    slowest: Vec<(Duration, String)>,
}

/// One stage's wall time and the process's peak memory when it ended.
#[derive(Debug, Clone, Serialize)]
pub struct StageTime {
    /// The stage ("discover", "parse", …).
    pub stage: &'static str,
    /// Wall time in milliseconds.
    pub ms: f64,
    /// Peak resident memory so far, in bytes, where the system tells.
    pub peak_bytes: Option<u64>,
}

/// One template's pages: how many, and their render time summed over
/// threads.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TemplateTime {
    /// The template.
    pub template: &'static str,
    /// Pages rendered with it.
    pub pages: usize,
    /// Their render times added up, in milliseconds.
    pub ms: f64,
    /// Their bytes added up.
    pub bytes: u64,
}

/// A finished build's times, for printing.
#[derive(Debug, Clone, Serialize)]
pub struct TimingsReport {
    /// Every stage in the order it ran.
    pub stages: Vec<StageTime>,
    /// Work done in parallel, summed over threads, in milliseconds.
    pub summed_ms: BTreeMap<&'static str, f64>,
    /// Rendering by template, slowest total first.
    pub templates: Vec<TemplateTime>,
    /// The slowest pages, slowest first.
    pub slowest_pages: Vec<SlowPage>,
}

/// One of the slowest pages to render.
#[derive(Debug, Clone, Serialize)]
pub struct SlowPage {
    /// Its output path.
    pub path: String,
    /// Its render time in milliseconds.
    pub ms: f64,
}

impl Timings {
    /// Empty timings for a new build.
    pub fn new() -> Timings {
        Timings::default()
    }

    /// Runs `work` as stage `stage`, recording its wall time.
    pub fn time<T>(&self, stage: &'static str, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = work();
        self.stage(stage, started.elapsed());
        result
    }

    /// Records that stage `stage` took `elapsed` of wall time.
    pub fn stage(&self, stage: &'static str, elapsed: Duration) {
        let peak_bytes = peak_memory();
        self.with(|r| {
            r.stages.push(StageTime {
                stage,
                ms: ms(elapsed),
                peak_bytes,
            });
        });
    }

    /// Adds `elapsed` to the thread-summed time of `work` ("parse", …).
    pub fn add(&self, work: &'static str, elapsed: Duration) {
        self.with(|r| *r.summed.entry(work).or_default() += elapsed);
    }

    /// Records one page rendered with `template` to `path` in `elapsed`.
    pub fn page(&self, template: &'static str, path: &str, bytes: usize, elapsed: Duration) {
        self.with(|r| {
            *r.summed.entry("render").or_default() += elapsed;
            let t = r.templates.entry(template).or_default();
            t.template = template;
            t.pages += 1;
            t.ms += ms(elapsed);
            t.bytes += u64::try_from(bytes).unwrap_or(u64::MAX);
            let slower =
                r.slowest.len() < SLOWEST || r.slowest.last().is_some_and(|(d, _)| *d < elapsed);
            if slower {
                r.slowest.push((elapsed, path.to_string()));
                r.slowest
                    .sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
                r.slowest.truncate(SLOWEST);
            }
        });
    }

    /// What was recorded, ready to print.
    pub fn report(&self) -> TimingsReport {
        let r = self.with(|r| r.clone());
        let mut templates: Vec<TemplateTime> = r.templates.into_values().collect();
        templates.sort_by(|a, b| b.ms.total_cmp(&a.ms).then(a.template.cmp(b.template)));
        TimingsReport {
            stages: r.stages,
            summed_ms: r.summed.into_iter().map(|(k, d)| (k, ms(d))).collect(),
            templates,
            slowest_pages: r
                .slowest
                .into_iter()
                .map(|(d, path)| SlowPage { path, ms: ms(d) })
                .collect(),
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut Recorded) -> T) -> T {
        // A thread that panicked while holding the lock left whole entries
        // behind: the times stay usable.
        let mut guard = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut guard)
    }
}

impl TimingsReport {
    /// The report as aligned plain text, one stage a line.
    pub fn to_text(&self) -> String {
        let mut out = String::from("timings (wall time of each stage, in order):\n");
        let total: f64 = self.stages.iter().map(|s| s.ms).sum();
        for s in &self.stages {
            let _ = write!(out, "  {:<14} {:>9.1} ms", s.stage, s.ms);
            if let Some(peak) = s.peak_bytes {
                let _ = write!(out, "   peak memory {:>6.1} MiB", mib(peak));
            }
            out.push('\n');
        }
        let _ = writeln!(out, "  {:<14} {total:>9.1} ms", "total");
        if !self.summed_ms.is_empty() {
            out.push_str("work done in parallel, summed over threads:\n");
            for (work, ms) in &self.summed_ms {
                let _ = writeln!(out, "  {work:<14} {ms:>9.1} ms");
            }
        }
        if !self.templates.is_empty() {
            out.push_str("rendering by template (summed over threads), slowest first:\n");
            for t in &self.templates {
                let _ = writeln!(
                    out,
                    "  {:<18} {:>9.1} ms  {:>7} pages  {:>8.1} ms/1000  {:>9.1} MB",
                    t.template,
                    t.ms,
                    t.pages,
                    t.ms * 1000.0 / t.pages.max(1) as f64,
                    t.bytes as f64 / 1e6,
                );
            }
        }
        if !self.slowest_pages.is_empty() {
            out.push_str("slowest pages:\n");
            for page in &self.slowest_pages {
                let _ = writeln!(out, "  {:>9.1} ms  {}", page.ms, page.path);
            }
        }
        out
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// The process's peak resident memory in bytes, where the system says
/// (`VmHWM` in Linux's `/proc/self/status`).
fn peak_memory() -> Option<u64> {
    let status = crate::fs::read_optional(std::path::Path::new("/proc/self/status"))?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_keep_their_order_and_templates_sort_by_time() {
        let t = Timings::new();
        t.stage("discover", Duration::from_millis(3));
        t.stage("parse", Duration::from_millis(10));
        t.page(
            "article.html",
            "articles/a/index.html",
            100,
            Duration::from_millis(2),
        );
        t.page(
            "article.html",
            "articles/b/index.html",
            100,
            Duration::from_millis(4),
        );
        t.page("index.html", "index.html", 1000, Duration::from_millis(5));
        let report = t.report();
        let stages: Vec<_> = report.stages.iter().map(|s| s.stage).collect();
        assert_eq!(stages, ["discover", "parse"]);
        assert_eq!(report.templates[0].template, "article.html");
        assert_eq!(report.templates[0].pages, 2);
        assert_eq!(report.templates[0].bytes, 200);
        assert_eq!(report.slowest_pages[0].path, "index.html");
        assert_eq!(report.slowest_pages[1].path, "articles/b/index.html");
        assert_eq!(report.summed_ms.get("render").copied(), Some(11.0));
        let text = report.to_text();
        assert!(text.contains("discover"), "{text}");
        let slowest = text.split("slowest pages:\n").nth(1).unwrap_or_default();
        assert_eq!(
            slowest.lines().next().map(str::trim),
            Some("5.0 ms  index.html")
        );
    }

    #[test]
    fn only_the_slowest_pages_are_kept() {
        let t = Timings::new();
        for i in 0..20u64 {
            t.page("tag.html", &format!("p{i}"), 1, Duration::from_millis(i));
        }
        let slowest: Vec<_> = t
            .report()
            .slowest_pages
            .into_iter()
            .map(|p| p.path)
            .collect();
        assert_eq!(slowest, ["p19", "p18", "p17", "p16", "p15"]);
    }
}
