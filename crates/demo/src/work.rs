//! The officer's past work on each account: the action diary, at most one repayment arrangement,
//! and the holds in force, so a demo worklist looks like a real patch rather than every account
//! at "Letter 1".
//!
//! The ladder history is not invented step by step: the officer is simulated reviewing the
//! account once a week over the last months, asking `doorstep_domain::worklist::next_action`
//! with the default policy what is due, and taking the step or not (officers are busy; a notice
//! is served on the worst few only). So every step in a diary is one the policy allowed on the
//! day it was taken, against the balance the ledger shows for that day, and the worklist today
//! follows from the same rules the app applies. The ledger is only read, never changed: the
//! arrangement's instalment is chosen to fit what the tenant actually paid, kept or not.
//!
//! Work draws from its own ChaCha stream per account (`WORK_STREAM_FIRST + index`), so adding
//! or changing it never changes a ledger.

use chrono::{Days, Months, NaiveDate};
use doorstep_domain::arrangement::{
    check_arrangement, Arrangement, ArrangementKind, ArrangementTerms, InstalmentFrequency,
    ARRANGEMENT_TOLERANCE_DAYS_DEFAULT,
};
use doorstep_domain::benefits::{expected_credits, true_arrears, BenefitAward};
use doorstep_domain::escalation::EscalationPolicy;
use doorstep_domain::ledger::Entry;
use doorstep_domain::money::format_money;
use doorstep_domain::rent_schedule::RentFrequency;
use doorstep_domain::tenancy::RentAccount;
use doorstep_domain::worklist::{
    next_action, AccountSituation, Pause, PauseReason, StepTaken, WorklistAction,
};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::claims::{self, DemoClaim};
use crate::notices::{self, DemoNotice};
use crate::protocol_evidence;

/// Account `n`'s work is stream `WORK_STREAM_FIRST + n`, clear of the patch (0) and the ledgers
/// (1 to `DEMO_ACCOUNTS_MAX`).
pub(crate) const WORK_STREAM_FIRST: u64 = 1 << 32;

/// The officer's weekly reviews go back this far: a year and a quarter shows an account's
/// earlier trips up the ladder without making every diary long.
pub(crate) const WORK_HISTORY_MONTHS: u32 = 15;
/// 15 months are at most 66 weeks.
const REVIEWS_MAX: usize = 70;
/// A review adds at most a step and its follow-up call, or one contact; arrangements and holds
/// add a few more; then the protocol evidence and a claim's entries.
pub const DEMO_DIARY_ENTRIES_MAX: usize = 2 * REVIEWS_MAX
    + 8
    + crate::protocol_evidence::EVIDENCE_ENTRIES_MAX
    + crate::claims::CLAIM_DIARY_ENTRIES_MAX;

/// The app reads benefit credits from 13 weeks of entries.
const BENEFIT_WINDOW_DAYS: u64 = 91;

