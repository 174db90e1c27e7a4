//! The income and expenditure form (Standard Financial Statement sections).

use leptos::prelude::*;

#[component]
pub fn IncomeExpenditureForm() -> impl IntoView {
    view! { <p>"Income and expenditure: coming soon."</p> }
}
