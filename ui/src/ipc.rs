//! The only way the UI talks to the shell: Tauri's `invoke`, one function per command.
//!
//! Convention (the shell implements it): a command with input takes one argument named
//! `request`; a command without input takes `{}`. A rejected promise carries a serialised
//! `ApiError`; anything else (the bridge missing, a command the shell does not know) becomes
//! `CallError::Bridge` with whatever text the browser gave.

use std::fmt;

use doorstep_api::{
    commands, AccountDetail, AccountList, ApiError, CancelArrangementRequest,
    CreateArrangementRequest, GetAccountRequest, ListAccountsRequest, PolicyView,
    ProduceDocumentRequest, ProducedDocument, RecordDiaryRequest, RecordPaymentRequest,
    RecordsVerification, ReverseEntryRequest, SavePolicyRequest, SessionStatus, SetHoldRequest,
    SetUpRequest, UnlockRequest, Worklist,
};
use doorstep_api::{
    AccountChartRequest, AccountChartView, ExportListRequest, ExportedFile, PatchReportView,
    WeeklyReportRequest,
};
use doorstep_api::{
    AddTenancyAgreementRequest, BundleProgressView, CourtFileView, DraftNoticeRequest,
    GetCourtFileRequest, ProduceCourtDocumentRequest, RecordApplicationOutcomeRequest,
    RecordApplicationRequest, RecordClaimRequest, RecordHearingOutcomeRequest,
    RecordServiceRequest, RequestWarrantRequest,
};
use doorstep_api::{
    BankDetailsCheck, CardPaymentOutcome, CheckBankDetailsRequest, CheckInRequest, CheckOutRequest,
    ChequeStatusRequest, CreateMandateRequest, ForwardOutcome, GetRoundRequest,
    IncomeExpenditureOutcome, IncomeExpenditureRequest, LoneWorkingView, PlanRoundRequest,
    RecordChequeRequest, RecordVisitRequest, RoundView, TakeCardPaymentRequest, TerminalView,
    VisitDocumentRequest, VisitPanel,
};
use doorstep_api::{
    BenefitsView, GetBenefitsRequest, RecordBenefitDecisionRequest, RecordBenefitRequestRequest,
    RecordDhpApplicationRequest, RecordDhpDecisionRequest, RecordUcPositionRequest,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], catch)]
    async fn invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallError {
    /// The core refused, for a reason the officer can read.
    Api(ApiError),
    /// The call never reached the core or its answer made no sense: a programming or packaging
    /// error, shown as is so support can tell what happened.
    Bridge { message: String },
}

impl fmt::Display for CallError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::Api(error) => write!(formatter, "{error}"),
            CallError::Bridge { message } => {
                write!(formatter, "Doorstep could not reach its data: {message}")
            }
        }
    }
}

#[derive(Serialize)]
struct RequestArguments<'a, Request: Serialize> {
    request: &'a Request,
}

#[derive(Serialize)]
struct NoArguments {}

fn to_js<Value: Serialize>(value: &Value) -> Result<JsValue, CallError> {
    // json_compatible: maps become plain objects, as Tauri's JSON deserialiser expects.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .map_err(|error| CallError::Bridge {
            message: format!("the request could not be encoded: {error}"),
        })
}

fn rejection_to_error(rejection: JsValue) -> CallError {
    if let Ok(api_error) = serde_wasm_bindgen::from_value::<ApiError>(rejection.clone()) {
        return CallError::Api(api_error);
    }
    let message = if let Some(text) = rejection.as_string() {
        text
    } else if let Some(error) = rejection.dyn_ref::<js_sys::Error>() {
        String::from(error.message())
    } else {
        format!("{rejection:?}")
    };
    CallError::Bridge { message }
}

async fn call<Response: DeserializeOwned>(
    command: &str,
    arguments: JsValue,
) -> Result<Response, CallError> {
    let answer = invoke(command, arguments)
        .await
        .map_err(rejection_to_error)?;
    serde_wasm_bindgen::from_value(answer).map_err(|error| CallError::Bridge {
        message: format!("the answer to {command} could not be read: {error}"),
    })
}

async fn call_without_request<Response: DeserializeOwned>(
    command: &str,
) -> Result<Response, CallError> {
    call(command, to_js(&NoArguments {})?).await
}

