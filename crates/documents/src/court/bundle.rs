//! The court bundle: one PDF with an index, then every section in the order a possession
//! hearing expects (DOMAIN.md, "Court paperwork"), numbered "Page 7 of 42" throughout and
//! headed on every page with the claim. A section the caller does not have is listed in the
//! index as not available, with the reason, and never silently dropped.
//!
//! The sections are laid out first, so their first pages are known; the index is then laid
//! out on pages of its own and put in front, and every number in it is offset by the index's
//! own page count. The index's length does not depend on the numbers it prints.

use chrono::NaiveDate;
use printpdf::PdfDocument;

use crate::court::balance_chart::{draw_balance_chart, BalanceChart};
use crate::court::chronology::{check_chronology, draw_chronology, Chronology};
use crate::court::claim::{check_header, check_list, check_text, incomplete, ClaimHeader};
use crate::court::claim_form::{check_claim_form, draw_claim_form, ClaimForm};
use crate::court::income_expenditure_section::{
    check_income_expenditure, draw_income_expenditure, IncomeExpenditureSummary,
};
use crate::court::notice::{check_notice, draw_notice, Notice};
use crate::court::paper::{
    claim_fields, heading, paragraph, paragraph_styled, space, title_block, BODY_BOLD, LABEL, TITLE,
};
use crate::court::particulars::{check_particulars, draw_particulars, ParticularsOfClaim};
use crate::court::schedule::{draw_schedule, ArrearsSchedule};
use crate::court::service::{check_certificate, draw_certificate, CertificateOfService};
use crate::court::supplied::{add_supplied_pages, SuppliedDocument, SuppliedPage};
use crate::court::witness::{check_witness, draw_witness, WitnessStatement};
use crate::error::{long_date, DocumentError};
use crate::fonts::Fonts;
use crate::layout::{
    save, Chrome, ClaimBand, Pages, TextStyle, BODY_BOTTOM_MM, CONTENT_RIGHT_MM, CONTENT_WIDTH_MM,
    MARGIN_LEFT_MM,
};

const DOCUMENT: &str = "court bundle";

/// A section the caller has, or why it does not.
#[derive(Debug, Clone, PartialEq)]
pub enum Available<T> {
    Supplied(T),
    NotAvailable { reason: String },
}

impl<T> Available<T> {
    fn supplied(&self) -> Option<&T> {
        match self {
            Available::Supplied(value) => Some(value),
            Available::NotAvailable { .. } => None,
        }
    }
}

/// A letter sent to the tenant, as it was sent.
#[derive(Debug, Clone, PartialEq)]
pub struct LetterSent {
    pub sent_on: NaiveDate,
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CourtBundle {
    pub header: ClaimHeader,
    pub prepared_on: NaiveDate,
    pub claim_form: Available<ClaimForm>,
    pub particulars: Available<ParticularsOfClaim>,
    pub tenancy_agreement: Available<SuppliedDocument>,
    pub notice: Available<Notice>,
    pub certificate_of_service: Available<CertificateOfService>,
    pub arrears_schedule: Available<ArrearsSchedule>,
    pub balance_chart: Available<BalanceChart>,
    pub chronology: Available<Chronology>,
    pub income_expenditure: Available<IncomeExpenditureSummary>,
    pub witness_statement: Available<WitnessStatement>,
    pub correspondence: Available<Vec<LetterSent>>,
}

/// Reported as each section is laid out and when the file is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleProgress {
    pub done: usize,
    pub total: usize,
    pub stage: String,
}

const TAB_TITLES: [&str; 8] = [
    "Claim form and particulars of claim",
    "Tenancy agreement",
    "Notice and certificate of service",
    "Arrears schedule",
    "Chronology and pre-action protocol checklist",
    "Income and expenditure",
    "Witness statement",
    "Correspondence",
];
/// The sections, then the index, then writing the file.
const PROGRESS_STEPS: usize = TAB_TITLES.len() + 2;

/// One part of a tab as the index lists it.
struct PartEntry {
    name: &'static str,
    not_available_reason: Option<String>,
}

struct TabEntry {
    /// The first page within the sections (1-based), if anything was laid out.
    first_body_page: Option<usize>,
    parts: Vec<PartEntry>,
}

