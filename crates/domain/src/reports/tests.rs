//! Hand-built caseloads whose expected figures are worked out in the comments.
//!
//! The week used throughout is Monday 2 March 2026 to Sunday 8 March 2026.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;
use uuid::Uuid;

use super::*;
use crate::arrangement::ArrangementState;
use crate::ledger::{ChargeKind, Entry, EntryKind, PaymentMethod};

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("test literal")
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::from_str(text).expect("test date")
}

const MONDAY: &str = "2026-03-02";
const SUNDAY: &str = "2026-03-08";
const NEXT_MONDAY: &str = "2026-03-09";

fn entry(id: u128, on: &str, kind: EntryKind, amount: &str) -> Entry {
    Entry {
        id: Uuid::from_u128(id),
        posted_on: date(on),
        kind,
        amount: dec(amount),
        description: String::new(),
    }
}

fn rent(id: u128, on: &str, amount: &str) -> Entry {
    let kind = EntryKind::Charge {
        charge: ChargeKind::Rent,
    };
    entry(id, on, kind, amount)
}

/// `amount` is what was paid, positive; the entry carries it negative.
fn paid(id: u128, on: &str, method: PaymentMethod, amount: &str) -> Entry {
    entry(id, on, EntryKind::Payment { method }, &format!("-{amount}"))
}

fn reversal(id: u128, on: &str, reverses: u128, amount: &str) -> Entry {
    let kind = EntryKind::Reversal {
        reverses: Uuid::from_u128(reverses),
    };
    entry(id, on, kind, amount)
}

fn account(reference: &str, entries: Vec<Entry>) -> AccountFacts {
    AccountFacts {
        payment_reference: reference.to_string(),
        tenancy_ended_on: None,
        entries,
        expected_benefit_now: Decimal::ZERO,
        arrangements: Vec::new(),
        steps: Vec::new(),
    }
}

fn ended(mut facts: AccountFacts, on: &str) -> AccountFacts {
    facts.tenancy_ended_on = Some(date(on));
    facts
}

fn with_steps(mut facts: AccountFacts, steps: &[(&str, &str)]) -> AccountFacts {
    facts.steps = steps
        .iter()
        .map(|(code, on)| (code.to_string(), date(on)))
        .collect();
    facts
}

/// `weeks` weekly charges of `amount`, the last on `last_monday`, ids from `first_id`.
fn weekly_rent(first_id: u128, last_monday: &str, weeks: u64, amount: &str) -> Vec<Entry> {
    (0..weeks)
        .map(|week| {
            let on = subtract_days(date(last_monday), 7 * (weeks - 1 - week));
            rent(first_id + u128::from(week), &on.to_string(), amount)
        })
        .collect()
}

fn arrangement(agreed_on: &str, instalment: &str, frequency: &str) -> ArrangementFacts {
    ArrangementFacts {
        agreed_on: date(agreed_on),
        instalment: dec(instalment),
        frequency_label: frequency.to_string(),
        states: Vec::new(),
    }
}

fn states(mut facts: ArrangementFacts, states: &[(ArrangementState, &str)]) -> ArrangementFacts {
    facts.states = states
        .iter()
        .map(|(state, on)| (*state, date(on)))
        .collect();
    facts
}

fn with_arrangements(arrangements: Vec<ArrangementFacts>) -> AccountFacts {
    let mut facts = account("ARR", Vec::new());
    facts.arrangements = arrangements;
    facts
}

#[test]
fn percent_rounds_half_away_from_zero_and_refuses_a_zero_denominator() {
    // 1 ÷ 16 = 6.25%: half away from zero gives 6.3 (banker's rounding would give 6.2).
    assert_eq!(percent_of(dec("1"), dec("16")), Some(dec("6.3")));
    assert_eq!(percent_of(dec("250"), dec("7800")), Some(dec("3.2")));
    assert_eq!(percent_of(dec("5"), Decimal::ZERO), None);
    assert_eq!(percent_of(dec("5"), dec("-10")), None);
}

