//! Incremental rebuilds give the same bytes as a clean build of the same
//! files, after every kind of edit.

use std::path::{Path, PathBuf};

use briefing::incremental::LiveBuild;
use briefing::incremental::changes::ChangeSet;
use briefing::pipeline::{self, BuildOptions};
use jiff::Timestamp;

use crate::support::{Site, tree};

fn options(root: &Path, output: &Path) -> BuildOptions {
    BuildOptions {
        output: Some(output.to_path_buf()),
        ..BuildOptions::new(root, Timestamp::from_second(1_752_300_000).unwrap())
    }
}

/// Applies a change and checks the live output against a clean build.
struct Harness {
    site: Site,
    root: PathBuf,
    live: LiveBuild,
    clean: PathBuf,
}

impl Harness {
    fn new(site: Site) -> Harness {
        let root = std::fs::canonicalize(site.root()).unwrap();
        let (live, report) = LiveBuild::start(options(&root, &root.join("live"))).unwrap();
        assert!(!report.has_errors(), "{:?}", report.diagnostics);
        let clean = root.join("clean");
        Harness {
            site,
            root,
            live,
            clean,
        }
    }

    fn content(&self, files: &[&str]) -> ChangeSet {
        ChangeSet {
            content: files.iter().map(|f| self.root.join(f)).collect(),
            ..ChangeSet::default()
        }
    }

    /// Applies `changes` and asserts the result equals a clean build.
    fn check(&mut self, step: &str, changes: &ChangeSet) -> briefing::incremental::Rebuild {
        let rebuild = self.live.apply(changes).unwrap();
        self.compare(step);
        rebuild
    }

    /// Asserts the live output equals a clean build of the files as they are.
    fn compare(&self, step: &str) {
        pipeline::build(&options(&self.root, &self.clean)).unwrap();
        let live = tree(&self.root.join("live"));
        let clean = tree(&self.clean);
        let live_paths: Vec<_> = live.keys().collect();
        let clean_paths: Vec<_> = clean.keys().collect();
        assert_eq!(live_paths, clean_paths, "after {step}: different files");
        for (path, bytes) in &clean {
            assert!(
                live[path] == *bytes,
                "after {step}: {path} differs from a clean build"
            );
        }
    }

    /// Takes in `changes` and starts the whole-site step, without waiting.
    fn begin(&mut self, changes: &ChangeSet) {
        self.live.update(changes).unwrap();
        self.live.start_finish();
        assert!(self.live.is_finishing());
    }
}

fn site() -> Site {
    let site = Site::new();
    site.write(
        "seeds/2025-07-10_000_a.txt",
        "Alpha lede about the harbour.\nAlpha body one.\nAlpha body two.",
    );
    site.write(
        "seeds/2025-07-10_001_b.txt",
        "Bravo lede about the railway.\nBravo body.",
    );
    site.write("seeds/2025-07-10_001_b.toml", "tags = [\"Transport\"]\n");
    site.write("seeds/2025-07-11_000_c.md", "+++\ntitle = \"Charlie\"\ntags = [\"Transport\", \"Money\"]\n+++\nCharlie lede.\n\nCharlie body.\n");
    site.write(
        "seeds/2025-07-09_000_d.md",
        "+++\ntitle = \"Delta\"\n+++\nDelta lede.\n",
    );
    site
}

