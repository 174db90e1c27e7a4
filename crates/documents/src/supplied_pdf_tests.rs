//! A tenancy agreement supplied as a PDF, made here with printpdf (text in a built-in font and
//! in an embedded one, and an image) and put into the bundle. The supplied pages are form
//! XObjects in the bundle, which printpdf's `extract_text` does not look into, so the text
//! is read with lopdf by following `Do` into every form, decoding each font's `ToUnicode`.

use lopdf::content::Content;
use lopdf::{Dictionary, Document, EncryptionState, EncryptionVersion, Object, Permissions};
use printpdf::{
    BuiltinFont, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, RawImage,
    RawImageData, RawImageFormat, TextItem, ToUnicodeCMap, XObjectTransform,
};

use crate::court_tests::{bundle, index_entries, pdf_pages_text};
use crate::fonts::{Fonts, Weight};
use crate::*;

fn text_ops(font: PdfFontHandle, x_mm: f32, y_mm: f32, text: &str) -> Vec<Op> {
    vec![
        Op::StartTextSection,
        Op::SetFont {
            font,
            size: Pt(14.0),
        },
        Op::SetTextCursor {
            pos: Point::new(Mm(x_mm), Mm(y_mm)),
        },
        Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        },
        Op::EndTextSection,
    ]
}

/// A 4 × 4 image, red and blue checks, as raw pixels (printpdf writes it Flate-compressed).
fn checks() -> RawImage {
    let mut pixels = Vec::new();
    for index in 0..16 {
        let red = (index + index / 4) % 2 == 0;
        pixels.extend_from_slice(if red { &[200, 30, 30] } else { &[30, 30, 200] });
    }
    RawImage {
        pixels: RawImageData::U8(pixels),
        width: 4,
        height: 4,
        data_format: RawImageFormat::RGB8,
        tag: Vec::new(),
    }
}

/// "Tenancy agreement" pages: each page says `words[i]`; page 1 in Helvetica (not embedded)
/// with an image, later pages in the embedded DejaVu Sans.
fn supplied_pdf(words: &[&str]) -> Vec<u8> {
    let mut document = PdfDocument::new("Tenancy agreement");
    let fonts = Fonts::register(&mut document).expect("fonts");
    let image = document.add_image(&checks());
    let pages = words
        .iter()
        .enumerate()
        .map(|(index, words)| {
            let mut ops = Vec::new();
            if index == 0 {
                ops.extend(text_ops(
                    PdfFontHandle::Builtin(BuiltinFont::Helvetica),
                    20.0,
                    270.0,
                    words,
                ));
                ops.push(Op::UseXobject {
                    id: image.clone(),
                    transform: XObjectTransform {
                        translate_x: Some(Mm(20.0).into()),
                        translate_y: Some(Mm(150.0).into()),
                        scale_x: Some(20.0),
                        scale_y: Some(20.0),
                        ..XObjectTransform::default()
                    },
                });
            } else {
                ops.extend(text_ops(fonts.handle(Weight::Regular), 20.0, 270.0, words));
            }
            PdfPage::new(Mm(210.0), Mm(297.0), ops)
        })
        .collect();
    document.with_pages(pages);
    document.save(&PdfSaveOptions::default(), &mut Vec::new())
}

fn with_agreement(pdfs: Vec<Vec<u8>>) -> CourtBundle {
    let mut with_pdf = bundle(8);
    with_pdf.tenancy_agreement = Available::Supplied(SuppliedDocument {
        description: "Assured tenancy agreement signed 6 April 2020".to_string(),
        media_type: "application/pdf".to_string(),
        pages: pdfs,
    });
    with_pdf
}

fn resolved<'d>(document: &'d Document, object: &'d Object) -> &'d Object {
    match object {
        Object::Reference(id) => document.get_object(*id).expect("reference resolves"),
        other => other,
    }
}

fn sub_dict<'d>(
    document: &'d Document,
    dict: &'d Dictionary,
    key: &[u8],
) -> Option<&'d Dictionary> {
    dict.get(key)
        .ok()
        .map(|object| resolved(document, object))
        .and_then(|object| object.as_dict().ok())
}

