//! What an article's file name says about it.
//!
//! `000_f596f713c00f6b16.txt`: a leading ordinal (`000`) is the story's rank
//! in its edition, and the rest (`f596f713c00f6b16`) its permanent name,
//! which its URL is made of. `2025-07-12-talks.md` or
//! `2025-07-12_003_x.txt`: a leading `YYYY-MM-DD` is its date, and stays in
//! the permanent name (`2025-07-12-talks`, `2025-07-12_x`).

use jiff::civil::Date;

/// The facts encoded in a file stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct FileName {
    /// A `YYYY-MM-DD` prefix.
    pub date: Option<Date>,
    /// A leading ordinal followed by `_`.
    pub rank: Option<u32>,
}

/// The stem without its ordinal: what the article's permalink is made of,
/// so re-ranking a story (`000_x` → `003_x`) never moves it. A stem that is
/// nothing but an ordinal is kept whole.
pub(crate) fn permanent_name(stem: &str) -> String {
    let (date, rest) = match stem.get(..10) {
        Some(prefix) if parse(stem).date.is_some() => {
            (Some(prefix), stem[10..].trim_start_matches(['-', '_']))
        }
        _ => (None, stem),
    };
    let name = match rest.split_once('_') {
        Some((digits, name))
            if !digits.is_empty()
                && !name.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit()) =>
        {
            name
        }
        _ => rest,
    };
    match date {
        Some(date) if name.is_empty() => date.to_string(),
        Some(date) => format!("{date}-{name}"),
        None => name.to_string(),
    }
}

/// The name without its date prefix or ordinal: what the permalink of a
/// story in a folder of its own is made of (`2026-11-30-quake` → `quake`),
/// since its folder's date names the day it was filed, not the story. A
/// name that is nothing but a date or an ordinal is kept whole.
pub(crate) fn undated_name(name: &str) -> String {
    let rest = match name.get(..10) {
        Some(_) if parse(name).date.is_some() => name[10..].trim_start_matches(['-', '_']),
        _ => name,
    };
    let rest = match rest.split_once('_') {
        Some((digits, rest))
            if !digits.is_empty()
                && !rest.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit()) =>
        {
            rest
        }
        _ => rest,
    };
    if rest.is_empty() {
        name.to_string()
    } else {
        rest.to_string()
    }
}

/// Reads the date prefix and the ordinal from a file stem.
pub(crate) fn parse(stem: &str) -> FileName {
    let mut rest = stem;
    let mut name = FileName::default();
    if let Some(prefix) = rest.get(..10)
        && let Ok(date) = prefix.parse::<Date>()
        && prefix.as_bytes()[4] == b'-'
    {
        name.date = Some(date);
        rest = rest[10..].trim_start_matches(['-', '_']);
    }
    if let Some((digits, _)) = rest.split_once('_')
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        name.rank = digits.parse().ok();
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_story_folder_s_name_loses_its_date_and_ordinal() {
        assert_eq!(undated_name("2026-11-30-quake"), "quake");
        assert_eq!(undated_name("2026-11-30_002_quake"), "quake");
        assert_eq!(undated_name("003_quake"), "quake");
        assert_eq!(undated_name("quake"), "quake");
        assert_eq!(undated_name("2026-11-30"), "2026-11-30");
        assert_eq!(permanent_name("2026-11-30-quake"), "2026-11-30-quake");
    }

    #[test]
    fn ordinal_prefix_is_the_rank() {
        assert_eq!(
            parse("000_f596f713c00f6b16"),
            FileName {
                date: None,
                rank: Some(0)
            }
        );
        assert_eq!(parse("012_x").rank, Some(12));
    }

    #[test]
    fn date_prefix_is_the_date() {
        assert_eq!(
            parse("2025-07-12-talks"),
            FileName {
                date: Some(date(2025, 7, 12)),
                rank: None
            }
        );
        assert_eq!(
            parse("2025-07-12_003_x"),
            FileName {
                date: Some(date(2025, 7, 12)),
                rank: Some(3)
            }
        );
    }

    #[test]
    fn other_names_say_nothing() {
        assert_eq!(parse("story"), FileName::default());
        assert_eq!(parse("2025-13-45-bad"), FileName::default());
        assert_eq!(parse("10-things"), FileName::default());
        assert_eq!(parse("_x"), FileName::default());
    }

    #[test]
    fn the_permanent_name_drops_only_the_ordinal() {
        assert_eq!(permanent_name("000_f596f713c00f6b16"), "f596f713c00f6b16");
        assert_eq!(permanent_name("012_rail_strike"), "rail_strike");
        assert_eq!(permanent_name("2025-07-12-talks"), "2025-07-12-talks");
        assert_eq!(permanent_name("2025-07-12_003_x"), "2025-07-12-x");
        assert_eq!(permanent_name("2025-07-12"), "2025-07-12");
        assert_eq!(permanent_name("story"), "story");
        assert_eq!(permanent_name("000_"), "000_");
        assert_eq!(permanent_name("10-things"), "10-things");
    }
}
