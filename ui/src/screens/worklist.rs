//! The home screen once unlocked: every account in the caseload with its next action, most
//! urgent first (the core's order, never re-sorted here), narrowed in memory by next action,
//! patch, pause reason and free text.
//!
//! The worklist is fetched again every time the screen shows, because the core recomputes it
//! from the ledger on every change; the last one stays on screen meanwhile so Back is instant.
//! Keyboard: as on the caseload, Down from the search box enters the table, Up and Down move
//! between rows and Enter opens the account.
//!
//! Each row can be ticked "Add to round"; the planning bar plans the ticked accounts as a round
//! of home visits in route order and opens the Round screen.

use chrono::NaiveTime;
use doorstep_api::{ExportList, RoundOrder, WorklistItem};
use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::display::{
    balance_state, date_input_value, money_text, parse_date_input, result_count_text,
    weeks_figure_text,
};
use crate::ipc;
use crate::round_order::toggled;
use crate::screens::caseload::{element_by_id, first_element, focus_sibling_row, Direction};
use crate::screens::export::ExportBar;
use crate::screens::round::plan_round;
use crate::session::{AppState, ListScreen, OpenAccount, RoundPlan, View};
use crate::worklist_filter::{
    action_options, item_matches, option_text, patch_options, pause_options, FilterOption,
    PauseFilter, WorklistFilter, NOT_PAUSED_VALUE,
};

/// Rows rendered at most: a whole patch of a few hundred draws quickly; beyond this the officer
/// narrows by action or patch first.
pub const WORKLIST_ROWS_MAX: usize = 500;

const SEARCH_ID: &str = "worklist-search";

#[component]
pub fn WorklistScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let search_input = NodeRef::<html::Input>::new();
    load_worklist(state);
    focus_on_arrival(state, search_input);

    let on_search_keydown = move |event: KeyboardEvent| {
        if event.key() == "ArrowDown" {
            if let Some(row) = first_element("#worklist tr.worklist-row") {
                event.prevent_default();
                let _ = row.focus();
            }
        }
    };
    let policy_name = move || {
        state.worklist.with(|list| {
            list.as_ref()
                .map(|list| format!("Next actions from the policy “{}”.", list.policy_name))
        })
    };

    view! {
        <main class="page page-wide">
            <h1 class="visually-hidden">"Worklist"</h1>
            <div class="filter-bar">
                <div class="form-group search-group">
                    <label class="label" for=SEARCH_ID>
                        "Search by name, address, postcode or payment reference"
                    </label>
                    <input id=SEARCH_ID class="input" type="search" autocomplete="off"
                        spellcheck="false" node_ref=search_input
                        prop:value=move || state.worklist_filter.with(|filter| filter.query.clone())
                        on:input=move |event| {
                            let query = event_target_value(&event);
                            state.worklist_filter.update(|filter| filter.query = query);
                        }
                        on:keydown=on_search_keydown />
                </div>
                <ActionFilter />
                <PatchFilter />
                <PauseFilter />
            </div>
            <p class="hint">{policy_name}</p>
            <ExportBar list=ExportList::Worklist id_prefix="worklist"
                label="Save the whole worklist:" />
            <PlanningBar />
            <WorklistTable />
        </main>
    }
}

fn load_worklist(state: AppState) {
    let generation = state.next_generation();
    spawn_local(async move {
        let result = ipc::get_worklist().await;
        if !state.is_current(generation) {
            return;
        }
        match result {
            Ok(worklist) => {
                state.error.set(None);
                state.worklist.set(Some(worklist));
            }
            Err(failure) => {
                if let Some(message) = state.message_for(failure) {
                    state.error.set(Some(message));
                }
            }
        }
    });
}

/// A row is redrawn when anything it shows changes, not only when the account does: keyed by
/// the reference alone, a payment that changed the next action left the old row on screen.
fn row_key(item: &WorklistItem) -> String {
    format!(
        "{}|{}|{}|{}|{}|{}|{:?}",
        item.payment_reference,
        item.balance,
        item.true_arrears,
        item.arrears_weeks,
        item.next_action.label,
        item.next_action.reason,
        item.pause_reason
    )
}

