//! The weekly report: for the week chosen (Monday to Sunday, this week by default), the
//! patch's arrears at the start and end and what moved them, the week's work, the biggest
//! movers and new cases (each opens its account), the landlord's indicators with their working
//! and their definitions beside them, the 52-week trend and the arrears' ages as charts. The
//! same report can be saved as a PDF, a spreadsheet or CSV (`export::ExportBar`).
//!
//! Every figure comes from the core; the screen only formats it. The charts are laid out by
//! `doorstep_charts` (through `report_charts`) and drawn by `chart_svg`.

use chrono::NaiveDate;
use doorstep_api::{
    AgeBandView, ExportList, IndicatorView, MoverView, PatchReportView, TrendPointView,
    WeeklyReportRequest, WeeklyReportView,
};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::chart_svg::ChartSvg;
use crate::display::{
    accounts_text, arrears_movement_text, date_input_value, date_text, day_long_text, figure_text,
    money_text, parse_date_input, signed_money_text,
};
use crate::ipc;
use crate::report_charts::{age_figure, age_summary, trend_figure, trend_summary};
use crate::report_week::{has_next_week, monday_of, next_week, previous_week, sunday_of};
use crate::screens::export::ExportBar;
use crate::screens::set_up::focus_when_mounted;
use crate::session::{today, AppState, ListScreen, OpenAccount, View};

#[component]
pub fn ReportsScreen(week_of: NaiveDate) -> impl IntoView {
    let state = expect_context::<AppState>();
    let today_date = today();
    let week = RwSignal::new(week_of);
    let report = RwSignal::new(None::<PatchReportView>);
    let failure = RwSignal::new(None::<String>);

    // Every change of week asks again; the previous week's figures go at once, so a heading
    // never sits over another week's numbers.
    Effect::new(move |_| {
        let week_of = week.get();
        let generation = state.next_generation();
        report.set(None);
        failure.set(None);
        spawn_local(async move {
            let result = ipc::get_weekly_report(&WeeklyReportRequest { week_of }).await;
            if !state.is_current(generation) {
                return;
            }
            match result {
                Ok(answer) => {
                    report.try_set(Some(answer));
                }
                Err(error) => {
                    if let Some(message) = state.message_for(error) {
                        failure.try_set(Some(message));
                    }
                }
            }
        });
    });

    let heading = NodeRef::<html::H1>::new();
    focus_when_mounted(heading);
    let on_date_change = move |event| match parse_date_input(&event_target_value(&event)) {
        Some(day) => week.set(day),
        None => failure.set(Some(
            "Enter a date as day, month and year to choose its week.".to_string(),
        )),
    };

    view! {
        <main class="page page-wide">
            <h1 id="report-heading" tabindex="-1" node_ref=heading>"Weekly report"</h1>
            <form class="week-chooser" on:submit=|event| event.prevent_default()>
                <div class="form-group">
                    <label class="label" for="report-week">"Week containing"</label>
                    <input id="report-week" class="input" type="date"
                        max=date_input_value(today_date)
                        prop:value=move || date_input_value(week.get())
                        on:change=on_date_change />
                </div>
                <button id="previous-week" class="button button-secondary" type="button"
                    on:click=move |_| week.update(|day| *day = previous_week(*day))>
                    "Previous week"
                </button>
                <button id="next-week" class="button button-secondary" type="button"
                    disabled=move || !has_next_week(week.get(), today_date)
                    on:click=move |_| week.update(|day| *day = next_week(*day, today_date))>
                    "Next week"
                </button>
            </form>
            <p id="report-week-range" class="report-week-range">
                {move || {
                    let day = week.get();
                    format!(
                        "{} to {}",
                        day_long_text(monday_of(day)),
                        day_long_text(sunday_of(day))
                    )
                }}
            </p>
            <ExportBar list=ExportList::WeeklyReport id_prefix="report"
                label="Save this week's report:" week_of=Signal::from(week) />
            {move || failure.get().map(|message| view! {
                <p id="report-error" class="error-summary" role="alert">{message}</p>
            })}
            {move || match report.get() {
                Some(report) => view! { <ReportBody report=report week=week /> }.into_any(),
                None if failure.with(Option::is_none) => view! {
                    <p class="busy" aria-live="polite">"Working out the report…"</p>
                }
                .into_any(),
                None => ().into_any(),
            }}
        </main>
    }
}

#[component]
fn ReportBody(report: PatchReportView, week: RwSignal<NaiveDate>) -> impl IntoView {
    let PatchReportView {
        weekly,
        as_at,
        indicators,
        trend,
        trend_definition,
        age_profile,
        age_profile_definition,
    } = report;
    view! {
        <div id="report" data-week-starting=weekly.week_starting.to_string()
            data-as-at=as_at.to_string()>
            <PositionSection weekly=weekly.clone() />
            <WorkSection weekly=weekly.clone() />
            <MoversSection movers=weekly.biggest_movers.clone() week=week />
            <NewCasesSection references=weekly.new_cases_in_arrears.clone() week=week />
            <IndicatorsSection indicators=indicators as_at=as_at />
            <TrendSection trend=trend definition=trend_definition />
            <AgeProfileSection bands=age_profile definition=age_profile_definition />
        </div>
    }
}