/// A string shown in `font`: through its ToUnicode map if it has one (two-byte codes, as
/// printpdf writes an embedded font), else one byte a character (WinAnsi, for ASCII).
fn decode(document: &Document, font: Option<&Dictionary>, bytes: &[u8]) -> String {
    let to_unicode = font
        .and_then(|font| font.get(b"ToUnicode").ok())
        .map(|object| resolved(document, object))
        .and_then(|object| object.as_stream().ok())
        .map(|stream| stream.get_plain_content().expect("ToUnicode decodes"));
    match to_unicode {
        Some(cmap) => {
            let cmap = ToUnicodeCMap::parse(&String::from_utf8_lossy(&cmap)).expect("cmap");
            bytes
                .chunks(2)
                .map(|code| {
                    let code = code
                        .iter()
                        .fold(0u32, |acc, byte| acc << 8 | u32::from(*byte));
                    cmap.lookup_string(code).unwrap_or_default()
                })
                .collect()
        }
        None => bytes.iter().map(|byte| char::from(*byte)).collect(),
    }
}

fn walk(document: &Document, content: &[u8], resources: &Dictionary, out: &mut String) {
    let mut font = None;
    let content = Content::decode(content).expect("content decodes");
    for operation in content.operations {
        let operands = &operation.operands;
        match operation.operator.as_str() {
            "Tf" => {
                let name = operands[0].as_name().expect("font name");
                font = sub_dict(document, resources, b"Font")
                    .and_then(|fonts| fonts.get(name).ok())
                    .map(|object| resolved(document, object))
                    .and_then(|object| object.as_dict().ok());
            }
            "Tj" | "'" | "\"" => {
                if let Some(Object::String(bytes, _)) = operands.last() {
                    out.push_str(&decode(document, font, bytes));
                }
            }
            "TJ" => {
                for item in operands[0].as_array().expect("TJ array") {
                    if let Object::String(bytes, _) = item {
                        out.push_str(&decode(document, font, bytes));
                    }
                }
            }
            "ET" => out.push('\n'),
            "Do" => {
                let name = operands[0].as_name().expect("xobject name");
                let xobject = sub_dict(document, resources, b"XObject")
                    .and_then(|xobjects| xobjects.get(name).ok())
                    .map(|object| resolved(document, object))
                    .and_then(|object| object.as_stream().ok())
                    .expect("xobject named on the page");
                if xobject.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form") {
                    let inner =
                        sub_dict(document, &xobject.dict, b"Resources").unwrap_or(resources);
                    let content = xobject.get_plain_content().expect("form decodes");
                    walk(document, &content, inner, out);
                }
            }
            _ => {}
        }
    }
}

/// Each page's text, including what its forms draw.
fn text_through_forms(bytes: &[u8]) -> Vec<String> {
    let document = Document::load_mem(bytes).expect("bundle loads");
    let empty = Dictionary::new();
    document
        .get_pages()
        .values()
        .map(|page_id| {
            let page = document.get_dictionary(*page_id).expect("page");
            let resources = sub_dict(&document, page, b"Resources").unwrap_or(&empty);
            let mut out = String::new();
            walk(
                &document,
                &document.get_page_content(*page_id),
                resources,
                &mut out,
            );
            out
        })
        .collect()
}

/// The raw bytes of every stream of `subtype` (an image, a font file) in a PDF.
fn streams_of(bytes: &[u8], key: &[u8], value: &[u8]) -> Vec<Vec<u8>> {
    let document = Document::load_mem(bytes).expect("loads");
    document
        .objects
        .values()
        .filter_map(|object| object.as_stream().ok())
        .filter(|stream| stream.dict.get(key).and_then(Object::as_name).ok() == Some(value))
        .map(|stream| stream.content.clone())
        .collect()
}

fn font_files(bytes: &[u8]) -> Vec<Vec<u8>> {
    let document = Document::load_mem(bytes).expect("loads");
    document
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter_map(|dict| dict.get(b"FontFile2").ok())
        .map(|object| resolved(&document, object))
        .map(|object| object.as_stream().expect("font file").content.clone())
        .collect()
}

const AGREEMENT: [&str; 2] = [
    "Clause 1: the rent is 120.00 pounds a week, due every Monday",
    "Signed by the tenants Gary Okonkwo and Fatima Okonkwo",
];

