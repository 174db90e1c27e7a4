//! The walking skeleton end to end: the real app (built with its embedded UI) under Xvfb,
//! driven through tauri-driver and WebKitWebDriver as an officer would use it.
//!
//! Needs a display (run under `xvfb-run`), `tauri-driver` and `WebKitWebDriver` on PATH, and the
//! binaries built: `scripts/test.sh` does all of that. The expected figures come from the
//! `doorstep` CLI over the same store, i.e. from the core, not from the screen.

use anyhow::{bail, ensure, Context};
use doorstep_domain::arrears::format_money;
use doorstep_e2e::{cli, cli_json, wait_for, wait_for_text, Binaries, TauriDriver, PASSPHRASE};
use fantoccini::{Client, Locator};
use rust_decimal::Decimal;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officer_unlocks_searches_and_sees_the_balance_the_core_computes() -> anyhow::Result<()> {
    let binaries = Binaries::locate("debug")?;
    let data_dir = tempfile::tempdir()?;
    let xdg = tempfile::tempdir()?;

    cli(
        &binaries,
        data_dir.path(),
        &["demo", "--seed", "7", "--accounts", "80"],
    )?;
    let list = cli_json(&binaries, data_dir.path(), &["accounts", "--json"])?;
    let (reference, surname) = account_in_arrears(&list)?;
    let detail = cli_json(
        &binaries,
        data_dir.path(),
        &["account", &reference, "--json"],
    )?;
    let balance: Decimal = detail["balance"]
        .as_str()
        .context("balance is not a string")?
        .parse()?;
    let expected_balance_text = format_money(balance);

    let driver = TauriDriver::start(data_dir.path(), xdg.path())?;
    let client = driver.connect(&binaries.desktop).await?;
    let outcome = drive(&client, &reference, &surname, &expected_balance_text).await;
    if let Ok(png) = client.screenshot().await {
        let _ = std::fs::write(binaries.target_dir.join("e2e-last-screen.png"), png);
    }
    client.close().await.ok();
    outcome
}

async fn drive(
    client: &Client,
    reference: &str,
    surname: &str,
    expected_balance_text: &str,
) -> anyhow::Result<()> {
    // A wrong passphrase gives a clear message and opens nothing.
    let passphrase = wait_for(client, "#passphrase").await?;
    passphrase.send_keys("not-the-passphrase").await?;
    wait_for(client, "#unlock").await?.click().await?;
    let error = wait_for_text(client, "#error", |text| text.contains("not right")).await?;
    ensure!(
        error.contains("passphrase"),
        "unexpected error text: {error}"
    );
    ensure!(
        client.find(Locator::Css("#search")).await.is_err(),
        "the caseload showed after a wrong passphrase"
    );

    // The right one unlocks the worklist, the home screen; the caseload is one click away.
    wait_for(client, "#passphrase")
        .await?
        .send_keys(PASSPHRASE)
        .await?;
    wait_for(client, "#unlock").await?.click().await?;
    wait_for(client, "tr.worklist-row").await?;
    wait_for(client, "#nav-caseload").await?.click().await?;
    let search = wait_for(client, "#search").await?;
    search.send_keys(surname).await?;
    let row_css = format!("tr.account-row[data-reference=\"{reference}\"]");
    let row = wait_for(client, &row_css).await?;
    // Search as you type narrowed the list to the tenant we typed.
    let rows = client.find_all(Locator::Css("tr.account-row")).await?;
    for other in &rows {
        let text = other.text().await?;
        ensure!(
            text.to_lowercase().contains(&surname.to_lowercase()),
            "a row that does not match {surname:?}: {text}"
        );
    }
    row.find(Locator::Css(".open-account"))
        .await?
        .click()
        .await?;

    let shown = wait_for_text(client, "#account-balance", |text| !text.is_empty()).await?;
    ensure!(
        shown == expected_balance_text,
        "the screen shows {shown:?}, the core computes {expected_balance_text:?}"
    );
    let transactions = client
        .find_all(Locator::Css("#transactions tbody tr"))
        .await?;
    ensure!(!transactions.is_empty(), "no transactions shown");
    Ok(())
}

/// The account with the highest arrears whose tenant's surname is unique in the caseload, so a
/// search for it must narrow the list.
fn account_in_arrears(list: &Value) -> anyhow::Result<(String, String)> {
    let accounts = list["accounts"].as_array().context("no accounts array")?;
    let surname_of = |account: &Value| -> Option<String> {
        let names = account["tenant_names"].as_str()?;
        let first_tenant = names.split(" & ").next()?;
        first_tenant.split_whitespace().last().map(str::to_string)
    };
    for account in accounts {
        let Some(surname) = surname_of(account) else {
            continue;
        };
        let balance: Decimal = account["balance"].as_str().unwrap_or("0").parse()?;
        let same_surname = accounts
            .iter()
            .filter(|other| {
                other["tenant_names"]
                    .as_str()
                    .is_some_and(|names| names.to_lowercase().contains(&surname.to_lowercase()))
                    || other["address"].as_str().is_some_and(|address| {
                        address.to_lowercase().contains(&surname.to_lowercase())
                    })
            })
            .count();
        if balance > Decimal::ZERO && same_surname == 1 {
            let reference = account["payment_reference"]
                .as_str()
                .context("no reference")?;
            return Ok((reference.to_string(), surname));
        }
    }
    bail!("no account in arrears with a unique surname in the demo caseload")
}