async fn call_with_request<Request: Serialize, Response: DeserializeOwned>(
    command: &str,
    request: &Request,
) -> Result<Response, CallError> {
    call(command, to_js(&RequestArguments { request })?).await
}

pub async fn session_status() -> Result<SessionStatus, CallError> {
    call_without_request(commands::SESSION_STATUS).await
}

pub async fn set_up(request: &SetUpRequest) -> Result<SessionStatus, CallError> {
    call_with_request(commands::SET_UP, request).await
}

pub async fn unlock(request: &UnlockRequest) -> Result<SessionStatus, CallError> {
    call_with_request(commands::UNLOCK, request).await
}

pub async fn lock() -> Result<SessionStatus, CallError> {
    call_without_request(commands::LOCK).await
}

pub async fn record_activity() -> Result<SessionStatus, CallError> {
    call_without_request(commands::RECORD_ACTIVITY).await
}

pub async fn list_accounts(request: &ListAccountsRequest) -> Result<AccountList, CallError> {
    call_with_request(commands::LIST_ACCOUNTS, request).await
}

pub async fn get_account(request: &GetAccountRequest) -> Result<AccountDetail, CallError> {
    call_with_request(commands::GET_ACCOUNT, request).await
}

pub async fn get_worklist() -> Result<Worklist, CallError> {
    call_without_request(commands::GET_WORKLIST).await
}

// Every change to an account answers with the account as it now stands, so the page shows the
// new balance, weeks and next action without a second call.

pub async fn record_payment(request: &RecordPaymentRequest) -> Result<AccountDetail, CallError> {
    call_with_request(commands::RECORD_PAYMENT, request).await
}

pub async fn reverse_entry(request: &ReverseEntryRequest) -> Result<AccountDetail, CallError> {
    call_with_request(commands::REVERSE_ENTRY, request).await
}

pub async fn create_arrangement(
    request: &CreateArrangementRequest,
) -> Result<AccountDetail, CallError> {
    call_with_request(commands::CREATE_ARRANGEMENT, request).await
}

pub async fn cancel_arrangement(
    request: &CancelArrangementRequest,
) -> Result<AccountDetail, CallError> {
    call_with_request(commands::CANCEL_ARRANGEMENT, request).await
}

pub async fn record_diary(request: &RecordDiaryRequest) -> Result<AccountDetail, CallError> {
    call_with_request(commands::RECORD_DIARY, request).await
}

pub async fn set_hold(request: &SetHoldRequest) -> Result<AccountDetail, CallError> {
    call_with_request(commands::SET_HOLD, request).await
}

pub async fn get_policy() -> Result<PolicyView, CallError> {
    call_without_request(commands::GET_POLICY).await
}

/// Answers with the policy as saved, so the screen shows the steps the core now uses.
pub async fn save_policy(request: &SavePolicyRequest) -> Result<PolicyView, CallError> {
    call_with_request(commands::SAVE_POLICY, request).await
}

pub async fn produce_document(
    request: &ProduceDocumentRequest,
) -> Result<ProducedDocument, CallError> {
    call_with_request(commands::PRODUCE_DOCUMENT, request).await
}

pub async fn export_policy() -> Result<doorstep_api::ExportedFile, CallError> {
    call_without_request(commands::EXPORT_POLICY).await
}

pub async fn verify_records() -> Result<RecordsVerification, CallError> {
    call_without_request(commands::VERIFY_RECORDS).await
}

// Home visits: the round, lone working, and what is taken at the door.

pub async fn plan_round(request: &PlanRoundRequest) -> Result<RoundView, CallError> {
    call_with_request(commands::PLAN_ROUND, request).await
}

pub async fn get_round(request: &GetRoundRequest) -> Result<RoundView, CallError> {
    call_with_request(commands::GET_ROUND, request).await
}

pub async fn check_in(request: &CheckInRequest) -> Result<LoneWorkingView, CallError> {
    call_with_request(commands::CHECK_IN, request).await
}

pub async fn check_out(request: &CheckOutRequest) -> Result<LoneWorkingView, CallError> {
    call_with_request(commands::CHECK_OUT, request).await
}

