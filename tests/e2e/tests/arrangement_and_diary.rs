//! An officer agrees an arrangement and notes a phone call on the account page: the forms
//! reach the real core, a bad instalment is refused in the form, and the page shows the live
//! arrangement, the waiting next action and the diary entry.

use anyhow::{ensure, Context};
use doorstep_e2e::{
    account_with_a_step_due, cli, cli_json, wait_for, wait_for_text, Binaries, TauriDriver,
    PASSPHRASE,
};
use fantoccini::{Client, Locator};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_arrangement_and_a_diary_entry_made_from_the_account_page() -> anyhow::Result<()> {
    let binaries = Binaries::locate("debug")?;
    let data_dir = tempfile::tempdir()?;
    let xdg = tempfile::tempdir()?;
    cli(
        &binaries,
        data_dir.path(),
        &["demo", "--seed", "11", "--accounts", "60"],
    )?;
    let worklist = cli_json(&binaries, data_dir.path(), &["worklist", "--json"])?;
    let reference = account_with_a_step_due(&worklist)?["payment_reference"]
        .as_str()
        .context("no reference")?
        .to_string();

    let driver = TauriDriver::start(data_dir.path(), xdg.path())?;
    let client = driver.connect(&binaries.desktop).await?;
    let outcome = drive(&client, &reference).await;
    if let Ok(png) = client.screenshot().await {
        let _ = std::fs::write(
            binaries.target_dir.join("e2e-arrangement-last-screen.png"),
            png,
        );
    }
    client.close().await.ok();
    outcome?;

    // The core holds what the screen showed.
    let account = cli_json(
        &binaries,
        data_dir.path(),
        &["account", &reference, "--json"],
    )?;
    ensure!(
        account["arrangements"][0]["state"] == "Live",
        "the store's arrangements: {}",
        account["arrangements"]
    );
    ensure!(
        account["diary"][0]["code"] == "phone_call",
        "the store's diary: {}",
        account["diary"]
    );
    Ok(())
}

async fn drive(client: &Client, reference: &str) -> anyhow::Result<()> {
    wait_for(client, "#passphrase")
        .await?
        .send_keys(PASSPHRASE)
        .await?;
    wait_for(client, "#unlock").await?.click().await?;
    wait_for(
        client,
        &format!("tr.worklist-row[data-reference=\"{reference}\"] .open-account"),
    )
    .await?
    .click()
    .await?;
    wait_for_text(client, "#account-balance", |text| !text.is_empty()).await?;

    // A bad instalment is refused in the form, and nothing is made.
    wait_for(client, "#make-arrangement").await?.click().await?;
    let instalment = wait_for(client, "#arrangement-instalment").await?;
    instalment.send_keys("a tenner").await?;
    wait_for(client, "#arrangement-submit")
        .await?
        .click()
        .await?;
    let refusal = wait_for_text(client, "#arrangement-form .form-error", |text| {
        !text.is_empty()
    })
    .await?;
    ensure!(
        refusal.contains("not an amount of money"),
        "unexpected refusal: {refusal:?}"
    );
    ensure!(
        client
            .find_all(Locator::Css(
                "#arrangements .arrangement[data-state=\"Live\"]"
            ))
            .await?
            .is_empty(),
        "an arrangement was made from a refused form"
    );

    // £12.50 a week from the default first date (a week today) is agreed.
    instalment.clear().await?;
    instalment.send_keys("12.50").await?;
    wait_for(client, "#arrangement-submit")
        .await?
        .click()
        .await?;
    let live = wait_for(client, "#arrangements .arrangement[data-state=\"Live\"]").await?;
    let text = live.text().await?;
    ensure!(
        text.contains("£12.50 a week"),
        "the arrangement shows {text:?}"
    );
    wait_for_text(client, "#next-action", |text| text.contains("Waiting")).await?;

    // A phone call goes in the diary.
    wait_for(client, "#record-diary").await?.click().await?;
    wait_for(client, "#diary-code")
        .await?
        .find(Locator::Css("option[value=\"phone_call\"]"))
        .await?
        .click()
        .await?;
    wait_for(client, "#diary-note")
        .await?
        .send_keys("Agreed £12.50 a week on the phone")
        .await?;
    wait_for(client, "#diary-submit").await?.click().await?;
    // The diary is newest first, and the demo's history has older phone calls further down.
    wait_for_text(client, "#diary tr.diary-row", |text| {
        text.contains("Agreed £12.50") && text.contains("Phone call")
    })
    .await?;
    Ok(())
}
