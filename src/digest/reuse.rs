//! Keeping a digest's corpus pass for the next digest of a live build.
//!
//! The corpus pass ([`super::entities`]) and the related-stories pass read
//! every article, so redoing them after each edit costs time in proportion
//! to the archive. Most edits change nothing they read: a typo fixed, a
//! sentence added that names no one new. A [`CorpusMemo`] keeps both
//! passes' results with the articles they were computed from; the next
//! digest takes them as they are when every article at every place gives
//! the passes the same inputs ([`super::entities::same_inputs`]), which
//! costs a pointer comparison per article and a field comparison per
//! edited one. Anything else (an article added, removed or moved, a name
//! changed, a tag changed for related stories) runs the passes again.

use std::sync::Arc;

use super::entities::{Entity, EntityRef, NameWords, same_inputs};
use super::ids::{ArticleId, EntityId, Table, TagId};
use crate::enrich::Article;

/// Shared entity tables: `(entities, entities_of, speakers)`.
pub(super) type SharedEntities = (
    Arc<Table<EntityId, Entity>>,
    Arc<Table<ArticleId, Vec<EntityRef>>>,
    Arc<Table<ArticleId, Vec<Option<EntityId>>>>,
);

/// One digest's corpus-pass and related-stories results, with what they
/// were computed from.
#[derive(Debug, Clone, Default)]
pub struct CorpusMemo {
    /// The articles the passes read, in reading order.
    pub(super) articles: Vec<Arc<Article>>,
    /// The words whose lower-case use the corpus pass looked up.
    pub(super) words: Arc<NameWords>,
    /// The corpus pass's results.
    pub(super) entities: SharedEntities,
    /// Each article's tags, as the related-stories pass read them.
    pub(super) tags_of: Arc<Table<ArticleId, Vec<TagId>>>,
    /// Each article's related stories.
    pub(super) related: Arc<Table<ArticleId, Vec<ArticleId>>>,
}

impl CorpusMemo {
    /// The kept corpus pass, when `articles` (in reading order) give it
    /// exactly what the ones it read gave it.
    pub(super) fn entities_for(&self, articles: &[Arc<Article>]) -> Option<SharedEntities> {
        let same = articles.len() == self.articles.len()
            && articles
                .iter()
                .zip(&self.articles)
                .all(|(new, old)| Arc::ptr_eq(new, old) || same_inputs(&self.words, old, new));
        same.then(|| self.entities.clone())
    }

