//! Writes a sample statement and each letter to a folder, for looking at by eye:
//! `cargo run -p doorstep-documents --example samples -- /tmp/doorstep-documents`.
//! The account comes from the deterministic demo caseload; all names are made up.

use std::path::PathBuf;

use anyhow::Context;
use chrono::{Days, NaiveDate};
use doorstep_demo::{generate, DemoOptions};
use doorstep_documents::{
    account_merge_fields, letter_templates, render_letter, rent_statement, Landlord,
};

fn main() -> anyhow::Result<()> {
    let folder = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "/tmp/doorstep-documents".to_string()),
    );
    std::fs::create_dir_all(&folder)?;
    let as_at = NaiveDate::from_ymd_opt(2026, 11, 23).context("date")?;
    let caseload = generate(&DemoOptions::new(7, as_at));
    // The account with the most entries makes the longest statement.
    let account = caseload
        .accounts
        .iter()
        .find(|account| account.people.iter().filter(|p| p.role.is_tenant()).count() > 1)
        .or(caseload.accounts.first())
        .context("an account")?;
    let landlord = Landlord::demo();
    let from = as_at.checked_sub_days(Days::new(400)).context("date")?;
    let statement = rent_statement(account, &landlord, from, as_at, as_at)?;
    std::fs::write(folder.join("statement.pdf"), statement)?;

    let mut fields = account_merge_fields(account, as_at);
    fields.insert("officer_name", "Priya Sharma");
    fields.insert("officer_phone", "01632 960 427");
    fields.insert("letter_1_date", "2 November 2026");
    fields.insert("reply_by_date", "7 December 2026");
    fields.insert("agreed_date", "23 November 2026");
    fields.insert("arrangement_balance", "£412.50");
    fields.insert("initial_payment", "£50.00");
    fields.insert("initial_payment_date", "28 November 2026");
    fields.insert("instalment_amount", "£10.00");
    fields.insert("instalment_frequency", "a week");
    fields.insert("first_instalment_date", "30 November 2026");
    fields.insert("projected_clear_date", "13 September 2027");
    for template in letter_templates() {
        let pdf = render_letter(&template.code, &fields, &landlord, as_at)?;
        std::fs::write(folder.join(format!("{}.pdf", template.code)), pdf)?;
    }
    println!("wrote to {}", folder.display());
    Ok(())
}
