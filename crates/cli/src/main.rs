//! `doorstep`: support staff's and scripts' way into an officer's store.
//!
//! Same core, same store, same unlock as the desktop app: the passphrase comes from
//! `DOORSTEP_PASSPHRASE` or a prompt. Errors are one clear line on stderr and a non-zero exit.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

mod court;
mod receipts;
mod sync;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use doorstep_api::{
    AccountSort, CourtDocument, DraftNoticeRequest, GetAccountRequest, GetCourtFileRequest,
    ListAccountsRequest, SetUpRequest, StartWith, UnlockRequest, WeeklyReportRequest,
};
use doorstep_core::{
    Config, DemoOptions, PaymentsOutcome, Session, DEMO_ACCOUNTS_DEFAULT, DEMO_ACCOUNTS_MAX,
};
use doorstep_domain::arrears::format_money;

const ENV_PASSPHRASE: &str = "DOORSTEP_PASSPHRASE";

#[derive(Parser)]
#[command(name = "doorstep", version, about = "Doorstep from the command line")]
struct Cli {
    /// The officer's data folder (or set DOORSTEP_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill the store with a synthetic demo patch (setting the store up first if needed).
    Demo {
        /// The same seed gives the same patch (for the same day).
        #[arg(long, default_value_t = doorstep_core::DEMO_SEED_DEFAULT)]
        seed: u64,
        #[arg(long, default_value_t = DEMO_ACCOUNTS_DEFAULT,
              value_parser = clap::value_parser!(u32).range(1..=i64::from(DEMO_ACCOUNTS_MAX)))]
        accounts: u32,
        /// How many years of history each ledger may have (benchmarks use 10).
        #[arg(long, default_value_t = doorstep_core::DEMO_LEDGER_YEARS_DEFAULT,
              value_parser = clap::value_parser!(u32).range(1..=i64::from(doorstep_core::DEMO_LEDGER_YEARS_LIMIT)))]
        years: u32,
    },
    /// List the caseload, highest arrears first.
    Accounts {
        /// Only accounts matching this search (name, address, postcode, payment reference).
        #[arg(long, default_value = "")]
        search: String,
        #[arg(long)]
        json: bool,
    },
    /// Show one account with its transactions.
    Account {
        /// The payment reference.
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// The worklist: every account's next action and why, most urgent first.
    Worklist {
        #[arg(long)]
        json: bool,
    },
    /// Write a rent statement PDF for a date range.
    Statement {
        /// The payment reference.
        reference: String,
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: NaiveDate,
        /// Last day, YYYY-MM-DD.
        #[arg(long)]
        to: NaiveDate,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// Record payments from a CSV of receipts (see `doorstep record-payments --help`):
    /// header payment_reference,amount,method,received_on,receipt_number,note. Every row is
    /// checked first; a bad file records nothing. Re-running a file records nothing twice.
    RecordPayments {
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
    },
    /// Check the hash chain over the ledger and the diary.
    VerifyRecords,
    /// Show the account's notices and the grounds open to it; with --grounds, draft a notice
    /// for service on --serve-on by --method and write its PDF to --out.
    Notice {
        /// The payment reference.
        reference: String,
        /// Ground numbers, e.g. "8,10" (assured) or "1" (secure).
        #[arg(long, value_delimiter = ',')]
        grounds: Vec<String>,
        /// The day the notice will be served, YYYY-MM-DD (today if not given).
        #[arg(long)]
        serve_on: Option<NaiveDate>,
        /// by_hand, left_at_property, first_class_post or second_class_post.
        #[arg(long, default_value = "by_hand")]
        method: String,
        /// The officer's words on the history of the arrears (the figures are added).
        #[arg(long, default_value = "")]
        particulars: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: Option<PathBuf>,
    },
    /// Write the indexed court bundle for a claim issued on --issue-date.
    Bundle {
        /// The payment reference.
        reference: String,
        #[arg(long)]
        issue_date: NaiveDate,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// The claim's data as Possession Claims Online asks for it (JSON, or CSV with --csv).
    Claim {
        /// The payment reference.
        reference: String,
        #[arg(long)]
        issue_date: NaiveDate,
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        #[arg(long)]
        csv: bool,
    },
    /// The weekly arrears report for the Monday-to-Sunday week containing --week.
    Report {
        #[arg(long)]
        week: NaiveDate,
        #[arg(long, conflicts_with = "save")]
        json: bool,
        /// Save the report to the documents folder instead: pdf, xlsx or csv (a folder of
        /// tables). Prints where it went.
        #[arg(long, value_parser = ["pdf", "xlsx", "csv"])]
        save: Option<String>,
    },
    /// Enrol this data folder with head office (setting it up empty first if needed).
    Enrol {
        /// Head office's address, e.g. https://head-office.example:8443
        #[arg(long)]
        server: String,
        /// The one-time code head office gave.
        #[arg(long)]
        code: String,
        /// What head office will call this laptop.
        #[arg(long)]
        name: String,
    },
    /// Send everything recorded here to head office and fetch the caseload's changes.
    Sync {
        #[arg(long)]
        json: bool,
    },
    /// Enrolment, what waits to be sent, and what head office rejected or held.
    SyncStatus {
        #[arg(long)]
        json: bool,
    },
    /// Show the escalation policy in force, export it as JSON, or import a new version.
    Policy {
        /// Write the policy's JSON to this file.
        #[arg(long, value_name = "FILE.json", conflicts_with = "import")]
        export: Option<PathBuf>,
        /// Check this file and, if it is a valid policy, put it in force.
        #[arg(long, value_name = "FILE.json")]
        import: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("doorstep: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(out) => {
            // A closed pipe (`doorstep accounts | head`) is the reader's choice, not an error.
            match std::io::stdout().lock().write_all(out.as_bytes()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("doorstep: cannot write the output: {error}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(error) => {
            eprintln!("doorstep: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Runs one command and returns what it prints, so that printing happens in one place.
async fn run(cli: Cli) -> anyhow::Result<String> {
    let config = Config::from_environment(cli.data_dir)?;
    let session = Session::new(config);
    let outcome = run_command(&session, cli.command).await;
    // Closed before the process exits: a store dropped at exit leaves SQLCipher's connection
    // threads running while the C runtime tears down, which crashed the process now and then.
    let _ = session.lock().await;
    outcome
}

async fn run_command(session: &Session, command: Command) -> anyhow::Result<String> {
    let mut out = String::new();
    match command {
        Command::Demo {
            seed,
            accounts,
            years,
        } => {
            open_or_set_up(session).await?;
            let options = DemoOptions {
                accounts_count: accounts,
                ..DemoOptions::new(seed, doorstep_core::today()).with_ledger_years(years)
            };
            let count = session.load_demo(&options).await?;
            writeln!(
                out,
                "Loaded {count} demo accounts (seed {seed}) into {}",
                session.config().data_dir.display()
            )?;
        }
        Command::Accounts { search, json } => {
            unlock(session).await?;
            let request = ListAccountsRequest {
                query: search,
                sort: AccountSort::ArrearsDescending,
            };
            let list = session.list_accounts(&request).await?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
            } else {
                for account in &list.accounts {
                    writeln!(
                        out,
                        "{:<10} {:>12} {:>6} wks  {}, {}",
                        account.payment_reference,
                        format_money(account.balance),
                        account.arrears_weeks,
                        account.tenant_names,
                        account.postcode
                    )?;
                }
                writeln!(
                    out,
                    "{} of {} accounts",
                    list.accounts.len(),
                    list.caseload_count
                )?;
            }
        }
        Command::Account { reference, json } => {
            unlock(session).await?;
            let detail = session
                .get_account(&GetAccountRequest {
                    payment_reference: reference,
                })
                .await?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&detail)?)?;
            } else {
                writeln!(
                    out,
                    "{} — {}, {}",
                    detail.payment_reference, detail.address, detail.postcode
                )?;
                for person in &detail.people {
                    writeln!(out, "  {}: {}", person.role, person.full_name)?;
                }
                writeln!(out, "{}", detail.arrears_explanation)?;
                for line in &detail.transactions {
                    writeln!(
                        out,
                        "{}  {:<40} {:>12} {:>12} {:>12}",
                        line.posted_on,
                        line.description,
                        line.debit.map(format_money).unwrap_or_default(),
                        line.credit.map(format_money).unwrap_or_default(),
                        format_money(line.balance_after)
                    )?;
                }
            }
        }
        Command::Worklist { json } => {
            unlock(session).await?;
            let worklist = session.get_worklist().await?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&worklist)?)?;
            } else {
                for item in &worklist.items {
                    writeln!(
                        out,
                        "{:<10} {:>12} {:<28} {}",
                        item.payment_reference,
                        format_money(item.balance),
                        item.next_action.label,
                        item.next_action.reason
                    )?;
                }
                writeln!(
                    out,
                    "{} accounts, as at {}, policy \"{}\"",
                    worklist.items.len(),
                    worklist.as_at,
                    worklist.policy_name
                )?;
            }
        }
        Command::Statement {
            reference,
            from,
            to,
            out: path,
        } => {
            unlock(session).await?;
            let pdf = session.rent_statement_pdf(&reference, from, to).await?;
            std::fs::write(&path, &pdf)
                .map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))?;
            writeln!(out, "Wrote {} ({} bytes)", path.display(), pdf.len())?;
        }
        Command::Notice {
            reference,
            grounds,
            serve_on,
            method,
            particulars,
            out: path,
        } => {
            unlock(session).await?;
            let account_id = session.account_id_of(&reference).await?;
            let file = if grounds.is_empty() {
                session
                    .get_court_file(&GetCourtFileRequest {
                        account_id,
                        issue_date: None,
                    })
                    .await?
            } else {
                session
                    .draft_notice(&DraftNoticeRequest {
                        command_id: uuid::Uuid::now_v7().to_string(),
                        account_id,
                        grounds,
                        planned_service_on: serve_on.unwrap_or_else(doorstep_core::today),
                        planned_method: method,
                        particulars,
                    })
                    .await?
            };
            write!(out, "{}", court::notices_text(&file))?;
            if let (Some(path), Some(notice)) = (path, file.notices.first()) {
                let (_, pdf) = session
                    .court_document_pdf(
                        account_id,
                        &CourtDocument::Notice {
                            notice_id: notice.notice_id.clone(),
                        },
                        None,
                    )
                    .await?;
                std::fs::write(&path, &pdf)
                    .map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))?;
                writeln!(out, "Wrote {} ({} bytes)", path.display(), pdf.len())?;
            }
        }
        Command::Bundle {
            reference,
            issue_date,
            out: path,
        } => {
            unlock(session).await?;
            let account_id = session.account_id_of(&reference).await?;
            let file = session
                .get_court_file(&GetCourtFileRequest {
                    account_id,
                    issue_date: Some(issue_date),
                })
                .await?;
            for warning in &file.claim_warnings {
                writeln!(out, "Warning: {warning}")?;
            }
            let (_, pdf) = session
                .court_document_pdf(account_id, &CourtDocument::Bundle, Some(issue_date))
                .await?;
            std::fs::write(&path, &pdf)
                .map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))?;
            writeln!(out, "Wrote {} ({} bytes)", path.display(), pdf.len())?;
        }
        Command::Claim {
            reference,
            issue_date,
            json: _,
            csv,
        } => {
            unlock(session).await?;
            let account_id = session.account_id_of(&reference).await?;
            let claim = session.claim_data(account_id, issue_date).await?;
            if csv {
                write!(out, "{}", claim.to_csv())?;
            } else {
                writeln!(out, "{}", serde_json::to_string_pretty(&claim)?)?;
            }
        }
        Command::Report { week, json, save } => {
            unlock(session).await?;
            let request = WeeklyReportRequest { week_of: week };
            let export = |format| doorstep_api::ExportListRequest {
                list: doorstep_api::ExportList::WeeklyReport,
                format,
                week_of: Some(week),
            };
            match save.as_deref() {
                Some("pdf") => {
                    let produced = session.produce_weekly_report(&request).await?;
                    writeln!(out, "{} ({} pages)", produced.path, produced.pages)?;
                }
                Some("xlsx") => {
                    let file = session
                        .export_list(&export(doorstep_api::ExportFormat::Xlsx))
                        .await?;
                    writeln!(out, "{}", file.path)?;
                }
                Some(_) => {
                    let file = session
                        .export_list(&export(doorstep_api::ExportFormat::Csv))
                        .await?;
                    writeln!(out, "{}", file.path)?;
                }
                None => {
                    let report = session.weekly_report(&request).await?;
                    if json {
                        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
                    } else {
                        write!(out, "{}", court::weekly_report_text(&report))?;
                    }
                }
            }
        }
        Command::RecordPayments { file } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|error| anyhow::anyhow!("{}: {error}", file.display()))?;
            let requests = receipts::parse_receipts(&file.display().to_string(), &text).map_err(
                |problems| anyhow::anyhow!("nothing was recorded:\n{}", problems.join("\n")),
            )?;
            unlock(session).await?;
            // The core checks what the file cannot say (the account exists, the amount and date
            // are allowed) for every row before it records any.
            let recorded = match session.record_payments(&requests).await? {
                PaymentsOutcome::Recorded(recorded) => recorded,
                PaymentsOutcome::Refused { problems } => {
                    let lines: Vec<String> = problems
                        .iter()
                        .map(|(index, error)| format!("{}:{}: {error}", file.display(), index + 2))
                        .collect();
                    anyhow::bail!("nothing was recorded:\n{}", lines.join("\n"));
                }
            };
            writeln!(
                out,
                "Recorded {} payment{} totalling {}; {} already recorded.",
                recorded.recorded_count,
                if recorded.recorded_count == 1 {
                    ""
                } else {
                    "s"
                },
                format_money(recorded.recorded_total),
                recorded.already_count
            )?;
        }
        Command::Enrol { server, code, name } => {
            open_or_set_up(session).await?;
            sync::enrol(session, server, code, name, &mut out).await?;
        }
        Command::Sync { json } => {
            unlock(session).await?;
            sync::sync(session, json, &mut out).await?;
        }
        Command::SyncStatus { json } => {
            unlock(session).await?;
            sync::status(session, json, &mut out).await?;
        }
        Command::Policy { export, import } => {
            unlock(session).await?;
            let view = match import {
                Some(path) => {
                    let json = std::fs::read_to_string(&path)
                        .map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))?;
                    let saved = session
                        .save_policy(&doorstep_api::SavePolicyRequest { json })
                        .await
                        .map_err(|error| match error {
                            doorstep_api::ApiError::PolicyRefused { problems } => anyhow::anyhow!(
                                "{} was not imported:\n{}",
                                path.display(),
                                problems.join("\n")
                            ),
                            other => other.into(),
                        })?;
                    writeln!(
                        out,
                        "Imported \"{}\"; the worklist now follows it.",
                        saved.name
                    )?;
                    saved
                }
                None => session.get_policy().await?,
            };
            match export {
                Some(path) => {
                    std::fs::write(&path, &view.json)
                        .map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))?;
                    writeln!(out, "Wrote \"{}\" to {}", view.name, path.display())?;
                }
                None => {
                    writeln!(out, "{}", view.name)?;
                    for (position, step) in view.steps.iter().enumerate() {
                        writeln!(out, "{}. {step}", position + 1)?;
                    }
                }
            }
        }
        Command::VerifyRecords => {
            unlock(session).await?;
            let report = session.verify_records().await?;
            writeln!(
                out,
                "Checked {} ledger entries and {} diary records.",
                report.ledger_entries_checked, report.diary_records_checked
            )?;
            if !report.problems.is_empty() {
                anyhow::bail!(
                    "the records have been tampered with:\n{}",
                    report.problems.join("\n")
                );
            }
            writeln!(out, "The chain is intact.")?;
        }
    }
    Ok(out)
}

