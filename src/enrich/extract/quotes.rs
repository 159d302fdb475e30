//! Quoted passages and who said them.
//!
//! Curly (“…”, ‘…’) and straight ("…") quotation marks are read; a quote
//! left open at the end of a paragraph runs to its end, as in news copy. A
//! passage of fewer than three words is a scare quote, not a statement.
//! The speaker is the name the text attaches to it:
//!
//! * after the quote with a verb of saying: "“…,” Kim was quoted as saying",
//!   "“…,” said Aisha Bello";
//! * before it: "Lavrov praised the relationship as “…”", "KCNA reported
//!   that Kim “…”" (the person nearest the quote wins over the agency);
//! * a pronoun or a role ("he said", "the Polish player said") goes to the
//!   person named last before the quote.

use serde::{Deserialize, Serialize};

use super::candidate::{Candidate, EntityKind};
use super::entities::Mention;
use crate::enrich::sentences::sentence_ends;

/// A quoted passage and who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The words inside the quotation marks.
    pub text: String,
    /// The speaker, as a candidate's name, when the text names one.
    pub speaker: Option<String>,
}

/// The fewest words a quoted statement has.
const MIN_WORDS: usize = 3;

/// Verbs that attribute a quote (a subset of the entity rules' list, in
/// the forms that come next to quotes).
const VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "adds",
    "stated",
    "warned",
    "wrote",
    "tweeted",
    "quoted",
    "saying",
    "declared",
    "explained",
    "insisted",
    "argued",
    "asked",
    "replied",
    "noted",
    "praised",
    "described",
    "called",
    "calls",
    "reaffirmed",
    "urged",
    "claimed",
    "announced",
    "admitted",
    "promised",
    "vowed",
    "recalled",
    "continued",
    "posted",
    "remarked",
    "stressed",
];

/// A quotation in a paragraph, as byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    /// The opening mark.
    open: usize,
    /// The first byte inside.
    start: usize,
    /// Just after the last byte inside.
    end: usize,
    /// Just after the closing mark.
    close: usize,
}

/// Finds the quotes of an article and their speakers.
pub fn extract(
    paragraphs: &[String],
    candidates: &[Candidate],
    mentions: &[Mention],
) -> Vec<Quote> {
    let mut quotes = Vec::new();
    for (index, text) in paragraphs.iter().enumerate() {
        if !text.contains(['“', '"', '‘']) {
            continue;
        }
        let spans = spans(text);
        if spans.is_empty() {
            continue;
        }
        let scope = Scope {
            text,
            index,
            ends: sentence_ends(text),
            candidates,
            mentions,
        };
        for span in spans {
            let inner = text[span.start..span.end]
                .trim()
                .trim_end_matches(',')
                .trim_end();
            if inner.split_whitespace().count() < MIN_WORDS {
                continue;
            }
            let speaker = speaker(&scope, span);
            quotes.push(Quote {
                text: inner.to_string(),
                speaker: speaker.map(|c| candidates[c].name.clone()),
            });
        }
    }
    quotes
}

/// The quotations of a paragraph.
fn spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut previous = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |(_, n)| *n);
        let after = at + c.len_utf8();
        match (open, c) {
            (None, '“') => open = Some((at, '”')),
            (None, '"') => open = Some((at, '"')),
            (None, '‘') if !previous.is_alphanumeric() && !next.is_whitespace() => {
                open = Some((at, '’'));
            }
            (Some((start, close)), c) if c == close => {
                let closes = close != '’' || !next.is_alphanumeric();
                if closes {
                    spans.push(span_of(text, start, at, after));
                    open = None;
                }
            }
            _ => {}
        }
        previous = c;
    }
    if let Some((start, _)) = open {
        spans.push(span_of(text, start, text.len(), text.len()));
    }
    spans
}

fn span_of(text: &str, open: usize, end: usize, close: usize) -> Span {
    let start = open + text[open..].chars().next().map_or(1, char::len_utf8);
    Span {
        open,
        start: start.min(end),
        end,
        close,
    }
}

/// What the attribution rules look at: one paragraph and the article's
/// candidates and mentions.
struct Scope<'a> {
    text: &'a str,
    index: usize,
    /// Where the paragraph's sentences end.
    ends: Vec<usize>,
    candidates: &'a [Candidate],
    mentions: &'a [Mention],
}

impl Scope<'_> {
    fn is_person(&self, m: &Mention) -> bool {
        person_like(&self.candidates[m.candidate])
    }

    /// Mentions in this paragraph starting in `from..to`, in order.
    fn mentions_in(&self, from: usize, to: usize) -> impl DoubleEndedIterator<Item = &Mention> {
        self.mentions
            .iter()
            .filter(move |m| m.paragraph == self.index && m.start >= from && m.start < to)
    }

    /// The person named last before byte `at` of this paragraph.
    fn last_person_before(&self, at: usize) -> Option<usize> {
        self.mentions
            .iter()
            .rev()
            .filter(|m| m.paragraph < self.index || (m.paragraph == self.index && m.end <= at))
            .find(|m| self.is_person(m))
            .map(|m| m.candidate)
    }
}

