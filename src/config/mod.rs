//! `site.toml` → [`Config`].
//!
//! [`parse`] is pure (text in, config or located error out); [`load`] adds
//! the disk. Every table denies unknown keys so a typo is an error naming the
//! key and its line; `[extra]` is the one free-form table, for templates.
//! [`corrections`] reads the site's `entities.toml` the same way.

pub mod corrections;

use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use serde::Deserialize;

use crate::error::{Diagnostic, Error, Location};
use corrections::EntityCorrections;

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// The contents of `site.toml`, with defaults filled in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name, shown in every page header and feed.
    pub title: String,
    /// Where the site is published, e.g. `https://user.github.io/repo/`.
    /// Always ends with `/` after [`parse`].
    pub base_url: String,
    /// One sentence about the site, for `<meta name="description">`.
    #[serde(default)]
    pub description: String,
    /// The language of the articles, as a BCP 47 tag.
    #[serde(default = "default_language")]
    pub language: String,
    /// The publisher or newsroom, when there is one.
    #[serde(default)]
    pub author: Option<String>,
    /// The organisation named as publisher in article metadata (JSON-LD);
    /// `author` when not set.
    #[serde(default)]
    pub publisher: Option<String>,
    /// A custom domain for GitHub Pages: written to the output as `CNAME`.
    #[serde(default)]
    pub cname: Option<String>,
    /// The output folder, relative to the site root.
    #[serde(default = "default_output_dir")]
    pub output_dir: PathBuf,
    /// Markdown rendering settings.
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// How the digest is laid out.
    #[serde(default)]
    pub digest: DigestConfig,
    /// The Atom, RSS and JSON feeds.
    #[serde(default)]
    pub feeds: FeedsConfig,
    /// How long an edition is and the time zone its days are in.
    #[serde(default)]
    pub editions: EditionsConfig,
    /// When two stories count as versions of one.
    #[serde(default)]
    pub duplicates: DuplicatesConfig,
    /// Free-form values handed to templates as `site.extra`.
    #[serde(default)]
    pub extra: toml::Table,
}

/// `[markdown]`: how Markdown articles are rendered.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// The syntect theme the code stylesheet is generated from.
    pub highlight_theme: String,
    /// Keep raw HTML in Markdown as written instead of sanitising it.
    /// Only for sites whose every author is trusted.
    pub unsafe_html: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            highlight_theme: "InspiredGitHub".to_string(),
            unsafe_html: false,
        }
    }
}

/// `[digest]`: how the digest is put together.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DigestConfig {
    /// How many earlier editions the front page lists below the latest one;
    /// all of them are on the editions archive page.
    pub index_editions: usize,
    /// Reading speed used for "N min read".
    pub words_per_minute: u32,
}

impl Default for DigestConfig {
    fn default() -> Self {
        DigestConfig {
            index_editions: 7,
            words_per_minute: 230,
        }
    }
}

/// `[feeds]`: what `atom.xml`, `rss.xml` and `feed.json` carry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedsConfig {
    /// How many of the newest articles each feed lists.
    pub limit: usize,
    /// Whole articles, or only their ledes.
    pub content: FeedContent,
}

impl Default for FeedsConfig {
    fn default() -> Self {
        FeedsConfig {
            limit: 20,
            content: FeedContent::Full,
        }
    }
}

/// How much of each article a feed entry carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedContent {
    /// The whole article, as HTML.
    Full,
    /// Only the lede.
    Summary,
}

/// `[editions]`: what one edition covers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EditionsConfig {
    /// A day or a week of stories.
    pub length: EditionLength,
    /// The IANA time zone (`Europe/London`) whose days the editions are,
    /// and in which a date or time written without an offset is read.
    pub time_zone: String,
}

impl Default for EditionsConfig {
    fn default() -> Self {
        EditionsConfig {
            length: EditionLength::Day,
            time_zone: "UTC".to_string(),
        }
    }
}

impl EditionsConfig {
    /// The time zone; UTC if the name is unknown (which [`parse`] refuses).
    pub fn zone(&self) -> TimeZone {
        TimeZone::get(&self.time_zone).unwrap_or(TimeZone::UTC)
    }
}

