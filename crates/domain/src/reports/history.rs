//! One account's balance over time with its charges, payments and the steps taken: the series
//! behind the chart on the account page and in the court bundle. A tenant or a judge reads a
//! line faster than a statement, but only if the line is the ledger: every balance here is the
//! ledger's balance at the end of that day.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::claim::balance_on;
use crate::ledger::{Entry, EntryKind};

use super::dated_entries_counted_as;

/// What kind of step a marker on the chart stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartEventKind {
    Letter,
    Notice,
    Arrangement,
    Court,
}

impl ChartEventKind {
    pub fn label(&self) -> &'static str {
        match self {
            ChartEventKind::Letter => "Letter",
            ChartEventKind::Notice => "Notice",
            ChartEventKind::Arrangement => "Arrangement",
            ChartEventKind::Court => "Court",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartEvent {
    pub on: NaiveDate,
    pub kind: ChartEventKind,
    /// What happened, in the officer's words ("Letter 1", "Suspended possession order").
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BalanceHistory {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The balance at the end of `from`, of every day in between on which something was posted,
    /// and of `to`: a step line through these points is the ledger.
    pub balances: Vec<(NaiveDate, Decimal)>,
    /// Charges per day, net of reversed charges (a reversal counts on the day it is posted).
    pub charges: Vec<(NaiveDate, Decimal)>,
    /// Payments per day as positive amounts, net of returned payments.
    pub payments: Vec<(NaiveDate, Decimal)>,
    /// Steps dated within the range, oldest first.
    pub events: Vec<ChartEvent>,
}

/// The series for `from` to `to` inclusive. `from` after `to` gives the single day `to`.
pub fn balance_history(
    entries: &[Entry],
    mut events: Vec<ChartEvent>,
    from: NaiveDate,
    to: NaiveDate,
) -> BalanceHistory {
    let from = from.min(to);
    let mut days: Vec<NaiveDate> = entries
        .iter()
        .map(|entry| entry.posted_on)
        .filter(|on| from < *on && *on < to)
        .collect();
    days.push(from);
    days.push(to);
    days.sort();
    days.dedup();

    let mut in_range: Vec<&Entry> = entries
        .iter()
        .filter(|entry| from < entry.posted_on && entry.posted_on <= to)
        .collect();
    in_range.sort_by_key(|entry| entry.posted_on);
    let mut balance = balance_on(entries, from);
    let mut next = in_range.iter().peekable();
    let balances = days
        .into_iter()
        .map(|day| {
            while let Some(entry) = next.next_if(|entry| entry.posted_on <= day) {
                balance += entry.amount;
            }
            (day, balance)
        })
        .collect();

    let mut charges: Vec<(NaiveDate, Decimal)> = Vec::new();
    let mut payments: Vec<(NaiveDate, Decimal)> = Vec::new();
    let mut counted = dated_entries_counted_as(entries, from, to);
    counted.sort_by_key(|(on, _, _)| *on);
    for (on, kind, amount) in counted {
        match kind {
            EntryKind::Charge { .. } => add_to_day(&mut charges, on, amount),
            EntryKind::Payment { .. } => add_to_day(&mut payments, on, -amount),
            _ => {}
        }
    }
    charges.retain(|(_, amount)| !amount.is_zero());
    payments.retain(|(_, amount)| !amount.is_zero());

    events.retain(|event| from <= event.on && event.on <= to);
    events.sort_by_key(|event| event.on);
    BalanceHistory {
        from,
        to,
        balances,
        charges,
        payments,
        events,
    }
}

fn add_to_day(series: &mut Vec<(NaiveDate, Decimal)>, on: NaiveDate, amount: Decimal) {
    match series.last_mut() {
        Some((last, total)) if *last == on => *total += amount,
        _ => series.push((on, amount)),
    }
}
