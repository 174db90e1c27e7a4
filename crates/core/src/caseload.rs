//! The officer's caseload as the screens show it: store records run through the domain's
//! rules into `doorstep-api` views. Every figure here is computed by `doorstep-domain` from
//! ledger entries; this module only chooses which entries and formats the result.

use std::cmp::Reverse;
use std::collections::HashMap;

use chrono::NaiveDate;
use doorstep_api::{
    AccountDetail, AccountList, AccountSort, AccountSummary, ListAccountsRequest, PersonView,
    TenancyView, TransactionLine,
};
use doorstep_domain::arrears::arrears_position;
use doorstep_domain::ledger::{last_payment_date, running_balances, Entry};
use doorstep_domain::search::matches_query;
use doorstep_domain::tenancy::PersonRole;
use doorstep_store::AccountRecord;
use rust_decimal::Decimal;

/// The caseload, computed once at unlock and after every change, so that search-as-you-type
/// touches memory only.
#[derive(Debug, Clone)]
pub(crate) struct Caseload {
    accounts: Vec<AccountSummary>,
    /// The day the figures were computed for.
    as_at: NaiveDate,
}

/// Builds the caseload one ledger at a time, as the store streams them, so the whole
/// caseload's entries are never in memory together.
pub(crate) struct CaseloadBuilder<'a> {
    records: &'a [AccountRecord],
    position_by_id: HashMap<i64, usize>,
    /// `None` until the account's ledger arrives.
    accounts: Vec<Option<AccountSummary>>,
    today: NaiveDate,
}

impl<'a> CaseloadBuilder<'a> {
    pub(crate) fn new(records: &'a [AccountRecord], today: NaiveDate) -> CaseloadBuilder<'a> {
        CaseloadBuilder {
            records,
            position_by_id: records
                .iter()
                .enumerate()
                .map(|(position, record)| (record.id, position))
                .collect(),
            accounts: vec![None; records.len()],
            today,
        }
    }

    pub(crate) fn add_ledger(&mut self, account_id: i64, entries: &[Entry]) {
        // The store's foreign key makes a ledger without an account impossible.
        let Some(&position) = self.position_by_id.get(&account_id) else {
            return;
        };
        self.accounts[position] = Some(summary(&self.records[position], entries, self.today));
    }

    /// An account whose ledger never arrived has no entries yet: it still shows, with a zero
    /// balance.
    pub(crate) fn finish(self) -> Caseload {
        let accounts = self
            .accounts
            .into_iter()
            .zip(self.records)
            .map(|(summary_from_ledger, record)| {
                summary_from_ledger.unwrap_or_else(|| summary(record, &[], self.today))
            })
            .collect();
        Caseload {
            accounts,
            as_at: self.today,
        }
    }
}

impl Caseload {
    pub(crate) fn as_at(&self) -> NaiveDate {
        self.as_at
    }

    pub(crate) fn list(&self, request: &ListAccountsRequest) -> AccountList {
        let mut accounts: Vec<AccountSummary> = self
            .accounts
            .iter()
            .filter(|account| {
                matches_query(
                    &[
                        &account.tenant_names,
                        &account.address,
                        &account.postcode,
                        &account.payment_reference,
                    ],
                    &request.query,
                )
            })
            .cloned()
            .collect();
        sort_accounts(&mut accounts, request.sort);
        AccountList {
            accounts,
            caseload_count: self.accounts.len(),
            as_at: self.as_at,
        }
    }
}

fn sort_accounts(accounts: &mut [AccountSummary], sort: AccountSort) {
    match sort {
        // Ties broken by reference so the order is stable from one keystroke to the next.
        AccountSort::ArrearsDescending => accounts.sort_by(|a, b| {
            (Reverse(a.balance), &a.payment_reference)
                .cmp(&(Reverse(b.balance), &b.payment_reference))
        }),
        AccountSort::Reference => {
            accounts.sort_by(|a, b| a.payment_reference.cmp(&b.payment_reference))
        }
        AccountSort::Name => accounts.sort_by(|a, b| {
            (a.tenant_names.to_lowercase(), &a.payment_reference)
                .cmp(&(b.tenant_names.to_lowercase(), &b.payment_reference))
        }),
    }
}

fn summary(record: &AccountRecord, entries: &[Entry], today: NaiveDate) -> AccountSummary {
    let position = arrears_position(entries, &record.schedule, today);
    AccountSummary {
        payment_reference: record.payment_reference.clone(),
        tenant_names: tenant_names(record),
        address: address(record),
        postcode: record.postcode.clone(),
        tenure: record.tenure.label().to_string(),
        balance: position.balance,
        arrears_weeks: position.weeks_of_rent,
    }
}

pub(crate) fn detail(record: &AccountRecord, entries: &[Entry], today: NaiveDate) -> AccountDetail {
    let position = arrears_position(entries, &record.schedule, today);
    let components = record.schedule.components_on(today);
    let transactions = running_balances(entries)
        .into_iter()
        .map(|line| TransactionLine {
            posted_on: line.entry.posted_on,
            description: line.entry.description.clone(),
            debit: (line.entry.amount > Decimal::ZERO).then_some(line.entry.amount),
            credit: (line.entry.amount < Decimal::ZERO).then(|| -line.entry.amount),
            balance_after: line.balance_after,
        })
        .collect();
    AccountDetail {
        payment_reference: record.payment_reference.clone(),
        tenant_names: tenant_names(record),
        address: address(record),
        postcode: record.postcode.clone(),
        tenancy: TenancyView {
            tenancy_reference: record.tenancy_reference.clone(),
            tenure: record.tenure.label().to_string(),
            start_date: record.tenancy_start,
            rent_frequency: record.schedule.frequency.name().to_string(),
            rent: components.map(|c| c.rent).unwrap_or_default(),
            service_charge: components.map(|c| c.service_charge).unwrap_or_default(),
            weekly_charge: position.weekly_charge,
        },
        people: record
            .people
            .iter()
            .map(|person| PersonView {
                role: person.role.label().to_string(),
                full_name: person.full_name.clone(),
                phone: person.phone.clone(),
            })
            .collect(),
        balance: position.balance,
        arrears_weeks: position.weeks_of_rent,
        arrears_explanation: position.explanation,
        last_payment_on: last_payment_date(entries),
        transactions,
        as_at: today,
    }
}

/// The names on the tenancy (tenant and joint tenants), as a letter would address them.
fn tenant_names(record: &AccountRecord) -> String {
    let names: Vec<&str> = record
        .people
        .iter()
        .filter(|person| matches!(person.role, PersonRole::Tenant | PersonRole::JointTenant))
        .map(|person| person.full_name.as_str())
        .collect();
    names.join(" & ")
}

fn address(record: &AccountRecord) -> String {
    let mut parts = vec![record.address_line_1.as_str()];
    parts.extend(record.address_line_2.as_deref());
    parts.push(record.town.as_str());
    parts.join(", ")
}
