//! Key figures: numbers with what they count ("over 10,000 troops",
//! "6,000 military engineers and construction workers", "$11 billion",
//! "31 per cent").
//!
//! A figure is a number written in digits, with its currency, scale
//! ("million") and unit ("per cent", "basis points", "magnitude") and the
//! words before it that qualify it ("over", "more than"). What it counts
//! ends before a verb ("a 6.1-magnitude earthquake", not "6.1 earthquake
//! struck"). Years, dates, times, scores and ordinals are not figures, and
//! neither is a bare number that counts nothing.

use serde::{Deserialize, Serialize};

use super::entities::Para;
use crate::enrich::tokens::{Shape, Token};
use crate::enrich::verbs::is_simple_past;

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

/// Units joined to a number by a hyphen ("a 6.1-magnitude earthquake", "a
/// 5,000-strong force", "a 10-day ceasefire"): the number describes what
/// follows, which is one thing.
const COMPOUND_UNITS: &[&str] = &[
    "magnitude",
    "strong",
    "km",
    "kilometre",
    "kilometer",
    "mile",
    "metre",
    "meter",
    "tonne",
    "ton",
    "kg",
    "megawatt",
    "gigawatt",
    "hectare",
    "acre",
    "point",
    "storey",
    "seat",
    "member",
    "day",
    "week",
    "month",
    "year",
    "hour",
    "minute",
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
    let (digits, unit) = match number.text.split_once('-') {
        Some((digits, unit)) if COMPOUND_UNITS.contains(&unit) => (digits, Some(unit)),
        _ => (number.text, None),
    };
    if number.shape != Shape::Number || !is_plain_number(digits) {
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
    let Amount {
        text: amount,
        end,
        from,
        unit,
        percent,
    } = amount(text, tokens, i, currency, unit);
    // A number with a unit before a noun ("a 6.1-magnitude earthquake")
    // describes one thing; so does a decimal or a one.
    let one_thing = unit || digits.contains('.') || digits == "1";
    let counts = if percent {
        None
    } else {
        counted(text, tokens, end, one_thing)
    };
    let has_unit = !currency.is_empty() || percent || unit;
    if counts.is_none() && !has_unit {
        return None;
    }
    if is_year(digits) && !has_unit && !counts.as_deref().is_some_and(plural_count) {
        return None;
    }
    let lead = if unit && counts.is_some() {
        article_before(text, tokens, from)
    } else {
        qualifier(text, tokens, i)
    };
    let parts = [
        lead.unwrap_or_default(),
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

/// A number's amount as written, with its currency, scale and unit.
struct Amount {
    text: String,
    /// The last token of the amount.
    end: usize,
    /// The first token of the amount.
    from: usize,
    /// Whether a unit of measure describes the number ("magnitude").
    unit: bool,
    /// Whether the unit is a share ("per cent", "basis points").
    percent: bool,
}

/// The amount around number token `i`: "$11 billion", "31 per cent",
/// "25 basis points", "6.1-magnitude", "magnitude 6.1".
fn amount(
    text: &str,
    tokens: &[Token<'_>],
    i: usize,
    currency: &str,
    compound: Option<&str>,
) -> Amount {
    let mut out = Amount {
        text: format!("{currency}{}", tokens[i].text),
        end: i,
        from: i,
        unit: compound.is_some(),
        percent: false,
    };
    let word = |k: usize| tokens.get(k).map(|t| t.text).unwrap_or_default();
    let spaced = |k: usize| gap(text, tokens, k) == " ";
    if compound.is_none() && i > 0 && word(i - 1) == "magnitude" && spaced(i - 1) {
        out.text = format!("magnitude {}", tokens[i].text);
        (out.from, out.unit) = (i - 1, true);
    } else if compound.is_none() && word(i + 1) == "magnitude" && spaced(i) {
        out.text = format!("{} magnitude", tokens[i].text);
        (out.end, out.unit) = (i + 1, true);
    } else if spaced(i) && SCALES.contains(&word(i + 1)) {
        out.text.push(' ');
        out.text.push_str(word(i + 1));
        out.end = i + 1;
    }
    if let Some((unit, last)) = percent_after(text, tokens, out.end) {
        out.text.push_str(unit);
        out.end = last;
        out.percent = true;
    }
    out
}

/// "a" or "an" right before token `from`, as in "a 6.1-magnitude
/// earthquake".
fn article_before<'a>(text: &'a str, tokens: &[Token<'_>], from: usize) -> Option<&'a str> {
    let previous = from.checked_sub(1)?;
    let t = &tokens[previous];
    (matches!(t.text, "a" | "an" | "A" | "An") && gap(text, tokens, previous) == " ")
        .then(|| &text[t.start..t.end])
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

/// A word that reads like a plural: "troops", not "basis", "virus" or
/// "glass".
fn is_plural(word: &str) -> bool {
    word.len() > 3 && word.ends_with('s') && !["ss", "us", "is"].iter().any(|e| word.ends_with(e))
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

/// "%", " per cent", " percent", " percentage points", " basis points"
/// after token `end`.
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
        (" ", "basis", "points") => Some((" basis points", end + 2)),
        _ => None,
    }
}

/// What the number ending at token `end` counts: lower-case words up to a
/// function word or a verb, with a second phrase after "and" when it has
/// two words or more ("engineers and construction workers", not "troops
/// and arms"). `one_thing` when the number describes a single thing
/// ("6.1-magnitude earthquake"), so a word in "-s" after it is a verb.
fn counted(text: &str, tokens: &[Token<'_>], end: usize, one_thing: bool) -> Option<String> {
    let (first, mut last) = phrase(text, tokens, end + 1, one_thing)?;
    let and = last + 1;
    if tokens.get(and).is_some_and(|t| t.text == "and")
        && gap(text, tokens, last) == " "
        && let Some((second_first, second_last)) = phrase(text, tokens, and + 1, one_thing)
        && second_last > second_first
    {
        last = second_last;
    }
    Some(text[tokens[first].start..tokens[last].end].to_string())
}

/// The words from token `start` that can say what is counted. After the
/// first word, a verb form ends it: a participle ("killed", "leaving"), a
/// past tense ("struck"), and after a single thing a word in "-s"
/// ("earthquake strikes").
fn phrase(
    text: &str,
    tokens: &[Token<'_>],
    start: usize,
    one_thing: bool,
) -> Option<(usize, usize)> {
    if start == 0 || gap(text, tokens, start - 1) != " " {
        return None;
    }
    let mut last = None;
    let mut k = start;
    while k < tokens.len() && k < start + MAX_PHRASE_WORDS {
        let t = &tokens[k];
        let verb = k > start
            && (t.text.ends_with("ing")
                || t.text.ends_with("ed")
                || is_simple_past(t.text)
                || one_thing && t.text.ends_with('s'));
        if t.shape != Shape::Lower || PHRASE_STOPS.contains(&t.text) || t.text.contains('.') || verb
        {
            break;
        }
        last = Some(k);
        if is_plural(t.text) || t.possessive || gap(text, tokens, k) != " " {
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

    #[test]
    fn units_stay_with_their_number() {
        assert_eq!(
            texts("The bank raised rates by 25 basis points on Thursday."),
            ["25 basis points"]
        );
        let f = &figures("a cut of 50 basis points")[0];
        assert_eq!(
            (f.amount.as_str(), f.counts.as_deref()),
            ("50 basis points", None)
        );
        assert_eq!(
            texts("A 6.1-magnitude earthquake struck the coast."),
            ["A 6.1-magnitude earthquake"]
        );
        assert_eq!(
            texts("It was a 6.1-magnitude earthquake, the agency said."),
            ["a 6.1-magnitude earthquake"]
        );
        assert_eq!(
            texts("A magnitude 6.1 earthquake struck off Chile."),
            ["A magnitude 6.1 earthquake"]
        );
        assert_eq!(
            texts("Then a 6.1 magnitude earthquake hit the region."),
            ["a 6.1 magnitude earthquake"]
        );
        assert_eq!(
            texts("A 5,000-strong force crossed the border."),
            ["A 5,000-strong force"]
        );
        let f = &figures("a magnitude 6.1 earthquake")[0];
        assert_eq!(
            (f.amount.as_str(), f.counts.as_deref()),
            ("magnitude 6.1", Some("earthquake"))
        );
    }

    #[test]
    fn what_is_counted_never_ends_in_a_verb() {
        assert_eq!(
            texts("Police said 3,000 protesters marched and 12 officers were hurt."),
            ["3,000 protesters", "12 officers"]
        );
        assert_eq!(
            texts("The 6.1 earthquake struck at dawn."),
            ["6.1 earthquake"]
        );
        assert_eq!(texts("A 6.1 earthquake strikes Chile."), ["6.1 earthquake"]);
        assert_eq!(
            texts("Officials said about 2,000 flood victims remain in shelters."),
            ["about 2,000 flood victims"]
        );
        // Words in "-is" and "-us" are no plurals.
        assert_eq!(texts("It cost 3 virus tests each."), ["3 virus tests"]);
    }

    #[test]
    fn ages_and_hyphenated_words_that_are_no_units_stay_out() {
        assert!(texts("A 25-year-old man and a 3-1 win.").is_empty());
    }
}
