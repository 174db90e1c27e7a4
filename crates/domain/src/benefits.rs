//! Benefit credits the landlord expects, and the arrears they explain.
//!
//! Housing Benefit is paid 4-weekly in arrears and Universal Credit monthly in arrears
//! (DOMAIN.md, "Money and accounts"), so on most days an account on benefit shows a balance
//! that the next credit will clear: technical arrears, not debt. True arrears are what is left
//! once credits confirmed as coming are taken off. Chasing technical arrears is the commonest
//! complaint officers make about priority lists.

use chrono::{Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ledger::{reversal_of, Entry, EntryKind, PaymentMethod};
use crate::money::{format_money, round_money};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Benefit {
    HousingBenefit,
    UniversalCredit,
}

impl Benefit {
    pub fn label(self) -> &'static str {
        match self {
            Benefit::HousingBenefit => "Housing Benefit",
            Benefit::UniversalCredit => "Universal Credit",
        }
    }

    /// How this benefit is paid: in arrears, on a fixed cycle.
    pub fn period(self) -> BenefitPeriod {
        match self {
            Benefit::HousingBenefit => BenefitPeriod::FourWeekly,
            Benefit::UniversalCredit => BenefitPeriod::Monthly,
        }
    }

    fn payment_method(self) -> PaymentMethod {
        match self {
            Benefit::HousingBenefit => PaymentMethod::HousingBenefit,
            Benefit::UniversalCredit => PaymentMethod::UniversalCredit,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitPeriod {
    FourWeekly,
    Monthly,
}

/// Who the benefit is paid to. Paid to the landlord it arrives as a credit on the account;
/// paid to the tenant, the tenant is expected to pass it on once it lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitPaidTo {
    Landlord,
    Tenant,
}

impl BenefitPaidTo {
    pub fn label(self) -> &'static str {
        match self {
            BenefitPaidTo::Landlord => "Paid to the landlord",
            BenefitPaidTo::Tenant => "Paid to the tenant",
        }
    }
}

/// A benefit award as recorded on the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenefitAward {
    pub benefit: Benefit,
    pub paid_to: BenefitPaidTo,
    /// Each payment, in pounds, for the housing costs only.
    pub amount: Decimal,
    /// Any one payment date of the award's cycle; every other date follows from it.
    pub payment_on: NaiveDate,
}

/// A credit expected on the account, and how much of today's balance it explains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedCredit {
    pub benefit: Benefit,
    pub paid_to: BenefitPaidTo,
    pub amount: Decimal,
    pub next_on: NaiveDate,
    /// The part of the balance this credit accounts for today: the share of its period already
    /// passed, plus a whole payment that is overdue.
    pub covers_now: Decimal,
    /// A payment due on this date has not arrived (only knowable when paid to the landlord).
    pub overdue_since: Option<NaiveDate>,
    pub explanation: String,
}

/// A late payment is still expected for this many days before an officer should treat it as
/// stopped: councils and the DWP pay a few days either side of the cycle date.
pub const BENEFIT_LATE_DAYS_MAX: u64 = 14;
/// A credit counts as "the payment due on a date" when it lands within this many days of it.
const BENEFIT_MATCH_DAYS: u64 = 4;
/// Cycles are found by stepping from the recorded date; this bounds the walk (about 40 years).
const BENEFIT_CYCLES_MAX: u32 = 520;

/// The payment dates of an award's cycle either side of `today`: the latest on or before it
/// and the first after it.
pub fn cycle_around(award: &BenefitAward, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let step = |anchor: NaiveDate, cycles: i64| -> Option<NaiveDate> {
        match award.benefit.period() {
            BenefitPeriod::FourWeekly => {
                let days = cycles.checked_mul(28)?;
                anchor.checked_add_signed(chrono::Duration::try_days(days)?)
            }
            BenefitPeriod::Monthly => {
                let months = u32::try_from(cycles.unsigned_abs()).ok()?;
                if cycles >= 0 {
                    anchor.checked_add_months(Months::new(months))
                } else {
                    anchor.checked_sub_months(Months::new(months))
                }
            }
        }
    };
    // Estimate the cycle count, then correct by a step or two; monthly cycles are counted
    // from the anchor each time so that a 31st clamps to each month's end without drifting.
    let days_between = (today - award.payment_on).num_days();
    let estimate = match award.benefit.period() {
        BenefitPeriod::FourWeekly => days_between.div_euclid(28),
        BenefitPeriod::Monthly => days_between.div_euclid(31),
    };
    let mut cycles = estimate;
    for _ in 0..BENEFIT_CYCLES_MAX {
        let previous = step(award.payment_on, cycles)?;
        let next = step(award.payment_on, cycles + 1)?;
        if previous > today {
            cycles -= 1;
        } else if next <= today {
            cycles += 1;
        } else {
            return Some((previous, next));
        }
    }
    None
}

