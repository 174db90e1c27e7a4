//! Housing Benefit on an account: the council's notifications, which replace the award the
//! caseload came with when the expected credits are worked out (`domain::housing_benefit::
//! awards_in_force`, called from the caseload), and overpayment invoices checked against the
//! tenancy's dates and the ledger before anything is repaid: accepted, the repayment is a
//! refund entry on the ledger; queried, a letter to the council says why.

use chrono::{NaiveDate, Utc};
use doorstep_api::{
    ApiError, CheckHbOverpaymentRequest, ChoiceView, DecideHbOverpaymentRequest,
    GetHousingBenefitRequest, HbNotificationView, HbOverpaymentCheckView, HbOverpaymentDecided,
    HbOverpaymentView, HousingBenefitView, ProducedDocument, RecordHbNotificationRequest,
};
use doorstep_documents::{long_date, organisation_letter_pdf, Landlord, OrganisationLetter};
use doorstep_domain::benefits::BenefitPaidTo;
use doorstep_domain::housing_benefit::{
    check_overpayment, notification_in_force, Notification, NotificationKind, OverpaymentCheck,
    OverpaymentInvoice,
};
use doorstep_domain::ledger::{Entry, EntryKind};
use doorstep_domain::money::{format_money, money_from_pence, money_to_pence};
use doorstep_store::{
    AccountRecord, DiaryRecord, FieldRow, FieldWork, HbNotificationRecord, HbOverpaymentRecord,
    HbRow,
};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::documents::{pdf_file_name, write_document};
use crate::errors::api_error;
use crate::session::{today, unlocked_mut, Session, Unlocked};
use crate::work::{
    capitalise, code_from, code_of, command_id, invalid, not_future, outbox, short_text,
};

/// The weekly Housing Benefit an officer may key; more is a typing slip (the highest local
/// housing allowance rates are well under this).
const HB_WEEKLY_POUNDS_MAX: i64 = 2_000;

pub(crate) fn notification_of(record: &HbNotificationRecord) -> Option<Notification> {
    Some(Notification {
        kind: code_from(&record.kind)?,
        weekly_amount: money_from_pence(record.weekly_amount_pence),
        paid_to: if record.paid_to == "tenant" {
            BenefitPaidTo::Tenant
        } else {
            BenefitPaidTo::Landlord
        },
        effective_from: record.effective_from,
        effective_to: record.effective_to,
        notified_on: record.notified_on,
    })
}

fn expected_words(notifications: &[Notification], today: NaiveDate) -> String {
    if notifications.is_empty() {
        return "No notification recorded: the award the caseload came with applies.".to_string();
    }
    match notification_in_force(notifications, today) {
        Some(notification) if notification.kind.pays() => format!(
            "{} a week ({} every four weeks, in arrears), {}, from {}.",
            format_money(notification.weekly_amount),
            format_money(notification.weekly_amount * Decimal::from(4)),
            notification.paid_to.label().to_lowercase(),
            long_date(&notification.effective_from)
        ),
        Some(notification) => format!(
            "Nothing: {} from {}.",
            notification.kind.label().to_lowercase(),
            long_date(&notification.effective_from)
        ),
        None => "Nothing: no notification is in force today.".to_string(),
    }
}

fn view(
    account_id: i64,
    records: &[HbNotificationRecord],
    overpayments: &[HbOverpaymentRecord],
    today: NaiveDate,
) -> HousingBenefitView {
    let notifications: Vec<Notification> = records.iter().filter_map(notification_of).collect();
    let in_force = notification_in_force(&notifications, today).cloned();
    HousingBenefitView {
        account_id,
        expected: expected_words(&notifications, today),
        notifications: records
            .iter()
            .rev()
            .map(|record| {
                let kind: Option<NotificationKind> = code_from(&record.kind);
                HbNotificationView {
                    kind: record.kind.clone(),
                    kind_label: kind.map_or("Notification", |kind| kind.label()).to_string(),
                    council_reference: record.council_reference.clone(),
                    weekly_amount: money_from_pence(record.weekly_amount_pence),
                    paid_to: record.paid_to.clone(),
                    effective_from: record.effective_from,
                    effective_to: record.effective_to,
                    notified_on: record.notified_on,
                    in_force: notification_of(record)
                        .is_some_and(|notification| in_force.as_ref() == Some(&notification)),
                }
            })
            .collect(),
        overpayments: overpayments
            .iter()
            .map(|record| HbOverpaymentView {
                council: record.council.clone(),
                invoice_reference: record.invoice_reference.clone(),
                period_from: record.period_from,
                period_to: record.period_to,
                amount: money_from_pence(record.amount_pence),
                outcome: record.outcome.clone(),
                findings: record.findings.clone(),
                decided_on: record.decided_on,
            })
            .collect(),
        kinds: NotificationKind::ALL
            .iter()
            .map(|kind| ChoiceView {
                code: code_of(kind),
                label: kind.label().to_string(),
            })
            .collect(),
    }
}

