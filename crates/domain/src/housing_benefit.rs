//! Housing Benefit as the council notifies it, and the check of an overpayment invoice against
//! the account before anything is repaid.
//!
//! A notification (an award, a change, a suspension, a cancellation) changes what the landlord
//! expects to be credited, so `awards_in_force` replaces the Housing Benefit award the caseload
//! came with: true arrears stay right when the council changes the weekly amount or stops
//! paying. Housing Benefit is paid 4-weekly in arrears (DOMAIN.md, "Benefits").
//!
//! A council may recover an overpayment of Housing Benefit paid direct to the landlord
//! (Housing Benefit Regulations 2006 reg 101 [check: which paragraph applies when the tenant
//! has moved]). Before repaying, the landlord checks two things against its own records: was
//! the tenant living there for the period (if they were, the overpayment is usually the
//! claimant's to repay, not the landlord's), and did the landlord actually receive that much
//! Housing Benefit for it. Either failing, the invoice is queried, never paid on trust.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::benefits::{long_date, Benefit, BenefitAward, BenefitPaidTo};
use crate::ledger::{reversal_of, Entry, EntryKind, PaymentMethod};
use crate::money::format_money;

/// A 4-weekly payment is four weeks of the weekly amount.
const WEEKS_PER_PAYMENT: i64 = 4;
/// Paid in arrears: the first payment of an award lands four weeks after it takes effect, and
/// a period's credit can land up to four weeks after the period ends.
const PAYMENT_CYCLE_DAYS: u64 = 28;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    Award,
    Change,
    Suspension,
    Cancellation,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 4] = [
        NotificationKind::Award,
        NotificationKind::Change,
        NotificationKind::Suspension,
        NotificationKind::Cancellation,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            NotificationKind::Award => "Award",
            NotificationKind::Change => "Change of award",
            NotificationKind::Suspension => "Suspension",
            NotificationKind::Cancellation => "Cancellation",
        }
    }

    /// A suspension or cancellation stops payment: nothing is expected while it is in force.
    pub fn pays(&self) -> bool {
        matches!(self, NotificationKind::Award | NotificationKind::Change)
    }
}

/// A council's Housing Benefit notification as the officer recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub kind: NotificationKind,
    /// Zero for a suspension or cancellation.
    pub weekly_amount: Decimal,
    pub paid_to: BenefitPaidTo,
    pub effective_from: NaiveDate,
    /// The last day it applies; None while it runs on.
    pub effective_to: Option<NaiveDate>,
    pub notified_on: NaiveDate,
}

/// The notification in force on `on`: of those that have started and not ended, the one that
/// took effect last (a later change replaces an earlier award), the later notified on a tie.
pub fn notification_in_force(
    notifications: &[Notification],
    on: NaiveDate,
) -> Option<&Notification> {
    notifications
        .iter()
        .filter(|notification| notification.effective_from <= on)
        .filter(|notification| notification.effective_to.is_none_or(|to| on <= to))
        .max_by_key(|notification| (notification.effective_from, notification.notified_on))
}

/// The awards credits are expected from on `today`: as recorded, with the Housing Benefit award
/// replaced by what the notifications say once any are recorded. Paying, the 4-weekly cycle
/// keeps the recorded award's payment dates (the council's cycle does not move with the
/// amount), or starts four weeks after the award took effect; stopped or ended, no Housing
/// Benefit is expected at all.
pub fn awards_in_force(
    recorded: &[BenefitAward],
    notifications: &[Notification],
    today: NaiveDate,
) -> Vec<BenefitAward> {
    if notifications.is_empty() {
        return recorded.to_vec();
    }
    let recorded_hb = recorded
        .iter()
        .find(|award| award.benefit == Benefit::HousingBenefit);
    let mut awards: Vec<BenefitAward> = recorded
        .iter()
        .filter(|award| award.benefit != Benefit::HousingBenefit)
        .cloned()
        .collect();
    if let Some(notification) = notification_in_force(notifications, today) {
        if notification.kind.pays() && notification.weekly_amount > Decimal::ZERO {
            let payment_on = recorded_hb.map_or_else(
                || notification.effective_from + Days::new(PAYMENT_CYCLE_DAYS),
                |award| award.payment_on,
            );
            awards.push(BenefitAward {
                benefit: Benefit::HousingBenefit,
                paid_to: notification.paid_to,
                amount: notification.weekly_amount * Decimal::from(WEEKS_PER_PAYMENT),
                payment_on,
            });
        }
    }
    awards
}

