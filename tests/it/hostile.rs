//! Hostile input: every bad input gets a clear answer, no payload is ever
//! live in the output, nothing outside the site is read and nothing of the
//! user's is deleted (issue 11).
//!
//! The committed corpus is `tests/fixtures/hostile/` (its README lists
//! every fixture with its expected outcome); [`generate`] makes the inputs
//! too big or too machine-dependent to commit. Each test copies the
//! fixtures it needs, plus the well-formed control story
//! `000_control.txt`, into a temporary site and runs the real binary: the
//! control story must build whatever else fails.

mod generate;
mod live;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{EPOCH, Run, Site, copy_dir, element, repo_root, text_of, tree};

/// The control story's page.
const CONTROL_PAGE: &str =
    "articles/harbour-authorities-in-valdera-reopened-the-northern-port-on/index.html";

fn fixtures() -> PathBuf {
    repo_root().join("tests/fixtures/hostile")
}

/// A site with the hostile `site.toml`, the control story and the named
/// seed files (copied byte for byte).
fn hostile(names: &[&str]) -> Site {
    let site = Site::new();
    std::fs::copy(fixtures().join("site.toml"), site.root().join("site.toml")).unwrap();
    for name in std::iter::once(&"000_control.txt").chain(names) {
        std::fs::copy(
            fixtures().join("seeds").join(name),
            site.root().join("seeds").join(name),
        )
        .unwrap_or_else(|e| panic!("fixture {name}: {e}"));
    }
    site
}

/// A site holding the whole committed corpus.
fn hostile_all() -> Site {
    let site = Site::new();
    std::fs::copy(fixtures().join("site.toml"), site.root().join("site.toml")).unwrap();
    copy_dir(&fixtures().join("seeds"), &site.root().join("seeds"));
    site
}

/// The build's diagnostics naming `file` (a path relative to the site).
fn said_about<'a>(run: &'a Run, file: &str) -> Vec<&'a str> {
    run.stderr.lines().filter(|l| l.contains(file)).collect()
}

/// Fails unless the build exited `code` and the control story was built.
fn assert_exit_and_control(site: &Site, run: &Run, code: i32) {
    assert_eq!(run.code, code, "exit code; stderr:\n{}", run.stderr);
    assert!(
        site.has(CONTROL_PAGE),
        "the control story must build; stderr:\n{}",
        run.stderr
    );
}

/// The one article page whose text holds `marker`, as (path, HTML).
fn page_with(site: &Site, marker: &str) -> (String, String) {
    let pages: Vec<(String, String)> = tree(&site.public())
        .into_iter()
        .filter(|(rel, _)| rel.starts_with("articles/") && rel.ends_with("/index.html"))
        .map(|(rel, bytes)| (rel, String::from_utf8_lossy(&bytes).into_owned()))
        .filter(|(_, html)| text_of(element(html, "article")).contains(marker))
        .collect();
    assert_eq!(
        pages.len(),
        1,
        "expected one article page holding {marker:?}, found {:?}",
        pages.iter().map(|p| &p.0).collect::<Vec<_>>()
    );
    pages.into_iter().next().unwrap()
}

/// The text of an article page's headline.
fn headline(html: &str) -> String {
    text_of(element(element(html, "article"), "h1"))
}

/// The text of each paragraph of an article page's body.
fn body_paragraphs(html: &str) -> Vec<String> {
    let body = &html[html.find("<div class=\"story-body\">").expect("story body")..];
    let body = &body[..body.find("</div>").unwrap()];
    body.split("<p>")
        .skip(1)
        .map(|p| text_of(p.split("</p>").next().unwrap()))
        .collect()
}

/// Fails if any output file holds a live payload.
fn assert_nothing_live(site: &Site) {
    let found = live::live_in_output(&site.public());
    assert!(
        found.is_empty(),
        "live payloads in the output:\n{}",
        found.join("\n")
    );
}

/// Characters that have no place in a page or feed: C0 controls other
/// than tab, line feed and carriage return, DEL, and C1 controls.
fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

/// Every output text file holding a forbidden control character, with the
/// character.
fn control_characters_in_output(site: &Site) -> Vec<String> {
    tree(&site.public())
        .into_iter()
        .filter_map(|(rel, bytes)| {
            let text = String::from_utf8(bytes).ok()?;
            let c = text.chars().find(|&c| is_forbidden_control(c))?;
            Some(format!("{rel}: U+{:04X}", u32::from(c)))
        })
        .collect()
}

// ---------------------------------------------------------------------
// Empty files, encodings, line endings, control characters, binary.

#[test]
fn empty_and_whitespace_only_files_are_errors_naming_the_file() {
    let files = ["empty.txt", "whitespace-only.txt", "whitespace-only.md"];
    let site = hostile(&files);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 1);
    for file in files {
        let line = format!("seeds/{file}: error: article has no text");
        assert!(run.stderr.contains(&line), "{line}\n{}", run.stderr);
    }
}

