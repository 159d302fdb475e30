//! Front matter and sidecars: the metadata an author writes by hand.
//!
//! Markdown articles may open with TOML between `+++` lines or YAML between
//! `---` lines; a plain-text `NAME.txt` may have a `NAME.toml` sidecar with the
//! same keys. Unknown keys are errors naming the key, the file and the line,
//! so a typo never passes silently.

use std::fmt;
use std::path::Path;

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::fmt::temporal::Pieces;
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

use super::text::drop_controls;
use crate::config::corrections::EntityCorrections;
use crate::error::reword::{toml_error, yaml_error};
use crate::error::{Diagnostic, Location};

/// The keys an author may set on an article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The headline; derived from the text when absent.
    pub title: Option<String>,
    /// Publication date (and optionally time); else from the file name or
    /// the build's edition date.
    pub date: Option<FrontDate>,
    /// The URL slug; derived from the title when absent.
    pub slug: Option<String>,
    /// Free-form topic tags: a list, or one tag as a string (`tags:
    /// Chile`, as Jekyll and Hugo take it).
    #[serde(default, deserialize_with = "one_or_more")]
    pub tags: Vec<String>,
    /// The outlet the story came from.
    pub source: Option<String>,
    /// Where the original story is: an `http` or `https` URL (anything
    /// else, such as a `javascript:` or `data:` URL, is an error at its
    /// line).
    #[serde(default, deserialize_with = "http_url")]
    pub source_url: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// A hand-written lede replacing the first paragraph in listings.
    pub summary: Option<String>,
    /// Drafts are left out unless the build asks for them.
    #[serde(default)]
    pub draft: bool,
    /// The story's language as a BCP 47 tag (`ar`, `he-IL`), when it is
    /// not the site's; right-to-left languages render with `dir="rtl"`.
    pub lang: Option<String>,
    /// Position within its edition: lower comes first, before the file
    /// name's ordinal.
    pub weight: Option<i64>,
    /// Entities to add to or correct in this article (the shape of
    /// `entities.toml`).
    #[serde(default)]
    pub entities: EntityCorrections,
}

/// A date as written in front matter: `2025-07-12`, an RFC 3339
/// date-time such as `2025-07-12T09:30:00+09:00`, or a date and time
/// without an offset (`2025-07-12T09:30:00`), read in the site's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontDate {
    /// The calendar date as written.
    pub date: Date,
    /// The instant, when a time was given with an offset (or `Z`).
    pub instant: Option<Timestamp>,
    /// The time of day, when one was given without an offset: the site's
    /// time zone says which instant it is.
    pub local_time: Option<Time>,
}

impl FrontDate {
    /// Parses the accepted date forms.
    pub fn parse(text: &str) -> Result<FrontDate, String> {
        let invalid = || {
            format!(
                "invalid date {text:?}: expected YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or an RFC 3339 date-time"
            )
        };
        let pieces = Pieces::parse(text.trim()).map_err(|_| invalid())?;
        let date = pieces.date();
        if !(1..=9999).contains(&date.year()) {
            return Err(format!(
                "invalid date {text:?}: the year must be between 1 and 9999"
            ));
        }
        let (instant, local_time) = match (pieces.time(), pieces.to_numeric_offset()) {
            (None, _) => (None, None),
            (Some(time), None) => (None, Some(time)),
            (Some(time), Some(offset)) => (
                Some(
                    offset
                        .to_timestamp(date.to_datetime(time))
                        .map_err(|_| invalid())?,
                ),
                None,
            ),
        };
        Ok(FrontDate {
            date,
            instant,
            local_time,
        })
    }
}

impl<'de> Deserialize<'de> for FrontDate {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FrontDateVisitor)
    }
}

struct FrontDateVisitor;

impl<'de> Visitor<'de> for FrontDateVisitor {
    type Value = FrontDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date such as 2025-07-12 or 2025-07-12T09:30:00Z")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<FrontDate, E> {
        FrontDate::parse(text).map_err(E::custom)
    }

    /// TOML hands its native date-times over as a one-entry map.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FrontDate, A::Error> {
        let Some(_) = map.next_key::<String>()? else {
            return Err(de::Error::custom("empty date"));
        };
        let text: String = map.next_value()?;
        FrontDate::parse(&text).map_err(de::Error::custom)
    }
}

