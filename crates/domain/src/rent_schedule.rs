//! The rent schedule: what is charged, how often, and from when.
//!
//! Rent is usually charged weekly on Mondays, some landlords charge calendar-monthly, many give
//! rent-free weeks, and the rent changes once a year, usually from the first Monday of April
//! (DOMAIN.md, "Money and accounts"). Conversions between frequencies go through a weekly
//! figure: monthly = weekly × 52 / 12, fortnightly = weekly × 2, 4-weekly = weekly × 4 (the
//! conversions DOMAIN.md cites from the Hackney income API).

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ledger::ChargeKind;
use crate::money::round_money;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RentFrequency {
    Weekly,
    Fortnightly,
    FourWeekly,
    Monthly,
}

impl RentFrequency {
    /// Weeks in one period as a fraction (numerator, denominator): a calendar month is 52/12
    /// weeks by the conversion in DOMAIN.md, not 4.345 (365.25 / 7 / 12), so letters agree with
    /// the landlord's own.
    fn weeks_per_period(self) -> (Decimal, Decimal) {
        match self {
            RentFrequency::Weekly => (Decimal::ONE, Decimal::ONE),
            RentFrequency::Fortnightly => (Decimal::TWO, Decimal::ONE),
            RentFrequency::FourWeekly => (Decimal::from(4), Decimal::ONE),
            RentFrequency::Monthly => (Decimal::from(52), Decimal::from(12)),
        }
    }

    /// How a tenancy agreement names the frequency: "Weekly", "Calendar monthly".
    pub fn name(self) -> &'static str {
        match self {
            RentFrequency::Weekly => "Weekly",
            RentFrequency::Fortnightly => "Fortnightly",
            RentFrequency::FourWeekly => "Every 4 weeks",
            RentFrequency::Monthly => "Calendar monthly",
        }
    }

    /// How a sentence says "per period": "£98.50 a week", "£400.00 every 4 weeks".
    pub fn per_period(self) -> &'static str {
        match self {
            RentFrequency::Weekly => "a week",
            RentFrequency::Fortnightly => "a fortnight",
            RentFrequency::FourWeekly => "every 4 weeks",
            RentFrequency::Monthly => "a month",
        }
    }
}

/// The amounts charged each period of the schedule's frequency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RentComponents {
    pub rent: Decimal,
    pub service_charge: Decimal,
}

