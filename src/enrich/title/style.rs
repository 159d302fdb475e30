//! Headline conventions a rule can apply safely to a lede's clause, besides
//! the tense (`tense`): times dropped ("yesterday", "on Monday"), no
//! articles before common nouns ("The government…" → "Government…"),
//! "United States" as "US", and, when the clause is too long, a subject's
//! affiliation ("Scientists from the University of X say…" → "Scientists
//! say…").

use std::borrow::Cow;

/// Days of the week, capitalised as written.
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Words that may stand before a day in a time phrase ("last Monday").
const DAY_LEADS: &[&str] = &[
    "on", "last", "this", "early", "late", "earlier", "later", "next",
];

/// Parts of a day after a day or "yesterday" ("Monday morning").
const DAY_PARTS: &[&str] = &["morning", "afternoon", "evening", "night"];

/// Time words that stand alone.
const TIME_WORDS: &[&str] = &["yesterday", "today", "tonight"];

/// Two-word time phrases ("last week").
const TIME_PAIRS: &[(&str, &str)] = &[
    ("last", "night"),
    ("last", "week"),
    ("this", "week"),
    ("this", "morning"),
    ("this", "afternoon"),
    ("this", "evening"),
    ("earlier", "today"),
    ("later", "today"),
];

/// Places whose name keeps its "The" at the head of a headline.
const NAMES_WITH_THE: &[&str] = &["Hague", "Gambia", "Bahamas"];

/// Long names headlines abbreviate, and their abbreviations.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("United States", "US"),
    ("United Kingdom", "UK"),
    ("United Nations", "UN"),
    ("European Union", "EU"),
];

/// Words that may join the names of a subject's affiliation ("the
/// University of Bristol and UC Davis").
const AFFILIATION_JOINS: &[&str] = &["the", "of", "and", "at", "in", "for", "de", "&"];

/// Articles a headline leaves out.
const ARTICLES: &[&str] = &["a", "an", "the"];

/// `text` without time phrases ("yesterday afternoon", "on Monday",
/// "last week"), with the commas around them tidied.
pub(super) fn drop_times(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let mut keep: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        match time_phrase(&words, i) {
            Some(len) if words.len() - len >= 3 => {
                let last = words[i + len - 1];
                let trailing = &last[bare_end(last)..];
                if let Some(previous) = keep.last_mut() {
                    // "X, on Monday, said" → "X said"; "died Saturday." → "died."
                    let comma_before = previous.ends_with(',');
                    let at_end = i + len == words.len();
                    if comma_before && (trailing.starts_with(',') || at_end) {
                        previous.pop();
                    }
                    if !(comma_before && trailing == ",") {
                        previous.push_str(trailing);
                    }
                }
                i += len;
            }
            _ => {
                keep.push(words[i].to_string());
                i += 1;
            }
        }
    }
    keep.join(" ")
}

/// The length in words of a time phrase starting at word `i`, if any.
fn time_phrase(words: &[&str], i: usize) -> Option<usize> {
    let bare = |k: usize| words.get(k).map(|w| &w[..bare_end(w)]);
    let lower = |k: usize| bare(k).map(str::to_lowercase).unwrap_or_default();
    let ends_here = |k: usize| words.get(k).is_some_and(|w| bare_end(w) < w.len());
    let part_after = |k: usize| {
        usize::from(!ends_here(k) && bare(k + 1).is_some_and(|w| DAY_PARTS.contains(&w)))
    };
    let first = bare(i)?;
    let first_lower = lower(i);
    let previous_capital = i > 0 && words[i - 1].starts_with(char::is_uppercase);
    let next_capital =
        || !ends_here(i) && bare(i + 1).is_some_and(|w| w.starts_with(char::is_uppercase));
    if TIME_WORDS.contains(&first_lower.as_str()) {
        return Some(1 + part_after(i));
    }
    if !ends_here(i)
        && let Some(second) = bare(i + 1)
    {
        if TIME_PAIRS.contains(&(first_lower.as_str(), second)) {
            return Some(2);
        }
        if DAY_LEADS.contains(&first_lower.as_str()) && WEEKDAYS.contains(&second) {
            return Some(2 + part_after(i + 1));
        }
    }
    if WEEKDAYS.contains(&first) && i > 0 && !previous_capital && !next_capital() {
        return Some(1 + part_after(i));
    }
    None
}

