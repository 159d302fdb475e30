//! Reading one article: [`SourceFile`] → [`ParsedArticle`].
//!
//! [`parse`] is pure: the file's text (and its sidecar's) in, metadata and
//! body blocks out, or a [`Diagnostic`] naming the file and line. [`load`]
//! reads the files and calls it. Nothing here derives anything: titles,
//! dates and slugs are `enrich`'s job.

pub mod front_matter;
pub mod highlight;
mod markdown;
mod plain;
mod sanitize;
mod smart;
mod text;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::discover::{SourceFile, SourceKind};
use crate::error::{Diagnostic, Location};
use front_matter::{Block, FrontMatter};

/// An article as written: its metadata and its body, nothing derived yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedArticle {
    /// The file it came from.
    pub source: SourceFile,
    /// Front matter or sidecar keys (all empty when there were none).
    pub front: FrontMatter,
    /// A headline written in the text itself (first line or leading `#`).
    pub headline: Option<String>,
    /// The text.
    pub body: Body,
    /// A hash of the source text and sidecar: equal revisions, equal body.
    pub revision: u64,
}

/// An article's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Body {
    /// Plain paragraphs, escaped when rendered.
    Text {
        /// One entry per paragraph.
        paragraphs: Vec<String>,
    },
    /// Rendered (and, unless the site opted out, sanitised) Markdown.
    Markdown {
        /// Safe HTML for the article body.
        html: String,
        /// The plain text of each paragraph, for the lede and extraction.
        paragraphs: Vec<String>,
        /// Words of running text.
        word_count: usize,
        /// Whether the page needs the code stylesheet.
        has_code: bool,
    },
}

impl Body {
    /// The plain text of each paragraph.
    pub fn paragraphs(&self) -> &[String] {
        match self {
            Body::Text { paragraphs } | Body::Markdown { paragraphs, .. } => paragraphs,
        }
    }

    /// Words of running text.
    pub fn word_count(&self) -> usize {
        match self {
            Body::Text { paragraphs } => paragraphs.iter().map(|p| count_words(p)).sum(),
            Body::Markdown { word_count, .. } => *word_count,
        }
    }

    /// Whether the body has highlighted code.
    pub fn has_code(&self) -> bool {
        matches!(self, Body::Markdown { has_code: true, .. })
    }
}

/// Words of `text` as `split_whitespace` counts them, reading ASCII byte
/// by byte and decoding only other characters.
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while let Some(&b) = bytes.get(i) {
        let (space, len) = if b.is_ascii() {
            (b.is_ascii_whitespace() || b == 0x0b, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        words += usize::from(!space && !in_word);
        in_word = !space;
        i += len;
    }
    words
}

/// Site settings that change how articles are parsed.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseOptions {
    /// Keep raw HTML in Markdown unsanitised.
    pub unsafe_html: bool,
}

/// Parses an article from its text and its sidecar's text.
pub fn parse(
    source: &SourceFile,
    text: &str,
    sidecar: Option<&str>,
    options: ParseOptions,
) -> Result<ParsedArticle, Diagnostic> {
    check_file_name_date(source)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = &*text::clean(text, &source.rel_path)?;
    let (front, headline, body) = match source.kind {
        SourceKind::Text => {
            let front = match (sidecar, &source.sidecar) {
                (Some(sidecar), Some(path)) => {
                    let path = relative_sidecar(source, path);
                    parse_sidecar(&text::clean(sidecar, &path)?, &path)?
                }
                _ => FrontMatter::default(),
            };
            // Smart punctuation, as Markdown gets it, before anything
            // reads the text, so quotes and names are found in its final
            // form.
            let plain = plain::parse(text);
            let body = Body::Text {
                paragraphs: plain
                    .paragraphs
                    .iter()
                    .map(|p| smart::punctuate(p))
                    .collect(),
            };
            (front, plain.headline.map(|h| smart::punctuate(&h)), body)
        }
        SourceKind::Markdown => {
            let split = front_matter::split(text, &source.rel_path)?;
            let front = match &split.front {
                Some(block) => front_matter::parse(block, &source.rel_path)?,
                None => FrontMatter::default(),
            };
            let md = markdown::render(split.body);
            let html = if md.has_raw_html && !options.unsafe_html {
                sanitize::sanitize(&md.html)
            } else {
                md.html
            };
            let body = Body::Markdown {
                html,
                paragraphs: md.paragraphs,
                word_count: md.word_count,
                has_code: md.has_code,
            };
            (front, md.headline, body)
        }
    };
    let has_title =
        front.title.as_deref().is_some_and(|t| !t.trim().is_empty()) || headline.is_some();
    if body.paragraphs().is_empty() && !has_title {
        return Err(
            Diagnostic::error(Location::file(&source.rel_path), "article has no text")
                .with_help("write at least one paragraph, or a title in front matter"),
        );
    }
    Ok(ParsedArticle {
        source: source.clone(),
        front,
        headline,
        body,
        revision: revision(text, sidecar),
    })
}

