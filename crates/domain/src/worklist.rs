//! The worklist: the next action for one account, with the reason in words an officer can check.
//!
//! Recomputed from the account's situation on every change, so it never goes stale the way a
//! weekly priority list does (DOMAIN.md, "Escalation"). The order of the questions is the order
//! of their weight: no true arrears, nothing to do; a legal or recorded blocker, hands off; an
//! open arrangement, deal with that; only then the policy ladder.
//!
//! How the ladder is read, and why:
//! - A step with `after_step` follows exactly that step: the account's most recent step must be
//!   it. Windows (`days_since_previous_step_*`) count from it.
//! - A step without `after_step` is an entry step. It needs no previous step, but never moves an
//!   account down the ladder: it is open when the account has no step yet, when its most recent
//!   step is an earlier rung (the reminder leads on to Letter 1 without naming it), or when that
//!   step is not in the policy (the policy changed; the account starts from the rung that
//!   fits). So a step is never re-proposed while it is itself the most recent step.
//! - The ladder starts again once the most recent step is more than
//!   `LADDER_RESTART_AFTER_DAYS` old: then every entry step is open again, the same one
//!   included. Without this, an account whose Letter 1 went out five months ago and whose
//!   Letter 2 window has closed would wait for ever.
//! - Of the steps whose triggers all hold, the highest on the ladder is proposed.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::arrangement::{ArrangementCheck, ArrangementState};
use crate::arrears::arrears_in_weeks;
use crate::escalation::{EscalationPolicy, EscalationStep, POLICY_STEPS_MAX};
use crate::money::format_money;

/// Three calendar months are at most 92 days. Hackney does not send Letter 1 again within 3
/// months of a letter (lbh-income-api `send_letter_one.rb`), and closes Letter 2's window at
/// 3 months (`send_letter_two.rb`): after that, the last step no longer counts as recent.
pub const LADDER_RESTART_AFTER_DAYS: u32 = 92;

/// Priorities, bigger first. A breach outranks every step because a broken promise is cheapest
/// to rescue the week it is broken, with a phone call; among steps, later rungs outrank earlier
/// ones because they carry legal deadlines (a notice lapses, a court warning has a hearing
/// behind it). Waiting accounts sort above those with nothing to do or blocked, so a filter on
/// "in arrears" lists them first; neither needs action today.
pub const PRIORITY_NOTHING: u32 = 0;
pub const PRIORITY_BLOCKED: u32 = 0;
pub const PRIORITY_WAIT: u32 = 1;
/// A step's priority is this plus its 1-based position on the ladder (at most 20).
pub const PRIORITY_STEP_BASE: u32 = 100;
pub const PRIORITY_ARRANGEMENT_BROKEN: u32 = 200;

const _: () = assert!(PRIORITY_STEP_BASE + (POLICY_STEPS_MAX as u32) < PRIORITY_ARRANGEMENT_BROKEN);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PauseReason {
    CourtDateSet,
    EvictionDateSet,
    DelayedBenefit,
    PromiseOfPayment,
    Deceased,
    MissingData,
    Other,
}

