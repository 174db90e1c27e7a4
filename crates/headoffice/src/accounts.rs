//! Head office's accounts and authoritative ledger: written by imports and by devices'
//! commands, read into the snapshots devices pull.

use std::collections::HashMap;

use chrono::NaiveDate;
use doorstep_sync::{AccountSnapshot, EntrySnapshot, PersonSnapshot, RentChangeSnapshot};
use sqlx::any::AnyRow;
use sqlx::Row;
use uuid::Uuid;

use crate::changes;
use crate::db::{placeholders, Conn, Db};
use crate::error::Error;

pub const TENURES: [&str; 4] = ["secure", "assured", "starter", "licence"];
pub const RENT_FREQUENCIES: [&str; 4] = ["weekly", "fortnightly", "four_weekly", "monthly"];
pub const ENTRY_KINDS: [&str; 7] = [
    "charge",
    "payment",
    "adjustment",
    "refund",
    "write_off",
    "write_on",
    "reversal",
];

/// What a charge may be for, and how a payment may be made: the same words the app's ledger
/// uses, so every entry head office sends can be read on a laptop.
pub const CHARGE_KINDS: [&str; 5] = [
    "rent",
    "service_charge",
    "court_costs",
    "rechargeable_repair",
    "other",
];
pub const PAYMENT_METHODS: [&str; 9] = [
    "direct_debit",
    "standing_order",
    "card",
    "cheque",
    "cash_office",
    "pay_point",
    "housing_benefit",
    "universal_credit",
    "third_party",
];

/// Where a ledger entry came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The housing management system's extract; the reference is its transaction reference.
    Hms,
    /// An officer's device; the reference is the entry's own id.
    Device,
}

impl Source {
    fn text(self) -> &'static str {
        match self {
            Source::Hms => "hms",
            Source::Device => "device",
        }
    }
}

/// The tenancy fields of an account (people, rent and ledger are separate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenancy {
    pub payment_reference: String,
    pub tenancy_reference: String,
    pub tenure: String,
    pub tenancy_start_date: NaiveDate,
    pub tenancy_end_date: Option<NaiveDate>,
    pub address_line_1: String,
    pub address_line_2: Option<String>,
    pub town: String,
    pub postcode: String,
    pub rent_frequency: String,
}

