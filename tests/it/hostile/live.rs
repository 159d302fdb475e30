//! Finding script that would run in a reader's browser: every HTML page,
//! the HTML a feed carries, and the URL fields of JSON files, read with
//! parsers (html5ever's tokenizer, quick-xml, serde_json), never by pattern
//! matching over the raw text. Escaped text (`&lt;script&gt;`) is data, not
//! script, and is fine.
//!
//! Written for the tests, independently of `briefing::check`.

use std::cell::RefCell;
use std::path::Path;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};

use crate::support::tree;

/// Elements that load or run something from an author's URL. (A `<form>`
/// is ours: the search box; its `action` is checked like any URL.)
const ACTIVE_ELEMENTS: [&str; 7] = [
    "iframe", "object", "embed", "base", "frame", "frameset", "applet",
];

/// Attributes whose value is a URL a browser may navigate to or load.
const URL_ATTRIBUTES: [&str; 13] = [
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "srcset",
    "cite",
    "longdesc",
    "ping",
    "manifest",
];

/// A URL scheme that runs script or renders author HTML: the value as a
/// browser reads it (ASCII whitespace and control characters dropped, case
/// folded).
pub fn is_dangerous_url(value: &str) -> bool {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_ascii_control() && *c != ' ')
        .flat_map(char::to_lowercase)
        .collect();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| squeezed.starts_with(scheme))
}

/// Whether a `<script>` is one the templates write: a JSON-LD data block,
/// the search script or the live-reload script.
fn is_our_script(tag: &Tag) -> bool {
    let attr = |name: &str| {
        tag.attrs
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| a.value.to_string())
    };
    if attr("type").as_deref() == Some("application/ld+json") {
        return true;
    }
    attr("src").is_some_and(|src| {
        let file = src.rsplit('/').next().unwrap_or_default();
        (file.starts_with("search") && file.ends_with(".js"))
            || src.ends_with("/__briefing/live.js")
    })
}

struct LiveSink {
    found: RefCell<Vec<String>>,
}

impl TokenSink for LiveSink {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        self.check(&tag, line);
        // Switch the tokenizer as a tree builder would, so that the text of
        // <title>, <textarea>, <style>… is read as text.
        match &*tag.name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "noscript" | "xmp" | "iframe" | "noembed" | "noframes" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            _ => TokenSinkResult::Continue,
        }
    }
}

impl LiveSink {
    fn check(&self, tag: &Tag, line: u64) {
        let mut found = self.found.borrow_mut();
        let name = &*tag.name;
        if name == "script" && !is_our_script(tag) {
            found.push(format!("line {line}: <script> {:?}", attrs(tag)));
        }
        if ACTIVE_ELEMENTS.contains(&name) {
            found.push(format!("line {line}: <{name}> {:?}", attrs(tag)));
        }
        for attr in &tag.attrs {
            let key = &*attr.name.local;
            let value = &*attr.value;
            let refresh = name == "meta"
                && key == "content"
                && is_refresh(tag)
                && value
                    .split_once(['=', ','])
                    .or_else(|| value.split_once(';'))
                    .is_some_and(|(_, url)| is_dangerous_url(url.trim_start_matches(['\'', '"'])));
            let handler = key.to_ascii_lowercase().starts_with("on");
            if handler || (URL_ATTRIBUTES.contains(&key) && is_dangerous_url(value)) {
                found.push(format!("line {line}: <{name} {key}={value:?}>"));
            } else if key == "style" && value.to_ascii_lowercase().contains("javascript:") {
                found.push(format!("line {line}: <{name} style={value:?}>"));
            } else if refresh {
                found.push(format!(
                    "line {line}: <meta http-equiv=refresh content={value:?}>"
                ));
            }
        }
    }
}

/// Whether a `<meta>` is a refresh (a redirect page is fine; a refresh to a
/// script URL is not).
fn is_refresh(tag: &Tag) -> bool {
    tag.attrs
        .iter()
        .any(|a| &*a.name.local == "http-equiv" && a.value.trim().eq_ignore_ascii_case("refresh"))
}

fn attrs(tag: &Tag) -> Vec<String> {
    tag.attrs
        .iter()
        .map(|a| format!("{}={}", &*a.name.local, &*a.value))
        .collect()
}

/// Live payloads in an HTML document or fragment.
pub fn live_in_html(html: &str) -> Vec<String> {
    let sink = LiveSink {
        found: RefCell::new(Vec::new()),
    };
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.found.into_inner()
}

