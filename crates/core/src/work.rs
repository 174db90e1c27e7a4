//! The officer's commands on an account: payments, reversals, arrangements, the diary and
//! holds; and the worklist, the policy and the record check. Each write goes to the store with
//! its outbox command in one transaction, then the account is recomputed at once, so the
//! worklist is never stale.

use chrono::{NaiveDate, Utc};
use doorstep_api::{
    AccountDetail, ApiError, CancelArrangementRequest, CreateArrangementRequest, HoldKind,
    PolicyView, RecordDiaryRequest, RecordPaymentRequest, RecordedPaymentMethod,
    RecordsVerification, ReverseEntryRequest, SavePolicyRequest, SetHoldRequest, Worklist,
};
use doorstep_domain::arrangement::{
    Arrangement, ArrangementKind, ArrangementState, ArrangementTerms, InitialPayment,
    InstalmentFrequency,
};
use doorstep_domain::ledger::{reverse, validate_sign, Entry, EntryKind, PaymentMethod};
use doorstep_domain::money::format_money;
use doorstep_store::{
    ArrangementRecord, ArrangementStateRecord, DiaryRecord, HoldRecord, OutboxCommand, Recorded,
};
use uuid::Uuid;

use crate::account_state::{parse_pounds, pause_reason_code, pause_reason_from_code};
use crate::errors::api_error;
use crate::policy::{parse_policy, policy_view};
use crate::session::{today, unlocked_mut, Session, Unlocked};

/// Notes and reasons are free text; a limit keeps a pasted document out of the diary.
pub const NOTE_CHARS_MAX: usize = 2_000;
/// The largest single payment an officer may key: bigger sums come through head office.
pub const PAYMENT_POUNDS_MAX: i64 = 50_000;
/// A payment may be keyed up to this many days after it was received (a cheque found in a
/// bag); older ones are head office's to post.
pub const PAYMENT_BACKDATE_DAYS_MAX: i64 = 90;

pub(crate) fn invalid(field: &str, message: impl Into<String>) -> ApiError {
    ApiError::Invalid {
        field: field.to_string(),
        message: message.into(),
    }
}

pub(crate) fn command_id(text: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(text.trim()).map_err(|_| {
        invalid(
            "command_id",
            "The form lost its identity; close it and open it again.",
        )
    })
}

pub(crate) fn note(field: &str, text: &str) -> Result<String, ApiError> {
    let text = text.trim();
    no_card_number(field, text)?;
    if text.chars().count() > NOTE_CHARS_MAX {
        return Err(invalid(
            field,
            format!("Keep this under {NOTE_CHARS_MAX} characters."),
        ));
    }
    Ok(text.to_string())
}

/// Names, references, court names: a form's line; longer is a paste accident.
pub(crate) const SHORT_TEXT_CHARS_MAX: usize = 120;

/// A short required text (a name, a reference, a court): trimmed, not blank, no card number.
pub(crate) fn short_text(field: &str, text: &str, what: &str) -> Result<String, ApiError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(invalid(field, format!("Enter {what}.")));
    }
    no_card_number(field, text)?;
    if text.chars().count() > SHORT_TEXT_CHARS_MAX {
        return Err(invalid(
            field,
            format!("Keep {what} under {SHORT_TEXT_CHARS_MAX} characters."),
        ));
    }
    Ok(text.to_string())
}

/// Something recorded as having happened cannot have happened after today.
pub(crate) fn not_future(
    field: &str,
    date: NaiveDate,
    what: &str,
    today: NaiveDate,
) -> Result<(), ApiError> {
    if date > today {
        return Err(invalid(
            field,
            format!(
                "{} cannot be in the future ({}).",
                capitalise(what).trim_end_matches('.'),
                doorstep_documents::long_date(&date)
            ),
        ));
    }
    Ok(())
}

