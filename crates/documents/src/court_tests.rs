//! Court papers through the public API: each PDF is read back with printpdf's parser and its
//! text checked, as in `tests.rs`.

use std::str::FromStr;

use chrono::{Days, NaiveDate};
use doorstep_domain::money::format_money;
use printpdf::{PdfDocument, PdfParseOptions};
use rust_decimal::Decimal;

use crate::*;

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("test literal")
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("test date")
}

pub(crate) fn pdf_pages_text(bytes: &[u8]) -> Vec<String> {
    let mut warnings = Vec::new();
    let document = PdfDocument::parse(bytes, &PdfParseOptions::default(), &mut warnings)
        .expect("a PDF we wrote parses");
    document
        .extract_text()
        .into_iter()
        .map(|page| page.join("\n"))
        .collect()
}

fn assert_contains_all(pages: &[String], expected: &[&str]) {
    let text = pages.join("\n");
    for wanted in expected {
        assert!(text.contains(wanted), "missing {wanted:?} in:\n{text}");
    }
}

const RULE_SET: &str = "HA 1988 s8, Sch 2 (pre-RRA 2025); CPR 55";

fn header() -> ClaimHeader {
    ClaimHeader {
        court_name: Some("County Court at Bradford".to_string()),
        claim_number: Some("K00BD123".to_string()),
        claimant: Landlord::demo(),
        defendants: vec!["Gary Okonkwo".to_string(), "Fatima Okonkwo".to_string()],
        property_address_lines: vec!["1 Cross Lane".to_string(), "Todmorden".to_string()],
        property_postcode: "OL14 5ZZ".to_string(),
        tenancy_reference: "TEN155433".to_string(),
        payment_reference: "188667687".to_string(),
        issue_date: Some(date(2026, 11, 2)),
        rule_set_citation: RULE_SET.to_string(),
    }
}

fn officer() -> Signatory {
    Signatory {
        name: "Jo Sutcliffe".to_string(),
        job_title: "Income Officer".to_string(),
    }
}

/// `weeks` of rent at £98.50 each Monday and £90.00 paid each Wednesday, ending before the
/// issue date; the brought-forward balance is £400.00.
fn schedule_figures(weeks: u64) -> ArrearsScheduleFigures {
    let period_to = date(2026, 11, 1);
    let period_from = period_to - Days::new(weeks * 7 - 1);
    let mut balance = dec("400.00");
    let mut rows = Vec::new();
    for week in 0..weeks {
        let monday = period_from + Days::new(week * 7);
        balance += dec("98.50");
        rows.push(ScheduleRow {
            date: monday,
            description: "Rent for the week".to_string(),
            debit: dec("98.50"),
            credit: Decimal::ZERO,
            balance,
        });
        balance -= dec("90.00");
        rows.push(ScheduleRow {
            date: monday + Days::new(2),
            description: "Payment, thank you".to_string(),
            debit: Decimal::ZERO,
            credit: dec("90.00"),
            balance,
        });
    }
    ArrearsScheduleFigures {
        period_from,
        period_to,
        brought_forward_on: period_from - Days::new(1),
        brought_forward: dec("400.00"),
        rows,
        closing_balance: balance,
        certifier: officer(),
        certified_on: date(2026, 11, 2),
    }
}

fn schedule(weeks: u64) -> ArrearsSchedule {
    ArrearsSchedule::new(schedule_figures(weeks)).expect("adds up")
}

fn notice() -> Notice {
    let ground = |code: &str, text: &str| NoticeGround {
        code: code.to_string(),
        statutory_text: text.to_string(),
        arrears_as_at: date(2026, 3, 2),
        arrears: dec("1234.56"),
        rent: dec("98.50"),
        rent_frequency: "weekly".to_string(),
        history: "No payment since January apart from £20 on 9 February.".to_string(),
    };
    Notice {
        kind: NoticeKind::AssuredForm3,
        proceedings_not_before: date(2026, 3, 17),
        usable_until: date(2027, 3, 2),
        grounds: vec![
            ground("Ground 8", GROUND_8_ASSURED_BEFORE_RRA_2025),
            ground("Ground 10", GROUND_10_ASSURED),
            ground("Ground 11", GROUND_11_ASSURED),
        ],
        signatory: officer(),
        signed_on: date(2026, 3, 2),
    }
}

