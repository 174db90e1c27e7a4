//! The reconcile benchmark (issue 6), device and head office on this machine's loopback, over
//! TLS as in the field:
//! - the first caseload pull of ACCOUNTS accounts (demo patch, 3 years of history each);
//! - COMMANDS payments recorded offline, uploaded and acknowledged (timed to the moment the
//!   last answer is written; the pull that follows is timed apart).
//!
//! `cargo run --release -p doorstep-core --example sync_bench -- [ACCOUNTS] [COMMANDS] [DATABASE_URL]`
//! Defaults: 2,000 accounts, 10,000 commands, head office on SQLite in a temporary folder.

use std::time::{Duration, Instant};

use doorstep_api::{
    EnrolDeviceRequest, RecordPaymentRequest, RecordedPaymentMethod, SetUpRequest, StartWith,
    SyncStage,
};
use doorstep_core::{Config, CredentialStoreChoice, DemoOptions, Session};
use doorstep_headoffice::running::{sqlite_url, RunningHeadOffice};
use doorstep_headoffice::{admin, Db};

const PASSPHRASE: &str = "benchmark-passphrase-1";

fn seconds(duration: Duration) -> String {
    format!("{:.2} s", duration.as_secs_f64())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut arguments = std::env::args().skip(1);
    let accounts: u32 = arguments.next().map_or(Ok(2_000), |text| text.parse())?;
    let commands: usize = arguments.next().map_or(Ok(10_000), |text| text.parse())?;
    let folder = tempfile::tempdir()?;
    let url = arguments
        .next()
        .unwrap_or_else(|| sqlite_url(folder.path()));

    let db = Db::connect(&url).await?;
    let officer = admin::create_officer(&db, "Benchmark Officer").await?;
    let started = Instant::now();
    let options = DemoOptions {
        accounts_count: accounts,
        ..DemoOptions::new(3, doorstep_core::today())
    };
    doorstep_headoffice::demo::load(&db, &officer, &options).await?;
    println!(
        "head office loaded {accounts} accounts in {}",
        seconds(started.elapsed())
    );
    let server = RunningHeadOffice::start(db.clone(), Some(&folder.path().join("tls"))).await?;

    let laptop = Session::new(Config::for_data_dir(
        folder.path().join("laptop"),
        CredentialStoreChoice::File,
    ));
    laptop
        .set_up(&SetUpRequest {
            passphrase: PASSPHRASE.into(),
            passphrase_repeated: PASSPHRASE.into(),
            start_with: StartWith::Empty,
        })
        .await?;
    laptop
        .enrol_device(&EnrolDeviceRequest {
            server_url: server.url(),
            code: admin::issue_enrolment_code(&db, &officer).await?,
            device_name: "benchmark".into(),
        })
        .await?;

    let started = Instant::now();
    let pulled = laptop.sync_now().await?;
    println!(
        "first caseload pull: {} accounts, {} ledger entries in {}",
        pulled.accounts_added,
        pulled.entries_added,
        seconds(started.elapsed())
    );

    let references: Vec<String> =
        sqlx::query_scalar("SELECT payment_reference FROM assignments ORDER BY payment_reference")
            .fetch_all(db.pool())
            .await?;
    // Head office's side of one page, alone: reading 200 accounts and writing them as JSON.
    let started = Instant::now();
    let page =
        doorstep_headoffice::accounts::snapshots(&db, &references[..200.min(references.len())])
            .await?;
    let read = started.elapsed();
    let json = serde_json::to_vec(&page)?;
    println!(
        "head office reads a page of {} accounts in {} and writes it as {} KB of JSON in {}",
        page.len(),
        seconds(read),
        json.len() / 1024,
        seconds(started.elapsed() - read)
    );

    let payments: Vec<RecordPaymentRequest> = (0..commands)
        .map(|number| RecordPaymentRequest {
            payment_reference: references[number % references.len()].clone(),
            command_id: uuid::Uuid::now_v7().to_string(),
            method: RecordedPaymentMethod::Cheque,
            amount: format!("{}.{:02}", 5 + number % 50, number % 100),
            received_on: doorstep_core::today(),
            note: String::new(),
        })
        .collect();
    let started = Instant::now();
    for chunk in payments.chunks(1_000) {
        laptop.record_payments(chunk).await?;
    }
    println!(
        "recorded {commands} payments offline in {}",
        seconds(started.elapsed())
    );

    // The upload ends when the sync moves on to fetching: every answer is written by then.
    let started = Instant::now();
    let watch = async {
        loop {
            if laptop.get_sync_progress().stage == SyncStage::Downloading {
                return started.elapsed();
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    };
    let (summary, uploaded) = tokio::join!(laptop.sync_now(), watch);
    let summary = summary?;
    let total = started.elapsed();
    println!(
        "uploaded and acknowledged {} commands in {} ({:.0} a second); then fetched {} changed \
         accounts in {}",
        summary.commands_applied,
        seconds(uploaded),
        summary.commands_applied as f64 / uploaded.as_secs_f64(),
        summary.accounts_updated,
        seconds(total - uploaded)
    );
    drop(server);
    Ok(())
}
