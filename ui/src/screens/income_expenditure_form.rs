//! The income and expenditure form: the household, then every line of the Standard Financial
//! Statement grouped by its sections (the catalogue is `doorstep_domain::income_expenditure`,
//! so the form and the tenant's copy name the same items), each with an amount and how often.
//!
//! "Work it out" asks the core to assess without storing (a fresh command id each time, since
//! nothing is recorded); "Save assessment" stores it with the form's own command id, kept
//! across retries. Spending above a guideline needs the officer's explanation before it can be
//! saved; the boxes for it appear beside the checks that flag it.

use doorstep_api::{
    CategoryExplanation, IncomeExpenditureDebt, IncomeExpenditureLine, IncomeExpenditureRequest,
    IncomeExpenditureView,
};
use doorstep_domain::income_expenditure::{
    items_in, AmountFrequency, BudgetItem, BudgetSection, FlexibleCategory,
};
use leptos::html;
use leptos::prelude::*;

use crate::display::money_text;
use crate::ipc;
use crate::screens::account::AccountPage;
use crate::screens::account_forms::{
    balance_notice, send_command, AccountForm, ArrangementDraft, FormFrame, FormState,
};
use crate::screens::set_up::focus_when_mounted;
use crate::screens::visit_forms::code_of;

const FREQUENCIES: [AmountFrequency; 5] = [
    AmountFrequency::Weekly,
    AmountFrequency::Fortnightly,
    AmountFrequency::FourWeekly,
    AmountFrequency::Monthly,
    AmountFrequency::Yearly,
];

/// One line of the form: the item, its code, and what the officer typed.
#[derive(Clone, Copy)]
struct LineInput {
    item: BudgetItem,
    code: StoredValue<String>,
    amount: RwSignal<String>,
    frequency: RwSignal<String>,
}

/// Rows for debts on the form: enough for a typical statement; more go on the next visit's.
const DEBT_ROWS_COUNT: usize = 4;

/// One debt row as typed.
#[derive(Clone, Copy)]
struct DebtInput {
    creditor: RwSignal<String>,
    priority: RwSignal<bool>,
    owed: RwSignal<String>,
    payment: RwSignal<String>,
    frequency: RwSignal<String>,
}

/// One explanation box, for a flexible category over its guideline.
#[derive(Clone, Copy)]
struct ExplanationInput {
    code: StoredValue<String>,
    text: RwSignal<String>,
}

fn section_id(section: BudgetSection) -> String {
    match section {
        BudgetSection::FlexibleCosts(category) => format!("iande-section-{}", code_of(&category)),
        BudgetSection::Income => "iande-section-income".to_string(),
        BudgetSection::FixedCosts => "iande-section-fixed_costs".to_string(),
        BudgetSection::Savings => "iande-section-savings".to_string(),
    }
}

