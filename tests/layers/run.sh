#!/bin/sh
# run.sh - the layer check catches what it is for: a copy of generator/
# passes it, and the same copy with one deliberate wrong include (a lower
# layer reaching up, a header named without its layer, a folder that is no
# layer) fails it, naming the file and the line.
# usage: tests/layers/run.sh
set -u
. "$(dirname "$0")/../lib.sh"
layers=$(sed -n 's/^LAYERS = //p' Makefile)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

copy() { rm -rf "$tmp/g"; cp -r generator "$tmp/g"; }
# fails WHAT EXPECTED: the check of the copy exits 1 and prints EXPECTED
fails() {
    if tools/check-layers.sh "$tmp/g" $layers > "$tmp/out" 2>&1; then
        bad "$1: the check passed"
    elif grep -q -- "$2" "$tmp/out"; then
        ok
    else
        bad "$1: the check did not say: $2"; cat "$tmp/out"
    fi
}

copy
if tools/check-layers.sh "$tmp/g" $layers > "$tmp/out" 2>&1; then ok; else bad "the tree as it is"; cat "$tmp/out"; fi

copy
printf '#include "report/report.h"\n' >> "$tmp/g/base/buf.c"
fails "base including report" "g/base/buf.c:[0-9]*: \"report/report.h\": the base layer may not include the higher report layer"

copy
printf '#include "wml/wml.h"\n' >> "$tmp/g/package/opc.h"
fails "package including wml" "the package layer may not include the higher wml layer"

copy
printf '#include "report/layout.h"\n' >> "$tmp/g/wml/wml_regions.c"
fails "wml including the report's layout" "the wml layer may not include the higher report layer"

copy
printf '#include "buf.h"\n' >> "$tmp/g/input/csv.c"
fails "a header without its layer" "include a header by its layer's path"

copy
mkdir -p "$tmp/g/extra" && printf '/* x */\n' > "$tmp/g/extra/x.c"
fails "a folder that is no layer" "is not a layer"

copy
printf '#include "app/batch.h"\n' >> "$tmp/g/app/render.c"
if tools/check-layers.sh "$tmp/g" $layers > /dev/null 2>&1; then ok; else bad "a file including its own layer failed"; fi

tally "layer checks"
