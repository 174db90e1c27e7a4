//! Form N119, particulars of claim for possession of rented residential premises, numbered as
//! the form numbers them. The amount due at issue must be the arrears schedule's closing
//! balance (CPR PD 55A para 2.3): two papers in one claim may not disagree.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::court::claim::{
    check_dated_texts, check_header, check_list, check_signatory, check_text, incomplete,
    issue_date_of, ClaimHeader, DatedText, Signatory,
};
use crate::court::notice::NoticeKind;
use crate::court::paper::{
    bullet, money, numbered, render, statement_of_truth, title_block, STATEMENT_OF_TRUTH_CLAIMANT,
};
use crate::court::schedule::ArrearsSchedule;
use crate::court::service::ServiceMethod;
use crate::error::{long_date, DocumentError};
use crate::layout::Pages;

const DOCUMENT: &str = "particulars of claim (N119)";
const DOCUMENT_TITLE: &str = "Particulars of claim for possession (rented residential premises)";

/// How and on whom the notice was served, for paragraph 6.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeServed {
    pub kind: NoticeKind,
    pub served_on: NaiveDate,
    pub method: ServiceMethod,
    pub served_on_whom: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParticularsOfClaim {
    /// Paragraph 2: to whom the property is let and why the claimant may have it back.
    pub right_to_possession: String,
    /// "an assured tenancy", "a secure tenancy"
    pub tenancy_kind: String,
    pub tenancy_started_on: NaiveDate,
    pub rent: Decimal,
    /// "weekly"
    pub rent_frequency: String,
    /// Computed by the caller, with its rounding; printed as given.
    pub daily_rent: Decimal,
    /// The amount due on the issue date; must equal the schedule's closing balance.
    pub arrears_at_issue: Decimal,
    /// Steps taken to recover the arrears, with any earlier court orders and their terms.
    pub recovery_steps: Vec<DatedText>,
    pub notice: NoticeServed,
    /// "Universal Credit housing element £x monthly paid to the tenant"
    pub benefits: Vec<String>,
    pub other_circumstances: String,
    pub costs_claimed: bool,
    pub signatory: Signatory,
    pub signed_on: NaiveDate,
}

pub(crate) fn check_particulars(
    header: &ClaimHeader,
    particulars: &ParticularsOfClaim,
    schedule: &ArrearsSchedule,
) -> Result<(), DocumentError> {
    check_header(DOCUMENT, header)?;
    issue_date_of(DOCUMENT, header)?;
    check_signatory(DOCUMENT, &particulars.signatory)?;
    check_text(
        DOCUMENT,
        "claimant's right to possession",
        &particulars.right_to_possession,
    )?;
    check_text(DOCUMENT, "kind of tenancy", &particulars.tenancy_kind)?;
    check_text(DOCUMENT, "rent frequency", &particulars.rent_frequency)?;
    check_text(
        DOCUMENT,
        "defendant's other circumstances",
        &particulars.other_circumstances,
    )?;
    check_dated_texts(
        DOCUMENT,
        "steps taken to recover the arrears",
        &particulars.recovery_steps,
        true,
    )?;
    check_list(
        DOCUMENT,
        "people the notice was served on",
        &particulars.notice.served_on_whom,
        true,
    )?;
    check_list(DOCUMENT, "benefit lines", &particulars.benefits, false)?;
    if particulars.rent <= Decimal::ZERO || particulars.daily_rent <= Decimal::ZERO {
        return Err(incomplete(
            DOCUMENT,
            "the rent and the daily rate of rent must be above £0.00",
        ));
    }
    let closing = schedule.figures().closing_balance;
    if particulars.arrears_at_issue != closing {
        return Err(incomplete(
            DOCUMENT,
            format!(
                "the amount due at issue, {}, is not the arrears schedule's closing balance, {}",
                money(particulars.arrears_at_issue),
                money(closing)
            ),
        ));
    }
    Ok(())
}

