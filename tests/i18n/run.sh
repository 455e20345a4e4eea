#!/bin/sh
# run.sh - the program in Vietnamese (gettext, po/vi.po): under
# LANG=vi_VN.UTF-8 the findings of `baocao check` on the seed fixtures come
# out in Vietnamese with the same rule ids, lines and columns as in
# English, and so do the other messages (a render error, a usage error,
# --help); without the locale the program speaks English; `make install`
# installs the catalogue.
# Debian does not generate vi_VN.UTF-8 by default: as root the suite
# generates it (package `locales`, localedef); otherwise it is skipped.
# usage: tests/i18n/run.sh BUILD_DIR SHARED_DIR
set -u
build=$1
bc=$(cd "$build" && pwd)/baocao
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../lib.sh"

if ! ensure_vi; then
    echo "test-i18n: SKIPPED (locale vi_VN.UTF-8 not generated; as root:" \
         "apt-get install locales && localedef -i vi_VN -f UTF-8 vi_VN.UTF-8)"
    exit 0
fi

vi() { env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=vi_VN.UTF-8 "$@"; }
en() { env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=C.UTF-8 "$@"; }
status() { # status WANT OUTFILE CMD...: stdout and stderr to OUTFILE
    want=$1; out=$2; shift 2
    "$@" > "$out" 2>&1
    got=$?
    [ "$got" = "$want" ] || { echo "  exit $got, want $want: $*"; cat "$out"; return 1; }
}
has() { grep -q -- "$2" "$1" || { echo "  $1 lacks: $2"; cat "$1"; return 1; }; }
lacks() { ! grep -q -- "$2" "$1" || { echo "  $1 has: $2"; cat "$1"; return 1; }; }
# "file:line:col [id]" of each finding
where() { sed -E 's/^([^:]+:[0-9]+:[0-9]+): .*(\[[A-Z][0-9]+\])$/\1 \2/' "$1"; }
same_places() { where "$1" > "$1.w"; where "$2" > "$2.w"; cmp -s "$1.w" "$2.w" || {
    echo "  places differ:"; diff "$1.w" "$2.w"; return 1; }; }
all_differ() { # every line of $1 differs from the same line of $2 (translated)
    paste -d '\n' "$1" "$2" | awk 'NR % 2 { a = $0; next } a == $0 { bad = 1; print "  same: " a } END { exit bad }'
}

for seed in 001 004; do
    y=tests/check/seed-$seed.yaml
    check "seed $seed: English exit 1" status 1 "$tmp/en$seed" en "$bc" check "$y"
    check "seed $seed: Vietnamese exit 1" status 1 "$tmp/vi$seed" vi "$bc" check "$y"
    check "seed $seed: same ids, lines and columns" same_places "$tmp/en$seed" "$tmp/vi$seed"
    check "seed $seed: every finding translated" all_differ "$tmp/en$seed" "$tmp/vi$seed"
    check "seed $seed: no English severity" lacks "$tmp/vi$seed" ": error: \|: warning: \|: note: "
done
check "seed 001: L24 in Vietnamese" has "$tmp/vi001" \
    "seed-001.yaml:44:7: lỗi: \`PHÓ CHỦ TỊCH\` ngay dưới \`TM. ỦY BAN NHÂN DÂN\`: cấp phó ký thay người đứng đầu, giữa hai dòng phải có dòng \`KT. CHỦ TỊCH\` \[L24\]"
check "seed 001: L25 in Vietnamese" has "$tmp/vi001" "seed-001.yaml:45:11: cảnh báo: họ tên người ký .* \[L25\]"
check "seed 001: L27 in Vietnamese" has "$tmp/vi001" "seed-001.yaml:40:5: cảnh báo: dòng lưu viết là .* \[L27\]"
check "seed 004: L19 in Vietnamese" has "$tmp/vi004" \
    "seed-004.yaml:19:12: lỗi: \"V/v\" chỉ dùng cho trích yếu của công văn; đây là BÁO CÁO.* \[L19\]"
