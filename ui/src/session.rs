//! The app's state across screens, and the rules that keep account data off screen when the
//! store is locked.
//!
//! Invariant: account data (the worklist and its filters, the caseload, the search text, the open
//! account, the policy, the day's round and the accounts picked for it, the open lone-working
//! check-ins) is held only while the view is one of the unlocked screens. Every path to `Locked` or `NotSetUp` goes through
//! `show_session_state`, which drops it; a response that arrives after a lock is discarded by the
//! generation counter instead of bringing data back.

use std::time::Duration;

use chrono::{NaiveDate, NaiveTime};
use doorstep_api::{
    AccountList, AccountSort, ApiError, LoneWorkingView, PolicyView, RoundView, SessionState,
    SessionStatus, Worklist,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc::{self, CallError};
use crate::worklist_filter::WorklistFilter;

/// Activity is reported at most this often: the idle timer counts minutes, so a keystroke
/// every half minute is plenty, and the IPC channel stays quiet while the officer types.
pub const ACTIVITY_REPORT_INTERVAL_MS: f64 = 30_000.0;

/// How often the UI asks whether the shell has locked the store behind its back.
pub const SESSION_POLL_INTERVAL: Duration = Duration::from_secs(5);

/// How often the lone-working banner asks for the officer's open check-ins: the core warns
/// ten minutes before a check-in runs out, so half a minute late is still in good time.
pub const LONE_WORKING_POLL_INTERVAL: Duration = Duration::from_secs(30);

/// The planning bar's defaults: a morning round of short doorstep visits.
pub const ROUND_START_TIME_DEFAULT: (u32, u32) = (9, 30);
pub const ROUND_VISIT_MINUTES_DEFAULT: u32 = 20;
pub const ROUND_TRAVEL_MINUTES_DEFAULT: u32 = 10;

/// What a round is planned with; kept so Move up, Move down and Remove re-plan with the same
/// start time and minutes the officer chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundPlan {
    pub visit_on: NaiveDate,
    pub start_time: NaiveTime,
    pub visit_minutes: u32,
    pub travel_minutes: u32,
}

impl RoundPlan {
    pub fn for_day(visit_on: NaiveDate) -> RoundPlan {
        let (hour, minute) = ROUND_START_TIME_DEFAULT;
        RoundPlan {
            visit_on,
            start_time: NaiveTime::from_hms_opt(hour, minute, 0)
                .expect("the default start time is a valid time"),
            visit_minutes: ROUND_VISIT_MINUTES_DEFAULT,
            travel_minutes: ROUND_TRAVEL_MINUTES_DEFAULT,
        }
    }
}

/// Today on the laptop's clock: the round is planned in local time. Read from the browser's
/// `Date`, because chrono's `Local::now()` panics on wasm32-unknown-unknown (std has no clock
/// there and the workspace does not enable chrono's `wasmbind`).
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    // getMonth() counts from 0; the browser's values are always a valid calendar date.
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .expect("the browser's date is a valid calendar date")
}

/// "24 Nov 2026 09:40" in the laptop's time zone, through the browser's `Date` (see `today`).
pub fn local_date_time_text(at: chrono::DateTime<chrono::Utc>) -> String {
    let local = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        at.timestamp_millis() as f64
    ));
    let date = NaiveDate::from_ymd_opt(
        local.get_full_year() as i32,
        local.get_month() + 1,
        local.get_date(),
    )
    .map(crate::display::date_text)
    .unwrap_or_default();
    format!("{date} {:02}:{:02}", local.get_hours(), local.get_minutes())
}

/// The lists an account is opened from; Back returns to the one it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListScreen {
    Worklist,
    Caseload,
    /// The round for that day.
    Round(NaiveDate),
    /// The weekly report for the week containing that day (an account opened from its
    /// biggest movers or new cases).
    Reports(NaiveDate),
    /// The head office screen's "Needs attention" table or its reassigned accounts.
    HeadOffice,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenAccount {
    pub payment_reference: String,
    /// From the list's row: `AccountDetail` carries people, not a display name.
    pub tenant_names: String,
    pub opened_from: ListScreen,
}

/// The court file of an account: the core keys court work by the account's id, and Back needs
/// the account as it was opened (so its own Back still returns to the right list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenCourtFile {
    pub account_id: i64,
    pub account: OpenAccount,
}

/// The benefit work on an account (Universal Credit, DWP requests, DHP): keyed by the account's
/// id like the court file, and Back returns to the account as it was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenBenefits {
    pub account_id: i64,
    pub account: OpenAccount,
}

