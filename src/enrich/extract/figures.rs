//! Key figures: numbers with what they count ("over 10,000 troops",
//! "6,000 military engineers and construction workers", "$11 billion",
//! "31 per cent").
//!
//! A figure is a number written in digits, with its currency, scale
//! ("million") and unit ("per cent") and the words before it that qualify
//! it ("over", "more than"). Years, dates, times, scores and ordinals are
//! not figures, and neither is a bare number that counts nothing.

use serde::{Deserialize, Serialize};

use super::entities::Para;
use crate::enrich::tokens::{Shape, Token};

/// A number and what it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// The figure as a reader would quote it: "over 10,000 troops".
    pub text: String,
    /// The amount as written: "10,000", "$11 billion", "31 per cent".
    pub amount: String,
    /// What is counted ("troops"), when the text says.
    pub counts: Option<String>,
}

/// Words before a number that qualify it, longest first.
const QUALIFIERS: &[&str] = &[
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "just over",
    "just under",
    "an estimated",
    "over",
    "under",
    "about",
    "around",
    "nearly",
    "almost",
    "some",
    "roughly",
    "approximately",
    "only",
];

/// Words after a number that scale it.
const SCALES: &[&str] = &[
    "thousand", "million", "billion", "trillion", "bn", "hundred",
];

/// Words that end the phrase saying what a number counts.
const PHRASE_STOPS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "into", "and",
    "or", "but", "as", "than", "that", "which", "who", "whom", "was", "were", "is", "are", "be",
    "been", "had", "has", "have", "will", "would", "could", "should", "can", "may", "might",
    "must", "this", "these", "those", "its", "their", "his", "her", "our", "per", "each", "every",
    "more", "less", "after", "before", "since", "until", "when", "while", "where", "if", "over",
    "under", "up", "down", "out", "off", "last", "next", "ago", "earlier", "later", "so", "not",
    "no", "also", "only", "just", "still", "then", "there", "here", "about", "around", "a.m.",
    "p.m.", "percent", "cent", "times", "did", "do", "does", "said", "says",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// The longest phrase of what is counted, in words (per side of "and").
const MAX_PHRASE_WORDS: usize = 4;

