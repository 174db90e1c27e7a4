//! Producing an account's PDFs: the figures and merge fields come from the ledger and the
//! records; `doorstep-documents` lays them out; this module writes the file and notes in the
//! diary that a letter went out, so the worklist moves on.

use chrono::{Days, NaiveDate, Utc};
use doorstep_api::{ApiError, DocumentKind, ProduceDocumentRequest, ProducedDocument};
use doorstep_documents::{
    account_merge_fields, arrangement_merge_fields, long_date, render_letter, rent_statement,
    DocumentError, Landlord, MergeFields,
};
use doorstep_domain::history::trend_window_start;
use doorstep_domain::tenancy::RentAccount;
use doorstep_store::{AccountRecord, DiaryRecord, OutboxCommand};
use uuid::Uuid;

use crate::errors::api_error;
use crate::session::{today, unlocked_mut, Session};

/// Letter 2 asks the tenant to reply within this many days (Hackney's Letter 2 gives 14).
const LETTER_2_REPLY_DAYS: u64 = 14;

pub(crate) fn refused(error: DocumentError) -> ApiError {
    ApiError::DocumentRefused {
        message: error.to_string(),
    }
}

pub(crate) fn rent_account(
    record: &AccountRecord,
    entries: Vec<doorstep_domain::ledger::Entry>,
) -> RentAccount {
    RentAccount {
        payment_reference: record.payment_reference.clone(),
        tenancy_reference: record.tenancy_reference.clone(),
        tenure: record.tenure,
        tenancy_start: record.tenancy_start,
        address_line_1: record.address_line_1.clone(),
        address_line_2: record.address_line_2.clone(),
        town: record.town.clone(),
        postcode: record.postcode.clone(),
        people: record.people.clone(),
        schedule: record.schedule.clone(),
        benefit_awards: record.benefit_awards.clone(),
        entries,
    }
}

/// Counts page objects: `/Type /Page` not followed by `s` (that is the page tree). printpdf
/// writes page dictionaries uncompressed.
pub(crate) fn pdf_pages_count(pdf: &[u8]) -> u32 {
    let mut count = 0u32;
    for needle in [&b"/Type /Page"[..], &b"/Type/Page"[..]] {
        count += pdf
            .windows(needle.len() + 1)
            .filter(|window| window.starts_with(needle) && window[needle.len()] != b's')
            .count() as u32;
    }
    count
}

fn file_name(reference: &str, kind: DocumentKind, today: NaiveDate) -> String {
    let what = match kind {
        DocumentKind::RentStatement => "rent-statement",
        DocumentKind::Letter1 => "letter-1",
        DocumentKind::Letter2 => "letter-2",
        DocumentKind::ArrangementConfirmation => "arrangement-confirmation",
    };
    pdf_file_name(reference, what, today)
}

/// "123456789-letter-1-2026-11-24.pdf": the account, the document, the day.
pub(crate) fn pdf_file_name(reference: &str, what: &str, on: NaiveDate) -> String {
    // The reference is digits by construction; anything else is dropped from a file name.
    let reference: String = reference
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("{reference}-{what}-{on}.pdf")
}

impl Session {
    /// A rent statement's PDF for a date range, for scripts that name the file themselves.
    pub async fn rent_statement_pdf(
        &self,
        payment_reference: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<u8>, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let record = open
            .caseload
            .account(payment_reference.trim())
            .ok_or_else(|| ApiError::AccountNotFound {
                reference: payment_reference.to_string(),
            })?
            .record
            .clone();
        let entries = open
            .store
            .entries_for_account(record.id)
            .await
            .map_err(api_error)?;
        rent_statement(
            &rent_account(&record, entries),
            &Landlord::demo(),
            from,
            to,
            today(),
        )
        .map_err(refused)
    }

