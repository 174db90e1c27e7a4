//! The people around an account (supported living): who they are, the evidence of their
//! authority, the tenant's consents, and every contact with the authority relied on; and the
//! account's flags.
//!
//! Before a contact the officer asks `check_authority` and reads `domain::authority::
//! may_discuss`'s words; recording the contact asks again (authority can lapse between the
//! two) and keeps those words with the contact and in the diary. A tenant named on the tenancy
//! record may always discuss their own account.

use chrono::{NaiveDate, Utc};
use doorstep_api::{
    ApiError, AuthorityCheckView, CheckAuthorityRequest, ChoiceView, ContactView, EndFlagRequest,
    FlagView, GetPeopleRequest, PeopleView, PersonAroundView, RecordConsentRequest,
    RecordContactRequest, RecordFlagRequest, RecordRepresentativeRequest,
};
use doorstep_documents::long_date;
use doorstep_domain::authority::{
    may_discuss, Authority, AuthorityCheck, Consent, PersonAuthority, RepresentativeKind, Scope,
    Topic,
};
use doorstep_domain::flags::FlagKind;
use doorstep_domain::tenancy::PersonRole;
use doorstep_store::{
    AccountRecord, ConsentRecord, ContactRecord, FieldRow, FlagRecord, PeopleRow,
    RepresentativeRecord, Store,
};
use uuid::Uuid;

use crate::errors::api_error;
use crate::session::{today, unlocked_mut, Session, Unlocked};
use crate::work::{
    code_from, code_of, command_id, invalid, not_future, note, record_noted_row, short_text,
};

/// How a contact happened, as the diary codes name them.
pub(crate) const CONTACT_METHODS: [(&str, &str); 5] = [
    ("phone_call", "Phone call"),
    ("home_visit", "Home visit"),
    ("email", "Email"),
    ("office_interview", "Office interview"),
    ("letter_received", "Letter received"),
];

const TENANT_PREFIX: &str = "tenant:";

const KINDS: [RepresentativeKind; 10] = [
    RepresentativeKind::Appointee,
    RepresentativeKind::Deputy,
    RepresentativeKind::Attorney,
    RepresentativeKind::JointTenant,
    RepresentativeKind::Advocate,
    RepresentativeKind::SupportWorker,
    RepresentativeKind::SupportProvider,
    RepresentativeKind::LocalAuthorityHousingBenefit,
    RepresentativeKind::SocialServices,
    RepresentativeKind::CommissioningBody,
];

const SCOPES: [(Scope, &str); 4] = [
    (Scope::DiscussAccount, "Discuss the account"),
    (Scope::Benefits, "Benefits only"),
    (Scope::Finances, "Finances (rent and arrangements)"),
    (Scope::Litigation, "Litigation (possession proceedings)"),
];

/// Everything on the people screen, read once.
pub(crate) struct PeopleRecords {
    pub record: AccountRecord,
    pub representatives: Vec<RepresentativeRecord>,
    pub consents: Vec<ConsentRecord>,
    pub contacts: Vec<ContactRecord>,
    pub flags: Vec<FlagRecord>,
}

impl PeopleRecords {
    pub(crate) async fn read(store: &Store, record: AccountRecord) -> Result<Self, ApiError> {
        let id = record.id;
        Ok(PeopleRecords {
            representatives: store.representatives(Some(id)).await.map_err(api_error)?,
            consents: store.consents(id).await.map_err(api_error)?,
            contacts: store.contacts(id).await.map_err(api_error)?,
            flags: store.flags(Some(id)).await.map_err(api_error)?,
            record,
        })
    }

    fn tenants(&self) -> Vec<&str> {
        self.record
            .people
            .iter()
            .filter(|person| matches!(person.role, PersonRole::Tenant | PersonRole::JointTenant))
            .map(|person| person.full_name.as_str())
            .collect()
    }

    /// The recorded people with their authority and consents, as the domain reads them.
    pub(crate) fn authorities(&self) -> Vec<(&RepresentativeRecord, PersonAuthority)> {
        self.representatives
            .iter()
            .map(|person| (person, person_authority(person, &self.consents)))
            .collect()
    }
}