/// Writes one account's command (its rows, diary note and outbox entry, the payload naming the
/// account and the officer) and recomputes the account's figures, so the worklist asked next
/// is already right.
pub(crate) async fn record_account_command(
    open: &mut Unlocked,
    account_id: i64,
    payment_reference: &str,
    officer: &str,
    work: &doorstep_store::FieldWork,
    command: (Uuid, &'static str, serde_json::Value),
) -> Result<(), ApiError> {
    let (id, kind, mut payload) = command;
    if let Some(object) = payload.as_object_mut() {
        object.insert("payment_reference".into(), payment_reference.into());
        object.insert("officer".into(), officer.into());
    }
    open.store
        .record_field_work(account_id, work, &outbox(id, kind, payload))
        .await
        .map_err(api_error)?;
    open.caseload
        .refresh_account(&open.store, account_id)
        .await
        .map_err(api_error)
}

/// One command that writes a single row with its diary note dated today (who recorded it is
/// the session's officer), then goes through `record_account_command`.
pub(crate) async fn record_noted_row(
    open: &mut Unlocked,
    officer: &str,
    (account_id, payment_reference): (i64, &str),
    (code, note): (&str, String),
    row: doorstep_store::FieldRow,
    command: (Uuid, &'static str, serde_json::Value),
) -> Result<(), ApiError> {
    let work = doorstep_store::FieldWork {
        diary: Some(doorstep_store::DiaryRecord {
            id: command.0,
            account_id,
            happened_on: crate::session::today(),
            recorded_at: Utc::now(),
            officer: officer.to_string(),
            code: code.to_string(),
            note,
        }),
        rows: vec![row],
        ..doorstep_store::FieldWork::default()
    };
    record_account_command(open, account_id, payment_reference, officer, &work, command).await
}

pub(crate) fn outbox(id: Uuid, kind: &'static str, payload: serde_json::Value) -> OutboxCommand {
    OutboxCommand {
        command_id: id,
        kind,
        payload,
        created_at: Utc::now(),
    }
}

fn method_of(method: RecordedPaymentMethod) -> PaymentMethod {
    match method {
        RecordedPaymentMethod::Card => PaymentMethod::Card,
        RecordedPaymentMethod::Cheque => PaymentMethod::Cheque,
        RecordedPaymentMethod::CashOffice => PaymentMethod::CashOffice,
        RecordedPaymentMethod::DirectDebit => PaymentMethod::DirectDebit,
        RecordedPaymentMethod::StandingOrder => PaymentMethod::StandingOrder,
        RecordedPaymentMethod::PayPoint => PaymentMethod::PayPoint,
        RecordedPaymentMethod::ThirdParty => PaymentMethod::ThirdParty,
    }
}

/// The account id for a reference, or the officer-facing "not found".
pub(crate) fn account_id(open: &Unlocked, payment_reference: &str) -> Result<i64, ApiError> {
    open.caseload
        .account(payment_reference.trim())
        .map(|account| account.record.id)
        .ok_or_else(|| ApiError::AccountNotFound {
            reference: payment_reference.to_string(),
        })
}

/// Checks a payment form and builds its ledger entry.
pub(crate) fn payment_entry(
    request: &RecordPaymentRequest,
    id: Uuid,
    today: NaiveDate,
) -> Result<Entry, ApiError> {
    let amount = parse_pounds(&request.amount).ok_or_else(|| {
        invalid(
            "amount",
            format!(
                "\"{}\" is not an amount of money; type pounds and pence, like 25.00.",
                request.amount.trim()
            ),
        )
    })?;
    if amount <= rust_decimal::Decimal::ZERO {
        return Err(invalid("amount", "The amount must be more than £0.00."));
    }
    if amount > rust_decimal::Decimal::from(PAYMENT_POUNDS_MAX) {
        return Err(invalid(
            "amount",
            format!(
                "{} is more than the {} an officer may record; ask head office to post it.",
                format_money(amount),
                format_money(rust_decimal::Decimal::from(PAYMENT_POUNDS_MAX))
            ),
        ));
    }
    if request.received_on > today {
        return Err(invalid(
            "received_on",
            "A payment cannot be received in the future.",
        ));
    }
    if (today - request.received_on).num_days() > PAYMENT_BACKDATE_DAYS_MAX {
        return Err(invalid(
            "received_on",
            format!(
                "Payments older than {PAYMENT_BACKDATE_DAYS_MAX} days are posted by head office."
            ),
        ));
    }
    let method = method_of(request.method);
    let kind = EntryKind::Payment { method };
    let entry = Entry {
        id,
        posted_on: request.received_on,
        kind,
        amount: -amount,
        description: match note("note", &request.note)? {
            text if text.is_empty() => method.label().to_string(),
            text => format!("{} — {text}", method.label()),
        },
    };
    validate_sign(&entry.kind, entry.amount)
        .map_err(|error| invalid("amount", error.to_string()))?;
    Ok(entry)
}

/// The outbox command head office receives for a payment.
fn payment_command(request: &RecordPaymentRequest, entry: &Entry, officer: &str) -> OutboxCommand {
    let payload = serde_json::json!({
        "payment_reference": request.payment_reference.trim(),
        "entry_id": entry.id.to_string(),
        "method": request.method,
        "amount": (-entry.amount).to_string(),
        "received_on": request.received_on,
        "description": entry.description,
        "officer": officer,
    });
    outbox(entry.id, "payment_recorded", payload)
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaymentsRecorded {
    pub recorded_count: usize,
    pub recorded_total: rust_decimal::Decimal,
    /// Recorded before (the same receipt run again): not recorded twice.
    pub already_count: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PaymentsOutcome {
    Recorded(PaymentsRecorded),
    /// Nothing was recorded; each problem names the request's position in the batch.
    Refused {
        problems: Vec<(usize, ApiError)>,
    },
}

impl Session {
    pub(crate) async fn write_then_show<F>(
        &self,
        payment_reference: &str,
        write: F,
    ) -> Result<AccountDetail, ApiError>
    where
        F: for<'a> FnOnce(
            &'a mut Unlocked,
            i64,
        ) -> std::pin::Pin<
            Box<dyn std::future::Future<Output = Result<(), ApiError>> + Send + 'a>,
        >,
    {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let account_id = account_id(open, payment_reference)?;
        write(open, account_id).await?;
        open.caseload
            .refresh_account(&open.store, account_id)
            .await
            .map_err(api_error)?;
        open.account_detail(payment_reference).await
    }

    pub async fn record_payment(
        &self,
        request: &RecordPaymentRequest,
    ) -> Result<AccountDetail, ApiError> {
        let id = command_id(&request.command_id)?;
        let entry = payment_entry(request, id, today())?;
        let command = payment_command(request, &entry, &self.config().officer_name);
        self.write_then_show(&request.payment_reference, move |open, account_id| {
            Box::pin(async move {
                open.store
                    .append_entries(account_id, &[entry], None, &command)
                    .await
                    .map_err(api_error)?;
                Ok(())
            })
        })
        .await
    }

    /// Records a batch of payments (a receipts file): every one is checked first and, if any is
    /// wrong, none is recorded. A payment whose command was recorded before is not recorded
    /// again, and says so in the count.
    pub async fn record_payments(
        &self,
        requests: &[RecordPaymentRequest],
    ) -> Result<PaymentsOutcome, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let mut checked = Vec::with_capacity(requests.len());
        let mut problems = Vec::new();
        for (index, request) in requests.iter().enumerate() {
            let entry = command_id(&request.command_id)
                .and_then(|id| payment_entry(request, id, today()))
                .and_then(|entry| Ok((account_id(open, &request.payment_reference)?, entry)));
            match entry {
                Ok(checked_entry) => checked.push(checked_entry),
                Err(error) => problems.push((index, error)),
            }
        }
        if !problems.is_empty() {
            return Ok(PaymentsOutcome::Refused { problems });
        }
        let mut outcome = PaymentsRecorded::default();
        let mut touched_accounts = std::collections::BTreeSet::new();
        for (request, (account_id, entry)) in requests.iter().zip(checked) {
            let command = payment_command(request, &entry, &self.config().officer_name);
            let amount = -entry.amount;
            match open
                .store
                .append_entries(account_id, &[entry], None, &command)
                .await
                .map_err(api_error)?
            {
                Recorded::Now => {
                    outcome.recorded_count += 1;
                    outcome.recorded_total += amount;
                    touched_accounts.insert(account_id);
                }
                Recorded::Already => outcome.already_count += 1,
            }
        }
        for account_id in touched_accounts {
            open.caseload
                .refresh_account(&open.store, account_id)
                .await
                .map_err(api_error)?;
        }
        Ok(PaymentsOutcome::Recorded(outcome))
    }

    pub async fn reverse_entry(
        &self,
        request: &ReverseEntryRequest,
    ) -> Result<AccountDetail, ApiError> {
        let id = command_id(&request.command_id)?;
        let reason = note("reason", &request.reason)?;
        if reason.is_empty() {
            return Err(invalid(
                "reason",
                "Say why the entry is reversed (for example, \"cheque returned unpaid\").",
            ));
        }
        let entry_id = Uuid::parse_str(request.entry_id.trim())
            .map_err(|_| invalid("entry_id", "That entry is not on this account."))?;
        let payload = serde_json::json!({
            "payment_reference": request.payment_reference.trim(),
            "reversal_id": id.to_string(),
            "reverses_entry_id": entry_id.to_string(),
            "reason": reason,
        });
        self.write_then_show(&request.payment_reference, move |open, account_id| {
            Box::pin(async move {
                let entries = open
                    .store
                    .entries_for_account(account_id)
                    .await
                    .map_err(api_error)?;
                if entries.iter().any(|entry| entry.id == id) {
                    return Ok(()); // This very reversal was recorded already: a retry.
                }
                let reversal = reverse(
                    &entries,
                    entry_id,
                    id,
                    today(),
                    &format!("Reversal: {reason}"),
                )
                .map_err(|error| invalid("entry_id", capitalise(&error.to_string())))?;
                open.store
                    .append_entries(
                        account_id,
                        &[reversal],
                        None,
                        &outbox(id, "entry_reversed", payload),
                    )
                    .await
                    .map_err(api_error)?;
                Ok(())
            })
        })
        .await
    }

    pub async fn create_arrangement(
        &self,
        request: &CreateArrangementRequest,
    ) -> Result<AccountDetail, ApiError> {
        let id = command_id(&request.command_id)?;
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        let note_text = note("note", &request.note)?;
        self.write_then_show(
            &request.payment_reference.clone(),
            move |open, account_id| {
                Box::pin(async move {
                    let balance = open
                        .caseload
                        .account(request.payment_reference.trim())
                        .map(|account| account.state.balance)
                        .unwrap_or_default();
                    let terms = arrangement_terms(&request, balance, today())?;
                    let arrangement = Arrangement::new(terms)
                        .map_err(|error| invalid("arrangement", capitalise(&error.to_string())))?;
                    let payload = serde_json::json!({
                        "payment_reference": request.payment_reference.trim(),
                        "arrangement_id": id.to_string(),
                        "terms": arrangement.terms(),
                        "officer": officer,
                    });
                    let record = ArrangementRecord {
                        id,
                        account_id,
                        arrangement,
                        officer,
                        note: note_text,
                        states: vec![ArrangementStateRecord {
                            state: ArrangementState::Live,
                            on_date: today(),
                            reason: "Agreed with the tenant".to_string(),
                        }],
                    };
                    open.store
                        .create_arrangement(&record, &outbox(id, "arrangement_made", payload))
                        .await
                        .map_err(api_error)?;
                    Ok(())
                })
            },
        )
        .await
    }

    pub async fn cancel_arrangement(
        &self,
        request: &CancelArrangementRequest,
    ) -> Result<AccountDetail, ApiError> {
        let id = command_id(&request.command_id)?;
        let reason = note("reason", &request.reason)?;
        if reason.is_empty() {
            return Err(invalid("reason", "Say why the arrangement is cancelled."));
        }
        let reference = request.payment_reference.trim().to_string();
        self.write_then_show(&request.payment_reference, move |open, account_id| {
            Box::pin(async move {
                let open_arrangement = open
                    .store
                    .arrangements(Some(account_id))
                    .await
                    .map_err(api_error)?
                    .into_iter()
                    .find(|record| record.state().is_some_and(|state| state.is_open()))
                    .ok_or_else(|| {
                        invalid(
                            "arrangement",
                            "This account has no open arrangement to cancel.",
                        )
                    })?;
                let payload = serde_json::json!({
                    "payment_reference": reference,
                    "arrangement_id": open_arrangement.id.to_string(),
                    "reason": reason,
                });
                open.store
                    .append_arrangement_state(
                        open_arrangement.id,
                        &ArrangementStateRecord {
                            state: ArrangementState::Cancelled,
                            on_date: today(),
                            reason: reason.clone(),
                        },
                        Some(&outbox(id, "arrangement_cancelled", payload)),
                    )
                    .await
                    .map_err(api_error)?;
                Ok(())
            })
        })
        .await
    }

    pub async fn record_diary(
        &self,
        request: &RecordDiaryRequest,
    ) -> Result<AccountDetail, ApiError> {
        let id = command_id(&request.command_id)?;
        let note_text = note("note", &request.note)?;
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        self.write_then_show(&request.payment_reference.clone(), move |open, account_id| {
            Box::pin(async move {
                let known = crate::account_page::diary_codes(open.caseload.policy());
                if !known.iter().any(|code| code.code == request.code) {
                    return Err(invalid("code", format!("\"{}\" is not a diary code.", request.code)));
                }
                if request.happened_on > today() {
                    return Err(invalid("happened_on", "The diary records what has happened; the date cannot be in the future."));
                }
                let record = DiaryRecord {
                    id,
                    account_id,
                    happened_on: request.happened_on,
                    recorded_at: Utc::now(),
                    officer,
                    code: request.code.clone(),
                    note: note_text,
                };
                let payload = serde_json::json!({
                    "payment_reference": request.payment_reference.trim(),
                    "diary_id": id.to_string(),
                    "code": record.code,
                    "happened_on": record.happened_on,
                    "note": record.note,
                    "officer": record.officer,
                });
                open.store
                    .append_diary(&record, &outbox(id, "diary_recorded", payload))
                    .await
                    .map_err(api_error)?;
                Ok(())
            })
        })
        .await
    }

    pub async fn set_hold(&self, request: &SetHoldRequest) -> Result<AccountDetail, ApiError> {
        let id = command_id(&request.command_id)?;
        let note_text = note("note", &request.note)?;
        let officer = self.config().officer_name.clone();
        let pause_reason = match request.kind {
            HoldKind::Pause => {
                let code = request.pause_reason.as_deref().unwrap_or_default();
                let reason = pause_reason_from_code(code)
                    .map_err(|_| invalid("pause_reason", "Choose why the account is paused."))?;
                Some(pause_reason_code(reason))
            }
            _ => None,
        };
        let kind = match request.kind {
            HoldKind::Pause => doorstep_store::HoldKind::Pause,
            HoldKind::CourtDate => doorstep_store::HoldKind::CourtDate,
            HoldKind::EvictionDate => doorstep_store::HoldKind::EvictionDate,
            HoldKind::BreathingSpace => doorstep_store::HoldKind::BreathingSpace,
        };
        let request = request.clone();
        self.write_then_show(
            &request.payment_reference.clone(),
            move |open, account_id| {
                Box::pin(async move {
                    let record = HoldRecord {
                        id,
                        account_id,
                        kind,
                        pause_reason,
                        until_on: request.until,
                        recorded_at: Utc::now(),
                        officer,
                        note: note_text,
                    };
                    let payload = serde_json::json!({
                        "payment_reference": request.payment_reference.trim(),
                        "hold_id": id.to_string(),
                        "kind": request.kind,
                        "pause_reason": record.pause_reason,
                        "until": record.until_on,
                        "note": record.note,
                    });
                    open.store
                        .add_hold(&record, &outbox(id, "hold_set", payload))
                        .await
                        .map_err(api_error)?;
                    Ok(())
                })
            },
        )
        .await
    }

    /// Recomputes the whole caseload from the store, as unlock, a new day and a sync with
    /// head office do (and support tools and the benchmark).
    pub async fn recompute_caseload(&self) -> Result<usize, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        let policy = open.caseload.policy().clone();
        open.caseload = crate::caseload::Caseload::load(&open.store, policy, today())
            .await
            .map_err(api_error)?;
        Ok(open.caseload.accounts_count())
    }

    /// Recomputes one account, as every change to it does.
    pub async fn recompute_account(&self, payment_reference: &str) -> Result<(), ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        let account_id = account_id(open, payment_reference)?;
        open.caseload
            .refresh_account(&open.store, account_id)
            .await
            .map_err(api_error)
    }

    pub async fn get_worklist(&self) -> Result<Worklist, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        Ok(open.caseload.worklist())
    }

    pub async fn get_policy(&self) -> Result<PolicyView, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        Ok(policy_view(open.caseload.policy()))
    }

    /// Saves a new version of the policy and recomputes every account's next action with it.
    pub async fn save_policy(&self, request: &SavePolicyRequest) -> Result<PolicyView, ApiError> {
        let policy = parse_policy(&request.json)?;
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let json = doorstep_domain::escalation::policy_to_json(&policy);
        open.store
            .save_policy(&json, &self.config().officer_name, Utc::now())
            .await
            .map_err(api_error)?;
        // Step codes may have changed, so the last step of each account is read again.
        open.caseload = crate::caseload::Caseload::load(&open.store, policy, today())
            .await
            .map_err(api_error)?;
        Ok(policy_view(open.caseload.policy()))
    }

    /// Writes the policy in force, as JSON, to the documents folder.
    pub async fn export_policy(&self) -> Result<doorstep_api::ExportedFile, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let policy = open.caseload.policy();
        let slug: String = policy
            .name
            .chars()
            .map(|character| match character {
                'a'..='z' | '0'..='9' => character,
                'A'..='Z' => character.to_ascii_lowercase(),
                _ => '-',
            })
            .collect();
        let slug = slug
            .split('-')
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let path = crate::documents::write_file(
            &self.config().documents_dir,
            &format!("policy-{slug}-{}.json", today()),
            doorstep_domain::escalation::policy_to_json(policy).as_bytes(),
        )?;
        Ok(doorstep_api::ExportedFile {
            path: path.display().to_string(),
        })
    }

    /// Commands waiting for head office's acknowledgement (the reconcile sends them).
    pub async fn unacknowledged_commands_count(&self) -> Result<u64, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.store
            .unacknowledged_commands_count()
            .await
            .map_err(api_error)
    }

    pub async fn verify_records(&self) -> Result<RecordsVerification, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let report = open.store.verify_chain().await.map_err(api_error)?;
        let mut problems = report.problems;
        // Card data must never be kept (PCI DSS); a hit names where, never what.
        for place in open.store.card_number_scan().await.map_err(api_error)? {
            problems.push(format!("Something shaped like a card number is stored in {place}: report it to head office at once."));
        }
        Ok(RecordsVerification {
            ledger_entries_checked: report.ledger_entries_checked,
            diary_records_checked: report.diary_records_checked,
            problems,
        })
    }
}

