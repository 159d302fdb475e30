//! The whole-site step of an incremental rebuild, on a thread of its own so
//! that an edit made meanwhile never waits for it.
//!
//! [`Running::start`] takes a [`Snapshot`] of what the step needs (the good
//! articles, the renderer, the fingerprint of every page on disk, the memo
//! of the last fingerprinting) and, on its own thread, assembles the digest,
//! fingerprints every page and renders and writes the pages whose
//! fingerprint changed, the pages asked for first (the ones open or just
//! edited) and the rest in chunks. Between stages and between chunks it
//! checks its cancel flag: an edit made meanwhile cancels it, and what it
//! wrote before stopping is reported page by page ([`Done::written`]), so
//! the step redone after writes exactly what is still out of date. Every
//! page is written beside its target and renamed into place, so the output
//! always holds whole pages; a page the preview writes while the step runs
//! is claimed ([`Claims`]) and never overwritten by the step.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use rayon::prelude::*;
use xxhash_rust::xxh3::{Xxh3DefaultBuilder, xxh3_64};

use crate::config::Config;
use crate::digest::pages::StandalonePage;
use crate::digest::{CorpusMemo, Digest};
use crate::enrich::Article;
use crate::error::{Diagnostic, Error};
use crate::output::{LiveOutput, Prepared};
use crate::pipeline::{self, BuildOptions};
use crate::render::fingerprint::{Memo, fingerprint_all};
use crate::render::{Job, RenderedPage, Renderer};
use crate::timings::Timings;

/// Output path → fingerprint (or hash of the bytes written).
pub(super) type PageMap = HashMap<String, u64, Xxh3DefaultBuilder>;

/// The fingerprint of a page whose bytes on disk are not known to match
/// any view (written by a preview, or with templates since replaced): the
/// next step renders it again. A real fingerprint equal to it would only
/// cost that page one needless render.
pub(super) const UNKNOWN: u64 = 0;

/// Pages rendered between two looks at the cancel flag.
const CHUNK: usize = 16;

/// What the step works from, taken when it starts.
pub(super) struct Snapshot {
    /// The good version of every article.
    pub(super) articles: Vec<Arc<Article>>,
    /// The build's options.
    pub(super) options: BuildOptions,
    /// The site's configuration (editions and duplicates settings).
    pub(super) config: Config,
    /// The renderer (templates and settings) to render with.
    pub(super) renderer: Arc<Renderer>,
    /// What every page on disk was rendered from.
    pub(super) pages: Arc<PageMap>,
    /// Fingerprints remembered by input identity.
    pub(super) memo: Arc<Memo>,
    /// The last digest's corpus pass, kept when no article changed what
    /// it reads.
    pub(super) corpus: Arc<CorpusMemo>,
    /// Hashes of the pages the preview wrote since the last complete step:
    /// a page rendered to the same bytes is not written again.
    pub(super) previewed: PageMap,
    /// The output folder.
    pub(super) live: LiveOutput,
    /// Pages to render before any other (open or just edited).
    pub(super) first: HashSet<String>,
    /// The standalone pages of `pages/` (read again only by a full
    /// rebuild).
    pub(super) standalone: Vec<StandalonePage>,
}

/// Pages the preview wrote while the step ran: the step leaves them alone.
#[derive(Default)]
pub(super) struct Claims(Mutex<HashSet<String>>);

impl Claims {
    /// Puts a page the preview prepared in place, claiming it.
    pub(super) fn commit_claimed(&self, path: &str, page: Prepared) -> Result<(), Error> {
        let mut claimed = self.0.lock().unwrap_or_else(|e| e.into_inner());
        claimed.insert(path.to_string());
        page.commit()
    }

    /// Puts a page the step prepared in place unless the preview claimed
    /// it; whether it was.
    fn commit_unclaimed(&self, path: &str, page: Prepared) -> Result<bool, Error> {
        let claimed = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if claimed.contains(path) {
            page.discard();
            return Ok(false);
        }
        page.commit().map(|()| true)
    }

    /// The pages claimed.
    pub(super) fn into_set(self) -> HashSet<String> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// A page the step rendered, and whether it had to write it.
pub(super) struct Written {
    /// Its output path.
    pub(super) path: String,
    /// Its fingerprint.
    pub(super) fingerprint: u64,
    /// False when the bytes on disk (a preview's) were already these.
    pub(super) wrote: bool,
}

/// What a step did, whether it ran to the end or was cancelled.
#[derive(Default)]
pub(super) struct Done {
    /// The fingerprints of this digest, once computed.
    pub(super) memo: Option<Memo>,
    /// This digest's corpus pass, once assembled.
    pub(super) corpus: Option<CorpusMemo>,
    /// Every page rendered, in the order written.
    pub(super) written: Vec<Written>,
    /// Only when the step ran to the end.
    pub(super) complete: Option<Complete>,
}

/// What a step that ran to the end leaves behind.
pub(super) struct Complete {
    /// The new digest.
    pub(super) digest: Digest,
    /// Its problems.
    pub(super) digest_diagnostics: Vec<Diagnostic>,
    /// Every page of the new digest with its fingerprint.
    pub(super) pages: PageMap,
    /// Pages removed because the new digest has no such page.
    pub(super) removed: Vec<String>,
}

/// A step running on its thread.
pub(super) struct Running {
    cancel: Arc<AtomicBool>,
    /// The pages the preview writes while it runs.
    pub(super) claims: Arc<Claims>,
    /// The renderer it renders with.
    pub(super) renderer: Arc<Renderer>,
    handle: JoinHandle<Result<Done, Error>>,
    first: Receiver<Vec<String>>,
}

impl Running {
    /// Starts a step on its own thread.
    pub(super) fn start(snapshot: Snapshot) -> Running {
        let cancel = Arc::new(AtomicBool::new(false));
        let claims = Arc::new(Claims::default());
        let renderer = Arc::clone(&snapshot.renderer);
        let (sender, first) = mpsc::channel();
        let handle = {
            let cancel = Arc::clone(&cancel);
            let claims = Arc::clone(&claims);
            std::thread::spawn(move || run(snapshot, &cancel, &claims, &sender))
        };
        Running {
            cancel,
            claims,
            renderer,
            handle,
            first,
        }
    }

