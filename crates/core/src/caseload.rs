//! The officer's caseload in memory: every account's figures and next action, computed from
//! the store by `account_state`, so that the worklist, search-as-you-type and sorting touch
//! memory only. Recomputed in full at unlock, when the day changes and when the policy
//! changes; one account at a time after any change to its ledger, arrangements, diary or holds.

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::NaiveDate;
use doorstep_api::{
    AccountList, AccountSort, AccountSummary, ListAccountsRequest, NextActionView, Worklist,
    WorklistItem,
};
use doorstep_domain::arrangement::ArrangementState;
use doorstep_domain::court::HearingOutcome;
use doorstep_domain::escalation::EscalationPolicy;
use doorstep_domain::history::trend_window_start;
use doorstep_domain::search::matches_query;
use doorstep_domain::tenancy::PersonRole;
use doorstep_domain::worklist::{
    CourtPosition, NoticeLife, PossessionOrder, StepTaken, WorklistVerdict,
};
use doorstep_store::{
    AccountRecord, ArrangementRecord, ArrangementStateRecord, BenefitRequestRecord, FlagRecord,
    HoldRecord, LedgerFacts, Store, StoreError, UcPositionRecord,
};
use uuid::Uuid;

use crate::account_state::{compute, AccountInputs, AccountState};
use doorstep_domain::flags::{FlagKind, FlagPosition, MANAGER_REVIEW_CODE};
use doorstep_domain::former_tenancy::{referral_follow_up, Referral};
use doorstep_domain::housing_benefit::{awards_in_force, Notification};

