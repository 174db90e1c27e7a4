//! The claim's header, which every court paper repeats, and the checks every paper shares.

use chrono::NaiveDate;

use crate::error::DocumentError;
use crate::landlord::{check_landlord, Landlord};
use crate::merge::join_names;

/// A free-text field (a history, a breach, a paragraph of the witness statement) longer than
/// this is a pasted document, not a field; it would also push a form past its pages.
pub const COURT_TEXT_CHARS_MAX: usize = 6_000;

/// Lists (defendants, steps, benefits, contacts, letters) longer than this are runaway input;
/// ten years of monthly contact fits.
pub const COURT_LIST_ITEMS_MAX: usize = 400;

#[derive(Debug, Clone, PartialEq)]
pub struct ClaimHeader {
    /// "County Court at Bradford"; `None` before the court is known leaves a line to fill.
    pub court_name: Option<String>,
    /// `None` before issue leaves a line for the number the court gives.
    pub claim_number: Option<String>,
    pub claimant: Landlord,
    /// Every tenant, in the order the tenancy names them; at least one.
    pub defendants: Vec<String>,
    pub property_address_lines: Vec<String>,
    pub property_postcode: String,
    pub tenancy_reference: String,
    pub payment_reference: String,
    /// `None` before the claim is issued (a notice is served long before).
    pub issue_date: Option<NaiveDate>,
    /// The rules the caller applied, e.g. "Housing Act 1988 s8 and Sch 2 as amended to 2024".
    pub rule_set_citation: String,
}

/// Who signs: the name and job title printed under the signature line.
#[derive(Debug, Clone, PartialEq)]
pub struct Signatory {
    pub name: String,
    pub job_title: String,
}

/// One dated line of a history: a step taken, a contact, an event.
#[derive(Debug, Clone, PartialEq)]
pub struct DatedText {
    pub date: NaiveDate,
    pub text: String,
}

impl ClaimHeader {
    pub(crate) fn defendants_joined(&self) -> String {
        let names: Vec<&str> = self.defendants.iter().map(|name| name.trim()).collect();
        join_names(&names)
    }

    /// "1 Cross Lane, Todmorden, OL14 5ZZ"
    pub(crate) fn address_one_line(&self) -> String {
        let mut parts: Vec<&str> = self
            .property_address_lines
            .iter()
            .map(|line| line.trim())
            .filter(|line| !line.is_empty())
            .collect();
        parts.push(self.property_postcode.trim());
        parts.join(", ")
    }

    pub(crate) fn claim_number_or_blank(&self) -> String {
        present(&self.claim_number).unwrap_or_else(|| "(not yet issued)".to_string())
    }

    /// The band on every page of every court paper.
    pub(crate) fn claim_title(&self) -> String {
        format!(
            "{} v {} — {} — Claim no. {}",
            self.claimant.name.trim(),
            self.defendants_joined(),
            self.address_one_line(),
            self.claim_number_or_blank()
        )
    }
}

/// A field's trimmed text, or `None` when blank.
pub(crate) fn present(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_string)
}

pub(crate) fn incomplete(document: &str, problem: impl Into<String>) -> DocumentError {
    DocumentError::CourtPaperIncomplete {
        document: document.to_string(),
        problem: problem.into(),
    }
}

/// Refuses a blank or runaway free-text field; `what` names it as the form does.
pub(crate) fn check_text(document: &str, what: &str, value: &str) -> Result<(), DocumentError> {
    if value.trim().is_empty() {
        return Err(incomplete(document, format!("the {what} is missing")));
    }
    let chars = value.chars().count();
    if chars > COURT_TEXT_CHARS_MAX {
        return Err(incomplete(
            document,
            format!("the {what} is {chars} characters long; at most {COURT_TEXT_CHARS_MAX} fit"),
        ));
    }
    Ok(())
}

pub(crate) fn check_list<T>(
    document: &str,
    what: &str,
    items: &[T],
    at_least_one: bool,
) -> Result<(), DocumentError> {
    if at_least_one && items.is_empty() {
        return Err(incomplete(document, format!("there are no {what}")));
    }
    if items.len() > COURT_LIST_ITEMS_MAX {
        return Err(incomplete(
            document,
            format!(
                "there are {} {what}; at most {COURT_LIST_ITEMS_MAX} fit",
                items.len()
            ),
        ));
    }
    Ok(())
}

pub(crate) fn check_signatory(document: &str, signatory: &Signatory) -> Result<(), DocumentError> {
    check_text(document, "name of the person signing", &signatory.name)?;
    check_text(
        document,
        "job title of the person signing",
        &signatory.job_title,
    )
}

pub(crate) fn check_dated_texts(
    document: &str,
    what: &str,
    items: &[DatedText],
    at_least_one: bool,
) -> Result<(), DocumentError> {
    check_list(document, what, items, at_least_one)?;
    for item in items {
        check_text(
            document,
            &format!("text of an entry in the {what}"),
            &item.text,
        )?;
    }
    Ok(())
}

/// What every court paper needs before it can head a page: a claimant, a defendant, a
/// property and the rules applied.
pub(crate) fn check_header(document: &str, header: &ClaimHeader) -> Result<(), DocumentError> {
    check_landlord(&header.claimant)?;
    check_list(document, "defendants", &header.defendants, true)?;
    for name in &header.defendants {
        check_text(document, "defendant's name", name)?;
    }
    if header
        .property_address_lines
        .iter()
        .all(|line| line.trim().is_empty())
    {
        return Err(incomplete(document, "the property's address is missing"));
    }
    check_list(
        document,
        "address lines",
        &header.property_address_lines,
        true,
    )?;
    check_text(document, "property's postcode", &header.property_postcode)?;
    check_text(document, "tenancy reference", &header.tenancy_reference)?;
    check_text(document, "payment reference", &header.payment_reference)?;
    check_text(document, "rule set citation", &header.rule_set_citation)
}

/// Papers that only exist once the claim is issued (the particulars' figures are "at issue").
pub(crate) fn issue_date_of(
    document: &str,
    header: &ClaimHeader,
) -> Result<NaiveDate, DocumentError> {
    header
        .issue_date
        .ok_or_else(|| incomplete(document, "the claim's issue date is missing"))
}
