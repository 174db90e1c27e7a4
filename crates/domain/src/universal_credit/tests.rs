//! Each test is one rule, as a table of rows, citing the rule's source.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::data::{
    deductions_file, eligibility_file, parse_deductions, parse_eligibility,
    parse_standard_allowance, standard_allowance_file,
};
use super::eligibility::months_of_rent;
use super::*;
use crate::rent_schedule::{convert, RentFrequency};

fn date(text: &str) -> NaiveDate {
    NaiveDate::from_str(text).expect("test date")
}

fn money(text: &str) -> Decimal {
    Decimal::from_str(text).expect("test amount")
}

const GUIDE: &str = "Universal Credit and rented housing: guide for landlords";

#[test]
fn data_files_parse_with_sources_in_date_order() {
    let allowances = standard_allowance_file().expect("standard allowance data");
    let deductions = deductions_file().expect("deductions data");
    let thresholds = eligibility_file().expect("eligibility data");
    // Every day with standard allowance figures must also have a deduction rule and a cap,
    // or `arrears_deduction_range` would report broken data at run time.
    let first_rates = allowances.sets[0].effective_from;
    assert!(deductions.rent_arrears[0].effective_from <= first_rates);
    assert!(deductions.overall_cap[0].effective_from <= first_rates);
    for kind in RequestKind::ALL {
        assert!(
            thresholds.rules.iter().any(|rule| rule.kind == kind),
            "{kind:?}"
        );
    }
    for pair in allowances.sets.windows(2) {
        assert!(pair[0].effective_from < pair[1].effective_from);
    }
}

#[test]
fn broken_data_is_refused() {
    fn check(result: Result<(), String>, expected: &str) {
        let problem = result.expect_err("broken data accepted");
        assert!(problem.contains(expected), "{problem}");
    }
    let set = |from: &str, year: &str, single: &str| {
        format!(
            r#"{{"effective_from": "{from}", "tax_year": "{year}", "source": "s", "monthly": {{
            "single_under_25": "{single}", "single_25_or_over": "400.00",
            "couple_both_under_25": "450.00", "couple_one_or_both_25_or_over": "600.00"}}}}"#
        )
    };
    let file = |sets: &[String]| {
        format!(
            r#"{{"about": "a", "source": "s", "note": "n", "sets": [{}]}}"#,
            sets.join(",")
        )
    };
    let allowance = |text: String| parse_standard_allowance(&text).map(|_| ());
    check(
        allowance(file(&[
            set("2025-04-07", "2025/26", "300.00"),
            set("2024-04-08", "2024/25", "300.00"),
        ])),
        "out of date order",
    );
    check(
        allowance(file(&[set("2025-05-07", "2025/26", "300.00")])),
        "tax year",
    );
    check(
        allowance(file(&[set("2025-04-07", "2025/26", "300.001")])),
        "has 300.001",
    );
    check(
        allowance(file(&[set("2025-04-07", "2025/26", "500.00")])),
        "under-25 rate",
    );
    check(allowance(file(&[])), "between 1 and");
    let deductions = |min: &str, max: &str| {
        parse_deductions(&format!(
            r#"{{"about": "a",
            "rent_arrears": [{{"effective_from": "2019-07-24", "min_percent": "{min}", "max_percent": "{max}", "source": "s", "note": "n"}}],
            "overall_cap": [{{"effective_from": "2021-04-12", "percent": "25", "source": "s", "note": "n"}}]}}"#
        ))
        .map(|_| ())
    };
    check(deductions("30", "20"), "minimum is above the maximum");
    check(deductions("0", "20"), "not a percentage");
    let eligibility = parse_eligibility(
        r#"{"about": "a", "rules": [{"kind": "managed_payment", "effective_from": "2024-04-08",
        "arrears_months_min": 2, "source": "s", "note": "n"}]}"#,
    )
    .map(|_| ());
    check(eligibility, "rows; between 1 and");
}

