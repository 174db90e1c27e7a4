//! An officer records a payment on the account page and sees the balance, the arrears in weeks
//! and the next action change at once, on the page and back on the worklist.
//!
//! The expected "before" figures come from the `doorstep` CLI over the same store (the core);
//! the "after" figures follow from paying the whole balance: nothing owed, no action.

use anyhow::{ensure, Context};
use doorstep_domain::arrears::format_money;
use doorstep_e2e::{
    account_with_a_step_due, cli, cli_json, wait_for, wait_for_text, Binaries, TauriDriver,
    PASSPHRASE,
};
use fantoccini::{Client, Locator};
use rust_decimal::Decimal;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recording_a_payment_changes_the_balance_weeks_and_next_action() -> anyhow::Result<()> {
    let binaries = Binaries::locate("debug")?;
    let data_dir = tempfile::tempdir()?;
    let xdg = tempfile::tempdir()?;
    cli(
        &binaries,
        data_dir.path(),
        &["demo", "--seed", "7", "--accounts", "80"],
    )?;
    let worklist = cli_json(&binaries, data_dir.path(), &["worklist", "--json"])?;
    let item = account_with_a_step_due(&worklist)?;
    let reference = item["payment_reference"].as_str().context("no reference")?;
    let label_before = item["next_action"]["label"].as_str().context("no label")?;
    let balance: Decimal = item["balance"].as_str().context("no balance")?.parse()?;

    let driver = TauriDriver::start(data_dir.path(), xdg.path())?;
    let client = driver.connect(&binaries.desktop).await?;
    let outcome = drive(&client, reference, label_before, balance).await;
    if let Ok(png) = client.screenshot().await {
        let _ = std::fs::write(binaries.target_dir.join("e2e-payment-last-screen.png"), png);
    }
    client.close().await.ok();
    outcome?;

    // The payment is in the store, once, and the chain still holds.
    let after = cli_json(
        &binaries,
        data_dir.path(),
        &["account", reference, "--json"],
    )?;
    ensure!(
        after["balance"].as_str() == Some("0.00"),
        "the store's balance after paying it all: {}",
        after["balance"]
    );
    Ok(())
}

async fn drive(
    client: &Client,
    reference: &str,
    label_before: &str,
    balance: Decimal,
) -> anyhow::Result<()> {
    wait_for(client, "#passphrase")
        .await?
        .send_keys(PASSPHRASE)
        .await?;
    wait_for(client, "#unlock").await?.click().await?;

    // The worklist is the home screen and shows the core's next action for the account.
    let row_css = format!("tr.worklist-row[data-reference=\"{reference}\"]");
    let action_css = format!("{row_css} .next-action");
    let shown = wait_for_text(client, &action_css, |text| !text.is_empty()).await?;
    ensure!(
        shown == label_before,
        "worklist shows {shown:?}, the core says {label_before:?}"
    );
    wait_for(client, &format!("{row_css} .open-account"))
        .await?
        .click()
        .await?;
    let shown_balance = wait_for_text(client, "#account-balance", |text| !text.is_empty()).await?;
    ensure!(
        shown_balance == format_money(balance),
        "the page shows {shown_balance:?} before the payment, the core {}",
        format_money(balance)
    );
    let weeks_before = wait_for_text(client, "#arrears-weeks", |text| !text.is_empty()).await?;

    // Pay the whole balance at the door.
    wait_for(client, "#record-payment").await?.click().await?;
    let method = wait_for(client, "#payment-method").await?;
    method
        .find(Locator::Css("option[value=\"cash_office\"]"))
        .await?
        .click()
        .await?;
    wait_for(client, "#payment-amount")
        .await?
        .send_keys(&balance.to_string())
        .await?;
    wait_for(client, "#payment-note")
        .await?
        .send_keys("Receipt 4471")
        .await?;
    wait_for(client, "#payment-submit").await?.click().await?;

    wait_for_text(client, "#account-balance", |text| text == "£0.00").await?;
    let weeks_after = wait_for_text(client, "#arrears-weeks", |text| text != weeks_before).await?;
    ensure!(
        weeks_after.contains("0.0"),
        "arrears in weeks after paying everything: {weeks_after:?}"
    );
    wait_for_text(client, "#next-action", |text| text.contains("No action")).await?;
    let transactions = client
        .find_all(Locator::Css("#transactions tbody tr"))
        .await?;
    let mut found = false;
    for row in &transactions {
        if row.text().await?.contains("Receipt 4471") {
            found = true;
        }
    }
    ensure!(found, "the payment is not among the transactions");

    // Back on the worklist, the account's action has changed without a reload.
    wait_for(client, "#nav-worklist").await?.click().await?;
    wait_for_text(client, &action_css, |text| text == "No action").await?;

    // The team leader's export of the policy is written where the officer is told.
    wait_for(client, "#nav-policy").await?.click().await?;
    wait_for(client, "#policy-export").await?.click().await?;
    let exported = wait_for_text(client, "#policy-exported", |text| !text.is_empty()).await?;
    let path = exported
        .strip_prefix("Saved the policy in force to ")
        .context(format!("unexpected export message {exported:?}"))?;
    let json = std::fs::read_to_string(path)?;
    ensure!(json.contains("\"letter_1\""), "the exported policy: {json}");
    Ok(())
}
