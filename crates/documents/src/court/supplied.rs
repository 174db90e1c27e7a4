//! A document the caller supplies as it is (the tenancy agreement), put into the bundle as
//! page images. printpdf is built here without its `jpeg`/`png` features (which would pull in
//! the `image` crate's decoders), so nothing is decoded: a JPEG is embedded as it is, since PDF
//! reads JPEG itself (DCTDecode), and a PNG's compressed image data is embedded as it is, since
//! PDF's FlateDecode with the PNG predictors reads it too. Only the headers are parsed here.
//! What PDF cannot read that way (a PNG with transparency or interlacing, 16-bit colour) is
//! refused with a message saying how to supply it instead.
//!
//! A PDF (`application/pdf`, one PDF per item, appended in order) has every page brought in
//! as it is, as a form XObject (`supplied_pdf`).

use std::collections::BTreeMap;

use printpdf::{DictItem, ExternalStream, ExternalXObject, PdfDocument, XObjectId};

use crate::court::supplied_pdf::{read_pdf_pages, too_many_pages, SUPPLIED_PDF_PAGES_MAX};
use crate::error::DocumentError;

/// A scan of a few pages is a few megabytes; anything far larger is the wrong file.
const SUPPLIED_BYTES_MAX: usize = 40 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct SuppliedDocument {
    /// "Tenancy agreement signed 6 April 2020"
    pub description: String,
    /// "image/jpeg", "image/png" or "application/pdf"
    pub media_type: String,
    /// One page per item for images (a scan is usually one image per page); for a PDF, one
    /// whole PDF per item, every page of each put in the bundle, in order.
    pub pages: Vec<Vec<u8>>,
}

/// A page registered with the document, drawn into the unit square (an image, or a PDF
/// page's form), and its width and height in any one unit, for its shape.
pub(crate) struct SuppliedPage {
    pub id: XObjectId,
    pub width: f32,
    pub height: f32,
}

fn unsupported(problem: impl Into<String>) -> DocumentError {
    DocumentError::SuppliedDocumentUnsupported {
        problem: problem.into(),
    }
}

/// Registers every page of `supplied` with `document`; refuses what cannot be embedded.
pub(crate) fn add_supplied_pages(
    document: &mut PdfDocument,
    supplied: &SuppliedDocument,
) -> Result<Vec<SuppliedPage>, DocumentError> {
    if supplied.pages.is_empty() {
        return Err(unsupported("no pages were supplied"));
    }
    let media_type = supplied.media_type.trim().to_ascii_lowercase();
    if media_type == "application/pdf" {
        return add_pdf_pages(document, &supplied.pages);
    }
    let mut images = Vec::with_capacity(supplied.pages.len());
    for (index, bytes) in supplied.pages.iter().enumerate() {
        let page_number = index + 1;
        if bytes.len() > SUPPLIED_BYTES_MAX {
            return Err(unsupported(format!(
                "page {page_number} is {} bytes, more than the {SUPPLIED_BYTES_MAX} allowed",
                bytes.len()
            )));
        }
        let xobject = match media_type.as_str() {
            "image/jpeg" | "image/jpg" => jpeg_xobject(bytes),
            "image/png" => png_xobject(bytes),
            other => Err(format!(
                "its type, \"{other}\", is not one that can be embedded"
            )),
        }
        .map_err(|problem| unsupported(format!("page {page_number}: {problem}")))?;
        let (stream, width_px, height_px) = xobject;
        let id = document.add_xobject(&ExternalXObject {
            stream,
            width: None,
            height: None,
            dpi: None,
        });
        images.push(SuppliedPage {
            id,
            width: width_px as f32,
            height: height_px as f32,
        });
    }
    Ok(images)
}

/// Every page of each PDF, in order; refused whole if any PDF cannot be copied faithfully.
fn add_pdf_pages(
    document: &mut PdfDocument,
    pdfs: &[Vec<u8>],
) -> Result<Vec<SuppliedPage>, DocumentError> {
    let which = |index: usize| {
        if pdfs.len() == 1 {
            "the PDF".to_string()
        } else {
            format!("PDF {} of {}", index + 1, pdfs.len())
        }
    };
    let mut forms = Vec::new();
    let mut copied_bytes = 0;
    for (index, bytes) in pdfs.iter().enumerate() {
        let unusable = |problem: String| DocumentError::SuppliedPdfUnusable {
            pdf: which(index),
            problem,
        };
        if bytes.len() > SUPPLIED_BYTES_MAX {
            return Err(unusable(format!(
                "is {} MB, more than the {} MB a supplied document may be; print it to a new \
                 PDF with smaller images, or scan the paper copy",
                bytes.len().div_ceil(1024 * 1024),
                SUPPLIED_BYTES_MAX / (1024 * 1024)
            )));
        }
        forms.extend(read_pdf_pages(bytes, &mut copied_bytes).map_err(unusable)?);
        if forms.len() > SUPPLIED_PDF_PAGES_MAX {
            return Err(DocumentError::SuppliedPdfUnusable {
                pdf: "the PDFs together".to_string(),
                problem: too_many_pages("have", forms.len()),
            });
        }
    }
    let pages = forms
        .into_iter()
        .map(|form| SuppliedPage {
            id: document.add_xobject(&ExternalXObject {
                stream: form.stream,
                width: None,
                height: None,
                dpi: None,
            }),
            width: form.width_pt,
            height: form.height_pt,
        })
        .collect();
    Ok(pages)
}

fn name(value: &str) -> DictItem {
    DictItem::Name(value.as_bytes().to_vec())
}

