//! Reconciling with head office from the officer's side: enrolment, then each sync uploads
//! the outbox in order (every answer written with its acknowledgement, so a cut sync resends
//! only what was not answered, and head office ignores what it has already applied) and pulls
//! the caseload page by page (each page with its cursor, so a cut pull resumes).
//!
//! The session's lock is held only to take the store and, at the end, to recompute the
//! caseload: the officer can keep working while a sync runs.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use chrono::Utc;
use doorstep_api::{
    ApiError, AttentionView, EnrolDeviceRequest, EnrolmentView, ReassignedView, SyncProgressView,
    SyncStage, SyncStatusView, SyncSummary,
};
use doorstep_store::{Enrolment, Store};
use doorstep_sync::{EnrolRequest, Outcome, PAGE_LIMIT_MAX, UPLOAD_BATCH_MAX};

use crate::errors::api_error;
use crate::head_office::{Failure, HeadOffice};
use crate::session::{unlocked_mut, Session, State};

/// The device token's name in the credential store.
const DEVICE_TOKEN: &str = "head-office-device-token";

pub(crate) struct SyncCell {
    progress: Mutex<SyncProgressView>,
    running: AtomicBool,
}

impl SyncCell {
    pub(crate) fn new() -> SyncCell {
        SyncCell {
            progress: Mutex::new(idle()),
            running: AtomicBool::new(false),
        }
    }

    fn update(&self, change: impl FnOnce(&mut SyncProgressView)) {
        // A poisoned lock only means a panic elsewhere mid-update; the figures still stand.
        let mut progress = self
            .progress
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        change(&mut progress);
    }

    fn get(&self) -> SyncProgressView {
        self.progress
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }
}

fn idle() -> SyncProgressView {
    SyncProgressView {
        stage: SyncStage::Idle,
        commands_sent: 0,
        commands_total: 0,
        changes_received: 0,
        changes_remaining: 0,
        summary: None,
        error: None,
    }
}

/// Clears the running flag however the sync ends.
struct Running<'a>(&'a AtomicBool);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

impl Session {
    /// Exchanges head office's one-time code for this laptop's token (kept in the credential
    /// store) and pins head office's certificate.
    pub async fn enrol_device(
        &self,
        request: &EnrolDeviceRequest,
    ) -> Result<SyncStatusView, ApiError> {
        let store = self.open_store().await?;
        if store.enrolment().await.map_err(api_error)?.is_some() {
            return Err(invalid(
                "server_url",
                "This laptop is already enrolled with head office.",
            ));
        }
        if store.accounts_count().await.map_err(api_error)? > 0 {
            return Err(invalid(
                "server_url",
                "This laptop already holds a caseload (demo data?): head office's caseload \
                 must start in a new, empty data folder.",
            ));
        }
        let code = request.code.trim();
        if code.is_empty() {
            return Err(invalid(
                "code",
                "Type the enrolment code head office gave you.",
            ));
        }
        let device_name = request.device_name.trim();
        if device_name.is_empty() {
            return Err(invalid(
                "device_name",
                "Give this laptop a name head office will recognise.",
            ));
        }
        let client = HeadOffice::new(&request.server_url, None, None)
            .map_err(|message| invalid("server_url", &message))?;
        let enrolled = client
            .enrol(&EnrolRequest {
                code: code.to_string(),
                device_name: device_name.to_string(),
            })
            .await
            .map_err(|failure| match failure {
                Failure::Refused { message, .. } => invalid("code", &sentence(&message)),
                other => ApiError::HeadOffice {
                    message: other.message(&request.server_url),
                },
            })?;
        let fingerprint = client.seen_fingerprint();
        if fingerprint.is_none() && !client.is_plain_http() {
            return Err(ApiError::HeadOffice {
                message: "Head office showed no certificate; nothing was saved.".into(),
            });
        }
        let manifest = self.manifest()?;
        self.credential_store()
            .save_secret(&manifest.store_id, DEVICE_TOKEN, &enrolled.token)
            .map_err(api_error)?;
        store
            .save_enrolment(&Enrolment {
                server_url: request.server_url.trim().trim_end_matches('/').to_string(),
                certificate_fingerprint: fingerprint,
                device_id: enrolled.device_id,
                officer_id: enrolled.officer.id,
                officer_name: enrolled.officer.name,
                enrolled_at: Utc::now(),
            })
            .await
            .map_err(api_error)?;
        self.get_sync_status().await
    }

