//! Benefit work in the real app: from the account page the officer records the tenant's
//! Universal Credit claim, sees the account is eligible for a managed payment, records the
//! request made on the DWP's portal five weeks ago, and finds it on the worklist to chase.

use anyhow::{ensure, Context};
use doorstep_e2e::{cli, cli_json, wait_for, wait_for_text, Binaries, TauriDriver, PASSPHRASE};
use fantoccini::{Client, Locator};
use rust_decimal::Decimal;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_overdue_managed_payment_request_is_on_the_worklist() -> anyhow::Result<()> {
    let binaries = Binaries::locate("debug")?;
    let data_dir = tempfile::tempdir()?;
    let xdg = tempfile::tempdir()?;
    cli(
        &binaries,
        data_dir.path(),
        &["demo", "--seed", "5", "--accounts", "80"],
    )?;
    let reference = account_two_months_in_arrears(&binaries, data_dir.path())?;
    let requested_on = (chrono::Local::now().date_naive() - chrono::Days::new(35)).to_string();

    let driver = TauriDriver::start(data_dir.path(), xdg.path())?;
    let client = driver.connect(&binaries.desktop).await?;
    let outcome = drive(&client, &reference, &requested_on).await;
    if let Ok(png) = client.screenshot().await {
        let _ = std::fs::write(
            binaries.target_dir.join("e2e-benefits-last-screen.png"),
            png,
        );
    }
    client.close().await.ok();
    drop(driver);
    outcome?;

    // The core agrees: the worklist row says to chase the DWP.
    let worklist = cli_json(&binaries, data_dir.path(), &["worklist", "--json"])?;
    let item = worklist["items"]
        .as_array()
        .context("no items")?
        .iter()
        .find(|item| item["payment_reference"] == reference.as_str())
        .context("the account left the worklist")?;
    ensure!(
        item["next_action"]["code"] == "chase_benefit",
        "the worklist says {}",
        item["next_action"]
    );
    Ok(())
}

/// An account more than two months' rent in arrears (by its weekly charge), not at court.
fn account_two_months_in_arrears(
    binaries: &Binaries,
    data_dir: &std::path::Path,
) -> anyhow::Result<String> {
    let worklist = cli_json(binaries, data_dir, &["worklist", "--json"])?;
    let item = worklist["items"]
        .as_array()
        .context("no items")?
        .iter()
        .find(|item| {
            let weeks: Decimal = item["arrears_weeks"]
                .as_str()
                .unwrap_or("0")
                .parse()
                .unwrap_or_default();
            let code = item["next_action"]["code"].as_str().unwrap_or("");
            weeks > Decimal::from(10) && !["warrant", "blocked", "payment_returned"].contains(&code)
        })
        .context("the demo has an account over two months in arrears")?;
    Ok(item["payment_reference"]
        .as_str()
        .context("no reference")?
        .to_string())
}

async fn set_value(client: &Client, css: &str, value: &str) -> anyhow::Result<()> {
    wait_for(client, css).await?;
    client
        .execute(
            "const input = document.querySelector(arguments[0]); input.value = arguments[1]; \
             input.dispatchEvent(new Event('input', { bubbles: true })); \
             input.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![css.into(), value.into()],
        )
        .await?;
    Ok(())
}

async fn select(client: &Client, css: &str, value: &str) -> anyhow::Result<()> {
    wait_for(client, &format!("{css} option[value=\"{value}\"]"))
        .await?
        .click()
        .await?;
    Ok(())
}

async fn drive(client: &Client, reference: &str, requested_on: &str) -> anyhow::Result<()> {
    wait_for(client, "#passphrase")
        .await?
        .send_keys(PASSPHRASE)
        .await?;
    wait_for(client, "#unlock").await?.click().await?;
    wait_for(client, "tr.worklist-row").await?;
    wait_for(client, "#nav-caseload").await?.click().await?;
    wait_for(client, "#search")
        .await?
        .send_keys(reference)
        .await?;
    wait_for(client, &format!("#account-{reference}"))
        .await?
        .find(Locator::Css(".open-account"))
        .await?
        .click()
        .await?;
    wait_for_text(client, "#account-balance", |text| !text.is_empty()).await?;
    wait_for(client, "#open-benefits").await?.click().await?;
    wait_for(client, "#benefits-heading").await?;

    // The Universal Credit claim as the tenant reported it.
    select(client, "#uc-household", "single_25_or_over").await?;
    set_value(client, "#uc-assessment-day", "3").await?;
    set_value(client, "#uc-payment-day", "10").await?;
    set_value(client, "#uc-housing-element", "300.00").await?;
    select(client, "#uc-paid-to", "tenant").await?;
    wait_for(client, "#record-uc").await?.click().await?;
    wait_for(client, "#uc-position[data-household=\"single_25_or_over\"]").await?;
    wait_for(
        client,
        "article.eligibility[data-kind=\"managed_payment\"][data-eligible=\"true\"]",
    )
    .await?;

    // The request made on the DWP Landlord Portal five weeks ago.
    select(client, "#request-kind", "managed_payment").await?;
    set_value(client, "#request-date", requested_on).await?;
    set_value(client, "#request-reference", "LP-204611").await?;
    wait_for(client, "#record-request").await?.click().await?;
    let sentence = wait_for_text(
        client,
        "li.benefit-request .benefit-request-sentence",
        |text| text.contains("chase"),
    )
    .await?;
    ensure!(
        sentence.contains("Awaiting"),
        "the request reads: {sentence}"
    );

    // The worklist shows it to be chased.
    wait_for(client, "#nav-worklist").await?.click().await?;
    let text = wait_for_text(client, &format!("#worklist-{reference}"), |text| {
        text.contains("Chase the DWP")
    })
    .await?;
    ensure!(
        text.contains("Chase the DWP"),
        "the worklist row reads: {text}"
    );
    Ok(())
}