/// Where a word's trailing punctuation starts.
pub(super) fn bare_end(word: &str) -> usize {
    word.trim_end_matches(|c: char| !c.is_alphanumeric()).len()
}

/// A word lower-cased without the punctuation around it.
pub(super) fn bare(word: &str) -> Cow<'_, str> {
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
    if bare.chars().any(char::is_uppercase) {
        Cow::Owned(bare.to_lowercase())
    } else {
        Cow::Borrowed(bare)
    }
}

/// "A fire kills…" → "Fire kills…", "The government…" → "Government…",
/// "The Lost 52 Project…" → "Lost 52 Project…"; "The" stays where it
/// belongs to a place's name ("The Hague").
pub(super) fn drop_leading_article(text: &str) -> String {
    let Some((first, rest)) = text.split_once(' ') else {
        return text.to_string();
    };
    let next = rest.chars().next();
    let name = rest.split(' ').next().unwrap_or_default();
    let drop = match first {
        "A" | "An" => rest.split(' ').count() >= 3,
        "The" => next.is_some_and(char::is_alphanumeric) && !NAMES_WITH_THE.contains(&name),
        _ => false,
    };
    if drop {
        let mut chars = rest.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        text.to_string()
    }
}

/// `text` without articles before common nouns ("kills five girls at an
/// escape room" → "kills five girls at escape room"); those before names
/// ("the Hague") and inside quotations stay.
pub(super) fn drop_articles(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    let mut quoted = false;
    for (i, word) in words.iter().enumerate() {
        let opens = word.matches(['“', '"']).count();
        let closes = word.matches(['”', '"']).count();
        let next = words.get(i + 1);
        let before_common = next.is_some_and(|n| n.starts_with(|c: char| c.is_lowercase()));
        if i > 0 && !quoted && ARTICLES.contains(word) && before_common {
            continue;
        }
        if opens > closes {
            quoted = true;
        } else if closes > opens {
            quoted = false;
        }
        out.push(word);
    }
    out.join(" ")
}

/// "United States President" → "US President", "the United Kingdom's" →
/// "the UK's"; "United States of America" stays.
pub(super) fn abbreviate(text: &str) -> String {
    let mut out = text.to_string();
    for (long, short) in ABBREVIATIONS {
        let mut from = 0;
        while let Some(found) = out[from..].find(long) {
            let at = from + found;
            let end = at + long.len();
            let after = &out[end..];
            let bounded = !out[..at].ends_with(char::is_alphanumeric)
                && !after.starts_with(char::is_alphanumeric);
            if bounded && !after.starts_with(" of") {
                // "United States' National…" → "US National…".
                let apostrophe = ["’ ", "' "].iter().find(|a| after.starts_with(*a));
                let end = end + apostrophe.map_or(0, |a| a.len() - 1);
                out.replace_range(at..end, short);
                from = at + short.len();
            } else {
                from = end;
            }
        }
    }
    out
}

/// "Scientists from the University of Bristol and UC Davis say…" →
/// "Scientists say…": an affiliation of names after the subject's common
/// noun, dropped when what follows it is the verb (`is_verb`).
pub(super) fn drop_affiliation(text: &str, is_verb: impl Fn(&str) -> bool) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let Some(from) = words.iter().position(|w| matches!(*w, "from" | "at")) else {
        return text.to_string();
    };
    let head_is_common = from == 1 || words[from - 1].starts_with(char::is_lowercase);
    if from == 0 || !head_is_common {
        return text.to_string();
    }
    let mut end = from + 1;
    while end < words.len()
        && (words[end].starts_with(char::is_uppercase) || AFFILIATION_JOINS.contains(&words[end]))
        && !words[end].ends_with(',')
    {
        end += 1;
    }
    let named = words[from + 1..end]
        .iter()
        .any(|w| w.starts_with(char::is_uppercase));
    if !named || end == words.len() || !is_verb(&bare(words[end])) {
        return text.to_string();
    }
    let mut kept = words[..from].to_vec();
    kept.extend_from_slice(&words[end..]);
    kept.join(" ")
}

#[cfg(test)]
mod tests;
