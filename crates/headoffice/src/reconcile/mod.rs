//! Reconciling what officers took in the field with what the money's other side says, and
//! handing officers' work back to the HMS.
//!
//! - `card_settlement`: a card provider's settlement file, stored, matched against the card
//!   payments officers took.
//! - `cheque_banking`: the bank's banking file, stored, matched against cheques officers took.
//! - `hms_export`: payments, diary entries and legal steps from devices, as CSV for the HMS.
//! - `commands`: the applied commands all three read, as intake stored them.
//!
//! Reports read; only importing a file and flagging an account write, each under the write
//! lock.

pub mod card_settlement;
pub mod cheque_banking;
pub mod commands;
pub mod hms_export;
