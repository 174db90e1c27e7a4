//! The tenancy's dates and rent schedule: weekly on Mondays or calendar-monthly, with an annual
//! change from the first Monday of April and, for some weekly accounts, rent-free weeks.

use chrono::{Datelike, Days, Months, NaiveDate};
use doorstep_domain::money::round_money;
use doorstep_domain::rent_schedule::{
    convert, first_monday_of_april, monday_of, RentChange, RentComponents, RentFrequency,
    RentSchedule,
};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;

pub(crate) struct RentPlan {
    pub(crate) tenancy_start: NaiveDate,
    /// The first day of the ledger: the tenancy start, or at most `ledger_years` (an option)
    /// before today for an older tenancy (whose ledger opens with a balance brought forward).
    pub(crate) ledger_start: NaiveDate,
    pub(crate) schedule: RentSchedule,
}

impl RentPlan {
    pub(crate) fn has_balance_brought_forward(&self) -> bool {
        self.tenancy_start < self.ledger_start
    }
}

/// Approximate average social rent increases by the April they took effect, in thousandths.
/// Demo data only, not a rule set: 2016–2019 are the statutory 1% reductions, 2023 the 7%
/// ceiling, 2024 CPI + 1% (7.7%), 2025 CPI + 1% (2.7%).
fn rent_increase_permille(april_year: i32) -> i64 {
    match april_year {
        ..=2012 => 55,
        2013 => 45,
        2014 => 37,
        2015 => 22,
        2016..=2019 => -10,
        2020 => 27,
        2021 => 15,
        2022 => 41,
        2023 => 70,
        2024 => 77,
        2025 => 27,
        2026 => 48,
        _ => 30,
    }
}

/// Tenancies are 2 to this many years old.
pub(crate) const TENANCY_AGE_YEARS_MAX: u64 = 15;

pub(crate) fn plan_rent(rng: &mut ChaCha8Rng, today: NaiveDate, ledger_years: u32) -> RentPlan {
    let frequency = if rng.gen_bool(0.15) {
        RentFrequency::Monthly
    } else {
        RentFrequency::Weekly
    };
    // From 2 years (plus a margin so the first charge is also 2 years back) to 15 years ago.
    let age_days = rng.gen_range(2 * 365 + 45..=TENANCY_AGE_YEARS_MAX * 365);
    let mut tenancy_start = today.checked_sub_days(Days::new(age_days)).unwrap_or(today);
    if frequency == RentFrequency::Weekly {
        // Weekly tenancies start on a Monday, the day rent is charged.
        tenancy_start = monday_of(tenancy_start);
    }
    let earliest_ledger_start = today
        .checked_sub_months(Months::new(12 * ledger_years))
        .unwrap_or(today);
    let ledger_start = if tenancy_start < earliest_ledger_start {
        match frequency {
            RentFrequency::Weekly => monday_of(earliest_ledger_start),
            _ => earliest_ledger_start,
        }
    } else {
        tenancy_start
    };

    // Today's weekly rent is £85–£160 and the service charge £0–£25 (none for 40% of homes);
    // earlier years are worked back from today through each April's increase.
    let rent_weekly = Decimal::new(rng.gen_range(8_500..=16_000), 2);
    let service_charge_weekly = if rng.gen_bool(0.4) {
        Decimal::ZERO
    } else {
        Decimal::new(rng.gen_range(200..=2_500), 2)
    };
    let changes = rent_changes(
        tenancy_start,
        today,
        frequency,
        rent_weekly,
        service_charge_weekly,
    );

    let rent_free_weeks = if frequency == RentFrequency::Weekly && rng.gen_bool(0.5) {
        christmas_rent_free_weeks(ledger_start, today)
    } else {
        Vec::new()
    };
    RentPlan {
        tenancy_start,
        ledger_start,
        schedule: RentSchedule {
            frequency,
            changes,
            rent_free_weeks,
        },
    }
}

fn rent_changes(
    tenancy_start: NaiveDate,
    today: NaiveDate,
    frequency: RentFrequency,
    rent_weekly_today: Decimal,
    service_charge_weekly_today: Decimal,
) -> Vec<RentChange> {
    let april_changes: Vec<NaiveDate> = (tenancy_start.year()..=today.year())
        .filter_map(first_monday_of_april)
        .filter(|date| *date > tenancy_start && *date <= today)
        .collect();
    // Walk back from today: each April's figures divided by that April's increase give the
    // year before's.
    let mut weekly_figures = vec![(rent_weekly_today, service_charge_weekly_today)];
    for april in april_changes.iter().rev() {
        let (rent, service_charge) = weekly_figures[weekly_figures.len() - 1];
        let factor = Decimal::ONE + Decimal::new(rent_increase_permille(april.year()), 3);
        weekly_figures.push((
            round_money(rent / factor),
            round_money(service_charge / factor),
        ));
    }
    weekly_figures.reverse();
    std::iter::once(tenancy_start)
        .chain(april_changes)
        .zip(weekly_figures)
        .map(|(effective_from, (rent, service_charge))| RentChange {
            effective_from,
            components: RentComponents {
                rent: convert(rent, RentFrequency::Weekly, frequency),
                service_charge: convert(service_charge, RentFrequency::Weekly, frequency),
            },
        })
        .collect()
}

/// Two rent-free weeks a year, the weeks containing Christmas Day and New Year's Day: a common
/// pattern (48 or 50 charged weeks a year, DOMAIN.md "Money and accounts").
fn christmas_rent_free_weeks(ledger_start: NaiveDate, today: NaiveDate) -> Vec<NaiveDate> {
    (ledger_start.year() - 1..=today.year())
        .flat_map(|year| {
            [
                NaiveDate::from_ymd_opt(year, 12, 25),
                NaiveDate::from_ymd_opt(year + 1, 1, 1),
            ]
        })
        .flatten()
        .map(monday_of)
        .collect()
}
