//! An edition as an email: the view behind `email.html` (one
//! self-contained file that mail clients render: inline styles, a table
//! layout, absolute links) and `email.txt` (its plain-text alternative,
//! with numbered links). Every story of the edition is in both.

use serde::Serialize;

use super::format::{edition_label, iso_date};
use crate::digest::Digest;
use crate::digest::ids::EditionId;
use crate::urls::{self, Urls};

/// The width plain text is wrapped to, in characters.
const TEXT_WIDTH: usize = 72;
/// The longest preheader (the line mail clients show after the subject).
const PREHEADER_CHARS: usize = 140;

/// An edition as an email.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EmailView {
    /// The site's name.
    pub site_title: String,
    /// The site's absolute URL.
    pub site_url: String,
    /// The day for display.
    pub date: String,
    /// The day for `<time datetime>`.
    pub date_iso: String,
    /// How many stories the edition has.
    pub count: usize,
    /// The hidden text clients show after the subject: the first headlines.
    pub preheader: String,
    /// The edition's web page, absolute.
    pub web_url: String,
    /// The edition's print edition, absolute.
    pub print_url: String,
    /// Every story, in reading order.
    pub stories: Vec<EmailStory>,
    /// The numbered links of the plain text, in order: each story's, then
    /// the web edition's.
    pub links: Vec<NumberedLink>,
}

/// One story of an email.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EmailStory {
    /// Its number in the edition, from 1 (also its link's number).
    pub n: usize,
    /// Headline.
    pub title: String,
    /// The article page, absolute.
    pub url: String,
    /// The lede.
    pub lede: String,
    /// Where it comes from, when known.
    pub source: Option<String>,
    /// Headline, number and lede as plain text, wrapped.
    pub text: String,
}

/// A link of the plain text.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct NumberedLink {
    /// Its number.
    pub n: usize,
    /// What it is.
    pub label: String,
    /// The absolute URL.
    pub url: String,
}

/// Edition `e` as an email, linking under `urls`' base URL.
pub(crate) fn email(digest: &Digest, e: EditionId, site_title: &str, urls: &Urls) -> EmailView {
    let edition = &digest.editions[e];
    let stories: Vec<EmailStory> = edition
        .articles
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let a = &digest.articles[i];
            let n = k + 1;
            let mut text = wrap(&format!("{n}. {} [{n}]", a.title), "", "   ", TEXT_WIDTH);
            text.push('\n');
            text.push_str(&wrap(&a.lede, "   ", "   ", TEXT_WIDTH));
            EmailStory {
                n,
                title: a.title.clone(),
                url: urls.absolute(&urls::article_route(&a.slug)),
                lede: a.lede.clone(),
                source: a.source.clone(),
                text,
            }
        })
        .collect();
    let web_url = urls.absolute(&urls::edition_route(edition.date));
    let mut links: Vec<NumberedLink> = stories
        .iter()
        .map(|s| NumberedLink {
            n: s.n,
            label: s.title.clone(),
            url: s.url.clone(),
        })
        .collect();
    links.push(NumberedLink {
        n: links.len() + 1,
        label: "This edition on the web".to_string(),
        url: web_url.clone(),
    });
    EmailView {
        site_title: site_title.to_string(),
        site_url: urls.absolute(""),
        date: edition_label(edition.date, edition.last),
        date_iso: iso_date(edition.date),
        count: stories.len(),
        preheader: preheader(&stories),
        web_url,
        print_url: urls.absolute(&urls::edition_print_route(edition.date)),
        stories,
        links,
    }
}

/// The first headlines, joined, cut to what a client shows.
fn preheader(stories: &[EmailStory]) -> String {
    let joined: Vec<&str> = stories.iter().map(|s| s.title.as_str()).collect();
    super::format::cut(&joined.join(" · "), PREHEADER_CHARS)
}

/// `text` wrapped to `width` characters on spaces, its first line starting
/// with `first` and the others with `rest`. A word longer than a line (a
/// URL) stands on its own line, unbroken.
fn wrap(text: &str, first: &str, rest: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width * (rest.len() + 1));
    let mut line = 0;
    let mut indent = first;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line > 0 && line + 1 + len > width {
            out.push('\n');
            line = 0;
            indent = rest;
        }
        if line == 0 {
            out.push_str(indent);
            line = indent.chars().count();
        } else {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_on_spaces_with_its_indent() {
        let text = wrap("one two three four five", "  ", "  ", 12);
        assert_eq!(text, "  one two\n  three four\n  five");
        let text = wrap("1. one two three four", "", "   ", 10);
        assert_eq!(text, "1. one two\n   three\n   four");
        let url = "https://example.org/a-long-link";
        assert_eq!(wrap(url, "", "", 8), url);
        assert_eq!(wrap("", "  ", "  ", 10), "");
    }

    #[test]
    fn the_preheader_joins_headlines_and_stops_short() {
        let story = |t: &str| EmailStory {
            n: 1,
            title: t.to_string(),
            url: String::new(),
            lede: String::new(),
            source: None,
            text: String::new(),
        };
        assert_eq!(preheader(&[story("Rain"), story("Talks")]), "Rain · Talks");
        let long: Vec<EmailStory> = (0..40).map(|_| story("Headline words")).collect();
        assert!(preheader(&long).chars().count() <= PREHEADER_CHARS);
    }
}