async fn unlock(session: &Session) -> anyhow::Result<()> {
    let passphrase = passphrase("Passphrase: ")?;
    session.unlock(&UnlockRequest { passphrase }).await?;
    Ok(())
}

async fn open_or_set_up(session: &Session) -> anyhow::Result<()> {
    match session.status().await?.state {
        doorstep_api::SessionState::NotSetUp => {
            let passphrase = passphrase("New passphrase: ")?;
            let passphrase_repeated = match std::env::var(ENV_PASSPHRASE) {
                Ok(_) => passphrase.clone(),
                Err(_) => passphrase_from_prompt("Repeat the passphrase: ")?,
            };
            session
                .set_up(&SetUpRequest {
                    passphrase,
                    passphrase_repeated,
                    start_with: StartWith::Empty,
                })
                .await?;
            Ok(())
        }
        _ => unlock(session).await,
    }
}

fn passphrase(prompt: &str) -> anyhow::Result<String> {
    match std::env::var(ENV_PASSPHRASE) {
        Ok(passphrase) => Ok(passphrase),
        Err(_) => passphrase_from_prompt(prompt),
    }
}

fn passphrase_from_prompt(prompt: &str) -> anyhow::Result<String> {
    if !std::io::stdin().is_terminal() {
        anyhow::bail!("no passphrase: set {ENV_PASSPHRASE} or run in a terminal to be asked");
    }
    rpassword::prompt_password(prompt)
        .map_err(|error| anyhow::anyhow!("could not read the passphrase: {error}"))
}
