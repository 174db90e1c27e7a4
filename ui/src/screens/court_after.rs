//! The court file's "Claims, hearings and after" section: recording a claim issued on a served
//! notice, each claim with its hearing outcome, warrant (N325) and N244 application forms, and
//! the outcomes, warrants and applications recorded so far (an undecided application carries
//! a form for its outcome).

use doorstep_api::{
    ApplicationView, ClaimView, CourtDocument, CourtOrderTerms, HearingOutcomeView, NoticeView,
    RecordApplicationOutcomeRequest, RecordApplicationRequest, RecordClaimRequest,
    RecordHearingOutcomeRequest, RequestWarrantRequest, WarrantRequestView,
};
use doorstep_domain::court::{AfterHearing, HearingOutcome};
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::display::{date_input_value, date_long_text, money_text, parse_date_input};
use crate::ipc;
use crate::screens::account_forms::ARRANGEMENT_FREQUENCIES;
use crate::screens::court_file::{
    document_result_view, produce_court_document, send_court_change, CourtForm, CourtFormFrame,
    CourtPage,
};
use crate::screens::form_groups::{date_group, optional_date, pairs, select_group, text_group};
use crate::session::today;

/// A court order's instalments are regular: every arrangement frequency but a one-off.
fn order_frequencies() -> Vec<(String, String)> {
    ARRANGEMENT_FREQUENCIES
        .iter()
        .filter(|(code, _)| *code != "one_off")
        .map(|(code, label)| (code.to_string(), label.to_string()))
        .collect()
}
const APPLICANTS: [(&str, &str); 2] = [("landlord", "Landlord"), ("tenant", "Tenant")];
const FEE_KINDS: [(&str, &str); 3] = [
    ("on_notice", "On notice"),
    ("by_consent", "By consent"),
    ("none", "No fee"),
];
const APPLICATION_OUTCOMES: [(&str, &str); 4] = [
    ("granted", "Granted"),
    ("refused", "Refused"),
    ("withdrawn", "Withdrawn"),
    ("adjourned", "Adjourned"),
];

#[derive(Debug, Clone, PartialEq)]
struct AfterFile {
    notices: Vec<NoticeView>,
    claims: Vec<ClaimView>,
    outcomes: Vec<HearingOutcomeView>,
    outcome_choices: Vec<(String, String)>,
    warrants: Vec<WarrantRequestView>,
    applications: Vec<ApplicationView>,
}

#[component]
pub fn AfterSection() -> impl IntoView {
    let page = expect_context::<CourtPage>();
    let after = page.slice(|file| AfterFile {
        notices: file.notices.clone(),
        claims: file.claims.clone(),
        outcomes: file.outcomes.clone(),
        outcome_choices: file
            .outcome_choices
            .iter()
            .map(|choice| (choice.code.clone(), choice.label.clone()))
            .collect(),
        warrants: file.warrants.clone(),
        applications: file.applications.clone(),
    });
    view! {
        <section id="after" aria-labelledby="after-heading">
            <h2 id="after-heading">"Claims, hearings and after"</h2>
            {move || after.get().map(|after| {
                // A claim rests on a notice served on every tenant.
                let served: Vec<(String, String)> = after.notices.iter()
                    .filter(|notice| notice.unserved.is_empty() && !notice.services.is_empty())
                    .map(|notice| (
                        notice.notice_id.clone(),
                        format!("{}: {}", notice.title, notice.sentence),
                    ))
                    .collect();
                let claim_form = if served.is_empty() {
                    view! {
                        <p id="claim-needs-notice" class="inset-text">
                            "Serve a notice on every tenant before recording a claim."
                        </p>
                    }
                    .into_any()
                } else {
                    view! { <RecordClaimForm served=served /> }.into_any()
                };
                let claims = if after.claims.is_empty() {
                    view! { <p class="empty-note">"No claim recorded."</p> }.into_any()
                } else {
                    after.claims.into_iter().map(|claim| view! {
                        <ClaimRecord claim=claim outcome_choices=after.outcome_choices.clone() />
                    }).collect_view().into_any()
                };
                view! {
                    {claim_form}
                    <div id="claims">{claims}</div>
                    <OutcomesList outcomes=after.outcomes />
                    <WarrantsList warrants=after.warrants />
                    <ApplicationsList applications=after.applications />
                }
            })}
        </section>
    }
}

