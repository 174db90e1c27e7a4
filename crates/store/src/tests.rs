//! Store tests against real SQLCipher files in temporary folders.

use chrono::NaiveDate;
use doorstep_demo::{generate, DemoCaseload, DemoOptions};
use rust_decimal::Decimal;
use sqlx::Row;

use crate::{CredentialStore, DataDir, DatabaseKey, Store, StoreError};

const PASSPHRASE: &str = "correct horse battery staple";

fn demo(accounts_count: u32) -> DemoCaseload {
    generate(&DemoOptions {
        accounts_count,
        ..DemoOptions::new(11, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
    })
}

async fn insert(store: &Store, caseload: &DemoCaseload) {
    store.insert_accounts(&caseload.accounts).await.unwrap();
}

fn file_credentials(data_dir: &DataDir) -> CredentialStore {
    CredentialStore::File {
        path: data_dir.credential_file_path(),
    }
}

/// Every file in the folder, the WAL included: plaintext must not hide in any of them.
fn all_bytes_on_disk(data_dir: &DataDir) -> Vec<(String, Vec<u8>)> {
    std::fs::read_dir(data_dir.root())
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            (path.display().to_string(), std::fs::read(&path).unwrap())
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[tokio::test]
async fn the_database_on_disk_holds_no_plaintext() {
    let folder = tempfile::tempdir().unwrap();
    let data_dir = DataDir::new(folder.path());
    let store = Store::create(&data_dir, &file_credentials(&data_dir), PASSPHRASE)
        .await
        .unwrap();
    let caseload = demo(30);
    insert(&store, &caseload).await;
    store.close().await;

    let database = std::fs::read(data_dir.database_path()).unwrap();
    assert!(!database.starts_with(b"SQLite format 3\0"));
    let files = all_bytes_on_disk(&data_dir);
    let bytes_total: usize = files.iter().map(|(_, bytes)| bytes.len()).sum();
    // 30 accounts with years of history: if this is small, the data never reached the disk
    // and the search below proves nothing.
    assert!(bytes_total > 256 * 1024, "only {bytes_total} bytes on disk");
    let mut needles: Vec<&str> = vec!["ledger_entries", "CREATE TABLE", "payment_reference"];
    for account in &caseload.accounts {
        needles.push(&account.address_line_1);
        needles.push(&account.postcode);
        needles.extend(
            account
                .people
                .iter()
                .map(|person| person.full_name.as_str()),
        );
    }
    for (path, bytes) in files {
        for needle in &needles {
            assert!(!contains(&bytes, needle), "{needle:?} in clear in {path}");
        }
    }
}

#[tokio::test]
async fn a_wrong_passphrase_opens_nothing_and_the_right_one_opens_the_data() {
    let folder = tempfile::tempdir().unwrap();
    let data_dir = DataDir::new(folder.path());
    let credentials = file_credentials(&data_dir);
    let store = Store::create(&data_dir, &credentials, PASSPHRASE)
        .await
        .unwrap();
    insert(&store, &demo(5)).await;
    store.close().await;

    let wrong = Store::open(&data_dir, &credentials, "correct horse battery stapler").await;
    assert!(
        matches!(wrong, Err(StoreError::WrongPassphrase)),
        "{wrong:?}"
    );

    let store = Store::open(&data_dir, &credentials, PASSPHRASE)
        .await
        .unwrap();
    assert_eq!(store.accounts_count().await.unwrap(), 5);
}

#[tokio::test]
async fn a_wrong_key_fails_cleanly_at_open() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("doorstep.db");
    let store = Store::open_with_key(&path, &DatabaseKey::from_bytes([1; 32]), true)
        .await
        .unwrap();
    store.close().await;
    let wrong = Store::open_with_key(&path, &DatabaseKey::from_bytes([2; 32]), false).await;
    assert!(matches!(wrong, Err(StoreError::WrongKey)), "{wrong:?}");
}

#[tokio::test]
async fn a_missing_key_or_folder_is_reported_as_such() {
    let folder = tempfile::tempdir().unwrap();
    let data_dir = DataDir::new(folder.path());
    let credentials = file_credentials(&data_dir);
    let not_set_up = Store::open(&data_dir, &credentials, PASSPHRASE).await;
    assert!(
        matches!(not_set_up, Err(StoreError::NotSetUp)),
        "{not_set_up:?}"
    );

    Store::create(&data_dir, &credentials, PASSPHRASE)
        .await
        .unwrap()
        .close()
        .await;
    let again = Store::create(&data_dir, &credentials, PASSPHRASE).await;
    assert!(matches!(again, Err(StoreError::AlreadySetUp)), "{again:?}");

    std::fs::remove_file(data_dir.credential_file_path()).unwrap();
    let missing = Store::open(&data_dir, &credentials, PASSPHRASE).await;
    assert!(
        matches!(missing, Err(StoreError::KeyMissing { .. })),
        "{missing:?}"
    );
}

#[tokio::test]
async fn migrations_apply_to_a_fresh_store_and_are_idempotent() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("doorstep.db");
    let key = DatabaseKey::from_bytes([3; 32]);
    let applied = |store: Store| async move {
        let rows = sqlx::query("SELECT version, success FROM _sqlx_migrations ORDER BY version")
            .fetch_all(store.pool())
            .await
            .unwrap();
        store.close().await;
        rows.iter()
            .map(|row| (row.get::<i64, _>("version"), row.get::<bool, _>("success")))
            .collect::<Vec<_>>()
    };
    let first = applied(Store::open_with_key(&path, &key, true).await.unwrap()).await;
    assert!(!first.is_empty());
    assert!(first.iter().all(|(_, success)| *success));
    let second = applied(Store::open_with_key(&path, &key, false).await.unwrap()).await;
    assert_eq!(first, second);
}

