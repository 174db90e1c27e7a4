//! A deterministic synthetic caseload: a realistic patch of rent accounts for demos and tests.
//!
//! Invariants: the same options give a byte-identical caseload on every machine, because the only
//! randomness is `ChaCha8Rng` seeded from `DemoOptions::seed` (never `thread_rng`), and there is
//! no clock (today is an option) and no IO. Every account draws from its own ChaCha stream, so
//! account `n` is the same whether 400 or 2,000 accounts are asked for. Every entry passes
//! `doorstep_domain::ledger::validate_sign`. All people, addresses and references are made up.
//!
//! Each account comes with the officer's past work (`AccountWork`: an action diary, perhaps an
//! arrangement, holds, notices served and a claim), drawn from streams of its own after the
//! ledger is made and only reading it, so that with the default escalation policy the worklist
//! shows a real patch's spread and the presenting officer's court file is not empty: protocol
//! evidence (`protocol_evidence`), a notice for each notice step with the legal module's dates
//! (`notices`), and a few claims to a suspended possession order (`claims`).

mod address;
mod claims;
mod names;
mod notices;
mod payments;
mod protocol_evidence;
mod reference;
mod rent;
mod work;

use chrono::NaiveDate;
use doorstep_domain::escalation::default_policy;
use doorstep_domain::tenancy::{RentAccount, Tenure};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

pub use claims::{DemoClaim, DemoHearing};
pub use notices::{DemoNotice, DemoNoticeService, DEMO_NOTICE_METHOD, DEMO_NOTICE_SERVED_AT};
pub use reference::{
    payment_reference_check_digit, payment_reference_is_valid, PAYMENT_REFERENCE_DIGITS,
};
pub use work::{AccountWork, DemoDiaryEntry, DemoHold, DemoHoldKind, DEMO_DIARY_ENTRIES_MAX};

pub const DEMO_ACCOUNTS_DEFAULT: u32 = 400;
pub const DEMO_ACCOUNTS_MAX: u32 = 20_000;
/// Ledgers begin at most `DemoOptions::ledger_years` before today, with a balance brought
/// forward when the tenancy is older, as after a migration from an older rent system. Three years
/// is what an officer scrolls through; longer histories are for benchmarks.
pub const DEMO_LEDGER_YEARS_DEFAULT: u32 = 3;
/// `generate` clamps `ledger_years` to this: tenancies are at most 15 years old, so a longer
/// window would change nothing, and the rent history is only modelled back to 2011.
pub const DEMO_LEDGER_YEARS_LIMIT: u32 = 15;
/// A ledger needs at least a year for the annual rent increase and the officer's work to show.
pub const DEMO_LEDGER_YEARS_MIN: u32 = 1;

const _: () = assert!(DEMO_LEDGER_YEARS_MIN <= DEMO_LEDGER_YEARS_DEFAULT);
const _: () = assert!(DEMO_LEDGER_YEARS_DEFAULT <= DEMO_LEDGER_YEARS_LIMIT);
const _: () = assert!(DEMO_LEDGER_YEARS_LIMIT as u64 <= rent::TENANCY_AGE_YEARS_MAX);

