//! Page fingerprints: a cheap hash of everything a page shows.
//!
//! An incremental rebuild compares each page's fingerprint with the one from
//! the previous build and re-renders only the pages whose inputs changed.
//! A fingerprint hashes the page's view model exactly as templates would see
//! it, except that listed stories appear as their card's signature and an
//! article body as its source revision, so fingerprinting every page of a
//! large site costs a fraction of rendering one.

use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

use super::urls::Urls;
use super::{Job, PageSpec, PageVisitor, Renderer, views};
use crate::digest::Digest;

/// The signature of every story's card, indexed like `Digest::articles`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardSigs(Vec<u64>);

impl CardSigs {
    /// Hashes every story's card.
    pub fn compute(digest: &Digest, urls: &Urls) -> CardSigs {
        CardSigs(
            (0..digest.articles.len())
                .into_par_iter()
                .map(|i| hash_of(&views::card(digest, i, urls)))
                .collect(),
        )
    }
}

/// The hash of a value's JSON serialisation.
fn hash_of<T: Serialize>(value: &T) -> u64 {
    let mut writer = HashWriter(Xxh3::new());
    // Writing into a hasher cannot fail; a view that fails to serialise
    // fails to render too, so the hash of what was written is good enough.
    let _ = serde_json::to_writer(&mut writer, value);
    writer.0.digest()
}

struct HashWriter(Xxh3);

impl Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct FingerprintVisitor<'a> {
    digest: &'a Digest,
    sigs: &'a CardSigs,
}

#[derive(Serialize)]
struct Envelope<'a, T> {
    template: &'static str,
    title: &'a str,
    route: &'a str,
    has_code: bool,
    body_revision: Option<u64>,
    page: T,
}

impl PageVisitor for FingerprintVisitor<'_> {
    type Card = u64;
    type Output = u64;

    fn card(&self, i: usize) -> u64 {
        self.sigs.0.get(i).copied().unwrap_or_default()
    }

    fn page<T: Serialize>(&self, spec: PageSpec<'_>, page: T) -> u64 {
        hash_of(&Envelope {
            template: spec.template,
            title: spec.title,
            route: spec.route,
            has_code: spec.has_code,
            body_revision: spec.body_of.map(|i| self.digest.articles[i].revision),
            page,
        })
    }
}

impl Renderer {
    /// The fingerprint of a job's page: equal fingerprints (with the same
    /// templates and settings) mean byte-identical pages.
    pub fn fingerprint(&self, digest: &Digest, job: Job, sigs: &CardSigs) -> u64 {
        let route = Self::route(digest, job);
        self.visit(digest, job, &route, &FingerprintVisitor { digest, sigs })
    }
}
