//! The payment receipt an officer hands the tenant at the door: one numbered A4 page.
//!
//! It says what was paid, how, when, to whom, and what the balance is now, and above all
//! whether the money is certain yet: an offline card payment is only approved on the terminal
//! and is confirmed when it is forwarded; a cheque can still bounce; a payment on the training
//! simulator took no money at all, and says so at the top and bottom of the page (DOMAIN.md,
//! "Card and cheque payments in the field").
//!
//! Card data: the app never sees a card number (the terminal does the payment), and this
//! module makes sure none reaches paper either. A "masked" card showing more than four digits
//! is refused, and the refusal counts the digits without repeating them.
//!
//! Time: `taken_at` carries the laptop's UTC offset at the moment of payment, so the receipt
//! shows the hour on the tenant's own clock, named GMT or BST, without a time-zone database
//! here. UTC alone would be an hour out all summer, which invites a dispute; a preformatted
//! string could disagree with the recorded instant, which nobody could then check.

use chrono::{DateTime, FixedOffset};
use doorstep_domain::money::{format_money, round_money};
use printpdf::PdfDocument;
use rust_decimal::Decimal;

use crate::error::{long_date_time, DocumentError};
use crate::fonts::{Fonts, MM_PER_PT};
use crate::landlord::{check_landlord, Landlord};
use crate::layout::{
    save, Chrome, Pages, TextStyle, BODY_BOTTOM_MM, CONTENT_RIGHT_MM, CONTENT_WIDTH_MM,
    MARGIN_LEFT_MM,
};

/// The most digits a masked card number may show: the last four, as PCI DSS allows.
pub const RECEIPT_CARD_DIGITS_MAX: usize = 4;

/// Any one text on the receipt, in characters; longer is a runaway input, not a name.
pub const RECEIPT_TEXT_CHARS_MAX: usize = 200;

