//! Each test is one legal rule, as a table of rows, citing the rule's source.

use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::calendar::{calendar, parse_calendar};
use super::fees::{fee_file, parse_fees};
use super::rules::parse_rule_sets;
use super::service::{parse_service_rules, service_rules};
use super::*;
use crate::rent_schedule::RentFrequency;
use crate::tenancy::Tenure;

fn date(text: &str) -> NaiveDate {
    NaiveDate::from_str(text).expect("test date")
}

fn money(text: &str) -> Decimal {
    Decimal::from_str(text).expect("test amount")
}

fn time(text: &str) -> NaiveTime {
    NaiveTime::from_str(text).expect("test time")
}

fn set(id: &str) -> &'static RuleSet {
    rule_set(id).expect("bundled rule set")
}

fn secure() -> &'static RuleSet {
    set(SECURE_RULE_SET_ID)
}

fn pre_rra() -> &'static RuleSet {
    set(ASSURED_PRE_RRA_RULE_SET_ID)
}

fn rra() -> &'static RuleSet {
    set(ASSURED_RRA_2025_RULE_SET_ID)
}

// ---------------------------------------------------------------- the embedded data

#[test]
fn embedded_data_parses_and_is_checked() {
    assert_eq!(rule_sets().expect("rule sets").len(), 3);
    let calendar = calendar().expect("calendar");
    assert_eq!((calendar.years_first, calendar.years_last), (2018, 2028));
    assert!(service_rules().is_ok());
    assert!(fee_file().is_ok());
    for window in calendar.holidays.windows(2) {
        assert!(
            window[0].date < window[1].date,
            "sorted: {:?}",
            window[0].date
        );
    }
    for holiday in &calendar.holidays {
        assert!((2018..=2028).contains(&holiday.date.year()));
    }
    for set in rule_sets().expect("rule sets") {
        assert!(set.id.is_ascii(), "{}", set.id);
    }
}

#[test]
fn settings_file_is_json_and_agrees_with_the_compiled_default_and_the_rule_set() {
    let settings: serde_json::Value =
        serde_json::from_str(include_str!("../../data/legal/settings.json")).expect("json");
    let written = settings["rra_social_assured_from"].as_str().expect("date");
    assert!(settings["source"]
        .as_str()
        .expect("source")
        .contains("[check"));
    let default = LegalSettings::default();
    assert_eq!(default.rra_social_assured_from, date(written));
    assert_eq!(default.rra_social_assured_from, date("2027-01-01"));
    assert_eq!(rra().effective_from, default.rra_social_assured_from);
}

#[test]
fn malformed_data_is_an_error_never_a_panic() {
    assert!(parse_rule_sets("{").is_err());
    assert!(parse_rule_sets(r#"{"rule_sets": []}"#).is_err());
    // A secure ground in an assured rule set.
    let wrong_tenure = include_str!("../../data/legal/rule_sets.json").replacen(
        "\"code\": \"assured_10\"",
        "\"code\": \"secure_1\"",
        1,
    );
    assert!(parse_rule_sets(&wrong_tenure).is_err());
    // A non-ASCII id (a Cyrillic "a").
    let cyrillic = include_str!("../../data/legal/rule_sets.json").replacen(
        "secure_ha1985_s83",
        "secure_h\u{0430}1985_s83",
        1,
    );
    assert!(parse_rule_sets(&cyrillic).is_err());
    let unsorted = r#"{"source": "s", "years_first": 2018, "years_last": 2018, "holidays": [
        {"date": "2018-12-25", "name": "Christmas Day"}, {"date": "2018-01-01", "name": "New Year"}]}"#;
    assert!(parse_calendar(unsorted).is_err());
    let weekend = include_str!("../../data/legal/bank_holidays_england_wales.json").replacen(
        "2026-12-28",
        "2026-12-26",
        1,
    );
    assert!(parse_calendar(&weekend).is_err());
    assert!(
        parse_service_rules(r#"{"source": "s", "cut_off_time": "16:30", "methods": []}"#).is_err()
    );
    let fraction =
        include_str!("../../data/legal/court_fees.json").replacen("404.00", "404.005", 1);
    assert!(parse_fees(&fraction).is_err());
}

// ---------------------------------------------------------------- bank holidays

/// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), to check the
/// hand-written Easter dates in the data independently.
fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("easter")
}

