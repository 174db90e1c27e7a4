//! A supplied PDF's pages brought into the bundle as they are, each as a form XObject.
//!
//! printpdf's own `PdfDocument::parse` turns a page into printpdf operations and re-embeds the
//! fonts it can parse, which loses the fonts it cannot (Type 1, CFF, a scanner's OCR font)
//! and the form fields and signatures kept in annotations. So the page is not parsed into
//! operations at all: it is read with lopdf (the parser printpdf is built on) and copied
//! byte for byte, the way printpdf itself carries a parsed document's form XObjects across:
//!
//! * an inner form holds the page's content streams (one kept encoded as it is; several
//!   decoded and joined, since graphics state runs across them) with the page's resources
//!   (fonts, images, patterns, nested forms) copied in, every reference resolved, so that
//!   nothing points into the supplied file; printpdf writes each copied stream as an object
//!   of the bundle when it saves;
//! * an outer form draws the inner one, then each printable annotation's normal appearance
//!   (filled form fields, stamped or drawn signatures) in its rectangle, as a viewer prints
//!   them; its `/BBox` is the page's crop box (so nothing outside it shows) and its `/Matrix`
//!   maps the page, turned by its `/Rotate`, onto the unit square, so the bundle places it
//!   exactly as it places a scanned image.
//!
//! Objects shared by several pages (a font) are copied once per page; `COPIED_BYTES_MAX`
//! bounds what that can cost. What cannot be copied faithfully (an encrypted file, a damaged
//! one, a page without a size) is refused with what to do instead.

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId, Stream};
use printpdf::{DictItem, ExternalStream};

/// A tenancy agreement with its schedules is a few dozen pages; more is the wrong file.
pub const SUPPLIED_PDF_PAGES_MAX: usize = 60;

/// No single stream of a sensible supplied PDF decodes to more (a decompression bomb is
/// refused while the file is read).
const STREAM_DECODED_MAX: usize = 64 * 1024 * 1024;

/// Shared fonts and images are copied per page; a file that would grow past this in the
/// bundle is refused rather than left to make a bundle no court portal accepts.
const COPIED_BYTES_MAX: usize = 120 * 1024 * 1024;

/// Objects copied for one page: a page of a real document uses hundreds, not this many.
const COPIED_OBJECTS_PER_PAGE_MAX: usize = 100_000;

/// How deep references and nested dictionaries may go before the file is taken as damaged.
const DEPTH_MAX: usize = 64;

/// An annotation is printed if its Print flag is set and neither Hidden nor NoView is.
const FLAG_HIDDEN: i64 = 1 << 1;
const FLAG_PRINT: i64 = 1 << 2;
const FLAG_NO_VIEW: i64 = 1 << 5;

/// One page of a supplied PDF, ready for `PdfDocument::add_xobject`: a form drawn into the
/// unit square, and the page's shape as shown (after `/Rotate`) in points.
pub(crate) struct PdfPageForm {
    pub stream: ExternalStream,
    pub width_pt: f32,
    pub height_pt: f32,
}

/// Every page of one supplied PDF; `Err` completes "the PDF …" with what is wrong and what to
/// do. `copied_bytes` carries what earlier PDFs of the same document have copied.
pub(crate) fn read_pdf_pages(
    bytes: &[u8],
    copied_bytes: &mut usize,
) -> Result<Vec<PdfPageForm>, String> {
    // lopdf reads whatever file the officer picked; should it ever panic on a malformed one,
    // that is a damaged file to refuse, not a crash of the app.
    std::panic::catch_unwind(AssertUnwindSafe(|| read_pages(bytes, copied_bytes)))
        .unwrap_or_else(|_| Err(damaged("reading it failed part way")))
}

fn read_pages(bytes: &[u8], copied_bytes: &mut usize) -> Result<Vec<PdfPageForm>, String> {
    let document = load(bytes)?;
    let page_ids: Vec<ObjectId> = document.get_pages().into_values().collect();
    if page_ids.is_empty() {
        return Err("has no pages; check it is the right file, or scan the paper copy".into());
    }
    if page_ids.len() > SUPPLIED_PDF_PAGES_MAX {
        return Err(too_many_pages("has", page_ids.len()));
    }
    let mut forms = Vec::with_capacity(page_ids.len());
    for (index, page_id) in page_ids.into_iter().enumerate() {
        let form = page_form(&document, page_id, copied_bytes)
            .map_err(|problem| format!("has a page {} that {problem}", index + 1))?;
        forms.push(form);
    }
    Ok(forms)
}

