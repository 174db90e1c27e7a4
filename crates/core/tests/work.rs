//! The officer's working day through the session, as the desktop and the CLI drive it: every
//! change lands once, the worklist follows at once, and wrong input is named, not half-written.

use doorstep_api::{
    ApiError, CancelArrangementRequest, CreateArrangementRequest, DocumentKind, GetAccountRequest,
    HoldKind, ProduceDocumentRequest, RecordDiaryRequest, RecordPaymentRequest,
    RecordedPaymentMethod, ReverseEntryRequest, SavePolicyRequest, SetHoldRequest, SetUpRequest,
    StartWith, UnlockRequest, WorklistItem,
};
use doorstep_core::{
    Config, CredentialStoreChoice, DemoOptions, PaymentsOutcome, PaymentsRecorded, Session,
};
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
            accounts_count: 60,
            ..DemoOptions::new(5, doorstep_core::today())
        })
        .await
        .unwrap();
    session
}

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

async fn item(session: &Session, reference: &str) -> WorklistItem {
    session
        .get_worklist()
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|item| item.payment_reference == reference)
        .unwrap()
}

/// The account most in true arrears with a policy step due.
async fn account_with_step_due(session: &Session) -> WorklistItem {
    session
        .get_worklist()
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|item| {
            // A broken court order ("warrant") is court work, not a step of the ladder.
            ![
                "nothing",
                "wait",
                "blocked",
                "arrangement_broken",
                "warrant",
            ]
            .contains(&item.next_action.code.as_str())
        })
        .max_by_key(|item| item.true_arrears)
        .expect("the demo has a step due somewhere")
}

fn payment(reference: &str, command_id: &str, amount: &str) -> RecordPaymentRequest {
    RecordPaymentRequest {
        payment_reference: reference.into(),
        command_id: command_id.into(),
        method: RecordedPaymentMethod::Card,
        amount: amount.into(),
        received_on: doorstep_core::today(),
        note: "Receipt 17".into(),
    }
}

#[tokio::test]
async fn a_payment_lands_once_and_moves_the_worklist_at_once() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let before = account_with_step_due(&session).await;
    let reference = before.payment_reference.clone();
    let command_id = new_id();

    let all = before.balance.to_string();
    let detail = session
        .record_payment(&payment(&reference, &command_id, &all))
        .await
        .unwrap();
    assert_eq!(detail.balance, Decimal::ZERO);
    assert_eq!(detail.arrears_weeks.to_string(), "0.0");
    assert_eq!(detail.next_action.code, "nothing");
    // A retried submit (same command id) records nothing more.
    let again = session
        .record_payment(&payment(&reference, &command_id, &all))
        .await
        .unwrap();
    assert_eq!(again.transactions.len(), detail.transactions.len());
    assert_eq!(again.balance, Decimal::ZERO);

    let after = item(&session, &reference).await;
    assert_eq!(after.balance, Decimal::ZERO);
    assert_eq!(after.next_action.code, "nothing");
    assert_eq!(after.next_action.label, "No action");
    session.lock().await.unwrap();
}

#[tokio::test]
async fn a_batch_of_payments_is_all_or_nothing_and_once_only() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let reference = account_with_step_due(&session).await.payment_reference;
    let before = item(&session, &reference).await;
    let good = [
        payment(&reference, &new_id(), "10.00"),
        payment(&reference, &new_id(), "2.50"),
    ];
    let mut with_a_bad_row = good.to_vec();
    with_a_bad_row.push(payment("999999999", &new_id(), "5.00"));
    match session.record_payments(&with_a_bad_row).await.unwrap() {
        PaymentsOutcome::Refused { problems } => {
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].0, 2);
            assert!(matches!(problems[0].1, ApiError::AccountNotFound { .. }));
        }
        other => panic!("a batch with a bad row was recorded: {other:?}"),
    }
    assert_eq!(item(&session, &reference).await, before);

    let first = session.record_payments(&good).await.unwrap();
    assert_eq!(
        first,
        PaymentsOutcome::Recorded(PaymentsRecorded {
            recorded_count: 2,
            recorded_total: Decimal::new(1250, 2),
            already_count: 0,
        })
    );
    let after = item(&session, &reference).await;
    assert_eq!(after.balance, before.balance - Decimal::new(1250, 2));
    let again = session.record_payments(&good).await.unwrap();
    assert_eq!(
        again,
        PaymentsOutcome::Recorded(PaymentsRecorded {
            recorded_count: 0,
            recorded_total: Decimal::ZERO,
            already_count: 2,
        })
    );
    assert_eq!(item(&session, &reference).await.balance, after.balance);
    session.lock().await.unwrap();
}

