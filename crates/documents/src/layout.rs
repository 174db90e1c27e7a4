//! Placing text and rules on A4 pages, and the chrome every page carries.
//!
//! printpdf has no flowing text or tables, so this module is the small layout engine: a cursor
//! that moves down the page, word wrapping by measured widths, page breaks, and, once the page
//! count is known, the letterhead and footer ("Page 2 of 5", "As at 23 November 2026") on
//! every page. Positions are measured in millimetres from the top-left corner, as on a ruler
//! held against the paper; only `baseline_pt` turns them into PDF's bottom-left points.

use chrono::{Datelike, NaiveDate};
use printpdf::{
    Color, CurTransMat, Date, DateTime, Line, LinePoint, Mm, Offset, Op, PaintMode, PdfDocument,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, Time, XObjectId, XObjectTransform,
};

use crate::error::{long_date, DocumentError};
use crate::fonts::{Fonts, Weight};
use crate::landlord::Landlord;

pub(crate) const PAGE_WIDTH_MM: f32 = 210.0;
pub(crate) const PAGE_HEIGHT_MM: f32 = 297.0;
/// 20 mm keeps text clear of a printer's unprintable edge and of a binder's punch holes.
pub(crate) const MARGIN_LEFT_MM: f32 = 20.0;
pub(crate) const MARGIN_RIGHT_MM: f32 = 20.0;
pub(crate) const CONTENT_RIGHT_MM: f32 = PAGE_WIDTH_MM - MARGIN_RIGHT_MM;
pub(crate) const CONTENT_WIDTH_MM: f32 = CONTENT_RIGHT_MM - MARGIN_LEFT_MM;
/// The letterhead ends with a rule at `LETTERHEAD_RULE_MM`; the body starts a little below it.
const LETTERHEAD_RULE_MM: f32 = 40.0;
pub(crate) const BODY_TOP_MM: f32 = 46.0;
/// The footer's rule sits below this line; nothing of the body may cross it.
pub(crate) const BODY_BOTTOM_MM: f32 = 276.0;
const FOOTER_RULE_MM: f32 = 280.0;
const FOOTER_BASELINE_MM: f32 = 285.0;

/// No document this crate makes is meant to be longer; a bigger one is a runaway input.
pub const PAGES_MAX: usize = 300;

/// The footer's text, and the most its centred title may take so that it stays clear of the
/// "As at" date on its left and the page number on its right.
const FOOTER_STYLE: TextStyle = TextStyle::secondary(8.0);
const FOOTER_TITLE_WIDTH_MM_MAX: f32 = 96.0;

/// Text ink is not pure black, and secondary text is grey, as on most printed statements.
const INK_GREY: f32 = 0.1;
const SECONDARY_GREY: f32 = 0.4;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TextStyle {
    pub weight: Weight,
    pub size_pt: f32,
    /// Secondary text (labels, the footer) is grey.
    pub secondary: bool,
}

impl TextStyle {
    pub(crate) const fn regular(size_pt: f32) -> TextStyle {
        TextStyle {
            weight: Weight::Regular,
            size_pt,
            secondary: false,
        }
    }
    pub(crate) const fn bold(size_pt: f32) -> TextStyle {
        TextStyle {
            weight: Weight::Bold,
            size_pt,
            secondary: false,
        }
    }
    pub(crate) const fn secondary(size_pt: f32) -> TextStyle {
        TextStyle {
            weight: Weight::Regular,
            size_pt,
            secondary: true,
        }
    }
    /// Baseline-to-baseline distance: 1.35 times the size reads comfortably in a letter.
    pub(crate) fn line_height_mm(&self) -> f32 {
        self.size_pt * 1.35 * crate::fonts::MM_PER_PT
    }
}

/// The pages of one document as they are filled, top to bottom.
pub(crate) struct Pages<'a> {
    fonts: &'a Fonts,
    /// Never empty: the page being filled is the last.
    pages: Vec<Vec<Op>>,
    /// Distance from the top of the page to the top of the next line placed.
    pub cursor_mm: f32,
}