#[test]
fn good_friday_and_easter_monday_match_computed_easter() {
    // Source: GOV.UK bank holidays; Easter by the Gregorian computus.
    let calendar = calendar().expect("calendar");
    for year in 2018..=2028 {
        let easter = easter_sunday(year);
        for (offset_days, name) in [(-2_i64, "Good Friday"), (1, "Easter Monday")] {
            let expected = easter + chrono::Duration::days(offset_days);
            let found = calendar
                .holidays
                .iter()
                .find(|h| h.name == name && h.date.year() == year);
            assert_eq!(found.map(|h| h.date), Some(expected), "{name} {year}");
        }
    }
    assert_eq!(easter_sunday(2026), date("2026-04-05"));
    assert_eq!(easter_sunday(2027), date("2027-03-28"));
}

#[test]
fn bank_holidays_including_substitutes_and_one_offs() {
    // Source: GOV.UK bank holidays (https://www.gov.uk/bank-holidays), Banking and Financial
    // Dealings Act 1971 and royal proclamations.
    //    date           business day  why
    let rows = [
        (
            "2020-05-04",
            true,
            "2020: early May holiday moved to VE day",
        ),
        ("2020-05-08", false, "VE day 75"),
        ("2022-05-30", true, "2022: spring holiday moved to 2 June"),
        ("2022-06-02", false, "spring bank holiday 2022"),
        ("2022-06-03", false, "Platinum Jubilee"),
        ("2022-09-19", false, "State Funeral of Queen Elizabeth II"),
        ("2022-12-27", false, "Christmas Day substitute"),
        ("2023-01-02", false, "New Year's Day substitute"),
        ("2023-05-08", false, "coronation of King Charles III"),
        ("2026-12-28", false, "Boxing Day substitute"),
        ("2026-12-29", true, "an ordinary Tuesday"),
        ("2027-12-27", false, "Christmas Day substitute"),
        ("2027-12-28", false, "Boxing Day substitute"),
        ("2028-01-03", false, "New Year's Day substitute"),
        ("2027-03-26", false, "Good Friday 2027"),
        ("2027-03-29", false, "Easter Monday 2027"),
        ("2027-01-02", false, "a Saturday"),
        ("2027-01-04", true, "a Monday"),
    ];
    for (day, expected, why) in rows {
        assert_eq!(business_day(date(day)), Ok(expected), "{day}: {why}");
    }
}

#[test]
fn calendar_outside_the_data_is_refused_not_guessed() {
    for (day, year) in [
        ("2017-12-29", 2017),
        ("2029-01-02", 2029),
        ("2029-01-06", 2029),
    ] {
        assert_eq!(
            business_day(date(day)),
            Err(LegalError::CalendarNotKnown { year })
        );
    }
    // Counting forward off the end of the data is refused too.
    assert_eq!(
        add_business_days(date("2028-12-29"), 1),
        Err(LegalError::CalendarNotKnown { year: 2029 })
    );
    assert_eq!(
        next_business_day_on_or_after(date("2028-12-30")),
        Err(LegalError::CalendarNotKnown { year: 2029 })
    );
}

#[test]
fn business_day_arithmetic() {
    assert_eq!(
        next_business_day_on_or_after(date("2026-12-25")),
        Ok(date("2026-12-29"))
    );
    assert_eq!(
        next_business_day_on_or_after(date("2026-12-29")),
        Ok(date("2026-12-29"))
    );
    assert_eq!(
        add_business_days(date("2026-12-24"), 0),
        Ok(date("2026-12-24"))
    );
    assert_eq!(
        add_business_days(date("2026-12-24"), 2),
        Ok(date("2026-12-30"))
    );
    assert_eq!(
        add_business_days(date("2027-03-25"), 1),
        Ok(date("2027-03-30"))
    );
}

