#!/bin/sh
# run.sh - the command-line contract (spec cli.md): exit codes, message
# form "baocao: file:line:col: error: ...", no output file on failure,
# -o -, default output names, template list/export and -t.
# usage: tests/cli/run.sh BUILD_DIR
set -u
bc=$(cd "$1" && pwd)/baocao
src=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../lib.sh"
no_files() { # no file in $tmp/outdir at all (no partial, no temporary)
    [ -z "$(ls -A "$tmp/outdir" 2>/dev/null)" ] || { echo "  left behind: $(ls -A "$tmp/outdir")"; return 1; }
}

check "--help exits 0" status 0 "$bc" --help
check "--help prints usage" grep -q "render REPORT.yaml" "$tmp/out"
check "--version exits 0" status 0 "$bc" --version
check "render --help exits 0" status 0 "$bc" render --help
check "no command exits 2" status 2 "$bc"
check "unknown command exits 2" status 2 "$bc" frobnicate
check "unknown option exits 2" status 2 "$bc" render x.yaml --frob
check "render without a file exits 2" status 2 "$bc" render

good=$src/examples/cam-vu-2023.yaml
mkdir -p "$tmp/outdir"
# bad inputs: exit 1, a located message, nothing written
bad_input() { # bad_input NAME YAML-TEXT EXPECTED-MESSAGE
    printf '%b' "$2" > "$tmp/bad.yaml"
    check "$1: exit 1" status 1 "$bc" render "$tmp/bad.yaml" -o "$tmp/outdir/out.docx"
    check "$1: message" has_err "$3"
    check "$1: no output file" no_files
}
base='co_quan: Ủy ban nhân dân xã A\nky_hieu_co_quan: UBND\ndia_danh: A\ntrich_yeu: T\nnoi_nhan: [a]\nnguoi_ky: {chuc_danh: Chủ tịch, ho_ten: B}\n'
bad_input "yaml syntax" "${base}noi_dung: [x\n" "baocao: $tmp/bad.yaml:7:11: error: the list opened here with \`\[\` is not closed"
bad_input "impossible date" "${base}noi_dung: x\nngay: 2023-02-30\n" "bad.yaml:8:7: error: \`ngay\` 2023-02-30 is not a real date"
bad_input "missing tag" "${base}noi_dung: Có {{so_lieu.x}} buổi\n" 'bad.yaml:7:14: error: `{{so_lieu.x}}`: no value for `so_lieu.x`'
bad_input "missing key" "ky_hieu_co_quan: UBND\n" "bad.yaml:1:1: error: missing required key \`co_quan\`"
bad_input "invalid UTF-8" "${base}noi_dung: ab\\0377\n" "bad.yaml:7:13: error: invalid UTF-8"
bad_input "control character" "${base}noi_dung: \"a\\\\x07\"\n" "U+0007"
bad_input "out-of-range period" "${base}noi_dung: x\nky_bao_cao: {nam: 2023, thang: 13}\n" "bad.yaml:8:32: error:"
bad_input "so_thang 12" "${base}noi_dung: x\nky_bao_cao: {nam: 2023, so_thang: 12}\n" "bad.yaml:8:35: error: \`ky_bao_cao.so_thang\` must be a number from 1 to 11"
bad_input "two kinds of period" "${base}noi_dung: x\nky_bao_cao: {nam: 2023, quy: 1, nua: 1}\n" "bad.yaml:8:30: error: \`ky_bao_cao\` takes only one of"
bad_input "unknown period key" "${base}noi_dung: x\nky_bao_cao: {nam: 2023, chin_thang: true}\n" "bad.yaml:8:25: error: \`ky_bao_cao\` has no key \`chin_thang\`"
bad_input "cut-off not a date" "${base}noi_dung: x\nky_bao_cao: {nam: 2023, den_ngay: 14/12/2023}\n" "bad.yaml:8:35: error: \`ky_bao_cao.den_ngay\` must be a date"
# the YAML slips clerks make, each in words they can act on
printf 'co_quan: Ủy ban nhân dân xã A\nky_hieu_co_quan: UBND\ndia_danh: A\ntrich_yeu: T\nnguoi_ky: {chuc_danh: Chủ tịch, ho_ten: B}\nnoi_dung: x\n' > "$tmp/slip-base.yaml"
slip() { # slip NAME TEXT-AFTER-BASE EXPECTED
    { cat "$tmp/slip-base.yaml"; printf '%b' "$2"; } > "$tmp/slip.yaml"
    check "$1: exit 1" status 1 "$bc" render "$tmp/slip.yaml" -o "$tmp/outdir/slip.docx"
    check "$1: message" has_err "$3"
    check "$1: no output file" no_files
    check "$1: no bare libyaml text" sh -c '! grep -q "YAML: \|while scanning\|while parsing" "$1"' _ "$tmp/err"
}
slip "slip: an unquoted key: value item" 'noi_nhan:\n  - UBND huyện\n  - Lưu: VT\n' \
    'slip.yaml:9:5: error: item 2 of `noi_nhan` was read as a key and a value (`Lưu: VT`): .* - "Lưu: VT"'
