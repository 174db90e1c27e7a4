//! The landlord's indicators (DOMAIN.md, "Money and accounts": the standard KPIs). Each returns
//! its figure, the parts it was made from, and a definition written for the people who read it.

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;

use crate::arrangement::ArrangementState;
use crate::claim::balance_on;
use crate::ledger::EntryKind;

use super::{
    arrangement_state_on, arrears_on, breached_between, count_u32, entries_counted_as,
    is_current_on, percent_of, subtract_days, AccountFacts, ArrangementFacts, STEP_CLAIM_ISSUED,
    STEP_NOTICE_SERVED,
};

/// The annual rent debit is what was charged over the 52 weeks to the date: 364 days including it.
pub const ANNUAL_DEBIT_DAYS: u64 = 52 * 7;

/// A notice of seeking possession, or a section 8 notice, supports proceedings for 12 months
/// (DOMAIN.md, "Notices": HA 1985 s83, HA 1988 s8).
pub const NOTICE_LIFE_MONTHS: u32 = 12;

pub const CURRENT_ARREARS_PERCENT_DEFINITION: &str = "Current tenant arrears as a percentage of \
    the annual rent debit: the arrears owed by current tenants on the date, divided by the rent \
    and other charges made to them over the 52 weeks to that date. Tenants in credit count as \
    owing nothing; reversed charges are not counted.";

pub const COLLECTION_RATE_DEFINITION: &str = "Collection rate: the payments received in the \
    period as a percentage of the charges due in it, for current and former tenants alike. A \
    reversed payment (such as a returned Direct Debit) is not collected and a reversed charge is \
    not due. Over 100% means arrears were paid off as well as the charges.";

pub const TRUE_AND_TECHNICAL_ARREARS_DEFINITION: &str = "True and technical arrears of current \
    tenants: technical arrears are the part of a tenant's arrears that Housing Benefit or \
    Universal Credit already confirmed as coming will clear (never more than the arrears); true \
    arrears are the rest. The benefit expected is known only for today, so this figure is only \
    meaningful for today's date.";

pub const LIVE_ARRANGEMENTS_DEFINITION: &str = "Live arrangements: repayment arrangements that \
    are live on the date (agreed, and not breached, completed, cancelled or replaced), with the \
    total of their instalments by frequency. The keep rate looks at the year: of the arrangements \
    live at any time in the 52 weeks to the date, the share that were not breached in that time \
    (one completed or still live unbroken counts as kept).";

pub const NOTICES_LIVE_DEFINITION: &str = "Live notices: current tenants served a notice of \
    seeking possession in the 12 months to the date, with no court claim issued since.";

pub const FORMER_TENANT_ARREARS_DEFINITION: &str = "Former tenant arrears: what is owed on \
    accounts whose tenancy had ended by the date. Former tenants in credit count as owing \
    nothing.";

/// A percentage and the two figures it divides, so a reader can check it by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PercentIndicator {
    /// `None` when the denominator is zero (nothing was due or charged).
    pub percent: Option<Decimal>,
    pub numerator: Decimal,
    pub denominator: Decimal,
    pub definition: &'static str,
}

/// Current tenants' arrears on `on` ÷ their charges over the 52 weeks to `on` (inclusive).
/// Only accounts current on `on` count, in both parts.
pub fn current_arrears_percent_of_annual_debit(
    accounts: &[AccountFacts],
    on: NaiveDate,
) -> PercentIndicator {
    let from = subtract_days(on, ANNUAL_DEBIT_DAYS - 1);
    let current = accounts.iter().filter(|account| is_current_on(account, on));
    let (mut arrears, mut annual_debit) = (Decimal::ZERO, Decimal::ZERO);
    for account in current {
        arrears += arrears_on(account, on);
        annual_debit += charged(account, from, on);
    }
    PercentIndicator {
        percent: percent_of(arrears, annual_debit),
        numerator: arrears,
        denominator: annual_debit,
        definition: CURRENT_ARREARS_PERCENT_DEFINITION,
    }
}

