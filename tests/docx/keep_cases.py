#!/usr/bin/env python3
"""keep_cases.py - reports whose body ends near the foot of page 1, for
the check that the signature block never stands alone on a page: bodies of
N short paragraphs ending with a table (end-N.yaml) or with a paragraph
(para-N.yaml), and the built-in template with a paragraph and an empty
paragraph of its own between {{noi_dung}} and the signature
(template-extra.docx).
usage: keep_cases.py BAOCAO OUTDIR"""
import subprocess
import sys
import zipfile

baocao, out = sys.argv[1], sys.argv[2]
head = """co_quan: Ủy ban nhân dân xã Cẩm Vũ
ky_hieu_co_quan: UBND
so: 95
dia_danh: Cẩm Vũ
ngay: 2024-06-15
ky_bao_cao: {nam: 2024, nua: 1}
trich_yeu: Kết quả giải quyết thủ tục hành chính {{ky_bao_cao.ten}}
kinh_gui: Ủy ban nhân dân huyện Cẩm Giàng
noi_nhan: ["UBND huyện Cẩm Giàng;", "Lưu: VT."]
nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: Nguyễn Văn Ký}
"""
for n in range(10, 24):
    paras = "\n\n".join(f"  Đoạn văn ngắn số {i} về kết quả thực hiện." for i in range(n))
    table = ("\n\n  | STT | Lĩnh vực | Số |\n  |:---:|---|---:|\n  | 1 | Hộ tịch | 12 |\n"
             "  | 2 | Đất đai | 7 |\n  | | **Dòng cuối** | =tong |\n")
    with open(f"{out}/end-{n}.yaml", "w", encoding="utf-8") as f:
        f.write(head + "noi_dung: |\n  I. KẾT QUẢ\n\n" + paras + table)
    with open(f"{out}/para-{n}.yaml", "w", encoding="utf-8") as f:
        f.write(head + "noi_dung: |\n  I. KẾT QUẢ\n\n" + paras +
                "\n\n  Dòng cuối của báo cáo.\n")

subprocess.run([baocao, "template", "export", "-o", f"{out}/template.docx"], check=True)
tag = ('<w:p><w:pPr><w:pStyle w:val="NoiDung"/></w:pPr><w:r><w:t xml:space="preserve">'
       '{{noi_dung}}</w:t></w:r></w:p>')
extra = ('<w:p><w:pPr><w:pStyle w:val="NoiDung"/></w:pPr><w:r><w:t xml:space="preserve">'
         'Ủy ban nhân dân xã kính báo cáo.</w:t></w:r></w:p><w:p/>')
src = zipfile.ZipFile(f"{out}/template.docx")
doc = src.read("word/document.xml").decode("utf-8")
assert tag in doc, "the built-in template's body paragraph changed"
with zipfile.ZipFile(f"{out}/template-extra.docx", "w", zipfile.ZIP_DEFLATED) as z:
    for item in src.infolist():
        data = doc.replace(tag, tag + extra) if item.filename == "word/document.xml" \
            else src.read(item.filename)
        z.writestr(item, data)
