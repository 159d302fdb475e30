//! Page fingerprints: a cheap hash of everything a page shows.
//!
//! An incremental rebuild compares each page's fingerprint with the one from
//! the previous build and re-renders only the pages whose inputs changed.
//! A fingerprint hashes the page's view model exactly as templates would see
//! it, except that listed stories appear as their card's signature and an
//! article body as its source revision, so fingerprinting every page of a
//! large site costs a fraction of rendering one.
//!
//! [`fingerprint_all`] also remembers, in a [`Memo`], the card signatures
//! and article-page fingerprints by the identity of their inputs: the shared
//! `Arc<Article>` values (an article reloaded from disk is a new one) plus
//! the digest-level facts the view adds (final slug, tags, neighbours,
//! edition). A page whose inputs are the very same objects as last time
//! reuses its fingerprint without building its view. Anything a view takes
//! from the digest must therefore be part of its key below.

use std::collections::HashMap;
use std::hash::Hasher;
use std::io::Write;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use xxhash_rust::xxh3::{Xxh3, Xxh3DefaultBuilder};

use super::{BodyOf, Feed, Job, Lookup, Page, PageSpec, PageVisitor, Renderer, RowStyle, views};
use crate::digest::Digest;
use crate::digest::ids::{ArticleId, EntityId, Id, Table};
use crate::enrich::Article;

/// The signature of every story's card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardSigs(Table<ArticleId, u64>);

/// Fingerprints remembered from the previous build, by input identity.
#[derive(Default)]
pub struct Memo {
    cards: HashMap<u64, u64, Xxh3DefaultBuilder>,
    pages: HashMap<u64, (String, u64), Xxh3DefaultBuilder>,
    /// Keeps the articles the keys name alive, so no new article can take
    /// one's address while its key is remembered.
    _pinned: Vec<Arc<Article>>,
}

/// Every page's output path, job and fingerprint, in job order, and the
/// memo for the next build.
pub fn fingerprint_all(
    renderer: &Renderer,
    digest: &Digest,
    previous: &Memo,
) -> (Vec<(String, Job, u64)>, Memo) {
    let ids: Vec<ArticleId> = digest.articles.ids().collect();
    let card_keys: Table<ArticleId, u64> = ids
        .par_iter()
        .map(|&i| card_key(digest, i))
        .collect::<Vec<u64>>()
        .into();
    let sigs = CardSigs(
        ids.par_iter()
            .map(|&i| match previous.cards.get(&card_keys[i]) {
                Some(sig) => *sig,
                None => hash_of(&views::card(digest, i, renderer.urls())),
            })
            .collect::<Vec<u64>>()
            .into(),
    );
    let page_keys: Table<ArticleId, u64> = ids
        .par_iter()
        .map(|&i| page_key(digest, i, &card_keys))
        .collect::<Vec<u64>>()
        .into();
    // digest.json and the search index each cover every story (and every
    // page derived from them): their inputs are named by all the article
    // page keys together.
    let all_pages = {
        let mut h = Xxh3::new();
        page_keys.iter().for_each(|k| h.write_u64(*k));
        h.digest()
    };
    let keys = Keys {
        digest,
        card_keys: &card_keys,
        page_keys: &page_keys,
        all_pages,
    };
    let all: Vec<(String, Job, u64, Option<u64>)> = Job::all(digest)
        .into_par_iter()
        .map(|job| {
            let key = keys.of(job);
            match key.and_then(|k| previous.pages.get(&k)) {
                Some((path, fp)) => (path.clone(), job, *fp, key),
                None => {
                    let path = crate::urls::output_path(&job.route(digest));
                    let fp = match (job, key) {
                        // These files hold every story: when their key
                        // changes they change, and hashing tens of
                        // megabytes to confirm it would cost more than
                        // writing them. Their key stands in as fingerprint.
                        (Job::Lookup(Lookup::DigestJson | Lookup::SearchIndex), Some(key)) => key,
                        (Job::Page(_) | Job::Feed(_) | Job::Lookup(_) | Job::Edition(_), _) => {
                            renderer.fingerprint(digest, job, &sigs)
                        }
                    };
                    (path, job, fp, key)
                }
            }
        })
        .collect();
    let memo = Memo {
        cards: card_keys
            .iter()
            .copied()
            .zip(sigs.0.iter().copied())
            .collect(),
        pages: all
            .iter()
            .filter_map(|(path, _, fp, key)| key.map(|k| (k, (path.clone(), *fp))))
            .collect(),
        _pinned: digest.articles.iter().cloned().collect(),
    };
    let pages = all
        .into_iter()
        .map(|(path, job, fp, _)| (path, job, fp))
        .collect();
    (pages, memo)
}