fn certificate() -> CertificateOfService {
    CertificateOfService {
        document_served: "Notice seeking possession dated 2 March 2026".to_string(),
        records: vec![ServiceRecord {
            person_served: "Fatima Okonkwo".to_string(),
            method: ServiceMethod::LeftAtProperty,
            served_at: date(2026, 3, 2).and_hms_opt(10, 45, 0).expect("time"),
            served_by: "Jo Sutcliffe".to_string(),
            address_lines: vec!["1 Cross Lane".to_string(), "OL14 5ZZ".to_string()],
            deemed_served_on: date(2026, 3, 3),
        }],
        signatory: officer(),
        signed_on: date(2026, 3, 2),
    }
}

fn claim_form() -> ClaimForm {
    ClaimForm {
        includes_dwelling: true,
        court_fee: dec("404.00"),
        legal_representative_costs: Some(dec("69.50")),
        total: dec("473.50"),
        signatory: officer(),
        signed_on: date(2026, 11, 2),
    }
}

fn particulars(arrears_at_issue: Decimal) -> ParticularsOfClaim {
    ParticularsOfClaim {
        right_to_possession: "The property is let to the defendants on an assured tenancy."
            .to_string(),
        tenancy_kind: "an assured tenancy".to_string(),
        tenancy_started_on: date(2020, 4, 6),
        rent: dec("98.50"),
        rent_frequency: "weekly".to_string(),
        daily_rent: dec("14.07"),
        arrears_at_issue,
        recovery_steps: vec![DatedText {
            date: date(2025, 6, 1),
            text: "Suspended possession order made on terms of £5 a week".to_string(),
        }],
        notice: NoticeServed {
            kind: NoticeKind::AssuredForm3,
            served_on: date(2026, 3, 2),
            method: ServiceMethod::ByHand,
            served_on_whom: vec!["Gary Okonkwo".to_string()],
        },
        benefits: vec![
            "Universal Credit housing element £412.00 monthly paid to the tenant".to_string(),
        ],
        other_circumstances: "Mr Okonkwo works part time.".to_string(),
        costs_claimed: true,
        signatory: officer(),
        signed_on: date(2026, 11, 2),
    }
}

fn protocol() -> Vec<ProtocolItem> {
    vec![
        ProtocolItem {
            requirement: "Rent statements at least quarterly".to_string(),
            status: ProtocolStatus::Met,
            evidence: "Statements sent 1 June and 1 September".to_string(),
        },
        ProtocolItem {
            requirement: "Offered help with the benefit claim".to_string(),
            status: ProtocolStatus::Missing,
            evidence: "No record found".to_string(),
        },
    ]
}

fn witness() -> WitnessStatement {
    WitnessStatement {
        witness: officer(),
        employer: "Calder Valley Homes".to_string(),
        statement_number: 1,
        exhibits: vec!["JS1 rent statement".to_string()],
        made_on: date(2026, 11, 20),
        introduction: "I am responsible for this tenancy's rent account.".to_string(),
        tenancy: "The tenancy began on 6 April 2020.".to_string(),
        arrears_summary: vec![MoneyLine {
            label: "Arrears at issue".to_string(),
            amount: dec("2018.00"),
        }],
        arrears_history: "Payments stopped in January.".to_string(),
        contacts: vec![DatedText {
            date: date(2026, 1, 14),
            text: "Home visit, no answer, card left".to_string(),
        }],
        protocol: protocol(),
        circumstances: "The defendants have two children.".to_string(),
        orders_sought: "An order for possession suspended on terms.".to_string(),
    }
}

fn warrant() -> WarrantRequest {
    WarrantRequest {
        order_made_on: date(2026, 12, 14),
        order_terms: "Possession suspended on payment of rent plus £5.00 a week.".to_string(),
        breach: "No payment since 5 January 2027.".to_string(),
        balance_now: dec("2345.67"),
        judgment_outstanding: dec("2100.00"),
        warrant_fee: dec("148.00"),
        signatory: officer(),
        signed_on: date(2027, 2, 1),
    }
}