check "seed 004: the L22 note with --notes, in Vietnamese" status 1 "$tmp/vi004n" vi "$bc" check --notes tests/check/seed-004.yaml
check "seed 004: L22 note in Vietnamese" has "$tmp/vi004n" "seed-004.yaml:23:3: ghi chú: đề mục .* viết đề mục La Mã bằng chữ in hoa: \`I. KẾT QUẢ .* \[L22\]"
check "seed 004: L32 in Vietnamese" has "$tmp/vi004" "seed-004.yaml:43:70: cảnh báo: hai dấu cách liền nhau .* \[L32\]"

# a batch: the entry's name in Vietnamese
cat > "$tmp/batch.yaml" <<'YAML'
chung:
  ky_hieu_co_quan: UBND
  ngay: 2023-12-15
  trich_yeu: Kết quả công tác tuyên truyền
  noi_dung: Nội dung.
  noi_nhan: [UBND huyện Cẩm Giàng, "Lưu: VT"]
danh_sach:
  - co_quan: Ủy ban nhân dân xã Cẩm Vũ
    dia_danh: Cẩm Vũ
    nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Phó Chủ tịch], ho_ten: Lê Văn A}
YAML
check "batch: exit 1" status 1 "$tmp/vib" vi "$bc" check "$tmp/batch.yaml"
check "batch: entry named in Vietnamese" has "$tmp/vib" "batch.yaml:10:49: lỗi: báo cáo thứ 1 (Cẩm Vũ): .* \[L24\]"

# the YAML slips, in Vietnamese, each with its fix (no libyaml text)
slip_base='co_quan: Ủy ban nhân dân xã A\nky_hieu_co_quan: UBND\ndia_danh: A\ntrich_yeu: T\nnguoi_ky: {chuc_danh: Chủ tịch, ho_ten: B}\nnoi_dung: x\n'
vi_slip() { # vi_slip NAME TEXT EXPECTED
    printf "$slip_base$2" > "$tmp/slip.yaml"
    check "$1: exit 1" status 1 "$tmp/vis" vi "$bc" render "$tmp/slip.yaml" -o "$tmp/slip.docx"
    check "$1: in Vietnamese" has "$tmp/vis" "$3"
    check "$1: no English" lacks "$tmp/vis" "error:\|hint:\|while scanning\|while parsing"
}
vi_slip "slip: - Lưu: VT" 'noi_nhan:\n  - UBND huyện\n  - Lưu: VT\n' 'slip.yaml:9:5: lỗi: mục 2 của `noi_nhan` bị đọc thành khóa và giá trị .* - "Lưu: VT"'
vi_slip "slip: - - " 'noi_nhan:\n  - - Phòng Nội vụ\n' 'slip.yaml:8:5: lỗi: mục 1 của `noi_nhan` là một danh sách nằm trong danh sách'
vi_slip "slip: a tab" 'noi_nhan:\n\t- UBND huyện\n' 'slip.yaml:8:1: lỗi: dòng này thụt vào bằng dấu tab'
vi_slip "slip: no |" 'noi_nhan: ["Lưu: VT"]\nnoi_dung2:\n  I. KẾT QUẢ\n\n  1. Tình hình: tốt\n' 'slip.yaml:11:15: lỗi: có dấu hai chấm và dấu cách'
vi_slip "slip: dedented" 'noi_nhan: ["Lưu: VT"]\nnoi_dung2: |\n  I. KẾT QUẢ\n Nội dung lùi sai.\n' 'slip.yaml:10:2: lỗi: dòng này thụt vào khác với các dòng cùng khối'
vi_slip "slip: a quote" 'noi_nhan: ["Lưu: VT"]\nghi_chu: "Nội dung\n' 'slip.yaml:8:10: lỗi: dấu ngoặc kép mở ở đây không được đóng'
vi_slip "slip: a duplicate key" 'noi_nhan: ["Lưu: VT"]\nnoi_dung: y\n' 'slip.yaml:8:1: lỗi: .*noi_dung'

