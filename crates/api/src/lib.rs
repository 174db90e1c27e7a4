//! The IPC contract between `ui` (wasm) and `src-tauri`.
//!
//! These are plain data. They are deliberately *not* the domain's types: renaming a field in
//! `doorstep-domain` must not silently change what crosses the IPC boundary, so the core
//! converts domain values into these by hand. Money crosses as `Decimal` (serialised as a
//! string, never a float); dates as ISO `NaiveDate`.
//!
//! Every command is named in [`commands`], so the shell, the UI and the capability file agree.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

mod benefits;
mod court;
mod former_tenancy;
mod housing_benefit;
mod payment_schedules;
mod people;
mod reports;
mod sync;
mod visits;
mod work;
pub use benefits::*;
pub use court::*;
pub use former_tenancy::*;
pub use housing_benefit::*;
pub use payment_schedules::*;
pub use people::*;
pub use reports::*;
pub use sync::*;
pub use visits::*;
pub use work::*;

/// Tauri command names. The capability file `src-tauri/capabilities/main.json` grants exactly
/// these and nothing else.
pub mod commands {
    pub const SESSION_STATUS: &str = "session_status";
    pub const SET_UP: &str = "set_up";
    pub const UNLOCK: &str = "unlock";
    pub const LOCK: &str = "lock";
    pub const RECORD_ACTIVITY: &str = "record_activity";
    pub const LIST_ACCOUNTS: &str = "list_accounts";
    pub const GET_ACCOUNT: &str = "get_account";
    pub const GET_WORKLIST: &str = "get_worklist";
    pub const RECORD_PAYMENT: &str = "record_payment";
    pub const REVERSE_ENTRY: &str = "reverse_entry";
    pub const CREATE_ARRANGEMENT: &str = "create_arrangement";
    pub const CANCEL_ARRANGEMENT: &str = "cancel_arrangement";
    pub const RECORD_DIARY: &str = "record_diary";
    pub const SET_HOLD: &str = "set_hold";
    pub const GET_POLICY: &str = "get_policy";
    pub const SAVE_POLICY: &str = "save_policy";
    pub const PRODUCE_DOCUMENT: &str = "produce_document";
    pub const VERIFY_RECORDS: &str = "verify_records";
    pub const EXPORT_POLICY: &str = "export_policy";
    pub const PLAN_ROUND: &str = "plan_round";
    pub const GET_ROUND: &str = "get_round";
    pub const CHECK_IN: &str = "check_in";
    pub const CHECK_OUT: &str = "check_out";
    pub const GET_LONE_WORKING: &str = "get_lone_working";
    pub const RECORD_VISIT: &str = "record_visit";
    pub const ASSESS_INCOME_EXPENDITURE: &str = "assess_income_expenditure";
    pub const TAKE_CARD_PAYMENT: &str = "take_card_payment";
    pub const GET_TERMINAL: &str = "get_terminal";
    pub const FORWARD_CARD_PAYMENTS: &str = "forward_card_payments";
    pub const RECORD_CHEQUE: &str = "record_cheque";
    pub const SET_CHEQUE_STATUS: &str = "set_cheque_status";
    pub const CHECK_BANK_DETAILS: &str = "check_bank_details";
    pub const CREATE_MANDATE: &str = "create_mandate";
    pub const GET_VISIT_PANEL: &str = "get_visit_panel";
    pub const PRODUCE_VISIT_DOCUMENT: &str = "produce_visit_document";
    pub const GET_COURT_FILE: &str = "get_court_file";
    pub const DRAFT_NOTICE: &str = "draft_notice";
    pub const RECORD_NOTICE_SERVICE: &str = "record_notice_service";
    pub const ADD_TENANCY_AGREEMENT: &str = "add_tenancy_agreement";
    pub const RECORD_CLAIM: &str = "record_claim";
    pub const RECORD_HEARING_OUTCOME: &str = "record_hearing_outcome";
    pub const REQUEST_WARRANT: &str = "request_warrant";
    pub const RECORD_APPLICATION: &str = "record_application";
    pub const RECORD_APPLICATION_OUTCOME: &str = "record_application_outcome";
    pub const PRODUCE_COURT_DOCUMENT: &str = "produce_court_document";
    pub const GET_BUNDLE_PROGRESS: &str = "get_bundle_progress";
    pub const GET_BENEFITS: &str = "get_benefits";
    pub const RECORD_UC_POSITION: &str = "record_uc_position";
    pub const RECORD_BENEFIT_REQUEST: &str = "record_benefit_request";
    pub const RECORD_BENEFIT_DECISION: &str = "record_benefit_decision";
    pub const RECORD_DHP_APPLICATION: &str = "record_dhp_application";
    pub const RECORD_DHP_DECISION: &str = "record_dhp_decision";
    pub const GET_WEEKLY_REPORT: &str = "get_weekly_report";
    pub const PRODUCE_WEEKLY_REPORT: &str = "produce_weekly_report";
    pub const GET_ACCOUNT_CHART: &str = "get_account_chart";
    pub const EXPORT_LIST: &str = "export_list";
    pub const GET_PEOPLE: &str = "get_people";
    pub const RECORD_REPRESENTATIVE: &str = "record_representative";
    pub const RECORD_CONSENT: &str = "record_consent";
    pub const CHECK_AUTHORITY: &str = "check_authority";
    pub const RECORD_CONTACT: &str = "record_contact";
    pub const RECORD_FLAG: &str = "record_flag";
    pub const END_FLAG: &str = "end_flag";
    pub const GET_HOUSING_BENEFIT: &str = "get_housing_benefit";
    pub const RECORD_HB_NOTIFICATION: &str = "record_hb_notification";
    pub const CHECK_HB_OVERPAYMENT: &str = "check_hb_overpayment";
    pub const DECIDE_HB_OVERPAYMENT: &str = "decide_hb_overpayment";
    pub const GET_PAYMENT_SCHEDULE: &str = "get_payment_schedule";
    pub const RECORD_PAYMENT_SCHEDULE: &str = "record_payment_schedule";
    pub const PRODUCE_PAYMENT_SCHEDULE: &str = "produce_payment_schedule";
    pub const GET_FORMER_TENANCY: &str = "get_former_tenancy";
    pub const RECORD_REFERRAL: &str = "record_referral";
    pub const RECORD_REFERRAL_OUTCOME: &str = "record_referral_outcome";
    pub const RECOMMEND_WRITE_OFF: &str = "recommend_write_off";
    pub const ENROL_DEVICE: &str = "enrol_device";
    pub const GET_SYNC_STATUS: &str = "get_sync_status";
    pub const SYNC_NOW: &str = "sync_now";
    pub const GET_SYNC_PROGRESS: &str = "get_sync_progress";

