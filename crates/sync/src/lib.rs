//! The wire between an officer's device and head office.
//!
//! Both sides compile these types, so a change to the protocol is a change to one file that
//! both sides' tests see. JSON over HTTPS; every request but enrolment carries the device's
//! token as `Authorization: Bearer …`.
//!
//! - `POST /v1/enrol` — [`EnrolRequest`] → [`EnrolResponse`]: a one-time code from an
//!   administrator becomes a device token for one officer.
//! - `POST /v1/commands` — [`UploadRequest`] → [`UploadResponse`]: a batch of the device's
//!   outbox in sequence order; one [`CommandResult`] per command, in the same order. The
//!   server applies each command at most once, keyed by its id, so sending a batch again
//!   (a lost answer, a killed app) returns the first answers and changes nothing.
//! - `GET /v1/caseload?after=CURSOR&limit=N` → [`CaseloadPage`]: what changed in the
//!   officer's caseload since a cursor, oldest change first. Applying a page and saving its
//!   cursor in one transaction makes the pull resumable after a cut connection.
//! - `GET /v1/accounts/{payment_reference}` → [`AccountSnapshot`]: one account, if assigned.
//! - `GET /v1/device` → [`DeviceStatus`].
//!
//! Errors are an HTTP status with an [`ErrorBody`]; [`ErrorCode::DeviceRevoked`] tells the
//! device to lock and erase its store.
//!
//! Money is integer pence and dates are ISO dates on the wire: nothing is a float.

mod fingerprint;

pub use fingerprint::{certificate_fingerprint, format_fingerprint};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The path prefix of this version of the protocol.
pub const API_PREFIX: &str = "/v1";
/// The most commands one upload may carry; the device sends its outbox in batches of this.
pub const UPLOAD_BATCH_MAX: usize = 500;
/// The most changes one caseload page may carry.
pub const PAGE_LIMIT_MAX: u32 = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolRequest {
    pub code: String,
    /// What the officer calls this laptop, for the administrator's list of devices.
    pub device_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolResponse {
    pub device_id: Uuid,
    /// Shown once; head office keeps only its hash.
    pub token: String,
    pub officer: Officer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Officer {
    pub id: Uuid,
    pub name: String,
}

/// One outbox command as the device wrote it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommandEnvelope {
    /// UUIDv7 made when the officer opened the form: the idempotency key end to end.
    pub command_id: Uuid,
    /// The device's order of writing (its outbox's sequence), strictly increasing.
    pub sequence: i64,
    pub kind: String,
    pub payload: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UploadRequest {
    pub commands: Vec<CommandEnvelope>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadResponse {
    pub results: Vec<CommandResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandResult {
    pub command_id: Uuid,
    pub sequence: i64,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// What head office did with a command. Decided once and then repeated word for word to any
/// retry of the same command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Applied to head office's records; `posted` are the ledger entries it posted (the
    /// device's own ids).
    Applied { posted: Vec<Uuid> },
    /// Not applied, with the reason in words. Kept on both sides as needing attention.
    Rejected { reason: String },
    /// Kept at head office but not applied until a person decides (a payment on an ended
    /// tenancy, an account reassigned while the device was offline).
    Held { reason: String },
}

impl Outcome {
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Applied { .. } => "applied",
            Outcome::Rejected { .. } => "rejected",
            Outcome::Held { .. } => "held",
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            Outcome::Applied { .. } => None,
            Outcome::Rejected { reason } | Outcome::Held { reason } => Some(reason),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseloadPage {
    pub changes: Vec<AccountChange>,
    /// Ask for the next page after this; save it with the page's changes.
    pub cursor: i64,
    /// Changes still to come after this page (for the progress bar).
    pub remaining: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum AccountChange {
    /// The account as head office holds it now: it replaces the device's copy.
    Assigned(Box<AccountSnapshot>),
    /// No longer this officer's: the device keeps what it recorded until head office has it,
    /// and shows the account as reassigned.
    Unassigned {
        payment_reference: String,
        at: DateTime<Utc>,
    },
}

/// Everything head office owns about an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSnapshot {
    pub payment_reference: String,
    pub tenancy_reference: String,
    /// secure, assured, starter or licence.
    pub tenure: String,
    pub tenancy_start_date: NaiveDate,
    pub tenancy_end_date: Option<NaiveDate>,
    pub address_line_1: String,
    pub address_line_2: Option<String>,
    pub town: String,
    pub postcode: String,
    /// weekly, fortnightly, four_weekly or monthly.
    pub rent_frequency: String,
    pub people: Vec<PersonSnapshot>,
    pub rent_changes: Vec<RentChangeSnapshot>,
    /// The whole ledger in head office's posting order.
    pub entries: Vec<EntrySnapshot>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSnapshot {
    /// tenant or joint_tenant.
    pub role: String,
    pub full_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RentChangeSnapshot {
    pub effective_from: NaiveDate,
    pub rent_pence: i64,
    pub service_charge_pence: i64,
}

/// A ledger entry. Entries the device posted keep the device's id; entries from the housing
/// management system get a head office id when imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntrySnapshot {
    pub id: Uuid,
    pub posted_on: NaiveDate,
    /// charge, payment, adjustment, refund, write_off, write_on or reversal.
    pub kind: String,
    /// The charge kind or payment method (charges and payments only).
    pub detail: Option<String>,
    /// Positive is owed by the tenant, negative is paid or credited.
    pub amount_pence: i64,
    pub description: String,
    pub reverses_entry_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceStatus {
    pub device_id: Uuid,
    pub officer: Officer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: ErrorCode,
    /// In words, for the officer or the administrator.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No token, or one head office does not know.
    Unauthorised,
    /// The device was revoked: it must lock and erase its store.
    DeviceRevoked,
    /// The account is not assigned to this device's officer.
    Forbidden,
    NotFound,
    /// Too many wrong enrolment codes: wait and try again.
    Throttled,
    /// The request itself is malformed (the message says how).
    BadRequest,
    /// Head office could not do it now (its database is unavailable); try again.
    Unavailable,
}

#[cfg(test)]
mod tests;
