//! A synthetic head office: the demo generator's accounts (the same patch the app's demo
//! shows) written as the housing management system's extract would, assigned to one officer.
//! For trying the reconcile end to end, the end-to-end test and the benchmarks.

use doorstep_demo::DemoOptions;
use doorstep_domain::ledger::{Entry, EntryKind};
use doorstep_domain::money::money_to_pence;
use doorstep_domain::tenancy::RentAccount;
use doorstep_sync::{EntrySnapshot, PersonSnapshot, RentChangeSnapshot};

use crate::accounts::{self, Posting, Source, Tenancy};
use crate::admin::{self, OfficerRow};
use crate::db::Db;
use crate::error::Error;

/// Loads the demo patch for `options` and assigns it to `officer`; returns how many accounts.
pub async fn load(db: &Db, officer: &OfficerRow, options: &DemoOptions) -> Result<usize, Error> {
    let caseload = doorstep_demo::generate(options);
    let mut transaction = db.write().await?;
    for account in &caseload.accounts {
        write_account(&mut transaction, account).await?;
    }
    transaction.commit().await?;
    let references: Vec<String> = caseload
        .accounts
        .iter()
        .map(|account| account.payment_reference.clone())
        .collect();
    for chunk in references.chunks(500) {
        admin::assign(db, officer, chunk).await?;
    }
    Ok(references.len())
}

async fn write_account(
    transaction: &mut crate::db::Tx,
    account: &RentAccount,
) -> Result<(), Error> {
    let connection = &mut **transaction;
    accounts::upsert_tenancy(
        connection,
        &Tenancy {
            payment_reference: account.payment_reference.clone(),
            tenancy_reference: account.tenancy_reference.clone(),
            tenure: column(&account.tenure)?,
            tenancy_start_date: account.tenancy_start,
            tenancy_end_date: None,
            address_line_1: account.address_line_1.clone(),
            address_line_2: account.address_line_2.clone(),
            town: account.town.clone(),
            postcode: account.postcode.clone(),
            rent_frequency: column(&account.schedule.frequency)?,
        },
    )
    .await?;
    let people = account
        .people
        .iter()
        .map(|person| {
            Ok(PersonSnapshot {
                role: column(&person.role)?,
                full_name: person.full_name.clone(),
                date_of_birth: person.date_of_birth,
                phone: person.phone.clone(),
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    accounts::replace_people(connection, &account.payment_reference, &people).await?;
    for change in &account.schedule.changes {
        accounts::set_rent(
            connection,
            &account.payment_reference,
            &RentChangeSnapshot {
                effective_from: change.effective_from,
                rent_pence: pence(change.components.rent)?,
                service_charge_pence: pence(change.components.service_charge)?,
            },
        )
        .await?;
    }
    for entry in &account.entries {
        let snapshot = entry_snapshot(entry)?;
        let reference = format!("DEMO-{}", entry.id);
        if let Posting::Refused(reason) = accounts::post_entry(
            connection,
            &account.payment_reference,
            &snapshot,
            Source::Hms,
            &reference,
        )
        .await?
        {
            return Err(Error::Invalid(format!(
                "demo account {}: {reason}",
                account.payment_reference
            )));
        }
    }
    Ok(())
}

fn entry_snapshot(entry: &Entry) -> Result<EntrySnapshot, Error> {
    let (kind, detail, reverses) = match &entry.kind {
        EntryKind::Charge { charge } => ("charge", Some(column(charge)?), None),
        EntryKind::Payment { method } => ("payment", Some(column(method)?), None),
        EntryKind::Adjustment => ("adjustment", None, None),
        EntryKind::Refund => ("refund", None, None),
        EntryKind::WriteOff => ("write_off", None, None),
        EntryKind::WriteOn => ("write_on", None, None),
        EntryKind::Reversal { reverses } => ("reversal", None, Some(*reverses)),
    };
    Ok(EntrySnapshot {
        id: entry.id,
        posted_on: entry.posted_on,
        kind: kind.to_string(),
        detail,
        amount_pence: pence(entry.amount)?,
        description: entry.description.clone(),
        reverses_entry_id: reverses,
    })
}

/// A domain enum as its snake_case column text (the same text the device's store uses).
fn column<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => Ok(text),
        _ => Err(Error::Invalid("a demo value has no column text".into())),
    }
}

fn pence(amount: rust_decimal::Decimal) -> Result<i64, Error> {
    money_to_pence(amount).map_err(|error| Error::Invalid(format!("a demo amount: {error}")))
}
