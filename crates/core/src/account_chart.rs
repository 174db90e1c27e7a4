//! One account's balance chart: the ledger as a line, with the letters, notices, arrangements
//! and court steps marked on it. The same series goes on the account page and in the court
//! bundle, so what the judge sees is what the officer saw.

use chrono::{Months, NaiveDate};
use doorstep_api::{
    AccountChartRequest, AccountChartView, ApiError, ChartEventView, DayAmountView, DiaryCodeView,
};
use doorstep_documents::StepKind;
use doorstep_domain::escalation::EscalationPolicy;
use doorstep_domain::money::format_money;
use doorstep_domain::reports::{balance_history, BalanceHistory, ChartEvent, ChartEventKind};
use doorstep_store::{ArrangementRecord, DiaryRecord};

use crate::account_page::{diary_codes, diary_label};
use crate::errors::api_error;
use crate::session::{today, unlocked_mut, Session};

/// The page shows the last two years unless asked for more: long enough to see a pattern,
/// short enough for a weekly account's steps to be told apart.
pub const DEFAULT_CHART_MONTHS: u32 = 24;

/// Diary codes that are court steps on the chart.
const COURT_CODES: [&str; 5] = [
    "court",
    "claim_issued",
    "hearing_outcome",
    "warrant_requested",
    "court_application",
];

impl Session {
    pub async fn account_chart(
        &self,
        request: &AccountChartRequest,
    ) -> Result<AccountChartView, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let account_id = crate::work::account_id(open, &request.payment_reference)?;
        let entries = open
            .store
            .entries_for_account(account_id)
            .await
            .map_err(api_error)?;
        let diary = open
            .store
            .diary_for_account(account_id)
            .await
            .map_err(api_error)?;
        let arrangements = open
            .store
            .arrangements(Some(account_id))
            .await
            .map_err(api_error)?;
        let policy = open.caseload.policy();
        let events = chart_events(
            &policy_step_codes(policy),
            &diary_codes(policy),
            &diary,
            &arrangements,
        );
        let to = today();
        let from = match request.from {
            Some(from) if from > to => {
                return Err(ApiError::Invalid {
                    field: "from".to_string(),
                    message: "The chart cannot start in the future.".to_string(),
                })
            }
            Some(from) => from,
            // The whole history when the account is younger than the default window.
            None => {
                let window_start = to
                    .checked_sub_months(Months::new(DEFAULT_CHART_MONTHS))
                    .unwrap_or(to);
                let first_posting = entries.iter().map(|entry| entry.posted_on).min();
                first_posting.map_or(window_start, |first| first.max(window_start))
            }
        };
        let history = balance_history(&entries, events, from, to);
        Ok(chart_view(&request.payment_reference, &history))
    }
}

/// The policy's step codes: the letters and other steps of the escalation ladder.
pub(crate) fn policy_step_codes(policy: &EscalationPolicy) -> Vec<String> {
    policy.steps.iter().map(|step| step.code.clone()).collect()
}

/// The steps worth marking on a balance chart, from the diary and the arrangements. Policy
/// steps other than the notice and court steps are letters.
pub(crate) fn chart_events(
    policy_steps: &[String],
    codes: &[DiaryCodeView],
    diary: &[DiaryRecord],
    arrangements: &[ArrangementRecord],
) -> Vec<ChartEvent> {
    let letters: Vec<&str> = policy_steps
        .iter()
        .map(String::as_str)
        .filter(|code| *code != "notice" && !COURT_CODES.contains(code))
        .collect();
    let mut events: Vec<ChartEvent> = diary
        .iter()
        .filter_map(|record| {
            let code = record.code.as_str();
            let kind = if code == "notice" {
                ChartEventKind::Notice
            } else if COURT_CODES.contains(&code) {
                ChartEventKind::Court
            } else if letters.contains(&code) {
                ChartEventKind::Letter
            } else {
                return None;
            };
            Some(ChartEvent {
                on: record.happened_on,
                kind,
                label: diary_label(codes, code),
            })
        })
        .collect();
    events.extend(arrangements.iter().map(|record| {
        let terms = record.arrangement.terms();
        ChartEvent {
            on: terms.agreed_on,
            kind: ChartEventKind::Arrangement,
            label: format!(
                "Arrangement {} {}",
                format_money(terms.instalment),
                terms.frequency.label().to_lowercase()
            ),
        }
    }));
    events.sort_by_key(|event| event.on);
    events
}

pub(crate) fn chart_view(payment_reference: &str, history: &BalanceHistory) -> AccountChartView {
    let days = |series: &[(NaiveDate, rust_decimal::Decimal)]| -> Vec<DayAmountView> {
        series
            .iter()
            .map(|(on, amount)| DayAmountView {
                on: *on,
                amount: *amount,
            })
            .collect()
    };
    AccountChartView {
        payment_reference: payment_reference.to_string(),
        from: history.from,
        to: history.to,
        balances: days(&history.balances),
        charges: days(&history.charges),
        payments: days(&history.payments),
        events: history
            .events
            .iter()
            .map(|event| ChartEventView {
                on: event.on,
                kind: event_kind_code(event.kind).to_string(),
                label: event.label.clone(),
            })
            .collect(),
    }
}

fn event_kind_code(kind: ChartEventKind) -> &'static str {
    match kind {
        ChartEventKind::Letter => "letter",
        ChartEventKind::Notice => "notice",
        ChartEventKind::Arrangement => "arrangement",
        ChartEventKind::Court => "court",
    }
}

/// The chart crate's marker for a step.
pub(crate) fn step_kind(kind: ChartEventKind) -> StepKind {
    match kind {
        ChartEventKind::Letter => StepKind::Letter,
        ChartEventKind::Notice => StepKind::Notice,
        ChartEventKind::Arrangement => StepKind::Arrangement,
        ChartEventKind::Court => StepKind::Court,
    }
}