/// "has 75 pages, more than …"; `verb` is "has" or, for several PDFs together, "have".
pub(crate) fn too_many_pages(verb: &str, pages: usize) -> String {
    format!(
        "{verb} {pages} pages, more than the {SUPPLIED_PDF_PAGES_MAX} the tenancy agreement's \
         tab may have; supply only the signed agreement and its schedules"
    )
}

fn damaged(detail: impl std::fmt::Display) -> String {
    format!(
        "could not be read ({detail}), so it is damaged or not a PDF; save it again as a \
         PDF from the program that made it, or scan the paper copy"
    )
}

const ENCRYPTED: &str = "is encrypted (password-protected or restricted), and its pages \
     cannot be copied from it; open it, save it again as an unencrypted PDF, and supply that";

fn load(bytes: &[u8]) -> Result<Document, String> {
    if !bytes.windows(5).take(1024).any(|window| window == b"%PDF-") {
        return Err(damaged("it does not start as a PDF does"));
    }
    let options = LoadOptions {
        max_decompressed_size: Some(STREAM_DECODED_MAX),
        ..LoadOptions::default()
    };
    match Document::load_mem_with_options(bytes, options) {
        Ok(document)
            if document.was_encrypted()
                || document.is_encrypted()
                || document.trailer.has(b"Encrypt") =>
        {
            Err(ENCRYPTED.to_string())
        }
        Ok(document) => Ok(document),
        // A file encrypted with a password lopdf cannot open fails to load at all.
        Err(_) if bytes.windows(8).any(|window| window == b"/Encrypt") => {
            Err(ENCRYPTED.to_string())
        }
        Err(error) => Err(damaged(error)),
    }
}

/// The page's inheritable entry (`/Resources`, `/MediaBox`, `/CropBox`, `/Rotate`), from
/// the page or the nearest of its parents that has it.
fn inherited<'d>(document: &'d Document, page: &'d Dictionary, key: &[u8]) -> Option<&'d Object> {
    let mut node = page;
    for _ in 0..DEPTH_MAX {
        if let Ok(value) = node.get(key) {
            return resolve(document, value);
        }
        let parent = node.get(b"Parent").ok()?;
        node = resolve(document, parent)?.as_dict().ok()?;
    }
    None
}

/// Follows references (a few, in case of chains) to the object itself.
fn resolve<'d>(document: &'d Document, object: &'d Object) -> Option<&'d Object> {
    let mut current = object;
    for _ in 0..DEPTH_MAX {
        match current {
            Object::Reference(id) => current = document.get_object(*id).ok()?,
            other => return Some(other),
        }
    }
    None
}

fn number(document: &Document, object: &Object) -> Option<f32> {
    match resolve(document, object)? {
        Object::Integer(value) => Some(*value as f32),
        Object::Real(value) => Some(*value),
        _ => None,
    }
    .filter(|value| value.is_finite())
}

/// A rectangle as [left, bottom, right, top], whichever corners the file gave.
fn rectangle(document: &Document, object: &Object) -> Option<[f32; 4]> {
    let values = resolve(document, object)?.as_array().ok()?;
    if values.len() != 4 {
        return None;
    }
    let mut numbers = [0.0f32; 4];
    for (slot, value) in numbers.iter_mut().zip(values) {
        *slot = number(document, value)?;
    }
    let [x0, y0, x1, y1] = numbers;
    Some([x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)])
}

/// The visible area: the crop box within the media box (US Letter if neither is given).
fn visible_box(document: &Document, page: &Dictionary) -> Result<[f32; 4], String> {
    let media = match inherited(document, page, b"MediaBox") {
        Some(object) => rectangle(document, object)
            .ok_or("has a size that cannot be read (the file is damaged)")?,
        None => [0.0, 0.0, 612.0, 792.0],
    };
    let crop = inherited(document, page, b"CropBox")
        .and_then(|object| rectangle(document, object))
        .unwrap_or(media);
    let visible = [
        crop[0].max(media[0]),
        crop[1].max(media[1]),
        crop[2].min(media[2]),
        crop[3].min(media[3]),
    ];
    // A point is 0.35 mm; a page smaller than a few points across has no size to show.
    if visible[2] - visible[0] < 3.0 || visible[3] - visible[1] < 3.0 {
        return Err("has no size (its page box is empty)".into());
    }
    Ok(visible)
}

