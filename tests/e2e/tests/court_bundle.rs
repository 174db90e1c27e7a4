//! A presenting officer in the real app: open the account's court file, see which grounds the
//! law allows, draft a Form 3, record its service on each tenant, and produce the indexed
//! bundle for an issue date in the notice's life, watching its progress. The notice's dates
//! and the bundle's figures are then checked against the CLI over the same store.

use anyhow::{ensure, Context};
use doorstep_e2e::{cli, cli_json, wait_for, wait_for_text, Binaries, TauriDriver, PASSPHRASE};
use fantoccini::{Client, Locator};
use rust_decimal::Decimal;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_presenting_officer_drafts_a_notice_and_produces_the_bundle() -> anyhow::Result<()> {
    let binaries = Binaries::locate("debug")?;
    let data_dir = tempfile::tempdir()?;
    let xdg = tempfile::tempdir()?;
    cli(
        &binaries,
        data_dir.path(),
        &["demo", "--seed", "11", "--accounts", "120"],
    )?;
    let (reference, surname) = assured_account_deep_in_arrears(&binaries, data_dir.path())?;

    let driver = TauriDriver::start(data_dir.path(), xdg.path())?;
    let client = driver.connect(&binaries.desktop).await?;
    let outcome = drive(&client, &reference, &surname).await;
    if let Ok(png) = client.screenshot().await {
        let _ = std::fs::write(binaries.target_dir.join("e2e-court-last-screen.png"), png);
    }
    client.close().await.ok();
    drop(driver);
    let (bundle_path, issue_date) = outcome?;

    // The bundle on disk carries the claim's figures as the CLI computes them.
    let claim = cli_json(
        &binaries,
        data_dir.path(),
        &["claim", &reference, "--issue-date", &issue_date, "--json"],
    )?;
    let amount: Decimal = claim["amount_due_at_issue"]
        .as_str()
        .context("no amount due")?
        .parse()?;
    let bundle = std::fs::read(&bundle_path).context("the bundle was not written")?;
    let text = pdf_text(&bundle)?;
    let shown = doorstep_domain::money::format_money(amount);
    ensure!(
        text.contains(&shown),
        "the bundle does not show the amount due at issue {shown}"
    );
    ensure!(
        claim["notice"]["notice_type"] == "form_3",
        "the claim relies on {}",
        claim["notice"]
    );
    Ok(())
}

fn pdf_text(bytes: &[u8]) -> anyhow::Result<String> {
    let mut warnings = Vec::new();
    let document =
        printpdf::PdfDocument::parse(bytes, &printpdf::PdfParseOptions::default(), &mut warnings)
            .map_err(|error| anyhow::anyhow!("the bundle does not parse: {error}"))?;
    Ok(document
        .extract_text()
        .into_iter()
        .map(|page| page.join("\n"))
        .collect::<Vec<_>>()
        .join("\n"))
}

/// An assured tenancy with at least 14 weeks' arrears (Ground 8 under either rule set), not
/// blocked: its reference and its tenant's surname for the caseload search.
fn assured_account_deep_in_arrears(
    binaries: &Binaries,
    data_dir: &std::path::Path,
) -> anyhow::Result<(String, String)> {
    let worklist = cli_json(binaries, data_dir, &["worklist", "--json"])?;
    for item in worklist["items"].as_array().context("no items")? {
        let weeks: Decimal = item["arrears_weeks"]
            .as_str()
            .unwrap_or("0")
            .parse()
            .unwrap_or_default();
        let code = item["next_action"]["code"].as_str().unwrap_or("");
        if weeks < Decimal::from(14) || code == "blocked" {
            continue;
        }
        let reference = item["payment_reference"].as_str().context("no reference")?;
        let account = cli_json(binaries, data_dir, &["account", reference, "--json"])?;
        if account["tenancy"]["tenure"] == "Assured tenancy" {
            let names = item["tenant_names"].as_str().context("no names")?;
            let surname = names
                .split(['&', ' '])
                .filter(|word| !word.is_empty())
                .nth(1)
                .context("no surname")?;
            return Ok((reference.to_string(), surname.to_string()));
        }
    }
    anyhow::bail!("the demo has no assured account 14 weeks in arrears")
}

async fn set_date(client: &Client, css: &str, date: &str) -> anyhow::Result<()> {
    wait_for(client, css).await?;
    client
        .execute(
            "const input = document.querySelector(arguments[0]); input.value = arguments[1]; \
             input.dispatchEvent(new Event('input', { bubbles: true })); \
             input.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![css.into(), date.into()],
        )
        .await?;
    Ok(())
}

