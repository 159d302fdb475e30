//! Watching the site for changes: notify (debounced) + a pure classifier.
//! The only user of `notify`.
//!
//! [`classify`] turns raw file-system events into a [`ChangeSet`]: which
//! articles, templates and static files changed and whether `site.toml` did,
//! ignoring the output folder, hidden files and editor temp and swap files.
//! [`Watcher`] owns the debounced notify watcher and is the [`Inputs`] of
//! the rebuild loop in [`crate::incremental::rebuild_loop`].

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::event::{Event, EventKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::config::CONFIG_FILE;
use crate::config::corrections::ENTITIES_FILE;
use crate::discover::is_ignored;
use crate::error::Error;
use crate::incremental::changes::ChangeSet;
use crate::incremental::rebuild_loop::{Inputs, Message};

/// How long the file system must be quiet before a rebuild starts. Short,
/// because editors save in a burst of a few events within milliseconds.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// What the watcher reports at a time: notify's debounced events.
pub type Events = DebounceEventResult;

/// A message from the watcher (or from whoever stops the rebuild loop).
pub type WatchMessage = Message<Events>;

/// Classifies file-system events under the site `root`; anything under
/// `output` is the build's own writing and is ignored.
pub fn classify(root: &Path, output: &Path, events: &[Event]) -> ChangeSet {
    let mut changes = ChangeSet::default();
    for event in events {
        if matches!(event.kind, EventKind::Access(_)) {
            continue;
        }
        for path in &event.paths {
            classify_path(root, output, path, &mut changes);
        }
    }
    changes
}

fn classify_path(root: &Path, output: &Path, path: &Path, changes: &mut ChangeSet) {
    if path.starts_with(output) {
        return;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return;
    };
    let names: Vec<&str> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => name.to_str(),
            _ => None,
        })
        .collect();
    if names.is_empty() || names.iter().any(|n| is_ignored(n)) {
        return;
    }
    match names.as_slice() {
        [CONFIG_FILE | ENTITIES_FILE] => changes.config = true,
        ["seeds", ..] => {
            changes.content.insert(path.to_path_buf());
            if !is_article_source(path) {
                // A file beside a story (or a folder): published as is.
                changes.static_files.insert(path.to_path_buf());
            }
        }
        // Standalone pages are few and link from every page's footer: a
        // change to one rebuilds the site.
        ["pages", ..] => changes.config = true,
        ["templates", ..] => changes.templates = true,
        ["static", ..] => {
            changes.static_files.insert(path.to_path_buf());
        }
        _ => {}
    }
}

/// Whether `path` is an article or a sidecar, rather than a file published
/// beside a story.
fn is_article_source(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("md" | "markdown" | "txt" | "toml"))
}

/// A debounced watcher on a site's inputs.
pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: BTreeSet<PathBuf>,
    root: PathBuf,
}

impl Watcher {
    /// Starts watching `root` (for `site.toml` and new input folders) and
    /// its `seeds/`, `templates/` and `static/` recursively. Events go to
    /// `sender`.
    pub fn start(root: &Path, sender: Sender<WatchMessage>) -> Result<Watcher, Error> {
        let debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            let _ = sender.send(Message::Events(result));
        })
        .map_err(|e| watch_error(root, e))?;
        let mut watcher = Watcher {
            debouncer,
            watched: BTreeSet::new(),
            root: root.to_path_buf(),
        };
        watcher
            .debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(root, e))?;
        watcher.watch_inputs()?;
        Ok(watcher)
    }

    /// Watches any input folder that exists and is not watched yet (one
    /// created after start is picked up here).
    pub fn watch_inputs(&mut self) -> Result<(), Error> {
        for name in ["seeds", "pages", "templates", "static"] {
            let dir = self.root.join(name);
            if dir.is_dir() && !self.watched.contains(&dir) {
                self.debouncer
                    .watch(&dir, RecursiveMode::Recursive)
                    .map_err(|e| watch_error(&dir, e))?;
                self.watched.insert(dir);
            }
        }
        Ok(())
    }
}