#[test]
fn every_kind_of_edit_matches_a_clean_build() {
    let mut h = Harness::new(site());

    h.site.write(
        "seeds/2025-07-10_000_a.txt",
        "Alpha lede about the harbour.\nAlpha body uno.\nAlpha body two.",
    );
    let body_only = h.check("a body edit", &h.content(&["seeds/2025-07-10_000_a.txt"]));
    assert_eq!(body_only.reparsed, 1);
    // The edited page is written first, ahead of the full rebuild.
    assert_eq!(
        body_only.previewed,
        vec!["articles/2025-07-10-a/index.html"]
    );
    // The article page, the feeds (which carry whole articles) and the
    // whole-site data files (rewritten whenever any story is re-read, as
    // hashing them costs more than writing them), the print edition (which
    // carries whole articles); not the front page, the edition or the tag
    // pages, nor the email, which show no body text, nor the sitemap, whose
    // routes and dates stay the same.
    assert_eq!(
        body_only.all_written(),
        vec![
            "articles/2025-07-10-a/index.html",
            "atom.xml",
            "digest.json",
            "editions/2025-07-10/print/index.html",
            "feed.json",
            "rss.xml",
            "search-index.json"
        ]
    );

    h.site.write(
        "seeds/2025-07-10_001_b.txt",
        "Bravo new lede about trains.\nBravo body.",
    );
    let lede = h.check("a lede edit", &h.content(&["seeds/2025-07-10_001_b.txt"]));
    assert!(
        lede.all_written().contains(&"index.html".to_string()),
        "{:?}",
        lede.written
    );
    assert!(
        lede.written
            .contains(&"tags/transport/index.html".to_string())
    );
    assert!(
        !lede
            .all_written()
            .contains(&"tags/money/index.html".to_string())
    );

    h.site.write(
        "seeds/2025-07-10_001_b.toml",
        "title = \"Bravo retitled\"\ntags = [\"Money\"]\n",
    );
    h.check(
        "a sidecar edit changing title, slug and tags",
        &h.content(&["seeds/2025-07-10_001_b.toml"]),
    );

    h.site.write(
        "seeds/2025-07-12_000_e.md",
        "+++\ntitle = \"Echo\"\ntags = [\"Weather\"]\n+++\nEcho lede.\n",
    );
    h.check(
        "a new article in a new edition",
        &h.content(&["seeds/2025-07-12_000_e.md"]),
    );

    std::fs::remove_file(h.root.join("seeds/2025-07-09_000_d.md")).unwrap();
    let removed = h.check(
        "a deleted article",
        &h.content(&["seeds/2025-07-09_000_d.md"]),
    );
    assert!(
        removed
            .removed
            .contains(&"articles/2025-07-09-d/index.html".to_string())
    );
    assert!(
        removed
            .removed
            .contains(&"editions/2025-07-09/index.html".to_string())
    );

    std::fs::rename(
        h.root.join("seeds/2025-07-11_000_c.md"),
        h.root.join("seeds/2025-07-10_002_c.md"),
    )
    .unwrap();
    h.check(
        "a renamed article moving edition",
        &h.content(&["seeds/2025-07-11_000_c.md", "seeds/2025-07-10_002_c.md"]),
    );

    h.site.write("templates/article.html", "{% extends \"base.html\" %}{% block main %}<h1>{{ page.card.title }}</h1>{{ body_html | safe }}<p>custom</p>{% endblock main %}");
    let templates = h.check(
        "a template edit",
        &ChangeSet {
            templates: true,
            ..ChangeSet::default()
        },
    );
    assert_eq!(templates.reparsed, 0);

    h.site.write("static/style.css", "body { color: red; }");
    let css = h.check(
        "a stylesheet edit",
        &ChangeSet {
            static_files: [h.root.join("static/style.css")].into(),
            ..ChangeSet::default()
        },
    );
    assert!(css.css_only);

    h.site.write(
        "site.toml",
        "title = \"Renamed Briefing\"\nbase_url = \"https://example.org/sub/\"\n",
    );
    h.check(
        "a config edit",
        &ChangeSet {
            config: true,
            ..ChangeSet::default()
        },
    );
}

#[test]
fn a_broken_edit_keeps_the_last_good_article_until_fixed() {
    let mut h = Harness::new(site());
    let before = std::fs::read(h.root.join("live/articles/2025-07-09-d/index.html")).unwrap();
    h.site.write(
        "seeds/2025-07-09_000_d.md",
        "+++\ntitle = \"Delta\"\nbogus = 1\n+++\nDelta broken.\n",
    );
    let broken = h
        .live
        .apply(&h.content(&["seeds/2025-07-09_000_d.md"]))
        .unwrap();
    assert!(broken.has_errors());
    assert!(
        broken
            .diagnostics
            .iter()
            .any(|d| d.to_string().starts_with("seeds/2025-07-09_000_d.md:3:1"))
    );
    assert_eq!(
        std::fs::read(h.root.join("live/articles/2025-07-09-d/index.html")).unwrap(),
        before
    );

    h.site.write(
        "seeds/2025-07-09_000_d.md",
        "+++\ntitle = \"Delta\"\n+++\nDelta fixed.\n",
    );
    let fixed = h.check("the fix", &h.content(&["seeds/2025-07-09_000_d.md"]));
    assert!(!fixed.has_errors());
}

