//! Scheduled publishing: a story dated after the build clock is held back.
//!
//! Pure. A story whose publication instant (its date and time, in the
//! site's time zone) is later than the build's clock is left out of the
//! digest and listed as [`Held`], with when it is due, unless the build
//! asked for future stories (a preview). The clock is the build instant
//! (`SOURCE_DATE_EPOCH` in CI), so a later build releases it.

use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;

use crate::enrich::Article;
use crate::error::{Diagnostic, Location};

/// A story held back until its time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// Its source path, relative to the site root.
    pub source_path: PathBuf,
    /// Its headline.
    pub title: String,
    /// When it is published: the first build whose clock has passed this
    /// shows it.
    pub due: Timestamp,
}

/// Splits `articles` into those published by `now` and those held back
/// (soonest due first); with `future`, nothing is held.
pub(crate) fn hold_back(
    articles: Vec<Arc<Article>>,
    now: Timestamp,
    future: bool,
) -> (Vec<Arc<Article>>, Vec<Held>) {
    if future {
        return (articles, Vec::new());
    }
    let (published, later): (Vec<_>, Vec<_>) =
        articles.into_iter().partition(|a| a.published <= now);
    let mut held: Vec<Held> = later
        .iter()
        .map(|a| Held {
            source_path: a.source_path.clone(),
            title: a.title.clone(),
            due: a.published,
        })
        .collect();
    held.sort_by(|a, b| (a.due, &a.source_path).cmp(&(b.due, &b.source_path)));
    (published, held)
}

impl Held {
    /// The build summary's line for it.
    pub fn note(&self) -> Diagnostic {
        Diagnostic::note(
            Location::file(&self.source_path),
            format!("held back until {}: dated after the build clock", self.due),
        )
        .with_help("`--future` shows it in a preview")
    }
}
