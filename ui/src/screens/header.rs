//! The black bar on the unlocked screens: app name, the Worklist / Caseload / Round / Reports /
//! Policy / Head office links, how fresh the data is, how big the caseload is, how many records
//! wait to be sent to head office, and the Lock button (always near the top of the Tab order). Under it, on every unlocked screen, the lone-working banner: the officer's open
//! check-ins, so a check-in running out is seen wherever the officer is in the app.

use doorstep_api::{CheckInView, CheckOutRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::display::{accounts_text, date_text};
use crate::ipc;
use crate::session::{today, AppState, ListScreen, View};

/// Which header link the current view belongs to; an open account belongs to its list.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Worklist,
    Caseload,
    Policy,
    Round,
    Reports,
    HeadOffice,
}

fn section_of(view: &View) -> Option<Section> {
    match view {
        View::Worklist => Some(Section::Worklist),
        View::Caseload => Some(Section::Caseload),
        View::Policy => Some(Section::Policy),
        View::Round { .. } => Some(Section::Round),
        View::Reports { .. } => Some(Section::Reports),
        View::HeadOffice => Some(Section::HeadOffice),
        View::Account(open)
        | View::CourtFile(crate::session::OpenCourtFile { account: open, .. }) => {
            Some(match open.opened_from {
                ListScreen::Worklist => Section::Worklist,
                ListScreen::Caseload => Section::Caseload,
                ListScreen::Round(_) => Section::Round,
                ListScreen::Reports(_) => Section::Reports,
                ListScreen::HeadOffice => Section::HeadOffice,
            })
        }
        _ => None,
    }
}

#[component]
pub fn AppHeader() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The header is drawn afresh with every screen, so the banner is fresh on every move too.
    state.refresh_lone_working();
    state.refresh_unsent_count();
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
    let unsent_text = move || state.unsent_count.get().map(unsent_count_text);
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
                {nav_link(
                    "nav-round",
                    "Today's round",
                    Section::Round,
                    View::Round { visit_on: today() },
                )}
                {nav_link(
                    "nav-reports",
                    "Reports",
                    Section::Reports,
                    View::Reports { week_of: today() },
                )}
                {nav_link("nav-policy", "Policy", Section::Policy, View::Policy)}
                {nav_link("nav-head-office", "Head office", Section::HeadOffice, View::HeadOffice)}
            </nav>
            <span class="app-header-facts">
                <span id="as-at">{as_at}</span>
                <span id="caseload-count">{caseload_count}</span>
                <span id="unsent-count">{unsent_text}</span>
            </span>
            <button id="lock" class="button button-header" type="button"
                on:click=move |_| state.lock_now()>
                "Lock"
            </button>
        </header>
        <LoneWorkingBanner />
        {move || {
            state.error.get().map(|message| view! {
                <div id="error" class="error-summary" role="alert">{message}</div>
            })
        }}
    }
}

/// "3 to send": small, so it is noticed when it grows rather than read every time.
pub fn unsent_count_text(unsent_count: u64) -> String {
    match unsent_count {
        0 => "All sent to head office".to_string(),
        1 => "1 record to send".to_string(),
        count => format!("{} records to send", crate::display::count_text(count)),
    }
}

/// The class and role for a check-in's state: amber text box when it is ending soon, red and
/// announced when it is overdue. The state is also in words, never in colour alone.
fn check_in_class(check_in_state: &str) -> (&'static str, Option<&'static str>) {
    match check_in_state {
        "ending_soon" => ("lone-working-item lone-working-ending-soon", Some("status")),
        "overdue" => ("lone-working-item lone-working-overdue", Some("alert")),
        _ => ("lone-working-item lone-working-on-site", None),
    }
}

fn check_in_state_label(check_in_state: &str) -> &'static str {
    match check_in_state {
        "ending_soon" => "Ending soon",
        "overdue" => "Overdue",
        "checked_out" => "Checked out",
        _ => "On site",
    }
}

/// The officer's open check-ins. Shown only when there is one: an empty banner would teach the
/// officer to ignore it.
#[component]
fn LoneWorkingBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let check_out = move |check_in_id: String| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        let request = CheckOutRequest {
            command_id: ipc::new_command_id(),
            check_in_id,
        };
        let ticket = state.lock_ticket();
        spawn_local(async move {
            let result = ipc::check_out(&request).await;
            busy.try_set(false);
            if !state.is_unlocked_since(ticket) {
                return;
            }
            match result {
                Ok(lone_working) => state.lone_working.set(Some(lone_working)),
                Err(error) => {
                    if let Some(message) = state.message_for(error) {
                        failure.try_set(Some(message));
                    }
                }
            }
        });
    };
    let item = move |(index, check_in): (usize, CheckInView)| {
        let (class, role) = check_in_class(&check_in.state);
        // The first (most urgent) check-in's button has the plain id the tests and the
        // officer's habits rely on; any further ones are told apart by their check-in id.
        let button_id = if index == 0 {
            "check-out".to_string()
        } else {
            format!("check-out-{}", check_in.check_in_id)
        };
        let check_in_id = check_in.check_in_id.clone();
        view! {
            <li class=class role=role data-state=check_in.state.clone()>
                <span class="lone-working-state">{check_in_state_label(&check_in.state)}</span>
                " "
                <span class="lone-working-sentence">{check_in.sentence}</span>
                " "
                <span class="lone-working-address">
                    {format!(
                        "{}, {} (due back by {})",
                        check_in.tenant_names, check_in.address, check_in.due_time_local
                    )}
                </span>
                <button id=button_id class="button button-small lone-working-check-out"
                    type="button" disabled=busy
                    on:click=move |_| check_out(check_in_id.clone())>
                    "Check out"
                </button>
            </li>
        }
    };
    move || {
        let open = state
            .lone_working
            .with(|view| view.as_ref().map(|view| view.open.clone()))
            .unwrap_or_default();
        (!open.is_empty()).then(|| {
            view! {
                <section id="lone-working" class="lone-working" aria-label="Lone working">
                    <ul class="lone-working-list">
                        {open.into_iter().enumerate().map(item).collect_view()}
                    </ul>
                    {move || failure.get().map(|message| view! {
                        <p class="form-error error-message" role="alert">{message}</p>
                    })}
                </section>
            }
        })
    }
}
