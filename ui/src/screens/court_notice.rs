//! The court file's Notice section: the form that drafts a notice (grounds the law refuses today
//! are shown with the reason and cannot be ticked), then every notice with its dates, who has
//! been served and how, a form to record service on each tenant still unserved, and the notice
//! and its certificate of service as PDFs.

use doorstep_api::{
    ChoiceView, CourtDocument, DraftNoticeRequest, GroundView, NoticeView, RecordServiceRequest,
    ServiceView,
};
use leptos::prelude::*;

use crate::display::{date_input_value, date_long_text, money_text, parse_date_input};
use crate::ipc;
use crate::screens::court_file::{
    choice_select, document_result_view, parse_time_input, produce_court_document,
    send_court_change, CourtForm, CourtFormFrame, CourtPage,
};
use crate::screens::form_groups::choice_pairs;
use crate::session::today;

/// What the drafting form needs from the court file; the form is drawn afresh only when this
/// changes, so a court file refreshed for another reason keeps what the officer typed.
#[derive(Debug, Clone, PartialEq)]
struct NoticeChoices {
    notice_title: Option<String>,
    notice_unavailable: Option<String>,
    notice_warnings: Vec<String>,
    grounds: Vec<GroundView>,
    service_methods: Vec<ChoiceView>,
}

#[component]
pub fn NoticeSection() -> impl IntoView {
    let page = expect_context::<CourtPage>();
    let choices = page.slice(|file| NoticeChoices {
        notice_title: file.notice_title.clone(),
        notice_unavailable: file.notice_unavailable.clone(),
        notice_warnings: file.notice_warnings.clone(),
        grounds: file.grounds.clone(),
        service_methods: file.service_methods.clone(),
    });
    let notices = page.slice(|file| (file.notices.clone(), file.service_methods.clone()));
    view! {
        <section id="notice" aria-labelledby="notice-heading">
            <h2 id="notice-heading">"Notice"</h2>
            {move || choices.get().map(|choices| {
                let title = choices.notice_title.clone().map(|title| view! {
                    <p id="notice-title" class="notice-title">{title}</p>
                });
                let body = match choices.notice_unavailable.clone() {
                    Some(reason) => view! {
                        <p id="notice-unavailable" class="inset-text">{reason}</p>
                    }
                    .into_any(),
                    None => view! {
                        <DraftNoticeForm grounds=choices.grounds
                            service_methods=choices.service_methods />
                    }
                    .into_any(),
                };
                let warnings = (!choices.notice_warnings.is_empty()).then(|| view! {
                    <div id="notice-warnings" class="warning-box" role="alert">
                        <ul class="plain-list">
                            {choices.notice_warnings.iter().map(|warning| view! {
                                <li>{warning.clone()}</li>
                            }).collect_view()}
                        </ul>
                    </div>
                });
                view! { {title} {warnings} {body} }
            })}
            <div id="notices">
                {move || notices.get().map(|(notices, service_methods)| {
                    if notices.is_empty() {
                        return view! { <p class="empty-note">"No notice drafted yet."</p> }
                            .into_any();
                    }
                    notices.into_iter().map(|notice| view! {
                        <NoticeRecord notice=notice service_methods=service_methods.clone() />
                    }).collect_view().into_any()
                })}
            </div>
        </section>
    }
}