#[tokio::test]
async fn bad_payments_are_named_and_write_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let reference = account_with_step_due(&session).await.payment_reference;
    let before = item(&session, &reference).await;
    fn field_of(result: Result<doorstep_api::AccountDetail, ApiError>) -> String {
        match result {
            Err(ApiError::Invalid { field, .. }) => field,
            other => panic!("expected an invalid-input error, got {other:?}"),
        }
    }
    //                     amount      field
    for (amount, field) in [
        ("twelve", "amount"),
        ("0", "amount"),
        ("-5", "amount"),
        ("10.005", "amount"),
        ("50000.01", "amount"),
    ] {
        let result = session
            .record_payment(&payment(&reference, &new_id(), amount))
            .await;
        assert_eq!(field_of(result), field, "{amount:?}");
    }
    let mut future = payment(&reference, &new_id(), "10");
    future.received_on = doorstep_core::today().succ_opt().unwrap();
    assert_eq!(
        field_of(session.record_payment(&future).await),
        "received_on"
    );
    let unknown = session
        .record_payment(&payment("999999999", &new_id(), "10"))
        .await;
    assert!(matches!(unknown, Err(ApiError::AccountNotFound { .. })));
    assert_eq!(item(&session, &reference).await, before);
    session.lock().await.unwrap();
}

#[tokio::test]
async fn a_reversal_restores_the_balance_exactly_and_only_once() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let reference = account_with_step_due(&session).await.payment_reference;
    let before = item(&session, &reference).await;
    let paid = session
        .record_payment(&payment(&reference, &new_id(), "37.21"))
        .await
        .unwrap();
    assert_eq!(paid.balance, before.balance - Decimal::new(3721, 2));
    let entry_id = paid.transactions.last().unwrap().entry_id.clone();
    let reversal = |command_id: String| ReverseEntryRequest {
        payment_reference: reference.clone(),
        command_id,
        entry_id: entry_id.clone(),
        reason: "Card declined on forwarding".into(),
    };
    let reversed = session.reverse_entry(&reversal(new_id())).await.unwrap();
    assert_eq!(reversed.balance, before.balance);
    let original = reversed
        .transactions
        .iter()
        .find(|line| line.entry_id == entry_id)
        .unwrap();
    assert!(!original.reversible);
    assert!(original
        .reversal_note
        .as_deref()
        .unwrap()
        .starts_with("Reversed on"));
    let twice = session.reverse_entry(&reversal(new_id())).await;
    assert!(
        matches!(&twice, Err(ApiError::Invalid { message, .. }) if message.contains("already been reversed")),
        "{twice:?}"
    );
    assert_eq!(item(&session, &reference).await.balance, before.balance);
    session.lock().await.unwrap();
}

fn arrangement(reference: &str, instalment: &str) -> CreateArrangementRequest {
    let today = doorstep_core::today();
    CreateArrangementRequest {
        payment_reference: reference.into(),
        command_id: new_id(),
        kind: "informal".into(),
        frequency: "weekly".into(),
        instalment: instalment.into(),
        first_instalment_on: today + chrono::Days::new(7),
        initial_payment: String::new(),
        initial_payment_on: None,
        tolerance_days: 5,
        note: String::new(),
    }
}

#[tokio::test]
async fn an_arrangement_is_kept_waits_the_ladder_and_a_new_one_supersedes_it() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let reference = account_with_step_due(&session).await.payment_reference;
    let first = session
        .create_arrangement(&arrangement(&reference, "10.00"))
        .await
        .unwrap();
    assert_eq!(first.arrangements[0].state, "Live");
    assert_eq!(first.next_action.code, "wait", "{:?}", first.next_action);
    let second = session
        .create_arrangement(&arrangement(&reference, "15.00"))
        .await
        .unwrap();
    let states: Vec<&str> = second
        .arrangements
        .iter()
        .map(|a| a.state.as_str())
        .collect();
    assert_eq!(states, ["Live", "Superseded"]);
    assert!(second.arrangements[0].terms.starts_with("£15.00 a week"));
    let cancelled = session
        .cancel_arrangement(&CancelArrangementRequest {
            payment_reference: reference.clone(),
            command_id: new_id(),
            reason: "Tenant moved to a court order".into(),
        })
        .await
        .unwrap();
    assert_eq!(cancelled.arrangements[0].state, "Cancelled");
    assert_ne!(cancelled.next_action.code, "wait");

    let refused = session
        .create_arrangement(&arrangement(&reference, "0"))
        .await;
    assert!(
        matches!(refused, Err(ApiError::Invalid { .. })),
        "{refused:?}"
    );
    session.lock().await.unwrap();
}

