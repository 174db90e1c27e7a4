//! The head office screen. Before enrolment: the form that exchanges head office's one-time
//! code for this laptop's token, then the certificate's fingerprint for the officer to check.
//! After: the sync (`head_office_sync`), what head office rejected or held for a person to
//! look at, and the accounts head office gave to another officer.
//!
//! Everything here comes from `get_sync_status`, asked for when the screen opens and after
//! every change; nothing is polled except a running sync's progress.

use doorstep_api::SyncStatusView;
use doorstep_api::{AttentionView, EnrolDeviceRequest, EnrolmentView, ReassignedView};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::screens::account_forms::FormState;
use crate::screens::head_office_sync::SyncPanel;
use crate::screens::set_up::focus_when_mounted;
use crate::session::{local_date_time_text, AppState, ListScreen, OpenAccount, View};

/// The enrolment request's fields, as the core names them in `ApiError::Invalid`, and the
/// inputs that hold them.
const ENROL_FIELDS: &[(&str, &str)] = &[
    ("server_url", "enrol-server-url"),
    ("code", "enrol-code"),
    ("device_name", "enrol-device-name"),
];

/// The screen's data: the status as head office and this laptop last agreed it.
#[derive(Clone, Copy)]
pub struct HeadOfficePage {
    pub state: AppState,
    pub status: RwSignal<Option<SyncStatusView>>,
    /// Set by a failed load; a failed sync says so in its own panel.
    pub load_error: RwSignal<Option<String>>,
}

impl HeadOfficePage {
    /// Asks for the status again (on opening, after enrolment and after every sync), and the
    /// header's count with it.
    pub fn reload(self) {
        // A sync that ends after the officer has moved on must not take a new generation: that
        // would drop the answer the screen now showing is waiting for.
        if self.status.try_get_untracked().is_none() {
            return;
        }
        let generation = self.state.next_generation();
        spawn_local(async move {
            let result = ipc::get_sync_status().await;
            if !self.state.is_current(generation) {
                return;
            }
            match result {
                Ok(status) => {
                    self.state
                        .unsent_count
                        .set(status.enrolment.is_some().then_some(status.unsent_count));
                    self.load_error.try_set(None);
                    self.status.try_set(Some(status));
                }
                Err(error) => {
                    if let Some(message) = self.state.message_for(error) {
                        self.load_error.try_set(Some(message));
                    }
                }
            }
        });
    }
}

#[component]
pub fn HeadOfficeScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let page = HeadOfficePage {
        state,
        status: RwSignal::new(None),
        load_error: RwSignal::new(None),
    };
    provide_context(page);
    page.reload();
    // Set by this screen's enrolment, so the fingerprint check is asked for right then.
    let just_enrolled = RwSignal::new(false);
    let heading = NodeRef::<html::H1>::new();
    focus_when_mounted(heading);

    // A memo, so a reload that changes only the counts does not redraw the sync panel (and
    // lose the summary it shows).
    let enrolment = Memo::new(move |_| {
        page.status
            .with(|status| status.as_ref().map(|status| status.enrolment.clone()))
    });
    let body = move || match enrolment.get() {
        None => view! { <p class="busy" aria-live="polite">"Loading…"</p> }.into_any(),
        Some(None) => view! { <EnrolForm just_enrolled=just_enrolled /> }.into_any(),
        // Syncing is what the officer comes here for, so it leads; the laptop's details lead
        // only just after enrolling, when the fingerprint must be checked first.
        Some(Some(enrolment)) if just_enrolled.get_untracked() => view! {
            {enrolment_view(enrolment, true)}
            <SyncPanel />
            {attention_view(page)}
            {reassigned_view(page)}
        }
        .into_any(),
        Some(Some(enrolment)) => view! {
            <SyncPanel />
            {attention_view(page)}
            {reassigned_view(page)}
            {enrolment_view(enrolment, false)}
        }
        .into_any(),
    };
    view! {
        <main class="page">
            <h1 id="head-office-heading" tabindex="-1" node_ref=heading>"Head office"</h1>
            {move || page.load_error.get().map(|message| view! {
                <p id="head-office-error" class="error-summary" role="alert">{message}</p>
            })}
            {body}
        </main>
    }
}

