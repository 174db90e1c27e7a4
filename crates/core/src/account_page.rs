//! The account page: one account's figures, each explained, with its ledger, arrangements,
//! diary and holds.

use chrono::NaiveDate;
use doorstep_api::{
    AccountDetail, ArrangementView, DiaryCodeView, DiaryLine, ExpectedCreditView, ExplainedFigure,
    HoldView, PersonView, TenancyView, TransactionLine, TrendPoint,
};
use doorstep_domain::arrangement::{ArrangementKind, InstalmentFrequency};
use doorstep_domain::arrears::arrears_position;
use doorstep_domain::benefits::long_date;
use doorstep_domain::escalation::EscalationPolicy;
use doorstep_domain::history::explain_trend;
use doorstep_domain::ledger::{reversal_of, running_balances, Entry, EntryKind};
use doorstep_domain::money::format_money;
use doorstep_store::{ArrangementRecord, DiaryRecord, HoldKind, HoldRecord};
use rust_decimal::Decimal;

use crate::caseload::{address, next_action_view, tenant_names, CaseloadAccount};

pub(crate) struct AccountRecords<'a> {
    pub entries: &'a [Entry],
    pub diary: &'a [DiaryRecord],
    pub arrangements: &'a [ArrangementRecord],
    pub holds: &'a [HoldRecord],
}

pub(crate) fn detail(
    account: &CaseloadAccount,
    records: &AccountRecords<'_>,
    policy: &EscalationPolicy,
    today: NaiveDate,
) -> AccountDetail {
    let record = &account.record;
    let state = &account.state;
    let position = arrears_position(records.entries, &record.schedule, today);
    let codes = diary_codes(policy);
    let components = record.schedule.components_on(today);
    AccountDetail {
        account_id: record.id,
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
        flags: Vec::new(),
        balance: position.balance,
        arrears_weeks: position.weeks_of_rent,
        arrears_explanation: position.explanation.clone(),
        last_payment_on: state.last_payment_on,
        figures: figures(account, &position.explanation),
        expected_credits: state
            .expected_credits
            .iter()
            .map(|credit| ExpectedCreditView {
                benefit: credit.benefit.label().to_string(),
                paid_to: credit.paid_to.label().to_string(),
                amount: credit.amount,
                next_on: credit.next_on,
                covers_now: credit.covers_now,
            })
            .collect(),
        trend: state
            .trend
            .iter()
            .map(|(on, balance)| TrendPoint {
                on: *on,
                balance: *balance,
            })
            .collect(),
        next_action: next_action_view(&state.verdict),
        arrangements: arrangement_views(account, records.arrangements),
        diary: records
            .diary
            .iter()
            .map(|entry| DiaryLine {
                happened_on: entry.happened_on,
                code: entry.code.clone(),
                label: diary_label(&codes, &entry.code),
                officer: entry.officer.clone(),
                note: entry.note.clone(),
            })
            .collect(),
        holds: records
            .holds
            .iter()
            .map(|hold| hold_view(hold, today))
            .collect(),
        transactions: transactions(records.entries),
        as_at: today,
    }
}

fn figures(account: &CaseloadAccount, balance_words: &str) -> Vec<ExplainedFigure> {
    let state = &account.state;
    let technical = (state.balance.max(Decimal::ZERO) - state.true_arrears).max(Decimal::ZERO);
    let true_words = if state.expected_credits.is_empty() {
        "No benefit credits are expected on this account, so all of the arrears are true arrears."
            .to_string()
    } else {
        let credits: Vec<&str> = state
            .expected_credits
            .iter()
            .map(|credit| credit.explanation.as_str())
            .collect();
        format!(
            "{} Taking off {} of technical arrears leaves {} that is really owed.",
            credits.join(" "),
            format_money(technical),
            format_money(state.true_arrears)
        )
    };
    vec![
        ExplainedFigure {
            key: "balance".into(),
            label: "Balance".into(),
            value: format_money(state.balance),
            explanation: balance_words.to_string(),
        },
        ExplainedFigure {
            key: "true_arrears".into(),
            label: "True arrears".into(),
            value: format_money(state.true_arrears),
            explanation: true_words,
        },
        ExplainedFigure {
            key: "days_since_payment".into(),
            label: "Since the last payment".into(),
            value: state
                .days_since_payment
                .map_or("No payment".to_string(), |days| match days {
                    1 => "1 day".to_string(),
                    _ => format!("{days} days"),
                }),
            explanation: state.last_payment_words.clone(),
        },
        ExplainedFigure {
            key: "trend".into(),
            label: "13-week trend".into(),
            value: match (state.trend.first(), state.trend.last()) {
                (Some((_, from)), Some((_, to))) => signed_money(*to - *from),
                _ => "—".into(),
            },
            explanation: explain_trend(&state.trend),
        },
    ]
}

