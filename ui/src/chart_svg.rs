//! Draws a `doorstep_charts::Figure` as inline SVG: the same figure the PDFs draw, so the screen
//! and the paper show one picture. Nothing here places a point: the charts crate lays the
//! figure out, and this module only writes it down (no chart script either — the CSP allows
//! none, and SVG needs none).
//!
//! Colours are SVG presentation attributes from `Series::hex`, never `style` attributes (the
//! CSP's `style-src 'self'` refuses inline styles); text takes its colour and font from
//! style.css, because the grid's light grey is too faint for words.
//!
//! The attribute text is pure and tested on the host; the component is wasm-only.

use doorstep_charts::{Anchor, Series};

/// A coordinate as SVG text: two decimal places are a hundredth of a point, far finer than a
/// pixel; trailing zeros are dropped to keep a 52-bar chart's markup small.
pub fn coordinate_text(value: f64) -> String {
    // A NaN or infinite coordinate would make the browser drop the whole shape silently;
    // the charts crate never makes one, and 0 keeps a programming error visible but harmless.
    let value = if value.is_finite() { value } else { 0.0 };
    let text = format!("{value:.2}");
    let trimmed = text.trim_end_matches('0').trim_end_matches('.');
    match trimmed {
        "" | "-" | "-0" => "0".to_string(),
        other => other.to_string(),
    }
}

/// A polyline's `points`: "x,y x,y …".
pub fn points_text(points: &[(f64, f64)]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{},{}", coordinate_text(*x), coordinate_text(*y)))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn anchor_value(anchor: Anchor) -> &'static str {
    match anchor {
        Anchor::Start => "start",
        Anchor::Middle => "middle",
        Anchor::End => "end",
    }
}

/// The `data-series` value a shape carries, for style.css and for tests to find a series.
pub fn series_code(series: Series) -> &'static str {
    match series {
        Series::Balance => "balance",
        Series::Charge => "charge",
        Series::Payment => "payment",
        Series::Arrears => "arrears",
        Series::Credit => "credit",
        Series::Letter => "letter",
        Series::Notice => "notice",
        Series::Arrangement => "arrangement",
        Series::Court => "court",
        Series::Grid => "grid",
        Series::Axis => "axis",
    }
}

#[cfg(target_arch = "wasm32")]
pub use svg_view::ChartSvg;

#[cfg(target_arch = "wasm32")]
mod svg_view {
    use doorstep_charts::{
        Figure, Shape, MARKER_LETTER_BASELINE, MARKER_LETTER_SIZE, MARKER_LINE_START,
        MARKER_LINE_WIDTH,
    };
    use leptos::prelude::*;

    use super::*;

    /// The figure as an `<svg role="img">` labelled with `label` (what the chart says in one
    /// sentence, for a screen reader), its legend when it has more than one series, and its
    /// key of marked steps. `chart` names the chart in `data-chart` for style.css and tests.
    #[component]
    pub fn ChartSvg(
        figure: Figure,
        id: &'static str,
        chart: &'static str,
        #[prop(into)] label: String,
    ) -> impl IntoView {
        let view_box = format!(
            "0 0 {} {}",
            coordinate_text(figure.width),
            coordinate_text(figure.height)
        );
        let legend = (figure.legend.len() > 1).then(|| {
            view! {
                <ul class="chart-legend" aria-label="Legend">
                    {figure.legend.iter().map(|(series, name)| view! {
                        <li class="chart-legend-item" data-series=series_code(*series)>
                            <svg class="chart-swatch" viewBox="0 0 12 12" aria-hidden="true">
                                <rect width="12" height="12" fill=series.hex() />
                            </svg>
                            {*name}
                        </li>
                    }).collect_view()}
                </ul>
            }
        });
        let key = (!figure.key.is_empty()).then(|| {
            view! {
                <ol class="chart-key" aria-label="Steps marked on the chart">
                    {figure.key.iter().map(|line| view! {
                        <li class="chart-key-item">{line.clone()}</li>
                    }).collect_view()}
                </ol>
            }
        });
        let shapes = figure.shapes.into_iter().map(shape_view).collect_view();
        view! {
            <div class="chart">
                <svg id=id class="chart-svg" data-chart=chart role="img" aria-label=label
                    viewBox=view_box>
                    {shapes}
                </svg>
                {legend}
                {key}
            </div>
        }
    }

    fn shape_view(shape: Shape) -> AnyView {
        match shape {
            Shape::Line {
                series,
                points,
                width,
            } => view! {
                <polyline class="chart-line" data-series=series_code(series)
                    points=points_text(&points) fill="none" stroke=series.hex()
                    stroke-width=coordinate_text(width) stroke-linejoin="round" />
            }
            .into_any(),
            Shape::Rect {
                series,
                x,
                y,
                width,
                height,
                title,
            } => view! {
                <rect class="chart-rect" data-series=series_code(series)
                    x=coordinate_text(x) y=coordinate_text(y) width=coordinate_text(width)
                    height=coordinate_text(height) fill=series.hex()>
                    <title>{title}</title>
                </rect>
            }
            .into_any(),
            Shape::Marker {
                series,
                x,
                y_top,
                y_bottom,
                letter,
                title,
            } => view! {
                <g class="chart-marker" data-series=series_code(series)>
                    <title>{title}</title>
                    <line x1=coordinate_text(x) x2=coordinate_text(x)
                        y1=coordinate_text(y_top + MARKER_LINE_START)
                        y2=coordinate_text(y_bottom) stroke=series.hex()
                        stroke-width=coordinate_text(MARKER_LINE_WIDTH) />
                    <text class="chart-marker-letter" x=coordinate_text(x)
                        y=coordinate_text(y_top + MARKER_LETTER_BASELINE) text-anchor="middle"
                        font-size=coordinate_text(MARKER_LETTER_SIZE) fill=series.hex()>
                        {letter.to_string()}
                    </text>
                </g>
            }
            .into_any(),
            Shape::Text {
                series,
                x,
                y,
                text,
                anchor,
                size,
            } => view! {
                <text class="chart-text" data-series=series_code(series) x=coordinate_text(x)
                    y=coordinate_text(y) text-anchor=anchor_value(anchor)
                    font-size=coordinate_text(size)>
                    {text}
                </text>
            }
            .into_any(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_short_and_exact_to_a_hundredth() {
        fn check(value: f64, expected: &str) {
            assert_eq!(coordinate_text(value), expected, "{value}");
        }
        check(0.0, "0");
        check(-0.0, "0");
        check(12.0, "12");
        check(12.5, "12.5");
        check(64.126, "64.13");
        check(-3.456, "-3.46");
        check(-0.001, "0");
        check(f64::NAN, "0");
    }

    #[test]
    fn points_are_pairs_separated_by_spaces() {
        assert_eq!(points_text(&[(1.0, 2.5), (30.25, 4.0)]), "1,2.5 30.25,4");
        assert_eq!(points_text(&[]), "");
    }

    #[test]
    fn every_series_has_its_own_code() {
        let all = [
            Series::Balance,
            Series::Charge,
            Series::Payment,
            Series::Arrears,
            Series::Credit,
            Series::Letter,
            Series::Notice,
            Series::Arrangement,
            Series::Court,
            Series::Grid,
            Series::Axis,
        ];
        let mut codes: Vec<&str> = all.iter().map(|series| series_code(*series)).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        assert_eq!(anchor_value(Anchor::End), "end");
    }
}
