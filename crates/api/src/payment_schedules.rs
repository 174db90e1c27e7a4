//! Third-party payment schedules: a local authority, support provider or appointee paying
//! towards the account on a schedule, the receipts matched to it, and the schedule as a PDF or
//! CSV for the payer.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ChoiceView;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetPaymentScheduleRequest {
    pub account_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentScheduleTermsView {
    pub payer_name: String,
    pub payer_kind: String,
    pub payer_kind_label: String,
    pub covers: String,
    pub period: String,
    pub period_label: String,
    pub amount_per_period: Decimal,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub grace_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedulePeriodView {
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub due_on: NaiveDate,
    pub due: Decimal,
    pub received: Decimal,
    pub outstanding: Decimal,
    /// "paid", "awaited", "short".
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentScheduleView {
    pub account_id: i64,
    pub terms: Option<PaymentScheduleTermsView>,
    /// The latest periods, newest first (at most a year's worth).
    pub periods: Vec<SchedulePeriodView>,
    pub total_due: Decimal,
    pub total_received: Decimal,
    pub shortfall: Decimal,
    /// "Calder Support Ltd is £50.00 short …", when short.
    pub shortfall_words: Option<String>,
    pub payer_kinds: Vec<ChoiceView>,
    pub periods_choices: Vec<ChoiceView>,
    pub covers_choices: Vec<ChoiceView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordPaymentScheduleRequest {
    pub command_id: String,
    pub account_id: i64,
    pub payer_name: String,
    pub payer_kind: String,
    pub covers: String,
    pub period: String,
    pub amount_per_period: Decimal,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub grace_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducePaymentScheduleRequest {
    pub account_id: i64,
    /// The schedule runs to this day (periods starting on or before it).
    pub through: NaiveDate,
    /// "pdf" or "csv".
    pub format: String,
}