#[component]
fn RecordClaimForm(served: Vec<(String, String)>) -> impl IntoView {
    let page = expect_context::<CourtPage>();
    let court_form = CourtForm::new(&[
        ("notice_id", "claim-notice"),
        ("issued_on", "claim-issued-on"),
        ("claim_number", "claim-number"),
        ("court", "claim-court"),
        ("hearing_on", "claim-hearing-on"),
    ]);
    let notice_id = RwSignal::new(served.first().map(|(id, _)| id.clone()).unwrap_or_default());
    let issued_on = RwSignal::new(date_input_value(today()));
    let claim_number = RwSignal::new(String::new());
    let court = RwSignal::new(String::new());
    let hearing_on = RwSignal::new(String::new());
    let submit = move || {
        let Some(issued) = parse_date_input(&issued_on.get_untracked()) else {
            court_form.fail("Enter the date the claim was issued.", "issued_on");
            return;
        };
        let Ok(hearing) = optional_date(court_form, &hearing_on.get_untracked(), "hearing_on")
        else {
            return;
        };
        let request = RecordClaimRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id: page.account_id,
            notice_id: notice_id.get_untracked(),
            issued_on: issued,
            claim_number: claim_number.get_untracked().trim().to_string(),
            court: court.get_untracked().trim().to_string(),
            hearing_on: hearing,
        };
        send_court_change(
            page,
            court_form,
            async move { ipc::record_claim(&request).await },
            || {},
        );
    };
    view! {
        <CourtFormFrame id="claim-form".to_string() title="Record claim issued".to_string()
            court_form=court_form on_submit=submit submit_id="record-claim".to_string()
            submit_label="Record claim">
            {select_group(court_form, "claim-notice".into(), "Notice relied on", "notice_id",
                served, notice_id)}
            <div class="form-row">
                {date_group(court_form, "claim-issued-on".into(), "Issued on", "issued_on", issued_on)}
                {text_group(court_form, "claim-number".into(), "Claim number", "claim_number",
                    claim_number)}
                {text_group(court_form, "claim-court".into(), "Court", "court", court)}
                {date_group(court_form, "claim-hearing-on".into(), "Hearing date (optional)",
                    "hearing_on", hearing_on)}
            </div>
        </CourtFormFrame>
    }
}

#[component]
fn ClaimRecord(claim: ClaimView, outcome_choices: Vec<(String, String)>) -> impl IntoView {
    let page = expect_context::<CourtPage>();
    let claim_id = claim.claim_id.clone();
    let busy = RwSignal::new(false);
    let result = RwSignal::new(None);
    let warrant_claim_id = StoredValue::new(claim_id.clone());
    let produce_id = format!("produce-warrant-{claim_id}");
    let (outcome_claim_id, warrant_form_claim_id, application_claim_id) =
        (claim_id.clone(), claim_id.clone(), claim_id.clone());
    let rows = [
        ("Court", claim.court),
        ("Issued on", date_long_text(claim.issued_on)),
        ("Amount due", money_text(claim.amount_due)),
        ("Daily rate", money_text(claim.daily_rate)),
        ("Fee", money_text(claim.fee)),
    ];
    view! {
        <article class="panel court-claim" data-claim-id=claim_id>
            <h3 class="panel-heading">{format!("Claim {}", claim.claim_number)}</h3>
            <dl class="summary-list">
                {rows.into_iter().map(|(key, value)| view! {
                    <div class="summary-row">
                        <dt>{key}</dt>
                        <dd>{value}</dd>
                    </div>
                }).collect_view()}
            </dl>
            <HearingOutcomeForm claim_id=outcome_claim_id outcome_choices=outcome_choices />
            <WarrantForm claim_id=warrant_form_claim_id />
            <div class="button-group">
                <button id=produce_id
                    class="button button-secondary produce-warrant" type="button" disabled=busy
                    on:click=move |_| produce_court_document(
                        page,
                        CourtDocument::WarrantRequest { claim_id: warrant_claim_id.get_value() },
                        None,
                        busy,
                        result,
                    )>
                    "Warrant request N325 (PDF)"
                </button>
            </div>
            {document_result_view(result, busy, None)}
            <ApplicationForm claim_id=application_claim_id />
        </article>
    }
}