// ---------------------------------------------------------------- deemed service

#[test]
fn deemed_service_by_method() {
    // Source: CPR 6.26, applied by convention; a tenancy agreement's own notice clause may
    // differ [check]. Second class post: the fourth business day, by Doorstep's caution.
    use ServiceMethod::*;
    //    method           served on      at             deemed served
    let rows: [(ServiceMethod, &str, Option<&str>, &str); 14] = [
        // Thursday 24 Dec 2026: 25 Fri BH, 26 Sat, 27 Sun, 28 Mon BH (Boxing Day substitute),
        // 29 Tue is the first business day after posting, 30 Wed the second.
        (FirstClassPost, "2026-12-24", None, "2026-12-30"),
        (FirstClassPost, "2026-12-24", Some("09:00"), "2026-12-30"),
        // Friday: CPR 6.26 read literally gives Monday (Sunday is not a business day, so the
        // next one); two business days gives Tuesday, the later date.
        (FirstClassPost, "2027-03-05", None, "2027-03-09"),
        (SecondClassPost, "2027-03-01", None, "2027-03-05"),
        (SecondClassPost, "2027-03-24", None, "2027-04-01"),
        (LeftAtProperty, "2027-03-04", Some("16:29"), "2027-03-04"),
        (LeftAtProperty, "2027-03-04", Some("16:30"), "2027-03-05"),
        (LeftAtProperty, "2027-03-04", Some("16:31"), "2027-03-05"),
        (LeftAtProperty, "2027-03-04", None, "2027-03-05"),
        (LeftAtProperty, "2027-03-05", Some("17:00"), "2027-03-08"),
        (LeftAtProperty, "2027-03-06", Some("10:00"), "2027-03-08"),
        (ByHand, "2026-12-24", Some("10:00"), "2026-12-24"),
        (ByHand, "2026-12-24", Some("17:00"), "2026-12-29"),
        (ByHand, "2026-12-25", Some("10:00"), "2026-12-29"),
    ];
    for (method, served_on, at, expected) in rows {
        assert_eq!(
            deemed_service(method, date(served_on), at.map(time)),
            Ok(date(expected)),
            "{method:?} {served_on} {at:?}"
        );
    }
}

// ---------------------------------------------------------------- which rule set

#[test]
fn assured_rule_set_changes_on_the_rra_date_by_deemed_service() {
    // Source: settings.json / DOMAIN.md: the Renters' Rights Act 2025 reaches social assured
    // tenancies from 1 January 2027 [check]. The day before: old rules; on the day: new.
    let settings = LegalSettings::default();
    let rows = [
        (Tenure::Assured, "2026-12-31", ASSURED_PRE_RRA_RULE_SET_ID),
        (Tenure::Assured, "2027-01-01", ASSURED_RRA_2025_RULE_SET_ID),
        // HA 1985 s83 is taken as unchanged by the RRA [check]: one set either side.
        (Tenure::Secure, "2026-12-31", SECURE_RULE_SET_ID),
        (Tenure::Secure, "2027-01-01", SECURE_RULE_SET_ID),
    ];
    for (tenure, served_on, expected) in rows {
        let chosen = rule_set_for(tenure, date(served_on), &settings).expect("in force");
        assert_eq!(chosen.id, expected, "{tenure:?} {served_on}");
    }
}

#[test]
fn rule_sets_start_on_their_effective_dates() {
    // Source: HA 1985 s83 as substituted by HA 1996 s147 [check date]; HA 1988 s8 as amended
    // by HA 1996 ss101, 151 [check date].
    let settings = LegalSettings::default();
    for (tenure, first_day) in [
        (Tenure::Secure, "1997-02-12"),
        (Tenure::Assured, "1997-02-28"),
    ] {
        let first_day = date(first_day);
        let day_before = first_day.pred_opt().expect("date");
        assert!(rule_set_for(tenure, first_day, &settings).is_ok());
        assert!(matches!(
            rule_set_for(tenure, day_before, &settings),
            Err(LegalError::RuleSetNotInForce { .. })
        ));
    }
}

