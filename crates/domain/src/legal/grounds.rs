//! Whether the grounds on a notice can be used: the arrears thresholds and Breathing Space,
//! refused in plain words that name the figures.
//!
//! Arrears are compared exactly, before any rounding: the threshold is the rent a week (or a
//! month) times the weeks (or months) the ground needs, and the arrears meet it or not. Figures
//! are rounded only to be shown: the threshold UP to the penny (the smallest sum in pence that
//! meets it), the weeks or months DOWN to two places, so the words never say a threshold is met
//! when it is not.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use super::long_date;
use super::rules::{GroundCode, RuleSet, Threshold};
use crate::money::format_money;
use crate::rent_schedule::RentFrequency;

/// Grounds on one notice. A rule set has at most a handful for rent arrears; more is a slip.
pub const GROUNDS_PER_NOTICE_MAX: usize = 8;

pub const BREATHING_SPACE_SOURCE: &str = "Debt Respite Scheme (Breathing Space Moratorium and Mental Health Crisis Moratorium) (England and Wales) Regulations 2020, reg 7";

/// The account as it stands on the day a ground is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrearsFacts {
    /// True arrears in pounds: rent lawfully due and unpaid (not counting a payment in the
    /// post or a court cost). Negative is a credit.
    pub arrears: Decimal,
    /// The rent for one period, as Ground 8 counts it.
    pub rent_per_period: Decimal,
    pub frequency: RentFrequency,
    /// Arrears the rule set disregards because Universal Credit awarded has not yet been paid
    /// (only where the rule set's Ground 8 says so); zero otherwise.
    pub uc_arrears_to_disregard: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefusalReason {
    NoGrounds,
    TooManyGrounds,
    GroundNotInRuleSet { ground: GroundCode },
    BreathingSpace { until: NaiveDate },
    NoRentUnpaid { ground: GroundCode },
    BelowThreshold { ground: GroundCode },
    FactsInvalid,
}

/// Why a notice cannot be served (or a ground relied on), with the words to show the officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub reason: RefusalReason,
    pub message: String,
}

/// Checks that `grounds` can go on a notice under `rule_set` deemed served `on`, with the
/// account as `arrears` describes it on that day. Every problem is returned, not just the first.
pub fn check_grounds(
    rule_set: &RuleSet,
    grounds: &[GroundCode],
    arrears: &ArrearsFacts,
    on: NaiveDate,
    breathing_space_until: Option<NaiveDate>,
) -> Result<(), Vec<Refusal>> {
    let mut refusals = Vec::new();
    // The moratorium's last day is inclusive; a notice served during it is void (reg 7).
    if let Some(until) = breathing_space_until.filter(|until| on <= *until) {
        refusals.push(Refusal {
            reason: RefusalReason::BreathingSpace { until },
            message: format!(
                "A Breathing Space moratorium is in force until {}: no arrears notice may be served ({BREATHING_SPACE_SOURCE})",
                long_date(until)
            ),
        });
    }
    if grounds.is_empty() {
        refusals.push(Refusal {
            reason: RefusalReason::NoGrounds,
            message: "Choose at least one ground: a notice must say why possession is sought"
                .to_string(),
        });
    }
    if grounds.len() > GROUNDS_PER_NOTICE_MAX {
        refusals.push(Refusal {
            reason: RefusalReason::TooManyGrounds,
            message: format!(
                "{} grounds were chosen; a notice takes at most {GROUNDS_PER_NOTICE_MAX}",
                grounds.len()
            ),
        });
        return Err(refusals);
    }
    for (index, ground) in grounds.iter().enumerate() {
        if grounds[..index].contains(ground) {
            continue;
        }
        if let Err(refusal) = check_ground(rule_set, *ground, arrears, "when the notice is served")
        {
            refusals.push(refusal);
        }
    }
    if refusals.is_empty() {
        Ok(())
    } else {
        Err(refusals)
    }
}

/// Ground 8 checked again at the hearing, as it must be met on both days. Use the rule set the
/// notice was served under: the law at service governs the notice [check transitional
/// provisions].
pub fn check_ground_8_at_hearing(
    rule_set: &RuleSet,
    arrears: &ArrearsFacts,
    hearing_on: NaiveDate,
) -> Result<(), Refusal> {
    let when = format!("at the hearing on {}", long_date(hearing_on));
    check_ground(rule_set, GroundCode::Assured8, arrears, &when)
}

