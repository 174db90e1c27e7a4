//! Card payments on the doorstep, through a certified terminal (`PaymentTerminal`); the app
//! never sees a card. The request is written to disk before the terminal is asked, the terminal
//! answers with references only, and the domain's state machine says what the ledger does: a
//! credit when approved (online or offline), nothing when declined, a reversal when a payment
//! approved offline is declined as it is forwarded (which also tops the worklist).
//!
//! The only terminal today is the training simulator, clearly labelled as such. Its queue is
//! saved in the store after every call, as a real terminal keeps its own.

use chrono::Utc;
use doorstep_api::{
    AccountDetail, ApiError, CardPaymentOutcome, CardPaymentView, ForwardOutcome,
    SimulatedCardOutcome, TakeCardPaymentRequest, TerminalView,
};
use doorstep_domain::card_payment::{
    apply, check_caps, payment_event, CardCaps, CardPaymentState, ForwardDecision, LedgerAction,
    PaymentAllocation, PaymentTerminal, SimulatedOutcome, SimulatedTerminal, TerminalDecision,
    TerminalRequest,
};
use doorstep_domain::ledger::{reverse, Entry, EntryKind, PaymentMethod};
use doorstep_domain::money::{format_money, money_from_pence, money_to_pence};
use doorstep_store::{
    CardPaymentRecord, DiaryRecord, FieldRow, FieldWork, Store, TerminalRequestRecord,
};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::account_state::parse_pounds;
use crate::caseload::PAYMENT_RETURNED_CODE;
use crate::errors::api_error;
use crate::session::{today, unlocked_mut, Session, Unlocked};
use crate::work::{account_id, code_from, code_of, command_id, invalid, outbox};

const SIMULATOR_NUMBER: u8 = 1;

/// "Rent arrears" for "arrears"; a code the store holds is one the core checked on the way in.
pub(crate) fn allocation_label(code: &str) -> &'static str {
    code_from::<PaymentAllocation>(code).map_or("Rent", PaymentAllocation::label)
}

async fn load_terminal(store: &Store) -> Result<SimulatedTerminal, ApiError> {
    let fresh = SimulatedTerminal::new(SIMULATOR_NUMBER);
    match store
        .terminal_state(fresh.terminal_id())
        .await
        .map_err(api_error)?
    {
        None => Ok(fresh),
        Some(json) => serde_json::from_str(&json).map_err(|_| ApiError::Storage {
            message:
                "the card terminal's saved state is damaged; ask head office to reset the terminal"
                    .into(),
        }),
    }
}

async fn save_terminal(store: &Store, terminal: &SimulatedTerminal) -> Result<(), ApiError> {
    let json = serde_json::to_string(terminal).map_err(|error| ApiError::Storage {
        message: format!("the card terminal's state could not be saved: {error}"),
    })?;
    store
        .save_terminal_state(terminal.terminal_id(), &json, Utc::now())
        .await
        .map_err(api_error)
}

fn simulated(outcome: SimulatedCardOutcome) -> SimulatedOutcome {
    match outcome {
        SimulatedCardOutcome::ApprovedOnline => SimulatedOutcome::ApprovedOnline,
        SimulatedCardOutcome::ApprovedOffline => SimulatedOutcome::ApprovedOffline,
        SimulatedCardOutcome::Declined => SimulatedOutcome::Declined,
        SimulatedCardOutcome::DeclinedWhenForwarded => SimulatedOutcome::DeclinedWhenForwarded,
    }
}

fn state_label(record: &CardPaymentRecord) -> String {
    match record.state.as_str() {
        "pending" => "Approved offline: confirmed when the terminal next connects".into(),
        "authorised" => "Authorised".into(),
        _ if record.reversal_entry_id.is_some() => {
            "Declined when forwarded: the credit is reversed".into()
        }
        _ => "Declined at the terminal: no payment was taken".into(),
    }
}