pub async fn get_lone_working() -> Result<LoneWorkingView, CallError> {
    call_without_request(commands::GET_LONE_WORKING).await
}

pub async fn record_visit(request: &RecordVisitRequest) -> Result<AccountDetail, CallError> {
    call_with_request(commands::RECORD_VISIT, request).await
}

pub async fn assess_income_expenditure(
    request: &IncomeExpenditureRequest,
) -> Result<IncomeExpenditureOutcome, CallError> {
    call_with_request(commands::ASSESS_INCOME_EXPENDITURE, request).await
}

pub async fn take_card_payment(
    request: &TakeCardPaymentRequest,
) -> Result<CardPaymentOutcome, CallError> {
    call_with_request(commands::TAKE_CARD_PAYMENT, request).await
}

pub async fn get_terminal() -> Result<TerminalView, CallError> {
    call_without_request(commands::GET_TERMINAL).await
}

pub async fn forward_card_payments() -> Result<ForwardOutcome, CallError> {
    call_without_request(commands::FORWARD_CARD_PAYMENTS).await
}

pub async fn record_cheque(request: &RecordChequeRequest) -> Result<AccountDetail, CallError> {
    call_with_request(commands::RECORD_CHEQUE, request).await
}

pub async fn set_cheque_status(request: &ChequeStatusRequest) -> Result<AccountDetail, CallError> {
    call_with_request(commands::SET_CHEQUE_STATUS, request).await
}

pub async fn check_bank_details(
    request: &CheckBankDetailsRequest,
) -> Result<BankDetailsCheck, CallError> {
    call_with_request(commands::CHECK_BANK_DETAILS, request).await
}

pub async fn create_mandate(request: &CreateMandateRequest) -> Result<AccountDetail, CallError> {
    call_with_request(commands::CREATE_MANDATE, request).await
}

pub async fn get_visit_panel(request: &GetAccountRequest) -> Result<VisitPanel, CallError> {
    call_with_request(commands::GET_VISIT_PANEL, request).await
}

pub async fn produce_visit_document(
    request: &VisitDocumentRequest,
) -> Result<ProducedDocument, CallError> {
    call_with_request(commands::PRODUCE_VISIT_DOCUMENT, request).await
}

// Court work. Every change answers with the court file as it now stands, so the screen
// re-renders from the answer without a second call.

pub async fn get_court_file(request: &GetCourtFileRequest) -> Result<CourtFileView, CallError> {
    call_with_request(commands::GET_COURT_FILE, request).await
}

pub async fn draft_notice(request: &DraftNoticeRequest) -> Result<CourtFileView, CallError> {
    call_with_request(commands::DRAFT_NOTICE, request).await
}

pub async fn record_notice_service(
    request: &RecordServiceRequest,
) -> Result<CourtFileView, CallError> {
    call_with_request(commands::RECORD_NOTICE_SERVICE, request).await
}

pub async fn add_tenancy_agreement(
    request: &AddTenancyAgreementRequest,
) -> Result<CourtFileView, CallError> {
    call_with_request(commands::ADD_TENANCY_AGREEMENT, request).await
}

pub async fn record_claim(request: &RecordClaimRequest) -> Result<CourtFileView, CallError> {
    call_with_request(commands::RECORD_CLAIM, request).await
}

pub async fn record_hearing_outcome(
    request: &RecordHearingOutcomeRequest,
) -> Result<CourtFileView, CallError> {
    call_with_request(commands::RECORD_HEARING_OUTCOME, request).await
}

pub async fn request_warrant(request: &RequestWarrantRequest) -> Result<CourtFileView, CallError> {
    call_with_request(commands::REQUEST_WARRANT, request).await
}

pub async fn record_application(
    request: &RecordApplicationRequest,
) -> Result<CourtFileView, CallError> {
    call_with_request(commands::RECORD_APPLICATION, request).await
}

pub async fn record_application_outcome(
    request: &RecordApplicationOutcomeRequest,
) -> Result<CourtFileView, CallError> {
    call_with_request(commands::RECORD_APPLICATION_OUTCOME, request).await
}

pub async fn produce_court_document(
    request: &ProduceCourtDocumentRequest,
) -> Result<ProducedDocument, CallError> {
    call_with_request(commands::PRODUCE_COURT_DOCUMENT, request).await
}

