//! The day's round of home visits: the stops in the order they will be made, each with its
//! appointment time, what is owed, the next action and, first, any warning about the visit
//! ("Do not visit alone"). The officer can move a stop up or down or remove it (the round is
//! planned again in that order, with the same start time and minutes), open an account (Back
//! returns here), and produce the run sheet to print or carry.
//!
//! The round is fetched again every time the screen shows, because a check-in or a recorded
//! visit changes what each stop says.

use chrono::{Duration, NaiveDate};
use doorstep_api::{
    GetRoundRequest, PlanRoundRequest, RoundOrder, RoundStopView, RoundView, VisitDocumentRequest,
};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::display::{balance_state, date_text, money_text, weeks_figure_text};
use crate::ipc::{self, CallError};
use crate::round_order::{rearranged, Move};
use crate::screens::set_up::focus_when_mounted;
use crate::session::{AppState, ListScreen, OpenAccount, RoundPlan, View};

/// Stops drawn at most: a day holds a dozen or two visits; the core limits the plan, this
/// keeps a corrupt answer from freezing the window.
pub const ROUND_STOPS_MAX: usize = 100;

/// Plans the round with `plan` and these references and shows it. Used by the worklist's
/// Plan round (route order) and by this screen's Move and Remove (as given).
pub fn plan_round(state: AppState, plan: RoundPlan, references: Vec<String>, order: RoundOrder) {
    let request = PlanRoundRequest {
        visit_on: plan.visit_on,
        start_time: plan.start_time,
        visit_minutes: plan.visit_minutes,
        travel_minutes: plan.travel_minutes,
        payment_references: references,
        order,
    };
    let generation = state.next_generation();
    spawn_local(async move {
        let result = ipc::plan_round(&request).await;
        if !state.is_current(generation) {
            return;
        }
        let planned = result.is_ok();
        show_round(state, result);
        if planned {
            state.round_plan.set(plan);
            state.set_view(View::Round {
                visit_on: plan.visit_on,
            });
        }
    });
}

fn show_round(state: AppState, result: Result<RoundView, CallError>) {
    match result {
        Ok(round) => {
            state.error.set(None);
            state.round.set(Some(round));
        }
        Err(failure) => {
            if let Some(message) = state.message_for(failure) {
                state.error.set(Some(message));
            }
        }
    }
}

fn load_round(state: AppState, visit_on: NaiveDate) {
    let generation = state.next_generation();
    let request = GetRoundRequest { visit_on };
    spawn_local(async move {
        let result = ipc::get_round(&request).await;
        if state.is_current(generation) {
            show_round(state, result);
        }
    });
}

/// The round's references in their current order.
fn round_references(state: AppState) -> Vec<String> {
    state.round.with_untracked(|round| {
        round
            .as_ref()
            .map(|round| {
                round
                    .stops
                    .iter()
                    .map(|stop| stop.payment_reference.clone())
                    .collect()
            })
            .unwrap_or_default()
    })
}

#[component]
pub fn RoundScreen(visit_on: NaiveDate) -> impl IntoView {
    let state = expect_context::<AppState>();
    // Reached from the header for a day not planned here: the day's defaults, the same minutes.
    if state
        .round_plan
        .with_untracked(|plan| plan.visit_on != visit_on)
    {
        state.round_plan.update(|plan| plan.visit_on = visit_on);
    }
    load_round(state, visit_on);
    let heading = NodeRef::<html::H1>::new();
    focus_when_mounted(heading);

    // Only a round for this day is shown; one for another day may still be in memory.
    let round = Memo::new(move |_| state.round.get().filter(|round| round.visit_on == visit_on));
    let plan_text = move || {
        let plan = state.round_plan.get();
        format!(
            "Starting at {}, {} minutes a visit and {} minutes between visits.",
            plan.start_time.format("%H:%M"),
            plan.visit_minutes,
            plan.travel_minutes
        )
    };
    let warnings = move || {
        round.with(|round| {
            round
                .as_ref()
                .filter(|round| !round.warnings.is_empty())
                .map(|round| {
                    view! {
                        <div id="round-warnings" class="warning-box" role="alert">
                            <ul class="plain-list">
                                {round.warnings.iter().map(|warning| view! {
                                    <li class="round-plan-warning">{warning.clone()}</li>
                                }).collect_view()}
                            </ul>
                        </div>
                    }
                })
        })
    };
    let stops = move || match round.get() {
        None => view! { <p class="busy" aria-live="polite">"Loading the round…"</p> }.into_any(),
        Some(round) if round.stops.is_empty() => view! {
            <p id="round-empty" class="empty-note">
                "No visits are planned for this day. Tick “Add to round” on the worklist, then \
                 Plan round."
            </p>
        }
        .into_any(),
        Some(round) => {
            let last_index = round.stops.len().saturating_sub(1);
            view! {
                <ol id="round-stops" class="plain-list round-stops">
                    {round.stops.into_iter().take(ROUND_STOPS_MAX).enumerate()
                        .map(|(index, stop)| view! {
                            <RoundStop stop=stop index=index last_index=last_index
                                visit_on=visit_on />
                        })
                        .collect_view()}
                </ol>
            }
            .into_any()
        }
    };

    view! {
        <main class="page page-wide">
            <h1 id="round-heading" tabindex="-1" node_ref=heading>
                {format!("Round for {}", date_text(visit_on))}
            </h1>
            <p id="round-plan" class="hint">{plan_text}</p>
            {warnings}
            <RunSheet visit_on=visit_on />
            {stops}
        </main>
    }
}

