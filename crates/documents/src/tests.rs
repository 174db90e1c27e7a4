//! Tests through the public API only. PDFs are read back with printpdf's own parser (pure Rust,
//! no poppler needed), so what is asserted is the text a reader would extract.

use std::str::FromStr;

use chrono::NaiveDate;
use doorstep_domain::arrangement::{
    Arrangement, ArrangementKind, ArrangementTerms, InitialPayment, InstalmentFrequency,
};
use doorstep_domain::ledger::{ChargeKind, Entry, EntryKind, PaymentMethod};
use doorstep_domain::rent_schedule::{RentChange, RentComponents, RentFrequency, RentSchedule};
use doorstep_domain::tenancy::{Person, PersonRole, RentAccount, Tenure};
use printpdf::{PdfDocument, PdfParseOptions};
use proptest::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::letters::parse_template;
use crate::*;

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("test literal")
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("test date")
}

const AS_AT: fn() -> NaiveDate = || date(2026, 11, 23);

const RENT: EntryKind = EntryKind::Charge {
    charge: ChargeKind::Rent,
};
const CARD: EntryKind = EntryKind::Payment {
    method: PaymentMethod::Card,
};

fn entry(
    id: u128,
    posted_on: NaiveDate,
    kind: EntryKind,
    amount: &str,
    description: &str,
) -> Entry {
    Entry {
        id: Uuid::from_u128(id),
        posted_on,
        kind,
        amount: dec(amount),
        description: description.to_string(),
    }
}

fn person(role: PersonRole, full_name: &str) -> Person {
    Person {
        role,
        full_name: full_name.to_string(),
        date_of_birth: None,
        phone: None,
    }
}

fn account(entries: Vec<Entry>) -> RentAccount {
    RentAccount {
        payment_reference: "188667687".to_string(),
        tenancy_reference: "TEN155433".to_string(),
        tenure: Tenure::Assured,
        tenancy_start: date(2020, 4, 6),
        address_line_1: "1 Cross Lane".to_string(),
        address_line_2: None,
        town: "Todmorden".to_string(),
        postcode: "OL14 5ZZ".to_string(),
        people: vec![
            person(PersonRole::Tenant, "Gary Okonkwo"),
            person(PersonRole::JointTenant, "Fatima Okonkwo"),
            person(PersonRole::Appointee, "Not A Tenant"),
        ],
        schedule: RentSchedule {
            frequency: RentFrequency::Weekly,
            changes: vec![RentChange {
                effective_from: date(2020, 4, 6),
                components: RentComponents {
                    rent: dec("98.50"),
                    service_charge: dec("0"),
                },
            }],
            rent_free_weeks: Vec::new(),
        },
        benefit_awards: Vec::new(),
        entries,
    }
}

