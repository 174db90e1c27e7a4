//! Tenancies and the people on them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::benefits::BenefitAward;
use crate::ledger::Entry;
use crate::rent_schedule::RentSchedule;

/// A rent account with everything needed to recreate it: the tenancy, the people on and around
/// it, the rent schedule and the ledger. The demo generator and (later) head office's caseload
/// both arrive in this shape; the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RentAccount {
    /// The reference tenants quote when paying: fixed length with a check digit.
    pub payment_reference: String,
    pub tenancy_reference: String,
    pub tenure: Tenure,
    pub tenancy_start: NaiveDate,
    pub address_line_1: String,
    pub address_line_2: Option<String>,
    pub town: String,
    pub postcode: String,
    /// The first is the tenant; then any joint tenant, appointee or deputy.
    pub people: Vec<Person>,
    pub schedule: RentSchedule,
    /// Housing Benefit and Universal Credit as recorded: they decide the expected credits.
    #[serde(default)]
    pub benefit_awards: Vec<BenefitAward>,
    /// In posting order: by date, and on one day the balance brought forward, then charges,
    /// then payments, then reversals.
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub role: PersonRole,
    pub full_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub phone: Option<String>,
}

/// The kind of tenancy. Which one decides the possession grounds and notices that apply
/// (council tenancies are usually secure, housing association ones assured).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tenure {
    Secure,
    Assured,
    /// An introductory or starter tenancy: a trial period before becoming secure or assured.
    Starter,
    Licence,
}

impl Tenure {
    pub fn label(&self) -> &'static str {
        match self {
            Tenure::Secure => "Secure tenancy",
            Tenure::Assured => "Assured tenancy",
            Tenure::Starter => "Starter tenancy",
            Tenure::Licence => "Licence",
        }
    }
}

/// Who a person is on the account. Only tenants owe the rent; the others may act or speak for
/// a tenant, so an officer must see the role before discussing the account with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonRole {
    Tenant,
    JointTenant,
    /// Appointed by the DWP to manage a tenant's benefits.
    Appointee,
    /// Appointed by the Court of Protection.
    Deputy,
    /// Holds a lasting power of attorney.
    Attorney,
    Advocate,
    SupportWorker,
}

impl PersonRole {
    pub fn label(&self) -> &'static str {
        match self {
            PersonRole::Tenant => "Tenant",
            PersonRole::JointTenant => "Joint tenant",
            PersonRole::Appointee => "Appointee",
            PersonRole::Deputy => "Deputy",
            PersonRole::Attorney => "Attorney",
            PersonRole::Advocate => "Advocate",
            PersonRole::SupportWorker => "Support worker",
        }
    }

    /// Whether this person is liable for the rent.
    pub fn is_tenant(&self) -> bool {
        matches!(self, PersonRole::Tenant | PersonRole::JointTenant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(Tenure::Secure.label(), "Secure tenancy");
        assert_eq!(PersonRole::JointTenant.label(), "Joint tenant");
        assert!(PersonRole::JointTenant.is_tenant());
        assert!(!PersonRole::Appointee.is_tenant());
    }
}
