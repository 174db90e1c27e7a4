//! The visit run sheet: the officer's day of home visits on paper, for the clipboard.
//!
//! One row per visit, in visiting order: the time, who and where, what is owed and what the
//! worklist says to do, and a box for the officer's pen. Safety warnings ("Do not visit
//! alone") are printed in full, in bold on a shaded band, and are never shortened: a cut
//! warning is worse than a refused sheet, so an over-long warning refuses the sheet instead.
//! Every page ends with the lone-working reminder, because the sheet is what the officer has
//! in hand at the door.
//!
//! Portrait A4, like every other document here: it sits on a clipboard the right way up, and
//! seven narrow columns read better than a landscape table held sideways in the rain.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use doorstep_domain::money::format_money;
use printpdf::PdfDocument;
use rust_decimal::Decimal;

use crate::error::{long_date, long_date_time, DocumentError};
use crate::fonts::{Fonts, MM_PER_PT};
use crate::landlord::{check_landlord, Landlord};
use crate::layout::{
    save, Chrome, Pages, TextStyle, BODY_BOTTOM_MM, BODY_TOP_MM, CONTENT_RIGHT_MM,
    CONTENT_WIDTH_MM, MARGIN_LEFT_MM, PAGES_MAX,
};

/// An officer makes eight to twenty visits on a full day; 40 leaves room for a day of quick
/// "card through the door" calls. More is almost certainly a whole patch selected by mistake.
pub const RUN_SHEET_STOPS_MAX: usize = 40;

/// Warnings on one visit. Beyond six the sheet stops being read; the office should merge them.
pub const RUN_SHEET_STOP_WARNINGS_MAX: usize = 6;

/// One warning, in characters: two lines on the sheet. Warnings are never cut short.
pub const RUN_SHEET_WARNING_CHARS_MAX: usize = 160;

/// Any other text on a visit, in characters. Longer notes are printed cut short with "…"; this
/// bound only keeps a runaway input (a pasted letter) from being wrapped at all.
pub const RUN_SHEET_TEXT_CHARS_MAX: usize = 1_000;

/// One visit's planned length: a working day. Longer is a typing slip (minutes for hours).
pub const RUN_SHEET_VISIT_MINUTES_MAX: u32 = 8 * 60;

/// Address lines on one visit, before the postcode.
pub const RUN_SHEET_ADDRESS_LINES_MAX: usize = 6;

/// The officer's day. Plain data: the application core fills it from the worklist and the
/// officer's diary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSheet {
    pub officer_name: String,
    pub visit_date: NaiveDate,
    /// Printed in `order` order, whatever order they are given in.
    pub stops: Vec<RunSheetStop>,
    /// When the sheet was made, with the laptop's UTC offset at the time; the balances are as
    /// at this moment, and the footer says so.
    pub prepared_at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSheetStop {
    /// The stop's number on the sheet, from 1; unique within the sheet.
    pub order: u32,
    /// `None` for a visit with no appointment ("any time").
    pub appointment_time: Option<NaiveTime>,
    pub duration_minutes: u32,
    pub payment_reference: String,
    pub tenant_names: String,
    pub address_lines: Vec<String>,
    pub postcode: String,
    pub balance: Decimal,
    /// Already worded: "6.2 weeks".
    pub arrears_weeks_text: String,
    /// The worklist action's label: "Letter 2", "Arrangement broken".
    pub next_action: String,
    /// Safety warnings, each printed in full: "Do not visit alone", "Dog at property".
    pub warnings: Vec<String>,
    pub notes: String,
}

