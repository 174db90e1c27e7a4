//! Form N5, the claim form for possession of property, to the same effect: who claims what,
//! for which property, the fee and costs, and the statement of truth.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::court::claim::{check_header, check_signatory, incomplete, ClaimHeader, Signatory};
use crate::court::paper::{
    field, heading, money, numbered, paragraph, render, statement_of_truth, title_block,
    STATEMENT_OF_TRUTH_CLAIMANT,
};
use crate::error::DocumentError;
use crate::layout::Pages;

const DOCUMENT: &str = "claim form (N5)";
const DOCUMENT_TITLE: &str = "Claim form for possession of property";

#[derive(Debug, Clone, PartialEq)]
pub struct ClaimForm {
    /// Whether the property includes a dwelling (N5 asks; a rented home always does).
    pub includes_dwelling: bool,
    pub court_fee: Decimal,
    pub legal_representative_costs: Option<Decimal>,
    /// The fee plus costs, as the caller computed it; checked here.
    pub total: Decimal,
    pub signatory: Signatory,
    pub signed_on: NaiveDate,
}

pub(crate) fn check_claim_form(
    header: &ClaimHeader,
    form: &ClaimForm,
) -> Result<(), DocumentError> {
    check_header(DOCUMENT, header)?;
    check_signatory(DOCUMENT, &form.signatory)?;
    let costs = form.legal_representative_costs.unwrap_or(Decimal::ZERO);
    if form.court_fee < Decimal::ZERO || costs < Decimal::ZERO {
        return Err(incomplete(
            DOCUMENT,
            "the court fee and costs cannot be negative",
        ));
    }
    if form.court_fee + costs != form.total {
        return Err(incomplete(
            DOCUMENT,
            format!(
                "the total given, {}, is not the court fee {} plus costs {}",
                money(form.total),
                money(form.court_fee),
                money(costs)
            ),
        ));
    }
    Ok(())
}

pub fn claim_form_pdf(header: &ClaimHeader, form: &ClaimForm) -> Result<Vec<u8>, DocumentError> {
    check_claim_form(header, form)?;
    render(DOCUMENT_TITLE, header, form.signed_on, false, |pages| {
        draw_claim_form(pages, header, form)
    })
}

pub(crate) fn draw_claim_form(
    pages: &mut Pages<'_>,
    header: &ClaimHeader,
    form: &ClaimForm,
) -> Result<(), DocumentError> {
    title_block(
        pages,
        DOCUMENT_TITLE,
        "To the same effect as form N5 (CPR Part 55).",
        header,
    )?;
    heading(pages, "Claimant's name and address")?;
    paragraph(
        pages,
        &format!(
            "{}, {}",
            header.claimant.name.trim(),
            header.claimant.address_lines.join(", ")
        ),
    )?;
    heading(pages, "Defendant's name and address")?;
    for name in &header.defendants {
        paragraph(
            pages,
            &format!("{}, {}", name.trim(), header.address_one_line()),
        )?;
    }
    heading(pages, "The claim")?;
    numbered(
        pages,
        "1.",
        &format!(
            "The claimant is claiming possession of {} which (including its grounds) is \
             occupied by the defendants.",
            header.address_one_line()
        ),
    )?;
    numbered(
        pages,
        "2.",
        "The claimant is claiming possession of the property on the following grounds: rent \
         arrears.",
    )?;
    let dwelling = if form.includes_dwelling {
        "does"
    } else {
        "does not"
    };
    numbered(
        pages,
        "3.",
        &format!("The property {dwelling} include a dwelling."),
    )?;
    numbered(
        pages,
        "4.",
        "Full particulars of the claim are attached (form N119).",
    )?;
    heading(pages, "Amounts")?;
    field(pages, "Court fee", &money(form.court_fee))?;
    let costs = form
        .legal_representative_costs
        .map(money)
        .unwrap_or_else(|| "None claimed".to_string());
    field(pages, "Legal representative's costs", &costs)?;
    field(pages, "Total amount", &money(form.total))?;
    statement_of_truth(
        pages,
        STATEMENT_OF_TRUTH_CLAIMANT,
        &form.signatory,
        Some(form.signed_on),
    )
}
