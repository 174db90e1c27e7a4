//! Housing Benefit through the session: a notification changes the credits expected (a
//! suspension makes technical arrears true ones; a change sets the new 4-weekly amount), and an
//! overpayment invoice is checked against the tenancy and the ledger: accepted only for a
//! period the tenant was away and no more than was credited (the repayment a refund on the
//! ledger), otherwise queried with a letter.

use chrono::{Days, NaiveDate};
use doorstep_api::{
    AccountDetail, ApiError, CheckHbOverpaymentRequest, DecideHbOverpaymentRequest,
    GetAccountRequest, RecordHbNotificationRequest, SetUpRequest, StartWith,
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
            accounts_count: 80,
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

fn pounds(text: &str) -> Decimal {
    text.parse().unwrap()
}

async fn detail(session: &Session, reference: &str) -> AccountDetail {
    session
        .get_account(&GetAccountRequest {
            payment_reference: reference.into(),
        })
        .await
        .unwrap()
}

/// An account expecting Housing Benefit paid to the landlord, whose ledger has HB credits.
async fn account_on_hb(session: &Session) -> AccountDetail {
    for item in session.get_worklist().await.unwrap().items {
        let detail = detail(session, &item.payment_reference).await;
        let on_hb = detail.expected_credits.iter().any(|credit| {
            credit.benefit == "Housing Benefit" && credit.paid_to.contains("landlord")
        });
        let credited = detail
            .transactions
            .iter()
            .any(|line| line.description.contains("Housing Benefit") && line.credit.is_some());
        if on_hb && credited && detail.tenancy.start_date < today() - Days::new(200) {
            return detail;
        }
    }
    panic!("the demo patch has an account on Housing Benefit paid to the landlord");
}

fn notification(
    account_id: i64,
    kind: &str,
    weekly: &str,
    from: NaiveDate,
) -> RecordHbNotificationRequest {
    RecordHbNotificationRequest {
        command_id: new_id(),
        account_id,
        council_reference: "HB/556677".into(),
        kind: kind.into(),
        weekly_amount: pounds(weekly),
        paid_to: "landlord".into(),
        effective_from: from,
        effective_to: None,
        notified_on: today(),
    }
}

#[tokio::test]
async fn notifications_change_the_credits_expected_and_so_the_true_arrears() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let before = account_on_hb(&session).await;
    let reference = before.payment_reference.clone();
    let id = before.account_id;

    let view = session
        .record_hb_notification(&notification(id, "suspension", "0", today() - Days::new(3)))
        .await
        .unwrap();
    assert!(
        view.expected.starts_with("Nothing: suspension"),
        "{}",
        view.expected
    );
    let suspended = detail(&session, &reference).await;
    assert!(
        !suspended
            .expected_credits
            .iter()
            .any(|credit| credit.benefit == "Housing Benefit"),
        "{:?}",
        suspended.expected_credits
    );
    // A notification changes what is expected, never the ledger.
    assert_eq!(suspended.balance, before.balance);

    session
        .record_hb_notification(&notification(id, "change", "95.50", today() - Days::new(1)))
        .await
        .unwrap();
    let changed = detail(&session, &reference).await;
    let credit = changed
        .expected_credits
        .iter()
        .find(|credit| credit.benefit == "Housing Benefit")
        .expect("Housing Benefit is expected again");
    assert_eq!(credit.amount, pounds("382.00"));

    let refused = session
        .record_hb_notification(&notification(id, "change", "0", today()))
        .await;
    assert!(
        matches!(&refused, Err(ApiError::Invalid { field, .. }) if field == "weekly_amount"),
        "{refused:?}"
    );
    session.lock().await.unwrap();
}

#[tokio::test]
async fn an_overpayment_invoice_is_checked_against_the_ledger() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let account = account_on_hb(&session).await;
    // A period with an HB credit in it: the four weeks before the latest one landed.
    let latest = account
        .transactions
        .iter()
        .filter(|line| line.description.contains("Housing Benefit") && line.credit.is_some())
        .max_by_key(|line| line.posted_on)
        .unwrap();
    let credited = latest.credit.unwrap();
    let period_to = latest.posted_on - Days::new(1);
    let period_from = period_to - Days::new(27);
    let check = |amount: Decimal, ended: Option<NaiveDate>| CheckHbOverpaymentRequest {
        account_id: account.account_id,
        period_from,
        period_to,
        amount,
        tenancy_ended_on: ended,
    };
    let left_on = period_from + Days::new(13);

    // Resident throughout: the claimant's overpayment; accepting it is refused.
    let resident = session
        .check_hb_overpayment(&check(pounds("50.00"), None))
        .await
        .unwrap();
    assert!(!resident.accept, "{:?}", resident.findings);
    assert_eq!(resident.resident_days, 28);
    let refused = session
        .decide_hb_overpayment(&DecideHbOverpaymentRequest {
            command_id: new_id(),
            check: check(pounds("50.00"), None),
            council: "Calderdale Council".into(),
            invoice_reference: "OP-1".into(),
            accept: true,
        })
        .await;
    assert!(
        matches!(refused, Err(ApiError::LegalRefused { .. })),
        "{refused:?}"
    );

    // More than was credited for the period: queried, with a letter.
    let too_much = check(credited + pounds("100.00"), Some(left_on));
    assert!(
        !session
            .check_hb_overpayment(&too_much)
            .await
            .unwrap()
            .accept
    );
    let queried = session
        .decide_hb_overpayment(&DecideHbOverpaymentRequest {
            command_id: new_id(),
            check: too_much,
            council: "Calderdale Council".into(),
            invoice_reference: "OP-2".into(),
            accept: false,
        })
        .await
        .unwrap();
    let letter = queried.letter.expect("a query letter");
    assert!(std::path::Path::new(&letter.path).exists());
    assert_eq!(queried.housing_benefit.overpayments[0].outcome, "queried");

    // The tenant left mid-period and the invoice is within what was credited: accepted, and
    // the repayment goes on the ledger as a refund.
    let fair = check(pounds("40.00"), Some(left_on));
    let found = session.check_hb_overpayment(&fair).await.unwrap();
    assert!(found.accept, "{:?}", found.findings);
    assert_eq!(found.resident_days, 14);
    let before = detail(&session, &account.payment_reference).await.balance;
    session
        .decide_hb_overpayment(&DecideHbOverpaymentRequest {
            command_id: new_id(),
            check: fair,
            council: "Calderdale Council".into(),
            invoice_reference: "OP-3".into(),
            accept: true,
        })
        .await
        .unwrap();
    let after = detail(&session, &account.payment_reference).await;
    assert_eq!(after.balance, before + pounds("40.00"));
    assert!(after.transactions.iter().any(
        |line| line.description.contains("invoice OP-3") && line.debit == Some(pounds("40.00"))
    ));
    session.lock().await.unwrap();
}
