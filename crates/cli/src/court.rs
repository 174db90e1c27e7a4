//! How the court file and the weekly report read in a terminal.

use doorstep_api::{CourtFileView, PatchReportView};
use doorstep_domain::arrears::format_money;

pub(crate) fn notices_text(file: &CourtFileView) -> String {
    let mut out = format!(
        "{} — {} ({})\n",
        file.payment_reference,
        file.tenant_names.join(" and "),
        file.tenure
    );
    match (&file.notice_title, &file.notice_unavailable) {
        (_, Some(reason)) => out.push_str(&format!("No notice can be drafted: {reason}\n")),
        (Some(title), None) => {
            out.push_str(&format!("{title}: grounds open today\n"));
            for ground in &file.grounds {
                match &ground.refused_because {
                    None => out.push_str(&format!("  {} — {}\n", ground.code, ground.label)),
                    Some(reason) => out.push_str(&format!(
                        "  {} — {} (not available: {reason})\n",
                        ground.code, ground.label
                    )),
                }
            }
        }
        (None, None) => {}
    }
    if file.notices.is_empty() {
        out.push_str("No notices drafted.\n");
    }
    for notice in &file.notices {
        out.push_str(&format!(
            "{} {} on ground(s) {}: arrears {} on {}; date specified {}, proceedings from {}, expires {}. {}.\n  {}\n",
            notice.notice_id,
            notice.title,
            notice.grounds.join(", "),
            format_money(notice.arrears),
            notice.arrears_on,
            notice.date_specified,
            notice.proceedings_from,
            notice.expires_on,
            notice.sentence,
            notice.rule_set
        ));
    }
    out
}

pub(crate) fn weekly_report_text(patch: &PatchReportView) -> String {
    let report = &patch.weekly;
    let mut out = format!(
        "Week {} to {}\nIn arrears at the start: {} accounts, {}\nIn arrears at the end:   {} accounts, {}\nMovement: {}\nNew cases in arrears: {}\nArrangements made {}, kept {}, broken {}\nNotices served {}, court actions {}, home visits {}\nCard and cheque payments: {}, {}\n",
        report.week_starting,
        report.week_ending,
        report.accounts_in_arrears_at_start,
        format_money(report.arrears_at_start),
        report.accounts_in_arrears_at_end,
        format_money(report.arrears_at_end),
        format_money(report.arrears_movement),
        report.new_cases_in_arrears.len(),
        report.arrangements_made,
        report.arrangements_kept,
        report.arrangements_broken,
        report.notices_served,
        report.court_actions,
        report.home_visits,
        report.taken_on_visits_count,
        format_money(report.taken_on_visits_total),
    );
    out.push_str("Biggest movers:\n");
    for mover in &report.biggest_movers {
        out.push_str(&format!(
            "  {}  {} -> {} ({})\n",
            mover.payment_reference,
            format_money(mover.balance_before),
            format_money(mover.balance_after),
            format_money(mover.movement)
        ));
    }
    out.push_str(&format!("Indicators as at {}:\n", patch.as_at));
    for indicator in &patch.indicators {
        out.push_str(&format!(
            "  {}: {} ({})\n",
            indicator.name,
            doorstep_core::figure_text(&indicator.figure),
            indicator.working
        ));
    }
    out
}