#[test]
fn a_broken_template_keeps_the_last_good_templates() {
    let mut h = Harness::new(site());
    let before = tree(&h.root.join("live"));
    h.site.write("templates/404.html", "{% if %}");
    let error = h.live.apply(&ChangeSet {
        templates: true,
        ..ChangeSet::default()
    });
    assert!(error.is_err());
    assert_eq!(tree(&h.root.join("live")), before);
    std::fs::remove_file(h.root.join("templates/404.html")).unwrap();
    h.check(
        "removing the broken template",
        &ChangeSet {
            templates: true,
            ..ChangeSet::default()
        },
    );
}

const WIRE: &str = "Rescue teams reached the flooded villages of the northern valley on Tuesday after two days of heavy rain cut the only road into the district.\nThe regional governor said four hundred people had been moved to schools in the district capital and that more buses were on the way.\nForecasters expect more rain on Thursday, and the army has sent engineers to build a temporary bridge over the river.";

#[test]
fn versions_held_stories_and_what_is_new_match_a_clean_build() {
    let mut h = Harness::new(site());
    h.site.write("seeds/2025-07-10_005_flood.txt", WIRE);
    h.check(
        "a new story",
        &h.content(&["seeds/2025-07-10_005_flood.txt"]),
    );

    // A lightly edited copy a day later folds the first into it.
    let edited = WIRE.replace("four hundred", "five hundred");
    h.site.write("seeds/2025-07-11_005_flood.txt", &edited);
    h.check(
        "a version filed",
        &h.content(&["seeds/2025-07-11_005_flood.txt"]),
    );
    let digest = std::fs::read_to_string(h.root.join("live/digest.json")).unwrap();
    assert!(
        digest.contains(
            "\"versions\":[\"seeds/2025-07-11_005_flood.txt\",\"seeds/2025-07-10_005_flood.txt\"]"
        ),
        "the two fold"
    );

    // Editing the version folded away, then the one shown.
    h.site.write(
        "seeds/2025-07-10_005_flood.txt",
        &WIRE.replace("Tuesday", "Monday"),
    );
    h.check(
        "the folded version edited",
        &h.content(&["seeds/2025-07-10_005_flood.txt"]),
    );
    h.site.write(
        "seeds/2025-07-11_005_flood.txt",
        &edited.replace("army", "navy"),
    );
    h.check(
        "the shown version edited",
        &h.content(&["seeds/2025-07-11_005_flood.txt"]),
    );

    // A retitled version the next day: the story shows it, and the
    // address the day before's version had on its own sends readers on;
    // deleting it again takes that page away.
    let retitled = format!(
        "Floods cut off the northern valley\n\n{}",
        edited.replace("army", "navy").replace('\n', "\n\n")
    );
    h.site.write("seeds/2025-07-12_005_valley.txt", &retitled);
    h.check(
        "a retitled version filed",
        &h.content(&["seeds/2025-07-12_005_valley.txt"]),
    );
    let moved = h.root.join("live/articles/2025-07-12-valley/index.html");
    let moved = std::fs::read_to_string(moved).unwrap();
    assert!(moved.contains("http-equiv=\"refresh\""), "{moved}");
    let pages: Vec<String> = tree(&h.root.join("live"))
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains("http-equiv=\"refresh\""))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(pages.len(), 2, "two versions' own addresses: {pages:?}");
    std::fs::remove_file(h.root.join("seeds/2025-07-12_005_valley.txt")).unwrap();
    let removed = h.check(
        "a retitled version deleted",
        &h.content(&["seeds/2025-07-12_005_valley.txt"]),
    );
    assert!(
        removed.removed.iter().any(|p| pages.contains(p)),
        "{:?}",
        removed.removed
    );

    // Rewritten into another story: the two come apart again.
    h.site.write(
        "seeds/2025-07-11_005_flood.txt",
        "The central bank raised its main interest rate by a quarter point on Wednesday.",
    );
    h.check(
        "a version rewritten as another story",
        &h.content(&["seeds/2025-07-11_005_flood.txt"]),
    );

    // A story dated after the clock is held back; moving its time earlier
    // releases it.
    h.site.write(
        "seeds/embargo.md",
        "+++\ntitle = \"Embargo\"\ndate = 2025-07-12T09:00:00Z\n+++\nEmbargoed text.\n",
    );
    h.check("a held story", &h.content(&["seeds/embargo.md"]));
    assert!(!h.root.join("live/articles/embargo/index.html").exists());
    h.site.write(
        "seeds/embargo.md",
        "+++\ntitle = \"Embargo\"\ndate = 2025-07-12T05:00:00Z\n+++\nEmbargoed text.\n",
    );
    h.check("a held story released", &h.content(&["seeds/embargo.md"]));
    assert!(h.root.join("live/articles/embargo/index.html").exists());
}

