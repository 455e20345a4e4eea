#!/bin/sh
# run.sh - `baocao nhap`, end to end: text reports imported (the header,
# the period as tags, the numbering, Nơi nhận, the signer), the YAML
# never written over a file -o does not name, --ky-sau on a quarterly and
# a 6-month report (the next period's text wherever the period was
# named), a công văn, braces kept as text, a .docx typed the way clerks
# type (docx.sh), bad input refused with exit 1 and no YAML, the
# reports of the province's batch example imported and rendered again; with
# ../shared the five seeds (seeds.sh: every heading, recipient and signer
# line kept, the rendered body's text the seed's own). The round trip of
# every example through a .docx is the unit test test_import_roundtrip.
# usage: tests/nhap/run.sh BUILD_DIR [SHARED_DIR]
set -u
build=$1
shared=${2:-../shared}
bc=$(cd "$build" && pwd)/baocao
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "test-nhap: kept $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi
. "$here/../lib.sh"
export LC_ALL=C.UTF-8
unset LANG LANGUAGE LC_MESSAGES
"$root/tools/ensure-deps.sh" --cmd unzip zip || exit 1

# the text of a .docx: one line per paragraph
docx_text() {
    unzip -p "$1" word/document.xml | sed -e 's/<\/w:p>/\n/g' -e 's/<w:tab\/>/ /g' \
        -e 's/<[^>]*>//g' -e 's/&#123;/{/g; s/&#125;/}/g; s/&lt;/</g; s/&gt;/>/g' \
        -e 's/&quot;/"/g; s/&amp;/\&/g'
}
count() { grep -oF -- "$2" "$1" | wc -l; }
has() { grep -qF -- "$2" "$1" || { echo "  $1 lacks: $2"; return 1; }; }
lacks() { ! grep -qF -- "$2" "$1" || { echo "  $1 has: $2"; return 1; }; }
status() { # status WANT CMD...: stdout+stderr to $tmp/out
    want=$1; shift
    "$@" > "$tmp/out" 2>&1
    got=$?
    [ "$got" = "$want" ] || { echo "  exit $got, want $want: $*"; cat "$tmp/out"; return 1; }
}

# ---- usage ----------------------------------------------------------------
check "nhap without a file is a usage error" status 2 "$bc" nhap
check "nhap --help" status 0 "$bc" nhap --help
check "nhap --help names --ky-sau" has "$tmp/out" "--ky-sau"
check "baocao --help lists nhap" sh -c "'$bc' --help | grep -q 'nhap REPORT.docx|REPORT.txt'"
check "nhap with two files is a usage error" status 2 "$bc" nhap a.txt b.txt
check "nhap with an unknown option" status 2 "$bc" nhap --bogus a.txt

# ---- a quarterly report's text ---------------------------------------------
cp "$here/quy-ii-2022.txt" "$tmp/q.txt"
check "import of a text report" status 0 "$bc" nhap "$tmp/q.txt"
check "written next to the input with .yaml" test -f "$tmp/q.yaml"
check "the message names the file" has "$tmp/out" "wrote $tmp/q.yaml"
y=$tmp/q.yaml
for want in "loai: bao_cao" "co_quan: Ủy ban nhân dân xã Chi Lăng Nam" "ky_hieu_co_quan: UBND" \
    "so: 112" "dia_danh: Chi Lăng Nam" "ngay: 2022-07-05" "  nam: 2022" "  quy: 2" \
    "trich_yeu: Kết quả công tác tuyên truyền cải cách hành chính {{ky_bao_cao.ten}}" \
    "  I. KẾT QUẢ QUÝ II NĂM 2022" "  1. Công tác chỉ đạo:" "  - UBND xã đã tổ chức 12 buổi" \
    "  + Tổ chức 3 hội nghị" "báo cáo kết quả công tác tuyên truyền cải cách hành chính {{ky_bao_cao.ten}} như sau:" \
    "  II. Phương hướng {{ky_bao_cao.ky_sau}}" "bằng nhiều hình thức." \
    "  - UBND huyện Thanh Miện" '  - "Lưu: VT"' "    - TM. Ủy ban nhân dân" \
    "    - KT. Chủ tịch" "    - Phó Chủ tịch" "  ho_ten: Nguyễn Văn Nhưng" \
    '"QUÝ II NĂM 2022"' "# check:"; do
    check "q.yaml: $want" has "$y" "$want"