slip "slip: two dashes" 'noi_nhan:\n  - - Phòng Nội vụ\n' \
    'slip.yaml:8:5: error: item 1 of `noi_nhan` is a list inside the list'
slip "slip: a tab indents" 'noi_nhan:\n\t- UBND huyện\n' \
    'slip.yaml:8:1: error: a tab indents this line; YAML indents with spaces only'
slip "slip: a body without |" 'noi_nhan: ["Lưu: VT"]\nnoi_dung2:\n  I. KẾT QUẢ\n\n  1. Tình hình: tốt\n' \
    'slip.yaml:11:15: error: a colon and a space (`: `) inside a text without quotes'
check "slip: a body without |: the fix, literally" has_err 'hint: .*`noi_dung: |`'
slip "slip: a dedented line" 'noi_nhan: ["Lưu: VT"]\nnoi_dung2: |\n  I. KẾT QUẢ\n Nội dung lùi sai.\n' \
    'slip.yaml:10:2: error: this line is indented differently from the lines of its block'
slip "slip: an unclosed quote" 'noi_nhan: ["Lưu: VT"]\nghi_chu: "Nội dung\n' \
    'slip.yaml:8:10: error: the quote opened here is never closed'
slip "slip: a duplicate key" 'noi_nhan: ["Lưu: VT"]\nnoi_dung: y\n' \
    'slip.yaml:8:1: error: duplicate key `noi_dung` (first written at line 6)'
# a body over several lines without | parses, and is pointed out
{ grep -v '^noi_dung' "$tmp/slip-base.yaml"; printf 'noi_nhan: ["Lưu: VT"]\nnoi_dung:\n  I. KẾT QUẢ\n\n  Nội dung.\n'; } > "$tmp/fold.yaml"
check "slip: a folded body: check says so" status 1 "$bc" check "$tmp/fold.yaml"
check "slip: a folded body: the warning" grep -q 'fold.yaml:8:3: warning: `noi_dung` is written over several lines without `|`.* \[C04\]' "$tmp/out"
# text fixed the way a clerk means it: exit 0, each fix a warning
# (the fixed text itself: tests/unit/test_body_markup.c)
fixed() { # fixed NAME BODY-LINE EXPECTED-WARNING
    { cat "$tmp/slip-base.yaml" | grep -v '^noi_dung'; printf 'noi_nhan: ["Lưu: VT"]\nnoi_dung: |\n  %s\n\n  Nội dung.\n' "$2"; } > "$tmp/fix.yaml"
    check "$1: exit 0" status 0 "$bc" render "$tmp/fix.yaml" -o "$tmp/fix.docx"
    check "$1: the warning" has_err "fix.yaml:8:3: warning: $3"
}
fixed "fix: 1.Công tác" '1.Công tác' '`1.Công` is read as `1. Công`'
fixed "fix: I - KẾT QUẢ" 'I - KẾT QUẢ' '`I - ` is read as the part heading `I.`'
fixed "fix: a bullet" '• Tuyên truyền' '`•` at the start of a line is read as a dash item'
bad_input "a partial in a YAML text" "${base}noi_dung: \"Nội dung {{>mau_chung}} tiếp.\"\n" "bad.yaml:7:21: error: \`{{>mau_chung}}\`: a YAML text has no partials"
bad_input "unknown loai" "${base}noi_dung: x\nloai: bien_ban_x\n" "unknown \`loai\`"
check "missing input file exits 1" status 1 "$bc" render "$tmp/none.yaml" -o "$tmp/outdir/x.docx"
check "missing input: no output" no_files
check "unwritable folder exits 1" status 1 "$bc" render "$good" -o "$tmp/no/such/dir/x.docx"
check "unwritable folder: message" has_err "cannot create"

