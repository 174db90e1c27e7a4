//! What a court can decide at a possession hearing, and what each decision asks of the officer
//! next. Codes are Hackney's (DOMAIN.md, "Court paperwork"), so an export reads as landlords'
//! systems already do.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HearingOutcome {
    /// Adjourned generally with liberty to restore.
    #[serde(rename = "AGP")]
    AdjournedGenerally,
    /// Adjourned to the next open date.
    #[serde(rename = "AND")]
    AdjournedNextOpenDate,
    /// Adjourned to another hearing.
    #[serde(rename = "AAH")]
    AdjournedAnotherHearing,
    /// Adjourned for directions.
    #[serde(rename = "ADH")]
    AdjournedForDirections,
    /// Adjourned on terms.
    #[serde(rename = "ADT")]
    AdjournedOnTerms,
    /// Outright possession forthwith.
    #[serde(rename = "OPF")]
    OutrightForthwith,
    /// Outright possession with a date.
    #[serde(rename = "OPD")]
    OutrightWithDate,
    /// Suspended on terms: a suspended possession order.
    #[serde(rename = "SOT")]
    SuspendedOnTerms,
    #[serde(rename = "STO")]
    StruckOut,
    #[serde(rename = "WIT")]
    Withdrawn,
    #[serde(rename = "SOE")]
    StayOfExecution,
}

/// What the officer does after an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AfterHearing {
    /// The claim waits for another hearing date.
    AwaitHearing,
    /// Terms to keep (a suspended order, an adjournment on terms): a breach leads to a warrant.
    MonitorTerms,
    /// Possession is due: once the date passes, request a warrant.
    WarrantWhenDue,
    /// The claim is over.
    ClaimEnded,
}

impl HearingOutcome {
    pub const ALL: [HearingOutcome; 11] = [
        HearingOutcome::AdjournedGenerally,
        HearingOutcome::AdjournedNextOpenDate,
        HearingOutcome::AdjournedAnotherHearing,
        HearingOutcome::AdjournedForDirections,
        HearingOutcome::AdjournedOnTerms,
        HearingOutcome::OutrightForthwith,
        HearingOutcome::OutrightWithDate,
        HearingOutcome::SuspendedOnTerms,
        HearingOutcome::StruckOut,
        HearingOutcome::Withdrawn,
        HearingOutcome::StayOfExecution,
    ];

    pub fn code(self) -> &'static str {
        match self {
            HearingOutcome::AdjournedGenerally => "AGP",
            HearingOutcome::AdjournedNextOpenDate => "AND",
            HearingOutcome::AdjournedAnotherHearing => "AAH",
            HearingOutcome::AdjournedForDirections => "ADH",
            HearingOutcome::AdjournedOnTerms => "ADT",
            HearingOutcome::OutrightForthwith => "OPF",
            HearingOutcome::OutrightWithDate => "OPD",
            HearingOutcome::SuspendedOnTerms => "SOT",
            HearingOutcome::StruckOut => "STO",
            HearingOutcome::Withdrawn => "WIT",
            HearingOutcome::StayOfExecution => "SOE",
        }
    }

    pub fn from_code(code: &str) -> Option<HearingOutcome> {
        HearingOutcome::ALL
            .into_iter()
            .find(|outcome| outcome.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            HearingOutcome::AdjournedGenerally => "Adjourned generally with liberty to restore",
            HearingOutcome::AdjournedNextOpenDate => "Adjourned to the next open date",
            HearingOutcome::AdjournedAnotherHearing => "Adjourned to another hearing",
            HearingOutcome::AdjournedForDirections => "Adjourned for directions",
            HearingOutcome::AdjournedOnTerms => "Adjourned on terms",
            HearingOutcome::OutrightForthwith => "Outright possession forthwith",
            HearingOutcome::OutrightWithDate => "Outright possession with a date",
            HearingOutcome::SuspendedOnTerms => "Suspended possession order on terms",
            HearingOutcome::StruckOut => "Struck out",
            HearingOutcome::Withdrawn => "Withdrawn",
            HearingOutcome::StayOfExecution => "Stay of execution",
        }
    }

    pub fn after(self) -> AfterHearing {
        match self {
            HearingOutcome::AdjournedGenerally
            | HearingOutcome::AdjournedNextOpenDate
            | HearingOutcome::AdjournedAnotherHearing
            | HearingOutcome::AdjournedForDirections => AfterHearing::AwaitHearing,
            HearingOutcome::AdjournedOnTerms
            | HearingOutcome::SuspendedOnTerms
            | HearingOutcome::StayOfExecution => AfterHearing::MonitorTerms,
            HearingOutcome::OutrightForthwith | HearingOutcome::OutrightWithDate => {
                AfterHearing::WarrantWhenDue
            }
            HearingOutcome::StruckOut | HearingOutcome::Withdrawn => AfterHearing::ClaimEnded,
        }
    }

    /// Whether the outcome's terms are kept as a formal (court-ordered) arrangement.
    pub fn has_payment_terms(self) -> bool {
        matches!(
            self,
            HearingOutcome::SuspendedOnTerms | HearingOutcome::AdjournedOnTerms
        )
    }

    /// Whether an outright order's possession date is needed.
    pub fn needs_possession_date(self) -> bool {
        self == HearingOutcome::OutrightWithDate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_their_serde_names() {
        for outcome in HearingOutcome::ALL {
            assert_eq!(HearingOutcome::from_code(outcome.code()), Some(outcome));
            let json = serde_json::to_string(&outcome).expect("serialises");
            assert_eq!(json, format!("\"{}\"", outcome.code()));
        }
        assert_eq!(HearingOutcome::from_code("XYZ"), None);
    }

    #[test]
    fn a_suspended_order_is_monitored_and_an_outright_one_leads_to_a_warrant() {
        assert_eq!(
            HearingOutcome::SuspendedOnTerms.after(),
            AfterHearing::MonitorTerms
        );
        assert!(HearingOutcome::SuspendedOnTerms.has_payment_terms());
        assert_eq!(
            HearingOutcome::OutrightWithDate.after(),
            AfterHearing::WarrantWhenDue
        );
        assert!(HearingOutcome::OutrightWithDate.needs_possession_date());
        assert_eq!(HearingOutcome::Withdrawn.after(), AfterHearing::ClaimEnded);
    }
}
