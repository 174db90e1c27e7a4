//! The presenting officer's court file for one account, read side: which notice and grounds
//! the law allows today, the notices and their life, the pre-action protocol checklist from the
//! account's evidence, the claim's figures at an issue date, and what happened at court.
//!
//! Every figure is the ledger's (`domain::claim`), every date and threshold the legal rule
//! set's (`domain::legal`); this module only gathers the records and words the answers.

use chrono::NaiveDate;
use doorstep_api::{
    ApiError, ApplicationView, ChecklistItemView, ChoiceView, ClaimView, CourtFileView,
    DiaryCodeView, GroundView, HearingOutcomeView, NoticeView, ServiceView, WarrantRequestView,
};
use doorstep_documents::long_date;
use doorstep_domain::authority::{
    contentious_step_warnings, ContentiousStep, PersonAuthority, RepresentativeKind,
};
use doorstep_domain::claim::{arrears_schedule, first_date_of_default, ArrearsSchedule};
use doorstep_domain::court::HearingOutcome;
use doorstep_domain::ledger::Entry;
use doorstep_domain::legal::{
    self, check_grounds, court_fee, ArrearsFacts, CourtFeeKind, GroundCode, LegalSettings, RuleSet,
    ServiceMethod, TenancyPeriods,
};
use doorstep_domain::money::{format_money, money_from_pence};
use doorstep_domain::protocol::{
    checklist, ChecklistStatus, Evidence, EvidenceKind, ProtocolContext,
};
use doorstep_domain::rent_schedule::{daily_rate, RentFrequency};
use doorstep_domain::tenancy::{PersonRole, Tenure};
use doorstep_store::{
    AccountRecord, ArrangementRecord, ClaimRecord, CourtApplicationRecord, DiaryRecord,
    HearingOutcomeRecord, HoldKind, HoldRecord, NoticeWithService, Store, WarrantRequestRecord,
};
use rust_decimal::Decimal;

use crate::account_page::diary_label;
use crate::errors::api_error;
use crate::work::capitalise;

/// Diary codes, and what each shows for the pre-action protocol.
const EVIDENCE_CODES: &[(&str, EvidenceKind)] = &[
    ("phone_call", EvidenceKind::Contact),
    ("home_visit", EvidenceKind::Contact),
    ("email", EvidenceKind::Contact),
    ("text_message", EvidenceKind::Contact),
    ("office_interview", EvidenceKind::Contact),
    ("letter_1", EvidenceKind::Letter),
    ("letter_2", EvidenceKind::Letter),
    ("rent_statement", EvidenceKind::RentStatement),
    ("income_expenditure", EvidenceKind::IncomeExpenditure),
    (
        "arrangement_confirmation",
        EvidenceKind::ArrangementConfirmed,
    ),
    ("money_advice_referral", EvidenceKind::MoneyAdvice),
    ("benefit_advice", EvidenceKind::BenefitHelp),
    ("dwp_deduction_request", EvidenceKind::BenefitDeduction),
    ("managed_payment_request", EvidenceKind::BenefitDeduction),
    ("uc_position", EvidenceKind::BenefitHelp),
    ("dwp_decision", EvidenceKind::BenefitHelp),
    ("dhp_application", EvidenceKind::BenefitHelp),
    ("dhp_decision", EvidenceKind::BenefitHelp),
    (
        "vulnerability_considered",
        EvidenceKind::VulnerabilityConsidered,
    ),
    ("court_warning", EvidenceKind::CourtWarning),
];

/// Evidence lines shown per protocol requirement on screen.
const EVIDENCE_SHOWN_MAX: usize = 3;

/// The diary code of the policy step a served notice records (the default policy's).
pub(crate) const NOTICE_STEP_CODE: &str = "notice";

