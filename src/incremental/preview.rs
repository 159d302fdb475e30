//! The first step of an incremental rebuild: the pages of articles edited
//! in place (and, after a template change, of the articles edited last)
//! rendered against the digest in use and written at once, claiming them
//! from a whole-site step that may be running.

use std::sync::Arc;

use xxhash_rust::xxh3::xxh3_64;

use super::{LiveBuild, RECENT};
use crate::error::Error;
use crate::render::{Job, Page, RenderedPage};

impl LiveBuild {
    /// Renders the pages of articles edited in place against the previous
    /// digest and writes them; returns their output paths.
    pub(super) fn preview(&mut self) -> Result<Vec<String>, Error> {
        let mut jobs = Vec::new();
        for (before, after) in &self.replaced {
            let stays = before.slug == after.slug
                && before.date == after.date
                && before.weight == after.weight
                && before.rank == after.rank
                && before.tags == after.tags
                && before.draft == after.draft;
            let articles = &self.digest.articles;
            let position = articles
                .enumerate()
                .find(|(_, a)| Arc::ptr_eq(a, before))
                .map(|(i, _)| i);
            if let (true, Some(i)) = (stays, position) {
                self.digest.articles[i] = Arc::clone(after);
                jobs.push(Job::Page(Page::Article(i)));
            }
        }
        jobs.into_iter()
            .map(|job| self.write_preview(job))
            .collect()
    }

    /// Renders the recently edited articles' pages again (after a template
    /// change) against the current digest and writes them; returns their
    /// output paths.
    pub(super) fn preview_recent(&mut self) -> Result<Vec<String>, Error> {
        let sources: Vec<std::path::PathBuf> = self
            .recent
            .iter()
            .map(|(source, _)| source.clone())
            .collect();
        let jobs: Vec<Job> = sources
            .iter()
            .filter_map(|source| {
                self.digest
                    .articles
                    .enumerate()
                    .find(|(_, a)| a.source_path == *source)
                    .map(|(i, _)| Job::Page(Page::Article(i)))
            })
            .collect();
        jobs.into_iter()
            .map(|job| self.write_preview(job))
            .collect()
    }

    /// Renders one article's page against the current digest, writes it
    /// (claiming it from a running step) and remembers it as recent.
    fn write_preview(&mut self, job: Job) -> Result<String, Error> {
        let RenderedPage { path, bytes } = self.renderer.render(&self.digest, job)?;
        let prepared = self.live.prepare(&path, &bytes)?;
        match &self.running {
            Some((running, _)) => running.claims.commit_claimed(&path, prepared)?,
            None => prepared.commit()?,
        }
        self.previewed.insert(path.clone(), xxh3_64(&bytes));
        if let Job::Page(Page::Article(i)) = job {
            let source = self.digest.articles[i].source_path.clone();
            self.recent.retain(|(s, _)| *s != source);
            self.recent.insert(0, (source, path.clone()));
            self.recent.truncate(RECENT);
        }
        Ok(path)
    }
}
