//! The presenting officer's court file for one account: the notice and its service, the
//! pre-action protocol as a checklist, the claim's figures and papers (the bundle with a
//! progress bar), the tenancy agreement as supplied, and what happened after issue (hearings,
//! warrants, N244 applications).
//!
//! Every change answers with the whole court file, which replaces the screen's data; each
//! section reads only its own slice through a `Memo`, so recording a hearing does not wipe a
//! notice the officer is half way through drafting. The sections live in `court_notice`,
//! `court_claim` and `court_after`; this module holds the screen, the shared form machinery,
//! the protocol checklist and the tenancy agreement.
//!
//! Forms follow the account forms' rules (`account_forms`): a command id made when the form
//! opens and kept across retries, a fresh one after a success (these forms stay on screen), and
//! the core's refusal in an error summary with `role="alert"`. A legal refusal lists every
//! reason the core gave.

use std::future::Future;

use chrono::{NaiveDate, NaiveTime};
use doorstep_api::{
    AddTenancyAgreementRequest, ApiError, ChecklistItemView, CourtDocument, CourtFileView,
    GetCourtFileRequest, ProduceCourtDocumentRequest,
};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::display::pages_text;
use crate::ipc::{self, CallError};
use crate::screens::account_forms::FormState;
use crate::screens::court_after::AfterSection;
use crate::screens::court_claim::ClaimSection;
use crate::screens::court_notice::NoticeSection;
use crate::screens::set_up::focus_when_mounted;
use crate::session::{AppState, OpenCourtFile, View};

/// The biggest tenancy agreement read: a scanned agreement of twenty pages is a few megabytes.
/// The bytes cross the IPC bridge as JSON (a number per byte, about four characters each), so
/// this bound also keeps one message under about 40 MB.
pub const TENANCY_AGREEMENT_BYTES_MAX: f64 = 10.0 * 1024.0 * 1024.0;

/// Protocol detail lines rendered at most per item: evidence lines are dated events, and this
/// keeps a long history from pushing the claim off screen.
pub const PROTOCOL_DETAIL_LINES_MAX: usize = 50;

/// What the court file's parts share. Every field is a handle, so the struct is `Copy` and
/// async continuations may hold it after the screen is gone (they write with `try_set`).
#[derive(Clone, Copy)]
pub struct CourtPage {
    pub state: AppState,
    pub account_id: i64,
    pub file: RwSignal<Option<CourtFileView>>,
    /// The claim's intended issue date as the officer typed it; None asks the core for today.
    pub issue_date: RwSignal<Option<NaiveDate>>,
}

impl CourtPage {
    /// Fetches the court file for the chosen issue date. An older answer is dropped by the
    /// app's generation, so a quickly changed issue date shows the figures for the last one.
    pub fn reload(self) {
        let generation = self.state.next_generation();
        let request = GetCourtFileRequest {
            account_id: self.account_id,
            issue_date: self.issue_date.get_untracked(),
        };
        spawn_local(async move {
            let result = ipc::get_court_file(&request).await;
            if !self.state.is_current(generation) {
                return;
            }
            match result {
                Ok(file) => {
                    self.file.try_set(Some(file));
                }
                Err(failure) => {
                    if let Some(message) = self.state.message_for(failure) {
                        self.state.error.set(Some(message));
                    }
                }
            }
        });
    }

    /// A slice of the court file that changes only when its value does.
    pub fn slice<Slice>(self, read: fn(&CourtFileView) -> Slice) -> Memo<Option<Slice>>
    where
        Slice: PartialEq + Clone + Send + Sync + 'static,
    {
        Memo::new(move |_| self.file.with(|file| file.as_ref().map(read)))
    }
}

/// One court form: the account form's state, plus the law's reasons when the core answered
/// `LegalRefused` (shown as a list, one reason a line).
#[derive(Clone, Copy)]
pub struct CourtForm {
    pub form: FormState,
    pub reasons: RwSignal<Vec<String>>,
}

impl CourtForm {
    pub fn new(fields: &'static [(&'static str, &'static str)]) -> CourtForm {
        CourtForm {
            form: FormState::new(fields),
            reasons: RwSignal::new(Vec::new()),
        }
    }

    /// Refuses in the form before anything is sent.
    pub fn fail(self, message: &str, field: &'static str) {
        self.reasons.set(Vec::new());
        self.form.fail(message.to_string(), Some(field.to_string()));
    }

    pub fn has_error_on(self, field: &'static str) -> impl Fn() -> bool + Copy + Send + Sync {
        self.form.has_error_on(field)
    }

