//! Deriving a headline from an article's lede.
//!
//! Wire stories often come without a title. The headline comes from the
//! lede's first sentence (its dateline already read off, see `dateline`):
//! an introductory phrase ("On Thursday, ", "In findings published in
//! Nature, "), asides ("(KCNA)", ", which is run by the army,"), a trailing
//! attribution and times ("yesterday", "on Monday") are dropped, and
//! headline conventions applied where a rule is sure (`style`: "has
//! reiterated" → "reiterates", "said" → "says", no leading article). If
//! what is left is too long it is cut at the first clause boundary that
//! leaves a clause worth reading, else before the last phrase that fits
//! (never after a preposition, article or conjunction, never inside a
//! name), and only failing both at a word with an ellipsis.

mod style;
mod tense;

use super::sentences::first_sentence;
use super::verbs::is_simple_past;
use style::bare;

/// The longest derived headline, in characters.
pub(crate) const MAX_TITLE_CHARS: usize = 90;

/// A clause must have at least this many words to stand as a headline.
const MIN_CLAUSE_WORDS: usize = 5;

/// The longest introductory phrase dropped, in words.
const MAX_OPENER_WORDS: usize = 15;

/// Words a cut headline must not end on.
const WEAK_ENDINGS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "and", "or",
    "but", "that", "which", "who", "its", "his", "her", "their", "our", "is", "was", "has", "have",
    "had", "be", "been", "were", "are", "into", "after", "before", "over", "under", "due", "via",
    "per", "amid", "despite", "during", "near", "than", "such", "about", "against", "between",
    "without", "within", "because", "since", "while", "when", "where", "if", "whether", "both",
    "either", "not", "no", "this", "these", "those", "will", "would", "can", "could", "may",
    "might", "must", "should", "very", "more", "most", "less", "whose", "whom", "my", "your",
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
    let sentence = first_sentence(head(lede.trim(), MAX_SENTENCE_BYTES));
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
    let sentence = style::abbreviate(&style::drop_times(&sentence));
    let (sentence, verb) = tense::present_tense(&sentence);
    let sentence = style::drop_articles(&sentence);
    let sentence = capitalize_first(&style::drop_leading_article(&sentence));
    let mut sentence = sentence.trim_end_matches(['.', ',', ' ']).to_string();
    let is_verb = |word: &str| verb.as_deref() == Some(word) || is_verb_word(word);
    if sentence.chars().count() > MAX_TITLE_CHARS {
        sentence = style::drop_affiliation(&sentence, is_verb);
    }
    if sentence.chars().count() <= MAX_TITLE_CHARS {
        return sentence;
    }
    cut(&sentence, &is_verb)
}

/// How much of a lede the headline rules read: far more than any first
/// sentence of a news story, so a runaway paragraph (megabytes without a
/// full stop) is not copied and rewritten word by word a dozen times.
const MAX_SENTENCE_BYTES: usize = 4_096;

/// The first `max` bytes of `text` (fewer, to end on a character).
fn head(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Finite verbs and auxiliaries a headline's main clause may have besides
/// a past form.
const VERB_WORDS: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may",
    "might", "must", "says", "say", "shall", "should", "does", "do", "did",
];

fn is_verb_word(word: &str) -> bool {
    VERB_WORDS.contains(&word) || is_simple_past(word)
}

/// `sentence` cut to the limit: at a clause boundary, else before a
/// phrase, else at a word with an ellipsis. When the main verb is within
/// reach the cut keeps it ("Fiancée of journalist Jamal Khashoggi" is no
/// headline).
fn cut(sentence: &str, is_verb: &dyn Fn(&str) -> bool) -> String {
    let (mut start, mut chars, mut verb_end) = (0, 0, 0);
    for word in sentence.split(' ') {
        chars += word.chars().count();
        if chars > MAX_TITLE_CHARS {
            break;
        }
        if is_verb(&bare(word)) {
            verb_end = start + word.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
            break;
        }
        start += word.len() + 1;
        chars += 1;
    }
    let keeps = |head: &str| head.len() >= verb_end;
    clause_cut(sentence, &keeps)
        .or_else(|| phrase_cut(sentence, &keeps))
        .unwrap_or_else(|| word_cut(sentence))
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
    // "Acting via his lawyers, …", "Speaking to reporters, …"; not a
    // subject before an attribution ("Shipping rates rose 4%, the agency
    // said").
    let participle = first.ends_with("ing")
        && first.chars().count() > 5
        && !is_attribution(text[end + 2..].trim_end_matches(['.', ' ']));
    if !(OPENERS.contains(&first.as_str()) || participle)
        || text[..end].split_whitespace().count() > MAX_OPENER_WORDS
        || names_a_subject(&text[..end])
    {
        return text.to_string();
    }
    // "…in Cahors, France, the …": a place's country belongs to the opener
    // (but "On Wednesday, Carrie Lam, the…" names the subject).
    if ends_with_a_place(&text[..end]) {
        end = extend_over_places(text, end);
    }
    let rest = &text[end + 2..];
    if rest.split_whitespace().count() < MIN_CLAUSE_WORDS {
        return text.to_string();
    }
    capitalize_first(rest)
}