#[test]
fn standard_allowance_and_deduction_range_by_household_and_date() {
    // Standard allowance: UC Regs 2013 reg 36, Up-rating Orders 2024 (from 8 April 2024) and
    // 2025 (from 7 April 2025). Deduction 10%–20%: Claims and Payments Regs 2013 Sch 6 para
    // 7(5). Overall cap 25%, then 15% from 30 April 2025 (DWP, Fair Repayment Rate).
    fn check(household: Household, on: &str, row: [&str; 4]) {
        let range = arrears_deduction_range(household, date(on)).expect("rates known");
        let [standard_allowance, min, max, cap] = row.map(money);
        assert_eq!(
            (
                range.standard_allowance,
                range.min,
                range.max,
                range.overall_cap
            ),
            (standard_allowance, min, max, cap),
            "{household:?} on {on}"
        );
        assert!(range.source.contains("Sch 6 para 7(5)"), "{}", range.source);
    }
    use Household::*;
    #[rustfmt::skip]
    let rows = [
        // household              on            allowance  10%      20%       cap
        (SingleUnder25,           "2024-04-08", ["311.68", "31.17", "62.34",  "77.92"]),
        (SingleUnder25,           "2025-04-06", ["311.68", "31.17", "62.34",  "77.92"]),
        (Single25OrOver,          "2025-04-06", ["393.45", "39.35", "78.69",  "98.36"]),
        (CoupleBothUnder25,       "2025-04-06", ["489.23", "48.92", "97.85",  "122.31"]),
        (CoupleOneOrBoth25OrOver, "2025-04-06", ["617.60", "61.76", "123.52", "154.40"]),
        // 7 April 2025: the new standard allowance, still the 25% cap.
        (SingleUnder25,           "2025-04-07", ["316.98", "31.70", "63.40",  "79.25"]),
        (Single25OrOver,          "2025-04-07", ["400.14", "40.01", "80.03",  "100.04"]),
        (CoupleBothUnder25,       "2025-04-07", ["497.55", "49.76", "99.51",  "124.39"]),
        (CoupleOneOrBoth25OrOver, "2025-04-07", ["628.10", "62.81", "125.62", "157.03"]),
        (CoupleOneOrBoth25OrOver, "2025-04-29", ["628.10", "62.81", "125.62", "157.03"]),
        // 30 April 2025: the Fair Repayment Rate, 15%.
        (SingleUnder25,           "2025-04-30", ["316.98", "31.70", "63.40",  "47.55"]),
        (Single25OrOver,          "2025-04-30", ["400.14", "40.01", "80.03",  "60.02"]),
        (CoupleBothUnder25,       "2025-04-30", ["497.55", "49.76", "99.51",  "74.63"]),
        (CoupleOneOrBoth25OrOver, "2025-04-30", ["628.10", "62.81", "125.62", "94.22"]),
    ];
    for (household, on, row) in rows {
        check(household, on, row);
    }
}

#[test]
fn a_date_before_the_first_rates_is_refused() {
    // Never guessed from later figures: the first recorded set is from 8 April 2024.
    for household in Household::ALL {
        assert_eq!(
            arrears_deduction_range(household, date("2024-04-07")),
            Err(UcRuleError::RatesNotKnown {
                on: date("2024-04-07")
            })
        );
    }
    let refused = eligibility(
        RequestKind::ManagedPayment,
        money("5000"),
        money("100"),
        RentFrequency::Weekly,
        &[],
        date("2024-04-07"),
    );
    assert_eq!(
        refused,
        Err(UcRuleError::ThresholdNotKnown {
            kind: RequestKind::ManagedPayment,
            on: date("2024-04-07")
        })
    );
}

