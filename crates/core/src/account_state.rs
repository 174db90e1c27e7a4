//! One account's figures and next action, from the store's records through the domain's
//! rules. Pure: the store is read by the caller, so the same function serves the full
//! recompute and the one-account refresh after a change.

use std::str::FromStr;

use chrono::NaiveDate;
use doorstep_domain::arrangement::{check_arrangement, ArrangementCheck, ArrangementState};
use doorstep_domain::arrears::arrears_in_weeks;
use doorstep_domain::benefits::{expected_credits, true_arrears, ExpectedCredit};
use doorstep_domain::escalation::EscalationPolicy;
use doorstep_domain::history::{explain_last_payment, last_payment, weekly_trend};
use doorstep_domain::worklist::{
    next_action, AccountSituation, Pause, PauseReason, StepTaken, WorklistVerdict,
};
use doorstep_store::{AccountRecord, ArrangementRecord, HoldKind, HoldRecord, LedgerFacts};
use rust_decimal::Decimal;
use uuid::Uuid;

/// Everything the rules need about one account, as read from the store.
pub(crate) struct AccountInputs<'a> {
    pub record: &'a AccountRecord,
    /// `None` for an account with no ledger entries yet.
    pub facts: Option<&'a LedgerFacts>,
    pub last_step: Option<StepTaken>,
    /// The account's open (live or breached) arrangement.
    pub open_arrangement: Option<&'a ArrangementRecord>,
    /// The latest hold of each kind.
    pub holds: &'a [HoldRecord],
    /// A payment returned since the last contact with the tenant, in words.
    pub payment_returned: Option<String>,
    pub court: doorstep_domain::worklist::CourtPosition,
    /// The benefit awards in force: as recorded, with the UC position and approved requests.
    pub awards: &'a [doorstep_domain::benefits::BenefitAward],
    pub benefit_follow_up: Option<String>,
    pub flags: doorstep_domain::flags::FlagPosition,
    pub third_party_shortfall: Option<String>,
    pub referral_follow_up: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct AccountState {
    pub balance: Decimal,
    pub true_arrears: Decimal,
    pub weeks_of_rent: Decimal,
    pub expected_credits: Vec<ExpectedCredit>,
    pub trend: Vec<(NaiveDate, Decimal)>,
    pub last_payment_on: Option<NaiveDate>,
    pub days_since_payment: Option<i64>,
    pub last_payment_words: String,
    pub arrangement: Option<(Uuid, ArrangementCheck)>,
    /// Kept so a policy change recomputes every verdict without reading the store.
    pub situation: AccountSituation,
    pub verdict: WorklistVerdict,
}

impl AccountState {
    pub(crate) fn pause_reason(&self, today: NaiveDate) -> Option<PauseReason> {
        self.situation
            .pause
            .as_ref()
            .filter(|pause| pause.until >= today)
            .map(|pause| pause.reason)
    }

    /// An arrangement state the check found that the history does not have yet.
    pub(crate) fn arrangement_change(
        &self,
        open: Option<&ArrangementRecord>,
    ) -> Option<(Uuid, ArrangementState)> {
        let (id, check) = self.arrangement.as_ref()?;
        let recorded = open?.state()?;
        (recorded != check.state
            && doorstep_domain::arrangement::transition_allowed(recorded, check.state))
        .then_some((*id, check.state))
    }
}

pub(crate) fn compute(
    inputs: &AccountInputs<'_>,
    policy: &EscalationPolicy,
    today: NaiveDate,
) -> AccountState {
    let no_entries = Vec::new();
    let (balance, window_entries, balance_before_window, last_payment_fallback) = match inputs.facts
    {
        Some(facts) => (
            facts.balance,
            &facts.window_entries,
            facts.balance_before_window,
            facts.last_payment_on,
        ),
        None => (Decimal::ZERO, &no_entries, Decimal::ZERO, None),
    };
    let weekly_charge = inputs
        .record
        .schedule
        .weekly_equivalent_on(today)
        .unwrap_or(Decimal::ZERO);
    let expected_credits = expected_credits(inputs.awards, window_entries, today);
    let true_arrears = true_arrears(balance, &expected_credits);
    let trend = weekly_trend(balance_before_window, window_entries, today);
    // The window holds 13 weeks; a last payment older than that comes from the whole-ledger
    // maximum, which cannot see reversals (see `LedgerFacts::last_payment_on`).
    let recent_payment = last_payment(window_entries);
    let last_payment_on = recent_payment
        .map(|entry| entry.posted_on)
        .or(last_payment_fallback);
    let (days_since_payment, last_payment_words) =
        explain_last_payment(last_payment_on, recent_payment, today);
    let arrangement = inputs.open_arrangement.map(|open| {
        (
            open.id,
            check_arrangement(&open.arrangement, balance, today),
        )
    });
    let situation = AccountSituation {
        balance,
        true_arrears,
        weekly_charge,
        last_step: inputs.last_step.clone(),
        arrangement: arrangement.as_ref().map(|(_, check)| check.clone()),
        court_date: latest_until(inputs.holds, HoldKind::CourtDate),
        eviction_date: latest_until(inputs.holds, HoldKind::EvictionDate),
        breathing_space_ends: latest_until(inputs.holds, HoldKind::BreathingSpace),
        pause: pause(inputs.holds),
        payment_returned: inputs.payment_returned.clone(),
        court: inputs.court.clone(),
        benefit_follow_up: inputs.benefit_follow_up.clone(),
        flags: inputs.flags.clone(),
        third_party_shortfall: inputs.third_party_shortfall.clone(),
        referral_follow_up: inputs.referral_follow_up.clone(),
    };
    let verdict = next_action(&situation, policy, today);
    AccountState {
        balance,
        true_arrears,
        weeks_of_rent: arrears_in_weeks(balance, weekly_charge),
        expected_credits,
        trend,
        last_payment_on,
        days_since_payment,
        last_payment_words,
        arrangement,
        situation,
        verdict,
    }
}

fn latest_until(holds: &[HoldRecord], kind: HoldKind) -> Option<NaiveDate> {
    holds
        .iter()
        .filter(|hold| hold.kind == kind)
        .max_by_key(|hold| hold.recorded_at)
        .map(|hold| hold.until_on)
}

fn pause(holds: &[HoldRecord]) -> Option<Pause> {
    let hold = holds
        .iter()
        .filter(|hold| hold.kind == HoldKind::Pause)
        .max_by_key(|hold| hold.recorded_at)?;
    Some(Pause {
        reason: hold
            .pause_reason
            .as_deref()
            .and_then(|code| pause_reason_from_code(code).ok())
            .unwrap_or(PauseReason::Other),
        until: hold.until_on,
        note: hold.note.clone(),
    })
}

pub(crate) fn pause_reason_from_code(code: &str) -> Result<PauseReason, String> {
    serde_json::from_value(serde_json::Value::String(code.to_string()))
        .map_err(|_| format!("{code:?} is not a pause reason"))
}

pub(crate) fn pause_reason_code(reason: PauseReason) -> String {
    match serde_json::to_value(reason) {
        Ok(serde_json::Value::String(code)) => code,
        _ => "other".to_string(),
    }
}

/// Parses money as typed in a form: "25", "25.5", "£1,025.50". Whole pence only.
pub(crate) fn parse_pounds(text: &str) -> Option<Decimal> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|character| *character != ',')
        .collect();
    let amount = Decimal::from_str(&cleaned).ok()?;
    (amount.normalize().scale() <= 2).then_some(amount)
}
