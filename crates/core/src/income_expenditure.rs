//! Income and expenditure on a visit: the form as the officer fills it, assessed by the
//! domain's Standard Financial Statement rules against the spending guidelines in force, with an
//! affordable instalment proposed; stored (append-only) once every flagged category is
//! explained, and printed as the tenant's copy.

use chrono::Utc;
use doorstep_api::{
    AccountDetail, ApiError, GuidelineCheckView, IncomeExpenditureOutcome,
    IncomeExpenditureRequest, IncomeExpenditureView,
};
use doorstep_documents::{long_date, Landlord};
use doorstep_domain::income_expenditure::{
    assess, propose_arrangement, validate_for_saving, Assessment, BudgetLine, CategoryExplanation,
    DebtLine, DebtPriority, Household, IncomeExpenditure, Proposal,
};
use doorstep_domain::money::money_to_pence;
use doorstep_store::{DiaryRecord, FieldRow, FieldWork, IncomeExpenditureRecord};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::account_state::parse_pounds;
use crate::errors::api_error;
use crate::session::{today, unlocked_mut, Session, Unlocked};
use crate::work::{account_id, code_from, code_of, command_id, invalid, no_card_number, outbox};

/// What is stored for an assessment: the form as entered, so it can be assessed again exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct StoredStatement {
    household: Household,
    statement: IncomeExpenditure,
}

fn statement_from(request: &IncomeExpenditureRequest) -> Result<StoredStatement, ApiError> {
    let mut lines = Vec::with_capacity(request.lines.len());
    for line in &request.lines {
        if line.amount.trim().is_empty() {
            continue;
        }
        let field = format!("line:{}", line.item);
        let item = code_from(&line.item).ok_or_else(|| {
            invalid(
                &field,
                format!("\"{}\" is not a line of the statement.", line.item),
            )
        })?;
        let amount = parse_pounds(&line.amount).ok_or_else(|| {
            invalid(
                &field,
                format!(
                    "\"{}\" is not an amount of money; type pounds and pence, like 45.50.",
                    line.amount.trim()
                ),
            )
        })?;
        let frequency = code_from(&line.frequency)
            .ok_or_else(|| invalid(&field, "Choose how often it is paid."))?;
        lines.push(BudgetLine {
            item,
            description: String::new(),
            amount,
            frequency,
        });
    }
    let mut debts = Vec::with_capacity(request.debts.len());
    for (index, debt) in request.debts.iter().enumerate() {
        let creditor = debt.creditor.trim();
        if creditor.is_empty() && debt.payment.trim().is_empty() && debt.owed.trim().is_empty() {
            continue;
        }
        let field = format!("debt:{index}");
        if creditor.is_empty() {
            return Err(invalid(&field, "Name who the debt is owed to."));
        }
        no_card_number(&field, creditor)?;
        let pounds_or_zero = |text: &str| -> Result<Decimal, ApiError> {
            if text.trim().is_empty() {
                return Ok(Decimal::ZERO);
            }
            parse_pounds(text).ok_or_else(|| {
                invalid(
                    &field,
                    format!(
                        "\"{}\" is not an amount of money; type pounds and pence, like 20.00.",
                        text.trim()
                    ),
                )
            })
        };
        debts.push(DebtLine {
            priority: if debt.priority {
                DebtPriority::Priority
            } else {
                DebtPriority::NonPriority
            },
            creditor: creditor.to_string(),
            owed: pounds_or_zero(&debt.owed)?,
            payment: pounds_or_zero(&debt.payment)?,
            frequency: code_from(&debt.frequency)
                .ok_or_else(|| invalid(&field, "Choose how often the debt is paid."))?,
        });
    }
    let mut explanations = Vec::new();
    for explanation in &request.explanations {
        let text = explanation.explanation.trim();
        if text.is_empty() {
            continue;
        }
        let field = format!("explanation:{}", explanation.category);
        no_card_number(&field, text)?;
        let category = code_from(&explanation.category)
            .ok_or_else(|| invalid(&field, "That is not a spending category."))?;
        explanations.push(CategoryExplanation {
            category,
            explanation: text.to_string(),
        });
    }
    Ok(StoredStatement {
        household: Household {
            adults_count: request.adults,
            children_count: request.children,
            vehicles_count: 0,
        },
        statement: IncomeExpenditure {
            lines,
            debts,
            explanations,
        },
    })
}

