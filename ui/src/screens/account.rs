//! One account: who, where, how much is owed and why, and every transaction, newest first.
//! Back (or Escape) returns to the caseload with the same search and the same row focused.

use doorstep_api::{AccountDetail, GetAccountRequest, PersonView, TenancyView, TransactionLine};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::display::{arrears_weeks_text, balance_state, date_text, money_text};
use crate::ipc;
use crate::screens::set_up::focus_when_mounted;
use crate::session::{AppState, ListScreen, OpenAccount, View};

/// Transaction rows rendered at most: years of weekly rent is a few hundred; this bound keeps
/// a corrupt or enormous ledger from freezing the window.
pub const TRANSACTION_ROWS_MAX: usize = 2_000;

#[component]
pub fn AccountScreen(open: OpenAccount) -> impl IntoView {
    let state = expect_context::<AppState>();
    let detail = RwSignal::new(None::<AccountDetail>);
    let heading = NodeRef::<html::H1>::new();
    focus_when_mounted(heading);

    let generation = state.next_generation();
    let request = GetAccountRequest {
        payment_reference: open.payment_reference.clone(),
    };
    spawn_local(async move {
        let result = ipc::get_account(&request).await;
        if !state.is_current(generation) {
            return;
        }
        match result {
            Ok(account) => {
                detail.try_set(Some(account));
            }
            Err(failure) => {
                if let Some(message) = state.message_for(failure) {
                    state.error.set(Some(message));
                }
            }
        }
    });

    let back_to = match open.opened_from {
        ListScreen::Worklist => (View::Worklist, "Back to worklist"),
        ListScreen::Caseload => (View::Caseload, "Back to caseload"),
    };
    let back = move || state.set_view(back_to.0.clone());
    let escape = window_event_listener(leptos::ev::keydown, move |event| {
        if event.key() == "Escape" {
            back();
        }
    });
    on_cleanup(move || escape.remove());

    let tenant_names = open.tenant_names.clone();
    let heading_text = move || {
        if !tenant_names.is_empty() {
            return tenant_names.clone();
        }
        detail.with(|account| {
            account
                .as_ref()
                .map(|account| account.tenant_names.clone())
                .unwrap_or_default()
        })
    };

    view! {
        <main class="page">
            <button id="back" class="button button-secondary button-back" type="button"
                on:click=move |_| back()>
                {back_to.1}
            </button>
            <h1 id="account-name" tabindex="-1" node_ref=heading>{heading_text}</h1>
            <p class="account-reference">
                "Payment reference "
                <strong id="payment-reference">{open.payment_reference.clone()}</strong>
            </p>
            {move || match detail.get() {
                None => view! { <p class="busy" aria-live="polite">"Loading the account…"</p> }
                    .into_any(),
                Some(account) => view! { <AccountBody account=account /> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn AccountBody(account: AccountDetail) -> impl IntoView {
    view! {
        <p id="account-address" class="account-address">
            {format!("{}, {}", account.address, account.postcode)}
        </p>
        <div class="panels">
            <BalancePanel account=account.clone() />
            <TenancyPanel tenancy=account.tenancy.clone() />
        </div>
        <PeopleList people=account.people.clone() />
        <TransactionsTable transactions=account.transactions />
    }
}

#[component]
fn BalancePanel(account: AccountDetail) -> impl IntoView {
    let state_of_balance = balance_state(account.balance);
    let last_payment = account
        .last_payment_on
        .map(date_text)
        .unwrap_or_else(|| "none recorded".to_string());
    view! {
        <section class=format!("panel balance-panel {}", state_of_balance.class())
            aria-labelledby="balance-heading">
            <h2 id="balance-heading" class="panel-heading">"Balance"</h2>
            <p class="balance-figure">
                <span id="account-balance">{money_text(account.balance)}</span>
                " "
                <span class="balance-state">{state_of_balance.label()}</span>
            </p>
            <p id="arrears-weeks" class="arrears-weeks">{arrears_weeks_text(account.arrears_weeks)}</p>
            <p id="arrears-explanation">{account.arrears_explanation}</p>
            <p id="last-payment">"Last payment: " {last_payment}</p>
            <p class="hint">{format!("Figures as at {}", date_text(account.as_at))}</p>
        </section>
    }
}

#[component]
fn TenancyPanel(tenancy: TenancyView) -> impl IntoView {
    let rows = [
        ("Tenancy reference", tenancy.tenancy_reference),
        ("Tenure", tenancy.tenure),
        ("Start date", date_text(tenancy.start_date)),
        ("Rent frequency", tenancy.rent_frequency),
        ("Rent", money_text(tenancy.rent)),
        ("Service charge", money_text(tenancy.service_charge)),
        ("Weekly charge", money_text(tenancy.weekly_charge)),
    ];
    view! {
        <section class="panel" aria-labelledby="tenancy-heading">
            <h2 id="tenancy-heading" class="panel-heading">"Tenancy"</h2>
            <dl id="tenancy" class="summary-list">
                {rows.into_iter().map(|(key, value)| view! {
                    <div class="summary-row">
                        <dt>{key}</dt>
                        <dd>{value}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
    }
}

#[component]
fn PeopleList(people: Vec<PersonView>) -> impl IntoView {
    view! {
        <section aria-labelledby="people-heading">
            <h2 id="people-heading">"People"</h2>
            <ul id="people" class="people-list">
                {people.into_iter().map(|person| view! {
                    <li class="person">
                        <span class="person-role">{person.role}</span>
                        " "
                        <span class="person-name">{person.full_name}</span>
                        " "
                        <span class="person-phone">
                            {person.phone.unwrap_or_else(|| "No phone number".to_string())}
                        </span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn TransactionsTable(transactions: Vec<TransactionLine>) -> impl IntoView {
    let transactions_count = transactions.len();
    // The API gives oldest first; the officer wants the latest at the top.
    let newest_first: Vec<TransactionLine> = transactions
        .into_iter()
        .rev()
        .take(TRANSACTION_ROWS_MAX)
        .collect();
    let limit_note = (transactions_count > TRANSACTION_ROWS_MAX).then(|| view! {
        <p class="inset-text">
            {format!("Showing the newest {TRANSACTION_ROWS_MAX} of {transactions_count} transactions.")}
        </p>
    });
    view! {
        <section aria-labelledby="transactions-heading">
            <h2 id="transactions-heading">"Transactions"</h2>
            {limit_note}
            <table id="transactions" class="table">
                <caption class="visually-hidden">"Transactions, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Description"</th>
                        <th scope="col" class="numeric">"Debit"</th>
                        <th scope="col" class="numeric">"Credit"</th>
                        <th scope="col" class="numeric">"Balance"</th>
                    </tr>
                </thead>
                <tbody>
                    {newest_first.into_iter().map(|line| view! {
                        <tr class="transaction-row">
                            <td class="date">{date_text(line.posted_on)}</td>
                            <td>{line.description}</td>
                            <td class="numeric">{line.debit.map(money_text)}</td>
                            <td class="numeric">{line.credit.map(money_text)}</td>
                            <td class="numeric">{money_text(line.balance_after)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
