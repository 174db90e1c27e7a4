//! The court papers of an account, made from its court file: the notice and certificate of
//! service, N5, N119 with the arrears schedule, the officer's witness statement, N325, the
//! indexed bundle (with progress the UI polls), and the PCOL-shaped claim data.
//!
//! Every figure comes from `CourtRecords` (the ledger through `domain::claim`); the documents
//! crate prints and checks. Nothing is written to the store here: papers are drafts until the
//! officer records the step they belong to.

use std::sync::{Arc, Mutex};

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use doorstep_api::{
    ApiError, BundleProgressView, CourtDocument, ProduceCourtDocumentRequest, ProducedDocument,
};
use doorstep_documents::long_date;
use doorstep_documents::{
    arrears_schedule_pdf, certificate_of_service_pdf, claim_form_pdf, court_bundle_pdf, notice_pdf,
    particulars_of_claim_pdf, warrant_request_pdf, witness_statement_pdf, ArrearsSchedule,
    ArrearsScheduleFigures, Available, CertificateOfService, Chronology, ClaimForm, ClaimHeader,
    CourtBundle, DatedText, IncomeExpenditureSummary, Landlord, LetterSent, MoneyLine, Notice,
    NoticeGround, NoticeKind, NoticeServed, ParticularsOfClaim, ProtocolItem, ProtocolStatus,
    ScheduleRow, ServiceMethod as PaperMethod, ServiceRecord, Signatory, SuppliedDocument,
    WarrantRequest, WitnessStatement, GROUND_10_ASSURED, GROUND_11_ASSURED, GROUND_1_SECURE,
    GROUND_8_ASSURED_BEFORE_RRA_2025,
};
use doorstep_documents::{BalanceChart, ChartStep};
use doorstep_domain::benefits::{Benefit, BenefitPaidTo};
use doorstep_domain::claim::first_date_of_default;
use doorstep_domain::court::HearingOutcome;
use doorstep_domain::income_expenditure::BudgetSection;
use doorstep_domain::legal::{self, RuleSet, ServiceMethod, Threshold};
use doorstep_domain::money::{format_money, money_from_pence};
use doorstep_domain::protocol::{ChecklistStatus, EvidenceKind};
use doorstep_domain::reports::balance_history;
use doorstep_domain::tenancy::Tenure;
use doorstep_store::{ClaimRecord, NoticeWithService};
use rust_decimal::Decimal;

use crate::account_chart::{chart_events, step_kind};
use crate::court_file::{method_from_code, terms_words, CourtRecords};
use crate::court_pcol::{
    PcolClaim, PcolNotice, PcolParty, PcolSchedule, PcolScheduleRow, PcolStep,
};
use crate::documents::{pdf_file_name, refused, write_document};
use crate::income_expenditure::stored_assessment;
use crate::session::{today, unlocked_mut, Session};

/// How the officer signs court papers until head office supplies job titles.
const JOB_TITLE: &str = "Income officer";

/// The bundle being made, shared with `get_bundle_progress` (which must not wait for the
/// session's lock while the bundle holds it).
pub(crate) type BundleProgressCell = Arc<Mutex<BundleProgressView>>;

pub(crate) fn idle_progress() -> BundleProgressView {
    BundleProgressView {
        running: false,
        done: 0,
        total: 0,
        stage: String::new(),
    }
}

fn set_progress(cell: &BundleProgressCell, view: BundleProgressView) {
    // A poisoned lock only means a panic elsewhere mid-update; the figures are still usable.
    let mut guard = cell.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    *guard = view;
}

/// Everything one set of papers needs, worked out once.
struct Papers<'a> {
    records: &'a CourtRecords,
    landlord: Landlord,
    officer: String,
    today: NaiveDate,
    issue_date: NaiveDate,
}

fn paper_method(method: ServiceMethod) -> PaperMethod {
    match method {
        ServiceMethod::ByHand => PaperMethod::ByHand,
        ServiceMethod::LeftAtProperty => PaperMethod::LeftAtProperty,
        ServiceMethod::FirstClassPost => PaperMethod::FirstClassPost,
        ServiceMethod::SecondClassPost => PaperMethod::SecondClassPost,
    }
}

fn tenancy_words(tenure: Tenure) -> &'static str {
    match tenure {
        Tenure::Secure => "a secure tenancy",
        Tenure::Assured => "an assured tenancy",
        Tenure::Starter => "a starter tenancy",
        Tenure::Licence => "a licence",
    }
}

fn statute(tenure: Tenure) -> &'static str {
    match tenure {
        Tenure::Secure => "Schedule 2 to the Housing Act 1985",
        _ => "Schedule 2 to the Housing Act 1988",
    }
}

