//! Merge fields: the values a letter template's `{placeholders}` are filled from.
//!
//! Every field a template may use is named in `MERGE_FIELDS` with the words that explain its
//! absence to an officer ("the account has no address"). A placeholder that is not named there is
//! a template error, caught by a test over every bundled template.
//!
//! Substitution is a single pass over the template text: a value that itself contains
//! `{balance}` (a tenant's name typed oddly, say) is printed as typed, never expanded.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use doorstep_domain::arrangement::{Arrangement, InstalmentFrequency};
use doorstep_domain::arrears::arrears_in_weeks;
use doorstep_domain::ledger::Entry;
use doorstep_domain::money::format_money;
use doorstep_domain::tenancy::RentAccount;
use rust_decimal::Decimal;

use crate::error::long_date;

/// A value longer than this is not a name, an address or an amount; it would also push a
/// one-page letter onto a second page for no reason.
pub const MERGE_FIELD_CHARS_MAX: usize = 400;

/// One field a template may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MergeFieldSpec {
    pub name: &'static str,
    /// Completes "Letter 1 cannot be produced: …" when the field is missing or blank.
    pub missing: &'static str,
}

/// Every field any template may use, and what its absence means to an officer.
pub const MERGE_FIELDS: &[MergeFieldSpec] = &[
    // From the account (see `account_merge_fields`).
    field("tenant_names", "the account has no tenant named on it"),
    field("address", "the account has no address"),
    field("payment_reference", "the account has no payment reference"),
    field("tenancy_reference", "the account has no tenancy reference"),
    field("balance", "the account balance is missing"),
    field(
        "weekly_charge",
        "no rent is recorded for the account on the letter's date",
    ),
    field(
        "arrears_weeks",
        "the arrears cannot be shown in weeks because no rent is recorded",
    ),
    // From the officer.
    field("officer_name", "no officer's name was given to sign it"),
    field("officer_phone", "no phone number was given for the officer"),
    field("letter_1_date", "the date Letter 1 was sent is missing"),
    field(
        "reply_by_date",
        "no date was given for the tenant to reply by",
    ),
    // From the arrangement (see `arrangement_merge_fields`).
    field(
        "agreed_date",
        "the date the arrangement was agreed is missing",
    ),
    field(
        "arrangement_balance",
        "the arrears when the arrangement was agreed are missing",
    ),
    field("initial_payment", "the initial payment amount is missing"),
    field(
        "initial_payment_date",
        "the date of the initial payment is missing",
    ),
    field("instalment_amount", "the instalment amount is missing"),
    field(
        "instalment_frequency",
        "how often the instalments are paid is missing",
    ),
    field(
        "first_instalment_date",
        "the date of the first instalment is missing",
    ),
    field(
        "projected_clear_date",
        "the date the arrears would be cleared is missing",
    ),
];

const fn field(name: &'static str, missing: &'static str) -> MergeFieldSpec {
    MergeFieldSpec { name, missing }
}

pub fn merge_field_spec(name: &str) -> Option<&'static MergeFieldSpec> {
    MERGE_FIELDS.iter().find(|spec| spec.name == name)
}

/// Values for a letter's placeholders, by field name. A blank value counts as missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeFields(BTreeMap<String, String>);

impl MergeFields {
    pub fn new() -> MergeFields {
        MergeFields(BTreeMap::new())
    }

    pub fn insert(&mut self, name: &str, value: impl Into<String>) {
        self.0.insert(name.to_string(), value.into());
    }

    /// The builder form of `insert`, for tests and one-off letters.
    pub fn with(mut self, name: &str, value: impl Into<String>) -> MergeFields {
        self.insert(name, value);
        self
    }

    pub fn remove(&mut self, name: &str) {
        self.0.remove(name);
    }

    /// Adds every field of `other`, replacing any of the same name.
    pub fn extend(&mut self, other: MergeFields) {
        self.0.extend(other.0);
    }

    /// The value, trimmed; `None` if absent or blank.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(|value| value.trim())
            .filter(|value| !value.is_empty())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
    }
}

/// A piece of template text: literal text or a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    Text(&'a str),
    Field(&'a str),
}

/// Splits "Dear {tenant_names}," into pieces. A placeholder is `{` + lowercase letters, digits
/// and underscores + `}`; any other brace is an error, so a typo such as "{balance" cannot
/// reach a tenant as literal text.
pub(crate) fn parse_placeholders(text: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(format!("a '}}' with no '{{' in \"{text}\""));
        }
        if open > 0 {
            pieces.push(Piece::Text(&rest[..open]));
        }
        let after_open = &rest[open + 1..];
        let close = after_open
            .find('}')
            .ok_or_else(|| format!("a '{{' with no '}}' in \"{text}\""))?;
        let name = &after_open[..close];
        let well_formed = !name.is_empty()
            && name.chars().all(|character| {
                character.is_ascii_lowercase() || character.is_ascii_digit() || character == '_'
            });
        if !well_formed {
            return Err(format!(
                "\"{{{name}}}\" is not a placeholder name in \"{text}\""
            ));
        }
        pieces.push(Piece::Field(name));
        rest = &after_open[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    Ok(pieces)
}

