//! Third-party payment schedules: the agreement in force, the ledger's third-party receipts
//! matched to it (`domain::payment_schedule::reconcile`), the shortfall the worklist chases,
//! and the schedule as a PDF or CSV for the payer.
//!
//! Receipts are the ledger's payments by third party (`PaymentMethod::ThirdParty`) from the
//! agreement's start: head office posts a payer's remittance that way, and a payer who pays
//! by another method is not paying to the schedule.

use chrono::{NaiveDate, Utc};
use doorstep_api::{
    ApiError, ChoiceView, ExportedFile, GetPaymentScheduleRequest, PaymentScheduleTermsView,
    PaymentScheduleView, ProducePaymentScheduleRequest, RecordPaymentScheduleRequest,
    SchedulePeriodView,
};
use doorstep_documents::{
    long_date, payment_schedule_csv, payment_schedule_pdf, Landlord, PaymentScheduleDocument,
};
use doorstep_domain::ledger::{reversal_of, Entry, EntryKind, PaymentMethod};
use doorstep_domain::money::{format_money, money_from_pence, money_to_pence};
use doorstep_domain::payment_schedule::{
    reconcile, shortfall_words, PayerKind, PeriodStatus, Receipt, SchedulePeriod,
    ScheduleReconciliation, ScheduleTerms,
};
use doorstep_store::{DiaryRecord, FieldRow, FieldWork, PaymentScheduleRecord, Store, StoreError};
use rust_decimal::Decimal;

use crate::documents::{pdf_file_name, write_document};
use crate::errors::api_error;
use crate::session::{today, unlocked_mut, Session, Unlocked};
use crate::work::{capitalise, code_from, code_of, command_id, invalid, short_text};

/// Periods shown on screen: a year of weekly ones; the PDF and CSV carry them all.
const PERIODS_SHOWN_MAX: usize = 52;
const GRACE_DAYS_MAX: u32 = 31;

const COVERS: [(&str, &str); 3] = [
    ("rent_and_service_charges", "Rent and service charges"),
    ("rent", "Rent only"),
    ("service_charges", "Service charges only"),
];

pub(crate) fn terms_of(record: &PaymentScheduleRecord) -> Option<ScheduleTerms> {
    Some(ScheduleTerms {
        period: code_from(&record.period)?,
        amount_per_period: money_from_pence(record.amount_pence),
        starts_on: record.starts_on,
        ends_on: record.ends_on,
        grace_days: record.grace_days,
    })
}

pub(crate) fn receipts(entries: &[Entry]) -> Vec<Receipt> {
    entries
        .iter()
        .filter(|entry| {
            entry.kind
                == EntryKind::Payment {
                    method: PaymentMethod::ThirdParty,
                }
        })
        .filter(|entry| reversal_of(entries, entry.id).is_none())
        .map(|entry| Receipt {
            received_on: entry.posted_on,
            amount: -entry.amount,
        })
        .collect()
}

/// Each scheduled account's shortfall in words, for the worklist; only accounts with a
/// schedule have their ledger read.
pub(crate) async fn shortfalls(
    store: &Store,
    only_account: Option<i64>,
    today: NaiveDate,
) -> Result<std::collections::HashMap<i64, String>, StoreError> {
    let mut found = std::collections::HashMap::new();
    for schedule in store.payment_schedules(only_account).await? {
        let Some(terms) = terms_of(&schedule) else {
            continue;
        };
        let entries = store.entries_for_account(schedule.account_id).await?;
        let reconciliation = reconcile(&terms, &receipts(&entries), today);
        if let Some(words) = shortfall_words(&schedule.payer_name, &reconciliation) {
            found.insert(schedule.account_id, words);
        }
    }
    Ok(found)
}

fn terms_words(record: &PaymentScheduleRecord, terms: &ScheduleTerms) -> String {
    let covers = COVERS
        .iter()
        .find(|(code, _)| *code == record.covers)
        .map_or("the account", |(_, label)| label);
    let mut words = format!(
        "{}, {} a period, from {}, towards {}",
        terms.period.label(),
        format_money(terms.amount_per_period),
        long_date(&terms.starts_on),
        covers.to_lowercase()
    );
    if let Some(ends) = terms.ends_on {
        words.push_str(&format!(", until {}", long_date(&ends)));
    }
    words
}

fn status_code(status: PeriodStatus) -> &'static str {
    match status {
        PeriodStatus::Paid => "paid",
        PeriodStatus::Awaited => "awaited",
        PeriodStatus::Short => "short",
    }
}