/// Collected ÷ due from `from` to `to` inclusive, over all accounts. Collected is the payments
/// (made positive) net of their reversals; due is the charges net of theirs.
pub fn collection_rate(
    accounts: &[AccountFacts],
    from: NaiveDate,
    to: NaiveDate,
) -> PercentIndicator {
    let (mut collected, mut due) = (Decimal::ZERO, Decimal::ZERO);
    for account in accounts {
        for (kind, amount) in entries_counted_as(&account.entries, from, to) {
            match kind {
                EntryKind::Payment { .. } => collected -= amount,
                EntryKind::Charge { .. } => due += amount,
                _ => {}
            }
        }
    }
    PercentIndicator {
        percent: percent_of(collected, due),
        numerator: collected,
        denominator: due,
        definition: COLLECTION_RATE_DEFINITION,
    }
}

/// Charges posted from `from` to `to` inclusive, net of reversals of charges in that window.
fn charged(account: &AccountFacts, from: NaiveDate, to: NaiveDate) -> Decimal {
    entries_counted_as(&account.entries, from, to)
        .into_iter()
        .filter(|(kind, _)| matches!(kind, EntryKind::Charge { .. }))
        .map(|(_, amount)| amount)
        .sum()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrueAndTechnicalArrears {
    /// Current tenants' arrears: `true_arrears + technical_arrears`.
    pub arrears_total: Decimal,
    pub technical_arrears: Decimal,
    pub true_arrears: Decimal,
    pub definition: &'static str,
}

/// Per current account: technical = min(arrears, expected benefit), true = arrears − technical.
/// `expected_benefit_now` describes today, so pass today as `on`; for another date the split
/// uses today's expectation against that date's arrears, which means little.
pub fn true_and_technical_arrears(
    accounts: &[AccountFacts],
    on: NaiveDate,
) -> TrueAndTechnicalArrears {
    let (mut arrears_total, mut technical_arrears) = (Decimal::ZERO, Decimal::ZERO);
    for account in accounts.iter().filter(|account| is_current_on(account, on)) {
        let arrears = arrears_on(account, on);
        // A negative expectation would be a caller's error; it is treated as nothing expected
        // rather than turning technical arrears negative.
        let expected = account.expected_benefit_now.max(Decimal::ZERO);
        arrears_total += arrears;
        technical_arrears += arrears.min(expected);
    }
    let true_arrears = arrears_total - technical_arrears;
    assert!(true_arrears >= Decimal::ZERO && technical_arrears >= Decimal::ZERO);
    TrueAndTechnicalArrears {
        arrears_total,
        technical_arrears,
        true_arrears,
        definition: TRUE_AND_TECHNICAL_ARREARS_DEFINITION,
    }
}

/// Live arrangements of one frequency: how many and the sum of their instalments. Instalments of
/// different frequencies are not added together, because £10 a week and £40 a month are not
/// the same £50.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstalmentsByFrequency {
    pub frequency_label: String,
    pub arrangements_count: u32,
    pub instalments_total: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveArrangements {
    pub live_count: u32,
    /// The plain sum of the live instalments whatever their frequency, as the brief's total;
    /// `by_frequency` is the honest breakdown.
    pub instalments_total: Decimal,
    /// Sorted by frequency label.
    pub by_frequency: Vec<InstalmentsByFrequency>,
    /// Arrangements live at any time in the 52 weeks to `on`.
    pub live_in_year_count: u32,
    /// Of those, the ones with no Breached state dated in those 52 weeks.
    pub kept_in_year_count: u32,
    /// `kept_in_year_count ÷ live_in_year_count` as a percentage; `None` when none was live.
    /// (Over the year, not over today's live ones: a breach ends an arrangement's life, so
    /// today's live arrangements are almost all unbroken and would always read near 100%.)
    pub keep_rate_percent: Option<Decimal>,
    pub definition: &'static str,
}

/// Arrangements whose state at the end of `on` is Live, on all accounts (a former tenant may
/// have an arrangement for what they still owe).
pub fn live_arrangements(accounts: &[AccountFacts], on: NaiveDate) -> LiveArrangements {
    let live: Vec<_> = accounts
        .iter()
        .flat_map(|account| account.arrangements.iter())
        .filter(|arrangement| arrangement_state_on(arrangement, on) == Some(ArrangementState::Live))
        .collect();
    let year_from = subtract_days(on, ANNUAL_DEBIT_DAYS - 1);
    let in_year: Vec<&ArrangementFacts> = accounts
        .iter()
        .flat_map(|account| account.arrangements.iter())
        .filter(|arrangement| {
            arrangement.agreed_on <= on
                && (arrangement.agreed_on >= year_from
                    || arrangement_state_on(arrangement, year_from) == Some(ArrangementState::Live))
        })
        .collect();
    let kept_in_year_count = count_u32(
        in_year
            .iter()
            .filter(|arrangement| !breached_between(arrangement, year_from, on))
            .count(),
    );
    let live_in_year_count = count_u32(in_year.len());
    let mut by_frequency: Vec<InstalmentsByFrequency> = Vec::new();
    for arrangement in &live {
        let index = by_frequency
            .iter()
            .position(|row| row.frequency_label == arrangement.frequency_label)
            .unwrap_or_else(|| {
                by_frequency.push(InstalmentsByFrequency {
                    frequency_label: arrangement.frequency_label.clone(),
                    arrangements_count: 0,
                    instalments_total: Decimal::ZERO,
                });
                by_frequency.len() - 1
            });
        by_frequency[index].arrangements_count += 1;
        by_frequency[index].instalments_total += arrangement.instalment;
    }
    by_frequency.sort_by(|left, right| left.frequency_label.cmp(&right.frequency_label));
    let live_count = count_u32(live.len());
    LiveArrangements {
        live_count,
        instalments_total: live.iter().map(|arrangement| arrangement.instalment).sum(),
        by_frequency,
        live_in_year_count,
        kept_in_year_count,
        keep_rate_percent: percent_of(
            Decimal::from(kept_in_year_count),
            Decimal::from(live_in_year_count),
        ),
        definition: LIVE_ARRANGEMENTS_DEFINITION,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticesLive {
    pub accounts_count: u32,
    /// The accounts with a live notice, in the order given.
    pub payment_references: Vec<String>,
    pub definition: &'static str,
}

/// Current accounts whose latest notice on or before `on` was served less than 12 months before
/// `on` (served 12 months ago to the day has expired) and has no claim issued on or after the
/// day it was served, up to `on`.
pub fn notices_live(accounts: &[AccountFacts], on: NaiveDate) -> NoticesLive {
    let expired_on_or_before = on
        .checked_sub_months(Months::new(NOTICE_LIFE_MONTHS))
        .unwrap_or(NaiveDate::MIN);
    let payment_references: Vec<String> = accounts
        .iter()
        .filter(|account| is_current_on(account, on))
        .filter(|account| {
            let latest_notice = account
                .steps
                .iter()
                .filter(|(code, dated)| code == STEP_NOTICE_SERVED && *dated <= on)
                .map(|(_, dated)| *dated)
                .max();
            match latest_notice {
                Some(served_on) if served_on > expired_on_or_before => {
                    !account.steps.iter().any(|(code, dated)| {
                        code == STEP_CLAIM_ISSUED && served_on <= *dated && *dated <= on
                    })
                }
                _ => false,
            }
        })
        .map(|account| account.payment_reference.clone())
        .collect();
    NoticesLive {
        accounts_count: count_u32(payment_references.len()),
        payment_references,
        definition: NOTICES_LIVE_DEFINITION,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormerTenantArrears {
    /// Former tenancies with a balance above zero on the date.
    pub accounts_in_arrears_count: u32,
    pub arrears_total: Decimal,
    pub definition: &'static str,
}

/// Arrears on accounts whose tenancy had ended by `on` (ended on `on` counts as former).
pub fn former_tenant_arrears(accounts: &[AccountFacts], on: NaiveDate) -> FormerTenantArrears {
    let balances: Vec<Decimal> = accounts
        .iter()
        .filter(|account| !is_current_on(account, on))
        .map(|account| balance_on(&account.entries, on))
        .filter(|balance| *balance > Decimal::ZERO)
        .collect();
    FormerTenantArrears {
        accounts_in_arrears_count: count_u32(balances.len()),
        arrears_total: balances.iter().sum(),
        definition: FORMER_TENANT_ARREARS_DEFINITION,
    }
}
