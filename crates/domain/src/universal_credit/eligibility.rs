//! Whether the arrears meet the DWP's threshold for a managed payment or a deduction.
//!
//! A threshold is in months of rent. Rent is converted to a calendar month the way the rest of
//! Doorstep converts it (monthly = weekly × 52 / 12, `rent_schedule::convert`), but kept exact
//! for the comparison: £100 a week is £433.333… a month, so two months are £866.666…, and arrears
//! of £866.66 fall short while £866.67 do not. Rounding first would let £866.66 through.

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;

use super::data::{eligibility_file, in_force, PersistentUnderpayment};
use super::error::UcRuleError;
use super::RequestKind;
use crate::money::format_money;
use crate::rent_schedule::RentFrequency;

/// A rent above this per period is a typing slip; it also keeps the arithmetic far from
/// `Decimal`'s limits.
const RENT_POUNDS_MAX: i64 = 100_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Eligibility {
    pub eligible: bool,
    /// Every reason, in words with figures: "Arrears of £1,050.00 are at least 2 months' rent
    /// (£866.67 at £100.00 a week)".
    pub reasons: Vec<String>,
    /// The rule's citation, for the account page and the diary.
    pub source: String,
}

/// One calendar month of the account: rent due and paid in it, oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthPaid {
    /// The first day of the month.
    pub month_starting: NaiveDate,
    pub due: Decimal,
    pub paid: Decimal,
}

/// Whether a `kind` request can be made on `on` for arrears of `arrears`, with rent of `rent`
/// each `frequency` period and the account's months (oldest first; only the complete months
/// before `on` count towards persistent underpayment). Refuses a rent that is not positive,
/// months out of order or not starting on the 1st, and a date before the first threshold.
pub fn eligibility(
    kind: RequestKind,
    arrears: Decimal,
    rent: Decimal,
    frequency: RentFrequency,
    months: &[MonthPaid],
    on: NaiveDate,
) -> Result<Eligibility, UcRuleError> {
    if rent <= Decimal::ZERO || rent > Decimal::from(RENT_POUNDS_MAX) {
        return Err(UcRuleError::RentInvalid { rent });
    }
    check_months(months)?;
    let file = eligibility_file()?;
    let rows: Vec<_> = file.rules.iter().filter(|rule| rule.kind == kind).collect();
    let rule = in_force(&rows, on, |rule| rule.effective_from)
        .ok_or(UcRuleError::ThresholdNotKnown { kind, on })?;

    let (mut eligible, words) = arrears_test(arrears, rent, frequency, rule.arrears_months_min);
    let mut reasons = vec![words];
    let mut source = rule.source.clone();
    if let (false, Some(underpayment)) = (eligible, &rule.persistent_underpayment) {
        let (enough_arrears, words) =
            arrears_test(arrears, rent, frequency, underpayment.arrears_months_min);
        reasons.push(words);
        let (persistent, words) = underpayment_test(months, on, underpayment);
        reasons.push(words);
        eligible = enough_arrears && persistent;
        source = format!("{source}; persistent underpayment: {}", underpayment.source);
    }
    Ok(Eligibility {
        eligible,
        reasons,
        source,
    })
}

/// `months` calendar months of rent, exact (not rounded): rent per period × weeks in a month
/// (52 / 12) ÷ weeks in a period, multiplying before the one division so monthly rent stays
/// exact. The rent is checked to be at most `RENT_POUNDS_MAX`, so nothing overflows.
pub(crate) fn months_of_rent(rent: Decimal, frequency: RentFrequency, months: u32) -> Decimal {
    // Weeks in one period as a fraction, as `rent_schedule` counts them.
    let (weeks_numerator, weeks_denominator) = match frequency {
        RentFrequency::Weekly => (1, 1),
        RentFrequency::Fortnightly => (2, 1),
        RentFrequency::FourWeekly => (4, 1),
        RentFrequency::Monthly => (52, 12),
    };
    let numerator = rent * Decimal::from(months) * Decimal::from(weeks_denominator * 52);
    numerator / Decimal::from(weeks_numerator * 12)
}

fn months_phrase(months: u32) -> String {
    if months == 1 {
        "1 month's rent".to_string()
    } else {
        format!("{months} months' rent")
    }
}

/// Whether arrears are at least `months` of rent, compared exactly, and the sentence saying so.
fn arrears_test(
    arrears: Decimal,
    rent: Decimal,
    frequency: RentFrequency,
    months: u32,
) -> (bool, String) {
    let threshold = months_of_rent(rent, frequency, months);
    let met = arrears >= threshold;
    let comparison = if met { "are at least" } else { "are less than" };
    let words = format!(
        "Arrears of {} {comparison} {} ({} at {} {})",
        format_money(arrears),
        months_phrase(months),
        format_money(threshold),
        format_money(rent),
        frequency.per_period()
    );
    (met, words)
}

/// Whether the rent was underpaid in enough of the complete calendar months before `on`, and
/// the sentence saying which months were counted. A month missing from `months` is not counted
/// as underpaid: Doorstep cannot show what it does not hold.
fn underpayment_test(
    months: &[MonthPaid],
    on: NaiveDate,
    rule: &PersistentUnderpayment,
) -> (bool, String) {
    // `on` is a valid date, so its month has a 1st; the window ends before that month, which
    // is not yet complete.
    let window_end = on.with_day(1).unwrap_or(on);
    let window_start = window_end
        .checked_sub_months(Months::new(rule.months_looked_at))
        .unwrap_or(NaiveDate::MIN);
    let in_window: Vec<&MonthPaid> = months
        .iter()
        .filter(|month| month.month_starting >= window_start && month.month_starting < window_end)
        .collect();
    let underpaid = in_window
        .iter()
        .filter(|month| month.paid < month.due)
        .count();
    let underpaid = u32::try_from(underpaid).unwrap_or(u32::MAX);
    let met = underpaid >= rule.months_underpaid_min;
    let last_month = window_end
        .checked_sub_months(Months::new(1))
        .unwrap_or(window_start);
    let mut words = format!(
        "Rent was underpaid in {underpaid} of the {} complete months from {} to {}; {} counts as persistent underpayment (Doorstep's reading: the DWP leaves it to judgement)",
        rule.months_looked_at,
        window_start.format("%B %Y"),
        last_month.format("%B %Y"),
        if rule.months_underpaid_min == 1 {
            "1 month".to_string()
        } else {
            format!("{} or more", rule.months_underpaid_min)
        },
    );
    if in_window.len() < rule.months_looked_at as usize {
        words.push_str(&format!(
            "; only {} of those months are on the account",
            in_window.len()
        ));
    }
    (met, words)
}

/// Months start on the 1st, come oldest first with no repeats, and hold no negative amount.
fn check_months(months: &[MonthPaid]) -> Result<(), UcRuleError> {
    for (index, month) in months.iter().enumerate() {
        let month_starting = month.month_starting;
        let problem = if month_starting.day() != 1 {
            Some("a month must start on the 1st")
        } else if index > 0 && months[index - 1].month_starting >= month_starting {
            Some("the months must be oldest first, each once")
        } else if month.due < Decimal::ZERO || month.paid < Decimal::ZERO {
            Some("the rent due and paid cannot be negative")
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(UcRuleError::MonthInvalid {
                month_starting,
                problem,
            });
        }
    }
    Ok(())
}
