//! The rule sets, and which one a notice follows.
//!
//! A rule set is chosen by tenure and by the DEEMED service date: a notice deemed served the day
//! before a change follows the old set, one deemed served on the day follows the new. Starter
//! (and introductory) tenancies and licences are refused rather than mapped to the nearest set:
//! an introductory tenancy is ended by a Housing Act 1996 s128 notice and review, a starter
//! (assured shorthold) tenancy by rules that the Renters' Rights Act 2025 changes separately, and
//! a licence by notice to quit, none of which this module encodes.

use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Deserialize;

use super::error::LegalError;
use super::long_date;
use crate::tenancy::Tenure;

pub const SECURE_RULE_SET_ID: &str = "secure_ha1985_s83";
pub const ASSURED_PRE_RRA_RULE_SET_ID: &str = "assured_ha1988_s8_pre_rra";
pub const ASSURED_RRA_2025_RULE_SET_ID: &str = "assured_ha1988_s8_rra2025";

/// A rule set id is printed on every notice and stored with it: short, ASCII, no spaces.
const RULE_SET_ID_CHARS_MAX: usize = 64;
/// Rule sets in the bundled file. A handful per tenure over decades; more is a broken file.
const RULE_SETS_MAX: usize = 32;
/// The longest notice period any rule set may ask for. Possession notices run weeks or months;
/// a year or more is a typing slip in the data. It also bounds the period-end search in `dates`.
pub(crate) const NOTICE_DAYS_MAX: u32 = 366;
/// The longest life of a notice, in months.
const LIFE_MONTHS_MAX: u32 = 24;

const RULE_SETS_FILE: &str = "data/legal/rule_sets.json";
const RULE_SETS_JSON: &str = include_str!("../../data/legal/rule_sets.json");
const SETTINGS_JSON: &str = include_str!("../../data/legal/settings.json");

/// A ground for possession, named with its statute because the numbers collide: secure Ground 1
/// (rent unpaid) is not assured Ground 1 (landlord's own home).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroundCode {
    /// Housing Act 1985 Sch 2 Ground 1.
    #[serde(rename = "secure_1")]
    Secure1,
    /// Housing Act 1988 Sch 2 Ground 8.
    #[serde(rename = "assured_8")]
    Assured8,
    /// Housing Act 1988 Sch 2 Ground 10.
    #[serde(rename = "assured_10")]
    Assured10,
    /// Housing Act 1988 Sch 2 Ground 11.
    #[serde(rename = "assured_11")]
    Assured11,
}

impl GroundCode {
    /// "Ground 8", as a notice names it.
    pub fn name(self) -> &'static str {
        match self {
            GroundCode::Secure1 => "Ground 1",
            GroundCode::Assured8 => "Ground 8",
            GroundCode::Assured10 => "Ground 10",
            GroundCode::Assured11 => "Ground 11",
        }
    }

    pub fn tenure(self) -> Tenure {
        match self {
            GroundCode::Secure1 => Tenure::Secure,
            GroundCode::Assured8 | GroundCode::Assured10 | GroundCode::Assured11 => Tenure::Assured,
        }
    }
}

/// What the arrears must be for a ground.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Threshold {
    /// No figure: the evidence is the history (Ground 11).
    None,
    /// Some rent lawfully due unpaid when the notice is served.
    SomeRentUnpaid,
    /// At least `weeks` of rent for weekly, fortnightly and 4-weekly rent, or `months` of rent
    /// for monthly rent, unpaid both when the notice is served and at the hearing.
    #[serde(rename = "ground_8")]
    Ground8 {
        weeks: u32,
        months: u32,
        disregards_universal_credit_not_yet_paid: bool,
    },
}

/// The data types below are `non_exhaustive` with public fields and no `Clone`: callers read
/// them through the `&'static` references the accessors hand out, and cannot build or alter one,
/// so every rule set a function receives is one the data checks passed.
#[derive(Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct GroundRule {
    pub code: GroundCode,
    pub label: String,
    pub mandatory: bool,
    pub threshold: Threshold,
    pub source: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct NoticePeriodRule {
    /// The date specified is at least this many days after the deemed service date.
    pub days_min: u32,
    pub source: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodEnd {
    None,
    /// The date specified is the last day of a rent period, and that whole period falls after
    /// the deemed service date.
    LastDayOfRentPeriod,
}

#[derive(Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PeriodEndRule {
    pub rule: PeriodEnd,
    pub source: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LifeStart {
    DateSpecified,
    Service,
}

#[derive(Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct LifeRule {
    /// Proceedings must begin before the same date this many months after `counted_from`.
    pub months: u32,
    pub counted_from: LifeStart,
    pub source: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProceedingsBegin {
    /// Only after the date specified: the earliest day is the day after it.
    AfterDateSpecified,
    /// On the date specified or later.
    OnOrAfterDateSpecified,
}

#[derive(Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ProceedingsBeginRule {
    pub rule: ProceedingsBegin,
    pub source: String,
}

