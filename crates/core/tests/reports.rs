//! Reports through the session: the balance chart is the ledger, and the spreadsheets say
//! what the screen says, opened back cell by cell.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use doorstep_api::{
    AccountChartRequest, ExportFormat, ExportList, ExportListRequest, GetAccountRequest,
    SetUpRequest, StartWith, WeeklyReportRequest,
};
use doorstep_core::{Config, CredentialStoreChoice, DemoOptions, Session};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

async fn demo_session(folder: &tempfile::TempDir) -> Session {
    let session = Session::new(Config::for_data_dir(
        folder.path().to_path_buf(),
        CredentialStoreChoice::File,
    ));
    session
        .set_up(&SetUpRequest {
            passphrase: "tea-and-biscuits-42".into(),
            passphrase_repeated: "tea-and-biscuits-42".into(),
            start_with: StartWith::Empty,
        })
        .await
        .unwrap();
    session
        .load_demo(&DemoOptions {
            accounts_count: 30,
            ..DemoOptions::new(5, doorstep_core::today())
        })
        .await
        .unwrap();
    session
}

fn pence(value: f64) -> i64 {
    (value * 100.0).round() as i64
}

fn money_pence(amount: Decimal) -> i64 {
    (amount * Decimal::ONE_HUNDRED).to_i64().unwrap()
}

/// Every point of an account's chart is the statement's running balance on that day, and
/// every step on the chart is in the diary or the arrangements.
#[tokio::test]
async fn the_balance_chart_is_the_ledger() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let worklist = session.get_worklist().await.unwrap();
    let mut steps_seen = 0;
    for item in worklist.items.iter().take(12) {
        let detail = session
            .get_account(&GetAccountRequest {
                payment_reference: item.payment_reference.clone(),
            })
            .await
            .unwrap();
        let chart = session
            .account_chart(&AccountChartRequest {
                payment_reference: item.payment_reference.clone(),
                from: None,
            })
            .await
            .unwrap();
        assert_eq!(chart.to, doorstep_core::today());
        for point in &chart.balances {
            let ledger = detail
                .transactions
                .iter()
                .rfind(|line| line.posted_on <= point.on)
                .map_or(Decimal::ZERO, |line| line.balance_after);
            assert_eq!(
                point.amount, ledger,
                "{} on {}",
                item.payment_reference, point.on
            );
        }
        assert_eq!(
            chart.balances.last().map(|point| point.amount),
            Some(detail.balance),
        );
        for event in &chart.events {
            assert!(chart.from <= event.on && event.on <= chart.to);
            assert!(["letter", "notice", "arrangement", "court"].contains(&event.kind.as_str()));
        }
        steps_seen += chart.events.len();
    }
    assert!(
        steps_seen > 0,
        "the demo's accounts have letters and arrangements to mark"
    );
    session.lock().await.unwrap();
}

#[tokio::test]
async fn the_worklist_spreadsheet_is_the_worklist() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let worklist = session.get_worklist().await.unwrap();
    let exported = session
        .export_list(&ExportListRequest {
            list: ExportList::Worklist,
            format: ExportFormat::Xlsx,
            week_of: None,
        })
        .await
        .unwrap();
    let bytes = std::fs::read(&exported.path).unwrap();
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range("Worklist").unwrap();
    assert_eq!(range.height(), worklist.items.len() + 1);
    for (index, item) in worklist.items.iter().enumerate() {
        let row = u32::try_from(index + 1).unwrap();
        assert_eq!(
            range.get_value((row, 0)),
            Some(&Data::String(item.payment_reference.clone()))
        );
        match range.get_value((row, 5)) {
            Some(Data::Float(balance)) => assert_eq!(pence(*balance), money_pence(item.balance)),
            other => panic!("the balance should be a number, got {other:?}"),
        }
        assert_eq!(
            range.get_value((row, 8)),
            Some(&Data::String(item.next_action.label.clone()))
        );
        assert!(matches!(
            range.get_value((row, 12)),
            Some(Data::DateTime(_))
        ));
    }

    let csv = session
        .export_list(&ExportListRequest {
            list: ExportList::Caseload,
            format: ExportFormat::Csv,
            week_of: None,
        })
        .await
        .unwrap();
    let text = std::fs::read_to_string(&csv.path).unwrap();
    // A header and one line per account.
    assert_eq!(text.lines().count(), worklist.items.len() + 1);
    session.lock().await.unwrap();
}

