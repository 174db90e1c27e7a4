//! The court work in the demo: protocol evidence, notices and claims, checked against the
//! domain's own rules rather than against the demo's code.

use chrono::NaiveTime;
use doorstep_domain::arrangement::{ArrangementKind, ArrangementState};
use doorstep_domain::claim::{arrears_schedule, first_date_of_default};
use doorstep_domain::escalation::default_policy;
use doorstep_domain::legal::{
    court_fee, deemed_service, notice_dates, rule_set_for, CourtFeeKind, LegalSettings,
    ServiceMethod, TenancyPeriods,
};
use doorstep_domain::protocol::{checklist, Evidence, EvidenceKind, ProtocolContext, Requirement};
use doorstep_domain::worklist::{next_action, WorklistAction};

use super::*;

/// A year after `today()`: late enough that 2025's court fees apply to the claims.
fn court_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

fn court_caseload(seed: u64) -> DemoCaseload {
    generate(&DemoOptions::new(seed, court_today()))
}

/// The patches the tests look at: two seeds, two todays, 400 accounts each.
fn patches() -> Vec<(NaiveDate, DemoCaseload)> {
    vec![
        (court_today(), court_caseload(2026)),
        (court_today(), court_caseload(7)),
        (today(), caseload(1, 400)),
    ]
}

/// As the court file maps the rent schedule (`CourtRecords::tenancy_periods` in core).
fn tenancy_periods(account: &RentAccount) -> TenancyPeriods {
    let start = account
        .schedule
        .starts_on()
        .unwrap_or(account.tenancy_start);
    match account.schedule.frequency {
        RentFrequency::Weekly => TenancyPeriods::Weekly {
            a_period_starts_on: start,
        },
        RentFrequency::Fortnightly => TenancyPeriods::Fortnightly {
            a_period_starts_on: start,
        },
        RentFrequency::FourWeekly => TenancyPeriods::FourWeekly {
            a_period_starts_on: start,
        },
        RentFrequency::Monthly => TenancyPeriods::Monthly {
            day_of_month: chrono::Datelike::day(&start),
        },
    }
}

fn tenants(account: &RentAccount) -> Vec<String> {
    account
        .people
        .iter()
        .filter(|person| matches!(person.role, PersonRole::Tenant | PersonRole::JointTenant))
        .map(|person| person.full_name.clone())
        .collect()
}

#[test]
fn most_accounts_in_arrears_have_quarterly_statements() {
    for (today, caseload) in patches() {
        let mut met = 0;
        let mut missing = 0;
        for (account, work) in caseload.accounts.iter().zip(&caseload.work) {
            let arrears = true_arrears_today(account, balance(&account.entries), today);
            if arrears < Decimal::from(10) {
                continue;
            }
            let evidence: Vec<Evidence> = work
                .diary
                .iter()
                .filter(|entry| entry.code == "rent_statement")
                .map(|entry| Evidence {
                    on: entry.happened_on,
                    kind: EvidenceKind::RentStatement,
                    description: entry.note.clone(),
                })
                .collect();
            let context = ProtocolContext {
                as_at: today,
                arrears_since: first_date_of_default(&account.entries, today),
                claims_universal_credit: false,
            };
            let statements = checklist(&evidence, &context)
                .into_iter()
                .find(|item| item.requirement == Requirement::QuarterlyStatements)
                .expect("the checklist lists every requirement");
            if statements.is_missing() {
                missing += 1;
            } else {
                met += 1;
            }
        }
        println!("{today}: statements met {met}, missing {missing}");
        let in_arrears = met + missing;
        assert!(in_arrears >= 50, "{in_arrears}");
        // Most are kept quarterly (about 85% by design, less the newest arrears), and some
        // deliberately not, so the checklist has something to point out.
        assert!(met * 100 >= in_arrears * 70, "met {met} of {in_arrears}");
        assert!(
            missing * 100 >= in_arrears * 5,
            "missing {missing} of {in_arrears}"
        );
    }
}