fn choices<T: serde::Serialize>(items: &[T], label: fn(&T) -> &'static str) -> Vec<ChoiceView> {
    items
        .iter()
        .map(|item| ChoiceView {
            code: code_of(item),
            label: label(item).to_string(),
        })
        .collect()
}

fn view(
    account_id: i64,
    schedule: Option<(&PaymentScheduleRecord, ScheduleReconciliation)>,
) -> PaymentScheduleView {
    let mut view = PaymentScheduleView {
        account_id,
        terms: None,
        periods: Vec::new(),
        total_due: Decimal::ZERO,
        total_received: Decimal::ZERO,
        shortfall: Decimal::ZERO,
        shortfall_words: None,
        payer_kinds: choices(&PayerKind::ALL, PayerKind::label),
        periods_choices: choices(&SchedulePeriod::ALL, SchedulePeriod::label),
        covers_choices: COVERS
            .iter()
            .map(|(code, label)| ChoiceView {
                code: code.to_string(),
                label: label.to_string(),
            })
            .collect(),
    };
    let Some((record, reconciliation)) = schedule else {
        return view;
    };
    let kind: Option<PayerKind> = code_from(&record.payer_kind);
    let period: Option<SchedulePeriod> = code_from(&record.period);
    view.terms = Some(PaymentScheduleTermsView {
        payer_name: record.payer_name.clone(),
        payer_kind: record.payer_kind.clone(),
        payer_kind_label: kind.map_or("Payer", |kind| kind.label()).to_string(),
        covers: record.covers.clone(),
        period: record.period.clone(),
        period_label: period.map_or("", |period| period.label()).to_string(),
        amount_per_period: money_from_pence(record.amount_pence),
        starts_on: record.starts_on,
        ends_on: record.ends_on,
        grace_days: record.grace_days,
    });
    view.periods = reconciliation
        .lines
        .iter()
        .rev()
        .take(PERIODS_SHOWN_MAX)
        .map(|line| SchedulePeriodView {
            period_from: line.due.period_from,
            period_to: line.due.period_to,
            due_on: line.due.due_on,
            due: line.due.amount,
            received: line.received,
            outstanding: line.outstanding,
            status: status_code(line.status).to_string(),
        })
        .collect();
    view.total_due = reconciliation.total_due;
    view.total_received = reconciliation.total_received;
    view.shortfall = reconciliation.shortfall;
    view.shortfall_words = shortfall_words(&record.payer_name, &reconciliation);
    view
}

async fn read(
    open: &Unlocked,
    account_id: i64,
    through: NaiveDate,
) -> Result<Option<(PaymentScheduleRecord, ScheduleReconciliation)>, ApiError> {
    let Some(record) = open
        .store
        .payment_schedules(Some(account_id))
        .await
        .map_err(api_error)?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let Some(terms) = terms_of(&record) else {
        return Ok(None);
    };
    let entries = open
        .store
        .entries_for_account(account_id)
        .await
        .map_err(api_error)?;
    let reconciliation = reconcile(&terms, &receipts(&entries), through);
    Ok(Some((record, reconciliation)))
}

fn account_exists(
    open: &Unlocked,
    account_id: i64,
) -> Result<doorstep_store::AccountRecord, ApiError> {
    open.caseload
        .account_by_id(account_id)
        .map(|account| account.record.clone())
        .ok_or_else(|| ApiError::AccountNotFound {
            reference: format!("(account {account_id})"),
        })
}