/// The candidate who said the quote at `span` of the scope's paragraph.
fn speaker(scope: &Scope<'_>, span: Span) -> Option<usize> {
    let (text, ends) = (scope.text, &scope.ends);
    let sentence_start = ends
        .iter()
        .rev()
        .find(|&&e| e <= span.open)
        .copied()
        .unwrap_or(0);
    let sentence_end = ends
        .iter()
        .find(|&&e| e >= span.close)
        .copied()
        .unwrap_or(text.len());
    if has_verb(&text[span.close..sentence_end]) {
        // "“…,” Kim was quoted as saying", "“…,” said Aisha Bello", "he said".
        let mut after = scope.mentions_in(span.close, sentence_end).peekable();
        let first = after.peek().map(|m| m.candidate);
        let person = after.find(|m| scope.is_person(m)).map(|m| m.candidate);
        return person
            .or(first)
            .or_else(|| scope.last_person_before(span.open));
    }
    speaker_before(scope, span, sentence_start)
}

/// "Lavrov praised the relationship as “…”", "KCNA reported that Kim “…”",
/// "He added, “…”": the name (or pronoun) before the quote in its sentence.
fn speaker_before(scope: &Scope<'_>, span: Span, sentence_start: usize) -> Option<usize> {
    let before: Vec<&Mention> = scope
        .mentions_in(sentence_start, span.open)
        .filter(|m| m.end <= span.open)
        .collect();
    let nearest = before
        .iter()
        .rev()
        .find(|m| scope.is_person(m))
        .or(before.last());
    if let Some(m) = nearest {
        let between = &scope.text[m.end..span.open];
        if between.trim().is_empty() || has_verb(between) {
            return Some(m.candidate);
        }
    }
    let lead = &scope.text[sentence_start..span.open];
    let pronoun = lead
        .split_whitespace()
        .any(|w| matches!(w, "He" | "She" | "he" | "she"));
    (pronoun && has_verb(lead))
        .then(|| scope.last_person_before(span.open))
        .flatten()
}

/// Whether `text` holds a verb that attributes a quote.
fn has_verb(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| VERBS.contains(&w))
}

fn person_like(c: &Candidate) -> bool {
    c.known == Some(EntityKind::Person)
        || (c.known.is_none() && c.evidence.kind() == Some(EntityKind::Person))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes_of(text: &str) -> Vec<(String, Option<String>)> {
        let paragraphs: Vec<String> = text.lines().map(str::to_string).collect();
        let paras: Vec<crate::enrich::extract::entities::Para<'_>> = paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| crate::enrich::extract::entities::Para::new(i, p))
            .collect();
        let found = crate::enrich::extract::entities::extract(
            &paras,
            crate::enrich::extract::lexicon::Lexicon::builtin(),
        );
        extract(&paragraphs, &found.candidates, &found.mentions)
            .into_iter()
            .map(|q| (q.text, q.speaker))
            .collect()
    }

    #[test]
    fn spans_read_curly_straight_and_open_quotes() {
        let text =
            "He said “one two three,” and \"four five six\" and ‘seven eight nine’ then “open";
        let inner: Vec<&str> = spans(text).iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(
            inner,
            [
                "one two three,",
                "four five six",
                "seven eight nine",
                "open"
            ]
        );
        assert!(spans("Russia’s and Teachers’ union").is_empty());
    }

    #[test]
    fn speakers_after_before_and_by_pronoun() {
        let q = quotes_of(
            "Foreign Minister Sergei Lavrov arrived. “We are old friends here,” Lavrov told reporters.\nPresident Andrzej Duda said the victims were \"joyful girls starting out\" in a tragedy.\nHe added, “May God protect their parents.”",
        );
        let speakers: Vec<Option<&str>> = q.iter().map(|(_, s)| s.as_deref()).collect();
        assert_eq!(
            speakers,
            [
                Some("Sergei Lavrov"),
                Some("Andrzej Duda"),
                Some("Andrzej Duda")
            ]
        );
        assert_eq!(q[0].0, "We are old friends here");
    }

    #[test]
    fn scare_quotes_are_not_statements_and_unattributed_quotes_stay_anonymous() {
        let q = quotes_of(
            "The plan is “unconditionally good” for now.\n“Nothing will change overnight,” a poster read.",
        );
        assert_eq!(q, [("Nothing will change overnight".to_string(), None)]);
    }
}
