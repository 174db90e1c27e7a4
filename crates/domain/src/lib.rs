//! Doorstep's rules for a rent income officer's caseload.
//!
//! Invariants of this crate, mostly absences: it does no IO, reads no clock (today is always an
//! argument), starts no tasks and knows nothing of SQLite, Tauri or the wire format. It builds for
//! `wasm32-unknown-unknown` so the UI can run the same rules offline. Money is
//! `rust_decimal::Decimal` in pounds with two decimal places, never a float; integer pence is only
//! how the store keeps it (see `money`).

pub mod arrangement;
pub mod arrears;
pub mod authority;
pub mod bank_details;
pub mod benefits;
pub mod card_payment;
pub mod claim;
pub mod court;
pub mod escalation;
pub mod flags;
pub mod former_tenancy;
pub mod history;
pub mod housing_benefit;
pub mod income_expenditure;
pub mod ledger;
pub mod legal;
pub mod money;
pub mod payment_schedule;
pub mod protocol;
pub mod rent_schedule;
pub mod reports;
pub mod round;
pub mod search;
pub mod tenancy;
pub mod universal_credit;
pub mod worklist;