fn signed_money(change: Decimal) -> String {
    if change > Decimal::ZERO {
        format!("+{}", format_money(change))
    } else if change < Decimal::ZERO {
        format!("−{}", format_money(-change))
    } else {
        format_money(change)
    }
}

fn transactions(entries: &[Entry]) -> Vec<TransactionLine> {
    running_balances(entries)
        .into_iter()
        .map(|line| {
            let entry = line.entry;
            let reversal = reversal_of(entries, entry.id);
            let reversal_note = match (&entry.kind, reversal) {
                (EntryKind::Reversal { reverses }, _) => entries
                    .iter()
                    .find(|original| original.id == *reverses)
                    .map(|original| {
                        format!("Reverses the entry of {}", long_date(original.posted_on))
                    }),
                (_, Some(reversal)) => {
                    Some(format!("Reversed on {}", long_date(reversal.posted_on)))
                }
                _ => None,
            };
            TransactionLine {
                entry_id: entry.id.to_string(),
                posted_on: entry.posted_on,
                description: entry.description.clone(),
                debit: (entry.amount > Decimal::ZERO).then_some(entry.amount),
                credit: (entry.amount < Decimal::ZERO).then(|| -entry.amount),
                balance_after: line.balance_after,
                reversible: !matches!(entry.kind, EntryKind::Reversal { .. }) && reversal.is_none(),
                reversal_note,
            }
        })
        .collect()
}

pub(crate) fn terms_words(record: &ArrangementRecord) -> String {
    let terms = record.arrangement.terms();
    let mut words = match terms.frequency {
        InstalmentFrequency::OneOff => format!(
            "{} on {}",
            format_money(terms.instalment),
            long_date(terms.first_instalment_on)
        ),
        frequency => format!(
            "{} {} from {}",
            format_money(terms.instalment),
            frequency.per_period(),
            long_date(terms.first_instalment_on)
        ),
    };
    if let Some(initial) = &terms.initial_payment {
        words.push_str(&format!(
            ", after {} on {}",
            format_money(initial.amount),
            long_date(initial.due_on)
        ));
    }
    words.push_str(", on top of the rent");
    words
}

fn arrangement_views(
    account: &CaseloadAccount,
    arrangements: &[ArrangementRecord],
) -> Vec<ArrangementView> {
    // The store lists them oldest first; the position breaks ties between two made the same day.
    let mut views: Vec<(bool, usize, ArrangementView)> = arrangements
        .iter()
        .enumerate()
        .map(|(position, record)| {
            let terms = record.arrangement.terms();
            let open = record.state().is_some_and(|state| state.is_open());
            let check = account
                .state
                .arrangement
                .as_ref()
                .filter(|(id, _)| *id == record.id)
                .map(|(_, check)| check.explanation.clone());
            let view = ArrangementView {
                kind: match terms.kind {
                    // The page says "Informal arrangement: Live".
                    ArrangementKind::Informal => "Informal".into(),
                    ArrangementKind::CourtOrdered => "Court-ordered".into(),
                },
                terms: terms_words(record),
                state: record
                    .state()
                    .map_or("Unknown", |state| state.label())
                    .into(),
                agreed_on: terms.agreed_on,
                starting_balance: terms.starting_balance,
                check,
                history: record
                    .states
                    .iter()
                    .map(|state| {
                        format!(
                            "{} from {}: {}",
                            state.state.label(),
                            long_date(state.on_date),
                            state.reason
                        )
                    })
                    .collect(),
            };
            (open, position, view)
        })
        .collect();
    // The open arrangement first, then the rest newest first.
    views.sort_by_key(|(open, position, _)| {
        (std::cmp::Reverse(*open), std::cmp::Reverse(*position))
    });
    views.into_iter().map(|(_, _, view)| view).collect()
}

