#!/usr/bin/env bash
# The system tools the suites and the engine build need, in one place (`npm test`, `npm run
# build:engine` and .ci/run call it). For each: use it if present; install it when running as
# root (apt-get, or cargo for wasm-bindgen-cli); otherwise stop with one line that names what is
# missing and the command that installs it.
#
#   bash scripts/provision.sh [--check] [test] [engine]
#     test     what `npm test` needs: Chromium (browser suites), PostgreSQL (ledger on PostgreSQL),
#              cargo and rustc (the engine's Rust tests)
#     engine   what rebuilding the .wasm needs: Debian's rustc-web and rust-web-src, lld, and the
#              wasm-bindgen-cli version pinned in wasm-pack.toml
#     --check  never install: report what is missing and fail
set -euo pipefail
cd "$(dirname "$0")/.."

check_only=false
groups=()
for arg in "$@"; do
  case "$arg" in
    --check) check_only=true ;;
    test | engine) groups+=("$arg") ;;
    -h | --help)
      sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "provision: unknown argument '$arg' (expected test, engine or --check)" >&2
      exit 2
      ;;
  esac
done
[ ${#groups[@]} -gt 0 ] || groups=(test)

has() { command -v "$1" >/dev/null 2>&1; }
chromium_path=${CHROMIUM_PATH:-/usr/bin/chromium}
have_chromium() { [ -x "$chromium_path" ]; }
have_postgres() { has postgres || compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }
have_cargo() { has cargo && has rustc; }
have_debian_rustc() { [ -x /usr/bin/rustc ]; }
have_rust_src() { dpkg -s rust-web-src >/dev/null 2>&1; }
have_lld() { has wasm-ld || has ld.lld; }
bindgen_version=$(grep -E '^version' wasm-pack.toml | head -1 | cut -d'"' -f2)
have_bindgen() { wasm-bindgen --version 2>/dev/null | grep -qF "$bindgen_version"; }

# prerequisite: name | check | Debian package
prerequisites=()
for group in "${groups[@]}"; do
  case "$group" in
    test) prerequisites+=("chromium|have_chromium|chromium" "postgresql|have_postgres|postgresql" "cargo|have_cargo|cargo-web") ;;
    engine) prerequisites+=("cargo|have_cargo|cargo-web" "rustc-web|have_debian_rustc|rustc-web" "rust-web-src|have_rust_src|rust-web-src" "lld|have_lld|lld") ;;
  esac
done

missing=()
for entry in "${prerequisites[@]}"; do
  IFS='|' read -r name check package <<<"$entry"
  if ! "$check" && [[ " ${missing[*]} " != *" $package "* ]]; then missing+=("$package"); fi
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$check_only" = true ] || [ "$(id -u)" -ne 0 ]; then
    echo "missing: ${missing[*]} — install with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "provision: installing ${missing[*]} (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  for entry in "${prerequisites[@]}"; do
    IFS='|' read -r name check package <<<"$entry"
    if ! "$check"; then
      echo "provision: $name is still missing after installing $package" >&2
      exit 1
    fi
  done
fi

if [[ " ${groups[*]} " == *" engine "* ]] && ! have_bindgen; then
  if [ "$check_only" = true ]; then
    echo "missing: wasm-bindgen-cli $bindgen_version — install with: cargo install wasm-bindgen-cli --version =$bindgen_version" >&2
    exit 1
  fi
  echo "provision: installing wasm-bindgen-cli $bindgen_version (cargo install)" >&2
  cargo install wasm-bindgen-cli --version "=$bindgen_version" --quiet
fi

names=()
for entry in "${prerequisites[@]}"; do [[ " ${names[*]} " == *" ${entry%%|*} "* ]] || names+=("${entry%%|*}"); done
[[ " ${groups[*]} " == *" engine "* ]] && names+=("wasm-bindgen-cli")
echo "prerequisites present: ${names[*]}" >&2
