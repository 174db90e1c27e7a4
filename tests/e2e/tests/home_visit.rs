//! A whole home visit in the real app: plan the round from the worklist, check in, complete the
//! income and expenditure, turn its proposal into an arrangement, take a card payment on the
//! training terminal, produce the receipt, check out; then the account, the diary and the
//! worklist all show it, and the store holds nothing shaped like a card number.

use anyhow::{ensure, Context};
use doorstep_e2e::{cli, cli_json, wait_for, wait_for_text, Binaries, TauriDriver, PASSPHRASE};
use fantoccini::{Client, Locator};
use rust_decimal::Decimal;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_home_visit_through_the_app() -> anyhow::Result<()> {
    let binaries = Binaries::locate("debug")?;
    let data_dir = tempfile::tempdir()?;
    let xdg = tempfile::tempdir()?;
    cli(
        &binaries,
        data_dir.path(),
        &["demo", "--seed", "11", "--accounts", "60"],
    )?;
    let worklist = cli_json(&binaries, data_dir.path(), &["worklist", "--json"])?;
    // In arrears, with no arrangement and nothing blocking: the visit can agree one.
    let chosen = worklist["items"]
        .as_array()
        .context("no worklist items")?
        .iter()
        .find(|item| {
            let balance: Decimal = item["balance"]
                .as_str()
                .unwrap_or("0")
                .parse()
                .unwrap_or_default();
            balance > Decimal::from(200)
                && !["wait", "blocked", "arrangement_broken", "nothing"]
                    .contains(&item["next_action"]["code"].as_str().unwrap_or(""))
        })
        .context("the demo has an account in arrears with a step due")?;
    let reference = chosen["payment_reference"]
        .as_str()
        .context("no reference")?
        .to_string();
    let balance_before: Decimal = chosen["balance"].as_str().context("no balance")?.parse()?;

    let log_path = xdg.path().join("app.log");
    let driver = TauriDriver::start_with_log(data_dir.path(), xdg.path(), Some(&log_path))?;
    let client = driver.connect(&binaries.desktop).await?;
    let outcome = drive(&client, &reference).await;
    if let Ok(png) = client.screenshot().await {
        let _ = std::fs::write(binaries.target_dir.join("e2e-visit-last-screen.png"), png);
    }
    client.close().await.ok();
    drop(driver);
    // What the app wrote while the visit went on: shown, and searched for card numbers.
    let log = std::fs::read_to_string(&log_path).unwrap_or_default();
    eprint!("{log}");
    ensure!(
        doorstep_domain::card_payment::card_number_shaped(&log).is_none(),
        "the app's log holds something shaped like a card number"
    );
    let receipt_path = outcome?;
    ensure!(
        std::path::Path::new(&receipt_path).exists(),
        "the receipt was not written to {receipt_path}"
    );

    // The core holds what the screen showed: the payment, the arrangement, the diary.
    let account = cli_json(
        &binaries,
        data_dir.path(),
        &["account", &reference, "--json"],
    )?;
    let balance_after: Decimal = account["balance"].as_str().context("no balance")?.parse()?;
    ensure!(
        balance_after == balance_before - Decimal::from(25),
        "balance {balance_before} became {balance_after}"
    );
    ensure!(
        account["arrangements"][0]["state"] == "Live",
        "the store's arrangements: {}",
        account["arrangements"]
    );
    let codes: Vec<&str> = account["diary"]
        .as_array()
        .context("no diary")?
        .iter()
        .filter_map(|line| line["code"].as_str())
        .collect();
    ensure!(
        codes.contains(&"income_expenditure"),
        "the diary has no assessment: {codes:?}"
    );
    let worklist = cli_json(&binaries, data_dir.path(), &["worklist", "--json"])?;
    let item = worklist["items"]
        .as_array()
        .context("no items")?
        .iter()
        .find(|item| item["payment_reference"] == reference.as_str())
        .context("the account left the worklist")?;
    ensure!(
        item["next_action"]["code"] == "wait",
        "after the arrangement the worklist says {}",
        item["next_action"]
    );
    let verification = cli(&binaries, data_dir.path(), &["verify-records"])?;
    ensure!(
        !verification.contains("card number"),
        "the store holds something shaped like a card number: {verification}"
    );
    Ok(())
}

