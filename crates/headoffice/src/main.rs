//! `doorstep-headoffice`: the server and an administrator's commands.
//!
//! The database is `--database URL` or `DOORSTEP_HEADOFFICE_DATABASE`: `sqlite://FILE` (the
//! default, `sqlite://headoffice.db`) or `postgres://…`. Errors are one line on stderr and a
//! non-zero exit.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use doorstep_headoffice::import::{self, ImportReport};
use doorstep_headoffice::money::pounds_text;
use doorstep_headoffice::reconcile::card_settlement::{self, CardCategory};
use doorstep_headoffice::reconcile::cheque_banking::{self, ChequeCategory};
use doorstep_headoffice::reconcile::hms_export;
use doorstep_headoffice::tls::Certificate;
use doorstep_headoffice::{admin, server, Db};

#[derive(Parser)]
#[command(name = "doorstep-headoffice", version, about = "Doorstep head office")]
struct Cli {
    #[arg(
        long,
        global = true,
        env = "DOORSTEP_HEADOFFICE_DATABASE",
        default_value = "sqlite://headoffice.db",
        value_name = "URL"
    )]
    database: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve devices over HTTPS (or plain HTTP behind a TLS-terminating load balancer).
    Serve {
        #[arg(long, default_value = "0.0.0.0:8443")]
        listen: SocketAddr,
        /// Where the certificate is kept (made on first start if missing).
        #[arg(long, default_value = "headoffice-tls")]
        tls_dir: PathBuf,
        /// Host names or addresses devices use to reach this server (for a new certificate).
        #[arg(long = "name")]
        names: Vec<String>,
        /// No TLS: only behind a load balancer that terminates TLS, or in tests.
        #[arg(long)]
        plain_http: bool,
    },
    /// Add an officer; prints their id.
    CreateOfficer { name: String },
    /// A one-time code (valid 7 days) for an officer to enrol a laptop.
    IssueEnrolmentCode {
        /// The officer's id or exact name.
        officer: String,
        /// Print the certificate fingerprint the officer should see (the serve --tls-dir).
        #[arg(long)]
        tls_dir: Option<PathBuf>,
    },
    /// Give accounts (payment references) to an officer.
    Assign {
        officer: String,
        #[arg(required = true)]
        references: Vec<String>,
    },
    /// Refuse a device from now on; it erases its store when it next reaches head office.
    RevokeDevice { device_id: String },
    /// The enrolled devices.
    Devices,
    /// Officers' commands head office rejected or holds for a person (conflicts included).
    Attention,
    /// Fill head office with the synthetic demo patch, assigned to one officer (created if
    /// there is none of that name). For trying the reconcile; never on real data.
    LoadDemo {
        #[arg(long)]
        officer: String,
        #[arg(long, default_value_t = doorstep_demo::DEMO_ACCOUNTS_DEFAULT)]
        accounts: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = doorstep_demo::DEMO_LEDGER_YEARS_DEFAULT)]
        years: u32,
    },
    /// Import an HMS extract, all or nothing (formats: docs/HEADOFFICE-CSV.md). Import
    /// tenancies first: the others name accounts it creates.
    Import {
        #[arg(value_enum)]
        extract: Extract,
        file: PathBuf,
    },
    /// Import a card provider's settlement file and report it against the card payments
    /// officers took; payments declined at settlement are flagged for a person.
    ReconcileCards { file: PathBuf },
    /// Import the bank's banking file and report it against the cheques officers took.
    ReconcileCheques { file: PathBuf },
    /// Write officers' payments, diary entries and legal steps received from --from to --to
    /// (both days included, UTC) as CSV for the HMS.
    ExportHms {
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: NaiveDate,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: NaiveDate,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// The HMS extracts head office imports.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Extract {
    Tenancies,
    People,
    Rents,
    Transactions,
    Assignments,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("doorstep-headoffice: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("doorstep-headoffice: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let db = Db::connect(&cli.database).await?;
    let outcome = run_command(&db, cli.command).await;
    db.close().await;
    outcome
}

async fn run_command(db: &Db, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Serve {
            listen,
            tls_dir,
            names,
            plain_http,
        } => {
            let listener = tokio::net::TcpListener::bind(listen).await?;
            let tls = if plain_http {
                println!("Serving plain HTTP on {}", listener.local_addr()?);
                None
            } else {
                let certificate = Certificate::load_or_create(&tls_dir, &names)?;
                println!(
                    "Serving HTTPS on {} — certificate fingerprint {}",
                    listener.local_addr()?,
                    doorstep_sync::format_fingerprint(&certificate.fingerprint())
                );
                Some(certificate.server_config()?)
            };
            let shutdown = async {
                let _ = tokio::signal::ctrl_c().await;
            };
            server::serve(db.clone(), listener, tls, shutdown).await?;
        }
        Command::CreateOfficer { name } => {
            let officer = admin::create_officer(db, &name).await?;
            println!("{}", officer.id);
        }
        Command::IssueEnrolmentCode { officer, tls_dir } => {
            let officer = admin::find_officer(db, &officer).await?;
            let code = admin::issue_enrolment_code(db, &officer).await?;
            println!("Enrolment code for {}: {code}", officer.name);
            println!("Valid for {} days, once.", admin::CODE_LIFETIME_DAYS);
            if let Some(folder) = tls_dir {
                let certificate = Certificate::load_or_create(&folder, &[])?;
                println!(
                    "The laptop should show head office's fingerprint as {}",
                    doorstep_sync::format_fingerprint(&certificate.fingerprint())
                );
            }
        }
        Command::Assign {
            officer,
            references,
        } => {
            let officer = admin::find_officer(db, &officer).await?;
            let changed = admin::assign(db, &officer, &references).await?;
            println!(
                "{changed} of {} accounts newly assigned to {}",
                references.len(),
                officer.name
            );
        }
        Command::RevokeDevice { device_id } => {
            admin::revoke_device(db, &device_id).await?;
            println!("Device {device_id} is revoked.");
        }
        Command::LoadDemo {
            officer,
            accounts,
            seed,
            years,
        } => {
            let officer = match admin::find_officer(db, &officer).await {
                Ok(found) => found,
                Err(doorstep_headoffice::Error::NotFound(_)) => {
                    admin::create_officer(db, &officer).await?
                }
                Err(error) => return Err(error.into()),
            };
            let options = doorstep_demo::DemoOptions {
                accounts_count: accounts,
                ..doorstep_demo::DemoOptions::new(seed, chrono::Local::now().date_naive())
                    .with_ledger_years(years)
            };
            let count = doorstep_headoffice::demo::load(db, &officer, &options).await?;
            println!(
                "Loaded {count} demo accounts for {} ({})",
                officer.name, officer.id
            );
        }
        Command::Attention => {
            let rows = admin::needs_attention(db).await?;
            if rows.is_empty() {
                println!("Nothing needs attention.");
            }
            for row in rows {
                println!(
                    "{}  {:<20} {:<26} {:<10} {}{}: {}",
                    row.received_at
                        .get(..16)
                        .unwrap_or_default()
                        .replace('T', " "),
                    row.officer_name,
                    row.kind,
                    row.payment_reference.as_deref().unwrap_or("-"),
                    row.outcome,
                    row.conflict
                        .map(|conflict| format!(" ({conflict})"))
                        .unwrap_or_default(),
                    row.reason
                );
            }
        }
        Command::Devices => {
            for device in admin::devices(db).await? {
                println!(
                    "{}  {:<24} {:<20} enrolled {}{}",
                    device.id,
                    device.officer_name,
                    device.name,
                    device.enrolled_at.get(..10).unwrap_or_default(),
                    device
                        .revoked_at
                        .map(|at| format!(", revoked {}", at.get(..10).unwrap_or_default()))
                        .unwrap_or_default()
                );
            }
        }
        Command::Import { extract, file } => {
            let report = import_extract(db, extract, &file).await?;
            println!("{}: {report}", file.display());
        }
        Command::ReconcileCards { file } => reconcile_cards(db, &file).await?,
        Command::ReconcileCheques { file } => reconcile_cheques(db, &file).await?,
        Command::ExportHms { from, to, out } => {
            let summary = hms_export::export_to_file(db, from, to, &out).await?;
            println!(
                "{}: {} payments, {} diary entries, {} legal steps received {from} to {to}",
                out.display(),
                summary.payments,
                summary.diary_entries,
                summary.legal_steps
            );
        }
    }
    Ok(())
}

