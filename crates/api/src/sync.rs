//! Reconciling with head office: enrolment, the sync's progress and what needs attention.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolDeviceRequest {
    /// `https://head-office.example:8443` as head office gave it.
    pub server_url: String,
    /// The one-time code from head office, as typed.
    pub code: String,
    /// What to call this laptop in head office's list of devices.
    pub device_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncStatusView {
    /// `None` until this laptop is enrolled with head office.
    pub enrolment: Option<EnrolmentView>,
    /// Commands recorded here that head office has not yet answered.
    pub unsent_count: u64,
    pub last_upload_at: Option<DateTime<Utc>>,
    pub last_pull_at: Option<DateTime<Utc>>,
    /// Commands head office rejected or held, newest first: each needs a person.
    pub needs_attention: Vec<AttentionView>,
    /// Accounts head office has given to another officer.
    pub reassigned: Vec<ReassignedView>,
    pub progress: SyncProgressView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolmentView {
    pub server_url: String,
    pub officer_name: String,
    pub device_id: String,
    /// Head office's certificate as pinned at enrolment, in colon-separated pairs, for the
    /// officer to compare with what head office printed. `None` for plain HTTP on this
    /// machine.
    pub certificate_fingerprint: Option<String>,
    pub enrolled_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttentionView {
    pub command_id: String,
    /// What was recorded, in words ("Payment recorded").
    pub what: String,
    pub payment_reference: Option<String>,
    pub recorded_at: DateTime<Utc>,
    /// "rejected" or "held".
    pub outcome: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReassignedView {
    pub payment_reference: String,
    pub reassigned_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncStage {
    Idle,
    Connecting,
    Uploading,
    Downloading,
    Finished,
    Failed,
}

/// Polled by the UI while a sync runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncProgressView {
    pub stage: SyncStage,
    pub commands_sent: u64,
    pub commands_total: u64,
    pub changes_received: u64,
    /// Changes head office still has for this laptop (known after the first page).
    pub changes_remaining: u64,
    /// Set when the stage is `Finished`.
    pub summary: Option<SyncSummary>,
    /// Set when the stage is `Failed`, in words: nothing recorded here is lost.
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SyncSummary {
    pub commands_applied: u64,
    pub commands_rejected: u64,
    pub commands_held: u64,
    pub accounts_added: u64,
    pub accounts_updated: u64,
    pub entries_added: u64,
    pub accounts_reassigned: u64,
    pub finished_at: Option<DateTime<Utc>>,
    /// Head office revoked this laptop: its store was locked and erased.
    pub erased: bool,
}
