//! One module per screen, plus the header bar the unlocked screens share. The account page's
//! forms live beside it in `account_forms`.

pub mod account;
pub mod account_forms;
pub mod caseload;
pub mod header;
pub mod policy;
pub mod set_up;
pub mod unlock;
pub mod worklist;
