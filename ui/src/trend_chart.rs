//! The geometry of the 13-week balance chart on the account page: one bar per point, rising
//! from the zero line for arrears and falling below it for credit.
//!
//! Pure, so it is tested on the host; the account screen turns the bars into SVG. Figures are
//! converted to `f64` only to place pixels: the numbers the officer reads come from
//! `display::money_text`, never from here.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

pub const CHART_WIDTH: f64 = 560.0;
pub const CHART_HEIGHT: f64 = 160.0;
/// Room above and below the bars, so a bar never touches the frame.
pub const CHART_PADDING: f64 = 8.0;
/// Points drawn at most: the API sends 14 (13 week ends and today); a longer series would
/// make bars thinner than a pixel.
pub const CHART_POINTS_MAX: usize = 60;

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// Arrears (above the line) or credit (below it).
    pub is_arrears: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrendChart {
    pub bars: Vec<Bar>,
    /// Where a balance of zero sits.
    pub zero_y: f64,
}

/// Lays out one bar per balance, oldest on the left, scaled so the largest amount (arrears or
/// credit) fills the height. All-zero balances give empty bars on a middle line.
pub fn trend_chart(balances: &[Decimal]) -> TrendChart {
    let balances = &balances[..balances.len().min(CHART_POINTS_MAX)];
    let amounts: Vec<f64> = balances
        .iter()
        .map(|balance| balance.to_f64().unwrap_or(0.0))
        .collect();
    let highest = amounts.iter().copied().fold(0.0_f64, f64::max);
    let lowest = amounts.iter().copied().fold(0.0_f64, f64::min);
    let span = highest - lowest;
    let drawable_height = CHART_HEIGHT - 2.0 * CHART_PADDING;
    let scale = if span > 0.0 {
        drawable_height / span
    } else {
        0.0
    };
    let zero_y = if span > 0.0 {
        CHART_PADDING + highest * scale
    } else {
        CHART_HEIGHT / 2.0
    };
    let slot_width = CHART_WIDTH / amounts.len().max(1) as f64;
    // A gap of a quarter slot between bars keeps neighbouring weeks apart.
    let bar_width = slot_width * 0.75;
    let bars = amounts
        .iter()
        .enumerate()
        .map(|(index, amount)| {
            let height = amount.abs() * scale;
            let is_arrears = *amount > 0.0;
            Bar {
                x: index as f64 * slot_width + (slot_width - bar_width) / 2.0,
                y: if is_arrears { zero_y - height } else { zero_y },
                width: bar_width,
                height,
                is_arrears,
            }
        })
        .collect();
    TrendChart { bars, zero_y }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(left: f64, right: f64) -> bool {
        (left - right).abs() < 1e-9
    }

    #[test]
    fn arrears_rise_and_credit_falls_from_the_zero_line() {
        let chart = trend_chart(&[Decimal::new(300, 0), Decimal::new(-100, 0)]);
        let drawable = CHART_HEIGHT - 2.0 * CHART_PADDING;
        assert!(close(chart.zero_y, CHART_PADDING + drawable * 0.75));
        let arrears = &chart.bars[0];
        assert!(arrears.is_arrears);
        assert!(close(arrears.y, CHART_PADDING));
        assert!(close(arrears.y + arrears.height, chart.zero_y));
        let credit = &chart.bars[1];
        assert!(!credit.is_arrears);
        assert!(close(credit.y, chart.zero_y));
        assert!(close(
            credit.y + credit.height,
            CHART_HEIGHT - CHART_PADDING
        ));
        assert!(chart.bars[1].x > chart.bars[0].x + chart.bars[0].width);
    }

    #[test]
    fn nothing_owed_draws_a_flat_line() {
        let chart = trend_chart(&[Decimal::ZERO, Decimal::ZERO]);
        assert!(close(chart.zero_y, CHART_HEIGHT / 2.0));
        assert!(chart.bars.iter().all(|bar| bar.height == 0.0));
        assert!(trend_chart(&[]).bars.is_empty());
    }
}
