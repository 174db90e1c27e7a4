//! Tests of the home-visit documents (the run sheet and the payment receipt), through the
//! public API only, reading the PDFs back as `tests.rs` does.

use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use printpdf::{PdfDocument, PdfParseOptions};
use rust_decimal::Decimal;

use crate::*;

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("test literal")
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("test date")
}

/// A moment on the officer's laptop clock, with its offset from UTC in hours.
fn local(
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    offset_hours: i32,
) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(offset_hours * 3_600)
        .expect("offset")
        .with_ymd_and_hms(year, month, day, hour, minute, 0)
        .single()
        .expect("test time")
}

/// Each page's text, as a PDF reader extracts it.
fn pdf_pages_text(bytes: &[u8]) -> Vec<String> {
    let mut warnings = Vec::new();
    let document = PdfDocument::parse(bytes, &PdfParseOptions::default(), &mut warnings)
        .expect("a PDF we wrote parses");
    document
        .extract_text()
        .into_iter()
        .map(|page| page.join("\n"))
        .collect()
}

const WARNINGS: [&str; 3] = [
    "Do not visit alone",
    "Dog at property",
    "Tenant is hard of hearing: knock loudly and wait",
];

/// Visit `order` of a day: every third visit has a warning, every fifth two, every seventh notes.
fn stop(order: u32) -> RunSheetStop {
    let mut warnings = Vec::new();
    if order.is_multiple_of(3) {
        warnings.push(WARNINGS[order as usize % 2].to_string());
    }
    if order.is_multiple_of(5) {
        warnings.push(WARNINGS[2].to_string());
    }
    RunSheetStop {
        order,
        appointment_time: (!order.is_multiple_of(4))
            .then(|| NaiveTime::from_hms_opt(9 + order / 4, (order % 4) * 15, 0).expect("time")),
        duration_minutes: 30,
        payment_reference: format!("1886676{order:02}"),
        tenant_names: if order.is_multiple_of(2) {
            "Gary Okonkwo and Fatima Okonkwo".to_string()
        } else {
            "Zofia Wiśniewska".to_string()
        },
        address_lines: vec![
            format!("Flat {order}, Calderside Court"),
            "Burnley Road".to_string(),
            "Todmorden".to_string(),
        ],
        postcode: "OL14 5ZZ".to_string(),
        balance: dec("1234.56") + Decimal::from(order),
        arrears_weeks_text: "6.2 weeks".to_string(),
        next_action: if order.is_multiple_of(2) {
            "Arrangement broken".to_string()
        } else {
            "Visit before NOSP".to_string()
        },
        warnings,
        notes: if order.is_multiple_of(7) {
            "Works nights: best after 11am. Ask about the Universal Credit housing element \
             and whether the landlord portal request went in."
                .to_string()
        } else {
            String::new()
        },
    }
}

fn run_sheet(stops_count: u32) -> RunSheet {
    RunSheet {
        officer_name: "Priya Sharma".to_string(),
        visit_date: date(2026, 11, 24),
        stops: (1..=stops_count).rev().map(stop).collect(),
        prepared_at: local(2026, 11, 23, 17, 5, 0),
    }
}

