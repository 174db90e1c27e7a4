use std::collections::HashSet;

use chrono::{Months, NaiveDate};
use doorstep_domain::ledger::{balance, validate_sign, EntryKind};
use doorstep_domain::rent_schedule::RentFrequency;
use doorstep_domain::tenancy::{PersonRole, Tenure};
use rust_decimal::Decimal;

use super::*;

mod court_work;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 11, 20).expect("test date")
}

fn caseload(seed: u64, accounts_count: u32) -> DemoCaseload {
    generate(&DemoOptions {
        seed,
        accounts_count,
        today: today(),
        ledger_years: DEMO_LEDGER_YEARS_DEFAULT,
    })
}

#[test]
fn deterministic() {
    let first = caseload(1, 50);
    assert_eq!(first, caseload(1, 50));
    assert_ne!(first, caseload(2, 50));
    // Each account has its own stream, so a smaller caseload is a prefix of a larger one.
    assert_eq!(first.accounts[..], caseload(1, 80).accounts[..50]);
}

#[test]
fn counts() {
    fn check(asked: u32, expected: usize) {
        assert_eq!(caseload(3, asked).accounts.len(), expected, "{asked}");
    }
    check(0, 0);
    check(1, 1);
    check(37, 37);
    assert_eq!(
        DemoOptions::new(9, today()).accounts_count,
        DEMO_ACCOUNTS_DEFAULT
    );
}

#[test]
fn references() {
    fn check(reference: &str, valid: bool) {
        assert_eq!(payment_reference_is_valid(reference), valid, "{reference}");
    }
    // 1,2,3,4,5,6,7,8 weighted 9..2: 9+16+21+24+25+24+21+16 = 156; 156 mod 11 = 2; 11 - 2 = 9.
    check("123456789", true);
    check("123456788", false);
    check("213456789", false); // two digits swapped
    check("12345678", false);
    check("12345678a", false);
    check("", false);
    assert_eq!(payment_reference_check_digit("12345678"), Some(9));

    let accounts = caseload(1, 2_000).accounts;
    let payment_references: HashSet<&str> = accounts
        .iter()
        .map(|account| account.payment_reference.as_str())
        .collect();
    let tenancy_references: HashSet<&str> = accounts
        .iter()
        .map(|account| account.tenancy_reference.as_str())
        .collect();
    let addresses: HashSet<(&str, Option<&str>)> = accounts
        .iter()
        .map(|account| {
            (
                account.address_line_1.as_str(),
                account.address_line_2.as_deref(),
            )
        })
        .collect();
    assert_eq!(payment_references.len(), accounts.len());
    assert_eq!(tenancy_references.len(), accounts.len());
    assert_eq!(addresses.len(), accounts.len());
    assert!(accounts
        .iter()
        .all(|account| payment_reference_is_valid(&account.payment_reference)));
}

#[test]
fn ledgers_are_well_formed() {
    let two_years_ago = today().checked_sub_months(Months::new(24)).expect("date");
    for account in caseload(7, 400).accounts {
        let entries = &account.entries;
        for entry in entries {
            assert_eq!(
                validate_sign(&entry.kind, entry.amount),
                Ok(()),
                "{entry:?}"
            );
            assert!(entry.posted_on <= today(), "{entry:?}");
            assert_eq!(entry.amount.round_dp(2), entry.amount, "{entry:?}");
        }
        assert!(entries
            .windows(2)
            .all(|pair| pair[0].posted_on <= pair[1].posted_on));
        let first = entries.first().expect("a ledger has entries");
        assert!(
            first.posted_on <= two_years_ago,
            "{} starts {}",
            account.payment_reference,
            first.posted_on
        );
        assert!(account.tenancy_start <= two_years_ago);
        let ids: HashSet<_> = entries.iter().map(|entry| entry.id).collect();
        assert_eq!(ids.len(), entries.len());
        for entry in entries {
            if let EntryKind::Reversal { reverses } = entry.kind {
                let original = entries
                    .iter()
                    .find(|other| other.id == reverses)
                    .expect("original present");
                assert_eq!(entry.amount, -original.amount);
            }
        }
        assert_eq!(account.people[0].role, PersonRole::Tenant);
        assert!(account.postcode.contains(' '));
    }
}