#[component]
pub fn IncomeExpenditureForm() -> impl IntoView {
    let page = expect_context::<AccountPage>();
    let form = FormState::new(&[
        ("adults", "iande-adults"),
        ("children", "iande-children"),
        ("line:*", "iande-amount-*"),
        ("explanation:*", "iande-explain-*"),
        ("debt:*", "iande-debt-creditor-*"),
    ]);
    let adults = RwSignal::new("1".to_string());
    let children = RwSignal::new("0".to_string());
    // Most income and bills are weekly or monthly; monthly is the SFS's own unit.
    let monthly = code_of(&AmountFrequency::Monthly);
    let lines: Vec<LineInput> = BudgetItem::ALL
        .into_iter()
        .map(|item| LineInput {
            item,
            code: StoredValue::new(code_of(&item)),
            amount: RwSignal::new(String::new()),
            frequency: RwSignal::new(monthly.clone()),
        })
        .collect();
    let lines = StoredValue::new(lines);
    let debts: Vec<DebtInput> = (0..DEBT_ROWS_COUNT)
        .map(|_| DebtInput {
            creditor: RwSignal::new(String::new()),
            priority: RwSignal::new(false),
            owed: RwSignal::new(String::new()),
            payment: RwSignal::new(String::new()),
            frequency: RwSignal::new(monthly.clone()),
        })
        .collect();
    let debts = StoredValue::new(debts);
    let explanations: Vec<ExplanationInput> = FlexibleCategory::ALL
        .iter()
        .map(|category| ExplanationInput {
            code: StoredValue::new(code_of(category)),
            text: RwSignal::new(String::new()),
        })
        .collect();
    let explanations = StoredValue::new(explanations);
    let assessment = RwSignal::new(None::<IncomeExpenditureView>);
    let first_input = NodeRef::<html::Input>::new();
    focus_when_mounted(first_input);

    let request = move |save: bool| -> Option<IncomeExpenditureRequest> {
        let Ok(adults_count) = adults.get_untracked().trim().parse::<u32>() else {
            form.fail(
                "Enter the number of adults as a whole number, such as 1.".to_string(),
                Some("adults".to_string()),
            );
            return None;
        };
        let Ok(children_count) = children.get_untracked().trim().parse::<u32>() else {
            form.fail(
                "Enter the number of children as a whole number, such as 0.".to_string(),
                Some("children".to_string()),
            );
            return None;
        };
        let lines = lines.with_value(|lines| {
            lines
                .iter()
                .filter(|line| {
                    line.amount
                        .with_untracked(|amount| !amount.trim().is_empty())
                })
                .map(|line| IncomeExpenditureLine {
                    item: line.code.get_value(),
                    amount: line.amount.get_untracked().trim().to_string(),
                    frequency: line.frequency.get_untracked(),
                })
                .collect()
        });
        let explanations = explanations.with_value(|explanations| {
            explanations
                .iter()
                .filter(|input| input.text.with_untracked(|text| !text.trim().is_empty()))
                .map(|input| CategoryExplanation {
                    category: input.code.get_value(),
                    explanation: input.text.get_untracked(),
                })
                .collect()
        });
        Some(IncomeExpenditureRequest {
            // Working it out records nothing, so each try is its own command; saving keeps
            // the form's id so a save repeated after a lost answer is stored once.
            command_id: if save {
                form.command_id.get_value()
            } else {
                ipc::new_command_id()
            },
            payment_reference: page.payment_reference.get_value(),
            adults: adults_count,
            children: children_count,
            lines,
            debts: debts.with_value(|debts| {
                debts
                    .iter()
                    .map(|debt| IncomeExpenditureDebt {
                        creditor: debt.creditor.get_untracked(),
                        priority: debt.priority.get_untracked(),
                        owed: debt.owed.get_untracked(),
                        payment: debt.payment.get_untracked(),
                        frequency: debt.frequency.get_untracked(),
                    })
                    .collect()
            }),
            explanations,
            save,
        })
    };
    let send = move |save: bool| {
        if form.busy.get_untracked() {
            return;
        }
        let Some(request) = request(save) else {
            return;
        };
        send_command(
            page,
            form,
            async move { ipc::assess_income_expenditure(&request).await },
            move |outcome| {
                if save {
                    form.done.set(true);
                    page.notice.try_set(Some(balance_notice(
                        "Income and expenditure assessment saved.",
                        &outcome.account,
                    )));
                }
                page.detail.try_set(Some(outcome.account));
                assessment.try_set(Some(outcome.assessment));
            },
        );
    };

    let sections = BudgetSection::ALL
        .into_iter()
        .map(|section| section_view(section, lines, form))
        .collect_view();
    let result = move || {
        assessment
            .get()
            .map(|view| assessment_view(view, explanations, page))
    };

    view! {
        <FormFrame id="iande-form" title="Income and expenditure".to_string() form=form
            on_submit=move || send(true) submit_id="iande-save" submit_label="Save assessment">
            <p class="hint">
                "Enter each amount as the tenant pays or receives it, and how often. Leave lines \
                 that do not apply blank."
            </p>
            <div class="form-row">
                <div class="form-group" class:form-group-error=form.has_error_on("adults")>
                    <label class="label" for="iande-adults">"Adults in the household"</label>
                    <input id="iande-adults" class="input input-short" type="text"
                        inputmode="numeric" autocomplete="off" node_ref=first_input
                        prop:value=adults
                        on:input=move |event| adults.set(event_target_value(&event)) />
                </div>
                <div class="form-group" class:form-group-error=form.has_error_on("children")>
                    <label class="label" for="iande-children">"Dependent children"</label>
                    <input id="iande-children" class="input input-short" type="text"
                        inputmode="numeric" autocomplete="off" prop:value=children
                        on:input=move |event| children.set(event_target_value(&event)) />
                </div>
            </div>
            {sections}
            {debts_view(debts, form)}
            <div class="button-group">
                <button id="iande-assess" class="button button-secondary" type="button"
                    disabled=form.busy on:click=move |_| send(false)>
                    "Work it out"
                </button>
            </div>
            {result}
        </FormFrame>
    }
}

