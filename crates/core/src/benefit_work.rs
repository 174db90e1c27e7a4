//! Benefit work on an account: the Universal Credit position as recorded, whether a managed
//! payment or an arrears deduction may be asked for (`domain::universal_credit`), the requests to
//! the DWP and their decisions, and Discretionary Housing Payments.
//!
//! An approved managed payment or deduction changes what the landlord expects to be credited,
//! so `effective_awards` feeds the true-arrears figure: technical arrears from Universal Credit
//! timing are not chased. Every step is one command with its diary note, which the pre-action
//! protocol counts as evidence (`court_file::EVIDENCE_CODES`).

use chrono::{Datelike, Months, NaiveDate, Utc};
use doorstep_api::{
    ApiError, BenefitRequestView, BenefitsView, ChoiceView, DeductionRangeView, DhpApplicationView,
    EligibilityView, GetBenefitsRequest, RecordBenefitDecisionRequest, RecordBenefitRequestRequest,
    RecordDhpApplicationRequest, RecordDhpDecisionRequest, RecordUcPositionRequest, UcPositionView,
};
use doorstep_documents::long_date;
use doorstep_domain::benefits::{Benefit, BenefitAward, BenefitPaidTo};
use doorstep_domain::ledger::{Entry, EntryKind};
use doorstep_domain::money::{format_money, money_from_pence, money_to_pence, round_money};
use doorstep_domain::rent_schedule::{convert, RentFrequency};
use doorstep_domain::universal_credit::{
    arrears_deduction_range, eligibility, expected_deduction, housing_costs_shortfall, Household,
    MonthPaid, RequestKind,
};
use doorstep_store::{
    AccountRecord, BenefitDecisionRecord, BenefitRequestRecord, BenefitRow, DhpApplicationRecord,
    DhpDecisionRecord, FieldRow, Store, UcPositionRecord,
};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::errors::api_error;
use crate::session::{today, unlocked_mut, Session, Unlocked};
use crate::work::{
    capitalise, code_from, code_of, command_id, invalid, not_future, note, record_noted_row,
    short_text,
};

/// Months of history the persistent-underpayment rule looks at (it counts complete months).
const UNDERPAYMENT_MONTHS: u32 = 6;

/// Everything on the benefits screen, read once.
pub(crate) struct BenefitRecords {
    pub record: AccountRecord,
    pub entries: Vec<Entry>,
    pub true_arrears: Decimal,
    pub uc: Option<UcPositionRecord>,
    pub requests: Vec<BenefitRequestRecord>,
    pub dhp: Vec<DhpApplicationRecord>,
}

impl BenefitRecords {
    async fn read(
        store: &Store,
        record: AccountRecord,
        true_arrears: Decimal,
    ) -> Result<BenefitRecords, ApiError> {
        let id = record.id;
        Ok(BenefitRecords {
            entries: store.entries_for_account(id).await.map_err(api_error)?,
            uc: store
                .uc_positions(Some(id))
                .await
                .map_err(api_error)?
                .into_iter()
                .next(),
            requests: store.benefit_requests(Some(id)).await.map_err(api_error)?,
            dhp: store.dhp_applications(id).await.map_err(api_error)?,
            record,
            true_arrears,
        })
    }

    fn rent_on(&self, on: NaiveDate) -> Decimal {
        self.record
            .schedule
            .components_on(on)
            .map(|components| components.total())
            .unwrap_or_default()
    }

    /// The last complete calendar months: rent charged and payments received in each.
    fn months_paid(&self, today: NaiveDate) -> Vec<MonthPaid> {
        let this_month = today.with_day(1).unwrap_or(today);
        (1..=UNDERPAYMENT_MONTHS)
            .rev()
            .filter_map(|back| this_month.checked_sub_months(Months::new(back)))
            .map(|month_starting| {
                let next = month_starting
                    .checked_add_months(Months::new(1))
                    .unwrap_or(month_starting);
                let (due, paid) = self
                    .entries
                    .iter()
                    .filter(|entry| entry.posted_on >= month_starting && entry.posted_on < next)
                    .fold(
                        (Decimal::ZERO, Decimal::ZERO),
                        |(due, paid), entry| match entry.kind {
                            EntryKind::Charge { .. } => (due + entry.amount, paid),
                            EntryKind::Payment { .. } => (due, paid - entry.amount),
                            _ => (due, paid),
                        },
                    );
                MonthPaid {
                    month_starting,
                    due,
                    paid,
                }
            })
            .collect()
    }
}