done
check "q.yaml: the body's ./. taken off" lacks "$y" "./."
check "q.yaml renders" status 0 "$bc" render "$y" -o "$tmp/q.docx"
docx_text "$tmp/q.docx" > "$tmp/q.text"
check "rendered: the number line" has "$tmp/q.text" "Số: 112/BC-UBND"
check "rendered: the summary" has "$tmp/q.text" "Kết quả công tác tuyên truyền cải cách hành chính quý II năm 2022"
check "rendered: the ending once" has "$tmp/q.text" "bằng nhiều hình thức./."
check "rendered: no doubled ending" lacks "$tmp/q.text" "./../."
# the review runs on what was written, in file:line:col form
check "the review's findings are printed" sh -c "grep -q 'q.yaml:[0-9]*:[0-9]*: ' '$tmp/out' || \
    '$bc' check '$y' > /dev/null"

# the notes in the message language
if have_vi; then
    check "the notes in Vietnamese" sh -c "LC_ALL=vi_VN.UTF-8 '$bc' nhap '$tmp/q.txt' -o - 2>/dev/null | \
        grep -q '  # kiểm tra: '"
    check "the notes in English" sh -c "'$bc' nhap '$tmp/q.txt' -o - 2>/dev/null | grep -q '  # check: '"
fi

# ---- never over a file -o does not name ---------------------------------------
cp "$y" "$tmp/q.before"
check "an existing YAML is not overwritten" status 1 "$bc" nhap "$tmp/q.txt"
check "the refusal names the file" has "$tmp/out" "$tmp/q.yaml"
check "the existing YAML is unchanged" cmp -s "$y" "$tmp/q.before"
echo "# edited" >> "$y"
check "-o naming it replaces it" status 0 "$bc" nhap "$tmp/q.txt" -o "$y"
check "the replaced YAML is the import" cmp -s "$y" "$tmp/q.before"
check "-o - writes to standard output" sh -c "'$bc' nhap '$tmp/q.txt' -o - 2>/dev/null | grep -q '^loai: bao_cao'"
check "output is deterministic" sh -c "'$bc' nhap '$tmp/q.txt' -o - 2>/dev/null | cmp -s - '$y'"

# ---- --ky-sau: the quarterly report's next quarter -------------------------------
check "--ky-sau" status 0 "$bc" nhap --ky-sau "$tmp/q.txt" -o "$tmp/qs.yaml"
check "--ky-sau: quý III" has "$tmp/qs.yaml" "  quy: 3"
check "--ky-sau: no so" sh -c "! grep -q '^so:' '$tmp/qs.yaml'"
check "--ky-sau: no ngay" sh -c "! grep -q '^ngay:' '$tmp/qs.yaml'"
check "--ky-sau: the figures listed" has "$tmp/qs.yaml" '"12 buổi", "26 tin", "3 hội", "245 lượt"'
check "--ky-sau renders" status 0 "$bc" render "$tmp/qs.yaml" -o "$tmp/qs.docx"
docx_text "$tmp/qs.docx" > "$tmp/qs.text"
c1=$(count "$tmp/q.text" "quý II năm 2022")
c2=$(count "$tmp/q.text" "quý III năm 2022")
check "the quarter is named (at least twice) in the original" test "$c1" -ge 2 -a "$c2" -ge 1
check "--ky-sau: no quý II left" test "$(count "$tmp/qs.text" "quý II năm 2022")" = 0
check "--ky-sau: quý III wherever quý II was" test "$(count "$tmp/qs.text" "quý III năm 2022")" = "$c1"
check "--ky-sau: quý IV wherever quý III was" test "$(count "$tmp/qs.text" "quý IV năm 2022")" = "$c2"
check "--ky-sau: the capitals are left for the clerk" has "$tmp/qs.text" "KẾT QUẢ QUÝ II NĂM 2022"

# ---- --ky-sau: a 6-month report ---------------------------------------------------
cp "$here/6-thang-2024.txt" "$tmp/h.txt"
check "6-month import" status 0 "$bc" nhap "$tmp/h.txt"
for want in "co_quan_chu_quan: UBND huyện Tứ Kỳ" "co_quan: Ủy ban nhân dân xã Ích Hậu" \
    "dia_danh: Ích Hậu" "ngay: 2024-06-20" "  nua: 1" "kinh_gui: Ủy ban nhân dân huyện Tứ Kỳ" \
    "  | STT | Nội dung | Số lượng |" "  |:---:|---|---:|" "  ho_ten: Trần Đình Hùng"; do
    check "h.yaml: $want" has "$tmp/h.yaml" "$want"
