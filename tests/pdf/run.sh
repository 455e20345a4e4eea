#!/bin/sh
# run.sh - `render --pdf` and `batch --pdf` through the command line, with
# fake LibreOffices and the real one:
#  1. a fake soffice that exits 0 and writes nothing, one that writes a
#     truncated PDF, one that hangs (and its child too): exit 1, a message
#     naming the report, no PDF (an older one of the same name removed),
#     within the time limit, no process of theirs left;
#  2. a LibreOffice of the user's already running: the conversion works
#     and that instance is still running afterwards;
#  3. HOME not writable: the conversion works, through a temporary
#     profile;
#  4. a batch of 50 with --pdf: 50 PDFs, each PDF/A-2b (XMP pdfaid:part
#     2), fonts embedded, as many pages as LibreOffice gives the .docx, a
#     signature field over the signature space; two runs give the same
#     bytes; no LibreOffice lock or temporary file left; the summary
#     tong-hop.pdf made with the reports;
#  5. the signature and seal images in the .docx and the PDF, the
#     signature field between the signer's title line and name.
# usage: tests/pdf/run.sh BUILD_DIR
set -u
build=$1
bc=$(cd "$build" && pwd)/baocao
root=$(pwd)
tmp=$(mktemp -d)
cleanup() {
    [ -f "$tmp/user.pid" ] && kill "$(cat "$tmp/user.pid")" 2>/dev/null
    chmod -R u+w "$tmp" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "$0")/../lib.sh"
tools/ensure-deps.sh --cmd soffice pdfinfo pdffonts pdftotext || exit 1
export XDG_CACHE_HOME="$tmp/cache"
export TMPDIR="$tmp/tmpdir" # what baocao and LibreOffice leave there is seen
mkdir -p "$TMPDIR"


cat > "$tmp/r.yaml" <<'EOF'
loai: bao_cao
co_quan_chu_quan: Ủy ban nhân dân huyện Cẩm Giàng
co_quan: Ủy ban nhân dân xã Cẩm Vũ
ky_hieu_co_quan: UBND
so: 17
dia_danh: Cẩm Vũ
ngay: 2024-07-05
ky_bao_cao: { nam: 2024, nua: 1 }
trich_yeu: Kết quả công tác tuyên truyền cải cách hành chính {{ky_bao_cao.ten}}
noi_dung: |
  I. KẾT QUẢ

  Trong kỳ, xã đăng 58 tin, bài trên trang thông tin điện tử.
noi_nhan: [UBND huyện Cẩm Giàng, "Lưu: VT"]
nguoi_ky: { chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: Nguyễn Hữu Tuấn }
phu_luc:
  - ten: Số liệu tuyên truyền
    noi_dung: |
      Tin, bài: 58.
EOF

# ---- 1. fake LibreOffices --------------------------------------------------
mkdir -p "$tmp/fake-none" "$tmp/fake-cut" "$tmp/fake-hang"
fake_head='#!/bin/sh
out=; take=; for a in "$@"; do
  if [ -n "$take" ]; then out=$a; take=; continue; fi
  [ "$a" = --outdir ] && take=1
done
last=; for a in "$@"; do last=$a; done
name=$(basename "$last" .docx)'
printf '%s\nexit 0\n' "$fake_head" > "$tmp/fake-none/soffice"
printf '%s\nprintf "%%s" "%%PDF-1.7\n1 0 obj\n<</Type/Catalog" > "$out/$name.pdf"\nexit 0\n' \
    "$fake_head" > "$tmp/fake-cut/soffice"
printf '%s\necho $$ > "%s/hang.pid"\nsleep 1000 &\necho $! > "%s/child.pid"\nwait\n' \
    "$fake_head" "$tmp" "$tmp" > "$tmp/fake-hang/soffice"
chmod +x "$tmp"/fake-*/soffice