#[test]
fn current_arrears_as_a_percentage_of_the_annual_debit() {
    // A: 52 weeks at £100 = £5,200 in the window, plus a charge the week before it (outside);
    //    charged £5,300 in all, paid £5,100: owes £200.
    // B: 52 weeks at £50 = £2,600, paid £2,550: owes £50.
    // C: a former tenant owing £1,000: not current, left out of both parts.
    // £250 ÷ £7,800 = 3.205% → 3.2%.
    let mut a_entries = weekly_rent(1, MONDAY, 52, "100");
    a_entries.push(rent(100, "2025-03-03", "100"));
    a_entries.push(paid(101, "2026-01-05", PaymentMethod::DirectDebit, "5100"));
    let mut b_entries = weekly_rent(200, MONDAY, 52, "50");
    b_entries.push(paid(300, "2026-01-05", PaymentMethod::CashOffice, "2550"));
    let c = ended(
        account("C", vec![rent(400, "2025-06-02", "1000")]),
        "2025-07-01",
    );
    let mut accounts = vec![account("A", a_entries), account("B", b_entries), c];

    let indicator = current_arrears_percent_of_annual_debit(&accounts, date(MONDAY));
    assert_eq!(indicator.numerator, dec("250"));
    assert_eq!(indicator.denominator, dec("7800"));
    assert_eq!(indicator.percent, Some(dec("3.2")));
    assert!(indicator.definition.starts_with("Current tenant arrears"));

    // D: 52 weeks at £100 but £100 in credit adds to the debit and nothing to the arrears:
    // £250 ÷ £13,000 = 1.923% → 1.9%.
    let mut d_entries = weekly_rent(500, MONDAY, 52, "100");
    d_entries.push(paid(600, "2026-01-05", PaymentMethod::Card, "5300"));
    accounts.push(account("D", d_entries));
    let indicator = current_arrears_percent_of_annual_debit(&accounts, date(MONDAY));
    assert_eq!(indicator.percent, Some(dec("1.9")));

    // Nothing charged: no percentage rather than a division by zero.
    let indicator = current_arrears_percent_of_annual_debit(&[], date(MONDAY));
    assert_eq!(indicator.percent, None);
}

#[test]
fn collection_rate_counts_reversals_against_what_they_reverse() {
    // A: £100 due, £80 paid.
    // B: £50 due, £50 by Direct Debit returned on the Friday: nothing collected.
    // C: £100 charged in error and reversed: nothing due. A payment before the period is out.
    // Former tenant D pays £20 in the period: collected too.
    // Collected £80 + £20 = £100; due £150; £100 ÷ £150 = 66.67% → 66.7%.
    let accounts = vec![
        account(
            "A",
            vec![
                rent(1, MONDAY, "100"),
                paid(2, "2026-03-03", PaymentMethod::Card, "80"),
            ],
        ),
        account(
            "B",
            vec![
                rent(3, MONDAY, "50"),
                paid(4, MONDAY, PaymentMethod::DirectDebit, "50"),
                reversal(5, "2026-03-06", 4, "50"),
            ],
        ),
        account(
            "C",
            vec![
                paid(6, "2026-03-01", PaymentMethod::Card, "500"),
                rent(7, MONDAY, "100"),
                reversal(8, "2026-03-04", 7, "-100"),
            ],
        ),
        ended(
            account(
                "D",
                vec![paid(9, "2026-03-05", PaymentMethod::Cheque, "20")],
            ),
            "2025-12-01",
        ),
    ];
    let indicator = collection_rate(&accounts, date(MONDAY), date(SUNDAY));
    assert_eq!(indicator.numerator, dec("100"));
    assert_eq!(indicator.denominator, dec("150"));
    assert_eq!(indicator.percent, Some(dec("66.7")));

    // A period with nothing due has no rate.
    let indicator = collection_rate(&accounts, date("2026-04-01"), date("2026-04-07"));
    assert_eq!(indicator.percent, None);
}

#[test]
fn true_and_technical_arrears_caps_the_technical_part_at_the_arrears() {
    // A owes £300 with £200 of benefit coming: technical £200.
    // B owes £100 with £250 coming: technical £100, never more than the arrears.
    // C is £50 in credit with £100 coming: nothing.
    // D is a former tenant: left out.
    // Arrears £400 = technical £300 + true £100.
    let mut a = account("A", vec![rent(1, MONDAY, "300")]);
    a.expected_benefit_now = dec("200");
    let mut b = account("B", vec![rent(2, MONDAY, "100")]);
    b.expected_benefit_now = dec("250");
    let mut c = account("C", vec![paid(3, MONDAY, PaymentMethod::Card, "50")]);
    c.expected_benefit_now = dec("100");
    let mut d = ended(
        account("D", vec![rent(4, "2025-01-06", "500")]),
        "2025-02-01",
    );
    d.expected_benefit_now = dec("500");
    let figure = true_and_technical_arrears(&[a, b, c, d], date(MONDAY));
    assert_eq!(figure.arrears_total, dec("400"));
    assert_eq!(figure.technical_arrears, dec("300"));
    assert_eq!(figure.true_arrears, dec("100"));
    assert!(figure.definition.contains("only meaningful for today"));
}