#[test]
fn months_of_rent_agree_with_the_rent_schedule_conversion() {
    // DOMAIN.md: monthly = weekly × 52 / 12; fortnightly = × 2; 4-weekly = × 4.
    use RentFrequency::*;
    for (rent, frequency) in [
        ("100", Weekly),
        ("98.37", Weekly),
        ("210.50", Fortnightly),
        ("401.13", FourWeekly),
        ("500", Monthly),
    ] {
        let rent = money(rent);
        assert_eq!(
            crate::money::round_money(months_of_rent(rent, frequency, 1)),
            convert(rent, frequency, Monthly),
            "{rent} {frequency:?}"
        );
    }
    assert_eq!(months_of_rent(money("500"), Monthly, 2), money("1000"));
}

fn check_eligibility(
    kind: RequestKind,
    arrears: &str,
    rent: &str,
    frequency: RentFrequency,
    months: &[MonthPaid],
    expected: bool,
    reasons: &[&str],
) {
    let result = eligibility(
        kind,
        money(arrears),
        money(rent),
        frequency,
        months,
        date("2025-06-15"),
    )
    .expect("eligibility");
    assert_eq!(
        result.eligible, expected,
        "{kind:?} {arrears} at {rent}: {:?}",
        result.reasons
    );
    let got: Vec<&str> = result.reasons.iter().map(String::as_str).collect();
    assert_eq!(got, reasons);
    assert!(result.source.contains(GUIDE), "{}", result.source);
}

#[test]
fn managed_payment_at_two_months_rent() {
    // GOV.UK guide for landlords: a managed payment may be requested at arrears of 2 months'
    // rent. £100 a week is £866.666… for 2 months, compared exactly.
    use RentFrequency::*;
    let managed = RequestKind::ManagedPayment;
    check_eligibility(
        managed,
        "866.67",
        "100",
        Weekly,
        &[],
        true,
        &["Arrears of £866.67 are at least 2 months' rent (£866.67 at £100.00 a week)"],
    );
    check_eligibility(
        managed,
        "1000.00",
        "500",
        Monthly,
        &[],
        true,
        &["Arrears of £1,000.00 are at least 2 months' rent (£1,000.00 at £500.00 a month)"],
    );
    // 1p below: not eligible, and with no underpaid months the second route fails too.
    let window = "Rent was underpaid in 0 of the 6 complete months from December 2024 to May 2025; 3 or more counts as persistent underpayment (Doorstep's reading: the DWP leaves it to judgement); only 0 of those months are on the account";
    check_eligibility(
        managed,
        "866.66",
        "100",
        Weekly,
        &[],
        false,
        &[
            "Arrears of £866.66 are less than 2 months' rent (£866.67 at £100.00 a week)",
            "Arrears of £866.66 are at least 1 month's rent (£433.33 at £100.00 a week)",
            window,
        ],
    );
    check_eligibility(
        managed,
        "999.99",
        "500",
        Monthly,
        &[],
        false,
        &[
            "Arrears of £999.99 are less than 2 months' rent (£1,000.00 at £500.00 a month)",
            "Arrears of £999.99 are at least 1 month's rent (£500.00 at £500.00 a month)",
            window,
        ],
    );
}

/// Six complete months before 15 June 2025 (December 2024 to May 2025), the first
/// `underpaid` of them paid £50 short, plus June 2025 (not complete) always underpaid.
fn months(underpaid: usize) -> Vec<MonthPaid> {
    let mut months = Vec::new();
    for (index, start) in [
        "2024-11-01",
        "2024-12-01",
        "2025-01-01",
        "2025-02-01",
        "2025-03-01",
        "2025-04-01",
        "2025-05-01",
        "2025-06-01",
    ]
    .into_iter()
    .enumerate()
    {
        // November 2024 is outside the window and June 2025 is not complete: both underpaid,
        // neither counted.
        let short = index == 0 || index == 7 || (1..=underpaid).contains(&index);
        months.push(MonthPaid {
            month_starting: date(start),
            due: money("500"),
            paid: if short { money("450") } else { money("500") },
        });
    }
    months
}

