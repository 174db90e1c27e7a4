//! Form N325, request for a warrant of possession, to the same effect: which order, how its
//! terms were broken, what is owed now, and the fee.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::court::claim::{
    check_header, check_signatory, check_text, incomplete, present, ClaimHeader, Signatory,
};
use crate::court::paper::{
    field, heading, money, numbered, render, statement_of_truth, title_block,
    STATEMENT_OF_TRUTH_CLAIMANT,
};
use crate::error::{long_date, DocumentError};
use crate::layout::Pages;

const DOCUMENT: &str = "request for a warrant of possession (N325)";
const DOCUMENT_TITLE: &str = "Request for warrant of possession of land";

#[derive(Debug, Clone, PartialEq)]
pub struct WarrantRequest {
    pub order_made_on: NaiveDate,
    /// The order's terms as the court wrote them.
    pub order_terms: String,
    /// How the terms were breached, in the officer's words.
    pub breach: String,
    /// The rent account's balance today.
    pub balance_now: Decimal,
    /// What remains unpaid of the judgment (arrears and costs ordered).
    pub judgment_outstanding: Decimal,
    pub warrant_fee: Decimal,
    pub signatory: Signatory,
    pub signed_on: NaiveDate,
}

pub(crate) fn check_warrant(
    header: &ClaimHeader,
    request: &WarrantRequest,
) -> Result<(), DocumentError> {
    check_header(DOCUMENT, header)?;
    if present(&header.claim_number).is_none() || present(&header.court_name).is_none() {
        return Err(incomplete(
            DOCUMENT,
            "a warrant is requested in an issued claim: the court and the claim number are needed",
        ));
    }
    check_signatory(DOCUMENT, &request.signatory)?;
    check_text(DOCUMENT, "terms of the order", &request.order_terms)?;
    check_text(DOCUMENT, "breach of the order", &request.breach)?;
    if request.order_made_on > request.signed_on {
        return Err(incomplete(
            DOCUMENT,
            format!(
                "the order date, {}, is after the request is signed",
                long_date(&request.order_made_on)
            ),
        ));
    }
    if request.warrant_fee < Decimal::ZERO || request.judgment_outstanding < Decimal::ZERO {
        return Err(incomplete(
            DOCUMENT,
            "the fee and the judgment outstanding cannot be negative",
        ));
    }
    Ok(())
}

pub fn warrant_request_pdf(
    header: &ClaimHeader,
    request: &WarrantRequest,
) -> Result<Vec<u8>, DocumentError> {
    check_warrant(header, request)?;
    render(DOCUMENT_TITLE, header, request.signed_on, false, |pages| {
        draw_warrant(pages, header, request)
    })
}

fn draw_warrant(
    pages: &mut Pages<'_>,
    header: &ClaimHeader,
    request: &WarrantRequest,
) -> Result<(), DocumentError> {
    title_block(
        pages,
        DOCUMENT_TITLE,
        "To the same effect as form N325 (CPR 83.26).",
        header,
    )?;
    heading(pages, "The order")?;
    numbered(
        pages,
        "1.",
        &format!(
            "On {} the court ordered the defendant to give the claimant possession of {} on these terms:",
            long_date(&request.order_made_on),
            header.address_one_line()
        ),
    )?;
    numbered(pages, "", &request.order_terms)?;
    numbered(
        pages,
        "2.",
        "The defendant has not complied with the order:",
    )?;
    numbered(pages, "", &request.breach)?;
    heading(pages, "Amounts")?;
    field(
        pages,
        "Balance of the rent account now",
        &money(request.balance_now),
    )?;
    field(
        pages,
        "Judgment or arrears outstanding",
        &money(request.judgment_outstanding),
    )?;
    field(pages, "Warrant fee", &money(request.warrant_fee))?;
    numbered(
        pages,
        "3.",
        "I certify that the whole or part of any instalments due under the order have not been \
         paid and the balance now due is as shown, and I ask the court to issue a warrant of \
         possession.",
    )?;
    statement_of_truth(
        pages,
        STATEMENT_OF_TRUTH_CLAIMANT,
        &request.signatory,
        Some(request.signed_on),
    )
}
