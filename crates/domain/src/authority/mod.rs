//! Who may be told what about a rent account, and when a contentious step needs someone's
//! authority first.
//!
//! Supported living accounts have people around them: DWP appointees, Court of Protection
//! deputies, attorneys, advocates, support workers and providers, local authorities and
//! commissioning bodies. The officer may discuss the account only with the tenant and with
//! someone whose authority or consent covers the topic, so before talking the officer reads
//! `may_discuss`'s plain words; before a notice, claim or warrant `contentious_step_warnings`
//! says whose authority to check.
//!
//! This is the full rule. `round::AuthorityToDiscuss` is a simpler record of what was relied on
//! during a home visit; the names here are kept distinct from it on purpose.
//!
//! Codemap:
//! - `discuss`: `may_discuss`, one person, one topic, one day.
//! - `steps`: `contentious_step_warnings`, everyone on the account, one step, one day.
//!
//! Invariants: no IO, no clock (the day is an argument). An authority or consent is valid up to
//! and including its `expires_on` and is no authority from the day after; evidence recorded as
//! seen after the day asked about is refused. Every refusal and warning is worded for the
//! officer, names the person and gives the reason; rules that rest on law cite it, and where the
//! citation is uncertain the words say "[check]".
//!
//! Sources: Social Security (Claims and Payments) Regulations 1987 reg 33; Mental Capacity Act
//! 2005 ss9, 10, 16, 18, 19; CPR 21. DOMAIN.md, "Who uses it, and where", summarises who is who.

mod discuss;
mod steps;

#[cfg(test)]
mod tests;

pub use discuss::may_discuss;
pub use steps::contentious_step_warnings;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Appointees act for a claimant who cannot manage their own benefits; the appointment covers
/// claiming and receiving benefits and nothing else.
pub const APPOINTEE_SOURCE: &str = "Social Security (Claims and Payments) Regulations 1987, reg 33";
/// A deputy for property and financial affairs is appointed by the Court of Protection and has
/// only the powers the order gives.
pub const DEPUTY_SOURCE: &str = "Mental Capacity Act 2005, ss16 and 19";
/// Conducting legal proceedings in P's name is a matter the Court decides (s18(1)(k)); a deputy
/// may do it only if the order says so. s20 sets the general limits on deputies; s18(1)(k) is
/// the provision that names legal proceedings. Which one to cite is unconfirmed, hence "[check]".
pub const DEPUTY_LITIGATION_SOURCE: &str =
    "Mental Capacity Act 2005, ss16(2)(b) and 18(1)(k) [check]";
/// Only a registered lasting power of attorney for property and financial affairs gives
/// authority over the rent account; a health and welfare one gives none.
pub const ATTORNEY_SOURCE: &str =
    "Mental Capacity Act 2005, ss9 and 10 (registered lasting power of attorney for property and financial affairs)";
/// A protected party must have a litigation friend to conduct proceedings.
pub const LITIGATION_FRIEND_SOURCE: &str = "CPR 21";

/// Who a person is to the tenant, as the evidence shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepresentativeKind {
    /// A party to the tenancy: the account is theirs too.
    JointTenant,
    /// Appointed by the DWP to claim and receive the tenant's benefits; benefits only
    /// (Social Security (Claims and Payments) Regulations 1987 reg 33).
    Appointee,
    /// Court of Protection deputy for property and financial affairs (Mental Capacity Act 2005
    /// ss16, 19). Conducting possession proceedings needs the Court's express authority.
    Deputy,
    /// Attorney under a registered lasting power of attorney for property and financial affairs
    /// (Mental Capacity Act 2005 ss9-10). A health and welfare LPA gives no authority over the
    /// rent account and must not be recorded as this kind.
    Attorney,
    Advocate,
    SupportWorker,
    SupportProvider,
    LocalAuthorityHousingBenefit,
    SocialServices,
    CommissioningBody,
}

impl RepresentativeKind {
    /// How the officer names the role in a sentence: "Jane Smith is the tenant's {label}".
    pub fn label(&self) -> &'static str {
        match self {
            RepresentativeKind::JointTenant => "joint tenant",
            RepresentativeKind::Appointee => "DWP appointee",
            RepresentativeKind::Deputy => {
                "Court of Protection deputy (property and financial affairs)"
            }
            RepresentativeKind::Attorney => {
                "attorney (lasting power of attorney for property and financial affairs)"
            }
            RepresentativeKind::Advocate => "advocate",
            RepresentativeKind::SupportWorker => "support worker",
            RepresentativeKind::SupportProvider => "support provider",
            RepresentativeKind::LocalAuthorityHousingBenefit => {
                "local authority Housing Benefit team"
            }
            RepresentativeKind::SocialServices => "social services",
            RepresentativeKind::CommissioningBody => "commissioning body",
        }
    }
}

