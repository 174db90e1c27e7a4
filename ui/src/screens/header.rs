//! The black bar on the unlocked screens: app name, how fresh the data is, how big the
//! caseload is, and the Lock button (always one Tab away from the top).

use leptos::prelude::*;

use crate::display::{accounts_text, date_text};
use crate::session::AppState;

#[component]
pub fn AppHeader() -> impl IntoView {
    let state = expect_context::<AppState>();
    let as_at = move || {
        state.caseload.with(|list| {
            list.as_ref()
                .map(|list| format!("Data as at {}", date_text(list.as_at)))
        })
    };
    let caseload_count = move || {
        state.caseload.with(|list| {
            list.as_ref()
                .map(|list| format!("Caseload: {}", accounts_text(list.caseload_count)))
        })
    };
    view! {
        <header class="app-header">
            <span class="app-name">"Doorstep"</span>
            <span class="app-header-facts">
                <span id="as-at">{as_at}</span>
                <span id="caseload-count">{caseload_count}</span>
            </span>
            <button id="lock" class="button button-header" type="button"
                on:click=move |_| state.lock_now()>
                "Lock"
            </button>
        </header>
        {move || {
            state.error.get().map(|message| view! {
                <div id="error" class="error-summary" role="alert">{message}</div>
            })
        }}
    }
}
