//! A home visit through the session, as the desktop drives it: the round, lone working, the
//! card payment state machine with its caps, cheques, Direct Debit, income and expenditure,
//! and no card number anywhere afterwards.

use chrono::{Duration, NaiveTime, Utc};
use doorstep_api::{
    ApiError, CategoryExplanation, CheckBankDetailsRequest, CheckInRequest, CheckOutRequest,
    ChequeStatusRequest, CreateMandateRequest, GetAccountRequest, GetRoundRequest,
    IncomeExpenditureLine, IncomeExpenditureRequest, PlanRoundRequest, RecordChequeRequest,
    RecordDiaryRequest, RecordVisitRequest, RoundOrder, SetUpRequest, SimulatedCardOutcome,
    StartWith, TakeCardPaymentRequest, VisitDocumentRequest, WorklistItem,
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

fn pounds(text: &str) -> Decimal {
    text.parse().unwrap()
}

async fn in_arrears(session: &Session) -> WorklistItem {
    session
        .get_worklist()
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|item| item.balance > pounds("100"))
        .max_by_key(|item| item.balance)
        .expect("the demo has arrears")
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

fn card(
    reference: &str,
    id: &str,
    amount: &str,
    outcome: SimulatedCardOutcome,
) -> TakeCardPaymentRequest {
    TakeCardPaymentRequest {
        command_id: id.into(),
        payment_reference: reference.into(),
        amount: amount.into(),
        allocation: "arrears".into(),
        simulated_outcome: Some(outcome),
    }
}

fn field_of(error: ApiError) -> String {
    match error {
        ApiError::Invalid { field, .. } => field,
        other => panic!("expected a refusal naming a field, got {other:?}"),
    }
}

#[tokio::test]
async fn card_payments_follow_the_state_machine_and_a_late_decline_reverses_and_tops_the_worklist()
{
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let account = in_arrears(&session).await;
    let reference = account.payment_reference.clone();

    // Approved online: credited and authorised; asked again with the same id, nothing twice.
    let id = new_id();
    let online = session
        .take_card_payment(&card(
            &reference,
            &id,
            "25.00",
            SimulatedCardOutcome::ApprovedOnline,
        ))
        .await
        .unwrap();
    assert_eq!(online.payment.state, "authorised");
    assert_eq!(online.account.balance, account.balance - pounds("25"));
    // The card shows as the scheme and the last four digits, never more digits than four.
    let shown = &online.payment.card;
    assert!(shown.contains("**** "), "{shown}");
    assert_eq!(
        shown.chars().filter(char::is_ascii_digit).count(),
        4,
        "{shown}"
    );
    let again = session
        .take_card_payment(&card(
            &reference,
            &id,
            "25.00",
            SimulatedCardOutcome::ApprovedOnline,
        ))
        .await
        .unwrap();
    assert_eq!(again.account.balance, online.account.balance);
    assert_eq!(again.payment.receipt_number, online.payment.receipt_number);

    // Declined at the terminal: no credit.
    let declined = session
        .take_card_payment(&card(
            &reference,
            &new_id(),
            "30.00",
            SimulatedCardOutcome::Declined,
        ))
        .await
        .unwrap();
    assert_eq!(declined.payment.state, "declined");
    assert_eq!(declined.account.balance, online.account.balance);

    // Approved offline: credited now, pending until forwarded.
    let kept = session
        .take_card_payment(&card(
            &reference,
            &new_id(),
            "40.00",
            SimulatedCardOutcome::ApprovedOffline,
        ))
        .await
        .unwrap();
    assert_eq!(kept.payment.state, "pending");
    let late = session
        .take_card_payment(&card(
            &reference,
            &new_id(),
            "15.00",
            SimulatedCardOutcome::DeclinedWhenForwarded,
        ))
        .await
        .unwrap();
    assert_eq!(late.payment.state, "pending");
    assert_eq!(late.account.balance, online.account.balance - pounds("55"));
    let terminal = session.get_terminal().await.unwrap();
    assert!(terminal.simulator);
    assert_eq!(terminal.offline_pending_total, pounds("55"));

    // Forwarding needs the terminal back online; then one authorised, one declined late.
    session
        .take_card_payment(&card(
            &reference,
            &new_id(),
            "1.00",
            SimulatedCardOutcome::ApprovedOnline,
        ))
        .await
        .unwrap();
    let forwarded = session.forward_card_payments().await.unwrap();
    assert_eq!(
        (forwarded.authorised_count, forwarded.declined_count),
        (1, 1)
    );
    assert_eq!(forwarded.terminal.offline_pending_total, Decimal::ZERO);
    let after = item(&session, &reference).await;
    assert_eq!(after.balance, online.account.balance - pounds("41"));
    assert_eq!(after.next_action.code, "payment_returned");
    let top = &session.get_worklist().await.unwrap().items[0];
    assert_eq!(top.next_action.code, "payment_returned");

    // Forwarding again changes nothing: each result is applied once.
    let again = session.forward_card_payments().await.unwrap();
    assert_eq!((again.authorised_count, again.declined_count), (0, 0));
    assert_eq!(item(&session, &reference).await.balance, after.balance);

    // A phone call to the tenant takes it off the top.
    session
        .record_diary(&RecordDiaryRequest {
            payment_reference: reference.clone(),
            command_id: new_id(),
            code: "phone_call".into(),
            happened_on: doorstep_core::today(),
            note: "Told the tenant the card payment was declined".into(),
        })
        .await
        .unwrap();
    assert_ne!(
        item(&session, &reference).await.next_action.code,
        "payment_returned"
    );
    // Closed before the runtime ends: a pool dropped at exit can leave SQLCipher's worker
    // threads running while the process tears down.
    session.lock().await.unwrap();
}

#[tokio::test]
async fn caps_refuse_a_payment_over_the_limit_and_too_much_held_offline() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let reference = in_arrears(&session).await.payment_reference;
    let over = session
        .take_card_payment(&card(
            &reference,
            &new_id(),
            "1000.01",
            SimulatedCardOutcome::ApprovedOnline,
        ))
        .await
        .unwrap_err();
    assert_eq!(field_of(over), "amount");
    session
        .take_card_payment(&card(
            &reference,
            &new_id(),
            "1000.00",
            SimulatedCardOutcome::ApprovedOnline,
        ))
        .await
        .unwrap();
    for _ in 0..2 {
        session
            .take_card_payment(&card(
                &reference,
                &new_id(),
                "1000.00",
                SimulatedCardOutcome::ApprovedOffline,
            ))
            .await
            .unwrap();
    }
    // £2,000 held offline: £500 more fits under the £2,500 cap, a penny more does not.
    let refused = session
        .take_card_payment(&card(
            &reference,
            &new_id(),
            "500.01",
            SimulatedCardOutcome::ApprovedOffline,
        ))
        .await
        .unwrap_err();
    assert_eq!(field_of(refused), "amount");
    session
        .take_card_payment(&card(
            &reference,
            &new_id(),
            "500.00",
            SimulatedCardOutcome::ApprovedOffline,
        ))
        .await
        .unwrap();
    // Closed before the runtime ends: a pool dropped at exit can leave SQLCipher's worker
    // threads running while the process tears down.
    session.lock().await.unwrap();
}

