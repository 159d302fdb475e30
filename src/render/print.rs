//! An edition for paper: the view behind `editions/DATE/print/`, every
//! story of the edition in full, its links turned into numbered footnotes
//! that print their URLs.

use serde::Serialize;

use super::format::{body_html, edition_label, iso_date};
use crate::digest::Digest;
use crate::digest::ids::EditionId;
use crate::urls::{self, Urls};

/// An edition on printable pages.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PrintView {
    /// The site's name.
    pub site_title: String,
    /// The day for display.
    pub date: String,
    /// The day for `<time datetime>`.
    pub date_iso: String,
    /// How many stories the edition has.
    pub count: usize,
    /// The edition's web page, absolute.
    pub web_url: String,
    /// Every story, in reading order.
    pub stories: Vec<PrintStory>,
}

/// One story on paper.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PrintStory {
    /// Headline.
    pub title: String,
    /// The article page, absolute (printed, not linked).
    pub url: String,
    /// The dateline as written.
    pub dateline: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Where it comes from.
    pub source: Option<String>,
    /// The text, its links made footnote marks.
    pub body: PrintBody,
    /// The footnotes: the links' URLs, numbered through the edition.
    pub notes: Vec<Note>,
}

/// A story's text on paper, or (when the page is only fingerprinted) the
/// source revision that determines it.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub(crate) enum PrintBody {
    /// Safe HTML without links.
    Html(String),
    /// The article's source revision.
    Revision(u64),
}

/// A footnote: a link's number and absolute URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Note {
    /// Its number in the edition, from 1.
    pub n: usize,
    /// The URL, HTML-escaped as it was in the link.
    pub url: String,
}

/// Edition `e` for print. With `bodies` false each story's body is its
/// revision (enough to fingerprint the page, without rendering it).
pub(crate) fn print(
    digest: &Digest,
    e: EditionId,
    site_title: &str,
    urls: &Urls,
    bodies: bool,
) -> PrintView {
    let edition = &digest.editions[e];
    let mut next_note = 1;
    let stories = edition
        .articles
        .iter()
        .map(|&i| {
            let a = &digest.articles[i];
            let route = urls::article_route(&a.slug);
            let (body, notes) = if bodies {
                let resolve = |link: &str| urls.resolve(&route, link);
                let html = absolute_sources(&body_html(&a.body), resolve);
                let (html, notes) = footnotes(&html, next_note, resolve);
                next_note += notes.len();
                (PrintBody::Html(html), notes)
            } else {
                (PrintBody::Revision(a.revision), Vec::new())
            };
            PrintStory {
                title: a.title.clone(),
                url: urls.absolute(&route),
                dateline: a.dateline.as_ref().map(|d| d.text.clone()),
                author: a.author.clone(),
                source: a.source.clone(),
                body,
                notes,
            }
        })
        .collect();
    PrintView {
        site_title: site_title.to_string(),
        date: edition_label(edition.date, edition.last),
        date_iso: iso_date(edition.date),
        count: edition.articles.len(),
        web_url: urls.absolute(&urls::edition_route(edition.date)),
        stories,
    }
}

/// `html` with each `<a href>` replaced by its text and a footnote mark
/// `[n]`, numbered from `first`; the notes hold each link's URL made
/// absolute by `resolve`. Links within the page (`#…`) keep their text
/// only. Bodies are sanitised HTML, so links are well-formed and never
/// nested.
fn footnotes(html: &str, first: usize, resolve: impl Fn(&str) -> String) -> (String, Vec<Note>) {
    let mut out = String::with_capacity(html.len());
    let mut notes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<a ") {
        let Some(open_len) = rest[start..].find('>') else {
            break;
        };
        let Some(close) = rest[start..].find("</a>") else {
            break;
        };
        let tag = &rest[start..start + open_len];
        out.push_str(&rest[..start]);
        out.push_str(&rest[start + open_len + 1..start + close]);
        if let Some(href) = attr(tag, "href").filter(|h| !h.starts_with('#')) {
            let n = first + notes.len();
            out.push_str(&format!("<sup class=\"fn\">[{n}]</sup>"));
            let url = resolve(&crate::html::unescape(href));
            notes.push(Note {
                n,
                url: crate::html::escape(&url),
            });
        }
        rest = &rest[start + close + "</a>".len()..];
    }
    out.push_str(rest);
    (out, notes)
}

/// `html` with every `src="…"` made absolute by `resolve`: the story's
/// images, written relative to its own page, shown on the print page.
fn absolute_sources(html: &str, resolve: impl Fn(&str) -> String) -> String {
    const KEY: &str = " src=\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(KEY) {
        let from = at + KEY.len();
        let Some(len) = rest[from..].find('"') else {
            break;
        };
        out.push_str(&rest[..from]);
        let url = resolve(&crate::html::unescape(&rest[from..from + len]));
        out.push_str(&crate::html::escape(&url));
        rest = &rest[from + len..];
    }
    out.push_str(rest);
    out
}

/// The value of attribute `name` in an opening tag, as written
/// (double-quoted, as the sanitiser and the renderers write them).
fn attr<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    let len = tag[from..].find('"')?;
    Some(&tag[from..from + len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_numbered_notes_with_absolute_urls() {
        let html = "<p>See <a href=\"https://a.org/x?y=1&amp;z=2\">the report</a> and \
                    <a href=\"../other/\" title=\"t\">that</a>, or <a href=\"#fn-1\">1</a>.</p>";
        let (text, notes) = footnotes(html, 4, |l| {
            if l.starts_with("https:") {
                l.to_string()
            } else {
                format!("https://site.org/articles/{l}")
            }
        });
        assert_eq!(
            text,
            "<p>See the report<sup class=\"fn\">[4]</sup> and that<sup class=\"fn\">[5]</sup>, or 1.</p>"
        );
        assert_eq!(
            notes,
            vec![
                Note {
                    n: 4,
                    url: "https://a.org/x?y=1&amp;z=2".into()
                },
                Note {
                    n: 5,
                    url: "https://site.org/articles/../other/".into()
                },
            ]
        );
    }

    #[test]
    fn images_are_found_from_the_print_page() {
        let html = "<p><img src=\"../img/a.svg\" alt=\"A\"> <img src=\"https://b.org/b.png\"></p>";
        let out = absolute_sources(html, |l| {
            if l.starts_with("https:") {
                l.to_string()
            } else {
                format!("https://site.org/articles/x/{l}")
            }
        });
        assert_eq!(
            out,
            "<p><img src=\"https://site.org/articles/x/../img/a.svg\" alt=\"A\"> <img src=\"https://b.org/b.png\"></p>"
        );
    }

    #[test]
    fn text_without_links_is_unchanged() {
        let (text, notes) = footnotes("<p>Plain &amp; simple.</p>", 1, |l| l.to_string());
        assert_eq!(text, "<p>Plain &amp; simple.</p>");
        assert!(notes.is_empty());
    }
}
