//! Letters from templates that are data: `templates/*.json`, bundled with `include_str!`.
//!
//! A template names the merge fields it requires and those it may use. Paragraph text marks
//! its shape with a prefix: "## " is a heading, "- " a bullet; anything else a paragraph. A
//! paragraph that uses an optional field is printed when all its optional fields are given and
//! left out when none are (so "You can call me directly on {officer_phone}." disappears with no
//! phone); given only some of them it is refused, because half a sentence is worse than none.
//! A required field that is missing or blank refuses the whole letter, in words the officer
//! can act on: "Letter 1 cannot be produced: the account has no address".
//!
//! The renderer itself prints the tenants' names and address (window-envelope position), the
//! payment reference and the date, and signs with the sign-off lines; so every template must
//! require `tenant_names`, `address`, `payment_reference` and `officer_name`.

use chrono::NaiveDate;
use printpdf::PdfDocument;
use serde::{Deserialize, Serialize};

use crate::error::{long_date, DocumentError};
use crate::fonts::Fonts;
use crate::landlord::{check_landlord, Landlord};
use crate::layout::{save, Chrome, Pages, TextStyle, CONTENT_WIDTH_MM, MARGIN_LEFT_MM};
use crate::merge::{
    merge_field_spec, parse_placeholders, MergeFields, Piece, MERGE_FIELD_CHARS_MAX,
};

/// The bundled templates, by code. Adding a letter is adding a file and a row here.
const TEMPLATE_SOURCES: &[(&str, &str)] = &[
    ("letter_1", include_str!("../templates/letter_1.json")),
    ("letter_2", include_str!("../templates/letter_2.json")),
    (
        "arrangement_confirmation",
        include_str!("../templates/arrangement_confirmation.json"),
    ),
];

/// The renderer prints these itself, so every template must require them.
const FIELDS_EVERY_LETTER_REQUIRES: &[&str] = &[
    "tenant_names",
    "address",
    "payment_reference",
    "officer_name",
];

/// A bound on a template's size: two pages of text at most.
const TEMPLATE_PARAGRAPHS_MAX: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterTemplate {
    pub code: String,
    /// How officers name the letter: "Letter 1".
    pub title: String,
    /// One sentence for the officer choosing a letter.
    pub description: String,
    pub required_fields: Vec<String>,
    #[serde(default)]
    pub optional_fields: Vec<String>,
    pub paragraphs: Vec<String>,
    pub sign_off: Vec<String>,
}

/// Every bundled template. A template that fails its checks is left out here and refused by
/// `render_letter` with `TemplateInvalid`; a test keeps that from ever shipping.
pub fn letter_templates() -> Vec<LetterTemplate> {
    TEMPLATE_SOURCES
        .iter()
        .filter_map(|(code, source)| parse_template(code, source).ok())
        .collect()
}

fn find_template(code: &str) -> Result<LetterTemplate, DocumentError> {
    let (_, source) = TEMPLATE_SOURCES
        .iter()
        .find(|(known, _)| *known == code)
        .ok_or_else(|| DocumentError::UnknownTemplate {
            code: code.to_string(),
        })?;
    parse_template(code, source)
}

pub(crate) fn parse_template(code: &str, source: &str) -> Result<LetterTemplate, DocumentError> {
    let invalid = |problem: String| DocumentError::TemplateInvalid {
        code: code.to_string(),
        problem,
    };
    let template: LetterTemplate =
        serde_json::from_str(source).map_err(|error| invalid(error.to_string()))?;
    if template.code != code {
        return Err(invalid(format!("its code is \"{}\"", template.code)));
    }
    if template.paragraphs.len() > TEMPLATE_PARAGRAPHS_MAX {
        return Err(invalid(format!(
            "{} paragraphs, more than {TEMPLATE_PARAGRAPHS_MAX}",
            template.paragraphs.len()
        )));
    }
    for name in template
        .required_fields
        .iter()
        .chain(&template.optional_fields)
    {
        if merge_field_spec(name).is_none() {
            return Err(invalid(format!("\"{name}\" is not a known merge field")));
        }
    }
    if let Some(both) = template
        .required_fields
        .iter()
        .find(|name| template.optional_fields.contains(name))
    {
        return Err(invalid(format!("\"{both}\" is both required and optional")));
    }
    for name in FIELDS_EVERY_LETTER_REQUIRES {
        if !template
            .required_fields
            .iter()
            .any(|required| required == name)
        {
            return Err(invalid(format!("it must require \"{name}\"")));
        }
    }
    for text in template.paragraphs.iter().chain(&template.sign_off) {
        for piece in parse_placeholders(text).map_err(invalid)? {
            if let Piece::Field(name) = piece {
                if !template.declares(name) {
                    return Err(invalid(format!(
                        "\"{{{name}}}\" is used but not declared required or optional"
                    )));
                }
            }
        }
    }
    Ok(template)
}

