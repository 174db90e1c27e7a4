use std::collections::HashSet;

use chrono::{Months, NaiveDate};
use doorstep_domain::ledger::{balance, validate_sign, EntryKind};
use doorstep_domain::rent_schedule::RentFrequency;
use doorstep_domain::tenancy::{PersonRole, Tenure};
use rust_decimal::Decimal;

use super::*;

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