/// Five entries over three months: 98.50 + 98.50 - 50 - 100 + 98.50.
fn small_account() -> RentAccount {
    account(vec![
        entry(
            1,
            date(2026, 8, 3),
            RENT,
            "98.50",
            "Rent for week commencing 3 August 2026",
        ),
        entry(2, date(2026, 9, 7), RENT, "98.50", ""),
        entry(
            3,
            date(2026, 9, 10),
            CARD,
            "-50.00",
            "Card payment taken on a home visit",
        ),
        entry(4, date(2026, 10, 5), CARD, "-100.00", ""),
        entry(
            5,
            date(2026, 11, 2),
            RENT,
            "98.50",
            "Rent for week commencing 2 November 2026",
        ),
    ])
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

#[test]
fn statement_figures() {
    fn check(from: NaiveDate, to: NaiveDate, opening: &str, lines: usize, closing: &str) {
        let statement = statement_lines(&small_account(), from, to).expect("valid range");
        assert_eq!(
            statement.opening_balance,
            dec(opening),
            "opening {from}..{to}"
        );
        assert_eq!(statement.lines.len(), lines, "lines {from}..{to}");
        assert_eq!(
            statement.closing_balance,
            dec(closing),
            "closing {from}..{to}"
        );
    }
    //    from                to                  opening   lines  closing
    check(date(2026, 1, 1), date(2026, 12, 31), "0", 5, "145.50");
    check(date(2026, 9, 7), date(2026, 9, 7), "98.50", 1, "197.00"); // one day, both ends inclusive
    check(date(2026, 9, 8), date(2026, 10, 31), "197.00", 2, "47.00");
    check(date(2026, 11, 3), date(2026, 11, 30), "145.50", 0, "145.50"); // nothing in range
    check(date(2025, 1, 1), date(2025, 12, 31), "0", 0, "0"); // before the ledger
}

#[test]
fn statement_lines_split_debits_and_credits() {
    let statement =
        statement_lines(&small_account(), date(2026, 9, 1), date(2026, 9, 30)).expect("valid");
    let shown: Vec<(String, Option<Decimal>, Option<Decimal>, Decimal)> = statement
        .lines
        .iter()
        .map(|line| {
            (
                line.description.clone(),
                line.debit,
                line.credit,
                line.balance_after,
            )
        })
        .collect();
    assert_eq!(
        shown,
        vec![
            // An entry with no description is described by its kind.
            ("Rent".to_string(), Some(dec("98.50")), None, dec("197.00")),
            (
                "Card payment taken on a home visit".to_string(),
                None,
                Some(dec("50.00")),
                dec("147.00")
            ),
        ]
    );
    assert_eq!(statement.debits_total(), dec("98.50"));
    assert_eq!(statement.credits_total(), dec("50.00"));
}

#[test]
fn statement_refuses_bad_ranges() {
    fn check(from: NaiveDate, to: NaiveDate, message: &str) {
        let error = statement_lines(&small_account(), from, to).expect_err("refused");
        assert_eq!(error.to_string(), message);
        let landlord = Landlord::demo();
        let pdf_error =
            rent_statement(&small_account(), &landlord, from, to, AS_AT()).expect_err("refused");
        assert_eq!(pdf_error, error);
    }
    check(
        date(2026, 11, 2),
        date(2026, 11, 1),
        "the statement cannot start on 2 November 2026 because that is after its end date, 1 November 2026",
    );
    check(
        date(2016, 11, 1),
        date(2026, 11, 30),
        "a statement can cover at most 3660 days (about ten years); 1 November 2016 to 30 November 2026 is 3682 days",
    );
    // The limit itself is allowed.
    let from = date(2016, 12, 1);
    let to = from + chrono::Days::new(STATEMENT_DAYS_MAX as u64 - 1);
    assert!(statement_lines(&small_account(), from, to).is_ok());
}

#[test]
fn statement_pdf_says_what_it_should() {
    let pdf = rent_statement(
        &small_account(),
        &Landlord::demo(),
        date(2026, 9, 1),
        date(2026, 11, 30),
        AS_AT(),
    )
    .expect("renders");
    let pages = pdf_pages_text(&pdf);
    assert_eq!(pages.len(), 1);
    let text = &pages[0];
    for expected in [
        "Calder Valley Homes",
        "Telephone 01632 960 418",
        "Rent statement",
        "1 September 2026 to 30 November 2026",
        // Joint tenants' names, wrapped to the details column.
        "Gary Okonkwo and Fatima",
        "1 Cross Lane",
        "OL14 5ZZ",
        "188667687",
        "TEN155433",
        "Date",
        "Description",
        "Debit",
        "Credit",
        "Balance",
        "Balance brought forward",
        "£98.50",  // brought forward
        "£145.50", // closing
        "Closing balance",
        "Owed at 30 Nov 2026",
        "As at 23 November 2026",
        "Page 1 of 1",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(
        !text.contains("Not A Tenant"),
        "an appointee is not a tenant"
    );
}

#[test]
fn long_statement_paginates_with_header_on_every_page() {
    // Two years of weekly rent and a weekly payment: about 210 rows.
    let mut entries = Vec::new();
    let mut monday = date(2024, 11, 4);
    let mut id = 0;
    while monday <= date(2026, 11, 23) {
        id += 1;
        entries.push(entry(id, monday, RENT, "98.50", "Rent for the week"));
        id += 1;
        entries.push(entry(id, monday + chrono::Days::new(2), CARD, "-90.00", ""));
        monday = monday + chrono::Days::new(7);
    }
    let account = account(entries);
    let statement = statement_lines(&account, date(2024, 11, 1), AS_AT()).expect("valid");
    let pdf = rent_statement(
        &account,
        &Landlord::demo(),
        date(2024, 11, 1),
        AS_AT(),
        AS_AT(),
    )
    .expect("renders");
    let pages = pdf_pages_text(&pdf);
    let pages_count = pages.len();
    assert!(
        pages_count >= 4,
        "{pages_count} pages for {} rows",
        statement.lines.len()
    );
    for (index, text) in pages.iter().enumerate() {
        let page = format!("Page {} of {pages_count}", index + 1);
        for expected in [
            page.as_str(),
            "As at 23 November 2026",
            "Calder Valley Homes",
            "Description",
            "Balance",
        ] {
            assert!(
                text.contains(expected),
                "page {}: missing {expected:?}",
                index + 1
            );
        }
        if index > 0 {
            assert!(text.contains("Rent statement for payment reference 188667687, continued"));
        }
    }
    let last = &pages[pages_count - 1];
    assert!(last.contains(&doorstep_domain::money::format_money(
        statement.closing_balance
    )));
    assert!(last.contains("Closing balance"));
}

#[test]
fn tallest_rows_fit_the_promised_count() {
    // The most lines allowed, each with a description long enough to wrap past the limit,
    // stays within PAGES_MAX: the promise behind `STATEMENT_ROWS_PER_PAGE_MIN`.
    let long = "Rechargeable repair to the kitchen door, the bathroom extractor fan and the front \
                gate latch, following the inspection on the date shown, as agreed with the tenant";
    let start = date(2017, 1, 2);
    let entries: Vec<Entry> = (0..STATEMENT_LINES_MAX)
        .map(|index| {
            let posted_on = start + chrono::Days::new(index as u64 * 3 / 4);
            entry(index as u128 + 1, posted_on, RENT, "1.00", long)
        })
        .collect();
    let account = account(entries);
    let to = start + chrono::Days::new(3_600);
    let pdf = rent_statement(&account, &Landlord::demo(), start, to, AS_AT()).expect("fits");
    assert!(!pdf.is_empty());

    let mut one_more = account.entries.clone();
    one_more.push(entry(99_999, start, RENT, "1.00", ""));
    let error = statement_lines(&crate::tests::account(one_more), start, to).expect_err("too many");
    assert_eq!(
        error,
        DocumentError::StatementTooManyLines {
            lines: STATEMENT_LINES_MAX + 1,
            lines_max: STATEMENT_LINES_MAX
        }
    );
}

/// Every field each bundled letter needs, as the officer's screen would fill them.
fn full_fields() -> MergeFields {
    let mut fields = account_merge_fields(&small_account(), AS_AT());
    fields.extend(
        MergeFields::new()
            .with("officer_name", "Priya Sharma")
            .with("officer_phone", "01632 960 427")
            .with("letter_1_date", "2 November 2026")
            .with("reply_by_date", "7 December 2026"),
    );
    fields.extend(arrangement_merge_fields(&arrangement(true)));
    fields
}

fn arrangement(with_initial_payment: bool) -> Arrangement {
    Arrangement::new(ArrangementTerms {
        kind: ArrangementKind::Informal,
        frequency: InstalmentFrequency::Weekly,
        instalment: dec("10.00"),
        first_instalment_on: date(2026, 11, 30),
        initial_payment: with_initial_payment.then(|| InitialPayment {
            amount: dec("50.00"),
            due_on: date(2026, 11, 27),
        }),
        starting_balance: dec("145.50"),
        agreed_on: AS_AT(),
        tolerance_days: 5,
    })
    .expect("valid terms")
}

#[test]
fn every_bundled_template_is_valid() {
    let templates = letter_templates();
    let codes: Vec<&str> = templates
        .iter()
        .map(|template| template.code.as_str())
        .collect();
    assert_eq!(codes, ["letter_1", "letter_2", "arrangement_confirmation"]);
    for template in &templates {
        // Parsing checks every placeholder is declared and every declared field is known.
        let json = serde_json::to_string(template).expect("serialises");
        assert_eq!(parse_template(&template.code, &json).as_ref(), Ok(template));
        for name in template
            .required_fields
            .iter()
            .chain(&template.optional_fields)
        {
            assert!(
                merge_field_spec(name).is_some(),
                "{}: {name}",
                template.code
            );
        }
        // With every field given, each letter merges with no placeholder left over.
        let merged = merge_text(&template.code, &full_fields()).expect("merges");
        for line in &merged {
            assert!(
                !line.contains('{') && !line.contains('}'),
                "{}: {line}",
                template.code
            );
        }
    }
}

#[test]
fn broken_templates_are_refused() {
    fn check(json: &str, problem: &str) {
        let error = parse_template("letter_x", json).expect_err("refused");
        let DocumentError::TemplateInvalid {
            problem: actual, ..
        } = &error
        else {
            panic!("unexpected {error:?}");
        };
        assert!(
            actual.contains(problem),
            "{actual:?} should mention {problem:?}"
        );
    }
    let template = |paragraph: &str, optional: &str| {
        format!(
            r#"{{"code":"letter_x","title":"Letter X","description":"d",
            "required_fields":["tenant_names","address","payment_reference","officer_name"],
            "optional_fields":[{optional}],"paragraphs":["{paragraph}"],"sign_off":["{{officer_name}}"]}}"#
        )
    };
    //    template                                                   problem
    check(
        &template("Owed: {balance}", ""),
        "\"{balance}\" is used but not declared",
    );
    check(&template("Owed: {balance", ""), "a '{' with no '}'");
    check(&template("Owed: balance}", ""), "a '}' with no '{'");
    check(
        &template("Owed: {Balance}", ""),
        "is not a placeholder name",
    );
    check(
        &template("Hello", "\"favourite_colour\""),
        "\"favourite_colour\" is not a known merge field",
    );
    check(
        &template("Hello", "\"address\""),
        "\"address\" is both required and optional",
    );
    check(
        &template("Hello", "").replace("letter_x\",\"title", "letter_y\",\"title"),
        "its code is",
    );
    check(
        &template("Hello", "").replace("\"address\",", ""),
        "it must require \"address\"",
    );
}

