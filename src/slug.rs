//! Turning text into URL slugs and HTML ids.
//!
//! A leaf utility with no dependencies of its own: article slugs (`enrich`),
//! heading ids (`article`) and tag slugs (`digest`) all come from here, so a
//! given text always gets the same slug wherever it appears.

/// The longest slug [`slugify`] returns for a title.
pub const MAX_SLUG_LEN: usize = 60;

/// An ASCII slug of `text`: lowercase words joined by `-`, Latin letters with
/// diacritics folded to their base letter, apostrophes dropped ("Russia’s" →
/// "russias"), at most `max_len` bytes and cut on a word boundary. Returns an
/// empty string when nothing ASCII-representable is left.
pub fn slugify(text: &str, max_len: usize) -> String {
    let mut slug = SlugBuilder::default();
    for c in text.chars() {
        if matches!(c, '\'' | '’' | 'ʼ' | '‘') {
            continue;
        }
        if c.is_ascii() {
            slug.push(c);
        } else {
            let folded = fold(c);
            if folded.is_empty() {
                slug.push(' ');
            }
            folded.chars().for_each(|f| slug.push(f));
        }
    }
    cut_on_word_boundary(slug.text, max_len)
}

/// Accumulates lowercase ASCII words separated by single dashes.
#[derive(Default)]
struct SlugBuilder {
    text: String,
    pending_dash: bool,
}

impl SlugBuilder {
    fn push(&mut self, c: char) {
        if c.is_ascii_alphanumeric() {
            if self.pending_dash && !self.text.is_empty() {
                self.text.push('-');
            }
            self.pending_dash = false;
            self.text.push(c.to_ascii_lowercase());
        } else {
            self.pending_dash = true;
        }
    }
}

fn cut_on_word_boundary(mut slug: String, max_len: usize) -> String {
    if slug.len() <= max_len {
        return slug;
    }
    // The slug is ASCII, so every byte index is a char boundary.
    match slug[..=max_len].rfind('-') {
        Some(cut) if cut > 0 => slug.truncate(cut),
        _ => slug.truncate(max_len),
    }
    slug
}

/// The base letter(s) of a non-ASCII Latin letter with diacritics, and empty
/// for anything else.
fn fold(c: char) -> &'static str {
    match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć'..='č' => "c",
        'Ð' | 'ð' | 'Ď'..='đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => "e",
        'Ĝ'..='ģ' => "g",
        'Ĥ'..='ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => "i",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ'..='ł' => "l",
        'Ñ' | 'ñ' | 'Ń'..='ŉ' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ'..='ř' => "r",
        'Ś'..='š' | 'Ș' | 'ș' => "s",
        'ß' => "ss",
        'Ţ'..='ŧ' | 'Ț' | 'ț' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' => "y",
        'Ź'..='ž' => "z",
        _ => "",
    }
}

/// Makes `base` unique against `taken` by appending `-2`, `-3`, … and
/// records the result as taken.
pub fn unique<S: std::hash::BuildHasher>(
    base: &str,
    taken: &mut std::collections::HashSet<String, S>,
) -> String {
    if taken.insert(base.to_string()) {
        return base.to_string();
    }
    let mut n = 2;
    loop {
        let candidate = format!("{base}-{n}");
        if taken.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn sample_headline_slug_is_cut_on_a_word_boundary() {
        let title = "North Korean leader Kim Jong Un has reiterated his full support for Russia’s efforts in Ukraine";
        let slug = slugify(title, MAX_SLUG_LEN);
        assert_eq!(
            slug,
            "north-korean-leader-kim-jong-un-has-reiterated-his-full"
        );
        assert!(slug.len() <= MAX_SLUG_LEN);
    }

    #[test]
    fn apostrophes_join_and_punctuation_separates() {
        assert_eq!(
            slugify("Russia’s war: day 3 — “talks”", 60),
            "russias-war-day-3-talks"
        );
        assert_eq!(slugify("  --Hello,   World!-- ", 60), "hello-world");
    }

    #[test]
    fn diacritics_fold_to_ascii() {
        assert_eq!(
            slugify("Łódź café Straße Øresund Ærø", 60),
            "lodz-cafe-strasse-oresund-aero"
        );
        assert_eq!(slugify("Ștefan Țiriac", 60), "stefan-tiriac");
    }

    #[test]
    fn non_latin_text_gives_empty_slug() {
        assert_eq!(slugify("北京 東京", 60), "");
    }

    #[test]
    fn a_single_long_word_is_hard_cut() {
        let slug = slugify(&"a".repeat(100), 60);
        assert_eq!(slug.len(), 60);
    }

    #[test]
    fn unique_appends_counters_in_order() {
        let mut taken = HashSet::new();
        assert_eq!(unique("x", &mut taken), "x");
        assert_eq!(unique("x", &mut taken), "x-2");
        assert_eq!(unique("x", &mut taken), "x-3");
        assert_eq!(unique("x-2-b", &mut taken), "x-2-b");
    }
}
