//! The officer's weekly arrears report, as the CLI (and later the report screen) shows it.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyReportRequest {
    /// Any day of the week wanted; the report runs Monday to Sunday.
    pub week_of: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoverView {
    pub payment_reference: String,
    pub balance_before: Decimal,
    pub balance_after: Decimal,
    pub movement: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentsByMethodView {
    pub method: String,
    pub payments_count: u32,
    pub received_total: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyReportView {
    pub week_starting: NaiveDate,
    pub week_ending: NaiveDate,
    pub accounts_in_arrears_at_start: u32,
    pub arrears_at_start: Decimal,
    pub accounts_in_arrears_at_end: u32,
    pub arrears_at_end: Decimal,
    pub arrears_movement: Decimal,
    pub new_cases_in_arrears: Vec<String>,
    pub arrangements_made: u32,
    pub arrangements_kept: u32,
    pub arrangements_broken: u32,
    pub notices_served: u32,
    pub court_actions: u32,
    pub home_visits: u32,
    pub payments_by_method: Vec<PaymentsByMethodView>,
    pub taken_on_visits_count: u32,
    pub taken_on_visits_total: Decimal,
    pub biggest_movers: Vec<MoverView>,
}

/// The whole report screen for one week: the weekly report, the indicators as at the week's
/// end (or today, for the week in progress), the patch's 52-week trend and the arrears' ages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatchReportView {
    pub weekly: WeeklyReportView,
    /// The day the indicators, the trend's last point and the age profile describe.
    pub as_at: NaiveDate,
    pub indicators: Vec<IndicatorView>,
    pub trend: Vec<TrendPointView>,
    pub trend_definition: String,
    pub age_profile: Vec<AgeBandView>,
    pub age_profile_definition: String,
}

/// One of the landlord's indicators, with how it was worked out and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorView {
    pub name: String,
    pub figure: FigureView,
    /// The parts of the figure in words ("£250.00 owed ÷ £7,800.00 charged"), so anyone can
    /// check it by hand.
    pub working: String,
    pub definition: String,
}

/// A figure with its type, so a screen, a PDF and a spreadsheet each format it properly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FigureView {
    /// `None` when there was nothing to divide by.
    Percent {
        percent: Option<Decimal>,
    },
    Money {
        amount: Decimal,
    },
    Count {
        count: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendPointView {
    pub week_ending: NaiveDate,
    pub accounts_in_arrears: u32,
    pub arrears_total: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeBandView {
    /// "Under 4 weeks", "4 to 13 weeks", ...
    pub label: String,
    pub accounts_count: u32,
    pub arrears_total: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountChartRequest {
    pub payment_reference: String,
    /// The first day drawn; `None` for the last two years (or the whole history when it is
    /// shorter).
    pub from: Option<NaiveDate>,
}

/// One account's balance over time with its charges, payments and steps: the ledger as a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountChartView {
    pub payment_reference: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// End-of-day balances on `from`, on every day something was posted, and on `to`.
    pub balances: Vec<DayAmountView>,
    pub charges: Vec<DayAmountView>,
    /// Positive amounts; a returned payment shows as a negative one on its day.
    pub payments: Vec<DayAmountView>,
    pub events: Vec<ChartEventView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayAmountView {
    pub on: NaiveDate,
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartEventView {
    pub on: NaiveDate,
    /// "letter", "notice", "arrangement" or "court".
    pub kind: String,
    pub label: String,
}

/// The lists an officer can take away as a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportList {
    Worklist,
    Caseload,
    /// The week's report tables (summary, payments by method, movers, indicators, trend, ages).
    WeeklyReport,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportListRequest {
    pub list: ExportList,
    pub format: ExportFormat,
    /// For the weekly report: any day of the week wanted. Ignored for the other lists.
    pub week_of: Option<NaiveDate>,
}
