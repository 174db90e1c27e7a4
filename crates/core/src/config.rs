//! Where the store lives, which credential store holds its key, and when the app locks.
//! Read once at start-up from flags and the environment; the same for the app and the CLI.

use std::path::PathBuf;
use std::time::Duration;

use doorstep_domain::card_payment::CardCaps;
use doorstep_domain::legal::LegalSettings;
use rust_decimal::Decimal;

pub const ENV_DATA_DIR: &str = "DOORSTEP_DATA_DIR";
pub const ENV_CREDENTIAL_STORE: &str = "DOORSTEP_CREDENTIAL_STORE";
pub const ENV_IDLE_LOCK_MINUTES: &str = "DOORSTEP_IDLE_LOCK_MINUTES";
/// The officer's name as the diary and letters show it, until head office enrols the device.
pub const ENV_OFFICER: &str = "DOORSTEP_OFFICER";
/// Where produced PDFs are written.
pub const ENV_DOCUMENTS_DIR: &str = "DOORSTEP_DOCUMENTS_DIR";
pub const OFFICER_NAME_CHARS_MAX: usize = 80;
/// The card provider's caps, in whole pounds: the most one card payment may be, and the most
/// that may be held in payments approved offline and not yet forwarded.
pub const ENV_CARD_PAYMENT_MAX_POUNDS: &str = "DOORSTEP_CARD_PAYMENT_MAX_POUNDS";
pub const ENV_CARD_OFFLINE_TOTAL_MAX_POUNDS: &str = "DOORSTEP_CARD_OFFLINE_TOTAL_MAX_POUNDS";
/// No provider lets a field terminal take more than this in one payment or hold more offline.
pub const CARD_CAP_POUNDS_LIMIT: u32 = 50_000;

pub const IDLE_LOCK_MINUTES_DEFAULT: u32 = 10;
pub const IDLE_LOCK_MINUTES_MIN: u32 = 1;
/// A working day: an unattended laptop should never stay open longer.
pub const IDLE_LOCK_MINUTES_MAX: u32 = 480;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialStoreChoice {
    /// The operating system's credential store. The default, and the only one a normal run uses.
    Os,
    /// A file beside the database, for tests and CI. Only ever used when explicitly selected.
    File,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub data_dir: PathBuf,
    pub credential_store: CredentialStoreChoice,
    pub idle_lock_minutes: u32,
    pub officer_name: String,
    pub documents_dir: PathBuf,
    pub card_caps: CardCaps,
    pub legal_settings: LegalSettings,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("no data folder: pass --data-dir DIR or set {ENV_DATA_DIR}")]
    NoDataDir,
    #[error("{ENV_CREDENTIAL_STORE} is {value:?}; it must be \"os\" or \"file\"")]
    UnknownCredentialStore { value: String },
    #[error("{name} is {value:?}; it must be a whole number of pounds from 1 to {CARD_CAP_POUNDS_LIMIT}, and the offline total at least the payment cap")]
    BadCardCap { name: &'static str, value: String },
    #[error("{ENV_IDLE_LOCK_MINUTES} is {value:?}; it must be a whole number of minutes from {IDLE_LOCK_MINUTES_MIN} to {IDLE_LOCK_MINUTES_MAX}")]
    BadIdleLockMinutes { value: String },
}

