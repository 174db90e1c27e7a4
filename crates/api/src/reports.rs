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
