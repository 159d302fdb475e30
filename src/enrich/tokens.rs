//! The words of a paragraph, for the extractors.
//!
//! A [`Token`] is a word with its byte range in the paragraph, its shape
//! (lower case, capitalised, all capitals, number) and whether it opens a
//! sentence. A possessive ending ("Russia’s", "Teachers’") is cut off and
//! remembered. Tokens borrow the paragraph: nothing is allocated per word.

use super::sentences::sentence_ends;

/// How a word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Starts with a lower-case letter: "leader".
    Lower,
    /// Starts with a capital: "Lavrov", "Jae-yong", and "al-Ansari".
    Capital,
    /// Two or more letters, all capitals: "KCNA", "U.S.".
    Upper,
    /// Starts with a digit: "10,000", "2.4", "3-1".
    Number,
}

/// One word of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word, without a possessive ending.
    pub text: &'a str,
    /// Byte offset of the word in the paragraph.
    pub start: usize,
    /// Byte offset just after `text`.
    pub end: usize,
    /// Byte offset just after the word including a possessive ending.
    pub full_end: usize,
    /// Whether a possessive ending was cut off.
    pub possessive: bool,
    /// Whether the word opens a sentence (or a quotation).
    pub sentence_start: bool,
    /// The sentence it belongs to, counted from 0 within the paragraph.
    pub sentence: u32,
    /// How it is written.
    pub shape: Shape,
}

impl Token<'_> {
    /// Whether the word starts with a capital (including acronyms).
    pub fn is_capitalised(&self) -> bool {
        matches!(self.shape, Shape::Capital | Shape::Upper)
    }
}

/// Splits a paragraph into tokens.
pub(crate) fn tokenize(paragraph: &str) -> Vec<Token<'_>> {
    let ends = sentence_ends(paragraph);
    let mut tokens = Vec::with_capacity(paragraph.len() / 5);
    let mut sentence = 0u32;
    let mut at = 0;
    let mut new_sentence = true;
    while let Some((word_start, end)) = next_word(paragraph, at) {
        let start = word_start + name_prefix(paragraph, word_start, end);
        while ends
            .get(sentence as usize)
            .is_some_and(|&boundary| boundary <= start)
        {
            sentence += 1;
            new_sentence = true;
        }
        let opens_quote = paragraph[at..start].ends_with(['“', '‘', '"']);
        let token = make_token(paragraph, start, end, sentence, new_sentence || opens_quote);
        new_sentence = false;
        at = token.full_end;
        tokens.push(token);
    }
    tokens
}

/// The length of a lower-case prefix joined to a name ("pro-" of
/// "pro-Velmoria", "anti-" of "anti-Velmar"): the name is the word. Not
/// before another capitalised word ("ex-Member Ana Ruiz" stays one word
/// and a name).
fn name_prefix(text: &str, start: usize, end: usize) -> usize {
    const PREFIXES: &[&str] = &[
        "pro-", "anti-", "non-", "ex-", "post-", "pre-", "mid-", "pan-",
    ];
    let word = &text[start..end];
    // Most words have no hyphen near their start.
    if !word.bytes().take(6).any(|b| b == b'-') {
        return 0;
    }
    let next_capital = text[end..]
        .strip_prefix(' ')
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_uppercase);
    if next_capital {
        return 0;
    }
    PREFIXES
        .iter()
        .find(|p| {
            word.strip_prefix(**p)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_uppercase)
        })
        .map_or(0, |p| p.len())
}

/// The byte range of the next word at or after `from`. ASCII letters and
/// digits are read byte by byte; any other character is decoded and
/// judged by what stands around it.
fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut start = from;
    loop {
        let b = *bytes.get(start)?;
        if b.is_ascii_alphanumeric() {
            break;
        }
        let c = text.get(start..)?.chars().next()?;
        if c.is_alphanumeric() {
            break;
        }
        start += c.len_utf8();
    }
    let mut end = start;
    let mut previous = ' ';
    while let Some(&b) = bytes.get(end) {
        if b.is_ascii_alphanumeric() {
            previous = char::from(b);
            end += 1;
            continue;
        }
        let mut chars = text[end..].chars();
        let Some(c) = chars.next() else { break };
        let next = chars.next().unwrap_or(' ');
        let joins = match c {
            c if c.is_alphanumeric() => true,
            '-' | '’' | '\'' | '.' | '&' => next.is_alphanumeric(),
            ',' => previous.is_ascii_digit() && next.is_ascii_digit(),
            _ => false,
        };
        if !joins {
            break;
        }
        end += c.len_utf8();
        previous = c;
    }
    // "U.S." keeps its final dot.
    let word = &text[start..end];
    if word.contains('.') && text[end..].starts_with('.') && is_initials(word) {
        end += 1;
    }
    Some((start, end))
}

/// "U.S", "U.K", "D.C": single letters joined by dots.
fn is_initials(word: &str) -> bool {
    word.split('.')
        .all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase))
}

