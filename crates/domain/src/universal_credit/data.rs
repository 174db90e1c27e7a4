//! The dated, sourced figures behind every Universal Credit rule, compiled in and checked once.
//!
//! Each file is a list of dated rows, oldest first. A lookup takes the latest row on or before
//! the day asked about; a day before the first row is an error for the caller to show, never a
//! guess from a later row.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Deserialize;

use super::error::UcRuleError;
use super::{Household, RequestKind};
use crate::money::money_to_pence;

pub(crate) const STANDARD_ALLOWANCE_FILE: &str = "data/universal_credit/standard_allowance.json";
pub(crate) const DEDUCTIONS_FILE: &str = "data/universal_credit/deductions.json";
pub(crate) const ELIGIBILITY_FILE: &str = "data/universal_credit/eligibility.json";

const STANDARD_ALLOWANCE_JSON: &str =
    include_str!("../../data/universal_credit/standard_allowance.json");
const DEDUCTIONS_JSON: &str = include_str!("../../data/universal_credit/deductions.json");
const ELIGIBILITY_JSON: &str = include_str!("../../data/universal_credit/eligibility.json");

/// Rows in any one list. One a year for decades; more is a broken file.
const ROWS_MAX: usize = 64;
/// A monthly standard allowance above this is a typing slip (the largest was about £630 in 2025).
const STANDARD_ALLOWANCE_POUNDS_MAX: i64 = 2_000;
/// Thresholds in months of rent above this are a typing slip.
const THRESHOLD_MONTHS_MAX: u32 = 12;
/// Persistent underpayment is judged over at most two years of months.
pub(crate) const UNDERPAYMENT_MONTHS_LOOKED_AT_MAX: u32 = 24;

/// The monthly standard allowance of each household, in pounds.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HouseholdAmounts {
    single_under_25: Decimal,
    single_25_or_over: Decimal,
    couple_both_under_25: Decimal,
    couple_one_or_both_25_or_over: Decimal,
}

