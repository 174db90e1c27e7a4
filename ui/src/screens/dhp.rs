//! The benefits screen's Discretionary Housing Payment section: the core's suggestion (when the
//! housing costs fall short of the rent), the form that records an application to the council,
//! and every application with its decision (an awaiting one carries a form for the decision).

use doorstep_api::{DhpApplicationView, RecordDhpApplicationRequest, RecordDhpDecisionRequest};
use leptos::prelude::*;

use crate::display::{date_input_value, date_long_text, money_text};
use crate::ipc;
use crate::screens::benefits::{send_benefits_change, BenefitsPage};
use crate::screens::court_file::{CourtForm, CourtFormFrame};
use crate::screens::form_groups::{
    date_group, money_group, optional_date, optional_money, pairs, required_date, required_money,
    select_group, text_group,
};
use crate::session::today;

const DHP_OUTCOMES: [(&str, &str); 2] = [("awarded", "Awarded"), ("refused", "Refused")];

#[component]
pub fn DhpSection() -> impl IntoView {
    let page = expect_context::<BenefitsPage>();
    let suggestion = page.slice(|benefits| benefits.dhp_suggestion.clone());
    let applications = Memo::new(move |_| {
        page.benefits.with(|benefits| {
            benefits
                .as_ref()
                .map(|benefits| benefits.dhp_applications.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <section id="dhp" aria-labelledby="dhp-heading">
            <h2 id="dhp-heading">"Discretionary Housing Payment"</h2>
            {move || suggestion.get().flatten().map(|text| view! {
                <div id="dhp-suggestion" class="inset-text dhp-suggestion">
                    <p>{text}</p>
                </div>
            })}
            <DhpForm />
            <h3 id="dhp-applications-heading">"Applications"</h3>
            <Show when=move || applications.with(Vec::is_empty)>
                <p class="empty-note">"No application recorded."</p>
            </Show>
            <ul id="dhp-applications" class="plain-list">
                // Keyed on what an application shows, so a decision half typed keeps its form
                // while another application is recorded.
                <For each=move || applications.get()
                    key=|application| (
                        application.application_id.clone(),
                        application.decision.clone(),
                    )
                    children=|application| view! { <DhpRecord application=application /> } />
            </ul>
        </section>
    }
}

#[component]
fn DhpForm() -> impl IntoView {
    let page = expect_context::<BenefitsPage>();
    let court_form = CourtForm::new(&[
        ("council", "dhp-council"),
        ("amount", "dhp-amount"),
        ("period_from", "dhp-from"),
        ("period_to", "dhp-to"),
        ("reason", "dhp-reason"),
        ("applied_on", "dhp-applied-on"),
    ]);
    let council = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let period_from = RwSignal::new(String::new());
    let period_to = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let applied_on = RwSignal::new(date_input_value(today()));
    let submit = move || {
        let Some(asked) = required_money(court_form, &amount.get_untracked(), "amount") else {
            return;
        };
        let Some(from) = required_date(
            court_form,
            &period_from.get_untracked(),
            "period_from",
            "Enter the first day the payment would cover.",
        ) else {
            return;
        };
        let Some(to) = required_date(
            court_form,
            &period_to.get_untracked(),
            "period_to",
            "Enter the last day the payment would cover.",
        ) else {
            return;
        };
        let Some(applied) = required_date(
            court_form,
            &applied_on.get_untracked(),
            "applied_on",
            "Enter the date of the application.",
        ) else {
            return;
        };
        let request = RecordDhpApplicationRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id: page.account_id,
            council: council.get_untracked().trim().to_string(),
            amount: asked,
            period_from: from,
            period_to: to,
            reason: reason.get_untracked(),
            applied_on: applied,
        };
        send_benefits_change(
            page,
            court_form,
            async move { ipc::record_dhp_application(&request).await },
            // The council usually stays the same; the rest belongs to the application recorded.
            move || {
                amount.try_set(String::new());
                period_from.try_set(String::new());
                period_to.try_set(String::new());
                reason.try_set(String::new());
            },
        );
    };
    view! {
        <CourtFormFrame id="dhp-form".to_string()
            title="Record a DHP application".to_string()
            court_form=court_form on_submit=submit submit_id="record-dhp".to_string()
            submit_label="Record application">
            <div class="form-row">
                {text_group(court_form, "dhp-council".into(), "Council", "council", council)}
                {money_group(court_form, "dhp-amount".into(), "Amount asked (£)", "amount",
                    amount)}
                {date_group(court_form, "dhp-applied-on".into(), "Applied on", "applied_on",
                    applied_on)}
            </div>
            <div class="form-row">
                {date_group(court_form, "dhp-from".into(), "Period from", "period_from",
                    period_from)}
                {date_group(court_form, "dhp-to".into(), "Period to", "period_to", period_to)}
            </div>
            {text_group(court_form, "dhp-reason".into(), "Reason", "reason", reason)}
        </CourtFormFrame>
    }
}

#[component]
fn DhpRecord(application: DhpApplicationView) -> impl IntoView {
    let summary = format!(
        "{}: {} for {} to {}, applied on {}",
        application.council,
        money_text(application.amount),
        date_long_text(application.period_from),
        date_long_text(application.period_to),
        date_long_text(application.applied_on),
    );
    let awaiting = application.decision.is_none();
    let decided = match application.decision {
        Some(decision) => view! { <p class="dhp-decision">{decision}</p> }.into_any(),
        None => view! {
            <p class="dhp-awaiting">"Awaiting the council's decision."</p>
            <DhpDecisionForm application_id=application.application_id.clone() />
        }
        .into_any(),
    };
    view! {
        <li class="dhp-application" data-application-id=application.application_id.clone()
            data-state=if awaiting { "awaiting" } else { "decided" }>
            <p class="dhp-summary">{summary}</p>
            <p class="dhp-reason">{application.reason}</p>
            {decided}
        </li>
    }
}

#[component]
fn DhpDecisionForm(application_id: String) -> impl IntoView {
    let page = expect_context::<BenefitsPage>();
    // Per-application ids: the field map is static, so the core's field is marked, not focused.
    let court_form = CourtForm::new(&[]);
    let decided_on = RwSignal::new(date_input_value(today()));
    let outcome = RwSignal::new(DHP_OUTCOMES[0].0.to_string());
    let amount = RwSignal::new(String::new());
    let period_from = RwSignal::new(String::new());
    let period_to = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let awarded = move || outcome.with(|outcome| outcome == "awarded");
    let application_key = StoredValue::new(application_id);
    let submit = move || {
        let Some(decided) = required_date(
            court_form,
            &decided_on.get_untracked(),
            "decided_on",
            "Enter the date of the council's decision.",
        ) else {
            return;
        };
        let (awarded_amount, from, to) = if awarded() {
            let Ok(awarded_amount) = optional_money(court_form, &amount.get_untracked(), "amount")
            else {
                return;
            };
            let Ok(from) = optional_date(court_form, &period_from.get_untracked(), "period_from")
            else {
                return;
            };
            let Ok(to) = optional_date(court_form, &period_to.get_untracked(), "period_to") else {
                return;
            };
            (awarded_amount, from, to)
        } else {
            (None, None, None)
        };
        let request = RecordDhpDecisionRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id: page.account_id,
            application_id: application_key.get_value(),
            decided_on: decided,
            outcome: outcome.get_untracked(),
            amount: awarded_amount,
            period_from: from,
            period_to: to,
            note: note.get_untracked(),
        };
        send_benefits_change(
            page,
            court_form,
            async move { ipc::record_dhp_decision(&request).await },
            || {},
        );
    };
    // A Copy closure, so the inputs drawn afresh by `Show` can name their ids too.
    let id = move |name: &str| format!("{name}-{}", application_key.get_value());
    view! {
        <CourtFormFrame id=id("dhp-decision-form")
            title="Record the council's decision".to_string()
            court_form=court_form on_submit=submit submit_id=id("record-dhp-decision")
            submit_label="Record decision">
            <div class="form-row">
                {date_group(court_form, id("dhp-decided-on"), "Decided on", "decided_on",
                    decided_on)}
                {select_group(court_form, id("dhp-outcome"), "Outcome", "outcome",
                    pairs(&DHP_OUTCOMES), outcome)}
            </div>
            <Show when=awarded>
                <div class="form-row">
                    {money_group(court_form, id("dhp-award-amount"), "Amount awarded (£)",
                        "amount", amount)}
                    {date_group(court_form, id("dhp-award-from"), "Period from", "period_from",
                        period_from)}
                    {date_group(court_form, id("dhp-award-to"), "Period to", "period_to",
                        period_to)}
                </div>
            </Show>
            {text_group(court_form, id("dhp-decision-note"), "Note", "note", note)}
        </CourtFormFrame>
    }
}
