//! Which week the report screen shows. The core runs a report Monday to Sunday for any day of
//! the week asked for; the screen moves a week at a time and never past the week in progress
//! (the core refuses a week that has not started, and a button that only ever leads to a
//! refusal should not be pressable).

use chrono::{Datelike, Days, NaiveDate};

/// The Monday of the week `day` falls in.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    let days_since_monday = u64::from(day.weekday().num_days_from_monday());
    day.checked_sub_days(Days::new(days_since_monday))
        .unwrap_or(day)
}

/// The Sunday that ends the week `day` falls in.
pub fn sunday_of(day: NaiveDate) -> NaiveDate {
    let monday = monday_of(day);
    monday.checked_add_days(Days::new(6)).unwrap_or(monday)
}

/// The same weekday a week earlier (dates this far from chrono's limits always exist).
pub fn previous_week(day: NaiveDate) -> NaiveDate {
    day.checked_sub_days(Days::new(7)).unwrap_or(day)
}

/// The same weekday a week later, held to `today`: the week in progress is the latest the
/// core reports on, and a day still to come is no day to ask about.
pub fn next_week(day: NaiveDate, today: NaiveDate) -> NaiveDate {
    let later = day.checked_add_days(Days::new(7)).unwrap_or(day);
    later.min(today)
}

/// Whether there is a week after `day`'s to move to.
pub fn has_next_week(day: NaiveDate, today: NaiveDate) -> bool {
    monday_of(day) < monday_of(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("valid test date")
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        //    any day        Monday        Sunday
        let rows = [
            ("2026-11-16", "2026-11-16", "2026-11-22"),
            ("2026-11-19", "2026-11-16", "2026-11-22"),
            ("2026-11-22", "2026-11-16", "2026-11-22"),
            ("2026-11-23", "2026-11-23", "2026-11-29"),
            ("2027-01-01", "2026-12-28", "2027-01-03"),
        ];
        for (day, monday, sunday) in rows {
            assert_eq!(monday_of(date(day)), date(monday), "{day}");
            assert_eq!(sunday_of(date(day)), date(sunday), "{day}");
        }
    }

    #[test]
    fn the_week_in_progress_is_the_last() {
        let today = date("2026-11-24");
        assert!(has_next_week(date("2026-11-22"), today));
        assert!(!has_next_week(date("2026-11-23"), today));
        assert!(!has_next_week(today, today));
        assert_eq!(previous_week(today), date("2026-11-17"));
        assert_eq!(next_week(date("2026-11-17"), today), today);
        // A Friday a week ago moves to today, not to a Friday that has not come.
        assert_eq!(next_week(date("2026-11-20"), today), today);
        assert_eq!(next_week(date("2026-11-10"), today), date("2026-11-17"));
    }
}
