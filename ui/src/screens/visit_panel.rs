//! The visit section of the account page (`#visit-panel`): what the officer needs at the door.
//! Warnings first, then the card terminal (and whether it is the training simulator), card
//! payments taken, cheques held, Direct Debit mandates (bank details masked by the core) and
//! the latest income and expenditure assessment. Fetched with the page and again after every
//! change made from a form.

use doorstep_api::{
    CardPaymentView, ChequeStatusRequest, ChequeView, ForwardOutcome, IncomeExpenditureView,
    MandateView, TerminalView, VisitDocumentRequest, VisitPanel,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::display::{date_text, money_text};
use crate::ipc;
use crate::screens::account::AccountPage;
use crate::session::local_date_time_text;

/// Rows of card payments and cheques drawn at most: a tenant pays a few times a month; this
/// keeps a corrupt answer from freezing the window.
pub const VISIT_PANEL_ROWS_MAX: usize = 200;

/// What a visit document came to: Ok("Saved to …") or Err(the refusal).
pub type DocumentOutcome = Option<Result<String, String>>;

/// Produces a receipt, a tenant's copy or a run sheet and says where it was saved.
pub fn produce_visit_document(
    page: AccountPage,
    kind: &'static str,
    id: String,
    busy: RwSignal<bool>,
    result: RwSignal<DocumentOutcome>,
) {
    if busy.get_untracked() {
        return;
    }
    let request = VisitDocumentRequest {
        payment_reference: page.payment_reference.get_value(),
        kind: kind.to_string(),
        id: Some(id),
        visit_on: None,
    };
    busy.set(true);
    result.set(None);
    let ticket = page.state.lock_ticket();
    spawn_local(async move {
        let answer = ipc::produce_visit_document(&request).await;
        busy.try_set(false);
        if !page.state.is_unlocked_since(ticket) {
            return;
        }
        match answer {
            Ok(document) => {
                result.try_set(Some(Ok(format!("Saved to {}", document.path))));
            }
            Err(failure) => {
                if let Some(message) = page.state.message_for(failure) {
                    result.try_set(Some(Err(message)));
                }
            }
        }
    });
}

/// The saved path or the refusal, for a document button's result paragraph.
pub fn document_outcome_view(result: RwSignal<DocumentOutcome>) -> impl IntoView {
    move || {
        result.get().map(|outcome| match outcome {
            Ok(text) => view! { <p class="notice document-saved">{text}</p> }.into_any(),
            Err(text) => view! {
                <p class="form-error error-message document-refused" role="alert">{text}</p>
            }
            .into_any(),
        })
    }
}

/// The panel's own state, kept across its reloads: results stay on screen after the panel
/// behind them is fetched again.
#[derive(Clone, Copy)]
struct PanelState {
    page: AccountPage,
    document_busy: RwSignal<bool>,
    document_result: RwSignal<DocumentOutcome>,
    forward_busy: RwSignal<bool>,
    forward_result: RwSignal<Option<Result<ForwardOutcome, String>>>,
    /// The cheque whose "Returned unpaid" asks for a reason, and the reason typed.
    returning_cheque_id: RwSignal<Option<String>>,
    return_reason: RwSignal<String>,
    cheque_busy: RwSignal<bool>,
    cheque_failure: RwSignal<Option<String>>,
    /// The command id of the cheque change in progress, kept across retries of the same
    /// change ("cheque id:status") so a repeated click after a lost answer is recorded once.
    cheque_command: StoredValue<Option<(String, String)>>,
}

#[component]
pub fn VisitPanelSection() -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let panel = PanelState {
        page,
        document_busy: RwSignal::new(false),
        document_result: RwSignal::new(None),
        forward_busy: RwSignal::new(false),
        forward_result: RwSignal::new(None),
        returning_cheque_id: RwSignal::new(None),
        return_reason: RwSignal::new(String::new()),
        cheque_busy: RwSignal::new(false),
        cheque_failure: RwSignal::new(None),
        cheque_command: StoredValue::new(None),
    };
    let body = move || match page.visit_panel.get() {
        None => {
            view! { <p class="busy" aria-live="polite">"Loading the visit panel…"</p> }.into_any()
        }
        Some(visit) => panel_body(panel, visit).into_any(),
    };
    view! {
        <section id="visit-panel" class="visit-panel" aria-labelledby="visit-panel-heading">
            <h2 id="visit-panel-heading">"Visit"</h2>
            {body}
            <div id="visit-document-result" aria-live="polite">
                {move || panel.document_busy.get()
                    .then(|| view! { <p class="busy">"Producing the document…"</p> })}
                {document_outcome_view(panel.document_result)}
            </div>
        </section>
    }
}

