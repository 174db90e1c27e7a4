//! The court bundle benchmark (issue 5): the indexed bundle for an account with ten years of
//! weekly history (a two-year arrears schedule), as the app makes it: the court file read from
//! the encrypted store, every paper laid out, one PDF written to memory.
//!
//! `cargo run --release -p doorstep-core --example bundle_bench -- [DATA_DIR]`
//! Reuses DATA_DIR if it already holds a store; prints the median of 15 runs.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveTime};
use doorstep_api::{
    CourtDocument, DraftNoticeRequest, GetAccountRequest, GetCourtFileRequest,
    RecordServiceRequest, SetUpRequest, StartWith, UnlockRequest,
};
use doorstep_core::{Config, CredentialStoreChoice, DemoOptions, Session};

const PASSPHRASE: &str = "benchmark-passphrase-1";
const RUNS: usize = 15;
const ACCOUNTS: u32 = 60;
const YEARS: u32 = 10;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let data_dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "/tmp/doorstep-bundle-bench".into()),
    );
    let session = Session::new(Config::for_data_dir(
        data_dir.clone(),
        CredentialStoreChoice::File,
    ));
    let today = doorstep_core::today();
    if session.status().await?.state == doorstep_api::SessionState::NotSetUp {
        session
            .set_up(&SetUpRequest {
                passphrase: PASSPHRASE.into(),
                passphrase_repeated: PASSPHRASE.into(),
                start_with: StartWith::Empty,
            })
            .await?;
        session
            .load_demo(&DemoOptions {
                accounts_count: ACCOUNTS,
                ..DemoOptions::new(2026, today).with_ledger_years(YEARS)
            })
            .await?;
    } else {
        session
            .unlock(&UnlockRequest {
                passphrase: PASSPHRASE.into(),
            })
            .await?;
    }

    // The secure tenancy in arrears with the longest ledger: ten years of weekly rent.
    let mut chosen = None;
    for item in session.get_worklist().await?.items {
        if item.balance <= rust_decimal::Decimal::from(500) {
            continue;
        }
        let detail = session
            .get_account(&GetAccountRequest {
                payment_reference: item.payment_reference.clone(),
            })
            .await?;
        if detail.tenancy.tenure != "Secure tenancy" || detail.tenancy.rent_frequency != "Weekly" {
            continue;
        }
        let entries = detail.transactions.len();
        if chosen.as_ref().is_none_or(|(_, _, most)| entries > *most) {
            chosen = Some((detail.account_id, item.payment_reference.clone(), entries));
        }
    }
    let (account_id, reference, entries) =
        chosen.ok_or_else(|| anyhow::anyhow!("no weekly secure tenancy in arrears"))?;

    // A notice served by hand 70 days ago, so the bundle has every section it can have.
    let served_on = today - Days::new(70);
    let mut file = session
        .get_court_file(&GetCourtFileRequest {
            account_id,
            issue_date: None,
        })
        .await?;
    if file.notices.is_empty() {
        file = session
            .draft_notice(&DraftNoticeRequest {
                command_id: uuid::Uuid::now_v7().to_string(),
                account_id,
                grounds: vec!["1".into()],
                planned_service_on: served_on,
                planned_method: "by_hand".into(),
                particulars: String::new(),
            })
            .await?;
        for person in file.notices[0].unserved.clone() {
            file = session
                .record_notice_service(&RecordServiceRequest {
                    command_id: uuid::Uuid::now_v7().to_string(),
                    account_id,
                    notice_id: file.notices[0].notice_id.clone(),
                    person_name: person,
                    method: "by_hand".into(),
                    served_on,
                    served_at: NaiveTime::from_hms_opt(10, 30, 0),
                    served_by: "Benchmark officer".into(),
                })
                .await?;
        }
    }
    let issue_date = file.notices[0].proceedings_from.max(today - Days::new(1));

    let mut samples = Vec::with_capacity(RUNS);
    let mut size = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let (_, pdf) = session
            .court_document_pdf(account_id, &CourtDocument::Bundle, Some(issue_date))
            .await?;
        samples.push(started.elapsed());
        size = pdf.len();
    }
    let claim = session.claim_data(account_id, issue_date).await?;
    println!(
        "account {reference}: {entries} ledger entries, schedule {} to {} ({} rows)",
        claim.arrears_schedule.from,
        claim.arrears_schedule.to,
        claim.arrears_schedule.rows.len()
    );
    println!(
        "bundle: median {:.1} ms over {RUNS} runs (min {:.1} ms, max {:.1} ms), {} KB",
        median(samples.clone()).as_secs_f64() * 1000.0,
        samples
            .iter()
            .min()
            .unwrap_or(&Duration::ZERO)
            .as_secs_f64()
            * 1000.0,
        samples
            .iter()
            .max()
            .unwrap_or(&Duration::ZERO)
            .as_secs_f64()
            * 1000.0,
        size / 1024
    );
    session.lock().await?;
    Ok(())
}
