//! What the command line says when something is wrong: the issue's
//! examples, each with its exact text, "error:" said once, one position,
//! and the suggestion. Tests run piped, so this is the plain form; the
//! annotated terminal form is tested through its rendering function.

use crate::support::Site;

/// A site with one good story, so a build has something to build.
fn site() -> Site {
    let site = Site::new();
    site.write(
        "seeds/good.txt",
        "A good story about the harbour reopening.",
    );
    site
}

/// Runs a build that must fail with exit 1 and returns its stderr, after
/// checking "error:" appears once per message.
fn failing(site: &Site, args: &[&str]) -> String {
    let run = site.build(args);
    assert_eq!(
        run.code, 1,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    for line in run.stderr.lines().filter(|l| l.contains("error")) {
        assert_eq!(line.matches("error:").count(), 1, "{}", run.stderr);
    }
    run.stderr
}

#[test]
fn a_misspelt_site_toml_key_is_named_once_with_the_closest_key() {
    let site = site();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\ntitel = \"x\"\n",
    );
    assert_eq!(
        failing(&site, &[]),
        "site.toml:3:1: error: unknown key `titel`\n  help: did you mean `title`?\n"
    );
}

#[test]
fn a_wrong_type_names_the_key_and_the_value() {
    let site = site();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\n[digest]\nwords_per_minute = \"fast\"\n",
    );
    assert_eq!(
        failing(&site, &[]),
        "site.toml:4:20: error: `digest.words_per_minute` must be a whole number of 0 or more, not \"fast\"\n"
    );
}

#[test]
fn a_duplicate_key_is_named() {
    let site = site();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\ntitle = \"U\"\n",
    );
    assert_eq!(
        failing(&site, &[]),
        "site.toml:3:1: error: `title` is set more than once\n  help: keep one of them\n"
    );
}

#[test]
fn an_unknown_filter_is_named_once_with_the_closest_filter() {
    let site = site();
    site.write("templates/404.html", "{{ site.title | upcase }}\n");
    assert_eq!(
        failing(&site, &[]),
        "templates/404.html:1:17: error: unknown filter `upcase`\n  help: did you mean `upper`?\n"
    );
}

#[test]
fn an_unknown_tag_field_or_template_is_named() {
    let site = site();
    site.write("templates/404.html", "{% iff x %}{% endif %}");
    let stderr = failing(&site, &[]);
    assert!(
        stderr.contains("error: unknown tag `iff`\n  help: did you mean `if`?"),
        "{stderr}"
    );

    site.write("templates/404.html", "{{ site.titel }}");
    let stderr = failing(&site, &[]);
    assert_eq!(
        stderr,
        "templates/404.html:1:9: error: `site` has no field `titel`\n  help: did you mean `title`?\n"
    );

    std::fs::remove_file(site.root().join("templates/404.html")).unwrap();
    site.write("templates/artcle.html", "{{ page.title }}");
    let stderr = failing(&site, &[]);
    assert!(
        stderr.starts_with(
            "templates/artcle.html: error: `artcle.html` is not the name of a built-in template\n  help: did you mean `article.html`?"
        ),
        "{stderr}"
    );
}

#[test]
fn a_bad_base_url_option_is_a_usage_error_said_once() {
    let site = site();
    let run = site.build(&["--base-url", "ftp://x"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "error: invalid value 'ftp://x' for '--base-url <URL>': must start with http:// or https://\n"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error").count(), 1, "{}", run.stderr);
}

#[test]
fn a_yaml_front_matter_error_gives_one_position_and_a_suggestion() {
    let site = site();
    site.write(
        "seeds/wildfire.md",
        "---\ntitle: Wildfire\ndate: 2025-07-01\ntgas: [Chile]\n---\nFire.\n",
    );
    assert_eq!(
        failing(&site, &[]),
        "seeds/wildfire.md:4:1: error: unknown key `tgas`\n  help: did you mean `tags`?\n"
    );
    let run = site.build(&["--json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let error = &json["errors"][0];
    assert_eq!(error["message"], "unknown key `tgas`");
    assert_eq!(error["help"], "did you mean `tags`?");
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(4), Some(1))
    );
}

#[test]
fn a_single_tag_may_be_a_string() {
    let site = site();
    site.write(
        "seeds/quake.md",
        "---\ntitle: Quake\ntags: Chile\n---\nThe ground shook.\n",
    );
    site.write("seeds/strike.txt", "A port strike.");
    site.write("seeds/strike.toml", "tags = \"Labour\"\n");
    site.build_ok();
    assert!(site.has("tags/chile/index.html"));
    assert!(site.has("tags/labour/index.html"));
}

#[test]
fn an_unknown_entities_key_suggests_the_closest() {
    let site = site();
    site.write("entities.toml", "[peopel]\n\"Kim Jong Un\" = [\"Kim\"]\n");
    assert_eq!(
        failing(&site, &[]),
        "entities.toml:1:2: error: unknown key `peopel`\n  help: did you mean `people`?\n"
    );
}

#[test]
fn a_build_ends_with_one_summary_line_in_good_english() {
    let site = site();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = run.stdout.trim_end();
    assert!(line.starts_with("built 1 article into "), "{line}");
    assert!(line.ends_with(" ms") || line.ends_with(" s"), "{line}");
    assert!(!line.contains(';'), "no problems, no counts: {line}");

    site.write("seeds/bad.md", "+++\nsumary = \"x\"\n+++\nBody.\n");
    site.write("seeds/other.toml", "title = \"orphan sidecar\"\n");
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.starts_with("built 1 article into "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.trim_end().ends_with("; 1 warning, 1 error"),
        "{}",
        run.stdout
    );
    assert!(!run.stderr.contains("the others were"), "{}", run.stderr);
}

#[test]
fn no_site_toml_names_the_folder_it_looked_in() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let run = Site::new().run(&["build", "--root", root.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!(
            "{}: error: no such file, so this folder is not a site\n  help: run briefing in a site folder (one with a site.toml) or pass --root DIR; `briefing new DIR` creates a site\n",
            root.join("site.toml").display()
        )
    );
}

#[test]
fn a_key_appended_to_a_new_site_toml_stays_a_setting() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("news");
    let runner = Site::new();
    assert_eq!(runner.run(&["new", dir.to_str().unwrap()]).code, 0);
    let config = dir.join("site.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("cname = \"news.example.org\"\n");
    std::fs::write(&config, text).unwrap();
    let run = runner.run(&["build", "--root", dir.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let cname = std::fs::read_to_string(dir.join("public/CNAME")).unwrap();
    assert_eq!(cname.trim(), "news.example.org");
}

#[test]
fn a_known_key_inside_extra_warns_where_it_belongs() {
    let site = site();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\n[extra]\nmine = 1\ncname = \"news.example.org\"\n",
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "site.toml:5:1: warning: `cname` is inside [extra], so it sets `extra.cname`, not `cname`\n  help: `cname` is a top-level key: move it above the first [table] header (line 3)\n"
    );
    assert!(!site.has("CNAME"));
    assert!(
        run.stdout.trim_end().ends_with("; 1 warning"),
        "{}",
        run.stdout
    );
}