    /// The error summary at the top of the form: the message, then the law's reasons.
    pub fn summary_view(self, id: String) -> impl IntoView {
        move || {
            let failure = self.form.failure.get()?;
            let reasons = self.reasons.get();
            let list = (!reasons.is_empty()).then(|| {
                view! {
                    <ul class="legal-reasons">
                        {reasons.into_iter().map(|reason| view! { <li>{reason}</li> }).collect_view()}
                    </ul>
                }
            });
            Some(view! {
                <div id=id.clone() class="error-summary" role="alert">
                    <p>{failure.message}</p>
                    {list}
                </div>
            })
        }
    }

    /// The refusal's words beside the input the core named.
    pub fn field_error(self, field: &'static str) -> impl IntoView {
        move || {
            self.form.failure.with(|failure| {
                failure
                    .as_ref()
                    .filter(|failure| failure.field.as_deref() == Some(field))
                    .map(|failure| {
                        view! { <p class="error-message field-error">{failure.message.clone()}</p> }
                    })
            })
        }
    }
}

/// Sends a court command: Submit is disabled meanwhile; the answer replaces the court file and
/// the form gets a fresh command id (it stays on screen for the next one); a refusal shows in
/// the form unless the store was locked since.
pub fn send_court_change<Command, Success>(
    page: CourtPage,
    court_form: CourtForm,
    command: Command,
    on_success: Success,
) where
    Command: Future<Output = Result<CourtFileView, CallError>> + 'static,
    Success: FnOnce() + 'static,
{
    send_form_change(page.state, page.file, court_form, command, on_success);
}

/// Sends a command from a form whose answer is the whole screen's data (the court file, the
/// benefits view): Submit is disabled meanwhile; the answer replaces `screen_data` and the form
/// gets a fresh command id (it stays on screen for the next one); a refusal shows in the form
/// unless the store was locked since.
pub fn send_form_change<Answer, Command, Success>(
    state: AppState,
    screen_data: RwSignal<Option<Answer>>,
    court_form: CourtForm,
    command: Command,
    on_success: Success,
) where
    Answer: Send + Sync + 'static,
    Command: Future<Output = Result<Answer, CallError>> + 'static,
    Success: FnOnce() + 'static,
{
    let form = court_form.form;
    form.busy.set(true);
    form.failure.set(None);
    court_form.reasons.set(Vec::new());
    let ticket = state.lock_ticket();
    spawn_local(async move {
        let result = command.await;
        form.busy.try_set(false);
        // A lock since the submit dropped the screen's data from memory; it must not come back.
        if !state.is_unlocked_since(ticket) {
            return;
        }
        match result {
            Ok(answer) => {
                screen_data.try_set(Some(answer));
                form.command_id.set_value(ipc::new_command_id());
                on_success();
            }
            Err(CallError::Api(ApiError::LegalRefused { reasons })) => {
                court_form.reasons.try_set(reasons);
                form.fail("The law does not allow this now:".to_string(), None);
            }
            Err(failure) => {
                let field = match &failure {
                    CallError::Api(ApiError::Invalid { field, .. }) => Some(field.clone()),
                    _ => None,
                };
                if let Some(message) = state.message_for(failure) {
                    form.fail(message, field);
                }
            }
        }
    });
}

/// The frame around a court form: a heading, the error summary, the inputs and Submit.
#[component]
pub fn CourtFormFrame(
    id: String,
    title: String,
    court_form: CourtForm,
    on_submit: impl Fn() + 'static,
    submit_id: String,
    submit_label: &'static str,
    /// The error summary's id; `<id>-error` unless given.
    #[prop(optional)]
    error_id: Option<String>,
    children: Children,
) -> impl IntoView {
    let form = court_form.form;
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    let error_id = error_id.unwrap_or_else(|| format!("{id}-error"));
    view! {
        <section id=id class="panel form-panel court-form" aria-labelledby=labelled_by>
            <h3 id=heading_id class="panel-heading">{title}</h3>
            {court_form.summary_view(error_id)}
            <form class="form" novalidate
                on:submit=move |event| {
                    event.prevent_default();
                    if !form.busy.get_untracked() {
                        on_submit();
                    }
                }>
                {children()}
                <p class="busy" aria-live="polite">{move || form.busy.get().then_some("Saving…")}</p>
                <button id=submit_id class="button" type="submit" disabled=form.busy>
                    {submit_label}
                </button>
            </form>
        </section>
    }
}

