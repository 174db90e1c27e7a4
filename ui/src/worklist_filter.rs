//! Narrowing the worklist in memory: by next action, by patch, by pause reason and by the same
//! free-text rule as the caseload search.
//!
//! Pure, so it builds and is tested on the host. The counts in the filter menus are taken over
//! the whole worklist, not over what the other filters leave: an option's count then never
//! changes under the officer's pointer, and "Letter 1 (23)" means 23 letters to send today.

use doorstep_api::WorklistItem;
use doorstep_domain::search::matches_query;

/// What the pause filter lets through.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PauseFilter {
    #[default]
    Any,
    /// Only accounts with no pause.
    NotPaused,
    /// Only accounts paused for this reason (the reason's label, as the worklist gives it).
    Reason(String),
}

/// The `<select>` value for "not paused"; no pause reason label starts with an underscore.
pub const NOT_PAUSED_VALUE: &str = "_not_paused";

impl PauseFilter {
    /// The `<select>` value: empty for any, a marker for not paused, else the reason's label.
    pub fn from_value(value: &str) -> PauseFilter {
        match value {
            "" => PauseFilter::Any,
            NOT_PAUSED_VALUE => PauseFilter::NotPaused,
            reason => PauseFilter::Reason(reason.to_string()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorklistFilter {
    /// The next action's label; `None` lets every action through.
    pub action_label: Option<String>,
    pub patch: Option<String>,
    pub pause: PauseFilter,
    /// Free text, matched like the caseload search.
    pub query: String,
}

impl WorklistFilter {
    pub fn is_empty(&self) -> bool {
        *self == WorklistFilter::default()
    }
}

pub fn item_matches(item: &WorklistItem, filter: &WorklistFilter) -> bool {
    if let Some(label) = &filter.action_label {
        if item.next_action.label != *label {
            return false;
        }
    }
    if let Some(patch) = &filter.patch {
        if item.patch != *patch {
            return false;
        }
    }
    let pause_matches = match &filter.pause {
        PauseFilter::Any => true,
        PauseFilter::NotPaused => item.pause_reason.is_none(),
        PauseFilter::Reason(reason) => item.pause_reason.as_deref() == Some(reason.as_str()),
    };
    pause_matches
        && matches_query(
            &[
                &item.tenant_names,
                &item.address,
                &item.postcode,
                &item.payment_reference,
            ],
            &filter.query,
        )
}

/// One choice in a filter menu and how many accounts of the whole worklist it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterOption {
    pub value: String,
    pub count: usize,
}

/// "Letter 1 (23)": the option's text in the menu.
pub fn option_text(label: &str, count: usize) -> String {
    format!("{label} ({count})")
}

/// Counts values in order of first appearance.
fn count_values<'a>(values: impl Iterator<Item = &'a str>) -> Vec<FilterOption> {
    let mut options: Vec<FilterOption> = Vec::new();
    for value in values {
        match options.iter_mut().find(|option| option.value == value) {
            Some(option) => option.count += 1,
            None => options.push(FilterOption {
                value: value.to_string(),
                count: 1,
            }),
        }
    }
    options
}

/// Next actions in the worklist's own order, so the most urgent action is listed first.
pub fn action_options(items: &[WorklistItem]) -> Vec<FilterOption> {
    count_values(items.iter().map(|item| item.next_action.label.as_str()))
}

/// Patches in alphabetical order, as an officer reads a list of postcode districts.
pub fn patch_options(items: &[WorklistItem]) -> Vec<FilterOption> {
    let mut options = count_values(items.iter().map(|item| item.patch.as_str()));
    options.sort_by(|left, right| left.value.cmp(&right.value));
    options
}

/// Pause reasons in alphabetical order; accounts without a pause are not counted here.
pub fn pause_options(items: &[WorklistItem]) -> Vec<FilterOption> {
    let mut options = count_values(items.iter().filter_map(|item| item.pause_reason.as_deref()));
    options.sort_by(|left, right| left.value.cmp(&right.value));
    options
}

#[cfg(test)]
mod tests {
    use super::*;
    use doorstep_api::NextActionView;
    use rust_decimal::Decimal;

    fn item(reference: &str, action: &str, patch: &str, pause: Option<&str>) -> WorklistItem {
        WorklistItem {
            payment_reference: reference.to_string(),
            tenant_names: format!("Tenant {reference}"),
            address: "14 Elm Grove".to_string(),
            postcode: format!("{patch} 4QT"),
            patch: patch.to_string(),
            balance: Decimal::ZERO,
            true_arrears: Decimal::ZERO,
            arrears_weeks: Decimal::ZERO,
            next_action: NextActionView {
                code: action.to_lowercase(),
                label: action.to_string(),
                reason: String::new(),
                priority: 0,
            },
            pause_reason: pause.map(str::to_string),
            warnings: Vec::new(),
            do_not_visit_alone: false,
        }
    }

    fn worklist() -> Vec<WorklistItem> {
        vec![
            item("101", "NOSP", "SE15", None),
            item("102", "Letter 1", "SE15", None),
            item("103", "Letter 1", "HX1", None),
            item("104", "Paused", "HX1", Some("Promise of payment")),
            item("105", "Paused", "SE15", Some("Delayed benefit")),
        ]
    }

    #[test]
    fn options_count_the_whole_worklist() {
        let items = worklist();
        let pairs = |options: Vec<FilterOption>| -> Vec<(String, usize)> {
            options
                .into_iter()
                .map(|option| (option.value, option.count))
                .collect()
        };
        assert_eq!(
            pairs(action_options(&items)),
            [
                ("NOSP".into(), 1),
                ("Letter 1".into(), 2),
                ("Paused".into(), 2)
            ]
        );
        assert_eq!(
            pairs(patch_options(&items)),
            [("HX1".into(), 2), ("SE15".into(), 3)]
        );
        assert_eq!(
            pairs(pause_options(&items)),
            [
                ("Delayed benefit".into(), 1),
                ("Promise of payment".into(), 1)
            ]
        );
        assert_eq!(option_text("Letter 1", 23), "Letter 1 (23)");
    }

    #[test]
    fn filters_combine() {
        fn check(filter: WorklistFilter, expected: &[&str]) {
            let matching: Vec<String> = worklist()
                .into_iter()
                .filter(|item| item_matches(item, &filter))
                .map(|item| item.payment_reference)
                .collect();
            assert_eq!(matching, expected, "{filter:?}");
        }
        check(
            WorklistFilter::default(),
            &["101", "102", "103", "104", "105"],
        );
        check(
            WorklistFilter {
                action_label: Some("Letter 1".into()),
                patch: Some("HX1".into()),
                ..WorklistFilter::default()
            },
            &["103"],
        );
        check(
            WorklistFilter {
                pause: PauseFilter::NotPaused,
                ..WorklistFilter::default()
            },
            &["101", "102", "103"],
        );
        check(
            WorklistFilter {
                pause: PauseFilter::from_value("Delayed benefit"),
                ..WorklistFilter::default()
            },
            &["105"],
        );
        check(
            WorklistFilter {
                query: "se154qt 10".into(),
                ..WorklistFilter::default()
            },
            &["101", "102", "105"],
        );
    }
}