    pub async fn get_sync_status(&self) -> Result<SyncStatusView, ApiError> {
        let store = self.open_store().await?;
        let enrolment = store.enrolment().await.map_err(api_error)?;
        let state = store.sync_state().await.map_err(api_error)?;
        Ok(SyncStatusView {
            enrolment: enrolment.map(|enrolment| EnrolmentView {
                server_url: enrolment.server_url,
                officer_name: enrolment.officer_name,
                device_id: enrolment.device_id.to_string(),
                certificate_fingerprint: enrolment
                    .certificate_fingerprint
                    .as_deref()
                    .map(doorstep_sync::format_fingerprint),
                enrolled_at: enrolment.enrolled_at,
            }),
            unsent_count: store.unsent_count().await.map_err(api_error)?,
            last_upload_at: state.last_upload_at,
            last_pull_at: state.last_pull_at,
            needs_attention: store
                .needs_attention()
                .await
                .map_err(api_error)?
                .into_iter()
                .map(|item| AttentionView {
                    command_id: item.command_id.to_string(),
                    what: command_in_words(&item.kind),
                    payment_reference: item.payment_reference,
                    recorded_at: item.created_at,
                    outcome: item.outcome,
                    reason: sentence(&item.reason),
                })
                .collect(),
            reassigned: store
                .reassigned_accounts()
                .await
                .map_err(api_error)?
                .into_iter()
                .map(|(payment_reference, reassigned_at)| ReassignedView {
                    payment_reference,
                    reassigned_at,
                })
                .collect(),
            progress: self.sync.get(),
        })
    }

    pub fn get_sync_progress(&self) -> SyncProgressView {
        self.sync.get()
    }

    /// Sends everything recorded here that head office has not answered, then fetches what
    /// changed in the caseload. Safe to interrupt at any point and run again.
    pub async fn sync_now(&self) -> Result<SyncSummary, ApiError> {
        if self.sync.running.swap(true, Ordering::SeqCst) {
            return Err(ApiError::HeadOffice {
                message: "A sync is already running: wait for it to finish.".into(),
            });
        }
        let _running = Running(&self.sync.running);
        self.sync.update(|progress| {
            *progress = SyncProgressView {
                stage: SyncStage::Connecting,
                ..idle()
            }
        });
        match self.sync_steps().await {
            Ok(summary) => {
                self.sync.update(|progress| {
                    progress.stage = SyncStage::Finished;
                    progress.summary = Some(summary.clone());
                });
                Ok(summary)
            }
            Err(error) => {
                self.sync.update(|progress| {
                    progress.stage = SyncStage::Failed;
                    progress.error = Some(error.to_string());
                });
                Err(error)
            }
        }
    }

    async fn sync_steps(&self) -> Result<SyncSummary, ApiError> {
        let store = self.open_store().await?;
        let Some(enrolment) = store.enrolment().await.map_err(api_error)? else {
            return Err(invalid(
                "server_url",
                "This laptop is not enrolled with head office yet: enrol it first.",
            ));
        };
        let manifest = self.manifest()?;
        let token = self
            .credential_store()
            .load_secret(&manifest.store_id, DEVICE_TOKEN)
            .map_err(api_error)?
            .ok_or_else(|| ApiError::HeadOffice {
                message: "This laptop's head office token is missing from the credential store: \
                          ask head office for a new enrolment code."
                    .into(),
            })?;
        let client = HeadOffice::new(
            &enrolment.server_url,
            enrolment.certificate_fingerprint.as_deref(),
            Some(token),
        )
        .map_err(|message| ApiError::HeadOffice { message })?;
        let mut summary = SyncSummary::default();
        let outcome = async {
            client.device().await?;
            self.upload(&store, &client, &mut summary).await?;
            self.pull(&store, &client, &mut summary).await
        }
        .await;
        match outcome {
            Ok(()) => {}
            Err(Step::Failed(failure)) if failure.is_revoked() => {
                self.erase_revoked_store().await?;
                summary.erased = true;
                summary.finished_at = Some(Utc::now());
                return Ok(summary);
            }
            Err(Step::Failed(failure)) => {
                return Err(ApiError::HeadOffice {
                    message: failure.message(&enrolment.server_url),
                })
            }
            Err(Step::Local(error)) => return Err(error),
        }
        self.recompute_caseload().await?;
        summary.finished_at = Some(Utc::now());
        Ok(summary)
    }

