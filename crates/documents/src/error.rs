//! The one error type at this crate's boundary. Every message is written for the officer who
//! pressed "Print": it says what is wrong with the account or the request, in their words.

use chrono::NaiveDate;

use crate::merge::missing_fields_sentence;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
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

    #[error("the landlord's details cannot head the page: {problem}")]
    LandlordIncomplete { problem: String },

    #[error("the income and expenditure statement cannot be printed: {problem}")]
    IncomeExpenditureInvalid { problem: String },

    #[error("the bundled font {name} could not be read")]
    FontUnreadable { name: String },
}

/// "23 November 2026": how dates appear on every letter, statement and message.
pub fn long_date(date: &NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}
