//! Which key a position in TOML or YAML text belongs to, so an error about
//! a value can name its key (`digest.words_per_minute`, `tags`) even when
//! the parser only gave a position.
//!
//! Line-based and forgiving: it reads the text around the position as an
//! author would, not as a parser. A key it cannot find is `None`, and the
//! message then speaks of "this value".

/// The TOML key at byte `offset` of `text`, as a dotted path: the table
/// header in force, then the key written on that line (or, inside a
/// multi-line value, on the nearest line above that has one). On a table
/// header line, the header itself.
pub fn toml_key_at(text: &str, offset: usize) -> Option<String> {
    let lines = lines_with_offsets(text);
    let at = lines
        .iter()
        .rposition(|(start, _)| *start <= offset)
        .unwrap_or(0);
    let (_, line) = lines.get(at)?;
    if let Some(header) = toml_header(line) {
        return Some(header.to_string());
    }
    let key = lines[..=at]
        .iter()
        .rev()
        .take_while(|(_, l)| toml_header(l).is_none())
        .find_map(|(_, l)| toml_key(l))?;
    match toml_table_at(text, offset) {
        Some(table) => Some(format!("{table}.{key}")),
        None => Some(key.to_string()),
    }
}

/// The table header in force at byte `offset` of `text` (`None` at the
/// top level, before any header).
pub fn toml_table_at(text: &str, offset: usize) -> Option<String> {
    lines_with_offsets(text)
        .into_iter()
        .take_while(|(start, _)| *start <= offset)
        .filter_map(|(_, line)| toml_header(line))
        .last()
        .map(str::to_string)
}

/// The byte offset of the line where `key = …` is written directly under
/// the header `[table]` (`None`: at the top level, before any header), or
/// as the dotted `table.key = …` at the top level.
pub fn toml_key_offset(text: &str, table: Option<&str>, key: &str) -> Option<usize> {
    let dotted = table.map(|t| format!("{t}.{key}"));
    let mut current: Option<&str> = None;
    for (start, line) in lines_with_offsets(text) {
        if let Some(header) = toml_header(line) {
            current = Some(header);
            continue;
        }
        let Some(written) = toml_key(line) else {
            continue;
        };
        let here = (current == table && written == key)
            || (current.is_none() && dotted.as_deref() == Some(written));
        if here {
            return Some(start + line.len() - line.trim_start().len());
        }
    }
    None
}

/// The 1-based line of the first table header in `text`, if any.
pub fn toml_first_header_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| toml_header(l).is_some())
        .map(|i| i + 1)
}

/// The name inside a `[table]` or `[[array]]` header line.
fn toml_header(line: &str) -> Option<&str> {
    let line = line.split('#').next().unwrap_or_default().trim();
    let inner = line.strip_prefix('[')?.strip_suffix(']')?;
    let inner = inner
        .strip_prefix('[')
        .and_then(|i| i.strip_suffix(']'))
        .unwrap_or(inner);
    Some(inner.trim())
}

/// The key written before `=` on a line, when the line starts with one.
fn toml_key(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    if trimmed.starts_with(['#', '[', ']', '{', '}', ',']) {
        return None;
    }
    let mut quote = None;
    for (i, c) in trimmed.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '=') => {
                let key = trimmed[..i].trim();
                return (!key.is_empty()).then_some(key);
            }
            (None, c) if c.is_whitespace() || c.is_alphanumeric() || "_-.".contains(c) => {}
            (None, _) => return None,
            (Some(_), _) => {}
        }
    }
    None
}

/// The YAML key on 1-based line `line` of `text`, as a dotted path through
/// the keys above it that hold it (by indentation).
pub fn yaml_key_at(text: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let index = line.checked_sub(1)?;
    let here = lines.get(index)?;
    let key = yaml_key(here)?;
    let mut path = vec![key];
    let mut indent = indentation(here);
    for above in lines[..index].iter().rev() {
        if indent == 0 {
            break;
        }
        if above.trim().is_empty() || above.trim_start().starts_with('#') {
            continue;
        }
        if indentation(above) < indent {
            indent = indentation(above);
            if let Some(parent) = yaml_key(above) {
                path.push(parent);
            }
        }
    }
    path.reverse();
    Some(path.join("."))
}

/// The value written on 1-based `line` of `text` from 1-based `column`
/// on, without a trailing comment; `None` when nothing is written there.
pub fn yaml_value_at(text: &str, line: usize, column: usize) -> Option<&str> {
    let here = text.lines().nth(line.checked_sub(1)?)?;
    let start = here
        .char_indices()
        .nth(column.checked_sub(1)?)
        .map_or(here.len(), |(i, _)| i);
    let value = here[start..].split(" #").next().unwrap_or_default().trim();
    (!value.is_empty()).then_some(value)
}

/// The key of a `key: value` or `- key: value` line.
fn yaml_key(line: &str) -> Option<&str> {
    let body = line.trim_start();
    let body = body.strip_prefix("- ").unwrap_or(body);
    if body.starts_with('#') {
        return None;
    }
    let colon = body
        .match_indices(':')
        .find(|(i, _)| body[i + 1..].is_empty() || body[i + 1..].starts_with(char::is_whitespace))
        .map(|(i, _)| i)?;
    let key = body[..colon].trim().trim_matches(['"', '\'']);
    (!key.is_empty()).then_some(key)
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn lines_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n')
        .map(|line| {
            let start = offset;
            offset += line.len();
            (start, line.trim_end_matches(['\n', '\r']))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "title = \"T\"\n[digest]\nwords_per_minute = \"fast\"\n[people]\n\"Kim Jong Un\" = [\n  \"Kim\",\n  3,\n]\n";

    #[test]
    fn toml_values_are_named_by_table_and_key() {
        let at = |needle: &str| toml_key_at(SITE, SITE.find(needle).unwrap());
        assert_eq!(at("\"T\"").as_deref(), Some("title"));
        assert_eq!(at("\"fast\"").as_deref(), Some("digest.words_per_minute"));
        assert_eq!(at("3,").as_deref(), Some("people.\"Kim Jong Un\""));
        assert_eq!(at("[people]").as_deref(), Some("people"));
        assert_eq!(toml_table_at(SITE, 0), None);
        assert_eq!(toml_first_header_line(SITE), Some(2));
        let wpm = SITE.find("words_per_minute").unwrap();
        assert_eq!(
            toml_key_offset(SITE, Some("digest"), "words_per_minute"),
            Some(wpm)
        );
        assert_eq!(toml_key_offset(SITE, None, "words_per_minute"), None);
        assert_eq!(
            toml_key_offset("digest.limit = 1\n", Some("digest"), "limit"),
            Some(0)
        );
    }

    #[test]
    fn yaml_keys_follow_indentation() {
        let text = "title: x\nentities:\n  people:\n    Kim: 1\ntags: [a]\n";
        assert_eq!(yaml_key_at(text, 1).as_deref(), Some("title"));
        assert_eq!(yaml_key_at(text, 4).as_deref(), Some("entities.people.Kim"));
        assert_eq!(yaml_key_at(text, 5).as_deref(), Some("tags"));
        assert_eq!(yaml_value_at(text, 4, 10), Some("1"));
        assert_eq!(yaml_value_at("wpm: fast # why\n", 1, 6), Some("fast"));
        assert_eq!(yaml_key_at("url: http://x\n", 1).as_deref(), Some("url"));
    }
}
