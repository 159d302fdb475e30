//! The edition as the product: scheduled publishing (a story dated after
//! the build clock is held until a later build), undated stories keeping
//! their edition across later commits, one broken story not stopping the
//! rest, what is new since the previous edition, and week editions.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::{Site, text_of};

/// 2025-07-12T06:00:00Z, the tests' build clock, plus `hours`.
fn clock(hours: i64) -> String {
    (1_752_300_000 + hours * 3600).to_string()
}

fn story(title: &str, date: &str, text: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = {date}\n+++\n{text}\n")
}

fn embargoed_site() -> Site {
    let site = Site::new();
    site.write(
        "seeds/today.md",
        &story(
            "Harbour reopens",
            "2025-07-12T05:00:00Z",
            "The harbour reopened to shipping on Saturday morning after the storm.",
        ),
    );
    site.write(
        "seeds/embargo.md",
        &story(
            "Water report finds rivers failing",
            "2025-07-12T09:00:00Z",
            "Most rivers fail the water quality standard, an embargoed report finds.",
        ),
    );
    site
}

#[test]
fn a_story_dated_later_is_held_until_the_clock_passes_it() {
    let site = embargoed_site();
    let run = site.build_ok();
    assert!(site.has("articles/today/index.html"));
    assert!(!site.has("articles/embargo/index.html"));
    assert!(!site.read("index.html").contains("Water report"));
    assert!(!site.read("digest.json").contains("Water report"));
    assert!(!site.read("atom.xml").contains("Water report"));
    assert!(
        run.stderr
            .contains("seeds/embargo.md: note: held back until 2025-07-12T09:00:00Z"),
        "{}",
        run.stderr
    );

    let json = site.build(&["--json"]);
    let json: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["held"][0]["file"], "seeds/embargo.md");
    assert_eq!(json["held"][0]["due"], "2025-07-12T09:00:00Z");
    assert_eq!(json["articles"], 1);

    // A preview shows it.
    let preview = site.build(&["--future"]);
    assert_eq!(preview.code, 0, "{}", preview.stderr);
    assert!(site.has("articles/embargo/index.html"));

    // A build whose clock has passed its time publishes it.
    let later = site.run_env(&["build"], &[("SOURCE_DATE_EPOCH", &clock(4))]);
    assert_eq!(later.code, 0, "{}", later.stderr);
    assert!(site.has("articles/embargo/index.html"));
    assert!(site.read("index.html").contains("Water report"));
    assert!(!later.stderr.contains("held back"), "{}", later.stderr);
}