# a failure never replaces an existing file
cp "$good" "$tmp/keep.docx"
printf '%b' "${base}noi_dung: x\nngay: 2023-02-30\n" > "$tmp/bad.yaml"
"$bc" render "$tmp/bad.yaml" -o "$tmp/keep.docx" 2>/dev/null
check "existing file untouched on failure" cmp -s "$good" "$tmp/keep.docx"

# output names and standard output
cp "$good" "$tmp/r.yaml"
check "default output next to the input" status 0 "$bc" render "$tmp/r.yaml"
check "default output exists" test -s "$tmp/r.docx"
check "-o - exits 0" status 0 "$bc" render "$tmp/r.yaml" -o -
check "-o - writes the same bytes" cmp -s "$tmp/out" "$tmp/r.docx"
# cam-vu-2023 keeps its lower-case part headings: the review warns, nothing else is said
check "only the review's warnings on success" sh -c '! grep -v ": warning: .*\[L22\]$" "$1"' _ "$tmp/err"

# the built-in template, exported and used as a clerk's template
check "template list" status 0 "$bc" template list
check "template list names bao-cao" grep -q "^bao-cao" "$tmp/out"
check "template export" status 0 "$bc" template export -o "$tmp/t.docx"
check "template export unknown name exits 1" status 1 "$bc" template export nope -o "$tmp/t2.docx"
check "template export without -o exits 2" status 2 "$bc" template export
check "render -t exported" status 0 "$bc" render "$tmp/r.yaml" -t "$tmp/t.docx" -o "$tmp/r2.docx"
check "-t exported gives the same document" cmp -s "$tmp/r.docx" "$tmp/r2.docx"
check "-t a non-docx exits 1" status 1 "$bc" render "$tmp/r.yaml" -t "$good" -o "$tmp/r3.docx"
check "-t a non-docx: message" has_err "cannot open as a .docx"

# `check`: the Decree 30 review, findings on standard output, nothing written
clean=$src/examples/chi-lang-nam-2022.yaml
finding_form() { # every line is file:line:col: error|warning: message [id]
    ! grep -Ev '^[^:]+:[0-9]+:[0-9]+: (error|warning): .+ \[[LC][0-9]{2}\]$' "$tmp/out" ||
        { echo "  not a finding line (above)"; return 1; }
}
check "check a clean report exits 0" status 0 "$bc" check "$clean"
check "check a clean report prints nothing" test ! -s "$tmp/out" -a ! -s "$tmp/err"
check "check seed 001 exits 1" status 1 "$bc" check tests/check/seed-001.yaml
check "check: one finding per line" finding_form
check "check seed 001: TM. then PHÓ CHỦ TỊCH" has_out \
    "^tests/check/seed-001.yaml:44:7: error: \`PHÓ CHỦ TỊCH\` directly under \`TM. ỦY BAN NHÂN DÂN\`.* \[L24\]$"
check "check seed 004: V/v in a report" status 1 "$bc" check tests/check/seed-004.yaml
check "check seed 004: L19" has_out "^tests/check/seed-004.yaml:19:12: error: \"V/v\" .* \[L19\]$"
check "check several files" status 1 "$bc" check "$clean" tests/check/seed-001.yaml "$good"
check "check several files: each named" sh -c \
    'grep -q "^tests/check/seed-001.yaml:" "$1" && ! grep -q "cam-vu-2023.yaml:" "$1" && ! grep -q chi-lang-nam "$1"' _ "$tmp/out"