/// Accounts and arrears at the start and end of the week, and the movement in words.
#[component]
fn PositionSection(weekly: WeeklyReportView) -> impl IntoView {
    // The start is the position at the end of the Sunday before the week began.
    let start_day = weekly
        .week_starting
        .pred_opt()
        .unwrap_or(weekly.week_starting);
    view! {
        <section aria-labelledby="position-heading">
            <h2 id="position-heading">"Arrears this week"</h2>
            <table id="report-position" class="table table-compact report-position">
                <caption class="visually-hidden">"Arrears at the start and end of the week"</caption>
                <thead>
                    <tr>
                        <td></td>
                        <th scope="col" class="numeric">
                            "At the start"
                            <span class="cell-note">{format!("end of {}", date_text(start_day))}</span>
                        </th>
                        <th scope="col" class="numeric">
                            "At the end"
                            <span class="cell-note">
                                {format!("end of {}", date_text(weekly.week_ending))}
                            </span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">"Accounts in arrears"</th>
                        <td id="accounts-in-arrears-at-start" class="numeric">
                            {weekly.accounts_in_arrears_at_start}
                        </td>
                        <td id="accounts-in-arrears-at-end" class="numeric">
                            {weekly.accounts_in_arrears_at_end}
                        </td>
                    </tr>
                    <tr>
                        <th scope="row">"Arrears owed"</th>
                        <td id="arrears-at-start" class="numeric">{money_text(weekly.arrears_at_start)}</td>
                        <td id="arrears-at-end" class="numeric">{money_text(weekly.arrears_at_end)}</td>
                    </tr>
                </tbody>
            </table>
            <p id="arrears-movement" class="report-movement">
                {arrears_movement_text(weekly.arrears_movement)}
            </p>
        </section>
    }
}

