//! Reading one HTML page's ids and links with html5ever's tokenizer (not
//! by pattern matching): the only user of `html5ever`. Pure.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::refs::PageRefs;

struct RefCollector {
    refs: RefCell<PageRefs>,
}

impl TokenSink for RefCollector {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        self.collect(&tag);
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

impl RefCollector {
    fn collect(&self, tag: &Tag) {
        let mut refs = self.refs.borrow_mut();
        let mut meta_url = false;
        let mut content = None;
        for attr in &tag.attrs {
            let name = &*attr.name.local;
            let value = attr.value.to_string();
            match name {
                "id" => {
                    let first = refs.ids.insert(value.clone());
                    if !first {
                        refs.duplicate_ids.push(value);
                    }
                }
                "name" if &*tag.name == "a" => {
                    refs.ids.insert(value);
                }
                "href" | "src" => refs.links.push(value),
                "srcset" => refs.links.extend(
                    value
                        .split(',')
                        .filter_map(|candidate| candidate.split_whitespace().next())
                        .map(str::to_string),
                ),
                "property" | "name" if &*tag.name == "meta" => {
                    meta_url = matches!(value.as_str(), "og:url" | "og:image" | "twitter:image");
                }
                "content" if &*tag.name == "meta" => content = Some(value),
                _ => {}
            }
        }
        if meta_url && let Some(url) = content {
            refs.links.push(url);
        }
    }
}

/// Reads the ids and links of one HTML page.
pub(crate) fn scan_html(html: &str) -> PageRefs {
    let sink = RefCollector {
        refs: RefCell::new(PageRefs::default()),
    };
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.refs.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_finds_ids_and_links_but_not_inside_scripts() {
        let refs = scan_html(
            "<a href=\"/x/\" id=a>x</a><img src='i.png'><script>let s = '<a href=\"/nope\">';</script><h2 id=\"b\">",
        );
        assert_eq!(refs.links, vec!["/x/", "i.png"]);
        assert_eq!(
            refs.ids.iter().map(String::as_str).collect::<Vec<_>>(),
            vec!["a", "b"]
        );
    }
}
