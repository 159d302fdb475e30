//! The briefing box of an article page: its key points, the people, places
//! and organisations it names, what was said and by whom, and its key
//! figures; and the dateline shown before the story's text.

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
    /// Two or three sentences from across the story (never the lede).
    pub key_points: &'a [String],
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
        key_points: &article.key_points,
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

/// A story's dateline, shown before its text: the place as written (linked
/// to its page when it is an entity) and the rest ("BEIJING" + ", May 3
/// (Reuters)").
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DatelineView<'a> {
    /// The place as the dateline writes it.
    pub place: &'a str,
    /// The place's entity page.
    pub place_url: Option<String>,
    /// The rest of the dateline: region, date, agency.
    pub rest: &'a str,
}

/// The dateline of article `i`, if it has one.
pub(crate) fn dateline<'a>(
    digest: &'a Digest,
    i: ArticleId,
    urls: &Urls,
) -> Option<DatelineView<'a>> {
    let d = digest.articles[i].dateline.as_ref()?;
    let place_url = digest
        .entities_of
        .get(i)
        .into_iter()
        .flatten()
        .map(|r| r.entity)
        .find(|&e| {
            digest.entities[e].kind == EntityKind::Place && digest.entities[e].name == d.place
        })
        .map(|e| entity_link(digest, e, urls).url);
    Some(DatelineView {
        place: d.text.get(..d.place_len).unwrap_or(&d.text),
        place_url,
        rest: d.text.get(d.place_len..).unwrap_or_default(),
    })
}
