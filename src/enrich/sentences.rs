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
/// any closing quote or bracket), the last one being `text.len()`.
pub(crate) fn sentence_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && is_closer(chars[j].1) {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |(o, _)| *o);
            // One space or more ("part-time.  So it").
            let mut k = j;
            while k < chars.len() && chars[k].1 == ' ' {
                k += 1;
            }
            if k > j
                && starts_sentence(chars.get(k).map(|(_, c)| *c))
                && !(c == '.' && is_abbreviation(&text[..at]))
            {
                ends.push(end);
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if ends.last() != Some(&text.len()) && !text.trim().is_empty() {
        ends.push(text.len());
    }
    ends
}

/// The first sentence of `text`, trimmed.
pub(crate) fn first_sentence(text: &str) -> &str {
    let end = sentence_ends(text).first().copied().unwrap_or(text.len());
    text[..end].trim()
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']')
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
    fn lowercase_continuation_does_not_split() {
        assert_eq!(
            split("It rose 5 p.c. on the day."),
            vec!["It rose 5 p.c. on the day."]
        );
        assert_eq!(first_sentence("  A b. C d."), "A b.");
    }
}
