//! The benefit work on one account: the tenant's Universal Credit position (and other awards),
//! whether a managed payment to the landlord or a deduction for arrears may be asked of the
//! DWP, the requests made and their decisions, and Discretionary Housing Payment applications.
//!
//! Every change answers with the whole benefits view, which replaces the screen's data; each
//! section reads only its own slice through a `Memo`, so recording a DHP application does not
//! wipe a request the officer is half way through. The sections beyond Universal Credit live in
//! `benefit_requests` and `dhp`. Forms are the court file's (`CourtFormFrame`, `CourtForm`): a
//! command id made when the form opens, kept across retries and renewed after a success, and
//! the core's refusal beside the field it names and in the form's summary (`role="alert"`).

use std::future::Future;

use doorstep_api::{
    BenefitsView, ChoiceView, GetBenefitsRequest, RecordUcPositionRequest, UcPositionView,
};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::display::{date_long_text, money_text};
use crate::ipc::{self, CallError};
use crate::screens::benefit_requests::RequestsSection;
use crate::screens::court_file::{send_form_change, CourtForm, CourtFormFrame};
use crate::screens::dhp::DhpSection;
use crate::screens::form_groups::{
    choice_pairs, day_of_month_group, money_group, pairs, required_money, select_group,
};
use crate::screens::former_tenancy::FormerTenancySection;
use crate::screens::housing_benefit::HousingBenefitSection;
use crate::screens::payment_schedule::PaymentScheduleSection;
use crate::screens::set_up::focus_when_mounted;
use crate::session::{AppState, OpenBenefits, View};

/// Who the housing element is paid to, as the core names them.
const PAID_TO: [(&str, &str); 2] = [("tenant", "Tenant"), ("landlord", "Landlord")];

/// Universal Credit's assessment periods and payment dates fall on a day of the month.
const DAY_OF_MONTH_MIN: u32 = 1;
const DAY_OF_MONTH_MAX: u32 = 31;

/// What the benefits screen's parts share. Every field is a handle, so the struct is `Copy` and
/// async continuations may hold it after the screen is gone (they write with `try_set`).
#[derive(Clone, Copy)]
pub struct BenefitsPage {
    pub state: AppState,
    pub account_id: i64,
    pub benefits: RwSignal<Option<BenefitsView>>,
}

impl BenefitsPage {
    pub fn reload(self) {
        let generation = self.state.next_generation();
        let request = GetBenefitsRequest {
            account_id: self.account_id,
        };
        spawn_local(async move {
            let result = ipc::get_benefits(&request).await;
            if !self.state.is_current(generation) {
                return;
            }
            match result {
                Ok(benefits) => {
                    self.benefits.try_set(Some(benefits));
                }
                Err(failure) => {
                    if let Some(message) = self.state.message_for(failure) {
                        self.state.error.set(Some(message));
                    }
                }
            }
        });
    }

    /// A slice of the benefits view that changes only when its value does.
    pub fn slice<Slice>(self, read: fn(&BenefitsView) -> Slice) -> Memo<Option<Slice>>
    where
        Slice: PartialEq + Clone + Send + Sync + 'static,
    {
        Memo::new(move |_| self.benefits.with(|benefits| benefits.as_ref().map(read)))
    }
}

/// Sends a benefits command; the answer replaces the screen's data (see `send_form_change`).
pub fn send_benefits_change<Command, Success>(
    page: BenefitsPage,
    court_form: CourtForm,
    command: Command,
    on_success: Success,
) where
    Command: Future<Output = Result<BenefitsView, CallError>> + 'static,
    Success: FnOnce() + 'static,
{
    send_form_change(page.state, page.benefits, court_form, command, on_success);
}

/// Reads a day of the month, or refuses against `field`.
pub fn required_day_of_month(
    court_form: CourtForm,
    value: &str,
    field: &'static str,
    message: &str,
) -> Option<u32> {
    let day = value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|day| (DAY_OF_MONTH_MIN..=DAY_OF_MONTH_MAX).contains(day));
    if day.is_none() {
        court_form.fail(message, field);
    }
    day
}