#[test]
fn starter_tenancies_and_licences_are_refused() {
    // Introductory tenancies: Housing Act 1996 s128; licences end by notice to quit.
    let settings = LegalSettings::default();
    for tenure in [Tenure::Starter, Tenure::Licence] {
        let refused = rule_set_for(tenure, date("2027-03-01"), &settings);
        assert!(
            matches!(refused, Err(LegalError::TenureOutOfScope { .. })),
            "{tenure:?}"
        );
        let words = refused.expect_err("refused").to_string();
        assert!(words.contains("ask the legal team"), "{words}");
    }
}

#[test]
fn settings_that_disagree_with_the_rule_data_are_refused() {
    // The RRA set's date is printed on every notice, so it must match the switch.
    let settings = LegalSettings {
        rra_social_assured_from: date("2027-04-01"),
    };
    assert!(matches!(
        rule_set_for(Tenure::Assured, date("2027-05-01"), &settings),
        Err(LegalError::SettingsDisagreeWithRuleSet { .. })
    ));
    assert!(rule_set_for(Tenure::Secure, date("2027-05-01"), &settings).is_ok());
}

#[test]
fn citation_names_statute_date_and_rule_set() {
    assert_eq!(
        rra().citation(),
        "Housing Act 1988 s8 as amended by the Renters' Rights Act 2025, in force for this tenancy from 1 January 2027 (rule set assured_ha1988_s8_rra2025)"
    );
    assert!(secure()
        .citation()
        .starts_with("Housing Act 1985 s83, in force"));
    assert_eq!(secure().notice_name, "Notice of Seeking Possession");
    assert_eq!(pre_rra().notice_name, "Notice seeking possession (Form 3)");
}

// ---------------------------------------------------------------- notice dates

fn weekly_from_monday() -> TenancyPeriods {
    TenancyPeriods::Weekly {
        a_period_starts_on: date("2027-01-04"),
    }
}

fn check_dates(
    rule_set: &RuleSet,
    deemed: &str,
    rent: TenancyPeriods,
    expected: (&str, &str, &str),
) {
    let dates = notice_dates(rule_set, date(deemed), rent).expect("dates");
    let got = (
        dates.date_specified,
        dates.proceedings_from,
        dates.expires_on,
    );
    let want = (date(expected.0), date(expected.1), date(expected.2));
    assert_eq!(got, want, "{} deemed {deemed} {rent:?}", rule_set.id);
    assert_eq!(dates.rule_set_id, rule_set.id);
}

#[test]
fn assured_pre_rra_two_weeks_proceedings_on_the_date_twelve_months_from_service() {
    // Source: HA 1988 s8(4B) (two weeks for Grounds 8, 10, 11), s8(3)(b) (not earlier than the
    // date specified), s8(3)(c) (not later than twelve months from service).
    //                     deemed        specified     proceedings   last day
    check_dates(
        pre_rra(),
        "2026-03-02",
        weekly_from_monday(),
        ("2026-03-16", "2026-03-16", "2027-03-01"),
    );
    check_dates(
        pre_rra(),
        "2026-12-31",
        weekly_from_monday(),
        ("2027-01-14", "2027-01-14", "2027-12-30"),
    );
}

#[test]
fn assured_rra_four_weeks() {
    // Source: HA 1988 s8 as amended by the Renters' Rights Act 2025: four weeks for Grounds 8,
    // 10 and 11 [check exact section]; life kept at twelve months from service [check].
    check_dates(
        rra(),
        "2027-01-01",
        weekly_from_monday(),
        ("2027-01-29", "2027-01-29", "2027-12-31"),
    );
    check_dates(
        rra(),
        "2027-01-04",
        TenancyPeriods::Monthly { day_of_month: 1 },
        ("2027-02-01", "2027-02-01", "2028-01-03"),
    );
}

