//! Calendar days and the node's working calendar: which weekdays are worked, from when and for how
//! long, and which days are closed. Plans are scheduled in working minutes; this maps them to real
//! instants and back. All in UTC: the core has no time zones.

use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

const MIN_PER_DAY: i64 = 1440;
const MS_PER_MIN: i64 = 60_000;

/// A calendar day as whole days since 1970-01-01 (UTC). Shown as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct Day(pub i64);

impl Day {
    pub fn of(at: Timestamp) -> Day {
        Day(at.epoch_day())
    }
    /// Midnight at the start of the day.
    pub fn start(self) -> Timestamp {
        Timestamp::from_millis(self.0 * Timestamp::MS_PER_DAY)
    }
    /// Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday).
    pub fn weekday(self) -> u8 {
        (self.0 + 3).rem_euclid(7) as u8
    }
    pub fn plus(self, days: i64) -> Day {
        Day(self.0 + days)
    }
    /// The civil date (proleptic Gregorian), after Howard Hinnant's `civil_from_days`.
    pub fn ymd(self) -> (i64, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        (year, month, day)
    }
    /// The day of a civil date, the inverse of [`Day::ymd`]; `None` for an impossible date.
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Day> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Day(era * 146_097 + doe - 719_468))
    }
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.ymd();
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

impl std::str::FromStr for Day {
    type Err = String;
    fn from_str(text: &str) -> Result<Day, String> {
        let error = || format!("`{text}` is not a date (expected YYYY-MM-DD)");
        let mut fields = text.trim().splitn(3, '-');
        let mut next = || fields.next().ok_or_else(error);
        let (year, month, day) = (next()?, next()?, next()?);
        let year = year.parse::<i64>().map_err(|_| error())?;
        let month = month.parse::<u32>().map_err(|_| error())?;
        let day = day.parse::<u32>().map_err(|_| error())?;
        Day::from_ymd(year, month, day).ok_or_else(error)
    }
}

/// The weekly working pattern. Validated when set (see `plan::decide::set_calendar`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkWeek {
    /// Bit `d` set means weekday `d` (Monday = 0) is worked.
    pub weekdays_mask: u8,
    /// When the working day starts, in minutes after midnight UTC.
    pub day_start_min: u32,
    /// Working minutes per working day.
    pub daily_work_min: u32,
}

impl Default for WorkWeek {
    /// Monday to Friday, 08:00–16:00.
    fn default() -> Self {
        WorkWeek { weekdays_mask: 0b0001_1111, day_start_min: 8 * 60, daily_work_min: 8 * 60 }
    }
}

impl WorkWeek {
    pub fn works_on(&self, weekday: u8) -> bool {
        self.weekdays_mask & (1 << weekday) != 0
    }
    pub fn working_days_per_week(&self) -> u32 {
        (self.weekdays_mask & 0x7f).count_ones()
    }
    /// Working minutes in an average calendar minute: how elapsed time (a curing finish, a glue
    /// lag) is restated in working time.
    pub fn working_share(&self) -> f64 {
        f64::from(self.working_days_per_week() * self.daily_work_min) / (7.0 * MIN_PER_DAY as f64)
    }
    /// Weekday names as people write them, e.g. `mon,tue,wed,thu,fri`.
    pub fn weekday_names(&self) -> String {
        WEEKDAY_NAMES
            .iter()
            .enumerate()
            .filter(|(d, _)| self.works_on(*d as u8))
            .map(|(_, n)| *n)
            .collect::<Vec<_>>()
            .join(",")
    }
}

pub const WEEKDAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Weekday names to a week's bit mask, as people write them: a name counts when it starts with a
/// weekday's three letters (`mon`, `Monday`); blanks are skipped. The error says which name.
pub fn weekday_mask<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<u8, String> {
    let mut mask = 0u8;
    for name in names.into_iter().map(str::trim).filter(|name| !name.is_empty()) {
        let lower = name.to_ascii_lowercase();
        let Some(index) = WEEKDAY_NAMES.iter().position(|known| lower.starts_with(known)) else {
            return Err(format!("`{name}` is not a weekday (use {})", WEEKDAY_NAMES.join(",")));
        };
        mask |= 1 << index;
    }
    Ok(mask)
}

/// `HH:MM` to minutes after midnight.
pub fn minute_of_day(text: &str) -> Result<u32, String> {
    let parse = || -> Option<u32> {
        let (hours, minutes) = text.trim().split_once(':')?;
        let (hours, minutes) = (hours.parse::<u32>().ok()?, minutes.parse::<u32>().ok()?);
        (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
    };
    parse().ok_or_else(|| format!("`{text}` is not a time of day (HH:MM)"))
}

/// Working hours per day to minutes: more than 0 and at most 24.
pub fn daily_work_minutes(hours: f64) -> Result<u32, String> {
    if !(hours > 0.0 && hours <= 24.0) {
        return Err(format!("must be more than 0 and at most 24, got {hours}"));
    }
    Ok((hours * 60.0).round() as u32)
}

/// The node's working calendar: a weekly pattern plus closed days.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WorkCalendar {
    pub week: WorkWeek,
    /// Closed days and why (holidays, inventory, a move).
    closures: BTreeMap<Day, String>,
}