done
check "h.yaml: a blank number stays blank" sh -c "! grep -q '^so:' '$tmp/h.yaml'"
check "h.yaml: Như trên left to the program" lacks "$tmp/h.yaml" "Như trên"
check "h.yaml renders" status 0 "$bc" render "$tmp/h.yaml" -o "$tmp/h.docx"
docx_text "$tmp/h.docx" > "$tmp/h.text"
check "--ky-sau (6 months)" status 0 "$bc" nhap --ky-sau "$tmp/h.txt" -o "$tmp/hs.yaml"
check "--ky-sau: nua 2" has "$tmp/hs.yaml" "  nua: 2"
check "--ky-sau (6 months) renders" status 0 "$bc" render "$tmp/hs.yaml" -o "$tmp/hs.docx"
docx_text "$tmp/hs.docx" > "$tmp/hs.text"
h1=$(count "$tmp/h.text" "6 tháng đầu năm 2024")
h2=$(count "$tmp/h.text" "6 tháng cuối năm 2024")
check "the half-year is named (three times) in the original" test "$h1" -ge 3 -a "$h2" -ge 1
check "--ky-sau: no 6 tháng đầu left" test "$(count "$tmp/hs.text" "6 tháng đầu năm 2024")" = 0
check "--ky-sau: 6 tháng cuối wherever 6 tháng đầu was" \
    test "$(count "$tmp/hs.text" "6 tháng cuối năm 2024")" = "$h1"
check "--ky-sau: năm 2025 wherever 6 tháng cuối was" test "$(count "$tmp/hs.text" "năm 2025")" = "$h2"

# ---- a công văn: "V/v" without a type name, the date line after it --------------------
cp "$here/cong-van.txt" "$tmp/cv.txt"
check "công văn imported" status 0 "$bc" nhap "$tmp/cv.txt"
for want in "loai: cong_van" "so: 12" "ky_hieu_co_quan: UBND" "dia_danh: Cẩm Vũ" "ngay: 2022-07-05" \
    "trich_yeu: V/v báo cáo tình hình {{ky_bao_cao.ten}}" "kinh_gui: Ủy ban nhân dân huyện Cẩm Giàng" \
    "  Ủy ban nhân dân xã báo cáo như sau: mọi việc tốt." "  ho_ten: Nguyễn Hữu Tuấn"; do
    check "cv.yaml: $want" has "$tmp/cv.yaml" "$want"
done
check "cv.yaml: Như trên left to the program" lacks "$tmp/cv.yaml" "Như trên"
check "cv.yaml renders" status 0 "$bc" render "$tmp/cv.yaml" -o "$tmp/cv.docx"

# ---- braces of the document stay text (the values are mustache templates) ---------
printf 'ỦY BAN NHÂN DÂN XÃ A\nSố: 5/BC-UBND\nA, ngày 02 tháng 01 năm 2024\nBÁO CÁO\nKết quả {{x}} năm 2023\n\nI. Mục {{ y }} và }} và {{{z}}}\n\nNơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNGUYỄN VĂN A\n' > "$tmp/b.txt"
check "braces: imported" status 0 "$bc" nhap "$tmp/b.txt"
check "braces: rendered" status 0 "$bc" render "$tmp/b.yaml" -o "$tmp/b.docx"
docx_text "$tmp/b.docx" > "$tmp/b.text"
check "braces: the summary's text back" has "$tmp/b.text" "Kết quả {{x}} năm 2023"
check "braces: the body's text back" has "$tmp/b.text" "I. Mục {{ y }} và }} và {{{z}}}./."