/// Everything on the court file, read once.
pub(crate) struct CourtRecords {
    pub record: AccountRecord,
    pub entries: Vec<Entry>,
    pub diary: Vec<DiaryRecord>,
    pub notices: Vec<NoticeWithService>,
    pub claims: Vec<ClaimRecord>,
    pub outcomes: Vec<HearingOutcomeRecord>,
    pub warrants: Vec<WarrantRequestRecord>,
    pub applications: Vec<CourtApplicationRecord>,
    pub arrangements: Vec<ArrangementRecord>,
    pub holds: Vec<HoldRecord>,
    /// The tenancy agreement's pages as supplied (scans), in order.
    pub tenancy_agreement: Vec<doorstep_store::TenancyDocumentRecord>,
    pub income_expenditure: Option<doorstep_store::IncomeExpenditureRecord>,
    /// A Universal Credit position is recorded (benefit work), besides any recorded award.
    pub uc_recorded: bool,
    pub true_arrears: Decimal,
    /// Every diary code's label under the policy in force.
    pub labels: Vec<DiaryCodeView>,
    /// The policy's step codes (letters and the like), which the balance chart marks.
    pub policy_steps: Vec<String>,
    /// The people recorded around the account, with their authority and consents.
    pub people: Vec<PersonAuthority>,
    /// Why a notice must wait for a manager's review (a flagged account under a policy that
    /// asks for one); set by the session, which holds the policy and the flags.
    pub manager_review_before_notice: Option<String>,
}

impl CourtRecords {
    pub(crate) async fn read(
        store: &Store,
        record: AccountRecord,
        true_arrears: Decimal,
        labels: Vec<DiaryCodeView>,
        policy_steps: Vec<String>,
    ) -> Result<CourtRecords, ApiError> {
        let id = record.id;
        let only = Some(id);
        Ok(CourtRecords {
            entries: store.entries_for_account(id).await.map_err(api_error)?,
            diary: store.diary_for_account(id).await.map_err(api_error)?,
            notices: store.notices(id).await.map_err(api_error)?,
            claims: store.claims(only).await.map_err(api_error)?,
            outcomes: store.hearing_outcomes(only).await.map_err(api_error)?,
            warrants: store.warrant_requests(only).await.map_err(api_error)?,
            applications: store.court_applications(id).await.map_err(api_error)?,
            arrangements: store.arrangements(only).await.map_err(api_error)?,
            holds: store.latest_holds(only).await.map_err(api_error)?,
            tenancy_agreement: store.tenancy_agreement_pages(id).await.map_err(api_error)?,
            income_expenditure: store
                .latest_income_expenditure(id)
                .await
                .map_err(api_error)?,
            uc_recorded: !store
                .uc_positions(only)
                .await
                .map_err(api_error)?
                .is_empty(),
            people: crate::people::recorded_people(store, id).await?,
            manager_review_before_notice: None,
            record,
            true_arrears,
            labels,
            policy_steps,
        })
    }

    /// A diary code in words ("Phone call"), as the account page shows it.
    pub(crate) fn label(&self, code: &str) -> String {
        diary_label(&self.labels, code)
    }

    /// The tenants a notice must be served on, each separately.
    pub(crate) fn tenants(&self) -> Vec<String> {
        self.record
            .people
            .iter()
            .filter(|person| matches!(person.role, PersonRole::Tenant | PersonRole::JointTenant))
            .map(|person| person.full_name.clone())
            .collect()
    }