/// What an authority or a consent covers, as recorded from the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Being told the balance, the arrears and the account's history.
    DiscussAccount,
    /// Housing Benefit and Universal Credit.
    Benefits,
    /// Paying rent and agreeing arrangements; includes discussing the account.
    Finances,
    /// Defending or conducting possession proceedings.
    Litigation,
}

/// What the officer wants to talk about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Arrears,
    Benefits,
    Arrangement,
    LegalAction,
}

impl Topic {
    pub const ALL: [Topic; 4] = [
        Topic::Arrears,
        Topic::Benefits,
        Topic::Arrangement,
        Topic::LegalAction,
    ];

    /// The topic as it reads in "may discuss {label}".
    pub fn label(&self) -> &'static str {
        match self {
            Topic::Arrears => "the arrears",
            Topic::Benefits => "Housing Benefit and Universal Credit",
            Topic::Arrangement => "a repayment arrangement",
            Topic::LegalAction => "legal action",
        }
    }

    /// Whether a recorded scope covers this topic. Finances covers the arrears as well as
    /// arrangements: nobody can agree an arrangement without hearing the balance.
    pub(crate) fn covered_by(&self, covers: &[Scope]) -> bool {
        covers.iter().any(|scope| {
            matches!(
                (self, scope),
                (Topic::Arrears, Scope::DiscussAccount)
                    | (Topic::Arrears, Scope::Finances)
                    | (Topic::Benefits, Scope::Benefits)
                    | (Topic::Arrangement, Scope::Finances)
                    | (Topic::LegalAction, Scope::Litigation)
            )
        })
    }
}

/// Evidence of someone's authority, as the officer saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authority {
    pub kind: RepresentativeKind,
    /// As recorded from the evidence. For an appointee, deputy or attorney the law sets the
    /// ceiling and this can only narrow it; for a joint tenant it is not consulted.
    pub covers: Vec<Scope>,
    /// The DWP letter, Court order or LPA registration number.
    pub evidence_reference: String,
    pub seen_on: NaiveDate,
    pub seen_by: String,
    /// Valid on this day, no authority from the day after.
    pub expires_on: Option<NaiveDate>,
    /// Deputies only: the Court of Protection order expressly authorises conducting
    /// proceedings. Ignored for every other kind.
    pub litigation_authorised_by_court: bool,
}

/// The tenant's written consent for a named person to discuss the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub given_on: NaiveDate,
    /// Valid on this day, no consent from the day after.
    pub expires_on: Option<NaiveDate>,
    /// Consent covers only what it says.
    pub covers: Vec<Scope>,
    pub recorded_by: String,
}

/// A person around the account, with whatever authority and consents are on file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonAuthority {
    pub name: String,
    pub authority: Option<Authority>,
    pub consents: Vec<Consent>,
}

/// The answer to "may I discuss this with them?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorityCheck {
    pub allowed: bool,
    /// Plain English the officer reads before talking; names the person and the reason.
    pub words: String,
    /// Which authority or consent allowed it; `None` when refused.
    pub basis: Option<String>,
}

/// A step in possession action that needs someone with authority on the tenant's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContentiousStep {
    Notice,
    Claim,
    Warrant,
}

impl ContentiousStep {
    /// "check before {label}".
    pub fn label(&self) -> &'static str {
        match self {
            ContentiousStep::Notice => "serving the notice",
            ContentiousStep::Claim => "issuing the claim",
            ContentiousStep::Warrant => "applying for the warrant",
        }
    }
}

/// Whether a piece of evidence counts on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Currency {
    Current,
    /// Recorded as seen or given after the day asked about.
    NotYetSeen {
        seen_on: NaiveDate,
    },
    Expired {
        expires_on: NaiveDate,
    },
}

pub(crate) fn currency(from: NaiveDate, expires_on: Option<NaiveDate>, on: NaiveDate) -> Currency {
    if from > on {
        return Currency::NotYetSeen { seen_on: from };
    }
    match expires_on {
        // Valid on the expiry day itself; no authority from the day after.
        Some(expires_on) if on > expires_on => Currency::Expired { expires_on },
        _ => Currency::Current,
    }
}
