//! The pre-action protocol evidence a diligent officer leaves in the diary, so the presenting
//! officer's checklist (`doorstep_domain::protocol::checklist`, fed by the diary codes in
//! `doorstep_core::court_file::EVIDENCE_CODES`) has something to show: rent statements at least
//! quarterly, a referral to free money advice once the arrears pass a few weeks' rent, help with
//! the benefit claim for claimants, and vulnerability considered, above all before a notice.
//!
//! Not every account is kept perfectly: about one in seven in arrears had its statements stop
//! some months ago, so the checklist shows a missing item as it would in a real patch.
//!
//! Evidence draws from its own ChaCha stream per account (`EVIDENCE_STREAM_FIRST + index`), so
//! it never changes the ladder the officer's weekly reviews climbed, nor a ledger.

use chrono::{Months, NaiveDate};
use doorstep_domain::benefits::Benefit;
use doorstep_domain::claim::first_date_of_default;
use doorstep_domain::money::format_money;
use doorstep_domain::tenancy::RentAccount;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;

use crate::work::{
    arrears_worth_work, days_after, days_before, diary_entry, long_date, AccountFacts,
    DemoDiaryEntry, WORK_HISTORY_MONTHS,
};

/// Account `n`'s evidence is stream `EVIDENCE_STREAM_FIRST + n`, clear of the work streams.
pub(crate) const EVIDENCE_STREAM_FIRST: u64 = 2 << 32;

/// Statements go out every 8 to 12 weeks, always inside the protocol's quarter (91 days).
const STATEMENT_INTERVAL_DAYS_MIN: u64 = 56;
const STATEMENT_INTERVAL_DAYS_MAX: u64 = 84;
/// 15 months of history at one statement every 8 weeks at the most, and one spare.
pub(crate) const STATEMENTS_MAX: usize = 10;
/// Statements, a money advice referral, benefit help and vulnerability considered.
pub(crate) const EVIDENCE_ENTRIES_MAX: usize = STATEMENTS_MAX + 3;

const _: () = assert!(STATEMENT_INTERVAL_DAYS_MAX < 91);
const _: () = assert!(
    (WORK_HISTORY_MONTHS as u64 * 31) / STATEMENT_INTERVAL_DAYS_MIN < STATEMENTS_MAX as u64
);

/// Arrears of this many weeks' rent are "a few weeks": the officer refers to money advice.
const MONEY_ADVICE_WEEKS: i64 = 3;

/// The evidence entries for one account in arrears today; none for an account not in arrears,
/// whose checklist nobody opens.
pub(crate) fn protocol_evidence(
    rng: &mut ChaCha8Rng,
    account: &RentAccount,
    facts: &AccountFacts,
    diary: &[DemoDiaryEntry],
    today: NaiveDate,
) -> Vec<DemoDiaryEntry> {
    if facts.true_arrears_on(today) < arrears_worth_work() {
        return Vec::new();
    }
    let Some(arrears_since) = first_date_of_default(facts.entries, today) else {
        return Vec::new();
    };
    let history_start = today
        .checked_sub_months(Months::new(WORK_HISTORY_MONTHS))
        .unwrap_or(today);
    let window_start = arrears_since
        .max(history_start)
        .max(days_after(facts.ledger_start, 28));
    let mut evidence = rent_statements(rng, facts, window_start, today);
    evidence.extend(money_advice_referral(
        rng,
        account,
        facts,
        diary,
        window_start,
        today,
    ));
    evidence.extend(benefit_help(rng, account, window_start, today));
    evidence.extend(vulnerability_considered(rng, diary, window_start, today));
    debug_assert!(evidence.len() <= EVIDENCE_ENTRIES_MAX);
    evidence
}

/// Every 8 to 12 weeks from soon after the arrears began; for about one account in seven the
/// officer stopped 100 to 180 days ago, which leaves a gap the checklist reports.
fn rent_statements(
    rng: &mut ChaCha8Rng,
    facts: &AccountFacts,
    window_start: NaiveDate,
    today: NaiveDate,
) -> Vec<DemoDiaryEntry> {
    let stopped_on = if rng.gen_bool(0.15) {
        days_before(today, rng.gen_range(100..=180))
    } else {
        today
    };
    let mut statements = Vec::new();
    let mut sent_on = days_after(window_start, rng.gen_range(3..=21));
    while sent_on <= stopped_on && statements.len() < STATEMENTS_MAX {
        let note = format!(
            "Rent statement sent to the tenant: balance {} at {}.",
            format_money(facts.balance_on(sent_on)),
            long_date(sent_on)
        );
        statements.push(diary_entry(sent_on, "rent_statement", note));
        sent_on = days_after(
            sent_on,
            rng.gen_range(STATEMENT_INTERVAL_DAYS_MIN..=STATEMENT_INTERVAL_DAYS_MAX),
        );
    }
    statements
}