async fn import_extract(
    db: &Db,
    extract: Extract,
    file: &std::path::Path,
) -> anyhow::Result<ImportReport> {
    Ok(match extract {
        Extract::Tenancies => import::tenancies::import(db, file).await?,
        Extract::People => import::people::import(db, file).await?,
        Extract::Rents => import::rents::import(db, file).await?,
        Extract::Transactions => import::transactions::import(db, file).await?,
        Extract::Assignments => import::assignments::import(db, file).await?,
    })
}

/// Prints a count per category, then every line that needs a person (all but matched).
async fn reconcile_cards(db: &Db, file: &std::path::Path) -> anyhow::Result<()> {
    let imported = card_settlement::import(db, file).await?;
    println!("{}: {imported}", file.display());
    let report = card_settlement::report(db).await?;
    let flagged = card_settlement::flag_declined(db, &report).await?;
    for category in [
        CardCategory::Matched,
        CardCategory::MissingFromSettlement,
        CardCategory::AmountDiffers,
        CardCategory::DeclinedLater,
        CardCategory::Refunded,
        CardCategory::NotApplied,
        CardCategory::NotTaken,
    ] {
        println!("{:<42} {}", category.label(), report.count(category));
    }
    for line in report
        .lines
        .iter()
        .filter(|line| line.category != CardCategory::Matched)
    {
        let mut text = format!("{}: {}", line.category.label(), line.provider_reference);
        if let Some(command_id) = &line.command_id {
            text.push_str(&format!(
                ", account {}: {} taken by {} (command {command_id})",
                line.payment_reference.as_deref().unwrap_or("?"),
                pounds(line.taken_pence),
                line.officer.as_deref().unwrap_or("?"),
            ));
        }
        if let (Some(pence), Some(on)) = (line.settled_pence, line.settled_on) {
            text.push_str(&format!("; provider {} on {on}", pounds(Some(pence))));
        }
        println!("{text}");
    }
    if flagged > 0 {
        println!("{flagged} account(s) newly flagged for a person: declined at settlement.");
    }
    Ok(())
}

