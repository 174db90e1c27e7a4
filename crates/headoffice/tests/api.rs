//! Head office over HTTP: every endpoint refuses a request without a token, with a token it
//! does not know and with a revoked device's; an officer reaches only their own accounts;
//! wrong enrolment codes are throttled; two instances serve one database as one.

mod common;

use common::{command, test_db};
use doorstep_headoffice::admin;
use doorstep_headoffice::running::RunningHeadOffice;
use doorstep_headoffice::Db;
use doorstep_sync::{
    AccountChange, CaseloadPage, EnrolRequest, EnrolResponse, ErrorBody, ErrorCode, Outcome,
    UploadRequest, UploadResponse,
};
use reqwest::{Client, Method, StatusCode};
use serde_json::json;

/// A plain-HTTP client (reqwest is built without a default TLS provider; these tests need
/// none, but it insists on one being chosen).
fn client() -> Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    Client::new()
}

/// A laptop enrolled over HTTP, as the app does it.
async fn enrolled(
    client: &Client,
    server: &RunningHeadOffice,
    db: &Db,
    officer: &str,
) -> (EnrolResponse, admin::OfficerRow) {
    let officer = match admin::find_officer(db, officer).await {
        Ok(found) => found,
        Err(_) => admin::create_officer(db, officer)
            .await
            .expect("an officer"),
    };
    let code = admin::issue_enrolment_code(db, &officer)
        .await
        .expect("a code");
    let response = client
        .post(format!("{}/v1/enrol", server.url()))
        .json(&EnrolRequest {
            code,
            device_name: "laptop".into(),
        })
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), StatusCode::OK);
    (response.json().await.expect("an enrolment"), officer)
}

async fn with_accounts(db: &Db) {
    common::import_examples(db).await;
}

fn references(db_examples: &[&str]) -> Vec<String> {
    db_examples.iter().map(|text| text.to_string()).collect()
}

/// The example accounts (tests/data/tenancies.csv).
async fn example_references(db: &Db) -> Vec<String> {
    sqlx::query_scalar("SELECT payment_reference FROM accounts ORDER BY payment_reference")
        .fetch_all(db.pool())
        .await
        .expect("the accounts")
}

async fn refusal(response: reqwest::Response) -> (StatusCode, ErrorCode, String) {
    let status = response.status();
    let body: ErrorBody = response.json().await.expect("an error body");
    (status, body.code, body.message)
}

/// Every endpoint that needs a device, with a request it would otherwise accept.
fn device_endpoints(account: &str) -> Vec<(Method, String, Option<serde_json::Value>)> {
    vec![
        (Method::GET, "/v1/device".into(), None),
        (Method::GET, "/v1/caseload?after=0&limit=10".into(), None),
        (Method::GET, format!("/v1/accounts/{account}"), None),
        (
            Method::POST,
            "/v1/commands".into(),
            Some(serde_json::to_value(UploadRequest { commands: vec![] }).expect("json")),
        ),
    ]
}

