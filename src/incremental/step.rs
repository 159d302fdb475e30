//! Driving the whole-site step of a [`LiveBuild`]: starting it on its own
//! thread from a snapshot, looking at it without waiting, cancelling it,
//! and taking in what it wrote (all of it, or up to where it was cancelled).

use std::collections::HashSet;
use std::sync::Arc;

use super::whole_site::{Complete, Done, Running, Snapshot, UNKNOWN};
use super::{Finished, LiveBuild, Rebuild};
use crate::error::Error;

impl LiveBuild {
    /// Starts the whole-site step on its own thread when changes are
    /// pending and none is running; [`LiveBuild::poll_finish`] collects it.
    pub fn start_finish(&mut self) {
        if !self.wants_finish() || !self.pending.as_ref().is_some_and(|p| p.rerender) {
            return;
        }
        let snapshot = Snapshot {
            articles: self.sources.good().cloned().collect(),
            options: self.options.clone(),
            config: self.config.clone(),
            renderer: Arc::clone(&self.renderer),
            pages: Arc::clone(&self.pages),
            memo: Arc::clone(&self.memo),
            corpus: Arc::clone(&self.corpus),
            previewed: self.previewed.clone(),
            live: self.live.clone(),
            first: self.recent.iter().map(|(_, page)| page.clone()).collect(),
            standalone: self.digest.pages.clone(),
        };
        self.running = Some((Running::start(snapshot), self.generation));
    }

    /// Looks at the whole-site step without waiting: `None` while it runs
    /// (or when nothing is pending), the pages it renders first once they
    /// are written, and the rebuild once every change is done. A step
    /// cancelled by a newer change gives `None`: what it wrote is kept
    /// track of, and [`LiveBuild::start_finish`] starts the next one.
    pub fn poll_finish(&mut self) -> Option<Finished> {
        let Some((running, _)) = &self.running else {
            let pending = self.pending.as_ref()?;
            return (!pending.rerender).then(|| Finished::Done(self.conclude()));
        };
        if !running.is_finished() {
            return running
                .first_written()
                .filter(|pages| !pages.is_empty())
                .map(Finished::First);
        }
        self.collect().map(Finished::Done)
    }

    /// Cancels a running whole-site step and waits for it to stop,
    /// keeping track of what it wrote.
    pub(super) fn stop(&mut self) {
        if let Some((running, _)) = &self.running {
            running.cancel();
            let _ = self.collect();
        }
    }

    /// Waits for the running step, takes in what it did, and returns the
    /// rebuild when every pending change is done.
    pub(super) fn collect(&mut self) -> Option<Result<Rebuild, Error>> {
        let (running, generation) = self.running.take()?;
        let same_renderer = Arc::ptr_eq(&running.renderer, &self.renderer);
        let (result, claims) = running.join();
        let done = match result {
            Ok(done) => done,
            Err(e) => {
                self.failed = true;
                self.mark_unknown(&claims);
                return Some(Err(e));
            }
        };
        let complete = done.complete.is_some();
        let current = generation == self.generation;
        self.take_in_step(done, same_renderer, current);
        self.mark_unknown(&claims);
        if complete {
            self.previewed.retain(|path, _| claims.contains(path));
        }
        (complete && current).then(|| self.conclude())
    }

    /// Records what a whole-site step wrote: the fingerprint of every page
    /// it rendered (unknown if the templates changed since), and, when it
    /// ran to the end, every page's fingerprint and its digest (kept only
    /// when no change came in since, as previews patch the digest in use).
    fn take_in_step(&mut self, done: Done, same_renderer: bool, current: bool) {
        let Done {
            memo,
            corpus,
            written,
            complete,
        } = done;
        let mut old: Vec<Box<dyn Send>> = Vec::new();
        if let Some(memo) = memo {
            old.push(Box::new(std::mem::replace(&mut self.memo, Arc::new(memo))));
        }
        if let Some(corpus) = corpus {
            old.push(Box::new(std::mem::replace(
                &mut self.corpus,
                Arc::new(corpus),
            )));
        }
        let rebuild = match &mut self.pending {
            Some(pending) => &mut pending.rebuild,
            None => return,
        };
        for w in written.iter().filter(|w| w.wrote) {
            rebuild.written.push(w.path.clone());
            self.previewed.remove(&w.path);
        }
        match complete {
            Some(Complete {
                digest,
                digest_diagnostics,
                mut pages,
                removed,
            }) => {
                if !same_renderer {
                    pages.values_mut().for_each(|fp| *fp = UNKNOWN);
                }
                rebuild.removed.extend(removed);
                old.push(Box::new(std::mem::replace(
                    &mut self.pages,
                    Arc::new(pages),
                )));
                if current {
                    // Notes (held, folded) belong in a build's summary,
                    // not in a rebuild's list of problems.
                    self.digest_diagnostics = digest_diagnostics
                        .into_iter()
                        .filter(|d| !d.is_note())
                        .collect();
                    old.push(Box::new(std::mem::replace(&mut self.digest, digest)));
                } else {
                    old.push(Box::new(digest));
                }
            }
            None => {
                let pages = Arc::make_mut(&mut self.pages);
                for w in written {
                    let fp = if same_renderer {
                        w.fingerprint
                    } else {
                        UNKNOWN
                    };
                    pages.insert(w.path, fp);
                }
            }
        }
        // Freeing the previous build's tens of thousands of small values
        // takes milliseconds nobody needs to wait for.
        std::thread::spawn(move || drop(old));
    }

    /// Pages a preview wrote while a step ran hold bytes no fingerprint
    /// names: the next step renders them again.
    fn mark_unknown(&mut self, claimed: &HashSet<String>) {
        if claimed.is_empty() {
            return;
        }
        let pages = Arc::make_mut(&mut self.pages);
        for path in claimed {
            pages.insert(path.clone(), UNKNOWN);
        }
    }

    /// The rebuild of the pending changes, now all done: after articles
    /// changed, the files beside stories are copied again first.
    pub(super) fn conclude(&mut self) -> Result<Rebuild, Error> {
        let Some(mut pending) = self.pending.take() else {
            return Ok(Rebuild::default());
        };
        if pending.content {
            self.recopy_story_files(&mut pending.rebuild)?;
        }
        let mut rebuild = pending.rebuild;
        rebuild.written.sort();
        rebuild.written.dedup();
        rebuild.removed.sort();
        rebuild.removed.dedup();
        let pages = rebuild.all_written().iter().any(|p| p.ends_with(".html"));
        rebuild.css_only =
            pending.stylesheets_only == Some(true) && !pages && rebuild.removed.is_empty();
        rebuild.diagnostics = self.diagnostics();
        rebuild.fatal = self.fatal.clone();
        rebuild.elapsed = pending.started.elapsed();
        Ok(rebuild)
    }
}