/// Live payloads in a feed or sitemap: the HTML of Atom `content`/`summary`
/// (type `html`) and RSS `description`/`content:encoded`, and URL
/// attributes and link elements with a dangerous scheme. Malformed XML is
/// reported too.
pub fn live_in_xml(text: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut found = Vec::new();
    // (local name, carries HTML, text so far)
    let mut stack: Vec<(String, bool, String)> = Vec::new();
    loop {
        match reader.read_event() {
            Err(e) => {
                found.push(format!("malformed XML: {e}"));
                break;
            }
            Ok(Event::Eof) => break,
            Ok(Event::Start(start)) => {
                let (local, kind) = xml_tag(&start, &mut found);
                let html = match local.as_str() {
                    "content" | "summary" => kind.as_deref() != Some("text"),
                    "description" | "encoded" => true,
                    _ => false,
                };
                stack.push((local, html, String::new()));
            }
            Ok(Event::Empty(start)) => {
                xml_tag(&start, &mut found);
            }
            Ok(Event::Text(text)) => push_text(&mut stack, &text.xml10_content()),
            Ok(Event::CData(data)) => push_text(&mut stack, &data.xml10_content()),
            Ok(Event::GeneralRef(reference)) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => resolve_predefined_entity(&reference)
                        .unwrap_or_default()
                        .to_string(),
                };
                push_text(&mut stack, &resolved);
            }
            Ok(Event::End(_)) => {
                if let Some((local, html, text)) = stack.pop() {
                    if html {
                        found.extend(
                            live_in_html(&text)
                                .into_iter()
                                .map(|p| format!("<{local}> {p}")),
                        );
                    } else if matches!(local.as_str(), "link" | "loc" | "id" | "guid" | "url")
                        && is_dangerous_url(&text)
                    {
                        found.push(format!("<{local}>{text}</{local}>"));
                    }
                }
            }
            Ok(_) => {}
        }
    }
    found
}

/// Appends text to the innermost open element.
fn push_text(stack: &mut [(String, bool, String)], text: &str) {
    if let Some(open) = stack.last_mut() {
        open.2.push_str(text);
    }
}

/// A tag's local name and `type` attribute; URL attributes with a
/// dangerous scheme go to `found`.
fn xml_tag(start: &BytesStart<'_>, found: &mut Vec<String>) -> (String, Option<String>) {
    let local = start.local_name().as_ref().to_string();
    let mut kind = None;
    for attr in start.attributes().flatten() {
        let key = attr.key.local_name().as_ref().to_string();
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_default();
        if matches!(key.as_str(), "href" | "src" | "url") && is_dangerous_url(&value) {
            found.push(format!("<{local} {key}={value:?}>"));
        }
        if key == "type" {
            kind = Some(value);
        }
    }
    (local, kind)
}

/// Live payloads in a JSON file: HTML fields (`content_html`) scanned as
/// HTML, URL fields (`*url`, `image`, `icon`…) checked for their scheme.
pub fn live_in_json(text: &str) -> Vec<String> {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => return vec![format!("malformed JSON: {e}")],
    };
    let mut found = Vec::new();
    walk_json(&value, "", &mut found);
    found
}

fn walk_json(value: &serde_json::Value, key: &str, found: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                walk_json(v, k, found);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                walk_json(item, key, found);
            }
        }
        serde_json::Value::String(text) => {
            if key.ends_with("_html") {
                found.extend(
                    live_in_html(text)
                        .into_iter()
                        .map(|p| format!("{key}: {p}")),
                );
            } else if (key.ends_with("url")
                || matches!(key, "image" | "banner_image" | "icon" | "favicon"))
                && is_dangerous_url(text)
            {
                found.push(format!("{key}: {text:?}"));
            }
        }
        _ => {}
    }
}

/// Every live payload in the output folder `dir`, as `file: what`.
pub fn live_in_output(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (rel, bytes) in tree(dir) {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let problems = if rel.ends_with(".html") {
            live_in_html(text)
        } else if rel.ends_with(".xml") {
            live_in_xml(text)
        } else if rel.ends_with(".json") {
            live_in_json(text)
        } else {
            Vec::new()
        };
        found.extend(problems.into_iter().map(|p| format!("{rel}: {p}")));
    }
    found
}

#[test]
fn the_scanner_tells_live_script_from_escaped_text() {
    assert!(live_in_html("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>").is_empty());
    assert!(live_in_html("<title><script>alert(1)</script></title>").is_empty());
    assert!(
        live_in_html("<script type=\"application/ld+json\">{\"a\":\"\\u003c\"}</script>")
            .is_empty()
    );
    assert!(live_in_html("<script src=\"/search.0123abcd.js\" defer></script>").is_empty());
    assert_eq!(live_in_html("<p><script>alert(1)</script></p>").len(), 1);
    assert_eq!(live_in_html("<img src=x onerror=alert(1)>").len(), 1);
    assert_eq!(
        live_in_html("<a href=\" JaVa&#9;Script:alert(1)\">x</a>").len(),
        1
    );
    assert_eq!(live_in_html("<h2 id=x onclick=alert(1)>x</h2>").len(), 1);
    assert_eq!(
        live_in_html("<iframe src=\"https://x.example/\"></iframe>").len(),
        1
    );
    assert!(
        live_in_xml(
            "<feed><entry><content type=\"html\">&lt;p&gt;&amp;lt;script&amp;gt;&lt;/p&gt;</content></entry></feed>"
        )
        .is_empty()
    );
    assert_eq!(
        live_in_xml(
            "<feed><entry><content type=\"html\">&lt;script&gt;alert(1)&lt;/script&gt;</content></entry></feed>"
        )
        .len(),
        1
    );
    assert_eq!(
        live_in_json("{\"items\":[{\"content_html\":\"<a href='javascript:x'>x</a>\"}]}").len(),
        1
    );
    assert_eq!(live_in_json("{\"source_url\":\"javascript:x\"}").len(), 1);
    assert!(live_in_json("{\"lede\":\"<script>alert(1)</script>\"}").is_empty());
}