/// Reads an `<input type="time">`; `None` when it is empty.
pub fn parse_time_input(value: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(value.trim(), "%H:%M").ok()
}

/// What producing a court document came to: Ok("Saved to …") or Err(the refusal).
pub type DocumentResult = RwSignal<Option<Result<String, String>>>;

/// Produces a court document and says where it was saved.
pub fn produce_court_document(
    page: CourtPage,
    document: CourtDocument,
    issue_date: Option<NaiveDate>,
    busy: RwSignal<bool>,
    result: DocumentResult,
) {
    if busy.get_untracked() {
        return;
    }
    let request = ProduceCourtDocumentRequest {
        account_id: page.account_id,
        document,
        issue_date,
    };
    busy.set(true);
    result.set(None);
    let ticket = page.state.lock_ticket();
    spawn_local(async move {
        let answer = ipc::produce_court_document(&request).await;
        busy.try_set(false);
        if !page.state.is_unlocked_since(ticket) {
            return;
        }
        match answer {
            Ok(document) => {
                result.try_set(Some(Ok(format!(
                    "Saved to {} ({})",
                    document.path,
                    pages_text(document.pages)
                ))));
            }
            Err(failure) => {
                if let Some(message) = page.state.message_for(failure) {
                    result.try_set(Some(Err(message)));
                }
            }
        }
    });
}

/// The outcome of producing a document: the path (class `produced-path`) or the refusal.
pub fn document_result_view(
    result: DocumentResult,
    busy: RwSignal<bool>,
    path_id: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="document-result" aria-live="polite">
            {move || busy.get().then(|| view! { <p class="busy">"Producing the document…"</p> })}
            {move || result.get().map(|outcome| match outcome {
                Ok(text) => view! { <p id=path_id class="notice produced-path">{text}</p> }
                    .into_any(),
                Err(text) => view! {
                    <p class="form-error error-message document-refused" role="alert">{text}</p>
                }
                .into_any(),
            })}
        </div>
    }
}

/// A `<select>` over choices that arrive with the court file (codes and labels).
pub fn choice_select(
    id: String,
    choices: Vec<(String, String)>,
    selected: RwSignal<String>,
) -> impl IntoView {
    view! {
        <select id=id class="select"
            on:change=move |event| selected.set(event_target_value(&event))>
            {choices.into_iter().map(|(code, label)| {
                let selected_code = code.clone();
                view! {
                    <option value=code selected=move || selected.with(|chosen| *chosen == selected_code)>
                        {label}
                    </option>
                }
            }).collect_view()}
        </select>
    }
}

#[component]
pub fn CourtFileScreen(open: OpenCourtFile) -> impl IntoView {
    let state = expect_context::<AppState>();
    let page = CourtPage {
        state,
        account_id: open.account_id,
        file: RwSignal::new(None),
        issue_date: RwSignal::new(None),
    };
    provide_context(page);
    page.reload();

    let heading = NodeRef::<html::H1>::new();
    focus_when_mounted(heading);
    let account = StoredValue::new(open.account.clone());
    let back = move |_| state.set_view(View::Account(account.get_value()));
    let loaded = Memo::new(move |_| page.file.with(Option::is_some));

    view! {
        <main class="page court-file">
            <button id="back-to-account" class="button button-secondary button-back" type="button"
                on:click=back>
                "Back to account"
            </button>
            <h1 id="court-file-heading" tabindex="-1" node_ref=heading>
                {format!("Court file: {}", open.account.tenant_names)}
            </h1>
            <p class="account-reference">
                "Payment reference "
                <strong id="payment-reference">{open.account.payment_reference.clone()}</strong>
                {move || page.file.with(|file| file.as_ref().map(|file| {
                    format!(" · {}", file.tenure)
                }))}
            </p>
            <Show when=move || loaded.get()
                fallback=|| view! { <p class="busy" aria-live="polite">"Loading the court file…"</p> }>
                <NoticeSection />
                <ProtocolSection />
                <ClaimSection />
                <TenancyAgreementSection />
                <AfterSection />
            </Show>
        </main>
    }
}

fn status_label(status: &str) -> &'static str {
    match status {
        "met" => "Met",
        "missing" => "Missing",
        _ => "Not applicable",
    }
}

