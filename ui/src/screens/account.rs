//! One account: who and where, the next action and why, how much is owed and how that reads in
//! words, the 13-week trend, the balance history chart (`account_chart`), arrangements, holds,
//! the diary and every transaction, newest first. The forms that change the account are in `account_forms`; each answers with the
//! account as it now stands, which replaces the page's data, so the officer sees the balance,
//! the weeks and the next action move at once.
//!
//! Back (or Escape, when no form is open) returns to the list the account was opened from, with
//! the same filters and the same row focused.

use doorstep_api::{
    AccountDetail, ArrangementView, DiaryLine, ExpectedCreditView, ExplainedFigure,
    GetAccountRequest, HoldView, NextActionView, PersonView, TenancyView, TransactionLine,
    TrendPoint, VisitPanel,
};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::chart_svg::ChartSvg;
use crate::display::{arrears_weeks_text, balance_state, date_text, money_text};
use crate::ipc;
use crate::report_charts::recent_figure;
use crate::screens::account_chart::BalanceHistoryPanel;
use crate::screens::account_forms::{
    arrangement_is_open, AccountForm, ActionBar, DocumentsPanel, FormPanel,
};
use crate::screens::set_up::focus_when_mounted;
use crate::screens::visit_panel::VisitPanelSection;
use crate::session::{
    AppState, ListScreen, OpenAccount, OpenBenefits, OpenCourtFile, OpenPeople, View,
};

/// Transaction rows rendered at most: years of weekly rent is a few hundred; this bound keeps
/// a corrupt or enormous ledger from freezing the window.
pub const TRANSACTION_ROWS_MAX: usize = 2_000;

/// Diary rows rendered at most, for the same reason.
pub const DIARY_ROWS_MAX: usize = 500;

/// What the account page's parts share. Every field is a handle, so the struct is `Copy` and
/// async continuations may hold it after the page is gone (they write with `try_set`).
#[derive(Clone, Copy)]
pub struct AccountPage {
    pub state: AppState,
    pub payment_reference: StoredValue<String>,
    pub detail: RwSignal<Option<AccountDetail>>,
    /// The one form showing, if any.
    pub open_form: RwSignal<Option<AccountForm>>,
    /// What the last change did, in words (`#action-result`).
    pub notice: RwSignal<Option<String>>,
    /// What the officer needs at the door: warnings, the terminal, payments taken, cheques,
    /// mandates, the latest income and expenditure. Dropped with the page.
    pub visit_panel: RwSignal<Option<VisitPanel>>,
    /// Bumped by every fetch of the visit panel, so an older answer cannot replace a newer one.
    visit_panel_generation: StoredValue<u64>,
}

impl AccountPage {
    /// Fetches the visit panel again. It has its own ticket, not the app's generation, so it
    /// never cancels the account's own fetch running beside it.
    pub fn reload_visit_panel(self) {
        self.visit_panel_generation
            .update_value(|generation| *generation += 1);
        let generation = self.visit_panel_generation.get_value();
        let ticket = self.state.lock_ticket();
        let request = GetAccountRequest {
            payment_reference: self.payment_reference.get_value(),
        };
        spawn_local(async move {
            let result = ipc::get_visit_panel(&request).await;
            let is_latest = self
                .visit_panel_generation
                .try_get_value()
                .is_some_and(|latest| latest == generation);
            if !self.state.is_unlocked_since(ticket) || !is_latest {
                return;
            }
            match result {
                Ok(panel) => {
                    self.visit_panel.try_set(Some(panel));
                }
                Err(failure) => {
                    if let Some(message) = self.state.message_for(failure) {
                        self.state.error.set(Some(message));
                    }
                }
            }
        });
    }

    /// Fetches the account again (after a document, which may have written to the diary).
    pub fn reload(self) {
        let generation = self.state.next_generation();
        let request = GetAccountRequest {
            payment_reference: self.payment_reference.get_value(),
        };
        spawn_local(async move {
            let result = ipc::get_account(&request).await;
            if !self.state.is_current(generation) {
                return;
            }
            match result {
                Ok(account) => {
                    self.detail.try_set(Some(account));
                }
                Err(failure) => {
                    if let Some(message) = self.state.message_for(failure) {
                        self.state.error.set(Some(message));
                    }
                }
            }
        });
    }
}

