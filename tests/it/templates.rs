//! `briefing templates`: the list of built-in templates and `--eject`,
//! which copies them into the site without changing what it builds.

use crate::support::{Site, tree};

#[test]
fn ejected_templates_build_the_same_site() {
    let site = Site::new();
    site.write(
        "seeds/a.md",
        "---\ntitle: Harbour reopens\ntags: Ports\n---\nShips return.\n",
    );
    site.build_ok();
    let before = tree(&site.public());

    let run = site.run(&["templates", "--eject"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("wrote templates/article.html\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("wrote static/style.css\n"),
        "{}",
        run.stdout
    );
    assert!(site.root().join("templates/base.html").is_file());

    site.build_ok();
    assert_eq!(tree(&site.public()), before, "ejecting changed the output");

    let list = site.run(&["templates"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    let article = list
        .stdout
        .lines()
        .find(|l| l.contains("article.html"))
        .unwrap();
    assert!(article.ends_with("(overridden)"), "{}", list.stdout);
}

#[test]
fn eject_leaves_existing_files_alone_unless_forced() {
    let site = Site::new();
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}mine{% endblock main %}",
    );
    let run = site.run(&["templates", "--eject", "404.html", "card.html"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: refusing to overwrite templates/404.html: pass --force to replace them\n"
    );
    assert!(!site.root().join("templates/card.html").exists());
    let run = site.run(&["templates", "--eject", "--force", "404.html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(site.root().join("templates/404.html")).unwrap();
    assert!(!text.contains("mine"));
}

#[test]
fn an_unknown_template_name_is_a_usage_error_with_the_closest() {
    let site = Site::new();
    let run = site.run(&["templates", "--eject", "artcle.html"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("a similar value exists: 'article.html'"),
        "{}",
        run.stderr
    );
}