pub fn particulars_of_claim_pdf(
    header: &ClaimHeader,
    particulars: &ParticularsOfClaim,
    schedule: &ArrearsSchedule,
) -> Result<Vec<u8>, DocumentError> {
    check_particulars(header, particulars, schedule)?;
    render(
        DOCUMENT_TITLE,
        header,
        particulars.signed_on,
        false,
        |pages| draw_particulars(pages, header, particulars),
    )
}

pub(crate) fn draw_particulars(
    pages: &mut Pages<'_>,
    header: &ClaimHeader,
    particulars: &ParticularsOfClaim,
) -> Result<(), DocumentError> {
    title_block(
        pages,
        DOCUMENT_TITLE,
        "To the same effect as form N119 (CPR PD 55A).",
        header,
    )?;
    let issue_date = issue_date_of(DOCUMENT, header)?;
    numbered(
        pages,
        "1.",
        &format!(
            "The claimant has a right to possession of {}.",
            header.address_one_line()
        ),
    )?;
    numbered(pages, "2.", &particulars.right_to_possession)?;
    numbered(pages, "3.", "The tenancy:")?;
    numbered(
        pages,
        "(a)",
        &format!(
            "The property is let on {}.",
            particulars.tenancy_kind.trim()
        ),
    )?;
    numbered(
        pages,
        "(b)",
        &format!(
            "The tenancy began on {}.",
            long_date(&particulars.tenancy_started_on)
        ),
    )?;
    numbered(
        pages,
        "(c)",
        &format!(
            "The current rent is {} payable {}.",
            money(particulars.rent),
            particulars.rent_frequency.trim()
        ),
    )?;
    numbered(
        pages,
        "(d)",
        &format!(
            "The daily rate of rent is {}.",
            money(particulars.daily_rent)
        ),
    )?;
    numbered(
        pages,
        "4.",
        "The reason the claimant is asking for possession is:",
    )?;
    numbered(
        pages,
        "(a)",
        "because the defendant has not paid the rent due under the terms of the tenancy agreement.",
    )?;
    numbered(pages, "(b)", &format!(
        "The amount due at the start of the proceedings, on {}, is {}. A schedule of the rent due and the payments made, with a running balance, is attached.",
        long_date(&issue_date),
        money(particulars.arrears_at_issue)
    ))?;
    numbered(
        pages,
        "5.",
        "The following steps have already been taken to recover the arrears:",
    )?;
    for step in &particulars.recovery_steps {
        bullet(
            pages,
            &format!("{}: {}", long_date(&step.date), step.text.trim()),
        )?;
    }
    let notice = &particulars.notice;
    numbered(
        pages,
        "6.",
        &format!(
            "Notice: a {} was served on {} on {}, by {}.",
            notice.kind.title().to_lowercase(),
            notice.served_on_whom.join(" and "),
            long_date(&notice.served_on),
            notice.method.words()
        ),
    )?;
    numbered(pages, "7.", "The following information is known about the defendant's circumstances, in particular benefits:")?;
    if particulars.benefits.is_empty() {
        bullet(pages, "No benefits are known to be paid towards the rent.")?;
    }
    for benefit in &particulars.benefits {
        bullet(pages, benefit)?;
    }
    bullet(pages, &particulars.other_circumstances)?;
    numbered(
        pages,
        "8.",
        "The claimant asks the court to order that the defendant:",
    )?;
    numbered(
        pages,
        "(a)",
        "give the claimant possession of the property;",
    )?;
    numbered(
        pages,
        "(b)",
        &format!(
            "pay the unpaid rent of {} due at the issue date;",
            money(particulars.arrears_at_issue)
        ),
    )?;
    numbered(pages, "(c)", &format!(
        "pay rent, or a daily occupation charge, at the daily rate of {} from {} until the date the court makes its order;",
        money(particulars.daily_rent),
        long_date(&issue_date)
    ))?;
    if particulars.costs_claimed {
        numbered(pages, "(d)", "pay the claimant's costs of this claim.")?;
    }
    statement_of_truth(
        pages,
        STATEMENT_OF_TRUTH_CLAIMANT,
        &particulars.signatory,
        Some(particulars.signed_on),
    )
}