fn name(value: &str) -> DictItem {
    DictItem::Name(value.as_bytes().to_vec())
}

fn rectangle_item(rect: [f32; 4]) -> DictItem {
    DictItem::Array(rect.iter().map(|value| DictItem::Real(*value)).collect())
}

/// The matrix taking the visible box, turned clockwise by `rotate` degrees as a viewer shows
/// it, onto the unit square; and the shape as shown.
fn unit_matrix(visible: [f32; 4], rotate: i64) -> ([f32; 6], f32, f32) {
    let [x0, y0, x1, y1] = visible;
    let (width, height) = (x1 - x0, y1 - y0);
    match rotate.rem_euclid(360) {
        90 => {
            let (shown_w, shown_h) = (height, width);
            let matrix = [
                0.0,
                -1.0 / shown_h,
                1.0 / shown_w,
                0.0,
                -y0 / shown_w,
                (width + x0) / shown_h,
            ];
            (matrix, shown_w, shown_h)
        }
        180 => {
            let matrix = [
                -1.0 / width,
                0.0,
                0.0,
                -1.0 / height,
                (width + x0) / width,
                (height + y0) / height,
            ];
            (matrix, width, height)
        }
        270 => {
            let (shown_w, shown_h) = (height, width);
            let matrix = [
                0.0,
                1.0 / shown_h,
                -1.0 / shown_w,
                0.0,
                (height + y0) / shown_w,
                -x0 / shown_h,
            ];
            (matrix, shown_w, shown_h)
        }
        // 0, or a value that is not a multiple of 90, which viewers ignore.
        _ => {
            let matrix = [
                1.0 / width,
                0.0,
                0.0,
                1.0 / height,
                -x0 / width,
                -y0 / height,
            ];
            (matrix, width, height)
        }
    }
}

fn page_form(
    document: &Document,
    page_id: ObjectId,
    copied_bytes: &mut usize,
) -> Result<PdfPageForm, String> {
    let page = document
        .get_dictionary(page_id)
        .map_err(|_| "is not a page at all (the file is damaged)".to_string())?;
    let visible = visible_box(document, page)?;
    let rotate = inherited(document, page, b"Rotate")
        .and_then(|object| object.as_i64().ok())
        .unwrap_or(0);
    let mut copier = Copier {
        document,
        objects: 0,
        path: Vec::new(),
        copied_bytes,
    };

    let mut inner = copier.content(page_id)?;
    let resources = match inherited(document, page, b"Resources") {
        Some(object) => copier.item(object, 0)?,
        None => DictItem::Dict {
            map: BTreeMap::new(),
        },
    };
    inner.dict.insert("Type".into(), name("XObject"));
    inner.dict.insert("Subtype".into(), name("Form"));
    inner.dict.insert("BBox".into(), rectangle_item(visible));
    inner.dict.insert("Resources".into(), resources);
    if let Ok(group) = page.get(b"Group") {
        inner.dict.insert("Group".into(), copier.item(group, 0)?);
    }

    let mut xobjects = BTreeMap::from([("Page".to_string(), DictItem::Stream { stream: inner })]);
    let mut content = b"/Page Do\n".to_vec();
    for (index, (appearance, matrix)) in copier.appearances(page)?.into_iter().enumerate() {
        let key = format!("Annotation{}", index + 1);
        let [a, b, c, d, e, f] = matrix;
        content.extend_from_slice(format!("q {a} {b} {c} {d} {e} {f} cm /{key} Do Q\n").as_bytes());
        xobjects.insert(key, appearance);
    }

    let (matrix, width_pt, height_pt) = unit_matrix(visible, rotate);
    let outer = BTreeMap::from([
        ("Type".to_string(), name("XObject")),
        ("Subtype".to_string(), name("Form")),
        ("BBox".to_string(), rectangle_item(visible)),
        (
            "Matrix".to_string(),
            DictItem::Array(matrix.iter().map(|value| DictItem::Real(*value)).collect()),
        ),
        (
            "Resources".to_string(),
            DictItem::Dict {
                map: BTreeMap::from([("XObject".to_string(), DictItem::Dict { map: xobjects })]),
            },
        ),
    ]);
    Ok(PdfPageForm {
        stream: ExternalStream {
            dict: outer,
            content,
            compress: false,
        },
        width_pt,
        height_pt,
    })
}