#[test]
fn distribution() {
    let accounts = caseload(1, 400).accounts;
    let balances: Vec<Decimal> = accounts
        .iter()
        .map(|account| balance(&account.entries))
        .collect();
    let count = |predicate: &dyn Fn(&RentAccount) -> bool| {
        accounts.iter().filter(|account| predicate(account)).count()
    };
    let has_role = |account: &RentAccount, role: PersonRole| {
        account.people.iter().any(|person| person.role == role)
    };

    assert!(balances
        .iter()
        .any(|balance| *balance > Decimal::from(3_000)));
    assert!(balances.iter().any(|balance| *balance < Decimal::ZERO));
    let within_300 = balances
        .iter()
        .filter(|balance| balance.abs() <= Decimal::from(300))
        .count();
    assert!(
        within_300 * 2 > accounts.len(),
        "most within ±£300: {within_300}"
    );
    assert!(count(&|account| account.tenure == Tenure::Secure) > 0);
    assert!(count(&|account| account.tenure == Tenure::Assured) > 0);
    assert!(count(&|account| account.schedule.frequency == RentFrequency::Monthly) > 0);
    assert!(count(&|account| !account.schedule.rent_free_weeks.is_empty()) > 0);
    assert!(count(&|account| has_role(account, PersonRole::JointTenant)) > 0);
    assert!(count(&|account| has_role(account, PersonRole::Appointee)) > 0);
    assert!(count(&|account| has_role(account, PersonRole::Deputy)) > 0);
    assert!(
        count(&|account| account
            .entries
            .iter()
            .any(|entry| matches!(entry.kind, EntryKind::Reversal { .. })))
            > 0
    );
    let towns: HashSet<&str> = accounts
        .iter()
        .map(|account| account.town.as_str())
        .collect();
    assert!(towns.len() > 1);
}

#[test]
fn ledger_years() {
    fn ledger_starts(ledger_years: u32) -> Vec<NaiveDate> {
        let mut options = DemoOptions::new(5, today()).with_ledger_years(ledger_years);
        options.accounts_count = 200;
        generate(&options)
            .accounts
            .iter()
            .map(|account| account.entries[0].posted_on)
            .collect()
    }
    let years_ago = |years: u32| {
        today()
            .checked_sub_months(Months::new(12 * years))
            .expect("date")
    };
    // The default is three years, and asking for it by name changes nothing.
    assert_eq!(
        generate(&DemoOptions::new(5, today())),
        generate(&DemoOptions::new(5, today()).with_ledger_years(DEMO_LEDGER_YEARS_DEFAULT))
    );
    for (ledger_years, oldest_expected) in [(3, 3), (10, 10), (15, 15), (40, 15), (0, 1)] {
        let starts = ledger_starts(ledger_years);
        // Weekly ledgers open on the Monday of the earliest allowed week: up to 6 days earlier.
        let earliest_allowed = years_ago(oldest_expected) - chrono::Days::new(6);
        assert!(
            starts.iter().all(|start| *start >= earliest_allowed),
            "{ledger_years}"
        );
        let oldest = starts.iter().min().expect("accounts");
        assert!(
            *oldest <= years_ago(oldest_expected.min(14)),
            "{ledger_years}: oldest {oldest}"
        );
    }
}

const STEP_CODES: [&str; 6] = [
    "reminder",
    "letter_1",
    "letter_2",
    "notice",
    "court_warning",
    "court",
];
const CONTACT_CODES: [&str; 7] = [
    "phone_call",
    "home_visit",
    "text_message",
    "promise_to_pay",
    "money_advice_referral",
    "benefit_advice",
    "note",
];
const EVIDENCE_AND_COURT_CODES: [&str; 4] = [
    "rent_statement",
    "vulnerability_considered",
    "claim_issued",
    "hearing_outcome",
];

fn balance_on(account: &RentAccount, date: NaiveDate) -> Decimal {
    account
        .entries
        .iter()
        .filter(|entry| entry.posted_on <= date)
        .map(|entry| entry.amount)
        .sum()
}

