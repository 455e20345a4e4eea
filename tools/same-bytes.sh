#!/bin/sh
# same-bytes.sh - every .docx the test suites and examples/ produce, made by
# this checkout and by a reference commit, compared byte for byte.
#
# usage: tools/same-bytes.sh [REF] [SHARED_DIR]
#   REF         the commit to compare against (default: $SAME_BYTES_REF,
#               else the commit the source-tree restructuring started from)
#   SHARED_DIR  ../shared by default (the suites skip what needs it)
#
# Both trees are built in a scratch folder. Each runs the same script
# suites (tests/cli, docx, templates, i18n of *this* checkout, so both
# answer the same commands) through a wrapper `baocao` that copies every
# .docx a command writes (render -o / its default output, batch -o DIR,
# template export -o, template check --annotate) into a numbered
# collection; the unit tests' own outputs (BUILD/test-out, test-batch),
# the examples and the bench-peers batch are added. Exit 0 when the two
# collections are identical, else 1 with the files that differ.
#
# Not part of `make test`: later work changes the output on purpose.
set -eu
ref=${1:-${SAME_BYTES_REF:-ba3019eded43fda7b32f9c2a72b5316cf6217c4d}}
shared=${2:-../shared}
src=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/same-bytes.XXXXXX")
trap 'git -C "$src" worktree remove --force "$work/ref-tree" 2>/dev/null || true; [ -n "${SAME_BYTES_KEEP:-}" ] || rm -rf "$work"' EXIT
shared_abs=$(cd "$shared" 2>/dev/null && pwd || echo "$src/$shared")

echo "same-bytes: reference $(git rev-parse --short "$ref"), scratch $work"
git worktree add --detach -q "$work/ref-tree" "$ref"

# build TREE: the program and the unit tests in TREE/build-same-bytes
# (a relative BUILD, as every Makefile of the history takes it), the unit
# tests' outputs made
build() {
    (cd "$1" && rm -rf build-same-bytes &&
        make -s BUILD=build-same-bytes all > "$work/build-$2.log" 2>&1 &&
        make -s BUILD=build-same-bytes test-unit SHARED="$shared_abs" \
            >> "$work/build-$2.log" 2>&1) ||
        { echo "same-bytes: build or unit tests failed in $1 (see $work/build-$2.log)"; exit 1; }
}

# collect NAME TREE BUILD_DIR: every output of the suites into $work/NAME
collect() {
    name=$1 tree=$2 bdir=$3
    out=$work/$name
    wrap=$work/wrap-$name
    mkdir -p "$out" "$wrap"
    ln -sfn "$bdir/locale" "$wrap/locale"
    cat > "$wrap/baocao" <<EOF
#!/bin/sh
# the real program, then a copy of what it wrote
"$bdir/baocao" "\$@"
rc=\$?
n=\$(cat "$out/.count" 2>/dev/null || echo 0); n=\$((n + 1)); echo \$n > "$out/.count"
cmd=\$1; target=""; input=""; shift
while [ \$# -gt 0 ]; do
    case "\$1" in
        -o|--output|--annotate) target=\$2; shift ;;
        -t|--template|-j|--jobs|--ten) shift ;;
        -*) ;;
        *) [ -n "\$input" ] || input=\$1 ;;
    esac
    shift
done
if [ "\$cmd" = render ] && [ -z "\$target" ] && [ -n "\$input" ]; then
    target=\${input%.*}.docx
fi
if [ "\$cmd" = batch ] && [ -z "\$target" ]; then target=out; fi
if [ -n "\$target" ] && [ "\$target" != - ]; then
    if [ -d "\$target" ]; then
        mkdir -p "$out/\$n-\$cmd"
        (cd "\$target" && find . -name '*.docx' -print0 | tar --null -T - -cf -) |
            (cd "$out/\$n-\$cmd" && tar -xf -)
    elif [ -f "\$target" ]; then
        cp "\$target" "$out/\$n-\$cmd-\$(basename "\$target")"
    fi
fi
exit \$rc
EOF
    chmod +x "$wrap/baocao"
    for s in cli docx templates i18n; do
        if [ -x "$src/tests/$s/run.sh" ]; then
            (cd "$src" && tests/$s/run.sh "$wrap" "$shared_abs" > "$work/$name-$s.log" 2>&1) || true
        fi
    done
    rm -f "$out/.count"
    for d in test-out test-batch; do
        [ -d "$bdir/$d" ] || continue
        mkdir -p "$out/unit-$d"
        (cd "$bdir/$d" && find . -name '*.docx' -print0 | tar --null -T - -cf -) |
            (cd "$out/unit-$d" && tar -xf -)
    done
    mkdir -p "$out/examples"
    for y in "$src"/examples/*.yaml; do
        "$bdir/baocao" render "$y" -o "$out/examples/$(basename "$y" .yaml).docx" 2>/dev/null || true
    done
    data=$work/peers/data/baocao-200.yaml
    if [ -f "$data" ]; then
        "$bdir/baocao" batch "$data" -o "$out/bench-200" -j 2 > /dev/null 2>&1 || true
    fi
    find "$out" -name '*.docx' | wc -l
}

# the bench-peers batch of 200 reports, when ../shared has it
if [ -f "$shared_abs/bench-peers/gen_data.py" ] && [ -x /usr/bin/python3 ]; then
    cp -r "$shared_abs/bench-peers" "$work/peers" && chmod -R u+w "$work/peers"
    (cd "$work/peers" && /usr/bin/python3 gen_data.py > /dev/null &&
        /usr/bin/python3 to_baocao.py data/communes-200.json > data/baocao-200.yaml) ||
        echo "same-bytes: the bench-peers data could not be made; left out"
fi

build "$work/ref-tree" ref
build "$src" new
nref=$(collect ref "$work/ref-tree" "$work/ref-tree/build-same-bytes")
nnew=$(collect new "$src" "$src/build-same-bytes")
rm -rf "$src/build-same-bytes"
echo "same-bytes: $nref files from the reference, $nnew from this checkout"
if diff -r -q "$work/ref" "$work/new" > "$work/diff.txt"; then
    echo "same-bytes: identical"
    exit 0
fi
echo "same-bytes: DIFFERENT"
head -40 "$work/diff.txt"
exit 1
