//! When an article was published and which day it belongs to.
//!
//! Pure. A date written without a time is midnight in the site's time zone;
//! a time written without an offset is read in that zone; an instant with
//! an offset is kept, and its day is the day it is in that zone. An
//! undated article is dated by when it entered the site (the first commit
//! that added it, else its file's modification time), which the pipeline
//! finds and hands to `enrich::date_undated`; never later than the build clock,
//! so an undated article is never held back.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::article::front_matter::FrontDate;

/// What the build knows that the articles do not.
#[derive(Debug, Clone)]
pub struct EnrichContext {
    /// The build instant: `SOURCE_DATE_EPOCH` when set, else now.
    pub now: Timestamp,
    /// Reading speed for reading times.
    pub words_per_minute: u32,
    /// The site's time zone: the days of editions, and how a date or time
    /// written without an offset is read.
    pub time_zone: TimeZone,
}

impl EnrichContext {
    /// The current edition's date: the build instant's date in the site's
    /// time zone.
    pub fn today(&self) -> Date {
        day_of(self.now, &self.time_zone)
    }
}

/// Where an article's date came from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum DateSource {
    /// `date` in front matter or sidecar.
    FrontMatter,
    /// A `YYYY-MM-DD` file-name prefix.
    FileName,
    /// The date in the story's dateline ("BEIJING, May 3 (Reuters) –").
    Dateline,
    /// None given: the first commit that added the file.
    Git,
    /// None given, and not in git's history: the file's modification time.
    Modified,
    /// None given and none found: the build's current edition.
    Edition,
}

/// The day, the instant and where they came from: front matter, else the
/// file name's date, else the dateline's, else the build clock (until
/// `enrich::date_undated` says better). A file-name date comes before a
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

/// The day and instant of an undated article that entered the site at
/// `at`: never later than the build clock.
pub(super) fn entered(at: Timestamp, ctx: &EnrichContext) -> (Date, Timestamp) {
    let at = at.min(ctx.now);
    (day_of(at, &ctx.time_zone), at)
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
}