impl Inputs for Watcher {
    type Events = Events;

    fn watch_inputs(&mut self) -> Result<(), Error> {
        Watcher::watch_inputs(self)
    }

    fn classify(&self, events: Events, root: &Path, output: &Path) -> ChangeSet {
        match events {
            Ok(events) => {
                let events: Vec<Event> = events.into_iter().map(|e| e.event).collect();
                classify(root, output, &events)
            }
            // The watcher lost track (e.g. too many events): rescan it all.
            Err(_) => ChangeSet {
                config: true,
                ..ChangeSet::default()
            },
        }
    }
}

fn watch_error(path: &Path, e: notify_debouncer_full::notify::Error) -> Error {
    Error::io("watch", path, std::io::Error::other(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify_debouncer_full::notify::event::{
        AccessKind, CreateKind, ModifyKind, RemoveKind, RenameMode,
    };

    fn event(kind: EventKind, paths: &[&str]) -> Event {
        let mut e = Event::new(kind);
        for p in paths {
            e = e.add_path(PathBuf::from(p));
        }
        e
    }

    fn classify_one(kind: EventKind, paths: &[&str]) -> ChangeSet {
        classify(
            Path::new("/site"),
            Path::new("/site/public"),
            &[event(kind, paths)],
        )
    }

    #[test]
    fn articles_templates_static_and_config_are_told_apart() {
        let modify = EventKind::Modify(ModifyKind::Any);
        let c = classify_one(modify, &["/site/seeds/a.txt"]);
        assert_eq!(c.content.len(), 1);
        assert!(!c.templates && !c.config);
        assert!(classify_one(modify, &["/site/templates/base.html"]).templates);
        assert!(classify_one(modify, &["/site/site.toml"]).config);
        assert!(classify_one(modify, &["/site/entities.toml"]).config);
        let s = classify_one(modify, &["/site/static/style.css"]);
        assert_eq!(s.static_files.len(), 1);
        assert!(
            c.static_files.is_empty(),
            "an article is not a file to copy"
        );
        let beside = classify_one(modify, &["/site/seeds/quake/chart.png"]);
        assert_eq!(
            beside.static_files.len(),
            1,
            "a file beside a story is copied"
        );
        assert_eq!(
            beside.content.len(),
            1,
            "and may be new to a story's folder"
        );
        assert!(classify_one(modify, &["/site/pages/about.md"]).config);
        assert!(classify_one(modify, &["/site/pages/team.jpg"]).config);
    }

    #[test]
    fn output_hidden_and_editor_files_are_ignored() {
        let modify = EventKind::Modify(ModifyKind::Any);
        for path in [
            "/site/public/index.html",
            "/site/seeds/.a.txt.swp",
            "/site/seeds/a.txt~",
            "/site/seeds/#a.txt#",
            "/site/.git/index",
            "/site/.public.staging/x",
            "/elsewhere/seeds/a.txt",
            "/site/README.md",
        ] {
            assert!(classify_one(modify, &[path]).is_empty(), "{path}");
        }
    }

    #[test]
    fn creations_removals_and_renames_are_content_changes() {
        let created = classify_one(EventKind::Create(CreateKind::File), &["/site/seeds/new.md"]);
        assert_eq!(created.content.len(), 1);
        let removed = classify_one(EventKind::Remove(RemoveKind::File), &["/site/seeds/old.md"]);
        assert_eq!(removed.content.len(), 1);
        let renamed = classify_one(
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            &["/site/seeds/a.md", "/site/seeds/b.md"],
        );
        assert_eq!(renamed.content.len(), 2);
    }

    #[test]
    fn access_events_are_not_changes() {
        let c = classify_one(EventKind::Access(AccessKind::Any), &["/site/seeds/a.txt"]);
        assert!(c.is_empty());
    }

    #[test]
    fn merging_accumulates() {
        let mut a = classify_one(EventKind::Any, &["/site/seeds/a.txt"]);
        a.merge(classify_one(EventKind::Any, &["/site/templates/x.html"]));
        assert!(a.templates);
        assert_eq!(a.content.len(), 1);
    }
}