impl RentComponents {
    pub fn total(&self) -> Decimal {
        self.rent + self.service_charge
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RentChange {
    pub effective_from: NaiveDate,
    pub components: RentComponents,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RentSchedule {
    pub frequency: RentFrequency,
    /// Sorted by `effective_from`; the first is the tenancy start and anchors every due date.
    pub changes: Vec<RentChange>,
    /// The weeks not charged, each named by a date in it (normally its Monday). Weekly only.
    pub rent_free_weeks: Vec<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledCharge {
    pub due_on: NaiveDate,
    pub charge: ChargeKind,
    pub amount: Decimal,
}

impl RentSchedule {
    /// The first change's date: the tenancy start.
    pub fn starts_on(&self) -> Option<NaiveDate> {
        self.changes
            .iter()
            .map(|change| change.effective_from)
            .min()
    }

    /// The components in force on `date`: the latest change on or before it. `None` before
    /// the tenancy starts.
    pub fn components_on(&self, date: NaiveDate) -> Option<&RentComponents> {
        // Taking the latest date rather than the last element keeps this right even if a
        // caller forgot to sort.
        self.changes
            .iter()
            .filter(|change| change.effective_from <= date)
            .max_by_key(|change| change.effective_from)
            .map(|change| &change.components)
    }

    /// The weekly charge used for arrears in weeks: the period total converted to a week
    /// (DOMAIN.md conversions), rounded to the penny with the named rule.
    pub fn weekly_equivalent_on(&self, date: NaiveDate) -> Option<Decimal> {
        let total = self.components_on(date)?.total();
        Some(convert(total, self.frequency, RentFrequency::Weekly))
    }

    /// Every charge falling due from `from` to `to`, both inclusive, in date order (rent before
    /// service charge on the same day). Because a due date depends only on the schedule and
    /// never on the window, adjacent windows neither miss nor double a charge.
    pub fn charges_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<ScheduledCharge> {
        let Some(start) = self.starts_on() else {
            return Vec::new();
        };
        let lower = from.max(start);
        if lower > to {
            return Vec::new();
        }
        let due_dates = match self.frequency {
            RentFrequency::Weekly => self.weekly_due_dates(lower, to),
            RentFrequency::Fortnightly => every_days_due_dates(start, 14, lower, to),
            RentFrequency::FourWeekly => every_days_due_dates(start, 28, lower, to),
            RentFrequency::Monthly => monthly_due_dates(start, lower, to),
        };
        let mut charges = Vec::with_capacity(due_dates.len() * 2);
        for due_on in due_dates {
            let Some(components) = self.components_on(due_on) else {
                continue;
            };
            for (charge, amount) in [
                (ChargeKind::Rent, components.rent),
                (ChargeKind::ServiceCharge, components.service_charge),
            ] {
                if !amount.is_zero() {
                    charges.push(ScheduledCharge {
                        due_on,
                        charge,
                        amount,
                    });
                }
            }
        }
        charges
    }

    /// Mondays from `lower` to `to`, skipping rent-free weeks.
    fn weekly_due_dates(&self, lower: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        let rent_free_mondays: Vec<NaiveDate> = self
            .rent_free_weeks
            .iter()
            .map(|date| monday_of(*date))
            .collect();
        let days_to_monday = (7 - lower.weekday().num_days_from_monday()) % 7;
        let mut due_dates = Vec::new();
        let mut monday = lower.checked_add_days(Days::new(u64::from(days_to_monday)));
        while let Some(date) = monday.filter(|date| *date <= to) {
            if !rent_free_mondays.contains(&date) {
                due_dates.push(date);
            }
            monday = date.checked_add_days(Days::new(7));
        }
        due_dates
    }
}

/// The Monday of the week containing `date`.
pub fn monday_of(date: NaiveDate) -> NaiveDate {
    let back = date.weekday().num_days_from_monday();
    // Only fails in the first week of chrono's range, where the date itself is the best answer.
    date.checked_sub_days(Days::new(u64::from(back)))
        .unwrap_or(date)
}

/// The first Monday of April in `year`: the usual day the annual rent change takes effect
/// (DOMAIN.md, "Money and accounts").
pub fn first_monday_of_april(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, 4, Weekday::Mon, 1)
}

/// `start`, `start + period`, ... from `lower` to `to`.
fn every_days_due_dates(
    start: NaiveDate,
    period_days: i64,
    lower: NaiveDate,
    to: NaiveDate,
) -> Vec<NaiveDate> {
    let offset_days = (lower - start).num_days();
    // Ceiling division: the first due date on or after `lower`.
    let periods_skipped = (offset_days + period_days - 1) / period_days;
    let mut due_dates = Vec::new();
    let mut next = start.checked_add_signed(chrono::Duration::days(periods_skipped * period_days));
    while let Some(date) = next.filter(|date| *date <= to) {
        due_dates.push(date);
        next = date.checked_add_signed(chrono::Duration::days(period_days));
    }
    due_dates
}

/// The tenancy start's day of the month, every month, clamped to the month's end (a tenancy
/// from 31 January is charged on 28 or 29 February, then 31 March again).
fn monthly_due_dates(start: NaiveDate, lower: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    // Each date is computed from `start`, never from the previous date, so clamping in
    // February does not drag every later month to the 28th.
    let months_between =
        (lower.year() - start.year()) * 12 + lower.month() as i32 - start.month() as i32;
    let mut months = u32::try_from(months_between.saturating_sub(1)).unwrap_or(0);
    let mut due_dates = Vec::new();
    while let Some(date) = start.checked_add_months(Months::new(months)) {
        if date > to {
            break;
        }
        if date >= lower {
            due_dates.push(date);
        }
        months += 1;
    }
    due_dates
}

/// A weekly charge spread over 7 days, rounded to the penny with the named rule.
pub fn daily_rate(weekly: Decimal) -> Decimal {
    round_money(weekly / Decimal::from(7))
}

/// Converts a per-period amount between frequencies through a weekly figure, with one division
/// and one rounding at the end so a conversion and its inverse differ by at most a penny.
pub fn convert(amount: Decimal, from: RentFrequency, to: RentFrequency) -> Decimal {
    let (from_weeks_numerator, from_weeks_denominator) = from.weeks_per_period();
    let (to_weeks_numerator, to_weeks_denominator) = to.weeks_per_period();
    // amount / (from weeks) * (to weeks), multiplying first to keep precision.
    let numerator = amount * from_weeks_denominator * to_weeks_numerator;
    let denominator = from_weeks_numerator * to_weeks_denominator;
    round_money(numerator / denominator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).expect("test literal")
    }

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("test date")
    }

    fn components(rent: &str, service_charge: &str) -> RentComponents {
        RentComponents {
            rent: dec(rent),
            service_charge: dec(service_charge),
        }
    }

    /// Weekly from Monday 6 January 2025 at £90 + £8.50; from Monday 7 April 2025 (the first
    /// Monday of April) £92.43 + £8.50; the week of Monday 22 December 2025 is rent-free.
    fn weekly() -> RentSchedule {
        RentSchedule {
            frequency: RentFrequency::Weekly,
            changes: vec![
                RentChange {
                    effective_from: date(2025, 1, 6),
                    components: components("90", "8.50"),
                },
                RentChange {
                    effective_from: date(2025, 4, 7),
                    components: components("92.43", "8.50"),
                },
            ],
            rent_free_weeks: vec![date(2025, 12, 24)],
        }
    }

    fn monthly_from(start: NaiveDate) -> RentSchedule {
        RentSchedule {
            frequency: RentFrequency::Monthly,
            changes: vec![RentChange {
                effective_from: start,
                components: components("430", "0"),
            }],
            rent_free_weeks: vec![],
        }
    }

    #[test]
    fn components_in_force() {
        let schedule = weekly();
        fn check(schedule: &RentSchedule, on: NaiveDate, expected: Option<&str>) {
            let total = schedule.components_on(on).map(RentComponents::total);
            assert_eq!(total, expected.map(dec), "{on}");
        }
        check(&schedule, date(2025, 1, 5), None);
        check(&schedule, date(2025, 1, 6), Some("98.50"));
        check(&schedule, date(2025, 4, 6), Some("98.50"));
        check(&schedule, date(2025, 4, 7), Some("100.93"));
    }

    #[test]
    fn weekly_equivalents() {
        fn check(frequency: RentFrequency, total: &str, expected: &str) {
            let schedule = RentSchedule {
                frequency,
                changes: vec![RentChange {
                    effective_from: date(2025, 1, 6),
                    components: components(total, "0"),
                }],
                rent_free_weeks: vec![],
            };
            assert_eq!(
                schedule.weekly_equivalent_on(date(2025, 2, 1)),
                Some(dec(expected)),
                "{frequency:?}"
            );
        }
        check(RentFrequency::Weekly, "98.50", "98.50");
        check(RentFrequency::Fortnightly, "197.00", "98.50");
        check(RentFrequency::FourWeekly, "394.00", "98.50");
        // 430 × 12 / 52 = 99.2307... → 99.23
        check(RentFrequency::Monthly, "430", "99.23");
        // 426.83 × 12 / 52 = 98.4992... → 98.50
        check(RentFrequency::Monthly, "426.83", "98.50");
    }

    #[test]
    fn conversions() {
        use RentFrequency::*;
        fn check(amount: &str, from: RentFrequency, to: RentFrequency, expected: &str) {
            assert_eq!(
                convert(dec(amount), from, to),
                dec(expected),
                "{amount} {from:?} -> {to:?}"
            );
        }
        // 98.50 × 52 / 12 = 426.8333... → 426.83
        check("98.50", Weekly, Monthly, "426.83");
        check("98.50", Weekly, Fortnightly, "197.00");
        check("98.50", Weekly, FourWeekly, "394.00");
        check("394.00", FourWeekly, Weekly, "98.50");
        // 400 (4-weekly) = 100 a week = 100 × 52 / 12 = 433.333... a month
        check("400", FourWeekly, Monthly, "433.33");
        check("12.345", Weekly, Weekly, "12.35");
        // daily: 98.50 / 7 = 14.0714... → 14.07; 0.035 / 7 = 0.005 → 0.01 (half away from zero)
        assert_eq!(daily_rate(dec("98.50")), dec("14.07"));
        assert_eq!(daily_rate(dec("0.035")), dec("0.01"));
    }

    #[test]
    fn weekly_charges() {
        let schedule = weekly();
        // Wednesday 1 Jan to Sunday 19 Jan 2025: Mondays 6 and 13 Jan; 1 Jan is before the start.
        let charges = schedule.charges_between(date(2025, 1, 1), date(2025, 1, 19));
        let expected = vec![
            ScheduledCharge {
                due_on: date(2025, 1, 6),
                charge: ChargeKind::Rent,
                amount: dec("90"),
            },
            ScheduledCharge {
                due_on: date(2025, 1, 6),
                charge: ChargeKind::ServiceCharge,
                amount: dec("8.50"),
            },
            ScheduledCharge {
                due_on: date(2025, 1, 13),
                charge: ChargeKind::Rent,
                amount: dec("90"),
            },
            ScheduledCharge {
                due_on: date(2025, 1, 13),
                charge: ChargeKind::ServiceCharge,
                amount: dec("8.50"),
            },
        ];
        assert_eq!(charges, expected);

        // The week of 22 Dec 2025 is rent-free: 15 Dec and 29 Dec charged, not 22 Dec.
        let december: Vec<NaiveDate> = schedule
            .charges_between(date(2025, 12, 15), date(2025, 12, 31))
            .iter()
            .filter(|charge| charge.charge == ChargeKind::Rent)
            .map(|charge| charge.due_on)
            .collect();
        assert_eq!(december, vec![date(2025, 12, 15), date(2025, 12, 29)]);

        // The April rent change applies from its Monday.
        let april = schedule.charges_between(date(2025, 3, 31), date(2025, 4, 7));
        let rents: Vec<Decimal> = april
            .iter()
            .filter(|charge| charge.charge == ChargeKind::Rent)
            .map(|charge| charge.amount)
            .collect();
        assert_eq!(rents, vec![dec("90"), dec("92.43")]);

        assert!(schedule
            .charges_between(date(2025, 1, 20), date(2025, 1, 19))
            .is_empty());
    }

    #[test]
    fn monthly_charges_clamp_to_month_end() {
        let schedule = monthly_from(date(2024, 1, 31));
        let due: Vec<NaiveDate> = schedule
            .charges_between(date(2024, 1, 1), date(2024, 5, 31))
            .iter()
            .map(|charge| charge.due_on)
            .collect();
        // 2024 is a leap year: 29 Feb, then back to the 31st in March, 30 April, 31 May.
        let expected = vec![
            date(2024, 1, 31),
            date(2024, 2, 29),
            date(2024, 3, 31),
            date(2024, 4, 30),
            date(2024, 5, 31),
        ];
        assert_eq!(due, expected);
        // Zero service charge: one charge per month, not two.
        assert_eq!(
            schedule
                .charges_between(date(2024, 3, 1), date(2024, 3, 31))
                .len(),
            1
        );
    }

    #[test]
    fn four_weekly_charges() {
        let schedule = RentSchedule {
            frequency: RentFrequency::FourWeekly,
            changes: vec![RentChange {
                effective_from: date(2025, 1, 6),
                components: components("394", "0"),
            }],
            rent_free_weeks: vec![],
        };
        let due: Vec<NaiveDate> = schedule
            .charges_between(date(2025, 1, 7), date(2025, 3, 31))
            .iter()
            .map(|charge| charge.due_on)
            .collect();
        // 6 Jan + 28 = 3 Feb, + 28 = 3 Mar, + 28 = 31 Mar.
        assert_eq!(
            due,
            vec![date(2025, 2, 3), date(2025, 3, 3), date(2025, 3, 31)]
        );
        assert_eq!(first_monday_of_april(2025), Some(date(2025, 4, 7)));
        assert_eq!(first_monday_of_april(2024), Some(date(2024, 4, 1)));
    }

    fn any_frequency() -> impl Strategy<Value = RentFrequency> {
        prop_oneof![
            Just(RentFrequency::Weekly),
            Just(RentFrequency::Fortnightly),
            Just(RentFrequency::FourWeekly),
            Just(RentFrequency::Monthly),
        ]
    }

    proptest! {
        #[test]
        fn charges_split_without_gaps_or_doubles(
            frequency in any_frequency(),
            start_offset_days in 0i64..400,
            first_days in 0i64..900,
            second_days in 0i64..900,
            window_start_days in 0i64..600,
            rent_free_offsets in proptest::collection::vec(0u64..1200, 0..6),
        ) {
            let base = date(2022, 1, 1);
            let start = base + chrono::Duration::days(start_offset_days);
            let schedule = RentSchedule {
                frequency,
                changes: vec![
                    RentChange { effective_from: start, components: components("90", "5") },
                    RentChange { effective_from: start + chrono::Duration::days(200), components: components("95", "0") },
                ],
                rent_free_weeks: rent_free_offsets.iter().map(|days| base + Days::new(*days)).collect(),
            };
            let a = base + chrono::Duration::days(window_start_days);
            let b = a + chrono::Duration::days(first_days);
            let c = b + chrono::Duration::days(second_days);
            let mut split = schedule.charges_between(a, b);
            split.extend(schedule.charges_between(b + Days::new(1), c));
            prop_assert_eq!(split, schedule.charges_between(a, c));
        }
    }
}
