//! Each rule is a row with its source. `check` is the only caller of `may_discuss`, and `warnings`
//! the only caller of `contentious_step_warnings`, so a change of signature touches one function.

use chrono::NaiveDate;

use super::*;

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a real date in a test")
}

fn today() -> NaiveDate {
    date(2027, 3, 3)
}

fn authority(kind: RepresentativeKind, covers: &[Scope]) -> Authority {
    Authority {
        kind,
        covers: covers.to_vec(),
        evidence_reference: "REF-1".to_string(),
        seen_on: date(2026, 1, 5),
        seen_by: "A. Officer".to_string(),
        expires_on: None,
        litigation_authorised_by_court: false,
    }
}

fn consent(covers: &[Scope]) -> Consent {
    Consent {
        given_on: date(2026, 6, 1),
        expires_on: None,
        covers: covers.to_vec(),
        recorded_by: "A. Officer".to_string(),
    }
}

fn person(authority: Option<Authority>, consents: Vec<Consent>) -> PersonAuthority {
    PersonAuthority {
        name: "Jane Smith".to_string(),
        authority,
        consents,
    }
}

/// Asserts the answer and that the words name the person; returns the check for more asserts.
fn check(
    person: &PersonAuthority,
    topic: Topic,
    on: NaiveDate,
    allowed: bool,
    source: &str,
) -> AuthorityCheck {
    let answer = may_discuss(person, topic, on);
    assert_eq!(
        answer.allowed, allowed,
        "{topic:?} on {on} ({source}): {}",
        answer.words
    );
    assert_eq!(
        answer.basis.is_some(),
        allowed,
        "a basis exactly when allowed ({source})"
    );
    assert!(
        answer.words.contains(&person.name),
        "words name the person: {}",
        answer.words
    );
    answer
}

fn warnings(people: &[PersonAuthority], step: ContentiousStep) -> Vec<String> {
    contentious_step_warnings(people, step, today())
}

#[test]
fn appointee_may_discuss_benefits_only_whatever_was_recorded() {
    // Social Security (Claims and Payments) Regulations 1987 reg 33: the appointment is to
    // claim and receive benefits; it gives no authority over the rent account itself.
    let source = APPOINTEE_SOURCE;
    let recorded_too_much = &[
        Scope::Benefits,
        Scope::Finances,
        Scope::DiscussAccount,
        Scope::Litigation,
    ];
    let appointee = person(
        Some(authority(RepresentativeKind::Appointee, recorded_too_much)),
        vec![],
    );
    //     person      topic                on       allowed  source
    check(&appointee, Topic::Benefits, today(), true, source);
    check(&appointee, Topic::Arrears, today(), false, source);
    check(&appointee, Topic::Arrangement, today(), false, source);
    check(&appointee, Topic::LegalAction, today(), false, source);
}

#[test]
fn words_name_the_person_the_role_and_the_reason() {
    // Social Security (Claims and Payments) Regulations 1987 reg 33.
    let appointee = person(
        Some(authority(RepresentativeKind::Appointee, &[Scope::Benefits])),
        vec![],
    );
    let answer = check(&appointee, Topic::Arrears, today(), false, APPOINTEE_SOURCE);
    assert_eq!(
        answer.words,
        "Do not discuss the arrears with Jane Smith. Jane Smith is the tenant's DWP appointee: they \
         may discuss Housing Benefit and Universal Credit only, not the arrears, a repayment \
         arrangement or legal action (Social Security (Claims and Payments) Regulations 1987, reg 33). \
         There is no written consent from the tenant on file."
    );
    let answer = check(&appointee, Topic::Benefits, today(), true, APPOINTEE_SOURCE);
    assert!(answer
        .words
        .starts_with("You may discuss Housing Benefit and Universal Credit with Jane Smith."));
    let basis = answer.basis.expect("allowed");
    assert!(
        basis.contains("DWP appointee (REF-1), seen on 5 January 2026 by A. Officer"),
        "{basis}"
    );
    assert!(basis.contains("reg 33"), "{basis}");
}

#[test]
fn expired_authority_is_valid_on_its_last_day_and_no_authority_the_day_after() {
    // An authority ends with its expiry date: valid that day, none from the next.
    let mut expiring = authority(RepresentativeKind::Attorney, &[Scope::Finances]);
    expiring.expires_on = Some(date(2027, 3, 3));
    let attorney = person(Some(expiring), vec![]);
    check(
        &attorney,
        Topic::Arrears,
        date(2027, 3, 3),
        true,
        "last day valid",
    );
    let answer = check(
        &attorney,
        Topic::Arrears,
        date(2027, 3, 4),
        false,
        "day after expired",
    );
    assert!(
        answer
            .words
            .contains("expired on 3 March 2027: it is no authority now"),
        "{}",
        answer.words
    );
}