fn panel_body(panel: PanelState, visit: VisitPanel) -> impl IntoView {
    let warnings = (!visit.warnings.is_empty()).then(|| {
        view! {
            <div id="visit-warnings" class="warning-box" role="alert">
                <ul class="plain-list">
                    {visit.warnings.into_iter().map(|warning| view! {
                        <li class="visit-warning">{warning}</li>
                    }).collect_view()}
                </ul>
            </div>
        }
    });
    view! {
        {warnings}
        <div class="panels">
            {terminal_view(panel, visit.terminal)}
            {assessment_view(panel, visit.latest_assessment)}
        </div>
        {card_payments_view(panel, visit.card_payments)}
        {cheques_view(panel, visit.cheques)}
        {mandates_view(visit.mandates)}
    }
}

fn terminal_view(panel: PanelState, terminal: TerminalView) -> impl IntoView {
    let simulator = terminal.simulator.then(|| {
        view! {
            <p id="terminal-simulator" class="simulator-label">
                "SIMULATED TERMINAL — training only, no money is taken"
            </p>
        }
    });
    let connection = if terminal.online {
        "Connected: payments are authorised at once."
    } else {
        "Not connected: payments are approved offline and confirmed when forwarded."
    };
    let pending = format!(
        "Waiting to be forwarded: {} of {} allowed offline ({} {}).",
        money_text(terminal.offline_pending_total),
        money_text(terminal.offline_total_max),
        terminal.pending_count,
        if terminal.pending_count == 1 {
            "payment"
        } else {
            "payments"
        }
    );
    let forward = move |_| {
        if panel.forward_busy.get_untracked() {
            return;
        }
        panel.forward_busy.set(true);
        panel.forward_result.set(None);
        let page = panel.page;
        let ticket = page.state.lock_ticket();
        spawn_local(async move {
            let answer = ipc::forward_card_payments().await;
            panel.forward_busy.try_set(false);
            if !page.state.is_unlocked_since(ticket) {
                return;
            }
            match answer {
                Ok(outcome) => {
                    panel.forward_result.try_set(Some(Ok(outcome)));
                    // A payment declined when forwarded reverses its credit.
                    page.reload();
                    page.reload_visit_panel();
                }
                Err(failure) => {
                    if let Some(message) = page.state.message_for(failure) {
                        panel.forward_result.try_set(Some(Err(message)));
                    }
                }
            }
        });
    };
    let forward_result = move || {
        panel.forward_result.get().map(|outcome| match outcome {
            Ok(outcome) => {
                let class = if outcome.declined_count > 0 {
                    "form-error error-message"
                } else {
                    "notice"
                };
                view! {
                    <div id="forward-result" class=class role="status">
                        <p>
                            {format!(
                                "Forwarded: {} authorised, {} declined.",
                                outcome.authorised_count, outcome.declined_count
                            )}
                        </p>
                        <ul class="plain-list">
                            {outcome.declined.into_iter()
                                .map(|line| view! { <li>{line}</li> })
                                .collect_view()}
                        </ul>
                    </div>
                }
                .into_any()
            }
            Err(message) => view! {
                <p id="forward-result" class="form-error error-message" role="alert">{message}</p>
            }
            .into_any(),
        })
    };
    view! {
        <section id="terminal-status" class="panel" aria-labelledby="terminal-heading"
            data-simulator=terminal.simulator.to_string()>
            <h3 id="terminal-heading" class="panel-heading">"Card terminal"</h3>
            {simulator}
            <p>"Terminal " <strong class="terminal-id">{terminal.terminal_id}</strong></p>
            <p class="terminal-connection">{connection}</p>
            <p id="terminal-pending">{pending}</p>
            <p class="hint">
                {format!("Largest single payment: {}.", money_text(terminal.payment_max))}
            </p>
            <button id="forward-payments" class="button button-secondary" type="button"
                disabled=panel.forward_busy on:click=forward>
                "Forward pending payments"
            </button>
            {forward_result}
        </section>
    }
}

