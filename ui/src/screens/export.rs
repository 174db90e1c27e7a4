//! Saving what the officer sees to take away: the worklist, the caseload or the week's report
//! as a spreadsheet (XLSX: money as currency, dates as dates) or CSV, and the report as a PDF.
//! The core writes the file to the documents folder and answers with its path, which is shown:
//! a webview download would land wherever the app happened to be started from.

use chrono::NaiveDate;
use doorstep_api::{ExportFormat, ExportList, ExportListRequest, WeeklyReportRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::display::pages_text;
use crate::ipc;
use crate::session::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Saving {
    Pdf,
    File(ExportFormat),
}

/// What was saved, or why not, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Saved { path: String, pages: Option<u32> },
    Refused(String),
}

/// The buttons and the answer. `id_prefix` tells the bars apart ("worklist-export-xlsx",
/// "worklist-export-result"); a weekly report's bar also offers the PDF, for the week
/// `week_of` holds.
#[component]
pub fn ExportBar(
    list: ExportList,
    id_prefix: &'static str,
    /// What is saved, for the buttons' group label ("Save the worklist").
    label: &'static str,
    #[prop(optional)] week_of: Option<Signal<NaiveDate>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let busy = RwSignal::new(None::<Saving>);
    let outcome = RwSignal::new(None::<Outcome>);

    let save = move |saving: Saving| {
        if busy.get_untracked().is_some() {
            return;
        }
        let week = week_of.map(|week| week.get_untracked());
        busy.set(Some(saving));
        outcome.set(None);
        let ticket = state.lock_ticket();
        spawn_local(async move {
            let answer = match (saving, week) {
                (Saving::Pdf, Some(week_of)) => {
                    ipc::produce_weekly_report(&WeeklyReportRequest { week_of })
                        .await
                        .map(|document| Outcome::Saved {
                            path: document.path,
                            pages: Some(document.pages),
                        })
                }
                (Saving::Pdf, None) => Ok(Outcome::Refused(
                    "Choose a week before saving the report.".to_string(),
                )),
                (Saving::File(format), week_of) => ipc::export_list(&ExportListRequest {
                    list,
                    format,
                    week_of,
                })
                .await
                .map(|file| Outcome::Saved {
                    path: file.path,
                    pages: None,
                }),
            };
            busy.try_set(None);
            if !state.is_unlocked_since(ticket) {
                return;
            }
            match answer {
                Ok(saved) => {
                    outcome.try_set(Some(saved));
                }
                Err(failure) => {
                    if let Some(message) = state.message_for(failure) {
                        outcome.try_set(Some(Outcome::Refused(message)));
                    }
                }
            }
        });
    };
    let button = move |suffix: &'static str, text: &'static str, saving: Saving| {
        view! {
            <button id=format!("{id_prefix}-export-{suffix}") class="button button-secondary" type="button"
                disabled=move || busy.get().is_some()
                on:click=move |_| save(saving)>
                {text}
            </button>
        }
    };
    let pdf = (list == ExportList::WeeklyReport).then(|| button("pdf", "PDF", Saving::Pdf));
    let busy_text = move || {
        busy.get().map(|saving| {
            let text = match saving {
                Saving::Pdf => "Producing the PDF…",
                Saving::File(_) => "Saving the file…",
            };
            view! { <p class="busy">{text}</p> }
        })
    };
    let outcome_view = move || {
        outcome.get().map(|outcome| match outcome {
            Outcome::Saved { path, pages } => view! {
                <p class="notice export-saved">
                    "Saved to " <span class="export-path">{path}</span>
                    {pages.map(|pages| format!(" ({})", pages_text(pages)))}
                </p>
            }
            .into_any(),
            Outcome::Refused(message) => view! {
                <p class="form-error error-message export-refused" role="alert">{message}</p>
            }
            .into_any(),
        })
    };

    view! {
        <div class="export-bar">
            <div class="button-group" role="group" aria-label=label>
                <span class="export-label">{label}</span>
                {pdf}
                {button("xlsx", "Spreadsheet (XLSX)", Saving::File(ExportFormat::Xlsx))}
                {button("csv", "CSV", Saving::File(ExportFormat::Csv))}
            </div>
            <div id=format!("{id_prefix}-export-result") aria-live="polite">
                {busy_text}
                {outcome_view}
            </div>
        </div>
    }
}
