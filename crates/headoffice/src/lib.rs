//! Head office: the server officers' devices reconcile with.
//!
//! It keeps no state of its own outside the database, so several instances can serve one
//! PostgreSQL database behind a load balancer; SQLite (one file) is the default for a small
//! landlord or a test.
//!
//! Codemap:
//! - `db`: the database (SQLite or PostgreSQL by URL) and the one write lock.
//! - `secrets`: device tokens and enrolment codes, kept as hashes.
//! - `admin`: officers, enrolment codes, assignments, revocation.
//! - `enrol`, `auth`: a code becomes a token; a token becomes a [`auth::Device`].
//! - `intake`: a device's commands, each applied exactly once.
//! - `changes`, `caseload`: the change log and the pages devices pull from it.
//! - `accounts`: accounts and the authoritative ledger.
//! - `server`, `tls`: the HTTP API and its certificate.
//! - `running`: a head office serving in-process, for tests and benchmarks.
//! - `demo`: a synthetic patch, for trying the reconcile and for the benchmarks.
//! - `import`: the housing management system's extracts, each file all or nothing.
//! - `reconcile`: card settlements and bank cheque files matched against what officers
//!   took, and the export of officers' payments, diary and legal steps for the HMS.
//! - `csv_input`, `money`: reading other systems' CSV files; pounds text ↔ exact pence.

pub mod accounts;
pub mod admin;
pub mod auth;
pub mod caseload;
pub mod changes;
pub mod csv_input;
pub mod db;
pub mod demo;
pub mod enrol;
pub mod error;
pub mod import;
pub mod intake;
pub mod money;
pub mod reconcile;
pub mod running;
pub mod secrets;
pub mod server;
pub mod tls;

pub use db::{Db, Dialect};
pub use error::Error;