#[component]
fn ProtocolSection() -> impl IntoView {
    let page = expect_context::<CourtPage>();
    let protocol = page.slice(|file| file.protocol.clone());
    let row = |item: ChecklistItemView| {
        let missing = item.status == "missing";
        view! {
            <tr class="protocol-item" class:missing=missing data-requirement=item.requirement
                data-status=item.status.clone()>
                <td>{item.label}</td>
                <td>
                    <span class="marker" class:marker-neutral=!missing class:warning-text=missing>
                        {status_label(&item.status)}
                    </span>
                </td>
                <td>
                    <ul class="plain-list protocol-details">
                        {item.details.into_iter().take(PROTOCOL_DETAIL_LINES_MAX)
                            .map(|line| view! { <li>{line}</li> })
                            .collect_view()}
                    </ul>
                </td>
            </tr>
        }
    };
    view! {
        <section id="protocol" aria-labelledby="protocol-heading">
            <h2 id="protocol-heading">"Pre-action protocol"</h2>
            <table id="protocol-checklist" class="table">
                <caption class="visually-hidden">"Pre-action protocol for possession claims"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Requirement"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Evidence or what to do"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || protocol.get().unwrap_or_default().into_iter().map(row).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// The media type the core is told: the browser's, or one from the file's name when the
/// browser gives none. PDF, JPEG and PNG are what a court accepts as a copy of the agreement.
fn media_type_of(file_name: &str, browser_type: &str) -> Option<&'static str> {
    let lower_name = file_name.to_ascii_lowercase();
    match browser_type {
        "application/pdf" => Some("application/pdf"),
        "image/jpeg" => Some("image/jpeg"),
        "image/png" => Some("image/png"),
        _ if lower_name.ends_with(".pdf") => Some("application/pdf"),
        _ if lower_name.ends_with(".jpg") || lower_name.ends_with(".jpeg") => Some("image/jpeg"),
        _ if lower_name.ends_with(".png") => Some("image/png"),
        _ => None,
    }
}

#[component]
fn TenancyAgreementSection() -> impl IntoView {
    let page = expect_context::<CourtPage>();
    let agreement = page.slice(|file| file.tenancy_agreement.clone());
    let court_form = CourtForm::new(&[("file_name", "tenancy-agreement-file")]);
    let added = RwSignal::new(None::<String>);
    let choose = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // The same file chosen twice still fires `change`.
        input.set_value("");
        added.set(None);
        let file_name = file.name();
        let Some(media_type) = media_type_of(&file_name, &file.type_()) else {
            court_form.fail(
                &format!("{file_name} is not a PDF, JPEG or PNG file."),
                "file_name",
            );
            return;
        };
        if file.size() > TENANCY_AGREEMENT_BYTES_MAX {
            court_form.fail(
                &format!("{file_name} is over 10 MB; scan it at a lower resolution."),
                "file_name",
            );
            return;
        }
        if court_form.form.busy.get_untracked() {
            return;
        }
        court_form.form.busy.set(true);
        spawn_local(async move {
            let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
            court_form.form.busy.try_set(false);
            let Ok(buffer) = buffer else {
                court_form.fail(&format!("{file_name} could not be read."), "file_name");
                return;
            };
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            let request = AddTenancyAgreementRequest {
                command_id: court_form.form.command_id.get_value(),
                account_id: page.account_id,
                file_name: file_name.clone(),
                media_type: media_type.to_string(),
                bytes,
            };
            send_court_change(
                page,
                court_form,
                async move { ipc::add_tenancy_agreement(&request).await },
                move || {
                    added.try_set(Some(format!("{file_name} is now in the court file.")));
                },
            );
        });
    };
    view! {
        <section id="tenancy-agreement" aria-labelledby="tenancy-agreement-heading">
            <h2 id="tenancy-agreement-heading">"Tenancy agreement"</h2>
            {court_form.summary_view("tenancy-agreement-error".to_string())}
            <p id="tenancy-agreement-name">
                {move || agreement.get().flatten().unwrap_or_else(|| "None supplied".to_string())}
            </p>
            <div class="form-group" class:form-group-error=court_form.has_error_on("file_name")>
                <label class="label" for="tenancy-agreement-file">
                    "Add the tenancy agreement (PDF, JPEG or PNG, up to 10 MB)"
                </label>
                <input id="tenancy-agreement-file" class="file-input" type="file"
                    accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                    disabled=court_form.form.busy on:change=choose />
            </div>
            <p class="busy" aria-live="polite">
                {move || court_form.form.busy.get().then_some("Adding the agreement…")}
            </p>
            {move || added.get().map(|text| view! {
                <p class="notice" role="status">{text}</p>
            })}
        </section>
    }
}