#[test]
fn live_arrangements_count_total_and_keep_rate() {
    use ArrangementState::*;
    // On Sunday 8 March:
    // 1 weekly £10, live since January, never breached: live, kept.
    // 2 weekly £15, breached in February and back on track: live, not kept.
    // 3 monthly £40, breached on 1 March: not live.
    // 4 monthly £60, agreed after the date: not live.
    // 5 weekly £20, completed: not live.
    // 6 monthly £40 with no recorded state: live from the day agreed, kept.
    // Live 3, instalments £65 (weekly 2 for £25, monthly 1 for £40).
    // Keep rate over the 52 weeks to the date: live at some time in the year are 1, 2, 3, 5
    // and 6 (4 is agreed later); kept are 1, 5 (completed unbroken) and 6: 3 of 5 = 60.0%.
    let accounts = vec![with_arrangements(vec![
        states(
            arrangement("2026-01-05", "10", "Weekly"),
            &[(Live, "2026-01-05")],
        ),
        states(
            arrangement("2026-01-05", "15", "Weekly"),
            &[
                (Live, "2026-01-05"),
                (Breached, "2026-02-02"),
                (Live, "2026-02-16"),
            ],
        ),
        states(
            arrangement("2026-02-01", "40", "Monthly"),
            &[(Breached, "2026-03-01")],
        ),
        arrangement("2026-03-10", "60", "Monthly"),
        states(
            arrangement("2026-01-05", "20", "Weekly"),
            &[(Completed, "2026-02-20")],
        ),
        arrangement("2026-02-01", "40", "Monthly"),
    ])];
    let figure = live_arrangements(&accounts, date(SUNDAY));
    assert_eq!(figure.live_count, 3);
    assert_eq!(figure.instalments_total, dec("65"));
    assert_eq!(
        (figure.live_in_year_count, figure.kept_in_year_count),
        (5, 3)
    );
    assert_eq!(figure.keep_rate_percent, Some(dec("60.0")));
    let by_frequency: Vec<(&str, u32, Decimal)> = figure
        .by_frequency
        .iter()
        .map(|row| {
            (
                row.frequency_label.as_str(),
                row.arrangements_count,
                row.instalments_total,
            )
        })
        .collect();
    assert_eq!(
        by_frequency,
        vec![("Monthly", 1, dec("40")), ("Weekly", 2, dec("25"))]
    );

    // An arrangement breached more than a year ago and never live since is not in the year.
    let old = vec![with_arrangements(vec![states(
        arrangement("2024-06-03", "10", "Weekly"),
        &[(Breached, "2024-09-02")],
    )])];
    let figure = live_arrangements(&old, date(SUNDAY));
    assert_eq!(
        (figure.live_in_year_count, figure.keep_rate_percent),
        (0, None)
    );

    // Nothing live: no keep rate.
    let figure = live_arrangements(&accounts, date("2025-12-01"));
    assert_eq!((figure.live_count, figure.keep_rate_percent), (0, None));
}

#[test]
fn notices_live_are_served_in_the_last_twelve_months_with_no_claim_since() {
    // On Monday 2 March 2026:
    // A: served June 2025, no claim: live.
    // B: served 2 March 2025, 12 months ago to the day: expired.
    // C: served September 2025, claim issued December 2025: no longer a live notice.
    // D: a claim in August 2025 on an older notice, a new notice in September: live.
    // E: a former tenant: left out.
    // F: a notice dated after the date: not yet served.
    let accounts = vec![
        with_steps(account("A", vec![]), &[("notice", "2025-06-01")]),
        with_steps(account("B", vec![]), &[("notice", "2025-03-02")]),
        with_steps(
            account("C", vec![]),
            &[("notice", "2025-09-01"), ("claim_issued", "2025-12-01")],
        ),
        with_steps(
            account("D", vec![]),
            &[("claim_issued", "2025-08-01"), ("notice", "2025-09-01")],
        ),
        ended(
            with_steps(account("E", vec![]), &[("notice", "2025-09-01")]),
            "2026-01-01",
        ),
        with_steps(account("F", vec![]), &[("notice", "2026-03-05")]),
    ];
    let figure = notices_live(&accounts, date(MONDAY));
    assert_eq!(figure.payment_references, vec!["A", "D"]);
    assert_eq!(figure.accounts_count, 2);
}

