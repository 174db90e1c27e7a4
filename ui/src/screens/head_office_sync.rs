//! The head office screen's sync panel: when this laptop last sent and fetched, how many
//! records wait to be sent, and Sync now. `sync_now` answers only when the sync ends, so while
//! it runs the panel polls `get_sync_progress` and shows a bar with words; then the summary,
//! or what went wrong. A sync that head office ends by revoking this laptop has erased the
//! store: the panel says so on the set-up screen.

use std::time::Duration;

use doorstep_api::{ApiError, SyncProgressView, SyncStage, SyncSummary};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::display::count_text;
use crate::ipc::{self, CallError};
use crate::screens::head_office::HeadOfficePage;
use crate::session::{local_date_time_text, AppState};
use crate::sync_words::{progress_fraction, progress_text, summary_text};

/// How often a running sync's progress is asked for: often enough that the bar moves, and
/// one question is in flight at a time (see `poll_sync_progress`).
pub const SYNC_PROGRESS_POLL_INTERVAL: Duration = Duration::from_millis(250);

/// What the last sync did, as this screen last saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SyncOutcome {
    Finished(SyncSummary),
    Failed(String),
}

/// A sync in progress: its figures, and the interval polling them.
#[derive(Clone, Copy)]
struct SyncRun {
    /// A sync is running: this screen's own call, or one started before the screen opened.
    running: RwSignal<bool>,
    /// This screen's own `sync_now` call has not answered yet; its answer, not the poll,
    /// then says how the sync ended.
    own_call: StoredValue<bool>,
    progress: RwSignal<Option<SyncProgressView>>,
    outcome: RwSignal<Option<SyncOutcome>>,
    poll_in_flight: StoredValue<bool>,
    interval: StoredValue<Option<IntervalHandle>>,
}

impl SyncRun {
    fn start_polling(self, page: HeadOfficePage) {
        self.stop_polling();
        match set_interval_with_handle(
            move || poll_sync_progress(page, self),
            SYNC_PROGRESS_POLL_INTERVAL,
        ) {
            Ok(handle) => self.interval.set_value(Some(handle)),
            // Without the bar the sync still runs; the wait just shows no numbers.
            Err(error) => {
                leptos::logging::error!("the sync progress poll could not start: {error:?}")
            }
        }
    }

    fn stop_polling(self) {
        if let Some(Some(handle)) = self.interval.try_get_value() {
            handle.clear();
        }
        self.interval.try_set_value(None);
    }

    /// The sync has ended: stop asking, show how, and fetch the status it left behind.
    fn finish(self, page: HeadOfficePage, outcome: SyncOutcome) {
        self.stop_polling();
        self.running.try_set(false);
        let erased = matches!(&outcome, SyncOutcome::Finished(summary) if summary.erased);
        self.outcome.try_set(Some(outcome));
        if erased {
            show_erased(page.state);
        } else {
            page.reload();
            refresh_worklist(page.state);
        }
    }
}

/// A sync changes the caseload, and the header's "Data as at" and "Caseload: N accounts" are
/// read from the worklist: fetch it again now, not when the officer next opens it. A failure
/// is left for the worklist screen to report. The caseload screen searches afresh whenever it
/// opens, so its last answer can stay.
fn refresh_worklist(state: AppState) {
    let ticket = state.lock_ticket();
    spawn_local(async move {
        let result = ipc::get_worklist().await;
        if !state.is_unlocked_since(ticket) {
            return;
        }
        if let Ok(worklist) = result {
            state.worklist.set(Some(worklist));
        }
    });
}

fn is_active(stage: &SyncStage) -> bool {
    matches!(
        stage,
        SyncStage::Connecting | SyncStage::Uploading | SyncStage::Downloading
    )
}

fn poll_sync_progress(page: HeadOfficePage, run: SyncRun) {
    if run.poll_in_flight.try_get_value() != Some(false) {
        return;
    }
    run.poll_in_flight.set_value(true);
    let ticket = page.state.lock_ticket();
    spawn_local(async move {
        let answer = ipc::get_sync_progress().await;
        run.poll_in_flight.try_set_value(false);
        if !page.state.is_unlocked_since(ticket) || run.running.try_get_untracked() != Some(true) {
            return;
        }
        // A failed poll changes nothing: the sync itself reports what went wrong.
        let Ok(progress) = answer else {
            return;
        };
        let ended_elsewhere =
            !run.own_call.try_get_value().unwrap_or(true) && !is_active(&progress.stage);
        if ended_elsewhere {
            // A sync started before this screen opened has ended; its call's answer went to
            // the screen that started it, so the figures here say how.
            let outcome = match (&progress.summary, &progress.error) {
                (Some(summary), _) => SyncOutcome::Finished(summary.clone()),
                (None, Some(error)) => SyncOutcome::Failed(error.clone()),
                (None, None) => SyncOutcome::Failed("The sync stopped.".to_string()),
            };
            run.finish(page, outcome);
        }
        run.progress.try_set(Some(progress));
    });
}

/// Head office revoked this laptop, and the core has erased the store and locked: say why on
/// the set-up screen the shell now asks for.
fn show_erased(state: AppState) {
    state.locked_notice.set(Some(
        "Head office has revoked this laptop, so Doorstep erased the caseload stored on it. \
         Nothing more can be sent from it. Ask head office what to do next; to use Doorstep \
         again, set it up and enrol with a new code."
            .to_string(),
    ));
    state.refresh_session();
}