pub(crate) fn card_payment_view(record: &CardPaymentRecord) -> CardPaymentView {
    CardPaymentView {
        payment_id: record.id.to_string(),
        amount: money_from_pence(record.amount_pence),
        state: record.state.clone(),
        state_label: state_label(record),
        receipt_number: record.receipt_number.clone(),
        provider_reference: record.provider_reference.clone(),
        authorisation_code: record.authorisation_code.clone(),
        card: format!("{} **** {}", record.scheme, record.card_last_four),
        terminal_id: record.terminal_id.clone(),
        simulator: record.simulator,
        offline: record.offline,
        taken_at: record.taken_at,
    }
}

pub(crate) async fn terminal_view(
    store: &Store,
    caps: &CardCaps,
) -> Result<TerminalView, ApiError> {
    let terminal = load_terminal(store).await?;
    let pending = store.card_payments(None).await.map_err(api_error)?;
    Ok(TerminalView {
        terminal_id: terminal.terminal_id().to_string(),
        simulator: terminal.is_simulator(),
        online: terminal.connection() == doorstep_domain::card_payment::TerminalConnection::Online,
        payment_max: caps.payment_max,
        offline_total_max: caps.offline_total_max,
        offline_pending_total: pending
            .iter()
            .map(|record| money_from_pence(record.amount_pence))
            .sum(),
        pending_count: pending.len() as u32,
    })
}

fn checked_amount(text: &str) -> Result<Decimal, ApiError> {
    parse_pounds(text)
        .filter(|amount| *amount > Decimal::ZERO)
        .ok_or_else(|| {
            invalid(
                "amount",
                format!(
                    "\"{}\" is not an amount of money; type pounds and pence, like 25.00.",
                    text.trim()
                ),
            )
        })
}