/// The memo keys of one build.
struct Keys<'a> {
    digest: &'a Digest,
    card_keys: &'a Table<ArticleId, u64>,
    page_keys: &'a Table<ArticleId, u64>,
    all_pages: u64,
}

impl Keys<'_> {
    /// A key naming everything the job's page shows, for the pages worth
    /// memoising: one per story, and the large pages listing many stories.
    fn of(&self, job: Job) -> Option<u64> {
        let digest = self.digest;
        let mut h = Xxh3::new();
        match job {
            Job::Page(Page::Article(i)) => return self.page_keys.get(i).copied(),
            Job::Lookup(Lookup::DigestJson | Lookup::SearchIndex) => {
                h.write_u64(self.all_pages);
                h.update(job.route(digest).as_bytes());
            }
            Job::Lookup(Lookup::Search) => {
                h.update(b"search");
                self.card_keys.iter().for_each(|k| h.write_u64(*k));
            }
            Job::Lookup(Lookup::Entities(page)) => {
                h.update(b"entities");
                h.write_u32(page);
                h.write_usize(digest.entities.len());
                if page <= 1 {
                    // Page 1 shows an empty section for a kind no one has.
                    let kinds = digest.entities.iter().map(|e| e.kind as u8);
                    kinds.for_each(|k| h.write_u8(k));
                }
                let start = super::entities::index_start(page);
                let shown = digest.entities.enumerate().skip(start);
                for (e, entity) in shown.take(super::paging::INDEX_ENTITIES) {
                    write_entity(&mut h, digest, Some(e));
                    h.write_usize(entity.articles.len());
                }
            }
            Job::Lookup(Lookup::Entity(e, page)) => {
                let entity = digest.entities.get(e)?;
                h.write_u32(page);
                h.write_u32(super::entities::index_page_of(e));
                write_entity(&mut h, digest, Some(e));
                entity.aliases.iter().for_each(|a| {
                    h.update(&[0xf8]);
                    h.update(a.as_bytes());
                });
                h.write_u32(entity.mentions);
                for ea in &entity.articles {
                    h.write_u64(self.card_keys.get(ea.article).copied().unwrap_or_default());
                    h.write_u32(ea.mentions);
                }
            }
            Job::Page(
                Page::Index
                | Page::Edition(..)
                | Page::Editions
                | Page::Tag(..)
                | Page::Tags
                | Page::NotFound
                | Page::Standalone(_)
                | Page::Moved(_),
            )
            // The sitemap lists routes and dates, which most edits leave
            // alone: its view is hashed (a fraction of rendering it)
            // rather than keyed by every page's inputs.
            | Job::Feed(Feed::Atom | Feed::Rss | Feed::Json | Feed::Tag(_) | Feed::Sitemap)
            | Job::Edition(_) => return None,
        }
        Some(h.digest())
    }
}

/// What a story's card is made of: the article itself (immutable behind its
/// `Arc`), its final slug, its tags' names and slugs, and its top entities
/// (which the corpus pass decides, so they can change while the article
/// does not).
fn card_key(digest: &Digest, i: ArticleId) -> u64 {
    let mut h = Xxh3::new();
    let article = &digest.articles[i];
    h.write_usize(Arc::as_ptr(article) as usize);
    h.update(article.slug.as_bytes());
    for &t in &digest.tags_of[i] {
        let tag = &digest.tags[t];
        h.update(&[0xff]);
        h.update(tag.name.as_bytes());
        h.update(&[0xfe]);
        h.update(tag.slug.as_bytes());
    }
    let refs = digest.entities_of.get(i).map_or(&[][..], Vec::as_slice);
    for r in refs.iter().take(super::entities::CARD_ENTITIES) {
        write_entity(&mut h, digest, Some(r.entity));
    }
    h.digest()
}

