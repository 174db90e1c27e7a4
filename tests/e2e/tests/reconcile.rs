//! An officer sets up an empty laptop, enrols it with head office from the Head office screen
//! (a wrong code first, refused against its field), fetches the caseload, records a payment on
//! an account and sends it back; head office's HMS export then carries that payment. Then head
//! office gives the account to another officer while a second payment waits on the laptop: that
//! one is held, and shows under "Needs attention" and among the reassigned accounts. Last, head
//! office revokes the laptop: the next sync erases it and the set-up screen says why.
//!
//! Head office is the real `doorstep-headoffice` binary over plain HTTP on 127.0.0.1, filled
//! with the demo patch for one officer (`HeadOfficeServer`).

use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context};
use chrono::{Days, Utc};
use doorstep_e2e::{
    wait_for, wait_for_text, Binaries, HeadOfficeServer, TauriDriver, PASSPHRASE, WAIT,
};
use fantoccini::{Client, Locator};

const OFFICER: &str = "Sam Patel";
const ACCOUNTS_COUNT: u32 = 40;
/// Odd pence, so the amount is easy to find in head office's export and nowhere else.
const PAYMENT_AMOUNT: &str = "12.37";
const PAYMENT_NOTE: &str = "Receipt 5150";
/// The payment recorded after head office gave the account away.
const HELD_AMOUNT: &str = "8.41";
const HELD_NOTE: &str = "Receipt 5151";
const OTHER_OFFICER: &str = "Alex Green";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_laptop_enrols_fetches_its_caseload_and_sends_a_payment_back() -> anyhow::Result<()>
{
    let binaries = Binaries::locate("debug")?;
    let mut head_office = HeadOfficeServer::start(&binaries, OFFICER, ACCOUNTS_COUNT)?;
    let code = head_office.issue_enrolment_code(OFFICER)?;
    let data_dir = tempfile::tempdir()?;
    let xdg = tempfile::tempdir()?;

    let driver = TauriDriver::start(data_dir.path(), xdg.path())?;
    let client = driver.connect(&binaries.desktop).await?;
    let outcome = drive(&client, &head_office, &code).await;
    // The Head office screen as the officer leaves it. WebKitWebDriver's screenshot can show
    // the frame before a fresh render under Xvfb (seen: "Loading…" after the table was in the
    // DOM), so the paint is given a moment first.
    tokio::time::sleep(Duration::from_millis(500)).await;
    if let Ok(png) = client.screenshot().await {
        let _ = std::fs::write(
            binaries.target_dir.join("e2e-reconcile-last-screen.png"),
            png,
        );
    }
    let outcome = match outcome {
        Ok(reference) => match sync_while_head_office_is_down(&client, &mut head_office).await {
            Ok(()) => revoke(&client, &head_office).await.map(|()| reference),
            Err(error) => Err(error),
        },
        Err(error) => Err(error),
    };
    if let Ok(png) = client.screenshot().await {
        let _ = std::fs::write(binaries.target_dir.join("e2e-revoked-last-screen.png"), png);
    }
    client.close().await.ok();
    let reference = outcome.with_context(|| format!("head office's log: {}", head_office.log()))?;
    let left: Vec<String> = std::fs::read_dir(data_dir.path())?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    ensure!(
        left.is_empty(),
        "the revoked laptop's data folder should be empty: {left:?}"
    );

    // Head office applied the payment and hands it to the HMS. The export is by the day head
    // office received it, in UTC; a day either side covers a test run across midnight.
    let today = Utc::now().date_naive();
    let from = today.checked_sub_days(Days::new(1)).context("a day back")?;
    let to = today.checked_add_days(Days::new(1)).context("a day on")?;
    let export = head_office.path("hms.csv");
    head_office.admin(&[
        "export-hms",
        "--from",
        &from.to_string(),
        "--to",
        &to.to_string(),
        "--out",
        &export.display().to_string(),
    ])?;
    let csv = std::fs::read_to_string(&export)?;
    let payment_rows: Vec<&str> = csv
        .lines()
        .filter(|line| line.contains(&reference) && line.contains(PAYMENT_AMOUNT))
        .collect();
    ensure!(
        !csv.contains(HELD_AMOUNT),
        "head office's HMS export should not carry the held payment:\n{csv}"
    );
    ensure!(
        payment_rows.len() == 1,
        "head office's HMS export should carry the payment of {PAYMENT_AMOUNT} on {reference} \
         once:\n{csv}"
    );
    Ok(())
}

