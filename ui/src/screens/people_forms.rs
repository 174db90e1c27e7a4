//! The people screen's recording forms: a representative with the evidence of their authority,
//! the tenant's consent for a recorded person, and the account's flags (record one, end one).

use doorstep_api::{
    ChoiceView, EndFlagRequest, FlagView, RecordConsentRequest, RecordFlagRequest,
    RecordRepresentativeRequest,
};
use leptos::prelude::*;

use crate::display::date_long_text;
use crate::ipc;
use crate::screens::court_file::{CourtForm, CourtFormFrame};
use crate::screens::form_groups::{
    choice_pairs, date_group, optional_date, required_date, select_group, text_group,
};
use crate::screens::people::PeoplePage;

/// Ticked boxes, one per choice, bound to the codes ticked.
fn checkbox_group(
    court_form: CourtForm,
    id_prefix: &'static str,
    legend: &'static str,
    field: &'static str,
    choices: Vec<ChoiceView>,
    ticked: RwSignal<Vec<String>>,
) -> impl IntoView {
    view! {
        <fieldset class="form-group" class:form-group-error=court_form.has_error_on(field)>
            <legend class="label">{legend}</legend>
            {court_form.field_error(field)}
            {choices.into_iter().map(|choice| {
                let id = format!("{id_prefix}-{}", choice.code);
                let label_for = id.clone();
                let code = choice.code.clone();
                let checked_code = choice.code.clone();
                view! {
                    <div class="checkbox-group">
                        <input id=id class="checkbox" type="checkbox" value=choice.code.clone()
                            prop:checked=move || ticked.with(|codes| codes.contains(&checked_code))
                            on:change=move |event| {
                                let on = event_target_checked(&event);
                                let code = code.clone();
                                ticked.update(|codes| {
                                    codes.retain(|known| *known != code);
                                    if on {
                                        codes.push(code);
                                    }
                                });
                            } />
                        <label class="checkbox-label" for=label_for>{choice.label}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[derive(Debug, Clone, PartialEq)]
struct RepresentativeChoices {
    kinds: Vec<ChoiceView>,
    scopes: Vec<ChoiceView>,
}

#[component]
pub fn RepresentativeForm() -> impl IntoView {
    let page = expect_context::<PeoplePage>();
    let choices = page.slice(|view| RepresentativeChoices {
        kinds: view.kinds.clone(),
        scopes: view.scopes.clone(),
    });
    view! {
        {move || choices.get().map(|choices| view! {
            <RepresentativeFormFields kinds=choices.kinds scopes=choices.scopes />
        })}
    }
}

#[component]
fn RepresentativeFormFields(kinds: Vec<ChoiceView>, scopes: Vec<ChoiceView>) -> impl IntoView {
    let page = expect_context::<PeoplePage>();
    let court_form = CourtForm::new(&[
        ("name", "representative-name"),
        ("kind", "representative-kind"),
        ("covers", "representative-covers-benefits"),
        ("evidence_reference", "representative-evidence"),
        ("seen_on", "representative-seen-on"),
        ("expires_on", "representative-expires-on"),
        ("phone", "representative-phone"),
    ]);
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(
        kinds
            .first()
            .map(|choice| choice.code.clone())
            .unwrap_or_default(),
    );
    let covers = RwSignal::new(Vec::<String>::new());
    let evidence = RwSignal::new(String::new());
    let seen_on = RwSignal::new(String::new());
    let expires_on = RwSignal::new(String::new());
    let litigation = RwSignal::new(false);
    let phone = RwSignal::new(String::new());
    let submit = move || {
        let Some(seen) = required_date(
            court_form,
            &seen_on.get_untracked(),
            "seen_on",
            "Enter the date you saw the evidence.",
        ) else {
            return;
        };
        let Ok(expires) = optional_date(court_form, &expires_on.get_untracked(), "expires_on")
        else {
            return;
        };
        let request = RecordRepresentativeRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id: page.account_id,
            replaces_person_id: None,
            name: name.get_untracked(),
            kind: kind.get_untracked(),
            covers: covers.get_untracked(),
            evidence_reference: evidence.get_untracked(),
            seen_on: seen,
            expires_on: expires,
            litigation_authorised_by_court: litigation.get_untracked(),
            phone: phone.get_untracked(),
        };
        page.send(
            court_form,
            async move { ipc::record_representative(&request).await },
            move || {
                name.set(String::new());
                covers.set(Vec::new());
                evidence.set(String::new());
                expires_on.set(String::new());
                litigation.set(false);
                phone.set(String::new());
            },
        );
    };
    view! {
        <CourtFormFrame id="representative-form".to_string()
            title="Record a person and their authority".to_string()
            court_form=court_form on_submit=submit submit_id="record-representative".to_string()
            submit_label="Record person">
            <div class="form-row">
                {text_group(court_form, "representative-name".into(), "Name", "name", name)}
                {select_group(court_form, "representative-kind".into(), "Who they are to the tenant",
                    "kind", choice_pairs(&kinds), kind)}
            </div>
            {checkbox_group(court_form, "representative-covers", "What the evidence covers",
                "covers", scopes, covers)}
            <div class="form-row">
                {text_group(court_form, "representative-evidence".into(),
                    "Evidence reference (DWP letter, Court order, LPA number)",
                    "evidence_reference", evidence)}
                {date_group(court_form, "representative-seen-on".into(), "Seen on", "seen_on", seen_on)}
                {date_group(court_form, "representative-expires-on".into(), "Expires on (optional)",
                    "expires_on", expires_on)}
            </div>
            <div class="checkbox-group">
                <input id="representative-litigation" class="checkbox" type="checkbox"
                    prop:checked=litigation
                    on:change=move |event| litigation.set(event_target_checked(&event)) />
                <label class="checkbox-label" for="representative-litigation">
                    "Deputies only: the Court's order authorises conducting possession proceedings"
                </label>
            </div>
            {text_group(court_form, "representative-phone".into(), "Phone (optional)", "phone", phone)}
        </CourtFormFrame>
    }
}

#[derive(Debug, Clone, PartialEq)]
struct ConsentChoices {
    people: Vec<ChoiceView>,
    scopes: Vec<ChoiceView>,
}

#[component]
pub fn ConsentForm() -> impl IntoView {
    let page = expect_context::<PeoplePage>();
    let choices = page.slice(|view| ConsentChoices {
        // Consent is given for a recorded person; a tenant needs none.
        people: crate::screens::people::person_choices(
            &view
                .people
                .iter()
                .filter(|person| person.kind.is_some())
                .cloned()
                .collect::<Vec<_>>(),
        ),
        scopes: view.scopes.clone(),
    });
    view! {
        {move || choices.get().filter(|choices| !choices.people.is_empty()).map(|choices| view! {
            <ConsentFormFields people=choices.people scopes=choices.scopes />
        })}
    }
}

#[component]
fn ConsentFormFields(people: Vec<ChoiceView>, scopes: Vec<ChoiceView>) -> impl IntoView {
    let page = expect_context::<PeoplePage>();
    let court_form = CourtForm::new(&[
        ("person_id", "consent-person"),
        ("covers", "consent-covers-discuss_account"),
        ("given_on", "consent-given-on"),
        ("expires_on", "consent-expires-on"),
    ]);
    let person = RwSignal::new(
        people
            .first()
            .map(|choice| choice.code.clone())
            .unwrap_or_default(),
    );
    let covers = RwSignal::new(Vec::<String>::new());
    let given_on = RwSignal::new(String::new());
    let expires_on = RwSignal::new(String::new());
    let submit = move || {
        let Some(given) = required_date(
            court_form,
            &given_on.get_untracked(),
            "given_on",
            "Enter the date the tenant gave consent.",
        ) else {
            return;
        };
        let Ok(expires) = optional_date(court_form, &expires_on.get_untracked(), "expires_on")
        else {
            return;
        };
        let request = RecordConsentRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id: page.account_id,
            person_id: person.get_untracked(),
            covers: covers.get_untracked(),
            given_on: given,
            expires_on: expires,
        };
        page.send(
            court_form,
            async move { ipc::record_consent(&request).await },
            move || covers.set(Vec::new()),
        );
    };
    view! {
        <CourtFormFrame id="consent-form".to_string()
            title="Record the tenant's consent to discuss".to_string()
            court_form=court_form on_submit=submit submit_id="record-consent".to_string()
            submit_label="Record consent">
            {select_group(court_form, "consent-person".into(), "Consent for", "person_id",
                choice_pairs(&people), person)}
            {checkbox_group(court_form, "consent-covers", "What the consent covers", "covers",
                scopes, covers)}
            <div class="form-row">
                {date_group(court_form, "consent-given-on".into(), "Given on", "given_on", given_on)}
                {date_group(court_form, "consent-expires-on".into(), "Expires on (optional)",
                    "expires_on", expires_on)}
            </div>
        </CourtFormFrame>
    }
}

fn flag_line(flag: FlagView) -> impl IntoView {
    view! {
        <li class="account-flag" data-flag=flag.kind.clone()>
            <strong>{flag.label}</strong>
            {format!(": {} (recorded {})", flag.note, date_long_text(flag.recorded_on))}
        </li>
    }
}

#[derive(Debug, Clone, PartialEq)]
struct FlagChoices {
    kinds: Vec<ChoiceView>,
    flags: Vec<FlagView>,
}

#[component]
pub fn FlagsSection() -> impl IntoView {
    let page = expect_context::<PeoplePage>();
    let flags = page.slice(|view| view.flags.clone());
    let choices = page.slice(|view| FlagChoices {
        kinds: view.flag_kinds.clone(),
        flags: view.flags.clone(),
    });
    view! {
        <section id="flags" aria-labelledby="flags-heading">
            <h2 id="flags-heading">"Flags"</h2>
            <ul id="flag-list" class="plain-list">
                {move || {
                    let flags = flags.get().unwrap_or_default();
                    if flags.is_empty() {
                        return view! { <li class="empty-note">"No flags."</li> }.into_any();
                    }
                    flags.into_iter().map(flag_line).collect_view().into_any()
                }}
            </ul>
            {move || choices.get().map(|choices| view! {
                <FlagForm kinds=choices.kinds.clone() />
                {(!choices.flags.is_empty()).then(|| view! { <EndFlagForm flags=choices.flags /> })}
            })}
        </section>
    }
}

#[component]
fn FlagForm(kinds: Vec<ChoiceView>) -> impl IntoView {
    let page = expect_context::<PeoplePage>();
    let court_form = CourtForm::new(&[("flag", "flag-kind"), ("note", "flag-note")]);
    let kind = RwSignal::new(
        kinds
            .first()
            .map(|choice| choice.code.clone())
            .unwrap_or_default(),
    );
    let note = RwSignal::new(String::new());
    let submit = move || {
        let request = RecordFlagRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id: page.account_id,
            flag: kind.get_untracked(),
            note: note.get_untracked(),
        };
        page.send(
            court_form,
            async move { ipc::record_flag(&request).await },
            move || note.set(String::new()),
        );
    };
    view! {
        <CourtFormFrame id="flag-form".to_string() title="Add a flag".to_string()
            court_form=court_form on_submit=submit submit_id="record-flag".to_string()
            submit_label="Add flag">
            <div class="form-row">
                {select_group(court_form, "flag-kind".into(), "Flag", "flag", choice_pairs(&kinds), kind)}
                {text_group(court_form, "flag-note".into(), "What it is about", "note", note)}
            </div>
        </CourtFormFrame>
    }
}

#[component]
fn EndFlagForm(flags: Vec<FlagView>) -> impl IntoView {
    let page = expect_context::<PeoplePage>();
    let court_form = CourtForm::new(&[("flag_id", "end-flag-id"), ("note", "end-flag-note")]);
    let choices: Vec<(String, String)> = flags
        .iter()
        .map(|flag| {
            (
                flag.flag_id.clone(),
                format!("{}: {}", flag.label, flag.note),
            )
        })
        .collect();
    let flag_id = RwSignal::new(
        flags
            .first()
            .map(|flag| flag.flag_id.clone())
            .unwrap_or_default(),
    );
    let note = RwSignal::new(String::new());
    let submit = move || {
        let request = EndFlagRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id: page.account_id,
            flag_id: flag_id.get_untracked(),
            note: note.get_untracked(),
        };
        page.send(
            court_form,
            async move { ipc::end_flag(&request).await },
            move || note.set(String::new()),
        );
    };
    view! {
        <CourtFormFrame id="end-flag-form".to_string() title="End a flag".to_string()
            court_form=court_form on_submit=submit submit_id="end-flag".to_string()
            submit_label="End flag">
            <div class="form-row">
                {select_group(court_form, "end-flag-id".into(), "Flag", "flag_id", choices, flag_id)}
                {text_group(court_form, "end-flag-note".into(), "Why it no longer applies", "note", note)}
            </div>
        </CourtFormFrame>
    }
}