fn assessment_view(panel: PanelState, assessment: Option<IncomeExpenditureView>) -> impl IntoView {
    let Some(assessment) = assessment else {
        return view! {
            <section id="latest-assessment" class="panel" aria-labelledby="assessment-heading">
                <h3 id="assessment-heading" class="panel-heading">"Income and expenditure"</h3>
                <p>"No assessment saved yet."</p>
            </section>
        }
        .into_any();
    };
    let rows = [
        ("Income a month", assessment.income_monthly),
        ("Fixed costs a month", assessment.fixed_costs_monthly),
        ("Flexible costs a month", assessment.flexible_costs_monthly),
        ("Debt repayments a month", assessment.debt_payments_monthly),
        ("Left over a month", assessment.disposable_monthly),
    ];
    let pdf = assessment.assessment_id.map(|assessment_id| {
        let page = panel.page;
        view! {
            <button id="iande-pdf" class="button button-secondary" type="button"
                disabled=panel.document_busy
                on:click=move |_| produce_visit_document(
                    page,
                    "income_expenditure",
                    assessment_id.clone(),
                    panel.document_busy,
                    panel.document_result,
                )>
                "Tenant's copy (PDF)"
            </button>
        }
    });
    view! {
        <section id="latest-assessment" class="panel" aria-labelledby="assessment-heading">
            <h3 id="assessment-heading" class="panel-heading">"Income and expenditure"</h3>
            <dl class="summary-list">
                {rows.into_iter().map(|(label, amount)| view! {
                    <div class="summary-row">
                        <dt>{label}</dt>
                        <dd>{money_text(amount)}</dd>
                    </div>
                }).collect_view()}
            </dl>
            <p>{assessment.proposal_explanation}</p>
            <p class="hint">{assessment.guidelines_source}</p>
            {pdf}
        </section>
    }
    .into_any()
}

