//! The people around an account through the session: an appointee's authority checked before a
//! contact and the contact in the diary with the authority relied on; an expired authority is
//! none; a recorded deputy without the Court's authority warns before a claim; flags shown on
//! the worklist and the account; a manager's review required before a notice when the policy
//! says so.

use chrono::{Days, NaiveDate};
use doorstep_api::{
    ApiError, CheckAuthorityRequest, DraftNoticeRequest, EndFlagRequest, GetAccountRequest,
    GetCourtFileRequest, PeopleView, RecordConsentRequest, RecordContactRequest,
    RecordDiaryRequest, RecordFlagRequest, RecordRepresentativeRequest, SavePolicyRequest,
    SetUpRequest, StartWith, WorklistItem,
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

async fn account_id(session: &Session, reference: &str) -> i64 {
    session
        .get_account(&GetAccountRequest {
            payment_reference: reference.into(),
        })
        .await
        .unwrap()
        .account_id
}

async fn first_account(session: &Session) -> (String, i64) {
    let reference = session.get_worklist().await.unwrap().items[0]
        .payment_reference
        .clone();
    let id = account_id(session, &reference).await;
    (reference, id)
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

async fn court_file(session: &Session, account_id: i64) -> doorstep_api::CourtFileView {
    session
        .get_court_file(&GetCourtFileRequest {
            account_id,
            issue_date: None,
        })
        .await
        .unwrap()
}

fn representative(
    account_id: i64,
    name: &str,
    kind: &str,
    covers: &[&str],
    seen_on: NaiveDate,
    expires_on: Option<NaiveDate>,
) -> RecordRepresentativeRequest {
    RecordRepresentativeRequest {
        command_id: new_id(),
        account_id,
        replaces_person_id: None,
        name: name.into(),
        kind: kind.into(),
        covers: covers.iter().map(|code| code.to_string()).collect(),
        evidence_reference: "DWP/APP/0042".into(),
        seen_on,
        expires_on,
        litigation_authorised_by_court: false,
        phone: "01632 960000".into(),
    }
}

fn person_id(view: &PeopleView, name: &str) -> String {
    view.people
        .iter()
        .find(|person| person.name == name)
        .unwrap()
        .person_id
        .clone()
}

async fn check(session: &Session, account_id: i64, person_id: &str, topic: &str) -> (bool, String) {
    let answer = session
        .check_authority(&CheckAuthorityRequest {
            account_id,
            person_id: person_id.into(),
            topic: topic.into(),
        })
        .await
        .unwrap();
    (answer.allowed, answer.words)
}

#[tokio::test]
async fn an_appointee_is_checked_before_a_call_and_the_call_is_in_the_diary() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let (reference, id) = first_account(&session).await;
    let view = session
        .record_representative(&representative(
            id,
            "Morgan Appointee",
            "appointee",
            // Recorded wider than the law allows: an appointment is benefits only whatever the
            // form said.
            &["benefits", "finances"],
            today() - Days::new(30),
            None,
        ))
        .await
        .unwrap();
    let person = person_id(&view, "Morgan Appointee");

    let (allowed, words) = check(&session, id, &person, "benefits").await;
    assert!(allowed, "{words}");
    assert!(words.contains("reg 33"), "cites the rule: {words}");
    let (allowed, words) = check(&session, id, &person, "arrears").await;
    assert!(
        !allowed,
        "an appointee may not discuss the arrears: {words}"
    );
    assert!(
        words.starts_with("Do not discuss the arrears with Morgan Appointee"),
        "{words}"
    );

    let view = session
        .record_contact(&RecordContactRequest {
            command_id: new_id(),
            account_id: id,
            person_id: person.clone(),
            topic: "benefits".into(),
            method: "phone_call".into(),
            note: "asked about the HB claim".into(),
        })
        .await
        .unwrap();
    let contact = &view.contacts[0];
    assert!(contact.allowed);
    assert_eq!(contact.person_name, "Morgan Appointee");
    assert!(
        contact.words.contains("You may discuss Housing Benefit"),
        "{}",
        contact.words
    );

    let detail = session
        .get_account(&GetAccountRequest {
            payment_reference: reference,
        })
        .await
        .unwrap();
    let line = detail
        .diary
        .iter()
        .find(|line| line.note.contains("Morgan Appointee") && line.note.starts_with("Phone call"))
        .expect("the contact is in the diary");
    assert!(
        line.note
            .contains("authorised: DWP appointee (DWP/APP/0042)"),
        "{}",
        line.note
    );

    // A contact about something they may not hear is still recorded, as not authorised.
    let view = session
        .record_contact(&RecordContactRequest {
            command_id: new_id(),
            account_id: id,
            person_id: person,
            topic: "arrears".into(),
            method: "phone_call".into(),
            note: String::new(),
        })
        .await
        .unwrap();
    assert!(!view.contacts[0].allowed);
    session.lock().await.unwrap();
}

#[tokio::test]
async fn an_expired_authority_is_no_authority_and_consent_covers_only_what_it_says() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let (_, id) = first_account(&session).await;
    let expired_on = today() - Days::new(1);
    let view = session
        .record_representative(&representative(
            id,
            "Sam Attorney",
            "attorney",
            &["finances"],
            today() - Days::new(400),
            Some(expired_on),
        ))
        .await
        .unwrap();
    let attorney = person_id(&view, "Sam Attorney");
    let (allowed, words) = check(&session, id, &attorney, "arrangement").await;
    assert!(!allowed, "{words}");
    assert!(words.contains("expired on"), "{words}");
    assert!(view
        .people
        .iter()
        .any(|person| person.name == "Sam Attorney" && person.lapsed));

    let view = session
        .record_representative(&representative(
            id,
            "Alex Advocate",
            "advocate",
            &["discuss_account"],
            today() - Days::new(10),
            None,
        ))
        .await
        .unwrap();
    let advocate = person_id(&view, "Alex Advocate");
    assert!(
        !check(&session, id, &advocate, "arrears").await.0,
        "an advocate needs consent"
    );
    session
        .record_consent(&RecordConsentRequest {
            command_id: new_id(),
            account_id: id,
            person_id: advocate.clone(),
            covers: vec!["discuss_account".into()],
            given_on: today() - Days::new(2),
            expires_on: None,
        })
        .await
        .unwrap();
    assert!(check(&session, id, &advocate, "arrears").await.0);
    assert!(!check(&session, id, &advocate, "legal_action").await.0);

    // A tenant may always discuss their own account.
    assert!(check(&session, id, "tenant:0", "legal_action").await.0);
    let refused = session
        .record_representative(&RecordRepresentativeRequest {
            evidence_reference: "  ".into(),
            ..representative(id, "X", "deputy", &["finances"], today(), None)
        })
        .await;
    assert!(
        matches!(&refused, Err(ApiError::Invalid { field, .. }) if field == "evidence_reference"),
        "{refused:?}"
    );
    session.lock().await.unwrap();
}