#[test]
fn missing_fields_refuse_the_letter_in_officer_words() {
    fn check(code: &str, remove: &[&str], message: &str) {
        let mut fields = full_fields();
        for name in remove {
            fields.remove(name);
        }
        let error = render_letter(code, &fields, &Landlord::demo(), AS_AT()).expect_err("refused");
        assert_eq!(error.to_string(), message, "{error:?}");
        assert_eq!(merge_text(code, &fields).expect_err("refused"), error);
        let DocumentError::MissingFields {
            template,
            fields: missing,
            ..
        } = error
        else {
            panic!("unexpected {error:?}");
        };
        assert_eq!(template, code);
        assert_eq!(
            missing,
            remove
                .iter()
                .map(|name| name.to_string())
                .collect::<Vec<_>>()
        );
    }
    check(
        "letter_1",
        &["address"],
        "Letter 1 cannot be produced: the account has no address",
    );
    check(
        "letter_2",
        &["reply_by_date", "officer_name"],
        "Letter 2 cannot be produced: no date was given for the tenant to reply by, and no \
         officer's name was given to sign it",
    );
    check(
        "arrangement_confirmation",
        &["instalment_amount"],
        "Arrangement confirmation letter cannot be produced: the instalment amount is missing",
    );
    // Half of an optional pair is refused, not printed as half a sentence.
    check(
        "arrangement_confirmation",
        &["initial_payment_date"],
        "Arrangement confirmation letter cannot be produced: the date of the initial payment is missing",
    );

    // A blank value is as missing as an absent one.
    let fields = full_fields().with("address", "   ");
    let error = merge_text("letter_1", &fields).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "Letter 1 cannot be produced: the account has no address"
    );

    // An account without an address recorded gets the same refusal through the account's fields.
    let mut no_address = small_account();
    no_address.address_line_1 = String::new();
    let mut fields = account_merge_fields(&no_address, AS_AT());
    fields.insert("officer_name", "Priya Sharma");
    let error =
        render_letter("letter_1", &fields, &Landlord::demo(), AS_AT()).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "Letter 1 cannot be produced: the account has no address"
    );
}