impl HouseholdAmounts {
    pub(crate) fn amount(&self, household: Household) -> Decimal {
        match household {
            Household::SingleUnder25 => self.single_under_25,
            Household::Single25OrOver => self.single_25_or_over,
            Household::CoupleBothUnder25 => self.couple_both_under_25,
            Household::CoupleOneOrBoth25OrOver => self.couple_one_or_both_25_or_over,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StandardAllowanceSet {
    /// The uprating date: the new figures apply from the first assessment period beginning on or
    /// after it.
    pub(crate) effective_from: NaiveDate,
    pub(crate) tax_year: String,
    pub(crate) source: String,
    pub(crate) monthly: HouseholdAmounts,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StandardAllowanceFile {
    #[allow(dead_code)] // Read by people, not code.
    about: String,
    pub(crate) source: String,
    #[allow(dead_code)]
    note: String,
    pub(crate) sets: Vec<StandardAllowanceSet>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RentArrearsRule {
    pub(crate) effective_from: NaiveDate,
    pub(crate) min_percent: Decimal,
    pub(crate) max_percent: Decimal,
    pub(crate) source: String,
    #[allow(dead_code)]
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OverallCapRule {
    pub(crate) effective_from: NaiveDate,
    pub(crate) percent: Decimal,
    pub(crate) source: String,
    #[allow(dead_code)]
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DeductionsFile {
    #[allow(dead_code)]
    about: String,
    pub(crate) rent_arrears: Vec<RentArrearsRule>,
    pub(crate) overall_cap: Vec<OverallCapRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PersistentUnderpayment {
    /// The arrears, in months of rent, that persistent underpayment must have built up.
    pub(crate) arrears_months_min: u32,
    /// Underpaid in at least this many ...
    pub(crate) months_underpaid_min: u32,
    /// ... of this many complete calendar months before the day of the request.
    pub(crate) months_looked_at: u32,
    pub(crate) source: String,
    #[allow(dead_code)]
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EligibilityRule {
    pub(crate) kind: RequestKind,
    pub(crate) effective_from: NaiveDate,
    /// Arrears of at least this many months' rent meet the threshold on their own.
    pub(crate) arrears_months_min: u32,
    /// A second way to meet it, for a managed payment.
    #[serde(default)]
    pub(crate) persistent_underpayment: Option<PersistentUnderpayment>,
    pub(crate) source: String,
    #[allow(dead_code)]
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EligibilityFile {
    #[allow(dead_code)]
    about: String,
    pub(crate) rules: Vec<EligibilityRule>,
}

/// Turns a parse result kept in a `OnceLock` into the module's error.
fn loaded<T>(
    parsed: &'static Result<T, String>,
    file: &'static str,
) -> Result<&'static T, UcRuleError> {
    parsed.as_ref().map_err(|problem| UcRuleError::DataInvalid {
        file,
        problem: problem.clone(),
    })
}

pub(crate) fn standard_allowance_file() -> Result<&'static StandardAllowanceFile, UcRuleError> {
    static PARSED: OnceLock<Result<StandardAllowanceFile, String>> = OnceLock::new();
    loaded(
        PARSED.get_or_init(|| parse_standard_allowance(STANDARD_ALLOWANCE_JSON)),
        STANDARD_ALLOWANCE_FILE,
    )
}

pub(crate) fn deductions_file() -> Result<&'static DeductionsFile, UcRuleError> {
    static PARSED: OnceLock<Result<DeductionsFile, String>> = OnceLock::new();
    loaded(
        PARSED.get_or_init(|| parse_deductions(DEDUCTIONS_JSON)),
        DEDUCTIONS_FILE,
    )
}

pub(crate) fn eligibility_file() -> Result<&'static EligibilityFile, UcRuleError> {
    static PARSED: OnceLock<Result<EligibilityFile, String>> = OnceLock::new();
    loaded(
        PARSED.get_or_init(|| parse_eligibility(ELIGIBILITY_JSON)),
        ELIGIBILITY_FILE,
    )
}

/// The latest row on or before `on`, by a date the caller names; `None` before the first.
/// Rows are checked to be in date order at parse time.
pub(crate) fn in_force<T>(rows: &[T], on: NaiveDate, from: impl Fn(&T) -> NaiveDate) -> Option<&T> {
    rows.iter().rev().find(|row| from(row) <= on)
}

/// Every list must be non-empty, bounded, and strictly in date order, so `in_force` is right.
fn check_dated<T>(
    rows: &[T],
    what: &str,
    from: impl Fn(&T) -> NaiveDate,
    source: impl Fn(&T) -> &str,
) -> Result<(), String> {
    if rows.is_empty() || rows.len() > ROWS_MAX {
        return Err(format!(
            "{what}: {} rows; between 1 and {ROWS_MAX} expected",
            rows.len()
        ));
    }
    for (index, row) in rows.iter().enumerate() {
        if source(row).trim().is_empty() {
            return Err(format!("{what}: the row from {} has no source", from(row)));
        }
        if index > 0 && from(&rows[index - 1]) >= from(row) {
            return Err(format!(
                "{what}: the row from {} is out of date order",
                from(row)
            ));
        }
    }
    Ok(())
}

fn check_percent(percent: Decimal, what: &str) -> Result<(), String> {
    if percent <= Decimal::ZERO || percent > Decimal::ONE_HUNDRED {
        return Err(format!(
            "{what}: {percent}% is not a percentage above 0 and at most 100"
        ));
    }
    Ok(())
}

pub(crate) fn parse_standard_allowance(text: &str) -> Result<StandardAllowanceFile, String> {
    let file: StandardAllowanceFile =
        serde_json::from_str(text).map_err(|error| error.to_string())?;
    if file.source.trim().is_empty() {
        return Err("there is no source".to_string());
    }
    check_dated(
        &file.sets,
        "standard allowance",
        |set| set.effective_from,
        |set| &set.source,
    )?;
    let pounds_max = Decimal::from(STANDARD_ALLOWANCE_POUNDS_MAX);
    for set in &file.sets {
        let from = set.effective_from;
        // Benefits are uprated in April, for the tax year starting that month.
        let tax_year = format!("{}/{:02}", from.year(), (from.year() + 1) % 100);
        if from.month() != 4 || set.tax_year != tax_year {
            return Err(format!(
                "the set from {from} is for tax year {}, but an April {} uprating starts {tax_year}",
                set.tax_year,
                from.year()
            ));
        }
        for household in Household::ALL {
            let amount = set.monthly.amount(household);
            if amount <= Decimal::ZERO || amount > pounds_max || money_to_pence(amount).is_err() {
                return Err(format!(
                    "the set from {from} has {amount} for {}",
                    household.label()
                ));
            }
        }
        // The older rate is higher in each pair (reg 36 table): a swap is a typing slip.
        let monthly = &set.monthly;
        if monthly.single_under_25 >= monthly.single_25_or_over
            || monthly.couple_both_under_25 >= monthly.couple_one_or_both_25_or_over
        {
            return Err(format!(
                "the set from {from} has an under-25 rate at or above the 25-or-over rate"
            ));
        }
    }
    Ok(file)
}

pub(crate) fn parse_deductions(text: &str) -> Result<DeductionsFile, String> {
    let file: DeductionsFile = serde_json::from_str(text).map_err(|error| error.to_string())?;
    check_dated(
        &file.rent_arrears,
        "rent arrears",
        |rule| rule.effective_from,
        |rule| &rule.source,
    )?;
    check_dated(
        &file.overall_cap,
        "overall cap",
        |rule| rule.effective_from,
        |rule| &rule.source,
    )?;
    for rule in &file.rent_arrears {
        let what = format!("rent arrears from {}", rule.effective_from);
        check_percent(rule.min_percent, &what)?;
        check_percent(rule.max_percent, &what)?;
        if rule.min_percent > rule.max_percent {
            return Err(format!("{what}: the minimum is above the maximum"));
        }
    }
    for rule in &file.overall_cap {
        check_percent(
            rule.percent,
            &format!("overall cap from {}", rule.effective_from),
        )?;
    }
    Ok(file)
}

pub(crate) fn parse_eligibility(text: &str) -> Result<EligibilityFile, String> {
    let file: EligibilityFile = serde_json::from_str(text).map_err(|error| error.to_string())?;
    for kind in RequestKind::ALL {
        let rows: Vec<&EligibilityRule> =
            file.rules.iter().filter(|rule| rule.kind == kind).collect();
        check_dated(
            &rows,
            kind.label(),
            |rule| rule.effective_from,
            |rule| &rule.source,
        )?;
    }
    for rule in &file.rules {
        let what = format!("{} from {}", rule.kind.label(), rule.effective_from);
        if rule.arrears_months_min == 0 || rule.arrears_months_min > THRESHOLD_MONTHS_MAX {
            return Err(format!(
                "{what}: {} months is not a threshold",
                rule.arrears_months_min
            ));
        }
        let Some(underpayment) = &rule.persistent_underpayment else {
            continue;
        };
        let looked_at = underpayment.months_looked_at;
        if underpayment.source.trim().is_empty()
            || underpayment.arrears_months_min == 0
            || underpayment.arrears_months_min > rule.arrears_months_min
            || underpayment.months_underpaid_min == 0
            || underpayment.months_underpaid_min > looked_at
            || looked_at > UNDERPAYMENT_MONTHS_LOOKED_AT_MAX
        {
            return Err(format!(
                "{what}: the persistent underpayment rule does not add up"
            ));
        }
    }
    Ok(file)
}