/// How much time one edition covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EditionLength {
    /// A calendar day.
    #[default]
    Day,
    /// A week, Monday to Sunday.
    Week,
}

/// `[duplicates]`: when two stories are versions of one.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DuplicatesConfig {
    /// The share of word sequences two stories must have in common (the
    /// Jaccard similarity of their word 3-shingles, 0 to 1) to fold into
    /// one; 1 folds only identical texts.
    pub threshold: f64,
}

impl Default for DuplicatesConfig {
    fn default() -> Self {
        DuplicatesConfig { threshold: 0.5 }
    }
}

fn default_language() -> String {
    "en".to_string()
}

fn default_output_dir() -> PathBuf {
    PathBuf::from("public")
}

/// A loaded configuration together with the site root it belongs to.
#[derive(Debug, Clone)]
pub struct Config {
    /// The parsed `site.toml`.
    pub site: SiteConfig,
    /// The site root folder (the one holding `site.toml`).
    pub root: PathBuf,
    /// Entity corrections from `entities.toml` (none when it is absent).
    pub entities: EntityCorrections,
}

impl Config {
    /// The articles folder.
    pub fn seeds_dir(&self) -> PathBuf {
        self.root.join("seeds")
    }

    /// The site's template overrides.
    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }

    /// The site's static files, copied as they are.
    pub fn static_dir(&self) -> PathBuf {
        self.root.join("static")
    }

    /// The output folder configured in `site.toml`.
    pub fn output_dir(&self) -> PathBuf {
        self.root.join(&self.site.output_dir)
    }
}

/// Reads and validates `ROOT/site.toml` and, when there is one,
/// `ROOT/entities.toml`. `themes` are the code-highlighting themes that
/// exist: the highlighter knows them, so its caller passes them in.
pub fn load(root: &Path, themes: &[&str]) -> Result<Config, Error> {
    let path = root.join(CONFIG_FILE);
    if !crate::fs::exists(&path) {
        return Err(Error::Config(
            Diagnostic::error(Location::file(CONFIG_FILE), "no site.toml in the site root")
                .with_help(format!(
                    "run briefing in a site folder, or pass --root; looked in {}",
                    root.display()
                )),
        ));
    }
    let text = crate::fs::read_to_string(&path)?;
    let site = parse(&text, Path::new(CONFIG_FILE), themes)?;
    Ok(Config {
        site,
        root: root.to_path_buf(),
        entities: corrections::load(root)?,
    })
}

/// Parses and validates the text of a `site.toml`; `path` names it in
/// errors, and `markdown.highlight_theme` must be one of `themes`.
pub fn parse(text: &str, path: &Path, themes: &[&str]) -> Result<SiteConfig, Error> {
    let mut site: SiteConfig = toml::from_str(text).map_err(|e| {
        let location = match e.span() {
            Some(span) => Location::from_offset(path, text, span.start, 0),
            None => Location::file(path),
        };
        Error::Config(Diagnostic::error(location, e.message().trim().to_string()))
    })?;
    let invalid = |key: &str, message: String| {
        Error::Config(Diagnostic::error(key_location(text, key, path), message))
    };
    if site.title.trim().is_empty() {
        return Err(invalid("title", "`title` must not be empty".into()));
    }
    site.base_url = normalize_base_url(&site.base_url)
        .map_err(|why| invalid("base_url", format!("`base_url` {why}")))?;
    if site.digest.words_per_minute == 0 {
        return Err(invalid(
            "words_per_minute",
            "`digest.words_per_minute` must be at least 1".into(),
        ));
    }
    if site.feeds.limit == 0 {
        return Err(invalid("limit", "`feeds.limit` must be at least 1".into()));
    }
    if !(site.duplicates.threshold > 0.0 && site.duplicates.threshold <= 1.0) {
        return Err(invalid(
            "threshold",
            "`duplicates.threshold` must be more than 0 and at most 1".into(),
        ));
    }
    if TimeZone::get(&site.editions.time_zone).is_err() {
        return Err(Error::Config(
            Diagnostic::error(
                key_location(text, "time_zone", path),
                format!("unknown `editions.time_zone` {:?}", site.editions.time_zone),
            )
            .with_help("use an IANA time zone name such as \"Europe/London\" or \"UTC\""),
        ));
    }
    if let Some(cname) = &mut site.cname {
        *cname =
            normalize_cname(cname).map_err(|why| invalid("cname", format!("`cname` {why}")))?;
    }
    if !themes.contains(&site.markdown.highlight_theme.as_str()) {
        let known = themes.join(", ");
        return Err(Error::Config(
            Diagnostic::error(
                key_location(text, "highlight_theme", path),
                format!(
                    "unknown `markdown.highlight_theme` {:?}",
                    site.markdown.highlight_theme
                ),
            )
            .with_help(format!("known themes: {known}")),
        ));
    }
    Ok(site)
}