/// Reads an optional URL that must be `http` or `https` (or empty).
fn http_url<'de, D: de::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let url = String::deserialize(deserializer)?;
    let trimmed = url.trim();
    let scheme = crate::html::url_scheme(trimmed);
    if trimmed.is_empty() || matches!(scheme.as_deref(), Some("http" | "https")) {
        Ok(Some(url))
    } else {
        Err(de::Error::custom(format!(
            "source_url must be an http:// or https:// URL, not {trimmed:?}"
        )))
    }
}

/// Reads a list of strings, or one string as a list of one.
fn one_or_more<'de, D: de::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    deserializer.deserialize_any(OneOrMore)
}

struct OneOrMore;

impl<'de> Visitor<'de> for OneOrMore {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a tag in quotes or a list of tags")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Vec<String>, E> {
        Ok(vec![text.to_string()])
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        let mut tags = Vec::new();
        while let Some(tag) = seq.next_element::<String>()? {
            tags.push(tag);
        }
        Ok(tags)
    }
}

/// Which language a front-matter block is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `+++` lines.
    Toml,
    /// Between `---` lines.
    Yaml,
}

/// A Markdown file cut into its front matter and body.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The front-matter block, when the file has one.
    pub front: Option<Block<'a>>,
    /// Everything after the closing fence.
    pub body: &'a str,
}

/// The text of a front-matter block and where it starts.
#[derive(Debug, PartialEq, Eq)]
pub struct Block<'a> {
    /// TOML or YAML.
    pub format: Format,
    /// The text between the fences.
    pub text: &'a str,
    /// How many lines of the file come before `text` (for error lines).
    pub line_offset: u32,
}

