//! Markdown articles: the only user of `pulldown-cmark`.
//!
//! Renders CommonMark with tables, footnotes, strikethrough, smart
//! punctuation and heading ids (`{#id}` or derived from the heading text).
//! Fenced code goes to `highlight`. A leading `# Heading` becomes the
//! article's headline instead of a second title in the body. Raw HTML is left
//! in place here and flagged, so the caller can sanitise the whole fragment;
//! what Markdown syntax itself produces is made safe here, whatever the
//! site's `unsafe_html` says: a link or image whose URL has a script, data or
//! other unknown scheme keeps only its text, and heading attributes keep
//! only an id and classes.

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::highlight;
use super::text::drop_controls;
use crate::slug::{slugify, unique};

/// A rendered Markdown body and what `enrich` needs from it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct MarkdownBody {
    /// The text of a leading level-1 heading, removed from `html`.
    pub headline: Option<String>,
    /// The rendered body, not yet sanitised.
    pub html: String,
    /// The plain text of each paragraph, in order.
    pub paragraphs: Vec<String>,
    /// Words of running text (code excluded).
    pub word_count: usize,
    /// Whether any fenced or indented code block was highlighted.
    pub has_code: bool,
    /// Whether the source contains raw HTML.
    pub has_raw_html: bool,
}

/// Ids the page layout uses itself, which a heading must not take.
const RESERVED_IDS: [&str; 2] = ["main", "top"];

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a Markdown body (front matter already removed).
pub(crate) fn render(text: &str) -> MarkdownBody {
    let events: Vec<Event<'_>> = Parser::new_ext(text, options()).collect();
    let mut body = MarkdownBody::default();
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut ids: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let mut i = 0;
    if let Some(Event::Start(Tag::Heading {
        level: HeadingLevel::H1,
        ..
    })) = events.first()
    {
        let end = end_of(&events, 0);
        body.headline = Some(plain_text(&events[1..end])).filter(|h| !h.is_empty());
        i = end + 1;
    }
    while i < events.len() {
        let end = match &events[i] {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs: _,
            }) => {
                let end = end_of(&events, i);
                let inner = &events[i + 1..end];
                let wanted = match id {
                    Some(id) => id.to_string(),
                    None => Some(slugify(&plain_text(inner), 80))
                        .filter(|s| !s.is_empty())
                        .unwrap_or_else(|| "section".to_string()),
                };
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(unique(&wanted, &mut ids))),
                    classes: classes.clone(),
                    attrs: Vec::new(),
                }));
                body.word_count += count_words(inner);
                out.extend_from_slice(&events[i + 1..=end]);
                end
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let end = end_of(&events, i);
                let lang = match kind {
                    CodeBlockKind::Fenced(lang) => lang.as_ref(),
                    CodeBlockKind::Indented => "",
                };
                let code: String = events[i + 1..end]
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                out.push(Event::Html(highlight::code_block(&code, lang).into()));
                body.has_code = true;
                end
            }
            Event::Start(Tag::Paragraph) => {
                let end = end_of(&events, i);
                let inner = &events[i + 1..end];
                let text = plain_text(inner);
                body.word_count += text.split_whitespace().count();
                body.has_raw_html |= inner.iter().any(is_raw_html);
                if !text.is_empty() {
                    body.paragraphs.push(text);
                }
                out.extend_from_slice(&events[i..=end]);
                end
            }
            event => {
                body.has_raw_html |= is_raw_html(event);
                if let Event::Text(t) = event {
                    body.word_count += t.split_whitespace().count();
                }
                out.push(event.clone());
                i
            }
        };
        i = end + 1;
    }
    pulldown_cmark::html::push_html(&mut body.html, safe_links(out));
    // Character references ("&#131;", "&#1;") decode to the control
    // characters the text cleaner took out of the source.
    drop_controls(&mut body.html);
    body.headline.iter_mut().for_each(drop_controls);
    body.paragraphs.iter_mut().for_each(drop_controls);
    body
}

