//! `briefing build --json`: one JSON object on stdout for CI.

use crate::support::{Site, tree};

#[test]
fn json_summary_counts_pages_and_articles() {
    let site = Site::bundled();
    let run = site.build(&["--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["ok"], true);
    assert_eq!(json["articles"], 1);
    assert_eq!(json["errors"].as_array().unwrap().len(), 0);
    assert_eq!(json["warnings"].as_array().unwrap().len(), 0);
    assert!(json["elapsed_ms"].is_u64());
    // Pages and site files: everything but the static assets (the two
    // stylesheets, the search script and the icon) and the output
    // folder's marker.
    let files = tree(&site.public()).len();
    assert!(site.has(".briefing-output"));
    assert_eq!(json["pages"].as_u64().unwrap() as usize, files - 5);
    assert!(!run.stdout.contains('\u{1b}'), "no colours");
}

#[test]
fn json_summary_names_errors_with_file_and_line() {
    let site = Site::new();
    site.write("seeds/good.txt", "A good story.");
    site.write(
        "seeds/bad.md",
        "+++\ntitle = \"Bad\"\nsumary = \"typo\"\n+++\nBody.\n",
    );
    let run = site.build(&["--json"]);
    assert_eq!(run.code, 1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["ok"], false);
    assert_eq!(json["articles"], 1);
    let error = &json["errors"][0];
    assert_eq!(error["file"], "seeds/bad.md");
    assert_eq!(error["line"], 3);
    assert!(error["message"].as_str().unwrap().contains("sumary"));

    site.write("site.toml", "title = \"x\"\nbase_url = \"nope\"\n");
    let run = site.build(&["--json"]);
    assert_eq!(run.code, 1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["errors"][0]["file"], "site.toml");
    assert_eq!(json["errors"][0]["line"], 2);
}