/// What each award will credit next, and how much of today's balance that explains.
/// `recent_entries` must include at least the last `BENEFIT_LATE_DAYS_MAX` + a cycle of the
/// ledger, so a credit that arrived can be matched to its due date.
pub fn expected_credits(
    awards: &[BenefitAward],
    recent_entries: &[Entry],
    today: NaiveDate,
) -> Vec<ExpectedCredit> {
    awards
        .iter()
        .filter(|award| award.amount > Decimal::ZERO)
        .filter_map(|award| expected_credit(award, recent_entries, today))
        .collect()
}

fn expected_credit(
    award: &BenefitAward,
    recent_entries: &[Entry],
    today: NaiveDate,
) -> Option<ExpectedCredit> {
    let (previous_on, next_on) = cycle_around(award, today)?;
    let period_days = (next_on - previous_on).num_days();
    let elapsed_days = (today - previous_on).num_days();
    // In arrears: the credit due on `next_on` pays for the days since `previous_on`, so the
    // part of it already earned is the part of that period already passed.
    let accrued = if period_days > 0 {
        round_money(award.amount * Decimal::from(elapsed_days) / Decimal::from(period_days))
    } else {
        Decimal::ZERO
    };
    let overdue_since = match award.paid_to {
        BenefitPaidTo::Landlord => {
            let arrived = credit_arrived(award.benefit, recent_entries, previous_on);
            let still_expected = today <= previous_on + Days::new(BENEFIT_LATE_DAYS_MAX);
            (!arrived && still_expected && today > previous_on + Days::new(BENEFIT_MATCH_DAYS))
                .then_some(previous_on)
        }
        BenefitPaidTo::Tenant => None,
    };
    let covers_now = accrued + overdue_since.map_or(Decimal::ZERO, |_| award.amount);
    let explanation = explain_credit(
        award,
        next_on,
        elapsed_days,
        period_days,
        covers_now,
        overdue_since,
    );
    Some(ExpectedCredit {
        benefit: award.benefit,
        paid_to: award.paid_to,
        amount: award.amount,
        next_on,
        covers_now,
        overdue_since,
        explanation,
    })
}

/// Whether a credit of this benefit that still stands landed within a few days of `due_on`.
fn credit_arrived(benefit: Benefit, entries: &[Entry], due_on: NaiveDate) -> bool {
    let earliest = due_on - Days::new(BENEFIT_MATCH_DAYS);
    let latest = due_on + Days::new(BENEFIT_LATE_DAYS_MAX);
    entries.iter().any(|entry| {
        entry.kind
            == EntryKind::Payment {
                method: benefit.payment_method(),
            }
            && entry.posted_on >= earliest
            && entry.posted_on <= latest
            && reversal_of(entries, entry.id).is_none()
    })
}

fn explain_credit(
    award: &BenefitAward,
    next_on: NaiveDate,
    elapsed_days: i64,
    period_days: i64,
    covers_now: Decimal,
    overdue_since: Option<NaiveDate>,
) -> String {
    let every = match award.benefit.period() {
        BenefitPeriod::FourWeekly => "every 4 weeks",
        BenefitPeriod::Monthly => "every month",
    };
    let to_whom = match award.paid_to {
        BenefitPaidTo::Landlord => "to us",
        BenefitPaidTo::Tenant => "to the tenant, who then pays us",
    };
    let mut words = format!(
        "{} of {} is paid {every} in arrears {to_whom}; the next payment is due on {}. {} of its {} days have passed",
        award.benefit.label(),
        format_money(award.amount),
        long_date(next_on),
        elapsed_days,
        period_days,
    );
    if let Some(due_on) = overdue_since {
        words.push_str(&format!(
            ", and the payment due on {} has not arrived yet",
            long_date(due_on)
        ));
    }
    words.push_str(&format!(
        ", so {} of the balance is benefit still to come.",
        format_money(covers_now)
    ));
    words
}

/// True arrears: the balance less the benefit confirmed as coming, never below zero.
pub fn true_arrears(balance: Decimal, credits: &[ExpectedCredit]) -> Decimal {
    let coming: Decimal = credits.iter().map(|credit| credit.covers_now).sum();
    (balance - coming).max(Decimal::ZERO)
}

pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;
    use uuid::Uuid;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).expect("test literal")
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::from_str(text).expect("test date")
    }

    fn award(benefit: Benefit, paid_to: BenefitPaidTo, amount: &str, on: &str) -> BenefitAward {
        BenefitAward {
            benefit,
            paid_to,
            amount: dec(amount),
            payment_on: date(on),
        }
    }

    fn credit(method: PaymentMethod, amount: &str, on: &str) -> Entry {
        Entry {
            id: Uuid::from_u128(u128::from(date(on).to_string().len() as u64) + 7),
            posted_on: date(on),
            kind: EntryKind::Payment { method },
            amount: -dec(amount),
            description: String::new(),
        }
    }

    #[test]
    fn cycles() {
        fn check(benefit: Benefit, anchor: &str, today: &str, expected: (&str, &str)) {
            let award = award(benefit, BenefitPaidTo::Landlord, "400", anchor);
            assert_eq!(
                cycle_around(&award, date(today)),
                Some((date(expected.0), date(expected.1))),
                "{benefit:?} from {anchor} on {today}"
            );
        }
        use Benefit::*;
        check(
            HousingBenefit,
            "2026-11-02",
            "2026-11-23",
            ("2026-11-02", "2026-11-30"),
        );
        check(
            HousingBenefit,
            "2026-11-02",
            "2026-11-30",
            ("2026-11-30", "2026-12-28"),
        );
        check(
            HousingBenefit,
            "2026-11-02",
            "2026-11-29",
            ("2026-11-02", "2026-11-30"),
        );
        check(
            HousingBenefit,
            "2020-01-06",
            "2026-11-23",
            ("2026-11-02", "2026-11-30"),
        );
        check(
            HousingBenefit,
            "2030-01-06",
            "2026-11-23",
            ("2026-11-15", "2026-12-13"),
        );
        // Monthly from the 31st clamps to each month's end and comes back to the 31st.
        check(
            UniversalCredit,
            "2026-01-31",
            "2026-03-01",
            ("2026-02-28", "2026-03-31"),
        );
        check(
            UniversalCredit,
            "2026-01-31",
            "2026-11-23",
            ("2026-10-31", "2026-11-30"),
        );
        check(
            UniversalCredit,
            "2026-11-15",
            "2026-11-15",
            ("2026-11-15", "2026-12-15"),
        );
    }

    #[test]
    fn accrued_housing_benefit_is_technical_arrears() {
        // Paid on 2 Nov and due again 30 Nov; on 23 Nov, 21 of 28 days have passed.
        let awards = [award(
            Benefit::HousingBenefit,
            BenefitPaidTo::Landlord,
            "400",
            "2026-11-02",
        )];
        let entries = [credit(PaymentMethod::HousingBenefit, "400", "2026-11-02")];
        let credits = expected_credits(&awards, &entries, date("2026-11-23"));
        assert_eq!(credits.len(), 1);
        assert_eq!(credits[0].next_on, date("2026-11-30"));
        assert_eq!(credits[0].covers_now, dec("300.00"));
        assert_eq!(credits[0].overdue_since, None);
        assert_eq!(
            credits[0].explanation,
            "Housing Benefit of £400.00 is paid every 4 weeks in arrears to us; the next payment is due on 30 November 2026. 21 of its 28 days have passed, so £300.00 of the balance is benefit still to come."
        );
        assert_eq!(true_arrears(dec("450"), &credits), dec("150.00"));
        assert_eq!(true_arrears(dec("200"), &credits), dec("0"));
    }

    #[test]
    fn a_late_payment_is_still_expected_for_a_while() {
        let awards = [award(
            Benefit::HousingBenefit,
            BenefitPaidTo::Landlord,
            "400",
            "2026-11-02",
        )];
        fn covers(awards: &[BenefitAward], entries: &[Entry], today: &str) -> Decimal {
            expected_credits(awards, entries, date(today))[0].covers_now
        }
        // Nothing arrived on 2 Nov: on 5 Nov it may still be in the post (3 days, no overdue).
        assert_eq!(covers(&awards, &[], "2026-11-05"), dec("42.86"));
        // On 10 Nov it is overdue: the whole payment plus 8/28 of the next.
        assert_eq!(covers(&awards, &[], "2026-11-10"), dec("514.29"));
        // Once it has arrived, late, only the accrued part remains.
        let late = [credit(PaymentMethod::HousingBenefit, "400", "2026-11-09")];
        assert_eq!(covers(&awards, &late, "2026-11-10"), dec("114.29"));
        // After 14 days it is no longer counted on (only 15/28 of the next): an officer should
        // find out why.
        assert_eq!(covers(&awards, &[], "2026-11-17"), dec("214.29"));
    }

    #[test]
    fn universal_credit_paid_to_the_tenant() {
        let awards = [award(
            Benefit::UniversalCredit,
            BenefitPaidTo::Tenant,
            "520",
            "2026-10-14",
        )];
        let credits = expected_credits(&awards, &[], date("2026-11-23"));
        // 14 Nov to 14 Dec is 30 days; 9 have passed: 520 × 9 / 30 = 156.
        assert_eq!(credits[0].next_on, date("2026-12-14"));
        assert_eq!(credits[0].covers_now, dec("156.00"));
        assert_eq!(credits[0].overdue_since, None);
    }
}
