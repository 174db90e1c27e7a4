//! The benefits screen's "Managed payment and deductions" section: whether each kind of request
//! may be made (and why not), the range a deduction for arrears falls in, the form that records
//! a request made on the DWP Landlord Portal, and every request with its decision (an awaiting
//! one carries a form for the decision).

use doorstep_api::{
    BenefitRequestView, DeductionRangeView, EligibilityView, RecordBenefitDecisionRequest,
    RecordBenefitRequestRequest,
};
use leptos::prelude::*;

use crate::display::{date_input_value, date_long_text, money_text};
use crate::ipc;
use crate::screens::benefits::{send_benefits_change, BenefitsPage};
use crate::screens::court_file::{CourtForm, CourtFormFrame};
use crate::screens::form_groups::{
    date_group, money_group, optional_date, optional_money, pairs, required_date, select_group,
    text_group,
};
use crate::session::today;
use doorstep_domain::universal_credit::RequestKind;

/// The kinds of request and their labels are the domain's, so the screen and the core agree.
fn request_kinds() -> Vec<(String, String)> {
    RequestKind::ALL
        .into_iter()
        .map(|kind| (kind.code().to_string(), kind.label().to_string()))
        .collect()
}
const DECISION_OUTCOMES: [(&str, &str); 3] = [
    ("approved", "Approved"),
    ("refused", "Refused"),
    ("withdrawn", "Withdrawn"),
];