impl Session {
    pub async fn get_terminal(&self) -> Result<TerminalView, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        terminal_view(&open.store, &self.config().card_caps).await
    }

    /// Takes a card payment on the terminal and records exactly what it returned. A retry with
    /// the same command id returns the first answer and records nothing twice.
    pub async fn take_card_payment(
        &self,
        request: &TakeCardPaymentRequest,
    ) -> Result<CardPaymentOutcome, ApiError> {
        let id = command_id(&request.command_id)?;
        let amount = checked_amount(&request.amount)?;
        let allocation = code_from::<PaymentAllocation>(&request.allocation)
            .ok_or_else(|| invalid("allocation", "Say what the payment is for."))?
            .code();
        let officer = self.config().officer_name.clone();
        let caps = self.config().card_caps.clone();
        let reference = request.payment_reference.trim().to_string();
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let account_id = account_id(open, &reference)?;
        if let Some(existing) = open.store.card_payment(id).await.map_err(api_error)? {
            return outcome(open, &reference, &existing).await; // A retry: the first answer.
        }
        let mut terminal = load_terminal(&open.store).await?;
        if let Some(chosen) = request.simulated_outcome {
            if !terminal.is_simulator() {
                return Err(invalid(
                    "simulated_outcome",
                    "Only the training terminal takes a chosen outcome.",
                ));
            }
            terminal.choose_outcome(simulated(chosen));
        }
        let pending_total = money_from_pence(
            open.store
                .offline_pending_pence()
                .await
                .map_err(api_error)?,
        );
        check_caps(amount, pending_total, &caps, terminal.connection())
            .map_err(|refusal| invalid("amount", crate::work::capitalise(&refusal.to_string())))?;
        let amount_pence =
            money_to_pence(amount).map_err(|error| invalid("amount", error.to_string()))?;
        let now = Utc::now();
        // On disk before the terminal is asked: an interrupted payment is found and asked again
        // under the same id, never taken twice.
        open.store
            .record_terminal_request(&TerminalRequestRecord {
                id,
                account_id,
                amount_pence,
                allocation: allocation.to_string(),
                requested_at: now,
                officer: officer.clone(),
            })
            .await
            .map_err(api_error)?;
        let terminal_request = TerminalRequest {
            command_id: id,
            payment_reference: reference.clone(),
            amount,
            requested_at: now,
        };
        let answer = terminal.take_payment(&terminal_request);
        save_terminal(&open.store, &terminal).await?;
        let answer = answer
            .map_err(|error| invalid("terminal", crate::work::capitalise(&error.to_string())))?;
        let event = payment_event(&terminal_request, &answer)
            .map_err(|error| invalid("terminal", crate::work::capitalise(&error.to_string())))?;
        let transition = apply(None, event)
            .map_err(|error| invalid("terminal", crate::work::capitalise(&error.to_string())))?;
        let receipt = &answer.receipt;
        let mut work = FieldWork::default();
        let entry_id = match transition.ledger_action {
            LedgerAction::PostCredit => {
                let entry = Entry {
                    id,
                    posted_on: today(),
                    kind: EntryKind::Payment {
                        method: PaymentMethod::Card,
                    },
                    amount: -amount,
                    description: format!(
                        "Card payment — receipt {} ({})",
                        receipt.receipt_number,
                        allocation_label(allocation).to_lowercase()
                    ),
                };
                work.entries.push(entry);
                Some(id)
            }
            LedgerAction::Nothing | LedgerAction::PostReversal => None,
        };
        assert!(
            entry_id.is_some() || answer.decision == TerminalDecision::Declined,
            "an approved card payment is credited"
        );
        let record = CardPaymentRecord {
            id,
            account_id,
            entry_id,
            amount_pence,
            provider_reference: receipt.provider_reference.clone(),
            receipt_number: receipt.receipt_number.clone(),
            authorisation_code: receipt.authorisation_code.clone(),
            response: format!("{} {}", receipt.response_code, receipt.response_text),
            card_last_four: receipt.card.last_four().to_string(),
            scheme: receipt.card.scheme().label().to_string(),
            entry_method: code_of(&receipt.entry_method),
            terminal_id: receipt.terminal_id.clone(),
            simulator: terminal.is_simulator(),
            offline: receipt.connection
                == doorstep_domain::card_payment::TerminalConnection::Offline,
            taken_at: receipt.taken_at,
            state: code_of(&transition.state_after),
            resolved_at: None,
            reversal_entry_id: None,
        };
        work.rows.push(FieldRow::CardPayment(record.clone()));
        let payload = serde_json::json!({
            "payment_reference": reference,
            "card_payment_id": id.to_string(),
            "entry_id": entry_id.map(|id| id.to_string()),
            "amount": amount.to_string(),
            "allocation": allocation,
            "state": record.state,
            "provider_reference": record.provider_reference,
            "receipt_number": record.receipt_number,
            "authorisation_code": record.authorisation_code,
            "response": record.response,
            "card_last_four": record.card_last_four,
            "scheme": record.scheme,
            "entry_method": record.entry_method,
            "terminal_id": record.terminal_id,
            "simulator": record.simulator,
            "offline": record.offline,
            "taken_at": record.taken_at,
            "officer": officer,
        });
        open.store
            .record_field_work(
                account_id,
                &work,
                &outbox(id, "card_payment_taken", payload),
            )
            .await
            .map_err(api_error)?;
        open.caseload
            .refresh_account(&open.store, account_id)
            .await
            .map_err(api_error)?;
        outcome(open, &reference, &record).await
    }

    /// Forwards the payments the terminal approved offline. Each comes back authorised, or
    /// declined: then its credit is reversed, the diary says so and the account tops the
    /// worklist until the tenant is contacted.
    pub async fn forward_card_payments(&self) -> Result<ForwardOutcome, ApiError> {
        let officer = self.config().officer_name.clone();
        let caps = self.config().card_caps.clone();
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let mut terminal = load_terminal(&open.store).await?;
        let results = terminal
            .forward_pending()
            .map_err(|error| invalid("terminal", crate::work::capitalise(&error.to_string())))?;
        let mut outcome = ForwardOutcome {
            authorised_count: 0,
            declined_count: 0,
            declined: Vec::new(),
            terminal: terminal_view(&open.store, &caps).await?,
        };
        for result in &results {
            let Some(record) = open
                .store
                .card_payment(result.command_id)
                .await
                .map_err(api_error)?
            else {
                continue; // Not a payment this device recorded: nothing to change here.
            };
            if record.state != code_of(&CardPaymentState::Pending) {
                continue; // Already forwarded (the terminal's queue was saved late): once only.
            }
            let transition =
                apply(Some(CardPaymentState::Pending), result.event()).map_err(|error| {
                    invalid("terminal", crate::work::capitalise(&error.to_string()))
                })?;
            let declined = transition.ledger_action == LedgerAction::PostReversal;
            let forward_id = Uuid::now_v7();
            let work = forward_work(open, &record, result, declined, forward_id, &officer).await?;
            let payload = serde_json::json!({
                "card_payment_id": record.id.to_string(),
                "state": code_of(&transition.state_after),
                "provider_reference": result.provider_reference,
                "reversal_entry_id": declined.then(|| forward_id.to_string()),
                "officer": officer,
            });
            open.store
                .record_field_work(
                    record.account_id,
                    &work,
                    &outbox(forward_id, "card_payment_forwarded", payload),
                )
                .await
                .map_err(api_error)?;
            open.caseload
                .refresh_account(&open.store, record.account_id)
                .await
                .map_err(api_error)?;
            if declined {
                outcome.declined_count += 1;
                let reference = open
                    .caseload
                    .account_by_id(record.account_id)
                    .map(|account| account.record.payment_reference.clone())
                    .unwrap_or_default();
                outcome.declined.push(format!(
                    "Payment reference {reference}: {} declined when forwarded; the credit is reversed.",
                    format_money(money_from_pence(record.amount_pence))
                ));
            } else {
                outcome.authorised_count += 1;
            }
        }
        // Saved after the results are recorded: if the app stops in between, the terminal still
        // holds them and forwards them again, and the state check above applies each once.
        save_terminal(&open.store, &terminal).await?;
        outcome.terminal = terminal_view(&open.store, &caps).await?;
        Ok(outcome)
    }
}

