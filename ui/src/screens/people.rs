//! The people around one account (supported living): who they are and what their authority
//! allows today, the contact form that says whether the chosen person may be told about the
//! chosen topic *before* the officer records anything, the contacts recorded, and the flags.
//!
//! Every change answers with the whole people view, which replaces the screen's data; each
//! section reads its own slice through a `Memo` (as the benefits screen does). The forms that
//! record people, consents and flags are in `people_forms`.

use doorstep_api::{
    AuthorityCheckView, CheckAuthorityRequest, ChoiceView, ContactView, GetPeopleRequest,
    PeopleView, PersonAroundView, RecordContactRequest,
};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::display::date_long_text;
use crate::ipc;
use crate::screens::court_file::{send_form_change, CourtForm, CourtFormFrame};
use crate::screens::form_groups::{choice_pairs, select_group, text_group};
use crate::screens::people_forms::{ConsentForm, FlagsSection, RepresentativeForm};
use crate::screens::set_up::focus_when_mounted;
use crate::session::{AppState, OpenPeople, View};

/// What the people screen's parts share; every field is a handle, so it is `Copy`.
#[derive(Clone, Copy)]
pub struct PeoplePage {
    pub state: AppState,
    pub account_id: i64,
    pub people: RwSignal<Option<PeopleView>>,
}

impl PeoplePage {
    pub fn reload(self) {
        let generation = self.state.next_generation();
        let request = GetPeopleRequest {
            account_id: self.account_id,
        };
        spawn_local(async move {
            let result = ipc::get_people(&request).await;
            if !self.state.is_current(generation) {
                return;
            }
            match result {
                Ok(people) => {
                    self.people.try_set(Some(people));
                }
                Err(failure) => {
                    if let Some(message) = self.state.message_for(failure) {
                        self.state.error.set(Some(message));
                    }
                }
            }
        });
    }

    /// A slice of the people view that changes only when its value does.
    pub fn slice<Slice>(self, read: fn(&PeopleView) -> Slice) -> Memo<Option<Slice>>
    where
        Slice: PartialEq + Clone + Send + Sync + 'static,
    {
        Memo::new(move |_| self.people.with(|people| people.as_ref().map(read)))
    }

    /// Sends a people command; the answer replaces the screen's data.
    pub fn send<Command>(
        self,
        court_form: CourtForm,
        command: Command,
        on_success: impl FnOnce() + 'static,
    ) where
        Command: std::future::Future<Output = Result<PeopleView, ipc::CallError>> + 'static,
    {
        send_form_change(self.state, self.people, court_form, command, on_success);
    }
}

#[component]
pub fn PeopleScreen(open: OpenPeople) -> impl IntoView {
    let state = expect_context::<AppState>();
    let page = PeoplePage {
        state,
        account_id: open.account_id,
        people: RwSignal::new(None),
    };
    provide_context(page);
    page.reload();

    let heading = NodeRef::<html::H1>::new();
    focus_when_mounted(heading);
    let account = StoredValue::new(open.account.clone());
    let back = move |_| state.set_view(View::Account(account.get_value()));
    let loaded = Memo::new(move |_| page.people.with(Option::is_some));

    view! {
        <main class="page people">
            <button id="back-to-account" class="button button-secondary button-back" type="button"
                on:click=back>
                "Back to account"
            </button>
            <h1 id="people-heading" tabindex="-1" node_ref=heading>
                {format!("People and flags: {}", open.account.tenant_names)}
            </h1>
            <p class="account-reference">
                "Payment reference "
                <strong id="payment-reference">{open.account.payment_reference.clone()}</strong>
            </p>
            <Show when=move || loaded.get()
                fallback=|| view! { <p class="busy" aria-live="polite">"Loading people…"</p> }>
                <FlagsSection />
                <ContactSection />
                <PeopleSection />
                <RepresentativeForm />
                <ConsentForm />
                <ContactsSection />
            </Show>
        </main>
    }
}

