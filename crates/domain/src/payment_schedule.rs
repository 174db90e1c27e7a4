//! Third-party payment schedules: what a local authority, support provider or appointee has
//! agreed to pay towards the rent or service charges, period by period, and the receipts
//! matched against it.
//!
//! Receipts are allocated oldest period first: a payer who is late pays the earliest period
//! they owe, as a ledger's running balance would, so a shortfall is always on the latest
//! periods and never hides behind a later overpayment. A period is short only once its grace
//! days after the due date have passed: payers' remittances land a few days either side.

use chrono::{Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::benefits::long_date;
use crate::money::format_money;

/// Periods a schedule produces at most: ten years of weekly periods. Every loop is bounded by it.
pub const SCHEDULE_PERIODS_MAX: usize = 520;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayerKind {
    LocalAuthority,
    SupportProvider,
    Appointee,
}

impl PayerKind {
    pub const ALL: [PayerKind; 3] = [
        PayerKind::LocalAuthority,
        PayerKind::SupportProvider,
        PayerKind::Appointee,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            PayerKind::LocalAuthority => "Local authority",
            PayerKind::SupportProvider => "Support provider",
            PayerKind::Appointee => "Appointee",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchedulePeriod {
    Weekly,
    FourWeekly,
    Monthly,
}

impl SchedulePeriod {
    pub const ALL: [SchedulePeriod; 3] = [
        SchedulePeriod::Weekly,
        SchedulePeriod::FourWeekly,
        SchedulePeriod::Monthly,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            SchedulePeriod::Weekly => "Weekly",
            SchedulePeriod::FourWeekly => "Every four weeks",
            SchedulePeriod::Monthly => "Monthly",
        }
    }

    /// The first day of the period `index` periods after `start`.
    fn start_of(&self, start: NaiveDate, index: u32) -> Option<NaiveDate> {
        match self {
            SchedulePeriod::Weekly => start.checked_add_days(Days::new(7 * u64::from(index))),
            SchedulePeriod::FourWeekly => start.checked_add_days(Days::new(28 * u64::from(index))),
            // Counted from the start each time, so a 31st clamps to each month's end without
            // drifting.
            SchedulePeriod::Monthly => start.checked_add_months(Months::new(index)),
        }
    }
}

/// What the payer agreed: a fixed amount each period, due on the period's first day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleTerms {
    pub period: SchedulePeriod,
    pub amount_per_period: Decimal,
    pub starts_on: NaiveDate,
    /// The last day the agreement covers; None while it runs on.
    pub ends_on: Option<NaiveDate>,
    pub grace_days: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodDue {
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub due_on: NaiveDate,
    pub amount: Decimal,
}

/// The periods that start on or before `through` (and within the agreement), oldest first,
/// at most `SCHEDULE_PERIODS_MAX`.
pub fn periods_due(terms: &ScheduleTerms, through: NaiveDate) -> Vec<PeriodDue> {
    let last_day = terms.ends_on.map_or(through, |ends| ends.min(through));
    let mut periods = Vec::new();
    for index in 0..SCHEDULE_PERIODS_MAX {
        let Ok(index) = u32::try_from(index) else {
            break;
        };
        let Some(from) = terms.period.start_of(terms.starts_on, index) else {
            break;
        };
        if from > last_day {
            break;
        }
        let next = terms
            .period
            .start_of(terms.starts_on, index + 1)
            .unwrap_or(from);
        let to = next.pred_opt().unwrap_or(from);
        periods.push(PeriodDue {
            period_from: from,
            period_to: terms.ends_on.map_or(to, |ends| ends.min(to)),
            due_on: from,
            amount: terms.amount_per_period,
        });
    }
    periods
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub received_on: NaiveDate,
    /// Positive: what the payer paid.
    pub amount: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodStatus {
    Paid,
    /// Not (fully) paid, but the grace days have not passed.
    Awaited,
    Short,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodLine {
    pub due: PeriodDue,
    pub received: Decimal,
    /// Due minus received; never negative.
    pub outstanding: Decimal,
    pub status: PeriodStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleReconciliation {
    pub lines: Vec<PeriodLine>,
    pub total_due: Decimal,
    pub total_received: Decimal,
    /// Received beyond everything due so far: paid ahead.
    pub in_advance: Decimal,
    /// The outstanding amount of the periods whose grace has passed.
    pub shortfall: Decimal,
}

/// Receipts matched to the periods due through `today`, oldest period first (module comment).
pub fn reconcile(
    terms: &ScheduleTerms,
    receipts: &[Receipt],
    today: NaiveDate,
) -> ScheduleReconciliation {
    let periods = periods_due(terms, today);
    let total_received: Decimal = receipts
        .iter()
        .filter(|receipt| receipt.received_on >= terms.starts_on && receipt.received_on <= today)
        .map(|receipt| receipt.amount.max(Decimal::ZERO))
        .sum();
    let mut unallocated = total_received;
    let mut lines = Vec::with_capacity(periods.len());
    for due in periods {
        let received = unallocated.min(due.amount).max(Decimal::ZERO);
        unallocated -= received;
        let outstanding = due.amount - received;
        let grace_over = due
            .due_on
            .checked_add_days(Days::new(u64::from(terms.grace_days)))
            .is_some_and(|last| today > last);
        let status = if outstanding.is_zero() {
            PeriodStatus::Paid
        } else if grace_over {
            PeriodStatus::Short
        } else {
            PeriodStatus::Awaited
        };
        lines.push(PeriodLine {
            due,
            received,
            outstanding,
            status,
        });
    }
    let total_due = lines.iter().map(|line| line.due.amount).sum();
    let shortfall = lines
        .iter()
        .filter(|line| line.status == PeriodStatus::Short)
        .map(|line| line.outstanding)
        .sum();
    ScheduleReconciliation {
        lines,
        total_due,
        total_received,
        in_advance: unallocated,
        shortfall,
    }
}

/// The worklist's words for a shortfall, naming the payer and the oldest short period.
pub fn shortfall_words(payer: &str, reconciliation: &ScheduleReconciliation) -> Option<String> {
    let oldest = reconciliation
        .lines
        .iter()
        .find(|line| line.status == PeriodStatus::Short)?;
    let periods = reconciliation
        .lines
        .iter()
        .filter(|line| line.status == PeriodStatus::Short)
        .count();
    Some(format!(
        "{payer} is {} short on the payment schedule ({periods} period{} unpaid, the oldest due {})",
        format_money(reconciliation.shortfall),
        if periods == 1 { "" } else { "s" },
        long_date(oldest.due.due_on)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, month, day).expect("a real date in a test")
    }

    fn pounds(text: &str) -> Decimal {
        text.parse().expect("a test amount")
    }

    fn terms(period: SchedulePeriod, amount: &str) -> ScheduleTerms {
        ScheduleTerms {
            period,
            amount_per_period: pounds(amount),
            starts_on: date(1, 5),
            ends_on: None,
            grace_days: 5,
        }
    }

    #[test]
    fn periods_follow_the_frequency_and_stop_at_the_end() {
        let weekly = periods_due(&terms(SchedulePeriod::Weekly, "100.00"), date(1, 26));
        assert_eq!(weekly.len(), 4);
        assert_eq!(weekly[3].period_from, date(1, 26));
        assert_eq!(weekly[0].period_to, date(1, 11));
        let monthly = ScheduleTerms {
            starts_on: date(1, 31),
            ..terms(SchedulePeriod::Monthly, "400.00")
        };
        let months = periods_due(&monthly, date(4, 30));
        let starts: Vec<NaiveDate> = months.iter().map(|period| period.period_from).collect();
        assert_eq!(starts, [date(1, 31), date(2, 28), date(3, 31), date(4, 30)]);
        let ended = ScheduleTerms {
            ends_on: Some(date(2, 10)),
            ..terms(SchedulePeriod::FourWeekly, "400.00")
        };
        let periods = periods_due(&ended, date(12, 1));
        assert_eq!(periods.len(), 2);
        assert_eq!(periods[1].period_to, date(2, 10));
    }

    #[test]
    fn receipts_pay_the_oldest_period_first_and_short_periods_wait_for_their_grace() {
        let schedule = terms(SchedulePeriod::Weekly, "100.00");
        let receipts = [
            Receipt {
                received_on: date(1, 6),
                amount: pounds("100.00"),
            },
            Receipt {
                received_on: date(1, 20),
                amount: pounds("150.00"),
            },
        ];
        // Due 5, 12, 19 and 26 January; today 28 January: the 26th is within its grace.
        let found = reconcile(&schedule, &receipts, date(1, 28));
        let statuses: Vec<PeriodStatus> = found.lines.iter().map(|line| line.status).collect();
        use PeriodStatus::*;
        assert_eq!(statuses, [Paid, Paid, Short, Awaited]);
        assert_eq!(found.lines[2].received, pounds("50.00"));
        assert_eq!(found.shortfall, pounds("50.00"));
        let words = shortfall_words("Calder Support Ltd", &found).expect("short");
        assert!(
            words.contains("£50.00 short") && words.contains("19 January 2026"),
            "{words}"
        );
        let paid_up = reconcile(
            &schedule,
            &[Receipt {
                received_on: date(1, 27),
                amount: pounds("500.00"),
            }],
            date(1, 28),
        );
        assert_eq!(paid_up.shortfall, Decimal::ZERO);
        assert_eq!(paid_up.in_advance, pounds("100.00"));
        assert_eq!(shortfall_words("x", &paid_up), None);
    }

    proptest! {
        #[test]
        fn allocation_adds_up(
            amount_pence in 1i64..100_000,
            receipts_pence in proptest::collection::vec(1i64..200_000, 0..20),
            days in 0u64..400,
            period_index in 0usize..3,
        ) {
            let period = SchedulePeriod::ALL[period_index];
            let schedule = ScheduleTerms {
                amount_per_period: Decimal::new(amount_pence, 2),
                ..terms(period, "1")
            };
            let today = date(1, 5) + Days::new(days);
            let receipts: Vec<Receipt> = receipts_pence
                .iter()
                .enumerate()
                .map(|(index, pence)| Receipt {
                    received_on: date(1, 5) + Days::new((index as u64 * 13) % (days + 1)),
                    amount: Decimal::new(*pence, 2),
                })
                .collect();
            let found = reconcile(&schedule, &receipts, today);
            let allocated: Decimal = found.lines.iter().map(|line| line.received).sum();
            let outstanding: Decimal = found.lines.iter().map(|line| line.outstanding).sum();
            // Every pound received is either allocated to a period or held in advance.
            prop_assert_eq!(allocated + found.in_advance, found.total_received);
            prop_assert_eq!(allocated + outstanding, found.total_due);
            prop_assert_eq!(found.total_due, schedule.amount_per_period * Decimal::from(found.lines.len()));
            for line in &found.lines {
                prop_assert!(line.outstanding >= Decimal::ZERO && line.received >= Decimal::ZERO);
            }
            // Oldest first: once a period is not fully paid, no later period has received anything.
            if let Some(first_unpaid) = found.lines.iter().position(|line| !line.outstanding.is_zero()) {
                prop_assert!(found.lines[first_unpaid + 1..].iter().all(|line| line.received.is_zero()));
                prop_assert!(found.in_advance.is_zero());
            }
            prop_assert!(found.shortfall <= outstanding);
        }
    }
}