#[component]
pub fn AccountScreen(open: OpenAccount) -> impl IntoView {
    let state = expect_context::<AppState>();
    let page = AccountPage {
        state,
        payment_reference: StoredValue::new(open.payment_reference.clone()),
        detail: RwSignal::new(None),
        open_form: RwSignal::new(None),
        notice: RwSignal::new(None),
        visit_panel: RwSignal::new(None),
        visit_panel_generation: StoredValue::new(0),
    };
    provide_context(page);
    // The diary form's codes come from the policy; fetch it now so the form opens ready.
    state.ensure_policy();
    page.reload();
    page.reload_visit_panel();

    let heading = NodeRef::<html::H1>::new();
    focus_when_mounted(heading);

    let (back_view, back_label) = match open.opened_from {
        ListScreen::Worklist => (View::Worklist, "Back to worklist"),
        ListScreen::Caseload => (View::Caseload, "Back to caseload"),
        ListScreen::Round(visit_on) => (View::Round { visit_on }, "Back to round"),
        ListScreen::Reports(week_of) => (View::Reports { week_of }, "Back to the report"),
        ListScreen::HeadOffice => (View::HeadOffice, "Back to head office"),
    };
    let back_view = StoredValue::new(back_view);
    let back = move || state.set_view(back_view.get_value());
    let escape = window_event_listener(leptos::ev::keydown, move |event| {
        if event.key() != "Escape" {
            return;
        }
        // Escape closes an open form first; a second Escape leaves the account.
        if page.open_form.get_untracked().is_some() {
            page.open_form.set(None);
        } else {
            back();
        }
    });
    on_cleanup(move || escape.remove());

    let tenant_names = open.tenant_names.clone();
    let heading_text = move || {
        if !tenant_names.is_empty() {
            return tenant_names.clone();
        }
        page.detail.with(|account| {
            account
                .as_ref()
                .map(|account| account.tenant_names.clone())
                .unwrap_or_default()
        })
    };
    let loaded = Memo::new(move |_| page.detail.with(Option::is_some));

    view! {
        <main class="page">
            <button id="back" class="button button-secondary button-back" type="button"
                on:click=move |_| back()>
                {back_label}
            </button>
            <h1 id="account-name" tabindex="-1" node_ref=heading>{heading_text}</h1>
            <p class="account-reference">
                "Payment reference "
                <strong id="payment-reference">{open.payment_reference.clone()}</strong>
            </p>
            {move || match page.detail.get() {
                None => view! { <p class="busy" aria-live="polite">"Loading the account…"</p> }
                    .into_any(),
                Some(account) => view! { <AccountTop account=account /> }.into_any(),
            }}
            // The forms sit outside the parts redrawn from `detail`, so a form keeps what the
            // officer typed (and its command id) while the account behind it refreshes.
            <Show when=move || loaded.get()>
                <ActionBar />
                <FormPanel />
                <VisitPanelSection />
            </Show>
            {move || page.detail.get().map(|account| view! { <TrendPanel trend=account.trend /> })}
            // Outside the parts redrawn from `detail`, so the chosen span survives a change.
            <Show when=move || loaded.get()>
                <BalanceHistoryPanel />
            </Show>
            {move || page.detail.get().map(|account| view! { <AccountMiddle account=account /> })}
            <Show when=move || loaded.get()>
                <DocumentsPanel />
            </Show>
            {
                let open = open.clone();
                move || page.detail.get().map(|account| {
                    view! { <CourtFileLink account=account open=open.clone() /> }
                })
            }
            {
                let open = open.clone();
                move || page.detail.get().map(|account| {
                    view! { <BenefitsLink account=account open=open.clone() /> }
                })
            }
            {
                let open = open.clone();
                move || page.detail.get().map(|account| {
                    view! { <PeopleLink account=account open=open.clone() /> }
                })
            }
            {move || page.detail.get().map(|account| view! { <AccountBottom account=account /> })}
        </main>
    }
}