#[test]
fn former_tenant_arrears_from_the_day_the_tenancy_ended() {
    // On Sunday 8 March: E ended in February owing £500; F ended that very day owing £100 (a
    // former tenancy from the day it ended); G ended in credit; H is current.
    // Former tenant arrears: 2 accounts, £600.
    let accounts = vec![
        ended(
            account("E", vec![rent(1, "2026-01-05", "500")]),
            "2026-02-01",
        ),
        ended(account("F", vec![rent(2, "2026-01-05", "100")]), SUNDAY),
        ended(
            account("G", vec![paid(3, "2025-12-01", PaymentMethod::Card, "20")]),
            "2026-01-01",
        ),
        account("H", vec![rent(4, "2026-01-05", "30")]),
    ];
    let figure = former_tenant_arrears(&accounts, date(SUNDAY));
    assert_eq!(figure.accounts_in_arrears_count, 2);
    assert_eq!(figure.arrears_total, dec("600"));
}

#[test]
fn weekly_movement_new_cases_and_former_tenants() {
    // Balances at the end of Sunday 1 March (start) and Sunday 8 March (end):
    // A: £100 → rent £100, paid £300 on Thursday → £100 in credit (−£200).
    // B: clear (charged and paid in February) → rent £100 → £100: a new case (+£100).
    // C: £200 → rent £50 → £250 (+£50). A charge on the next Monday is not in this week.
    // D: a former tenant (ended in February) owing £500: former tenant arrears.
    // E: tenancy ended on the Thursday owing £40: former for the whole week.
    // Start: A £100 + C £200 = 2 accounts, £300. End: B £100 + C £250 = 2 accounts, £350.
    // Movement +£50 = £350 − £300. Former: D £500 + E £40 = 2 accounts, £540.
    let accounts = vec![
        account(
            "A",
            vec![
                rent(1, "2026-02-23", "100"),
                rent(2, MONDAY, "100"),
                paid(3, "2026-03-05", PaymentMethod::Card, "300"),
            ],
        ),
        account(
            "B",
            vec![
                rent(4, "2026-02-23", "100"),
                paid(5, "2026-02-24", PaymentMethod::DirectDebit, "100"),
                rent(6, MONDAY, "100"),
            ],
        ),
        account(
            "C",
            vec![
                rent(7, "2026-02-23", "200"),
                rent(8, MONDAY, "50"),
                rent(9, NEXT_MONDAY, "50"),
            ],
        ),
        ended(
            account("D", vec![rent(10, "2026-01-05", "500")]),
            "2026-02-01",
        ),
        ended(
            account("E", vec![rent(11, "2026-02-23", "40")]),
            "2026-03-05",
        ),
    ];
    let report = weekly_report(&accounts, date(MONDAY));
    assert_eq!(report.week_ending, date(SUNDAY));
    assert_eq!(report.start, position(2, "300"));
    assert_eq!(report.end, position(2, "350"));
    assert_eq!(report.arrears_movement, dec("50"));
    assert_eq!(report.new_cases_in_arrears, vec!["B"]);
    assert_eq!(report.new_cases_in_arrears_count, 1);
    assert_eq!(report.former_tenant_arrears.accounts_in_arrears_count, 2);
    assert_eq!(report.former_tenant_arrears.arrears_total, dec("540"));
    let movers: Vec<(&str, Decimal, Decimal, Decimal)> = report
        .biggest_movers
        .iter()
        .map(|mover| {
            let reference = mover.payment_reference.as_str();
            (
                reference,
                mover.balance_before,
                mover.balance_after,
                mover.balance_movement,
            )
        })
        .collect();
    assert_eq!(
        movers,
        vec![
            ("A", dec("100"), dec("-100"), dec("-200")),
            ("B", dec("0"), dec("100"), dec("100")),
            ("C", dec("200"), dec("250"), dec("50")),
        ]
    );
}

fn position(accounts_in_arrears_count: u32, arrears_total: &str) -> ArrearsPosition {
    ArrearsPosition {
        accounts_in_arrears_count,
        arrears_total: dec(arrears_total),
    }
}

