#!/bin/sh
# sheet-batch.sh - batches from a clerk's spreadsheet (issue "Spreadsheets
# as clerks keep them"): a sheet of every commune of the country (3,321
# rows, 15 columns; each report has examples/tinh's body) as CSV, and as .xlsx and .ods saved by LibreOffice
# Calc from it. Prints the time to read each workbook (target: the .xlsx
# under 0.3 s), the median wall time of the same batch from each (target:
# the .xlsx within 1.2 times the CSV), what the summary report tong_hop
# adds to the batch (target: under 10 %), and the peak RSS of a batch
# with a summary at 1,000 and 10,000 entries beside one without.
# usage: bench/sheet-batch.sh BAOCAO BENCH_WORKBOOK OUTDIR
# Environment: BENCH_SHEET_RUNS (11).
set -eu
bin=$1
reader=$2
dir=$3
runs=${BENCH_SHEET_RUNS:-11}
mkdir -p "$dir"
"$(dirname "$0")/../tools/ensure-deps.sh" --cmd soffice calc /usr/bin/time

# rows N FILE: the CSV of N communes, 15 columns
rows() {
    awk -v n="$1" 'BEGIN {
        printf "co_quan,dia_danh,so,nguoi_ky.ho_ten"
        for (k = 1; k <= 11; k++) printf ",so_lieu.c%d", k
        print ""
        for (i = 1; i <= n; i++) {
            printf "Ủy ban nhân dân xã An Hòa %d,An Hòa %d,%d,Nguyễn Văn An", i, i, i % 90 + 1
            for (k = 1; k <= 11; k++) printf ",%d", (i * k * 37) % 5000
            print ""
        }
    }' > "$2"
}

# batch BOOK SUMMARY FILE: the batch YAML over danh_sach BOOK, with a
# summary (an appendix listing every entry, and the totals) when SUMMARY is 1
batch() {
    cat > "$3" <<YAML
chung:
  ky_hieu_co_quan: UBND
  ngay: 2024-07-05
  ky_bao_cao: { nam: 2024, nua: 1 }
  trich_yeu: Công tác tuyên truyền cải cách hành chính {{ky_bao_cao.ten}}
  noi_dung: |
    Thực hiện Kế hoạch tuyên truyền cải cách hành chính năm {{ky_bao_cao.nam}} của Ủy ban nhân dân tỉnh, Ủy ban nhân dân xã {{dia_danh}} báo cáo kết quả {{ky_bao_cao.ten}} như sau:

    I. KẾT QUẢ THỰC HIỆN

    1. Tuyên truyền trên hệ thống thông tin cơ sở

    Xã đã đăng {{so_lieu.c1}} tin, bài về cải cách hành chính trên trang thông tin điện tử và hệ thống truyền thanh cơ sở; tổ chức {{so_lieu.c2}} buổi tuyên truyền trực tiếp với {{so_lieu.c3}} lượt người tham dự.

    2. Dịch vụ công trực tuyến

    Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận trực tuyến đạt {{so_lieu.c4}} hồ sơ trên tổng số {{so_lieu.c5}} hồ sơ tiếp nhận.

    II. ĐỀ XUẤT, KIẾN NGHỊ

    Đề nghị Sở Nội vụ tiếp tục tổ chức tập huấn kỹ năng tuyên truyền cải cách hành chính cho công chức cấp xã.
  noi_nhan: [Ủy ban nhân dân tỉnh, "Lưu: VT"]
  nguoi_ky: { chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch] }
danh_sach: $1
YAML
    [ "$2" = 1 ] || return 0
    cat >> "$3" <<'YAML'
