//! The presenting officer's witness statement (CPR PD 32): the standard top-right block,
//! numbered paragraphs from the introduction to what is asked, and the statement of truth in
//! the words CPR PD 22 requires for a witness statement. It is marked DRAFT on every page
//! because the officer must read, correct and sign it; this crate never signs anything.

use chrono::NaiveDate;

use crate::court::chronology::{check_protocol_items, protocol_table, ProtocolItem};
use crate::court::claim::{
    check_dated_texts, check_header, check_list, check_signatory, check_text, ClaimHeader,
    DatedText, Signatory,
};
use crate::court::income_expenditure_section::MoneyLine;
use crate::court::paper::{
    bullet, claim_fields, heading, money, numbered, paragraph_styled, render, space,
    statement_of_truth, LABEL, TITLE,
};
use crate::error::{long_date, DocumentError};
use crate::layout::{Pages, TextStyle, CONTENT_RIGHT_MM};

const DOCUMENT: &str = "witness statement";

/// CPR PD 22 para 2.1, as amended from 6 April 2020, for a witness statement.
pub(crate) const STATEMENT_OF_TRUTH_WITNESS: &str =
    "I believe that the facts stated in this witness statement are true. I understand that \
     proceedings for contempt of court may be brought against anyone who makes, or causes to \
     be made, a false statement in a document verified by a statement of truth without an \
     honest belief in its truth.";

#[derive(Debug, Clone, PartialEq)]
pub struct WitnessStatement {
    pub witness: Signatory,
    pub employer: String,
    pub statement_number: u32,
    /// Exhibit references ("JS1 rent statement"); empty prints "None".
    pub exhibits: Vec<String>,
    pub made_on: NaiveDate,
    pub introduction: String,
    pub tenancy: String,
    /// Summary figures given by the caller: arrears at issue, now, payments in the period.
    pub arrears_summary: Vec<MoneyLine>,
    pub arrears_history: String,
    pub contacts: Vec<DatedText>,
    pub protocol: Vec<ProtocolItem>,
    pub circumstances: String,
    pub orders_sought: String,
}

pub(crate) fn check_witness(
    header: &ClaimHeader,
    statement: &WitnessStatement,
) -> Result<(), DocumentError> {
    check_header(DOCUMENT, header)?;
    check_signatory(DOCUMENT, &statement.witness)?;
    check_text(DOCUMENT, "witness's employer", &statement.employer)?;
    check_text(DOCUMENT, "introduction", &statement.introduction)?;
    check_text(DOCUMENT, "paragraph on the tenancy", &statement.tenancy)?;
    check_text(DOCUMENT, "arrears history", &statement.arrears_history)?;
    check_text(
        DOCUMENT,
        "defendant's circumstances",
        &statement.circumstances,
    )?;
    check_text(DOCUMENT, "orders asked for", &statement.orders_sought)?;
    check_list(DOCUMENT, "exhibits", &statement.exhibits, false)?;
    check_list(
        DOCUMENT,
        "arrears figures",
        &statement.arrears_summary,
        true,
    )?;
    check_dated_texts(DOCUMENT, "contacts", &statement.contacts, true)?;
    check_protocol_items(DOCUMENT, &statement.protocol)
}

pub fn witness_statement_pdf(
    header: &ClaimHeader,
    statement: &WitnessStatement,
) -> Result<Vec<u8>, DocumentError> {
    check_witness(header, statement)?;
    render(
        "Witness statement (draft)",
        header,
        statement.made_on,
        true,
        |pages| draw_witness(pages, header, statement),
    )
}

const CORNER: TextStyle = TextStyle::regular(8.5);

/// The block every witness statement carries top right (CPR PD 32 para 17.2).
fn corner_block(pages: &mut Pages<'_>, statement: &WitnessStatement) {
    let exhibits = if statement.exhibits.is_empty() {
        "None".to_string()
    } else {
        statement.exhibits.join(", ")
    };
    let lines = [
        "Party: Claimant".to_string(),
        format!("Witness: {}", statement.witness.name.trim()),
        format!("Statement no. {}", statement.statement_number),
        format!("Exhibits: {exhibits}"),
        format!("Date: {}", long_date(&statement.made_on)),
    ];
    let mut baseline_mm = pages.cursor_mm + 3.0;
    for line in lines {
        let fitted = pages.wrap_at_most(&line, CORNER, 70.0, 1).remove(0);
        pages.text_right(CONTENT_RIGHT_MM, baseline_mm, &fitted, CORNER);
        baseline_mm += CORNER.line_height_mm();
    }
    pages.cursor_mm = baseline_mm + 2.0;
}

pub(crate) fn draw_witness(
    pages: &mut Pages<'_>,
    header: &ClaimHeader,
    statement: &WitnessStatement,
) -> Result<(), DocumentError> {
    corner_block(pages, statement);
    paragraph_styled(
        pages,
        &format!("Witness statement of {}", statement.witness.name.trim()),
        TITLE,
        0.0,
    )?;
    paragraph_styled(
        pages,
        &format!("Rule set: {}", header.rule_set_citation.trim()),
        LABEL,
        0.0,
    )?;
    space(pages, 2.0);
    claim_fields(pages, header)?;
    space(pages, 2.0);
    numbered(
        pages,
        "1.",
        &format!(
            "I am {}, {} employed by {}, the claimant. I make this statement from my own \
             knowledge and from the claimant's records, which I have seen. {}",
            statement.witness.name.trim(),
            statement.witness.job_title.trim(),
            statement.employer.trim(),
            statement.introduction.trim()
        ),
    )?;
    heading(pages, "The tenancy")?;
    numbered(pages, "2.", &statement.tenancy)?;
    heading(pages, "The arrears")?;
    numbered(pages, "3.", &statement.arrears_history)?;
    for line in &statement.arrears_summary {
        bullet(
            pages,
            &format!("{}: {}", line.label.trim(), money(line.amount)),
        )?;
    }
    heading(pages, "Contact with the defendant")?;
    numbered(
        pages,
        "4.",
        "The claimant has contacted the defendant as follows:",
    )?;
    for contact in &statement.contacts {
        bullet(
            pages,
            &format!("{}: {}", long_date(&contact.date), contact.text.trim()),
        )?;
    }
    heading(pages, "The pre-action protocol")?;
    numbered(
        pages,
        "5.",
        "The claimant's compliance with the Pre-Action Protocol for Possession Claims by Social \
         Landlords is as follows:",
    )?;
    protocol_table(pages, &statement.protocol)?;
    heading(pages, "The defendant's circumstances")?;
    numbered(pages, "6.", &statement.circumstances)?;
    heading(pages, "What the claimant asks")?;
    numbered(pages, "7.", &statement.orders_sought)?;
    statement_of_truth(pages, STATEMENT_OF_TRUTH_WITNESS, &statement.witness, None)
}