#[test]
fn biggest_movers_are_the_five_largest_movements_either_way() {
    // Movements: R1 +10, R2 −60, R3 +60, R4 +5, R5 −1, R6 0, R7 +30, R8 +20.
    // By size: R2 and R3 tie at 60 (R2 first by reference), then R7 30, R8 20, R1 10.
    // R4, R5 are beyond the top five; R6 did not move.
    let movements = ["10", "-60", "60", "5", "-1", "0", "30", "20"];
    let accounts: Vec<AccountFacts> = movements
        .iter()
        .enumerate()
        .map(|(index, movement)| {
            let id = u128::try_from(index).expect("small") * 10;
            let reference = format!("R{}", index + 1);
            account(
                &reference,
                vec![
                    rent(id, "2026-02-23", "100"),
                    entry(id + 1, MONDAY, EntryKind::Adjustment, movement),
                ],
            )
        })
        .collect();
    let report = weekly_report(&accounts, date(MONDAY));
    let order: Vec<&str> = report
        .biggest_movers
        .iter()
        .map(|mover| mover.payment_reference.as_str())
        .collect();
    assert_eq!(order, vec!["R2", "R3", "R7", "R8", "R1"]);
    assert_eq!(report.biggest_movers[0].balance_before, dec("100"));
    assert_eq!(report.biggest_movers[0].balance_after, dec("40"));
}

/// (made, kept, broken) for the week of `week_starting`.
fn check_arrangements(
    arrangements: Vec<ArrangementFacts>,
    week_starting: &str,
    expected: (u32, u32, u32),
) {
    let report = weekly_report(&[with_arrangements(arrangements)], date(week_starting));
    let actual = (
        report.arrangements_made_count,
        report.arrangements_kept_count,
        report.arrangements_broken_count,
    );
    assert_eq!(actual, expected, "week of {week_starting}");
}

#[test]
fn arrangements_made_kept_and_broken_at_the_week_boundaries() {
    use ArrangementState::*;
    let breached_on_sunday = states(
        arrangement("2026-01-05", "10", "Weekly"),
        &[(Breached, SUNDAY)],
    );
    let breached_on_next_monday = states(
        arrangement("2026-01-05", "10", "Weekly"),
        &[(Breached, NEXT_MONDAY)],
    );
    // Each row: the arrangements, the week, and the expected (made, kept, broken).
    // Breached on the Sunday: broken that week; the next week it is neither kept nor broken.
    check_arrangements(vec![breached_on_sunday.clone()], MONDAY, (0, 0, 1));
    check_arrangements(vec![breached_on_sunday], NEXT_MONDAY, (0, 0, 0));
    // Breached on the next Monday: kept this week (live at its end), broken the next.
    check_arrangements(vec![breached_on_next_monday.clone()], MONDAY, (0, 1, 0));
    check_arrangements(vec![breached_on_next_monday], NEXT_MONDAY, (0, 0, 1));
    // Made on the Wednesday and kept.
    check_arrangements(
        vec![arrangement("2026-03-04", "10", "Weekly")],
        MONDAY,
        (1, 1, 0),
    );
    // Made on the Wednesday, breached on the Friday, back on track on the Saturday: broken,
    // not kept, because it was breached during the week.
    let back_on_track = states(
        arrangement("2026-03-04", "10", "Weekly"),
        &[(Breached, "2026-03-06"), (Live, "2026-03-07")],
    );
    check_arrangements(vec![back_on_track], MONDAY, (1, 0, 1));
    // Cancelled during the week: neither kept nor broken.
    let cancelled = states(
        arrangement("2026-01-05", "10", "Weekly"),
        &[(Cancelled, "2026-03-03")],
    );
    check_arrangements(vec![cancelled], MONDAY, (0, 0, 0));
    // Agreed the next Monday: nothing this week.
    check_arrangements(
        vec![arrangement(NEXT_MONDAY, "10", "Weekly")],
        MONDAY,
        (0, 0, 0),
    );
}