/// Checks that `url` is an absolute http(s) URL without query or fragment,
/// and returns it ending with `/`.
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("must start with http:// or https://, got {url:?}"))?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() {
        return Err(format!("has no host name: {url:?}"));
    }
    if url.contains(['?', '#', ' ']) {
        return Err(format!(
            "must not contain a query, fragment or space: {url:?}"
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// Checks that `cname` is a bare host name (what GitHub Pages expects in
/// `CNAME`) and returns it trimmed.
pub fn normalize_cname(cname: &str) -> Result<String, String> {
    let host = cname.trim();
    let valid = !host.is_empty()
        && host.len() <= 253
        && host.contains('.')
        && host.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if valid {
        Ok(host.to_ascii_lowercase())
    } else {
        Err(format!(
            "must be a bare host name such as news.example.org (no scheme, path or port), got {cname:?}"
        ))
    }
}

/// The line where `key = …` is written, or just the file when it is absent.
fn key_location(text: &str, key: &str, path: &Path) -> Location {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(after) = trimmed.strip_prefix(key)
            && after.trim_start().starts_with('=')
        {
            let column = line.len() - trimmed.len();
            return Location::from_offset(path, text, offset + column, 0);
        }
        offset += line.len();
    }
    Location::file(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<SiteConfig, Error> {
        parse(
            text,
            Path::new("site.toml"),
            &crate::article::highlight::theme_names(),
        )
    }

    fn config_error(text: &str) -> Diagnostic {
        match parse_str(text) {
            Err(Error::Config(d)) => d,
            other => panic!("expected a config error, got {other:?}"),
        }
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let site = parse_str("title = \"T\"\nbase_url = \"https://x.github.io/r\"\n").unwrap();
        assert_eq!(site.base_url, "https://x.github.io/r/");
        assert_eq!(site.language, "en");
        assert_eq!(site.output_dir, PathBuf::from("public"));
        assert_eq!(site.markdown.highlight_theme, "InspiredGitHub");
        assert!(!site.markdown.unsafe_html);
        assert_eq!(site.digest.index_editions, 7);
    }

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let d = config_error("title = \"T\"\nbase_url = \"https://x.org/\"\ntitel = \"oops\"\n");
        assert!(d.message.contains("titel"), "{}", d.message);
        assert_eq!(d.location.line, Some(3));
    }

    #[test]
    fn unknown_key_in_a_table_is_named() {
        let d = config_error(
            "title = \"T\"\nbase_url = \"https://x.org/\"\n[markdown]\nunsafe = true\n",
        );
        assert!(d.message.contains("unsafe"), "{}", d.message);
        assert_eq!(d.location.line, Some(4));
    }

    #[test]
    fn missing_title_is_an_error() {
        let d = config_error("base_url = \"https://x.org/\"\n");
        assert!(d.message.contains("title"), "{}", d.message);
    }

    #[test]
    fn bad_base_url_points_at_its_line() {
        let d = config_error("title = \"T\"\n\nbase_url = \"ftp://x.org\"\n");
        assert!(d.message.contains("base_url"), "{}", d.message);
        assert_eq!(d.location.line, Some(3));
    }

    #[test]
    fn unknown_theme_lists_known_ones() {
        let d = config_error(
            "title = \"T\"\nbase_url = \"https://x.org/\"\n[markdown]\nhighlight_theme = \"Nope\"\n",
        );
        assert_eq!(d.location.line, Some(4));
        assert!(d.help.unwrap_or_default().contains("InspiredGitHub"));
    }

    #[test]
    fn extra_is_free_form() {
        let site =
            parse_str("title = \"T\"\nbase_url = \"https://x.org\"\n[extra]\nanything = [1, 2]\n")
                .unwrap();
        assert!(site.extra.contains_key("anything"));
    }

    #[test]
    fn feeds_cname_and_publisher_have_defaults_and_are_checked() {
        let site = parse_str("title = \"T\"\nbase_url = \"https://x.org\"\n").unwrap();
        assert_eq!(site.feeds.limit, 20);
        assert_eq!(site.feeds.content, FeedContent::Full);
        assert_eq!((site.cname, site.publisher), (None, None));

        let site = parse_str(
            "title = \"T\"\nbase_url = \"https://x.org\"\ncname = \" News.Example.org \"\n[feeds]\nlimit = 5\ncontent = \"summary\"\n",
        )
        .unwrap();
        assert_eq!(site.cname.as_deref(), Some("news.example.org"));
        assert_eq!(site.feeds.limit, 5);
        assert_eq!(site.feeds.content, FeedContent::Summary);

        let d = config_error(
            "title = \"T\"\nbase_url = \"https://x.org\"\ncname = \"https://x.org/\"\n",
        );
        assert_eq!(d.location.line, Some(3));
        assert!(d.message.contains("cname"), "{}", d.message);
        let d = config_error(
            "title = \"T\"\nbase_url = \"https://x.org\"\n[feeds]\ncontent = \"most\"\n",
        );
        assert_eq!(d.location.line, Some(4));
        let d = config_error("title = \"T\"\nbase_url = \"https://x.org\"\n[feeds]\nlimit = 0\n");
        assert_eq!(d.location.line, Some(4));
    }

    #[test]
    fn editions_and_duplicates_have_defaults_and_are_checked() {
        let site = parse_str("title = \"T\"\nbase_url = \"https://x.org\"\n").unwrap();
        assert_eq!(site.editions.length, EditionLength::Day);
        assert_eq!(site.editions.zone(), TimeZone::UTC);
        assert_eq!(site.duplicates.threshold, 0.5);

        let site = parse_str(
            "title = \"T\"\nbase_url = \"https://x.org\"\n[editions]\nlength = \"week\"\ntime_zone = \"Europe/London\"\n[duplicates]\nthreshold = 0.8\n",
        )
        .unwrap();
        assert_eq!(site.editions.length, EditionLength::Week);
        assert_eq!(site.editions.zone().iana_name(), Some("Europe/London"));
        assert_eq!(site.duplicates.threshold, 0.8);

        let d = config_error(
            "title = \"T\"\nbase_url = \"https://x.org\"\n[editions]\ntime_zone = \"Mars/Olympus\"\n",
        );
        assert_eq!(d.location.line, Some(4));
        assert!(d.message.contains("Mars/Olympus"), "{}", d.message);
        let d = config_error(
            "title = \"T\"\nbase_url = \"https://x.org\"\n[editions]\nlength = \"month\"\n",
        );
        assert_eq!(d.location.line, Some(4));
        let d = config_error(
            "title = \"T\"\nbase_url = \"https://x.org\"\n[duplicates]\nthreshold = 0.0\n",
        );
        assert_eq!(d.location.line, Some(4));
    }

    #[test]
    fn base_url_rules() {
        assert_eq!(
            normalize_base_url("http://localhost:1111").unwrap(),
            "http://localhost:1111/"
        );
        assert!(normalize_base_url("https:///x").is_err());
        assert!(normalize_base_url("https://x.org/?a=b").is_err());
        assert!(normalize_base_url("/relative/").is_err());
    }
}
