//! Unit tests of the live build and its loop on small temporary sites.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use jiff::Timestamp;

use super::rebuild_loop::{self, Inputs, Message, Outcome};
use super::*;

/// A site with two dated stories, built live into `out/`.
struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    fn new() -> TestSite {
        let site = TestSite {
            dir: tempfile::tempdir().unwrap(),
        };
        site.write(
            "site.toml",
            "title = \"Daily\"\nbase_url = \"https://u.github.io/r/\"\n",
        );
        site.write(
            "seeds/2025-07-10-a.md",
            "+++\ntitle = \"Alpha\"\n+++\nThe first story.\n",
        );
        site.write(
            "seeds/2025-07-11-b.md",
            "+++\ntitle = \"Beta\"\n+++\nThe second story.\n",
        );
        site
    }

    fn root(&self) -> PathBuf {
        std::fs::canonicalize(self.dir.path()).unwrap()
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        self.root().join(rel)
    }

    fn start(&self) -> LiveBuild {
        let options = BuildOptions {
            output: Some(self.root().join("out")),
            ..BuildOptions::new(self.root(), Timestamp::from_second(1_752_300_000).unwrap())
        };
        LiveBuild::start(options).unwrap().0
    }

    fn output(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join("out").join(rel)).unwrap()
    }
}

fn content(path: &Path) -> ChangeSet {
    ChangeSet {
        content: [path.to_path_buf()].into(),
        ..ChangeSet::default()
    }
}

#[test]
fn every_written_path_is_listed_once_in_order() {
    let rebuild = Rebuild {
        written: vec!["b".into(), "a".into()],
        previewed: vec!["a".into(), "c".into()],
        ..Rebuild::default()
    };
    assert_eq!(rebuild.all_written(), ["a", "b", "c"]);
}

#[test]
fn an_edit_in_place_is_previewed_at_once_and_the_rest_waits_for_finish() {
    let site = TestSite::new();
    let mut live = site.start();
    assert!(!live.has_pending());
    let edited = site.write(
        "seeds/2025-07-10-a.md",
        "+++\ntitle = \"Alpha\"\n+++\nThe first story, edited.\n",
    );
    let previewed = live.update(&content(&edited)).unwrap();
    assert_eq!(previewed, ["articles/2025-07-10-a/index.html"]);
    assert!(
        site.output("articles/2025-07-10-a/index.html")
            .contains("edited")
    );
    assert!(live.has_pending());
    let rebuild = live.finish().unwrap();
    assert!(!live.has_pending());
    assert_eq!(rebuild.reparsed, 1);
    assert!(
        rebuild
            .previewed
            .contains(&"articles/2025-07-10-a/index.html".into())
    );
    assert!(
        !rebuild
            .all_written()
            .contains(&"articles/2025-07-11-b/index.html".into())
    );
    assert!(rebuild.diagnostics.is_empty(), "{:?}", rebuild.diagnostics);
}

#[test]
fn a_broken_edit_keeps_the_last_good_article_and_reports_it() {
    let site = TestSite::new();
    let mut live = site.start();
    let broken = site.write(
        "seeds/2025-07-10-a.md",
        "+++\ntitel = \"Alpha\"\n+++\nHalf-typed.\n",
    );
    let rebuild = live.apply(&content(&broken)).unwrap();
    assert!(rebuild.has_errors(), "{:?}", rebuild.diagnostics);
    assert!(
        site.output("articles/2025-07-10-a/index.html")
            .contains("The first story.")
    );
    let fixed = site.write(
        "seeds/2025-07-10-a.md",
        "+++\ntitle = \"Alpha\"\n+++\nFixed.\n",
    );
    let rebuild = live.apply(&content(&fixed)).unwrap();
    assert!(!rebuild.has_errors(), "{:?}", rebuild.diagnostics);
    assert!(
        site.output("articles/2025-07-10-a/index.html")
            .contains("Fixed.")
    );
}

#[test]
fn a_new_story_is_found_and_a_deleted_one_removed() {
    let site = TestSite::new();
    let mut live = site.start();
    let added = site.write(
        "seeds/2025-07-12-c.md",
        "+++\ntitle = \"Gamma\"\n+++\nA third story.\n",
    );
    let rebuild = live.apply(&content(&added)).unwrap();
    assert!(
        rebuild
            .written
            .contains(&"articles/2025-07-12-c/index.html".into())
    );
    std::fs::remove_file(&added).unwrap();
    let rebuild = live.apply(&content(&added)).unwrap();
    assert!(
        rebuild
            .removed
            .contains(&"articles/2025-07-12-c/index.html".into())
    );
    assert!(
        !site
            .root()
            .join("out/articles/2025-07-12-c")
            .join("index.html")
            .exists()
    );
}

/// A watcher stand-in: events are change sets already.
#[derive(Default)]
struct FakeInputs {
    rewatched: usize,
}

impl Inputs for FakeInputs {
    type Events = ChangeSet;

    fn watch_inputs(&mut self) -> Result<(), Error> {
        self.rewatched += 1;
        Ok(())
    }

    fn classify(&self, events: ChangeSet, _root: &Path, _output: &Path) -> ChangeSet {
        events
    }
}

#[test]
fn the_loop_previews_then_finishes_a_burst_and_stops_on_quit() {
    let site = TestSite::new();
    let mut live = site.start();
    let edited = site.write(
        "seeds/2025-07-10-a.md",
        "+++\ntitle = \"Alpha\"\n+++\nEdited twice.\n",
    );
    let (sender, messages) = mpsc::channel();
    // Two messages in one burst: one rebuild.
    sender.send(Message::Events(content(&edited))).unwrap();
    sender.send(Message::Events(ChangeSet::default())).unwrap();
    let seen = RefCell::new(Vec::new());
    let mut inputs = FakeInputs::default();
    rebuild_loop::run(&mut live, &mut inputs, &messages, &mut |outcome| {
        seen.borrow_mut().push(match outcome {
            Outcome::Preview(pages) => format!("preview {}", pages.join(" ")),
            Outcome::Rebuilt(rebuild) => {
                let _ = sender.send(Message::Quit);
                format!("rebuilt {}", rebuild.reparsed)
            }
            Outcome::Failed(e) => format!("failed {e}"),
        });
    });
    assert_eq!(
        seen.into_inner(),
        ["preview articles/2025-07-10-a/index.html", "rebuilt 1"]
    );
    assert_eq!(inputs.rewatched, 1);
}

#[test]
fn a_quit_in_the_same_burst_stops_before_any_rebuild() {
    let site = TestSite::new();
    let mut live = site.start();
    let edited = site.write("seeds/2025-07-10-a.md", "+++\ntitle = \"Alpha\"\n+++\nX.\n");
    let (sender, messages) = mpsc::channel();
    sender.send(Message::Events(content(&edited))).unwrap();
    sender.send(Message::Quit).unwrap();
    let mut reports = 0;
    rebuild_loop::run(
        &mut live,
        &mut FakeInputs::default(),
        &messages,
        &mut |_| reports += 1,
    );
    assert_eq!(reports, 0);
    assert!(!live.has_pending());
    assert!(
        site.output("articles/2025-07-10-a/index.html")
            .contains("The first story.")
    );
}