#[test]
fn optional_paragraphs_come_and_go_whole() {
    let with_phone = merge_text("letter_1", &full_fields()).expect("merges");
    assert!(with_phone.contains(&"You can call me directly on 01632 960 427.".to_string()));

    let mut fields = full_fields();
    fields.remove("officer_phone");
    let without_phone = merge_text("letter_1", &fields).expect("merges");
    assert_eq!(without_phone.len() + 1, with_phone.len());
    assert!(!without_phone
        .iter()
        .any(|line| line.contains("call me directly")));

    // No initial payment: its bullet is left out, the rest of the terms stay.
    let mut fields = full_fields();
    fields.remove("initial_payment");
    fields.remove("initial_payment_date");
    let terms = merge_text("arrangement_confirmation", &fields).expect("merges");
    assert!(!terms
        .iter()
        .any(|line| line.contains("First, a payment of")));
    assert!(terms.contains(
        &"- Then £10.00 a week towards the arrears, starting on 30 November 2026.".to_string()
    ));
}

#[test]
fn merged_values_are_not_expanded_again() {
    let fields = full_fields().with("tenant_names", "{balance} Smith");
    let merged = merge_text("letter_1", &fields).expect("merges");
    assert_eq!(merged[0], "Dear {balance} Smith,");
}