fn chronology() -> Chronology {
    Chronology {
        events: vec![DatedText {
            date: date(2026, 2, 3),
            text: "Letter 1 sent".to_string(),
        }],
        protocol: protocol(),
        prepared_on: date(2026, 11, 20),
    }
}

fn income_expenditure() -> IncomeExpenditureSummary {
    IncomeExpenditureSummary {
        assessed_on: date(2026, 5, 5),
        income: vec![MoneyLine {
            label: "Wages".to_string(),
            amount: dec("1300.00"),
        }],
        expenditure: vec![MoneyLine {
            label: "Food".to_string(),
            amount: dec("1250.00"),
        }],
        income_total: dec("1300.00"),
        expenditure_total: dec("1250.00"),
        surplus: dec("50.00"),
        outcome: "Offered £10 a week towards the arrears.".to_string(),
    }
}

/// A JPEG with only its frame header: enough for the embedder, which decodes nothing.
fn tiny_jpeg() -> Vec<u8> {
    vec![
        0xFF, 0xD8, // start of image
        0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x10, 0x00, 0x0C, 0x01, 0x01, 0x11, 0x00, // SOF0
        0xFF, 0xD9, // end of image
    ]
}

pub(crate) fn bundle(weeks: u64) -> CourtBundle {
    let schedule = schedule(weeks);
    let closing = schedule.figures().closing_balance;
    CourtBundle {
        header: header(),
        prepared_on: date(2026, 11, 20),
        claim_form: Available::Supplied(claim_form()),
        particulars: Available::Supplied(particulars(closing)),
        tenancy_agreement: Available::Supplied(SuppliedDocument {
            description: "Assured tenancy agreement signed 6 April 2020".to_string(),
            media_type: "image/jpeg".to_string(),
            pages: vec![tiny_jpeg(), tiny_jpeg()],
        }),
        notice: Available::Supplied(notice()),
        certificate_of_service: Available::Supplied(certificate()),
        balance_chart: Available::Supplied(chart_of(&schedule)),
        arrears_schedule: Available::Supplied(schedule),
        chronology: Available::Supplied(chronology()),
        income_expenditure: Available::NotAvailable {
            reason: "the tenant declined an assessment".to_string(),
        },
        witness_statement: Available::Supplied(witness()),
        correspondence: Available::Supplied(vec![LetterSent {
            sent_on: date(2026, 2, 3),
            title: "Letter 1: your rent account".to_string(),
            text: "Your account is £812.00 in arrears.".to_string(),
        }]),
    }
}

const CLAIM_EVERYWHERE: [&str; 5] = [
    "Rule set: HA 1988 s8, Sch 2 (pre-RRA 2025); CPR 55",
    "County Court at Bradford",
    "K00BD123",
    "Gary Okonkwo and Fatima Okonkwo",
    "Calder Valley Homes v Gary Okonkwo and Fatima",
];

