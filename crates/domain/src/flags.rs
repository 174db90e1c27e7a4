//! Account flags that matter on a visit and in escalation, and the manager's review a flagged
//! account needs before the policy's chosen step (usually the notice).
//!
//! A notice served on a tenant who is vulnerable, lacks capacity or is under a safeguarding
//! plan can be disproportionate (Equality Act 2010 s15; the pre-action protocol's paragraph on
//! vulnerability [check: paragraph number]), so a landlord's policy may make a manager look
//! first. The review counts for the step only when recorded after the account's last step: a
//! review for last year's notice is not a review of this one.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::escalation::EscalationPolicy;

/// The diary code a manager's review is recorded under.
pub const MANAGER_REVIEW_CODE: &str = "manager_review";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    Vulnerability,
    MentalCapacity,
    Safeguarding,
    DoNotVisitAlone,
    /// An interpreter, large print, easy read, British Sign Language and the like.
    InterpreterOrFormat,
}

impl FlagKind {
    pub const ALL: [FlagKind; 5] = [
        FlagKind::Vulnerability,
        FlagKind::MentalCapacity,
        FlagKind::Safeguarding,
        FlagKind::DoNotVisitAlone,
        FlagKind::InterpreterOrFormat,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            FlagKind::Vulnerability => "Vulnerability",
            FlagKind::MentalCapacity => "Mental capacity",
            FlagKind::Safeguarding => "Safeguarding",
            FlagKind::DoNotVisitAlone => "Do not visit alone",
            FlagKind::InterpreterOrFormat => "Interpreter or format needs",
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            FlagKind::Vulnerability => "vulnerability",
            FlagKind::MentalCapacity => "mental_capacity",
            FlagKind::Safeguarding => "safeguarding",
            FlagKind::DoNotVisitAlone => "do_not_visit_alone",
            FlagKind::InterpreterOrFormat => "interpreter_or_format",
        }
    }

    pub fn from_code(code: &str) -> Option<FlagKind> {
        FlagKind::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// Whether the flag bears on escalation. "Do not visit alone" is about the officer's
    /// safety and an interpreter about how to write, not about whether a notice is fair.
    pub fn calls_for_review(&self) -> bool {
        matches!(
            self,
            FlagKind::Vulnerability | FlagKind::MentalCapacity | FlagKind::Safeguarding
        )
    }
}

/// What the worklist and the notice need to know about an account's flags.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagPosition {
    /// The flags in force, each once.
    pub flags: Vec<FlagKind>,
    /// The latest manager's review recorded in the diary.
    pub manager_reviewed_on: Option<NaiveDate>,
}

/// Why `step_code` must wait for a manager's review on this account, in words; None when it
/// need not (the policy asks for no review before this step, no flag calls for one, or a
/// review is recorded on or after the account's last step).
pub fn manager_review_needed(
    policy: &EscalationPolicy,
    step_code: &str,
    position: &FlagPosition,
    last_step_taken_on: Option<NaiveDate>,
) -> Option<String> {
    if policy.manager_review_before_step.as_deref() != Some(step_code) {
        return None;
    }
    let flagged: Vec<&str> = position
        .flags
        .iter()
        .filter(|flag| flag.calls_for_review())
        .map(FlagKind::label)
        .collect();
    if flagged.is_empty() {
        return None;
    }
    let reviewed = match (position.manager_reviewed_on, last_step_taken_on) {
        (Some(_), None) => true,
        (Some(reviewed), Some(last)) => reviewed >= last,
        (None, _) => false,
    };
    if reviewed {
        return None;
    }
    let step_label = policy
        .steps
        .iter()
        .find(|step| step.code == step_code)
        .map_or(step_code, |step| step.label.as_str());
    Some(format!(
        "The account is flagged ({}): the policy needs a manager's review before {step_label}, and none is recorded since the last step",
        flagged.join(", ").to_lowercase()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::escalation::default_policy;

    fn date(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, day).expect("a real date in a test")
    }

    fn policy_reviewing_notice() -> EscalationPolicy {
        EscalationPolicy {
            manager_review_before_step: Some("notice".to_string()),
            ..default_policy()
        }
    }

    /// The only caller of `manager_review_needed`.
    fn check(
        policy: &EscalationPolicy,
        step: &str,
        flags: &[FlagKind],
        reviewed: Option<u32>,
        last_step: Option<u32>,
        needed: bool,
    ) {
        let position = FlagPosition {
            flags: flags.to_vec(),
            manager_reviewed_on: reviewed.map(date),
        };
        let answer = manager_review_needed(policy, step, &position, last_step.map(date));
        assert_eq!(answer.is_some(), needed, "{step} {flags:?}: {answer:?}");
        if let Some(words) = answer {
            assert!(words.contains("Notice"), "names the step: {words}");
        }
    }

    #[test]
    fn a_flagged_account_waits_for_a_review_before_the_chosen_step_only() {
        let policy = policy_reviewing_notice();
        use FlagKind::*;
        //     policy   step        flags                   reviewed  last step  needed
        check(&policy, "notice", &[Vulnerability], None, Some(1), true);
        check(
            &policy,
            "notice",
            &[Safeguarding, DoNotVisitAlone],
            None,
            None,
            true,
        );
        check(&policy, "letter_2", &[Vulnerability], None, Some(1), false);
        check(&policy, "notice", &[], None, Some(1), false);
        // Safety and format flags do not make a notice unfair.
        check(
            &policy,
            "notice",
            &[DoNotVisitAlone, InterpreterOrFormat],
            None,
            Some(1),
            false,
        );
        check(
            &policy,
            "notice",
            &[MentalCapacity],
            Some(2),
            Some(1),
            false,
        );
        check(
            &policy,
            "notice",
            &[MentalCapacity],
            Some(1),
            Some(1),
            false,
        );
        // A review before the last step was for an earlier step.
        check(&policy, "notice", &[MentalCapacity], Some(1), Some(2), true);
        check(
            &default_policy(),
            "notice",
            &[Vulnerability],
            None,
            Some(1),
            false,
        );
    }

    #[test]
    fn codes_round_trip() {
        for kind in FlagKind::ALL {
            assert_eq!(FlagKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(FlagKind::from_code("nonsense"), None);
    }
}