    /// Who acts for the tenant and what that means for a contentious step: the recorded
    /// people's authority as evidenced (`domain::authority::contentious_step_warnings`), and
    /// anyone the tenancy record names as deputy, attorney or appointee without evidence
    /// recorded, who must be checked (their authority is unknown, not absent).
    pub(crate) fn representative_warnings(
        &self,
        step: ContentiousStep,
        on: NaiveDate,
    ) -> Vec<String> {
        let mut warnings = contentious_step_warnings(&self.people, step, on);
        let recorded = |name: &str| {
            self.people
                .iter()
                .any(|person| person.name.eq_ignore_ascii_case(name))
        };
        let unrecorded = |role: PersonRole| -> Vec<&str> {
            self.record
                .people
                .iter()
                .filter(|person| person.role == role && !recorded(&person.full_name))
                .map(|person| person.full_name.as_str())
                .collect()
        };
        let before = step.label();
        for name in unrecorded(PersonRole::Deputy) {
            warnings.push(format!(
                "The tenant has a Court of Protection deputy ({name}) on the tenancy record, with no evidence recorded: a deputy needs the Court's authority to conduct possession proceedings ({}); record the Court's order and check it before {before}.",
                doorstep_domain::authority::DEPUTY_LITIGATION_SOURCE
            ));
        }
        let attorneys = unrecorded(PersonRole::Attorney);
        for name in &attorneys {
            warnings.push(format!(
                "The tenant has an attorney ({name}) on the tenancy record, with no evidence recorded: record the registered lasting power of attorney and check what it covers before {before}."
            ));
        }
        let appointees = unrecorded(PersonRole::Appointee);
        let litigation_representative = self.people.iter().any(|person| {
            person.authority.as_ref().is_some_and(|authority| {
                matches!(
                    authority.kind,
                    RepresentativeKind::Deputy | RepresentativeKind::Attorney
                )
            })
        }) || !attorneys.is_empty()
            || !unrecorded(PersonRole::Deputy).is_empty();
        if !appointees.is_empty() && !litigation_representative {
            warnings.push(format!(
                "The tenant has a DWP appointee ({}) on the tenancy record and no deputy or attorney. An appointee has no authority over legal proceedings: consider whether the tenant needs a litigation friend ({}) before {before}.",
                appointees.join(", "),
                doorstep_domain::authority::LITIGATION_FRIEND_SOURCE
            ));
        }
        warnings
    }

    /// The last day of a Breathing Space moratorium in force on `on`.
    pub(crate) fn breathing_space_until(&self, on: NaiveDate) -> Option<NaiveDate> {
        self.holds
            .iter()
            .find(|hold| hold.kind == HoldKind::BreathingSpace && hold.until_on >= on)
            .map(|hold| hold.until_on)
    }

    /// The arrears on a past day are the ledger's balance that day (benefit due then has long
    /// arrived or not); today's are the true arrears.
    pub(crate) fn arrears_facts_on(&self, on: NaiveDate) -> ArrearsFacts {
        let mut facts = self.arrears_facts(on);
        if on < crate::session::today() {
            facts.arrears = doorstep_domain::claim::balance_on(&self.entries, on);
        }
        facts
    }

    pub(crate) fn arrears_facts(&self, on: NaiveDate) -> ArrearsFacts {
        let schedule = &self.record.schedule;
        let rent = schedule
            .components_on(on)
            .map(|components| components.total())
            .unwrap_or_default();
        ArrearsFacts {
            arrears: self.true_arrears,
            rent_per_period: rent,
            frequency: schedule.frequency,
            uc_arrears_to_disregard: Decimal::ZERO,
        }
    }

    pub(crate) fn tenancy_periods(&self) -> TenancyPeriods {
        let start = self
            .record
            .schedule
            .starts_on()
            .unwrap_or(self.record.tenancy_start);
        match self.record.schedule.frequency {
            RentFrequency::Weekly => TenancyPeriods::Weekly {
                a_period_starts_on: start,
            },
            RentFrequency::Fortnightly => TenancyPeriods::Fortnightly {
                a_period_starts_on: start,
            },
            RentFrequency::FourWeekly => TenancyPeriods::FourWeekly {
                a_period_starts_on: start,
            },
            RentFrequency::Monthly => TenancyPeriods::Monthly {
                day_of_month: chrono::Datelike::day(&start),
            },
        }
    }