fn assessment_view(
    assessment: &Assessment,
    proposal: Option<&Proposal>,
    no_proposal: &str,
    assessment_id: Option<Uuid>,
) -> IncomeExpenditureView {
    let guidelines = &assessment.guidelines;
    IncomeExpenditureView {
        income_monthly: assessment.income_monthly_total,
        fixed_costs_monthly: assessment.fixed_costs_monthly_total,
        flexible_costs_monthly: assessment.flexible_costs_monthly_total,
        debt_payments_monthly: assessment.priority_debt_payments_monthly_total
            + assessment.non_priority_debt_payments_monthly_total,
        disposable_monthly: assessment.disposable_income_monthly,
        guideline_checks: assessment
            .flexible_categories
            .iter()
            .map(|comparison| GuidelineCheckView {
                category: code_of(&comparison.category),
                label: comparison.category.label().to_string(),
                monthly: comparison.total_monthly,
                guideline: comparison.guideline_monthly,
                over: comparison.over_guideline,
            })
            .collect(),
        guidelines_source: format!(
            "Spending guidelines in force from {} ({}){}.",
            long_date(&guidelines.effective_from),
            guidelines.source,
            if guidelines.verified {
                ""
            } else {
                "; guideline figures not verified against the published ones"
            }
        ),
        proposed_instalment: proposal.and_then(|proposal| proposal.instalment),
        proposed_frequency: proposal
            .filter(|proposal| proposal.instalment.is_some())
            .map(|proposal| code_of(&proposal.frequency)),
        proposal_explanation: match proposal {
            Some(proposal) => format!("{} {}", assessment.outcome_sentence(), proposal.explanation),
            None => format!("{} {no_proposal}", assessment.outcome_sentence()),
        },
        assessment_id: assessment_id.map(|id| id.to_string()),
    }
}

/// Assesses a stored or submitted statement for an account, with the proposal for its arrears.
fn assess_for(
    open: &Unlocked,
    account_id: i64,
    stored: &StoredStatement,
    on: chrono::NaiveDate,
) -> Result<(Assessment, Option<Proposal>, String), ApiError> {
    let assessment = assess(&stored.statement, &stored.household, on)
        .map_err(|error| invalid("lines", crate::work::capitalise(&error.to_string())))?;
    let account = open
        .caseload
        .account_by_id(account_id)
        .ok_or_else(|| invalid("payment_reference", "That account is not in the caseload."))?;
    let arrears = account.state.balance;
    if arrears <= Decimal::ZERO {
        return Ok((
            assessment,
            None,
            "The account is not in arrears: no arrangement is needed.".into(),
        ));
    }
    let weekly_rent = account.record.schedule.weekly_equivalent_on(on);
    let proposal = propose_arrangement(&assessment, arrears, weekly_rent)
        .map_err(|error| invalid("lines", crate::work::capitalise(&error.to_string())))?;
    Ok((assessment, Some(proposal), String::new()))
}

impl Session {
    /// Works out an income and expenditure statement; with `save`, also stores it (and notes
    /// it in the diary) once every category over its guideline is explained.
    pub async fn assess_income_expenditure(
        &self,
        request: &IncomeExpenditureRequest,
    ) -> Result<IncomeExpenditureOutcome, ApiError> {
        let id = command_id(&request.command_id)?;
        let stored = statement_from(request)?;
        let officer = self.config().officer_name.clone();
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let account_id = account_id(open, &request.payment_reference)?;
        let today = today();
        let (assessment, proposal, no_proposal) = assess_for(open, account_id, &stored, today)?;
        let mut saved_id = None;
        if request.save {
            validate_for_saving(&assessment).map_err(|error| {
                invalid("explanations", crate::work::capitalise(&error.to_string()))
            })?;
            let disposable_pence = money_to_pence(assessment.disposable_income_monthly)
                .map_err(|error| invalid("lines", error.to_string()))?;
            let statement_json =
                serde_json::to_string(&stored).map_err(|error| ApiError::Storage {
                    message: format!("the statement could not be kept: {error}"),
                })?;
            let now = Utc::now();
            let view = assessment_view(&assessment, proposal.as_ref(), &no_proposal, Some(id));
            let payload = serde_json::json!({
                "payment_reference": request.payment_reference.trim(),
                "assessment_id": id.to_string(),
                "assessed_on": today,
                "statement": stored,
                "disposable_monthly": assessment.disposable_income_monthly.to_string(),
                "officer": officer,
            });
            let work = FieldWork {
                diary: Some(DiaryRecord {
                    id,
                    account_id,
                    happened_on: today,
                    recorded_at: now,
                    officer: officer.clone(),
                    code: "income_expenditure".into(),
                    note: view.proposal_explanation.clone(),
                }),
                rows: vec![FieldRow::IncomeExpenditure(IncomeExpenditureRecord {
                    id,
                    account_id,
                    assessed_on: today,
                    recorded_at: now,
                    officer: officer.clone(),
                    statement_json,
                    disposable_pence,
                })],
                ..FieldWork::default()
            };
            open.store
                .record_field_work(
                    account_id,
                    &work,
                    &outbox(id, "income_expenditure_assessed", payload),
                )
                .await
                .map_err(api_error)?;
            open.caseload
                .refresh_account(&open.store, account_id)
                .await
                .map_err(api_error)?;
            saved_id = Some(id);
        }
        let reference = request.payment_reference.trim().to_string();
        let account: AccountDetail = open.account_detail(&reference).await?;
        Ok(IncomeExpenditureOutcome {
            assessment: assessment_view(&assessment, proposal.as_ref(), &no_proposal, saved_id),
            account,
        })
    }
}

