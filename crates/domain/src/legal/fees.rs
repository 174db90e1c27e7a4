//! Court fees as dated data. A fee is looked up for the day it is paid; a date before the
//! earliest recorded figure is refused rather than answered with a later figure.

use std::sync::OnceLock;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::error::LegalError;
use crate::money::money_to_pence;

const FEES_FILE: &str = "data/legal/court_fees.json";
const FEES_JSON: &str = include_str!("../../data/legal/court_fees.json");

/// A court fee over £10,000 is a typing slip in the data.
const FEE_POUNDS_MAX: i64 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CourtFeeKind {
    /// Form N5, issued on paper.
    PossessionClaimPaper,
    /// Form N325.
    WarrantOfPossession,
    /// Form N244, the other side given notice.
    ApplicationOnNotice,
    /// Form N244, by consent or without notice.
    ApplicationByConsentOrWithoutNotice,
}

impl CourtFeeKind {
    pub const ALL: [CourtFeeKind; 4] = [
        CourtFeeKind::PossessionClaimPaper,
        CourtFeeKind::WarrantOfPossession,
        CourtFeeKind::ApplicationOnNotice,
        CourtFeeKind::ApplicationByConsentOrWithoutNotice,
    ];
}

#[derive(Debug, Deserialize)]
pub(crate) struct DatedAmount {
    pub(crate) effective_from: NaiveDate,
    pub(crate) amount: Decimal,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Fee {
    pub(crate) kind: CourtFeeKind,
    pub(crate) label: String,
    /// Oldest first.
    pub(crate) amounts: Vec<DatedAmount>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct FeeFile {
    pub(crate) source: String,
    pub(crate) fees: Vec<Fee>,
}

pub(crate) fn fee_file() -> Result<&'static FeeFile, LegalError> {
    static PARSED: OnceLock<Result<FeeFile, String>> = OnceLock::new();
    match PARSED.get_or_init(|| parse_fees(FEES_JSON)) {
        Ok(file) => Ok(file),
        Err(problem) => Err(LegalError::DataInvalid {
            file: FEES_FILE,
            problem: problem.clone(),
        }),
    }
}

pub(crate) fn parse_fees(text: &str) -> Result<FeeFile, String> {
    let file: FeeFile = serde_json::from_str(text).map_err(|error| error.to_string())?;
    if file.source.trim().is_empty() {
        return Err("there is no source".to_string());
    }
    for kind in CourtFeeKind::ALL {
        let count = file.fees.iter().filter(|fee| fee.kind == kind).count();
        if count != 1 {
            return Err(format!(
                "{kind:?} appears {count} times; exactly once expected"
            ));
        }
    }
    for fee in &file.fees {
        if fee.amounts.is_empty() || fee.label.trim().is_empty() {
            return Err(format!("{:?} has no amounts or no label", fee.kind));
        }
        for (index, dated) in fee.amounts.iter().enumerate() {
            let amount = dated.amount;
            let in_pence = money_to_pence(amount).is_ok();
            if !in_pence || amount <= Decimal::ZERO || amount > Decimal::from(FEE_POUNDS_MAX) {
                return Err(format!(
                    "{}: {amount} is not a fee in pounds and pence",
                    fee.label
                ));
            }
            if index > 0 && fee.amounts[index - 1].effective_from >= dated.effective_from {
                return Err(format!("{}: the amounts are out of date order", fee.label));
            }
        }
    }
    Ok(file)
}

/// The fee for `kind` in force on `on`.
pub fn court_fee(kind: CourtFeeKind, on: NaiveDate) -> Result<Decimal, LegalError> {
    let file = fee_file()?;
    let fee = file
        .fees
        .iter()
        .find(|fee| fee.kind == kind)
        .ok_or_else(|| LegalError::DataInvalid {
            file: FEES_FILE,
            problem: format!("no fee for {kind:?}"),
        })?;
    if let Some(in_force) = fee
        .amounts
        .iter()
        .rev()
        .find(|dated| dated.effective_from <= on)
    {
        return Ok(in_force.amount);
    }
    let earliest = fee
        .amounts
        .first()
        .map(|dated| dated.effective_from)
        .ok_or_else(|| LegalError::DataInvalid {
            file: FEES_FILE,
            problem: format!("no amounts for {kind:?}"),
        })?;
    Err(LegalError::FeeNotKnown {
        label: fee.label.clone(),
        on,
        earliest,
    })
}
