//! The weekly report: how the caseload moved from Monday to Sunday.
//!
//! The arrears tables use the accounts that are current at the end of the week, both at its
//! start and at its end, so that start arrears + movement = end arrears exactly. An account
//! whose tenancy ended during the week therefore leaves the current tables for the whole week
//! and appears under former tenant arrears instead.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::arrangement::ArrangementState;
use crate::claim::balance_on;
use crate::ledger::{EntryKind, PaymentMethod};

use super::indicators::{former_tenant_arrears, FormerTenantArrears};
use super::{
    add_days, arrangement_state_on, breached_between, count_u32, entries_counted_as, is_current_on,
    steps_count, AccountFacts, STEP_CLAIM_ISSUED, STEP_HEARING_OUTCOME, STEP_HOME_VISIT,
    STEP_NOTICE_SERVED, STEP_WARRANT_REQUESTED,
};

/// The report names at most this many accounts as the week's biggest movers.
pub const BIGGEST_MOVERS_MAX: usize = 5;

/// Every payment method, in the order the report lists them.
pub const PAYMENT_METHODS_ALL: [PaymentMethod; 9] = [
    PaymentMethod::DirectDebit,
    PaymentMethod::StandingOrder,
    PaymentMethod::Card,
    PaymentMethod::Cheque,
    PaymentMethod::CashOffice,
    PaymentMethod::PayPoint,
    PaymentMethod::HousingBenefit,
    PaymentMethod::UniversalCredit,
    PaymentMethod::ThirdParty,
];

/// Officers take card and cheque payments on home visits; every other method arrives without
/// them.
fn is_taken_on_visits(method: PaymentMethod) -> bool {
    matches!(method, PaymentMethod::Card | PaymentMethod::Cheque)
}

/// Current tenants in arrears at the end of a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrearsPosition {
    pub accounts_in_arrears_count: u32,
    pub arrears_total: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentsByMethod {
    pub method: PaymentMethod,
    /// Payments of this method posted in the week (a reversed one still counts here).
    pub payments_count: u32,
    /// Received in the week, as a positive amount, less reversals of this method posted in it.
    pub received_total: Decimal,
}

/// An account whose balance changed in the week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mover {
    pub payment_reference: String,
    pub balance_before: Decimal,
    pub balance_after: Decimal,
    /// `balance_after − balance_before`: above zero the debt grew.
    pub balance_movement: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklyReport {
    pub week_starting: NaiveDate,
    /// The Sunday, six days after `week_starting`.
    pub week_ending: NaiveDate,
    /// At the end of the day before `week_starting`.
    pub start: ArrearsPosition,
    /// At the end of `week_ending`.
    pub end: ArrearsPosition,
    /// `end.arrears_total − start.arrears_total`: above zero, arrears grew.
    pub arrears_movement: Decimal,
    /// Current accounts not in arrears at the start and in arrears at the end, in the order given.
    pub new_cases_in_arrears: Vec<String>,
    pub new_cases_in_arrears_count: u32,
    /// Agreed in the week.
    pub arrangements_made_count: u32,
    /// Live at the end of the week and not breached during it.
    pub arrangements_kept_count: u32,
    /// Recorded as breached on a day in the week.
    pub arrangements_broken_count: u32,
    pub notices_served_count: u32,
    pub claims_issued_count: u32,
    pub hearing_outcomes_count: u32,
    pub warrants_requested_count: u32,
    /// Claims + hearing outcomes + warrants requested.
    pub court_actions_count: u32,
    pub home_visits_count: u32,
    /// One row per method in `PAYMENT_METHODS_ALL` order, including methods with nothing.
    pub payments_by_method: Vec<PaymentsByMethod>,
    /// Card and cheque rows added together.
    pub taken_on_visits_count: u32,
    pub taken_on_visits_total: Decimal,
    /// Up to `BIGGEST_MOVERS_MAX` current accounts by the size of their balance movement,
    /// largest first, ties by payment reference; accounts that did not move are left out.
    pub biggest_movers: Vec<Mover>,
    /// At the end of the week.
    pub former_tenant_arrears: FormerTenantArrears,
}

/// The report for the week of `week_starting`, which the caller passes as a Monday (the day rent
/// is charged); the week is that day and the six after it. Steps, arrangements and payments are
/// counted over all accounts, current and former.
pub fn weekly_report(accounts: &[AccountFacts], week_starting: NaiveDate) -> WeeklyReport {
    debug_assert_eq!(
        chrono::Datelike::weekday(&week_starting),
        chrono::Weekday::Mon
    );
    let week_ending = add_days(week_starting, 6);
    let day_before = week_starting.pred_opt().unwrap_or(NaiveDate::MIN);
    let movers = movers(accounts, day_before, week_ending);
    let start = position(movers.iter().map(|mover| mover.balance_before));
    let end = position(movers.iter().map(|mover| mover.balance_after));
    let new_cases_in_arrears: Vec<String> = movers
        .iter()
        .filter(|mover| {
            mover.balance_before <= Decimal::ZERO && mover.balance_after > Decimal::ZERO
        })
        .map(|mover| mover.payment_reference.clone())
        .collect();
    let payments_by_method = payments_by_method(accounts, week_starting, week_ending);
    let on_visits = payments_by_method
        .iter()
        .filter(|row| is_taken_on_visits(row.method));
    let (mut taken_on_visits_count, mut taken_on_visits_total) = (0, Decimal::ZERO);
    for row in on_visits {
        taken_on_visits_count += row.payments_count;
        taken_on_visits_total += row.received_total;
    }
    let count_steps = |code| steps_count(accounts, code, week_starting, week_ending);
    let claims_issued_count = count_steps(STEP_CLAIM_ISSUED);
    let hearing_outcomes_count = count_steps(STEP_HEARING_OUTCOME);
    let warrants_requested_count = count_steps(STEP_WARRANT_REQUESTED);
    let arrangements = arrangement_counts(accounts, week_starting, week_ending);
    WeeklyReport {
        week_starting,
        week_ending,
        arrears_movement: end.arrears_total - start.arrears_total,
        start,
        end,
        new_cases_in_arrears_count: count_u32(new_cases_in_arrears.len()),
        new_cases_in_arrears,
        arrangements_made_count: arrangements.made,
        arrangements_kept_count: arrangements.kept,
        arrangements_broken_count: arrangements.broken,
        notices_served_count: count_steps(STEP_NOTICE_SERVED),
        claims_issued_count,
        hearing_outcomes_count,
        warrants_requested_count,
        court_actions_count: claims_issued_count
            .saturating_add(hearing_outcomes_count)
            .saturating_add(warrants_requested_count),
        home_visits_count: count_steps(STEP_HOME_VISIT),
        payments_by_method,
        taken_on_visits_count,
        taken_on_visits_total,
        biggest_movers: biggest_movers(movers),
        former_tenant_arrears: former_tenant_arrears(accounts, week_ending),
    }
}

