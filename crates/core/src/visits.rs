//! Home visits: planning the day's round, lone-working check-ins, recording what happened at
//! the door, and cheques taken there. Each record goes to the store with its outbox command in
//! one transaction (`Store::record_field_work`); the round itself is the officer's plan and is
//! not sent.

use chrono::{DateTime, Duration, Local, NaiveDate, Utc};
use doorstep_api::{
    AccountDetail, ApiError, CheckInRequest, CheckInView, CheckOutRequest, ChequeStatusRequest,
    ChequeView, GetRoundRequest, LoneWorkingView, PlanRoundRequest, RecordChequeRequest,
    RecordPaymentRequest, RecordVisitRequest, RecordedPaymentMethod, RoundOrder, RoundStopView,
    RoundView,
};
use doorstep_domain::ledger::reverse;
use doorstep_domain::money::{format_money, money_from_pence, money_to_pence};
use doorstep_domain::round::{
    appointment_times, check_in_due_at, check_in_status, route_order, AuthorityToDiscuss,
    CheckInStatus, RouteAddress, VisitOutcome, CHECK_IN_MINUTES_MAX, CHECK_IN_MINUTES_MIN,
    PLAN_MINUTES_MAX, ROUND_STOPS_MAX,
};
use doorstep_store::{
    CheckInRecord, ChequeRecord, DiaryRecord, FieldRow, FieldWork, FlagRecord, HoldKind,
    HoldRecord, LoneWorkingEvent, LoneWorkingRecord, PlannedVisitRecord, VisitRecord,
};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::account_state::parse_pounds;
use crate::caseload::{address, tenant_names, PAYMENT_RETURNED_CODE};
use crate::errors::api_error;
use crate::session::{today, unlocked_mut, Session, Unlocked};
use crate::work::{account_id, command_id, invalid, note, outbox, payment_entry};

/// A check-in older than this is yesterday's, not an officer on a doorstep now: it is no
/// longer shown (head office has had its overdue notice).
const CHECK_IN_SHOWN_HOURS: i64 = 24;
/// A promise to pay further off than this is an arrangement, not a promise.
const PROMISE_DAYS_MAX: i64 = 31;
/// A visit may be recorded up to a week late (a day of no-access cards typed up on Friday).
const VISIT_BACKDATE_DAYS_MAX: i64 = 7;
/// Cheques go stale six months after their date (banks refuse them).
const CHEQUE_STALE_DAYS: i64 = 183;
/// A UK cheque's serial number is six digits.
const CHEQUE_NUMBER_DIGITS: usize = 6;

/// The flag that warns an officer not to visit alone.
pub(crate) const DO_NOT_VISIT_ALONE: &str = "do_not_visit_alone";

pub(crate) fn flag_warning(flag: &FlagRecord) -> String {
    match flag.flag.as_str() {
        DO_NOT_VISIT_ALONE => format!("Do not visit alone: {}", flag.note),
        other => match doorstep_domain::flags::FlagKind::from_code(other) {
            Some(kind) => format!("{}: {}", kind.label(), flag.note),
            None => format!("{}: {}", other.replace('_', " "), flag.note),
        },
    }
}

fn local_time(instant: DateTime<Utc>) -> String {
    instant.with_timezone(&Local).format("%H:%M").to_string()
}

fn check_in_view(open: &Unlocked, record: &CheckInRecord, now: DateTime<Utc>) -> CheckInView {
    let status = check_in_status(
        record.checked_in_at,
        record.expected_minutes,
        record.checked_out_at.is_some(),
        now,
    );
    let account = open
        .caseload
        .account_by_id(record.account_id)
        .map(|account| &account.record);
    let due_at = check_in_due_at(record.checked_in_at, record.expected_minutes);
    CheckInView {
        check_in_id: record.check_in_id.to_string(),
        payment_reference: account
            .map(|record| record.payment_reference.clone())
            .unwrap_or_default(),
        tenant_names: account.map(tenant_names).unwrap_or_default(),
        address: account.map(address).unwrap_or_default(),
        checked_in_at: record.checked_in_at,
        due_at,
        due_time_local: local_time(due_at),
        state: match status {
            CheckInStatus::OnSite { .. } => "on_site",
            CheckInStatus::EndingSoon { .. } => "ending_soon",
            CheckInStatus::Overdue { .. } => "overdue",
            CheckInStatus::CheckedOut => "checked_out",
        }
        .to_string(),
        sentence: status.sentence(),
    }
}

