#!/bin/sh
# review-batch.sh - what review warnings cost a batch: N entries whose
# block-scalar `noi_dung` has its part headings numbered I, II (no
# finding), and the same N whose first heading is numbered III (one L22
# warning each), each batch run RUNS times; prints the median
# wall time of each and their ratio. The warned batch must stay within
# 1.3 times the plain one (issue "One home for each concept").
# usage: bench/review-batch.sh BAOCAO OUTDIR [N...]   (N: 1000 10000)
# Environment: BENCH_REVIEW_RUNS (5).
set -eu
bin=$1
dir=$2
shift 2
sizes=${*:-1000 10000}
runs=${BENCH_REVIEW_RUNS:-5}
mkdir -p "$dir"

# make N HEADING FILE: a batch of N communes, heading I written as HEADING
make_batch() {
    awk -v n="$1" -v heading="$2" 'BEGIN {
        print "chung:"
        print "  co_quan_chu_quan: Ủy ban nhân dân huyện Cẩm Giàng"
        print "  ky_hieu_co_quan: UBND"
        print "  ngay: 2024-06-20"
        print "  ky_bao_cao: {nam: 2024, nua: 1}"
        print "  trich_yeu: Kết quả công tác tuyên truyền cải cách hành chính {{ky_bao_cao.ten}}"
        print "  noi_nhan: [UBND huyện Cẩm Giàng, \"Lưu: VT\"]"
        print "  nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: Nguyễn Văn An}"
        print "danh_sach:"
        for (i = 1; i <= n; i++) {
            printf "  - dia_danh: An Hòa %d\n", i
            printf "    co_quan: Ủy ban nhân dân xã An Hòa %d\n", i
            printf "    so: %d\n", i
            print  "    noi_dung: |"
            printf "      %s\n\n", heading
            print  "      1. Tình hình tổ chức triển khai"
            print  ""
            print  "      UBND xã ban hành kế hoạch tuyên truyền cải cách hành chính, phân công công chức chuyên môn thực hiện theo từng giai đoạn."
            print  ""
            print  "      - Niêm yết công khai thủ tục hành chính tại bộ phận một cửa."
            print  ""
            print  "      II. PHƯƠNG HƯỚNG, NHIỆM VỤ"
            print  ""
            print  "      Tiếp tục đẩy mạnh tuyên truyền trên hệ thống truyền thanh của xã."
        }
    }' > "$3"
}

. "$(dirname "$0")/batch-median.sh"


for n in $sizes; do
    make_batch "$n" "I. KẾT QUẢ THỰC HIỆN" "$dir/plain-$n.yaml"
    # a part numbered III after none: one L22 numbering warning an entry
    # (sentence-case headings are a note since the severity ladder)
    make_batch "$n" "III. KẾT QUẢ THỰC HIỆN" "$dir/warned-$n.yaml"
    plain=$(median_ms "$dir/plain-$n.yaml")
    warned=$(median_ms "$dir/warned-$n.yaml")
    grep -q "L22" "$dir/stderr.log" || { echo "review-batch: the warned batch gave no L22"; exit 1; }
    awk -v n="$n" -v p="$plain" -v w="$warned" 'BEGIN {
        printf "N = %d: no finding %d ms, one L22 warning an entry %d ms: %.2fx\n",
            n, p, w, (p > 0 ? w / p : 0) }'
done
