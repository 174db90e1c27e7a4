//! `doorstep-headoffice`: the server and an administrator's commands.
//!
//! The database is `--database URL` or `DOORSTEP_HEADOFFICE_DATABASE`: `sqlite://FILE` (the
//! default, `sqlite://headoffice.db`) or `postgres://…`. Errors are one line on stderr and a
//! non-zero exit.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
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
            println!("Loaded {count} demo accounts for {} ({})", officer.name, officer.id);
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
    }
    Ok(())
}
