//! The forms on the account page: record a payment, reverse an entry, make or cancel an
//! arrangement, add a diary entry, set a hold, and produce documents.
//!
//! One form shows at a time, in the panel under the action buttons. Each form makes its command
//! id (UUID v7) when it opens and keeps it across retries, so a submit repeated after a lost
//! answer is recorded once; a form opened again after success has a new id. Submit is disabled
//! while the command is in flight. The core's refusal shows in the form (`.form-error`); an
//! `invalid` refusal names the request field, and the input for it is marked and focused. On
//! success the core answers with the whole account, which replaces the page's data.

use std::future::Future;

use chrono::Duration;
use doorstep_api::{
    AccountDetail, ApiError, ArrangementView, CancelArrangementRequest, CreateArrangementRequest,
    DocumentKind, HoldKind, ProduceDocumentRequest, RecordDiaryRequest, RecordPaymentRequest,
    RecordedPaymentMethod, ReverseEntryRequest, SetHoldRequest,
};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::display::{date_input_value, money_text, parse_date_input};
use crate::ipc::{self, CallError};
use crate::screens::account::AccountPage;
use crate::screens::caseload::element_by_id;
use crate::screens::set_up::focus_when_mounted;
use crate::screens::visit_forms::{
    CardPaymentForm, CheckInForm, ChequeForm, DirectDebitForm, IncomeExpenditureForm,
    RecordVisitForm,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountForm {
    RecordPayment,
    Reverse {
        entry_id: String,
        /// "Payment on 12 May 2026: £25.00", so the officer sees what they are reversing.
        summary: String,
    },
    /// Opened blank from the action bar, or with the instalment an income and expenditure
    /// assessment proposed.
    MakeArrangement(ArrangementDraft),
    CancelArrangement,
    Diary,
    Hold,
    CheckIn,
    RecordVisit,
    IncomeExpenditure,
    TakeCardPayment,
    RecordCheque,
    DirectDebit,
}

impl AccountForm {
    /// Whether two forms are the same kind, whatever they were opened with: the action bar's
    /// button shows as open however the form was opened.
    fn same_kind(&self, other: &AccountForm) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// What the Make arrangement form starts with; blank fields start at the form's defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArrangementDraft {
    /// Pounds as the form shows them, "25.00".
    pub instalment: String,
    /// A frequency code, "weekly".
    pub frequency: Option<String>,
}

/// An arrangement the officer can cancel or that a new one supersedes. `ArrangementView`
/// carries its state in words; these are the two the API names for an open one.
pub fn arrangement_is_open(arrangement: &ArrangementView) -> bool {
    matches!(arrangement.state.as_str(), "Live" | "Breached")
}

impl AccountPage {
    /// Shows a form (a fresh one, unless that very form is already showing).
    pub fn show_form(self, form: AccountForm) {
        self.notice.set(None);
        if self.open_form.get_untracked().as_ref() != Some(&form) {
            self.open_form.set(Some(form));
        }
    }

    pub(crate) fn as_at(self) -> chrono::NaiveDate {
        self.detail
            .with_untracked(|account| account.as_ref().map(|account| account.as_at))
            .unwrap_or_else(crate::session::today)
    }

    fn open_arrangement(self) -> Option<ArrangementView> {
        self.detail.with_untracked(|account| {
            account
                .as_ref()
                .and_then(|account| account.arrangements.first())
                .filter(|arrangement| arrangement_is_open(arrangement))
                .cloned()
        })
    }
}

/// The buttons that open the forms.
#[component]
pub fn ActionBar() -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let button = move |id: &'static str, label: &'static str, form: AccountForm| {
        let is_showing = {
            let form = form.clone();
            move || {
                page.open_form
                    .with(|open| open.as_ref().is_some_and(|open| open.same_kind(&form)))
            }
        };
        view! {
            <button id=id class="button button-secondary" type="button"
                aria-expanded=move || if is_showing() { "true" } else { "false" }
                on:click=move |_| page.show_form(form.clone())>
                {label}
            </button>
        }
    };
    let notice = move || {
        page.notice.get().map(|notice| {
            view! { <p id="action-result" class="notice" role="status" tabindex="-1">{notice}</p> }
        })
    };
    view! {
        <div class="action-bar button-group" role="group" aria-label="Record">
            {button("record-payment", "Record payment", AccountForm::RecordPayment)}
            {button(
                "make-arrangement",
                "Make arrangement",
                AccountForm::MakeArrangement(ArrangementDraft::default()),
            )}
            {button("record-diary", "Add diary entry", AccountForm::Diary)}
            {button("set-hold", "Set a hold", AccountForm::Hold)}
        </div>
        <div class="action-bar action-bar-visit" role="group" aria-labelledby="visit-actions-label">
            <span id="visit-actions-label" class="action-bar-label">"On a visit"</span>
            <div class="button-group">
                {button("check-in", "Check in", AccountForm::CheckIn)}
                {button("record-visit", "Record visit", AccountForm::RecordVisit)}
                {button("income-expenditure", "Income and expenditure", AccountForm::IncomeExpenditure)}
                {button("take-card-payment", "Take card payment", AccountForm::TakeCardPayment)}
                {button("record-cheque", "Record cheque", AccountForm::RecordCheque)}
                {button("direct-debit", "Set up Direct Debit", AccountForm::DirectDebit)}
            </div>
        </div>
        {notice}
    }
}