impl LetterTemplate {
    fn declares(&self, name: &str) -> bool {
        self.required_fields
            .iter()
            .chain(&self.optional_fields)
            .any(|declared| declared == name)
    }
}

/// The letter's body as text, fields merged: the paragraphs (with their "## " and "- "
/// markers) followed by the sign-off lines. For on-screen preview and tests; the PDF prints
/// exactly these lines.
pub fn merge_text(template_code: &str, fields: &MergeFields) -> Result<Vec<String>, DocumentError> {
    let template = find_template(template_code)?;
    let merged = merge(&template, fields)?;
    Ok(merged
        .paragraphs
        .into_iter()
        .chain(merged.sign_off)
        .collect())
}

struct MergedLetter {
    paragraphs: Vec<String>,
    sign_off: Vec<String>,
}

fn merge(template: &LetterTemplate, fields: &MergeFields) -> Result<MergedLetter, DocumentError> {
    for name in template
        .required_fields
        .iter()
        .chain(&template.optional_fields)
    {
        let chars = fields.get(name).map_or(0, |value| value.chars().count());
        if chars > MERGE_FIELD_CHARS_MAX {
            return Err(DocumentError::FieldTooLong {
                title: template.title.clone(),
                field: name.replace('_', " "),
                chars,
                chars_max: MERGE_FIELD_CHARS_MAX,
            });
        }
    }
    let mut missing: Vec<String> = template
        .required_fields
        .iter()
        .filter(|name| fields.get(name).is_none())
        .cloned()
        .collect();
    // First decide which paragraphs print and gather everything missing, so the officer hears
    // about every gap at once; only then substitute.
    let mut printed: Vec<&str> = Vec::new();
    for text in &template.paragraphs {
        let optional_used = optional_fields_in(template, text)?;
        let absent: Vec<&str> = optional_used
            .iter()
            .copied()
            .filter(|name| fields.get(name).is_none())
            .collect();
        if !optional_used.is_empty() && absent.len() == optional_used.len() {
            // None of this paragraph's optional details were given: leave it out whole.
            continue;
        }
        for name in absent {
            if !missing.iter().any(|already| already == name) {
                missing.push(name.to_string());
            }
        }
        printed.push(text);
    }
    if !missing.is_empty() {
        return Err(DocumentError::MissingFields {
            template: template.code.clone(),
            title: template.title.clone(),
            fields: missing,
        });
    }
    let paragraphs = printed
        .into_iter()
        .map(|text| substitute(template, text, fields))
        .collect::<Result<Vec<String>, DocumentError>>()?;
    let sign_off = template
        .sign_off
        .iter()
        .map(|line| substitute(template, line, fields))
        .collect::<Result<Vec<String>, DocumentError>>()?;
    Ok(MergedLetter {
        paragraphs,
        sign_off,
    })
}

fn optional_fields_in<'a>(
    template: &LetterTemplate,
    text: &'a str,
) -> Result<Vec<&'a str>, DocumentError> {
    let pieces = parse_placeholders(text).map_err(|problem| template_invalid(template, problem))?;
    Ok(pieces
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Field(name) if template.optional_fields.iter().any(|field| field == name) => {
                Some(name)
            }
            _ => None,
        })
        .collect())
}

