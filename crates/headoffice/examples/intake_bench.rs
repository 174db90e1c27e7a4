//! Head office's intake under load (issue 6): DEVICES laptops, each its own officer with 20
//! accounts, all uploading BATCHES batches of 100 payments at once over loopback HTTP.
//!
//! `cargo run --release -p doorstep-headoffice --example intake_bench -- [DEVICES] [BATCHES] [DATABASE_URL]`
//! Defaults: 100 devices, 5 batches each, SQLite in a temporary folder.

use std::time::Instant;

use doorstep_headoffice::running::{sqlite_url, RunningHeadOffice};
use doorstep_headoffice::{admin, Db};
use doorstep_sync::{
    CommandEnvelope, EnrolRequest, EnrolResponse, Outcome, UploadRequest, UploadResponse,
};
use serde_json::json;

const ACCOUNTS_EACH: usize = 20;
const BATCH: usize = 100;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut arguments = std::env::args().skip(1);
    let devices: usize = arguments.next().map_or(Ok(100), |text| text.parse())?;
    let batches: usize = arguments.next().map_or(Ok(5), |text| text.parse())?;
    let folder = tempfile::tempdir()?;
    let url = arguments
        .next()
        .unwrap_or_else(|| sqlite_url(folder.path()));
    let db = Db::connect(&url).await?;

    let first = admin::create_officer(&db, "Officer 0").await?;
    let options = doorstep_demo::DemoOptions {
        accounts_count: u32::try_from(devices * ACCOUNTS_EACH)?,
        ..doorstep_demo::DemoOptions::new(5, chrono::Local::now().date_naive()).with_ledger_years(1)
    };
    doorstep_headoffice::demo::load(&db, &first, &options).await?;
    let references: Vec<String> =
        sqlx::query_scalar("SELECT payment_reference FROM accounts ORDER BY payment_reference")
            .fetch_all(db.pool())
            .await?;
    let server = RunningHeadOffice::start(db.clone(), None).await?;
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::new();

    let mut laptops = Vec::new();
    for (number, accounts) in references.chunks(ACCOUNTS_EACH).enumerate().take(devices) {
        let officer = if number == 0 {
            first.clone()
        } else {
            admin::create_officer(&db, &format!("Officer {number}")).await?
        };
        admin::assign(&db, &officer, accounts).await?;
        let enrolled: EnrolResponse = client
            .post(format!("{}/v1/enrol", server.url()))
            .json(&EnrolRequest {
                code: admin::issue_enrolment_code(&db, &officer).await?,
                device_name: format!("laptop {number}"),
            })
            .send()
            .await?
            .json()
            .await?;
        laptops.push((enrolled.token, accounts.to_vec()));
    }

    let started = Instant::now();
    let today = chrono::Local::now().date_naive();
    let uploads = laptops.into_iter().map(|(token, accounts)| {
        let client = client.clone();
        let url = server.url();
        tokio::spawn(async move {
            let mut applied = 0usize;
            for batch in 0..batches {
                let commands: Vec<CommandEnvelope> = (0..BATCH)
                    .map(|index| {
                        let id = uuid::Uuid::now_v7();
                        CommandEnvelope {
                            command_id: id,
                            sequence: i64::try_from(batch * BATCH + index + 1).unwrap_or(i64::MAX),
                            kind: "payment_recorded".into(),
                            payload: json!({
                                "payment_reference": accounts[index % accounts.len()],
                                "ledger_entries": [{
                                    "id": id.to_string(), "posted_on": today,
                                    "kind": "payment", "detail": "card", "amount_pence": -1_000,
                                    "description": "Card", "reverses_entry_id": null,
                                }],
                            }),
                            created_at: chrono::Utc::now(),
                        }
                    })
                    .collect();
                let answer: UploadResponse = client
                    .post(format!("{url}/v1/commands"))
                    .bearer_auth(&token)
                    .json(&UploadRequest { commands })
                    .send()
                    .await?
                    .json()
                    .await?;
                applied += answer
                    .results
                    .iter()
                    .filter(|result| matches!(result.outcome, Outcome::Applied { .. }))
                    .count();
            }
            anyhow::Ok(applied)
        })
    });
    let mut applied = 0;
    for upload in futures_util::future::join_all(uploads).await {
        applied += upload??;
    }
    let elapsed = started.elapsed();
    println!(
        "{devices} devices × {batches} batches of {BATCH}: {applied} commands applied in {:.2} s \
         ({:.0} a second)",
        elapsed.as_secs_f64(),
        applied as f64 / elapsed.as_secs_f64()
    );
    Ok(())
}