pub fn court_bundle_pdf(
    bundle: &CourtBundle,
    progress: &mut dyn FnMut(BundleProgress),
) -> Result<Vec<u8>, DocumentError> {
    check_bundle(bundle)?;
    let header = &bundle.header;
    let mut document = PdfDocument::new(&format!("Court bundle — {}", header.claim_title()));
    let fonts = Fonts::register(&mut document)?;
    let agreement_pages = match bundle.tenancy_agreement.supplied() {
        Some(supplied) => add_supplied_pages(&mut document, supplied)?,
        None => Vec::new(),
    };
    let mut body = Pages::new(&fonts);
    let mut started = false;
    let mut tabs = Vec::with_capacity(TAB_TITLES.len());
    for (tab_index, title) in TAB_TITLES.iter().enumerate() {
        let tab = lay_out_tab(&mut body, &mut started, bundle, tab_index, &agreement_pages)?;
        tabs.push(tab);
        progress(BundleProgress {
            done: tab_index + 1,
            total: PROGRESS_STEPS,
            stage: format!("Laid out tab {}: {title}", tab_index + 1),
        });
    }
    let mut index = lay_out_index(&fonts, header, bundle.prepared_on, &tabs, 0)?;
    let index_pages_count = index.page_number();
    // The index's length does not depend on its numbers; laying it out again with the offset
    // gives the same pages with the right numbers.
    if index_pages_count > 0 {
        index = lay_out_index(&fonts, header, bundle.prepared_on, &tabs, index_pages_count)?;
    }
    index.append(body)?;
    progress(BundleProgress {
        done: TAB_TITLES.len() + 1,
        total: PROGRESS_STEPS,
        stage: "Laid out the index".to_string(),
    });
    let chrome = Chrome {
        landlord: &header.claimant,
        as_at: bundle.prepared_on,
        footer_title: index.fit_footer_title("Court bundle"),
    };
    let band = ClaimBand {
        claim_title: header.claim_title(),
        draft: false,
    };
    let pdf_pages = index.finish_with_band(&chrome, Some(&band));
    let bytes = save(document, pdf_pages, bundle.prepared_on);
    progress(BundleProgress {
        done: PROGRESS_STEPS,
        total: PROGRESS_STEPS,
        stage: "Saved the bundle".to_string(),
    });
    Ok(bytes)
}

/// Every supplied section is checked before anything is laid out: a bundle is refused whole.
fn check_bundle(bundle: &CourtBundle) -> Result<(), DocumentError> {
    let header = &bundle.header;
    check_header(DOCUMENT, header)?;
    if let Some(form) = bundle.claim_form.supplied() {
        check_claim_form(header, form)?;
    }
    if let Some(particulars) = bundle.particulars.supplied() {
        let schedule = bundle.arrears_schedule.supplied().ok_or_else(|| {
            incomplete(
                DOCUMENT,
                "the particulars of claim rely on the arrears schedule, which is not available",
            )
        })?;
        check_particulars(header, particulars, schedule)?;
    }
    if let Some(notice) = bundle.notice.supplied() {
        check_notice(header, notice)?;
    }
    if let Some(certificate) = bundle.certificate_of_service.supplied() {
        check_certificate(header, certificate)?;
    }
    if let Some(chronology) = bundle.chronology.supplied() {
        check_chronology(header, chronology)?;
    }
    if let Some(summary) = bundle.income_expenditure.supplied() {
        check_income_expenditure(summary)?;
    }
    if let Some(statement) = bundle.witness_statement.supplied() {
        check_witness(header, statement)?;
    }
    if let Some(letters) = bundle.correspondence.supplied() {
        check_list(DOCUMENT, "letters", letters, true)?;
        for letter in letters {
            check_text(DOCUMENT, "title of a letter", &letter.title)?;
            check_text(DOCUMENT, "text of a letter", &letter.text)?;
        }
    }
    check_reasons(bundle)
}

fn check_reasons(bundle: &CourtBundle) -> Result<(), DocumentError> {
    let reasons = [
        reason_of(&bundle.claim_form),
        reason_of(&bundle.particulars),
        reason_of(&bundle.tenancy_agreement),
        reason_of(&bundle.notice),
        reason_of(&bundle.certificate_of_service),
        reason_of(&bundle.arrears_schedule),
        reason_of(&bundle.balance_chart),
        reason_of(&bundle.chronology),
        reason_of(&bundle.income_expenditure),
        reason_of(&bundle.witness_statement),
        reason_of(&bundle.correspondence),
    ];
    for reason in reasons.into_iter().flatten() {
        check_text(DOCUMENT, "reason a section is not available", &reason)?;
    }
    Ok(())
}

