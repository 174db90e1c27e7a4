//! The presenting officer's court paperwork: the notice and its certificate of service, the
//! claim form (N5) and particulars (N119), the arrears schedule, the witness statement, the
//! request for a warrant (N325), the chronology with the pre-action protocol checklist, and
//! the indexed bundle that puts them in one PDF (DOMAIN.md, "Court paperwork").
//!
//! These are forms "to the same effect as" the prescribed ones: every field, in the same order,
//! under the same headings and numbers, not a copy of a Crown-copyright layout. The law lives
//! elsewhere: the caller computes every figure and every legal date (notice periods, deemed
//! service, the schedule's two years) and this module prints them, refusing inputs that
//! contradict each other or leave a form half-empty.
//!
//! Codemap: `claim` (the header every paper shares, and its checks), `paper` (headings,
//! numbered paragraphs, tables and the statement of truth on a `Pages`), `notice`, `service`,
//! `claim_form`, `particulars`, `schedule`, `witness`, `warrant`, `chronology`,
//! `income_expenditure_section`, `balance_chart` (the ledger as a chart beside the schedule),
//! `supplied` (a tenancy agreement scanned, as JPEG or PNG page images,
//! or as PDFs), `supplied_pdf` (every page of a supplied PDF copied in as a form XObject, its
//! fonts, images and printable annotations with it, refusing encrypted, damaged, empty or
//! over-long files), `bundle`.

mod balance_chart;
mod bundle;
mod chronology;
mod claim;
mod claim_form;
mod income_expenditure_section;
mod notice;
mod paper;
mod particulars;
mod schedule;
mod service;
mod supplied;
mod supplied_pdf;
mod warrant;
mod witness;

pub use balance_chart::BalanceChart;
pub use bundle::{court_bundle_pdf, Available, BundleProgress, CourtBundle, LetterSent};
pub use chronology::{chronology_pdf, Chronology, ProtocolItem, ProtocolStatus};
pub use claim::{ClaimHeader, DatedText, Signatory, COURT_LIST_ITEMS_MAX, COURT_TEXT_CHARS_MAX};
pub use claim_form::{claim_form_pdf, ClaimForm};
pub use income_expenditure_section::{IncomeExpenditureSummary, MoneyLine};
pub use notice::{
    notice_pdf, Notice, NoticeGround, NoticeKind, GROUND_10_ASSURED, GROUND_11_ASSURED,
    GROUND_1_SECURE, GROUND_8_ASSURED_BEFORE_RRA_2025,
};
pub use particulars::{particulars_of_claim_pdf, NoticeServed, ParticularsOfClaim};
pub use schedule::{
    arrears_schedule_pdf, ArrearsSchedule, ArrearsScheduleFigures, ScheduleRow,
    ARREARS_SCHEDULE_ROWS_MAX,
};
pub use service::{certificate_of_service_pdf, CertificateOfService, ServiceMethod, ServiceRecord};
pub use supplied::SuppliedDocument;
pub use warrant::{warrant_request_pdf, WarrantRequest};
pub use witness::{witness_statement_pdf, WitnessStatement};
