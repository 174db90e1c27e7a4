//! The presenting officer's court work, write side: drafting a notice under the rule set in
//! force, recording its service on each tenant, the tenancy agreement as supplied, the claim
//! issued, hearing outcomes (a suspended order's terms become a court-ordered arrangement),
//! warrant requests and N244 applications. Each is one command: its rows, diary note and
//! outbox entry in one transaction (`Store::record_field_work`).

use chrono::{NaiveDate, Utc};
use doorstep_api::{
    AddTenancyAgreementRequest, ApiError, CourtFileView, DraftNoticeRequest, GetCourtFileRequest,
    RecordApplicationOutcomeRequest, RecordApplicationRequest, RecordClaimRequest,
    RecordHearingOutcomeRequest, RecordServiceRequest, RequestWarrantRequest,
};
use doorstep_documents::long_date;
use doorstep_domain::arrangement::{
    Arrangement, ArrangementKind, ArrangementState, ArrangementTerms, InstalmentFrequency,
};
use doorstep_domain::court::HearingOutcome;
use doorstep_domain::flags::manager_review_needed;
use doorstep_domain::legal::{
    self, check_grounds, court_fee, deemed_service, notice_dates, CourtFeeKind,
};
use doorstep_domain::money::{money_to_pence, round_money};
use doorstep_domain::tenancy::Tenure;
use doorstep_store::{
    ArrangementRecord, ArrangementStateRecord, ClaimRecord, CourtApplicationOutcomeRecord,
    CourtApplicationRecord, CourtRow, DiaryRecord, FieldRow, FieldWork, HearingOutcomeRecord,
    HoldKind, HoldRecord, NoticeRecord, NoticeServiceRecord, TenancyDocumentRecord,
    WarrantRequestRecord,
};
use uuid::Uuid;

use crate::account_chart::policy_step_codes;
use crate::account_page::diary_codes;
use crate::court_file::{
    court_file_view, ground_code, ground_from_code, method_code, method_from_code, CourtRecords,
    NOTICE_STEP_CODE,
};
use crate::errors::api_error;
use crate::session::{today, unlocked_mut, Session, Unlocked};
use crate::work::{
    capitalise, code_from, command_id, invalid, not_future, note, record_account_command,
    short_text,
};

/// A tenancy agreement larger than this is a scan at a silly resolution; refused so the store
/// (and every bundle made from it) stays a sensible size.
pub const TENANCY_AGREEMENT_BYTES_MAX: usize = 20 * 1024 * 1024;

/// What a supplied tenancy agreement may be: what the bundle can place as pages.
/// What the bundle can place as pages: a PDF (every page), or scans one image per page.
const TENANCY_AGREEMENT_MEDIA_TYPES: &[&str] = &["application/pdf", "image/jpeg", "image/png"];

/// A notice drafted for a service date this far back is past its life anyway.
const RECORDED_NOTICE_DAYS_MAX: i64 = 365;

fn parse_id(field: &str, text: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(text.trim()).map_err(|_| invalid(field, "That record is not on this account."))
}

fn legal_refused(reasons: Vec<String>) -> ApiError {
    ApiError::LegalRefused { reasons }
}

impl Session {
    /// Reads the account's court records with the caseload's true arrears.
    pub(crate) async fn court_records(
        open: &Unlocked,
        account_id: i64,
    ) -> Result<CourtRecords, ApiError> {
        let account =
            open.caseload
                .account_by_id(account_id)
                .ok_or_else(|| ApiError::AccountNotFound {
                    reference: format!("(account {account_id})"),
                })?;
        let mut records = CourtRecords::read(
            &open.store,
            account.record.clone(),
            account.state.true_arrears,
            diary_codes(open.caseload.policy()),
            policy_step_codes(open.caseload.policy()),
        )
        .await?;
        let situation = &account.state.situation;
        records.manager_review_before_notice = manager_review_needed(
            open.caseload.policy(),
            NOTICE_STEP_CODE,
            &situation.flags,
            situation.last_step.as_ref().map(|step| step.taken_on),
        );
        Ok(records)
    }

