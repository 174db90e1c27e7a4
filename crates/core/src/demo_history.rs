//! The demo patch's past work (diary, arrangements, holds) as store history, so a trainee's
//! worklist looks like a real patch rather than every account at its first letter.

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use doorstep_demo::{AccountWork, DemoCaseload, DemoHoldKind};
use doorstep_domain::arrangement::{Arrangement, ArrangementState};
use doorstep_store::{
    AccountHistory, ArrangementRecord, ArrangementStateRecord, DiaryRecord, FlagRecord, HoldKind,
    HoldRecord, Store, StoreError,
};
use uuid::Uuid;

use crate::account_state::pause_reason_code;

const DEMO_OFFICER: &str = "Demo officer";

/// Noon on the day: the demo knows dates, not times, and must be the same on every machine.
fn noon(date: NaiveDate) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()))
}

/// Ids derived from the account and position keep the demo byte-for-byte reproducible.
fn demo_id(account_id: i64, kind: u8, index: usize) -> Uuid {
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
            id: demo_id(account_id, 1, index),
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
            Ok(ArrangementRecord {
                id: demo_id(account_id, 2, index),
                account_id,
                states: vec![ArrangementStateRecord {
                    state: ArrangementState::Live,
                    on_date: terms.agreed_on,
                    reason: "Agreed with the tenant".to_string(),
                }],
                arrangement,
                officer: DEMO_OFFICER.to_string(),
                note: String::new(),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let holds = work
        .holds
        .iter()
        .enumerate()
        .map(|(index, hold)| HoldRecord {
            id: demo_id(account_id, 3, index),
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
    for (account, work) in caseload.accounts.iter().zip(&caseload.work) {
        if let Some(&account_id) = ids.get(&account.payment_reference) {
            histories.push(history(account_id, work, today)?);
        }
    }
    store.insert_history(&histories).await?;
    store
        .insert_flags(&demo_flags(ids.values().copied(), today))
        .await
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
            id: demo_id(account_id, 4, 0),
            account_id,
            flag: crate::visits::DO_NOT_VISIT_ALONE.to_string(),
            note: NOTES[index % NOTES.len()].to_string(),
            recorded_at: noon(today),
        })
        .collect()
}
