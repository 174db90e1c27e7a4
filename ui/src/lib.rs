//! Doorstep's user interface: Leptos (client-side rendering) compiled to wasm, hosted by the
//! Tauri shell.
//!
//! Boundary: the UI talks to the core only through `ipc` (Tauri `invoke` with
//! `doorstep_api` types) and holds no rule of its own; money on screen is formatted by
//! `doorstep_domain`. Invariant: no account data stays in memory while the store is locked
//! (see `session`).
//!
//! The pure parts build on the host, so `cargo check --workspace` and `cargo test -p
//! doorstep-ui` work on x86_64: `display` (formatting), `worklist_filter` (narrowing the
//! worklist), `report_charts` (what each chart shows, laid out by `doorstep_charts`),
//! `chart_svg` (a laid-out chart as SVG attributes; its component is wasm-only),
//! `report_week` (which week the report shows), `round_order` (rearranging a round), `sync_words`
//! (a sync's progress and summary in words) and `command_id` (idempotency keys). Everything that needs a browser is wasm32-only.

pub mod chart_svg;
pub mod command_id;
pub mod display;
pub mod report_charts;
pub mod report_week;
pub mod round_order;
pub mod sync_words;
pub mod worklist_filter;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod ipc;
#[cfg(target_arch = "wasm32")]
mod screens;
#[cfg(target_arch = "wasm32")]
mod session;

/// Entry point: wasm-bindgen runs this when `boot.js` calls `init()`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
