//! The home screen while unlocked: search the caseload as you type, sort it, open an account.
//!
//! Keyboard: the search box has focus on arrival; Down moves into the table, Up and Down move
//! between rows, Enter opens the focused row, and Up from the first row returns to the search.

use doorstep_api::{AccountSort, AccountSummary, ExportList, ListAccountsRequest};
use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::display::{
    balance_state, money_text, result_count_text, weeks_figure_text, BalanceState,
};
use crate::ipc;
use crate::screens::export::ExportBar;
use crate::session::{AppState, ListScreen, OpenAccount, View};

/// Rows rendered at most: more is slower to draw on an old laptop than to narrow the search,
/// and nobody scrolls past two hundred tenants on a doorstep.
pub const CASELOAD_ROWS_MAX: usize = 200;

const SORT_OPTIONS: [(AccountSort, &str, &str); 3] = [
    (
        AccountSort::ArrearsDescending,
        "arrears_descending",
        "Highest arrears first",
    ),
    (AccountSort::Reference, "reference", "Payment reference"),
    (AccountSort::Name, "name", "Name"),
];

#[component]
pub fn CaseloadScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let search_input = NodeRef::<html::Input>::new();

    let search = move || {
        let generation = state.next_generation();
        let request = ListAccountsRequest {
            query: state.query.get_untracked(),
            sort: state.sort.get_untracked(),
        };
        spawn_local(async move {
            let result = ipc::list_accounts(&request).await;
            // Typing fast sends several searches; only the newest answer may land.
            if !state.is_current(generation) {
                return;
            }
            match result {
                Ok(list) => {
                    state.error.set(None);
                    state.caseload.set(Some(list));
                }
                Err(failure) => {
                    if let Some(message) = state.message_for(failure) {
                        state.error.set(Some(message));
                    }
                }
            }
        });
    };
    search();
    focus_on_arrival(state, search_input);

    let on_sort_change = move |event| {
        let value = event_target_value(&event);
        if let Some((sort, _, _)) = SORT_OPTIONS
            .iter()
            .find(|(_, option_value, _)| *option_value == value)
        {
            state.sort.set(*sort);
            search();
        }
    };
    let on_search_keydown = move |event: KeyboardEvent| {
        if event.key() == "ArrowDown" {
            if let Some(row) = first_row() {
                event.prevent_default();
                let _ = row.focus();
            }
        }
    };

    view! {
        <main class="page">
            <h1 class="visually-hidden">"Caseload"</h1>
            <div class="search-bar">
                <div class="form-group search-group">
                    <label class="label" for="search">
                        "Search by name, address, postcode or payment reference"
                    </label>
                    <input id="search" class="input" type="search" autocomplete="off"
                        spellcheck="false" autofocus node_ref=search_input
                        prop:value=move || state.query.get()
                        on:input=move |event| {
                            state.query.set(event_target_value(&event));
                            search();
                        }
                        on:keydown=on_search_keydown />
                </div>
                <div class="form-group sort-group">
                    <label class="label" for="sort">"Sort by"</label>
                    <select id="sort" class="select" on:change=on_sort_change>
                        {SORT_OPTIONS.iter().map(|(sort, value, label)| {
                            let sort = *sort;
                            view! {
                                <option value=*value selected=move || state.sort.get() == sort>
                                    {*label}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <ExportBar list=ExportList::Caseload id_prefix="caseload"
                label="Save the whole caseload:" />
            <CaseloadTable />
        </main>
    }
}

#[component]
fn CaseloadTable() -> impl IntoView {
    let state = expect_context::<AppState>();
    let matching_count = move || {
        state
            .caseload
            .with(|list| list.as_ref().map(|list| list.accounts.len()))
    };
    let result_count = move || {
        state.caseload.with(|list| {
            list.as_ref()
                .map(|list| result_count_text(list.accounts.len(), list.caseload_count))
        })
    };
    let rows = move || {
        state.caseload.with(|list| {
            list.as_ref()
                .map(|list| {
                    list.accounts
                        .iter()
                        .take(CASELOAD_ROWS_MAX)
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let limit_note = move || {
        (matching_count().unwrap_or(0) > CASELOAD_ROWS_MAX).then(|| {
            view! {
                <p id="result-limit" class="inset-text">
                    {format!(
                        "Showing the first {CASELOAD_ROWS_MAX}. Type more of a name, address, \
                         postcode or reference to find the rest."
                    )}
                </p>
            }
        })
    };
    let empty_note = move || {
        state
            .caseload
            .with(|list| {
                list.as_ref().and_then(|list| {
                    if !list.accounts.is_empty() {
                        None
                    } else if list.caseload_count == 0 {
                        Some("The caseload is empty. Accounts arrive from head office.")
                    } else {
                        Some("No account matches that search.")
                    }
                })
            })
            .map(|text| view! { <p class="empty-note">{text}</p> })
    };

    view! {
        <p id="result-count" class="result-count" aria-live="polite">
            {move || result_count().unwrap_or_else(|| "Loading the caseload…".to_string())}
        </p>
        {limit_note}
        <table id="caseload" class="table">
            <caption class="visually-hidden">"Accounts in the caseload"</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Address"</th>
                    <th scope="col">"Tenure"</th>
                    <th scope="col" class="numeric">"Balance"</th>
                    <th scope="col" class="numeric">"Weeks in arrears"</th>
                </tr>
            </thead>
            <tbody>
                <For each=rows key=|account| {
                    // Keyed by what the row shows, so a changed balance redraws it.
                    format!("{}|{}|{}", account.payment_reference, account.balance, account.arrears_weeks)
                } let:account>
                    <AccountRow account=account />
                </For>
            </tbody>
        </table>
        {empty_note}
    }
}

#[component]
fn AccountRow(account: AccountSummary) -> impl IntoView {
    let state = expect_context::<AppState>();
    let open_account = OpenAccount {
        payment_reference: account.payment_reference.clone(),
        tenant_names: account.tenant_names.clone(),
        opened_from: ListScreen::Caseload,
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
            focus_sibling_row(&event, Direction::Next, "search");
        }
        "ArrowUp" => {
            event.prevent_default();
            focus_sibling_row(&event, Direction::Previous, "search");
        }
        _ => {}
    };

    let state_of_balance = balance_state(account.balance);
    let balance_class = format!("balance numeric {}", state_of_balance.class());
    let credit_marker = (state_of_balance == BalanceState::Credit)
        .then(|| view! { " " <span class="marker">{state_of_balance.label()}</span> });
    let flags = account
        .flags
        .iter()
        .map(|flag| view! { " " <span class="marker worklist-warning account-flag">{flag.clone()}</span> })
        .collect_view();

    view! {
        <tr class="account-row" id=row_id(&account.payment_reference)
            data-reference=account.payment_reference.clone() tabindex="0"
            on:click=move |_| open_on_click() on:keydown=on_keydown>
            <td class="name">
                // The row is the keyboard target; the link is there for pointer and screen
                // reader users, so it stays out of the Tab order (one stop per row, not two).
                <a class="open-account" href="#" tabindex="-1"
                    on:click=|event| event.prevent_default()>
                    {account.tenant_names.clone()}
                </a>
                <span class="reference">{account.payment_reference.clone()}</span>
                {flags}
            </td>
            <td>{format!("{}, {}", account.address, account.postcode)}</td>
            <td>{account.tenure.clone()}</td>
            <td class=balance_class>
                <span class="amount">{money_text(account.balance)}</span>
                {credit_marker}
            </td>
            <td class="numeric">{weeks_figure_text(account.arrears_weeks)}</td>
        </tr>
    }
}

fn row_id(payment_reference: &str) -> String {
    format!("account-{payment_reference}")
}

/// On arrival the search box has focus, unless the officer is coming back from an account:
/// then that account's row has it, so the place in the list is not lost.
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

#[derive(Clone, Copy)]
pub enum Direction {
    Next,
    Previous,
}

/// Moves focus to the next or previous row; Up from the first row goes to `first_row_up_id`
/// (the list's search box).
pub fn focus_sibling_row(event: &KeyboardEvent, direction: Direction, first_row_up_id: &str) {
    let Some(row) = event
        .current_target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let sibling = match direction {
        Direction::Next => row.next_element_sibling(),
        Direction::Previous => row.previous_element_sibling(),
    };
    let target = match (sibling, direction) {
        (Some(sibling), _) => sibling.dyn_into::<web_sys::HtmlElement>().ok(),
        // Up from the first row goes back to the search box.
        (None, Direction::Previous) => element_by_id(first_row_up_id),
        (None, Direction::Next) => None,
    };
    if let Some(target) = target {
        let _ = target.focus();
    }
}

fn first_row() -> Option<web_sys::HtmlElement> {
    first_element("#caseload tr.account-row")
}

/// The first element the CSS selector finds, if it can take focus.
pub fn first_element(selector: &str) -> Option<web_sys::HtmlElement> {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
}

pub fn element_by_id(id: &str) -> Option<web_sys::HtmlElement> {
    document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
}
