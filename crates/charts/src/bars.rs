//! A labelled bar chart: the patch's arrears week by week, or the arrears by age. Bars above
//! zero are arrears, below are credit; every bar carries its value in its title.

use rust_decimal::Decimal;

use crate::scale::{money_tick_label, ValueAxis};
use crate::{Anchor, Figure, Series, Shape, LABEL_SIZE, MARGINS};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// Under the bar (may be empty: long series label only some bars).
    pub label: String,
    pub value: Decimal,
    /// What the bar stands for in full ("Week ending 8 Mar 2026: £12,345.67, 41 accounts").
    pub title: String,
}

/// Bars left to right in the order given, with money ticks up the side.
pub fn bar_chart(bars: &[Bar], width: f64, height: f64) -> Figure {
    let plot_left = MARGINS.left;
    let plot_right = (width - MARGINS.right).max(plot_left + 1.0);
    let plot_top = MARGINS.top;
    let plot_bottom = (height - MARGINS.bottom).max(plot_top + 1.0);
    let values: Vec<Decimal> = bars.iter().map(|bar| bar.value).collect();
    let axis = ValueAxis::fitting(&values, plot_top, plot_bottom, 4);
    let mut shapes = Vec::new();
    for tick in axis.ticks() {
        let y = axis.y(tick);
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
    let slot = (plot_right - plot_left) / bars.len().max(1) as f64;
    let bar_width = (slot * 0.7).max(0.5);
    let zero_y = axis.y(Decimal::ZERO);
    for (index, bar) in bars.iter().enumerate() {
        let centre = plot_left + slot * (index as f64 + 0.5);
        let y = axis.y(bar.value);
        shapes.push(Shape::Rect {
            series: if bar.value >= Decimal::ZERO {
                Series::Arrears
            } else {
                Series::Credit
            },
            x: centre - bar_width / 2.0,
            y: y.min(zero_y),
            width: bar_width,
            height: (zero_y - y).abs(),
            title: bar.title.clone(),
        });
        if !bar.label.is_empty() {
            shapes.push(Shape::Text {
                series: Series::Grid,
                x: centre,
                y: plot_bottom + LABEL_SIZE + 4.0,
                text: bar.label.clone(),
                anchor: Anchor::Middle,
                size: LABEL_SIZE,
            });
        }
    }
    let mut legend = vec![(Series::Arrears, "Arrears")];
    if bars.iter().any(|bar| bar.value < Decimal::ZERO) {
        legend.push((Series::Credit, "Credit"));
    }
    Figure {
        width,
        height,
        shapes,
        legend,
        key: Vec::new(),
    }
}
