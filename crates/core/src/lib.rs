//! The application core: what both the desktop shell and the `doorstep` CLI drive.
//!
//! It owns the session (locked or unlocked, idle lock), turns store records into `doorstep-api`
//! views by way of `doorstep-domain`'s rules, and maps every lower error to one `ApiError`.
//! It knows nothing of Tauri or of the command line.

mod account_chart;
mod account_page;
mod account_state;
mod benefit_work;
mod card;
mod caseload;
pub mod config;
mod court;
mod court_file;
mod court_papers;
mod court_pcol;
mod demo_history;
mod demo_people;
mod documents;
mod errors;
mod exports;
mod former_tenancy;
mod head_office;
mod housing_benefit;
mod income_expenditure;
mod payment_schedules;
mod people;
mod policy;
mod report_view;
mod reports;
mod session;
mod sync;
mod visit_panel;
mod visits;
mod work;

pub use config::{Config, ConfigError, CredentialStoreChoice};
pub use court::TENANCY_AGREEMENT_BYTES_MAX;
pub use court_pcol::{PcolClaim, PcolNotice, PcolParty, PcolSchedule, PcolScheduleRow, PcolStep};
pub use doorstep_demo::{
    DemoOptions, DEMO_ACCOUNTS_DEFAULT, DEMO_ACCOUNTS_MAX, DEMO_LEDGER_YEARS_DEFAULT,
    DEMO_LEDGER_YEARS_LIMIT,
};
pub use report_view::{figure_text, patch_report, TREND_WEEKS};
pub use session::{today, Session};
pub use work::{
    PaymentsOutcome, PaymentsRecorded, NOTE_CHARS_MAX, PAYMENT_BACKDATE_DAYS_MAX,
    PAYMENT_POUNDS_MAX,
};

/// The demo patch the first-run screen offers: the same seed always gives the same patch for a
/// given day, so a trainer and a trainee see the same tenants.
pub const DEMO_SEED_DEFAULT: u64 = 2026;
