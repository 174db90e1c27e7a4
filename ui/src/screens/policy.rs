//! The escalation policy: its steps in words, the JSON the team edits, Save (every problem
//! named when the core refuses), Export to a file, Import from one, and Verify records (the
//! ledger's and the diary's hash chains).
//!
//! Export asks the core to write the saved policy to the documents folder; Import reads an
//! `<input type="file">` with `Blob.text()`. No Tauri plugin is involved, and an
//! imported file only fills the text box: nothing changes until the officer presses Save.

use doorstep_api::{ApiError, PolicyView, RecordsVerification, SavePolicyRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::ipc::{self, CallError};
use crate::session::AppState;

/// The biggest policy file Import reads: a policy is a few kilobytes; this stops a wrong
/// file (a PDF, a photo) from being pasted into the text box.
pub const POLICY_FILE_BYTES_MAX: f64 = 1_000_000.0;

/// What Save last did.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SaveOutcome {
    Saved,
    Refused { problems: Vec<String> },
    Failed { message: String },
}

#[component]
pub fn PolicyScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The text box; filled from the policy once it arrives, then the officer's.
    let json = RwSignal::new(String::new());
    let saving = RwSignal::new(false);
    let outcome = RwSignal::new(None::<SaveOutcome>);
    let import_message = RwSignal::new(None::<String>);

    load_policy(state, json);

    let save = move || {
        if saving.get_untracked() {
            return;
        }
        saving.set(true);
        outcome.set(None);
        let request = SavePolicyRequest {
            json: json.get_untracked(),
        };
        let ticket = state.lock_ticket();
        spawn_local(async move {
            let result = ipc::save_policy(&request).await;
            saving.try_set(false);
            if !state.is_unlocked_since(ticket) {
                return;
            }
            let next = match result {
                Ok(policy) => {
                    json.try_set(policy.json.clone());
                    state.policy.set(Some(policy));
                    Some(SaveOutcome::Saved)
                }
                Err(CallError::Api(ApiError::PolicyRefused { problems })) => {
                    Some(SaveOutcome::Refused { problems })
                }
                Err(failure) => state
                    .message_for(failure)
                    .map(|message| SaveOutcome::Failed { message }),
            };
            outcome.try_set(next);
        });
    };

    let name = move || {
        state.policy.with(|policy| {
            policy
                .as_ref()
                .map(|policy| policy.name.clone())
                .unwrap_or_default()
        })
    };
    // The core writes the policy in force to the documents folder: a webview download would
    // land wherever the app happened to be started from, and the officer would not know where.
    let exported = RwSignal::new(None::<String>);
    let export = move |_| {
        let ticket = state.lock_ticket();
        spawn_local(async move {
            let result = ipc::export_policy().await;
            if !state.is_unlocked_since(ticket) {
                return;
            }
            match result {
                Ok(file) => {
                    exported.try_set(Some(format!("Saved the policy in force to {}", file.path)));
                }
                Err(failure) => {
                    if let Some(message) = state.message_for(failure) {
                        exported.try_set(Some(message));
                    }
                }
            }
        });
    };
    let import = move |event: leptos::ev::Event| {
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
        if file.size() > POLICY_FILE_BYTES_MAX {
            import_message.set(Some(format!(
                "{} is too big to be a policy; choose the JSON file Doorstep exported.",
                file.name()
            )));
            return;
        }
        spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            match text.ok().and_then(|text| text.as_string()) {
                Some(text) => {
                    json.try_set(text);
                    outcome.try_set(None);
                    import_message.try_set(Some(format!(
                        "{} is in the box below. Check it, then press Save to use it.",
                        file.name()
                    )));
                }
                None => {
                    import_message.try_set(Some(format!("{} could not be read.", file.name())));
                }
            }
        });
    };

    view! {
        <main class="page">
            <h1>"Escalation policy"</h1>
            <PolicySteps />
            <section aria-labelledby="policy-edit-heading">
                <h2 id="policy-edit-heading">{move || format!("Edit “{}”", name())}</h2>
                <p class="hint">
                    "The policy is JSON. Change it here or import a file, then Save: the core \
                     checks it and names every problem, and the worklist uses it at once."
                </p>
                <p id="policy-review-hint" class="hint">
                    "To make accounts flagged for vulnerability, mental capacity or safeguarding \
                     wait for a manager's review before a step, add \
                     \"manager_review_before_step\": \"notice\" (or another step's code). The \
                     worklist then shows \"Manager review before …\" until a manager's review is \
                     recorded in the diary, and a notice cannot be drafted without it."
                </p>
                <SaveOutcomeView outcome=outcome />
                {move || import_message.get().map(|message| view! {
                    <p id="policy-import-result" class="inset-text" role="status">{message}</p>
                })}
                <div class="form-group">
                    <label class="label" for="policy-json">"Policy (JSON)"</label>
                    <textarea id="policy-json" class="input textarea code" rows="18"
                        spellcheck="false" autocomplete="off" prop:value=json
                        on:input=move |event| json.set(event_target_value(&event))></textarea>
                </div>
                <div class="button-group">
                    <button id="policy-save" class="button" type="button" disabled=saving
                        on:click=move |_| save()>
                        "Save"
                    </button>
                    <button id="policy-export" class="button button-secondary" type="button"
                        on:click=export>
                        "Export the saved policy"
                    </button>
                    // The file input is visually hidden but stays in the Tab order; the label
                    // after it looks like a button and shows the input's focus (style.css).
                    <input id="policy-import" class="visually-hidden file-input" type="file"
                        accept=".json,application/json" on:change=import />
                    <label class="button button-secondary file-button" for="policy-import">
                        "Import from a file"
                    </label>
                </div>
                <p class="busy" aria-live="polite">{move || saving.get().then_some("Saving…")}</p>
                <p id="policy-exported" aria-live="polite">{move || exported.get()}</p>
            </section>
            <VerifyRecords />
        </main>
    }
}