/// The check-ins still shown at `now` (the last day's), oldest first.
async fn check_ins_shown(
    open: &Unlocked,
    now: DateTime<Utc>,
) -> Result<Vec<CheckInRecord>, ApiError> {
    open.store
        .check_ins_since(now - Duration::hours(CHECK_IN_SHOWN_HOURS))
        .await
        .map_err(api_error)
}

/// The check-ins not checked out, the one due first first.
fn open_check_in_views(
    open: &Unlocked,
    check_ins: &[CheckInRecord],
    now: DateTime<Utc>,
) -> LoneWorkingView {
    let mut views: Vec<CheckInView> = check_ins
        .iter()
        .filter(|record| record.checked_out_at.is_none())
        .map(|record| check_in_view(open, record, now))
        .collect();
    views.sort_by_key(|view| view.due_at);
    LoneWorkingView { open: views }
}

/// The lone-working view at `now`, noting (once each, for head office) every check-in that has
/// gone overdue.
async fn lone_working_at(
    open: &Unlocked,
    officer: &str,
    now: DateTime<Utc>,
) -> Result<(Vec<CheckInRecord>, LoneWorkingView), ApiError> {
    let check_ins = check_ins_shown(open, now).await?;
    for record in &check_ins {
        let status = check_in_status(
            record.checked_in_at,
            record.expected_minutes,
            record.checked_out_at.is_some(),
            now,
        );
        if matches!(status, CheckInStatus::Overdue { .. }) && record.overdue_noticed_at.is_none() {
            let id = Uuid::now_v7();
            let row = LoneWorkingRecord {
                id,
                check_in_id: record.check_in_id,
                account_id: record.account_id,
                event: LoneWorkingEvent::Overdue,
                at: now,
                officer: officer.to_string(),
            };
            let payload = serde_json::json!({
                "check_in_id": record.check_in_id.to_string(),
                "due_at": check_in_due_at(record.checked_in_at, record.expected_minutes),
                "noticed_at": now,
                "officer": officer,
            });
            open.store
                .record_field_work(
                    record.account_id,
                    &FieldWork {
                        rows: vec![FieldRow::LoneWorking(row)],
                        ..FieldWork::default()
                    },
                    &outbox(id, "check_in_overdue", payload),
                )
                .await
                .map_err(api_error)?;
        }
    }
    let view = open_check_in_views(open, &check_ins, now);
    Ok((check_ins, view))
}

/// The lone-working view now, for the account page (the banner's poll notes overdue ones).
pub(crate) async fn lone_working_now(open: &Unlocked) -> Result<LoneWorkingView, ApiError> {
    let now = Utc::now();
    let check_ins = check_ins_shown(open, now).await?;
    Ok(open_check_in_views(open, &check_ins, now))
}

impl Session {
    /// Plans `visit_on`'s round: the chosen accounts in route order (or as given), with
    /// appointment times from the start time.
    pub async fn plan_round(&self, request: &PlanRoundRequest) -> Result<RoundView, ApiError> {
        if request.payment_references.is_empty() {
            return Err(invalid(
                "payment_references",
                "Choose at least one account to visit.",
            ));
        }
        if request.payment_references.len() > ROUND_STOPS_MAX {
            return Err(invalid(
                "payment_references",
                format!(
                    "A round has at most {ROUND_STOPS_MAX} visits; plan the rest for another day."
                ),
            ));
        }
        for (field, minutes) in [
            ("visit_minutes", request.visit_minutes),
            ("travel_minutes", request.travel_minutes),
        ] {
            if minutes > PLAN_MINUTES_MAX || (field == "visit_minutes" && minutes == 0) {
                return Err(invalid(
                    field,
                    format!("Give a number of minutes from 1 to {PLAN_MINUTES_MAX}."),
                ));
            }
        }
        if request.visit_on < today() {
            return Err(invalid(
                "visit_on",
                "A round is planned for today or a later day.",
            ));
        }
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let mut accounts = Vec::with_capacity(request.payment_references.len());
        for reference in &request.payment_references {
            let id = account_id(open, reference)?;
            if accounts.contains(&id) {
                continue; // Chosen twice: visited once.
            }
            accounts.push(id);
        }
        let order: Vec<usize> = match request.order {
            RoundOrder::AsGiven => (0..accounts.len()).collect(),
            RoundOrder::Route => {
                let addresses: Vec<RouteAddress> = accounts
                    .iter()
                    .filter_map(|id| open.caseload.account_by_id(*id))
                    .map(|account| RouteAddress {
                        postcode: account.record.postcode.clone(),
                        address_line_1: account.record.address_line_1.clone(),
                    })
                    .collect();
                route_order(&addresses)
            }
        };
        let times = appointment_times(
            request.start_time,
            order.len(),
            request.visit_minutes,
            request.travel_minutes,
        );
        let mut planned = Vec::with_capacity(order.len());
        for (position, (index, time)) in order.iter().zip(times).enumerate() {
            let Some(appointment_time) = time else {
                return Err(invalid(
                    "start_time",
                    "The round runs past midnight: start earlier, or plan fewer visits.",
                ));
            };
            planned.push(PlannedVisitRecord {
                account_id: accounts[*index],
                visit_on: request.visit_on,
                position: position as u32,
                appointment_time,
                duration_minutes: request.visit_minutes,
            });
        }
        open.store
            .replace_round(request.visit_on, &planned, Utc::now())
            .await
            .map_err(api_error)?;
        round_view(open, request.visit_on, Utc::now()).await
    }