/// Returns the payment reference of the account the payment was recorded on.
async fn drive(
    client: &Client,
    head_office: &HeadOfficeServer,
    code: &str,
) -> anyhow::Result<String> {
    // An empty laptop: set up with nothing in it.
    wait_for(client, "#passphrase")
        .await?
        .send_keys(PASSPHRASE)
        .await?;
    wait_for(client, "#passphrase-repeated")
        .await?
        .send_keys(PASSPHRASE)
        .await?;
    wait_for(client, "#start-empty").await?.click().await?;
    wait_for(client, "#nav-head-office").await?.click().await?;
    enrol(client, &head_office.url, code).await?;

    // The first sync fetches the whole caseload.
    let summary = sync(client).await?;
    ensure!(
        summary.contains(&format!("{ACCOUNTS_COUNT} new accounts")),
        "the first sync's summary: {summary:?}"
    );
    wait_for_text(client, "#unsent-count", |text| {
        text == "All sent to head office"
    })
    .await?;

    // The header counts the caseload at once, and the worklist now holds it.
    let caseload_count = format!("Caseload: {ACCOUNTS_COUNT} accounts");
    wait_for_text(client, "#caseload-count", |text| text == caseload_count).await?;
    wait_for(client, "#nav-worklist").await?.click().await?;
    wait_for_text(client, "#caseload-count", |text| text == caseload_count).await?;
    let row = wait_for(client, "#worklist tr.worklist-row").await?;
    let reference = row
        .attr("data-reference")
        .await?
        .context("a worklist row without its reference")?;
    row.find(Locator::Css(".open-account"))
        .await?
        .click()
        .await?;
    record_payment(client, PAYMENT_AMOUNT, PAYMENT_NOTE).await?;

    // Head office has not had it yet: the screen and the header say one record waits.
    wait_for(client, "#nav-head-office").await?.click().await?;
    wait_for_text(client, "#sync-unsent", |text| text == "1 record").await?;
    wait_for_text(client, "#unsent-count", |text| text == "1 record to send").await?;
    let summary = sync(client).await?;
    ensure!(
        summary.starts_with("Sent: 1 applied."),
        "the second sync's summary: {summary:?}"
    );
    wait_for_text(client, "#sync-unsent", |text| text == "Nothing").await?;
    wait_for_text(client, "#unsent-count", |text| {
        text == "All sent to head office"
    })
    .await?;
    wait_for(client, "#needs-attention-none").await?;
    wait_for_text(client, "#sync-last-sent", |text| text != "Never").await?;

    hold_a_payment_on_a_reassigned_account(client, head_office, &reference).await?;
    Ok(reference)
}

/// Head office gives the account to another officer; a payment recorded here meanwhile is held
/// for head office, and the account is listed as reassigned.
async fn hold_a_payment_on_a_reassigned_account(
    client: &Client,
    head_office: &HeadOfficeServer,
    reference: &str,
) -> anyhow::Result<()> {
    head_office.admin(&["create-officer", OTHER_OFFICER])?;
    head_office.admin(&["assign", OTHER_OFFICER, reference])?;
    wait_for(client, "#nav-worklist").await?.click().await?;
    wait_for(
        client,
        &format!("tr.worklist-row[data-reference=\"{reference}\"] .open-account"),
    )
    .await?
    .click()
    .await?;
    record_payment(client, HELD_AMOUNT, HELD_NOTE).await?;
    wait_for(client, "#nav-head-office").await?.click().await?;
    let summary = sync(client).await?;
    ensure!(
        summary.starts_with("Sent: 0 applied, 1 held for head office.")
            && summary.contains("1 account reassigned"),
        "the third sync's summary: {summary:?}"
    );
    let held_row = wait_for(
        client,
        "#needs-attention-table tr.attention-row[data-outcome=\"held\"]",
    )
    .await?;
    let held_text = held_row.text().await?;
    ensure!(
        held_text.contains(reference)
            && held_text.contains("Held by head office")
            && held_text.contains("reassigned"),
        "the held payment's row: {held_text:?}"
    );
    wait_for_text(client, "#reassigned li", |text| text.contains(reference)).await?;

    // The row's account opens the account page, and Back returns here.
    held_row
        .find(Locator::Css("a.account-link"))
        .await?
        .click()
        .await?;
    wait_for_text(client, "#account-balance", |text| !text.is_empty()).await?;
    wait_for_text(client, "#back", |text| text == "Back to head office").await?;
    wait_for(client, "#back").await?.click().await?;
    wait_for(client, "#needs-attention-table").await?;
    Ok(())
}

/// Head office cannot be reached: the sync says so in words, and that everything is kept.
async fn sync_while_head_office_is_down(
    client: &Client,
    head_office: &mut HeadOfficeServer,
) -> anyhow::Result<()> {
    head_office.stop()?;
    wait_for(client, "#sync-now").await?.click().await?;
    let error = wait_for_text(client, "#sync-error", |text| !text.is_empty()).await?;
    ensure!(
        error.contains("could not be reached")
            && error.contains("Everything recorded here is kept"),
        "the sync's error while head office is down: {error:?}"
    );
    save_screenshot(client, "e2e-sync-error-screen.png").await;
    head_office.serve_again()
}

/// Head office revokes the laptop; the officer's next sync erases the store and lands on the
/// set-up screen, which says why.
async fn revoke(client: &Client, head_office: &HeadOfficeServer) -> anyhow::Result<()> {
    let devices = head_office.admin(&["devices"])?;
    let device_id = devices
        .split_whitespace()
        .next()
        .with_context(|| format!("no device in {devices:?}"))?;
    head_office.admin(&["revoke-device", device_id])?;
    wait_for(client, "#sync-now").await?.click().await?;
    wait_for_text(client, "#set-up-notice", |text| {
        text.contains("revoked this laptop")
    })
    .await?;
    wait_for(client, "#start-empty").await?;
    Ok(())
}