#[test]
fn payments_taken_in_the_week_by_method() {
    // In the week: card £50 and £20; cheque £100; Direct Debit £200 returned on the Friday;
    // cash office £30 on the Sunday; a cheque from February bounced on the Tuesday (−£40
    // against cheques). Outside it: card £5 the Sunday before, card £999 the next Monday.
    // Card 2 for £70; cheque 1 for £100 − £40 = £60; Direct Debit 1 for £0; cash office 1 for
    // £30. Taken on visits (card and cheque): 3 payments, £130.
    let accounts = vec![
        account(
            "A",
            vec![
                paid(1, "2026-03-01", PaymentMethod::Card, "5"),
                paid(2, "2026-03-03", PaymentMethod::Card, "50"),
                paid(3, "2026-03-04", PaymentMethod::Card, "20"),
                paid(4, "2026-03-05", PaymentMethod::Cheque, "100"),
                paid(5, NEXT_MONDAY, PaymentMethod::Card, "999"),
            ],
        ),
        account(
            "B",
            vec![
                paid(6, "2026-02-20", PaymentMethod::Cheque, "40"),
                paid(7, MONDAY, PaymentMethod::DirectDebit, "200"),
                reversal(8, "2026-03-03", 6, "40"),
                reversal(9, "2026-03-06", 7, "200"),
                paid(10, SUNDAY, PaymentMethod::CashOffice, "30"),
            ],
        ),
    ];
    let report = weekly_report(&accounts, date(MONDAY));
    let rows: Vec<(PaymentMethod, u32, Decimal)> = report
        .payments_by_method
        .iter()
        .map(|row| (row.method, row.payments_count, row.received_total))
        .collect();
    let zero = Decimal::ZERO;
    assert_eq!(
        rows,
        vec![
            (PaymentMethod::DirectDebit, 1, zero),
            (PaymentMethod::StandingOrder, 0, zero),
            (PaymentMethod::Card, 2, dec("70")),
            (PaymentMethod::Cheque, 1, dec("60")),
            (PaymentMethod::CashOffice, 1, dec("30")),
            (PaymentMethod::PayPoint, 0, zero),
            (PaymentMethod::HousingBenefit, 0, zero),
            (PaymentMethod::UniversalCredit, 0, zero),
            (PaymentMethod::ThirdParty, 0, zero),
        ]
    );
    assert_eq!(report.taken_on_visits_count, 3);
    assert_eq!(report.taken_on_visits_total, dec("130"));
}

#[test]
fn notices_court_actions_and_visits_in_the_week() {
    // In the week: 2 notices, 1 claim, 1 hearing outcome, 1 warrant (3 court actions), 2 visits,
    // one on a former tenancy. Outside it: a notice the Sunday before and a visit the next
    // Monday. An unknown code is ignored.
    let accounts = vec![
        with_steps(
            account("A", vec![]),
            &[
                ("notice", "2026-03-01"),
                ("notice", MONDAY),
                ("claim_issued", "2026-03-03"),
                ("home_visit", "2026-03-04"),
                ("letter_1", "2026-03-04"),
            ],
        ),
        with_steps(
            account("B", vec![]),
            &[
                ("notice", SUNDAY),
                ("hearing_outcome", "2026-03-05"),
                ("warrant_requested", "2026-03-06"),
                ("home_visit", NEXT_MONDAY),
            ],
        ),
        ended(
            with_steps(account("C", vec![]), &[("home_visit", "2026-03-05")]),
            "2026-01-01",
        ),
    ];
    let report = weekly_report(&accounts, date(MONDAY));
    assert_eq!(report.notices_served_count, 2);
    assert_eq!(
        (
            report.claims_issued_count,
            report.hearing_outcomes_count,
            report.warrants_requested_count,
            report.court_actions_count,
        ),
        (1, 1, 1, 3)
    );
    assert_eq!(report.home_visits_count, 2);
}

fn arbitrary_account() -> impl Strategy<Value = AccountFacts> {
    // Entries on any day of the four weeks around the report's week, amounts of up to £200
    // either way in pence; the tenancy may have ended on any of those days.
    let entries = prop::collection::vec((0u64..28, -20_000i64..20_000), 0..8);
    (entries, prop::option::of(0u64..28)).prop_map(|(entries, ended_offset)| {
        let first_day = date("2026-02-16");
        let entries = entries
            .into_iter()
            .enumerate()
            .map(|(index, (offset, pence))| Entry {
                id: Uuid::from_u128(u128::try_from(index).expect("small")),
                posted_on: add_days(first_day, offset),
                kind: EntryKind::Adjustment,
                amount: Decimal::new(pence, 2),
                description: String::new(),
            })
            .collect();
        let mut facts = account("P", entries);
        facts.tenancy_ended_on = ended_offset.map(|offset| add_days(first_day, offset));
        facts
    })
}

