//! The labelled inputs the court file and the benefits screen build their forms from: each is
//! bound to a signal holding the text as typed, and shows the core's refusal beside itself when
//! the refusal names its field. The readers below turn that text into values, refusing in the
//! form (against the field) before anything is sent.

use chrono::NaiveDate;
use doorstep_api::ChoiceView;
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::display::{parse_date_input, parse_money_input};
use crate::screens::court_file::{choice_select, CourtForm};

/// Codes and labels for `choice_select`, from a fixed list.
pub fn pairs(options: &[(&str, &str)]) -> Vec<(String, String)> {
    options
        .iter()
        .map(|(code, label)| (code.to_string(), label.to_string()))
        .collect()
}

/// Codes and labels for `choice_select`, from choices the core sent.
pub fn choice_pairs(choices: &[ChoiceView]) -> Vec<(String, String)> {
    choices
        .iter()
        .map(|choice| (choice.code.clone(), choice.label.clone()))
        .collect()
}

/// Reads an optional date input: blank is None; half typed is refused against `field`.
pub fn optional_date(
    court_form: CourtForm,
    value: &str,
    field: &'static str,
) -> Result<Option<NaiveDate>, ()> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    match parse_date_input(value) {
        Some(date) => Ok(Some(date)),
        None => {
            court_form.fail("Enter a whole date, or leave it blank.", field);
            Err(())
        }
    }
}

/// Reads a required date input, or refuses with `message` against `field`.
pub fn required_date(
    court_form: CourtForm,
    value: &str,
    field: &'static str,
    message: &str,
) -> Option<NaiveDate> {
    let date = parse_date_input(value);
    if date.is_none() {
        court_form.fail(message, field);
    }
    date
}

/// Reads a required amount in pounds, or refuses against `field`: a money figure is never
/// guessed at, so "12.345" or "-5" is sent back to the officer rather than rounded.
pub fn required_money(court_form: CourtForm, value: &str, field: &'static str) -> Option<Decimal> {
    let amount = parse_money_input(value);
    if amount.is_none() {
        court_form.fail("Enter an amount in pounds and pence, such as 40.00.", field);
    }
    amount
}

/// Reads an optional amount in pounds: blank is None; anything else must be a valid amount.
pub fn optional_money(
    court_form: CourtForm,
    value: &str,
    field: &'static str,
) -> Result<Option<Decimal>, ()> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    required_money(court_form, value, field).map(Some).ok_or(())
}

/// A date input bound to `value`, labelled, with the core's refusal beside it.
pub fn date_group(
    court_form: CourtForm,
    id: String,
    label: &'static str,
    field: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    let label_for = id.clone();
    view! {
        <div class="form-group" class:form-group-error=court_form.has_error_on(field)>
            <label class="label" for=label_for>{label}</label>
            {court_form.field_error(field)}
            <input id=id class="input" type="date" prop:value=value
                on:input=move |event| value.set(event_target_value(&event)) />
        </div>
    }
}

/// A text input bound to `value`, labelled, with the core's refusal beside it.
pub fn text_group(
    court_form: CourtForm,
    id: String,
    label: &'static str,
    field: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    let label_for = id.clone();
    view! {
        <div class="form-group" class:form-group-error=court_form.has_error_on(field)>
            <label class="label" for=label_for>{label}</label>
            {court_form.field_error(field)}
            <input id=id class="input" type="text" autocomplete="off" prop:value=value
                on:input=move |event| value.set(event_target_value(&event)) />
        </div>
    }
}

/// An amount in pounds, typed as text (a number input would hide "12.345" behind the
/// browser's own rounding), bound to `value`, with the core's refusal beside it.
pub fn money_group(
    court_form: CourtForm,
    id: String,
    label: &'static str,
    field: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    let label_for = id.clone();
    view! {
        <div class="form-group" class:form-group-error=court_form.has_error_on(field)>
            <label class="label" for=label_for>{label}</label>
            {court_form.field_error(field)}
            <input id=id class="input input-money" type="text" inputmode="decimal"
                autocomplete="off" prop:value=value
                on:input=move |event| value.set(event_target_value(&event)) />
        </div>
    }
}

/// A day of the month (1 to 31), bound to `value`, with the core's refusal beside it.
pub fn day_of_month_group(
    court_form: CourtForm,
    id: String,
    label: &'static str,
    field: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    let label_for = id.clone();
    view! {
        <div class="form-group" class:form-group-error=court_form.has_error_on(field)>
            <label class="label" for=label_for>{label}</label>
            {court_form.field_error(field)}
            <input id=id class="input input-short" type="number" min="1" max="31" step="1"
                inputmode="numeric" prop:value=value
                on:input=move |event| value.set(event_target_value(&event)) />
        </div>
    }
}

/// A select bound to `value`, labelled, with the core's refusal beside it.
pub fn select_group(
    court_form: CourtForm,
    id: String,
    label: &'static str,
    field: &'static str,
    choices: Vec<(String, String)>,
    value: RwSignal<String>,
) -> impl IntoView {
    let label_for = id.clone();
    view! {
        <div class="form-group" class:form-group-error=court_form.has_error_on(field)>
            <label class="label" for=label_for>{label}</label>
            {court_form.field_error(field)}
            {choice_select(id, choices, value)}
        </div>
    }
}
