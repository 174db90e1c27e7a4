//! The report screen's figures from the reports' facts: pure, so the benchmark times exactly
//! what the officer waits for after the store is read.

use chrono::NaiveDate;
use doorstep_api::{
    AgeBandView, FigureView, IndicatorView, MoverView, PatchReportView, PaymentsByMethodView,
    TrendPointView, WeeklyReportView,
};
use doorstep_domain::money::format_money;
use doorstep_domain::reports::{
    arrears_age_profile, arrears_trend, collection_rate, current_arrears_percent_of_annual_debit,
    former_tenant_arrears, live_arrangements, notices_live, true_and_technical_arrears,
    weekly_report, AccountFacts, WeeklyReport, AGE_PROFILE_DEFINITION, ARREARS_TREND_DEFINITION,
};

use crate::reports::sunday_after;

/// Weeks the patch's trend covers: a year.
pub const TREND_WEEKS: u32 = 52;
/// The collection rate is given for the week and for the 52 weeks to the same day.
const YEAR_DAYS: u64 = 52 * 7;

/// The report for the week starting `monday`. Indicators are as at the week's Sunday, or
/// `today` while the week is still running.
pub fn patch_report(
    accounts: &[AccountFacts],
    monday: NaiveDate,
    today: NaiveDate,
) -> PatchReportView {
    let as_at = sunday_after(monday).min(today).max(monday);
    let weekly = weekly_view(&weekly_report(accounts, monday));
    PatchReportView {
        weekly,
        as_at,
        indicators: indicators(accounts, monday, as_at, today),
        trend: arrears_trend(accounts, as_at, TREND_WEEKS)
            .into_iter()
            .map(|point| TrendPointView {
                week_ending: point.week_ending,
                accounts_in_arrears: point.accounts_in_arrears_count,
                arrears_total: point.arrears_total,
            })
            .collect(),
        trend_definition: ARREARS_TREND_DEFINITION.to_string(),
        age_profile: arrears_age_profile(accounts, as_at)
            .into_iter()
            .map(|row| AgeBandView {
                label: row.band.label(),
                accounts_count: row.accounts_count,
                arrears_total: row.arrears_total,
            })
            .collect(),
        age_profile_definition: AGE_PROFILE_DEFINITION.to_string(),
    }
}

