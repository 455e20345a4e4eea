#!/bin/sh
# run.sh - batches from a clerk's spreadsheet and the province's summary
# (input.md 2 and 2.1), through the command line:
#  1. the same batch from CSV, from an .xlsx and from an .ods saved by
#     LibreOffice Calc gives byte-identical .docx files;
#  2. a sheet chosen by `#` with a date cell, a number shown with a
#     thousands separator, a number typed as text, a list cell with line
#     breaks, a formula, a hidden column, spaces around a value and an
#     empty trailing row: every report says what the sheet shows;
#  3. bad workbooks (not a zip, no such sheet, a header cell empty in the
#     middle, a column twice, merged header cells, an #N/A cell): a located
#     error each, exit 1, nothing written;
#  4. the summary `tong_hop`: every entry in order with its figures and
#     the totals; an entry that fails is left out, named, and the run
#     exits 1; an entry that would be tong-hop.docx stops the batch.
# The workbooks are made from tests/fixtures/batch/*.fods by
# make-workbooks.sh (LibreOffice Calc) and committed.
# usage: tests/batch/run.sh BUILD_DIR SHARED_DIR
set -u
build=$1
shared=$2
bc=$(cd "$build" && pwd)/baocao
fix=$(pwd)/tests/fixtures/batch
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../lib.sh"
tools/ensure-deps.sh --cmd python3 || exit 1
use_validate test-batch "$shared"

text_of() { # the body text of a .docx, one paragraph a line
    /usr/bin/python3 -c '
import re, sys, zipfile
x = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
for p in re.findall(r"<w:p[ >].*?</w:p>", x, re.S):
    t = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:br/>", p))
    print(t.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\""))
' "$1"
}
says() { # says DOCX TEXT: a paragraph of DOCX holds TEXT
    text_of "$1" > "$tmp/text" && grep -qF -- "$2" "$tmp/text" ||
        { echo "  $1 lacks: $2"; cat "$tmp/text"; return 1; }
}

# 1. CSV, .xlsx and .ods: the same bytes
for kind in csv xlsx ods; do
    check "$kind batch exits 0" status 0 "$bc" batch "$fix/$kind.yaml" -o "$tmp/$kind"
done
for f in cam-vu lai-cach; do
    check "xlsx = csv: $f.docx" cmp "$tmp/csv/$f.docx" "$tmp/xlsx/$f.docx"
    check "ods = csv: $f.docx" cmp "$tmp/csv/$f.docx" "$tmp/ods/$f.docx"
done
check "csv batch: the number typed as text kept" says "$tmp/xlsx/lai-cach.docx" "Xã Lai Cách: 5.120 tin, bài, chưa tổ chức buổi nào."
check "xlsx batch: quotes and semicolon kept" says "$tmp/xlsx/cam-vu.docx" 'Ghi chú: có "ngoặc" và ; chấm phẩy'

# 2. the second sheet, by name, with what clerks' sheets hold
for kind in xlsx ods; do
    o=$tmp/ky2-$kind
    check "$kind#Ky 2: exit 0" status 0 "$bc" batch "$fix/$kind-ky2.yaml" -o "$o"
    check "$kind#Ky 2: two reports, no more" test "$(ls "$o" | tr '\n' ' ')" = "cam-vu.docx lai-cach.docx "
    check "$kind#Ky 2: date cell, grouped number, formula, one decimal" \
        says "$o/cam-vu.docx" "Xã Cẩm Vũ (số 17): 5.120 tin, bài; 3 buổi; tổng 5123; tỷ lệ 98,6%."
    check "$kind#Ky 2: the date cell is ngay" says "$o/cam-vu.docx" "Cẩm Vũ, ngày 05 tháng 7 năm 2024"
    check "$kind#Ky 2: a text number, spaces trimmed, a zero" \
        says "$o/lai-cach.docx" "Xã Lai Cách (số 18): 1.250 tin, bài; 0 buổi; tổng 2; tỷ lệ 100,0%."
    check "$kind#Ky 2: the list cell gives three signer lines" \
        says "$o/cam-vu.docx" "KT. CHỦ TỊCH"
    check "$kind#Ky 2: Phó Chủ tịch after KT." says "$o/cam-vu.docx" "PHÓ CHỦ TỊCH"
    check "$kind#Ky 2: the hidden column is not read" sh -c '! grep -rq "cột ẩn" "$1"' _ "$o"
    check "$kind#Ky 2: valid" valid "$o/cam-vu.docx" "$o/lai-cach.docx"
