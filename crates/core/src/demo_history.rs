//! The demo patch's past work (diary, arrangements, holds, notices and claims) as store history,
//! so a trainee's worklist looks like a real patch rather than every account at its first
//! letter, and the presenting officer's court file has notices, evidence and orders to show.

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use doorstep_demo::{AccountWork, DemoCaseload, DemoHoldKind, DEMO_NOTICE_METHOD};
use doorstep_domain::arrangement::{Arrangement, ArrangementKind, ArrangementState};
use doorstep_domain::money::format_money;
use doorstep_store::{
    AccountHistory, ArrangementRecord, ArrangementStateRecord, ClaimRecord, CourtRow, DiaryRecord,
    FlagRecord, HearingOutcomeRecord, HoldKind, HoldRecord, NoticeRecord, NoticeServiceRecord,
    Store, StoreError,
};
use uuid::Uuid;

use crate::account_state::pause_reason_code;

pub(crate) const DEMO_OFFICER: &str = "Demo officer";

/// Noon on the day: the demo knows dates, not times, and must be the same on every machine.
pub(crate) fn noon(date: NaiveDate) -> chrono::DateTime<Utc> {
    at(date, 12)
}

fn at(date: NaiveDate, hour: u32) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default()))
}

/// Kinds of demo id, one per table, so no two records share an id.
const ID_DIARY: u8 = 1;
const ID_ARRANGEMENT: u8 = 2;
const ID_HOLD: u8 = 3;
const ID_FLAG: u8 = 4;
const ID_NOTICE: u8 = 5;
const ID_NOTICE_SERVICE: u8 = 6;
const ID_CLAIM: u8 = 7;
const ID_HEARING_OUTCOME: u8 = 8;

