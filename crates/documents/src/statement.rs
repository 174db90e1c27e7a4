//! The rent statement: every entry in a date range with a running balance.
//!
//! The Pre-Action Protocol for possession claims expects rent statements at least quarterly,
//! and a possession claim needs a schedule with a running balance (DOMAIN.md, "Before going to
//! court", "Court paperwork"), so the figures here must add up by construction: the opening
//! balance is the sum of every entry posted before `from`, each line adds its entry, and the
//! closing balance is the sum of every entry posted up to `to`. `statement_lines` exposes the
//! figures so the CLI, the UI and the tests check the same numbers the PDF prints.

use chrono::NaiveDate;
use doorstep_domain::ledger::{Entry, EntryKind};
use doorstep_domain::money::format_money;
use doorstep_domain::tenancy::RentAccount;
use printpdf::PdfDocument;
use rust_decimal::Decimal;

use crate::error::{long_date, DocumentError};
use crate::fonts::Fonts;
use crate::landlord::{check_landlord, Landlord};
use crate::layout::{
    save, Chrome, Pages, TextStyle, CONTENT_RIGHT_MM, CONTENT_WIDTH_MM, MARGIN_LEFT_MM, PAGES_MAX,
};
use crate::merge::{address_lines, join_names};

/// Ten years and a little over (3,652 days plus leap days is 3,653; 3,660 leaves a week's
/// slack). The longest statement an officer needs is the two-year arrears schedule for a
/// possession claim (PD 55B); a tenancy history for a complaint may go back further. Past ten
/// years the range is far more likely a mistyped year (2062 for 2026) than a real request, and
/// the document stays bounded.
pub const STATEMENT_DAYS_MAX: i64 = 3_660;

/// Ten years of weekly rent, Housing Benefit and a payment each week is about 1,600 lines;
/// 4,000 leaves room for adjustments and reversals while keeping the PDF under `PAGES_MAX`.
pub const STATEMENT_LINES_MAX: usize = 4_000;

/// A description longer than this many lines is cut short with "…": the amounts, not the
/// words, are what the statement is for, and a bound on row height bounds the page count.
const DESCRIPTION_LINES_MAX: usize = 3;

/// Rows of the tallest kind (three description lines) that fit on one continuation page;
/// `tallest_rows_fit_the_promised_count` checks the layout keeps this promise.
pub(crate) const STATEMENT_ROWS_PER_PAGE_MIN: usize = 14;

// Every line at its tallest still fits in `PAGES_MAX` pages (the first page holds the header
// block and fewer rows, hence the extra page).
const _: () = assert!(STATEMENT_LINES_MAX.div_ceil(STATEMENT_ROWS_PER_PAGE_MIN) < PAGES_MAX);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    pub posted_on: NaiveDate,
    pub description: String,
    /// A positive entry: a charge, a refund, a returned payment. Shown without sign.
    pub debit: Option<Decimal>,
    /// A negative entry: a payment, a write-off. Shown without sign.
    pub credit: Option<Decimal>,
    pub balance_after: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Sum of every entry posted before `from`.
    pub opening_balance: Decimal,
    /// Entries with `from <= posted_on <= to`, in ledger order.
    pub lines: Vec<StatementLine>,
    /// Sum of every entry posted on or before `to`.
    pub closing_balance: Decimal,
}

impl Statement {
    pub fn debits_total(&self) -> Decimal {
        self.lines.iter().filter_map(|line| line.debit).sum()
    }

    pub fn credits_total(&self) -> Decimal {
        self.lines.iter().filter_map(|line| line.credit).sum()
    }
}

