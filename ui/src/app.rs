//! The root component: one screen at a time, chosen by `AppState::view` (no router: the app has
//! no URLs worth sharing, and a signal cannot drift from the session state).

use leptos::prelude::*;

use crate::screens::account::AccountScreen;
use crate::screens::benefits::BenefitsScreen;
use crate::screens::caseload::CaseloadScreen;
use crate::screens::court_file::CourtFileScreen;
use crate::screens::head_office::HeadOfficeScreen;
use crate::screens::header::AppHeader;
use crate::screens::people::PeopleScreen;
use crate::screens::policy::PolicyScreen;
use crate::screens::reports::ReportsScreen;
use crate::screens::round::RoundScreen;
use crate::screens::set_up::SetUpScreen;
use crate::screens::unlock::UnlockScreen;
use crate::screens::worklist::WorklistScreen;
use crate::session::{AppState, View};

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    state.watch_idle_lock();
    state.refresh_session();

    move || match state.view.get() {
        View::Starting => view! {
            <main class="page page-narrow">
                <p class="busy" aria-live="polite">"Starting Doorstep…"</p>
            </main>
        }
        .into_any(),
        View::StartFailed { message } => view! {
            <main class="page page-narrow">
                <h1>"Doorstep could not start"</h1>
                <p id="error" class="error-summary" role="alert">{message}</p>
                <button class="button" type="button" on:click=move |_| state.refresh_session()>
                    "Try again"
                </button>
            </main>
        }
        .into_any(),
        View::NotSetUp => view! { <SetUpScreen /> }.into_any(),
        View::Locked => view! { <UnlockScreen /> }.into_any(),
        View::Worklist => view! {
            <AppHeader />
            <WorklistScreen />
        }
        .into_any(),
        View::Policy => view! {
            <AppHeader />
            <PolicyScreen />
        }
        .into_any(),
        View::HeadOffice => view! {
            <AppHeader />
            <HeadOfficeScreen />
        }
        .into_any(),
        View::Caseload => view! {
            <AppHeader />
            <CaseloadScreen />
        }
        .into_any(),
        View::Round { visit_on } => view! {
            <AppHeader />
            <RoundScreen visit_on=visit_on />
        }
        .into_any(),
        View::Reports { week_of } => view! {
            <AppHeader />
            <ReportsScreen week_of=week_of />
        }
        .into_any(),
        View::Account(open) => view! {
            <AppHeader />
            <AccountScreen open=open />
        }
        .into_any(),
        View::CourtFile(open) => view! {
            <AppHeader />
            <CourtFileScreen open=open />
        }
        .into_any(),
        View::Benefits(open) => view! {
            <AppHeader />
            <BenefitsScreen open=open />
        }
        .into_any(),
        View::People(open) => view! {
            <AppHeader />
            <PeopleScreen open=open />
        }
        .into_any(),
    }
}