#[test]
fn other_protocol_evidence_is_recorded() {
    let caseload = court_caseload(2026);
    let with_code = |code: &str| {
        caseload
            .work
            .iter()
            .filter(|work| work.diary.iter().any(|entry| entry.code == code))
            .count()
    };
    for code in [
        "money_advice_referral",
        "benefit_advice",
        "vulnerability_considered",
    ] {
        assert!(with_code(code) >= 10, "{code}: {}", with_code(code));
    }
    // Before serving a notice, vulnerability is usually considered.
    let notices = caseload.work.iter().filter(|work| !work.notices.is_empty());
    let (considered, served) = notices.fold((0, 0), |(considered, served), work| {
        let first_notice = work.notices[0].served_on;
        let before = work.diary.iter().any(|entry| {
            entry.code == "vulnerability_considered" && entry.happened_on <= first_notice
        });
        (considered + usize::from(before), served + 1)
    });
    assert!(considered * 2 >= served, "{considered} of {served}");
}

#[test]
fn notices_have_the_dates_the_legal_module_gives() {
    let served_at = NaiveTime::from_hms_opt(10, 30, 0).expect("time");
    let mut notices_count = 0;
    for (today, caseload) in patches() {
        for (account, work) in caseload.accounts.iter().zip(&caseload.work) {
            let reference = &account.payment_reference;
            let steps: Vec<NaiveDate> = work
                .diary
                .iter()
                .filter(|entry| entry.code == "notice")
                .map(|entry| entry.happened_on)
                .collect();
            let served: Vec<NaiveDate> =
                work.notices.iter().map(|notice| notice.served_on).collect();
            // Every tenancy in the demo is secure or assured, which the legal module covers.
            assert_eq!(served, steps, "{reference}");
            for notice in &work.notices {
                notices_count += 1;
                // Drafted before the time of service is known, as the app drafts.
                let deemed_for_draft =
                    deemed_service(ServiceMethod::ByHand, notice.served_on, None).expect("deemed");
                let rule_set =
                    rule_set_for(account.tenure, deemed_for_draft, &LegalSettings::default())
                        .expect("rule set");
                let dates = notice_dates(rule_set, deemed_for_draft, tenancy_periods(account))
                    .expect("dates");
                assert_eq!(notice.rule_set_id, dates.rule_set_id, "{reference}");
                assert_eq!(notice.date_specified, dates.date_specified, "{reference}");
                assert_eq!(
                    notice.proceedings_from, dates.proceedings_from,
                    "{reference}"
                );
                assert_eq!(notice.expires_on, dates.expires_on, "{reference}");
                let expected_kind = if account.tenure == Tenure::Secure {
                    "nosp"
                } else {
                    "form_3"
                };
                assert_eq!(notice.kind, expected_kind, "{reference}");
                assert!(notice.served_on < today, "{reference}");
                assert_eq!(notice.arrears, balance_on(account, notice.served_on));
                assert!(notice.arrears > Decimal::ZERO, "{reference}");
                match account.tenure {
                    Tenure::Secure => assert_eq!(notice.grounds, ["1"], "{reference}"),
                    _ => assert!(notice
                        .grounds
                        .ends_with(&["10".to_string(), "11".to_string()])),
                }
                // Served by hand that morning on each tenant and joint tenant.
                let names: Vec<String> = notice
                    .services
                    .iter()
                    .map(|service| service.person_name.clone())
                    .collect();
                assert_eq!(names, tenants(account), "{reference}");
                let deemed =
                    deemed_service(ServiceMethod::ByHand, notice.served_on, Some(served_at))
                        .expect("deemed");
                for service in &notice.services {
                    assert_eq!(service.deemed_served_on, deemed, "{reference}");
                }
                // The app would accept that service: the date in the notice is not too early.
                let at_service = notice_dates(rule_set, deemed, tenancy_periods(account))
                    .expect("dates at service");
                assert!(
                    at_service.date_specified <= notice.date_specified,
                    "{reference}"
                );
            }
        }
    }
    assert!(notices_count >= 10, "{notices_count}");
}