fn person_card(person: PersonAroundView) -> impl IntoView {
    let card_id = format!("person-{}", person.person_id.replace(':', "-"));
    let evidence = person
        .evidence
        .clone()
        .map(|evidence| view! { <p class="person-evidence">{format!("Evidence: {evidence}")}</p> });
    let lapsed = person
        .lapsed
        .then(|| view! { <span class="marker worklist-warning">"Authority lapsed"</span> });
    let phone = (!person.phone.is_empty())
        .then(|| view! { <p class="person-phone">{format!("Phone: {}", person.phone)}</p> });
    view! {
        <li id=card_id class="person-card" data-kind=person.kind.clone().unwrap_or_default()>
            <p class="person-name"><strong>{person.name.clone()}</strong>" — "{person.role_label.clone()}{lapsed}</p>
            <p class="person-authority">{person.authority.clone()}</p>
            {evidence}
            <ul class="plain-list person-consents">
                {person.consents.into_iter().map(|consent| view! { <li>{consent}</li> }).collect_view()}
            </ul>
            {phone}
        </li>
    }
}

#[component]
fn PeopleSection() -> impl IntoView {
    let page = expect_context::<PeoplePage>();
    let people = page.slice(|view| view.people.clone());
    let unrecorded = page.slice(|view| view.unrecorded.clone());
    view! {
        <section id="people-around" aria-labelledby="people-around-heading">
            <h2 id="people-around-heading">"People around the account"</h2>
            {move || {
                let unrecorded = unrecorded.get().unwrap_or_default();
                (!unrecorded.is_empty()).then(|| view! {
                    <div id="unrecorded-people" class="warning-box" role="note">
                        <ul class="plain-list">
                            {unrecorded.into_iter().map(|words| view! { <li>{words}</li> }).collect_view()}
                        </ul>
                    </div>
                })
            }}
            <ul id="people-list" class="plain-list">
                {move || people.get().unwrap_or_default().into_iter().map(person_card).collect_view()}
            </ul>
        </section>
    }
}

fn contact_line(contact: ContactView) -> impl IntoView {
    let verdict = if contact.allowed {
        "Authorised"
    } else {
        "Not authorised"
    };
    let note = (!contact.note.is_empty()).then(|| format!(" — {}", contact.note));
    view! {
        <li class="contact-line" data-allowed=contact.allowed.to_string()>
            <p>
                <strong>{date_long_text(contact.happened_on)}</strong>
                {format!(": {} with {} about {}. {verdict}.", contact.method_label,
                    contact.person_name, contact.topic_label.to_lowercase())}
                {note}
            </p>
            <p class="hint">{format!("Checked before the contact: {}", contact.words)}</p>
        </li>
    }
}

#[component]
fn ContactsSection() -> impl IntoView {
    let page = expect_context::<PeoplePage>();
    let contacts = page.slice(|view| view.contacts.clone());
    view! {
        <section id="contacts" aria-labelledby="contacts-heading">
            <h2 id="contacts-heading">"Contacts recorded"</h2>
            <ul id="contact-list" class="plain-list">
                {move || {
                    let contacts = contacts.get().unwrap_or_default();
                    if contacts.is_empty() {
                        return view! { <li class="empty-note">"None recorded."</li> }.into_any();
                    }
                    contacts.into_iter().map(contact_line).collect_view().into_any()
                }}
            </ul>
        </section>
    }
}

