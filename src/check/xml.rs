//! Reading an XML file of the output (Atom, RSS, sitemap): is it
//! well-formed, which URLs does it reference, are its entry ids unique.
//!
//! Pure: text in, [`DocRefs`] out. The only user of `quick-xml`. HTML
//! carried inside a feed entry (`<content type="html">`, RSS
//! `<description>` and `<content:encoded>`) is scanned as HTML, its links
//! resolved against the entry's `xml:base` or its link.

use std::collections::BTreeSet;

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};

use super::html::scan_html;
use super::problem::{Format, Kind};
use super::refs::{DocLink, DocRefs};
use crate::html::is_xml_char;

/// One open element and what its text will be used for.
#[derive(Debug, Default)]
struct Open {
    /// Local name, without a namespace prefix.
    name: String,
    /// Its text so far, entities resolved.
    text: String,
    /// `xml:base`, when given.
    base: Option<String>,
    /// Atom `type` attribute (`text`, `html`, `xhtml`).
    kind: Option<String>,
    /// RSS `guid isPermaLink="false"`.
    not_a_link: bool,
}

/// A feed entry being read: its link and the HTML it carries.
#[derive(Debug, Default)]
struct Entry {
    link: Option<String>,
    html: Vec<(String, Option<String>)>,
}

#[derive(Debug, Default)]
struct Scanner {
    refs: DocRefs,
    stack: Vec<Open>,
    entry: Option<Entry>,
    entry_ids: BTreeSet<String>,
    locations: BTreeSet<String>,
    roots: usize,
}

/// Checks that `text` is well-formed XML and reads the URLs it references.
pub(crate) fn scan_xml(text: &str) -> DocRefs {
    if let Some((offset, c)) = text.char_indices().find(|&(_, c)| !is_xml_char(c)) {
        let (line, column) = crate::error::line_col(text, offset);
        let mut refs = DocRefs::default();
        refs.problems.push(malformed(
            Some((line, column)),
            format!("character U+{:04X} is not allowed in XML", u32::from(c)),
        ));
        return refs;
    }
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut scanner = Scanner::default();
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(event) => event,
            Err(e) => {
                let offset = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                let (line, column) = crate::error::line_col(text, offset);
                scanner.problem(malformed(Some((line, column)), e.to_string()));
                return scanner.refs;
            }
        };
        if let Err(kind) = scanner.event(event) {
            scanner.problem(kind);
            return scanner.refs;
        }
    }
    if let Some(open) = scanner.stack.last() {
        let kind = malformed(None, format!("<{}> is never closed", open.name));
        scanner.problem(kind);
    } else if scanner.roots != 1 {
        let roots = scanner.roots;
        scanner.problem(malformed(
            None,
            format!("{roots} root elements, expected one"),
        ));
    }
    scanner.refs
}

/// The XML is not well-formed, at `at` when the parser says where.
fn malformed(at: Option<(u32, u32)>, reason: String) -> Kind {
    Kind::Malformed {
        format: Format::Xml,
        at,
        reason,
    }
}

impl Scanner {
    fn problem(&mut self, kind: Kind) {
        self.refs.problems.push(kind);
    }

    fn event(&mut self, event: Event<'_>) -> Result<(), Kind> {
        match event {
            Event::Start(tag) => self.start(&tag)?,
            Event::Empty(tag) => {
                self.start(&tag)?;
                self.end();
            }
            Event::End(_) => self.end(),
            Event::Text(text) => self.text(&text.xml10_content())?,
            Event::CData(data) => self.text(&data.xml10_content())?,
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => resolve_predefined_entity(&reference)
                        .ok_or_else(|| {
                            Kind::BadMarkup(format!("undefined entity &{};", &*reference))
                        })?
                        .to_string(),
                    Err(e) => {
                        return Err(Kind::BadMarkup(format!("bad character reference: {e}")));
                    }
                };
                self.text(&resolved)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn start(&mut self, tag: &BytesStart<'_>) -> Result<(), Kind> {
        if self.stack.is_empty() {
            self.roots += 1;
        }
        let name = tag.local_name().as_ref().to_string();
        let mut open = Open {
            name: name.clone(),
            ..Open::default()
        };
        let mut rel = None;
        let mut href = None;
        for attr in tag.attributes() {
            let attr =
                attr.map_err(|e| Kind::BadMarkup(format!("bad attribute on <{name}>: {e}")))?;
            let key = attr.key.as_ref().to_string();
            let value = attr
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| Kind::BadMarkup(format!("bad attribute {key} on <{name}>: {e}")))?
                .into_owned();
            match key.as_str() {
                "xml:base" => open.base = Some(value),
                "type" => open.kind = Some(value),
                "isPermaLink" => open.not_a_link = value == "false",
                "rel" => rel = Some(value),
                "href" => href = Some(value),
                "src" | "url" => self.link(value, None),
                _ => {}
            }
        }
        if let Some(href) = href {
            let alternate = rel.as_deref().is_none_or(|r| r == "alternate");
            if name == "link"
                && alternate
                && let Some(entry) = &mut self.entry
            {
                entry.link.get_or_insert(href.clone());
            }
            self.link(href, None);
        }
        if matches!(name.as_str(), "entry" | "item") {
            self.entry = Some(Entry::default());
        }
        self.stack.push(open);
        Ok(())
    }

