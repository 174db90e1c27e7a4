//! The arrears schedule attached to the particulars: every amount due and paid over the period
//! the caller chose (the two years before issue, or from the first arrear if later: PD 55B),
//! with a running balance, certified as a business record (Civil Evidence Act 1995 s9).
//!
//! `ArrearsSchedule::new` refuses figures that do not add up, to the penny and with no
//! rounding, so no printed schedule can be shown wrong by a calculator in court.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::court::claim::{check_header, check_signatory, check_text, ClaimHeader, Signatory};
use crate::court::paper::{
    field, heading, money, paragraph, render, signature_lines, space, title_block, CELL, CELL_BOLD,
};
use crate::error::{long_date, DocumentError};
use crate::fonts::MM_PER_PT;
use crate::layout::{Pages, CONTENT_RIGHT_MM, CONTENT_WIDTH_MM, MARGIN_LEFT_MM};

const DOCUMENT: &str = "arrears schedule";
const DOCUMENT_TITLE: &str = "Schedule of rent arrears";

/// Ten years of weekly rent, benefit and payment lines is about 1,600; a two-year schedule is
/// about 250. Either fits `PAGES_MAX` with room for the rest of a bundle.
pub const ARREARS_SCHEDULE_ROWS_MAX: usize = 2_000;

/// A description wraps to at most two lines: the amounts, not the words, are the evidence.
const DESCRIPTION_LINES_MAX: usize = 2;

#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleRow {
    pub date: NaiveDate,
    pub description: String,
    /// Rent and charges due; zero if none.
    pub debit: Decimal,
    /// Payments and benefit received; zero if none.
    pub credit: Decimal,
    /// The balance after this row, as the caller's ledger computed it.
    pub balance: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArrearsScheduleFigures {
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// The balance on the day before `period_from`, carried in from earlier history.
    pub brought_forward_on: NaiveDate,
    pub brought_forward: Decimal,
    pub rows: Vec<ScheduleRow>,
    pub closing_balance: Decimal,
    /// Who certifies the schedule as a true copy of the business record.
    pub certifier: Signatory,
    pub certified_on: NaiveDate,
}

/// Figures that add up: every running balance is the previous one plus the debit less the
/// credit, and the closing balance is the last of them.
#[derive(Debug, Clone, PartialEq)]
pub struct ArrearsSchedule {
    figures: ArrearsScheduleFigures,
}

impl ArrearsSchedule {
    pub fn new(figures: ArrearsScheduleFigures) -> Result<ArrearsSchedule, DocumentError> {
        check_figures(&figures)?;
        Ok(ArrearsSchedule { figures })
    }

    pub fn figures(&self) -> &ArrearsScheduleFigures {
        &self.figures
    }

    pub fn debits_total(&self) -> Decimal {
        self.figures.rows.iter().map(|row| row.debit).sum()
    }

    pub fn credits_total(&self) -> Decimal {
        self.figures.rows.iter().map(|row| row.credit).sum()
    }
}

fn does_not_add_up(problem: String) -> DocumentError {
    DocumentError::ArrearsScheduleDoesNotAddUp { problem }
}

fn check_figures(figures: &ArrearsScheduleFigures) -> Result<(), DocumentError> {
    check_signatory(DOCUMENT, &figures.certifier)?;
    if figures.period_from > figures.period_to {
        return Err(does_not_add_up(format!(
            "the period starts on {}, after it ends on {}",
            long_date(&figures.period_from),
            long_date(&figures.period_to)
        )));
    }
    if figures.rows.len() > ARREARS_SCHEDULE_ROWS_MAX {
        return Err(does_not_add_up(format!(
            "it has {} rows, more than the {ARREARS_SCHEDULE_ROWS_MAX} one schedule may hold",
            figures.rows.len()
        )));
    }
    let mut balance = figures.brought_forward;
    for (index, row) in figures.rows.iter().enumerate() {
        let row_number = index + 1;
        check_text(DOCUMENT, "description of a row", &row.description)?;
        if row.date < figures.period_from || row.date > figures.period_to {
            return Err(does_not_add_up(format!(
                "row {row_number} is dated {}, outside the period {} to {}",
                long_date(&row.date),
                long_date(&figures.period_from),
                long_date(&figures.period_to)
            )));
        }
        if row.debit < Decimal::ZERO || row.credit < Decimal::ZERO {
            return Err(does_not_add_up(format!(
                "row {row_number} ({}) has a negative debit or credit; show a reversal as the \
                 opposite column",
                long_date(&row.date)
            )));
        }
        let expected = balance + row.debit - row.credit;
        if row.balance != expected {
            return Err(does_not_add_up(format!(
                "row {row_number} ({}, {}) shows a balance of {}, but {} plus {} less {} is {}",
                long_date(&row.date),
                row.description.trim(),
                money(row.balance),
                money(balance),
                money(row.debit),
                money(row.credit),
                money(expected)
            )));
        }
        balance = row.balance;
    }
    if figures.closing_balance != balance {
        return Err(does_not_add_up(format!(
            "the closing balance given is {}, but the last running balance is {}",
            money(figures.closing_balance),
            money(balance)
        )));
    }
    Ok(())
}

