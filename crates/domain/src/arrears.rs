//! Arrears: how much is owed, and how many weeks of rent that is.
//!
//! Arrears in weeks = arrears ÷ weekly charge (DOMAIN.md, "Money and accounts"); the legal
//! thresholds for notices and possession grounds are stated in weeks or months of rent, so this
//! figure is what an officer reads out first.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::ledger::{balance, Entry};
pub use crate::money::format_money;
use crate::rent_schedule::{convert, RentFrequency, RentSchedule};

/// Weeks are shown to one decimal place ("12.5 weeks"): finer is false precision for a figure
/// that moves by a whole week every Monday.
pub const ARREARS_WEEKS_DECIMAL_PLACES: u32 = 1;

/// `max(balance, 0) ÷ weekly_charge`, to one decimal place, half away from zero. A credit is
/// zero weeks, never negative; with no weekly charge there is nothing to divide by, so zero.
pub fn arrears_in_weeks(balance: Decimal, weekly_charge: Decimal) -> Decimal {
    let zero_weeks = Decimal::new(0, ARREARS_WEEKS_DECIMAL_PLACES);
    if weekly_charge <= Decimal::ZERO {
        return zero_weeks;
    }
    let arrears = balance.max(Decimal::ZERO);
    // Only a huge balance over a sub-penny charge overflows `Decimal`; saturating keeps the
    // answer "a very large number of weeks" instead of a panic on odd input.
    let weeks = arrears.checked_div(weekly_charge).unwrap_or(Decimal::MAX);
    let mut weeks = weeks.round_dp_with_strategy(
        ARREARS_WEEKS_DECIMAL_PLACES,
        RoundingStrategy::MidpointAwayFromZero,
    );
    // Always one decimal place, "38.0" rather than "38", so every screen and letter shows the
    // figure the same way. Rounding above has already left at most one place; this only pads.
    if weeks.scale() < ARREARS_WEEKS_DECIMAL_PLACES {
        weeks.rescale(ARREARS_WEEKS_DECIMAL_PLACES);
    }
    weeks
}