#[test]
fn every_page_of_a_supplied_pdf_is_in_the_bundle_in_order() {
    let supplied = supplied_pdf(&AGREEMENT);
    let pdf = court_bundle_pdf(&with_agreement(vec![supplied.clone()]), &mut |_| {})
        .expect("a PDF agreement goes in");
    let pages = text_through_forms(&pdf);
    let pages_count = pages.len();
    for (index, text) in pages.iter().enumerate() {
        assert!(
            text.contains(&format!("Page {} of {pages_count}", index + 1)),
            "page {}: {text}",
            index + 1
        );
        assert!(
            text.contains("Calder Valley Homes v Gary Okonkwo"),
            "page {}",
            index + 1
        );
    }
    let on_page = |words: &str| {
        let found: Vec<usize> = (0..pages_count)
            .filter(|index| pages[*index].contains(words))
            .map(|index| index + 1)
            .collect();
        assert_eq!(found.len(), 1, "{words:?} on pages {found:?}");
        found[0]
    };
    let first = on_page(AGREEMENT[0]);
    assert_eq!(on_page(AGREEMENT[1]), first + 1);
    assert!(pages[first - 1].contains("(page 1 of 2)"));
    assert!(pages[first].contains("(page 2 of 2)"));
    // The index sends the reader to the agreement's first page, and to the next tab's first
    // page after the agreement's last.
    let entries = index_entries(&pdf_pages_text(&pdf)[0]);
    assert!(entries.contains(&(2, first)), "{entries:?}");
    let next = entries.iter().find(|(tab, _)| *tab == 3).expect("tab 3").1;
    assert_eq!(next, first + 2);
    assert!(pages[next - 1].contains("Notice seeking possession"));
    // printpdf's own reading of the bundle agrees on the page count and the footers.
    let printpdf_pages = pdf_pages_text(&pdf);
    assert_eq!(printpdf_pages.len(), pages_count);
    // The supplied image and embedded font are carried across byte for byte.
    for image in streams_of(&supplied, b"Subtype", b"Image") {
        assert!(streams_of(&pdf, b"Subtype", b"Image").contains(&image));
    }
    let supplied_fonts = font_files(&supplied);
    assert!(!supplied_fonts.is_empty());
    for font in supplied_fonts {
        assert!(font_files(&pdf).contains(&font));
    }
}

#[test]
fn several_supplied_pdfs_are_appended_in_order() {
    let first = supplied_pdf(&["First PDF page one", "First PDF page two"]);
    let second = supplied_pdf(&["Second PDF page one"]);
    let pdf = court_bundle_pdf(&with_agreement(vec![first, second]), &mut |_| {})
        .expect("two PDFs go in");
    let pages = text_through_forms(&pdf);
    let position = |words: &str| {
        pages
            .iter()
            .position(|text| text.contains(words))
            .unwrap_or_else(|| panic!("{words:?} missing"))
    };
    let start = position("First PDF page one");
    assert_eq!(position("First PDF page two"), start + 1);
    assert_eq!(position("Second PDF page one"), start + 2);
    assert!(pages[start + 2].contains("(page 3 of 3)"));
}

fn refusal(pdfs: Vec<Vec<u8>>) -> String {
    court_bundle_pdf(&with_agreement(pdfs), &mut |_| {})
        .expect_err("refused")
        .to_string()
}

fn encrypted(user_password: &str) -> Vec<u8> {
    let mut document = Document::load_mem(&supplied_pdf(&AGREEMENT)).expect("loads");
    let version = EncryptionVersion::V2 {
        document: &document,
        owner_password: "owner",
        user_password,
        key_length: 128,
        permissions: Permissions::PRINTABLE,
    };
    let state = EncryptionState::try_from(version).expect("encryption state");
    document.encrypt(&state).expect("encrypts");
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).expect("saves");
    bytes
}

