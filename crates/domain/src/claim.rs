//! The figures of a possession claim: the arrears schedule and the amount due at issue.
//!
//! CPR PD 55B para 6.3(c) (Possession Claims Online, followed for paper claims too): the
//! schedule shows every amount of rent due and every payment made "over the period of two
//! years immediately preceding the date of issue, or if the first date of default occurred
//! less than two years before the date of issue, from the first date of default", with a
//! running balance. Everything here is computed from the ledger, so the paper equals the
//! screen.

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ledger::Entry;

/// One line of the schedule: a ledger entry with the balance after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleLine {
    pub date: NaiveDate,
    pub description: String,
    /// What the entry added to the balance (charges, refunds, reversals of payments).
    pub debit: Decimal,
    /// What it took off (payments, write-offs, reversals of charges).
    pub credit: Decimal,
    pub balance: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArrearsSchedule {
    /// The first day the schedule covers.
    pub from: NaiveDate,
    /// The issue date: the last day it covers.
    pub to: NaiveDate,
    /// Why the schedule starts where it does, in words for the particulars.
    pub starts_because: String,
    /// The balance at the end of the day before `from`.
    pub brought_forward: Decimal,
    pub lines: Vec<ScheduleLine>,
    pub total_debits: Decimal,
    pub total_credits: Decimal,
    /// The amount due at issue: brought forward + debits − credits.
    pub closing_balance: Decimal,
}

/// The schedule for a claim issued on `issue_date`, from the ledger in posting order.
/// Entries after the issue date are not part of the claim and are left out.
pub fn arrears_schedule(entries: &[Entry], issue_date: NaiveDate) -> ArrearsSchedule {
    let two_years_before = issue_date
        .checked_sub_months(Months::new(24))
        .unwrap_or(NaiveDate::MIN);
    let first_default = first_date_of_default(entries, issue_date);
    let (from, starts_because) = match first_default {
        Some(default) if default > two_years_before => (
            default,
            "from the first date of default, less than two years before issue".to_string(),
        ),
        _ => (
            two_years_before,
            "the two years immediately before the date of issue".to_string(),
        ),
    };
    let brought_forward: Decimal = entries
        .iter()
        .filter(|entry| entry.posted_on < from)
        .map(|entry| entry.amount)
        .sum();
    let mut balance = brought_forward;
    let mut total_debits = Decimal::ZERO;
    let mut total_credits = Decimal::ZERO;
    let lines = entries
        .iter()
        .filter(|entry| entry.posted_on >= from && entry.posted_on <= issue_date)
        .map(|entry| {
            balance += entry.amount;
            let (debit, credit) = if entry.amount >= Decimal::ZERO {
                (entry.amount, Decimal::ZERO)
            } else {
                (Decimal::ZERO, -entry.amount)
            };
            total_debits += debit;
            total_credits += credit;
            let description = if entry.description.trim().is_empty() {
                entry.kind.label()
            } else {
                entry.description.clone()
            };
            ScheduleLine {
                date: entry.posted_on,
                description,
                debit,
                credit,
                balance,
            }
        })
        .collect();
    ArrearsSchedule {
        from,
        to: issue_date,
        starts_because,
        brought_forward,
        lines,
        total_debits,
        total_credits,
        closing_balance: balance,
    }
}

/// The day the current run of arrears began: the posting date of the entry after which the
/// balance went above zero and never came back to zero or below up to `on`. None when the
/// account is not in arrears on `on`.
pub fn first_date_of_default(entries: &[Entry], on: NaiveDate) -> Option<NaiveDate> {
    let mut balance = Decimal::ZERO;
    let mut run_started: Option<NaiveDate> = None;
    for entry in entries.iter().filter(|entry| entry.posted_on <= on) {
        balance += entry.amount;
        if balance > Decimal::ZERO {
            run_started.get_or_insert(entry.posted_on);
        } else {
            run_started = None;
        }
    }
    run_started
}