#[test]
fn each_paper_prints_what_it_is_given() {
    fn check(pdf: Result<Vec<u8>, DocumentError>, expected: &[&str]) {
        let pages = pdf_pages_text(&pdf.expect("renders"));
        assert_contains_all(&pages, &CLAIM_EVERYWHERE);
        assert_contains_all(&pages, expected);
    }
    let schedule = schedule(4);
    let closing = schedule.figures().closing_balance;
    check(
        notice_pdf(&header(), &notice()),
        &[
            "Ground 8",
            "Ground 10",
            "Ground 11",
            "£1,234.56",
            "£98.50",
            "2 March 2026",
            "17 March 2026",
            "2 March 2027",
            "Citizens Advice",
            "Jo Sutcliffe",
            "Income Officer",
            "persistently delayed paying rent",
        ],
    );
    check(
        certificate_of_service_pdf(&header(), &certificate()),
        &[
            "Fatima Okonkwo",
            "through the letterbox",
            "2 March 2026 at 10:45",
            "3 March 2026",
            "I believe that the facts stated in this certificate are true.",
        ],
    );
    check(
        claim_form_pdf(&header(), &claim_form()),
        &[
            "£404.00",
            "£69.50",
            "£473.50",
            "on the following grounds: rent",
            "does include a dwelling",
            "The claimant believes that the facts stated in this document are true.",
        ],
    );
    check(
        particulars_of_claim_pdf(&header(), &particulars(closing), &schedule),
        &[
            &format_money(closing),
            "£14.07",
            "6 April 2020",
            "2 November 2026",
            "1 June 2025",
            "Universal Credit housing element £412.00",
            "daily rate of £14.07",
        ],
    );
    check(
        arrears_schedule_pdf(&header(), &schedule),
        &[
            "£400.00",
            "Balance brought forward",
            "Closing balance",
            &format_money(closing),
            "records of that business",
            "£394.00",
            "£360.00",
        ],
    );
    check(
        witness_statement_pdf(&header(), &witness()),
        &[
            "DRAFT",
            "Party: Claimant",
            "Witness: Jo Sutcliffe",
            "Statement no. 1",
            "Exhibits: JS1",
            "£2,018.00",
            "14 January 2026",
            "MISSING",
            "I believe that the facts stated in this witness statement are true.",
        ],
    );
    check(
        warrant_request_pdf(&header(), &warrant()),
        &[
            "14 December 2026",
            "£2,345.67",
            "£2,100.00",
            "£148.00",
            "No payment since 5",
        ],
    );
    check(
        chronology_pdf(&header(), &chronology()),
        &[
            "3 February 2026",
            "Letter 1 sent",
            "MISSING",
            "Met",
            "No record found",
        ],
    );
}

#[test]
fn witness_statement_of_truth_is_the_pd_22_wording() {
    let pages = pdf_pages_text(&witness_statement_pdf(&header(), &witness()).expect("renders"));
    let text = pages
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(
        "I believe that the facts stated in this witness statement are true. I understand that \
         proceedings for contempt of court may be brought against anyone who makes, or causes to \
         be made, a false statement in a document verified by a statement of truth without an \
         honest belief in its truth."
    ));
}

#[test]
fn schedule_that_does_not_add_up_is_refused() {
    fn check(change: impl FnOnce(&mut ArrearsScheduleFigures), message: &str) {
        let mut figures = schedule_figures(2);
        change(&mut figures);
        let error = ArrearsSchedule::new(figures).expect_err("refused");
        assert_eq!(error.to_string(), message);
    }
    check(
        |figures| figures.rows[1].balance = dec("408.51"),
        "the arrears schedule does not add up: row 2 (21 October 2026, Payment, thank you) shows \
         a balance of £408.51, but £498.50 plus £0.00 less £90.00 is £408.50",
    );
    check(
        |figures| figures.closing_balance = dec("417.01"),
        "the arrears schedule does not add up: the closing balance given is £417.01, but the \
         last running balance is £417.00",
    );
}

#[test]
fn inconsistent_claims_are_refused() {
    let schedule = schedule(2);
    let error = particulars_of_claim_pdf(&header(), &particulars(dec("1.00")), &schedule)
        .expect_err("refused");
    assert!(
        error
            .to_string()
            .contains("is not the arrears schedule's closing balance"),
        "{error}"
    );
    let mut no_defendant = header();
    no_defendant.defendants.clear();
    let error = claim_form_pdf(&no_defendant, &claim_form()).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "the claim form (N5) cannot be produced: there are no defendants"
    );
    let mut wrong_total = claim_form();
    wrong_total.total = dec("404.00");
    assert!(claim_form_pdf(&header(), &wrong_total).is_err());
    let mut before_issue = header();
    before_issue.claim_number = None;
    assert!(warrant_request_pdf(&before_issue, &warrant()).is_err());
}

