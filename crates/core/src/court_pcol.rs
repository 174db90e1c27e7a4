//! The claim's data shaped as Possession Claims Online asks for it (JSON, and CSV for a
//! spreadsheet), so a presenting officer never types a figure twice.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// The claim's data as Possession Claims Online asks for it, so nothing is typed twice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PcolClaim {
    pub rule_set: String,
    pub claimant: PcolParty,
    pub defendants: Vec<String>,
    pub property_address: Vec<String>,
    pub property_postcode: String,
    pub tenancy_reference: String,
    pub payment_reference: String,
    pub tenancy_type: String,
    pub tenancy_start_date: NaiveDate,
    pub rent: Decimal,
    pub rent_frequency: String,
    pub daily_rate_of_rent: Decimal,
    pub issue_date: NaiveDate,
    pub amount_due_at_issue: Decimal,
    pub court_fee: Option<Decimal>,
    pub grounds: Vec<String>,
    pub notice: Option<PcolNotice>,
    pub steps_taken: Vec<PcolStep>,
    pub benefits: Vec<String>,
    pub defendant_circumstances: String,
    pub arrears_schedule: PcolSchedule,
    pub protocol_missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PcolParty {
    pub name: String,
    pub address: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PcolNotice {
    pub notice_type: String,
    pub served_on: NaiveDate,
    pub method: String,
    pub date_specified: NaiveDate,
    pub expires_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PcolStep {
    pub date: NaiveDate,
    pub step: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PcolSchedule {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub brought_forward: Decimal,
    pub rows: Vec<PcolScheduleRow>,
    pub closing_balance: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PcolScheduleRow {
    pub date: NaiveDate,
    pub description: String,
    pub debit: Decimal,
    pub credit: Decimal,
    pub balance: Decimal,
}

impl PcolClaim {
    /// "field,value" rows, then the schedule as its own table: what a spreadsheet opens.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("field,value\n");
        let mut row = |field: &str, value: String| {
            out.push_str(&csv_cell(field));
            out.push(',');
            out.push_str(&csv_cell(&value));
            out.push('\n');
        };
        row("rule_set", self.rule_set.clone());
        row("claimant", self.claimant.name.clone());
        row("claimant_address", self.claimant.address.join(", "));
        row("defendants", self.defendants.join("; "));
        row("property_address", self.property_address.join(", "));
        row("property_postcode", self.property_postcode.clone());
        row("tenancy_reference", self.tenancy_reference.clone());
        row("payment_reference", self.payment_reference.clone());
        row("tenancy_type", self.tenancy_type.clone());
        row("tenancy_start_date", self.tenancy_start_date.to_string());
        row("rent", self.rent.to_string());
        row("rent_frequency", self.rent_frequency.clone());
        row("daily_rate_of_rent", self.daily_rate_of_rent.to_string());
        row("issue_date", self.issue_date.to_string());
        row("amount_due_at_issue", self.amount_due_at_issue.to_string());
        row(
            "court_fee",
            self.court_fee
                .map(|fee| fee.to_string())
                .unwrap_or_default(),
        );
        row("grounds", self.grounds.join("; "));
        if let Some(notice) = &self.notice {
            row("notice_type", notice.notice_type.clone());
            row("notice_served_on", notice.served_on.to_string());
            row("notice_method", notice.method.clone());
            row("notice_date_specified", notice.date_specified.to_string());
            row("notice_expires_on", notice.expires_on.to_string());
        }
        for step in &self.steps_taken {
            row("step_taken", format!("{} {}", step.date, step.step));
        }
        for benefit in &self.benefits {
            row("benefit", benefit.clone());
        }
        row(
            "defendant_circumstances",
            self.defendant_circumstances.clone(),
        );
        for missing in &self.protocol_missing {
            row("protocol_missing", missing.clone());
        }
        out.push_str("\ndate,description,debit,credit,balance\n");
        out.push_str(&format!(
            "{},{},,,{}\n",
            self.arrears_schedule.from,
            csv_cell("Balance brought forward"),
            self.arrears_schedule.brought_forward
        ));
        for line in &self.arrears_schedule.rows {
            out.push_str(&format!(
                "{},{},{},{},{}\n",
                line.date,
                csv_cell(&line.description),
                line.debit,
                line.credit,
                line.balance
            ));
        }
        out
    }
}

/// Quotes a cell when it must be, and defuses a leading formula character so a spreadsheet
/// never runs a tenant's words.
fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) && text.parse::<Decimal>().is_err() {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}