# the README's 30-second example checks clean
awk '/^## Ví dụ 30 giây/{f=1} f&&/^```yaml/{g=1;next} g&&/^```/{exit} g' "$src/README.md" > "$tmp/readme.yaml"
check "the README example: check exits 0" status 0 "$bc" check "$tmp/readme.yaml"
check "the README example: nothing printed" test ! -s "$tmp/out"
# the severity ladder: notes (advice such as part headings in capitals) are
# printed with --notes only and never change the exit status
check "check: an example exits 0" status 0 "$bc" check "$good"
check "check: an example prints nothing" test ! -s "$tmp/out"
check "check --notes: exit 0 still" status 0 "$bc" check --notes "$good"
check "check --notes: the capitals advice, the heading in capitals" has_out \
    "cam-vu-2023.yaml:[0-9]*:[0-9]*: note: part heading \`.*\`: Decree 30's models write part headings in capitals: \`[^a-zđ]*\` \[L22\]$"
check "check without a file exits 2" status 2 "$bc" check
check "check --frob exits 2" status 2 "$bc" check --frob "$clean"
check "check --help exits 0" status 0 "$bc" check --help
check "check a missing file exits 1" status 1 "$bc" check "$tmp/none.yaml"
check "check a missing file: message" has_out "none.yaml"
check "check writes nothing" test ! -e "$src/tests/check/seed-001.docx"
cat > "$tmp/batch.yaml" <<'YAML'
chung:
  ky_hieu_co_quan: UBND
  ngay: 2023-12-15
  trich_yeu: V/v kết quả công tác tuyên truyền
  noi_dung: Nội dung.
  noi_nhan: [UBND huyện Cẩm Giàng, "Lưu: VT"]
danh_sach:
  - co_quan: Ủy ban nhân dân xã Cẩm Vũ
    dia_danh: Cẩm Vũ
    nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: Lê Văn A}
  - co_quan: Ủy ban nhân dân xã Cẩm Đông
    dia_danh: Cẩm Đông
    nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Phó Chủ tịch], ho_ten: Lê Văn B}
YAML
check "check a batch exits 1" status 1 "$bc" check "$tmp/batch.yaml"
check "check a batch: a fault of chung once" test "$(grep -c 'L19' "$tmp/out")" = 1
check "check a batch: entries named" has_out "batch.yaml:13:49: error: entry 2 (Cẩm Đông): .*\[L24\]$"
check "check a batch: one finding per line" finding_form

# render: the review's errors stop it, its warnings do not unless --strict
check "render stops on a review error" status 1 "$bc" render tests/check/seed-001.yaml -o "$tmp/outdir/s.docx"
check "render: the review error" has_err "seed-001.yaml:44:7: error: .*\[L24\]"
check "render: no file after a review error" no_files
check "render a clean report is silent" status 0 "$bc" render "$clean" -o "$tmp/c.docx"
check "render a clean report: only what it wrote" test "$(cat "$tmp/err")" = "baocao: wrote $tmp/c.docx"
check "render --strict a clean report" status 0 "$bc" render "$clean" --strict -o "$tmp/c2.docx"
sed 's/^trich_yeu: Kết quả công tác/trich_yeu: Kết quả  công tác/' "$good" > "$tmp/warned.yaml"
check "render --strict stops on warnings" status 1 "$bc" render "$tmp/warned.yaml" --strict -o "$tmp/outdir/w.docx"
check "render --strict: the warnings and why" has_err "nothing written: with --strict"
check "render --strict: no file" no_files

# batch options: -jN, a --ten pattern that does not compile, an empty -o
check "batch -j2 (joined)" status 0 "$bc" batch "$src/tests/fixtures/batch/inline.yaml" -j2 -o "$tmp/j2"
check "batch --ten bad pattern exits 2" status 2 "$bc" batch "$src/tests/fixtures/batch/inline.yaml" --ten '{{' -o "$tmp/bp"
check "batch -o '' exits 2" status 2 "$bc" batch "$src/tests/fixtures/batch/inline.yaml" -o ''
check "a YAML alias loop is an error, not a crash" status 1 "$bc" render "$src/tests/fixtures/batch/loop.yaml" -o "$tmp/loop.docx"
check "alias loop: message" has_err "(a loop)"