    /// The evidence on the account, for the protocol checklist and the witness statement.
    pub(crate) fn evidence(&self) -> Vec<Evidence> {
        let mut evidence: Vec<Evidence> = self
            .diary
            .iter()
            .filter_map(|entry| {
                let kind = EVIDENCE_CODES
                    .iter()
                    .find(|(code, _)| *code == entry.code)
                    .map(|(_, kind)| *kind)?;
                Some(Evidence {
                    on: entry.happened_on,
                    kind,
                    description: format!(
                        "Diary: {}{}",
                        self.label(&entry.code),
                        if entry.note.trim().is_empty() {
                            String::new()
                        } else {
                            format!(" — {}", entry.note.trim())
                        }
                    ),
                })
            })
            .collect();
        evidence.extend(self.arrangements.iter().map(|arrangement| {
            let terms = arrangement.arrangement.terms();
            Evidence {
                on: terms.agreed_on,
                kind: EvidenceKind::Arrangement,
                description: format!(
                    "Arrangement: {} {} towards the arrears from {}",
                    format_money(terms.instalment),
                    terms.frequency.label().to_lowercase(),
                    long_date(&terms.first_instalment_on)
                ),
            }
        }));
        evidence.sort_by_key(|item| item.on);
        evidence
    }

    pub(crate) fn protocol(
        &self,
        as_at: NaiveDate,
    ) -> Vec<doorstep_domain::protocol::ChecklistItem> {
        let context = ProtocolContext {
            as_at,
            arrears_since: first_date_of_default(&self.entries, as_at),
            claims_universal_credit: self.uc_recorded
                || self.record.benefit_awards.iter().any(|award| {
                    award.benefit == doorstep_domain::benefits::Benefit::UniversalCredit
                }),
        };
        checklist(&self.evidence(), &context)
    }

    pub(crate) fn schedule(&self, issue_date: NaiveDate) -> ArrearsSchedule {
        arrears_schedule(&self.entries, issue_date)
    }

    pub(crate) fn daily_rate(&self, on: NaiveDate) -> Decimal {
        self.record
            .schedule
            .weekly_equivalent_on(on)
            .map(daily_rate)
            .unwrap_or_default()
    }

    /// The notice a claim issued on `issue_date` relies on: the newest one fully served and
    /// usable that day.
    pub(crate) fn usable_notice(&self, issue_date: NaiveDate) -> Option<&NoticeWithService> {
        let tenants = self.tenants();
        self.notices.iter().find(|notice| {
            unserved(notice, &tenants).is_empty()
                && notice.notice.proceedings_from <= issue_date
                && issue_date <= notice.notice.expires_on
        })
    }

    /// What to check before serving a notice: whose authority (a deputy without the Court's,
    /// an appointee alone) and a manager's review the policy requires for a flagged account.
    pub(crate) fn notice_warnings(&self, today: NaiveDate) -> Vec<String> {
        let mut warnings = self.representative_warnings(ContentiousStep::Notice, today);
        if let Some(words) = &self.manager_review_before_notice {
            warnings.push(format!(
                "{words}: record the manager's review before drafting."
            ));
        }
        warnings
    }

    /// Everything that should stop the officer before issuing, in words.
    pub(crate) fn claim_warnings(&self, issue_date: NaiveDate) -> Vec<String> {
        let mut warnings = Vec::new();
        let schedule = self.schedule(issue_date);
        if schedule.closing_balance <= Decimal::ZERO {
            warnings.push(format!(
                "The account is not in arrears on {}: there is nothing to claim.",
                long_date(&issue_date)
            ));
        }
        if let Some(until) = self.breathing_space_until(issue_date) {
            warnings.push(format!(
                "A Breathing Space moratorium is in force until {}: no possession claim on arrears grounds may be issued.",
                long_date(&until)
            ));
        }
        match self.usable_notice(issue_date) {
            None => warnings.push(format!(
                "No notice served on every tenant is usable on {}: serve a notice, or choose an issue date in a notice's life.",
                long_date(&issue_date)
            )),
            Some(notice) => {
                if notice.notice.grounds.iter().any(|code| code == "8") {
                    if let Ok(set) = legal::rule_set(&notice.notice.rule_set_id) {
                        if let Err(refusal) = legal::check_ground_8_at_hearing(
                            set,
                            &self.arrears_facts(issue_date),
                            issue_date,
                        ) {
                            warnings.push(format!(
                                "Ground 8 must be met at service and again at the hearing: {}.",
                                refusal.message
                            ));
                        }
                    }
                }
            }
        }
        warnings.extend(self.representative_warnings(ContentiousStep::Claim, issue_date));
        if self.tenancy_agreement.is_empty() {
            warnings.push(
                "No tenancy agreement is on file: add the agreement as supplied for the bundle."
                    .to_string(),
            );
        }
        for item in self.protocol(issue_date) {
            if let ChecklistStatus::Missing { advice } = &item.status {
                warnings.push(format!(
                    "Pre-action protocol: {} — missing. {advice}.",
                    item.label
                ));
            }
        }
        warnings
    }
}