fn household_code(household: Household) -> String {
    code_of(&household)
}

/// The day in `month`'s month, clamped to its last day (a payment day of 31 in February).
fn day_in_month(month: NaiveDate, day: u32) -> NaiveDate {
    (0..4)
        .find_map(|back| month.with_day(day.saturating_sub(back).max(1)))
        .unwrap_or(month)
}

/// The awards the account's credits are expected from: as recorded, with the Universal Credit
/// position in place of a recorded UC award, paid to the landlord once a managed payment is
/// approved and started, and an approved deduction as a further monthly credit.
pub(crate) fn effective_awards(
    recorded: &[BenefitAward],
    uc: Option<&UcPositionRecord>,
    requests: &[BenefitRequestRecord],
    today: NaiveDate,
) -> Vec<BenefitAward> {
    let started = |kind: &str| {
        requests
            .iter()
            .filter(|request| request.kind == kind)
            .filter_map(|request| request.decision.as_ref())
            .filter(|decision| decision.outcome == "approved")
            .filter(|decision| decision.starts_on.is_some_and(|starts| starts <= today))
            .max_by_key(|decision| decision.decided_on)
    };
    let managed = started("managed_payment");
    let deduction = started("arrears_deduction");
    let mut awards: Vec<BenefitAward> = recorded
        .iter()
        .filter(|award| uc.is_none() || award.benefit != Benefit::UniversalCredit)
        .cloned()
        .collect();
    let payment_on = |day: u32| day_in_month(today.with_day(1).unwrap_or(today), day);
    if let Some(position) = uc {
        let paid_to = if managed.is_some() || position.paid_to == "landlord" {
            BenefitPaidTo::Landlord
        } else {
            BenefitPaidTo::Tenant
        };
        let amount = managed
            .and_then(|decision| decision.amount_pence)
            .unwrap_or(position.housing_element_pence);
        awards.push(BenefitAward {
            benefit: Benefit::UniversalCredit,
            paid_to,
            amount: money_from_pence(amount),
            payment_on: payment_on(position.payment_day),
        });
    } else if managed.is_some() {
        for award in &mut awards {
            if award.benefit == Benefit::UniversalCredit {
                award.paid_to = BenefitPaidTo::Landlord;
            }
        }
    }
    if let Some(decision) = deduction {
        let day = uc.map_or_else(
            || decision.starts_on.map_or(1, |starts| starts.day()),
            |position| position.payment_day,
        );
        if let Some(amount) = decision.amount_pence {
            awards.push(BenefitAward {
                benefit: Benefit::UniversalCredit,
                paid_to: BenefitPaidTo::Landlord,
                amount: money_from_pence(amount),
                payment_on: payment_on(day),
            });
        }
    }
    awards
}

/// The oldest request still awaiting a decision after `follow_up_days`, in words.
pub(crate) fn follow_up_due(
    requests: &[BenefitRequestRecord],
    follow_up_days: u32,
    today: NaiveDate,
) -> Option<String> {
    requests
        .iter()
        .filter(|request| request.decision.is_none())
        .filter(|request| (today - request.requested_on).num_days() > i64::from(follow_up_days))
        .min_by_key(|request| request.requested_on)
        .map(|request| {
            format!(
                "{} requested on {} (reference {}), no decision after {} days",
                kind_label(&request.kind),
                long_date(&request.requested_on),
                request.reference,
                (today - request.requested_on).num_days()
            )
        })
}

fn kind_label(kind: &str) -> &'static str {
    RequestKind::from_code(kind).map_or("Request to the DWP", RequestKind::label)
}