/// One pass, left to right; a value is never itself searched for placeholders.
fn substitute(
    template: &LetterTemplate,
    text: &str,
    fields: &MergeFields,
) -> Result<String, DocumentError> {
    let pieces = parse_placeholders(text).map_err(|problem| template_invalid(template, problem))?;
    let mut merged = String::with_capacity(text.len());
    for piece in pieces {
        match piece {
            Piece::Text(literal) => merged.push_str(literal),
            Piece::Field(name) => match fields.get(name) {
                Some(value) => merged.push_str(value),
                // `merge` has already refused a letter with a missing field in a printed
                // paragraph, so this is a programming error; refuse rather than leave a gap.
                None => {
                    return Err(DocumentError::MissingFields {
                        template: template.code.clone(),
                        title: template.title.clone(),
                        fields: vec![name.to_string()],
                    })
                }
            },
        }
    }
    Ok(merged)
}

fn template_invalid(template: &LetterTemplate, problem: String) -> DocumentError {
    DocumentError::TemplateInvalid {
        code: template.code.clone(),
        problem,
    }
}

/// The letter as a PDF, dated `as_at`. Refused, never half-filled, when a field is missing.
pub fn render_letter(
    template_code: &str,
    fields: &MergeFields,
    landlord: &Landlord,
    as_at: NaiveDate,
) -> Result<Vec<u8>, DocumentError> {
    let template = find_template(template_code)?;
    let merged = merge(&template, fields)?;
    check_landlord(landlord)?;
    // `merge` succeeded, so the fields every letter requires are present.
    let field = |name: &str| fields.get(name).unwrap_or_default().to_string();
    let mut document = PdfDocument::new(&format!(
        "{} {}",
        template.title,
        field("payment_reference")
    ));
    let fonts = Fonts::register(&mut document)?;
    let mut pages = Pages::new(&fonts);
    draw_addresses(&mut pages, fields, as_at);
    let mut previous_was_bullet = false;
    let last_index = merged.paragraphs.len().saturating_sub(1);
    for (index, paragraph) in merged.paragraphs.iter().enumerate() {
        let is_bullet = paragraph.starts_with("- ");
        if index == last_index {
            // The last paragraph goes over with the signature, so page 2 never holds a
            // signature alone (which looks as if it could belong to any letter).
            let lines_count = pages.wrap(paragraph, BODY, CONTENT_WIDTH_MM).len();
            let paragraph_mm = BODY.line_height_mm() * lines_count as f32 + PARAGRAPH_GAP_MM;
            pages.ensure_room(paragraph_mm + sign_off_height_mm(&merged.sign_off))?;
        }
        if previous_was_bullet && !is_bullet {
            // A list ends with a paragraph's worth of space, not a bullet's.
            pages.cursor_mm += PARAGRAPH_GAP_MM - BULLET_GAP_MM;
        }
        draw_paragraph(&mut pages, paragraph)?;
        previous_was_bullet = is_bullet;
    }
    draw_sign_off(&mut pages, &merged.sign_off)?;
    let chrome = Chrome {
        landlord,
        as_at,
        footer_title: format!("Payment reference {}", field("payment_reference")),
    };
    let pdf_pages = pages.finish(&chrome);
    Ok(save(document, pdf_pages, as_at))
}

const BODY: TextStyle = TextStyle::regular(10.0);
const HEADING: TextStyle = TextStyle::bold(11.0);
const LABEL: TextStyle = TextStyle::secondary(8.5);
const PARAGRAPH_GAP_MM: f32 = 2.8;
const BULLET_GAP_MM: f32 = 1.2;
const BULLET_INDENT_MM: f32 = 6.0;
/// Where a DL window envelope shows the address: about 50 mm down, 20 mm in.
const RECIPIENT_FIRST_BASELINE_MM: f32 = 54.0;
const REFERENCE_LABEL_X_MM: f32 = 128.0;
const REFERENCE_VALUE_X_MM: f32 = 150.0;

