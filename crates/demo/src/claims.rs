//! A few accounts further along: a possession claim issued on a served notice, and the hearing
//! about six weeks later that made a suspended possession order on terms (SOT). The terms (the
//! rent plus a weekly sum towards the arrears) are the account's court-ordered arrangement, and
//! whether they were kept follows from the ledger, as an informal arrangement's does: a broken
//! order puts "Request a warrant" on the worklist.
//!
//! About one in four accounts whose latest notice was usable and still unpaid gets a claim, and
//! only where the hearing is already past, so every record describes something that happened.
//! Claims draw from their own ChaCha stream per account (`CLAIM_STREAM_FIRST + index`).

use chrono::{Days, NaiveDate};
use doorstep_domain::arrangement::{
    Arrangement, ArrangementKind, ArrangementTerms, InstalmentFrequency,
};
use doorstep_domain::claim::arrears_schedule;
use doorstep_domain::court::HearingOutcome;
use doorstep_domain::legal::{court_fee, CourtFeeKind};
use doorstep_domain::money::format_money;
use doorstep_domain::rent_schedule::{daily_rate, RentFrequency};
use doorstep_domain::tenancy::RentAccount;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::notices::DemoNotice;
use crate::work::{
    choose_instalment, days_after, days_before, diary_entry, instalments_through, long_date,
    AccountFacts, DemoDiaryEntry,
};

/// Account `n`'s claim is stream `CLAIM_STREAM_FIRST + n`, clear of the work and evidence
/// streams.
pub(crate) const CLAIM_STREAM_FIRST: u64 = 3 << 32;
/// A court warning letter, the claim issued and the hearing's outcome.
pub(crate) const CLAIM_DIARY_ENTRIES_MAX: usize = 3;

/// County courts list a possession hearing five to seven weeks after issue.
const HEARING_DELAY_DAYS_MIN: u64 = 35;
const HEARING_DELAY_DAYS_MAX: u64 = 49;

/// The court-ordered terms are checked to the day: the order says "on or before".
const ORDER_TOLERANCE_DAYS: u32 = 0;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoClaim {
    /// The notice relied on: an index into `AccountWork::notices`.
    pub notice_index: usize,
    pub issued_on: NaiveDate,
    /// As the court numbers it: "K1QZ" and four digits.
    pub claim_number: String,
    /// "County Court at Leeds", by the property's postcode area.
    pub court: String,
    /// The ledger's arrears schedule's closing balance on the issue date.
    pub amount_due: Decimal,
    pub daily_rate: Decimal,
    pub fee: Decimal,
    pub hearing: DemoHearing,
}

/// The hearing and the order it made; its terms are `AccountWork::arrangement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoHearing {
    pub hearing_on: NaiveDate,
    /// The outcome code: "SOT".
    pub outcome: String,
    pub note: String,
}

pub(crate) struct PlannedClaim {
    pub(crate) claim: DemoClaim,
    pub(crate) order_terms: ArrangementTerms,
    pub(crate) diary: Vec<DemoDiaryEntry>,
}

impl PlannedClaim {
    /// Ladder steps the weekly reviews took after the claim was issued, which the officer would
    /// not have taken with proceedings under way.
    pub(crate) fn supersedes(&self, entry: &DemoDiaryEntry) -> bool {
        matches!(entry.code.as_str(), "court_warning" | "court")
            && entry.happened_on > self.claim.issued_on
    }
}

