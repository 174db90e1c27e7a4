//! The walking skeleton end to end: the real app (built with its embedded UI) under Xvfb,
//! driven through tauri-driver and WebKitWebDriver as an officer would use it.
//!
//! Needs a display (run under `xvfb-run`), `tauri-driver` and `WebKitWebDriver` on PATH, and the
//! binaries built: `scripts/test.sh` does all of that. The expected figures come from the
//! `doorstep` CLI over the same store, i.e. from the core, not from the screen.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context};
use doorstep_domain::arrears::format_money;
use fantoccini::{Client, ClientBuilder, Locator};
use rust_decimal::Decimal;
use serde_json::Value;

const PASSPHRASE: &str = "kettle-harbour-4417";
const WAIT: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officer_unlocks_searches_and_sees_the_balance_the_core_computes() -> anyhow::Result<()> {
    let binaries = Binaries::locate()?;
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

    let driver = TauriDriver::start(&binaries, data_dir.path(), xdg.path())?;
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

    // The right one unlocks the caseload.
    wait_for(client, "#passphrase")
        .await?
        .send_keys(PASSPHRASE)
        .await?;
    wait_for(client, "#unlock").await?.click().await?;
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

async fn wait_for(client: &Client, css: &str) -> anyhow::Result<fantoccini::elements::Element> {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .with_context(|| format!("waiting for {css}"))
}

async fn wait_for_text(
    client: &Client,
    css: &str,
    accept: impl Fn(&str) -> bool,
) -> anyhow::Result<String> {
    let deadline = Instant::now() + WAIT;
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Ok(element) = client.find(Locator::Css(css)).await {
            if let Ok(text) = element.text().await {
                if accept(text.trim()) {
                    return Ok(text.trim().to_string());
                }
                last = text;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("{css} never showed the expected text; last seen {last:?}")
}

struct Binaries {
    desktop: PathBuf,
    cli: PathBuf,
    target_dir: PathBuf,
}

impl Binaries {
    /// `scripts/test.sh` builds both binaries first; the target dir is the one cargo uses.
    fn locate() -> anyhow::Result<Binaries> {
        let target_dir = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
        let desktop = target_dir.join("debug/doorstep-desktop");
        let cli = target_dir.join("debug/doorstep");
        for binary in [&desktop, &cli] {
            ensure!(
                binary.exists(),
                "{} is missing: build it first (scripts/test.sh does)",
                binary.display()
            );
        }
        Ok(Binaries {
            desktop,
            cli,
            target_dir,
        })
    }
}

fn cli(binaries: &Binaries, data_dir: &Path, arguments: &[&str]) -> anyhow::Result<String> {
    let output = Command::new(&binaries.cli)
        .arg("--data-dir")
        .arg(data_dir)
        .args(arguments)
        .env("DOORSTEP_CREDENTIAL_STORE", "file")
        .env("DOORSTEP_PASSPHRASE", PASSPHRASE)
        .output()?;
    ensure!(
        output.status.success(),
        "doorstep {arguments:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(String::from_utf8(output.stdout)?)
}

fn cli_json(binaries: &Binaries, data_dir: &Path, arguments: &[&str]) -> anyhow::Result<Value> {
    Ok(serde_json::from_str(&cli(binaries, data_dir, arguments)?)?)
}

/// tauri-driver, killed when dropped. It starts the app itself when a session is created, with
/// this process's environment: that is how the app learns its data folder.
struct TauriDriver {
    child: Child,
    port: u16,
}

impl TauriDriver {
    fn start(binaries: &Binaries, data_dir: &Path, xdg: &Path) -> anyhow::Result<TauriDriver> {
        ensure!(
            std::env::var_os("DISPLAY").is_some(),
            "no DISPLAY: run the end-to-end tests under xvfb-run (scripts/test.sh does)"
        );
        let port = free_port()?;
        let native_port = free_port()?;
        let child = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DOORSTEP_DATA_DIR", data_dir)
            .env("DOORSTEP_CREDENTIAL_STORE", "file")
            .env("XDG_DATA_HOME", xdg.join("data"))
            .env("XDG_CACHE_HOME", xdg.join("cache"))
            .env("XDG_CONFIG_HOME", xdg.join("config"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .context("starting tauri-driver (cargo install tauri-driver --locked)")?;
        let driver = TauriDriver { child, port };
        let deadline = Instant::now() + WAIT;
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            ensure!(
                Instant::now() < deadline,
                "tauri-driver did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = &binaries.desktop;
        Ok(driver)
    }

    async fn connect(&self, application: &Path) -> anyhow::Result<Client> {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), Value::from("wry"));
        capabilities.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": application }),
        );
        let client = ClientBuilder::rustls()?
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .context("creating a WebDriver session")?;
        Ok(client)
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}
