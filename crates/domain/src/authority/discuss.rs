//! `may_discuss`: one person, one topic, one day.

use chrono::NaiveDate;

use super::{
    currency, Authority, AuthorityCheck, Consent, Currency, PersonAuthority, RepresentativeKind,
    Topic, APPOINTEE_SOURCE, ATTORNEY_SOURCE, DEPUTY_LITIGATION_SOURCE, DEPUTY_SOURCE,
};
use crate::legal::long_date;

/// Whether the officer may discuss `topic` with `person` on `on`, in words to read first.
///
/// The person's own authority is tried first, then the tenant's consents; the first that covers
/// the topic is the basis. Anything expired, or recorded as seen after `on`, counts for nothing.
pub fn may_discuss(person: &PersonAuthority, topic: Topic, on: NaiveDate) -> AuthorityCheck {
    let from_authority = person
        .authority
        .as_ref()
        .filter(|authority| {
            currency(authority.seen_on, authority.expires_on, on) == Currency::Current
        })
        .filter(|authority| authority_allows(authority, topic))
        .map(authority_basis);
    let from_consent = || {
        person
            .consents
            .iter()
            .find(|consent| {
                currency(consent.given_on, consent.expires_on, on) == Currency::Current
                    && topic.covered_by(&consent.covers)
            })
            .map(consent_basis)
    };
    let basis = from_authority.or_else(from_consent);
    let allowed = basis.is_some();

    let verdict = if allowed {
        format!("You may discuss {} with {}.", topic.label(), person.name)
    } else {
        format!("Do not discuss {} with {}.", topic.label(), person.name)
    };
    let mut words = vec![verdict, authority_sentence(person, topic, on)];
    if let Some(sentence) = consent_sentence(person, allowed, on) {
        words.push(sentence);
    }
    AuthorityCheck {
        allowed,
        words: words.join(" "),
        basis,
    }
}

/// What a current authority allows, by kind: the law sets the ceiling, the recorded evidence can
/// only narrow it.
pub(crate) fn authority_allows(authority: &Authority, topic: Topic) -> bool {
    let recorded = topic.covered_by(&authority.covers);
    match authority.kind {
        // A party to the tenancy: the account is theirs, whatever else was recorded.
        RepresentativeKind::JointTenant => true,
        // Benefits only, whatever was recorded (Claims and Payments Regulations 1987 reg 33).
        RepresentativeKind::Appointee => topic == Topic::Benefits && recorded,
        // Property and financial affairs; proceedings only with the Court's express authority
        // (Mental Capacity Act 2005 s18(1)(k)).
        RepresentativeKind::Deputy => match topic {
            Topic::LegalAction => recorded && authority.litigation_authorised_by_court,
            Topic::Arrears | Topic::Benefits | Topic::Arrangement => recorded,
        },
        // A registered property and financial affairs LPA (Mental Capacity Act 2005 ss9-10).
        RepresentativeKind::Attorney => recorded,
        // Everyone else needs the tenant's consent: their role gives them no right to be told.
        RepresentativeKind::Advocate
        | RepresentativeKind::SupportWorker
        | RepresentativeKind::SupportProvider
        | RepresentativeKind::LocalAuthorityHousingBenefit
        | RepresentativeKind::SocialServices
        | RepresentativeKind::CommissioningBody => false,
    }
}

pub(crate) fn kind_source(kind: RepresentativeKind) -> Option<&'static str> {
    match kind {
        RepresentativeKind::Appointee => Some(APPOINTEE_SOURCE),
        RepresentativeKind::Deputy => Some(DEPUTY_SOURCE),
        RepresentativeKind::Attorney => Some(ATTORNEY_SOURCE),
        _ => None,
    }
}

fn authority_basis(authority: &Authority) -> String {
    let mut basis = format!(
        "{} ({}), seen on {} by {}",
        authority.kind.label(),
        authority.evidence_reference,
        long_date(authority.seen_on),
        authority.seen_by
    );
    if let Some(source) = kind_source(authority.kind) {
        basis.push_str(&format!("; {source}"));
    }
    basis
}

