//! Smart punctuation for plain-text stories, as Markdown stories get it:
//! straight quotes become curly ones, `--` an en dash, `---` an em dash and
//! `...` an ellipsis.
//!
//! A double quote opens when it starts the text or follows a space or an
//! opening bracket or dash, and closes otherwise. A single quote between
//! letters or after one is an apostrophe ("O’Neill", "Teachers’"), as is one
//! before a digit ("’90s"); otherwise it opens or closes like a double
//! quote. Text is never HTML here (plain text is escaped when rendered), so
//! `&amp;` and the like are left exactly as written.

/// `text` with smart punctuation.
pub(crate) fn punctuate(text: &str) -> String {
    if !text.contains(['"', '\'', '-', '.']) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let before = out.chars().next_back();
        let after = chars.get(i + 1).copied();
        match c {
            '"' => out.push(if opens(before) { '“' } else { '”' }),
            '\'' => out.push(single(before, after)),
            '-' if after == Some('-') => {
                let em = chars.get(i + 2) == Some(&'-');
                out.push(if em { '—' } else { '–' });
                i += if em { 2 } else { 1 };
            }
            '.' if after == Some('.') && chars.get(i + 2) == Some(&'.') => {
                out.push('…');
                i += 2;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// Whether a quote after `before` opens a quotation.
fn opens(before: Option<char>) -> bool {
    match before {
        None => true,
        Some(b) => b.is_whitespace() || matches!(b, '(' | '[' | '{' | '–' | '—' | '“' | '‘'),
    }
}

/// A single quote between `before` and `after`.
fn single(before: Option<char>, after: Option<char>) -> char {
    let after_word =
        before.is_some_and(|b| b.is_alphanumeric() || matches!(b, '.' | ',' | '!' | '?' | '”'));
    if after_word || after.is_some_and(|a| a.is_ascii_digit()) && opens(before) {
        '’'
    } else if opens(before) {
        '‘'
    } else {
        '’'
    }
}

#[cfg(test)]
mod tests {
    use super::punctuate;

    #[test]
    fn double_quotes_open_and_close() {
        assert_eq!(
            punctuate("He said \"we won\" and (\"again\")."),
            "He said “we won” and (“again”)."
        );
        assert_eq!(punctuate("\"Yes,\" she said."), "“Yes,” she said.");
    }

    #[test]
    fn single_quotes_are_apostrophes_inside_and_after_words() {
        assert_eq!(
            punctuate("O'Neill's 'plan' for the Teachers' union in the '90s"),
            "O’Neill’s ‘plan’ for the Teachers’ union in the ’90s"
        );
    }

    #[test]
    fn dashes_and_ellipses() {
        assert_eq!(
            punctuate("pages 3--5 --- and then... nothing"),
            "pages 3–5 — and then… nothing"
        );
    }

    #[test]
    fn text_without_straight_punctuation_is_unchanged() {
        assert_eq!(
            punctuate("Ships & “curly” &amp; done"),
            "Ships & “curly” &amp; done"
        );
        assert_eq!(punctuate("a single-hyphen word."), "a single-hyphen word.");
    }
}
