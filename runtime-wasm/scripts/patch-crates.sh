#!/usr/bin/env bash
# Materialises the patched crates that Cargo.toml's [patch.crates-io] points to:
# for each patches/<crate>-<version>/ folder, the pinned crate from crates.io
# (checksum-verified by cargo) plus that folder's *.patch files, in name order.
# Each patch says at its top what it changes and why.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
fetched=0
for dir in "$here"/patches/*-[0-9]*/; do
  dir="${dir%/}"
  crate_version="$(basename "$dir")"
  crate="${crate_version%-*}"
  dest="$here/.patched/$crate"
  stamp="$dest/.tana-patch.sha256"
  # A folder under git is a patch being written (scripts/save-patches.sh): never overwrite it.
  if [ -d "$dest/.git" ]; then echo "keeping $crate: .patched/$crate is a patch in progress"; continue; fi
  want="$(cat "$dir"/*.patch | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then continue; fi
  if [ "$fetched" = 0 ]; then
    cargo fetch --quiet --manifest-path "$here/patches/fetch/Cargo.toml"
    fetched=1
  fi
  crate_file="$(ls "$cargo_home"/registry/cache/*/"$crate_version.crate" | head -n1)"
  rm -rf "$dest" && mkdir -p "$dest"
  tar -xzf "$crate_file" -C "$dest" --strip-components=1
  for p in "$dir"/*.patch; do
    patch --quiet -p1 -d "$dest" < "$p"
  done
  echo "$want" > "$stamp"
  echo "patched $crate_version -> ${dest#$here/} ($(ls "$dir"/*.patch | wc -l) patches)"
done