#[tokio::test]
async fn the_ledger_refuses_update_and_delete_and_unmirrored_reversals() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("doorstep.db");
    let store = Store::open_with_key(&path, &DatabaseKey::from_bytes([4; 32]), true)
        .await
        .unwrap();
    insert(&store, &demo(1)).await;
    let pool = store.pool();
    let (id, account_id, amount): (String, i64, i64) = sqlx::query_as(
        "SELECT id, account_id, amount_pence FROM ledger_entries \
         WHERE kind = 'charge' ORDER BY sequence LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let balance_before = ledger_sum(pool, account_id).await;

    let update = sqlx::query("UPDATE ledger_entries SET amount_pence = 1 WHERE id = ?")
        .bind(&id)
        .execute(pool)
        .await;
    assert!(format!("{update:?}").contains("append-only"), "{update:?}");
    let delete = sqlx::query("DELETE FROM ledger_entries WHERE id = ?")
        .bind(&id)
        .execute(pool)
        .await;
    assert!(format!("{delete:?}").contains("append-only"), "{delete:?}");

    let reversal = |reversal_id: &'static str, amount_pence: i64, sequence: i64| {
        sqlx::query(
            "INSERT INTO ledger_entries (id, account_id, sequence, posted_on, kind, amount_pence, \
             description, reverses_entry_id) VALUES (?, ?, ?, '2026-11-23', 'reversal', ?, 'x', ?)",
        )
        .bind(reversal_id)
        .bind(account_id)
        .bind(sequence)
        .bind(amount_pence)
        .bind(id.clone())
    };
    let not_mirrored = reversal("r-1", -(amount - 1), 1_000_000)
        .execute(pool)
        .await;
    assert!(
        format!("{not_mirrored:?}").contains("mirror"),
        "{not_mirrored:?}"
    );
    reversal("r-2", -amount, 1_000_001)
        .execute(pool)
        .await
        .unwrap();
    let twice = reversal("r-3", -amount, 1_000_002).execute(pool).await;
    assert!(twice.is_err(), "an entry was reversed twice");
    assert_eq!(ledger_sum(pool, account_id).await, balance_before - amount);
}