fn row_id(payment_reference: &str) -> String {
    format!("worklist-{payment_reference}")
}

/// The search box has focus on arrival, unless the officer is back from an account: then
/// that account's row has it (once the list has drawn it).
fn focus_on_arrival(state: AppState, search_input: NodeRef<html::Input>) {
    Effect::new(move |_| {
        let Some(input) = search_input.get() else {
            return;
        };
        let returning_row = state
            .last_opened_reference
            .get_untracked()
            .and_then(|reference| element_by_id(&row_id(&reference)));
        state.last_opened_reference.set(None);
        let _ = match returning_row {
            Some(row) => row.focus(),
            None => input.focus(),
        };
    });
}

/// A fixed choice after "all" in a filter menu, such as "Not paused".
#[derive(Clone, Copy)]
struct ExtraOption {
    value: &'static str,
    label: &'static str,
    count: fn(&[WorklistItem]) -> usize,
}

/// The options of one filter menu, first the "all" choice (value "").
fn filter_options(
    all_label: &'static str,
    options: impl Fn(&[WorklistItem]) -> Vec<FilterOption> + Send + Sync + 'static,
    extra: Option<ExtraOption>,
    selected_value: impl Fn() -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let choices = Memo::new(move |_| {
        state.worklist.with(|list| {
            let items = list
                .as_ref()
                .map(|list| list.items.as_slice())
                .unwrap_or(&[]);
            let mut choices = vec![(String::new(), option_text(all_label, items.len()))];
            if let Some(extra) = extra {
                choices.push((
                    extra.value.to_string(),
                    option_text(extra.label, (extra.count)(items)),
                ));
            }
            choices.extend(options(items).into_iter().map(|option| {
                let text = option_text(&option.value, option.count);
                (option.value, text)
            }));
            choices
        })
    });
    move || {
        choices
            .get()
            .into_iter()
            .map(|(value, text)| {
                let is_selected = {
                    let value = value.clone();
                    move || selected_value() == value
                };
                view! { <option value=value selected=is_selected>{text}</option> }
            })
            .collect_view()
    }
}

#[component]
fn ActionFilter() -> impl IntoView {
    let state = expect_context::<AppState>();
    let selected = move || {
        state
            .worklist_filter
            .with(|filter| filter.action_label.clone().unwrap_or_default())
    };
    view! {
        <div class="form-group filter-group">
            <label class="label" for="filter-action">"Next action"</label>
            <select id="filter-action" class="select"
                prop:value=selected
                on:change=move |event| {
                    let value = event_target_value(&event);
                    state.worklist_filter.update(|filter| {
                        filter.action_label = (!value.is_empty()).then_some(value);
                    });
                }>
                {filter_options("All next actions", action_options, None, selected)}
            </select>
        </div>
    }
}

#[component]
fn PatchFilter() -> impl IntoView {
    let state = expect_context::<AppState>();
    let selected = move || {
        state
            .worklist_filter
            .with(|filter| filter.patch.clone().unwrap_or_default())
    };
    view! {
        <div class="form-group filter-group">
            <label class="label" for="filter-patch">"Patch"</label>
            <select id="filter-patch" class="select"
                prop:value=selected
                on:change=move |event| {
                    let value = event_target_value(&event);
                    state.worklist_filter.update(|filter| {
                        filter.patch = (!value.is_empty()).then_some(value);
                    });
                }>
                {filter_options("All patches", patch_options, None, selected)}
            </select>
        </div>
    }
}

fn not_paused_count(items: &[WorklistItem]) -> usize {
    items
        .iter()
        .filter(|item| item.pause_reason.is_none())
        .count()
}

#[component]
fn PauseFilter() -> impl IntoView {
    let state = expect_context::<AppState>();
    let selected = move || {
        state.worklist_filter.with(|filter| match &filter.pause {
            PauseFilter::Any => String::new(),
            PauseFilter::NotPaused => NOT_PAUSED_VALUE.to_string(),
            PauseFilter::Reason(reason) => reason.clone(),
        })
    };
    view! {
        <div class="form-group filter-group">
            <label class="label" for="filter-pause">"Pause reason"</label>
            <select id="filter-pause" class="select"
                prop:value=selected
                on:change=move |event| {
                    let value = event_target_value(&event);
                    state.worklist_filter.update(|filter| {
                        filter.pause = PauseFilter::from_value(&value);
                    });
                }>
                {filter_options(
                    "Paused or not",
                    pause_options,
                    Some(ExtraOption {
                        value: NOT_PAUSED_VALUE,
                        label: "Not paused",
                        count: not_paused_count,
                    }),
                    selected,
                )}
            </select>
        </div>
    }
}

