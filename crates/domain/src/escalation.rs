//! The escalation policy as data: a ladder of steps, each with the triggers that make it due.
//!
//! Officers complain that policy switches only IT can change (DOMAIN.md, "Escalation"), so the
//! policy is JSON the team edits, checked here before it is used: a mistyped step code would
//! otherwise silently stop every account at that rung. The default is modelled on Hackney's
//! public ruleset (lbh-income-api, `lib/hackney/income/tenancy_classification/v2/rulesets/`).
//!
//! Steps are in ladder order: a later step is a more serious one. How the worklist reads the
//! triggers (which step wins, when the ladder starts again) is in `worklist`.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A ladder longer than this is a typing accident, and every loop over steps is bounded by it.
pub const POLICY_STEPS_MAX: usize = 20;

/// Codes are identifiers stored in every account's diary; short keeps them readable there.
pub const POLICY_STEP_CODE_CHARS_MAX: usize = 40;

/// Labels appear as worklist filters and in reasons; longer would not fit a filter button.
pub const POLICY_STEP_LABEL_CHARS_MAX: usize = 80;

/// A policy file is a few kilobytes; anything far larger is the wrong file, refused before
/// parsing so a mistake cannot make the app parse megabytes.
pub const POLICY_JSON_BYTES_MAX: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationPolicy {
    pub name: String,
    /// In ladder order, least serious first.
    pub steps: Vec<EscalationStep>,
    /// A managed payment or deduction request with no DWP decision after this many days goes
    /// on the worklist to be chased. Left out of a policy file, the default applies.
    #[serde(default = "default_follow_up_days")]
    pub benefit_request_follow_up_days: u32,
    /// The code of the step (usually the notice) that an account flagged for vulnerability,
    /// mental capacity or safeguarding may take only after a manager's review (`flags`).
    /// Left out, no step waits for a review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager_review_before_step: Option<String>,
}

/// Four weeks: the DWP usually decides a landlord's request within a few weeks [check: no
/// published target]; after that a phone call is due.
pub const BENEFIT_REQUEST_FOLLOW_UP_DAYS_DEFAULT: u32 = 28;
/// A year: past that, a request is not being followed up at all.
pub const BENEFIT_REQUEST_FOLLOW_UP_DAYS_MAX: u32 = 365;