#[test]
fn since_says_what_is_new_or_that_nothing_is() {
    let site = embargoed_site();
    // The previous slot was a day ago: the harbour story is new.
    let run = site.build(&["--since", "2025-07-11T06:00:00Z"]);
    assert!(
        run.stdout
            .contains("1 story new since 2025-07-11T06:00:00Z"),
        "{}",
        run.stdout
    );
    // A rerun of the same slot: nothing new to publish.
    let run = site.build(&["--since", &clock(0), "--json"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["new_since"]["articles"], 0);
    let summary = site.root().join("summary.md");
    let run = site.run_env(
        &["build", "--since", &clock(0), "--github"],
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
    );
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(summary.contains("nothing new to publish"), "{summary}");
    assert!(
        run.stdout
            .contains("::notice::nothing new to publish since 2025-07-12T06:00:00Z"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("nothing new to publish since 2025-07-12T06:00:00Z"),
        "{}",
        run.stdout
    );
    // The next slot, after the embargo: the water report is new.
    let run = site.run_env(
        &["build", "--since", &clock(0)],
        &[("SOURCE_DATE_EPOCH", &clock(24))],
    );
    assert!(run.stdout.contains("1 story new since"), "{}", run.stdout);
}

fn git(root: &Path, args: &[&str], when: &str) {
    let status = Command::new("git")
        .args(args)
        .current_dir(root)
        .env("GIT_AUTHOR_DATE", when)
        .env("GIT_COMMITTER_DATE", when)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", root)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// The edition date of the article whose source is `source`.
fn date_of(site: &Site, source: &str) -> String {
    let json: Value = serde_json::from_str(&site.read("digest.json")).unwrap();
    let article = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["source"] == source)
        .unwrap_or_else(|| panic!("{source} not published"));
    article["date"].as_str().unwrap().to_string()
}

#[test]
fn an_undated_story_keeps_the_date_its_file_was_first_committed() {
    let site = Site::new();
    let root = site.root();
    git(root, &["init", "-q", "-b", "main"], "2025-07-08T10:00:00Z");
    site.write(
        "seeds/undated.txt",
        "The ferry service to the islands resumed after a week of repairs.\n",
    );
    git(root, &["add", "-A"], "2025-07-08T10:00:00Z");
    git(
        root,
        &["commit", "-q", "-m", "first"],
        "2025-07-08T10:00:00Z",
    );
    site.write(
        "seeds/2025-07-10-later.txt",
        "Later\n\nA later story arrived two days after the first.\n",
    );
    git(root, &["add", "-A"], "2025-07-10T10:00:00Z");
    git(
        root,
        &["commit", "-q", "-m", "second"],
        "2025-07-10T10:00:00Z",
    );
    // Editing the undated story later does not move it either.
    site.write(
        "seeds/undated.txt",
        "The ferry service to the islands resumed after a week of repairs, the operator said.\n",
    );
    git(
        root,
        &["commit", "-q", "-am", "edit"],
        "2025-07-11T10:00:00Z",
    );

    let run = site.build_ok();
    assert_eq!(date_of(&site, "seeds/undated.txt"), "2025-07-08");
    assert!(site.has("editions/2025-07-08/index.html"));
    assert!(!run.stderr.contains("modification time"), "{}", run.stderr);
    // A build with a later clock (the scheduled run a day on) agrees.
    let run = site.run_env(&["build"], &[("SOURCE_DATE_EPOCH", &clock(30))]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(date_of(&site, "seeds/undated.txt"), "2025-07-08");

    // A file not committed yet is dated by its modification time, with a
    // note saying so.
    site.write("seeds/new.txt", "A story not committed yet.\n");
    let when = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_752_100_000);
    let file = std::fs::File::options()
        .write(true)
        .open(root.join("seeds/new.txt"))
        .unwrap();
    file.set_modified(when).unwrap();
    let run = site.build_ok();
    assert_eq!(date_of(&site, "seeds/new.txt"), "2025-07-09");
    assert!(
        run.stderr.contains(
            "seeds/new.txt: note: undated: dated 2025-07-09 by its file's modification time (not committed yet)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn outside_git_an_undated_story_takes_its_modification_time_noted_in_the_summary() {
    let site = Site::new();
    site.write(
        "seeds/plain.txt",
        "A story in a folder that is no repository.\n",
    );
    let when = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_752_000_000);
    std::fs::File::options()
        .write(true)
        .open(site.root().join("seeds/plain.txt"))
        .unwrap()
        .set_modified(when)
        .unwrap();
    let run = site.build(&["--json"]);
    assert_eq!(date_of(&site, "seeds/plain.txt"), "2025-07-08");
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["notes"][0]["file"], "seeds/plain.txt");
    assert_eq!(
        json["notes"][0]["message"],
        "undated: dated 2025-07-08 by its file's modification time (the site is not in a git repository)"
    );
    // On a terminal that is every undated story of such a site: no line each.
    let run = site.build_ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn a_broken_story_is_left_out_and_the_rest_is_published() {
    let site = embargoed_site();
    site.write(
        "seeds/broken.md",
        "+++\ntitle = \"Broken\"\nheadline = \"typo\"\n+++\nText.\n",
    );
    let summary = site.root().join("summary.md");
    let run = site.run_env(
        &["build", "--github"],
        &[("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())],
    );
    assert_eq!(run.code, 1, "the run is marked failed");
    assert!(site.has("articles/today/index.html"));
    assert!(site.has("index.html"));
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("::error file=seeds/broken.md,line=3")),
        "{}",
        run.stdout
    );
    let summary = std::fs::read_to_string(&summary).unwrap();
    assert!(summary.contains("Published 1 story"), "{summary}");
    assert!(summary.contains("1 story left out"), "{summary}");
    assert!(summary.contains("`seeds/broken.md:3"), "{summary}");
    assert!(summary.contains("held back until"), "{summary}");

    // `check` reports it too, and passes the rest when asked to.
    let check = site.run(&["check"]);
    assert_eq!(check.code, 1);
    let check = site.run(&["check", "--allow-broken-articles"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stderr.contains("seeds/broken.md:3"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_broken_site_toml_still_stops_the_publish() {
    let site = embargoed_site();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\ncolour = \"red\"\n",
    );
    let run = site.build(&["--github"]);
    assert_eq!(run.code, 1);
    assert!(!site.has("index.html"));
    assert!(
        run.stdout.starts_with("::error file=site.toml,line=3"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_front_page_counts_and_marks_what_is_new_since_the_previous_edition() {
    let site = Site::new();
    let text = "Rescue teams reached the flooded villages of the northern valley on Tuesday after two days of heavy rain cut the only road into the district, and the governor said buses were on the way.";
    site.write(
        "seeds/a.md",
        &story("Floods cut off villages", "2025-07-10", text),
    );
    site.write(
        "seeds/b.md",
        &story("Valley still cut off", "2025-07-12", text),
    );
    site.write(
        "seeds/c.md",
        &story(
            "Rates rise",
            "2025-07-12",
            "The central bank raised its main interest rate by a quarter point.",
        ),
    );
    site.write(
        "seeds/d.md",
        &story(
            "Museum opens",
            "2025-07-11",
            "A museum of maritime history opened in the old harbour district.",
        ),
    );
    site.build_ok();
    let index = site.read("index.html");
    let latest = &index[index.find("id=\"latest-edition\"").unwrap()..];
    let latest = &latest[..latest.find("</section>").unwrap()];
    let text = text_of(latest);
    assert!(
        text.contains("1 new story since the edition of 11 July 2025"),
        "{text}"
    );
    assert!(
        latest.contains("href=\"/editions/2025-07-11/\""),
        "{latest}"
    );
    // The bank story is new; the flood story continues one filed on 10 July.
    assert!(text.contains("New Rates rise"), "{text}");
    assert!(text.contains("Updated Valley still cut off"), "{text}");

    // Each edition page links to the one before and after it.
    let middle = text_of(&site.read("editions/2025-07-11/index.html"));
    assert!(middle.contains("Newer edition 12 July 2025"), "{middle}");
    let newest = site.read("editions/2025-07-12/index.html");
    assert!(newest.contains("href=\"/editions/2025-07-11/\""));
}

#[test]
fn week_editions_in_a_time_zone() {
    let site = Site::new();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\n[editions]\nlength = \"week\"\ntime_zone = \"America/New_York\"\n",
    );
    // 23:30 on Sunday 6 July in New York is already Monday in UTC.
    site.write(
        "seeds/sunday.md",
        &story(
            "Sunday night",
            "2025-07-07T03:30:00Z",
            "Late on Sunday night.",
        ),
    );
    site.write(
        "seeds/monday.md",
        &story("Monday", "2025-07-07T14:00:00Z", "On Monday afternoon."),
    );
    site.write(
        "seeds/friday.md",
        &story("Friday", "2025-07-11T09:00:00-04:00", "On Friday morning."),
    );
    site.build_ok();
    assert!(site.has("editions/2025-07-07/index.html"));
    assert!(site.has("editions/2025-06-30/index.html"));
    assert!(!site.has("editions/2025-07-11/index.html"));
    let week = text_of(&site.read("editions/2025-07-07/index.html"));
    assert!(week.contains("Edition of 7–13 July 2025"), "{week}");
    assert!(week.contains("Friday") && week.contains("Monday"), "{week}");
    let before = text_of(&site.read("editions/2025-06-30/index.html"));
    assert!(before.contains("30 June – 6 July 2025"), "{before}");
    assert!(before.contains("Sunday night"), "{before}");
}

#[test]
fn week_editions_name_the_week_in_email_print_and_map() {
    let site = Site::new();
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\n[editions]\nlength = \"week\"\n",
    );
    site.write(
        "seeds/monday.md",
        &story(
            "Talks in Geneva",
            "2025-07-07T14:00:00Z",
            "Ministers met in Geneva on Monday for talks on trade.",
        ),
    );
    site.write(
        "seeds/friday.md",
        &story(
            "Floods in Lyon",
            "2025-07-11T09:00:00Z",
            "Rivers rose in Lyon on Friday after a week of rain.",
        ),
    );
    site.build_ok();
    let week = "7–13 July 2025";
    let email = site.read("editions/2025-07-07/email.html");
    assert!(
        email.contains(&format!("<title>T: edition of {week}</title>")),
        "{email}"
    );
    assert!(
        text_of(&email).contains(&format!("Edition of {week}")),
        "{email}"
    );
    let plain = site.read("editions/2025-07-07/email.txt");
    assert!(
        plain.starts_with(&format!("T: edition of {week}\n")),
        "{plain}"
    );
    let print = site.read("editions/2025-07-07/print/index.html");
    assert!(
        text_of(&print).contains(&format!("Edition of {week}")),
        "{print}"
    );
    let page = site.read("editions/2025-07-07/index.html");
    assert!(
        page.contains(&format!("Map of the places in the edition of {week}")),
        "{page}"
    );
}
