//! The officer's weekly arrears report and the patch's indicators, from the store through
//! `domain::reports`: every ledger read in one pass, arrangements with their states, and the
//! diary's steps for the year to the week's end (notices stay live for 12 months).

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use doorstep_api::{ApiError, PatchReportView, WeeklyReportRequest};
use doorstep_domain::ledger::{Entry, EntryKind};
use doorstep_domain::reports::{
    AccountFacts, ArrangementFacts, STEP_CLAIM_ISSUED, STEP_HEARING_OUTCOME, STEP_HOME_VISIT,
    STEP_NOTICE_SERVED, STEP_WARRANT_REQUESTED,
};
use doorstep_store::Store;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::caseload::Caseload;
use crate::errors::api_error;
use crate::report_view::patch_report;
use crate::session::{today, unlocked_mut, Session};

/// The diary codes the reports count.
const STEP_CODES: [&str; 5] = [
    STEP_NOTICE_SERVED,
    STEP_CLAIM_ISSUED,
    STEP_HEARING_OUTCOME,
    STEP_WARRANT_REQUESTED,
    STEP_HOME_VISIT,
];

impl Session {
    /// The report screen for the week holding `request.week_of`.
    pub async fn weekly_report(
        &self,
        request: &WeeklyReportRequest,
    ) -> Result<PatchReportView, ApiError> {
        let monday = monday_of(request.week_of);
        if monday > today() {
            return Err(ApiError::Invalid {
                field: "week_of".to_string(),
                message: "That week has not started yet: choose this week or an earlier one."
                    .to_string(),
            });
        }
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let until = sunday_after(monday);
        let stamp = open.store.reports_stamp().await.map_err(api_error)?;
        let cached = open
            .report_cache
            .take()
            .filter(|cache| cache.until == until && cache.stamp == stamp);
        let mut accounts = match cached {
            Some(cache) => cache.accounts,
            None => report_facts(&open.store, &open.caseload, until).await?,
        };
        // Today's expected benefit comes from the caseload, which is always current.
        for account in &mut accounts {
            account.expected_benefit_now =
                expected_benefit(&open.caseload, &account.payment_reference);
        }
        let report = patch_report(&accounts, monday, today());
        open.report_cache = Some(ReportCache {
            until,
            stamp,
            accounts,
        });
        drop(state);
        Ok(report)
    }
}

impl Session {
    /// The facts `weekly_report` computes from, for the week holding `week_of` (the
    /// benchmark times reading them and computing from them separately).
    pub async fn report_facts(&self, week_of: NaiveDate) -> Result<Vec<AccountFacts>, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        report_facts(
            &open.store,
            &open.caseload,
            sunday_after(monday_of(week_of)),
        )
        .await
    }
}

/// Every account as the reports see it, with diary steps up to `until`.
pub(crate) async fn report_facts(
    store: &Store,
    caseload: &Caseload,
    until: NaiveDate,
) -> Result<Vec<AccountFacts>, ApiError> {
    let steps_from = until
        .checked_sub_months(Months::new(13))
        .unwrap_or(NaiveDate::MIN);
    let mut steps: HashMap<i64, Vec<(String, NaiveDate)>> = HashMap::new();
    for (account_id, code, on) in store
        .diary_events(&STEP_CODES, steps_from, until)
        .await
        .map_err(api_error)?
    {
        steps.entry(account_id).or_default().push((code, on));
    }
    let mut arrangements: HashMap<i64, Vec<ArrangementFacts>> = HashMap::new();
    for record in store.arrangements(None).await.map_err(api_error)? {
        let terms = record.arrangement.terms();
        arrangements
            .entry(record.account_id)
            .or_default()
            .push(ArrangementFacts {
                agreed_on: terms.agreed_on,
                instalment: terms.instalment,
                frequency_label: terms.frequency.label().to_string(),
                states: record
                    .states
                    .iter()
                    .map(|state| (state.state, state.on_date))
                    .collect(),
            });
    }
    // Only the year and a bit the figures look at is read whole; everything older is carried
    // in as one brought-forward balance. (Reading every ten-year ledger whole took seconds.)
    let window_start = subtract_days(until, REPORT_WINDOW_DAYS);
    let mut ledgers: HashMap<i64, Vec<Entry>> = HashMap::new();
    for facts in store
        .ledger_facts(until, window_start, None)
        .await
        .map_err(api_error)?
    {
        let mut entries = Vec::with_capacity(facts.window_entries.len() + 1);
        if !facts.balance_before_window.is_zero() {
            entries.push(brought_forward(window_start, facts.balance_before_window));
        }
        entries.extend(facts.window_entries);
        ledgers.insert(facts.account_id, entries);
    }
    let records = store.accounts().await.map_err(api_error)?;
    let mut accounts = Vec::with_capacity(records.len());
    for record in records {
        accounts.push(AccountFacts {
            entries: ledgers.remove(&record.id).unwrap_or_default(),
            // Former tenancies are not in the officer's store yet (head office's caseload
            // will bring them).
            tenancy_ended_on: None,
            expected_benefit_now: expected_benefit(caseload, &record.payment_reference),
            arrangements: arrangements.remove(&record.id).unwrap_or_default(),
            steps: steps.remove(&record.id).unwrap_or_default(),
            payment_reference: record.payment_reference,
        });
    }
    Ok(accounts)
}

/// The facts of the last report asked for, and what they were read at.
pub(crate) struct ReportCache {
    until: NaiveDate,
    stamp: [i64; 5],
    accounts: Vec<AccountFacts>,
}

/// The technical part of today's balance: benefit confirmed as coming, from the caseload.
fn expected_benefit(caseload: &Caseload, payment_reference: &str) -> Decimal {
    caseload
        .account(payment_reference)
        .map_or(Decimal::ZERO, |account| {
            (account.state.balance - account.state.true_arrears).max(Decimal::ZERO)
        })
}

/// Days of ledger the report reads entry by entry, back from the week's Sunday: the 52-week
/// trend and annual debit, the age profile's "52 weeks or more", and a week's margin.
const REPORT_WINDOW_DAYS: u64 = 54 * 7;

/// Everything posted before the window as one entry the day before it. An adjustment is neither
/// a charge nor a payment, so no indicator counts it; only balances see it. (A reversal inside
/// the window of an entry before it no longer finds its original, so kind-based figures leave
/// it out, as `domain::reports` says.)
fn brought_forward(window_start: NaiveDate, balance: Decimal) -> Entry {
    Entry {
        id: Uuid::nil(),
        posted_on: subtract_days(window_start, 1),
        kind: EntryKind::Adjustment,
        amount: balance,
        description: "Brought forward".to_string(),
    }
}

fn subtract_days(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_sub_days(Days::new(days))
        .unwrap_or(NaiveDate::MIN)
}

pub(crate) fn monday_of(day: NaiveDate) -> NaiveDate {
    day.checked_sub_days(Days::new(u64::from(day.weekday().num_days_from_monday())))
        .unwrap_or(day)
}

pub(crate) fn sunday_after(monday: NaiveDate) -> NaiveDate {
    monday.checked_add_days(Days::new(6)).unwrap_or(monday)
}