#[test]
fn over_long_values_and_unknown_letters_are_refused() {
    let fields = full_fields().with("officer_name", "x".repeat(MERGE_FIELD_CHARS_MAX + 1));
    assert_eq!(
        merge_text("letter_1", &fields).expect_err("refused").to_string(),
        "Letter 1 cannot be produced: the officer name given is 401 characters long, and at most 400 fit on a letter"
    );
    assert_eq!(
        render_letter("letter_9", &full_fields(), &Landlord::demo(), AS_AT()).expect_err("refused"),
        DocumentError::UnknownTemplate {
            code: "letter_9".to_string()
        }
    );
}

#[test]
fn account_fields() {
    let fields = account_merge_fields(&small_account(), AS_AT());
    let shown: Vec<(&str, &str)> = fields.iter().collect();
    assert_eq!(
        shown,
        vec![
            ("address", "1 Cross Lane\nTodmorden\nOL14 5ZZ"),
            ("arrears_weeks", "1.5"),
            ("balance", "£145.50"),
            ("payment_reference", "188667687"),
            ("tenancy_reference", "TEN155433"),
            ("tenant_names", "Gary Okonkwo and Fatima Okonkwo"),
            ("weekly_charge", "£98.50"),
        ]
    );
    // Entries after the letter's date are not counted (a payment keyed in advance).
    let earlier = account_merge_fields(&small_account(), date(2026, 9, 8));
    assert_eq!(earlier.get("balance"), Some("£197.00"));
}

#[test]
fn arrangement_fields() {
    let fields = arrangement_merge_fields(&arrangement(true));
    let shown: Vec<(&str, &str)> = fields.iter().collect();
    assert_eq!(
        shown,
        vec![
            ("agreed_date", "23 November 2026"),
            ("arrangement_balance", "£145.50"),
            ("first_instalment_date", "30 November 2026"),
            ("initial_payment", "£50.00"),
            ("initial_payment_date", "27 November 2026"),
            ("instalment_amount", "£10.00"),
            ("instalment_frequency", "a week"),
            // 145.50 - 50.00 = 95.50 is ten instalments of £10: the tenth is 1 February 2027.
            ("projected_clear_date", "1 February 2027"),
        ]
    );
}

#[test]
fn letters_render_with_their_text_on_every_page() {
    for template in letter_templates() {
        let pdf = render_letter(&template.code, &full_fields(), &Landlord::demo(), AS_AT())
            .expect("renders");
        let pages = pdf_pages_text(&pdf);
        let pages_count = pages.len();
        assert!(pages_count <= 2, "{}: {pages_count} pages", template.code);
        for (index, text) in pages.iter().enumerate() {
            let page = format!("Page {} of {pages_count}", index + 1);
            for expected in [
                page.as_str(),
                "As at 23 November 2026",
                "Calder Valley Homes",
                "01632 960 418",
            ] {
                assert!(
                    text.contains(expected),
                    "{} page {}: missing {expected:?}",
                    template.code,
                    index + 1
                );
            }
        }
        let all = pages.join("\n");
        for expected in [
            "Gary Okonkwo and Fatima Okonkwo",
            "OL14 5ZZ",
            "188667687",
            "Dear Gary Okonkwo and Fatima Okonkwo,",
            "Priya Sharma",
        ] {
            assert!(
                all.contains(expected),
                "{}: missing {expected:?}",
                template.code
            );
        }
    }
}