/// A council's invoice for Housing Benefit it says was overpaid to the landlord.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverpaymentInvoice {
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverpaymentCheck {
    pub period_days: i64,
    /// Days of the period the tenancy covered.
    pub resident_days: i64,
    /// Housing Benefit credited (and not reversed) for the period: posted after its first day
    /// and up to four weeks after its last, since it is paid in arrears (a credit landing on
    /// the first day paid for the weeks before it).
    pub hb_credited: Decimal,
    /// Accept only when the tenant was not resident for some of the period and the invoice
    /// asks no more than was received.
    pub accept: bool,
    /// What was found, in words, each a sentence; the query letter quotes the ones that fail.
    pub findings: Vec<String>,
}

fn days_inclusive(from: NaiveDate, to: NaiveDate) -> i64 {
    ((to - from).num_days() + 1).max(0)
}

/// Checks an overpayment invoice against the tenancy's dates and the ledger's Housing Benefit
/// credits (module comment).
pub fn check_overpayment(
    invoice: &OverpaymentInvoice,
    tenancy_start: NaiveDate,
    tenancy_end: Option<NaiveDate>,
    entries: &[Entry],
) -> OverpaymentCheck {
    let period_days = days_inclusive(invoice.period_from, invoice.period_to);
    let lived_from = invoice.period_from.max(tenancy_start);
    let lived_to = tenancy_end.map_or(invoice.period_to, |end| end.min(invoice.period_to));
    let resident_days = days_inclusive(lived_from, lived_to);
    let latest = invoice.period_to + Days::new(PAYMENT_CYCLE_DAYS);
    let hb_credited: Decimal = entries
        .iter()
        .filter(|entry| {
            entry.kind
                == EntryKind::Payment {
                    method: PaymentMethod::HousingBenefit,
                }
        })
        .filter(|entry| entry.posted_on > invoice.period_from && entry.posted_on <= latest)
        .filter(|entry| reversal_of(entries, entry.id).is_none())
        .map(|entry| -entry.amount)
        .sum();
    let period = format!(
        "{} to {}",
        long_date(invoice.period_from),
        long_date(invoice.period_to)
    );
    let mut findings = Vec::new();
    let resident_throughout = resident_days == period_days;
    findings.push(if resident_throughout {
        format!("The tenant was resident for the whole period {period} ({period_days} days): an overpayment for a period the tenant lived at the property is normally recoverable from the claimant, not the landlord.")
    } else if resident_days == 0 {
        format!("The tenant was not resident at any time from {period}: the tenancy ran from {}{}.", long_date(tenancy_start), tenancy_end.map_or(String::new(), |end| format!(" to {}", long_date(end))))
    } else {
        format!("The tenant was resident for {resident_days} of the {period_days} days from {period}.")
    });
    let amount_ok = invoice.amount <= hb_credited;
    findings.push(if amount_ok {
        format!("The invoice asks for {}; Housing Benefit credited for the period was {}.", format_money(invoice.amount), format_money(hb_credited))
    } else {
        format!("The invoice asks for {}, but only {} of Housing Benefit was credited to the account for the period (posted from {} to {}).", format_money(invoice.amount), format_money(hb_credited), long_date(invoice.period_from + Days::new(1)), long_date(latest))
    });
    OverpaymentCheck {
        period_days,
        resident_days,
        hb_credited,
        accept: !resident_throughout && amount_ok,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn date(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, month, day).expect("a real date in a test")
    }

    fn pounds(text: &str) -> Decimal {
        text.parse().expect("a test amount")
    }

    fn hb_credit(on: NaiveDate, amount: &str) -> Entry {
        Entry {
            id: Uuid::now_v7(),
            posted_on: on,
            kind: EntryKind::Payment {
                method: PaymentMethod::HousingBenefit,
            },
            amount: -pounds(amount),
            description: "Housing Benefit".to_string(),
        }
    }

    fn notification(
        kind: NotificationKind,
        weekly: &str,
        from: NaiveDate,
        to: Option<NaiveDate>,
    ) -> Notification {
        Notification {
            kind,
            weekly_amount: pounds(weekly),
            paid_to: BenefitPaidTo::Landlord,
            effective_from: from,
            effective_to: to,
            notified_on: from,
        }
    }

    fn recorded_hb(weekly_times_four: &str) -> BenefitAward {
        BenefitAward {
            benefit: Benefit::HousingBenefit,
            paid_to: BenefitPaidTo::Landlord,
            amount: pounds(weekly_times_four),
            payment_on: date(1, 5),
        }
    }

    /// The only caller of `awards_in_force`: the 4-weekly HB amount expected, if any.
    fn check_hb(
        recorded: &[BenefitAward],
        notifications: &[Notification],
        on: NaiveDate,
    ) -> Option<Decimal> {
        awards_in_force(recorded, notifications, on)
            .iter()
            .find(|award| award.benefit == Benefit::HousingBenefit)
            .map(|award| award.amount)
    }

    #[test]
    fn notifications_change_what_housing_benefit_is_expected() {
        use NotificationKind::*;
        let recorded = [recorded_hb("400.00")];
        // No notification: the award the caseload came with stands.
        assert_eq!(check_hb(&recorded, &[], date(6, 1)), Some(pounds("400.00")));
        let change = notification(Change, "90.00", date(4, 6), None);
        assert_eq!(
            check_hb(&recorded, std::slice::from_ref(&change), date(6, 1)),
            Some(pounds("360.00"))
        );
        // Before the change takes effect, and with nothing else notified, nothing is known to be in force.
        assert_eq!(
            check_hb(&recorded, std::slice::from_ref(&change), date(4, 5)),
            None
        );
        let suspension = notification(Suspension, "0", date(5, 4), Some(date(5, 31)));
        let both = [change.clone(), suspension];
        assert_eq!(check_hb(&recorded, &both, date(5, 10)), None, "suspended");
        assert_eq!(
            check_hb(&recorded, &both, date(6, 1)),
            Some(pounds("360.00")),
            "the change runs on after the suspension ends"
        );
        let cancelled = [change, notification(Cancellation, "0", date(7, 1), None)];
        assert_eq!(check_hb(&recorded, &cancelled, date(7, 2)), None);
    }

    #[test]
    fn a_new_award_keeps_the_recorded_cycle_or_starts_four_weeks_in() {
        let award = notification(NotificationKind::Award, "75.00", date(3, 2), None);
        let kept = awards_in_force(
            &[recorded_hb("300.00")],
            std::slice::from_ref(&award),
            date(4, 1),
        );
        assert_eq!(kept[0].payment_on, date(1, 5));
        let started = awards_in_force(&[], &[award], date(4, 1));
        assert_eq!(started[0].payment_on, date(3, 30));
        assert_eq!(started[0].amount, pounds("300.00"));
    }

    /// The only caller of `check_overpayment`.
    fn check(
        invoice_amount: &str,
        tenancy_end: Option<NaiveDate>,
        entries: &[Entry],
        accept: bool,
        resident_days: i64,
    ) {
        let invoice = OverpaymentInvoice {
            period_from: date(3, 2),
            period_to: date(3, 29),
            amount: pounds(invoice_amount),
        };
        let answer = check_overpayment(&invoice, date(1, 5), tenancy_end, entries);
        assert_eq!(answer.accept, accept, "{:?}", answer.findings);
        assert_eq!(answer.resident_days, resident_days);
        assert_eq!(answer.period_days, 28);
    }

    #[test]
    fn an_overpayment_is_accepted_only_for_a_period_away_and_no_more_than_was_received() {
        // Only the credit after the period started paid for it: the one on its first day paid
        // for the four weeks before.
        let credits = [
            hb_credit(date(3, 30), "360.00"),
            hb_credit(date(3, 2), "999.00"),
            hb_credit(date(2, 20), "999.00"),
        ];
        //     invoice   tenancy ended     ledger     accept  resident days
        check("180.00", Some(date(3, 15)), &credits, true, 14);
        check("360.00", Some(date(3, 1)), &credits, true, 0);
        // Resident throughout: the claimant's overpayment, not the landlord's.
        check("180.00", None, &credits, false, 28);
        // More than the landlord received for the period.
        check("400.00", Some(date(3, 15)), &credits, false, 14);
        check("10.00", Some(date(3, 15)), &[], false, 14);
        // A reversed credit was never received.
        let reversed = hb_credit(date(3, 30), "360.00");
        let reversal = Entry {
            id: Uuid::now_v7(),
            posted_on: date(4, 2),
            kind: EntryKind::Reversal {
                reverses: reversed.id,
            },
            amount: pounds("360.00"),
            description: "returned".to_string(),
        };
        check(
            "180.00",
            Some(date(3, 15)),
            &[reversed, reversal],
            false,
            14,
        );
    }
}