/// Fetches the policy afresh (another officer's export may have been imported since) and
/// fills the text box with it.
fn load_policy(state: AppState, json: RwSignal<String>) {
    let ticket = state.lock_ticket();
    spawn_local(async move {
        let result = ipc::get_policy().await;
        if !state.is_unlocked_since(ticket) {
            return;
        }
        match result {
            Ok(policy) => {
                json.try_set(policy.json.clone());
                state.policy.set(Some(policy));
            }
            Err(failure) => {
                if let Some(message) = state.message_for(failure) {
                    state.error.set(Some(message));
                }
            }
        }
    });
}

#[component]
fn PolicySteps() -> impl IntoView {
    let state = expect_context::<AppState>();
    let steps = move || {
        state.policy.with(|policy| {
            policy
                .as_ref()
                .map(|policy: &PolicyView| policy.steps.clone())
        })
    };
    view! {
        <section aria-labelledby="policy-steps-heading">
            <h2 id="policy-steps-heading">"Steps, in order"</h2>
            {move || match steps() {
                None => view! { <p class="busy">"Loading the policy…"</p> }.into_any(),
                Some(steps) => view! {
                    <ol id="policy-steps" class="policy-steps">
                        {steps.into_iter().map(|step| view! { <li>{step}</li> }).collect_view()}
                    </ol>
                }
                .into_any(),
            }}
        </section>
    }
}

#[component]
fn SaveOutcomeView(outcome: RwSignal<Option<SaveOutcome>>) -> impl IntoView {
    move || {
        outcome.get().map(|outcome| match outcome {
            SaveOutcome::Saved => view! {
                <p id="policy-saved" class="notice" role="status">
                    "Saved. The worklist now follows this policy."
                </p>
            }
            .into_any(),
            SaveOutcome::Refused { problems } => view! {
                <div class="error-summary form-error" role="alert">
                    <p>"The policy was not saved. Fix these and save again:"</p>
                    <ul id="policy-problems">
                        {problems.into_iter().map(|problem| view! { <li>{problem}</li> })
                            .collect_view()}
                    </ul>
                </div>
            }
            .into_any(),
            SaveOutcome::Failed { message } => view! {
                <p class="error-summary form-error" role="alert">{message}</p>
            }
            .into_any(),
        })
    }
}

#[component]
fn VerifyRecords() -> impl IntoView {
    let state = expect_context::<AppState>();
    let busy = RwSignal::new(false);
    let result = RwSignal::new(None::<Result<RecordsVerification, String>>);
    let verify = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        result.set(None);
        let ticket = state.lock_ticket();
        spawn_local(async move {
            let answer = ipc::verify_records().await;
            busy.try_set(false);
            if !state.is_unlocked_since(ticket) {
                return;
            }
            match answer {
                Ok(verification) => {
                    result.try_set(Some(Ok(verification)));
                }
                Err(failure) => {
                    if let Some(message) = state.message_for(failure) {
                        result.try_set(Some(Err(message)));
                    }
                }
            }
        });
    };
    view! {
        <section aria-labelledby="verify-heading">
            <h2 id="verify-heading">"Records"</h2>
            <p class="hint">
                "Every ledger entry and diary record is chained to the one before it, so a change \
                 made outside Doorstep shows. Verify checks both chains."
            </p>
            <button id="verify-records" class="button button-secondary" type="button"
                disabled=busy on:click=verify>
                "Verify records"
            </button>
            <div id="verify-result" aria-live="polite">
                {move || busy.get().then(|| view! { <p class="busy">"Checking…"</p> })}
                {move || result.get().map(|outcome| match outcome {
                    Ok(verification) => verification_view(verification).into_any(),
                    Err(message) => view! {
                        <p class="form-error error-message" role="alert">{message}</p>
                    }
                    .into_any(),
                })}
            </div>
        </section>
    }
}

fn verification_view(verification: RecordsVerification) -> impl IntoView {
    let counts = format!(
        "Checked {} ledger entries and {} diary records.",
        verification.ledger_entries_checked, verification.diary_records_checked
    );
    let problems = if verification.problems.is_empty() {
        view! { <p class="verify-intact">"Both chains are intact."</p> }.into_any()
    } else {
        view! {
            <div class="error-summary" role="alert">
                <p>"Problems found:"</p>
                <ul id="verify-problems">
                    {verification.problems.into_iter()
                        .map(|problem| view! { <li>{problem}</li> })
                        .collect_view()}
                </ul>
            </div>
        }
        .into_any()
    };
    view! {
        <p class="verify-counts">{counts}</p>
        {problems}
    }
}
