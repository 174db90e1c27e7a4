//! The tenant's copy of an income and expenditure assessment, laid out as the Standard
//! Financial Statement: every line with its monthly figure, the section totals, each flexible
//! category against its spending guideline (with the officer's explanation where it is over),
//! what is left each month, the proposed payment towards the arrears, and a declaration to sign.
//!
//! The figures are `doorstep_domain::income_expenditure`'s, never recomputed here: the PDF
//! refuses an assessment that was not made from the statement it is given, so the paper cannot
//! disagree with the screen. The proposal is computed from the account's balance and weekly
//! rent on the "as at" date with `propose_arrangement`, the same call the screen makes.

use chrono::NaiveDate;
use doorstep_domain::income_expenditure::{
    monthly_amount, propose_arrangement, Assessment, BudgetSection, CategoryComparison,
    DebtPriority, IncomeExpenditure, Proposal,
};
use doorstep_domain::money::format_money;
use doorstep_domain::tenancy::RentAccount;
use printpdf::PdfDocument;
use rust_decimal::Decimal;

use crate::error::{long_date, DocumentError};
use crate::fonts::Fonts;
use crate::landlord::{check_landlord, Landlord};
use crate::layout::{
    save, Chrome, Pages, TextStyle, CONTENT_RIGHT_MM, CONTENT_WIDTH_MM, MARGIN_LEFT_MM,
};
use crate::merge::{address_lines, join_names};

/// An officer's name fits the signature line.
pub const OFFICER_NAME_CHARS_MAX: usize = 60;

/// A line's name wraps to at most this many lines; the bounds on descriptions (80 characters)
/// keep it to two in practice, and a bound on row height bounds the page count.
const NAME_LINES_MAX: usize = 2;

/// An officer's explanation (at most 600 characters) wraps to about eight lines at this width.
const EXPLANATION_LINES_MAX: usize = 10;

const TITLE: TextStyle = TextStyle::bold(18.0);
const SUBTITLE: TextStyle = TextStyle::regular(11.0);
const LABEL: TextStyle = TextStyle::secondary(8.5);
const VALUE: TextStyle = TextStyle::regular(10.0);
const VALUE_BOLD: TextStyle = TextStyle::bold(10.0);
const HEADING: TextStyle = TextStyle::bold(11.0);
const CELL: TextStyle = TextStyle::regular(8.5);
const CELL_BOLD: TextStyle = TextStyle::bold(8.5);
const NOTE: TextStyle = TextStyle::secondary(8.5);
const BODY: TextStyle = TextStyle::regular(9.5);

const DETAILS_VALUE_X_MM: f32 = MARGIN_LEFT_MM + 32.0;
const DETAILS_VALUE_WIDTH_MM: f32 = 56.0;
const SUMMARY_LEFT_MM: f32 = 112.0;

const CELL_PADDING_MM: f32 = 1.5;
const NAME_LEFT_MM: f32 = MARGIN_LEFT_MM + CELL_PADDING_MM;
const NAME_WIDTH_MM: f32 = 85.0;
const ENTERED_RIGHT_MM: f32 = 150.0;
const MONTHLY_RIGHT_MM: f32 = CONTENT_RIGHT_MM - CELL_PADDING_MM;
const ROW_PADDING_MM: f32 = 1.1;
const HEADER_ROW_MM: f32 = 7.0;

// The widest "as given", "£23,076.92 every 4 weeks" at 8.5 pt, is under 40 mm; the widest
// monthly figure, a section total of "£4,000,000.00", is under 23 mm.
const _: () = assert!(NAME_LEFT_MM + NAME_WIDTH_MM + 40.0 <= ENTERED_RIGHT_MM);
const _: () = assert!(ENTERED_RIGHT_MM + 23.0 <= MONTHLY_RIGHT_MM);