/// The rows that pass the filters (at most `WORKLIST_ROWS_MAX`), how many pass, and how many
/// accounts the worklist holds.
#[derive(Clone, PartialEq)]
struct Narrowed {
    rows: Vec<WorklistItem>,
    matching_count: usize,
    items_count: usize,
}

#[component]
fn WorklistTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    let narrowed = Memo::new(move |_| {
        let filter = state.worklist_filter.get();
        state.worklist.with(|list| {
            list.as_ref().map(|list| {
                let mut matching_count = 0;
                let mut rows = Vec::new();
                for item in list.items.iter().filter(|item| item_matches(item, &filter)) {
                    matching_count += 1;
                    if rows.len() < WORKLIST_ROWS_MAX {
                        rows.push(item.clone());
                    }
                }
                Narrowed {
                    rows,
                    matching_count,
                    items_count: list.items.len(),
                }
            })
        })
    });
    let count_text = move || {
        narrowed.with(|narrowed| match narrowed {
            Some(narrowed) => result_count_text(narrowed.matching_count, narrowed.items_count),
            None => "Loading the worklist…".to_string(),
        })
    };
    let rows = move || {
        narrowed.with(|narrowed| {
            narrowed
                .as_ref()
                .map(|narrowed| narrowed.rows.clone())
                .unwrap_or_default()
        })
    };
    let limit_note = move || {
        narrowed.with(|narrowed| {
            narrowed
                .as_ref()
                .filter(|narrowed| narrowed.matching_count > WORKLIST_ROWS_MAX)
                .map(|_| {
                    view! {
                        <p class="inset-text">
                            {format!(
                                "Showing the {WORKLIST_ROWS_MAX} most urgent. Choose an action or \
                                 a patch to see the rest."
                            )}
                        </p>
                    }
                })
        })
    };
    let empty_note = move || {
        narrowed.with(|narrowed| {
            narrowed
                .as_ref()
                .filter(|narrowed| narrowed.matching_count == 0)
                .map(|narrowed| {
                    let text = if narrowed.items_count == 0 {
                        "The caseload is empty. Accounts arrive from head office."
                    } else {
                        "No account matches these filters."
                    };
                    view! { <p class="empty-note">{text}</p> }
                })
        })
    };
    let clear_button = move || {
        (!state.worklist_filter.with(WorklistFilter::is_empty)).then(|| {
            view! {
                <button id="filter-clear" class="button button-secondary button-small"
                    type="button"
                    on:click=move |_| state.worklist_filter.set(WorklistFilter::default())>
                    "Clear filters"
                </button>
            }
        })
    };

    view! {
        <div class="result-bar">
            <p id="worklist-count" class="result-count" aria-live="polite">{count_text}</p>
            {clear_button}
        </div>
        {limit_note}
        <table id="worklist" class="table">
            <caption class="visually-hidden">"Worklist, most urgent first"</caption>
            <thead>
                <tr>
                    <th scope="col">"Round"</th>
                    <th scope="col">"Reference"</th>
                    <th scope="col">"Tenant"</th>
                    <th scope="col">"Address"</th>
                    <th scope="col" class="numeric">"Balance"</th>
                    <th scope="col" class="numeric">"True arrears"</th>
                    <th scope="col" class="numeric">"Weeks"</th>
                    <th scope="col">"Next action"</th>
                </tr>
            </thead>
            <tbody>
                <For each=rows key=row_key let:item>
                    <WorklistRow item=item />
                </For>
            </tbody>
        </table>
        {empty_note}
    }
}

