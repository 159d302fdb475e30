//! `briefing check`: a broken site is reported problem by problem with the
//! page each was found on, and exits 1; the bundled site passes; the output
//! folder is never touched.

use crate::support::Site;

/// A site whose one story links to a page that does not exist, to an anchor
/// that does not exist and shows an image that does not exist.
fn broken_site() -> Site {
    let site = Site::new();
    site.write(
        "seeds/2025-07-01-broken.md",
        "+++\ntitle = \"Broken story\"\n+++\n## Facts\n\n\
         Read [the missing page](/articles/no-such-story/), \
         [a missing section](#no-such-section) and [the facts](#facts).\n\n\
         ![Missing chart](chart.png)\n",
    );
    site
}

#[test]
fn a_broken_link_a_missing_anchor_and_a_missing_image_are_all_reported() {
    let site = broken_site();
    let run = site.run(&["check"]);
    assert_eq!(
        run.code, 1,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    let page = "articles/2025-07-01-broken/index.html";
    let lines: Vec<&str> = run.stderr.lines().collect();
    let reported = |needle: &str| {
        lines
            .iter()
            .any(|l| l.starts_with(&format!("{page}: error: ")) && l.contains(needle))
    };
    assert!(
        reported("broken link /articles/no-such-story/"),
        "{}",
        run.stderr
    );
    assert!(
        reported("missing anchor #no-such-section"),
        "{}",
        run.stderr
    );
    assert!(reported("broken link chart.png"), "{}", run.stderr);
    assert!(!reported("#facts"), "an existing anchor was reported");
    // The same content in the feeds (where links are absolute) is broken
    // too, and said to be there.
    for feed in ["atom.xml", "rss.xml", "feed.json"] {
        assert!(
            lines.iter().any(|l| l.starts_with(&format!(
                "{feed}: error: broken link https://example.org/articles/2025-07-01-broken/chart.png"
            ))),
            "{}",
            run.stderr
        );
    }
    assert!(!site.public().exists(), "check must not write public/");
}

#[test]
fn the_bundled_site_passes() {
    let site = Site::bundled();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("no problems"), "{}", run.stdout);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(!site.public().exists(), "check must not write public/");

    let run = site.run(&[
        "check",
        "--base-url",
        "https://example.github.io/briefing-demo/",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn malformed_feeds_and_duplicate_ids_are_reported() {
    let site = Site::new();
    site.write("seeds/a.txt", "A story about the harbour.");
    site.write(
        "templates/atom.xml",
        "<?xml version=\"1.0\"?>\n<feed><title>{{ page.title }}</title>\n</fed>\n",
    );
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p id=\"twice\">a</p><p id=\"twice\">b</p>{% endblock main %}",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("atom.xml: error: not well-formed XML at 3:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("404.html: error: duplicate id \"twice\""),
        "{}",
        run.stderr
    );
}

#[test]
fn content_errors_fail_the_check_too() {
    let site = Site::new();
    site.write("seeds/good.txt", "A good story.");
    site.write("seeds/bad.md", "+++\ntitel = \"x\"\n+++\nBody.\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("seeds/bad.md:2:1: error:"),
        "{}",
        run.stderr
    );
}