tong_hop:
  co_quan_chu_quan: Ủy ban nhân dân tỉnh An Hòa
  co_quan: Sở Nội vụ
  ky_hieu_co_quan: SNV
  so: 215
  dia_danh: An Hòa
  ngay: 2024-07-15
  ky_bao_cao: { nam: 2024, nua: 1 }
  trich_yeu: Tổng hợp kết quả công tác tuyên truyền của {{tong.so_muc}} xã {{ky_bao_cao.ten}}
  noi_dung: |
    Các xã đã đăng {{tong.so_lieu.c1}} tin, bài; tổ chức {{tong.so_lieu.c2}} buổi tuyên truyền (chi tiết tại Phụ lục).
  phu_luc:
    - ten: Kết quả của các xã {{ky_bao_cao.ten}}
      ngang: true
      noi_dung: |
        | STT | Xã | Báo cáo số | Tin, bài | Buổi | Lượt người |
        |:---:|---|:---:|---:|---:|---:|
        {{#danh_sach}}
        | {{stt}} | {{dia_danh}} | {{so_ky_hieu}} | {{so_lieu.c1}} | {{so_lieu.c2}} | {{so_lieu.c3}} |
        {{/danh_sach}}
        | | **Tổng cộng** | | =tong | =tong | =tong |
  noi_nhan: ["Lưu: VT"]
  nguoi_ky: { chuc_danh: [KT. Giám đốc, Phó Giám đốc], ho_ten: Nguyễn Văn Bình }
YAML
}

. "$(dirname "$0")/batch-median.sh"

n=3321
if [ ! -f "$dir/xa.xlsx" ] || [ ! -f "$dir/xa.ods" ]; then
    rows "$n" "$dir/xa.csv"
    profile=$(mktemp -d)
    for kind in xlsx ods; do
        soffice --headless -env:UserInstallation="file://$profile" \
            --infilter="CSV:44,34,76,1" --convert-to "$kind" --outdir "$dir" "$dir/xa.csv" \
            > /dev/null 2>&1
    done
    rm -rf "$profile"
fi
"$reader" 15 "$dir/xa.xlsx" "$dir/xa.ods" | sed "s|$dir/||"
for kind in csv xlsx ods; do
    batch "xa.$kind" 0 "$dir/$kind.yaml"
done
batch xa.xlsx 1 "$dir/summary.yaml"
for f in csv xlsx ods summary; do
    if ! "$bin" batch "$dir/$f.yaml" -o "$dir/check" > /dev/null 2> "$dir/stderr.log"; then
        echo "sheet-batch: the $f batch fails:"; tail -3 "$dir/stderr.log"; exit 1
    fi
    rm -rf "$dir/check"
done
# the four alternate run by run, so that a busy moment of the machine
# slows each alike
t_csv= t_xlsx= t_ods= t_sum=
for i in $(seq "$runs"); do
    t_csv="$t_csv $(runs=1 median_ms "$dir/csv.yaml")"
    t_xlsx="$t_xlsx $(runs=1 median_ms "$dir/xlsx.yaml")"
    t_ods="$t_ods $(runs=1 median_ms "$dir/ods.yaml")"
    t_sum="$t_sum $(runs=1 median_ms "$dir/summary.yaml")"
done
# the median, and the fastest run: this machine's neighbours slow single
# runs by 10 to 40 %, which moves a median of a few runs more than the
# differences measured here; the fastest run is what the work costs
med() { echo $1 | tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR+1)/2)] }'; }
low() { echo $1 | tr ' ' '\n' | sort -n | head -1; }
for stat in med low; do
    csv=$($stat "$t_csv"); xlsx=$($stat "$t_xlsx"); ods=$($stat "$t_ods"); sum=$($stat "$t_sum")
    [ $stat = med ] && what="median of $runs runs" || what="fastest of $runs runs"
    awk -v n="$n" -v c="$csv" -v x="$xlsx" -v o="$ods" -v s="$sum" -v w="$what" 'BEGIN {
        printf "N = %d, %s: from CSV %d ms, from .xlsx %d ms (%.2fx; target: at most 1.2x), from .ods %d ms (%.2fx); with the summary tong_hop (an appendix row per entry) %d ms, %+.1f %% (target: under 10 %%)\n",
            n, w, c, x, (c > 0 ? x / c : 0), o, (c > 0 ? o / c : 0), s, (x > 0 ? (s - x) * 100 / x : 0) }'
done

# memory: what the summary keeps grows with the entries' data
for m in 1000 10000; do
    rows "$m" "$dir/xa-$m.csv"
    batch "xa-$m.csv" 0 "$dir/plain-$m.yaml"
    batch "xa-$m.csv" 1 "$dir/sum-$m.yaml"
    for f in plain sum; do
        rm -rf "$dir/out"
        /usr/bin/time -f "%M" -o "$dir/rss" "$bin" batch "$dir/$f-$m.yaml" -o "$dir/out" \
            > /dev/null 2>&1 || true
        eval "rss_$f=\$(cat "$dir/rss")"
    done
    rm -rf "$dir/out"
    echo "N = $m: peak RSS $rss_plain KB without a summary, $rss_sum KB with it"
done