    pub async fn get_court_file(
        &self,
        request: &GetCourtFileRequest,
    ) -> Result<CourtFileView, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let records = Self::court_records(open, request.account_id).await?;
        let today = today();
        Ok(court_file_view(
            &records,
            &self.config().legal_settings,
            request.issue_date.unwrap_or(today),
            today,
        ))
    }

    /// Writes one court command for an account, refreshes its worklist figures and answers
    /// with the court file. `build` sees the records as they were before the command.
    async fn write_court<F>(
        &self,
        account_id: i64,
        command: Uuid,
        build: F,
    ) -> Result<CourtFileView, ApiError>
    where
        F: FnOnce(
            &CourtRecords,
            NaiveDate,
        ) -> Result<(FieldWork, &'static str, serde_json::Value), ApiError>,
    {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let today = today();
        let records = Self::court_records(open, account_id).await?;
        if !open
            .store
            .command_recorded(command)
            .await
            .map_err(api_error)?
        {
            let (work, kind, payload) = build(&records, today)?;
            record_account_command(
                open,
                account_id,
                &records.record.payment_reference,
                &self.config().officer_name,
                &work,
                (command, kind, payload),
            )
            .await?;
        }
        let records = Self::court_records(open, account_id).await?;
        Ok(court_file_view(
            &records,
            &self.config().legal_settings,
            today,
            today,
        ))
    }

    fn diary(
        &self,
        id: Uuid,
        account_id: i64,
        happened_on: NaiveDate,
        code: &str,
        note: String,
    ) -> DiaryRecord {
        DiaryRecord {
            id,
            account_id,
            happened_on,
            recorded_at: Utc::now(),
            officer: self.config().officer_name.clone(),
            code: code.to_string(),
            note,
        }
    }

    /// Drafts a notice for service on a planned day by a planned method, under the rule set
    /// that service would fall under; refuses, with every reason, what the law does not allow.
    pub async fn draft_notice(
        &self,
        request: &DraftNoticeRequest,
    ) -> Result<CourtFileView, ApiError> {
        let id = command_id(&request.command_id)?;
        let particulars = note("particulars", &request.particulars)?;
        let method = method_from_code(&request.planned_method)
            .ok_or_else(|| invalid("planned_method", "Choose how the notice will be served."))?;
        let settings = self.config().legal_settings;
        let officer = self.config().officer_name.clone();
        let planned_on = request.planned_service_on;
        let grounds_asked = request.grounds.clone();
        self.write_court(request.account_id, id, move |records, today| {
            // A date in the past records a notice already served from outside Doorstep; its
            // grounds are checked against the ledger as it stood that day.
            if (today - planned_on).num_days() > RECORDED_NOTICE_DAYS_MAX {
                return Err(invalid(
                    "planned_service_on",
                    "That service date is over a year ago: a notice that old can no longer be used.",
                ));
            }
            let tenure = records.record.tenure;
            let deemed = deemed_service(method, planned_on, None)
                .map_err(|error| legal_refused(vec![capitalise(&error.to_string())]))?;
            let set = legal::rule_set_for(tenure, deemed, &settings)
                .map_err(|error| legal_refused(vec![capitalise(&error.to_string())]))?;
            let mut grounds = Vec::new();
            let mut reasons = Vec::new();
            for code in &grounds_asked {
                match ground_from_code(tenure, code) {
                    Some(ground) => grounds.push(ground),
                    None => reasons.push(format!(
                        "Ground {code} is not a rent arrears ground for a {}.",
                        tenure.label().to_lowercase()
                    )),
                }
            }
            if let Err(refusals) = check_grounds(
                set,
                &grounds,
                &records.arrears_facts_on(planned_on.min(today)),
                planned_on,
                records.breathing_space_until(planned_on),
            ) {
                // An unknown code was named above; "choose a ground" would only confuse.
                let named = !grounds_asked.is_empty();
                reasons.extend(
                    refusals
                        .into_iter()
                        .filter(|refusal| {
                            !(named && refusal.reason == legal::RefusalReason::NoGrounds)
                        })
                        .map(|refusal| format!("{}.", refusal.message.trim_end_matches('.'))),
                );
            }
            if records.tenants().is_empty() {
                reasons.push("The account names no tenant to serve.".to_string());
            }
            if let Some(words) = &records.manager_review_before_notice {
                reasons.push(format!(
                    "{words}: record the manager's review in the diary (\"Manager's review before escalation\"), then draft the notice."
                ));
            }
            if !reasons.is_empty() {
                reasons.dedup();
                return Err(legal_refused(reasons));
            }
            let dates = notice_dates(set, deemed, records.tenancy_periods())
                .map_err(|error| legal_refused(vec![capitalise(&error.to_string())]))?;
            let arrears_pence = money_to_pence(records.arrears_facts_on(planned_on.min(today)).arrears)
                .map_err(|error| invalid("arrears", error.to_string()))?;
            let kind = if tenure == Tenure::Secure {
                "nosp"
            } else {
                "form_3"
            };
            let codes: Vec<String> = grounds
                .iter()
                .map(|ground| ground_code(*ground).to_string())
                .collect();
            let record = NoticeRecord {
                id,
                account_id: records.record.id,
                kind: kind.to_string(),
                rule_set_id: set.id.clone(),
                grounds: codes.clone(),
                arrears_pence,
                arrears_on: planned_on.min(today),
                particulars,
                planned_service_on: planned_on,
                planned_method: method_code(method).to_string(),
                date_specified: dates.date_specified,
                proceedings_from: dates.proceedings_from,
                expires_on: dates.expires_on,
                drafted_at: Utc::now(),
                officer,
            };
            let payload = serde_json::json!({
                "notice_id": id.to_string(),
                "kind": kind,
                "rule_set": set.id,
                "grounds": codes,
                "arrears": doorstep_domain::money::money_from_pence(arrears_pence).to_string(),
                "date_specified": dates.date_specified,
                "proceedings_from": dates.proceedings_from,
                "expires_on": dates.expires_on,
            });
            Ok((
                FieldWork {
                    rows: vec![FieldRow::Court(CourtRow::Notice(record))],
                    ..FieldWork::default()
                },
                "notice_drafted",
                payload,
            ))
        })
        .await
    }

    /// Records service of a notice on one tenant. Refuses service the notice's date cannot
    /// stand (served later than planned, so the date written in it is now too early), service
    /// during a Breathing Space, and service twice on the same person.
    pub async fn record_notice_service(
        &self,
        request: &RecordServiceRequest,
    ) -> Result<CourtFileView, ApiError> {
        let id = command_id(&request.command_id)?;
        let notice_id = parse_id("notice_id", &request.notice_id)?;
        let method = method_from_code(&request.method)
            .ok_or_else(|| invalid("method", "Choose how the notice was served."))?;
        let served_by = short_text("served_by", &request.served_by, "who served the notice")?;
        if request.served_at.is_none() {
            return Err(invalid(
                "served_at",
                "Enter the time it was served or posted: the time decides the day it is deemed served, and the certificate of service states it.",
            ));
        }
        let request = request.clone();
        self.write_court(request.account_id, id, move |records, today| {
            not_future("served_on", request.served_on, "the service date", today)?;
            let notice = records
                .notices
                .iter()
                .find(|notice| notice.notice.id == notice_id)
                .ok_or_else(|| invalid("notice_id", "That notice is not on this account."))?;
            let person = request.person_name.trim().to_string();
            if !records.tenants().contains(&person) {
                return Err(invalid("person_name", "Choose a tenant named on the tenancy."));
            }
            if notice.services.iter().any(|service| service.person_name == person) {
                return Err(invalid(
                    "person_name",
                    format!("Service on {person} is already recorded for this notice."),
                ));
            }
            if request.served_on < notice.notice.planned_service_on {
                return Err(invalid(
                    "served_on",
                    format!(
                        "This notice was drafted for service from {}: it cannot have been served earlier.",
                        long_date(&notice.notice.planned_service_on)
                    ),
                ));
            }
            let deemed = deemed_service(method, request.served_on, request.served_at)
                .map_err(|error| legal_refused(vec![capitalise(&error.to_string())]))?;
            if let Some(until) = records.breathing_space_until(request.served_on) {
                return Err(legal_refused(vec![format!(
                    "A Breathing Space moratorium is in force until {}: a notice served now is void. Serve it after the moratorium ends.",
                    long_date(&until)
                )]));
            }
            let set = legal::rule_set(&notice.notice.rule_set_id)
                .map_err(|error| legal_refused(vec![capitalise(&error.to_string())]))?;
            let now_due = notice_dates(set, deemed, records.tenancy_periods());
            match now_due {
                Ok(dates) if dates.date_specified <= notice.notice.date_specified => {}
                Ok(dates) => {
                    return Err(legal_refused(vec![format!(
                        "Served this way on {}, the notice is deemed served on {}, so the date in it ({}) is too early: the earliest lawful date would be {}. Draft a new notice.",
                        long_date(&request.served_on),
                        long_date(&deemed),
                        long_date(&notice.notice.date_specified),
                        long_date(&dates.date_specified)
                    )]))
                }
                Err(error) => {
                    return Err(legal_refused(vec![format!(
                        "This notice was drafted under {} and cannot be served on {}: {}. Draft a new notice.",
                        set.citation(),
                        long_date(&deemed),
                        error
                    )]))
                }
            }
            let first_service = notice.services.is_empty();
            let title = &set.notice_name;
            let words = format!(
                "{title} served on {person}: {} on {}, deemed served {}",
                crate::court_file::method_label(method).to_lowercase(),
                long_date(&request.served_on),
                long_date(&deemed)
            );
            // The first service is the policy's notice step, so the ladder moves on from it.
            let code = if first_service { NOTICE_STEP_CODE } else { "notice_served" };
            let record = NoticeServiceRecord {
                id,
                notice_id,
                person_name: person.clone(),
                method: method_code(method).to_string(),
                served_on: request.served_on,
                served_at: request.served_at,
                served_by,
                deemed_served_on: deemed,
                recorded_at: Utc::now(),
            };
            let payload = serde_json::json!({
                "notice_id": notice_id.to_string(),
                "service_id": id.to_string(),
                "person": person,
                "method": method_code(method),
                "served_on": request.served_on,
                "deemed_served_on": deemed,
            });
            Ok((
                FieldWork {
                    diary: Some(self.diary(id, records.record.id, request.served_on, code, words)),
                    rows: vec![FieldRow::Court(CourtRow::NoticeService(record))],
                    ..FieldWork::default()
                },
                "notice_served",
                payload,
            ))
        })
        .await
    }

    pub async fn add_tenancy_agreement(
        &self,
        request: &AddTenancyAgreementRequest,
    ) -> Result<CourtFileView, ApiError> {
        let id = command_id(&request.command_id)?;
        if request.bytes.is_empty() {
            return Err(invalid("file", "The file is empty."));
        }
        if request.bytes.len() > TENANCY_AGREEMENT_BYTES_MAX {
            return Err(invalid(
                "file",
                format!(
                    "The file is {} MB; at most {} MB can be kept. Scan it at a lower resolution.",
                    request.bytes.len() / (1024 * 1024),
                    TENANCY_AGREEMENT_BYTES_MAX / (1024 * 1024)
                ),
            ));
        }
        let media_type = sniff_media_type(&request.bytes).ok_or_else(|| {
            invalid(
                "file",
                "The tenancy agreement must be a PDF, or JPEG or PNG scans (one file per page).",
            )
        })?;
        if !TENANCY_AGREEMENT_MEDIA_TYPES.contains(&media_type) {
            return Err(invalid(
                "file",
                "The tenancy agreement must be a PDF, or JPEG or PNG scans (one file per page).",
            ));
        }
        let file_name = short_text("file_name", &request.file_name, "the file's name")?;
        let officer = self.config().officer_name.clone();
        let bytes = request.bytes.clone();
        self.write_court(request.account_id, id, move |records, today| {
            if let Some(first) = records.tenancy_agreement.first() {
                if first.media_type != media_type {
                    return Err(invalid(
                        "file",
                        format!(
                            "What is already on file is {}; add the rest in the same format.",
                            match first.media_type.as_str() {
                                "image/png" => "PNG",
                                "image/jpeg" => "JPEG",
                                _ => "PDF",
                            }
                        ),
                    ));
                }
            }
            let record = TenancyDocumentRecord {
                id,
                account_id: records.record.id,
                file_name: file_name.clone(),
                media_type: media_type.to_string(),
                bytes,
                added_at: Utc::now(),
                officer,
            };
            Ok((
                FieldWork {
                    diary: Some(self.diary(
                        id,
                        records.record.id,
                        today,
                        "note",
                        format!("Tenancy agreement added: {file_name}"),
                    )),
                    rows: vec![FieldRow::Court(CourtRow::TenancyDocument(record))],
                    ..FieldWork::default()
                },
                "tenancy_agreement_added",
                serde_json::json!({ "document_id": id.to_string(), "file_name": file_name, "media_type": media_type }),
            ))
        })
        .await
    }

    pub async fn record_claim(
        &self,
        request: &RecordClaimRequest,
    ) -> Result<CourtFileView, ApiError> {
        let id = command_id(&request.command_id)?;
        let notice_id = parse_id("notice_id", &request.notice_id)?;
        let claim_number = short_text("claim_number", &request.claim_number, "the claim number")?;
        let court = short_text("court", &request.court, "the court")?;
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        self.write_court(request.account_id, id, move |records, today| {
            not_future("issued_on", request.issued_on, "the issue date", today)?;
            let usable = records
                .usable_notice(request.issued_on)
                .filter(|notice| notice.notice.id == notice_id)
                .ok_or_else(|| {
                    legal_refused(vec![format!(
                        "That notice was not served on every tenant and usable on {}: a claim issued on it would be struck out.",
                        long_date(&request.issued_on)
                    )])
                })?;
            if let Some(until) = records.breathing_space_until(request.issued_on) {
                return Err(legal_refused(vec![format!(
                    "A Breathing Space moratorium is in force until {}: no possession claim on arrears grounds may be issued.",
                    long_date(&until)
                )]));
            }
            if let Some(hearing) = request.hearing_on {
                if hearing < request.issued_on {
                    return Err(invalid("hearing_on", "The hearing cannot be before the claim was issued."));
                }
            }
            let schedule = records.schedule(request.issued_on);
            let fee = court_fee(CourtFeeKind::PossessionClaimPaper, request.issued_on)
                .map_err(|error| legal_refused(vec![capitalise(&error.to_string())]))?;
            let pence = |amount| money_to_pence(amount).map_err(|error| invalid("amount", error.to_string()));
            let record = ClaimRecord {
                id,
                account_id: records.record.id,
                notice_id: usable.notice.id,
                issued_on: request.issued_on,
                claim_number: claim_number.clone(),
                court: court.clone(),
                amount_due_pence: pence(schedule.closing_balance)?,
                daily_rate_pence: pence(records.daily_rate(request.issued_on))?,
                fee_pence: pence(fee)?,
                recorded_at: Utc::now(),
                officer: officer.clone(),
            };
            let hold = request.hearing_on.map(|hearing| HoldRecord {
                id,
                account_id: records.record.id,
                kind: HoldKind::CourtDate,
                pause_reason: None,
                until_on: hearing,
                recorded_at: Utc::now(),
                officer: officer.clone(),
                note: format!("Possession hearing, claim {claim_number}"),
            });
            Ok((
                FieldWork {
                    diary: Some(self.diary(
                        id,
                        records.record.id,
                        request.issued_on,
                        "claim_issued",
                        format!("Possession claim {claim_number} issued at {court}"),
                    )),
                    hold,
                    rows: vec![FieldRow::Court(CourtRow::Claim(record))],
                    ..FieldWork::default()
                },
                "claim_issued",
                serde_json::json!({
                    "claim_id": id.to_string(),
                    "notice_id": notice_id.to_string(),
                    "claim_number": claim_number,
                    "court": court,
                    "issued_on": request.issued_on,
                    "amount_due": schedule.closing_balance.to_string(),
                    "hearing_on": request.hearing_on,
                }),
            ))
        })
        .await
    }

    /// Records what the court decided. A suspended order's (or an adjournment's) terms become a
    /// court-ordered arrangement, so the worklist checks them like any other; an adjournment to
    /// a date sets the next court date.
    pub async fn record_hearing_outcome(
        &self,
        request: &RecordHearingOutcomeRequest,
    ) -> Result<CourtFileView, ApiError> {
        let id = command_id(&request.command_id)?;
        let claim_id = parse_id("claim_id", &request.claim_id)?;
        let outcome = HearingOutcome::from_code(request.outcome.trim())
            .ok_or_else(|| invalid("outcome", "Choose the outcome of the hearing."))?;
        let note_text = note("note", &request.note)?;
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        self.write_court(request.account_id, id, move |records, today| {
            not_future("hearing_on", request.hearing_on, "the hearing date", today)?;
            let claim = records
                .claims
                .iter()
                .find(|claim| claim.id == claim_id)
                .ok_or_else(|| invalid("claim_id", "That claim is not on this account."))?;
            if request.hearing_on < claim.issued_on {
                return Err(invalid("hearing_on", "The hearing cannot be before the claim was issued."));
            }
            let possession_on = if outcome.needs_possession_date() {
                Some(request.possession_on.ok_or_else(|| {
                    invalid("possession_on", "Enter the date possession is to be given.")
                })?)
            } else {
                None
            };
            let mut rows = Vec::new();
            let arrangement_id = match (&request.terms, outcome.has_payment_terms()) {
                (Some(terms), true) => {
                    let frequency: InstalmentFrequency = code_from(&terms.frequency)
                        .filter(|frequency| *frequency != InstalmentFrequency::OneOff)
                        .ok_or_else(|| invalid("frequency", "Choose how often the instalments are due."))?;
                    let balance = records.schedule(today).closing_balance;
                    let arrangement = Arrangement::new(ArrangementTerms {
                        kind: ArrangementKind::CourtOrdered,
                        frequency,
                        instalment: round_money(terms.instalment),
                        first_instalment_on: terms.first_instalment_on,
                        initial_payment: None,
                        starting_balance: balance,
                        agreed_on: request.hearing_on,
                        tolerance_days: 0,
                    })
                    .map_err(|error| invalid("terms", capitalise(&error.to_string())))?;
                    rows.push(FieldRow::Arrangement(ArrangementRecord {
                        id,
                        account_id: records.record.id,
                        arrangement,
                        officer: officer.clone(),
                        note: format!("Terms of the order of {} ({})", long_date(&request.hearing_on), outcome.label()),
                        states: vec![ArrangementStateRecord {
                            state: ArrangementState::Live,
                            on_date: request.hearing_on,
                            reason: "Ordered by the court".to_string(),
                        }],
                    }));
                    Some(id)
                }
                (None, true) if outcome == HearingOutcome::SuspendedOnTerms => {
                    return Err(invalid(
                        "terms",
                        "Enter the order's terms: the instalment towards the arrears, how often, and from when.",
                    ))
                }
                _ => None,
            };
            // The schema ties an arrangement to SOT only; ADT's terms are kept as the
            // arrangement alone.
            let arrangement_id = arrangement_id.filter(|_| outcome == HearingOutcome::SuspendedOnTerms);
            let record = HearingOutcomeRecord {
                id,
                account_id: records.record.id,
                claim_id,
                hearing_on: request.hearing_on,
                outcome: outcome.code().to_string(),
                possession_on,
                next_hearing_on: request.next_hearing_on,
                arrangement_id,
                note: note_text.clone(),
                recorded_at: Utc::now(),
                officer: officer.clone(),
            };
            rows.push(FieldRow::Court(CourtRow::HearingOutcome(record)));
            let hold = request.next_hearing_on.map(|next| HoldRecord {
                id,
                account_id: records.record.id,
                kind: HoldKind::CourtDate,
                pause_reason: None,
                until_on: next,
                recorded_at: Utc::now(),
                officer: officer.clone(),
                note: format!("Adjourned hearing, claim {}", claim.claim_number),
            });
            let mut words = format!("{} ({})", outcome.label(), outcome.code());
            if let Some(on) = possession_on {
                words.push_str(&format!("; possession on {}", long_date(&on)));
            }
            if !note_text.is_empty() {
                words.push_str(&format!(" — {note_text}"));
            }
            Ok((
                FieldWork {
                    diary: Some(self.diary(id, records.record.id, request.hearing_on, "hearing_outcome", words)),
                    hold,
                    rows,
                    ..FieldWork::default()
                },
                "hearing_outcome_recorded",
                serde_json::json!({
                    "outcome_id": id.to_string(),
                    "claim_id": claim_id.to_string(),
                    "hearing_on": request.hearing_on,
                    "outcome": outcome.code(),
                    "possession_on": possession_on,
                    "next_hearing_on": request.next_hearing_on,
                    "terms": request.terms.as_ref().map(|terms| serde_json::json!({
                        "instalment": terms.instalment.to_string(),
                        "frequency": terms.frequency,
                        "first_instalment_on": terms.first_instalment_on,
                    })),
                }),
            ))
        })
        .await
    }

    pub async fn request_warrant(
        &self,
        request: &RequestWarrantRequest,
    ) -> Result<CourtFileView, ApiError> {
        let id = command_id(&request.command_id)?;
        let claim_id = parse_id("claim_id", &request.claim_id)?;
        let breach = note("breach", &request.breach)?;
        if breach.is_empty() {
            return Err(invalid(
                "breach",
                "Say how the order was breached (or that possession was not given).",
            ));
        }
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        self.write_court(request.account_id, id, move |records, today| {
            not_future("requested_on", request.requested_on, "the request date", today)?;
            if !records.claims.iter().any(|claim| claim.id == claim_id) {
                return Err(invalid("claim_id", "That claim is not on this account."));
            }
            let ordered = records.outcomes.iter().any(|outcome| {
                outcome.claim_id == claim_id
                    && HearingOutcome::from_code(&outcome.outcome).is_some_and(|outcome| {
                        matches!(
                            outcome,
                            HearingOutcome::SuspendedOnTerms
                                | HearingOutcome::OutrightForthwith
                                | HearingOutcome::OutrightWithDate
                        )
                    })
            });
            if !ordered {
                return Err(legal_refused(vec![
                    "A warrant can only be requested once the court has made a possession order on this claim.".to_string(),
                ]));
            }
            if let Some(until) = records.breathing_space_until(request.requested_on) {
                return Err(legal_refused(vec![format!(
                    "A Breathing Space moratorium is in force until {}: no warrant may be enforced.",
                    long_date(&until)
                )]));
            }
            let fee = court_fee(CourtFeeKind::WarrantOfPossession, request.requested_on)
                .map_err(|error| legal_refused(vec![capitalise(&error.to_string())]))?;
            let balance = records.schedule(request.requested_on).closing_balance;
            let pence = |amount| money_to_pence(amount).map_err(|error| invalid("amount", error.to_string()));
            let record = WarrantRequestRecord {
                id,
                account_id: records.record.id,
                claim_id,
                requested_on: request.requested_on,
                breach: breach.clone(),
                balance_pence: pence(balance)?,
                fee_pence: pence(fee)?,
                recorded_at: Utc::now(),
                officer,
            };
            Ok((
                FieldWork {
                    diary: Some(self.diary(id, records.record.id, request.requested_on, "warrant_requested", format!("Warrant of possession requested (N325): {breach}"))),
                    rows: vec![FieldRow::Court(CourtRow::WarrantRequest(record))],
                    ..FieldWork::default()
                },
                "warrant_requested",
                serde_json::json!({
                    "warrant_id": id.to_string(),
                    "claim_id": claim_id.to_string(),
                    "requested_on": request.requested_on,
                    "balance": balance.to_string(),
                }),
            ))
        })
        .await
    }

    pub async fn record_application(
        &self,
        request: &RecordApplicationRequest,
    ) -> Result<CourtFileView, ApiError> {
        let id = command_id(&request.command_id)?;
        let claim_id = parse_id("claim_id", &request.claim_id)?;
        let purpose = short_text("purpose", &request.purpose, "what the application asks for")?;
        if !matches!(request.applicant.as_str(), "landlord" | "tenant") {
            return Err(invalid(
                "applicant",
                "Choose who applied: the landlord or the tenant.",
            ));
        }
        if !matches!(
            request.fee_kind.as_str(),
            "on_notice" | "by_consent" | "none"
        ) {
            return Err(invalid("fee_kind", "Choose the application's fee."));
        }
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        self.write_court(request.account_id, id, move |records, today| {
            not_future(
                "applied_on",
                request.applied_on,
                "the application date",
                today,
            )?;
            if !records.claims.iter().any(|claim| claim.id == claim_id) {
                return Err(invalid("claim_id", "That claim is not on this account."));
            }
            let record = CourtApplicationRecord {
                id,
                account_id: records.record.id,
                claim_id,
                applicant: request.applicant.clone(),
                applied_on: request.applied_on,
                purpose: purpose.clone(),
                fee_kind: request.fee_kind.clone(),
                hearing_on: request.hearing_on,
                recorded_at: Utc::now(),
                officer: officer.clone(),
                outcome: None,
            };
            let hold = request.hearing_on.map(|hearing| HoldRecord {
                id,
                account_id: records.record.id,
                kind: HoldKind::CourtDate,
                pause_reason: None,
                until_on: hearing,
                recorded_at: Utc::now(),
                officer: officer.clone(),
                note: format!("N244 hearing: {purpose}"),
            });
            Ok((
                FieldWork {
                    diary: Some(self.diary(
                        id,
                        records.record.id,
                        request.applied_on,
                        "court_application",
                        format!("N244 application by the {}: {purpose}", request.applicant),
                    )),
                    hold,
                    rows: vec![FieldRow::Court(CourtRow::Application(record))],
                    ..FieldWork::default()
                },
                "court_application_recorded",
                serde_json::json!({
                    "application_id": id.to_string(),
                    "claim_id": claim_id.to_string(),
                    "applicant": request.applicant,
                    "applied_on": request.applied_on,
                    "purpose": purpose,
                    "fee_kind": request.fee_kind,
                }),
            ))
        })
        .await
    }

    pub async fn record_application_outcome(
        &self,
        request: &RecordApplicationOutcomeRequest,
    ) -> Result<CourtFileView, ApiError> {
        let id = command_id(&request.command_id)?;
        let application_id = parse_id("application_id", &request.application_id)?;
        if !matches!(
            request.outcome.as_str(),
            "granted" | "refused" | "withdrawn" | "adjourned"
        ) {
            return Err(invalid("outcome", "Choose what the court decided."));
        }
        let note_text = note("note", &request.note)?;
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        self.write_court(request.account_id, id, move |records, today| {
            not_future("decided_on", request.decided_on, "the decision date", today)?;
            let application = records
                .applications
                .iter()
                .find(|application| application.id == application_id)
                .ok_or_else(|| {
                    invalid("application_id", "That application is not on this account.")
                })?;
            if application.outcome.is_some() {
                return Err(invalid(
                    "application_id",
                    "That application's outcome is already recorded.",
                ));
            }
            if request.decided_on < application.applied_on {
                return Err(invalid(
                    "decided_on",
                    "The decision cannot be before the application.",
                ));
            }
            let record = CourtApplicationOutcomeRecord {
                id,
                application_id,
                decided_on: request.decided_on,
                outcome: request.outcome.clone(),
                note: note_text.clone(),
                recorded_at: Utc::now(),
                officer,
            };
            Ok((
                FieldWork {
                    diary: Some(self.diary(
                        id,
                        records.record.id,
                        request.decided_on,
                        "court_application",
                        format!(
                            "N244 application ({}) {}{}",
                            application.purpose,
                            request.outcome,
                            if note_text.is_empty() {
                                String::new()
                            } else {
                                format!(": {note_text}")
                            }
                        ),
                    )),
                    rows: vec![FieldRow::Court(CourtRow::ApplicationOutcome(record))],
                    ..FieldWork::default()
                },
                "court_application_decided",
                serde_json::json!({
                    "application_id": application_id.to_string(),
                    "decided_on": request.decided_on,
                    "outcome": request.outcome,
                }),
            ))
        })
        .await
    }
}

/// The file's type from its first bytes, not its name: a renamed file is still what it is.
fn sniff_media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}