#[test]
fn long_schedule_repeats_its_header_and_carries_the_balance() {
    let schedule = schedule(104);
    let pages = pdf_pages_text(&arrears_schedule_pdf(&header(), &schedule).expect("renders"));
    assert!(pages.len() >= 5, "{} pages", pages.len());
    for (index, text) in pages.iter().enumerate() {
        assert!(text.contains(&format!("Page {} of {}", index + 1, pages.len())));
        if index > 0 && index + 1 < pages.len() {
            for expected in ["Debit (due)", "Balance brought forward", "continued"] {
                assert!(
                    text.contains(expected),
                    "page {}: missing {expected}",
                    index + 1
                );
            }
        }
        if index + 1 < pages.len() - 1 {
            assert!(
                text.contains("Balance carried forward"),
                "page {}",
                index + 1
            );
        }
    }
}

/// The index's "Tab N … page P" for each available tab, read from the index page.
pub(crate) fn index_entries(index_page: &str) -> Vec<(usize, usize)> {
    let lines: Vec<&str> = index_page.lines().collect();
    let mut entries = Vec::new();
    for (position, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix("Tab ") else {
            continue;
        };
        let tab: usize = rest
            .split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .expect("tab");
        if let Some(page) = lines
            .get(position + 1)
            .and_then(|next| next.strip_prefix("page "))
        {
            entries.push((tab, page.trim().parse().expect("page number")));
        }
    }
    entries
}

#[test]
fn bundle_index_points_at_the_first_page_of_each_section() {
    let mut reports = Vec::new();
    let pdf = court_bundle_pdf(&bundle(8), &mut |report| reports.push(report)).expect("builds");
    let pages = pdf_pages_text(&pdf);
    let pages_count = pages.len();
    for (index, text) in pages.iter().enumerate() {
        assert!(
            text.contains(&format!("Page {} of {pages_count}", index + 1)),
            "page {}",
            index + 1
        );
        assert!(
            text.contains("Calder Valley Homes v Gary Okonkwo"),
            "page {}",
            index + 1
        );
    }
    let index_page = &pages[0];
    assert!(index_page.contains("Income and expenditure: not available — the tenant declined"));
    let entries = index_entries(index_page);
    //    tab  what the section's first page says
    let first_page_says = [
        (1, "Claim form for possession of property"),
        (2, "Tenancy agreement as supplied"),
        (3, "Notice seeking possession"),
        (4, "Schedule of rent arrears"),
        (5, "Chronology and pre-action protocol checklist"),
        (7, "Witness statement of Jo Sutcliffe"),
        (8, "Letter 1: your rent account"),
    ];
    assert_eq!(entries.len(), first_page_says.len(), "{index_page}");
    let mut previous_page = 1;
    for ((tab, page), (expected_tab, says)) in entries.iter().zip(first_page_says) {
        assert_eq!(*tab, expected_tab);
        assert!(*page > previous_page, "tab {tab} starts on page {page}");
        assert!(
            pages[page - 1].contains(says),
            "tab {tab}: page {page} lacks {says:?}"
        );
        assert!(
            !pages[page - 2].contains(says),
            "tab {tab} starts before page {page}"
        );
        previous_page = *page;
    }
    let last = reports.last().expect("progress reported");
    assert_eq!((last.done, last.total), (10, 10));
    assert!(reports.windows(2).all(|pair| pair[0].done < pair[1].done));
    let text = pages.join("\n");
    assert!(text.contains("The claimant believes that the facts stated in this document are true."));
    assert!(text.contains("I believe that the facts stated in this witness statement are true."));
}

#[test]
fn bundle_for_ten_years_of_history_with_a_two_year_schedule_builds() {
    let mut ten_years = bundle(104);
    ten_years.income_expenditure = Available::Supplied(income_expenditure());
    if let Available::Supplied(chronology) = &mut ten_years.chronology {
        chronology.events = (0..120u64)
            .map(|month| DatedText {
                date: date(2016, 11, 1) + Days::new(month * 30),
                text: format!("Monthly review {month} of the rent account"),
            })
            .collect();
    }
    let pdf = court_bundle_pdf(&ten_years, &mut |_| {}).expect("builds");
    let pages = pdf_pages_text(&pdf);
    assert!(pages.len() > 10);
    assert_contains_all(&pages, &["£1,300.00", "£1,250.00", "£50.00", "5 May 2026"]);
}

