use std::str::FromStr;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("test literal")
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::from_str(text).expect("test date")
}

#[test]
fn steps_are_one_two_or_five_times_a_power_of_ten() {
    assert_eq!(nice_step(dec("1000"), 4), dec("500"));
    assert_eq!(nice_step(dec("1234.56"), 4), dec("500"));
    assert_eq!(nice_step(dec("90"), 4), dec("50"));
    assert_eq!(nice_step(dec("7"), 4), dec("2"));
    // Pennies never make a step below a pound.
    assert_eq!(nice_step(dec("0.40"), 4), dec("1"));
    assert_eq!(nice_step(Decimal::ZERO, 4), dec("1"));
}

#[test]
fn money_ticks_are_whole_pounds_with_thousands_separated() {
    assert_eq!(money_tick_label(dec("0")), "£0");
    assert_eq!(money_tick_label(dec("1500")), "£1,500");
    assert_eq!(money_tick_label(dec("-200")), "-£200");
    assert_eq!(money_tick_label(dec("1234567")), "£1,234,567");
}

#[test]
fn the_value_axis_holds_zero_and_every_value() {
    let axis = ValueAxis::fitting(&[dec("-120"), dec("830")], 10.0, 110.0, 4);
    assert!(axis.low <= dec("-120") && axis.high >= dec("830"));
    assert_eq!(axis.y(axis.high), 10.0);
    assert_eq!(axis.y(axis.low), 110.0);
    assert!(axis.ticks().contains(&Decimal::ZERO));
}

#[test]
fn date_ticks_fall_on_first_days_of_months_inside_the_axis() {
    let axis = DateAxis {
        from: date("2024-11-20"),
        to: date("2026-11-20"),
        left: 0.0,
        right: 100.0,
    };
    let ticks = axis.ticks();
    assert!(!ticks.is_empty() && ticks.len() <= 9, "{ticks:?}");
    for (day, label) in &ticks {
        assert_eq!(chrono::Datelike::day(day), 1);
        assert!(axis.from <= *day && *day <= axis.to);
        assert_eq!(*label, day.format("%b %Y").to_string());
    }
}

/// The y of each balance, in order, read back off the step line's horizontal runs.
fn balance_line(figure: &Figure) -> Vec<(f64, f64)> {
    figure
        .shapes
        .iter()
        .find_map(|shape| match shape {
            Shape::Line {
                series: Series::Balance,
                points,
                ..
            } => Some(points.clone()),
            _ => None,
        })
        .expect("a balance line")
}

#[test]
fn the_balance_line_steps_on_each_posting_day_and_holds_between() {
    let balances = [
        (date("2026-01-05"), dec("100")),
        (date("2026-01-12"), dec("200")),
        (date("2026-01-19"), dec("50")),
    ];
    let steps = [ChartStep {
        on: date("2026-01-12"),
        kind: StepKind::Letter,
        label: "Letter 1".to_string(),
    }];
    let input = BalanceChartInput {
        from: date("2026-01-05"),
        to: date("2026-01-19"),
        balances: &balances,
        charges: &[],
        payments: &[],
        steps: &steps,
    };
    let figure = balance_chart(&input, 400.0, 200.0);
    let line = balance_line(&figure);
    // (x0,y100) (x1,y100) (x1,y200) (x2,y200) (x2,y50)
    assert_eq!(line.len(), 5);
    assert_eq!(line[0].1, line[1].1);
    assert_eq!(line[1].0, line[2].0);
    assert_eq!(line[2].1, line[3].1);
    assert_eq!(line[3].0, line[4].0);
    // Higher balances sit higher on the page (smaller y).
    assert!(line[2].1 < line[0].1 && line[0].1 < line[4].1);
    assert_eq!(figure.key, vec!["L 12 Jan 2026 — Letter 1".to_string()]);
    assert!(figure.legend.contains(&(Series::Letter, "Letters")));
}

fn inside(figure: &Figure, x: f64, y: f64) -> bool {
    (0.0..=figure.width).contains(&x) && (0.0..=figure.height).contains(&y)
}

proptest! {
    #[test]
    fn every_shape_of_a_balance_chart_is_inside_the_figure(
        pence in prop::collection::vec(-500_000i64..500_000, 1..40),
        width in 200.0f64..900.0,
        height in 120.0f64..400.0,
    ) {
        let from = date("2025-01-06");
        let balances: Vec<(NaiveDate, Decimal)> = pence
            .iter()
            .enumerate()
            .map(|(week, pence)| {
                (from + Days::new(7 * week as u64), Decimal::new(*pence, 2))
            })
            .collect();
        let to = balances.last().map(|(day, _)| *day).unwrap_or(from);
        let charges: Vec<(NaiveDate, Decimal)> =
            balances.iter().map(|(day, _)| (*day, dec("95.50"))).collect();
        let input = BalanceChartInput {
            from,
            to,
            balances: &balances,
            charges: &charges,
            payments: &[],
            steps: &[],
        };
        let figure = balance_chart(&input, width, height);
        for shape in &figure.shapes {
            match shape {
                Shape::Line { points, .. } => {
                    for (x, y) in points {
                        prop_assert!(inside(&figure, *x, *y), "{x},{y}");
                    }
                }
                Shape::Rect { x, y, width, height, .. } => {
                    prop_assert!(inside(&figure, *x + width / 2.0, *y));
                    prop_assert!(inside(&figure, *x + width / 2.0, *y + height));
                }
                Shape::Marker { x, y_top, y_bottom, .. } => {
                    prop_assert!(inside(&figure, *x, *y_top) && inside(&figure, *x, *y_bottom));
                }
                Shape::Text { .. } => {}
            }
        }
        // One horizontal run per balance: the line has 2n − 1 points.
        prop_assert_eq!(balance_line(&figure).len(), 2 * balances.len() - 1);
    }

    #[test]
    fn bar_heights_are_in_proportion_to_their_values(
        pence in prop::collection::vec(0i64..2_000_000, 1..52),
    ) {
        let bars: Vec<Bar> = pence
            .iter()
            .map(|pence| Bar {
                label: String::new(),
                value: Decimal::new(*pence, 2),
                title: String::new(),
            })
            .collect();
        let figure = bar_chart(&bars, 600.0, 200.0);
        let heights: Vec<f64> = figure
            .shapes
            .iter()
            .filter_map(|shape| match shape {
                Shape::Rect { height, .. } => Some(*height),
                _ => None,
            })
            .collect();
        prop_assert_eq!(heights.len(), bars.len());
        let (largest_index, largest) = pence
            .iter()
            .enumerate()
            .max_by_key(|(_, pence)| **pence)
            .map(|(index, pence)| (index, *pence))
            .unwrap_or((0, 0));
        if largest > 0 {
            for (height, pence) in heights.iter().zip(&pence) {
                let expected = heights[largest_index] * (*pence as f64) / (largest as f64);
                prop_assert!((height - expected).abs() < 1e-6);
            }
        }
    }
}