impl WorkCalendar {
    pub fn new(week: WorkWeek) -> WorkCalendar {
        WorkCalendar { week, closures: BTreeMap::new() }
    }
    pub fn closures(&self) -> impl Iterator<Item = (Day, &str)> {
        self.closures.iter().map(|(day, reason)| (*day, reason.as_str()))
    }
    pub fn is_closed(&self, day: Day) -> bool {
        self.closures.contains_key(&day)
    }
    pub fn is_working_day(&self, day: Day) -> bool {
        self.week.works_on(day.weekday()) && !self.is_closed(day)
    }
    pub(crate) fn close(&mut self, day: Day, reason: &str) {
        self.closures.insert(day, reason.to_string());
    }

    /// Working minutes of `day` that lie at or after `at` (all of them when `at` is earlier).
    fn working_min_of_day_from(&self, day: Day, at: Timestamp) -> i64 {
        if !self.is_working_day(day) {
            return 0;
        }
        let open_ms = day.start().millis() + i64::from(self.week.day_start_min) * MS_PER_MIN;
        let close_ms = open_ms + i64::from(self.week.daily_work_min) * MS_PER_MIN;
        let from_ms = at.millis().clamp(open_ms, close_ms);
        (close_ms - from_ms) / MS_PER_MIN
    }

    /// Working minutes between two instants (zero when `to` is not after `from`).
    pub fn working_min_between(&self, from: Timestamp, to: Timestamp) -> i64 {
        if to <= from {
            return 0;
        }
        let (first, last) = (Day::of(from), Day::of(to));
        let mut total = 0;
        let mut day = first;
        while day <= last {
            total += self.working_min_of_day_from(day, from) - self.working_min_of_day_from(day, to);
            day = day.plus(1);
        }
        total
    }

    /// The instant at which `work_min` working minutes have passed after `from`. Zero minutes
    /// give `from` itself. Ends of work land at the end of a working day rather than the next
    /// morning, so a finish reads as "Friday 16:00", not "Monday 08:00".
    pub fn after_working_min(&self, from: Timestamp, work_min: i64) -> Timestamp {
        if work_min <= 0 {
            return from;
        }
        let mut remaining = work_min;
        let mut day = Day::of(from);
        // A calendar has at least one working weekday (checked when set), so this ends.
        loop {
            let available = self.working_min_of_day_from(day, from);
            if available >= remaining && available > 0 {
                let close_ms =
                    day.start().millis() + i64::from(self.week.day_start_min + self.week.daily_work_min) * MS_PER_MIN;
                return Timestamp::from_millis(close_ms - (available - remaining) * MS_PER_MIN);
            }
            remaining -= available;
            day = day.plus(1);
        }
    }

    /// The first instant at or after `at` that is working time.
    pub fn next_working_instant(&self, at: Timestamp) -> Timestamp {
        let mut day = Day::of(at);
        loop {
            if self.working_min_of_day_from(day, at) > 0 {
                let open_ms = day.start().millis() + i64::from(self.week.day_start_min) * MS_PER_MIN;
                return Timestamp::from_millis(at.millis().max(open_ms));
            }
            day = day.plus(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_working_week_is_read_as_people_write_it() {
        assert_eq!(weekday_mask(["Monday", " tue", "", "FRI"]), Ok(0b1_0011));
        assert_eq!(
            weekday_mask(["mon", "funday"]),
            Err("`funday` is not a weekday (use mon,tue,wed,thu,fri,sat,sun)".into())
        );
        assert_eq!(minute_of_day("07:30"), Ok(450));
        assert_eq!(minute_of_day("24:00"), Err("`24:00` is not a time of day (HH:MM)".into()));
        assert_eq!(daily_work_minutes(7.5), Ok(450));
        assert_eq!(daily_work_minutes(0.0), Err("must be more than 0 and at most 24, got 0".into()));
        assert!(daily_work_minutes(24.5).is_err());
    }

    #[test]
    fn days_round_trip_through_civil_dates() {
        assert_eq!(Day(0).to_string(), "1970-01-01");
        assert_eq!(Day(0).weekday(), 3);
        let day: Day = "2027-03-01".parse().unwrap();
        assert_eq!(day.to_string(), "2027-03-01");
        assert_eq!(day.weekday(), 0, "2027-03-01 is a Monday");
        assert!("2027-02-29".parse::<Day>().is_err());
        assert_eq!("2024-02-29".parse::<Day>().unwrap().plus(1).to_string(), "2024-03-01");
    }

    #[test]
    fn working_minutes_skip_weekends_and_closures() {
        let mut calendar = WorkCalendar::default();
        let friday: Day = "2027-02-26".parse().unwrap();
        let friday_9am = Timestamp::from_millis(friday.start().millis() + 9 * 60 * MS_PER_MIN);
        // 7 h left on Friday, then Monday 08:00 + 60 min.
        let end = calendar.after_working_min(friday_9am, 8 * 60);
        assert_eq!(end.millis(), friday.plus(3).start().millis() + 9 * 60 * MS_PER_MIN);
        assert_eq!(calendar.working_min_between(friday_9am, end), 480);
        calendar.close(friday.plus(3), "holiday");
        let end = calendar.after_working_min(friday_9am, 8 * 60);
        assert_eq!(end.millis(), friday.plus(4).start().millis() + 9 * 60 * MS_PER_MIN);
        // Finishing exactly at closing time stays on that day.
        assert_eq!(
            calendar.after_working_min(friday_9am, 7 * 60).millis(),
            friday.start().millis() + 16 * 60 * MS_PER_MIN
        );
        let saturday = friday.plus(1).start();
        assert_eq!(
            calendar.next_working_instant(saturday).millis(),
            friday.plus(4).start().millis() + 8 * 60 * MS_PER_MIN
        );
    }
}
