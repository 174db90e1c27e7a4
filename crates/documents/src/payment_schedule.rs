//! A third party's payment schedule for the payer: the agreement's terms, then every period
//! due with what was received against it and what is outstanding, the totals last. The
//! figures are `domain::payment_schedule::reconcile`'s; this module only lays them out.

use chrono::NaiveDate;
use doorstep_domain::money::format_money;
use doorstep_domain::payment_schedule::{PeriodStatus, ScheduleReconciliation};
use printpdf::PdfDocument;
use rust_decimal::Decimal;

use crate::error::{long_date, DocumentError};
use crate::fonts::Fonts;
use crate::landlord::{check_landlord, Landlord};
use crate::layout::{
    save, Chrome, Pages, TextStyle, CONTENT_RIGHT_MM, CONTENT_WIDTH_MM, MARGIN_LEFT_MM,
};

/// The schedule as printed. Plain data: the core fills it from the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentScheduleDocument {
    pub payer_name: String,
    pub payment_reference: String,
    pub tenant_names: String,
    pub address: String,
    /// "Weekly, £120.00 a period, from 5 January 2026, towards rent and service charges".
    pub terms: String,
    pub reconciliation: ScheduleReconciliation,
}

const TITLE: TextStyle = TextStyle::bold(14.0);
const BODY: TextStyle = TextStyle::regular(9.5);
const CELL: TextStyle = TextStyle::regular(8.5);
const CELL_BOLD: TextStyle = TextStyle::bold(8.5);

const FROM_MM: f32 = MARGIN_LEFT_MM;
const TO_MM: f32 = MARGIN_LEFT_MM + 28.0;
const DUE_ON_MM: f32 = MARGIN_LEFT_MM + 56.0;
const DUE_RIGHT_MM: f32 = MARGIN_LEFT_MM + 110.0;
const RECEIVED_RIGHT_MM: f32 = MARGIN_LEFT_MM + 135.0;
const OUTSTANDING_RIGHT_MM: f32 = CONTENT_RIGHT_MM - 18.0;
const STATUS_MM: f32 = CONTENT_RIGHT_MM - 16.0;

fn short_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

fn status_text(status: PeriodStatus) -> &'static str {
    match status {
        PeriodStatus::Paid => "Paid",
        PeriodStatus::Awaited => "Due",
        PeriodStatus::Short => "Short",
    }
}

fn header_row(pages: &mut Pages<'_>) {
    let baseline = pages.cursor_mm + 4.0;
    pages.text(FROM_MM, baseline, "Period from", CELL_BOLD);
    pages.text(TO_MM, baseline, "Period to", CELL_BOLD);
    pages.text(DUE_ON_MM, baseline, "Due on", CELL_BOLD);
    pages.text_right(DUE_RIGHT_MM, baseline, "Due", CELL_BOLD);
    pages.text_right(RECEIVED_RIGHT_MM, baseline, "Received", CELL_BOLD);
    pages.text_right(OUTSTANDING_RIGHT_MM, baseline, "Outstanding", CELL_BOLD);
    pages.text(STATUS_MM, baseline, "Status", CELL_BOLD);
    pages.cursor_mm = baseline + 2.0;
    pages.rule(MARGIN_LEFT_MM, CONTENT_RIGHT_MM, pages.cursor_mm, 0.6, 0.2);
    pages.cursor_mm += 1.0;
}

