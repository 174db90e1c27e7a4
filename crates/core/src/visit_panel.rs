//! Direct Debit mandates, the account page's visit panel, and the visit documents (run sheet,
//! receipts). Bank details are checked with Vocalink's modulus tables before anything is kept,
//! then sealed by the store; only masked forms come back out.

use chrono::{Local, NaiveDate, Utc};
use doorstep_api::{
    AccountDetail, ApiError, BankDetailsCheck, CheckBankDetailsRequest, CreateMandateRequest,
    GetAccountRequest, MandateView, ProducedDocument, VisitDocumentRequest, VisitPanel,
};
use doorstep_documents::{
    long_date, payment_receipt_pdf, run_sheet_pdf, Landlord, PaymentReceipt, ReceiptMethod,
    RunSheet, RunSheetStop,
};
use doorstep_domain::arrangement::InstalmentFrequency;
use doorstep_domain::bank_details::{
    check_bank_details, ModulusOutcome, SortCode, UkAccountNumber,
};
use doorstep_domain::money::{format_money, money_from_pence, money_to_pence};
use doorstep_store::{BankDetails, FieldRow, FieldWork, MandateRecord};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::account_state::parse_pounds;
use crate::card::{allocation_label, card_payment_view, terminal_view};
use crate::caseload::{tenant_names, CaseloadAccount};
use crate::documents::{refused, write_document};
use crate::errors::api_error;
use crate::session::{today, unlocked_mut, Session, Unlocked};
use crate::visits::{cheque_view, flag_warning};
use crate::work::{account_id, code_from, code_of, command_id, invalid, outbox};

/// A Direct Debit's first collection needs the mandate lodged with the bank (AUDDIS) first:
/// ten working days is the usual lead time, so two calendar weeks.
const MANDATE_LEAD_DAYS: i64 = 14;
/// A first collection further off than this is a plan, not a mandate.
const MANDATE_START_DAYS_MAX: i64 = 92;
/// No Direct Debit for rent is this large.
const MANDATE_POUNDS_MAX: i64 = 5_000;

fn modulus_verdict(outcome: &ModulusOutcome) -> &'static str {
    match outcome {
        ModulusOutcome::Valid => "valid",
        ModulusOutcome::Invalid => "invalid",
        ModulusOutcome::NotChecked(_) => "not_checked",
    }
}

fn parse_bank_details(
    sort_code: &str,
    account_number: &str,
) -> Result<(SortCode, UkAccountNumber, ModulusOutcome), ApiError> {
    let sort_code = SortCode::parse(sort_code)
        .map_err(|error| invalid("sort_code", crate::work::capitalise(&error.to_string())))?;
    let account_number = UkAccountNumber::parse(account_number).map_err(|error| {
        invalid(
            "account_number",
            crate::work::capitalise(&error.to_string()),
        )
    })?;
    let outcome = check_bank_details(&sort_code, &account_number);
    Ok((sort_code, account_number, outcome))
}

fn mandate_view(record: &MandateRecord) -> MandateView {
    let frequency = code_from::<InstalmentFrequency>(&record.frequency)
        .map(|frequency| frequency.label().to_lowercase())
        .unwrap_or_else(|| record.frequency.replace('_', " "));
    MandateView {
        mandate_id: record.id.to_string(),
        account_holder: record.account_holder.clone(),
        sort_code: record.sort_code_masked.clone(),
        account_number: record.account_number_masked.clone(),
        collection: format!(
            "{} {frequency} from {}",
            format_money(money_from_pence(record.amount_pence)),
            long_date(&record.first_collection_on)
        ),
        modulus_check: record.modulus_check.clone(),
        recorded_on: record.recorded_at.with_timezone(&Local).date_naive(),
    }
}

fn address_lines(account: &CaseloadAccount) -> Vec<String> {
    let record = &account.record;
    let mut lines = vec![record.address_line_1.clone()];
    lines.extend(record.address_line_2.clone());
    lines.push(record.town.clone());
    lines
}

impl Session {
    /// The modulus check alone, as the officer types: nothing is kept.
    pub async fn check_bank_details(
        &self,
        request: &CheckBankDetailsRequest,
    ) -> Result<BankDetailsCheck, ApiError> {
        let (_, _, outcome) = parse_bank_details(&request.sort_code, &request.account_number)?;
        Ok(BankDetailsCheck {
            verdict: modulus_verdict(&outcome).to_string(),
            sentence: outcome.explain(),
        })
    }

