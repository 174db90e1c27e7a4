//! What goes into each chart the app draws: the bars of the patch's 52-week trend and its
//! arrears age profile, an account's recent weeks, and an account's balance history. The
//! charts crate lays them out; this module only chooses the labels and titles (money through
//! `display`, so a tooltip reads like the table beside it) and says each chart in a sentence.
//!
//! Pure, so it is tested on the host.

use chrono::NaiveDate;
use doorstep_api::{AccountChartView, AgeBandView, DayAmountView, TrendPoint, TrendPointView};
use doorstep_charts::{
    balance_chart, bar_chart, BalanceChartInput, Bar, ChartStep, Figure, StepKind,
};
use rust_decimal::Decimal;

use crate::display::{accounts_text, date_text, money_text};

/// Sizes in points; the SVG scales to the page's width, keeping these proportions.
pub const TREND_CHART_WIDTH: f64 = 760.0;
pub const TREND_CHART_HEIGHT: f64 = 220.0;
pub const AGE_CHART_WIDTH: f64 = 520.0;
pub const AGE_CHART_HEIGHT: f64 = 200.0;
pub const RECENT_CHART_WIDTH: f64 = 560.0;
pub const RECENT_CHART_HEIGHT: f64 = 180.0;
pub const BALANCE_CHART_WIDTH: f64 = 760.0;
pub const BALANCE_CHART_HEIGHT: f64 = 280.0;

/// One label every eight weeks, counted back from the latest, so a year's 52 bars carry seven
/// dates that never overlap and the newest week is always named.
pub const TREND_LABEL_EVERY_WEEKS: usize = 8;
/// The account page's 14 points (13 week ends and today) are labelled every fourth.
pub const RECENT_LABEL_EVERY_POINTS: usize = 4;

/// The label under the bar at `index` of `count`, on every `every`th bar counted from the
/// last: "22 Nov", with the year only on the first label, which gives the year for those
/// after it. A full date under the last bar would run past the chart's right edge; every bar
/// has its full date in its title and in the table.
fn bar_label(day: NaiveDate, index: usize, count: usize, every: usize) -> String {
    let from_last = count.saturating_sub(1).saturating_sub(index);
    if every == 0 || !from_last.is_multiple_of(every) {
        return String::new();
    }
    let is_first_label = index < every;
    if is_first_label {
        date_text(day)
    } else {
        day.format("%-d %b").to_string()
    }
}

/// A bar per week, oldest first: the arrears owed at the week's end.
pub fn trend_bars(trend: &[TrendPointView]) -> Vec<Bar> {
    trend
        .iter()
        .enumerate()
        .map(|(index, point)| Bar {
            label: bar_label(
                point.week_ending,
                index,
                trend.len(),
                TREND_LABEL_EVERY_WEEKS,
            ),
            value: point.arrears_total,
            title: format!(
                "Week ending {}: {}, {}",
                date_text(point.week_ending),
                money_text(point.arrears_total),
                accounts_text(point.accounts_in_arrears as usize)
            ),
        })
        .collect()
}

pub fn trend_figure(trend: &[TrendPointView]) -> Figure {
    bar_chart(&trend_bars(trend), TREND_CHART_WIDTH, TREND_CHART_HEIGHT)
}

/// The trend in a sentence, for a screen reader.
pub fn trend_summary(trend: &[TrendPointView]) -> String {
    match (trend.first(), trend.last()) {
        (Some(first), Some(last)) => format!(
            "Arrears at each week's end, from {} in the week ending {} to {} in the week ending {}",
            money_text(first.arrears_total),
            date_text(first.week_ending),
            money_text(last.arrears_total),
            date_text(last.week_ending)
        ),
        _ => "No weeks to show".to_string(),
    }
}