fn request_view(
    request: &BenefitRequestRecord,
    follow_up_days: u32,
    today: NaiveDate,
) -> BenefitRequestView {
    let waited = (today - request.requested_on).num_days();
    let overdue = request.decision.is_none() && waited > i64::from(follow_up_days);
    let (state, sentence) = match &request.decision {
        None if overdue => (
            "awaiting",
            format!("Awaiting a decision for {waited} days: chase the DWP"),
        ),
        None => ("awaiting", format!("Awaiting a decision for {waited} days")),
        Some(decision) => {
            let note = if decision.note.trim().is_empty() {
                String::new()
            } else {
                format!(" — {}", decision.note.trim())
            };
            match (
                decision.outcome.as_str(),
                decision.starts_on,
                decision.amount_pence,
            ) {
                ("approved", Some(starts), Some(amount)) => (
                    "approved",
                    format!(
                        "Approved on {}: {} a month from {}{note}",
                        long_date(&decision.decided_on),
                        format_money(money_from_pence(amount)),
                        long_date(&starts)
                    ),
                ),
                (outcome, ..) => (
                    if outcome == "refused" {
                        "refused"
                    } else {
                        "withdrawn"
                    },
                    format!(
                        "{} on {}{note}",
                        capitalise(outcome).trim_end_matches('.'),
                        long_date(&decision.decided_on)
                    ),
                ),
            }
        }
    };
    BenefitRequestView {
        request_id: request.id.to_string(),
        kind: request.kind.clone(),
        kind_label: kind_label(&request.kind).to_string(),
        requested_on: request.requested_on,
        reference: request.reference.clone(),
        amount_asked: request.amount_asked_pence.map(money_from_pence),
        state: state.to_string(),
        sentence,
        overdue,
    }
}

fn dhp_view(application: &DhpApplicationRecord) -> DhpApplicationView {
    DhpApplicationView {
        application_id: application.id.to_string(),
        council: application.council.clone(),
        amount: money_from_pence(application.amount_pence),
        period_from: application.period_from,
        period_to: application.period_to,
        reason: application.reason.clone(),
        applied_on: application.applied_on,
        decision: application.decision.as_ref().map(|decision| {
            match (
                decision.amount_pence,
                decision.period_from,
                decision.period_to,
            ) {
                (Some(amount), Some(from), Some(to)) if decision.outcome == "awarded" => format!(
                    "Awarded {} for {} to {} (decided {})",
                    format_money(money_from_pence(amount)),
                    long_date(&from),
                    long_date(&to),
                    long_date(&decision.decided_on)
                ),
                _ => format!("Refused on {}", long_date(&decision.decided_on)),
            }
        }),
    }
}

