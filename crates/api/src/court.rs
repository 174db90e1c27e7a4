//! Notices and court paperwork: the account's court file, drafting and serving a notice, the
//! claim's data and documents, the bundle (with progress), hearing outcomes, warrants and N244
//! applications. Codes cross as snake_case strings the core checks; dates are ISO dates.

use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetCourtFileRequest {
    pub account_id: i64,
    /// The intended issue date for the claim figures and the protocol checklist; today if None.
    pub issue_date: Option<NaiveDate>,
}

/// A ground the officer may choose for this tenancy, with whether its threshold is met today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroundView {
    /// As the Act numbers it: "1", "8", "10", "11".
    pub code: String,
    /// "Ground 8 (mandatory): at least 13 weeks' rent unpaid at service and at the hearing".
    pub label: String,
    pub mandatory: bool,
    /// None when it could be used today; otherwise why not, in words.
    pub refused_because: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceView {
    pub person_name: String,
    /// "by_hand", "left_at_property", "first_class_post", "second_class_post".
    pub method: String,
    pub method_label: String,
    pub served_on: NaiveDate,
    pub served_at: Option<NaiveTime>,
    pub served_by: String,
    pub deemed_served_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeView {
    pub notice_id: String,
    /// "nosp" or "form_3".
    pub kind: String,
    /// "Notice of Seeking Possession" / "Notice seeking possession (Form 3)".
    pub title: String,
    pub grounds: Vec<String>,
    /// The rule set's citation: which law, in force from when.
    pub rule_set: String,
    pub arrears: Decimal,
    pub arrears_on: NaiveDate,
    pub planned_service_on: NaiveDate,
    pub date_specified: NaiveDate,
    pub proceedings_from: NaiveDate,
    pub expires_on: NaiveDate,
    pub services: Vec<ServiceView>,
    /// Tenants not yet served.
    pub unserved: Vec<String>,
    /// "drafted", "part_served", "served", "usable", "expired", "claimed" (a claim relies on it).
    pub state: String,
    /// "Usable from 21 December 2026 until 20 December 2027".
    pub sentence: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItemView {
    pub requirement: String,
    pub label: String,
    /// "met", "missing", "not_applicable".
    pub status: String,
    /// Evidence lines ("12 March 2026 — Diary: Phone call — …"), or what to do, or why not.
    pub details: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimView {
    pub claim_id: String,
    pub claim_number: String,
    pub court: String,
    pub issued_on: NaiveDate,
    pub amount_due: Decimal,
    pub daily_rate: Decimal,
    pub fee: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HearingOutcomeView {
    pub hearing_on: NaiveDate,
    pub outcome: String,
    pub outcome_label: String,
    pub possession_on: Option<NaiveDate>,
    pub next_hearing_on: Option<NaiveDate>,
    pub terms: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarrantRequestView {
    pub requested_on: NaiveDate,
    pub breach: String,
    pub balance: Decimal,
    pub fee: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub application_id: String,
    pub applicant: String,
    pub applied_on: NaiveDate,
    pub purpose: String,
    pub fee_kind: String,
    pub hearing_on: Option<NaiveDate>,
    /// "granted on 3 March 2027: …", or None while undecided.
    pub outcome: Option<String>,
}

/// A code and its label, for the UI's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceView {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourtFileView {
    pub account_id: i64,
    pub payment_reference: String,
    pub tenant_names: Vec<String>,
    pub tenure: String,
    /// "Notice of Seeking Possession" or "Form 3"; None where no notice applies (a licence).
    pub notice_title: Option<String>,
    /// Why no notice can be drafted here, if none can (tenure, Breathing Space).
    pub notice_unavailable: Option<String>,
    pub grounds: Vec<GroundView>,
    pub service_methods: Vec<ChoiceView>,
    pub notices: Vec<NoticeView>,
    pub issue_date: NaiveDate,
    pub amount_due_at_issue: Decimal,
    pub daily_rate: Decimal,
    pub claim_fee: Option<Decimal>,
    pub protocol: Vec<ChecklistItemView>,
    /// One line per missing protocol item or claim problem; shown before any claim paperwork.
    pub claim_warnings: Vec<String>,
    /// Whose authority to check, and any manager's review needed, before serving a notice.
    #[serde(default)]
    pub notice_warnings: Vec<String>,
    pub tenancy_agreement: Option<String>,
    pub claims: Vec<ClaimView>,
    pub outcomes: Vec<HearingOutcomeView>,
    pub outcome_choices: Vec<ChoiceView>,
    pub warrants: Vec<WarrantRequestView>,
    pub applications: Vec<ApplicationView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftNoticeRequest {
    /// UUIDv7 made when the form opened; kept across retries.
    pub command_id: String,
    pub account_id: i64,
    pub grounds: Vec<String>,
    pub planned_service_on: NaiveDate,
    pub planned_method: String,
    /// The officer's words for the particulars beyond the figures (history relied on).
    pub particulars: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordServiceRequest {
    pub command_id: String,
    pub account_id: i64,
    pub notice_id: String,
    pub person_name: String,
    pub method: String,
    pub served_on: NaiveDate,
    pub served_at: Option<NaiveTime>,
    pub served_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddTenancyAgreementRequest {
    pub command_id: String,
    pub account_id: i64,
    pub file_name: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordClaimRequest {
    pub command_id: String,
    pub account_id: i64,
    pub notice_id: String,
    pub issued_on: NaiveDate,
    pub claim_number: String,
    pub court: String,
    pub hearing_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourtOrderTerms {
    /// Paid towards the arrears each period, on top of the current rent.
    pub instalment: Decimal,
    /// "weekly", "fortnightly", "four_weekly", "monthly".
    pub frequency: String,
    pub first_instalment_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordHearingOutcomeRequest {
    pub command_id: String,
    pub account_id: i64,
    pub claim_id: String,
    pub hearing_on: NaiveDate,
    /// A code from `CourtFileView::outcome_choices` ("SOT", "OPD", …).
    pub outcome: String,
    pub possession_on: Option<NaiveDate>,
    pub next_hearing_on: Option<NaiveDate>,
    pub terms: Option<CourtOrderTerms>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestWarrantRequest {
    pub command_id: String,
    pub account_id: i64,
    pub claim_id: String,
    pub requested_on: NaiveDate,
    /// How the order's terms were breached, in the officer's words.
    pub breach: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordApplicationRequest {
    pub command_id: String,
    pub account_id: i64,
    pub claim_id: String,
    /// "landlord" or "tenant".
    pub applicant: String,
    pub applied_on: NaiveDate,
    pub purpose: String,
    /// "on_notice", "by_consent", "none".
    pub fee_kind: String,
    pub hearing_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordApplicationOutcomeRequest {
    pub command_id: String,
    pub account_id: i64,
    pub application_id: String,
    pub decided_on: NaiveDate,
    /// "granted", "refused", "withdrawn", "adjourned".
    pub outcome: String,
    pub note: String,
}

/// Which court document to produce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CourtDocument {
    Notice { notice_id: String },
    CertificateOfService { notice_id: String },
    ClaimForm,
    ParticularsOfClaim,
    ArrearsSchedule,
    WitnessStatement,
    Bundle,
    WarrantRequest { claim_id: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProduceCourtDocumentRequest {
    pub account_id: i64,
    pub document: CourtDocument,
    /// The claim's issue date (figures and the schedule run to it); today if None.
    pub issue_date: Option<NaiveDate>,
}

/// How far the bundle being produced has got; polled by the UI while it waits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleProgressView {
    pub running: bool,
    pub done: u32,
    pub total: u32,
    pub stage: String,
}
