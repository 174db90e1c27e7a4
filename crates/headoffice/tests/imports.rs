//! The HMS imports: all or nothing, idempotent, exact in pence, and clear about what is wrong.

mod common;

use std::path::Path;

use common::{data, dump, field_officer, import_examples, ledger, test_db, TestDb};
use doorstep_headoffice::accounts;
use doorstep_headoffice::csv_input::FileError;
use doorstep_headoffice::import::{self, ImportReport};
use doorstep_headoffice::Db;

/// Which import a test file goes to.
#[derive(Clone, Copy, Debug)]
enum Extract {
    Tenancies,
    People,
    Rents,
    Transactions,
    Assignments,
}

async fn run(db: &Db, extract: Extract, path: &Path) -> Result<ImportReport, FileError> {
    match extract {
        Extract::Tenancies => import::tenancies::import(db, path).await,
        Extract::People => import::people::import(db, path).await,
        Extract::Rents => import::rents::import(db, path).await,
        Extract::Transactions => import::transactions::import(db, path).await,
        Extract::Assignments => import::assignments::import(db, path).await,
    }
}

fn report(read: usize, changed: usize) -> ImportReport {
    ImportReport {
        rows_read: read,
        rows_changed: changed,
        rows_unchanged: read - changed,
    }
}

/// A database holding the example accounts and two officers.
async fn examples() -> TestDb {
    let db = test_db().await;
    import_examples(&db).await;
    field_officer(&db, "Alice Example").await;
    field_officer(&db, "Bob Example").await;
    db
}

#[tokio::test]
async fn importing_the_same_files_again_changes_nothing_and_tells_no_device() {
    let db = test_db().await;
    field_officer(&db, "Alice Example").await;
    field_officer(&db, "Bob Example").await;
    // The import, its example file, and what the first import does.
    let files = [
        (Extract::Tenancies, "tenancies.csv", report(3, 3)),
        (Extract::Assignments, "assignments.csv", report(3, 3)),
        (Extract::People, "people.csv", report(4, 4)),
        (Extract::Rents, "rents.csv", report(4, 4)),
        (Extract::Transactions, "transactions.csv", report(7, 7)),
    ];
    for (extract, name, expected) in files {
        let first = run(&db, extract, &data(name)).await.expect(name);
        assert_eq!(first, expected, "{name}");
    }
    let before = dump(&db).await;
    for (extract, name, expected) in files {
        let again = run(&db, extract, &data(name)).await.expect(name);
        assert_eq!(again, report(expected.rows_read, 0), "{name} again");
    }
    assert_eq!(dump(&db).await, before);
}

#[tokio::test]
async fn an_imported_account_reaches_its_officer() {
    let db = examples().await;
    import::assignments::import(&db, &data("assignments.csv"))
        .await
        .expect("assign");
    let snapshot = accounts::snapshots(&db, &["100002".to_string()])
        .await
        .expect("snapshot")
        .pop()
        .expect("account 100002");
    assert_eq!(snapshot.address_line_1, "Flat 3, Beech House");
    let names: Vec<&str> = snapshot
        .people
        .iter()
        .map(|person| person.full_name.as_str())
        .collect();
    // By position, not by the file's order.
    assert_eq!(names, ["Mary Somerville", "Charles Babbage"]);
    assert_eq!(snapshot.rent_changes[0].rent_pence, 52_000);
    assert_eq!(snapshot.rent_changes[0].service_charge_pence, 0);
    let reversal = &snapshot.entries[2];
    assert_eq!(reversal.kind, "reversal");
    assert_eq!(reversal.reverses_entry_id, Some(snapshot.entries[1].id));

    let changes: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM changes JOIN officers ON officers.id = changes.officer_id \
         WHERE officers.name = 'Alice Example' AND payment_reference = '100002'",
    )
    .fetch_one(db.pool())
    .await
    .expect("count");
    assert_eq!(changes, 1, "assigned once; imports before it told nobody");
}

#[tokio::test]
async fn money_is_exact_pence() {
    let db = examples().await;
    let account = ledger(&db, "100001").await;
    assert_eq!(
        account,
        [
            ("HMS-1".to_string(), 11_560),
            ("HMS-2".to_string(), 435),
            ("HMS-3".to_string(), -10),
            ("HMS-4".to_string(), -20),
        ]
    );
    // 0.1 + 0.2 is 30 pence exactly: no float ever held it.
    assert_eq!(account[2].1 + account[3].1, -30);
    let rents: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT rent_pence, service_charge_pence FROM rent_changes ORDER BY payment_reference, \
         effective_from",
    )
    .fetch_all(db.pool())
    .await
    .expect("rents");
    assert_eq!(
        rents,
        [(11_010, 420), (11_560, 435), (52_000, 0), (9_875, 50)]
    );
}

