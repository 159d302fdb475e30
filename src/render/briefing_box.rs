//! The briefing box of an article page: its lede, the people, places and
//! organisations it names, what was said and by whom, and its key figures.

use serde::Serialize;

use super::entities::entity_link;
use super::format::Link;
use crate::digest::Digest;
use crate::digest::ids::ArticleId;
use crate::enrich::extract::candidate::EntityKind;
use crate::urls::Urls;

/// How many key figures the briefing box shows.
const BOX_FIGURES: usize = 8;

/// The briefing box of an article page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct BriefingBox<'a> {
    /// The lede.
    pub lede: &'a str,
    /// People, most mentioned first.
    pub people: Vec<Link>,
    /// Places, most mentioned first.
    pub places: Vec<Link>,
    /// Organisations, most mentioned first.
    pub organizations: Vec<Link>,
    /// Quoted statements with their speakers.
    pub quotes: Vec<QuoteView<'a>>,
    /// Key figures as written.
    pub figures: Vec<&'a str>,
}

/// A quoted statement.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct QuoteView<'a> {
    /// The words quoted.
    pub text: &'a str,
    /// Who said it, when the text says.
    pub speaker: Option<String>,
    /// The speaker's entity page, when there is one.
    pub speaker_url: Option<String>,
}

/// The briefing box of article `i`.
pub(crate) fn briefing_box<'a>(digest: &'a Digest, i: ArticleId, urls: &Urls) -> BriefingBox<'a> {
    let article = &digest.articles[i];
    let refs = digest.entities_of.get(i).map_or(&[][..], Vec::as_slice);
    let of_kind = |kind: EntityKind| {
        refs.iter()
            .filter(|r| digest.entities[r.entity].kind == kind)
            .map(|r| entity_link(digest, r.entity, urls))
            .collect()
    };
    let speakers = digest.speakers.get(i).map_or(&[][..], Vec::as_slice);
    let quotes = article
        .extracted
        .quotes
        .iter()
        .enumerate()
        .map(|(q, quote)| {
            let entity = speakers.get(q).copied().flatten();
            let link = entity.map(|e| entity_link(digest, e, urls));
            QuoteView {
                text: &quote.text,
                speaker: link
                    .as_ref()
                    .map(|l| l.label.clone())
                    .or_else(|| quote.speaker.clone()),
                speaker_url: link.map(|l| l.url),
            }
        })
        .collect();
    BriefingBox {
        lede: &article.lede,
        people: of_kind(EntityKind::Person),
        places: of_kind(EntityKind::Place),
        organizations: of_kind(EntityKind::Organization),
        quotes,
        figures: article
            .extracted
            .figures
            .iter()
            .take(BOX_FIGURES)
            .map(|f| f.text.as_str())
            .collect(),
    }
}