fn default_follow_up_days() -> u32 {
    BENEFIT_REQUEST_FOLLOW_UP_DAYS_DEFAULT
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationStep {
    /// Lowercase a-z, 0-9 and _; recorded in the action diary when the step is taken.
    pub code: String,
    pub label: String,
    pub triggers: StepTriggers,
}

/// Every trigger that is set must hold for the step to be due; an unset one is no condition.
/// Unset fields are left out of the JSON so the file reads as the rule it states.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepTriggers {
    /// True arrears in pounds (technical arrears from benefit timing excluded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrears_min: Option<Decimal>,
    /// Exclusive upper bound (e.g. reminder only below £10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrears_below: Option<Decimal>,
    /// True arrears ÷ weekly charge, compared exactly (not the 1dp figure shown), because a
    /// notice served at 3.96 weeks is not served at 4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weeks_of_rent_min: Option<Decimal>,
    /// Code of the step that must be the account's most recent step (None: no step required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_step: Option<String>,
    /// Days since the account's most recent step; needs `after_step`, to say which step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_since_previous_step_min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_since_previous_step_max: Option<u32>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub requires_no_live_arrangement: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// The ladder modelled on Hackney's public ruleset (DOMAIN.md, "Escalation"; the files named
/// below are in lbh-income-api, `lib/hackney/income/tenancy_classification/v2/rulesets/`).
pub fn default_policy() -> EscalationPolicy {
    let pounds = |pence: i64| Some(Decimal::new(pence, 2));
    let step = |code: &str, label: &str, triggers: StepTriggers| EscalationStep {
        code: code.to_string(),
        label: label.to_string(),
        triggers,
    };
    EscalationPolicy {
        name: "Default (modelled on Hackney)".to_string(),
        benefit_request_follow_up_days: BENEFIT_REQUEST_FOLLOW_UP_DAYS_DEFAULT,
        manager_review_before_step: None,
        steps: vec![
            // send_sms.rb: a text when £5 <= arrears < £10; Letter 1 takes over at £10.
            step(
                "reminder",
                "Reminder",
                StepTriggers {
                    arrears_min: pounds(500),
                    arrears_below: pounds(1000),
                    ..StepTriggers::default()
                },
            ),
            // send_letter_one.rb: arrears of at least £10.
            step(
                "letter_1",
                "Letter 1",
                StepTriggers {
                    arrears_min: pounds(1000),
                    ..StepTriggers::default()
                },
            ),
            // send_letter_two.rb: still at least £10, 14 days to 3 months after Letter 1.
            // Three calendar months are at most 92 days.
            step(
                "letter_2",
                "Letter 2",
                StepTriggers {
                    arrears_min: pounds(1000),
                    after_step: Some("letter_1".to_string()),
                    days_since_previous_step_min: Some(14),
                    days_since_previous_step_max: Some(92),
                    ..StepTriggers::default()
                },
            ),
            // send_nosp.rb: at least 4 weeks' rent, no live arrangement, within 3 months of
            // Letter 2. Hackney waits one week after Letter 2; Doorstep's default gives the
            // tenant the same 14 days Letter 2 gave after Letter 1.
            step(
                "notice",
                "Notice of seeking possession",
                StepTriggers {
                    weeks_of_rent_min: Some(Decimal::from(4)),
                    after_step: Some("letter_2".to_string()),
                    days_since_previous_step_min: Some(14),
                    days_since_previous_step_max: Some(92),
                    requires_no_live_arrangement: true,
                    ..StepTriggers::default()
                },
            ),
            // send_court_warning_letter.rb: once the notice is active (its 28-day notice period
            // has run), still at least 4 weeks' rent and no live arrangement.
            step(
                "court_warning",
                "Court warning letter",
                StepTriggers {
                    weeks_of_rent_min: Some(Decimal::from(4)),
                    after_step: Some("notice".to_string()),
                    days_since_previous_step_min: Some(28),
                    requires_no_live_arrangement: true,
                    ..StepTriggers::default()
                },
            ),
            // apply_for_court_date.rb: at least 2 weeks after the court warning letter, still
            // at least 4 weeks' rent and no live arrangement.
            step(
                "court",
                "Apply for a court date",
                StepTriggers {
                    weeks_of_rent_min: Some(Decimal::from(4)),
                    after_step: Some("court_warning".to_string()),
                    days_since_previous_step_min: Some(14),
                    requires_no_live_arrangement: true,
                    ..StepTriggers::default()
                },
            ),
        ],
    }
}

/// One thing wrong with a policy, named so the team can find it in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyProblem {
    /// 1-based, as the team counts steps; None for the policy as a whole.
    pub step_position: Option<usize>,
    /// None when the problem is with the policy as a whole, or the code itself is blank.
    pub step_code: Option<String>,
    pub message: String,
}

impl fmt::Display for PolicyProblem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.step_position, &self.step_code) {
            (Some(position), Some(code)) => {
                write!(formatter, "Step {position} (\"{code}\"): {}", self.message)
            }
            (Some(position), None) => write!(formatter, "Step {position}: {}", self.message),
            (None, Some(code)) => write!(formatter, "Step \"{code}\": {}", self.message),
            (None, None) => formatter.write_str(&self.message),
        }
    }
}

impl std::error::Error for PolicyProblem {}

fn policy_problem(message: String) -> PolicyProblem {
    PolicyProblem {
        step_position: None,
        step_code: None,
        message,
    }
}