/// The schedule as a PDF, dated `as_at`; refused when it names no payer or has no period.
pub fn payment_schedule_pdf(
    schedule: &PaymentScheduleDocument,
    landlord: &Landlord,
    as_at: NaiveDate,
) -> Result<Vec<u8>, DocumentError> {
    check_landlord(landlord)?;
    if schedule.payer_name.trim().is_empty() {
        return Err(DocumentError::LetterIncomplete {
            what: "payer".to_string(),
        });
    }
    if schedule.reconciliation.lines.is_empty() {
        return Err(DocumentError::LetterIncomplete {
            what: "period due by that date".to_string(),
        });
    }
    let mut document =
        PdfDocument::new(&format!("Payment schedule {}", schedule.payment_reference));
    let fonts = Fonts::register(&mut document)?;
    let mut pages = Pages::new(&fonts);
    pages.text(
        MARGIN_LEFT_MM,
        pages.cursor_mm + 5.0,
        "Payment schedule",
        TITLE,
    );
    pages.cursor_mm += 10.0;
    for line in [
        format!("Payer: {}", schedule.payer_name),
        format!(
            "Rent account {} — {}, {}",
            schedule.payment_reference, schedule.tenant_names, schedule.address
        ),
        format!("Agreement: {}", schedule.terms),
        format!("As at {}", long_date(&as_at)),
    ] {
        for wrapped in pages.wrap(&line, BODY, CONTENT_WIDTH_MM) {
            pages.text(MARGIN_LEFT_MM, pages.cursor_mm + 4.0, &wrapped, BODY);
            pages.cursor_mm += BODY.line_height_mm();
        }
    }
    pages.cursor_mm += 4.0;
    header_row(&mut pages);
    for line in &schedule.reconciliation.lines {
        if pages.ensure_room(CELL.line_height_mm() + 1.0)? {
            header_row(&mut pages);
        }
        let baseline = pages.cursor_mm + 3.5;
        pages.text(FROM_MM, baseline, &short_date(line.due.period_from), CELL);
        pages.text(TO_MM, baseline, &short_date(line.due.period_to), CELL);
        pages.text(DUE_ON_MM, baseline, &short_date(line.due.due_on), CELL);
        pages.text_right(DUE_RIGHT_MM, baseline, &format_money(line.due.amount), CELL);
        pages.text_right(
            RECEIVED_RIGHT_MM,
            baseline,
            &format_money(line.received),
            CELL,
        );
        pages.text_right(
            OUTSTANDING_RIGHT_MM,
            baseline,
            &format_money(line.outstanding),
            CELL,
        );
        pages.text(STATUS_MM, baseline, status_text(line.status), CELL);
        pages.cursor_mm += CELL.line_height_mm() + 1.0;
    }
    pages.ensure_room(4.0 * BODY.line_height_mm())?;
    pages.rule(MARGIN_LEFT_MM, CONTENT_RIGHT_MM, pages.cursor_mm, 0.6, 0.2);
    pages.cursor_mm += 2.0;
    let totals = &schedule.reconciliation;
    for (label, amount) in [
        ("Total due", totals.total_due),
        ("Total received", totals.total_received),
        ("Shortfall past its grace days", totals.shortfall),
        ("Paid in advance", totals.in_advance),
    ] {
        if label == "Paid in advance" && amount == Decimal::ZERO {
            continue;
        }
        let baseline = pages.cursor_mm + 4.0;
        pages.text(MARGIN_LEFT_MM, baseline, label, CELL_BOLD);
        pages.text_right(
            OUTSTANDING_RIGHT_MM,
            baseline,
            &format_money(amount),
            CELL_BOLD,
        );
        pages.cursor_mm += BODY.line_height_mm();
    }
    let chrome = Chrome {
        landlord,
        as_at,
        footer_title: pages.fit_footer_title(&format!(
            "Payment schedule · {}",
            schedule.payment_reference
        )),
    };
    let pdf_pages = pages.finish(&chrome);
    Ok(save(document, pdf_pages, as_at))
}

/// The schedule as CSV for the payer's finance team: one row per period, money in pounds with
/// two decimal places, dates ISO.
pub fn payment_schedule_csv(schedule: &PaymentScheduleDocument) -> String {
    let mut csv = String::from("period_from,period_to,due_on,due,received,outstanding,status\n");
    for line in &schedule.reconciliation.lines {
        csv.push_str(&format!(
            "{},{},{},{:.2},{:.2},{:.2},{}\n",
            line.due.period_from,
            line.due.period_to,
            line.due.due_on,
            line.due.amount,
            line.received,
            line.outstanding,
            status_text(line.status).to_lowercase()
        ));
    }
    csv
}
