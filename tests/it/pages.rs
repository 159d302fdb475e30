//! Standalone pages from `pages/`: rendered with their own template at the
//! site's root, linked from every page's footer, in the sitemap, and never
//! in editions, feeds or search.

use crate::support::{Site, element};

fn site() -> Site {
    let site = Site::new();
    site.write(
        "seeds/2025-07-10-harbour.md",
        "+++\ntitle = \"Harbour reopens\"\n+++\nThe harbour reopened on Monday.\n",
    );
    site.write(
        "pages/about.md",
        "+++\ntitle = \"About us\"\nsummary = \"Who writes this briefing.\"\nweight = 1\n+++\nWe are a newsroom of three.\n\n![The team](team.jpg)\n",
    );
    site.write("pages/team.jpg", "JPG-BYTES");
    site.write(
        "pages/corrections-policy.txt",
        "Every correction is noted at the foot of its story.",
    );
    site
}

#[test]
fn a_page_is_rendered_with_its_own_template_at_the_root() {
    let site = site();
    site.build_ok();
    let about = site.read("about/index.html");
    let main = element(&about, "main");
    assert!(
        main.contains("<h1 class=\"page-title\">About us</h1>"),
        "{main}"
    );
    assert!(main.contains("We are a newsroom of three."), "{main}");
    assert!(
        about.contains("<title>About us · Test Briefing</title>"),
        "{about}"
    );
    assert!(
        about.contains("<meta name=\"description\" content=\"Who writes this briefing.\">"),
        "{about}"
    );
    assert_eq!(site.read("about/team.jpg"), "JPG-BYTES");
    // A title from the file name when none is given.
    let policy = site.read("corrections-policy/index.html");
    assert!(
        policy.contains("<h1 class=\"page-title\">Corrections policy</h1>"),
        "{policy}"
    );

    // A site's own page.html replaces the built-in one.
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<h1>OWN {{ page.title }}</h1>{{ body_html | safe }}{% endblock main %}",
    );
    site.build_ok();
    assert!(
        site.read("about/index.html")
            .contains("<h1>OWN About us</h1>")
    );
}

#[test]
fn every_page_links_the_pages_from_its_footer_in_weight_order() {
    let site = site();
    site.build_ok();
    for page in [
        "index.html",
        "articles/2025-07-10-harbour/index.html",
        "about/index.html",
        "404.html",
    ] {
        let html = site.read(page);
        let footer = element(&html, "footer");
        let policy = footer.find("href=\"/corrections-policy/\">Corrections policy</a>");
        let about = footer.find("href=\"/about/\">About us</a>");
        assert!(policy.is_some() && about.is_some(), "{page}: {footer}");
        assert!(policy < about, "{page}: weight 0 before weight 1: {footer}");
    }
}

#[test]
fn pages_are_in_the_sitemap_but_not_in_editions_feeds_or_search() {
    let site = site();
    site.build_ok();
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/about/</loc>"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("<loc>https://example.org/corrections-policy/</loc>"),
        "{sitemap}"
    );
    for file in [
        "atom.xml",
        "rss.xml",
        "feed.json",
        "search-index.json",
        "digest.json",
        "editions/2025-07-10/index.html",
    ] {
        let text = site.read(file);
        // An HTML page links the pages from its footer only.
        let text = if file.ends_with(".html") {
            element(&text, "main")
        } else {
            text.as_str()
        };
        assert!(!text.contains("newsroom of three"), "{file} has the page");
        assert!(!text.contains("About us"), "{file} has the page");
    }
    let front = site.read("index.html");
    assert!(!element(&front, "main").contains("About us"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn a_page_may_not_take_an_address_the_site_uses() {
    let site = site();
    site.write("pages/tags.md", "+++\ntitle = \"Our tags\"\n+++\nText.\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "pages/tags.md: error: the address `tags/` belongs to the site's own pages\n  help: give the page another `slug` in its front matter"
        ),
        "{}",
        run.stderr
    );
    // The site's own tag list is untouched.
    assert!(site.read("tags/index.html").contains("Tags"));
}

#[test]
fn a_draft_page_is_published_only_with_drafts() {
    let site = site();
    site.write(
        "pages/contact.md",
        "+++\ntitle = \"Contact\"\ndraft = true\n+++\nWrite to us.\n",
    );
    site.build_ok();
    assert!(!site.has("contact/index.html"));
    assert!(!site.read("index.html").contains("/contact/"));
    let run = site.build(&["--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let contact = site.read("contact/index.html");
    assert!(
        contact.contains("noindex"),
        "a draft asks not to be indexed: {contact}"
    );
    // Never in the sitemap, even in a preview.
    assert!(!site.read("sitemap.xml").contains("/contact/"));
}