/// The people around an account (supported living) and its flags: keyed by the account's id,
/// and Back returns to the account as it was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenPeople {
    pub account_id: i64,
    pub account: OpenAccount,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// Waiting for the first `session_status`.
    Starting,
    /// The first `session_status` failed; the message says why.
    StartFailed {
        message: String,
    },
    NotSetUp,
    Locked,
    /// The home screen once unlocked: every account, most urgent first.
    Worklist,
    Caseload,
    Account(OpenAccount),
    /// The presenting officer's court file for an open account; Back returns to the account.
    CourtFile(OpenCourtFile),
    /// Universal Credit, managed payments and deductions, and DHP for an open account; Back
    /// returns to the account.
    Benefits(OpenBenefits),
    /// Representatives, consents, contacts and flags for an open account; Back returns to the
    /// account.
    People(OpenPeople),
    Policy,
    /// The day's round of home visits, in the order they will be made.
    Round {
        visit_on: NaiveDate,
    },
    /// The weekly arrears report, the indicators and the patch's charts for the week
    /// containing `week_of`.
    Reports {
        week_of: NaiveDate,
    },
    /// Enrolment with head office, the sync, and what head office sent back for a person.
    HeadOffice,
}

impl View {
    pub fn is_unlocked(&self) -> bool {
        matches!(
            self,
            View::Worklist
                | View::Caseload
                | View::Account(_)
                | View::CourtFile(_)
                | View::Benefits(_)
                | View::People(_)
                | View::Policy
                | View::Round { .. }
                | View::Reports { .. }
                | View::HeadOffice
        )
    }
}

/// Every signal here is app-wide and lives as long as the page, so async continuations may
/// touch them after the screen that started them is gone.
#[derive(Clone, Copy)]
pub struct AppState {
    pub view: RwSignal<View>,
    pub session: RwSignal<Option<SessionStatus>>,
    /// The latest worklist; kept while an account is open so Back is instant (and then
    /// refreshed, since the officer may have changed the account).
    pub worklist: RwSignal<Option<Worklist>>,
    /// Kept with the worklist, so Back returns to the same narrowed list.
    pub worklist_filter: RwSignal<WorklistFilter>,
    /// The escalation policy, fetched once for the diary codes and refreshed by the Policy
    /// screen.
    pub policy: RwSignal<Option<PolicyView>>,
    /// The latest caseload search result; kept while an account is open so Back is instant.
    pub caseload: RwSignal<Option<AccountList>>,
    pub query: RwSignal<String>,
    pub sort: RwSignal<AccountSort>,
    /// The row to focus again when the officer comes back from an account.
    pub last_opened_reference: RwSignal<Option<String>>,
    /// The accounts ticked "Add to round" on the worklist, in the order ticked.
    pub round_picks: RwSignal<Vec<String>>,
    /// The planning bar's values, and the plan the round on screen was made with.
    pub round_plan: RwSignal<RoundPlan>,
    /// The latest round; kept while an account opened from it is showing, so Back is instant.
    pub round: RwSignal<Option<RoundView>>,
    /// The officer's open check-ins, for the banner on every unlocked screen.
    pub lone_working: RwSignal<Option<LoneWorkingView>>,
    /// How many records wait to be sent to head office, for the header (`None` before
    /// enrolment); asked for with every screen the header is drawn on and after each sync,
    /// never on a timer.
    pub unsent_count: RwSignal<Option<u64>>,
    /// The one error shown on the unlocked screens, in `#error`.
    pub error: RwSignal<Option<String>>,
    /// Why the Locked (or Set up) screen is showing, when the officer did not ask for it: the
    /// idle lock, or head office revoking this laptop.
    pub locked_notice: RwSignal<Option<String>>,
    /// Bumped by every lock and every new request, so stale answers are dropped.
    pub data_generation: StoredValue<u64>,
    /// Bumped by every lock only: a change the officer sent before a lock must not show after.
    lock_generation: StoredValue<u64>,
    activity_reported_at_ms: StoredValue<f64>,
    poll_in_flight: StoredValue<bool>,
    lone_working_in_flight: StoredValue<bool>,
}

impl AppState {
    pub fn new() -> AppState {
        AppState {
            view: RwSignal::new(View::Starting),
            session: RwSignal::new(None),
            worklist: RwSignal::new(None),
            worklist_filter: RwSignal::new(WorklistFilter::default()),
            policy: RwSignal::new(None),
            caseload: RwSignal::new(None),
            query: RwSignal::new(String::new()),
            sort: RwSignal::new(AccountSort::default()),
            last_opened_reference: RwSignal::new(None),
            round_picks: RwSignal::new(Vec::new()),
            round_plan: RwSignal::new(RoundPlan::for_day(today())),
            round: RwSignal::new(None),
            lone_working: RwSignal::new(None),
            unsent_count: RwSignal::new(None),
            error: RwSignal::new(None),
            locked_notice: RwSignal::new(None),
            data_generation: StoredValue::new(0),
            lock_generation: StoredValue::new(0),
            activity_reported_at_ms: StoredValue::new(0.0),
            poll_in_flight: StoredValue::new(false),
            lone_working_in_flight: StoredValue::new(false),
        }
    }