/// A claim on the latest notice, for about one account in four that qualifies, or for this
/// one if `first_wanted` (no earlier account in the patch has a claim, and a patch should show
/// at least one).
pub(crate) fn plan_claim(
    rng: &mut ChaCha8Rng,
    account: &RentAccount,
    facts: &AccountFacts,
    notices: &[DemoNotice],
    diary: &[DemoDiaryEntry],
    first_wanted: bool,
    today: NaiveDate,
) -> Option<PlannedClaim> {
    let wanted = rng.gen_bool(0.25) || first_wanted;
    let issue_fraction = rng.gen_range(0.0..1.0);
    let warning_before_days = rng.gen_range(14..=28);
    let hearing_delay_days = rng.gen_range(HEARING_DELAY_DAYS_MIN..=HEARING_DELAY_DAYS_MAX);
    let claim_digits = rng.gen_range(0..10_000);
    let want_kept = rng.gen_bool(0.5);
    let notice_index = notices.len().checked_sub(1)?;
    let notice = &notices[notice_index];
    // Issued at any time in the notice's life that leaves the hearing in the past: officers
    // issue weeks or months after a notice, as other work allows.
    let issued_earliest = days_after(notice.proceedings_from, 14);
    let issued_latest = notice
        .expires_on
        .min(days_before(today, HEARING_DELAY_DAYS_MAX + 1));
    if !wanted || issued_latest < issued_earliest {
        return None;
    }
    let span_days = (issued_latest - issued_earliest).num_days() as f64;
    // Truncated towards zero, so the issue date stays within the span.
    let issued_on = days_after(issued_earliest, (span_days * issue_fraction) as u64);
    let warning_on = days_before(issued_on, warning_before_days).max(notice.proceedings_from);
    let hearing_on = days_after(issued_on, hearing_delay_days);
    let weekly_rent = account.schedule.weekly_equivalent_on(issued_on)?;
    let still_unpaid = facts.balance_on(issued_on) >= weekly_rent * Decimal::from(2);
    if !still_unpaid {
        return None;
    }
    debug_assert!(issued_on <= notice.expires_on && hearing_on < today);
    let order_terms = order_terms(rng, account, facts, hearing_on, want_kept, today)?;
    let fee = court_fee(CourtFeeKind::PossessionClaimPaper, issued_on).ok()?;
    let claim_number = format!("K1QZ{claim_digits:04}");
    let court = court_for(&account.postcode);
    let outcome = HearingOutcome::SuspendedOnTerms;
    let terms_words = format!(
        "rent plus {} {} towards arrears of {}, from {}",
        format_money(order_terms.instalment),
        order_terms.frequency.per_period(),
        format_money(order_terms.starting_balance),
        long_date(order_terms.first_instalment_on)
    );
    let mut entries = Vec::new();
    let warned = diary.iter().any(|entry| {
        entry.code == "court_warning"
            && entry.happened_on >= notice.served_on
            && entry.happened_on <= issued_on
    });
    if !warned {
        entries.push(diary_entry(
            warning_on,
            "court_warning",
            format!(
                "Court warning letter sent: arrears of {}; we will apply to court unless the \
                 tenant contacts us.",
                format_money(facts.balance_on(warning_on))
            ),
        ));
    }
    entries.push(diary_entry(
        issued_on,
        "claim_issued",
        format!("Possession claim {claim_number} issued at {court}"),
    ));
    entries.push(diary_entry(
        hearing_on,
        "hearing_outcome",
        format!("{} ({}) — {terms_words}", outcome.label(), outcome.code()),
    ));
    Some(PlannedClaim {
        claim: DemoClaim {
            notice_index,
            issued_on,
            claim_number,
            court,
            amount_due: arrears_schedule(facts.entries, issued_on).closing_balance,
            daily_rate: daily_rate(weekly_rent),
            fee,
            hearing: DemoHearing {
                hearing_on,
                outcome: outcome.code().to_string(),
                note: format!("Possession suspended on terms: {terms_words}."),
            },
        },
        order_terms,
        diary: entries,
    })
}

/// The order's terms: the current rent plus a sum each rent period towards the arrears, from a
/// week after the hearing. Kept or broken follows from what the tenant has paid since, about
/// half each way where the payments allow.
fn order_terms(
    rng: &mut ChaCha8Rng,
    account: &RentAccount,
    facts: &AccountFacts,
    hearing_on: NaiveDate,
    want_kept: bool,
    today: NaiveDate,
) -> Option<ArrangementTerms> {
    let starting_balance = facts.balance_on(hearing_on);
    if starting_balance <= Decimal::ZERO {
        return None;
    }
    let frequency = match account.schedule.frequency {
        RentFrequency::Monthly => InstalmentFrequency::Monthly,
        _ => InstalmentFrequency::Weekly,
    };
    let first_instalment_on = hearing_on.checked_add_days(Days::new(7))?;
    let instalments_due = instalments_through(frequency, first_instalment_on, today);
    let instalment = choose_instalment(
        rng,
        want_kept,
        starting_balance,
        facts.balance_on(today),
        instalments_due,
    );
    let terms = ArrangementTerms {
        kind: ArrangementKind::CourtOrdered,
        frequency,
        instalment,
        first_instalment_on,
        initial_payment: None,
        starting_balance,
        agreed_on: hearing_on,
        tolerance_days: ORDER_TOLERANCE_DAYS,
    };
    // Terms the app would refuse are no order at all.
    Arrangement::new(terms.clone()).ok()?;
    Some(terms)
}

/// The county court hearing claims for the property's postcode area.
fn court_for(postcode: &str) -> String {
    let area: String = postcode
        .chars()
        .take_while(|character| character.is_ascii_alphabetic())
        .collect();
    let town = match area.as_str() {
        "BD" => "Bradford",
        "WF" => "Wakefield",
        "HX" => "Halifax",
        _ => "Leeds",
    };
    format!("County Court at {town}")
}
