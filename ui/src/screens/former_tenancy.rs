//! Referrals and former tenant arrears on the benefits screen: referrals made and their
//! outcomes (an open one due for follow-up is marked), tracing attempts from the diary, and a
//! write-off recommendation for a manager's approval, refused in words when its ground's
//! evidence is not there.

use doorstep_api::{
    ChoiceView, FormerTenancyView, GetFormerTenancyRequest, RecommendWriteOffRequest,
    RecordReferralOutcomeRequest, RecordReferralRequest,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::display::{date_long_text, money_text};
use crate::ipc;
use crate::screens::court_file::{send_form_change, CourtForm, CourtFormFrame};
use crate::screens::form_groups::{
    choice_pairs, date_group, optional_date, required_date, select_group, text_group,
};
use crate::session::AppState;

#[derive(Debug, Clone, PartialEq)]
struct Choices {
    kinds: Vec<ChoiceView>,
    grounds: Vec<ChoiceView>,
    open_referrals: Vec<ChoiceView>,
}

#[component]
pub fn FormerTenancySection(account_id: i64) -> impl IntoView {
    let state = expect_context::<AppState>();
    let screen = RwSignal::new(None::<FormerTenancyView>);
    let request = GetFormerTenancyRequest { account_id };
    spawn_local(async move {
        match ipc::get_former_tenancy(&request).await {
            Ok(answer) => {
                screen.try_set(Some(answer));
            }
            Err(failure) => {
                if let Some(message) = state.message_for(failure) {
                    state.error.set(Some(message));
                }
            }
        }
    });
    let choices = Memo::new(move |_| {
        screen.with(|view| {
            view.as_ref().map(|view| Choices {
                kinds: view.referral_kinds.clone(),
                grounds: view.grounds.clone(),
                open_referrals: view
                    .referrals
                    .iter()
                    .filter(|referral| referral.outcome.is_none())
                    .map(|referral| ChoiceView {
                        code: referral.referral_id.clone(),
                        label: format!("{} — {}", referral.kind_label, referral.referred_to),
                    })
                    .collect(),
            })
        })
    });
    view! {
        <section id="referrals" aria-labelledby="referrals-heading">
            <h2 id="referrals-heading">"Referrals"</h2>
            <ul id="referral-list" class="plain-list">
                {move || screen.get().map(|view| view.referrals.into_iter().map(|referral| {
                    let state_words = referral.outcome.clone().unwrap_or_else(|| {
                        if referral.due { "Follow-up due".to_string() } else {
                            format!("Follow up by {}", date_long_text(referral.follow_up_on))
                        }
                    });
                    view! {
                        <li class="referral" data-due=referral.due.to_string()>
                            {format!("{} to {} on {}: {state_words}", referral.kind_label,
                                referral.referred_to, date_long_text(referral.referred_on))}
                        </li>
                    }
                }).collect_view())}
            </ul>
            {move || choices.get().map(|choices| view! {
                <ReferralForm account_id=account_id kinds=choices.kinds.clone() screen=screen />
                {(!choices.open_referrals.is_empty()).then(|| view! {
                    <OutcomeForm account_id=account_id referrals=choices.open_referrals.clone() screen=screen />
                })}
            })}
        </section>
        <section id="former-tenancy" aria-labelledby="former-tenancy-heading">
            <h2 id="former-tenancy-heading">"Former tenant arrears"</h2>
            <p class="hint">"Record each tracing attempt in the diary as \"Tracing a former tenant\"; they are the evidence for an untraceable write-off."</p>
            <ul id="tracing-list" class="plain-list">
                {move || screen.get().map(|view| view.tracing.into_iter()
                    .map(|line| view! { <li>{line}</li> }).collect_view())}
            </ul>
            <ul id="write-off-list" class="plain-list">
                {move || screen.get().map(|view| view.recommendations.into_iter().map(|recommendation| view! {
                    <li class="write-off">{format!("{} recommended on {}: {} — {}",
                        money_text(recommendation.amount), date_long_text(recommendation.recommended_on),
                        recommendation.ground_label, recommendation.reason)}</li>
                }).collect_view())}
            </ul>
            {move || choices.get().map(|choices| view! {
                <WriteOffForm account_id=account_id grounds=choices.grounds screen=screen />
            })}
        </section>
    }
}

#[component]
fn ReferralForm(
    account_id: i64,
    kinds: Vec<ChoiceView>,
    screen: RwSignal<Option<FormerTenancyView>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let court_form = CourtForm::new(&[
        ("kind", "referral-kind"),
        ("referred_to", "referral-to"),
        ("referred_on", "referral-on"),
        ("follow_up_on", "referral-follow-up"),
        ("note", "referral-note"),
    ]);
    let kind = RwSignal::new(
        kinds
            .first()
            .map(|choice| choice.code.clone())
            .unwrap_or_default(),
    );
    let referred_to = RwSignal::new(String::new());
    let referred_on = RwSignal::new(String::new());
    let follow_up = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let submit = move || {
        let Some(on) = required_date(
            court_form,
            &referred_on.get_untracked(),
            "referred_on",
            "Enter the date of the referral.",
        ) else {
            return;
        };
        let Ok(follow_up_on) =
            optional_date(court_form, &follow_up.get_untracked(), "follow_up_on")
        else {
            return;
        };
        let request = RecordReferralRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id,
            kind: kind.get_untracked(),
            referred_to: referred_to.get_untracked(),
            referred_on: on,
            follow_up_on,
            note: note.get_untracked(),
        };
        send_form_change(
            state,
            screen,
            court_form,
            async move { ipc::record_referral(&request).await },
            || {},
        );
    };
    view! {
        <CourtFormFrame id="referral-form".to_string() title="Record a referral".to_string()
            court_form=court_form on_submit=submit submit_id="record-referral".to_string()
            submit_label="Record referral">
            <div class="form-row">
                {select_group(court_form, "referral-kind".into(), "Referral for", "kind", choice_pairs(&kinds), kind)}
                {text_group(court_form, "referral-to".into(), "Referred to", "referred_to", referred_to)}
                {date_group(court_form, "referral-on".into(), "Referred on", "referred_on", referred_on)}
                {date_group(court_form, "referral-follow-up".into(), "Follow up on (optional: four weeks)", "follow_up_on", follow_up)}
            </div>
            {text_group(court_form, "referral-note".into(), "Note (optional)", "note", note)}
        </CourtFormFrame>
    }
}

