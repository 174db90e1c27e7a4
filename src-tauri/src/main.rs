//! The Doorstep desktop shell. Each command deserialises its request, calls `doorstep-core`,
//! and returns the core's answer or its `ApiError`: no business logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use doorstep_api::{
    AccountDetail, AccountList, ApiError, CancelArrangementRequest, CreateArrangementRequest,
    ExportedFile, GetAccountRequest, ListAccountsRequest, PolicyView, ProduceDocumentRequest,
    ProducedDocument, RecordDiaryRequest, RecordPaymentRequest, RecordsVerification,
    ReverseEntryRequest, SavePolicyRequest, SessionStatus, SetHoldRequest, SetUpRequest,
    UnlockRequest, Worklist,
};
use doorstep_core::{Config, Session};
use tauri::{Manager, State};

/// How often the shell asks the core whether the idle time has run out. Well under the
/// shortest idle lock (one minute), so a lock is never more than this late.
const IDLE_CHECK_INTERVAL: Duration = Duration::from_secs(10);

#[derive(Parser)]
#[command(
    name = "doorstep-desktop",
    version,
    about = "Doorstep for income officers"
)]
struct Arguments {
    /// The officer's data folder (or set DOORSTEP_DATA_DIR).
    #[arg(long, value_name = "DIR")]
    data_dir: Option<PathBuf>,
}

#[tauri::command]
async fn session_status(session: State<'_, Session>) -> Result<SessionStatus, ApiError> {
    session.status().await
}

#[tauri::command]
async fn set_up(
    session: State<'_, Session>,
    request: SetUpRequest,
) -> Result<SessionStatus, ApiError> {
    session.set_up(&request).await
}

#[tauri::command]
async fn unlock(
    session: State<'_, Session>,
    request: UnlockRequest,
) -> Result<SessionStatus, ApiError> {
    session.unlock(&request).await
}

#[tauri::command]
async fn lock(session: State<'_, Session>) -> Result<SessionStatus, ApiError> {
    session.lock().await
}

#[tauri::command]
async fn record_activity(session: State<'_, Session>) -> Result<SessionStatus, ApiError> {
    session.record_activity().await
}

#[tauri::command]
async fn list_accounts(
    session: State<'_, Session>,
    request: ListAccountsRequest,
) -> Result<AccountList, ApiError> {
    session.list_accounts(&request).await
}

#[tauri::command]
async fn get_account(
    session: State<'_, Session>,
    request: GetAccountRequest,
) -> Result<AccountDetail, ApiError> {
    session.get_account(&request).await
}

#[tauri::command]
async fn get_worklist(session: State<'_, Session>) -> Result<Worklist, ApiError> {
    session.get_worklist().await
}

#[tauri::command]
async fn record_payment(
    session: State<'_, Session>,
    request: RecordPaymentRequest,
) -> Result<AccountDetail, ApiError> {
    session.record_payment(&request).await
}

#[tauri::command]
async fn reverse_entry(
    session: State<'_, Session>,
    request: ReverseEntryRequest,
) -> Result<AccountDetail, ApiError> {
    session.reverse_entry(&request).await
}

#[tauri::command]
async fn create_arrangement(
    session: State<'_, Session>,
    request: CreateArrangementRequest,
) -> Result<AccountDetail, ApiError> {
    session.create_arrangement(&request).await
}

#[tauri::command]
async fn cancel_arrangement(
    session: State<'_, Session>,
    request: CancelArrangementRequest,
) -> Result<AccountDetail, ApiError> {
    session.cancel_arrangement(&request).await
}

#[tauri::command]
async fn record_diary(
    session: State<'_, Session>,
    request: RecordDiaryRequest,
) -> Result<AccountDetail, ApiError> {
    session.record_diary(&request).await
}

#[tauri::command]
async fn set_hold(
    session: State<'_, Session>,
    request: SetHoldRequest,
) -> Result<AccountDetail, ApiError> {
    session.set_hold(&request).await
}

#[tauri::command]
async fn get_policy(session: State<'_, Session>) -> Result<PolicyView, ApiError> {
    session.get_policy().await
}

#[tauri::command]
async fn save_policy(
    session: State<'_, Session>,
    request: SavePolicyRequest,
) -> Result<PolicyView, ApiError> {
    session.save_policy(&request).await
}

#[tauri::command]
async fn produce_document(
    session: State<'_, Session>,
    request: ProduceDocumentRequest,
) -> Result<ProducedDocument, ApiError> {
    session.produce_document(&request).await
}

#[tauri::command]
async fn export_policy(session: State<'_, Session>) -> Result<ExportedFile, ApiError> {
    session.export_policy().await
}

#[tauri::command]
async fn verify_records(session: State<'_, Session>) -> Result<RecordsVerification, ApiError> {
    session.verify_records().await
}

fn main() -> ExitCode {
    let arguments = Arguments::parse();
    let config = match Config::from_environment(arguments.data_dir) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("doorstep-desktop: {error}");
            return ExitCode::from(2);
        }
    };
    let result = tauri::Builder::default()
        .manage(Session::new(config))
        .setup(|app| {
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                loop {
                    tokio::time::sleep(IDLE_CHECK_INTERVAL).await;
                    handle.state::<Session>().lock_if_idle(Instant::now()).await;
                }
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            session_status,
            set_up,
            unlock,
            lock,
            record_activity,
            list_accounts,
            get_account,
            get_worklist,
            record_payment,
            reverse_entry,
            create_arrangement,
            cancel_arrangement,
            record_diary,
            set_hold,
            get_policy,
            save_policy,
            produce_document,
            verify_records,
            export_policy
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("doorstep-desktop: the window could not start: {error}");
            ExitCode::FAILURE
        }
    }
}
