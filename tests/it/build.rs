//! `briefing build`: the bundled site, content errors, safety, determinism.

use crate::support::{Site, element, repo_root, text_of, tree};

const SAMPLE: &str = "seeds/000_f596f713c00f6b16.txt";
const SAMPLE_TITLE: &str =
    "North Korean leader Kim Jong Un reiterates full support for Russia’s efforts in Ukraine";
const SAMPLE_URL: &str = "/briefing/articles/f596f713c00f6b16/";

fn sample_paragraphs() -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join(SAMPLE)).unwrap();
    text.lines().map(str::to_string).collect()
}

#[test]
fn bundled_sample_is_the_reference_article_byte_for_byte() {
    let ours = std::fs::read(repo_root().join(SAMPLE)).unwrap();
    let text = String::from_utf8(ours).unwrap();
    assert_eq!(text.lines().count(), 9);
    assert!(!text.ends_with('\n'));
    assert!(text.contains('“') && text.contains('’'));
}

#[test]
fn index_links_to_the_sample_article_page() {
    let site = Site::bundled();
    site.build_ok();
    let index = site.read("index.html");
    assert!(index.contains(&format!("href=\"{SAMPLE_URL}\"")), "{index}");
}

#[test]
fn sample_page_has_every_paragraph_under_the_derived_headline() {
    let site = Site::bundled();
    site.build_ok();
    let page = site.read("articles/f596f713c00f6b16/index.html");
    assert_eq!(text_of(element(&page, "h1")), SAMPLE_TITLE);
    let body = text_of(element(&page, "main"));
    let paragraphs = sample_paragraphs();
    assert_eq!(paragraphs.len(), 9);
    for paragraph in paragraphs {
        assert!(body.contains(&paragraph), "missing paragraph: {paragraph}");
    }
}