/// The flags the worklist weighs, each kind once, and the latest manager's review.
pub(crate) fn flag_position(flags: &[FlagRecord], reviewed_on: Option<NaiveDate>) -> FlagPosition {
    let mut kinds: Vec<FlagKind> = Vec::new();
    for kind in flags
        .iter()
        .filter_map(|flag| FlagKind::from_code(&flag.flag))
    {
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    FlagPosition {
        flags: kinds,
        manager_reviewed_on: reviewed_on,
    }
}
use crate::benefit_work::{effective_awards, follow_up_due};

pub(crate) struct Caseload {
    accounts: Vec<CaseloadAccount>,
    position_by_id: HashMap<i64, usize>,
    position_by_reference: HashMap<String, usize>,
    /// Flags in force by account id, shown wherever the account appears.
    flags: HashMap<i64, Vec<FlagRecord>>,
    policy: EscalationPolicy,
    as_at: NaiveDate,
}

pub(crate) struct CaseloadAccount {
    pub record: AccountRecord,
    pub state: AccountState,
}

/// The diary code under which a returned payment (card declined when forwarded, cheque returned
/// unpaid) is noted; it keeps the account at the top of the worklist until a contact.
pub(crate) const PAYMENT_RETURNED_CODE: &str = "payment_returned";

/// Diary codes that mean the officer reached (or tried to reach) the tenant.
pub(crate) const CONTACT_CODES: &[&str] = &[
    "phone_call",
    "home_visit",
    "email",
    "text_message",
    "office_interview",
    "promise_to_pay",
];

/// The store's records for some accounts, grouped by account id.
struct Records {
    facts: HashMap<i64, LedgerFacts>,
    last_steps: HashMap<i64, StepTaken>,
    open_arrangements: HashMap<i64, ArrangementRecord>,
    holds: HashMap<i64, Vec<HoldRecord>>,
    payments_returned: HashMap<i64, String>,
    court: HashMap<i64, CourtPosition>,
    uc_positions: HashMap<i64, UcPositionRecord>,
    benefit_requests: HashMap<i64, Vec<BenefitRequestRecord>>,
    flags: HashMap<i64, Vec<FlagRecord>>,
    manager_reviews: HashMap<i64, NaiveDate>,
    hb_notifications: HashMap<i64, Vec<Notification>>,
    third_party_shortfalls: HashMap<i64, String>,
    referrals: HashMap<i64, Vec<Referral>>,
}

/// Each account's possession proceedings as the worklist needs them: the latest served
/// notice's life, whether a claim was issued on it, the latest order and any warrant since.
async fn court_positions(
    store: &Store,
    only_account: Option<i64>,
) -> Result<HashMap<i64, CourtPosition>, StoreError> {
    let mut positions: HashMap<i64, CourtPosition> = HashMap::new();
    let claims = store.claims(only_account).await?;
    for (notice, _) in store.latest_served_notices(only_account).await? {
        let position = positions.entry(notice.account_id).or_default();
        position.notice = Some(NoticeLife {
            proceedings_from: notice.proceedings_from,
            expires_on: notice.expires_on,
        });
        position.claim_issued = claims.iter().any(|claim| claim.notice_id == notice.id);
    }
    // In hearing order, so the last outcome of each account is the one in force.
    for outcome in store.hearing_outcomes(only_account).await? {
        let order = match HearingOutcome::from_code(&outcome.outcome) {
            Some(HearingOutcome::SuspendedOnTerms) => Some(PossessionOrder::Suspended {
                made_on: outcome.hearing_on,
            }),
            Some(HearingOutcome::OutrightWithDate) => Some(PossessionOrder::Outright {
                made_on: outcome.hearing_on,
                possession_on: outcome.possession_on.unwrap_or(outcome.hearing_on),
            }),
            Some(HearingOutcome::OutrightForthwith) => Some(PossessionOrder::Outright {
                made_on: outcome.hearing_on,
                possession_on: outcome.hearing_on,
            }),
            // A stay or an adjournment leaves the order as it was; a claim struck out or
            // withdrawn ends it.
            Some(HearingOutcome::StayOfExecution)
            | Some(HearingOutcome::AdjournedGenerally)
            | Some(HearingOutcome::AdjournedNextOpenDate)
            | Some(HearingOutcome::AdjournedAnotherHearing)
            | Some(HearingOutcome::AdjournedForDirections)
            | Some(HearingOutcome::AdjournedOnTerms) => continue,
            Some(HearingOutcome::StruckOut) | Some(HearingOutcome::Withdrawn) | None => None,
        };
        positions.entry(outcome.account_id).or_default().order = order;
    }
    for warrant in store.warrant_requests(only_account).await? {
        let position = positions.entry(warrant.account_id).or_default();
        let made_on = match position.order {
            Some(PossessionOrder::Suspended { made_on })
            | Some(PossessionOrder::Outright { made_on, .. }) => made_on,
            None => continue,
        };
        if warrant.requested_on >= made_on {
            position.warrant_requested = true;
        }
    }
    Ok(positions)
}

async fn read_records(
    store: &Store,
    policy: &EscalationPolicy,
    today: NaiveDate,
    only_account: Option<i64>,
) -> Result<Records, StoreError> {
    let facts = store
        .ledger_facts(today, trend_window_start(today), only_account)
        .await?
        .into_iter()
        .map(|facts| (facts.account_id, facts))
        .collect();
    let step_codes: Vec<String> = policy.steps.iter().map(|step| step.code.clone()).collect();
    let last_steps = store
        .last_steps(&step_codes, only_account)
        .await?
        .into_iter()
        .map(|(account_id, code, taken_on)| (account_id, StepTaken { code, taken_on }))
        .collect();
    let open_arrangements = store
        .arrangements(only_account)
        .await?
        .into_iter()
        .filter(|record| record.state().is_some_and(|state| state.is_open()))
        .map(|record| (record.account_id, record))
        .collect();
    let mut holds: HashMap<i64, Vec<HoldRecord>> = HashMap::new();
    for hold in store.latest_holds(only_account).await? {
        holds.entry(hold.account_id).or_default().push(hold);
    }
    let contact_codes: Vec<String> = CONTACT_CODES.iter().map(|code| code.to_string()).collect();
    let payments_returned = store
        .payments_returned_since_contact(PAYMENT_RETURNED_CODE, &contact_codes, only_account)
        .await?
        .into_iter()
        .collect();
    let court = court_positions(store, only_account).await?;
    let uc_positions = store
        .uc_positions(only_account)
        .await?
        .into_iter()
        .map(|position| (position.account_id, position))
        .collect();
    let mut benefit_requests: HashMap<i64, Vec<BenefitRequestRecord>> = HashMap::new();
    for request in store.benefit_requests(only_account).await? {
        benefit_requests
            .entry(request.account_id)
            .or_default()
            .push(request);
    }
    let mut flags: HashMap<i64, Vec<FlagRecord>> = HashMap::new();
    for flag in store.flags(only_account).await? {
        flags.entry(flag.account_id).or_default().push(flag);
    }
    let manager_reviews = store
        .last_steps(&[MANAGER_REVIEW_CODE.to_string()], only_account)
        .await?
        .into_iter()
        .map(|(account_id, _, reviewed_on)| (account_id, reviewed_on))
        .collect();
    let mut hb_notifications: HashMap<i64, Vec<Notification>> = HashMap::new();
    for record in store.hb_notifications(only_account).await? {
        if let Some(notification) = crate::housing_benefit::notification_of(&record) {
            hb_notifications
                .entry(record.account_id)
                .or_default()
                .push(notification);
        }
    }
    let third_party_shortfalls =
        crate::payment_schedules::shortfalls(store, only_account, today).await?;
    let mut referrals: HashMap<i64, Vec<Referral>> = HashMap::new();
    for record in store.referrals(only_account).await? {
        if let Some(referral) = crate::former_tenancy::referral_of(&record) {
            referrals
                .entry(record.account_id)
                .or_default()
                .push(referral);
        }
    }
    Ok(Records {
        referrals,
        third_party_shortfalls,
        hb_notifications,
        flags,
        manager_reviews,
        uc_positions,
        benefit_requests,
        facts,
        last_steps,
        open_arrangements,
        holds,
        payments_returned,
        court,
    })
}

fn state_of(
    record: &AccountRecord,
    records: &Records,
    policy: &EscalationPolicy,
    today: NaiveDate,
) -> AccountState {
    let requests = records
        .benefit_requests
        .get(&record.id)
        .map_or(&[][..], Vec::as_slice);
    // The council's notifications replace the Housing Benefit award the caseload came with.
    let recorded = awards_in_force(
        &record.benefit_awards,
        records
            .hb_notifications
            .get(&record.id)
            .map_or(&[], Vec::as_slice),
        today,
    );
    let awards = effective_awards(
        &recorded,
        records.uc_positions.get(&record.id),
        requests,
        today,
    );
    compute(
        &AccountInputs {
            record,
            facts: records.facts.get(&record.id),
            last_step: records.last_steps.get(&record.id).cloned(),
            open_arrangement: records.open_arrangements.get(&record.id),
            holds: records.holds.get(&record.id).map_or(&[], Vec::as_slice),
            payment_returned: records.payments_returned.get(&record.id).cloned(),
            court: records.court.get(&record.id).cloned().unwrap_or_default(),
            awards: &awards,
            benefit_follow_up: follow_up_due(
                requests,
                policy.benefit_request_follow_up_days,
                today,
            ),
            flags: flag_position(
                records.flags.get(&record.id).map_or(&[], Vec::as_slice),
                records.manager_reviews.get(&record.id).copied(),
            ),
            third_party_shortfall: records.third_party_shortfalls.get(&record.id).cloned(),
            referral_follow_up: referral_follow_up(
                records.referrals.get(&record.id).map_or(&[], Vec::as_slice),
                today,
            ),
        },
        policy,
        today,
    )
}

/// Records the states the breach check found (breached, kept again, completed), so the
/// arrangement's history shows when each happened. Derived, so no outbox command.
async fn record_arrangement_changes(
    store: &Store,
    changes: Vec<(Uuid, ArrangementState)>,
    today: NaiveDate,
) -> Result<(), StoreError> {
    for (arrangement_id, state) in changes {
        let reason = match state {
            ArrangementState::Breached => "Payments fell behind the arrangement",
            ArrangementState::Live => "Payments caught up with the arrangement",
            ArrangementState::Completed => "The arrears were cleared",
            _ => "Changed",
        };
        store
            .append_arrangement_state(
                arrangement_id,
                &ArrangementStateRecord {
                    state,
                    on_date: today,
                    reason: reason.to_string(),
                },
                None,
            )
            .await?;
    }
    Ok(())
}

impl Caseload {
    pub(crate) async fn load(
        store: &Store,
        policy: EscalationPolicy,
        today: NaiveDate,
    ) -> Result<Caseload, StoreError> {
        let records = store.accounts().await?;
        let found = read_records(store, &policy, today, None).await?;
        let mut changes = Vec::new();
        let accounts: Vec<CaseloadAccount> = records
            .into_iter()
            .map(|record| {
                let state = state_of(&record, &found, &policy, today);
                changes.extend(state.arrangement_change(found.open_arrangements.get(&record.id)));
                CaseloadAccount { record, state }
            })
            .collect();
        record_arrangement_changes(store, changes, today).await?;
        Ok(Caseload {
            flags: found.flags,
            position_by_id: accounts
                .iter()
                .enumerate()
                .map(|(position, account)| (account.record.id, position))
                .collect(),
            position_by_reference: accounts
                .iter()
                .enumerate()
                .map(|(position, account)| (account.record.payment_reference.clone(), position))
                .collect(),
            accounts,
            policy,
            as_at: today,
        })
    }

    /// Recomputes one account after a change to anything of its own.
    pub(crate) async fn refresh_account(
        &mut self,
        store: &Store,
        account_id: i64,
    ) -> Result<(), StoreError> {
        let Some(&position) = self.position_by_id.get(&account_id) else {
            return Ok(());
        };
        let found = read_records(store, &self.policy, self.as_at, Some(account_id)).await?;
        let account = &mut self.accounts[position];
        let state = state_of(&account.record, &found, &self.policy, self.as_at);
        let change = state.arrangement_change(found.open_arrangements.get(&account_id));
        account.state = state;
        match found.flags.get(&account_id) {
            Some(flags) => self.flags.insert(account_id, flags.clone()),
            None => self.flags.remove(&account_id),
        };
        if change.is_some() {
            record_arrangement_changes(store, change.into_iter().collect(), self.as_at).await?;
        }
        Ok(())
    }

    /// The account's flags in force, oldest first.
    pub(crate) fn flags(&self, account_id: i64) -> &[FlagRecord] {
        self.flags.get(&account_id).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn policy(&self) -> &EscalationPolicy {
        &self.policy
    }

    pub(crate) fn accounts_count(&self) -> usize {
        self.accounts.len()
    }

    pub(crate) fn as_at(&self) -> NaiveDate {
        self.as_at
    }

    pub(crate) fn account(&self, payment_reference: &str) -> Option<&CaseloadAccount> {
        self.position_by_reference
            .get(payment_reference)
            .map(|&position| &self.accounts[position])
    }

    pub(crate) fn account_by_id(&self, account_id: i64) -> Option<&CaseloadAccount> {
        self.position_by_id
            .get(&account_id)
            .map(|&position| &self.accounts[position])
    }

    pub(crate) fn list(&self, request: &ListAccountsRequest) -> AccountList {
        let mut accounts: Vec<AccountSummary> = self
            .accounts
            .iter()
            .map(|account| {
                let mut found = summary(&account.record, &account.state);
                found.flags = self
                    .flags(account.record.id)
                    .iter()
                    .map(|flag| {
                        FlagKind::from_code(&flag.flag).map_or_else(
                            || flag.flag.replace('_', " "),
                            |kind| kind.label().to_string(),
                        )
                    })
                    .collect();
                found
            })
            .filter(|summary| {
                matches_query(
                    &[
                        &summary.tenant_names,
                        &summary.address,
                        &summary.postcode,
                        &summary.payment_reference,
                    ],
                    &request.query,
                )
            })
            .collect();
        sort_accounts(&mut accounts, request.sort);
        AccountList {
            accounts,
            caseload_count: self.accounts.len(),
            as_at: self.as_at,
        }
    }

    pub(crate) fn worklist(&self) -> Worklist {
        let mut items: Vec<WorklistItem> = self
            .accounts
            .iter()
            .map(|account| {
                let mut item = worklist_item(&account.record, &account.state, self.as_at);
                let flags = self.flags(account.record.id);
                item.warnings = flags.iter().map(crate::visits::flag_warning).collect();
                item.do_not_visit_alone = flags
                    .iter()
                    .any(|flag| flag.flag == crate::visits::DO_NOT_VISIT_ALONE);
                item
            })
            .collect();
        // Most urgent first; then the bigger debt; then the reference, so the order is stable.
        items.sort_by(|a, b| {
            (
                Reverse(a.next_action.priority),
                Reverse(a.true_arrears),
                &a.payment_reference,
            )
                .cmp(&(
                    Reverse(b.next_action.priority),
                    Reverse(b.true_arrears),
                    &b.payment_reference,
                ))
        });
        Worklist {
            items,
            as_at: self.as_at,
            policy_name: self.policy.name.clone(),
        }
    }
}

pub(crate) fn next_action_view(verdict: &WorklistVerdict) -> NextActionView {
    use doorstep_domain::worklist::WorklistAction;
    let code = match &verdict.action {
        WorklistAction::Step { code, .. } => code.clone(),
        WorklistAction::ArrangementBroken => "arrangement_broken".to_string(),
        WorklistAction::PaymentReturned => "payment_returned".to_string(),
        WorklistAction::Warrant => "warrant".to_string(),
        WorklistAction::ChaseBenefitRequest => "chase_benefit".to_string(),
        WorklistAction::ThirdPartyShortfall => "third_party_shortfall".to_string(),
        WorklistAction::FollowUpReferral => "follow_up_referral".to_string(),
        WorklistAction::NoticeExpired => "notice_expired".to_string(),
        WorklistAction::ManagerReview { .. } => MANAGER_REVIEW_CODE.to_string(),
        WorklistAction::Blocked { .. } => "blocked".to_string(),
        WorklistAction::Wait => "wait".to_string(),
        WorklistAction::Nothing => "nothing".to_string(),
    };
    NextActionView {
        code,
        label: verdict.action.label(),
        reason: verdict.reason.clone(),
        priority: verdict.priority,
    }
}

fn worklist_item(record: &AccountRecord, state: &AccountState, today: NaiveDate) -> WorklistItem {
    WorklistItem {
        payment_reference: record.payment_reference.clone(),
        tenant_names: tenant_names(record),
        address: address(record),
        postcode: record.postcode.clone(),
        patch: postcode_district(&record.postcode),
        balance: state.balance,
        true_arrears: state.true_arrears,
        arrears_weeks: state.weeks_of_rent,
        next_action: next_action_view(&state.verdict),
        pause_reason: state
            .pause_reason(today)
            .map(|reason| reason.label().to_string()),
        warnings: Vec::new(),
        do_not_visit_alone: false,
    }
}

/// "HX1 4QP" → "HX1": the outward code, which is how patches are drawn.
fn postcode_district(postcode: &str) -> String {
    postcode
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_uppercase()
}

fn sort_accounts(accounts: &mut [AccountSummary], sort: AccountSort) {
    match sort {
        // Ties broken by reference so the order is stable from one keystroke to the next.
        AccountSort::ArrearsDescending => accounts.sort_by(|a, b| {
            (Reverse(a.balance), &a.payment_reference)
                .cmp(&(Reverse(b.balance), &b.payment_reference))
        }),
        AccountSort::Reference => {
            accounts.sort_by(|a, b| a.payment_reference.cmp(&b.payment_reference))
        }
        AccountSort::Name => accounts.sort_by(|a, b| {
            (a.tenant_names.to_lowercase(), &a.payment_reference)
                .cmp(&(b.tenant_names.to_lowercase(), &b.payment_reference))
        }),
    }
}

fn summary(record: &AccountRecord, state: &AccountState) -> AccountSummary {
    AccountSummary {
        payment_reference: record.payment_reference.clone(),
        tenant_names: tenant_names(record),
        address: address(record),
        postcode: record.postcode.clone(),
        tenure: record.tenure.label().to_string(),
        balance: state.balance,
        arrears_weeks: state.weeks_of_rent,
        flags: Vec::new(),
    }
}

/// The names on the tenancy (tenant and joint tenants), as a letter would address them.
pub(crate) fn tenant_names(record: &AccountRecord) -> String {
    let names: Vec<&str> = record
        .people
        .iter()
        .filter(|person| matches!(person.role, PersonRole::Tenant | PersonRole::JointTenant))
        .map(|person| person.full_name.as_str())
        .collect();
    names.join(" & ")
}

pub(crate) fn address(record: &AccountRecord) -> String {
    let mut parts = vec![record.address_line_1.as_str()];
    parts.extend(record.address_line_2.as_deref());
    parts.push(record.town.as_str());
    parts.join(", ")
}