    /// Captures a Direct Debit mandate: bank details checked, sealed, and sent to head office
    /// (which lodges it with the bank).
    pub async fn create_mandate(
        &self,
        request: &CreateMandateRequest,
    ) -> Result<AccountDetail, ApiError> {
        let id = command_id(&request.command_id)?;
        let holder = request.account_holder.trim().to_string();
        if holder.is_empty() || holder.chars().count() > 100 {
            return Err(invalid(
                "account_holder",
                "Enter the account holder's name as the bank knows it.",
            ));
        }
        crate::work::no_card_number("account_holder", &holder)?;
        let (sort_code, account_number, outcome) =
            parse_bank_details(&request.sort_code, &request.account_number)?;
        if !outcome.is_accepted() {
            return Err(invalid("account_number", outcome.explain()));
        }
        if !request.holder_confirmed {
            return Err(invalid(
                "holder_confirmed",
                "The account holder must confirm they can authorise debits from this account.",
            ));
        }
        let frequency: InstalmentFrequency = code_from(&request.frequency)
            .filter(|frequency| *frequency != InstalmentFrequency::OneOff)
            .ok_or_else(|| invalid("frequency", "Choose how often to collect."))?;
        let amount = parse_pounds(&request.amount)
            .filter(|amount| {
                *amount > Decimal::ZERO && *amount <= Decimal::from(MANDATE_POUNDS_MAX)
            })
            .ok_or_else(|| {
                invalid(
                    "amount",
                    format!(
                        "Enter the amount to collect, from £0.01 to {}.",
                        format_money(Decimal::from(MANDATE_POUNDS_MAX))
                    ),
                )
            })?;
        let amount_pence =
            money_to_pence(amount).map_err(|error| invalid("amount", error.to_string()))?;
        let lead = (request.first_collection_on - today()).num_days();
        if !(MANDATE_LEAD_DAYS..=MANDATE_START_DAYS_MAX).contains(&lead) {
            return Err(invalid("first_collection_on", format!("The first collection must be {MANDATE_LEAD_DAYS} to {MANDATE_START_DAYS_MAX} days from today: the bank needs the mandate lodged first.")));
        }
        let covers = match request.covers.trim() {
            "rent" => "rent",
            "rent_and_arrangement" => "rent_and_arrangement",
            _ => {
                return Err(invalid(
                    "covers",
                    "Say whether the debit covers the rent, or the rent and the arrangement.",
                ))
            }
        };
        let officer = self.config().officer_name.clone();
        let reference = request.payment_reference.trim().to_string();
        let first_collection_on = request.first_collection_on;
        self.write_then_show(&request.payment_reference, move |open, account_id| {
            Box::pin(async move {
                let record = MandateRecord {
                    id,
                    account_id,
                    account_holder: holder.clone(),
                    sort_code_masked: format!("**-**-{}", &sort_code.digits_text()[4..]),
                    account_number_masked: account_number.masked(),
                    frequency: code_of(&frequency),
                    amount_pence,
                    first_collection_on,
                    covers: covers.to_string(),
                    modulus_check: outcome.explain(),
                    recorded_at: Utc::now(),
                    officer: officer.clone(),
                };
                // The outbox names the mandate; the bank details travel sealed in the store and
                // are unsealed only by the reconcile, on the way to head office.
                let payload = serde_json::json!({
                    "payment_reference": reference,
                    "mandate_id": id.to_string(),
                    "account_holder": holder,
                    "sort_code_masked": record.sort_code_masked,
                    "account_number_masked": record.account_number_masked,
                    "frequency": record.frequency,
                    "amount": amount.to_string(),
                    "first_collection_on": first_collection_on,
                    "covers": covers,
                    "modulus_check": modulus_verdict(&outcome),
                    "officer": officer,
                });
                let details = BankDetails {
                    sort_code: sort_code.digits_text(),
                    account_number: account_number.digits_text(),
                };
                open.store
                    .record_field_work(
                        account_id,
                        &FieldWork {
                            rows: vec![FieldRow::Mandate(record, details)],
                            ..FieldWork::default()
                        },
                        &outbox(id, "direct_debit_mandate", payload),
                    )
                    .await
                    .map_err(api_error)?;
                Ok(())
            })
        })
        .await
    }

