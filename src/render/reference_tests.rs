//! The README's reference of template variables, checked against the
//! views: every variable a template receives (rendered from a sample site
//! whose stories fill every field) must be in the table for that template,
//! and every row of the table must be a variable some sample page has. So
//! the reference cannot drift from the code.
//!
//! The table lives in the README between `<!-- template variables -->`
//! and `<!-- end template variables -->`. Each row is `| `PATH` | IN |
//! MEANING |`: IN lists the templates (or says "every template"), or names
//! a shape in italics (`*story*`) for the rows describing one; a MEANING
//! ending in "→ `story`" says the variable holds that shape (for a list,
//! each item does), whose fields are then documented once as `story.…`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;
use serde::Serialize;
use serde_json::Value;

use super::*;
use crate::article::{self, ParseOptions};
use crate::discover::{SourceFile, SourceKind};
use crate::enrich::{self, EnrichContext};

const README: &str = include_str!("../../README.md");

/// Where a documented row applies.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    /// Every template.
    All,
    /// These templates.
    Templates(BTreeSet<String>),
    /// The fields of a shape.
    Shape(String),
}

/// One row of the README's table.
#[derive(Debug, Clone)]
struct Row {
    path: String,
    scope: Scope,
    /// The shape the variable holds, from "→ `shape`".
    shape: Option<String>,
}

impl Row {
    fn applies(&self, to: &str) -> bool {
        match &self.scope {
            Scope::All => !to.starts_with('*'),
            Scope::Templates(names) => names.contains(to),
            Scope::Shape(shape) => to == format!("*{shape}*"),
        }
    }
}

/// The rows of the README's table.
fn documented() -> Vec<Row> {
    let start = README.find("<!-- template variables -->").unwrap_or(0);
    let end = README.find("<!-- end template variables -->").unwrap_or(0);
    assert!(start < end, "the README has no template variable reference");
    let mut rows = Vec::new();
    for line in README[start..end].lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let [_, path, scope, meaning, _] = cells.as_slice() else {
            continue;
        };
        let Some(path) = path.strip_prefix('`').and_then(|p| p.strip_suffix('`')) else {
            continue;
        };
        let scope = if *scope == "every template" {
            Scope::All
        } else if let Some(shape) = scope.strip_prefix('*').and_then(|s| s.strip_suffix('*')) {
            Scope::Shape(shape.to_string())
        } else {
            Scope::Templates(
                scope
                    .split(',')
                    .map(|t| t.trim().trim_matches('`').to_string())
                    .collect(),
            )
        };
        let shape = meaning
            .rsplit_once("→ `")
            .and_then(|(_, s)| s.strip_suffix('`'))
            .map(str::to_string);
        rows.push(Row {
            path: path.to_string(),
            scope,
            shape,
        });
    }
    rows
}

/// Whether `path` is documented for `scope` (a template name, or
/// `*shape*`), directly or through a shape; `used` collects the rows that
/// documented it.
fn covers(rows: &[Row], scope: &str, path: &str, used: &mut BTreeSet<(String, String)>) -> bool {
    let prefix = scope
        .strip_prefix('*')
        .and_then(|s| s.strip_suffix('*'))
        .map_or(String::new(), |shape| shape.to_string());
    let full = format!("{prefix}{path}");
    for row in rows.iter().filter(|r| r.applies(scope)) {
        if row.path == full {
            used.insert((row.path.clone(), scope.to_string()));
            return true;
        }
        if let Some(shape) = &row.shape
            && let Some(rest) = full.strip_prefix(&row.path)
            && (rest.starts_with('.') || rest.starts_with("[]"))
        {
            let rest = rest.strip_prefix("[]").unwrap_or(rest);
            if covers(rows, &format!("*{shape}*"), rest, used) {
                used.insert((row.path.clone(), scope.to_string()));
                return true;
            }
        }
    }
    false
}

/// The leaves of `value` under `path`: true for an empty one (null, `[]`,
/// `{}`) whose fields the sample cannot show.
fn leaves(path: &str, value: &Value, out: &mut BTreeMap<String, bool>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, v) in map {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                leaves(&child, v, out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for item in items {
                leaves(&format!("{path}[]"), item, out);
            }
        }
        Value::Null | Value::Object(_) | Value::Array(_) => {
            out.entry(path.to_string()).or_insert(true);
        }
        _ => {
            out.insert(path.to_string(), false);
        }
    }
}