/// Whether `phrase` ends with a place after a preposition ("in Cahors").
fn ends_with_a_place(phrase: &str) -> bool {
    const BEFORE_PLACES: &[&str] = &["in", "at", "near", "from", "of", "outside", "to", "across"];
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let run = words
        .iter()
        .rev()
        .take_while(|w| w.starts_with(char::is_uppercase))
        .count();
    run > 0 && run < words.len() && BEFORE_PLACES.contains(&words[words.len() - run - 1])
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
        } else if names_the_role(&out[..start], piece, &out[close + 2..]) {
            // "England's transport secretary, Grant Shapps, said" → the
            // name joins its role: "…transport secretary Grant Shapps said".
            out.replace_range(close..close + 2, " ");
            out.replace_range(start..after, " ");
        } else {
            from = after;
        }
    }
    out
}

/// Whether `piece` is a name set off after the lower-case role it names,
/// with the verb after it: "the party's leader, Jo Bloggs, said".
fn names_the_role(before: &str, piece: &str, rest: &str) -> bool {
    let role = before
        .split_whitespace()
        .last()
        .is_some_and(|w| w.starts_with(char::is_lowercase));
    role && is_name(piece) && rest.starts_with(char::is_lowercase)
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
const ATTRIBUTION_VERBS: &[&str] = &[
    "said",
    "says",
    "reported",
    "reports",
    "announced",
    "added",
    "indicated",
    "showed",
    "stated",
    "confirmed",
];

/// Whether `tail` only says who said what came before it ("the agency
/// said on Monday", "according to officials").
fn is_attribution(tail: &str) -> bool {
    let words: Vec<&str> = tail.split_whitespace().collect();
    let according = tail.starts_with("according to ");
    let said = words.len() <= 8
        && words
            .iter()
            .rev()
            .take(3)
            .any(|w| ATTRIBUTION_VERBS.contains(w));
    according || said
}

/// Drops a trailing attribution: ", according to state media" or a short
/// ", officials said".
fn strip_attribution(text: &str) -> &str {
    let Some(at) = text.rfind(", ") else {
        return text;
    };
    let head = &text[..at];
    if is_attribution(&text[at + 2..])
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
        Some(first) if !first.is_uppercase() => {
            let mut out = String::with_capacity(text.len() + 2);
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
            out
        }
        _ => text.to_string(),
    }
}

/// The shortest prefix ending at a clause boundary that has enough words,
/// balanced quotes and does not end on a function word.
fn clause_cut(sentence: &str, keeps: &dyn Fn(&str) -> bool) -> Option<String> {
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
            && keeps(head)
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

/// Words a headline may be cut before: prepositions and what opens a
/// clause or a phrase of its own.
const CUT_BEFORE: &[&str] = &[
    "in",
    "on",
    "at",
    "for",
    "with",
    "from",
    "after",
    "before",
    "during",
    "over",
    "under",
    "near",
    "amid",
    "despite",
    "since",
    "as",
    "while",
    "when",
    "where",
    "which",
    "who",
    "that",
    "because",
    "following",
    "including",
    "according",
    "to",
    "against",
    "between",
    "among",
    "across",
    "through",
    "into",
    "toward",
    "towards",
    "without",
    "within",
    "until",
    "by",
    "due",
];

/// The longest prefix within the limit that ends before a preposition or
/// a clause opener, has enough words, balanced quotes, and does not end on
/// a function word.
fn phrase_cut(sentence: &str, keeps: &dyn Fn(&str) -> bool) -> Option<String> {
    let mut best = None;
    let mut chars = 0;
    let mut from = 0;
    for (at, _) in sentence.match_indices(' ') {
        chars += sentence[from..at].chars().count();
        from = at;
        if chars > MAX_TITLE_CHARS {
            break;
        }
        let head = sentence[..at].trim_end_matches([',', ';', ':']);
        let next = sentence[at + 1..].split(' ').next().unwrap_or_default();
        if CUT_BEFORE.contains(&next)
            && head.split_whitespace().nth(MIN_CLAUSE_WORDS - 1).is_some()
            && quotes_balanced(head)
            && !ends_weakly(head)
            && keeps(head)
        {
            best = Some(head);
        }
    }
    best.map(str::to_string)
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

/// A function word, or a participle left without what it governs
/// ("resulting").
fn is_weak(word: &str) -> bool {
    let bare = bare(word);
    WEAK_ENDINGS.contains(&&*bare) || bare.ends_with("ing") && bare.chars().count() > 5
}

fn quotes_balanced(text: &str) -> bool {
    let open = text.matches('“').count();
    let close = text.matches('”').count();
    open == close && text.matches('"').count().is_multiple_of(2)
}

#[cfg(test)]
mod tests;
