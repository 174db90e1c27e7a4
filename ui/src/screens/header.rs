//! The black bar on the unlocked screens: app name, the Worklist / Caseload / Policy links, how
//! fresh the data is, how big the caseload is, and the Lock button (always near the top of the
//! Tab order).

use leptos::prelude::*;

use crate::display::{accounts_text, date_text};
use crate::session::{AppState, ListScreen, View};

/// Which header link the current view belongs to; an open account belongs to its list.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Worklist,
    Caseload,
    Policy,
}

fn section_of(view: &View) -> Option<Section> {
    match view {
        View::Worklist => Some(Section::Worklist),
        View::Caseload => Some(Section::Caseload),
        View::Policy => Some(Section::Policy),
        View::Account(open) => Some(match open.opened_from {
            ListScreen::Worklist => Section::Worklist,
            ListScreen::Caseload => Section::Caseload,
        }),
        _ => None,
    }
}

#[component]
pub fn AppHeader() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The worklist holds every account once, so it answers both facts when the caseload
    // screen has not been opened yet.
    let as_at = move || {
        let from_worklist = state
            .worklist
            .with(|list| list.as_ref().map(|list| list.as_at));
        let from_caseload = state
            .caseload
            .with(|list| list.as_ref().map(|list| list.as_at));
        from_worklist
            .or(from_caseload)
            .map(|as_at| format!("Data as at {}", date_text(as_at)))
    };
    let caseload_count = move || {
        let from_worklist = state
            .worklist
            .with(|list| list.as_ref().map(|list| list.items.len()));
        let from_caseload = state
            .caseload
            .with(|list| list.as_ref().map(|list| list.caseload_count));
        from_worklist
            .or(from_caseload)
            .map(|count| format!("Caseload: {}", accounts_text(count)))
    };
    let nav_link = move |id: &'static str, label: &'static str, section: Section, view: View| {
        let is_current = move || state.view.with(section_of) == Some(section);
        view! {
            <a id=id class="nav-link" href="#"
                aria-current=move || is_current().then_some("page")
                on:click=move |event| {
                    event.prevent_default();
                    state.error.set(None);
                    state.set_view(view.clone());
                }>
                {label}
            </a>
        }
    };
    view! {
        <header class="app-header">
            <span class="app-name">"Doorstep"</span>
            <nav class="app-nav" aria-label="Main">
                {nav_link("nav-worklist", "Worklist", Section::Worklist, View::Worklist)}
                {nav_link("nav-caseload", "Caseload", Section::Caseload, View::Caseload)}
                {nav_link("nav-policy", "Policy", Section::Policy, View::Policy)}
            </nav>
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