/// Collects what each template receives.
struct ContextVisitor<'r> {
    renderer: &'r Renderer,
    digest: &'r Digest,
}

impl<'r> PageVisitor for ContextVisitor<'r> {
    type Card = views::Card<'r>;
    type Row = views::Row<'r>;
    type Output = Option<(&'static str, Value)>;

    fn card(&self, i: ArticleId) -> views::Card<'r> {
        views::card(self.digest, i, &self.renderer.urls)
    }

    fn row(&self, i: ArticleId, style: RowStyle) -> views::Row<'r> {
        views::row(self.digest, i, &self.renderer.urls, style)
    }

    fn page<T: Serialize>(&self, spec: PageSpec<'_>, page: T) -> Self::Output {
        if spec.template == feeds::JSON_FEED || data::is_data(spec.template) {
            return None;
        }
        let context = self.renderer.context(self.digest, spec, page);
        Some((spec.template, serde_json::to_value(&context).unwrap()))
    }
}

/// A sample site whose stories fill every field a view has.
fn sample() -> (Renderer, Digest, Value) {
    let text = "title = \"Daily\"\nbase_url = \"https://u.github.io/r/\"\nauthor = \"Newsroom\"\n";
    let themes = crate::article::highlight::theme_names();
    let config = crate::config::parse(text, std::path::Path::new("site.toml"), &themes).unwrap();
    let urls = Urls::new(&config.base_url);
    let site = serde_json::to_value(views::SiteView::new(&config, &urls)).unwrap();
    let templates = templates::Templates::load(Vec::new()).unwrap();
    let options = RenderOptions {
        urls,
        live_reload: Some("/live-reload.js".to_string()),
    };
    let renderer = Renderer::new(&config, templates, options);
    let context = EnrichContext {
        now: Timestamp::from_second(1_752_300_000).unwrap(),
        words_per_minute: 200,
        time_zone: jiff::tz::TimeZone::UTC,
    };
    let articles = sample_stories()
        .into_iter()
        .map(|(name, text)| {
            let rel = PathBuf::from("seeds").join(&name);
            let source = SourceFile {
                path: rel.clone(),
                rel_path: rel,
                kind: SourceKind::Markdown,
                sidecar: None,
            };
            let parsed = article::parse(&source, &text, None, ParseOptions::default()).unwrap();
            Arc::new(enrich::enrich(parsed, &context))
        })
        .collect();
    let mut digest = crate::digest::build(articles, &crate::digest::Settings::default()).0;
    digest.pages = vec![sample_page()];
    (renderer, digest, site)
}

/// A standalone page with every field filled.
fn sample_page() -> crate::digest::pages::StandalonePage {
    let rel = PathBuf::from("pages/about.md");
    let source = SourceFile {
        path: rel.clone(),
        rel_path: rel,
        kind: SourceKind::Markdown,
        sidecar: None,
    };
    let text = "+++\ntitle = \"About us\"\nsummary = \"Who we are.\"\n+++\nA newsroom.\n";
    let parsed = article::parse(&source, text, None, ParseOptions::default()).unwrap();
    crate::digest::pages::StandalonePage::from_parsed(parsed)
}

/// Stories over three editions, with front matter, quotes, figures,
/// people, places, organisations, tags and code.
fn sample_stories() -> Vec<(String, String)> {
    let story = |day: u32, n: u32, extra: &str| {
        let text = format!(
            "+++\ntitle = \"Talks {n} in Geneva\"\ntags = [\"Diplomacy\", \"Europe\"]\nauthor = \"A. Reporter\"\nsource = \"Wire\"\nsource_url = \"https://example.org/{n}\"\n{extra}+++\n\
             GENEVA, July {day} (Reuters) - Russian Foreign Minister Sergei Lavrov met officials of the United Nations in Geneva on Monday, where over 10,000 troops were said to be waiting.\n\n\
             \"We are ready to talk for as long as it takes,\" Lavrov said after the meeting with Korean Central News Agency (KCNA) reporters.\n\n\
             The talks cost $11 billion, officials said. Lavrov later flew to Moscow.\n\n\
             ```rust\nfn main() {{}}\n```\n"
        );
        (format!("2025-07-{day:02}-talks-{n}.md"), text)
    };
    let mut stories = Vec::new();
    for (i, day) in [9, 10, 10, 11, 11, 11].into_iter().enumerate() {
        let n = u32::try_from(i).unwrap();
        let extra = if n == 0 {
            "summary = \"A hand-written lede.\"\nweight = 1\n"
        } else {
            ""
        };
        stories.push(story(day, n, extra));
    }
    stories
}

