#!/bin/sh
# run.sh - the signature and seal images of an electronic copy (input.md
# 1.1, docs/input-format.md 2.4), through the command line:
#  1. a report naming nguoi_ky.chu_ky and con_dau: both images embedded
#     unchanged (word/media/*.png, their relationships, the png content
#     type), drawn as floating anchors whose offsets and extents (EMU)
#     are the ones the geometry gives for the built-in template's signer
#     cell (3,528,060 x 972,185 EMU), with the seal sized by con_dau_mm or
#     by the file's pHYs resolution, and without a signature; paths
#     relative to the YAML file's folder, whatever the working folder;
#  2. the bookmarks ChuKy and HoTenKy, with images or without, and a
#     report without images has no media, no png type, no drawing;
#  3. errors: a missing file, not a PNG, a damaged PNG, a seal with no
#     resolution and no con_dau_mm, one whose resolution gives 141 mm, a
#     bad con_dau_mm, a list for a file: exit 1, file:line:col, nothing
#     written; `check` reports a missing file too;
#  4. a batch with the images in `chung`: every entry gets them, an entry
#     may drop or replace one, the shared files are opened once for the
#     whole batch, by `batch` and by `check` (strace), a missing shared
#     file fails every entry at
#     chung's line; a CSV column names its image relative to the CSV;
#  5. LibreOffice (with ../shared): the documents validate; the page with
#     the images is laid out as the one without (the name and the titles
#     where they were), the seal at its real size (its pixels per inch in
#     the PDF); the page is left in BUILD/images-test/ to look at.
# The PNG fixtures are tests/fixtures/images/*.png, made by
# make-images.py there (committed).
# usage: tests/images/run.sh BUILD_DIR SHARED_DIR
set -u
build=$1
shared=$2
bc=$(cd "$build" && pwd)/baocao
src=$(pwd)
fix=$src/tests/fixtures/images
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../lib.sh"
tools/ensure-deps.sh --cmd python3 || exit 1
py=/usr/bin/python3
use_validate test-images "$shared"

absent() { [ ! -e "$1" ] || { echo "  written: $1"; return 1; }; }
# the facts of a .docx the checks compare, one a line
facts() { # facts DOCX
    $py - "$1" <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
for n in names:
    if n.startswith("word/media/"):
        print("part", n, z.getinfo(n).compress_type and "deflated" or "stored")
types = z.read("[Content_Types].xml").decode()
for m in re.finditer(r'<Default Extension="png" ContentType="([^"]*)"/>', types):
    print("type png", m.group(1))
for m in re.finditer(r'<Relationship Id="(rIdBaocao[^"]*)" Type="[^"]*/image" Target="([^"]*)"/>',
                     z.read("word/_rels/document.xml.rels").decode()):
    print("rel", m.group(1), m.group(2))
doc = z.read("word/document.xml").decode()
for m in re.finditer(r'<wp:anchor .*?</wp:anchor>', doc):
    a = m.group(0)
    h = re.search(r'<wp:positionH relativeFrom="column"><wp:posOffset>(-?\d+)<', a).group(1)
    v = re.search(r'<wp:positionV relativeFrom="paragraph"><wp:posOffset>(-?\d+)<', a).group(1)
    cx, cy = re.search(r'<wp:extent cx="(\d+)" cy="(\d+)"/>', a).groups()
    emb = re.search(r'r:embed="([^"]*)"', a).group(1)
    name = re.search(r'<wp:docPr id="\d+" name="([^"]*)"', a).group(1)
    wrap = "wrapNone" if "<wp:wrapNone/>" in a else "wrap?"
    print("anchor", name, emb, "x", h, "y", v, "cx", cx, "cy", cy, wrap,
          'behindDoc="0"' in a and "front" or "behind")
print("inline", doc.count("<wp:inline"))
# the bookmarks: their paragraph's style, unique ids
ids = []
for p in re.findall(r'<w:p>.*?</w:p>', doc):
    st = re.search(r'<w:pStyle w:val="([^"]*)"/>', p)
    for m in re.finditer(r'<w:bookmarkStart w:id="(\d+)" w:name="([^"]*)"/>', p):
        ids.append(m.group(1))
        first = p.find("<w:bookmarkStart") < min([i for i in (p.find("<w:r>"), p.find("<w:r "), len(p)) if i >= 0])
        print("bookmark", m.group(2), "in", st.group(1) if st else "-", "first" if first else "later")
docpr = re.findall(r'<wp:docPr id="(\d+)"', doc)
print("ids unique", len(set(ids + docpr)) == len(ids + docpr))
EOF
}
has() { # has DOCX LINE: facts DOCX include LINE
    facts "$1" > "$tmp/facts" && grep -qxF -- "$2" "$tmp/facts" ||
        { echo "  $1 lacks: $2"; cat "$tmp/facts"; return 1; }
}
lacks() { # lacks DOCX PATTERN
    facts "$1" > "$tmp/facts" && ! grep -q -- "$2" "$tmp/facts" ||
        { echo "  $1 has: $2"; cat "$tmp/facts"; return 1; }
}
part_is() { # part_is DOCX PART FILE: the part's bytes are the file's
    $py -c 'import sys, zipfile
sys.exit(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]) != open(sys.argv[3], "rb").read())' "$1" "$2" "$3" ||
        { echo "  $1: $2 is not $3"; return 1; }
}