#[test]
fn managed_payment_at_one_month_with_persistent_underpayment() {
    // GOV.UK guide for landlords: at least 1 month's rent built up by persistent underpayment.
    // Doorstep's reading [check]: underpaid in at least 3 of the last 6 complete months.
    use RentFrequency::*;
    let managed = RequestKind::ManagedPayment;
    let first = "Arrears of £500.00 are less than 2 months' rent (£1,000.00 at £500.00 a month)";
    let second = "Arrears of £500.00 are at least 1 month's rent (£500.00 at £500.00 a month)";
    let underpaid = |count: usize| {
        format!("Rent was underpaid in {count} of the 6 complete months from December 2024 to May 2025; 3 or more counts as persistent underpayment (Doorstep's reading: the DWP leaves it to judgement)")
    };
    check_eligibility(
        managed,
        "500",
        "500",
        Monthly,
        &months(3),
        true,
        &[first, second, &underpaid(3)],
    );
    check_eligibility(
        managed,
        "500",
        "500",
        Monthly,
        &months(2),
        false,
        &[first, second, &underpaid(2)],
    );
    // Persistent underpayment without a month's arrears is not enough.
    check_eligibility(
        managed,
        "499.99",
        "500",
        Monthly,
        &months(6),
        false,
        &[
            "Arrears of £499.99 are less than 2 months' rent (£1,000.00 at £500.00 a month)",
            "Arrears of £499.99 are less than 1 month's rent (£500.00 at £500.00 a month)",
            &underpaid(6),
        ],
    );
}

#[test]
fn arrears_deduction_at_one_month_rent() {
    // GOV.UK guide for landlords [check]: a deduction at arrears of at least 1 month's rent.
    use RentFrequency::*;
    let deduction = RequestKind::ArrearsDeduction;
    check_eligibility(
        deduction,
        "433.34",
        "100",
        Weekly,
        &[],
        true,
        &["Arrears of £433.34 are at least 1 month's rent (£433.33 at £100.00 a week)"],
    );
    // £433.333… exactly: £433.33 is a fraction of a penny short.
    check_eligibility(
        deduction,
        "433.33",
        "100",
        Weekly,
        &[],
        false,
        &["Arrears of £433.33 are less than 1 month's rent (£433.33 at £100.00 a week)"],
    );
    check_eligibility(
        deduction,
        "500",
        "500",
        Monthly,
        &[],
        true,
        &["Arrears of £500.00 are at least 1 month's rent (£500.00 at £500.00 a month)"],
    );
    check_eligibility(
        deduction,
        "499.99",
        "500",
        Monthly,
        &[],
        false,
        &["Arrears of £499.99 are less than 1 month's rent (£500.00 at £500.00 a month)"],
    );
}

#[test]
fn eligibility_refuses_what_cannot_be_counted() {
    let on = date("2025-06-15");
    let check = |rent: &str, months: &[MonthPaid], expected: UcRuleError| {
        let result = eligibility(
            RequestKind::ManagedPayment,
            money("900"),
            money(rent),
            RentFrequency::Weekly,
            months,
            on,
        );
        assert_eq!(result, Err(expected));
    };
    check("0", &[], UcRuleError::RentInvalid { rent: money("0") });
    check("-5", &[], UcRuleError::RentInvalid { rent: money("-5") });
    let month = |start: &str, paid: &str| MonthPaid {
        month_starting: date(start),
        due: money("500"),
        paid: money(paid),
    };
    check(
        "100",
        &[month("2025-05-02", "500")],
        UcRuleError::MonthInvalid {
            month_starting: date("2025-05-02"),
            problem: "a month must start on the 1st",
        },
    );
    check(
        "100",
        &[month("2025-05-01", "500"), month("2025-04-01", "500")],
        UcRuleError::MonthInvalid {
            month_starting: date("2025-04-01"),
            problem: "the months must be oldest first, each once",
        },
    );
    check(
        "100",
        &[month("2025-05-01", "-1")],
        UcRuleError::MonthInvalid {
            month_starting: date("2025-05-01"),
            problem: "the rent due and paid cannot be negative",
        },
    );
}