#[tokio::test]
async fn what_goes_in_comes_back_out() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("doorstep.db");
    let store = Store::open_with_key(&path, &DatabaseKey::from_bytes([5; 32]), true)
        .await
        .unwrap();
    let caseload = demo(12);
    insert(&store, &caseload).await;
    // The worklist's path: with a window from before any entry, the facts hold whole ledgers.
    let ledgers: std::collections::HashMap<i64, Vec<_>> = store
        .ledger_facts(today(), NaiveDate::from_ymd_opt(1990, 1, 1).unwrap(), None)
        .await
        .unwrap()
        .into_iter()
        .map(|facts| (facts.account_id, facts.window_entries))
        .collect();
    for expected in &caseload.accounts {
        let record = store
            .account_by_reference(&expected.payment_reference)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(record.schedule, expected.schedule);
        assert_eq!(record.people.len(), expected.people.len());
        assert_eq!(record.postcode, expected.postcode);
        assert_eq!(record.benefit_awards, expected.benefit_awards);
        let entries = store.entries_for_account(record.id).await.unwrap();
        assert_eq!(entries, expected.entries);
        assert_eq!(ledgers[&record.id], expected.entries);
        let total: Decimal = entries.iter().map(|entry| entry.amount).sum();
        assert_eq!(total, doorstep_domain::ledger::balance(&expected.entries));
    }
}

