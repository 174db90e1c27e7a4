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
use crate::flags::{manager_review_needed, FlagPosition};
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
/// A request to the DWP (managed payment, deduction) left without a decision: chasing it is
/// how technical arrears stop becoming real ones, but it threatens no one, so it sits just
/// above the ladder.
pub const PRIORITY_CHASE_BENEFIT: u32 = 140;
/// A referral to follow up: help the tenant asked for or was offered, worth a call, but with
/// no money or deadline riding on the day, so below the benefit chase.
pub const PRIORITY_FOLLOW_UP_REFERRAL: u32 = 130;
/// A third party (local authority, support provider, appointee) behind its payment schedule:
/// like a benefit request, an administrative chase of someone other than the tenant, but money
/// already due, so just above it.
pub const PRIORITY_THIRD_PARTY_SHORTFALL: u32 = 145;
/// A notice that lapsed unused, between the ladder and a breach: the work done to serve it is
/// lost unless the officer decides now whether a new one is needed.
pub const PRIORITY_NOTICE_EXPIRED: u32 = 150;
/// A possession order broken (or not obeyed): the court has already decided, and the landlord
/// must act on it, so it outranks an informal arrangement's breach.
pub const PRIORITY_WARRANT: u32 = 250;
/// A payment that came back (a card declined when forwarded, a cheque returned unpaid) outranks
/// everything: the tenant believes they paid, and every day untold adds arrears they do not
/// know about.
pub const PRIORITY_PAYMENT_RETURNED: u32 = 300;

const _: () = assert!(PRIORITY_STEP_BASE + (POLICY_STEPS_MAX as u32) < PRIORITY_ARRANGEMENT_BROKEN);
const _: () = assert!(PRIORITY_ARRANGEMENT_BROKEN < PRIORITY_PAYMENT_RETURNED);
const _: () = assert!(PRIORITY_STEP_BASE + (POLICY_STEPS_MAX as u32) < PRIORITY_CHASE_BENEFIT);
const _: () = assert!(PRIORITY_STEP_BASE + (POLICY_STEPS_MAX as u32) < PRIORITY_FOLLOW_UP_REFERRAL);
const _: () = assert!(PRIORITY_FOLLOW_UP_REFERRAL < PRIORITY_CHASE_BENEFIT);
const _: () = assert!(PRIORITY_CHASE_BENEFIT < PRIORITY_THIRD_PARTY_SHORTFALL);
const _: () = assert!(PRIORITY_THIRD_PARTY_SHORTFALL < PRIORITY_NOTICE_EXPIRED);
const _: () = assert!(PRIORITY_NOTICE_EXPIRED < PRIORITY_ARRANGEMENT_BROKEN);
const _: () = assert!(PRIORITY_ARRANGEMENT_BROKEN < PRIORITY_WARRANT);
const _: () = assert!(PRIORITY_WARRANT < PRIORITY_PAYMENT_RETURNED);

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
    /// A payment returned since the officer last contacted the tenant: what came back, in
    /// words ("Card payment of £40.00 taken on 20 November 2026 was declined when forwarded").
    pub payment_returned: Option<String>,
    /// Notices and possession proceedings, for the notice's life and the warrant step.
    #[serde(default)]
    pub court: CourtPosition,
    /// A request to the DWP awaiting a decision past the follow-up time, in words ("Managed
    /// payment requested on 2 October 2026, no decision after 53 days").
    #[serde(default)]
    pub benefit_follow_up: Option<String>,
    /// The flags in force and the latest manager's review, for a policy that wants a review
    /// before a step (`flags::manager_review_needed`).
    #[serde(default)]
    pub flags: FlagPosition,
    /// A third party paying to a schedule is behind it, in words
    /// (`payment_schedule::shortfall_words`).
    #[serde(default)]
    pub third_party_shortfall: Option<String>,
    /// A referral (money advice, financial inclusion, DHP) whose follow-up day has come, in
    /// words (`former_tenancy::referral_follow_up`).
    #[serde(default)]
    pub referral_follow_up: Option<String>,
}