#[component]
pub fn BenefitsScreen(open: OpenBenefits) -> impl IntoView {
    let state = expect_context::<AppState>();
    let page = BenefitsPage {
        state,
        account_id: open.account_id,
        benefits: RwSignal::new(None),
    };
    provide_context(page);
    page.reload();

    let heading = NodeRef::<html::H1>::new();
    focus_when_mounted(heading);
    let account = StoredValue::new(open.account.clone());
    let back = move |_| state.set_view(View::Account(account.get_value()));
    let loaded = Memo::new(move |_| page.benefits.with(Option::is_some));

    view! {
        <main class="page benefits">
            <button id="back-to-account" class="button button-secondary button-back" type="button"
                on:click=back>
                "Back to account"
            </button>
            <h1 id="benefits-heading" tabindex="-1" node_ref=heading>
                {format!("Benefits: {}", open.account.tenant_names)}
            </h1>
            <p class="account-reference">
                "Payment reference "
                <strong id="payment-reference">{open.account.payment_reference.clone()}</strong>
            </p>
            <Show when=move || loaded.get()
                fallback=|| view! { <p class="busy" aria-live="polite">"Loading benefits…"</p> }>
                <UcSection />
                <HousingBenefitSection account_id=open.account_id />
                <PaymentScheduleSection account_id=open.account_id />
                <FormerTenancySection account_id=open.account_id />
                <RequestsSection />
                <DhpSection />
            </Show>
        </main>
    }
}

fn paid_to_label(paid_to: &str) -> &'static str {
    match paid_to {
        "landlord" => "Landlord",
        _ => "Tenant",
    }
}

fn uc_position_view(position: Option<UcPositionView>) -> impl IntoView {
    let Some(position) = position else {
        return view! { <p id="uc-position" class="empty-note">"Not recorded"</p> }.into_any();
    };
    let rows = [
        ("Household", position.household_label),
        (
            "Assessment period day",
            position.assessment_period_day.to_string(),
        ),
        ("Payment day", position.payment_day.to_string()),
        (
            "Housing element",
            format!("{} a month", money_text(position.housing_element)),
        ),
        ("Paid to", paid_to_label(&position.paid_to).to_string()),
        (
            "Other deductions",
            format!("{} a month", money_text(position.other_deductions)),
        ),
        ("Recorded on", date_long_text(position.recorded_on)),
    ];
    view! {
        <dl id="uc-position" class="summary-list" data-household=position.household
            data-paid-to=position.paid_to.clone()>
            {rows.into_iter().map(|(key, value)| view! {
                <div class="summary-row">
                    <dt>{key}</dt>
                    <dd>{value}</dd>
                </div>
            }).collect_view()}
        </dl>
    }
    .into_any()
}

#[derive(Debug, Clone, PartialEq)]
struct UcChoices {
    households: Vec<ChoiceView>,
    recorded: Option<UcPositionView>,
}

#[component]
fn UcSection() -> impl IntoView {
    let page = expect_context::<BenefitsPage>();
    let position = page.slice(|benefits| benefits.uc.clone());
    let awards = page.slice(|benefits| benefits.awards.clone());
    // The form is drawn afresh only when the households or the recorded position change, so a
    // DHP recorded meanwhile keeps what the officer typed here.
    let choices = page.slice(|benefits| UcChoices {
        households: benefits.households.clone(),
        recorded: benefits.uc.clone(),
    });
    view! {
        <section id="universal-credit" aria-labelledby="universal-credit-heading">
            <h2 id="universal-credit-heading">"Universal Credit"</h2>
            {move || position.get().map(uc_position_view)}
            {move || choices.get().map(|choices| view! {
                <UcForm households=choices.households recorded=choices.recorded />
            })}
            <h3 id="benefit-awards-heading">"Other awards"</h3>
            <ul id="benefit-awards" class="plain-list">
                {move || {
                    let awards = awards.get().unwrap_or_default();
                    if awards.is_empty() {
                        return view! { <li class="empty-note">"None recorded."</li> }.into_any();
                    }
                    awards.into_iter()
                        .map(|award| view! { <li class="benefit-award">{award}</li> })
                        .collect_view()
                        .into_any()
                }}
            </ul>
        </section>
    }
}