    /// What the officer needs at the door, beside the account page.
    pub async fn get_visit_panel(
        &self,
        request: &GetAccountRequest,
    ) -> Result<VisitPanel, ApiError> {
        let caps = self.config().card_caps.clone();
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let account_id = account_id(open, &request.payment_reference)?;
        visit_panel(open, account_id, &caps).await
    }

    pub async fn produce_visit_document(
        &self,
        request: &VisitDocumentRequest,
    ) -> Result<ProducedDocument, ApiError> {
        let officer = self.config().officer_name.clone();
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let landlord = Landlord::demo();
        match request.kind.as_str() {
            "run_sheet" => {
                let visit_on = request.visit_on.unwrap_or_else(today);
                let sheet = run_sheet(open, &officer, visit_on).await?;
                let pdf = run_sheet_pdf(&landlord, &sheet).map_err(refused)?;
                write_document(
                    &self.config().documents_dir,
                    format!("run-sheet-{visit_on}.pdf"),
                    &pdf,
                )
            }
            "receipt" => {
                let id = request
                    .id
                    .as_deref()
                    .and_then(|text| Uuid::parse_str(text.trim()).ok())
                    .ok_or_else(|| invalid("id", "Choose the payment to give a receipt for."))?;
                let receipt = receipt(open, &request.payment_reference, id, &officer).await?;
                let pdf = payment_receipt_pdf(&landlord, &receipt).map_err(refused)?;
                let number: String = receipt
                    .receipt_number
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect();
                write_document(
                    &self.config().documents_dir,
                    format!("receipt-{number}.pdf"),
                    &pdf,
                )
            }
            "income_expenditure" => {
                let (file_name, pdf) = crate::income_expenditure::tenant_copy(
                    open,
                    &request.payment_reference,
                    &officer,
                    &landlord,
                )
                .await?;
                write_document(&self.config().documents_dir, file_name, &pdf)
            }
            _ => Err(invalid(
                "kind",
                "Choose a run sheet, a receipt or an income and expenditure statement.",
            )),
        }
    }
}

async fn visit_panel(
    open: &Unlocked,
    account_id: i64,
    caps: &doorstep_domain::card_payment::CardCaps,
) -> Result<VisitPanel, ApiError> {
    let store = &open.store;
    let account = open
        .caseload
        .account_by_id(account_id)
        .ok_or_else(|| ApiError::Storage {
            message: "the account left the caseload".into(),
        })?;
    let warnings = store
        .flags(Some(account_id))
        .await
        .map_err(api_error)?
        .iter()
        .map(flag_warning)
        .collect();
    let lone_working = crate::visits::lone_working_now(open).await?;
    let check_in = lone_working
        .open
        .into_iter()
        .find(|view| view.payment_reference == account.record.payment_reference);
    let card_payments = store
        .card_payments(Some(account_id))
        .await
        .map_err(api_error)?
        .iter()
        .map(card_payment_view)
        .collect();
    let cheques = store
        .cheques(account_id)
        .await
        .map_err(api_error)?
        .iter()
        .map(cheque_view)
        .collect();
    let mandates = store
        .mandates(account_id)
        .await
        .map_err(api_error)?
        .iter()
        .map(mandate_view)
        .collect();
    let latest_assessment = crate::income_expenditure::latest_view(open, account_id).await?;
    let schedule = &account.record.schedule;
    let rent_amount = schedule
        .components_on(open.caseload.as_at())
        .map(|components| components.total())
        .unwrap_or(Decimal::ZERO);
    Ok(VisitPanel {
        warnings,
        check_in,
        card_payments,
        cheques,
        mandates,
        latest_assessment,
        terminal: terminal_view(store, caps).await?,
        rent_amount,
        rent_frequency: code_of(&schedule.frequency),
        arrangement_instalment: store
            .arrangements(Some(account_id))
            .await
            .map_err(api_error)?
            .into_iter()
            .find(|record| record.state().is_some_and(|state| state.is_open()))
            .map(|record| record.arrangement.terms().instalment),
    })
}