#[test]
fn some_claims_reach_a_suspended_order() {
    let policy = default_policy();
    let mut order_states = Vec::new();
    for (today, caseload) in patches() {
        let mut claims_count = 0;
        for (account, work) in caseload.accounts.iter().zip(&caseload.work) {
            let reference = &account.payment_reference;
            assert!(work.claims.len() <= 1, "{reference}");
            for claim in &work.claims {
                claims_count += 1;
                let notice = &work.notices[claim.notice_index];
                assert!(notice.proceedings_from <= claim.issued_on, "{reference}");
                assert!(claim.issued_on <= notice.expires_on, "{reference}");
                let hearing_on = claim.hearing.hearing_on;
                let weeks_to_hearing = (hearing_on - claim.issued_on).num_weeks();
                assert!((5..=7).contains(&weeks_to_hearing), "{reference}");
                assert!(hearing_on < today, "{reference}");
                assert_eq!(claim.hearing.outcome, "SOT");
                assert!(claim.claim_number.starts_with("K1QZ"));
                assert_eq!(claim.claim_number.len(), 8);
                assert!(claim.claim_number[4..].chars().all(|c| c.is_ascii_digit()));
                assert!(
                    claim.court.starts_with("County Court at "),
                    "{}",
                    claim.court
                );
                assert_eq!(
                    claim.amount_due,
                    arrears_schedule(&account.entries, claim.issued_on).closing_balance
                );
                assert_eq!(
                    Ok(claim.fee),
                    court_fee(CourtFeeKind::PossessionClaimPaper, claim.issued_on)
                );
                let terms = work.arrangement.as_ref().expect("the order's terms");
                assert_eq!(terms.kind, ArrangementKind::CourtOrdered, "{reference}");
                assert_eq!(terms.agreed_on, hearing_on);
                assert_eq!(terms.starting_balance, balance_on(account, hearing_on));
                for (code, on) in [
                    ("claim_issued", claim.issued_on),
                    ("hearing_outcome", hearing_on),
                ] {
                    assert!(
                        work.diary
                            .iter()
                            .any(|entry| entry.code == code && entry.happened_on == on),
                        "{reference}: {code}"
                    );
                }
                let situation = situation_today(account, work, today);
                let state = situation.arrangement.as_ref().map(|check| check.state);
                let action = next_action(&situation, &policy, today).action;
                if state == Some(ArrangementState::Breached) {
                    assert_eq!(action, WorklistAction::Warrant, "{reference}");
                }
                order_states.push(state);
            }
        }
        println!("{today}: {claims_count} claims");
        assert!(claims_count >= 1, "{today}");
    }
    println!("{order_states:?}");
    // Some orders broken, so the worklist asks for a warrant.
    assert!(order_states.contains(&Some(ArrangementState::Breached)));
}

#[test]
fn nothing_happens_after_today() {
    for (today, caseload) in patches() {
        for (account, work) in caseload.accounts.iter().zip(&caseload.work) {
            let reference = &account.payment_reference;
            let mut happened: Vec<NaiveDate> =
                work.diary.iter().map(|entry| entry.happened_on).collect();
            happened.extend(work.notices.iter().map(|notice| notice.served_on));
            happened.extend(work.claims.iter().map(|claim| claim.issued_on));
            happened.extend(work.claims.iter().map(|claim| claim.hearing.hearing_on));
            happened.extend(work.arrangement.iter().map(|terms| terms.agreed_on));
            assert!(happened.iter().all(|on| *on <= today), "{reference}");
        }
    }
}

#[test]
fn court_work_is_reproducible() {
    let started = std::time::Instant::now();
    let first = court_caseload(2026);
    println!("400 accounts generated in {:?}", started.elapsed());
    assert_eq!(first, court_caseload(2026));
    assert_eq!(
        format!("{:?}", first.work),
        format!("{:?}", court_caseload(2026).work)
    );
    let mut smaller = DemoOptions::new(2026, court_today());
    smaller.accounts_count = 120;
    assert_eq!(generate(&smaller).work[..], first.work[..120]);
}