/// Opens the presenting officer's court file for this account.
#[component]
fn CourtFileLink(account: AccountDetail, open: OpenAccount) -> impl IntoView {
    let state = expect_context::<AppState>();
    let account_id = account.account_id;
    let open = StoredValue::new(open);
    view! {
        <section id="court" aria-labelledby="court-heading">
            <h2 id="court-heading">"Court"</h2>
            <button id="open-court-file" class="button button-secondary" type="button"
                on:click=move |_| {
                    state.set_view(View::CourtFile(OpenCourtFile {
                        account_id,
                        account: open.get_value(),
                    }));
                }>
                "Court file"
            </button>
        </section>
    }
}

/// Opens the account's benefit work: Universal Credit, DWP requests and DHP.
#[component]
fn BenefitsLink(account: AccountDetail, open: OpenAccount) -> impl IntoView {
    let state = expect_context::<AppState>();
    let account_id = account.account_id;
    let open = StoredValue::new(open);
    view! {
        <section id="benefits" aria-labelledby="benefits-section-heading">
            <h2 id="benefits-section-heading">"Benefits"</h2>
            <button id="open-benefits" class="button button-secondary" type="button"
                on:click=move |_| {
                    state.set_view(View::Benefits(OpenBenefits {
                        account_id,
                        account: open.get_value(),
                    }));
                }>
                "Benefits"
            </button>
        </section>
    }
}

/// Opens the people around the account (representatives, consents, contacts) and its flags.
#[component]
fn PeopleLink(account: AccountDetail, open: OpenAccount) -> impl IntoView {
    let state = expect_context::<AppState>();
    let account_id = account.account_id;
    let open = StoredValue::new(open);
    view! {
        <section id="people-link" aria-labelledby="people-link-heading">
            <h2 id="people-link-heading">"People and flags"</h2>
            <p class="hint">"Check who may be told what before you discuss the account with anyone but the tenant."</p>
            <button id="open-people" class="button button-secondary" type="button"
                on:click=move |_| {
                    state.set_view(View::People(OpenPeople {
                        account_id,
                        account: open.get_value(),
                    }));
                }>
                "People and flags"
            </button>
        </section>
    }
}

