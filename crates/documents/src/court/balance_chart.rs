//! The account's balance as a chart in the court bundle, beside the arrears schedule: the same
//! figures as the schedule's running balance, and the steps the landlord took marked on it.

use chrono::NaiveDate;
use doorstep_charts::{balance_chart, BalanceChartInput, ChartStep};
use rust_decimal::Decimal;

use crate::chart::draw_figure;
use crate::court::claim::ClaimHeader;
use crate::court::paper::title_block;
use crate::error::{long_date, DocumentError};
use crate::layout::{Pages, CONTENT_WIDTH_MM, MARGIN_LEFT_MM};

/// The series `domain::reports::balance_history` gives for the schedule's period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceChart {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub balances: Vec<(NaiveDate, Decimal)>,
    pub charges: Vec<(NaiveDate, Decimal)>,
    pub payments: Vec<(NaiveDate, Decimal)>,
    pub steps: Vec<ChartStep>,
}

/// Laid out in points at this size, then scaled to the page's width.
const FIGURE_WIDTH: f64 = 600.0;
const FIGURE_HEIGHT: f64 = 300.0;

pub(crate) fn draw_balance_chart(
    pages: &mut Pages<'_>,
    header: &ClaimHeader,
    chart: &BalanceChart,
) -> Result<(), DocumentError> {
    title_block(
        pages,
        "Balance chart",
        &format!(
            "The balance of the rent account from {} to {}, from the same ledger as the arrears \
             schedule, with charges, payments and the steps taken marked (key below).",
            long_date(&chart.from),
            long_date(&chart.to)
        ),
        header,
    )?;
    let input = BalanceChartInput {
        from: chart.from,
        to: chart.to,
        balances: &chart.balances,
        charges: &chart.charges,
        payments: &chart.payments,
        steps: &chart.steps,
    };
    let figure = balance_chart(&input, FIGURE_WIDTH, FIGURE_HEIGHT);
    draw_figure(pages, &figure, MARGIN_LEFT_MM, CONTENT_WIDTH_MM)
}
