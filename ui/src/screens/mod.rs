//! One module per screen, plus the header bar the unlocked screens share.

pub mod account;
pub mod caseload;
pub mod header;
pub mod set_up;
pub mod unlock;