impl<'a> Pages<'a> {
    pub(crate) fn new(fonts: &'a Fonts) -> Pages<'a> {
        Pages {
            fonts,
            pages: vec![Vec::new()],
            cursor_mm: BODY_TOP_MM,
        }
    }

    /// Whether `height_mm` more fits above the footer on this page.
    pub(crate) fn fits(&self, height_mm: f32) -> bool {
        self.cursor_mm + height_mm <= BODY_BOTTOM_MM
    }

    pub(crate) fn new_page(&mut self) -> Result<(), DocumentError> {
        if self.pages.len() >= PAGES_MAX {
            return Err(DocumentError::TooManyPages {
                pages_max: PAGES_MAX,
            });
        }
        self.pages.push(Vec::new());
        self.cursor_mm = BODY_TOP_MM;
        Ok(())
    }

    /// Starts a new page unless `height_mm` fits on this one.
    pub(crate) fn ensure_room(&mut self, height_mm: f32) -> Result<bool, DocumentError> {
        if self.fits(height_mm) {
            return Ok(false);
        }
        self.new_page()?;
        Ok(true)
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last_index = self.pages.len() - 1;
        &mut self.pages[last_index]
    }

    /// Drawing operations placed by a caller that did its own positioning (a chart).
    pub(crate) fn push_ops(&mut self, ops: impl IntoIterator<Item = Op>) {
        self.ops().extend(ops);
    }

    pub(crate) fn text_width_mm(&self, text: &str, style: TextStyle) -> f32 {
        self.fonts.text_width_mm(style.weight, text, style.size_pt)
    }

    /// Text starting at `x_mm`, sitting on the baseline `baseline_mm` from the top.
    pub(crate) fn text(&mut self, x_mm: f32, baseline_mm: f32, text: &str, style: TextStyle) {
        let ops = text_ops(self.fonts, x_mm, baseline_mm, text, style);
        self.ops().extend(ops);
    }

    /// Text ending at `right_mm`: how money columns line up on the penny.
    pub(crate) fn text_right(
        &mut self,
        right_mm: f32,
        baseline_mm: f32,
        text: &str,
        style: TextStyle,
    ) {
        let x_mm = right_mm - self.text_width_mm(text, style);
        self.text(x_mm, baseline_mm, text, style);
    }

    /// A horizontal rule; `grey` 0.0 is black, 1.0 white.
    pub(crate) fn rule(
        &mut self,
        from_mm: f32,
        to_mm: f32,
        y_mm: f32,
        thickness_pt: f32,
        grey: f32,
    ) {
        self.ops()
            .extend(rule_ops(from_mm, to_mm, y_mm, thickness_pt, grey));
    }

    /// A filled band behind a table row or heading.
    pub(crate) fn band(
        &mut self,
        x_mm: f32,
        top_mm: f32,
        width_mm: f32,
        height_mm: f32,
        grey: f32,
    ) {
        self.ops().extend([
            Op::SaveGraphicsState,
            Op::SetFillColor {
                col: grey_colour(grey),
            },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Mm(x_mm).into(),
                    y: Mm(PAGE_HEIGHT_MM - top_mm - height_mm).into(),
                    width: Mm(width_mm).into(),
                    height: Mm(height_mm).into(),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            },
            Op::RestoreGraphicsState,
        ]);
    }