    pub const ALL: &[&str] = &[
        ENROL_DEVICE,
        GET_SYNC_STATUS,
        SYNC_NOW,
        GET_SYNC_PROGRESS,
        SESSION_STATUS,
        SET_UP,
        UNLOCK,
        LOCK,
        RECORD_ACTIVITY,
        LIST_ACCOUNTS,
        GET_ACCOUNT,
        GET_WORKLIST,
        RECORD_PAYMENT,
        REVERSE_ENTRY,
        CREATE_ARRANGEMENT,
        CANCEL_ARRANGEMENT,
        RECORD_DIARY,
        SET_HOLD,
        GET_POLICY,
        SAVE_POLICY,
        PRODUCE_DOCUMENT,
        VERIFY_RECORDS,
        EXPORT_POLICY,
        PLAN_ROUND,
        GET_ROUND,
        CHECK_IN,
        CHECK_OUT,
        GET_LONE_WORKING,
        RECORD_VISIT,
        ASSESS_INCOME_EXPENDITURE,
        TAKE_CARD_PAYMENT,
        GET_TERMINAL,
        FORWARD_CARD_PAYMENTS,
        RECORD_CHEQUE,
        SET_CHEQUE_STATUS,
        CHECK_BANK_DETAILS,
        CREATE_MANDATE,
        GET_VISIT_PANEL,
        PRODUCE_VISIT_DOCUMENT,
        GET_COURT_FILE,
        DRAFT_NOTICE,
        RECORD_NOTICE_SERVICE,
        ADD_TENANCY_AGREEMENT,
        RECORD_CLAIM,
        RECORD_HEARING_OUTCOME,
        REQUEST_WARRANT,
        RECORD_APPLICATION,
        RECORD_APPLICATION_OUTCOME,
        PRODUCE_COURT_DOCUMENT,
        GET_BUNDLE_PROGRESS,
        GET_BENEFITS,
        RECORD_UC_POSITION,
        RECORD_BENEFIT_REQUEST,
        RECORD_BENEFIT_DECISION,
        RECORD_DHP_APPLICATION,
        RECORD_DHP_DECISION,
        GET_WEEKLY_REPORT,
        PRODUCE_WEEKLY_REPORT,
        GET_ACCOUNT_CHART,
        EXPORT_LIST,
        GET_PEOPLE,
        RECORD_REPRESENTATIVE,
        RECORD_CONSENT,
        CHECK_AUTHORITY,
        RECORD_CONTACT,
        RECORD_FLAG,
        END_FLAG,
        GET_HOUSING_BENEFIT,
        RECORD_HB_NOTIFICATION,
        CHECK_HB_OVERPAYMENT,
        DECIDE_HB_OVERPAYMENT,
        GET_PAYMENT_SCHEDULE,
        RECORD_PAYMENT_SCHEDULE,
        PRODUCE_PAYMENT_SCHEDULE,
        GET_FORMER_TENANCY,
        RECORD_REFERRAL,
        RECORD_REFERRAL_OUTCOME,
        RECOMMEND_WRITE_OFF,
    ];
}

