//! Times the briefing layer's share of a clean build, in-process.
//!
//!     bench/gencorpus.py --n 10000 --out /dev/shm/site10k
//!     RAYON_NUM_THREADS=1 BENCH_SITE=/dev/shm/site10k cargo bench --bench briefing_layer
//!
//! Loads the site once, then times, several times each and alternating:
//! a clean build (`pipeline::build`), the per-article entity, quote and
//! figure extraction over every article (`enrich::extract::extract`), and
//! the corpus pass over entities (`digest::entities::resolve`). Prints the
//! median, minimum and maximum of each and the briefing layer's share of
//! the build: (extraction + corpus pass) / build. Times are the process's
//! CPU time (user + system, from `/proc/self/stat`; wall time where that
//! cannot be read), so other load on the machine matters less; with one
//! rayon thread the build runs on one core, as the extraction does.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use briefing::digest::entities::resolve;
use briefing::enrich::Article;
use briefing::enrich::extract::{self, lexicon::Lexicon};
use briefing::pipeline::{self, BuildOptions};
use jiff::Timestamp;

fn main() {
    let Ok(site) = std::env::var("BENCH_SITE") else {
        eprintln!("set BENCH_SITE to a site folder (see bench/gencorpus.py)");
        return;
    };
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let root = std::fs::canonicalize(site).unwrap();
    let options = BuildOptions {
        output: Some(root.join(".bench-out")),
        ..BuildOptions::new(&root, Timestamp::from_second(1_752_300_000).unwrap())
    };
    let config = pipeline::load_config(&options).unwrap();
    let files = briefing::discover::discover(&config.root, &config.seeds_dir())
        .unwrap()
        .files;
    let articles: Vec<Arc<Article>> = pipeline::load_all(&config, &options, files)
        .into_iter()
        .filter_map(|l| l.result.ok())
        .collect();
    let lexicon = Lexicon::new(&config.entities);
    let (mut build, mut extraction, mut corpus) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let started = Clock::start();
        pipeline::build(&options).unwrap();
        build.push(started.elapsed());
        let started = Clock::start();
        let mut found = 0;
        for a in &articles {
            found += extract::extract(a.body.paragraphs(), &lexicon)
                .entities
                .len();
        }
        extraction.push(started.elapsed());
        std::hint::black_box(found);
        let started = Clock::start();
        std::hint::black_box(resolve(&articles));
        corpus.push(started.elapsed());
    }
    let _ = std::fs::remove_dir_all(root.join(".bench-out"));
    println!("{} articles, {runs} runs each", articles.len());
    let b = report("clean build", &mut build);
    let e = report("extraction", &mut extraction);
    let c = report("corpus pass", &mut corpus);
    println!(
        "briefing layer share of the build: {:.1}% (extraction {:.1}%, corpus pass {:.1}%)",
        100.0 * (e + c) / b,
        100.0 * e / b,
        100.0 * c / b
    );
}

/// A start point on the process's CPU clock, or the wall clock where the
/// CPU clock cannot be read.
enum Clock {
    Cpu(Duration),
    Wall(Instant),
}

impl Clock {
    fn start() -> Clock {
        cpu_time().map_or_else(|| Clock::Wall(Instant::now()), Clock::Cpu)
    }

    fn elapsed(&self) -> Duration {
        match self {
            Clock::Cpu(at) => cpu_time().map_or(Duration::ZERO, |now| now.saturating_sub(*at)),
            Clock::Wall(at) => at.elapsed(),
        }
    }
}

/// The process's user + system CPU time, from `/proc/self/stat` (clock
/// ticks of 10 ms).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 10))
}

/// Prints the median, minimum and maximum of `times`; returns the median
/// in seconds.
fn report(what: &str, times: &mut [Duration]) -> f64 {
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{what:<12} median {:>8.1} ms  min {:>8.1} ms  max {:>8.1} ms",
        ms(median),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
    median.as_secs_f64()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
