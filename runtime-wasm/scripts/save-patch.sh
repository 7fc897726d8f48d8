#!/usr/bin/env bash
# For whoever writes a patch to a vendored crate:
#   1. `git init` .patched/<crate> as scripts/patch-crates.sh left it and commit it
#      (patch-crates.sh then leaves that folder alone);
#   2. edit it; 3. run: scripts/save-patch.sh <crate> <patches/<crate>-<version>/NN-name.patch> <header.txt> [pathspec…]
# which writes the patch: the header (what it changes and why), then the diff against
# that first commit (or against BASE=<rev>, for a patch that goes on top of others you
# committed there), limited to the pathspecs if given (one concern per patch file).
# Then remove .patched/<crate>/.git so builds materialise it again.
set -euo pipefail
crate=$1 out=$2 header=$3
shift 3
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here/.patched/$crate"
git add -A
{ cat "$header"; git diff --cached --src-prefix=a/ --dst-prefix=b/ "${BASE:-$(git rev-list --max-parents=0 HEAD)}" -- "${@:-.}"; } > "$here/$out"
echo "wrote $out ($(grep -c '^diff --git' "$here/$out") files)"
