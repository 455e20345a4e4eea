#!/bin/sh
# run.sh - the .docx reader of `baocao nhap` (import/import_docx.c)
# through the test tool import-dump (tests/tools/import-dump.c):
#  1. every report of examples/ rendered by baocao and read back: no text
#     lost, the header table first and without borders, "BÁO CÁO" a bold
#     centred paragraph, "Nơi nhận:" bold italic, markup that reads back;
#  2. every Word file of ../shared/docx-corpus: no crash, no hang (a time
#     limit per file), a located error for each file it refuses, and for
#     each file it reads every character of the document's text in its
#     output (check.py says how this is compared). Skipped, with a
#     "SKIPPED: ..." line, when the corpus is absent.
# In `make test` and `make test-corpus` (about 20 s with the corpus).
# usage: tests/import-corpus/run.sh BUILD_DIR SHARED_DIR
set -u
build=$1
shared=$2
corpus=$shared/docx-corpus
dump=$build/tools/import-dump
here=$(dirname "$0")
. "$here/../lib.sh"
tools/ensure-deps.sh --cmd python3 lxml || exit 1
if [ ! -x "$dump" ] || [ ! -x "$build/baocao" ]; then
    echo "test-import-corpus: FAILED: $dump or $build/baocao is not built"
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. baocao's own reports read back
mkdir -p "$tmp/examples"
for y in examples/*.yaml; do
    n=$(basename "$y" .yaml)
    if ! "$build/baocao" render "$y" -o "$tmp/examples/$n.docx" > /dev/null 2>&1; then
        bad "$n: render failed"
        continue
    fi
    if ! "$dump" -c "$tmp/examples/$n.docx" > "$tmp/$n.txt" 2> "$tmp/$n.err"; then
        bad "$n: import-dump failed: $(head -3 "$tmp/$n.err")"
        continue
    fi
    check "$n: the header table first, without borders" \
        sh -c "head -1 '$tmp/$n.txt' | grep -q '^T	1	2	2	0$'"
    check "$n: BÁO CÁO bold and centred" grep -q '^P	[0-9]*	Cb	BÁO CÁO$' "$tmp/$n.txt"
    check "$n: Nơi nhận: bold italic" grep -q '^C	1	1	[0-9]*	Lbi	Nơi nhận:$' "$tmp/$n.txt"
done
if /usr/bin/python3 "$here/check.py" "$dump" "$tmp/examples" 20 > "$tmp/examples.log"; then
    ok
else
    bad "examples read back: $(grep FAIL "$tmp/examples.log" | head -5)"
fi
tally "import examples" || exit 1

# 2. the corpus
if [ ! -d "$corpus" ]; then
    echo "test-import-corpus: SKIPPED: the corpus ($corpus) is not here"
    exit 0
fi
exec nice /usr/bin/python3 "$here/check.py" "$dump" "$corpus" "${IMPORT_TIME_LIMIT:-20}"
