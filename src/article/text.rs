//! The text of an article file: decoding its bytes and cleaning what no
//! page may hold.
//!
//! [`decode`] reads UTF-8 (a byte order mark is dropped) and UTF-16 with a
//! byte order mark; anything else that is not UTF-8 is an error at the line
//! where decoding stopped. [`clean`] then makes every line ending a line
//! feed (`\r\n` and a lone `\r` alike), refuses NUL (a binary file, or
//! UTF-16 saved without a byte order mark), and drops the control
//! characters HTML, XML and feeds forbid: terminal colour codes whole, a
//! vertical tab or form feed as a space, every other C0 control but tab,
//! DEL and the C1 controls as nothing.

use std::borrow::Cow;
use std::path::Path;

use crate::error::{Diagnostic, Location};

/// Decodes a file's bytes to text.
pub(crate) fn decode(bytes: Vec<u8>, rel_path: &Path) -> Result<String, Diagnostic> {
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes, rel_path),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes, rel_path),
        _ => utf8(bytes, rel_path),
    }
}

fn utf8(bytes: Vec<u8>, rel_path: &Path) -> Result<String, Diagnostic> {
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        Diagnostic::error(
            Location::at(rel_path, to_u32(line), 1),
            format!("not valid UTF-8 (byte {valid})"),
        )
        .with_help("save the file as UTF-8")
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Decodes UTF-16 code units read from `bytes` with `unit`.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, rel_path: &Path) -> Result<String, Diagnostic> {
    let bad = |line: usize, what: &str| {
        Diagnostic::error(
            Location::at(rel_path, to_u32(line), 1),
            format!("not valid UTF-16: {what}"),
        )
        .with_help("save the file as UTF-8")
    };
    let chunks = bytes.chunks_exact(2);
    if !chunks.remainder().is_empty() {
        return Err(bad(1, "an odd number of bytes"));
    }
    let units = chunks.map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut line = 1;
    for c in char::decode_utf16(units) {
        let c = c.map_err(|_| bad(line, "a lone surrogate"))?;
        line += usize::from(c == '\n');
        text.push(c);
    }
    Ok(text)
}

/// Normalises line endings and drops control characters; a NUL is an
/// error at its line and column.
pub(crate) fn clean<'a>(text: &'a str, rel_path: &Path) -> Result<Cow<'a, str>, Diagnostic> {
    if let Some(at) = text.find('\0') {
        return Err(Diagnostic::error(
            Location::from_offset(rel_path, text, at, 0),
            "NUL byte: this is not a text file (or it is UTF-16 without a byte order mark)",
        )
        .with_help("save the article as UTF-8 text"));
    }
    if !text.chars().any(needs_cleaning) {
        return Ok(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\u{1b}' if chars.peek() == Some(&'[') => {
                chars.next();
                // A terminal control sequence: parameters and intermediates
                // up to a final byte in @..~.
                while chars.next_if(|c| matches!(c, ' '..='?')).is_some() {}
                chars.next_if(|c| matches!(c, '@'..='~'));
            }
            '\u{b}' | '\u{c}' => out.push(' '),
            c if needs_cleaning(c) => {}
            c => out.push(c),
        }
    }
    Ok(Cow::Owned(out))
}

/// Whether [`clean`] changes `c`: a carriage return, or a control character
/// other than tab and line feed.
/// Drops from `text` the control characters the cleaner drops, for text
/// made after it ran: Markdown character references ("&#131;") and TOML
/// or YAML escapes ("\u0001") decode to them.
pub(crate) fn drop_controls(text: &mut String) {
    if text.chars().any(needs_cleaning) {
        text.retain(|c| !needs_cleaning(c));
    }
}

fn needs_cleaning(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> &'static Path {
        Path::new("seeds/a.txt")
    }

    fn utf16le(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    #[test]
    fn utf8_with_and_without_a_byte_order_mark() {
        assert_eq!(decode(b"\xEF\xBB\xBFHi".to_vec(), path()).unwrap(), "Hi");
        assert_eq!(decode("Ø".as_bytes().to_vec(), path()).unwrap(), "Ø");
        let err = decode(b"ok\nbad \xFF".to_vec(), path()).unwrap_err();
        assert_eq!(err.location.to_string(), "seeds/a.txt:2:1");
        assert!(err.message.contains("UTF-8"), "{err}");
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let text = "Ørsted “quoted” 𝄞\n";
        assert_eq!(decode(utf16le(text), path()).unwrap(), text);
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(be, path()).unwrap(), text);
    }

    #[test]
    fn broken_utf16_is_named() {
        let mut odd = utf16le("ab");
        odd.push(0x41);
        assert!(decode(odd, path()).unwrap_err().message.contains("UTF-16"));
        let lone = vec![0xFF, 0xFE, b'a', 0, b'\n', 0, 0x00, 0xD8, b'b', 0];
        let err = decode(lone, path()).unwrap_err();
        assert!(err.message.contains("surrogate"), "{err}");
        assert_eq!(err.location.line, Some(2));
    }

    #[test]
    fn line_endings_become_line_feeds() {
        assert_eq!(clean("a\r\nb\rc\n", path()).unwrap(), "a\nb\nc\n");
        assert!(matches!(
            clean("plain\ttext\n", path()),
            Ok(Cow::Borrowed(_))
        ));
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(
            clean(
                "bell\u{7} esc\u{1b}[31mred\u{1b}[0m v\u{b}f\u{c}x\u{7f}\u{85}\u{9b}.",
                path()
            )
            .unwrap(),
            "bell escred v f x."
        );
    }

    #[test]
    fn nul_is_an_error_at_its_position() {
        let err = clean("one\ntwo \0 three", path()).unwrap_err();
        assert_eq!(err.location.to_string(), "seeds/a.txt:2:5");
    }
}
