//! Deriving a headline from an article's lede.
//!
//! Wire stories often come without a title. The headline comes from the
//! lede's first sentence: a dateline ("MOSCOW (AP) — "), an introductory
//! phrase ("On Thursday, ", "In findings published in Nature, ") and asides
//! ("(KCNA)", ", which is run by the army,") are dropped; if what is left is
//! too long it is cut at the first clause boundary that leaves a clause worth
//! reading, and failing that at a word boundary with an ellipsis.

use super::sentences::first_sentence;

/// The longest derived headline, in characters.
pub(crate) const MAX_TITLE_CHARS: usize = 110;

/// A clause must have at least this many words to stand as a headline.
const MIN_CLAUSE_WORDS: usize = 5;

/// The longest introductory phrase dropped, in words.
const MAX_OPENER_WORDS: usize = 15;

/// Words a cut headline must not end on.
const WEAK_ENDINGS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "and", "or",
    "but", "that", "which", "who", "its", "his", "her", "their", "our", "is", "was", "has", "have",
    "had", "be", "been", "were", "are", "into", "after", "before", "over", "under",
];

/// First words of an introductory phrase (time, place, source) that a
/// headline does without.
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
    "After",
    "Following",
    "From",
    "As",
    "According",
    "Amid",
    "Despite",
    "While",
    "When",
    "Although",
    "Since",
    "Before",
    "With",
    "Under",
    "Speaking",
    "Beyond",
    "Recently",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A headline for an article whose lede is `lede`.
pub(crate) fn derive(lede: &str) -> String {
    let sentence = first_sentence(strip_dateline(lede.trim()));
    let mut sentence = sentence.to_string();
    // Openers chain: "On Saturday, in a brief statement, the president …".
    for _ in 0..3 {
        let stripped = strip_opener(&sentence);
        if stripped == sentence {
            break;
        }
        sentence = stripped;
    }
    let sentence = strip_asides(&sentence);
    let sentence = capitalize_first(strip_attribution(sentence.trim_end_matches(['.', ' '])));
    let sentence = sentence.as_str();
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

/// Drops an introductory phrase ending in a comma: "On Thursday, ",
/// "In findings published in Nature, ", "As part of a visit to Cahors,
/// France, ". Kept when too long or when too little would be left.
fn strip_opener(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or_default();
    let first = capitalize_first(first_word.trim_end_matches([',', ';', ':']));
    let Some(mut end) = text.find(", ") else {
        return text.to_string();
    };
    if !OPENERS.contains(&first.as_str())
        || text[..end].split_whitespace().count() > MAX_OPENER_WORDS
        || names_a_subject(&text[..end])
    {
        return text.to_string();
    }
    // "…in Cahors, France, the …": a place's country belongs to the opener.
    end = extend_over_places(text, end);
    let rest = &text[end + 2..];
    if rest.split_whitespace().count() < MIN_CLAUSE_WORDS {
        return text.to_string();
    }
    capitalize_first(rest)
}

/// Whether an opener candidate ("This morning Jacques Chirac") carries a
/// name that is not the object of a preposition, i.e. it holds the
/// sentence's subject and must stay.
fn names_a_subject(phrase: &str) -> bool {
    const LEADS: &[&str] = &[
        "in", "at", "of", "from", "by", "for", "to", "the", "with", "on", "near", "and",
    ];
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let capital = |w: &&str| w.starts_with(char::is_uppercase);
    let mut i = 1;
    while i < words.len() {
        if capital(&words[i]) && words.get(i + 1).is_some_and(capital) {
            if !LEADS.contains(&words[i - 1]) {
                return true;
            }
            while i < words.len() && capital(&words[i]) {
                i += 1;
            }
        }
        i += 1;
    }
    false
}

/// Removes what a headline can do without: bracketed asides, appositives
/// ("John Stevens, a former justice, died" → "John Stevens died") and
/// non-restrictive relative clauses (", which …," / ", who …,").
fn strip_asides(text: &str) -> String {
    let mut out = strip_brackets(text);
    let mut from = 0;
    while let Some(found) = out[from..].find(", ") {
        let start = from + found;
        let after = start + 2;
        let Some(close) = out[after..]
            .find(", ")
            .map(|c| extend_over_places(&out, after + c))
        else {
            break;
        };
        let piece = &out[after..close];
        if is_aside(&out[..start], piece) {
            out.replace_range(start..close + 2, " ");
        } else {
            from = after;
        }
    }
    out
}

/// Whether `piece`, set off by commas after `before`, can be dropped.
fn is_aside(before: &str, piece: &str) -> bool {
    let words: Vec<&str> = piece.split_whitespace().collect();
    let first = words.first().copied().unwrap_or_default();
    let relative = matches!(first, "which" | "who");
    let limit = if relative { 30 } else { 20 };
    if words.is_empty()
        || words.len() > limit
        || !quotes_balanced(piece)
        || !quotes_balanced(before)
    {
        return false;
    }
    let age = matches!(first, "age" | "aged") || first.bytes().all(|b| b.is_ascii_digit());
    let article = matches!(first, "a" | "an" | "the");
    let role_of =
        first.starts_with(char::is_lowercase) && matches!(words.get(1), Some(&"of" | &"for"));
    let after_name = is_name(before) && first.starts_with(char::is_lowercase);
    relative || article || role_of || after_name || age
}

/// Whether `text` is a short run of capitalised words (a person's name,
/// allowing particles such as "van" or "bin").
fn is_name(text: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "van", "von", "de", "der", "del", "da", "di", "bin", "al", "le", "la",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || PARTICLES.contains(w))
}