fn account_record(open: &Unlocked, account_id: i64) -> Result<AccountRecord, ApiError> {
    open.caseload
        .account_by_id(account_id)
        .map(|account| account.record.clone())
        .ok_or_else(|| ApiError::AccountNotFound {
            reference: format!("(account {account_id})"),
        })
}

async fn read_view(open: &Unlocked, account_id: i64) -> Result<HousingBenefitView, ApiError> {
    let records = open
        .store
        .hb_notifications(Some(account_id))
        .await
        .map_err(api_error)?;
    let overpayments = open
        .store
        .hb_overpayments(account_id)
        .await
        .map_err(api_error)?;
    Ok(view(account_id, &records, &overpayments, today()))
}

fn pence(field: &str, amount: Decimal, what: &str) -> Result<i64, ApiError> {
    money_to_pence(amount)
        .map_err(|error| invalid(field, capitalise(&error.to_string())))
        .and_then(|pence| {
            if pence < 0 {
                Err(invalid(
                    field,
                    format!("{} cannot be negative.", capitalise(what)),
                ))
            } else {
                Ok(pence)
            }
        })
}

/// The invoice as the domain checks it, refused in words when it cannot be checked at all.
fn invoice_of(request: &CheckHbOverpaymentRequest) -> Result<OverpaymentInvoice, ApiError> {
    if request.period_to < request.period_from {
        return Err(invalid(
            "period_to",
            "The invoice's period cannot end before it starts.",
        ));
    }
    if request.amount <= Decimal::ZERO {
        return Err(invalid("amount", "Enter the amount the invoice asks for."));
    }
    pence("amount", request.amount, "the amount")?;
    Ok(OverpaymentInvoice {
        period_from: request.period_from,
        period_to: request.period_to,
        amount: request.amount,
    })
}

async fn run_check(
    open: &Unlocked,
    request: &CheckHbOverpaymentRequest,
) -> Result<(AccountRecord, Vec<Entry>, OverpaymentCheck), ApiError> {
    let invoice = invoice_of(request)?;
    let record = account_record(open, request.account_id)?;
    if let Some(ended) = request.tenancy_ended_on {
        if ended < record.tenancy_start {
            return Err(invalid(
                "tenancy_ended_on",
                format!(
                    "The tenancy cannot end before it started ({}).",
                    long_date(&record.tenancy_start)
                ),
            ));
        }
    }
    let entries = open
        .store
        .entries_for_account(record.id)
        .await
        .map_err(api_error)?;
    let check = check_overpayment(
        &invoice,
        record.tenancy_start,
        request.tenancy_ended_on,
        &entries,
    );
    Ok((record, entries, check))
}

fn check_view(check: &OverpaymentCheck) -> HbOverpaymentCheckView {
    HbOverpaymentCheckView {
        accept: check.accept,
        period_days: check.period_days,
        resident_days: check.resident_days,
        hb_credited: check.hb_credited,
        findings: check.findings.clone(),
    }
}

fn query_letter(
    record: &AccountRecord,
    request: &DecideHbOverpaymentRequest,
    council: &str,
    invoice_reference: &str,
    check: &OverpaymentCheck,
    officer: &str,
    landlord: &Landlord,
) -> OrganisationLetter {
    let tenants = crate::caseload::tenant_names(record);
    let mut paragraphs = vec![
        "Dear Sir or Madam,".to_string(),
        format!("## Housing Benefit overpayment invoice {invoice_reference}"),
        format!(
            "Tenant: {tenants}, {}. Your invoice asks us to repay {} of Housing Benefit for {} to {}.",
            crate::caseload::address(record),
            format_money(request.check.amount),
            long_date(&request.check.period_from),
            long_date(&request.check.period_to)
        ),
        "We have checked the invoice against our records and cannot accept it as it stands:"
            .to_string(),
    ];
    paragraphs.extend(check.findings.iter().map(|finding| format!("- {finding}")));
    paragraphs.push("Please review the invoice and send us either a corrected invoice or the evidence that the overpayment is recoverable from the landlord. Until then we will not repay it, and we will not charge it to the tenant's account.".to_string());
    OrganisationLetter {
        addressee_lines: vec![format!("Housing Benefit Overpayments, {council}")],
        our_reference: record.payment_reference.clone(),
        officer_name: officer.to_string(),
        officer_phone: landlord.phone.clone(),
        paragraphs,
    }
}

