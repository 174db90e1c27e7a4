//! The account's balance over time, as the court bundle draws it: the balance as a line, the
//! charges and payments that moved it in a strip beneath, and each letter, notice,
//! arrangement and court step marked at its date and listed in a key under the chart. The
//! last two years by default (the core's choice, or the whole history if shorter), or all of
//! it.
//!
//! The panel sits outside the parts of the page redrawn from the account, so the choice of
//! span survives a payment; it asks again whenever the account changes, so a payment just
//! recorded is on the line.

use chrono::NaiveDate;
use doorstep_api::{AccountChartRequest, AccountChartView};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::chart_svg::ChartSvg;
use crate::display::date_text;
use crate::ipc;
use crate::report_charts::{balance_figure, balance_summary};
use crate::screens::account::AccountPage;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ChartSpan {
    /// The core's default window.
    TwoYears,
    /// From the first posting.
    All,
}

/// What the account looks like to the chart: when any of these change, the chart is asked for
/// again. The first posting (or, with none, the tenancy's start) is where "All" begins.
#[derive(Debug, Clone, PartialEq, Eq)]
struct AccountShape {
    transactions_count: usize,
    diary_count: usize,
    arrangements_count: usize,
    first_day: NaiveDate,
}

#[component]
pub fn BalanceHistoryPanel() -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let span = RwSignal::new(ChartSpan::TwoYears);
    let chart = RwSignal::new(None::<AccountChartView>);
    let failure = RwSignal::new(None::<String>);
    // Bumped by every fetch, so an older answer cannot replace a newer one. Not the app's
    // generation: that would cancel the account's own fetch running beside this one.
    let generation = StoredValue::new(0_u64);
    let account_shape = Memo::new(move |_| {
        page.detail.with(|detail| {
            detail.as_ref().map(|account| AccountShape {
                transactions_count: account.transactions.len(),
                diary_count: account.diary.len(),
                arrangements_count: account.arrangements.len(),
                first_day: account
                    .transactions
                    .first()
                    .map(|line| line.posted_on)
                    .unwrap_or(account.tenancy.start_date),
            })
        })
    });

    Effect::new(move |_| {
        let Some(shape) = account_shape.get() else {
            return;
        };
        let from = match span.get() {
            ChartSpan::TwoYears => None,
            ChartSpan::All => Some(shape.first_day),
        };
        generation.update_value(|latest| *latest += 1);
        let this_fetch = generation.get_value();
        let ticket = page.state.lock_ticket();
        let request = AccountChartRequest {
            payment_reference: page.payment_reference.get_value(),
            from,
        };
        spawn_local(async move {
            let result = ipc::get_account_chart(&request).await;
            let is_latest = generation
                .try_get_value()
                .is_some_and(|latest| latest == this_fetch);
            if !page.state.is_unlocked_since(ticket) || !is_latest {
                return;
            }
            match result {
                Ok(view) => {
                    failure.try_set(None);
                    chart.try_set(Some(view));
                }
                Err(error) => {
                    if let Some(message) = page.state.message_for(error) {
                        failure.try_set(Some(message));
                    }
                }
            }
        });
    });

    let span_button = move |id: &'static str, text: &'static str, choice: ChartSpan| {
        view! {
            <button id=id class="button button-secondary button-small" type="button"
                aria-pressed=move || if span.get() == choice { "true" } else { "false" }
                on:click=move |_| span.set(choice)>
                {text}
            </button>
        }
    };
    let body = move || {
        if let Some(message) = failure.get() {
            return view! {
                <p class="form-error error-message" role="alert">{message}</p>
            }
            .into_any();
        }
        match chart.get() {
            None => {
                view! { <p class="busy" aria-live="polite">"Drawing the balance…"</p> }.into_any()
            }
            Some(view) => {
                let period = format!("From {} to {}", date_text(view.from), date_text(view.to));
                let figure = balance_figure(&view);
                let summary = balance_summary(&view);
                view! {
                    <p id="balance-chart-period" class="hint">{period}</p>
                    <ChartSvg figure=figure id="balance-chart" chart="balance" label=summary />
                }
                .into_any()
            }
        }
    };

    view! {
        <section id="balance-history" class="panel chart-panel"
            aria-labelledby="balance-history-heading">
            <div class="chart-panel-heading">
                <h2 id="balance-history-heading" class="panel-heading">"Balance history"</h2>
                <div class="button-group" role="group" aria-label="How far back">
                    {span_button("chart-span-two-years", "Last 2 years", ChartSpan::TwoYears)}
                    {span_button("chart-span-all", "All", ChartSpan::All)}
                </div>
            </div>
            <p class="hint">
                "Charges rise and payments fall from the line along the bottom. Letters (L), \
                 notices (N), arrangements (A) and court steps (C) are marked along the top \
                 and listed under the chart."
            </p>
            {body}
        </section>
    }
}
