//! The reconcile as it really runs: a device's `Session` against a head office serving in
//! this process (over TLS, or through the fault-injecting proxy), on SQLite or — when
//! `DOORSTEP_TEST_POSTGRES_URL` is set — PostgreSQL.

mod support;

use std::collections::BTreeSet;
use std::sync::Arc;

use doorstep_api::{
    ApiError, RecordPaymentRequest, RecordedPaymentMethod, SessionState, SetUpRequest, StartWith,
    UnlockRequest,
};
use doorstep_core::{Config, CredentialStoreChoice, DemoOptions, Session};
use doorstep_headoffice::admin::{self, OfficerRow};
use doorstep_headoffice::running::{test_database_url, RunningHeadOffice};
use doorstep_headoffice::Db;
use sqlx::Row;
use support::fault_proxy::FaultProxy;
use uuid::Uuid;

const PASSPHRASE: &str = "tea-and-biscuits-42";

struct HeadOffice {
    db: Db,
    officer: OfficerRow,
    references: Vec<String>,
}

/// Head office holding a small demo patch for one officer.
async fn head_office(folder: &std::path::Path, accounts: u32) -> HeadOffice {
    let db = Db::connect(&test_database_url(folder).await.unwrap())
        .await
        .unwrap();
    let officer = admin::create_officer(&db, "Sam Patel").await.unwrap();
    let options = DemoOptions {
        accounts_count: accounts,
        ..DemoOptions::new(11, doorstep_core::today()).with_ledger_years(1)
    };
    doorstep_headoffice::demo::load(&db, &officer, &options)
        .await
        .unwrap();
    let references =
        sqlx::query_scalar("SELECT payment_reference FROM assignments ORDER BY payment_reference")
            .fetch_all(db.pool())
            .await
            .unwrap();
    HeadOffice {
        db,
        officer,
        references,
    }
}

fn device(folder: &std::path::Path) -> Session {
    Session::new(Config::for_data_dir(
        folder.to_path_buf(),
        CredentialStoreChoice::File,
    ))
}

async fn new_device(folder: &std::path::Path) -> Session {
    let session = device(folder);
    session
        .set_up(&SetUpRequest {
            passphrase: PASSPHRASE.into(),
            passphrase_repeated: PASSPHRASE.into(),
            start_with: StartWith::Empty,
        })
        .await
        .unwrap();
    session
}

async fn enrol(session: &Session, head_office: &HeadOffice, url: &str) {
    let code = admin::issue_enrolment_code(&head_office.db, &head_office.officer)
        .await
        .unwrap();
    session
        .enrol_device(&doorstep_api::EnrolDeviceRequest {
            server_url: url.into(),
            code,
            device_name: "Sam's laptop".into(),
        })
        .await
        .unwrap();
}

fn payment(reference: &str, pence: i64) -> RecordPaymentRequest {
    RecordPaymentRequest {
        payment_reference: reference.into(),
        command_id: Uuid::now_v7().to_string(),
        method: RecordedPaymentMethod::Card,
        amount: format!("{}.{:02}", pence / 100, pence % 100),
        received_on: doorstep_core::today(),
        note: String::new(),
    }
}

