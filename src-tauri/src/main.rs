//! The Doorstep desktop shell. Each command deserialises its request, calls `doorstep-core`,
//! and returns the core's answer or its `ApiError`: no business logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use doorstep_api::{
    AccountDetail, AccountList, ApiError, GetAccountRequest, ListAccountsRequest, SessionStatus,
    SetUpRequest, UnlockRequest,
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
            get_account
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