fn card_payments_view(panel: PanelState, payments: Vec<CardPaymentView>) -> impl IntoView {
    if payments.is_empty() {
        return view! { <p id="card-payments-none">"No card payments taken on visits."</p> }
            .into_any();
    }
    let page = panel.page;
    let row = move |payment: CardPaymentView| {
        let receipt_id = format!("receipt-{}", payment.payment_id);
        let payment_id = payment.payment_id.clone();
        let state_class = format!("card-payment-state card-payment-{}", payment.state);
        let simulated = payment
            .simulator
            .then(|| view! { <span class="cell-note">"Simulated: no money taken"</span> });
        view! {
            <tr class="card-payment-row" data-state=payment.state.clone()
                data-payment-id=payment.payment_id.clone()>
                <td class="date">
                    {local_date_time_text(payment.taken_at)}
                </td>
                <td class="numeric">{money_text(payment.amount)}</td>
                <td>{payment.card}</td>
                <td class=state_class>{payment.state_label} {simulated}</td>
                <td>{payment.receipt_number}</td>
                <td class="row-action">
                    <button id=receipt_id class="button button-secondary button-small"
                        type="button" disabled=panel.document_busy
                        on:click=move |_| produce_visit_document(
                            page,
                            "receipt",
                            payment_id.clone(),
                            panel.document_busy,
                            panel.document_result,
                        )>
                        "Receipt (PDF)"
                    </button>
                </td>
            </tr>
        }
    };
    view! {
        <h3>"Card payments"</h3>
        <table id="card-payments" class="table">
            <caption class="visually-hidden">"Card payments taken on visits"</caption>
            <thead>
                <tr>
                    <th scope="col">"Taken"</th>
                    <th scope="col" class="numeric">"Amount"</th>
                    <th scope="col">"Card"</th>
                    <th scope="col">"State"</th>
                    <th scope="col">"Receipt number"</th>
                    <th scope="col"><span class="visually-hidden">"Receipt"</span></th>
                </tr>
            </thead>
            <tbody>
                {payments.into_iter().take(VISIT_PANEL_ROWS_MAX).map(row).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// Banks or returns a cheque. The command id is made on the first try of this change and kept
/// until it succeeds.
fn set_cheque_status(panel: PanelState, cheque_id: String, status: &'static str) {
    if panel.cheque_busy.get_untracked() {
        return;
    }
    let key = format!("{cheque_id}:{status}");
    let command_id = match panel.cheque_command.get_value() {
        Some((kept_key, command_id)) if kept_key == key => command_id,
        _ => {
            let command_id = ipc::new_command_id();
            panel
                .cheque_command
                .set_value(Some((key, command_id.clone())));
            command_id
        }
    };
    let reason = if status == "returned" {
        panel.return_reason.get_untracked()
    } else {
        String::new()
    };
    let page = panel.page;
    let request = ChequeStatusRequest {
        command_id,
        payment_reference: page.payment_reference.get_value(),
        cheque_id,
        status: status.to_string(),
        reason,
    };
    panel.cheque_busy.set(true);
    panel.cheque_failure.set(None);
    let ticket = page.state.lock_ticket();
    spawn_local(async move {
        let answer = ipc::set_cheque_status(&request).await;
        panel.cheque_busy.try_set(false);
        if !page.state.is_unlocked_since(ticket) {
            return;
        }
        match answer {
            Ok(account) => {
                panel.cheque_command.try_set_value(None);
                panel.returning_cheque_id.try_set(None);
                panel.return_reason.try_set(String::new());
                let what = if status == "returned" {
                    "Cheque recorded as returned unpaid; its credit is reversed."
                } else {
                    "Cheque recorded as banked."
                };
                let text = crate::screens::account_forms::balance_notice(what, &account);
                page.detail.try_set(Some(account));
                page.notice.try_set(Some(text));
                page.reload_visit_panel();
            }
            Err(failure) => {
                if let Some(message) = page.state.message_for(failure) {
                    panel.cheque_failure.try_set(Some(message));
                }
            }
        }
    });
}

fn cheque_row(panel: PanelState, cheque: ChequeView) -> impl IntoView {
    let cheque_id = StoredValue::new(cheque.cheque_id.clone());
    let bank = cheque.can_bank.then(|| {
        view! {
            <button id=format!("cheque-bank-{}", cheque.cheque_id)
                class="button button-secondary button-small" type="button"
                disabled=panel.cheque_busy
                on:click=move |_| set_cheque_status(panel, cheque_id.get_value(), "banked")>
                "Banked"
            </button>
        }
    });
    let is_returning = move || {
        panel
            .returning_cheque_id
            .with(|returning| returning.as_deref() == Some(cheque_id.get_value().as_str()))
    };
    let reason_id = format!("cheque-return-reason-{}", cheque.cheque_id);
    let reason_label_for = reason_id.clone();
    let confirm_id = format!("cheque-return-confirm-{}", cheque.cheque_id);
    let give_return = cheque.can_return.then(|| {
        view! {
            <button id=format!("cheque-return-{}", cheque.cheque_id)
                class="button button-secondary button-small" type="button"
                aria-expanded=move || if is_returning() { "true" } else { "false" }
                on:click=move |_| {
                    panel.return_reason.set(String::new());
                    panel.returning_cheque_id.set(Some(cheque_id.get_value()));
                }>
                "Returned unpaid"
            </button>
            <Show when=is_returning>
                <div class="form-group cheque-return">
                    <label class="label" for=reason_label_for.clone()>
                        "Why did the bank return it?"
                    </label>
                    <input id=reason_id.clone() class="input" type="text" autocomplete="off"
                        prop:value=panel.return_reason
                        on:input=move |event| panel.return_reason.set(event_target_value(&event)) />
                    <button id=confirm_id.clone() class="button button-small" type="button"
                        disabled=panel.cheque_busy
                        on:click=move |_| set_cheque_status(panel, cheque_id.get_value(), "returned")>
                        "Record as returned unpaid"
                    </button>
                </div>
            </Show>
        }
    });
    view! {
        <tr class="cheque-row" data-cheque-id=cheque.cheque_id.clone()>
            <td>{cheque.cheque_number}</td>
            <td>{cheque.drawer}</td>
            <td class="numeric">{money_text(cheque.amount)}</td>
            <td class="date">{date_text(cheque.received_on)}</td>
            <td class="cheque-status">{cheque.status}</td>
            <td class="row-action">{bank} {give_return}</td>
        </tr>
    }
}

fn cheques_view(panel: PanelState, cheques: Vec<ChequeView>) -> impl IntoView {
    if cheques.is_empty() {
        return view! { <p id="cheques-none">"No cheques taken on visits."</p> }.into_any();
    }
    view! {
        <h3>"Cheques"</h3>
        {move || panel.cheque_failure.get().map(|message| view! {
            <p id="cheque-error" class="form-error error-message" role="alert">{message}</p>
        })}
        <table id="cheques" class="table">
            <caption class="visually-hidden">"Cheques taken on visits"</caption>
            <thead>
                <tr>
                    <th scope="col">"Number"</th>
                    <th scope="col">"Drawer"</th>
                    <th scope="col" class="numeric">"Amount"</th>
                    <th scope="col">"Received"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col"><span class="visually-hidden">"Action"</span></th>
                </tr>
            </thead>
            <tbody>
                {cheques.into_iter().take(VISIT_PANEL_ROWS_MAX)
                    .map(|cheque| cheque_row(panel, cheque))
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn mandates_view(mandates: Vec<MandateView>) -> impl IntoView {
    if mandates.is_empty() {
        return view! { <p id="mandates-none">"No Direct Debit mandates."</p> }.into_any();
    }
    view! {
        <h3>"Direct Debit mandates"</h3>
        <ul id="mandates" class="plain-list">
            {mandates.into_iter().map(|mandate| view! {
                <li class="mandate" data-mandate-id=mandate.mandate_id>
                    <p class="mandate-holder"><strong>{mandate.account_holder}</strong></p>
                    <p>
                        {format!(
                            "Sort code {}, account {}",
                            mandate.sort_code, mandate.account_number
                        )}
                    </p>
                    <p>{mandate.collection}</p>
                    <p class="hint">
                        {format!(
                            "{} Recorded on {}.",
                            mandate.modulus_check,
                            date_text(mandate.recorded_on)
                        )}
                    </p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