/// The balance at the end of `on`.
pub fn balance_on(entries: &[Entry], on: NaiveDate) -> Decimal {
    entries
        .iter()
        .filter(|entry| entry.posted_on <= on)
        .map(|entry| entry.amount)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{ChargeKind, EntryKind, PaymentMethod};
    use proptest::prelude::*;
    use uuid::Uuid;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("test date")
    }

    fn pounds(pence: i64) -> Decimal {
        Decimal::new(pence, 2)
    }

    fn rent(on: NaiveDate, pence: i64) -> Entry {
        Entry {
            id: Uuid::nil(),
            posted_on: on,
            kind: EntryKind::Charge {
                charge: ChargeKind::Rent,
            },
            amount: pounds(pence),
            description: "Rent".into(),
        }
    }

    fn payment(on: NaiveDate, pence: i64) -> Entry {
        Entry {
            id: Uuid::nil(),
            posted_on: on,
            kind: EntryKind::Payment {
                method: PaymentMethod::Card,
            },
            amount: -pounds(pence),
            description: String::new(),
        }
    }

    /// Ten years of £100 weekly rent with £90 paid each week: in arrears throughout.
    fn ten_years_underpaying() -> Vec<Entry> {
        let mut entries = Vec::new();
        let mut monday = date(2016, 11, 28);
        while monday <= date(2026, 11, 23) {
            entries.push(rent(monday, 10000));
            entries.push(payment(monday, 9000));
            monday = monday + chrono::Days::new(7);
        }
        entries
    }

    #[test]
    fn a_long_default_gives_exactly_the_two_years_before_issue() {
        // PD 55B 6.3(c): "the period of two years immediately preceding the date of issue".
        let entries = ten_years_underpaying();
        let schedule = arrears_schedule(&entries, date(2026, 11, 24));
        assert_eq!(schedule.from, date(2024, 11, 24));
        assert_eq!(schedule.to, date(2026, 11, 24));
        assert!(schedule.lines.iter().all(|line| line.date >= schedule.from));
        let before: Decimal = entries
            .iter()
            .filter(|entry| entry.posted_on < date(2024, 11, 24))
            .map(|entry| entry.amount)
            .sum();
        assert_eq!(schedule.brought_forward, before);
        assert_eq!(schedule.closing_balance, balance_on(&entries, schedule.to));
    }

    #[test]
    fn a_recent_default_starts_on_the_first_date_of_default() {
        // PD 55B 6.3(c): "... or if the first date of default occurred less than two years
        // before the date of issue, from the first date of default".
        let entries = vec![
            rent(date(2025, 1, 6), 10000),
            payment(date(2025, 1, 6), 10000),
            rent(date(2026, 3, 2), 10000),
            payment(date(2026, 3, 3), 10000),
            rent(date(2026, 3, 9), 10000),
            rent(date(2026, 3, 16), 10000),
        ];
        let schedule = arrears_schedule(&entries, date(2026, 11, 24));
        assert_eq!(schedule.from, date(2026, 3, 9));
        assert_eq!(schedule.brought_forward, Decimal::ZERO);
        assert_eq!(schedule.lines.len(), 2);
        assert_eq!(schedule.closing_balance, pounds(20000));
        assert!(schedule.starts_because.contains("first date of default"));
    }

    #[test]
    fn entries_after_issue_are_not_claimed() {
        let entries = vec![
            rent(date(2026, 11, 16), 10000),
            rent(date(2026, 11, 23), 10000),
            rent(date(2026, 11, 30), 10000),
        ];
        let schedule = arrears_schedule(&entries, date(2026, 11, 24));
        assert_eq!(schedule.closing_balance, pounds(20000));
        assert_eq!(schedule.lines.len(), 2);
    }

    proptest! {
        #[test]
        fn the_schedule_adds_up_and_ends_at_the_ledger_balance(
            amounts in proptest::collection::vec(-20000i64..30000, 1..200),
            issue_offset in 0u64..1500,
        ) {
            let start = date(2022, 1, 3);
            let entries: Vec<Entry> = amounts
                .iter()
                .enumerate()
                .filter(|(_, pence)| **pence != 0)
                .map(|(index, pence)| {
                    let on = start + chrono::Days::new(index as u64 * 7);
                    if *pence > 0 { rent(on, *pence) } else { payment(on, -*pence) }
                })
                .collect();
            let issue = start + chrono::Days::new(issue_offset);
            let schedule = arrears_schedule(&entries, issue);
            let mut running = schedule.brought_forward;
            for line in &schedule.lines {
                running = running + line.debit - line.credit;
                prop_assert_eq!(running, line.balance);
            }
            prop_assert_eq!(running, schedule.closing_balance);
            prop_assert_eq!(
                schedule.brought_forward + schedule.total_debits - schedule.total_credits,
                schedule.closing_balance
            );
            prop_assert_eq!(schedule.closing_balance, balance_on(&entries, issue));
            prop_assert!(schedule.from <= issue);
        }
    }
}