#[test]
fn unusable_pdfs_are_refused_with_what_to_do() {
    let prefix = "the tenancy agreement cannot go into the bundle: the PDF ";
    for user_password in ["secret", ""] {
        let message = refusal(vec![encrypted(user_password)]);
        assert!(message.starts_with(prefix), "{message}");
        assert!(
            message.contains("is encrypted")
                && message.contains("save it again as an unencrypted PDF"),
            "{message}"
        );
    }
    let good = supplied_pdf(&AGREEMENT);
    for damaged in [
        b"not a PDF at all".to_vec(),
        b"%PDF-1.7\n1 0 obj << /Type /Catalog".to_vec(),
        good[..good.len() / 3].to_vec(),
    ] {
        let message = refusal(vec![damaged]);
        assert!(message.starts_with(prefix), "{message}");
        assert!(message.contains("damaged or not a PDF"), "{message}");
    }
    let message = refusal(vec![supplied_pdf(&[])]);
    assert!(message.contains("the PDF has no pages"), "{message}");

    let sixty_one = vec!["A page"; 61];
    let message = refusal(vec![supplied_pdf(&sixty_one)]);
    assert!(
        message.contains("the PDF has 61 pages, more than the 60"),
        "{message}"
    );
    let thirty_one = vec!["A page"; 31];
    let message = refusal(vec![supplied_pdf(&thirty_one), supplied_pdf(&thirty_one)]);
    assert!(
        message.contains("the PDFs together have 62 pages"),
        "{message}"
    );
    let message = refusal(vec![good.clone(), b"junk".to_vec()]);
    assert!(
        message.contains(": PDF 2 of 2 could not be read"),
        "{message}"
    );
    // Sixty pages are accepted.
    let sixty = vec!["A page"; 60];
    court_bundle_pdf(&with_agreement(vec![supplied_pdf(&sixty)]), &mut |_| {}).expect("60 pages");
}

/// `bytes` with an annotation on page `page` whose appearance shows `text`, with flags `flags`.
fn with_annotation(bytes: &[u8], page: usize, text: &str, flags: i64) -> Vec<u8> {
    use lopdf::{dictionary, Stream};
    let mut document = Document::load_mem(bytes).expect("loads");
    let font = document.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let content = format!("BT /Helv 10 Tf 4 8 Td ({text}) Tj ET");
    let appearance = document.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 300.into(), 24.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "Helv" => font } },
        },
        content.into_bytes(),
    ));
    let annotation = document.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Widget", "F" => flags,
        "Rect" => vec![100.into(), 100.into(), 400.into(), 124.into()],
        "AP" => dictionary! { "N" => appearance },
    });
    let page_id = document.get_pages()[&(page as u32)];
    let page = document.get_dictionary_mut(page_id).expect("page");
    page.set("Annots", vec![Object::Reference(annotation)]);
    page.set("Rotate", 90);
    let mut saved = Vec::new();
    document.save_to(&mut saved).expect("saves");
    saved
}

#[test]
fn printable_annotations_of_a_supplied_pdf_are_drawn_as_printed() {
    let signed = "Signed electronically by Gary Okonkwo";
    let hidden = "A note that does not print";
    let supplied = with_annotation(&supplied_pdf(&AGREEMENT), 2, signed, 4);
    let pdf = court_bundle_pdf(&with_agreement(vec![supplied]), &mut |_| {}).expect("builds");
    let pages = text_through_forms(&pdf);
    let page = pages
        .iter()
        .position(|text| text.contains(AGREEMENT[1]))
        .expect("page 2 of the agreement");
    assert!(pages[page].contains(signed), "{}", pages[page]);

    let unprinted = with_annotation(&supplied_pdf(&AGREEMENT), 2, hidden, 4 | 2);
    let pdf = court_bundle_pdf(&with_agreement(vec![unprinted]), &mut |_| {}).expect("builds");
    assert!(!text_through_forms(&pdf).join("\n").contains(hidden));
}

#[test]
fn a_cut_or_corrupted_pdf_is_refused_or_copied_never_a_crash() {
    let good = supplied_pdf(&AGREEMENT);
    let step = (good.len() / 40).max(1);
    for cut in (0..good.len()).step_by(step) {
        let mut corrupted = good.clone();
        corrupted[cut] ^= 0x5A;
        for bytes in [good[..cut].to_vec(), corrupted] {
            if let Err(error) = court_bundle_pdf(&with_agreement(vec![bytes]), &mut |_| {}) {
                let message = error.to_string();
                assert!(
                    message.starts_with("the tenancy agreement cannot go into the bundle: "),
                    "{message}"
                );
            }
        }
    }
}