impl Session {
    pub async fn get_housing_benefit(
        &self,
        request: &GetHousingBenefitRequest,
    ) -> Result<HousingBenefitView, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        account_record(open, request.account_id)?;
        read_view(open, request.account_id).await
    }

    pub async fn record_hb_notification(
        &self,
        request: &RecordHbNotificationRequest,
    ) -> Result<HousingBenefitView, ApiError> {
        let id = command_id(&request.command_id)?;
        let kind: NotificationKind = code_from(&request.kind)
            .ok_or_else(|| invalid("kind", "Choose what the council notified."))?;
        let reference = short_text(
            "council_reference",
            &request.council_reference,
            "the council's reference",
        )?;
        if !matches!(request.paid_to.as_str(), "landlord" | "tenant") {
            return Err(invalid("paid_to", "Choose who the council pays."));
        }
        let weekly = pence("weekly_amount", request.weekly_amount, "the weekly amount")?;
        if kind.pays() && weekly == 0 {
            return Err(invalid(
                "weekly_amount",
                "Enter the weekly amount awarded (a stop is a suspension or cancellation).",
            ));
        }
        if weekly > HB_WEEKLY_POUNDS_MAX * 100 {
            return Err(invalid(
                "weekly_amount",
                format!("Housing Benefit of more than £{HB_WEEKLY_POUNDS_MAX} a week is not plausible: check the figure."),
            ));
        }
        // A stop pays nothing, whatever was typed.
        let weekly = if kind.pays() { weekly } else { 0 };
        if request
            .effective_to
            .is_some_and(|to| to < request.effective_from)
        {
            return Err(invalid(
                "effective_to",
                "The notification cannot end before it takes effect.",
            ));
        }
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let today = today();
        not_future(
            "notified_on",
            request.notified_on,
            "the notification date",
            today,
        )?;
        let record = account_record(open, request.account_id)?;
        if !open.store.command_recorded(id).await.map_err(api_error)? {
            let officer = self.config().officer_name.clone();
            let row = HbNotificationRecord {
                id,
                account_id: record.id,
                council_reference: reference.clone(),
                kind: code_of(&kind),
                weekly_amount_pence: weekly,
                paid_to: request.paid_to.clone(),
                effective_from: request.effective_from,
                effective_to: request.effective_to,
                notified_on: request.notified_on,
                recorded_at: Utc::now(),
                officer: officer.clone(),
            };
            let mut words = format!(
                "Housing Benefit notification ({reference}): {} from {}",
                kind.label().to_lowercase(),
                long_date(&request.effective_from)
            );
            if kind.pays() {
                words.push_str(&format!(
                    ", {} a week paid to the {}",
                    format_money(money_from_pence(weekly)),
                    request.paid_to
                ));
            }
            if let Some(to) = request.effective_to {
                words.push_str(&format!(", until {}", long_date(&to)));
            }
            let work = FieldWork {
                diary: Some(diary(
                    id,
                    record.id,
                    today,
                    &officer,
                    "hb_notification",
                    words,
                )),
                rows: vec![FieldRow::HousingBenefit(HbRow::Notification(row))],
                ..FieldWork::default()
            };
            crate::work::record_account_command(
                open,
                record.id,
                &record.payment_reference,
                &officer,
                &work,
                (
                    id,
                    "hb_notification_recorded",
                    serde_json::json!({
                        "notification_id": id.to_string(),
                        "council_reference": reference,
                        "kind": code_of(&kind),
                        "weekly_amount": money_from_pence(weekly).to_string(),
                        "paid_to": request.paid_to,
                        "effective_from": request.effective_from,
                        "effective_to": request.effective_to,
                        "notified_on": request.notified_on,
                    }),
                ),
            )
            .await?;
        }
        read_view(open, record.id).await
    }

    pub async fn check_hb_overpayment(
        &self,
        request: &CheckHbOverpaymentRequest,
    ) -> Result<HbOverpaymentCheckView, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let (_, _, check) = run_check(open, request).await?;
        Ok(check_view(&check))
    }

    pub async fn decide_hb_overpayment(
        &self,
        request: &DecideHbOverpaymentRequest,
    ) -> Result<HbOverpaymentDecided, ApiError> {
        let id = command_id(&request.command_id)?;
        let council = short_text("council", &request.council, "the council")?;
        let invoice_reference = short_text(
            "invoice_reference",
            &request.invoice_reference,
            "the invoice's reference",
        )?;
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let today = today();
        let (record, _, check) = run_check(open, &request.check).await?;
        if request.accept && !check.accept {
            return Err(ApiError::LegalRefused {
                reasons: std::iter::once(
                    "The invoice does not pass the check, so it cannot be accepted: query it instead.".to_string(),
                )
                .chain(check.findings.iter().cloned())
                .collect(),
            });
        }
        let officer = self.config().officer_name.clone();
        let amount_pence = pence("amount", request.check.amount, "the amount")?;
        let period = format!(
            "{} to {}",
            long_date(&request.check.period_from),
            long_date(&request.check.period_to)
        );
        let mut letter: Option<ProducedDocument> = None;
        if !open.store.command_recorded(id).await.map_err(api_error)? {
            let refund = request.accept.then(|| Entry {
                id: Uuid::now_v7(),
                posted_on: today,
                kind: EntryKind::Refund,
                amount: request.check.amount,
                description: format!(
                    "Housing Benefit overpayment repaid to {council} (invoice {invoice_reference}, {period})"
                ),
            });
            let outcome = if request.accept {
                "accepted"
            } else {
                "queried"
            };
            let row = HbOverpaymentRecord {
                id,
                account_id: record.id,
                council: council.clone(),
                invoice_reference: invoice_reference.clone(),
                period_from: request.check.period_from,
                period_to: request.check.period_to,
                amount_pence,
                tenancy_ended_on: request.check.tenancy_ended_on,
                resident_days: check.resident_days,
                hb_credited_pence: money_to_pence(check.hb_credited).unwrap_or_default(),
                outcome: outcome.to_string(),
                findings: check.findings.clone(),
                refund_entry_id: refund.as_ref().map(|entry| entry.id),
                decided_on: today,
                recorded_at: Utc::now(),
                officer: officer.clone(),
            };
            let words = format!(
                "Housing Benefit overpayment invoice {invoice_reference} from {council} for {} ({period}) {outcome}: {}",
                format_money(request.check.amount),
                check.findings.join(" ")
            );
            if !request.accept {
                let landlord = Landlord::demo();
                let pdf = organisation_letter_pdf(
                    &query_letter(
                        &record,
                        request,
                        &council,
                        &invoice_reference,
                        &check,
                        &officer,
                        &landlord,
                    ),
                    &landlord,
                    today,
                )
                .map_err(|error| ApiError::DocumentRefused {
                    message: capitalise(&error.to_string()),
                })?;
                letter = Some(write_document(
                    &self.config().documents_dir,
                    pdf_file_name(&record.payment_reference, "hb-overpayment-query", today),
                    &pdf,
                )?);
            }
            let refund_entry_id = row.refund_entry_id;
            let work = FieldWork {
                entries: refund.into_iter().collect(),
                diary: Some(diary(
                    id,
                    record.id,
                    today,
                    &officer,
                    "hb_overpayment",
                    words,
                )),
                rows: vec![FieldRow::HousingBenefit(HbRow::Overpayment(row))],
                ..FieldWork::default()
            };
            open.store
                .record_field_work(
                    record.id,
                    &work,
                    &outbox(
                        id,
                        "hb_overpayment_decided",
                        serde_json::json!({
                            "overpayment_id": id.to_string(),
                            "payment_reference": record.payment_reference,
                            "officer": officer,
                            "council": council,
                            "invoice_reference": invoice_reference,
                            "period_from": request.check.period_from,
                            "period_to": request.check.period_to,
                            "amount": request.check.amount.to_string(),
                            "outcome": outcome,
                            "refund_entry_id": refund_entry_id.map(|id| id.to_string()),
                        }),
                    ),
                )
                .await
                .map_err(api_error)?;
            open.caseload
                .refresh_account(&open.store, record.id)
                .await
                .map_err(api_error)?;
        }
        Ok(HbOverpaymentDecided {
            housing_benefit: read_view(open, record.id).await?,
            letter,
        })
    }
}

fn diary(
    id: Uuid,
    account_id: i64,
    on: NaiveDate,
    officer: &str,
    code: &str,
    note: String,
) -> DiaryRecord {
    DiaryRecord {
        id,
        account_id,
        happened_on: on,
        recorded_at: Utc::now(),
        officer: officer.to_string(),
        code: code.to_string(),
        note,
    }
}
