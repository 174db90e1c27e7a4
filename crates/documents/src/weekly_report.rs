//! The officer's weekly arrears report for the team leader: the week's figures, the indicators
//! each with its definition, and the patch's trend and arrears ages as charts.

use doorstep_api::{FigureView, PatchReportView};
use doorstep_charts::{bar_chart, Bar, Figure};
use doorstep_domain::money::format_money;
use printpdf::PdfDocument;

use crate::chart::draw_figure;
use crate::error::{long_date, DocumentError};
use crate::fonts::{Fonts, MM_PER_PT};
use crate::landlord::Landlord;
use crate::layout::{
    save, Chrome, Pages, TextStyle, CONTENT_RIGHT_MM, CONTENT_WIDTH_MM, MARGIN_LEFT_MM,
};

const TITLE: TextStyle = TextStyle::bold(15.0);
const HEADING: TextStyle = TextStyle::bold(11.0);
const BODY: TextStyle = TextStyle::regular(9.5);
const NOTE: TextStyle = TextStyle::secondary(8.0);

/// The trend's bars are labelled every this many weeks, so the labels never collide.
const TREND_LABEL_EVERY: usize = 8;
/// Chart figures are laid out in points at this width, then scaled to the page's content width.
const FIGURE_WIDTH: f64 = 600.0;
const FIGURE_HEIGHT: f64 = 200.0;

pub fn weekly_report_pdf(
    landlord: &Landlord,
    report: &PatchReportView,
) -> Result<Vec<u8>, DocumentError> {
    let weekly = &report.weekly;
    let mut document = PdfDocument::new(&format!(
        "Weekly arrears report, week ending {}",
        long_date(&weekly.week_ending)
    ));
    let fonts = Fonts::register(&mut document)?;
    let mut pages = Pages::new(&fonts);

    let top = pages.cursor_mm;
    pages.text(MARGIN_LEFT_MM, top + 6.0, "Weekly arrears report", TITLE);
    pages.text(
        MARGIN_LEFT_MM,
        top + 12.0,
        &format!(
            "Monday {} to Sunday {}. Indicators as at {}.",
            long_date(&weekly.week_starting),
            long_date(&weekly.week_ending),
            long_date(&report.as_at)
        ),
        BODY,
    );
    pages.cursor_mm = top + 16.0;

    heading(&mut pages, "The week")?;
    let movement = if weekly.arrears_movement.is_sign_negative() {
        format!("down {}", format_money(-weekly.arrears_movement))
    } else {
        format!("up {}", format_money(weekly.arrears_movement))
    };
    let rows = [
        (
            "In arrears at the start".to_string(),
            format!(
                "{} accounts, {}",
                weekly.accounts_in_arrears_at_start,
                format_money(weekly.arrears_at_start)
            ),
        ),
        (
            "In arrears at the end".to_string(),
            format!(
                "{} accounts, {}",
                weekly.accounts_in_arrears_at_end,
                format_money(weekly.arrears_at_end)
            ),
        ),
        ("Movement".to_string(), movement),
        (
            "New cases in arrears".to_string(),
            weekly.new_cases_in_arrears.len().to_string(),
        ),
        (
            "Arrangements made, kept, broken".to_string(),
            format!(
                "{}, {}, {}",
                weekly.arrangements_made, weekly.arrangements_kept, weekly.arrangements_broken
            ),
        ),
        (
            "Notices served".to_string(),
            weekly.notices_served.to_string(),
        ),
        (
            "Court actions".to_string(),
            weekly.court_actions.to_string(),
        ),
        ("Home visits".to_string(), weekly.home_visits.to_string()),
        (
            "Taken on visits".to_string(),
            format!(
                "{} payments, {}",
                weekly.taken_on_visits_count,
                format_money(weekly.taken_on_visits_total)
            ),
        ),
    ];
    for (label, value) in &rows {
        row(&mut pages, label, value)?;
    }

    heading(&mut pages, "Payments received by method")?;
    if weekly.payments_by_method.is_empty() {
        row(&mut pages, "No payments received this week", "")?;
    }
    for method in &weekly.payments_by_method {
        row(
            &mut pages,
            &method.method,
            &format!(
                "{} payments, {}",
                method.payments_count,
                format_money(method.received_total)
            ),
        )?;
    }

    heading(&mut pages, "Biggest movers")?;
    if weekly.biggest_movers.is_empty() {
        row(&mut pages, "No balance moved this week", "")?;
    }
    for mover in &weekly.biggest_movers {
        row(
            &mut pages,
            &mover.payment_reference,
            &format!(
                "{} → {} ({}{})",
                format_money(mover.balance_before),
                format_money(mover.balance_after),
                if mover.movement.is_sign_negative() {
                    ""
                } else {
                    "+"
                },
                format_money(mover.movement)
            ),
        )?;
    }
    if !weekly.new_cases_in_arrears.is_empty() {
        heading(&mut pages, "New cases in arrears")?;
        paragraph(&mut pages, &weekly.new_cases_in_arrears.join(", "), BODY)?;
    }

    heading(&mut pages, "Indicators")?;
    for indicator in &report.indicators {
        row(&mut pages, &indicator.name, &figure_text(&indicator.figure))?;
        paragraph(&mut pages, &indicator.working, NOTE)?;
        paragraph(&mut pages, &indicator.definition, NOTE)?;
        pages.cursor_mm += 1.5;
    }

    heading(&mut pages, "Arrears over 52 weeks")?;
    draw_figure(
        &mut pages,
        &trend_figure(report),
        MARGIN_LEFT_MM,
        CONTENT_WIDTH_MM,
    )?;
    paragraph(&mut pages, &report.trend_definition, NOTE)?;

    heading(&mut pages, "How long arrears have been owed")?;
    draw_figure(
        &mut pages,
        &age_figure(report),
        MARGIN_LEFT_MM,
        CONTENT_WIDTH_MM,
    )?;
    for band in &report.age_profile {
        row(
            &mut pages,
            &band.label,
            &format!(
                "{} accounts, {}",
                band.accounts_count,
                format_money(band.arrears_total)
            ),
        )?;
    }
    paragraph(&mut pages, &report.age_profile_definition, NOTE)?;

    let chrome = Chrome {
        landlord,
        as_at: report.as_at,
        footer_title: pages.fit_footer_title(&format!(
            "Weekly arrears report · week ending {}",
            weekly.week_ending.format("%-d %b %Y")
        )),
    };
    let pdf_pages = pages.finish(&chrome);
    Ok(save(document, pdf_pages, report.as_at))
}