/// The tenant's copy as a PDF. Refuses an incomplete landlord, a blank or over-long officer
/// name, and an assessment that was not made from `statement`.
pub fn income_expenditure_pdf(
    landlord: &Landlord,
    account: &RentAccount,
    assessment: &Assessment,
    statement: &IncomeExpenditure,
    officer_name: &str,
    as_at: NaiveDate,
) -> Result<Vec<u8>, DocumentError> {
    check_landlord(landlord)?;
    check_officer_name(officer_name)?;
    check_assessment_matches(assessment, statement)?;
    let proposal = proposal_for(account, assessment, as_at)?;

    let mut document = PdfDocument::new(&format!(
        "Income and expenditure {} ({})",
        account.payment_reference.trim(),
        long_date(&assessment.assessed_on)
    ));
    let fonts = Fonts::register(&mut document)?;
    let mut pages = Pages::new(&fonts);
    draw_heading(&mut pages, account, assessment, officer_name.trim());
    draw_guidelines_notice(&mut pages, assessment)?;
    for section in BudgetSection::ALL {
        draw_section(&mut pages, assessment, section)?;
    }
    draw_debts(&mut pages, assessment)?;
    draw_bottom_line(&mut pages, assessment)?;
    draw_proposal(&mut pages, proposal.as_ref(), landlord)?;
    draw_declaration(&mut pages, officer_name.trim())?;
    let chrome = Chrome {
        landlord,
        as_at,
        footer_title: format!(
            "Income and expenditure · payment reference {}",
            account.payment_reference.trim()
        ),
    };
    let pdf_pages = pages.finish(&chrome);
    Ok(save(document, pdf_pages, as_at))
}

fn check_officer_name(officer_name: &str) -> Result<(), DocumentError> {
    let chars = officer_name.trim().chars().count();
    if chars == 0 {
        return Err(DocumentError::IncomeExpenditureInvalid {
            problem: "the officer's name is missing".to_string(),
        });
    }
    if chars > OFFICER_NAME_CHARS_MAX {
        return Err(DocumentError::IncomeExpenditureInvalid {
            problem: format!(
                "the officer's name is {chars} characters long; at most {OFFICER_NAME_CHARS_MAX} fit"
            ),
        });
    }
    Ok(())
}

/// The assessment's lines must be the statement's, converted: otherwise the tenant would sign
/// figures that are not the ones they gave.
fn check_assessment_matches(
    assessment: &Assessment,
    statement: &IncomeExpenditure,
) -> Result<(), DocumentError> {
    let lines_match = assessment.lines.len() == statement.lines.len()
        && assessment
            .lines
            .iter()
            .zip(&statement.lines)
            .all(|(monthly, entered)| {
                monthly.item == entered.item
                    && monthly.amount == entered.amount
                    && monthly.frequency == entered.frequency
                    && monthly.amount_monthly == monthly_amount(entered.amount, entered.frequency)
            });
    let debts_match = assessment.debts.len() == statement.debts.len()
        && assessment
            .debts
            .iter()
            .zip(&statement.debts)
            .all(|(monthly, entered)| {
                monthly.priority == entered.priority
                    && monthly.payment_monthly == monthly_amount(entered.payment, entered.frequency)
            });
    if lines_match && debts_match {
        Ok(())
    } else {
        Err(DocumentError::IncomeExpenditureInvalid {
            problem: "the assessment was made from a different statement; assess it again before printing".to_string(),
        })
    }
}

/// The proposal on the "as at" date: the balance then, and the weekly rent then. None when the
/// account is not in arrears.
fn proposal_for(
    account: &RentAccount,
    assessment: &Assessment,
    as_at: NaiveDate,
) -> Result<Option<Proposal>, DocumentError> {
    let balance: Decimal = account
        .entries
        .iter()
        .filter(|entry| entry.posted_on <= as_at)
        .map(|entry| entry.amount)
        .sum();
    if balance <= Decimal::ZERO {
        return Ok(None);
    }
    let weekly_rent = account.schedule.weekly_equivalent_on(as_at);
    propose_arrangement(assessment, balance, weekly_rent)
        .map(Some)
        .map_err(|error| DocumentError::IncomeExpenditureInvalid {
            problem: error.to_string(),
        })
}

fn household_words(assessment: &Assessment) -> String {
    let household = &assessment.household;
    let count = |count: u32, one: &str, many: &str| match count {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        _ => format!("{count} {many}"),
    };
    format!(
        "{}, {}, {}",
        count(household.adults_count, "adult", "adults"),
        count(household.children_count, "child", "children"),
        count(household.vehicles_count, "vehicle", "vehicles"),
    )
}