#[test]
fn run_sheet_of_25_visits_paginates_and_shows_every_visit_and_warning() {
    let sheet = run_sheet(25);
    let pdf = run_sheet_pdf(&Landlord::demo(), &sheet).expect("renders");
    let pages = pdf_pages_text(&pdf);
    let pages_count = pages.len();
    assert!(pages_count >= 2, "{pages_count} pages for 25 visits");
    for (index, text) in pages.iter().enumerate() {
        let page = format!("Page {} of {pages_count}", index + 1);
        for expected in [
            page.as_str(),
            "Calder Valley Homes",
            "As at 23 November 2026",
            "Check in on arrival; check out when you leave.",
            "Outcome",
            "Seen",
            "No reply",
        ] {
            assert!(
                text.contains(expected),
                "page {}: missing {expected:?} in:\n{text}",
                index + 1
            );
        }
        if index > 0 {
            assert!(text.contains("Visit run sheet for Priya Sharma, 24 November 2026, continued"));
        }
    }
    let all = pages.join("\n");
    for expected in [
        "Visit run sheet — 24 November 2026",
        "Officer: Priya Sharma",
        "25 visits, 12 h 30 min planned. Balances as at 23 November 2026 at 17:05 GMT.",
        "Zofia Wiśniewska",
        "£1,259.56", // visit 25's balance
        "6.2 weeks",
        "Arrangement",
        "Notes: Works nights",
    ] {
        assert!(all.contains(expected), "missing {expected:?}");
    }
    // Every visit's reference, once, in visiting order however the stops were given.
    let mut previous_position = 0;
    for stop in (1..=25).map(stop) {
        let reference = stop.payment_reference.as_str();
        assert_eq!(all.matches(reference).count(), 1, "{reference}");
        let position = all.find(reference).expect("found");
        assert!(position > previous_position, "{reference} out of order");
        previous_position = position;
        let address_shown = all.contains(&format!("Flat {}, Calderside Court", stop.order));
        assert!(address_shown, "visit {}", stop.order);
    }
    // Every warning is printed whole, once per visit that has it.
    for warning in WARNINGS {
        let expected_count = (1..=25)
            .map(stop)
            .filter(|stop| stop.warnings.iter().any(|given| given == warning))
            .count();
        assert!(expected_count > 0, "{warning}");
        let printed = format!("WARNING: {warning}");
        assert_eq!(all.matches(&printed).count(), expected_count, "{warning}");
    }
}

#[test]
fn run_sheet_refusals() {
    fn check(sheet: &RunSheet, message: &str) {
        let error = run_sheet_pdf(&Landlord::demo(), sheet).expect_err("refused");
        assert_eq!(error.to_string(), message, "{error:?}");
    }
    check(
        &run_sheet(0),
        "the run sheet for 24 November 2026 has no visits on it; add at least one visit before \
         printing",
    );
    check(
        &run_sheet(RUN_SHEET_STOPS_MAX as u32 + 1),
        "the run sheet has 41 visits, more than the 40 one day's sheet can hold; split the visits \
         over two days or two officers",
    );
    check(
        &RunSheet {
            officer_name: " ".to_string(),
            ..run_sheet(3)
        },
        "the run sheet cannot be printed: the officer's name is missing",
    );
    let with_stop = |change: &dyn Fn(&mut RunSheetStop)| {
        let mut sheet = run_sheet(3);
        change(&mut sheet.stops[0]);
        sheet
    };
    check(
        &with_stop(&|stop| stop.order = 1),
        "visit 1 cannot go on the run sheet: another visit has the same number; number the \
         visits again",
    );
    check(
        &with_stop(&|stop| stop.payment_reference = " ".to_string()),
        "visit 3 cannot go on the run sheet: it has no payment reference",
    );
    check(
        &with_stop(&|stop| {
            stop.address_lines.clear();
            stop.postcode.clear();
        }),
        "visit 3 cannot go on the run sheet: it has no address",
    );
    check(
        &with_stop(&|stop| stop.warnings = vec!["Dog".to_string(); 7]),
        "visit 3 cannot go on the run sheet: it has 7 warnings and at most 6 fit; ask the office \
         to combine them",
    );
    check(
        &with_stop(&|stop| stop.warnings = vec!["x".repeat(RUN_SHEET_WARNING_CHARS_MAX + 1)]),
        "visit 3 cannot go on the run sheet: a warning is 161 characters long and at most 160 \
         fit; warnings are never cut short",
    );
    // The longest warning allowed, in the widest letters, still cannot be cut: it is refused.
    check(
        &with_stop(&|stop| stop.warnings = vec!["W".repeat(RUN_SHEET_WARNING_CHARS_MAX)]),
        "visit 3 cannot go on the run sheet: a warning is too long to print whole; ask the \
         office to shorten it",
    );
    check(
        &with_stop(&|stop| stop.duration_minutes = 4_500),
        "visit 3 cannot go on the run sheet: it is planned to last 75 h, longer than a working \
         day of 8 h",
    );
    check(
        &with_stop(&|stop| stop.order = 0),
        "visit 0 cannot go on the run sheet: visits are numbered from 1 to 40",
    );
}

