//! Launch benchmark for docs/PERFORMANCE.md, on the release build of the real app:
//! launch → unlock screen, unlock → caseload rows visible (this includes the Argon2id key
//! derivation and computing the caseload from every ledger entry), and the memory of the
//! running app (its process plus WebKit's web and network processes) once idle.
//!
//! Run under a display: `xvfb-run -a cargo run --release -p doorstep-e2e --example launch`
//! after `cargo build --release -p doorstep-desktop -p doorstep-cli` (see docs/PERFORMANCE.md).

use std::time::{Duration, Instant};

use doorstep_e2e::{cli, wait_for, Binaries, TauriDriver, PASSPHRASE};

const RUNS: usize = 5;
const IDLE_BEFORE_MEMORY: Duration = Duration::from_secs(10);
/// `/proc/PID/comm` is cut at 15 bytes.
const PROCESS_NAMES: [&str; 3] = ["doorstep-deskto", "WebKitWebProces", "WebKitNetworkPr"];

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let binaries = Binaries::locate("release")?;
    let accounts: u32 = std::env::var("DOORSTEP_BENCH_ACCOUNTS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(400);
    let data_dir = tempfile::tempdir()?;
    let xdg = tempfile::tempdir()?;
    let started = Instant::now();
    cli(
        &binaries,
        data_dir.path(),
        &["demo", "--accounts", &accounts.to_string()],
    )?;
    println!(
        "demo caseload: {accounts} accounts generated and stored in {:.2} s",
        started.elapsed().as_secs_f64()
    );

    let mut to_unlock_screen = Vec::new();
    let mut unlock_to_caseload = Vec::new();
    let mut launch_to_caseload = Vec::new();
    for run in 0..RUNS {
        let driver = TauriDriver::start(data_dir.path(), xdg.path())?;
        let launched = Instant::now();
        let client = driver.connect(&binaries.desktop).await?;
        let passphrase = wait_for(&client, "#passphrase").await?;
        let unlock_screen = Instant::now();
        passphrase.send_keys(PASSPHRASE).await?;
        wait_for(&client, "#unlock").await?.click().await?;
        let unlock_pressed = Instant::now();
        wait_for(&client, "tr.account-row").await?;
        let caseload = Instant::now();
        to_unlock_screen.push(unlock_screen - launched);
        unlock_to_caseload.push(caseload - unlock_pressed);
        launch_to_caseload.push((unlock_screen - launched) + (caseload - unlock_pressed));
        if run == RUNS - 1 {
            tokio::time::sleep(IDLE_BEFORE_MEMORY).await;
            report_memory();
        }
        client.close().await?;
    }
    println!("launch → unlock screen: {}", summary(&mut to_unlock_screen));
    println!(
        "unlock → caseload visible: {}",
        summary(&mut unlock_to_caseload)
    );
    println!(
        "launch → caseload visible (without typing time): {}",
        summary(&mut launch_to_caseload)
    );
    let size = std::fs::metadata(&binaries.desktop)?.len();
    println!(
        "binary: {} is {:.1} MB",
        binaries.desktop.display(),
        size as f64 / 1_000_000.0
    );
    Ok(())
}

fn summary(samples: &mut [Duration]) -> String {
    samples.sort();
    let millis = |duration: Duration| duration.as_secs_f64() * 1000.0;
    format!(
        "median {:.0} ms (min {:.0}, max {:.0}, {} runs)",
        millis(samples[samples.len() / 2]),
        millis(samples[0]),
        millis(samples[samples.len() - 1]),
        samples.len()
    )
}

/// Resident and proportional set sizes of the app's processes, from /proc.
fn report_memory() {
    let mut rss_kib_total = 0;
    let mut pss_kib_total = 0;
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(comm) = std::fs::read_to_string(path.join("comm")) else {
            continue;
        };
        let comm = comm.trim();
        if !PROCESS_NAMES.contains(&comm) {
            continue;
        }
        let rss = field_kib(&path.join("status"), "VmRSS:");
        let pss = field_kib(&path.join("smaps_rollup"), "Pss:");
        println!(
            "  {comm:<16} RSS {:>7.1} MB  PSS {:>7.1} MB",
            mb(rss),
            mb(pss)
        );
        rss_kib_total += rss;
        pss_kib_total += pss;
    }
    println!(
        "idle memory (app + WebKit processes): RSS {:.1} MB, PSS {:.1} MB",
        mb(rss_kib_total),
        mb(pss_kib_total)
    );
}

fn field_kib(path: &std::path::Path, field: &str) -> u64 {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .find(|line| line.starts_with(field))
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|value| value.parse().ok())
        .unwrap_or(0)
}

fn mb(kib: u64) -> f64 {
    kib as f64 / 1024.0
}