    /// Asks the step to stop at its next look at the flag.
    pub(super) fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether the step has stopped (finished or cancelled).
    pub(super) fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }

    /// The pages asked for first, once the step has written them.
    pub(super) fn first_written(&self) -> Option<Vec<String>> {
        self.first.try_recv().ok()
    }

    /// Waits for the step to stop; what it did and the pages claimed.
    pub(super) fn join(self) -> (Result<Done, Error>, HashSet<String>) {
        let result = match self.handle.join() {
            Ok(result) => result,
            // A panic in the step is a bug: let it go on unwinding here.
            Err(payload) => std::panic::resume_unwind(payload),
        };
        let claims = Arc::try_unwrap(self.claims)
            .map(Claims::into_set)
            .unwrap_or_else(|shared| shared.0.lock().map(|set| set.clone()).unwrap_or_default());
        (result, claims)
    }
}

fn run(
    s: Snapshot,
    cancel: &AtomicBool,
    claims: &Claims,
    first_written: &Sender<Vec<String>>,
) -> Result<Done, Error> {
    let cancelled = || cancel.load(Ordering::Relaxed);
    let mut done = Done::default();
    let (mut digest, digest_diagnostics, corpus) = pipeline::assemble_reusing(
        s.articles.iter().cloned(),
        &s.config,
        &s.options,
        Some(&s.corpus),
        &Timings::new(),
    );
    done.corpus = Some(corpus);
    digest.pages = s.standalone.clone();
    if cancelled() {
        return Ok(done);
    }
    let (fresh, memo) = fingerprint_all(&s.renderer, &digest, &s.memo);
    done.memo = Some(memo);
    if cancelled() {
        return Ok(done);
    }
    let mut dirty: Vec<(&String, Job, u64)> = fresh
        .iter()
        .filter(|(path, _, fp)| s.pages.get(path) != Some(fp))
        .map(|(path, job, fp)| (path, *job, *fp))
        .collect();
    dirty.sort_by(|a, b| (!s.first.contains(a.0), a.0).cmp(&(!s.first.contains(b.0), b.0)));
    let ahead = dirty.iter().take_while(|d| s.first.contains(d.0)).count();
    let (ahead, rest) = dirty.split_at(ahead);
    let written = write_pages(&s, &digest, ahead, claims)?;
    let _ = first_written.send(
        written
            .iter()
            .filter(|w| w.wrote)
            .map(|w| w.path.clone())
            .collect(),
    );
    done.written.extend(written);
    for chunk in rest.chunks(CHUNK) {
        if cancelled() {
            return Ok(done);
        }
        done.written
            .extend(write_pages(&s, &digest, chunk, claims)?);
    }
    let fresh_paths: HashSet<&String, Xxh3DefaultBuilder> =
        fresh.iter().map(|(p, _, _)| p).collect();
    let mut removed: Vec<String> = s
        .pages
        .keys()
        .filter(|p| !fresh_paths.contains(p))
        .cloned()
        .collect();
    removed.sort();
    for path in &removed {
        s.live.remove(path)?;
    }
    done.complete = Some(Complete {
        digest,
        digest_diagnostics,
        pages: fresh.into_iter().map(|(path, _, fp)| (path, fp)).collect(),
        removed,
    });
    Ok(done)
}

/// Renders `jobs` in parallel and writes each page whose bytes differ from
/// what the preview wrote and that the preview has not claimed since.
fn write_pages(
    s: &Snapshot,
    digest: &Digest,
    jobs: &[(&String, Job, u64)],
    claims: &Claims,
) -> Result<Vec<Written>, Error> {
    let written: Vec<Option<Written>> = jobs
        .par_iter()
        .map(|&(path, job, fingerprint)| {
            if Renderer::streams(job) {
                let fill =
                    &mut |out: &mut dyn std::io::Write| s.renderer.write_to(digest, job, out);
                let prepared = s.live.prepare_streamed(path, fill)?;
                return Ok(claims.commit_unclaimed(path, prepared)?.then(|| Written {
                    path: path.clone(),
                    fingerprint,
                    wrote: true,
                }));
            }
            let RenderedPage { path, bytes } = s.renderer.render(digest, job)?;
            if s.previewed.get(&path) == Some(&xxh3_64(&bytes)) {
                return Ok(Some(Written {
                    path,
                    fingerprint,
                    wrote: false,
                }));
            }
            let prepared = s.live.prepare(&path, &bytes)?;
            Ok(claims
                .commit_unclaimed(&path, prepared)?
                .then_some(Written {
                    path,
                    fingerprint,
                    wrote: true,
                }))
        })
        .collect::<Result<_, Error>>()?;
    Ok(written.into_iter().flatten().collect())
}
