//! The officer's PDFs: a rent statement for any date range, letters merged from templates
//! that are data (`templates/*.json`), the day's visit run sheet, the payment receipt left
//! with the tenant, and the tenant's copy of an income and expenditure assessment.
//!
//! Invariants, mostly absences: this crate does no IO and reads no clock (the "as at" date is an
//! argument; bytes are returned, never written), and it never produces a half-filled document:
//! a letter missing a required field, or a statement over an impossible range, is refused with
//! a `DocumentError` whose message an officer can act on. Figures come from `doorstep-domain`
//! (`RentAccount`, `Entry`, `format_money`); the PDF shows what `statement_lines` computes, so
//! the screen, the CLI and the paper agree. The only typeface is the embedded DejaVu Sans.
//!
//! Codemap: `statement` (figures and the statement PDF), `letters` (templates, merging,
//! the letter PDF), `income_expenditure` (the tenant's copy of an SFS assessment), `merge`
//! (merge fields, their names and what their absence means), `run_sheet` (a day of home
//! visits), `receipt` (a card or cheque payment taken at the door, which never prints a card
//! number), `layout` (the page cursor, wrapping, letterhead and footer), `fonts`, `landlord`,
//! `error`.

mod error;
mod fonts;
mod income_expenditure;
mod landlord;
mod layout;
mod letters;
mod merge;
mod receipt;
mod run_sheet;
mod statement;

pub use error::{long_date, DocumentError};
pub use income_expenditure::{income_expenditure_pdf, OFFICER_NAME_CHARS_MAX};
pub use landlord::{Landlord, LANDLORD_ADDRESS_LINES_MAX};
pub use layout::PAGES_MAX;
pub use letters::{letter_templates, merge_text, render_letter, LetterTemplate};
pub use merge::{
    account_merge_fields, arrangement_merge_fields, merge_field_spec, MergeFieldSpec, MergeFields,
    MERGE_FIELDS, MERGE_FIELD_CHARS_MAX,
};
pub use receipt::{
    payment_receipt_pdf, PaymentReceipt, ReceiptMethod, RECEIPT_ADDRESS_LINES_MAX,
    RECEIPT_CARD_DIGITS_MAX, RECEIPT_TEXT_CHARS_MAX,
};
pub use run_sheet::{
    run_sheet_pdf, RunSheet, RunSheetStop, RUN_SHEET_ADDRESS_LINES_MAX, RUN_SHEET_STOPS_MAX,
    RUN_SHEET_STOP_WARNINGS_MAX, RUN_SHEET_TEXT_CHARS_MAX, RUN_SHEET_VISIT_MINUTES_MAX,
    RUN_SHEET_WARNING_CHARS_MAX,
};
pub use statement::{
    rent_statement, statement_lines, Statement, StatementLine, STATEMENT_DAYS_MAX,
    STATEMENT_LINES_MAX,
};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod visit_tests;
