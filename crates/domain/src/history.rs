//! How the account got here: the 13-week trend and the last payment, in words.
//!
//! The Pre-Action Protocol asks for rent statements covering at least the last 13 weeks
//! (DOMAIN.md), and officers talk about the quarter's direction before anything else: "you
//! were £120 more behind than in August".

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;

use crate::benefits::long_date;
use crate::ledger::{reversal_of, Entry, EntryKind};
use crate::money::format_money;

pub const TREND_WEEKS: u64 = 13;

/// The first day the trend needs entries for: the Monday `TREND_WEEKS` weeks before this week's.
pub fn trend_window_start(today: NaiveDate) -> NaiveDate {
    let this_monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    this_monday - Days::new(7 * TREND_WEEKS)
}

/// The balance at the end of each of the last 13 weeks (Sundays), then today, oldest first.
/// `balance_before_window` is the sum of every entry before `trend_window_start(today)`;
/// `window_entries` are the entries from that day on, in posting order.
pub fn weekly_trend(
    balance_before_window: Decimal,
    window_entries: &[Entry],
    today: NaiveDate,
) -> Vec<(NaiveDate, Decimal)> {
    let start = trend_window_start(today);
    let mut points = Vec::with_capacity(TREND_WEEKS as usize + 1);
    for week in 1..=TREND_WEEKS {
        let sunday = start + Days::new(7 * week - 1);
        points.push((
            sunday,
            balance_through(balance_before_window, window_entries, sunday),
        ));
    }
    points.push((
        today,
        balance_through(balance_before_window, window_entries, today),
    ));
    points
}

fn balance_through(opening: Decimal, entries: &[Entry], through: NaiveDate) -> Decimal {
    opening
        + entries
            .iter()
            .filter(|entry| entry.posted_on <= through)
            .map(|entry| entry.amount)
            .sum::<Decimal>()
}

/// "Up £120.00 in 13 weeks, from £492.40 to £612.40."
pub fn explain_trend(points: &[(NaiveDate, Decimal)]) -> String {
    let (Some((from_on, from)), Some((_, to))) = (points.first(), points.last()) else {
        return "No history yet.".to_string();
    };
    let change = *to - *from;
    let since = long_date(*from_on);
    if change.is_zero() {
        format!(
            "No change since {since}: {} then and now.",
            format_money(*to)
        )
    } else if change > Decimal::ZERO {
        format!(
            "Up {} since {since}, from {} to {}: the debt is growing.",
            format_money(change),
            format_money(*from),
            format_money(*to)
        )
    } else {
        format!(
            "Down {} since {since}, from {} to {}.",
            format_money(-change),
            format_money(*from),
            format_money(*to)
        )
    }
}

/// The latest payment that still stands, with its amount and how it was paid.
pub fn last_payment(entries: &[Entry]) -> Option<&Entry> {
    entries
        .iter()
        .filter(|entry| matches!(entry.kind, EntryKind::Payment { .. }))
        .filter(|entry| reversal_of(entries, entry.id).is_none())
        .max_by_key(|entry| entry.posted_on)
}

/// "Last payment £25.00 (Card payment) 16 days ago, on 7 November 2026."
pub fn explain_last_payment(
    last_payment_on: Option<NaiveDate>,
    details: Option<&Entry>,
    today: NaiveDate,
) -> (Option<i64>, String) {
    let Some(paid_on) = last_payment_on else {
        return (
            None,
            "No payment has been recorded on this account.".to_string(),
        );
    };
    let days = (today - paid_on).num_days().max(0);
    let when = match days {
        0 => "today".to_string(),
        1 => "yesterday".to_string(),
        _ => format!("{days} days ago, on {}", long_date(paid_on)),
    };
    let what = details
        .filter(|entry| entry.posted_on == paid_on)
        .map(|entry| format!(" {} ({})", format_money(-entry.amount), entry.kind.label()))
        .unwrap_or_default();
    (Some(days), format!("Last payment{what} {when}."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{ChargeKind, PaymentMethod};
    use std::str::FromStr;
    use uuid::Uuid;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::from_str(text).expect("test date")
    }

    fn entry(id: u128, on: &str, kind: EntryKind, pence: i64) -> Entry {
        Entry {
            id: Uuid::from_u128(id),
            posted_on: date(on),
            kind,
            amount: Decimal::new(pence, 2),
            description: String::new(),
        }
    }

    const RENT: EntryKind = EntryKind::Charge {
        charge: ChargeKind::Rent,
    };
    const CARD: EntryKind = EntryKind::Payment {
        method: PaymentMethod::Card,
    };

    #[test]
    fn trend_is_the_running_balance_at_each_week_end() {
        let today = date("2026-11-23"); // a Monday
        assert_eq!(trend_window_start(today), date("2026-08-24"));
        let entries = [
            entry(1, "2026-08-24", RENT, 10_000),
            entry(2, "2026-11-16", RENT, 10_000),
            entry(3, "2026-11-23", CARD, -5_000),
        ];
        let points = weekly_trend(Decimal::new(50_000, 2), &entries, today);
        assert_eq!(points.len(), 14);
        assert_eq!(points[0], (date("2026-08-30"), Decimal::new(60_000, 2)));
        assert_eq!(points[12], (date("2026-11-22"), Decimal::new(70_000, 2)));
        assert_eq!(points[13], (today, Decimal::new(65_000, 2)));
        assert_eq!(
            explain_trend(&points),
            "Up £50.00 since 30 August 2026, from £600.00 to £650.00: the debt is growing."
        );
    }

    #[test]
    fn a_reversed_payment_was_never_made() {
        let entries = [
            entry(1, "2026-11-02", CARD, -2_500),
            entry(2, "2026-11-09", CARD, -3_000),
            entry(
                3,
                "2026-11-12",
                EntryKind::Reversal {
                    reverses: Uuid::from_u128(2),
                },
                3_000,
            ),
        ];
        let last = last_payment(&entries);
        assert_eq!(last.map(|entry| entry.id), Some(Uuid::from_u128(1)));
        let (days, words) =
            explain_last_payment(last.map(|entry| entry.posted_on), last, date("2026-11-23"));
        assert_eq!(days, Some(21));
        assert_eq!(
            words,
            "Last payment £25.00 (Card payment) 21 days ago, on 2 November 2026."
        );
        assert_eq!(
            explain_last_payment(None, None, date("2026-11-23")).1,
            "No payment has been recorded on this account."
        );
    }
}
