//! A third party's payment schedule on the benefits screen: the agreement in force, each
//! period's due and received and what is short, the form to record an agreement, and the
//! schedule for the payer as a PDF or CSV.

use doorstep_api::{
    ChoiceView, GetPaymentScheduleRequest, PaymentScheduleView, ProducePaymentScheduleRequest,
    RecordPaymentScheduleRequest,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::display::{date_long_text, money_text};
use crate::ipc;
use crate::screens::court_file::{send_form_change, CourtForm, CourtFormFrame};
use crate::screens::form_groups::{
    choice_pairs, date_group, money_group, optional_date, required_date, required_money,
    select_group, text_group,
};
use crate::session::AppState;

#[derive(Debug, Clone, PartialEq)]
struct ScheduleChoices {
    kinds: Vec<ChoiceView>,
    periods: Vec<ChoiceView>,
    covers: Vec<ChoiceView>,
}

#[component]
pub fn PaymentScheduleSection(account_id: i64) -> impl IntoView {
    let state = expect_context::<AppState>();
    let schedule = RwSignal::new(None::<PaymentScheduleView>);
    let request = GetPaymentScheduleRequest { account_id };
    spawn_local(async move {
        match ipc::get_payment_schedule(&request).await {
            Ok(answer) => {
                schedule.try_set(Some(answer));
            }
            Err(failure) => {
                if let Some(message) = state.message_for(failure) {
                    state.error.set(Some(message));
                }
            }
        }
    });
    let choices = Memo::new(move |_| {
        schedule.with(|view| {
            view.as_ref().map(|view| ScheduleChoices {
                kinds: view.payer_kinds.clone(),
                periods: view.periods_choices.clone(),
                covers: view.covers_choices.clone(),
            })
        })
    });
    let produced = RwSignal::new(None::<String>);
    let produce = move |format: &'static str| {
        let request = ProducePaymentScheduleRequest {
            account_id,
            through: crate::session::today(),
            format: format.to_string(),
        };
        spawn_local(async move {
            match ipc::produce_payment_schedule(&request).await {
                Ok(file) => {
                    produced.try_set(Some(format!("Saved to {}", file.path)));
                }
                Err(failure) => {
                    if let Some(message) = state.message_for(failure) {
                        produced.try_set(Some(message));
                    }
                }
            }
        });
    };
    view! {
        <section id="payment-schedule" aria-labelledby="payment-schedule-heading">
            <h2 id="payment-schedule-heading">"Third-party payment schedule"</h2>
            {move || schedule.get().map(|view| match view.terms.clone() {
                None => view! { <p class="empty-note">"No payment schedule recorded."</p> }.into_any(),
                Some(terms) => {
                    let short = view.shortfall_words.clone().map(|words| view! {
                        <p id="schedule-shortfall" class="warning-box" role="note">{words}</p>
                    });
                    view! {
                        <p id="schedule-terms">{format!("{} ({}): {} {} from {}",
                            terms.payer_name, terms.payer_kind_label, money_text(terms.amount_per_period),
                            terms.period_label.to_lowercase(), date_long_text(terms.starts_on))}</p>
                        {short}
                        <p>{format!("Due so far {}, received {}, short {}",
                            money_text(view.total_due), money_text(view.total_received), money_text(view.shortfall))}</p>
                        <table class="table schedule-table">
                            <thead><tr><th>"Due on"</th><th>"Due"</th><th>"Received"</th><th>"Outstanding"</th><th>"Status"</th></tr></thead>
                            <tbody>
                                {view.periods.into_iter().map(|period| view! {
                                    <tr class="schedule-period" data-status=period.status.clone()>
                                        <td>{date_long_text(period.due_on)}</td>
                                        <td class="numeric">{money_text(period.due)}</td>
                                        <td class="numeric">{money_text(period.received)}</td>
                                        <td class="numeric">{money_text(period.outstanding)}</td>
                                        <td>{period.status.clone()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        <button id="schedule-pdf" class="button button-secondary" type="button"
                            on:click=move |_| produce("pdf")>"Schedule as PDF"</button>
                        <button id="schedule-csv" class="button button-secondary" type="button"
                            on:click=move |_| produce("csv")>"Schedule as CSV"</button>
                        <p id="schedule-produced" role="status">{move || produced.get()}</p>
                    }.into_any()
                }
            })}
            {move || choices.get().map(|choices| view! {
                <ScheduleForm account_id=account_id choices=choices screen=schedule />
            })}
        </section>
    }
}

#[component]
fn ScheduleForm(
    account_id: i64,
    choices: ScheduleChoices,
    screen: RwSignal<Option<PaymentScheduleView>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let court_form = CourtForm::new(&[
        ("payer_name", "schedule-payer"),
        ("payer_kind", "schedule-kind"),
        ("covers", "schedule-covers"),
        ("period", "schedule-period"),
        ("amount_per_period", "schedule-amount"),
        ("starts_on", "schedule-starts"),
        ("ends_on", "schedule-ends"),
        ("grace_days", "schedule-grace"),
    ]);
    let first = |list: &[ChoiceView]| {
        list.first()
            .map(|choice| choice.code.clone())
            .unwrap_or_default()
    };
    let payer = RwSignal::new(String::new());
    let kind = RwSignal::new(first(&choices.kinds));
    let covers = RwSignal::new(first(&choices.covers));
    let period = RwSignal::new(first(&choices.periods));
    let amount = RwSignal::new(String::new());
    let starts = RwSignal::new(String::new());
    let ends = RwSignal::new(String::new());
    let grace = RwSignal::new("5".to_string());
    let submit = move || {
        let Some(amount_per_period) =
            required_money(court_form, &amount.get_untracked(), "amount_per_period")
        else {
            return;
        };
        let Some(starts_on) = required_date(
            court_form,
            &starts.get_untracked(),
            "starts_on",
            "Enter the day the first period starts.",
        ) else {
            return;
        };
        let Ok(ends_on) = optional_date(court_form, &ends.get_untracked(), "ends_on") else {
            return;
        };
        let Ok(grace_days) = grace.get_untracked().trim().parse::<u32>() else {
            court_form.fail("Enter the days' grace as a whole number.", "grace_days");
            return;
        };
        let request = RecordPaymentScheduleRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id,
            payer_name: payer.get_untracked(),
            payer_kind: kind.get_untracked(),
            covers: covers.get_untracked(),
            period: period.get_untracked(),
            amount_per_period,
            starts_on,
            ends_on,
            grace_days,
        };
        send_form_change(
            state,
            screen,
            court_form,
            async move { ipc::record_payment_schedule(&request).await },
            || {},
        );
    };
    view! {
        <CourtFormFrame id="schedule-form".to_string()
            title="Record a payer's schedule".to_string()
            court_form=court_form on_submit=submit submit_id="record-schedule".to_string()
            submit_label="Record schedule">
            <div class="form-row">
                {text_group(court_form, "schedule-payer".into(), "Payer", "payer_name", payer)}
                {select_group(court_form, "schedule-kind".into(), "Payer is", "payer_kind", choice_pairs(&choices.kinds), kind)}
                {select_group(court_form, "schedule-covers".into(), "Towards", "covers", choice_pairs(&choices.covers), covers)}
            </div>
            <div class="form-row">
                {select_group(court_form, "schedule-period".into(), "Every", "period", choice_pairs(&choices.periods), period)}
                {money_group(court_form, "schedule-amount".into(), "Amount a period (£)", "amount_per_period", amount)}
                {date_group(court_form, "schedule-starts".into(), "First period starts", "starts_on", starts)}
                {date_group(court_form, "schedule-ends".into(), "Ends (optional)", "ends_on", ends)}
                {text_group(court_form, "schedule-grace".into(), "Days' grace", "grace_days", grace)}
            </div>
        </CourtFormFrame>
    }
}
