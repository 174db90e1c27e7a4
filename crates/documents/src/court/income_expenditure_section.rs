//! The income and expenditure section of a bundle. The tenant's copy (`income_expenditure_pdf`)
//! is drawn from the domain's assessment of a live account; a bundle is assembled from
//! figures the caller has already computed, so this section takes the lines and totals as
//! given and only checks that they add up.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::court::claim::{check_list, check_text, incomplete, ClaimHeader};
use crate::court::paper::{heading, money, paragraph, table, title_block, Column, TableRow};
use crate::error::{long_date, DocumentError};
use crate::layout::Pages;

const DOCUMENT: &str = "income and expenditure section";

#[derive(Debug, Clone, PartialEq)]
pub struct MoneyLine {
    pub label: String,
    pub amount: Decimal,
}

/// Monthly figures from an income and expenditure assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct IncomeExpenditureSummary {
    pub assessed_on: NaiveDate,
    pub income: Vec<MoneyLine>,
    pub expenditure: Vec<MoneyLine>,
    pub income_total: Decimal,
    pub expenditure_total: Decimal,
    /// Income less expenditure; negative is a shortfall.
    pub surplus: Decimal,
    /// What was offered or agreed, in the officer's words.
    pub outcome: String,
}

pub(crate) fn check_income_expenditure(
    summary: &IncomeExpenditureSummary,
) -> Result<(), DocumentError> {
    check_list(DOCUMENT, "income lines", &summary.income, true)?;
    check_list(DOCUMENT, "expenditure lines", &summary.expenditure, true)?;
    check_text(DOCUMENT, "outcome", &summary.outcome)?;
    let income: Decimal = summary.income.iter().map(|line| line.amount).sum();
    let expenditure: Decimal = summary.expenditure.iter().map(|line| line.amount).sum();
    if income != summary.income_total
        || expenditure != summary.expenditure_total
        || summary.income_total - summary.expenditure_total != summary.surplus
    {
        return Err(incomplete(
            DOCUMENT,
            format!(
                "the totals do not add up: the income lines make {}, the expenditure lines {}, \
                 and the surplus given is {}",
                money(income),
                money(expenditure),
                money(summary.surplus)
            ),
        ));
    }
    Ok(())
}

pub(crate) fn draw_income_expenditure(
    pages: &mut Pages<'_>,
    header: &ClaimHeader,
    summary: &IncomeExpenditureSummary,
) -> Result<(), DocumentError> {
    title_block(
        pages,
        "Income and expenditure",
        &format!(
            "Monthly figures from the assessment of {}.",
            long_date(&summary.assessed_on)
        ),
        header,
    )?;
    let columns = [
        Column {
            title: "Item",
            width_mm: 130.0,
            right_aligned: false,
        },
        Column {
            title: "Monthly",
            width_mm: 40.0,
            right_aligned: true,
        },
    ];
    for (title, lines, total) in [
        ("Income", &summary.income, summary.income_total),
        (
            "Expenditure",
            &summary.expenditure,
            summary.expenditure_total,
        ),
    ] {
        heading(pages, title)?;
        let mut rows: Vec<TableRow> = lines
            .iter()
            .map(|line| TableRow {
                cells: vec![line.label.clone(), money(line.amount)],
                bold: false,
            })
            .collect();
        rows.push(TableRow {
            cells: vec![format!("Total {}", title.to_lowercase()), money(total)],
            bold: true,
        });
        table(pages, &columns, &rows)?;
    }
    let surplus_label = if summary.surplus < Decimal::ZERO {
        "Shortfall each month"
    } else {
        "Left each month"
    };
    table(
        pages,
        &columns,
        &[TableRow {
            cells: vec![surplus_label.to_string(), money(summary.surplus)],
            bold: true,
        }],
    )?;
    heading(pages, "Outcome")?;
    paragraph(pages, &summary.outcome)
}