fn scopes_from(codes: &[String]) -> Vec<Scope> {
    codes.iter().filter_map(|code| code_from(code)).collect()
}

pub(crate) fn person_authority(
    person: &RepresentativeRecord,
    consents: &[ConsentRecord],
) -> PersonAuthority {
    PersonAuthority {
        name: person.name.clone(),
        authority: code_from::<RepresentativeKind>(&person.kind).map(|kind| Authority {
            kind,
            covers: scopes_from(&person.covers),
            evidence_reference: person.evidence_reference.clone(),
            seen_on: person.seen_on,
            seen_by: person.seen_by.clone(),
            expires_on: person.expires_on,
            litigation_authorised_by_court: person.litigation_authorised_by_court,
        }),
        consents: consents
            .iter()
            .filter(|consent| consent.person_id == person.person_id)
            .map(|consent| Consent {
                given_on: consent.given_on,
                expires_on: consent.expires_on,
                covers: scopes_from(&consent.covers),
                recorded_by: consent.officer.clone(),
            })
            .collect(),
    }
}

/// Everyone recorded around every account, as the court file's warnings need them.
pub(crate) async fn recorded_people(
    store: &Store,
    account_id: i64,
) -> Result<Vec<PersonAuthority>, ApiError> {
    let representatives = store
        .representatives(Some(account_id))
        .await
        .map_err(api_error)?;
    let consents = store.consents(account_id).await.map_err(api_error)?;
    Ok(representatives
        .iter()
        .map(|person| person_authority(person, &consents))
        .collect())
}

fn kind_label(code: &str) -> String {
    code_from::<RepresentativeKind>(code).map_or_else(
        || code.replace('_', " "),
        |kind| capitalise_first(kind.label()),
    )
}

fn capitalise_first(text: &str) -> String {
    let mut characters = text.chars();
    characters.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(characters).collect()
    })
}

fn topic_label(code: &str) -> String {
    code_from::<Topic>(code).map_or_else(|| code.to_string(), |topic| topic.label().to_string())
}

fn method_label(code: &str) -> &'static str {
    CONTACT_METHODS
        .iter()
        .find(|(known, _)| *known == code)
        .map_or("Contact", |(_, label)| label)
}

fn tenant_check(name: &str, topic: Topic) -> AuthorityCheck {
    AuthorityCheck {
        allowed: true,
        words: format!(
            "You may discuss {} with {name}: they are a tenant, and the account is theirs.",
            topic.label()
        ),
        basis: Some("a tenant on the tenancy record".to_string()),
    }
}

/// The check for `person_id` on `topic` today, and the person's name.
fn check_for(
    records: &PeopleRecords,
    person_id: &str,
    topic: Topic,
    today: NaiveDate,
) -> Result<(Option<Uuid>, String, AuthorityCheck), ApiError> {
    let unknown = || invalid("person_id", "Choose who the contact is with.");
    if let Some(index) = person_id.strip_prefix(TENANT_PREFIX) {
        let tenants = records.tenants();
        let name = index
            .parse::<usize>()
            .ok()
            .and_then(|index| tenants.get(index))
            .ok_or_else(unknown)?;
        return Ok((None, name.to_string(), tenant_check(name, topic)));
    }
    let id = Uuid::parse_str(person_id).map_err(|_| unknown())?;
    let (person, authority) = records
        .authorities()
        .into_iter()
        .find(|(person, _)| person.person_id == id)
        .ok_or_else(unknown)?;
    Ok((
        Some(id),
        person.name.clone(),
        may_discuss(&authority, topic, today),
    ))
}

fn evidence_words(person: &RepresentativeRecord) -> String {
    let mut words = format!(
        "{}, seen on {} by {}",
        person.evidence_reference,
        long_date(&person.seen_on),
        person.seen_by
    );
    if let Some(expires_on) = person.expires_on {
        words.push_str(&format!("; expires {}", long_date(&expires_on)));
    }
    if person.kind == "deputy" {
        words.push_str(if person.litigation_authorised_by_court {
            "; the Court's order authorises conducting proceedings"
        } else {
            "; the Court's order does not authorise conducting proceedings"
        });
    }
    words
}