fn reason_of<T>(available: &Available<T>) -> Option<String> {
    match available {
        Available::Supplied(_) => None,
        Available::NotAvailable { reason } => Some(reason.clone()),
    }
}

/// Each part starts on a fresh page; the first part of the bundle uses the first page.
fn start_part(body: &mut Pages<'_>, started: &mut bool) -> Result<usize, DocumentError> {
    if *started {
        body.new_page()?;
    }
    *started = true;
    Ok(body.page_number())
}

fn lay_out_tab(
    body: &mut Pages<'_>,
    started: &mut bool,
    bundle: &CourtBundle,
    tab_index: usize,
    agreement_pages: &[SuppliedPage],
) -> Result<TabEntry, DocumentError> {
    let header = &bundle.header;
    let mut tab = TabEntry {
        first_body_page: None,
        parts: Vec::new(),
    };
    // Each part: its name, whether it is here, and how to draw it.
    type Draw<'b> = Box<dyn FnOnce(&mut Pages<'_>) -> Result<(), DocumentError> + 'b>;
    let mut parts: Vec<(&'static str, Option<String>, Option<Draw<'_>>)> = Vec::new();
    macro_rules! part {
        ($name:expr, $available:expr, $draw:expr) => {
            match &$available {
                Available::Supplied(value) => {
                    let draw: Draw<'_> = Box::new(move |pages| $draw(pages, value));
                    parts.push(($name, None, Some(draw)));
                }
                Available::NotAvailable { reason } => {
                    parts.push(($name, Some(reason.trim().to_string()), None));
                }
            }
        };
    }
    match tab_index {
        0 => {
            part!("Claim form", bundle.claim_form, |pages, form| {
                draw_claim_form(pages, header, form)
            });
            part!(
                "Particulars of claim",
                bundle.particulars,
                |pages, particulars| { draw_particulars(pages, header, particulars) }
            );
        }
        1 => part!(
            "Tenancy agreement",
            bundle.tenancy_agreement,
            |pages, supplied| { draw_supplied(pages, header, supplied, agreement_pages) }
        ),
        2 => {
            part!("Notice", bundle.notice, |pages, notice| draw_notice(
                pages, header, notice
            ));
            part!(
                "Certificate of service",
                bundle.certificate_of_service,
                |pages, certificate| { draw_certificate(pages, header, certificate) }
            );
        }
        3 => {
            part!(
                "Arrears schedule",
                bundle.arrears_schedule,
                |pages, schedule| { draw_schedule(pages, header, schedule) }
            );
            part!("Balance chart", bundle.balance_chart, |pages, chart| {
                draw_balance_chart(pages, header, chart)
            });
        }
        4 => part!(
            "Chronology and protocol checklist",
            bundle.chronology,
            |pages, chronology| { draw_chronology(pages, header, chronology) }
        ),
        5 => part!(
            "Income and expenditure",
            bundle.income_expenditure,
            |pages, summary| { draw_income_expenditure(pages, header, summary) }
        ),
        6 => part!(
            "Witness statement",
            bundle.witness_statement,
            |pages, statement| { draw_bundle_witness(pages, header, statement) }
        ),
        _ => part!("Correspondence", bundle.correspondence, |pages, letters| {
            draw_correspondence(pages, header, letters)
        }),
    }
    for (name, reason, draw) in parts {
        if let Some(draw) = draw {
            let first_page = start_part(body, started)?;
            tab.first_body_page.get_or_insert(first_page);
            draw(body)?;
        }
        tab.parts.push(PartEntry {
            name,
            not_available_reason: reason,
        });
    }
    Ok(tab)
}

fn draw_bundle_witness(
    pages: &mut Pages<'_>,
    header: &ClaimHeader,
    statement: &WitnessStatement,
) -> Result<(), DocumentError> {
    paragraph_styled(
        pages,
        "DRAFT — to be checked and signed by the witness",
        BODY_BOLD,
        0.0,
    )?;
    draw_witness(pages, header, statement)
}