/// Within a fortnight of the arrears first reaching three weeks' rent, unless the officer
/// already referred the tenant in this run of arrears (a contact may have).
fn money_advice_referral(
    rng: &mut ChaCha8Rng,
    account: &RentAccount,
    facts: &AccountFacts,
    diary: &[DemoDiaryEntry],
    window_start: NaiveDate,
    today: NaiveDate,
) -> Option<DemoDiaryEntry> {
    let referred = rng.gen_bool(0.85);
    let delay_days = rng.gen_range(0..=14);
    let already = diary
        .iter()
        .any(|entry| entry.code == "money_advice_referral" && entry.happened_on >= window_start);
    if !referred || already {
        return None;
    }
    // Weekly checks bounded by the history window (at most 15 months of weeks).
    let reached_on = (0..70u64)
        .map(|week| days_after(window_start, 7 * week))
        .take_while(|date| *date <= today)
        .find(|date| {
            let weekly = account
                .schedule
                .weekly_equivalent_on(*date)
                .unwrap_or(Decimal::ZERO);
            weekly > Decimal::ZERO
                && facts.balance_on(*date) >= weekly * Decimal::from(MONEY_ADVICE_WEEKS)
        })?;
    let referred_on = days_after(reached_on, delay_days).min(today);
    let note = format!(
        "Arrears of {}: referred the tenant to free, independent money advice (StepChange, \
         Citizens Advice), with their consent.",
        format_money(facts.balance_on(referred_on))
    );
    Some(diary_entry(referred_on, "money_advice_referral", note))
}

/// Most claimants are helped with their claim a few weeks into the arrears.
fn benefit_help(
    rng: &mut ChaCha8Rng,
    account: &RentAccount,
    window_start: NaiveDate,
    today: NaiveDate,
) -> Option<DemoDiaryEntry> {
    let helped = rng.gen_bool(0.8);
    let helped_on = days_after(window_start, rng.gen_range(7..=60)).min(today);
    let benefit = account.benefit_awards.first()?.benefit;
    if !helped {
        return None;
    }
    let note = match benefit {
        Benefit::UniversalCredit => {
            "Checked the tenant's Universal Credit journal with them: housing costs are \
             claimed; explained an Alternative Payment Arrangement and Discretionary Housing \
             Payments."
        }
        Benefit::HousingBenefit => {
            "Checked the Housing Benefit award with the council and helped the tenant report \
             a change of income; advised on a Discretionary Housing Payment."
        }
    };
    Some(diary_entry(helped_on, "benefit_advice", note.to_string()))
}

/// Before serving a notice the officer records that vulnerability and capacity were
/// considered; on other accounts now and then, at a home visit or a call.
fn vulnerability_considered(
    rng: &mut ChaCha8Rng,
    diary: &[DemoDiaryEntry],
    window_start: NaiveDate,
    today: NaiveDate,
) -> Option<DemoDiaryEntry> {
    const NOTES: [&str; 3] = [
        "Considered vulnerability and capacity: no health problems or care needs known; the \
         tenant understands the arrears and the steps we may take.",
        "Considered vulnerability: the tenant mentioned anxiety; checked for support workers \
         and offered a referral to the tenancy sustainment team. Capacity not in doubt.",
        "Considered vulnerability and capacity with the tenant at the door: no concerns; \
         large-print letters not needed.",
    ];
    let considered = rng.gen_bool(0.85);
    let before_notice_days = rng.gen_range(1..=14);
    let other_account = rng.gen_bool(0.3);
    let span_days = (today - window_start).num_days().max(0).unsigned_abs();
    let offset_days = rng.gen_range(0..=span_days);
    let note = NOTES[rng.gen_range(0..NOTES.len())].to_string();
    let notice_on = diary
        .iter()
        .find(|entry| entry.code == "notice")
        .map(|entry| entry.happened_on);
    let considered_on = match notice_on {
        Some(notice_on) if considered => {
            days_before(notice_on, before_notice_days).max(window_start)
        }
        None if other_account => days_after(window_start, offset_days),
        _ => return None,
    };
    Some(diary_entry(
        considered_on.min(today),
        "vulnerability_considered",
        note,
    ))
}