    /// Starts a new request for account data and returns its ticket; see `is_current`.
    pub fn next_generation(self) -> u64 {
        self.data_generation
            .update_value(|generation| *generation += 1);
        self.data_generation.get_value()
    }

    /// Whether an answer may still be shown: no newer request and no lock since it was sent.
    pub fn is_current(self, generation: u64) -> bool {
        self.data_generation.get_value() == generation && self.view.get_untracked().is_unlocked()
    }

    /// A ticket for a change sent to the core: unlike `next_generation`, taking one does not
    /// invalidate other requests, so two forms may be in flight at once.
    pub fn lock_ticket(self) -> u64 {
        self.lock_generation.get_value()
    }

    /// Whether an answer to a change may still be shown: no lock since the ticket was taken.
    pub fn is_unlocked_since(self, ticket: u64) -> bool {
        self.lock_generation.get_value() == ticket && self.view.get_untracked().is_unlocked()
    }

    pub fn set_view(self, view: View) {
        if self.view.get_untracked() != view {
            self.view.set(view);
        }
    }

    /// Moves to the screen for the shell's state. Leaving the unlocked screens drops the data.
    pub fn show_session_state(self, status: SessionStatus) {
        let state = status.state;
        self.session.set(Some(status));
        match state {
            SessionState::NotSetUp => {
                self.drop_account_data();
                self.set_view(View::NotSetUp);
            }
            SessionState::Locked => {
                self.drop_account_data();
                self.set_view(View::Locked);
            }
            SessionState::Unlocked => {
                if !self.view.get_untracked().is_unlocked() {
                    self.locked_notice.set(None);
                    self.set_view(View::Worklist);
                }
            }
        }
    }

    /// Handles a failed call: `Locked` switches to the Locked screen and returns `None`;
    /// anything else returns the text to show.
    pub fn message_for(self, error: CallError) -> Option<String> {
        match error {
            CallError::Api(ApiError::Locked) => {
                self.locked_by_shell();
                None
            }
            // The screen does not match the store (set up from another window, or the data
            // folder was removed): ask the shell again so the right screen shows.
            CallError::Api(ApiError::NotSetUp | ApiError::AlreadySetUp) => {
                self.refresh_session();
                Some(error.to_string())
            }
            other => Some(other.to_string()),
        }
    }

    /// The shell locked the store (idle timer or another window): say so on the Locked screen.
    fn locked_by_shell(self) {
        if self.view.get_untracked().is_unlocked() {
            let minutes = self
                .session
                .with_untracked(|status| status.as_ref().map(|status| status.idle_lock_minutes));
            let notice = match minutes {
                Some(minutes) => format!(
                    "Doorstep locked itself to protect tenants' data. It locks after {minutes} minutes without use."
                ),
                None => "Doorstep locked itself to protect tenants' data.".to_string(),
            };
            self.locked_notice.set(Some(notice));
        }
        self.drop_account_data();
        self.set_view(View::Locked);
    }

    fn drop_account_data(self) {
        // Invalidate answers still in flight before clearing, so none can refill the signals.
        self.next_generation();
        self.lock_generation
            .update_value(|generation| *generation += 1);
        self.worklist.set(None);
        self.worklist_filter.set(WorklistFilter::default());
        self.policy.set(None);
        self.caseload.set(None);
        self.query.set(String::new());
        self.sort.set(AccountSort::default());
        self.last_opened_reference.set(None);
        self.round_picks.set(Vec::new());
        self.round_plan.set(RoundPlan::for_day(today()));
        self.round.set(None);
        self.lone_working.set(None);
        self.unsent_count.set(None);
        self.error.set(None);
    }

    /// Asks for the officer's open check-ins (on a timer, and right after a check-in or out).
    /// Uses the lock ticket, not a generation: the banner must not cancel the screen's loads.
    pub fn refresh_lone_working(self) {
        if !self.view.get_untracked().is_unlocked() || self.lone_working_in_flight.get_value() {
            return;
        }
        self.lone_working_in_flight.set_value(true);
        let ticket = self.lock_ticket();
        spawn_local(async move {
            let result = ipc::get_lone_working().await;
            self.lone_working_in_flight.set_value(false);
            if !self.is_unlocked_since(ticket) {
                return;
            }
            match result {
                Ok(lone_working) => self.lone_working.set(Some(lone_working)),
                Err(error) => {
                    // A failed poll is not worth an error box; a lock still switches screens.
                    self.message_for(error);
                }
            }
        });
    }

