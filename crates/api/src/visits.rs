//! Home visits: the day's round, lone working, the visit's record, income and expenditure,
//! card and cheque payments, Direct Debit mandates. Codes cross as snake_case strings the core
//! checks (the UI takes their labels from `doorstep-domain`), so a rule can grow without
//! changing the wire. No type here can carry a card number: the card fields are the masked
//! last four digits the terminal returned.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::AccountDetail;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundOrder {
    /// By postcode, street and house number.
    Route,
    /// As the officer arranged it.
    AsGiven,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRoundRequest {
    pub visit_on: NaiveDate,
    pub start_time: NaiveTime,
    pub visit_minutes: u32,
    pub travel_minutes: u32,
    pub payment_references: Vec<String>,
    pub order: RoundOrder,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetRoundRequest {
    pub visit_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInView {
    pub check_in_id: String,
    pub payment_reference: String,
    pub tenant_names: String,
    pub address: String,
    pub checked_in_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    /// The due time on the laptop's clock, "14:35".
    pub due_time_local: String,
    /// "on_site", "ending_soon", "overdue", "checked_out".
    pub state: String,
    /// "Your check-in runs out in 8 minutes. Check out, or check in again for longer."
    pub sentence: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundStopView {
    pub position: u32,
    pub appointment_time: NaiveTime,
    pub duration_minutes: u32,
    pub payment_reference: String,
    pub tenant_names: String,
    pub address: String,
    pub postcode: String,
    pub balance: Decimal,
    pub arrears_weeks: Decimal,
    pub next_action: String,
    /// "Do not visit alone: …": shown before the officer sets out.
    pub warnings: Vec<String>,
    /// Today's check-in at this address, if any.
    pub check_in: Option<CheckInView>,
    /// A visit is recorded in the diary for this day.
    pub visited: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundView {
    pub visit_on: NaiveDate,
    pub stops: Vec<RoundStopView>,
    /// About the plan as a whole: "2 visits are flagged 'do not visit alone': …".
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInRequest {
    pub command_id: String,
    pub payment_reference: String,
    pub expected_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckOutRequest {
    pub command_id: String,
    pub check_in_id: String,
}

/// The officer's open check-ins (normally none or one), most urgent first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoneWorkingView {
    pub open: Vec<CheckInView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordVisitRequest {
    pub command_id: String,
    pub payment_reference: String,
    pub visited_on: NaiveDate,
    /// "no_access", "spoke_to_tenant", "spoke_to_someone_else".
    pub outcome: String,
    /// Who, when the officer spoke to someone else.
    pub spoke_to: String,
    /// Their authority to discuss the account: "joint_tenant", "appointee", "deputy",
    /// "attorney", "written_consent", "none".
    pub authority: Option<String>,
    pub note: String,
    /// A promise to pay: an amount (blank for none) by a date.
    pub promise_amount: String,
    pub promise_on: Option<NaiveDate>,
    pub next_steps: String,
}

/// One line of the income and expenditure form, as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomeExpenditureLine {
    /// The domain's item code, e.g. "earnings", "council_tax", "food_and_housekeeping".
    pub item: String,
    /// Pounds as typed; blank lines are skipped.
    pub amount: String,
    /// "weekly", "fortnightly", "four_weekly", "monthly", "yearly".
    pub frequency: String,
}

/// A debt the tenant pays, as entered; blank rows are skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomeExpenditureDebt {
    /// "Calderdale Council (council tax arrears)".
    pub creditor: String,
    /// Priority debts (council tax, energy, fines, other rent) come out before any offer.
    pub priority: bool,
    pub owed: String,
    pub payment: String,
    /// "weekly", "fortnightly", "four_weekly", "monthly", "yearly".
    pub frequency: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryExplanation {
    /// A flexible spending category code over its guideline.
    pub category: String,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomeExpenditureRequest {
    pub command_id: String,
    pub payment_reference: String,
    pub adults: u32,
    pub children: u32,
    pub lines: Vec<IncomeExpenditureLine>,
    #[serde(default)]
    pub debts: Vec<IncomeExpenditureDebt>,
    pub explanations: Vec<CategoryExplanation>,
    /// False: only assess (the officer sees the figures and flags). True: also store it.
    pub save: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidelineCheckView {
    pub category: String,
    pub label: String,
    pub monthly: Decimal,
    pub guideline: Decimal,
    pub over: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomeExpenditureView {
    pub income_monthly: Decimal,
    pub fixed_costs_monthly: Decimal,
    pub flexible_costs_monthly: Decimal,
    pub debt_payments_monthly: Decimal,
    pub disposable_monthly: Decimal,
    pub guideline_checks: Vec<GuidelineCheckView>,
    /// "Spending guidelines in force from 7 April 2025 (not verified against the published figures)."
    pub guidelines_source: String,
    /// The affordable instalment proposed, if any, and why in words.
    pub proposed_instalment: Option<Decimal>,
    /// "weekly" or "monthly".
    pub proposed_frequency: Option<String>,
    pub proposal_explanation: String,
    /// Set once stored: the assessment's id, for the tenant's copy.
    pub assessment_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomeExpenditureOutcome {
    pub assessment: IncomeExpenditureView,
    pub account: AccountDetail,
}

/// What the simulator does with the next payment (only the simulator accepts this).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SimulatedCardOutcome {
    ApprovedOnline,
    ApprovedOffline,
    Declined,
    DeclinedWhenForwarded,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakeCardPaymentRequest {
    pub command_id: String,
    pub payment_reference: String,
    pub amount: String,
    /// "rent", "arrears", "court_order_instalment".
    pub allocation: String,
    pub simulated_outcome: Option<SimulatedCardOutcome>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardPaymentView {
    pub payment_id: String,
    pub amount: Decimal,
    /// "pending", "authorised", "declined".
    pub state: String,
    /// "Approved offline: confirmed when the terminal next connects".
    pub state_label: String,
    pub receipt_number: String,
    pub provider_reference: String,
    pub authorisation_code: Option<String>,
    /// "VISA **** 4242".
    pub card: String,
    pub terminal_id: String,
    pub simulator: bool,
    pub offline: bool,
    pub taken_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardPaymentOutcome {
    pub payment: CardPaymentView,
    pub account: AccountDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminalView {
    pub terminal_id: String,
    pub simulator: bool,
    pub online: bool,
    pub payment_max: Decimal,
    pub offline_total_max: Decimal,
    pub offline_pending_total: Decimal,
    pub pending_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardOutcome {
    pub authorised_count: u32,
    pub declined_count: u32,
    /// "Payment reference 10012345: £40.00 declined when forwarded; the credit is reversed."
    pub declined: Vec<String>,
    pub terminal: TerminalView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordChequeRequest {
    pub command_id: String,
    pub payment_reference: String,
    pub cheque_number: String,
    pub drawer: String,
    pub amount: String,
    pub dated_on: NaiveDate,
    pub received_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChequeStatusRequest {
    pub command_id: String,
    pub payment_reference: String,
    pub cheque_id: String,
    /// "banked" or "returned".
    pub status: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChequeView {
    pub cheque_id: String,
    pub cheque_number: String,
    pub drawer: String,
    pub amount: Decimal,
    pub received_on: NaiveDate,
    /// "With the officer", "Banked", "Returned unpaid".
    pub status: String,
    pub can_bank: bool,
    pub can_return: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckBankDetailsRequest {
    pub sort_code: String,
    pub account_number: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankDetailsCheck {
    /// "valid", "invalid", "not_checked".
    pub verdict: String,
    pub sentence: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateMandateRequest {
    pub command_id: String,
    pub payment_reference: String,
    pub account_holder: String,
    pub sort_code: String,
    pub account_number: String,
    /// "weekly", "fortnightly", "four_weekly", "monthly".
    pub frequency: String,
    pub amount: String,
    pub first_collection_on: NaiveDate,
    /// "rent" or "rent_and_arrangement".
    pub covers: String,
    /// The account holder confirmed they may authorise debits from the account.
    pub holder_confirmed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MandateView {
    pub mandate_id: String,
    pub account_holder: String,
    /// "**-**-56" and "****5678": bank details are never shown whole.
    pub sort_code: String,
    pub account_number: String,
    /// "£98.50 weekly from 1 December 2026".
    pub collection: String,
    pub modulus_check: String,
    pub recorded_on: NaiveDate,
}

/// The visit tab of the account page: what the officer needs at the door.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitPanel {
    pub warnings: Vec<String>,
    pub check_in: Option<CheckInView>,
    pub card_payments: Vec<CardPaymentView>,
    pub cheques: Vec<ChequeView>,
    pub mandates: Vec<MandateView>,
    pub latest_assessment: Option<IncomeExpenditureView>,
    pub terminal: TerminalView,
    /// The rent a mandate would collect, for the form: "98.50" weekly.
    pub rent_amount: Decimal,
    pub rent_frequency: String,
    /// The open arrangement's instalment, if any.
    pub arrangement_instalment: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitDocumentRequest {
    pub payment_reference: String,
    /// "receipt" (with `id` a card payment or cheque), "income_expenditure" (with `id` the
    /// assessment), or "run_sheet" (with `visit_on`).
    pub kind: String,
    pub id: Option<String>,
    pub visit_on: Option<NaiveDate>,
}
