//! The present tense of a headline's main verb, where a rule is sure of
//! it: "has reiterated" → "reiterates", "have agreed" → "agree", "has been
//! killed" → "killed", "was rammed" → "rammed", and a simple past right
//! after its subject: "said" → "says", "killed" → "kills".
//!
//! The scan reads the clause's words from the left and rewrites the first
//! verb group it meets. It stops without a change at anything it is not
//! sure of: a modal or a present tense already, a clause opener ("who",
//! "when"), a comma or a quotation, a past form whose base the spelling
//! leaves in doubt, or a subject whose number it cannot tell.

use super::style::{bare, bare_end};
use crate::enrich::extract::lexicon::{List, word_lists};
use crate::enrich::verbs::{
    base_of_past, is_ed_form, is_participle, is_simple_past, third_singular,
};

/// Adverbs that may sit inside a verb group ("has also agreed").
const ADVERBS: &[&str] = &[
    "also",
    "now",
    "already",
    "just",
    "since",
    "finally",
    "again",
    "reportedly",
    "allegedly",
    "officially",
    "formally",
    "publicly",
    "recently",
    "previously",
    "once",
    "jointly",
    "repeatedly",
    "successfully",
    "reportedly",
    "unanimously",
    "narrowly",
    "quietly",
    "still",
];

/// Words after which a past form is an adjective, not a verb ("two armed
/// men", "the injured").
const BEFORE_ADJECTIVE: &[&str] = &[
    "a", "an", "the", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "of",
    "in", "on", "at", "for", "by", "with", "from", "to", "and", "or", "newly", "recently", "its",
    "his", "her", "their", "our", "my", "your", "this", "that", "these", "those", "no", "many",
    "several", "some", "most",
];

/// Words that end the subject: prepositions and what opens a clause.
const SUBJECT_ENDS: &[&str] = &[
    "of", "in", "at", "from", "for", "with", "on", "by", "near", "to", "under", "over", "after",
    "during", "about", "outside", "inside", "across", "between", "among",
];

/// Words after which the first verb is no longer the main clause's.
const CLAUSE_OPENERS: &[&str] = &[
    "who", "which", "that", "whose", "when", "while", "after", "before", "because", "if", "as",
    "where", "although", "though", "since", "until", "whether",
];

/// Auxiliaries and modals: a verb group the rules leave as written.
const OTHER_AUXILIARIES: &[&str] = &[
    "is", "are", "am", "will", "would", "can", "could", "may", "might", "must", "shall", "should",
    "does", "do", "did", "says", "say", "be",
];

/// Endings of capitalised plurals ("Americans", "Hong Kongers",
/// "Democrats") that a name rarely has.
const PLURAL_NAME_ENDINGS: &[&str] = &["ans", "ers", "ists", "ites", "ats", "ese"];

/// Possessive pronouns a headline leaves out after its verb.
const POSSESSIVES: &[&str] = &["his", "her", "its", "their"];

/// Plural nouns without a final "s".
const PLURALS: &[&str] = &[
    "people",
    "police",
    "children",
    "men",
    "women",
    "personnel",
    "cattle",
];

/// `text` with its first verb group in the present tense, where the rules
/// are sure of it, and the verb as it now reads (`None` when unchanged).
pub(super) fn present_tense(text: &str) -> (String, Option<String>) {
    let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
    let mut verb = None;
    for i in 1..words.len() {
        let before = &words[i - 1];
        if before.ends_with([',', ';', ':']) || words[i].contains(['“', '"', '‘']) {
            break;
        }
        let word = bare(&words[i]);
        match verb_at(&words, i, &word) {
            Step::Next => continue,
            Step::Stop => break,
            Step::Change(edit) => {
                verb = Some(edit.apply(&mut words));
                break;
            }
        }
    }
    (words.join(" "), verb)
}