/// Which of the hearing form's extra inputs an outcome asks for.
fn outcome_after(code: &str) -> Option<HearingOutcome> {
    HearingOutcome::from_code(code)
}

#[component]
fn HearingOutcomeForm(claim_id: String, outcome_choices: Vec<(String, String)>) -> impl IntoView {
    let page = expect_context::<CourtPage>();
    let court_form = CourtForm::new(&[]);
    let hearing_on = RwSignal::new(date_input_value(today()));
    let outcome = RwSignal::new(
        outcome_choices
            .first()
            .map(|(code, _)| code.clone())
            .unwrap_or_default(),
    );
    let possession_on = RwSignal::new(String::new());
    let next_hearing_on = RwSignal::new(String::new());
    let instalment = RwSignal::new(String::new());
    let frequency = RwSignal::new("weekly".to_string());
    let first_instalment_on = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let chosen = move || outcome.with(|code| outcome_after(code));
    let wants_possession_date = move || chosen() == Some(HearingOutcome::OutrightWithDate);
    let wants_next_hearing = move || {
        chosen().is_some_and(|choice| {
            choice.after() == AfterHearing::AwaitHearing
                || choice == HearingOutcome::AdjournedOnTerms
        })
    };
    let wants_terms = move || chosen().is_some_and(HearingOutcome::has_payment_terms);
    let request_claim_id = StoredValue::new(claim_id.clone());
    let submit = move || {
        let Some(hearing) = parse_date_input(&hearing_on.get_untracked()) else {
            court_form.fail("Enter the date of the hearing.", "hearing_on");
            return;
        };
        let possession = if wants_possession_date() {
            match optional_date(court_form, &possession_on.get_untracked(), "possession_on") {
                Ok(date) => date,
                Err(()) => return,
            }
        } else {
            None
        };
        let next_hearing = if wants_next_hearing() {
            match optional_date(
                court_form,
                &next_hearing_on.get_untracked(),
                "next_hearing_on",
            ) {
                Ok(date) => date,
                Err(()) => return,
            }
        } else {
            None
        };
        let terms = if wants_terms() {
            let Ok(amount) = instalment.get_untracked().trim().parse::<Decimal>() else {
                court_form.fail(
                    "Enter the instalment in pounds, such as 5.00.",
                    "terms.instalment",
                );
                return;
            };
            let Some(first_on) = parse_date_input(&first_instalment_on.get_untracked()) else {
                court_form.fail(
                    "Enter the date of the first instalment.",
                    "terms.first_instalment_on",
                );
                return;
            };
            Some(CourtOrderTerms {
                instalment: amount,
                frequency: frequency.get_untracked(),
                first_instalment_on: first_on,
            })
        } else {
            None
        };
        let request = RecordHearingOutcomeRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id: page.account_id,
            claim_id: request_claim_id.get_value(),
            hearing_on: hearing,
            outcome: outcome.get_untracked(),
            possession_on: possession,
            next_hearing_on: next_hearing,
            terms,
            note: note.get_untracked(),
        };
        send_court_change(
            page,
            court_form,
            async move { ipc::record_hearing_outcome(&request).await },
            || {},
        );
    };
    // A Copy closure, so the inputs drawn afresh by `Show` can name their ids too.
    let claim_key = StoredValue::new(claim_id);
    let id = move |name: &str| format!("{name}-{}", claim_key.get_value());
    view! {
        <CourtFormFrame id=id("outcome-form") title="Record hearing outcome".to_string()
            court_form=court_form on_submit=submit submit_id=id("record-outcome")
            submit_label="Record outcome">
            <div class="form-row">
                {date_group(court_form, id("outcome-hearing-on"), "Hearing date", "hearing_on",
                    hearing_on)}
                {select_group(court_form, id("outcome-code"), "Outcome", "outcome",
                    outcome_choices, outcome)}
            </div>
            <Show when=wants_possession_date>
                {date_group(court_form, id("outcome-possession-on"), "Possession date",
                    "possession_on", possession_on)}
            </Show>
            <Show when=wants_next_hearing>
                {date_group(court_form, id("outcome-next-hearing-on"),
                    "Next hearing date (optional)", "next_hearing_on", next_hearing_on)}
            </Show>
            <Show when=wants_terms>
                <div class="form-row">
                    {text_group(court_form, id("outcome-instalment"), "Instalment (£)",
                        "terms.instalment", instalment)}
                    {select_group(court_form, id("outcome-frequency"), "Frequency",
                        "terms.frequency", order_frequencies(), frequency)}
                    {date_group(court_form, id("outcome-first-instalment-on"),
                        "First instalment", "terms.first_instalment_on", first_instalment_on)}
                </div>
            </Show>
            {text_group(court_form, id("outcome-note"), "Note", "note", note)}
        </CourtFormFrame>
    }
}

