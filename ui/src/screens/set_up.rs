//! First run: choose a passphrase and start with the demo caseload or with nothing.

use doorstep_api::{SetUpRequest, StartWith, PASSPHRASE_CHARS_MIN};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::session::AppState;

#[component]
pub fn SetUpScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let passphrase = RwSignal::new(String::new());
    let passphrase_repeated = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // What set_up is doing, if it is running; the buttons are disabled meanwhile.
    let busy = RwSignal::new(None::<&'static str>);
    let passphrase_input = NodeRef::<html::Input>::new();
    focus_when_mounted(passphrase_input);

    let start = move |start_with: StartWith| {
        if busy.get_untracked().is_some() {
            return;
        }
        error.set(None);
        busy.set(Some(match start_with {
            StartWith::DemoCaseload => "Creating the demo caseload…",
            StartWith::Empty => "Setting up Doorstep…",
        }));
        let request = SetUpRequest {
            passphrase: passphrase.get_untracked(),
            passphrase_repeated: passphrase_repeated.get_untracked(),
            start_with,
        };
        spawn_local(async move {
            let result = ipc::set_up(&request).await;
            // The screen may be gone by now; its signals with it.
            busy.try_set(None);
            match result {
                Ok(status) => state.show_session_state(status),
                Err(failure) => {
                    if let Some(message) = state.message_for(failure) {
                        error.try_set(Some(message));
                        if let Some(input) = passphrase_input.try_get_untracked().flatten() {
                            let _ = input.focus();
                        }
                    }
                }
            }
        });
    };

    let data_dir = move || {
        state.session.with(|status| {
            status
                .as_ref()
                .map(|status| format!("Data folder: {}", status.data_dir))
        })
    };

    view! {
        <main class="page page-narrow">
            <h1>"Set up Doorstep"</h1>
            // Why this screen is showing again, when head office revoked the laptop.
            {move || state.locked_notice.get().map(|notice| view! {
                <p id="set-up-notice" class="warning-box" role="alert">{notice}</p>
            })}
            <p>
                "Doorstep keeps tenants' details on this laptop, encrypted. You choose a "
                "passphrase now, and you will need it every time you open Doorstep and whenever "
                "it has locked itself."
            </p>
            {move || error.get().map(|message| view! {
                <p id="error" class="error-summary" role="alert">{message}</p>
            })}
            <form class="form" novalidate on:submit=|event| event.prevent_default()>
                <div class="form-group">
                    <label class="label" for="passphrase">"Passphrase"</label>
                    <p id="passphrase-hint" class="hint">
                        {format!(
                            "At least {PASSPHRASE_CHARS_MIN} characters. A few unrelated words \
                             are easy to remember and hard to guess."
                        )}
                    </p>
                    <input id="passphrase" class="input" type="password" autocomplete="new-password"
                        aria-describedby="passphrase-hint" autofocus node_ref=passphrase_input
                        prop:value=passphrase
                        on:input=move |event| passphrase.set(event_target_value(&event)) />
                </div>
                <div class="form-group">
                    <label class="label" for="passphrase-repeated">"Passphrase again"</label>
                    <input id="passphrase-repeated" class="input" type="password"
                        autocomplete="new-password" prop:value=passphrase_repeated
                        on:input=move |event| passphrase_repeated.set(event_target_value(&event)) />
                </div>
                <p id="busy" class="busy" aria-live="polite">{move || busy.get()}</p>
                <div class="button-group">
                    <button id="start-demo" class="button" type="button"
                        disabled=move || busy.get().is_some()
                        on:click=move |_| start(StartWith::DemoCaseload)>
                        "Start with demo data"
                    </button>
                    <button id="start-empty" class="button button-secondary" type="button"
                        disabled=move || busy.get().is_some()
                        on:click=move |_| start(StartWith::Empty)>
                        "Start empty"
                    </button>
                </div>
            </form>
            <p class="hint">
                "The demo data is made up, for training and trying Doorstep. Start empty to work "
                "with your real caseload from head office."
            </p>
            <p class="hint">{data_dir}</p>
        </main>
    }
}

/// `autofocus` only works for the first page load; screens that appear later focus here.
pub fn focus_when_mounted<Element>(node: NodeRef<Element>)
where
    Element: leptos::html::ElementType + 'static,
    Element::Output: wasm_bindgen::JsCast + Clone + AsRef<web_sys::HtmlElement> + 'static,
{
    node.on_load(|element| {
        let element: &web_sys::HtmlElement = element.as_ref();
        let _ = element.focus();
    });
}