async fn run_sheet(
    open: &Unlocked,
    officer: &str,
    visit_on: NaiveDate,
) -> Result<RunSheet, ApiError> {
    let planned = open.store.round(visit_on).await.map_err(api_error)?;
    if planned.is_empty() {
        return Err(ApiError::DocumentRefused {
            message: format!(
                "No visits are planned for {}: plan the round first.",
                long_date(&visit_on)
            ),
        });
    }
    let flags = open.store.flags(None).await.map_err(api_error)?;
    let mut stops = Vec::with_capacity(planned.len());
    for visit in &planned {
        let Some(account) = open.caseload.account_by_id(visit.account_id) else {
            continue;
        };
        stops.push(RunSheetStop {
            order: visit.position + 1,
            appointment_time: Some(visit.appointment_time),
            duration_minutes: visit.duration_minutes,
            payment_reference: account.record.payment_reference.clone(),
            tenant_names: tenant_names(&account.record),
            address_lines: address_lines(account),
            postcode: account.record.postcode.clone(),
            balance: account.state.balance,
            arrears_weeks_text: format!("{} weeks", account.state.weeks_of_rent.round_dp(1)),
            next_action: account.state.verdict.action.label(),
            warnings: flags
                .iter()
                .filter(|flag| flag.account_id == visit.account_id)
                .map(flag_warning)
                .collect(),
            notes: String::new(),
        });
    }
    Ok(RunSheet {
        officer_name: officer.to_string(),
        visit_date: visit_on,
        stops,
        prepared_at: Utc::now().with_timezone(&Local).fixed_offset(),
    })
}

async fn receipt(
    open: &Unlocked,
    payment_reference: &str,
    id: Uuid,
    officer: &str,
) -> Result<PaymentReceipt, ApiError> {
    let account_id = account_id(open, payment_reference)?;
    let account = open
        .caseload
        .account_by_id(account_id)
        .ok_or_else(|| invalid("id", "That payment is not on this account."))?;
    let not_found = || invalid("id", "That payment is not on this account.");
    let card = open.store.card_payment(id).await.map_err(api_error)?;
    let (receipt_number, amount, method, allocation, taken_at) = match card {
        Some(card) if card.account_id == account_id => {
            if card.entry_id.is_none() {
                return Err(ApiError::DocumentRefused {
                    message:
                        "The card payment was declined: there is nothing to give a receipt for."
                            .into(),
                });
            }
            let allocation = open
                .store
                .terminal_request_allocation(id)
                .await
                .map_err(api_error)?
                .unwrap_or_else(|| "rent".into());
            (
                card.receipt_number.clone(),
                money_from_pence(card.amount_pence),
                ReceiptMethod::Card {
                    scheme: card.scheme.clone(),
                    masked_card: format!("**** {}", card.card_last_four),
                    authorisation_code: card.authorisation_code.clone(),
                    provider_reference: card.provider_reference.clone(),
                    terminal_id: card.terminal_id.clone(),
                    offline: card.offline,
                    simulator: card.simulator,
                },
                allocation_label(&allocation).to_string(),
                card.taken_at,
            )
        }
        Some(_) => return Err(not_found()),
        None => {
            let cheque = open
                .store
                .cheques(account_id)
                .await
                .map_err(api_error)?
                .into_iter()
                .find(|cheque| cheque.id == id)
                .ok_or_else(not_found)?;
            let sequence = open
                .store
                .outbox_sequence(id)
                .await
                .map_err(api_error)?
                .unwrap_or_default();
            (
                format!("CHQ-{sequence:06}"),
                money_from_pence(cheque.amount_pence),
                ReceiptMethod::Cheque {
                    cheque_number: cheque.cheque_number.clone(),
                    drawer: cheque.drawer.clone(),
                },
                "Rent and arrears".to_string(),
                cheque.status_at,
            )
        }
    };
    Ok(PaymentReceipt {
        receipt_number,
        payment_reference: account.record.payment_reference.clone(),
        tenant_names: tenant_names(&account.record),
        address_lines: address_lines(account),
        postcode: account.record.postcode.clone(),
        amount,
        method,
        allocation,
        taken_at: taken_at.with_timezone(&Local).fixed_offset(),
        officer_name: officer.to_string(),
        balance_after: account.state.balance,
    })
}
