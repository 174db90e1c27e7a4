//! The Pre-Action Protocol for Possession Claims by Social Landlords as a checklist: each
//! requirement, the evidence on the account that meets it, or what is missing.
//!
//! Courts weigh compliance when deciding whether to adjourn, to make an order, or to award
//! costs (protocol, paras 1.1 and 4; DOMAIN.md, "Before going to court"); a missing step
//! found at the hearing is an adjournment. So the claim paperwork warns on every missing item
//! rather than refusing: the officer may have done it and not recorded it, and the court
//! decides. Paragraph numbers follow the protocol in force since 2 October 2015 as amended
//! [check: numbering against the current text on justice.gov.uk].

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// A rent statement older than this is not "at least quarterly" (13 weeks is a quarter year).
pub const STATEMENT_GAP_DAYS_MAX: u64 = 91;

/// What a record on the account shows, for the checklist's purposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// Reached or tried to reach the tenant: call, visit, interview, email, text.
    Contact,
    /// A letter sent to the tenants.
    Letter,
    RentStatement,
    IncomeExpenditure,
    /// A repayment arrangement recorded (its terms confirmed in writing by a letter).
    Arrangement,
    ArrangementConfirmed,
    MoneyAdvice,
    BenefitHelp,
    /// An application to the DWP for deductions from benefit or a managed payment.
    BenefitDeduction,
    VulnerabilityConsidered,
    /// The letter warning that the landlord will apply to court.
    CourtWarning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub on: NaiveDate,
    pub kind: EvidenceKind,
    /// Where it is and what it says: "Diary: Phone call — discussed UC claim".
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    EarlyContact,
    WroteToTenants,
    IncomeExpenditure,
    ArrangementInWriting,
    QuarterlyStatements,
    BenefitHelp,
    BenefitDeductions,
    MoneyAdvice,
    Vulnerability,
    CourtWarning,
}

impl Requirement {
    pub const ALL: [Requirement; 10] = [
        Requirement::EarlyContact,
        Requirement::WroteToTenants,
        Requirement::IncomeExpenditure,
        Requirement::ArrangementInWriting,
        Requirement::QuarterlyStatements,
        Requirement::BenefitHelp,
        Requirement::BenefitDeductions,
        Requirement::MoneyAdvice,
        Requirement::Vulnerability,
        Requirement::CourtWarning,
    ];