/// The tenants' names and address on the left; reference and date on the right.
fn draw_addresses(pages: &mut Pages<'_>, fields: &MergeFields, as_at: NaiveDate) {
    let mut baseline_mm = RECIPIENT_FIRST_BASELINE_MM;
    let recipient_width_mm = REFERENCE_LABEL_X_MM - MARGIN_LEFT_MM - 6.0;
    let names = fields.get("tenant_names").unwrap_or_default();
    let address = fields.get("address").unwrap_or_default();
    for line in pages.wrap(names, BODY, recipient_width_mm) {
        pages.text(MARGIN_LEFT_MM, baseline_mm, &line, BODY);
        baseline_mm += BODY.line_height_mm();
    }
    for line in address
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
    {
        for wrapped in pages.wrap(line, BODY, recipient_width_mm) {
            pages.text(MARGIN_LEFT_MM, baseline_mm, &wrapped, BODY);
            baseline_mm += BODY.line_height_mm();
        }
    }
    let recipient_bottom_mm = baseline_mm;

    let mut references = vec![
        (
            "Our ref",
            fields
                .get("payment_reference")
                .unwrap_or_default()
                .to_string(),
        ),
        ("Date", long_date(&as_at)),
    ];
    if let Some(name) = fields.get("officer_name") {
        references.push(("Contact", name.to_string()));
    }
    if let Some(phone) = fields.get("officer_phone") {
        references.push(("Phone", phone.to_string()));
    }
    let mut reference_baseline_mm = RECIPIENT_FIRST_BASELINE_MM;
    let value_width_mm = crate::layout::CONTENT_RIGHT_MM - REFERENCE_VALUE_X_MM;
    for (label, value) in references {
        pages.text(REFERENCE_LABEL_X_MM, reference_baseline_mm, label, LABEL);
        for line in pages.wrap(&value, BODY, value_width_mm).iter().take(2) {
            pages.text(REFERENCE_VALUE_X_MM, reference_baseline_mm, line, BODY);
            reference_baseline_mm += BODY.line_height_mm();
        }
    }
    pages.cursor_mm = recipient_bottom_mm.max(reference_baseline_mm) + 10.0;
}

fn draw_paragraph(pages: &mut Pages<'_>, paragraph: &str) -> Result<(), DocumentError> {
    if let Some(heading) = paragraph.strip_prefix("## ") {
        // A heading stays with at least two lines of what follows it.
        let needed_mm = 2.0 + HEADING.line_height_mm() + BODY.line_height_mm() * 2.0;
        pages.ensure_room(needed_mm)?;
        pages.cursor_mm += 2.0;
        draw_lines(
            pages,
            &pages.wrap(heading, HEADING, CONTENT_WIDTH_MM),
            MARGIN_LEFT_MM,
            HEADING,
        );
        pages.cursor_mm += 1.0;
        return Ok(());
    }
    if let Some(bullet) = paragraph.strip_prefix("- ") {
        let x_mm = MARGIN_LEFT_MM + BULLET_INDENT_MM;
        let lines = pages.wrap(bullet, BODY, CONTENT_WIDTH_MM - BULLET_INDENT_MM);
        keep_together(pages, lines.len())?;
        let baseline_mm = pages.cursor_mm + BODY.size_pt * crate::fonts::MM_PER_PT;
        pages.text(MARGIN_LEFT_MM + 1.5, baseline_mm, "•", BODY);
        draw_lines(pages, &lines, x_mm, BODY);
        pages.cursor_mm += BULLET_GAP_MM;
        return Ok(());
    }
    let lines = pages.wrap(paragraph, BODY, CONTENT_WIDTH_MM);
    keep_together(pages, lines.len())?;
    draw_lines(pages, &lines, MARGIN_LEFT_MM, BODY);
    pages.cursor_mm += PARAGRAPH_GAP_MM;
    Ok(())
}

/// A paragraph that fits on a page is not split across two; a longer one starts on a new page
/// and is split by `draw_lines`.
fn keep_together(pages: &mut Pages<'_>, lines_count: usize) -> Result<(), DocumentError> {
    let height_mm = BODY.line_height_mm() * lines_count as f32;
    pages.ensure_room(height_mm)?;
    Ok(())
}

fn draw_lines(pages: &mut Pages<'_>, lines: &[String], x_mm: f32, style: TextStyle) {
    for line in lines {
        let baseline_mm = pages.cursor_mm + style.size_pt * crate::fonts::MM_PER_PT;
        pages.text(x_mm, baseline_mm, line, style);
        pages.cursor_mm += style.line_height_mm();
    }
}

