//! Flowing a court paper onto `Pages`: titles, headings, labelled fields, numbered paragraphs,
//! tables whose header row repeats on every page, and the statement of truth. Every helper
//! breaks the page itself, so a paper of any length lays out without its author counting lines.

use chrono::NaiveDate;
use doorstep_domain::money::format_money;
use printpdf::PdfDocument;
use rust_decimal::Decimal;

use crate::court::claim::{present, ClaimHeader, Signatory};
use crate::error::{long_date, DocumentError};
use crate::fonts::{Fonts, MM_PER_PT};
use crate::layout::{
    save, Chrome, ClaimBand, Pages, TextStyle, CONTENT_RIGHT_MM, CONTENT_WIDTH_MM, MARGIN_LEFT_MM,
};

pub(crate) const TITLE: TextStyle = TextStyle::bold(15.0);
pub(crate) const HEADING: TextStyle = TextStyle::bold(10.5);
pub(crate) const BODY: TextStyle = TextStyle::regular(9.5);
pub(crate) const BODY_BOLD: TextStyle = TextStyle::bold(9.5);
pub(crate) const LABEL: TextStyle = TextStyle::secondary(8.5);
pub(crate) const CELL: TextStyle = TextStyle::regular(8.5);
pub(crate) const CELL_BOLD: TextStyle = TextStyle::bold(8.5);

const FIELD_VALUE_X_MM: f32 = MARGIN_LEFT_MM + 48.0;
const FIELD_VALUE_WIDTH_MM: f32 = CONTENT_RIGHT_MM - FIELD_VALUE_X_MM;
const NUMBER_INDENT_MM: f32 = 9.0;
/// A table cell wraps to at most this many lines; a bound on row height bounds the pages.
const CELL_LINES_MAX: usize = 14;
const CELL_PADDING_MM: f32 = 1.5;
const ROW_PADDING_MM: f32 = 1.1;

/// The standard statement of truth for a claim form, particulars or request (CPR PD 22 para 2.1,
/// as amended April 2020), said by the claimant through its officer.
pub(crate) const STATEMENT_OF_TRUTH_CLAIMANT: &str =
    "The claimant believes that the facts stated in this document are true. I am duly \
     authorised by the claimant to sign this statement. The claimant understands that \
     proceedings for contempt of court may be brought against anyone who makes, or causes to \
     be made, a false statement in a document verified by a statement of truth without an \
     honest belief in its truth.";