/// What a person's authority allows today, in one sentence, from the arrears check's words.
fn authority_summary(authority: &PersonAuthority, today: NaiveDate) -> (String, bool) {
    let check = may_discuss(authority, Topic::Arrears, today);
    // The verdict sentence is about one topic; the rest describes the person in general.
    let summary = check
        .words
        .split_once(". ")
        .map_or(check.words.clone(), |(_, rest)| rest.to_string());
    let lapsed = authority.authority.as_ref().is_some_and(|held| {
        held.seen_on > today || held.expires_on.is_some_and(|expires| expires < today)
    });
    (summary, lapsed)
}

fn people_view(records: &PeopleRecords, today: NaiveDate) -> PeopleView {
    let tenants = records.tenants();
    let mut people: Vec<PersonAroundView> = tenants
        .iter()
        .enumerate()
        .map(|(index, name)| PersonAroundView {
            person_id: format!("{TENANT_PREFIX}{index}"),
            name: name.to_string(),
            role_label: "Tenant".to_string(),
            kind: None,
            authority: "A tenant: the account is theirs to discuss.".to_string(),
            evidence: None,
            lapsed: false,
            consents: Vec::new(),
            phone: String::new(),
        })
        .collect();
    for (person, authority) in records.authorities() {
        let (summary, lapsed) = authority_summary(&authority, today);
        people.push(PersonAroundView {
            person_id: person.person_id.to_string(),
            name: person.name.clone(),
            role_label: kind_label(&person.kind),
            kind: Some(person.kind.clone()),
            authority: summary,
            evidence: Some(evidence_words(person)),
            lapsed,
            consents: records
                .consents
                .iter()
                .filter(|consent| consent.person_id == person.person_id)
                .map(consent_words)
                .collect(),
            phone: person.phone.clone(),
        });
    }
    let unrecorded = records
        .record
        .people
        .iter()
        .filter(|person| !person.role.is_tenant())
        .filter(|person| {
            !records
                .representatives
                .iter()
                .any(|recorded| recorded.name.eq_ignore_ascii_case(&person.full_name))
        })
        .map(|person| {
            format!(
                "{} is named as {} on the tenancy record, but no evidence of their authority is recorded: treat them as having none until it is.",
                person.full_name,
                person.role.label().to_lowercase()
            )
        })
        .collect();
    PeopleView {
        account_id: records.record.id,
        payment_reference: records.record.payment_reference.clone(),
        people,
        unrecorded,
        contacts: records.contacts.iter().map(contact_view).collect(),
        flags: records.flags.iter().map(flag_view).collect(),
        kinds: KINDS
            .iter()
            .map(|kind| ChoiceView {
                code: code_of(kind),
                label: capitalise_first(kind.label()),
            })
            .collect(),
        scopes: SCOPES
            .iter()
            .map(|(scope, label)| ChoiceView {
                code: code_of(scope),
                label: label.to_string(),
            })
            .collect(),
        topics: Topic::ALL
            .iter()
            .map(|topic| ChoiceView {
                code: code_of(topic),
                label: capitalise_first(topic.label()),
            })
            .collect(),
        methods: CONTACT_METHODS
            .iter()
            .map(|(code, label)| ChoiceView {
                code: code.to_string(),
                label: label.to_string(),
            })
            .collect(),
        flag_kinds: FlagKind::ALL
            .iter()
            .map(|kind| ChoiceView {
                code: kind.code().to_string(),
                label: kind.label().to_string(),
            })
            .collect(),
    }
}

fn consent_words(consent: &ConsentRecord) -> String {
    let covers: Vec<&str> = scopes_from(&consent.covers)
        .into_iter()
        .filter_map(|scope| {
            SCOPES
                .iter()
                .find(|(known, _)| *known == scope)
                .map(|(_, label)| *label)
        })
        .collect();
    let mut words = format!(
        "Written consent given on {} covering: {}",
        long_date(&consent.given_on),
        covers.join(", ").to_lowercase()
    );
    if let Some(expires_on) = consent.expires_on {
        words.push_str(&format!("; expires {}", long_date(&expires_on)));
    }
    words
}

