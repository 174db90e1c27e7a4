//! Card settlements and bank cheque files against what officers took, one case of each kind.

mod common;

use chrono::NaiveDate;
use common::{
    assign, command, data, dump, field_officer, import_examples, send_applied, test_db, TestDb,
};
use doorstep_headoffice::auth::Device;
use doorstep_headoffice::import::ImportReport;
use doorstep_headoffice::intake;
use doorstep_headoffice::reconcile::card_settlement::{self, CardCategory, CardLine};
use doorstep_headoffice::reconcile::cheque_banking::{self, ChequeCategory, ChequeLine};
use serde_json::json;
use uuid::Uuid;

/// What an import of `read` rows, `changed` of them new, reports.
fn counts(read: usize, changed: usize) -> ImportReport {
    ImportReport {
        rows_read: read,
        rows_changed: changed,
        rows_unchanged: read - changed,
    }
}

/// The example accounts, all three worked by Alice, whose laptop is returned.
async fn alice_at_work() -> (TestDb, Device) {
    let db = test_db().await;
    import_examples(&db).await;
    let (alice, device) = field_officer(&db, "Alice Example").await;
    assign(&db, &alice, &["100001", "100002", "100003"]).await;
    (db, device)
}

/// A `card_payment_taken` as the device writes it (card details beyond the scheme left out:
/// head office has no use for them). An approved payment carries its credit.
fn card_taken(
    id: u128,
    account: &str,
    provider_reference: &str,
    amount: &str,
    pence: i64,
    state: &str,
) -> serde_json::Value {
    let entry_id = Uuid::from_u128(id).to_string();
    let ledger_entries = if state == "declined" {
        json!([])
    } else {
        json!([{
            "id": entry_id,
            "posted_on": "2026-11-01",
            "kind": "payment",
            "detail": "card",
            "amount_pence": -pence,
            "description": "Card payment",
            "reverses_entry_id": null,
        }])
    };
    json!({
        "payment_reference": account,
        "card_payment_id": entry_id,
        "entry_id": (state != "declined").then_some(entry_id.clone()),
        "amount": amount,
        "allocation": "rent",
        "state": state,
        "provider_reference": provider_reference,
        "receipt_number": format!("R-{id}"),
        "authorisation_code": "A1B2C3",
        "response": "00 Approved",
        "scheme": "Visa",
        "officer": "Alice Example",
        "ledger_entries": ledger_entries,
    })
}

fn card_line(
    category: CardCategory,
    provider_reference: &str,
    taken: Option<(u128, &str, i64)>,
    settled: Option<(i64, &str)>,
) -> CardLine {
    CardLine {
        category,
        provider_reference: provider_reference.to_string(),
        payment_reference: taken.map(|(_, account, _)| account.to_string()),
        officer: taken.map(|_| "Alice Example".to_string()),
        command_id: taken.map(|(id, _, _)| Uuid::from_u128(id).to_string()),
        taken_pence: taken.map(|(_, _, pence)| pence),
        settled_pence: settled.map(|(pence, _)| pence),
        settled_on: settled
            .map(|(_, on)| NaiveDate::parse_from_str(on, "%Y-%m-%d").expect("a date")),
    }
}