    /// An unfilled rectangle: a box for the officer's pen (a tick, an outcome) or a frame
    /// around a notice that must not be missed.
    pub(crate) fn outline(
        &mut self,
        x_mm: f32,
        top_mm: f32,
        width_mm: f32,
        height_mm: f32,
        thickness_pt: f32,
        grey: f32,
    ) {
        self.ops().extend([
            Op::SaveGraphicsState,
            Op::SetOutlineColor {
                col: grey_colour(grey),
            },
            Op::SetOutlineThickness {
                pt: Pt(thickness_pt),
            },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Mm(x_mm).into(),
                    y: Mm(PAGE_HEIGHT_MM - top_mm - height_mm).into(),
                    width: Mm(width_mm).into(),
                    height: Mm(height_mm).into(),
                    mode: Some(PaintMode::Stroke),
                    winding_order: None,
                },
            },
            Op::RestoreGraphicsState,
        ]);
    }

    /// Greedy word wrap to `width_mm`. Explicit newlines are kept. A word wider than the whole
    /// line (a long reference with no spaces) is broken between characters rather than allowed
    /// to run into the margin.
    pub(crate) fn wrap(&self, text: &str, style: TextStyle, width_mm: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph_line in text.split('\n') {
            let mut current = String::new();
            for word in paragraph_line.split_whitespace() {
                let candidate = if current.is_empty() {
                    word.to_string()
                } else {
                    format!("{current} {word}")
                };
                if self.text_width_mm(&candidate, style) <= width_mm {
                    current = candidate;
                    continue;
                }
                if !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                }
                current = self.break_long_word(word, style, width_mm, &mut lines);
            }
            lines.push(current);
        }
        lines
    }

    /// `wrap`, then at most `lines_max` lines, the last ending in "…" if anything was cut:
    /// bounds a cell's height, so a long free-text field cannot push a row off the page.
    pub(crate) fn wrap_at_most(
        &self,
        text: &str,
        style: TextStyle,
        width_mm: f32,
        lines_max: usize,
    ) -> Vec<String> {
        assert!(lines_max > 0);
        let mut lines = self.wrap(text, style, width_mm);
        if lines.len() <= lines_max {
            return lines;
        }
        lines.truncate(lines_max);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && self.text_width_mm(&format!("{last}…"), style) > width_mm {
                last.pop();
            }
            last.push('…');
        }
        lines
    }

    /// `title` cut to one footer line with "…" if need be: for a footer title built from
    /// something a user typed (a receipt number, an officer's name).
    pub(crate) fn fit_footer_title(&self, title: &str) -> String {
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        self.wrap_at_most(&title, FOOTER_STYLE, FOOTER_TITLE_WIDTH_MM_MAX, 1)
            .remove(0)
    }

    /// Pushes full-width pieces of `word` onto `lines`; returns the remainder.
    fn break_long_word(
        &self,
        word: &str,
        style: TextStyle,
        width_mm: f32,
        lines: &mut Vec<String>,
    ) -> String {
        let mut piece = String::new();
        for character in word.chars() {
            piece.push(character);
            if self.text_width_mm(&piece, style) > width_mm && piece.chars().count() > 1 {
                piece.pop();
                lines.push(std::mem::take(&mut piece));
                piece.push(character);
            }
        }
        piece
    }

    /// Adds the letterhead and footer to every page, now that the page count is known.
    pub(crate) fn finish(self, chrome: &Chrome<'_>) -> Vec<PdfPage> {
        self.finish_with_band(chrome, None)
    }

    /// `finish`, and on court papers the claim's band under the landlord's name on every page,
    /// so a page that falls out of a bundle can be put back in the right claim.
    pub(crate) fn finish_with_band(
        self,
        chrome: &Chrome<'_>,
        band: Option<&ClaimBand>,
    ) -> Vec<PdfPage> {
        let pages_count = self.pages.len();
        let band_lines = band.map(|band| {
            self.wrap_at_most(
                &band.claim_title,
                CLAIM_BAND_STYLE,
                CLAIM_BAND_WIDTH_MM,
                CLAIM_BAND_LINES_MAX,
            )
        });
        self.pages
            .into_iter()
            .enumerate()
            .map(|(index, body)| {
                let mut ops = chrome_ops(self.fonts, chrome, index + 1, pages_count);
                if let (Some(band), Some(lines)) = (band, band_lines.as_ref()) {
                    ops.extend(band_ops(self.fonts, band, lines));
                }
                ops.extend(body);
                PdfPage::new(Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM), ops)
            })
            .collect()
    }

    /// The 1-based number of the page being filled.
    pub(crate) fn page_number(&self) -> usize {
        self.pages.len()
    }

    /// Puts `other`'s pages after these, continuing on its last page: how a bundle's index,
    /// laid out once the sections' page numbers are known, goes in front of them.
    pub(crate) fn append(&mut self, other: Pages<'a>) -> Result<(), DocumentError> {
        if self.pages.len() + other.pages.len() > PAGES_MAX {
            return Err(DocumentError::TooManyPages {
                pages_max: PAGES_MAX,
            });
        }
        self.pages.extend(other.pages);
        self.cursor_mm = other.cursor_mm;
        Ok(())
    }

    /// An image XObject already added to the document, drawn into the given box (PDF maps an
    /// image onto the unit square, so the matrix both scales and places it).
    pub(crate) fn image(
        &mut self,
        id: XObjectId,
        x_mm: f32,
        top_mm: f32,
        width_mm: f32,
        height_mm: f32,
    ) {
        let width_pt = Pt::from(Mm(width_mm)).0;
        let height_pt = Pt::from(Mm(height_mm)).0;
        let x_pt = Pt::from(Mm(x_mm)).0;
        let y_pt = Pt::from(Mm(PAGE_HEIGHT_MM - top_mm - height_mm)).0;
        self.ops().extend([
            Op::SaveGraphicsState,
            Op::SetTransformationMatrix {
                matrix: CurTransMat::Raw([width_pt, 0.0, 0.0, height_pt, x_pt, y_pt]),
            },
            Op::UseXobject {
                id,
                transform: XObjectTransform::default(),
            },
            Op::RestoreGraphicsState,
        ]);
    }
}