impl PauseReason {
    pub fn label(&self) -> &'static str {
        match self {
            PauseReason::CourtDateSet => "Court date set",
            PauseReason::EvictionDateSet => "Eviction date set",
            PauseReason::DelayedBenefit => "Delayed benefit",
            PauseReason::PromiseOfPayment => "Promise of payment",
            PauseReason::Deceased => "Deceased",
            PauseReason::MissingData => "Missing data",
            PauseReason::Other => "Other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub reason: PauseReason,
    /// The last day of the pause: the account is paused on this day too.
    pub until: NaiveDate,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepTaken {
    pub code: String,
    pub taken_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSituation {
    pub balance: Decimal,
    /// >= 0; balance minus benefit credits confirmed as coming.
    pub true_arrears: Decimal,
    /// Weekly equivalent of rent; 0 if none.
    pub weekly_charge: Decimal,
    /// Most recent escalation step recorded in the diary.
    pub last_step: Option<StepTaken>,
    /// Check of the open (live/breached) arrangement, if any.
    pub arrangement: Option<ArrangementCheck>,
    pub court_date: Option<NaiveDate>,
    pub eviction_date: Option<NaiveDate>,
    /// The last day of the Breathing Space moratorium.
    pub breathing_space_ends: Option<NaiveDate>,
    pub pause: Option<Pause>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Blocker {
    CourtDate {
        on: NaiveDate,
    },
    EvictionDate {
        on: NaiveDate,
    },
    BreathingSpace {
        ends: NaiveDate,
    },
    Paused {
        reason: PauseReason,
        until: NaiveDate,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum WorklistAction {
    /// Take this policy step now.
    Step { code: String, label: String },
    /// Contact the tenant about the breached arrangement.
    ArrangementBroken,
    /// In arrears, but a blocker applies.
    Blocked { blocker: Blocker },
    /// In arrears, but the next step is not due yet, or an arrangement is being kept.
    Wait,
    /// No true arrears.
    Nothing,
}

impl WorklistAction {
    /// For filters: "Letter 1", "Arrangement broken", "Blocked: court date",
    /// "Paused: promise of payment", "Waiting", "No action".
    pub fn label(&self) -> String {
        match self {
            WorklistAction::Step { label, .. } => label.clone(),
            WorklistAction::ArrangementBroken => "Arrangement broken".to_string(),
            WorklistAction::Blocked { blocker } => match blocker {
                Blocker::CourtDate { .. } => "Blocked: court date".to_string(),
                Blocker::EvictionDate { .. } => "Blocked: eviction date".to_string(),
                Blocker::BreathingSpace { .. } => "Blocked: Breathing Space".to_string(),
                Blocker::Paused { reason, .. } => {
                    format!("Paused: {}", reason.label().to_lowercase())
                }
            },
            WorklistAction::Wait => "Waiting".to_string(),
            WorklistAction::Nothing => "No action".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorklistVerdict {
    pub action: WorklistAction,
    pub reason: String,
    /// Bigger is more urgent; see the `PRIORITY_*` constants for the rule.
    pub priority: u32,
}

/// Blockers first, then an open arrangement, then the highest policy step whose triggers all
/// hold, given the last step (module comment). Never panics, whatever the situation or policy:
/// the worklist is computed for every account on every change.
pub fn next_action(
    situation: &AccountSituation,
    policy: &EscalationPolicy,
    today: NaiveDate,
) -> WorklistVerdict {
    let true_arrears = situation.true_arrears.max(Decimal::ZERO);
    if true_arrears.is_zero() {
        return verdict(
            WorklistAction::Nothing,
            no_arrears(situation.balance),
            PRIORITY_NOTHING,
        );
    }
    let owed = describe_arrears(situation, true_arrears);
    if let Some((blocker, words)) = blocker_in_force(situation, today) {
        return verdict(
            WorklistAction::Blocked { blocker },
            format!("{words}; {owed}"),
            PRIORITY_BLOCKED,
        );
    }
    if let Some(check) = situation.arrangement.as_ref() {
        match check.state {
            ArrangementState::Breached => {
                return verdict(
                    WorklistAction::ArrangementBroken,
                    format!("Arrangement broken: {}", check.explanation),
                    PRIORITY_ARRANGEMENT_BROKEN,
                );
            }
            ArrangementState::Live => {
                return verdict(
                    WorklistAction::Wait,
                    format!("Arrangement kept: {}", check.explanation),
                    PRIORITY_WAIT,
                );
            }
            // Finished arrangements hold nothing back; the ladder decides.
            ArrangementState::Completed
            | ArrangementState::Cancelled
            | ArrangementState::Superseded => {}
        }
    }
    let last_step = describe_last_step(situation.last_step.as_ref(), policy, today);
    let steps = &policy.steps[..policy.steps.len().min(POLICY_STEPS_MAX)];
    let due = steps.iter().enumerate().rev().find(|(index, step)| {
        unmet_trigger(policy, *index, step, situation, true_arrears, today).is_none()
    });
    if let Some((index, step)) = due {
        let arrangement = match &situation.arrangement {
            None => "no arrangement".to_string(),
            Some(check) => format!("arrangement {}", check.state.label().to_lowercase()),
        };
        // `index` < POLICY_STEPS_MAX (20), so the conversion cannot fail.
        let position = u32::try_from(index + 1).unwrap_or(0);
        return verdict(
            WorklistAction::Step {
                code: step.code.clone(),
                label: step.label.clone(),
            },
            format!("{owed}; {last_step}; {arrangement}"),
            PRIORITY_STEP_BASE + position,
        );
    }
    let why_waiting = why_no_step(policy, situation, true_arrears, today);
    verdict(
        WorklistAction::Wait,
        format!("{owed}; {last_step}; {why_waiting}"),
        PRIORITY_WAIT,
    )
}

fn verdict(action: WorklistAction, reason: String, priority: u32) -> WorklistVerdict {
    WorklistVerdict {
        action,
        reason,
        priority,
    }
}

fn no_arrears(balance: Decimal) -> String {
    if balance > Decimal::ZERO {
        format!(
            "{} owed is benefit due; no true arrears",
            format_money(balance)
        )
    } else if balance < Decimal::ZERO {
        // `Decimal::MIN` negated is `Decimal::MAX`: negation cannot overflow.
        format!("{} in credit; no arrears", format_money(-balance))
    } else {
        "Account clear; no arrears".to_string()
    }
}

/// "£612.40 = 5.1 weeks' rent", with the benefit due named when the balance is higher.
fn describe_arrears(situation: &AccountSituation, true_arrears: Decimal) -> String {
    let mut words = if situation.weekly_charge > Decimal::ZERO {
        format!(
            "{} = {} weeks' rent",
            format_money(true_arrears),
            arrears_in_weeks(true_arrears, situation.weekly_charge)
        )
    } else {
        format!("{} owed", format_money(true_arrears))
    };
    if let Some(benefit_due) = situation
        .balance
        .checked_sub(true_arrears)
        .filter(|benefit_due| *benefit_due > Decimal::ZERO)
    {
        words.push_str(&format!(
            " (balance {}, of which {} is benefit due)",
            format_money(situation.balance),
            format_money(benefit_due)
        ));
    }
    words
}

fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "16 days ago", "1 day ago", "today", "in 3 days" (a step recorded with a future date).
fn days_ago(date: NaiveDate, today: NaiveDate) -> String {
    match (today - date).num_days() {
        0 => "today".to_string(),
        1 => "1 day ago".to_string(),
        -1 => "in 1 day".to_string(),
        days if days < 0 => format!("in {} days", -days),
        days => format!("{days} days ago"),
    }
}

/// The blocker in force today, with its words. Every date is inclusive: Breathing Space
/// protects the tenant to the end of its last day, a pause is set "until" a day the officer
/// means to include, and on the day of a hearing or eviction the outcome is not yet known.
/// Breathing Space comes first because it is the law (the Debt Respite Scheme forbids
/// enforcement action), then eviction and court dates, then the officer's own pause.
fn blocker_in_force(situation: &AccountSituation, today: NaiveDate) -> Option<(Blocker, String)> {
    if let Some(ends) = situation.breathing_space_ends.filter(|ends| *ends >= today) {
        let words = format!(
            "Breathing Space until {}: no enforcement action",
            long_date(ends)
        );
        return Some((Blocker::BreathingSpace { ends }, words));
    }
    if let Some(on) = situation.eviction_date.filter(|on| *on >= today) {
        let words = format!("Eviction on {}", long_date(on));
        return Some((Blocker::EvictionDate { on }, words));
    }
    if let Some(on) = situation.court_date.filter(|on| *on >= today) {
        let words = format!("Court hearing on {}", long_date(on));
        return Some((Blocker::CourtDate { on }, words));
    }
    if let Some(pause) = situation
        .pause
        .as_ref()
        .filter(|pause| pause.until >= today)
    {
        let mut words = format!(
            "Paused until {} ({})",
            long_date(pause.until),
            pause.reason.label().to_lowercase()
        );
        if !pause.note.trim().is_empty() {
            words.push_str(&format!(": {}", pause.note.trim()));
        }
        let blocker = Blocker::Paused {
            reason: pause.reason,
            until: pause.until,
        };
        return Some((blocker, words));
    }
    None
}

fn step_label<'a>(policy: &'a EscalationPolicy, code: &'a str) -> &'a str {
    policy
        .steps
        .iter()
        .take(POLICY_STEPS_MAX)
        .find(|step| step.code == code)
        .map_or(code, |step| step.label.as_str())
}

/// "Letter 1 on 1 December 2026, 16 days ago", or "no step taken yet".
fn describe_last_step(
    last_step: Option<&StepTaken>,
    policy: &EscalationPolicy,
    today: NaiveDate,
) -> String {
    let Some(last) = last_step else {
        return "no step taken yet".to_string();
    };
    let known = policy
        .steps
        .iter()
        .take(POLICY_STEPS_MAX)
        .any(|step| step.code == last.code);
    let name = if known {
        step_label(policy, &last.code).to_string()
    } else {
        format!("\"{}\" (not in this policy)", last.code)
    };
    format!(
        "{name} on {}, {}",
        long_date(last.taken_on),
        days_ago(last.taken_on, today)
    )
}

/// Days from the last step to today; negative for a step recorded with a future date.
fn days_since(last: &StepTaken, today: NaiveDate) -> i64 {
    (today - last.taken_on).num_days()
}

/// Whether the ladder lets this step follow the account's most recent step (module comment).
fn sequence_allows(
    policy: &EscalationPolicy,
    index: usize,
    step: &EscalationStep,
    last_step: Option<&StepTaken>,
    today: NaiveDate,
) -> bool {
    match (&step.triggers.after_step, last_step) {
        (Some(after_step), Some(last)) => last.code == *after_step,
        (Some(_), None) => false,
        (None, None) => true,
        (None, Some(last)) => {
            if days_since(last, today) > i64::from(LADDER_RESTART_AFTER_DAYS) {
                return true;
            }
            let last_index = policy
                .steps
                .iter()
                .take(POLICY_STEPS_MAX)
                .position(|step| step.code == last.code);
            last_index.is_none_or(|last_index| last_index < index)
        }
    }
}

/// The first trigger of `step` that does not hold today, in words; None when the step is due.
fn unmet_trigger(
    policy: &EscalationPolicy,
    index: usize,
    step: &EscalationStep,
    situation: &AccountSituation,
    true_arrears: Decimal,
    today: NaiveDate,
) -> Option<String> {
    let triggers = &step.triggers;
    let label = &step.label;
    let last_step = situation.last_step.as_ref();
    if !sequence_allows(policy, index, step, last_step, today) {
        return Some(match &triggers.after_step {
            Some(after_step) => format!("{label} follows {}", step_label(policy, after_step)),
            None => format!("{label} is not repeated within {LADDER_RESTART_AFTER_DAYS} days"),
        });
    }
    if let Some(arrears_min) = triggers.arrears_min.filter(|min| true_arrears < *min) {
        return Some(format!("below {label} at {}", format_money(arrears_min)));
    }
    if let Some(arrears_below) = triggers
        .arrears_below
        .filter(|below| true_arrears >= *below)
    {
        return Some(format!(
            "{label} is only below {}",
            format_money(arrears_below)
        ));
    }
    if let Some(weeks_min) = triggers
        .weeks_of_rent_min
        .filter(|weeks_min| !weeks_reached(true_arrears, situation.weekly_charge, *weeks_min))
    {
        return Some(if situation.weekly_charge > Decimal::ZERO {
            format!("below {weeks_min} weeks' rent for {label}")
        } else {
            format!("{label} needs {weeks_min} weeks' rent, and no rent is charged")
        });
    }
    if let Some(unmet) = unmet_window(policy, step, last_step, today) {
        return Some(unmet);
    }
    let arrangement_open = situation
        .arrangement
        .as_ref()
        .is_some_and(|check| check.state.is_open());
    if triggers.requires_no_live_arrangement && arrangement_open {
        return Some(format!("{label} needs no live arrangement"));
    }
    None
}

/// Compared exactly, as arrears >= weeks × weekly charge, not on the 1dp figure shown: 3.96
/// weeks shows as "4.0" but is not 4 weeks' rent. With no rent charged there is nothing to
/// count weeks of, so only a threshold of zero holds.
fn weeks_reached(true_arrears: Decimal, weekly_charge: Decimal, weeks_min: Decimal) -> bool {
    if weeks_min <= Decimal::ZERO {
        return true;
    }
    if weekly_charge <= Decimal::ZERO {
        return false;
    }
    // Only absurd inputs overflow; a threshold beyond Decimal's range is never reached.
    weeks_min
        .checked_mul(weekly_charge)
        .is_some_and(|needed| true_arrears >= needed)
}

/// The `days_since_previous_step_*` window, counted from the most recent step.
fn unmet_window(
    policy: &EscalationPolicy,
    step: &EscalationStep,
    last_step: Option<&StepTaken>,
    today: NaiveDate,
) -> Option<String> {
    let triggers = &step.triggers;
    let label = &step.label;
    if triggers.days_since_previous_step_min.is_none()
        && triggers.days_since_previous_step_max.is_none()
    {
        return None;
    }
    let Some(last) = last_step else {
        return Some(format!(
            "{label} counts days from a previous step, and none is recorded"
        ));
    };
    let previous = step_label(policy, &last.code);
    let days = days_since(last, today);
    if let Some(days_min) = triggers
        .days_since_previous_step_min
        .filter(|days_min| days < i64::from(*days_min))
    {
        let due = last
            .taken_on
            .checked_add_days(Days::new(u64::from(days_min)))
            .map_or(String::new(), |due_on| {
                format!(", on {}", long_date(due_on))
            });
        return Some(format!("{label} due {days_min} days after {previous}{due}"));
    }
    if let Some(days_max) = triggers
        .days_since_previous_step_max
        .filter(|days_max| days > i64::from(*days_max))
    {
        return Some(format!("{label} only within {days_max} days of {previous}"));
    }
    None
}

/// Why nothing is due: what stops the lowest step the ladder would allow next.
fn why_no_step(
    policy: &EscalationPolicy,
    situation: &AccountSituation,
    true_arrears: Decimal,
    today: NaiveDate,
) -> String {
    let last_step = situation.last_step.as_ref();
    let next = policy
        .steps
        .iter()
        .take(POLICY_STEPS_MAX)
        .enumerate()
        .find(|(index, step)| sequence_allows(policy, *index, step, last_step, today));
    let Some((index, step)) = next else {
        return "no later step in this policy follows it".to_string();
    };
    unmet_trigger(policy, index, step, situation, true_arrears, today)
        .unwrap_or_else(|| "no step is due".to_string())
}