impl Config {
    /// `data_dir_flag` wins over the environment; then the platform's per-user data folder.
    pub fn from_environment(data_dir_flag: Option<PathBuf>) -> Result<Config, ConfigError> {
        let variable = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        let data_dir = data_dir_flag
            .or_else(|| variable(ENV_DATA_DIR).map(PathBuf::from))
            .or_else(default_data_dir)
            .ok_or(ConfigError::NoDataDir)?;
        let credential_store = match variable(ENV_CREDENTIAL_STORE).as_deref() {
            None | Some("os") => CredentialStoreChoice::Os,
            Some("file") => CredentialStoreChoice::File,
            Some(other) => {
                return Err(ConfigError::UnknownCredentialStore {
                    value: other.to_string(),
                })
            }
        };
        let idle_lock_minutes = match variable(ENV_IDLE_LOCK_MINUTES) {
            None => IDLE_LOCK_MINUTES_DEFAULT,
            Some(value) => parse_idle_lock_minutes(&value)?,
        };
        let officer_name = variable(ENV_OFFICER)
            .or_else(|| variable("USER"))
            .map(|name| name.trim().chars().take(OFFICER_NAME_CHARS_MAX).collect())
            .unwrap_or_else(|| "Income officer".to_string());
        let documents_dir = variable(ENV_DOCUMENTS_DIR)
            .map(PathBuf::from)
            .unwrap_or_else(|| default_documents_dir(&data_dir));
        let mut card_caps = CardCaps::default();
        for (name, cap) in [
            (ENV_CARD_PAYMENT_MAX_POUNDS, &mut card_caps.payment_max),
            (
                ENV_CARD_OFFLINE_TOTAL_MAX_POUNDS,
                &mut card_caps.offline_total_max,
            ),
        ] {
            if let Some(value) = variable(name) {
                *cap = parse_card_cap(name, &value)?;
            }
        }
        if card_caps.offline_total_max < card_caps.payment_max {
            return Err(ConfigError::BadCardCap {
                name: ENV_CARD_OFFLINE_TOTAL_MAX_POUNDS,
                value: card_caps.offline_total_max.to_string(),
            });
        }
        // The date the Renters' Rights Act reaches social assured tenancies is data, with its
        // source (`domain/data/legal/settings.json`), not an environment variable: the rule
        // set's own effective date must agree with it, or notices would cite the wrong law.
        let legal_settings = LegalSettings::default();
        Ok(Config {
            data_dir,
            credential_store,
            idle_lock_minutes,
            officer_name,
            documents_dir,
            card_caps,
            legal_settings,
        })
    }

    /// A configuration for `data_dir` with every other setting at its default: for tests and
    /// tools that name the folder themselves.
    pub fn for_data_dir(data_dir: PathBuf, credential_store: CredentialStoreChoice) -> Config {
        Config {
            documents_dir: data_dir.join("documents"),
            data_dir,
            credential_store,
            idle_lock_minutes: IDLE_LOCK_MINUTES_DEFAULT,
            officer_name: "Income officer".to_string(),
            card_caps: CardCaps::default(),
            legal_settings: LegalSettings::default(),
        }
    }

    pub fn idle_lock(&self) -> Duration {
        Duration::from_secs(u64::from(self.idle_lock_minutes) * 60)
    }
}

fn parse_idle_lock_minutes(value: &str) -> Result<u32, ConfigError> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|minutes| (IDLE_LOCK_MINUTES_MIN..=IDLE_LOCK_MINUTES_MAX).contains(minutes))
        .ok_or_else(|| ConfigError::BadIdleLockMinutes {
            value: value.to_string(),
        })
}

/// `~/Documents/Doorstep` where there is a home folder, so an officer finds letters where they
/// look for them; otherwise beside the data.
fn default_documents_dir(data_dir: &std::path::Path) -> PathBuf {
    match std::env::var_os("HOME").filter(|home| !home.is_empty()) {
        Some(home) => PathBuf::from(home).join("Documents").join("Doorstep"),
        None => data_dir.join("documents"),
    }
}

fn default_data_dir() -> Option<PathBuf> {
    let variable = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
    if let Some(xdg) = variable("XDG_DATA_HOME") {
        return Some(PathBuf::from(xdg).join("doorstep"));
    }
    if let Some(app_data) = variable("APPDATA") {
        return Some(PathBuf::from(app_data).join("Doorstep"));
    }
    variable("HOME").map(|home| PathBuf::from(home).join(".local/share/doorstep"))
}

fn parse_card_cap(name: &'static str, value: &str) -> Result<Decimal, ConfigError> {
    match value.trim().parse::<u32>() {
        Ok(pounds) if (1..=CARD_CAP_POUNDS_LIMIT).contains(&pounds) => Ok(Decimal::from(pounds)),
        _ => Err(ConfigError::BadCardCap {
            name,
            value: value.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_lock_minutes_are_bounded() {
        assert_eq!(parse_idle_lock_minutes("15"), Ok(15));
        assert_eq!(parse_idle_lock_minutes(" 1 "), Ok(1));
        for bad in ["0", "481", "-3", "ten", ""] {
            assert!(parse_idle_lock_minutes(bad).is_err(), "{bad:?} accepted");
        }
    }
}
