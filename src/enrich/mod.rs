//! Deriving what a reader needs: [`ParsedArticle`] → [`Article`].
//!
//! Pure and infallible: everything an author left out is derived from the
//! text, the file name and the build clock (passed in, never read here).
//! Slugs are made unique later, in `digest`, where all articles are known.
//! The briefing layer (entities, quotes, key figures) is [`extract`]'s.

pub mod dateline;
mod dating;
mod direction;
pub mod extract;
mod filename;
mod key_points;
mod sentences;
pub(crate) mod title;
mod tokens;
mod verbs;

use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::article::{Body, ParsedArticle};
use crate::discover::SourceFile;
use crate::slug::{MAX_SLUG_LEN, slugify};
use extract::Extracted;
use extract::lexicon::Lexicon;

pub use dating::{DateSource, EnrichContext};

/// An article with everything derived, ready for the digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Source path relative to the site root: the article's identity.
    pub source_path: PathBuf,
    /// The headline.
    pub title: String,
    /// Whether the title was written by the author (front matter, headline
    /// line) rather than cut from the lede.
    pub title_given: bool,
    /// URL slug; unique once `digest` has run.
    pub slug: String,
    /// Whether the slug was set explicitly in front matter.
    pub slug_given: bool,
    /// The edition (calendar day) the article belongs to.
    pub date: Date,
    /// When it was published: midnight of `date` in the site's time zone
    /// if no time was given. Later than the build clock, it is held back.
    pub published: Timestamp,
    /// Where `date` came from.
    pub date_source: DateSource,
    /// Rank in its edition from the file name's ordinal.
    pub rank: Option<u32>,
    /// Explicit ordering weight from front matter.
    pub weight: Option<i64>,
    /// The lede: front-matter summary, else the first paragraph (without
    /// its dateline).
    pub lede: String,
    /// Two or three sentences from across the story, never of the lede, in
    /// reading order (see `key_points`).
    pub key_points: Vec<String>,
    /// The dateline read off the first paragraph; its place is the story's
    /// location.
    pub dateline: Option<dateline::Dateline>,
    /// Words of running text.
    pub word_count: usize,
    /// Minutes to read, at least 1.
    pub reading_minutes: u32,
    /// Topic tags as written (trimmed, empty ones dropped).
    pub tags: Vec<String>,
    /// The byline.
    pub author: Option<String>,
    /// The originating outlet: front matter's, else the dateline's agency.
    pub source: Option<String>,
    /// Link to the original story.
    pub source_url: Option<String>,
    /// Left out of builds unless drafts are asked for.
    pub draft: bool,
    /// The story's language (BCP 47), when front matter gives one.
    pub lang: Option<String>,
    /// Whether its text runs right to left (see `direction`).
    pub rtl: bool,
    /// The text, shared so that copying an article is cheap.
    pub body: Arc<Body>,
    /// Hash of the source text and sidecar (see `ParsedArticle::revision`).
    pub revision: u64,
    /// Entities, quotes and key figures found in the text, shared like the
    /// body.
    pub extracted: Arc<Extracted>,
}

/// Derives every field of an article, with the built-in gazetteers only.
pub fn enrich(parsed: ParsedArticle, ctx: &EnrichContext) -> Article {
    enrich_with(parsed, ctx, Lexicon::builtin())
}