    fn text(&mut self, text: &str) -> Result<(), Kind> {
        match self.stack.last_mut() {
            Some(open) => open.text.push_str(text),
            None if text.trim().is_empty() => {}
            None => return Err(malformed(None, "text outside the root element".into())),
        }
        Ok(())
    }

    fn end(&mut self) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        let parent = self.stack.last().map(|p| p.name.as_str()).unwrap_or("");
        let text = open.text.trim().to_string();
        match open.name.as_str() {
            "loc" => {
                if !self.locations.insert(text.clone()) {
                    self.problem(Kind::Duplicate {
                        what: "sitemap URL",
                        value: text.clone(),
                    });
                }
                self.link(text, None);
            }
            "link" if !text.is_empty() => {
                if let Some(entry) = &mut self.entry {
                    entry.link.get_or_insert(text.clone());
                }
                self.link(text, None);
            }
            "guid" | "id" if matches!(parent, "item" | "entry") => {
                if !self.entry_ids.insert(text.clone()) {
                    self.problem(Kind::Duplicate {
                        what: "entry id",
                        value: text.clone(),
                    });
                }
                if open.name == "guid" && !open.not_a_link {
                    self.link(text, None);
                }
            }
            "content" | "summary" if open.kind.as_deref() == Some("html") => {
                self.html(open.text, open.base);
            }
            "description" | "encoded" => self.html(open.text, open.base),
            "entry" | "item" => self.end_entry(),
            _ => {}
        }
    }

    fn html(&mut self, html: String, base: Option<String>) {
        match &mut self.entry {
            Some(entry) => entry.html.push((html, base)),
            None => {
                for url in scan_html(&html).links {
                    self.link(url, base.clone());
                }
            }
        }
    }

    fn end_entry(&mut self) {
        let Some(entry) = self.entry.take() else {
            return;
        };
        for (html, base) in entry.html {
            let base = base.or_else(|| entry.link.clone());
            for url in scan_html(&html).links {
                self.link(url, base.clone());
            }
        }
    }

    fn link(&mut self, url: String, base: Option<String>) {
        self.refs.links.push(DocLink { url, base });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(refs: &DocRefs) -> Vec<(&str, Option<&str>)> {
        refs.links
            .iter()
            .map(|l| (l.url.as_str(), l.base.as_deref()))
            .collect()
    }

    #[test]
    fn atom_links_and_entry_content_are_read() {
        let refs = scan_xml(
            "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\
             <link rel=\"self\" href=\"/r/atom.xml\"/>\
             <entry><id>tag:x,2025:1</id><link href=\"/r/a/\"/>\
             <content type=\"html\">&lt;a href=&quot;pic.png&quot;&gt;x&lt;/a&gt;</content></entry>\
             </feed>",
        );
        assert!(refs.problems.is_empty(), "{:?}", refs.problems);
        assert_eq!(
            urls(&refs),
            vec![
                ("/r/atom.xml", None),
                ("/r/a/", None),
                ("pic.png", Some("/r/a/"))
            ]
        );
    }

    #[test]
    fn rss_items_use_their_link_as_base_and_guids_must_be_unique() {
        let refs = scan_xml(
            "<rss><channel><link>https://x.org/</link>\
             <item><link>https://x.org/a/</link><guid>https://x.org/a/</guid>\
             <description><![CDATA[<img src=\"i.png\">]]></description></item>\
             <item><guid isPermaLink=\"false\">https://x.org/a/</guid></item>\
             </channel></rss>",
        );
        assert_eq!(
            urls(&refs),
            vec![
                ("https://x.org/", None),
                ("https://x.org/a/", None),
                ("https://x.org/a/", None),
                ("i.png", Some("https://x.org/a/"))
            ]
        );
        assert_eq!(
            refs.problems,
            vec![Kind::Duplicate {
                what: "entry id",
                value: "https://x.org/a/".into()
            }]
        );
    }

    #[test]
    fn sitemap_locations_are_links_and_unique() {
        let refs = scan_xml(
            "<urlset><url><loc>https://x.org/a/</loc></url><url><loc>https://x.org/a/</loc></url></urlset>",
        );
        assert_eq!(refs.links.len(), 2);
        assert_eq!(
            refs.problems,
            vec![Kind::Duplicate {
                what: "sitemap URL",
                value: "https://x.org/a/".into()
            }]
        );
        assert_eq!(
            refs.problems[0].to_string(),
            "duplicate sitemap URL https://x.org/a/"
        );
    }

    #[test]
    fn malformed_xml_is_reported_with_its_position() {
        for (bad, at, expected) in [
            ("<a><b></a>", Some(1), "not well-formed XML at 1:"),
            ("<a>&nbsp;</a>", None, "undefined entity &nbsp;"),
            ("<a>", None, "<a> is never closed"),
            ("<a/><b/>", None, "2 root elements"),
            ("<a x=\"1\" x=\"2\"/>", None, "bad attribute"),
            ("<a>\n b\u{1}</a>", Some(2), "at 2:3: character U+0001"),
        ] {
            let refs = scan_xml(bad);
            assert_eq!(refs.problems.len(), 1, "{bad}: {:?}", refs.problems);
            let problem = &refs.problems[0];
            assert_eq!(problem.position().map(|(line, _)| line), at, "{bad}");
            assert!(problem.to_string().contains(expected), "{bad}: {problem:?}");
        }
    }
}
