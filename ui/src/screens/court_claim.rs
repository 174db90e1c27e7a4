//! The court file's Claim section: the intended issue date (changing it asks the core for the
//! figures on that date), the amount due, the daily rate and the fee, every warning the core
//! raises (shown before the buttons, so nobody produces a claim past one unseen), and the
//! claim's papers. The bundle takes a while, so its progress is polled and shown as a bar.

use std::time::Duration;

use doorstep_api::{BundleProgressView, CourtDocument};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::display::{date_input_value, date_long_text, money_text, parse_date_input};
use crate::ipc;
use crate::screens::court_file::{document_result_view, produce_court_document, CourtPage};

/// How often the bundle's progress is asked for while it is produced: often enough that the
/// bar moves smoothly, and one question is in flight at a time (see `poll_bundle_progress`).
pub const BUNDLE_PROGRESS_POLL_INTERVAL: Duration = Duration::from_millis(150);

/// The claim's figures as the core worked them out for the issue date.
#[derive(Debug, Clone, PartialEq)]
struct ClaimFigures {
    issue_date: chrono::NaiveDate,
    amount_due_at_issue: rust_decimal::Decimal,
    daily_rate: rust_decimal::Decimal,
    claim_fee: Option<rust_decimal::Decimal>,
    claim_warnings: Vec<String>,
}

/// The bundle being produced: its progress, and the interval polling it.
#[derive(Clone, Copy)]
struct BundleRun {
    busy: RwSignal<bool>,
    progress: RwSignal<Option<BundleProgressView>>,
    poll_in_flight: StoredValue<bool>,
    interval: StoredValue<Option<IntervalHandle>>,
}

impl BundleRun {
    fn stop_polling(self) {
        if let Some(Some(handle)) = self.interval.try_get_value() {
            handle.clear();
        }
        self.interval.try_set_value(None);
    }
}

fn poll_bundle_progress(page: CourtPage, run: BundleRun) {
    if run.poll_in_flight.try_get_value() != Some(false) {
        return;
    }
    run.poll_in_flight.set_value(true);
    let ticket = page.state.lock_ticket();
    spawn_local(async move {
        let answer = ipc::get_bundle_progress().await;
        run.poll_in_flight.try_set_value(false);
        if !page.state.is_unlocked_since(ticket) || run.busy.try_get_untracked() != Some(true) {
            return;
        }
        // A failed poll changes nothing: the produce call itself reports what went wrong.
        if let Ok(progress) = answer {
            run.progress.try_set(Some(progress));
        }
    });
}