/// The statement's figures for `from..=to`. Refuses a reversed or over-long range, and a
/// range with more lines than one document holds.
pub fn statement_lines(
    account: &RentAccount,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Statement, DocumentError> {
    check_range(from, to)?;
    let entries = &account.entries;
    // Ledger order is kept, not re-sorted by date: re-sorting here would let the statement and
    // the account screen disagree about the same running balance.
    let opening_balance: Decimal = entries
        .iter()
        .filter(|entry| entry.posted_on < from)
        .map(|entry| entry.amount)
        .sum();
    let in_range: Vec<&Entry> = entries
        .iter()
        .filter(|entry| from <= entry.posted_on && entry.posted_on <= to)
        .collect();
    if in_range.len() > STATEMENT_LINES_MAX {
        return Err(DocumentError::StatementTooManyLines {
            lines: in_range.len(),
            lines_max: STATEMENT_LINES_MAX,
        });
    }
    let mut balance_after = opening_balance;
    let lines: Vec<StatementLine> = in_range
        .into_iter()
        .map(|entry| {
            balance_after += entry.amount;
            StatementLine {
                posted_on: entry.posted_on,
                description: describe(entry),
                debit: (entry.amount > Decimal::ZERO).then_some(entry.amount),
                credit: (entry.amount < Decimal::ZERO).then_some(-entry.amount),
                balance_after,
            }
        })
        .collect();
    let closing_balance: Decimal = entries
        .iter()
        .filter(|entry| entry.posted_on <= to)
        .map(|entry| entry.amount)
        .sum();
    // Entries before `from` and those in the range partition those up to `to`.
    assert_eq!(balance_after, closing_balance);
    Ok(Statement {
        from,
        to,
        opening_balance,
        lines,
        closing_balance,
    })
}

fn check_range(from: NaiveDate, to: NaiveDate) -> Result<(), DocumentError> {
    if from > to {
        return Err(DocumentError::StatementRangeReversed { from, to });
    }
    // Inclusive of both ends: 1 January to 1 January is one day.
    let days = (to - from).num_days() + 1;
    if days > STATEMENT_DAYS_MAX {
        return Err(DocumentError::StatementRangeTooLong {
            from,
            to,
            days,
            days_max: STATEMENT_DAYS_MAX,
        });
    }
    Ok(())
}

/// The entry's own description where it has one ("Rent for week commencing 6 January 2025"),
/// else the kind in words. A reversal says so first, so a returned Direct Debit is not read as
/// a second charge.
fn describe(entry: &Entry) -> String {
    let description = entry.description.trim();
    match (&entry.kind, description.is_empty()) {
        (EntryKind::Reversal { .. }, true) => "Reversal".to_string(),
        (EntryKind::Reversal { .. }, false) => format!("Reversal: {description}"),
        (kind, true) => kind.label(),
        (_, false) => description.to_string(),
    }
}

/// The statement as a PDF: landlord header, tenancy details, a summary, then the table with
/// "Balance brought forward", every line, and the closing balance.
pub fn rent_statement(
    account: &RentAccount,
    landlord: &Landlord,
    from: NaiveDate,
    to: NaiveDate,
    as_at: NaiveDate,
) -> Result<Vec<u8>, DocumentError> {
    check_landlord(landlord)?;
    let statement = statement_lines(account, from, to)?;
    let mut document = PdfDocument::new(&format!(
        "Rent statement {} ({} to {})",
        account.payment_reference.trim(),
        long_date(&from),
        long_date(&to)
    ));
    let fonts = Fonts::register(&mut document)?;
    let mut pages = Pages::new(&fonts);
    draw_heading(&mut pages, account, &statement);
    draw_table(&mut pages, account, &statement)?;
    draw_key(&mut pages, landlord)?;
    let chrome = Chrome {
        landlord,
        as_at,
        footer_title: format!(
            "Rent statement · payment reference {}",
            account.payment_reference.trim()
        ),
    };
    let pdf_pages = pages.finish(&chrome);
    Ok(save(document, pdf_pages, as_at))
}

const TITLE: TextStyle = TextStyle::bold(18.0);
const SUBTITLE: TextStyle = TextStyle::regular(11.0);
const LABEL: TextStyle = TextStyle::secondary(8.5);
const VALUE: TextStyle = TextStyle::regular(10.0);
const VALUE_BOLD: TextStyle = TextStyle::bold(10.0);
const CELL: TextStyle = TextStyle::regular(8.5);
const CELL_BOLD: TextStyle = TextStyle::bold(8.5);

const DETAILS_VALUE_X_MM: f32 = MARGIN_LEFT_MM + 32.0;
const DETAILS_VALUE_WIDTH_MM: f32 = 56.0;
const SUMMARY_LEFT_MM: f32 = 112.0;

fn draw_heading(pages: &mut Pages<'_>, account: &RentAccount, statement: &Statement) {
    let top_mm = pages.cursor_mm;
    pages.text(MARGIN_LEFT_MM, top_mm + 6.0, "Rent statement", TITLE);
    let period = format!(
        "{} to {}",
        long_date(&statement.from),
        long_date(&statement.to)
    );
    pages.text(MARGIN_LEFT_MM, top_mm + 13.0, &period, SUBTITLE);

    let tenants: Vec<&str> = account
        .people
        .iter()
        .filter(|person| person.role.is_tenant())
        .map(|person| person.full_name.trim())
        .filter(|name| !name.is_empty())
        .collect();
    let tenant_label = if tenants.len() > 1 {
        "Tenants"
    } else {
        "Tenant"
    };
    let tenant_value = if tenants.is_empty() {
        "Not recorded".to_string()
    } else {
        join_names(&tenants)
    };
    let address = address_lines(account).join("\n");
    let details = [
        (tenant_label, tenant_value),
        ("Address", address),
        (
            "Payment reference",
            account.payment_reference.trim().to_string(),
        ),
        (
            "Tenancy reference",
            account.tenancy_reference.trim().to_string(),
        ),
    ];
    let mut baseline_mm = top_mm + 23.0;
    for (label, value) in details {
        pages.text(MARGIN_LEFT_MM, baseline_mm, label, LABEL);
        let lines = pages.wrap(&value, VALUE, DETAILS_VALUE_WIDTH_MM);
        for line in lines.iter().take(DESCRIPTION_LINES_MAX + 2) {
            pages.text(DETAILS_VALUE_X_MM, baseline_mm, line, VALUE);
            baseline_mm += VALUE.line_height_mm();
        }
        baseline_mm += 1.2;
    }
    let details_bottom_mm = baseline_mm;

    let summary_bottom_mm = draw_summary(pages, statement, top_mm + 17.0);
    pages.cursor_mm = details_bottom_mm.max(summary_bottom_mm) + 6.0;
}

/// The four figures a tenant looks for first, in a shaded box on the right.
fn draw_summary(pages: &mut Pages<'_>, statement: &Statement, top_mm: f32) -> f32 {
    let row_mm = 6.2;
    let padding_mm = 3.0;
    let height_mm = padding_mm * 2.0 + row_mm * 4.0 + 1.5;
    let width_mm = CONTENT_RIGHT_MM - SUMMARY_LEFT_MM;
    pages.band(SUMMARY_LEFT_MM, top_mm, width_mm, height_mm, 0.94);
    let label_x_mm = SUMMARY_LEFT_MM + padding_mm;
    let value_right_mm = CONTENT_RIGHT_MM - padding_mm;
    let rows = [
        (
            "Brought forward".to_string(),
            format_money(statement.opening_balance),
        ),
        (
            "Charges".to_string(),
            format_money(statement.debits_total()),
        ),
        (
            "Payments and credits".to_string(),
            format_money(statement.credits_total()),
        ),
    ];
    let mut baseline_mm = top_mm + padding_mm + 4.2;
    for (label, value) in rows {
        pages.text(label_x_mm, baseline_mm, &label, VALUE);
        pages.text_right(value_right_mm, baseline_mm, &value, VALUE);
        baseline_mm += row_mm;
    }
    pages.rule(label_x_mm, value_right_mm, baseline_mm - 4.0, 0.6, 0.3);
    baseline_mm += 1.5;
    let closing_label = closing_label(statement.to, statement.closing_balance);
    pages.text(label_x_mm, baseline_mm, &closing_label, VALUE_BOLD);
    pages.text_right(
        value_right_mm,
        baseline_mm,
        &format_money(statement.closing_balance),
        VALUE_BOLD,
    );
    top_mm + height_mm
}

/// "Owed at 23 Nov 2026" or "In credit at …": says which way the balance goes in words, so a
/// tenant does not have to know the sign convention.
fn closing_label(to: NaiveDate, closing_balance: Decimal) -> String {
    let what = if closing_balance > Decimal::ZERO {
        "Owed at"
    } else if closing_balance < Decimal::ZERO {
        "In credit at"
    } else {
        "Balance at"
    };
    format!("{what} {}", short_date(&to))
}

fn short_date(date: &NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// Column edges, in mm from the left of the page. Text columns start at their left edge;
/// money columns end at their right edge so the pence line up.
const CELL_PADDING_MM: f32 = 1.5;
const DATE_LEFT_MM: f32 = MARGIN_LEFT_MM + CELL_PADDING_MM;
const DESCRIPTION_LEFT_MM: f32 = MARGIN_LEFT_MM + 23.5;
const DESCRIPTION_WIDTH_MM: f32 = 79.5;
const DEBIT_RIGHT_MM: f32 = 144.0;
const CREDIT_RIGHT_MM: f32 = 166.5;
const BALANCE_RIGHT_MM: f32 = CONTENT_RIGHT_MM - CELL_PADDING_MM;
const HEADER_ROW_MM: f32 = 7.0;
const ROW_PADDING_MM: f32 = 1.1;

// The widest amount, "-£99,999.99" at 8.5 pt, is about 19 mm; each money column keeps that.
const _: () = assert!(DESCRIPTION_LEFT_MM + DESCRIPTION_WIDTH_MM + 19.0 <= DEBIT_RIGHT_MM);
const _: () = assert!(DEBIT_RIGHT_MM + 21.0 <= CREDIT_RIGHT_MM);
const _: () = assert!(CREDIT_RIGHT_MM + 21.0 <= BALANCE_RIGHT_MM);

/// One table row as drawn: description already wrapped.
struct Row {
    date: String,
    description: Vec<String>,
    debit: String,
    credit: String,
    balance: String,
    bold: bool,
}

fn draw_table(
    pages: &mut Pages<'_>,
    account: &RentAccount,
    statement: &Statement,
) -> Result<(), DocumentError> {
    draw_table_header(pages);
    let opening = Row {
        date: short_date(&statement.from),
        description: vec!["Balance brought forward".to_string()],
        debit: String::new(),
        credit: String::new(),
        balance: format_money(statement.opening_balance),
        bold: false,
    };
    draw_row(pages, account, &opening, 0)?;
    for (index, line) in statement.lines.iter().enumerate() {
        let row = Row {
            date: short_date(&line.posted_on),
            description: wrap_description(pages, &line.description),
            debit: line.debit.map(format_money).unwrap_or_default(),
            credit: line.credit.map(format_money).unwrap_or_default(),
            balance: format_money(line.balance_after),
            bold: false,
        };
        draw_row(pages, account, &row, index + 1)?;
    }
    let closing = Row {
        date: short_date(&statement.to),
        description: vec!["Closing balance".to_string()],
        debit: String::new(),
        credit: String::new(),
        balance: format_money(statement.closing_balance),
        bold: true,
    };
    let height_mm = row_height_mm(&closing);
    if pages.ensure_room(height_mm + 1.0)? {
        draw_continuation(pages, account);
    }
    pages.rule(MARGIN_LEFT_MM, CONTENT_RIGHT_MM, pages.cursor_mm, 0.8, 0.2);
    pages.cursor_mm += 0.5;
    draw_cells(pages, &closing);
    pages.rule(MARGIN_LEFT_MM, CONTENT_RIGHT_MM, pages.cursor_mm, 0.8, 0.2);
    Ok(())
}

fn wrap_description(pages: &Pages<'_>, description: &str) -> Vec<String> {
    let mut lines = pages.wrap(description, CELL, DESCRIPTION_WIDTH_MM);
    if lines.len() > DESCRIPTION_LINES_MAX {
        lines.truncate(DESCRIPTION_LINES_MAX);
        if let Some(last) = lines.last_mut() {
            // Make room for the ellipsis without crossing into the debit column.
            while !last.is_empty()
                && pages.text_width_mm(&format!("{last}…"), CELL) > DESCRIPTION_WIDTH_MM
            {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

fn row_height_mm(row: &Row) -> f32 {
    row.description.len().max(1) as f32 * CELL.line_height_mm() + ROW_PADDING_MM * 2.0
}

fn draw_row(
    pages: &mut Pages<'_>,
    account: &RentAccount,
    row: &Row,
    index: usize,
) -> Result<(), DocumentError> {
    let height_mm = row_height_mm(row);
    if pages.ensure_room(height_mm)? {
        draw_continuation(pages, account);
    }
    // Every other row is shaded so the eye can follow a line across to its balance.
    if index % 2 == 1 {
        pages.band(
            MARGIN_LEFT_MM,
            pages.cursor_mm,
            CONTENT_WIDTH_MM,
            height_mm,
            0.96,
        );
    }
    draw_cells(pages, row);
    Ok(())
}

fn draw_cells(pages: &mut Pages<'_>, row: &Row) {
    let style = if row.bold { CELL_BOLD } else { CELL };
    let height_mm = row_height_mm(row);
    // The baseline sits about three quarters of the text size below the top of the line.
    let first_baseline_mm =
        pages.cursor_mm + ROW_PADDING_MM + style.size_pt * crate::fonts::MM_PER_PT * 0.95;
    pages.text(DATE_LEFT_MM, first_baseline_mm, &row.date, style);
    for (line_index, line) in row.description.iter().enumerate() {
        let baseline_mm = first_baseline_mm + CELL.line_height_mm() * line_index as f32;
        pages.text(DESCRIPTION_LEFT_MM, baseline_mm, line, style);
    }
    pages.text_right(DEBIT_RIGHT_MM, first_baseline_mm, &row.debit, style);
    pages.text_right(CREDIT_RIGHT_MM, first_baseline_mm, &row.credit, style);
    pages.text_right(BALANCE_RIGHT_MM, first_baseline_mm, &row.balance, style);
    pages.cursor_mm += height_mm;
}

fn draw_table_header(pages: &mut Pages<'_>) {
    let top_mm = pages.cursor_mm;
    pages.band(
        MARGIN_LEFT_MM,
        top_mm,
        CONTENT_WIDTH_MM,
        HEADER_ROW_MM,
        0.85,
    );
    let baseline_mm = top_mm + 4.8;
    pages.text(DATE_LEFT_MM, baseline_mm, "Date", CELL_BOLD);
    pages.text(DESCRIPTION_LEFT_MM, baseline_mm, "Description", CELL_BOLD);
    pages.text_right(DEBIT_RIGHT_MM, baseline_mm, "Debit", CELL_BOLD);
    pages.text_right(CREDIT_RIGHT_MM, baseline_mm, "Credit", CELL_BOLD);
    pages.text_right(BALANCE_RIGHT_MM, baseline_mm, "Balance", CELL_BOLD);
    pages.cursor_mm = top_mm + HEADER_ROW_MM;
}

/// A continuation page says whose statement it is, then repeats the column headings.
fn draw_continuation(pages: &mut Pages<'_>, account: &RentAccount) {
    let line = format!(
        "Rent statement for payment reference {}, continued",
        account.payment_reference.trim()
    );
    pages.text(MARGIN_LEFT_MM, pages.cursor_mm + 3.0, &line, LABEL);
    pages.cursor_mm += 6.0;
    draw_table_header(pages);
}

/// How to read the statement, and who to call: a statement that only lists numbers invites a
/// worried tenant to ignore it.
fn draw_key(pages: &mut Pages<'_>, landlord: &Landlord) -> Result<(), DocumentError> {
    let note = format!(
        "Debits are rent and other charges added to your account; credits are payments and other \
         amounts taken off. A balance above zero is owed to {}; a balance with a minus sign means \
         the account is in credit. If you think anything on this statement is wrong, or you are \
         finding it hard to pay, please call us on {}. We can help.",
        landlord.name.trim(),
        landlord.phone.trim()
    );
    let style = TextStyle::secondary(8.5);
    let lines = pages.wrap(&note, style, CONTENT_WIDTH_MM);
    let height_mm = 5.0 + lines.len() as f32 * style.line_height_mm();
    pages.ensure_room(height_mm)?;
    let mut baseline_mm = pages.cursor_mm + 7.0;
    for line in &lines {
        pages.text(MARGIN_LEFT_MM, baseline_mm, line, style);
        baseline_mm += style.line_height_mm();
    }
    pages.cursor_mm = baseline_mm;
    Ok(())
}