/// A bar per age band, youngest debt first, as the core orders them.
pub fn age_bars(bands: &[AgeBandView]) -> Vec<Bar> {
    bands
        .iter()
        .map(|band| Bar {
            label: band.label.clone(),
            value: band.arrears_total,
            title: format!(
                "{}: {}, {}",
                band.label,
                money_text(band.arrears_total),
                accounts_text(band.accounts_count as usize)
            ),
        })
        .collect()
}

pub fn age_figure(bands: &[AgeBandView]) -> Figure {
    bar_chart(&age_bars(bands), AGE_CHART_WIDTH, AGE_CHART_HEIGHT)
}

pub fn age_summary(bands: &[AgeBandView]) -> String {
    let parts: Vec<String> = bands
        .iter()
        .map(|band| {
            format!(
                "{} {}",
                band.label.to_lowercase(),
                money_text(band.arrears_total)
            )
        })
        .collect();
    if parts.is_empty() {
        "No arrears to show by age".to_string()
    } else {
        format!("Arrears by age: {}", parts.join(", "))
    }
}

/// The account page's recent weeks: a bar per week's end, rising for arrears and falling for
/// credit.
pub fn recent_figure(trend: &[TrendPoint]) -> Figure {
    let bars: Vec<Bar> = trend
        .iter()
        .enumerate()
        .map(|(index, point)| Bar {
            label: bar_label(point.on, index, trend.len(), RECENT_LABEL_EVERY_POINTS),
            value: point.balance,
            title: format!("{}: {}", date_text(point.on), money_text(point.balance)),
        })
        .collect();
    bar_chart(&bars, RECENT_CHART_WIDTH, RECENT_CHART_HEIGHT)
}

fn day_amounts(days: &[DayAmountView]) -> Vec<(NaiveDate, Decimal)> {
    days.iter().map(|day| (day.on, day.amount)).collect()
}

/// The steps the chart can mark. A kind this build does not know (from a newer core) is left
/// off the chart rather than drawn as the wrong kind; it is still in the account's diary.
pub fn chart_steps(view: &AccountChartView) -> Vec<ChartStep> {
    view.events
        .iter()
        .filter_map(|event| {
            StepKind::from_code(&event.kind).map(|kind| ChartStep {
                on: event.on,
                kind,
                label: event.label.clone(),
            })
        })
        .collect()
}

pub fn balance_figure(view: &AccountChartView) -> Figure {
    let balances = day_amounts(&view.balances);
    let charges = day_amounts(&view.charges);
    let payments = day_amounts(&view.payments);
    let steps = chart_steps(view);
    let input = BalanceChartInput {
        from: view.from,
        to: view.to,
        balances: &balances,
        charges: &charges,
        payments: &payments,
        steps: &steps,
    };
    balance_chart(&input, BALANCE_CHART_WIDTH, BALANCE_CHART_HEIGHT)
}