cd "$tmp" || exit 1
echo old > r.pdf
check "fake: writes nothing -> exit 1" env PATH="$tmp/fake-none:$PATH" \
    sh -c "'$bc' render r.yaml --pdf > out 2> err; [ \$? = 1 ]"
check "fake: writes nothing -> named message" grep -q "r.pdf.*LibreOffice made no PDF" err
check "fake: writes nothing -> no PDF, the older one removed" test ! -e r.pdf
check "fake: the .docx is written" test -s r.docx

check "fake: truncated -> exit 1" env PATH="$tmp/fake-cut:$PATH" \
    sh -c "'$bc' render r.yaml --pdf > out 2> err; [ \$? = 1 ]"
check "fake: truncated -> not a complete PDF" grep -q "r.pdf.*not a complete PDF" err
check "fake: truncated -> no PDF" test ! -e r.pdf

start=$(date +%s)
check "fake: hangs -> exit 1" env PATH="$tmp/fake-hang:$PATH" \
    sh -c "'$bc' render r.yaml --pdf --pdf-timeout 2 > out 2> err; [ \$? = 1 ]"
took=$(( $(date +%s) - start ))
check "fake: hangs -> stopped within the limit (${took} s)" test "$took" -le 8
check "fake: hangs -> message" grep -q "r.pdf" err
check "fake: hangs -> no PDF" test ! -e r.pdf
sleep 0.5
gone() { # gone PID: no such process, or only its zombie left to reap
    ! ps -o stat= -p "$1" 2>/dev/null | grep -qv '^Z'
}
check "fake: hangs -> its process is gone" gone "$(cat hang.pid 2>/dev/null || echo 999999)"
check "fake: hangs -> its child is gone" gone "$(cat child.pid 2>/dev/null || echo 999999)"

check "no soffice on PATH -> exit 1" env PATH="/nonexistent" \
    /bin/sh -c "'$bc' render r.yaml --pdf > out 2> err; [ \$? = 1 ]"
check "no soffice -> names the package" grep -q "libreoffice-writer-nogui" err
check "--pdf-timeout 0 is a usage error" status 2 "$bc" render r.yaml --pdf --pdf-timeout 0
check "--pdf-timeout x is a usage error" status 2 "$bc" render r.yaml --pdf --pdf-timeout x

# ---- 2. the user's LibreOffice running ---------------------------------------
mkdir -p "$tmp/home"
mkdir -p "$tmp/othertmp"
HOME="$tmp/home" TMPDIR="$tmp/othertmp" soffice --headless --norestore --nologo > /dev/null 2>&1 &
echo $! > "$tmp/user.pid"
for _ in $(seq 1 100); do # until it has made its profile and runs
    [ -d "$tmp/home/.config/libreoffice/4/user" ] && break
    sleep 0.2
done
sleep 2
user_bin=$(pgrep -f "soffice.bin.*--norestore --nologo" | head -1)
check "user's LibreOffice: started" test -n "$user_bin"
check "user's LibreOffice running: render --pdf works" \
    env HOME="$tmp/home" sh -c "'$bc' render r.yaml --pdf > out 2> err"
check "user's LibreOffice running: the PDF is there" test -s r.pdf
check "user's LibreOffice: still running afterwards" kill -0 "${user_bin:-999999}"
kill "$(cat "$tmp/user.pid")" "${user_bin:-999999}" 2>/dev/null
rm -f "$tmp/user.pid"

# ---- 3. HOME not writable ----------------------------------------------------
rm -f r.pdf
mkdir -p "$tmp/t3"
check "HOME not writable: render --pdf works" \
    env -u XDG_CACHE_HOME HOME=/proc TMPDIR="$tmp/t3" sh -c "'$bc' render r.yaml --pdf > out 2> err"
check "HOME not writable: the PDF is there" test -s r.pdf
check "HOME not writable: its temporary profile is gone" test -z "$(ls -A "$tmp/t3")"