/// Writes an account's tenancy; true if anything changed (the same row again changes nothing
/// and tells no device).
pub async fn upsert_tenancy(connection: &mut Conn, tenancy: &Tenancy) -> Result<bool, Error> {
    let existing = sqlx::query(
        "SELECT tenancy_reference, tenure, tenancy_start_date, tenancy_end_date, address_line_1, \
         address_line_2, town, postcode, rent_frequency FROM accounts WHERE payment_reference = $1",
    )
    .bind(&tenancy.payment_reference)
    .fetch_optional(&mut *connection)
    .await?;
    if let Some(row) = &existing {
        if tenancy_of(&tenancy.payment_reference, row)? == *tenancy {
            return Ok(false);
        }
    }
    let sql = if existing.is_some() {
        "UPDATE accounts SET tenancy_reference = $2, tenure = $3, tenancy_start_date = $4, \
         tenancy_end_date = $5, address_line_1 = $6, address_line_2 = $7, town = $8, \
         postcode = $9, rent_frequency = $10 WHERE payment_reference = $1"
    } else {
        "INSERT INTO accounts (payment_reference, tenancy_reference, tenure, tenancy_start_date, \
         tenancy_end_date, address_line_1, address_line_2, town, postcode, rent_frequency) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    };
    sqlx::query(sql)
        .bind(&tenancy.payment_reference)
        .bind(&tenancy.tenancy_reference)
        .bind(&tenancy.tenure)
        .bind(tenancy.tenancy_start_date.to_string())
        .bind(tenancy.tenancy_end_date.map(|date| date.to_string()))
        .bind(&tenancy.address_line_1)
        .bind(&tenancy.address_line_2)
        .bind(&tenancy.town)
        .bind(&tenancy.postcode)
        .bind(&tenancy.rent_frequency)
        .execute(&mut *connection)
        .await?;
    changes::account_changed(connection, &tenancy.payment_reference).await?;
    Ok(true)
}

/// Replaces the people named on an account; true if they differ from what was there.
pub async fn replace_people(
    connection: &mut Conn,
    payment_reference: &str,
    people: &[PersonSnapshot],
) -> Result<bool, Error> {
    let current = people_of(&mut *connection, &[payment_reference.to_string()]).await?;
    if current
        .get(payment_reference)
        .map(Vec::as_slice)
        .unwrap_or_default()
        == people
    {
        return Ok(false);
    }
    sqlx::query("DELETE FROM account_people WHERE payment_reference = $1")
        .bind(payment_reference)
        .execute(&mut *connection)
        .await?;
    for (position, person) in people.iter().enumerate() {
        sqlx::query(
            "INSERT INTO account_people (payment_reference, position, role, full_name, \
             date_of_birth, phone) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(payment_reference)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(&person.role)
        .bind(&person.full_name)
        .bind(person.date_of_birth.map(|date| date.to_string()))
        .bind(&person.phone)
        .execute(&mut *connection)
        .await?;
    }
    changes::account_changed(connection, payment_reference).await?;
    Ok(true)
}

/// Sets the rent from a date; true if it changed.
pub async fn set_rent(
    connection: &mut Conn,
    payment_reference: &str,
    change: &RentChangeSnapshot,
) -> Result<bool, Error> {
    let current: Option<(i64, i64)> = sqlx::query_as(
        "SELECT rent_pence, service_charge_pence FROM rent_changes \
         WHERE payment_reference = $1 AND effective_from = $2",
    )
    .bind(payment_reference)
    .bind(change.effective_from.to_string())
    .fetch_optional(&mut *connection)
    .await?;
    if current == Some((change.rent_pence, change.service_charge_pence)) {
        return Ok(false);
    }
    let sql = if current.is_some() {
        "UPDATE rent_changes SET rent_pence = $3, service_charge_pence = $4 \
         WHERE payment_reference = $1 AND effective_from = $2"
    } else {
        "INSERT INTO rent_changes (payment_reference, effective_from, rent_pence, \
         service_charge_pence) VALUES ($1, $2, $3, $4)"
    };
    sqlx::query(sql)
        .bind(payment_reference)
        .bind(change.effective_from.to_string())
        .bind(change.rent_pence)
        .bind(change.service_charge_pence)
        .execute(&mut *connection)
        .await?;
    changes::account_changed(connection, payment_reference).await?;
    Ok(true)
}

/// Why an entry cannot be posted, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posting {
    Posted,
    /// The same entry (same source reference and content) is already on the ledger.
    AlreadyPosted,
    Refused(String),
}

/// Posts one entry at the end of the account's ledger. The source reference makes it
/// idempotent: the same one again is `AlreadyPosted` if identical, refused if it differs.
pub async fn post_entry(
    connection: &mut Conn,
    payment_reference: &str,
    entry: &EntrySnapshot,
    source: Source,
    source_reference: &str,
) -> Result<Posting, Error> {
    // Two lookups, each on its unique index, rather than one with OR: PostgreSQL plans a
    // table it has not analysed yet (a first import, inside one transaction) as tiny, and
    // its plan for the OR was a full scan per entry — quadratic in the extract's size.
    let mut existing = None;
    for (column, value) in [
        ("source_reference", source_reference.to_string()),
        ("id", entry.id.to_string()),
    ] {
        existing = sqlx::query(&format!(
            "SELECT id, payment_reference, posted_on, kind, detail, amount_pence, description, \
             reverses_entry_id FROM ledger_entries WHERE {column} = $1"
        ))
        .bind(value)
        .fetch_optional(&mut *connection)
        .await?;
        if existing.is_some() {
            break;
        }
    }
    if let Some(row) = existing {
        let (reference, stored) = entry_of(&row)?;
        return Ok(if reference == payment_reference && stored == *entry {
            Posting::AlreadyPosted
        } else {
            Posting::Refused(format!(
                "{source_reference} is already posted with different details"
            ))
        });
    }
    if let Some(problem) = entry_problem(entry) {
        return Ok(Posting::Refused(problem));
    }
    if let Some(original) = entry.reverses_entry_id {
        let mirrored: Option<i64> = sqlx::query_scalar(
            "SELECT amount_pence FROM ledger_entries WHERE id = $1 AND payment_reference = $2 \
             AND kind <> 'reversal' AND NOT EXISTS (SELECT 1 FROM ledger_entries AS later \
             WHERE later.reverses_entry_id = $1)",
        )
        .bind(original.to_string())
        .bind(payment_reference)
        .fetch_optional(&mut *connection)
        .await?;
        if mirrored != Some(-entry.amount_pence) {
            return Ok(Posting::Refused(format!(
                "the reversal of {original} does not mirror an unreversed entry of account \
                 {payment_reference}"
            )));
        }
    }
    sqlx::query(
        "INSERT INTO ledger_entries (id, payment_reference, posted_on, kind, detail, \
         amount_pence, description, reverses_entry_id, source, source_reference) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(entry.id.to_string())
    .bind(payment_reference)
    .bind(entry.posted_on.to_string())
    .bind(&entry.kind)
    .bind(&entry.detail)
    .bind(entry.amount_pence)
    .bind(&entry.description)
    .bind(entry.reverses_entry_id.map(|id| id.to_string()))
    .bind(source.text())
    .bind(source_reference)
    .execute(&mut *connection)
    .await?;
    Ok(Posting::Posted)
}

/// What is wrong with an entry on its own, if anything.
pub fn entry_problem(entry: &EntrySnapshot) -> Option<String> {
    if !ENTRY_KINDS.contains(&entry.kind.as_str()) {
        return Some(format!("\"{}\" is not a kind of ledger entry", entry.kind));
    }
    if entry.amount_pence == 0 {
        return Some("an entry of £0.00 posts nothing".into());
    }
    if (entry.kind == "reversal") != entry.reverses_entry_id.is_some() {
        return Some("only a reversal names the entry it reverses".into());
    }
    if ["charge", "payment"].contains(&entry.kind.as_str()) != entry.detail.is_some() {
        return Some("charges and payments (only) say their kind or method".into());
    }
    match (entry.kind.as_str(), entry.detail.as_deref()) {
        ("charge", Some(charge)) if !CHARGE_KINDS.contains(&charge) => {
            return Some(format!(
                "\"{charge}\" is not a kind of charge (one of {})",
                CHARGE_KINDS.join(", ")
            ))
        }
        ("payment", Some(method)) if !PAYMENT_METHODS.contains(&method) => {
            return Some(format!(
                "\"{method}\" is not a payment method (one of {})",
                PAYMENT_METHODS.join(", ")
            ))
        }
        _ => {}
    }
    if entry.kind == "payment" && entry.amount_pence > 0 {
        return Some("a payment reduces the balance (its amount is negative)".into());
    }
    None
}

pub async fn exists(connection: &mut Conn, payment_reference: &str) -> Result<bool, Error> {
    let found: Option<String> =
        sqlx::query_scalar("SELECT payment_reference FROM accounts WHERE payment_reference = $1")
            .bind(payment_reference)
            .fetch_optional(&mut *connection)
            .await?;
    Ok(found.is_some())
}

/// Full snapshots of these accounts, in the order asked (unknown ones left out).
pub async fn snapshots(db: &Db, references: &[String]) -> Result<Vec<AccountSnapshot>, Error> {
    if references.is_empty() {
        return Ok(Vec::new());
    }
    let mut connection = db.pool().begin().await?;
    let list = placeholders(1, references.len());
    let sql = format!(
        "SELECT payment_reference, tenancy_reference, tenure, tenancy_start_date, \
         tenancy_end_date, address_line_1, address_line_2, town, postcode, rent_frequency \
         FROM accounts WHERE payment_reference IN ({list})"
    );
    let mut query = sqlx::query(&sql);
    for reference in references {
        query = query.bind(reference);
    }
    let mut tenancies = HashMap::new();
    for row in query.fetch_all(&mut *connection).await? {
        let reference: String = row.try_get("payment_reference")?;
        tenancies.insert(reference.clone(), tenancy_of(&reference, &row)?);
    }
    let mut people = people_of(&mut connection, references).await?;

    let sql = format!(
        "SELECT payment_reference, effective_from, rent_pence, service_charge_pence \
         FROM rent_changes WHERE payment_reference IN ({list}) ORDER BY effective_from"
    );
    let mut query = sqlx::query(&sql);
    for reference in references {
        query = query.bind(reference);
    }
    let mut rents: HashMap<String, Vec<RentChangeSnapshot>> = HashMap::new();
    for row in query.fetch_all(&mut *connection).await? {
        rents
            .entry(row.try_get("payment_reference")?)
            .or_default()
            .push(RentChangeSnapshot {
                effective_from: parse_date(&row.try_get::<String, _>("effective_from")?)?,
                rent_pence: row.try_get("rent_pence")?,
                service_charge_pence: row.try_get("service_charge_pence")?,
            });
    }

    let sql = format!(
        "SELECT id, payment_reference, posted_on, kind, detail, amount_pence, description, \
         reverses_entry_id FROM ledger_entries WHERE payment_reference IN ({list}) \
         ORDER BY position"
    );
    let mut query = sqlx::query(&sql);
    for reference in references {
        query = query.bind(reference);
    }
    let mut ledgers: HashMap<String, Vec<EntrySnapshot>> = HashMap::new();
    for row in query.fetch_all(&mut *connection).await? {
        let (reference, entry) = entry_of(&row)?;
        ledgers.entry(reference).or_default().push(entry);
    }
    connection.commit().await?;

    Ok(references
        .iter()
        .filter_map(|reference| {
            let tenancy = tenancies.remove(reference)?;
            Some(AccountSnapshot {
                payment_reference: tenancy.payment_reference,
                tenancy_reference: tenancy.tenancy_reference,
                tenure: tenancy.tenure,
                tenancy_start_date: tenancy.tenancy_start_date,
                tenancy_end_date: tenancy.tenancy_end_date,
                address_line_1: tenancy.address_line_1,
                address_line_2: tenancy.address_line_2,
                town: tenancy.town,
                postcode: tenancy.postcode,
                rent_frequency: tenancy.rent_frequency,
                people: people.remove(reference).unwrap_or_default(),
                rent_changes: rents.remove(reference).unwrap_or_default(),
                entries: ledgers.remove(reference).unwrap_or_default(),
            })
        })
        .collect())
}

async fn people_of(
    connection: &mut sqlx::AnyConnection,
    references: &[String],
) -> Result<HashMap<String, Vec<PersonSnapshot>>, Error> {
    let sql = format!(
        "SELECT payment_reference, role, full_name, date_of_birth, phone FROM account_people \
         WHERE payment_reference IN ({}) ORDER BY payment_reference, position",
        placeholders(1, references.len())
    );
    let mut query = sqlx::query(&sql);
    for reference in references {
        query = query.bind(reference);
    }
    let mut people: HashMap<String, Vec<PersonSnapshot>> = HashMap::new();
    for row in query.fetch_all(&mut *connection).await? {
        people
            .entry(row.try_get("payment_reference")?)
            .or_default()
            .push(PersonSnapshot {
                role: row.try_get("role")?,
                full_name: row.try_get("full_name")?,
                date_of_birth: row
                    .try_get::<Option<String>, _>("date_of_birth")?
                    .map(|text: String| parse_date(&text))
                    .transpose()?,
                phone: row.try_get("phone")?,
            });
    }
    Ok(people)
}

fn tenancy_of(payment_reference: &str, row: &AnyRow) -> Result<Tenancy, Error> {
    Ok(Tenancy {
        payment_reference: payment_reference.to_string(),
        tenancy_reference: row.try_get("tenancy_reference")?,
        tenure: row.try_get("tenure")?,
        tenancy_start_date: parse_date(&row.try_get::<String, _>("tenancy_start_date")?)?,
        tenancy_end_date: row
            .try_get::<Option<String>, _>("tenancy_end_date")?
            .map(|text| parse_date(&text))
            .transpose()?,
        address_line_1: row.try_get("address_line_1")?,
        address_line_2: row.try_get("address_line_2")?,
        town: row.try_get("town")?,
        postcode: row.try_get("postcode")?,
        rent_frequency: row.try_get("rent_frequency")?,
    })
}

fn entry_of(row: &AnyRow) -> Result<(String, EntrySnapshot), Error> {
    Ok((
        row.try_get("payment_reference")?,
        EntrySnapshot {
            id: parse_uuid(&row.try_get::<String, _>("id")?)?,
            posted_on: parse_date(&row.try_get::<String, _>("posted_on")?)?,
            kind: row.try_get("kind")?,
            detail: row.try_get("detail")?,
            amount_pence: row.try_get("amount_pence")?,
            description: row.try_get("description")?,
            reverses_entry_id: row
                .try_get::<Option<String>, _>("reverses_entry_id")?
                .map(|text| parse_uuid(&text))
                .transpose()?,
        },
    ))
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Error::Unavailable(format!("a stored date is not a date: {text}")))
}

fn parse_uuid(text: &str) -> Result<Uuid, Error> {
    Uuid::parse_str(text)
        .map_err(|_| Error::Unavailable(format!("a stored id is not a UUID: {text}")))
}