#[tokio::test]
async fn a_recorded_deputy_without_the_courts_authority_warns_before_a_claim() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let (_, id) = first_account(&session).await;
    let warned = |warnings: &[String]| {
        warnings
            .iter()
            .any(|warning| warning.contains("Court of Protection deputy (Robin Deputy)"))
    };
    assert!(!warned(&court_file(&session, id).await.claim_warnings));
    let view = session
        .record_representative(&representative(
            id,
            "Robin Deputy",
            "deputy",
            &["finances"],
            today() - Days::new(60),
            None,
        ))
        .await
        .unwrap();
    let file = court_file(&session, id).await;
    assert!(warned(&file.claim_warnings));
    assert!(
        file.notice_warnings
            .iter()
            .any(|warning| warning.contains("Robin Deputy")
                && warning.contains("serving the notice")),
        "{:?}",
        file.notice_warnings
    );
    // The Court's order is seen again, now authorising proceedings: the warning goes.
    session
        .record_representative(&RecordRepresentativeRequest {
            replaces_person_id: Some(person_id(&view, "Robin Deputy")),
            litigation_authorised_by_court: true,
            covers: vec!["finances".into(), "litigation".into()],
            ..representative(id, "Robin Deputy", "deputy", &[], today(), None)
        })
        .await
        .unwrap();
    let warnings = court_file(&session, id).await.claim_warnings;
    assert!(!warned(&warnings), "{warnings:?}");
    session.lock().await.unwrap();
}