/// Below this there is nothing an officer would write to a tenant about (the default policy's
/// Letter 1 threshold).
pub(crate) fn arrears_worth_work() -> Decimal {
    Decimal::from(10)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountWork {
    /// Oldest first. Codes: policy step codes "reminder", "letter_1", "letter_2", "notice",
    /// "court_warning", "court"; contact codes "phone_call", "home_visit", "text_message",
    /// "promise_to_pay", "money_advice_referral", "benefit_advice", "note"; protocol evidence
    /// "rent_statement", "vulnerability_considered"; court work "claim_issued",
    /// "hearing_outcome".
    pub diary: Vec<DemoDiaryEntry>,
    /// At most one, agreed in the past (informal) or ordered at a hearing (court-ordered); its
    /// starting balance is the ledger's balance at the end of the agreed date, so the breach
    /// check against today's balance is meaningful. The terms pass `Arrangement::new`.
    pub arrangement: Option<ArrangementTerms>,
    /// Holds in force today: a pause, a court date or Breathing Space.
    pub holds: Vec<DemoHold>,
    /// One for each "notice" step in the diary that the legal module accepts, oldest first.
    #[serde(default)]
    pub notices: Vec<DemoNotice>,
    /// At most one, on the latest notice, its hearing past; the order's terms are
    /// `arrangement`, a court-ordered one.
    #[serde(default)]
    pub claims: Vec<DemoClaim>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoDiaryEntry {
    pub happened_on: NaiveDate,
    pub code: String,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DemoHoldKind {
    Pause,
    CourtDate,
    EvictionDate,
    BreathingSpace,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoHold {
    pub kind: DemoHoldKind,
    /// Some for a pause, None otherwise.
    pub pause_reason: Option<PauseReason>,
    /// The last day the hold applies: the pause's last day, the hearing or eviction date, the
    /// last day of Breathing Space.
    pub until: NaiveDate,
    pub note: String,
}

/// The ledger as a balance by date, and the benefit awards that make some of it technical.
pub(crate) struct AccountFacts<'a> {
    pub(crate) entries: &'a [Entry],
    awards: &'a [BenefitAward],
    /// `balance_after[i]` is the balance after entry `i`.
    balance_after: Vec<Decimal>,
    pub(crate) ledger_start: NaiveDate,
}

impl<'a> AccountFacts<'a> {
    fn new(account: &'a RentAccount) -> AccountFacts<'a> {
        let mut running = Decimal::ZERO;
        let balance_after = account
            .entries
            .iter()
            .map(|entry| {
                running += entry.amount;
                running
            })
            .collect();
        AccountFacts {
            entries: &account.entries,
            awards: &account.benefit_awards,
            balance_after,
            ledger_start: account
                .entries
                .first()
                .map_or(account.tenancy_start, |entry| entry.posted_on),
        }
    }

    /// How many entries were posted on or before `date` (entries are in posting order).
    pub(crate) fn posted_through(&self, date: NaiveDate) -> usize {
        self.entries
            .partition_point(|entry| entry.posted_on <= date)
    }

    /// The balance at the end of `date`.
    pub(crate) fn balance_on(&self, date: NaiveDate) -> Decimal {
        match self.posted_through(date) {
            0 => Decimal::ZERO,
            count => self.balance_after[count - 1],
        }
    }

    /// True arrears at the end of `date` as the app computes them (benefit paid in arrears is
    /// not debt), from the benefit awards recorded today and the 13 weeks of entries before.
    pub(crate) fn true_arrears_on(&self, date: NaiveDate) -> Decimal {
        let window_start = self.posted_through(days_before(date, BENEFIT_WINDOW_DAYS));
        let window = &self.entries[window_start..self.posted_through(date)];
        true_arrears(
            self.balance_on(date),
            &expected_credits(self.awards, window, date),
        )
    }
}

pub(crate) fn days_after(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(date)
}

pub(crate) fn days_before(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days)).unwrap_or(date)
}

pub(crate) fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

pub(crate) fn diary_entry(happened_on: NaiveDate, code: &str, note: String) -> DemoDiaryEntry {
    DemoDiaryEntry {
        happened_on,
        code: code.to_string(),
        note,
    }
}

/// A hold decided before the reviews, with the day it was set, so the simulated officer
/// respects it from then on.
struct PlannedHold {
    hold: DemoHold,
    set_on: NaiveDate,
    diary: Vec<DemoDiaryEntry>,
}

/// An arrangement decided before the reviews, with the diary entry that records it.
struct PlannedArrangement {
    arrangement: Arrangement,
    diary: DemoDiaryEntry,
}

/// One account's random streams: the weekly reviews, the protocol evidence and the claim each
/// draw from their own, so changing one never changes what the others drew.
pub(crate) struct WorkStreams {
    pub(crate) reviews: ChaCha8Rng,
    pub(crate) evidence: ChaCha8Rng,
    pub(crate) claim: ChaCha8Rng,
}

/// The officer's work on one account, from the account's own streams.
pub(crate) fn account_work(
    streams: &mut WorkStreams,
    account: &RentAccount,
    policy: &EscalationPolicy,
    claim_first_wanted: bool,
    today: NaiveDate,
) -> AccountWork {
    let rng = &mut streams.reviews;
    let facts = AccountFacts::new(account);
    let arrears = facts.true_arrears_on(today);
    let in_arrears = arrears >= arrears_worth_work();
    let weekly_charge = account
        .schedule
        .weekly_equivalent_on(today)
        .unwrap_or(Decimal::ZERO);
    // Officers arrange with those furthest behind first; about 12% of accounts in arrears
    // overall.
    let arrangement_probability = if arrears >= weekly_charge * Decimal::from(4) {
        0.3
    } else {
        0.08
    };
    let planned_hold = if in_arrears {
        plan_hold(rng, &facts, today)
    } else {
        None
    };
    let planned_arrangement = if in_arrears && rng.gen_bool(arrangement_probability) {
        plan_arrangement(rng, account, &facts, today)
    } else {
        None
    };
    let mut diary = review_history(
        rng,
        account,
        &facts,
        policy,
        planned_arrangement.as_ref(),
        planned_hold.as_ref(),
        today,
    );
    let mut holds = Vec::new();
    if let Some(planned) = planned_hold {
        diary.extend(planned.diary);
        holds.push(planned.hold);
    } else if let Some((hold, entry)) = court_date_after_application(rng, &diary, today) {
        diary.push(entry);
        holds.push(hold);
    }
    let mut arrangement = planned_arrangement.map(|planned| {
        diary.push(planned.diary);
        planned.arrangement.terms().clone()
    });
    let evidence =
        protocol_evidence::protocol_evidence(&mut streams.evidence, account, &facts, &diary, today);
    diary.extend(evidence);
    let notices = notices::notices_served(account, &facts, &diary);
    let mut claims = Vec::new();
    // An account paused, in Breathing Space, awaiting a listed hearing or keeping an informal
    // arrangement is not one an officer takes to court.
    if arrangement.is_none() && holds.is_empty() {
        if let Some(planned) = claims::plan_claim(
            &mut streams.claim,
            account,
            &facts,
            &notices,
            &diary,
            claim_first_wanted,
            today,
        ) {
            diary.retain(|entry| !planned.supersedes(entry));
            diary.extend(planned.diary);
            arrangement = Some(planned.order_terms);
            claims.push(planned.claim);
        }
    }
    // Stable: on one day, a step stays before the call that followed it up.
    diary.sort_by_key(|entry| entry.happened_on);
    assert!(diary.len() <= DEMO_DIARY_ENTRIES_MAX);
    assert!(diary.iter().all(|entry| entry.happened_on <= today));
    AccountWork {
        diary,
        arrangement,
        holds,
        notices,
        claims,
    }
}

/// The weekly review dates: the officer's patch day, from `WORK_HISTORY_MONTHS` ago (or four
/// weeks into the ledger) until before today.
fn review_dates(rng: &mut ChaCha8Rng, facts: &AccountFacts, today: NaiveDate) -> Vec<NaiveDate> {
    let history_start = today
        .checked_sub_months(Months::new(WORK_HISTORY_MONTHS))
        .unwrap_or(today)
        .max(days_after(facts.ledger_start, 28));
    let first = days_after(history_start, rng.gen_range(0..7));
    (0..REVIEWS_MAX as u64)
        .map(|week| days_after(first, 7 * week))
        .take_while(|date| *date < today)
        .collect()
}

/// The situation on a past review day as the app would have seen it then.
fn situation_on(
    account: &RentAccount,
    facts: &AccountFacts,
    planned_arrangement: Option<&PlannedArrangement>,
    planned_hold: Option<&PlannedHold>,
    last_step: Option<&StepTaken>,
    date: NaiveDate,
) -> AccountSituation {
    let balance = facts.balance_on(date);
    let arrangement = planned_arrangement
        .filter(|planned| planned.arrangement.terms().agreed_on <= date)
        .map(|planned| check_arrangement(&planned.arrangement, balance, date));
    let hold = planned_hold
        .filter(|planned| planned.set_on <= date)
        .map(|planned| &planned.hold);
    let until_of = |kind: DemoHoldKind| hold.filter(|hold| hold.kind == kind).map(|h| h.until);
    AccountSituation {
        balance,
        true_arrears: facts.true_arrears_on(date),
        weekly_charge: account
            .schedule
            .weekly_equivalent_on(date)
            .unwrap_or(Decimal::ZERO),
        last_step: last_step.cloned(),
        arrangement,
        court_date: until_of(DemoHoldKind::CourtDate),
        eviction_date: until_of(DemoHoldKind::EvictionDate),
        breathing_space_ends: until_of(DemoHoldKind::BreathingSpace),
        pause: hold.and_then(|hold| {
            Some(Pause {
                reason: hold.pause_reason?,
                until: hold.until,
                note: hold.note.clone(),
            })
        }),
        payment_returned: None,
        court: Default::default(),
        benefit_follow_up: None,
        flags: Default::default(),
        third_party_shortfall: None,
        referral_follow_up: None,
    }
}

/// The simulated weekly reviews: each week the officer asks the worklist what is due and takes
/// the step or not, and now and then phones, visits or texts a tenant in arrears.
fn review_history(
    rng: &mut ChaCha8Rng,
    account: &RentAccount,
    facts: &AccountFacts,
    policy: &EscalationPolicy,
    planned_arrangement: Option<&PlannedArrangement>,
    planned_hold: Option<&PlannedHold>,
    today: NaiveDate,
) -> Vec<DemoDiaryEntry> {
    let mut diary = Vec::new();
    let mut last_step: Option<StepTaken> = None;
    let step_code_max = step_code_max(rng);
    let step_index_max = policy
        .steps
        .iter()
        .position(|step| step.code == step_code_max)
        .unwrap_or(policy.steps.len());
    for date in review_dates(rng, facts, today) {
        let situation = situation_on(
            account,
            facts,
            planned_arrangement,
            planned_hold,
            last_step.as_ref(),
            date,
        );
        let verdict = next_action(&situation, policy, date);
        match verdict.action {
            WorklistAction::Step { code, .. } => {
                let within_reach = policy
                    .steps
                    .iter()
                    .position(|step| step.code == code)
                    .is_some_and(|index| index <= step_index_max);
                if within_reach && rng.gen_bool(step_taken_probability(&code, &situation)) {
                    diary.push(diary_entry(date, &code, step_note(&code, &situation)));
                    if rng.gen_bool(0.35) {
                        let follow_up_on = days_after(date, rng.gen_range(2..=6));
                        if follow_up_on < today {
                            diary.push(contact(rng, follow_up_on, &situation));
                        }
                    }
                    last_step = Some(StepTaken {
                        code,
                        taken_on: date,
                    });
                } else if rng.gen_bool(0.15) {
                    diary.push(contact(rng, date, &situation));
                }
            }
            WorklistAction::ArrangementBroken if rng.gen_bool(0.3) => {
                diary.push(diary_entry(
                    date,
                    "phone_call",
                    "Called about the missed arrangement payment: tenant will catch up this week."
                        .to_string(),
                ));
            }
            WorklistAction::Nothing => {}
            _ => {
                if situation.true_arrears >= arrears_worth_work() && rng.gen_bool(0.05) {
                    diary.push(contact(rng, date, &situation));
                }
            }
        }
    }
    diary
}

/// How far up the ladder the officer will take this account, decided once: a notice of seeking
/// possession is a decision about a household, not a weekly coin toss, so most accounts stop at
/// the letters (and the worklist keeps saying the notice is due), and very few go to court.
fn step_code_max(rng: &mut ChaCha8Rng) -> &'static str {
    match rng.gen_range(0..100) {
        0..=79 => "letter_2",
        80..=93 => "notice",
        _ => "court",
    }
}

/// How likely the officer is to take a due step at a weekly review. Letters go out within a
/// week or two; a notice of seeking possession is served on the worst arrears only, and court
/// action follows slowly, as in a real patch where most accounts in arrears pay before then.
fn step_taken_probability(code: &str, situation: &AccountSituation) -> f64 {
    let weeks = if situation.weekly_charge > Decimal::ZERO {
        (situation.true_arrears / situation.weekly_charge)
            .to_f64()
            .unwrap_or(0.0)
    } else {
        0.0
    };
    match code {
        "reminder" => 0.3,
        "letter_1" if weeks < 1.0 => 0.5,
        "letter_1" => 0.75,
        "letter_2" => 0.7,
        "notice" if weeks >= 8.0 => 0.1,
        "notice" if weeks >= 6.0 => 0.03,
        "notice" => 0.005,
        "court_warning" => 0.2,
        "court" => 0.2,
        _ => 0.0,
    }
}

fn step_note(code: &str, situation: &AccountSituation) -> String {
    let owed = format_money(situation.true_arrears);
    match code {
        "reminder" => format!("Reminder sent by text: {owed} owing."),
        "letter_1" => format!("Letter 1 sent: arrears of {owed}."),
        "letter_2" => format!("Letter 2 sent: arrears of {owed}; asked the tenant to call us."),
        "notice" => format!("Notice of seeking possession served by hand: arrears of {owed}."),
        "court_warning" => format!("Court warning letter sent: arrears of {owed}."),
        "court" => format!("Applied to the county court for a possession hearing: {owed}."),
        other => format!("{other}: arrears of {owed}."),
    }
}

/// One contact with the tenant, or a note about one: the everyday work between letters.
fn contact(rng: &mut ChaCha8Rng, date: NaiveDate, situation: &AccountSituation) -> DemoDiaryEntry {
    const PHONE: [&str; 5] = [
        "Called the tenant: no answer; left a voicemail asking them to call back.",
        "Spoke to the tenant: wages were late this month; will pay next week.",
        "Spoke to the tenant about the balance; they will set up a Direct Debit.",
        "Called: number not in service. Sent a text to the other number on file.",
        "Spoke to the tenant: Universal Credit payment was short; will pay the difference.",
    ];
    const VISIT: [&str; 3] = [
        "Home visit: no answer; calling card left.",
        "Home visit: spoke to the tenant at the door about the arrears; left an income and expenditure form.",
        "Home visit: tenant not in; will try again in the evening.",
    ];
    const TEXT: [&str; 2] = [
        "Text sent: please call us about your rent account.",
        "Text sent: a reminder that rent is due on Monday.",
    ];
    const NOTE: [&str; 3] = [
        "Tenant called in at the office for a rent statement.",
        "Checked the Universal Credit claim: housing costs are included.",
        "Email from the tenant: will pay the balance from their next wages.",
    ];
    const BENEFIT: [&str; 2] = [
        "Advised the tenant to apply for a Discretionary Housing Payment.",
        "Helped the tenant report a change of circumstances to Universal Credit.",
    ];
    fn pick(rng: &mut ChaCha8Rng, notes: &[&'static str]) -> &'static str {
        notes[rng.gen_range(0..notes.len())]
    }
    let (code, note) = match rng.gen_range(0..100) {
        0..=39 => ("phone_call", pick(rng, &PHONE).to_string()),
        40..=54 => ("home_visit", pick(rng, &VISIT).to_string()),
        55..=74 => ("text_message", pick(rng, &TEXT).to_string()),
        75..=86 => ("note", pick(rng, &NOTE).to_string()),
        87..=91 => {
            let by = days_after(date, rng.gen_range(3..=10));
            let amount = (situation.true_arrears / Decimal::from(2))
                .floor()
                .max(Decimal::from(10));
            let note = format!(
                "Tenant promised to pay {} by {}.",
                format_money(amount),
                long_date(by)
            );
            ("promise_to_pay", note)
        }
        92..=95 => (
            "money_advice_referral",
            "Referred to the money advice team, with the tenant's consent.".to_string(),
        ),
        _ => ("benefit_advice", pick(rng, &BENEFIT).to_string()),
    };
    diary_entry(date, code, note)
}

/// About 3% of accounts in arrears are paused for a promise of payment or a delayed benefit,
/// set in the last week for the next two or three; fewer are in Breathing Space.
fn plan_hold(rng: &mut ChaCha8Rng, facts: &AccountFacts, today: NaiveDate) -> Option<PlannedHold> {
    match rng.gen_range(0..1000) {
        0..=29 => Some(plan_pause(rng, facts, today)),
        30..=35 => Some(plan_breathing_space(rng, today)),
        _ => None,
    }
}

fn plan_pause(rng: &mut ChaCha8Rng, facts: &AccountFacts, today: NaiveDate) -> PlannedHold {
    let set_on = days_before(today, rng.gen_range(0..=6));
    let until = days_after(today, rng.gen_range(14..=21));
    let (reason, code, note) = if rng.gen_bool(0.65) {
        let amount = facts.balance_on(today).floor().max(Decimal::from(10));
        (
            PauseReason::PromiseOfPayment,
            "promise_to_pay",
            format!(
                "Tenant promised to clear {} by {}.",
                format_money(amount),
                long_date(until)
            ),
        )
    } else {
        (
            PauseReason::DelayedBenefit,
            "benefit_advice",
            "Universal Credit housing costs delayed by a change of circumstances; paused until the DWP pays.".to_string(),
        )
    };
    PlannedHold {
        hold: DemoHold {
            kind: DemoHoldKind::Pause,
            pause_reason: Some(reason),
            until,
            note: note.clone(),
        },
        set_on,
        diary: vec![diary_entry(set_on, code, note)],
    }
}

/// Breathing Space (the Debt Respite Scheme) lasts 60 days from the day it starts.
fn plan_breathing_space(rng: &mut ChaCha8Rng, today: NaiveDate) -> PlannedHold {
    let set_on = days_before(today, rng.gen_range(5..=45));
    let until = days_after(set_on, 59);
    let referred_on = days_before(set_on, rng.gen_range(3..=10));
    let note = format!(
        "Breathing Space: no enforcement action until {}.",
        long_date(until)
    );
    PlannedHold {
        hold: DemoHold {
            kind: DemoHoldKind::BreathingSpace,
            pause_reason: None,
            until,
            note: note.clone(),
        },
        set_on,
        diary: vec![
            diary_entry(
                referred_on,
                "money_advice_referral",
                "Referred to a debt adviser, with the tenant's consent.".to_string(),
            ),
            diary_entry(
                set_on,
                "note",
                format!("Breathing Space notice received. {note}"),
            ),
        ],
    }
}

/// After an application for a court date, the court lists a hearing a few weeks ahead; an older
/// application stands for a hearing adjourned and listed again.
fn court_date_after_application(
    rng: &mut ChaCha8Rng,
    diary: &[DemoDiaryEntry],
    today: NaiveDate,
) -> Option<(DemoHold, DemoDiaryEntry)> {
    let applied_on = diary
        .iter()
        .filter(|entry| entry.code == "court")
        .map(|entry| entry.happened_on)
        .max()?;
    let days_since = (today - applied_on).num_days();
    if days_since < 7 || !rng.gen_bool(0.85) {
        return None;
    }
    let listed_on = days_after(applied_on, rng.gen_range(7..=13));
    let hearing_on = days_after(today, rng.gen_range(21..=56));
    let note = format!("Possession hearing listed for {}.", long_date(hearing_on));
    let hold = DemoHold {
        kind: DemoHoldKind::CourtDate,
        pause_reason: None,
        until: hearing_on,
        note: note.clone(),
    };
    Some((hold, diary_entry(listed_on, "note", note)))
}

/// About 12% of accounts in arrears have an arrangement agreed 3 to 20 weeks ago. Whether it is
/// kept follows from the ledger: the instalment is chosen below or above what the tenant has
/// actually paid off per instalment since, about half each way.
fn plan_arrangement(
    rng: &mut ChaCha8Rng,
    account: &RentAccount,
    facts: &AccountFacts,
    today: NaiveDate,
) -> Option<PlannedArrangement> {
    let want_kept = rng.gen_bool(0.6);
    let agreed_on = agreed_date(rng, facts, want_kept, today)?;
    let starting_balance = facts.balance_on(agreed_on);
    if starting_balance < Decimal::from(20) {
        return None;
    }
    let frequency = match account.schedule.frequency {
        RentFrequency::Monthly => InstalmentFrequency::Monthly,
        _ if rng.gen_bool(0.15) => InstalmentFrequency::Fortnightly,
        _ => InstalmentFrequency::Weekly,
    };
    let first_instalment_on = days_after(agreed_on, rng.gen_range(0..=7));
    let counted_through = days_before(today, u64::from(ARRANGEMENT_TOLERANCE_DAYS_DEFAULT));
    let instalments_due = instalments_through(frequency, first_instalment_on, counted_through);
    let instalment = choose_instalment(
        rng,
        want_kept,
        starting_balance,
        facts.balance_on(today),
        instalments_due,
    );
    let terms = ArrangementTerms {
        kind: ArrangementKind::Informal,
        frequency,
        instalment,
        first_instalment_on,
        initial_payment: None,
        starting_balance,
        agreed_on,
        tolerance_days: ARRANGEMENT_TOLERANCE_DAYS_DEFAULT,
    };
    let note = format!(
        "Agreed an arrangement: rent plus {} {} towards arrears of {}, from {}.",
        format_money(instalment),
        frequency.per_period(),
        format_money(starting_balance),
        long_date(first_instalment_on)
    );
    let code = if rng.gen_bool(0.5) {
        "phone_call"
    } else {
        "home_visit"
    };
    let arrangement = Arrangement::new(terms)
        .expect("positive whole-pound instalment, positive balance, instalments after agreeing");
    Some(PlannedArrangement {
        arrangement,
        diary: diary_entry(agreed_on, code, note),
    })
}

/// 3 to 20 weeks ago. A kept arrangement is typically agreed when the arrears peaked (the
/// officer called because they had), so for one the highest balance of a few candidate days
/// is taken; a broken one is agreed on any day.
fn agreed_date(
    rng: &mut ChaCha8Rng,
    facts: &AccountFacts,
    want_kept: bool,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let candidates_count = if want_kept { 6 } else { 1 };
    let earliest = days_after(facts.ledger_start, 28);
    (0..candidates_count)
        .map(|_| days_before(today, 7 * rng.gen_range(3..=20) + rng.gen_range(0..=4)))
        .filter(|date| *date >= earliest)
        .max_by_key(|date| facts.balance_on(*date))
}

/// Instalments due on or before `through`; bounded by the 20 weeks an arrangement can be old.
pub(crate) fn instalments_through(
    frequency: InstalmentFrequency,
    first_instalment_on: NaiveDate,
    through: NaiveDate,
) -> u32 {
    (0..30u32)
        .map(|index| match frequency {
            InstalmentFrequency::Weekly => days_after(first_instalment_on, 7 * u64::from(index)),
            InstalmentFrequency::Fortnightly => {
                days_after(first_instalment_on, 14 * u64::from(index))
            }
            _ => first_instalment_on
                .checked_add_months(Months::new(index))
                .unwrap_or(NaiveDate::MAX),
        })
        .take_while(|due_on| *due_on <= through)
        .fold(0, |count, _| count + 1)
}

/// Whole pounds: kept when at most what was paid off per instalment due, broken when more.
pub(crate) fn choose_instalment(
    rng: &mut ChaCha8Rng,
    want_kept: bool,
    starting_balance: Decimal,
    balance_today: Decimal,
    instalments_due: u32,
) -> Decimal {
    let paid_off_per_instalment = if instalments_due == 0 {
        Decimal::ZERO
    } else {
        (starting_balance - balance_today) / Decimal::from(instalments_due)
    };
    let permille = if want_kept && paid_off_per_instalment >= Decimal::from(2) {
        rng.gen_range(500..=950)
    } else {
        rng.gen_range(1_300..=2_000)
    };
    let extra = if permille > 1_000 {
        Decimal::from(rng.gen_range(5..=15))
    } else {
        Decimal::ZERO
    };
    // Rounded down to whole pounds: an officer agrees "£15 a week", and rounding down keeps a
    // kept instalment kept.
    let instalment =
        (paid_off_per_instalment.max(Decimal::ZERO) * Decimal::new(permille, 3) + extra).floor();
    instalment.clamp(Decimal::ONE, starting_balance.floor())
}