/// Every limit at once, on every visit: the sheet still renders, within `PAGES_MAX`.
fn run_sheet_at_every_limit() -> RunSheet {
    let long_warning = "Known to keep a large dog loose in the front garden; phone from the \
                        gate and wait for the tenant to shut it in before going through.";
    assert!(long_warning.len() <= RUN_SHEET_WARNING_CHARS_MAX);
    let mut sheet = run_sheet(RUN_SHEET_STOPS_MAX as u32);
    sheet.officer_name = "Officer ".repeat(RUN_SHEET_TEXT_CHARS_MAX / 8);
    for stop in &mut sheet.stops {
        stop.warnings = vec![long_warning.to_string(); RUN_SHEET_STOP_WARNINGS_MAX];
        stop.address_lines =
            vec!["A very long address line that wraps ".repeat(3); RUN_SHEET_ADDRESS_LINES_MAX];
        stop.tenant_names = "Name ".repeat(100);
        stop.next_action = "Action ".repeat(50);
        stop.notes = "n".repeat(RUN_SHEET_TEXT_CHARS_MAX);
        stop.balance = dec("-99999.99");
    }
    sheet
}

#[test]
fn run_sheet_at_every_limit_renders() {
    let sheet = run_sheet_at_every_limit();
    let pdf = run_sheet_pdf(&Landlord::demo(), &sheet).expect("renders");
    let pages = pdf_pages_text(&pdf);
    assert!(pages.len() <= PAGES_MAX);
    let all = pages.join("\n");
    // Extraction keeps a wrapped warning's lines apart; the start of each is enough.
    assert_eq!(
        all.matches("WARNING: Known to keep").count(),
        RUN_SHEET_STOPS_MAX * RUN_SHEET_STOP_WARNINGS_MAX
    );
}

fn card(offline: bool, simulator: bool) -> ReceiptMethod {
    ReceiptMethod::Card {
        scheme: "Visa".to_string(),
        masked_card: "**** 4242".to_string(),
        authorisation_code: (!offline).then(|| "A1B2C3".to_string()),
        provider_reference: "TXN-20261124-000187".to_string(),
        terminal_id: "TID-7781".to_string(),
        offline,
        simulator,
    }
}

fn cheque() -> ReceiptMethod {
    ReceiptMethod::Cheque {
        cheque_number: "000187".to_string(),
        drawer: "F Okonkwo".to_string(),
    }
}

fn receipt(method: ReceiptMethod) -> PaymentReceipt {
    PaymentReceipt {
        receipt_number: "RCP-2026-000187".to_string(),
        payment_reference: "188667687".to_string(),
        tenant_names: "Gary Okonkwo and Fatima Okonkwo".to_string(),
        address_lines: vec!["1 Cross Lane".to_string(), "Todmorden".to_string()],
        postcode: "OL14 5ZZ".to_string(),
        amount: dec("150.00"),
        method,
        allocation: "Rent and arrears".to_string(),
        taken_at: local(2026, 6, 24, 14, 32, 1),
        officer_name: "Priya Sharma".to_string(),
        balance_after: dec("1084.50"),
    }
}

const OFFLINE: &str = "Approved offline: the payment is confirmed when the terminal next connects";
const TRAINING: &str = "TRAINING — SIMULATED TERMINAL, NO MONEY WAS TAKEN";
const CLEARING: &str = "Subject to the cheque clearing";
const APPROVED: &str = "Approved by the card terminal";