#[derive(Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct RuleSet {
    /// ASCII, stored with every notice: `assured_ha1988_s8_rra2025`.
    pub id: String,
    /// "Housing Act 1985 s83 (secure tenancies)".
    pub title: String,
    /// How `citation` names the statute: "Housing Act 1988 s8 as amended by the Renters' Rights
    /// Act 2025".
    pub citation_name: String,
    pub tenure: Tenure,
    /// "Notice of Seeking Possession", "Notice seeking possession (Form 3)".
    pub notice_name: String,
    /// The first deemed service date this set governs.
    pub effective_from: NaiveDate,
    pub source: String,
    pub note: String,
    pub grounds: Vec<GroundRule>,
    pub notice_period: NoticePeriodRule,
    pub period_end: PeriodEndRule,
    pub life: LifeRule,
    pub proceedings_begin: ProceedingsBeginRule,
}

impl RuleSet {
    /// The sentence every generated document carries, so a judge can see which law the dates
    /// and thresholds were worked out under.
    pub fn citation(&self) -> String {
        format!(
            "{}, in force for this tenancy from {} (rule set {})",
            self.citation_name,
            long_date(self.effective_from),
            self.id
        )
    }

    pub fn ground(&self, code: GroundCode) -> Option<&GroundRule> {
        self.grounds.iter().find(|ground| ground.code == code)
    }
}

#[derive(Deserialize)]
struct RuleSetFile {
    rule_sets: Vec<RuleSet>,
}

/// The bundled rule sets, parsed and checked once.
pub fn rule_sets() -> Result<&'static [RuleSet], LegalError> {
    static PARSED: OnceLock<Result<Vec<RuleSet>, String>> = OnceLock::new();
    match PARSED.get_or_init(|| parse_rule_sets(RULE_SETS_JSON)) {
        Ok(sets) => Ok(sets),
        Err(problem) => Err(LegalError::DataInvalid {
            file: RULE_SETS_FILE,
            problem: problem.clone(),
        }),
    }
}

/// The rule set with `id`, for a notice already drafted under it.
pub fn rule_set(id: &str) -> Result<&'static RuleSet, LegalError> {
    rule_sets()?
        .iter()
        .find(|set| set.id == id)
        .ok_or_else(|| LegalError::DataInvalid {
            file: RULE_SETS_FILE,
            problem: format!("there is no rule set {id}"),
        })
}

pub(crate) fn parse_rule_sets(text: &str) -> Result<Vec<RuleSet>, String> {
    let file: RuleSetFile = serde_json::from_str(text).map_err(|error| error.to_string())?;
    let sets = file.rule_sets;
    if sets.is_empty() || sets.len() > RULE_SETS_MAX {
        return Err(format!(
            "{} rule sets; between 1 and {RULE_SETS_MAX} expected",
            sets.len()
        ));
    }
    for (index, set) in sets.iter().enumerate() {
        check_rule_set(set)?;
        if sets[..index].iter().any(|earlier| earlier.id == set.id) {
            return Err(format!("the rule set {} appears twice", set.id));
        }
    }
    for id in [
        SECURE_RULE_SET_ID,
        ASSURED_PRE_RRA_RULE_SET_ID,
        ASSURED_RRA_2025_RULE_SET_ID,
    ] {
        if !sets.iter().any(|set| set.id == id) {
            return Err(format!("the rule set {id} is missing"));
        }
    }
    Ok(sets)
}

fn check_rule_set(set: &RuleSet) -> Result<(), String> {
    let id = &set.id;
    let id_ok = !id.is_empty()
        && id.len() <= RULE_SET_ID_CHARS_MAX
        && id
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_');
    if !id_ok {
        return Err(format!(
            "the rule set id {id:?} must be 1 to {RULE_SET_ID_CHARS_MAX} ASCII lower-case letters, digits or underscores"
        ));
    }
    if !matches!(set.tenure, Tenure::Secure | Tenure::Assured) {
        return Err(format!(
            "{id} is for {}, which is out of scope",
            set.tenure.label()
        ));
    }
    let texts = [
        &set.title,
        &set.citation_name,
        &set.notice_name,
        &set.source,
        &set.note,
        &set.notice_period.source,
        &set.period_end.source,
        &set.life.source,
        &set.proceedings_begin.source,
    ];
    if texts.iter().any(|text| text.trim().is_empty()) {
        return Err(format!("{id} has an empty title, name, note or source"));
    }
    if set.notice_period.days_min == 0 || set.notice_period.days_min > NOTICE_DAYS_MAX {
        return Err(format!(
            "{id}: the notice period must be 1 to {NOTICE_DAYS_MAX} days"
        ));
    }
    if set.life.months == 0 || set.life.months > LIFE_MONTHS_MAX {
        return Err(format!(
            "{id}: the life must be 1 to {LIFE_MONTHS_MAX} months"
        ));
    }
    check_grounds_data(set)
}