#[component]
fn WarrantForm(claim_id: String) -> impl IntoView {
    let page = expect_context::<CourtPage>();
    let court_form = CourtForm::new(&[]);
    let requested_on = RwSignal::new(date_input_value(today()));
    let breach = RwSignal::new(String::new());
    let request_claim_id = StoredValue::new(claim_id.clone());
    let submit = move || {
        let Some(requested) = parse_date_input(&requested_on.get_untracked()) else {
            court_form.fail("Enter the date of the request.", "requested_on");
            return;
        };
        let request = RequestWarrantRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id: page.account_id,
            claim_id: request_claim_id.get_value(),
            requested_on: requested,
            breach: breach.get_untracked(),
        };
        send_court_change(
            page,
            court_form,
            async move { ipc::request_warrant(&request).await },
            || {},
        );
    };
    let id = move |name: &str| format!("{name}-{claim_id}");
    let breach_id = id("warrant-breach");
    let breach_for = breach_id.clone();
    view! {
        <CourtFormFrame id=id("warrant-form") title="Request a warrant (N325)".to_string()
            court_form=court_form on_submit=submit submit_id=id("request-warrant")
            submit_label="Request warrant">
            {date_group(court_form, id("warrant-requested-on"), "Requested on", "requested_on",
                requested_on)}
            <div class="form-group" class:form-group-error=court_form.has_error_on("breach")>
                <label class="label" for=breach_for>"How the order was breached"</label>
                {court_form.field_error("breach")}
                <textarea id=breach_id class="input textarea" rows="3" prop:value=breach
                    on:input=move |event| breach.set(event_target_value(&event))></textarea>
            </div>
        </CourtFormFrame>
    }
}

#[component]
fn ApplicationForm(claim_id: String) -> impl IntoView {
    let page = expect_context::<CourtPage>();
    let court_form = CourtForm::new(&[]);
    let applicant = RwSignal::new(APPLICANTS[0].0.to_string());
    let applied_on = RwSignal::new(date_input_value(today()));
    let purpose = RwSignal::new(String::new());
    let fee_kind = RwSignal::new(FEE_KINDS[0].0.to_string());
    let hearing_on = RwSignal::new(String::new());
    let request_claim_id = StoredValue::new(claim_id.clone());
    let submit = move || {
        let Some(applied) = parse_date_input(&applied_on.get_untracked()) else {
            court_form.fail("Enter the date of the application.", "applied_on");
            return;
        };
        let Ok(hearing) = optional_date(court_form, &hearing_on.get_untracked(), "hearing_on")
        else {
            return;
        };
        let request = RecordApplicationRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id: page.account_id,
            claim_id: request_claim_id.get_value(),
            applicant: applicant.get_untracked(),
            applied_on: applied,
            purpose: purpose.get_untracked(),
            fee_kind: fee_kind.get_untracked(),
            hearing_on: hearing,
        };
        send_court_change(
            page,
            court_form,
            async move { ipc::record_application(&request).await },
            || {},
        );
    };
    let id = move |name: &str| format!("{name}-{claim_id}");
    view! {
        <CourtFormFrame id=id("application-form") title="Application (N244)".to_string()
            court_form=court_form on_submit=submit submit_id=id("record-application")
            submit_label="Record application">
            <div class="form-row">
                {select_group(court_form, id("application-applicant"), "Applicant", "applicant",
                    pairs(&APPLICANTS), applicant)}
                {date_group(court_form, id("application-applied-on"), "Applied on", "applied_on",
                    applied_on)}
                {select_group(court_form, id("application-fee-kind"), "Fee", "fee_kind",
                    pairs(&FEE_KINDS), fee_kind)}
                {date_group(court_form, id("application-hearing-on"), "Hearing date (optional)",
                    "hearing_on", hearing_on)}
            </div>
            {text_group(court_form, id("application-purpose"), "What the application asks for",
                "purpose", purpose)}
        </CourtFormFrame>
    }
}