/// A file name starting with what looks like a date (`DDDD-DD-DD`) dates
/// the article; one that is not a real date is an error rather than
/// silently ignored.
fn check_file_name_date(source: &SourceFile) -> Result<(), Diagnostic> {
    let stem = source.stem().as_bytes();
    let looks_like_date = stem.len() >= 10
        && stem[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let prefix = source.stem().get(..10).unwrap_or_default();
    if looks_like_date && prefix.parse::<jiff::civil::Date>().is_err() {
        return Err(Diagnostic::error(
            Location::file(&source.rel_path),
            format!("the file name starts with {prefix}, which is not a date"),
        )
        .with_help("rename the file with a real YYYY-MM-DD date, or without one"));
    }
    Ok(())
}

/// `text` as [`parse`] reads it: line ends made `\n`, control characters
/// dropped, a NUL an error at its position.
pub fn clean_text<'a>(
    text: &'a str,
    rel_path: &Path,
) -> Result<std::borrow::Cow<'a, str>, Diagnostic> {
    text::clean(text, rel_path)
}

/// The text of an article file and of its sidecar, as read from disk and
/// decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// The article file's text.
    pub text: String,
    /// The sidecar's text, when the article has one.
    pub sidecar: Option<String>,
}

/// Reads an article (and its sidecar) from disk and parses it.
pub fn load(source: &SourceFile, options: ParseOptions) -> Result<ParsedArticle, Diagnostic> {
    let read = read(source)?;
    parse(source, &read.text, read.sidecar.as_deref(), options)
}

/// Reads an article's text and its sidecar's: UTF-8, or UTF-16 with a
/// byte order mark; a decoding error names the line.
pub fn read(source: &SourceFile) -> Result<SourceText, Diagnostic> {
    let text = text::decode(
        read_bytes(&source.path, &source.rel_path)?,
        &source.rel_path,
    )?;
    let sidecar = match &source.sidecar {
        Some(path) => {
            let rel = relative_sidecar(source, path);
            Some(text::decode(read_bytes(path, &rel)?, &rel)?)
        }
        None => None,
    };
    Ok(SourceText { text, sidecar })
}

/// Decodes an article's bytes (and its sidecar's) and parses them: UTF-8,
/// or UTF-16 with a byte order mark; a decoding error names the line.
pub fn parse_bytes(
    source: &SourceFile,
    bytes: Vec<u8>,
    sidecar: Option<Vec<u8>>,
    options: ParseOptions,
) -> Result<ParsedArticle, Diagnostic> {
    let text = text::decode(bytes, &source.rel_path)?;
    let sidecar = match (sidecar, &source.sidecar) {
        (Some(bytes), Some(path)) => Some(text::decode(bytes, &relative_sidecar(source, path))?),
        _ => None,
    };
    parse(source, &text, sidecar.as_deref(), options)
}

/// Hashes an article's inputs; the separator keeps "ab"+"" apart from
/// "a"+"b".
fn revision(text: &str, sidecar: Option<&str>) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(text.as_bytes());
    if let Some(sidecar) = sidecar {
        hasher.update(&[0xff]);
        hasher.update(sidecar.as_bytes());
    }
    hasher.digest()
}

fn parse_sidecar(text: &str, rel_path: &Path) -> Result<FrontMatter, Diagnostic> {
    let block = Block {
        format: front_matter::Format::Toml,
        text,
        line_offset: 0,
    };
    front_matter::parse(&block, rel_path)
}