    pub async fn produce_document(
        &self,
        request: &ProduceDocumentRequest,
    ) -> Result<ProducedDocument, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let today = today();
        let account = open
            .caseload
            .account(request.payment_reference.trim())
            .ok_or_else(|| ApiError::AccountNotFound {
                reference: request.payment_reference.clone(),
            })?;
        let record = account.record.clone();
        let entries = open
            .store
            .entries_for_account(record.id)
            .await
            .map_err(api_error)?;
        let rent_account = rent_account(&record, entries);
        let landlord = Landlord::demo();
        let officer = &self.config().officer_name;
        let mut fields = account_merge_fields(&rent_account, today);
        fields.insert("officer_name", officer.as_str());
        fields.insert("officer_phone", landlord.phone.as_str());
        let pdf = match request.kind {
            DocumentKind::RentStatement => {
                let to = request.to.unwrap_or(today);
                let from = request.from.unwrap_or_else(|| trend_window_start(to));
                rent_statement(&rent_account, &landlord, from, to, today).map_err(refused)?
            }
            DocumentKind::Letter1 => {
                render_letter("letter_1", &fields, &landlord, today).map_err(refused)?
            }
            DocumentKind::Letter2 => {
                let diary = open
                    .store
                    .diary_for_account(record.id)
                    .await
                    .map_err(api_error)?;
                if let Some(letter_1) = diary.iter().find(|entry| entry.code == "letter_1") {
                    fields.insert("letter_1_date", long_date(&letter_1.happened_on));
                }
                let reply_by = today + Days::new(LETTER_2_REPLY_DAYS);
                fields.insert("reply_by_date", long_date(&reply_by));
                render_letter("letter_2", &fields, &landlord, today).map_err(refused)?
            }
            DocumentKind::ArrangementConfirmation => {
                let arrangement = open
                    .store
                    .arrangements(Some(record.id))
                    .await
                    .map_err(api_error)?
                    .into_iter()
                    .find(|arrangement| arrangement.state().is_some_and(|state| state.is_open()))
                    .ok_or_else(|| ApiError::DocumentRefused {
                        message: "The arrangement confirmation cannot be produced: the account has no live arrangement.".into(),
                    })?;
                let mut all: MergeFields = fields;
                all.extend(arrangement_merge_fields(&arrangement.arrangement));
                render_letter("arrangement_confirmation", &all, &landlord, today)
                    .map_err(refused)?
            }
        };
        let produced = write_document(
            &self.config().documents_dir,
            file_name(&record.payment_reference, request.kind, today),
            &pdf,
        )?;
        let step_code = match request.kind {
            DocumentKind::Letter1 => Some(("letter_1", "Letter 1")),
            DocumentKind::Letter2 => Some(("letter_2", "Letter 2")),
            // Evidence for the pre-action protocol: statements at least quarterly, and an
            // arrangement's terms put in writing.
            DocumentKind::RentStatement => Some(("rent_statement", "Rent statement")),
            DocumentKind::ArrangementConfirmation => Some((
                "arrangement_confirmation",
                "Arrangement confirmation letter",
            )),
        };
        if let Some((code, title)) = step_code {
            let id = Uuid::now_v7();
            let entry = DiaryRecord {
                id,
                account_id: record.id,
                happened_on: today,
                recorded_at: Utc::now(),
                officer: officer.clone(),
                code: code.to_string(),
                note: format!("{title} produced for posting"),
            };
            let command = OutboxCommand {
                command_id: id,
                kind: "diary_recorded",
                payload: serde_json::json!({
                    "payment_reference": record.payment_reference,
                    "diary_id": id.to_string(),
                    "code": code,
                    "happened_on": today,
                    "note": entry.note,
                    "officer": officer,
                }),
                created_at: entry.recorded_at,
            };
            open.store
                .append_diary(&entry, &command)
                .await
                .map_err(api_error)?;
            open.caseload
                .refresh_account(&open.store, record.id)
                .await
                .map_err(api_error)?;
        }
        Ok(produced)
    }
}

/// Writes a produced PDF into the officer's documents folder (made if missing).
pub(crate) fn write_document(
    directory: &std::path::Path,
    file_name: String,
    pdf: &[u8],
) -> Result<ProducedDocument, ApiError> {
    let path = write_file(directory, &file_name, pdf)?;
    Ok(ProducedDocument {
        path: path.display().to_string(),
        pages: pdf_pages_count(pdf),
    })
}

/// Writes a file the officer asked for into `directory` (made if missing).
pub(crate) fn write_file(
    directory: &std::path::Path,
    file_name: &str,
    bytes: &[u8],
) -> Result<std::path::PathBuf, ApiError> {
    std::fs::create_dir_all(directory).map_err(|error| ApiError::Storage {
        message: format!(
            "the documents folder {} could not be made: {error}",
            directory.display()
        ),
    })?;
    let path = directory.join(file_name);
    std::fs::write(&path, bytes).map_err(|error| ApiError::Storage {
        message: format!("{} could not be written: {error}", path.display()),
    })?;
    Ok(path)
}
