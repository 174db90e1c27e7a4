//! The dates of a notice: the date to write in it, and the first and last days proceedings may
//! begin.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::calendar::day_after;
use super::error::LegalError;
use super::rules::{
    check_in_force, LifeStart, PeriodEnd, ProceedingsBegin, RuleSet, NOTICE_DAYS_MAX,
};
use crate::rent_schedule::RentFrequency;

/// Periods searched for the date specified: the longest notice period in the shortest (weekly)
/// periods, plus the part-period at the start and one spare.
const PERIODS_SEARCHED_MAX: u32 = NOTICE_DAYS_MAX / 7 + 3;

/// When the tenancy's rent periods start, so a notice can end on the last day of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenancyPeriods {
    /// Weekly periods, one of which starts on `a_period_starts_on` (usually a Monday).
    Weekly {
        a_period_starts_on: NaiveDate,
    },
    Fortnightly {
        a_period_starts_on: NaiveDate,
    },
    FourWeekly {
        a_period_starts_on: NaiveDate,
    },
    /// Calendar-monthly periods starting on `day_of_month`, or on the month's last day when
    /// the month is shorter (a period "on the 31st" starts on 30 April and 28 February).
    Monthly {
        day_of_month: u32,
    },
}

impl TenancyPeriods {
    pub fn frequency(&self) -> RentFrequency {
        match self {
            TenancyPeriods::Weekly { .. } => RentFrequency::Weekly,
            TenancyPeriods::Fortnightly { .. } => RentFrequency::Fortnightly,
            TenancyPeriods::FourWeekly { .. } => RentFrequency::FourWeekly,
            TenancyPeriods::Monthly { .. } => RentFrequency::Monthly,
        }
    }

    /// Whether `date` is the last day of a rent period.
    pub fn is_period_end(&self, date: NaiveDate) -> Result<bool, LegalError> {
        let next_day = day_after(date)?;
        Ok(self.period_start_on_or_before(next_day)? == next_day)
    }

    /// The start of the period containing `date`.
    fn period_start_on_or_before(&self, date: NaiveDate) -> Result<NaiveDate, LegalError> {
        match *self {
            TenancyPeriods::Weekly { a_period_starts_on } => {
                fixed_period_start(a_period_starts_on, 7, date)
            }
            TenancyPeriods::Fortnightly { a_period_starts_on } => {
                fixed_period_start(a_period_starts_on, 14, date)
            }
            TenancyPeriods::FourWeekly { a_period_starts_on } => {
                fixed_period_start(a_period_starts_on, 28, date)
            }
            TenancyPeriods::Monthly { day_of_month } => {
                let this_month = monthly_period_start(date.year(), date.month(), day_of_month)?;
                if this_month <= date {
                    return Ok(this_month);
                }
                let previous = month_start(date)
                    .checked_sub_months(Months::new(1))
                    .ok_or(LegalError::DateOutOfRange { date })?;
                monthly_period_start(previous.year(), previous.month(), day_of_month)
            }
        }
    }
}

fn fixed_period_start(
    anchor: NaiveDate,
    length_days: i64,
    date: NaiveDate,
) -> Result<NaiveDate, LegalError> {
    // `rem_euclid` keeps the offset in 0..length_days even when the anchor is after `date`.
    let offset_days = (date - anchor).num_days().rem_euclid(length_days);
    date.checked_sub_days(Days::new(offset_days.unsigned_abs()))
        .ok_or(LegalError::DateOutOfRange { date })
}

fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// The day a monthly period starts in `year`/`month`: `day_of_month`, clamped to the month end.
fn monthly_period_start(year: i32, month: u32, day_of_month: u32) -> Result<NaiveDate, LegalError> {
    if !(1..=31).contains(&day_of_month) {
        return Err(LegalError::DayOfMonthInvalid { day_of_month });
    }
    // Bounded: at most three steps down, from 31 to 28.
    let mut day = day_of_month;
    while day > 28 {
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
            return Ok(date);
        }
        day -= 1;
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(LegalError::DayOfMonthInvalid { day_of_month })
}

/// The dates worked out for one notice, and the rule set they were worked out under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeDates {
    /// The date to write in the notice: the earliest lawful one.
    pub date_specified: NaiveDate,
    /// The first day proceedings may begin.
    pub proceedings_from: NaiveDate,
    /// The last day proceedings may begin; after it a new notice is needed.
    pub expires_on: NaiveDate,
    pub rule_set_id: String,
}

/// The dates for a notice deemed served on `deemed_service` under `rule_set`.
pub fn notice_dates(
    rule_set: &RuleSet,
    deemed_service: NaiveDate,
    rent: TenancyPeriods,
) -> Result<NoticeDates, LegalError> {
    check_in_force(rule_set, deemed_service)?;
    let period_days_min = Days::new(u64::from(rule_set.notice_period.days_min));
    let earliest =
        deemed_service
            .checked_add_days(period_days_min)
            .ok_or(LegalError::DateOutOfRange {
                date: deemed_service,
            })?;
    let date_specified = match rule_set.period_end.rule {
        PeriodEnd::None => earliest,
        PeriodEnd::LastDayOfRentPeriod => first_period_end(rent, deemed_service, earliest)?,
    };
    let proceedings_from = match rule_set.proceedings_begin.rule {
        ProceedingsBegin::AfterDateSpecified => day_after(date_specified)?,
        ProceedingsBegin::OnOrAfterDateSpecified => date_specified,
    };
    let life_start = match rule_set.life.counted_from {
        LifeStart::DateSpecified => date_specified,
        LifeStart::Service => deemed_service,
    };
    // "Twelve months after" read as ending the day before the same date twelve months on, the
    // earlier of the two readings (see the rule's note). chrono clamps 29 February to the 28th.
    let expires_on = life_start
        .checked_add_months(Months::new(rule_set.life.months))
        .and_then(|date| date.pred_opt())
        .ok_or(LegalError::DateOutOfRange { date: life_start })?;
    debug_assert!(date_specified >= earliest);
    debug_assert!(proceedings_from >= date_specified);
    debug_assert!(expires_on > proceedings_from);
    Ok(NoticeDates {
        date_specified,
        proceedings_from,
        expires_on,
        rule_set_id: rule_set.id.clone(),
    })
}

/// The first last-day-of-a-period on or after `earliest` whose whole period falls after
/// `deemed_service`: a notice to quit must give at least one full period.
fn first_period_end(
    rent: TenancyPeriods,
    deemed_service: NaiveDate,
    earliest: NaiveDate,
) -> Result<NaiveDate, LegalError> {
    let mut period_start = next_period_start_after(rent, deemed_service)?;
    for _ in 0..PERIODS_SEARCHED_MAX {
        let next_start = next_period_start_after(rent, period_start)?;
        let period_end = next_start
            .pred_opt()
            .ok_or(LegalError::DateOutOfRange { date: next_start })?;
        if period_end >= earliest {
            return Ok(period_end);
        }
        period_start = next_start;
    }
    Err(LegalError::DateOutOfRange { date: earliest })
}

/// The first period start strictly after `date`.
fn next_period_start_after(rent: TenancyPeriods, date: NaiveDate) -> Result<NaiveDate, LegalError> {
    // Periods are at least a week long, so the next start is within 31 days.
    let mut candidate = day_after(date)?;
    for _ in 0..31 {
        if rent.period_start_on_or_before(candidate)? == candidate {
            return Ok(candidate);
        }
        candidate = day_after(candidate)?;
    }
    Err(LegalError::DateOutOfRange { date })
}