#[component]
fn OutcomeForm(
    account_id: i64,
    referrals: Vec<ChoiceView>,
    screen: RwSignal<Option<FormerTenancyView>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let court_form = CourtForm::new(&[
        ("referral_id", "referral-outcome-referral"),
        ("outcome", "referral-outcome-words"),
    ]);
    let referral = RwSignal::new(
        referrals
            .first()
            .map(|choice| choice.code.clone())
            .unwrap_or_default(),
    );
    let outcome = RwSignal::new(String::new());
    let submit = move || {
        let request = RecordReferralOutcomeRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id,
            referral_id: referral.get_untracked(),
            outcome: outcome.get_untracked(),
        };
        send_form_change(
            state,
            screen,
            court_form,
            async move { ipc::record_referral_outcome(&request).await },
            || {},
        );
    };
    view! {
        <CourtFormFrame id="referral-outcome-form".to_string() title="Record a referral's outcome".to_string()
            court_form=court_form on_submit=submit submit_id="record-referral-outcome".to_string()
            submit_label="Record outcome">
            <div class="form-row">
                {select_group(court_form, "referral-outcome-referral".into(), "Referral", "referral_id", choice_pairs(&referrals), referral)}
                {text_group(court_form, "referral-outcome-words".into(), "What came of it", "outcome", outcome)}
            </div>
        </CourtFormFrame>
    }
}

#[component]
fn WriteOffForm(
    account_id: i64,
    grounds: Vec<ChoiceView>,
    screen: RwSignal<Option<FormerTenancyView>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let court_form = CourtForm::new(&[
        ("ground", "write-off-ground"),
        ("tenancy_ended_on", "write-off-ended"),
        ("reason", "write-off-reason"),
    ]);
    let ground = RwSignal::new(
        grounds
            .first()
            .map(|choice| choice.code.clone())
            .unwrap_or_default(),
    );
    let ended = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let produced = RwSignal::new(None::<String>);
    let submit = move || {
        let Some(ended_on) = required_date(
            court_form,
            &ended.get_untracked(),
            "tenancy_ended_on",
            "Enter the day the tenancy ended.",
        ) else {
            return;
        };
        let request = RecommendWriteOffRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id,
            ground: ground.get_untracked(),
            tenancy_ended_on: ended_on,
            reason: reason.get_untracked(),
        };
        let answer = RwSignal::new(None);
        send_form_change(
            state,
            answer,
            court_form,
            async move { ipc::recommend_write_off(&request).await },
            move || {
                if let Some(recommended) = answer.get_untracked() {
                    let recommended: doorstep_api::WriteOffRecommended = recommended;
                    produced.set(Some(format!(
                        "Saved for approval: {}",
                        recommended.document.path
                    )));
                    screen.set(Some(recommended.former_tenancy));
                }
            },
        );
    };
    view! {
        <CourtFormFrame id="write-off-form".to_string()
            title="Recommend a write-off for approval".to_string()
            court_form=court_form on_submit=submit submit_id="recommend-write-off".to_string()
            submit_label="Recommend write-off">
            <div class="form-row">
                {select_group(court_form, "write-off-ground".into(), "Ground", "ground", choice_pairs(&grounds), ground)}
                {date_group(court_form, "write-off-ended".into(), "Tenancy ended on", "tenancy_ended_on", ended)}
            </div>
            {text_group(court_form, "write-off-reason".into(), "Why", "reason", reason)}
        </CourtFormFrame>
        <p id="write-off-produced" role="status">{move || produced.get()}</p>
    }
}
