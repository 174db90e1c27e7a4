//! The account page's "On a visit" forms: check in, record the visit, take a card payment or a
//! cheque, set up a Direct Debit, and the income and expenditure assessment. They follow the
//! account forms' rules (`account_forms`): a command id made when the form opens and kept
//! across retries, the core's refusal shown in the form with the named input focused.
//!
//! No input here takes a card number, expiry or security code: the card is presented to the
//! terminal, never typed. Bank details for a mandate live in the form's signals only until the
//! mandate is saved or the form closes.

use chrono::Duration;
use doorstep_api::{
    BankDetailsCheck, CheckBankDetailsRequest, CheckInRequest, CreateMandateRequest,
    RecordChequeRequest, RecordVisitRequest, SimulatedCardOutcome, TakeCardPaymentRequest,
};
use doorstep_domain::card_payment::PaymentAllocation;
use doorstep_domain::round::{AuthorityToDiscuss, VisitOutcome};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;

use crate::display::{date_input_value, money_text, parse_date_input};
use crate::ipc;
use crate::screens::account::AccountPage;
use crate::screens::account_forms::{
    balance_notice, code_select, required_date, send_change, send_command, FormFrame, FormState,
};
use crate::screens::set_up::focus_when_mounted;
use crate::screens::visit_panel::{document_outcome_view, produce_visit_document, DocumentOutcome};

pub use crate::screens::income_expenditure_form::IncomeExpenditureForm;

/// The check-in lengths offered: a doorstep visit to a long income and expenditure session.
const CHECK_IN_MINUTES: [(&str, &str); 5] = [
    ("15", "15 minutes"),
    ("30", "30 minutes"),
    ("45", "45 minutes"),
    ("60", "1 hour"),
    ("90", "1 hour 30 minutes"),
];

#[component]
pub fn CheckInForm() -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let form = FormState::new(&[("expected_minutes", "check-in-minutes")]);
    let minutes = RwSignal::new(CHECK_IN_MINUTES[1].0.to_string());
    let submit = move || {
        let Ok(expected_minutes) = minutes.get_untracked().parse::<u32>() else {
            form.fail(
                "Choose how long the visit will take.".to_string(),
                Some("expected_minutes".to_string()),
            );
            return;
        };
        let request = CheckInRequest {
            command_id: form.command_id.get_value(),
            payment_reference: page.payment_reference.get_value(),
            expected_minutes,
        };
        let state = page.state;
        send_command(
            page,
            form,
            async move { ipc::check_in(&request).await },
            move |lone_working| {
                state.lone_working.set(Some(lone_working));
                page.close_form_with_notice(format!(
                    "Checked in for {expected_minutes} minutes. Check out when you leave."
                ));
            },
        );
    };
    view! {
        <FormFrame id="check-in-form" title="Check in at this address".to_string() form=form
            on_submit=submit submit_id="check-in-submit" submit_label="Check in">
            <p class="hint">
                "Head office is told if you have not checked out when the time is up."
            </p>
            <div class="form-group" class:form-group-error=form.has_error_on("expected_minutes")>
                <label class="label" for="check-in-minutes">"How long will you be?"</label>
                {code_select("check-in-minutes", &CHECK_IN_MINUTES, minutes)}
            </div>
        </FormFrame>
    }
}

/// The serde code of a domain choice (a unit variant, so a bare string): the wire carries the
/// codes the domain's serde names, and the labels come from the same enum, so they agree.
pub fn code_of<Code: serde::Serialize>(value: &Code) -> String {
    let value = serde_wasm_bindgen::to_value(value).expect("a unit variant serialises");
    value
        .as_string()
        .expect("a unit variant serialises to a string")
}

