//! The one error type at this crate's boundary. Every message is written for the officer who
//! pressed "Print": it says what is wrong with the account or the request, in their words.

use chrono::{DateTime, FixedOffset, NaiveDate};
use doorstep_domain::money::format_money;
use rust_decimal::Decimal;

use crate::merge::missing_fields_sentence;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    #[error("the spreadsheet was not made: {problem}")]
    Spreadsheet { problem: String },
    #[error(
        "the statement cannot start on {} because that is after its end date, {}",
        long_date(.from),
        long_date(.to)
    )]
    StatementRangeReversed { from: NaiveDate, to: NaiveDate },

    #[error(
        "a statement can cover at most {days_max} days (about ten years); {} to {} is {days} days",
        long_date(.from),
        long_date(.to)
    )]
    StatementRangeTooLong {
        from: NaiveDate,
        to: NaiveDate,
        days: i64,
        days_max: i64,
    },

    #[error(
        "the statement would have {lines} lines, more than the {lines_max} one document can \
         hold; choose a shorter period"
    )]
    StatementTooManyLines { lines: usize, lines_max: usize },

    #[error("the document would run to more than {pages_max} pages")]
    TooManyPages { pages_max: usize },

    #[error("there is no letter called \"{code}\"")]
    UnknownTemplate { code: String },

    /// `template` is the code ("letter_1"), `title` how officers name it ("Letter 1"), and
    /// `fields` the merge field names that were missing or blank.
    #[error("{}", missing_fields_sentence(.title, .fields))]
    MissingFields {
        template: String,
        title: String,
        fields: Vec<String>,
    },

    #[error(
        "{title} cannot be produced: the {field} given is {chars} characters long, and at most \
         {chars_max} fit on a letter"
    )]
    FieldTooLong {
        title: String,
        field: String,
        chars: usize,
        chars_max: usize,
    },

    /// A programming error in a bundled template; tests over every template keep it from
    /// shipping, and this keeps it from panicking if it ever does.
    #[error("letter template \"{code}\" is broken: {problem}")]
    TemplateInvalid { code: String, problem: String },

    #[error("the letter cannot be produced: it has no {what}")]
    LetterIncomplete { what: String },

    #[error("the landlord's details cannot head the page: {problem}")]
    LandlordIncomplete { problem: String },

    #[error(
        "the run sheet for {} has no visits on it; add at least one visit before printing",
        long_date(.visit_date)
    )]
    RunSheetEmpty { visit_date: NaiveDate },

    #[error(
        "the run sheet has {stops} visits, more than the {stops_max} one day's sheet can hold; \
         split the visits over two days or two officers"
    )]
    RunSheetTooManyStops { stops: usize, stops_max: usize },

    /// The officer's name is missing or a runaway; `problem` says which.
    #[error("the run sheet cannot be printed: {problem}")]
    RunSheetOfficerNameInvalid { problem: String },

    /// `order` is the visit's number on the sheet, which is how the officer finds it on the
    /// screen; `problem` says what to fix, in words.
    #[error("visit {order} cannot go on the run sheet: {problem}")]
    RunSheetStopInvalid { order: u32, problem: String },

    #[error("the receipt cannot be printed: it has no receipt number")]
    ReceiptNumberMissing,

    #[error(
        "the receipt cannot be printed: the amount is {}, and a receipt is only for a payment of \
         more than £0.00",
        format_money(*.amount)
    )]
    ReceiptAmountNotPositive { amount: Decimal },

    /// Only the count of digits is kept, never the digits: this message may be shown, logged
    /// or sent to head office, and a card number must appear in none of them (PCI DSS).
    #[error(
        "the receipt cannot be printed: the card number given shows {digits_count} digits, and \
         at most the last 4 may ever be printed; check the terminal's masked card number"
    )]
    ReceiptCardNumberNotMasked { digits_count: usize },

    #[error("the receipt cannot be printed: {problem}")]
    ReceiptIncomplete { problem: String },

    #[error("the income and expenditure statement cannot be printed: {problem}")]
    IncomeExpenditureInvalid { problem: String },

    /// `document` is how the officer names the paper ("notice seeking possession"), `problem`
    /// what to supply or correct.
    #[error("the {document} cannot be produced: {problem}")]
    CourtPaperIncomplete { document: String, problem: String },

    /// A court would reject a schedule whose balances do not follow from its entries, so one
    /// that does not add up is never printed; `problem` names the row and both figures.
    #[error("the arrears schedule does not add up: {problem}")]
    ArrearsScheduleDoesNotAddUp { problem: String },

    #[error(
        "the tenancy agreement cannot go into the bundle: {problem}; scan it as a JPEG or \
         a PNG without transparency, or supply it as a PDF"
    )]
    SuppliedDocumentUnsupported { problem: String },

    /// `pdf` is "the PDF" or "PDF 2 of 3"; `problem` completes the sentence with what is wrong
    /// and what to do ("is encrypted …; save it again as an unencrypted PDF").
    #[error("the tenancy agreement cannot go into the bundle: {pdf} {problem}")]
    SuppliedPdfUnusable { pdf: String, problem: String },

    #[error("the bundled font {name} could not be read")]
    FontUnreadable { name: String },
}

/// "23 November 2026": how dates appear on every letter, statement and message.
pub fn long_date(date: &NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "24 November 2026 at 14:32 BST": a moment as the clock on the tenant's wall showed it.
///
/// The offset is the one the officer's laptop had at that moment (the application core passes
/// `taken_at.with_timezone(&chrono::Local).fixed_offset()`), so this crate needs no time-zone
/// database and still prints the hour the tenant saw. +00:00 and +01:00 are named as UK clocks
/// name them, GMT and BST; any other offset (a laptop set to another zone) is printed as
/// "UTC+02:00" rather than guessed at.
pub(crate) fn long_date_time(at: &DateTime<FixedOffset>) -> String {
    let offset_seconds = at.offset().local_minus_utc();
    let zone = match offset_seconds {
        0 => "GMT".to_string(),
        3_600 => "BST".to_string(),
        _ => format!("UTC{}", at.format("%:z")),
    };
    format!(
        "{} at {} {zone}",
        long_date(&at.date_naive()),
        at.format("%H:%M")
    )
}