#[test]
fn invalid_utf8_is_an_error_naming_the_file_and_line() {
    let site = hostile(&["invalid-utf8.txt"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 1);
    assert!(
        run.stderr
            .contains("seeds/invalid-utf8.txt:2:1: error: not valid UTF-8"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_binary_file_named_txt_is_an_error_and_publishes_nothing() {
    let site = hostile(&["binary.txt"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 1);
    assert!(
        run.stderr.contains("seeds/binary.txt:1:1: error:"),
        "{}",
        run.stderr
    );
    let articles: Vec<String> = tree(&site.public())
        .into_keys()
        .filter(|rel| rel.starts_with("articles/"))
        .collect();
    assert_eq!(articles, vec![CONTROL_PAGE.to_string()]);
}

#[test]
fn a_utf8_byte_order_mark_is_dropped() {
    let site = hostile(&["utf8-bom.txt"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    let (_, html) = page_with(&site, "bom-marker-ok");
    assert_eq!(headline(&html), "BOM headline for the harbour");
    for (rel, bytes) in tree(&site.public()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains('\u{feff}'),
            "{rel} holds a byte order mark"
        );
    }
}

/// UTF-16 with a byte order mark is either decoded (and rendered like the
/// same text in UTF-8) or reported as UTF-16, naming the file: never
/// "not valid UTF-8 (byte 0)", which leaves the writer guessing.
#[test]
fn utf16_with_a_byte_order_mark_is_decoded_or_named_as_utf16() {
    let files = [
        ("utf16le-bom.txt", "utf16-marker-ok"),
        ("utf16be-bom.txt", "utf16be-marker-ok"),
    ];
    let site = hostile(&files.map(|(file, _)| file));
    let run = site.build(&[]);
    for (file, marker) in files {
        let said = said_about(&run, &format!("seeds/{file}"));
        if said.is_empty() {
            let (_, html) = page_with(&site, marker);
            assert_eq!(headline(&html), "UTF-16 headline from Ørsted");
            assert!(
                body_paragraphs(&html)[0].contains("with “curly quotes”"),
                "{html}"
            );
        } else {
            assert!(
                said.iter()
                    .any(|l| l.contains("error") && l.contains("UTF-16")),
                "{file} must be decoded or named as UTF-16:\n{}",
                run.stderr
            );
        }
    }
    assert!(site.has(CONTROL_PAGE), "{}", run.stderr);
}

#[test]
fn crlf_and_cr_only_line_endings_read_like_line_feeds() {
    let site = hostile(&["crlf.txt", "cr-only.txt"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    for (marker, title, first, second) in [
        (
            "crlf-first",
            "CRLF headline about the grid",
            "The first paragraph ends with a carriage return crlf-first.",
            "The second paragraph follows on its own line crlf-second.",
        ),
        (
            "cr-first",
            "CR-only headline about the grid",
            "The first paragraph ends with a lone carriage return cr-first.",
            "The second paragraph follows on its own line cr-second.",
        ),
    ] {
        let (_, html) = page_with(&site, marker);
        assert_eq!(headline(&html), title);
        assert_eq!(body_paragraphs(&html), vec![first, second]);
    }
    for (rel, bytes) in tree(&site.public()) {
        assert!(!bytes.contains(&b'\r'), "{rel} holds a carriage return");
    }
}

/// Stray control characters (a teleprinter's BEL, an ANSI colour code, a
/// form feed, DEL, C1 controls) are dropped: the text around them renders
/// and no page, feed or JSON file holds one.
#[test]
fn control_characters_are_dropped_from_every_output_file() {
    let site = hostile(&["control-chars.txt"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    let (_, html) = page_with(&site, "ctl-marker-ok");
    let body = body_paragraphs(&html).join(" ");
    assert!(body.contains("bell"), "{body}");
    assert!(body.contains("c1-marker-ok"), "{body}");
    let found = control_characters_in_output(&site);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// A NUL byte means the file is not text (binary, or UTF-16 without a
/// byte order mark): an error naming the file and the line, nothing
/// published.
#[test]
fn nul_bytes_are_an_error_naming_the_file_and_line() {
    let site = hostile(&["nul-bytes.txt"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 1);
    assert!(
        run.stderr.contains("seeds/nul-bytes.txt:1:"),
        "{}",
        run.stderr
    );
    let found = control_characters_in_output(&site);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

// ---------------------------------------------------------------------
// Injection: markup, template syntax, raw HTML, dangerous URLs.

#[test]
fn markup_in_plain_text_is_escaped() {
    let site = hostile(&["inject-plain.txt"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    let (_, html) = page_with(&site, "plain-body");
    assert_eq!(
        headline(&html),
        "<script>alert('plain-title')</script> Storm <b>warning</b> & more"
    );
    let body = body_paragraphs(&html);
    assert!(
        body[0].contains("<img src=x onerror=alert('plain-img')>"),
        "{body:?}"
    );
    assert!(
        body[1].contains("&lt;escaped&gt; &amp; stays literal"),
        "{body:?}"
    );
    assert_nothing_live(&site);
}

#[test]
fn markup_in_titles_tags_and_metadata_is_escaped() {
    let site = hostile(&[
        "inject-sidecar.txt",
        "inject-sidecar.toml",
        "inject-front-matter.md",
    ]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    let (_, html) = page_with(&site, "sidecar-marker-ok");
    assert_eq!(
        headline(&html),
        "</title><script>alert('sidecar-title')</script><img src=x onerror=alert('sidecar-title-img')>"
    );
    let article = text_of(element(&html, "article"));
    for shown in [
        "By <img src=x onerror=alert('sidecar-author')>",
        "Source: <b onclick=alert('sidecar-source')>Wire</b>",
        "<script>alert('sidecar-tag')</script>",
        "\"><svg onload=alert('sidecar-tag-attr')>",
        "Summary </script><script>alert('sidecar-summary')</script> ends.",
    ] {
        assert!(
            article.contains(shown),
            "{shown:?} not shown in:\n{article}"
        );
    }
    let (_, html) = page_with(&site, "fm-marker-ok");
    assert_eq!(
        headline(&html),
        "<img src=x onerror=alert('fm-title')> Markup in the title"
    );
    assert_nothing_live(&site);
}

#[test]
fn markup_in_file_names_is_escaped() {
    let name = "\"><img src=x onerror=alert('filename')>.txt";
    let site = hostile(&[name]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    page_with(&site, "filename-marker-ok");
    let digest: serde_json::Value = serde_json::from_str(&site.read("digest.json")).unwrap();
    let sources: Vec<&str> = digest["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["source"].as_str().unwrap())
        .collect();
    assert!(
        sources.contains(&format!("seeds/{name}").as_str()),
        "{sources:?}"
    );
    assert_nothing_live(&site);
}

#[test]
fn template_syntax_in_articles_stays_literal() {
    let site = hostile(&["template-syntax.txt", "template-syntax.md"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    let (_, html) = page_with(&site, "tpl-marker-ok");
    assert_eq!(headline(&html), "Template syntax {{ 7*7 }} stays literal");
    let body = body_paragraphs(&html).join("\n");
    assert!(
        body.contains("Tera tags {% for x in [1,2,3] %}X{% endfor %} and {{ config.title }} and {{ site.title }}"),
        "{body}"
    );
    assert!(
        body.contains("{# hidden? #} and a raw block {% raw %}{{ raw }}{% endraw %}"),
        "{body}"
    );
    let (_, html) = page_with(&site, "tpl-md-marker-ok");
    assert_eq!(headline(&html), "{{ 6*7 }} in a title");
    let article = text_of(element(&html, "article"));
    assert!(article.contains("{{ 4*4 }} in text"), "{article}");
    assert!(article.contains("{% if true %}tag{% endif %}"), "{article}");
    assert!(article.contains("{% include \"base.html\" %}"), "{article}");
}

#[test]
fn raw_html_in_markdown_is_sanitised() {
    let site = hostile(&["markdown-raw-html.md"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    let (_, html) = page_with(&site, "md-raw-marker-ok");
    let article = text_of(element(&html, "article"));
    assert!(article.contains("div with handlers"), "{article}");
    assert!(article.contains("raw js link"), "{article}");
    assert_nothing_live(&site);
}

/// Links written in Markdown syntax (no raw HTML at all) with a
/// `javascript:`, `vbscript:` or `data:` URL, in any case or spelled with
/// entities, as inline links, images, autolinks or reference links: the
/// link text stays, the URL is never live, on the page or in the feeds.
#[test]
fn script_urls_in_markdown_links_are_never_live() {
    let site = hostile(&["markdown-links.md"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    let (_, html) = page_with(&site, "md-link-marker-ok");
    let article = text_of(element(&html, "article"));
    for text in [
        "plain javascript",
        "mixed case",
        "data html",
        "reference link",
    ] {
        assert!(article.contains(text), "{text:?} not shown:\n{article}");
    }
    let found = live::live_in_output(&site.public());
    let links: Vec<&String> = found.iter().filter(|f| !f.contains(" on")).collect();
    assert!(links.is_empty(), "live links:\n{links:#?}");
}

/// Heading attributes (`## Title {#id .class key=value}`) keep an id and
/// classes but never add an event handler.
#[test]
fn markdown_heading_attributes_cannot_add_event_handlers() {
    let site = hostile(&["markdown-links.md"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    let (_, html) = page_with(&site, "md-link-marker-ok");
    let start = html.find("Heading with a handler").unwrap();
    let tag_start = html[..start].rfind("<h2").unwrap();
    let tag = &html[tag_start..start];
    assert!(tag.contains("id=\"safe-id\""), "{tag}");
    let found = live::live_in_output(&site.public());
    let handlers: Vec<&String> = found.iter().filter(|f| f.contains(" on")).collect();
    assert!(handlers.is_empty(), "live handlers:\n{handlers:#?}");
}

/// A `source_url` with a script or data scheme is reported (naming the
/// file and the key) and never becomes a link.
#[test]
fn a_script_source_url_is_reported_and_never_a_link() {
    let site = hostile(&[
        "source-url-javascript.txt",
        "source-url-javascript.toml",
        "source-url-data.md",
    ]);
    let run = site.build(&[]);
    for file in [
        "seeds/source-url-javascript.toml",
        "seeds/source-url-data.md",
    ] {
        assert!(
            said_about(&run, file)
                .iter()
                .any(|l| l.contains("source_url")),
            "{file}: no diagnostic about source_url:\n{}",
            run.stderr
        );
    }
    assert!(site.has(CONTROL_PAGE), "{}", run.stderr);
    assert_nothing_live(&site);
}

// ---------------------------------------------------------------------
// Front matter and dates.

/// Each broken front matter is an error at the exact file position, with
/// no second, block-relative position in the message ("4:7: … line 3
/// column 7" is two different answers to "where?").
#[test]
fn front_matter_errors_name_the_file_line_and_key() {
    let expected = [
        ("fm-unclosed.md", "1:1", "never closed"),
        ("fm-unclosed-yaml.md", "1:1", "never closed"),
        ("fm-invalid-toml.md", "4:13", ""),
        ("fm-invalid-yaml.md", "4:7", ""),
        ("fm-wrong-type.md", "3:8", ""),
        ("fm-wrong-type-yaml.md", "3:8", ""),
        ("fm-unknown-key.md", "3:1", "titel"),
        ("fm-unknown-key-yaml.md", "4:1", "authr"),
        ("sidecar-unknown-key.toml", "2:1", "soruce"),
    ];
    let mut files: Vec<&str> = expected.iter().map(|(file, _, _)| *file).collect();
    files.push("sidecar-unknown-key.txt");
    let site = hostile(&files);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 1);
    for (file, at, names) in expected {
        let prefix = format!("seeds/{file}:{at}: error: ");
        let line = run
            .stderr
            .lines()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("no {prefix:?} in:\n{}", run.stderr));
        assert!(line.contains(names), "{line}");
        assert!(
            !line[prefix.len()..].contains(" column "),
            "a second position in the message: {line}"
        );
    }
}

#[test]
fn a_yaml_alias_bomb_is_refused_quickly() {
    let site = hostile(&["fm-yaml-alias-bomb.md"]);
    let started = Instant::now();
    let run = site.build(&[]);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    assert_exit_and_control(&site, &run, 1);
    assert!(
        run.stderr.contains("seeds/fm-yaml-alias-bomb.md:"),
        "{}",
        run.stderr
    );
}

/// Dates that cannot exist are errors at their line; so is a year outside
/// 1–9999, which feeds, sitemaps and `<time datetime>` cannot express. A
/// file name starting with an impossible date is named too, rather than
/// silently dated by the edition.
#[test]
fn impossible_dates_are_errors_naming_the_line() {
    let expected = [
        ("date-feb-30.md", "3:8"),
        ("date-month-13.md", "3:7"),
        ("date-toml-native.md", "3:8"),
        ("date-hour-25.md", "3:8"),
        ("date-far-range.md", "3:8"),
    ];
    let mut files: Vec<&str> = expected.iter().map(|(file, _)| *file).collect();
    files.push("2025-02-30_impossible-filename-date.txt");
    let site = hostile(&files);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 1);
    for (file, at) in expected {
        let prefix = format!("seeds/{file}:{at}: error: ");
        assert!(
            run.stderr.lines().any(|l| l.starts_with(&prefix)),
            "no {prefix:?} in:\n{}",
            run.stderr
        );
    }
    assert!(
        !said_about(&run, "seeds/2025-02-30_impossible-filename-date.txt").is_empty(),
        "the impossible file-name date is not mentioned:\n{}",
        run.stderr
    );
    assert!(
        !tree(&site.public())
            .keys()
            .any(|rel| rel.contains("-009999")),
        "an edition for year -9999 was written"
    );
}

// ---------------------------------------------------------------------
// Slugs.

#[test]
fn titles_that_slug_to_nothing_get_a_stable_ascii_slug() {
    let site = hostile(&["slug-nothing.md", "¿¡.md"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    let mut paths = Vec::new();
    for marker in ["slug-nothing-marker", "slug-empty-marker"] {
        let (rel, _) = page_with(&site, marker);
        let slug = rel
            .strip_prefix("articles/")
            .and_then(|r| r.strip_suffix("/index.html"))
            .unwrap()
            .to_string();
        assert!(!slug.is_empty(), "{rel}");
        assert!(
            slug.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{slug}"
        );
        paths.push(rel);
    }
    assert_eq!(paths[0], "articles/slug-nothing/index.html");
    site.build_ok();
    for (marker, rel) in ["slug-nothing-marker", "slug-empty-marker"]
        .iter()
        .zip(&paths)
    {
        assert_eq!(
            &page_with(&site, marker).0,
            rel,
            "the slug changed on rebuild"
        );
    }
}

#[test]
fn slugs_colliding_three_ways_and_by_case_are_made_unique() {
    let site = hostile(&[
        "collide-a.md",
        "collide-b.md",
        "collide-c.md",
        "case-lower.md",
        "case-upper.md",
        "slug-case-a.md",
        "slug-case-b.md",
    ]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    for (marker, slug) in [
        ("collide-a-marker", "same-headline"),
        ("collide-b-marker", "same-headline-2"),
        ("collide-c-marker", "same-headline-3"),
        ("case-lower-marker", "case-study"),
        ("case-upper-marker", "case-study-2"),
        ("slug-case-a-marker", "mixed-case"),
        ("slug-case-b-marker", "mixed-case-2"),
    ] {
        assert_eq!(
            page_with(&site, marker).0,
            format!("articles/{slug}/index.html")
        );
    }
    assert!(
        run.stderr.contains(
            "seeds/slug-case-b.md: warning: slug \"mixed-case\" is already taken; using \"mixed-case-2\""
        ),
        "{}",
        run.stderr
    );
    let first = tree(&site.public());
    site.build_ok();
    assert!(
        first == tree(&site.public()),
        "a rebuild changed the output"
    );
}

// ---------------------------------------------------------------------
// Scripts and file names.

/// Right-to-left and CJK text is kept as written; a title with nothing
/// ASCII takes its slug from the file name; a tag in a non-Latin script
/// is still shown on its article (not silently dropped).
#[test]
fn right_to_left_and_cjk_text_is_kept() {
    let site = hostile(&[
        "rtl-arabic.txt",
        "rtl-hebrew.md",
        "rtl-override.txt",
        "cjk-chinese.txt",
        "cjk-japanese.md",
    ]);
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let arabic = site.read("articles/rtl-arabic/index.html");
    assert_eq!(headline(&arabic), "عنوان الخبر عن الميناء");
    assert_eq!(
        body_paragraphs(&arabic)[0],
        "أعاد ميناء فالديرا فتح أبوابه يوم الاثنين بعد أسبوع من الإصلاحات."
    );
    assert_eq!(
        headline(&site.read("articles/rtl-hebrew/index.html")),
        "כותרת בעברית"
    );
    let chinese = site.read("articles/cjk-chinese/index.html");
    assert_eq!(headline(&chinese), "港口周一重新开放");
    // Two lines, each ending a sentence with an ideographic full stop, are
    // two paragraphs, as they would be with "." in the seed style.
    assert_eq!(
        body_paragraphs(&chinese),
        vec![
            "经过一周的维修，瓦尔德拉北部港口于周一重新开放。",
            "港口主任说，泊位再次安全。"
        ]
    );
    let (_, bidi) = page_with(&site, "bidi-marker-ok");
    assert!(
        body_paragraphs(&bidi)[0].contains("\u{202e}evil\u{202c}"),
        "{bidi}"
    );
    let japanese = site.read("articles/cjk-japanese/index.html");
    assert_eq!(headline(&japanese), "港が再開");
    let article = text_of(element(&japanese, "article"));
    for tag in ["経済", "港湾"] {
        assert!(article.contains(tag), "tag {tag} not shown:\n{article}");
    }
}

#[test]
fn very_long_file_names_build() {
    let ascii = format!("{}.txt", "l".repeat(251));
    let utf8 = format!("{}x.txt", "é".repeat(125));
    let site = hostile(&[&ascii, &utf8]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    for marker in ["long-ascii-marker", "long-utf8-marker"] {
        let (rel, _) = page_with(&site, marker);
        let slug = rel.split('/').nth(1).unwrap();
        assert!(slug.len() <= 60, "{slug}");
    }
    let digest = site.read("digest.json");
    assert!(digest.contains(&ascii), "digest.json lacks the long name");
}

// ---------------------------------------------------------------------
// Big and deep inputs (generated).

/// What a build run under [`measure`] did.
struct Measured {
    run: Run,
    elapsed: Duration,
    /// Peak resident memory in bytes, where the OS tells (Linux).
    peak_rss: Option<u64>,
}

/// Runs `briefing build` in `site` with a deadline, sampling the child's
/// peak resident memory (`VmHWM`) while it runs.
fn measure(site: &Site, deadline: Duration) -> Measured {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["build", "--quiet"])
        .current_dir(site.root())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status_file = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut peak = None;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_file)
            && let Some(kb) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = Some(kb * 1024);
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the build did not finish within {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let output = child.wait_with_output().unwrap();
    Measured {
        run: Run::from(output),
        elapsed: started.elapsed(),
        peak_rss: peak,
    }
}

/// The memory a build may use for `input` bytes of articles: a fixed
/// allowance for the binary, templates and gazetteers, plus a small
/// multiple of the input.
fn memory_budget(input: u64) -> u64 {
    64 * 1024 * 1024 + 8 * input
}

/// A 5 MB single line and 100,000 one-line paragraphs build without a
/// hang, in memory within a small multiple of the input.
#[test]
fn huge_articles_build_in_bounded_time_and_memory() {
    for make in [generate::big_line, generate::many_paragraphs] {
        let site = hostile(&[]);
        let path = make(site.root());
        let input = std::fs::metadata(&path).unwrap().len();
        let measured = measure(&site, Duration::from_secs(300));
        assert_eq!(measured.run.code, 0, "{}", measured.run.stderr);
        assert!(site.has(CONTROL_PAGE));
        if let Some(peak) = measured.peak_rss {
            assert!(
                peak <= memory_budget(input),
                "{}: peak RSS {} MB for {} MB of input (budget {} MB)",
                path.display(),
                peak >> 20,
                input >> 20,
                memory_budget(input) >> 20
            );
        }
        eprintln!(
            "{}: {:?}, peak RSS {:?} MB",
            path.display(),
            measured.elapsed,
            measured.peak_rss.map(|p| p >> 20)
        );
    }
}

/// An article naming many people is read in time proportional to its
/// length: doubling the text (twice) may not multiply the time by much
/// more than four. (Alias folding compared every short mention with every
/// long name before: 5 MB took 22 s in a release build, 10 MB 95 s.)
#[test]
fn entity_folding_scales_linearly_with_article_length() {
    let time_for = |sentences: usize| {
        let site = hostile(&[]);
        let first = [
            "Amina", "Bruno", "Carla", "Dmitri", "Elif", "Farid", "Greta",
        ];
        let last = ["Achterberg", "Balogun", "Castellanos", "Eriksen", "Fonseca"];
        let places = ["Valdera", "Northmere", "Orsolo", "Brannock", "Tiraspa"];
        let mut text = String::new();
        for n in 0..sentences {
            text.push_str(&format!(
                "“We will act,” {} {} told the {} Council on Monday, as {} workers joined the strike in {}.\n",
                first[n % first.len()],
                last[n / 3 % last.len()],
                places[n % places.len()],
                n * 7 % 9000 + 100,
                places[n / 7 % places.len()],
            ));
        }
        site.write("seeds/names.txt", &text);
        let measured = measure(&site, Duration::from_secs(600));
        assert_eq!(measured.run.code, 0, "{}", measured.run.stderr);
        measured.elapsed
    };
    let small = time_for(4_000);
    let large = time_for(16_000);
    assert!(
        large < small * 6 + Duration::from_millis(500),
        "4x the text took {:.1}x the time ({small:?} → {large:?})",
        large.as_secs_f64() / small.as_secs_f64()
    );
}

#[test]
fn deep_folders_and_deeply_nested_markdown_build() {
    let site = hostile(&[]);
    let deep = generate::deep_folders(site.root());
    generate::deep_markdown(site.root());
    let measured = measure(&site, Duration::from_secs(120));
    assert_eq!(measured.run.code, 0, "{}", measured.run.stderr);
    for marker in [
        "deep-marker-ok",
        "nested-quote-marker-ok",
        "nested-list-marker-ok",
        "nested-10k-marker-ok",
    ] {
        page_with(&site, marker);
    }
    let rel = deep.strip_prefix(site.root()).unwrap().to_string_lossy();
    assert!(site.read("digest.json").contains(rel.as_ref()));
}

// ---------------------------------------------------------------------
// Symlinks.

/// A site in a temporary folder with a sibling folder `outside`, so that
/// relative links can leave the site.
#[cfg(unix)]
fn site_with_links() -> (Site, tempfile::TempDir, generate::Links) {
    let site = hostile(&[]);
    let outside = tempfile::tempdir().unwrap();
    let links = generate::symlinks(site.root(), outside.path());
    (site, outside, links)
}

/// Links that leave the site, absolute or relative, to a file or a folder,
/// in `seeds/`, `static/` or `templates/`, are refused and named with
/// where they point; nothing of their targets reaches any output file;
/// the rest of the site builds.
#[cfg(unix)]
#[test]
fn symlinks_leaving_the_site_are_refused_and_named() {
    let (site, _outside, links) = site_with_links();
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 1);
    for (link, target) in &links.outward {
        let said = said_about(&run, link);
        assert!(
            said.iter().any(|l| l.contains(target.as_str())),
            "{link} (→ {target}) not refused by name:\n{}",
            run.stderr
        );
    }
    for (rel, bytes) in tree(&site.public()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(generate::CANARY),
            "{rel} holds the text of a file outside the site"
        );
    }
}

#[cfg(unix)]
#[test]
fn symlinks_inside_the_site_keep_working() {
    let (site, _outside, links) = site_with_links();
    std::fs::write(site.root().join("notes/logo.txt"), "inside-static-ok").unwrap();
    std::os::unix::fs::symlink("../notes/logo.txt", site.root().join("static/logo.txt")).unwrap();
    let run = site.build(&[]);
    assert!(said_about(&run, &links.inside).is_empty(), "{}", run.stderr);
    page_with(&site, "inside-link-marker-ok");
    assert_eq!(site.read("logo.txt"), "inside-static-ok");
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_are_named_with_their_target() {
    let (site, _outside, _) = site_with_links();
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 1);
    for (link, says) in [
        ("seeds/loop-to-seeds", "loop"),
        ("seeds/loop-a.txt", "loop-b.txt"),
        ("seeds/loop-b.txt", "loop-a.txt"),
        ("seeds/dangling.txt", "missing.txt"),
        ("seeds/dangling-dir", "missing-dir"),
    ] {
        assert!(
            said_about(&run, link).iter().any(|l| l.contains(says)),
            "{link}: expected a diagnostic mentioning {says:?}:\n{}",
            run.stderr
        );
    }
}

/// `site.toml` and `entities.toml` follow the same rule as the folders.
#[cfg(unix)]
#[test]
fn config_files_linked_from_outside_are_refused() {
    for (file, text) in [
        (
            "site.toml",
            "title = \"Outside\"\nbase_url = \"https://example.org/\"\n",
        ),
        ("entities.toml", "ignore = [\"Valdera\"]\n"),
    ] {
        let site = hostile(&[]);
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join(format!("outside-{file}"));
        std::fs::write(&target, text).unwrap();
        let _ = std::fs::remove_file(site.root().join(file));
        std::os::unix::fs::symlink(&target, site.root().join(file)).unwrap();
        let run = site.build(&[]);
        assert_eq!(run.code, 1, "{file}: {}", run.stderr);
        assert!(
            said_about(&run, file)
                .iter()
                .any(|l| l.contains(&format!("outside-{file}"))),
            "{file} not refused by name:\n{}",
            run.stderr
        );
    }
}

// ---------------------------------------------------------------------
// No payload from any fixture is live anywhere.

#[test]
fn no_payload_from_any_fixture_is_live_in_any_output_file() {
    let site = hostile_all();
    generate::deep_markdown(site.root());
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 1);
    assert_nothing_live(&site);
}

// ---------------------------------------------------------------------
// The defects the issue lists.

/// `build --output DIR` writes into DIR only when it is empty, missing or
/// a previous briefing output; a folder holding anything else is refused
/// with a message naming `--force`, and left exactly as it was.
#[test]
fn a_foreign_output_folder_is_refused_and_left_untouched() {
    let site = hostile(&[]);
    site.write("docs/NOTES.md", "my notes\n");
    site.write("docs/img/chart.svg", "<svg/>");
    let before = tree(&site.root().join("docs"));
    let run = site.build(&["--output", "docs"]);
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(run.stderr.contains("docs"), "{}", run.stderr);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert!(
        before == tree(&site.root().join("docs")),
        "docs/ was changed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn force_writes_into_a_foreign_output_folder() {
    let site = hostile(&[]);
    site.write("docs/NOTES.md", "my notes\n");
    let run = site.build(&["--output", "docs", "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.root().join("docs/index.html").is_file());
}

/// A file is never replaced by the output folder.
#[test]
fn an_output_path_that_is_a_file_is_refused() {
    let site = hostile(&[]);
    site.write("README.md", "readme\n");
    let run = site.build(&["--output", "README.md"]);
    assert_ne!(run.code, 0);
    assert!(
        site.root().join("README.md").is_file(),
        "README.md was replaced by the output folder"
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("README.md")).unwrap(),
        "readme\n"
    );
    assert!(!site.root().join(".README.md.old").exists());
}

/// What the refusal must not break: a new folder, an empty one, and a
/// previous output (built twice) are all written.
#[test]
fn empty_missing_and_previous_output_folders_are_written() {
    let site = hostile(&[]);
    std::fs::create_dir_all(site.root().join("empty")).unwrap();
    for out in ["empty", "fresh", "fresh"] {
        let run = site.build(&["--output", out]);
        assert_eq!(run.code, 0, "{out}: {}", run.stderr);
        assert!(site.root().join(out).join("index.html").is_file());
    }
    site.build_ok();
    site.build_ok();
}

fn feed_ids(site: &Site) -> (Vec<String>, Vec<String>) {
    let atom = site.read("atom.xml");
    let atom_ids = atom
        .split("<entry>")
        .skip(1)
        .map(|e| e[e.find("<id>").unwrap() + 4..e.find("</id>").unwrap()].to_string())
        .collect();
    let feed: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let json_ids = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    (atom_ids, json_ids)
}

/// Correcting an untitled wire story (6.1 → 6.3) keeps its URL working
/// (the same page, or a redirect to the new one) and its feed ids.
#[test]
fn a_corrected_story_keeps_its_url_and_feed_id() {
    let site = hostile(&[]);
    let file = "seeds/001_9a3c5e7d2b4f6a8c.txt";
    let story = "A magnitude 6.1 earthquake struck off the coast of Valdera on Monday, officials said.\nThere were no immediate reports of damage.\n";
    site.write(file, story);
    site.build_ok();
    let (old_page, _) = page_with(&site, "magnitude 6.1");
    let old_ids = feed_ids(&site);
    site.write(file, &story.replace("6.1", "6.3"));
    site.build_ok();
    let (new_page, _) = page_with(&site, "magnitude 6.3");
    assert!(
        site.has(&old_page),
        "{old_page} is gone after the correction"
    );
    if old_page != new_page {
        let old = site.read(&old_page);
        let new_dir = new_page.trim_end_matches("index.html");
        assert!(
            old.contains("http-equiv=\"refresh\"") && old.contains(new_dir),
            "{old_page} is not a redirect to {new_dir}:\n{old}"
        );
    }
    assert_eq!(feed_ids(&site), old_ids, "feed ids changed");
}

/// Every `<time datetime>` is a valid HTML date or global date-time (at
/// most three fractional digits) when SOURCE_DATE_EPOCH is not set.
#[test]
fn time_elements_are_valid_without_source_date_epoch() {
    let site = hostile(&[]);
    site.write("seeds/undated.txt", "An undated story about the harbour.\n");
    let output = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("build")
        .current_dir(site.root())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(output.status.success());
    let mut checked = 0;
    for (rel, bytes) in tree(&site.public()) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for value in html.split("datetime=\"").skip(1) {
            let value = &value[..value.find('"').unwrap()];
            checked += 1;
            assert!(is_valid_datetime(value), "{rel}: datetime=\"{value}\"");
        }
    }
    assert!(checked > 0);
}

/// `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS[.s{1,3}]]` with `Z` or an offset.
fn is_valid_datetime(value: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let date_ok = |d: &str| {
        let parts: Vec<&str> = d.split('-').collect();
        parts.len() == 3 && parts[0].len() == 4 && parts.iter().all(|p| digits(p))
    };
    let Some((date, time)) = value.split_once('T') else {
        return date_ok(value);
    };
    let time = time.strip_suffix('Z').unwrap_or(time);
    let clock = time.split(['+', '-']).next().unwrap_or(time);
    let (hms, fraction) = clock.split_once('.').unwrap_or((clock, "1"));
    date_ok(date)
        && hms.split(':').all(digits)
        && (1..=3).contains(&fraction.len())
        && digits(fraction)
}

/// Starts `briefing serve --port 0` with `TMPDIR` set to `tmp` (so its
/// temporary folder is easy to find) and returns it with its `host:port`.
fn start_serve(site: &Site, tmp: &Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["serve", "--port", "0"])
        .current_dir(site.root())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("TMPDIR", tmp)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let addr = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) if line.contains("http://") => {
                let rest = &line[line.find("http://").unwrap() + 7..];
                break rest[..rest.find('/').unwrap()].to_string();
            }
            Ok(_) => {}
            Err(_) => {
                let _ = child.kill();
                panic!("serve did not start");
            }
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (child, addr)
}

/// `serve` removes its temporary folder when stopped by `signal`.
fn serve_cleans_up_on(signal: &str) {
    let site = hostile(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let (mut child, _) = start_serve(&site, tmp.path());
    let entries = || std::fs::read_dir(tmp.path()).unwrap().count();
    assert!(entries() > 0, "serve made no temporary folder under TMPDIR");
    let killed = Command::new("kill")
        .args([format!("-{signal}"), child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(15);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("serve did not stop on SIG{signal}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "SIG{signal} left {left:?} behind");
}

#[cfg(unix)]
#[test]
fn serve_cleans_up_its_temporary_folder_on_sigint() {
    serve_cleans_up_on("INT");
}

#[cfg(unix)]
#[test]
fn serve_cleans_up_its_temporary_folder_on_sigterm() {
    serve_cleans_up_on("TERM");
}

#[cfg(unix)]
#[test]
fn serve_cleans_up_its_temporary_folder_on_sighup() {
    serve_cleans_up_on("HUP");
}

/// The status code `serve` at `addr` answers a GET of `/` with `host` as
/// the `Host` header (none when `None`).
fn status_with_host(addr: &str, host: Option<&str>) -> u16 {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    write!(stream, "GET / HTTP/1.1\r\n{host}Connection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {response:?}"))
}

/// The preview answers only requests addressed to it: a foreign `Host`
/// (DNS rebinding) or none at all is refused; the served address,
/// `localhost` and `[::1]` with the port are answered.
#[test]
fn serve_refuses_requests_for_other_hosts() {
    let site = hostile(&[]);
    let tmp = tempfile::tempdir().unwrap();
    let (mut child, addr) = start_serve(&site, tmp.path());
    let port = addr.rsplit(':').next().unwrap().to_string();
    let other_port = (port.parse::<u32>().unwrap() + 1).to_string();
    let mut wrong = Vec::new();
    for (host, answered) in [
        (Some(addr.clone()), true),
        (Some(format!("localhost:{port}")), true),
        (Some(format!("[::1]:{port}")), true),
        (Some("evil.example".to_string()), false),
        (Some(format!("evil.example:{port}")), false),
        (Some(format!("127.0.0.1:{other_port}")), false),
        (Some("localhost".to_string()), false),
        (None, false),
    ] {
        let status = status_with_host(&addr, host.as_deref());
        if (status == 200) != answered {
            wrong.push(format!("Host {host:?}: {status}"));
        }
    }
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let _ = child.wait();
    assert!(wrong.is_empty(), "{wrong:#?}");
}
