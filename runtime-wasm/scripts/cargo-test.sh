#!/usr/bin/env bash
# Rust tests of the engine (native build). Also regenerates ts/generated/ from the Rust types.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/patch-crates.sh
# The depth limits are calibrated for the optimised wasm build; the native debug build's
# frames are many times larger, so its test threads get a larger stack.
export RUST_MIN_STACK="${RUST_MIN_STACK:-67108864}"
cargo test --locked "$@"