// Payment references are drawn from a space of 10^7 bodies, about 1 in 11 of which has no valid
// check digit; the caseload must fit with room to spare.
const _: () = assert!(DEMO_ACCOUNTS_MAX as u64 * 2 < reference::PAYMENT_REFERENCE_BODIES_COUNT);
// The ledger streams (1 to DEMO_ACCOUNTS_MAX) end before the work streams begin, and each
// family of work streams before the next.
const _: () = assert!((DEMO_ACCOUNTS_MAX as u64) < work::WORK_STREAM_FIRST);
const _: () = assert!(
    work::WORK_STREAM_FIRST + (DEMO_ACCOUNTS_MAX as u64) < protocol_evidence::EVIDENCE_STREAM_FIRST
);
const _: () = assert!(
    protocol_evidence::EVIDENCE_STREAM_FIRST + (DEMO_ACCOUNTS_MAX as u64)
        < claims::CLAIM_STREAM_FIRST
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoOptions {
    pub seed: u64,
    /// Clamped to `DEMO_ACCOUNTS_MAX` by `generate`.
    pub accounts_count: u32,
    pub today: NaiveDate,
    /// How far back ledgers go, in years; clamped to `DEMO_LEDGER_YEARS_MIN..=
    /// DEMO_LEDGER_YEARS_LIMIT` by `generate`. Options saved before the field existed read as
    /// the default.
    #[serde(default = "ledger_years_default")]
    pub ledger_years: u32,
}

fn ledger_years_default() -> u32 {
    DEMO_LEDGER_YEARS_DEFAULT
}

impl DemoOptions {
    pub fn new(seed: u64, today: NaiveDate) -> DemoOptions {
        DemoOptions {
            seed,
            accounts_count: DEMO_ACCOUNTS_DEFAULT,
            today,
            ledger_years: DEMO_LEDGER_YEARS_DEFAULT,
        }
    }

    /// The same options with ledgers up to `ledger_years` long, for benchmarks:
    /// `DemoOptions::new(seed, today).with_ledger_years(10)`.
    pub fn with_ledger_years(self, ledger_years: u32) -> DemoOptions {
        DemoOptions {
            ledger_years,
            ..self
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoCaseload {
    pub accounts: Vec<RentAccount>,
    /// The officer's past work on each account: same order and length as `accounts`.
    pub work: Vec<AccountWork>,
}

/// The caseload for `options`. Pure and deterministic; 400 accounts take a few milliseconds.
pub fn generate(options: &DemoOptions) -> DemoCaseload {
    let accounts_count = options.accounts_count.min(DEMO_ACCOUNTS_MAX);
    let ledger_years = options
        .ledger_years
        .clamp(DEMO_LEDGER_YEARS_MIN, DEMO_LEDGER_YEARS_LIMIT);
    let patch = address::build_patch(&mut stream_rng(options.seed, 0));
    let mut references = reference::PaymentReferences::new(options.seed);
    let accounts: Vec<RentAccount> = (0..accounts_count)
        .map(|index| {
            let payment_reference = references.next_reference();
            let mut rng = stream_rng(options.seed, u64::from(index) + 1);
            generate_account(
                &mut rng,
                index,
                &patch,
                payment_reference,
                options.today,
                ledger_years,
            )
        })
        .collect();
    let policy = default_policy();
    // In account order, so a smaller caseload's work stays a prefix of a larger one's: the
    // first account that qualifies for a claim gets one if no account before it did.
    let mut work = Vec::with_capacity(accounts.len());
    let mut claim_recorded = false;
    for (index, account) in (0..accounts_count).map(u64::from).zip(&accounts) {
        let mut streams = work::WorkStreams {
            reviews: stream_rng(options.seed, work::WORK_STREAM_FIRST + index),
            evidence: stream_rng(
                options.seed,
                protocol_evidence::EVIDENCE_STREAM_FIRST + index,
            ),
            claim: stream_rng(options.seed, claims::CLAIM_STREAM_FIRST + index),
        };
        let account_work = work::account_work(
            &mut streams,
            account,
            &policy,
            !claim_recorded,
            options.today,
        );
        claim_recorded |= !account_work.claims.is_empty();
        work.push(account_work);
    }
    DemoCaseload { accounts, work }
}

/// Stream 0 is the patch; stream n + 1 is account n's ledger; streams `WORK_STREAM_FIRST` + n,
/// `EVIDENCE_STREAM_FIRST` + n and `CLAIM_STREAM_FIRST` + n are the officer's work on account n,
/// apart so that work never changes a ledger.
fn stream_rng(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

fn generate_account(
    rng: &mut ChaCha8Rng,
    index: u32,
    patch: &address::Patch,
    payment_reference: String,
    today: NaiveDate,
    ledger_years: u32,
) -> RentAccount {
    // Council tenancies (secure) are the larger part of a mixed patch; housing association
    // tenancies (assured) the rest: 60 / 40.
    let tenure = if rng.gen_bool(0.6) {
        Tenure::Secure
    } else {
        Tenure::Assured
    };
    let address = address::address_for(patch, index);
    let plan = rent::plan_rent(rng, today, ledger_years);
    let people = names::people(rng, today);
    let entries = payments::ledger(rng, &plan, today);
    let benefit_awards = payments::benefit_awards(&entries, today);
    RentAccount {
        payment_reference,
        // Distinct for every index below 900,000 because 7,919 is prime and does not divide it.
        tenancy_reference: format!("TEN{:06}", 100_000 + (u64::from(index) * 7_919) % 900_000),
        tenure,
        tenancy_start: plan.tenancy_start,
        address_line_1: address.line_1,
        address_line_2: address.line_2,
        town: address.town,
        postcode: address.postcode,
        people,
        schedule: plan.schedule,
        benefit_awards,
        entries,
    }
}

#[cfg(test)]
mod tests;