fn hold_view(hold: &HoldRecord, today: NaiveDate) -> HoldView {
    let until = long_date(hold.until_on);
    let description = match hold.kind {
        HoldKind::Pause => {
            let reason = hold
                .pause_reason
                .as_deref()
                .and_then(|code| crate::account_state::pause_reason_from_code(code).ok())
                .map_or("other", |reason| reason.label());
            format!("Paused ({}) until {until}", reason.to_lowercase())
        }
        HoldKind::CourtDate => format!("Court hearing on {until}"),
        HoldKind::EvictionDate => format!("Eviction on {until}"),
        HoldKind::BreathingSpace => format!("Breathing Space until {until}"),
    };
    let description = if hold.note.trim().is_empty() {
        description
    } else {
        format!("{description} — {}", hold.note.trim())
    };
    HoldView {
        description,
        in_force: hold.until_on >= today,
    }
}

/// Codes an officer records by hand, besides the policy's own steps.
pub(crate) const DIARY_CODES: &[(&str, &str)] = &[
    ("phone_call", "Phone call"),
    ("home_visit", "Home visit"),
    ("email", "Email"),
    ("text_message", "Text message"),
    ("office_interview", "Office interview"),
    ("benefit_advice", "Help with a benefit claim"),
    ("money_advice_referral", "Referred to free money advice"),
    ("income_expenditure", "Income and expenditure assessment"),
    ("promise_to_pay", "Promise to pay"),
    ("letter_received", "Letter received"),
    (
        "vulnerability_considered",
        "Vulnerability and capacity considered",
    ),
    (
        "dwp_deduction_request",
        "Applied to the DWP for deductions or a managed payment",
    ),
    (
        doorstep_domain::flags::MANAGER_REVIEW_CODE,
        "Manager's review before escalation",
    ),
    ("tracing", "Tracing a former tenant"),
    ("note", "Note"),
];

/// Codes the app records itself, for documents produced and court work.
pub(crate) const RECORDED_CODES: &[(&str, &str)] = &[
    ("payment_recorded", "Payment recorded"),
    (crate::caseload::PAYMENT_RETURNED_CODE, "Payment returned"),
    ("rent_statement", "Rent statement"),
    (
        "arrangement_confirmation",
        "Arrangement confirmation letter",
    ),
    ("notice_served", "Notice served"),
    ("claim_issued", "Possession claim issued"),
    ("hearing_outcome", "Hearing outcome"),
    ("warrant_requested", "Warrant requested"),
    ("court_application", "Court application (N244)"),
    ("uc_position", "Universal Credit claim recorded"),
    (
        "managed_payment_request",
        "Managed payment requested from the DWP",
    ),
    ("dwp_decision", "DWP decision"),
    (
        "dhp_application",
        "Discretionary Housing Payment application",
    ),
    ("dhp_decision", "Discretionary Housing Payment decision"),
    ("representative_recorded", "Representative recorded"),
    ("consent_recorded", "Consent to discuss recorded"),
    ("flag_recorded", "Flag recorded"),
    ("flag_ended", "Flag ended"),
    ("hb_notification", "Housing Benefit notification"),
    ("hb_overpayment", "Housing Benefit overpayment invoice"),
    ("payment_schedule", "Third-party payment schedule"),
    ("referral", "Referral"),
    ("referral_outcome", "Referral outcome"),
    ("write_off_recommended", "Write-off recommended"),
];

pub(crate) fn diary_codes(policy: &EscalationPolicy) -> Vec<DiaryCodeView> {
    policy
        .steps
        .iter()
        .map(|step| DiaryCodeView {
            code: step.code.clone(),
            label: step.label.clone(),
        })
        .chain(DIARY_CODES.iter().map(|(code, label)| DiaryCodeView {
            code: code.to_string(),
            label: label.to_string(),
        }))
        .chain(RECORDED_CODES.iter().map(|(code, label)| DiaryCodeView {
            code: code.to_string(),
            label: label.to_string(),
        }))
        .collect()
}

pub(crate) fn diary_label(codes: &[DiaryCodeView], code: &str) -> String {
    codes
        .iter()
        .find(|known| known.code == code)
        .map_or_else(|| code.replace('_', " "), |known| known.label.clone())
}
