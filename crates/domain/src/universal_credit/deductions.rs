//! What a deduction for rent arrears from Universal Credit could be, and the housing costs
//! shortfall a Discretionary Housing Payment could cover.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::data::{deductions_file, in_force, standard_allowance_file, DEDUCTIONS_FILE};
use super::error::UcRuleError;
use super::{long_date, Household};
use crate::money::{format_money, round_money};

/// The monthly deduction for rent arrears the regulations allow, for one household on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeductionRange {
    /// The monthly standard allowance the percentages are taken of.
    pub standard_allowance: Decimal,
    pub min: Decimal,
    pub max: Decimal,
    /// The most the DWP deducts for everything together (rent arrears, advances, overpayments,
    /// other third parties). It can be below `max`: since 30 April 2025 it is 15% against a 20%
    /// maximum.
    pub overall_cap: Decimal,
    pub source: String,
}

/// What the DWP would deduct for rent arrears each month, with words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedDeduction {
    pub amount: Decimal,
    pub explanation: String,
}

/// Percent of an amount, to the penny with the crate's named rounding. The DWP's own rounding is
/// not in the regulations [check].
fn percent_of(amount: Decimal, percent: Decimal) -> Decimal {
    round_money(amount * percent / Decimal::ONE_HUNDRED)
}

/// The range for `household` on `on`: 10%–20% of the standard allowance (Claims and Payments
/// Regulations 2013 Sch 6 para 7(5)) and the overall cap, each from the row in force that day.
/// A day before the first standard allowance figures is `RatesNotKnown`.
pub fn arrears_deduction_range(
    household: Household,
    on: NaiveDate,
) -> Result<DeductionRange, UcRuleError> {
    let allowances = standard_allowance_file()?;
    let set = in_force(&allowances.sets, on, |set| set.effective_from)
        .ok_or(UcRuleError::RatesNotKnown { on })?;
    let deductions = deductions_file()?;
    // The data test checks both lists start before the first standard allowance, so a missing
    // row here is a broken file, not a user's mistake.
    let not_covered = |what: &str| UcRuleError::DataInvalid {
        file: DEDUCTIONS_FILE,
        problem: format!("no {what} is recorded for {}", long_date(on)),
    };
    let rent_arrears = in_force(&deductions.rent_arrears, on, |rule| rule.effective_from)
        .ok_or_else(|| not_covered("rent arrears percentage"))?;
    let cap = in_force(&deductions.overall_cap, on, |rule| rule.effective_from)
        .ok_or_else(|| not_covered("overall cap"))?;
    let standard_allowance = set.monthly.amount(household);
    let source = format!(
        "Standard allowance ({}, {} from {}): {}. Deduction of {}%–{}%: {}. Overall cap of {}%: {}",
        household.label(),
        set.tax_year,
        long_date(set.effective_from),
        set.source,
        rent_arrears.min_percent.normalize(),
        rent_arrears.max_percent.normalize(),
        rent_arrears.source,
        cap.percent.normalize(),
        cap.source,
    );
    Ok(DeductionRange {
        standard_allowance,
        min: percent_of(standard_allowance, rent_arrears.min_percent),
        max: percent_of(standard_allowance, rent_arrears.max_percent),
        overall_cap: percent_of(standard_allowance, cap.percent),
        source,
    })
}

/// The amount asked (or the minimum if `None`), brought within the range and then within what
/// the overall cap leaves after the claimant's `other_deductions` each month. When the cap
/// leaves less than the minimum the amount is £0.00, and the words say why and that the DWP may
/// still reduce a lower-priority deduction to make room.
pub fn expected_deduction(
    range: &DeductionRange,
    asked: Option<Decimal>,
    other_deductions: Decimal,
) -> ExpectedDeduction {
    let mut sentences = Vec::new();
    let other = if other_deductions < Decimal::ZERO {
        sentences.push(format!(
            "Other deductions of {} are taken as £0.00: a deduction cannot be negative.",
            format_money(other_deductions)
        ));
        Decimal::ZERO
    } else {
        round_money(other_deductions)
    };
    let cap_left = (range.overall_cap - other).max(Decimal::ZERO);
    if cap_left < range.min {
        sentences.push(format!(
            "The overall cap on deductions is {}; other deductions of {} leave {}, less than the minimum deduction for rent arrears of {}, so none can be made unless the DWP reduces another deduction.",
            format_money(range.overall_cap),
            format_money(other),
            format_money(cap_left),
            format_money(range.min)
        ));
        return explained(Decimal::ZERO, sentences);
    }
    let mut amount = match asked {
        None => {
            sentences.push(format!(
                "No amount was asked for, so the minimum of {} a month.",
                format_money(range.min)
            ));
            range.min
        }
        Some(asked) => clamp_to_range(range, round_money(asked), &mut sentences),
    };
    if amount > cap_left {
        sentences.push(format!(
            "The overall cap on deductions is {}; other deductions of {} leave {}, so the deduction is {}.",
            format_money(range.overall_cap),
            format_money(other),
            format_money(cap_left),
            format_money(cap_left)
        ));
        amount = cap_left;
    } else {
        sentences.push(format!(
            "It fits within the overall cap on deductions of {} after other deductions of {}.",
            format_money(range.overall_cap),
            format_money(other)
        ));
    }
    explained(amount, sentences)
}

/// An amount asked for, brought within [min, max], with a sentence either way.
fn clamp_to_range(range: &DeductionRange, asked: Decimal, sentences: &mut Vec<String>) -> Decimal {
    let (amount, position) = if asked < range.min {
        (range.min, "below the range")
    } else if asked > range.max {
        (range.max, "above the range")
    } else {
        (asked, "within the range")
    };
    sentences.push(format!(
        "{} asked is {position} of {} to {} a month: the deduction is {}.",
        format_money(asked),
        format_money(range.min),
        format_money(range.max),
        format_money(amount)
    ));
    amount
}

fn explained(amount: Decimal, sentences: Vec<String>) -> ExpectedDeduction {
    ExpectedDeduction {
        amount,
        explanation: sentences.join(" "),
    }
}

/// The monthly gap between rent and the housing costs benefit pays, that a Discretionary
/// Housing Payment could cover, to the penny; `None` when there is none (or the figures are
/// beyond `Decimal`'s range).
pub fn housing_costs_shortfall(
    rent_monthly: Decimal,
    housing_costs_monthly: Decimal,
) -> Option<Decimal> {
    let shortfall = round_money(rent_monthly.checked_sub(housing_costs_monthly)?);
    (shortfall > Decimal::ZERO).then_some(shortfall)
}