/// Derives every field of an article, reading entities with `lexicon` (the
/// gazetteers plus the site's `entities.toml`).
pub fn enrich_with(parsed: ParsedArticle, ctx: &EnrichContext, lexicon: &Lexicon) -> Article {
    let ParsedArticle {
        source,
        front,
        headline,
        body,
        revision,
    } = parsed;
    let own_lexicon = (!front.entities.is_empty()).then(|| lexicon.for_article(&front.entities));
    let lexicon = own_lexicon.as_ref().unwrap_or(lexicon);
    let (dateline, body) = dateline::take(body, lexicon, ctx.today());
    let file = filename::parse(source.stem());
    let lede = non_empty(front.summary)
        .or_else(|| {
            body.paragraphs()
                .first()
                .map(|p| shorten(p, MAX_LEDE_CHARS))
        })
        .unwrap_or_default();
    let given_title = non_empty(front.title).or(headline);
    let title_given = given_title.is_some();
    let title = given_title
        .or_else(|| body.paragraphs().first().map(|p| title::derive(p)))
        .unwrap_or_default();
    let (slug, slug_given) = slug_of(front.slug, &source);
    let dateline_date = dateline.as_ref().and_then(|d| d.date);
    let (date, published, date_source) = dating::resolve(front.date, file.date, dateline_date, ctx);
    let word_count = body.word_count();
    let read = briefing_text(body.paragraphs());
    let paras = extract::paras(&read);
    let mut extracted = extract::extract_read(&read, &paras, lexicon);
    if let Some(d) = &dateline {
        dateline::add_place(&mut extracted.entities, &d.place);
    }
    let key_points = key_points::choose(&paras, &lede, &extracted);
    drop(paras);
    drop(read);
    let agency = dateline.as_ref().and_then(|d| d.agency.clone());
    let lang = non_empty(front.lang);
    let rtl = direction::is_rtl(lang.as_deref(), &[&title, &lede]);
    Article {
        source_path: source.rel_path,
        title,
        title_given,
        slug,
        slug_given,
        date,
        published,
        date_source,
        rank: file.rank,
        weight: front.weight,
        lede,
        key_points,
        dateline,
        word_count,
        reading_minutes: reading_minutes(word_count, ctx.words_per_minute),
        tags: front
            .tags
            .into_iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        author: non_empty(front.author),
        source: non_empty(front.source).or(agency),
        source_url: non_empty(front.source_url),
        draft: front.draft,
        lang,
        rtl,
        body: Arc::new(body),
        revision,
        extracted: Arc::new(extracted),
    }
}

/// Dates an article again for the build of `ctx`, as [`enrich_with`]
/// would have on that build's day: a dateline without a year is resolved
/// again against it, and an article with no date of its own (front
/// matter, file name or dateline) moves to the current edition, at the
/// build instant; any other is returned as it was. The build clock affects
/// nothing else in an article, so an article kept from an earlier build
/// (`build --cache`) is redated rather than derived again.
pub fn redate(mut article: Article, ctx: &EnrichContext) -> Article {
    if !matches!(
        article.date_source,
        DateSource::Dateline | DateSource::Edition
    ) {
        return article;
    }
    if let Some(dateline) = article.dateline.as_mut() {
        dateline.redate(ctx.today());
    }
    (article.date, article.published, article.date_source) = dating::resolve(
        None,
        None,
        article.dateline.as_ref().and_then(|d| d.date),
        ctx,
    );
    article
}

/// The slug: front matter's (slugified), else the file name's (see
/// [`permalink_slug`]), never the text's; and whether it was given.
fn slug_of(given: Option<String>, source: &SourceFile) -> (String, bool) {
    match non_empty(given).map(|slug| slugify(&slug, MAX_SLUG_LEN * 2)) {
        Some(slug) if !slug.is_empty() => (slug, true),
        Some(_) => (permalink_slug(source), true),
        None => (permalink_slug(source), false),
    }
}

/// Dates an article that gave no date by when it entered the site (`at`,
/// found by `source`: [`DateSource::Git`] or [`DateSource::Modified`]),
/// never later than the build clock. An article that has a date keeps it.
pub fn date_undated(article: &mut Article, at: Timestamp, source: DateSource, ctx: &EnrichContext) {
    if article.date_source != DateSource::Edition {
        return;
    }
    let (date, at) = dating::entered(at, ctx);
    article.published = at;
    article.date = date;
    article.date_source = source;
}

fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The slug of an article without an explicit `slug`: its file name
/// without the ordinal (`000_f596f713c00f6b16.txt` → `f596f713c00f6b16`),
/// or for the story of a folder of its own its folder's name without the
/// date and ordinal (`2026-11-30-quake/index.md` → `quake`), never its
/// text, so that correcting a story never moves it. A name with nothing
/// ASCII in it gets `article-` and a hash of the name, as stable.
fn permalink_slug(source: &SourceFile) -> String {
    let stem = source.stem();
    let name = if source.is_bundle() {
        filename::undated_name(stem)
    } else {
        filename::permanent_name(stem)
    };
    let slug = slugify(&name, MAX_SLUG_LEN);
    if slug.is_empty() {
        let hash = xxhash_rust::xxh3::xxh3_64(stem.as_bytes());
        format!("article-{:08x}", hash >> 32)
    } else {
        slug
    }
}

/// How much of an article the briefing layer reads: far more than any
/// news story, and a bound on the memory its word-by-word reading takes
/// for a runaway file (several megabytes of text).
const MAX_BRIEFING_BYTES: usize = 1 << 20;

/// The paragraphs the briefing layer reads: all of them, or as many as fit
/// in [`MAX_BRIEFING_BYTES`], the last one cut on a word boundary.
fn briefing_text(paragraphs: &[String]) -> std::borrow::Cow<'_, [String]> {
    let mut total = 0;
    for (i, p) in paragraphs.iter().enumerate() {
        if total + p.len() > MAX_BRIEFING_BYTES {
            let mut head = paragraphs[..i].to_vec();
            let mut cut = MAX_BRIEFING_BYTES - total;
            while !p.is_char_boundary(cut) {
                cut -= 1;
            }
            let cut = p[..cut].rfind(char::is_whitespace).unwrap_or(cut);
            head.push(p[..cut].to_string());
            return std::borrow::Cow::Owned(head);
        }
        total += p.len();
    }
    std::borrow::Cow::Borrowed(paragraphs)
}

/// The longest lede taken from the text: cards, feeds, meta descriptions
/// and `digest.json` all repeat it, so a runaway first paragraph (a file
/// with no line breaks) must not be copied whole a dozen times.
const MAX_LEDE_CHARS: usize = 1_500;

/// `text` if it has at most `max` characters; else its longest run of
/// whole sentences within `max` (when that is at least a third of it), or
/// its words within `max` and an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    let Some((limit, _)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let head = &text[..limit];
    let sentence_end = sentences::sentence_ends(head)
        .into_iter()
        .rev()
        .find(|&end| end < head.len() && end >= limit / 3);
    if let Some(end) = sentence_end {
        return head[..end].trim_end().to_string();
    }
    let cut = head.rfind(char::is_whitespace).unwrap_or(limit);
    format!(
        "{}…",
        head[..cut].trim_end_matches(|c: char| !c.is_alphanumeric())
    )
}