#[component]
pub fn ClaimSection() -> impl IntoView {
    let page = expect_context::<CourtPage>();
    let figures = page.slice(|file| ClaimFigures {
        issue_date: file.issue_date,
        amount_due_at_issue: file.amount_due_at_issue,
        daily_rate: file.daily_rate,
        claim_fee: file.claim_fee,
        claim_warnings: file.claim_warnings.clone(),
    });
    let issue_date_text = RwSignal::new(
        figures
            .get_untracked()
            .map(|figures| date_input_value(figures.issue_date))
            .unwrap_or_default(),
    );
    let issue_date_problem = RwSignal::new(None::<&'static str>);
    let change_issue_date = move |event: leptos::ev::Event| {
        let text = event_target_value(&event);
        issue_date_text.set(text.clone());
        match parse_date_input(&text) {
            Some(date) => {
                issue_date_problem.set(None);
                page.issue_date.set(Some(date));
                page.reload();
            }
            None => issue_date_problem.set(Some("Enter the date the claim will be issued.")),
        }
    };
    // The papers run to the date the figures on screen were worked out for.
    let shown_issue_date = move || figures.get_untracked().map(|figures| figures.issue_date);

    let busy = RwSignal::new(false);
    let result = RwSignal::new(None);
    let document_button = move |id: &'static str, label: &'static str, document: CourtDocument| {
        view! {
            <button id=id class="button button-secondary" type="button" disabled=busy
                on:click=move |_| produce_court_document(
                    page, document.clone(), shown_issue_date(), busy, result,
                )>
                {label}
            </button>
        }
    };

    let run = BundleRun {
        busy: RwSignal::new(false),
        progress: RwSignal::new(None),
        poll_in_flight: StoredValue::new(false),
        interval: StoredValue::new(None),
    };
    let bundle_result = RwSignal::new(None);
    Effect::new(move |_| {
        if !run.busy.get() {
            run.stop_polling();
        }
    });
    on_cleanup(move || run.stop_polling());
    let produce_bundle = move |_| {
        if run.busy.get_untracked() {
            return;
        }
        run.progress.set(None);
        run.stop_polling();
        match set_interval_with_handle(
            move || poll_bundle_progress(page, run),
            BUNDLE_PROGRESS_POLL_INTERVAL,
        ) {
            Ok(handle) => run.interval.set_value(Some(handle)),
            // Without the bar the bundle is still produced; the wait just shows no numbers.
            Err(error) => {
                leptos::logging::error!("the bundle progress poll could not start: {error:?}")
            }
        }
        produce_court_document(
            page,
            CourtDocument::Bundle,
            shown_issue_date(),
            run.busy,
            bundle_result,
        );
    };
    let progress_view = move || {
        run.busy.get().then(|| {
            let progress = run.progress.get();
            let (done, total, stage) = progress
                .map(|progress| (progress.done, progress.total, progress.stage))
                .unwrap_or((0, 0, "Starting".to_string()));
            view! {
                <div class="bundle-progress">
                    <label class="label" for="bundle-progress">"Producing the bundle"</label>
                    <progress id="bundle-progress" max=total.max(1).to_string()
                        value=done.to_string()>
                        {format!("{done} of {total}")}
                    </progress>
                    <p id="bundle-progress-text" aria-live="polite">
                        {format!("{done} of {total} — {stage}")}
                    </p>
                </div>
            }
        })
    };

    let figures_view = move || {
        figures.get().map(|figures| {
            let fee = figures
                .claim_fee
                .map(money_text)
                .unwrap_or_else(|| "No fee".to_string());
            let rows = [
                (
                    "claim-amount-due",
                    "Amount due at issue",
                    money_text(figures.amount_due_at_issue),
                ),
                (
                    "claim-daily-rate",
                    "Daily rate",
                    money_text(figures.daily_rate),
                ),
                ("claim-fee", "Claim fee", fee),
            ];
            let warnings = (!figures.claim_warnings.is_empty()).then(|| {
                view! {
                    <div id="claim-warnings" class="warning-box" role="alert">
                        <p>"Check before producing the claim:"</p>
                        <ul class="plain-list">
                            {figures.claim_warnings.into_iter()
                                .map(|warning| view! { <li class="claim-warning">{warning}</li> })
                                .collect_view()}
                        </ul>
                    </div>
                }
            });
            view! {
                <dl class="summary-list claim-figures">
                    {rows.into_iter().map(|(id, key, value)| view! {
                        <div class="summary-row">
                            <dt>{key}</dt>
                            <dd id=id>{value}</dd>
                        </div>
                    }).collect_view()}
                </dl>
                <p class="hint">
                    {format!("Figures as at {}", date_long_text(figures.issue_date))}
                </p>
                {warnings}
            }
        })
    };

    view! {
        <section id="claim" aria-labelledby="claim-heading">
            <h2 id="claim-heading">"Claim"</h2>
            <div class="form-group" class:form-group-error=move || issue_date_problem.get().is_some()>
                <label class="label" for="issue-date">"Issue date"</label>
                <p class="hint">"The figures and the arrears schedule run to this date."</p>
                {move || issue_date_problem.get().map(|problem| view! {
                    <p class="error-message field-error">{problem}</p>
                })}
                <input id="issue-date" class="input" type="date" prop:value=issue_date_text
                    on:change=change_issue_date />
            </div>
            {figures_view}
            <div class="button-group">
                {document_button("produce-claim-form", "Claim form (N5)", CourtDocument::ClaimForm)}
                {document_button(
                    "produce-particulars",
                    "Particulars of claim (N119)",
                    CourtDocument::ParticularsOfClaim,
                )}
                {document_button("produce-schedule", "Arrears schedule", CourtDocument::ArrearsSchedule)}
                {document_button(
                    "produce-witness-statement",
                    "Witness statement",
                    CourtDocument::WitnessStatement,
                )}
                <button id="produce-bundle" class="button" type="button" disabled=run.busy
                    on:click=produce_bundle>
                    "Bundle"
                </button>
            </div>
            {document_result_view(result, busy, None)}
            {progress_view}
            {document_result_view(bundle_result, RwSignal::new(false), Some("bundle-path"))}
        </section>
    }
}