/// The form that is showing, drawn afresh each time a form opens (so its command id is new).
#[component]
pub fn FormPanel() -> impl IntoView {
    let page = expect_context::<AccountPage>();
    move || {
        page.open_form.get().map(|form| match form {
            AccountForm::RecordPayment => view! { <RecordPaymentForm /> }.into_any(),
            AccountForm::Reverse { entry_id, summary } => {
                view! { <ReverseEntryForm entry_id=entry_id summary=summary /> }.into_any()
            }
            AccountForm::MakeArrangement(draft) => {
                view! { <MakeArrangementForm draft=draft /> }.into_any()
            }
            AccountForm::CancelArrangement => view! { <CancelArrangementForm /> }.into_any(),
            AccountForm::Diary => view! { <DiaryForm /> }.into_any(),
            AccountForm::Hold => view! { <HoldForm /> }.into_any(),
            AccountForm::CheckIn => view! { <CheckInForm /> }.into_any(),
            AccountForm::RecordVisit => view! { <RecordVisitForm /> }.into_any(),
            AccountForm::IncomeExpenditure => view! { <IncomeExpenditureForm /> }.into_any(),
            AccountForm::TakeCardPayment => view! { <CardPaymentForm /> }.into_any(),
            AccountForm::RecordCheque => view! { <ChequeForm /> }.into_any(),
            AccountForm::DirectDebit => view! { <DirectDebitForm /> }.into_any(),
        })
    }
}

/// A refusal shown in the form; `field` is the request field the core named, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormFailure {
    pub(crate) message: String,
    pub(crate) field: Option<String>,
}

/// One open form's state. `fields` maps the request's field names (as the core names them in
/// `ApiError::Invalid`) to the ids of the inputs that hold them.
#[derive(Clone, Copy)]
pub(crate) struct FormState {
    pub(crate) busy: RwSignal<bool>,
    pub(crate) failure: RwSignal<Option<FormFailure>>,
    pub(crate) command_id: StoredValue<String>,
    /// The command was recorded and the form stays open to show what happened (a card
    /// payment): the submit button goes, so the same payment cannot be sent twice.
    pub(crate) done: RwSignal<bool>,
    fields: &'static [(&'static str, &'static str)],
}

impl FormState {
    pub(crate) fn new(fields: &'static [(&'static str, &'static str)]) -> FormState {
        FormState {
            busy: RwSignal::new(false),
            failure: RwSignal::new(None),
            command_id: StoredValue::new(ipc::new_command_id()),
            done: RwSignal::new(false),
            fields,
        }
    }

    /// Whether the input for `field` is the one the refusal names.
    pub(crate) fn has_error_on(
        self,
        field: &'static str,
    ) -> impl Fn() -> bool + Copy + Send + Sync {
        move || {
            self.failure.with(|failure| {
                failure
                    .as_ref()
                    .and_then(|failure| failure.field.as_deref())
                    == Some(field)
            })
        }
    }

    /// Shows a refusal and puts the cursor in the input it names.
    pub(crate) fn fail(self, message: String, field: Option<String>) {
        let input_id = field
            .as_deref()
            .and_then(|field| input_id_for(self.fields, field));
        self.failure.try_set(Some(FormFailure { message, field }));
        if let Some(input) = input_id.as_deref().and_then(element_by_id) {
            let _ = input.focus();
        }
    }

    /// The error paragraph every form shows at its top.
    pub(crate) fn error_view(self) -> impl IntoView {
        move || {
            self.failure.get().map(|failure| {
                view! { <p class="form-error error-message" role="alert">{failure.message}</p> }
            })
        }
    }
}

/// The input for a request field. A name ending in `*` stands for a family of fields the core
/// names with a suffix ("line:earnings"), and the `*` in its input id takes the same suffix.
fn input_id_for(fields: &[(&'static str, &'static str)], field: &str) -> Option<String> {
    fields
        .iter()
        .find_map(|(name, id)| match name.strip_suffix('*') {
            Some(prefix) => field
                .strip_prefix(prefix)
                .map(|suffix| id.replace('*', suffix)),
            None => (*name == field).then(|| id.to_string()),
        })
}

/// Reads a date input, or refuses in the form with `message` against `field`.
pub(crate) fn required_date(
    form: FormState,
    value: &str,
    field: &'static str,
    message: &str,
) -> Option<chrono::NaiveDate> {
    let date = parse_date_input(value);
    if date.is_none() {
        form.fail(message.to_string(), Some(field.to_string()));
    }
    date
}

