//! The export for the HMS: what officers' devices sent that the HMS must record — payments
//! (and their reversals), diary entries and legal steps — for a range of days head office
//! received them. One CSV, one row per record, the format in docs/HEADOFFICE-CSV.md.
//!
//! Only applied commands are exported: a rejected command changed nothing, and a held one
//! waits for a person. Every text cell is defused against formula injection, because an
//! officer's note is typed by a person and the file is opened in a spreadsheet.

use std::path::Path;

use chrono::{Days, NaiveDate};
use doorstep_sync::EntrySnapshot;

use crate::error::Error;
use crate::money;
use crate::reconcile::commands::{self, payload_text, StoredCommand};
use crate::Db;

pub const HEADER: [&str; 12] = [
    "record",
    "command_id",
    "received_at",
    "payment_reference",
    "officer",
    "date",
    "kind",
    "detail",
    "amount",
    "entry_id",
    "reverses_entry_id",
    "text",
];
/// The one column head office writes from integer pence, so it is never defused: a credit's
/// leading minus is a number's sign, not a formula.
const AMOUNT_COLUMN: usize = 8;

/// The kinds recorded as diary entries, besides any command carrying a `diary` object.
pub const DIARY_KINDS: [&str; 3] = ["diary_recorded", "contact_recorded", "visit_recorded"];
/// The kinds recorded as legal steps, besides any whose name mentions a `LEGAL_WORDS` word.
pub const LEGAL_STEP_KINDS: [&str; 3] = [
    "notice_served",
    "hearing_outcome_recorded",
    "court_application_recorded",
];
pub const LEGAL_WORDS: [&str; 4] = ["notice", "claim", "warrant", "hearing"];
/// Ledger entries the HMS takes from the export; charges and adjustments are the HMS's own.
pub const EXPORTED_ENTRY_KINDS: [&str; 2] = ["payment", "reversal"];