#[tokio::test]
async fn a_flagged_account_needs_a_managers_review_before_the_notice() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let item = session
        .get_worklist()
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|item| item.next_action.code == "notice")
        .expect("the demo patch has an account due a notice");
    let reference = item.payment_reference.clone();
    let id = account_id(&session, &reference).await;
    let mut policy: serde_json::Value =
        serde_json::from_str(&session.get_policy().await.unwrap().json).unwrap();
    policy["manager_review_before_step"] = "notice".into();
    let saved = session
        .save_policy(&SavePolicyRequest {
            json: policy.to_string(),
        })
        .await
        .unwrap();
    assert!(saved
        .steps
        .iter()
        .any(|step| step.contains("manager's review")));
    // Not flagged: the notice is still the next step.
    assert_eq!(row(&session, &reference).await.next_action.code, "notice");

    let view = session
        .record_flag(&RecordFlagRequest {
            command_id: new_id(),
            account_id: id,
            flag: "vulnerability".into(),
            note: "recent bereavement".into(),
        })
        .await
        .unwrap();
    let flagged = row(&session, &reference).await;
    assert_eq!(flagged.next_action.code, "manager_review");
    assert!(flagged
        .next_action
        .label
        .starts_with("Manager review before"));
    assert!(flagged
        .warnings
        .contains(&"Vulnerability: recent bereavement".to_string()));
    assert!(!flagged.do_not_visit_alone);
    let detail = session
        .get_account(&GetAccountRequest {
            payment_reference: reference.clone(),
        })
        .await
        .unwrap();
    assert_eq!(
        detail.flags,
        vec!["Vulnerability: recent bereavement".to_string()]
    );

    let file = court_file(&session, id).await;
    assert!(
        file.notice_warnings
            .iter()
            .any(|warning| warning.contains("manager's review")),
        "{:?}",
        file.notice_warnings
    );
    let refused = session
        .draft_notice(&DraftNoticeRequest {
            command_id: new_id(),
            account_id: id,
            grounds: Vec::new(),
            planned_service_on: today(),
            planned_method: "by_hand".into(),
            particulars: String::new(),
        })
        .await;
    match refused {
        Err(ApiError::LegalRefused { reasons }) => assert!(
            reasons
                .iter()
                .any(|reason| reason.contains("manager's review")),
            "{reasons:?}"
        ),
        other => panic!("drafting without the review is refused: {other:?}"),
    }

    session
        .record_diary(&RecordDiaryRequest {
            payment_reference: reference.clone(),
            command_id: new_id(),
            code: "manager_review".into(),
            happened_on: today(),
            note: "reviewed with the team leader: proceed".into(),
        })
        .await
        .unwrap();
    assert_eq!(row(&session, &reference).await.next_action.code, "notice");

    // Ending the flag takes it off the worklist row.
    session
        .end_flag(&EndFlagRequest {
            command_id: new_id(),
            account_id: id,
            flag_id: view.flags.last().unwrap().flag_id.clone(),
            note: "support in place".into(),
        })
        .await
        .unwrap();
    assert!(row(&session, &reference).await.warnings.is_empty());
    session.lock().await.unwrap();
}
