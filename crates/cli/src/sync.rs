//! `doorstep enrol`, `doorstep sync` and `doorstep sync-status`: the reconcile with head office
//! from the command line (support staff, scripts and the end-to-end tests).

use std::fmt::Write as _;

use doorstep_api::{EnrolDeviceRequest, SyncStatusView, SyncSummary};
use doorstep_core::Session;

pub async fn enrol(
    session: &Session,
    server_url: String,
    code: String,
    device_name: String,
    out: &mut String,
) -> anyhow::Result<()> {
    let status = session
        .enrol_device(&EnrolDeviceRequest {
            server_url,
            code,
            device_name,
        })
        .await?;
    if let Some(enrolment) = &status.enrolment {
        writeln!(
            out,
            "Enrolled with head office at {} for {}.",
            enrolment.server_url, enrolment.officer_name
        )?;
        if let Some(fingerprint) = &enrolment.certificate_fingerprint {
            writeln!(
                out,
                "Head office's certificate: {fingerprint}\nCheck it matches what head office printed with your code."
            )?;
        }
    }
    Ok(())
}

pub async fn sync(session: &Session, json: bool, out: &mut String) -> anyhow::Result<()> {
    let summary = session.sync_now().await?;
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&summary)?)?;
        return Ok(());
    }
    write_summary(&summary, out)
}

pub async fn status(session: &Session, json: bool, out: &mut String) -> anyhow::Result<()> {
    let status = session.get_sync_status().await?;
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&status)?)?;
        return Ok(());
    }
    write_status(&status, out)
}

fn write_summary(summary: &SyncSummary, out: &mut String) -> anyhow::Result<()> {
    if summary.erased {
        writeln!(
            out,
            "Head office has revoked this laptop: its store has been locked and erased."
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "Sent: {} applied, {} rejected, {} held for head office.",
        summary.commands_applied, summary.commands_rejected, summary.commands_held
    )?;
    writeln!(
        out,
        "Received: {} accounts new, {} updated, {} ledger entries, {} reassigned.",
        summary.accounts_added,
        summary.accounts_updated,
        summary.entries_added,
        summary.accounts_reassigned
    )?;
    Ok(())
}

fn write_status(status: &SyncStatusView, out: &mut String) -> anyhow::Result<()> {
    match &status.enrolment {
        None => writeln!(out, "Not enrolled with head office.")?,
        Some(enrolment) => writeln!(
            out,
            "Enrolled with {} for {} (device {}).",
            enrolment.server_url, enrolment.officer_name, enrolment.device_id
        )?,
    }
    writeln!(out, "{} waiting to be sent.", status.unsent_count)?;
    for item in &status.needs_attention {
        writeln!(
            out,
            "Needs attention ({}): {} on {} — {}",
            item.outcome,
            item.what,
            item.payment_reference.as_deref().unwrap_or("no account"),
            item.reason
        )?;
    }
    for account in &status.reassigned {
        writeln!(
            out,
            "Reassigned by head office: {} on {}",
            account.payment_reference,
            account.reassigned_at.format("%e %B %Y")
        )?;
    }
    Ok(())
}
