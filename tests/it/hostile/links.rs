//! Symlinks: links out of the site (absolute, relative, to a file and a
//! folder, in `seeds/`, a story's own folder, `pages/`, `static/`,
//! `templates/`, and the config files),
//! loops, dangling links, and links that stay inside.

use super::*;

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
/// in `seeds/`, a story's own folder, `pages/`, `static/` or `templates/`,
/// are refused and named with where they point (a file beside a story or
/// a page is not published even when the text references it); nothing of
/// their targets reaches any output file; the rest of the site builds.
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
    page_with(&site, "folder-marker-ok");
    assert!(site.has("about/index.html"), "{}", run.stderr);
    for beside in [
        "articles/folder/chart.png",
        "articles/folder/img/secret.txt",
        "about/photo.jpg",
        "leak/index.html",
    ] {
        assert!(!site.has(beside), "{beside} was published");
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