/// The app's code for a ground ("1", "8") and the domain's ground.
pub(crate) fn ground_code(code: GroundCode) -> &'static str {
    match code {
        GroundCode::Secure1 => "1",
        GroundCode::Assured8 => "8",
        GroundCode::Assured10 => "10",
        GroundCode::Assured11 => "11",
    }
}

pub(crate) fn ground_from_code(tenure: Tenure, code: &str) -> Option<GroundCode> {
    [
        GroundCode::Secure1,
        GroundCode::Assured8,
        GroundCode::Assured10,
        GroundCode::Assured11,
    ]
    .into_iter()
    .find(|ground| ground.tenure() == tenure && ground_code(*ground) == code.trim())
}

pub(crate) fn method_code(method: ServiceMethod) -> &'static str {
    match method {
        ServiceMethod::ByHand => "by_hand",
        ServiceMethod::LeftAtProperty => "left_at_property",
        ServiceMethod::FirstClassPost => "first_class_post",
        ServiceMethod::SecondClassPost => "second_class_post",
    }
}

pub(crate) fn method_label(method: ServiceMethod) -> &'static str {
    match method {
        ServiceMethod::ByHand => "By hand to the tenant",
        ServiceMethod::LeftAtProperty => "Left at the property (letterbox)",
        ServiceMethod::FirstClassPost => "First class post",
        ServiceMethod::SecondClassPost => "Second class post",
    }
}

pub(crate) fn method_from_code(code: &str) -> Option<ServiceMethod> {
    ServiceMethod::ALL
        .into_iter()
        .find(|method| method_code(*method) == code)
}

fn unserved(notice: &NoticeWithService, tenants: &[String]) -> Vec<String> {
    tenants
        .iter()
        .filter(|tenant| {
            !notice
                .services
                .iter()
                .any(|service| &service.person_name == *tenant)
        })
        .cloned()
        .collect()
}

fn notice_view(
    notice: &NoticeWithService,
    tenants: &[String],
    claims: &[ClaimRecord],
    today: NaiveDate,
) -> NoticeView {
    let record = &notice.notice;
    let unserved = unserved(notice, tenants);
    let claim = claims.iter().find(|claim| claim.notice_id == record.id);
    let (state, sentence) = if let Some(claim) = claim {
        (
            "claimed",
            format!(
                "Relied on by claim {} issued on {}",
                claim.claim_number,
                long_date(&claim.issued_on)
            ),
        )
    } else if notice.services.is_empty() {
        (
            "drafted",
            format!(
                "Drafted for service on {}; not yet served on anyone",
                long_date(&record.planned_service_on)
            ),
        )
    } else if !unserved.is_empty() {
        (
            "part_served",
            format!("Not yet served on {}", unserved.join(" and ")),
        )
    } else if today > record.expires_on {
        (
            "expired",
            format!(
                "Expired on {}: proceedings can no longer be begun on it",
                long_date(&record.expires_on)
            ),
        )
    } else if today < record.proceedings_from {
        (
            "served",
            format!(
                "Served; usable from {} until {}",
                long_date(&record.proceedings_from),
                long_date(&record.expires_on)
            ),
        )
    } else {
        (
            "usable",
            format!(
                "Usable from {} until {}",
                long_date(&record.proceedings_from),
                long_date(&record.expires_on)
            ),
        )
    };
    let (title, rule_set) = match legal::rule_set(&record.rule_set_id) {
        Ok(set) => (set.notice_name.clone(), set.citation()),
        Err(error) => (record.kind.clone(), error.to_string()),
    };
    NoticeView {
        notice_id: record.id.to_string(),
        kind: record.kind.clone(),
        title,
        grounds: record.grounds.clone(),
        rule_set,
        arrears: money_from_pence(record.arrears_pence),
        arrears_on: record.arrears_on,
        planned_service_on: record.planned_service_on,
        date_specified: record.date_specified,
        proceedings_from: record.proceedings_from,
        expires_on: record.expires_on,
        services: notice
            .services
            .iter()
            .map(|service| ServiceView {
                person_name: service.person_name.clone(),
                method: service.method.clone(),
                method_label: method_from_code(&service.method)
                    .map(method_label)
                    .unwrap_or("Unknown method")
                    .to_string(),
                served_on: service.served_on,
                served_at: service.served_at,
                served_by: service.served_by.clone(),
                deemed_served_on: service.deemed_served_on,
            })
            .collect(),
        unserved,
        state: state.to_string(),
        sentence,
    }
}