async fn select(client: &Client, css: &str, value: &str) -> anyhow::Result<()> {
    wait_for(client, css)
        .await?
        .find(Locator::Css(&format!("option[value=\"{value}\"]")))
        .await?
        .click()
        .await?;
    Ok(())
}

async fn type_into(client: &Client, css: &str, text: &str) -> anyhow::Result<()> {
    let input = wait_for(client, css).await?;
    input.clear().await?;
    input.send_keys(text).await?;
    Ok(())
}

/// Drives the visit and answers the receipt's path.
async fn drive(client: &Client, reference: &str) -> anyhow::Result<String> {
    wait_for(client, "#passphrase")
        .await?
        .send_keys(PASSPHRASE)
        .await?;
    wait_for(client, "#unlock").await?.click().await?;

    // Plan the round from the worklist and open the account from it.
    wait_for(client, &format!("#round-pick-{reference}"))
        .await?
        .click()
        .await?;
    wait_for(client, "#plan-round").await?.click().await?;
    wait_for(client, ".round-stop").await?;
    wait_for(client, &format!("#round-open-{reference}"))
        .await?
        .click()
        .await?;
    wait_for_text(client, "#account-balance", |text| !text.is_empty()).await?;

    // Check in.
    wait_for(client, "#check-in").await?.click().await?;
    wait_for(client, "#check-in-submit").await?.click().await?;
    wait_for_text(client, "#lone-working", |text| text.contains("Checked in")).await?;

    // Income and expenditure: worked out, saved, and its proposal made the arrangement.
    wait_for(client, "#income-expenditure")
        .await?
        .click()
        .await?;
    type_into(client, "#iande-amount-client_salary_or_wages", "1400.00").await?;
    type_into(client, "#iande-amount-rent", "98.50").await?;
    select(client, "#iande-frequency-rent", "weekly").await?;
    type_into(client, "#iande-amount-council_tax", "120.00").await?;
    type_into(client, "#iande-amount-groceries", "210.00").await?;
    type_into(client, "#iande-debt-creditor-0", "Council tax arrears").await?;
    wait_for(client, "#iande-debt-priority-0")
        .await?
        .click()
        .await?;
    type_into(client, "#iande-debt-payment-0", "20.00").await?;
    wait_for(client, "#iande-assess").await?.click().await?;
    wait_for_text(client, "#iande-disposable", |text| text.contains('£')).await?;
    wait_for_text(client, "#iande-debts", |text| text.contains("£20.00")).await?;
    wait_for(client, "#iande-save").await?.click().await?;
    wait_for_text(client, "#iande-result", |text| text.contains("Saved")).await?;
    wait_for(client, "#iande-make-arrangement")
        .await?
        .click()
        .await?;
    wait_for(client, "#arrangement-submit")
        .await?
        .click()
        .await?;
    wait_for(client, "#arrangements .arrangement[data-state=\"Live\"]").await?;

    // A card payment on the training terminal, and its receipt.
    wait_for(client, "#take-card-payment")
        .await?
        .click()
        .await?;
    wait_for_text(client, "#terminal-status", |text| {
        text.contains("SIMULATED")
    })
    .await?;
    type_into(client, "#card-amount", "25.00").await?;
    select(client, "#card-simulated-outcome", "approved_online").await?;
    wait_for(client, "#card-submit").await?.click().await?;
    wait_for_text(client, "#card-result", |text| text.contains("Authorised")).await?;
    wait_for(client, "#card-receipt").await?.click().await?;
    let saved = wait_for_text(client, "#card-receipt-result", |text| {
        text.contains("Saved to")
    })
    .await?;
    let path = saved
        .split("Saved to")
        .nth(1)
        .map(|rest| rest.trim().trim_end_matches('.').to_string())
        .context("no path")?;

    // Check out.
    wait_for(client, "#check-out").await?.click().await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !client
        .find_all(Locator::Css("#lone-working"))
        .await?
        .is_empty()
    {
        ensure!(
            std::time::Instant::now() < deadline,
            "the lone-working banner stayed after checking out"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Ok(path)
}
