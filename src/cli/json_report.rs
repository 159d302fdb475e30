//! The one JSON object `briefing build --json` prints for CI.
//!
//! Pure: a build report (or the fatal error that stopped the build) and the
//! elapsed time in, a JSON document out. Field names are part of the
//! command line's interface; add fields, never rename them.

use serde::Serialize;

use crate::error::{Diagnostic, Error, Location};
use crate::pipeline::BuildReport;
use crate::timings::TimingsReport;

/// What a build did, for machines.
#[derive(Debug, Clone, Serialize)]
pub(super) struct JsonReport {
    /// Whether the build succeeded without errors (exit status 0).
    pub ok: bool,
    /// The output folder, when the build got that far.
    pub output: Option<String>,
    /// Pages and site files written.
    pub pages: usize,
    /// Articles published.
    pub articles: usize,
    /// Problems that did not fail the build.
    pub warnings: Vec<JsonDiagnostic>,
    /// Problems that did: skipped articles, or the fatal error.
    pub errors: Vec<JsonDiagnostic>,
    /// Wall time of the build in milliseconds.
    pub elapsed_ms: u64,
    /// What the build did that is worth knowing: stories held back,
    /// versions folded, undated stories dated by modification time.
    pub notes: Vec<JsonDiagnostic>,
    /// Stories held back until their time, soonest first.
    pub held: Vec<JsonHeld>,
    /// How many published stories are newer than `--since` (only then).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_since: Option<JsonNewSince>,
    /// Where the time went (`--timings` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timings: Option<TimingsReport>,
    /// What `--cache` did; absent without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache: Option<JsonCache>,
}

/// What the article cache did in one build.
#[derive(Debug, Clone, Serialize)]
pub(super) struct JsonCache {
    /// Articles taken from the cache.
    pub reused: usize,
    /// Articles read, parsed and enriched.
    pub parsed: usize,
    /// Entries of articles that are gone, dropped.
    pub pruned: usize,
    /// Whether the cache file was written.
    pub saved: bool,
}

/// A story held back until its time.
#[derive(Debug, Clone, Serialize)]
pub(super) struct JsonHeld {
    /// Its source file, relative to the site root.
    pub file: String,
    /// Its headline.
    pub title: String,
    /// When a build publishes it, RFC 3339.
    pub due: String,
}

/// What `--since` found.
#[derive(Debug, Clone, Serialize)]
pub(super) struct JsonNewSince {
    /// The time asked about, RFC 3339.
    pub since: String,
    /// Published stories newer than it.
    pub articles: usize,
}

/// One warning or error with where it happened.
#[derive(Debug, Clone, Serialize)]
pub(super) struct JsonDiagnostic {
    /// The file, relative to the site root where possible.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<u32>,
    /// 1-based column, when known.
    pub column: Option<u32>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when known.
    pub help: Option<String>,
}

impl JsonReport {
    /// The report of a finished build.
    pub(super) fn of_report(report: &BuildReport, elapsed_ms: u64) -> JsonReport {
        let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
            report.diagnostics.iter().partition(|d| d.is_error());
        JsonReport {
            ok: errors.is_empty(),
            output: Some(report.output.display().to_string()),
            pages: report.pages,
            articles: report.articles,
            warnings: warnings
                .into_iter()
                .map(JsonDiagnostic::of_diagnostic)
                .collect(),
            errors: errors
                .into_iter()
                .map(JsonDiagnostic::of_diagnostic)
                .collect(),
            elapsed_ms,
            cache: report.cache.as_ref().map(|c| JsonCache {
                reused: c.reused,
                parsed: c.parsed,
                pruned: c.pruned,
                saved: c.saved,
            }),
            notes: report
                .notes
                .iter()
                .map(JsonDiagnostic::of_diagnostic)
                .collect(),
            held: report
                .held
                .iter()
                .map(|h| JsonHeld {
                    file: h.source_path.display().to_string(),
                    title: h.title.clone(),
                    due: h.due.to_string(),
                })
                .collect(),
            new_since: None,
            timings: None,
        }
    }