#[test]
fn secure_four_weeks_ending_at_a_period_end_proceedings_after_the_date() {
    // Source: HA 1985 s83(5) with Protection from Eviction Act 1977 s5 (at least four weeks,
    // and no earlier than a notice to quit could end the tenancy: the last day of a period);
    // s83A(1) (proceedings after the date specified); s83(4)(b) (twelve months after it).
    // Weekly, Monday to Sunday: deemed Monday 1 March; 28 days on is Monday 29 March; the
    // first Sunday on or after it is 4 April.
    check_dates(
        secure(),
        "2027-03-01",
        weekly_from_monday(),
        ("2027-04-04", "2027-04-05", "2028-04-03"),
    );
    // Fortnightly from Monday 4 January: periods 1–14 February, ...; deemed 6 January, 28 days
    // on is 3 February, inside the period ending 14 February.
    let fortnightly = TenancyPeriods::Fortnightly {
        a_period_starts_on: date("2027-01-04"),
    };
    check_dates(
        secure(),
        "2027-01-06",
        fortnightly,
        ("2027-02-14", "2027-02-15", "2028-02-13"),
    );
    // Monthly from the 1st: deemed 3 January; 28 days on is 31 January, but January's period
    // began before service, so not a full period: 28 February.
    let monthly = TenancyPeriods::Monthly { day_of_month: 1 };
    check_dates(
        secure(),
        "2027-01-03",
        monthly,
        ("2027-02-28", "2027-03-01", "2028-02-27"),
    );
    // Served the day before a period starts: that whole period counts.
    check_dates(
        secure(),
        "2026-12-31",
        monthly,
        ("2027-01-31", "2027-02-01", "2028-01-30"),
    );
    // Monthly on the 31st is clamped: periods start 31 January, 28 February, 31 March.
    let month_end = TenancyPeriods::Monthly { day_of_month: 31 };
    check_dates(
        secure(),
        "2027-01-15",
        month_end,
        ("2027-02-27", "2027-02-28", "2028-02-26"),
    );
    // Four-weekly: periods start 4 January, 1 February, 1 March.
    let four_weekly = TenancyPeriods::FourWeekly {
        a_period_starts_on: date("2027-01-04"),
    };
    check_dates(
        secure(),
        "2027-01-04",
        four_weekly,
        ("2027-02-28", "2027-03-01", "2028-02-27"),
    );
    // Twelve months on from 29 February is clamped to 28 February, and the day before is the
    // last day.
    let leap = TenancyPeriods::Monthly { day_of_month: 1 };
    check_dates(
        secure(),
        "2028-01-20",
        leap,
        ("2028-02-29", "2028-03-01", "2029-02-27"),
    );
}

#[test]
fn notice_dates_refuse_a_service_date_before_the_rule_set() {
    assert!(matches!(
        notice_dates(rra(), date("2026-12-31"), weekly_from_monday()),
        Err(LegalError::RuleSetNotInForce { .. })
    ));
    assert_eq!(
        notice_dates(
            secure(),
            date("2027-01-04"),
            TenancyPeriods::Monthly { day_of_month: 32 }
        ),
        Err(LegalError::DayOfMonthInvalid { day_of_month: 32 })
    );
}

// ---------------------------------------------------------------- grounds

fn facts(arrears: &str, rent: &str, frequency: RentFrequency) -> ArrearsFacts {
    ArrearsFacts {
        arrears: money(arrears),
        rent_per_period: money(rent),
        frequency,
        uc_arrears_to_disregard: Decimal::ZERO,
    }
}