#[test]
fn evidence_recorded_as_seen_after_the_day_is_refused() {
    // Evidence never seen is no evidence.
    let mut later = authority(RepresentativeKind::Attorney, &[Scope::Finances]);
    later.seen_on = date(2027, 3, 4);
    let attorney = person(Some(later), vec![]);
    let answer = check(
        &attorney,
        Topic::Arrears,
        today(),
        false,
        "seen_on in the future",
    );
    assert!(
        answer.words.contains("no authority until seen"),
        "{}",
        answer.words
    );
    check(
        &attorney,
        Topic::Arrears,
        date(2027, 3, 4),
        true,
        "seen that day",
    );
}

#[test]
fn attorney_for_property_and_financial_affairs_may_discuss_arrears_and_arrangements() {
    // Mental Capacity Act 2005 ss9-10: a registered property and financial affairs LPA.
    let attorney = person(
        Some(authority(
            RepresentativeKind::Attorney,
            &[Scope::Finances, Scope::Benefits],
        )),
        vec![],
    );
    //     person     topic                  on       allowed  source
    check(&attorney, Topic::Arrears, today(), true, ATTORNEY_SOURCE);
    check(
        &attorney,
        Topic::Arrangement,
        today(),
        true,
        ATTORNEY_SOURCE,
    );
    check(&attorney, Topic::Benefits, today(), true, ATTORNEY_SOURCE);
    check(
        &attorney,
        Topic::LegalAction,
        today(),
        false,
        "Litigation not recorded in the LPA's scope",
    );
}

#[test]
fn deputy_may_discuss_legal_action_only_with_the_courts_authority() {
    // Mental Capacity Act 2005 ss16, 19; conducting proceedings s18(1)(k) [check].
    let all = &[Scope::Finances, Scope::Benefits, Scope::Litigation];
    let without = person(Some(authority(RepresentativeKind::Deputy, all)), vec![]);
    check(&without, Topic::Arrears, today(), true, DEPUTY_SOURCE);
    check(&without, Topic::Arrangement, today(), true, DEPUTY_SOURCE);
    let answer = check(
        &without,
        Topic::LegalAction,
        today(),
        false,
        DEPUTY_LITIGATION_SOURCE,
    );
    assert!(
        answer
            .words
            .contains("a deputy needs the Court's authority"),
        "{}",
        answer.words
    );

    let mut authorised = authority(RepresentativeKind::Deputy, all);
    authorised.litigation_authorised_by_court = true;
    check(
        &person(Some(authorised.clone()), vec![]),
        Topic::LegalAction,
        today(),
        true,
        DEPUTY_LITIGATION_SOURCE,
    );
    authorised.covers = vec![Scope::Finances];
    check(
        &person(Some(authorised), vec![]),
        Topic::LegalAction,
        today(),
        false,
        "Litigation not in scope",
    );
}

#[test]
fn advocate_needs_consent_and_consent_covers_only_what_it_says() {
    // The landlord's duty of confidentiality: a third party is told only what the tenant agreed.
    let alone = person(
        Some(authority(RepresentativeKind::Advocate, &[Scope::Finances])),
        vec![],
    );
    let answer = check(&alone, Topic::Arrears, today(), false, "no consent");
    assert!(
        answer.words.contains("needs the tenant's written consent"),
        "{}",
        answer.words
    );
    assert!(
        answer
            .words
            .contains("no written consent from the tenant on file"),
        "{}",
        answer.words
    );

    let consented = person(
        Some(authority(RepresentativeKind::Advocate, &[])),
        vec![consent(&[Scope::DiscussAccount])],
    );
    let answer = check(
        &consented,
        Topic::Arrears,
        today(),
        true,
        "consent for the arrears",
    );
    assert_eq!(
        answer.basis.as_deref(),
        Some("the tenant's written consent of 1 June 2026, recorded by A. Officer")
    );
    check(
        &consented,
        Topic::Arrangement,
        today(),
        false,
        "consent says the arrears only",
    );
    check(
        &consented,
        Topic::Benefits,
        today(),
        false,
        "consent says the arrears only",
    );
    check(
        &consented,
        Topic::LegalAction,
        today(),
        false,
        "consent says the arrears only",
    );
}

