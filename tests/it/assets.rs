//! Files beside a story (its images, charts, documents) are published next
//! to its page, `check` follows every reference, and `serve` serves the
//! site under its `base_url` path so root-relative links work there too.

use crate::preview::Preview;
use crate::support::Site;

/// A story in a folder of its own with a chart and a map in a subfolder,
/// and a single-file story with a photo beside it.
fn site() -> Site {
    let site = Site::new();
    site.write(
        "seeds/2025-07-11-quake/index.md",
        "+++\ntitle = \"Quake shakes central Chile\"\n+++\nA strong quake struck central Chile on Monday.\n\n\
         ![Aftershocks by hour](chart.png)\n\nThe [map of damage](img/map.svg) is beside the story.\n",
    );
    site.write("seeds/2025-07-11-quake/chart.png", "PNG-BYTES");
    site.write(
        "seeds/2025-07-11-quake/img/map.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write("seeds/2025-07-11-quake/notes.pdf", "PDF-BYTES");
    site.write(
        "seeds/2025-07-10-strike.md",
        "+++\ntitle = \"Port strike enters second day\"\n+++\nDock workers stayed out.\n\n![Pickets at the gate](pickets.jpg)\n",
    );
    site.write("seeds/pickets.jpg", "JPG-BYTES");
    site
}

#[test]
fn a_story_folder_publishes_its_files_beside_the_page() {
    let site = site();
    site.build_ok();
    let page = "articles/quake/";
    assert_eq!(site.read(&format!("{page}chart.png")), "PNG-BYTES");
    assert!(site.has(&format!("{page}img/map.svg")));
    // Every file of the folder, referenced or not.
    assert_eq!(site.read(&format!("{page}notes.pdf")), "PDF-BYTES");
    let html = site.read(&format!("{page}index.html"));
    assert!(html.contains("src=\"chart.png\""), "{html}");
    // The folder's name dates the story, as a file name would.
    assert!(site.has("editions/2025-07-11/index.html"));
    // The story's source is not published.
    assert!(!site.has(&format!("{page}index.md")));
}

#[test]
fn a_file_referenced_beside_a_single_file_story_is_published() {
    let site = site();
    site.build_ok();
    assert_eq!(
        site.read("articles/2025-07-10-strike/pickets.jpg"),
        "JPG-BYTES"
    );
    // Feeds carry the picture at its absolute address.
    let atom = site.read("atom.xml");
    assert!(
        atom.contains("https://example.org/articles/2025-07-10-strike/pickets.jpg"),
        "{atom}"
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn a_missing_file_is_named_by_the_build_and_by_check() {
    let site = site();
    site.write(
        "seeds/2025-07-10-strike.md",
        "+++\ntitle = \"Port strike enters second day\"\n+++\nDock workers stayed out.\n\n![Pickets](pickets.jpeg)\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "seeds/2025-07-10-strike.md:6:12: warning: `pickets.jpeg` is not beside the story (no seeds/pickets.jpeg)"
        ),
        "{}",
        run.stderr
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(
        all.contains("articles/2025-07-10-strike/index.html: error: broken link pickets.jpeg"),
        "{all}"
    );
}

#[test]
fn serve_uses_the_base_url_path_so_root_relative_links_work() {
    let site = site();
    site.write(
        "site.toml",
        "title = \"Test Briefing\"\nbase_url = \"https://user.github.io/REPO/\"\n",
    );
    site.write(
        "static/img/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    site.write(
        "seeds/2025-07-09-logo.md",
        "+++\ntitle = \"A new logo\"\n+++\nThe newsroom has a logo.\n\n![Logo](/REPO/img/logo.svg)\n",
    );
    // Published: check follows the root-relative link into static/.
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    let preview = Preview::start(&site, &[]);
    let (status, _) = preview.get("/");
    assert_eq!(status, 307, "the site's root redirects to its path");
    let (status, home) = preview.get("/REPO/");
    assert_eq!(status, 200);
    assert!(
        home.contains("href=\"/REPO/articles/2025-07-09-logo/\""),
        "{home}"
    );
    let (status, article) = preview.get("/REPO/articles/2025-07-09-logo/");
    assert_eq!(status, 200);
    assert!(article.contains("src=\"/REPO/img/logo.svg\""), "{article}");
    assert_eq!(preview.get("/REPO/img/logo.svg").0, 200);
    let (status, chart) = preview.get("/REPO/articles/quake/chart.png");
    assert_eq!((status, chart.as_str()), (200, "PNG-BYTES"));
    let (status, body) = preview.get("/articles/2025-07-09-logo/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "{body}");
    assert_eq!(preview.get("/__briefing/live.js").0, 200);
}

#[test]
fn tabs_under_the_sites_path_are_told_their_own_addresses() {
    let site = crate::preview::sample_site();
    site.write(
        "site.toml",
        "title = \"Test Briefing\"\nbase_url = \"https://user.github.io/REPO/\"\n",
    );
    let preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    events.wait_for("ok");
    site.write(
        "seeds/2025-07-10_000_harbour.txt",
        "The harbour reopened on Monday after repairs.\nShips sailed at dawn.",
    );
    // The edited page is written first and named alone, as the tab's
    // address shows it: under the site's path.
    assert_eq!(
        events.wait_for("reload"),
        "/REPO/articles/2025-07-10-harbour/\n"
    );
}
