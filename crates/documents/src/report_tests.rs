//! Spreadsheets opened back with calamine and checked cell by cell; the weekly report PDF read
//! back with pdftotext.

use std::io::Cursor;
use std::str::FromStr;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use chrono::NaiveDate;
use doorstep_api::{
    AgeBandView, FigureView, IndicatorView, MoverView, PatchReportView, PaymentsByMethodView,
    TrendPointView, WeeklyReportView,
};
use rust_decimal::Decimal;

use crate::{csv, weekly_report_pdf, xlsx, Cell, Column, Landlord, Sheet};

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("test literal")
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::from_str(text).expect("test date")
}

fn worklist_sheet() -> Sheet {
    Sheet {
        name: "Worklist".to_string(),
        columns: vec![
            Column::new("Reference", 12),
            Column::new("Balance", 12),
            Column::new("Last payment", 12),
            Column::new("Weeks in arrears", 8),
            Column::new("Collection rate", 8),
            Column::new("Note", 30),
        ],
        rows: vec![
            vec![
                Cell::Text("10234567".to_string()),
                Cell::Money(dec("1234.56")),
                Cell::Date(date("2026-11-20")),
                Cell::Count(7),
                Cell::Percent(Some(dec("96.4"))),
                Cell::Text("=HYPERLINK(\"x\")".to_string()),
            ],
            vec![
                Cell::Text("10234568".to_string()),
                Cell::Money(dec("-0.01")),
                Cell::Empty,
                Cell::Count(0),
                Cell::Percent(None),
                Cell::Text("pays, usually \"on time\"".to_string()),
            ],
        ],
    }
}

#[test]
fn an_xlsx_opens_back_with_numbers_dates_and_text_in_their_cells() {
    let bytes = xlsx(&[worklist_sheet()]).expect("workbook");
    assert!(bytes.starts_with(b"PK"), "an XLSX is a zip");
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("opens");
    assert_eq!(workbook.sheet_names(), vec!["Worklist".to_string()]);
    let range = workbook.worksheet_range("Worklist").expect("sheet");
    assert_eq!(range.get_size(), (3, 6));
    let header: Vec<String> = (0..6)
        .map(|column| range.get((0, column)).expect("header").to_string())
        .collect();
    assert_eq!(
        header,
        [
            "Reference",
            "Balance",
            "Last payment",
            "Weeks in arrears",
            "Collection rate",
            "Note"
        ]
    );
    // A reference is text, never a number that loses its leading zeros.
    assert_eq!(
        range.get((1, 0)),
        Some(&Data::String("10234567".to_string()))
    );
    // Money is a number, to the penny.
    match range.get((1, 1)) {
        Some(Data::Float(pounds)) => assert_eq!((pounds * 100.0).round() as i64, 123_456),
        other => panic!("money should be a number, got {other:?}"),
    }
    match range.get((2, 1)) {
        Some(Data::Float(pounds)) => assert_eq!((pounds * 100.0).round() as i64, -1),
        other => panic!("money should be a number, got {other:?}"),
    }
    // A date is a date: Excel's serial day 46346 is 20 November 2026.
    match range.get((1, 2)) {
        Some(Data::DateTime(serial)) => {
            assert_eq!(serial.as_f64(), 46346.0);
            assert!(serial.is_datetime());
        }
        other => panic!("a date should be a date, got {other:?}"),
    }
    assert_eq!(range.get((2, 2)), Some(&Data::Empty));
    match range.get((1, 3)) {
        Some(Data::Float(count)) => assert_eq!(*count, 7.0),
        other => panic!("a count should be a number, got {other:?}"),
    }
    // 96.4% is stored as the fraction, formatted as a percentage.
    match range.get((1, 4)) {
        Some(Data::Float(fraction)) => assert!((fraction - 0.964).abs() < 1e-12),
        other => panic!("a percentage should be a number, got {other:?}"),
    }
    // Text that looks like a formula stays text in a workbook.
    assert_eq!(
        range.get((1, 5)),
        Some(&Data::String("=HYPERLINK(\"x\")".to_string()))
    );
}

