//! The one error type of `universal_credit`, worded for the officer who has to act on it.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{long_date, RequestKind};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UcRuleError {
    #[error("Doorstep's Universal Credit data ({file}) is broken: {problem}. Work it out by hand until the Doorstep team fixes it")]
    DataInvalid { file: &'static str, problem: String },
    #[error("Doorstep does not know the Universal Credit standard allowance on {}; look the figures up on GOV.UK", long_date(*.on))]
    RatesNotKnown { on: NaiveDate },
    #[error("Doorstep does not know the DWP's threshold for a {} request on {}; check the DWP's guide for landlords", .kind.label().to_lowercase(), long_date(*.on))]
    ThresholdNotKnown { kind: RequestKind, on: NaiveDate },
    #[error("a rent of {rent} cannot be counted in months; enter the rent charged each period, more than £0 and at most £100,000")]
    RentInvalid { rent: Decimal },
    #[error("the month starting {} cannot be used: {problem}", long_date(*.month_starting))]
    MonthInvalid {
        month_starting: NaiveDate,
        problem: &'static str,
    },
}
