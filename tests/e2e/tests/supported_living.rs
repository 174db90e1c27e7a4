//! Supported living in the real app: the officer records a tenant's DWP appointee from the
//! evidence, then records a call from the appointee. Choosing the topic shows the authority
//! check before anything is recorded — the arrears may not be discussed, benefits may — and the
//! call goes in the diary with the authority relied on.

use anyhow::{ensure, Context};
use doorstep_e2e::{cli, cli_json, wait_for, wait_for_text, Binaries, TauriDriver, PASSPHRASE};
use fantoccini::{Client, Locator};

const APPOINTEE: &str = "Morgan Price";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_from_an_appointee_is_checked_before_it_is_recorded() -> anyhow::Result<()> {
    let binaries = Binaries::locate("debug")?;
    let data_dir = tempfile::tempdir()?;
    let xdg = tempfile::tempdir()?;
    cli(
        &binaries,
        data_dir.path(),
        &["demo", "--seed", "5", "--accounts", "60"],
    )?;
    let worklist = cli_json(&binaries, data_dir.path(), &["worklist", "--json"])?;
    let reference = worklist["items"][0]["payment_reference"]
        .as_str()
        .context("no account on the worklist")?
        .to_string();
    let seen_on = (chrono::Local::now().date_naive() - chrono::Days::new(20)).to_string();

    let driver = TauriDriver::start(data_dir.path(), xdg.path())?;
    let client = driver.connect(&binaries.desktop).await?;
    let outcome = drive(&client, &reference, &seen_on).await;
    if let Ok(png) = client.screenshot().await {
        let _ = std::fs::write(
            binaries
                .target_dir
                .join("e2e-supported-living-last-screen.png"),
            png,
        );
    }
    client.close().await.ok();
    drop(driver);
    outcome?;

    // The core agrees: the call is in the account's diary with the authority relied on.
    let account = cli_json(
        &binaries,
        data_dir.path(),
        &["account", &reference, "--json"],
    )?;
    let diary = account["diary"].as_array().context("no diary")?;
    ensure!(
        diary.iter().any(|line| {
            let note = line["note"].as_str().unwrap_or("");
            note.starts_with("Phone call with Morgan Price about Housing Benefit")
                && note.contains("authorised: DWP appointee (DWP/APP/7781)")
        }),
        "the diary has no authorised call: {diary:?}"
    );
    Ok(())
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

/// Picks the option whose words contain `label` (the person's id is the app's own).
async fn select_by_label(client: &Client, css: &str, label: &str) -> anyhow::Result<()> {
    wait_for_text(client, css, |text| text.contains(label)).await?;
    client
        .execute(
            "const select = document.querySelector(arguments[0]); \
             const option = [...select.options].find(o => o.textContent.includes(arguments[1])); \
             select.value = option.value; \
             select.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![css.into(), label.into()],
        )
        .await?;
    Ok(())
}

async fn drive(client: &Client, reference: &str, seen_on: &str) -> anyhow::Result<()> {
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
    wait_for(client, "#open-people").await?.click().await?;
    wait_for(client, "#people-heading").await?;

    // The appointee, from the DWP's letter.
    set_value(client, "#representative-name", APPOINTEE).await?;
    select(client, "#representative-kind", "appointee").await?;
    wait_for(client, "#representative-covers-benefits")
        .await?
        .click()
        .await?;
    set_value(client, "#representative-evidence", "DWP/APP/7781").await?;
    set_value(client, "#representative-seen-on", seen_on).await?;
    wait_for(client, "#record-representative")
        .await?
        .click()
        .await?;
    let card = wait_for_text(client, "li.person-card[data-kind=\"appointee\"]", |text| {
        text.contains(APPOINTEE)
    })
    .await?;
    ensure!(card.contains("DWP appointee"), "the card reads: {card}");

    // The appointee rings about the arrears: the app says no before anything is recorded.
    select_by_label(client, "#contact-person", APPOINTEE).await?;
    select(client, "#contact-topic", "arrears").await?;
    let refused = wait_for_text(client, "#authority-check[data-allowed=\"false\"]", |text| {
        text.contains(APPOINTEE)
    })
    .await?;
    ensure!(
        refused.contains("Not authorised")
            && refused.contains("Do not discuss the arrears with Morgan Price"),
        "the check reads: {refused}"
    );

    // About the Housing Benefit claim, they may be told.
    select(client, "#contact-topic", "benefits").await?;
    let allowed = wait_for_text(client, "#authority-check[data-allowed=\"true\"]", |text| {
        text.contains(APPOINTEE)
    })
    .await?;
    ensure!(
        allowed.contains("Authorised")
            && allowed.contains("You may discuss Housing Benefit and Universal Credit"),
        "the check reads: {allowed}"
    );
    select(client, "#contact-method", "phone_call").await?;
    set_value(client, "#contact-note", "asked when HB will be paid").await?;
    wait_for(client, "#record-contact").await?.click().await?;
    let line = wait_for_text(client, "li.contact-line[data-allowed=\"true\"]", |text| {
        text.contains(APPOINTEE)
    })
    .await?;
    ensure!(
        line.contains("Phone call with Morgan Price about housing benefit"),
        "the contact reads: {line}"
    );
    Ok(())
}