/// The ids of the payments head office holds from devices, each with how many times.
async fn device_payments_at_head_office(db: &Db) -> Vec<(String, i64)> {
    sqlx::query(
        "SELECT id, count(*) AS times FROM ledger_entries WHERE source = 'device' \
         AND kind = 'payment' GROUP BY id ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
    .unwrap()
    .iter()
    .map(|row| (row.get::<String, _>("id"), row.get::<i64, _>("times")))
    .collect()
}

async fn balance(session: &Session, reference: &str) -> rust_decimal::Decimal {
    session
        .get_account(&doorstep_api::GetAccountRequest {
            payment_reference: reference.into(),
        })
        .await
        .unwrap()
        .balance
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_caseload_comes_down_and_a_payment_goes_up_once_over_tls() {
    let folder = tempfile::tempdir().unwrap();
    let head_office = head_office(folder.path(), 12).await;
    let server = RunningHeadOffice::start(head_office.db.clone(), Some(&folder.path().join("tls")))
        .await
        .unwrap();
    let laptop = new_device(&folder.path().join("laptop")).await;
    enrol(&laptop, &head_office, &server.url()).await;
    let status = laptop.get_sync_status().await.unwrap();
    let enrolment = status.enrolment.expect("enrolled");
    assert_eq!(enrolment.officer_name, "Sam Patel");
    assert_eq!(
        enrolment.certificate_fingerprint.as_deref(),
        server
            .fingerprint()
            .map(doorstep_sync::format_fingerprint)
            .as_deref(),
        "the laptop pinned the certificate head office serves"
    );

    let pulled = laptop.sync_now().await.unwrap();
    assert_eq!(pulled.accounts_added, 12);
    let reference = &head_office.references[3];
    let before = balance(&laptop, reference).await;

    laptop
        .record_payment(&payment(reference, 2_537))
        .await
        .unwrap();
    let sent = laptop.sync_now().await.unwrap();
    assert_eq!(sent.commands_applied, 1);
    let held = device_payments_at_head_office(&head_office.db).await;
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].1, 1);
    let amount: i64 = sqlx::query_scalar("SELECT amount_pence FROM ledger_entries WHERE id = $1")
        .bind(&held[0].0)
        .fetch_one(head_office.db.pool())
        .await
        .unwrap();
    assert_eq!(amount, -2_537, "to the penny");

    // Head office's copy came back: the same entry, not a second one.
    let again = laptop.sync_now().await.unwrap();
    assert_eq!(again.commands_applied, 0);
    assert_eq!(again.entries_added, 0);
    assert_eq!(
        balance(&laptop, reference).await,
        before - rust_decimal::Decimal::new(2_537, 2)
    );
    assert_eq!(laptop.get_sync_status().await.unwrap().unsent_count, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_command_needs_attention_on_both_sides_and_never_blocks_the_rest() {
    let folder = tempfile::tempdir().unwrap();
    let head_office = head_office(folder.path(), 6).await;
    let server = RunningHeadOffice::start(head_office.db.clone(), None)
        .await
        .unwrap();
    let laptop = new_device(&folder.path().join("laptop")).await;
    enrol(&laptop, &head_office, &server.url()).await;
    laptop.sync_now().await.unwrap();

    // Offline, the officer takes two payments; meanwhile head office gives the first
    // account to someone else.
    let (moved, kept) = (&head_office.references[0], &head_office.references[1]);
    laptop.record_payment(&payment(moved, 1_000)).await.unwrap();
    laptop.record_payment(&payment(kept, 2_000)).await.unwrap();
    let other = admin::create_officer(&head_office.db, "Jo Okafor")
        .await
        .unwrap();
    admin::assign(&head_office.db, &other, std::slice::from_ref(moved))
        .await
        .unwrap();

    let summary = laptop.sync_now().await.unwrap();
    assert_eq!((summary.commands_applied, summary.commands_held), (1, 1));
    assert_eq!(summary.accounts_reassigned, 1);
    let status = laptop.get_sync_status().await.unwrap();
    assert_eq!(status.unsent_count, 0, "answered, so not sent again");
    let attention = &status.needs_attention;
    assert_eq!(attention.len(), 1);
    assert_eq!(
        attention[0].payment_reference.as_deref(),
        Some(moved.as_str())
    );
    assert_eq!(attention[0].outcome, "held");
    assert!(
        attention[0].reason.contains("reassigned"),
        "{}",
        attention[0].reason
    );
    assert_eq!(status.reassigned.len(), 1);

    let conflicts: Vec<(String, String)> =
        sqlx::query_as("SELECT payment_reference, conflict FROM conflicts")
            .fetch_all(head_office.db.pool())
            .await
            .unwrap();
    assert_eq!(conflicts, vec![(moved.clone(), "reassigned".to_string())]);
    let payments = device_payments_at_head_office(&head_office.db).await;
    assert_eq!(
        payments.len(),
        1,
        "only the payment on the officer's own account is posted"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payment_after_the_tenancy_ended_is_held_for_a_person() {
    let folder = tempfile::tempdir().unwrap();
    let head_office = head_office(folder.path(), 4).await;
    let server = RunningHeadOffice::start(head_office.db.clone(), None)
        .await
        .unwrap();
    let laptop = new_device(&folder.path().join("laptop")).await;
    enrol(&laptop, &head_office, &server.url()).await;
    laptop.sync_now().await.unwrap();
    let reference = &head_office.references[2];
    sqlx::query("UPDATE accounts SET tenancy_end_date = $1 WHERE payment_reference = $2")
        .bind((doorstep_core::today() - chrono::Days::new(3)).to_string())
        .bind(reference)
        .execute(head_office.db.pool())
        .await
        .unwrap();
    laptop
        .record_payment(&payment(reference, 5_000))
        .await
        .unwrap();
    let summary = laptop.sync_now().await.unwrap();
    assert_eq!(summary.commands_held, 1);
    let status = laptop.get_sync_status().await.unwrap();
    assert!(
        status.needs_attention[0]
            .reason
            .contains("after the tenancy ended"),
        "{}",
        status.needs_attention[0].reason
    );
    assert!(device_payments_at_head_office(&head_office.db)
        .await
        .is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_look_alike_head_office_is_refused_and_nothing_is_sent() {
    let folder = tempfile::tempdir().unwrap();
    let head_office = head_office(folder.path(), 3).await;
    let mut server =
        RunningHeadOffice::start(head_office.db.clone(), Some(&folder.path().join("tls")))
            .await
            .unwrap();
    let laptop = new_device(&folder.path().join("laptop")).await;
    enrol(&laptop, &head_office, &server.url()).await;
    laptop.sync_now().await.unwrap();
    laptop
        .record_payment(&payment(&head_office.references[0], 700))
        .await
        .unwrap();
    server
        .restart_with_certificate(&folder.path().join("other-tls"))
        .await
        .unwrap();
    let refused = laptop.sync_now().await;
    match refused {
        Err(ApiError::HeadOffice { message }) => assert!(
            message.contains("not the head office this laptop enrolled with"),
            "{message}"
        ),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(laptop.get_sync_status().await.unwrap().unsent_count, 1);
    assert!(device_payments_at_head_office(&head_office.db)
        .await
        .is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_laptop_locks_and_erases_its_store() {
    let folder = tempfile::tempdir().unwrap();
    let head_office = head_office(folder.path(), 3).await;
    let server = RunningHeadOffice::start(head_office.db.clone(), None)
        .await
        .unwrap();
    let laptop_folder = folder.path().join("laptop");
    let laptop = new_device(&laptop_folder).await;
    enrol(&laptop, &head_office, &server.url()).await;
    laptop.sync_now().await.unwrap();
    let device_id = laptop
        .get_sync_status()
        .await
        .unwrap()
        .enrolment
        .unwrap()
        .device_id;
    admin::revoke_device(&head_office.db, &device_id)
        .await
        .unwrap();

    let summary = laptop.sync_now().await.unwrap();
    assert!(summary.erased);
    assert_eq!(laptop.status().await.unwrap().state, SessionState::NotSetUp);
    assert!(!laptop_folder.join("doorstep.db").exists());
    assert!(!laptop_folder.join("credential.json").exists());
    // The old passphrase opens nothing now.
    let reopened = device(&laptop_folder)
        .unlock(&UnlockRequest {
            passphrase: PASSPHRASE.into(),
        })
        .await;
    assert!(matches!(reopened, Err(ApiError::NotSetUp)), "{reopened:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_laptop_killed_after_recording_sends_the_payment_once_when_it_comes_back() {
    let folder = tempfile::tempdir().unwrap();
    let head_office = head_office(folder.path(), 3).await;
    let server = Arc::new(tokio::sync::Mutex::new(
        RunningHeadOffice::start(head_office.db.clone(), None)
            .await
            .unwrap(),
    ));
    let proxy = FaultProxy::start(server.clone(), 1).await;
    let laptop_folder = folder.path().join("laptop");
    let laptop = new_device(&laptop_folder).await;
    enrol(&laptop, &head_office, &proxy.url()).await;
    laptop.sync_now().await.unwrap();

    let request = payment(&head_office.references[1], 4_200);
    laptop.record_payment(&request).await.unwrap();
    // Killed before sending: the process ends with the payment only in the store.
    drop(laptop);
    let laptop = device(&laptop_folder);
    laptop
        .unlock(&UnlockRequest {
            passphrase: PASSPHRASE.into(),
        })
        .await
        .unwrap();
    // Killed again while sending: head office applied it but the answer never arrived.
    proxy.set_fault_percent(100).await;
    let lost = loop {
        let attempt = laptop.sync_now().await;
        let injected = proxy.schedule.lock().await.faults_injected.clone();
        if injected.contains(&support::fault_proxy::Fault::DropResponse) || injected.len() > 50 {
            break attempt;
        }
    };
    assert!(lost.is_err());
    proxy.set_fault_percent(0).await;
    let summary = laptop.sync_now().await.unwrap();
    assert!(summary.commands_applied <= 1);
    let held = device_payments_at_head_office(&head_office.db).await;
    assert_eq!(held, vec![(request.command_id.clone(), 1)]);
    assert_eq!(laptop.get_sync_status().await.unwrap().unsent_count, 0);
}

/// How many randomized fault schedules to run (`DOORSTEP_FAULT_SCHEDULES` to change).
fn schedules_count() -> u64 {
    std::env::var("DOORSTEP_FAULT_SCHEDULES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(1_000)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payments_reach_head_office_exactly_once_whatever_the_network_does() {
    let folder = tempfile::tempdir().unwrap();
    let head_office = head_office(folder.path(), 8).await;
    let server = Arc::new(tokio::sync::Mutex::new(
        RunningHeadOffice::start(head_office.db.clone(), None)
            .await
            .unwrap(),
    ));
    let seed = std::env::var("DOORSTEP_FAULT_SEED")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(20_261_124);
    let proxy = FaultProxy::start(server.clone(), seed).await;
    let laptop = new_device(&folder.path().join("laptop")).await;
    enrol(&laptop, &head_office, &proxy.url()).await;
    laptop.sync_now().await.unwrap();

    use rand::{Rng, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut taken = BTreeSet::new();
    for schedule in 0..schedules_count() {
        for _ in 0..rng.gen_range(1..=3) {
            let reference = &head_office.references[rng.gen_range(0..head_office.references.len())];
            let request = payment(reference, rng.gen_range(1..=20_000));
            laptop.record_payment(&request).await.unwrap();
            taken.insert(request.command_id);
        }
        proxy.set_fault_percent(rng.gen_range(20..=90)).await;
        for _ in 0..rng.gen_range(1..=3) {
            // Failures are expected here: the point is what is left afterwards.
            let _ = laptop.sync_now().await;
        }
        proxy.set_fault_percent(0).await;
        let mut clean = laptop.sync_now().await;
        for _ in 0..3 {
            if clean.is_ok() {
                break;
            }
            clean = laptop.sync_now().await;
        }
        clean.unwrap_or_else(|error| panic!("schedule {schedule} (seed {seed}): {error}"));
        let held = device_payments_at_head_office(&head_office.db).await;
        let once: BTreeSet<String> = held.iter().map(|(id, _)| id.clone()).collect();
        assert!(
            held.iter().all(|(_, times)| *times == 1) && once == taken,
            "schedule {schedule} (seed {seed}): head office holds {} payments for {} taken; \
             faults {:?}",
            once.len(),
            taken.len(),
            proxy.schedule.lock().await.faults_injected
        );
    }
    let faults = proxy.schedule.lock().await.faults_injected.clone();
    for fault in [
        support::fault_proxy::Fault::DropRequest,
        support::fault_proxy::Fault::DropResponse,
        support::fault_proxy::Fault::Duplicate,
        support::fault_proxy::Fault::LateCopy,
        support::fault_proxy::Fault::KillServer,
    ] {
        assert!(faults.contains(&fault), "{fault:?} was never injected");
    }
    // The device's ledger holds each payment once too: head office's copy came back as the
    // same entries.
    let status = laptop.get_sync_status().await.unwrap();
    assert_eq!(status.unsent_count, 0);
    assert!(
        status.needs_attention.is_empty(),
        "{:?}",
        status.needs_attention
    );
}