/// Minutes to read `words` at `wpm`, rounded up, at least 1.
pub fn reading_minutes(words: usize, wpm: u32) -> u32 {
    let wpm = usize::try_from(wpm.max(1)).unwrap_or(1);
    u32::try_from(words.div_ceil(wpm).max(1)).unwrap_or(u32::MAX)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::article::front_matter::{FrontDate, FrontMatter};
    use crate::discover::{SourceFile, SourceKind};
    use jiff::civil::date;
    use jiff::tz::TimeZone;

    fn ctx() -> EnrichContext {
        EnrichContext {
            now: Timestamp::from_second(1_752_300_000).unwrap(),
            words_per_minute: 200,
            time_zone: TimeZone::UTC,
        }
    }

    /// An article with the given date fields, for other modules' tests.
    pub(crate) fn article_dated(date: Date, at: Timestamp, source: DateSource) -> Article {
        let mut a = enrich(parsed("x.txt", FrontMatter::default(), &["Text."]), &ctx());
        a.date = date;
        a.published = at;
        a.date_source = source;
        a
    }

    fn parsed(name: &str, front: FrontMatter, paragraphs: &[&str]) -> ParsedArticle {
        let rel = PathBuf::from("seeds").join(name);
        ParsedArticle {
            source: SourceFile {
                path: rel.clone(),
                rel_path: rel,
                kind: SourceKind::Text,
                sidecar: None,
            },
            front,
            headline: None,
            body: Body::Text {
                paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            },
            revision: 0,
        }
    }

    #[test]
    fn title_and_slug_are_derived_from_the_lede() {
        let a = enrich(
            parsed(
                "000_abc.txt",
                FrontMatter::default(),
                &["Rain fell on the capital all day. More later."],
            ),
            &ctx(),
        );
        assert_eq!(a.title, "Rain falls on capital all day");
        assert!(!a.title_given);
        assert_eq!(a.slug, "abc", "the slug comes from the file name");
        assert_eq!(a.rank, Some(0));
        assert_eq!(a.lede, "Rain fell on the capital all day. More later.");
    }

    #[test]
    fn date_comes_from_front_matter_then_file_name_then_the_build_clock() {
        let front = FrontMatter {
            date: Some(FrontDate::parse("2024-03-01").unwrap()),
            ..FrontMatter::default()
        };
        let a = enrich(parsed("2023-01-02-x.txt", front, &["Text."]), &ctx());
        assert_eq!(
            (a.date, a.date_source),
            (date(2024, 3, 1), DateSource::FrontMatter)
        );
        let b = enrich(
            parsed("2023-01-02-x.txt", FrontMatter::default(), &["Text."]),
            &ctx(),
        );
        assert_eq!(
            (b.date, b.date_source),
            (date(2023, 1, 2), DateSource::FileName)
        );
        assert_eq!(b.published.as_second(), 1_672_617_600);
        let c = enrich(parsed("x.txt", FrontMatter::default(), &["Text."]), &ctx());
        assert_eq!(
            (c.date, c.date_source),
            (date(2025, 7, 12), DateSource::Edition)
        );
        assert_eq!(c.published, ctx().now);
        let later = EnrichContext {
            now: Timestamp::from_second(1_752_400_000).unwrap(),
            ..ctx()
        };
        let c = redate(c, &later);
        assert_eq!((c.date, c.published), (date(2025, 7, 13), later.now));
        assert_eq!(redate(b.clone(), &later), b, "a dated article stays");
    }

    #[test]
    fn a_dateline_without_a_year_is_redated_as_a_later_build_would_date_it() {
        let later = EnrichContext {
            now: Timestamp::from_second(1_752_400_000).unwrap(),
            ..ctx()
        };
        for text in [
            "LONDON, July 13 (Reuters) - The bank raised rates on Sunday.",
            "LONDON, July 13 2023 (Reuters) - The bank raised rates on Sunday.",
            "LONDON (Reuters) - The bank raised rates on Sunday.",
        ] {
            let p = parsed("x.txt", FrontMatter::default(), &[text]);
            let cached = enrich(p.clone(), &ctx());
            assert_eq!(redate(cached, &later), enrich(p, &later), "{text}");
        }
        let p = parsed(
            "x.txt",
            FrontMatter::default(),
            &["LONDON, July 13 (Reuters) - The bank raised rates on Sunday."],
        );
        let (before, after) = (enrich(p.clone(), &ctx()), enrich(p, &later));
        assert_eq!(before.date, date(2024, 7, 13), "not after the build day");
        assert_eq!(after.date, date(2025, 7, 13));
    }

    #[test]
    fn given_fields_win_and_are_trimmed() {
        let front = FrontMatter {
            title: Some(" Given ".into()),
            slug: Some("My Slug".into()),
            summary: Some("Short.".into()),
            tags: vec![" a ".into(), "".into()],
            author: Some("  ".into()),
            ..FrontMatter::default()
        };
        let a = enrich(parsed("x.txt", front, &["Long first paragraph."]), &ctx());
        assert_eq!(a.title, "Given");
        assert!(a.title_given && a.slug_given);
        assert_eq!(a.slug, "my-slug");
        assert_eq!(a.lede, "Short.");
        assert_eq!(a.tags, vec!["a"]);
        assert_eq!(a.author, None);
    }

    #[test]
    fn a_correction_never_moves_a_story() {
        let before = enrich(
            parsed(
                "000_9a3c5e7d.txt",
                FrontMatter::default(),
                &["A magnitude 6.1 quake."],
            ),
            &ctx(),
        );
        let after = enrich(
            parsed(
                "003_9a3c5e7d.txt",
                FrontMatter::default(),
                &["A magnitude 6.3 quake."],
            ),
            &ctx(),
        );
        assert_ne!(before.title, after.title);
        assert_eq!(
            (before.slug.as_str(), after.slug.as_str()),
            ("9a3c5e7d", "9a3c5e7d")
        );
    }

    #[test]
    fn a_story_folder_s_index_takes_its_slug_from_the_folder_without_the_date() {
        let quake =
            |name: &str, text: &str| enrich(parsed(name, FrontMatter::default(), &[text]), &ctx());
        let before = quake("2026-11-30-quake/index.md", "A magnitude 6.1 quake struck.");
        let after = quake(
            "2026-11-30-quake/index.txt",
            "A magnitude 6.3 quake struck.",
        );
        assert_ne!(before.title, after.title);
        assert_eq!(
            (before.slug.as_str(), after.slug.as_str()),
            ("quake", "quake")
        );
        assert_eq!(before.date, date(2026, 11, 30));
        assert_eq!(before.date_source, DateSource::FileName);
        let ranked = quake("2026-11-30_002_quake/index.md", "Text.");
        assert_eq!((ranked.slug.as_str(), ranked.rank), ("quake", Some(2)));
        // A file of its own keeps its date prefix; `index.md` directly in
        // seeds/ is an ordinary file.
        assert_eq!(
            quake("2026-11-30-quake.md", "Text.").slug,
            "2026-11-30-quake"
        );
        assert_eq!(quake("index.md", "Text.").slug, "index");
    }

    #[test]
    fn a_file_name_with_nothing_ascii_gets_a_stable_slug() {
        let slug =
            |name: &str| enrich(parsed(name, FrontMatter::default(), &["北京 会议"]), &ctx()).slug;
        assert_eq!(slug("007_beijing.txt"), "beijing");
        assert!(
            slug("北京.txt").starts_with("article-"),
            "{}",
            slug("北京.txt")
        );
        assert_eq!(slug("北京.txt"), slug("北京.txt"));
        assert_ne!(slug("北京.txt"), slug("上海.txt"));
    }

    #[test]
    fn a_runaway_first_paragraph_gives_a_short_lede() {
        let long = "The port reopened on Monday after repairs. ".repeat(200);
        let a = enrich(parsed("x.txt", FrontMatter::default(), &[&long]), &ctx());
        assert!(a.lede.chars().count() <= MAX_LEDE_CHARS, "{}", a.lede.len());
        assert!(a.lede.ends_with("repairs."), "{}", a.lede);
        let words = "word ".repeat(2000);
        let b = enrich(parsed("y.txt", FrontMatter::default(), &[&words]), &ctx());
        assert!(b.lede.ends_with("word…"), "{}", b.lede);
        assert!(b.lede.chars().count() <= MAX_LEDE_CHARS + 1);
        assert_eq!(shorten("Short one.", 1_500), "Short one.");
    }

    #[test]
    fn the_briefing_layer_reads_at_most_its_share_of_a_runaway_file() {
        let short = vec!["One.".to_string(), "Two.".to_string()];
        assert!(matches!(
            briefing_text(&short),
            std::borrow::Cow::Borrowed(_)
        ));
        let huge = vec!["word ".repeat(MAX_BRIEFING_BYTES / 5 + 10), "Later.".into()];
        let read = briefing_text(&huge);
        assert_eq!(read.len(), 1);
        assert!(read[0].len() <= MAX_BRIEFING_BYTES);
        assert!(read[0].ends_with("word"), "cut on a word boundary");
    }

    #[test]
    fn a_dateline_leaves_the_text_and_gives_place_source_and_date() {
        let a = enrich(
            parsed(
                "x.txt",
                FrontMatter::default(),
                &[
                    "KYIV, May 3 (Reuters) – Air raid sirens sounded across Ukraine overnight.",
                    "Officials in Kharkiv said 40 buildings were damaged by drones.",
                ],
            ),
            &ctx(),
        );
        let d = a.dateline.as_ref().unwrap();
        assert_eq!(
            (d.place.as_str(), d.agency.as_deref(), d.date),
            ("Kyiv", Some("Reuters"), Some(date(2025, 5, 3)))
        );
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert_eq!(
            (a.date, a.date_source),
            (date(2025, 5, 3), DateSource::Dateline)
        );
        assert_eq!(a.lede, "Air raid sirens sounded across Ukraine overnight.");
        assert!(
            !a.title.contains("KYIV") && !a.title.contains("Reuters"),
            "{}",
            a.title
        );
        assert_eq!(a.body.paragraphs()[0], a.lede);
        let place = a
            .extracted
            .entities
            .iter()
            .find(|c| c.name == "Kyiv")
            .unwrap();
        assert_eq!(place.known, Some(extract::candidate::EntityKind::Place));
        assert!(!a.key_points.iter().any(|p| p.contains("KYIV")));
    }

    #[test]
    fn given_source_and_dates_win_over_the_dateline() {
        let front = FrontMatter {
            source: Some("Wire".into()),
            ..FrontMatter::default()
        };
        let lede = ["LONDON, Jan 9 (AP) — Rain fell on the capital all day."];
        let a = enrich(parsed("2025-02-01-x.txt", front, &lede), &ctx());
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(
            (a.date, a.date_source),
            (date(2025, 2, 1), DateSource::FileName)
        );
        assert_eq!(a.dateline.unwrap().date, Some(date(2025, 1, 9)));
    }

    #[test]
    fn key_points_never_repeat_the_lede() {
        let a = enrich(
            parsed(
                "x.txt",
                FrontMatter::default(),
                &[
                    "Floods in Valdera forced 3,000 people from their homes on Sunday.",
                    "Floods in Valdera have forced 3,000 people from their homes, officials said.",
                    "Army engineers from Orsolo built a temporary bridge over the Brannock River.",
                    "Mayor Lena Eriksen said schools in Northmere would reopen on Wednesday.",
                ],
            ),
            &ctx(),
        );
        assert_eq!(a.key_points.len(), 2, "{:#?}", a.key_points);
        for point in &a.key_points {
            assert!(!point.contains("forced 3,000 people"), "{point}");
            assert!(
                a.body.paragraphs()[1..]
                    .iter()
                    .any(|p| p.contains(point.as_str()))
            );
        }
    }

    #[test]
    fn reading_time_rounds_up_and_is_at_least_one() {
        assert_eq!(reading_minutes(0, 230), 1);
        assert_eq!(reading_minutes(230, 230), 1);
        assert_eq!(reading_minutes(231, 230), 2);
    }

    #[test]
    fn undated_articles_take_when_they_entered_but_never_a_future_time() {
        let c = EnrichContext {
            time_zone: TimeZone::get("Asia/Tokyo").unwrap(),
            ..ctx()
        };
        let (day, at, source) = dating::resolve(None, None, None, &c);
        assert_eq!((at, source), (c.now, DateSource::Edition));
        assert_eq!(day, date(2025, 7, 12));
        let mut article = article_dated(day, at, source);
        // 2025-07-01T20:00Z is already 2 July in Tokyo.
        let entered = Timestamp::from_second(1_751_400_000).unwrap();
        date_undated(&mut article, entered, DateSource::Git, &c);
        assert_eq!(
            (article.date, article.published, article.date_source),
            (date(2025, 7, 2), entered, DateSource::Git)
        );
        let mut later = article_dated(day, at, DateSource::Edition);
        let future = Timestamp::from_second(1_800_000_000).unwrap();
        date_undated(&mut later, future, DateSource::Modified, &c);
        assert_eq!(later.published, c.now);
        let mut dated = article_dated(day, at, DateSource::FileName);
        date_undated(&mut dated, entered, DateSource::Git, &c);
        assert_eq!(dated.date_source, DateSource::FileName);
    }
}
