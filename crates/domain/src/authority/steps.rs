//! `contentious_step_warnings`: everyone on the account, one step, one day.

use chrono::NaiveDate;

use super::{
    currency, ContentiousStep, Currency, PersonAuthority, RepresentativeKind,
    DEPUTY_LITIGATION_SOURCE, LITIGATION_FRIEND_SOURCE,
};
use crate::legal::long_date;

/// What to check about the people around the account before a notice, claim or warrant.
///
/// Empty when nothing needs checking. One warning per person it concerns, in the order given,
/// then the appointee warning if it applies; each names the person.
pub fn contentious_step_warnings(
    people: &[PersonAuthority],
    step: ContentiousStep,
    on: NaiveDate,
) -> Vec<String> {
    let before = step.label();
    let mut warnings = Vec::new();
    let mut appointees: Vec<&str> = Vec::new();
    let mut litigation_representative_current = false;
    for person in people {
        let Some(authority) = &person.authority else {
            continue;
        };
        let name = &person.name;
        let label = authority.kind.label();
        match currency(authority.seen_on, authority.expires_on, on) {
            Currency::Expired { expires_on } => warnings.push(format!(
                "{name}'s authority as the tenant's {label} ({}) expired on {}: it is no authority; ask for current evidence before {before}.",
                authority.evidence_reference,
                long_date(expires_on)
            )),
            Currency::NotYetSeen { seen_on } => warnings.push(format!(
                "{name}'s evidence as the tenant's {label} is recorded as seen on {}, after {}: it is no authority until seen; check before {before}.",
                long_date(seen_on),
                long_date(on)
            )),
            Currency::Current => match authority.kind {
                RepresentativeKind::Deputy => {
                    litigation_representative_current = true;
                    if !authority.litigation_authorised_by_court {
                        warnings.push(format!(
                            "The tenant has a Court of Protection deputy ({name}): a deputy needs the Court's authority to conduct possession proceedings ({DEPUTY_LITIGATION_SOURCE}); check before {before}."
                        ));
                    }
                }
                // An attorney may act in proceedings unless the LPA restricts it; not warned
                // about here, but it stops the "appointee only" warning.
                RepresentativeKind::Attorney => litigation_representative_current = true,
                RepresentativeKind::Appointee => appointees.push(name),
                _ => {}
            },
        }
    }
    if !appointees.is_empty() && !litigation_representative_current {
        warnings.push(format!(
            "The tenant has a DWP appointee ({}) and no deputy or attorney. An appointee has no authority over legal proceedings: consider whether the tenant needs a litigation friend ({LITIGATION_FRIEND_SOURCE}) before {before}.",
            appointees.join(", ")
        ));
    }
    warnings
}
