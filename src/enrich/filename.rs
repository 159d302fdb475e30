//! What an article's file name says about it.
//!
//! `000_f596f713c00f6b16.txt`: a leading ordinal (`000`) is the story's rank
//! in its edition. `2025-07-12-talks.md` or `2025-07-12_003_x.txt`: a leading
//! `YYYY-MM-DD` is its date.

use jiff::civil::Date;

/// The facts encoded in a file stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct FileName {
    /// A `YYYY-MM-DD` prefix.
    pub date: Option<Date>,
    /// A leading ordinal followed by `_`.
    pub rank: Option<u32>,
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
}