/// Where possession proceedings stand, as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourtPosition {
    /// The latest notice served.
    pub notice: Option<NoticeLife>,
    /// A claim was issued on or after the latest notice's service.
    pub claim_issued: bool,
    /// The latest possession order, if any.
    pub order: Option<PossessionOrder>,
    /// A warrant was requested after the latest order.
    pub warrant_requested: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeLife {
    /// The first day proceedings may begin on it.
    pub proceedings_from: NaiveDate,
    /// The last day proceedings may begin on it.
    pub expires_on: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PossessionOrder {
    /// Suspended on terms, kept as the account's court-ordered arrangement.
    Suspended { made_on: NaiveDate },
    Outright {
        made_on: NaiveDate,
        possession_on: NaiveDate,
    },
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
    /// Tell the tenant a payment came back: until a contact is recorded, whatever the balance.
    PaymentReturned,
    /// A possession order is broken or not obeyed: request a warrant (N325).
    Warrant,
    /// A request to the DWP has waited too long for a decision: chase it.
    ChaseBenefitRequest,
    /// A third party paying to a schedule is behind it: chase the payer.
    ThirdPartyShortfall,
    /// A referral's follow-up day has come: find out what happened.
    FollowUpReferral,
    /// The served notice lapsed with no claim: decide whether to serve a new one.
    NoticeExpired,
    /// The policy's step is due, but the account is flagged and the policy wants a manager's
    /// review first; the step follows once the review is in the diary.
    ManagerReview { code: String, label: String },
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
            WorklistAction::PaymentReturned => "Payment returned".to_string(),
            WorklistAction::Warrant => "Request a warrant".to_string(),
            WorklistAction::ChaseBenefitRequest => "Chase the DWP".to_string(),
            WorklistAction::ThirdPartyShortfall => "Chase the payer".to_string(),
            WorklistAction::FollowUpReferral => "Follow up the referral".to_string(),
            WorklistAction::NoticeExpired => "Notice expired".to_string(),
            WorklistAction::ManagerReview { label, .. } => {
                format!("Manager review before {}", label.to_lowercase())
            }
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
    if let Some(words) = &situation.payment_returned {
        return verdict(
            WorklistAction::PaymentReturned,
            format!("{words}; contact the tenant"),
            PRIORITY_PAYMENT_RETURNED,
        );
    }
    if let Some(words) = &situation.benefit_follow_up {
        return verdict(
            WorklistAction::ChaseBenefitRequest,
            format!("{words}: chase the DWP"),
            PRIORITY_CHASE_BENEFIT,
        );
    }
    if let Some(words) = &situation.third_party_shortfall {
        return verdict(
            WorklistAction::ThirdPartyShortfall,
            format!("{words}: chase the payer"),
            PRIORITY_THIRD_PARTY_SHORTFALL,
        );
    }
    if let Some(words) = &situation.referral_follow_up {
        return verdict(
            WorklistAction::FollowUpReferral,
            format!("{words}: find out what happened"),
            PRIORITY_FOLLOW_UP_REFERRAL,
        );
    }
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
    if let Some(words) = warrant_due(situation, today) {
        return verdict(WorklistAction::Warrant, words, PRIORITY_WARRANT);
    }
    if let Some(check) = situation.arrangement.as_ref() {
        match check.state {
            ArrangementState::Breached => {
                return verdict(
                    WorklistAction::ArrangementBroken,
                    check.explanation.clone(),
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
    if let Some(life) = situation.court.notice {
        if !situation.court.claim_issued && today > life.expires_on {
            return verdict(
                WorklistAction::NoticeExpired,
                format!(
                    "{owed}; the notice served expired on {} with no claim issued: serve a new notice if possession is still sought",
                    long_date(life.expires_on)
                ),
                PRIORITY_NOTICE_EXPIRED,
            );
        }
    }
    let last_step = describe_last_step(situation.last_step.as_ref(), policy, today);
    let last_step = match situation.court.notice {
        Some(life) if !situation.court.claim_issued && today <= life.expires_on => format!(
            "{last_step}; notice usable from {} until {}",
            long_date(life.proceedings_from),
            long_date(life.expires_on)
        ),
        _ => last_step,
    };
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
        let last_taken_on = situation.last_step.as_ref().map(|step| step.taken_on);
        if let Some(words) =
            manager_review_needed(policy, &step.code, &situation.flags, last_taken_on)
        {
            return verdict(
                WorklistAction::ManagerReview {
                    code: step.code.clone(),
                    label: step.label.clone(),
                },
                format!("{owed}; {words}"),
                PRIORITY_STEP_BASE + position,
            );
        }
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

/// A suspended order's terms broken (its arrangement breached), or an outright order's date
/// passed, with no warrant requested since: the warrant step, in words.
fn warrant_due(situation: &AccountSituation, today: NaiveDate) -> Option<String> {
    if situation.court.warrant_requested {
        return None;
    }
    match situation.court.order? {
        PossessionOrder::Suspended { made_on } => {
            let check = situation.arrangement.as_ref()?;
            (check.state == ArrangementState::Breached).then(|| {
                format!(
                    "The terms of the suspended possession order of {} are broken ({}); request a warrant (N325)",
                    long_date(made_on),
                    lowercase_first(&check.explanation)
                )
            })
        }
        PossessionOrder::Outright {
            made_on,
            possession_on,
        } => (today > possession_on).then(|| {
            format!(
                "The order of {} gave possession on {}, and the tenancy's arrears are {}; request a warrant (N325) if possession has not been given",
                long_date(made_on),
                long_date(possession_on),
                format_money(situation.true_arrears.max(Decimal::ZERO))
            )
        }),
    }
}

/// "Expected balance …" read inside a sentence: "expected balance …".
fn lowercase_first(text: &str) -> String {
    let mut characters = text.chars();
    characters.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(characters).collect()
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::escalation::default_policy;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).expect("test literal")
    }

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("test date")
    }

    fn today() -> NaiveDate {
        date(2026, 12, 16)
    }

    /// £100 a week rent, no steps, no arrangement, nothing blocking.
    fn situation(true_arrears: &str) -> AccountSituation {
        AccountSituation {
            balance: dec(true_arrears),
            true_arrears: dec(true_arrears),
            weekly_charge: dec("100"),
            last_step: None,
            arrangement: None,
            court_date: None,
            eviction_date: None,
            breathing_space_ends: None,
            pause: None,
            payment_returned: None,
            court: Default::default(),
            benefit_follow_up: None,
            flags: Default::default(),
            third_party_shortfall: None,
            referral_follow_up: None,
        }
    }

    #[test]
    fn a_flagged_account_waits_for_a_manager_review_before_the_notice() {
        use crate::flags::{FlagKind, FlagPosition};
        let policy = EscalationPolicy {
            manager_review_before_step: Some("notice".to_string()),
            ..default_policy()
        };
        let mut flagged = after("letter_2", 20, situation("500"));
        flagged.flags = FlagPosition {
            flags: vec![FlagKind::Vulnerability],
            manager_reviewed_on: None,
        };
        let unflagged = after("letter_2", 20, situation("500"));
        assert_eq!(
            next_action(&unflagged, &policy, today()).action.label(),
            "Notice of seeking possession"
        );
        let waiting = next_action(&flagged, &policy, today());
        assert_eq!(
            waiting.action.label(),
            "Manager review before notice of seeking possession"
        );
        assert!(
            waiting.reason.contains("flagged (vulnerability)"),
            "{}",
            waiting.reason
        );
        flagged.flags.manager_reviewed_on = Some(today());
        assert_eq!(
            next_action(&flagged, &policy, today()).action.label(),
            "Notice of seeking possession"
        );
    }

    fn after(code: &str, days_ago: u64, mut situation: AccountSituation) -> AccountSituation {
        situation.last_step = Some(StepTaken {
            code: code.to_string(),
            taken_on: today() - Days::new(days_ago),
        });
        situation
    }

    fn arrangement(state: ArrangementState, explanation: &str) -> Option<ArrangementCheck> {
        Some(ArrangementCheck {
            state,
            expected_balance: dec("400"),
            actual_balance: dec("450"),
            instalments_due_count: 10,
            next_instalment_on: None,
            explanation: explanation.to_string(),
        })
    }

    #[test]
    fn a_broken_suspended_order_is_the_warrant_step_until_a_warrant_is_requested() {
        let mut broken = situation("1500");
        broken.arrangement = arrangement(ArrangementState::Breached, "£30.00 behind the order");
        broken.court.order = Some(PossessionOrder::Suspended {
            made_on: date(2026, 9, 1),
        });
        let verdict = next_action(&broken, &default_policy(), today());
        assert_eq!(verdict.action, WorklistAction::Warrant);
        assert_eq!(verdict.priority, PRIORITY_WARRANT);
        assert!(verdict
            .reason
            .contains("suspended possession order of 1 September 2026"));
        broken.court.warrant_requested = true;
        assert_eq!(
            next_action(&broken, &default_policy(), today()).action,
            WorklistAction::ArrangementBroken
        );
    }

    #[test]
    fn a_kept_suspended_order_is_not_the_warrant_step() {
        let mut kept = situation("1500");
        kept.arrangement = arrangement(ArrangementState::Live, "on track");
        kept.court.order = Some(PossessionOrder::Suspended {
            made_on: date(2026, 9, 1),
        });
        assert_eq!(
            next_action(&kept, &default_policy(), today()).action,
            WorklistAction::Wait
        );
    }

    #[test]
    fn an_outright_order_is_the_warrant_step_the_day_after_possession_was_due() {
        let mut ordered = situation("1500");
        ordered.court.order = Some(PossessionOrder::Outright {
            made_on: date(2026, 11, 2),
            possession_on: today(),
        });
        assert_ne!(
            next_action(&ordered, &default_policy(), today()).action,
            WorklistAction::Warrant
        );
        let tomorrow = today() + Days::new(1);
        assert_eq!(
            next_action(&ordered, &default_policy(), tomorrow).action,
            WorklistAction::Warrant
        );
    }

    #[test]
    fn a_notice_lapsed_without_a_claim_is_flagged_the_day_after_it_expires() {
        let mut served = after("notice", 400, situation("1500"));
        served.court.notice = Some(NoticeLife {
            proceedings_from: today() - Days::new(370),
            expires_on: today(),
        });
        let on_the_day = next_action(&served, &default_policy(), today());
        assert_ne!(on_the_day.action, WorklistAction::NoticeExpired);
        let lapsed = next_action(&served, &default_policy(), today() + Days::new(1));
        assert_eq!(lapsed.action, WorklistAction::NoticeExpired);
        assert_eq!(lapsed.priority, PRIORITY_NOTICE_EXPIRED);
        served.court.claim_issued = true;
        assert_ne!(
            next_action(&served, &default_policy(), today() + Days::new(1)).action,
            WorklistAction::NoticeExpired
        );
    }

    #[test]
    fn a_live_notice_is_named_in_the_reason() {
        let mut served = after("notice", 10, situation("1500"));
        served.court.notice = Some(NoticeLife {
            proceedings_from: today() + Days::new(18),
            expires_on: today() + Days::new(355),
        });
        let verdict = next_action(&served, &default_policy(), today());
        assert!(
            verdict.reason.contains("notice usable from 3 January 2027"),
            "{}",
            verdict.reason
        );
    }

    /// The action's filter label, then the reason, against the default policy on 16 Dec 2026.
    fn check(situation: &AccountSituation, label: &str, reason: &str) {
        let verdict = next_action(situation, &default_policy(), today());
        assert_eq!(
            (verdict.action.label().as_str(), verdict.reason.as_str()),
            (label, reason)
        );
    }

    #[test]
    fn a_returned_payment_comes_first_whatever_the_balance() {
        for balance in ["-20", "0", "450"] {
            let mut returned = situation(balance);
            returned.court_date = Some(today() + Days::new(10));
            returned.payment_returned = Some("Cheque 100234 returned unpaid".into());
            let verdict = next_action(&returned, &default_policy(), today());
            assert_eq!(verdict.action, WorklistAction::PaymentReturned);
            assert_eq!(verdict.priority, PRIORITY_PAYMENT_RETURNED);
            assert_eq!(
                verdict.reason,
                "Cheque 100234 returned unpaid; contact the tenant"
            );
        }
    }

    #[test]
    fn no_true_arrears() {
        check(&situation("0"), "No action", "Account clear; no arrears");
        let mut technical = situation("0");
        technical.balance = dec("309");
        check(
            &technical,
            "No action",
            "£309.00 owed is benefit due; no true arrears",
        );
        let mut credit = situation("0");
        credit.balance = dec("-12.30");
        check(&credit, "No action", "£12.30 in credit; no arrears");
        // A negative true arrears figure is a caller's slip; it is read as none.
        let mut negative = situation("-5");
        negative.balance = dec("0");
        check(&negative, "No action", "Account clear; no arrears");
    }

    #[test]
    fn arrears_triggers() {
        check(
            &situation("4.99"),
            "Waiting",
            "£4.99 = 0.0 weeks' rent; no step taken yet; below Reminder at £5.00",
        );
        check(
            &situation("5.00"),
            "Reminder",
            "£5.00 = 0.1 weeks' rent; no step taken yet; no arrangement",
        );
        check(
            &situation("9.99"),
            "Reminder",
            "£9.99 = 0.1 weeks' rent; no step taken yet; no arrangement",
        );
        check(
            &situation("10.00"),
            "Letter 1",
            "£10.00 = 0.1 weeks' rent; no step taken yet; no arrangement",
        );
        // The reminder leads on to Letter 1 without naming it.
        check(
            &after("reminder", 3, situation("10.00")),
            "Letter 1",
            "£10.00 = 0.1 weeks' rent; Reminder on 13 December 2026, 3 days ago; no arrangement",
        );
        // But never back down: Letter 1 sent, arrears down to £6, no reminder.
        check(
            &after("letter_1", 20, situation("6")),
            "Waiting",
            "£6.00 = 0.1 weeks' rent; Letter 1 on 26 November 2026, 20 days ago; below Letter 2 at £10.00",
        );
        let mut technical = situation("612.40");
        technical.balance = dec("921.40");
        check(
            &after("letter_1", 16, technical),
            "Letter 2",
            "£612.40 = 6.1 weeks' rent (balance £921.40, of which £309.00 is benefit due); Letter 1 on 30 November 2026, 16 days ago; no arrangement",
        );
        let mut no_rent = situation("50");
        no_rent.weekly_charge = dec("0");
        check(
            &no_rent,
            "Letter 1",
            "£50.00 owed; no step taken yet; no arrangement",
        );
    }

    #[test]
    fn day_windows() {
        check(
            &after("letter_1", 13, situation("200")),
            "Waiting",
            "£200.00 = 2.0 weeks' rent; Letter 1 on 3 December 2026, 13 days ago; Letter 2 due 14 days after Letter 1, on 17 December 2026",
        );
        check(
            &after("letter_1", 14, situation("200")),
            "Letter 2",
            "£200.00 = 2.0 weeks' rent; Letter 1 on 2 December 2026, 14 days ago; no arrangement",
        );
        check(
            &after("letter_1", 92, situation("200")),
            "Letter 2",
            "£200.00 = 2.0 weeks' rent; Letter 1 on 15 September 2026, 92 days ago; no arrangement",
        );
        // Past the Letter 2 window the ladder starts again with Letter 1.
        check(
            &after("letter_1", 93, situation("200")),
            "Letter 1",
            "£200.00 = 2.0 weeks' rent; Letter 1 on 14 September 2026, 93 days ago; no arrangement",
        );
        check(
            &after("letter_1", 5, situation("200")),
            "Waiting",
            "£200.00 = 2.0 weeks' rent; Letter 1 on 11 December 2026, 5 days ago; Letter 2 due 14 days after Letter 1, on 25 December 2026",
        );
        check(
            &after("notice", 27, situation("500")),
            "Waiting",
            "£500.00 = 5.0 weeks' rent; Notice of seeking possession on 19 November 2026, 27 days ago; Court warning letter due 28 days after Notice of seeking possession, on 17 December 2026",
        );
        check(
            &after("notice", 28, situation("500")),
            "Court warning letter",
            "£500.00 = 5.0 weeks' rent; Notice of seeking possession on 18 November 2026, 28 days ago; no arrangement",
        );
        check(
            &after("court_warning", 14, situation("500")),
            "Apply for a court date",
            "£500.00 = 5.0 weeks' rent; Court warning letter on 2 December 2026, 14 days ago; no arrangement",
        );
        check(
            &after("court", 40, situation("500")),
            "Waiting",
            "£500.00 = 5.0 weeks' rent; Apply for a court date on 6 November 2026, 40 days ago; no later step in this policy follows it",
        );
    }

    #[test]
    fn weeks_of_rent() {
        check(
            &after("letter_2", 14, situation("399.99")),
            "Waiting",
            "£399.99 = 4.0 weeks' rent; Letter 2 on 2 December 2026, 14 days ago; below 4 weeks' rent for Notice of seeking possession",
        );
        check(
            &after("letter_2", 14, situation("390")),
            "Waiting",
            "£390.00 = 3.9 weeks' rent; Letter 2 on 2 December 2026, 14 days ago; below 4 weeks' rent for Notice of seeking possession",
        );
        check(
            &after("letter_2", 14, situation("400")),
            "Notice of seeking possession",
            "£400.00 = 4.0 weeks' rent; Letter 2 on 2 December 2026, 14 days ago; no arrangement",
        );
    }

    #[test]
    fn blockers() {
        let with = |change: fn(&mut AccountSituation)| {
            let mut situation = after("letter_2", 20, situation("500"));
            change(&mut situation);
            situation
        };
        check(
            &with(|s| s.court_date = Some(date(2026, 12, 17))),
            "Blocked: court date",
            "Court hearing on 17 December 2026; £500.00 = 5.0 weeks' rent",
        );
        check(
            &with(|s| s.court_date = Some(date(2026, 12, 16))),
            "Blocked: court date",
            "Court hearing on 16 December 2026; £500.00 = 5.0 weeks' rent",
        );
        check(
            &with(|s| s.court_date = Some(date(2026, 12, 15))),
            "Notice of seeking possession",
            "£500.00 = 5.0 weeks' rent; Letter 2 on 26 November 2026, 20 days ago; no arrangement",
        );
        check(
            &with(|s| s.eviction_date = Some(date(2027, 1, 4))),
            "Blocked: eviction date",
            "Eviction on 4 January 2027; £500.00 = 5.0 weeks' rent",
        );
        check(
            &with(|s| s.eviction_date = Some(date(2026, 12, 15))),
            "Notice of seeking possession",
            "£500.00 = 5.0 weeks' rent; Letter 2 on 26 November 2026, 20 days ago; no arrangement",
        );
        check(
            &with(|s| s.breathing_space_ends = Some(date(2026, 12, 16))),
            "Blocked: Breathing Space",
            "Breathing Space until 16 December 2026: no enforcement action; £500.00 = 5.0 weeks' rent",
        );
        check(
            &with(|s| s.breathing_space_ends = Some(date(2026, 12, 15))),
            "Notice of seeking possession",
            "£500.00 = 5.0 weeks' rent; Letter 2 on 26 November 2026, 20 days ago; no arrangement",
        );
        check(
            &with(|s| {
                s.pause = Some(Pause {
                    reason: PauseReason::PromiseOfPayment,
                    until: date(2026, 12, 16),
                    note: "Paying on Friday ".to_string(),
                })
            }),
            "Paused: promise of payment",
            "Paused until 16 December 2026 (promise of payment): Paying on Friday; £500.00 = 5.0 weeks' rent",
        );
        check(
            &with(|s| {
                s.pause = Some(Pause {
                    reason: PauseReason::DelayedBenefit,
                    until: date(2026, 12, 15),
                    note: String::new(),
                })
            }),
            "Notice of seeking possession",
            "£500.00 = 5.0 weeks' rent; Letter 2 on 26 November 2026, 20 days ago; no arrangement",
        );
        // Breathing Space outranks a court date: it is the law.
        check(
            &with(|s| {
                s.court_date = Some(date(2027, 1, 4));
                s.breathing_space_ends = Some(date(2027, 1, 10));
            }),
            "Blocked: Breathing Space",
            "Breathing Space until 10 January 2027: no enforcement action; £500.00 = 5.0 weeks' rent",
        );
        // With no true arrears a blocker does not matter.
        let mut clear = situation("0");
        clear.court_date = Some(date(2027, 1, 4));
        check(&clear, "No action", "Account clear; no arrears");
    }

    #[test]
    fn arrangements() {
        let mut broken = after("letter_2", 20, situation("500"));
        broken.arrangement = arrangement(ArrangementState::Breached, "Expected balance £400.00 after 10 instalments of £10.00; actual £450.00, £50.00 behind.");
        check(
            &broken,
            "Arrangement broken",
            "Expected balance £400.00 after 10 instalments of £10.00; actual £450.00, £50.00 behind.",
        );
        let mut kept = after("letter_2", 20, situation("500"));
        kept.arrangement = arrangement(
            ArrangementState::Live,
            "Expected balance £400.00 after 10 instalments of £10.00; actual £400.00, on track.",
        );
        check(
            &kept,
            "Waiting",
            "Arrangement kept: Expected balance £400.00 after 10 instalments of £10.00; actual £400.00, on track.",
        );
        let mut completed = after("letter_2", 20, situation("500"));
        completed.arrangement = arrangement(ArrangementState::Completed, "");
        check(
            &completed,
            "Notice of seeking possession",
            "£500.00 = 5.0 weeks' rent; Letter 2 on 26 November 2026, 20 days ago; arrangement completed",
        );
    }

    #[test]
    fn policy_changes_and_odd_data() {
        // A step from an old policy: the account starts from the rung that fits.
        check(
            &after("sms", 3, situation("50")),
            "Letter 1",
            "£50.00 = 0.5 weeks' rent; \"sms\" (not in this policy) on 13 December 2026, 3 days ago; no arrangement",
        );
        // A step recorded with a future date counts no days yet.
        check(
            &after("letter_1", 0, situation("50")),
            "Waiting",
            "£50.00 = 0.5 weeks' rent; Letter 1 on 16 December 2026, today; Letter 2 due 14 days after Letter 1, on 30 December 2026",
        );
        let mut future = situation("50");
        future.last_step = Some(StepTaken {
            code: "letter_1".to_string(),
            taken_on: date(2026, 12, 19),
        });
        check(
            &future,
            "Waiting",
            "£50.00 = 0.5 weeks' rent; Letter 1 on 19 December 2026, in 3 days; Letter 2 due 14 days after Letter 1, on 2 January 2027",
        );
    }

    #[test]
    fn priorities() {
        fn check_priority(situation: &AccountSituation, expected: u32) {
            let verdict = next_action(situation, &default_policy(), today());
            assert_eq!(verdict.priority, expected, "{}", verdict.reason);
        }
        check_priority(&situation("0"), PRIORITY_NOTHING);
        check_priority(&situation("3"), PRIORITY_WAIT);
        check_priority(&situation("5"), 101);
        check_priority(&situation("10"), 102);
        check_priority(&after("court_warning", 14, situation("500")), 106);
        let mut broken = situation("500");
        broken.arrangement = arrangement(ArrangementState::Breached, "");
        check_priority(&broken, PRIORITY_ARRANGEMENT_BROKEN);
        let mut blocked = situation("500");
        blocked.court_date = Some(today());
        check_priority(&blocked, PRIORITY_BLOCKED);
    }

    #[test]
    fn verdicts_serialise() {
        let verdict = next_action(&situation("10"), &default_policy(), today());
        let text = serde_json::to_string(&verdict.action).expect("serialise");
        assert_eq!(
            text,
            r#"{"type":"step","code":"letter_1","label":"Letter 1"}"#
        );
        let blocked = WorklistAction::Blocked {
            blocker: Blocker::Paused {
                reason: PauseReason::MissingData,
                until: today(),
            },
        };
        let text = serde_json::to_string(&blocked).expect("serialise");
        let back: WorklistAction = serde_json::from_str(&text).expect("deserialise");
        assert_eq!(back, blocked);
    }

    fn any_money() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            (-100_000i64..1_000_000).prop_map(|pence| Decimal::new(pence, 2)),
            any::<i64>().prop_map(|pence| Decimal::new(pence, 2)),
            Just(Decimal::MAX),
            Just(Decimal::MIN),
            Just(Decimal::ZERO),
        ]
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        prop_oneof![
            (-400i64..400).prop_map(|days| today() + chrono::Duration::days(days)),
            Just(NaiveDate::MIN),
            Just(NaiveDate::MAX),
        ]
    }

    fn any_code() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("reminder".to_string()),
            Just("letter_1".to_string()),
            Just("letter_2".to_string()),
            Just("notice".to_string()),
            Just("court_warning".to_string()),
            Just("court".to_string()),
            "[a-z_]{0,8}",
        ]
    }

    fn any_state() -> impl Strategy<Value = ArrangementState> {
        prop_oneof![
            Just(ArrangementState::Live),
            Just(ArrangementState::Breached),
            Just(ArrangementState::Completed),
            Just(ArrangementState::Cancelled),
            Just(ArrangementState::Superseded),
        ]
    }

    fn any_situation() -> impl Strategy<Value = AccountSituation> {
        (
            (any_money(), any_money(), any_money()),
            proptest::option::of((any_code(), any_date())),
            proptest::option::of(any_state()),
            (
                proptest::option::of(any_date()),
                proptest::option::of(any_date()),
                proptest::option::of(any_date()),
                proptest::option::of(any_date()),
            ),
        )
            .prop_map(
                |(
                    (balance, true_arrears, weekly_charge),
                    last,
                    state,
                    (court, eviction, breathing, pause),
                )| {
                    AccountSituation {
                        balance,
                        true_arrears,
                        weekly_charge,
                        last_step: last.map(|(code, taken_on)| StepTaken { code, taken_on }),
                        arrangement: state.and_then(|state| arrangement(state, "x")),
                        court_date: court,
                        eviction_date: eviction,
                        breathing_space_ends: breathing,
                        pause: pause.map(|until| Pause {
                            reason: PauseReason::Other,
                            until,
                            note: String::new(),
                        }),
                        payment_returned: None,
                        court: CourtPosition::default(),
                        benefit_follow_up: None,
                        flags: Default::default(),
                        third_party_shortfall: None,
                        referral_follow_up: None,
                    }
                },
            )
    }

    /// The default policy, and one with every trigger at an extreme, valid or not.
    fn any_policy() -> impl Strategy<Value = EscalationPolicy> {
        let odd_step = (
            any_code(),
            proptest::option::of(any_money()),
            proptest::option::of(any_money()),
            proptest::option::of(any_money()),
            proptest::option::of(any_code()),
            proptest::option::of(any::<u32>()),
            proptest::option::of(any::<u32>()),
            any::<bool>(),
        )
            .prop_map(
                |(code, min, below, weeks, after_step, days_min, days_max, no_arrangement)| {
                    crate::escalation::EscalationStep {
                        label: code.clone(),
                        code,
                        triggers: crate::escalation::StepTriggers {
                            arrears_min: min,
                            arrears_below: below,
                            weeks_of_rent_min: weeks,
                            after_step,
                            days_since_previous_step_min: days_min,
                            days_since_previous_step_max: days_max,
                            requires_no_live_arrangement: no_arrangement,
                        },
                    }
                },
            );
        prop_oneof![
            Just(default_policy()),
            proptest::collection::vec(odd_step, 0..30).prop_map(|steps| EscalationPolicy {
                benefit_request_follow_up_days: 28,
                manager_review_before_step: None,
                name: String::new(),
                steps,
            }),
        ]
    }

    proptest! {
        #[test]
        fn next_action_never_panics(
            situation in any_situation(),
            policy in any_policy(),
            today in any_date(),
        ) {
            let verdict = next_action(&situation, &policy, today);
            prop_assert!(!verdict.reason.is_empty());
            let is_step = matches!(verdict.action, WorklistAction::Step { .. });
            // Only a step can have an empty label: the policy's own label, if it left it blank.
            prop_assert!(is_step || !verdict.action.label().is_empty());
        }
    }
}
