#!/usr/bin/env bash
# Builds the Leptos UI into ui/dist for the Tauri shell to embed, without trunk:
# cargo (wasm32, release) -> wasm-bindgen (--target web) -> copy the static files.
#
# Needs: rustup target wasm32-unknown-unknown, and the wasm-bindgen CLI at exactly the version
# Cargo.lock pins (the CLI and the library must agree, or the generated glue breaks at runtime):
#   cargo install wasm-bindgen-cli --version <that version>
# Respects CARGO_TARGET_DIR (default: <repo>/target). No wasm-opt: Debian's binaryen produced a
# module that loaded but never mounted.
set -euo pipefail

repo_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_dir="${CARGO_TARGET_DIR:-$repo_dir/target}"
dist_dir="$repo_dir/ui/dist"

fail() {
    echo "build-ui: $*" >&2
    exit 1
}

# Cargo.lock may be missing in a fresh clone; cargo creates it from the manifests.
if [[ ! -f "$repo_dir/Cargo.lock" ]]; then
    (cd "$repo_dir" && cargo generate-lockfile)
fi

# The lock file lists each package as `name = "..."` followed by `version = "..."`.
locked_version="$(awk '
    $0 == "name = \"wasm-bindgen\"" { found = 1; next }
    found && /^version = / { gsub(/"/, "", $3); print $3; exit }
' "$repo_dir/Cargo.lock")"
[[ -n "$locked_version" ]] || fail "Cargo.lock pins no wasm-bindgen version; is doorstep-ui a workspace member?"

command -v wasm-bindgen >/dev/null 2>&1 ||
    fail "wasm-bindgen is not installed. Install it with: cargo install wasm-bindgen-cli --version $locked_version"

# `wasm-bindgen --version` prints "wasm-bindgen 0.2.130" (sometimes followed by a commit hash).
installed_version="$(wasm-bindgen --version | awk '{ print $2 }')"
[[ "$installed_version" == "$locked_version" ]] ||
    fail "wasm-bindgen $installed_version is installed but Cargo.lock pins $locked_version. Install the matching CLI with: cargo install wasm-bindgen-cli --version $locked_version --force"

cd "$repo_dir"
# The workspace's release profile strips symbols, which on wasm also drops the
# `target_features` section wasm-bindgen reads to learn which Wasm features the module uses.
# Strip only debug info here (there is none in release), so the glue matches the module.
CARGO_PROFILE_RELEASE_STRIP=debuginfo \
    cargo build -p doorstep-ui --target wasm32-unknown-unknown --release

wasm_file="$target_dir/wasm32-unknown-unknown/release/doorstep_ui.wasm"
[[ -f "$wasm_file" ]] || fail "cargo did not produce $wasm_file"

# Generate beside the target, then copy into ui/dist only what changed: the shell embeds
# ui/dist at compile time, so touching unchanged files would rebuild the app every run.
staging_dir="$target_dir/ui-dist-staging"
rm -rf "$staging_dir"
mkdir -p "$staging_dir" "$dist_dir"
wasm-bindgen --target web --no-typescript --out-dir "$staging_dir" "$wasm_file"
cp "$repo_dir/ui/index.html" "$repo_dir/ui/style.css" "$repo_dir/ui/boot.js" "$staging_dir/"
for staged in "$staging_dir"/*; do
    name="$(basename "$staged")"
    cmp -s "$staged" "$dist_dir/$name" || cp "$staged" "$dist_dir/$name"
done
for present in "$dist_dir"/*; do
    [[ -e "$staging_dir/$(basename "$present")" ]] || rm -f "$present"
done

for expected in index.html boot.js style.css doorstep_ui.js doorstep_ui_bg.wasm; do
    [[ -f "$dist_dir/$expected" ]] || fail "ui/dist lacks $expected"
done
echo "build-ui: ui/dist is ready (wasm-bindgen $installed_version)"