/// Drives the court file and answers the bundle's path and the issue date used.
async fn drive(
    client: &Client,
    reference: &str,
    surname: &str,
) -> anyhow::Result<(String, String)> {
    wait_for(client, "#passphrase")
        .await?
        .send_keys(PASSPHRASE)
        .await?;
    wait_for(client, "#unlock").await?.click().await?;
    wait_for(client, "tr.worklist-row").await?;
    wait_for(client, "#nav-caseload").await?.click().await?;
    wait_for(client, "#search")
        .await?
        .send_keys(surname)
        .await?;
    let row = wait_for(client, &format!("#account-{reference}")).await?;
    row.find(Locator::Css(".open-account"))
        .await?
        .click()
        .await?;
    wait_for_text(client, "#account-balance", |text| !text.is_empty()).await?;
    wait_for(client, "#open-court-file").await?.click().await?;
    wait_for(client, "#court-file-heading").await?;

    // Ground 8 is open: the arrears are over the threshold.
    let ground_8 = wait_for(client, "#ground-8").await?;
    ensure!(
        ground_8.attr("disabled").await?.is_none(),
        "Ground 8 is refused for an account 14 weeks in arrears"
    );
    ground_8.click().await?;
    wait_for(client, "#ground-10").await?.click().await?;
    wait_for(client, "#planned-method option[value=\"by_hand\"]")
        .await?
        .click()
        .await?;
    // The demo may already have served a notice on this account: the new one is listed first.
    let notices_before = client
        .find_all(Locator::Css("article.court-notice"))
        .await?
        .len();
    wait_for(client, "#draft-notice").await?.click().await?;
    let mut drafted = false;
    for _ in 0..100 {
        let now = client
            .find_all(Locator::Css("article.court-notice"))
            .await?
            .len();
        if now > notices_before {
            drafted = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    ensure!(drafted, "drafting the notice changed nothing");
    let notice = wait_for(client, "article.court-notice").await?;
    let notice_id = notice
        .attr("data-notice-id")
        .await?
        .context("the notice has no id")?;
    let rule_set = wait_for_text(
        client,
        &format!("article[data-notice-id=\"{notice_id}\"] .rule-set"),
        |text| text.contains("Housing Act 1988"),
    )
    .await?;
    ensure!(
        rule_set.contains("rule set assured_ha1988_s8"),
        "the notice does not name its rule set: {rule_set}"
    );

    // Serve every tenant by hand this morning.
    loop {
        let form = format!("#service-form-{notice_id}");
        if client.find(Locator::Css(&form)).await.is_err() {
            break;
        }
        let time = wait_for(client, &format!("#service-time-{notice_id}")).await?;
        time.clear().await?;
        set_date(client, &format!("#service-time-{notice_id}"), "09:45").await?;
        let by = wait_for(client, &format!("#service-by-{notice_id}")).await?;
        by.clear().await?;
        by.send_keys("Sam Officer").await?;
        let services =
            format!("article[data-notice-id=\"{notice_id}\"] table.notice-services tbody tr");
        let before = client.find_all(Locator::Css(&services)).await?.len();
        wait_for(client, &format!("#record-service-{notice_id}"))
            .await?
            .click()
            .await?;
        let mut served = false;
        for _ in 0..100 {
            let now = client.find_all(Locator::Css(&services)).await?.len();
            if now > before {
                served = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        ensure!(served, "recording service changed nothing");
    }
    let this_notice = format!("article[data-notice-id=\"{notice_id}\"]");
    let sentence = wait_for_text(client, &format!("{this_notice} .notice-sentence"), |text| {
        text.contains("usable from")
    })
    .await?;

    // An issue date in the notice's life: the day proceedings may begin.
    let issue_date = wait_for(client, &this_notice)
        .await?
        .attr("data-proceedings-from")
        .await?
        .context(format!("the notice does not give its dates: {sentence}"))?;
    set_date(client, "#issue-date", &issue_date).await?;
    wait_for_text(client, "#claim-amount-due", |text| text.contains('£')).await?;
    wait_for(client, "#produce-bundle").await?.click().await?;
    let path = wait_for_text(client, "#bundle-path", |text| text.contains(".pdf")).await?;
    let path = path
        .split_whitespace()
        .find(|word| word.ends_with(".pdf"))
        .context("no path shown")?
        .to_string();
    Ok((path, issue_date))
}
