//! Which way a story's text runs, and its language when the author gave
//! one: Arabic, Hebrew and the other right-to-left scripts read from the
//! right, so their pages need `dir="rtl"`.

/// Languages written right to left (primary subtags of BCP 47 tags).
const RTL_LANGUAGES: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ku", "ps", "sd", "syr", "ug", "ur", "yi",
];

/// Whether a story in language `lang` (when given) whose headline and lede
/// are `text` runs right to left: by its language when one is given, else
/// by its letters (most of them in a right-to-left script).
pub(crate) fn is_rtl(lang: Option<&str>, text: &[&str]) -> bool {
    if let Some(lang) = lang {
        let primary = lang.split(['-', '_']).next().unwrap_or_default();
        return RTL_LANGUAGES
            .iter()
            .any(|l| l.eq_ignore_ascii_case(primary));
    }
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for c in text
        .iter()
        .flat_map(|t| t.chars())
        .filter(|c| c.is_alphabetic())
    {
        if is_rtl_letter(c) {
            rtl += 1;
        } else {
            ltr += 1;
        }
    }
    rtl > ltr
}

/// Whether `c` belongs to a right-to-left script (Hebrew, Arabic, Syriac,
/// Thaana, N'Ko, Samaritan, Mandaic and their presentation forms).
fn is_rtl_letter(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        || matches!(c, '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
}

#[cfg(test)]
mod tests {
    use super::is_rtl;

    #[test]
    fn arabic_and_hebrew_text_runs_right_to_left() {
        assert!(is_rtl(None, &["الأمم المتحدة تحذر", "قال مسؤولون UN"]));
        assert!(is_rtl(None, &["הכנסת אישרה את התקציב"]));
        assert!(!is_rtl(None, &["Floods in Valencia", "قال"]));
    }

    #[test]
    fn a_given_language_decides() {
        assert!(is_rtl(Some("ar-EG"), &["Latin letters only"]));
        assert!(is_rtl(Some("FA"), &[]));
        assert!(!is_rtl(Some("en"), &["الأمم المتحدة"]));
    }
}
