//! Housing Benefit on the benefits screen: what the council's notifications say is expected
//! now, the form to record a notification, and the check of an overpayment invoice against
//! the account — the findings are shown before the officer accepts it (a refund on the
//! ledger) or queries it (a letter to the council).

use doorstep_api::{
    CheckHbOverpaymentRequest, ChoiceView, DecideHbOverpaymentRequest, GetHousingBenefitRequest,
    HbOverpaymentCheckView, HousingBenefitView, RecordHbNotificationRequest,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::display::{date_long_text, money_text};
use crate::ipc::{self, CallError};
use crate::screens::court_file::{send_form_change, CourtForm, CourtFormFrame};
use crate::screens::form_groups::{
    choice_pairs, date_group, money_group, optional_date, pairs, required_date, required_money,
    select_group, text_group,
};
use crate::session::AppState;

const PAID_TO: [(&str, &str); 2] = [("landlord", "Landlord"), ("tenant", "Tenant")];

#[component]
pub fn HousingBenefitSection(account_id: i64) -> impl IntoView {
    let state = expect_context::<AppState>();
    let view_signal = RwSignal::new(None::<HousingBenefitView>);
    let request = GetHousingBenefitRequest { account_id };
    spawn_local(async move {
        match ipc::get_housing_benefit(&request).await {
            Ok(answer) => {
                view_signal.try_set(Some(answer));
            }
            Err(failure) => {
                if let Some(message) = state.message_for(failure) {
                    state.error.set(Some(message));
                }
            }
        }
    });
    let expected = Memo::new(move |_| {
        view_signal.with(|view| view.as_ref().map(|view| view.expected.clone()))
    });
    let kinds =
        Memo::new(move |_| view_signal.with(|view| view.as_ref().map(|view| view.kinds.clone())));
    view! {
        <section id="housing-benefit" aria-labelledby="housing-benefit-heading">
            <h2 id="housing-benefit-heading">"Housing Benefit"</h2>
            <p id="hb-expected">{move || expected.get().map(|words| format!("Expected now: {words}"))}</p>
            <ul id="hb-notifications" class="plain-list">
                {move || view_signal.get().map(|view| view.notifications.into_iter().map(|notification| {
                    let to = notification.effective_to
                        .map(|to| format!(" until {}", date_long_text(to)))
                        .unwrap_or_default();
                    view! {
                        <li class="hb-notification" data-in-force=notification.in_force.to_string()>
                            {format!("{} ({}), from {}{to}: {} a week to the {}{}",
                                notification.kind_label, notification.council_reference,
                                date_long_text(notification.effective_from), money_text(notification.weekly_amount),
                                notification.paid_to,
                                if notification.in_force { " — in force" } else { "" })}
                        </li>
                    }
                }).collect_view())}
            </ul>
            {move || kinds.get().map(|kinds| view! {
                <NotificationForm account_id=account_id kinds=kinds screen=view_signal />
            })}
            <OverpaymentForm account_id=account_id screen=view_signal />
            <ul id="hb-overpayments" class="plain-list">
                {move || view_signal.get().map(|view| view.overpayments.into_iter().map(|overpayment| view! {
                    <li class="hb-overpayment" data-outcome=overpayment.outcome.clone()>
                        {format!("Invoice {} from {} for {} ({} to {}): {} on {}",
                            overpayment.invoice_reference, overpayment.council, money_text(overpayment.amount),
                            date_long_text(overpayment.period_from), date_long_text(overpayment.period_to),
                            overpayment.outcome, date_long_text(overpayment.decided_on))}
                    </li>
                }).collect_view())}
            </ul>
        </section>
    }
}

#[component]
fn NotificationForm(
    account_id: i64,
    kinds: Vec<ChoiceView>,
    screen: RwSignal<Option<HousingBenefitView>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let court_form = CourtForm::new(&[
        ("council_reference", "hb-reference"),
        ("kind", "hb-kind"),
        ("weekly_amount", "hb-weekly"),
        ("paid_to", "hb-paid-to"),
        ("effective_from", "hb-from"),
        ("effective_to", "hb-to"),
        ("notified_on", "hb-notified-on"),
    ]);
    let reference = RwSignal::new(String::new());
    let kind = RwSignal::new(
        kinds
            .first()
            .map(|choice| choice.code.clone())
            .unwrap_or_default(),
    );
    let weekly = RwSignal::new("0".to_string());
    let paid_to = RwSignal::new(PAID_TO[0].0.to_string());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let notified_on = RwSignal::new(String::new());
    let submit = move || {
        let Some(weekly_amount) =
            required_money(court_form, &weekly.get_untracked(), "weekly_amount")
        else {
            return;
        };
        let Some(effective_from) = required_date(
            court_form,
            &from.get_untracked(),
            "effective_from",
            "Enter the date the notification takes effect.",
        ) else {
            return;
        };
        let Ok(effective_to) = optional_date(court_form, &to.get_untracked(), "effective_to")
        else {
            return;
        };
        let Some(notified) = required_date(
            court_form,
            &notified_on.get_untracked(),
            "notified_on",
            "Enter the date of the council's notification.",
        ) else {
            return;
        };
        let request = RecordHbNotificationRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id,
            council_reference: reference.get_untracked(),
            kind: kind.get_untracked(),
            weekly_amount,
            paid_to: paid_to.get_untracked(),
            effective_from,
            effective_to,
            notified_on: notified,
        };
        send_form_change(
            state,
            screen,
            court_form,
            async move { ipc::record_hb_notification(&request).await },
            || {},
        );
    };
    view! {
        <CourtFormFrame id="hb-notification-form".to_string()
            title="Record a Housing Benefit notification".to_string()
            court_form=court_form on_submit=submit submit_id="record-hb-notification".to_string()
            submit_label="Record notification">
            <div class="form-row">
                {select_group(court_form, "hb-kind".into(), "Notification", "kind", choice_pairs(&kinds), kind)}
                {text_group(court_form, "hb-reference".into(), "Council's reference", "council_reference", reference)}
                {date_group(court_form, "hb-notified-on".into(), "Dated", "notified_on", notified_on)}
            </div>
            <div class="form-row">
                {money_group(court_form, "hb-weekly".into(), "Weekly amount (£)", "weekly_amount", weekly)}
                {select_group(court_form, "hb-paid-to".into(), "Paid to", "paid_to", pairs(&PAID_TO), paid_to)}
                {date_group(court_form, "hb-from".into(), "Effective from", "effective_from", from)}
                {date_group(court_form, "hb-to".into(), "Effective to (optional)", "effective_to", to)}
            </div>
        </CourtFormFrame>
    }
}