/// The account as the worklist sees it today, built from the demo's work the way an app would.
fn situation_today(
    account: &RentAccount,
    work: &AccountWork,
    today: NaiveDate,
) -> doorstep_domain::worklist::AccountSituation {
    use doorstep_domain::arrangement::{check_arrangement, Arrangement};
    use doorstep_domain::worklist::{AccountSituation, Pause, StepTaken};
    let balance = balance(&account.entries);
    let last_step = work
        .diary
        .iter()
        .rev()
        .find(|entry| STEP_CODES.contains(&entry.code.as_str()))
        .map(|entry| StepTaken {
            code: entry.code.clone(),
            taken_on: entry.happened_on,
        });
    let arrangement = work.arrangement.as_ref().map(|terms| {
        let arrangement = Arrangement::new(terms.clone()).expect("demo terms are valid");
        check_arrangement(&arrangement, balance, today)
    });
    let until_of = |kind: DemoHoldKind| {
        work.holds
            .iter()
            .filter(|hold| hold.kind == kind)
            .map(|hold| hold.until)
            .max()
    };
    AccountSituation {
        balance,
        true_arrears: true_arrears_today(account, balance, today),
        weekly_charge: account
            .schedule
            .weekly_equivalent_on(today)
            .unwrap_or(Decimal::ZERO),
        last_step,
        arrangement,
        court_date: until_of(DemoHoldKind::CourtDate),
        eviction_date: until_of(DemoHoldKind::EvictionDate),
        breathing_space_ends: until_of(DemoHoldKind::BreathingSpace),
        pause: work.holds.iter().find_map(|hold| {
            Some(Pause {
                reason: hold.pause_reason?,
                until: hold.until,
                note: hold.note.clone(),
            })
        }),
        payment_returned: None,
        court: court_position(work),
        benefit_follow_up: None,
        flags: Default::default(),
        third_party_shortfall: None,
        referral_follow_up: None,
    }
}

/// As the app's worklist reads the court records: the latest notice's life, a claim on it, and
/// the order the latest hearing made.
fn court_position(work: &AccountWork) -> doorstep_domain::worklist::CourtPosition {
    use doorstep_domain::worklist::{CourtPosition, NoticeLife, PossessionOrder};
    let Some(latest) = work.notices.last() else {
        return CourtPosition::default();
    };
    CourtPosition {
        notice: Some(NoticeLife {
            proceedings_from: latest.proceedings_from,
            expires_on: latest.expires_on,
        }),
        claim_issued: work
            .claims
            .iter()
            .any(|claim| claim.notice_index + 1 == work.notices.len()),
        order: work.claims.last().map(|claim| PossessionOrder::Suspended {
            made_on: claim.hearing.hearing_on,
        }),
        warrant_requested: false,
    }
}

/// As the app computes it: the balance less the benefit already earned but paid in arrears,
/// from the awards and 13 weeks of entries.
fn true_arrears_today(account: &RentAccount, balance: Decimal, today: NaiveDate) -> Decimal {
    use doorstep_domain::benefits::{expected_credits, true_arrears};
    let window_start = today - chrono::Days::new(91);
    let window: Vec<_> = account
        .entries
        .iter()
        .filter(|entry| entry.posted_on > window_start)
        .cloned()
        .collect();
    true_arrears(
        balance,
        &expected_credits(&account.benefit_awards, &window, today),
    )
}

