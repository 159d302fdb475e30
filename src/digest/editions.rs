//! Editions: which stories one edition holds, a day or a week of them.
//!
//! Pure. Articles arrive in reading order (newest edition first), so each
//! edition is a contiguous run. A day edition is the calendar day of its
//! stories in the site's time zone; a week edition runs Monday to Sunday
//! and is named by its Monday.

use std::sync::Arc;

use jiff::ToSpan;
use jiff::civil::Date;

use super::ids::{ArticleId, EditionId, Id, Table};
use crate::config::EditionLength;
use crate::enrich::Article;

/// One edition's stories: a day's, or a week's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// Its first day: the day itself, or the Monday of the week.
    pub date: Date,
    /// Its last day: the same day, or the Sunday.
    pub last: Date,
    /// Its articles, in reading order (a contiguous run).
    pub articles: Vec<ArticleId>,
}

/// The first day of the edition `date` belongs to.
pub(crate) fn start_of(date: Date, length: EditionLength) -> Date {
    match length {
        EditionLength::Day => date,
        EditionLength::Week => {
            let back = i64::from(date.weekday().to_monday_zero_offset());
            date.checked_sub(back.days()).unwrap_or(date)
        }
    }
}

/// The last day of the edition starting on `start`.
fn end_of(start: Date, length: EditionLength) -> Date {
    match length {
        EditionLength::Day => start,
        EditionLength::Week => start.checked_add(6.days()).unwrap_or(start),
    }
}

/// The editions of `articles` (in reading order), and each article's.
pub(crate) fn group(
    articles: &[Arc<Article>],
    length: EditionLength,
) -> (Table<EditionId, Edition>, Table<ArticleId, EditionId>) {
    let mut editions: Vec<Edition> = Vec::new();
    let mut edition_of = Vec::with_capacity(articles.len());
    for (i, article) in articles.iter().enumerate() {
        let id = ArticleId::new(i);
        let start = start_of(article.date, length);
        match editions.last_mut() {
            Some(edition) if edition.date == start => edition.articles.push(id),
            _ => editions.push(Edition {
                date: start,
                last: end_of(start, length),
                articles: vec![id],
            }),
        }
        edition_of.push(EditionId::new(editions.len() - 1));
    }
    (editions.into(), edition_of.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_week_runs_monday_to_sunday() {
        // 12 July 2025 is a Saturday.
        assert_eq!(
            start_of(date(2025, 7, 12), EditionLength::Week),
            date(2025, 7, 7)
        );
        assert_eq!(
            start_of(date(2025, 7, 7), EditionLength::Week),
            date(2025, 7, 7)
        );
        assert_eq!(
            start_of(date(2025, 7, 13), EditionLength::Week),
            date(2025, 7, 7)
        );
        assert_eq!(
            start_of(date(2025, 7, 14), EditionLength::Week),
            date(2025, 7, 14)
        );
        assert_eq!(
            end_of(date(2025, 7, 7), EditionLength::Week),
            date(2025, 7, 13)
        );
        assert_eq!(
            start_of(date(2025, 7, 12), EditionLength::Day),
            date(2025, 7, 12)
        );
    }
}
