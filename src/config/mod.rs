//! `site.toml` → [`Config`].
//!
//! [`parse`] is pure (text in, config or located error out); [`load`] adds
//! the disk. Every table denies unknown keys so a typo is an error naming the
//! key and its line; `[extra]` is the one free-form table, for templates.
//! [`corrections`] reads the site's `entities.toml` the same way.

pub mod corrections;
mod placement;

use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use serde::Deserialize;

use crate::error::reword::toml_error;
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
    /// Problems with `site.toml` that do not stop a build (a known key
    /// written inside `[extra]`).
    pub warnings: Vec<Diagnostic>,
}

impl Config {
    /// The articles folder.
    pub fn seeds_dir(&self) -> PathBuf {
        self.root.join("seeds")
    }

    /// The site's standalone pages (About, corrections policy).
    pub fn pages_dir(&self) -> PathBuf {
        self.root.join("pages")
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
    require_site(root)?;
    let path = root.join(CONFIG_FILE);
    refuse_outside(root, &path, CONFIG_FILE)?;
    let entities = corrections::ENTITIES_FILE;
    refuse_outside(root, &root.join(entities), entities)?;
    let text = crate::fs::read_to_string(&path)?;
    let site = parse(&text, Path::new(CONFIG_FILE), themes)?;
    let warnings = placement::extra_warnings(&text, Path::new(CONFIG_FILE), site.extra.keys());
    Ok(Config {
        site,
        root: root.to_path_buf(),
        entities: corrections::load(root)?,
        warnings,
    })
}

/// Fails when `path` (the file `name` in the site at `root`) is a symlink
/// leading out of the site: nothing outside the site folder is read.
fn refuse_outside(root: &Path, path: &Path, name: &str) -> Result<(), Error> {
    let canonical_root = crate::fs::canonicalize(root)?;
    match crate::fs::outside_of(&canonical_root, path) {
        None => Ok(()),
        Some(real) => Err(Error::Config(
            Diagnostic::error(
                Location::file(name),
                format!(
                    "symlink leads out of the site, to {}: not read",
                    real.display()
                ),
            )
            .with_help("copy the file into the site folder instead of linking to it"),
        )),
    }
}

/// Fails, naming the folder, when `root` has no `site.toml`.
pub fn require_site(root: &Path) -> Result<(), Error> {
    if crate::fs::exists(&root.join(CONFIG_FILE)) {
        return Ok(());
    }
    let folder = crate::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    Err(Error::Config(
        Diagnostic::error(
            Location::file(folder.join(CONFIG_FILE)),
            "no such file, so this folder is not a site",
        )
        .with_help(
            "run briefing in a site folder (one with a site.toml) or pass --root DIR; \
             `briefing new DIR` creates a site",
        ),
    ))
}

/// Parses and validates the text of a `site.toml`; `path` names it in
/// errors, and `markdown.highlight_theme` must be one of `themes`.
pub fn parse(text: &str, path: &Path, themes: &[&str]) -> Result<SiteConfig, Error> {
    let mut site: SiteConfig = toml::from_str(text).map_err(|e| {
        let mut d = toml_error(path, text, e.message(), e.span(), 0);
        if let Some(key) = unknown_field(e.message())
            && let Some(help) =
                placement::help_for_unknown(text, key, e.span().unwrap_or_default().start)
        {
            d.help = Some(help);
        }
        Error::Config(d)
    })?;
    let invalid = |table: Option<&str>, key: &str, message: String| {
        Error::Config(Diagnostic::error(
            key_location(text, table, key, path),
            message,
        ))
    };
    if site.title.trim().is_empty() {
        return Err(invalid(None, "title", "`title` must not be empty".into()));
    }
    site.base_url = normalize_base_url(&site.base_url).map_err(|why| {
        let given = &site.base_url;
        invalid(None, "base_url", format!("`base_url` {why}, not {given:?}"))
    })?;
    if site.digest.words_per_minute == 0 {
        return Err(invalid(
            Some("digest"),
            "words_per_minute",
            "`digest.words_per_minute` must be at least 1, not 0".into(),
        ));
    }
    if site.feeds.limit == 0 {
        return Err(invalid(
            Some("feeds"),
            "limit",
            "`feeds.limit` must be at least 1, not 0".into(),
        ));
    }
    if !(site.duplicates.threshold > 0.0 && site.duplicates.threshold <= 1.0) {
        return Err(invalid(
            Some("duplicates"),
            "threshold",
            format!(
                "`duplicates.threshold` must be more than 0 and at most 1, not {}",
                site.duplicates.threshold
            ),
        ));
    }
    if TimeZone::get(&site.editions.time_zone).is_err() {
        return Err(Error::Config(
            Diagnostic::error(
                key_location(text, Some("editions"), "time_zone", path),
                format!(
                    "`editions.time_zone` must be an IANA time zone name, not {:?}",
                    site.editions.time_zone
                ),
            )
            .with_help("use an IANA time zone name such as \"Europe/London\" or \"UTC\""),
        ));
    }
    if let Some(cname) = &mut site.cname {
        *cname = normalize_cname(cname)
            .map_err(|why| invalid(None, "cname", format!("`cname` {why}")))?;
    }
    if !themes.contains(&site.markdown.highlight_theme.as_str()) {
        let theme = &site.markdown.highlight_theme;
        let help = match crate::error::suggest::did_you_mean(theme, themes.iter().copied()) {
            Some(guess) => guess,
            None => format!("the themes are {}", themes.join(", ")),
        };
        return Err(Error::Config(
            Diagnostic::error(
                key_location(text, Some("markdown"), "highlight_theme", path),
                format!("`markdown.highlight_theme` must be a theme briefing knows, not {theme:?}"),
            )
            .with_help(help),
        ));
    }
    Ok(site)
}

/// The name in serde's "unknown field `NAME`, expected …".
fn unknown_field(message: &str) -> Option<&str> {
    message.strip_prefix("unknown field `")?.split('`').next()
}

/// Checks that `url` is an absolute http(s) URL without query or fragment,
/// and returns it ending with `/`; else what it must be ("must start with
/// http:// or https://").
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("must start with http:// or https://")?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() {
        return Err("must name a host after the scheme".to_string());
    }
    if url.contains(['?', '#', ' ']) {
        return Err("must not contain a query, fragment or space".to_string());
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
            "must be a bare host name such as news.example.org (no scheme, path or port), not {cname:?}"
        ))
    }
}

