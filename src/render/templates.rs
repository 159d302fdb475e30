//! The template set: built-in defaults compiled into the binary, overridden
//! file by file by a site's own `templates/`.
//!
//! Also holds the built-in static files, for the same reason: a site that
//! brings no `templates/` or `static/` still builds a complete, styled site.

use std::path::PathBuf;

use tera::Tera;

use super::template_error::{self, Sources, builtin_origin};
use crate::error::suggest::did_you_mean;
use crate::error::{Diagnostic, Error, Location};

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
    ("page.html", include_str!("../../templates/page.html")),
    ("moved.html", include_str!("../../templates/moved.html")),
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
    ("map.html", include_str!("../../templates/map.html")),
    (
        "timeline.html",
        include_str!("../../templates/timeline.html"),
    ),
    ("email.html", include_str!("../../templates/email.html")),
    ("email.txt", include_str!("../../templates/email.txt")),
    ("print.html", include_str!("../../templates/print.html")),
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

/// What each built-in template renders, for `briefing templates`. A
/// test checks every built-in template has a line here.
pub fn purpose(name: &str) -> Option<&'static str> {
    Some(match name {
        "base.html" => "the frame every HTML page extends: head, header, footer",
        "head.html" => "feed links, canonical link, Open Graph and JSON-LD (in base.html)",
        "card.html" => "one story in a listing: headline, date, lede, tags",
        "index.html" => "the front page: the latest edition, then earlier ones",
        "article.html" => "one article: briefing box, text, related, previous/next",
        "briefing.html" => "an article's briefing box: key points, entities, quotes, figures",
        "related.html" => "an article's related stories",
        "edition.html" => "one edition",
        "editions.html" => "the list of every edition",
        "tag.html" => "the stories with one tag",
        "tags.html" => "every tag",
        "stories.html" => "a numbered list of stories on tag and entity pages",
        "pager.html" => "the links between the pages of a long listing",
        "pager-head.html" => "a long listing's rel=prev/next links (in the head)",
        "entity.html" => "the stories naming one person, place or organisation",
        "entities.html" => "every person, place and organisation",
        "search.html" => "the search page",
        "404.html" => "the page for an address that does not exist",
        "page.html" => "a standalone page of pages/ (About, corrections policy)",
        "moved.html" => "a folded version's own address, sending readers to the story shown",
        "atom.xml" => "the Atom feed (and each tag's)",
        "rss.xml" => "the RSS feed",
        "sitemap.xml" => "the sitemap",
        "map.html" => "the map of an edition's places (front page, edition pages)",
        "timeline.html" => "an entity's timeline, stories per edition, and its table",
        "email.html" => "an edition as one self-contained email",
        "email.txt" => "an edition's email as plain text, with numbered links",
        "print.html" => "an edition for paper: every story, links as footnotes",
        _ => return None,
    })
}

/// The folder under `templates/` for a site's own partials: templates
/// that replace no built-in one and are only included by others.
pub const PARTIALS_DIR: &str = "partials";

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
    /// Where each template name was loaded from and its text, for error
    /// messages.
    sources: Sources,
}

impl Templates {
    /// Compiles the built-in templates with `overrides` replacing or adding
    /// to them. An override that is neither a built-in template's name nor
    /// a partial (under `partials/`) is an error naming the closest
    /// built-in name: a misspelt override must not be silently ignored.
    pub fn load(overrides: Vec<TemplateSource>) -> Result<Templates, Error> {
        let mut sources: Sources = BUILTIN_TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), (builtin_origin(name), text.to_string())))
            .collect();
        for o in overrides {
            check_name(&o)?;
            sources.insert(o.name, (o.path, o.text));
        }
        let mut tera = Tera::new();
        let texts = sources
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str()));
        match tera.add_raw_templates(texts) {
            Ok(()) => Ok(Templates { tera, sources }),
            Err(e) => Err(template_error::restate(&sources, &e, None)),
        }
    }

    /// Converts a tera error into one naming the template file and line.
    pub fn error(&self, e: &tera::Error) -> Error {
        template_error::restate(&self.sources, e, None)
    }

    /// Converts a tera error met while rendering `template` into one
    /// naming the template file and line (or at least the file).
    pub fn error_in(&self, e: &tera::Error, template: &str) -> Error {
        template_error::restate(&self.sources, e, Some(template))
    }
}

/// Whether a site's template `name` (its path under `templates/`) replaces
/// a built-in template or is one of the site's partials.
pub fn is_known_name(name: &str) -> bool {
    BUILTIN_TEMPLATES
        .iter()
        .any(|(builtin, _)| *builtin == name)
        || name.starts_with(&format!("{PARTIALS_DIR}/"))
}

