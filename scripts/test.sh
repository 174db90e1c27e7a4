#!/usr/bin/env bash
# Installs what is missing, then runs every check and test: format, lints, unit, property,
# store and end-to-end tests (the real app under Xvfb through tauri-driver and WebKitWebDriver).
set -euo pipefail
. "$(dirname "$0")/bootstrap.sh"
install_packages "${packages_run[@]}" "${packages_test[@]}"
install_rust
install_wasm_bindgen
install_tauri_driver
cd "$repo"

step() { printf '\n== %s (%s)\n' "$1" "$(date +%T)"; }

step "format"
cargo fmt --all -- --check
step "ui (wasm)"
bash scripts/build-ui.sh
step "domain builds for wasm"
cargo build -q -p doorstep-domain --target wasm32-unknown-unknown
step "lints"
cargo clippy -q --workspace --all-targets -- -D warnings
cargo clippy -q -p doorstep-ui --target wasm32-unknown-unknown -- -D warnings
step "build the app and the CLI"
cargo build -q -p doorstep-desktop -p doorstep-cli
step "tests"
# One display for the end-to-end tests; a private D-Bus with an unlocked keyring for the OS
# credential-store tests, so nothing touches the developer's own keyring.
xvfb-run -a dbus-run-session -- bash -c '
  printf "doorstep-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  cargo test --workspace --no-fail-fast
'