fn image_dict(
    width_px: u32,
    height_px: u32,
    colour_space: DictItem,
    bits: u8,
) -> BTreeMap<String, DictItem> {
    BTreeMap::from([
        ("Type".to_string(), name("XObject")),
        ("Subtype".to_string(), name("Image")),
        ("Width".to_string(), DictItem::Int(i64::from(width_px))),
        ("Height".to_string(), DictItem::Int(i64::from(height_px))),
        ("ColorSpace".to_string(), colour_space),
        (
            "BitsPerComponent".to_string(),
            DictItem::Int(i64::from(bits)),
        ),
    ])
}

type Embedded = (ExternalStream, u32, u32);

/// Reads the frame header (SOFn) for the size and colour components; the data goes in as is.
fn jpeg_xobject(bytes: &[u8]) -> Result<Embedded, String> {
    if bytes.len() < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8 {
        return Err("this is not a JPEG file".to_string());
    }
    let mut position = 2;
    // Each step moves past one marker segment, so the loop ends within the file's length.
    while position + 4 <= bytes.len() {
        if bytes[position] != 0xFF {
            return Err("the JPEG file is damaged".to_string());
        }
        let marker = bytes[position + 1];
        if marker == 0xFF {
            position += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([
            bytes[position + 2],
            bytes[position + 3],
        ]));
        let is_frame_header =
            (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame_header {
            let segment = bytes
                .get(position + 4..position + 10)
                .ok_or("the JPEG file is cut short")?;
            let height_px = u32::from(u16::from_be_bytes([segment[1], segment[2]]));
            let width_px = u32::from(u16::from_be_bytes([segment[3], segment[4]]));
            let colour_space = match segment[5] {
                1 => name("DeviceGray"),
                3 => name("DeviceRGB"),
                4 => name("DeviceCMYK"),
                other => return Err(format!("the JPEG has {other} colour components")),
            };
            if width_px == 0 || height_px == 0 {
                return Err("the JPEG has no size".to_string());
            }
            let mut dict = image_dict(width_px, height_px, colour_space, 8);
            dict.insert("Filter".to_string(), name("DCTDecode"));
            let stream = ExternalStream {
                dict,
                content: bytes.to_vec(),
                compress: false,
            };
            return Ok((stream, width_px, height_px));
        }
        position += 2 + length;
    }
    Err("the JPEG file has no image size in it".to_string())
}

/// Reads the PNG's header and palette and joins its compressed data chunks.
fn png_xobject(bytes: &[u8]) -> Result<Embedded, String> {
    const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    if bytes.len() < 8 || bytes[..8] != SIGNATURE {
        return Err("this is not a PNG file".to_string());
    }
    let mut position = 8;
    let mut header: Option<[u8; 13]> = None;
    let mut palette: Vec<u8> = Vec::new();
    let mut data: Vec<u8> = Vec::new();
    while position + 8 <= bytes.len() {
        let length = u32::from_be_bytes([
            bytes[position],
            bytes[position + 1],
            bytes[position + 2],
            bytes[position + 3],
        ]) as usize;
        let kind = &bytes[position + 4..position + 8];
        let body = bytes
            .get(position + 8..position + 8 + length)
            .ok_or("the PNG file is cut short")?;
        match kind {
            b"IHDR" => {
                let mut fields = [0u8; 13];
                fields.copy_from_slice(body.get(..13).ok_or("the PNG header is too short")?);
                header = Some(fields);
            }
            b"PLTE" => palette = body.to_vec(),
            b"IDAT" => data.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        // Length, type, body and CRC.
        position += 12 + length;
    }
    let header = header.ok_or("the PNG file has no header")?;
    let width_px = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
    let height_px = u32::from_be_bytes([header[4], header[5], header[6], header[7]]);
    let (bit_depth, colour_type, interlace) = (header[8], header[9], header[12]);
    if interlace != 0 {
        return Err("the PNG is interlaced; save it again without interlacing".to_string());
    }
    let (colour_space, colours) = match (colour_type, bit_depth) {
        (0, 1 | 2 | 4 | 8) => (name("DeviceGray"), 1),
        (2, 8) => (name("DeviceRGB"), 3),
        (3, 1 | 2 | 4 | 8) if !palette.is_empty() => {
            let highest_index = i64::try_from(palette.len() / 3).unwrap_or(256) - 1;
            let indexed = DictItem::Array(vec![
                name("Indexed"),
                name("DeviceRGB"),
                DictItem::Int(highest_index),
                DictItem::String {
                    data: palette,
                    literal: false,
                },
            ]);
            (indexed, 1)
        }
        (4 | 6, _) => return Err("the PNG has transparency".to_string()),
        _ => {
            return Err(format!(
                "the PNG's colour format ({colour_type}, {bit_depth}-bit) cannot be embedded"
            ))
        }
    };
    if width_px == 0 || height_px == 0 || data.is_empty() {
        return Err("the PNG has no image in it".to_string());
    }
    let mut dict = image_dict(width_px, height_px, colour_space, bit_depth);
    dict.insert("Filter".to_string(), name("FlateDecode"));
    dict.insert(
        "DecodeParms".to_string(),
        DictItem::Dict {
            map: BTreeMap::from([
                ("Predictor".to_string(), DictItem::Int(15)),
                ("Colors".to_string(), DictItem::Int(colours)),
                (
                    "BitsPerComponent".to_string(),
                    DictItem::Int(i64::from(bit_depth)),
                ),
                ("Columns".to_string(), DictItem::Int(i64::from(width_px))),
            ]),
        },
    );
    let stream = ExternalStream {
        dict,
        content: data,
        compress: false,
    };
    Ok((stream, width_px, height_px))
}