/// Finds the key figures of an article, each once, in reading order.
pub fn extract(paragraphs: &[Para<'_>]) -> Vec<Figure> {
    let mut figures: Vec<Figure> = Vec::new();
    for p in paragraphs {
        let (text, tokens) = (p.text, &p.tokens);
        for i in 0..tokens.len() {
            if tokens[i].shape != Shape::Number {
                continue;
            }
            if let Some(figure) = figure_at(text, tokens, i)
                && !figures.iter().any(|f| f.text == figure.text)
            {
                figures.push(figure);
            }
        }
    }
    figures
}

fn gap<'a>(text: &'a str, tokens: &[Token<'_>], i: usize) -> &'a str {
    let from = tokens.get(i).map_or(text.len(), |t| t.full_end);
    let to = tokens.get(i + 1).map_or(text.len(), |t| t.start);
    text.get(from..to).unwrap_or_default()
}

/// The figure whose number is token `i`, if it is one.
fn figure_at(text: &str, tokens: &[Token<'_>], i: usize) -> Option<Figure> {
    let number = &tokens[i];
    if number.shape != Shape::Number || !is_plain_number(number.text) {
        return None;
    }
    let before = i
        .checked_sub(1)
        .map_or(&text[..number.start], |p| gap(text, tokens, p));
    let after = gap(text, tokens, i);
    let currency = currency_before(before);
    if after.starts_with(':') || before.ends_with(':') || is_date(tokens, i) {
        return None;
    }
    let mut end = i;
    let mut amount = format!("{currency}{}", number.text);
    if let Some(scale) = tokens
        .get(i + 1)
        .filter(|t| after == " " && SCALES.contains(&t.text))
    {
        amount.push(' ');
        amount.push_str(scale.text);
        end = i + 1;
    }
    let percent = percent_after(text, tokens, end);
    if let Some((unit, last)) = percent {
        amount.push_str(unit);
        end = last;
    }
    let counts = if percent.is_some() {
        None
    } else {
        counted(text, tokens, end)
    };
    let has_unit = !currency.is_empty() || percent.is_some();
    if counts.is_none() && !has_unit {
        return None;
    }
    if is_year(number.text) && !has_unit && !counts.as_deref().is_some_and(plural_count) {
        return None;
    }
    let parts = [
        qualifier(text, tokens, i).unwrap_or_default(),
        amount.as_str(),
        counts.as_deref().unwrap_or_default(),
    ];
    let figure_text = parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    Some(Figure {
        text: figure_text,
        amount,
        counts,
    })
}

/// Digits with thousands separators or a decimal point; not "6-0" or "14th".
fn is_plain_number(word: &str) -> bool {
    word.chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

fn is_year(word: &str) -> bool {
    word.len() == 4
        && word
            .parse::<u32>()
            .is_ok_and(|y| (1800..=2100).contains(&y))
}

/// A counted phrase that reads like a plural, so "1500 workers" is not a year.
fn plural_count(phrase: &str) -> bool {
    phrase
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with('s') && w.len() > 3)
}

fn currency_before(gap: &str) -> &'static str {
    let gap = gap.trim_end();
    ["US$", "$", "€", "£", "¥", "₹"]
        .into_iter()
        .find(|c| gap.ends_with(c))
        .unwrap_or_default()
}

/// "12 July", "July 12": a number next to a month name.
fn is_date(tokens: &[Token<'_>], i: usize) -> bool {
    let month = |t: Option<&Token<'_>>| t.is_some_and(|t| MONTHS.contains(&t.text));
    month(tokens.get(i + 1)) || month(i.checked_sub(1).and_then(|p| tokens.get(p)))
}

/// "%", " per cent", " percent", " percentage points" after token `end`.
fn percent_after(text: &str, tokens: &[Token<'_>], end: usize) -> Option<(&'static str, usize)> {
    let after = gap(text, tokens, end);
    if after.starts_with('%') {
        return Some(("%", end));
    }
    let word = |k: usize| tokens.get(k).map(|t| t.text).unwrap_or_default();
    match (after, word(end + 1), word(end + 2)) {
        (" ", "per", "cent") if gap(text, tokens, end + 1) == " " => Some((" per cent", end + 2)),
        (" ", "percent", _) => Some((" percent", end + 1)),
        (" ", "percentage", "points") => Some((" percentage points", end + 2)),
        _ => None,
    }
}

/// What the number ending at token `end` counts: lower-case words up to a
/// function word, with a second phrase after "and" when it has two words
/// or more ("engineers and construction workers", not "troops and arms").
fn counted(text: &str, tokens: &[Token<'_>], end: usize) -> Option<String> {
    let (first, mut last) = phrase(text, tokens, end + 1)?;
    let and = last + 1;
    if tokens.get(and).is_some_and(|t| t.text == "and")
        && gap(text, tokens, last) == " "
        && let Some((second_first, second_last)) = phrase(text, tokens, and + 1)
        && second_last > second_first
    {
        last = second_last;
    }
    Some(text[tokens[first].start..tokens[last].end].to_string())
}

/// The words from token `start` that can say what is counted.
fn phrase(text: &str, tokens: &[Token<'_>], start: usize) -> Option<(usize, usize)> {
    if start == 0 || gap(text, tokens, start - 1) != " " {
        return None;
    }
    let mut last = None;
    let mut k = start;
    while k < tokens.len() && k < start + MAX_PHRASE_WORDS {
        let t = &tokens[k];
        let participle = k > start && (t.text.ends_with("ing") || t.text.ends_with("ed"));
        if t.shape != Shape::Lower
            || PHRASE_STOPS.contains(&t.text)
            || t.text.contains('.')
            || participle
        {
            break;
        }
        last = Some(k);
        let plural = t.text.len() > 3 && t.text.ends_with('s') && !t.text.ends_with("ss");
        if plural || t.possessive || gap(text, tokens, k) != " " {
            break;
        }
        k += 1;
    }
    last.map(|l| (start, l))
}

/// "over", "more than" right before token `i`.
fn qualifier<'a>(text: &'a str, tokens: &[Token<'_>], i: usize) -> Option<&'a str> {
    let before = text[..tokens[i].start].trim_end_matches(['$', '€', '£', '¥', '₹', 'U', 'S']);
    let before = before.strip_suffix(' ')?;
    QUALIFIERS.iter().find_map(|q| {
        let head = before.strip_suffix(q)?;
        let bounded = head.is_empty() || head.ends_with(' ');
        bounded.then(|| &text[head.len()..head.len() + q.len()])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(paragraph: &str) -> Vec<Figure> {
        extract(&[Para::new(0, paragraph)])
    }

    fn texts(paragraph: &str) -> Vec<String> {
        figures(paragraph).into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn sample_figures_with_what_they_count() {
        assert_eq!(
            texts(
                "the deployment of over 10,000 troops and arms in support of Russia’s war in 2022"
            ),
            ["over 10,000 troops"]
        );
        assert_eq!(
            texts("sending an additional 6,000 military engineers and construction workers to aid"),
            ["6,000 military engineers and construction workers"]
        );
    }

    #[test]
    fn money_percentages_and_scales_need_no_noun() {
        assert_eq!(
            texts("The budget grew to $11 billion, up 31 per cent, or 2.4% and 12 trillion won."),
            ["$11 billion", "31 per cent", "2.4%", "12 trillion won"]
        );
        let f = &figures("about €64 million")[0];
        assert_eq!(
            (f.text.as_str(), f.amount.as_str(), f.counts.as_deref()),
            ("about €64 million", "€64 million", None)
        );
    }

    #[test]
    fn years_dates_times_scores_and_bare_numbers_are_not_figures() {
        assert!(
            texts("In 2018 saw 3-1 at 15:00 on 12 July, the 14th stage, and 255 of them.")
                .is_empty()
        );
        assert_eq!(
            texts("2018 saw 11,187 recorded accidents leading to 750 deaths."),
            ["11,187 recorded accidents", "750 deaths"]
        );
    }
}