fn check_work_invariants(account: &RentAccount, work: &AccountWork, today: NaiveDate) {
    use doorstep_domain::arrangement::Arrangement;
    let reference = &account.payment_reference;
    let ledger_start = account.entries[0].posted_on;
    assert!(work.diary.len() <= DEMO_DIARY_ENTRIES_MAX, "{reference}");
    for entry in &work.diary {
        assert!(entry.happened_on <= today, "{reference}: {entry:?}");
        assert!(entry.happened_on >= ledger_start, "{reference}: {entry:?}");
        let code = entry.code.as_str();
        assert!(
            STEP_CODES.contains(&code)
                || CONTACT_CODES.contains(&code)
                || EVIDENCE_AND_COURT_CODES.contains(&code),
            "{reference}: {entry:?}"
        );
        assert!(!entry.note.trim().is_empty(), "{reference}: {entry:?}");
    }
    assert!(
        work.diary
            .windows(2)
            .all(|pair| pair[0].happened_on <= pair[1].happened_on),
        "{reference}"
    );
    // Letter 2 is never sent within 14 days of Letter 1 (the default policy).
    let steps: Vec<_> = work
        .diary
        .iter()
        .filter(|entry| STEP_CODES.contains(&entry.code.as_str()))
        .collect();
    for pair in steps.windows(2) {
        if pair[1].code == "letter_2" {
            assert_eq!(pair[0].code, "letter_1", "{reference}");
            assert!((pair[1].happened_on - pair[0].happened_on).num_days() >= 14);
        }
    }
    if let Some(terms) = &work.arrangement {
        assert_eq!(
            Arrangement::new(terms.clone()).map(|_| ()),
            Ok(()),
            "{reference}"
        );
        assert!(terms.agreed_on <= today && terms.agreed_on >= ledger_start);
        assert_eq!(terms.starting_balance, balance_on(account, terms.agreed_on));
    }
    assert!(work.holds.len() <= 1, "{reference}");
    for hold in &work.holds {
        assert!(hold.until >= today, "{reference}: {hold:?}");
        assert_eq!(
            hold.pause_reason.is_some(),
            hold.kind == DemoHoldKind::Pause,
            "{reference}: {hold:?}"
        );
        assert!(!hold.note.trim().is_empty());
    }
}

#[test]
fn work() {
    use doorstep_domain::escalation::default_policy;
    use doorstep_domain::worklist::{next_action, WorklistAction};
    use std::collections::BTreeMap;

    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let caseload = generate(&DemoOptions::new(2026, today));
    assert_eq!(caseload.work.len(), caseload.accounts.len());
    // Work has its own streams: a smaller caseload's work is a prefix of a larger one's.
    let mut smaller = DemoOptions::new(2026, today);
    smaller.accounts_count = 50;
    assert_eq!(generate(&smaller).work[..], caseload.work[..50]);

    let policy = default_policy();
    let mut by_label: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for (account, work) in caseload.accounts.iter().zip(&caseload.work) {
        check_work_invariants(account, work, today);
        let situation = situation_today(account, work, today);
        let verdict = next_action(&situation, &policy, today);
        let kind = match verdict.action {
            WorklistAction::Step { .. } => "step",
            WorklistAction::ArrangementBroken => "arrangement_broken",
            WorklistAction::PaymentReturned => "payment_returned",
            WorklistAction::Warrant => "warrant",
            WorklistAction::ChaseBenefitRequest => "chase_benefit",
            WorklistAction::NoticeExpired => "notice_expired",
            WorklistAction::ManagerReview { .. } => "manager_review",
            WorklistAction::ThirdPartyShortfall => "third_party_shortfall",
            WorklistAction::FollowUpReferral => "follow_up_referral",
            WorklistAction::Blocked { .. } => "blocked",
            WorklistAction::Wait => "wait",
            WorklistAction::Nothing => "nothing",
        };
        *by_kind.entry(kind).or_default() += 1;
        let label = match &situation.arrangement {
            Some(check) => format!("{} (arrangement {:?})", verdict.action.label(), check.state),
            None => verdict.action.label(),
        };
        *by_label.entry(label).or_default() += 1;
    }
    println!("{by_kind:?}\n{by_label:#?}");
    let count = |kind: &str| by_kind.get(kind).copied().unwrap_or(0);
    let accounts_count = caseload.accounts.len();
    assert!(by_kind.len() >= 4, "{by_kind:?}");
    assert!(count("step") * 20 >= accounts_count, "{by_kind:?}");
    assert!(count("step") * 5 <= accounts_count * 2, "{by_kind:?}");
    assert!(count("arrangement_broken") >= 1, "{by_kind:?}");
    assert!(count("wait") >= 1 && count("nothing") >= 1, "{by_kind:?}");
    // Some are further up the ladder than Letter 1, and a few have been to court or near it.
    let with_step = |code: &str| {
        caseload
            .work
            .iter()
            .filter(|work| work.diary.iter().any(|entry| entry.code == code))
            .count()
    };
    println!("{:?}", STEP_CODES.map(|code| (code, with_step(code))));
    assert!(with_step("letter_2") > 0 && with_step("notice") > 0);
    assert!(with_step("court_warning") + with_step("court") <= accounts_count / 20);
}