/// Ids derived from the account and position keep the demo byte-for-byte reproducible.
pub(crate) fn demo_id(account_id: i64, kind: u8, index: usize) -> Uuid {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&account_id.to_be_bytes());
    bytes[8] = kind;
    bytes[9..].copy_from_slice(&(index as u64).to_be_bytes()[1..]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

fn history(
    account_id: i64,
    work: &AccountWork,
    today: NaiveDate,
) -> Result<AccountHistory, StoreError> {
    let diary = work
        .diary
        .iter()
        .enumerate()
        .map(|(index, entry)| DiaryRecord {
            id: demo_id(account_id, ID_DIARY, index),
            account_id,
            happened_on: entry.happened_on,
            recorded_at: noon(entry.happened_on),
            officer: DEMO_OFFICER.to_string(),
            code: entry.code.clone(),
            note: entry.note.clone(),
        })
        .collect();
    let arrangements = work
        .arrangement
        .iter()
        .enumerate()
        .map(|(index, terms)| {
            let arrangement =
                Arrangement::new(terms.clone()).map_err(|error| StoreError::Corrupt {
                    what: format!("a demo arrangement: {error}"),
                })?;
            // A court's terms are recorded as the app records a hearing outcome's.
            let (reason, note) = match terms.kind {
                ArrangementKind::CourtOrdered => (
                    "Ordered by the court",
                    format!(
                        "Terms of the order of {} (Suspended possession order on terms)",
                        terms.agreed_on.format("%-d %B %Y")
                    ),
                ),
                _ => ("Agreed with the tenant", String::new()),
            };
            Ok(ArrangementRecord {
                id: demo_id(account_id, ID_ARRANGEMENT, index),
                account_id,
                states: vec![ArrangementStateRecord {
                    state: ArrangementState::Live,
                    on_date: terms.agreed_on,
                    reason: reason.to_string(),
                }],
                arrangement,
                officer: DEMO_OFFICER.to_string(),
                note,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let holds = work
        .holds
        .iter()
        .enumerate()
        .map(|(index, hold)| HoldRecord {
            id: demo_id(account_id, ID_HOLD, index),
            account_id,
            kind: match hold.kind {
                DemoHoldKind::Pause => HoldKind::Pause,
                DemoHoldKind::CourtDate => HoldKind::CourtDate,
                DemoHoldKind::EvictionDate => HoldKind::EvictionDate,
                DemoHoldKind::BreathingSpace => HoldKind::BreathingSpace,
            },
            pause_reason: hold.pause_reason.map(pause_reason_code),
            until_on: hold.until,
            recorded_at: noon(today.min(hold.until)),
            officer: DEMO_OFFICER.to_string(),
            note: hold.note.clone(),
        })
        .collect();
    Ok(AccountHistory {
        diary,
        arrangements,
        holds,
    })
}

fn pence(amount: rust_decimal::Decimal, what: &str) -> Result<i64, StoreError> {
    doorstep_domain::money::money_to_pence(amount).map_err(|error| StoreError::Corrupt {
        what: format!("a demo {what} of {}: {error}", format_money(amount)),
    })
}

/// The account's notices, their service and its claim, in the order the store needs them
/// (each row after those it refers to). A hearing's order refers to the account's
/// arrangement, which `history` writes first.
fn court_rows(account_id: i64, work: &AccountWork) -> Result<Vec<CourtRow>, StoreError> {
    let mut rows = Vec::new();
    let mut services_count = 0;
    for (notice_index, notice) in work.notices.iter().enumerate() {
        let notice_id = demo_id(account_id, ID_NOTICE, notice_index);
        rows.push(CourtRow::Notice(NoticeRecord {
            id: notice_id,
            account_id,
            kind: notice.kind.clone(),
            rule_set_id: notice.rule_set_id.clone(),
            grounds: notice.grounds.clone(),
            arrears_pence: pence(notice.arrears, "notice's arrears")?,
            arrears_on: notice.served_on,
            particulars: notice.particulars.clone(),
            planned_service_on: notice.served_on,
            planned_method: DEMO_NOTICE_METHOD.to_string(),
            date_specified: notice.date_specified,
            proceedings_from: notice.proceedings_from,
            expires_on: notice.expires_on,
            // Drafted first thing, served at 10:30, recorded at noon.
            drafted_at: at(notice.served_on, 9),
            officer: DEMO_OFFICER.to_string(),
        }));
        for service in &notice.services {
            rows.push(CourtRow::NoticeService(NoticeServiceRecord {
                id: demo_id(account_id, ID_NOTICE_SERVICE, services_count),
                notice_id,
                person_name: service.person_name.clone(),
                method: DEMO_NOTICE_METHOD.to_string(),
                served_on: notice.served_on,
                served_at: Some(doorstep_demo::DEMO_NOTICE_SERVED_AT),
                served_by: DEMO_OFFICER.to_string(),
                deemed_served_on: service.deemed_served_on,
                recorded_at: noon(notice.served_on),
            }));
            services_count += 1;
        }
    }
    for (claim_index, claim) in work.claims.iter().enumerate() {
        let claim_id = demo_id(account_id, ID_CLAIM, claim_index);
        rows.push(CourtRow::Claim(ClaimRecord {
            id: claim_id,
            account_id,
            notice_id: demo_id(account_id, ID_NOTICE, claim.notice_index),
            issued_on: claim.issued_on,
            claim_number: claim.claim_number.clone(),
            court: claim.court.clone(),
            amount_due_pence: pence(claim.amount_due, "claim's amount due")?,
            daily_rate_pence: pence(claim.daily_rate, "daily rate")?,
            fee_pence: pence(claim.fee, "court fee")?,
            recorded_at: noon(claim.issued_on),
            officer: DEMO_OFFICER.to_string(),
        }));
        // The order's terms are the account's one arrangement, court-ordered.
        let ordered = work
            .arrangement
            .as_ref()
            .filter(|terms| terms.kind == ArrangementKind::CourtOrdered)
            .ok_or_else(|| StoreError::Corrupt {
                what: format!(
                    "demo claim {} has no court-ordered terms",
                    claim.claim_number
                ),
            })?;
        debug_assert_eq!(ordered.agreed_on, claim.hearing.hearing_on);
        rows.push(CourtRow::HearingOutcome(HearingOutcomeRecord {
            id: demo_id(account_id, ID_HEARING_OUTCOME, claim_index),
            account_id,
            claim_id,
            hearing_on: claim.hearing.hearing_on,
            outcome: claim.hearing.outcome.clone(),
            possession_on: None,
            next_hearing_on: None,
            arrangement_id: Some(demo_id(account_id, ID_ARRANGEMENT, 0)),
            note: claim.hearing.note.clone(),
            recorded_at: noon(claim.hearing.hearing_on),
            officer: DEMO_OFFICER.to_string(),
        }));
    }
    Ok(rows)
}

pub(crate) async fn insert_demo(
    store: &Store,
    caseload: &DemoCaseload,
    today: NaiveDate,
) -> Result<(), StoreError> {
    store.insert_accounts(&caseload.accounts).await?;
    let ids: std::collections::HashMap<String, i64> = store
        .accounts()
        .await?
        .into_iter()
        .map(|record| (record.payment_reference, record.id))
        .collect();
    let mut histories = Vec::with_capacity(caseload.work.len());
    let mut court = Vec::new();
    for (account, work) in caseload.accounts.iter().zip(&caseload.work) {
        if let Some(&account_id) = ids.get(&account.payment_reference) {
            histories.push(history(account_id, work, today)?);
            court.extend(court_rows(account_id, work)?);
        }
    }
    store.insert_history(&histories).await?;
    store.insert_court_history(&court).await?;
    store
        .insert_flags(&demo_flags(ids.values().copied(), today))
        .await?;
    crate::demo_people::insert_demo_people(store, today).await
}

/// About one account in nineteen carries a "do not visit alone" flag, as a patch's warning
/// markers do; chosen by account id so the patch is the same on every machine.
fn demo_flags(account_ids: impl Iterator<Item = i64>, today: NaiveDate) -> Vec<FlagRecord> {
    const NOTES: [&str; 3] = [
        "aggressive dog at the property; visit in pairs",
        "threatening behaviour towards staff reported in 2025",
        "visitor at the address has a history of violence",
    ];
    let mut ids: Vec<i64> = account_ids.filter(|id| id % 19 == 7).collect();
    ids.sort_unstable();
    ids.into_iter()
        .enumerate()
        .map(|(index, account_id)| FlagRecord {
            id: demo_id(account_id, ID_FLAG, 0),
            account_id,
            flag: crate::visits::DO_NOT_VISIT_ALONE.to_string(),
            note: NOTES[index % NOTES.len()].to_string(),
            recorded_at: noon(today),
            officer: String::new(),
            ends_flag_id: None,
        })
        .collect()
}