/// Every problem, not just the first, so one edit can fix them all. Ok only for a policy the
/// worklist can use as the team meant it.
pub fn validate_policy(policy: &EscalationPolicy) -> Result<(), Vec<PolicyProblem>> {
    let mut problems = Vec::new();
    if policy.name.trim().is_empty() {
        problems.push(policy_problem("the policy has no name".to_string()));
    }
    if policy.steps.is_empty() {
        problems.push(policy_problem("the policy has no steps".to_string()));
    }
    if !(1..=BENEFIT_REQUEST_FOLLOW_UP_DAYS_MAX).contains(&policy.benefit_request_follow_up_days) {
        problems.push(policy_problem(format!(
            "benefit_request_follow_up_days is {}; it must be from 1 to {BENEFIT_REQUEST_FOLLOW_UP_DAYS_MAX}",
            policy.benefit_request_follow_up_days
        )));
    }
    if let Some(code) = &policy.manager_review_before_step {
        if !policy.steps.iter().any(|step| step.code == *code) {
            problems.push(policy_problem(format!(
                "manager_review_before_step is \"{code}\", which is not a step of this policy"
            )));
        }
    }
    if policy.steps.len() > POLICY_STEPS_MAX {
        problems.push(policy_problem(format!(
            "the policy has {} steps; at most {POLICY_STEPS_MAX} are allowed",
            policy.steps.len()
        )));
    }
    // Past the limit the steps are not examined: the policy is refused anyway, and the loop
    // stays bounded.
    for (index, step) in policy.steps.iter().take(POLICY_STEPS_MAX).enumerate() {
        let position = index + 1;
        let step_code = (!step.code.trim().is_empty()).then(|| step.code.clone());
        for message in step_problems(policy, index, step) {
            problems.push(PolicyProblem {
                step_position: Some(position),
                step_code: step_code.clone(),
                message,
            });
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The problems of the step at `index`, as messages.
fn step_problems(policy: &EscalationPolicy, index: usize, step: &EscalationStep) -> Vec<String> {
    let mut messages = Vec::new();
    code_problems(policy, index, step, &mut messages);
    if step.label.trim().is_empty() {
        messages.push("the label is blank".to_string());
    } else if step.label.chars().count() > POLICY_STEP_LABEL_CHARS_MAX {
        messages.push(format!(
            "the label is longer than {POLICY_STEP_LABEL_CHARS_MAX} characters"
        ));
    }
    trigger_problems(policy, index, &step.triggers, &mut messages);
    messages
}

fn code_problems(
    policy: &EscalationPolicy,
    index: usize,
    step: &EscalationStep,
    messages: &mut Vec<String>,
) {
    let code = &step.code;
    if code.trim().is_empty() {
        messages.push("the code is blank".to_string());
        return;
    }
    if !code
        .chars()
        .all(|character| matches!(character, 'a'..='z' | '0'..='9' | '_'))
    {
        messages.push(format!(
            "code \"{code}\" may only use lowercase letters a-z, digits 0-9 and _"
        ));
    }
    if code.chars().count() > POLICY_STEP_CODE_CHARS_MAX {
        messages.push(format!(
            "code \"{code}\" is longer than {POLICY_STEP_CODE_CHARS_MAX} characters"
        ));
    }
    // Named once, on the later step, pointing back at the first use.
    if let Some(first_index) = policy.steps[..index]
        .iter()
        .position(|earlier| earlier.code == *code)
    {
        messages.push(format!(
            "code \"{code}\" is already used by step {}",
            first_index + 1
        ));
    }
}

fn trigger_problems(
    policy: &EscalationPolicy,
    index: usize,
    triggers: &StepTriggers,
    messages: &mut Vec<String>,
) {
    for (name, amount) in [
        ("arrears_min", triggers.arrears_min),
        ("arrears_below", triggers.arrears_below),
        ("weeks_of_rent_min", triggers.weeks_of_rent_min),
    ] {
        if let Some(amount) = amount.filter(|amount| *amount < Decimal::ZERO) {
            messages.push(format!("{name} is {amount}; it cannot be negative"));
        }
    }
    if let Some(below) = triggers.arrears_below {
        // Arrears at or below zero are no arrears: the worklist never offers a step then.
        let lower = triggers.arrears_min.unwrap_or(Decimal::ZERO);
        if below <= lower {
            messages.push(format!(
                "arrears_below {below} is not above arrears_min {lower}, so no arrears could trigger this step"
            ));
        }
    }
    if let (Some(days_min), Some(days_max)) = (
        triggers.days_since_previous_step_min,
        triggers.days_since_previous_step_max,
    ) {
        if days_min > days_max {
            messages.push(format!(
                "days_since_previous_step_min {days_min} is more than days_since_previous_step_max {days_max}"
            ));
        }
    }
    match &triggers.after_step {
        Some(after_step) => {
            let earlier = policy.steps[..index]
                .iter()
                .any(|step| step.code == *after_step);
            if !earlier {
                messages.push(format!(
                    "after_step \"{after_step}\" is not an earlier step in this policy"
                ));
            }
        }
        None => {
            if triggers.days_since_previous_step_min.is_some()
                || triggers.days_since_previous_step_max.is_some()
            {
                messages.push(
                    "days since the previous step need after_step, to say which step they count from"
                        .to_string(),
                );
            }
            let has_threshold = triggers.arrears_min.is_some()
                || triggers.arrears_below.is_some()
                || triggers.weeks_of_rent_min.is_some();
            // An untriggered entry step would be offered for every account in arrears and,
            // being higher on the ladder, would hide every step before it.
            if index > 0 && !has_threshold {
                messages.push(
                    "the step has no trigger (arrears, weeks of rent or after_step), so it would be offered for every account in arrears and hide the steps before it"
                        .to_string(),
                );
            }
        }
    }
}

/// JSON syntax or shape errors give one problem with serde's message, which names the line and
/// column; a well-formed policy is then validated. Unknown fields are refused, because a
/// misspelt trigger ("arears_min") silently ignored is a step that fires for everyone.
pub fn policy_from_json(text: &str) -> Result<EscalationPolicy, Vec<PolicyProblem>> {
    if text.len() > POLICY_JSON_BYTES_MAX {
        return Err(vec![policy_problem(format!(
            "the policy file is {} bytes; at most {POLICY_JSON_BYTES_MAX} are allowed",
            text.len()
        ))]);
    }
    let policy: EscalationPolicy = serde_json::from_str(text).map_err(|error| {
        vec![policy_problem(format!(
            "the policy file could not be read: {error}"
        ))]
    })?;
    validate_policy(&policy)?;
    Ok(policy)
}

/// Pretty JSON, money as strings ("10.00") like the rest of the app; `policy_from_json` reads
/// it back to an equal policy.
pub fn policy_to_json(policy: &EscalationPolicy) -> String {
    // Plain structs with string keys and no maps: serialising cannot fail.
    serde_json::to_string_pretty(policy).expect("an escalation policy always serialises")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn default_policy_is_valid() {
        let policy = default_policy();
        assert_eq!(validate_policy(&policy), Ok(()));
        let codes: Vec<&str> = policy.steps.iter().map(|step| step.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "reminder",
                "letter_1",
                "letter_2",
                "notice",
                "court_warning",
                "court"
            ]
        );
    }

    #[test]
    fn problems_are_named() {
        /// Edits the default policy, then expects exactly these problems, as displayed.
        fn check(change: fn(&mut EscalationPolicy), expected: &[&str]) {
            let mut policy = default_policy();
            change(&mut policy);
            let problems: Vec<String> = match validate_policy(&policy) {
                Ok(()) => Vec::new(),
                Err(problems) => problems.iter().map(ToString::to_string).collect(),
            };
            assert_eq!(problems, expected);
        }
        check(|_| {}, &[]);
        check(
            |policy| policy.name = " ".to_string(),
            &["the policy has no name"],
        );
        check(|policy| policy.steps.clear(), &["the policy has no steps"]);
        check(
            |policy| policy.manager_review_before_step = Some("notice".to_string()),
            &[],
        );
        check(
            |policy| policy.manager_review_before_step = Some("nosp".to_string()),
            &["manager_review_before_step is \"nosp\", which is not a step of this policy"],
        );
        check(
            |policy| {
                let court = policy.steps[5].clone();
                for number in 0..15 {
                    let mut step = court.clone();
                    step.code = format!("court_{number}");
                    policy.steps.push(step);
                }
            },
            &["the policy has 21 steps; at most 20 are allowed"],
        );
        check(
            |policy| policy.steps[3].triggers.after_step = Some("letter_9".to_string()),
            &["Step 4 (\"notice\"): after_step \"letter_9\" is not an earlier step in this policy"],
        );
        check(
            |policy| policy.steps[2].triggers.after_step = Some("court".to_string()),
            &["Step 3 (\"letter_2\"): after_step \"court\" is not an earlier step in this policy"],
        );
        check(
            |policy| policy.steps[2].triggers.after_step = Some("letter_2".to_string()),
            &["Step 3 (\"letter_2\"): after_step \"letter_2\" is not an earlier step in this policy"],
        );
        check(
            |policy| policy.steps[1].code = "reminder".to_string(),
            &[
                "Step 2 (\"reminder\"): code \"reminder\" is already used by step 1",
                "Step 3 (\"letter_2\"): after_step \"letter_1\" is not an earlier step in this policy",
            ],
        );
        check(
            |policy| policy.steps[0].code = "".to_string(),
            &["Step 1: the code is blank"],
        );
        check(
            |policy| policy.steps[0].code = "Text 1".to_string(),
            &["Step 1 (\"Text 1\"): code \"Text 1\" may only use lowercase letters a-z, digits 0-9 and _"],
        );
        check(
            |policy| policy.steps[0].code = "a".repeat(41),
            &[
                "Step 1 (\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"): code \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" is longer than 40 characters",
            ],
        );
        check(
            |policy| policy.steps[1].label = "".to_string(),
            &["Step 2 (\"letter_1\"): the label is blank"],
        );
        check(
            |policy| policy.steps[1].triggers.arrears_min = Some(Decimal::new(-1, 2)),
            &["Step 2 (\"letter_1\"): arrears_min is -0.01; it cannot be negative"],
        );
        check(
            |policy| policy.steps[3].triggers.weeks_of_rent_min = Some(Decimal::new(-4, 0)),
            &["Step 4 (\"notice\"): weeks_of_rent_min is -4; it cannot be negative"],
        );
        check(
            |policy| policy.steps[0].triggers.arrears_below = Some(Decimal::new(500, 2)),
            &["Step 1 (\"reminder\"): arrears_below 5.00 is not above arrears_min 5.00, so no arrears could trigger this step"],
        );
        check(
            |policy| {
                policy.steps[0].triggers.arrears_min = None;
                policy.steps[0].triggers.arrears_below = Some(Decimal::ZERO);
            },
            &["Step 1 (\"reminder\"): arrears_below 0 is not above arrears_min 0, so no arrears could trigger this step"],
        );
        check(
            |policy| policy.steps[2].triggers.days_since_previous_step_min = Some(93),
            &["Step 3 (\"letter_2\"): days_since_previous_step_min 93 is more than days_since_previous_step_max 92"],
        );
        check(
            |policy| policy.steps[2].triggers.days_since_previous_step_min = Some(92),
            &[],
        );
        check(
            |policy| policy.steps[1].triggers.days_since_previous_step_min = Some(7),
            &["Step 2 (\"letter_1\"): days since the previous step need after_step, to say which step they count from"],
        );
        check(
            |policy| policy.steps[1].triggers = StepTriggers::default(),
            &["Step 2 (\"letter_1\"): the step has no trigger (arrears, weeks of rent or after_step), so it would be offered for every account in arrears and hide the steps before it"],
        );
        // The first step may have no trigger: it is then "any arrears".
        check(
            |policy| policy.steps[0].triggers = StepTriggers::default(),
            &[],
        );
    }

    #[test]
    fn json_problems() {
        fn check(text: &str, expected: &[&str]) {
            let problems: Vec<String> = match policy_from_json(text) {
                Ok(_) => Vec::new(),
                Err(problems) => problems.iter().map(ToString::to_string).collect(),
            };
            assert_eq!(problems, expected, "{text}");
        }
        check(
            "{\"name\": \"x\",\n \"steps\": [}",
            &["the policy file could not be read: expected value at line 2 column 12"],
        );
        check(
            r#"{"name": "x", "steps": [{"code": "a", "label": "A", "triggers": {"arears_min": "5"}}]}"#,
            &["the policy file could not be read: unknown field `arears_min`, expected one of `arrears_min`, `arrears_below`, `weeks_of_rent_min`, `after_step`, `days_since_previous_step_min`, `days_since_previous_step_max`, `requires_no_live_arrangement` at line 1 column 77"],
        );
        check(
            r#"{"name": "x", "steps": [{"code": "a", "label": "A", "triggers": {}}], "version": 2}"#,
            &["the policy file could not be read: unknown field `version`, expected one of `name`, `steps`, `benefit_request_follow_up_days`, `manager_review_before_step` at line 1 column 79"],
        );
        check(
            r#"{"name": "x", "steps": [{"code": "a", "label": "A", "triggers": {"days_since_previous_step_min": -1}}]}"#,
            &["the policy file could not be read: invalid value: integer `-1`, expected u32 at line 1 column 99"],
        );
        check(
            r#"{"name": "x", "steps": [{"code": "a", "label": "A", "triggers": {"arrears_min": "5.00"}}]}"#,
            &[],
        );
        check(
            r#"{"name": "", "steps": []}"#,
            &["the policy has no name", "the policy has no steps"],
        );
        check(
            &" ".repeat(POLICY_JSON_BYTES_MAX + 1),
            &["the policy file is 262145 bytes; at most 262144 are allowed"],
        );
    }

    #[test]
    fn json_money_is_strings() {
        let text = policy_to_json(&default_policy());
        assert!(text.contains("\"arrears_min\": \"10.00\""), "{text}");
        assert!(text.contains("\"weeks_of_rent_min\": \"4\""), "{text}");
        // Unset triggers are left out, so the file reads as the rule.
        assert!(!text.contains("null"), "{text}");
        assert_eq!(policy_from_json(&text), Ok(default_policy()));
    }

    fn any_policy() -> impl Strategy<Value = EscalationPolicy> {
        let any_triggers = (
            proptest::option::of(0i64..100_000),
            proptest::option::of(1i64..100_000),
            proptest::option::of(0i64..200),
            any::<proptest::sample::Index>(),
            any::<bool>(),
            proptest::option::of(0u32..400),
            proptest::option::of(0u32..400),
            any::<bool>(),
        );
        (
            "[A-Za-z][A-Za-z ]{0,29}",
            proptest::collection::vec(any_triggers, 1..=POLICY_STEPS_MAX),
        )
            .prop_map(|(name, rows)| {
                let mut steps: Vec<EscalationStep> = Vec::new();
                for (index, row) in rows.into_iter().enumerate() {
                    let (
                        min,
                        below_extra,
                        weeks_tenths,
                        earlier,
                        has_after,
                        days_a,
                        days_b,
                        no_arrangement,
                    ) = row;
                    let after_step =
                        (index > 0 && has_after).then(|| steps[earlier.index(index)].code.clone());
                    let (days_min, days_max) = match (&after_step, days_a, days_b) {
                        (Some(_), Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b))),
                        (Some(_), a, b) => (a, b),
                        (None, _, _) => (None, None),
                    };
                    let mut arrears_min = min.map(|pence| Decimal::new(pence, 2));
                    let arrears_below =
                        below_extra.map(|extra| Decimal::new(min.unwrap_or(0) + extra, 2));
                    let weeks_of_rent_min = weeks_tenths.map(|tenths| Decimal::new(tenths, 1));
                    if index > 0
                        && after_step.is_none()
                        && arrears_min.is_none()
                        && arrears_below.is_none()
                        && weeks_of_rent_min.is_none()
                    {
                        arrears_min = Some(Decimal::new(1000, 2));
                    }
                    steps.push(EscalationStep {
                        code: format!("step_{index}"),
                        label: format!("Step {index}"),
                        triggers: StepTriggers {
                            arrears_min,
                            arrears_below,
                            weeks_of_rent_min,
                            after_step,
                            days_since_previous_step_min: days_min,
                            days_since_previous_step_max: days_max,
                            requires_no_live_arrangement: no_arrangement,
                        },
                    });
                }
                EscalationPolicy {
                    name,
                    steps,
                    benefit_request_follow_up_days: BENEFIT_REQUEST_FOLLOW_UP_DAYS_DEFAULT,
                    manager_review_before_step: None,
                }
            })
    }

    proptest! {
        #[test]
        fn json_round_trips(policy in any_policy()) {
            prop_assert_eq!(validate_policy(&policy), Ok(()));
            let text = policy_to_json(&policy);
            prop_assert_eq!(policy_from_json(&text), Ok(policy));
        }
    }
}
