//! Plain-text wire stories.
//!
//! Two layouts are accepted:
//!
//! * the seed style: one paragraph per line, no title, no blank lines;
//! * a headline on the first line, a blank line, then paragraphs separated
//!   by blank lines (hard-wrapped lines inside a paragraph are joined).
//!
//! Whitespace inside a paragraph is collapsed to single spaces; nothing else
//! about the text is changed here (`smart` then gives it smart punctuation).

/// A plain-text article cut into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlainText {
    /// The headline line, when the file has one.
    pub headline: Option<String>,
    /// The paragraphs, in order.
    pub paragraphs: Vec<String>,
}

/// The longest first line still taken for a headline.
const MAX_HEADLINE_CHARS: usize = 200;

/// Splits a plain-text article into headline and paragraphs.
pub(crate) fn parse(text: &str) -> PlainText {
    let lines: Vec<&str> = text.lines().collect();
    let is_blank = |l: &&str| l.trim().is_empty();
    let (Some(first), Some(last)) = (
        lines.iter().position(|l| !is_blank(l)),
        lines.iter().rposition(|l| !is_blank(l)),
    ) else {
        return PlainText {
            headline: None,
            paragraphs: Vec::new(),
        };
    };
    let has_blank_separator = lines[first..=last].iter().any(is_blank);
    if !has_blank_separator {
        return PlainText {
            headline: None,
            paragraphs: lines.iter().filter_map(|l| collapse(l)).collect(),
        };
    }
    let blocks = blocks(&lines);
    let mut paragraphs = Vec::new();
    let mut headline = None;
    for (i, block) in blocks.iter().enumerate() {
        if i == 0 && blocks.len() > 1 && is_headline(block) {
            headline = collapse(block[0]);
            continue;
        }
        paragraphs.extend(block_paragraphs(block));
    }
    PlainText {
        headline,
        paragraphs,
    }
}

/// Runs of non-blank lines.
fn blocks<'a>(lines: &[&'a str]) -> Vec<Vec<&'a str>> {
    lines
        .split(|l| l.trim().is_empty())
        .filter(|b| !b.is_empty())
        .map(<[&str]>::to_vec)
        .collect()
}

/// A block is a headline when it is one short line that does not end the way
/// a sentence of running text does.
fn is_headline(block: &[&str]) -> bool {
    let [line] = block else { return false };
    let line = line.trim();
    line.chars().count() <= MAX_HEADLINE_CHARS
        && !line.ends_with(['.', ',', ';', ':', '。', '，', '；', '：'])
}

/// Characters a line of running text ends a sentence with: Latin, CJK
/// (full-width stops and closing corner brackets), Arabic and Devanagari.
const SENTENCE_ENDS: [char; 14] = [
    '.', '!', '?', '"', '”', '’', ')', '。', '！', '？', '」', '』', '؟', '।',
];

/// A block whose every line ends a sentence is one paragraph per line (the
/// seed style under a headline); otherwise it is one hard-wrapped paragraph.
fn block_paragraphs(block: &[&str]) -> Vec<String> {
    let each_line_ends_a_sentence =
        block.len() > 1 && block.iter().all(|l| l.trim_end().ends_with(SENTENCE_ENDS));
    if each_line_ends_a_sentence {
        block.iter().filter_map(|l| collapse(l)).collect()
    } else {
        collapse(&block.join(" ")).into_iter().collect()
    }
}

/// Collapses runs of whitespace to one space; `None` for a blank line.
fn collapse(line: &str) -> Option<String> {
    let mut out = String::with_capacity(line.len());
    for word in line.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_layout_is_one_paragraph_per_line_without_headline() {
        let p = parse("First paragraph, here.\nSecond “quoted” one.\nThird");
        assert_eq!(p.headline, None);
        assert_eq!(
            p.paragraphs,
            vec!["First paragraph, here.", "Second “quoted” one.", "Third"]
        );
    }

    #[test]
    fn headline_layout_takes_first_line_as_headline() {
        let p = parse("Storm hits coast\n\nWinds of 100 km/h\nwere recorded.\n\nPower is out.\n");
        assert_eq!(p.headline.as_deref(), Some("Storm hits coast"));
        assert_eq!(
            p.paragraphs,
            vec!["Winds of 100 km/h were recorded.", "Power is out."]
        );
    }

    #[test]
    fn a_first_block_that_reads_as_a_sentence_is_not_a_headline() {
        let p = parse("The storm hit the coast on Monday.\n\nPower is out.");
        assert_eq!(p.headline, None);
        assert_eq!(p.paragraphs.len(), 2);
    }

    #[test]
    fn headline_then_one_paragraph_per_line() {
        let p = parse("Talks resume\n\nFirst line ends here.\nSecond line “ends” too.”\n");
        assert_eq!(p.headline.as_deref(), Some("Talks resume"));
        assert_eq!(p.paragraphs.len(), 2);
    }

    #[test]
    fn windows_line_endings_and_stray_whitespace_are_normalised() {
        let p = parse("  One \t two  \r\nThree\r\n");
        assert_eq!(p.paragraphs, vec!["One two", "Three"]);
    }

    #[test]
    fn leading_blank_lines_do_not_switch_layout() {
        let p = parse("\n\nA.\nB\n\n");
        assert_eq!(p.headline, None);
        assert_eq!(p.paragraphs, vec!["A.", "B"]);
    }

    #[test]
    fn empty_text_has_no_paragraphs() {
        assert!(parse("  \n\n").paragraphs.is_empty());
    }

    #[test]
    fn cjk_and_arabic_sentence_ends_keep_lines_apart() {
        let p = parse("港口重新开放\n\n港口于周一重新开放。\n泊位再次安全。\n");
        assert_eq!(p.headline.as_deref(), Some("港口重新开放"));
        assert_eq!(p.paragraphs, vec!["港口于周一重新开放。", "泊位再次安全。"]);
        let p = parse("عنوان\n\nالجملة الأولى؟\nالجملة الثانية.\n");
        assert_eq!(p.paragraphs.len(), 2);
    }
}