fn contact_view(contact: &ContactRecord) -> ContactView {
    ContactView {
        happened_on: contact.happened_on,
        person_name: contact.person_name.clone(),
        method_label: method_label(&contact.method).to_string(),
        topic_label: capitalise_first(&topic_label(&contact.topic)),
        allowed: contact.allowed,
        words: contact.words.clone(),
        note: contact.note.clone(),
        officer: contact.officer.clone(),
    }
}

pub(crate) fn flag_view(flag: &FlagRecord) -> FlagView {
    FlagView {
        flag_id: flag.id.to_string(),
        kind: flag.flag.clone(),
        label: FlagKind::from_code(&flag.flag).map_or_else(
            || flag.flag.replace('_', " "),
            |kind| kind.label().to_string(),
        ),
        note: flag.note.clone(),
        recorded_on: flag.recorded_at.date_naive(),
    }
}

fn scope_codes(field: &str, codes: &[String], what: &str) -> Result<Vec<String>, ApiError> {
    let mut scopes: Vec<Scope> = Vec::new();
    for code in codes {
        let scope: Scope = code_from(code).ok_or_else(|| {
            invalid(
                field,
                format!("\"{code}\" is not something {what} can cover."),
            )
        })?;
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    if scopes.is_empty() {
        return Err(invalid(field, format!("Tick what {what} covers.")));
    }
    Ok(scopes.iter().map(code_of).collect())
}

/// A row, its diary code and words, and its outbox command's kind and payload.
type PeopleCommand = (
    PeopleRow,
    &'static str,
    String,
    &'static str,
    serde_json::Value,
);

impl Session {
    async fn people_records(open: &Unlocked, account_id: i64) -> Result<PeopleRecords, ApiError> {
        let account =
            open.caseload
                .account_by_id(account_id)
                .ok_or_else(|| ApiError::AccountNotFound {
                    reference: format!("(account {account_id})"),
                })?;
        PeopleRecords::read(&open.store, account.record.clone()).await
    }

    pub async fn get_people(&self, request: &GetPeopleRequest) -> Result<PeopleView, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let records = Self::people_records(open, request.account_id).await?;
        Ok(people_view(&records, today()))
    }

    pub async fn check_authority(
        &self,
        request: &CheckAuthorityRequest,
    ) -> Result<AuthorityCheckView, ApiError> {
        let topic: Topic = code_from(&request.topic)
            .ok_or_else(|| invalid("topic", "Choose what the contact is about."))?;
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let records = Self::people_records(open, request.account_id).await?;
        let (_, _, check) = check_for(&records, &request.person_id, topic, today())?;
        Ok(AuthorityCheckView {
            allowed: check.allowed,
            words: check.words,
            basis: check.basis,
        })
    }

    /// Writes one people command with its diary note, refreshes the account (a flag changes
    /// the worklist) and answers with the people screen.
    async fn write_people<F>(
        &self,
        account_id: i64,
        command: Uuid,
        build: F,
    ) -> Result<PeopleView, ApiError>
    where
        F: FnOnce(&PeopleRecords, NaiveDate) -> Result<PeopleCommand, ApiError>,
    {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        let today = today();
        let records = Self::people_records(open, account_id).await?;
        if !open
            .store
            .command_recorded(command)
            .await
            .map_err(api_error)?
        {
            let (row, code, words, kind, payload) = build(&records, today)?;
            record_noted_row(
                open,
                &self.config().officer_name,
                (account_id, &records.record.payment_reference),
                (code, words),
                FieldRow::People(row),
                (command, kind, payload),
            )
            .await?;
        }
        let records = Self::people_records(open, account_id).await?;
        Ok(people_view(&records, today))
    }

    pub async fn record_representative(
        &self,
        request: &RecordRepresentativeRequest,
    ) -> Result<PeopleView, ApiError> {
        let id = command_id(&request.command_id)?;
        let name = short_text("name", &request.name, "the person's name")?;
        let kind: RepresentativeKind = code_from(&request.kind)
            .ok_or_else(|| invalid("kind", "Choose who the person is to the tenant."))?;
        let covers = scope_codes("covers", &request.covers, "their authority")?;
        let reference = short_text(
            "evidence_reference",
            &request.evidence_reference,
            "the evidence's reference (the DWP letter, Court order or LPA number)",
        )?;
        let phone = note("phone", &request.phone)?;
        if let Some(expires_on) = request.expires_on {
            if expires_on < request.seen_on {
                return Err(invalid(
                    "expires_on",
                    "The authority cannot expire before the evidence was seen.",
                ));
            }
        }
        let replaces = request
            .replaces_person_id
            .as_deref()
            .filter(|text| !text.trim().is_empty())
            .map(|text| {
                Uuid::parse_str(text.trim())
                    .map_err(|_| invalid("replaces_person_id", "Choose the person to update."))
            })
            .transpose()?;
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        self.write_people(request.account_id, id, move |records, today| {
            not_future(
                "seen_on",
                request.seen_on,
                "the date the evidence was seen",
                today,
            )?;
            if let Some(replaces) = replaces {
                if !records
                    .representatives
                    .iter()
                    .any(|person| person.person_id == replaces)
                {
                    return Err(invalid(
                        "replaces_person_id",
                        "Choose the person to update.",
                    ));
                }
            }
            let litigation =
                kind == RepresentativeKind::Deputy && request.litigation_authorised_by_court;
            let record = RepresentativeRecord {
                id,
                person_id: replaces.unwrap_or(id),
                account_id: records.record.id,
                name: name.clone(),
                kind: code_of(&kind),
                covers: covers.clone(),
                evidence_reference: reference.clone(),
                seen_on: request.seen_on,
                seen_by: officer.clone(),
                expires_on: request.expires_on,
                litigation_authorised_by_court: litigation,
                phone,
                recorded_at: Utc::now(),
                officer,
            };
            let mut words = format!(
                "{name} recorded as the tenant's {} (evidence {reference}, seen on {})",
                kind.label(),
                long_date(&request.seen_on)
            );
            if let Some(expires_on) = request.expires_on {
                words.push_str(&format!(", expires {}", long_date(&expires_on)));
            }
            Ok((
                PeopleRow::Representative(record),
                "representative_recorded",
                words,
                "representative_recorded",
                serde_json::json!({
                    "representative_id": id.to_string(),
                    "person_id": replaces.unwrap_or(id).to_string(),
                    "name": name,
                    "kind": code_of(&kind),
                    "covers": covers,
                    "evidence_reference": reference,
                    "seen_on": request.seen_on,
                    "expires_on": request.expires_on,
                    "litigation_authorised_by_court": litigation,
                }),
            ))
        })
        .await
    }

    pub async fn record_consent(
        &self,
        request: &RecordConsentRequest,
    ) -> Result<PeopleView, ApiError> {
        let id = command_id(&request.command_id)?;
        let covers = scope_codes("covers", &request.covers, "the consent")?;
        let person_id = Uuid::parse_str(request.person_id.trim())
            .map_err(|_| invalid("person_id", "Choose who the tenant consented to."))?;
        if let Some(expires_on) = request.expires_on {
            if expires_on < request.given_on {
                return Err(invalid(
                    "expires_on",
                    "The consent cannot expire before it was given.",
                ));
            }
        }
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        self.write_people(request.account_id, id, move |records, today| {
            not_future(
                "given_on",
                request.given_on,
                "the date consent was given",
                today,
            )?;
            let person = records
                .representatives
                .iter()
                .find(|person| person.person_id == person_id)
                .ok_or_else(|| invalid("person_id", "Choose who the tenant consented to."))?;
            let record = ConsentRecord {
                id,
                account_id: records.record.id,
                person_id,
                covers: covers.clone(),
                given_on: request.given_on,
                expires_on: request.expires_on,
                recorded_at: Utc::now(),
                officer,
            };
            let words = format!(
                "The tenant's written consent for {} to discuss the account recorded: {}",
                person.name,
                consent_words(&record).to_lowercase()
            );
            Ok((
                PeopleRow::Consent(record),
                "consent_recorded",
                words,
                "consent_recorded",
                serde_json::json!({
                    "consent_id": id.to_string(),
                    "person_id": person_id.to_string(),
                    "covers": covers,
                    "given_on": request.given_on,
                    "expires_on": request.expires_on,
                }),
            ))
        })
        .await
    }

    pub async fn record_contact(
        &self,
        request: &RecordContactRequest,
    ) -> Result<PeopleView, ApiError> {
        let id = command_id(&request.command_id)?;
        let topic: Topic = code_from(&request.topic)
            .ok_or_else(|| invalid("topic", "Choose what the contact is about."))?;
        let method = CONTACT_METHODS
            .iter()
            .find(|(code, _)| *code == request.method)
            .map(|(code, _)| *code)
            .ok_or_else(|| invalid("method", "Choose how the contact happened."))?;
        let note_text = note("note", &request.note)?;
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        self.write_people(request.account_id, id, move |records, today| {
            let (person_id, name, check) = check_for(records, &request.person_id, topic, today)?;
            let verdict = match &check.basis {
                Some(basis) => format!("authorised: {basis}"),
                None => "not authorised: nothing about the account was to be discussed".to_string(),
            };
            let mut words = format!(
                "{} with {name} about {}; {verdict}",
                method_label(method),
                topic.label()
            );
            if !note_text.is_empty() {
                words.push_str(&format!(" — {note_text}"));
            }
            let record = ContactRecord {
                id,
                account_id: records.record.id,
                person_id,
                person_name: name.clone(),
                method: method.to_string(),
                topic: code_of(&topic),
                allowed: check.allowed,
                basis: check.basis.clone(),
                words: check.words.clone(),
                note: note_text.clone(),
                happened_on: today,
                recorded_at: Utc::now(),
                officer,
            };
            Ok((
                PeopleRow::Contact(record),
                method,
                words,
                "contact_recorded",
                serde_json::json!({
                    "contact_id": id.to_string(),
                    "person_id": person_id.map(|id| id.to_string()),
                    "person_name": name,
                    "method": method,
                    "topic": code_of(&topic),
                    "authorised": check.allowed,
                    "basis": check.basis,
                }),
            ))
        })
        .await
    }

    pub async fn record_flag(&self, request: &RecordFlagRequest) -> Result<PeopleView, ApiError> {
        let id = command_id(&request.command_id)?;
        let kind = FlagKind::from_code(&request.flag)
            .ok_or_else(|| invalid("flag", "Choose the kind of flag."))?;
        let note_text = short_text("note", &request.note, "what the flag is about")?;
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        self.write_people(request.account_id, id, move |records, _| {
            let record = FlagRecord {
                id,
                account_id: records.record.id,
                flag: kind.code().to_string(),
                note: note_text.clone(),
                recorded_at: Utc::now(),
                officer,
                ends_flag_id: None,
            };
            Ok((
                PeopleRow::Flag(record),
                "flag_recorded",
                format!("Flag recorded: {} — {note_text}", kind.label()),
                "flag_recorded",
                serde_json::json!({
                    "flag_id": id.to_string(),
                    "flag": kind.code(),
                    "note": note_text,
                }),
            ))
        })
        .await
    }

    pub async fn end_flag(&self, request: &EndFlagRequest) -> Result<PeopleView, ApiError> {
        let id = command_id(&request.command_id)?;
        let note_text = short_text("note", &request.note, "why the flag no longer applies")?;
        let officer = self.config().officer_name.clone();
        let request = request.clone();
        self.write_people(request.account_id, id, move |records, _| {
            let ended = records
                .flags
                .iter()
                .find(|flag| flag.id.to_string() == request.flag_id.trim())
                .ok_or_else(|| invalid("flag_id", "That flag is not in force on this account."))?;
            let label = FlagKind::from_code(&ended.flag).map_or("Flag", |kind| kind.label());
            let record = FlagRecord {
                id,
                account_id: records.record.id,
                flag: ended.flag.clone(),
                note: note_text.clone(),
                recorded_at: Utc::now(),
                officer,
                ends_flag_id: Some(ended.id),
            };
            Ok((
                PeopleRow::Flag(record),
                "flag_ended",
                format!("Flag ended: {label} — {note_text}"),
                "flag_ended",
                serde_json::json!({
                    "flag_id": id.to_string(),
                    "ends_flag_id": ended.id.to_string(),
                    "note": note_text,
                }),
            ))
        })
        .await
    }
}