fn consent_basis(consent: &Consent) -> String {
    format!(
        "the tenant's written consent of {}, recorded by {}",
        long_date(consent.given_on),
        consent.recorded_by
    )
}

/// Who the person is and what their own authority allows on the day.
fn authority_sentence(person: &PersonAuthority, topic: Topic, on: NaiveDate) -> String {
    let name = &person.name;
    let Some(authority) = &person.authority else {
        return format!("{name} has no recorded authority of their own.");
    };
    let label = authority.kind.label();
    match currency(authority.seen_on, authority.expires_on, on) {
        Currency::Expired { expires_on } => {
            return format!(
                "{name}'s authority as the tenant's {label} ({}) expired on {}: it is no authority now.",
                authority.evidence_reference,
                long_date(expires_on)
            )
        }
        Currency::NotYetSeen { seen_on } => {
            return format!(
                "{name}'s evidence as the tenant's {label} is recorded as seen on {}, after {}: it is no authority until seen.",
                long_date(seen_on),
                long_date(on)
            )
        }
        Currency::Current => {}
    }
    if authority_allows_nothing_without_consent(authority.kind) {
        return format!("{name} is the tenant's {label}: a {label} needs the tenant's written consent covering the topic.");
    }
    let (allowed, refused): (Vec<Topic>, Vec<Topic>) = Topic::ALL
        .iter()
        .partition(|candidate| authority_allows(authority, **candidate));
    let mut sentence = format!("{name} is the tenant's {label}: ");
    sentence.push_str(&match (allowed.is_empty(), refused.is_empty()) {
        (_, true) => "they may discuss everything about the account".to_string(),
        (true, false) => "their authority as recorded covers none of the account".to_string(),
        (false, false) => format!(
            "they may discuss {} only, not {}",
            list(&allowed, "and"),
            list(&refused, "or")
        ),
    });
    if authority.kind == RepresentativeKind::Deputy
        && topic == Topic::LegalAction
        && !authority_allows(authority, topic)
    {
        sentence.push_str(&format!(
            "; a deputy needs the Court's authority to conduct possession proceedings ({DEPUTY_LITIGATION_SOURCE})"
        ));
    } else if let Some(source) = kind_source(authority.kind) {
        sentence.push_str(&format!(" ({source})"));
    }
    sentence.push('.');
    sentence
}

fn authority_allows_nothing_without_consent(kind: RepresentativeKind) -> bool {
    !matches!(
        kind,
        RepresentativeKind::JointTenant
            | RepresentativeKind::Appointee
            | RepresentativeKind::Deputy
            | RepresentativeKind::Attorney
    )
}

/// What the tenant's consents cover on the day; said when any are on file, or when refused.
fn consent_sentence(person: &PersonAuthority, allowed: bool, on: NaiveDate) -> Option<String> {
    let mut sentences = Vec::new();
    for consent in &person.consents {
        let given = long_date(consent.given_on);
        sentences.push(match currency(consent.given_on, consent.expires_on, on) {
            Currency::Current => {
                let covered: Vec<Topic> = Topic::ALL
                    .into_iter()
                    .filter(|topic| topic.covered_by(&consent.covers))
                    .collect();
                if covered.is_empty() {
                    format!("The tenant's written consent of {given} covers none of the account.")
                } else {
                    format!("The tenant's written consent of {given} covers {} only.", list(&covered, "and"))
                }
            }
            Currency::Expired { expires_on } => format!(
                "The tenant's written consent of {given} expired on {}: it is no consent now.",
                long_date(expires_on)
            ),
            Currency::NotYetSeen { .. } => {
                format!("The tenant's written consent is dated {given}, after {}: it is no consent yet.", long_date(on))
            }
        });
    }
    if sentences.is_empty() && !allowed {
        sentences.push("There is no written consent from the tenant on file.".to_string());
    }
    (!sentences.is_empty()).then(|| sentences.join(" "))
}

/// "a, b and c" or "a, b or c".
fn list(topics: &[Topic], conjunction: &str) -> String {
    let labels: Vec<&str> = topics.iter().map(Topic::label).collect();
    match labels.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} {conjunction} {last}", rest.join(", ")),
    }
}