/// The ground's words as the rule set's law has them.
fn statutory_text(set: &RuleSet, code: &str) -> String {
    match code {
        "1" => GROUND_1_SECURE.to_string(),
        "8" => {
            let raised = set.grounds.iter().any(|ground| {
                matches!(ground.threshold, Threshold::Ground8 { weeks, .. } if weeks >= 13)
            });
            if raised {
                // The Renters' Rights Act 2025 raises the thresholds to 13 weeks / 3 months
                // [check the amended wording against the Act's Schedule 1].
                GROUND_8_ASSURED_BEFORE_RRA_2025
                    .replace("at least eight weeks'", "at least thirteen weeks'")
                    .replace("at least two months'", "at least three months'")
            } else {
                GROUND_8_ASSURED_BEFORE_RRA_2025.to_string()
            }
        }
        "10" => GROUND_10_ASSURED.to_string(),
        _ => GROUND_11_ASSURED.to_string(),
    }
}

impl Papers<'_> {
    fn signatory(&self) -> Signatory {
        Signatory {
            name: self.officer.clone(),
            job_title: JOB_TITLE.to_string(),
        }
    }

    fn record(&self) -> &doorstep_store::AccountRecord {
        &self.records.record
    }

    fn address_lines(&self) -> Vec<String> {
        let record = self.record();
        let mut lines = vec![record.address_line_1.clone()];
        lines.extend(record.address_line_2.clone());
        lines.push(record.town.clone());
        lines
    }

    fn claim(&self) -> Option<&ClaimRecord> {
        self.records.claims.last()
    }

    fn notice(&self) -> Option<&NoticeWithService> {
        self.records
            .usable_notice(self.issue_date)
            .or_else(|| self.records.notices.first())
    }

    fn citation(&self, notice: Option<&NoticeWithService>) -> String {
        let id = notice.map(|notice| notice.notice.rule_set_id.clone());
        let set = match id {
            Some(id) => legal::rule_set(&id).ok(),
            None => legal::rule_set_for(
                self.record().tenure,
                self.issue_date,
                &legal::LegalSettings::default(),
            )
            .ok(),
        };
        set.map(RuleSet::citation)
            .unwrap_or_else(|| "No possession rule set applies to this tenancy".to_string())
    }

    fn header(&self, notice: Option<&NoticeWithService>, issued: bool) -> ClaimHeader {
        let claim = self.claim();
        ClaimHeader {
            court_name: claim.map(|claim| claim.court.clone()),
            claim_number: claim.map(|claim| claim.claim_number.clone()),
            claimant: self.landlord.clone(),
            defendants: self.records.tenants(),
            property_address_lines: self.address_lines(),
            property_postcode: self.record().postcode.clone(),
            tenancy_reference: self.record().tenancy_reference.clone(),
            payment_reference: self.record().payment_reference.clone(),
            issue_date: issued.then_some(self.issue_date),
            rule_set_citation: self.citation(notice),
        }
    }

    fn rent(&self, on: NaiveDate) -> Decimal {
        self.record()
            .schedule
            .components_on(on)
            .map(|components| components.total())
            .unwrap_or_default()
    }

    fn frequency_words(&self) -> String {
        self.record().schedule.frequency.name().to_lowercase()
    }

    fn notice_paper(&self, notice: &NoticeWithService) -> Result<Notice, ApiError> {
        let record = &notice.notice;
        let set =
            legal::rule_set(&record.rule_set_id).map_err(|error| ApiError::DocumentRefused {
                message: error.to_string(),
            })?;
        let arrears = money_from_pence(record.arrears_pence);
        let history = if record.particulars.trim().is_empty() {
            self.history_words(record.arrears_on)
        } else {
            record.particulars.trim().to_string()
        };
        Ok(Notice {
            kind: if record.kind == "nosp" {
                NoticeKind::SecureNoticeOfSeekingPossession
            } else {
                NoticeKind::AssuredForm3
            },
            proceedings_not_before: record.date_specified,
            usable_until: record.expires_on,
            grounds: record
                .grounds
                .iter()
                .map(|code| NoticeGround {
                    code: format!("Ground {code}"),
                    statutory_text: statutory_text(set, code),
                    arrears_as_at: record.arrears_on,
                    arrears,
                    rent: self.rent(record.arrears_on),
                    rent_frequency: self.frequency_words(),
                    history: history.clone(),
                })
                .collect(),
            signatory: self.signatory(),
            // A notice recorded after it was served was signed by the day it was served.
            signed_on: record
                .drafted_at
                .date_naive()
                .min(record.planned_service_on),
        })
    }

    /// "The arrears began on 6 January 2026. Since then £1,300.00 has been charged and £450.00
    /// paid, leaving £850.00 unpaid on 24 November 2026."
    fn history_words(&self, on: NaiveDate) -> String {
        let entries = &self.records.entries;
        match first_date_of_default(entries, on) {
            None => format!("No arrears are owed on {}.", long_date(&on)),
            Some(since) => {
                let (charged, paid) = entries
                    .iter()
                    .filter(|entry| entry.posted_on >= since && entry.posted_on <= on)
                    .fold((Decimal::ZERO, Decimal::ZERO), |(charged, paid), entry| {
                        if entry.amount >= Decimal::ZERO {
                            (charged + entry.amount, paid)
                        } else {
                            (charged, paid - entry.amount)
                        }
                    });
                let owed = doorstep_domain::claim::balance_on(entries, on);
                format!(
                    "The current arrears began on {}. Since then {} has been charged and {} paid, leaving {} unpaid on {}.",
                    long_date(&since),
                    format_money(charged),
                    format_money(paid),
                    format_money(owed),
                    long_date(&on)
                )
            }
        }
    }

    fn certificate(&self, notice: &NoticeWithService) -> Result<CertificateOfService, ApiError> {
        if notice.services.is_empty() {
            return Err(ApiError::DocumentRefused {
                message: "No service of this notice is recorded yet: record service on each tenant first.".into(),
            });
        }
        let title = legal::rule_set(&notice.notice.rule_set_id)
            .map(|set| set.notice_name.clone())
            .unwrap_or_else(|_| "Notice seeking possession".to_string());
        Ok(CertificateOfService {
            document_served: format!(
                "{title} dated {}",
                long_date(&notice.notice.drafted_at.date_naive())
            ),
            records: notice
                .services
                .iter()
                .map(|service| ServiceRecord {
                    person_served: service.person_name.clone(),
                    method: paper_method(
                        method_from_code(&service.method).unwrap_or(ServiceMethod::ByHand),
                    ),
                    served_at: NaiveDateTime::new(
                        service.served_on,
                        service.served_at.unwrap_or(NaiveTime::MIN),
                    ),
                    served_by: service.served_by.clone(),
                    address_lines: {
                        let mut lines = self.address_lines();
                        lines.push(self.record().postcode.clone());
                        lines
                    },
                    deemed_served_on: service.deemed_served_on,
                })
                .collect(),
            signatory: self.signatory(),
            signed_on: self.today,
        })
    }

    /// The ledger as a chart over the schedule's period (from the brought-forward day, so the
    /// line starts at the schedule's first balance), with the steps taken marked.
    fn balance_chart(&self, schedule: &ArrearsSchedule) -> BalanceChart {
        let figures = schedule.figures();
        let records = self.records;
        let events = chart_events(
            &records.policy_steps,
            &records.labels,
            &records.diary,
            &records.arrangements,
        );
        let history = balance_history(
            &records.entries,
            events,
            figures.brought_forward_on,
            figures.period_to,
        );
        BalanceChart {
            from: history.from,
            to: history.to,
            balances: history.balances,
            charges: history.charges,
            payments: history.payments,
            steps: history
                .events
                .into_iter()
                .map(|event| ChartStep {
                    on: event.on,
                    kind: step_kind(event.kind),
                    label: event.label,
                })
                .collect(),
        }
    }

    fn schedule(&self) -> Result<ArrearsSchedule, ApiError> {
        let schedule = self.records.schedule(self.issue_date);
        ArrearsSchedule::new(ArrearsScheduleFigures {
            period_from: schedule.from,
            period_to: schedule.to,
            brought_forward_on: schedule
                .from
                .checked_sub_days(Days::new(1))
                .unwrap_or(schedule.from),
            brought_forward: schedule.brought_forward,
            rows: schedule
                .lines
                .iter()
                .map(|line| ScheduleRow {
                    date: line.date,
                    description: line.description.clone(),
                    debit: line.debit,
                    credit: line.credit,
                    balance: line.balance,
                })
                .collect(),
            closing_balance: schedule.closing_balance,
            certifier: self.signatory(),
            certified_on: self.today,
        })
        .map_err(refused)
    }

    fn fee(&self) -> Result<Decimal, ApiError> {
        legal::court_fee(legal::CourtFeeKind::PossessionClaimPaper, self.issue_date).map_err(
            |error| ApiError::DocumentRefused {
                message: error.to_string(),
            },
        )
    }

    fn claim_form(&self) -> Result<ClaimForm, ApiError> {
        let fee = self.fee()?;
        Ok(ClaimForm {
            includes_dwelling: true,
            court_fee: fee,
            legal_representative_costs: None,
            total: fee,
            signatory: self.signatory(),
            signed_on: self.today,
        })
    }

    /// Steps taken to recover the arrears: letters, contacts, arrangements, notices, orders.
    fn steps_taken(&self) -> Vec<DatedText> {
        let since = first_date_of_default(&self.records.entries, self.issue_date)
            .unwrap_or(self.issue_date);
        let mut steps: Vec<DatedText> = self
            .records
            .evidence()
            .into_iter()
            .filter(|evidence| evidence.on >= since && evidence.on <= self.issue_date)
            .filter(|evidence| evidence.kind != EvidenceKind::Contact)
            .map(|evidence| DatedText {
                date: evidence.on,
                text: evidence.description,
            })
            .collect();
        for notice in &self.records.notices {
            for service in &notice.services {
                steps.push(DatedText {
                    date: service.served_on,
                    text: format!("Notice served on {}", service.person_name),
                });
            }
        }
        for outcome in &self.records.outcomes {
            let terms = outcome.arrangement_id.and_then(|id| {
                self.records
                    .arrangements
                    .iter()
                    .find(|arrangement| arrangement.id == id)
                    .map(terms_words)
            });
            steps.push(DatedText {
                date: outcome.hearing_on,
                text: format!(
                    "Court: {}{}",
                    HearingOutcome::from_code(&outcome.outcome)
                        .map(HearingOutcome::label)
                        .unwrap_or("hearing"),
                    terms.map(|terms| format!(" — {terms}")).unwrap_or_default()
                ),
            });
        }
        steps.sort_by_key(|step| step.date);
        if steps.is_empty() {
            steps.push(DatedText {
                date: self.issue_date,
                text: "No recovery steps are recorded".to_string(),
            });
        }
        steps
    }

    fn benefit_lines(&self) -> Vec<String> {
        self.record()
            .benefit_awards
            .iter()
            .map(|award| {
                let (what, every) = match award.benefit {
                    Benefit::HousingBenefit => ("Housing Benefit", "every 4 weeks"),
                    Benefit::UniversalCredit => ("Universal Credit housing costs", "monthly"),
                };
                let to = match award.paid_to {
                    BenefitPaidTo::Landlord => "paid direct to the landlord",
                    BenefitPaidTo::Tenant => "paid to the tenant",
                };
                format!("{what} of {} {every}, {to}", format_money(award.amount))
            })
            .collect()
    }

    fn circumstances(&self) -> String {
        let assessment = self
            .records
            .income_expenditure
            .as_ref()
            .and_then(stored_assessment);
        match assessment {
            Some(assessment) => format!(
                "An income and expenditure assessment on {} found monthly income of {} and outgoings of {}. {}",
                long_date(&assessment.assessed_on),
                format_money(assessment.income_monthly_total),
                format_money(
                    assessment.income_monthly_total - assessment.disposable_income_monthly
                ),
                assessment.outcome_sentence()
            ),
            None => "No income and expenditure assessment is recorded; nothing further is known of the defendant's circumstances.".to_string(),
        }
    }

    fn particulars(&self) -> Result<ParticularsOfClaim, ApiError> {
        let notice = self.records.usable_notice(self.issue_date).ok_or_else(|| {
            ApiError::DocumentRefused {
                message: format!(
                    "No notice served on every tenant is usable on {}: the particulars must say which notice the claim relies on.",
                    long_date(&self.issue_date)
                ),
            }
        })?;
        let first_service = notice
            .services
            .iter()
            .min_by_key(|service| service.served_on);
        let schedule = self.records.schedule(self.issue_date);
        let record = self.record();
        Ok(ParticularsOfClaim {
            right_to_possession: format!(
                "The property is let to the defendant(s) under {} which began on {}. The claimant seeks possession on ground(s) {} of {}.",
                tenancy_words(record.tenure),
                long_date(&record.tenancy_start),
                notice.notice.grounds.join(", "),
                statute(record.tenure)
            ),
            tenancy_kind: tenancy_words(record.tenure).to_string(),
            tenancy_started_on: record.tenancy_start,
            rent: self.rent(self.issue_date),
            rent_frequency: self.frequency_words(),
            daily_rent: self.records.daily_rate(self.issue_date),
            arrears_at_issue: schedule.closing_balance,
            recovery_steps: self.steps_taken(),
            notice: NoticeServed {
                kind: if notice.notice.kind == "nosp" {
                    NoticeKind::SecureNoticeOfSeekingPossession
                } else {
                    NoticeKind::AssuredForm3
                },
                served_on: first_service.map_or(notice.notice.planned_service_on, |service| {
                    service.served_on
                }),
                method: paper_method(
                    first_service
                        .and_then(|service| method_from_code(&service.method))
                        .unwrap_or(ServiceMethod::ByHand),
                ),
                served_on_whom: notice
                    .services
                    .iter()
                    .map(|service| service.person_name.clone())
                    .collect(),
            },
            benefits: self.benefit_lines(),
            other_circumstances: self.circumstances(),
            costs_claimed: true,
            signatory: self.signatory(),
            signed_on: self.today,
        })
    }

    fn protocol_items(&self) -> Vec<ProtocolItem> {
        self.records
            .protocol(self.issue_date)
            .into_iter()
            .map(|item| {
                let (status, evidence) = match item.status {
                    ChecklistStatus::Met { evidence } => (
                        ProtocolStatus::Met,
                        evidence
                            .iter()
                            .take(3)
                            .map(|evidence| {
                                format!("{}: {}", long_date(&evidence.on), evidence.description)
                            })
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                    ChecklistStatus::Missing { advice } => (ProtocolStatus::Missing, advice),
                    ChecklistStatus::NotApplicable { why } => {
                        (ProtocolStatus::Met, format!("Not applicable: {why}"))
                    }
                };
                ProtocolItem {
                    requirement: item.label,
                    status,
                    evidence,
                }
            })
            .collect()
    }

    fn contacts(&self) -> Vec<DatedText> {
        let since = first_date_of_default(&self.records.entries, self.issue_date)
            .unwrap_or(self.issue_date);
        let mut contacts: Vec<DatedText> = self
            .records
            .diary
            .iter()
            .filter(|entry| entry.happened_on >= since && entry.happened_on <= self.issue_date)
            .map(|entry| DatedText {
                date: entry.happened_on,
                text: if entry.note.trim().is_empty() {
                    self.records.label(&entry.code)
                } else {
                    format!("{}: {}", self.records.label(&entry.code), entry.note.trim())
                },
            })
            .collect();
        contacts.sort_by_key(|contact| contact.date);
        contacts.truncate(doorstep_documents::COURT_LIST_ITEMS_MAX);
        if contacts.is_empty() {
            contacts.push(DatedText {
                date: self.issue_date,
                text: "No contact is recorded since the arrears began".to_string(),
            });
        }
        contacts
    }

    fn witness_statement(&self) -> WitnessStatement {
        let schedule = self.records.schedule(self.issue_date);
        let record = self.record();
        let tenants = self.records.tenants().join(" and ");
        WitnessStatement {
            witness: self.signatory(),
            employer: self.landlord.name.clone(),
            statement_number: 1,
            exhibits: vec![
                "Arrears schedule (tab 4)".to_string(),
                "Notice and certificate of service (tab 3)".to_string(),
                "Chronology and protocol checklist (tab 5)".to_string(),
            ],
            made_on: self.today,
            // The paper already says who the witness is and where the facts come from.
            introduction: "I manage the rent account of the defendant(s) and I am authorised to make this statement on the claimant's behalf.".to_string(),
            tenancy: format!(
                "{tenants} hold(s) {} of {}, {} which began on {}. The rent is now {} {}.",
                tenancy_words(record.tenure),
                record.address_line_1,
                record.postcode,
                long_date(&record.tenancy_start),
                format_money(self.rent(self.issue_date)),
                record.schedule.frequency.per_period()
            ),
            arrears_summary: vec![
                MoneyLine {
                    label: format!("Balance brought forward on {}", long_date(&schedule.from)),
                    amount: schedule.brought_forward,
                },
                MoneyLine {
                    label: "Charged in the schedule period".into(),
                    amount: schedule.total_debits,
                },
                MoneyLine {
                    label: "Paid in the schedule period".into(),
                    amount: schedule.total_credits,
                },
                MoneyLine {
                    label: format!("Arrears on {}", long_date(&self.issue_date)),
                    amount: schedule.closing_balance,
                },
            ],
            arrears_history: self.history_words(self.issue_date),
            contacts: self.contacts(),
            protocol: self.protocol_items(),
            circumstances: format!(
                "{} {}",
                self.circumstances(),
                if self.benefit_lines().is_empty() {
                    "No benefit towards the rent is recorded.".to_string()
                } else {
                    format!("Benefits recorded: {}.", self.benefit_lines().join("; "))
                }
            ),
            orders_sought: format!(
                "The claimant asks for possession of the property, a money judgment for the arrears of {} and a daily occupation charge of {} from the date of issue until possession, and its costs.",
                format_money(schedule.closing_balance),
                format_money(self.records.daily_rate(self.issue_date))
            ),
        }
    }

    fn chronology(&self) -> Chronology {
        Chronology {
            events: self.contacts(),
            protocol: self.protocol_items(),
            prepared_on: self.today,
        }
    }

    fn income_expenditure(&self) -> Available<IncomeExpenditureSummary> {
        let Some(assessment) = self
            .records
            .income_expenditure
            .as_ref()
            .and_then(stored_assessment)
        else {
            return Available::NotAvailable {
                reason: "no income and expenditure assessment is recorded".into(),
            };
        };
        let income: Vec<MoneyLine> = assessment
            .lines
            .iter()
            .filter(|line| line.item.section() == BudgetSection::Income)
            .map(|line| MoneyLine {
                label: line.name.clone(),
                amount: line.amount_monthly,
            })
            .collect();
        let expenditure: Vec<MoneyLine> = assessment
            .lines
            .iter()
            .filter(|line| line.item.section() != BudgetSection::Income)
            .map(|line| MoneyLine {
                label: line.name.clone(),
                amount: line.amount_monthly,
            })
            .chain(
                (!assessment.priority_debt_payments_monthly_total.is_zero()).then(|| MoneyLine {
                    label: "Priority debt payments".into(),
                    amount: assessment.priority_debt_payments_monthly_total,
                }),
            )
            .collect();
        if income.is_empty() || expenditure.is_empty() {
            return Available::NotAvailable {
                reason: "the recorded assessment has no income or no outgoings".into(),
            };
        }
        let income_total: Decimal = income.iter().map(|line| line.amount).sum();
        let expenditure_total: Decimal = expenditure.iter().map(|line| line.amount).sum();
        Available::Supplied(IncomeExpenditureSummary {
            assessed_on: assessment.assessed_on,
            income,
            expenditure,
            income_total,
            expenditure_total,
            surplus: income_total - expenditure_total,
            outcome: assessment.outcome_sentence(),
        })
    }

    fn correspondence(&self) -> Available<Vec<LetterSent>> {
        let letters: Vec<LetterSent> = self
            .records
            .evidence()
            .into_iter()
            .filter(|evidence| {
                matches!(
                    evidence.kind,
                    EvidenceKind::Letter
                        | EvidenceKind::CourtWarning
                        | EvidenceKind::RentStatement
                        | EvidenceKind::ArrangementConfirmed
                ) && evidence.on <= self.issue_date
            })
            .map(|evidence| LetterSent {
                sent_on: evidence.on,
                title: evidence.description.clone(),
                text: format!(
                    "Recorded in the action diary on {}: {}. The copy sent is held on the claimant's file.",
                    long_date(&evidence.on),
                    evidence.description
                ),
            })
            .collect();
        if letters.is_empty() {
            Available::NotAvailable {
                reason: "no letters are recorded".into(),
            }
        } else {
            Available::Supplied(letters)
        }
    }

    fn tenancy_agreement(&self) -> Available<SuppliedDocument> {
        match self.records.tenancy_agreement.first() {
            None => Available::NotAvailable {
                reason: "not supplied: add the agreement's scans on the court file".into(),
            },
            Some(first) => Available::Supplied(SuppliedDocument {
                description: format!(
                    "Tenancy agreement for {}, as supplied ({} file(s))",
                    self.record().address_line_1,
                    self.records.tenancy_agreement.len()
                ),
                media_type: first.media_type.clone(),
                pages: self
                    .records
                    .tenancy_agreement
                    .iter()
                    .map(|page| page.bytes.clone())
                    .collect(),
            }),
        }
    }

    fn bundle(&self) -> Result<CourtBundle, ApiError> {
        let notice = self.records.usable_notice(self.issue_date);
        let particulars = self.particulars();
        let schedule = self.schedule()?;
        let balance_chart = self.balance_chart(&schedule);
        Ok(CourtBundle {
            header: self.header(notice, true),
            prepared_on: self.today,
            claim_form: Available::Supplied(self.claim_form()?),
            particulars: match particulars {
                Ok(particulars) => Available::Supplied(particulars),
                Err(error) => not_available(error.to_string()),
            },
            tenancy_agreement: self.tenancy_agreement(),
            notice: match notice {
                Some(notice) => Available::Supplied(self.notice_paper(notice)?),
                None => not_available(format!(
                    "no notice served on every tenant is usable on {}",
                    long_date(&self.issue_date)
                )),
            },
            certificate_of_service: match notice {
                Some(notice) => Available::Supplied(self.certificate(notice)?),
                None => not_available("no notice has been served".into()),
            },
            arrears_schedule: Available::Supplied(schedule),
            balance_chart: Available::Supplied(balance_chart),
            chronology: Available::Supplied(self.chronology()),
            income_expenditure: self.income_expenditure(),
            witness_statement: Available::Supplied(self.witness_statement()),
            correspondence: self.correspondence(),
        })
    }

    fn pcol(&self) -> PcolClaim {
        let notice = self.records.usable_notice(self.issue_date);
        let schedule = self.records.schedule(self.issue_date);
        let record = self.record();
        PcolClaim {
            rule_set: self.citation(notice),
            claimant: PcolParty {
                name: self.landlord.name.clone(),
                address: self.landlord.address_lines.clone(),
            },
            defendants: self.records.tenants(),
            property_address: self.address_lines(),
            property_postcode: record.postcode.clone(),
            tenancy_reference: record.tenancy_reference.clone(),
            payment_reference: record.payment_reference.clone(),
            tenancy_type: tenancy_words(record.tenure).to_string(),
            tenancy_start_date: record.tenancy_start,
            rent: self.rent(self.issue_date),
            rent_frequency: self.frequency_words(),
            daily_rate_of_rent: self.records.daily_rate(self.issue_date),
            issue_date: self.issue_date,
            amount_due_at_issue: schedule.closing_balance,
            court_fee: self.fee().ok(),
            grounds: notice.map_or_else(Vec::new, |notice| notice.notice.grounds.clone()),
            notice: notice.map(|notice| {
                let first = notice
                    .services
                    .iter()
                    .min_by_key(|service| service.served_on);
                PcolNotice {
                    notice_type: notice.notice.kind.clone(),
                    served_on: first.map_or(notice.notice.planned_service_on, |service| {
                        service.served_on
                    }),
                    method: first.map_or_else(String::new, |service| service.method.clone()),
                    date_specified: notice.notice.date_specified,
                    expires_on: notice.notice.expires_on,
                }
            }),
            steps_taken: self
                .steps_taken()
                .into_iter()
                .map(|step| PcolStep {
                    date: step.date,
                    step: step.text,
                })
                .collect(),
            benefits: self.benefit_lines(),
            defendant_circumstances: self.circumstances(),
            arrears_schedule: PcolSchedule {
                from: schedule.from,
                to: schedule.to,
                brought_forward: schedule.brought_forward,
                rows: schedule
                    .lines
                    .iter()
                    .map(|line| PcolScheduleRow {
                        date: line.date,
                        description: line.description.clone(),
                        debit: line.debit,
                        credit: line.credit,
                        balance: line.balance,
                    })
                    .collect(),
                closing_balance: schedule.closing_balance,
            },
            protocol_missing: self
                .records
                .protocol(self.issue_date)
                .into_iter()
                .filter(|item| item.is_missing())
                .map(|item| item.label)
                .collect(),
        }
    }
}

