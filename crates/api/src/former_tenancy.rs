//! Referrals made for the tenant and followed up, and former tenant arrears: tracing notes
//! (diary entries), and a write-off recommendation with its paperwork for approval.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{ChoiceView, ProducedDocument};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetFormerTenancyRequest {
    pub account_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralView {
    pub referral_id: String,
    pub kind_label: String,
    pub referred_to: String,
    pub referred_on: NaiveDate,
    pub follow_up_on: NaiveDate,
    /// "Closed on …: outcome", or None while open.
    pub outcome: Option<String>,
    /// Open and its follow-up day has come.
    pub due: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteOffView {
    pub ground_label: String,
    pub amount: Decimal,
    pub recommended_on: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormerTenancyView {
    pub account_id: i64,
    pub referrals: Vec<ReferralView>,
    /// Tracing attempts from the diary, newest first: "3 March 2027: DWP trace, no address".
    pub tracing: Vec<String>,
    pub recommendations: Vec<WriteOffView>,
    pub referral_kinds: Vec<ChoiceView>,
    pub grounds: Vec<ChoiceView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordReferralRequest {
    pub command_id: String,
    pub account_id: i64,
    pub kind: String,
    pub referred_to: String,
    pub referred_on: NaiveDate,
    /// Four weeks after the referral if not given.
    pub follow_up_on: Option<NaiveDate>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordReferralOutcomeRequest {
    pub command_id: String,
    pub account_id: i64,
    pub referral_id: String,
    pub outcome: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendWriteOffRequest {
    pub command_id: String,
    pub account_id: i64,
    pub ground: String,
    pub tenancy_ended_on: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteOffRecommended {
    pub former_tenancy: FormerTenancyView,
    /// The recommendation for the manager's approval.
    pub document: ProducedDocument,
}
