//! The session: locked or unlocked, and everything that needs the store open.

use std::time::Instant;

use chrono::NaiveDate;
use doorstep_api::{
    AccountDetail, AccountList, ApiError, GetAccountRequest, ListAccountsRequest, SessionState,
    SessionStatus, SetUpRequest, StartWith, UnlockRequest,
};
use doorstep_demo::{DemoCaseload, DemoOptions};
use doorstep_store::{CredentialStore, DataDir, Store};
use tokio::sync::Mutex;

use crate::account_page::{detail, AccountRecords};
use crate::caseload::Caseload;
use crate::config::{Config, CredentialStoreChoice};
use crate::errors::{api_error, check_new_passphrase};
use crate::DEMO_SEED_DEFAULT;

pub struct Session {
    config: Config,
    data_dir: DataDir,
    credential_store: CredentialStore,
    pub(crate) state: Mutex<State>,
    /// Read by the UI while a bundle is made, without waiting for `state`.
    pub(crate) bundle_progress: crate::court_papers::BundleProgressCell,
    /// Read by the UI while a sync runs, without waiting for `state`.
    pub(crate) sync: crate::sync::SyncCell,
}

pub(crate) enum State {
    Locked,
    /// Boxed: the open store and caseload are large beside `Locked`.
    Unlocked(Box<Unlocked>),
}

pub(crate) struct Unlocked {
    pub(crate) store: Store,
    pub(crate) caseload: Caseload,
    pub(crate) last_activity: Instant,
    /// The reports' facts for the last week asked for, kept while nothing they read changes
    /// (so the PDF and the spreadsheet after the screen do not read the ledger again). Gone
    /// with the lock, like the rest of the unlocked state.
    pub(crate) report_cache: Option<crate::reports::ReportCache>,
}

impl Unlocked {
    /// Notes the officer's activity and makes sure the figures are today's: a laptop left
    /// unlocked past midnight (or over a weekend's Monday rent run) must not show yesterday's
    /// arrears.
    pub(crate) async fn touch(&mut self) -> Result<(), ApiError> {
        self.last_activity = Instant::now();
        if self.caseload.as_at() != today() {
            let policy = self.caseload.policy().clone();
            self.caseload = Caseload::load(&self.store, policy, today())
                .await
                .map_err(api_error)?;
        }
        Ok(())
    }

    /// The account page, read fresh from the store for the records and from the caseload for
    /// the figures.
    pub(crate) async fn account_detail(
        &self,
        payment_reference: &str,
    ) -> Result<AccountDetail, ApiError> {
        let account = self
            .caseload
            .account(payment_reference.trim())
            .ok_or_else(|| ApiError::AccountNotFound {
                reference: payment_reference.to_string(),
            })?;
        let account_id = account.record.id;
        let entries = self
            .store
            .entries_for_account(account_id)
            .await
            .map_err(api_error)?;
        let diary = self
            .store
            .diary_for_account(account_id)
            .await
            .map_err(api_error)?;
        let arrangements = self
            .store
            .arrangements(Some(account_id))
            .await
            .map_err(api_error)?;
        let holds = self
            .store
            .latest_holds(Some(account_id))
            .await
            .map_err(api_error)?;
        let mut page = detail(
            account,
            &AccountRecords {
                entries: &entries,
                diary: &diary,
                arrangements: &arrangements,
                holds: &holds,
            },
            self.caseload.policy(),
            self.caseload.as_at(),
        );
        page.flags = self
            .caseload
            .flags(account_id)
            .iter()
            .map(crate::visits::flag_warning)
            .collect();
        Ok(page)
    }
}