fn start_sync(page: HeadOfficePage, run: SyncRun) {
    if run.running.get_untracked() {
        return;
    }
    run.running.set(true);
    run.own_call.set_value(true);
    run.outcome.set(None);
    run.progress.set(None);
    run.start_polling(page);
    let ticket = page.state.lock_ticket();
    spawn_local(async move {
        let result = ipc::sync_now().await;
        run.own_call.try_set_value(false);
        // The store may have been erased (revoked): that shows whatever screen is open.
        if let Ok(summary) = &result {
            if summary.erased {
                run.finish(page, SyncOutcome::Finished(summary.clone()));
                return;
            }
        }
        if !page.state.is_unlocked_since(ticket) {
            run.stop_polling();
            return;
        }
        page.state.refresh_unsent_count();
        let outcome = match result {
            Ok(summary) => SyncOutcome::Finished(summary),
            Err(CallError::Api(ApiError::HeadOffice { message })) => SyncOutcome::Failed(message),
            Err(failure) => match page.state.message_for(failure) {
                Some(message) => SyncOutcome::Failed(message),
                None => {
                    run.stop_polling();
                    return;
                }
            },
        };
        run.finish(page, outcome);
    });
}

fn progress_view(run: SyncRun) -> impl IntoView {
    move || {
        run.running.get().then(|| {
            let progress = run.progress.get();
            let words = progress
                .as_ref()
                .map(progress_text)
                .unwrap_or_else(|| "Connecting to head office…".to_string());
            let fraction = progress.as_ref().and_then(progress_fraction);
            // Without a value the bar shows that something is happening, not how much.
            let value = fraction.map(|(done, _)| done.to_string());
            let max = fraction
                .map(|(_, total)| total.max(1).to_string())
                .unwrap_or_else(|| "1".to_string());
            view! {
                <div class="sync-progress">
                    <label class="label" for="sync-progress">"Syncing with head office"</label>
                    <progress id="sync-progress" max=max value=value>{words.clone()}</progress>
                    <p id="sync-progress-text" role="status" aria-live="polite">{words}</p>
                </div>
            }
        })
    }
}

fn outcome_view(run: SyncRun) -> impl IntoView {
    move || {
        run.outcome.get().map(|outcome| match outcome {
            SyncOutcome::Finished(summary) => {
                let finished = summary
                    .finished_at
                    .map(|at| format!("Sync finished {}.", local_date_time_text(at)))
                    .unwrap_or_else(|| "Sync finished.".to_string());
                view! {
                    <div id="sync-summary" class="notice" role="status"
                        data-finished-at=summary.finished_at.map(|at| at.to_rfc3339())>
                        <p>{finished}</p>
                        <p id="sync-summary-text">{summary_text(&summary)}</p>
                    </div>
                }
                .into_any()
            }
            SyncOutcome::Failed(message) => view! {
                <div id="sync-error" class="error-summary" role="alert">
                    <p>"The sync did not finish."</p>
                    // The core's words already say what became of the records (kept, not
                    // sent, nothing lost), so nothing is added here to say it twice.
                    <p id="sync-error-text">{message}</p>
                </div>
            }
            .into_any(),
        })
    }
}

fn when_text(at: Option<chrono::DateTime<chrono::Utc>>) -> String {
    at.map(local_date_time_text)
        .unwrap_or_else(|| "Never".to_string())
}

#[component]
pub fn SyncPanel() -> impl IntoView {
    let page = expect_context::<HeadOfficePage>();
    let run = SyncRun {
        running: RwSignal::new(false),
        own_call: StoredValue::new(false),
        progress: RwSignal::new(None),
        outcome: RwSignal::new(None),
        poll_in_flight: StoredValue::new(false),
        interval: StoredValue::new(None),
    };
    on_cleanup(move || run.stop_polling());
    // A sync started before the screen opened is followed to its end; the last one's outcome
    // is shown as it was.
    if let Some(progress) = page
        .status
        .with_untracked(|status| status.as_ref().map(|status| status.progress.clone()))
    {
        if is_active(&progress.stage) {
            run.running.set(true);
            run.progress.set(Some(progress));
            run.start_polling(page);
        } else if let Some(summary) = progress.summary {
            run.outcome.set(Some(SyncOutcome::Finished(summary)));
        } else if let Some(error) = progress.error {
            run.outcome.set(Some(SyncOutcome::Failed(error)));
        }
    }

    let fact = move |read: fn(&doorstep_api::SyncStatusView) -> String| {
        move || page.status.with(|status| status.as_ref().map(read))
    };
    view! {
        <section id="sync" class="panel" aria-labelledby="sync-heading">
            <h2 id="sync-heading" class="panel-heading">"Sync"</h2>
            <dl class="summary-list">
                <div class="summary-row">
                    <dt>"Waiting to be sent"</dt>
                    <dd id="sync-unsent">{fact(|status| match status.unsent_count {
                        0 => "Nothing".to_string(),
                        1 => "1 record".to_string(),
                        count => format!("{} records", count_text(count)),
                    })}</dd>
                </div>
                <div class="summary-row">
                    <dt>"Last sent"</dt>
                    <dd id="sync-last-sent">{fact(|status| when_text(status.last_upload_at))}</dd>
                </div>
                <div class="summary-row">
                    <dt>"Last fetched"</dt>
                    <dd id="sync-last-fetched">{fact(|status| when_text(status.last_pull_at))}</dd>
                </div>
            </dl>
            // aria-disabled rather than disabled: a disabled button drops the keyboard focus,
            // and the officer should find it where they left it when the sync ends.
            <button id="sync-now" class="button sync-button" type="button"
                aria-disabled=move || run.running.get().then_some("true")
                on:click=move |_| start_sync(page, run)>
                "Sync now"
            </button>
            {progress_view(run)}
            {outcome_view(run)}
        </section>
    }
}