/// Fails for a site template that matches no built-in template and is not
/// a partial, naming the closest built-in template.
fn check_name(source: &TemplateSource) -> Result<(), Error> {
    if is_known_name(&source.name) {
        return Ok(());
    }
    let builtin = BUILTIN_TEMPLATES.iter().map(|(name, _)| *name);
    let mut help = did_you_mean(&source.name, builtin)
        .map(|d| format!("{d} "))
        .unwrap_or_default();
    help.push_str(&format!(
        "(`briefing templates` lists them; a site's own partials go in templates/{PARTIALS_DIR}/)"
    ));
    Err(Error::Template(
        Diagnostic::error(
            Location::file(&source.path),
            format!("`{}` is not the name of a built-in template", source.name),
        )
        .with_help(help),
    ))
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
    fn every_builtin_says_what_it_renders() {
        for (name, _) in BUILTIN_TEMPLATES {
            assert!(purpose(name).is_some(), "{name} has no purpose line");
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
        let Error::Template(d) = &err else {
            panic!("{err}")
        };
        assert_eq!(d.location.path, PathBuf::from("templates/404.html"));
        assert_eq!(d.location.line, Some(2));
    }

    fn load_error(overrides: Vec<TemplateSource>) -> String {
        match Templates::load(overrides) {
            Err(e) => crate::error::chain(&e),
            Ok(_) => panic!("expected an error"),
        }
    }

    fn render_error(text: &str, context: &tera::Context) -> String {
        let t = Templates::load(vec![source("404.html", text)]).unwrap();
        let e = t.tera.render("404.html", context).unwrap_err();
        crate::error::chain(&t.error_in(&e, "404.html"))
    }

    #[test]
    fn unknown_names_in_templates_suggest_the_closest() {
        assert_eq!(
            load_error(vec![source("404.html", "{{ site.title | upcase }}")]),
            "templates/404.html:1:17: error: unknown filter `upcase`\n  help: did you mean `upper`?"
        );
        assert_eq!(
            load_error(vec![source("404.html", "{{ x | lenght }}")]),
            "templates/404.html:1:8: error: unknown filter `lenght`\n  help: did you mean `length`?"
        );
        assert_eq!(
            load_error(vec![source("404.html", "{% if x is defind %}{% endif %}")]),
            "templates/404.html:1:12: error: unknown test `defind`\n  help: did you mean `defined`?"
        );
        assert_eq!(
            load_error(vec![source("404.html", "x\n{% include \"hed.html\" %}")]),
            "templates/404.html:2:12: error: no template named `hed.html`\n  help: did you mean `head.html`?"
        );
        assert_eq!(
            load_error(vec![source("404.html", "{% extends \"bse.html\" %}")]),
            "templates/404.html:1: error: `404.html` extends `bse.html`, which does not exist\n  help: did you mean `base.html`?"
        );
        assert_eq!(
            load_error(vec![source(
                "404.html",
                "{% for i in rang(end=3) %}{% endfor %}"
            )]),
            "templates/404.html:1:13: error: unknown function `rang`\n  help: did you mean `range`?"
        );
        assert_eq!(
            load_error(vec![source("404.html", "{% iff x %}{% endif %}")]),
            "templates/404.html:1:4: error: unknown tag `iff`\n  help: did you mean `if`?"
        );
    }

    #[test]
    fn unknown_fields_and_variables_suggest_the_closest() {
        let mut context = tera::Context::new();
        context.insert("site", &serde_json::json!({"title": "T", "base_url": "/"}));
        context.insert("page", &serde_json::json!({"title": "P"}));
        assert_eq!(
            render_error("{{ site.titel }}", &context),
            "templates/404.html:1:9: error: `site` has no field `titel`\n  help: did you mean `title`?"
        );
        assert_eq!(
            render_error("\n{{ pgae.title }}", &context),
            "templates/404.html:2:4: error: unknown variable `pgae`\n  help: did you mean `page`?"
        );
    }

    #[test]
    fn a_site_template_must_match_a_builtin_or_be_a_partial() {
        assert_eq!(
            load_error(vec![source("artcle.html", "x")]),
            "templates/artcle.html: error: `artcle.html` is not the name of a built-in template\n  help: did you mean `article.html`? (`briefing templates` lists them; a site's own partials go in templates/partials/)"
        );
        assert!(load_error(vec![source("card.htm", "x")]).contains("did you mean `card.html`?"));
        let partial = source("partials/byline.html", "by {{ who }}");
        let uses = source("404.html", "{% include \"partials/byline.html\" %}");
        let t = Templates::load(vec![partial, uses]).unwrap();
        let mut context = tera::Context::new();
        context.insert("who", "me");
        assert_eq!(t.tera.render("404.html", &context).unwrap(), "by me");
    }

    #[test]
    fn the_filters_tests_and_functions_suggested_exist() {
        use super::template_error::{FILTERS, FUNCTIONS, TESTS};
        let compiles = |text: String| {
            let e = Templates::load(vec![source("404.html", &text)]).err();
            let said = e.map(|e| e.to_string()).unwrap_or_default();
            assert!(!said.starts_with("unknown"), "{text}: {said}");
        };
        for f in FILTERS {
            compiles(format!("{{{{ x | {f} }}}}"));
        }
        for t in TESTS {
            compiles(format!("{{% if x is {t} %}}{{% endif %}}"));
        }
        for f in FUNCTIONS {
            compiles(format!("{{{{ {f}() }}}}"));
        }
    }
}
