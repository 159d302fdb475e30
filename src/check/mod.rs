//! Verifying a built site: every internal link, anchor and asset reference
//! resolves, feeds and sitemap are well-formed, ids are unique.
//!
//! `html::scan_html` is pure (one page's text in, its ids and links out, read
//! with html5ever's tokenizer rather than by pattern matching), and so are
//! `xml::scan_xml` (feeds, sitemap) and `json::scan_json` (JSON Feed);
//! [`check_site`] reads a whole output folder and reports each problem with
//! the file it was found in.

mod html;
mod json;
mod problem;
mod refs;
mod xml;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;

use crate::error::Error;
use html::scan_html;

pub use problem::{Kind, Problem};
use refs::{DocLink, DocRefs};

use crate::urls::{Urls, percent_decode};

/// Where an internal link points: a file in the output and maybe an anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The file, relative to the output folder (`index.html` filled in).
    pub file: String,
    /// The `#fragment`, percent-decoded, if any.
    pub fragment: Option<String>,
}

/// Resolves `link` found on `page` (relative to the output folder) against
/// the site's URLs. `None` for links leaving the site (other hosts,
/// `mailto:`…); `Err` for internal links that cannot exist, such as one
/// outside the site's path prefix.
pub fn resolve(link: &str, page: &str, urls: &Urls) -> Option<Result<Target, Kind>> {
    let link = link.trim();
    let (without_fragment, fragment) = match link.split_once('#') {
        Some((path, fragment)) => (path, Some(percent_decode(fragment))),
        None => (link, None),
    };
    let path = without_fragment.split('?').next().unwrap_or_default();
    let site_path = if let Some(rest) = path.strip_prefix(urls.base()) {
        format!("/{rest}")
    } else if path.contains(':') || path.starts_with("//") {
        return None;
    } else if let Some(rooted) = path.strip_prefix(urls.root()) {
        format!("/{rooted}")
    } else if path.starts_with('/') {
        return Some(Err(Kind::OutsidePath {
            link: link.to_string(),
            root: urls.root().to_string(),
        }));
    } else if path.is_empty() {
        format!("/{page}")
    } else {
        let dir = page.rsplit_once('/').map_or("", |(dir, _)| dir);
        format!("/{dir}/{path}")
    };
    let Some(file) = normalize(&percent_decode(&site_path)) else {
        return Some(Err(Kind::AboveRoot {
            link: link.to_string(),
        }));
    };
    Some(Ok(Target { file, fragment }))
}

/// Collapses `.` and `..`, drops the leading `/`, and names the index file
/// of a folder URL.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut file = parts.join("/");
    if path.ends_with('/') || file.is_empty() {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    Some(file)
}

/// What reading one file of the output found.
struct Scanned {
    /// The ids an HTML page defines (`None` for data files).
    ids: Option<BTreeSet<String>>,
    /// Its links and problems.
    refs: DocRefs,
}

/// Reads `text`, the file `name` of the output, by its kind; `None` for
/// files that are not checked (stylesheets, images…).
fn scan_file(name: &str, text: &str) -> Option<Scanned> {
    let extension = name.rsplit_once('.').map_or("", |(_, ext)| ext);
    match extension {
        "html" => {
            let page = scan_html(text);
            let refs = DocRefs {
                links: page
                    .links
                    .into_iter()
                    .map(|url| DocLink { url, base: None })
                    .collect(),
                problems: page
                    .duplicate_ids
                    .iter()
                    .map(|id| Kind::DuplicateId(id.clone()))
                    .collect(),
            };
            Some(Scanned {
                ids: Some(page.ids),
                refs,
            })
        }
        "xml" => Some(Scanned {
            ids: None,
            refs: xml::scan_xml(text),
        }),
        "json" => Some(Scanned {
            ids: None,
            refs: json::scan_json(text),
        }),
        _ => None,
    }
}

/// Checks the site in `output_dir`, published under `urls`: every internal
/// link, anchor and asset reference in its pages, feeds and sitemap; that
/// feeds and sitemap are well-formed; that ids are unique.
pub fn check_site(output_dir: &Path, urls: &Urls) -> Result<Vec<Problem>, Error> {
    let files: BTreeSet<String> = crate::discover::files_under(output_dir)?
        .iter()
        .filter_map(|p| p.to_str().map(|s| s.replace('\\', "/")))
        .collect();
    let names: Vec<&String> = files.iter().collect();
    let scanned: Vec<(&String, Scanned)> = names
        .par_iter()
        .map(|name| {
            let bytes = crate::fs::read(&output_dir.join(name.as_str()))?;
            let text = String::from_utf8_lossy(&bytes);
            Ok(scan_file(name, &text).map(|scanned| (*name, scanned)))
        })
        .filter_map(Result::transpose)
        .collect::<Result<_, Error>>()?;
    let ids: BTreeMap<&str, &BTreeSet<String>> = scanned
        .iter()
        .filter_map(|(page, s)| s.ids.as_ref().map(|ids| (page.as_str(), ids)))
        .collect();
    let mut problems = Vec::new();
    for (page, scanned) in &scanned {
        let mut report = |kind: Kind| problems.push(Problem::new(page, kind));
        scanned.refs.problems.iter().cloned().for_each(&mut report);
        for link in &scanned.refs.links {
            let from = match &link.base {
                None => (*page).clone(),
                Some(base) => match resolve(base, page, urls) {
                    Some(Ok(target)) => target.file,
                    // Relative to another site, or to a broken base that
                    // is reported as a link of its own.
                    _ => continue,
                },
            };
            if let Some(kind) = check_link(&link.url, &from, urls, &files, &ids) {
                report(kind);
            }
        }
    }
    // By file, then by what a reader sees; a fault reported twice (the
    // same link twice on a page) is listed once.
    let mut keyed: Vec<((String, String), Problem)> = problems
        .into_iter()
        .map(|p| ((p.file(), p.kind.to_string()), p))
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    Ok(keyed.into_iter().map(|(_, p)| p).collect())
}

