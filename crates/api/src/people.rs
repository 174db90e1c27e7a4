//! The people around an account (supported living): representatives with the evidence of
//! their authority, the tenant's consents, the authority check before a contact, the contacts
//! recorded, and the account's flags.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ChoiceView;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetPeopleRequest {
    pub account_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonAroundView {
    /// A recorded person's id, or "tenant:N" for the Nth tenant on the tenancy record.
    pub person_id: String,
    pub name: String,
    pub role_label: String,
    /// The `RepresentativeKind` code; None for a tenant.
    pub kind: Option<String>,
    /// What their authority allows today, in words; for a tenant, that the account is theirs.
    pub authority: String,
    /// "DWP letter DWP/123, seen on 3 March 2027 by A. Officer; expires 1 April 2028".
    pub evidence: Option<String>,
    /// The authority is expired, or recorded as seen after today.
    pub lapsed: bool,
    /// The tenant's consents for this person, in words.
    pub consents: Vec<String>,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactView {
    pub happened_on: NaiveDate,
    pub person_name: String,
    pub method_label: String,
    pub topic_label: String,
    pub allowed: bool,
    /// The authority check as the officer read it before the contact.
    pub words: String,
    pub note: String,
    pub officer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagView {
    pub flag_id: String,
    pub kind: String,
    pub label: String,
    pub note: String,
    pub recorded_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleView {
    pub account_id: i64,
    pub payment_reference: String,
    /// Tenants first, then recorded people in the order first recorded.
    pub people: Vec<PersonAroundView>,
    /// People the tenancy record names in a representative role with no evidence recorded,
    /// in words ("Jane Doe is named as appointee on the tenancy record: record the evidence").
    pub unrecorded: Vec<String>,
    /// Newest first.
    pub contacts: Vec<ContactView>,
    pub flags: Vec<FlagView>,
    pub kinds: Vec<ChoiceView>,
    pub scopes: Vec<ChoiceView>,
    pub topics: Vec<ChoiceView>,
    pub methods: Vec<ChoiceView>,
    pub flag_kinds: Vec<ChoiceView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRepresentativeRequest {
    pub command_id: String,
    pub account_id: i64,
    /// Set to record new evidence for someone already recorded (a renewal or correction).
    pub replaces_person_id: Option<String>,
    pub name: String,
    pub kind: String,
    pub covers: Vec<String>,
    pub evidence_reference: String,
    pub seen_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub litigation_authorised_by_court: bool,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordConsentRequest {
    pub command_id: String,
    pub account_id: i64,
    pub person_id: String,
    pub covers: Vec<String>,
    pub given_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckAuthorityRequest {
    pub account_id: i64,
    pub person_id: String,
    pub topic: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorityCheckView {
    pub allowed: bool,
    /// Plain words to read before talking: the verdict, who the person is, and why.
    pub words: String,
    /// The authority or consent relied on; None when not authorised.
    pub basis: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordContactRequest {
    pub command_id: String,
    pub account_id: i64,
    pub person_id: String,
    pub topic: String,
    /// A contact diary code: "phone_call", "home_visit", "email", "office_interview",
    /// "letter_received".
    pub method: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordFlagRequest {
    pub command_id: String,
    pub account_id: i64,
    pub flag: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndFlagRequest {
    pub command_id: String,
    pub account_id: i64,
    pub flag_id: String,
    pub note: String,
}