fn arrangement_terms(
    request: &CreateArrangementRequest,
    balance: rust_decimal::Decimal,
    today: NaiveDate,
) -> Result<ArrangementTerms, ApiError> {
    let kind = match request.kind.as_str() {
        "informal" => ArrangementKind::Informal,
        "court_ordered" => ArrangementKind::CourtOrdered,
        _ => return Err(invalid("kind", "Choose informal or court-ordered.")),
    };
    let frequency = match request.frequency.as_str() {
        "weekly" => InstalmentFrequency::Weekly,
        "fortnightly" => InstalmentFrequency::Fortnightly,
        "four_weekly" => InstalmentFrequency::FourWeekly,
        "monthly" => InstalmentFrequency::Monthly,
        "one_off" => InstalmentFrequency::OneOff,
        _ => {
            return Err(invalid(
                "frequency",
                "Choose how often the tenant will pay.",
            ))
        }
    };
    let instalment = parse_pounds(&request.instalment).ok_or_else(|| {
        invalid(
            "instalment",
            format!(
                "\"{}\" is not an amount of money; type pounds and pence, like 10.00.",
                request.instalment.trim()
            ),
        )
    })?;
    let initial_payment = if request.initial_payment.trim().is_empty() {
        None
    } else {
        let amount = parse_pounds(&request.initial_payment).ok_or_else(|| {
            invalid(
                "initial_payment",
                format!(
                    "\"{}\" is not an amount of money.",
                    request.initial_payment.trim()
                ),
            )
        })?;
        let due_on = request.initial_payment_on.ok_or_else(|| {
            invalid(
                "initial_payment_on",
                "Give the date the initial payment is due.",
            )
        })?;
        Some(InitialPayment { amount, due_on })
    };
    Ok(ArrangementTerms {
        kind,
        frequency,
        instalment,
        first_instalment_on: request.first_instalment_on,
        initial_payment,
        starting_balance: balance,
        agreed_on: today,
        tolerance_days: request.tolerance_days,
    })
}

/// Free text never holds a card number (PCI DSS): what looks like one is refused, and the
/// message does not repeat it.
pub(crate) fn no_card_number(field: &str, text: &str) -> Result<(), ApiError> {
    doorstep_domain::card_payment::check_free_text_has_no_card_number(field, text)
        .map_err(|_| invalid(field, "This looks like a card number. Never write card numbers in Doorstep: take card payments on the card terminal."))
}

/// A domain enum's snake_case code, as the store and the wire name it.
pub(crate) fn code_of<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(code)) => code,
        _ => String::new(),
    }
}

/// The domain enum a snake_case code names, if any: the inverse of `code_of`.
pub(crate) fn code_from<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.trim().to_string())).ok()
}

pub(crate) fn capitalise(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => format!(
            "{}{}.",
            first.to_uppercase(),
            characters.as_str().trim_end_matches('.')
        ),
        None => String::new(),
    }
}
