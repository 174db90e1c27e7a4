//! The certificate of service: for each person served, how, when, where and by whom, and the
//! date service is deemed to have happened (computed by the caller under CPR 6.26).

use chrono::{NaiveDate, NaiveDateTime};

use crate::court::claim::{
    check_header, check_list, check_signatory, check_text, incomplete, ClaimHeader, Signatory,
};
use crate::court::paper::{field, heading, paragraph, render, statement_of_truth, title_block};
use crate::error::{long_date, DocumentError};
use crate::layout::Pages;

const DOCUMENT: &str = "certificate of service";

const STATEMENT_OF_TRUTH_SERVICE: &str =
    "I believe that the facts stated in this certificate are true. I understand that \
     proceedings for contempt of court may be brought against anyone who makes, or causes to be \
     made, a false statement in a document verified by a statement of truth without an honest \
     belief in its truth.";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceMethod {
    ByHand,
    /// Left at the property, through the letterbox.
    LeftAtProperty,
    FirstClassPost,
    SecondClassPost,
}

impl ServiceMethod {
    pub(crate) fn words(self) -> &'static str {
        match self {
            ServiceMethod::ByHand => "by hand (personally)",
            ServiceMethod::LeftAtProperty => "left at the property (through the letterbox)",
            ServiceMethod::FirstClassPost => "first class post",
            ServiceMethod::SecondClassPost => "second class post",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServiceRecord {
    pub person_served: String,
    pub method: ServiceMethod,
    /// The wall-clock time it was handed over, posted or put through the door.
    pub served_at: NaiveDateTime,
    pub served_by: String,
    pub address_lines: Vec<String>,
    pub deemed_served_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CertificateOfService {
    /// "Notice of seeking possession dated 2 March 2026"
    pub document_served: String,
    pub records: Vec<ServiceRecord>,
    pub signatory: Signatory,
    pub signed_on: NaiveDate,
}

pub(crate) fn check_certificate(
    header: &ClaimHeader,
    certificate: &CertificateOfService,
) -> Result<(), DocumentError> {
    check_header(DOCUMENT, header)?;
    check_text(DOCUMENT, "document served", &certificate.document_served)?;
    check_signatory(DOCUMENT, &certificate.signatory)?;
    check_list(DOCUMENT, "people served", &certificate.records, true)?;
    for record in &certificate.records {
        check_text(DOCUMENT, "name of the person served", &record.person_served)?;
        check_text(DOCUMENT, "name of who served it", &record.served_by)?;
        check_list(DOCUMENT, "address lines", &record.address_lines, true)?;
        if record.deemed_served_on < record.served_at.date() {
            return Err(incomplete(
                DOCUMENT,
                format!(
                    "service on {} is deemed on {}, before it was served on {}",
                    record.person_served.trim(),
                    long_date(&record.deemed_served_on),
                    long_date(&record.served_at.date())
                ),
            ));
        }
    }
    Ok(())
}

pub fn certificate_of_service_pdf(
    header: &ClaimHeader,
    certificate: &CertificateOfService,
) -> Result<Vec<u8>, DocumentError> {
    check_certificate(header, certificate)?;
    render(
        DOCUMENT_TITLE,
        header,
        certificate.signed_on,
        false,
        |pages| draw_certificate(pages, header, certificate),
    )
}

const DOCUMENT_TITLE: &str = "Certificate of service";

pub(crate) fn draw_certificate(
    pages: &mut Pages<'_>,
    header: &ClaimHeader,
    certificate: &CertificateOfService,
) -> Result<(), DocumentError> {
    title_block(
        pages,
        DOCUMENT_TITLE,
        "To the effect of form N215 (CPR 6.17 and 6.29).",
        header,
    )?;
    paragraph(
        pages,
        "I certify that the document below was served on each person named, as set out.",
    )?;
    field(pages, "Document served", &certificate.document_served)?;
    for (index, record) in certificate.records.iter().enumerate() {
        heading(pages, &format!("Person served {}", index + 1))?;
        field(pages, "Name", &record.person_served)?;
        field(pages, "Method of service", record.method.words())?;
        field(
            pages,
            "Date and time served",
            &format!(
                "{} at {}",
                long_date(&record.served_at.date()),
                record.served_at.format("%H:%M")
            ),
        )?;
        field(pages, "Served by", &record.served_by)?;
        field(pages, "Address served at", &record.address_lines.join(", "))?;
        field(
            pages,
            "Deemed served on",
            &long_date(&record.deemed_served_on),
        )?;
    }
    statement_of_truth(
        pages,
        STATEMENT_OF_TRUTH_SERVICE,
        &certificate.signatory,
        Some(certificate.signed_on),
    )
}