/// The 52-week trend as the app draws it.
pub fn trend_figure(report: &PatchReportView) -> Figure {
    let bars: Vec<Bar> = report
        .trend
        .iter()
        .enumerate()
        .map(|(index, point)| Bar {
            // Counted back from the latest week, so the last bar is labelled and no two labels
            // meet.
            label: if (report.trend.len() - 1 - index).is_multiple_of(TREND_LABEL_EVERY) {
                point.week_ending.format("%-d %b").to_string()
            } else {
                String::new()
            },
            value: point.arrears_total,
            title: format!(
                "Week ending {}: {}, {} accounts",
                point.week_ending.format("%-d %b %Y"),
                format_money(point.arrears_total),
                point.accounts_in_arrears
            ),
        })
        .collect();
    bar_chart(&bars, FIGURE_WIDTH, FIGURE_HEIGHT)
}

/// The age profile as the app draws it.
pub fn age_figure(report: &PatchReportView) -> Figure {
    let bars: Vec<Bar> = report
        .age_profile
        .iter()
        .map(|band| Bar {
            label: band.label.clone(),
            value: band.arrears_total,
            title: format!(
                "{}: {}, {} accounts",
                band.label,
                format_money(band.arrears_total),
                band.accounts_count
            ),
        })
        .collect();
    bar_chart(&bars, FIGURE_WIDTH, FIGURE_HEIGHT * 0.8)
}

/// "3.2%", "£250.00", "12", or "—" for a percentage of nothing.
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

fn heading(pages: &mut Pages<'_>, text: &str) -> Result<(), DocumentError> {
    pages.ensure_room(HEADING.line_height_mm() * 3.0)?;
    pages.cursor_mm += 3.0;
    let baseline = pages.cursor_mm + HEADING.size_pt * MM_PER_PT;
    pages.text(MARGIN_LEFT_MM, baseline, text, HEADING);
    pages.cursor_mm += HEADING.line_height_mm() + 1.0;
    Ok(())
}

/// A label on the left and its value ending at the right margin.
fn row(pages: &mut Pages<'_>, label: &str, value: &str) -> Result<(), DocumentError> {
    pages.ensure_room(BODY.line_height_mm())?;
    let baseline = pages.cursor_mm + BODY.size_pt * MM_PER_PT;
    let value_width = pages.text_width_mm(value, BODY);
    let label_width = CONTENT_WIDTH_MM - value_width - 4.0;
    let label = pages
        .wrap_at_most(label, BODY, label_width.max(20.0), 1)
        .into_iter()
        .next()
        .unwrap_or_default();
    pages.text(MARGIN_LEFT_MM, baseline, &label, BODY);
    pages.text_right(CONTENT_RIGHT_MM, baseline, value, BODY);
    pages.cursor_mm += BODY.line_height_mm();
    Ok(())
}

fn paragraph(pages: &mut Pages<'_>, text: &str, style: TextStyle) -> Result<(), DocumentError> {
    for line in pages.wrap(text, style, CONTENT_WIDTH_MM) {
        pages.ensure_room(style.line_height_mm())?;
        let baseline = pages.cursor_mm + style.size_pt * MM_PER_PT;
        pages.text(MARGIN_LEFT_MM, baseline, &line, style);
        pages.cursor_mm += style.line_height_mm();
    }
    Ok(())
}