/// "Letter 1 cannot be produced: the account has no address and no officer's name was given
/// to sign it."
pub(crate) fn missing_fields_sentence(title: &str, fields: &[String]) -> String {
    let clauses: Vec<String> = fields
        .iter()
        .map(|name| match merge_field_spec(name) {
            Some(spec) => spec.missing.to_string(),
            None => format!("the {} is missing", name.replace('_', " ")),
        })
        .collect();
    let joined = match clauses.as_slice() {
        [] => "some details are missing".to_string(),
        [only] => only.clone(),
        [first @ .., last] => format!("{}, and {last}", first.join(", ")),
    };
    format!("{title} cannot be produced: {joined}")
}

/// The fields every letter can take from the account itself, as at `as_at`: names, address,
/// references, the balance, the weekly rent and the arrears in weeks. A field the account
/// cannot supply (no address recorded, no rent on that date) is left out, so a template that
/// requires it is refused with the reason rather than printed with a gap.
pub fn account_merge_fields(account: &RentAccount, as_at: NaiveDate) -> MergeFields {
    let mut fields = MergeFields::new();
    let names: Vec<&str> = account
        .people
        .iter()
        .filter(|person| person.role.is_tenant())
        .map(|person| person.full_name.trim())
        .filter(|name| !name.is_empty())
        .collect();
    fields.insert("tenant_names", join_names(&names));
    if !account.address_line_1.trim().is_empty() {
        fields.insert("address", address_lines(account).join("\n"));
    }
    fields.insert("payment_reference", account.payment_reference.trim());
    fields.insert("tenancy_reference", account.tenancy_reference.trim());
    let balance = balance_on(&account.entries, as_at);
    fields.insert("balance", format_money(balance));
    if let Some(weekly_charge) = account
        .schedule
        .weekly_equivalent_on(as_at)
        .filter(|charge| *charge > Decimal::ZERO)
    {
        fields.insert("weekly_charge", format_money(weekly_charge));
        fields.insert(
            "arrears_weeks",
            arrears_in_weeks(balance, weekly_charge).to_string(),
        );
    }
    fields
}

/// The agreed terms, as the arrangement confirmation letter states them.
pub fn arrangement_merge_fields(arrangement: &Arrangement) -> MergeFields {
    let terms = arrangement.terms();
    let mut fields = MergeFields::new();
    fields.insert("agreed_date", long_date(&terms.agreed_on));
    fields.insert("arrangement_balance", format_money(terms.starting_balance));
    if let Some(initial) = &terms.initial_payment {
        fields.insert("initial_payment", format_money(initial.amount));
        fields.insert("initial_payment_date", long_date(&initial.due_on));
    }
    fields.insert("instalment_amount", format_money(terms.instalment));
    // "£15.00 a week"; a one-off reads "£100.00 as a single payment", not "£100.00 once".
    let frequency = match terms.frequency {
        InstalmentFrequency::OneOff => "as a single payment",
        other => other.per_period(),
    };
    fields.insert("instalment_frequency", frequency);
    fields.insert(
        "first_instalment_date",
        long_date(&terms.first_instalment_on),
    );
    if let Some(clear_on) = arrangement.projected_clear_on() {
        fields.insert("projected_clear_date", long_date(&clear_on));
    }
    fields
}

/// Address lines as printed on an envelope, blanks skipped.
pub(crate) fn address_lines(account: &RentAccount) -> Vec<String> {
    [
        Some(account.address_line_1.as_str()),
        account.address_line_2.as_deref(),
        Some(account.town.as_str()),
        Some(account.postcode.as_str()),
    ]
    .into_iter()
    .flatten()
    .map(str::trim)
    .filter(|line| !line.is_empty())
    .map(str::to_string)
    .collect()
}

/// "Ann Lee", "Ann Lee and Bo Lee", "Ann Lee, Bo Lee and Cy Lee".
pub(crate) fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [only] => only.to_string(),
        [first @ .., last] => format!("{} and {last}", first.join(", ")),
    }
}

fn balance_on(entries: &[Entry], date: NaiveDate) -> Decimal {
    entries
        .iter()
        .filter(|entry| entry.posted_on <= date)
        .map(|entry| entry.amount)
        .sum()
}