    /// Asks how many records wait to be sent to head office, for the header. A failure leaves
    /// the count off the header: the head office screen says what went wrong.
    pub fn refresh_unsent_count(self) {
        let ticket = self.lock_ticket();
        spawn_local(async move {
            let result = ipc::get_sync_status().await;
            if !self.is_unlocked_since(ticket) {
                return;
            }
            match result {
                // Before enrolment nothing is sent anywhere, so a count would only alarm.
                Ok(status) => self
                    .unsent_count
                    .set(status.enrolment.is_some().then_some(status.unsent_count)),
                Err(error) => {
                    self.unsent_count.set(None);
                    self.message_for(error);
                }
            }
        });
    }

    /// Asks the shell which state it is in and shows that screen.
    pub fn refresh_session(self) {
        spawn_local(async move {
            match ipc::session_status().await {
                Ok(status) => self.show_session_state(status),
                Err(error) => self.set_view(View::StartFailed {
                    message: error.to_string(),
                }),
            }
        });
    }

    /// Fetches the policy once (for the diary codes) unless it is already here.
    pub fn ensure_policy(self) {
        if self.policy.with_untracked(Option::is_some) {
            return;
        }
        let ticket = self.lock_ticket();
        spawn_local(async move {
            let result = ipc::get_policy().await;
            if !self.is_unlocked_since(ticket) {
                return;
            }
            match result {
                Ok(policy) => self.policy.set(Some(policy)),
                Err(error) => {
                    if let Some(message) = self.message_for(error) {
                        self.error.set(Some(message));
                    }
                }
            }
        });
    }

    pub fn lock_now(self) {
        spawn_local(async move {
            match ipc::lock().await {
                Ok(status) => {
                    self.locked_notice.set(None);
                    self.show_session_state(status);
                }
                Err(error) => {
                    if let Some(message) = self.message_for(error) {
                        self.error.set(Some(message));
                    }
                }
            }
        });
    }

    /// Called on every keydown and pointerdown; tells the shell at most every 30 s.
    fn report_activity(self) {
        if !self.view.get_untracked().is_unlocked() {
            return;
        }
        let now_ms = js_sys::Date::now();
        if now_ms - self.activity_reported_at_ms.get_value() < ACTIVITY_REPORT_INTERVAL_MS {
            return;
        }
        self.activity_reported_at_ms.set_value(now_ms);
        spawn_local(async move {
            match ipc::record_activity().await {
                Ok(status) => self.follow_shell(status),
                Err(error) => {
                    // Only a lock matters here; other failures show up on the next real call.
                    self.message_for(error);
                }
            }
        });
    }

    fn poll_session(self) {
        if !self.view.get_untracked().is_unlocked() || self.poll_in_flight.get_value() {
            return;
        }
        self.poll_in_flight.set_value(true);
        spawn_local(async move {
            let result = ipc::session_status().await;
            self.poll_in_flight.set_value(false);
            match result {
                Ok(status) => self.follow_shell(status),
                Err(error) => {
                    self.message_for(error);
                }
            }
        });
    }

    /// Applies a status the officer did not ask for (poll or activity report).
    fn follow_shell(self, status: SessionStatus) {
        if status.state == SessionState::Unlocked {
            self.session.set(Some(status));
        } else if self.view.get_untracked().is_unlocked() {
            self.locked_by_shell();
            self.session.set(Some(status));
        }
    }

    /// Wires the idle lock: activity reports and the session poll, for the page's lifetime.
    pub fn watch_idle_lock(self) {
        // The app lives as long as the page, so nothing ever removes these listeners or
        // clears the interval; their handles are not kept.
        window_event_listener(leptos::ev::keydown, move |_| self.report_activity());
        window_event_listener(leptos::ev::pointerdown, move |_| self.report_activity());
        if let Err(error) =
            set_interval_with_handle(move || self.poll_session(), SESSION_POLL_INTERVAL)
        {
            leptos::logging::error!("the session poll could not start: {error:?}");
        }
        if let Err(error) = set_interval_with_handle(
            move || self.refresh_lone_working(),
            LONE_WORKING_POLL_INTERVAL,
        ) {
            leptos::logging::error!("the lone-working poll could not start: {error:?}");
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}
