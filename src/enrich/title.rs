//! Deriving a headline from an article's lede.
//!
//! Wire stories often come without a title. The headline is the lede's first
//! sentence when it is short enough; otherwise it is cut at the last clause
//! boundary (comma, semicolon, dash, colon) that keeps it under the limit
//! and leaves a clause worth reading; failing that, at a word boundary with
//! an ellipsis. A leading dateline ("MOSCOW (AP) — ") and a short opening
//! time phrase ("On Thursday, ") are dropped first.

use super::sentences::first_sentence;

/// The longest derived headline, in characters.
pub const MAX_TITLE_CHARS: usize = 110;

/// A clause must have at least this many words to stand as a headline.
const MIN_CLAUSE_WORDS: usize = 5;

/// Words a cut headline must not end on.
const WEAK_ENDINGS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "and", "or",
    "but", "that", "which", "who", "its", "his", "her", "their", "our", "is", "was", "has", "have",
    "had", "be", "been", "were", "are", "into", "after", "before", "over", "under",
];

/// Opening words of a short time or place phrase worth dropping.
const OPENERS: &[&str] = &[
    "On",
    "In",
    "At",
    "Earlier",
    "Later",
    "Last",
    "Yesterday",
    "Today",
    "This",
    "Late",
    "Early",
    "During",
    "Overnight",
];

/// A headline for an article whose lede is `lede`.
pub fn derive(lede: &str) -> String {
    let lede = strip_opener(strip_dateline(lede.trim()));
    let sentence = first_sentence(&lede);
    let sentence = sentence.trim_end_matches(['.', ' ']);
    if sentence.chars().count() <= MAX_TITLE_CHARS {
        return sentence.to_string();
    }
    if let Some(cut) = clause_cut(sentence) {
        return cut;
    }
    word_cut(sentence)
}

/// Drops "CITY (Agency) — " style datelines: a run of capitalised words
/// followed by a dash.
fn strip_dateline(text: &str) -> &str {
    for dash in [" — ", " – ", " - ", " -- "] {
        if let Some(at) = text.find(dash) {
            let head = &text[..at];
            let letters: String = head.chars().filter(|c| c.is_alphabetic()).collect();
            let caps_word = head
                .split(|c: char| !c.is_alphabetic())
                .any(|w| w.chars().count() >= 3 && w.chars().all(char::is_uppercase));
            if at <= 60 && caps_word && letters.chars().next().is_some_and(char::is_uppercase) {
                return &text[at + dash.len()..];
            }
        }
    }
    text
}

/// Drops an opening phrase like "On Thursday, " or "In late December, ".
fn strip_opener(text: &str) -> String {
    if let Some(at) = text.find(", ") {
        let phrase = &text[..at];
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let rest = &text[at + 2..];
        if (1..=4).contains(&words.len())
            && words.first().is_some_and(|w| OPENERS.contains(w))
            && rest.split_whitespace().count() >= MIN_CLAUSE_WORDS
        {
            return capitalize_first(rest);
        }
    }
    text.to_string()
}

fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The longest prefix ending at a clause boundary that fits, has enough
/// words and balanced quotes.
fn clause_cut(sentence: &str) -> Option<String> {
    let mut best = None;
    for (at, _) in sentence.match_indices([',', ';', ':', '—', '–', '(']) {
        let head = sentence[..at].trim_end();
        if head.chars().count() > MAX_TITLE_CHARS {
            break;
        }
        let followed_by_space = sentence[at..]
            .chars()
            .nth(1)
            .is_some_and(char::is_whitespace)
            || sentence[..at].ends_with(' ');
        if followed_by_space
            && head.split_whitespace().count() >= MIN_CLAUSE_WORDS
            && quotes_balanced(head)
            && !ends_weakly(head)
        {
            best = Some(head.to_string());
        }
    }
    best
}

/// Cuts at the last word boundary under the limit, drops dangling function
/// words, and marks the cut with an ellipsis.
fn word_cut(sentence: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    let mut length = 0;
    for word in sentence.split_whitespace() {
        let added = word.chars().count() + usize::from(!words.is_empty());
        if length + added > MAX_TITLE_CHARS - 1 {
            break;
        }
        length += added;
        words.push(word);
    }
    while words.len() > 1 && words.last().is_some_and(|w| is_weak(w)) {
        words.pop();
    }
    let head = words.join(" ");
    let head = head.trim_end_matches([',', ';', ':', '—', '–', '-', ' ']);
    format!("{head}…")
}

fn ends_weakly(head: &str) -> bool {
    head.split_whitespace().last().is_some_and(is_weak)
}

fn is_weak(word: &str) -> bool {
    let bare = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    WEAK_ENDINGS.contains(&bare.as_str())
}

fn quotes_balanced(text: &str) -> bool {
    let open = text.matches('“').count();
    let close = text.matches('”').count();
    open == close && text.matches('"').count().is_multiple_of(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE_LEDE: &str = "North Korean leader Kim Jong Un has reiterated his full support for Russia’s efforts in Ukraine, declaring Pyongyang’s readiness to “unconditionally support” all measures taken by Moscow to resolve the conflict, according to North Korean state media.";

    #[test]
    fn sample_lede_is_cut_at_its_first_clause() {
        assert_eq!(
            derive(SAMPLE_LEDE),
            "North Korean leader Kim Jong Un has reiterated his full support for Russia’s efforts in Ukraine"
        );
    }

    #[test]
    fn short_first_sentence_is_the_headline() {
        assert_eq!(
            derive("A bus crashed near Baracoa on Thursday. It was carrying tourists."),
            "A bus crashed near Baracoa on Thursday"
        );
    }

    #[test]
    fn dateline_and_opening_time_phrase_are_dropped() {
        assert_eq!(
            derive("MOSCOW (Reuters) — Talks resumed today."),
            "Talks resumed today"
        );
        assert_eq!(
            derive("On Thursday, senators proposed new limits on terms in office."),
            "Senators proposed new limits on terms in office"
        );
    }

    #[test]
    fn long_sentence_without_boundary_is_cut_on_a_word_with_ellipsis() {
        let lede = "The committee voted unanimously to approve the sweeping reform package that had been debated for several months by members of both chambers of the legislature";
        let title = derive(lede);
        assert!(title.ends_with('…'), "{title}");
        assert!(title.chars().count() <= MAX_TITLE_CHARS, "{title}");
        assert!(
            !title.ends_with(" the…") && !title.ends_with(" of…"),
            "{title}"
        );
    }

    #[test]
    fn commas_inside_numbers_are_not_boundaries() {
        let lede = "Officials said that more than 10,000 people had been evacuated, a spokesman for the regional emergency service told reporters at a briefing in the capital on Sunday";
        assert_eq!(
            derive(lede),
            "Officials said that more than 10,000 people had been evacuated"
        );
    }

    #[test]
    fn a_boundary_inside_open_quotes_is_skipped() {
        let lede = "The minister called the plan “bold, necessary and overdue” before parliament voted on the measure overnight, with several members of the opposition abstaining from the final count";
        let title = derive(lede);
        assert!(!title.ends_with("“bold"), "{title}");
        assert_eq!(
            title,
            "The minister called the plan “bold, necessary and overdue” before parliament voted on the measure overnight"
        );
    }
}