const SIGN_OFF_GAP_MM: f32 = 3.0;
/// Room for a pen signature, where the sign-off has a blank line.
const SIGNATURE_GAP_MM: f32 = 10.0;

fn sign_off_height_mm(lines: &[String]) -> f32 {
    let blank_count = lines.iter().filter(|line| line.trim().is_empty()).count();
    SIGN_OFF_GAP_MM
        + (lines.len() - blank_count) as f32 * BODY.line_height_mm()
        + blank_count as f32 * SIGNATURE_GAP_MM
}

/// "Yours sincerely," then room to sign, then the officer's name in bold and their role. Kept
/// together on one page: a signature alone at the top of page 2 looks like a forgery.
fn draw_sign_off(pages: &mut Pages<'_>, lines: &[String]) -> Result<(), DocumentError> {
    pages.ensure_room(sign_off_height_mm(lines))?;
    pages.cursor_mm += SIGN_OFF_GAP_MM;
    let mut after_gap = false;
    for line in lines {
        if line.trim().is_empty() {
            pages.cursor_mm += SIGNATURE_GAP_MM;
            after_gap = true;
            continue;
        }
        // The first line after the signature gap is the signer's name.
        let style = if after_gap {
            TextStyle::bold(10.0)
        } else {
            BODY
        };
        after_gap = false;
        draw_lines(pages, std::slice::from_ref(line), MARGIN_LEFT_MM, style);
    }
    Ok(())
}

/// A letter to an organisation rather than the tenants (a council's Housing Benefit section):
/// the addressee and references in the window-envelope position, then paragraphs written by
/// the caller in the templates' shape ("## " a heading, "- " a bullet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationLetter {
    /// The first line is the addressee's name; the rest its address, if known.
    pub addressee_lines: Vec<String>,
    /// The landlord's reference (the payment reference).
    pub our_reference: String,
    pub officer_name: String,
    pub officer_phone: String,
    pub paragraphs: Vec<String>,
}

/// The organisation letter as a PDF, dated `as_at`; refused when it names no addressee, no
/// reference, no officer or says nothing.
pub fn organisation_letter_pdf(
    letter: &OrganisationLetter,
    landlord: &Landlord,
    as_at: NaiveDate,
) -> Result<Vec<u8>, DocumentError> {
    check_landlord(landlord)?;
    let missing = |what: &str| DocumentError::LetterIncomplete {
        what: what.to_string(),
    };
    let addressee = letter
        .addressee_lines
        .first()
        .filter(|line| !line.trim().is_empty())
        .ok_or_else(|| missing("the addressee"))?;
    if letter.our_reference.trim().is_empty() {
        return Err(missing("our reference"));
    }
    if letter.officer_name.trim().is_empty() {
        return Err(missing("the officer's name"));
    }
    if letter.paragraphs.is_empty() || letter.paragraphs.len() > TEMPLATE_PARAGRAPHS_MAX {
        return Err(missing("what the letter says"));
    }
    let fields = MergeFields::new()
        .with("tenant_names", addressee.as_str())
        .with("address", letter.addressee_lines[1..].join("\n"))
        .with("payment_reference", letter.our_reference.as_str())
        .with("officer_name", letter.officer_name.as_str())
        .with("officer_phone", letter.officer_phone.as_str());
    let mut document = PdfDocument::new(&format!("Letter {}", letter.our_reference));
    let fonts = Fonts::register(&mut document)?;
    let mut pages = Pages::new(&fonts);
    draw_addresses(&mut pages, &fields, as_at);
    for paragraph in &letter.paragraphs {
        draw_paragraph(&mut pages, paragraph)?;
    }
    let sign_off = vec![
        "Yours faithfully,".to_string(),
        String::new(),
        letter.officer_name.clone(),
        "Rent Income Officer".to_string(),
    ];
    draw_sign_off(&mut pages, &sign_off)?;
    let chrome = Chrome {
        landlord,
        as_at,
        footer_title: format!("Our reference {}", letter.our_reference),
    };
    let pdf_pages = pages.finish(&chrome);
    Ok(save(document, pdf_pages, as_at))
}
