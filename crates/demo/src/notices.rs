//! The notices behind the diary's "notice" steps: each drafted for service on the day of the
//! step and served by hand that morning on every tenant and joint tenant, with its dates as
//! `doorstep_domain::legal` gives them, so the court file shows a notice and its life exactly as
//! if the officer had drafted it in the app.
//!
//! Nothing here draws from a random stream: a notice follows from the step, the ledger and the
//! law alone. Where the legal module refuses (a tenure it does not cover, a date outside its
//! data), the step stays in the diary without a notice, as a notice served on paper would.

use chrono::{Datelike, NaiveDate, NaiveTime};
use doorstep_domain::legal::{
    check_grounds, deemed_service, notice_dates, rule_set_for, ArrearsFacts, GroundCode,
    LegalError, LegalSettings, RuleSet, ServiceMethod, TenancyPeriods,
};
use doorstep_domain::money::format_money;
use doorstep_domain::rent_schedule::RentFrequency;
use doorstep_domain::tenancy::{PersonRole, RentAccount, Tenure};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::work::{long_date, AccountFacts, DemoDiaryEntry};

/// The diary code of the policy step that records a notice served (the default policy's).
pub(crate) const NOTICE_STEP_CODE: &str = "notice";
/// Mid-morning, before the 4.30pm cut-off, so a business day's service is deemed that day.
pub const DEMO_NOTICE_SERVED_AT: NaiveTime = match NaiveTime::from_hms_opt(10, 30, 0) {
    Some(time) => time,
    None => panic!("10:30 is a time"),
};
/// The store's code for service by hand.
pub const DEMO_NOTICE_METHOD: &str = "by_hand";
const METHOD: ServiceMethod = ServiceMethod::ByHand;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoNotice {
    /// "nosp" for a secure tenancy, "form_3" for an assured one, as the store keeps them.
    pub kind: String,
    pub rule_set_id: String,
    /// Ground codes as the Act numbers them: "1", "8", "10", "11".
    pub grounds: Vec<String>,
    /// The ledger's balance at the end of `served_on`.
    pub arrears: Decimal,
    pub particulars: String,
    /// Drafted for service by hand on this day, and served on it.
    pub served_on: NaiveDate,
    pub date_specified: NaiveDate,
    pub proceedings_from: NaiveDate,
    pub expires_on: NaiveDate,
    /// One per tenant and joint tenant, in the order the account names them.
    pub services: Vec<DemoNoticeService>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoNoticeService {
    pub person_name: String,
    /// By hand on the notice's `served_on`, at `DEMO_NOTICE_SERVED_AT`.
    pub deemed_served_on: NaiveDate,
}

/// A notice for every "notice" step in `diary` that the legal module accepts.
pub(crate) fn notices_served(
    account: &RentAccount,
    facts: &AccountFacts,
    diary: &[DemoDiaryEntry],
) -> Vec<DemoNotice> {
    diary
        .iter()
        .filter(|entry| entry.code == NOTICE_STEP_CODE)
        .filter_map(|entry| notice_on(account, facts, entry.happened_on).ok())
        .collect()
}

/// As `tenancy_periods` in the court file: the rent periods run from the schedule's start.
pub(crate) fn tenancy_periods(account: &RentAccount) -> TenancyPeriods {
    let start = account
        .schedule
        .starts_on()
        .unwrap_or(account.tenancy_start);
    match account.schedule.frequency {
        RentFrequency::Weekly => TenancyPeriods::Weekly {
            a_period_starts_on: start,
        },
        RentFrequency::Fortnightly => TenancyPeriods::Fortnightly {
            a_period_starts_on: start,
        },
        RentFrequency::FourWeekly => TenancyPeriods::FourWeekly {
            a_period_starts_on: start,
        },
        RentFrequency::Monthly => TenancyPeriods::Monthly {
            day_of_month: start.day(),
        },
    }
}

/// The rule set and dates of a notice drafted for service by hand on `served_on`. As in the
/// app, the draft does not yet know the time of service, so its dates allow for service after
/// the cut-off (the later deemed date); served in the morning, the notice is good either way.
fn notice_rule_set_and_dates(
    tenure: Tenure,
    served_on: NaiveDate,
    periods: TenancyPeriods,
) -> Result<(&'static RuleSet, doorstep_domain::legal::NoticeDates), LegalError> {
    let deemed_for_draft = deemed_service(METHOD, served_on, None)?;
    let rule_set = rule_set_for(tenure, deemed_for_draft, &LegalSettings::default())?;
    let dates = notice_dates(rule_set, deemed_for_draft, periods)?;
    Ok((rule_set, dates))
}

fn notice_on(
    account: &RentAccount,
    facts: &AccountFacts,
    served_on: NaiveDate,
) -> Result<DemoNotice, LegalError> {
    let (rule_set, dates) =
        notice_rule_set_and_dates(account.tenure, served_on, tenancy_periods(account))?;
    let arrears = facts.balance_on(served_on);
    let grounds = grounds_for(account, rule_set, arrears, served_on);
    let services = account
        .people
        .iter()
        .filter(|person| matches!(person.role, PersonRole::Tenant | PersonRole::JointTenant))
        .map(|person| {
            Ok(DemoNoticeService {
                person_name: person.full_name.clone(),
                deemed_served_on: deemed_service(METHOD, served_on, Some(DEMO_NOTICE_SERVED_AT))?,
            })
        })
        .collect::<Result<Vec<_>, LegalError>>()?;
    let kind = if account.tenure == Tenure::Secure {
        "nosp"
    } else {
        "form_3"
    };
    Ok(DemoNotice {
        kind: kind.to_string(),
        rule_set_id: rule_set.id.clone(),
        grounds: grounds
            .iter()
            .map(|ground| ground_code(*ground).to_string())
            .collect(),
        arrears,
        particulars: format!(
            "The tenant has not paid the rent lawfully due. The arrears on {} were {}; a rent \
             statement showing the charges and payments is attached.",
            long_date(served_on),
            format_money(arrears)
        ),
        served_on,
        date_specified: dates.date_specified,
        proceedings_from: dates.proceedings_from,
        expires_on: dates.expires_on,
        services,
    })
}

/// Ground 1 for a secure tenancy; for an assured one grounds 10 and 11, with the mandatory
/// ground 8 in front when the arrears meet its threshold on the day.
fn grounds_for(
    account: &RentAccount,
    rule_set: &RuleSet,
    arrears: Decimal,
    served_on: NaiveDate,
) -> Vec<GroundCode> {
    if account.tenure == Tenure::Secure {
        return vec![GroundCode::Secure1];
    }
    let facts = ArrearsFacts {
        arrears,
        rent_per_period: account
            .schedule
            .components_on(served_on)
            .map(|components| components.total())
            .unwrap_or_default(),
        frequency: account.schedule.frequency,
        uc_arrears_to_disregard: Decimal::ZERO,
    };
    let with_ground_8 = vec![
        GroundCode::Assured8,
        GroundCode::Assured10,
        GroundCode::Assured11,
    ];
    if check_grounds(rule_set, &with_ground_8, &facts, served_on, None).is_ok() {
        with_ground_8
    } else {
        vec![GroundCode::Assured10, GroundCode::Assured11]
    }
}

fn ground_code(ground: GroundCode) -> &'static str {
    match ground {
        GroundCode::Secure1 => "1",
        GroundCode::Assured8 => "8",
        GroundCode::Assured10 => "10",
        GroundCode::Assured11 => "11",
    }
}