# A report in $tmp/r/ (its images beside it, in anh/), the signer's and
# the top-level keys given.
mkdir -p "$tmp/r/anh" "$tmp/elsewhere"
cp "$fix"/*.png "$tmp/r/anh/"
report() { # report FILE NGUOI_KY_EXTRA TOP_EXTRA
    printf 'co_quan: Ủy ban nhân dân xã A\nky_hieu_co_quan: UBND\nso: 5\ndia_danh: A\nngay: 2024-07-05\ntrich_yeu: T\nnoi_dung: Nội dung.\nnoi_nhan: ["Lưu: VT"]\nnguoi_ky:\n  chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch]\n  ho_ten: Lê Văn A\n%b%b' "$2" "$3" > "$1"
}

# 1. both images, the seal by con_dau_mm, rendered from another folder
report "$tmp/r/mm.yaml" '  chu_ky: anh/ky.png\n' 'con_dau: anh/dau.png\ncon_dau_mm: 36\n'
cd "$tmp/elsewhere"
check "images: exit 0" status 0 "$bc" render ../r/mm.yaml -o "$tmp/mm.docx"
cd "$src"
d=$tmp/mm.docx
check "images: the signature part, stored" has "$d" "part word/media/baocao-chu-ky.png stored"
check "images: the seal part, stored" has "$d" "part word/media/baocao-con-dau.png stored"
check "images: the signature's bytes unchanged" part_is "$d" word/media/baocao-chu-ky.png "$fix/ky.png"
check "images: the seal's bytes unchanged" part_is "$d" word/media/baocao-con-dau.png "$fix/dau.png"
check "images: the png content type" has "$d" "type png image/png"
check "images: the signature's relationship" has "$d" "rel rIdBaocaoChuKy media/baocao-chu-ky.png"
check "images: the seal's relationship" has "$d" "rel rIdBaocaoConDau media/baocao-con-dau.png"
# ky.png is 200 x 80 (5:2): the space's height decides, cy = H = 972185,
# cx = 972185 x 5/2 = 2430462.5 -> 2430463, centred: x = (3528060 -
# 2430463) / 2 = 548798, y = 0
check "images: the signature fits the space, centred" has "$d" \
    "anchor Chữ ký rIdBaocaoChuKy x 548798 y 0 cx 2430463 cy 972185 wrapNone front"
# 36 mm = 1296000 EMU; right edge at a third of the signature:
# x = 548798 + 2430463 / 3 - 1296000 = 62952; middle at the signature's
# middle: y = 972185 / 2 - 1296000 / 2 = -161908
check "images: the seal by con_dau_mm over the signature's left third" has "$d" \
    "anchor Con dấu rIdBaocaoConDau x 62952 y -161908 cx 1296000 cy 1296000 wrapNone front"
check "images: no inline drawing" has "$d" "inline 0"
check "images: ChuKy first in the signature space" has "$d" "bookmark ChuKy in KhoangKy first"
check "images: HoTenKy first in the name" has "$d" "bookmark HoTenKy in HoTen first"
check "images: bookmark and drawing ids unique" has "$d" "ids unique True"
check "images: valid" valid "$d"
check "images: same input, same bytes" status 0 "$bc" render "$tmp/r/mm.yaml" -o "$tmp/mm2.docx"
check "images: byte-identical again" cmp "$tmp/mm.docx" "$tmp/mm2.docx"

# the seal by its pHYs (120 px at 3937 px/m: 120 x 36e6 / 3937 =
# 1097282.2 -> 1097282), with a tall signature (60 x 90 at 72 dpi, square
# pixels: cx = 972185 x 2/3 = 648123, x = (3528060 - 648123) / 2 = 1439968)
report "$tmp/r/dpi.yaml" '  chu_ky: anh/ky-cao.png\n' 'con_dau: anh/dau.png\n'
check "pHYs: exit 0" status 0 "$bc" render "$tmp/r/dpi.yaml" -o "$tmp/dpi.docx"
check "pHYs: a tall signature, centred" has "$tmp/dpi.docx" \
    "anchor Chữ ký rIdBaocaoChuKy x 1439968 y 0 cx 648123 cy 972185 wrapNone front"
# x = 1439968 + 648123 / 3 - 1097282 = 558727; y = 486092 - 548641
check "pHYs: the seal's real size from the file" has "$tmp/dpi.docx" \
    "anchor Con dấu rIdBaocaoConDau x 558727 y -62549 cx 1097282 cy 1097282 wrapNone front"
check "pHYs: valid" valid "$tmp/dpi.docx"

# the seal alone: the space takes the signature's place (x = 3528060 / 3
# - 1097282 = 78738), no signature part
report "$tmp/r/dau.yaml" '' 'con_dau: anh/dau.png\n'
check "seal alone: exit 0" status 0 "$bc" render "$tmp/r/dau.yaml" -o "$tmp/dau.docx"
check "seal alone: over the space's left third" has "$tmp/dau.docx" \
    "anchor Con dấu rIdBaocaoConDau x 78738 y -62549 cx 1097282 cy 1097282 wrapNone front"
check "seal alone: no signature part" lacks "$tmp/dau.docx" "baocao-chu-ky"
check "seal alone: valid" valid "$tmp/dau.docx"
# a seal wider than a third of the space stays in the signer's column
report "$tmp/r/dau-36.yaml" '' 'con_dau: anh/dau.png\ncon_dau_mm: 40\n'
check "seal alone, 40 mm: exit 0" status 0 "$bc" render "$tmp/r/dau-36.yaml" -o "$tmp/dau-40.docx"
check "seal alone, 40 mm: flush with the column's left edge" has "$tmp/dau-40.docx" \
    "anchor Con dấu rIdBaocaoConDau x 0 y -233908 cx 1440000 cy 1440000 wrapNone front"
# the signature alone; con_dau_mm with "," as a decimal point
report "$tmp/r/ky.yaml" '  chu_ky: anh/ky.png\n' 'con_dau_mm: 35,5\n'
check "signature alone: exit 0" status 0 "$bc" render "$tmp/r/ky.yaml" -o "$tmp/ky.docx"
check "signature alone: no seal" lacks "$tmp/ky.docx" "Con dấu"
check "signature alone: the signature" has "$tmp/ky.docx" \
    "anchor Chữ ký rIdBaocaoChuKy x 548798 y 0 cx 2430463 cy 972185 wrapNone front"
report "$tmp/r/mm-comma.yaml" '' 'con_dau: anh/dau.png\ncon_dau_mm: 35,5\n'
check "con_dau_mm 35,5: exit 0" status 0 "$bc" render "$tmp/r/mm-comma.yaml" -o "$tmp/mm-comma.docx"
check "con_dau_mm 35,5: 1278000 EMU" has "$tmp/mm-comma.docx" \
    "anchor Con dấu rIdBaocaoConDau x 0 y -152908 cx 1278000 cy 1278000 wrapNone front"
# an absolute path
report "$tmp/r/abs.yaml" "  chu_ky: $tmp/r/anh/ky.png\n" ''
check "absolute path: exit 0" status 0 "$bc" render "$tmp/r/abs.yaml" -o "$tmp/abs.docx"
check "absolute path: the signature" has "$tmp/abs.docx" "part word/media/baocao-chu-ky.png stored"
# a template exported and given with -t: the same document
check "template export: exit 0" status 0 "$bc" template export -o "$tmp/mau.docx"
check "-t: exit 0" status 0 "$bc" render "$tmp/r/mm.yaml" -t "$tmp/mau.docx" -o "$tmp/mm-t.docx"
check "-t: the same drawings" has "$tmp/mm-t.docx" \
    "anchor Con dấu rIdBaocaoConDau x 62952 y -161908 cx 1296000 cy 1296000 wrapNone front"
check "template check knows nguoi_ky.khoang_ky" status 0 "$bc" template check "$tmp/mau.docx"

# 2. no images: the bookmarks, nothing else
report "$tmp/r/none.yaml" '' ''
check "no image: exit 0" status 0 "$bc" render "$tmp/r/none.yaml" -o "$tmp/none.docx"
check "no image: ChuKy" has "$tmp/none.docx" "bookmark ChuKy in KhoangKy first"
check "no image: HoTenKy" has "$tmp/none.docx" "bookmark HoTenKy in HoTen first"
check "no image: ids unique" has "$tmp/none.docx" "ids unique True"
check "no image: no media" lacks "$tmp/none.docx" "^part"
check "no image: no png type" lacks "$tmp/none.docx" "type png"
check "no image: no drawing" lacks "$tmp/none.docx" "^anchor"
check "no image: the template's relationships as they are" $py -c 'import sys, zipfile
a = zipfile.ZipFile(sys.argv[1]).read("word/_rels/document.xml.rels")
b = open(sys.argv[2], "rb").read()
sys.exit(a != b)' "$tmp/none.docx" templates/bao-cao/word/_rels/document.xml.rels
check "no image: valid" valid "$tmp/none.docx"

# 3. errors: located at the key, exit 1, nothing written
bad_image() { # bad_image NAME NGUOI_KY_EXTRA TOP_EXTRA EXPECTED
    report "$tmp/r/bad.yaml" "$2" "$3"
    rm -f "$tmp/bad.docx"
    check "$1: exit 1" status 1 "$bc" render "$tmp/r/bad.yaml" -o "$tmp/bad.docx"
    check "$1: message" has_err "$4"
    check "$1: nothing written" absent "$tmp/bad.docx"
}
bad_image "missing signature" '  chu_ky: anh/khong-co.png\n' '' \
    "bad.yaml:12:3: error: \`nguoi_ky.chu_ky\`: cannot open $tmp/r/anh/khong-co.png: No such file"
check "missing signature: the hint" has_err "hint: the file's name is relative to the folder"
bad_image "missing seal" '' 'con_dau: dau.png\n' \
    "bad.yaml:12:1: error: \`con_dau\`: cannot open $tmp/r/dau.png: No such file"
bad_image "not a PNG" '  chu_ky: anh/khong-phai-png.png\n' '' \
    "bad.yaml:12:3: error: \`nguoi_ky.chu_ky\`: $tmp/r/anh/khong-phai-png.png is not a PNG image"
bad_image "a damaged PNG" '' 'con_dau: anh/hong.png\ncon_dau_mm: 36\n' \
    "bad.yaml:12:1: error: \`con_dau\`: $tmp/r/anh/hong.png is a damaged PNG image"
bad_image "a folder" '  chu_ky: anh\n' '' "bad.yaml:12:3: error: \`nguoi_ky.chu_ky\`: $tmp/r/anh is not a file"
bad_image "no resolution, no con_dau_mm" '' 'con_dau: anh/dau-khong-dpi.png\n' \
    "bad.yaml:12:1: error: \`con_dau\`: anh/dau-khong-dpi.png gives no resolution"
check "no resolution: the hint" has_err "hint: give the seal's width in millimetres: con_dau_mm: 36"
bad_image "a resolution giving 141 mm" '' 'con_dau: anh/dau-to.png\n' \
    "bad.yaml:12:1: error: \`con_dau\`: at the resolution anh/dau-to.png gives (72 dpi) the seal is 141.1 mm wide"
bad_image "con_dau_mm too small" '' 'con_dau: anh/dau.png\ncon_dau_mm: 5\n' \
    "bad.yaml:13:1: error: \`con_dau_mm\` must be the seal's width in millimetres, from 10 to 60"
bad_image "con_dau_mm not a number" '' 'con_dau: anh/dau.png\ncon_dau_mm: 36mm\n' \
    "bad.yaml:13:1: error: \`con_dau_mm\` must be .* not \`36mm\`"
bad_image "a list for a file" '  chu_ky: [anh/ky.png]\n' '' \
    "bad.yaml:12:3: error: \`nguoi_ky.chu_ky\` must be the name of a PNG file, not a list"
report "$tmp/r/bad.yaml" '  chu_ky: anh/khong-co.png\n' ''
check "check: a missing image is an error" status 1 "$bc" check "$tmp/r/bad.yaml"
check "check: located" grep -q "bad.yaml:12:3: error: \`nguoi_ky.chu_ky\`: cannot open" "$tmp/out" "$tmp/err"
report "$tmp/r/dn.yaml" '  chu_ky: /dev/zero\n' ''
check "/dev/zero: exit 1" status 1 "$bc" render "$tmp/r/dn.yaml" -o "$tmp/bad.docx"
check "/dev/zero: not a file" has_err "/dev/zero is not a file"

# 4. a batch: the images in chung
mkdir -p "$tmp/b/anh" "$tmp/b/csv/anh"
cp "$fix"/ky.png "$fix"/dau.png "$tmp/b/anh/"
cp "$fix"/dau.png "$tmp/b/csv/anh/dau-rieng.png"
cat > "$tmp/b/lo.yaml" <<EOF
chung:
  co_quan: Ủy ban nhân dân xã A
  ky_hieu_co_quan: UBND
  trich_yeu: T
  noi_dung: Nội dung.
  noi_nhan: ["Lưu: VT"]
  nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: Lê Văn A, chu_ky: anh/ky.png}
  con_dau: anh/dau.png
  con_dau_mm: 36
danh_sach:
  - {dia_danh: Một}
  - {dia_danh: Hai, nguoi_ky: {chu_ky: ""}}
  - {dia_danh: Ba}
  - {dia_danh: Bốn}
EOF
check "batch: exit 0" status 0 "$bc" batch "$tmp/b/lo.yaml" -o "$tmp/b/out"
for f in mot ba bon; do
    check "batch: $f has the signature" has "$tmp/b/out/$f.docx" \
        "anchor Chữ ký rIdBaocaoChuKy x 548798 y 0 cx 2430463 cy 972185 wrapNone front"
    check "batch: $f has the seal" has "$tmp/b/out/$f.docx" \
        "anchor Con dấu rIdBaocaoConDau x 62952 y -161908 cx 1296000 cy 1296000 wrapNone front"
done
check "batch: an entry drops the shared signature" lacks "$tmp/b/out/hai.docx" "Chữ ký"
check "batch: ... and keeps the seal, over the space" has "$tmp/b/out/hai.docx" \
    "anchor Con dấu rIdBaocaoConDau x 0 y -161908 cx 1296000 cy 1296000 wrapNone front"
check "batch: valid" valid "$tmp/b/out"/*.docx
if command -v strace > /dev/null 2>&1; then
    rm -rf "$tmp/b/out"
    strace -f -e trace=open,openat -o "$tmp/strace" "$bc" batch "$tmp/b/lo.yaml" -o "$tmp/b/out" \
        > /dev/null 2>&1
    check "batch: the shared signature opened once" test "$(grep -c 'anh/ky.png' "$tmp/strace")" = 1
    check "batch: the shared seal opened once" test "$(grep -c 'anh/dau.png' "$tmp/strace")" = 1
    strace -f -e trace=open,openat -o "$tmp/strace" "$bc" check "$tmp/b/lo.yaml" > /dev/null 2>&1
    check "check of the batch: the shared seal opened once" \
        test "$(grep -c 'anh/dau.png' "$tmp/strace")" = 1
else
    echo "test-images: the open-once checks skipped (no strace)"
fi
sed 's|con_dau: anh/dau.png|con_dau: anh/khong-co.png|' "$tmp/b/lo.yaml" > "$tmp/b/thieu.yaml"
check "batch, missing shared seal: exit 1" status 1 "$bc" batch "$tmp/b/thieu.yaml" -o "$tmp/b/out2"
check "batch, missing shared seal: at chung's line" \
    has_err "entry 4 (Bốn): .*thieu.yaml:8:3: error: \`con_dau\`: cannot open $tmp/b/anh/khong-co.png"
check "batch, missing shared seal: every entry fails" test "$(grep -c 'cannot open' "$tmp/err")" = 4
check "batch, missing shared seal: nothing written" empty_dir "$tmp/b/out2"
# a CSV column: relative to the CSV's folder
printf 'dia_danh,con_dau\nNăm,anh/dau-rieng.png\nSáu,\n' > "$tmp/b/csv/xa.csv"
sed 's|^danh_sach:$|danh_sach: csv/xa.csv|; /^  - /d' "$tmp/b/lo.yaml" > "$tmp/b/csv.yaml"
check "CSV batch: exit 0" status 0 "$bc" batch "$tmp/b/csv.yaml" -o "$tmp/b/out3"
check "CSV batch: the row's own seal" part_is "$tmp/b/out3/nam.docx" word/media/baocao-con-dau.png "$fix/dau.png"
check "CSV batch: an empty cell keeps chung's" part_is "$tmp/b/out3/sau.docx" word/media/baocao-con-dau.png "$fix/dau.png"

# 5. LibreOffice: valid, the layout unchanged, the seal's real size
tools_ok=true
for t in docx-render; do [ -x "$shared/tools/$t" ] || tools_ok=false; done
if $tools_ok && command -v soffice > /dev/null 2>&1 && command -v pdftotext > /dev/null 2>&1; then
    keep=$(cd "$build" && pwd)/images-test
    rm -rf "$keep"
    mkdir -p "$keep"
    cp "$tmp/dpi.docx" "$keep/anh.docx"
    cp "$tmp/none.docx" "$keep/khong-anh.docx"
    "$shared/tools/docx-render" -o "$keep" "$keep/anh.docx" "$keep/khong-anh.docx" > "$keep/render.log" 2>&1 ||
        bad "docx-render: $(grep error "$keep/render.log")"
    words() { pdftotext -bbox "$1" - | grep -E '>(Lê|CHỦ|TỊCH|Lưu:)<'; }
    words "$keep/anh.pdf" > "$tmp/w1"
    words "$keep/khong-anh.pdf" > "$tmp/w2"
    check "LibreOffice: the name and titles where they were without the images" cmp "$tmp/w1" "$tmp/w2"
    check "LibreOffice: the words were found" test -s "$tmp/w1"
    if command -v pdfimages > /dev/null 2>&1; then
        # the seal: 120 px over 30.48 mm is 100 pixels an inch on the page
        check "LibreOffice: the seal at its real size" \
            sh -c 'pdfimages -list "$1" | awk "\$4 == 120 && \$5 == 120 && \$3 == \"image\" && \$13 == 100 { f = 1 } END { exit !f }"' _ "$keep/anh.pdf"
    fi
    echo "test-images: the rendered page is $keep/anh-1.png"
elif [ -d "$shared" ]; then
    echo "test-images: the LibreOffice checks skipped (no soffice or pdftotext)"
fi

tally "image checks"