/// What the scan does at a word.
enum Step {
    /// Not a verb of the main clause yet: read on.
    Next,
    /// A verb group the rules leave as written, or the main clause is over.
    Stop,
    /// A verb group to rewrite.
    Change(Edit),
}

/// A rewrite of a verb group: words to drop, and one to replace.
struct Edit {
    drop: Vec<usize>,
    replace: Option<(usize, String)>,
}

impl Edit {
    /// Rewrites `words`; the verb as it now reads.
    fn apply(mut self, words: &mut Vec<String>) -> String {
        let mut verb = String::new();
        if let Some((at, base)) = self.replace {
            verb.clone_from(&base);
            let w = &words[at];
            let end = bare_end(w);
            let start = w.len() - w.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
            // "reiterates his full support" → "reiterates full support".
            let possessive = words
                .get(at + 1)
                .is_some_and(|p| POSSESSIVES.contains(&p.as_str()))
                && words
                    .get(at + 2)
                    .is_some_and(|n| n.starts_with(char::is_lowercase));
            if end == w.len() && possessive {
                self.drop.push(at + 1);
            }
            words[at] = format!("{}{base}{}", &w[..start], &w[end..]);
        }
        self.drop.sort_unstable();
        for at in self.drop.into_iter().rev() {
            let removed = words.remove(at);
            if verb.is_empty() {
                // "was rammed" → "rammed": the participle is the verb now.
                verb = words.get(at).map_or(removed, |w| bare(w).into_owned());
            }
        }
        verb
    }
}

/// The step at word `i` (`word` is it bare and lower-cased).
fn verb_at(words: &[String], i: usize, word: &str) -> Step {
    let next = |from: usize| {
        let mut k = from;
        while words.get(k).is_some_and(|w| ADVERBS.contains(&&*bare(w))) {
            k += 1;
        }
        (
            k,
            words
                .get(k)
                .map(|w| bare(w).into_owned())
                .unwrap_or_default(),
        )
    };
    // A capital, even after punctuation ("'Fed", "*Fed"), starts a name.
    if words[i]
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .starts_with(char::is_uppercase)
    {
        return Step::Next;
    }
    match word {
        "has" | "have" => perfect(i, word == "has", next),
        "had" => {
            // "had killed" is a past perfect; "had its premiere" a past.
            let (_, after) = next(i + 1);
            if is_participle(&after) {
                Step::Stop
            } else {
                simple_past(words, i, word)
            }
        }
        "was" | "were" => {
            let (_, participle) = next(i + 1);
            let after_relative = CLAUSE_OPENERS.contains(&&*bare(&words[i - 1]));
            if is_participle(&participle) && participle != "been" && !after_relative {
                Step::Change(Edit {
                    drop: vec![i],
                    replace: None,
                })
            } else {
                Step::Stop
            }
        }
        w if OTHER_AUXILIARIES.contains(&w) || CLAUSE_OPENERS.contains(&w) => Step::Stop,
        w if is_simple_past(w) => simple_past(words, i, w),
        _ => Step::Next,
    }
}

/// "has reiterated" → "reiterates", "have agreed" → "agree", "has been
/// killed" → "killed"; "has" as a main verb ends the scan.
fn perfect(i: usize, singular: bool, next: impl Fn(usize) -> (usize, String)) -> Step {
    let (j, verb) = next(i + 1);
    if verb == "been" {
        let (k, participle) = next(j + 1);
        return if is_participle(&participle) && k > j {
            Step::Change(Edit {
                drop: vec![i, j],
                replace: None,
            })
        } else {
            Step::Stop
        };
    }
    if !is_participle(&verb) {
        return Step::Stop;
    }
    match base_of_past(&verb) {
        Some(base) => Step::Change(Edit {
            drop: vec![i],
            replace: Some((j, present(&base, singular))),
        }),
        None => Step::Stop,
    }
}

