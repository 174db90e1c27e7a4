//! One account's balance over time. The balance is a step line (a ledger's balance changes on
//! the day of a posting and holds until the next), over a strip of the charges and payments
//! that moved it, with each letter, notice, arrangement and court step marked at its date.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::scale::{money_tick_label, DateAxis, ValueAxis};
use crate::{Anchor, Figure, Series, Shape, LABEL_SIZE, MARGINS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    Letter,
    Notice,
    Arrangement,
    Court,
}

impl StepKind {
    fn series(&self) -> Series {
        match self {
            StepKind::Letter => Series::Letter,
            StepKind::Notice => Series::Notice,
            StepKind::Arrangement => Series::Arrangement,
            StepKind::Court => Series::Court,
        }
    }

    fn letter(&self) -> char {
        match self {
            StepKind::Letter => 'L',
            StepKind::Notice => 'N',
            StepKind::Arrangement => 'A',
            StepKind::Court => 'C',
        }
    }

    fn name(&self) -> &'static str {
        match self {
            StepKind::Letter => "Letters",
            StepKind::Notice => "Notices",
            StepKind::Arrangement => "Arrangements",
            StepKind::Court => "Court",
        }
    }

    /// From the kind codes the API sends ("letter", "notice", "arrangement", "court").
    pub fn from_code(code: &str) -> Option<StepKind> {
        match code {
            "letter" => Some(StepKind::Letter),
            "notice" => Some(StepKind::Notice),
            "arrangement" => Some(StepKind::Arrangement),
            "court" => Some(StepKind::Court),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartStep {
    pub on: NaiveDate,
    pub kind: StepKind,
    pub label: String,
}

/// The series `domain::reports::balance_history` gives, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct BalanceChartInput<'a> {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// End-of-day balances, oldest first.
    pub balances: &'a [(NaiveDate, Decimal)],
    pub charges: &'a [(NaiveDate, Decimal)],
    /// Positive amounts paid (negative for a returned payment).
    pub payments: &'a [(NaiveDate, Decimal)],
    pub steps: &'a [ChartStep],
}

/// The share of the plot's height given to the strip of charges and payments.
const STRIP_SHARE: f64 = 0.22;
/// Room above the plot for the step markers' letters.
const MARKER_ROOM: f64 = 12.0;

pub fn balance_chart(input: &BalanceChartInput<'_>, width: f64, height: f64) -> Figure {
    let plot_left = MARGINS.left;
    let plot_right = (width - MARGINS.right).max(plot_left + 1.0);
    let plot_top = MARGINS.top + MARKER_ROOM;
    let plot_bottom = (height - MARGINS.bottom).max(plot_top + 1.0);
    let strip_top = plot_bottom - (plot_bottom - plot_top) * STRIP_SHARE;
    let line_bottom = strip_top - 6.0;
    let dates = DateAxis {
        from: input.from,
        to: input.to,
        left: plot_left,
        right: plot_right,
    };
    let balances: Vec<Decimal> = input.balances.iter().map(|(_, amount)| *amount).collect();
    let values = ValueAxis::fitting(&balances, plot_top, line_bottom, 4);
    let mut shapes = Vec::new();

    for tick in values.ticks() {
        let y = values.y(tick);
        shapes.push(Shape::Line {
            series: if tick.is_zero() {
                Series::Axis
            } else {
                Series::Grid
            },
            points: vec![(plot_left, y), (plot_right, y)],
            width: if tick.is_zero() { 0.8 } else { 0.4 },
        });
        shapes.push(Shape::Text {
            series: Series::Grid,
            x: plot_left - 4.0,
            y: y + LABEL_SIZE / 3.0,
            text: money_tick_label(tick),
            anchor: Anchor::End,
            size: LABEL_SIZE,
        });
    }
    for (day, label) in dates.ticks() {
        let x = dates.x(day);
        shapes.push(Shape::Line {
            series: Series::Grid,
            points: vec![(x, plot_top), (x, plot_bottom)],
            width: 0.3,
        });
        shapes.push(Shape::Text {
            series: Series::Grid,
            x,
            y: plot_bottom + LABEL_SIZE + 4.0,
            text: label,
            anchor: Anchor::Middle,
            size: LABEL_SIZE,
        });
    }

    strip(&mut shapes, input, &dates, strip_top, plot_bottom);

    let mut points = Vec::with_capacity(input.balances.len() * 2);
    for (index, (day, balance)) in input.balances.iter().enumerate() {
        let y = values.y(*balance);
        if index > 0 {
            // Hold the previous balance up to this day, then step.
            if let Some((_, previous)) = points.last().copied() {
                points.push((dates.x(*day), previous));
            }
        }
        points.push((dates.x(*day), y));
    }
    shapes.push(Shape::Line {
        series: Series::Balance,
        points,
        width: 1.6,
    });

    let mut key = Vec::new();
    let mut legend = vec![
        (Series::Balance, "Balance"),
        (Series::Charge, "Charges"),
        (Series::Payment, "Payments"),
    ];
    for step in input.steps {
        if step.on < input.from || step.on > input.to {
            continue;
        }
        shapes.push(Shape::Marker {
            series: step.kind.series(),
            x: dates.x(step.on),
            y_top: plot_top - MARKER_ROOM + 2.0,
            y_bottom: line_bottom,
            letter: step.kind.letter(),
            title: format!("{} — {}", step.on.format("%-d %b %Y"), step.label),
        });
        key.push(format!(
            "{} {} — {}",
            step.kind.letter(),
            step.on.format("%-d %b %Y"),
            step.label
        ));
        let entry = (step.kind.series(), step.kind.name());
        if !legend.contains(&entry) {
            legend.push(entry);
        }
    }
    Figure {
        width,
        height,
        shapes,
        legend,
        key,
    }
}

/// Charges rise from the strip's middle and payments fall from it, scaled to the largest of
/// either, one bar per day.
fn strip(
    shapes: &mut Vec<Shape>,
    input: &BalanceChartInput<'_>,
    dates: &DateAxis,
    top: f64,
    bottom: f64,
) {
    let largest = input
        .charges
        .iter()
        .chain(input.payments.iter())
        .map(|(_, amount)| amount.abs())
        .max()
        .unwrap_or(Decimal::ZERO);
    let middle = (top + bottom) / 2.0;
    shapes.push(Shape::Line {
        series: Series::Axis,
        points: vec![(dates.left, middle), (dates.right, middle)],
        width: 0.4,
    });
    if largest.is_zero() {
        return;
    }
    let half = (bottom - top) / 2.0;
    let scale = |amount: Decimal| -> f64 {
        use rust_decimal::prelude::ToPrimitive;
        (amount.abs() / largest).to_f64().unwrap_or(0.0) * half
    };
    // A bar per day: as wide as a day where days are wide, never thinner than a hairline.
    let days = (dates.to - dates.from).num_days().max(1) as f64;
    let bar_width = ((dates.right - dates.left) / days * 0.8).clamp(1.0, 6.0);
    for (day, amount) in input.charges {
        let length = scale(*amount);
        let (y, height) = if *amount >= Decimal::ZERO {
            (middle - length, length)
        } else {
            (middle, length)
        };
        shapes.push(Shape::Rect {
            series: Series::Charge,
            x: dates.x(*day) - bar_width / 2.0,
            y,
            width: bar_width,
            height,
            title: format!("{} charged {}", day.format("%-d %b %Y"), amount),
        });
    }
    for (day, amount) in input.payments {
        let length = scale(*amount);
        let (y, height) = if *amount >= Decimal::ZERO {
            (middle, length)
        } else {
            (middle - length, length)
        };
        shapes.push(Shape::Rect {
            series: Series::Payment,
            x: dates.x(*day) - bar_width / 2.0,
            y,
            width: bar_width,
            height,
            title: format!("{} paid {}", day.format("%-d %b %Y"), amount),
        });
    }
}