#[test]
fn ground_8_thresholds_exactly_and_a_penny_below() {
    use RentFrequency::*;
    // Sources: HA 1988 Sch 2 Ground 8 as amended by HA 1996 s101 (8 weeks / 2 months);
    // as amended by the Renters' Rights Act 2025 s3 and Sch 1 (13 weeks / 3 months).
    // 4-weekly rent is measured in weeks [check].
    //    rule set   arrears    rent      frequency    met
    let rows = [
        (pre_rra(), "800.00", "100.00", Weekly, true),
        (pre_rra(), "799.99", "100.00", Weekly, false),
        (pre_rra(), "1000.00", "500.00", Monthly, true),
        (pre_rra(), "999.99", "500.00", Monthly, false),
        (pre_rra(), "800.00", "200.00", Fortnightly, true),
        (pre_rra(), "799.99", "400.00", FourWeekly, false),
        (rra(), "1300.00", "100.00", Weekly, true),
        (rra(), "1299.99", "100.00", Weekly, false),
        (rra(), "1500.00", "500.00", Monthly, true),
        (rra(), "1499.99", "500.00", Monthly, false),
        (rra(), "1300.00", "200.00", Fortnightly, true),
        (rra(), "1300.00", "400.00", FourWeekly, true),
        (rra(), "1299.99", "400.00", FourWeekly, false),
        // No rounding before comparing: 13 × £100.005 is £1,300.065.
        (rra(), "1300.06", "200.01", Fortnightly, false),
        (rra(), "1300.07", "200.01", Fortnightly, true),
    ];
    for (rule_set, arrears, rent, frequency, met) in rows {
        let outcome = check_grounds(
            rule_set,
            &[GroundCode::Assured8],
            &facts(arrears, rent, frequency),
            date("2027-06-01"),
            None,
        );
        assert_eq!(
            outcome.is_ok(),
            met,
            "{} {arrears} at {rent} {frequency:?}: {outcome:?}",
            rule_set.id
        );
    }
}

#[test]
fn ground_8_refusal_names_the_figures() {
    let refused = check_grounds(
        rra(),
        &[GroundCode::Assured8],
        &facts("1250.00", "100.00", RentFrequency::Weekly),
        date("2027-06-01"),
        None,
    )
    .expect_err("below");
    assert_eq!(
        refused[0].message,
        "Ground 8 needs at least 13 weeks' rent unpaid (£1,300.00 at £100.00 a week) when the notice is served; the arrears are £1,250.00 (12.5 weeks)"
    );
    // A penny short is never shown as the threshold itself.
    let refused = check_grounds(
        rra(),
        &[GroundCode::Assured8],
        &facts("1499.99", "500.00", RentFrequency::Monthly),
        date("2027-06-01"),
        None,
    )
    .expect_err("below");
    assert!(
        refused[0]
            .message
            .ends_with("the arrears are £1,499.99 (2.99 months)"),
        "{}",
        refused[0].message
    );
}

#[test]
fn ground_8_after_the_rra_disregards_universal_credit_not_yet_paid() {
    // Source: HA 1988 Sch 2 Ground 8 as amended by the Renters' Rights Act 2025 [check wording].
    let mut account = facts("1400.00", "100.00", RentFrequency::Weekly);
    account.uc_arrears_to_disregard = money("150.00");
    let refused = check_grounds(
        rra(),
        &[GroundCode::Assured8],
        &account,
        date("2027-06-01"),
        None,
    )
    .expect_err("below once disregarded");
    assert!(
        refused[0]
            .message
            .contains("less £150.00 of Universal Credit"),
        "{}",
        refused[0].message
    );
    assert!(refused[0].message.contains("£1,250.00 (12.5 weeks)"));
    // Before the RRA nothing is disregarded.
    assert!(check_grounds(
        pre_rra(),
        &[GroundCode::Assured8],
        &account,
        date("2026-06-01"),
        None
    )
    .is_ok());
}