/// An entity's kind, name and slug (or a marker for none).
fn write_entity(h: &mut Xxh3, digest: &Digest, entity: Option<EntityId>) {
    match entity.and_then(|e| digest.entities.get(e)) {
        Some(e) => {
            h.update(&[0xfd, e.kind as u8]);
            h.update(e.name.as_bytes());
            h.update(&[0xfc]);
            h.update(e.slug.as_bytes());
        }
        None => h.update(&[0xfb]),
    }
}

/// What an article's briefing box and related stories are made of beyond
/// the article: its entities, its quotes' speakers and the related stories
/// (each article and its slug), all decided by the corpus pass.
fn write_briefing_box(h: &mut Xxh3, digest: &Digest, i: ArticleId) {
    for r in digest.entities_of.get(i).into_iter().flatten() {
        write_entity(h, digest, Some(r.entity));
    }
    h.update(&[0xfa]);
    for speaker in digest.speakers.get(i).into_iter().flatten() {
        write_entity(h, digest, *speaker);
    }
    h.update(&[0xf9]);
    for &j in digest.related.get(i).into_iter().flatten() {
        let a = &digest.articles[j];
        h.write_usize(Arc::as_ptr(a) as usize);
        h.update(a.slug.as_bytes());
    }
}

/// What an article page is made of beyond its card: its neighbours (title
/// and slug), its briefing box and related stories, the versions folded
/// into it, and its edition (first and last day).
fn page_key(digest: &Digest, i: ArticleId, card_keys: &Table<ArticleId, u64>) -> u64 {
    let mut h = Xxh3::new();
    h.write_u64(card_keys[i]);
    let previous = i.index().checked_sub(1).map(ArticleId::new);
    for neighbour in [previous, Some(ArticleId::new(i.index() + 1))] {
        match neighbour.and_then(|n| digest.articles.get(n)) {
            Some(a) => {
                h.write_usize(Arc::as_ptr(a) as usize);
                h.update(a.slug.as_bytes());
            }
            None => h.write_u8(0),
        }
    }
    write_briefing_box(&mut h, digest, i);
    h.update(&[0xf7]);
    for &v in digest.versions_of.get(i).into_iter().flatten() {
        let version = &digest.versions[v].article;
        h.write_usize(Arc::as_ptr(version) as usize);
        h.update(version.source_path.as_os_str().as_encoded_bytes());
    }
    let edition = &digest.editions[digest.edition_of[i]];
    h.write_i16(edition.last.year());
    h.write_i8(edition.last.month());
    h.write_i8(edition.last.day());
    let date = edition.date;
    h.write_i16(date.year());
    h.write_i8(date.month());
    h.write_i8(date.day());
    h.digest()
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
    type Row = (u64, RowStyle);
    type Output = u64;

    fn card(&self, i: ArticleId) -> u64 {
        self.sigs.0.get(i).copied().unwrap_or_default()
    }

    /// A row shows a subset of the card (headline, link, date, lede), so
    /// the card's signature and the row's style cover it.
    fn row(&self, i: ArticleId, style: RowStyle) -> (u64, RowStyle) {
        (self.card(i), style)
    }

    fn needs_bodies(&self) -> bool {
        false
    }

    fn page<T: Serialize>(&self, spec: PageSpec<'_>, page: T) -> u64 {
        hash_of(&Envelope {
            template: spec.template,
            title: spec.title,
            route: spec.route,
            has_code: spec.has_code,
            body_revision: spec.body_of.map(|body| match body {
                BodyOf::Article(i) => self.digest.articles[i].revision,
                BodyOf::Standalone(p) => self.digest.pages.get(p).map_or(0, |page| page.revision),
            }),
            page,
        })
    }
}

impl Renderer {
    /// The fingerprint of a job's page: equal fingerprints (with the same
    /// templates and settings) mean byte-identical pages.
    pub fn fingerprint(&self, digest: &Digest, job: Job, sigs: &CardSigs) -> u64 {
        let route = job.route(digest);
        self.visit(digest, job, &route, &FingerprintVisitor { digest, sigs })
    }
}