#[component]
fn DraftNoticeForm(grounds: Vec<GroundView>, service_methods: Vec<ChoiceView>) -> impl IntoView {
    let page = expect_context::<CourtPage>();
    let court_form = CourtForm::new(&[
        ("grounds", "notice-grounds"),
        ("planned_service_on", "planned-service-on"),
        ("planned_method", "planned-method"),
        ("particulars", "notice-particulars"),
    ]);
    let chosen = RwSignal::new(Vec::<String>::new());
    let planned_service_on = RwSignal::new(date_input_value(today()));
    let planned_method = RwSignal::new(
        service_methods
            .first()
            .map(|choice| choice.code.clone())
            .unwrap_or_default(),
    );
    let particulars = RwSignal::new(String::new());
    let submit = move || {
        let Some(planned_on) = parse_date_input(&planned_service_on.get_untracked()) else {
            court_form.fail(
                "Enter the date you plan to serve the notice.",
                "planned_service_on",
            );
            return;
        };
        let request = DraftNoticeRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id: page.account_id,
            grounds: chosen.get_untracked(),
            planned_service_on: planned_on,
            planned_method: planned_method.get_untracked(),
            particulars: particulars.get_untracked(),
        };
        send_court_change(
            page,
            court_form,
            async move { ipc::draft_notice(&request).await },
            || {},
        );
    };
    let ground_row = move |ground: GroundView| {
        let id = format!("ground-{}", ground.code);
        let label_for = id.clone();
        let refused = ground.refused_because.is_some();
        let code = ground.code.clone();
        let checked_code = ground.code.clone();
        let reason = ground.refused_because.map(|reason| {
            view! { <p class="hint ground-refused">{reason}</p> }
        });
        view! {
            <div class="ground" class:ground-disabled=refused>
                <div class="checkbox-group">
                    <input id=id class="checkbox" type="checkbox" value=ground.code.clone()
                        disabled=refused
                        prop:checked=move || chosen.with(|codes| codes.contains(&checked_code))
                        on:change=move |event| {
                            let ticked = event_target_checked(&event);
                            let code = code.clone();
                            chosen.update(|codes| {
                                codes.retain(|chosen_code| *chosen_code != code);
                                if ticked {
                                    codes.push(code);
                                }
                            });
                        } />
                    <label class="label" for=label_for>{ground.label}</label>
                </div>
                {reason}
            </div>
        }
    };
    view! {
        <CourtFormFrame id="notice-form".to_string() title="Draft a notice".to_string()
            error_id="notice-error".to_string()
            court_form=court_form on_submit=submit submit_id="draft-notice".to_string()
            submit_label="Draft the notice">
            <fieldset id="notice-grounds" class="form-group fieldset"
                class:form-group-error=court_form.has_error_on("grounds")>
                <legend class="label">"Grounds"</legend>
                {court_form.field_error("grounds")}
                {grounds.into_iter().map(ground_row).collect_view()}
            </fieldset>
            <div class="form-row">
                <div class="form-group" class:form-group-error=court_form.has_error_on("planned_service_on")>
                    <label class="label" for="planned-service-on">"Planned service date"</label>
                    {court_form.field_error("planned_service_on")}
                    <input id="planned-service-on" class="input" type="date"
                        prop:value=planned_service_on
                        on:input=move |event| planned_service_on.set(event_target_value(&event)) />
                </div>
                <div class="form-group" class:form-group-error=court_form.has_error_on("planned_method")>
                    <label class="label" for="planned-method">"How it will be served"</label>
                    {court_form.field_error("planned_method")}
                    {choice_select(
                        "planned-method".to_string(),
                        choice_pairs(&service_methods),
                        planned_method,
                    )}
                </div>
            </div>
            <div class="form-group" class:form-group-error=court_form.has_error_on("particulars")>
                <label class="label" for="notice-particulars">"Particulars"</label>
                <p class="hint">
                    "The history you rely on, beyond the figures: contact made, arrangements broken."
                </p>
                {court_form.field_error("particulars")}
                <textarea id="notice-particulars" class="input textarea" rows="5"
                    prop:value=particulars
                    on:input=move |event| particulars.set(event_target_value(&event))></textarea>
            </div>
        </CourtFormFrame>
    }
}

