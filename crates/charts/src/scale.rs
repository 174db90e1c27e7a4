//! Axes: money and counts up the side, dates along the bottom, with ticks at round values a
//! person would choose (£0, £500, £1,000 — never £437).

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// A vertical axis from `low` to `high` (both multiples of `step`, `low` ≤ 0 ≤ `high`) over the
/// pixels `top` to `bottom`.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueAxis {
    pub low: Decimal,
    pub high: Decimal,
    pub step: Decimal,
    pub top: f64,
    pub bottom: f64,
}

impl ValueAxis {
    /// An axis that holds every value and zero, with about `ticks_wanted` round steps.
    pub fn fitting(values: &[Decimal], top: f64, bottom: f64, ticks_wanted: u32) -> ValueAxis {
        let max = values.iter().copied().fold(Decimal::ZERO, Decimal::max);
        let min = values.iter().copied().fold(Decimal::ZERO, Decimal::min);
        let step = nice_step(max - min, ticks_wanted.max(1));
        ValueAxis {
            low: round_away(min, step),
            high: round_away(max, step).max(step),
            step,
            top,
            bottom,
        }
    }

    /// The pixel row of `value`; values outside the axis are held to its ends.
    pub fn y(&self, value: Decimal) -> f64 {
        let span = (self.high - self.low)
            .to_f64()
            .unwrap_or(1.0)
            .max(f64::MIN_POSITIVE);
        let above_low = (value.clamp(self.low, self.high) - self.low)
            .to_f64()
            .unwrap_or(0.0);
        self.bottom - (self.bottom - self.top) * above_low / span
    }

    /// The tick values, low to high.
    pub fn ticks(&self) -> Vec<Decimal> {
        let mut ticks = Vec::new();
        let mut tick = self.low;
        while tick <= self.high && ticks.len() < 50 {
            ticks.push(tick);
            tick += self.step;
        }
        ticks
    }
}

/// A round step (1, 2 or 5 times a power of ten, at least 1) that divides `span` into about
/// `ticks_wanted` parts.
pub fn nice_step(span: Decimal, ticks_wanted: u32) -> Decimal {
    let raw = span / Decimal::from(ticks_wanted.max(1));
    let mut power = Decimal::ONE;
    while power * Decimal::TEN <= raw {
        power *= Decimal::TEN;
    }
    for multiple in [1, 2, 5, 10] {
        let step = power * Decimal::from(multiple);
        if step >= raw {
            return step;
        }
    }
    power * Decimal::TEN
}

/// `value` rounded away from zero to a multiple of `step`.
fn round_away(value: Decimal, step: Decimal) -> Decimal {
    let steps = (value / step).abs().ceil();
    if value < Decimal::ZERO {
        -steps * step
    } else {
        steps * step
    }
}

/// A money tick in whole pounds: "£1,500", "-£200", "£0".
pub fn money_tick_label(value: Decimal) -> String {
    let pounds = value.round().abs().to_string();
    let mut grouped = String::new();
    for (index, digit) in pounds.chars().enumerate() {
        if index > 0 && (pounds.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if value.round() < Decimal::ZERO {
        "-"
    } else {
        ""
    };
    format!("{sign}£{grouped}")
}

/// A horizontal axis of days from `from` to `to` over the pixels `left` to `right`.
#[derive(Debug, Clone, PartialEq)]
pub struct DateAxis {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub left: f64,
    pub right: f64,
}

impl DateAxis {
    pub fn x(&self, day: NaiveDate) -> f64 {
        let span = (self.to - self.from).num_days().max(1) as f64;
        let days = (day.clamp(self.from, self.to) - self.from).num_days() as f64;
        self.left + (self.right - self.left) * days / span
    }

    /// First days of months inside the axis, every 1, 3, 6 or 12 months so that there are at
    /// most about eight, each with its label ("Mar 2026").
    pub fn ticks(&self) -> Vec<(NaiveDate, String)> {
        let months_spanned = months_between(self.from, self.to);
        let every = [1u32, 3, 6, 12, 24]
            .into_iter()
            .find(|every| months_spanned / every <= 8)
            .unwrap_or(24);
        let Some(mut tick) = NaiveDate::from_ymd_opt(self.from.year(), self.from.month(), 1) else {
            return Vec::new();
        };
        if tick < self.from {
            tick = tick.checked_add_months(Months::new(1)).unwrap_or(self.to);
        }
        // Align quarterly and longer ticks to January, April, July, October.
        while (tick.month0() % every.min(12)) != 0 && tick <= self.to {
            tick = tick.checked_add_months(Months::new(1)).unwrap_or(self.to);
        }
        let mut ticks = Vec::new();
        while tick <= self.to && ticks.len() < 40 {
            ticks.push((tick, tick.format("%b %Y").to_string()));
            match tick.checked_add_months(Months::new(every)) {
                Some(next) => tick = next,
                None => break,
            }
        }
        ticks
    }
}

fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    u32::try_from(months.max(0)).unwrap_or(0)
}
