//! Referrals and former tenant arrears through the session: a referral left open past its
//! follow-up day is on the worklist until its outcome is recorded, and a write-off is
//! recommended only when its ground's evidence is on file, with the paperwork for approval.

use chrono::{Days, NaiveDate};
use doorstep_api::{
    ApiError, GetAccountRequest, RecommendWriteOffRequest, RecordDiaryRequest,
    RecordReferralOutcomeRequest, RecordReferralRequest, SetUpRequest, StartWith, WorklistItem,
};
use doorstep_core::{Config, CredentialStoreChoice, DemoOptions, Session};

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

/// An account in arrears with nothing above the ladder, and its id.
async fn account(session: &Session) -> (String, i64) {
    let item = session
        .get_worklist()
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|item| item.next_action.priority < 130 && item.balance > rust_decimal::Decimal::ZERO)
        .unwrap();
    let id = session
        .get_account(&GetAccountRequest {
            payment_reference: item.payment_reference.clone(),
        })
        .await
        .unwrap()
        .account_id;
    (item.payment_reference, id)
}

#[tokio::test]
async fn an_open_referral_is_followed_up_from_the_worklist() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let (reference, account_id) = account(&session).await;
    let view = session
        .record_referral(&RecordReferralRequest {
            command_id: new_id(),
            account_id,
            kind: "financial_inclusion".into(),
            referred_to: "Calderdale Financial Inclusion Team".into(),
            referred_on: today() - Days::new(30),
            follow_up_on: None,
            note: String::new(),
        })
        .await
        .unwrap();
    assert_eq!(view.referrals[0].follow_up_on, today() - Days::new(2));
    assert!(view.referrals[0].due);
    let due = row(&session, &reference).await;
    assert_eq!(due.next_action.code, "follow_up_referral");
    assert!(
        due.next_action
            .reason
            .starts_with("Financial inclusion referral"),
        "{}",
        due.next_action.reason
    );

    session
        .record_referral_outcome(&RecordReferralOutcomeRequest {
            command_id: new_id(),
            account_id,
            referral_id: view.referrals[0].referral_id.clone(),
            outcome: "benefit check done; PIP claim made".into(),
        })
        .await
        .unwrap();
    assert_ne!(
        row(&session, &reference).await.next_action.code,
        "follow_up_referral"
    );
    session.lock().await.unwrap();
}

#[tokio::test]
async fn a_write_off_needs_its_evidence_and_produces_paperwork_for_approval() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let (reference, account_id) = account(&session).await;
    let request = || RecommendWriteOffRequest {
        command_id: new_id(),
        account_id,
        ground: "untraceable".into(),
        tenancy_ended_on: today() - Days::new(200),
        reason: "left without notice; no forwarding address".into(),
    };
    match session.recommend_write_off(&request()).await {
        Err(ApiError::LegalRefused { reasons }) => {
            assert!(
                reasons
                    .iter()
                    .any(|reason| reason.contains("tracing attempts")),
                "{reasons:?}"
            )
        }
        other => panic!("an untraceable write-off without tracing is refused: {other:?}"),
    }
    for (days_ago, note) in [
        (150, "DWP trace: no current address"),
        (100, "credit reference search: none"),
        (40, "neighbours: moved away, no address"),
    ] {
        session
            .record_diary(&RecordDiaryRequest {
                payment_reference: reference.clone(),
                command_id: new_id(),
                code: "tracing".into(),
                happened_on: today() - Days::new(days_ago),
                note: note.into(),
            })
            .await
            .unwrap();
    }
    let recommended = session.recommend_write_off(&request()).await.unwrap();
    assert!(std::fs::read(&recommended.document.path)
        .unwrap()
        .starts_with(b"%PDF"));
    assert_eq!(recommended.former_tenancy.tracing.len(), 3);
    assert_eq!(recommended.former_tenancy.recommendations.len(), 1);
    session.lock().await.unwrap();
}