/// Imports `contents` as `extract` into the example database and insists it fails on `line`
/// with a reason containing `reason`, naming the file, and writing nothing.
async fn check(extract: Extract, contents: &str, line: Option<u64>, reason: &str) {
    let db = examples().await;
    let before = dump(&db).await;
    let path = db.file("extract.csv", contents);
    let error = run(&db, extract, &path)
        .await
        .expect_err("the file is refused");
    let message = error.to_string();
    assert!(
        message.starts_with(&path.display().to_string()),
        "names the file: {message}"
    );
    assert_eq!(error.line(), line, "{message}");
    assert!(message.contains(reason), "{message}\nshould say: {reason}");
    assert_eq!(dump(&db).await, before, "{extract:?} wrote something");
}

const TENANCIES_HEADER: &str = "payment_reference,tenancy_reference,tenure,tenancy_start_date,\
                                address_line_1,town,postcode,rent_frequency\n";

#[tokio::test]
async fn a_bad_row_names_file_and_line_and_writes_nothing() {
    let good = "100009,T-0009,secure,2020-01-06,9 Elm Row,Northtown,NT9 9EE,weekly\n";
    let tenancies = |bad: &str| {
        format!("{TENANCIES_HEADER}{good}100001,T-0001,secure,2015-04-06,1 Acacia Avenue,Northtown,NT1 1AA,weekly\n{bad}")
    };
    // Each case: the import, the file, the line refused (None: the header) and the reason.
    check(
        Extract::Tenancies,
        &tenancies("100010,T-0010,freehold,2020-01-06,1 A St,Town,AB1 2CD,weekly\n"),
        Some(4),
        "tenure \"freehold\" is not one of secure, assured, starter, licence",
    )
    .await;
    check(
        Extract::Tenancies,
        &tenancies("100010,T-0010,secure,2020-01-06,1 A St,Town,AB1 2CD,daily\n"),
        Some(4),
        "rent_frequency \"daily\"",
    )
    .await;
    check(
        Extract::Tenancies,
        &tenancies("100010,T-0010,secure,06/01/2020,1 A St,Town,AB1 2CD,weekly\n"),
        Some(4),
        "\"06/01/2020\" is not a date written YYYY-MM-DD",
    )
    .await;
    check(
        Extract::Tenancies,
        &tenancies("100010,T-0010,secure,2021-02-29,1 A St,Town,AB1 2CD,weekly\n"),
        Some(4),
        "not a date on the calendar",
    )
    .await;
    check(
        Extract::Tenancies,
        &tenancies("100010,T-0010,secure,2020-01-06,,Town,AB1 2CD,weekly\n"),
        Some(4),
        "address_line_1 is empty",
    )
    .await;
    check(
        Extract::Tenancies,
        &tenancies("100010,T-0010,secure,2020-01-06,1 A St,Town\n"),
        Some(4),
        "the row has 6 cells but the header has 8",
    )
    .await;
    check(
        Extract::Tenancies,
        &tenancies("100009,T-0010,secure,2020-01-06,1 A St,Town,AB1 2CD,weekly\n"),
        Some(4),
        "payment_reference 100009 is already on line 2",
    )
    .await;
    check(
        Extract::Tenancies,
        &tenancies("100010,T-0002,secure,2020-01-06,1 A St,Town,AB1 2CD,weekly\n"),
        Some(4),
        "tenancy_reference T-0002 already belongs to account 100002",
    )
    .await;
    check(Extract::Tenancies, "payment_reference,tenure,colour\n", None, "missing column(s) tenancy_reference, tenancy_start_date, address_line_1, town, postcode, rent_frequency; the header row has unknown column(s) colour").await;
    check(
        Extract::Tenancies,
        "",
        None,
        "missing column(s) payment_reference",
    )
    .await;

    check(Extract::People, "payment_reference,position,role,full_name\n100001,1,tenant,Ada Lovelace\n100001,1,joint_tenant,Ada's Partner\n", Some(3), "account 100001 already has a person at position 1 on line 2").await;
    check(
        Extract::People,
        "payment_reference,position,role,full_name\n100001,1,lodger,Ada Lovelace\n",
        Some(2),
        "role \"lodger\" is not one of tenant, joint_tenant",
    )
    .await;
    check(
        Extract::People,
        "payment_reference,position,role,full_name\n100001,first,tenant,Ada Lovelace\n",
        Some(2),
        "position \"first\" is not a whole number from 1 to 20",
    )
    .await;
    check(Extract::People, "payment_reference,position,role,full_name\n100001,1,tenant,Ada Lovelace\n999999,1,tenant,Nobody\n", Some(3), "head office has no account with payment_reference 999999: import tenancies first").await;

    check(Extract::Rents, "payment_reference,effective_from,rent\n100001,2027-04-05,120.00\n100002,2027-04-01,-1.00\n", Some(3), "rent is negative").await;
    check(
        Extract::Rents,
        "payment_reference,effective_from,rent,service_charge\n100001,2027-04-05,120.00,1.005\n",
        Some(2),
        "service_charge: \"1.005\" has more than two decimal places",
    )
    .await;
    check(
        Extract::Rents,
        "payment_reference,effective_from,rent\n100001,2027-04-05,£120\n",
        Some(2),
        "rent: \"£120\" is not an amount in pounds",
    )
    .await;
    check(
        Extract::Rents,
        "payment_reference,effective_from,rent\n100404,2027-04-05,120.00\n",
        Some(2),
        "import tenancies first",
    )
    .await;

    let transactions = "transaction_reference,payment_reference,posted_on,kind,detail,amount,description,reverses_reference\n";
    check(Extract::Transactions, &format!("{transactions}HMS-10,100001,2026-04-13,charge,rent,115.60,Rent,\nHMS-11,100001,2026-04-13,bonus,,1.00,?,\n"), Some(3), "kind \"bonus\" is not one of charge, payment").await;
    check(
        Extract::Transactions,
        &format!("{transactions}HMS-10,100001,2026-04-13,payment,cash_office,5.00,Cash,\n"),
        Some(2),
        "a payment reduces the balance",
    )
    .await;
    check(
        Extract::Transactions,
        &format!("{transactions}HMS-10,100001,2026-04-13,charge,,5.00,Rent,\n"),
        Some(2),
        "detail is empty",
    )
    .await;
    check(
        Extract::Transactions,
        &format!("{transactions}HMS-10,100001,2026-04-13,payment,dd,-5.00,DD,\n"),
        Some(2),
        "detail \"dd\" is not one of direct_debit, standing_order",
    )
    .await;
    check(
        Extract::Transactions,
        &format!("{transactions}HMS-10,100001,2026-04-13,adjustment,rent,-5.00,Goodwill,\n"),
        Some(2),
        "charges and payments (only) say their kind or method",
    )
    .await;
    check(
        Extract::Transactions,
        &format!("{transactions}HMS-10,100001,2026-04-13,reversal,,0.10,Undo,HMS-99\n"),
        Some(2),
        "reverses_reference HMS-99 is neither on an earlier line",
    )
    .await;
    check(Extract::Transactions, &format!("{transactions}HMS-10,100001,2026-04-13,charge,rent,115.60,Rent,\nHMS-10,100001,2026-04-13,charge,rent,115.60,Rent,\n"), Some(3), "transaction_reference HMS-10 is already on line 2").await;
    check(Extract::Transactions, &format!("{transactions}HMS-10,100001,2026-04-13,charge,rent,115.60,Rent,\nHMS-1,100001,2026-04-06,charge,rent,999.99,Rent week 1,\n"), Some(3), "HMS-1 is already posted with different details").await;
    // Refused only when posting (the reversal does not mirror its original): line 2 was
    // already posted inside the transaction, and is rolled back with the rest.
    check(Extract::Transactions, &format!("{transactions}HMS-10,100001,2026-04-13,charge,rent,115.60,Rent,\nHMS-11,100001,2026-04-14,reversal,,5.00,Undo,HMS-10\n"), Some(3), "does not mirror an unreversed entry").await;

    check(
        Extract::Assignments,
        "payment_reference,officer\n100001,Alice Example\n100002,Carol Nobody\n",
        Some(3),
        "no officer has the id or name \"Carol Nobody\": create the officer first",
    )
    .await;
    check(
        Extract::Assignments,
        "payment_reference,officer\n100404,Alice Example\n",
        Some(2),
        "import tenancies first",
    )
    .await;
    check(
        Extract::Assignments,
        "payment_reference,officer,team\n",
        None,
        "unknown column(s) team",
    )
    .await;
}