#[component]
fn OverpaymentForm(account_id: i64, screen: RwSignal<Option<HousingBenefitView>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let court_form = CourtForm::new(&[
        ("council", "overpayment-council"),
        ("invoice_reference", "overpayment-reference"),
        ("period_from", "overpayment-from"),
        ("period_to", "overpayment-to"),
        ("amount", "overpayment-amount"),
        ("tenancy_ended_on", "overpayment-ended-on"),
    ]);
    let council = RwSignal::new(String::new());
    let reference = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let ended_on = RwSignal::new(String::new());
    let check = RwSignal::new(None::<HbOverpaymentCheckView>);
    let outcome = RwSignal::new(None::<String>);
    let read = move || -> Option<CheckHbOverpaymentRequest> {
        let period_from = required_date(
            court_form,
            &from.get_untracked(),
            "period_from",
            "Enter the first day of the invoice's period.",
        )?;
        let period_to = required_date(
            court_form,
            &to.get_untracked(),
            "period_to",
            "Enter the last day of the invoice's period.",
        )?;
        let amount = required_money(court_form, &amount.get_untracked(), "amount")?;
        let tenancy_ended_on =
            optional_date(court_form, &ended_on.get_untracked(), "tenancy_ended_on").ok()?;
        Some(CheckHbOverpaymentRequest {
            account_id,
            period_from,
            period_to,
            amount,
            tenancy_ended_on,
        })
    };
    let fail = move |failure: CallError| {
        let field = match &failure {
            CallError::Api(doorstep_api::ApiError::Invalid { field, .. }) => Some(field.clone()),
            _ => None,
        };
        if let CallError::Api(doorstep_api::ApiError::LegalRefused { reasons }) = &failure {
            court_form.reasons.try_set(reasons.clone());
            court_form
                .form
                .fail("This cannot be done:".to_string(), None);
            return;
        }
        if let Some(message) = state.message_for(failure) {
            court_form.form.fail(message, field);
        }
    };
    let submit = move || {
        let Some(request) = read() else { return };
        court_form.form.failure.set(None);
        outcome.set(None);
        spawn_local(async move {
            match ipc::check_hb_overpayment(&request).await {
                Ok(answer) => {
                    check.try_set(Some(answer));
                }
                Err(failure) => fail(failure),
            }
        });
    };
    let decide = move |accept: bool| {
        let Some(request) = read() else { return };
        let request = DecideHbOverpaymentRequest {
            command_id: court_form.form.command_id.get_value(),
            check: request,
            council: council.get_untracked(),
            invoice_reference: reference.get_untracked(),
            accept,
        };
        spawn_local(async move {
            match ipc::decide_hb_overpayment(&request).await {
                Ok(decided) => {
                    screen.try_set(Some(decided.housing_benefit));
                    court_form.form.command_id.set_value(ipc::new_command_id());
                    check.try_set(None);
                    outcome.try_set(Some(match decided.letter {
                        Some(letter) => {
                            format!("Queried. The letter to the council is at {}", letter.path)
                        }
                        None => "Accepted: the repayment is recorded on the account as a refund."
                            .to_string(),
                    }));
                }
                Err(failure) => fail(failure),
            }
        });
    };
    view! {
        <CourtFormFrame id="overpayment-form".to_string()
            title="Check a Housing Benefit overpayment invoice".to_string()
            court_form=court_form on_submit=submit submit_id="check-overpayment".to_string()
            submit_label="Check invoice">
            <div class="form-row">
                {text_group(court_form, "overpayment-council".into(), "Council", "council", council)}
                {text_group(court_form, "overpayment-reference".into(), "Invoice reference", "invoice_reference", reference)}
                {money_group(court_form, "overpayment-amount".into(), "Amount (£)", "amount", amount)}
            </div>
            <div class="form-row">
                {date_group(court_form, "overpayment-from".into(), "Period from", "period_from", from)}
                {date_group(court_form, "overpayment-to".into(), "Period to", "period_to", to)}
                {date_group(court_form, "overpayment-ended-on".into(), "Tenant left on (if they have)", "tenancy_ended_on", ended_on)}
            </div>
        </CourtFormFrame>
        {move || check.get().map(|found| {
            let class = if found.accept { "panel overpayment-check" } else { "panel overpayment-check warning-box" };
            view! {
                <div id="overpayment-check" class=class role="status" data-accept=found.accept.to_string()>
                    <p><strong>{if found.accept { "The invoice can be accepted." } else { "Query this invoice." }}</strong></p>
                    <ul class="plain-list">
                        {found.findings.into_iter().map(|finding| view! { <li>{finding}</li> }).collect_view()}
                    </ul>
                    {found.accept.then(|| view! {
                        <button id="accept-overpayment" class="button" type="button"
                            on:click=move |_| decide(true)>"Accept and record the repayment"</button>
                    })}
                    <button id="query-overpayment" class="button button-secondary" type="button"
                        on:click=move |_| decide(false)>"Query with a letter"</button>
                </div>
            }
        })}
        {move || outcome.get().map(|words| view! { <p id="overpayment-outcome" role="status">{words}</p> })}
    }
}