async fn call(
    client: &Client,
    server: &RunningHeadOffice,
    (method, path, body): &(Method, String, Option<serde_json::Value>),
    token: Option<&str>,
) -> reqwest::Response {
    let mut request = client.request(method.clone(), format!("{}{path}", server.url()));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    request.send().await.expect("an answer")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_refuses_no_token_an_unknown_token_and_a_revoked_device() {
    let db = test_db().await;
    with_accounts(&db).await;
    let server = RunningHeadOffice::start(db.db.clone(), None)
        .await
        .expect("serving");
    let client = client();
    let (laptop, officer) = enrolled(&client, &server, &db, "Sam Patel").await;
    let account = example_references(&db).await[0].clone();
    admin::assign(&db, &officer, std::slice::from_ref(&account))
        .await
        .expect("assigned");

    for endpoint in device_endpoints(&account) {
        let accepted = call(&client, &server, &endpoint, Some(&laptop.token)).await;
        assert_eq!(
            accepted.status(),
            StatusCode::OK,
            "{} {}",
            endpoint.0,
            endpoint.1
        );

        let (status, code, message) = refusal(call(&client, &server, &endpoint, None).await).await;
        assert_eq!(
            (status, code),
            (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorised),
            "{}",
            endpoint.1
        );
        assert!(message.contains("enrol"), "{message}");

        let (status, code, _) =
            refusal(call(&client, &server, &endpoint, Some("0123456789abcdef")).await).await;
        assert_eq!(
            (status, code),
            (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorised),
            "{}",
            endpoint.1
        );
    }

    admin::revoke_device(&db, &laptop.device_id.to_string())
        .await
        .expect("revoked");
    for endpoint in device_endpoints(&account) {
        let (status, code, _) =
            refusal(call(&client, &server, &endpoint, Some(&laptop.token)).await).await;
        assert_eq!(
            (status, code),
            (StatusCode::FORBIDDEN, ErrorCode::DeviceRevoked),
            "{}",
            endpoint.1
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_reaches_only_their_own_accounts() {
    let db = test_db().await;
    with_accounts(&db).await;
    let server = RunningHeadOffice::start(db.db.clone(), None)
        .await
        .expect("serving");
    let client = client();
    let (sams, sam) = enrolled(&client, &server, &db, "Sam Patel").await;
    let (_, jo) = enrolled(&client, &server, &db, "Jo Okafor").await;
    let accounts = example_references(&db).await;
    let (own, others) = (&accounts[0], &accounts[1]);
    admin::assign(&db, &sam, std::slice::from_ref(own))
        .await
        .expect("assigned");
    admin::assign(&db, &jo, std::slice::from_ref(others))
        .await
        .expect("assigned");

    let (status, code, _) = refusal(
        call(
            &client,
            &server,
            &(Method::GET, format!("/v1/accounts/{others}"), None),
            Some(&sams.token),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, code),
        (StatusCode::FORBIDDEN, ErrorCode::Forbidden)
    );
    // An account head office does not have reads the same: nothing is given away.
    let (status, code, _) = refusal(
        call(
            &client,
            &server,
            &(Method::GET, "/v1/accounts/999999999".into(), None),
            Some(&sams.token),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, code),
        (StatusCode::FORBIDDEN, ErrorCode::Forbidden)
    );

    let page: CaseloadPage = call(
        &client,
        &server,
        &(Method::GET, "/v1/caseload?after=0&limit=200".into(), None),
        Some(&sams.token),
    )
    .await
    .json()
    .await
    .expect("a page");
    let seen: Vec<String> = page
        .changes
        .iter()
        .map(|change| match change {
            AccountChange::Assigned(snapshot) => snapshot.payment_reference.clone(),
            AccountChange::Unassigned {
                payment_reference, ..
            } => payment_reference.clone(),
        })
        .collect();
    assert_eq!(seen, references(&[own]));

    // Writing to another officer's account is refused, in words, and goes no further.
    let upload = UploadRequest {
        commands: vec![command(
            1,
            1,
            "diary_recorded",
            json!({ "payment_reference": others, "note": "called" }),
        )],
    };
    let answer: UploadResponse = client
        .post(format!("{}/v1/commands", server.url()))
        .bearer_auth(&sams.token)
        .json(&upload)
        .send()
        .await
        .expect("an answer")
        .json()
        .await
        .expect("results");
    assert_eq!(
        answer.results[0].outcome,
        Outcome::Rejected {
            reason: format!("account {others} is not assigned to you")
        }
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_enrolment_codes_are_throttled_and_a_code_works_once() {
    let db = test_db().await;
    let server = RunningHeadOffice::start(db.db.clone(), None)
        .await
        .expect("serving");
    let client = client();
    let officer = admin::create_officer(&db, "Sam Patel")
        .await
        .expect("an officer");
    let code = admin::issue_enrolment_code(&db, &officer)
        .await
        .expect("a code");
    let attempt = |code: String| {
        client
            .post(format!("{}/v1/enrol", server.url()))
            .json(&EnrolRequest {
                code,
                device_name: "laptop".into(),
            })
            .send()
    };

    let first = attempt(code.to_lowercase().replace('-', " "))
        .await
        .expect("an answer");
    assert_eq!(
        first.status(),
        StatusCode::OK,
        "typed loosely, the code still works"
    );
    let (status, _, message) = refusal(attempt(code.clone()).await.expect("an answer")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(message.contains("already been used"), "{message}");

    for _ in 0..doorstep_headoffice::enrol::FAILURES_ALLOWED - 1 {
        let (status, code, _) =
            refusal(attempt("AAAA-BBBB-CCCC".into()).await.expect("an answer")).await;
        assert_eq!(
            (status, code),
            (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorised)
        );
    }
    // Even the right code waits now: guessing is what is being slowed down.
    let fresh = admin::issue_enrolment_code(&db, &officer)
        .await
        .expect("a code");
    let (status, code, message) = refusal(attempt(fresh).await.expect("an answer")).await;
    assert_eq!(
        (status, code),
        (StatusCode::TOO_MANY_REQUESTS, ErrorCode::Throttled)
    );
    assert!(message.contains("wait"), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_database_apply_each_command_once() {
    let db = test_db().await;
    with_accounts(&db).await;
    // Each instance with its own pool, as two processes behind a load balancer would be.
    let url = match std::env::var(doorstep_headoffice::running::TEST_POSTGRES_VARIABLE) {
        Ok(_) => None,
        Err(_) => Some(doorstep_headoffice::running::sqlite_url(db.folder())),
    };
    let second_db = match &url {
        Some(url) => Db::connect(url).await.expect("a second pool"),
        None => db.db.clone(),
    };
    let first = RunningHeadOffice::start(db.db.clone(), None)
        .await
        .expect("serving");
    let second = RunningHeadOffice::start(second_db, None)
        .await
        .expect("serving");
    let client = client();
    let (laptop, officer) = enrolled(&client, &first, &db, "Sam Patel").await;
    let accounts = example_references(&db).await;
    admin::assign(&db, &officer, &accounts)
        .await
        .expect("assigned");

    let payments: Vec<_> = (0..40i64)
        .map(|number| {
            let id = uuid::Uuid::now_v7();
            doorstep_sync::CommandEnvelope {
                command_id: id,
                sequence: number + 1,
                kind: "payment_recorded".into(),
                payload: json!({
                    // The first two example tenancies are live (the third ended).
                    "payment_reference": accounts[usize::try_from(number % 2).unwrap_or(0)],
                    "ledger_entries": [{
                        "id": id.to_string(),
                        "posted_on": "2026-11-20",
                        "kind": "payment",
                        "detail": "card",
                        "amount_pence": -(100 + number),
                        "description": "Card",
                        "reverses_entry_id": null,
                    }],
                }),
                created_at: chrono::Utc::now(),
            }
        })
        .collect();
    // The same batches sent to both instances at once, as a retry through a load balancer can.
    let mut answers = Vec::new();
    for batch in payments.chunks(10) {
        let upload = UploadRequest {
            commands: batch.to_vec(),
        };
        let send = |server: &RunningHeadOffice| {
            client
                .post(format!("{}/v1/commands", server.url()))
                .bearer_auth(&laptop.token)
                .json(&upload)
                .send()
        };
        let (one, two) = tokio::join!(send(&first), send(&second));
        let one: UploadResponse = one.expect("an answer").json().await.expect("results");
        let two: UploadResponse = two.expect("an answer").json().await.expect("results");
        assert_eq!(one, two, "both instances give the one answer");
        answers.extend(one.results);
    }
    let refused: Vec<_> = answers
        .iter()
        .filter(|result| !matches!(result.outcome, Outcome::Applied { .. }))
        .collect();
    assert!(refused.is_empty(), "{refused:?}");
    let posted: i64 =
        sqlx::query_scalar("SELECT count(*) FROM ledger_entries WHERE source = 'device'")
            .fetch_one(db.pool())
            .await
            .expect("a count");
    assert_eq!(posted, 40);

    // Pages fetched alternately from the two instances add up to the whole caseload.
    let mut cursor = 0;
    let mut seen = std::collections::BTreeSet::new();
    for turn in 0.. {
        let server = if turn % 2 == 0 { &first } else { &second };
        let page: CaseloadPage = client
            .get(format!(
                "{}/v1/caseload?after={cursor}&limit=1",
                server.url()
            ))
            .bearer_auth(&laptop.token)
            .send()
            .await
            .expect("an answer")
            .json()
            .await
            .expect("a page");
        for change in &page.changes {
            if let AccountChange::Assigned(snapshot) = change {
                seen.insert(snapshot.payment_reference.clone());
            }
        }
        cursor = page.cursor;
        if page.remaining == 0 {
            break;
        }
    }
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), accounts);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_laptops_changing_the_same_person_is_held_for_a_person_to_decide() {
    let db = test_db().await;
    with_accounts(&db).await;
    let (officer, first_laptop) = common::field_officer(&db, "Sam Patel").await;
    let code = admin::issue_enrolment_code(&db, &officer)
        .await
        .expect("a code");
    let second = doorstep_headoffice::enrol::enrol(
        &db,
        "test",
        &EnrolRequest {
            code,
            device_name: "second laptop".into(),
        },
    )
    .await
    .expect("enrolled");
    let second_laptop = doorstep_headoffice::auth::device_for_token(&db, &second.token)
        .await
        .expect("a device");
    let account = example_references(&db).await[0].clone();
    admin::assign(&db, &officer, std::slice::from_ref(&account))
        .await
        .expect("assigned");
    let person = uuid::Uuid::now_v7().to_string();
    let change = |id: u128, phone: &str| {
        command(
            id,
            1,
            "representative_recorded",
            json!({ "payment_reference": account, "person_id": person, "name": "Ada Brown", "kind": "appointee", "phone": phone }),
        )
    };
    let first =
        doorstep_headoffice::intake::apply_batch(&db, &first_laptop, &[change(1, "0113 496 0000")])
            .await
            .expect("answered");
    assert!(matches!(first[0].outcome, Outcome::Applied { .. }));
    let second = doorstep_headoffice::intake::apply_batch(
        &db,
        &second_laptop,
        &[change(2, "0113 496 0999")],
    )
    .await
    .expect("answered");
    match &second[0].outcome {
        Outcome::Held { reason } => assert!(
            reason.contains("Ada Brown") && reason.contains("another device"),
            "{reason}"
        ),
        other => panic!("expected a hold, got {other:?}"),
    }
    let conflicts: Vec<String> = sqlx::query_scalar("SELECT conflict FROM conflicts")
        .fetch_all(db.pool())
        .await
        .expect("conflicts");
    assert_eq!(conflicts, vec!["contact_changed_twice".to_string()]);
    // Head office's own list of what needs a person shows it, with the conflict.
    let attention = admin::needs_attention(&db).await.expect("the list");
    assert_eq!(attention.len(), 1);
    assert_eq!(attention[0].outcome, "held");
    assert_eq!(
        attention[0].conflict.as_deref(),
        Some("contact_changed_twice")
    );
    assert_eq!(
        attention[0].payment_reference.as_deref(),
        Some(account.as_str())
    );
}
