//! Big and deep inputs, generated at test time: a 5 MB line, 100,000
//! paragraphs, an article naming many people, 100 nested folders and
//! Markdown nested 100 and 10,000 levels. No hang, bounded memory.

use super::*;

/// What a build run under [`measure`] did.
struct Measured {
    run: Run,
    elapsed: Duration,
    /// Peak resident memory in bytes, where the OS tells (Linux).
    peak_rss: Option<u64>,
    /// CPU time (user + system) in clock ticks, where the OS tells: less
    /// disturbed than wall time by other tests running at once.
    cpu_ticks: Option<u64>,
}

/// Runs `briefing build` in `site` with a deadline, sampling the child's
/// peak resident memory (`VmHWM`) and CPU time while it runs.
fn measure(site: &Site, deadline: Duration) -> Measured {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["build", "--quiet"])
        .current_dir(site.root())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain the pipes so that a chatty build never blocks on a full one.
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let proc_dir = PathBuf::from(format!("/proc/{}", child.id()));
    let (mut peak, mut cpu) = (None, None);
    let status = loop {
        if let Ok(status) = std::fs::read_to_string(proc_dir.join("status"))
            && let Some(kb) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = Some(kb * 1024);
        }
        if let Ok(stat) = std::fs::read_to_string(proc_dir.join("stat")) {
            // Fields after the command name: state is the 1st, utime the
            // 12th, stime the 13th.
            let fields: Vec<&str> = stat
                .rsplit_once(')')
                .map_or(Vec::new(), |(_, rest)| rest.split_whitespace().collect());
            let tick = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok());
            if let (Some(user), Some(system)) = (tick(11), tick(12)) {
                cpu = Some(user + system);
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the build did not finish within {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let output = std::process::Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    };
    Measured {
        run: Run::from(output),
        elapsed: started.elapsed(),
        peak_rss: peak,
        cpu_ticks: cpu,
    }
}

/// The memory a build may use for `input` bytes of articles: a fixed
/// allowance for the binary, templates and gazetteers, plus a small
/// multiple of the input.
fn memory_budget(input: u64) -> u64 {
    64 * 1024 * 1024 + 8 * input
}

/// A 5 MB single line and 100,000 one-line paragraphs build without a
/// hang, in memory within a small multiple of the input.
#[test]
fn huge_articles_build_in_bounded_time_and_memory() {
    for make in [generate::big_line, generate::many_paragraphs] {
        let site = hostile(&[]);
        let path = make(site.root());
        let input = std::fs::metadata(&path).unwrap().len();
        let measured = measure(&site, Duration::from_secs(300));
        assert_eq!(measured.run.code, 0, "{}", measured.run.stderr);
        assert!(site.has(CONTROL_PAGE));
        if let Some(peak) = measured.peak_rss {
            assert!(
                peak <= memory_budget(input),
                "{}: peak RSS {} MB for {} MB of input (budget {} MB)",
                path.display(),
                peak >> 20,
                input >> 20,
                memory_budget(input) >> 20
            );
        }
        eprintln!(
            "{}: {:?}, peak RSS {:?} MB",
            path.display(),
            measured.elapsed,
            measured.peak_rss.map(|p| p >> 20)
        );
    }
}

/// An article naming many people is read in time proportional to its
/// length: eight times the text may not take more than sixteen times the
/// CPU time. (Alias folding compared every short mention with every long
/// name: in a release build 0.5 MB took 0.6 s, 2 MB 4.3 s, 5 MB 22 s and
/// 10 MB 95 s.)
#[test]
fn entity_folding_scales_linearly_with_article_length() {
    let cost_of = |sentences: usize| {
        let site = hostile(&[]);
        let first = [
            "Amina", "Bruno", "Carla", "Dmitri", "Elif", "Farid", "Greta",
        ];
        let last = ["Achterberg", "Balogun", "Castellanos", "Eriksen", "Fonseca"];
        let places = ["Valdera", "Northmere", "Orsolo", "Brannock", "Tiraspa"];
        let mut text = String::new();
        for n in 0..sentences {
            text.push_str(&format!(
                "“We will act,” {} {} told the {} Council on Monday, as {} workers joined the strike in {}.\n",
                first[n % first.len()],
                last[n / 3 % last.len()],
                places[n % places.len()],
                n * 7 % 9000 + 100,
                places[n / 7 % places.len()],
            ));
        }
        site.write("seeds/names.txt", &text);
        let measured = measure(&site, Duration::from_secs(600));
        assert_eq!(measured.run.code, 0, "{}", measured.run.stderr);
        // Clock ticks where the OS counts them, else milliseconds of wall
        // time: only the ratio matters.
        let cost = measured
            .cpu_ticks
            .unwrap_or_else(|| u64::try_from(measured.elapsed.as_millis()).unwrap());
        cost.max(1)
    };
    // Both sizes stay under the megabyte the briefing layer reads of an
    // article (about 9,500 of these sentences).
    let small = cost_of(1_000);
    let large = cost_of(8_000);
    assert!(
        large <= small * 16,
        "8x the text took {:.1}x the time ({small} → {large} ticks)",
        large as f64 / small as f64
    );
}

#[test]
fn deep_folders_and_deeply_nested_markdown_build() {
    let site = hostile(&[]);
    let deep = generate::deep_folders(site.root());
    generate::deep_markdown(site.root());
    let measured = measure(&site, Duration::from_secs(120));
    assert_eq!(measured.run.code, 0, "{}", measured.run.stderr);
    for marker in [
        "deep-marker-ok",
        "nested-quote-marker-ok",
        "nested-list-marker-ok",
        "nested-10k-marker-ok",
    ] {
        page_with(&site, marker);
    }
    let rel = deep.strip_prefix(site.root()).unwrap().to_string_lossy();
    assert!(site.read("digest.json").contains(rel.as_ref()));
}
