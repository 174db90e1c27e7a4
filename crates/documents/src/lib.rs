//! The officer's PDFs: a rent statement for any date range, letters merged from templates
//! that are data (`templates/*.json`), the day's visit run sheet, the payment receipt left
//! with the tenant, the tenant's copy of an income and expenditure assessment, and the court
//! papers for a possession claim, singly or as one indexed bundle.
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
//! number), `court` (the presenting officer's court papers: notice and certificate of service,
//! N5, N119, the arrears schedule, the witness statement, N325, the chronology and protocol
//! checklist, and the indexed court bundle; its own codemap is in `court/mod.rs`), `layout`
//! (the page cursor, wrapping, letterhead, the claim band and footer), `fonts`, `landlord`,
//! `error`.

mod chart;
mod court;
mod error;
mod fonts;
mod income_expenditure;
mod landlord;
mod layout;
mod letters;
mod merge;
mod payment_schedule;
mod receipt;
mod run_sheet;
mod spreadsheet;
mod statement;
mod weekly_report;

pub use court::{
    arrears_schedule_pdf, certificate_of_service_pdf, chronology_pdf, claim_form_pdf,
    court_bundle_pdf, notice_pdf, particulars_of_claim_pdf, warrant_request_pdf,
    witness_statement_pdf, ArrearsSchedule, ArrearsScheduleFigures, Available, BalanceChart,
    BundleProgress, CertificateOfService, Chronology, ClaimForm, ClaimHeader, CourtBundle,
    DatedText, IncomeExpenditureSummary, LetterSent, MoneyLine, Notice, NoticeGround, NoticeKind,
    NoticeServed, ParticularsOfClaim, ProtocolItem, ProtocolStatus, ScheduleRow, ServiceMethod,
    ServiceRecord, Signatory, SuppliedDocument, WarrantRequest, WitnessStatement,
    ARREARS_SCHEDULE_ROWS_MAX, COURT_LIST_ITEMS_MAX, COURT_TEXT_CHARS_MAX, GROUND_10_ASSURED,
    GROUND_11_ASSURED, GROUND_1_SECURE, GROUND_8_ASSURED_BEFORE_RRA_2025,
};
pub use doorstep_charts::{ChartStep, StepKind};
pub use error::{long_date, DocumentError};
pub use income_expenditure::{income_expenditure_pdf, OFFICER_NAME_CHARS_MAX};
pub use landlord::{Landlord, LANDLORD_ADDRESS_LINES_MAX};
pub use layout::PAGES_MAX;
pub use letters::{
    letter_templates, merge_text, organisation_letter_pdf, render_letter, LetterTemplate,
    OrganisationLetter,
};
pub use merge::{
    account_merge_fields, arrangement_merge_fields, merge_field_spec, MergeFieldSpec, MergeFields,
    MERGE_FIELDS, MERGE_FIELD_CHARS_MAX,
};
pub use payment_schedule::{payment_schedule_csv, payment_schedule_pdf, PaymentScheduleDocument};
pub use receipt::{
    payment_receipt_pdf, PaymentReceipt, ReceiptMethod, RECEIPT_ADDRESS_LINES_MAX,
    RECEIPT_CARD_DIGITS_MAX, RECEIPT_TEXT_CHARS_MAX,
};
pub use run_sheet::{
    run_sheet_pdf, RunSheet, RunSheetStop, RUN_SHEET_ADDRESS_LINES_MAX, RUN_SHEET_STOPS_MAX,
    RUN_SHEET_STOP_WARNINGS_MAX, RUN_SHEET_TEXT_CHARS_MAX, RUN_SHEET_VISIT_MINUTES_MAX,
    RUN_SHEET_WARNING_CHARS_MAX,
};
pub use spreadsheet::{csv, csv_cell, xlsx, Cell, Column, Sheet, SHEET_NAME_CHARS_MAX};
pub use statement::{
    rent_statement, statement_lines, Statement, StatementLine, STATEMENT_DAYS_MAX,
    STATEMENT_LINES_MAX,
};
pub use weekly_report::{age_figure, figure_text, trend_figure, weekly_report_pdf};

#[cfg(test)]
mod court_tests;
#[cfg(test)]
mod report_tests;
#[cfg(test)]
mod supplied_pdf_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod visit_tests;
