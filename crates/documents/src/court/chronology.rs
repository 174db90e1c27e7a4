//! The chronology of contact and the pre-action protocol checklist: what was done and when,
//! and for each requirement of the Pre-Action Protocol for Possession Claims by Social
//! Landlords whether it was met and the evidence. A missing item is printed in bold, so the
//! officer (and the judge) sees it first.

use chrono::NaiveDate;

use crate::court::claim::{
    check_dated_texts, check_header, check_list, check_text, ClaimHeader, DatedText,
};
use crate::court::paper::{heading, render, table, title_block, Column, TableRow};
use crate::error::{long_date, DocumentError};
use crate::layout::Pages;

const DOCUMENT: &str = "chronology and protocol checklist";
const DOCUMENT_TITLE: &str = "Chronology and pre-action protocol checklist";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProtocolStatus {
    Met,
    Missing,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProtocolItem {
    pub requirement: String,
    pub status: ProtocolStatus,
    /// Where the evidence is ("Letter 2 sent 3 March 2026, tab 8"), or why it is missing.
    pub evidence: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chronology {
    pub events: Vec<DatedText>,
    pub protocol: Vec<ProtocolItem>,
    pub prepared_on: NaiveDate,
}

pub(crate) fn check_chronology(
    header: &ClaimHeader,
    chronology: &Chronology,
) -> Result<(), DocumentError> {
    check_header(DOCUMENT, header)?;
    check_dated_texts(DOCUMENT, "events", &chronology.events, true)?;
    check_protocol_items(DOCUMENT, &chronology.protocol)
}

pub(crate) fn check_protocol_items(
    document: &str,
    items: &[ProtocolItem],
) -> Result<(), DocumentError> {
    check_list(document, "protocol requirements", items, true)?;
    for item in items {
        check_text(document, "protocol requirement", &item.requirement)?;
        check_text(document, "protocol evidence", &item.evidence)?;
    }
    Ok(())
}

pub fn chronology_pdf(
    header: &ClaimHeader,
    chronology: &Chronology,
) -> Result<Vec<u8>, DocumentError> {
    check_chronology(header, chronology)?;
    render(
        DOCUMENT_TITLE,
        header,
        chronology.prepared_on,
        false,
        |pages| draw_chronology(pages, header, chronology),
    )
}

pub(crate) fn draw_chronology(
    pages: &mut Pages<'_>,
    header: &ClaimHeader,
    chronology: &Chronology,
) -> Result<(), DocumentError> {
    title_block(
        pages,
        DOCUMENT_TITLE,
        "Pre-Action Protocol for Possession Claims by Social Landlords.",
        header,
    )?;
    heading(pages, "Chronology")?;
    let columns = [
        Column {
            title: "Date",
            width_mm: 32.0,
            right_aligned: false,
        },
        Column {
            title: "Event",
            width_mm: 138.0,
            right_aligned: false,
        },
    ];
    let rows: Vec<TableRow> = chronology
        .events
        .iter()
        .map(|event| TableRow {
            cells: vec![long_date(&event.date), event.text.clone()],
            bold: false,
        })
        .collect();
    table(pages, &columns, &rows)?;
    heading(pages, "Pre-action protocol checklist")?;
    protocol_table(pages, &chronology.protocol)
}

pub(crate) fn protocol_table(
    pages: &mut Pages<'_>,
    items: &[ProtocolItem],
) -> Result<(), DocumentError> {
    let columns = [
        Column {
            title: "Requirement",
            width_mm: 70.0,
            right_aligned: false,
        },
        Column {
            title: "Status",
            width_mm: 20.0,
            right_aligned: false,
        },
        Column {
            title: "Evidence",
            width_mm: 80.0,
            right_aligned: false,
        },
    ];
    let rows: Vec<TableRow> = items
        .iter()
        .map(|item| {
            let (status, bold) = match item.status {
                ProtocolStatus::Met => ("Met", false),
                ProtocolStatus::Missing => ("MISSING", true),
            };
            TableRow {
                cells: vec![
                    item.requirement.clone(),
                    status.to_string(),
                    item.evidence.clone(),
                ],
                bold,
            }
        })
        .collect();
    table(pages, &columns, &rows)
}