fn check_ground(
    rule_set: &RuleSet,
    ground: GroundCode,
    arrears: &ArrearsFacts,
    when: &str,
) -> Result<(), Refusal> {
    let Some(rule) = rule_set.ground(ground) else {
        return Err(Refusal {
            reason: RefusalReason::GroundNotInRuleSet { ground },
            message: format!(
                "{} ({}) is not a ground for a {} under {}",
                ground.name(),
                ground_statute(ground),
                rule_set.tenure.label().to_lowercase(),
                rule_set.title
            ),
        });
    };
    match rule.threshold {
        Threshold::None => Ok(()),
        Threshold::SomeRentUnpaid => check_some_rent_unpaid(ground, arrears, when),
        Threshold::Ground8 {
            weeks,
            months,
            disregards_universal_credit_not_yet_paid,
        } => check_ground_8(
            ground,
            arrears,
            when,
            Ground8Need {
                weeks,
                months,
                disregards_universal_credit_not_yet_paid,
            },
        ),
    }
}

fn ground_statute(ground: GroundCode) -> &'static str {
    match ground {
        GroundCode::Secure1 => "Housing Act 1985 Sch 2",
        GroundCode::Assured8 | GroundCode::Assured10 | GroundCode::Assured11 => {
            "Housing Act 1988 Sch 2"
        }
    }
}

fn check_some_rent_unpaid(
    ground: GroundCode,
    arrears: &ArrearsFacts,
    when: &str,
) -> Result<(), Refusal> {
    if arrears.arrears > Decimal::ZERO {
        return Ok(());
    }
    Err(Refusal {
        reason: RefusalReason::NoRentUnpaid { ground },
        message: format!(
            "{} needs some rent unpaid {when}; the account shows {} arrears",
            ground.name(),
            format_money(arrears.arrears)
        ),
    })
}

struct Ground8Need {
    weeks: u32,
    months: u32,
    disregards_universal_credit_not_yet_paid: bool,
}

fn check_ground_8(
    ground: GroundCode,
    arrears: &ArrearsFacts,
    when: &str,
    need: Ground8Need,
) -> Result<(), Refusal> {
    check_facts(arrears)?;
    // Ground 8 measures rent payable weekly or fortnightly in weeks and monthly rent in months;
    // 4-weekly rent, which it does not name, is measured in weeks [check].
    let (unit_rent, units, unit_name, per_unit) = match arrears.frequency {
        RentFrequency::Monthly => (arrears.rent_per_period, need.months, "months", "a month"),
        RentFrequency::Weekly | RentFrequency::Fortnightly | RentFrequency::FourWeekly => {
            let weeks_per_period = match arrears.frequency {
                RentFrequency::Fortnightly => Decimal::TWO,
                RentFrequency::FourWeekly => Decimal::from(4),
                _ => Decimal::ONE,
            };
            // Exact: dividing a sum in pence by two or four always terminates.
            (
                arrears.rent_per_period / weeks_per_period,
                need.weeks,
                "weeks",
                "a week",
            )
        }
    };
    let disregarded = if need.disregards_universal_credit_not_yet_paid {
        arrears.uc_arrears_to_disregard
    } else {
        Decimal::ZERO
    };
    let counted = arrears.arrears - disregarded;
    let threshold = unit_rent * Decimal::from(units);
    if counted >= threshold {
        return Ok(());
    }
    let threshold_shown = threshold.round_dp_with_strategy(2, RoundingStrategy::AwayFromZero);
    let units_shown = (counted / unit_rent)
        .round_dp_with_strategy(2, RoundingStrategy::ToZero)
        .normalize();
    let counted_words = if disregarded.is_zero() {
        format!("the arrears are {}", format_money(counted))
    } else {
        format!(
            "the arrears are {}, less {} of Universal Credit awarded but not yet paid, which is disregarded: {}",
            format_money(arrears.arrears),
            format_money(disregarded),
            format_money(counted)
        )
    };
    Err(Refusal {
        reason: RefusalReason::BelowThreshold { ground },
        message: format!(
            "{} needs at least {units} {unit_name}' rent unpaid ({} at {} {per_unit}) {when}; {counted_words} ({units_shown} {unit_name})",
            ground.name(),
            format_money(threshold_shown),
            format_money(unit_rent),
        ),
    })
}

fn check_facts(arrears: &ArrearsFacts) -> Result<(), Refusal> {
    let problem = if arrears.rent_per_period <= Decimal::ZERO {
        Some(format!(
            "the rent per period is {}; Ground 8 is measured in rent, so enter the rent charged",
            format_money(arrears.rent_per_period)
        ))
    } else if arrears.uc_arrears_to_disregard < Decimal::ZERO {
        Some("the Universal Credit to disregard cannot be negative".to_string())
    } else {
        None
    };
    match problem {
        Some(message) => Err(Refusal {
            reason: RefusalReason::FactsInvalid,
            message,
        }),
        None => Ok(()),
    }
}