fn services_table(services: Vec<ServiceView>) -> impl IntoView {
    if services.is_empty() {
        return view! { <p class="hint">"Not served on anyone yet."</p> }.into_any();
    }
    view! {
        <table class="table table-compact notice-services">
            <caption class="visually-hidden">"Service of this notice"</caption>
            <thead>
                <tr>
                    <th scope="col">"Served on"</th>
                    <th scope="col">"How"</th>
                    <th scope="col">"Date"</th>
                    <th scope="col">"Time"</th>
                    <th scope="col">"By"</th>
                    <th scope="col">"Deemed served"</th>
                </tr>
            </thead>
            <tbody>
                {services.into_iter().map(|service| view! {
                    <tr class="notice-service" data-method=service.method>
                        <td>{service.person_name}</td>
                        <td>{service.method_label}</td>
                        <td class="date">{date_long_text(service.served_on)}</td>
                        <td>{service.served_at.map(|at| at.format("%H:%M").to_string())}</td>
                        <td>{service.served_by}</td>
                        <td class="date">{date_long_text(service.deemed_served_on)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn NoticeRecord(notice: NoticeView, service_methods: Vec<ChoiceView>) -> impl IntoView {
    let page = expect_context::<CourtPage>();
    let notice_id = notice.notice_id.clone();
    let busy = RwSignal::new(false);
    let result = RwSignal::new(None);
    let produce = {
        let notice_id = notice_id.clone();
        move |certificate: bool| {
            let notice_id = notice_id.clone();
            let document = if certificate {
                CourtDocument::CertificateOfService { notice_id }
            } else {
                CourtDocument::Notice { notice_id }
            };
            produce_court_document(page, document, None, busy, result);
        }
    };
    let produce_certificate = produce.clone();
    let dates = [
        ("Date specified", notice.date_specified),
        ("Proceedings from", notice.proceedings_from),
        ("Expires on", notice.expires_on),
        ("Planned service", notice.planned_service_on),
    ];
    let unserved_line = (!notice.unserved.is_empty()).then(|| {
        view! {
            <p class="unserved warning-text">
                {format!("Not yet served: {}", notice.unserved.join(", "))}
            </p>
        }
    });
    let service_form = (!notice.unserved.is_empty()).then(|| {
        view! {
            <RecordServiceForm notice_id=notice_id.clone() unserved=notice.unserved.clone()
                service_methods=service_methods />
        }
    });
    view! {
        <article class="notice court-notice" data-notice-id=notice_id.clone()
            data-state=notice.state.clone()
            data-proceedings-from=notice.proceedings_from.to_string()>
            <h3 class="notice-heading">
                {notice.title}
                " "
                <span class="marker marker-neutral notice-state">{notice.state.clone()}</span>
            </h3>
            <p class="notice-grounds">{format!("Grounds: {}", notice.grounds.join(", "))}</p>
            <p class="rule-set">{notice.rule_set}</p>
            <p class="notice-arrears">
                {format!(
                    "Arrears {} as at {}",
                    money_text(notice.arrears),
                    date_long_text(notice.arrears_on)
                )}
            </p>
            <p class="notice-sentence">{notice.sentence}</p>
            <dl class="summary-list notice-dates">
                {dates.into_iter().map(|(key, date)| view! {
                    <div class="summary-row">
                        <dt>{key}</dt>
                        <dd>{date_long_text(date)}</dd>
                    </div>
                }).collect_view()}
            </dl>
            {services_table(notice.services)}
            {unserved_line}
            {service_form}
            <div class="button-group">
                <button id=format!("produce-notice-{notice_id}")
                    class="button button-secondary produce-notice" type="button" disabled=busy
                    on:click=move |_| produce(false)>
                    "Notice (PDF)"
                </button>
                <button id=format!("produce-certificate-{notice_id}")
                    class="button button-secondary produce-certificate" type="button"
                    disabled=busy on:click=move |_| produce_certificate(true)>
                    "Certificate of service (PDF)"
                </button>
            </div>
            {document_result_view(result, busy, None)}
        </article>
    }
}

#[component]
fn RecordServiceForm(
    notice_id: String,
    unserved: Vec<String>,
    service_methods: Vec<ChoiceView>,
) -> impl IntoView {
    let page = expect_context::<CourtPage>();
    // Per-notice ids: the field map is static, so the core's field is marked, not focused.
    let court_form = CourtForm::new(&[]);
    let person = RwSignal::new(unserved.first().cloned().unwrap_or_default());
    let method = RwSignal::new(
        service_methods
            .first()
            .map(|choice| choice.code.clone())
            .unwrap_or_default(),
    );
    let served_on = RwSignal::new(date_input_value(today()));
    let served_at = RwSignal::new(String::new());
    let served_by = RwSignal::new(String::new());
    let request_notice_id = StoredValue::new(notice_id.clone());
    let submit = move || {
        let Some(served_date) = parse_date_input(&served_on.get_untracked()) else {
            court_form.fail("Enter the date the notice was served.", "served_on");
            return;
        };
        let time_text = served_at.get_untracked();
        // The time decides the day a notice is deemed served (before or after 4.30pm), and
        // the certificate of service states it.
        let time = parse_time_input(&time_text);
        if time.is_none() {
            court_form.fail(
                "Enter the time it was served or posted, as hours and minutes.",
                "served_at",
            );
            return;
        }
        if served_by.get_untracked().trim().is_empty() {
            court_form.fail("Enter who served the notice.", "served_by");
            return;
        }
        let request = RecordServiceRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id: page.account_id,
            notice_id: request_notice_id.get_value(),
            person_name: person.get_untracked(),
            method: method.get_untracked(),
            served_on: served_date,
            served_at: time,
            served_by: served_by.get_untracked().trim().to_string(),
        };
        send_court_change(
            page,
            court_form,
            async move { ipc::record_notice_service(&request).await },
            || {},
        );
    };
    let person_choices = unserved
        .into_iter()
        .map(|name| (name.clone(), name))
        .collect();
    let id = move |name: &str| format!("{name}-{notice_id}");
    view! {
        <CourtFormFrame id=id("service-form") title="Record service".to_string()
            court_form=court_form on_submit=submit submit_id=id("record-service")
            submit_label="Record service">
            <div class="form-row">
                <div class="form-group" class:form-group-error=court_form.has_error_on("person_name")>
                    <label class="label" for=id("service-person")>"Served on"</label>
                    {court_form.field_error("person_name")}
                    {choice_select(id("service-person"), person_choices, person)}
                </div>
                <div class="form-group" class:form-group-error=court_form.has_error_on("method")>
                    <label class="label" for=id("service-method")>"How"</label>
                    {court_form.field_error("method")}
                    {choice_select(id("service-method"), choice_pairs(&service_methods), method)}
                </div>
            </div>
            <div class="form-row">
                <div class="form-group" class:form-group-error=court_form.has_error_on("served_on")>
                    <label class="label" for=id("service-date")>"Date served"</label>
                    {court_form.field_error("served_on")}
                    <input id=id("service-date") class="input" type="date" prop:value=served_on
                        on:input=move |event| served_on.set(event_target_value(&event)) />
                </div>
                <div class="form-group" class:form-group-error=court_form.has_error_on("served_at")>
                    <label class="label" for=id("service-time")>"Time served or posted"</label>
                    {court_form.field_error("served_at")}
                    <input id=id("service-time") class="input input-short" type="time"
                        prop:value=served_at
                        on:input=move |event| served_at.set(event_target_value(&event)) />
                </div>
                <div class="form-group" class:form-group-error=court_form.has_error_on("served_by")>
                    <label class="label" for=id("service-by")>"Served by"</label>
                    {court_form.field_error("served_by")}
                    <input id=id("service-by") class="input" type="text" autocomplete="name"
                        required prop:value=served_by
                        on:input=move |event| served_by.set(event_target_value(&event)) />
                </div>
            </div>
        </CourtFormFrame>
    }
}