    pub async fn get_round(&self, request: &GetRoundRequest) -> Result<RoundView, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        round_view(open, request.visit_on, Utc::now()).await
    }

    /// Checks in at an address for `expected_minutes`.
    pub async fn check_in(&self, request: &CheckInRequest) -> Result<LoneWorkingView, ApiError> {
        let id = command_id(&request.command_id)?;
        if !(CHECK_IN_MINUTES_MIN..=CHECK_IN_MINUTES_MAX).contains(&request.expected_minutes) {
            return Err(invalid(
                "expected_minutes",
                format!(
                    "Say how long you expect to stay: {CHECK_IN_MINUTES_MIN} to {CHECK_IN_MINUTES_MAX} minutes."
                ),
            ));
        }
        let officer = self.config().officer_name.clone();
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let account_id = account_id(open, &request.payment_reference)?;
        let now = Utc::now();
        let payload = serde_json::json!({
            "payment_reference": request.payment_reference.trim(),
            "check_in_id": id.to_string(),
            "checked_in_at": now,
            "expected_minutes": request.expected_minutes,
            "officer": officer,
        });
        let row = LoneWorkingRecord {
            id,
            check_in_id: id,
            account_id,
            event: LoneWorkingEvent::CheckIn {
                expected_minutes: request.expected_minutes,
            },
            at: now,
            officer: officer.clone(),
        };
        open.store
            .record_field_work(
                account_id,
                &FieldWork {
                    rows: vec![FieldRow::LoneWorking(row)],
                    ..FieldWork::default()
                },
                &outbox(id, "checked_in", payload),
            )
            .await
            .map_err(api_error)?;
        Ok(lone_working_at(open, &officer, now).await?.1)
    }

    pub async fn check_out(&self, request: &CheckOutRequest) -> Result<LoneWorkingView, ApiError> {
        let id = command_id(&request.command_id)?;
        let check_in_id = Uuid::parse_str(request.check_in_id.trim())
            .map_err(|_| invalid("check_in_id", "That check-in is not known."))?;
        let officer = self.config().officer_name.clone();
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let now = Utc::now();
        let (check_ins, _) = lone_working_at(open, &officer, now).await?;
        let Some(check_in) = check_ins
            .iter()
            .find(|record| record.check_in_id == check_in_id)
        else {
            return Err(invalid("check_in_id", "That check-in is not known."));
        };
        if check_in.checked_out_at.is_none() {
            let payload = serde_json::json!({
                "check_in_id": check_in_id.to_string(),
                "checked_out_at": now,
                "officer": officer,
            });
            let row = LoneWorkingRecord {
                id,
                check_in_id,
                account_id: check_in.account_id,
                event: LoneWorkingEvent::CheckOut,
                at: now,
                officer: officer.clone(),
            };
            open.store
                .record_field_work(
                    check_in.account_id,
                    &FieldWork {
                        rows: vec![FieldRow::LoneWorking(row)],
                        ..FieldWork::default()
                    },
                    &outbox(id, "checked_out", payload),
                )
                .await
                .map_err(api_error)?;
        }
        Ok(lone_working_at(open, &officer, now).await?.1)
    }

    /// The officer's open check-ins now; a check-in found overdue is logged for head office.
    pub async fn get_lone_working(&self) -> Result<LoneWorkingView, ApiError> {
        self.get_lone_working_at(Utc::now()).await
    }

    /// As `get_lone_working`, at a given instant (for scripts and tests of the overdue rule).
    pub async fn get_lone_working_at(
        &self,
        now: DateTime<Utc>,
    ) -> Result<LoneWorkingView, ApiError> {
        let officer = self.config().officer_name.clone();
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        // Polling is not the officer's activity: it must not hold off the idle lock.
        Ok(lone_working_at(open, &officer, now).await?.1)
    }

    /// Records what happened at the door, in the diary; a promise to pay pauses escalation
    /// until the promised date.
    pub async fn record_visit(
        &self,
        request: &RecordVisitRequest,
    ) -> Result<AccountDetail, ApiError> {
        let id = command_id(&request.command_id)?;
        let checked = check_visit(request, today())?;
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        self.write_then_show(
            &request.payment_reference.clone(),
            move |open, account_id| {
                Box::pin(async move {
                    let work = visit_work(id, account_id, &request, &checked, &officer);
                    let payload = serde_json::json!({
                        "payment_reference": request.payment_reference.trim(),
                        "visit_id": id.to_string(),
                        "visited_on": request.visited_on,
                        "outcome": request.outcome,
                        "spoke_to": checked.spoke_to,
                        "authority": request.authority,
                        "promise_amount": checked.promise.map(|(amount, _)| amount.to_string()),
                        "promise_on": checked.promise.map(|(_, on)| on),
                        "next_steps": checked.next_steps,
                        "note": checked.note,
                        "officer": officer,
                    });
                    open.store
                        .record_field_work(
                            account_id,
                            &work,
                            &outbox(id, "visit_recorded", payload),
                        )
                        .await
                        .map_err(api_error)?;
                    Ok(())
                })
            },
        )
        .await
    }

    /// Records a cheque taken on a visit: the credit now, the cheque with the officer until it
    /// is banked.
    pub async fn record_cheque(
        &self,
        request: &RecordChequeRequest,
    ) -> Result<AccountDetail, ApiError> {
        let id = command_id(&request.command_id)?;
        let cheque_number = request.cheque_number.trim().to_string();
        if cheque_number.len() != CHEQUE_NUMBER_DIGITS
            || !cheque_number
                .chars()
                .all(|character| character.is_ascii_digit())
        {
            return Err(invalid(
                "cheque_number",
                format!("A cheque number is the {CHEQUE_NUMBER_DIGITS} digits printed at the bottom left of the cheque."),
            ));
        }
        let drawer =
            crate::work::short_text("drawer", &request.drawer, "the name the cheque is drawn on")?;
        let today = today();
        if request.dated_on > today {
            return Err(invalid(
                "dated_on",
                "The cheque is post-dated: it cannot be banked yet, so do not take it.",
            ));
        }
        if (today - request.dated_on).num_days() > CHEQUE_STALE_DAYS {
            return Err(invalid(
                "dated_on",
                "The cheque is more than six months old: banks refuse it. Ask for a new one.",
            ));
        }
        let entry = payment_entry(
            &RecordPaymentRequest {
                payment_reference: request.payment_reference.clone(),
                command_id: request.command_id.clone(),
                method: RecordedPaymentMethod::Cheque,
                amount: request.amount.clone(),
                received_on: request.received_on,
                note: format!("cheque {cheque_number}"),
            },
            id,
            today,
        )?;
        let amount = -entry.amount;
        let officer = self.config().officer_name.clone();
        let reference = request.payment_reference.trim().to_string();
        let received_on = request.received_on;
        let dated_on = request.dated_on;
        self.write_then_show(&request.payment_reference, move |open, account_id| {
            Box::pin(async move {
                let record = ChequeRecord {
                    id,
                    account_id,
                    entry_id: entry.id,
                    cheque_number: cheque_number.clone(),
                    drawer: drawer.clone(),
                    amount_pence: money_to_pence(amount)
                        .map_err(|error| invalid("amount", error.to_string()))?,
                    dated_on,
                    received_on,
                    status: "with_officer".into(),
                    status_at: Utc::now(),
                    reversal_entry_id: None,
                };
                let payload = serde_json::json!({
                    "payment_reference": reference,
                    "cheque_id": id.to_string(),
                    "entry_id": entry.id.to_string(),
                    "cheque_number": cheque_number,
                    "drawer": drawer,
                    "amount": amount.to_string(),
                    "dated_on": dated_on,
                    "received_on": received_on,
                    "officer": officer,
                });
                open.store
                    .record_field_work(
                        account_id,
                        &FieldWork {
                            entries: vec![entry],
                            rows: vec![FieldRow::Cheque(record)],
                            ..FieldWork::default()
                        },
                        &outbox(id, "cheque_received", payload),
                    )
                    .await
                    .map_err(api_error)?;
                Ok(())
            })
        })
        .await
    }

    /// A cheque banked, or returned unpaid: a return reverses its credit, notes it in the diary
    /// and puts the account at the top of the worklist until the tenant is contacted.
    pub async fn set_cheque_status(
        &self,
        request: &ChequeStatusRequest,
    ) -> Result<AccountDetail, ApiError> {
        let id = command_id(&request.command_id)?;
        let cheque_id = Uuid::parse_str(request.cheque_id.trim())
            .map_err(|_| invalid("cheque_id", "That cheque is not on this account."))?;
        let returned = match request.status.as_str() {
            "banked" => false,
            "returned" => true,
            _ => return Err(invalid("status", "A cheque is either banked or returned.")),
        };
        let reason = note("reason", &request.reason)?;
        if returned && reason.is_empty() {
            return Err(invalid(
                "reason",
                "Say why the bank returned it (for example, \"refer to drawer\").",
            ));
        }
        let officer = self.config().officer_name.clone();
        let reference = request.payment_reference.trim().to_string();
        self.write_then_show(&request.payment_reference, move |open, account_id| {
            Box::pin(async move {
                let cheques = open.store.cheques(account_id).await.map_err(api_error)?;
                let cheque = cheques
                    .iter()
                    .find(|cheque| cheque.id == cheque_id)
                    .ok_or_else(|| invalid("cheque_id", "That cheque is not on this account."))?;
                let allowed = matches!(
                    (cheque.status.as_str(), returned),
                    ("with_officer", _) | ("banked", true)
                );
                if !allowed {
                    if open.store.command_recorded(id).await.map_err(api_error)? {
                        return Ok(()); // This very change was recorded already: a retry.
                    }
                    return Err(invalid(
                        "status",
                        format!("Cheque {} is already {}.", cheque.cheque_number, cheque_status_label(&cheque.status).to_lowercase()),
                    ));
                }
                let now = Utc::now();
                let mut work = FieldWork::default();
                let mut reversal_entry_id = None;
                if returned {
                    let entries = open
                        .store
                        .entries_for_account(account_id)
                        .await
                        .map_err(api_error)?;
                    let reversal = reverse(
                        &entries,
                        cheque.entry_id,
                        id,
                        today(),
                        &format!("Cheque {} returned unpaid: {reason}", cheque.cheque_number),
                    )
                    .map_err(|error| invalid("cheque_id", error.to_string()))?;
                    reversal_entry_id = Some(reversal.id);
                    work.entries.push(reversal);
                    work.diary = Some(DiaryRecord {
                        id,
                        account_id,
                        happened_on: today(),
                        recorded_at: now,
                        officer: officer.clone(),
                        code: PAYMENT_RETURNED_CODE.into(),
                        note: format!(
                            "Cheque {} for {} received on {} was returned unpaid ({reason}); the credit is reversed",
                            cheque.cheque_number,
                            format_money(money_from_pence(cheque.amount_pence)),
                            doorstep_documents::long_date(&cheque.received_on),
                        ),
                    });
                }
                work.rows.push(FieldRow::ChequeStatus {
                    id: cheque_id,
                    status: if returned { "returned" } else { "banked" }.into(),
                    status_at: now,
                    reversal_entry_id,
                });
                let payload = serde_json::json!({
                    "payment_reference": reference,
                    "cheque_id": cheque_id.to_string(),
                    "status": if returned { "returned" } else { "banked" },
                    "reversal_entry_id": reversal_entry_id.map(|id| id.to_string()),
                    "reason": reason,
                    "officer": officer,
                });
                let kind = if returned { "cheque_returned" } else { "cheque_banked" };
                open.store
                    .record_field_work(account_id, &work, &outbox(id, kind, payload))
                    .await
                    .map_err(api_error)?;
                Ok(())
            })
        })
        .await
    }
}

