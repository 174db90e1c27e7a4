//! The patch over time: arrears at each week's end, and how long today's arrears have been
//! owed. Both walk each ledger once in date order, so 52 weeks of a 2,000-account patch cost
//! one sort per account rather than 52 scans.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{add_days, is_current_on, subtract_days, AccountFacts};

pub const ARREARS_TREND_DEFINITION: &str = "Arrears trend: current tenants' arrears at the end \
    of each Sunday, and how many current tenants owed anything then. Tenants in credit count as \
    owing nothing.";

pub const AGE_PROFILE_DEFINITION: &str = "Arrears age profile: current tenants in arrears on \
    the date, grouped by how long their account has been continuously in arrears (since the \
    last day it ended clear or in credit, or since the account's first entry if it never \
    has).";

/// One Sunday's position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendPoint {
    pub week_ending: NaiveDate,
    pub accounts_in_arrears_count: u32,
    pub arrears_total: Decimal,
}

/// Arrears at the end of each of the `weeks` Sundays up to and including `last_week_ending`'s
/// week, oldest first. `last_week_ending` is moved forward to its Sunday.
pub fn arrears_trend(
    accounts: &[AccountFacts],
    last_week_ending: NaiveDate,
    weeks: u32,
) -> Vec<TrendPoint> {
    let last = sunday_of(last_week_ending);
    let mut points: Vec<TrendPoint> = (0..weeks)
        .rev()
        .map(|back| TrendPoint {
            week_ending: subtract_days(last, 7 * u64::from(back)),
            accounts_in_arrears_count: 0,
            arrears_total: Decimal::ZERO,
        })
        .collect();
    for account in accounts {
        let postings = dated_postings(account);
        let mut next = 0;
        let mut balance = Decimal::ZERO;
        for point in &mut points {
            while let Some((on, amount)) = postings.get(next) {
                if *on > point.week_ending {
                    break;
                }
                balance += *amount;
                next += 1;
            }
            if balance > Decimal::ZERO && is_current_on(account, point.week_ending) {
                point.accounts_in_arrears_count += 1;
                point.arrears_total += balance;
            }
        }
    }
    points
}

/// How long arrears have been owed, in bands of whole weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeBand {
    /// Inclusive lower bound in weeks.
    pub from_weeks: u32,
    /// Exclusive upper bound in weeks; `None` for the last, open band.
    pub to_weeks: Option<u32>,
}

impl AgeBand {
    pub fn label(&self) -> String {
        match self.to_weeks {
            Some(to) if self.from_weeks == 0 => format!("Under {to} weeks"),
            Some(to) => format!("{} to {to} weeks", self.from_weeks),
            None => format!("{} weeks or more", self.from_weeks),
        }
    }

    fn holds(&self, weeks: u32) -> bool {
        weeks >= self.from_weeks && self.to_weeks.is_none_or(|to| weeks < to)
    }
}

/// The bands the age profile uses: a month, a quarter, half a year, a year, longer.
pub const AGE_BANDS: [AgeBand; 5] = [
    AgeBand {
        from_weeks: 0,
        to_weeks: Some(4),
    },
    AgeBand {
        from_weeks: 4,
        to_weeks: Some(13),
    },
    AgeBand {
        from_weeks: 13,
        to_weeks: Some(26),
    },
    AgeBand {
        from_weeks: 26,
        to_weeks: Some(52),
    },
    AgeBand {
        from_weeks: 52,
        to_weeks: None,
    },
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgeProfileRow {
    pub band: AgeBand,
    pub accounts_count: u32,
    pub arrears_total: Decimal,
}

/// Current tenants in arrears at the end of `on`, by how long they have been continuously in
/// arrears (`AGE_PROFILE_DEFINITION`). Every band is listed, empty ones too, so a chart's axis
/// does not change from week to week.
pub fn arrears_age_profile(accounts: &[AccountFacts], on: NaiveDate) -> Vec<AgeProfileRow> {
    let mut rows: Vec<AgeProfileRow> = AGE_BANDS
        .iter()
        .map(|band| AgeProfileRow {
            band: *band,
            accounts_count: 0,
            arrears_total: Decimal::ZERO,
        })
        .collect();
    for account in accounts.iter().filter(|account| is_current_on(account, on)) {
        let Some((arrears, since)) = arrears_since(account, on) else {
            continue;
        };
        let days = (on - since).num_days().max(0);
        let weeks = u32::try_from(days / 7).unwrap_or(u32::MAX);
        if let Some(row) = rows.iter_mut().find(|row| row.band.holds(weeks)) {
            row.accounts_count += 1;
            row.arrears_total += arrears;
        }
    }
    rows
}

/// The arrears at the end of `on` and the day they began (the day after the balance last ended
/// a day at or below zero), or `None` when the account is not in arrears on `on`.
fn arrears_since(account: &AccountFacts, on: NaiveDate) -> Option<(Decimal, NaiveDate)> {
    let postings = dated_postings(account);
    let first_day = postings.first().map(|(day, _)| *day)?;
    let mut balance = Decimal::ZERO;
    let mut began = first_day;
    let mut index = 0;
    while let Some((day, _)) = postings.get(index) {
        if *day > on {
            break;
        }
        let day = *day;
        // Every posting of one day first: the balance that matters is the end of the day's.
        while let Some((same_day, amount)) = postings.get(index) {
            if *same_day != day {
                break;
            }
            balance += *amount;
            index += 1;
        }
        if balance <= Decimal::ZERO {
            began = add_days(day, 1);
        }
    }
    (balance > Decimal::ZERO).then_some((balance, began))
}

/// The account's postings as (day, amount), in date order (a backdated entry sorts into its
/// day; entries of one day keep their posting order).
fn dated_postings(account: &AccountFacts) -> Vec<(NaiveDate, Decimal)> {
    let mut postings: Vec<(NaiveDate, Decimal)> = account
        .entries
        .iter()
        .map(|entry| (entry.posted_on, entry.amount))
        .collect();
    postings.sort_by_key(|(on, _)| *on);
    postings
}

/// The Sunday ending `day`'s week (Monday to Sunday).
pub fn sunday_of(day: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let days_to_sunday = 6 - u64::from(day.weekday().num_days_from_monday());
    add_days(day, days_to_sunday)
}