#[component]
fn WorklistRow(item: WorklistItem) -> impl IntoView {
    let state = expect_context::<AppState>();
    let open_account = OpenAccount {
        payment_reference: item.payment_reference.clone(),
        tenant_names: item.tenant_names.clone(),
        opened_from: ListScreen::Worklist,
    };
    let open = move || {
        state
            .last_opened_reference
            .set(Some(open_account.payment_reference.clone()));
        state.error.set(None);
        state.set_view(View::Account(open_account.clone()));
    };
    let open_on_click = open.clone();
    let on_keydown = move |event: KeyboardEvent| match event.key().as_str() {
        "Enter" => {
            event.prevent_default();
            open();
        }
        "ArrowDown" => {
            event.prevent_default();
            focus_sibling_row(&event, Direction::Next, SEARCH_ID);
        }
        "ArrowUp" => {
            event.prevent_default();
            focus_sibling_row(&event, Direction::Previous, SEARCH_ID);
        }
        _ => {}
    };
    let balance_class = format!("numeric {}", balance_state(item.balance).class());
    let arrears_class = format!("numeric {}", balance_state(item.true_arrears).class());
    let paused = item.pause_reason.clone().map(|reason| {
        view! { <span class="marker marker-paused">{format!("Paused: {reason}")}</span> }
    });
    let warnings = item
        .warnings
        .iter()
        .map(|warning| view! { <span class="marker worklist-warning">{warning.clone()}</span> })
        .collect_view();

    let reference = item.payment_reference.clone();
    let pick_reference = reference.clone();
    let is_picked = move || state.round_picks.with(|picks| picks.contains(&reference));
    let pick_id = format!("round-pick-{}", item.payment_reference);
    let pick_label = format!("Add {} to the round", item.tenant_names);

    view! {
        <tr class="worklist-row account-row" id=row_id(&item.payment_reference)
            data-reference=item.payment_reference.clone()
            data-action=item.next_action.code.clone() tabindex="0"
            on:click=move |_| open_on_click() on:keydown=on_keydown>
            // The tick is its own target: clicking it or pressing Enter on it must not open
            // the account.
            <td class="round-pick-cell" on:click=|event| event.stop_propagation()>
                <input id=pick_id class="checkbox round-pick" type="checkbox"
                    aria-label=pick_label prop:checked=is_picked
                    on:keydown=|event| event.stop_propagation()
                    on:change=move |event| {
                        let picked = event_target_checked(&event);
                        state.round_picks.update(|picks| {
                            *picks = toggled(picks, &pick_reference, picked);
                        });
                    } />
            </td>
            <td class="reference-cell">{item.payment_reference.clone()}</td>
            <td class="name">
                // The row is the keyboard target; the link is for pointer and screen reader
                // users, so it stays out of the Tab order.
                <a class="open-account" href="#" tabindex="-1"
                    on:click=|event| event.prevent_default()>
                    {item.tenant_names.clone()}
                </a>
            </td>
            <td>{format!("{}, {}", item.address, item.postcode)}</td>
            <td class=balance_class><span class="amount">{money_text(item.balance)}</span></td>
            <td class=arrears_class>
                <span class="amount">{money_text(item.true_arrears)}</span>
            </td>
            <td class="numeric">{weeks_figure_text(item.arrears_weeks)}</td>
            <td class="next-action-cell">
                <span class="next-action">{item.next_action.label.clone()}</span>
                <span class="next-action-reason">{item.next_action.reason.clone()}</span>
                {paused}
                {warnings}
            </td>
        </tr>
    }
}

/// How many ticked accounts are flagged "do not visit alone", from the worklist in hand.
fn flagged_picks_count(state: AppState) -> usize {
    state.round_picks.with(|picks| {
        state.worklist.with(|worklist| {
            worklist.as_ref().map_or(0, |worklist| {
                worklist
                    .items
                    .iter()
                    .filter(|item| {
                        item.do_not_visit_alone && picks.contains(&item.payment_reference)
                    })
                    .count()
            })
        })
    })
}

/// Reads a whole number of minutes, or says which box is wrong.
fn minutes_from(text: &str, what: &str) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|minutes| *minutes > 0)
        .ok_or_else(|| format!("Enter the {what} as a whole number of minutes, such as 20."))
}