fn draw_heading(
    pages: &mut Pages<'_>,
    account: &RentAccount,
    assessment: &Assessment,
    officer_name: &str,
) {
    let top_mm = pages.cursor_mm;
    pages.text(
        MARGIN_LEFT_MM,
        top_mm + 6.0,
        "Income and expenditure",
        TITLE,
    );
    let subtitle = format!(
        "Standard Financial Statement, monthly figures, assessed on {}",
        long_date(&assessment.assessed_on)
    );
    pages.text(MARGIN_LEFT_MM, top_mm + 13.0, &subtitle, SUBTITLE);

    let tenants: Vec<&str> = account
        .people
        .iter()
        .filter(|person| person.role.is_tenant())
        .map(|person| person.full_name.trim())
        .filter(|name| !name.is_empty())
        .collect();
    let tenant_label = if tenants.len() > 1 {
        "Tenants"
    } else {
        "Tenant"
    };
    let tenant_value = if tenants.is_empty() {
        "Not recorded".to_string()
    } else {
        join_names(&tenants)
    };
    let details = [
        (tenant_label, tenant_value),
        ("Address", address_lines(account).join("\n")),
        (
            "Payment reference",
            account.payment_reference.trim().to_string(),
        ),
        ("Household", household_words(assessment)),
        ("Officer", officer_name.to_string()),
    ];
    let mut baseline_mm = top_mm + 23.0;
    for (label, value) in details {
        pages.text(MARGIN_LEFT_MM, baseline_mm, label, LABEL);
        let lines = pages.wrap(&value, VALUE, DETAILS_VALUE_WIDTH_MM);
        // Address lines are at most four; names wrap to two or three.
        for line in lines.iter().take(5) {
            pages.text(DETAILS_VALUE_X_MM, baseline_mm, line, VALUE);
            baseline_mm += VALUE.line_height_mm();
        }
        baseline_mm += 1.2;
    }
    let summary_bottom_mm = draw_summary(pages, assessment, top_mm + 17.0);
    pages.cursor_mm = baseline_mm.max(summary_bottom_mm) + 4.0;
}

/// The figures a tenant looks for first, in a shaded box on the right.
fn draw_summary(pages: &mut Pages<'_>, assessment: &Assessment, top_mm: f32) -> f32 {
    let row_mm = 6.2;
    let padding_mm = 3.0;
    let rows = [
        ("Income", assessment.income_monthly_total),
        ("Fixed costs", assessment.fixed_costs_monthly_total),
        ("Flexible costs", assessment.flexible_costs_monthly_total),
        ("Savings", assessment.savings_contribution_monthly_total),
        (
            "Priority debts",
            assessment.priority_debt_payments_monthly_total,
        ),
    ];
    let height_mm = padding_mm * 2.0 + row_mm * (rows.len() as f32 + 1.0) + 1.5;
    let width_mm = CONTENT_RIGHT_MM - SUMMARY_LEFT_MM;
    pages.band(SUMMARY_LEFT_MM, top_mm, width_mm, height_mm, 0.94);
    let label_x_mm = SUMMARY_LEFT_MM + padding_mm;
    let value_right_mm = CONTENT_RIGHT_MM - padding_mm;
    let mut baseline_mm = top_mm + padding_mm + 4.2;
    for (label, value) in rows {
        pages.text(label_x_mm, baseline_mm, &format!("{label} a month"), VALUE);
        pages.text_right(value_right_mm, baseline_mm, &format_money(value), VALUE);
        baseline_mm += row_mm;
    }
    pages.rule(label_x_mm, value_right_mm, baseline_mm - 4.0, 0.6, 0.3);
    baseline_mm += 1.5;
    pages.text(label_x_mm, baseline_mm, "Left over a month", VALUE_BOLD);
    pages.text_right(
        value_right_mm,
        baseline_mm,
        &format_money(assessment.disposable_income_monthly),
        VALUE_BOLD,
    );
    top_mm + height_mm
}

/// Says plainly when the guideline figures are placeholders, before any comparison is read.
fn draw_guidelines_notice(
    pages: &mut Pages<'_>,
    assessment: &Assessment,
) -> Result<(), DocumentError> {
    let guidelines = &assessment.guidelines;
    let text = if guidelines.verified {
        format!(
            "Flexible costs are compared with the SFS spending guidelines in force from {} ({}).",
            long_date(&guidelines.effective_from),
            guidelines.source.trim()
        )
    } else {
        format!(
            "Guideline figures not verified: the spending guidelines used here (from {}) have not \
             been checked against the published Standard Financial Statement figures, so a \
             category shown above its guideline may not be.",
            long_date(&guidelines.effective_from)
        )
    };
    let style = if guidelines.verified { NOTE } else { CELL_BOLD };
    draw_paragraph(pages, &text, style, 2.0)
}

