//! Benefit work through the session: the Universal Credit position recorded, eligibility shown,
//! a request to the DWP left too long on the worklist, an approved managed payment feeding the
//! true arrears, a DHP suggested for a shortfall, and every step counted as protocol evidence.

use chrono::{Days, NaiveDate};
use doorstep_api::{
    GetAccountRequest, GetBenefitsRequest, GetCourtFileRequest, RecordBenefitDecisionRequest,
    RecordBenefitRequestRequest, RecordDhpApplicationRequest, RecordUcPositionRequest,
    SetUpRequest, StartWith, WorklistItem,
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

/// A monthly-rent account well in arrears (over 2 months' rent), with no benefit recorded and
/// nothing at court: its worklist row and id.
async fn monthly_account_in_arrears(session: &Session) -> (WorklistItem, i64) {
    for item in session.get_worklist().await.unwrap().items {
        if item.next_action.code == "warrant" || item.pause_reason.is_some() {
            continue;
        }
        let detail = session
            .get_account(&GetAccountRequest {
                payment_reference: item.payment_reference.clone(),
            })
            .await
            .unwrap();
        let two_months = detail.tenancy.weekly_charge * Decimal::from(9);
        if detail.expected_credits.is_empty() && detail.balance > two_months {
            return (item, detail.account_id);
        }
    }
    panic!("the demo has an account over two months in arrears with no benefit recorded");
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

#[tokio::test]
async fn a_managed_payment_from_request_to_true_arrears() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let (item, account_id) = monthly_account_in_arrears(&session).await;

    // Universal Credit as the tenant reports it: housing element paid to them.
    let view = session
        .record_uc_position(&RecordUcPositionRequest {
            command_id: new_id(),
            account_id,
            household: "single_25_or_over".into(),
            assessment_period_day: 3,
            payment_day: 10,
            housing_element: pounds("300.00"),
            paid_to: "tenant".into(),
            other_deductions: Decimal::ZERO,
        })
        .await
        .unwrap();
    assert_eq!(view.uc.as_ref().unwrap().housing_element, pounds("300.00"));
    let managed = view
        .eligibility
        .iter()
        .find(|found| found.kind == "managed_payment")
        .unwrap();
    assert!(managed.eligible, "{:?}", managed.reasons);
    assert!(
        managed.reasons[0].contains("2 months' rent"),
        "{:?}",
        managed.reasons
    );
    let range = view.deduction_range.as_ref().unwrap();
    assert!(range.min < range.max && range.expected >= range.min);
    // Housing costs below the rent: a DHP is suggested for the gap.
    assert!(view
        .dhp_suggestion
        .as_deref()
        .unwrap_or("")
        .contains("Discretionary Housing Payment"));

    // Asked 40 days ago and still no decision: the worklist says to chase it.
    let asked_on = today() - Days::new(40);
    let view = session
        .record_benefit_request(&RecordBenefitRequestRequest {
            command_id: new_id(),
            account_id,
            kind: "managed_payment".into(),
            requested_on: asked_on,
            reference: "LP-123456".into(),
            amount_asked: None,
            note: String::new(),
        })
        .await
        .unwrap();
    assert!(view.requests[0].overdue);
    let chased = row(&session, &item.payment_reference).await;
    assert_eq!(chased.next_action.label, "Chase the DWP");
    assert!(
        chased.next_action.reason.contains("LP-123456"),
        "{}",
        chased.next_action.reason
    );

    // The request counts as protocol evidence (deductions applied for).
    let file = session
        .get_court_file(&GetCourtFileRequest {
            account_id,
            issue_date: None,
        })
        .await
        .unwrap();
    let deductions = file
        .protocol
        .iter()
        .find(|item| item.requirement == "benefit_deductions")
        .unwrap();
    assert_eq!(deductions.status, "met", "{:?}", deductions.details);

    // Approved from last month: the housing element now comes to the landlord, so part of the
    // balance is benefit on its way, not arrears.
    let before = row(&session, &item.payment_reference).await;
    let view = session
        .record_benefit_decision(&RecordBenefitDecisionRequest {
            command_id: new_id(),
            account_id,
            request_id: view.requests[0].request_id.clone(),
            decided_on: today() - Days::new(20),
            outcome: "approved".into(),
            starts_on: Some(today() - Days::new(15)),
            amount: Some(pounds("300.00")),
            note: String::new(),
        })
        .await
        .unwrap();
    assert_eq!(view.requests[0].state, "approved");
    let after = row(&session, &item.payment_reference).await;
    assert_ne!(after.next_action.label, "Chase the DWP");
    assert_eq!(after.balance, before.balance);
    assert!(
        after.true_arrears < before.true_arrears,
        "true arrears {} did not fall below {}",
        after.true_arrears,
        before.true_arrears
    );
    let detail = session
        .get_account(&GetAccountRequest {
            payment_reference: item.payment_reference.clone(),
        })
        .await
        .unwrap();
    assert!(!detail.expected_credits.is_empty());

    // A DHP application lands in the diary.
    let view = session
        .record_dhp_application(&RecordDhpApplicationRequest {
            command_id: new_id(),
            account_id,
            council: "Calderdale Council".into(),
            amount: pounds("120.00"),
            period_from: today(),
            period_to: today() + Days::new(90),
            reason: "Shortfall between rent and housing costs".into(),
            applied_on: today(),
        })
        .await
        .unwrap();
    assert_eq!(view.dhp_applications.len(), 1);
    assert!(detail_has_code(&session, &item.payment_reference, "managed_payment_request").await);
    assert!(detail_has_code(&session, &item.payment_reference, "dhp_application").await);
    session.lock().await.unwrap();
}

async fn detail_has_code(session: &Session, reference: &str, code: &str) -> bool {
    session
        .get_account(&GetAccountRequest {
            payment_reference: reference.into(),
        })
        .await
        .unwrap()
        .diary
        .iter()
        .any(|line| line.code == code)
}

#[tokio::test]
async fn a_request_inside_the_follow_up_time_stays_off_the_worklist_and_bad_input_is_refused() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let (item, account_id) = monthly_account_in_arrears(&session).await;
    let before = row(&session, &item.payment_reference).await;
    session
        .record_benefit_request(&RecordBenefitRequestRequest {
            command_id: new_id(),
            account_id,
            kind: "arrears_deduction".into(),
            requested_on: today() - Days::new(28),
            reference: "LP-777".into(),
            amount_asked: Some(pounds("40.00")),
            note: String::new(),
        })
        .await
        .unwrap();
    // The default follow-up time is 28 days: on the 28th day it is not yet overdue.
    let after = row(&session, &item.payment_reference).await;
    assert_eq!(after.next_action.label, before.next_action.label);

    let refused = session
        .record_benefit_request(&RecordBenefitRequestRequest {
            command_id: new_id(),
            account_id,
            kind: "managed_payment".into(),
            requested_on: today() + Days::new(1),
            reference: "LP-778".into(),
            amount_asked: None,
            note: String::new(),
        })
        .await;
    assert!(
        matches!(&refused, Err(doorstep_api::ApiError::Invalid { field, .. }) if field == "requested_on"),
        "{refused:?}"
    );
    let view = session
        .get_benefits(&GetBenefitsRequest { account_id })
        .await
        .unwrap();
    assert_eq!(view.requests.len(), 1);
    session.lock().await.unwrap();
}
