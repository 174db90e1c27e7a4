//! The deemed service date: when a notice counts as served, by how it was served.
//!
//! Landlords commonly apply CPR 6.26 to notices by convention (the statutes say "served" and no
//! more); a tenancy agreement's own notice clause may differ [check]. Where the convention and
//! caution part, the data takes the later date: a notice counted as served too early has too
//! short a period and is invalid, one counted too late only costs days.

use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;

use super::calendar::{add_business_days, business_day, day_after, next_business_day_on_or_after};
use super::error::LegalError;

const SERVICE_FILE: &str = "data/legal/deemed_service.json";
const SERVICE_JSON: &str = include_str!("../../data/legal/deemed_service.json");

/// How the notice reached the tenant, as the certificate of service records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceMethod {
    /// Handed to the tenant personally.
    ByHand,
    /// Through the letterbox, or left at the address.
    LeftAtProperty,
    FirstClassPost,
    SecondClassPost,
}

impl ServiceMethod {
    pub const ALL: [ServiceMethod; 4] = [
        ServiceMethod::ByHand,
        ServiceMethod::LeftAtProperty,
        ServiceMethod::FirstClassPost,
        ServiceMethod::SecondClassPost,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum ServiceRule {
    /// Served that day if before the cut-off on a business day, otherwise the next business day.
    SameBusinessDayBeforeCutOff,
    /// The `days`th business day after posting.
    BusinessDaysAfter { days: u32 },
}

#[derive(Debug, Deserialize)]
pub(crate) struct MethodRule {
    pub(crate) method: ServiceMethod,
    pub(crate) rule: ServiceRule,
    pub(crate) note: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ServiceRules {
    pub(crate) source: String,
    pub(crate) cut_off_time: NaiveTime,
    pub(crate) methods: Vec<MethodRule>,
}

pub(crate) fn service_rules() -> Result<&'static ServiceRules, LegalError> {
    static PARSED: OnceLock<Result<ServiceRules, String>> = OnceLock::new();
    match PARSED.get_or_init(|| parse_service_rules(SERVICE_JSON)) {
        Ok(rules) => Ok(rules),
        Err(problem) => Err(LegalError::DataInvalid {
            file: SERVICE_FILE,
            problem: problem.clone(),
        }),
    }
}

pub(crate) fn parse_service_rules(text: &str) -> Result<ServiceRules, String> {
    let rules: ServiceRules = serde_json::from_str(text).map_err(|error| error.to_string())?;
    if rules.source.trim().is_empty() {
        return Err("there is no source".to_string());
    }
    for method in ServiceMethod::ALL {
        let count = rules
            .methods
            .iter()
            .filter(|rule| rule.method == method)
            .count();
        if count != 1 {
            return Err(format!(
                "{method:?} has {count} rules; exactly one expected"
            ));
        }
    }
    for rule in &rules.methods {
        if rule.note.trim().is_empty() {
            return Err(format!("{:?} has no note", rule.method));
        }
        if let ServiceRule::BusinessDaysAfter { days } = rule.rule {
            if days == 0 || days > 10 {
                return Err(format!(
                    "{:?}: {days} business days; 1 to 10 expected",
                    rule.method
                ));
            }
        }
    }
    Ok(rules)
}

/// The day the notice is treated as served. `served_at` is the time it was handed over, left
/// or posted; a time not recorded is treated as after the 4.30pm cut-off, the later date.
pub fn deemed_service(
    method: ServiceMethod,
    served_on: NaiveDate,
    served_at: Option<NaiveTime>,
) -> Result<NaiveDate, LegalError> {
    let rules = service_rules()?;
    let rule = rules
        .methods
        .iter()
        .find(|rule| rule.method == method)
        .ok_or_else(|| LegalError::DataInvalid {
            file: SERVICE_FILE,
            problem: format!("no rule for {method:?}"),
        })?;
    match rule.rule {
        ServiceRule::SameBusinessDayBeforeCutOff => {
            let before_cut_off = served_at.is_some_and(|time| time < rules.cut_off_time);
            if before_cut_off && business_day(served_on)? {
                Ok(served_on)
            } else {
                next_business_day_on_or_after(day_after(served_on)?)
            }
        }
        ServiceRule::BusinessDaysAfter { days } => add_business_days(served_on, days),
    }
}