/// One labelled input of the enrolment form, with its hint and, when the core named it, its
/// refusal; `aria-describedby` reads both.
fn enrol_input(
    form: FormState,
    field: &'static str,
    label: &'static str,
    hint: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    let id = ENROL_FIELDS
        .iter()
        .find(|(name, _)| *name == field)
        .map(|(_, id)| *id)
        .expect("every enrolment input is listed in ENROL_FIELDS");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_error = form.has_error_on(field);
    let described_by = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            if has_error() {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    let error = move || {
        has_error().then(|| {
            let message = form
                .failure
                .with(|failure| failure.as_ref().map(|failure| failure.message.clone()));
            view! {
                <p id=error_id.clone() class="error-message field-error">
                    <span class="visually-hidden">"Error: "</span>
                    {message}
                </p>
            }
        })
    };
    view! {
        <div class="form-group" class:form-group-error=has_error>
            <label class="label" for=id>{label}</label>
            <p id=hint_id class="hint">{hint}</p>
            {error}
            <input id=id class="input" type="text" autocomplete="off" spellcheck="false"
                aria-describedby=described_by
                aria-invalid=move || has_error().then_some("true")
                prop:value=value
                on:input=move |event| value.set(event_target_value(&event)) />
        </div>
    }
}

#[component]
fn EnrolForm(just_enrolled: RwSignal<bool>) -> impl IntoView {
    let page = expect_context::<HeadOfficePage>();
    let state = page.state;
    let form = FormState::new(ENROL_FIELDS);
    let server_url = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let device_name = RwSignal::new(String::new());

    let submit = move || {
        if form.busy.get_untracked() {
            return;
        }
        form.busy.set(true);
        form.failure.set(None);
        let request = EnrolDeviceRequest {
            server_url: server_url.get_untracked(),
            code: code.get_untracked(),
            device_name: device_name.get_untracked(),
        };
        let ticket = state.lock_ticket();
        spawn_local(async move {
            let result = ipc::enrol_device(&request).await;
            form.busy.try_set(false);
            if !state.is_unlocked_since(ticket) {
                return;
            }
            match result {
                Ok(status) => {
                    just_enrolled.set(true);
                    page.status.try_set(Some(status));
                    state.refresh_unsent_count();
                }
                Err(failure) => {
                    let field = match &failure {
                        ipc::CallError::Api(doorstep_api::ApiError::Invalid { field, .. }) => {
                            Some(field.clone())
                        }
                        _ => None,
                    };
                    if let Some(message) = state.message_for(failure) {
                        form.fail(message, field);
                    }
                }
            }
        });
    };

    view! {
        <section class="panel form-panel" aria-labelledby="enrol-heading">
            <h2 id="enrol-heading" class="panel-heading">"Enrol this laptop with head office"</h2>
            <p>
                "Head office gives you an address and a one-time code. Enrolling lets this "
                "laptop send what you record to head office and fetch your caseload from it."
            </p>
            {move || form.failure.get().map(|failure| view! {
                <div id="enrol-error" class="error-summary" role="alert">
                    <p>"There is a problem"</p>
                    <p class="error-message">{summary_message(failure.field, failure.message)}</p>
                </div>
            })}
            <form id="enrol-form" class="form" novalidate
                on:submit=move |event| {
                    event.prevent_default();
                    submit();
                }>
                {enrol_input(
                    form,
                    "server_url",
                    "Head office's address",
                    "As head office gave it, such as https://headoffice.example.org:8443",
                    server_url,
                )}
                {enrol_input(
                    form,
                    "code",
                    "Enrolment code",
                    "12 letters and numbers in three groups, such as ABCD-EFGH-JKLM. It works once.",
                    code,
                )}
                {enrol_input(
                    form,
                    "device_name",
                    "This laptop's name",
                    "So head office can tell your laptops apart, such as “Sam's laptop”.",
                    device_name,
                )}
                <p class="busy" aria-live="polite">
                    {move || form.busy.get().then_some("Enrolling with head office…")}
                </p>
                <button id="enrol-submit" class="button" type="submit" disabled=form.busy>
                    "Enrol this laptop"
                </button>
            </form>
        </section>
    }
}

/// The error summary's line: a link to the input the core named, as GOV.UK's summaries do,
/// or plain words when the refusal names none (head office unreachable).
fn summary_message(field: Option<String>, message: String) -> impl IntoView {
    let input_id = field.and_then(|field| {
        ENROL_FIELDS
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, id)| *id)
    });
    match input_id {
        Some(input_id) => view! {
            <a class="error-link" href=format!("#{input_id}")
                on:click=move |event| {
                    event.prevent_default();
                    if let Some(input) = crate::screens::caseload::element_by_id(input_id) {
                        let _ = input.focus();
                    }
                }>
                {message}
            </a>
        }
        .into_any(),
        None => message.into_any(),
    }
}

