#!/usr/bin/env bash
# Rust tests of the engine (native build). Also regenerates ts/generated/ from the Rust types.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/patch-boa.sh
cargo test --locked "$@"