#[tokio::test]
async fn a_pause_blocks_escalation_until_it_ends() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let reference = account_with_step_due(&session).await.payment_reference;
    let detail = session
        .set_hold(&SetHoldRequest {
            payment_reference: reference.clone(),
            command_id: new_id(),
            kind: HoldKind::Pause,
            pause_reason: Some("promise_of_payment".into()),
            until: doorstep_core::today() + chrono::Days::new(14),
            note: "Will pay on Friday".into(),
        })
        .await
        .unwrap();
    assert_eq!(detail.next_action.code, "blocked");
    let shown = item(&session, &reference).await;
    assert_eq!(shown.pause_reason.as_deref(), Some("Promise of payment"));
    assert!(detail.holds.iter().any(|hold| hold.in_force));

    // Lifting it is a newer pause that ended yesterday.
    let lifted = session
        .set_hold(&SetHoldRequest {
            payment_reference: reference.clone(),
            command_id: new_id(),
            kind: HoldKind::Pause,
            pause_reason: Some("other".into()),
            until: doorstep_core::today().pred_opt().unwrap(),
            note: "Promise broken".into(),
        })
        .await
        .unwrap();
    assert_ne!(lifted.next_action.code, "blocked");
    let bad = session
        .set_hold(&SetHoldRequest {
            payment_reference: reference,
            command_id: new_id(),
            kind: HoldKind::Pause,
            pause_reason: Some("on holiday".into()),
            until: doorstep_core::today(),
            note: String::new(),
        })
        .await;
    assert!(matches!(bad, Err(ApiError::Invalid { field, .. }) if field == "pause_reason"));
    session.lock().await.unwrap();
}

#[tokio::test]
async fn the_team_edits_the_policy_and_every_next_action_follows() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let view = session.get_policy().await.unwrap();
    let refused = session
        .save_policy(&SavePolicyRequest {
            json: view.json.replace("\"letter_1\"", "\"Letter One!\""),
        })
        .await;
    match refused {
        Err(ApiError::PolicyRefused { problems }) => {
            assert!(
                problems.iter().any(|p| p.contains("Letter One!")),
                "{problems:?}"
            )
        }
        other => panic!("a bad policy was not refused: {other:?}"),
    }

    // A policy with one step at £1,000,000 leaves nothing due anywhere.
    let strict = r#"{"name": "Only the very worst", "steps": [
        {"code": "letter_1", "label": "Letter 1", "triggers": {"arrears_min": "1000000.00"}}
    ]}"#;
    let saved = session
        .save_policy(&SavePolicyRequest {
            json: strict.into(),
        })
        .await
        .unwrap();
    assert_eq!(saved.name, "Only the very worst");
    let worklist = session.get_worklist().await.unwrap();
    assert_eq!(worklist.policy_name, "Only the very worst");
    assert!(worklist
        .items
        .iter()
        .all(|item| item.next_action.code != "letter_1" && item.next_action.code != "notice"));

    // It is the policy in force after the store is locked and opened again.
    session.lock().await.unwrap();
    session
        .unlock(&UnlockRequest {
            passphrase: PASSPHRASE.into(),
        })
        .await
        .unwrap();
    assert_eq!(
        session.get_policy().await.unwrap().name,
        "Only the very worst"
    );
    session.lock().await.unwrap();
}