#[test]
fn ground_8_is_checked_again_at_the_hearing() {
    // Source: HA 1988 Sch 2 Ground 8: the arrears must meet it at service AND at the hearing.
    let hearing = date("2027-05-04");
    assert!(check_ground_8_at_hearing(
        pre_rra(),
        &facts("800.00", "100.00", RentFrequency::Weekly),
        hearing
    )
    .is_ok());
    let refused = check_ground_8_at_hearing(
        pre_rra(),
        &facts("700.00", "100.00", RentFrequency::Weekly),
        hearing,
    )
    .expect_err("below");
    assert!(
        refused.message.contains("at the hearing on 4 May 2027"),
        "{}",
        refused.message
    );
    let secure_refused = check_ground_8_at_hearing(
        secure(),
        &facts("9000.00", "100.00", RentFrequency::Weekly),
        hearing,
    )
    .expect_err("no ground 8 for secure tenancies");
    assert_eq!(
        secure_refused.reason,
        RefusalReason::GroundNotInRuleSet {
            ground: GroundCode::Assured8
        }
    );
}

#[test]
fn some_rent_unpaid_grounds_and_ground_11() {
    // Sources: HA 1985 Sch 2 Ground 1; HA 1988 Sch 2 Ground 10 (some rent unpaid at service);
    // Ground 11 (persistent delay: no threshold, the history is the evidence).
    //    rule set   ground                 arrears  met
    let rows = [
        (secure(), GroundCode::Secure1, "0.01", true),
        (secure(), GroundCode::Secure1, "0.00", false),
        (pre_rra(), GroundCode::Assured10, "0.01", true),
        (pre_rra(), GroundCode::Assured10, "-5.00", false),
        (rra(), GroundCode::Assured10, "0.00", false),
        (rra(), GroundCode::Assured11, "0.00", true),
    ];
    for (rule_set, ground, arrears, met) in rows {
        let outcome = check_grounds(
            rule_set,
            &[ground],
            &facts(arrears, "100.00", RentFrequency::Weekly),
            date("2027-06-01"),
            None,
        );
        assert_eq!(outcome.is_ok(), met, "{} {ground:?} {arrears}", rule_set.id);
    }
}

#[test]
fn breathing_space_refuses_a_notice_until_its_last_day() {
    // Source: Debt Respite Scheme (Breathing Space Moratorium and Mental Health Crisis
    // Moratorium) (England and Wales) Regulations 2020, reg 7.
    let account = facts("2000.00", "100.00", RentFrequency::Weekly);
    let until = Some(date("2027-03-03"));
    let refused = check_grounds(
        rra(),
        &[GroundCode::Assured10],
        &account,
        date("2027-03-03"),
        until,
    )
    .expect_err("last day of the moratorium");
    assert_eq!(
        refused[0].message,
        "A Breathing Space moratorium is in force until 3 March 2027: no arrears notice may be served (Debt Respite Scheme (Breathing Space Moratorium and Mental Health Crisis Moratorium) (England and Wales) Regulations 2020, reg 7)"
    );
    assert!(check_grounds(
        rra(),
        &[GroundCode::Assured10],
        &account,
        date("2027-03-04"),
        until
    )
    .is_ok());
}

#[test]
fn grounds_of_another_tenure_and_no_grounds_are_refused() {
    let account = facts("2000.00", "100.00", RentFrequency::Weekly);
    let on = date("2027-06-01");
    let refused = check_grounds(secure(), &[GroundCode::Assured8], &account, on, None)
        .expect_err("assured ground");
    assert_eq!(
        refused[0].reason,
        RefusalReason::GroundNotInRuleSet {
            ground: GroundCode::Assured8
        }
    );
    assert!(
        refused[0]
            .message
            .contains("not a ground for a secure tenancy"),
        "{}",
        refused[0].message
    );
    let refused = check_grounds(rra(), &[GroundCode::Secure1], &account, on, None)
        .expect_err("secure ground");
    assert_eq!(
        refused[0].reason,
        RefusalReason::GroundNotInRuleSet {
            ground: GroundCode::Secure1
        }
    );
    let refused = check_grounds(rra(), &[], &account, on, None).expect_err("no grounds");
    assert_eq!(refused[0].reason, RefusalReason::NoGrounds);
    // Every problem is listed: Breathing Space and a ground below its threshold.
    let short = facts("100.00", "100.00", RentFrequency::Weekly);
    let refused = check_grounds(
        rra(),
        &[GroundCode::Assured8, GroundCode::Assured10],
        &short,
        on,
        Some(on),
    )
    .expect_err("two problems");
    assert_eq!(refused.len(), 2);
}