/// The week's work: new cases, arrangements, notices, court, visits, and payments by method.
#[component]
fn WorkSection(weekly: WeeklyReportView) -> impl IntoView {
    let rows = [
        (
            "new-cases-count",
            "New cases in arrears",
            accounts_text(weekly.new_cases_in_arrears.len()),
        ),
        (
            "arrangements-made",
            "Arrangements made",
            weekly.arrangements_made.to_string(),
        ),
        (
            "arrangements-kept",
            "Arrangements kept",
            weekly.arrangements_kept.to_string(),
        ),
        (
            "arrangements-broken",
            "Arrangements broken",
            weekly.arrangements_broken.to_string(),
        ),
        (
            "notices-served",
            "Notices served",
            weekly.notices_served.to_string(),
        ),
        (
            "court-actions",
            "Court actions",
            weekly.court_actions.to_string(),
        ),
        ("home-visits", "Home visits", weekly.home_visits.to_string()),
        (
            "taken-on-visits",
            "Taken on visits (card and cheque)",
            format!(
                "{} {}, {}",
                weekly.taken_on_visits_count,
                if weekly.taken_on_visits_count == 1 {
                    "payment"
                } else {
                    "payments"
                },
                money_text(weekly.taken_on_visits_total)
            ),
        ),
    ];
    view! {
        <section aria-labelledby="work-heading">
            <h2 id="work-heading">"The week's work"</h2>
            <div class="report-columns">
                <dl id="report-work" class="summary-list">
                    {rows.into_iter().map(|(id, key, value)| view! {
                        <div class="summary-row">
                            <dt>{key}</dt>
                            <dd id=id>{value}</dd>
                        </div>
                    }).collect_view()}
                </dl>
                <table id="payments-by-method" class="table table-compact">
                    <caption class="table-caption">"Payments received, by method"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Method"</th>
                            <th scope="col" class="numeric">"Payments"</th>
                            <th scope="col" class="numeric">"Received"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {weekly.payments_by_method.into_iter().map(|row| view! {
                            <tr class="payment-method">
                                <th scope="row">{row.method}</th>
                                <td class="numeric">{row.payments_count}</td>
                                <td class="numeric">{money_text(row.received_total)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// A payment reference that opens its account; Back returns to this week's report.
#[component]
fn AccountLink(reference: String, week: RwSignal<NaiveDate>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let payment_reference = reference.clone();
    let data_reference = reference.clone();
    view! {
        <a class="report-account-link" href="#" data-reference=data_reference
            on:click=move |event| {
                event.prevent_default();
                state.error.set(None);
                state.set_view(View::Account(OpenAccount {
                    payment_reference: payment_reference.clone(),
                    // The account page names the tenants once it has loaded.
                    tenant_names: String::new(),
                    opened_from: ListScreen::Reports(week.get_untracked()),
                }));
            }>
            {reference}
        </a>
    }
}

#[component]
fn MoversSection(movers: Vec<MoverView>, week: RwSignal<NaiveDate>) -> impl IntoView {
    let body = if movers.is_empty() {
        view! { <p id="movers-none">"No account's balance moved this week."</p> }.into_any()
    } else {
        view! {
            <table id="biggest-movers" class="table table-compact">
                <caption class="visually-hidden">"Biggest movers, largest movement first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Payment reference"</th>
                        <th scope="col" class="numeric">"Balance before"</th>
                        <th scope="col" class="numeric">"Balance after"</th>
                        <th scope="col" class="numeric">"Movement"</th>
                    </tr>
                </thead>
                <tbody>
                    {movers.into_iter().map(|mover| view! {
                        <tr class="mover">
                            <td><AccountLink reference=mover.payment_reference week=week /></td>
                            <td class="numeric">{money_text(mover.balance_before)}</td>
                            <td class="numeric">{money_text(mover.balance_after)}</td>
                            <td class="numeric">{signed_money_text(mover.movement)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="movers-heading">
            <h2 id="movers-heading">"Biggest movers"</h2>
            <p class="hint">"The balances that moved most this week, up or down."</p>
            {body}
        </section>
    }
}

#[component]
fn NewCasesSection(references: Vec<String>, week: RwSignal<NaiveDate>) -> impl IntoView {
    let body = if references.is_empty() {
        view! { <p id="new-cases-none">"No account fell into arrears this week."</p> }.into_any()
    } else {
        view! {
            <ul id="new-cases" class="inline-list">
                {references.into_iter().map(|reference| view! {
                    <li class="new-case"><AccountLink reference=reference week=week /></li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="new-cases-heading">
            <h2 id="new-cases-heading">"New cases in arrears"</h2>
            <p class="hint">"Current tenants clear at the start of the week and in arrears at its end."</p>
            {body}
        </section>
    }
}

/// Each indicator with its figure, how it was worked out, and what it means, side by side.
#[component]
fn IndicatorsSection(indicators: Vec<IndicatorView>, as_at: NaiveDate) -> impl IntoView {
    view! {
        <section aria-labelledby="indicators-heading">
            <h2 id="indicators-heading">"Indicators"</h2>
            <p id="indicators-as-at" class="hint">{format!("As at {}", date_text(as_at))}</p>
            <table id="indicators" class="table indicators">
                <caption class="visually-hidden">
                    {format!("Indicators as at {}, with their definitions", date_text(as_at))}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Indicator"</th>
                        <th scope="col" class="numeric">"Figure"</th>
                        <th scope="col">"Definition"</th>
                    </tr>
                </thead>
                <tbody>
                    {indicators.into_iter().map(|indicator| view! {
                        <tr class="indicator">
                            <th scope="row" class="indicator-name">
                                {indicator.name}
                                <span class="cell-note indicator-working">{indicator.working}</span>
                            </th>
                            <td class="numeric indicator-figure">{figure_text(&indicator.figure)}</td>
                            <td class="indicator-definition">{indicator.definition}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn TrendSection(trend: Vec<TrendPointView>, definition: String) -> impl IntoView {
    let figure = trend_figure(&trend);
    let summary = trend_summary(&trend);
    let weeks_count = trend.len();
    view! {
        <section id="report-trend" aria-labelledby="report-trend-heading">
            <h2 id="report-trend-heading">{format!("Arrears over {weeks_count} weeks")}</h2>
            <ChartSvg figure=figure id="trend-52-chart" chart="trend" label=summary />
            <p id="trend-definition" class="chart-definition">{definition}</p>
            <details class="chart-figures">
                <summary>"The figures week by week"</summary>
                <table id="trend-figures" class="table table-compact">
                    <thead>
                        <tr>
                            <th scope="col">"Week ending"</th>
                            <th scope="col" class="numeric">"Accounts in arrears"</th>
                            <th scope="col" class="numeric">"Arrears"</th>
                        </tr>
                    </thead>
                    <tbody>
                        // Newest first, as the officer reads back from this week.
                        {trend.into_iter().rev().map(|point| view! {
                            <tr>
                                <td class="date">{date_text(point.week_ending)}</td>
                                <td class="numeric">{point.accounts_in_arrears}</td>
                                <td class="numeric">{money_text(point.arrears_total)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </section>
    }
}

#[component]
fn AgeProfileSection(bands: Vec<AgeBandView>, definition: String) -> impl IntoView {
    let figure = age_figure(&bands);
    let summary = age_summary(&bands);
    view! {
        <section id="report-age-profile" aria-labelledby="age-profile-heading">
            <h2 id="age-profile-heading">"Arrears by age"</h2>
            <div class="report-columns">
                <ChartSvg figure=figure id="age-profile-chart" chart="age-profile" label=summary />
                <table id="age-profile" class="table table-compact">
                    <caption class="visually-hidden">"Arrears by how long they have been owed"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Owed for"</th>
                            <th scope="col" class="numeric">"Accounts"</th>
                            <th scope="col" class="numeric">"Arrears"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {bands.into_iter().map(|band| view! {
                            <tr class="age-band">
                                <th scope="row">{band.label}</th>
                                <td class="numeric">{band.accounts_count}</td>
                                <td class="numeric">{money_text(band.arrears_total)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p id="age-profile-definition" class="chart-definition">{definition}</p>
        </section>
    }
}