#[tokio::test]
async fn card_settlement_finds_one_of_each() {
    let (db, device) = alice_at_work().await;
    send_applied(
        &db,
        &device,
        &[
            command(
                1,
                1,
                "card_payment_taken",
                card_taken(1, "100001", "PR-MATCHED", "25.00", 2_500, "pending"),
            ),
            command(
                2,
                2,
                "card_payment_taken",
                card_taken(2, "100001", "PR-DIFFERS", "30.00", 3_000, "authorised"),
            ),
            command(
                3,
                3,
                "card_payment_taken",
                card_taken(3, "100002", "PR-DECLINED", "40.00", 4_000, "pending"),
            ),
            command(
                4,
                4,
                "card_payment_taken",
                card_taken(4, "100002", "PR-MISSING", "15.5", 1_550, "pending"),
            ),
            // Declined at the terminal: never credited, so nothing to settle or miss.
            command(
                5,
                5,
                "card_payment_taken",
                card_taken(5, "100003", "PR-TERMINAL", "9.99", 999, "declined"),
            ),
        ],
    )
    .await;
    // After the tenancy ended: head office holds it for a person, but the money was taken.
    let held = intake::apply_batch(
        &db,
        &device,
        &[command(
            6,
            6,
            "card_payment_taken",
            card_taken(6, "100003", "PR-HELD", "12.00", 1_200, "pending"),
        )],
    )
    .await
    .expect("intake");
    assert_eq!(held[0].outcome.label(), "held");

    let imported = card_settlement::import(&db, &data("card_settlement.csv"))
        .await
        .expect("import the settlement");
    assert_eq!(imported, counts(5, 5));
    let report = card_settlement::report(&db).await.expect("report");
    assert_eq!(
        report.lines,
        [
            card_line(
                CardCategory::Matched,
                "PR-MATCHED",
                Some((1, "100001", 2_500)),
                Some((2_500, "2026-11-02"))
            ),
            card_line(
                CardCategory::AmountDiffers,
                "PR-DIFFERS",
                Some((2, "100001", 3_000)),
                Some((2_999, "2026-11-02"))
            ),
            card_line(
                CardCategory::DeclinedLater,
                "PR-DECLINED",
                Some((3, "100002", 4_000)),
                Some((4_000, "2026-11-03"))
            ),
            card_line(
                CardCategory::MissingFromSettlement,
                "PR-MISSING",
                Some((4, "100002", 1_550)),
                None
            ),
            card_line(
                CardCategory::NotApplied,
                "PR-HELD",
                Some((6, "100003", 1_200)),
                Some((1_200, "2026-11-03"))
            ),
            card_line(
                CardCategory::NotTaken,
                "PR-STRANGER",
                None,
                Some((1_234, "2026-11-03"))
            ),
        ]
    );

    // The declined payment flags its account once, however often the report runs.
    assert_eq!(
        card_settlement::flag_declined(&db, &report)
            .await
            .expect("flag"),
        1
    );
    assert_eq!(
        card_settlement::flag_declined(&db, &report)
            .await
            .expect("flag"),
        0
    );
    let flagged: Vec<(String, String)> =
        sqlx::query_as("SELECT payment_reference, conflict FROM conflicts WHERE command_id = $1")
            .bind(Uuid::from_u128(3).to_string())
            .fetch_all(db.pool())
            .await
            .expect("conflicts");
    assert_eq!(
        flagged,
        [(
            "100002".to_string(),
            card_settlement::DECLINED_CONFLICT.to_string()
        )]
    );

    // The same file again adds nothing, and the stored rows give the same report.
    let before = dump(&db).await;
    let again = card_settlement::import(&db, &data("card_settlement.csv"))
        .await
        .expect("import again");
    assert_eq!(again, counts(5, 0));
    assert_eq!(dump(&db).await, before);
    assert_eq!(card_settlement::report(&db).await.expect("report"), report);

    // A later file: the provider refunds one and pays the missing one.
    let later = db.file(
        "settlement-2026-11-10.csv",
        "provider_reference,settled_on,amount,status\n\
         PR-MATCHED,2026-11-10,25.00,refunded\n\
         PR-MISSING,2026-11-10,15.50,settled\n",
    );
    card_settlement::import(&db, &later)
        .await
        .expect("a later file");
    let report = card_settlement::report(&db).await.expect("report");
    let categories: Vec<(&str, CardCategory)> = report
        .lines
        .iter()
        .map(|line| (line.provider_reference.as_str(), line.category))
        .collect();
    assert_eq!(
        categories,
        [
            ("PR-MATCHED", CardCategory::Refunded),
            ("PR-DIFFERS", CardCategory::AmountDiffers),
            ("PR-DECLINED", CardCategory::DeclinedLater),
            ("PR-MISSING", CardCategory::Matched),
            ("PR-HELD", CardCategory::NotApplied),
            ("PR-STRANGER", CardCategory::NotTaken),
        ]
    );
}

#[tokio::test]
async fn a_settlement_row_restated_differently_is_refused() {
    let (db, _) = alice_at_work().await;
    card_settlement::import(&db, &data("card_settlement.csv"))
        .await
        .expect("import the settlement");
    let before = dump(&db).await;
    let restated = db.file(
        "restated.csv",
        "provider_reference,settled_on,amount,status\n\
         PR-NEW,2026-11-04,1.00,settled\n\
         PR-DIFFERS,2026-11-02,30.00,settled\n",
    );
    let error = card_settlement::import(&db, &restated)
        .await
        .expect_err("a settlement does not change");
    assert_eq!(error.line(), Some(3), "{error}");
    assert!(
        error
            .to_string()
            .contains("PR-DIFFERS was already imported as settled on 2026-11-02 for £29.99"),
        "{error}"
    );
    assert_eq!(dump(&db).await, before, "nothing of the file is kept");
}

