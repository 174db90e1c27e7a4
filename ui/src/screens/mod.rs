//! One module per screen, plus the header bar the unlocked screens share. The account page's
//! forms live beside it in `account_forms`; the court file's
//! sections are `court_notice`, `court_claim` and `court_after` beside `court_file`; the benefits
//! screen's are `benefit_requests` and `dhp` beside `benefits`; the people screen's forms are
//! `people_forms` beside `people`. Both build their forms from `form_groups`. The account
//! page's balance history is `account_chart`; `export` is the XLSX/CSV bar the worklist,
//! caseload and report share. The head office screen's sync panel is `head_office_sync`
//! beside `head_office`.

pub mod account;
pub mod account_chart;
pub mod account_forms;
pub mod benefit_requests;
pub mod benefits;
pub mod caseload;
pub mod court_after;
pub mod court_claim;
pub mod court_file;
pub mod court_notice;
pub mod dhp;
pub mod export;
pub mod form_groups;
pub mod former_tenancy;
pub mod head_office;
pub mod head_office_sync;
pub mod header;
pub mod housing_benefit;
pub mod income_expenditure_form;
pub mod payment_schedule;
pub mod people;
pub mod people_forms;
pub mod policy;
pub mod reports;
pub mod round;
pub mod set_up;
pub mod unlock;
pub mod visit_forms;
pub mod visit_panel;
pub mod worklist;
