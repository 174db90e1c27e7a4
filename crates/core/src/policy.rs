//! The escalation policy in force: the latest the team saved, or the built-in default.

use doorstep_api::{ApiError, PolicyView};
use doorstep_domain::escalation::{
    default_policy, policy_from_json, policy_to_json, EscalationPolicy, EscalationStep,
};
use doorstep_domain::money::format_money;
use doorstep_store::Store;

use crate::account_page::diary_codes;
use crate::errors::api_error;

pub(crate) async fn current_policy(store: &Store) -> Result<EscalationPolicy, ApiError> {
    match store.current_policy().await.map_err(api_error)? {
        None => Ok(default_policy()),
        // Only validated policies are saved, so a stored one that fails now was damaged.
        Some(json) => policy_from_json(&json).map_err(|problems| ApiError::Storage {
            message: format!(
                "the saved escalation policy no longer reads: {}",
                problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        }),
    }
}

/// Parses and validates a policy the team wants to save; every problem is named.
pub(crate) fn parse_policy(json: &str) -> Result<EscalationPolicy, ApiError> {
    policy_from_json(json).map_err(|problems| ApiError::PolicyRefused {
        problems: problems.iter().map(ToString::to_string).collect(),
    })
}

pub(crate) fn policy_view(policy: &EscalationPolicy) -> PolicyView {
    PolicyView {
        name: policy.name.clone(),
        json: policy_to_json(policy),
        steps: policy
            .steps
            .iter()
            .map(|step| step_words(policy, step))
            .collect(),
        diary_codes: diary_codes(policy),
    }
}

/// "Letter 2 (letter_2): true arrears at least £10.00; the last step was Letter 1; ...".
fn step_words(policy: &EscalationPolicy, step: &EscalationStep) -> String {
    let triggers = &step.triggers;
    let mut conditions = Vec::new();
    if let Some(minimum) = triggers.arrears_min {
        conditions.push(format!("true arrears at least {}", format_money(minimum)));
    }
    if let Some(below) = triggers.arrears_below {
        conditions.push(format!("true arrears below {}", format_money(below)));
    }
    if let Some(weeks) = triggers.weeks_of_rent_min {
        conditions.push(format!("at least {weeks} weeks' rent"));
    }
    if let Some(after) = &triggers.after_step {
        let label = policy
            .steps
            .iter()
            .find(|earlier| &earlier.code == after)
            .map_or(after.as_str(), |earlier| earlier.label.as_str());
        conditions.push(format!("the last step was {label}"));
    }
    if let Some(days) = triggers.days_since_previous_step_min {
        conditions.push(format!("at least {days} days after it"));
    }
    if let Some(days) = triggers.days_since_previous_step_max {
        conditions.push(format!("at most {days} days after it"));
    }
    if triggers.requires_no_live_arrangement {
        conditions.push("no live arrangement".to_string());
    }
    if policy.manager_review_before_step.as_deref() == Some(step.code.as_str()) {
        conditions.push(
            "a manager's review first if the account is flagged (vulnerability, mental capacity, safeguarding)"
                .to_string(),
        );
    }
    if conditions.is_empty() {
        conditions.push("always".to_string());
    }
    format!("{} ({}): {}", step.label, step.code, conditions.join("; "))
}