#[component]
fn UcForm(households: Vec<ChoiceView>, recorded: Option<UcPositionView>) -> impl IntoView {
    let page = expect_context::<BenefitsPage>();
    let court_form = CourtForm::new(&[
        ("household", "uc-household"),
        ("assessment_period_day", "uc-assessment-day"),
        ("payment_day", "uc-payment-day"),
        ("housing_element", "uc-housing-element"),
        ("paid_to", "uc-paid-to"),
        ("other_deductions", "uc-other-deductions"),
    ]);
    // Replacing a position starts from the one recorded, so one changed figure is one edit.
    let first_household = households.first().map(|choice| choice.code.clone());
    let household = RwSignal::new(
        recorded
            .as_ref()
            .map(|position| position.household.clone())
            .or(first_household)
            .unwrap_or_default(),
    );
    let assessment_day = RwSignal::new(
        recorded
            .as_ref()
            .map(|position| position.assessment_period_day.to_string())
            .unwrap_or_default(),
    );
    let payment_day = RwSignal::new(
        recorded
            .as_ref()
            .map(|position| position.payment_day.to_string())
            .unwrap_or_default(),
    );
    let housing_element = RwSignal::new(
        recorded
            .as_ref()
            .map(|position| position.housing_element.to_string())
            .unwrap_or_default(),
    );
    let paid_to = RwSignal::new(
        recorded
            .as_ref()
            .map(|position| position.paid_to.clone())
            .unwrap_or_else(|| PAID_TO[0].0.to_string()),
    );
    let other_deductions = RwSignal::new(
        recorded
            .as_ref()
            .map(|position| position.other_deductions.to_string())
            .unwrap_or_else(|| "0".to_string()),
    );
    let submit = move || {
        let Some(assessment_period_day) = required_day_of_month(
            court_form,
            &assessment_day.get_untracked(),
            "assessment_period_day",
            "Enter the day of the month the assessment period starts, from 1 to 31.",
        ) else {
            return;
        };
        let Some(payment_day_of_month) = required_day_of_month(
            court_form,
            &payment_day.get_untracked(),
            "payment_day",
            "Enter the day of the month Universal Credit is paid, from 1 to 31.",
        ) else {
            return;
        };
        let Some(housing) = required_money(
            court_form,
            &housing_element.get_untracked(),
            "housing_element",
        ) else {
            return;
        };
        let Some(other) = required_money(
            court_form,
            &other_deductions.get_untracked(),
            "other_deductions",
        ) else {
            return;
        };
        let request = RecordUcPositionRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id: page.account_id,
            household: household.get_untracked(),
            assessment_period_day,
            payment_day: payment_day_of_month,
            housing_element: housing,
            paid_to: paid_to.get_untracked(),
            other_deductions: other,
        };
        send_benefits_change(
            page,
            court_form,
            async move { ipc::record_uc_position(&request).await },
            || {},
        );
    };
    view! {
        <CourtFormFrame id="uc-form".to_string()
            title="Record the Universal Credit position".to_string()
            court_form=court_form on_submit=submit submit_id="record-uc".to_string()
            submit_label="Record Universal Credit">
            {select_group(court_form, "uc-household".into(), "Household", "household",
                choice_pairs(&households), household)}
            <div class="form-row">
                {day_of_month_group(court_form, "uc-assessment-day".into(),
                    "Assessment period day", "assessment_period_day", assessment_day)}
                {day_of_month_group(court_form, "uc-payment-day".into(), "Payment day",
                    "payment_day", payment_day)}
            </div>
            <div class="form-row">
                {money_group(court_form, "uc-housing-element".into(),
                    "Housing element (£ a month)", "housing_element", housing_element)}
                {select_group(court_form, "uc-paid-to".into(), "Paid to", "paid_to",
                    pairs(&PAID_TO), paid_to)}
                {money_group(court_form, "uc-other-deductions".into(),
                    "Other deductions (£ a month)", "other_deductions", other_deductions)}
            </div>
        </CourtFormFrame>
    }
}