/// The account's flags, above everything else: they change how the officer approaches it.
fn flags_banner(flags: Vec<String>) -> impl IntoView {
    (!flags.is_empty()).then(|| {
        view! {
            <div id="account-flags" class="warning-box" role="note" aria-label="Flags">
                <ul class="plain-list">
                    {flags.into_iter().map(|flag| view! { <li class="account-flag">{flag}</li> }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// Address, next action and balance: what the officer needs before dialling.
#[component]
fn AccountTop(account: AccountDetail) -> impl IntoView {
    view! {
        {flags_banner(account.flags.clone())}
        <p id="account-address" class="account-address">
            {format!("{}, {}", account.address, account.postcode)}
        </p>
        <NextActionPanel next_action=account.next_action.clone() />
        <div class="panels">
            <BalancePanel account=account.clone() />
            <FiguresPanel figures=account.figures.clone() />
            <ExpectedCreditsPanel credits=account.expected_credits.clone() />
        </div>
    }
}

#[component]
fn AccountMiddle(account: AccountDetail) -> impl IntoView {
    view! {
        <ArrangementsSection arrangements=account.arrangements.clone() />
        <HoldsSection holds=account.holds.clone() />
        <DiarySection diary=account.diary.clone() />
    }
}

#[component]
fn AccountBottom(account: AccountDetail) -> impl IntoView {
    view! {
        <div class="panels">
            <TenancyPanel tenancy=account.tenancy.clone() />
        </div>
        <PeopleList people=account.people.clone() />
        <TransactionsTable transactions=account.transactions />
    }
}

/// Codes that mean "nothing to do now": drawn quieter than an action to take.
fn is_no_action(code: &str) -> bool {
    matches!(code, "nothing" | "wait" | "blocked")
}

#[component]
fn NextActionPanel(next_action: NextActionView) -> impl IntoView {
    let class = if is_no_action(&next_action.code) {
        "panel next-action-panel next-action-quiet"
    } else {
        "panel next-action-panel"
    };
    view! {
        <section class=class aria-labelledby="next-action-heading"
            data-action=next_action.code.clone()>
            <h2 id="next-action-heading" class="panel-heading next-action-heading">
                "Next action"
            </h2>
            <p id="next-action" class="next-action-label">{next_action.label}</p>
            <p id="next-action-reason" class="next-action-explanation">{next_action.reason}</p>
        </section>
    }
}

#[component]
fn BalancePanel(account: AccountDetail) -> impl IntoView {
    let state_of_balance = balance_state(account.balance);
    let last_payment = account
        .last_payment_on
        .map(date_text)
        .unwrap_or_else(|| "none recorded".to_string());
    view! {
        <section class=format!("panel balance-panel {}", state_of_balance.class())
            aria-labelledby="balance-heading">
            <h2 id="balance-heading" class="panel-heading">"Balance"</h2>
            <p class="balance-figure">
                <span id="account-balance">{money_text(account.balance)}</span>
                " "
                <span class="balance-state">{state_of_balance.label()}</span>
            </p>
            <p id="arrears-weeks" class="arrears-weeks">{arrears_weeks_text(account.arrears_weeks)}</p>
            <p id="arrears-explanation">{account.arrears_explanation}</p>
            <p id="last-payment">"Last payment: " {last_payment}</p>
            <p class="hint">{format!("Figures as at {}", date_text(account.as_at))}</p>
        </section>
    }
}

#[component]
fn FiguresPanel(figures: Vec<ExplainedFigure>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="figures-heading">
            <h2 id="figures-heading" class="panel-heading">"What the figures mean"</h2>
            <dl id="figures" class="figures">
                {figures.into_iter().map(|figure| view! {
                    <div class="figure" data-key=figure.key>
                        <dt class="figure-label">{figure.label}</dt>
                        <dd class="figure-value">{figure.value}</dd>
                        <dd class="figure-explanation">{figure.explanation}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
    }
}

#[component]
fn ExpectedCreditsPanel(credits: Vec<ExpectedCreditView>) -> impl IntoView {
    let body = if credits.is_empty() {
        view! { <p id="expected-credits-none">"No benefit credits are expected."</p> }.into_any()
    } else {
        view! {
            <table id="expected-credits" class="table table-compact">
                <caption class="visually-hidden">"Benefit credits expected"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Benefit"</th>
                        <th scope="col" class="numeric">"Amount"</th>
                        <th scope="col">"Next"</th>
                        <th scope="col" class="numeric">"Covers now"</th>
                    </tr>
                </thead>
                <tbody>
                    {credits.into_iter().map(|credit| view! {
                        <tr class="expected-credit">
                            <td>
                                {credit.benefit}
                                <span class="cell-note">{credit.paid_to}</span>
                            </td>
                            <td class="numeric">{money_text(credit.amount)}</td>
                            <td class="date">{date_text(credit.next_on)}</td>
                            <td class="numeric">{money_text(credit.covers_now)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="panel" aria-labelledby="expected-credits-heading">
            <h2 id="expected-credits-heading" class="panel-heading">"Benefit credits expected"</h2>
            <p class="hint">
                "Arrears these credits will clear are technical, not true arrears."
            </p>
            {body}
        </section>
    }
}

/// The balance at each week's end as bars (laid out by `doorstep_charts`, drawn as SVG: no
/// chart script, the CSP allows none), with the same numbers in a table beside it for reading
/// out and for screen readers.
#[component]
fn TrendPanel(trend: Vec<TrendPoint>) -> impl IntoView {
    let figure = recent_figure(&trend);
    let summary = match (trend.first(), trend.last()) {
        (Some(first), Some(last)) => format!(
            "Balance from {} on {} to {} on {}",
            money_text(first.balance),
            date_text(first.on),
            money_text(last.balance),
            date_text(last.on)
        ),
        _ => "No balance history yet".to_string(),
    };
    view! {
        <section id="trend" class="panel trend-panel" aria-labelledby="trend-heading">
            <h2 id="trend-heading" class="panel-heading">"Balance over 13 weeks"</h2>
            <div class="trend">
                <ChartSvg figure=figure id="trend-chart" chart="recent" label=summary.clone() />
                <table id="trend-table" class="table table-compact trend-table">
                    <caption class="visually-hidden">{summary}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Week ending"</th>
                            <th scope="col" class="numeric">"Balance"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {trend.into_iter().map(|point| view! {
                            <tr class="trend-point">
                                <td class="date">{date_text(point.on)}</td>
                                <td class="numeric">{money_text(point.balance)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn ArrangementsSection(arrangements: Vec<ArrangementView>) -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let body = if arrangements.is_empty() {
        view! { <p>"No arrangements."</p> }.into_any()
    } else {
        arrangements
            .into_iter()
            .enumerate()
            .map(|(index, arrangement)| {
                let is_open = index == 0 && arrangement_is_open(&arrangement);
                let cancel = is_open.then(|| {
                    view! {
                        <button id="cancel-arrangement" class="button button-secondary" type="button"
                            on:click=move |_| page.show_form(AccountForm::CancelArrangement)>
                            "Cancel this arrangement"
                        </button>
                    }
                });
                let check = arrangement
                    .check
                    .map(|check| view! { <p class="arrangement-check">{check}</p> });
                let state_code = arrangement.state.clone();
                view! {
                    <li class="arrangement" class:arrangement-open=is_open
                        data-state=state_code>
                        <p class="arrangement-heading">
                            <span class="arrangement-kind">{arrangement.kind}</span>
                            " arrangement: "
                            <span class="arrangement-state">{arrangement.state}</span>
                        </p>
                        <p class="arrangement-terms">{arrangement.terms}</p>
                        <p class="hint">
                            {format!(
                                "Agreed on {} with the balance at {}",
                                date_text(arrangement.agreed_on),
                                money_text(arrangement.starting_balance)
                            )}
                        </p>
                        {check}
                        <ol class="arrangement-history">
                            {arrangement.history.into_iter()
                                .map(|line| view! { <li>{line}</li> })
                                .collect_view()}
                        </ol>
                        {cancel}
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section aria-labelledby="arrangements-heading">
            <h2 id="arrangements-heading">"Arrangements"</h2>
            <ul id="arrangements" class="plain-list">{body}</ul>
        </section>
    }
}

#[component]
fn HoldsSection(holds: Vec<HoldView>) -> impl IntoView {
    let body = if holds.is_empty() {
        view! { <li class="hold-none">"Nothing is holding escalation."</li> }.into_any()
    } else {
        holds
            .into_iter()
            .map(|hold| {
                let status = if hold.in_force { "In force" } else { "Ended" };
                view! {
                    <li class="hold" class:hold-in-force=hold.in_force>
                        <span class="marker marker-neutral">{status}</span>
                        " "
                        <span class="hold-description">{hold.description}</span>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section aria-labelledby="holds-heading">
            <h2 id="holds-heading">"Holds"</h2>
            <ul id="holds" class="plain-list">{body}</ul>
        </section>
    }
}

#[component]
fn DiarySection(diary: Vec<DiaryLine>) -> impl IntoView {
    let diary_count = diary.len();
    let limit_note = (diary_count > DIARY_ROWS_MAX).then(|| {
        view! {
            <p class="inset-text">
                {format!("Showing the newest {DIARY_ROWS_MAX} of {diary_count} diary entries.")}
            </p>
        }
    });
    let empty_note = diary
        .is_empty()
        .then(|| view! { <p>"Nothing in the diary yet."</p> });
    view! {
        <section aria-labelledby="diary-heading">
            <h2 id="diary-heading">"Diary"</h2>
            {limit_note}
            <table id="diary" class="table">
                <caption class="visually-hidden">"Diary, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Entry"</th>
                        <th scope="col">"Note"</th>
                        <th scope="col">"Officer"</th>
                    </tr>
                </thead>
                <tbody>
                    // The API gives the diary newest first already.
                    {diary.into_iter().take(DIARY_ROWS_MAX).map(|line| view! {
                        <tr class="diary-row" data-code=line.code>
                            <td class="date">{date_text(line.happened_on)}</td>
                            <td class="diary-label">{line.label}</td>
                            <td class="diary-note">{line.note}</td>
                            <td>{line.officer}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {empty_note}
        </section>
    }
}

#[component]
fn TenancyPanel(tenancy: TenancyView) -> impl IntoView {
    let rows = [
        ("Tenancy reference", tenancy.tenancy_reference),
        ("Tenure", tenancy.tenure),
        ("Start date", date_text(tenancy.start_date)),
        ("Rent frequency", tenancy.rent_frequency),
        ("Rent", money_text(tenancy.rent)),
        ("Service charge", money_text(tenancy.service_charge)),
        ("Weekly charge", money_text(tenancy.weekly_charge)),
    ];
    view! {
        <section class="panel" aria-labelledby="tenancy-heading">
            <h2 id="tenancy-heading" class="panel-heading">"Tenancy"</h2>
            <dl id="tenancy" class="summary-list">
                {rows.into_iter().map(|(key, value)| view! {
                    <div class="summary-row">
                        <dt>{key}</dt>
                        <dd>{value}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
    }
}

#[component]
fn PeopleList(people: Vec<PersonView>) -> impl IntoView {
    view! {
        <section aria-labelledby="people-heading">
            <h2 id="people-heading">"People"</h2>
            <ul id="people" class="people-list">
                {people.into_iter().map(|person| view! {
                    <li class="person">
                        <span class="person-role">{person.role}</span>
                        " "
                        <span class="person-name">{person.full_name}</span>
                        " "
                        <span class="person-phone">
                            {person.phone.unwrap_or_else(|| "No phone number".to_string())}
                        </span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn TransactionsTable(transactions: Vec<TransactionLine>) -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let transactions_count = transactions.len();
    // The API gives oldest first; the officer wants the latest at the top.
    let newest_first: Vec<TransactionLine> = transactions
        .into_iter()
        .rev()
        .take(TRANSACTION_ROWS_MAX)
        .collect();
    let limit_note = (transactions_count > TRANSACTION_ROWS_MAX).then(|| view! {
        <p class="inset-text">
            {format!("Showing the newest {TRANSACTION_ROWS_MAX} of {transactions_count} transactions.")}
        </p>
    });
    let row = move |line: TransactionLine| {
        let summary = format!(
            "{} on {}: {}",
            line.description,
            date_text(line.posted_on),
            line.credit
                .or(line.debit)
                .map(money_text)
                .unwrap_or_default()
        );
        let reverse = line.reversible.then(|| {
            let form = AccountForm::Reverse {
                entry_id: line.entry_id.clone(),
                summary,
            };
            view! {
                <button class="button button-secondary button-small reverse-entry" type="button"
                    data-entry-id=line.entry_id.clone()
                    on:click=move |_| page.show_form(form.clone())>
                    "Reverse"
                </button>
            }
        });
        let note = line
            .reversal_note
            .map(|note| view! { <span class="cell-note reversal-note">{note}</span> });
        view! {
            <tr class="transaction-row" data-entry-id=line.entry_id>
                <td class="date">{date_text(line.posted_on)}</td>
                <td>{line.description} {note}</td>
                <td class="numeric">{line.debit.map(money_text)}</td>
                <td class="numeric">{line.credit.map(money_text)}</td>
                <td class="numeric">{money_text(line.balance_after)}</td>
                <td class="row-action">{reverse}</td>
            </tr>
        }
    };
    view! {
        <section aria-labelledby="transactions-heading">
            <h2 id="transactions-heading">"Transactions"</h2>
            {limit_note}
            <table id="transactions" class="table">
                <caption class="visually-hidden">"Transactions, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Description"</th>
                        <th scope="col" class="numeric">"Debit"</th>
                        <th scope="col" class="numeric">"Credit"</th>
                        <th scope="col" class="numeric">"Balance"</th>
                        <th scope="col"><span class="visually-hidden">"Action"</span></th>
                    </tr>
                </thead>
                <tbody>
                    {newest_first.into_iter().map(row).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
