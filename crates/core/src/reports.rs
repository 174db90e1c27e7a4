//! The officer's weekly arrears report, from the store through `domain::reports`: every
//! account's ledger, arrangements with their states, and the diary's steps for the week.
//! (Issue 8's first piece; the screen, PDF, XLSX and charts are still to come.)

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use doorstep_api::{
    ApiError, MoverView, PaymentsByMethodView, WeeklyReportRequest, WeeklyReportView,
};
use doorstep_domain::reports::{
    weekly_report, AccountFacts, ArrangementFacts, STEP_CLAIM_ISSUED, STEP_HEARING_OUTCOME,
    STEP_HOME_VISIT, STEP_NOTICE_SERVED, STEP_WARRANT_REQUESTED,
};
use rust_decimal::Decimal;

use crate::errors::api_error;
use crate::session::{unlocked_mut, Session};

impl Session {
    pub async fn weekly_report(
        &self,
        request: &WeeklyReportRequest,
    ) -> Result<WeeklyReportView, ApiError> {
        let monday = request
            .week_of
            .checked_sub_days(Days::new(u64::from(
                request.week_of.weekday().num_days_from_monday(),
            )))
            .unwrap_or(request.week_of);
        let sunday = monday.checked_add_days(Days::new(6)).unwrap_or(monday);
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let store = &open.store;
        let mut steps: HashMap<i64, Vec<(String, NaiveDate)>> = HashMap::new();
        let codes = [
            STEP_NOTICE_SERVED,
            STEP_CLAIM_ISSUED,
            STEP_HEARING_OUTCOME,
            STEP_WARRANT_REQUESTED,
            STEP_HOME_VISIT,
        ];
        for (account_id, code, on) in store
            .diary_events(&codes, monday, sunday)
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
        let mut accounts = Vec::with_capacity(open.caseload.accounts_count());
        for record in store.accounts().await.map_err(api_error)? {
            let expected_benefit_now = open
                .caseload
                .account_by_id(record.id)
                .map_or(Decimal::ZERO, |account| {
                    (account.state.balance - account.state.true_arrears).max(Decimal::ZERO)
                });
            accounts.push(AccountFacts {
                entries: store
                    .entries_for_account(record.id)
                    .await
                    .map_err(api_error)?,
                // Former tenancies are not in the officer's store yet (head office's caseload
                // will bring them).
                tenancy_ended_on: None,
                expected_benefit_now,
                arrangements: arrangements.remove(&record.id).unwrap_or_default(),
                steps: steps.remove(&record.id).unwrap_or_default(),
                payment_reference: record.payment_reference,
            });
        }
        drop(state);
        let report = weekly_report(&accounts, monday);
        Ok(WeeklyReportView {
            week_starting: report.week_starting,
            week_ending: report.week_ending,
            accounts_in_arrears_at_start: report.start.accounts_in_arrears_count,
            arrears_at_start: report.start.arrears_total,
            accounts_in_arrears_at_end: report.end.accounts_in_arrears_count,
            arrears_at_end: report.end.arrears_total,
            arrears_movement: report.arrears_movement,
            new_cases_in_arrears: report.new_cases_in_arrears,
            arrangements_made: report.arrangements_made_count,
            arrangements_kept: report.arrangements_kept_count,
            arrangements_broken: report.arrangements_broken_count,
            notices_served: report.notices_served_count,
            court_actions: report.court_actions_count,
            home_visits: report.home_visits_count,
            payments_by_method: report
                .payments_by_method
                .iter()
                .map(|row| PaymentsByMethodView {
                    method: row.method.label().to_string(),
                    payments_count: row.payments_count,
                    received_total: row.received_total,
                })
                .collect(),
            taken_on_visits_count: report.taken_on_visits_count,
            taken_on_visits_total: report.taken_on_visits_total,
            biggest_movers: report
                .biggest_movers
                .iter()
                .map(|mover| MoverView {
                    payment_reference: mover.payment_reference.clone(),
                    balance_before: mover.balance_before,
                    balance_after: mover.balance_after,
                    movement: mover.balance_movement,
                })
                .collect(),
        })
    }
}