pub(crate) fn cheque_status_label(status: &str) -> &'static str {
    match status {
        "with_officer" => "With the officer",
        "banked" => "Banked",
        "returned" => "Returned unpaid",
        _ => "Unknown",
    }
}

pub(crate) fn cheque_view(record: &ChequeRecord) -> ChequeView {
    ChequeView {
        cheque_id: record.id.to_string(),
        cheque_number: record.cheque_number.clone(),
        drawer: record.drawer.clone(),
        amount: money_from_pence(record.amount_pence),
        received_on: record.received_on,
        status: cheque_status_label(&record.status).to_string(),
        can_bank: record.status == "with_officer",
        can_return: record.status != "returned",
    }
}

/// A visit form, checked.
struct CheckedVisit {
    outcome: VisitOutcome,
    spoke_to: Option<String>,
    authority: Option<AuthorityToDiscuss>,
    note: String,
    promise: Option<(Decimal, NaiveDate)>,
    next_steps: String,
}

fn parse_code<T: serde::de::DeserializeOwned>(
    field: &str,
    code: &str,
    what: &str,
) -> Result<T, ApiError> {
    crate::work::code_from(code).ok_or_else(|| invalid(field, format!("Choose {what}.")))
}

fn check_visit(request: &RecordVisitRequest, today: NaiveDate) -> Result<CheckedVisit, ApiError> {
    let outcome: VisitOutcome =
        parse_code("outcome", &request.outcome, "what happened at the door")?;
    if request.visited_on > today {
        return Err(invalid(
            "visited_on",
            "A visit is recorded after it happens; the date cannot be in the future.",
        ));
    }
    if (today - request.visited_on).num_days() > VISIT_BACKDATE_DAYS_MAX {
        return Err(invalid("visited_on", format!("Record visits within {VISIT_BACKDATE_DAYS_MAX} days; add older ones as a diary note.")));
    }
    let (spoke_to, authority) = if outcome == VisitOutcome::SpokeToSomeoneElse {
        let name = crate::work::short_text("spoke_to", &request.spoke_to, "who you spoke to")?;
        let authority: AuthorityToDiscuss = parse_code(
            "authority",
            request.authority.as_deref().unwrap_or_default(),
            "their authority to discuss the account",
        )?;
        (Some(name), Some(authority))
    } else {
        (None, None)
    };
    let promise_text = request.promise_amount.trim();
    let promise = if promise_text.is_empty() {
        None
    } else {
        if outcome == VisitOutcome::NoAccess
            || authority.is_some_and(|authority| !authority.may_discuss())
        {
            return Err(invalid("promise_amount", "A promise to pay is made by the tenant or someone with authority; with no one to discuss the account, leave it blank."));
        }
        let amount = parse_pounds(promise_text)
            .filter(|amount| *amount > Decimal::ZERO)
            .ok_or_else(|| invalid("promise_amount", format!("\"{promise_text}\" is not an amount of money; type pounds and pence, like 50.00.")))?;
        let on = request.promise_on.ok_or_else(|| {
            invalid(
                "promise_on",
                "Enter the date the tenant promised to pay by.",
            )
        })?;
        if on < request.visited_on || (on - today).num_days() > PROMISE_DAYS_MAX {
            return Err(invalid("promise_on", format!("A promise is kept within {PROMISE_DAYS_MAX} days of today; agree an arrangement for longer.")));
        }
        Some((amount, on))
    };
    Ok(CheckedVisit {
        outcome,
        spoke_to,
        authority,
        note: note("note", &request.note)?,
        promise,
        next_steps: note("next_steps", &request.next_steps)?,
    })
}