    /// The requirement as the protocol puts it, with its paragraph.
    pub fn label(self) -> &'static str {
        match self {
            Requirement::EarlyContact => {
                "Contacted the tenant as soon as reasonably possible about the arrears, their cause, the tenant's finances and benefits (para 2.1)"
            }
            Requirement::WroteToTenants => "Wrote to each named tenant about the arrears (para 2.1)",
            Requirement::IncomeExpenditure => {
                "Assessed income and expenditure to agree affordable payments (para 2.2)"
            }
            Requirement::ArrangementInWriting => {
                "Tried to agree affordable payments and put any agreement and its time limits in writing (para 2.2)"
            }
            Requirement::QuarterlyStatements => {
                "Gave rent statements at least quarterly (para 2.3)"
            }
            Requirement::BenefitHelp => {
                "Offered help with claims for Housing Benefit or Universal Credit housing costs (para 2.7)"
            }
            Requirement::BenefitDeductions => {
                "Applied for deductions from benefit or a managed payment where the tenant is eligible (para 2.6)"
            }
            Requirement::MoneyAdvice => "Advised the tenant to seek free money advice (para 2.8)",
            Requirement::Vulnerability => {
                "Considered the tenant's vulnerability and capacity (paras 1.4 and 2.5)"
            }
            Requirement::CourtWarning => {
                "Wrote to the tenant before issuing, warning of the court application (para 3.3)"
            }
        }
    }

    fn evidence_kinds(self) -> &'static [EvidenceKind] {
        match self {
            Requirement::EarlyContact => &[EvidenceKind::Contact],
            Requirement::WroteToTenants => &[EvidenceKind::Letter, EvidenceKind::CourtWarning],
            Requirement::IncomeExpenditure => &[EvidenceKind::IncomeExpenditure],
            Requirement::ArrangementInWriting => &[EvidenceKind::ArrangementConfirmed],
            Requirement::QuarterlyStatements => &[EvidenceKind::RentStatement],
            Requirement::BenefitHelp => &[EvidenceKind::BenefitHelp],
            Requirement::BenefitDeductions => &[EvidenceKind::BenefitDeduction],
            Requirement::MoneyAdvice => &[EvidenceKind::MoneyAdvice],
            Requirement::Vulnerability => &[EvidenceKind::VulnerabilityConsidered],
            Requirement::CourtWarning => &[EvidenceKind::CourtWarning],
        }
    }

    /// What to do when nothing on the account shows it.
    fn missing_advice(self) -> &'static str {
        match self {
            Requirement::EarlyContact => "Record a call, visit or interview with the tenant about the arrears",
            Requirement::WroteToTenants => "Send a letter to each tenant",
            Requirement::IncomeExpenditure => "Complete an income and expenditure assessment with the tenant",
            Requirement::ArrangementInWriting => {
                "Offer an affordable arrangement and send the arrangement confirmation letter"
            }
            Requirement::QuarterlyStatements => "Send the tenant a rent statement",
            Requirement::BenefitHelp => "Offer help with a benefit claim and record it in the diary",
            Requirement::BenefitDeductions => {
                "Apply to the DWP for deductions or a managed payment and record it in the diary"
            }
            Requirement::MoneyAdvice => "Refer the tenant to free money advice and record it",
            Requirement::Vulnerability => {
                "Record that vulnerability and capacity were considered (diary: Vulnerability considered)"
            }
            Requirement::CourtWarning => "Send the court warning letter before issuing",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ChecklistStatus {
    Met { evidence: Vec<Evidence> },
    Missing { advice: String },
    NotApplicable { why: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub requirement: Requirement,
    pub label: String,
    pub status: ChecklistStatus,
}

impl ChecklistItem {
    pub fn is_missing(&self) -> bool {
        matches!(self.status, ChecklistStatus::Missing { .. })
    }
}

/// What the checklist needs to know about the account besides its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolContext {
    pub as_at: NaiveDate,
    /// The first date of the current run of arrears; evidence before it is about older debt.
    pub arrears_since: Option<NaiveDate>,
    /// Deductions from Universal Credit can only be asked for a tenant who claims it.
    pub claims_universal_credit: bool,
}

/// Every requirement, in the protocol's order, with its evidence (newest first) or what is
/// missing. Evidence after `as_at` or before the arrears began does not count.
pub fn checklist(evidence: &[Evidence], context: &ProtocolContext) -> Vec<ChecklistItem> {
    let in_window = |item: &&Evidence| {
        item.on <= context.as_at && context.arrears_since.is_none_or(|since| item.on >= since)
    };
    Requirement::ALL
        .into_iter()
        .map(|requirement| {
            let status = if requirement == Requirement::BenefitDeductions
                && !context.claims_universal_credit
            {
                ChecklistStatus::NotApplicable {
                    why: "No Universal Credit claim is recorded for the tenant".into(),
                }
            } else {
                let mut found: Vec<Evidence> = evidence
                    .iter()
                    .filter(in_window)
                    .filter(|item| requirement.evidence_kinds().contains(&item.kind))
                    .cloned()
                    .collect();
                found.sort_by_key(|item| std::cmp::Reverse(item.on));
                if requirement == Requirement::QuarterlyStatements {
                    statements_status(found, context)
                } else if found.is_empty() {
                    ChecklistStatus::Missing {
                        advice: requirement.missing_advice().to_string(),
                    }
                } else {
                    ChecklistStatus::Met { evidence: found }
                }
            };
            ChecklistItem {
                requirement,
                label: requirement.label().to_string(),
                status,
            }
        })
        .collect()
}

/// At least quarterly: over the year before `as_at` (or since the arrears began, if later),
/// no gap longer than a quarter between statements, and the latest within a quarter of today.
fn statements_status(newest_first: Vec<Evidence>, context: &ProtocolContext) -> ChecklistStatus {
    let year_before = context
        .as_at
        .checked_sub_days(Days::new(365))
        .unwrap_or(NaiveDate::MIN);
    let window_start = context
        .arrears_since
        .map_or(year_before, |since| since.max(year_before));
    let Some(latest) = newest_first.first() else {
        return ChecklistStatus::Missing {
            advice: Requirement::QuarterlyStatements
                .missing_advice()
                .to_string(),
        };
    };
    let mut checkpoints: Vec<NaiveDate> = vec![context.as_at];
    checkpoints.extend(
        newest_first
            .iter()
            .map(|item| item.on)
            .filter(|on| *on >= window_start),
    );
    checkpoints.push(window_start);
    let longest_gap = checkpoints
        .windows(2)
        .map(|pair| (pair[0] - pair[1]).num_days())
        .max()
        .unwrap_or(0);
    let gap_max = i64::try_from(STATEMENT_GAP_DAYS_MAX).unwrap_or(i64::MAX);
    if longest_gap > gap_max {
        return ChecklistStatus::Missing {
            advice: format!(
                "Statements were not at least quarterly: the last was sent on {}, and there is a gap of {} days; send the tenant a rent statement",
                latest.on.format("%-d %B %Y"),
                longest_gap
            ),
        };
    }
    ChecklistStatus::Met {
        evidence: newest_first,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("test date")
    }

    fn evidence(on: NaiveDate, kind: EvidenceKind) -> Evidence {
        Evidence {
            on,
            kind,
            description: format!("{kind:?}"),
        }
    }

    fn context() -> ProtocolContext {
        ProtocolContext {
            as_at: date(2026, 11, 24),
            arrears_since: Some(date(2026, 1, 5)),
            claims_universal_credit: true,
        }
    }

    fn status_of(items: &[ChecklistItem], requirement: Requirement) -> &ChecklistStatus {
        &items
            .iter()
            .find(|item| item.requirement == requirement)
            .expect("every requirement is listed")
            .status
    }

    #[test]
    fn nothing_recorded_means_every_applicable_item_is_missing() {
        let items = checklist(&[], &context());
        assert_eq!(items.len(), Requirement::ALL.len());
        assert!(items.iter().all(ChecklistItem::is_missing));
    }

    #[test]
    fn deductions_do_not_apply_without_universal_credit() {
        // Para 2.6: deductions "if the tenant meets the appropriate criteria".
        let items = checklist(
            &[],
            &ProtocolContext {
                claims_universal_credit: false,
                ..context()
            },
        );
        assert!(matches!(
            status_of(&items, Requirement::BenefitDeductions),
            ChecklistStatus::NotApplicable { .. }
        ));
    }

    #[test]
    fn evidence_from_before_the_arrears_or_after_the_date_does_not_count() {
        let items = checklist(
            &[
                evidence(date(2025, 6, 1), EvidenceKind::Contact),
                evidence(date(2026, 12, 1), EvidenceKind::Contact),
            ],
            &context(),
        );
        assert!(matches!(
            status_of(&items, Requirement::EarlyContact),
            ChecklistStatus::Missing { .. }
        ));
        let items = checklist(
            &[evidence(date(2026, 2, 1), EvidenceKind::Contact)],
            &context(),
        );
        assert!(matches!(
            status_of(&items, Requirement::EarlyContact),
            ChecklistStatus::Met { evidence } if evidence.len() == 1
        ));
    }

    #[test]
    fn statements_must_be_at_most_a_quarter_apart() {
        // Para 2.3: "rent statements ... at least quarterly".
        let quarterly = [
            date(2026, 1, 20),
            date(2026, 4, 20),
            date(2026, 7, 20),
            date(2026, 10, 19),
        ]
        .map(|on| evidence(on, EvidenceKind::RentStatement));
        let items = checklist(&quarterly, &context());
        assert!(matches!(
            status_of(&items, Requirement::QuarterlyStatements),
            ChecklistStatus::Met { .. }
        ));
        // One statement missed in the summer: a 182-day gap.
        let gappy = [
            quarterly[0].clone(),
            quarterly[1].clone(),
            quarterly[3].clone(),
        ];
        let items = checklist(&gappy, &context());
        assert!(matches!(
            status_of(&items, Requirement::QuarterlyStatements),
            ChecklistStatus::Missing { advice } if advice.contains("182 days")
        ));
    }

    #[test]
    fn a_statement_exactly_a_quarter_old_is_still_in_time() {
        let as_at = date(2026, 11, 24);
        let quarter_ago = as_at - Days::new(STATEMENT_GAP_DAYS_MAX);
        let in_time = ProtocolContext {
            as_at,
            arrears_since: Some(quarter_ago),
            claims_universal_credit: false,
        };
        let statement = [evidence(quarter_ago, EvidenceKind::RentStatement)];
        assert!(matches!(
            status_of(
                &checklist(&statement, &in_time),
                Requirement::QuarterlyStatements
            ),
            ChecklistStatus::Met { .. }
        ));
        let a_day_more = ProtocolContext {
            as_at: as_at + Days::new(1),
            ..in_time
        };
        assert!(matches!(
            status_of(&checklist(&statement, &a_day_more), Requirement::QuarterlyStatements),
            ChecklistStatus::Missing { advice } if advice.contains("92 days")
        ));
    }
}