/// `max(balance, 0) ÷ monthly_charge`, to one decimal place like weeks: for calendar-monthly
/// tenancies, where the possession thresholds are stated in months of rent (ground 8: two
/// months before the Renters' Rights Act 2025, three after; DOMAIN.md, "Notices").
pub fn arrears_in_months(balance: Decimal, monthly_charge: Decimal) -> Decimal {
    // The same arithmetic as weeks, over a different period.
    arrears_in_weeks(balance, monthly_charge)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrearsPosition {
    /// Sum of entries posted on or before today: above zero owed, below zero in credit.
    pub balance: Decimal,
    /// `max(balance, 0)`.
    pub arrears: Decimal,
    pub weeks_of_rent: Decimal,
    /// Zero when no rent is in force today (before the tenancy starts).
    pub weekly_charge: Decimal,
    /// Plain words an officer can read out to the tenant.
    pub explanation: String,
}

/// The account's position as at `today`. Entries posted after `today` (a payment keyed in
/// advance with a future date) are left out, so the figure matches the statement printed today.
pub fn arrears_position(
    entries: &[Entry],
    schedule: &RentSchedule,
    today: NaiveDate,
) -> ArrearsPosition {
    let posted: Vec<Entry> = entries
        .iter()
        .filter(|entry| entry.posted_on <= today)
        .cloned()
        .collect();
    let balance = balance(&posted);
    let arrears = balance.max(Decimal::ZERO);
    let weekly_charge = schedule
        .weekly_equivalent_on(today)
        .unwrap_or(Decimal::ZERO);
    let weeks_of_rent = arrears_in_weeks(balance, weekly_charge);
    let explanation = explain(balance, weeks_of_rent, weekly_charge, schedule, today);
    ArrearsPosition {
        balance,
        arrears,
        weeks_of_rent,
        weekly_charge,
        explanation,
    }
}

fn explain(
    balance: Decimal,
    weeks_of_rent: Decimal,
    weekly_charge: Decimal,
    schedule: &RentSchedule,
    today: NaiveDate,
) -> String {
    if balance < Decimal::ZERO {
        return format!("The account is {} in credit.", format_money(-balance));
    }
    if balance.is_zero() {
        return "The account is clear: nothing is owed.".to_string();
    }
    let owes = format!("The account owes {}.", format_money(balance));
    let Some(components) = schedule
        .components_on(today)
        .filter(|_| weekly_charge > Decimal::ZERO)
    else {
        return format!(
            "{owes} No rent is charged on {}, so it cannot be shown in weeks of rent.",
            today.format("%-d %B %Y")
        );
    };
    let what = if components.service_charge.is_zero() {
        "The rent"
    } else {
        "The rent and service charge"
    };
    let per_period = match schedule.frequency {
        RentFrequency::Weekly => format!("{} a week", format_money(weekly_charge)),
        other => format!(
            "{} {}, which is {} a week",
            format_money(components.total()),
            other.per_period(),
            format_money(convert(components.total(), other, RentFrequency::Weekly)),
        ),
    };
    let unit = if weeks_of_rent == Decimal::ONE {
        "week"
    } else {
        "weeks"
    };
    if schedule.frequency == RentFrequency::Monthly {
        let months = arrears_in_months(balance, components.total());
        let month_unit = if months == Decimal::ONE {
            "month"
        } else {
            "months"
        };
        return format!(
            "{owes} {what} is {per_period}, so that is {weeks_of_rent:.1} {unit}, or {months:.1} {month_unit}, of rent."
        );
    }
    format!("{owes} {what} is {per_period}, so that is {weeks_of_rent:.1} {unit} of rent.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{ChargeKind, EntryKind, PaymentMethod};
    use crate::rent_schedule::{RentChange, RentComponents};
    use proptest::prelude::*;
    use std::str::FromStr;
    use uuid::Uuid;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).expect("test literal")
    }

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("test date")
    }

    #[test]
    fn weeks() {
        // The text, not just the value: always one decimal place, so "12.0" never shows as "12".
        fn check(balance: &str, weekly: &str, expected: &str) {
            assert_eq!(
                arrears_in_weeks(dec(balance), dec(weekly)).to_string(),
                expected,
                "{balance} / {weekly}"
            );
        }
        //    balance    weekly    weeks
        check("1182", "98.50", "12.0"); // 1182 / 98.50 = 12 exactly
        check("1231.25", "98.50", "12.5"); // 12.5 exactly
        check("1225", "100", "12.3"); // 12.25 exactly: half away from zero, not to even (12.2)
        check("49.25", "98.50", "0.5");
        check("-50", "98.50", "0.0"); // credit is never negative weeks
        check("500", "0", "0.0"); // no charge, nothing to divide by
        check("500", "-10", "0.0");
        check("3000", "120", "25.0");
    }

    fn schedule(frequency: RentFrequency, rent: &str, service_charge: &str) -> RentSchedule {
        RentSchedule {
            frequency,
            changes: vec![RentChange {
                effective_from: date(2024, 1, 1),
                components: RentComponents {
                    rent: dec(rent),
                    service_charge: dec(service_charge),
                },
            }],
            rent_free_weeks: vec![],
        }
    }

    fn adjustment(amount: &str, posted_on: NaiveDate) -> Entry {
        Entry {
            id: Uuid::nil(),
            posted_on,
            kind: if amount.starts_with('-') {
                EntryKind::Payment {
                    method: PaymentMethod::Card,
                }
            } else {
                EntryKind::Charge {
                    charge: ChargeKind::Rent,
                }
            },
            amount: dec(amount),
            description: String::new(),
        }
    }

    #[test]
    fn positions() {
        let today = date(2025, 6, 2);
        fn check(
            schedule: &RentSchedule,
            amounts: &[&str],
            today: NaiveDate,
            weeks: &str,
            explanation: &str,
        ) {
            let entries: Vec<Entry> = amounts
                .iter()
                .map(|amount| adjustment(amount, date(2023, 11, 1)))
                .collect();
            let position = arrears_position(&entries, schedule, today);
            assert_eq!(position.weeks_of_rent, dec(weeks));
            assert_eq!(position.explanation, explanation);
        }
        check(
            &schedule(RentFrequency::Weekly, "90", "8.50"),
            &["1234.56"],
            today,
            // 1234.56 / 98.50 = 12.533... → 12.5
            "12.5",
            "The account owes £1,234.56. The rent and service charge is £98.50 a week, so that is 12.5 weeks of rent.",
        );
        check(
            &schedule(RentFrequency::Weekly, "98.50", "0"),
            &["1182"],
            today,
            "12.0",
            "The account owes £1,182.00. The rent is £98.50 a week, so that is 12.0 weeks of rent.",
        );
        check(
            &schedule(RentFrequency::Monthly, "430", "0"),
            &["99.23"],
            today,
            // 430 × 12 / 52 = 99.23 a week; 99.23 / 99.23 = 1.0
            "1.0",
            // 99.23 / 430 = 0.23 → 0.2 months.
            "The account owes £99.23. The rent is £430.00 a month, which is £99.23 a week, so that is 1.0 week, or 0.2 months, of rent.",
        );
        check(
            &schedule(RentFrequency::Monthly, "430", "0"),
            &["860"],
            today,
            // Two months exactly: ground 8's pre-2025 threshold for a monthly tenancy.
            "8.7",
            "The account owes £860.00. The rent is £430.00 a month, which is £99.23 a week, so that is 8.7 weeks, or 2.0 months, of rent.",
        );
        check(
            &schedule(RentFrequency::Weekly, "98.50", "0"),
            &["100", "-112.30"],
            today,
            "0",
            "The account is £12.30 in credit.",
        );
        check(
            &schedule(RentFrequency::Weekly, "98.50", "0"),
            &["100", "-100"],
            today,
            "0",
            "The account is clear: nothing is owed.",
        );
        check(
            &schedule(RentFrequency::Weekly, "98.50", "0"),
            &["100"],
            date(2023, 12, 1),
            "0",
            "The account owes £100.00. No rent is charged on 1 December 2023, so it cannot be shown in weeks of rent.",
        );
    }

    #[test]
    fn future_entries_are_not_counted() {
        let entries = vec![
            adjustment("100", date(2025, 1, 6)),
            adjustment("-100", date(2025, 7, 1)),
        ];
        let position = arrears_position(
            &entries,
            &schedule(RentFrequency::Weekly, "100", "0"),
            date(2025, 6, 2),
        );
        assert_eq!(position.balance, dec("100"));
        assert_eq!(position.arrears, dec("100"));
        assert_eq!(position.weekly_charge, dec("100"));
    }

    proptest! {
        #[test]
        fn weeks_never_negative(balance_pence in any::<i64>(), weekly_pence in any::<i64>()) {
            let weeks = arrears_in_weeks(
                crate::money::money_from_pence(balance_pence),
                crate::money::money_from_pence(weekly_pence),
            );
            prop_assert!(weeks >= Decimal::ZERO);
        }
    }
}