/// "Trump said" → "Trump says", "A fire killed" → "A fire kills", where
/// the word is the main verb: not an adjective ("two armed men"), not a
/// reduced relative ("a bus operated by…", "a man killed in the attack was
/// named"), and its subject's number is clear.
fn simple_past(words: &[String], i: usize, word: &str) -> Step {
    let previous = bare(&words[i - 1]);
    // "2 armed men", but "Toronto Comicon 2019 returned".
    let count = previous.starts_with(|c: char| c.is_ascii_digit())
        && !(i >= 2 && words[i - 2].starts_with(char::is_uppercase));
    if BEFORE_ADJECTIVE.contains(&&*previous) || count {
        return Step::Next;
    }
    let next = words.get(i + 1).map(|w| bare(w)).unwrap_or_default();
    if next == "by" {
        return Step::Next;
    }
    // "A man killed in the attack was named", "deaths linked to the virus
    // surpassed…": a past form followed by a preposition (or nothing) is
    // inside the subject when another verb follows in the same clause.
    let open = next.is_empty() || SUBJECT_ENDS.contains(&&*next);
    let later_verb = open && {
        let clause = words[i + 1..]
            .iter()
            .take_while(|w| !w.ends_with([',', ';', ':']) && !opens_a_clause(&bare(w)));
        clause.map(|w| bare(w)).any(|w| {
            matches!(
                &*w,
                "was" | "were" | "is" | "are" | "has" | "have" | "had" | "will"
            ) || is_simple_past(&w)
        })
    };
    if later_verb {
        return Step::Stop;
    }
    let (Some(base), Some(singular)) = (base_of_past(word), subject_is_singular(&words[..i]))
    else {
        return Step::Stop;
    };
    Step::Change(Edit {
        drop: Vec::new(),
        replace: Some((i, present(&base, singular))),
    })
}

/// Whether `word` opens a clause of its own: a conjunction, a relative or
/// interrogative word, or a subject pronoun ("…what he named…").
fn opens_a_clause(word: &str) -> bool {
    CLAUSE_OPENERS.contains(&word)
        || matches!(
            word,
            "what" | "how" | "why" | "he" | "she" | "they" | "we" | "it" | "i"
        )
}

/// A word without the punctuation around it, as written.
fn bare_cased(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

fn present(base: &str, singular: bool) -> String {
    if singular {
        third_singular(base)
    } else {
        base.to_string()
    }
}

/// Whether the subject `words` is singular (`None` when unclear): its head
/// is the last word before a preposition or a participle phrase.
fn subject_is_singular(words: &[String]) -> Option<bool> {
    let mut end = words.len();
    for (k, w) in words.iter().enumerate().skip(1) {
        let b = bare(w);
        let participle_phrase = is_ed_form(&b) && words.get(k + 1).is_some_and(|n| bare(n) == "by");
        if SUBJECT_ENDS.contains(&&*b) || participle_phrase {
            end = k;
            break;
        }
    }
    let head = words[..end].last()?;
    let lower = bare(head);
    match &*lower {
        "he" | "she" | "it" => return Some(true),
        "they" | "we" | "i" | "you" => return Some(false),
        _ => {}
    }
    // A capitalised first word is a common noun capitalised ("Scientists").
    if head.starts_with(char::is_uppercase) && end > 1 {
        let acronym = head
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        let in_name = words[end - 2].starts_with(char::is_uppercase);
        let plural_ending = PLURAL_NAME_ENDINGS.iter().any(|e| lower.ends_with(e));
        // "Representative John Conyers": a title makes the run a person.
        let titled = words[..end]
            .iter()
            .any(|w| word_lists(&bare_cased(w)) & List::Title.bit() != 0);
        let person = in_name && (!plural_ending || titled);
        return (acronym || !lower.ends_with('s') || person).then_some(true);
    }
    if PLURALS.contains(&&*lower) {
        return Some(false);
    }
    let plural = lower.ends_with('s') && !["ss", "us", "is"].iter().any(|e| lower.ends_with(e));
    Some(!plural)
}

#[cfg(test)]
mod tests;