proptest! {
    #[test]
    fn start_arrears_plus_movement_is_end_arrears(
        accounts in prop::collection::vec(arbitrary_account(), 0..6)
    ) {
        let report = weekly_report(&accounts, date(MONDAY));
        prop_assert_eq!(report.start.arrears_total + report.arrears_movement, report.end.arrears_total);
        prop_assert!(report.start.arrears_total >= Decimal::ZERO);
        prop_assert!(report.end.arrears_total >= Decimal::ZERO);
        prop_assert!(report.biggest_movers.len() <= BIGGEST_MOVERS_MAX);
        prop_assert!(report.new_cases_in_arrears_count <= report.end.accounts_in_arrears_count);
        // The week's end position agrees with the indicator on the Sunday.
        let indicator = current_arrears_percent_of_annual_debit(&accounts, date(SUNDAY));
        prop_assert_eq!(indicator.numerator, report.end.arrears_total);
    }
}

#[test]
fn the_trend_gives_each_sundays_arrears_of_current_tenants() {
    // A: £100 rent each Monday from 16 Feb, pays £150 on 25 Feb. Sundays:
    //    22 Feb owes 100; 1 Mar owes 200 − 150 = 50; 8 Mar owes 150.
    // B: in credit throughout (paid £500 on 16 Feb, £100 rent 2 Mar): counts nothing.
    // C: owes £300 from 17 Feb, tenancy ended 3 Mar: current on 22 Feb and 1 Mar only.
    let a = account(
        "A",
        vec![
            rent(1, "2026-02-16", "100"),
            rent(2, "2026-02-23", "100"),
            paid(3, "2026-02-25", PaymentMethod::Card, "150"),
            rent(4, MONDAY, "100"),
        ],
    );
    let b = account(
        "B",
        vec![
            paid(5, "2026-02-16", PaymentMethod::Card, "500"),
            rent(6, MONDAY, "100"),
        ],
    );
    let c = ended(
        account("C", vec![rent(7, "2026-02-17", "300")]),
        "2026-03-03",
    );
    // Asked for a Wednesday: the trend ends on that week's Sunday.
    let trend = arrears_trend(&[a, b, c], date("2026-03-04"), 3);
    let expected = [
        ("2026-02-22", 2, "400"),
        ("2026-03-01", 2, "350"),
        (SUNDAY, 1, "150"),
    ];
    assert_eq!(trend.len(), 3);
    for (point, (sunday, count, total)) in trend.iter().zip(expected) {
        assert_eq!(point.week_ending, date(sunday));
        assert_eq!(point.accounts_in_arrears_count, count, "{sunday}");
        assert_eq!(point.arrears_total, dec(total), "{sunday}");
    }
}

#[test]
fn the_age_profile_counts_from_the_last_day_the_account_was_clear() {
    // On Sunday 8 March 2026:
    // A: first charge Monday 2 March, never clear: 6 days → under 4 weeks.
    // B: clear on 10 Oct 2025 (paid up), then £200 charged 11 Oct: in arrears since 11 Oct,
    //    148 days = 21 weeks → 13 to 26 weeks.
    // C: first charge 3 Feb 2025, never clear: 398 days = 56 weeks → 52 weeks or more.
    // D: owed £50 from 2 Feb 2026 and paid it on 6 Mar: clear on 8 Mar, not in the profile.
    // E: in arrears but the tenancy ended: not current, not in the profile.
    let a = account("A", vec![rent(1, MONDAY, "100")]);
    let b = account(
        "B",
        vec![
            rent(2, "2025-10-06", "100"),
            paid(3, "2025-10-10", PaymentMethod::Card, "100"),
            rent(4, "2025-10-11", "200"),
        ],
    );
    let c = account("C", vec![rent(5, "2025-02-03", "75")]);
    let d = account(
        "D",
        vec![
            rent(6, "2026-02-02", "50"),
            paid(7, "2026-03-06", PaymentMethod::Card, "50"),
        ],
    );
    let e = ended(
        account("E", vec![rent(8, "2025-02-03", "10")]),
        "2026-01-01",
    );
    let profile = arrears_age_profile(&[a, b, c, d, e], date(SUNDAY));
    let got: Vec<(String, u32, Decimal)> = profile
        .iter()
        .map(|row| (row.band.label(), row.accounts_count, row.arrears_total))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Under 4 weeks".to_string(), 1, dec("100")),
            ("4 to 13 weeks".to_string(), 0, Decimal::ZERO),
            ("13 to 26 weeks".to_string(), 1, dec("200")),
            ("26 to 52 weeks".to_string(), 0, Decimal::ZERO),
            ("52 weeks or more".to_string(), 1, dec("75")),
        ]
    );
}

