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
