//! The Locked screen: the passphrase, and nothing else of the officer's data.

use doorstep_api::UnlockRequest;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::screens::set_up::focus_when_mounted;
use crate::session::AppState;

#[component]
pub fn UnlockScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let passphrase = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let passphrase_input = NodeRef::<html::Input>::new();
    focus_when_mounted(passphrase_input);

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        // Cleared first, so the same error twice is announced twice.
        error.set(None);
        busy.set(true);
        let request = UnlockRequest {
            passphrase: passphrase.get_untracked(),
        };
        spawn_local(async move {
            let result = ipc::unlock(&request).await;
            busy.try_set(false);
            // A passphrase stays in memory no longer than the attempt.
            passphrase.try_set(String::new());
            match result {
                Ok(status) => state.show_session_state(status),
                Err(failure) => {
                    error.try_set(Some(failure.to_string()));
                }
            }
            if let Some(input) = passphrase_input.try_get_untracked().flatten() {
                let _ = input.focus();
            }
        });
    };

    let notice = move || {
        state
            .locked_notice
            .get()
            .map(|notice| view! { <p class="inset-text">{notice}</p> })
    };

    view! {
        <main class="page page-narrow">
            <h1>"Doorstep is locked"</h1>
            {notice}
            <form class="form" novalidate on:submit=submit>
                <div class="form-group" class:form-group-error=move || error.with(Option::is_some)>
                    <label class="label" for="passphrase">"Passphrase"</label>
                    {move || error.get().map(|message| view! {
                        <p id="error" class="error-message" role="alert">{message}</p>
                    })}
                    <input id="passphrase" class="input" type="password"
                        autocomplete="current-password" autofocus node_ref=passphrase_input
                        prop:value=passphrase
                        on:input=move |event| passphrase.set(event_target_value(&event)) />
                </div>
                <p class="busy" aria-live="polite">
                    {move || busy.get().then_some("Unlocking…")}
                </p>
                <button id="unlock" class="button" type="submit" disabled=busy>"Unlock"</button>
            </form>
        </main>
    }
}
