//! One module per screen, plus the header bar the unlocked screens share. The account page's
//! forms live beside it in `account_forms`.

pub mod account;
pub mod account_forms;
pub mod caseload;
pub mod header;
pub mod income_expenditure_form;
pub mod policy;
pub mod round;
pub mod set_up;
pub mod unlock;
pub mod visit_forms;
pub mod visit_panel;
pub mod worklist;
