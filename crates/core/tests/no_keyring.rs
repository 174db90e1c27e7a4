//! A normal run on a desktop with no credential service: the officer is told why, and nothing
//! is written. Its own test binary, because it points this process's D-Bus at nowhere.

use doorstep_api::{ApiError, SessionState, SetUpRequest, StartWith};
use doorstep_core::{Config, CredentialStoreChoice, Session};

#[tokio::test]
async fn without_a_credential_service_set_up_says_why_and_writes_nothing() {
    // Safety of set_var: this binary holds only this test, and nothing else reads the
    // environment concurrently.
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/doorstep-bus",
    );
    let folder = tempfile::tempdir().unwrap();
    let session = Session::new(Config::for_data_dir(
        folder.path().to_path_buf(),
        CredentialStoreChoice::Os,
    ));
    let result = session
        .set_up(&SetUpRequest {
            passphrase: "tea-and-biscuits-42".into(),
            passphrase_repeated: "tea-and-biscuits-42".into(),
            start_with: StartWith::Empty,
        })
        .await;
    let Err(ApiError::CredentialStoreUnavailable { reason }) = result else {
        panic!("expected CredentialStoreUnavailable, got {result:?}");
    };
    assert!(
        reason.contains("keyring"),
        "the reason should say what to do: {reason}"
    );
    // Never a silent fallback: no key file, no database, still not set up.
    assert!(!folder.path().join("credential.json").exists());
    assert!(!folder.path().join("doorstep.db").exists());
    assert_eq!(
        session.status().await.unwrap().state,
        SessionState::NotSetUp
    );
}