/// The run sheet as a PDF. Refuses an empty sheet, more than `RUN_SHEET_STOPS_MAX` visits, and
/// a visit that cannot be printed whole (see `RunSheetStopInvalid`).
pub fn run_sheet_pdf(landlord: &Landlord, sheet: &RunSheet) -> Result<Vec<u8>, DocumentError> {
    check_landlord(landlord)?;
    let stops = stops_in_order(sheet)?;
    let mut document = PdfDocument::new(&format!(
        "Visit run sheet {} {}",
        sheet.officer_name.trim(),
        long_date(&sheet.visit_date)
    ));
    let fonts = Fonts::register(&mut document)?;
    let mut pages = Pages::new(&fonts);
    draw_reminder(&mut pages);
    draw_heading(&mut pages, sheet, &stops);
    draw_table_header(&mut pages);
    for (index, stop) in stops.iter().enumerate() {
        draw_stop(&mut pages, sheet, stop, index)?;
    }
    let as_at = sheet.prepared_at.date_naive();
    let chrome = Chrome {
        landlord,
        as_at,
        footer_title: pages.fit_footer_title(&format!(
            "Visit run sheet · {} · {}",
            sheet.officer_name.trim(),
            short_date(&sheet.visit_date)
        )),
    };
    let pdf_pages = pages.finish(&chrome);
    Ok(save(document, pdf_pages, as_at))
}

/// The stops sorted by their number, each checked; the sheet as a whole checked first.
fn stops_in_order(sheet: &RunSheet) -> Result<Vec<&RunSheetStop>, DocumentError> {
    if sheet.stops.is_empty() {
        return Err(DocumentError::RunSheetEmpty {
            visit_date: sheet.visit_date,
        });
    }
    if sheet.stops.len() > RUN_SHEET_STOPS_MAX {
        return Err(DocumentError::RunSheetTooManyStops {
            stops: sheet.stops.len(),
            stops_max: RUN_SHEET_STOPS_MAX,
        });
    }
    // The sheet is the officer's record of where they were; it is never anonymous.
    let officer_chars = sheet.officer_name.trim().chars().count();
    if officer_chars == 0 {
        return Err(DocumentError::RunSheetOfficerNameInvalid {
            problem: "the officer's name is missing".to_string(),
        });
    }
    if officer_chars > RUN_SHEET_TEXT_CHARS_MAX {
        return Err(DocumentError::RunSheetOfficerNameInvalid {
            problem: format!(
                "the officer's name is {officer_chars} characters long and at most \
                 {RUN_SHEET_TEXT_CHARS_MAX} are accepted"
            ),
        });
    }
    let mut stops: Vec<&RunSheetStop> = sheet.stops.iter().collect();
    stops.sort_by_key(|stop| stop.order);
    for (index, stop) in stops.iter().enumerate() {
        check_stop(stop)?;
        if index > 0 && stops[index - 1].order == stop.order {
            return Err(invalid_stop(
                stop,
                "another visit has the same number; number the visits again",
            ));
        }
    }
    Ok(stops)
}

fn invalid_stop(stop: &RunSheetStop, problem: &str) -> DocumentError {
    DocumentError::RunSheetStopInvalid {
        order: stop.order,
        problem: problem.to_string(),
    }
}