/// Sends a change to the account and applies the answer: the new account replaces the page's
/// data, the form closes, and `notice` (given the new account) says what happened.
pub(crate) fn send_change<Change, Notice>(
    page: AccountPage,
    form: FormState,
    change: Change,
    notice: Notice,
) where
    Change: Future<Output = Result<AccountDetail, CallError>> + 'static,
    Notice: FnOnce(&AccountDetail) -> String + 'static,
{
    send_command(page, form, change, move |account| {
        let text = notice(&account);
        page.detail.try_set(Some(account));
        page.close_form_with_notice(text);
    });
}

impl AccountPage {
    /// Closes the form and says what the change did, in `#action-result` (focused, so a
    /// screen reader reads it).
    pub(crate) fn close_form_with_notice(self, text: String) {
        self.open_form.try_set(None);
        self.notice.try_set(Some(text));
        if let Some(element) = element_by_id("action-result") {
            let _ = element.focus();
        }
    }
}

/// Sends a command from a form: Submit is disabled meanwhile, a refusal shows in the form
/// (the named input focused), and `on_success` gets the answer unless the store was locked
/// since. The visit panel is fetched again after every success, since any change to the
/// account may change what it shows.
pub(crate) fn send_command<Answer, Command, Success>(
    page: AccountPage,
    form: FormState,
    command: Command,
    on_success: Success,
) where
    Answer: 'static,
    Command: Future<Output = Result<Answer, CallError>> + 'static,
    Success: FnOnce(Answer) + 'static,
{
    form.busy.set(true);
    form.failure.set(None);
    let ticket = page.state.lock_ticket();
    spawn_local(async move {
        let result = command.await;
        form.busy.try_set(false);
        // A lock since the submit dropped the account from memory; it must not come back.
        if !page.state.is_unlocked_since(ticket) {
            return;
        }
        match result {
            Ok(answer) => {
                on_success(answer);
                page.reload_visit_panel();
            }
            Err(failure) => {
                let field = match &failure {
                    CallError::Api(ApiError::Invalid { field, .. }) => Some(field.clone()),
                    _ => None,
                };
                if let Some(message) = page.state.message_for(failure) {
                    form.fail(message, field);
                }
            }
        }
    });
}

pub(crate) fn balance_notice(what: &str, account: &AccountDetail) -> String {
    format!(
        "{what} The balance is now {}; next action: {}.",
        money_text(account.balance),
        account.next_action.label
    )
}

/// The panel around every form: a heading, the form, and Cancel.
#[component]
pub(crate) fn FormFrame(
    id: &'static str,
    title: String,
    form: FormState,
    on_submit: impl Fn() + 'static,
    submit_id: &'static str,
    submit_label: &'static str,
    children: Children,
) -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section id=id class="panel form-panel" aria-labelledby=labelled_by>
            <h2 id=heading_id class="panel-heading">{title}</h2>
            {form.error_view()}
            <form class="form" novalidate
                on:submit=move |event| {
                    event.prevent_default();
                    if !form.busy.get_untracked() {
                        on_submit();
                    }
                }>
                {children()}
                <p class="busy" aria-live="polite">{move || form.busy.get().then_some("Saving…")}</p>
                <div class="button-group">
                    <Show when=move || !form.done.get()>
                        <button id=submit_id class="button" type="submit" disabled=form.busy>
                            {submit_label}
                        </button>
                    </Show>
                    <button class="button button-secondary form-cancel" type="button"
                        on:click=move |_| page.open_form.set(None)>
                        {move || if form.done.get() { "Close" } else { "Cancel" }}
                    </button>
                </div>
            </form>
        </section>
    }
}

fn method_value(method: RecordedPaymentMethod) -> &'static str {
    match method {
        RecordedPaymentMethod::Card => "card",
        RecordedPaymentMethod::Cheque => "cheque",
        RecordedPaymentMethod::CashOffice => "cash_office",
        RecordedPaymentMethod::DirectDebit => "direct_debit",
        RecordedPaymentMethod::StandingOrder => "standing_order",
        RecordedPaymentMethod::PayPoint => "pay_point",
        RecordedPaymentMethod::ThirdParty => "third_party",
    }
}

