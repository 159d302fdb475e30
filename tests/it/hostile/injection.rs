//! Injection: markup in plain text, metadata and file names, template
//! syntax, raw HTML and script URLs in Markdown, dangerous `source_url`s;
//! and the whole corpus at once, with nothing live in any output file.

use super::*;

#[test]
fn markup_in_plain_text_is_escaped() {
    let site = hostile(&["inject-plain.txt"]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    let (_, html) = page_with(&site, "plain-body");
    // Shown as text, with plain text's smart punctuation (curly quotes).
    assert_eq!(
        headline(&html),
        "<script>alert(‘plain-title’)</script> Storm <b>warning</b> & more"
    );
    let body = body_paragraphs(&html);
    assert!(
        body[0].contains("<img src=x onerror=alert(‘plain-img’)>"),
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
    ] {
        assert!(
            article.contains(shown),
            "{shown:?} not shown in:\n{article}"
        );
    }
    // The summary is the story's lede: on the front page's card, not
    // repeated in the article.
    let front = text_of(element(&site.read("index.html"), "main"));
    let summary = "Summary </script><script>alert('sidecar-summary')</script> ends.";
    assert!(
        front.contains(summary),
        "{summary:?} not shown in:\n{front}"
    );
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

#[test]
fn no_payload_from_any_fixture_is_live_in_any_output_file() {
    let site = hostile_all();
    generate::deep_markdown(site.root());
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 1);
    assert_nothing_live(&site);
}
