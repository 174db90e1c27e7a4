//! Former tenant arrears and the referrals made for a tenant: when a referral (money advice,
//! financial inclusion, a Discretionary Housing Payment application) needs following up, and
//! whether a former tenant's debt may be recommended for write-off, and on what ground.
//!
//! A write-off is recommended, never decided, by the officer: the recommendation goes to a
//! manager for approval with its paperwork. Each ground has its evidence rule, so a
//! recommendation the manager would send back is refused here, in words.

use chrono::{Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::benefits::long_date;

/// A debt is statute-barred six years after the cause of action accrued, restarted by a
/// payment or a written acknowledgement (Limitation Act 1980 ss5, 29 and 30).
pub const STATUTE_BARRED_YEARS: u32 = 6;
/// Tracing is given up only after attempts spread over this long.
pub const TRACING_DAYS_MIN: u64 = 90;
/// And at least this many attempts (different sources: DWP, credit reference, neighbours).
pub const TRACING_ATTEMPTS_MIN: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralKind {
    MoneyAdvice,
    FinancialInclusion,
    DiscretionaryHousingPayment,
}

impl ReferralKind {
    pub const ALL: [ReferralKind; 3] = [
        ReferralKind::MoneyAdvice,
        ReferralKind::FinancialInclusion,
        ReferralKind::DiscretionaryHousingPayment,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            ReferralKind::MoneyAdvice => "Money advice",
            ReferralKind::FinancialInclusion => "Financial inclusion",
            ReferralKind::DiscretionaryHousingPayment => {
                "Discretionary Housing Payment application"
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub kind: ReferralKind,
    pub referred_to: String,
    pub referred_on: NaiveDate,
    pub follow_up_on: NaiveDate,
    /// An outcome is recorded: nothing to follow up.
    pub closed: bool,
}

/// The oldest open referral whose follow-up day has come, in words.
pub fn referral_follow_up(referrals: &[Referral], today: NaiveDate) -> Option<String> {
    referrals
        .iter()
        .filter(|referral| !referral.closed && referral.follow_up_on <= today)
        .min_by_key(|referral| referral.follow_up_on)
        .map(|referral| {
            format!(
                "{} referral to {} made on {}, follow-up due {}",
                referral.kind.label(),
                referral.referred_to,
                long_date(referral.referred_on),
                long_date(referral.follow_up_on)
            )
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WriteOffGround {
    /// The former tenant cannot be found after reasonable tracing.
    Untraceable,
    /// The former tenant has died and there is no estate to claim from.
    DeceasedNoEstate,
    /// More than six years since the last payment or acknowledgement.
    StatuteBarred,
    /// Recovery would cost more than it could bring in.
    Uneconomic,
}

impl WriteOffGround {
    pub const ALL: [WriteOffGround; 4] = [
        WriteOffGround::Untraceable,
        WriteOffGround::DeceasedNoEstate,
        WriteOffGround::StatuteBarred,
        WriteOffGround::Uneconomic,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            WriteOffGround::Untraceable => "Untraceable after tracing",
            WriteOffGround::DeceasedNoEstate => "Deceased with no estate",
            WriteOffGround::StatuteBarred => "Statute-barred (Limitation Act 1980 s5)",
            WriteOffGround::Uneconomic => "Uneconomic to pursue",
        }
    }
}

/// What the recommendation rests on, read from the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteOffFacts {
    pub balance: Decimal,
    pub tenancy_ended_on: Option<NaiveDate>,
    /// Days on which a tracing attempt was recorded.
    pub tracing_on: Vec<NaiveDate>,
    /// The last payment or written acknowledgement of the debt.
    pub last_acknowledged_on: Option<NaiveDate>,
}

/// Ok when the ground's evidence rule is met; otherwise every reason it is not, in words.
pub fn check_write_off(
    ground: WriteOffGround,
    facts: &WriteOffFacts,
    today: NaiveDate,
) -> Result<(), Vec<String>> {
    let mut reasons = Vec::new();
    if facts.balance <= Decimal::ZERO {
        reasons.push("The account owes nothing: there is nothing to write off.".to_string());
    }
    match facts.tenancy_ended_on {
        None => reasons.push(
            "The tenancy has not ended: write-off is for former tenant arrears; record the end of the tenancy first."
                .to_string(),
        ),
        Some(ended) if ended > today => reasons.push(format!(
            "The tenancy ends on {}: it is not a former tenancy yet.",
            long_date(ended)
        )),
        Some(_) => {}
    }
    match ground {
        WriteOffGround::Untraceable => {
            let first = facts.tracing_on.iter().min();
            let last = facts.tracing_on.iter().max();
            let spread_days = match (first, last) {
                (Some(first), Some(last)) => (*last - *first).num_days(),
                _ => 0,
            };
            if facts.tracing_on.len() < TRACING_ATTEMPTS_MIN
                || spread_days < i64::try_from(TRACING_DAYS_MIN).unwrap_or(i64::MAX)
            {
                reasons.push(format!(
                    "Untraceable needs at least {TRACING_ATTEMPTS_MIN} tracing attempts over {TRACING_DAYS_MIN} days; {} recorded over {spread_days} days.",
                    facts.tracing_on.len()
                ));
            }
        }
        WriteOffGround::StatuteBarred => {
            let barred_from = facts
                .last_acknowledged_on
                .and_then(|last| last.checked_add_months(Months::new(12 * STATUTE_BARRED_YEARS)));
            match barred_from {
                Some(barred_from) if barred_from <= today => {}
                Some(barred_from) => reasons.push(format!(
                    "The debt is not statute-barred until {} (six years after the last payment or acknowledgement, Limitation Act 1980 ss5 and 29).",
                    long_date(barred_from)
                )),
                None => reasons.push(
                    "No payment or acknowledgement is on record to count six years from.".to_string(),
                ),
            }
        }
        WriteOffGround::DeceasedNoEstate | WriteOffGround::Uneconomic => {}
    }
    if reasons.is_empty() {
        Ok(())
    } else {
        Err(reasons)
    }
}

/// The follow-up day a referral gets when none is given: four weeks on.
pub fn default_follow_up(referred_on: NaiveDate) -> NaiveDate {
    referred_on
        .checked_add_days(Days::new(28))
        .unwrap_or(referred_on)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("a real date in a test")
    }

    fn today() -> NaiveDate {
        date(2027, 3, 3)
    }

    fn facts(tracing: &[NaiveDate], last: Option<NaiveDate>) -> WriteOffFacts {
        WriteOffFacts {
            balance: Decimal::from(812),
            tenancy_ended_on: Some(date(2026, 1, 9)),
            tracing_on: tracing.to_vec(),
            last_acknowledged_on: last,
        }
    }

    #[test]
    fn each_ground_has_its_evidence_rule() {
        use WriteOffGround::*;
        let traced = [date(2026, 2, 1), date(2026, 3, 15), date(2026, 5, 20)];
        //          ground          facts                                            ok
        let rows: [(WriteOffGround, WriteOffFacts, bool); 7] = [
            (Untraceable, facts(&traced, None), true),
            (Untraceable, facts(&traced[..2], None), false),
            (
                Untraceable,
                facts(
                    &[date(2026, 2, 1), date(2026, 2, 2), date(2026, 2, 3)],
                    None,
                ),
                false,
            ),
            (StatuteBarred, facts(&[], Some(date(2021, 3, 3))), true),
            (StatuteBarred, facts(&[], Some(date(2021, 3, 4))), false),
            (StatuteBarred, facts(&[], None), false),
            (Uneconomic, facts(&[], None), true),
        ];
        for (ground, facts, ok) in rows {
            let answer = check_write_off(ground, &facts, today());
            assert_eq!(answer.is_ok(), ok, "{ground:?}: {answer:?}");
        }
        let live = WriteOffFacts {
            tenancy_ended_on: None,
            ..facts(&traced, None)
        };
        let refused = check_write_off(DeceasedNoEstate, &live, today()).unwrap_err();
        assert!(refused[0].contains("has not ended"), "{refused:?}");
    }

    #[test]
    fn the_oldest_due_referral_is_followed_up() {
        let referral = |kind, on: NaiveDate, closed| Referral {
            kind,
            referred_to: "Citizens Advice Calderdale".to_string(),
            referred_on: on,
            follow_up_on: default_follow_up(on),
            closed,
        };
        let referrals = [
            referral(ReferralKind::MoneyAdvice, date(2027, 1, 4), true),
            referral(ReferralKind::FinancialInclusion, date(2027, 1, 20), false),
            referral(
                ReferralKind::DiscretionaryHousingPayment,
                date(2027, 2, 25),
                false,
            ),
        ];
        let words = referral_follow_up(&referrals, today()).expect("one is due");
        assert!(words.starts_with("Financial inclusion referral"), "{words}");
        assert_eq!(referral_follow_up(&referrals, date(2027, 2, 16)), None);
    }
}