fn benefits_view(records: &BenefitRecords, follow_up_days: u32, today: NaiveDate) -> BenefitsView {
    let schedule = &records.record.schedule;
    let rent = records.rent_on(today);
    let months = records.months_paid(today);
    let eligibility = [RequestKind::ManagedPayment, RequestKind::ArrearsDeduction]
        .into_iter()
        .map(|kind| {
            let kind_code = code_of(&kind);
            match eligibility(
                kind,
                records.true_arrears,
                rent,
                schedule.frequency,
                &months,
                today,
            ) {
                Ok(found) => EligibilityView {
                    label: kind.label().to_string(),
                    kind: kind_code,
                    eligible: found.eligible,
                    reasons: found.reasons,
                    source: found.source,
                },
                Err(error) => EligibilityView {
                    label: kind.label().to_string(),
                    kind: kind_code,
                    eligible: false,
                    reasons: vec![capitalise(&error.to_string())],
                    source: String::new(),
                },
            }
        })
        .collect();
    let household = records
        .uc
        .as_ref()
        .and_then(|position| code_from::<Household>(&position.household));
    let deduction_range = household.and_then(|household| {
        let range = arrears_deduction_range(household, today).ok()?;
        let asked = records
            .requests
            .iter()
            .rev()
            .find(|request| request.kind == "arrears_deduction")
            .and_then(|request| request.amount_asked_pence)
            .map(money_from_pence);
        let other = records.uc.as_ref().map_or(Decimal::ZERO, |position| {
            money_from_pence(position.other_deductions_pence)
        });
        let expected = expected_deduction(&range, asked, other);
        Some(DeductionRangeView {
            standard_allowance: range.standard_allowance,
            min: range.min,
            max: range.max,
            overall_cap: range.overall_cap,
            expected: expected.amount,
            explanation: expected.explanation,
            source: range.source,
        })
    });
    let rent_monthly = round_money(convert(rent, schedule.frequency, RentFrequency::Monthly));
    let housing_costs_monthly = records
        .uc
        .as_ref()
        .map(|position| money_from_pence(position.housing_element_pence))
        .or_else(|| {
            records
                .record
                .benefit_awards
                .iter()
                .find(|award| award.benefit == Benefit::HousingBenefit)
                // Housing Benefit is paid 4-weekly: a month is 52 / 12 / 4 of it.
                .map(|award| round_money(award.amount * Decimal::from(13) / Decimal::from(12)))
        });
    let dhp_suggestion = housing_costs_monthly.and_then(|costs| {
        housing_costs_shortfall(rent_monthly, costs).map(|gap| {
            format!(
                "Rent is {} a month and the housing costs benefit pays are {}: a Discretionary Housing Payment could cover the {} gap. Help the tenant apply to the council.",
                format_money(rent_monthly),
                format_money(costs),
                format_money(gap)
            )
        })
    });
    BenefitsView {
        account_id: records.record.id,
        payment_reference: records.record.payment_reference.clone(),
        uc: records.uc.as_ref().map(|position| UcPositionView {
            household: position.household.clone(),
            household_label: household.map_or_else(
                || position.household.clone(),
                |known| known.label().to_string(),
            ),
            assessment_period_day: position.assessment_period_day,
            payment_day: position.payment_day,
            housing_element: money_from_pence(position.housing_element_pence),
            paid_to: position.paid_to.clone(),
            other_deductions: money_from_pence(position.other_deductions_pence),
            recorded_on: position.recorded_on,
        }),
        awards: records
            .record
            .benefit_awards
            .iter()
            .map(|award| {
                format!(
                    "{}: {} each payment, {}",
                    award.benefit.label(),
                    format_money(award.amount),
                    award.paid_to.label().to_lowercase()
                )
            })
            .collect(),
        eligibility,
        deduction_range,
        requests: records
            .requests
            .iter()
            .map(|request| request_view(request, follow_up_days, today))
            .collect(),
        dhp_applications: records.dhp.iter().map(dhp_view).collect(),
        dhp_suggestion,
        households: Household::ALL
            .into_iter()
            .map(|household| ChoiceView {
                code: household_code(household),
                label: household.label().to_string(),
            })
            .collect(),
        follow_up_days,
    }
}

fn pounds(field: &str, amount: Decimal, what: &str) -> Result<i64, ApiError> {
    if amount <= Decimal::ZERO {
        return Err(invalid(
            field,
            format!(
                "{} must be more than £0.00.",
                capitalise(what).trim_end_matches('.')
            ),
        ));
    }
    money_to_pence(amount).map_err(|error| invalid(field, capitalise(&error.to_string())))
}

impl Session {
    async fn benefit_records(open: &Unlocked, account_id: i64) -> Result<BenefitRecords, ApiError> {
        let account =
            open.caseload
                .account_by_id(account_id)
                .ok_or_else(|| ApiError::AccountNotFound {
                    reference: format!("(account {account_id})"),
                })?;
        BenefitRecords::read(
            &open.store,
            account.record.clone(),
            account.state.true_arrears,
        )
        .await
    }

