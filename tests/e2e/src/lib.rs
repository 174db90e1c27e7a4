//! The harness for driving the real Doorstep app: its binaries, the `doorstep` CLI over the
//! same store, `tauri-driver` (which starts the app under WebKitWebDriver), and a head office
//! server for the reconcile (`HeadOfficeServer`). Shared by the
//! end-to-end tests and the launch benchmark (`examples/launch.rs`).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::Value;

pub const PASSPHRASE: &str = "kettle-harbour-4417";
pub const WAIT: Duration = Duration::from_secs(30);

pub async fn wait_for(client: &Client, css: &str) -> anyhow::Result<fantoccini::elements::Element> {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .with_context(|| format!("waiting for {css}"))
}

pub async fn wait_for_text(
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

pub struct Binaries {
    pub desktop: PathBuf,
    pub cli: PathBuf,
    /// `doorstep-headoffice`, checked only by the tests that start one (`HeadOfficeServer`).
    pub headoffice: PathBuf,
    pub target_dir: PathBuf,
}

impl Binaries {
    /// `scripts/test.sh` builds both binaries first; the target dir is the one cargo uses.
    /// `profile` is "debug" for tests, "release" for measurements.
    pub fn locate(profile: &str) -> anyhow::Result<Binaries> {
        let target_dir = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
        let desktop = target_dir.join(profile).join("doorstep-desktop");
        let cli = target_dir.join(profile).join("doorstep");
        let headoffice = target_dir.join(profile).join("doorstep-headoffice");
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
            headoffice,
            target_dir,
        })
    }
}