// ---------------------------------------------------------------- court fees

#[test]
fn court_fees_from_8_april_2025() {
    // Source: Civil Proceedings Fees Order 2008 (as amended), Sch 1; HMCTS EX50 [check].
    let on = date("2025-04-08");
    let rows = [
        (CourtFeeKind::PossessionClaimPaper, "404"),
        (CourtFeeKind::WarrantOfPossession, "148"),
        (CourtFeeKind::ApplicationOnNotice, "313"),
        (CourtFeeKind::ApplicationByConsentOrWithoutNotice, "119"),
    ];
    for (kind, amount) in rows {
        assert_eq!(court_fee(kind, on), Ok(money(amount)), "{kind:?}");
        assert_eq!(
            court_fee(kind, date("2027-01-01")),
            Ok(money(amount)),
            "{kind:?}"
        );
        assert!(matches!(
            court_fee(kind, date("2025-04-07")),
            Err(LegalError::FeeNotKnown { .. })
        ));
    }
}

// ---------------------------------------------------------------- properties

fn any_periods() -> impl Strategy<Value = TenancyPeriods> {
    let anchor = (0_u64..400).prop_map(|offset| date("2026-01-01") + Days::new(offset));
    prop_oneof![
        anchor
            .clone()
            .prop_map(|a_period_starts_on| TenancyPeriods::Weekly { a_period_starts_on }),
        anchor
            .clone()
            .prop_map(|a_period_starts_on| TenancyPeriods::Fortnightly { a_period_starts_on }),
        anchor.prop_map(|a_period_starts_on| TenancyPeriods::FourWeekly { a_period_starts_on }),
        (1_u32..=31).prop_map(|day_of_month| TenancyPeriods::Monthly { day_of_month }),
    ]
}

proptest! {
    #[test]
    fn notice_dates_keep_their_order(
        deemed_offset in 0_u64..3_600,
        rent in any_periods(),
        which in 0_usize..3,
    ) {
        let rule_set = [secure(), pre_rra(), rra()][which];
        let deemed = date("2018-01-01") + Days::new(deemed_offset);
        prop_assume!(deemed >= rule_set.effective_from);
        let dates = notice_dates(rule_set, deemed, rent).expect("dates");
        let period_days = Days::new(u64::from(rule_set.notice_period.days_min));
        prop_assert!(dates.date_specified >= deemed + period_days);
        prop_assert!(dates.proceedings_from >= dates.date_specified);
        prop_assert!(dates.expires_on > dates.proceedings_from);
        if rule_set.period_end.rule == PeriodEnd::LastDayOfRentPeriod {
            prop_assert!(rent.is_period_end(dates.date_specified).expect("date"));
            // The whole last period falls after service.
            prop_assert!(dates.date_specified >= deemed + Days::new(7));
        }
    }

    #[test]
    fn deemed_service_is_a_business_day_not_before_service(
        offset in 0_u64..3_900,
        method_index in 0_usize..4,
        minutes in proptest::option::of(0_u32..1_440),
    ) {
        let served_on = date("2018-01-01") + Days::new(offset);
        let at = minutes.and_then(|m| NaiveTime::from_hms_opt(m / 60, m % 60, 0));
        let method = ServiceMethod::ALL[method_index];
        let deemed = deemed_service(method, served_on, at).expect("inside the calendar");
        prop_assert!(deemed >= served_on);
        prop_assert!(business_day(deemed).expect("known"));
        prop_assert!(deemed.weekday() != Weekday::Sat && deemed.weekday() != Weekday::Sun);
    }
}