/// Copies objects out of the supplied file with every reference resolved.
struct Copier<'d, 'b> {
    document: &'d Document,
    objects: usize,
    /// The references being copied, outermost first: one met again is a loop in the file.
    path: Vec<ObjectId>,
    copied_bytes: &'b mut usize,
}

impl Copier<'_, '_> {
    fn count(&mut self, bytes: usize) -> Result<(), String> {
        self.objects += 1;
        *self.copied_bytes += bytes;
        if self.objects > COPIED_OBJECTS_PER_PAGE_MAX {
            return Err(
                "is too complex to copy (the file may be damaged); print it to a new \
                        PDF, or scan the paper copy"
                    .into(),
            );
        }
        if *self.copied_bytes > COPIED_BYTES_MAX {
            return Err(format!(
                "would take the bundle past {} MB (each page carries its own copy of the \
                 fonts and images it shares with others); print it to a new PDF with smaller \
                 images, or scan the paper copy",
                COPIED_BYTES_MAX / (1024 * 1024)
            ));
        }
        Ok(())
    }

    fn item(&mut self, object: &Object, depth: usize) -> Result<DictItem, String> {
        if depth > DEPTH_MAX {
            return Err("has objects nested too deeply (the file is damaged)".into());
        }
        self.count(0)?;
        Ok(match object {
            Object::Reference(id) => {
                if self.path.contains(id) {
                    // A loop: the object is already being copied further out.
                    return Ok(DictItem::Null);
                }
                let Ok(target) = self.document.get_object(*id) else {
                    // A reference to a missing object reads as null (ISO 32000-1, 7.3.10).
                    return Ok(DictItem::Null);
                };
                // A page or the page tree is never part of what a page draws (an annotation's
                // `/P`, a structure element's page); copying it would copy the whole file.
                if let Object::Dictionary(dict) = target {
                    if dict.has_type(b"Page") || dict.has_type(b"Pages") {
                        return Ok(DictItem::Null);
                    }
                }
                self.path.push(*id);
                let item = self.item(target, depth + 1);
                self.path.pop();
                item?
            }
            Object::Array(items) => DictItem::Array(
                items
                    .iter()
                    .map(|item| self.item(item, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            Object::Dictionary(dict) => DictItem::Dict {
                map: self.dict(dict, depth)?,
            },
            Object::Stream(stream) => DictItem::Stream {
                stream: self.stream(stream, depth)?,
            },
            other => DictItem::from_lopdf(other),
        })
    }

    fn dict(
        &mut self,
        dict: &Dictionary,
        depth: usize,
    ) -> Result<BTreeMap<String, DictItem>, String> {
        let mut map = BTreeMap::new();
        for (key, value) in dict.iter() {
            // `/Length` is written again when the bundle is saved; `/Parent` points up a tree.
            if key.as_slice() == b"Length" || key.as_slice() == b"Parent" {
                continue;
            }
            map.insert(
                String::from_utf8_lossy(key).into_owned(),
                self.item(value, depth + 1)?,
            );
        }
        Ok(map)
    }

    /// The stream as it is, still encoded as its `/Filter` says.
    fn stream(&mut self, stream: &Stream, depth: usize) -> Result<ExternalStream, String> {
        self.count(stream.content.len())?;
        Ok(ExternalStream {
            dict: self.dict(&stream.dict, depth)?,
            content: stream.content.clone(),
            compress: false,
        })
    }

    /// The page's content: one stream kept as it is, several decoded and joined.
    fn content(&mut self, page_id: ObjectId) -> Result<ExternalStream, String> {
        let streams: Vec<&Stream> = self
            .document
            .get_page_contents(page_id)
            .into_iter()
            .filter_map(|id| self.document.get_object(id).ok())
            .filter_map(|object| object.as_stream().ok())
            .collect();
        if let [only] = streams.as_slice() {
            let mut copied = self.stream(only, 0)?;
            copied
                .dict
                .retain(|key, _| key == "Filter" || key == "DecodeParms");
            return Ok(copied);
        }
        let mut joined = Vec::new();
        for stream in streams {
            let decoded = stream
                .get_plain_content_with_limit(STREAM_DECODED_MAX)
                .map_err(|error| {
                    format!(
                        "has content that cannot be read ({error}); print it to a new PDF, or \
                         scan the paper copy"
                    )
                })?;
            self.count(decoded.len())?;
            joined.extend_from_slice(&decoded);
            joined.push(b'\n');
        }
        Ok(ExternalStream {
            dict: BTreeMap::new(),
            content: joined,
            compress: true,
        })
    }

    /// Each printable annotation's normal appearance, with the matrix that puts it in the
    /// annotation's rectangle (ISO 32000-1, 12.5.5).
    fn appearances(&mut self, page: &Dictionary) -> Result<Vec<(DictItem, [f32; 6])>, String> {
        let document = self.document;
        let mut found = Vec::new();
        let Some(annotations) = page
            .get(b"Annots")
            .ok()
            .and_then(|object| resolve(document, object))
            .and_then(|object| object.as_array().ok())
        else {
            return Ok(found);
        };
        for annotation in annotations {
            let Some(annotation) =
                resolve(document, annotation).and_then(|object| object.as_dict().ok())
            else {
                continue;
            };
            let flags = annotation
                .get(b"F")
                .ok()
                .and_then(|object| resolve(document, object))
                .and_then(|object| object.as_i64().ok())
                .unwrap_or(0);
            if flags & FLAG_PRINT == 0 || flags & (FLAG_HIDDEN | FLAG_NO_VIEW) != 0 {
                continue;
            }
            let Some(rect) = annotation
                .get(b"Rect")
                .ok()
                .and_then(|object| rectangle(document, object))
            else {
                continue;
            };
            let Some(appearance_ref) = normal_appearance(document, annotation) else {
                continue;
            };
            let Some(appearance) =
                resolve(document, appearance_ref).and_then(|object| object.as_stream().ok())
            else {
                continue;
            };
            let Some(matrix) = appearance_matrix(document, &appearance.dict, rect) else {
                continue;
            };
            let mut copied = self.item(appearance_ref, 0)?;
            if let DictItem::Stream { stream } = &mut copied {
                stream.dict.insert("Type".into(), name("XObject"));
                stream.dict.insert("Subtype".into(), name("Form"));
            }
            found.push((copied, matrix));
        }
        Ok(found)
    }
}

/// `/AP /N`: a stream, or one per state chosen by `/AS`.
fn normal_appearance<'d>(document: &'d Document, annotation: &'d Dictionary) -> Option<&'d Object> {
    let appearances = resolve(document, annotation.get(b"AP").ok()?)?
        .as_dict()
        .ok()?;
    let normal = appearances.get(b"N").ok()?;
    match resolve(document, normal)? {
        Object::Stream(_) => Some(normal),
        Object::Dictionary(states) => {
            let state = annotation.get(b"AS").ok()?.as_name().ok()?;
            states.get(state).ok()
        }
        _ => None,
    }
}

/// The matrix mapping the appearance's box (after its own `/Matrix`) onto the rectangle.
fn appearance_matrix(document: &Document, form: &Dictionary, rect: [f32; 4]) -> Option<[f32; 6]> {
    let bbox = rectangle(document, form.get(b"BBox").ok()?)?;
    let matrix = match form.get(b"Matrix").ok().and_then(|m| resolve(document, m)) {
        Some(Object::Array(values)) if values.len() == 6 => {
            let mut numbers = [0.0f32; 6];
            for (slot, value) in numbers.iter_mut().zip(values) {
                *slot = number(document, value)?;
            }
            numbers
        }
        _ => [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
    };
    let [a, b, c, d, e, f] = matrix;
    let corners = [
        (bbox[0], bbox[1]),
        (bbox[2], bbox[1]),
        (bbox[0], bbox[3]),
        (bbox[2], bbox[3]),
    ]
    .map(|(x, y)| (a * x + c * y + e, b * x + d * y + f));
    let left = corners.iter().map(|p| p.0).fold(f32::INFINITY, f32::min);
    let right = corners
        .iter()
        .map(|p| p.0)
        .fold(f32::NEG_INFINITY, f32::max);
    let bottom = corners.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
    let top = corners
        .iter()
        .map(|p| p.1)
        .fold(f32::NEG_INFINITY, f32::max);
    if right - left <= f32::EPSILON || top - bottom <= f32::EPSILON {
        return None;
    }
    let scale_x = (rect[2] - rect[0]) / (right - left);
    let scale_y = (rect[3] - rect[1]) / (top - bottom);
    Some([
        scale_x,
        0.0,
        0.0,
        scale_y,
        rect[0] - scale_x * left,
        rect[1] - scale_y * bottom,
    ])
}
