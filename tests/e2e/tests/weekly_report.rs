//! The weekly report in the real app: the officer opens Reports (a week still to come is
//! refused in words), steps back to last week, and reads the patch's arrears at the week's
//! end — the same figure the CLI gives for the same store. The indicators show with their
//! definitions, the 52-week trend is drawn as 52 bars, "PDF" says where the report went and
//! how many pages it has, and "Spreadsheet (XLSX)" writes a workbook whose path is shown.
//! From the biggest movers the officer opens an account and finds its balance history drawn
//! as a line, and Back returns to the same week's report.

use anyhow::{ensure, Context};
use chrono::{Datelike, Days, NaiveDate};
use doorstep_e2e::{cli, cli_json, wait_for, wait_for_text, Binaries, TauriDriver, PASSPHRASE};
use fantoccini::{Client, Locator};
use rust_decimal::Decimal;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_officer_reads_last_weeks_report_and_saves_it_as_a_spreadsheet() -> anyhow::Result<()> {
    let binaries = Binaries::locate("debug")?;
    let data_dir = tempfile::tempdir()?;
    let xdg = tempfile::tempdir()?;
    cli(
        &binaries,
        data_dir.path(),
        &["demo", "--seed", "8", "--accounts", "120"],
    )?;
    let last_week = chrono::Local::now().date_naive() - Days::new(7);
    let last_monday = last_week - Days::new(u64::from(last_week.weekday().num_days_from_monday()));
    let report = cli_json(
        &binaries,
        data_dir.path(),
        &["report", "--week", &last_week.to_string(), "--json"],
    )?;
    let arrears_at_end: Decimal = report["weekly"]["arrears_at_end"]
        .as_str()
        .context("the CLI's report has no arrears at the end")?
        .parse()?;
    ensure!(
        arrears_at_end > Decimal::ZERO,
        "the demo patch owes nothing, so the test would prove little"
    );
    let expected = doorstep_domain::money::format_money(arrears_at_end);

    let driver = TauriDriver::start(data_dir.path(), xdg.path())?;
    let client = driver.connect(&binaries.desktop).await?;
    let outcome = drive(&client, last_monday, &expected).await;
    if let Ok(png) = client.screenshot().await {
        let _ = std::fs::write(binaries.target_dir.join("e2e-report-last-screen.png"), png);
    }
    client.close().await.ok();
    drop(driver);
    let spreadsheet_path = outcome?;

    let bytes = std::fs::read(&spreadsheet_path)
        .with_context(|| format!("the spreadsheet {spreadsheet_path} was not written"))?;
    ensure!(
        bytes.starts_with(b"PK"),
        "{spreadsheet_path} is not an XLSX (zip) file"
    );
    Ok(())
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

/// Drives the report and the account's chart; answers the spreadsheet's path as shown.
async fn drive(client: &Client, last_monday: NaiveDate, expected: &str) -> anyhow::Result<String> {
    wait_for(client, "#passphrase")
        .await?
        .send_keys(PASSPHRASE)
        .await?;
    wait_for(client, "#unlock").await?.click().await?;
    wait_for(client, "tr.worklist-row").await?;
    wait_for(client, "#nav-reports").await?.click().await?;
    wait_for(client, "#report").await?;
    // This week is the latest there is.
    ensure!(
        wait_for(client, "#next-week")
            .await?
            .attr("disabled")
            .await?
            .is_some(),
        "Next week can be pressed on this week's report"
    );
    // A week still to come is refused in words, not with an empty report.
    let next_month = chrono::Local::now().date_naive() + Days::new(30);
    set_date(client, "#report-week", &next_month.to_string()).await?;
    let refusal = wait_for_text(client, "#report-error", |text| !text.is_empty()).await?;
    ensure!(
        refusal.contains("not started"),
        "a future week is refused with: {refusal}"
    );
    set_date(
        client,
        "#report-week",
        &chrono::Local::now().date_naive().to_string(),
    )
    .await?;
    wait_for(client, "#report").await?;
    wait_for(client, "#previous-week").await?.click().await?;
    let last_week_report = format!("#report[data-week-starting=\"{last_monday}\"]");
    wait_for(client, &last_week_report).await?;

    let shown = wait_for_text(client, "#arrears-at-end", |text| text.contains('£')).await?;
    ensure!(
        shown == expected,
        "the screen shows {shown} owed at the week's end; the CLI says {expected}"
    );

    let indicators = client.find_all(Locator::Css("tr.indicator")).await?;
    ensure!(
        indicators.len() >= 5,
        "only {} indicators show",
        indicators.len()
    );
    for indicator in &indicators {
        let name = indicator
            .find(Locator::Css(".indicator-name"))
            .await?
            .text()
            .await?;
        let figure = indicator
            .find(Locator::Css(".indicator-figure"))
            .await?
            .text()
            .await?;
        let definition = indicator
            .find(Locator::Css(".indicator-definition"))
            .await?
            .text()
            .await?;
        ensure!(!figure.trim().is_empty(), "{name} shows no figure");
        ensure!(
            definition.trim().len() > 20,
            "{name} has no definition beside it: {definition:?}"
        );
    }

    let bars = client
        .find_all(Locator::Css("svg[data-chart=\"trend\"] rect"))
        .await?;
    ensure!(
        bars.len() == 52,
        "the trend has {} bars, not 52",
        bars.len()
    );
    let definition = wait_for(client, "#trend-definition").await?.text().await?;
    ensure!(!definition.trim().is_empty(), "the trend has no definition");

    wait_for(client, "#report-export-pdf")
        .await?
        .click()
        .await?;
    let saved = wait_for_text(client, "#report-export-result .export-saved", |text| {
        text.contains(".pdf")
    })
    .await?;
    ensure!(
        saved.contains("page"),
        "the PDF's page count is not shown: {saved}"
    );
    wait_for(client, "#report-export-xlsx")
        .await?
        .click()
        .await?;
    let path = wait_for_text(client, "#report-export-result .export-path", |text| {
        text.ends_with(".xlsx")
    })
    .await?;

    // From the biggest movers to the account's balance history, and back.
    let mover = wait_for(client, "#biggest-movers a.report-account-link").await?;
    let reference = mover
        .attr("data-reference")
        .await?
        .context("a mover has no reference")?;
    mover.click().await?;
    wait_for_text(client, "#payment-reference", |text| text == reference).await?;
    let line = wait_for(
        client,
        "svg#balance-chart polyline[data-series=\"balance\"]",
    )
    .await?;
    let points = line.attr("points").await?.unwrap_or_default();
    ensure!(
        points.split_whitespace().count() >= 2,
        "the balance line has no length: {points:?}"
    );
    let back = wait_for(client, "#back").await?;
    ensure!(
        back.text().await?.contains("report"),
        "Back does not return to the report"
    );
    back.click().await?;
    wait_for(client, &last_week_report).await?;
    Ok(path)
}
