//! Business days in England and Wales: not a Saturday, a Sunday or a bank holiday.
//!
//! Bank holidays are data, not a formula: a proclamation can move or add one (VE day 2020, the
//! Platinum Jubilee, the State Funeral, the coronation), so a year outside the bundled file is
//! refused with `CalendarNotKnown` rather than guessed from the usual pattern.

use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;

use super::error::LegalError;

/// The most business days one call may add. Deemed service needs four; a year of business days
/// is far beyond any notice rule, and bounds the loop.
pub const BUSINESS_DAYS_ADDED_MAX: u32 = 260;

/// England and Wales never has more than a few non-business days in a row (four over Christmas
/// and a weekend); a fortnight without a business day means the data is broken.
const NON_BUSINESS_DAYS_IN_A_ROW_MAX: u32 = 14;

/// At most a dozen bank holidays a year (2022 had ten).
const HOLIDAYS_PER_YEAR_MAX: usize = 12;
/// At least the eight regular holidays a year.
const HOLIDAYS_PER_YEAR_MIN: usize = 8;

const CALENDAR_FILE: &str = "data/legal/bank_holidays_england_wales.json";
const CALENDAR_JSON: &str = include_str!("../../data/legal/bank_holidays_england_wales.json");

#[derive(Debug, Deserialize)]
pub(crate) struct BankHoliday {
    pub(crate) date: NaiveDate,
    pub(crate) name: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Calendar {
    pub(crate) source: String,
    pub(crate) years_first: i32,
    pub(crate) years_last: i32,
    pub(crate) holidays: Vec<BankHoliday>,
}

pub(crate) fn calendar() -> Result<&'static Calendar, LegalError> {
    static PARSED: OnceLock<Result<Calendar, String>> = OnceLock::new();
    match PARSED.get_or_init(|| parse_calendar(CALENDAR_JSON)) {
        Ok(calendar) => Ok(calendar),
        Err(problem) => Err(LegalError::DataInvalid {
            file: CALENDAR_FILE,
            problem: problem.clone(),
        }),
    }
}

pub(crate) fn parse_calendar(text: &str) -> Result<Calendar, String> {
    let calendar: Calendar = serde_json::from_str(text).map_err(|error| error.to_string())?;
    if calendar.source.trim().is_empty() {
        return Err("the calendar has no source".to_string());
    }
    if calendar.years_first > calendar.years_last {
        return Err("years_first is after years_last".to_string());
    }
    let holidays = &calendar.holidays;
    for (index, holiday) in holidays.iter().enumerate() {
        let date = holiday.date;
        if index > 0 && holidays[index - 1].date >= date {
            return Err(format!("{date} is out of date order or repeated"));
        }
        if date.year() < calendar.years_first || date.year() > calendar.years_last {
            return Err(format!("{date} is outside years_first..years_last"));
        }
        // A holiday falling at a weekend is replaced by a substitute weekday, which is what
        // the file lists.
        if is_weekend(date) {
            return Err(format!("{date} ({}) is a weekend day", holiday.name));
        }
        if holiday.name.trim().is_empty() {
            return Err(format!("{date} has no name"));
        }
    }
    for year in calendar.years_first..=calendar.years_last {
        let count = holidays.iter().filter(|h| h.date.year() == year).count();
        if !(HOLIDAYS_PER_YEAR_MIN..=HOLIDAYS_PER_YEAR_MAX).contains(&count) {
            return Err(format!("{year} has {count} bank holidays"));
        }
    }
    Ok(calendar)
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Whether `date` is a business day in England and Wales. Refuses a year the calendar does not
/// cover, weekends included, so that every answer for that year is refused alike.
pub fn business_day(date: NaiveDate) -> Result<bool, LegalError> {
    let calendar = calendar()?;
    let year = date.year();
    if year < calendar.years_first || year > calendar.years_last {
        return Err(LegalError::CalendarNotKnown { year });
    }
    if is_weekend(date) {
        return Ok(false);
    }
    let holiday = calendar
        .holidays
        .binary_search_by_key(&date, |holiday| holiday.date)
        .is_ok();
    Ok(!holiday)
}

/// The day after `date`, as an error rather than a panic at the end of chrono's range.
pub(crate) fn day_after(date: NaiveDate) -> Result<NaiveDate, LegalError> {
    date.checked_add_days(Days::new(1))
        .ok_or(LegalError::DateOutOfRange { date })
}

/// `date` if it is a business day, otherwise the first business day after it.
pub fn next_business_day_on_or_after(date: NaiveDate) -> Result<NaiveDate, LegalError> {
    let mut candidate = date;
    for _ in 0..NON_BUSINESS_DAYS_IN_A_ROW_MAX {
        if business_day(candidate)? {
            return Ok(candidate);
        }
        candidate = day_after(candidate)?;
    }
    Err(LegalError::DataInvalid {
        file: CALENDAR_FILE,
        problem: format!(
            "no business day in the {NON_BUSINESS_DAYS_IN_A_ROW_MAX} days from {date}"
        ),
    })
}

/// The `count`th business day after `date` (`date` itself is never counted, business day or
/// not). Zero returns `date` unchanged.
pub fn add_business_days(date: NaiveDate, count: u32) -> Result<NaiveDate, LegalError> {
    if count > BUSINESS_DAYS_ADDED_MAX {
        return Err(LegalError::DateOutOfRange { date });
    }
    let mut reached = date;
    for _ in 0..count {
        reached = next_business_day_on_or_after(day_after(reached)?)?;
    }
    Ok(reached)
}
