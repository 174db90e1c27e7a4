//! How the court file reads in a terminal: the grounds open to the account and its notices.

use doorstep_api::CourtFileView;
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
