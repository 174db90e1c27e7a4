//! Housing Benefit on an account: the council's notifications (which change the credits
//! expected) and overpayment invoices checked against the account before any repayment.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{ChoiceView, ProducedDocument};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetHousingBenefitRequest {
    pub account_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HbNotificationView {
    pub kind: String,
    pub kind_label: String,
    pub council_reference: String,
    /// Weekly; zero for a suspension or cancellation.
    pub weekly_amount: Decimal,
    pub paid_to: String,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    pub notified_on: NaiveDate,
    /// The notification that decides what is expected today.
    pub in_force: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HbOverpaymentView {
    pub council: String,
    pub invoice_reference: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub amount: Decimal,
    /// "accepted" or "queried".
    pub outcome: String,
    pub findings: Vec<String>,
    pub decided_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HousingBenefitView {
    pub account_id: i64,
    /// What Housing Benefit is expected now, in words.
    pub expected: String,
    /// Newest notified first.
    pub notifications: Vec<HbNotificationView>,
    pub overpayments: Vec<HbOverpaymentView>,
    pub kinds: Vec<ChoiceView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordHbNotificationRequest {
    pub command_id: String,
    pub account_id: i64,
    pub council_reference: String,
    pub kind: String,
    pub weekly_amount: Decimal,
    /// "landlord" or "tenant".
    pub paid_to: String,
    pub effective_from: NaiveDate,
    pub effective_to: Option<NaiveDate>,
    pub notified_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckHbOverpaymentRequest {
    pub account_id: i64,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub amount: Decimal,
    /// The day the tenant left, if they have; the tenancy's start is on the account.
    pub tenancy_ended_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HbOverpaymentCheckView {
    /// The invoice may be accepted (and repaid).
    pub accept: bool,
    pub period_days: i64,
    pub resident_days: i64,
    pub hb_credited: Decimal,
    pub findings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecideHbOverpaymentRequest {
    pub command_id: String,
    pub check: CheckHbOverpaymentRequest,
    pub council: String,
    pub invoice_reference: String,
    /// Accept (the repayment is recorded as a refund on the ledger) or query (a letter).
    pub accept: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HbOverpaymentDecided {
    pub housing_benefit: HousingBenefitView,
    /// The query letter to the council, when queried.
    pub letter: Option<ProducedDocument>,
}
