//! Store tests against real SQLCipher files in temporary folders.

use chrono::NaiveDate;
use doorstep_demo::{generate, DemoCaseload, DemoOptions};
use rust_decimal::Decimal;
use sqlx::Row;

use crate::{CredentialStore, DataDir, DatabaseKey, Store, StoreError};

const PASSPHRASE: &str = "correct horse battery staple";

fn demo(accounts_count: u32) -> DemoCaseload {
    generate(&DemoOptions {
        seed: 11,
        accounts_count,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
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
    let mut ledgers = std::collections::HashMap::new();
    store
        .visit_ledgers(|account_id, entries| {
            assert!(ledgers.insert(account_id, entries.to_vec()).is_none());
        })
        .await
        .unwrap();
    for expected in &caseload.accounts {
        let record = store
            .account_by_reference(&expected.payment_reference)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(record.schedule, expected.schedule);
        assert_eq!(record.people.len(), expected.people.len());
        assert_eq!(record.postcode, expected.postcode);
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
