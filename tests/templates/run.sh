#!/bin/sh
# run.sh - templates clerks make with real tools, rendered through -t:
#  1. the built-in template, exported and re-saved by LibreOffice (as .docx
#     and as .dotx), renders every example with the same text as the
#     built-in path, and `template check` finds nothing in it;
#  2. a python-docx template whose every tag is split over two or three
#     runs of different formatting, with spell-check marks, bookmarks, a
#     hyperlink and a tracked insertion inside tags, renders right, each
#     value in the formatting of the run holding its "{{";
#  3. a python-docx template with a statistics table whose row repeats,
#     standalone rows, a numbered list whose item repeats, two-paragraph
#     list items, tags in the header and the footer, and a paragraph loop
#     holding a page break renders as expected/structure.txt says, with one
#     page per commune;
#  4. broken templates (unclosed section, stray close, tag across
#     paragraphs, mismatched levels, tag holding a tab or a soft hyphen, a
#     filter) each give their
#     error id and place; `template check` lists them all in one run;
#     render refuses them and writes nothing; --annotate writes a copy with
#     a Word comment per error;
#  5. `template check` against data names what the data lacks and what no
#     tag uses; under a Vietnamese locale it speaks Vietnamese.
# Steps that need ../shared/tools (docx-validate, docx-render) are skipped
# with a message when it is absent.
# usage: tests/templates/run.sh BUILD_DIR SHARED_DIR
set -u
build=$1
shared=$2
tools=$shared/tools
bc=$(cd "$build" && pwd)/baocao
here=tests/templates
tools/ensure-deps.sh --cmd python3 docx lxml soffice || exit 1
py=/usr/bin/python3
have_tools=false
if [ -x "$tools/docx-validate" ]; then
    have_tools=true
    tools/ensure-deps.sh --cmd pdftoppm liberation || exit 1
elif [ -d "$shared" ]; then
    echo "test-templates: FAILED: $shared is here but $tools/docx-validate is not"
    exit 1
else
    echo "test-templates: SKIPPED: validation and page counts need $tools"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$build/templates-test
rm -rf "$out"
mkdir -p "$out"
. "$(dirname "$0")/../lib.sh"
same() { # same NAME EXPECTED GOT
    if cmp -s "$2" "$3"; then ok; else bad "$1"; diff "$2" "$3" | head -20; fi
}
text() { "$py" "$here/inspect_docx.py" text "$1"; }
soffice_to() { # soffice_to FILTER OUTDIR FILE
    soffice -env:UserInstallation="file://$tmp/lo-profile" --headless \
        --convert-to "$1" --outdir "$2" "$3" > "$tmp/soffice.log" 2>&1
}

"$py" "$here/make_templates.py" "$out" || { echo "FAIL: make_templates.py"; exit 1; }

# ---- 1. the built-in template through LibreOffice --------------------------
"$bc" template export -o "$out/mau.docx" || bad "template export"
mkdir -p "$out/lo"
soffice_to docx "$out/lo" "$out/mau.docx" && [ -s "$out/lo/mau.docx" ] ||
    bad "LibreOffice re-save (.docx): $(cat "$tmp/soffice.log")"
soffice_to "dotx:MS Word 2007 XML Template" "$out/lo" "$out/mau.docx" &&
    [ -s "$out/lo/mau.dotx" ] || bad "LibreOffice re-save (.dotx): $(cat "$tmp/soffice.log")"