/// Who may be contacted, as choices: every tenant and recorded person.
pub fn person_choices(people: &[PersonAroundView]) -> Vec<ChoiceView> {
    people
        .iter()
        .map(|person| ChoiceView {
            code: person.person_id.clone(),
            label: format!("{} ({})", person.name, person.role_label),
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
struct ContactChoices {
    people: Vec<ChoiceView>,
    topics: Vec<ChoiceView>,
    methods: Vec<ChoiceView>,
}

#[component]
fn ContactSection() -> impl IntoView {
    let page = expect_context::<PeoplePage>();
    let choices = page.slice(|view| ContactChoices {
        people: person_choices(&view.people),
        topics: view.topics.clone(),
        methods: view.methods.clone(),
    });
    view! {
        {move || choices.get().map(|choices| view! {
            <ContactForm people=choices.people topics=choices.topics methods=choices.methods />
        })}
    }
}

/// The authority check in words, drawn as the answer the officer must read first.
fn authority_check_view(check: Option<AuthorityCheckView>) -> impl IntoView {
    let Some(check) = check else {
        return view! {
            <p id="authority-check" class="hint" role="status">"Checking authority…"</p>
        }
        .into_any();
    };
    let (class, verdict) = if check.allowed {
        ("panel authority-check authority-allowed", "Authorised")
    } else {
        (
            "panel authority-check authority-refused warning-box",
            "Not authorised",
        )
    };
    view! {
        <div id="authority-check" class=class role="status" aria-live="polite"
            data-allowed=check.allowed.to_string()>
            <p class="authority-verdict"><strong>{verdict}</strong></p>
            <p class="authority-words">{check.words}</p>
        </div>
    }
    .into_any()
}

#[component]
fn ContactForm(
    people: Vec<ChoiceView>,
    topics: Vec<ChoiceView>,
    methods: Vec<ChoiceView>,
) -> impl IntoView {
    let page = expect_context::<PeoplePage>();
    let court_form = CourtForm::new(&[
        ("person_id", "contact-person"),
        ("topic", "contact-topic"),
        ("method", "contact-method"),
        ("note", "contact-note"),
    ]);
    let first = |choices: &[ChoiceView]| {
        choices
            .first()
            .map(|choice| choice.code.clone())
            .unwrap_or_default()
    };
    let person = RwSignal::new(first(&people));
    let topic = RwSignal::new(first(&topics));
    let method = RwSignal::new(first(&methods));
    let note = RwSignal::new(String::new());
    let check = RwSignal::new(None::<AuthorityCheckView>);
    // Asked again whenever the person or the topic changes, so the words on screen are always
    // about the choice in front of the officer.
    Effect::new(move |_| {
        let request = CheckAuthorityRequest {
            account_id: page.account_id,
            person_id: person.get(),
            topic: topic.get(),
        };
        check.set(None);
        spawn_local(async move {
            let answer = ipc::check_authority(&request).await;
            // A later choice may have been made meanwhile; keep only the answer to it.
            let current = person.get_untracked() == request.person_id
                && topic.get_untracked() == request.topic;
            if !current {
                return;
            }
            match answer {
                Ok(answer) => {
                    check.try_set(Some(answer));
                }
                Err(failure) => {
                    if let Some(message) = page.state.message_for(failure) {
                        court_form.form.fail(message, None);
                    }
                }
            }
        });
    });
    let submit = move || {
        let request = RecordContactRequest {
            command_id: court_form.form.command_id.get_value(),
            account_id: page.account_id,
            person_id: person.get_untracked(),
            topic: topic.get_untracked(),
            method: method.get_untracked(),
            note: note.get_untracked(),
        };
        page.send(
            court_form,
            async move { ipc::record_contact(&request).await },
            move || note.set(String::new()),
        );
    };
    view! {
        <CourtFormFrame id="contact-form".to_string()
            title="Record a contact".to_string()
            court_form=court_form on_submit=submit submit_id="record-contact".to_string()
            submit_label="Record contact">
            <div class="form-row">
                {select_group(court_form, "contact-person".into(), "Who", "person_id",
                    choice_pairs(&people), person)}
                {select_group(court_form, "contact-topic".into(), "About", "topic",
                    choice_pairs(&topics), topic)}
            </div>
            {move || authority_check_view(check.get())}
            <div class="form-row">
                {select_group(court_form, "contact-method".into(), "How", "method",
                    choice_pairs(&methods), method)}
                {text_group(court_form, "contact-note".into(), "Note (optional)", "note", note)}
            </div>
        </CourtFormFrame>
    }
}