#[component]
pub fn RequestsSection() -> impl IntoView {
    let page = expect_context::<BenefitsPage>();
    let eligibility = page.slice(|benefits| benefits.eligibility.clone());
    let range = page.slice(|benefits| benefits.deduction_range.clone());
    let requests = Memo::new(move |_| {
        page.benefits.with(|benefits| {
            benefits
                .as_ref()
                .map(|benefits| benefits.requests.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <section id="managed-payments" aria-labelledby="managed-payments-heading">
            <h2 id="managed-payments-heading">"Managed payment and deductions"</h2>
            <div id="eligibility">
                {move || eligibility.get().unwrap_or_default().into_iter()
                    .map(eligibility_view)
                    .collect_view()}
            </div>
            {move || range.get().flatten().map(deduction_range_view)}
            <RequestForm />
            <h3 id="benefit-requests-heading">"Requests to the DWP"</h3>
            <Show when=move || requests.with(Vec::is_empty)>
                <p class="empty-note">"No request recorded."</p>
            </Show>
            <ul id="benefit-requests" class="plain-list">
                // Keyed on what a request shows, so a request whose decision is half typed keeps
                // its form while another one is recorded.
                <For each=move || requests.get()
                    key=|request| (
                        request.request_id.clone(),
                        request.state.clone(),
                        request.sentence.clone(),
                        request.overdue,
                    )
                    children=|request| view! { <RequestRecord request=request /> } />
            </ul>
        </section>
    }
}

fn eligibility_view(item: EligibilityView) -> impl IntoView {
    let badge = if item.eligible {
        "Eligible"
    } else {
        "Not eligible"
    };
    view! {
        <article class="panel eligibility" data-kind=item.kind
            data-eligible=item.eligible.to_string()>
            <h3 class="panel-heading">
                {item.label}
                " "
                <span class="marker eligibility-badge" class:marker-neutral=item.eligible
                    class:warning-text=!item.eligible>
                    {badge}
                </span>
            </h3>
            <ul class="eligibility-reasons">
                {item.reasons.into_iter().map(|reason| view! { <li>{reason}</li> }).collect_view()}
            </ul>
            <p class="hint eligibility-source"><small>{item.source}</small></p>
        </article>
    }
}

fn deduction_range_view(range: DeductionRangeView) -> impl IntoView {
    let rows = [
        (
            "Standard allowance",
            format!("{} a month", money_text(range.standard_allowance)),
        ),
        (
            "Deduction for arrears",
            format!(
                "{} to {} a month",
                money_text(range.min),
                money_text(range.max)
            ),
        ),
        (
            "Overall cap on deductions",
            format!("{} a month", money_text(range.overall_cap)),
        ),
        (
            "Expected deduction",
            format!("{} a month", money_text(range.expected)),
        ),
    ];
    view! {
        <div id="deduction-range" class="panel deduction-range">
            <h3 class="panel-heading">"What a deduction for arrears would be"</h3>
            <dl class="summary-list">
                {rows.into_iter().map(|(key, value)| view! {
                    <div class="summary-row">
                        <dt>{key}</dt>
                        <dd>{value}</dd>
                    </div>
                }).collect_view()}
            </dl>
            <p class="deduction-explanation">{range.explanation}</p>
            <p class="hint deduction-source"><small>{range.source}</small></p>
        </div>
    }
}

#[component]
fn RequestForm() -> impl IntoView {
    let page = expect_context::<BenefitsPage>();
    let court_form = CourtForm::new(&[
        ("kind", "request-kind"),
        ("requested_on", "request-date"),
        ("reference", "request-reference"),
        ("amount_asked", "request-amount"),
        ("note", "request-note"),
    ]);
    let kind = RwSignal::new(RequestKind::ManagedPayment.code().to_string());
    let requested_on = RwSignal::new(date_input_value(today()));
    let reference = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let is_deduction = move || kind.with(|kind| kind == "arrears_deduction");
    let submit = move || {
        let Some(requested) = required_date(
            court_form,
            &requested_on.get_untracked(),
            "requested_on",
            "Enter the date the request was made.",
        ) else {
            return;
        };
        // Only a deduction asks for an amount; a managed payment is the housing element.
        let amount_asked = if is_deduction() {
            match optional_money(court_form, &amount.get_untracked(), "amount_asked") {
                Ok(amount_asked) => amount_asked,
                Err(()) => return,
            }
        } else {
            None
        };
        let request = RecordBenefitRequestRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id: page.account_id,
            kind: kind.get_untracked(),
            requested_on: requested,
            reference: reference.get_untracked().trim().to_string(),
            amount_asked,
            note: note.get_untracked(),
        };
        send_benefits_change(
            page,
            court_form,
            async move { ipc::record_benefit_request(&request).await },
            // A recorded request clears what identified it, so it cannot be sent twice by
            // mistake; the kind and the date stay for the next.
            move || {
                reference.try_set(String::new());
                amount.try_set(String::new());
                note.try_set(String::new());
            },
        );
    };
    view! {
        <CourtFormFrame id="request-form".to_string()
            title="Record a request to the DWP".to_string()
            court_form=court_form on_submit=submit submit_id="record-request".to_string()
            submit_label="Record request">
            <div class="form-row">
                {select_group(court_form, "request-kind".into(), "Kind of request", "kind",
                    request_kinds(), kind)}
                {date_group(court_form, "request-date".into(), "Requested on", "requested_on",
                    requested_on)}
                {text_group(court_form, "request-reference".into(), "DWP reference", "reference",
                    reference)}
            </div>
            <Show when=is_deduction>
                {money_group(court_form, "request-amount".into(),
                    "Amount asked (£ a month, optional: blank asks for the minimum)",
                    "amount_asked", amount)}
            </Show>
            {text_group(court_form, "request-note".into(), "Note", "note", note)}
        </CourtFormFrame>
    }
}

#[component]
fn RequestRecord(request: BenefitRequestView) -> impl IntoView {
    let awaiting = request.state == "awaiting";
    let mut facts = vec![
        format!("Requested on {}", date_long_text(request.requested_on)),
        format!("reference {}", request.reference),
    ];
    if let Some(amount) = request.amount_asked {
        facts.push(format!("asked {} a month", money_text(amount)));
    }
    let decision_form = awaiting.then(|| {
        view! { <DecisionForm request_id=request.request_id.clone() /> }
    });
    view! {
        <li class="benefit-request" class:overdue=request.overdue
            data-request-id=request.request_id.clone() data-state=request.state.clone()
            data-kind=request.kind>
            <p class="benefit-request-kind"><strong>{request.kind_label}</strong></p>
            <p class="benefit-request-facts">{facts.join(", ")}</p>
            <p class="benefit-request-sentence" class:warning-text=request.overdue>
                {request.sentence}
            </p>
            {decision_form}
        </li>
    }
}

#[component]
fn DecisionForm(request_id: String) -> impl IntoView {
    let page = expect_context::<BenefitsPage>();
    // Per-request ids: the field map is static, so the core's field is marked, not focused.
    let court_form = CourtForm::new(&[]);
    let decided_on = RwSignal::new(date_input_value(today()));
    let outcome = RwSignal::new(DECISION_OUTCOMES[0].0.to_string());
    let starts_on = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let approved = move || outcome.with(|outcome| outcome == "approved");
    let request_key = StoredValue::new(request_id);
    let submit = move || {
        let Some(decided) = required_date(
            court_form,
            &decided_on.get_untracked(),
            "decided_on",
            "Enter the date of the DWP's decision.",
        ) else {
            return;
        };
        let (starts, monthly_amount) = if approved() {
            let Ok(starts) = optional_date(court_form, &starts_on.get_untracked(), "starts_on")
            else {
                return;
            };
            let Ok(monthly_amount) = optional_money(court_form, &amount.get_untracked(), "amount")
            else {
                return;
            };
            (starts, monthly_amount)
        } else {
            (None, None)
        };
        let request = RecordBenefitDecisionRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id: page.account_id,
            request_id: request_key.get_value(),
            decided_on: decided,
            outcome: outcome.get_untracked(),
            starts_on: starts,
            amount: monthly_amount,
            note: note.get_untracked(),
        };
        send_benefits_change(
            page,
            court_form,
            async move { ipc::record_benefit_decision(&request).await },
            || {},
        );
    };
    // A Copy closure, so the inputs drawn afresh by `Show` can name their ids too.
    let id = move |name: &str| format!("{name}-{}", request_key.get_value());
    view! {
        <CourtFormFrame id=id("decision-form") title="Record the DWP's decision".to_string()
            court_form=court_form on_submit=submit submit_id=id("record-decision")
            submit_label="Record decision">
            <div class="form-row">
                {date_group(court_form, id("decision-date"), "Decided on", "decided_on",
                    decided_on)}
                {select_group(court_form, id("decision-outcome"), "Outcome", "outcome",
                    pairs(&DECISION_OUTCOMES), outcome)}
            </div>
            <Show when=approved>
                <div class="form-row">
                    {date_group(court_form, id("decision-starts"), "Starts on", "starts_on",
                        starts_on)}
                    {money_group(court_form, id("decision-amount"), "Amount (£ a month)",
                        "amount", amount)}
                </div>
            </Show>
            {text_group(court_form, id("decision-note"), "Note", "note", note)}
        </CourtFormFrame>
    }
}