impl Session {
    pub fn new(config: Config) -> Session {
        let data_dir = DataDir::new(&config.data_dir);
        let credential_store = match config.credential_store {
            CredentialStoreChoice::Os => CredentialStore::Os,
            CredentialStoreChoice::File => CredentialStore::File {
                path: data_dir.credential_file_path(),
            },
        };
        Session {
            config,
            data_dir,
            credential_store,
            state: Mutex::new(State::Locked),
            bundle_progress: std::sync::Arc::new(std::sync::Mutex::new(
                crate::court_papers::idle_progress(),
            )),
            sync: crate::sync::SyncCell::new(),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub(crate) fn data_dir(&self) -> &DataDir {
        &self.data_dir
    }

    pub(crate) fn credential_store(&self) -> &CredentialStore {
        &self.credential_store
    }

    pub async fn status(&self) -> Result<SessionStatus, ApiError> {
        let state = self.state.lock().await;
        self.status_of(&state)
    }

    fn status_of(&self, state: &State) -> Result<SessionStatus, ApiError> {
        let session_state = match state {
            State::Unlocked(_) => SessionState::Unlocked,
            State::Locked => match self.data_dir.manifest().map_err(api_error)? {
                Some(_) => SessionState::Locked,
                None => SessionState::NotSetUp,
            },
        };
        Ok(SessionStatus {
            state: session_state,
            idle_lock_minutes: self.config.idle_lock_minutes,
            data_dir: self.config.data_dir.display().to_string(),
        })
    }

    /// First run: sets the passphrase, creates the encrypted store, optionally fills it with
    /// the demo patch, and leaves the session unlocked.
    pub async fn set_up(&self, request: &SetUpRequest) -> Result<SessionStatus, ApiError> {
        check_new_passphrase(&request.passphrase, &request.passphrase_repeated)?;
        let mut state = self.state.lock().await;
        let store = Store::create(&self.data_dir, &self.credential_store, &request.passphrase)
            .await
            .map_err(api_error)?;
        if request.start_with == StartWith::DemoCaseload {
            let options = DemoOptions::new(DEMO_SEED_DEFAULT, today());
            insert_demo(&store, &doorstep_demo::generate(&options), options.today).await?;
        }
        *state = State::Unlocked(Box::new(unlocked(store).await?));
        self.status_of(&state)
    }

    pub async fn unlock(&self, request: &UnlockRequest) -> Result<SessionStatus, ApiError> {
        let mut state = self.state.lock().await;
        if let State::Locked = *state {
            let store = Store::open(&self.data_dir, &self.credential_store, &request.passphrase)
                .await
                .map_err(api_error)?;
            *state = State::Unlocked(Box::new(unlocked(store).await?));
        }
        self.status_of(&state)
    }

    pub async fn lock(&self) -> Result<SessionStatus, ApiError> {
        let mut state = self.state.lock().await;
        if let State::Unlocked(open) = std::mem::replace(&mut *state, State::Locked) {
            open.store.close().await;
        }
        self.status_of(&state)
    }

    pub async fn record_activity(&self) -> Result<SessionStatus, ApiError> {
        let mut state = self.state.lock().await;
        if let State::Unlocked(open) = &mut *state {
            open.last_activity = Instant::now();
        }
        self.status_of(&state)
    }

    /// Locks the store when nobody has used the app for the configured idle time. Called on a
    /// timer by the shell; returns whether it locked.
    pub async fn lock_if_idle(&self, now: Instant) -> bool {
        let mut state = self.state.lock().await;
        let idle = match &*state {
            State::Unlocked(open) => now.saturating_duration_since(open.last_activity),
            State::Locked => return false,
        };
        if idle < self.config.idle_lock() {
            return false;
        }
        if let State::Unlocked(open) = std::mem::replace(&mut *state, State::Locked) {
            open.store.close().await;
        }
        true
    }

    /// Fills an empty, unlocked store with a demo patch (the CLI's `demo` command).
    pub async fn load_demo(&self, options: &DemoOptions) -> Result<usize, ApiError> {
        let mut state = self.state.lock().await;
        let State::Unlocked(open) = &mut *state else {
            return Err(ApiError::Locked);
        };
        let existing = open.store.accounts_count().await.map_err(api_error)?;
        if existing > 0 {
            return Err(ApiError::Storage {
                message: format!(
                    "this store already holds {existing} accounts; use a new data folder for demo data"
                ),
            });
        }
        let caseload = doorstep_demo::generate(options);
        insert_demo(&open.store, &caseload, options.today).await?;
        open.caseload = compute_caseload(&open.store).await?;
        Ok(caseload.accounts.len())
    }

    pub async fn list_accounts(
        &self,
        request: &ListAccountsRequest,
    ) -> Result<AccountList, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        Ok(open.caseload.list(request))
    }

    pub async fn get_account(
        &self,
        request: &GetAccountRequest,
    ) -> Result<AccountDetail, ApiError> {
        let mut state = self.state.lock().await;
        let open = unlocked_mut(&mut state)?;
        open.touch().await?;
        open.account_detail(&request.payment_reference).await
    }
}

pub(crate) fn unlocked_mut(state: &mut State) -> Result<&mut Unlocked, ApiError> {
    match state {
        State::Unlocked(open) => Ok(open),
        State::Locked => Err(ApiError::Locked),
    }
}

async fn unlocked(store: Store) -> Result<Unlocked, ApiError> {
    let caseload = compute_caseload(&store).await?;
    Ok(Unlocked {
        store,
        caseload,
        last_activity: Instant::now(),
        report_cache: None,
    })
}

pub(crate) async fn compute_caseload(store: &Store) -> Result<Caseload, ApiError> {
    let policy = crate::policy::current_policy(store).await?;
    Caseload::load(store, policy, today())
        .await
        .map_err(api_error)
}

async fn insert_demo(
    store: &Store,
    caseload: &DemoCaseload,
    today: NaiveDate,
) -> Result<(), ApiError> {
    crate::demo_history::insert_demo(store, caseload, today)
        .await
        .map_err(api_error)
}

/// Rent weeks and legal dates are Europe/London calendar days: the laptop's local date.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