pub fn balance_summary(view: &AccountChartView) -> String {
    let (Some(first), Some(last)) = (view.balances.first(), view.balances.last()) else {
        return format!(
            "No balance to show from {} to {}",
            date_text(view.from),
            date_text(view.to)
        );
    };
    let steps_count = chart_steps(view).len();
    let steps = match steps_count {
        0 => "no steps marked".to_string(),
        1 => "1 step marked".to_string(),
        count => format!("{count} steps marked"),
    };
    format!(
        "Balance from {} on {} to {} on {}, with {} charges, {} payments and {steps}",
        money_text(first.amount),
        date_text(first.on),
        money_text(last.amount),
        date_text(last.on),
        view.charges.len(),
        view.payments.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use doorstep_api::ChartEventView;
    use doorstep_charts::{Series, Shape};
    use std::str::FromStr;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("valid test date")
    }

    fn decimal(text: &str) -> Decimal {
        Decimal::from_str(text).expect("valid test figure")
    }

    fn year_of_weeks() -> Vec<TrendPointView> {
        (0..52)
            .map(|week| TrendPointView {
                week_ending: date("2025-11-30") + chrono::Days::new(7 * week),
                accounts_in_arrears: 40 + week as u32,
                arrears_total: Decimal::from(10_000 + 100 * week),
            })
            .collect()
    }

    #[test]
    fn a_year_of_weeks_is_52_bars_with_every_eighth_labelled_from_the_latest() {
        let trend = year_of_weeks();
        let bars = trend_bars(&trend);
        assert_eq!(bars.len(), 52);
        let labelled: Vec<usize> = bars
            .iter()
            .enumerate()
            .filter(|(_, bar)| !bar.label.is_empty())
            .map(|(index, _)| index)
            .collect();
        assert_eq!(labelled, vec![3, 11, 19, 27, 35, 43, 51]);
        assert_eq!(bars[3].label, "21 Dec 2025");
        assert_eq!(bars[51].label, "22 Nov");
        assert_eq!(
            bars[51].title,
            "Week ending 22 Nov 2026: £15,100.00, 91 accounts"
        );
        let figure = trend_figure(&trend);
        let rects = figure
            .shapes
            .iter()
            .filter(|shape| matches!(shape, Shape::Rect { .. }))
            .count();
        assert_eq!(rects, 52);
        assert!(trend_summary(&trend).ends_with("£15,100.00 in the week ending 22 Nov 2026"));
    }

    #[test]
    fn age_bands_keep_their_order_and_say_their_figures() {
        let bands = vec![
            AgeBandView {
                label: "Under 4 weeks".to_string(),
                accounts_count: 1,
                arrears_total: decimal("120.5"),
            },
            AgeBandView {
                label: "4 to 13 weeks".to_string(),
                accounts_count: 3,
                arrears_total: decimal("2400"),
            },
        ];
        let bars = age_bars(&bands);
        assert_eq!(bars[0].title, "Under 4 weeks: £120.50, 1 account");
        assert_eq!(bars[1].label, "4 to 13 weeks");
        assert_eq!(
            age_summary(&bands),
            "Arrears by age: under 4 weeks £120.50, 4 to 13 weeks £2,400.00"
        );
    }

    #[test]
    fn the_balance_chart_draws_one_balance_line_and_marks_known_steps() {
        let day_amount = |on: &str, amount: &str| DayAmountView {
            on: date(on),
            amount: decimal(amount),
        };
        let event = |on: &str, kind: &str, label: &str| ChartEventView {
            on: date(on),
            kind: kind.to_string(),
            label: label.to_string(),
        };
        let view = AccountChartView {
            payment_reference: "R1".to_string(),
            from: date("2026-01-05"),
            to: date("2026-03-01"),
            balances: vec![
                day_amount("2026-01-05", "100"),
                day_amount("2026-01-12", "200"),
                day_amount("2026-02-02", "50"),
                day_amount("2026-03-01", "50"),
            ],
            charges: vec![day_amount("2026-01-12", "100")],
            payments: vec![day_amount("2026-02-02", "150")],
            events: vec![
                event("2026-01-20", "letter", "Letter 1"),
                event("2026-02-10", "visit", "A kind from a newer core"),
            ],
        };
        let figure = balance_figure(&view);
        let balance_lines: Vec<&Vec<(f64, f64)>> = figure
            .shapes
            .iter()
            .filter_map(|shape| match shape {
                Shape::Line {
                    series: Series::Balance,
                    points,
                    ..
                } => Some(points),
                _ => None,
            })
            .collect();
        assert_eq!(balance_lines.len(), 1);
        assert!(balance_lines[0].len() >= view.balances.len());
        let markers = figure
            .shapes
            .iter()
            .filter(|shape| matches!(shape, Shape::Marker { .. }))
            .count();
        assert_eq!(markers, 1);
        assert_eq!(figure.key.len(), 1);
        assert_eq!(
            balance_summary(&view),
            "Balance from £100.00 on 05 Jan 2026 to £50.00 on 01 Mar 2026, with 1 charges, \
             1 payments and 1 step marked"
        );
    }
}
