#!/usr/bin/env bash
# Installs what is missing, builds Doorstep and opens it. On first run it offers
# "Start with demo data": a realistic synthetic patch of 400 accounts, no server needed.
# Extra arguments go to the app, e.g. `scripts/run.sh --data-dir /tmp/officer-2`.
set -euo pipefail
. "$(dirname "$0")/bootstrap.sh"
install_packages "${packages_run[@]}"
install_rust
install_wasm_bindgen
cd "$repo"
bash scripts/build-ui.sh
cargo build --release -p doorstep-desktop -p doorstep-cli
exec "$CARGO_TARGET_DIR/release/doorstep-desktop" "$@"