fn check_stop(stop: &RunSheetStop) -> Result<(), DocumentError> {
    // The number is printed in a narrow column and is how the officer finds the row.
    if stop.order == 0 || stop.order as usize > RUN_SHEET_STOPS_MAX {
        return Err(invalid_stop(
            stop,
            &format!("visits are numbered from 1 to {RUN_SHEET_STOPS_MAX}"),
        ));
    }
    if stop.duration_minutes > RUN_SHEET_VISIT_MINUTES_MAX {
        return Err(invalid_stop(
            stop,
            &format!(
                "it is planned to last {}, longer than a working day of {}",
                duration_text(u64::from(stop.duration_minutes)),
                duration_text(u64::from(RUN_SHEET_VISIT_MINUTES_MAX))
            ),
        ));
    }
    if stop.payment_reference.trim().is_empty() {
        return Err(invalid_stop(stop, "it has no payment reference"));
    }
    let address_given = stop
        .address_lines
        .iter()
        .any(|line| !line.trim().is_empty());
    if !address_given && stop.postcode.trim().is_empty() {
        return Err(invalid_stop(stop, "it has no address"));
    }
    if stop.address_lines.len() > RUN_SHEET_ADDRESS_LINES_MAX {
        return Err(invalid_stop(
            stop,
            &format!(
                "its address has {} lines and at most {RUN_SHEET_ADDRESS_LINES_MAX} fit",
                stop.address_lines.len()
            ),
        ));
    }
    if stop.warnings.len() > RUN_SHEET_STOP_WARNINGS_MAX {
        return Err(invalid_stop(
            stop,
            &format!(
                "it has {} warnings and at most {RUN_SHEET_STOP_WARNINGS_MAX} fit; ask the office \
                 to combine them",
                stop.warnings.len()
            ),
        ));
    }
    for warning in &stop.warnings {
        let chars = warning.trim().chars().count();
        if chars > RUN_SHEET_WARNING_CHARS_MAX {
            return Err(invalid_stop(
                stop,
                &format!(
                    "a warning is {chars} characters long and at most \
                     {RUN_SHEET_WARNING_CHARS_MAX} fit; warnings are never cut short"
                ),
            ));
        }
    }
    let texts = [
        ("payment reference", stop.payment_reference.as_str()),
        ("tenant's name", stop.tenant_names.as_str()),
        ("postcode", stop.postcode.as_str()),
        ("arrears in weeks", stop.arrears_weeks_text.as_str()),
        ("next action", stop.next_action.as_str()),
        ("notes", stop.notes.as_str()),
    ];
    let address = stop
        .address_lines
        .iter()
        .map(|line| ("address", line.as_str()));
    for (what, text) in texts.into_iter().chain(address) {
        let chars = text.chars().count();
        if chars > RUN_SHEET_TEXT_CHARS_MAX {
            return Err(invalid_stop(
                stop,
                &format!(
                    "the {what} is {chars} characters long and at most \
                     {RUN_SHEET_TEXT_CHARS_MAX} are accepted"
                ),
            ));
        }
    }
    Ok(())
}

const TITLE: TextStyle = TextStyle::bold(16.0);
const SUBTITLE: TextStyle = TextStyle::regular(10.5);
const LABEL: TextStyle = TextStyle::secondary(8.5);
const CELL: TextStyle = TextStyle::regular(8.5);
const CELL_BOLD: TextStyle = TextStyle::bold(8.5);
const CELL_SECONDARY: TextStyle = TextStyle::secondary(8.0);
const NUMBER: TextStyle = TextStyle::bold(11.0);
const WARNING: TextStyle = TextStyle::bold(9.0);
const NOTES: TextStyle = TextStyle::regular(8.0);
const TICK_LABEL: TextStyle = TextStyle::secondary(7.5);

/// Column edges, in mm from the left of the page; text columns start at their left edge and
/// the balance ends at its right edge so the pence line up.
const CELL_PADDING_MM: f32 = 1.5;
const NUMBER_LEFT_MM: f32 = MARGIN_LEFT_MM + CELL_PADDING_MM;
const TIME_LEFT_MM: f32 = MARGIN_LEFT_MM + 9.0;
const REFERENCE_LEFT_MM: f32 = MARGIN_LEFT_MM + 21.0;
const REFERENCE_WIDTH_MM: f32 = 34.0;
const ADDRESS_LEFT_MM: f32 = REFERENCE_LEFT_MM + REFERENCE_WIDTH_MM + 2.0;
const ADDRESS_WIDTH_MM: f32 = 38.0;
/// The widest balance, "-£99,999.99" at 8.5 pt bold, is about 19 mm; 3 mm more keeps it clear
/// of the address.
const BALANCE_WIDTH_MM: f32 = 22.0;
const BALANCE_RIGHT_MM: f32 = ADDRESS_LEFT_MM + ADDRESS_WIDTH_MM + BALANCE_WIDTH_MM;
const ACTION_LEFT_MM: f32 = BALANCE_RIGHT_MM + 3.0;
const OUTCOME_LEFT_MM: f32 = CONTENT_RIGHT_MM - OUTCOME_WIDTH_MM;
const OUTCOME_WIDTH_MM: f32 = 27.0;
const ACTION_WIDTH_MM: f32 = OUTCOME_LEFT_MM - 2.0 - ACTION_LEFT_MM;
/// Warnings and notes run under the reference, address, balance and action columns.
const WIDE_LEFT_MM: f32 = REFERENCE_LEFT_MM;
const WIDE_WIDTH_MM: f32 = ACTION_LEFT_MM + ACTION_WIDTH_MM - WIDE_LEFT_MM;