fn make_token(text: &str, start: usize, end: usize, sentence: u32, opens: bool) -> Token<'_> {
    let mut word = &text[start..end];
    let mut full_end = end;
    let mut possessive = false;
    for suffix in ["’s", "'s"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
        {
            word = stem;
            possessive = true;
        }
    }
    if !possessive && word.ends_with('s') {
        let after = &text[end..];
        let mut rest = after.chars();
        if matches!(rest.next(), Some('’' | '\''))
            && !rest.next().is_some_and(char::is_alphanumeric)
        {
            possessive = true;
            full_end = end + after.chars().next().map_or(0, char::len_utf8);
        }
    }
    Token {
        text: word,
        start,
        end: start + word.len(),
        full_end,
        possessive,
        sentence_start: opens,
        sentence,
        shape: shape(word),
    }
}

/// The shape of a word.
pub(crate) fn shape(word: &str) -> Shape {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return Shape::Lower;
    };
    if first.is_numeric() {
        return Shape::Number;
    }
    if first.is_lowercase() {
        let particle = ["al-", "el-"].iter().any(|p| {
            word.strip_prefix(p)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_uppercase)
        });
        return if particle {
            Shape::Capital
        } else {
            Shape::Lower
        };
    }
    if is_hyphenated_adjective(word) {
        return Shape::Lower;
    }
    if !first.is_uppercase() {
        // Scripts without case (Devanagari, Arabic) have no capitals to read.
        return Shape::Lower;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && word.chars().all(|c| !c.is_lowercase()) {
        Shape::Upper
    } else {
        Shape::Capital
    }
}

/// "Yemen-based", "Award-winning", "Kremlin-backed": a capitalised word
/// made into an adjective, not a name.
fn is_hyphenated_adjective(word: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "based",
        "born",
        "led",
        "backed",
        "owned",
        "run",
        "winning",
        "style",
        "era",
        "linked",
        "related",
        "made",
        "funded",
        "speaking",
        "bound",
        "wide",
        "level",
        "class",
        "type",
        "like",
        "language",
        "controlled",
        "held",
        "allied",
        "aligned",
        "friendly",
        "inspired",
        "affiliated",
        "sponsored",
        "registered",
        "flagged",
        "bred",
        "raised",
        "listed",
        "focused",
        "centred",
        "centered",
        "specific",
        "only",
    ];
    word.rsplit_once('-')
        .is_some_and(|(_, last)| SUFFIXES.contains(&last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text).collect()
    }

    #[test]
    fn possessives_are_cut_and_remembered() {
        let tokens = tokenize("Russia’s war and the Teachers’ Union met O’Neill's aide.");
        let texts: Vec<_> = tokens.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            [
                "Russia",
                "war",
                "and",
                "the",
                "Teachers",
                "Union",
                "met",
                "O’Neill",
                "aide"
            ]
        );
        assert!(tokens[0].possessive && tokens[4].possessive && tokens[7].possessive);
        assert!(!tokens[5].possessive);
    }

    #[test]
    fn a_lower_case_prefix_before_a_name_is_left_out() {
        assert_eq!(
            words("pro-Velmoria crowds, anti-Quill views and a pro-growth plan"),
            [
                "Velmoria",
                "crowds",
                "Quill",
                "views",
                "and",
                "a",
                "pro-growth",
                "plan"
            ]
        );
        assert_eq!(
            words("the ex-Member Ana Ruiz"),
            ["the", "ex-Member", "Ana", "Ruiz"]
        );
    }

    #[test]
    fn numbers_abbreviations_and_hyphens_stay_whole() {
        assert_eq!(
            words("Over 10,000 troops, 2.4 per cent, the U.S. and Lee Jae-yong won 6-0."),
            [
                "Over", "10,000", "troops", "2.4", "per", "cent", "the", "U.S.", "and", "Lee",
                "Jae-yong", "won", "6-0"
            ]
        );
    }

    #[test]
    fn dashes_and_quotes_separate_words() {
        assert_eq!(
            words("Russia–North Korea ties — “unconditionally”"),
            ["Russia", "North", "Korea", "ties", "unconditionally"]
        );
    }

    #[test]
    fn sentence_starts_and_quotation_starts_are_marked() {
        let tokens = tokenize("Kim met Lavrov. The talks ended. He said “We won.”");
        let starts: Vec<_> = tokens
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| t.text)
            .collect();
        assert_eq!(starts, ["Kim", "The", "He", "We"]);
        assert_eq!(tokens.last().map(|t| t.sentence), Some(2));
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("KCNA"), Shape::Upper);
        assert_eq!(shape("U.S."), Shape::Upper);
        assert_eq!(shape("Lavrov"), Shape::Capital);
        assert_eq!(shape("al-Ansari"), Shape::Capital);
        assert_eq!(shape("leader"), Shape::Lower);
        assert_eq!(shape("2022"), Shape::Number);
        assert_eq!(shape("I"), Shape::Capital);
        assert_eq!(shape("Yemen-based"), Shape::Lower);
        assert_eq!(shape("Jae-yong"), Shape::Capital);
        assert_eq!(shape("भारत"), Shape::Lower);
    }
}