#[test]
fn a_step_cancelled_by_a_newer_edit_is_redone_from_where_it_stopped() {
    let mut h = Harness::new(site());
    h.site.write(
        "seeds/2025-07-10_000_a.txt",
        "Alpha lede about the harbour.\nAlpha body uno.\nAlpha body two.",
    );
    h.begin(&h.content(&["seeds/2025-07-10_000_a.txt"]));
    // Taken in while the step runs: the step stops at its next look at its
    // flag, and the edit is previewed at once all the same.
    h.site.write(
        "seeds/2025-07-10_001_b.txt",
        "Bravo lede about the railway.\nBravo body, edited.",
    );
    let previewed = h
        .live
        .update(&h.content(&["seeds/2025-07-10_001_b.txt"]))
        .unwrap();
    assert_eq!(previewed, ["articles/2025-07-10-b/index.html"]);
    assert!(
        std::fs::read_to_string(h.root.join("live").join(&previewed[0]))
            .unwrap()
            .contains("Bravo body, edited.")
    );
    let rebuild = h.live.finish().unwrap();
    assert!(!h.live.has_pending() && !h.live.is_finishing());
    for page in [
        "articles/2025-07-10-a/index.html",
        "articles/2025-07-10-b/index.html",
    ] {
        assert!(rebuild.all_written().contains(&page.to_string()), "{page}");
    }
    h.compare("an edit during a step");
}

#[test]
fn a_template_edit_during_a_step_renders_every_page_again() {
    let mut h = Harness::new(site());
    h.site.write(
        "seeds/2025-07-10_001_b.txt",
        "Bravo new lede about trains.\nBravo body.",
    );
    h.begin(&h.content(&["seeds/2025-07-10_001_b.txt"]));
    h.site.write("templates/article.html", "{% extends \"base.html\" %}{% block main %}<h1>{{ page.card.title }}</h1>{{ body_html | safe }}<p>custom</p>{% endblock main %}");
    h.live
        .update(&ChangeSet {
            templates: true,
            ..ChangeSet::default()
        })
        .unwrap();
    h.live.finish().unwrap();
    h.compare("a template edit during a step");
}

/// Edits arrive while steps run, each at a different point of the step
/// before (the interleavings differ from run to run); whatever was
/// cancelled where, the end equals a clean build.
#[test]
fn edits_arriving_while_steps_run_end_as_a_clean_build() {
    let mut h = Harness::new(site());
    let edits: [(&str, &str); 6] = [
        (
            "seeds/2025-07-10_000_a.txt",
            "Alpha lede about the harbour.\nAlpha one.\nAlpha two.",
        ),
        (
            "seeds/2025-07-10_001_b.txt",
            "Bravo lede about the railway.\nBravo moved on.",
        ),
        ("seeds/2025-07-10_001_b.toml", "tags = [\"Money\"]\n"),
        (
            "seeds/2025-07-12_000_e.md",
            "+++\ntitle = \"Echo\"\n+++\nEcho lede.\n",
        ),
        (
            "seeds/2025-07-10_000_a.txt",
            "Alpha has a new lede.\nAlpha one.",
        ),
        (
            "seeds/2025-07-09_000_d.md",
            "+++\ntitle = \"Delta\"\ntags = [\"Money\"]\n+++\nDelta again.\n",
        ),
    ];
    for (round, (file, text)) in edits.iter().cycle().take(18).enumerate() {
        let text = if file.ends_with(".toml") {
            text.replace("Money", &format!("Round {round}"))
        } else {
            format!("{text}\nRound {round}.")
        };
        h.site.write(file, &text);
        h.live.update(&h.content(&[file])).unwrap();
        h.live.start_finish();
        std::thread::sleep(std::time::Duration::from_millis(round as u64 * 3));
        if round % 4 == 3 {
            // Now and then a step is let run to the end.
            h.live.finish().unwrap();
            h.compare(&format!("round {round}"));
        }
    }
    h.live.finish().unwrap();
    h.compare("the last round");
}

