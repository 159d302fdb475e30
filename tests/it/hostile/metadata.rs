//! Front matter (unclosed, invalid, wrongly typed, unknown keys, alias
//! bombs), impossible dates, and slugs (empty, colliding three ways and by
//! case); right-to-left and CJK text; very long file names; lines broken
//! mid-sentence.

use super::*;

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

/// Permalinks come from file names (or explicit slugs), so the clashes
/// are of names: three files called `same-name.md` in three folders, two
/// names equal but for case, two explicit slugs equal but for case. Each
/// gets its own URL, in path order, with a warning, and rebuilds keep them.
#[test]
fn slugs_colliding_three_ways_and_by_case_are_made_unique() {
    let site = hostile(&[
        "collide-a/same-name.md",
        "collide-b/same-name.md",
        "collide-c/same-name.md",
        "case-study.md",
        "case/Case-Study.md",
        "slug-case-a.md",
        "slug-case-b.md",
    ]);
    let run = site.build(&[]);
    assert_exit_and_control(&site, &run, 0);
    for (marker, slug) in [
        ("collide-a-marker", "same-name"),
        ("collide-b-marker", "same-name-2"),
        ("collide-c-marker", "same-name-3"),
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
    for line in [
        "seeds/slug-case-b.md: warning: slug \"mixed-case\" is already taken; using \"mixed-case-2\"",
        "seeds/collide-c/same-name.md: warning: slug \"same-name\" is already taken; using \"same-name-3\"",
        "seeds/case/Case-Study.md: warning: slug \"case-study\" is already taken; using \"case-study-2\"",
    ] {
        assert!(run.stderr.contains(line), "{line}\n{}", run.stderr);
    }
    let first = tree(&site.public());
    site.build_ok();
    assert!(
        first == tree(&site.public()),
        "a rebuild changed the output"
    );
}

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

/// Lines broken mid-sentence: paragraphs opening with a lower-case "or"
/// or "and" before a name build like any other (the entity rules panicked
/// on them: exit 101 and no site at all).
#[test]
fn paragraphs_opening_with_a_conjunction_build() {
    let site = hostile(&["broken-lines.txt"]);
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("articles/broken-lines/index.html");
    assert_eq!(headline(&page), "Harbour works resume");
    assert_eq!(
        body_paragraphs(&page)[1..].to_vec(),
        vec![
            "or Cricket in India said Sharma would play.",
            "and Ana Ruiz said the fans could come."
        ]
    );
}
