//! Chart geometry, drawn twice: as SVG in the app (`ui`) and as PDF operations in printed
//! reports and the court bundle (`documents`). Laying a chart out once, here, is what makes the
//! two pictures the same picture.
//!
//! A chart is a `Figure`: a size and a list of `Shape`s in points, origin top left, y growing
//! downwards (SVG's convention; the PDF renderer flips it). Each shape says which `Series` it
//! draws, and the renderers choose colours by series, so the legend, the screen and the paper
//! agree.
//!
//! Money is `Decimal` everywhere a person reads it (tick labels are whole pounds from the
//! domain's formatting); it becomes `f64` only to place a point, where a rounding of a
//! millionth of a point is invisible.
//!
//! Codemap:
//! - `scale`: value and date axes, with round ticks.
//! - `balance`: one account's balance as a step line, charges and payments below it, steps
//!   marked above it.
//! - `bars`: a labelled bar chart (the patch's trend, the arrears age profile).

mod balance;
mod bars;
mod scale;

#[cfg(test)]
mod tests;

pub use balance::{balance_chart, BalanceChartInput, ChartStep, StepKind};
pub use bars::{bar_chart, Bar};
pub use scale::{money_tick_label, nice_step, DateAxis, ValueAxis};

/// What a shape draws, which decides its colour and its place in the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Series {
    /// The balance line.
    Balance,
    Charge,
    Payment,
    /// A bar of money owed.
    Arrears,
    /// A bar of money in credit.
    Credit,
    Letter,
    Notice,
    Arrangement,
    Court,
    /// Gridlines and tick labels.
    Grid,
    /// The zero line and the frame.
    Axis,
}

impl Series {
    /// An RGB colour readable on screen and on a greyscale printout (each step differs in
    /// lightness as well as hue).
    pub fn rgb(&self) -> (u8, u8, u8) {
        match self {
            Series::Balance => (0x1d, 0x4e, 0x89),
            Series::Charge => (0x9a, 0x9a, 0x9a),
            Series::Payment => (0x2e, 0x7d, 0x32),
            Series::Arrears => (0xb0, 0x3a, 0x2e),
            Series::Credit => (0x2e, 0x7d, 0x32),
            Series::Letter => (0x8a, 0x6d, 0x00),
            Series::Notice => (0xc6, 0x28, 0x28),
            Series::Arrangement => (0x00, 0x69, 0x7c),
            Series::Court => (0x4a, 0x14, 0x8c),
            Series::Grid => (0xcc, 0xcc, 0xcc),
            Series::Axis => (0x33, 0x33, 0x33),
        }
    }

    /// The hex form SVG takes.
    pub fn hex(&self) -> String {
        let (red, green, blue) = self.rgb();
        format!("#{red:02x}{green:02x}{blue:02x}")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A polyline through the points.
    Line {
        series: Series,
        points: Vec<(f64, f64)>,
        width: f64,
    },
    Rect {
        series: Series,
        x: f64,
        y: f64,
        width: f64,
        height: f64,
        /// What the rectangle stands for, for a tooltip or a screen reader.
        title: String,
    },
    /// A step marked at `x`: a short upright line from `y_top` to `y_bottom` with a letter
    /// above it; the full label goes in `title` and in the figure's key.
    Marker {
        series: Series,
        x: f64,
        y_top: f64,
        y_bottom: f64,
        letter: char,
        title: String,
    },
    Text {
        series: Series,
        x: f64,
        y: f64,
        text: String,
        anchor: Anchor,
        size: f64,
    },
}

/// A laid-out chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub width: f64,
    pub height: f64,
    pub shapes: Vec<Shape>,
    /// Series shown, with their names, in drawing order.
    pub legend: Vec<(Series, &'static str)>,
    /// The steps marked, oldest first, as "date — label" lines for a key under the chart.
    pub key: Vec<String>,
}

/// Room around the plot for tick labels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

pub const MARGINS: Margins = Margins {
    left: 64.0,
    right: 12.0,
    top: 18.0,
    bottom: 22.0,
};

/// Tick labels' size in points.
pub const LABEL_SIZE: f64 = 8.0;

/// A step marker's letter sits this far below the marker's top, its line starts below the
/// letter; both renderers draw markers with these, so the screen and the paper look alike.
pub const MARKER_LETTER_BASELINE: f64 = 7.0;
pub const MARKER_LINE_START: f64 = 9.0;
pub const MARKER_LETTER_SIZE: f64 = 7.0;
pub const MARKER_LINE_WIDTH: f64 = 0.6;
