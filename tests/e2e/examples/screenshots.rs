//! Screenshots of the real app for the README and for looking at changes as a user would:
//! the first-run screen, the unlock screen, the worklist, an account page with the payment
//! form, the visit forms, the court file, benefits, the caseload and the policy, the weekly
//! report with its indicators and charts, and an account's balance history.
//!
//! `xvfb-run -a cargo run -p doorstep-e2e --example screenshots -- OUT_DIR` after building the
//! app and CLI (debug profile; `DOORSTEP_E2E_PROFILE=release` for the release build).

use std::path::PathBuf;

use anyhow::Context;
use doorstep_e2e::{cli, wait_for, Binaries, TauriDriver, PASSPHRASE};
use fantoccini::{Client, Locator};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let out_dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .context("usage: screenshots OUT_DIR")?,
    );
    std::fs::create_dir_all(&out_dir)?;
    let profile = std::env::var("DOORSTEP_E2E_PROFILE").unwrap_or_else(|_| "debug".into());
    let binaries = Binaries::locate(&profile)?;
    let xdg = tempfile::tempdir()?;

    let empty = tempfile::tempdir()?;
    let driver = TauriDriver::start(empty.path(), xdg.path())?;
    let client = driver.connect(&binaries.desktop).await?;
    wait_for(&client, "#start-demo").await?;
    save(&client, &out_dir, "set-up").await?;
    client.close().await?;
    drop(driver);

    let data_dir = tempfile::tempdir()?;
    cli(&binaries, data_dir.path(), &["demo"])?;
    let driver = TauriDriver::start(data_dir.path(), xdg.path())?;
    let client = driver.connect(&binaries.desktop).await?;
    wait_for(&client, "#passphrase").await?;
    save(&client, &out_dir, "unlock").await?;
    wait_for(&client, "#passphrase")
        .await?
        .send_keys(PASSPHRASE)
        .await?;
    wait_for(&client, "#unlock").await?.click().await?;
    wait_for(&client, "tr.worklist-row").await?;
    save(&client, &out_dir, "worklist").await?;
    let rows = client.find_all(Locator::Css("tr.worklist-row")).await?;
    let row = rows.get(2).context("fewer than three accounts")?;
    row.find(Locator::Css(".open-account"))
        .await?
        .click()
        .await?;
    wait_for(&client, "#transactions").await?;
    save(&client, &out_dir, "account").await?;
    wait_for(&client, "#record-payment").await?.click().await?;
    wait_for(&client, "#payment-amount").await?;
    save(&client, &out_dir, "record-payment").await?;
    wait_for(&client, "#take-card-payment")
        .await?
        .click()
        .await?;
    wait_for(&client, "#card-amount").await?;
    save(&client, &out_dir, "card-payment").await?;
    wait_for(&client, "#income-expenditure")
        .await?
        .click()
        .await?;
    wait_for(&client, "#iande-assess").await?;
    save(&client, &out_dir, "income-expenditure").await?;
    wait_for(&client, "#nav-worklist").await?.click().await?;
    wait_for(&client, "tr.worklist-row").await?;
    let picks = client
        .find_all(Locator::Css("input[id^=\"round-pick-\"]"))
        .await?;
    for pick in picks.iter().take(8) {
        pick.click().await?;
    }
    wait_for(&client, "#plan-round").await?.click().await?;
    wait_for(&client, ".round-stop").await?;
    save(&client, &out_dir, "round").await?;
    wait_for(&client, "#nav-caseload").await?.click().await?;
    wait_for(&client, "tr.account-row").await?;
    save(&client, &out_dir, "caseload").await?;
    wait_for(&client, "#nav-policy").await?.click().await?;
    wait_for(&client, "#policy-json").await?;
    save(&client, &out_dir, "policy").await?;

    // The court file of an account whose suspended order is broken: notice, claim, order.
    wait_for(&client, "#nav-worklist").await?.click().await?;
    wait_for(&client, "tr.worklist-row").await?;
    for row in client.find_all(Locator::Css("tr.worklist-row")).await? {
        if row.text().await?.contains("Request a warrant") {
            row.find(Locator::Css(".open-account"))
                .await?
                .click()
                .await?;
            break;
        }
    }
    wait_for(&client, "#open-court-file").await?.click().await?;
    wait_for(&client, "#court-file-heading").await?;
    save(&client, &out_dir, "court-file").await?;
    for (section, name) in [
        ("article.court-notice", "court-notice"),
        ("#protocol-checklist", "court-protocol"),
        ("#after", "court-after"),
    ] {
        wait_for(&client, section).await?;
        client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView()",
                vec![section.into()],
            )
            .await?;
        save(&client, &out_dir, name).await?;
    }
    wait_for(&client, "#back-to-account").await?.click().await?;
    wait_for(&client, "#open-benefits").await?.click().await?;
    wait_for(&client, "#benefits-heading").await?;
    wait_for(&client, "article.eligibility").await?;
    save(&client, &out_dir, "benefits").await?;

    // The weekly report, section by section, then a mover's balance history.
    wait_for(&client, "#nav-caseload").await?.click().await?;
    wait_for(&client, "#caseload-export-csv")
        .await?
        .click()
        .await?;
    wait_for(&client, "#caseload-export-result .export-path").await?;
    save(&client, &out_dir, "caseload-export").await?;
    wait_for(&client, "#nav-reports").await?.click().await?;
    wait_for(&client, "#report").await?;
    wait_for(&client, "#previous-week").await?.click().await?;
    wait_for(&client, "#report").await?;
    save(&client, &out_dir, "report").await?;
    for (section, name) in [
        ("#biggest-movers", "report-movers"),
        ("#indicators", "report-indicators"),
        ("#report-trend", "report-trend"),
        ("#report-age-profile", "report-age-profile"),
    ] {
        scroll_to(&client, section).await?;
        save(&client, &out_dir, name).await?;
    }
    wait_for(&client, "#biggest-movers a.report-account-link")
        .await?
        .click()
        .await?;
    wait_for(&client, "svg#balance-chart").await?;
    scroll_to(&client, "#trend").await?;
    save(&client, &out_dir, "account-trend").await?;
    scroll_to(&client, "#balance-history").await?;
    save(&client, &out_dir, "account-balance-history").await?;
    wait_for(&client, "#chart-span-all").await?.click().await?;
    wait_for(&client, "#chart-span-all[aria-pressed=\"true\"]").await?;
    wait_for(&client, "svg#balance-chart").await?;
    scroll_to(&client, "#balance-history").await?;
    save(&client, &out_dir, "account-balance-history-all").await?;
    client.close().await?;
    Ok(())
}

async fn scroll_to(client: &Client, css: &str) -> anyhow::Result<()> {
    wait_for(client, css).await?;
    client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView()",
            vec![css.into()],
        )
        .await?;
    Ok(())
}

async fn save(client: &Client, out_dir: &std::path::Path, name: &str) -> anyhow::Result<()> {
    let path = out_dir.join(format!("screenshot-{name}.png"));
    std::fs::write(&path, client.screenshot().await?)?;
    println!("{}", path.display());
    Ok(())
}