for y in examples/*.yaml; do
    n=$(basename "$y" .yaml)
    "$bc" render "$y" -o "$out/$n.builtin.docx" 2> /dev/null || bad "$n: built-in render"
    text "$out/$n.builtin.docx" | grep -v '^[0-9]*$' > "$tmp/builtin.txt"
    for t in lo/mau.docx lo/mau.dotx; do
        "$bc" render "$y" -t "$out/$t" -o "$out/$n.$(basename "$t").docx" 2> "$tmp/err" ||
            { bad "$n: render -t $t"; cat "$tmp/err"; continue; }
        # the same text, but for the cached result of the PAGE field
        text "$out/$n.$(basename "$t").docx" | grep -v '^[0-9]*$' > "$tmp/lo.txt"
        same "$n: -t $t gives the built-in text" "$tmp/builtin.txt" "$tmp/lo.txt"
    done
done
check "template check: LibreOffice's copy is clean" \
    "$bc" template check "$out/lo/mau.docx" examples/cam-vu-2023.yaml > /dev/null 2> "$tmp/err"
grep -q ': error: \|: warning: ' "$tmp/err" && { bad "LibreOffice's copy has findings"; cat "$tmp/err"; }

# ---- 2. split tags --------------------------------------------------------------
if "$bc" render "$here/data.yaml" -t "$out/split.docx" -o "$out/split.out.docx" 2> "$tmp/err"; then
    ok
    text "$out/split.out.docx" > "$tmp/got"
    same "split tags: text" "$here/expected/split.txt" "$tmp/got"
    "$py" "$here/inspect_docx.py" runs "$out/split.out.docx" > "$tmp/got"
    same "split tags: each value in the formatting of its {{ run" \
        "$here/expected/split-runs.txt" "$tmp/got"
else
    bad "split tags: render"; cat "$tmp/err"
fi

# ---- 3. tables, lists, header and footer, pages -----------------------------------
if "$bc" render "$here/data.yaml" -t "$out/structure.docx" -o "$out/structure.out.docx" 2> "$tmp/err"; then
    ok
    text "$out/structure.out.docx" > "$tmp/got"
    same "structure: text" "$here/expected/structure.txt" "$tmp/got"
else
    bad "structure: render"; cat "$tmp/err"
fi
check "structure: twice, the same bytes" sh -c \
    "'$bc' render '$here/data.yaml' -t '$out/structure.docx' -o '$tmp/again.docx' 2>/dev/null &&
     cmp -s '$tmp/again.docx' '$out/structure.out.docx'"

if $have_tools; then
    if "$tools/docx-validate" "$out"/*.out.docx "$out"/*.mau.docx.docx \
        "$out"/*.mau.dotx.docx > "$tmp/val" 2>&1; then ok; else bad "docx-validate"; cat "$tmp/val"; fi
    "$tools/docx-render" --no-png -o "$out/render" "$out/structure.out.docx" \
        > "$tmp/render.log" 2>&1 || bad "docx-render: $(cat "$tmp/render.log")"
    # the tables and lists on page 1, then one page per commune (2)
    pages=$(sed -n 's/.*: pages //p' "$tmp/render.log")
    if [ "$pages" = 3 ]; then ok; else bad "structure: $pages pages, want 3"; fi
fi

# ---- 4. broken templates -------------------------------------------------------------
while read -r name id place; do
    f=$out/broken-$name.docx
    err=$out/broken-$name.err
    check "$name: template check exits 1" sh -c "! '$bc' template check '$f' > '$tmp/o' 2> '$tmp/e'"
    if grep -q "word/document.xml: $place: error: .*\[$id\]" "$tmp/e"; then ok; else
        bad "$name: no [$id] at '$place'"; cat "$tmp/e"; fi
    check "$name: a hint follows" grep -q "^baocao:   hint: " "$tmp/e"
    cp "$tmp/e" "$err"
    check "$name: render exits 1" sh -c "! '$bc' render '$here/data.yaml' -t '$f' -o '$tmp/no.docx' 2>/dev/null"
    check "$name: render wrote nothing" test ! -e "$tmp/no.docx"
done < "$out/broken.txt"
check "soft hyphen: named, not a tab" grep -q "holds a soft hyphen" "$out/broken-soft-hyphen.err"
check "filter: says filters are not supported" grep -q "filters (\`|\`" "$out/broken-filter.err"
"$bc" template check "$out/broken-all.docx" --annotate "$out/annotated.docx" > /dev/null 2> "$tmp/e"
for id in $(cut -d' ' -f2 "$out/broken.txt"); do
    if grep -q "\[$id\]" "$tmp/e"; then ok; else bad "all at once: no [$id]"; fi
done
n=$(grep -c ': error: ' "$tmp/e")
[ "$n" -ge 5 ] && ok || bad "all at once: $n errors"
"$py" "$here/inspect_docx.py" comments "$out/annotated.docx" > "$tmp/c"
[ "$(grep -c '^\[T0' "$tmp/c")" = "$n" ] && ok || bad "--annotate: $(wc -l < "$tmp/c") comments for $n errors"
"$bc" template check "$out/annotated.docx" > /dev/null 2> "$tmp/e2"
[ "$(grep -c ': error: ' "$tmp/e2")" = "$n" ] && ok || bad "the annotated copy checks the same"
if $have_tools; then
    check "--annotate: valid" "$tools/docx-validate" "$out/annotated.docx"
fi

# ---- 5. template check against data ---------------------------------------------------
check "template check --help exits 0" sh -c "'$bc' template check --help > /dev/null"
check "template check without a file exits 2" sh -c "'$bc' template check 2> /dev/null; [ \$? = 2 ]"
check "template check: a missing file exits 1" sh -c "'$bc' template check '$tmp/none.docx' > /dev/null 2>&1; [ \$? = 1 ]"
check "template check: built-in and example data exit 0" sh -c \
    "'$bc' template check '$out/mau.docx' examples/cam-vu-2023.yaml > /dev/null 2>&1"
printf 'co_quan: UBND xã A\nky_hieu_co_quan: UBND\ndia_danh: A\ntrich_yeu: T\nnoi_dung: x\nnoi_nhan: [a]\nnguoi_ky: {chuc_danh: B, ho_ten: C}\nthua: 1\nthong_ke: [{Ten: a}]\n' \
    > "$tmp/d.yaml"
"$bc" template check --notes "$out/structure.docx" "$tmp/d.yaml" > /dev/null 2> "$tmp/e"
check "data: a missing name, with a suggestion" grep -q "body, table 1, row 2, cell 2: error: \`{{ten}}\`: .*\`Ten\`.*\[T012\]" "$tmp/e"
check "data: an unused key, at its line (a note)" grep -q "d.yaml:8:1: note: \`thua\`.*\[T013\]" "$tmp/e"
"$bc" template check "$out/structure.docx" "$tmp/d.yaml" > /dev/null 2> "$tmp/e2"
check "data: notes only with --notes" sh -c '! grep -q "T013" "$1"' _ "$tmp/e2"
# the exported built-in template checks clean against a full report:
# its optional sections are notes, and notes do not count
"$bc" template export -o "$tmp/builtin.docx"
check "built-in template against an example: exit 0" sh -c '"$1" template check "$2" "$3" > /dev/null 2> "$4"' _ "$bc" "$tmp/builtin.docx" "examples/cam-vu-2023.yaml" "$tmp/e3"
check "built-in template against an example: nothing printed" test ! -s "$tmp/e3"

if ensure_vi; then
    env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=vi_VN.UTF-8 \
        "$bc" template check "$out/broken-levels.docx" > "$tmp/o" 2> "$tmp/e"
    check "Vietnamese: same id" grep -q "\[T006\]" "$tmp/e"
    check "Vietnamese: place in Vietnamese" grep -q "thân văn bản, đoạn 2" "$tmp/e"
    check "Vietnamese: no English message" sh -c "! grep -q 'error: \|different levels\|hint:' '$tmp/e'"
else
    echo "test-templates: SKIPPED: Vietnamese messages (no vi_VN.UTF-8 locale, and not root to make it)"
fi

tally "template checks"