#[tokio::test]
async fn the_weekly_report_exports_and_prints_the_figures_on_screen() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let week_of = doorstep_core::today() - chrono::Days::new(7);
    let report = session
        .weekly_report(&WeeklyReportRequest { week_of })
        .await
        .unwrap();
    let exported = session
        .export_list(&ExportListRequest {
            list: ExportList::WeeklyReport,
            format: ExportFormat::Xlsx,
            week_of: Some(week_of),
        })
        .await
        .unwrap();
    let bytes = std::fs::read(&exported.path).unwrap();
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        [
            "Summary",
            "Payments by method",
            "Biggest movers",
            "New cases",
            "Indicators",
            "Trend",
            "Arrears ages"
        ]
    );
    let summary = workbook.worksheet_range("Summary").unwrap();
    assert_eq!(
        summary.get_value((3, 0)),
        Some(&Data::String("In arrears at the end".to_string()))
    );
    match summary.get_value((3, 2)) {
        Some(Data::Float(arrears)) => {
            assert_eq!(pence(*arrears), money_pence(report.weekly.arrears_at_end))
        }
        other => panic!("arrears should be a number, got {other:?}"),
    }
    let trend = workbook.worksheet_range("Trend").unwrap();
    assert_eq!(trend.height(), 53);
    let indicators = workbook.worksheet_range("Indicators").unwrap();
    assert_eq!(indicators.height(), report.indicators.len() + 1);

    // A future week is refused in words, and nothing is written.
    let next_week = doorstep_core::today() + chrono::Days::new(7);
    let refused = session
        .weekly_report(&WeeklyReportRequest { week_of: next_week })
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("has not started"), "{refused}");

    let produced = session
        .produce_weekly_report(&WeeklyReportRequest { week_of })
        .await
        .unwrap();
    assert!(produced.pages >= 2);
    assert!(std::fs::read(&produced.path).unwrap().starts_with(b"%PDF"));
    session.lock().await.unwrap();
}

/// The report's facts are kept between calls only while nothing they read has changed: a
/// payment recorded after the report was opened is in the next one.
#[tokio::test]
async fn a_payment_recorded_after_the_report_was_opened_is_in_the_next_one() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let today = doorstep_core::today();
    let before = session
        .weekly_report(&WeeklyReportRequest { week_of: today })
        .await
        .unwrap();
    // Asked again with nothing changed: the same report.
    let again = session
        .weekly_report(&WeeklyReportRequest { week_of: today })
        .await
        .unwrap();
    assert_eq!(again, before);
    let owing = session
        .get_worklist()
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|item| item.balance > Decimal::from(50))
        .expect("the demo has an account owing over £50");
    session
        .record_payment(&doorstep_api::RecordPaymentRequest {
            payment_reference: owing.payment_reference.clone(),
            command_id: uuid::Uuid::now_v7().to_string(),
            method: doorstep_api::RecordedPaymentMethod::CashOffice,
            amount: "10.00".to_string(),
            received_on: today,
            note: "receipt 4411".to_string(),
        })
        .await
        .unwrap();
    let after = session
        .weekly_report(&WeeklyReportRequest { week_of: today })
        .await
        .unwrap();
    assert_eq!(
        after.weekly.arrears_at_end,
        before.weekly.arrears_at_end - Decimal::from(10)
    );
    session.lock().await.unwrap();
}