const _: () = assert!(ACTION_WIDTH_MM >= 20.0);

const HEADER_ROW_MM: f32 = 7.0;
const ROW_PADDING_MM: f32 = 2.0;
/// Room in the outcome box for two tick boxes and a few handwritten words.
const ROW_HEIGHT_MIN_MM: f32 = 20.0;
const TENANT_LINES_MAX: usize = 3;
const ADDRESS_WRAPPED_LINES_MAX: usize = 6;
const ACTION_LINES_MAX: usize = 4;
const NOTES_LINES_MAX: usize = 3;
/// A warning of `RUN_SHEET_WARNING_CHARS_MAX` wraps to at most this many lines.
const WARNING_LINES_MAX: usize = 3;

/// The lone-working reminder's band at the foot of every page, and the body's floor above it.
const REMINDER_HEIGHT_MM: f32 = 7.0;
const REMINDER_TOP_MM: f32 = BODY_BOTTOM_MM - REMINDER_HEIGHT_MM;
const TABLE_BOTTOM_MM: f32 = REMINDER_TOP_MM - 2.0;

/// The tallest visit row the limits allow, and so the fewest rows on a continuation page.
const ROW_HEIGHT_MAX_MM: f32 = ROW_PADDING_MM * 2.0
    + 7.0 * 4.05 // the address column: six wrapped lines and the postcode, at 8.5 pt
    + 1.5
    + (RUN_SHEET_STOP_WARNINGS_MAX * WARNING_LINES_MAX) as f32 * 4.3 // 9 pt bold lines
    + 2.5
    + NOTES_LINES_MAX as f32 * 3.81; // 8 pt lines
const CONTINUATION_TABLE_MM: f32 = TABLE_BOTTOM_MM - BODY_TOP_MM - 6.0 - HEADER_ROW_MM;
pub(crate) const RUN_SHEET_ROWS_PER_PAGE_MIN: usize =
    (CONTINUATION_TABLE_MM / ROW_HEIGHT_MAX_MM) as usize;
const _: () = assert!(RUN_SHEET_ROWS_PER_PAGE_MIN >= 1);
// Every visit at its tallest still fits in `PAGES_MAX` pages (plus the first page's heading).
const _: () = assert!(RUN_SHEET_STOPS_MAX.div_ceil(RUN_SHEET_ROWS_PER_PAGE_MIN) < PAGES_MAX);

fn short_date(date: &NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

/// "1 h 30 min", "45 min".
fn duration_text(minutes: u64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, minutes) => format!("{minutes} min"),
        (hours, 0) => format!("{hours} h"),
        (hours, minutes) => format!("{hours} h {minutes} min"),
    }
}

fn draw_heading(pages: &mut Pages<'_>, sheet: &RunSheet, stops: &[&RunSheetStop]) {
    let top_mm = pages.cursor_mm;
    let title = format!("Visit run sheet — {}", long_date(&sheet.visit_date));
    pages.text(MARGIN_LEFT_MM, top_mm + 6.0, &title, TITLE);
    let officer = format!("Officer: {}", sheet.officer_name.trim());
    let officer_lines = pages.wrap_at_most(&officer, SUBTITLE, CONTENT_WIDTH_MM, 2);
    let mut baseline_mm = top_mm + 12.5;
    for line in &officer_lines {
        pages.text(MARGIN_LEFT_MM, baseline_mm, line, SUBTITLE);
        baseline_mm += SUBTITLE.line_height_mm();
    }
    let minutes_total: u64 = stops
        .iter()
        .map(|stop| u64::from(stop.duration_minutes))
        .sum();
    let visits = if stops.len() == 1 { "visit" } else { "visits" };
    let summary = format!(
        "{} {visits}, {} planned. Balances as at {}.",
        stops.len(),
        duration_text(minutes_total),
        long_date_time(&sheet.prepared_at)
    );
    pages.text(MARGIN_LEFT_MM, baseline_mm, &summary, LABEL);
    pages.cursor_mm = baseline_mm + 4.0;
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
    pages.text(NUMBER_LEFT_MM, baseline_mm, "No.", CELL_BOLD);
    pages.text(TIME_LEFT_MM, baseline_mm, "Time", CELL_BOLD);
    pages.text(
        REFERENCE_LEFT_MM,
        baseline_mm,
        "Reference, tenant",
        CELL_BOLD,
    );
    pages.text(ADDRESS_LEFT_MM, baseline_mm, "Address", CELL_BOLD);
    pages.text_right(BALANCE_RIGHT_MM, baseline_mm, "Balance", CELL_BOLD);
    pages.text(ACTION_LEFT_MM, baseline_mm, "Action", CELL_BOLD);
    pages.text(OUTCOME_LEFT_MM + 1.5, baseline_mm, "Outcome", CELL_BOLD);
    pages.cursor_mm = top_mm + HEADER_ROW_MM;
}

