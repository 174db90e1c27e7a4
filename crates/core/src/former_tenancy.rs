//! Referrals and former tenant arrears: referrals made for the tenant (money advice, financial
//! inclusion, a DHP application) and their outcomes, an open one on the worklist once its
//! follow-up day comes; tracing attempts, which are diary entries under `TRACING_CODE`; and a
//! write-off recommendation checked against its ground's evidence rule
//! (`domain::former_tenancy::check_write_off`) and printed for a manager's approval.

use chrono::{NaiveDate, Utc};
use doorstep_api::{
    ApiError, ChoiceView, FormerTenancyView, GetFormerTenancyRequest, RecommendWriteOffRequest,
    RecordReferralOutcomeRequest, RecordReferralRequest, ReferralView, WriteOffRecommended,
    WriteOffView,
};
use doorstep_documents::{long_date, organisation_letter_pdf, Landlord, OrganisationLetter};
use doorstep_domain::former_tenancy::{
    check_write_off, default_follow_up, Referral, ReferralKind, WriteOffFacts, WriteOffGround,
};
use doorstep_domain::ledger::last_payment_date;
use doorstep_domain::money::{format_money, money_from_pence, money_to_pence};
use doorstep_store::{
    AccountRecord, DiaryRecord, FieldRow, FormerTenancyRow, ReferralOutcomeRecord, ReferralRecord,
    WriteOffRecommendationRecord,
};
use uuid::Uuid;

use crate::documents::{pdf_file_name, write_document};
use crate::errors::api_error;
use crate::session::{today, unlocked_mut, Session, Unlocked};
use crate::work::{
    capitalise, code_from, code_of, command_id, invalid, not_future, note, record_noted_row,
    short_text,
};

/// The diary code a tracing attempt is recorded under.
pub(crate) const TRACING_CODE: &str = "tracing";
/// Tracing lines printed on a recommendation: the evidence, not the whole diary.
const TRACING_PRINTED_MAX: usize = 20;

pub(crate) fn referral_of(record: &ReferralRecord) -> Option<Referral> {
    Some(Referral {
        kind: code_from(&record.kind)?,
        referred_to: record.referred_to.clone(),
        referred_on: record.referred_on,
        follow_up_on: record.follow_up_on,
        closed: record.outcome.is_some(),
    })
}

fn kind_label(code: &str) -> &'static str {
    code_from::<ReferralKind>(code).map_or("Referral", |kind| kind.label())
}

fn ground_label(code: &str) -> &'static str {
    code_from::<WriteOffGround>(code).map_or("Write-off", |ground| ground.label())
}

struct Records {
    record: AccountRecord,
    referrals: Vec<ReferralRecord>,
    tracing: Vec<DiaryRecord>,
    recommendations: Vec<WriteOffRecommendationRecord>,
}

async fn read(open: &Unlocked, account_id: i64) -> Result<Records, ApiError> {
    let record = open
        .caseload
        .account_by_id(account_id)
        .map(|account| account.record.clone())
        .ok_or_else(|| ApiError::AccountNotFound {
            reference: format!("(account {account_id})"),
        })?;
    let mut tracing: Vec<DiaryRecord> = open
        .store
        .diary_for_account(account_id)
        .await
        .map_err(api_error)?
        .into_iter()
        .filter(|line| line.code == TRACING_CODE)
        .collect();
    tracing.sort_by_key(|line| std::cmp::Reverse(line.happened_on));
    Ok(Records {
        referrals: open
            .store
            .referrals(Some(account_id))
            .await
            .map_err(api_error)?,
        recommendations: open
            .store
            .write_off_recommendations(account_id)
            .await
            .map_err(api_error)?,
        tracing,
        record,
    })
}

fn tracing_line(line: &DiaryRecord) -> String {
    format!("{}: {}", long_date(&line.happened_on), line.note)
}

fn view(records: &Records, today: NaiveDate) -> FormerTenancyView {
    FormerTenancyView {
        account_id: records.record.id,
        referrals: records
            .referrals
            .iter()
            .rev()
            .map(|referral| ReferralView {
                referral_id: referral.id.to_string(),
                kind_label: kind_label(&referral.kind).to_string(),
                referred_to: referral.referred_to.clone(),
                referred_on: referral.referred_on,
                follow_up_on: referral.follow_up_on,
                outcome: referral
                    .outcome
                    .as_ref()
                    .map(|(outcome, on)| format!("Closed on {}: {outcome}", long_date(on))),
                due: referral.outcome.is_none() && referral.follow_up_on <= today,
            })
            .collect(),
        tracing: records.tracing.iter().map(tracing_line).collect(),
        recommendations: records
            .recommendations
            .iter()
            .map(|recommendation| WriteOffView {
                ground_label: ground_label(&recommendation.ground).to_string(),
                amount: money_from_pence(recommendation.amount_pence),
                recommended_on: recommendation.recommended_on,
                reason: recommendation.reason.clone(),
            })
            .collect(),
        referral_kinds: ReferralKind::ALL
            .iter()
            .map(|kind| ChoiceView {
                code: code_of(kind),
                label: kind.label().to_string(),
            })
            .collect(),
        grounds: WriteOffGround::ALL
            .iter()
            .map(|ground| ChoiceView {
                code: code_of(ground),
                label: ground.label().to_string(),
            })
            .collect(),
    }
}