/// The sidecar's path relative to the site root, for messages.
fn relative_sidecar(source: &SourceFile, sidecar: &Path) -> std::path::PathBuf {
    match sidecar.file_name() {
        Some(name) => source.rel_path.with_file_name(name),
        None => sidecar.to_path_buf(),
    }
}

/// Reads a file's bytes; failing to names the file.
fn read_bytes(path: &Path, rel_path: &Path) -> Result<Vec<u8>, Diagnostic> {
    crate::fs::read(path).map_err(|e| {
        let why = std::error::Error::source(&e).map_or_else(|| e.to_string(), ToString::to_string);
        Diagnostic::error(Location::file(rel_path), format!("cannot read: {why}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            "  one  ",
            "one two\tthree\nfour\u{0b}five\u{0c}six\rseven",
            "non\u{a0}breaking and\u{2003}em space, “quoted” café",
            "\u{3000}ideographic\u{3000}space",
        ] {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }
    use std::path::PathBuf;

    fn source(name: &str, kind: SourceKind, sidecar: bool) -> SourceFile {
        let rel = PathBuf::from("seeds").join(name);
        SourceFile {
            path: rel.clone(),
            sidecar: sidecar.then(|| rel.with_extension("toml")),
            rel_path: rel,
            kind,
        }
    }

    #[test]
    fn text_with_sidecar_takes_its_metadata() {
        let src = source("a.txt", SourceKind::Text, true);
        let parsed = parse(
            &src,
            "One.\nTwo.",
            Some("title = \"T\"\ntags = [\"x\"]"),
            ParseOptions::default(),
        )
        .unwrap();
        assert_eq!(parsed.front.title.as_deref(), Some("T"));
        assert_eq!(parsed.body.paragraphs(), ["One.", "Two."]);
        assert_eq!(parsed.body.word_count(), 2);
    }

    #[test]
    fn sidecar_errors_name_the_sidecar() {
        let src = source("a.txt", SourceKind::Text, true);
        let err = parse(&src, "One.", Some("\nbogus = 1"), ParseOptions::default()).unwrap_err();
        assert_eq!(err.location.to_string(), "seeds/a.toml:2:1");
    }

    #[test]
    fn markdown_raw_html_is_sanitised_unless_opted_out() {
        let src = source("a.md", SourceKind::Markdown, false);
        let text = "+++\ntitle = \"x\"\n+++\nHi <script>alert(1)</script> there.\n";
        let safe = parse(&src, text, None, ParseOptions::default()).unwrap();
        let Body::Markdown { html, .. } = &safe.body else {
            panic!("markdown body")
        };
        assert!(!html.contains("<script"), "{html}");
        let raw = parse(&src, text, None, ParseOptions { unsafe_html: true }).unwrap();
        let Body::Markdown { html, .. } = &raw.body else {
            panic!("markdown body")
        };
        assert!(html.contains("<script>"), "{html}");
    }

    #[test]
    fn empty_article_is_an_error() {
        let src = source("a.txt", SourceKind::Text, false);
        let err = parse(&src, "\n \n", None, ParseOptions::default()).unwrap_err();
        assert!(err.message.contains("no text"));
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let src = source("a.md", SourceKind::Markdown, false);
        let parsed = parse(
            &src,
            "\u{feff}+++\ntitle = \"x\"\n+++\nBody.",
            None,
            ParseOptions::default(),
        )
        .unwrap();
        assert_eq!(parsed.front.title.as_deref(), Some("x"));
    }

    #[test]
    fn an_impossible_date_in_the_file_name_is_an_error() {
        let bad = source("2025-02-30_story.txt", SourceKind::Text, false);
        let err = parse(&bad, "Text.", None, ParseOptions::default()).unwrap_err();
        assert!(err.message.contains("2025-02-30"), "{err}");
        for fine in ["2025-02-28_story.txt", "1234-story.txt", "story.txt"] {
            let src = source(fine, SourceKind::Text, false);
            assert!(
                parse(&src, "Text.", None, ParseOptions::default()).is_ok(),
                "{fine}"
            );
        }
    }
}