#[tokio::test]
async fn a_returned_cheque_reverses_its_credit_once() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let account = in_arrears(&session).await;
    let reference = account.payment_reference.clone();
    let today = doorstep_core::today();
    let cheque = |number: &str, dated_on| RecordChequeRequest {
        command_id: new_id(),
        payment_reference: reference.clone(),
        cheque_number: number.into(),
        drawer: "J Smith".into(),
        amount: "60.00".into(),
        dated_on,
        received_on: today,
    };
    assert_eq!(
        field_of(
            session
                .record_cheque(&cheque("12345", today))
                .await
                .unwrap_err()
        ),
        "cheque_number"
    );
    assert_eq!(
        field_of(
            session
                .record_cheque(&cheque("100234", today + Duration::days(3)))
                .await
                .unwrap_err()
        ),
        "dated_on"
    );
    let detail = session
        .record_cheque(&cheque("100234", today))
        .await
        .unwrap();
    assert_eq!(detail.balance, account.balance - pounds("60"));
    let panel = session
        .get_visit_panel(&GetAccountRequest {
            payment_reference: reference.clone(),
        })
        .await
        .unwrap();
    let cheque_id = panel.cheques[0].cheque_id.clone();
    let returned = ChequeStatusRequest {
        command_id: new_id(),
        payment_reference: reference.clone(),
        cheque_id: cheque_id.clone(),
        status: "returned".into(),
        reason: "refer to drawer".into(),
    };
    let detail = session.set_cheque_status(&returned).await.unwrap();
    assert_eq!(detail.balance, account.balance);
    assert!(detail
        .diary
        .iter()
        .any(|line| line.code == "payment_returned" && line.note.contains("100234")));
    // The same command again is a retry; a new one is refused by the cheque's state.
    assert_eq!(
        session.set_cheque_status(&returned).await.unwrap().balance,
        account.balance
    );
    let again = ChequeStatusRequest {
        command_id: new_id(),
        ..returned
    };
    assert_eq!(
        field_of(session.set_cheque_status(&again).await.unwrap_err()),
        "status"
    );
    assert_eq!(
        item(&session, &reference).await.next_action.code,
        "payment_returned"
    );
    // Closed before the runtime ends: a pool dropped at exit can leave SQLCipher's worker
    // threads running while the process tears down.
    session.lock().await.unwrap();
}