async fn reconcile_cheques(db: &Db, file: &std::path::Path) -> anyhow::Result<()> {
    let imported = cheque_banking::import(db, file).await?;
    println!("{}: {imported}", file.display());
    let report = cheque_banking::report(db).await?;
    for category in [
        ChequeCategory::Matched,
        ChequeCategory::TakenNotBanked,
        ChequeCategory::BankedNotTaken,
        ChequeCategory::AmountDiffers,
        ChequeCategory::NotApplied,
    ] {
        println!("{:<42} {}", category.label(), report.count(category));
    }
    for line in report
        .lines
        .iter()
        .filter(|line| line.category != ChequeCategory::Matched)
    {
        let mut text = format!("{}: cheque {}", line.category.label(), line.cheque_number);
        if let Some(reference) = &line.payment_reference {
            text.push_str(&format!(", account {reference}"));
        }
        if let Some(command_id) = &line.command_id {
            text.push_str(&format!(
                ": {} taken by {} on {} (command {command_id})",
                pounds(line.taken_pence),
                line.officer.as_deref().unwrap_or("?"),
                line.received_on.as_deref().unwrap_or("?"),
            ));
        }
        if let (Some(pence), Some(on)) = (line.banked_pence, line.banked_on) {
            text.push_str(&format!("; banked {} on {on}", pounds(Some(pence))));
        }
        println!("{text}");
    }
    Ok(())
}

/// £12.34, or ? when a device's amount could not be read.
fn pounds(pence: Option<i64>) -> String {
    pence.map_or("?".into(), |pence| format!("£{}", pounds_text(pence)))
}