#[test]
fn incomplete_landlord_is_refused() {
    let landlord = Landlord {
        phone: " ".to_string(),
        ..Landlord::demo()
    };
    let error = render_letter("letter_1", &full_fields(), &landlord, AS_AT()).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "the landlord's details cannot head the page: the phone number is missing"
    );
    let statement_error = rent_statement(
        &small_account(),
        &landlord,
        date(2026, 1, 1),
        AS_AT(),
        AS_AT(),
    )
    .expect_err("refused");
    assert_eq!(statement_error, error);
}

proptest! {
    /// opening + Σ debits − Σ credits = closing = balance of every entry up to `to`, and each
    /// line's balance is the one before plus its entry; for any ledger, in any order, and any
    /// range.
    #[test]
    fn statement_adds_up(
        raw in proptest::collection::vec((0u32..730, -100_000i64..100_000), 0..80),
        from_day in 0u32..730,
        length_days in 0u32..730,
    ) {
        let start = date(2025, 1, 1);
        let entries: Vec<Entry> = raw
            .iter()
            .enumerate()
            .map(|(index, (day, pence))| Entry {
                id: Uuid::from_u128(index as u128 + 1),
                posted_on: start + chrono::Days::new(u64::from(*day)),
                kind: EntryKind::Adjustment,
                amount: doorstep_domain::money::money_from_pence(*pence),
                description: String::new(),
            })
            .collect();
        let from = start + chrono::Days::new(u64::from(from_day));
        let to = from + chrono::Days::new(u64::from(length_days));
        let account = account(entries.clone());
        let statement = statement_lines(&account, from, to).expect("valid range");

        let sum_of_lines: Decimal = statement.lines.iter()
            .map(|line| line.debit.unwrap_or_default() - line.credit.unwrap_or_default())
            .sum();
        prop_assert_eq!(statement.opening_balance + sum_of_lines, statement.closing_balance);
        let up_to: Decimal = entries.iter().filter(|e| e.posted_on <= to).map(|e| e.amount).sum();
        prop_assert_eq!(statement.closing_balance, up_to);
        let mut running = statement.opening_balance;
        for line in &statement.lines {
            prop_assert!(line.debit.is_none() || line.credit.is_none());
            running += line.debit.unwrap_or_default() - line.credit.unwrap_or_default();
            prop_assert_eq!(line.balance_after, running);
            prop_assert!(from <= line.posted_on && line.posted_on <= to);
        }
        let in_range = entries.iter().filter(|e| from <= e.posted_on && e.posted_on <= to).count();
        prop_assert_eq!(statement.lines.len(), in_range);
    }
}

/// The PDF's text as poppler's `pdftotext` reads it (as a tenant's or a court's PDF reader would).
pub(crate) fn pdftotext(bytes: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("poppler-utils' pdftotext is installed");
    child
        .stdin
        .take()
        .expect("stdin piped")
        .write_all(bytes)
        .expect("write the PDF");
    let output = child.wait_with_output().expect("pdftotext runs");
    assert!(output.status.success(), "pdftotext failed");
    String::from_utf8(output.stdout).expect("UTF-8 text")
}

mod income_expenditure_copy {
    //! The tenant's copy of an income and expenditure assessment, read back with poppler's
    //! `pdftotext` (as a tenant's or a court's PDF reader would) and with printpdf's parser for
    //! the page count.

    use doorstep_domain::income_expenditure::{
        assess, AmountFrequency, Assessment, BudgetItem, BudgetLine, CategoryExplanation, DebtLine,
        DebtPriority, FlexibleCategory, Household, IncomeExpenditure, BUDGET_LINES_PER_SECTION_MAX,
        DEBTS_MAX, EXPLANATION_CHARS_MAX, LINE_DESCRIPTION_CHARS_MAX,
    };

    use super::*;