pub fn cli(binaries: &Binaries, data_dir: &Path, arguments: &[&str]) -> anyhow::Result<String> {
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

pub fn cli_json(binaries: &Binaries, data_dir: &Path, arguments: &[&str]) -> anyhow::Result<Value> {
    Ok(serde_json::from_str(&cli(binaries, data_dir, arguments)?)?)
}

/// The X display the app runs on: the caller's `DISPLAY` if it has one, or else a private
/// Xvfb started for the test and killed when dropped, so the tests need no wrapper.
struct Display {
    name: String,
    xvfb: Option<Child>,
}

impl Display {
    fn open() -> anyhow::Result<Display> {
        if let Some(name) = std::env::var_os("DISPLAY").filter(|name| !name.is_empty()) {
            return Ok(Display {
                name: name.to_string_lossy().into_owned(),
                xvfb: None,
            });
        }
        // -displayfd makes Xvfb pick a free display and write its number to the descriptor.
        let mut xvfb = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x1024x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("no DISPLAY and Xvfb could not start (apt-get install xvfb)")?;
        let mut number = String::new();
        if let Some(stdout) = xvfb.stdout.take() {
            use std::io::BufRead;
            std::io::BufReader::new(stdout).read_line(&mut number)?;
        }
        let number = number.trim().to_string();
        if number.is_empty() {
            let _ = xvfb.kill();
            bail!("Xvfb did not report its display number");
        }
        Ok(Display {
            name: format!(":{number}"),
            xvfb: Some(xvfb),
        })
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Some(xvfb) = &mut self.xvfb {
            let _ = xvfb.kill();
            let _ = xvfb.wait();
        }
    }
}

/// tauri-driver, killed when dropped. It starts the app itself when a session is created, with
/// this process's environment: that is how the app learns its data folder.
pub struct TauriDriver {
    child: Child,
    port: u16,
    // Dropped after the driver (fields drop in order), so the app never loses its display.
    _display: Display,
}

impl TauriDriver {
    pub fn start(data_dir: &Path, xdg: &Path) -> anyhow::Result<TauriDriver> {
        TauriDriver::start_with_log(data_dir, xdg, None)
    }

    /// As `start`, with everything the driver and the app write to stderr kept in `log`, so a
    /// test can read what the app logged.
    pub fn start_with_log(
        data_dir: &Path,
        xdg: &Path,
        log: Option<&Path>,
    ) -> anyhow::Result<TauriDriver> {
        let stderr = match log {
            Some(path) => Stdio::from(
                std::fs::File::create(path)
                    .with_context(|| format!("creating the log {}", path.display()))?,
            ),
            None => Stdio::inherit(),
        };
        let display = Display::open()?;
        let port = free_port()?;
        let native_port = free_port()?;
        let child = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DISPLAY", &display.name)
            .env("DOORSTEP_DATA_DIR", data_dir)
            .env("DOORSTEP_CREDENTIAL_STORE", "file")
            .env("XDG_DATA_HOME", xdg.join("data"))
            .env("XDG_CACHE_HOME", xdg.join("cache"))
            .env("XDG_CONFIG_HOME", xdg.join("config"))
            .env("DOORSTEP_DOCUMENTS_DIR", xdg.join("documents"))
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .context("starting tauri-driver (cargo install tauri-driver --locked)")?;
        let driver = TauriDriver {
            child,
            port,
            _display: display,
        };
        let deadline = Instant::now() + WAIT;
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            ensure!(
                Instant::now() < deadline,
                "tauri-driver did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(driver)
    }

    /// Creates a WebDriver session, which launches the app.
    pub async fn connect(&self, application: &Path) -> anyhow::Result<Client> {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), Value::from("wry"));
        capabilities.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": application }),
        );
        let client = ClientBuilder::native()
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

/// A head office server over plain HTTP on 127.0.0.1 (the only address a device accepts plain
/// HTTP from), its SQLite database in a folder of its own, filled with the demo patch for one
/// officer. Killed, and its folder removed, when dropped.
pub struct HeadOfficeServer {
    child: Child,
    binary: PathBuf,
    database_url: String,
    port: u16,
    /// `http://127.0.0.1:PORT`, as the officer types it.
    pub url: String,
    // Dropped after the child is killed (see Drop), so the database outlives the server.
    folder: tempfile::TempDir,
}

impl HeadOfficeServer {
    /// Loads `accounts_count` demo accounts (one year of ledger each) for `officer_name`, then
    /// serves them, waiting until the port accepts connections.
    pub fn start(
        binaries: &Binaries,
        officer_name: &str,
        accounts_count: u32,
    ) -> anyhow::Result<HeadOfficeServer> {
        ensure!(
            binaries.headoffice.exists(),
            "{} is missing: build it first (cargo build -p doorstep-headoffice)",
            binaries.headoffice.display()
        );
        let folder = tempfile::tempdir()?;
        let database_url = format!("sqlite://{}", folder.path().join("headoffice.db").display());
        let accounts = accounts_count.to_string();
        headoffice_command(
            &binaries.headoffice,
            &database_url,
            &[
                "load-demo",
                "--officer",
                officer_name,
                "--accounts",
                &accounts,
                "--years",
                "1",
            ],
        )?;
        let port = free_port()?;
        let child = serve(&binaries.headoffice, &database_url, port, folder.path())?;
        let server = HeadOfficeServer {
            child,
            binary: binaries.headoffice.clone(),
            database_url,
            port,
            url: format!("http://127.0.0.1:{port}"),
            folder,
        };
        server.wait_until_listening()?;
        Ok(server)
    }

    /// Stops serving, as a network outage would look to the laptop; the database stays.
    pub fn stop(&mut self) -> anyhow::Result<()> {
        self.child.kill()?;
        self.child.wait()?;
        Ok(())
    }

    /// Serves again on the same address after `stop`.
    pub fn serve_again(&mut self) -> anyhow::Result<()> {
        self.child = serve(
            &self.binary,
            &self.database_url,
            self.port,
            self.folder.path(),
        )?;
        self.wait_until_listening()
    }

    fn wait_until_listening(&self) -> anyhow::Result<()> {
        let deadline = Instant::now() + WAIT;
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            ensure!(
                Instant::now() < deadline,
                "head office did not listen on {}: {}",
                self.port,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(())
    }

    /// An administrator's command against the running server's database; its stdout.
    pub fn admin(&self, arguments: &[&str]) -> anyhow::Result<String> {
        headoffice_command(&self.binary, &self.database_url, arguments)
    }

    /// A new one-time enrolment code for the officer, as head office prints it.
    pub fn issue_enrolment_code(&self, officer_name: &str) -> anyhow::Result<String> {
        let printed = self.admin(&["issue-enrolment-code", officer_name])?;
        let prefix = format!("Enrolment code for {officer_name}: ");
        printed
            .lines()
            .find_map(|line| line.strip_prefix(&prefix))
            .map(|code| code.trim().to_string())
            .with_context(|| format!("no enrolment code in {printed:?}"))
    }

    /// A file in the server's own folder, for exports.
    pub fn path(&self, name: &str) -> PathBuf {
        self.folder.path().join(name)
    }

    /// What the server wrote to stderr so far, for a failure's message.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.folder.path().join("serve.log")).unwrap_or_default()
    }
}

impl Drop for HeadOfficeServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(binary: &Path, database_url: &str, port: u16, folder: &Path) -> anyhow::Result<Child> {
    // Appended, so a second start after `stop` keeps the first one's lines.
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(folder.join("serve.log"))?;
    Command::new(binary)
        .args([
            "serve",
            "--plain-http",
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .env("DOORSTEP_HEADOFFICE_DATABASE", database_url)
        .current_dir(folder)
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .context("starting doorstep-headoffice serve")
}

fn headoffice_command(
    binary: &Path,
    database_url: &str,
    arguments: &[&str],
) -> anyhow::Result<String> {
    let output = Command::new(binary)
        .args(arguments)
        .env("DOORSTEP_HEADOFFICE_DATABASE", database_url)
        .output()
        .context("running doorstep-headoffice")?;
    ensure!(
        output.status.success(),
        "doorstep-headoffice {arguments:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(String::from_utf8(output.stdout)?)
}

fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// The account most in arrears whose next action is a policy step (Letter 1, a notice, ...).
pub fn account_with_a_step_due(worklist: &serde_json::Value) -> anyhow::Result<&serde_json::Value> {
    let items = worklist["items"].as_array().context("no items")?;
    let not_steps = ["nothing", "wait", "blocked", "arrangement_broken"];
    items
        .iter()
        .filter(|item| {
            item["next_action"]["code"]
                .as_str()
                .is_some_and(|code| !not_steps.contains(&code))
        })
        .max_by_key(|item| {
            item["balance"]
                .as_str()
                .and_then(|text| text.parse::<rust_decimal::Decimal>().ok())
                .unwrap_or_default()
        })
        .context("no account in the demo has a policy step due")
}