#[test]
fn a_template_edit_shows_the_page_edited_last_at_once() {
    let mut h = Harness::new(site());
    h.site.write(
        "seeds/2025-07-10_000_a.txt",
        "Alpha lede about the harbour.\nAlpha body uno.\nAlpha body two.",
    );
    h.check("an edit", &h.content(&["seeds/2025-07-10_000_a.txt"]));
    h.site.write("templates/article.html", "{% extends \"base.html\" %}{% block main %}<h1>{{ page.card.title }}</h1>{{ body_html | safe }}<p>custom</p>{% endblock main %}");
    let shown = h
        .live
        .update(&ChangeSet {
            templates: true,
            ..ChangeSet::default()
        })
        .unwrap();
    let page = "articles/2025-07-10-a/index.html";
    assert_eq!(shown, [page]);
    assert!(
        std::fs::read_to_string(h.root.join("live").join(page))
            .unwrap()
            .contains("<p>custom</p>")
    );
    assert!(
        !std::fs::read_to_string(h.root.join("live/articles/2025-07-11-c/index.html"))
            .unwrap()
            .contains("<p>custom</p>"),
        "the rest waits for the whole-site step"
    );
    h.live.finish().unwrap();
    h.compare("a template edit after an article edit");
}

#[test]
fn files_beside_stories_follow_live_edits() {
    let mut h = Harness::new(site());
    h.site.write("seeds/chart.png", "PNG");
    h.site.write(
        "seeds/2025-07-09_000_d.md",
        "+++\ntitle = \"Delta\"\n+++\nDelta lede.\n\n![Chart](chart.png)\n",
    );
    let added = h.check(
        "a new reference",
        &h.content(&["seeds/2025-07-09_000_d.md"]),
    );
    assert!(
        added
            .written
            .contains(&"articles/2025-07-09-d/chart.png".to_string()),
        "{:?}",
        added.written
    );

    h.site.write(
        "seeds/2025-07-12-quake/index.md",
        "+++\ntitle = \"Quake\"\n+++\nThe ground shook.\n",
    );
    h.site.write("seeds/2025-07-12-quake/map.svg", "<svg/>");
    let folder = [
        "seeds/2025-07-12-quake/index.md",
        "seeds/2025-07-12-quake/map.svg",
    ];
    let mut changes = h.content(&folder);
    changes.static_files = changes.content.clone();
    h.check("a story in a folder of its own", &changes);
    assert!(h.root.join("live/articles/quake/map.svg").exists());

    h.site.write(
        "seeds/2025-07-09_000_d.md",
        "+++\ntitle = \"Delta\"\n+++\nDelta lede.\n",
    );
    let dropped = h.check(
        "a dropped reference",
        &h.content(&["seeds/2025-07-09_000_d.md"]),
    );
    assert_eq!(dropped.removed, vec!["articles/2025-07-09-d/chart.png"]);
}

#[test]
fn a_standalone_page_error_outlives_rebuilds_of_articles() {
    let site = site();
    site.write("pages/tags.md", "+++\ntitle = \"Our tags\"\n+++\nText.\n");
    let root = std::fs::canonicalize(site.root()).unwrap();
    let (mut live, report) = LiveBuild::start(options(&root, &root.join("live"))).unwrap();
    let is_page_error = |d: &briefing::error::Diagnostic| {
        d.to_string()
            .starts_with("pages/tags.md: error: the address `tags/`")
    };
    assert!(report.diagnostics.iter().any(is_page_error));
    site.write("seeds/2025-07-12_000_e.txt", "Echo lede about the port.");
    let changes = ChangeSet {
        content: [root.join("seeds/2025-07-12_000_e.txt")].into(),
        ..ChangeSet::default()
    };
    let rebuild = live.apply(&changes).unwrap();
    assert!(
        rebuild.diagnostics.iter().any(is_page_error),
        "{:?}",
        rebuild.diagnostics
    );
}

#[test]
fn standalone_pages_stay_linked_after_article_edits() {
    let site = site();
    site.write(
        "pages/about.md",
        "+++\ntitle = \"About us\"\n+++\nWho we are.\n",
    );
    let mut h = Harness::new(site);
    assert!(h.root.join("live/about/index.html").exists());
    h.site.write(
        "seeds/2025-07-10_000_a.txt",
        "Alpha lede about the harbour.\nAlpha body, edited.",
    );
    h.check(
        "an article edit beside a standalone page",
        &h.content(&["seeds/2025-07-10_000_a.txt"]),
    );
    h.site.write(
        "seeds/2025-07-13_000_f.txt",
        "Foxtrot lede about a new road.",
    );
    h.check(
        "a new article beside a standalone page",
        &h.content(&["seeds/2025-07-13_000_f.txt"]),
    );
}