    /// The kept related stories, when the corpus pass was kept and every
    /// article has the same tags as before.
    pub(super) fn related_for(
        &self,
        tags_of: &Table<ArticleId, Vec<TagId>>,
    ) -> Option<Arc<Table<ArticleId, Vec<ArticleId>>>> {
        (*self.tags_of == *tags_of).then(|| Arc::clone(&self.related))
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use jiff::Timestamp;

    use super::super::{Digest, Settings, build_reusing};
    use super::*;
    use crate::article::{self, ParseOptions};
    use crate::discover::{SourceFile, SourceKind};
    use crate::enrich::{self, EnrichContext};
    use crate::timings::Timings;

    fn story(name: &str, text: &str) -> Arc<Article> {
        let rel = PathBuf::from("seeds").join(name);
        let source = SourceFile {
            path: rel.clone(),
            rel_path: rel,
            kind: SourceKind::Markdown,
            sidecar: None,
        };
        let parsed = article::parse(&source, text, None, ParseOptions::default()).unwrap();
        let context = EnrichContext {
            now: Timestamp::from_second(1_752_300_000).unwrap(),
            words_per_minute: 200,
            time_zone: jiff::tz::TimeZone::UTC,
        };
        Arc::new(enrich::enrich(parsed, &context))
    }

    fn corpus() -> Vec<Arc<Article>> {
        vec![
            story(
                "2025-07-10-talks.md",
                "+++\ntags = [\"Diplomacy\"]\n+++\nSergei Lavrov met officials in Geneva on Monday.\n\nLavrov said the talks would go on.\n",
            ),
            story(
                "2025-07-11-floods.md",
                "Floods hit Geneva on Tuesday, the Red Cross said.\n\nThe police closed two bridges.\n",
            ),
            story(
                "2025-07-12-vote.md",
                "+++\ntags = [\"Diplomacy\"]\n+++\nLavrov spoke to the Red Cross in Geneva.\n\nThe Harbour Board met Lavrov too.\n",
            ),
        ]
    }

    fn passes(d: &Digest) -> impl PartialEq + std::fmt::Debug {
        (
            d.entities.as_slice().to_vec(),
            d.entities_of.as_slice().to_vec(),
            d.speakers.as_slice().to_vec(),
            d.related.as_slice().to_vec(),
        )
    }

    /// Builds `articles` with the memo of a build of `before`, and alone.
    fn again(before: Vec<Arc<Article>>, articles: Vec<Arc<Article>>) -> (Digest, Digest, Digest) {
        let (t, s) = (Timings::new(), Settings::default());
        let (first, _, memo) = build_reusing(before, &s, None, &t);
        let (kept, _, _) = build_reusing(articles.clone(), &s, Some(&memo), &t);
        let (fresh, _, _) = build_reusing(articles, &s, None, &t);
        (first, kept, fresh)
    }

    #[test]
    fn an_edit_that_names_no_one_new_keeps_the_corpus_pass() {
        let mut edited = corpus();
        edited[1] = story(
            "2025-07-11-floods.md",
            "Floods hit Geneva on Tuesday, the Red Cross said.\n\nThe police closed two bridges, and a ferry.\n",
        );
        let (first, kept, fresh) = again(corpus(), edited);
        assert!(Arc::ptr_eq(&first.entities_of, &kept.entities_of), "kept");
        assert!(Arc::ptr_eq(&first.related, &kept.related), "kept");
        assert_eq!(passes(&kept), passes(&fresh));
    }

    #[test]
    fn an_edit_that_changes_a_name_or_a_tag_runs_the_passes_again() {
        let mut named = corpus();
        named[1] = story(
            "2025-07-11-floods.md",
            "Floods hit Geneva on Tuesday, Antonio Guterres said.\n\nThe police closed two bridges.\n",
        );
        let (first, kept, fresh) = again(corpus(), named);
        assert!(!Arc::ptr_eq(&first.entities_of, &kept.entities_of));
        assert_ne!(passes(&first), passes(&kept));
        assert_eq!(passes(&kept), passes(&fresh));

        let mut tagged = corpus();
        tagged[1] = story(
            "2025-07-11-floods.md",
            "+++\ntags = [\"Diplomacy\"]\n+++\nFloods hit Geneva on Tuesday, the Red Cross said.\n\nThe police closed two bridges.\n",
        );
        let (first, kept, fresh) = again(corpus(), tagged);
        assert!(!Arc::ptr_eq(&first.related, &kept.related));
        assert_eq!(passes(&kept), passes(&fresh));
    }

    #[test]
    fn a_word_a_name_uses_written_in_lower_case_runs_the_pass_again() {
        // The corpus pass weighs "Harbour Board" by whether "harbour" and
        // "board" are ordinary words elsewhere: writing "harbour" in lower
        // case matters even though no name changed.
        let mut lower = corpus();
        lower[1] = story(
            "2025-07-11-floods.md",
            "Floods hit Geneva on Tuesday, the Red Cross said.\n\nThe police closed two bridges by the harbour.\n",
        );
        let (first, kept, fresh) = again(corpus(), lower);
        assert!(!Arc::ptr_eq(&first.entities_of, &kept.entities_of));
        assert_eq!(passes(&kept), passes(&fresh));
    }

    #[test]
    fn an_article_added_runs_the_passes_again() {
        let mut more = corpus();
        more.push(story(
            "2025-07-13-more.md",
            "Geneva hosts talks on Friday.\n",
        ));
        let (first, kept, fresh) = again(corpus(), more);
        assert!(!Arc::ptr_eq(&first.entities_of, &kept.entities_of));
        assert_eq!(passes(&kept), passes(&fresh));
    }
}
