//! The officer's daily work: the worklist, payments, arrangements, the diary, holds, the
//! escalation policy and documents. Codes cross as snake_case strings the core checks, so a
//! domain enum can grow without changing the wire.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One figure on the account page with the words an officer can read out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExplainedFigure {
    /// Stable id for the screen and tests: "balance", "true_arrears", "days_since_payment",
    /// "trend".
    pub key: String,
    pub label: String,
    /// As shown: "£612.40", "5.1 weeks", "16 days".
    pub value: String,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedCreditView {
    /// "Housing Benefit", "Universal Credit".
    pub benefit: String,
    /// "Paid to the landlord" or "Paid to the tenant".
    pub paid_to: String,
    pub amount: Decimal,
    pub next_on: NaiveDate,
    /// The part of today's balance this credit will clear.
    pub covers_now: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub on: NaiveDate,
    pub balance: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextActionView {
    /// Policy step code ("letter_1"), or "arrangement_broken", "blocked", "wait", "nothing".
    pub code: String,
    /// "Letter 1", "Paused: promise of payment", "No action".
    pub label: String,
    /// "£612.40 = 5.1 weeks' rent; Letter 1 sent 16 days ago; no arrangement".
    pub reason: String,
    /// Bigger is more urgent.
    pub priority: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorklistItem {
    pub payment_reference: String,
    pub tenant_names: String,
    pub address: String,
    pub postcode: String,
    /// The postcode district ("HX1"): the officer's patch is made of these.
    pub patch: String,
    pub balance: Decimal,
    pub true_arrears: Decimal,
    pub arrears_weeks: Decimal,
    pub next_action: NextActionView,
    /// Set when the account is paused: the pause reason's label.
    pub pause_reason: Option<String>,
    /// Safety warnings an officer must see before planning a visit: "Do not visit alone: …".
    #[serde(default)]
    pub warnings: Vec<String>,
    /// One of the flags says not to visit alone: a round needs a colleague.
    #[serde(default)]
    pub do_not_visit_alone: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Worklist {
    /// Most urgent first; every account in the caseload appears once.
    pub items: Vec<WorklistItem>,
    pub as_at: NaiveDate,
    /// The policy the actions came from.
    pub policy_name: String,
}

/// Payment methods an officer may record by hand (benefit credits arrive from head office).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordedPaymentMethod {
    Card,
    Cheque,
    CashOffice,
    DirectDebit,
    StandingOrder,
    PayPoint,
    ThirdParty,
}

impl RecordedPaymentMethod {
    pub const ALL: [RecordedPaymentMethod; 7] = [
        RecordedPaymentMethod::Card,
        RecordedPaymentMethod::Cheque,
        RecordedPaymentMethod::CashOffice,
        RecordedPaymentMethod::DirectDebit,
        RecordedPaymentMethod::StandingOrder,
        RecordedPaymentMethod::PayPoint,
        RecordedPaymentMethod::ThirdParty,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RecordedPaymentMethod::Card => "Card",
            RecordedPaymentMethod::Cheque => "Cheque",
            RecordedPaymentMethod::CashOffice => "Cash office",
            RecordedPaymentMethod::DirectDebit => "Direct Debit",
            RecordedPaymentMethod::StandingOrder => "Standing order",
            RecordedPaymentMethod::PayPoint => "PayPoint",
            RecordedPaymentMethod::ThirdParty => "Third party",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordPaymentRequest {
    pub payment_reference: String,
    /// Made by the UI when the form opens, so a retried submit is recorded once.
    pub command_id: String,
    pub method: RecordedPaymentMethod,
    /// Pounds, as typed: "25.00". The core parses it, so a bad amount is named exactly.
    pub amount: String,
    pub received_on: NaiveDate,
    /// Receipt number, cheque number or a note; never card data.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReverseEntryRequest {
    pub payment_reference: String,
    pub command_id: String,
    pub entry_id: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateArrangementRequest {
    pub payment_reference: String,
    pub command_id: String,
    /// "informal" or "court_ordered".
    pub kind: String,
    /// "weekly", "fortnightly", "four_weekly", "monthly" or "one_off".
    pub frequency: String,
    pub instalment: String,
    pub first_instalment_on: NaiveDate,
    /// Blank for none.
    pub initial_payment: String,
    pub initial_payment_on: Option<NaiveDate>,
    pub tolerance_days: u32,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelArrangementRequest {
    pub payment_reference: String,
    pub command_id: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArrangementView {
    pub kind: String,
    /// "£10.00 a week from 30 November 2026, after £50.00 on 23 November 2026".
    pub terms: String,
    /// "Live", "Breached", "Completed", "Cancelled", "Superseded".
    pub state: String,
    pub agreed_on: NaiveDate,
    pub starting_balance: Decimal,
    /// For an open arrangement: expected against actual, in words.
    pub check: Option<String>,
    /// Every state it has been in, oldest first: "Live from 1 Nov 2026".
    pub history: Vec<String>,
}

/// Diary codes an officer records by hand. Policy steps are recorded under their own codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiaryCodeView {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordDiaryRequest {
    pub payment_reference: String,
    pub command_id: String,
    pub code: String,
    pub happened_on: NaiveDate,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiaryLine {
    pub happened_on: NaiveDate,
    pub code: String,
    pub label: String,
    pub officer: String,
    pub note: String,
}

/// What stops escalation for a while.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldKind {
    Pause,
    CourtDate,
    EvictionDate,
    BreathingSpace,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetHoldRequest {
    pub payment_reference: String,
    pub command_id: String,
    pub kind: HoldKind,
    /// For a pause: "court_date_set", "eviction_date_set", "delayed_benefit",
    /// "promise_of_payment", "deceased", "missing_data" or "other". Ignored otherwise.
    pub pause_reason: Option<String>,
    /// The pause's expiry, the hearing or eviction date, or the end of Breathing Space.
    pub until: NaiveDate,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoldView {
    /// "Paused: promise of payment until 7 December 2026", "Court hearing on 12 January 2027".
    pub description: String,
    /// Whether it still blocks escalation today.
    pub in_force: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyView {
    pub name: String,
    /// The policy as JSON, for export and for editing.
    pub json: String,
    /// One line per step: "Letter 1 (letter_1): true arrears at least £10.00".
    pub steps: Vec<String>,
    pub diary_codes: Vec<DiaryCodeView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavePolicyRequest {
    pub json: String,
}

/// Documents the officer can produce for an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    RentStatement,
    Letter1,
    Letter2,
    ArrangementConfirmation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProduceDocumentRequest {
    pub payment_reference: String,
    pub kind: DocumentKind,
    /// Statement range; ignored for letters.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducedDocument {
    /// Where the PDF was written.
    pub path: String,
    pub pages: u32,
}

/// A file the core wrote for the officer (a webview download lands wherever the app was started
/// from, so files are written by the core to the documents folder and the path is shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedFile {
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordsVerification {
    pub ledger_entries_checked: u64,
    pub diary_records_checked: u64,
    /// Empty when both chains are intact; otherwise where each breaks, in words.
    pub problems: Vec<String>,
}
