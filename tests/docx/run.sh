#!/bin/sh
# run.sh - end-to-end checks of generated documents with the reference
# tools in ../shared/tools (skipped when ../shared is absent):
#   - every example renders, twice, to the same bytes;
#   - every file passes docx-validate (OOXML schemas, package rules);
#   - no "{{" survives in any part's text;
#   - LibreOffice converts each to PDF whose only fonts are Liberation
#     Serif / Times New Roman; page 1 carries no page number, page 2 shows 2
#     (numbered again from 1 in each appendix, whose first page shows none);
#   - the exported built-in template validates and renders too;
#   - docs/baocao.schema.json validates the examples and rejects a
#     misspelled reserved key (python3-jsonschema);
#   - the signature block never stands alone on a page: bodies ending near
#     the foot of page 1 with a table, with a paragraph, and followed by a
#     template's own paragraphs, each with its last line on the signer's
#     page (tests/docx/keep_cases.py).
# usage: tests/docx/run.sh BUILD_DIR SHARED_DIR
set -u
build=$1
shared=$2
tools=$shared/tools
if [ ! -x "$tools/docx-validate" ]; then
    if [ -d "$shared" ]; then
        echo "test-docx: FAILED: $shared is here but $tools/docx-validate is not"
        exit 1
    fi
    echo "test-docx: SKIPPED: the document checks need $tools (docx-validate, docx-render)"
    exit 0
fi
tools/ensure-deps.sh --cmd python3 soffice pdftoppm pdffonts pdftotext lxml liberation jsonschema yaml || exit 1

out=$build/docx-test
rm -rf "$out"
mkdir -p "$out"
. "$(dirname "$0")/../lib.sh"

for y in examples/*.yaml; do
    n=$(basename "$y" .yaml)
    if "$build/baocao" render "$y" -o "$out/$n.docx" && "$build/baocao" render "$y" -o "$out/$n.again.docx"; then
        ok
        if cmp -s "$out/$n.docx" "$out/$n.again.docx"; then ok; else bad "$n: two renders differ"; fi
        rm -f "$out/$n.again.docx"
    else
        bad "$n: render failed"
    fi
done
"$build/baocao" template export -o "$out/template-bao-cao.docx" && ok || bad "template export failed"

if "$tools/docx-validate" "$out"/*.docx; then ok; else bad "docx-validate"; fi
# what the unit tests rendered (long names, batches from a list and a CSV)
if [ -n "$(find "$build/test-out" "$build/test-batch" -name '*.docx' 2>/dev/null)" ]; then
    if find "$build/test-out" "$build/test-batch" -name '*.docx' -exec "$tools/docx-validate" {} + ; then
        ok
    else
        bad "docx-validate (unit test outputs)"
    fi
fi

for f in "$out"/*.docx; do
    case "$f" in *template-*) continue ;; esac
    if "$tools/docx-text" --all "$f" | grep -q '{{'; then bad "$f: a {{ tag survived"; else ok; fi
done

render=$out/render
"$tools/docx-render" -o "$render" "$out"/*.docx > "$out/render.log" 2>&1 || bad "docx-render: $(grep error "$out/render.log")"
for f in "$out"/*.docx; do
    case "$f" in *template-*) continue ;; esac
    n=$(basename "$f" .docx)
    fonts=$(grep "^$f: font " "$out/render.log" | sed 's/.*: font //' | sort -u)
    others=$(printf '%s\n' "$fonts" | grep -v -E '^(LiberationSerif|Liberation Serif|TimesNewRoman|Times New Roman)' | grep -v '^$')
    if [ -n "$fonts" ] && [ -z "$others" ]; then ok; else bad "$n: fonts in PDF: $(echo $fonts)"; fi
    pages=$(grep "^$f: pages " "$out/render.log" | sed 's/.*: pages //')
    pdf=$render/$n.pdf
    # every page after the first shows its number first, counted from 1 in
    # each section: an appendix's first page (it starts with "Phụ lục")
    # shows none, and the pages after it count from 2 again
    want=2
    p=2
    while [ "$p" -le "${pages:-0}" ]; do
        top=$(pdftotext -f "$p" -l "$p" "$pdf" - | grep -v '^[[:space:]]*$' | head -n 1 | tr -d '[:space:]')
        case "$top" in
            Phụlục*) want=2; ok ;;
            *) if [ "$top" = "$want" ]; then ok; else bad "$n: page $p starts with '$top', not the page number $want"; fi
               want=$((want + 1)) ;;
        esac
        p=$((p + 1))
    done
    first1=$(pdftotext -f 1 -l 1 "$pdf" - | grep -v '^[[:space:]]*$' | head -n 1 | tr -d '[:space:]')
    case "$first1" in
        1) bad "$n: page 1 shows a page number" ;;
        *) ok ;;
    esac
done
# the JSON Schema: every example and fixture batch validates, a misspelled
# reserved key does not
if /usr/bin/python3 "$(dirname "$0")/schema_check.py" docs/baocao.schema.json examples/*.yaml \
    tests/fixtures/batch/inline.yaml tests/fixtures/batch/many.yaml tests/fixtures/batch/csv.yaml \
    tests/fixtures/batch/tong-hop.yaml examples/tinh/tinh.yaml; then
    ok
else
    bad "docs/baocao.schema.json against the inputs"
fi

# the end of the body and the signature on one page
keep=$out/keep
mkdir -p "$keep"
python3 "$(dirname "$0")/keep_cases.py" "$build/baocao" "$keep"
for y in "$keep"/*.yaml; do
    n=$(basename "$y" .yaml)
    "$build/baocao" render "$y" -o "$keep/$n.docx" 2>/dev/null || bad "$n: render failed"
    case $n in
        para-*) "$build/baocao" render "$y" -t "$keep/template-extra.docx" \
                    -o "$keep/$n-extra.docx" 2>/dev/null || bad "$n: render with a template failed" ;;
    esac
done
"$tools/docx-render" -o "$keep/render" "$keep"/*-[0-9]*.docx > "$keep/render.log" 2>&1 ||
    bad "docx-render (keep cases): $(grep error "$keep/render.log")"
moved=0
for f in "$keep"/*-[0-9]*.docx; do
    n=$(basename "$f" .docx)
    pages=$(grep "^$f: pages " "$keep/render.log" | sed 's/.*: pages //')
    last=""
    signer=""
    p=1
    while [ "$p" -le "${pages:-0}" ]; do
        text=$(pdftotext -f "$p" -l "$p" "$keep/render/$n.pdf" -)
        case $n in
            *-extra) want="kính báo cáo" ;;
            *) want="Dòng cuối" ;;
        esac
        if printf '%s' "$text" | grep -q "$want"; then last=$p; fi
        if printf '%s' "$text" | grep -q "Nguyễn Văn Ký"; then signer=$p; fi
        p=$((p + 1))
    done
    if [ -n "$last" ] && [ "$last" = "$signer" ]; then ok; else bad "$n: the body ends on page ${last:-?}, the signer is on page ${signer:-?}"; fi
    [ "${pages:-0}" -ge 2 ] && moved=$((moved + 1))
done
# the cases straddle the foot of page 1 (some fit on it, some do not)
if [ "$moved" -gt 0 ]; then ok; else bad "keep cases: none reaches page 2"; fi

tally "docx end-to-end checks"