#[tokio::test]
async fn a_check_in_goes_overdue_once_and_a_check_out_closes_it() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let reference = in_arrears(&session).await.payment_reference;
    let view = session
        .check_in(&CheckInRequest {
            command_id: new_id(),
            payment_reference: reference.clone(),
            expected_minutes: 30,
        })
        .await
        .unwrap();
    assert_eq!(view.open.len(), 1);
    assert_eq!(view.open[0].state, "on_site");
    let soon = session
        .get_lone_working_at(Utc::now() + Duration::minutes(25))
        .await
        .unwrap();
    assert_eq!(soon.open[0].state, "ending_soon");
    let before = session.unacknowledged_commands_count().await.unwrap();
    let late = session
        .get_lone_working_at(Utc::now() + Duration::minutes(31))
        .await
        .unwrap();
    assert_eq!(late.open[0].state, "overdue");
    session
        .get_lone_working_at(Utc::now() + Duration::minutes(40))
        .await
        .unwrap();
    let after = session.unacknowledged_commands_count().await.unwrap();
    assert_eq!(after, before + 1, "overdue is noticed once");
    let closed = session
        .check_out(&CheckOutRequest {
            command_id: new_id(),
            check_in_id: view.open[0].check_in_id.clone(),
        })
        .await
        .unwrap();
    assert!(closed.open.is_empty());
    // Closed before the runtime ends: a pool dropped at exit can leave SQLCipher's worker
    // threads running while the process tears down.
    session.lock().await.unwrap();
}

#[tokio::test]
async fn a_round_is_planned_in_route_order_and_warns_of_lone_working_flags() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let items = session.get_worklist().await.unwrap().items;
    let references: Vec<String> = items
        .iter()
        .take(12)
        .map(|item| item.payment_reference.clone())
        .collect();
    let round = session
        .plan_round(&PlanRoundRequest {
            visit_on: doorstep_core::today(),
            start_time: NaiveTime::from_hms_opt(9, 30, 0).unwrap(),
            visit_minutes: 20,
            travel_minutes: 10,
            payment_references: references.clone(),
            order: RoundOrder::Route,
        })
        .await
        .unwrap();
    assert_eq!(round.stops.len(), 12);
    assert_eq!(
        round.stops[0].appointment_time,
        NaiveTime::from_hms_opt(9, 30, 0).unwrap()
    );
    assert_eq!(
        round.stops[1].appointment_time,
        NaiveTime::from_hms_opt(10, 0, 0).unwrap()
    );
    let postcodes: Vec<&str> = round
        .stops
        .iter()
        .map(|stop| stop.postcode.as_str())
        .collect();
    let mut districts: Vec<&str> = postcodes
        .iter()
        .map(|postcode| postcode.split(' ').next().unwrap())
        .collect();
    districts.dedup();
    let mut unique = districts.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        districts.len(),
        unique.len(),
        "each district is visited in one go: {postcodes:?}"
    );
    let flagged = round
        .stops
        .iter()
        .filter(|stop| !stop.warnings.is_empty())
        .count();
    assert_eq!(round.warnings.is_empty(), flagged == 0);
    let again = session
        .get_round(&GetRoundRequest {
            visit_on: doorstep_core::today(),
        })
        .await
        .unwrap();
    assert_eq!(again, round);
    let sheet = session
        .produce_visit_document(&VisitDocumentRequest {
            payment_reference: String::new(),
            kind: "run_sheet".into(),
            id: None,
            visit_on: Some(doorstep_core::today()),
        })
        .await
        .unwrap();
    assert!(sheet.pages >= 1);
    // Closed before the runtime ends: a pool dropped at exit can leave SQLCipher's worker
    // threads running while the process tears down.
    session.lock().await.unwrap();
}