    async fn upload(
        &self,
        store: &Store,
        client: &HeadOffice,
        summary: &mut SyncSummary,
    ) -> Result<(), Step> {
        let total = store.unsent_count().await.map_err(local)?;
        self.sync.update(|progress| {
            progress.stage = SyncStage::Uploading;
            progress.commands_total = total;
        });
        loop {
            let batch = store
                .unsent_commands(UPLOAD_BATCH_MAX)
                .await
                .map_err(local)?;
            if batch.is_empty() {
                // Notes the time head office was last reached, even with nothing to send.
                store.record_results(&[]).await.map_err(local)?;
                return Ok(());
            }
            let answer = client.upload(&batch).await?;
            let answered_all = answer.results.len() == batch.len()
                && answer
                    .results
                    .iter()
                    .zip(&batch)
                    .all(|(result, command)| result.command_id == command.command_id);
            if !answered_all {
                return Err(Step::Failed(Failure::BadAnswer(
                    "head office answered for different commands than were sent".into(),
                )));
            }
            store.record_results(&answer.results).await.map_err(local)?;
            for result in &answer.results {
                match result.outcome {
                    Outcome::Applied { .. } => summary.commands_applied += 1,
                    Outcome::Rejected { .. } => summary.commands_rejected += 1,
                    Outcome::Held { .. } => summary.commands_held += 1,
                }
            }
            let sent = u64::try_from(batch.len()).unwrap_or_default();
            self.sync.update(|progress| {
                progress.commands_sent = progress.commands_sent.saturating_add(sent)
            });
        }
    }

    async fn pull(
        &self,
        store: &Store,
        client: &HeadOffice,
        summary: &mut SyncSummary,
    ) -> Result<(), Step> {
        self.sync
            .update(|progress| progress.stage = SyncStage::Downloading);
        loop {
            let cursor = store.sync_state().await.map_err(local)?.caseload_cursor;
            let page = client.caseload_page(cursor, PAGE_LIMIT_MAX).await?;
            let received = u64::try_from(page.changes.len()).unwrap_or_default();
            let applied = store
                .apply_caseload_page(&page.changes, page.cursor)
                .await
                .map_err(local)?;
            let count = |value: usize| u64::try_from(value).unwrap_or_default();
            summary.accounts_added += count(applied.accounts_added);
            summary.accounts_updated += count(applied.accounts_updated);
            summary.entries_added += count(applied.entries_added);
            summary.accounts_reassigned += count(applied.accounts_reassigned);
            self.sync.update(|progress| {
                progress.changes_received = progress.changes_received.saturating_add(received);
                progress.changes_remaining = page.remaining;
            });
            if page.remaining == 0 || page.cursor <= cursor {
                return Ok(());
            }
        }
    }

    /// Head office revoked this laptop: lock, forget the key and the token, erase the store.
    async fn erase_revoked_store(&self) -> Result<(), ApiError> {
        let mut state = self.state.lock().await;
        if let State::Unlocked(open) = std::mem::replace(&mut *state, State::Locked) {
            open.store.close().await;
        }
        let manifest = self.manifest()?;
        self.credential_store()
            .forget(&manifest.store_id, &[DEVICE_TOKEN])
            .map_err(api_error)?;
        self.data_dir().erase().map_err(api_error)
    }

    /// The open store, to use without holding the session's lock.
    async fn open_store(&self) -> Result<Store, ApiError> {
        let mut state = self.state.lock().await;
        Ok(unlocked_mut(&mut state)?.store.clone())
    }

    fn manifest(&self) -> Result<doorstep_store::Manifest, ApiError> {
        self.data_dir()
            .manifest()
            .map_err(api_error)?
            .ok_or(ApiError::NotSetUp)
    }
}

enum Step {
    Failed(Failure),
    Local(ApiError),
}

impl From<Failure> for Step {
    fn from(failure: Failure) -> Step {
        Step::Failed(failure)
    }
}

fn local(error: doorstep_store::StoreError) -> Step {
    Step::Local(api_error(error))
}

fn invalid(field: &str, message: &str) -> ApiError {
    ApiError::Invalid {
        field: field.to_string(),
        message: message.to_string(),
    }
}

/// Head office's words as a sentence: capitalised, ending with a full stop.
fn sentence(text: &str) -> String {
    let text = capitalise(text.trim());
    if text.ends_with(['.', '!', '?']) || text.is_empty() {
        text
    } else {
        format!("{text}.")
    }
}

fn capitalise(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

/// "payment_recorded" → "Payment recorded".
fn command_in_words(kind: &str) -> String {
    capitalise(&kind.replace('_', " "))
}