# ---- bad input: exit 1, the file named, no YAML ----------------------------------
refused() { # refused NAME FILE: exit 1, the file named, no YAML next to it
    f=$2
    status 1 "$bc" nhap "$f" || return 1
    grep -qF -- "$f" "$tmp/out" || { echo "  the message does not name $f:"; cat "$tmp/out"; return 1; }
    [ ! -e "${f%.*}.yaml" ] || { echo "  ${f%.*}.yaml was written"; return 1; }
}
mkdir "$tmp/bad"
printf '%%PDF-1.4\n%%\342\343\317\323\n1 0 obj << >> endobj\ntrailer << >>\n%%%%EOF\n' > "$tmp/bad/bao-cao.pdf"
cp "$tmp/bad/bao-cao.pdf" "$tmp/bad/pdf-named.docx"
cp "$tmp/bad/bao-cao.pdf" "$tmp/bad/pdf-named.txt"
check "a PDF is refused" refused pdf "$tmp/bad/bao-cao.pdf"
check "the PDF's message says PDF" has "$tmp/out" "PDF"
check "a PDF named .docx is refused" refused pdf "$tmp/bad/pdf-named.docx"
check "a PDF named .txt is refused" refused pdf "$tmp/bad/pdf-named.txt"
mkdir "$tmp/odt"
printf 'application/vnd.oasis.opendocument.text' > "$tmp/odt/mimetype"
printf '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>' > "$tmp/odt/content.xml"
(cd "$tmp/odt" && zip -q -X -0 "$tmp/bad/odt-renamed.docx" mimetype && zip -q -X "$tmp/bad/odt-renamed.docx" content.xml)
check "an .odt renamed .docx is refused" refused odt "$tmp/bad/odt-renamed.docx"
: > "$tmp/bad/empty.txt"
: > "$tmp/bad/empty.docx"
check "an empty text file is refused" refused empty "$tmp/bad/empty.txt"
check "an empty .docx is refused" refused empty "$tmp/bad/empty.docx"
printf 'Xin chào.\nHẹn gặp lại vào tuần sau.\n' > "$tmp/bad/thu.txt"
check "a text with no report is refused" refused none "$tmp/bad/thu.txt"
printf 'B\341o c\341o\n' > "$tmp/bad/cp1258.txt"
check "a text not in UTF-8 is refused" refused enc "$tmp/bad/cp1258.txt"
check "the encoding is explained" has "$tmp/out" "UTF-8"

# ---- a batch's reports: examples/tinh (a workbook's communes, the summary) --------
# each .docx imported and rendered again gives the same document text; the
# summary's agency, printed in capitals, takes its case from the appendix's
# reference line ("... của Sở Nội vụ")
check "the province's batch" status 0 "$bc" batch "$root/examples/tinh/tinh.yaml" -o "$tmp/tinh"
mkdir -p "$tmp/tinh-again"
same=0 reports=0
for f in "$tmp"/tinh/*.docx; do
    n=$(basename "$f" .docx)
    reports=$((reports + 1))
    "$bc" nhap "$f" -o "$tmp/tinh-again/$n.yaml" > /dev/null 2>&1 &&
        "$bc" render "$tmp/tinh-again/$n.yaml" -o "$tmp/tinh-again/$n.docx" > /dev/null 2>&1 &&
        docx_text "$f" > "$tmp/tinh-a.txt" && docx_text "$tmp/tinh-again/$n.docx" > "$tmp/tinh-b.txt" &&
        cmp -s "$tmp/tinh-a.txt" "$tmp/tinh-b.txt" && same=$((same + 1)) ||
        echo "  $n: imported and rendered again, its text differs or it failed"
done
check "the batch's 21 reports imported, rendered again: the same text" test "$same/$reports" = 21/21
check "the summary's agency in the text's case" has "$tmp/tinh-again/tong-hop.yaml" "co_quan: Sở Nội vụ"

# ---- a report saved again by LibreOffice (its own styles, numbering and runs) ----
# imports to the same YAML as the .docx baocao wrote
if "$root/tools/ensure-deps.sh" --cmd soffice > /dev/null 2>&1; then
    mkdir -p "$tmp/lo"
    check "render for LibreOffice" status 0 "$bc" render "$root/examples/cam-vu-2023.yaml" -o "$tmp/lo/cv.docx"
    check "LibreOffice saves it again" status 0 timeout 300 soffice --headless \
        "-env:UserInstallation=file://$tmp/lo/profile" --convert-to 'docx:MS Word 2007 XML' \
        --outdir "$tmp/lo/again" "$tmp/lo/cv.docx"
    check "import of baocao's .docx" status 0 "$bc" nhap "$tmp/lo/cv.docx" -o "$tmp/lo/a.yaml"
    check "import of LibreOffice's" status 0 "$bc" nhap "$tmp/lo/again/cv.docx" -o "$tmp/lo/b.yaml"
    check "the same YAML from both" cmp -s "$tmp/lo/a.yaml" "$tmp/lo/b.yaml"
else
    echo "test-nhap: LibreOffice's .docx SKIPPED (no soffice)"
fi

# ---- a clerk's .docx, a .docx with no report ------------------------------------
. "$here/docx.sh"

# ---- the seeds (../shared/seeds) -------------------------------------------------
if [ -d "$shared/seeds" ]; then
    . "$here/seeds.sh"
else
    echo "test-nhap: the seeds SKIPPED ($shared/seeds is not here)"
fi

tally "nhap checks"
