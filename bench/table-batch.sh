#!/bin/sh
# table-batch.sh - what body tables cost a batch: N entries with the same
# prose body, once as it is and once with a 20-row table of figures (rows
# from a data list, a =tong row) under a numbered heading; each batch run
# RUNS times; prints the median wall time of each and their ratio. The
# batch with tables must stay within 1.5 times the one without (issue
# "Figures: tables in the body, appendices...").
# usage: bench/table-batch.sh BAOCAO OUTDIR [N...]   (N: 2000)
# Environment: BENCH_TABLE_RUNS (5).
set -eu
bin=$1
dir=$2
shift 2
sizes=${*:-2000}
runs=${BENCH_TABLE_RUNS:-5}
mkdir -p "$dir"

# make N TABLE FILE: a batch of N communes, with the table when TABLE is 1
make_batch() {
    awk -v n="$1" -v table="$2" 'BEGIN {
        print "chung:"
        print "  co_quan_chu_quan: Ủy ban nhân dân tỉnh Hải Dương"
        print "  ky_hieu_co_quan: UBND"
        print "  ngay: 2024-06-20"
        print "  ky_bao_cao: {nam: 2024, nua: 1}"
        print "  trich_yeu: Kết quả giải quyết thủ tục hành chính {{ky_bao_cao.ten}}"
        print "  noi_nhan: [UBND tỉnh Hải Dương, \"Lưu: VT\"]"
        print "  nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: Nguyễn Văn An}"
        print "  linh_vuc:"
        for (r = 1; r <= 20; r++)
            printf "    - {stt: %d, ten: Lĩnh vực số %d, tiep_nhan: \"1.%03d\", da_giai_quyet: %d}\n", r, r, r * 7, r * 31
        print "danh_sach:"
        for (i = 1; i <= n; i++) {
            printf "  - dia_danh: An Hòa %d\n", i
            printf "    co_quan: Ủy ban nhân dân xã An Hòa %d\n", i
            printf "    so: %d\n", i
            print  "    noi_dung: |"
            print  "      I. KẾT QUẢ THỰC HIỆN"
            print  ""
            print  "      1. Kết quả giải quyết hồ sơ"
            print  ""
            print  "      UBND xã tiếp nhận và giải quyết hồ sơ thủ tục hành chính đúng hạn, công khai tại bộ phận một cửa."
            print  ""
            if (table) {
                print  "      | STT | Lĩnh vực | Tiếp nhận | Đã giải quyết |"
                print  "      |:---:|---|---:|---:|"
                print  "      {{#linh_vuc}}"
                print  "      | {{stt}} | {{ten}} | {{tiep_nhan}} | {{da_giai_quyet}} |"
                print  "      {{/linh_vuc}}"
                print  "      | | **Tổng cộng** | =tong | =tong |"
                print  ""
            }
            print  "      II. PHƯƠNG HƯỚNG, NHIỆM VỤ"
            print  ""
            print  "      Tiếp tục đẩy mạnh cải cách hành chính."
        }
    }' > "$3"
}

. "$(dirname "$0")/batch-median.sh"


for n in $sizes; do
    make_batch "$n" 0 "$dir/plain-$n.yaml"
    make_batch "$n" 1 "$dir/table-$n.yaml"
    # the table batch must render: its errors would make it fast
    if ! "$bin" batch "$dir/table-$n.yaml" -o "$dir/check" > /dev/null 2> "$dir/stderr.log"; then
        echo "table-batch: the batch with tables fails:"; tail -3 "$dir/stderr.log"; exit 1
    fi
    rm -rf "$dir/check"
    plain=$(median_ms "$dir/plain-$n.yaml")
    table=$(median_ms "$dir/table-$n.yaml")
    awk -v n="$n" -v p="$plain" -v t="$table" 'BEGIN {
        printf "N = %d: without tables %d ms, with a 20-row table each %d ms: %.2fx (target: at most 1.5x)\n",
            n, p, t, (p > 0 ? t / p : 0) }'
done