#[test]
fn the_balance_history_marks_charges_payments_and_steps_in_range() {
    let entries = vec![
        rent(1, "2026-02-16", "100"),
        rent(2, "2026-02-23", "100"),
        paid(3, "2026-02-23", PaymentMethod::DirectDebit, "80"),
        // The Direct Debit comes back: nothing was collected that day after all.
        reversal(4, "2026-02-27", 3, "80"),
        rent(5, MONDAY, "100"),
        // A charge in error, reversed the same day: nothing due that day net.
        rent(6, "2026-03-04", "40"),
        reversal(7, "2026-03-04", 6, "-40"),
    ];
    let events = vec![
        ChartEvent {
            on: date("2026-03-05"),
            kind: ChartEventKind::Notice,
            label: "Notice served".to_string(),
        },
        ChartEvent {
            on: date("2026-01-05"),
            kind: ChartEventKind::Letter,
            label: "Letter 1".to_string(),
        },
        ChartEvent {
            on: date("2026-02-20"),
            kind: ChartEventKind::Letter,
            label: "Letter 2".to_string(),
        },
    ];
    let history = balance_history(
        &entries,
        events,
        date("2026-02-20"),
        SUNDAY.parse().expect("date"),
    );
    assert_eq!(
        history.balances,
        vec![
            (date("2026-02-20"), dec("100")),
            (date("2026-02-23"), dec("120")),
            (date("2026-02-27"), dec("200")),
            (date(MONDAY), dec("300")),
            (date("2026-03-04"), dec("300")),
            (date(SUNDAY), dec("300")),
        ]
    );
    // The charge on 16 Feb is before the range: in the opening balance, not a bar.
    assert_eq!(
        history.charges,
        vec![(date("2026-02-23"), dec("100")), (date(MONDAY), dec("100"))]
    );
    // £80 paid on the 23rd and £80 returned on the 27th: two days, netting to nothing.
    assert_eq!(
        history.payments,
        vec![
            (date("2026-02-23"), dec("80")),
            (date("2026-02-27"), dec("-80"))
        ]
    );
    let labels: Vec<&str> = history.events.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(labels, vec!["Letter 2", "Notice served"]);
}

proptest! {
    #[test]
    fn every_point_of_the_history_is_the_ledgers_balance_that_day(
        facts in arbitrary_account(),
        from_offset in 0u64..28,
        days in 0u64..28,
    ) {
        let from = add_days(date("2026-02-16"), from_offset);
        let to = add_days(from, days);
        let history = balance_history(&facts.entries, Vec::new(), from, to);
        prop_assert_eq!(history.balances.first().map(|(day, _)| *day), Some(from));
        prop_assert_eq!(history.balances.last().map(|(day, _)| *day), Some(to));
        for (day, balance) in &history.balances {
            prop_assert_eq!(*balance, crate::claim::balance_on(&facts.entries, *day));
        }
        // Between two points nothing is posted: the step line is the ledger every day.
        for pair in history.balances.windows(2) {
            let posted_between = facts
                .entries
                .iter()
                .any(|entry| pair[0].0 < entry.posted_on && entry.posted_on < pair[1].0);
            prop_assert!(!posted_between);
        }
    }

    #[test]
    fn the_trend_agrees_with_the_weekly_reports_end_position(
        accounts in prop::collection::vec(arbitrary_account(), 0..6)
    ) {
        let trend = arrears_trend(&accounts, date(SUNDAY), 4);
        let last = trend.last().expect("four points");
        let report = weekly_report(&accounts, date(MONDAY));
        prop_assert_eq!(last.arrears_total, report.end.arrears_total);
        prop_assert_eq!(last.accounts_in_arrears_count, report.end.accounts_in_arrears_count);
        // The age profile covers exactly the accounts in arrears on the day.
        let profile = arrears_age_profile(&accounts, date(SUNDAY));
        let counted: u32 = profile.iter().map(|row| row.accounts_count).sum();
        let total: Decimal = profile.iter().map(|row| row.arrears_total).sum();
        prop_assert_eq!(counted, report.end.accounts_in_arrears_count);
        prop_assert_eq!(total, report.end.arrears_total);
    }
}