#[test]
fn expected_deduction_within_the_range_and_the_cap() {
    // Claims and Payments Regs 2013 Sch 6 para 7(5): 10%–20% of the standard allowance, within
    // the DWP's overall cap (15% from 30 April 2025). Single, 25 or over, 2025/26: £400.14 a
    // month, so £40.01 to £80.03, cap £60.02.
    let range =
        arrears_deduction_range(Household::Single25OrOver, date("2025-05-01")).expect("range");
    fn check(range: &DeductionRange, asked: Option<&str>, other: &str, amount: &str, words: &str) {
        let expected = expected_deduction(range, asked.map(money), money(other));
        assert_eq!(expected.amount, money(amount), "{}", expected.explanation);
        assert_eq!(expected.explanation, words);
    }
    let fits =
        "It fits within the overall cap on deductions of £60.02 after other deductions of £0.00.";
    check(
        &range,
        None,
        "0",
        "40.01",
        &format!("No amount was asked for, so the minimum of £40.01 a month. {fits}"),
    );
    check(&range, Some("50"), "0", "50.00", &format!("£50.00 asked is within the range of £40.01 to £80.03 a month: the deduction is £50.00. {fits}"));
    check(&range, Some("10"), "0", "40.01", &format!("£10.00 asked is below the range of £40.01 to £80.03 a month: the deduction is £40.01. {fits}"));
    // Above the 20% maximum, and then above the 15% cap.
    check(&range, Some("100"), "0", "60.02", "£100.00 asked is above the range of £40.01 to £80.03 a month: the deduction is £80.03. The overall cap on deductions is £60.02; other deductions of £0.00 leave £60.02, so the deduction is £60.02.");
    // Other deductions leave £45.02 under the cap: enough for the minimum, not for £50.
    check(&range, Some("50"), "15", "45.02", "£50.00 asked is within the range of £40.01 to £80.03 a month: the deduction is £50.00. The overall cap on deductions is £60.02; other deductions of £15.00 leave £45.02, so the deduction is £45.02.");
    // Other deductions leave £20.02: below the minimum, so none.
    check(&range, Some("50"), "40", "0", "The overall cap on deductions is £60.02; other deductions of £40.00 leave £20.02, less than the minimum deduction for rent arrears of £40.01, so none can be made unless the DWP reduces another deduction.");
    check(&range, None, "70", "0", "The overall cap on deductions is £60.02; other deductions of £70.00 leave £0.00, less than the minimum deduction for rent arrears of £40.01, so none can be made unless the DWP reduces another deduction.");
}

#[test]
fn housing_costs_shortfall_for_a_discretionary_housing_payment() {
    // DOMAIN.md, "Benefits": a Discretionary Housing Payment can clear a shortfall.
    fn check(rent: &str, housing_costs: &str, expected: Option<&str>) {
        assert_eq!(
            housing_costs_shortfall(money(rent), money(housing_costs)),
            expected.map(money),
            "{rent} {housing_costs}"
        );
    }
    check("650.00", "600.00", Some("50.00"));
    check("433.333", "400", Some("33.33"));
    check("600.00", "600.00", None);
    check("500.00", "600.00", None);
    check("600.004", "600.00", None); // less than half a penny rounds to nothing
}

#[test]
fn household_and_request_kind_names() {
    let names: Vec<String> = Household::ALL
        .iter()
        .map(|household| serde_json::to_string(household).expect("serialise"))
        .collect();
    assert_eq!(
        names,
        [
            "\"single_under_25\"",
            "\"single_25_or_over\"",
            "\"couple_both_under_25\"",
            "\"couple_one_or_both_25_or_over\"",
        ]
    );
    assert_eq!(
        serde_json::to_string(&RequestKind::ArrearsDeduction).expect("serialise"),
        "\"arrears_deduction\""
    );
    assert_eq!(
        Household::CoupleOneOrBoth25OrOver.label(),
        "Couple, one or both 25 or over"
    );
}
