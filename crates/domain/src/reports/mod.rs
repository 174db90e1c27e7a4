//! The arithmetic of the weekly report and the landlord's indicators (issue 8).
//!
//! Everything here is computed from plain facts the caller gathers per account (`AccountFacts`):
//! the ledger, the arrangements' state history and the dated diary steps. Nothing is stored and
//! no clock is read; every date is an argument. Each indicator carries a `definition` in words
//! for the people who read the figure, so a screen, a printed report and head office's copy say
//! the same thing.
//!
//! Shared rules, stated once:
//! - **Arrears** on a date are the balance at the end of that day when it is above zero; a credit
//!   balance is not negative arrears, so one tenant in credit never hides another's debt.
//! - **Current or former:** a tenancy that ended on a date is a former tenancy from that day on.
//!   Current tenant arrears and former tenant arrears are never added together.
//! - **Reversals** count against what they reverse: a reversed charge is not due, a bounced
//!   payment was not collected. A reversal whose original is not in the entries given is ignored
//!   by the figures that look at kinds (it still moves the balance).
//! - **Percentages** are rounded to 1 decimal place, half away from zero (`PERCENT_ROUNDING`); a
//!   percentage of nothing (a zero or negative denominator) is `None`, never a panic.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use uuid::Uuid;

use crate::arrangement::ArrangementState;
use crate::claim::balance_on;
use crate::ledger::{Entry, EntryKind};

mod history;
mod indicators;
mod trend;
mod weekly;

#[cfg(test)]
mod tests;

pub use history::{balance_history, BalanceHistory, ChartEvent, ChartEventKind};
pub use indicators::{
    collection_rate, current_arrears_percent_of_annual_debit, former_tenant_arrears,
    live_arrangements, notices_live, true_and_technical_arrears, FormerTenantArrears,
    InstalmentsByFrequency, LiveArrangements, NoticesLive, PercentIndicator,
    TrueAndTechnicalArrears,
};
pub use trend::{
    arrears_age_profile, arrears_trend, sunday_of, AgeBand, AgeProfileRow, TrendPoint, AGE_BANDS,
    AGE_PROFILE_DEFINITION, ARREARS_TREND_DEFINITION,
};
pub use weekly::{
    weekly_report, ArrearsPosition, Mover, PaymentsByMethod, WeeklyReport, BIGGEST_MOVERS_MAX,
    PAYMENT_METHODS_ALL,
};

/// Diary step codes the reports count. Other codes are ignored.
pub const STEP_NOTICE_SERVED: &str = "notice";
pub const STEP_CLAIM_ISSUED: &str = "claim_issued";
pub const STEP_HEARING_OUTCOME: &str = "hearing_outcome";
pub const STEP_WARRANT_REQUESTED: &str = "warrant_requested";
pub const STEP_HOME_VISIT: &str = "home_visit";

/// Indicators are read to one decimal place ("3.2%").
pub const PERCENT_DECIMAL_PLACES: u32 = 1;
/// Half away from zero, as people round by hand; a bare `round_dp` would round half to even.
pub const PERCENT_ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

/// One account as the reports see it, built by the caller from the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountFacts {
    pub payment_reference: String,
    /// Set for a former tenancy: the day the tenancy ended. From that day on the account's
    /// balance is former tenant arrears.
    pub tenancy_ended_on: Option<NaiveDate>,
    /// The ledger in posting order.
    pub entries: Vec<Entry>,
    /// The technical part of today's balance (benefit confirmed as coming), computed elsewhere.
    /// It describes today only, so only `true_and_technical_arrears` uses it.
    pub expected_benefit_now: Decimal,
    pub arrangements: Vec<ArrangementFacts>,
    /// Diary steps as (code, date), e.g. ("notice", 2026-01-12). See the `STEP_` constants.
    pub steps: Vec<(String, NaiveDate)>,
}

/// One repayment arrangement and its append-only state history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrangementFacts {
    pub agreed_on: NaiveDate,
    pub instalment: Decimal,
    /// "Weekly", "Monthly", ... as `InstalmentFrequency::label` gives it.
    pub frequency_label: String,
    /// Each change of state with the day it took effect, in the order recorded.
    pub states: Vec<(ArrangementState, NaiveDate)>,
}