/// Payload fields that are the command's envelope rather than the legal step's details.
const ENVELOPE_FIELDS: [&str; 4] = ["payment_reference", "officer", "ledger_entries", "note"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportSummary {
    pub payments: usize,
    pub diary_entries: usize,
    pub legal_steps: usize,
}

/// The export's CSV text for commands received from `from` to `to`, both days included
/// (UTC), and what it holds.
pub async fn export(
    db: &Db,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(String, ExportSummary), Error> {
    if to < from {
        return Err(Error::Invalid(format!(
            "the range ends ({to}) before it starts ({from})"
        )));
    }
    let day_after = to
        .checked_add_days(Days::new(1))
        .ok_or_else(|| Error::Invalid(format!("{to} is too far in the future")))?;
    // Dates compare with head office's RFC 3339 instants as text: "2026-11-24" sorts before
    // every instant of that day.
    let commands =
        commands::applied_received_between(db, &from.to_string(), &day_after.to_string()).await?;
    let mut summary = ExportSummary::default();
    let mut rows = Vec::new();
    for command in &commands {
        for entry in exported_entries(command)? {
            rows.push(payment_row(command, &entry));
            summary.payments += 1;
        }
        if is_legal_step(command) {
            rows.push(legal_step_row(command));
            summary.legal_steps += 1;
        } else if is_diary_entry(command) {
            rows.push(diary_row(command));
            summary.diary_entries += 1;
        }
    }
    Ok((csv_text(&rows)?, summary))
}

/// Writes the export to `path` (through a file beside it, renamed into place, so a reader
/// never sees half an export).
pub async fn export_to_file(
    db: &Db,
    from: NaiveDate,
    to: NaiveDate,
    path: &Path,
) -> Result<ExportSummary, Error> {
    let (text, summary) = export(db, from, to).await?;
    let partial = path.with_extension("partial");
    std::fs::write(&partial, text)
        .and_then(|()| std::fs::rename(&partial, path))
        .map_err(|error| Error::Invalid(format!("cannot write {}: {error}", path.display())))?;
    Ok(summary)
}

pub fn is_legal_step(command: &StoredCommand) -> bool {
    LEGAL_STEP_KINDS.contains(&command.kind.as_str())
        || LEGAL_WORDS.iter().any(|word| command.kind.contains(word))
}

pub fn is_diary_entry(command: &StoredCommand) -> bool {
    DIARY_KINDS.contains(&command.kind.as_str())
        || command
            .payload
            .get("diary")
            .is_some_and(|diary| diary.is_object())
}

fn exported_entries(command: &StoredCommand) -> Result<Vec<EntrySnapshot>, Error> {
    let Some(entries) = command.payload.get("ledger_entries") else {
        return Ok(Vec::new());
    };
    // Intake applied this command only after reading these same entries.
    let entries: Vec<EntrySnapshot> = serde_json::from_value(entries.clone()).map_err(|error| {
        Error::Unavailable(format!(
            "stored command {} has unreadable ledger entries: {error}",
            command.command_id
        ))
    })?;
    Ok(entries
        .into_iter()
        .filter(|entry| EXPORTED_ENTRY_KINDS.contains(&entry.kind.as_str()))
        .collect())
}

fn payment_row(command: &StoredCommand, entry: &EntrySnapshot) -> [String; 12] {
    [
        "payment".into(),
        command.command_id.clone(),
        command.received_at.clone(),
        command.payment_reference.clone().unwrap_or_default(),
        command.officer(),
        entry.posted_on.to_string(),
        entry.kind.clone(),
        entry.detail.clone().unwrap_or_default(),
        money::pounds_text(entry.amount_pence),
        entry.id.to_string(),
        entry
            .reverses_entry_id
            .map(|id| id.to_string())
            .unwrap_or_default(),
        entry.description.clone(),
    ]
}

fn diary_row(command: &StoredCommand) -> [String; 12] {
    // A command may carry its diary entry as a `diary` object (visits, calls) or as its own
    // fields (a diary entry itself); the object wins.
    let field = |keys: &[&str]| {
        keys.iter().find_map(|key| {
            command
                .payload
                .get("diary")
                .and_then(|diary| payload_text(diary, key))
                .or_else(|| command.text(key))
        })
    };
    [
        "diary".into(),
        command.command_id.clone(),
        command.received_at.clone(),
        command.payment_reference.clone().unwrap_or_default(),
        command.officer(),
        field(&["happened_on", "visited_on", "contacted_on"])
            .unwrap_or_else(|| day_of(&command.created_at)),
        command.kind.clone(),
        field(&["code", "outcome"]).unwrap_or_default(),
        String::new(),
        String::new(),
        String::new(),
        field(&["note"]).unwrap_or_default(),
    ]
}

fn legal_step_row(command: &StoredCommand) -> [String; 12] {
    let date = [
        "served_on",
        "heard_on",
        "hearing_on",
        "applied_on",
        "issued_on",
        "happened_on",
        "dated_on",
    ]
    .iter()
    .find_map(|key| command.text(key))
    .unwrap_or_else(|| day_of(&command.created_at));
    // The step's own details vary by kind, so they go to the HMS whole, as JSON.
    let details = match &command.payload {
        serde_json::Value::Object(fields) => serde_json::Value::Object(
            fields
                .iter()
                .filter(|(key, _)| !ENVELOPE_FIELDS.contains(&key.as_str()))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect(),
        )
        .to_string(),
        _ => String::new(),
    };
    [
        "legal_step".into(),
        command.command_id.clone(),
        command.received_at.clone(),
        command.payment_reference.clone().unwrap_or_default(),
        command.officer(),
        date,
        command.kind.clone(),
        details,
        String::new(),
        String::new(),
        String::new(),
        command.text("note").unwrap_or_default(),
    ]
}

fn day_of(instant: &str) -> String {
    instant.get(..10).unwrap_or(instant).to_string()
}

fn csv_text(rows: &[[String; 12]]) -> Result<String, Error> {
    let mut writer = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let failed =
        |error: csv::Error| Error::Unavailable(format!("cannot write the export: {error}"));
    writer.write_record(HEADER).map_err(failed)?;
    for row in rows {
        let cells = row.iter().enumerate().map(|(column, cell)| {
            if column == AMOUNT_COLUMN {
                cell.clone()
            } else {
                defused(cell)
            }
        });
        writer.write_record(cells).map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| Error::Unavailable(format!("cannot write the export: {error}")))?;
    String::from_utf8(bytes)
        .map_err(|error| Error::Unavailable(format!("cannot write the export: {error}")))
}

/// A cell a spreadsheet would run as a formula (OWASP's CSV injection list: `=`, `+`, `-`,
/// `@`, and tab or carriage return, which some spreadsheets strip before looking) gets a
/// leading single quote, which shows the text as typed.
pub fn defused(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::defused;

    #[test]
    fn defuses_formula_cells_only() {
        //         cell                    expected
        for (cell, expected) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+44 7700 900123", "'+44 7700 900123"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("Paid in full", "Paid in full"),
            ("", ""),
            ("a=b", "a=b"),
        ] {
            assert_eq!(defused(cell), expected, "{cell}");
        }
    }
}