# a batch file is checked as it streams: a bad byte's line and column, also
# when libyaml meets it as the second byte of a sequence
printf 'chung: {ky_hieu_co_quan: UBND}\ndanh_sach:\n  - noi_dung: Vi\341\273\207t\303A\n' > "$tmp/badutf.yaml"
check "batch: invalid UTF-8 exits 1" status 1 "$bc" batch "$tmp/badutf.yaml" -o "$tmp/bu"
check "batch: invalid UTF-8 located at the sequence" has_err "badutf.yaml:3:19: error: invalid UTF-8 (byte 0xC3)"
check "batch: invalid UTF-8, no file" test -z "$(ls -A "$tmp/bu" 2>/dev/null)"

# a long batch: the review's repeated warnings digested, deterministically
{
    printf 'chung:\n  ky_hieu_co_quan: UBND\n  ngay: 2023-12-15\n  trich_yeu: Báo cáo\n'
    printf '  noi_nhan: [UBND huyện Cẩm Giàng, "Lưu: VT"]\n'
    printf '  nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: Lê Văn A}\n'
    printf '  noi_dung: "I. Kết quả\\n\\nNội dung.\\n\\nII. Tồn tại\\n\\nNội dung."\n'
    printf 'danh_sach:\n'
    for i in 1 2 3 4 5 6 7 8; do
        printf '  - {co_quan: Ủy ban nhân dân xã X%s, dia_danh: X%s}\n' "$i" "$i"
    done
} > "$tmp/notes8.yaml"
# two numbering gaps an entry (warnings): III after I, V after III
sed 's/II. Tồn tại/III. TỒN TẠI\\n\\nNội dung.\\n\\nV. KHÁC/; s/I. Kết quả/I. KẾT QUẢ/' \
    "$tmp/notes8.yaml" > "$tmp/warn8.yaml"
check "digest: batch exits 0" status 0 "$bc" batch "$tmp/warn8.yaml" -j2 -o "$tmp/w8"
check "digest: entries 1-3 in full" test "$(grep -c 'entry [123] (X[123]): .*warning: .*\[L22\]$' "$tmp/err")" = 6
check "digest: entry 4 kept as the rule's first" test "$(grep -c 'entry 4 (X4): .*warning: .*\[L22\]$' "$tmp/err")" = 1
check "digest: entries 5-8 not listed" sh -c '! grep -q "entry [5-8] " "$1"' _ "$tmp/err"
check "digest: the count" has_err "10 warnings \[L22\] like this one in 5 entries (past the first 3); \`baocao check $tmp/warn8.yaml\` lists each"
sort "$tmp/err" > "$tmp/err-j2"
"$bc" batch "$tmp/warn8.yaml" -j1 -o "$tmp/w8b" 2> "$tmp/err-j1" > /dev/null
sed -i 's/ in [0-9.]* s$//' "$tmp/err-j1" "$tmp/err-j2"
check "digest: the same lines with -j1 and -j2" sh -c 'sort "$1" | cmp -s - "$2"' _ "$tmp/err-j1" "$tmp/err-j2"
# a finding inside a quoted value with "\n" escapes is placed at the value
check "check: quoted value" status 0 "$bc" check --notes "$tmp/notes8.yaml"
check "check: on the value's first line, the column" has_out "notes8.yaml:7:14: note: entry 1 (X1): part heading \`I. Kết quả\`"
check "check: past an escaped line break, the value's start" has_out "notes8.yaml:7:13: note: entry 1 (X1): part heading \`II. Tồn tại\`"