#[tokio::test]
async fn letter_1_is_written_noted_in_the_diary_and_moves_the_ladder() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let worklist = session.get_worklist().await.unwrap();
    let Some(due) = worklist
        .items
        .iter()
        .find(|item| item.next_action.code == "letter_1")
    else {
        panic!("no account in the demo has Letter 1 due");
    };
    let produced = session
        .produce_document(&ProduceDocumentRequest {
            payment_reference: due.payment_reference.clone(),
            kind: DocumentKind::Letter1,
            from: None,
            to: None,
        })
        .await
        .unwrap();
    let pdf = std::fs::read(&produced.path).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(produced.pages >= 1);
    let after = session
        .get_account(&GetAccountRequest {
            payment_reference: due.payment_reference.clone(),
        })
        .await
        .unwrap();
    assert_eq!(after.diary[0].code, "letter_1");
    assert_ne!(after.next_action.code, "letter_1");

    let statement = session
        .produce_document(&ProduceDocumentRequest {
            payment_reference: due.payment_reference.clone(),
            kind: DocumentKind::RentStatement,
            from: None,
            to: None,
        })
        .await
        .unwrap();
    assert!(std::fs::read(&statement.path).unwrap().starts_with(b"%PDF"));
    let no_arrangement = session
        .produce_document(&ProduceDocumentRequest {
            payment_reference: due.payment_reference.clone(),
            kind: DocumentKind::ArrangementConfirmation,
            from: None,
            to: None,
        })
        .await;
    assert!(
        matches!(&no_arrangement, Err(ApiError::DocumentRefused { message }) if message.contains("no live arrangement")),
        "{no_arrangement:?}"
    );

    let diary = session
        .record_diary(&RecordDiaryRequest {
            payment_reference: due.payment_reference.clone(),
            command_id: new_id(),
            code: "phone_call".into(),
            happened_on: doorstep_core::today(),
            note: "Left a message".into(),
        })
        .await
        .unwrap();
    assert_eq!(diary.diary[0].label, "Phone call");
    let verification = session.verify_records().await.unwrap();
    assert!(
        verification.problems.is_empty(),
        "{:?}",
        verification.problems
    );
    assert!(verification.diary_records_checked > 0);
    session.lock().await.unwrap();
}

/// The weekly report's arrears are the ledger's: the sum of every account's balance above
/// zero at the end of each day, and the movement is the difference.
#[tokio::test]
async fn the_weekly_report_adds_up_to_the_ledger() {
    let folder = tempfile::tempdir().unwrap();
    let session = weekly_report_session(&folder).await;
    let week_of = doorstep_core::today() - chrono::Days::new(7);
    let report = session
        .weekly_report(&doorstep_api::WeeklyReportRequest { week_of })
        .await
        .unwrap();
    let patch = report.clone();
    let report = report.weekly;
    assert_eq!(
        report.week_ending - report.week_starting,
        chrono::Duration::days(6)
    );
    let day_before = report.week_starting - chrono::Days::new(1);
    let (mut start, mut end) = (Decimal::ZERO, Decimal::ZERO);
    for item in session.get_worklist().await.unwrap().items {
        let detail = session
            .get_account(&doorstep_api::GetAccountRequest {
                payment_reference: item.payment_reference.clone(),
            })
            .await
            .unwrap();
        let balance_on = |on: chrono::NaiveDate| {
            detail
                .transactions
                .iter()
                .rfind(|line| line.posted_on <= on)
                .map_or(Decimal::ZERO, |line| line.balance_after)
        };
        start += balance_on(day_before).max(Decimal::ZERO);
        end += balance_on(report.week_ending).max(Decimal::ZERO);
    }
    assert_eq!(report.arrears_at_start, start);
    assert_eq!(report.arrears_at_end, end);
    assert_eq!(report.arrears_movement, end - start);
    // The trend's last point is the same Sunday, and the age profile shares out that total.
    let last = patch.trend.last().unwrap();
    assert_eq!(patch.trend.len(), 52);
    assert_eq!(
        (last.week_ending, last.arrears_total),
        (report.week_ending, end)
    );
    let aged: Decimal = patch
        .age_profile
        .iter()
        .map(|band| band.arrears_total)
        .sum();
    assert_eq!(aged, end);
    assert!(patch
        .indicators
        .iter()
        .all(|indicator| !indicator.definition.is_empty()));
    session.lock().await.unwrap();
}

async fn weekly_report_session(folder: &tempfile::TempDir) -> Session {
    let session = Session::new(Config::for_data_dir(
        folder.path().to_path_buf(),
        CredentialStoreChoice::File,
    ));
    session
        .set_up(&doorstep_api::SetUpRequest {
            passphrase: "tea-and-biscuits-42".into(),
            passphrase_repeated: "tea-and-biscuits-42".into(),
            start_with: doorstep_api::StartWith::Empty,
        })
        .await
        .unwrap();
    session
        .load_demo(&doorstep_core::DemoOptions {
            accounts_count: 40,
            ..doorstep_core::DemoOptions::new(3, doorstep_core::today())
        })
        .await
        .unwrap();
    session
}