#[component]
pub fn RecordVisitForm() -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let form = FormState::new(&[
        ("visited_on", "visit-date"),
        ("outcome", "visit-outcome-spoke_to_tenant"),
        ("spoke_to", "visit-spoke-to"),
        ("authority", "visit-authority"),
        ("note", "visit-note"),
        ("promise_amount", "visit-promise-amount"),
        ("promise_on", "visit-promise-on"),
        ("next_steps", "visit-next-steps"),
    ]);
    let visited_on = RwSignal::new(date_input_value(page.as_at()));
    let outcome = RwSignal::new(code_of(&VisitOutcome::ALL[0]));
    let spoke_to = RwSignal::new(String::new());
    let authority = RwSignal::new(code_of(&AuthorityToDiscuss::ALL[0]));
    let note = RwSignal::new(String::new());
    let promise_amount = RwSignal::new(String::new());
    let promise_on = RwSignal::new(String::new());
    let next_steps = RwSignal::new(String::new());
    let someone_else =
        move || outcome.with(|code| *code == code_of(&VisitOutcome::SpokeToSomeoneElse));

    let submit = move || {
        let Some(visited_on) = required_date(
            form,
            &visited_on.get_untracked(),
            "visited_on",
            "Enter the date of the visit.",
        ) else {
            return;
        };
        let is_someone_else = someone_else();
        let request = RecordVisitRequest {
            command_id: form.command_id.get_value(),
            payment_reference: page.payment_reference.get_value(),
            visited_on,
            outcome: outcome.get_untracked(),
            spoke_to: if is_someone_else {
                spoke_to.get_untracked()
            } else {
                String::new()
            },
            authority: is_someone_else.then(|| authority.get_untracked()),
            note: note.get_untracked(),
            promise_amount: promise_amount.get_untracked().trim().to_string(),
            // Blank is no promise; the core names a date missing for an amount.
            promise_on: parse_date_input(&promise_on.get_untracked()),
            next_steps: next_steps.get_untracked(),
        };
        send_change(
            page,
            form,
            async move { ipc::record_visit(&request).await },
            |account| balance_notice("Visit recorded in the diary.", account),
        );
    };

    let outcome_radio = move |choice: VisitOutcome| {
        let code = code_of(&choice);
        let id = format!("visit-outcome-{code}");
        let label_for = id.clone();
        let checked_code = code.clone();
        view! {
            <div class="radio">
                <input id=id class="radio-input" type="radio" name="visit-outcome"
                    value=code.clone()
                    prop:checked=move || outcome.with(|chosen| *chosen == checked_code)
                    on:change=move |_| outcome.set(code.clone()) />
                <label class="radio-label" for=label_for>{choice.label()}</label>
            </div>
        }
    };
    let authority_options = AuthorityToDiscuss::ALL
        .iter()
        .map(|choice| {
            let code = code_of(choice);
            let selected_code = code.clone();
            view! {
                <option value=code selected=move || authority.with(|chosen| *chosen == selected_code)>
                    {choice.label()}
                </option>
            }
        })
        .collect_view();

    view! {
        <FormFrame id="visit-form" title="Record the visit".to_string() form=form
            on_submit=submit submit_id="visit-submit" submit_label="Record visit">
            <div class="form-row">
                <div class="form-group" class:form-group-error=form.has_error_on("visited_on")>
                    <label class="label" for="visit-date">"Visited on"</label>
                    <input id="visit-date" class="input" type="date" prop:value=visited_on
                        on:input=move |event| visited_on.set(event_target_value(&event)) />
                </div>
            </div>
            <fieldset class="form-group fieldset" class:form-group-error=form.has_error_on("outcome")>
                <legend class="label">"Who did you speak to?"</legend>
                {VisitOutcome::ALL.into_iter().map(outcome_radio).collect_view()}
            </fieldset>
            <Show when=someone_else>
                <div class="form-row">
                    <div class="form-group" class:form-group-error=form.has_error_on("spoke_to")>
                        <label class="label" for="visit-spoke-to">"Their name"</label>
                        <input id="visit-spoke-to" class="input" type="text" autocomplete="off"
                            prop:value=spoke_to
                            on:input=move |event| spoke_to.set(event_target_value(&event)) />
                    </div>
                    <div class="form-group" class:form-group-error=form.has_error_on("authority")>
                        <label class="label" for="visit-authority">
                            "Their authority to discuss the account"
                        </label>
                        <select id="visit-authority" class="select"
                            on:change=move |event| authority.set(event_target_value(&event))>
                            {authority_options.clone()}
                        </select>
                    </div>
                </div>
                <p class="hint">
                    "Without authority, do not discuss the account: leave a calling card."
                </p>
            </Show>
            <div class="form-group" class:form-group-error=form.has_error_on("note")>
                <label class="label" for="visit-note">"What happened"</label>
                <textarea id="visit-note" class="input textarea" rows="3" prop:value=note
                    on:input=move |event| note.set(event_target_value(&event))></textarea>
            </div>
            <div class="form-row">
                <div class="form-group" class:form-group-error=form.has_error_on("promise_amount")>
                    <label class="label" for="visit-promise-amount">
                        "Promised to pay (£, optional)"
                    </label>
                    <input id="visit-promise-amount" class="input input-money" type="text"
                        inputmode="decimal" autocomplete="off" prop:value=promise_amount
                        on:input=move |event| promise_amount.set(event_target_value(&event)) />
                </div>
                <div class="form-group" class:form-group-error=form.has_error_on("promise_on")>
                    <label class="label" for="visit-promise-on">"By"</label>
                    <input id="visit-promise-on" class="input" type="date" prop:value=promise_on
                        on:input=move |event| promise_on.set(event_target_value(&event)) />
                </div>
            </div>
            <div class="form-group" class:form-group-error=form.has_error_on("next_steps")>
                <label class="label" for="visit-next-steps">"Next steps"</label>
                <input id="visit-next-steps" class="input" type="text" autocomplete="off"
                    prop:value=next_steps
                    on:input=move |event| next_steps.set(event_target_value(&event)) />
            </div>
        </FormFrame>
    }
}