#[component]
fn OutcomesList(outcomes: Vec<HearingOutcomeView>) -> impl IntoView {
    let items = outcomes
        .into_iter()
        .map(|outcome| {
            let mut lines = vec![format!(
                "{}: {} ({})",
                date_long_text(outcome.hearing_on),
                outcome.outcome_label,
                outcome.outcome
            )];
            if let Some(date) = outcome.possession_on {
                lines.push(format!("Possession on {}", date_long_text(date)));
            }
            if let Some(date) = outcome.next_hearing_on {
                lines.push(format!("Next hearing {}", date_long_text(date)));
            }
            lines.extend(outcome.terms);
            if !outcome.note.is_empty() {
                lines.push(outcome.note);
            }
            view! {
                <li class="hearing-outcome" data-outcome=outcome.outcome>
                    {lines.into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
                </li>
            }
        })
        .collect_view();
    view! {
        <h3>"Hearing outcomes"</h3>
        <ul id="hearing-outcomes" class="plain-list">{items}</ul>
    }
}

#[component]
fn WarrantsList(warrants: Vec<WarrantRequestView>) -> impl IntoView {
    view! {
        <h3>"Warrants requested"</h3>
        <ul id="warrants" class="plain-list">
            {warrants.into_iter().map(|warrant| view! {
                <li class="warrant">
                    <p>{format!(
                        "{}: balance {}, fee {}",
                        date_long_text(warrant.requested_on),
                        money_text(warrant.balance),
                        money_text(warrant.fee)
                    )}</p>
                    <p>{warrant.breach}</p>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn ApplicationsList(applications: Vec<ApplicationView>) -> impl IntoView {
    view! {
        <h3>"Applications (N244)"</h3>
        <ul id="applications" class="plain-list">
            {applications.into_iter().map(|application| {
                let hearing = application.hearing_on
                    .map(|date| format!(", hearing {}", date_long_text(date)))
                    .unwrap_or_default();
                let decided = match application.outcome {
                    Some(outcome) => view! { <p class="application-outcome">{outcome}</p> }
                        .into_any(),
                    None => view! {
                        <ApplicationOutcomeForm application_id=application.application_id.clone() />
                    }
                    .into_any(),
                };
                view! {
                    <li class="application" data-application-id=application.application_id.clone()>
                        <p>{format!(
                            "{} applied on {} ({}){hearing}: {}",
                            application.applicant,
                            date_long_text(application.applied_on),
                            application.fee_kind,
                            application.purpose
                        )}</p>
                        {decided}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn ApplicationOutcomeForm(application_id: String) -> impl IntoView {
    let page = expect_context::<CourtPage>();
    let court_form = CourtForm::new(&[]);
    let decided_on = RwSignal::new(date_input_value(today()));
    let outcome = RwSignal::new(APPLICATION_OUTCOMES[0].0.to_string());
    let note = RwSignal::new(String::new());
    let request_application_id = StoredValue::new(application_id.clone());
    let submit = move || {
        let Some(decided) = parse_date_input(&decided_on.get_untracked()) else {
            court_form.fail("Enter the date of the decision.", "decided_on");
            return;
        };
        let request = RecordApplicationOutcomeRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id: page.account_id,
            application_id: request_application_id.get_value(),
            decided_on: decided,
            outcome: outcome.get_untracked(),
            note: note.get_untracked(),
        };
        send_court_change(
            page,
            court_form,
            async move { ipc::record_application_outcome(&request).await },
            || {},
        );
    };
    let id = move |name: &str| format!("{name}-{application_id}");
    view! {
        <CourtFormFrame id=id("application-outcome-form")
            title="Record the application's outcome".to_string()
            court_form=court_form on_submit=submit submit_id=id("record-application-outcome")
            submit_label="Record outcome">
            <div class="form-row">
                {date_group(court_form, id("application-decided-on"), "Decided on", "decided_on",
                    decided_on)}
                {select_group(court_form, id("application-outcome"), "Outcome", "outcome",
                    pairs(&APPLICATION_OUTCOMES), outcome)}
            </div>
            {text_group(court_form, id("application-note"), "Note", "note", note)}
        </CourtFormFrame>
    }
}