#[component]
fn RunSheet(visit_on: NaiveDate) -> impl IntoView {
    let state = expect_context::<AppState>();
    let busy = RwSignal::new(false);
    let result = RwSignal::new(None::<Result<String, String>>);
    let produce = move || {
        if busy.get_untracked() {
            return;
        }
        let request = VisitDocumentRequest {
            // The run sheet is for the day, not one account.
            payment_reference: String::new(),
            kind: "run_sheet".to_string(),
            id: None,
            visit_on: Some(visit_on),
        };
        busy.set(true);
        result.set(None);
        let ticket = state.lock_ticket();
        spawn_local(async move {
            let answer = ipc::produce_visit_document(&request).await;
            busy.try_set(false);
            if !state.is_unlocked_since(ticket) {
                return;
            }
            match answer {
                Ok(document) => {
                    result.try_set(Some(Ok(format!("Saved to {}", document.path))));
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
        <div class="button-group">
            <button id="run-sheet" class="button button-secondary" type="button" disabled=busy
                on:click=move |_| produce()>
                "Run sheet (PDF)"
            </button>
        </div>
        <div id="run-sheet-result" aria-live="polite">
            {move || busy.get().then(|| view! { <p class="busy">"Producing the run sheet…"</p> })}
            {move || result.get().map(|outcome| match outcome {
                Ok(text) => view! { <p class="notice document-saved">{text}</p> }.into_any(),
                Err(text) => view! {
                    <p class="form-error error-message" role="alert">{text}</p>
                }
                .into_any(),
            })}
        </div>
    }
}

fn check_in_text(stop: &RoundStopView) -> String {
    match (&stop.check_in, stop.visited) {
        (Some(check_in), _) => check_in.sentence.clone(),
        (None, true) => "Visit recorded.".to_string(),
        (None, false) => "Not checked in.".to_string(),
    }
}

#[component]
fn RoundStop(
    stop: RoundStopView,
    index: usize,
    last_index: usize,
    visit_on: NaiveDate,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let reference = stop.payment_reference.clone();
    let open_account = OpenAccount {
        payment_reference: reference.clone(),
        tenant_names: stop.tenant_names.clone(),
        opened_from: ListScreen::Round(visit_on),
    };
    let open = move |_| {
        state.error.set(None);
        state.set_view(View::Account(open_account.clone()));
    };
    let change = move |change: Move| {
        let references = rearranged(&round_references(state), index, change);
        plan_round(
            state,
            state.round_plan.get_untracked(),
            references,
            RoundOrder::AsGiven,
        );
    };
    let ends_at = stop.appointment_time + Duration::minutes(i64::from(stop.duration_minutes));
    let time_text = format!(
        "{}–{}",
        stop.appointment_time.format("%H:%M"),
        ends_at.format("%H:%M")
    );
    let balance_class = format!("round-stop-balance {}", balance_state(stop.balance).class());
    let check_in_state = stop
        .check_in
        .as_ref()
        .map(|check_in| check_in.state.clone())
        .unwrap_or_else(|| if stop.visited { "visited" } else { "none" }.to_string());
    let check_in_text = check_in_text(&stop);
    let warnings = (!stop.warnings.is_empty()).then(|| {
        view! {
            <ul class="plain-list round-stop-warnings">
                {stop.warnings.iter().map(|warning| view! {
                    <li class="round-warning">{warning.clone()}</li>
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <li class="round-stop panel" data-reference=reference.clone()
            data-check-in=check_in_state>
            <p class="round-stop-heading">
                <span class="round-stop-time">{time_text}</span>
                " "
                <span class="round-stop-reference">{reference.clone()}</span>
                " "
                <strong class="round-stop-tenant">{stop.tenant_names.clone()}</strong>
            </p>
            {warnings}
            <p class="round-stop-address">{format!("{}, {}", stop.address, stop.postcode)}</p>
            <p>
                <span class=balance_class>{money_text(stop.balance)}</span>
                {format!(" ({} weeks of rent). ", weeks_figure_text(stop.arrears_weeks))}
                <span class="round-stop-next-action">{format!("Next action: {}", stop.next_action)}</span>
            </p>
            <p class="round-stop-check-in">{check_in_text}</p>
            <div class="button-group">
                <button id=format!("round-open-{reference}") class="button button-small"
                    type="button" on:click=open>
                    "Open account"
                </button>
                <button id=format!("round-up-{reference}")
                    class="button button-secondary button-small" type="button"
                    disabled=index == 0 on:click=move |_| change(Move::Up)>
                    "Move up"
                </button>
                <button id=format!("round-down-{reference}")
                    class="button button-secondary button-small" type="button"
                    disabled=index == last_index on:click=move |_| change(Move::Down)>
                    "Move down"
                </button>
                <button id=format!("round-remove-{reference}")
                    class="button button-secondary button-small" type="button"
                    on:click=move |_| change(Move::Remove)>
                    "Remove"
                </button>
            </div>
        </li>
    }
}
