//! The demo patch's supported-living records: the appointees, deputies and attorneys its
//! tenancies name, recorded with evidence (so the people screen and the court file's warnings
//! have something to show), flags on some of their accounts, and a Housing Benefit notification
//! or two. Deterministic: chosen by account id and dated from the tenancy, never the clock.

use chrono::{Days, NaiveDate};
use doorstep_domain::benefits::{Benefit, BenefitPaidTo};
use doorstep_domain::money::money_to_pence;
use doorstep_domain::tenancy::PersonRole;
use doorstep_store::{
    AccountRecord, FlagRecord, HbNotificationRecord, HbRow, PeopleRow, RepresentativeRecord, Store,
    StoreError,
};
use rust_decimal::Decimal;

use crate::demo_history::{demo_id, noon, DEMO_OFFICER};

const ID_REPRESENTATIVE: u8 = 20;
const ID_SUPPORT_FLAG: u8 = 21;
const ID_HB_NOTIFICATION: u8 = 22;
/// Notifications in the demo: enough to show the screen, few enough to leave the patch as it is.
const DEMO_HB_NOTIFICATIONS_MAX: usize = 2;

fn representative(
    record: &AccountRecord,
    index: usize,
    name: &str,
    role: PersonRole,
    today: NaiveDate,
) -> Option<RepresentativeRecord> {
    let (kind, covers, reference) = match role {
        PersonRole::Appointee => (
            "appointee",
            vec!["benefits"],
            format!("DWP/APP/{:05}", record.id),
        ),
        // Demo deputies have no authority to conduct proceedings, so the court file warns.
        PersonRole::Deputy => (
            "deputy",
            vec!["finances"],
            format!("COP {}", 13_000_000 + record.id),
        ),
        PersonRole::Attorney => (
            "attorney",
            vec!["finances"],
            format!("LPA 7000-{:04}", record.id),
        ),
        _ => return None,
    };
    let id = demo_id(record.id, ID_REPRESENTATIVE, index);
    let seen_on = (record.tenancy_start + Days::new(30)).min(today);
    Some(RepresentativeRecord {
        id,
        person_id: id,
        account_id: record.id,
        name: name.to_string(),
        kind: kind.to_string(),
        covers: covers.into_iter().map(str::to_string).collect(),
        evidence_reference: reference,
        seen_on,
        seen_by: DEMO_OFFICER.to_string(),
        expires_on: None,
        litigation_authorised_by_court: false,
        phone: String::new(),
        recorded_at: noon(seen_on),
        officer: DEMO_OFFICER.to_string(),
    })
}

fn people_rows(records: &[AccountRecord], today: NaiveDate) -> Vec<PeopleRow> {
    let mut rows = Vec::new();
    for record in records {
        let mut flagged = None;
        for (index, person) in record.people.iter().enumerate() {
            if let Some(row) = representative(record, index, &person.full_name, person.role, today)
            {
                flagged = flagged.or(match person.role {
                    PersonRole::Deputy | PersonRole::Attorney => Some((
                        "mental_capacity",
                        "lacks capacity to manage the tenancy's finances; contact through the deputy or attorney",
                    )),
                    _ => Some(("vulnerability", "learning disability; supported living; explain letters in easy read")),
                });
                rows.push(PeopleRow::Representative(row));
            }
        }
        if let Some((flag, note)) = flagged {
            rows.push(PeopleRow::Flag(FlagRecord {
                id: demo_id(record.id, ID_SUPPORT_FLAG, 0),
                account_id: record.id,
                flag: flag.to_string(),
                note: note.to_string(),
                recorded_at: noon(today),
                officer: DEMO_OFFICER.to_string(),
                ends_flag_id: None,
            }));
        }
    }
    rows
}

/// A change of award at the same weekly amount on the first accounts paid Housing Benefit
/// direct: the screen shows a notification, and the patch's figures stay as simulated (to
/// the penny the weekly rounding may move).
fn hb_rows(records: &[AccountRecord], today: NaiveDate) -> Vec<HbRow> {
    records
        .iter()
        .filter_map(|record| {
            let award = record.benefit_awards.iter().find(|award| {
                award.benefit == Benefit::HousingBenefit && award.paid_to == BenefitPaidTo::Landlord
            })?;
            let weekly = (award.amount / Decimal::from(4))
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            let effective_from = today.checked_sub_days(Days::new(21))?;
            Some(HbRow::Notification(HbNotificationRecord {
                id: demo_id(record.id, ID_HB_NOTIFICATION, 0),
                account_id: record.id,
                council_reference: format!("HB/{:06}", 400_000 + record.id),
                kind: "change".to_string(),
                weekly_amount_pence: money_to_pence(weekly).ok()?,
                paid_to: "landlord".to_string(),
                effective_from,
                effective_to: None,
                notified_on: effective_from,
                recorded_at: noon(effective_from),
                officer: DEMO_OFFICER.to_string(),
            }))
        })
        .take(DEMO_HB_NOTIFICATIONS_MAX)
        .collect()
}

pub(crate) async fn insert_demo_people(store: &Store, today: NaiveDate) -> Result<(), StoreError> {
    let mut records = store.accounts().await?;
    records.sort_by_key(|record| record.id);
    store
        .insert_supported_living_history(&people_rows(&records, today), &hb_rows(&records, today))
        .await
}