fn indicators(
    accounts: &[AccountFacts],
    monday: NaiveDate,
    as_at: NaiveDate,
    today: NaiveDate,
) -> Vec<IndicatorView> {
    let mut indicators = Vec::new();
    let current = current_arrears_percent_of_annual_debit(accounts, as_at);
    indicators.push(IndicatorView {
        name: "Current tenant arrears as % of the annual rent debit".to_string(),
        figure: FigureView::Percent {
            percent: current.percent,
        },
        working: format!(
            "{} owed ÷ {} charged over the 52 weeks",
            format_money(current.numerator),
            format_money(current.denominator)
        ),
        definition: current.definition.to_string(),
    });
    let year_from = as_at
        .checked_sub_days(chrono::Days::new(YEAR_DAYS - 1))
        .unwrap_or(NaiveDate::MIN);
    for (name, from) in [
        ("Collection rate, this week", monday),
        ("Collection rate, 52 weeks", year_from),
    ] {
        let rate = collection_rate(accounts, from, as_at);
        indicators.push(IndicatorView {
            name: name.to_string(),
            figure: FigureView::Percent {
                percent: rate.percent,
            },
            working: format!(
                "{} collected ÷ {} due",
                format_money(rate.numerator),
                format_money(rate.denominator)
            ),
            definition: rate.definition.to_string(),
        });
    }
    // What benefit is expected is known only for today (see the definition).
    if as_at == today {
        let split = true_and_technical_arrears(accounts, today);
        let working = format!(
            "{} owed by current tenants: {} true, {} technical",
            format_money(split.arrears_total),
            format_money(split.true_arrears),
            format_money(split.technical_arrears)
        );
        for (name, amount) in [
            ("True arrears", split.true_arrears),
            ("Technical arrears", split.technical_arrears),
        ] {
            indicators.push(IndicatorView {
                name: name.to_string(),
                figure: FigureView::Money { amount },
                working: working.clone(),
                definition: split.definition.to_string(),
            });
        }
    }
    let live = live_arrangements(accounts, as_at);
    let by_frequency: Vec<String> = live
        .by_frequency
        .iter()
        .map(|row| {
            format!(
                "{} {} ({})",
                format_money(row.instalments_total),
                row.frequency_label.to_lowercase(),
                row.arrangements_count
            )
        })
        .collect();
    indicators.push(IndicatorView {
        name: "Live arrangements".to_string(),
        figure: FigureView::Count {
            count: live.live_count,
        },
        working: if by_frequency.is_empty() {
            "none live".to_string()
        } else {
            format!("instalments {}", by_frequency.join(", "))
        },
        definition: live.definition.to_string(),
    });
    indicators.push(IndicatorView {
        name: "Arrangement keep rate".to_string(),
        figure: FigureView::Percent {
            percent: live.keep_rate_percent,
        },
        working: format!(
            "{} of {} arrangements live in the 52 weeks were not breached in them",
            live.kept_in_year_count, live.live_in_year_count
        ),
        definition: live.definition.to_string(),
    });
    let notices = notices_live(accounts, as_at);
    indicators.push(IndicatorView {
        name: "Notices live".to_string(),
        figure: FigureView::Count {
            count: notices.accounts_count,
        },
        working: if notices.payment_references.is_empty() {
            "none".to_string()
        } else {
            notices.payment_references.join(", ")
        },
        definition: notices.definition.to_string(),
    });
    let former = former_tenant_arrears(accounts, as_at);
    indicators.push(IndicatorView {
        name: "Former tenant arrears".to_string(),
        figure: FigureView::Money {
            amount: former.arrears_total,
        },
        working: format!("{} former tenants owing", former.accounts_in_arrears_count),
        definition: former.definition.to_string(),
    });
    indicators
}

pub(crate) fn weekly_view(report: &WeeklyReport) -> WeeklyReportView {
    WeeklyReportView {
        week_starting: report.week_starting,
        week_ending: report.week_ending,
        accounts_in_arrears_at_start: report.start.accounts_in_arrears_count,
        arrears_at_start: report.start.arrears_total,
        accounts_in_arrears_at_end: report.end.accounts_in_arrears_count,
        arrears_at_end: report.end.arrears_total,
        arrears_movement: report.arrears_movement,
        new_cases_in_arrears: report.new_cases_in_arrears.clone(),
        arrangements_made: report.arrangements_made_count,
        arrangements_kept: report.arrangements_kept_count,
        arrangements_broken: report.arrangements_broken_count,
        notices_served: report.notices_served_count,
        court_actions: report.court_actions_count,
        home_visits: report.home_visits_count,
        payments_by_method: report
            .payments_by_method
            .iter()
            .map(|row| PaymentsByMethodView {
                method: row.method.label().to_string(),
                payments_count: row.payments_count,
                received_total: row.received_total,
            })
            .collect(),
        taken_on_visits_count: report.taken_on_visits_count,
        taken_on_visits_total: report.taken_on_visits_total,
        biggest_movers: report
            .biggest_movers
            .iter()
            .map(|mover| MoverView {
                payment_reference: mover.payment_reference.clone(),
                balance_before: mover.balance_before,
                balance_after: mover.balance_after,
                movement: mover.balance_movement,
            })
            .collect(),
    }
}

/// A figure as the officer reads it: "3.2%", "£250.00", "12", or "—" for a percentage of
/// nothing.
pub fn figure_text(figure: &FigureView) -> String {
    match figure {
        FigureView::Percent {
            percent: Some(percent),
        } => format!("{percent}%"),
        FigureView::Percent { percent: None } => "—".to_string(),
        FigureView::Money { amount } => format_money(*amount),
        FigureView::Count { count } => count.to_string(),
    }
}
