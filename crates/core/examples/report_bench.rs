//! The reports benchmark (issue 8): the weekly report with the indicators, the 52-week trend and
//! the age profile for a patch of 2,000 accounts with 10 years of history.
//!
//! Measures, on one encrypted database file:
//! - reading the reports' facts: every ledger in one pass, arrangements, a year of diary steps;
//! - computing the report screen from those facts (weekly figures, indicators, trend, ages);
//! - the whole `weekly_report` call, as the report screen makes it: the first (which reads the
//!   facts) and again with nothing changed (the PDF and the spreadsheet after the screen).
//!
//! `cargo run --release -p doorstep-core --example report_bench -- [DATA_DIR] [ACCOUNTS] [YEARS]`
//! Reuses DATA_DIR if it already holds a store (the worklist benchmark's folder will do).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use doorstep_api::{SetUpRequest, StartWith, UnlockRequest, WeeklyReportRequest};
use doorstep_core::{patch_report, Config, CredentialStoreChoice, DemoOptions, Session};

const PASSPHRASE: &str = "benchmark-passphrase-1";
const RUNS: usize = 15;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn milliseconds(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1_000.0)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut arguments = std::env::args().skip(1);
    let data_dir = PathBuf::from(
        arguments
            .next()
            .unwrap_or_else(|| "/tmp/doorstep-bench".into()),
    );
    let accounts_count: u32 = arguments.next().map_or(Ok(2_000), |text| text.parse())?;
    let years: u32 = arguments.next().map_or(Ok(10), |text| text.parse())?;
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
                accounts_count,
                ..DemoOptions::new(2026, today).with_ledger_years(years)
            })
            .await?;
    } else {
        session
            .unlock(&UnlockRequest {
                passphrase: PASSPHRASE.into(),
            })
            .await?;
    }
    let week_of = today - chrono::Days::new(7);
    let monday = week_of
        - chrono::Days::new(u64::from(
            chrono::Datelike::weekday(&week_of).num_days_from_monday(),
        ));

    let mut reads = Vec::new();
    let mut facts = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        facts = session.report_facts(week_of).await?;
        reads.push(started.elapsed());
    }
    let entries: usize = facts.iter().map(|account| account.entries.len()).sum();

    let mut computes = Vec::new();
    let mut report = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        report = Some(patch_report(&facts, monday, today));
        computes.push(started.elapsed());
    }
    let report = report.ok_or_else(|| anyhow::anyhow!("no runs"))?;

    // The first call reads the facts; later ones, with nothing changed, reuse them.
    let started = Instant::now();
    let first = session
        .weekly_report(&WeeklyReportRequest { week_of })
        .await?;
    let first_call = started.elapsed();
    assert_eq!(first, report);
    let mut whole = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let view = session
            .weekly_report(&WeeklyReportRequest { week_of })
            .await?;
        whole.push(started.elapsed());
        assert_eq!(view, report);
    }

    println!(
        "{} accounts, {entries} ledger entries; week of {monday}: {} in arrears at the end, {} indicators, {} trend points",
        facts.len(),
        doorstep_domain::money::format_money(report.weekly.arrears_at_end),
        report.indicators.len(),
        report.trend.len()
    );
    println!(
        "read the facts (median of 5):      {}",
        milliseconds(median(reads))
    );
    println!(
        "compute the report (median of {RUNS}): {}",
        milliseconds(median(computes))
    );
    println!(
        "weekly_report, first call:         {}",
        milliseconds(first_call)
    );
    println!(
        "weekly_report again (median of {RUNS}): {}",
        milliseconds(median(whole))
    );
    session.lock().await?;
    Ok(())
}