    /// The report of a build stopped by `error`.
    pub(super) fn of_error(error: &Error, elapsed_ms: u64) -> JsonReport {
        JsonReport {
            ok: false,
            output: None,
            pages: 0,
            articles: 0,
            warnings: Vec::new(),
            errors: vec![JsonDiagnostic::of_error(error)],
            elapsed_ms,
            cache: None,
            notes: Vec::new(),
            held: Vec::new(),
            new_since: None,
            timings: None,
        }
    }

    /// The report as one line of JSON.
    pub(super) fn to_json(&self) -> String {
        // Serialising plain strings and numbers cannot fail.
        serde_json::to_string(self).unwrap_or_else(|_| "{\"ok\":false}".to_string())
    }
}

impl JsonDiagnostic {
    fn at(location: &Location, message: String, help: Option<String>) -> JsonDiagnostic {
        JsonDiagnostic {
            file: location.path.display().to_string(),
            line: location.line,
            column: location.column,
            message,
            help,
        }
    }

    fn of_diagnostic(d: &Diagnostic) -> JsonDiagnostic {
        JsonDiagnostic::at(&d.location, d.message.clone(), d.help.clone())
    }

    fn of_error(e: &Error) -> JsonDiagnostic {
        let mut message = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(cause) = source {
            message.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        match e {
            Error::Config(d) | Error::Template(d) => {
                JsonDiagnostic::at(&d.location, d.message.clone(), d.help.clone())
            }
            Error::Io { path, .. } | Error::UnsafeOutput { path, .. } | Error::NotEmpty(path) => {
                JsonDiagnostic::at(&Location::file(path), message, None)
            }
            Error::Json { route, .. } => JsonDiagnostic::at(&Location::file(route), message, None),
            Error::SourceDateEpoch(_) => {
                JsonDiagnostic::at(&Location::file("SOURCE_DATE_EPOCH"), message, None)
            }
            Error::WouldOverwrite(files) => {
                let first = files.first().map_or("templates", String::as_str);
                JsonDiagnostic::at(&Location::file(first), message, None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn a_report_splits_warnings_from_errors_with_their_lines() {
        let report = BuildReport {
            output: PathBuf::from("public"),
            articles: 3,
            pages: 9,
            paths: Vec::new(),
            base_url: "https://x.org/".into(),
            diagnostics: vec![
                Diagnostic::error(Location::at("seeds/a.md", 3, 1), "unknown field `x`"),
                Diagnostic::warning(Location::file("static/index.html"), "not copied"),
            ],
            cache: None,
            notes: Vec::new(),
            held: Vec::new(),
            timings: crate::timings::Timings::new().report(),
        };
        let json: serde_json::Value =
            serde_json::from_str(&JsonReport::of_report(&report, 42).to_json()).unwrap();
        assert_eq!(json["ok"], false);
        assert_eq!(json["pages"], 9);
        assert_eq!(json["articles"], 3);
        assert_eq!(json["elapsed_ms"], 42);
        assert_eq!(json["errors"][0]["file"], "seeds/a.md");
        assert_eq!(json["errors"][0]["line"], 3);
        assert_eq!(json["warnings"][0]["file"], "static/index.html");
        assert_eq!(json["warnings"][0]["line"], serde_json::Value::Null);
        assert!(json.get("timings").is_none(), "timings only when asked");
    }

    #[test]
    fn a_fatal_error_is_the_only_error() {
        let e = Error::Config(Diagnostic::error(Location::at("site.toml", 2, 1), "bad"));
        let json: serde_json::Value =
            serde_json::from_str(&JsonReport::of_error(&e, 1).to_json()).unwrap();
        assert_eq!(json["ok"], false);
        assert_eq!(json["errors"].as_array().map(Vec::len), Some(1));
        assert_eq!(json["errors"][0]["file"], "site.toml");
        assert_eq!(json["errors"][0]["line"], 2);
        assert_eq!(json["output"], serde_json::Value::Null);
    }
}