/// Reads the planning bar into a plan, or says what to fix.
fn plan_from(
    visit_on: &str,
    start_time: &str,
    visit_minutes: &str,
    travel_minutes: &str,
) -> Result<RoundPlan, String> {
    let visit_on =
        parse_date_input(visit_on).ok_or_else(|| "Enter the day of the round.".to_string())?;
    // A time input gives "09:30", or "09:30:00" when seconds are shown.
    let start_time = NaiveTime::parse_from_str(start_time.trim(), "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(start_time.trim(), "%H:%M:%S"))
        .map_err(|_| "Enter the time of the first visit, such as 09:30.".to_string())?;
    // Travel may be nothing (neighbours), a visit may not.
    let travel_minutes = if travel_minutes.trim() == "0" {
        0
    } else {
        minutes_from(travel_minutes, "travel time between visits")?
    };
    Ok(RoundPlan {
        visit_on,
        start_time,
        visit_minutes: minutes_from(visit_minutes, "length of a visit")?,
        travel_minutes,
    })
}

/// The day, start time and minutes for a round of the ticked accounts, and Plan round.
#[component]
fn PlanningBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let plan = state.round_plan.get_untracked();
    let visit_on = RwSignal::new(date_input_value(plan.visit_on));
    let start_time = RwSignal::new(plan.start_time.format("%H:%M").to_string());
    let visit_minutes = RwSignal::new(plan.visit_minutes.to_string());
    let travel_minutes = RwSignal::new(plan.travel_minutes.to_string());
    let failure = RwSignal::new(None::<String>);
    let picked_text = move || {
        let count = state.round_picks.with(Vec::len);
        match count {
            0 => "No accounts ticked for the round.".to_string(),
            1 => "1 account ticked for the round.".to_string(),
            _ => format!("{count} accounts ticked for the round."),
        }
    };
    let plan = move || {
        let picks = state.round_picks.get_untracked();
        if picks.is_empty() {
            failure.set(Some(
                "Tick “Add to round” for the accounts to visit first.".to_string(),
            ));
            return;
        }
        match plan_from(
            &visit_on.get_untracked(),
            &start_time.get_untracked(),
            &visit_minutes.get_untracked(),
            &travel_minutes.get_untracked(),
        ) {
            Ok(plan) => {
                failure.set(None);
                plan_round(state, plan, picks, RoundOrder::Route);
            }
            Err(message) => failure.set(Some(message)),
        }
    };
    let input = move |id: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      value: RwSignal<String>| {
        let class = if kind == "text" {
            "input input-short"
        } else {
            "input"
        };
        view! {
            <div class="form-group">
                <label class="label" for=id>{label}</label>
                <input id=id class=class type=kind inputmode=(kind == "text").then_some("numeric")
                    autocomplete="off" prop:value=value
                    on:input=move |event| value.set(event_target_value(&event)) />
            </div>
        }
    };
    view! {
        <section id="round-planning" class="planning-bar" aria-labelledby="round-planning-heading">
            <h2 id="round-planning-heading" class="visually-hidden">"Plan a round"</h2>
            <div class="form-row">
                {input("round-date", "Day of the round", "date", visit_on)}
                {input("round-start", "First visit at", "time", start_time)}
                {input("round-visit-minutes", "Minutes a visit", "text", visit_minutes)}
                {input("round-travel-minutes", "Minutes between visits", "text", travel_minutes)}
            </div>
            <p id="round-picked" class="hint" aria-live="polite">{picked_text}</p>
            {move || {
                let flagged = flagged_picks_count(state);
                (flagged > 0).then(|| view! {
                    <p id="round-picked-warning" class="warning-text" role="alert">
                        {if flagged == 1 {
                            "1 ticked account is flagged 'do not visit alone': arrange a colleague.".to_string()
                        } else {
                            format!("{flagged} ticked accounts are flagged 'do not visit alone': arrange a colleague.")
                        }}
                    </p>
                })
            }}
            {move || failure.get().map(|message| view! {
                <p id="round-planning-error" class="form-error error-message" role="alert">
                    {message}
                </p>
            })}
            <div class="button-group">
                <button id="plan-round" class="button" type="button" on:click=move |_| plan()>
                    "Plan round"
                </button>
            </div>
        </section>
    }
}