const CARD_ALLOCATIONS: [(&str, &str); 3] = PaymentAllocation::OPTIONS;

const SIMULATED_OUTCOMES: [(SimulatedCardOutcome, &str, &str); 4] = [
    (
        SimulatedCardOutcome::ApprovedOnline,
        "approved_online",
        "Approved online",
    ),
    (
        SimulatedCardOutcome::ApprovedOffline,
        "approved_offline",
        "Approved offline (forwarded later)",
    ),
    (SimulatedCardOutcome::Declined, "declined", "Declined"),
    (
        SimulatedCardOutcome::DeclinedWhenForwarded,
        "declined_when_forwarded",
        "Approved offline, declined when forwarded",
    ),
];

const SIMULATED_OUTCOME_OPTIONS: [(&str, &str); 4] = [
    (SIMULATED_OUTCOMES[0].1, SIMULATED_OUTCOMES[0].2),
    (SIMULATED_OUTCOMES[1].1, SIMULATED_OUTCOMES[1].2),
    (SIMULATED_OUTCOMES[2].1, SIMULATED_OUTCOMES[2].2),
    (SIMULATED_OUTCOMES[3].1, SIMULATED_OUTCOMES[3].2),
];

#[component]
pub fn CardPaymentForm() -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let form = FormState::new(&[
        ("amount", "card-amount"),
        ("allocation", "card-allocation"),
        ("simulated_outcome", "card-simulated-outcome"),
    ]);
    let amount = RwSignal::new(String::new());
    let allocation = RwSignal::new(CARD_ALLOCATIONS[0].0.to_string());
    let simulated_outcome = RwSignal::new(SIMULATED_OUTCOMES[0].1.to_string());
    // The terminal decides whether the simulator's outcome may be chosen; ask it afresh rather
    // than trust a panel fetched before the terminal may have been changed.
    let simulator = RwSignal::new(
        page.visit_panel
            .with_untracked(|panel| panel.as_ref().map(|panel| panel.terminal.simulator)),
    );
    let ticket = page.state.lock_ticket();
    spawn_local(async move {
        let answer = ipc::get_terminal().await;
        if !page.state.is_unlocked_since(ticket) {
            return;
        }
        match answer {
            Ok(terminal) => {
                simulator.try_set(Some(terminal.simulator));
            }
            Err(failure) => {
                if let Some(message) = page.state.message_for(failure) {
                    form.fail(message, None);
                }
            }
        }
    });
    let is_simulator = move || simulator.get() == Some(true);
    let payment = RwSignal::new(None::<doorstep_api::CardPaymentView>);
    let receipt_busy = RwSignal::new(false);
    let receipt_result = RwSignal::new(DocumentOutcome::None);
    let first_input = NodeRef::<html::Input>::new();
    focus_when_mounted(first_input);

    let submit = move || {
        let simulated = if simulator.get_untracked() == Some(true) {
            let code = simulated_outcome.get_untracked();
            SIMULATED_OUTCOMES
                .iter()
                .find(|(_, value, _)| *value == code)
                .map(|(outcome, ..)| *outcome)
        } else {
            None
        };
        let request = TakeCardPaymentRequest {
            command_id: form.command_id.get_value(),
            payment_reference: page.payment_reference.get_value(),
            amount: amount.get_untracked().trim().to_string(),
            allocation: allocation.get_untracked(),
            simulated_outcome: simulated,
        };
        send_command(
            page,
            form,
            async move { ipc::take_card_payment(&request).await },
            move |outcome| {
                // Recorded, approved or declined: this command is finished either way, and the
                // form stays open to show what the terminal said.
                form.done.set(true);
                page.detail.try_set(Some(outcome.account));
                payment.try_set(Some(outcome.payment));
            },
        );
    };
    let result = move || {
        payment.get().map(|payment| {
            let declined = payment.state == "declined";
            let class = if declined {
                "form-error error-message card-result card-declined"
            } else {
                "notice card-result"
            };
            let role = if declined { "alert" } else { "status" };
            let payment_id = StoredValue::new(payment.payment_id.clone());
            let receipt = (!declined).then(|| {
                view! {
                    <button id="card-receipt" class="button button-secondary" type="button"
                        disabled=receipt_busy
                        on:click=move |_| produce_visit_document(
                            page,
                            "receipt",
                            payment_id.get_value(),
                            receipt_busy,
                            receipt_result,
                        )>
                        "Receipt (PDF)"
                    </button>
                    <div id="card-receipt-result" aria-live="polite">
                        {document_outcome_view(receipt_result)}
                    </div>
                }
            });
            view! {
                <div id="card-result" class=class role=role data-state=payment.state.clone()>
                    <p class="card-result-state">
                        {format!("{}: {}", money_text(payment.amount), payment.state_label)}
                    </p>
                    <p>{format!("Receipt number {}", payment.receipt_number)}</p>
                    <p>{payment.card}</p>
                </div>
                {receipt}
            }
        })
    };

    view! {
        <FormFrame id="card-form" title="Take a card payment".to_string() form=form
            on_submit=submit submit_id="card-submit" submit_label="Send to the card reader">
            <Show when=is_simulator>
                <p class="simulator-label">
                    "SIMULATED TERMINAL — training only, no money is taken"
                </p>
            </Show>
            <div class="form-row">
                <div class="form-group" class:form-group-error=form.has_error_on("amount")>
                    <label class="label" for="card-amount">"Amount (£)"</label>
                    <input id="card-amount" class="input input-money" type="text"
                        inputmode="decimal" autocomplete="off" spellcheck="false"
                        node_ref=first_input prop:value=amount
                        on:input=move |event| amount.set(event_target_value(&event)) />
                </div>
                <div class="form-group" class:form-group-error=form.has_error_on("allocation")>
                    <label class="label" for="card-allocation">"Pays"</label>
                    {code_select("card-allocation", &CARD_ALLOCATIONS, allocation)}
                </div>
                <Show when=is_simulator>
                    <div class="form-group"
                        class:form-group-error=form.has_error_on("simulated_outcome")>
                        <label class="label" for="card-simulated-outcome">
                            "Simulated terminal outcome (training)"
                        </label>
                        {code_select(
                            "card-simulated-outcome",
                            &SIMULATED_OUTCOME_OPTIONS,
                            simulated_outcome,
                        )}
                    </div>
                </Show>
            </div>
            <p class="inset-text">
                "Present the card to the reader. Never write down or type the card number, \
                 expiry date or security code."
            </p>
            {result}
        </FormFrame>
    }
}