pub fn arrears_schedule_pdf(
    header: &ClaimHeader,
    schedule: &ArrearsSchedule,
) -> Result<Vec<u8>, DocumentError> {
    check_header(DOCUMENT, header)?;
    let as_at = schedule.figures.certified_on;
    render(DOCUMENT_TITLE, header, as_at, false, |pages| {
        draw_schedule(pages, header, schedule)
    })
}

pub(crate) fn draw_schedule(
    pages: &mut Pages<'_>,
    header: &ClaimHeader,
    schedule: &ArrearsSchedule,
) -> Result<(), DocumentError> {
    let figures = &schedule.figures;
    title_block(
        pages,
        DOCUMENT_TITLE,
        "Rent due and payments made, with a running balance (CPR PD 55A and PD 55B).",
        header,
    )?;
    field(
        pages,
        "Period",
        &format!(
            "{} to {}",
            long_date(&figures.period_from),
            long_date(&figures.period_to)
        ),
    )?;
    space(pages, 2.0);
    draw_rows(pages, header, schedule)?;
    heading(pages, "Totals")?;
    field(
        pages,
        "Balance brought forward",
        &money(figures.brought_forward),
    )?;
    field(pages, "Total debits", &money(schedule.debits_total()))?;
    field(pages, "Total credits", &money(schedule.credits_total()))?;
    field(pages, "Closing balance", &money(figures.closing_balance))?;
    heading(pages, "Certificate")?;
    paragraph(
        pages,
        &format!(
            "I certify that this schedule is a true copy of the entries in the rent account \
             kept by {} in the course of its business, and that it forms part of the records \
             of that business (Civil Evidence Act 1995, section 9).",
            header.claimant.name.trim()
        ),
    )?;
    signature_lines(pages, &figures.certifier, Some(figures.certified_on))
}

const DATE_WIDTH_MM: f32 = 24.0;
const DESCRIPTION_WIDTH_MM: f32 = 76.0;
const DEBIT_RIGHT_MM: f32 = MARGIN_LEFT_MM + DATE_WIDTH_MM + DESCRIPTION_WIDTH_MM + 22.0;
const CREDIT_RIGHT_MM: f32 = DEBIT_RIGHT_MM + 23.0;
const PADDING_MM: f32 = 1.5;
const BALANCE_RIGHT_MM: f32 = CONTENT_RIGHT_MM - PADDING_MM;
const ROW_PADDING_MM: f32 = 1.0;

// The widest amount, "-£99,999.99" at 8.5 pt, is about 19 mm; each money column keeps that.
const _: () = assert!(CREDIT_RIGHT_MM + 21.0 <= BALANCE_RIGHT_MM);

struct Cells<'t> {
    date: String,
    description: &'t [String],
    debit: String,
    credit: String,
    balance: String,
    bold: bool,
}

fn row_height_mm(lines: usize) -> f32 {
    lines.max(1) as f32 * CELL.line_height_mm() + ROW_PADDING_MM * 2.0
}

/// The rows, with the column headings repeated and the balance carried forward at the foot of
/// each page and brought forward at the head of the next, as a paper ledger is kept.
fn draw_rows(
    pages: &mut Pages<'_>,
    header: &ClaimHeader,
    schedule: &ArrearsSchedule,
) -> Result<(), DocumentError> {
    let figures = &schedule.figures;
    let one_line_mm = row_height_mm(1);
    pages.ensure_room(header_height_mm() + one_line_mm * 3.0)?;
    draw_header_row(pages);
    let opening = ["Balance brought forward".to_string()];
    draw_cells(
        pages,
        &Cells {
            date: short_date(&figures.brought_forward_on),
            description: &opening,
            debit: String::new(),
            credit: String::new(),
            balance: money(figures.brought_forward),
            bold: true,
        },
    );
    let mut balance = figures.brought_forward;
    for row in &figures.rows {
        let description = pages.wrap_at_most(
            row.description.trim(),
            CELL,
            DESCRIPTION_WIDTH_MM - PADDING_MM * 2.0,
            DESCRIPTION_LINES_MAX,
        );
        let height_mm = row_height_mm(description.len());
        // Room is kept below every row for the "carried forward" line.
        if !pages.fits(height_mm + one_line_mm) {
            carry_over(pages, header, balance)?;
        }
        draw_cells(
            pages,
            &Cells {
                date: short_date(&row.date),
                description: &description,
                debit: amount_or_blank(row.debit),
                credit: amount_or_blank(row.credit),
                balance: money(row.balance),
                bold: false,
            },
        );
        balance = row.balance;
    }
    let closing = ["Closing balance".to_string()];
    draw_cells(
        pages,
        &Cells {
            date: short_date(&figures.period_to),
            description: &closing,
            debit: money(schedule.debits_total()),
            credit: money(schedule.credits_total()),
            balance: money(figures.closing_balance),
            bold: true,
        },
    );
    pages.rule(MARGIN_LEFT_MM, CONTENT_RIGHT_MM, pages.cursor_mm, 0.8, 0.2);
    Ok(())
}