/// The shortest passphrase the store accepts. Argon2id makes guessing slow, not impossible.
pub const PASSPHRASE_CHARS_MIN: usize = 10;

/// One error type crosses the IPC boundary. It is tagged so the UI can `match` on `kind`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ApiError {
    #[error("Doorstep has not been set up on this computer yet.")]
    NotSetUp,
    #[error("Doorstep is already set up on this computer; unlock it with your passphrase.")]
    AlreadySetUp,
    #[error("Doorstep is locked. Enter your passphrase to unlock it.")]
    Locked,
    #[error("That passphrase is not right. Check caps lock and try again.")]
    WrongPassphrase,
    #[error("The passphrase must be at least {chars_min} characters long.")]
    PassphraseTooShort { chars_min: usize },
    #[error("The two passphrases do not match.")]
    PassphraseMismatch,
    #[error("The computer's credential store is not available: {reason}")]
    CredentialStoreUnavailable { reason: String },
    #[error("The key for this data folder is missing from the credential store, so the data cannot be opened. {hint}")]
    KeyMissing { hint: String },
    #[error("No account has the reference {reference}.")]
    AccountNotFound { reference: String },
    #[error("The local data could not be read or written: {message}")]
    Storage { message: String },
    /// A form or file the officer supplied is wrong; `field` names the input to fix.
    #[error("{message}")]
    Invalid { field: String, message: String },
    /// An escalation policy was refused; every problem is named.
    #[error("The policy was not saved: {}", problems.join("; "))]
    PolicyRefused { problems: Vec<String> },
    /// A document cannot be produced without data the account lacks.
    #[error("{message}")]
    DocumentRefused { message: String },
    /// The law does not allow this step now; every reason is named, in words.
    #[error("{}", reasons.join(" "))]
    LegalRefused { reasons: Vec<String> },
    /// Head office could not be reached or refused; nothing recorded here is lost.
    #[error("{message}")]
    HeadOffice { message: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionState {
    /// First run: no store in this data folder yet.
    NotSetUp,
    Locked,
    Unlocked,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionStatus {
    pub state: SessionState,
    /// The app locks itself after this many minutes without activity.
    pub idle_lock_minutes: u32,
    /// Where the store lives, so support staff can tell officers' stores apart.
    pub data_dir: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StartWith {
    /// A realistic synthetic patch, for training and trying the app.
    DemoCaseload,
    /// Nothing yet; the caseload comes from head office.
    Empty,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetUpRequest {
    pub passphrase: String,
    pub passphrase_repeated: String,
    pub start_with: StartWith,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnlockRequest {
    pub passphrase: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountSort {
    /// Highest arrears first: the officer's usual view.
    #[default]
    ArrearsDescending,
    Reference,
    Name,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListAccountsRequest {
    /// Matched against name, address, postcode and payment reference.
    pub query: String,
    pub sort: AccountSort,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub payment_reference: String,
    pub tenant_names: String,
    pub address: String,
    pub postcode: String,
    pub tenure: String,
    /// Positive is arrears, negative is credit.
    pub balance: Decimal,
    pub arrears_weeks: Decimal,
    /// The flags in force, by label ("Safeguarding"): shown wherever the account appears.
    #[serde(default)]
    pub flags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountList {
    pub accounts: Vec<AccountSummary>,
    /// How many accounts the caseload holds before the search narrowed it.
    pub caseload_count: usize,
    pub as_at: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetAccountRequest {
    pub payment_reference: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonView {
    pub role: String,
    pub full_name: String,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenancyView {
    pub tenancy_reference: String,
    pub tenure: String,
    pub start_date: NaiveDate,
    pub rent_frequency: String,
    /// Per period of `rent_frequency`.
    pub rent: Decimal,
    pub service_charge: Decimal,
    /// The weekly equivalent used for arrears in weeks.
    pub weekly_charge: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionLine {
    /// The entry's id, for reversing it.
    pub entry_id: String,
    pub posted_on: NaiveDate,
    pub description: String,
    /// What the entry added to the balance (charges), if any.
    pub debit: Option<Decimal>,
    /// What the entry took off the balance (payments), if any.
    pub credit: Option<Decimal>,
    pub balance_after: Decimal,
    /// A payment or charge the officer may reverse: not itself a reversal, not yet reversed.
    pub reversible: bool,
    /// "Reversed on 3 May 2026" or "Reverses the entry of 1 May 2026".
    pub reversal_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDetail {
    /// The store's key for the account; court work is addressed by it.
    pub account_id: i64,
    pub payment_reference: String,
    /// The tenant and any joint tenants, as a letter would address them.
    pub tenant_names: String,
    pub address: String,
    pub postcode: String,
    pub tenancy: TenancyView,
    pub people: Vec<PersonView>,
    /// The flags in force, as warnings: "Safeguarding: …". Shown in the account's header.
    #[serde(default)]
    pub flags: Vec<String>,
    pub balance: Decimal,
    pub arrears_weeks: Decimal,
    /// Plain words the officer can read out to the tenant.
    pub arrears_explanation: String,
    pub last_payment_on: Option<NaiveDate>,
    /// The figures that explain the arrears, each with words to read out.
    pub figures: Vec<ExplainedFigure>,
    /// Benefit credits expected (what makes technical arrears technical).
    pub expected_credits: Vec<ExpectedCreditView>,
    /// Balance at the end of each of the last 13 weeks and today, oldest first.
    pub trend: Vec<TrendPoint>,
    pub next_action: NextActionView,
    /// The open arrangement, if any, then earlier ones, newest first.
    pub arrangements: Vec<ArrangementView>,
    /// Newest first.
    pub diary: Vec<DiaryLine>,
    pub holds: Vec<HoldView>,
    /// Oldest first, with the balance after each line.
    pub transactions: Vec<TransactionLine>,
    pub as_at: NaiveDate,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_error_is_tagged_so_the_ui_can_match_on_kind() {
        let json = serde_json::to_string(&ApiError::PassphraseTooShort { chars_min: 10 }).unwrap();
        assert_eq!(json, r#"{"kind":"passphrase_too_short","chars_min":10}"#);
        let back: ApiError = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ApiError::PassphraseTooShort { chars_min: 10 });
    }

    #[test]
    fn money_crosses_as_a_string_never_a_float() {
        let line = TransactionLine {
            entry_id: "0192d7a0-0000-7000-8000-000000000001".into(),
            posted_on: NaiveDate::from_ymd_opt(2026, 4, 6).unwrap(),
            description: "Rent".into(),
            debit: Some(Decimal::new(9850, 2)),
            credit: None,
            balance_after: Decimal::new(-10, 2),
            reversible: true,
            reversal_note: None,
        };
        let json = serde_json::to_string(&line).unwrap();
        assert!(json.contains(r#""debit":"98.50""#), "{json}");
        assert!(json.contains(r#""balance_after":"-0.10""#), "{json}");
    }
}