/// What every page of a court paper says about its claim, above the letterhead rule.
pub(crate) struct ClaimBand {
    /// "Calder Valley Homes v Gary Okonkwo — 1 Cross Lane, Todmorden OL14 5ZZ — Claim no. …"
    pub claim_title: String,
    /// A draft (the witness statement before the officer signs it) says so on every page.
    pub draft: bool,
}

const CLAIM_BAND_STYLE: TextStyle = TextStyle::regular(7.5);
/// Clear of the landlord's contact lines, which are right-aligned and about 50 mm wide.
const CLAIM_BAND_WIDTH_MM: f32 = 105.0;
const CLAIM_BAND_LINES_MAX: usize = 3;
const CLAIM_BAND_FIRST_BASELINE_MM: f32 = 28.5;
const DRAFT_STYLE: TextStyle = TextStyle::bold(12.0);

fn band_ops(fonts: &Fonts, band: &ClaimBand, lines: &[String]) -> Vec<Op> {
    let mut ops = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let baseline_mm =
            CLAIM_BAND_FIRST_BASELINE_MM + CLAIM_BAND_STYLE.line_height_mm() * index as f32;
        ops.extend(text_ops(
            fonts,
            MARGIN_LEFT_MM,
            baseline_mm,
            line,
            CLAIM_BAND_STYLE,
        ));
    }
    if band.draft {
        let draft = "DRAFT — to be checked and signed by the witness";
        let width_mm = fonts.text_width_mm(DRAFT_STYLE.weight, draft, DRAFT_STYLE.size_pt);
        ops.extend(text_ops(
            fonts,
            (PAGE_WIDTH_MM - width_mm) / 2.0,
            11.0,
            draft,
            DRAFT_STYLE,
        ));
    }
    ops
}

/// What the letterhead and footer say.
pub(crate) struct Chrome<'a> {
    pub landlord: &'a Landlord,
    pub as_at: NaiveDate,
    /// Centred in the footer, so a loose page can be put back in the right document.
    pub footer_title: String,
}