    fn line(item: BudgetItem, amount: &str, frequency: AmountFrequency) -> BudgetLine {
        BudgetLine {
            item,
            description: String::new(),
            amount: dec(amount),
            frequency,
        }
    }

    /// A single parent on Universal Credit with some weekly earnings, spending more than the
    /// guideline on food for a prescribed diet.
    fn realistic_statement() -> IncomeExpenditure {
        use AmountFrequency::*;
        use BudgetItem::*;
        IncomeExpenditure {
            lines: vec![
                line(UniversalCreditOrTaxCredits, "1000.00", Monthly),
                line(ChildBenefit, "26.05", Weekly),
                BudgetLine {
                    description: "Care work, agency shifts".to_string(),
                    ..line(ClientSalaryOrWages, "120.00", Weekly)
                },
                line(Rent, "98.50", Weekly),
                line(CouncilTax, "120.00", Monthly),
                line(Electricity, "25.00", Weekly),
                line(Gas, "20.00", Weekly),
                line(WaterSupply, "35.00", Monthly),
                line(TvLicence, "174.50", Yearly),
                line(MobilePhone, "20.00", Monthly),
                line(HomePhoneInternetAndTv, "30.00", Monthly),
                line(Groceries, "110.00", Weekly),
                line(ClothingAndFootwear, "30.00", Monthly),
                line(Toiletries, "10.00", Monthly),
            ],
            debts: vec![
                DebtLine {
                    priority: DebtPriority::Priority,
                    creditor: "Calderdale Council (council tax arrears)".to_string(),
                    owed: dec("300.00"),
                    payment: dec("10.00"),
                    frequency: Monthly,
                },
                DebtLine {
                    priority: DebtPriority::NonPriority,
                    creditor: "Catalogue".to_string(),
                    owed: dec("500.00"),
                    payment: dec("5.00"),
                    frequency: Monthly,
                },
            ],
            explanations: vec![CategoryExplanation {
                category: FlexibleCategory::FoodAndHousekeeping,
                explanation: "Coeliac diet on prescription: gluten-free food costs more."
                    .to_string(),
            }],
        }
    }

    const PARENT_AND_CHILD: Household = Household {
        adults_count: 1,
        children_count: 1,
        vehicles_count: 0,
    };

    fn assessed(statement: &IncomeExpenditure) -> Assessment {
        assess(statement, &PARENT_AND_CHILD, AS_AT()).expect("assesses")
    }

    #[test]
    fn tenant_copy_shows_totals_flags_and_the_proposal() {
        let statement = realistic_statement();
        let assessment = assessed(&statement);
        let pdf = income_expenditure_pdf(
            &Landlord::demo(),
            &small_account(),
            &assessment,
            &statement,
            "Priya Shah",
            AS_AT(),
        )
        .expect("renders");
        let text = pdftotext(&pdf);
        let pages_count = pdf_pages_text(&pdf).len();
        assert!(pages_count <= 3, "{pages_count} pages");
        for expected in [
            "Calder Valley Homes",
            "Income and expenditure",
            "assessed on 23 November 2026",
            "Gary Okonkwo and Fatima",
            "188667687",
            "1 adult, 1 child, no vehicles",
            "Priya Shah",
            "Guideline figures not verified",
            // Lines as given and monthly.
            "Your salary or wages (Care work, agency shifts)",
            "£26.05 weekly",
            "£112.88",
            "£174.50 yearly",
            "£14.54",
            // Totals: income, fixed, flexible, what is left.
            "Total income",
            "£1,632.88",
            "Total fixed costs",
            "£791.37",
            "£566.67",
            "£264.84",
            // The flag and its explanation.
            "Spending guideline for this household: £450.00 a month. This category is £26.67 over it.",
            "Officer's explanation: Coeliac diet on prescription",
            "Within the guideline.",
            "Calderdale Council (council tax arrears)",
            "not taken off",
            "After essential spending and priority debts, £264.84 a month is left.",
            // Balance £145.50 on 23 November; half of £264.84 rounded down to the pound.
            "Proposed payment towards the arrears",
            "The arrears are £145.50.",
            "£132.00 a month towards the arrears",
            "Declaration",
            "Tenant's signature",
            "Officer: Priya Shah",
            "As at 23 November 2026",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
        }
        assert!(
            text.contains(&format!("Page 1 of {pages_count}")),
            "page numbers in:\n{text}"
        );
    }

