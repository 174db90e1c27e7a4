//! The one error type of `legal`, worded for the officer who has to act on it.

use chrono::NaiveDate;

use super::long_date;
use crate::tenancy::Tenure;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LegalError {
    #[error("Doorstep's legal data ({file}) is broken: {problem}. No notice can be drafted until the Doorstep team fixes it")]
    DataInvalid { file: &'static str, problem: String },
    #[error("{}: {reason}", .tenure.label())]
    TenureOutOfScope {
        tenure: Tenure,
        reason: &'static str,
    },
    #[error("no {} rule set is in force on {}: the rule set {rule_set_id} starts on {}; ask the legal team", .tenure.label().to_lowercase(), long_date(*.on), long_date(*.effective_from))]
    RuleSetNotInForce {
        tenure: Tenure,
        on: NaiveDate,
        rule_set_id: String,
        effective_from: NaiveDate,
    },
    #[error("the settings say the Renters' Rights Act reaches social assured tenancies from {}, but the rule set {rule_set_id} says {}; every notice prints this date, so the Doorstep team must update the rule data (with its source) before assured notices can be drafted", long_date(*.settings_from), long_date(*.rule_set_from))]
    SettingsDisagreeWithRuleSet {
        settings_from: NaiveDate,
        rule_set_id: String,
        rule_set_from: NaiveDate,
    },
    #[error("the bank holidays for {year} are not in Doorstep's calendar, so business days cannot be counted; work the date out by hand and ask the Doorstep team to add {year}")]
    CalendarNotKnown { year: i32 },
    #[error("{} is outside the dates Doorstep can calculate with", long_date(*.date))]
    DateOutOfRange { date: NaiveDate },
    #[error(
        "a rent period cannot start on day {day_of_month} of the month; enter a day from 1 to 31"
    )]
    DayOfMonthInvalid { day_of_month: u32 },
    #[error("Doorstep knows the fee for {label} only from {}; for {} look it up on form EX50", long_date(*.earliest), long_date(*.on))]
    FeeNotKnown {
        label: String,
        on: NaiveDate,
        earliest: NaiveDate,
    },
}