#[tokio::test]
async fn a_quoted_cell_over_two_lines_keeps_later_line_numbers_true() {
    let db = examples().await;
    let path = db.file(
        "tenancies.csv",
        &format!(
            "{TENANCIES_HEADER}100010,T-0010,secure,2020-01-06,\"Flat 1\nThe Mews\",Town,AB1 2CD,weekly\n\
             100011,T-0011,secure,2020-01-06,2 A St,Town,AB1 2CD,hourly\n"
        ),
    );
    let error = import::tenancies::import(&db, &path)
        .await
        .expect_err("hourly is refused");
    assert_eq!(error.line(), Some(4), "{error}");
}

#[tokio::test]
async fn a_changed_row_changes_one_account_and_tells_its_officer() {
    let db = examples().await;
    import::assignments::import(&db, &data("assignments.csv"))
        .await
        .expect("assign");
    let changes_before: i64 = sqlx::query_scalar("SELECT count(*) FROM changes")
        .fetch_one(db.pool())
        .await
        .expect("count");
    let moved = std::fs::read_to_string(data("tenancies.csv"))
        .expect("example")
        .replace("NT1 1AA", "NT1 1AB");
    let report = import::tenancies::import(&db, &db.file("tenancies.csv", &moved))
        .await
        .expect("import");
    assert_eq!(report, self::report(3, 1));
    let changes_after: i64 = sqlx::query_scalar("SELECT count(*) FROM changes")
        .fetch_one(db.pool())
        .await
        .expect("count");
    assert_eq!(changes_after, changes_before + 1);
}
