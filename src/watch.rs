//! Watching the site for changes: notify (debounced) + a pure classifier.
//!
//! [`classify`] turns raw file-system events into a [`ChangeSet`]: which
//! articles, templates and static files changed and whether `site.toml` did,
//! ignoring the output folder, hidden files and editor temp and swap files.
//! [`Watcher`] owns the debounced notify watcher; [`run`] is the rebuild loop
//! `watch` and `serve` share.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use notify_debouncer_full::notify::event::{Event, EventKind};
use notify_debouncer_full::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::config::CONFIG_FILE;
use crate::config::corrections::ENTITIES_FILE;
use crate::discover::is_ignored;
use crate::error::Error;
use crate::incremental::{Rebuild, Session};

/// How long the file system must be quiet before a rebuild starts. Short,
/// because editors save in a burst of a few events within milliseconds.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// What changed, by kind of input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSet {
    /// `site.toml` or `entities.toml` changed: everything is rebuilt.
    pub config: bool,
    /// A template changed: every page is re-rendered, nothing re-parsed.
    pub templates: bool,
    /// Static files that changed (absolute paths).
    pub static_files: BTreeSet<PathBuf>,
    /// Article files and sidecars that changed (absolute paths).
    pub content: BTreeSet<PathBuf>,
}

impl ChangeSet {
    /// Whether nothing relevant changed.
    pub fn is_empty(&self) -> bool {
        !self.config && !self.templates && self.static_files.is_empty() && self.content.is_empty()
    }

    /// Adds another change set's changes to this one.
    pub fn merge(&mut self, other: ChangeSet) {
        self.config |= other.config;
        self.templates |= other.templates;
        self.static_files.extend(other.static_files);
        self.content.extend(other.content);
    }
}

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
        }
        ["templates", ..] => changes.templates = true,
        ["static", ..] => {
            changes.static_files.insert(path.to_path_buf());
        }
        _ => {}
    }
}

/// A message to the rebuild loop.
pub enum Message {
    /// Debounced file-system events.
    Events(DebounceEventResult),
    /// Stop watching.
    Quit,
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
    pub fn start(root: &Path, sender: Sender<Message>) -> Result<Watcher, Error> {
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
        for name in ["seeds", "templates", "static"] {
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

fn watch_error(path: &Path, e: notify_debouncer_full::notify::Error) -> Error {
    Error::io("watch", path, std::io::Error::other(e.to_string()))
}

/// What the rebuild loop reports.
pub enum Outcome<'a> {
    /// Edited articles' pages were written ahead of the full rebuild.
    Preview(&'a [String]),
    /// A rebuild finished (possibly with article errors).
    Rebuilt(&'a Rebuild),
    /// A rebuild failed; the previous output is untouched.
    Failed(&'a Error),
}

/// The rebuild loop: waits for changes, applies them to `session` and hands
/// each outcome to `report`, until a [`Message::Quit`] arrives or the
/// channel closes. Edited pages are written and reported first
/// ([`Session::update`]); the rest of the rebuild ([`Session::finish`]) runs
/// only once no further change is waiting, so a burst of saves is one
/// rebuild and an edit never waits behind a rebuild it makes obsolete.
pub fn run(
    session: &mut Session,
    watcher: &mut Watcher,
    messages: &Receiver<Message>,
    report: &mut dyn FnMut(Outcome<'_>),
) {
    let mut waiting: Option<Message> = None;
    loop {
        let first = match waiting.take() {
            Some(message) => message,
            None => match messages.recv() {
                Ok(message) => message,
                Err(_) => return,
            },
        };
        let mut changes = ChangeSet::default();
        if !absorb(session, first, &mut changes) || !drain(session, messages, &mut changes) {
            return;
        }
        if !changes.is_empty() {
            if let Err(e) = watcher.watch_inputs() {
                report(Outcome::Failed(&e));
            }
            match session.update(&changes) {
                Ok(pages) if !pages.is_empty() => report(Outcome::Preview(&pages)),
                Ok(_) => {}
                Err(e) => report(Outcome::Failed(&e)),
            }
        }
        match messages.recv_timeout(Duration::ZERO) {
            Ok(message) => {
                waiting = Some(message);
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return,
            Err(RecvTimeoutError::Timeout) => {}
        }
        if session.has_pending() {
            match session.finish() {
                Ok(rebuild) => report(Outcome::Rebuilt(&rebuild)),
                Err(e) => report(Outcome::Failed(&e)),
            }
        }
    }
}

/// Adds every message already queued; false when one is Quit.
fn drain(session: &Session, messages: &Receiver<Message>, changes: &mut ChangeSet) -> bool {
    loop {
        match messages.recv_timeout(Duration::ZERO) {
            Ok(message) => {
                if !absorb(session, message, changes) {
                    return false;
                }
            }
            Err(RecvTimeoutError::Timeout) => return true,
            Err(RecvTimeoutError::Disconnected) => return false,
        }
    }
}

/// Adds a message's changes; false for Quit.
fn absorb(session: &Session, message: Message, changes: &mut ChangeSet) -> bool {
    match message {
        Message::Quit => false,
        Message::Events(Ok(events)) => {
            let events: Vec<Event> = events.into_iter().map(|e| e.event).collect();
            changes.merge(classify(session.root(), session.output(), &events));
            true
        }
        Message::Events(Err(_)) => {
            // The watcher lost track (e.g. too many events): rescan it all.
            changes.config = true;
            true
        }
    }
}

/// A channel for [`Message`]s.
pub fn channel_pair() -> (Sender<Message>, Receiver<Message>) {
    channel()
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
