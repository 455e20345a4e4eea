#!/bin/sh
# pdf-batch.sh - what a PDF costs, side by side in one run on this machine:
#  - `batch --pdf` of 100 reports (LibreOffice in chunks, one process per
#    core, each PDF checked and finished), per report, against one plain
#    `soffice --convert-to pdf` process per report (measured on a sample
#    of SAMPLE of the same .docx files; the target is 8 times faster and
#    at most 0.15 s a report);
#  - `render --pdf` of one report against LibreOffice's own start-up plus
#    conversion of the same .docx (a plain soffice call with a warm
#    profile of its own).
# usage: bench/pdf-batch.sh BAOCAO OUT_DIR
# Environment: PDF_BENCH_N (100), PDF_BENCH_SAMPLE (5).
set -eu
bc=$1
out=$2
n=${PDF_BENCH_N:-100}
sample=${PDF_BENCH_SAMPLE:-5}
if ! command -v soffice > /dev/null 2>&1; then
    echo "pdf bench: skipped (no soffice)"
    exit 0
fi
rm -rf "$out"
mkdir -p "$out"
export XDG_CACHE_HOME="$out/cache"
now() { date +%s.%N; }
{
    cat <<'YAML'
chung:
  loai: bao_cao
  co_quan_chu_quan: Ủy ban nhân dân tỉnh Hải Dương
  ky_hieu_co_quan: UBND
  ngay: 2024-07-05
  ky_bao_cao: { nam: 2024, nua: 1 }
  trich_yeu: Kết quả công tác tuyên truyền cải cách hành chính {{ky_bao_cao.ten}}
  noi_dung: |
    I. KẾT QUẢ

    Trong kỳ, xã {{dia_danh}} đăng {{so}} tin, bài trên trang thông tin điện tử, tổ chức
    hội nghị quán triệt và tuyên truyền trên hệ thống loa truyền thanh.

    II. PHƯƠNG HƯỚNG

    Tiếp tục đẩy mạnh tuyên truyền cải cách hành chính.
  noi_nhan: [UBND tỉnh, "Lưu: VT"]
  nguoi_ky: { chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: Nguyễn Hữu Tuấn }
YAML
    echo "danh_sach:"
    i=1
    while [ "$i" -le "$n" ]; do
        echo "  - { co_quan: Ủy ban nhân dân xã Số $i, dia_danh: Xã Số $i, so: $i }"
        i=$((i + 1))
    done
} > "$out/b.yaml"

# warm both profiles first: first starts are not what is compared
"$bc" batch "$out/b.yaml" -o "$out/warm" --pdf > /dev/null 2>&1
soffice -env:UserInstallation="file://$out/plain-profile" --headless --convert-to pdf \
    --outdir "$out/plain-warm" "$out/warm/xa-so-1.docx" > /dev/null 2>&1

t0=$(now)
"$bc" batch "$out/b.yaml" -o "$out/run" --pdf > /dev/null 2> "$out/err" || {
    cat "$out/err"
    exit 1
}
t1=$(now)
made=$(ls "$out/run"/*.pdf | wc -l)
t2=$(now)
i=1
while [ "$i" -le "$sample" ]; do
    soffice -env:UserInstallation="file://$out/plain-profile" --headless --convert-to pdf \
        --outdir "$out/plain" "$out/run/xa-so-$i.docx" > /dev/null 2>&1
    i=$((i + 1))
done
t3=$(now)
echo "$t0 $t1 $t2 $t3 $n $sample $made" | awk '{
    batch = ($2 - $1) / $5; plain = ($4 - $3) / $6
    printf "batch --pdf, %d reports: %.2f s, %.3f s a report (%d PDFs; target <= 0.15)\n", $5, $2 - $1, batch, $7
    printf "one soffice per report (%d of them): %.3f s a report\n", $6, plain
    printf "batch --pdf is %.1f times faster (target >= 8)\n", plain / batch
}'

# one report: render --pdf against soffice's own start-up and conversion
cp "$out/b.yaml" "$out/one.yaml"
sed -i '/^danh_sach:/,$d; s/^chung://; s/^  //' "$out/one.yaml"
cat >> "$out/one.yaml" <<'YAML'
co_quan: Ủy ban nhân dân xã Số 1
dia_danh: Xã Số 1
so: 1
YAML
best_render=999 best_plain=999
for _ in 1 2 3; do
    a=$(now)
    "$bc" render "$out/one.yaml" -o "$out/one.docx" --pdf > /dev/null 2>&1
    b=$(now)
    soffice -env:UserInstallation="file://$out/plain-profile" --headless --convert-to pdf \
        --outdir "$out/plain-one" "$out/one.docx" > /dev/null 2>&1
    c=$(now)
    best_render=$(echo "$a $b $best_render" | awk '{ t = $2 - $1; print (t < $3 ? t : $3) }')
    best_plain=$(echo "$b $c $best_plain" | awk '{ t = $2 - $1; print (t < $3 ? t : $3) }')
done
echo "$best_render $best_plain" | awk '{
    printf "render --pdf, one report: %.2f s; LibreOffice start-up + conversion alone: %.2f s (fastest of 3)\n", $1, $2
}'
rm -rf "$out"