fn draw_supplied(
    pages: &mut Pages<'_>,
    header: &ClaimHeader,
    supplied: &SuppliedDocument,
    supplied_pages: &[SuppliedPage],
) -> Result<(), DocumentError> {
    let pages_count = supplied_pages.len();
    for (index, image) in supplied_pages.iter().enumerate() {
        if index > 0 {
            pages.new_page()?;
        }
        paragraph_styled(
            pages,
            &format!(
                "Tenancy agreement as supplied: {} (page {} of {pages_count}); payment reference {}",
                supplied.description.trim(),
                index + 1,
                header.payment_reference.trim()
            ),
            LABEL,
            0.0,
        )?;
        space(pages, 2.0);
        // Scaled to fit the body, keeping its shape, so the bundle's page number still shows.
        let box_width_mm = CONTENT_WIDTH_MM;
        let box_height_mm = BODY_BOTTOM_MM - pages.cursor_mm;
        let aspect = image.height / image.width.max(f32::EPSILON);
        let (width_mm, height_mm) = if box_width_mm * aspect <= box_height_mm {
            (box_width_mm, box_width_mm * aspect)
        } else {
            (box_height_mm / aspect, box_height_mm)
        };
        let x_mm = MARGIN_LEFT_MM + (box_width_mm - width_mm) / 2.0;
        pages.image(image.id.clone(), x_mm, pages.cursor_mm, width_mm, height_mm);
        pages.cursor_mm += height_mm;
    }
    Ok(())
}

fn draw_correspondence(
    pages: &mut Pages<'_>,
    header: &ClaimHeader,
    letters: &[LetterSent],
) -> Result<(), DocumentError> {
    title_block(
        pages,
        "Correspondence",
        "Letters sent to the defendant, in date order, as sent.",
        header,
    )?;
    for letter in letters {
        heading(
            pages,
            &format!("{} — {}", long_date(&letter.sent_on), letter.title.trim()),
        )?;
        paragraph(pages, &letter.text)?;
    }
    Ok(())
}

const INDEX_ROW: TextStyle = TextStyle::regular(10.0);
const INDEX_ROW_BOLD: TextStyle = TextStyle::bold(10.0);
const INDEX_NOTE: TextStyle = TextStyle::secondary(9.0);

/// The index, with each tab's first page offset by `index_pages_count`.
fn lay_out_index<'f>(
    fonts: &'f Fonts,
    header: &ClaimHeader,
    prepared_on: NaiveDate,
    tabs: &[TabEntry],
    index_pages_count: usize,
) -> Result<Pages<'f>, DocumentError> {
    let mut pages = Pages::new(fonts);
    paragraph_styled(&mut pages, "Court bundle — index", TITLE, 0.0)?;
    paragraph_styled(
        &mut pages,
        &format!("Rule set: {}", header.rule_set_citation.trim()),
        LABEL,
        0.0,
    )?;
    paragraph_styled(
        &mut pages,
        &format!("Prepared on {}", long_date(&prepared_on)),
        LABEL,
        0.0,
    )?;
    space(&mut pages, 3.0);
    claim_fields(&mut pages, header)?;
    space(&mut pages, 4.0);
    for (tab_index, (tab, title)) in tabs.iter().zip(TAB_TITLES).enumerate() {
        pages.ensure_room(INDEX_ROW.line_height_mm() * 3.0)?;
        let baseline_mm = pages.cursor_mm + 4.0;
        let label = format!("Tab {} {title}", tab_index + 1);
        pages.text(MARGIN_LEFT_MM, baseline_mm, &label, INDEX_ROW_BOLD);
        let page = match tab.first_body_page {
            Some(first) => format!("page {}", first + index_pages_count),
            None => "not available".to_string(),
        };
        pages.text_right(CONTENT_RIGHT_MM, baseline_mm, &page, INDEX_ROW);
        pages.cursor_mm += INDEX_ROW.line_height_mm() + 1.5;
        for part in &tab.parts {
            if let Some(reason) = &part.not_available_reason {
                let note = format!("{}: not available — {reason}", part.name);
                paragraph_styled(&mut pages, &note, INDEX_NOTE, 8.0)?;
            }
        }
        space(&mut pages, 1.5);
    }
    Ok(pages)
}