done
check "xlsx#Ky 2 = ods#Ky 2" cmp "$tmp/ky2-xlsx/cam-vu.docx" "$tmp/ky2-ods/cam-vu.docx"

# 3. bad workbooks: located, exit 1, nothing written
bad_book() { # bad_book NAME DANH_SACH EXPECTED-MESSAGE
    case $2 in /*) book=$2 ;; *) book=$fix/$2 ;; esac
    sed "s|^danh_sach: .*|danh_sach: $book|" "$fix/csv.yaml" > "$tmp/bad.yaml"
    check "$1: exit 1" status 1 "$bc" batch "$tmp/bad.yaml" -o "$tmp/bad-out"
    check "$1: message" has_err "$3"
    check "$1: nothing written" empty_dir "$tmp/bad-out"
}
for kind in xlsx ods; do
    bad_book "$kind: no such sheet" "xa.$kind#Nope" "xa.$kind: error: the workbook has no sheet \"Nope\" (its sheets: \"Ky 1\", \"Ky 2\")"
    bad_book "$kind: header empty in the middle" "bad-gap.$kind" "bad-gap.$kind: sheet \"Sheet1\", cell C1: error: column 3 has no name"
    bad_book "$kind: a column twice" "bad-duplicate.$kind" "bad-duplicate.$kind: sheet \"Sheet1\", cell D1: error: column \`dia_danh\` appears twice"
    bad_book "$kind: merged header" "bad-merged.$kind" "bad-merged.$kind: sheet \"Sheet1\", cell A1: error: cells A1:B1 of the header row are merged"
    bad_book "$kind: #N/A" "bad-error-cell.$kind" "bad-error-cell.$kind: sheet \"Sheet1\", cell C3: error: the cell holds the error #N/A"
done
bad_book "not a zip" "not-a-zip.xlsx" "not-a-zip.xlsx: error: is not a workbook"

# a row's errors are the row's: named by the cell or the row in the sheet
# (the line and column in a CSV), not by a line of the batch file
rows_batch() { # rows_batch DANH_SACH: a batch of the rows with a body of its own
    printf 'chung:\n  ky_hieu_co_quan: UBND\n  trich_yeu: T\n  noi_dung: x\n  noi_nhan: ["Lưu: VT"]\n  nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch]}\ndanh_sach: %s\n' "$1" > "$tmp/rows.yaml"
}
for kind in xlsx ods; do
    rows_batch "$fix/row-errors.$kind"
    check "$kind: rows failing: exit 1" status 1 "$bc" batch "$tmp/rows.yaml" -o "$tmp/rows-$kind"
    check "$kind: a bad date named by its cell" \
        has_err "entry 2 (B): .*row-errors.$kind: sheet \"Sheet1\", cell D3: error: \`ngay\` 2024-02-30 is not a real date"
    check "$kind: a missing signer named by its row" \
        has_err "entry 3 (C): .*row-errors.$kind: sheet \"Sheet1\", row 4: error: missing required key \`nguoi_ky.ho_ten\`"
    check "$kind: the good row written" test "$(ls "$tmp/rows-$kind")" = "a.docx"
done
{ echo "co_quan,dia_danh,so,ngay,nguoi_ky.ho_ten"; echo "Ủy ban nhân dân xã A,A,1,2024-07-05,Lê Văn A"
  echo "Ủy ban nhân dân xã B,B,2,2024-02-30,Lê Văn B"; echo "Ủy ban nhân dân xã C,C,3,2024-07-05,"; } > "$tmp/rows.csv"
rows_batch "$tmp/rows.csv"
check "csv: rows failing: exit 1" status 1 "$bc" batch "$tmp/rows.yaml" -o "$tmp/rows-csv"
check "csv: a bad date at its line and column" has_err "entry 2 (B): .*rows.csv:3:26: error: \`ngay\` 2024-02-30"
check "csv: a missing signer at its row" has_err "entry 3 (C): .*rows.csv:4:1: error: missing required key \`nguoi_ky.ho_ten\`"
cp "$fix/xa.ods" "$tmp/renamed.xlsx"
bad_book "an .ods named .xlsx reads as what it is" "$tmp/renamed.xlsx#Nope" "renamed.xlsx: error: the workbook has no sheet \"Nope\""

# 4. the summary tong_hop: three communes, in order, with the totals
th=$fix/tong-hop.yaml
check "tong_hop: exit 0" status 0 "$bc" batch "$th" -o "$tmp/th"
check "tong_hop: the entries and the summary" test "$(ls "$tmp/th" | tr '\n' ' ')" = "cam-dong.docx cam-vu.docx lai-cach.docx tong-hop.docx "
check "tong_hop: the sums in the body, the Vietnamese way" \
    says "$tmp/th/tong-hop.docx" "Tổng hợp báo cáo của 3 xã: 6.428 tin, bài và 15 buổi (chi tiết tại Phụ lục)./."
check "tong_hop: tong.so_muc in the summary line" \
    says "$tmp/th/tong-hop.docx" "Tổng hợp kết quả công tác tuyên truyền của 3 xã 6 tháng đầu năm 2024"
check "tong_hop: its own agency, not chung's" says "$tmp/th/tong-hop.docx" "Số: 102/BC-SNV"
rows() { text_of "$1" | sed -n '/^STT/,$p' | tr '\n' '|'; } # a cell a paragraph
check "tong_hop: the appendix table: every commune in order, derived values, the totals" \
    test "$(rows "$tmp/th/tong-hop.docx")" = "STT|Xã|Số báo cáo|Tin, bài|Buổi|1|Cẩm Vũ|17/BC-UBND|58|3|2|Lai Cách|21/BC-UBND|5.120|0|3|Cẩm Đông|09/BC-UBND|1.250|12||Tổng cộng||6.428|15|"
check "tong_hop: valid" valid "$tmp/th/tong-hop.docx"
check "tong_hop: same bytes twice" sh -c '"$1" batch "$2" -o "$3" 2>/dev/null && cmp "$3/tong-hop.docx" "$4/tong-hop.docx"' _ "$bc" "$th" "$tmp/th-again" "$tmp/th"
check "tong_hop: -j1 gives the same summary" sh -c '"$1" batch "$2" -j1 -o "$3" 2>/dev/null && cmp "$3/tong-hop.docx" "$4/tong-hop.docx"' _ "$bc" "$th" "$tmp/th-j1" "$tmp/th"
check "check reviews the summary: clean" status 0 "$bc" check "$th"

# ... with one entry failing: left out, named, exit 1, the others written
sed 's/^    so: 21$/    so: 21\n    ngay: 2024-02-30/' "$th" > "$tmp/th-bad.yaml"
check "tong_hop, a failing entry: exit 1" status 1 "$bc" batch "$tmp/th-bad.yaml" -o "$tmp/th-bad"
check "tong_hop, a failing entry: its error" has_err "entry 2 (Lai Cách): .*th-bad.yaml:19:11: error: \`ngay\` 2024-02-30 is not a real date"
check "tong_hop, a failing entry: the summary says it lacks it" \
    has_err "th-bad.yaml:28:3: error: the summary (tong-hop.docx) is written without the entries that failed (1): 2 (Lai Cách)"
check "tong_hop, a failing entry: the summary and the others written" \
    test "$(ls "$tmp/th-bad" | tr '\n' ' ')" = "cam-dong.docx cam-vu.docx tong-hop.docx "
check "tong_hop, a failing entry: the table without it, numbered on" \
    test "$(rows "$tmp/th-bad/tong-hop.docx")" = "STT|Xã|Số báo cáo|Tin, bài|Buổi|1|Cẩm Vũ|17/BC-UBND|58|3|2|Cẩm Đông|09/BC-UBND|1.250|12||Tổng cộng||1.308|15|"

# ... an entry whose file would be the summary's: nothing written
sed 's/dia_danh: Lai Cách/dia_danh: Tổng hợp/' "$th" > "$tmp/th-name.yaml"
check "an entry named tong-hop.docx: exit 1" status 1 "$bc" batch "$tmp/th-name.yaml" -o "$tmp/th-name"
check "an entry named tong-hop.docx: the message" has_err "th-name.yaml:16:5: error: entry 2 (Tổng hợp) would write tong-hop.docx, the file of the summary"
check "an entry named tong-hop.docx: nothing written" empty_dir "$tmp/th-name"
check "an entry named tong-hop.docx: check says so" status 1 "$bc" check "$tmp/th-name.yaml"
check "an entry named tong-hop.docx: check's message" grep -q "entry 2 (Tổng hợp): would write tong-hop.docx" "$tmp/out"

# ... a summary the batch file does not announce on a line of its own
# (flow style): the entries are read again, the same summary
{ sed -n '1,/^tong_hop:/p' "$th" | sed '$d'; printf '"tong_hop":\n'; sed -n '/^tong_hop:/,$p' "$th" | sed '1d'; } > "$tmp/th-quoted.yaml"
check "a quoted tong_hop key: exit 0" status 0 "$bc" batch "$tmp/th-quoted.yaml" -o "$tmp/th-quoted"
check "a quoted tong_hop key: the same summary" cmp "$tmp/th-quoted/tong-hop.docx" "$tmp/th/tong-hop.docx"
check "check a quoted tong_hop key: clean" status 0 "$bc" check "$tmp/th-quoted.yaml"

# ... the summary's own faults, named as the summary's
sed 's/ho_ten: Phạm Văn Chung //; s/Tổng hợp báo cáo của {{tong.so_muc}}/{{tong.so_lieu.khong_co}}/' "$th" > "$tmp/th-own.yaml"
check "the summary's faults: exit 1" status 1 "$bc" batch "$tmp/th-own.yaml" -o "$tmp/th-own"
check "the summary's faults: named" has_err "th-own.yaml:[0-9]*:[0-9]*: error: the summary (tong_hop): missing required key \`nguoi_ky.ho_ten\`"
check "the summary's faults: the entries still written, no summary" \
    test "$(ls "$tmp/th-own" | tr '\n' ' ')" = "cam-dong.docx cam-vu.docx lai-cach.docx "
check "the summary's faults: check names them" status 1 "$bc" check "$tmp/th-own.yaml"
check "the summary's faults: check's message" grep -q "error: the summary (tong_hop): missing required key" "$tmp/out"
printf 'danh_sach:\n  - dia_danh: A\ntong_hop:\n  tong: 3\n' > "$tmp/th-tong.yaml"
check "tong_hop setting tong: exit 1" status 1 "$bc" check "$tmp/th-tong.yaml"
check "tong_hop setting tong: the message" grep -q "th-tong.yaml:4:3: error: the summary (tong_hop): \`tong_hop\` cannot set \`tong\`" "$tmp/out"
printf 'tong_hop:\n  co_quan: A\ndanh_sach:\n  - dia_danh: A\n' > "$tmp/th-first.yaml"
check "tong_hop before danh_sach: exit 1" status 1 "$bc" batch "$tmp/th-first.yaml" -o "$tmp/th-first"
check "tong_hop before danh_sach: says where it goes" has_err "th-first.yaml:1:1: error: .*tong_hop.*after"
# the province's example: 20 communes from an .xlsx and their summary
check "examples/tinh: exit 0" status 0 "$bc" batch examples/tinh/tinh.yaml -o "$tmp/tinh"
check "examples/tinh: 20 reports and the summary" test "$(ls "$tmp/tinh" | wc -l)" = 21
check "examples/tinh: every file valid" valid "$tmp/tinh"/*.docx
check "examples/tinh: the summary's table has 20 rows and the totals" \
    test "$(text_of "$tmp/tinh/tong-hop.docx" | grep -c '/BC-UBND$')" = 20
check "examples/tinh: a vice-chair signs from a list cell" says "$tmp/tinh/nhan-ly.docx" "KT. CHỦ TỊCH"
check "examples/tinh: check is clean" status 0 "$bc" check examples/tinh/tinh.yaml
tally "batch checks"