/// The visit's diary words: outcome, who, the officer's note, the promise and the next steps.
fn visit_words(checked: &CheckedVisit) -> String {
    let mut words = checked.outcome.label().to_string();
    if let (Some(name), Some(authority)) = (&checked.spoke_to, checked.authority) {
        words.push_str(&format!(": {name} ({})", authority.label()));
    }
    words.push('.');
    if !checked.note.is_empty() {
        words.push_str(&format!(" {}", checked.note));
    }
    if let Some((amount, on)) = checked.promise {
        words.push_str(&format!(
            " Promise to pay {} by {}.",
            format_money(amount),
            doorstep_documents::long_date(&on)
        ));
    }
    if !checked.next_steps.is_empty() {
        words.push_str(&format!(" Next: {}", checked.next_steps));
    }
    words
}

fn visit_work(
    id: Uuid,
    account_id: i64,
    request: &RecordVisitRequest,
    checked: &CheckedVisit,
    officer: &str,
) -> FieldWork {
    let now = Utc::now();
    let outcome_code = match checked.outcome {
        VisitOutcome::NoAccess => "no_access",
        VisitOutcome::SpokeToTenant => "spoke_to_tenant",
        VisitOutcome::SpokeToSomeoneElse => "spoke_to_someone_else",
    };
    let hold = checked.promise.map(|(amount, on)| HoldRecord {
        id,
        account_id,
        kind: HoldKind::Pause,
        pause_reason: Some(crate::account_state::pause_reason_code(
            doorstep_domain::worklist::PauseReason::PromiseOfPayment,
        )),
        until_on: on,
        recorded_at: now,
        officer: officer.to_string(),
        note: format!("Promised {} on a home visit", format_money(amount)),
    });
    FieldWork {
        entries: Vec::new(),
        diary: Some(DiaryRecord {
            id,
            account_id,
            happened_on: request.visited_on,
            recorded_at: now,
            officer: officer.to_string(),
            code: "home_visit".into(),
            note: visit_words(checked),
        }),
        hold,
        rows: vec![FieldRow::Visit(VisitRecord {
            id,
            account_id,
            outcome: outcome_code.into(),
            spoke_to: checked.spoke_to.clone(),
            authority: checked
                .authority
                .map(|authority| crate::work::code_of(&authority)),
            promise_pence: checked
                .promise
                .and_then(|(amount, _)| money_to_pence(amount).ok()),
            promise_on: checked.promise.map(|(_, on)| on),
            next_steps: checked.next_steps.clone(),
        })],
    }
}

