#!/usr/bin/env bash
# Installs what is missing, then runs every check and test: format, lints, unit, property,
# store and end-to-end tests (the real app under Xvfb through tauri-driver and WebKitWebDriver).
set -euo pipefail
. "$(dirname "$0")/bootstrap.sh"
. "$(dirname "$0")/postgres.sh"
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
step "build the app, the CLI and every test"
# Exactly the selection `cargo test --workspace` makes, so the tests reuse this build rather
# than rebuilding dependencies with other features.
cargo build -q --workspace --all-targets
step "tests"
# A private D-Bus with an unlocked gnome-keyring for the OS credential-store tests, so nothing
# touches the developer's own keyring. No DISPLAY in there: with one, the keyring would show
# a password prompt nobody can answer. The end-to-end tests start their own Xvfb.
# The keyring's files go in a fresh folder each run, so an old keyring with another password
# can never be in the way. The bus's own chatter is dropped from the log.
keyring_home="$(mktemp -d)"
trap 'rm -rf "$keyring_home"' EXIT
KEYRING_HOME="$keyring_home" env -u DISPLAY dbus-run-session -- bash -c '
  printf "doorstep-test" | XDG_DATA_HOME="$KEYRING_HOME" \
    gnome-keyring-daemon --unlock --components=secrets >/dev/null
  cargo test --workspace --no-fail-fast
' 2> >(grep -v "^dbus-daemon\[" >&2)
step "head office and the reconcile again, on PostgreSQL"
# The same tests, each on a database of its own on a real PostgreSQL server on loopback.
start_test_postgres
# Selected by test name across the workspace, so the build above is reused as it is. The fault
# schedules are random: 1,000 ran on SQLite above, 300 more (another seed) here.
DOORSTEP_FAULT_SCHEDULES=300 DOORSTEP_FAULT_SEED=6 cargo test --workspace --no-fail-fast --test api --test imports --test export \
  --test settlement --test crash --test head_office_sync