/// `events` with every link and image whose URL is not a safe link
/// replaced by its text. Links and images do not nest in themselves, so the
/// first end tag of the kind closes an unsafe one.
fn safe_links(events: Vec<Event<'_>>) -> impl Iterator<Item = Event<'_>> {
    let mut dropping: Option<TagEnd> = None;
    events.into_iter().filter(move |event| match event {
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
            if !crate::html::is_safe_link(dest_url) =>
        {
            if let Event::Start(tag) = event {
                dropping = Some(tag.to_end());
            }
            false
        }
        Event::End(end) if dropping == Some(*end) => {
            dropping = None;
            false
        }
        _ => true,
    })
}

fn is_raw_html(event: &Event<'_>) -> bool {
    matches!(event, Event::Html(_) | Event::InlineHtml(_))
}

/// The index of the `End` matching the `Start` at `start`. Headings,
/// paragraphs and code blocks never nest in themselves, so the first end tag
/// of the same kind is the match.
fn end_of(events: &[Event<'_>], start: usize) -> usize {
    let wanted = match &events[start] {
        Event::Start(tag) => tag.to_end(),
        _ => return start,
    };
    events[start..]
        .iter()
        .position(|e| matches!(e, Event::End(end) if *end == wanted))
        .map_or(events.len() - 1, |offset| start + offset)
}

/// The visible text of a run of inline events, breaks as spaces.
fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn count_words(events: &[Event<'_>]) -> usize {
    plain_text(events).split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_references_never_make_control_characters() {
        let body = render("# T&#131;itle\n\nA &#131;b &#1;c &#127;d [e&#155;](/f&#150;g)\n");
        let controls = |t: &str| t.chars().any(|c| c.is_control() && c != '\n');
        assert!(!controls(&body.html), "{:?}", body.html);
        assert_eq!(body.headline.as_deref(), Some("Title"));
        assert_eq!(body.paragraphs, vec!["A b c d e"]);
    }

    #[test]
    fn leading_h1_becomes_the_headline() {
        let body = render("# Big news\n\nFirst *para*.\n\nSecond.\n");
        assert_eq!(body.headline.as_deref(), Some("Big news"));
        assert!(!body.html.contains("<h1"), "{}", body.html);
        assert_eq!(body.paragraphs, vec!["First para.", "Second."]);
        assert_eq!(body.word_count, 3);
    }

    #[test]
    fn headings_get_unique_ids() {
        let body =
            render("Intro.\n\n## Main\n\n## Back story\n\n## Back story\n\n## Custom {#mine}\n");
        assert!(
            body.html.contains("<h2 id=\"main-2\">Main</h2>"),
            "{}",
            body.html
        );
        assert!(
            body.html.contains("<h2 id=\"back-story\">"),
            "{}",
            body.html
        );
        assert!(
            body.html.contains("<h2 id=\"back-story-2\">"),
            "{}",
            body.html
        );
        assert!(
            body.html.contains("<h2 id=\"mine\">Custom</h2>"),
            "{}",
            body.html
        );
    }

    #[test]
    fn extensions_are_on() {
        let body = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ \"quoted\" text[^1]\n\n[^1]: A note.\n",
        );
        assert!(body.html.contains("<table>"), "{}", body.html);
        assert!(body.html.contains("<del>gone</del>"), "{}", body.html);
        assert!(body.html.contains("“quoted”"), "{}", body.html);
        assert!(body.html.contains("footnote"), "{}", body.html);
    }

    #[test]
    fn fenced_code_is_highlighted_and_flagged() {
        let body = render("Text.\n\n```rust\nfn main() {}\n```\n");
        assert!(body.has_code);
        assert!(
            body.html
                .contains("<pre class=\"hl-code\" data-lang=\"rust\">"),
            "{}",
            body.html
        );
        assert_eq!(body.word_count, 1);
    }

    #[test]
    fn raw_html_is_flagged_not_removed_here() {
        let body = render("Hi <b>there</b>.\n\n<div>x</div>\n");
        assert!(body.has_raw_html);
        assert!(!render("Plain & simple.").has_raw_html);
    }

    #[test]
    fn script_links_keep_only_their_text() {
        let body = render(
            "[plain](javascript:alert(1)) [ent](&#106;avascript:x) ![img](data:text/html,x) \
             <javascript:alert(2)> [ref][r] [ok](https://example.org/) ![pic](chart.png)\n\n\
             [r]: vbscript:msgbox\n",
        );
        for gone in ["href=\"javascript", "src=\"data", "vbscript", "<a href=\"&"] {
            assert!(!body.html.contains(gone), "{gone}: {}", body.html);
        }
        for kept in [
            "plain",
            "ent",
            "img",
            "ref",
            "<a href=\"https://example.org/\">ok</a>",
            "<img src=\"chart.png\" alt=\"pic\"",
        ] {
            assert!(body.html.contains(kept), "{kept}: {}", body.html);
        }
    }

    #[test]
    fn heading_attributes_keep_only_id_and_classes() {
        let body = render("Intro.\n\n## Title {#safe .note onclick=alert(1) style=x}\n");
        assert!(
            body.html
                .contains("<h2 id=\"safe\" class=\"note\">Title</h2>"),
            "{}",
            body.html
        );
    }
}