fn carry_over(
    pages: &mut Pages<'_>,
    header: &ClaimHeader,
    balance: Decimal,
) -> Result<(), DocumentError> {
    let carried = ["Balance carried forward".to_string()];
    draw_cells(
        pages,
        &Cells {
            date: String::new(),
            description: &carried,
            debit: String::new(),
            credit: String::new(),
            balance: money(balance),
            bold: true,
        },
    );
    pages.new_page()?;
    let continued = format!(
        "Schedule of rent arrears, payment reference {}, continued",
        header.payment_reference.trim()
    );
    pages.text(
        MARGIN_LEFT_MM,
        pages.cursor_mm + 3.0,
        &continued,
        crate::court::paper::LABEL,
    );
    pages.cursor_mm += 6.0;
    draw_header_row(pages);
    let brought = ["Balance brought forward".to_string()];
    draw_cells(
        pages,
        &Cells {
            date: String::new(),
            description: &brought,
            debit: String::new(),
            credit: String::new(),
            balance: money(balance),
            bold: true,
        },
    );
    Ok(())
}

fn amount_or_blank(amount: Decimal) -> String {
    if amount.is_zero() {
        String::new()
    } else {
        money(amount)
    }
}

fn short_date(date: &NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

fn header_height_mm() -> f32 {
    row_height_mm(1) + 1.0
}

fn draw_header_row(pages: &mut Pages<'_>) {
    let top_mm = pages.cursor_mm;
    pages.band(
        MARGIN_LEFT_MM,
        top_mm,
        CONTENT_WIDTH_MM,
        header_height_mm(),
        0.85,
    );
    let baseline_mm = top_mm + ROW_PADDING_MM + 0.5 + CELL_BOLD.size_pt * MM_PER_PT * 0.95;
    pages.text(MARGIN_LEFT_MM + PADDING_MM, baseline_mm, "Date", CELL_BOLD);
    let description_left_mm = MARGIN_LEFT_MM + DATE_WIDTH_MM + PADDING_MM;
    pages.text(description_left_mm, baseline_mm, "Description", CELL_BOLD);
    pages.text_right(DEBIT_RIGHT_MM, baseline_mm, "Debit (due)", CELL_BOLD);
    pages.text_right(CREDIT_RIGHT_MM, baseline_mm, "Credit (paid)", CELL_BOLD);
    pages.text_right(BALANCE_RIGHT_MM, baseline_mm, "Balance", CELL_BOLD);
    pages.cursor_mm = top_mm + header_height_mm();
}

fn draw_cells(pages: &mut Pages<'_>, cells: &Cells<'_>) {
    let style = if cells.bold { CELL_BOLD } else { CELL };
    let height_mm = row_height_mm(cells.description.len());
    let baseline_mm = pages.cursor_mm + ROW_PADDING_MM + style.size_pt * MM_PER_PT * 0.95;
    pages.text(MARGIN_LEFT_MM + PADDING_MM, baseline_mm, &cells.date, style);
    let description_left_mm = MARGIN_LEFT_MM + DATE_WIDTH_MM + PADDING_MM;
    for (index, line) in cells.description.iter().enumerate() {
        let line_baseline_mm = baseline_mm + style.line_height_mm() * index as f32;
        pages.text(description_left_mm, line_baseline_mm, line, style);
    }
    pages.text_right(DEBIT_RIGHT_MM, baseline_mm, &cells.debit, style);
    pages.text_right(CREDIT_RIGHT_MM, baseline_mm, &cells.credit, style);
    pages.text_right(BALANCE_RIGHT_MM, baseline_mm, &cells.balance, style);
    pages.rule(
        MARGIN_LEFT_MM,
        CONTENT_RIGHT_MM,
        pages.cursor_mm + height_mm,
        0.3,
        0.8,
    );
    pages.cursor_mm += height_mm;
}