#[test]
fn unsupported_tenancy_agreement_is_refused() {
    let mut with_tiff = bundle(2);
    with_tiff.tenancy_agreement = Available::Supplied(SuppliedDocument {
        description: "Agreement".to_string(),
        media_type: "image/tiff".to_string(),
        pages: vec![b"II*\0".to_vec()],
    });
    let error = court_bundle_pdf(&with_tiff, &mut |_| {}).expect_err("refused");
    assert!(
        error.to_string().starts_with(
            "the tenancy agreement cannot go into the bundle: page 1: its type, \"image/tiff\""
        ),
        "{error}"
    );
}

/// A PNG's chunks as the embedder reads them; the data is never decoded here, and CRCs are not
/// checked, so they are left zero.
fn tiny_png(colour_type: u8) -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    let mut chunk = |kind: &[u8], body: &[u8]| {
        bytes.extend_from_slice(&(body.len() as u32).to_be_bytes());
        bytes.extend_from_slice(kind);
        bytes.extend_from_slice(body);
        bytes.extend_from_slice(&[0, 0, 0, 0]);
    };
    chunk(b"IHDR", &[0, 0, 0, 4, 0, 0, 0, 2, 8, colour_type, 0, 0, 0]);
    chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
    chunk(b"IEND", &[]);
    bytes
}

#[test]
fn png_tenancy_agreement_is_embedded_unless_transparent() {
    fn with_png(colour_type: u8) -> Result<Vec<u8>, DocumentError> {
        let mut with_png = bundle(2);
        with_png.tenancy_agreement = Available::Supplied(SuppliedDocument {
            description: "Agreement".to_string(),
            media_type: "image/png".to_string(),
            pages: vec![tiny_png(colour_type)],
        });
        court_bundle_pdf(&with_png, &mut |_| {})
    }
    let pages = pdf_pages_text(&with_png(2).expect("an RGB PNG is embedded"));
    assert_contains_all(
        &pages,
        &["Tenancy agreement as supplied: Agreement (page 1 of 1)"],
    );
    let error = with_png(6).expect_err("transparency refused");
    assert!(
        error.to_string().contains("the PNG has transparency"),
        "{error}"
    );
}

/// The schedule's running balance as the bundle's chart, with one letter marked.
fn chart_of(schedule: &ArrearsSchedule) -> BalanceChart {
    let figures = schedule.figures();
    let mut balances = vec![(figures.brought_forward_on, figures.brought_forward)];
    balances.extend(figures.rows.iter().map(|row| (row.date, row.balance)));
    BalanceChart {
        from: figures.brought_forward_on,
        to: figures.period_to,
        balances,
        charges: figures
            .rows
            .iter()
            .filter(|row| row.debit > Decimal::ZERO)
            .map(|row| (row.date, row.debit))
            .collect(),
        payments: figures
            .rows
            .iter()
            .filter(|row| row.credit > Decimal::ZERO)
            .map(|row| (row.date, row.credit))
            .collect(),
        steps: vec![ChartStep {
            on: figures.period_to,
            kind: StepKind::Letter,
            label: "Letter 1: your rent account".to_string(),
        }],
    }
}

#[test]
fn the_bundle_charts_the_balance_beside_the_schedule_with_the_steps_keyed() {
    let pdf = court_bundle_pdf(&bundle(8), &mut |_| {}).expect("builds");
    if let Ok(path) = std::env::var("DOORSTEP_KEEP_PDF") {
        std::fs::write(path, &pdf).expect("kept");
    }
    let text = crate::tests::pdftotext(&pdf);
    // A page of its own in the arrears tab, with the legend and the key of steps.
    assert!(text.contains("Balance chart"), "{text}");
    assert!(
        text.contains("L 1 Nov 2026 — Letter 1: your rent account"),
        "{text}"
    );
    assert!(
        text.contains("Balance") && text.contains("Payments"),
        "{text}"
    );
}