#[component]
fn RecordPaymentForm() -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let form = FormState::new(&[
        ("method", "payment-method"),
        ("amount", "payment-amount"),
        ("received_on", "payment-date"),
        ("note", "payment-note"),
    ]);
    let method = RwSignal::new(RecordedPaymentMethod::ALL[0]);
    let amount = RwSignal::new(String::new());
    let received_on = RwSignal::new(date_input_value(page.as_at()));
    let note = RwSignal::new(String::new());
    let first_input = NodeRef::<html::Select>::new();
    focus_when_mounted(first_input);

    let submit = move || {
        let Some(received_on) = required_date(
            form,
            &received_on.get_untracked(),
            "received_on",
            "Enter the date the payment was received.",
        ) else {
            return;
        };
        let request = RecordPaymentRequest {
            payment_reference: page.payment_reference.get_value(),
            command_id: form.command_id.get_value(),
            method: method.get_untracked(),
            amount: amount.get_untracked().trim().to_string(),
            received_on,
            note: note.get_untracked(),
        };
        send_change(
            page,
            form,
            async move { ipc::record_payment(&request).await },
            |account| balance_notice("Payment recorded.", account),
        );
    };

    view! {
        <FormFrame id="payment-form" title="Record a payment".to_string() form=form
            on_submit=submit submit_id="payment-submit" submit_label="Record payment">
            <div class="form-row">
                <div class="form-group" class:form-group-error=form.has_error_on("method")>
                    <label class="label" for="payment-method">"Method"</label>
                    <select id="payment-method" class="select" node_ref=first_input
                        on:change=move |event| {
                            let value = event_target_value(&event);
                            if let Some(chosen) = RecordedPaymentMethod::ALL
                                .into_iter()
                                .find(|candidate| method_value(*candidate) == value)
                            {
                                method.set(chosen);
                            }
                        }>
                        {RecordedPaymentMethod::ALL.into_iter().map(|candidate| view! {
                            <option value=method_value(candidate)
                                selected=move || method.get() == candidate>
                                {candidate.label()}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-group" class:form-group-error=form.has_error_on("amount")>
                    <label class="label" for="payment-amount">"Amount (£)"</label>
                    <input id="payment-amount" class="input input-money" type="text"
                        inputmode="decimal" autocomplete="off" spellcheck="false"
                        prop:value=amount
                        on:input=move |event| amount.set(event_target_value(&event)) />
                </div>
                <div class="form-group" class:form-group-error=form.has_error_on("received_on")>
                    <label class="label" for="payment-date">"Received on"</label>
                    <input id="payment-date" class="input" type="date" prop:value=received_on
                        on:input=move |event| received_on.set(event_target_value(&event)) />
                </div>
            </div>
            <div class="form-group" class:form-group-error=form.has_error_on("note")>
                <label class="label" for="payment-note">"Receipt number or note"</label>
                <p id="payment-note-hint" class="hint">
                    "A receipt or cheque number. Never card numbers or security codes."
                </p>
                <input id="payment-note" class="input" type="text" autocomplete="off"
                    aria-describedby="payment-note-hint" prop:value=note
                    on:input=move |event| note.set(event_target_value(&event)) />
            </div>
        </FormFrame>
    }
}

#[component]
fn ReverseEntryForm(entry_id: String, summary: String) -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let form = FormState::new(&[("reason", "reverse-reason")]);
    let reason = RwSignal::new(String::new());
    let first_input = NodeRef::<html::Input>::new();
    focus_when_mounted(first_input);
    let entry_id = StoredValue::new(entry_id);

    let submit = move || {
        let request = ReverseEntryRequest {
            payment_reference: page.payment_reference.get_value(),
            command_id: form.command_id.get_value(),
            entry_id: entry_id.get_value(),
            reason: reason.get_untracked(),
        };
        send_change(
            page,
            form,
            async move { ipc::reverse_entry(&request).await },
            |account| balance_notice("Entry reversed.", account),
        );
    };

    view! {
        <FormFrame id="reverse-form" title="Reverse an entry".to_string() form=form
            on_submit=submit submit_id="reverse-submit" submit_label="Reverse entry">
            <p id="reverse-summary" class="inset-text">{summary}</p>
            <p class="hint">
                "The entry stays on the account; a reversing entry cancels it, so head office and \
                 the court schedule see both."
            </p>
            <div class="form-group" class:form-group-error=form.has_error_on("reason")>
                <label class="label" for="reverse-reason">"Why is it being reversed?"</label>
                <input id="reverse-reason" class="input" type="text" autocomplete="off"
                    node_ref=first_input prop:value=reason
                    on:input=move |event| reason.set(event_target_value(&event)) />
            </div>
        </FormFrame>
    }
}

const ARRANGEMENT_KINDS: [(&str, &str); 2] = [
    ("informal", "Informal (agreed with the tenant)"),
    ("court_ordered", "Court ordered (terms of an order)"),
];

pub(crate) const ARRANGEMENT_FREQUENCIES: [(&str, &str); 5] = [
    ("weekly", "Weekly"),
    ("fortnightly", "Fortnightly"),
    ("four_weekly", "Every 4 weeks"),
    ("monthly", "Calendar monthly"),
    ("one_off", "One-off"),
];

/// The Hackney breach check's default: a payment up to this many days late is not a breach.
pub const ARRANGEMENT_TOLERANCE_DAYS_DEFAULT: u32 = 5;

/// A plain `<select>` over `(value, label)` pairs, bound to `selected`.
pub(crate) fn code_select(
    id: &'static str,
    options: &'static [(&'static str, &'static str)],
    selected: RwSignal<String>,
) -> impl IntoView {
    view! {
        <select id=id class="select"
            on:change=move |event| selected.set(event_target_value(&event))>
            {options.iter().map(|(value, label)| view! {
                <option value=*value selected=move || selected.get() == *value>{*label}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
fn MakeArrangementForm(draft: ArrangementDraft) -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let form = FormState::new(&[
        ("kind", "arrangement-kind"),
        ("frequency", "arrangement-frequency"),
        ("instalment", "arrangement-instalment"),
        ("first_instalment_on", "arrangement-first-date"),
        ("initial_payment", "arrangement-initial"),
        ("initial_payment_on", "arrangement-initial-date"),
        ("tolerance_days", "arrangement-tolerance"),
        ("note", "arrangement-note"),
    ]);
    let as_at = page.as_at();
    let kind = RwSignal::new(ARRANGEMENT_KINDS[0].0.to_string());
    let frequency = RwSignal::new(
        draft
            .frequency
            .filter(|code| {
                ARRANGEMENT_FREQUENCIES
                    .iter()
                    .any(|(value, _)| value == code)
            })
            .unwrap_or_else(|| ARRANGEMENT_FREQUENCIES[0].0.to_string()),
    );
    let instalment = RwSignal::new(draft.instalment);
    // A week ahead: the usual first instalment is the next payday, not today.
    let first_instalment_on = RwSignal::new(date_input_value(as_at + Duration::days(7)));
    let initial_payment = RwSignal::new(String::new());
    let initial_payment_on = RwSignal::new(String::new());
    let tolerance_days = RwSignal::new(ARRANGEMENT_TOLERANCE_DAYS_DEFAULT.to_string());
    let note = RwSignal::new(String::new());
    let first_input = NodeRef::<html::Select>::new();
    focus_when_mounted(first_input);

    let supersedes = page.open_arrangement().map(|open| {
        view! {
            <p id="arrangement-supersedes" class="inset-text">
                {format!(
                    "This replaces the {} arrangement ({}). It will be marked superseded.",
                    open.state.to_lowercase(),
                    open.terms
                )}
            </p>
        }
    });

    let submit = move || {
        let Some(first_instalment_on) = required_date(
            form,
            &first_instalment_on.get_untracked(),
            "first_instalment_on",
            "Enter the date of the first instalment.",
        ) else {
            return;
        };
        let Ok(tolerance_days) = tolerance_days.get_untracked().trim().parse::<u32>() else {
            form.fail(
                "Enter the tolerance as a whole number of days, such as 5.".to_string(),
                Some("tolerance_days".to_string()),
            );
            return;
        };
        let request = CreateArrangementRequest {
            payment_reference: page.payment_reference.get_value(),
            command_id: form.command_id.get_value(),
            kind: kind.get_untracked(),
            frequency: frequency.get_untracked(),
            instalment: instalment.get_untracked().trim().to_string(),
            first_instalment_on,
            initial_payment: initial_payment.get_untracked().trim().to_string(),
            // Blank is none; a half-typed date is also none, and the core names what is missing.
            initial_payment_on: parse_date_input(&initial_payment_on.get_untracked()),
            tolerance_days,
            note: note.get_untracked(),
        };
        send_change(
            page,
            form,
            async move { ipc::create_arrangement(&request).await },
            |account| balance_notice("Arrangement made.", account),
        );
    };

    view! {
        <FormFrame id="arrangement-form" title="Make an arrangement".to_string() form=form
            on_submit=submit submit_id="arrangement-submit" submit_label="Make arrangement">
            {supersedes}
            <div class="form-row">
                <div class="form-group" class:form-group-error=form.has_error_on("kind")>
                    <label class="label" for="arrangement-kind">"Kind"</label>
                    {code_select("arrangement-kind", &ARRANGEMENT_KINDS, kind)}
                </div>
                <div class="form-group" class:form-group-error=form.has_error_on("frequency")>
                    <label class="label" for="arrangement-frequency">"How often"</label>
                    {code_select("arrangement-frequency", &ARRANGEMENT_FREQUENCIES, frequency)}
                </div>
            </div>
            <div class="form-row">
                <div class="form-group" class:form-group-error=form.has_error_on("instalment")>
                    <label class="label" for="arrangement-instalment">"Instalment (£)"</label>
                    <input id="arrangement-instalment" class="input input-money" type="text"
                        inputmode="decimal" autocomplete="off" prop:value=instalment
                        on:input=move |event| instalment.set(event_target_value(&event)) />
                </div>
                <div class="form-group"
                    class:form-group-error=form.has_error_on("first_instalment_on")>
                    <label class="label" for="arrangement-first-date">"First instalment on"</label>
                    <input id="arrangement-first-date" class="input" type="date"
                        prop:value=first_instalment_on
                        on:input=move |event| first_instalment_on.set(event_target_value(&event)) />
                </div>
            </div>
            <div class="form-row">
                <div class="form-group"
                    class:form-group-error=form.has_error_on("initial_payment")>
                    <label class="label" for="arrangement-initial">
                        "Initial lump sum (£, optional)"
                    </label>
                    <input id="arrangement-initial" class="input input-money" type="text"
                        inputmode="decimal" autocomplete="off" prop:value=initial_payment
                        on:input=move |event| initial_payment.set(event_target_value(&event)) />
                </div>
                <div class="form-group"
                    class:form-group-error=form.has_error_on("initial_payment_on")>
                    <label class="label" for="arrangement-initial-date">"Lump sum due on"</label>
                    <input id="arrangement-initial-date" class="input" type="date"
                        prop:value=initial_payment_on
                        on:input=move |event| initial_payment_on.set(event_target_value(&event)) />
                </div>
                <div class="form-group" class:form-group-error=form.has_error_on("tolerance_days")>
                    <label class="label" for="arrangement-tolerance">"Days of tolerance"</label>
                    <input id="arrangement-tolerance" class="input input-short" type="text"
                        inputmode="numeric" autocomplete="off" prop:value=tolerance_days
                        on:input=move |event| tolerance_days.set(event_target_value(&event)) />
                </div>
            </div>
            <p class="hint">
                "The arrangement is breached when the balance is above what it should be once the \
                 days of tolerance have passed after an instalment."
            </p>
            <div class="form-group" class:form-group-error=form.has_error_on("note")>
                <label class="label" for="arrangement-note">"Note"</label>
                <input id="arrangement-note" class="input" type="text" autocomplete="off"
                    prop:value=note on:input=move |event| note.set(event_target_value(&event)) />
            </div>
        </FormFrame>
    }
}

#[component]
fn CancelArrangementForm() -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let form = FormState::new(&[("reason", "cancel-arrangement-reason")]);
    let reason = RwSignal::new(String::new());
    let first_input = NodeRef::<html::Input>::new();
    focus_when_mounted(first_input);
    let terms = page
        .open_arrangement()
        .map(|open| open.terms)
        .unwrap_or_else(|| "There is no open arrangement.".to_string());

    let submit = move || {
        let request = CancelArrangementRequest {
            payment_reference: page.payment_reference.get_value(),
            command_id: form.command_id.get_value(),
            reason: reason.get_untracked(),
        };
        send_change(
            page,
            form,
            async move { ipc::cancel_arrangement(&request).await },
            |account| balance_notice("Arrangement cancelled.", account),
        );
    };

    view! {
        <FormFrame id="cancel-arrangement-form" title="Cancel the arrangement".to_string()
            form=form on_submit=submit submit_id="cancel-arrangement-submit"
            submit_label="Cancel arrangement">
            <p class="inset-text">{terms}</p>
            <div class="form-group" class:form-group-error=form.has_error_on("reason")>
                <label class="label" for="cancel-arrangement-reason">"Why is it cancelled?"</label>
                <input id="cancel-arrangement-reason" class="input" type="text" autocomplete="off"
                    node_ref=first_input prop:value=reason
                    on:input=move |event| reason.set(event_target_value(&event)) />
            </div>
        </FormFrame>
    }
}

#[component]
fn DiaryForm() -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let state = page.state;
    let form = FormState::new(&[
        ("code", "diary-code"),
        ("happened_on", "diary-date"),
        ("note", "diary-note"),
    ]);
    let code = RwSignal::new(String::new());
    let happened_on = RwSignal::new(date_input_value(page.as_at()));
    let note = RwSignal::new(String::new());
    let first_input = NodeRef::<html::Select>::new();
    focus_when_mounted(first_input);
    state.ensure_policy();

    let codes = move || {
        state.policy.with(|policy| {
            policy
                .as_ref()
                .map(|policy| policy.diary_codes.clone())
                .unwrap_or_default()
        })
    };
    // Until the officer chooses, the first code is the choice.
    Effect::new(move |_| {
        if code.with_untracked(String::is_empty) {
            if let Some(first) = codes().first() {
                code.set(first.code.clone());
            }
        }
    });
    let codes_ready = move || state.policy.with(Option::is_some);

    let submit = move || {
        let Some(happened_on) = required_date(
            form,
            &happened_on.get_untracked(),
            "happened_on",
            "Enter the date it happened.",
        ) else {
            return;
        };
        let request = RecordDiaryRequest {
            payment_reference: page.payment_reference.get_value(),
            command_id: form.command_id.get_value(),
            code: code.get_untracked(),
            happened_on,
            note: note.get_untracked(),
        };
        send_change(
            page,
            form,
            async move { ipc::record_diary(&request).await },
            |account| balance_notice("Diary entry added.", account),
        );
    };

    view! {
        <FormFrame id="diary-form" title="Add a diary entry".to_string() form=form
            on_submit=submit submit_id="diary-submit" submit_label="Add to diary">
            <div class="form-row">
                <div class="form-group" class:form-group-error=form.has_error_on("code")>
                    <label class="label" for="diary-code">"What happened"</label>
                    <select id="diary-code" class="select" node_ref=first_input
                        disabled=move || !codes_ready()
                        on:change=move |event| code.set(event_target_value(&event))>
                        {move || {
                            if !codes_ready() {
                                return view! { <option value="">"Loading the codes…"</option> }
                                    .into_any();
                            }
                            codes().into_iter().map(|choice| {
                                let value = choice.code.clone();
                                view! {
                                    <option value=choice.code
                                        selected=move || code.with(|code| *code == value)>
                                        {choice.label}
                                    </option>
                                }
                            }).collect_view().into_any()
                        }}
                    </select>
                </div>
                <div class="form-group" class:form-group-error=form.has_error_on("happened_on")>
                    <label class="label" for="diary-date">"On"</label>
                    <input id="diary-date" class="input" type="date" prop:value=happened_on
                        on:input=move |event| happened_on.set(event_target_value(&event)) />
                </div>
            </div>
            <div class="form-group" class:form-group-error=form.has_error_on("note")>
                <label class="label" for="diary-note">"Note"</label>
                <textarea id="diary-note" class="input textarea" rows="3" prop:value=note
                    on:input=move |event| note.set(event_target_value(&event))></textarea>
            </div>
        </FormFrame>
    }
}

const HOLD_KINDS: [(HoldKind, &str, &str, &str); 4] = [
    (HoldKind::Pause, "pause", "Pause", "Pause until"),
    (
        HoldKind::CourtDate,
        "court_date",
        "Court hearing",
        "Hearing date",
    ),
    (
        HoldKind::EvictionDate,
        "eviction_date",
        "Eviction",
        "Eviction date",
    ),
    (
        HoldKind::BreathingSpace,
        "breathing_space",
        "Breathing Space",
        "Breathing Space ends",
    ),
];

const PAUSE_REASONS: [(&str, &str); 7] = [
    ("promise_of_payment", "Promise of payment"),
    ("delayed_benefit", "Delayed benefit"),
    ("court_date_set", "Court date set"),
    ("eviction_date_set", "Eviction date set"),
    ("deceased", "Deceased"),
    ("missing_data", "Missing data"),
    ("other", "Other"),
];

#[component]
fn HoldForm() -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let form = FormState::new(&[
        ("kind", "hold-kind"),
        ("pause_reason", "hold-reason"),
        ("until", "hold-until"),
        ("note", "hold-note"),
    ]);
    let kind = RwSignal::new(HoldKind::Pause);
    let pause_reason = RwSignal::new(PAUSE_REASONS[0].0.to_string());
    let until = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let first_input = NodeRef::<html::Select>::new();
    focus_when_mounted(first_input);

    let until_label = move || {
        let chosen = kind.get();
        HOLD_KINDS
            .iter()
            .find(|(candidate, ..)| *candidate == chosen)
            .map(|(.., until_label)| *until_label)
            .unwrap_or("Until")
    };

    let submit = move || {
        let Some(until) = required_date(
            form,
            &until.get_untracked(),
            "until",
            "Enter the date the hold lasts until.",
        ) else {
            return;
        };
        let kind = kind.get_untracked();
        let request = SetHoldRequest {
            payment_reference: page.payment_reference.get_value(),
            command_id: form.command_id.get_value(),
            kind,
            pause_reason: (kind == HoldKind::Pause).then(|| pause_reason.get_untracked()),
            until,
            note: note.get_untracked(),
        };
        send_change(
            page,
            form,
            async move { ipc::set_hold(&request).await },
            |account| balance_notice("Hold set.", account),
        );
    };

    view! {
        <FormFrame id="hold-form" title="Set a hold".to_string() form=form
            on_submit=submit submit_id="hold-submit" submit_label="Set hold">
            <p class="hint">"While a hold is in force the worklist suggests no escalation."</p>
            <div class="form-row">
                <div class="form-group" class:form-group-error=form.has_error_on("kind")>
                    <label class="label" for="hold-kind">"Kind"</label>
                    <select id="hold-kind" class="select" node_ref=first_input
                        on:change=move |event| {
                            let value = event_target_value(&event);
                            if let Some((chosen, ..)) = HOLD_KINDS
                                .iter()
                                .find(|(_, candidate, ..)| *candidate == value)
                            {
                                kind.set(*chosen);
                            }
                        }>
                        {HOLD_KINDS.iter().map(|(candidate, value, label, _)| {
                            let candidate = *candidate;
                            view! {
                                <option value=*value selected=move || kind.get() == candidate>
                                    {*label}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
                <Show when=move || kind.get() == HoldKind::Pause>
                    <div class="form-group" class:form-group-error=form.has_error_on("pause_reason")>
                        <label class="label" for="hold-reason">"Reason"</label>
                        {code_select("hold-reason", &PAUSE_REASONS, pause_reason)}
                    </div>
                </Show>
                <div class="form-group" class:form-group-error=form.has_error_on("until")>
                    <label class="label" for="hold-until">{until_label}</label>
                    <input id="hold-until" class="input" type="date" prop:value=until
                        on:input=move |event| until.set(event_target_value(&event)) />
                </div>
            </div>
            <div class="form-group" class:form-group-error=form.has_error_on("note")>
                <label class="label" for="hold-note">"Note"</label>
                <input id="hold-note" class="input" type="text" autocomplete="off"
                    prop:value=note on:input=move |event| note.set(event_target_value(&event)) />
            </div>
        </FormFrame>
    }
}

/// Weeks in the default rent statement: the Pre-Action Protocol asks for statements covering
/// at least the last quarter.
pub const STATEMENT_WEEKS_DEFAULT: i64 = 13;

/// Letters and statements, always on the page: producing one changes nothing the forms show,
/// so it needs no form of its own.
#[component]
pub fn DocumentsPanel() -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let as_at = page.as_at();
    let from = RwSignal::new(date_input_value(
        as_at - Duration::weeks(STATEMENT_WEEKS_DEFAULT),
    ));
    let to = RwSignal::new(date_input_value(as_at));
    let busy = RwSignal::new(false);
    // Ok(the words to show) or Err(the refusal).
    let result = RwSignal::new(None::<Result<String, String>>);

    let produce = move |kind: DocumentKind| {
        if busy.get_untracked() {
            return;
        }
        let (from_date, to_date) = if kind == DocumentKind::RentStatement {
            let (Some(from_date), Some(to_date)) = (
                parse_date_input(&from.get_untracked()),
                parse_date_input(&to.get_untracked()),
            ) else {
                result.set(Some(Err(
                    "Enter both dates of the statement's period.".to_string()
                )));
                return;
            };
            (Some(from_date), Some(to_date))
        } else {
            (None, None)
        };
        let request = ProduceDocumentRequest {
            payment_reference: page.payment_reference.get_value(),
            kind,
            from: from_date,
            to: to_date,
        };
        busy.set(true);
        result.set(None);
        let ticket = page.state.lock_ticket();
        spawn_local(async move {
            let answer = ipc::produce_document(&request).await;
            busy.try_set(false);
            if !page.state.is_unlocked_since(ticket) {
                return;
            }
            match answer {
                Ok(document) => {
                    let pages = if document.pages == 1 { "page" } else { "pages" };
                    result.try_set(Some(Ok(format!(
                        "Saved to {} ({} {pages})",
                        document.path, document.pages
                    ))));
                    // A letter is recorded in the diary and may move the next action.
                    page.reload();
                }
                Err(failure) => {
                    if let Some(message) = page.state.message_for(failure) {
                        result.try_set(Some(Err(message)));
                    }
                }
            }
        });
    };
    let document_button = move |id: &'static str, label: &'static str, kind: DocumentKind| {
        view! {
            <button id=id class="button button-secondary" type="button" disabled=busy
                on:click=move |_| produce(kind)>
                {label}
            </button>
        }
    };

    view! {
        <section id="documents" aria-labelledby="documents-heading">
            <h2 id="documents-heading">"Documents"</h2>
            <div class="form-row">
                <div class="form-group">
                    <label class="label" for="statement-from">"Statement from"</label>
                    <input id="statement-from" class="input" type="date" prop:value=from
                        on:input=move |event| from.set(event_target_value(&event)) />
                </div>
                <div class="form-group">
                    <label class="label" for="statement-to">"Statement to"</label>
                    <input id="statement-to" class="input" type="date" prop:value=to
                        on:input=move |event| to.set(event_target_value(&event)) />
                </div>
            </div>
            <div class="button-group">
                {document_button("document-rent-statement", "Rent statement", DocumentKind::RentStatement)}
                {document_button("document-letter-1", "Letter 1", DocumentKind::Letter1)}
                {document_button("document-letter-2", "Letter 2", DocumentKind::Letter2)}
                {document_button(
                    "document-arrangement-confirmation",
                    "Arrangement confirmation",
                    DocumentKind::ArrangementConfirmation,
                )}
            </div>
            <div id="document-result" aria-live="polite">
                {move || busy.get().then(|| view! { <p class="busy">"Producing the document…"</p> })}
                {move || result.get().map(|outcome| match outcome {
                    Ok(text) => view! { <p class="notice document-saved">{text}</p> }.into_any(),
                    Err(text) => view! {
                        <p class="form-error error-message document-refused" role="alert">{text}</p>
                    }.into_any(),
                })}
            </div>
        </section>
    }
}