/// Cuts front matter off the top of `text`. A fence that is opened but never
/// closed is an error at line 1.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Diagnostic> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let (format, fence) = match text[..first_line_end].trim_end() {
        "+++" => (Format::Toml, "+++"),
        "---" => (Format::Yaml, "---"),
        _ => {
            return Ok(Split {
                front: None,
                body: text,
            });
        }
    };
    let rest = &text[first_line_end..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence {
            return Ok(Split {
                front: Some(Block {
                    format,
                    text: &rest[..offset],
                    line_offset: 1,
                }),
                body: &rest[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        Location::at(path, 1, 1),
        format!("front matter opened with {fence} is never closed"),
    )
    .with_help(format!(
        "end the front matter with a line holding only {fence}"
    )))
}

/// Parses a front-matter block (or a whole sidecar, with `line_offset` 0).
pub fn parse(block: &Block<'_>, path: &Path) -> Result<FrontMatter, Diagnostic> {
    parse_block(block, path).map(FrontMatter::without_controls)
}

impl FrontMatter {
    /// The text fields without control characters: TOML and YAML escapes
    /// ("\u0001") make them after the text cleaner has run.
    fn without_controls(mut self) -> FrontMatter {
        for field in [
            &mut self.title,
            &mut self.slug,
            &mut self.source,
            &mut self.source_url,
            &mut self.author,
            &mut self.summary,
        ] {
            field.iter_mut().for_each(drop_controls);
        }
        self.tags.iter_mut().for_each(drop_controls);
        self
    }
}

fn parse_block(block: &Block<'_>, path: &Path) -> Result<FrontMatter, Diagnostic> {
    if block.text.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    match block.format {
        Format::Toml => toml::from_str(block.text)
            .map_err(|e| toml_error(path, block.text, e.message(), e.span(), block.line_offset)),
        Format::Yaml => serde_saphyr::from_str(block.text).map_err(|e| {
            let at = e
                .location()
                .map(|at| (clamp(at.line()), clamp(at.column())));
            yaml_error(path, block.text, &yaml_message(&e), at, block.line_offset)
        }),
    }
}

/// serde-saphyr renders a source snippet under its message and puts its
/// own, block-relative position in it; we print the file's position, so
/// keep only the first line without that second position.
fn yaml_message(e: &serde_saphyr::Error) -> String {
    let text = e.to_string();
    let first = text.lines().next().unwrap_or_default().trim();
    crate::error::reword::without_position(first).to_string()
}

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> &'static Path {
        Path::new("seeds/a.md")
    }

    fn front(text: &str) -> Result<FrontMatter, Diagnostic> {
        let split = split(text, path())?;
        parse(&split.front.expect("front matter"), path())
    }

    #[test]
    fn toml_front_matter_is_split_and_parsed() {
        let text =
            "+++\ntitle = \"Hello\"\ntags = [\"a\", \"b\"]\ndate = 2025-07-12\n+++\nBody here.\n";
        let s = split(text, path()).unwrap();
        assert_eq!(s.body, "Body here.\n");
        let fm = parse(&s.front.unwrap(), path()).unwrap();
        assert_eq!(fm.title.as_deref(), Some("Hello"));
        assert_eq!(fm.tags, vec!["a", "b"]);
        assert_eq!(fm.date.unwrap().date, jiff::civil::date(2025, 7, 12));
    }

    #[test]
    fn yaml_front_matter_is_split_and_parsed() {
        let fm = front("---\ntitle: Hi there\ndate: 2024-02-29\ndraft: true\nweight: -3\n---\nx")
            .unwrap();
        assert_eq!(fm.title.as_deref(), Some("Hi there"));
        assert!(fm.draft);
        assert_eq!(fm.weight, Some(-3));
        assert_eq!(fm.date.unwrap().date, jiff::civil::date(2024, 2, 29));
    }

    #[test]
    fn no_fence_means_no_front_matter() {
        let s = split("# Title\n\ntext", path()).unwrap();
        assert!(s.front.is_none());
        assert_eq!(s.body, "# Title\n\ntext");
    }

    #[test]
    fn unknown_toml_key_names_key_and_file_line() {
        let d = front("+++\ntitle = \"x\"\ntitel = \"y\"\n+++\n").unwrap_err();
        assert!(d.message.contains("titel"), "{}", d.message);
        assert_eq!(d.location.to_string(), "seeds/a.md:3:1");
    }

    #[test]
    fn unknown_yaml_key_names_key_and_file_line() {
        let d = front("---\ntitle: x\n\nsumary: y\n---\n").unwrap_err();
        assert!(d.message.contains("sumary"), "{}", d.message);
        assert_eq!(d.location.line, Some(4), "{d}");
    }

    #[test]
    fn one_tag_may_be_a_string() {
        let toml = front("+++\ntags = \"Chile\"\n+++\n").unwrap();
        assert_eq!(toml.tags, ["Chile"]);
        let yaml = front("---\ntags: Chile\n---\n").unwrap();
        assert_eq!(yaml.tags, ["Chile"]);
        let list = front("---\ntags: [Chile, Peru]\n---\n").unwrap();
        assert_eq!(list.tags, ["Chile", "Peru"]);
        let d = front("+++\ntags = 3\n+++\n").unwrap_err();
        assert_eq!(
            d.to_string(),
            "seeds/a.md:2:8: error: `tags` must be a tag in quotes or a list of tags, not 3"
        );
    }

    #[test]
    fn messages_name_the_key_the_value_and_the_closest_key() {
        let said = |text: &str| front(text).unwrap_err().to_string();
        assert_eq!(
            said("---\ntitle: x\n\ntgas: [a]\n---\n"),
            "seeds/a.md:4:1: error: unknown key `tgas`\n  help: did you mean `tags`?"
        );
        assert_eq!(
            said("+++\ntitle = \"x\"\ntitel = \"y\"\n+++\n"),
            "seeds/a.md:3:1: error: unknown key `titel`\n  help: did you mean `title`?"
        );
        assert_eq!(
            said("+++\ntitle = \"x\"\ntitle = \"y\"\n+++\n"),
            "seeds/a.md:3:1: error: `title` is set more than once\n  help: keep one of them"
        );
        assert_eq!(
            said("---\ntitle: x\ntitle: y\n---\n"),
            "seeds/a.md:3:1: error: `title` is set more than once\n  help: keep one of them"
        );
        assert_eq!(
            said("+++\nweight = 1.5\n+++\n"),
            "seeds/a.md:2:10: error: `weight` must be a whole number, not 1.5"
        );
        assert_eq!(
            said("---\ndraft: maybe\n---\n"),
            "seeds/a.md:2:8: error: `draft` must be true or false, not maybe"
        );
        assert_eq!(
            said("+++\n[entities.people]\n\"Kim Jong Un\" = \"Kim\"\n+++\n"),
            "seeds/a.md:3:17: error: `entities.people.\"Kim Jong Un\"` must be a list, not \"Kim\""
        );
        for text in ["---\ntgas: [a]\n---\n", "---\nweight: x\n---\n"] {
            assert_eq!(said(text).matches("error:").count(), 1, "{}", said(text));
            let first = said(text).lines().next().unwrap_or_default().to_string();
            assert_eq!(first.matches(':').count(), 4, "one position: {first}");
        }
    }

    #[test]
    fn bad_date_is_an_error_on_its_line() {
        let d = front("+++\ntitle = \"x\"\ndate = \"12/07/2025\"\n+++\n").unwrap_err();
        assert!(d.message.contains("invalid date"), "{}", d.message);
        assert_eq!(d.location.line, Some(3));
    }

    #[test]
    fn unclosed_fence_is_an_error() {
        let d = split("+++\ntitle = \"x\"\n", path()).unwrap_err();
        assert!(d.message.contains("never closed"));
        assert_eq!(d.location.line, Some(1));
    }

    #[test]
    fn date_times_keep_their_offset() {
        let d = FrontDate::parse("2025-07-12T09:30:00+09:00").unwrap();
        assert_eq!(d.date, jiff::civil::date(2025, 7, 12));
        assert_eq!(d.instant.unwrap().as_second(), 1_752_280_200);
        let toml = front("+++\ndate = 2025-07-12T00:30:00Z\n+++\n").unwrap();
        assert_eq!(
            toml.date.unwrap().instant.unwrap().as_second(),
            1_752_280_200
        );
        assert!(FrontDate::parse("2025-02-30").is_err());
        assert!(FrontDate::parse("-009999-01-01").is_err());
        assert!(FrontDate::parse("0000-01-01").is_err());
        assert!(FrontDate::parse("9999-12-31").is_ok());
    }

    #[test]
    fn source_url_must_be_http() {
        let ok = front("+++\nsource_url = \"https://example.org/story\"\n+++\n").unwrap();
        assert_eq!(ok.source_url.as_deref(), Some("https://example.org/story"));
        for bad in [
            "javascript:alert(1)",
            " data:text/html,x",
            "/relative",
            "ftp://x",
        ] {
            let d = front(&format!("+++\ntitle = \"t\"\nsource_url = {bad:?}\n+++\n")).unwrap_err();
            assert!(d.message.contains("source_url"), "{bad}: {d}");
            assert_eq!(d.location.line, Some(3), "{bad}: {d}");
        }
        let yaml = front("---\nsource_url: 'javascript:x'\n---\n").unwrap_err();
        assert!(yaml.message.contains("source_url"), "{yaml}");
    }

    #[test]
    fn yaml_errors_carry_one_position() {
        let d = front("---\ntitle: x\ndate: 2025-13-01\n---\n").unwrap_err();
        assert_eq!(d.location.to_string(), "seeds/a.md:3:7");
        assert!(!d.message.contains("line"), "{d}");
        assert_eq!(
            crate::error::reword::without_position("line 3 column 7: bad ':'"),
            "bad ':'"
        );
        assert_eq!(
            crate::error::reword::without_position("bad at line 2, column 4"),
            "bad"
        );
        assert_eq!(
            crate::error::reword::without_position("line up: fine"),
            "line up: fine"
        );
    }

    #[test]
    fn a_time_without_offset_is_local() {
        let d = FrontDate::parse("2025-07-12T09:30:00").unwrap();
        assert_eq!(d.instant, None);
        assert_eq!(d.local_time, Some(jiff::civil::time(9, 30, 0, 0)));
        let toml = front("+++\ndate = 2025-07-12T09:30:00\n+++\n").unwrap();
        assert_eq!(toml.date.unwrap().local_time, d.local_time);
        let plain = FrontDate::parse("2025-07-12").unwrap();
        assert_eq!((plain.instant, plain.local_time), (None, None));
    }
}
