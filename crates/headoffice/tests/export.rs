//! The export for the HMS, line by line.

mod common;

use chrono::{Days, Utc};
use common::{assign, command, field_officer, import_examples, received_at, test_db};
use doorstep_headoffice::intake;
use doorstep_headoffice::reconcile::hms_export::{self, ExportSummary};
use serde_json::json;
use uuid::Uuid;

fn id(number: u128) -> String {
    Uuid::from_u128(number).to_string()
}

#[tokio::test]
async fn exports_payments_diary_and_legal_steps_with_formulas_defused() {
    let db = test_db().await;
    import_examples(&db).await;
    let (alice, device) = field_officer(&db, "Alice Example").await;
    assign(&db, &alice, &["100001", "100002"]).await;
    let payment = json!({
        "payment_reference": "100001",
        "amount": "0.30",
        "provider_reference": "PR-1",
        "state": "authorised",
        "officer": "Alice Example",
        "ledger_entries": [{
            "id": id(101), "posted_on": "2026-11-01", "kind": "payment", "detail": "card",
            "amount_pence": -30, "description": "Card payment", "reverses_entry_id": null,
        }],
    });
    let reversal = json!({
        "payment_reference": "100001",
        "officer": "Alice Example",
        "ledger_entries": [{
            "id": id(102), "posted_on": "2026-11-02", "kind": "reversal", "detail": null,
            "amount_pence": 30, "description": "Reversed: keyed twice", "reverses_entry_id": id(101),
        }],
    });
    let diary = json!({
        "payment_reference": "100001",
        "diary_id": id(3),
        "code": "PHONE",
        "happened_on": "2026-11-02",
        "note": "=HYPERLINK(\"http://example.invalid\",\"click\")",
        "officer": "Alice Example",
    });
    let visit = json!({
        "payment_reference": "100002",
        "visit_id": id(4),
        "visited_on": "2026-11-03",
        "outcome": "no_answer",
        "note": "Card left, 2 Birch Road",
        "officer": "Alice Example",
    });
    // Keys in sorted order, so the details' JSON reads the same whatever map serde_json uses.
    let notice = json!({
        "notice_type": "nosp",
        "officer": "Alice Example",
        "payment_reference": "100002",
        "served_on": "2026-11-04",
    });
    let check_in = json!({ "check_in_id": id(6), "officer": "Alice Example" });
    let results = intake::apply_batch(
        &db,
        &device,
        &[
            command(1, 1, "card_payment_taken", payment),
            command(2, 2, "entry_reversed", reversal),
            command(3, 3, "diary_recorded", diary),
            command(4, 4, "visit_recorded", visit),
            command(5, 5, "notice_served", notice),
            command(6, 6, "checked_in", check_in),
            // Account 100003 is not Alice's: rejected, so never exported.
            command(
                7,
                7,
                "diary_recorded",
                json!({
                    "payment_reference": "100003", "code": "PHONE", "happened_on": "2026-11-02",
                    "note": "Not mine", "officer": "Alice Example",
                }),
            ),
        ],
    )
    .await
    .expect("intake");
    assert_eq!(results[6].outcome.label(), "rejected");

    let today = Utc::now().date_naive();
    let (from, to) = (today - Days::new(1), today + Days::new(1));
    let (text, summary) = hms_export::export(&db, from, to).await.expect("export");
    let at = |number| received_at(&db, number);
    let expected = [
        "record,command_id,received_at,payment_reference,officer,date,kind,detail,amount,entry_id,reverses_entry_id,text".to_string(),
        format!("payment,{},{},100001,Alice Example,2026-11-01,payment,card,-0.30,{},,Card payment", id(1), at(1).await, id(101)),
        format!("payment,{},{},100001,Alice Example,2026-11-02,reversal,,0.30,{},{},Reversed: keyed twice", id(2), at(2).await, id(102), id(101)),
        format!("diary,{},{},100001,Alice Example,2026-11-02,diary_recorded,PHONE,,,,\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"click\"\")\"", id(3), at(3).await),
        format!("diary,{},{},100002,Alice Example,2026-11-03,visit_recorded,no_answer,,,,\"Card left, 2 Birch Road\"", id(4), at(4).await),
        format!("legal_step,{},{},100002,Alice Example,2026-11-04,notice_served,\"{{\"\"notice_type\"\":\"\"nosp\"\",\"\"served_on\"\":\"\"2026-11-04\"\"}}\",,,,", id(5), at(5).await),
    ];
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines[..lines.len() - 1], expected, "{text}");
    assert_eq!(lines.last(), Some(&""), "every line ends with CRLF");
    assert_eq!(
        summary,
        ExportSummary {
            payments: 2,
            diary_entries: 2,
            legal_steps: 1
        }
    );

    // Nothing was received the day before yesterday.
    let (text, summary) = hms_export::export(&db, from - Days::new(1), from - Days::new(1))
        .await
        .expect("export");
    assert_eq!(text, format!("{}\r\n", expected[0]));
    assert_eq!(summary, ExportSummary::default());

    let out = db.folder().join("hms-export.csv");
    hms_export::export_to_file(&db, from, to, &out)
        .await
        .expect("write");
    assert_eq!(
        std::fs::read_to_string(&out).expect("read"),
        hms_export::export(&db, from, to).await.expect("export").0
    );

    assert!(
        hms_export::export(&db, to, from).await.is_err(),
        "a range that ends before it starts"
    );
}