impl Session {
    pub async fn get_former_tenancy(
        &self,
        request: &GetFormerTenancyRequest,
    ) -> Result<FormerTenancyView, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let records = read(open, request.account_id).await?;
        Ok(view(&records, today()))
    }

    /// Writes one command's row and diary note, refreshes the account (a referral changes the
    /// worklist) and answers with the view.
    async fn write_former_tenancy(
        &self,
        open: &mut Unlocked,
        records: &Records,
        id: Uuid,
        row: FormerTenancyRow,
        entry: (&str, String),
        command: (&'static str, serde_json::Value),
    ) -> Result<(), ApiError> {
        record_noted_row(
            open,
            &self.config().officer_name,
            (records.record.id, &records.record.payment_reference),
            entry,
            FieldRow::FormerTenancy(row),
            (id, command.0, command.1),
        )
        .await
    }

    pub async fn record_referral(
        &self,
        request: &RecordReferralRequest,
    ) -> Result<FormerTenancyView, ApiError> {
        let id = command_id(&request.command_id)?;
        let kind: ReferralKind = code_from(&request.kind)
            .ok_or_else(|| invalid("kind", "Choose what the referral is for."))?;
        let referred_to = short_text(
            "referred_to",
            &request.referred_to,
            "who the referral went to",
        )?;
        let note_text = note("note", &request.note)?;
        let follow_up_on = request
            .follow_up_on
            .unwrap_or_else(|| default_follow_up(request.referred_on));
        if follow_up_on < request.referred_on {
            return Err(invalid(
                "follow_up_on",
                "The follow-up cannot be before the referral.",
            ));
        }
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        not_future(
            "referred_on",
            request.referred_on,
            "the referral date",
            today(),
        )?;
        let records = read(open, request.account_id).await?;
        if !open.store.command_recorded(id).await.map_err(api_error)? {
            let row = ReferralRecord {
                id,
                account_id: records.record.id,
                kind: code_of(&kind),
                referred_to: referred_to.clone(),
                referred_on: request.referred_on,
                follow_up_on,
                note: note_text.clone(),
                recorded_at: Utc::now(),
                officer: self.config().officer_name.clone(),
                outcome: None,
            };
            // The pre-action protocol counts a money advice referral as evidence under its
            // own code; the others are recorded as referrals.
            let code = match kind {
                ReferralKind::MoneyAdvice => "money_advice_referral",
                ReferralKind::FinancialInclusion | ReferralKind::DiscretionaryHousingPayment => {
                    "referral"
                }
            };
            let mut words = format!(
                "{} referral to {referred_to} on {}, follow up by {}",
                kind.label(),
                long_date(&request.referred_on),
                long_date(&follow_up_on)
            );
            if !note_text.is_empty() {
                words.push_str(&format!(" — {note_text}"));
            }
            self.write_former_tenancy(
                open,
                &records,
                id,
                FormerTenancyRow::Referral(row),
                (code, words),
                (
                    "referral_recorded",
                    serde_json::json!({
                        "referral_id": id.to_string(),
                        "kind": code_of(&kind),
                        "referred_to": referred_to,
                        "referred_on": request.referred_on,
                        "follow_up_on": follow_up_on,
                    }),
                ),
            )
            .await?;
        }
        let records = read(open, request.account_id).await?;
        Ok(view(&records, today()))
    }

    pub async fn record_referral_outcome(
        &self,
        request: &RecordReferralOutcomeRequest,
    ) -> Result<FormerTenancyView, ApiError> {
        let id = command_id(&request.command_id)?;
        let outcome = short_text("outcome", &request.outcome, "what came of the referral")?;
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let records = read(open, request.account_id).await?;
        if !open.store.command_recorded(id).await.map_err(api_error)? {
            let referral = records
                .referrals
                .iter()
                .find(|referral| referral.id.to_string() == request.referral_id.trim())
                .ok_or_else(|| invalid("referral_id", "Choose the referral."))?;
            if referral.outcome.is_some() {
                return Err(invalid(
                    "referral_id",
                    "That referral's outcome is already recorded.",
                ));
            }
            let referral_id = referral.id;
            let words = format!(
                "{} referral to {}: {outcome}",
                kind_label(&referral.kind),
                referral.referred_to
            );
            let row = ReferralOutcomeRecord {
                id,
                referral_id,
                outcome: outcome.clone(),
                recorded_on: today(),
                recorded_at: Utc::now(),
                officer: self.config().officer_name.clone(),
            };
            self.write_former_tenancy(
                open,
                &records,
                id,
                FormerTenancyRow::ReferralOutcome(row),
                ("referral_outcome", words),
                (
                    "referral_outcome_recorded",
                    serde_json::json!({
                        "outcome_id": id.to_string(),
                        "referral_id": referral_id.to_string(),
                        "outcome": outcome,
                    }),
                ),
            )
            .await?;
        }
        let records = read(open, request.account_id).await?;
        Ok(view(&records, today()))
    }

    pub async fn recommend_write_off(
        &self,
        request: &RecommendWriteOffRequest,
    ) -> Result<WriteOffRecommended, ApiError> {
        let id = command_id(&request.command_id)?;
        let ground: WriteOffGround = code_from(&request.ground)
            .ok_or_else(|| invalid("ground", "Choose the ground for the write-off."))?;
        let reason = note("reason", &request.reason)?;
        if reason.is_empty() {
            return Err(invalid("reason", "Say why the debt should be written off."));
        }
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let today = today();
        let records = read(open, request.account_id).await?;
        let balance = open
            .caseload
            .account_by_id(records.record.id)
            .map(|account| account.state.balance)
            .unwrap_or_default();
        let entries = open
            .store
            .entries_for_account(records.record.id)
            .await
            .map_err(api_error)?;
        let facts = WriteOffFacts {
            balance,
            tenancy_ended_on: Some(request.tenancy_ended_on),
            tracing_on: records
                .tracing
                .iter()
                .map(|line| line.happened_on)
                .collect(),
            last_acknowledged_on: last_payment_date(&entries),
        };
        check_write_off(ground, &facts, today)
            .map_err(|reasons| ApiError::LegalRefused { reasons })?;
        let amount_pence = money_to_pence(balance)
            .map_err(|error| invalid("amount", capitalise(&error.to_string())))?;
        let officer = self.config().officer_name.clone();
        let landlord = Landlord::demo();
        let mut paragraphs = vec![
            format!("## Write-off recommendation: {}", ground.label()),
            format!(
                "Former tenant: {}, {}. Rent account {}. The tenancy ended on {}. The balance owed is {}.",
                crate::caseload::tenant_names(&records.record),
                crate::caseload::address(&records.record),
                records.record.payment_reference,
                long_date(&request.tenancy_ended_on),
                format_money(balance)
            ),
            format!(
                "Last payment: {}.",
                facts
                    .last_acknowledged_on
                    .map_or_else(|| "none on record".to_string(), |on| long_date(&on))
            ),
            format!("Reason: {reason}"),
            "## Tracing attempts".to_string(),
        ];
        if records.tracing.is_empty() {
            paragraphs.push("None recorded.".to_string());
        }
        paragraphs.extend(
            records
                .tracing
                .iter()
                .take(TRACING_PRINTED_MAX)
                .map(|line| format!("- {}", tracing_line(line))),
        );
        paragraphs.push("## For approval".to_string());
        paragraphs.push("Approved / not approved (delete as appropriate). Signed: ______________________  Date: ____________".to_string());
        let pdf = organisation_letter_pdf(
            &OrganisationLetter {
                addressee_lines: vec!["Income Manager (for approval)".to_string()],
                our_reference: records.record.payment_reference.clone(),
                officer_name: officer.clone(),
                officer_phone: landlord.phone.clone(),
                paragraphs,
            },
            &landlord,
            today,
        )
        .map_err(|error| ApiError::DocumentRefused {
            message: capitalise(&error.to_string()),
        })?;
        let document = write_document(
            &self.config().documents_dir,
            pdf_file_name(
                &records.record.payment_reference,
                "write-off-recommendation",
                today,
            ),
            &pdf,
        )?;
        if !open.store.command_recorded(id).await.map_err(api_error)? {
            let row = WriteOffRecommendationRecord {
                id,
                account_id: records.record.id,
                ground: code_of(&ground),
                amount_pence,
                tenancy_ended_on: request.tenancy_ended_on,
                reason: reason.clone(),
                recommended_on: today,
                recorded_at: Utc::now(),
                officer,
            };
            let words = format!(
                "Write-off of {} recommended for approval: {} — {reason}",
                format_money(balance),
                ground.label()
            );
            self.write_former_tenancy(
                open,
                &records,
                id,
                FormerTenancyRow::WriteOff(row),
                ("write_off_recommended", words),
                (
                    "write_off_recommended",
                    serde_json::json!({
                        "recommendation_id": id.to_string(),
                        "ground": code_of(&ground),
                        "amount": balance.to_string(),
                        "tenancy_ended_on": request.tenancy_ended_on,
                    }),
                ),
            )
            .await?;
        }
        let records = read(open, request.account_id).await?;
        Ok(WriteOffRecommended {
            former_tenancy: view(&records, today),
            document,
        })
    }
}