/// Output paths written more than once (two pages with the same slug, say):
/// one page silently replaced the other.
pub fn duplicate_paths(paths: &[String]) -> Vec<Problem> {
    let mut sorted: Vec<&String> = paths.iter().collect();
    sorted.sort();
    let mut problems: Vec<Problem> = sorted
        .windows(2)
        .filter(|pair| pair[0] == pair[1])
        .map(|pair| Problem::new(pair[0], Kind::DuplicatePath))
        .collect();
    problems.dedup();
    problems
}

fn check_link(
    link: &str,
    page: &str,
    urls: &Urls,
    files: &BTreeSet<String>,
    ids: &BTreeMap<&str, &BTreeSet<String>>,
) -> Option<Kind> {
    let target = match resolve(link, page, urls)? {
        Ok(target) => target,
        Err(kind) => return Some(kind),
    };
    let file = if files.contains(&target.file) {
        target.file
    } else if files.contains(&format!("{}/index.html", target.file)) {
        format!("{}/index.html", target.file)
    } else {
        return Some(Kind::BrokenLink {
            link: link.to_string(),
            file: target.file,
        });
    };
    match target.fragment.as_deref() {
        None | Some("") | Some("top") => None,
        Some(fragment) => match ids.get(file.as_str()) {
            Some(page_ids) if page_ids.contains(fragment) => None,
            Some(_) => Some(Kind::MissingAnchor {
                link: link.to_string(),
                file,
                id: fragment.to_string(),
            }),
            None => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls() -> Urls {
        Urls::new("https://u.github.io/repo/")
    }

    fn target(file: &str, fragment: Option<&str>) -> Option<Result<Target, Kind>> {
        Some(Ok(Target {
            file: file.to_string(),
            fragment: fragment.map(str::to_string),
        }))
    }

    #[test]
    fn resolves_root_relative_absolute_and_relative_links() {
        let u = urls();
        assert_eq!(
            resolve("/repo/articles/x/", "index.html", &u),
            target("articles/x/index.html", None)
        );
        assert_eq!(
            resolve("https://u.github.io/repo/style.css", "index.html", &u),
            target("style.css", None)
        );
        assert_eq!(
            resolve("../y/#top", "articles/x/index.html", &u),
            target("articles/y/index.html", Some("top"))
        );
        assert_eq!(
            resolve("#p%20q", "a/index.html", &u),
            target("a/index.html", Some("p q"))
        );
        assert_eq!(resolve("https://elsewhere.org/", "index.html", &u), None);
        assert_eq!(resolve("mailto:a@b.c", "index.html", &u), None);
        assert!(matches!(
            resolve("/other/", "index.html", &u),
            Some(Err(Kind::OutsidePath { .. }))
        ));
        assert!(matches!(
            resolve("../../..", "a/index.html", &u),
            Some(Err(Kind::AboveRoot { .. }))
        ));
    }

    #[test]
    fn check_site_reports_missing_pages_and_anchors() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::write(out.join("a/index.html"), "<h2 id=\"here\">x</h2>").unwrap();
        std::fs::write(
            out.join("index.html"),
            "<a href=\"/repo/a/#here\">ok</a><a href=\"/repo/a/#gone\">no anchor</a><a href=\"/repo/b/\">no page</a><img src=\"/repo/a\">",
        )
        .unwrap();
        let problems = check_site(out, &urls()).unwrap();
        let kinds: Vec<&Kind> = problems.iter().map(|p| &p.kind).collect();
        assert_eq!(
            kinds,
            [
                &Kind::BrokenLink {
                    link: "/repo/b/".into(),
                    file: "b/index.html".into()
                },
                &Kind::MissingAnchor {
                    link: "/repo/a/#gone".into(),
                    file: "a/index.html".into(),
                    id: "gone".into()
                },
            ]
        );
        assert!(problems.iter().all(|p| p.file() == "index.html"));
    }
}