/// A new page: the reminder at its foot, then whose sheet it is and the column headings.
fn draw_continuation(pages: &mut Pages<'_>, sheet: &RunSheet) {
    draw_reminder(pages);
    let line = format!(
        "Visit run sheet for {}, {}, continued",
        sheet.officer_name.trim(),
        long_date(&sheet.visit_date)
    );
    let line = pages
        .wrap_at_most(&line, LABEL, CONTENT_WIDTH_MM, 1)
        .remove(0);
    pages.text(MARGIN_LEFT_MM, pages.cursor_mm + 3.0, &line, LABEL);
    pages.cursor_mm += 6.0;
    draw_table_header(pages);
}

/// At the foot of the page being filled, whatever the cursor: the rows stop above it.
fn draw_reminder(pages: &mut Pages<'_>) {
    pages.band(
        MARGIN_LEFT_MM,
        REMINDER_TOP_MM,
        CONTENT_WIDTH_MM,
        REMINDER_HEIGHT_MM,
        0.88,
    );
    let baseline_mm = REMINDER_TOP_MM + 4.8;
    let label = "LONE WORKING";
    pages.text(NUMBER_LEFT_MM, baseline_mm, label, CELL_BOLD);
    let x_mm = NUMBER_LEFT_MM + pages.text_width_mm(label, CELL_BOLD) + 3.0;
    pages.text(
        x_mm,
        baseline_mm,
        "Check in on arrival; check out when you leave.",
        CELL_BOLD,
    );
}

/// One visit's row, laid out before it is drawn so its height is known.
struct StopRow {
    number: String,
    time: String,
    duration: String,
    reference: String,
    tenant: Vec<String>,
    address: Vec<String>,
    postcode: String,
    balance: String,
    arrears: String,
    action: Vec<String>,
    warnings: Vec<String>,
    notes: Vec<String>,
}

