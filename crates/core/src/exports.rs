//! Lists the officer can see, taken away as spreadsheets (XLSX or CSV), and the weekly report
//! as a PDF. Each list is built from the same view the screen shows, so the file and the screen
//! never disagree.

use doorstep_api::{
    AccountList, ApiError, ExportFormat, ExportList, ExportListRequest, ExportedFile, FigureView,
    ListAccountsRequest, PatchReportView, ProducedDocument, WeeklyReportRequest, Worklist,
};
use doorstep_documents::{csv, weekly_report_pdf, xlsx, Cell, Column, Landlord, Sheet};

use crate::documents::{refused, write_document, write_file};
use crate::session::{unlocked_mut, Session};

impl Session {
    pub async fn export_list(&self, request: &ExportListRequest) -> Result<ExportedFile, ApiError> {
        let (stem, sheets) = match request.list {
            ExportList::Worklist => {
                let worklist = self.get_worklist().await?;
                (
                    format!("worklist-{}", worklist.as_at),
                    vec![worklist_sheet(&worklist)],
                )
            }
            ExportList::Caseload => {
                let accounts = self.caseload_list().await?;
                (
                    format!("caseload-{}", accounts.as_at),
                    vec![caseload_sheet(&accounts)],
                )
            }
            ExportList::WeeklyReport => {
                let week_of = request.week_of.ok_or_else(|| ApiError::Invalid {
                    field: "week_of".to_string(),
                    message: "Choose the week to export.".to_string(),
                })?;
                let report = self.weekly_report(&WeeklyReportRequest { week_of }).await?;
                (
                    format!("weekly-report-{}", report.weekly.week_starting),
                    weekly_report_sheets(&report),
                )
            }
        };
        let directory = &self.config().documents_dir;
        let path = match request.format {
            ExportFormat::Xlsx => {
                let bytes = xlsx(&sheets).map_err(refused)?;
                write_file(directory, &format!("{stem}.xlsx"), &bytes)?
            }
            // One table is one CSV file; several go in a folder of their own, a file each.
            ExportFormat::Csv => match sheets.as_slice() {
                [sheet] => write_file(directory, &format!("{stem}.csv"), csv(sheet).as_bytes())?,
                _ => {
                    let folder = directory.join(&stem);
                    for sheet in &sheets {
                        let name = format!("{}.csv", sheet.name.to_lowercase().replace(' ', "-"));
                        write_file(&folder, &name, csv(sheet).as_bytes())?;
                    }
                    folder
                }
            },
        };
        Ok(ExportedFile {
            path: path.display().to_string(),
        })
    }

    /// The weekly report as a PDF for the team leader, written to the documents folder.
    pub async fn produce_weekly_report(
        &self,
        request: &WeeklyReportRequest,
    ) -> Result<ProducedDocument, ApiError> {
        let report = self.weekly_report(request).await?;
        let pdf = weekly_report_pdf(&Landlord::demo(), &report).map_err(refused)?;
        write_document(
            &self.config().documents_dir,
            format!("weekly-report-{}.pdf", report.weekly.week_starting),
            &pdf,
        )
    }

    /// Every account in the caseload, as the caseload screen lists them.
    async fn caseload_list(&self) -> Result<AccountList, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        Ok(open.caseload.list(&ListAccountsRequest::default()))
    }
}

fn text(value: &str) -> Cell {
    Cell::Text(value.to_string())
}

fn count(value: impl Into<i64>) -> Cell {
    Cell::Count(value.into())
}

fn worklist_sheet(worklist: &Worklist) -> Sheet {
    Sheet {
        name: "Worklist".to_string(),
        columns: vec![
            Column::new("Reference", 12),
            Column::new("Tenants", 28),
            Column::new("Address", 36),
            Column::new("Postcode", 10),
            Column::new("Patch", 8),
            Column::new("Balance", 12),
            Column::new("True arrears", 12),
            Column::new("Weeks in arrears", 10),
            Column::new("Next action", 24),
            Column::new("Why", 60),
            Column::new("Paused", 24),
            Column::new("Warnings", 40),
            Column::new("As at", 12),
        ],
        rows: worklist
            .items
            .iter()
            .map(|item| {
                vec![
                    text(&item.payment_reference),
                    text(&item.tenant_names),
                    text(&item.address),
                    text(&item.postcode),
                    text(&item.patch),
                    Cell::Money(item.balance),
                    Cell::Money(item.true_arrears),
                    Cell::Number(item.arrears_weeks),
                    text(&item.next_action.label),
                    text(&item.next_action.reason),
                    item.pause_reason.as_deref().map_or(Cell::Empty, text),
                    text(&item.warnings.join("; ")),
                    Cell::Date(worklist.as_at),
                ]
            })
            .collect(),
    }
}

fn caseload_sheet(accounts: &AccountList) -> Sheet {
    Sheet {
        name: "Caseload".to_string(),
        columns: vec![
            Column::new("Reference", 12),
            Column::new("Tenants", 28),
            Column::new("Address", 36),
            Column::new("Postcode", 10),
            Column::new("Tenure", 16),
            Column::new("Balance", 12),
            Column::new("Weeks in arrears", 10),
            Column::new("As at", 12),
        ],
        rows: accounts
            .accounts
            .iter()
            .map(|account| {
                vec![
                    text(&account.payment_reference),
                    text(&account.tenant_names),
                    text(&account.address),
                    text(&account.postcode),
                    text(&account.tenure),
                    Cell::Money(account.balance),
                    Cell::Number(account.arrears_weeks),
                    Cell::Date(accounts.as_at),
                ]
            })
            .collect(),
    }
}