#[test]
fn expired_consent_is_no_consent() {
    // Consent ends with its expiry date, like an authority.
    let mut expiring = consent(&[Scope::DiscussAccount]);
    expiring.expires_on = Some(date(2027, 3, 2));
    let worker = person(
        Some(authority(RepresentativeKind::SupportWorker, &[])),
        vec![expiring],
    );
    check(
        &worker,
        Topic::Arrears,
        date(2027, 3, 2),
        true,
        "last day of consent",
    );
    let answer = check(&worker, Topic::Arrears, today(), false, "consent expired");
    assert!(
        answer
            .words
            .contains("expired on 2 March 2027: it is no consent now"),
        "{}",
        answer.words
    );
}

#[test]
fn joint_tenant_may_discuss_everything() {
    // A joint tenant is a party to the tenancy: the account is theirs too.
    let joint = person(
        Some(authority(RepresentativeKind::JointTenant, &[])),
        vec![],
    );
    for topic in Topic::ALL {
        let answer = check(&joint, topic, today(), true, "party to the tenancy");
        assert!(
            answer
                .words
                .contains("may discuss everything about the account"),
            "{}",
            answer.words
        );
    }
}

#[test]
fn no_authority_and_no_consent_is_refused() {
    let stranger = person(None, vec![]);
    for topic in Topic::ALL {
        check(&stranger, topic, today(), false, "nobody");
    }
}

#[test]
fn deputy_without_the_courts_authority_is_warned_about_before_each_step() {
    // Mental Capacity Act 2005 s18(1)(k) [check]: conducting proceedings needs the Court's order.
    let deputy = person(
        Some(authority(RepresentativeKind::Deputy, &[Scope::Finances])),
        vec![],
    );
    for (step, words) in [
        (ContentiousStep::Notice, "serving the notice"),
        (ContentiousStep::Claim, "issuing the claim"),
        (ContentiousStep::Warrant, "applying for the warrant"),
    ] {
        let found = warnings(std::slice::from_ref(&deputy), step);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("The tenant has a Court of Protection deputy (Jane Smith): a deputy needs the Court's authority to conduct possession proceedings (Mental Capacity Act 2005"), "{}", found[0]);
        assert!(found[0].contains("[check]"), "{}", found[0]);
        assert!(
            found[0].ends_with(&format!("check before {words}.")),
            "{}",
            found[0]
        );
    }

    let mut authorised = authority(
        RepresentativeKind::Deputy,
        &[Scope::Finances, Scope::Litigation],
    );
    authorised.litigation_authorised_by_court = true;
    assert_eq!(
        warnings(&[person(Some(authorised), vec![])], ContentiousStep::Claim),
        Vec::<String>::new()
    );
}

#[test]
fn appointee_only_suggests_a_litigation_friend() {
    // CPR 21: a protected party needs a litigation friend; an appointee (reg 33) is not one.
    let appointee = person(
        Some(authority(RepresentativeKind::Appointee, &[Scope::Benefits])),
        vec![],
    );
    let found = warnings(std::slice::from_ref(&appointee), ContentiousStep::Notice);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("(Jane Smith)"), "{}", found[0]);
    assert!(found[0].contains("An appointee has no authority over legal proceedings: consider whether the tenant needs a litigation friend (CPR 21)"), "{}", found[0]);

    // With an attorney on the account the appointee is not the only one with authority.
    let attorney = PersonAuthority {
        name: "Tom Brown".to_string(),
        ..person(
            Some(authority(
                RepresentativeKind::Attorney,
                &[Scope::Finances, Scope::Litigation],
            )),
            vec![],
        )
    };
    assert_eq!(
        warnings(&[appointee, attorney], ContentiousStep::Notice),
        Vec::<String>::new()
    );
}

#[test]
fn expired_authorities_are_named_before_a_step() {
    let mut expired = authority(RepresentativeKind::Deputy, &[Scope::Finances]);
    expired.expires_on = Some(date(2027, 3, 2));
    let found = warnings(&[person(Some(expired), vec![])], ContentiousStep::Claim);
    assert_eq!(
        found,
        vec!["Jane Smith's authority as the tenant's Court of Protection deputy (property and financial affairs) (REF-1) expired on 2 March 2027: it is no authority; ask for current evidence before issuing the claim.".to_string()]
    );
    assert_eq!(
        warnings(
            &[person(None, vec![consent(&[Scope::DiscussAccount])])],
            ContentiousStep::Claim
        ),
        Vec::<String>::new()
    );
}