impl StopRow {
    fn lay_out(pages: &Pages<'_>, stop: &RunSheetStop) -> Result<StopRow, DocumentError> {
        let address_text = stop
            .address_lines
            .iter()
            .map(|line| line.trim())
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        let address = if address_text.is_empty() {
            Vec::new()
        } else {
            pages.wrap_at_most(
                &address_text,
                CELL,
                ADDRESS_WIDTH_MM,
                ADDRESS_WRAPPED_LINES_MAX,
            )
        };
        let mut warnings = Vec::new();
        for warning in &stop.warnings {
            // One paragraph however it was typed: a line break must not add lines unseen.
            let warning = warning.split_whitespace().collect::<Vec<_>>().join(" ");
            if warning.is_empty() {
                continue;
            }
            let lines = pages.wrap(&format!("WARNING: {warning}"), WARNING, WIDE_WIDTH_MM);
            // `RUN_SHEET_WARNING_CHARS_MAX` ordinary characters wrap to fewer lines than
            // this; only very wide letters can reach it, and a warning is never cut short.
            if lines.len() > WARNING_LINES_MAX {
                return Err(invalid_stop(
                    stop,
                    "a warning is too long to print whole; ask the office to shorten it",
                ));
            }
            warnings.extend(lines);
        }
        let notes_text = stop.notes.trim();
        let notes = if notes_text.is_empty() {
            Vec::new()
        } else {
            pages.wrap_at_most(
                &format!("Notes: {notes_text}"),
                NOTES,
                WIDE_WIDTH_MM,
                NOTES_LINES_MAX,
            )
        };
        Ok(StopRow {
            number: stop.order.to_string(),
            time: stop
                .appointment_time
                .map(|time| time.format("%H:%M").to_string())
                .unwrap_or_else(|| "Any".to_string()),
            duration: duration_text(u64::from(stop.duration_minutes)),
            reference: pages
                .wrap_at_most(
                    stop.payment_reference.trim(),
                    CELL_BOLD,
                    REFERENCE_WIDTH_MM,
                    1,
                )
                .remove(0),
            tenant: pages.wrap_at_most(
                stop.tenant_names.trim(),
                CELL,
                REFERENCE_WIDTH_MM,
                TENANT_LINES_MAX,
            ),
            address,
            postcode: pages
                .wrap_at_most(stop.postcode.trim(), CELL_BOLD, ADDRESS_WIDTH_MM, 1)
                .remove(0),
            balance: format_money(stop.balance),
            arrears: pages
                .wrap_at_most(
                    stop.arrears_weeks_text.trim(),
                    CELL_SECONDARY,
                    BALANCE_RIGHT_MM - ADDRESS_LEFT_MM - ADDRESS_WIDTH_MM - 1.0,
                    1,
                )
                .remove(0),
            action: pages.wrap_at_most(
                stop.next_action.trim(),
                CELL,
                ACTION_WIDTH_MM,
                ACTION_LINES_MAX,
            ),
            warnings,
            notes,
        })
    }

    fn main_lines_count(&self) -> usize {
        let reference_lines = 1 + self.tenant.len();
        let address_lines = self.address.len() + 1;
        reference_lines
            .max(address_lines)
            .max(self.action.len())
            .max(2)
    }

    fn warnings_height_mm(&self) -> f32 {
        if self.warnings.is_empty() {
            return 0.0;
        }
        1.5 + self.warnings.len() as f32 * WARNING.line_height_mm() + 1.0
    }

    fn notes_height_mm(&self) -> f32 {
        if self.notes.is_empty() {
            return 0.0;
        }
        1.5 + self.notes.len() as f32 * NOTES.line_height_mm()
    }

    fn height_mm(&self) -> f32 {
        let content_mm = ROW_PADDING_MM * 2.0
            + self.main_lines_count() as f32 * CELL.line_height_mm()
            + self.warnings_height_mm()
            + self.notes_height_mm();
        content_mm.max(ROW_HEIGHT_MIN_MM)
    }
}

fn draw_stop(
    pages: &mut Pages<'_>,
    sheet: &RunSheet,
    stop: &RunSheetStop,
    index: usize,
) -> Result<(), DocumentError> {
    let row = StopRow::lay_out(pages, stop)?;
    let height_mm = row.height_mm();
    assert!(height_mm <= ROW_HEIGHT_MAX_MM, "row of {height_mm} mm");
    // A visit is never split across pages: the officer reads it at the door as one.
    if pages.cursor_mm + height_mm > TABLE_BOTTOM_MM {
        pages.new_page()?;
        draw_continuation(pages, sheet);
    }
    let top_mm = pages.cursor_mm;
    if index % 2 == 1 {
        pages.band(
            MARGIN_LEFT_MM,
            top_mm,
            OUTCOME_LEFT_MM - 1.0 - MARGIN_LEFT_MM,
            height_mm,
            0.96,
        );
    }
    let first_baseline_mm = top_mm + ROW_PADDING_MM + CELL.size_pt * MM_PER_PT * 0.95;
    let main_bottom_mm =
        top_mm + ROW_PADDING_MM + row.main_lines_count() as f32 * CELL.line_height_mm();
    draw_main_cells(pages, &row, first_baseline_mm);
    let mut cursor_mm = main_bottom_mm;
    if !row.warnings.is_empty() {
        cursor_mm += 1.5;
        let band_height_mm = row.warnings_height_mm() - 1.5;
        pages.band(
            WIDE_LEFT_MM - 1.0,
            cursor_mm - 0.5,
            WIDE_WIDTH_MM + 2.0,
            band_height_mm,
            0.82,
        );
        for line in &row.warnings {
            let baseline_mm = cursor_mm + WARNING.size_pt * MM_PER_PT;
            pages.text(WIDE_LEFT_MM, baseline_mm, line, WARNING);
            cursor_mm += WARNING.line_height_mm();
        }
        cursor_mm += 1.0;
    }
    if !row.notes.is_empty() {
        cursor_mm += 1.5;
        for line in &row.notes {
            let baseline_mm = cursor_mm + NOTES.size_pt * MM_PER_PT;
            pages.text(WIDE_LEFT_MM, baseline_mm, line, NOTES);
            cursor_mm += NOTES.line_height_mm();
        }
    }
    draw_outcome_box(pages, top_mm, height_mm);
    pages.cursor_mm = top_mm + height_mm;
    pages.rule(MARGIN_LEFT_MM, CONTENT_RIGHT_MM, pages.cursor_mm, 0.4, 0.6);
    Ok(())
}

