//! When an article was published and which day it belongs to.
//!
//! Pure. A date written without a time is midnight in the site's time zone;
//! a time written without an offset is read in that zone; an instant with
//! an offset is kept, and its day is the day it is in that zone. An
//! undated article is dated by when it entered the site (the first commit
//! that added it, else its file's modification time), which the pipeline
//! finds and hands to [`date_undated`]; never later than the build clock,
//! so an undated article is never held back.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::{Article, DateSource, EnrichContext};
use crate::article::front_matter::FrontDate;

/// The day, the instant and where they came from: front matter, else the
/// file name's date, else the dateline's, else the build clock (until
/// [`date_undated`] says better). A file-name date comes before a
/// dateline's because it is whole (a dateline's year is inferred) and
/// names the edition the author filed the story under.
pub(super) fn resolve(
    front: Option<FrontDate>,
    file_date: Option<Date>,
    dateline_date: Option<Date>,
    ctx: &EnrichContext,
) -> (Date, Timestamp, DateSource) {
    let tz = &ctx.time_zone;
    match (front, file_date) {
        (Some(fd), _) => {
            let (date, instant) = match (fd.instant, fd.local_time) {
                (Some(instant), _) => (day_of(instant, tz), instant),
                (None, Some(time)) => {
                    let instant = tz
                        .to_timestamp(fd.date.to_datetime(time))
                        .unwrap_or_else(|_| midnight(fd.date, tz));
                    (fd.date, instant)
                }
                (None, None) => (fd.date, midnight(fd.date, tz)),
            };
            (date, instant, DateSource::FrontMatter)
        }
        (None, Some(d)) => (d, midnight(d, tz), DateSource::FileName),
        (None, None) => match dateline_date {
            Some(d) => (d, midnight(d, tz), DateSource::Dateline),
            None => (ctx.today(), ctx.now, DateSource::Edition),
        },
    }
}

/// Dates an article that gave no date by when it entered the site (`at`,
/// found by `source`: [`DateSource::Git`] or [`DateSource::Modified`]),
/// never later than the build clock. An article that has a date keeps it.
pub fn date_undated(article: &mut Article, at: Timestamp, source: DateSource, ctx: &EnrichContext) {
    if article.date_source != DateSource::Edition {
        return;
    }
    let at = at.min(ctx.now);
    article.published = at;
    article.date = day_of(at, &ctx.time_zone);
    article.date_source = source;
}

/// The day `instant` falls on in `tz`.
pub(super) fn day_of(instant: Timestamp, tz: &TimeZone) -> Date {
    tz.to_datetime(instant).date()
}

/// The first instant of `date` in `tz`.
fn midnight(date: Date, tz: &TimeZone) -> Timestamp {
    tz.to_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn ctx(zone: &str) -> EnrichContext {
        EnrichContext {
            now: Timestamp::from_second(1_752_300_000).unwrap(), // 2025-07-12T06:00Z
            words_per_minute: 200,
            time_zone: TimeZone::get(zone).unwrap(),
        }
    }

    fn front(text: &str) -> Option<FrontDate> {
        Some(FrontDate::parse(text).unwrap())
    }

    #[test]
    fn a_date_alone_is_midnight_in_the_site_time_zone() {
        let (day, at, source) = resolve(front("2025-07-12"), None, None, &ctx("Asia/Tokyo"));
        assert_eq!((day, source), (date(2025, 7, 12), DateSource::FrontMatter));
        assert_eq!(at.to_string(), "2025-07-11T15:00:00Z");
        let (_, at, source) = resolve(None, Some(date(2025, 7, 12)), None, &ctx("UTC"));
        assert_eq!(source, DateSource::FileName);
        assert_eq!(at.to_string(), "2025-07-12T00:00:00Z");
    }

    #[test]
    fn a_local_time_is_read_in_the_site_time_zone() {
        let (day, at, _) = resolve(
            front("2025-07-12T09:30:00"),
            None,
            None,
            &ctx("America/New_York"),
        );
        assert_eq!(day, date(2025, 7, 12));
        assert_eq!(at.to_string(), "2025-07-12T13:30:00Z");
    }

    #[test]
    fn an_instant_belongs_to_its_day_in_the_site_time_zone() {
        let late = front("2025-07-12T23:30:00-05:00");
        let (day, at, _) = resolve(late, None, None, &ctx("Europe/London"));
        assert_eq!(at.to_string(), "2025-07-13T04:30:00Z");
        assert_eq!(day, date(2025, 7, 13));
        let (day, _, _) = resolve(late, None, None, &ctx("America/Chicago"));
        assert_eq!(day, date(2025, 7, 12));
    }

    #[test]
    fn undated_articles_take_when_they_entered_but_never_a_future_time() {
        let c = ctx("Asia/Tokyo");
        let (day, at, source) = resolve(None, None, None, &c);
        assert_eq!((at, source), (c.now, DateSource::Edition));
        assert_eq!(day, date(2025, 7, 12));
        let mut article = crate::enrich::tests::article_dated(day, at, source);
        // 2025-07-01T20:00Z is already 2 July in Tokyo.
        let entered = Timestamp::from_second(1_751_400_000).unwrap();
        date_undated(&mut article, entered, DateSource::Git, &c);
        assert_eq!(
            (article.date, article.published, article.date_source),
            (date(2025, 7, 2), entered, DateSource::Git)
        );
        let mut later = crate::enrich::tests::article_dated(day, at, DateSource::Edition);
        let future = Timestamp::from_second(1_800_000_000).unwrap();
        date_undated(&mut later, future, DateSource::Modified, &c);
        assert_eq!(later.published, c.now);
        let mut dated = crate::enrich::tests::article_dated(day, at, DateSource::FileName);
        date_undated(&mut dated, entered, DateSource::Git, &c);
        assert_eq!(dated.date_source, DateSource::FileName);
    }
}