# ---- 4. a batch of 50 -----------------------------------------------------------
{
    cat <<'EOF'
chung:
  loai: bao_cao
  co_quan_chu_quan: Ủy ban nhân dân tỉnh Hải Dương
  ky_hieu_co_quan: UBND
  ngay: 2024-07-05
  ky_bao_cao: { nam: 2024, nua: 1 }
  trich_yeu: Kết quả công tác tuyên truyền cải cách hành chính {{ky_bao_cao.ten}}
  noi_dung: |
    I. KẾT QUẢ

    Trong kỳ, xã {{dia_danh}} đăng tin, bài trên trang thông tin điện tử.
  noi_nhan: [UBND tỉnh, "Lưu: VT"]
  nguoi_ky: { chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: Nguyễn Hữu Tuấn }
  phu_luc:
    - ten: Số liệu tuyên truyền
      noi_dung: |
        Tin, bài của xã {{dia_danh}}.
EOF
    echo "danh_sach:"
    for i in $(seq 1 50); do
        echo "  - { co_quan: Ủy ban nhân dân xã Số $i, dia_danh: Xã Số $i, so: $i }"
    done
} > "$tmp/b50.yaml"
check "batch of 50 --pdf: exit 0" status 0 "$bc" batch b50.yaml -o run1 --pdf
check "batch of 50: 50 PDFs" test "$(ls run1/*.pdf 2>/dev/null | wc -l)" = 50
check "batch of 50: 50 .docx" test "$(ls run1/*.docx 2>/dev/null | wc -l)" = 50
check "batch of 50: says 50 written" grep -q "^50 written, 0 failed" err
pdfa=0 fonts=0 pages=0 form=0
for f in run1/*.pdf; do
    grep -aq "<pdfaid:part>2</pdfaid:part>" "$f" && pdfa=$((pdfa + 1))
    # every font embedded: no line of pdffonts with "no" in the emb column
    pdffonts "$f" 2>/dev/null | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }' &&
        fonts=$((fonts + 1))
    n=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    [ "${n:-0}" -ge 2 ] && pages=$((pages + 1))
    pdfinfo "$f" 2>/dev/null | grep -q "^Form: *AcroForm" && form=$((form + 1))
done
check "batch of 50: each PDF/A-2b ($pdfa)" test "$pdfa" = 50
check "batch of 50: fonts embedded ($fonts)" test "$fonts" = 50
check "batch of 50: report + appendix pages ($pages)" test "$pages" = 50
check "batch of 50: a signature field each ($form)" test "$form" = 50
# the page count LibreOffice gives the .docx itself, for three of them
mkdir -p plain
for i in 1 25 50; do
    TMPDIR="$tmp/othertmp" soffice -env:UserInstallation="file://$tmp/plain-profile" --headless \
        --convert-to pdf --outdir plain "run1/xa-so-$i.docx" > /dev/null 2>&1
    a=$(pdfinfo "plain/xa-so-$i.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    b=$(pdfinfo "run1/xa-so-$i.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    check "batch: xa-so-$i.pdf has the .docx's $a pages" test -n "$a" -a "$a" = "$b"
done
check "batch of 50, again: exit 0" status 0 "$bc" batch b50.yaml -o run2 --pdf
same=0
for f in run1/*.pdf; do cmp -s "$f" "run2/${f#run1/}" && same=$((same + 1)); done
check "batch of 50: the same PDF bytes twice ($same)" test "$same" = 50
check "batch: no LibreOffice lock or temporary file left" \
    sh -c "! ls -A run1 run2 | grep -q '^\.\|\.tmp$'"
# the field spans the signature space: between the title line and the name
sig=$(grep -ao '/FT/Sig/T(ChuKy)[^[]*/Rect\[[0-9. ]*\]' run1/xa-so-1.pdf | sed 's/.*Rect\[//; s/\]//')
check "batch: the signature field has a rectangle ($sig)" test -n "$sig"

# ---- 5. the signature and seal images, and the field over the space --------
check "images: render --pdf exit 0" status 0 "$bc" render "$root/examples/dien-tu-2024.yaml" -o dt.docx --pdf
imgs=$(pdfimages -list dt.pdf 2>/dev/null | awk '$3 == "image"' | wc -l)
check "images: the signature and the seal are in the PDF ($imgs)" test "$imgs" = 2
check "images: both in the .docx" sh -c "unzip -l dt.docx | grep -c 'word/media/.*png' | grep -qx 2"
rect=$(grep -ao '/FT/Sig/T(ChuKy)[^[]*/Rect\[[0-9. ]*\]' dt.pdf | sed 's/.*Rect\[//; s/\]//')
# the title line above the field, the name below it (pdftotext: y from the top)
pdftotext -bbox -f 1 -l 1 dt.pdf dt.html 2>/dev/null
page_h=$(pdfinfo dt.pdf | awk '/^Page size:/ { print $5 }')
title_bottom=$(grep '>TỊCH<' dt.html | sed 's/.*yMax="\([0-9.]*\)".*/\1/' | head -1)
name_top=$(grep '>Nguyễn<' dt.html | sed 's/.*yMin="\([0-9.]*\)".*/\1/' | tail -1)
check "images: the field lies between the title line and the name ($rect)" \
    awk -v r="$rect" -v h="$page_h" -v t="$title_bottom" -v n="$name_top" 'BEGIN {
        split(r, c, " "); top = h - c[4]; bottom = h - c[2]
        exit !(t != "" && n != "" && top >= t - 3 && bottom <= n + 3 && bottom - top > 40) }'