/// One standalone court paper, start to finish: the same drawing a bundle section uses.
pub(crate) fn render(
    document_title: &str,
    header: &ClaimHeader,
    as_at: NaiveDate,
    draft: bool,
    draw: impl FnOnce(&mut Pages<'_>) -> Result<(), DocumentError>,
) -> Result<Vec<u8>, DocumentError> {
    let mut document = PdfDocument::new(&format!("{document_title} — {}", header.claim_title()));
    let fonts = Fonts::register(&mut document)?;
    let mut pages = Pages::new(&fonts);
    draw(&mut pages)?;
    let chrome = Chrome {
        landlord: &header.claimant,
        as_at,
        footer_title: pages.fit_footer_title(document_title),
    };
    let band = ClaimBand {
        claim_title: header.claim_title(),
        draft,
    };
    let pdf_pages = pages.finish_with_band(&chrome, Some(&band));
    Ok(save(document, pdf_pages, as_at))
}

pub(crate) fn money(amount: Decimal) -> String {
    format_money(amount)
}

fn first_baseline_mm(top_mm: f32, style: TextStyle) -> f32 {
    top_mm + style.size_pt * MM_PER_PT * 0.95
}

/// Lines at `x_mm`, each moved to a new page if it does not fit.
fn lines_at(
    pages: &mut Pages<'_>,
    x_mm: f32,
    lines: &[String],
    style: TextStyle,
) -> Result<(), DocumentError> {
    for line in lines {
        pages.ensure_room(style.line_height_mm())?;
        let baseline_mm = first_baseline_mm(pages.cursor_mm, style);
        pages.text(x_mm, baseline_mm, line, style);
        pages.cursor_mm += style.line_height_mm();
    }
    Ok(())
}

pub(crate) fn space(pages: &mut Pages<'_>, height_mm: f32) {
    pages.cursor_mm += height_mm;
}

/// The paper's title, what it is to the effect of, and the claim's details.
pub(crate) fn title_block(
    pages: &mut Pages<'_>,
    title: &str,
    subtitle: &str,
    header: &ClaimHeader,
) -> Result<(), DocumentError> {
    paragraph_styled(pages, title, TITLE, 0.0)?;
    space(pages, 1.0);
    paragraph_styled(pages, subtitle, LABEL, 0.0)?;
    paragraph_styled(
        pages,
        &format!("Rule set: {}", header.rule_set_citation.trim()),
        LABEL,
        0.0,
    )?;
    space(pages, 3.0);
    claim_fields(pages, header)?;
    space(pages, 3.0);
    Ok(())
}

/// The claim's header as labelled fields, blanks left as lines to fill by hand.
pub(crate) fn claim_fields(
    pages: &mut Pages<'_>,
    header: &ClaimHeader,
) -> Result<(), DocumentError> {
    let blank = "______________________________".to_string();
    let issue_date = header
        .issue_date
        .map(|date| long_date(&date))
        .unwrap_or_else(|| blank.clone());
    let fields = [
        (
            "In the",
            present(&header.court_name).unwrap_or(blank.clone()),
        ),
        ("Claim no.", present(&header.claim_number).unwrap_or(blank)),
        ("Claimant", header.claimant.name.trim().to_string()),
        (
            if header.defendants.len() > 1 {
                "Defendants"
            } else {
                "Defendant"
            },
            header.defendants_joined(),
        ),
        ("Property", header.address_one_line()),
        (
            "Tenancy reference",
            header.tenancy_reference.trim().to_string(),
        ),
        (
            "Payment reference",
            header.payment_reference.trim().to_string(),
        ),
        ("Issue date", issue_date),
    ];
    for (label, value) in fields {
        field(pages, label, &value)?;
    }
    Ok(())
}

pub(crate) fn heading(pages: &mut Pages<'_>, text: &str) -> Result<(), DocumentError> {
    // A heading never ends a page: it needs itself and two lines of what it heads.
    pages.ensure_room(HEADING.line_height_mm() + 3.0 + BODY.line_height_mm() * 2.0)?;
    space(pages, 3.0);
    paragraph_styled(pages, text, HEADING, 0.0)?;
    space(pages, 0.8);
    Ok(())
}

pub(crate) fn paragraph(pages: &mut Pages<'_>, text: &str) -> Result<(), DocumentError> {
    paragraph_styled(pages, text, BODY, 0.0)?;
    space(pages, 1.5);
    Ok(())
}

pub(crate) fn paragraph_styled(
    pages: &mut Pages<'_>,
    text: &str,
    style: TextStyle,
    indent_mm: f32,
) -> Result<(), DocumentError> {
    let lines = pages.wrap(text.trim(), style, CONTENT_WIDTH_MM - indent_mm);
    lines_at(pages, MARGIN_LEFT_MM + indent_mm, &lines, style)
}

/// "Label    value", the value wrapped in its column; one page break may fall inside it.
pub(crate) fn field(pages: &mut Pages<'_>, label: &str, value: &str) -> Result<(), DocumentError> {
    let lines = pages.wrap(value.trim(), BODY, FIELD_VALUE_WIDTH_MM);
    pages.ensure_room(BODY.line_height_mm())?;
    let baseline_mm = first_baseline_mm(pages.cursor_mm, BODY);
    pages.text(MARGIN_LEFT_MM, baseline_mm, label, LABEL);
    lines_at(pages, FIELD_VALUE_X_MM, &lines, BODY)?;
    space(pages, 0.8);
    Ok(())
}

/// A numbered paragraph as the forms number them: "3.", "(b)", "4(a)".
pub(crate) fn numbered(
    pages: &mut Pages<'_>,
    number: &str,
    text: &str,
) -> Result<(), DocumentError> {
    let lines = pages.wrap(text.trim(), BODY, CONTENT_WIDTH_MM - NUMBER_INDENT_MM);
    pages.ensure_room(BODY.line_height_mm())?;
    let baseline_mm = first_baseline_mm(pages.cursor_mm, BODY);
    pages.text(MARGIN_LEFT_MM, baseline_mm, number, BODY_BOLD);
    lines_at(pages, MARGIN_LEFT_MM + NUMBER_INDENT_MM, &lines, BODY)?;
    space(pages, 1.5);
    Ok(())
}

/// An indented bullet under a numbered paragraph.
pub(crate) fn bullet(pages: &mut Pages<'_>, text: &str) -> Result<(), DocumentError> {
    let lines = pages.wrap(text.trim(), BODY, CONTENT_WIDTH_MM - NUMBER_INDENT_MM - 5.0);
    pages.ensure_room(BODY.line_height_mm())?;
    let baseline_mm = first_baseline_mm(pages.cursor_mm, BODY);
    pages.text(MARGIN_LEFT_MM + NUMBER_INDENT_MM, baseline_mm, "•", BODY);
    lines_at(pages, MARGIN_LEFT_MM + NUMBER_INDENT_MM + 5.0, &lines, BODY)?;
    space(pages, 0.6);
    Ok(())
}

/// The statement of truth and the lines the signer fills in.
pub(crate) fn statement_of_truth(
    pages: &mut Pages<'_>,
    wording: &str,
    signatory: &Signatory,
    signed_on: Option<NaiveDate>,
) -> Result<(), DocumentError> {
    // The statement and its signature stay on one page, as a court expects to see them.
    pages.ensure_room(60.0)?;
    heading(pages, "Statement of truth")?;
    paragraph(pages, wording)?;
    signature_lines(pages, signatory, signed_on)
}

pub(crate) fn signature_lines(
    pages: &mut Pages<'_>,
    signatory: &Signatory,
    signed_on: Option<NaiveDate>,
) -> Result<(), DocumentError> {
    pages.ensure_room(32.0)?;
    space(pages, 6.0);
    field(pages, "Signed", "________________________________________")?;
    field(pages, "Full name", &signatory.name)?;
    field(pages, "Position or office held", &signatory.job_title)?;
    let date = signed_on
        .map(|date| long_date(&date))
        .unwrap_or_else(|| "____________________".to_string());
    field(pages, "Date", &date)
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub title: &'static str,
    pub width_mm: f32,
    /// Money is right-aligned so the pence line up.
    pub right_aligned: bool,
}

pub(crate) struct TableRow {
    pub cells: Vec<String>,
    pub bold: bool,
}

/// A table whose header row is repeated at the top of every page it runs onto.
pub(crate) fn table(
    pages: &mut Pages<'_>,
    columns: &[Column],
    rows: &[TableRow],
) -> Result<(), DocumentError> {
    let header_height_mm = CELL.line_height_mm() + ROW_PADDING_MM * 2.0 + 1.0;
    pages.ensure_room(header_height_mm + CELL.line_height_mm() * 2.0)?;
    table_header(pages, columns, header_height_mm);
    for (index, row) in rows.iter().enumerate() {
        let style = if row.bold { CELL_BOLD } else { CELL };
        let wrapped: Vec<Vec<String>> = columns
            .iter()
            .zip(&row.cells)
            .map(|(column, cell)| {
                pages.wrap_at_most(
                    cell.trim(),
                    style,
                    column.width_mm - CELL_PADDING_MM * 2.0,
                    CELL_LINES_MAX,
                )
            })
            .collect();
        let lines_count = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height_mm = lines_count as f32 * style.line_height_mm() + ROW_PADDING_MM * 2.0;
        if pages.ensure_room(height_mm)? {
            table_header(pages, columns, header_height_mm);
        }
        if index % 2 == 1 {
            pages.band(
                MARGIN_LEFT_MM,
                pages.cursor_mm,
                table_width(columns),
                height_mm,
                0.96,
            );
        }
        let first_baseline = first_baseline_mm(pages.cursor_mm + ROW_PADDING_MM, style);
        let mut left_mm = MARGIN_LEFT_MM;
        for (column, lines) in columns.iter().zip(&wrapped) {
            for (line_index, line) in lines.iter().enumerate() {
                let baseline_mm = first_baseline + style.line_height_mm() * line_index as f32;
                if column.right_aligned {
                    let right_mm = left_mm + column.width_mm - CELL_PADDING_MM;
                    pages.text_right(right_mm, baseline_mm, line, style);
                } else {
                    pages.text(left_mm + CELL_PADDING_MM, baseline_mm, line, style);
                }
            }
            left_mm += column.width_mm;
        }
        pages.cursor_mm += height_mm;
    }
    space(pages, 2.0);
    Ok(())
}

fn table_width(columns: &[Column]) -> f32 {
    columns.iter().map(|column| column.width_mm).sum()
}

fn table_header(pages: &mut Pages<'_>, columns: &[Column], height_mm: f32) {
    let top_mm = pages.cursor_mm;
    pages.band(
        MARGIN_LEFT_MM,
        top_mm,
        table_width(columns),
        height_mm,
        0.85,
    );
    let baseline_mm = first_baseline_mm(top_mm + ROW_PADDING_MM + 0.5, CELL_BOLD);
    let mut left_mm = MARGIN_LEFT_MM;
    for column in columns {
        if column.right_aligned {
            let right_mm = left_mm + column.width_mm - CELL_PADDING_MM;
            pages.text_right(right_mm, baseline_mm, column.title, CELL_BOLD);
        } else {
            pages.text(
                left_mm + CELL_PADDING_MM,
                baseline_mm,
                column.title,
                CELL_BOLD,
            );
        }
        left_mm += column.width_mm;
    }
    pages.cursor_mm = top_mm + height_mm;
}
