//! Any list the officer sees, as a spreadsheet: XLSX with proper types (money is a number
//! formatted as pounds, a date is a date, a percentage a percentage) or CSV.
//!
//! CSV has no types, so it is written the way a spreadsheet or a script reads it best: money as
//! plain pounds and pence ("1234.56"), dates as ISO ("2026-11-23"), percentages as the number
//! ("3.2"); text that a spreadsheet would run as a formula is defused with a leading quote.

use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::error::DocumentError;

/// One table: a sheet in a workbook, or one CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// At most 31 characters, none of `[]:*?/\` (Excel's rules).
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub title: String,
    /// Characters, roughly; the workbook's column width.
    pub width: u16,
}

impl Column {
    pub fn new(title: &str, width: u16) -> Column {
        Column {
            title: title.to_string(),
            width,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Money(Decimal),
    Date(NaiveDate),
    Count(i64),
    /// Any other figure ("5.1" weeks of arrears), as the number it is.
    Number(Decimal),
    /// A percentage as people write it (3.2 for 3.2%); `None` when there was nothing to divide.
    Percent(Option<Decimal>),
    Empty,
}

/// Sheet names as Excel allows them.
pub const SHEET_NAME_CHARS_MAX: usize = 31;
const SHEET_NAME_FORBIDDEN: [char; 7] = ['[', ']', ':', '*', '?', '/', '\\'];

/// Pounds, with negatives (credit) in brackets-free minus form, as on the statements.
const MONEY_FORMAT: &str = "£#,##0.00;-£#,##0.00";
const DATE_FORMAT: &str = "dd/mm/yyyy";
const PERCENT_FORMAT: &str = "0.0%";

/// The workbook, one sheet per table, header row bold and frozen with a filter on it.
pub fn xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, DocumentError> {
    let mut workbook = Workbook::new();
    for sheet in sheets {
        check_sheet(sheet)?;
        let worksheet = workbook.add_worksheet();
        write_sheet(worksheet, sheet).map_err(|error| xlsx_error(sheet, error))?;
    }
    workbook
        .save_to_buffer()
        .map_err(|error| DocumentError::Spreadsheet {
            problem: format!("the workbook could not be written: {error}"),
        })
}

fn write_sheet(worksheet: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    let header = Format::new().set_bold().set_background_color("#E8E8E8");
    let money_format = Format::new().set_num_format(MONEY_FORMAT);
    let date_format = Format::new()
        .set_num_format(DATE_FORMAT)
        .set_align(FormatAlign::Left);
    let percent_format = Format::new().set_num_format(PERCENT_FORMAT);
    worksheet.set_name(&sheet.name)?;
    for (index, column) in sheet.columns.iter().enumerate() {
        let column_index = column_index(index);
        worksheet.write_string_with_format(0, column_index, &column.title, &header)?;
        worksheet.set_column_width(column_index, f64::from(column.width))?;
    }
    for (row_index, row) in sheet.rows.iter().enumerate() {
        let row_number = u32::try_from(row_index + 1).unwrap_or(u32::MAX);
        for (index, cell) in row.iter().enumerate() {
            let column_index = column_index(index);
            match cell {
                Cell::Text(text) => {
                    worksheet.write_string(row_number, column_index, text)?;
                }
                Cell::Money(amount) => {
                    worksheet.write_number_with_format(
                        row_number,
                        column_index,
                        amount.to_f64().unwrap_or(0.0),
                        &money_format,
                    )?;
                }
                Cell::Date(day) => {
                    worksheet.write_datetime_with_format(
                        row_number,
                        column_index,
                        day,
                        &date_format,
                    )?;
                }
                Cell::Count(count) => {
                    // Counts of accounts and payments are far below 2^53: exact as a number.
                    worksheet.write_number(row_number, column_index, *count as f64)?;
                }
                Cell::Number(number) => {
                    worksheet.write_number(
                        row_number,
                        column_index,
                        number.to_f64().unwrap_or(0.0),
                    )?;
                }
                Cell::Percent(Some(percent)) => {
                    let fraction = (*percent / Decimal::ONE_HUNDRED).to_f64().unwrap_or(0.0);
                    worksheet.write_number_with_format(
                        row_number,
                        column_index,
                        fraction,
                        &percent_format,
                    )?;
                }
                Cell::Percent(None) | Cell::Empty => {}
            }
        }
    }
    if !sheet.columns.is_empty() {
        worksheet.set_freeze_panes(1, 0)?;
        let last_row = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
        worksheet.autofilter(0, 0, last_row, column_index(sheet.columns.len() - 1))?;
    }
    Ok(())
}

fn column_index(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

/// Refuses what Excel would refuse, before anything is written, with the reason in words.
fn check_sheet(sheet: &Sheet) -> Result<(), DocumentError> {
    let name_chars = sheet.name.chars().count();
    if name_chars == 0
        || name_chars > SHEET_NAME_CHARS_MAX
        || sheet.name.contains(SHEET_NAME_FORBIDDEN)
    {
        return Err(DocumentError::Spreadsheet {
            problem: format!(
                "the sheet name \"{}\" must be 1 to {SHEET_NAME_CHARS_MAX} characters without []:*?/\\",
                sheet.name
            ),
        });
    }
    if let Some(index) = sheet
        .rows
        .iter()
        .position(|row| row.len() > sheet.columns.len())
    {
        return Err(DocumentError::Spreadsheet {
            problem: format!(
                "row {} of \"{}\" has more cells than the sheet has columns",
                index + 1,
                sheet.name
            ),
        });
    }
    Ok(())
}

fn xlsx_error(sheet: &Sheet, error: XlsxError) -> DocumentError {
    DocumentError::Spreadsheet {
        problem: format!("the sheet \"{}\" could not be written: {error}", sheet.name),
    }
}

/// One table as CSV (RFC 4180: CRLF line ends, quotes doubled).
pub fn csv(sheet: &Sheet) -> String {
    let mut out = String::new();
    let header: Vec<String> = sheet
        .columns
        .iter()
        .map(|column| csv_cell(&column.title))
        .collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in &sheet.rows {
        let cells: Vec<String> = row.iter().map(csv_value).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_value(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => csv_cell(text),
        Cell::Money(amount) => format!("{:.2}", amount.round_dp(2)),
        Cell::Date(day) => day.format("%Y-%m-%d").to_string(),
        Cell::Count(count) => count.to_string(),
        Cell::Number(number) => number.normalize().to_string(),
        Cell::Percent(Some(percent)) => percent.to_string(),
        Cell::Percent(None) | Cell::Empty => String::new(),
    }
}

/// Quotes a cell when it must be, and defuses a leading formula character so a spreadsheet
/// never runs a tenant's words (a number such as "-12.50" is left alone).
pub fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) && text.parse::<Decimal>().is_err() {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}