/// Every account current at the end of the week with its balances, moved or not.
fn movers(accounts: &[AccountFacts], day_before: NaiveDate, week_ending: NaiveDate) -> Vec<Mover> {
    accounts
        .iter()
        .filter(|account| is_current_on(account, week_ending))
        .map(|account| {
            let balance_before = balance_on(&account.entries, day_before);
            let balance_after = balance_on(&account.entries, week_ending);
            Mover {
                payment_reference: account.payment_reference.clone(),
                balance_before,
                balance_after,
                balance_movement: balance_after - balance_before,
            }
        })
        .collect()
}

fn position(balances: impl Iterator<Item = Decimal>) -> ArrearsPosition {
    let (mut accounts_in_arrears_count, mut arrears_total) = (0u32, Decimal::ZERO);
    for balance in balances.filter(|balance| *balance > Decimal::ZERO) {
        accounts_in_arrears_count = accounts_in_arrears_count.saturating_add(1);
        arrears_total += balance;
    }
    ArrearsPosition {
        accounts_in_arrears_count,
        arrears_total,
    }
}

fn biggest_movers(mut movers: Vec<Mover>) -> Vec<Mover> {
    movers.retain(|mover| !mover.balance_movement.is_zero());
    movers.sort_by(|left, right| {
        right
            .balance_movement
            .abs()
            .cmp(&left.balance_movement.abs())
            .then_with(|| left.payment_reference.cmp(&right.payment_reference))
    });
    movers.truncate(BIGGEST_MOVERS_MAX);
    movers
}

fn payments_by_method(
    accounts: &[AccountFacts],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<PaymentsByMethod> {
    let mut rows: Vec<PaymentsByMethod> = PAYMENT_METHODS_ALL
        .iter()
        .map(|method| PaymentsByMethod {
            method: *method,
            payments_count: 0,
            received_total: Decimal::ZERO,
        })
        .collect();
    for account in accounts {
        let counted = entries_counted_as(&account.entries, from, to);
        let original_payments = account.entries.iter().filter(|entry| {
            matches!(entry.kind, EntryKind::Payment { .. })
                && from <= entry.posted_on
                && entry.posted_on <= to
        });
        for entry in original_payments {
            if let EntryKind::Payment { method } = entry.kind {
                let row = row_for(&mut rows, method);
                row.payments_count = row.payments_count.saturating_add(1);
            }
        }
        for (kind, amount) in counted {
            if let EntryKind::Payment { method } = kind {
                // Payments are negative; the report shows money received as positive.
                row_for(&mut rows, method).received_total -= amount;
            }
        }
    }
    rows
}

fn row_for(rows: &mut [PaymentsByMethod], method: PaymentMethod) -> &mut PaymentsByMethod {
    // An exhaustive match, so a new `PaymentMethod` does not compile until it has a row.
    let index = match method {
        PaymentMethod::DirectDebit => 0,
        PaymentMethod::StandingOrder => 1,
        PaymentMethod::Card => 2,
        PaymentMethod::Cheque => 3,
        PaymentMethod::CashOffice => 4,
        PaymentMethod::PayPoint => 5,
        PaymentMethod::HousingBenefit => 6,
        PaymentMethod::UniversalCredit => 7,
        PaymentMethod::ThirdParty => 8,
    };
    assert_eq!(PAYMENT_METHODS_ALL[index], method);
    &mut rows[index]
}

struct ArrangementCounts {
    made: u32,
    kept: u32,
    broken: u32,
}

fn arrangement_counts(
    accounts: &[AccountFacts],
    from: NaiveDate,
    to: NaiveDate,
) -> ArrangementCounts {
    let all = accounts
        .iter()
        .flat_map(|account| account.arrangements.iter());
    let mut counts = ArrangementCounts {
        made: 0,
        kept: 0,
        broken: 0,
    };
    for arrangement in all {
        let broken = breached_between(arrangement, from, to);
        if from <= arrangement.agreed_on && arrangement.agreed_on <= to {
            counts.made = counts.made.saturating_add(1);
        }
        if broken {
            counts.broken = counts.broken.saturating_add(1);
        } else if arrangement_state_on(arrangement, to) == Some(ArrangementState::Live) {
            counts.kept = counts.kept.saturating_add(1);
        }
    }
    counts
}