#[test]
fn a_csv_has_plain_numbers_iso_dates_and_defused_formulas() {
    let text = csv(&worklist_sheet());
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "Reference,Balance,Last payment,Weeks in arrears,Collection rate,Note"
    );
    assert_eq!(
        lines[1],
        "10234567,1234.56,2026-11-20,7,96.4,\"'=HYPERLINK(\"\"x\"\")\""
    );
    assert_eq!(
        lines[2],
        "10234568,-0.01,,0,,\"pays, usually \"\"on time\"\"\""
    );
}

#[test]
fn a_bad_sheet_is_refused_before_anything_is_written() {
    let mut sheet = worklist_sheet();
    sheet.name = "Arrears: the week".to_string();
    let error = xlsx(&[sheet]).expect_err("a colon is not allowed");
    assert!(error.to_string().contains("sheet name"), "{error}");
    let mut sheet = worklist_sheet();
    sheet.rows[1].push(Cell::Empty);
    let error = xlsx(&[sheet]).expect_err("too many cells");
    assert!(error.to_string().contains("row 2"), "{error}");
}

fn report() -> PatchReportView {
    PatchReportView {
        weekly: WeeklyReportView {
            week_starting: date("2026-11-16"),
            week_ending: date("2026-11-22"),
            accounts_in_arrears_at_start: 41,
            arrears_at_start: dec("23456.78"),
            accounts_in_arrears_at_end: 43,
            arrears_at_end: dec("24001.02"),
            arrears_movement: dec("544.24"),
            new_cases_in_arrears: vec!["10000042".to_string()],
            arrangements_made: 3,
            arrangements_kept: 11,
            arrangements_broken: 2,
            notices_served: 1,
            court_actions: 1,
            home_visits: 9,
            payments_by_method: vec![PaymentsByMethodView {
                method: "Card".to_string(),
                payments_count: 4,
                received_total: dec("310.00"),
            }],
            taken_on_visits_count: 2,
            taken_on_visits_total: dec("60.00"),
            biggest_movers: vec![MoverView {
                payment_reference: "10000007".to_string(),
                balance_before: dec("100.00"),
                balance_after: dec("520.50"),
                movement: dec("420.50"),
            }],
        },
        as_at: date("2026-11-22"),
        indicators: vec![IndicatorView {
            name: "Collection rate, this week".to_string(),
            figure: FigureView::Percent {
                percent: Some(dec("97.3")),
            },
            working: "£9,700.00 collected ÷ £9,969.17 due".to_string(),
            definition: "Collection rate: the payments received in the period.".to_string(),
        }],
        trend: (0..52)
            .map(|week| TrendPointView {
                week_ending: date("2025-11-30") + chrono::Days::new(7 * week),
                accounts_in_arrears: 40,
                arrears_total: Decimal::from(20_000 + week * 77),
            })
            .collect(),
        trend_definition: "Arrears trend: current tenants' arrears.".to_string(),
        age_profile: vec![AgeBandView {
            label: "Under 4 weeks".to_string(),
            accounts_count: 12,
            arrears_total: dec("1800.00"),
        }],
        age_profile_definition: "Arrears age profile: by how long.".to_string(),
    }
}

#[test]
fn the_weekly_report_pdf_prints_every_figure_and_both_charts() {
    let pdf = weekly_report_pdf(&Landlord::demo(), &report()).expect("pdf");
    let text = crate::tests::pdftotext(&pdf);
    for expected in [
        "Weekly arrears report",
        "43 accounts, £24,001.02",
        "up £544.24",
        "10000042",
        "4 payments, £310.00",
        "£100.00 → £520.50 (+£420.50)",
        "Collection rate, this week",
        "97.3%",
        "£9,700.00 collected ÷ £9,969.17 due",
        "Collection rate: the payments received in the period.",
        "Arrears over 52 weeks",
        "Under 4 weeks",
        "12 accounts, £1,800.00",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // The charts' tick labels are on the page too.
    assert!(text.contains("£20,000"), "{text}");
}
