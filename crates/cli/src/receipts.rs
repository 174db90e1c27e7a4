//! Recording payments from a CSV file of receipts (a cash office's day, a bank's list of
//! returned Direct Debits keyed as payments elsewhere, a PayPoint file).
//!
//! Format, with a header row:
//! `payment_reference,amount,method,received_on,receipt_number,note`
//! where `method` is one of card, cheque, cash_office, direct_debit, standing_order, paypoint,
//! third_party; `received_on` is YYYY-MM-DD; `note` may be empty.
//!
//! Every row is checked before any is recorded, so a bad file records nothing and names every
//! bad row by line. Each payment's command id comes from its reference and receipt number, so
//! recording the same file twice records each payment once.

use chrono::NaiveDate;
use doorstep_api::{RecordPaymentRequest, RecordedPaymentMethod};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// A receipts file is a day's or a week's takings; more is the wrong file.
pub const RECEIPTS_ROWS_MAX: usize = 10_000;

#[derive(Debug, Deserialize)]
struct ReceiptRow {
    payment_reference: String,
    amount: String,
    method: String,
    received_on: String,
    receipt_number: String,
    #[serde(default)]
    note: String,
}

/// The same reference and receipt number always give the same id (UUID version 8, from
/// SHA-256), which is what makes a re-run harmless.
pub fn command_id(payment_reference: &str, receipt_number: &str) -> Uuid {
    let mut hasher = Sha256::new();
    hasher.update(b"doorstep receipts v1\0");
    hasher.update(payment_reference.trim().as_bytes());
    hasher.update([0]);
    hasher.update(receipt_number.trim().as_bytes());
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

fn method(text: &str) -> Option<RecordedPaymentMethod> {
    serde_json::from_value(serde_json::Value::String(text.trim().to_lowercase())).ok()
}

/// Parses the whole file into requests, or returns every problem as "FILE:LINE: reason".
pub fn parse_receipts(
    file_name: &str,
    text: &str,
) -> Result<Vec<RecordPaymentRequest>, Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut requests = Vec::new();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (index, row) in reader.deserialize::<ReceiptRow>().enumerate() {
        // Line 1 is the header.
        let line = index + 2;
        if index >= RECEIPTS_ROWS_MAX {
            problems.push(format!(
                "{file_name}:{line}: more than {RECEIPTS_ROWS_MAX} receipts; split the file"
            ));
            break;
        }
        let row = match row {
            Ok(row) => row,
            Err(error) => {
                problems.push(format!("{file_name}:{line}: {error}"));
                continue;
            }
        };
        let mut row_problems = Vec::new();
        let Some(method) = method(&row.method) else {
            problems.push(format!(
                "{file_name}:{line}: method {:?} is not one of card, cheque, cash_office, direct_debit, standing_order, paypoint, third_party",
                row.method
            ));
            continue;
        };
        let received_on = NaiveDate::parse_from_str(row.received_on.trim(), "%Y-%m-%d");
        if received_on.is_err() {
            row_problems.push(format!(
                "received_on {:?} is not a date like 2026-11-23",
                row.received_on
            ));
        }
        if row.payment_reference.trim().is_empty() {
            row_problems.push("payment_reference is empty".to_string());
        }
        if row.receipt_number.trim().is_empty() {
            row_problems.push(
                "receipt_number is empty; it is what stops a payment being recorded twice"
                    .to_string(),
            );
        } else if !seen.insert((
            row.payment_reference.trim().to_string(),
            row.receipt_number.trim().to_string(),
        )) {
            row_problems.push(format!(
                "receipt {} for {} appears twice in the file",
                row.receipt_number.trim(),
                row.payment_reference.trim()
            ));
        }
        match (received_on, row_problems.is_empty()) {
            (Ok(received_on), true) => requests.push(RecordPaymentRequest {
                payment_reference: row.payment_reference.trim().to_string(),
                command_id: command_id(&row.payment_reference, &row.receipt_number).to_string(),
                method,
                amount: row.amount,
                received_on,
                note: match row.note.trim() {
                    "" => format!("Receipt {}", row.receipt_number.trim()),
                    note => format!("Receipt {} — {note}", row.receipt_number.trim()),
                },
            }),
            _ => problems.extend(
                row_problems
                    .into_iter()
                    .map(|problem| format!("{file_name}:{line}: {problem}")),
            ),
        }
    }
    if problems.is_empty() {
        Ok(requests)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_row_is_named_by_line() {
        let text = "payment_reference,amount,method,received_on,receipt_number,note\n\
                    100000018,25.00,card,2026-11-20,R1,\n\
                    100000018,10.00,bitcoin,2026-11-20,R2,\n\
                    100000026,5.00,cash_office,20/11/2026,R3,\n\
                    100000018,25.00,card,2026-11-20,R1,again\n";
        let problems = parse_receipts("takings.csv", text).unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("takings.csv:3: method \"bitcoin\""));
        assert!(problems[1].starts_with("takings.csv:4: received_on \"20/11/2026\""));
        assert!(problems[2].contains("takings.csv:5: receipt R1 for 100000018 appears twice"));
    }

    #[test]
    fn a_receipt_always_has_the_same_command_id() {
        let text = "payment_reference,amount,method,received_on,receipt_number,note\n\
                    100000018,25.00,card,2026-11-20,R1,at the door\n";
        let first = parse_receipts("a.csv", text).unwrap();
        let second = parse_receipts("b.csv", text).unwrap();
        assert_eq!(first[0].command_id, second[0].command_id);
        assert_ne!(
            first[0].command_id,
            command_id("100000018", "R2").to_string()
        );
        assert_eq!(first[0].note, "Receipt R1 — at the door");
        assert_eq!(first[0].method, RecordedPaymentMethod::Card);
    }
}