/// Who this laptop is enrolled as, and head office's certificate to check by eye.
fn enrolment_view(enrolment: EnrolmentView, just_enrolled: bool) -> impl IntoView {
    let fingerprint = match enrolment.certificate_fingerprint {
        Some(fingerprint) => view! {
            <dd id="enrolment-fingerprint" class="fingerprint">{fingerprint}</dd>
        }
        .into_any(),
        None => view! {
            <dd id="enrolment-fingerprint">
                "None: head office is on this computer and answers without encryption "
                "(for testing only)."
            </dd>
        }
        .into_any(),
    };
    let check = just_enrolled.then(|| {
        // The form the officer was in has gone: the cursor moves to what to do next.
        let check_paragraph = NodeRef::<html::P>::new();
        focus_when_mounted(check_paragraph);
        view! {
            <p id="enrolment-check" class="notice" role="status" tabindex="-1"
                node_ref=check_paragraph>
                "This laptop is enrolled. Check the certificate fingerprint below matches what "
                "head office printed with your code; if it does not, tell head office before "
                "you sync."
            </p>
        }
    });
    view! {
        <section id="enrolment" class="panel" aria-labelledby="enrolment-heading">
            <h2 id="enrolment-heading" class="panel-heading">"This laptop"</h2>
            {check}
            <dl class="summary-list">
                <div class="summary-row">
                    <dt>"Officer"</dt>
                    <dd id="enrolment-officer">{enrolment.officer_name}</dd>
                </div>
                <div class="summary-row">
                    <dt>"Head office"</dt>
                    <dd id="enrolment-server">{enrolment.server_url}</dd>
                </div>
                <div class="summary-row">
                    <dt>"Certificate fingerprint"</dt>
                    {fingerprint}
                </div>
                <div class="summary-row">
                    <dt>"Enrolled"</dt>
                    <dd>{local_date_time_text(enrolment.enrolled_at)}</dd>
                </div>
            </dl>
        </section>
    }
}

/// Opens an account named in a head office list; Back returns here.
fn open_account(state: AppState, payment_reference: String) {
    state.error.set(None);
    state.set_view(View::Account(OpenAccount {
        payment_reference,
        // The status carries references only; the account page then shows the names.
        tenant_names: String::new(),
        opened_from: ListScreen::HeadOffice,
    }));
}

fn account_link(state: AppState, payment_reference: Option<String>) -> impl IntoView {
    payment_reference.map(|reference| {
        let label = reference.clone();
        view! {
            <a class="account-link" href="#"
                on:click=move |event| {
                    event.prevent_default();
                    open_account(state, reference.clone());
                }>
                {label}
            </a>
        }
    })
}

fn outcome_text(outcome: &str) -> &'static str {
    match outcome {
        "held" => "Held by head office",
        "rejected" => "Rejected",
        _ => "Not applied",
    }
}

/// What head office rejected or held: each needs a person, so it stays until dealt with.
fn attention_view(page: HeadOfficePage) -> impl IntoView {
    move || {
        let items: Vec<AttentionView> = page.status.with(|status| {
            status
                .as_ref()
                .map(|status| status.needs_attention.clone())
                .unwrap_or_default()
        });
        let body = if items.is_empty() {
            view! { <p id="needs-attention-none">"Nothing: head office applied everything sent."</p> }
                .into_any()
        } else {
            let rows = items
                .into_iter()
                .map(|item| {
                    view! {
                        <tr class="attention-row" data-outcome=item.outcome.clone()>
                            <td>{item.what}</td>
                            <td>{account_link(page.state, item.payment_reference)}</td>
                            <td class="date">{local_date_time_text(item.recorded_at)}</td>
                            <td>{outcome_text(&item.outcome)}</td>
                            <td>{item.reason}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table id="needs-attention-table" class="table">
                    <caption class="visually-hidden">"Records head office did not apply"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"What"</th>
                            <th scope="col">"Account"</th>
                            <th scope="col">"Recorded"</th>
                            <th scope="col">"Outcome"</th>
                            <th scope="col">"Reason"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        };
        view! {
            <section id="needs-attention" class="head-office-section"
                aria-labelledby="needs-attention-heading">
                <h2 id="needs-attention-heading">"Needs attention"</h2>
                {body}
            </section>
        }
    }
}

/// Accounts head office has given to another officer: shown until this laptop hands them on.
fn reassigned_view(page: HeadOfficePage) -> impl IntoView {
    move || {
        let accounts: Vec<ReassignedView> = page.status.with(|status| {
            status
                .as_ref()
                .map(|status| status.reassigned.clone())
                .unwrap_or_default()
        });
        (!accounts.is_empty()).then(|| {
            let items = accounts
                .into_iter()
                .map(|account| {
                    view! {
                        <li>
                            {account_link(page.state, Some(account.payment_reference))}
                            {format!(
                                ", given to another officer {}",
                                local_date_time_text(account.reassigned_at)
                            )}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section id="reassigned" class="head-office-section"
                    aria-labelledby="reassigned-heading">
                    <h2 id="reassigned-heading">"Accounts reassigned by head office"</h2>
                    <ul class="plain-list">{items}</ul>
                </section>
            }
        })
    }
}