#[component]
pub fn ChequeForm() -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let form = FormState::new(&[
        ("cheque_number", "cheque-number"),
        ("drawer", "cheque-drawer"),
        ("amount", "cheque-amount"),
        ("dated_on", "cheque-dated-on"),
        ("received_on", "cheque-received-on"),
    ]);
    let as_at = date_input_value(page.as_at());
    let cheque_number = RwSignal::new(String::new());
    let drawer = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let dated_on = RwSignal::new(as_at.clone());
    let received_on = RwSignal::new(as_at);
    let first_input = NodeRef::<html::Input>::new();
    focus_when_mounted(first_input);

    let submit = move || {
        let Some(dated_on) = required_date(
            form,
            &dated_on.get_untracked(),
            "dated_on",
            "Enter the date written on the cheque.",
        ) else {
            return;
        };
        let Some(received_on) = required_date(
            form,
            &received_on.get_untracked(),
            "received_on",
            "Enter the date you received the cheque.",
        ) else {
            return;
        };
        let request = RecordChequeRequest {
            command_id: form.command_id.get_value(),
            payment_reference: page.payment_reference.get_value(),
            cheque_number: cheque_number.get_untracked().trim().to_string(),
            drawer: drawer.get_untracked(),
            amount: amount.get_untracked().trim().to_string(),
            dated_on,
            received_on,
        };
        send_change(
            page,
            form,
            async move { ipc::record_cheque(&request).await },
            |account| balance_notice("Cheque recorded.", account),
        );
    };
    let text_input = move |id: &'static str,
                           label: &'static str,
                           field: &'static str,
                           value: RwSignal<String>,
                           money: bool| {
        let class = if money { "input input-money" } else { "input" };
        view! {
            <div class="form-group" class:form-group-error=form.has_error_on(field)>
                <label class="label" for=id>{label}</label>
                <input id=id class=class type="text" autocomplete="off" spellcheck="false"
                    inputmode=money.then_some("decimal") prop:value=value
                    on:input=move |event| value.set(event_target_value(&event)) />
            </div>
        }
    };
    let date_input = move |id: &'static str,
                           label: &'static str,
                           field: &'static str,
                           value: RwSignal<String>| {
        view! {
            <div class="form-group" class:form-group-error=form.has_error_on(field)>
                <label class="label" for=id>{label}</label>
                <input id=id class="input" type="date" prop:value=value
                    on:input=move |event| value.set(event_target_value(&event)) />
            </div>
        }
    };
    view! {
        <FormFrame id="cheque-form" title="Record a cheque".to_string() form=form
            on_submit=submit submit_id="cheque-submit" submit_label="Record cheque">
            <div class="form-row">
                <div class="form-group" class:form-group-error=form.has_error_on("cheque_number")>
                    <label class="label" for="cheque-number">"Cheque number"</label>
                    <input id="cheque-number" class="input input-short" type="text"
                        inputmode="numeric" autocomplete="off" node_ref=first_input
                        prop:value=cheque_number
                        on:input=move |event| cheque_number.set(event_target_value(&event)) />
                </div>
                {text_input("cheque-drawer", "Drawer (name on the cheque)", "drawer", drawer, false)}
                {text_input("cheque-amount", "Amount (£)", "amount", amount, true)}
            </div>
            <div class="form-row">
                {date_input("cheque-dated-on", "Dated", "dated_on", dated_on)}
                {date_input("cheque-received-on", "Received on", "received_on", received_on)}
            </div>
        </FormFrame>
    }
}