pub async fn get_bundle_progress() -> Result<BundleProgressView, CallError> {
    call_without_request(commands::GET_BUNDLE_PROGRESS).await
}

// Benefit work. Every change answers with the benefits view as it now stands, so the screen
// re-renders from the answer without a second call.

pub async fn get_benefits(request: &GetBenefitsRequest) -> Result<BenefitsView, CallError> {
    call_with_request(commands::GET_BENEFITS, request).await
}

pub async fn record_uc_position(
    request: &RecordUcPositionRequest,
) -> Result<BenefitsView, CallError> {
    call_with_request(commands::RECORD_UC_POSITION, request).await
}

pub async fn record_benefit_request(
    request: &RecordBenefitRequestRequest,
) -> Result<BenefitsView, CallError> {
    call_with_request(commands::RECORD_BENEFIT_REQUEST, request).await
}

pub async fn record_benefit_decision(
    request: &RecordBenefitDecisionRequest,
) -> Result<BenefitsView, CallError> {
    call_with_request(commands::RECORD_BENEFIT_DECISION, request).await
}

pub async fn record_dhp_application(
    request: &RecordDhpApplicationRequest,
) -> Result<BenefitsView, CallError> {
    call_with_request(commands::RECORD_DHP_APPLICATION, request).await
}

pub async fn record_dhp_decision(
    request: &RecordDhpDecisionRequest,
) -> Result<BenefitsView, CallError> {
    call_with_request(commands::RECORD_DHP_DECISION, request).await
}

// Reports: the week's report with the indicators and charts, an account's balance chart, and
// files written for the officer to take away (the answer says where).

pub async fn get_weekly_report(
    request: &WeeklyReportRequest,
) -> Result<PatchReportView, CallError> {
    call_with_request(commands::GET_WEEKLY_REPORT, request).await
}

pub async fn produce_weekly_report(
    request: &WeeklyReportRequest,
) -> Result<ProducedDocument, CallError> {
    call_with_request(commands::PRODUCE_WEEKLY_REPORT, request).await
}

pub async fn get_account_chart(
    request: &AccountChartRequest,
) -> Result<AccountChartView, CallError> {
    call_with_request(commands::GET_ACCOUNT_CHART, request).await
}

pub async fn export_list(request: &ExportListRequest) -> Result<ExportedFile, CallError> {
    call_with_request(commands::EXPORT_LIST, request).await
}

pub async fn get_people(
    request: &doorstep_api::GetPeopleRequest,
) -> Result<doorstep_api::PeopleView, CallError> {
    call_with_request(commands::GET_PEOPLE, request).await
}

pub async fn record_representative(
    request: &doorstep_api::RecordRepresentativeRequest,
) -> Result<doorstep_api::PeopleView, CallError> {
    call_with_request(commands::RECORD_REPRESENTATIVE, request).await
}

pub async fn record_consent(
    request: &doorstep_api::RecordConsentRequest,
) -> Result<doorstep_api::PeopleView, CallError> {
    call_with_request(commands::RECORD_CONSENT, request).await
}

pub async fn check_authority(
    request: &doorstep_api::CheckAuthorityRequest,
) -> Result<doorstep_api::AuthorityCheckView, CallError> {
    call_with_request(commands::CHECK_AUTHORITY, request).await
}

pub async fn record_contact(
    request: &doorstep_api::RecordContactRequest,
) -> Result<doorstep_api::PeopleView, CallError> {
    call_with_request(commands::RECORD_CONTACT, request).await
}

pub async fn record_flag(
    request: &doorstep_api::RecordFlagRequest,
) -> Result<doorstep_api::PeopleView, CallError> {
    call_with_request(commands::RECORD_FLAG, request).await
}

pub async fn end_flag(
    request: &doorstep_api::EndFlagRequest,
) -> Result<doorstep_api::PeopleView, CallError> {
    call_with_request(commands::END_FLAG, request).await
}

pub async fn get_housing_benefit(
    request: &doorstep_api::GetHousingBenefitRequest,
) -> Result<doorstep_api::HousingBenefitView, CallError> {
    call_with_request(commands::GET_HOUSING_BENEFIT, request).await
}

