//! Benefit work on an account: the tenant's Universal Credit position, whether a managed payment
//! or an arrears deduction may be asked for, the requests to the DWP and their decisions, and
//! Discretionary Housing Payment applications.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ChoiceView;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetBenefitsRequest {
    pub account_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UcPositionView {
    pub household: String,
    pub household_label: String,
    pub assessment_period_day: u32,
    pub payment_day: u32,
    /// Monthly.
    pub housing_element: Decimal,
    /// "tenant" or "landlord", as recorded (an approved managed payment overrides it).
    pub paid_to: String,
    pub other_deductions: Decimal,
    pub recorded_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EligibilityView {
    /// "managed_payment" or "arrears_deduction".
    pub kind: String,
    pub label: String,
    pub eligible: bool,
    pub reasons: Vec<String>,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeductionRangeView {
    pub standard_allowance: Decimal,
    pub min: Decimal,
    pub max: Decimal,
    pub overall_cap: Decimal,
    /// What the DWP would deduct each month for the arrears, and why.
    pub expected: Decimal,
    pub explanation: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenefitRequestView {
    pub request_id: String,
    pub kind: String,
    pub kind_label: String,
    pub requested_on: NaiveDate,
    pub reference: String,
    pub amount_asked: Option<Decimal>,
    /// "awaiting", "approved", "refused", "withdrawn".
    pub state: String,
    /// "Awaiting a decision for 32 days: chase the DWP" / "Approved from 1 December 2026: £40.00 a month".
    pub sentence: String,
    /// Awaiting longer than the follow-up days.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DhpApplicationView {
    pub application_id: String,
    pub council: String,
    pub amount: Decimal,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub reason: String,
    pub applied_on: NaiveDate,
    /// "Awarded £30.00 … on 3 March 2027", or None while awaiting.
    pub decision: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenefitsView {
    pub account_id: i64,
    pub payment_reference: String,
    pub uc: Option<UcPositionView>,
    /// Housing Benefit and other awards as recorded, in words.
    pub awards: Vec<String>,
    pub eligibility: Vec<EligibilityView>,
    /// Present when the Universal Credit position (household) is recorded.
    pub deduction_range: Option<DeductionRangeView>,
    pub requests: Vec<BenefitRequestView>,
    pub dhp_applications: Vec<DhpApplicationView>,
    /// "Rent is £520.00 a month and housing costs £450.00: a DHP could cover the £70.00 gap".
    pub dhp_suggestion: Option<String>,
    pub households: Vec<ChoiceView>,
    /// A request awaiting a decision longer than this goes on the worklist.
    pub follow_up_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordUcPositionRequest {
    pub command_id: String,
    pub account_id: i64,
    pub household: String,
    pub assessment_period_day: u32,
    pub payment_day: u32,
    pub housing_element: Decimal,
    /// "tenant" or "landlord".
    pub paid_to: String,
    pub other_deductions: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordBenefitRequestRequest {
    pub command_id: String,
    pub account_id: i64,
    /// "managed_payment" or "arrears_deduction".
    pub kind: String,
    pub requested_on: NaiveDate,
    /// The DWP Landlord Portal's reference.
    pub reference: String,
    /// Monthly; for a deduction, what was asked (None: the minimum).
    pub amount_asked: Option<Decimal>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordBenefitDecisionRequest {
    pub command_id: String,
    pub account_id: i64,
    pub request_id: String,
    pub decided_on: NaiveDate,
    /// "approved", "refused", "withdrawn".
    pub outcome: String,
    /// For an approval: the first payment or deduction date and the monthly amount.
    pub starts_on: Option<NaiveDate>,
    pub amount: Option<Decimal>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordDhpApplicationRequest {
    pub command_id: String,
    pub account_id: i64,
    pub council: String,
    pub amount: Decimal,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub reason: String,
    pub applied_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordDhpDecisionRequest {
    pub command_id: String,
    pub account_id: i64,
    pub application_id: String,
    pub decided_on: NaiveDate,
    /// "awarded" or "refused".
    pub outcome: String,
    pub amount: Option<Decimal>,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    pub note: String,
}
