//! Display-ready values that views, feeds, SEO meta and briefing-layer
//! pages share: links, dates in each format a page or feed needs, and
//! article bodies as HTML. A leaf of `render`: it imports no other part of
//! it.

use std::cell::RefCell;
use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::article::Body;

/// A labelled link.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Link {
    /// The text to show.
    pub label: String,
    /// Where it goes.
    pub url: String,
}

/// Formats a date for readers: "12 July 2025".
pub(crate) fn display_date(date: Date) -> String {
    // Thousands of stories share a few hundred dates; formatting is the
    // costly part of building a card, so remember each date's text.
    thread_local! {
        static FORMATTED: RefCell<HashMap<Date, String>> = RefCell::new(HashMap::new());
    }
    FORMATTED.with(|cache| {
        cache
            .borrow_mut()
            .entry(date)
            .or_insert_with(|| date.strftime("%-d %B %Y").to_string())
            .clone()
    })
}

/// An edition's name for display: its day ("12 July 2025"), or its first
/// and last days when it covers more ("7–13 July 2025", "30 June – 6 July
/// 2025", "29 December 2025 – 4 January 2026").
pub(crate) fn edition_label(first: Date, last: Date) -> String {
    if first == last {
        display_date(first)
    } else if first.year() != last.year() {
        format!("{} – {}", display_date(first), display_date(last))
    } else if first.month() != last.month() {
        format!("{} – {}", first.strftime("%-d %B"), display_date(last))
    } else {
        format!("{}–{}", first.day(), display_date(last))
    }
}

/// Formats a date for `<time datetime>`: "2025-07-12".
pub(crate) fn iso_date(date: Date) -> String {
    // As display_date: a few hundred dates, formatted for every listing.
    thread_local! {
        static FORMATTED: RefCell<HashMap<Date, String>> = RefCell::new(HashMap::new());
    }
    FORMATTED.with(|cache| {
        cache
            .borrow_mut()
            .entry(date)
            .or_insert_with(|| date.to_string())
            .clone()
    })
}

/// `instant` as RFC 3339 in UTC, e.g. `2025-07-12T06:00:00Z`, with at most
/// millisecond precision: HTML's `<time datetime>` allows no more than
/// three fractional digits, and a front-matter date may carry nine.
pub(crate) fn rfc3339(instant: Timestamp) -> String {
    // Sitemaps format one date per page, and most pages share the few
    // hundred midnights of their editions: remember recent results.
    thread_local! {
        static FORMATTED: RefCell<HashMap<Timestamp, String>> =
            RefCell::new(HashMap::new());
    }
    FORMATTED.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() > 100_000 {
            cache.clear();
        }
        cache
            .entry(instant)
            .or_insert_with(|| {
                Timestamp::from_millisecond(instant.as_millisecond())
                    .unwrap_or(instant)
                    .to_string()
            })
            .clone()
    })
}

/// `instant` as RFC 2822 in UTC, e.g. `Sat, 12 Jul 2025 06:00:00 +0000`.
pub(crate) fn rfc2822(instant: Timestamp) -> String {
    let zoned = instant.to_zoned_datetime(TimeZone::UTC);
    // Only years outside 0..=9999 cannot be printed; jiff timestamps of
    // real articles never are, but fall back to RFC 9110's form anyway.
    jiff::fmt::rfc2822::to_string(&zoned).unwrap_or_else(|_| instant.to_string())
}

/// `text` cut to at most `max` characters on a word boundary, with `…`.
pub(crate) fn cut(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let end = text
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    let on_boundary = text[end..].starts_with(char::is_whitespace);
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if !on_boundary => &head[..space],
        _ => head,
    };
    format!("{}…", head.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

/// The body of an article as safe HTML: escaped paragraphs for plain text,
/// the (sanitised) rendering for Markdown.
pub(crate) fn body_html(body: &Body) -> String {
    match body {
        Body::Text { paragraphs } => {
            let mut html = String::with_capacity(paragraphs.iter().map(|p| p.len() + 8).sum());
            for p in paragraphs {
                html.push_str("<p>");
                crate::html::escape_into(&mut html, p);
                html.push_str("</p>\n");
            }
            html
        }
        Body::Markdown { html, .. } => html.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_use_each_format_in_utc() {
        let t = Timestamp::from_second(1_752_300_000).unwrap();
        assert_eq!(rfc3339(t), "2025-07-12T06:00:00Z");
        assert_eq!(rfc2822(t), "Sat, 12 Jul 2025 06:00:00 +0000");
    }

    #[test]
    fn rfc3339_keeps_at_most_milliseconds() {
        let t = Timestamp::new(1_752_300_000, 496_486_784).unwrap();
        assert_eq!(rfc3339(t), "2025-07-12T06:00:00.496Z");
    }

    #[test]
    fn a_week_edition_names_its_first_and_last_days() {
        use jiff::civil::date;
        let label = |a, b| edition_label(a, b);
        assert_eq!(label(date(2025, 7, 12), date(2025, 7, 12)), "12 July 2025");
        assert_eq!(label(date(2025, 7, 7), date(2025, 7, 13)), "7–13 July 2025");
        assert_eq!(
            label(date(2025, 6, 30), date(2025, 7, 6)),
            "30 June – 6 July 2025"
        );
        assert_eq!(
            label(date(2025, 12, 29), date(2026, 1, 4)),
            "29 December 2025 – 4 January 2026"
        );
    }

    #[test]
    fn cut_stops_on_a_word_boundary() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("one two three four", 10), "one two…");
        assert_eq!(cut("Rain, hail, snow", 12), "Rain, hail…");
    }

    #[test]
    fn dates_display_without_padding() {
        assert_eq!(display_date(jiff::civil::date(2025, 7, 5)), "5 July 2025");
        assert_eq!(iso_date(jiff::civil::date(2025, 7, 5)), "2025-07-05");
    }

    #[test]
    fn plain_text_bodies_are_escaped_paragraphs() {
        let body = Body::Text {
            paragraphs: vec!["<script>alert(1)</script>".into(), "“Two” & three".into()],
        };
        assert_eq!(
            body_html(&body),
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>“Two” &amp; three</p>\n"
        );
    }
}