# output files: mode 0644 less the umask, as open(2) makes them, whether
# written through a temporary file (render) or created in place (batch)
mode_of() { stat -c %a "$1" 2>/dev/null; }
(umask 077; "$bc" render "$clean" -o "$tmp/m077.docx" 2>/dev/null)
(umask 022; "$bc" render "$clean" -o "$tmp/m022.docx" 2>/dev/null)
(umask 077; "$bc" batch "$src/tests/fixtures/batch/inline.yaml" -o "$tmp/mb077" 2>/dev/null)
(umask 022; "$bc" batch "$src/tests/fixtures/batch/inline.yaml" -o "$tmp/mb022" 2>/dev/null)
check "render, umask 077: mode 600" test "$(mode_of "$tmp/m077.docx")" = 600
check "render, umask 022: mode 644" test "$(mode_of "$tmp/m022.docx")" = 644
check "batch, umask 077: mode 600" test "$(mode_of "$tmp/mb077/cam-vu.docx")" = 600
check "batch, umask 022: mode 644" test "$(mode_of "$tmp/mb022/cam-vu.docx")" = 644

# a batch killed (SIGKILL: no handler runs) leaves its staging folder or
# its temporary files; the next run into the same place removes them
{
    printf 'chung:\n  ky_hieu_co_quan: UBND\n  trich_yeu: Kết quả\n  noi_dung: Nội dung.\n'
    printf '  noi_nhan: ["Lưu: VT"]\n  nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: Lê Văn A}\n'
    printf 'danh_sach:\n'
    for i in $(seq 20000); do
        printf '  - {co_quan: Ủy ban nhân dân xã X%s, dia_danh: X%s}\n' "$i" "$i"
    done
} > "$tmp/long.yaml"
for place in new existing; do
    rm -rf "$tmp/killed"
    [ $place = existing ] && mkdir -p "$tmp/killed"
    "$bc" batch "$tmp/long.yaml" -o "$tmp/killed" -j1 > /dev/null 2>&1 &
    pid=$!
    # until it has written a few files
    for w in $(seq 100); do
        [ -n "$(find "$tmp" -path "$tmp/*killed*" -name '*.docx' 2>/dev/null | head -1)" ] && break
        sleep 0.05
    done
    kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
    left=$(ls -A "$tmp" "$tmp/killed" 2>/dev/null | grep -c '\.bc[0-9a-f]*-[0-9a-f]*\.tmp$')
    check "killed batch ($place folder): it left temporary files" test "$left" -gt 0
    "$bc" batch "$src/tests/fixtures/batch/inline.yaml" -o "$tmp/killed" > /dev/null 2>&1
    check "killed batch ($place folder): the next run removes them" \
        test -z "$(ls -A "$tmp" | grep '^\.killed\.bc'; ls -A "$tmp/killed" | grep '\.tmp$')"
done
touch "$tmp/a-file"
check "batch -o FILE: exit 1" status 1 "$bc" batch "$src/tests/fixtures/batch/inline.yaml" -o "$tmp/a-file"
check "batch -o FILE: one error" test "$(grep -c 'error' "$tmp/err")" = 1
check "batch -o FILE: says it is a file" has_err "is a file, not a folder"

# a tag naming nothing in a list value (a clerk's typo) is an error, not a crash
nobase=$(printf '%s' "$base" | sed 's/noi_nhan: \[a\]\\n//')
printf '%b' "${nobase}noi_dung: x\nnoi_nhan: [\"{{khong_co}}\", \"Lưu: VT\"]\n" > "$tmp/typo.yaml"
check "noi_nhan tag naming nothing: exit 1" status 1 "$bc" render "$tmp/typo.yaml" -o "$tmp/typo.docx"
check "noi_nhan tag naming nothing: located" has_err "typo.yaml:.*khong_co"
printf '%b' "${nobase}noi_dung: x\nnoi_nhan: \"{{khong_co}}\"\nkinh_gui: \"{{khong_co}}\"\n" > "$tmp/typo2.yaml"
check "kinh_gui tag naming nothing: exit 1" status 1 "$bc" render "$tmp/typo2.yaml" -o "$tmp/typo2.docx"
check "check with a tag naming nothing: exit 1" status 1 "$bc" check "$tmp/typo2.yaml"

tally "cli checks"