/// Address lines before the postcode.
pub const RECEIPT_ADDRESS_LINES_MAX: usize = 6;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentReceipt {
    pub receipt_number: String,
    pub payment_reference: String,
    pub tenant_names: String,
    pub address_lines: Vec<String>,
    pub postcode: String,
    /// More than zero, in pounds, to the penny.
    pub amount: Decimal,
    pub method: ReceiptMethod,
    /// What the payment pays: "Rent and arrears", "Court order instalment".
    pub allocation: String,
    /// The moment of payment with the laptop's UTC offset then (see the module comment).
    pub taken_at: DateTime<FixedOffset>,
    pub officer_name: String,
    /// The account balance once this payment is counted.
    pub balance_after: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiptMethod {
    Card {
        /// "Visa", "Mastercard".
        scheme: String,
        /// As the terminal returned it: "**** 4242". At most four digits, or it is refused.
        masked_card: String,
        /// `None` when the terminal approved offline and has not yet been answered.
        authorisation_code: Option<String>,
        provider_reference: String,
        terminal_id: String,
        /// Approved on the terminal, to be forwarded and authorised later.
        offline: bool,
        /// The training simulator: no money moved.
        simulator: bool,
    },
    Cheque {
        cheque_number: String,
        /// The name printed on the cheque.
        drawer: String,
    },
}

/// The receipt as a one-page PDF. Refuses a receipt without a number, an amount that is not
/// more than zero, a card number that is not masked, and blank or runaway details.
pub fn payment_receipt_pdf(
    landlord: &Landlord,
    receipt: &PaymentReceipt,
) -> Result<Vec<u8>, DocumentError> {
    check_landlord(landlord)?;
    check_receipt(receipt)?;
    let training = is_training(receipt);
    let mut document = PdfDocument::new(&format!(
        "Payment receipt {}",
        receipt.receipt_number.trim()
    ));
    let fonts = Fonts::register(&mut document)?;
    let mut pages = Pages::new(&fonts);
    if training {
        draw_training_banner(&mut pages);
    }
    draw_heading(&mut pages, receipt);
    draw_amount(&mut pages, receipt);
    draw_status(&mut pages, receipt);
    draw_payment_details(&mut pages, receipt);
    draw_balance(&mut pages, receipt);
    draw_closing_note(&mut pages, landlord, receipt);
    if training {
        draw_training_banner(&mut pages);
    }
    // The limits on every text keep the receipt on one page, with no page break to check.
    assert!(
        pages.cursor_mm <= BODY_BOTTOM_MM,
        "receipt ran to {} mm",
        pages.cursor_mm
    );
    let as_at = receipt.taken_at.date_naive();
    let footer_title = if training {
        // The warning first, so a long receipt number cannot push it out of the footer.
        format!(
            "TRAINING, no money was taken · receipt {}",
            receipt.receipt_number.trim()
        )
    } else {
        format!("Payment receipt {}", receipt.receipt_number.trim())
    };
    let chrome = Chrome {
        landlord,
        as_at,
        footer_title: pages.fit_footer_title(&footer_title),
    };
    let pdf_pages = pages.finish(&chrome);
    Ok(save(document, pdf_pages, as_at))
}

fn is_training(receipt: &PaymentReceipt) -> bool {
    matches!(
        receipt.method,
        ReceiptMethod::Card {
            simulator: true,
            ..
        }
    )
}

fn incomplete(problem: impl Into<String>) -> DocumentError {
    DocumentError::ReceiptIncomplete {
        problem: problem.into(),
    }
}

fn check_receipt(receipt: &PaymentReceipt) -> Result<(), DocumentError> {
    // The card number first: whatever else is wrong, that one must never be echoed anywhere.
    if let ReceiptMethod::Card { masked_card, .. } = &receipt.method {
        let digits_count = masked_card.chars().filter(char::is_ascii_digit).count();
        if digits_count > RECEIPT_CARD_DIGITS_MAX {
            return Err(DocumentError::ReceiptCardNumberNotMasked { digits_count });
        }
    }
    if receipt.receipt_number.trim().is_empty() {
        return Err(DocumentError::ReceiptNumberMissing);
    }
    if round_money(receipt.amount) <= Decimal::ZERO {
        return Err(DocumentError::ReceiptAmountNotPositive {
            amount: receipt.amount,
        });
    }
    // A receipt states exactly what was taken; a fraction of a penny cannot have been.
    if round_money(receipt.amount) != receipt.amount {
        return Err(incomplete("the amount has a fraction of a penny"));
    }
    if receipt.address_lines.len() > RECEIPT_ADDRESS_LINES_MAX {
        return Err(incomplete(format!(
            "the address has {} lines and at most {RECEIPT_ADDRESS_LINES_MAX} fit",
            receipt.address_lines.len()
        )));
    }
    let address_given = receipt
        .address_lines
        .iter()
        .chain(std::iter::once(&receipt.postcode))
        .any(|line| !line.trim().is_empty());
    if !address_given {
        return Err(incomplete("the tenant's address is missing"));
    }
    for (what, text) in required_texts(receipt) {
        if text.trim().is_empty() {
            return Err(incomplete(format!("the {what} is missing")));
        }
    }
    let optional_texts = receipt
        .address_lines
        .iter()
        .map(|line| ("address", line.as_str()))
        .chain(std::iter::once(("postcode", receipt.postcode.as_str())))
        .chain(match &receipt.method {
            ReceiptMethod::Card {
                authorisation_code: Some(code),
                ..
            } => Some(("authorisation code", code.as_str())),
            _ => None,
        });
    for (what, text) in required_texts(receipt).into_iter().chain(optional_texts) {
        let chars = text.trim().chars().count();
        if chars > RECEIPT_TEXT_CHARS_MAX {
            return Err(incomplete(format!(
                "the {what} is {chars} characters long and at most {RECEIPT_TEXT_CHARS_MAX} fit"
            )));
        }
    }
    Ok(())
}

/// Every text the receipt cannot do without, with how the officer would name it.
fn required_texts(receipt: &PaymentReceipt) -> Vec<(&'static str, &str)> {
    let mut texts = vec![
        ("payment reference", receipt.payment_reference.as_str()),
        ("tenant's name", receipt.tenant_names.as_str()),
        ("officer's name", receipt.officer_name.as_str()),
        ("allocation", receipt.allocation.as_str()),
    ];
    match &receipt.method {
        ReceiptMethod::Card {
            scheme,
            masked_card,
            provider_reference,
            terminal_id,
            ..
        } => texts.extend([
            ("card scheme", scheme.as_str()),
            ("masked card number", masked_card.as_str()),
            ("provider's reference", provider_reference.as_str()),
            ("terminal id", terminal_id.as_str()),
        ]),
        ReceiptMethod::Cheque {
            cheque_number,
            drawer,
        } => texts.extend([
            ("cheque number", cheque_number.as_str()),
            ("cheque's drawer", drawer.as_str()),
        ]),
    }
    texts
}

const TITLE: TextStyle = TextStyle::bold(18.0);
const LABEL: TextStyle = TextStyle::secondary(8.5);
const VALUE: TextStyle = TextStyle::regular(10.0);
const VALUE_BOLD: TextStyle = TextStyle::bold(10.0);
const RECEIPT_NUMBER: TextStyle = TextStyle::bold(12.0);
const AMOUNT: TextStyle = TextStyle::bold(30.0);
const STATUS: TextStyle = TextStyle::bold(10.5);
const BANNER: TextStyle = TextStyle::bold(13.0);
const NOTE: TextStyle = TextStyle::secondary(8.5);

const TRAINING_TEXT: &str = "TRAINING — SIMULATED TERMINAL, NO MONEY WAS TAKEN";
const OFFLINE_TEXT: &str =
    "Approved offline: the payment is confirmed when the terminal next connects.";
const CHEQUE_TEXT: &str = "Subject to the cheque clearing.";

/// The right-hand column of the heading: receipt number, reference, time, officer.
const DETAILS_LABEL_X_MM: f32 = 96.0;
const DETAILS_VALUE_X_MM: f32 = 126.0;
const DETAILS_VALUE_WIDTH_MM: f32 = CONTENT_RIGHT_MM - DETAILS_VALUE_X_MM;
const TENANT_WIDTH_MM: f32 = DETAILS_LABEL_X_MM - MARGIN_LEFT_MM - 6.0;
/// Labels and values in the payment details below the amount.
const TABLE_VALUE_X_MM: f32 = MARGIN_LEFT_MM + 58.0;
const TABLE_VALUE_WIDTH_MM: f32 = CONTENT_RIGHT_MM - TABLE_VALUE_X_MM;

/// A framed, shaded notice across the page; on a training receipt, first and last.
fn draw_training_banner(pages: &mut Pages<'_>) {
    let lines = pages.wrap(TRAINING_TEXT, BANNER, CONTENT_WIDTH_MM - 8.0);
    let height_mm = 5.0 + lines.len() as f32 * BANNER.line_height_mm();
    let top_mm = pages.cursor_mm;
    pages.band(MARGIN_LEFT_MM, top_mm, CONTENT_WIDTH_MM, height_mm, 0.85);
    pages.outline(
        MARGIN_LEFT_MM,
        top_mm,
        CONTENT_WIDTH_MM,
        height_mm,
        1.5,
        0.1,
    );
    let mut baseline_mm = top_mm + 2.5 + BANNER.size_pt * MM_PER_PT;
    for line in &lines {
        let x_mm = MARGIN_LEFT_MM + (CONTENT_WIDTH_MM - pages.text_width_mm(line, BANNER)) / 2.0;
        pages.text(x_mm, baseline_mm, line, BANNER);
        baseline_mm += BANNER.line_height_mm();
    }
    pages.cursor_mm = top_mm + height_mm + 5.0;
}

fn draw_heading(pages: &mut Pages<'_>, receipt: &PaymentReceipt) {
    let top_mm = pages.cursor_mm;
    pages.text(MARGIN_LEFT_MM, top_mm + 7.0, "Payment receipt", TITLE);

    // Who paid, on the left.
    let mut baseline_mm = top_mm + 16.0;
    for line in pages.wrap_at_most(receipt.tenant_names.trim(), VALUE_BOLD, TENANT_WIDTH_MM, 2) {
        pages.text(MARGIN_LEFT_MM, baseline_mm, &line, VALUE_BOLD);
        baseline_mm += VALUE.line_height_mm();
    }
    let address: Vec<&str> = receipt
        .address_lines
        .iter()
        .chain(std::iter::once(&receipt.postcode))
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .collect();
    let address_lines_max = RECEIPT_ADDRESS_LINES_MAX + 1;
    for line in pages.wrap_at_most(
        &address.join("\n"),
        VALUE,
        TENANT_WIDTH_MM,
        address_lines_max,
    ) {
        pages.text(MARGIN_LEFT_MM, baseline_mm, &line, VALUE);
        baseline_mm += VALUE.line_height_mm();
    }
    let tenant_bottom_mm = baseline_mm;

    // The receipt's identity, on the right.
    let mut baseline_mm = top_mm + 7.0;
    pages.text(DETAILS_LABEL_X_MM, baseline_mm, "Receipt number", LABEL);
    let number = pages
        .wrap_at_most(
            receipt.receipt_number.trim(),
            RECEIPT_NUMBER,
            DETAILS_VALUE_WIDTH_MM,
            2,
        )
        .join("\n");
    for line in number.lines() {
        pages.text(DETAILS_VALUE_X_MM, baseline_mm, line, RECEIPT_NUMBER);
        baseline_mm += RECEIPT_NUMBER.line_height_mm();
    }
    baseline_mm += 2.0;
    let details = [
        (
            "Payment reference",
            receipt.payment_reference.trim().to_string(),
        ),
        ("Paid on", long_date_time(&receipt.taken_at)),
        ("Received by", receipt.officer_name.trim().to_string()),
    ];
    for (label, value) in details {
        pages.text(DETAILS_LABEL_X_MM, baseline_mm, label, LABEL);
        for line in pages.wrap_at_most(&value, VALUE, DETAILS_VALUE_WIDTH_MM, 2) {
            pages.text(DETAILS_VALUE_X_MM, baseline_mm, &line, VALUE);
            baseline_mm += VALUE.line_height_mm();
        }
        baseline_mm += 1.2;
    }
    pages.cursor_mm = tenant_bottom_mm.max(baseline_mm) + 4.0;
}

/// The amount, large, in a shaded box: the one figure the tenant checks.
fn draw_amount(pages: &mut Pages<'_>, receipt: &PaymentReceipt) {
    let top_mm = pages.cursor_mm;
    let height_mm = 24.0;
    pages.band(MARGIN_LEFT_MM, top_mm, CONTENT_WIDTH_MM, height_mm, 0.93);
    let label = if is_training(receipt) {
        "Amount (training: no money was taken)"
    } else {
        "Amount received"
    };
    pages.text(MARGIN_LEFT_MM + 4.0, top_mm + 7.0, label, LABEL);
    let amount = format_money(receipt.amount);
    pages.text(MARGIN_LEFT_MM + 4.0, top_mm + 19.0, &amount, AMOUNT);
    let method = match &receipt.method {
        ReceiptMethod::Card { .. } => "Paid by card",
        ReceiptMethod::Cheque { .. } => "Paid by cheque",
    };
    pages.text_right(CONTENT_RIGHT_MM - 4.0, top_mm + 19.0, method, VALUE_BOLD);
    pages.cursor_mm = top_mm + height_mm + 3.0;
}

/// Whether the money is certain: approved, approved offline, or subject to clearing.
fn draw_status(pages: &mut Pages<'_>, receipt: &PaymentReceipt) {
    let mut statements: Vec<&str> = Vec::new();
    match &receipt.method {
        ReceiptMethod::Card {
            offline, simulator, ..
        } => {
            // A training receipt already says so at its top and bottom.
            if *offline {
                statements.push(OFFLINE_TEXT);
            } else if !*simulator {
                statements.push("Approved by the card terminal.");
            }
        }
        ReceiptMethod::Cheque { .. } => statements.push(CHEQUE_TEXT),
    }
    for statement in statements {
        for line in pages.wrap(statement, STATUS, CONTENT_WIDTH_MM) {
            let baseline_mm = pages.cursor_mm + STATUS.size_pt * MM_PER_PT;
            pages.text(MARGIN_LEFT_MM, baseline_mm, &line, STATUS);
            pages.cursor_mm += STATUS.line_height_mm();
        }
        pages.cursor_mm += 1.0;
    }
    pages.cursor_mm += 3.0;
}

fn draw_payment_details(pages: &mut Pages<'_>, receipt: &PaymentReceipt) {
    let mut rows: Vec<(&str, String)> = Vec::new();
    match &receipt.method {
        ReceiptMethod::Card {
            scheme,
            masked_card,
            authorisation_code,
            provider_reference,
            terminal_id,
            offline,
            ..
        } => {
            rows.push(("Card", format!("{} {}", scheme.trim(), masked_card.trim())));
            let authorisation = match authorisation_code
                .as_deref()
                .map(str::trim)
                .filter(|code| !code.is_empty())
            {
                Some(code) => code.to_string(),
                None if *offline => "None yet (approved offline)".to_string(),
                None => "Not given by the terminal".to_string(),
            };
            rows.push(("Authorisation code", authorisation));
            rows.push((
                "Transaction reference",
                provider_reference.trim().to_string(),
            ));
            rows.push(("Terminal", terminal_id.trim().to_string()));
        }
        ReceiptMethod::Cheque {
            cheque_number,
            drawer,
        } => {
            rows.push(("Cheque number", cheque_number.trim().to_string()));
            rows.push(("Drawn by", drawer.trim().to_string()));
        }
    }
    rows.push(("Paid towards", receipt.allocation.trim().to_string()));
    pages.rule(MARGIN_LEFT_MM, CONTENT_RIGHT_MM, pages.cursor_mm, 0.5, 0.6);
    pages.cursor_mm += 2.0;
    for (label, value) in rows {
        let mut baseline_mm = pages.cursor_mm + VALUE.size_pt * MM_PER_PT;
        pages.text(MARGIN_LEFT_MM, baseline_mm, label, LABEL);
        for line in pages.wrap_at_most(&value, VALUE, TABLE_VALUE_WIDTH_MM, 2) {
            pages.text(TABLE_VALUE_X_MM, baseline_mm, &line, VALUE);
            baseline_mm += VALUE.line_height_mm();
        }
        pages.cursor_mm = baseline_mm - VALUE.size_pt * MM_PER_PT + 1.5;
    }
    pages.cursor_mm += 1.0;
    pages.rule(MARGIN_LEFT_MM, CONTENT_RIGHT_MM, pages.cursor_mm, 0.5, 0.6);
    pages.cursor_mm += 4.0;
}

/// "Owed after this payment £1,084.50": the direction in words, as on the statement.
fn draw_balance(pages: &mut Pages<'_>, receipt: &PaymentReceipt) {
    let what = if receipt.balance_after > Decimal::ZERO {
        "Owed after this payment"
    } else if receipt.balance_after < Decimal::ZERO {
        "In credit after this payment"
    } else {
        "Balance after this payment"
    };
    let baseline_mm = pages.cursor_mm + VALUE_BOLD.size_pt * MM_PER_PT;
    pages.text(MARGIN_LEFT_MM, baseline_mm, what, VALUE_BOLD);
    pages.text(
        TABLE_VALUE_X_MM,
        baseline_mm,
        &format_money(receipt.balance_after),
        VALUE_BOLD,
    );
    pages.cursor_mm += VALUE_BOLD.line_height_mm() + 1.0;
    let provisional = match &receipt.method {
        ReceiptMethod::Card { offline, .. } => *offline,
        ReceiptMethod::Cheque { .. } => true,
    };
    // A returned cheque or declined offline payment reverses the credit (DOMAIN.md).
    if provisional && !is_training(receipt) {
        let note = "This balance counts the payment. If the payment is not confirmed, it will be \
                    taken off your account again and we will contact you.";
        for line in pages.wrap(note, NOTE, CONTENT_WIDTH_MM) {
            let baseline_mm = pages.cursor_mm + NOTE.size_pt * MM_PER_PT;
            pages.text(MARGIN_LEFT_MM, baseline_mm, &line, NOTE);
            pages.cursor_mm += NOTE.line_height_mm();
        }
    }
    pages.cursor_mm += 5.0;
}

fn draw_closing_note(pages: &mut Pages<'_>, landlord: &Landlord, receipt: &PaymentReceipt) {
    let note = format!(
        "Please keep this receipt. If you have a question about this payment, call {} on {} and \
         quote receipt number {}.",
        landlord.name.trim(),
        landlord.phone.trim(),
        receipt.receipt_number.trim()
    );
    for line in pages.wrap_at_most(&note, NOTE, CONTENT_WIDTH_MM, 3) {
        let baseline_mm = pages.cursor_mm + NOTE.size_pt * MM_PER_PT;
        pages.text(MARGIN_LEFT_MM, baseline_mm, &line, NOTE);
        pages.cursor_mm += NOTE.line_height_mm();
    }
    pages.cursor_mm += 6.0;
}