/// The account's latest stored assessment, assessed again as it was on its day.
async fn latest(
    open: &Unlocked,
    account_id: i64,
) -> Result<Option<(IncomeExpenditureRecord, StoredStatement)>, ApiError> {
    let Some(record) = open
        .store
        .latest_income_expenditure(account_id)
        .await
        .map_err(api_error)?
    else {
        return Ok(None);
    };
    let stored: StoredStatement =
        serde_json::from_str(&record.statement_json).map_err(|_| ApiError::Storage {
            message: "a stored income and expenditure statement is damaged".into(),
        })?;
    Ok(Some((record, stored)))
}

pub(crate) async fn latest_view(
    open: &Unlocked,
    account_id: i64,
) -> Result<Option<IncomeExpenditureView>, ApiError> {
    let Some((record, stored)) = latest(open, account_id).await? else {
        return Ok(None);
    };
    let (assessment, proposal, no_proposal) =
        assess_for(open, account_id, &stored, record.assessed_on)?;
    Ok(Some(assessment_view(
        &assessment,
        proposal.as_ref(),
        &no_proposal,
        Some(record.id),
    )))
}

/// The tenant's copy of the latest assessment: its file name and the PDF.
pub(crate) async fn tenant_copy(
    open: &Unlocked,
    payment_reference: &str,
    officer: &str,
    landlord: &Landlord,
) -> Result<(String, Vec<u8>), ApiError> {
    let account_id = account_id(open, payment_reference)?;
    let (record, stored) =
        latest(open, account_id)
            .await?
            .ok_or_else(|| ApiError::DocumentRefused {
                message: "No income and expenditure statement has been saved for this account yet."
                    .into(),
            })?;
    let (assessment, _, _) = assess_for(open, account_id, &stored, record.assessed_on)?;
    let account = open
        .caseload
        .account_by_id(account_id)
        .ok_or_else(|| invalid("payment_reference", "That account is not in the caseload."))?;
    let entries = open
        .store
        .entries_for_account(account_id)
        .await
        .map_err(api_error)?;
    let rent_account = crate::documents::rent_account(&account.record, entries);
    let pdf = doorstep_documents::income_expenditure_pdf(
        landlord,
        &rent_account,
        &assessment,
        &stored.statement,
        officer,
        record.assessed_on,
    )
    .map_err(|error| ApiError::DocumentRefused {
        message: error.to_string(),
    })?;
    Ok((
        crate::documents::pdf_file_name(
            payment_reference,
            "income-expenditure",
            record.assessed_on,
        ),
        pdf,
    ))
}

/// A stored assessment worked out again from its statement, exactly as it was made: for the
/// court bundle. None when the stored statement no longer reads (a damaged record).
pub(crate) fn stored_assessment(
    record: &doorstep_store::IncomeExpenditureRecord,
) -> Option<Assessment> {
    let stored: StoredStatement = serde_json::from_str(&record.statement_json).ok()?;
    assess(&stored.statement, &stored.household, record.assessed_on).ok()
}