/// Where `key = …` is written in `table` (`None`: the top level), or just
/// the file when it is not written there.
fn key_location(text: &str, table: Option<&str>, key: &str, path: &Path) -> Location {
    match crate::error::keys::toml_key_offset(text, table, key) {
        Some(offset) => Location::from_offset(path, text, offset, 0),
        None => Location::file(path),
    }
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
    fn messages_name_the_key_the_value_and_the_closest_key() {
        let said = |text: &str| config_error(text).to_string();
        let head = "title = \"T\"\nbase_url = \"https://x.org/\"\n";
        assert_eq!(
            said(&format!("{head}titel = \"oops\"\n")),
            "site.toml:3:1: error: unknown key `titel`\n  help: did you mean `title`?"
        );
        assert_eq!(
            said(&format!("{head}[digest]\nwords_per_minute = \"fast\"\n")),
            "site.toml:4:20: error: `digest.words_per_minute` must be a whole number of 0 or more, not \"fast\""
        );
        assert_eq!(
            said(&format!("{head}title = \"again\"\n")),
            "site.toml:3:1: error: `title` is set more than once\n  help: keep one of them"
        );
        assert_eq!(
            said(&format!("{head}[feeds]\ncontent = \"sumary\"\n")),
            "site.toml:4:11: error: `feeds.content` must be \"full\" or \"summary\", not \"sumary\"\n  help: did you mean `summary`?"
        );
        assert_eq!(
            said(&format!(
                "{head}[markdown]\nhighlight_theme = \"InspiredGithub\"\n"
            )),
            "site.toml:4:1: error: `markdown.highlight_theme` must be a theme briefing knows, not \"InspiredGithub\"\n  help: did you mean `InspiredGitHub`?"
        );
    }

    #[test]
    fn a_known_key_in_the_wrong_table_says_where_it_belongs() {
        let d = config_error(
            "title = \"T\"\nbase_url = \"https://x.org/\"\n[feeds]\nlimit = 5\ncname = \"news.example.org\"\n",
        );
        assert_eq!(
            d.to_string(),
            "site.toml:5:1: error: unknown key `feeds.cname`\n  help: `cname` is a top-level key: move it above the first [table] header (line 3)"
        );
        let d = config_error("title = \"T\"\nbase_url = \"https://x.org/\"\nlimit = 5\n");
        assert_eq!(
            d.help.as_deref(),
            Some("`limit` belongs in [feeds]: move it under that header")
        );
    }

    #[test]
    fn a_known_key_inside_extra_is_a_warning() {
        let text = "title = \"T\"\nbase_url = \"https://x.org/\"\n[extra]\nmine = 1\ncname = \"news.example.org\"\nlimit = 3\n";
        let site = parse_str(text).unwrap();
        assert_eq!(site.cname, None, "it is extra.cname");
        let warnings = placement::extra_warnings(text, Path::new("site.toml"), site.extra.keys());
        let shown: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "site.toml:5:1: warning: `cname` is inside [extra], so it sets `extra.cname`, not `cname`\n  help: `cname` is a top-level key: move it above the first [table] header (line 3)",
                "site.toml:6:1: warning: `limit` is inside [extra], so it sets `extra.limit`, not `feeds.limit`\n  help: `limit` belongs in [feeds]: move it under that header",
            ]
        );
        let deliberate = "title = \"T\"\nbase_url = \"https://x.org/\"\nextra.cname = \"x\"\n";
        let site = parse_str(deliberate).unwrap();
        assert!(
            placement::extra_warnings(deliberate, Path::new("site.toml"), site.extra.keys())
                .is_empty()
        );
    }

    #[test]
    fn every_listed_key_is_accepted_where_it_is_listed() {
        let value = |key: &str| match key {
            "title" | "description" | "language" | "author" | "publisher" => "\"x\"",
            "base_url" => "\"https://x.org/\"",
            "cname" => "\"news.example.org\"",
            "output_dir" => "\"out\"",
            "markdown" | "digest" | "feeds" | "editions" | "duplicates" | "extra" => "{}",
            "length" => "\"week\"",
            "time_zone" => "\"Europe/London\"",
            "threshold" => "0.7",
            "highlight_theme" => "\"InspiredGitHub\"",
            "unsafe_html" => "true",
            "content" => "\"summary\"",
            _ => "3",
        };
        for (table, keys) in placement::KEYS {
            for key in *keys {
                let mut text = String::new();
                for required in ["title", "base_url"] {
                    if table.is_some() || *key != required {
                        text.push_str(&format!("{required} = {}\n", value(required)));
                    }
                }
                let dotted = table.map_or_else(|| key.to_string(), |t| format!("{t}.{key}"));
                text.push_str(&format!("{dotted} = {}\n", value(key)));
                assert!(parse_str(&text).is_ok(), "{text}");
            }
        }
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
        let d = config_error("title = \"T\"\nbase_url = \"ftp://x.org\"\n");
        assert_eq!(
            d.to_string(),
            "site.toml:2:1: error: `base_url` must start with http:// or https://, not \"ftp://x.org\""
        );
    }
}
