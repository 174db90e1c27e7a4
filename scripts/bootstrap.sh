# Sourced by run.sh and test.sh: installs what a fresh Debian 12 machine lacks, and nothing it
# already has. Safe to run again and again.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/doorstep-target}"
export PATH="$HOME/.cargo/bin:$PATH"

# Build and run: WebKitGTK and friends for Tauri; libdbus for the Secret Service keyring.
# Test: Xvfb and WebKitWebDriver for the end-to-end test, a keyring daemon and D-Bus for
# credential-store tests, poppler and imagemagick for looking at PDFs and screenshots.
packages_run=(build-essential pkg-config curl file libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev libdbus-1-dev)
packages_test=(xvfb webkit2gtk-driver dbus dbus-x11 gnome-keyring poppler-utils imagemagick postgresql)

install_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}

install_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    [ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
  fi
  if ! command -v cargo >/dev/null 2>&1; then
    echo "Installing Rust (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    . "$HOME/.cargo/env"
  fi
  rustup target list --installed | grep -qx wasm32-unknown-unknown \
    || rustup target add wasm32-unknown-unknown
  # A minimal rustup profile has neither; the test command needs both.
  command -v rustfmt >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1 \
    || rustup component add rustfmt clippy
}

# wasm-bindgen's CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
install_wasm_bindgen() {
  local wanted
  wanted="$(grep -A1 '^name = "wasm-bindgen"$' "$repo/Cargo.lock" | sed -n 's/^version = "\(.*\)"$/\1/p')"
  if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$wanted" ]; then
    echo "Installing wasm-bindgen-cli $wanted"
    # Not --locked: the registry mirror lacks one of its locked dependency versions.
    cargo install wasm-bindgen-cli --version "$wanted"
  fi
}

install_tauri_driver() {
  command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --version 2.1.0 --locked
}
