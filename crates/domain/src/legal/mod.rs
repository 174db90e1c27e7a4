//! Every legal rule for a possession notice on rent arrears grounds, in one place, as dated
//! data with sources.
//!
//! Presenting officers draft notices and claims from this module, and a wrong date or threshold
//! gets a claim struck out. So where the law is ambiguous the data encodes the later date or the
//! higher threshold, and its `note` says so with "[check]"; what is not known (a bank holiday
//! year not yet published, a fee before the earliest recorded) is refused, never guessed.
//!
//! Codemap:
//! - `rules`: the rule sets (`data/legal/rule_sets.json`), `LegalSettings`
//!   (`data/legal/settings.json`) and `rule_set_for`, which picks the set by tenure and deemed
//!   service date. Starter and introductory tenancies and licences are refused there.
//! - `calendar`: business days in England and Wales (`data/legal/bank_holidays_england_wales.json`).
//! - `service`: the deemed service date by method (`data/legal/deemed_service.json`).
//! - `dates`: the date to write in the notice, the first and last days proceedings may begin.
//! - `grounds`: the arrears thresholds and Breathing Space, as refusals in plain words.
//! - `fees`: court fees by date (`data/legal/court_fees.json`).
//! - `error`: `LegalError`, worded for the officer who has to act on it.
//!
//! Invariants: like the rest of the crate this module does no IO and reads no clock; the data
//! files are compiled in with `include_str!`, parsed once and checked, and a broken file is a
//! `LegalError::DataInvalid` (and a failing test), never a panic. Each rule in the data carries
//! its source; the tests cite the same sources row by row.
//!
//! Sources: Housing Act 1985 ss83, 83A, Sch 2; Housing Act 1988 s8, Sch 2 (as amended by the
//! Housing Act 1996 and the Renters' Rights Act 2025); Protection from Eviction Act 1977 s5;
//! CPR 6.26; the Debt Respite Scheme (Breathing Space Moratorium and Mental Health Crisis
//! Moratorium) (England and Wales) Regulations 2020; Civil Proceedings Fees Order 2008 Sch 1;
//! GOV.UK bank holidays. DOMAIN.md, "Notices (England)" and "Court paperwork", summarises them.

mod calendar;
mod dates;
mod error;
mod fees;
mod grounds;
mod rules;
mod service;

#[cfg(test)]
mod tests;

pub use calendar::{add_business_days, business_day, next_business_day_on_or_after};
pub use dates::{notice_dates, NoticeDates, TenancyPeriods};
pub use error::LegalError;
pub use fees::{court_fee, CourtFeeKind};
pub use grounds::{
    check_ground_8_at_hearing, check_grounds, ArrearsFacts, Refusal, RefusalReason,
    BREATHING_SPACE_SOURCE, GROUNDS_PER_NOTICE_MAX,
};
pub use rules::{
    rule_set, rule_set_for, rule_sets, GroundCode, GroundRule, LegalSettings, LifeRule, LifeStart,
    NoticePeriodRule, PeriodEnd, PeriodEndRule, ProceedingsBegin, ProceedingsBeginRule, RuleSet,
    Threshold, ASSURED_PRE_RRA_RULE_SET_ID, ASSURED_RRA_2025_RULE_SET_ID, SECURE_RULE_SET_ID,
};
pub use service::{deemed_service, ServiceMethod};

use chrono::NaiveDate;

/// "3 March 2027", as a notice and an officer write a date.
pub(crate) fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}