/// The report's tables, a sheet each: what the PDF prints, with its types.
fn weekly_report_sheets(report: &PatchReportView) -> Vec<Sheet> {
    let weekly = &report.weekly;
    let summary_columns = vec![
        Column::new("Measure", 36),
        Column::new("Accounts or items", 16),
        Column::new("Amount or date", 14),
    ];
    let summary = Sheet {
        name: "Summary".to_string(),
        columns: summary_columns,
        rows: vec![
            vec![
                text("Week starting"),
                Cell::Empty,
                Cell::Date(weekly.week_starting),
            ],
            vec![
                text("In arrears at the start"),
                count(weekly.accounts_in_arrears_at_start),
                Cell::Money(weekly.arrears_at_start),
            ],
            vec![
                text("In arrears at the end"),
                count(weekly.accounts_in_arrears_at_end),
                Cell::Money(weekly.arrears_at_end),
            ],
            vec![
                text("Movement"),
                Cell::Empty,
                Cell::Money(weekly.arrears_movement),
            ],
            vec![
                text("New cases in arrears"),
                count(i64::try_from(weekly.new_cases_in_arrears.len()).unwrap_or(i64::MAX)),
                Cell::Empty,
            ],
            vec![
                text("Arrangements made"),
                count(weekly.arrangements_made),
                Cell::Empty,
            ],
            vec![
                text("Arrangements kept"),
                count(weekly.arrangements_kept),
                Cell::Empty,
            ],
            vec![
                text("Arrangements broken"),
                count(weekly.arrangements_broken),
                Cell::Empty,
            ],
            vec![
                text("Notices served"),
                count(weekly.notices_served),
                Cell::Empty,
            ],
            vec![
                text("Court actions"),
                count(weekly.court_actions),
                Cell::Empty,
            ],
            vec![text("Home visits"), count(weekly.home_visits), Cell::Empty],
            vec![
                text("Payments taken on visits"),
                count(weekly.taken_on_visits_count),
                Cell::Money(weekly.taken_on_visits_total),
            ],
        ],
    };
    let payments = Sheet {
        name: "Payments by method".to_string(),
        columns: vec![
            Column::new("Method", 24),
            Column::new("Payments", 10),
            Column::new("Received", 14),
        ],
        rows: weekly
            .payments_by_method
            .iter()
            .map(|row| {
                vec![
                    text(&row.method),
                    count(row.payments_count),
                    Cell::Money(row.received_total),
                ]
            })
            .collect(),
    };
    let movers = Sheet {
        name: "Biggest movers".to_string(),
        columns: vec![
            Column::new("Reference", 12),
            Column::new("Balance before", 14),
            Column::new("Balance after", 14),
            Column::new("Movement", 14),
        ],
        rows: weekly
            .biggest_movers
            .iter()
            .map(|mover| {
                vec![
                    text(&mover.payment_reference),
                    Cell::Money(mover.balance_before),
                    Cell::Money(mover.balance_after),
                    Cell::Money(mover.movement),
                ]
            })
            .collect(),
    };
    let new_cases = Sheet {
        name: "New cases".to_string(),
        columns: vec![Column::new("Reference", 12)],
        rows: weekly
            .new_cases_in_arrears
            .iter()
            .map(|reference| vec![text(reference)])
            .collect(),
    };
    let indicators = Sheet {
        name: "Indicators".to_string(),
        columns: vec![
            Column::new("Indicator", 40),
            Column::new("Percentage", 12),
            Column::new("Amount", 14),
            Column::new("Count", 10),
            Column::new("Working", 50),
            Column::new("Definition", 80),
            Column::new("As at", 12),
        ],
        rows: report
            .indicators
            .iter()
            .map(|indicator| {
                // One typed column per kind of figure, so each column sums and formats as one.
                let (percent, money, number) = match &indicator.figure {
                    FigureView::Percent { percent } => {
                        (Cell::Percent(*percent), Cell::Empty, Cell::Empty)
                    }
                    FigureView::Money { amount } => {
                        (Cell::Empty, Cell::Money(*amount), Cell::Empty)
                    }
                    FigureView::Count { count: value } => (Cell::Empty, Cell::Empty, count(*value)),
                };
                vec![
                    text(&indicator.name),
                    percent,
                    money,
                    number,
                    text(&indicator.working),
                    text(&indicator.definition),
                    Cell::Date(report.as_at),
                ]
            })
            .collect(),
    };
    let trend = Sheet {
        name: "Trend".to_string(),
        columns: vec![
            Column::new("Week ending", 12),
            Column::new("Accounts in arrears", 12),
            Column::new("Arrears", 14),
        ],
        rows: report
            .trend
            .iter()
            .map(|point| {
                vec![
                    Cell::Date(point.week_ending),
                    count(point.accounts_in_arrears),
                    Cell::Money(point.arrears_total),
                ]
            })
            .collect(),
    };
    let ages = Sheet {
        name: "Arrears ages".to_string(),
        columns: vec![
            Column::new("Owed for", 20),
            Column::new("Accounts", 10),
            Column::new("Arrears", 14),
        ],
        rows: report
            .age_profile
            .iter()
            .map(|band| {
                vec![
                    text(&band.label),
                    count(band.accounts_count),
                    Cell::Money(band.arrears_total),
                ]
            })
            .collect(),
    };
    vec![
        summary, payments, movers, new_cases, indicators, trend, ages,
    ]
}
