//! Sentence boundaries in news prose.
//!
//! A full stop ends a sentence only when it is followed by a space and a
//! capital letter, digit or opening quote, and the word before it is not a
//! known abbreviation ("Mr.", "U.S.", "Jan.") or a lone initial ("J.").

/// Abbreviations that end in a full stop without ending the sentence,
/// compared without their final dot.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Capt", "Sgt", "Sen", "Rep", "Gov",
    "Pres", "Rev", "Hon", "St", "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "Bros", "vs", "etc", "No",
    "Nos", "Vol", "Fig", "approx", "est", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "Mt", "Ft", "Ave", "U.S", "U.K", "U.N", "E.U", "D.C", "a.m",
    "p.m", "i.e", "e.g",
];

/// Byte offsets where sentences of `text` end (just after the terminator and
/// any closing quote or bracket), the last one being `text.len()`. Reads the
/// text once, holding nothing but the offsets found.
pub(crate) fn sentence_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    // Terminators are ASCII or start with 0xE3/0xEF, so the scan steps over
    // bytes and decodes characters only after one.
    while i < bytes.len() {
        let terminator = bytes[i];
        if matches!(terminator, b'.' | b'!' | b'?') {
            let end = i + 1 + closers_len(&text[i + 1..]);
            let after = &text[end..];
            // One space or more ("part-time.  So it").
            let rest = after.trim_start_matches(' ');
            if rest.len() < after.len()
                && starts_sentence(rest.chars().next())
                && !(terminator == b'.' && is_abbreviation(&text[..i]))
            {
                ends.push(end);
                i = end + 1;
                continue;
            }
        } else if let Some(stop) = full_width_stop(text, i) {
            // Full-width stops end a sentence whatever follows: CJK text
            // puts no space between sentences.
            let after = i + stop.len_utf8();
            let end = after + closers_len(&text[after..]);
            if end < text.len() {
                ends.push(end);
            }
            i = end;
            continue;
        }
        i += 1;
    }
    if ends.last() != Some(&text.len()) && !text.trim().is_empty() {
        ends.push(text.len());
    }
    ends
}

/// The full-width stop (`。`, `！`, `？`) at byte `at` of `text`, if any.
/// Each starts with 0xE3 or 0xEF, bytes that only ever start a character,
/// so other bytes are passed over at once and `at` is a character boundary
/// whenever the text is sliced there.
fn full_width_stop(text: &str, at: usize) -> Option<char> {
    if !matches!(text.as_bytes().get(at), Some(0xE3 | 0xEF)) {
        return None;
    }
    text.get(at..)?
        .chars()
        .next()
        .filter(|c| matches!(c, '。' | '！' | '？'))
}

/// The length in bytes of the closing quotes and brackets `text` starts
/// with.
fn closers_len(text: &str) -> usize {
    text.chars()
        .take_while(|&c| is_closer(c))
        .map(char::len_utf8)
        .sum()
}

/// The first sentence of `text`, trimmed.
pub(crate) fn first_sentence(text: &str) -> &str {
    let end = sentence_ends(text).first().copied().unwrap_or(text.len());
    text[..end].trim()
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '」' | '』' | '）')
}

fn starts_sentence(next: Option<char>) -> bool {
    next.is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'' | '(')
    })
}

/// Whether the word just before a full stop at the end of `before` is an
/// abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .next()
        .unwrap_or_default();
    let mut letters = word.chars();
    let is_initial =
        matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    is_initial || ABBREVIATIONS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let mut start = 0;
        sentence_ends(text)
            .into_iter()
            .map(|end| {
                let s = text[start..end].trim();
                start = end;
                s
            })
            .collect()
    }

    #[test]
    fn splits_on_terminators_before_capitals() {
        assert_eq!(
            split("One here. Two there! Three?"),
            vec!["One here.", "Two there!", "Three?"]
        );
    }

    #[test]
    fn two_spaces_after_a_full_stop_still_split() {
        assert_eq!(
            split("It grew.  So it goes."),
            vec!["It grew.", "So it goes."]
        );
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_split() {
        assert_eq!(
            split("Mr. Smith met U.S. officials and J. Doe at 3.5 p.m. today. Then left."),
            vec![
                "Mr. Smith met U.S. officials and J. Doe at 3.5 p.m. today.",
                "Then left."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("He said “we will win.” Others disagreed."),
            vec!["He said “we will win.”", "Others disagreed."]
        );
    }

    #[test]
    fn multibyte_text_and_closers_split_on_character_boundaries() {
        assert_eq!(
            split("Kim “won.” Café é. Über alles! ‘Fin.’ Done"),
            vec!["Kim “won.”", "Café é.", "Über alles!", "‘Fin.’", "Done"]
        );
        assert_eq!(split("Ends with a dot. "), vec!["Ends with a dot."]);
        assert_eq!(split("Wait... What?"), vec!["Wait...", "What?"]);
    }

    #[test]
    fn lowercase_continuation_does_not_split() {
        assert_eq!(
            split("It rose 5 p.c. on the day."),
            vec!["It rose 5 p.c. on the day."]
        );
        assert_eq!(first_sentence("  A b. C d."), "A b.");
    }

    #[test]
    fn full_width_stops_end_sentences_without_a_space() {
        let text = "港口重新开放。主任说「安全」。最后";
        let ends = sentence_ends(text);
        let parts: Vec<&str> = std::iter::once(0)
            .chain(ends.iter().copied())
            .zip(ends.iter().copied())
            .map(|(a, b)| &text[a..b])
            .collect();
        assert_eq!(parts, vec!["港口重新开放。", "主任说「安全」。", "最后"]);
    }
}