/// Moves a comma position `end` past "Pretoria, South Africa"-style place
/// continuations: one or two capitalised words followed by a comma.
fn extend_over_places(text: &str, mut end: usize) -> usize {
    while let Some(next) = text[end + 2..].find(", ") {
        let piece = &text[end + 2..end + 2 + next];
        let words: Vec<&str> = piece.split_whitespace().collect();
        if words.is_empty()
            || words.len() > 2
            || !words.iter().all(|w| w.starts_with(char::is_uppercase))
        {
            break;
        }
        end += 2 + next;
    }
    end
}

/// Verbs that close a trailing attribution (", his family said").
const ATTRIBUTION_VERBS: &[&str] = &["said", "says", "reported", "reports", "announced", "added"];

/// Drops a trailing attribution: ", according to state media" or a short
/// ", officials said".
fn strip_attribution(text: &str) -> &str {
    let Some(at) = text.rfind(", ") else {
        return text;
    };
    let tail = &text[at + 2..];
    let words: Vec<&str> = tail.split_whitespace().collect();
    let according = tail.starts_with("according to ");
    let said = words.len() <= 8
        && words
            .iter()
            .rev()
            .take(3)
            .any(|w| ATTRIBUTION_VERBS.contains(w));
    let head = &text[..at];
    if (according || said)
        && head.split_whitespace().count() >= MIN_CLAUSE_WORDS
        && quotes_balanced(head)
    {
        head
    } else {
        text
    }
}

/// Drops " (…)" asides, nested ones included; an unclosed bracket stays.
fn strip_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut pending = String::new();
    for c in text.chars() {
        match c {
            '(' => {
                depth += 1;
                pending.push(c);
            }
            ')' if depth > 0 => {
                depth -= 1;
                pending.push(c);
                if depth == 0 {
                    pending.clear();
                    while out.ends_with(' ') {
                        out.pop();
                    }
                }
            }
            c if depth > 0 => pending.push(c),
            c => {
                if c != ' ' && out.ends_with(' ') && out.trim_end().is_empty() {
                    out.clear();
                }
                if !(c == ' ' && out.ends_with(' ')) {
                    out.push(c);
                }
            }
        }
    }
    out.push_str(&pending);
    out
}

fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The shortest prefix ending at a clause boundary that has enough words,
/// balanced quotes and does not end on a function word.
fn clause_cut(sentence: &str) -> Option<String> {
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
            && !joins_place_names(head, &sentence[at..])
            && head.split_whitespace().count() >= MIN_CLAUSE_WORDS
            && quotes_balanced(head)
            && !ends_weakly(head)
        {
            return Some(head.to_string());
        }
    }
    None
}

/// Whether a comma sits between two capitalised words, as in
/// "Frederick, Maryland": a place, not a clause boundary.
fn joins_place_names(head: &str, from_comma: &str) -> bool {
    let before = head.split_whitespace().last().unwrap_or_default();
    let after = from_comma
        .get(1..)
        .unwrap_or_default()
        .split_whitespace()
        .next()
        .unwrap_or_default();
    before.starts_with(char::is_uppercase) && after.starts_with(char::is_uppercase)
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
    fn long_introductory_phrases_and_asides_are_dropped() {
        assert_eq!(
            derive(
                "In findings published earlier this month in Ecological Applications, scientists from the University of Washington examine why female penguins are declining."
            ),
            "Scientists from the University of Washington examine why female penguins are declining"
        );
        assert_eq!(
            derive(
                "As part of the celebration of 900 years of the cathedral in Cahors, France, the Holy Headdress was carried through the streets."
            ),
            "The Holy Headdress was carried through the streets"
        );
        assert_eq!(
            derive(
                "A bus operated by Viazul, which is run by the Cuban military's tourist section, crashed on Thursday between Baracoa and Guantanamo."
            ),
            "A bus operated by Viazul crashed on Thursday between Baracoa and Guantanamo"
        );
    }

    #[test]
    fn chained_openers_appositives_and_nested_brackets_are_dropped() {
        assert_eq!(
            derive(
                "On Saturday, in a brief but official statement, US President Donald Trump said Hamza bin Laden has been killed in a US counter-terrorism operation."
            ),
            "US President Donald Trump said Hamza bin Laden has been killed in a US counter-terrorism operation"
        );
        assert_eq!(
            derive(
                "John Paul Stevens, a former associate justice of the US Supreme Court, died on Tuesday in Florida after suffering a stroke the day before, his family said."
            ),
            "John Paul Stevens died on Tuesday in Florida after suffering a stroke the day before"
        );
        assert_eq!(
            derive("Leader Jarosław Kaczyński (of the Law and Justice Party (PiS)) won the vote."),
            "Leader Jarosław Kaczyński won the vote"
        );
    }

    #[test]
    fn a_comma_between_place_names_is_not_a_boundary() {
        let title = derive(
            "A retired agent died on Saturday at an assisted living facility in Frederick, Maryland where he had lived since the death of his wife many years before the agency honoured him.",
        );
        assert!(!title.ends_with("Frederick"), "{title}");
    }

    #[test]
    fn a_name_before_the_first_comma_is_not_an_opener() {
        assert_eq!(
            derive(
                "This morning Jacques Chirac, who served as President of France for twelve years, died at home in Paris, France, surrounded by family."
            ),
            "This morning Jacques Chirac died at home in Paris, France, surrounded by family"
        );
        assert_eq!(
            derive(
                "Japanese wrestler and television star Hana Kimura, age 22, has died, the wrestling promotion Stardom announced yesterday."
            ),
            "Japanese wrestler and television star Hana Kimura has died"
        );
    }

    #[test]
    fn the_first_clause_long_enough_is_taken() {
        assert_eq!(
            derive(
                "Former intelligence agent Tony Mendez died Saturday, his family said in a statement that also praised the staff of the hospice where he spent his final weeks."
            ),
            "Former intelligence agent Tony Mendez died Saturday"
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