#[test]
fn receipts_say_whether_the_money_is_certain() {
    fn check(method: ReceiptMethod, present: &[&str], absent: &[&str]) {
        let pdf =
            payment_receipt_pdf(&Landlord::demo(), &receipt(method.clone())).expect("renders");
        let pages = pdf_pages_text(&pdf);
        assert_eq!(pages.len(), 1, "{method:?}");
        // A sentence wrapped over two lines is still the sentence.
        let text = &pages[0].replace('\n', " ");
        let common = [
            "Calder Valley Homes",
            "Payment receipt",
            "RCP-2026-000187",
            "188667687",
            "Gary Okonkwo and Fatima Okonkwo",
            "OL14 5ZZ",
            "£150.00",
            "Rent and arrears",
            "Priya Sharma",
            "24 June 2026 at 14:32 BST",
            "Owed after this payment",
            "£1,084.50",
            "Page 1 of 1",
            "As at 24 June 2026",
        ];
        for expected in common.iter().chain(present) {
            assert!(
                text.contains(expected),
                "{method:?}: missing {expected:?} in:\n{text}"
            );
        }
        for unexpected in absent {
            assert!(
                !text.contains(unexpected),
                "{method:?}: {unexpected:?} in:\n{text}"
            );
        }
    }
    //    method               present                                          absent
    check(
        card(false, false),
        &[
            "Visa **** 4242",
            "A1B2C3",
            APPROVED,
            "TID-7781",
            "TXN-20261124-000187",
        ],
        &[OFFLINE, TRAINING, CLEARING],
    );
    check(
        card(true, false),
        &[OFFLINE, "None yet (approved offline)"],
        &[APPROVED, TRAINING, CLEARING],
    );
    check(
        card(false, true),
        &[TRAINING, "Amount (training: no money was taken)"],
        &[APPROVED, OFFLINE, CLEARING],
    );
    check(
        card(true, true),
        &[TRAINING, OFFLINE],
        &[APPROVED, CLEARING],
    );
    check(
        cheque(),
        &[CLEARING, "Paid by cheque", "000187", "F Okonkwo"],
        &[APPROVED, OFFLINE, TRAINING, "Visa"],
    );
}

