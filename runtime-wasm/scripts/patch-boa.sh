#!/usr/bin/env bash
# Materialises the patched boa_engine that Cargo.toml's [patch] points to:
# the pinned crate from crates.io (checksum-verified by cargo) plus our patch.
# Why: Boa 0.22 drops uncatchable errors (recursion limit, instruction budget)
# raised after an `await`; see patches/boa_engine-0.22.0.patch.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/.patched/boa_engine"
patch_file="$here/patches/boa_engine-0.22.0.patch"
stamp="$dest/.tana-patch.sha256"
want="$(sha256sum "$patch_file" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then exit 0; fi

cargo fetch --quiet --manifest-path "$here/patches/fetch/Cargo.toml"
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
crate_file="$(ls "$cargo_home"/registry/cache/*/boa_engine-0.22.0.crate | head -n1)"
rm -rf "$dest" && mkdir -p "$dest"
tar -xzf "$crate_file" -C "$dest" --strip-components=1
patch --quiet -p1 -d "$dest" < "$patch_file"
echo "$want" > "$stamp"
echo "patched boa_engine 0.22.0 -> ${dest#$here/}"
