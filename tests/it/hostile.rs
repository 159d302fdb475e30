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

mod defects;
mod encoding;
mod faults;
mod generate;
mod injection;
mod links;
mod live;
mod metadata;
mod size;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{EPOCH, Run, Site, copy_dir, element, repo_root, text_of, tree};

/// The control story's page.
const CONTROL_PAGE: &str = "articles/control/index.html";

fn fixtures() -> PathBuf {
    repo_root().join("tests/fixtures/hostile")
}

/// A site with the hostile `site.toml`, the control story and the named
/// seed files (copied byte for byte).
fn hostile(names: &[&str]) -> Site {
    let site = Site::new();
    std::fs::copy(fixtures().join("site.toml"), site.root().join("site.toml")).unwrap();
    for name in std::iter::once(&"000_control.txt").chain(names) {
        let to = site.root().join("seeds").join(name);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
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