fn check_grounds_data(set: &RuleSet) -> Result<(), String> {
    let id = &set.id;
    if set.grounds.is_empty() {
        return Err(format!("{id} has no grounds"));
    }
    for (index, ground) in set.grounds.iter().enumerate() {
        let name = ground.code.name();
        if ground.code.tenure() != set.tenure {
            return Err(format!("{id}: {name} belongs to another tenure"));
        }
        if set.grounds[..index]
            .iter()
            .any(|earlier| earlier.code == ground.code)
        {
            return Err(format!("{id}: {name} appears twice"));
        }
        if ground.label.trim().is_empty() || ground.source.trim().is_empty() {
            return Err(format!("{id}: {name} has no label or source"));
        }
        if let Threshold::Ground8 { weeks, months, .. } = ground.threshold {
            if weeks == 0 || months == 0 || weeks > 52 || months > 12 {
                return Err(format!(
                    "{id}: {name} must need 1 to 52 weeks and 1 to 12 months of rent"
                ));
            }
        }
    }
    Ok(())
}

/// Choices a landlord may need to make about the law's timing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LegalSettings {
    /// The first deemed service date on which a social landlord's assured notice follows the
    /// Renters' Rights Act 2025 rule set.
    pub rra_social_assured_from: NaiveDate,
}

/// The bundled default, read from `data/legal/settings.json` while compiling: a file without a
/// valid date fails the build, so `LegalSettings::default` cannot fail at run time. A test
/// parses the same file as JSON and checks it agrees.
const RRA_SOCIAL_ASSURED_FROM_DEFAULT: NaiveDate =
    match date_after_key(SETTINGS_JSON.as_bytes(), b"\"rra_social_assured_from\": \"") {
        Some(date) => date,
        None => panic!("data/legal/settings.json: rra_social_assured_from is not \"YYYY-MM-DD\""),
    };

impl Default for LegalSettings {
    fn default() -> Self {
        LegalSettings {
            rra_social_assured_from: RRA_SOCIAL_ASSURED_FROM_DEFAULT,
        }
    }
}

/// The `YYYY-MM-DD` date straight after the first `key` in `text`, at compile time.
const fn date_after_key(text: &[u8], key: &[u8]) -> Option<NaiveDate> {
    let mut start = 0;
    // Bounded by the text's length.
    while start + key.len() + 10 <= text.len() {
        let mut matched = 0;
        while matched < key.len() && text[start + matched] == key[matched] {
            matched += 1;
        }
        if matched == key.len() {
            let at = start + key.len();
            let (Some(year), Some(month), Some(day)) = (
                digits(text, at, 4),
                digits(text, at + 5, 2),
                digits(text, at + 8, 2),
            ) else {
                return None;
            };
            if text[at + 4] != b'-' || text[at + 7] != b'-' {
                return None;
            }
            return NaiveDate::from_ymd_opt(year as i32, month, day);
        }
        start += 1;
    }
    None
}

const fn digits(text: &[u8], at: usize, count: usize) -> Option<u32> {
    let mut value = 0;
    let mut index = 0;
    while index < count {
        let byte = text[at + index];
        if !byte.is_ascii_digit() {
            return None;
        }
        value = value * 10 + (byte - b'0') as u32;
        index += 1;
    }
    Some(value)
}

/// The rule set a notice follows: by tenure, and by the deemed service date.
pub fn rule_set_for(
    tenure: Tenure,
    served_on: NaiveDate,
    settings: &LegalSettings,
) -> Result<&'static RuleSet, LegalError> {
    let id = match tenure {
        // The Renters' Rights Act 2025 is taken not to change HA 1985 s83 for arrears notices
        // [check], so secure tenancies have one set before and after it.
        Tenure::Secure => SECURE_RULE_SET_ID,
        Tenure::Assured if served_on < settings.rra_social_assured_from => {
            ASSURED_PRE_RRA_RULE_SET_ID
        }
        Tenure::Assured => ASSURED_RRA_2025_RULE_SET_ID,
        Tenure::Starter => {
            return Err(LegalError::TenureOutOfScope {
                tenure,
                reason: "starter and introductory tenancies are ended under different rules \
                         (an introductory tenancy by a Housing Act 1996 s128 notice and review), \
                         which Doorstep does not cover; ask the legal team",
            })
        }
        Tenure::Licence => {
            return Err(LegalError::TenureOutOfScope {
                tenure,
                reason: "a licence is ended by notice to quit, not by a notice seeking \
                         possession; ask the legal team",
            })
        }
    };
    if tenure == Tenure::Assured {
        // The set's date is printed on every notice; a setting that moves the switch without it
        // would print the wrong commencement date, so the two must agree.
        let reformed = rule_set(ASSURED_RRA_2025_RULE_SET_ID)?;
        if reformed.effective_from != settings.rra_social_assured_from {
            return Err(LegalError::SettingsDisagreeWithRuleSet {
                settings_from: settings.rra_social_assured_from,
                rule_set_id: reformed.id.clone(),
                rule_set_from: reformed.effective_from,
            });
        }
    }
    let chosen = rule_set(id)?;
    check_in_force(chosen, served_on)?;
    Ok(chosen)
}

pub(crate) fn check_in_force(set: &RuleSet, on: NaiveDate) -> Result<(), LegalError> {
    if on < set.effective_from {
        return Err(LegalError::RuleSetNotInForce {
            tenure: set.tenure,
            on,
            rule_set_id: set.id.clone(),
            effective_from: set.effective_from,
        });
    }
    Ok(())
}