#[tokio::test]
async fn a_whole_visit_leaves_no_card_number_anywhere() {
    let folder = tempfile::tempdir().unwrap();
    let session = demo_session(&folder).await;
    let account = in_arrears(&session).await;
    let reference = account.payment_reference.clone();
    let today = doorstep_core::today();
    session
        .check_in(&CheckInRequest {
            command_id: new_id(),
            payment_reference: reference.clone(),
            expected_minutes: 45,
        })
        .await
        .unwrap();
    // A card number typed into a note is refused, and not repeated back.
    let refused = session
        .record_visit(&RecordVisitRequest {
            command_id: new_id(),
            payment_reference: reference.clone(),
            visited_on: today,
            outcome: "spoke_to_tenant".into(),
            spoke_to: String::new(),
            authority: None,
            note: "Card 4242 4242 4242 4242 exp 12/29".into(),
            promise_amount: String::new(),
            promise_on: None,
            next_steps: String::new(),
        })
        .await
        .unwrap_err();
    assert!(!format!("{refused:?}").contains("4242 4242"));
    let visit = session
        .record_visit(&RecordVisitRequest {
            command_id: new_id(),
            payment_reference: reference.clone(),
            visited_on: today,
            outcome: "spoke_to_someone_else".into(),
            spoke_to: "Ann Smith".into(),
            authority: Some("appointee".into()),
            note: "Benefit claim discussed".into(),
            promise_amount: "50.00".into(),
            promise_on: Some(today + Duration::days(7)),
            next_steps: "Check the claim next week".into(),
        })
        .await
        .unwrap();
    assert!(visit.diary[0].note.contains("Ann Smith (DWP appointee)"));
    assert!(visit.diary[0].note.contains("Promise to pay £50.00"));
    assert!(
        visit.next_action.label.contains("Paused"),
        "{:?}",
        visit.next_action
    );

    let line = |item: &str, amount: &str, frequency: &str| IncomeExpenditureLine {
        item: item.into(),
        amount: amount.into(),
        frequency: frequency.into(),
    };
    let mut assessment = IncomeExpenditureRequest {
        command_id: new_id(),
        payment_reference: reference.clone(),
        adults: 1,
        children: 0,
        lines: vec![
            line("client_salary_or_wages", "1400.00", "monthly"),
            line("rent", "98.50", "weekly"),
            line("council_tax", "120.00", "monthly"),
            line("groceries", "900.00", "monthly"),
        ],
        debts: vec![doorstep_api::IncomeExpenditureDebt {
            creditor: "Calderdale Council (council tax arrears)".into(),
            priority: true,
            owed: "340.00".into(),
            payment: "20.00".into(),
            frequency: "monthly".into(),
        }],
        explanations: Vec::new(),
        save: true,
    };
    let unexplained = session
        .assess_income_expenditure(&assessment)
        .await
        .unwrap_err();
    assert_eq!(field_of(unexplained), "explanations");
    assessment.explanations.push(CategoryExplanation {
        category: "food_and_housekeeping".into(),
        explanation: "Special diet on medical advice".into(),
    });
    let saved = session
        .assess_income_expenditure(&assessment)
        .await
        .unwrap();
    assert!(saved.assessment.assessment_id.is_some());
    assert!(saved
        .assessment
        .guideline_checks
        .iter()
        .any(|check| check.over));

    session
        .take_card_payment(&card(
            &reference,
            &new_id(),
            "50.00",
            SimulatedCardOutcome::ApprovedOnline,
        ))
        .await
        .unwrap();
    let check = session
        .check_bank_details(&CheckBankDetailsRequest {
            sort_code: "08-99-99".into(),
            account_number: "66374958".into(),
        })
        .await
        .unwrap();
    assert_eq!(check.verdict, "valid");
    let mandate = |account_number: &str| CreateMandateRequest {
        command_id: new_id(),
        payment_reference: reference.clone(),
        account_holder: "Ann Smith".into(),
        sort_code: "089999".into(),
        account_number: account_number.into(),
        frequency: "monthly".into(),
        amount: "426.83".into(),
        first_collection_on: today + Duration::days(20),
        covers: "rent".into(),
        holder_confirmed: true,
    };
    assert_eq!(
        field_of(
            session
                .create_mandate(&mandate("66374959"))
                .await
                .unwrap_err()
        ),
        "account_number"
    );
    session.create_mandate(&mandate("66374958")).await.unwrap();
    let panel = session
        .get_visit_panel(&GetAccountRequest {
            payment_reference: reference.clone(),
        })
        .await
        .unwrap();
    assert_eq!(panel.mandates[0].account_number, "****4958");
    assert!(!format!("{panel:?}").contains("66374958"));
    let receipt = session
        .produce_visit_document(&VisitDocumentRequest {
            payment_reference: reference.clone(),
            kind: "receipt".into(),
            id: Some(panel.card_payments[0].payment_id.clone()),
            visit_on: None,
        })
        .await
        .unwrap();
    assert!(std::path::Path::new(&receipt.path).exists());

    let verification = session.verify_records().await.unwrap();
    assert!(
        verification.problems.is_empty(),
        "{:?}",
        verification.problems
    );
    // Closed before the runtime ends: a pool dropped at exit can leave SQLCipher's worker
    // threads running while the process tears down.
    session.lock().await.unwrap();
}