    pub async fn get_benefits(
        &self,
        request: &GetBenefitsRequest,
    ) -> Result<BenefitsView, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let records = Self::benefit_records(open, request.account_id).await?;
        let follow_up = open.caseload.policy().benefit_request_follow_up_days;
        Ok(benefits_view(&records, follow_up, today()))
    }

    /// Writes one benefit command with its diary note, refreshes the account's figures (an
    /// approval changes the expected credits) and answers with the benefits screen.
    async fn write_benefits<F>(
        &self,
        account_id: i64,
        command: Uuid,
        build: F,
    ) -> Result<BenefitsView, ApiError>
    where
        F: FnOnce(
            &BenefitRecords,
            NaiveDate,
        ) -> Result<
            (
                BenefitRow,
                &'static str,
                String,
                &'static str,
                serde_json::Value,
            ),
            ApiError,
        >,
    {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let today = today();
        let records = Self::benefit_records(open, account_id).await?;
        if !open
            .store
            .command_recorded(command)
            .await
            .map_err(api_error)?
        {
            let (row, code, words, kind, payload) = build(&records, today)?;
            record_noted_row(
                open,
                &self.config().officer_name,
                (account_id, &records.record.payment_reference),
                (code, words),
                FieldRow::Benefit(row),
                (command, kind, payload),
            )
            .await?;
        }
        let records = Self::benefit_records(open, account_id).await?;
        let follow_up = open.caseload.policy().benefit_request_follow_up_days;
        Ok(benefits_view(&records, follow_up, today))
    }

    pub async fn record_uc_position(
        &self,
        request: &RecordUcPositionRequest,
    ) -> Result<BenefitsView, ApiError> {
        let id = command_id(&request.command_id)?;
        let household: Household = code_from(&request.household)
            .ok_or_else(|| invalid("household", "Choose the household the claim is for."))?;
        for (field, day) in [
            ("assessment_period_day", request.assessment_period_day),
            ("payment_day", request.payment_day),
        ] {
            if !(1..=31).contains(&day) {
                return Err(invalid(field, "Enter a day of the month from 1 to 31."));
            }
        }
        if !matches!(request.paid_to.as_str(), "tenant" | "landlord") {
            return Err(invalid(
                "paid_to",
                "Choose who the housing element is paid to.",
            ));
        }
        if request.housing_element < Decimal::ZERO {
            return Err(invalid(
                "housing_element",
                "The housing element cannot be negative.",
            ));
        }
        if request.other_deductions < Decimal::ZERO {
            return Err(invalid(
                "other_deductions",
                "Other deductions cannot be negative.",
            ));
        }
        let housing = money_to_pence(request.housing_element)
            .map_err(|error| invalid("housing_element", capitalise(&error.to_string())))?;
        let other = money_to_pence(request.other_deductions)
            .map_err(|error| invalid("other_deductions", capitalise(&error.to_string())))?;
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        self.write_benefits(request.account_id, id, move |records, today| {
            let record = UcPositionRecord {
                id,
                account_id: records.record.id,
                household: household_code(household),
                assessment_period_day: request.assessment_period_day,
                payment_day: request.payment_day,
                housing_element_pence: housing,
                paid_to: request.paid_to.clone(),
                other_deductions_pence: other,
                recorded_on: today,
                recorded_at: Utc::now(),
                officer,
            };
            let words = format!(
                "Universal Credit claim recorded: {}, assessment period from day {}, paid on day {}, housing element {} a month paid to the {}",
                household.label().to_lowercase(),
                request.assessment_period_day,
                request.payment_day,
                format_money(request.housing_element),
                request.paid_to
            );
            Ok((BenefitRow::UcPosition(record), "uc_position", words, "uc_position_recorded", serde_json::json!({
                "position_id": id.to_string(),
                "household": request.household,
                "assessment_period_day": request.assessment_period_day,
                "payment_day": request.payment_day,
                "housing_element": request.housing_element.to_string(),
                "paid_to": request.paid_to,
                "other_deductions": request.other_deductions.to_string(),
            })))
        })
        .await
    }

    pub async fn record_benefit_request(
        &self,
        request: &RecordBenefitRequestRequest,
    ) -> Result<BenefitsView, ApiError> {
        let id = command_id(&request.command_id)?;
        let kind: RequestKind = code_from(&request.kind)
            .ok_or_else(|| invalid("kind", "Choose what was asked of the DWP."))?;
        let reference = short_text("reference", &request.reference, "the DWP's reference")?;
        let note_text = note("note", &request.note)?;
        let asked = request
            .amount_asked
            .map(|amount| pounds("amount_asked", amount, "the amount asked"))
            .transpose()?;
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        self.write_benefits(request.account_id, id, move |records, today| {
            not_future(
                "requested_on",
                request.requested_on,
                "the request date",
                today,
            )?;
            let kind_code = code_of(&kind);
            let record = BenefitRequestRecord {
                id,
                account_id: records.record.id,
                kind: kind_code.clone(),
                requested_on: request.requested_on,
                reference: reference.clone(),
                amount_asked_pence: asked,
                note: note_text.clone(),
                recorded_at: Utc::now(),
                officer,
                decision: None,
            };
            let mut words = format!(
                "{} requested from the DWP on {} (reference {reference})",
                kind.label(),
                long_date(&request.requested_on)
            );
            if let Some(asked) = asked {
                words.push_str(&format!(
                    ", {} a month asked",
                    format_money(money_from_pence(asked))
                ));
            }
            if !note_text.is_empty() {
                words.push_str(&format!(" — {note_text}"));
            }
            let code = match kind {
                RequestKind::ManagedPayment => "managed_payment_request",
                RequestKind::ArrearsDeduction => "dwp_deduction_request",
            };
            Ok((
                BenefitRow::Request(record),
                code,
                words,
                "benefit_request_made",
                serde_json::json!({
                    "request_id": id.to_string(),
                    "kind": kind_code,
                    "requested_on": request.requested_on,
                    "reference": reference,
                    "amount_asked": asked.map(|pence| money_from_pence(pence).to_string()),
                }),
            ))
        })
        .await
    }

    pub async fn record_benefit_decision(
        &self,
        request: &RecordBenefitDecisionRequest,
    ) -> Result<BenefitsView, ApiError> {
        let id = command_id(&request.command_id)?;
        let request_id = Uuid::parse_str(request.request_id.trim())
            .map_err(|_| invalid("request_id", "That request is not on this account."))?;
        if !matches!(
            request.outcome.as_str(),
            "approved" | "refused" | "withdrawn"
        ) {
            return Err(invalid("outcome", "Choose what the DWP decided."));
        }
        let note_text = note("note", &request.note)?;
        let (starts_on, amount) = if request.outcome == "approved" {
            let starts = request.starts_on.ok_or_else(|| {
                invalid(
                    "starts_on",
                    "Enter the date the payments or deductions start.",
                )
            })?;
            let amount = request
                .amount
                .ok_or_else(|| invalid("amount", "Enter the monthly amount approved."))?;
            (
                Some(starts),
                Some(pounds("amount", amount, "the amount approved")?),
            )
        } else {
            (None, None)
        };
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        self.write_benefits(request.account_id, id, move |records, today| {
            not_future("decided_on", request.decided_on, "the decision date", today)?;
            let asked = records
                .requests
                .iter()
                .find(|found| found.id == request_id)
                .ok_or_else(|| invalid("request_id", "That request is not on this account."))?;
            if asked.decision.is_some() {
                return Err(invalid(
                    "request_id",
                    "That request's decision is already recorded.",
                ));
            }
            if request.decided_on < asked.requested_on {
                return Err(invalid(
                    "decided_on",
                    "The decision cannot be before the request.",
                ));
            }
            let record = BenefitDecisionRecord {
                id,
                request_id,
                decided_on: request.decided_on,
                outcome: request.outcome.clone(),
                starts_on,
                amount_pence: amount,
                note: note_text.clone(),
                recorded_at: Utc::now(),
                officer,
            };
            let mut words = format!(
                "DWP decision on the {} request ({}): {}",
                kind_label(&asked.kind).to_lowercase(),
                asked.reference,
                request.outcome
            );
            if let (Some(starts), Some(amount)) = (starts_on, amount) {
                words.push_str(&format!(
                    ", {} a month from {}",
                    format_money(money_from_pence(amount)),
                    long_date(&starts)
                ));
            }
            if !note_text.is_empty() {
                words.push_str(&format!(" — {note_text}"));
            }
            Ok((
                BenefitRow::Decision(record),
                "dwp_decision",
                words,
                "benefit_decision_recorded",
                serde_json::json!({
                    "decision_id": id.to_string(),
                    "request_id": request_id.to_string(),
                    "decided_on": request.decided_on,
                    "outcome": request.outcome,
                    "starts_on": starts_on,
                    "amount": amount.map(|pence| money_from_pence(pence).to_string()),
                }),
            ))
        })
        .await
    }

    pub async fn record_dhp_application(
        &self,
        request: &RecordDhpApplicationRequest,
    ) -> Result<BenefitsView, ApiError> {
        let id = command_id(&request.command_id)?;
        let council = short_text("council", &request.council, "the council")?;
        let reason = note("reason", &request.reason)?;
        if reason.is_empty() {
            return Err(invalid(
                "reason",
                "Say what the payment is for (the shortfall, a move, arrears).",
            ));
        }
        let amount = pounds("amount", request.amount, "the amount asked")?;
        if request.period_to < request.period_from {
            return Err(invalid(
                "period_to",
                "The period cannot end before it starts.",
            ));
        }
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        self.write_benefits(request.account_id, id, move |records, today| {
            not_future("applied_on", request.applied_on, "the application date", today)?;
            let record = DhpApplicationRecord {
                id,
                account_id: records.record.id,
                council: council.clone(),
                amount_pence: amount,
                period_from: request.period_from,
                period_to: request.period_to,
                reason: reason.clone(),
                applied_on: request.applied_on,
                recorded_at: Utc::now(),
                officer,
                decision: None,
            };
            let words = format!(
                "Discretionary Housing Payment application to {council}: {} for {} to {} — {reason}",
                format_money(request.amount),
                long_date(&request.period_from),
                long_date(&request.period_to)
            );
            Ok((BenefitRow::DhpApplication(record), "dhp_application", words, "dhp_application_made", serde_json::json!({
                "application_id": id.to_string(),
                "council": council,
                "amount": request.amount.to_string(),
                "period_from": request.period_from,
                "period_to": request.period_to,
                "applied_on": request.applied_on,
            })))
        })
        .await
    }

    pub async fn record_dhp_decision(
        &self,
        request: &RecordDhpDecisionRequest,
    ) -> Result<BenefitsView, ApiError> {
        let id = command_id(&request.command_id)?;
        let application_id = Uuid::parse_str(request.application_id.trim())
            .map_err(|_| invalid("application_id", "That application is not on this account."))?;
        if !matches!(request.outcome.as_str(), "awarded" | "refused") {
            return Err(invalid("outcome", "Choose what the council decided."));
        }
        let note_text = note("note", &request.note)?;
        let awarded = if request.outcome == "awarded" {
            let amount = request
                .amount
                .ok_or_else(|| invalid("amount", "Enter the amount awarded."))?;
            let from = request
                .period_from
                .ok_or_else(|| invalid("period_from", "Enter the period the award covers."))?;
            let to = request
                .period_to
                .ok_or_else(|| invalid("period_to", "Enter the period the award covers."))?;
            if to < from {
                return Err(invalid(
                    "period_to",
                    "The period cannot end before it starts.",
                ));
            }
            Some((pounds("amount", amount, "the amount awarded")?, from, to))
        } else {
            None
        };
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        self.write_benefits(request.account_id, id, move |records, today| {
            not_future("decided_on", request.decided_on, "the decision date", today)?;
            let application = records
                .dhp
                .iter()
                .find(|found| found.id == application_id)
                .ok_or_else(|| {
                    invalid("application_id", "That application is not on this account.")
                })?;
            if application.decision.is_some() {
                return Err(invalid(
                    "application_id",
                    "That application's decision is already recorded.",
                ));
            }
            let record = DhpDecisionRecord {
                id,
                application_id,
                decided_on: request.decided_on,
                outcome: request.outcome.clone(),
                amount_pence: awarded.map(|(amount, ..)| amount),
                period_from: awarded.map(|(_, from, _)| from),
                period_to: awarded.map(|(.., to)| to),
                note: note_text.clone(),
                recorded_at: Utc::now(),
                officer,
            };
            let words = match awarded {
                Some((amount, from, to)) => format!(
                    "Discretionary Housing Payment awarded by {}: {} for {} to {}",
                    application.council,
                    format_money(money_from_pence(amount)),
                    long_date(&from),
                    long_date(&to)
                ),
                None => format!(
                    "Discretionary Housing Payment refused by {}",
                    application.council
                ),
            };
            Ok((
                BenefitRow::DhpDecision(record),
                "dhp_decision",
                words,
                "dhp_decision_recorded",
                serde_json::json!({
                    "decision_id": id.to_string(),
                    "application_id": application_id.to_string(),
                    "decided_on": request.decided_on,
                    "outcome": request.outcome,
                    "amount": awarded.map(|(amount, ..)| money_from_pence(amount).to_string()),
                }),
            ))
        })
        .await
    }
}