/// `numerator` as a percentage of `denominator`, to 1 dp with `PERCENT_ROUNDING`. `None` when the
/// denominator is not above zero (nothing due, nothing charged) or the arithmetic overflows.
pub fn percent_of(numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    if denominator <= Decimal::ZERO {
        return None;
    }
    let percent = numerator
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(denominator)?;
    Some(percent.round_dp_with_strategy(PERCENT_DECIMAL_PLACES, PERCENT_ROUNDING))
}

/// Current on `on` unless the tenancy ended on or before that day.
pub(crate) fn is_current_on(account: &AccountFacts, on: NaiveDate) -> bool {
    match account.tenancy_ended_on {
        None => true,
        Some(ended_on) => on < ended_on,
    }
}

/// The balance at the end of `on` when above zero, else zero.
pub(crate) fn arrears_on(account: &AccountFacts, on: NaiveDate) -> Decimal {
    balance_on(&account.entries, on).max(Decimal::ZERO)
}

/// The arrangement's state at the end of `on`: `None` before it was agreed; otherwise the last
/// recorded state dated on or before `on`, or Live if none is recorded yet (an arrangement is
/// live from the day it is agreed).
pub(crate) fn arrangement_state_on(
    arrangement: &ArrangementFacts,
    on: NaiveDate,
) -> Option<ArrangementState> {
    if on < arrangement.agreed_on {
        return None;
    }
    let recorded = arrangement
        .states
        .iter()
        .rev()
        .find(|(_, dated)| *dated <= on)
        .map(|(state, _)| *state);
    Some(recorded.unwrap_or(ArrangementState::Live))
}

/// Whether the arrangement was recorded as breached on any day from `from` to `to` inclusive.
pub(crate) fn breached_between(
    arrangement: &ArrangementFacts,
    from: NaiveDate,
    to: NaiveDate,
) -> bool {
    arrangement.states.iter().any(|(state, dated)| {
        *state == ArrangementState::Breached && from <= *dated && *dated <= to
    })
}

/// Steps with `code` dated from `from` to `to` inclusive, over all accounts.
pub(crate) fn steps_count(
    accounts: &[AccountFacts],
    code: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> u32 {
    let count = accounts
        .iter()
        .flat_map(|account| account.steps.iter())
        .filter(|(step_code, dated)| step_code == code && from <= *dated && *dated <= to)
        .count();
    count_u32(count)
}

/// Counts are `u32` like the rest of the crate; a caseload never nears the limit, so saturating
/// is only a guard.
pub(crate) fn count_u32(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// Entries posted from `from` to `to` inclusive, each with the kind it counts as: its own, or
/// for a reversal the kind of the entry it reverses (so a reversal counts against it). Reversals
/// whose original is missing are left out.
pub(crate) fn entries_counted_as(
    entries: &[Entry],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(EntryKind, Decimal)> {
    dated_entries_counted_as(entries, from, to)
        .into_iter()
        .map(|(_, kind, amount)| (kind, amount))
        .collect()
}

/// `entries_counted_as` with each entry's posting day.
pub(crate) fn dated_entries_counted_as(
    entries: &[Entry],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, EntryKind, Decimal)> {
    let in_range = |entry: &&Entry| from <= entry.posted_on && entry.posted_on <= to;
    // Reversals are rare: look up only their originals, rather than map every entry's kind
    // (which, per account and per indicator, dominated the reports' time on a large patch).
    let reversed: Vec<Uuid> = entries
        .iter()
        .filter(in_range)
        .filter_map(|entry| match entry.kind {
            EntryKind::Reversal { reverses } => Some(reverses),
            _ => None,
        })
        .collect();
    let original_kinds: BTreeMap<Uuid, EntryKind> = if reversed.is_empty() {
        BTreeMap::new()
    } else {
        entries
            .iter()
            .filter(|entry| reversed.contains(&entry.id))
            .map(|entry| (entry.id, entry.kind))
            .collect()
    };
    entries
        .iter()
        .filter(in_range)
        .filter_map(|entry| match entry.kind {
            EntryKind::Reversal { reverses } => match original_kinds.get(&reverses) {
                Some(EntryKind::Reversal { .. }) | None => None,
                Some(original) => Some((entry.posted_on, *original, entry.amount)),
            },
            kind => Some((entry.posted_on, kind, entry.amount)),
        })
        .collect()
}

/// `date` plus `days`, saturating at the calendar's end rather than panicking.
pub(crate) fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// `date` minus `days`, saturating at the calendar's start rather than panicking.
pub(crate) fn subtract_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days))
        .unwrap_or(NaiveDate::MIN)
}
