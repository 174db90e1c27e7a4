//! The session as an officer meets it: first run, lock, unlock, idle lock, and the caseload.

use std::time::{Duration, Instant};

use doorstep_api::{
    AccountSort, ApiError, GetAccountRequest, ListAccountsRequest, SessionState, SetUpRequest,
    StartWith, UnlockRequest,
};
use doorstep_core::{Config, CredentialStoreChoice, DemoOptions, Session};
use rust_decimal::Decimal;

const PASSPHRASE: &str = "tea-and-biscuits-42";

fn session(folder: &tempfile::TempDir, credential_store: CredentialStoreChoice) -> Session {
    Session::new(Config {
        idle_lock_minutes: 1,
        ..Config::for_data_dir(folder.path().to_path_buf(), credential_store)
    })
}

fn set_up_request(passphrase: &str, repeated: &str, start_with: StartWith) -> SetUpRequest {
    SetUpRequest {
        passphrase: passphrase.into(),
        passphrase_repeated: repeated.into(),
        start_with,
    }
}

fn unlock_request(passphrase: &str) -> UnlockRequest {
    UnlockRequest {
        passphrase: passphrase.into(),
    }
}

async fn state(session: &Session) -> SessionState {
    session.status().await.unwrap().state
}

async fn with_demo(session: &Session, accounts_count: u32) {
    session
        .set_up(&set_up_request(PASSPHRASE, PASSPHRASE, StartWith::Empty))
        .await
        .unwrap();
    session
        .load_demo(&DemoOptions {
            accounts_count,
            ..DemoOptions::new(3, doorstep_core::today())
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn first_run_refuses_weak_or_mismatched_passphrases() {
    let folder = tempfile::tempdir().unwrap();
    let session = session(&folder, CredentialStoreChoice::File);
    assert_eq!(state(&session).await, SessionState::NotSetUp);
    let short = session
        .set_up(&set_up_request("short", "short", StartWith::Empty))
        .await;
    assert_eq!(short, Err(ApiError::PassphraseTooShort { chars_min: 10 }));
    let mismatch = session
        .set_up(&set_up_request(
            PASSPHRASE,
            "tea-and-biscuits-43",
            StartWith::Empty,
        ))
        .await;
    assert_eq!(mismatch, Err(ApiError::PassphraseMismatch));
    assert_eq!(state(&session).await, SessionState::NotSetUp);
}

#[tokio::test]
async fn start_with_demo_data_opens_the_demo_caseload() {
    let folder = tempfile::tempdir().unwrap();
    let session = session(&folder, CredentialStoreChoice::File);
    let status = session
        .set_up(&set_up_request(
            PASSPHRASE,
            PASSPHRASE,
            StartWith::DemoCaseload,
        ))
        .await
        .unwrap();
    assert_eq!(status.state, SessionState::Unlocked);
    let list = session
        .list_accounts(&ListAccountsRequest::default())
        .await
        .unwrap();
    assert_eq!(
        list.caseload_count,
        doorstep_core::DEMO_ACCOUNTS_DEFAULT as usize
    );
    // Highest arrears first.
    assert!(list
        .accounts
        .windows(2)
        .all(|pair| pair[0].balance >= pair[1].balance));
}

#[tokio::test]
async fn locked_means_nothing_is_shown_until_the_right_passphrase() {
    let folder = tempfile::tempdir().unwrap();
    let session = session(&folder, CredentialStoreChoice::File);
    with_demo(&session, 8).await;
    session.lock().await.unwrap();
    assert_eq!(state(&session).await, SessionState::Locked);
    let list = session.list_accounts(&ListAccountsRequest::default()).await;
    assert_eq!(list, Err(ApiError::Locked));

    let wrong = session.unlock(&unlock_request("tea-and-biscuits-24")).await;
    assert_eq!(wrong, Err(ApiError::WrongPassphrase));
    assert_eq!(state(&session).await, SessionState::Locked);

    session.unlock(&unlock_request(PASSPHRASE)).await.unwrap();
    let list = session
        .list_accounts(&ListAccountsRequest::default())
        .await
        .unwrap();
    assert_eq!(list.caseload_count, 8);
}

#[tokio::test]
async fn the_session_locks_itself_after_the_idle_time() {
    let folder = tempfile::tempdir().unwrap();
    let session = session(&folder, CredentialStoreChoice::File);
    with_demo(&session, 2).await;
    let start = Instant::now();
    assert!(!session.lock_if_idle(start + Duration::from_secs(50)).await);
    assert_eq!(state(&session).await, SessionState::Unlocked);
    assert!(session.lock_if_idle(start + Duration::from_secs(61)).await);
    assert_eq!(state(&session).await, SessionState::Locked);
}

#[tokio::test]
async fn search_narrows_the_caseload_and_balances_agree_everywhere() {
    let folder = tempfile::tempdir().unwrap();
    let session = session(&folder, CredentialStoreChoice::File);
    with_demo(&session, 40).await;
    let all = session
        .list_accounts(&ListAccountsRequest {
            query: String::new(),
            sort: AccountSort::Reference,
        })
        .await
        .unwrap();
    assert_eq!(all.accounts.len(), 40);
    for summary in &all.accounts {
        let detail = session
            .get_account(&GetAccountRequest {
                payment_reference: summary.payment_reference.clone(),
            })
            .await
            .unwrap();
        // The caseload figure, the account page figure and the statement's last running
        // balance are the same number.
        assert_eq!(detail.balance, summary.balance);
        let last = detail.transactions.last().map(|line| line.balance_after);
        assert_eq!(last.unwrap_or(Decimal::ZERO), detail.balance);

        let by_postcode = session
            .list_accounts(&ListAccountsRequest {
                query: summary.postcode.to_lowercase().replace(' ', ""),
                sort: AccountSort::ArrearsDescending,
            })
            .await
            .unwrap();
        assert!(by_postcode
            .accounts
            .iter()
            .any(|found| found.payment_reference == summary.payment_reference));
        assert!(by_postcode
            .accounts
            .iter()
            .all(|found| found.postcode == summary.postcode));
    }
    let missing = session
        .get_account(&GetAccountRequest {
            payment_reference: "000000000".into(),
        })
        .await;
    assert_eq!(
        missing,
        Err(ApiError::AccountNotFound {
            reference: "000000000".into()
        })
    );
}

/// The normal path: the key sealed in the OS credential store. `scripts/test.sh` runs the tests
/// inside a private D-Bus session with an unlocked gnome-keyring, so this uses a real Secret
/// Service without touching anyone's own keyring.
#[tokio::test]
async fn the_os_credential_store_keeps_the_sealed_key() {
    let folder = tempfile::tempdir().unwrap();
    let session = session(&folder, CredentialStoreChoice::Os);
    let status = session
        .set_up(&set_up_request(PASSPHRASE, PASSPHRASE, StartWith::Empty))
        .await;
    assert!(
        status.is_ok(),
        "the OS credential store failed: {status:?} (run under scripts/test.sh)"
    );
    session.lock().await.unwrap();
    assert_eq!(
        session.unlock(&unlock_request("not the passphrase")).await,
        Err(ApiError::WrongPassphrase)
    );
    session.unlock(&unlock_request(PASSPHRASE)).await.unwrap();
    assert!(!folder.path().join("credential.json").exists());
}