const MANDATE_FREQUENCIES: [(&str, &str); 4] = [
    ("weekly", "Weekly"),
    ("fortnightly", "Fortnightly"),
    ("four_weekly", "Every 4 weeks"),
    ("monthly", "Calendar monthly"),
];

const MANDATE_COVERS: [(&str, &str); 2] = [
    ("rent", "Rent only"),
    (
        "rent_and_arrangement",
        "Rent and the arrangement instalment",
    ),
];

/// Days ahead the first collection defaults to: the Direct Debit Guarantee needs ten working
/// days' advance notice of a first collection, which fourteen calendar days always covers
/// outside bank holiday weeks. The officer can change it.
pub const MANDATE_FIRST_COLLECTION_DAYS_DEFAULT: i64 = 14;

/// What the mandate collects: the rent, plus the arrangement's instalment when it covers both.
fn mandate_amount(rent: Decimal, instalment: Option<Decimal>, covers: &str) -> Decimal {
    match (covers, instalment) {
        ("rent_and_arrangement", Some(instalment)) => rent + instalment,
        _ => rent,
    }
}

#[component]
pub fn DirectDebitForm() -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let form = FormState::new(&[
        ("account_holder", "dd-holder"),
        ("sort_code", "dd-sort-code"),
        ("account_number", "dd-account-number"),
        ("frequency", "dd-frequency"),
        ("amount", "dd-amount"),
        ("first_collection_on", "dd-first-collection"),
        ("covers", "dd-covers"),
        ("holder_confirmed", "dd-confirmed"),
    ]);
    let (rent, rent_frequency, instalment) = page.visit_panel.with_untracked(|panel| {
        panel
            .as_ref()
            .map(|panel| {
                (
                    panel.rent_amount,
                    panel.rent_frequency.clone(),
                    panel.arrangement_instalment,
                )
            })
            .unwrap_or((Decimal::ZERO, String::new(), None))
    });
    let holder = RwSignal::new(String::new());
    let sort_code = RwSignal::new(String::new());
    let account_number = RwSignal::new(String::new());
    let check = RwSignal::new(None::<BankDetailsCheck>);
    let frequency = RwSignal::new(
        MANDATE_FREQUENCIES
            .iter()
            .find(|(code, _)| *code == rent_frequency)
            .map(|(code, _)| code.to_string())
            .unwrap_or_else(|| MANDATE_FREQUENCIES[0].0.to_string()),
    );
    let covers = RwSignal::new(MANDATE_COVERS[0].0.to_string());
    let amount = RwSignal::new(if rent > Decimal::ZERO {
        format!("{:.2}", rent)
    } else {
        String::new()
    });
    // Changing what the mandate covers sets the amount to match; the officer may still edit it.
    Effect::new(move |previous: Option<()>| {
        let covers = covers.get();
        if previous.is_some() {
            amount.set(format!("{:.2}", mandate_amount(rent, instalment, &covers)));
        }
    });
    let first_collection_on = RwSignal::new(date_input_value(
        page.as_at() + Duration::days(MANDATE_FIRST_COLLECTION_DAYS_DEFAULT),
    ));
    let confirmed = RwSignal::new(false);
    let first_input = NodeRef::<html::Input>::new();
    focus_when_mounted(first_input);

    let check_details = move || {
        let request = CheckBankDetailsRequest {
            sort_code: sort_code.get_untracked().trim().to_string(),
            account_number: account_number.get_untracked().trim().to_string(),
        };
        if request.sort_code.is_empty() || request.account_number.is_empty() {
            check.set(None);
            return;
        }
        let ticket = page.state.lock_ticket();
        spawn_local(async move {
            let answer = ipc::check_bank_details(&request).await;
            if !page.state.is_unlocked_since(ticket) {
                return;
            }
            match answer {
                Ok(verdict) => {
                    check.try_set(Some(verdict));
                }
                Err(failure) => {
                    if let Some(message) = page.state.message_for(failure) {
                        form.fail(message, None);
                    }
                }
            }
        });
    };

    let submit = move || {
        let Some(first_collection_on) = required_date(
            form,
            &first_collection_on.get_untracked(),
            "first_collection_on",
            "Enter the date of the first collection.",
        ) else {
            return;
        };
        let request = CreateMandateRequest {
            command_id: form.command_id.get_value(),
            payment_reference: page.payment_reference.get_value(),
            account_holder: holder.get_untracked(),
            sort_code: sort_code.get_untracked().trim().to_string(),
            account_number: account_number.get_untracked().trim().to_string(),
            frequency: frequency.get_untracked(),
            amount: amount.get_untracked().trim().to_string(),
            first_collection_on,
            covers: covers.get_untracked(),
            holder_confirmed: confirmed.get_untracked(),
        };
        send_change(
            page,
            form,
            async move { ipc::create_mandate(&request).await },
            move |account| {
                // The mandate holds the details now, sealed in the store; the form forgets them.
                sort_code.try_set(String::new());
                account_number.try_set(String::new());
                check.try_set(None);
                balance_notice("Direct Debit mandate set up.", account)
            },
        );
    };
    let check_view = move || {
        check.get().map(|check| {
            let class = format!("dd-check dd-check-{}", check.verdict);
            let role = (check.verdict == "invalid").then_some("alert");
            view! { <p id="dd-check" class=class role=role>{check.sentence}</p> }
        })
    };
    let instalment_hint = instalment.map(|instalment| {
        view! {
            <p class="hint">
                {format!(
                    "Rent {} plus the arrangement's {} makes {}.",
                    money_text(rent),
                    money_text(instalment),
                    money_text(rent + instalment)
                )}
            </p>
        }
    });

    view! {
        <FormFrame id="dd-form" title="Set up a Direct Debit".to_string() form=form
            on_submit=submit submit_id="dd-submit" submit_label="Set up Direct Debit">
            <div class="form-group" class:form-group-error=form.has_error_on("account_holder")>
                <label class="label" for="dd-holder">"Account holder's name"</label>
                <input id="dd-holder" class="input" type="text" autocomplete="off"
                    node_ref=first_input prop:value=holder
                    on:input=move |event| holder.set(event_target_value(&event)) />
            </div>
            <div class="form-row">
                <div class="form-group" class:form-group-error=form.has_error_on("sort_code")>
                    <label class="label" for="dd-sort-code">"Sort code"</label>
                    <input id="dd-sort-code" class="input input-short" type="text"
                        inputmode="numeric" autocomplete="off" spellcheck="false"
                        prop:value=sort_code
                        on:input=move |event| sort_code.set(event_target_value(&event))
                        on:blur=move |_| check_details() />
                </div>
                <div class="form-group" class:form-group-error=form.has_error_on("account_number")>
                    <label class="label" for="dd-account-number">"Account number"</label>
                    <input id="dd-account-number" class="input" type="text" inputmode="numeric"
                        autocomplete="off" spellcheck="false" prop:value=account_number
                        on:input=move |event| account_number.set(event_target_value(&event))
                        on:blur=move |_| check_details() />
                </div>
            </div>
            <div aria-live="polite">{check_view}</div>
            <div class="form-row">
                <div class="form-group" class:form-group-error=form.has_error_on("covers")>
                    <label class="label" for="dd-covers">"Covers"</label>
                    {code_select("dd-covers", &MANDATE_COVERS, covers)}
                </div>
                <div class="form-group" class:form-group-error=form.has_error_on("frequency")>
                    <label class="label" for="dd-frequency">"How often"</label>
                    {code_select("dd-frequency", &MANDATE_FREQUENCIES, frequency)}
                </div>
                <div class="form-group" class:form-group-error=form.has_error_on("amount")>
                    <label class="label" for="dd-amount">"Amount (£)"</label>
                    <input id="dd-amount" class="input input-money" type="text"
                        inputmode="decimal" autocomplete="off" prop:value=amount
                        on:input=move |event| amount.set(event_target_value(&event)) />
                </div>
                <div class="form-group"
                    class:form-group-error=form.has_error_on("first_collection_on")>
                    <label class="label" for="dd-first-collection">"First collection on"</label>
                    <input id="dd-first-collection" class="input" type="date"
                        prop:value=first_collection_on
                        on:input=move |event| first_collection_on.set(event_target_value(&event)) />
                </div>
            </div>
            {instalment_hint}
            <div class="form-group checkbox-group"
                class:form-group-error=form.has_error_on("holder_confirmed")>
                <input id="dd-confirmed" class="checkbox" type="checkbox" prop:checked=confirmed
                    on:change=move |event| confirmed.set(event_target_checked(&event)) />
                <label class="checkbox-label" for="dd-confirmed">
                    "The account holder confirms they can authorise debits from this account"
                </label>
            </div>
        </FormFrame>
    }
}