# a fix of the body's text, in Vietnamese
printf 'co_quan: Ủy ban nhân dân xã A\nky_hieu_co_quan: UBND\ndia_danh: A\ntrich_yeu: T\nnguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: B}\nnoi_nhan: ["Lưu: VT"]\nnoi_dung: |\n  1.Công tác\n' > "$tmp/fix.yaml"
check "fix: exit 0" status 0 "$tmp/vif" vi "$bc" render "$tmp/fix.yaml" -o "$tmp/fix.docx"
check "fix: the warning in Vietnamese" has "$tmp/vif" "fix.yaml:8:3: cảnh báo: \`1.Công\` được đọc là \`1. Công\`"

# other messages of the program
printf 'co_quan: Ủy ban nhân dân xã A\nky_hieu_co_quan: UBND\ndia_danh: A\ntrich_yeu: T\nnoi_dung: x\nnoi_nhan: ["Lưu: VT"]\nnguoi_ky: {chuc_danh: Chủ tịch, ho_ten: Lê Văn A}\nngay: 2023-02-30\n' > "$tmp/bad.yaml"
check "render error: exit 1" status 1 "$tmp/vir" vi "$bc" render "$tmp/bad.yaml" -o "$tmp/bad.docx"
check "render error in Vietnamese" has "$tmp/vir" "baocao: .*bad.yaml:8:7: lỗi: \`ngay\` 2023-02-30 không phải là ngày có thật"
check "render error: English without the locale" status 1 "$tmp/enr" en "$bc" render "$tmp/bad.yaml" -o "$tmp/bad.docx"
check "render error in English" has "$tmp/enr" "bad.yaml:8:7: error: \`ngay\` 2023-02-30 is not a real date"
# a workbook's error and the summary's, in Vietnamese
fixb=$(pwd)/tests/fixtures/batch
sed "s|^danh_sach: .*|danh_sach: $fixb/bad-error-cell.xlsx|" "$fixb/csv.yaml" > "$tmp/book.yaml"
check "workbook error: exit 1" status 1 "$tmp/vib" vi "$bc" batch "$tmp/book.yaml" -o "$tmp/vib-out"
check "workbook error in Vietnamese" has "$tmp/vib" "bad-error-cell.xlsx: trang tính \"Sheet1\", ô C3: lỗi: ô đang báo lỗi #N/A"
sed 's/^    so: 21$/    so: 21\n    ngay: 2024-02-30/' "$fixb/tong-hop.yaml" > "$tmp/th.yaml"
check "summary lacking an entry: exit 1" status 1 "$tmp/vit" vi "$bc" batch "$tmp/th.yaml" -o "$tmp/vit-out"
check "summary lacking an entry in Vietnamese" has "$tmp/vit" "lỗi: báo cáo tổng hợp (tong-hop.docx) được viết thiếu các báo cáo bị lỗi (1): 2 (Lai Cách)"
check "usage error: exit 2" status 2 "$tmp/viu" vi "$bc" frobnicate
check "usage error in Vietnamese" has "$tmp/viu" "lệnh \`frobnicate\` không có"
check "--help: exit 0" status 0 "$tmp/vih" vi "$bc" --help
check "--help in Vietnamese" has "$tmp/vih" "Cách dùng: baocao LỆNH"
check "check --help in Vietnamese" status 0 "$tmp/vich" vi "$bc" check --help
check "check --help text" has "$tmp/vich" "Rà soát báo cáo theo thể thức Nghị định 30"
check "an unknown locale falls back to English" status 1 "$tmp/xx" \
    env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=xx_YY.UTF-8 "$bc" check tests/check/seed-001.yaml
check "fallback text" has "$tmp/xx" ": error: .* \[L24\]"

# the catalogue is installed
check "make install installs the catalogue" sh -c \
    "make -s install BUILD='$build' DESTDIR='$tmp/dest' PREFIX=/usr > '$tmp/inst' 2>&1"
check "installed .mo" test -s "$tmp/dest/usr/share/locale/vi/LC_MESSAGES/baocao.mo"

tally "i18n checks"