# the images' errors: located, exit 1, nothing written
img=$root/tests/fixtures/images
for case in "missing:khong-co.png:cannot" "not-png:khong-phai-png.png:PNG" "no-dpi:dau-khong-dpi.png:con_dau_mm"; do
    name=${case%%:*}; rest=${case#*:}; file=${rest%%:*}; want=${rest#*:}
    mkdir -p "img-$name"
    sed '/^nguoi_ky:/d' r.yaml > "img-$name/r.yaml"
    if [ "$name" = no-dpi ]; then
        cp "$img/$file" "img-$name/"
        printf 'nguoi_ky: { chuc_danh: Chủ tịch, ho_ten: Nguyễn Hữu Tuấn }\ncon_dau: %s\n' "$file" >> "img-$name/r.yaml"
    else
        [ -f "$img/$file" ] && cp "$img/$file" "img-$name/"
        printf 'nguoi_ky: { chuc_danh: Chủ tịch, ho_ten: Nguyễn Hữu Tuấn, chu_ky: %s }\n' "$file" >> "img-$name/r.yaml"
    fi
    check "images, $name: exit 1" status 1 "$bc" render "img-$name/r.yaml"
    check "images, $name: located (r.yaml:LINE:COL)" grep -q "r.yaml:[0-9]*:[0-9]*: error" "$tmp/err"
    check "images, $name: says why ($want)" grep -qi "$want" "$tmp/err"
    check "images, $name: no .docx" test ! -e "img-$name/r.docx"
done

# the summary's PDF too, with its appendix
check "examples/tinh --pdf: exit 0" status 0 "$bc" batch "$root/examples/tinh/tinh.yaml" -o tinh --pdf
check "examples/tinh: 21 PDFs" test "$(ls tinh/*.pdf 2>/dev/null | wc -l)" = 21
n=$(pdfinfo tinh/tong-hop.pdf 2>/dev/null | awk '/^Pages:/ { print $2 }')
check "examples/tinh: tong-hop.pdf with its appendix (${n:-0} pages)" test "${n:-0}" -ge 2

check "nothing left in TMPDIR ($(ls -A "$TMPDIR" | head -3 | tr '\n' ' '))" test -z "$(ls -A "$TMPDIR")"

tally test-pdf
