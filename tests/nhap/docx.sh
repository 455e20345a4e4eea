# docx.sh - sourced by run.sh: a .docx typed the way clerks type
# (clerk.docx, made from clerk/ by make-clerk.sh) with every key imported
# right, a .docx that holds no report refused, every document type
# rendered, imported and rendered again to the same text. (The round trip
# of every example through a .docx is the unit test test_import_roundtrip.)
y=$tmp/clerk.yaml
check "clerk.docx imported" status 0 "$bc" nhap "$here/clerk.docx" -o "$y"
for want in "loai: bao_cao" "co_quan_chu_quan: UBND huyện Cẩm Giàng" \
    "co_quan: Ủy ban nhân dân xã Cẩm Vũ" "ky_hieu_co_quan: UBND" "so: 95" "dia_danh: Cẩm Vũ" \
    "ngay: 2023-12-15" "  nam: 2022" "  quy: 2" \
    "trich_yeu: Kết quả công tác tuyên truyền cải cách hành chính {{ky_bao_cao.ten}}" \
    "  I. Kết quả thực hiện {{ky_bao_cao.ten}}" "  1. Tình hình triển khai:" \
    "  - UBND xã ban hành **Kế hoạch số 17/KH-UBND** ngày 20/02/2023, tổ chức 12 buổi" \
    "  2. Số liệu:" "  | STT | Nội dung | Số lượng |" "  |:---:|---|---:|" \
    "  | 2 | Buổi tuyên truyền | 12 |" "  II. Phương hướng {{ky_bao_cao.ky_sau}}" \
    "của UBND xã Cẩm Vũ." "  - UBND huyện Cẩm Giàng (để b/c)" "  - TT Đảng ủy, HĐND xã" \
    '  - "Lưu: VT"' "    - TM. Ủy ban nhân dân" "    - Chủ tịch" "  ho_ten: Nguyễn Hữu Tuấn"; do
    check "clerk.yaml: $want" has "$y" "$want"
done
check "clerk.yaml: the motto dropped" lacks "$y" "Độc lập"
check "clerk.yaml: no Nơi nhận label in the body" lacks "$y" "Nơi nhận"
check "clerk.yaml: the layout spaces dropped" lacks "$y" "  BÁO CÁO"
check "clerk.yaml: the ending left to the program" lacks "$y" "./."
check "clerk.yaml renders" status 0 "$bc" render "$y" -o "$tmp/clerk.docx"
if [ -x "$shared/tools/docx-validate" ]; then
    check "clerk.yaml renders a valid .docx" "$shared/tools/docx-validate" "$tmp/clerk.docx"
fi
# --ky-sau from the .docx
check "clerk.docx --ky-sau" status 0 "$bc" nhap --ky-sau "$here/clerk.docx" -o "$tmp/clerk-s.yaml"
check "clerk --ky-sau: quý III" has "$tmp/clerk-s.yaml" "  quy: 3"
check "clerk --ky-sau renders" status 0 "$bc" render "$tmp/clerk-s.yaml" -o "$tmp/clerk-s.docx"
docx_text "$tmp/clerk.docx" > "$tmp/clerk.text"
docx_text "$tmp/clerk-s.docx" > "$tmp/clerk-s.text"
check "clerk --ky-sau: quý III wherever quý II was" \
    test "$(count "$tmp/clerk-s.text" "quý III năm 2022")" = "$(count "$tmp/clerk.text" "quý II năm 2022")"
check "clerk --ky-sau: quý IV wherever quý III was" \
    test "$(count "$tmp/clerk-s.text" "quý IV năm 2022")" = "$(count "$tmp/clerk.text" "quý III năm 2022")"

# a .docx with no report in it
mkdir -p "$tmp/hello/_rels" "$tmp/hello/word"
cp "$here/clerk/[Content_Types].xml" "$tmp/hello/" 
cp "$here/clerk/_rels/.rels" "$tmp/hello/_rels/"
printf '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Xin chào, hẹn gặp lại.</w:t></w:r></w:p></w:body></w:document>' \
    > "$tmp/hello/word/document.xml"
(cd "$tmp/hello" && zip -q -X "$tmp/bad/thu.docx" '[Content_Types].xml' _rels/.rels word/document.xml)
check "a .docx with no report is refused" refused none "$tmp/bad/thu.docx"
check "the refusal says what is missing" has "$tmp/out" "no report found"

# every type of document comes back as itself, and renders the same text
for t in bao_cao ke_hoach to_trinh thong_bao cong_van; do
    sed -e "s/^loai: bao_cao/loai: $t/" "$root/examples/phu-thu-2022.yaml" > "$tmp/t-$t.yaml"
    [ "$t" = cong_van ] && sed -i 's/^trich_yeu: /trich_yeu: V\/v /' "$tmp/t-$t.yaml"
    check "$t: rendered" status 0 "$bc" render "$tmp/t-$t.yaml" -o "$tmp/t-$t.docx"
    check "$t: imported" status 0 "$bc" nhap "$tmp/t-$t.docx" -o "$tmp/t2-$t.yaml"
    check "$t: loai back" has "$tmp/t2-$t.yaml" "loai: $t"
    check "$t: re-rendered" status 0 "$bc" render "$tmp/t2-$t.yaml" -o "$tmp/t3-$t.docx"
    docx_text "$tmp/t-$t.docx" > "$tmp/t-$t.text"
    docx_text "$tmp/t3-$t.docx" > "$tmp/t3-$t.text"
    check "$t: the same text" cmp -s "$tmp/t-$t.text" "$tmp/t3-$t.text"
done