impl Session {
    pub async fn get_payment_schedule(
        &self,
        request: &GetPaymentScheduleRequest,
    ) -> Result<PaymentScheduleView, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        account_exists(open, request.account_id)?;
        let found = read(open, request.account_id, today()).await?;
        Ok(view(
            request.account_id,
            found
                .as_ref()
                .map(|(record, reconciliation)| (record, reconciliation.clone())),
        ))
    }

    pub async fn record_payment_schedule(
        &self,
        request: &RecordPaymentScheduleRequest,
    ) -> Result<PaymentScheduleView, ApiError> {
        let id = command_id(&request.command_id)?;
        let payer = short_text("payer_name", &request.payer_name, "the payer's name")?;
        let kind: PayerKind = code_from(&request.payer_kind)
            .ok_or_else(|| invalid("payer_kind", "Choose who the payer is."))?;
        let period: SchedulePeriod = code_from(&request.period)
            .ok_or_else(|| invalid("period", "Choose how often the payer pays."))?;
        if !COVERS.iter().any(|(code, _)| *code == request.covers) {
            return Err(invalid("covers", "Choose what the payments are towards."));
        }
        if request.amount_per_period <= Decimal::ZERO {
            return Err(invalid(
                "amount_per_period",
                "Enter the amount due each period.",
            ));
        }
        let amount_pence = money_to_pence(request.amount_per_period)
            .map_err(|error| invalid("amount_per_period", capitalise(&error.to_string())))?;
        if request.ends_on.is_some_and(|ends| ends < request.starts_on) {
            return Err(invalid(
                "ends_on",
                "The schedule cannot end before it starts.",
            ));
        }
        if request.grace_days > GRACE_DAYS_MAX {
            return Err(invalid(
                "grace_days",
                format!("Allow at most {GRACE_DAYS_MAX} days' grace."),
            ));
        }
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let record = account_exists(open, request.account_id)?;
        let today = today();
        if !open.store.command_recorded(id).await.map_err(api_error)? {
            let officer = self.config().officer_name.clone();
            let row = PaymentScheduleRecord {
                id,
                account_id: record.id,
                payer_name: payer.clone(),
                payer_kind: code_of(&kind),
                covers: request.covers.clone(),
                period: code_of(&period),
                amount_pence,
                starts_on: request.starts_on,
                ends_on: request.ends_on,
                grace_days: request.grace_days,
                recorded_at: Utc::now(),
                officer: officer.clone(),
            };
            let words = format!(
                "Payment schedule recorded: {payer} ({}) pays {}",
                kind.label().to_lowercase(),
                terms_of(&row).map_or_else(String::new, |terms| terms_words(&row, &terms))
            );
            let work = FieldWork {
                diary: Some(DiaryRecord {
                    id,
                    account_id: record.id,
                    happened_on: today,
                    recorded_at: Utc::now(),
                    officer: officer.clone(),
                    code: "payment_schedule".to_string(),
                    note: words,
                }),
                rows: vec![FieldRow::PaymentSchedule(row)],
                ..FieldWork::default()
            };
            crate::work::record_account_command(
                open,
                record.id,
                &record.payment_reference,
                &officer,
                &work,
                (
                    id,
                    "payment_schedule_recorded",
                    serde_json::json!({
                        "schedule_id": id.to_string(),
                        "payer_name": payer,
                        "payer_kind": code_of(&kind),
                        "covers": request.covers,
                        "period": code_of(&period),
                        "amount_per_period": request.amount_per_period.to_string(),
                        "starts_on": request.starts_on,
                        "ends_on": request.ends_on,
                        "grace_days": request.grace_days,
                    }),
                ),
            )
            .await?;
        }
        let found = read(open, record.id, today).await?;
        Ok(view(
            record.id,
            found
                .as_ref()
                .map(|(record, reconciliation)| (record, reconciliation.clone())),
        ))
    }

    /// The schedule through a day, as a PDF or CSV in the documents folder.
    pub async fn produce_payment_schedule(
        &self,
        request: &ProducePaymentScheduleRequest,
    ) -> Result<ExportedFile, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let record = account_exists(open, request.account_id)?;
        let today = today();
        let (schedule, reconciliation) =
            read(open, record.id, request.through)
                .await?
                .ok_or_else(|| ApiError::DocumentRefused {
                    message:
                        "The account has no payment schedule: record the payer's agreement first."
                            .to_string(),
                })?;
        let terms = terms_of(&schedule).ok_or_else(|| ApiError::Storage {
            message: "the payment schedule's period is not one the app knows".to_string(),
        })?;
        let document = PaymentScheduleDocument {
            payer_name: schedule.payer_name.clone(),
            payment_reference: record.payment_reference.clone(),
            tenant_names: crate::caseload::tenant_names(&record),
            address: crate::caseload::address(&record),
            terms: terms_words(&schedule, &terms),
            reconciliation,
        };
        let path = match request.format.as_str() {
            "pdf" => {
                let pdf =
                    payment_schedule_pdf(&document, &Landlord::demo(), today).map_err(|error| {
                        ApiError::DocumentRefused {
                            message: capitalise(&error.to_string()),
                        }
                    })?;
                write_document(
                    &self.config().documents_dir,
                    pdf_file_name(&record.payment_reference, "payment-schedule", today),
                    &pdf,
                )?
                .path
            }
            "csv" => {
                let name = pdf_file_name(&record.payment_reference, "payment-schedule", today)
                    .replace(".pdf", ".csv");
                write_document(
                    &self.config().documents_dir,
                    name,
                    payment_schedule_csv(&document).as_bytes(),
                )?
                .path
            }
            _ => return Err(invalid("format", "Choose PDF or CSV.")),
        };
        Ok(ExportedFile { path })
    }
}