fn draw_paragraph(
    pages: &mut Pages<'_>,
    text: &str,
    style: TextStyle,
    space_before_mm: f32,
) -> Result<(), DocumentError> {
    let lines = pages.wrap(text, style, CONTENT_WIDTH_MM);
    let height_mm = space_before_mm + lines.len() as f32 * style.line_height_mm() + 1.0;
    pages.ensure_room(height_mm)?;
    let mut baseline_mm = pages.cursor_mm + space_before_mm + style.size_pt * 0.35;
    for line in &lines {
        pages.text(MARGIN_LEFT_MM, baseline_mm, line, style);
        baseline_mm += style.line_height_mm();
    }
    pages.cursor_mm = baseline_mm - style.size_pt * 0.35 + 1.0;
    Ok(())
}

/// One table row as drawn: the name already wrapped.
struct Row {
    name: Vec<String>,
    entered: String,
    monthly: String,
    bold: bool,
}

fn row_height_mm(row: &Row) -> f32 {
    row.name.len().max(1) as f32 * CELL.line_height_mm() + ROW_PADDING_MM * 2.0
}

fn wrap_name(pages: &Pages<'_>, name: &str) -> Vec<String> {
    let mut lines = pages.wrap(name, CELL, NAME_WIDTH_MM);
    if lines.len() > NAME_LINES_MAX {
        lines.truncate(NAME_LINES_MAX);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

fn draw_row(pages: &mut Pages<'_>, row: &Row, index: usize) -> Result<(), DocumentError> {
    let height_mm = row_height_mm(row);
    pages.ensure_room(height_mm)?;
    if index % 2 == 1 {
        pages.band(
            MARGIN_LEFT_MM,
            pages.cursor_mm,
            CONTENT_WIDTH_MM,
            height_mm,
            0.96,
        );
    }
    let style = if row.bold { CELL_BOLD } else { CELL };
    let first_baseline_mm =
        pages.cursor_mm + ROW_PADDING_MM + style.size_pt * crate::fonts::MM_PER_PT * 0.95;
    for (line_index, line) in row.name.iter().enumerate() {
        let baseline_mm = first_baseline_mm + CELL.line_height_mm() * line_index as f32;
        pages.text(NAME_LEFT_MM, baseline_mm, line, style);
    }
    pages.text_right(ENTERED_RIGHT_MM, first_baseline_mm, &row.entered, style);
    pages.text_right(MONTHLY_RIGHT_MM, first_baseline_mm, &row.monthly, style);
    pages.cursor_mm += height_mm;
    Ok(())
}

/// A section heading band with the column titles; kept with room for a row below it so a
/// heading never ends a page alone.
fn draw_table_header(
    pages: &mut Pages<'_>,
    title: &str,
    entered_title: &str,
    monthly_title: &str,
) -> Result<(), DocumentError> {
    pages.ensure_room(3.0 + HEADER_ROW_MM + CELL.line_height_mm() * 2.0 + 4.0)?;
    pages.cursor_mm += 3.0;
    let top_mm = pages.cursor_mm;
    pages.band(
        MARGIN_LEFT_MM,
        top_mm,
        CONTENT_WIDTH_MM,
        HEADER_ROW_MM,
        0.85,
    );
    let baseline_mm = top_mm + 4.8;
    pages.text(NAME_LEFT_MM, baseline_mm, title, CELL_BOLD);
    pages.text_right(ENTERED_RIGHT_MM, baseline_mm, entered_title, CELL_BOLD);
    pages.text_right(MONTHLY_RIGHT_MM, baseline_mm, monthly_title, CELL_BOLD);
    pages.cursor_mm = top_mm + HEADER_ROW_MM;
    Ok(())
}

fn draw_section(
    pages: &mut Pages<'_>,
    assessment: &Assessment,
    section: BudgetSection,
) -> Result<(), DocumentError> {
    let lines: Vec<_> = assessment
        .lines
        .iter()
        .filter(|line| line.item.section() == section)
        .collect();
    // Savings is optional in the SFS; an empty savings section is left out rather than
    // printed as a row of nothing. Every other section is printed, even empty, so the tenant
    // sees that nothing was entered there.
    if lines.is_empty() && section == BudgetSection::Savings {
        return Ok(());
    }
    draw_table_header(pages, section.label(), "As given", "A month")?;
    for (index, line) in lines.iter().enumerate() {
        let row = Row {
            name: wrap_name(pages, &line.name),
            entered: format!(
                "{} {}",
                format_money(line.amount),
                line.frequency.label().to_lowercase()
            ),
            monthly: format_money(line.amount_monthly),
            bold: false,
        };
        draw_row(pages, &row, index)?;
    }
    if lines.is_empty() {
        let row = Row {
            name: vec!["Nothing entered".to_string()],
            entered: String::new(),
            monthly: format_money(Decimal::ZERO),
            bold: false,
        };
        draw_row(pages, &row, 0)?;
    }
    let total = Row {
        name: vec![format!("Total {}", section.label().to_lowercase())],
        entered: String::new(),
        monthly: format_money(assessment.section_monthly_total(section)),
        bold: true,
    };
    pages.ensure_room(row_height_mm(&total) + 1.0)?;
    pages.rule(MARGIN_LEFT_MM, CONTENT_RIGHT_MM, pages.cursor_mm, 0.6, 0.3);
    draw_row(pages, &total, 0)?;
    if let BudgetSection::FlexibleCosts(category) = section {
        let comparison = assessment
            .flexible_categories
            .iter()
            .find(|comparison| comparison.category == category);
        if let Some(comparison) = comparison {
            draw_comparison(pages, comparison)?;
        }
    }
    Ok(())
}

/// The category against its guideline, and the officer's reason when it is over.
fn draw_comparison(
    pages: &mut Pages<'_>,
    comparison: &CategoryComparison,
) -> Result<(), DocumentError> {
    let guideline = format_money(comparison.guideline_monthly);
    let verdict = if comparison.over_guideline {
        format!(
            "Spending guideline for this household: {guideline} a month. This category is {} over it.",
            format_money(comparison.total_monthly - comparison.guideline_monthly)
        )
    } else {
        format!("Spending guideline for this household: {guideline} a month. Within the guideline.")
    };
    // An over-guideline verdict is bold: it is the line a creditor or a court will look for.
    let style = if comparison.over_guideline {
        CELL_BOLD
    } else {
        NOTE
    };
    draw_paragraph(pages, &verdict, style, 1.0)?;
    if let Some(explanation) = &comparison.explanation {
        let text = format!("Officer's explanation: {explanation}");
        let mut lines = pages.wrap(&text, BODY, CONTENT_WIDTH_MM);
        lines.truncate(EXPLANATION_LINES_MAX);
        draw_paragraph(pages, &lines.join("\n"), BODY, 0.5)?;
    }
    Ok(())
}

fn draw_debts(pages: &mut Pages<'_>, assessment: &Assessment) -> Result<(), DocumentError> {
    for (priority, title, note) in [
        (
            DebtPriority::Priority,
            "Priority debts",
            "Payments to priority debts come out of the money left over before any offer to us.",
        ),
        (
            DebtPriority::NonPriority,
            "Other debts",
            "Shown for the record: under the Standard Financial Statement other debts are paid \
             from what is left after priority debts, so these payments are not taken off.",
        ),
    ] {
        let debts: Vec<_> = assessment
            .debts
            .iter()
            .filter(|debt| debt.priority == priority)
            .collect();
        if debts.is_empty() {
            continue;
        }
        draw_table_header(pages, title, "Owed", "A month")?;
        for (index, debt) in debts.iter().enumerate() {
            let row = Row {
                name: wrap_name(pages, &debt.creditor),
                entered: format_money(debt.owed),
                monthly: format_money(debt.payment_monthly),
                bold: false,
            };
            draw_row(pages, &row, index)?;
        }
        let total: Decimal = debts.iter().map(|debt| debt.payment_monthly).sum();
        let total_row = Row {
            name: vec![format!("Total {}", title.to_lowercase())],
            entered: String::new(),
            monthly: format_money(total),
            bold: true,
        };
        pages.ensure_room(row_height_mm(&total_row) + 1.0)?;
        pages.rule(MARGIN_LEFT_MM, CONTENT_RIGHT_MM, pages.cursor_mm, 0.6, 0.3);
        draw_row(pages, &total_row, 0)?;
        draw_paragraph(pages, note, NOTE, 1.0)?;
    }
    Ok(())
}

/// Income less each kind of outgoing, down to what is left: the sum a tenant can check.
fn draw_bottom_line(pages: &mut Pages<'_>, assessment: &Assessment) -> Result<(), DocumentError> {
    draw_table_header(pages, "Each month", "", "")?;
    let rows = [
        ("Income", assessment.income_monthly_total, false),
        (
            "Less fixed costs",
            -assessment.fixed_costs_monthly_total,
            false,
        ),
        (
            "Less flexible costs",
            -assessment.flexible_costs_monthly_total,
            false,
        ),
        (
            "Less savings",
            -assessment.savings_contribution_monthly_total,
            false,
        ),
        (
            "Less priority debt payments",
            -assessment.priority_debt_payments_monthly_total,
            false,
        ),
        ("Left over", assessment.disposable_income_monthly, true),
    ];
    for (index, (label, amount, bold)) in rows.into_iter().enumerate() {
        let row = Row {
            name: vec![label.to_string()],
            entered: String::new(),
            monthly: format_money(amount),
            bold,
        };
        if bold {
            pages.rule(MARGIN_LEFT_MM, CONTENT_RIGHT_MM, pages.cursor_mm, 0.6, 0.3);
        }
        draw_row(pages, &row, index)?;
    }
    draw_paragraph(pages, &assessment.outcome_sentence(), BODY, 1.5)
}

fn draw_proposal(
    pages: &mut Pages<'_>,
    proposal: Option<&Proposal>,
    landlord: &Landlord,
) -> Result<(), DocumentError> {
    pages.ensure_room(30.0)?;
    pages.cursor_mm += 4.0;
    let heading_baseline_mm = pages.cursor_mm + 4.0;
    pages.text(
        MARGIN_LEFT_MM,
        heading_baseline_mm,
        "Proposed payment towards the arrears",
        HEADING,
    );
    pages.cursor_mm = heading_baseline_mm + 1.5;
    let text = match proposal {
        Some(proposal) => format!(
            "The arrears are {}. {}",
            format_money(proposal.arrears),
            proposal.explanation
        ),
        None => format!(
            "The account is not in arrears, so no payment towards arrears is proposed. Please keep \
             paying the rent in full; if that becomes hard, call {} on {}.",
            landlord.name.trim(),
            landlord.phone.trim()
        ),
    };
    draw_paragraph(pages, &text, BODY, 1.0)
}

fn draw_declaration(pages: &mut Pages<'_>, officer_name: &str) -> Result<(), DocumentError> {
    // The declaration and both signature blocks stay together on one page.
    pages.ensure_room(62.0)?;
    pages.cursor_mm += 4.0;
    let heading_baseline_mm = pages.cursor_mm + 4.0;
    pages.text(MARGIN_LEFT_MM, heading_baseline_mm, "Declaration", HEADING);
    pages.cursor_mm = heading_baseline_mm + 1.5;
    draw_paragraph(
        pages,
        "I confirm that the information in this statement is true and complete to the best of my \
         knowledge. I understand that any payment agreed is based on it, and that I should tell \
         my landlord if my circumstances change.",
        BODY,
        1.0,
    )?;
    for signer in [
        "Tenant's signature".to_string(),
        format!("Officer: {officer_name}"),
    ] {
        pages.cursor_mm += 12.0;
        let line_mm = pages.cursor_mm;
        pages.rule(MARGIN_LEFT_MM, MARGIN_LEFT_MM + 100.0, line_mm, 0.5, 0.3);
        pages.rule(MARGIN_LEFT_MM + 115.0, CONTENT_RIGHT_MM, line_mm, 0.5, 0.3);
        pages.text(MARGIN_LEFT_MM, line_mm + 4.0, &signer, LABEL);
        pages.text(MARGIN_LEFT_MM + 115.0, line_mm + 4.0, "Date", LABEL);
        pages.cursor_mm = line_mm + 5.0;
    }
    Ok(())
}