fn cheque_received(
    id: u128,
    account: &str,
    cheque_number: &str,
    amount: &str,
    pence: i64,
) -> serde_json::Value {
    json!({
        "payment_reference": account,
        "cheque_id": Uuid::from_u128(id).to_string(),
        "entry_id": Uuid::from_u128(id).to_string(),
        "cheque_number": cheque_number,
        "drawer": "A Tenant",
        "amount": amount,
        "dated_on": "2026-11-01",
        "received_on": "2026-11-01",
        "officer": "Alice Example",
        "ledger_entries": [{
            "id": Uuid::from_u128(id).to_string(),
            "posted_on": "2026-11-01",
            "kind": "payment",
            "detail": "cheque",
            "amount_pence": -pence,
            "description": format!("Cheque {cheque_number}"),
            "reverses_entry_id": null,
        }],
    })
}

#[tokio::test]
async fn cheques_banked_against_cheques_taken() {
    let (db, device) = alice_at_work().await;
    send_applied(
        &db,
        &device,
        &[
            command(
                11,
                1,
                "cheque_received",
                cheque_received(11, "100001", "123", "50.00", 5_000),
            ),
            command(
                12,
                2,
                "cheque_received",
                cheque_received(12, "100002", "000456", "75.05", 7_505),
            ),
            command(
                13,
                3,
                "cheque_received",
                cheque_received(13, "100001", "999", "20.00", 2_000),
            ),
        ],
    )
    .await;
    let held = intake::apply_batch(
        &db,
        &device,
        &[command(
            14,
            4,
            "cheque_received",
            cheque_received(14, "100003", "555", "20.00", 2_000),
        )],
    )
    .await
    .expect("intake");
    assert_eq!(held[0].outcome.label(), "held", "after the tenancy ended");
    let imported = cheque_banking::import(&db, &data("cheque_banking.csv"))
        .await
        .expect("import the banking file");
    assert_eq!(imported, counts(4, 4));
    let line = |category,
                number: &str,
                taken: Option<(u128, &str, i64)>,
                banked: Option<(i64, &str)>| ChequeLine {
        category,
        cheque_number: number.to_string(),
        payment_reference: taken.map(|(_, account, _)| account.to_string()),
        officer: taken.map(|_| "Alice Example".to_string()),
        command_id: taken.map(|(id, _, _)| Uuid::from_u128(id).to_string()),
        taken_pence: taken.map(|(_, _, pence)| pence),
        received_on: taken.map(|_| "2026-11-01".to_string()),
        banked_pence: banked.map(|(pence, _)| pence),
        banked_on: banked.map(|(_, on)| NaiveDate::parse_from_str(on, "%Y-%m-%d").expect("a date")),
    };
    let report = cheque_banking::report(&db).await.expect("report");
    assert_eq!(
        report.lines,
        [
            // "000123" at the bank is the officer's "123".
            line(
                ChequeCategory::Matched,
                "000123",
                Some((11, "100001", 5_000)),
                Some((5_000, "2026-11-05"))
            ),
            line(
                ChequeCategory::AmountDiffers,
                "000456",
                Some((12, "100002", 7_505)),
                Some((7_550, "2026-11-05"))
            ),
            line(
                ChequeCategory::NotApplied,
                "000555",
                Some((14, "100003", 2_000)),
                Some((2_000, "2026-11-06"))
            ),
            line(
                ChequeCategory::BankedNotTaken,
                "000789",
                None,
                Some((1_000, "2026-11-06"))
            ),
            line(
                ChequeCategory::TakenNotBanked,
                "999",
                Some((13, "100001", 2_000)),
                None
            ),
        ]
    );
    let again = cheque_banking::import(&db, &data("cheque_banking.csv"))
        .await
        .expect("import again");
    assert_eq!(again, counts(4, 0));
    assert_eq!(cheque_banking::report(&db).await.expect("report"), report);
}

#[tokio::test]
async fn a_bank_payment_reference_keeps_a_cheque_to_its_account() {
    let (db, device) = alice_at_work().await;
    // Two tenants' chequebooks can both reach number 123.
    send_applied(
        &db,
        &device,
        &[
            command(
                21,
                1,
                "cheque_received",
                cheque_received(21, "100002", "123", "50.00", 5_000),
            ),
            command(
                22,
                2,
                "cheque_received",
                cheque_received(22, "100001", "123", "50.00", 5_000),
            ),
        ],
    )
    .await;
    cheque_banking::import(&db, &data("cheque_banking.csv"))
        .await
        .expect("import the banking file");
    let report = cheque_banking::report(&db).await.expect("report");
    let matched = &report.lines[0];
    assert_eq!(matched.category, ChequeCategory::Matched);
    assert_eq!(matched.payment_reference.as_deref(), Some("100001"));
    assert_eq!(report.count(ChequeCategory::TakenNotBanked), 1);
}