/// The grounds this tenancy could use on a notice served today, each checked.
fn grounds_today(records: &CourtRecords, set: &RuleSet, today: NaiveDate) -> Vec<GroundView> {
    let facts = records.arrears_facts(today);
    set.grounds
        .iter()
        .map(|ground| GroundView {
            code: ground_code(ground.code).to_string(),
            label: ground.label.clone(),
            mandatory: ground.mandatory,
            refused_because: check_grounds(
                set,
                &[ground.code],
                &facts,
                today,
                records.breathing_space_until(today),
            )
            .err()
            .map(|refusals| {
                refusals
                    .into_iter()
                    .map(|refusal| refusal.message)
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
        })
        .collect()
}

pub(crate) fn court_file_view(
    records: &CourtRecords,
    settings: &LegalSettings,
    issue_date: NaiveDate,
    today: NaiveDate,
) -> CourtFileView {
    let tenants = records.tenants();
    let (notice_title, notice_unavailable, grounds) = match legal::rule_set_for(
        records.record.tenure,
        today,
        settings,
    ) {
        Ok(set) => {
            let unavailable = records.breathing_space_until(today).map(|until| {
                    format!(
                        "A Breathing Space moratorium is in force until {}: no arrears notice may be served until it ends.",
                        long_date(&until)
                    )
                });
            (
                Some(set.notice_name.clone()),
                unavailable,
                grounds_today(records, set, today),
            )
        }
        Err(error) => (None, Some(capitalise(&error.to_string())), Vec::new()),
    };
    let schedule = records.schedule(issue_date);
    CourtFileView {
        account_id: records.record.id,
        payment_reference: records.record.payment_reference.clone(),
        tenant_names: tenants.clone(),
        tenure: records.record.tenure.label().to_string(),
        notice_title,
        notice_unavailable,
        grounds,
        service_methods: ServiceMethod::ALL
            .into_iter()
            .map(|method| ChoiceView {
                code: method_code(method).to_string(),
                label: method_label(method).to_string(),
            })
            .collect(),
        notices: records
            .notices
            .iter()
            .map(|notice| notice_view(notice, &tenants, &records.claims, today))
            .collect(),
        issue_date,
        amount_due_at_issue: schedule.closing_balance,
        daily_rate: records.daily_rate(issue_date),
        claim_fee: court_fee(CourtFeeKind::PossessionClaimPaper, issue_date).ok(),
        protocol: records
            .protocol(issue_date)
            .into_iter()
            .map(|item| {
                let (status, details) = match item.status {
                    // The newest few; the chronology in the bundle has them all.
                    ChecklistStatus::Met { evidence } => (
                        "met",
                        evidence
                            .iter()
                            .take(EVIDENCE_SHOWN_MAX)
                            .map(|evidence| {
                                format!("{} — {}", long_date(&evidence.on), evidence.description)
                            })
                            .chain((evidence.len() > EVIDENCE_SHOWN_MAX).then(|| {
                                format!("and {} earlier", evidence.len() - EVIDENCE_SHOWN_MAX)
                            }))
                            .collect(),
                    ),
                    ChecklistStatus::Missing { advice } => ("missing", vec![advice]),
                    ChecklistStatus::NotApplicable { why } => ("not_applicable", vec![why]),
                };
                ChecklistItemView {
                    requirement: crate::work::code_of(&item.requirement),
                    label: item.label,
                    status: status.to_string(),
                    details,
                }
            })
            .collect(),
        claim_warnings: records.claim_warnings(issue_date),
        notice_warnings: records.notice_warnings(today),
        tenancy_agreement: (!records.tenancy_agreement.is_empty()).then(|| {
            let names: Vec<&str> = records
                .tenancy_agreement
                .iter()
                .map(|page| page.file_name.as_str())
                .collect();
            format!("{} file(s): {}", names.len(), names.join(", "))
        }),
        claims: records
            .claims
            .iter()
            .map(|claim| ClaimView {
                claim_id: claim.id.to_string(),
                claim_number: claim.claim_number.clone(),
                court: claim.court.clone(),
                issued_on: claim.issued_on,
                amount_due: money_from_pence(claim.amount_due_pence),
                daily_rate: money_from_pence(claim.daily_rate_pence),
                fee: money_from_pence(claim.fee_pence),
            })
            .collect(),
        outcomes: records
            .outcomes
            .iter()
            .map(|outcome| outcome_view(outcome, &records.arrangements))
            .collect(),
        outcome_choices: HearingOutcome::ALL
            .into_iter()
            .map(|outcome| ChoiceView {
                code: outcome.code().to_string(),
                label: outcome.label().to_string(),
            })
            .collect(),
        warrants: records
            .warrants
            .iter()
            .map(|warrant| WarrantRequestView {
                requested_on: warrant.requested_on,
                breach: warrant.breach.clone(),
                balance: money_from_pence(warrant.balance_pence),
                fee: money_from_pence(warrant.fee_pence),
            })
            .collect(),
        applications: records
            .applications
            .iter()
            .map(|application| ApplicationView {
                application_id: application.id.to_string(),
                applicant: application.applicant.clone(),
                applied_on: application.applied_on,
                purpose: application.purpose.clone(),
                fee_kind: application.fee_kind.clone(),
                hearing_on: application.hearing_on,
                outcome: application.outcome.as_ref().map(|outcome| {
                    let note = if outcome.note.trim().is_empty() {
                        String::new()
                    } else {
                        format!(": {}", outcome.note.trim())
                    };
                    format!(
                        "{} on {}{note}",
                        outcome.outcome,
                        long_date(&outcome.decided_on)
                    )
                }),
            })
            .collect(),
    }
}

/// "£5.00 weekly towards the arrears from 7 December 2026, on top of the rent".
pub(crate) fn terms_words(arrangement: &ArrangementRecord) -> String {
    let terms = arrangement.arrangement.terms();
    format!(
        "Current rent plus {} {} towards the arrears from {}",
        format_money(terms.instalment),
        terms.frequency.label().to_lowercase(),
        long_date(&terms.first_instalment_on)
    )
}

fn outcome_view(
    outcome: &HearingOutcomeRecord,
    arrangements: &[ArrangementRecord],
) -> HearingOutcomeView {
    let terms = outcome.arrangement_id.and_then(|id| {
        arrangements
            .iter()
            .find(|arrangement| arrangement.id == id)
            .map(terms_words)
    });
    HearingOutcomeView {
        hearing_on: outcome.hearing_on,
        outcome: outcome.outcome.clone(),
        outcome_label: HearingOutcome::from_code(&outcome.outcome)
            .map(HearingOutcome::label)
            .unwrap_or("Unknown outcome")
            .to_string(),
        possession_on: outcome.possession_on,
        next_hearing_on: outcome.next_hearing_on,
        terms,
        note: outcome.note.clone(),
    }
}
