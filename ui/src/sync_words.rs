//! The sync's figures in words: the progress line under the bar and the summary after it.
//! Pure, so it is tested on the host; `screens::head_office_sync` shows them.

use doorstep_api::{SyncProgressView, SyncStage, SyncSummary};

use crate::display::count_text;

/// "Sent: 3 applied, 1 held for head office. Received: 400 new accounts, 12 accounts updated, 5,210
/// ledger entries." Parts that are nothing are left out, except that a sync which moved
/// nothing says so.
pub fn summary_text(summary: &SyncSummary) -> String {
    let plural = |count: u64, one: &str, many: &str| {
        format!(
            "{} {}",
            count_text(count),
            if count == 1 { one } else { many }
        )
    };
    let sent_count = summary.commands_applied + summary.commands_held + summary.commands_rejected;
    let sent = if sent_count == 0 {
        "Sent: nothing was waiting.".to_string()
    } else {
        let mut parts = vec![format!("{} applied", count_text(summary.commands_applied))];
        if summary.commands_held > 0 {
            parts.push(format!(
                "{} held for head office",
                count_text(summary.commands_held)
            ));
        }
        if summary.commands_rejected > 0 {
            parts.push(format!(
                "{} rejected",
                count_text(summary.commands_rejected)
            ));
        }
        format!("Sent: {}.", parts.join(", "))
    };
    let mut received_parts = Vec::new();
    if summary.accounts_added > 0 {
        received_parts.push(plural(
            summary.accounts_added,
            "new account",
            "new accounts",
        ));
    }
    if summary.accounts_updated > 0 {
        received_parts.push(plural(
            summary.accounts_updated,
            "account updated",
            "accounts updated",
        ));
    }
    if summary.entries_added > 0 {
        received_parts.push(plural(
            summary.entries_added,
            "ledger entry",
            "ledger entries",
        ));
    }
    if summary.accounts_reassigned > 0 {
        received_parts.push(plural(
            summary.accounts_reassigned,
            "account reassigned",
            "accounts reassigned",
        ));
    }
    let received = if received_parts.is_empty() {
        "Received: no changes.".to_string()
    } else {
        format!("Received: {}.", received_parts.join(", "))
    };
    format!("{sent} {received}")
}

/// "Sending 120 of 340 records", "Fetching changes: 200 received, 1,800 to come".
pub fn progress_text(progress: &SyncProgressView) -> String {
    match progress.stage {
        SyncStage::Idle | SyncStage::Connecting => "Connecting to head office…".to_string(),
        SyncStage::Uploading => format!(
            "Sending {} of {} {}",
            count_text(progress.commands_sent),
            count_text(progress.commands_total),
            if progress.commands_total == 1 {
                "record"
            } else {
                "records"
            }
        ),
        SyncStage::Downloading if progress.changes_received == 0 => "Fetching changes…".to_string(),
        SyncStage::Downloading => format!(
            "Fetching changes: {} received, {} to come",
            count_text(progress.changes_received),
            count_text(progress.changes_remaining)
        ),
        SyncStage::Finished => "Finished".to_string(),
        SyncStage::Failed => "Stopped".to_string(),
    }
}

/// The bar's value and maximum, when there is something to measure: the records sent, or the
/// changes received out of those received and to come.
pub fn progress_fraction(progress: &SyncProgressView) -> Option<(u64, u64)> {
    match progress.stage {
        SyncStage::Uploading if progress.commands_total > 0 => {
            Some((progress.commands_sent, progress.commands_total))
        }
        SyncStage::Downloading if progress.changes_received > 0 => Some((
            progress.changes_received,
            progress.changes_received + progress.changes_remaining,
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_read_as_sentences() {
        fn check(summary: SyncSummary, expected: &str) {
            assert_eq!(summary_text(&summary), expected);
        }
        check(
            SyncSummary::default(),
            "Sent: nothing was waiting. Received: no changes.",
        );
        check(
            SyncSummary {
                commands_applied: 3,
                commands_held: 1,
                accounts_added: 400,
                entries_added: 1_800,
                ..SyncSummary::default()
            },
            "Sent: 3 applied, 1 held for head office. \
             Received: 400 new accounts, 1,800 ledger entries.",
        );
        check(
            SyncSummary {
                commands_rejected: 2,
                accounts_updated: 1,
                accounts_reassigned: 1,
                ..SyncSummary::default()
            },
            "Sent: 0 applied, 2 rejected. Received: 1 account updated, 1 account reassigned.",
        );
    }

    fn progress(stage: SyncStage, counts: [u64; 4]) -> SyncProgressView {
        SyncProgressView {
            stage,
            commands_sent: counts[0],
            commands_total: counts[1],
            changes_received: counts[2],
            changes_remaining: counts[3],
            summary: None,
            error: None,
        }
    }

    #[test]
    fn progress_reads_as_words_and_a_fraction() {
        fn check(view: SyncProgressView, words: &str, fraction: Option<(u64, u64)>) {
            assert_eq!(progress_text(&view), words);
            assert_eq!(progress_fraction(&view), fraction);
        }
        //     stage                  sent total received remaining
        check(
            progress(SyncStage::Connecting, [0, 0, 0, 0]),
            "Connecting to head office…",
            None,
        );
        check(
            progress(SyncStage::Uploading, [120, 340, 0, 0]),
            "Sending 120 of 340 records",
            Some((120, 340)),
        );
        check(
            progress(SyncStage::Uploading, [0, 1, 0, 0]),
            "Sending 0 of 1 record",
            Some((0, 1)),
        );
        check(
            progress(SyncStage::Downloading, [3, 3, 0, 0]),
            "Fetching changes…",
            None,
        );
        check(
            progress(SyncStage::Downloading, [3, 3, 200, 1_800]),
            "Fetching changes: 200 received, 1,800 to come",
            Some((200, 2_000)),
        );
    }
}