#[test]
fn every_internal_link_in_the_bundled_build_resolves() {
    let site = Site::bundled();
    site.build_ok();
    let urls = briefing::urls::Urls::new("https://example.github.io/briefing/");
    let problems = briefing::check::check_site(&site.public(), &urls).unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
    // The checker really follows links: the pages it must have seen exist.
    for page in [
        "index.html",
        "editions/index.html",
        "tags/index.html",
        "404.html",
        "style.css",
    ] {
        assert!(site.has(page), "{page}");
    }
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = Site::bundled();
    site.write("seeds/2025-07-01-extra.md", "+++\ntitle = \"Extra\"\ntags = [\"b\", \"a\"]\n+++\nText with `code`.\n\n```rust\nfn x() {}\n```\n");
    site.build_ok();
    let first = tree(&site.public());
    let second_out = site.root().join("second");
    let run = site.build(&["--output", second_out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let second = tree(&second_out);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between builds");
    }
}

#[test]
fn a_broken_article_is_named_and_the_others_still_build() {
    let site = Site::new();
    site.write(
        "seeds/good.txt",
        "A good story about the harbour reopening.\nSecond line.",
    );
    site.write(
        "seeds/bad.md",
        "+++\ntitle = \"Bad\"\nsumary = \"typo\"\n+++\nBody.\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    assert!(
        run.stderr.contains("seeds/bad.md:3:1: error:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("sumary"), "{}", run.stderr);
    assert!(site.has("articles/good/index.html"));
    assert!(!site.read("index.html").contains(">Bad<"));
}

#[test]
fn a_failed_build_leaves_the_previous_output_intact() {
    let site = Site::bundled();
    site.build_ok();
    let before = tree(&site.public());

    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block main %}{% if %}{% endblock main %}",
    );
    site.write("seeds/new.txt", "A new story that must not appear.");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("templates/article.html:1:"),
        "{}",
        run.stderr
    );
    assert_eq!(
        tree(&site.public()),
        before,
        "output changed after a template error"
    );

    std::fs::remove_file(site.root().join("templates/article.html")).unwrap();
    site.write(
        "site.toml",
        "title = \"x\"\nbase_url = \"https://example.org/\"\nbogus = 1\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("site.toml:3:1"), "{}", run.stderr);
    assert_eq!(
        tree(&site.public()),
        before,
        "output changed after a config error"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn script_in_a_text_article_comes_out_escaped() {
    let site = Site::new();
    site.write(
        "seeds/001_x.txt",
        "Officials said <script>alert('x')</script> was found & removed.\nMore.",
    );
    site.build_ok();
    let index = site.read("index.html");
    assert!(!index.contains("<script>alert"), "{index}");
    let page = std::fs::read_dir(site.public().join("articles"))
        .unwrap()
        .map(|e| e.unwrap().path().join("index.html"))
        .next()
        .unwrap();
    let html = std::fs::read_to_string(page).unwrap();
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("&lt;script&gt;alert("), "{html}");
    assert!(html.contains("&amp; removed"), "{html}");
}

#[test]
fn markdown_front_matter_sidecars_and_layouts_all_build() {
    let site = Site::new();
    site.write(
        "seeds/2025-07-10-toml.md",
        "+++\ntitle = \"Toml story\"\ntags = [\"Energy\"]\n+++\n## Section\n\nBody <em onclick=\"x()\">text</em>.\n",
    );
    site.write(
        "seeds/yaml.md",
        "---\ntitle: Yaml story\ndate: 2025-07-11\ntags: [energy]\n---\nYaml body.\n",
    );
    site.write(
        "seeds/002_wire.txt",
        "Port reopens after storm\n\nThe port reopened\non Monday.\n\nShips queued.\n",
    );
    site.write("seeds/003_side.txt", "A sidecar story body.");
    site.write(
        "seeds/003_side.toml",
        "title = \"Sidecar title\"\nauthor = \"A. Writer\"\n",
    );
    site.write(
        "seeds/draft.md",
        "+++\ntitle = \"Secret\"\ndraft = true\n+++\nHidden.\n",
    );
    site.write("seeds/.hidden.txt", "Never published.");
    site.write("seeds/notes.txt~", "Never published.");
    site.build_ok();

    let toml = site.read("articles/2025-07-10-toml/index.html");
    assert!(toml.contains("<h2 id=\"section\">Section</h2>"), "{toml}");
    assert!(
        !toml.contains("onclick"),
        "raw HTML must be sanitised: {toml}"
    );
    assert!(site.read("articles/yaml/index.html").contains("Yaml body."));
    let wire = site.read("articles/wire/index.html");
    assert!(
        wire.contains("<p>The port reopened on Monday.</p>"),
        "{wire}"
    );
    let side = site.read("articles/side/index.html");
    assert!(side.contains("By A. Writer"), "{side}");
    assert!(!site.has("articles/draft/index.html"));

    let energy = site.read("tags/energy/index.html");
    assert!(
        energy.contains("Toml story") && energy.contains("Yaml story"),
        "{energy}"
    );
    let index = site.read("index.html");
    assert!(!index.contains("Never published") && !index.contains("Secret"));

    let run = site.build(&["--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.has("articles/draft/index.html"));
}

#[test]
fn editions_order_newest_first_and_rank_within() {
    let site = Site::new();
    site.write("seeds/2025-07-01_001_b.txt", "Older second story here.");
    site.write("seeds/2025-07-01_000_a.txt", "Older top story here.");
    site.write("seeds/2025-07-02_000_c.txt", "Newest top story here.");
    site.build_ok();
    let edition = site.read("editions/2025-07-01/index.html");
    let top = edition.find("Older top story here").unwrap();
    let second = edition.find("Older second story here").unwrap();
    assert!(top < second);
    let index = site.read("index.html");
    assert!(index.find("Newest top story").unwrap() < index.find("Older top story").unwrap());
    let newest = site.read("articles/2025-07-02-c/index.html");
    assert!(
        newest.contains("href=\"/articles/2025-07-01-a/\""),
        "next link: {newest}"
    );
}

#[test]
fn a_site_template_overrides_the_builtin_one() {
    let site = Site::new();
    site.write("seeds/a.txt", "Story text.");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>Custom gone page</p>{% endblock main %}",
    );
    site.build_ok();
    assert!(site.read("404.html").contains("Custom gone page"));
}

#[test]
fn base_url_override_changes_every_link() {
    let site = Site::bundled();
    let run = site.build(&["--base-url", "https://user.github.io/demo"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = site.read("index.html");
    assert!(index.contains("href=\"/demo/style.css\""), "{index}");
    assert!(!index.contains("/briefing/"), "{index}");
}

#[test]
fn usage_errors_exit_2_and_help_explains() {
    let site = Site::new();
    assert_eq!(site.run(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(site.run(&["frobnicate"]).code, 2);
    let help = site.run(&["build", "--help"]);
    assert_eq!(help.code, 0);
    for flag in ["--root", "--output", "--base-url", "--drafts", "--quiet"] {
        assert!(help.stdout.contains(flag), "{flag} missing from help");
    }
}

#[test]
fn missing_site_toml_and_seeds_are_clear_errors() {
    let empty = tempfile::tempdir().unwrap();
    let run = Site::new().run(&["build", "--root", empty.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("site.toml"), "{}", run.stderr);

    let site = Site::new();
    std::fs::remove_dir(site.root().join("seeds")).unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("seeds"), "{}", run.stderr);
}

#[test]
fn output_over_the_site_root_is_refused() {
    let site = Site::bundled();
    let run = site.build(&["--output", "."]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    assert!(site.root().join("seeds/000_f596f713c00f6b16.txt").exists());
}

#[test]
fn invalid_utf8_is_reported_with_its_line() {
    let site = Site::new();
    site.write("seeds/ok.txt", "Fine story.");
    std::fs::write(
        site.root().join("seeds/bad.txt"),
        b"Line one.\nBad \xff byte.\n",
    )
    .unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("seeds/bad.txt:2:1: error: not valid UTF-8"),
        "{}",
        run.stderr
    );
    assert!(site.has("articles/ok/index.html"));
}
