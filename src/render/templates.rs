//! The template set: built-in defaults compiled into the binary, overridden
//! file by file by a site's own `templates/`.
//!
//! Also holds the built-in static files, for the same reason: a site that
//! brings no `templates/` or `static/` still builds a complete, styled site.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tera::Tera;

use crate::error::{Error, Location};

/// The default templates, by name.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("card.html", include_str!("../../templates/card.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("edition.html", include_str!("../../templates/edition.html")),
    (
        "editions.html",
        include_str!("../../templates/editions.html"),
    ),
    ("tag.html", include_str!("../../templates/tag.html")),
    ("tags.html", include_str!("../../templates/tags.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("head.html", include_str!("../../templates/head.html")),
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("rss.xml", include_str!("../../templates/rss.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    (
        "briefing.html",
        include_str!("../../templates/briefing.html"),
    ),
    ("related.html", include_str!("../../templates/related.html")),
    ("entity.html", include_str!("../../templates/entity.html")),
    (
        "entities.html",
        include_str!("../../templates/entities.html"),
    ),
    ("search.html", include_str!("../../templates/search.html")),
    ("stories.html", include_str!("../../templates/stories.html")),
    ("pager.html", include_str!("../../templates/pager.html")),
    (
        "pager-head.html",
        include_str!("../../templates/pager-head.html"),
    ),
];

/// The default static files, by path in the output.
pub const BUILTIN_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("search.js", include_bytes!("../../static/search.js")),
    ("favicon.svg", include_bytes!("../../static/favicon.svg")),
];

/// A template file a site brings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSource {
    /// Its name, the path under `templates/` with `/` separators.
    pub name: String,
    /// Its path relative to the site root, for messages.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// The compiled templates and where each came from.
pub struct Templates {
    /// The tera instance, every template added.
    pub tera: Tera,
    /// Where each template name was loaded from, for error messages.
    origins: BTreeMap<String, PathBuf>,
}

impl Templates {
    /// Compiles the built-in templates with `overrides` replacing or adding
    /// to them.
    pub fn load(overrides: Vec<TemplateSource>) -> Result<Templates, Error> {
        let mut sources: BTreeMap<String, (PathBuf, String)> = BUILTIN_TEMPLATES
            .iter()
            .map(|(name, text)| {
                let origin = PathBuf::from(format!("<built-in>/{name}"));
                (name.to_string(), (origin, text.to_string()))
            })
            .collect();
        for o in overrides {
            sources.insert(o.name, (o.path, o.text));
        }
        let origins = sources
            .iter()
            .map(|(name, (path, _))| (name.clone(), path.clone()))
            .collect();
        let mut templates = Templates {
            tera: Tera::new(),
            origins,
        };
        let texts = sources
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str()));
        let result = templates.tera.add_raw_templates(texts);
        result.map_err(|e| templates.error(&e))?;
        Ok(templates)
    }

    /// Converts a tera error into one naming the template file and line.
    pub fn error(&self, e: &tera::Error) -> Error {
        let (name, line, column, message) = match e.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                let span = report.span();
                (
                    report.filename().to_string(),
                    Some(span.start_line),
                    Some(span.start_col + 1),
                    report.message().to_string(),
                )
            }
            tera::ErrorKind::MissingParent { current, .. } => {
                (current.clone(), None, None, e.to_string())
            }
            tera::ErrorKind::CircularExtend { tpl, .. }
            | tera::ErrorKind::CircularInclude { tpl, .. } => {
                (tpl.clone(), None, None, e.to_string())
            }
            _ => (String::new(), None, None, e.to_string()),
        };
        let path =
            self.origins.get(&name).cloned().unwrap_or_else(|| {
                PathBuf::from(if name.is_empty() { "templates" } else { &name })
            });
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Error::Template {
            location: Location {
                path,
                line: line.map(to_u32),
                column: column.map(to_u32),
            },
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, text: &str) -> TemplateSource {
        TemplateSource {
            name: name.to_string(),
            path: PathBuf::from("templates").join(name),
            text: text.to_string(),
        }
    }

    #[test]
    fn builtins_compile() {
        let t = Templates::load(Vec::new()).unwrap();
        for (name, _) in BUILTIN_TEMPLATES {
            assert!(t.tera.contains_template(name), "{name}");
        }
    }

    #[test]
    fn a_site_template_overrides_the_builtin() {
        let t = Templates::load(vec![source("404.html", "gone {{ 1 + 1 }}")]).unwrap();
        let out = t.tera.render("404.html", &tera::Context::new()).unwrap();
        assert_eq!(out, "gone 2");
    }

    #[test]
    fn syntax_errors_name_the_site_file_and_line() {
        let err = Templates::load(vec![source("404.html", "ok\n{% if %}\n")])
            .err()
            .unwrap();
        let Error::Template { location, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(location.path, PathBuf::from("templates/404.html"));
        assert_eq!(location.line, Some(2));
    }
}
