//! Reading a JSON file of the output: is it well-formed, and for a JSON
//! Feed, which URLs does it reference and are its item ids unique.
//!
//! Pure: text in, [`DocRefs`] out. Other JSON files (a search index, say)
//! are only checked for being well-formed.

use std::collections::BTreeSet;

use serde_json::Value;

use super::html::scan_html;
use super::problem::{Format, Kind};
use super::refs::{DocLink, DocRefs};

/// What a JSON Feed's `version` starts with.
const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/";

/// Checks that `text` is well-formed JSON; for a JSON Feed, reads its URLs
/// and checks the fields every reader needs.
pub(crate) fn scan_json(text: &str) -> DocRefs {
    let mut refs = DocRefs::default();
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            let at = (to_u32(e.line()), to_u32(e.column()));
            refs.problems.push(Kind::Malformed {
                format: Format::Json,
                at: Some(at),
                reason: e.to_string(),
            });
            return refs;
        }
    };
    let is_feed = value["version"]
        .as_str()
        .is_some_and(|v| v.starts_with(JSON_FEED_VERSION));
    if is_feed {
        scan_feed(&value, &mut refs);
    }
    refs
}

fn scan_feed(feed: &Value, refs: &mut DocRefs) {
    if feed["title"].as_str().is_none() {
        refs.problems.push(Kind::JsonFeedLacks {
            item: None,
            what: "no title",
        });
    }
    for key in ["home_page_url", "feed_url", "icon", "favicon"] {
        push_url(refs, &feed[key], None);
    }
    let Some(items) = feed["items"].as_array() else {
        refs.problems.push(Kind::JsonFeedLacks {
            item: None,
            what: "no items array",
        });
        return;
    };
    let mut ids = BTreeSet::new();
    for (n, item) in items.iter().enumerate() {
        match item["id"].as_str() {
            Some(id) if !ids.insert(id.to_string()) => {
                refs.problems.push(Kind::Duplicate {
                    what: "item id",
                    value: id.to_string(),
                });
            }
            Some(_) => {}
            None => refs.problems.push(Kind::JsonFeedLacks {
                item: Some(n),
                what: "no id",
            }),
        }
        if item["content_html"].is_null() && item["content_text"].is_null() {
            refs.problems.push(Kind::JsonFeedLacks {
                item: Some(n),
                what: "neither content_html nor content_text",
            });
        }
        for key in ["url", "image", "banner_image"] {
            push_url(refs, &item[key], None);
        }
        let base = item["url"].as_str().map(str::to_string);
        if let Some(html) = item["content_html"].as_str() {
            for url in scan_html(html).links {
                refs.links.push(DocLink {
                    url,
                    base: base.clone(),
                });
            }
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn push_url(refs: &mut DocRefs, value: &Value, base: Option<String>) {
    if let Some(url) = value.as_str() {
        refs.links.push(DocLink {
            url: url.to_string(),
            base,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_feed_urls_and_content_links_are_read() {
        let refs = scan_json(
            r#"{"version":"https://jsonfeed.org/version/1.1","title":"T",
            "home_page_url":"/r/","feed_url":"/r/feed.json",
            "items":[{"id":"a","url":"/r/a/","content_html":"<a href=\"b/\">b</a>"}]}"#,
        );
        assert!(refs.problems.is_empty(), "{:?}", refs.problems);
        let links: Vec<_> = refs
            .links
            .iter()
            .map(|l| (l.url.as_str(), l.base.as_deref()))
            .collect();
        assert_eq!(
            links,
            vec![
                ("/r/", None),
                ("/r/feed.json", None),
                ("/r/a/", None),
                ("b/", Some("/r/a/"))
            ]
        );
    }

    #[test]
    fn json_feed_problems_are_named() {
        let refs = scan_json(
            r#"{"version":"https://jsonfeed.org/version/1.1",
            "items":[{"id":"a","content_text":"x"},{"id":"a"},{}]}"#,
        );
        let lacks = |item, what| Kind::JsonFeedLacks { item, what };
        assert_eq!(
            refs.problems,
            vec![
                lacks(None, "no title"),
                Kind::Duplicate {
                    what: "item id",
                    value: "a".into()
                },
                lacks(Some(1), "neither content_html nor content_text"),
                lacks(Some(2), "no id"),
                lacks(Some(2), "neither content_html nor content_text"),
            ]
        );
        assert_eq!(
            refs.problems[3].to_string(),
            "JSON Feed item 2 has no id",
            "the message a reader sees"
        );
    }

    #[test]
    fn other_json_is_only_checked_for_syntax() {
        assert!(scan_json(r#"{"pages":[1,2]}"#).problems.is_empty());
        let refs = scan_json("{\"a\": [1,\n 2,]}");
        assert_eq!(refs.problems.len(), 1);
        assert!(
            matches!(
                refs.problems[0],
                Kind::Malformed {
                    format: Format::Json,
                    at: Some((2, _)),
                    ..
                }
            ),
            "{:?}",
            refs.problems
        );
        assert!(
            refs.problems[0]
                .to_string()
                .starts_with("not well-formed JSON at 2:")
        );
    }
}
