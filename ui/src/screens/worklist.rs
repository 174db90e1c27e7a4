//! The home screen once unlocked: every account in the caseload with its next action, most
//! urgent first (the core's order, never re-sorted here), narrowed in memory by next action,
//! patch, pause reason and free text.
//!
//! The worklist is fetched again every time the screen shows, because the core recomputes it
//! from the ledger on every change; the last one stays on screen meanwhile so Back is instant.
//! Keyboard: as on the caseload, Down from the search box enters the table, Up and Down move
//! between rows and Enter opens the account.

use doorstep_api::WorklistItem;
use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::display::{balance_state, money_text, result_count_text, weeks_figure_text};
use crate::ipc;
use crate::screens::caseload::{element_by_id, first_element, focus_sibling_row, Direction};
use crate::session::{AppState, ListScreen, OpenAccount, View};
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

    view! {
        <tr class="worklist-row account-row" id=row_id(&item.payment_reference)
            data-reference=item.payment_reference.clone()
            data-action=item.next_action.code.clone() tabindex="0"
            on:click=move |_| open_on_click() on:keydown=on_keydown>
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
            </td>
        </tr>
    }
}