async fn enrol(client: &Client, server_url: &str, code: &str) -> anyhow::Result<()> {
    wait_for(client, "#enrol-server-url")
        .await?
        .send_keys(server_url)
        .await?;
    wait_for(client, "#enrol-device-name")
        .await?
        .send_keys("Sam's laptop")
        .await?;

    // A code head office never issued is refused against the code's own input.
    let code_input = wait_for(client, "#enrol-code").await?;
    code_input.send_keys("WXYZ-WXYZ-WXYZ").await?;
    wait_for(client, "#enrol-submit").await?.click().await?;
    let refusal = wait_for_text(client, "#enrol-code-error", |text| !text.is_empty()).await?;
    ensure!(
        refusal.contains("enrolment code"),
        "the code's error should be about the code: {refusal:?}"
    );
    save_screenshot(client, "e2e-enrol-refused-screen.png").await;
    let described_by = code_input.attr("aria-describedby").await?;
    ensure!(
        described_by.as_deref() == Some("enrol-code-hint enrol-code-error"),
        "the code input should be described by its hint and its error: {described_by:?}"
    );
    ensure!(
        client
            .find(Locator::Css("#enrol-server-url-error"))
            .await
            .is_err(),
        "a wrong code must not be blamed on the address"
    );

    code_input.clear().await?;
    code_input.send_keys(code).await?;
    wait_for(client, "#enrol-submit").await?.click().await?;
    wait_for_text(client, "#enrolment-officer", |text| text == OFFICER).await?;
    wait_for_text(client, "#enrolment-server", |text| text == server_url).await?;
    wait_for_text(client, "#enrolment-check", |text| {
        text.contains("matches what head office printed")
    })
    .await?;
    // Plain HTTP on this machine has no certificate, and the screen says so.
    wait_for_text(client, "#enrolment-fingerprint", |text| {
        text.starts_with("None")
    })
    .await?;
    Ok(())
}

/// Presses Sync now and returns the summary in words once this sync has finished (told from
/// the last one by the time it finished). Progress words seen on the way are printed: with 40
/// accounts the sync may end before the first poll, so they are not required.
async fn sync(client: &Client) -> anyhow::Result<String> {
    let finished_at = |client: &Client| {
        let client = client.clone();
        async move {
            match client.find(Locator::Css("#sync-summary")).await {
                Ok(summary) => summary.attr("data-finished-at").await.ok().flatten(),
                Err(_) => None,
            }
        }
    };
    let before = finished_at(client).await;
    wait_for(client, "#sync-now").await?.click().await?;
    let deadline = Instant::now() + WAIT;
    let mut progress_seen = Vec::new();
    loop {
        if let Ok(error) = client.find(Locator::Css("#sync-error")).await {
            bail!("the sync failed: {}", error.text().await?);
        }
        if let Ok(progress) = client.find(Locator::Css("#sync-progress-text")).await {
            if let Ok(text) = progress.text().await {
                if progress_seen.last() != Some(&text) {
                    progress_seen.push(text);
                }
            }
        }
        let now = finished_at(client).await;
        if now.is_some() && now != before {
            eprintln!("progress seen: {progress_seen:?}");
            return Ok(wait_for(client, "#sync-summary-text").await?.text().await?);
        }
        ensure!(Instant::now() < deadline, "the sync never finished");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn record_payment(client: &Client, amount: &str, note: &str) -> anyhow::Result<()> {
    wait_for_text(client, "#account-balance", |text| !text.is_empty()).await?;
    wait_for(client, "#record-payment").await?.click().await?;
    let method = wait_for(client, "#payment-method").await?;
    method
        .find(Locator::Css("option[value=\"cash_office\"]"))
        .await?
        .click()
        .await?;
    wait_for(client, "#payment-amount")
        .await?
        .send_keys(amount)
        .await?;
    wait_for(client, "#payment-note")
        .await?
        .send_keys(note)
        .await?;
    wait_for(client, "#payment-submit").await?.click().await?;
    let deadline = Instant::now() + WAIT;
    loop {
        let rows = client
            .find_all(Locator::Css("#transactions tbody tr"))
            .await?;
        for row in &rows {
            if row.text().await?.contains(note) {
                return Ok(());
            }
        }
        if let Ok(error) = client.find(Locator::Css(".form-error")).await {
            bail!("the payment was refused: {}", error.text().await?);
        }
        ensure!(
            Instant::now() < deadline,
            "the payment never showed among the transactions"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A picture of a state worth looking at, beside the other tests' screenshots. Best effort: a
/// screenshot is for people reading the run, not part of what is checked.
async fn save_screenshot(client: &Client, name: &str) {
    // WebKitWebDriver's screenshot can lag a fresh render under Xvfb.
    tokio::time::sleep(Duration::from_millis(300)).await;
    if let (Ok(png), Ok(binaries)) = (client.screenshot().await, Binaries::locate("debug")) {
        let _ = std::fs::write(binaries.target_dir.join(name), png);
    }
}