fn chrome_ops(
    fonts: &Fonts,
    chrome: &Chrome<'_>,
    page_number: usize,
    pages_count: usize,
) -> Vec<Op> {
    let mut ops = Vec::new();
    let landlord = chrome.landlord;
    // The landlord's name on the left, its address and phone stacked on the right: the left
    // side of page 1 below the rule is kept for the tenant's address (a window envelope).
    ops.extend(text_ops(
        fonts,
        MARGIN_LEFT_MM,
        22.0,
        landlord.name.trim(),
        TextStyle::bold(16.0),
    ));
    let contact_style = TextStyle::secondary(8.5);
    let mut contact_lines: Vec<String> = landlord
        .address_lines
        .iter()
        .map(|line| line.trim().to_string())
        .filter(|line| !line.is_empty())
        .collect();
    contact_lines.push(format!("Telephone {}", landlord.phone.trim()));
    if let Some(email) = landlord
        .email
        .as_deref()
        .map(str::trim)
        .filter(|email| !email.is_empty())
    {
        contact_lines.push(email.to_string());
    }
    let contact_line_mm = contact_style.line_height_mm();
    // The stack ends just above the rule however many lines it has.
    let first_baseline_mm =
        LETTERHEAD_RULE_MM - 3.0 - contact_line_mm * (contact_lines.len() as f32 - 1.0);
    for (index, line) in contact_lines.iter().enumerate() {
        let baseline_mm = first_baseline_mm + contact_line_mm * index as f32;
        let x_mm = CONTENT_RIGHT_MM
            - fonts.text_width_mm(contact_style.weight, line, contact_style.size_pt);
        ops.extend(text_ops(fonts, x_mm, baseline_mm, line, contact_style));
    }
    ops.extend(rule_ops(
        MARGIN_LEFT_MM,
        CONTENT_RIGHT_MM,
        LETTERHEAD_RULE_MM,
        0.8,
        0.2,
    ));

    let footer_style = FOOTER_STYLE;
    ops.extend(rule_ops(
        MARGIN_LEFT_MM,
        CONTENT_RIGHT_MM,
        FOOTER_RULE_MM,
        0.5,
        0.5,
    ));
    let as_at = format!("As at {}", long_date(&chrome.as_at));
    ops.extend(text_ops(
        fonts,
        MARGIN_LEFT_MM,
        FOOTER_BASELINE_MM,
        &as_at,
        footer_style,
    ));
    let title_width_mm = fonts.text_width_mm(
        footer_style.weight,
        &chrome.footer_title,
        footer_style.size_pt,
    );
    let title_x_mm = (PAGE_WIDTH_MM - title_width_mm) / 2.0;
    ops.extend(text_ops(
        fonts,
        title_x_mm,
        FOOTER_BASELINE_MM,
        &chrome.footer_title,
        footer_style,
    ));
    let page = format!("Page {page_number} of {pages_count}");
    let page_x_mm =
        CONTENT_RIGHT_MM - fonts.text_width_mm(footer_style.weight, &page, footer_style.size_pt);
    ops.extend(text_ops(
        fonts,
        page_x_mm,
        FOOTER_BASELINE_MM,
        &page,
        footer_style,
    ));
    ops
}

fn text_ops(fonts: &Fonts, x_mm: f32, baseline_mm: f32, text: &str, style: TextStyle) -> Vec<Op> {
    let grey = if style.secondary {
        SECONDARY_GREY
    } else {
        INK_GREY
    };
    vec![
        Op::StartTextSection,
        Op::SetFillColor {
            col: grey_colour(grey),
        },
        Op::SetFont {
            font: fonts.handle(style.weight),
            size: Pt(style.size_pt),
        },
        Op::SetTextCursor {
            pos: Point::new(Mm(x_mm), Mm(PAGE_HEIGHT_MM - baseline_mm)),
        },
        Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        },
        Op::EndTextSection,
    ]
}

fn rule_ops(from_mm: f32, to_mm: f32, y_mm: f32, thickness_pt: f32, grey: f32) -> Vec<Op> {
    let y = Mm(PAGE_HEIGHT_MM - y_mm);
    vec![
        Op::SaveGraphicsState,
        Op::SetOutlineColor {
            col: grey_colour(grey),
        },
        Op::SetOutlineThickness {
            pt: Pt(thickness_pt),
        },
        Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint {
                        p: Point::new(Mm(from_mm), y),
                        bezier: false,
                    },
                    LinePoint {
                        p: Point::new(Mm(to_mm), y),
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        },
        Op::RestoreGraphicsState,
    ]
}

fn grey_colour(grey: f32) -> Color {
    Color::Rgb(Rgb::new(grey, grey, grey, None))
}

/// Builds the PDF bytes. The creation date is the "as at" date, not the clock (this crate
/// reads none) and not printpdf's default of 1970, which a court clerk would query.
pub(crate) fn save(mut document: PdfDocument, pages: Vec<PdfPage>, as_at: NaiveDate) -> Vec<u8> {
    let created = DateTime {
        date: Date {
            year: as_at.year(),
            // chrono's month and day are 1..=12 and 1..=31, so they fit a u8.
            month: u8::try_from(as_at.month()).unwrap_or(1),
            day: u8::try_from(as_at.day()).unwrap_or(1),
        },
        time: Time {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        offset: Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    };
    document.metadata.info.creation_date = created;
    document.metadata.info.modification_date = created;
    document.metadata.info.metadata_date = created;
    document.metadata.info.producer = "Doorstep".to_string();
    document.metadata.info.creator = "Doorstep".to_string();
    document.with_pages(pages);
    // printpdf's warnings are about fonts and images it could not optimise; the text and
    // figures are written either way, and the tests read every document back.
    let mut warnings = Vec::new();
    document.save(&PdfSaveOptions::default(), &mut warnings)
}