#[test]
fn receipt_times_are_the_tenants_clock() {
    fn check(taken_at: DateTime<FixedOffset>, expected: &str) {
        let pdf = payment_receipt_pdf(
            &Landlord::demo(),
            &PaymentReceipt {
                taken_at,
                ..receipt(card(false, false))
            },
        )
        .expect("renders");
        let text = pdf_pages_text(&pdf).join("\n");
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    check(
        local(2026, 11, 24, 9, 5, 0),
        "24 November 2026 at 09:05 GMT",
    );
    check(local(2026, 6, 24, 23, 59, 1), "24 June 2026 at 23:59 BST");
    // A laptop set to another zone is shown as it is, not guessed at.
    check(
        local(2026, 6, 24, 10, 0, 2),
        "24 June 2026 at 10:00 UTC+02:00",
    );
}

#[test]
fn receipt_refusals() {
    fn check(receipt: PaymentReceipt, message: &str) {
        let error = payment_receipt_pdf(&Landlord::demo(), &receipt).expect_err("refused");
        assert_eq!(error.to_string(), message, "{error:?}");
    }
    let with_card = |masked: &str| {
        let mut method = card(false, false);
        if let ReceiptMethod::Card { masked_card, .. } = &mut method {
            *masked_card = masked.to_string();
        }
        receipt(method)
    };
    check(
        PaymentReceipt {
            receipt_number: "  ".to_string(),
            ..receipt(cheque())
        },
        "the receipt cannot be printed: it has no receipt number",
    );
    check(
        PaymentReceipt {
            amount: Decimal::ZERO,
            ..receipt(cheque())
        },
        "the receipt cannot be printed: the amount is £0.00, and a receipt is only for a payment \
         of more than £0.00",
    );
    check(
        PaymentReceipt {
            amount: dec("-5"),
            ..receipt(card(false, false))
        },
        "the receipt cannot be printed: the amount is -£5.00, and a receipt is only for a payment \
         of more than £0.00",
    );
    check(
        PaymentReceipt {
            amount: dec("10.005"),
            ..receipt(cheque())
        },
        "the receipt cannot be printed: the amount has a fraction of a penny",
    );
    check(
        with_card(""),
        "the receipt cannot be printed: the masked card number is missing",
    );
    check(
        receipt(ReceiptMethod::Cheque {
            cheque_number: "000187".to_string(),
            drawer: String::new(),
        }),
        "the receipt cannot be printed: the cheque's drawer is missing",
    );
    check(
        PaymentReceipt {
            allocation: "x".repeat(RECEIPT_TEXT_CHARS_MAX + 1),
            ..receipt(cheque())
        },
        "the receipt cannot be printed: the allocation is 201 characters long and at most 200 fit",
    );
    // Four digits are allowed however the mask is written.
    for masked in ["**** 4242", "4242", "VISA ****4242", "************4242"] {
        let pdf = payment_receipt_pdf(&Landlord::demo(), &with_card(masked)).expect("renders");
        assert!(pdf_pages_text(&pdf)[0].contains(masked));
    }
}

#[test]
fn a_card_number_is_never_printed_nor_echoed() {
    for (card_number, digits_count) in [
        ("4111 1111 1111 4242", 16),
        ("4111111111114242", 16),
        ("41** **** **** 4242", 6),
        ("42424", 5),
    ] {
        let mut method = card(false, false);
        if let ReceiptMethod::Card { masked_card, .. } = &mut method {
            *masked_card = card_number.to_string();
        }
        // Even a receipt with other problems is refused for the card number first.
        let bad = PaymentReceipt {
            receipt_number: String::new(),
            ..receipt(method)
        };
        let error = payment_receipt_pdf(&Landlord::demo(), &bad).expect_err("refused");
        assert_eq!(
            error,
            DocumentError::ReceiptCardNumberNotMasked { digits_count }
        );
        let shown = format!("{error} {error:?}");
        assert_eq!(
            error.to_string(),
            format!(
                "the receipt cannot be printed: the card number given shows {digits_count} \
                 digits, and at most the last 4 may ever be printed; check the terminal's masked \
                 card number"
            )
        );
        let digits: String = card_number.chars().filter(char::is_ascii_digit).collect();
        for window in digits.as_bytes().windows(4) {
            let run = std::str::from_utf8(window).expect("ascii");
            assert!(!shown.contains(run), "{run:?} echoed in {shown:?}");
        }
    }
}

/// Every text at its limit still fits on one page (the receipt asserts it does).
fn receipt_at_every_limit() -> PaymentReceipt {
    let long = "W".repeat(RECEIPT_TEXT_CHARS_MAX);
    let mut method = card(true, true);
    if let ReceiptMethod::Card {
        scheme,
        provider_reference,
        terminal_id,
        authorisation_code,
        ..
    } = &mut method
    {
        *scheme = long.clone();
        *provider_reference = long.clone();
        *terminal_id = long.clone();
        *authorisation_code = Some(long.clone());
    }
    PaymentReceipt {
        receipt_number: long.clone(),
        payment_reference: long.clone(),
        tenant_names: long.clone(),
        address_lines: vec![long.clone(); RECEIPT_ADDRESS_LINES_MAX],
        postcode: long.clone(),
        amount: dec("99999999.99"),
        allocation: long.clone(),
        officer_name: long.clone(),
        balance_after: dec("-99999999.99"),
        ..receipt(method)
    }
}

#[test]
fn receipt_at_every_limit_is_one_page() {
    let pdf = payment_receipt_pdf(&Landlord::demo(), &receipt_at_every_limit()).expect("renders");
    assert_eq!(pdf_pages_text(&pdf).len(), 1);
}