/// Every template's variables in the sample: path → whether it was empty.
fn received() -> BTreeMap<&'static str, BTreeMap<String, bool>> {
    let (renderer, digest, site) = sample();
    let visitor = ContextVisitor {
        renderer: &renderer,
        digest: &digest,
    };
    let mut all: BTreeMap<&'static str, BTreeMap<String, bool>> = BTreeMap::new();
    for job in Job::all(&digest) {
        let route = job.route(&digest);
        let Some((template, context)) = renderer.visit(&digest, job, &route, &visitor) else {
            continue;
        };
        let paths = all.entry(template).or_default();
        let mut found = BTreeMap::new();
        leaves("", &context, &mut found);
        leaves("site", &site, &mut found);
        for (path, empty) in found {
            let entry = paths.entry(path).or_insert(true);
            *entry &= empty;
        }
    }
    // A page with no data (the 404 page) has no `page` variable to speak of.
    for paths in all.values_mut() {
        if paths.get("page") == Some(&true) {
            paths.remove("page");
        }
    }
    all
}

#[test]
fn the_readme_documents_every_variable_each_template_receives() {
    let rows = documented();
    let mut used = BTreeSet::new();
    let mut missing = Vec::new();
    let received = received();
    for (template, paths) in &received {
        let template = *template;
        for (path, empty) in paths {
            let empty = *empty;
            let deeper = |r: &Row| r.applies(template) && r.path.starts_with(path.as_str());
            let found =
                covers(&rows, template, path, &mut used) || (empty && rows.iter().any(deeper));
            if !found {
                missing.push(format!("{template}: {path}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the README's template variables:\n{}",
        missing.join("\n")
    );
    let mut stale = Vec::new();
    for row in &rows {
        let scopes: Vec<String> = match &row.scope {
            Scope::All => received.keys().map(|t| t.to_string()).collect(),
            Scope::Templates(names) => names.iter().cloned().collect(),
            Scope::Shape(shape) => vec![format!("*{shape}*")],
        };
        for scope in scopes {
            let seen = used.contains(&(row.path.clone(), scope.clone()))
                || received.get(scope.as_str()).is_some_and(|paths| {
                    paths
                        .iter()
                        .any(|(path, empty)| *empty && row.path.starts_with(path.as_str()))
                });
            if !seen {
                stale.push(format!("{scope}: {}", row.path));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "in the README's template variables but not received:\n{}",
        stale.join("\n")
    );
}

/// The override the README shows: its files, by the name in their first
/// line's comment.
fn readme_example() -> Vec<templates::TemplateSource> {
    let start = README.find("<!-- example override -->").unwrap_or(0);
    let end = README.find("<!-- end example override -->").unwrap_or(0);
    assert!(start < end, "the README has no example override");
    README[start..end]
        .split("```html\n")
        .skip(1)
        .filter_map(|block| {
            let text = block.split("```").next()?;
            let first = text.lines().next()?;
            let path = first.strip_prefix("{# ")?.strip_suffix(" #}")?;
            let name = path.strip_prefix("templates/")?;
            Some(templates::TemplateSource {
                name: name.to_string(),
                path: PathBuf::from(path),
                text: text.to_string(),
            })
        })
        .collect()
}

#[test]
fn the_readme_example_override_renders() {
    let example = readme_example();
    assert_eq!(example.len(), 2);
    let (_, digest, _) = sample();
    let text = "title = \"Daily\"\nbase_url = \"https://u.github.io/r/\"\n";
    let themes = crate::article::highlight::theme_names();
    let config = crate::config::parse(text, std::path::Path::new("site.toml"), &themes).unwrap();
    let options = RenderOptions {
        urls: Urls::new(&config.base_url),
        live_reload: None,
    };
    let templates = templates::Templates::load(example).unwrap();
    let renderer = Renderer::new(&config, templates, options);
    let page = renderer.render(&digest, Job::Page(Page::NotFound)).unwrap();
    let html = String::from_utf8(page.bytes).unwrap();
    assert!(html.contains("Nothing at this address"), "{html}");
    assert!(html.contains("href=\"/r/search/\">searching</a>"), "{html}");
}