pub async fn record_hb_notification(
    request: &doorstep_api::RecordHbNotificationRequest,
) -> Result<doorstep_api::HousingBenefitView, CallError> {
    call_with_request(commands::RECORD_HB_NOTIFICATION, request).await
}

pub async fn check_hb_overpayment(
    request: &doorstep_api::CheckHbOverpaymentRequest,
) -> Result<doorstep_api::HbOverpaymentCheckView, CallError> {
    call_with_request(commands::CHECK_HB_OVERPAYMENT, request).await
}

pub async fn decide_hb_overpayment(
    request: &doorstep_api::DecideHbOverpaymentRequest,
) -> Result<doorstep_api::HbOverpaymentDecided, CallError> {
    call_with_request(commands::DECIDE_HB_OVERPAYMENT, request).await
}

pub async fn get_payment_schedule(
    request: &doorstep_api::GetPaymentScheduleRequest,
) -> Result<doorstep_api::PaymentScheduleView, CallError> {
    call_with_request(commands::GET_PAYMENT_SCHEDULE, request).await
}

pub async fn record_payment_schedule(
    request: &doorstep_api::RecordPaymentScheduleRequest,
) -> Result<doorstep_api::PaymentScheduleView, CallError> {
    call_with_request(commands::RECORD_PAYMENT_SCHEDULE, request).await
}

pub async fn produce_payment_schedule(
    request: &doorstep_api::ProducePaymentScheduleRequest,
) -> Result<doorstep_api::ExportedFile, CallError> {
    call_with_request(commands::PRODUCE_PAYMENT_SCHEDULE, request).await
}

pub async fn get_former_tenancy(
    request: &doorstep_api::GetFormerTenancyRequest,
) -> Result<doorstep_api::FormerTenancyView, CallError> {
    call_with_request(commands::GET_FORMER_TENANCY, request).await
}

pub async fn record_referral(
    request: &doorstep_api::RecordReferralRequest,
) -> Result<doorstep_api::FormerTenancyView, CallError> {
    call_with_request(commands::RECORD_REFERRAL, request).await
}

pub async fn record_referral_outcome(
    request: &doorstep_api::RecordReferralOutcomeRequest,
) -> Result<doorstep_api::FormerTenancyView, CallError> {
    call_with_request(commands::RECORD_REFERRAL_OUTCOME, request).await
}

pub async fn recommend_write_off(
    request: &doorstep_api::RecommendWriteOffRequest,
) -> Result<doorstep_api::WriteOffRecommended, CallError> {
    call_with_request(commands::RECOMMEND_WRITE_OFF, request).await
}

// Head office. `sync_now` runs until the sync ends; `get_sync_progress` answers at once, so
// the screen can poll it while the sync runs.

pub async fn enrol_device(
    request: &doorstep_api::EnrolDeviceRequest,
) -> Result<doorstep_api::SyncStatusView, CallError> {
    call_with_request(commands::ENROL_DEVICE, request).await
}

pub async fn get_sync_status() -> Result<doorstep_api::SyncStatusView, CallError> {
    call_without_request(commands::GET_SYNC_STATUS).await
}

pub async fn sync_now() -> Result<doorstep_api::SyncSummary, CallError> {
    call_without_request(commands::SYNC_NOW).await
}

pub async fn get_sync_progress() -> Result<doorstep_api::SyncProgressView, CallError> {
    call_without_request(commands::GET_SYNC_PROGRESS).await
}

/// A fresh idempotency key (UUID v7) for a command: the browser's clock and its
/// cryptographic random source.
pub fn new_command_id() -> String {
    let mut random = [0u8; 10];
    let filled = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .and_then(|crypto| crypto.get_random_values_with_u8_array(&mut random).ok())
        .is_some();
    // Every webview Doorstep runs in has crypto.getRandomValues; without it two forms opened
    // in the same millisecond could share a key, so fail loudly rather than quietly.
    assert!(filled, "the browser gave no random values for a command id");
    // Date.now() is whole milliseconds since 1970, well inside u64.
    let unix_ms = js_sys::Date::now() as u64;
    crate::command_id::uuid_v7_text(unix_ms, random)
}