async fn round_view(
    open: &Unlocked,
    visit_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<RoundView, ApiError> {
    let planned = open.store.round(visit_on).await.map_err(api_error)?;
    let flags = open.store.flags(None).await.map_err(api_error)?;
    let check_ins = if visit_on == today() {
        check_ins_shown(open, now).await?
    } else {
        Vec::new()
    };
    let visited = open
        .store
        .diary_accounts_on("home_visit", visit_on)
        .await
        .map_err(api_error)?;
    let mut stops = Vec::with_capacity(planned.len());
    for visit in &planned {
        let Some(account) = open.caseload.account_by_id(visit.account_id) else {
            continue; // No longer in the caseload: nothing to show.
        };
        let warnings: Vec<String> = flags
            .iter()
            .filter(|flag| flag.account_id == visit.account_id)
            .map(flag_warning)
            .collect();
        let check_in = check_ins
            .iter()
            .rev()
            .find(|record| record.account_id == visit.account_id)
            .map(|record| check_in_view(open, record, now));
        stops.push(RoundStopView {
            position: visit.position,
            appointment_time: visit.appointment_time,
            duration_minutes: visit.duration_minutes,
            payment_reference: account.record.payment_reference.clone(),
            tenant_names: tenant_names(&account.record),
            address: address(&account.record),
            postcode: account.record.postcode.clone(),
            balance: account.state.balance,
            arrears_weeks: account.state.weeks_of_rent,
            next_action: account.state.verdict.action.label(),
            warnings,
            check_in,
            visited: visited.contains(&visit.account_id),
        });
    }
    let alone_count = stops
        .iter()
        .filter(|stop| !stop.warnings.is_empty())
        .count();
    let warnings = match alone_count {
        0 => Vec::new(),
        1 => vec![
            "1 visit is flagged 'do not visit alone': arrange a colleague before you go."
                .to_string(),
        ],
        count => vec![format!(
            "{count} visits are flagged 'do not visit alone': arrange a colleague before you go."
        )],
    };
    Ok(RoundView {
        visit_on,
        stops,
        warnings,
    })
}