fn not_available<T>(reason: String) -> Available<T> {
    Available::NotAvailable { reason }
}

fn find_notice<'a>(
    records: &'a CourtRecords,
    notice_id: &str,
) -> Result<&'a NoticeWithService, ApiError> {
    records
        .notices
        .iter()
        .find(|notice| notice.notice.id.to_string() == notice_id.trim())
        .ok_or_else(|| crate::work::invalid("notice_id", "That notice is not on this account."))
}

impl Session {
    /// Where the bundle being produced has got to.
    pub fn bundle_progress(&self) -> BundleProgressView {
        self.bundle_progress
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// A court document's PDF, for the CLI and for `produce_court_document`.
    pub async fn court_document_pdf(
        &self,
        account_id: i64,
        document: &CourtDocument,
        issue_date: Option<NaiveDate>,
    ) -> Result<(String, Vec<u8>), ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let records = Self::court_records(open, account_id).await?;
        drop(state);
        let today = today();
        let papers = Papers {
            records: &records,
            landlord: Landlord::demo(),
            officer: self.config().officer_name.clone(),
            today,
            issue_date: issue_date.unwrap_or(today),
        };
        let reference = records.record.payment_reference.clone();
        let (what, pdf) = match document {
            CourtDocument::Notice { notice_id } => {
                let notice = find_notice(&records, notice_id)?;
                let paper = papers.notice_paper(notice)?;
                (
                    "notice",
                    notice_pdf(&papers.header(Some(notice), false), &paper).map_err(refused)?,
                )
            }
            CourtDocument::CertificateOfService { notice_id } => {
                let notice = find_notice(&records, notice_id)?;
                let certificate = papers.certificate(notice)?;
                (
                    "certificate-of-service",
                    certificate_of_service_pdf(&papers.header(Some(notice), false), &certificate)
                        .map_err(refused)?,
                )
            }
            CourtDocument::ClaimForm => (
                "claim-form-n5",
                claim_form_pdf(&papers.header(papers.notice(), true), &papers.claim_form()?)
                    .map_err(refused)?,
            ),
            CourtDocument::ParticularsOfClaim => (
                "particulars-n119",
                particulars_of_claim_pdf(
                    &papers.header(papers.notice(), true),
                    &papers.particulars()?,
                    &papers.schedule()?,
                )
                .map_err(refused)?,
            ),
            CourtDocument::ArrearsSchedule => (
                "arrears-schedule",
                arrears_schedule_pdf(&papers.header(papers.notice(), true), &papers.schedule()?)
                    .map_err(refused)?,
            ),
            CourtDocument::WitnessStatement => (
                "witness-statement",
                witness_statement_pdf(
                    &papers.header(papers.notice(), true),
                    &papers.witness_statement(),
                )
                .map_err(refused)?,
            ),
            CourtDocument::WarrantRequest { claim_id } => {
                let claim = records
                    .claims
                    .iter()
                    .find(|claim| claim.id.to_string() == claim_id.trim())
                    .ok_or_else(|| {
                        crate::work::invalid("claim_id", "That claim is not on this account.")
                    })?;
                let warrant = records
                    .warrants
                    .iter()
                    .rev()
                    .find(|warrant| warrant.claim_id == claim.id)
                    .ok_or_else(|| ApiError::DocumentRefused {
                        message: "Record the warrant request (how the order was breached) first."
                            .into(),
                    })?;
                let order = records
                    .outcomes
                    .iter()
                    .rev()
                    .find(|outcome| outcome.claim_id == claim.id)
                    .ok_or_else(|| ApiError::DocumentRefused {
                        message: "No hearing outcome is recorded for this claim.".into(),
                    })?;
                let terms = order
                    .arrangement_id
                    .and_then(|id| records.arrangements.iter().find(|a| a.id == id))
                    .map(terms_words)
                    .or_else(|| {
                        order
                            .possession_on
                            .map(|on| format!("Possession to be given on {}", long_date(&on)))
                    })
                    .unwrap_or_else(|| {
                        HearingOutcome::from_code(&order.outcome)
                            .map(HearingOutcome::label)
                            .unwrap_or("Possession order")
                            .to_string()
                    });
                let balance = money_from_pence(warrant.balance_pence);
                (
                    "warrant-request-n325",
                    warrant_request_pdf(
                        &papers.header(papers.notice(), true),
                        &WarrantRequest {
                            order_made_on: order.hearing_on,
                            order_terms: terms,
                            breach: warrant.breach.clone(),
                            balance_now: balance,
                            judgment_outstanding: balance.max(Decimal::ZERO),
                            warrant_fee: money_from_pence(warrant.fee_pence),
                            signatory: papers.signatory(),
                            signed_on: warrant.requested_on,
                        },
                    )
                    .map_err(refused)?,
                )
            }
            CourtDocument::Bundle => {
                let bundle = papers.bundle()?;
                let cell = Arc::clone(&self.bundle_progress);
                set_progress(
                    &cell,
                    BundleProgressView {
                        running: true,
                        done: 0,
                        total: 10,
                        stage: "Gathering the papers".into(),
                    },
                );
                let made = tokio::task::spawn_blocking(move || {
                    court_bundle_pdf(&bundle, &mut |progress| {
                        set_progress(
                            &cell,
                            BundleProgressView {
                                running: true,
                                done: u32::try_from(progress.done).unwrap_or(u32::MAX),
                                total: u32::try_from(progress.total).unwrap_or(u32::MAX),
                                stage: progress.stage,
                            },
                        );
                    })
                })
                .await;
                set_progress(&self.bundle_progress, idle_progress());
                let pdf = made
                    .map_err(|_| ApiError::DocumentRefused {
                        message: "The bundle could not be made; try again.".into(),
                    })?
                    .map_err(refused)?;
                ("court-bundle", pdf)
            }
        };
        Ok((pdf_file_name(&reference, what, papers.issue_date), pdf))
    }

    pub async fn produce_court_document(
        &self,
        request: &ProduceCourtDocumentRequest,
    ) -> Result<ProducedDocument, ApiError> {
        let (name, pdf) = self
            .court_document_pdf(request.account_id, &request.document, request.issue_date)
            .await?;
        write_document(&self.config().documents_dir, name, &pdf)
    }

    /// The PCOL-shaped claim data for an issue date.
    pub async fn claim_data(
        &self,
        account_id: i64,
        issue_date: NaiveDate,
    ) -> Result<PcolClaim, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let records = Self::court_records(open, account_id).await?;
        let papers = Papers {
            records: &records,
            landlord: Landlord::demo(),
            officer: self.config().officer_name.clone(),
            today: today(),
            issue_date,
        };
        Ok(papers.pcol())
    }

    /// The account id for a payment reference, for the CLI.
    pub async fn account_id_of(&self, payment_reference: &str) -> Result<i64, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        crate::work::account_id(open, payment_reference)
    }
}