fn draw_main_cells(pages: &mut Pages<'_>, row: &StopRow, first_baseline_mm: f32) {
    let line_mm = CELL.line_height_mm();
    pages.text(NUMBER_LEFT_MM, first_baseline_mm + 0.8, &row.number, NUMBER);
    pages.text(TIME_LEFT_MM, first_baseline_mm, &row.time, CELL_BOLD);
    pages.text(
        TIME_LEFT_MM,
        first_baseline_mm + line_mm,
        &row.duration,
        CELL_SECONDARY,
    );
    pages.text(
        REFERENCE_LEFT_MM,
        first_baseline_mm,
        &row.reference,
        CELL_BOLD,
    );
    for (index, line) in row.tenant.iter().enumerate() {
        let baseline_mm = first_baseline_mm + line_mm * (index + 1) as f32;
        pages.text(REFERENCE_LEFT_MM, baseline_mm, line, CELL);
    }
    for (index, line) in row.address.iter().enumerate() {
        let baseline_mm = first_baseline_mm + line_mm * index as f32;
        pages.text(ADDRESS_LEFT_MM, baseline_mm, line, CELL);
    }
    let postcode_baseline_mm = first_baseline_mm + line_mm * row.address.len() as f32;
    pages.text(
        ADDRESS_LEFT_MM,
        postcode_baseline_mm,
        &row.postcode,
        CELL_BOLD,
    );
    pages.text_right(BALANCE_RIGHT_MM, first_baseline_mm, &row.balance, CELL_BOLD);
    pages.text_right(
        BALANCE_RIGHT_MM,
        first_baseline_mm + line_mm,
        &row.arrears,
        CELL_SECONDARY,
    );
    for (index, line) in row.action.iter().enumerate() {
        let baseline_mm = first_baseline_mm + line_mm * index as f32;
        pages.text(ACTION_LEFT_MM, baseline_mm, line, CELL);
    }
}

/// The officer's box: "Seen" and "No reply" to tick, and room to write what happened.
fn draw_outcome_box(pages: &mut Pages<'_>, top_mm: f32, height_mm: f32) {
    let box_top_mm = top_mm + 1.2;
    pages.outline(
        OUTCOME_LEFT_MM,
        box_top_mm,
        OUTCOME_WIDTH_MM,
        height_mm - 2.4,
        0.6,
        0.35,
    );
    let tick_mm = 3.0;
    for (index, label) in ["Seen", "No reply"].iter().enumerate() {
        let tick_left_mm = OUTCOME_LEFT_MM + 1.5;
        let tick_top_mm = box_top_mm + 1.5 + index as f32 * (tick_mm + 1.2);
        pages.outline(tick_left_mm, tick_top_mm, tick_mm, tick_mm, 0.6, 0.2);
        pages.text(
            tick_left_mm + tick_mm + 1.0,
            tick_top_mm + 2.6,
            label,
            TICK_LABEL,
        );
    }
}
