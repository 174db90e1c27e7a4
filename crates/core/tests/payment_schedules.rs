//! A third party's payment schedule through the session: receipts from the ledger's
//! third-party payments matched to the periods due, a shortfall past its grace days put on the
//! worklist to chase the payer and taken off once paid, and the schedule as PDF and CSV.

use chrono::{Days, NaiveDate};
use doorstep_api::{
    GetAccountRequest, GetPaymentScheduleRequest, ProducePaymentScheduleRequest,
    RecordPaymentRequest, RecordPaymentScheduleRequest, RecordedPaymentMethod, SetUpRequest,
    StartWith, WorklistItem,
};
use doorstep_core::{Config, CredentialStoreChoice, DemoOptions, Session};
use rust_decimal::Decimal;

const PASSPHRASE: &str = "tea-and-biscuits-42";

async fn demo_session(folder: &tempfile::TempDir) -> Session {
    let session = Session::new(Config::for_data_dir(
        folder.path().to_path_buf(),
        CredentialStoreChoice::File,
    ));
    session
        .set_up(&SetUpRequest {
            passphrase: PASSPHRASE.into(),
            passphrase_repeated: PASSPHRASE.into(),
            start_with: StartWith::Empty,
        })
        .await
        .unwrap();
    session
        .load_demo(&DemoOptions {
            accounts_count: 40,
            ..DemoOptions::new(5, doorstep_core::today())
        })
        .await
        .unwrap();
    session
}

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

fn today() -> NaiveDate {
    doorstep_core::today()
}

async fn row(session: &Session, reference: &str) -> WorklistItem {
    session
        .get_worklist()
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|item| item.payment_reference == reference)
        .unwrap()
}

async fn pay(session: &Session, reference: &str, amount: &str, on: NaiveDate) {
    session
        .record_payment(&RecordPaymentRequest {
            payment_reference: reference.into(),
            command_id: new_id(),
            method: RecordedPaymentMethod::ThirdParty,
            amount: amount.into(),
            received_on: on,
            note: "remittance".into(),
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn a_payer_behind_its_schedule_is_on_the_worklist_until_it_pays() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    // An account with nothing more urgent than the ladder, so the shortfall shows.
    let item = session
        .get_worklist()
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|item| item.next_action.priority < 140)
        .unwrap();
    let reference = item.payment_reference.clone();
    let account_id = session
        .get_account(&GetAccountRequest {
            payment_reference: reference.clone(),
        })
        .await
        .unwrap()
        .account_id;
    // Four weekly periods due (28, 21, 14 and 7 days ago) plus this week's, still in grace.
    let starts_on = today() - Days::new(28);
    session
        .record_payment_schedule(&RecordPaymentScheduleRequest {
            command_id: new_id(),
            account_id,
            payer_name: "Calder Support Ltd".into(),
            payer_kind: "support_provider".into(),
            covers: "service_charges".into(),
            period: "weekly".into(),
            amount_per_period: "25.00".parse().unwrap(),
            starts_on,
            ends_on: None,
            grace_days: 3,
        })
        .await
        .unwrap();
    pay(&session, &reference, "50.00", starts_on + Days::new(1)).await;
    let view = session
        .get_payment_schedule(&GetPaymentScheduleRequest { account_id })
        .await
        .unwrap();
    assert_eq!(view.total_due, Decimal::from(125));
    assert_eq!(view.total_received, Decimal::from(50));
    // Periods three and four (14 and 7 days ago) are past their grace; this week's is not.
    assert_eq!(view.shortfall, Decimal::from(50));
    assert_eq!(view.periods[0].status, "awaited");
    let chase = row(&session, &reference).await;
    assert_eq!(chase.next_action.code, "third_party_shortfall");
    assert!(
        chase
            .next_action
            .reason
            .contains("Calder Support Ltd is £50.00 short"),
        "{}",
        chase.next_action.reason
    );

    let pdf = session
        .produce_payment_schedule(&ProducePaymentScheduleRequest {
            account_id,
            through: today(),
            format: "pdf".into(),
        })
        .await
        .unwrap();
    assert!(std::fs::read(&pdf.path).unwrap().starts_with(b"%PDF"));
    let csv = session
        .produce_payment_schedule(&ProducePaymentScheduleRequest {
            account_id,
            through: today(),
            format: "csv".into(),
        })
        .await
        .unwrap();
    let text = std::fs::read_to_string(&csv.path).unwrap();
    assert_eq!(text.lines().count(), 1 + 5, "{text}");
    assert!(
        text.lines()
            .nth(3)
            .unwrap()
            .ends_with(",25.00,0.00,25.00,short"),
        "{text}"
    );

    // The payer catches up: the account leaves the chase.
    pay(&session, &reference, "50.00", today()).await;
    assert_ne!(
        row(&session, &reference).await.next_action.code,
        "third_party_shortfall"
    );
    session.lock().await.unwrap();
}