/// The debts the tenant pays: priority ones (council tax, energy, fines, other rent) come out
/// of what is left before any offer to this landlord.
fn debts_view(debts: StoredValue<Vec<DebtInput>>, form: FormState) -> impl IntoView {
    let rows = debts.with_value(|debts| debts.clone());
    view! {
        <fieldset id="iande-section-debts" class="iande-section">
            <legend class="iande-section-heading"><h3>"Debts"</h3></legend>
            <p class="hint">
                "Who is owed, what is owed, and what the tenant pays. Tick priority debts: council \
                 tax, energy, court fines, other rent."
            </p>
            {rows.into_iter().enumerate().map(|(index, debt)| {
                let field = format!("debt:{index}");
                let has_error = move || {
                    form.failure.with(|failure| {
                        failure.as_ref().and_then(|failure| failure.field.as_deref())
                            == Some(field.as_str())
                    })
                };
                let creditor_id = format!("iande-debt-creditor-{index}");
                let priority_id = format!("iande-debt-priority-{index}");
                let priority_for = priority_id.clone();
                let owed_id = format!("iande-debt-owed-{index}");
                let payment_id = format!("iande-debt-payment-{index}");
                let frequency_id = format!("iande-debt-frequency-{index}");
                let number = index + 1;
                view! {
                    <div class="iande-debt form-group" class:form-group-error=has_error>
                        <label class="visually-hidden" for=creditor_id.clone()>
                            {format!("Debt {number}: who is owed")}
                        </label>
                        <input id=creditor_id class="input" type="text" autocomplete="off"
                            placeholder="Who is owed" prop:value=debt.creditor
                            on:input=move |event| debt.creditor.set(event_target_value(&event)) />
                        <label class="checkbox-label" for=priority_for>
                            <input id=priority_id class="checkbox" type="checkbox"
                                prop:checked=debt.priority
                                on:change=move |event| debt.priority.set(event_target_checked(&event)) />
                            " Priority"
                        </label>
                        <label class="visually-hidden" for=owed_id.clone()>
                            {format!("Debt {number}: owed (£)")}
                        </label>
                        <input id=owed_id class="input input-money" type="text" inputmode="decimal"
                            autocomplete="off" placeholder="Owed £" prop:value=debt.owed
                            on:input=move |event| debt.owed.set(event_target_value(&event)) />
                        <label class="visually-hidden" for=payment_id.clone()>
                            {format!("Debt {number}: paying (£)")}
                        </label>
                        <input id=payment_id class="input input-money" type="text"
                            inputmode="decimal" autocomplete="off" placeholder="Paying £"
                            prop:value=debt.payment
                            on:input=move |event| debt.payment.set(event_target_value(&event)) />
                        <label class="visually-hidden" for=frequency_id.clone()>
                            {format!("Debt {number}: how often")}
                        </label>
                        <select id=frequency_id class="select"
                            on:change=move |event| debt.frequency.set(event_target_value(&event))>
                            {FREQUENCIES.iter().map(|frequency| {
                                let value = code_of(frequency);
                                let selected_value = value.clone();
                                view! {
                                    <option value=value selected=move || {
                                        debt.frequency.with(|chosen| *chosen == selected_value)
                                    }>
                                        {frequency.label()}
                                    </option>
                                }
                            }).collect_view()}
                        </select>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// One SFS section: its items under their SFS group headings.
fn section_view(
    section: BudgetSection,
    lines: StoredValue<Vec<LineInput>>,
    form: FormState,
) -> impl IntoView {
    let items = items_in(section);
    let section_lines: Vec<LineInput> = lines.with_value(|lines| {
        lines
            .iter()
            .filter(|line| items.contains(&line.item))
            .copied()
            .collect()
    });
    let mut groups: Vec<(&'static str, Vec<LineInput>)> = Vec::new();
    for line in section_lines {
        let group = line.item.spec().group;
        match groups.last_mut() {
            Some((last_group, members)) if *last_group == group => members.push(line),
            _ => groups.push((group, vec![line])),
        }
    }
    view! {
        <fieldset id=section_id(section) class="iande-section">
            <legend class="iande-section-heading"><h3>{section.label()}</h3></legend>
            {groups.into_iter().map(|(group, members)| view! {
                <h4 class="iande-group">{group}</h4>
                {members.into_iter().map(|line| line_view(line, form)).collect_view()}
            }).collect_view()}
        </fieldset>
    }
}

fn line_view(line: LineInput, form: FormState) -> impl IntoView {
    let code = line.code.get_value();
    let amount_id = format!("iande-amount-{code}");
    let frequency_id = format!("iande-frequency-{code}");
    let field = format!("line:{code}");
    let has_error = move || {
        form.failure.with(|failure| {
            failure
                .as_ref()
                .and_then(|failure| failure.field.as_deref())
                == Some(field.as_str())
        })
    };
    let label = line.item.label();
    view! {
        <div class="iande-line form-group" class:form-group-error=has_error>
            <label class="label" for=amount_id.clone()>{label}</label>
            <input id=amount_id class="input input-money input-short" type="text"
                inputmode="decimal" autocomplete="off" prop:value=line.amount
                on:input=move |event| line.amount.set(event_target_value(&event)) />
            <label class="visually-hidden" for=frequency_id.clone()>
                {format!("How often: {label}")}
            </label>
            <select id=frequency_id class="select"
                on:change=move |event| line.frequency.set(event_target_value(&event))>
                {FREQUENCIES.iter().map(|frequency| {
                    let value = code_of(frequency);
                    let selected_value = value.clone();
                    view! {
                        <option value=value
                            selected=move || line.frequency.with(|chosen| *chosen == selected_value)>
                            {frequency.label()}
                        </option>
                    }
                }).collect_view()}
            </select>
        </div>
    }
}

/// The figures the core worked out, the guideline checks (with a box to explain each one
/// over), where the guidelines come from, and the instalment proposed.
fn assessment_view(
    view: IncomeExpenditureView,
    explanations: StoredValue<Vec<ExplanationInput>>,
    page: AccountPage,
) -> impl IntoView {
    let totals = [
        ("iande-income", "Income a month", view.income_monthly),
        (
            "iande-fixed",
            "Fixed costs a month",
            view.fixed_costs_monthly,
        ),
        (
            "iande-flexible",
            "Flexible costs a month",
            view.flexible_costs_monthly,
        ),
        (
            "iande-debts",
            "Debt repayments a month",
            view.debt_payments_monthly,
        ),
        (
            "iande-disposable",
            "Left over a month",
            view.disposable_monthly,
        ),
    ];
    let checks = view
        .guideline_checks
        .into_iter()
        .map(|check| {
            let explain = check.over.then(|| {
                let text = explanations.with_value(|inputs| {
                    inputs
                        .iter()
                        .find(|input| input.code.get_value() == check.category)
                        .map(|input| input.text)
                });
                let id = format!("iande-explain-{}", check.category);
                text.map(|text| {
                    view! {
                        <div class="form-group">
                            <label class="label" for=id.clone()>
                                {format!("Why is {} above the guideline?", check.label.to_lowercase())}
                            </label>
                            <textarea id=id class="input textarea" rows="2" prop:value=text
                                on:input=move |event| text.set(event_target_value(&event))>
                            </textarea>
                        </div>
                    }
                })
            });
            let verdict = if check.over {
                "Above the guideline: explain why"
            } else {
                "Within the guideline"
            };
            view! {
                <li class="guideline-check" class:guideline-over=check.over
                    data-category=check.category.clone()>
                    <p>
                        {format!(
                            "{}: {} a month against a guideline of {}. {verdict}.",
                            check.label,
                            money_text(check.monthly),
                            money_text(check.guideline)
                        )}
                    </p>
                    {explain}
                </li>
            }
        })
        .collect_view();
    let proposal = match (view.proposed_instalment, view.proposed_frequency.clone()) {
        (Some(instalment), Some(frequency)) => {
            let draft = ArrangementDraft {
                instalment: format!("{instalment:.2}"),
                frequency: Some(frequency.clone()),
            };
            Some(view! {
                <p id="iande-proposal" class="iande-proposal">
                    {format!("Proposed instalment: {} {frequency}.", money_text(instalment))}
                </p>
                <button id="iande-make-arrangement" class="button button-secondary" type="button"
                    on:click=move |_| page.show_form(AccountForm::MakeArrangement(draft.clone()))>
                    "Make this arrangement"
                </button>
            })
        }
        _ => None,
    };
    let saved = view.assessment_id.map(|_| {
        view! { <p class="notice">"Saved. The tenant's copy is in the visit panel."</p> }
    });
    view! {
        <section id="iande-result" class="panel" aria-live="polite">
            <h3 class="panel-heading">"What the figures show"</h3>
            <dl class="summary-list">
                {totals.into_iter().map(|(id, label, amount)| view! {
                    <div class="summary-row">
                        <dt>{label}</dt>
                        <dd id=id>{money_text(amount)}</dd>
                    </div>
                }).collect_view()}
            </dl>
            <ul id="iande-guidelines" class="plain-list">{checks}</ul>
            <p id="iande-guidelines-source" class="hint">{view.guidelines_source}</p>
            <p id="iande-proposal-explanation">{view.proposal_explanation}</p>
            {proposal}
            {saved}
        </section>
    }
}
