//! A `doorstep_charts::Figure` drawn on the page: the same chart the app shows, as vector
//! lines and rectangles, with its legend and its key of steps beneath.

use doorstep_charts::{
    Anchor, Figure, Series, Shape, MARKER_LETTER_BASELINE, MARKER_LETTER_SIZE, MARKER_LINE_START,
    MARKER_LINE_WIDTH,
};
use printpdf::{Color, Line, LinePoint, Mm, Op, PaintMode, Point, Pt, Rect, Rgb};

use crate::error::DocumentError;
use crate::fonts::MM_PER_PT;
use crate::layout::{Pages, TextStyle, PAGE_HEIGHT_MM};

const LEGEND_STYLE: TextStyle = TextStyle::secondary(8.0);
const KEY_STYLE: TextStyle = TextStyle::regular(8.5);

/// Draws `figure` at the cursor, `width_mm` wide (its height in proportion), then its legend
/// and key, moving the cursor below them. Starts a new page first if the chart does not fit.
pub(crate) fn draw_figure(
    pages: &mut Pages<'_>,
    figure: &Figure,
    x_mm: f32,
    width_mm: f32,
) -> Result<(), DocumentError> {
    let scale = width_mm / figure.width.max(1.0) as f32;
    let height_mm = figure.height as f32 * scale;
    let legend_mm = LEGEND_STYLE.line_height_mm() * 1.5;
    pages.ensure_room(height_mm + legend_mm)?;
    let top_mm = pages.cursor_mm;
    let to_page = |x: f64, y: f64| -> Point {
        Point::new(
            Mm(x_mm + x as f32 * scale),
            Mm(PAGE_HEIGHT_MM - (top_mm + y as f32 * scale)),
        )
    };
    for shape in &figure.shapes {
        match shape {
            Shape::Line {
                series,
                points,
                width,
            } => {
                if points.len() < 2 {
                    continue;
                }
                pages.push_ops(stroke(
                    *series,
                    *width as f32,
                    points.iter().map(|(x, y)| to_page(*x, *y)).collect(),
                ));
            }
            Shape::Rect {
                series,
                x,
                y,
                width,
                height,
                ..
            } => {
                let bottom_left = to_page(*x, *y + *height);
                pages.push_ops(fill(
                    *series,
                    Rect {
                        x: bottom_left.x,
                        y: bottom_left.y,
                        width: Mm(*width as f32 * scale).into(),
                        height: Mm(*height as f32 * scale).into(),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                ));
            }
            Shape::Marker {
                series,
                x,
                y_top,
                y_bottom,
                letter,
                ..
            } => {
                pages.push_ops(stroke(
                    *series,
                    MARKER_LINE_WIDTH as f32,
                    vec![
                        to_page(*x, *y_top + MARKER_LINE_START),
                        to_page(*x, *y_bottom),
                    ],
                ));
                let letter = letter.to_string();
                let style =
                    TextStyle::bold((MARKER_LETTER_SIZE * f64::from(scale)) as f32 / MM_PER_PT);
                let half = pages.text_width_mm(&letter, style) / 2.0;
                pages.text(
                    x_mm + *x as f32 * scale - half,
                    top_mm + (*y_top + MARKER_LETTER_BASELINE) as f32 * scale,
                    &letter,
                    style,
                );
            }
            Shape::Text {
                x,
                y,
                text,
                anchor,
                size,
                ..
            } => {
                // The figure's sizes are points at its own scale.
                let style = TextStyle::secondary(*size as f32 * scale / MM_PER_PT);
                let width = pages.text_width_mm(text, style);
                let left = x_mm + *x as f32 * scale
                    - match anchor {
                        Anchor::Start => 0.0,
                        Anchor::Middle => width / 2.0,
                        Anchor::End => width,
                    };
                pages.text(left, top_mm + *y as f32 * scale, text, style);
            }
        }
    }
    pages.cursor_mm = top_mm + height_mm + 2.0;
    draw_legend(pages, figure, x_mm);
    for line in &figure.key {
        pages.ensure_room(KEY_STYLE.line_height_mm())?;
        let baseline = pages.cursor_mm + KEY_STYLE.size_pt * MM_PER_PT;
        pages.text(x_mm, baseline, line, KEY_STYLE);
        pages.cursor_mm += KEY_STYLE.line_height_mm();
    }
    Ok(())
}

fn draw_legend(pages: &mut Pages<'_>, figure: &Figure, x_mm: f32) {
    let baseline = pages.cursor_mm + LEGEND_STYLE.size_pt * MM_PER_PT;
    let mut x = x_mm;
    for (series, name) in &figure.legend {
        let swatch = 3.0;
        pages.push_ops(fill(
            *series,
            Rect {
                x: Mm(x).into(),
                y: Mm(PAGE_HEIGHT_MM - baseline).into(),
                width: Mm(swatch).into(),
                height: Mm(swatch * 0.8).into(),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        ));
        x += swatch + 1.5;
        pages.text(x, baseline, name, LEGEND_STYLE);
        x += pages.text_width_mm(name, LEGEND_STYLE) + 5.0;
    }
    pages.cursor_mm += LEGEND_STYLE.line_height_mm() * 1.5;
}

fn colour(series: Series) -> Color {
    let (red, green, blue) = series.rgb();
    Color::Rgb(Rgb::new(
        f32::from(red) / 255.0,
        f32::from(green) / 255.0,
        f32::from(blue) / 255.0,
        None,
    ))
}

fn stroke(series: Series, width_pt: f32, points: Vec<Point>) -> Vec<Op> {
    vec![
        Op::SaveGraphicsState,
        Op::SetOutlineColor {
            col: colour(series),
        },
        Op::SetOutlineThickness { pt: Pt(width_pt) },
        Op::DrawLine {
            line: Line {
                points: points
                    .into_iter()
                    .map(|p| LinePoint { p, bezier: false })
                    .collect(),
                is_closed: false,
            },
        },
        Op::RestoreGraphicsState,
    ]
}

fn fill(series: Series, rectangle: Rect) -> Vec<Op> {
    vec![
        Op::SaveGraphicsState,
        Op::SetFillColor {
            col: colour(series),
        },
        Op::DrawRectangle { rectangle },
        Op::RestoreGraphicsState,
    ]
}
