//! Head office killed outright (SIGKILL) while it applies an upload, then started again on
//! the same database: the laptop sends the same batch again and every payment is on the
//! ledger exactly once — whether the killed transaction had committed or not.

mod common;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::test_db;
use doorstep_headoffice::admin;
use doorstep_sync::{
    CommandEnvelope, EnrolRequest, EnrolResponse, Outcome, UploadRequest, UploadResponse,
};
use rand::{Rng, SeedableRng};
use serde_json::json;

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

async fn serve(database: &str, port: u16) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_doorstep-headoffice"))
        .args(["--database", database, "serve", "--plain-http", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start head office");
    // Owned by `Server` from here, so it is killed and waited for however this ends.
    let server = Server {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return server;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("head office did not start on {}", server.url);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_head_office_applies_a_resent_batch_exactly_once() {
    let db = test_db().await;
    common::import_examples(&db).await;
    let officer = admin::create_officer(&db, "Sam Patel")
        .await
        .expect("an officer");
    let accounts: Vec<String> =
        sqlx::query_scalar("SELECT payment_reference FROM accounts WHERE tenancy_end_date IS NULL")
            .fetch_all(db.pool())
            .await
            .expect("accounts");
    admin::assign(&db, &officer, &accounts)
        .await
        .expect("assigned");
    let database = db.db.url().to_string();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::new();
    let port = free_port();

    let server = serve(&database, port).await;
    let laptop: EnrolResponse = client
        .post(format!("{}/v1/enrol", server.url))
        .json(&EnrolRequest {
            code: admin::issue_enrolment_code(&db, &officer)
                .await
                .expect("a code"),
            device_name: "laptop".into(),
        })
        .send()
        .await
        .expect("an answer")
        .json()
        .await
        .expect("enrolled");
    drop(server);

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(6);
    let mut sequence = 0;
    let mut sent = Vec::new();
    for round in 0..8 {
        let batch: Vec<CommandEnvelope> = (0..doorstep_sync::UPLOAD_BATCH_MAX)
            .map(|index| {
                sequence += 1;
                let id = uuid::Uuid::now_v7();
                sent.push(id.to_string());
                CommandEnvelope {
                    command_id: id,
                    sequence,
                    kind: "payment_recorded".into(),
                    payload: json!({
                        "payment_reference": accounts[index % accounts.len()],
                        "ledger_entries": [{
                            "id": id.to_string(), "posted_on": "2026-11-20", "kind": "payment",
                            "detail": "cheque", "amount_pence": -(1 + i64::from(round)),
                            "description": "Cheque", "reverses_entry_id": null,
                        }],
                    }),
                    created_at: chrono::Utc::now(),
                }
            })
            .collect();
        let upload = UploadRequest { commands: batch };
        let mut server = serve(&database, port).await;
        let request = client
            .post(format!("{}/v1/commands", server.url))
            .bearer_auth(&laptop.token)
            .json(&upload)
            .send();
        let kill_after = Duration::from_millis(rng.gen_range(0..120));
        let (killed, _) = tokio::join!(request, async {
            tokio::time::sleep(kill_after).await;
            let _ = server.child.kill();
            let _ = server.child.wait();
        });
        drop(server);
        // Whatever happened, the laptop has no answer it trusts for some or all of the batch:
        // it sends the whole batch again to a restarted head office.
        let server = serve(&database, port).await;
        let answer: UploadResponse = client
            .post(format!("{}/v1/commands", server.url))
            .bearer_auth(&laptop.token)
            .json(&upload)
            .send()
            .await
            .expect("an answer after the restart")
            .json()
            .await
            .expect("results");
        assert!(
            answer
                .results
                .iter()
                .all(|result| matches!(result.outcome, Outcome::Applied { .. })),
            "round {round}: killed after {kill_after:?} ({})",
            if killed.is_ok() {
                "answered first"
            } else {
                "cut off"
            }
        );
    }
    let posted: Vec<String> =
        sqlx::query_scalar("SELECT id FROM ledger_entries WHERE source = 'device' ORDER BY id")
            .fetch_all(db.pool())
            .await
            .expect("the ledger");
    sent.sort();
    assert_eq!(posted, sent, "every payment once, none lost");
}