async fn forward_work(
    open: &Unlocked,
    record: &CardPaymentRecord,
    result: &doorstep_domain::card_payment::ForwardResult,
    declined: bool,
    forward_id: Uuid,
    officer: &str,
) -> Result<FieldWork, ApiError> {
    let now = Utc::now();
    let mut work = FieldWork::default();
    let authorisation_code = match &result.decision {
        ForwardDecision::Authorised { authorisation_code } => Some(authorisation_code.clone()),
        ForwardDecision::Declined { .. } => None,
    };
    if declined {
        let credit_id = record.entry_id.ok_or_else(|| ApiError::Storage {
            message: "a pending card payment has no credit to reverse".into(),
        })?;
        let entries = open
            .store
            .entries_for_account(record.account_id)
            .await
            .map_err(api_error)?;
        let reason = match &result.decision {
            ForwardDecision::Declined { response_text, .. } => response_text.clone(),
            ForwardDecision::Authorised { .. } => String::new(),
        };
        let amount = format_money(money_from_pence(record.amount_pence));
        work.entries.push(
            reverse(
                &entries,
                credit_id,
                forward_id,
                today(),
                &format!(
                    "Card payment declined when forwarded (receipt {}): {reason}",
                    record.receipt_number
                ),
            )
            .map_err(|error| invalid("terminal", error.to_string()))?,
        );
        work.diary = Some(DiaryRecord {
            id: forward_id,
            account_id: record.account_id,
            happened_on: today(),
            recorded_at: now,
            officer: officer.to_string(),
            code: PAYMENT_RETURNED_CODE.into(),
            note: format!(
                "Card payment of {amount} taken on {} (receipt {}) was declined when forwarded ({reason}); the credit is reversed",
                doorstep_documents::long_date(&record.taken_at.date_naive()),
                record.receipt_number
            ),
        });
    }
    work.rows.push(FieldRow::CardPaymentForwarded {
        id: record.id,
        state: if declined { "declined" } else { "authorised" }.into(),
        authorisation_code,
        resolved_at: now,
        reversal_entry_id: declined.then_some(forward_id),
    });
    Ok(work)
}

async fn outcome(
    open: &Unlocked,
    reference: &str,
    record: &CardPaymentRecord,
) -> Result<CardPaymentOutcome, ApiError> {
    let account: AccountDetail = open.account_detail(reference).await?;
    Ok(CardPaymentOutcome {
        payment: card_payment_view(record),
        account,
    })
}