async fn ledger_sum(pool: &sqlx::SqlitePool, account_id: i64) -> i64 {
    sqlx::query_scalar("SELECT sum(amount_pence) FROM ledger_entries WHERE account_id = ?")
        .bind(account_id)
        .fetch_one(pool)
        .await
        .unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn command(kind: &'static str) -> crate::OutboxCommand {
    crate::OutboxCommand {
        command_id: uuid::Uuid::now_v7(),
        kind,
        payload: serde_json::json!({}),
        created_at: chrono::Utc::now(),
    }
}

fn payment(pence: i64) -> doorstep_domain::ledger::Entry {
    doorstep_domain::ledger::Entry {
        id: uuid::Uuid::now_v7(),
        posted_on: today(),
        kind: doorstep_domain::ledger::EntryKind::Payment {
            method: doorstep_domain::ledger::PaymentMethod::Card,
        },
        amount: doorstep_domain::money::money_from_pence(-pence),
        description: "Card payment".into(),
    }
}

async fn open_demo(folder: &tempfile::TempDir, accounts_count: u32) -> (Store, DemoCaseload) {
    let path = folder.path().join("doorstep.db");
    let store = Store::open_with_key(&path, &DatabaseKey::from_bytes([7; 32]), true)
        .await
        .unwrap();
    let caseload = demo(accounts_count);
    insert(&store, &caseload).await;
    (store, caseload)
}

#[tokio::test]
async fn ledger_facts_agree_with_the_whole_ledger() {
    let folder = tempfile::tempdir().unwrap();
    let (store, _) = open_demo(&folder, 20).await;
    let window_start = NaiveDate::from_ymd_opt(2026, 8, 24).unwrap();
    let facts = store
        .ledger_facts(today(), window_start, None)
        .await
        .unwrap();
    assert_eq!(facts.len(), 20);
    for fact in &facts {
        let entries = store.entries_for_account(fact.account_id).await.unwrap();
        let through = |last: NaiveDate| -> Decimal {
            entries
                .iter()
                .filter(|e| e.posted_on <= last)
                .map(|e| e.amount)
                .sum()
        };
        assert_eq!(fact.balance, through(today()));
        assert_eq!(
            fact.balance_before_window,
            through(window_start.pred_opt().unwrap())
        );
        let window: Vec<_> = entries
            .iter()
            .filter(|e| e.posted_on >= window_start && e.posted_on <= today())
            .cloned()
            .collect();
        assert_eq!(fact.window_entries, window);
    }
}

#[tokio::test]
async fn a_command_is_applied_once_however_often_it_is_retried() {
    let folder = tempfile::tempdir().unwrap();
    let (store, _) = open_demo(&folder, 3).await;
    let account_id = store.accounts().await.unwrap()[0].id;
    let before = ledger_sum(store.pool(), account_id).await;
    let entry = payment(2_500);
    let command = command("payment_recorded");
    let first = store
        .append_entries(account_id, std::slice::from_ref(&entry), None, &command)
        .await;
    let second = store
        .append_entries(account_id, &[entry], None, &command)
        .await;
    assert_eq!(first.unwrap(), crate::Recorded::Now);
    assert_eq!(second.unwrap(), crate::Recorded::Already);
    assert_eq!(ledger_sum(store.pool(), account_id).await, before - 2_500);
    assert_eq!(store.unacknowledged_commands_count().await.unwrap(), 1);
}

#[tokio::test]
async fn the_chain_shows_any_change_to_the_ledger_or_the_diary() {
    let folder = tempfile::tempdir().unwrap();
    let (store, _) = open_demo(&folder, 5).await;
    let account_id = store.accounts().await.unwrap()[0].id;
    store
        .append_entries(
            account_id,
            &[payment(1_000)],
            None,
            &command("payment_recorded"),
        )
        .await
        .unwrap();
    let diary = crate::DiaryRecord {
        id: uuid::Uuid::now_v7(),
        account_id,
        happened_on: today(),
        recorded_at: chrono::Utc::now(),
        officer: "A Officer".into(),
        code: "letter_1".into(),
        note: "Sent by post".into(),
    };
    store
        .append_diary(&diary, &command("diary_recorded"))
        .await
        .unwrap();
    let intact = store.verify_chain().await.unwrap();
    assert_eq!(intact.problems, Vec::<String>::new());
    assert!(intact.ledger_entries_checked > 100);
    assert_eq!(intact.diary_records_checked, 1);

    // Someone with the key drops the guard and edits a payment, then a diary note.
    let pool = store.pool();
    for statement in [
        "DROP TRIGGER ledger_entries_refuse_update",
        "UPDATE ledger_entries SET amount_pence = amount_pence - 100 \
         WHERE rowid = (SELECT min(rowid) FROM ledger_entries WHERE kind = 'payment')",
    ] {
        sqlx::query(statement).execute(pool).await.unwrap();
    }
    let tampered = store.verify_chain().await.unwrap();
    assert_eq!(tampered.problems.len(), 1, "{:?}", tampered.problems);
    assert!(tampered.problems[0].contains("has been changed since it was recorded"));

    for statement in ["DROP TRIGGER diary_refuse_delete", "DELETE FROM diary"] {
        sqlx::query(statement).execute(pool).await.unwrap();
    }
    let deleted = store.verify_chain().await.unwrap();
    assert!(
        deleted.problems.iter().any(|problem| problem.contains("diary record")
            && problem.contains("has been deleted")),
        "{:?}",
        deleted.problems
    );
}

#[tokio::test]
async fn a_new_arrangement_supersedes_the_open_one() {
    use doorstep_domain::arrangement::{
        Arrangement, ArrangementKind, ArrangementState, ArrangementTerms, InstalmentFrequency,
    };
    let folder = tempfile::tempdir().unwrap();
    let (store, _) = open_demo(&folder, 2).await;
    let account_id = store.accounts().await.unwrap()[0].id;
    let record = |instalment_pence: i64| crate::ArrangementRecord {
        id: uuid::Uuid::now_v7(),
        account_id,
        arrangement: Arrangement::new(ArrangementTerms {
            kind: ArrangementKind::Informal,
            frequency: InstalmentFrequency::Weekly,
            instalment: doorstep_domain::money::money_from_pence(instalment_pence),
            first_instalment_on: today(),
            initial_payment: None,
            starting_balance: Decimal::new(50_000, 2),
            agreed_on: today(),
            tolerance_days: 5,
        })
        .unwrap(),
        officer: "A Officer".into(),
        note: String::new(),
        states: vec![crate::ArrangementStateRecord {
            state: ArrangementState::Live,
            on_date: today(),
            reason: "Agreed".into(),
        }],
    };
    let first = record(1_000);
    store
        .create_arrangement(&first, &command("arrangement_made"))
        .await
        .unwrap();
    let second = record(1_500);
    store
        .create_arrangement(&second, &command("arrangement_made"))
        .await
        .unwrap();
    let stored = store.arrangements(Some(account_id)).await.unwrap();
    assert_eq!(stored.len(), 2);
    let state_of = |id| stored.iter().find(|r| r.id == id).and_then(|r| r.state());
    assert_eq!(state_of(first.id), Some(ArrangementState::Superseded));
    assert_eq!(state_of(second.id), Some(ArrangementState::Live));
    assert_eq!(stored[0].arrangement, first.arrangement);
}

fn card_payment(account_id: i64, entry_id: uuid::Uuid) -> crate::CardPaymentRecord {
    crate::CardPaymentRecord {
        id: entry_id,
        account_id,
        entry_id: Some(entry_id),
        amount_pence: 4_000,
        provider_reference: "SIM-1".into(),
        receipt_number: "000001".into(),
        authorisation_code: None,
        response: "00 Approved offline".into(),
        card_last_four: "4242".into(),
        scheme: "Visa".into(),
        entry_method: "chip_and_pin".into(),
        terminal_id: "SIMULATOR-01".into(),
        simulator: true,
        offline: true,
        taken_at: chrono::Utc::now(),
        state: "pending".into(),
        resolved_at: None,
        reversal_entry_id: None,
    }
}

#[tokio::test]
async fn a_card_payment_is_forwarded_once_and_never_holds_more_than_four_digits() {
    let folder = tempfile::tempdir().unwrap();
    let (store, _) = open_demo(&folder, 3).await;
    let account_id = store.accounts().await.unwrap()[0].id;
    let entry = payment(4_000);
    let request = crate::TerminalRequestRecord {
        id: entry.id,
        account_id,
        amount_pence: 4_000,
        allocation: "arrears".into(),
        requested_at: chrono::Utc::now(),
        officer: "Test".into(),
    };
    store.record_terminal_request(&request).await.unwrap();
    assert_eq!(
        store.interrupted_terminal_requests().await.unwrap().len(),
        1
    );
    // A card number where the last four go is refused by the table itself.
    let mut leaking = card_payment(account_id, entry.id);
    leaking.card_last_four = "4242424242424242".into();
    let work = |row| crate::FieldWork {
        entries: vec![entry.clone()],
        rows: vec![row],
        ..crate::FieldWork::default()
    };
    assert!(store
        .record_field_work(
            account_id,
            &work(crate::FieldRow::CardPayment(leaking)),
            &command("card_payment_taken")
        )
        .await
        .is_err());
    let record = card_payment(account_id, entry.id);
    store
        .record_field_work(
            account_id,
            &work(crate::FieldRow::CardPayment(record)),
            &command("card_payment_taken"),
        )
        .await
        .unwrap();
    assert!(store
        .interrupted_terminal_requests()
        .await
        .unwrap()
        .is_empty());
    assert_eq!(store.offline_pending_pence().await.unwrap(), 4_000);
    let forward = |state: &str| crate::FieldWork {
        rows: vec![crate::FieldRow::CardPaymentForwarded {
            id: entry.id,
            state: state.into(),
            authorisation_code: Some("A1B2C3".into()),
            resolved_at: chrono::Utc::now(),
            reversal_entry_id: None,
        }],
        ..crate::FieldWork::default()
    };
    store
        .record_field_work(
            account_id,
            &forward("authorised"),
            &command("card_payment_forwarded"),
        )
        .await
        .unwrap();
    // Forwarded already: the trigger refuses a second change, whatever it says.
    assert!(store
        .record_field_work(
            account_id,
            &forward("authorised"),
            &command("card_payment_forwarded")
        )
        .await
        .is_err());
    assert_eq!(store.offline_pending_pence().await.unwrap(), 0);
    assert!(store.card_number_scan().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_card_number_scan_finds_one_wherever_it_was_written() {
    let folder = tempfile::tempdir().unwrap();
    let (store, _) = open_demo(&folder, 3).await;
    assert!(store.card_number_scan().await.unwrap().is_empty());
    // Written behind the app's back (the app refuses it): the scan must still see it.
    sqlx::query("INSERT INTO account_flags (id, account_id, flag, note, recorded_at) VALUES ('x', 1, 'do_not_visit_alone', 'paid with 5555-5555-5555-4444', '2026-11-23')")
        .execute(store.pool())
        .await
        .unwrap();
    assert_eq!(
        store.card_number_scan().await.unwrap(),
        vec!["account_flags.note".to_string()]
    );
}

#[tokio::test]
async fn bank_details_are_sealed_in_the_database_and_shown_masked() {
    let folder = tempfile::tempdir().unwrap();
    let (store, _) = open_demo(&folder, 3).await;
    let account_id = store.accounts().await.unwrap()[0].id;
    let id = uuid::Uuid::now_v7();
    let record = crate::MandateRecord {
        id,
        account_id,
        account_holder: "Ann Smith".into(),
        sort_code_masked: "**-**-99".into(),
        account_number_masked: "****4958".into(),
        frequency: "monthly".into(),
        amount_pence: 42_683,
        first_collection_on: today(),
        covers: "rent".into(),
        modulus_check: "valid".into(),
        // Whole microseconds: the store keeps instants to the microsecond.
        recorded_at: chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00.123456Z")
            .unwrap()
            .with_timezone(&chrono::Utc),
        officer: "Test".into(),
    };
    let details = crate::BankDetails {
        sort_code: "089999".into(),
        account_number: "66374958".into(),
    };
    store
        .record_field_work(
            account_id,
            &crate::FieldWork {
                rows: vec![crate::FieldRow::Mandate(record.clone(), details.clone())],
                ..crate::FieldWork::default()
            },
            &command("direct_debit_mandate"),
        )
        .await
        .unwrap();
    assert_eq!(store.mandates(account_id).await.unwrap(), vec![record]);
    assert_eq!(store.mandate_bank_details(id).await.unwrap(), details);
    // Not even the open database holds the account number in clear.
    let rows = sqlx::query("SELECT * FROM direct_debit_mandates")
        .fetch_all(store.pool())
        .await
        .unwrap();
    for row in rows {
        for index in 0..row.len() {
            let text: Option<String> = row.try_get(index).ok();
            let bytes: Option<Vec<u8>> = row.try_get(index).ok();
            assert!(!text.unwrap_or_default().contains("66374958"));
            assert!(!contains(&bytes.unwrap_or_default(), "66374958"));
        }
    }
}

#[tokio::test]
async fn court_records_are_written_once_with_their_command_and_never_changed() {
    let folder = tempfile::tempdir().unwrap();
    let (store, _) = open_demo(&folder, 1).await;
    let account_id: i64 = sqlx::query_scalar("SELECT id FROM accounts LIMIT 1")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let notice_id = uuid::Uuid::now_v7();
    let date = |day: u32| NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
    let notice = crate::NoticeRecord {
        id: notice_id,
        account_id,
        kind: "form_3".into(),
        rule_set_id: "assured_ha1988_s8_pre_rra".into(),
        grounds: vec!["8".into(), "10".into()],
        arrears_pence: 250_000,
        arrears_on: date(2),
        particulars: String::new(),
        planned_service_on: date(2),
        planned_method: "by_hand".into(),
        date_specified: date(17),
        proceedings_from: date(17),
        expires_on: NaiveDate::from_ymd_opt(2027, 11, 1).unwrap(),
        drafted_at: chrono::Utc::now(),
        officer: "Sam Officer".into(),
    };
    let drafted = command("notice_drafted");
    let work = crate::FieldWork {
        rows: vec![crate::FieldRow::Court(crate::CourtRow::Notice(
            notice.clone(),
        ))],
        ..crate::FieldWork::default()
    };
    assert_eq!(
        store
            .record_field_work(account_id, &work, &drafted)
            .await
            .unwrap(),
        crate::Recorded::Now
    );
    // A retry of the command writes nothing (the notice id would collide if it did).
    assert_eq!(
        store
            .record_field_work(account_id, &work, &drafted)
            .await
            .unwrap(),
        crate::Recorded::Already
    );
    let service = crate::NoticeServiceRecord {
        id: uuid::Uuid::now_v7(),
        notice_id,
        person_name: "A Tenant".into(),
        method: "by_hand".into(),
        served_on: date(2),
        served_at: chrono::NaiveTime::from_hms_opt(10, 30, 0),
        served_by: "Sam Officer".into(),
        deemed_served_on: date(2),
        recorded_at: chrono::Utc::now(),
    };
    store
        .record_field_work(
            account_id,
            &crate::FieldWork {
                rows: vec![crate::FieldRow::Court(crate::CourtRow::NoticeService(
                    service.clone(),
                ))],
                ..crate::FieldWork::default()
            },
            &command("notice_served"),
        )
        .await
        .unwrap();

    let notices = store.notices(account_id).await.unwrap();
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].notice, notice_with_stored_precision(&notice));
    assert_eq!(
        notices[0].services,
        vec![service_with_stored_precision(&service)]
    );
    let served = store.latest_served_notices(Some(account_id)).await.unwrap();
    assert_eq!(served.len(), 1);
    assert_eq!(served[0].1, date(2));

    for statement in [
        "UPDATE notices SET date_specified = '2026-11-10'",
        "DELETE FROM notices",
        "UPDATE notice_services SET served_on = '2026-11-01'",
        "DELETE FROM notice_services",
    ] {
        let refused = sqlx::query(statement).execute(store.pool()).await;
        assert!(
            format!("{refused:?}").contains("append-only"),
            "{statement}: {refused:?}"
        );
    }
    // The table itself refuses a notice whose dates are out of order.
    let backwards = sqlx::query(
        "INSERT INTO notices (id, account_id, kind, rule_set_id, grounds, arrears_pence, \
         arrears_on, particulars, planned_service_on, planned_method, date_specified, \
         proceedings_from, expires_on, drafted_at, officer) VALUES ('x', ?, 'nosp', 's', '[]', \
         1, '2026-11-02', '', '2026-11-02', 'by_hand', '2026-12-01', '2026-11-30', \
         '2027-11-01', '2026-11-02T00:00:00Z', 'o')",
    )
    .bind(account_id)
    .execute(store.pool())
    .await;
    assert!(backwards.is_err());
}

/// Instants come back at the microsecond precision they are stored with.
fn notice_with_stored_precision(notice: &crate::NoticeRecord) -> crate::NoticeRecord {
    crate::NoticeRecord {
        drafted_at: micros(notice.drafted_at),
        ..notice.clone()
    }
}

fn service_with_stored_precision(
    service: &crate::NoticeServiceRecord,
) -> crate::NoticeServiceRecord {
    crate::NoticeServiceRecord {
        recorded_at: micros(service.recorded_at),
        ..service.clone()
    }
}

fn micros(instant: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(
        &instant.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
    )
    .unwrap()
    .with_timezone(&chrono::Utc)
}

#[tokio::test]
async fn people_and_flags_are_written_once_and_never_changed_and_an_ended_flag_stays_on_file() {
    let folder = tempfile::tempdir().unwrap();
    let (store, _) = open_demo(&folder, 1).await;
    let account_id: i64 = sqlx::query_scalar("SELECT id FROM accounts LIMIT 1")
        .fetch_one(store.pool())
        .await
        .unwrap();
    let date = |day: u32| NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
    let person_id = uuid::Uuid::now_v7();
    let appointee = crate::RepresentativeRecord {
        id: person_id,
        person_id,
        account_id,
        name: "Morgan Price".into(),
        kind: "appointee".into(),
        covers: vec!["benefits".into()],
        evidence_reference: "DWP/APP/1".into(),
        seen_on: date(2),
        seen_by: "Sam Officer".into(),
        expires_on: None,
        litigation_authorised_by_court: false,
        phone: String::new(),
        recorded_at: chrono::Utc::now(),
        officer: "Sam Officer".into(),
    };
    let flag_id = uuid::Uuid::now_v7();
    let flag = crate::FlagRecord {
        id: flag_id,
        account_id,
        flag: "safeguarding".into(),
        note: "adult safeguarding plan".into(),
        recorded_at: chrono::Utc::now(),
        officer: "Sam Officer".into(),
        ends_flag_id: None,
    };
    for (row, kind) in [
        (
            crate::PeopleRow::Representative(appointee.clone()),
            "representative_recorded",
        ),
        (crate::PeopleRow::Flag(flag.clone()), "flag_recorded"),
    ] {
        let work = crate::FieldWork {
            rows: vec![crate::FieldRow::People(row)],
            ..crate::FieldWork::default()
        };
        store
            .record_field_work(account_id, &work, &command(kind))
            .await
            .unwrap();
    }
    // A renewal is a new row for the same person; only the latest is in force.
    let renewed = crate::RepresentativeRecord {
        id: uuid::Uuid::now_v7(),
        evidence_reference: "DWP/APP/2".into(),
        recorded_at: chrono::Utc::now() + chrono::Duration::seconds(1),
        ..appointee.clone()
    };
    store
        .record_field_work(
            account_id,
            &crate::FieldWork {
                rows: vec![crate::FieldRow::People(crate::PeopleRow::Representative(
                    renewed,
                ))],
                ..crate::FieldWork::default()
            },
            &command("representative_recorded"),
        )
        .await
        .unwrap();
    let people = store.representatives(Some(account_id)).await.unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].evidence_reference, "DWP/APP/2");
    assert!(store
        .flags(Some(account_id))
        .await
        .unwrap()
        .iter()
        .any(|found| found.id == flag_id));

    let ending = crate::FlagRecord {
        id: uuid::Uuid::now_v7(),
        note: "plan closed".into(),
        ends_flag_id: Some(flag_id),
        ..flag
    };
    store
        .record_field_work(
            account_id,
            &crate::FieldWork {
                rows: vec![crate::FieldRow::People(crate::PeopleRow::Flag(ending))],
                ..crate::FieldWork::default()
            },
            &command("flag_ended"),
        )
        .await
        .unwrap();
    assert!(!store
        .flags(Some(account_id))
        .await
        .unwrap()
        .iter()
        .any(|found| found.account_id == account_id && found.flag == "safeguarding"));
    let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM account_flags WHERE id = ?")
        .bind(flag_id.to_string())
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(kept, 1, "an ended flag stays on file");

    for statement in [
        "UPDATE representatives SET name = 'x'",
        "DELETE FROM representatives",
        "UPDATE account_flags SET note = 'x'",
        "DELETE FROM account_flags",
    ] {
        let refused = sqlx::query(statement).execute(store.pool()).await;
        assert!(
            format!("{refused:?}").contains("append-only"),
            "{statement}: {refused:?}"
        );
    }
}
