//! Universal Credit rules an arrears officer works with: when to ask the DWP for a managed
//! payment of the housing costs or for a deduction for rent arrears, what such a deduction would
//! be, and the shortfall a Discretionary Housing Payment could cover.
//!
//! The DWP decides every request. These functions say whether the landlord's own evidence meets
//! the published threshold and what the regulations allow, in words with figures that an officer
//! can copy into the request and the diary; they never promise an outcome.
//!
//! Codemap:
//! - `data`: the dated, sourced figures and thresholds (`data/universal_credit/*.json`), parsed
//!   and checked once.
//! - `eligibility`: `eligibility`, by arrears in months of rent and persistent underpayment.
//! - `deductions`: `arrears_deduction_range`, `expected_deduction`, `housing_costs_shortfall`.
//! - `error`: `UcRuleError`, worded for the officer who has to act on it.
//!
//! Invariants: like the rest of the crate this module does no IO and reads no clock; the data
//! files are compiled in with `include_str!`, parsed once and checked, and a broken file is a
//! `UcRuleError::DataInvalid` (and a failing test), never a panic. A date before the first
//! recorded figures is refused, never answered with later figures. Where a fact was not read
//! from the primary text, the data's `source` or `note` says so with "[check]".
//!
//! Sources: Universal Credit Regulations 2013 reg 36 and the annual Social Security Benefits
//! Up-rating Orders; the Universal Credit, PIP, JSA and ESA (Claims and Payments) Regulations
//! 2013 Sch 6 para 7; the DWP's overall deductions cap (the "Fair Repayment Rate" from 30 April
//! 2025); DWP, "Universal Credit and rented housing: guide for landlords" (GOV.UK). DOMAIN.md,
//! "Benefits", summarises them.

mod data;
mod deductions;
mod eligibility;
mod error;

#[cfg(test)]
mod tests;

pub use deductions::{
    arrears_deduction_range, expected_deduction, housing_costs_shortfall, DeductionRange,
    ExpectedDeduction,
};
pub use eligibility::{eligibility, Eligibility, MonthPaid};
pub use error::UcRuleError;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Who the claim is for, as the standard allowance tells them apart (Universal Credit
/// Regulations 2013 reg 36): the age of the claimant, or of the older of a couple.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Household {
    // Snake case named by hand: serde's `rename_all` glues the digits on ("single_under25").
    #[serde(rename = "single_under_25")]
    SingleUnder25,
    #[serde(rename = "single_25_or_over")]
    Single25OrOver,
    #[serde(rename = "couple_both_under_25")]
    CoupleBothUnder25,
    #[serde(rename = "couple_one_or_both_25_or_over")]
    CoupleOneOrBoth25OrOver,
}

impl Household {
    pub const ALL: [Household; 4] = [
        Household::SingleUnder25,
        Household::Single25OrOver,
        Household::CoupleBothUnder25,
        Household::CoupleOneOrBoth25OrOver,
    ];

    /// As the DWP's rate tables name it: "Single, 25 or over".
    pub fn label(self) -> &'static str {
        match self {
            Household::SingleUnder25 => "Single, under 25",
            Household::Single25OrOver => "Single, 25 or over",
            Household::CoupleBothUnder25 => "Couple, both under 25",
            Household::CoupleOneOrBoth25OrOver => "Couple, one or both 25 or over",
        }
    }
}

/// What the landlord asks the DWP for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// The housing costs paid to the landlord instead of the tenant (an Alternative Payment
    /// Arrangement).
    ManagedPayment,
    /// A third-party deduction from the tenant's Universal Credit towards the arrears.
    ArrearsDeduction,
}

impl RequestKind {
    pub const ALL: [RequestKind; 2] = [RequestKind::ManagedPayment, RequestKind::ArrearsDeduction];

    /// The code the store and the IPC use, as serde spells it.
    pub fn code(self) -> &'static str {
        match self {
            RequestKind::ManagedPayment => "managed_payment",
            RequestKind::ArrearsDeduction => "arrears_deduction",
        }
    }

    pub fn from_code(code: &str) -> Option<RequestKind> {
        RequestKind::ALL
            .into_iter()
            .find(|kind| kind.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            RequestKind::ManagedPayment => {
                "Managed payment to landlord (Alternative Payment Arrangement)"
            }
            RequestKind::ArrearsDeduction => "Deduction from Universal Credit for rent arrears",
        }
    }
}

/// "7 April 2025", as an officer writes a date.
fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}
