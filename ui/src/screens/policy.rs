use leptos::prelude::*;
#[component]
pub fn PolicyScreen() -> impl IntoView {
    view! { <main class="page"><h1>"Policy"</h1></main> }
}