    #[test]
    fn tenant_copy_of_an_account_in_credit_proposes_nothing() {
        let statement = realistic_statement();
        let assessment = assessed(&statement);
        let mut in_credit = small_account();
        in_credit
            .entries
            .push(entry(9, date(2026, 11, 9), CARD, "-200.00", "Card payment"));
        let pdf = income_expenditure_pdf(
            &Landlord::demo(),
            &in_credit,
            &assessment,
            &statement,
            "Priya Shah",
            AS_AT(),
        )
        .expect("renders");
        let text = pdftotext(&pdf);
        assert!(
            text.contains("The account is not in arrears"),
            "in:\n{text}"
        );
    }

    #[test]
    fn tenant_copy_refusals() {
        fn check(
            statement: &IncomeExpenditure,
            assessment: &Assessment,
            officer_name: &str,
            expected: &str,
        ) {
            let error = income_expenditure_pdf(
                &Landlord::demo(),
                &small_account(),
                assessment,
                statement,
                officer_name,
                AS_AT(),
            )
            .expect_err("refused");
            assert_eq!(error.to_string(), expected);
        }
        let statement = realistic_statement();
        let assessment = assessed(&statement);
        check(
            &statement,
            &assessment,
            "  ",
            "the income and expenditure statement cannot be printed: the officer's name is missing",
        );
        check(
            &statement,
            &assessment,
            &"x".repeat(OFFICER_NAME_CHARS_MAX + 1),
            "the income and expenditure statement cannot be printed: the officer's name is 61 characters long; at most 60 fit",
        );
        let mut changed = statement.clone();
        changed.lines[0].amount = dec("1100.00");
        check(
            &changed,
            &assessment,
            "Priya Shah",
            "the income and expenditure statement cannot be printed: the assessment was made from a different statement; assess it again before printing",
        );
    }

    /// Every section at its line limit, every debt, long descriptions and explanations: the
    /// tenant's copy stays a document someone will read, well inside `PAGES_MAX`.
    #[test]
    fn the_largest_statement_is_bounded() {
        let long = "w".repeat(8) + &" word".repeat((LINE_DESCRIPTION_CHARS_MAX - 8) / 5);
        assert!(long.chars().count() <= LINE_DESCRIPTION_CHARS_MAX);
        let mut lines = Vec::new();
        for item in [
            BudgetItem::OtherIncome,
            BudgetItem::OtherEssentialCosts,
            BudgetItem::Gifts,
            BudgetItem::Groceries,
            BudgetItem::Toiletries,
            BudgetItem::SavingsContribution,
        ] {
            for _ in 0..BUDGET_LINES_PER_SECTION_MAX {
                lines.push(BudgetLine {
                    description: long.clone(),
                    ..line(item, "23076.92", AmountFrequency::FourWeekly)
                });
            }
        }
        let debts = (0..DEBTS_MAX)
            .map(|index| DebtLine {
                priority: if index % 2 == 0 {
                    DebtPriority::Priority
                } else {
                    DebtPriority::NonPriority
                },
                creditor: long.clone(),
                owed: dec("99999.99"),
                payment: dec("10"),
                frequency: AmountFrequency::Weekly,
            })
            .collect();
        let explanations = FlexibleCategory::ALL
            .into_iter()
            .map(|category| CategoryExplanation {
                category,
                explanation: "because ".repeat(EXPLANATION_CHARS_MAX / 8),
            })
            .collect();
        let statement = IncomeExpenditure {
            lines,
            debts,
            explanations,
        };
        let assessment = assessed(&statement);
        let pdf = income_expenditure_pdf(
            &Landlord::demo(),
            &small_account(),
            &assessment,
            &statement,
            "Priya Shah",
            AS_AT(),
        )
        .expect("renders");
        let pages = pdf_pages_text(&pdf);
        // 16 pages when written; 20 leaves room for layout changes without hiding a runaway.
        assert!(pages.len() <= 20, "{} pages", pages.len());
        let text = pdftotext(&pdf);
        assert!(text.contains(&format!("Page {} of {}", pages.len(), pages.len())));
    }
}
