#!/usr/bin/python3
"""The example of the clerk guide (docs/huong-dan-mau.md): the built-in
template with a statistics table added after the body, as a clerk adds it
in Word or LibreOffice.

    guide_template.py IN.docx OUT.docx [--broken]

IN is `baocao template export`'s output. With --broken, two mistakes a
clerk makes are left in it: the table row's `{{/thon}}` is missing and a
tag lost a brace. Debian's python3-docx; run with /usr/bin/python3.
"""
import copy
import sys

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def borders(table):
    tbl_pr = table._tbl.tblPr
    b = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement("w:" + side)
        e.set(qn("w:val"), "single")
        e.set(qn("w:sz"), "4")
        e.set(qn("w:space"), "0")
        e.set(qn("w:color"), "000000")
        b.append(e)
    look = tbl_pr.find(qn("w:tblLook"))  # borders come before it
    if look is not None:
        look.addprevious(b)
    else:
        tbl_pr.append(b)


def cell_text(cell, text, bold=False, center=False):
    p = cell.paragraphs[0]
    r = p.add_run(text)
    r.bold = bold
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    broken = len(sys.argv) == 4 and sys.argv[3] == "--broken"
    doc = Document(sys.argv[1])
    body = next(p for p in doc.paragraphs if "{{noi_dung}}" in p.text)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = title.add_run("Biểu: Dân số các thôn năm {{ky_bao_cao.nam}}")
    r.bold = True

    t = doc.add_table(rows=3, cols=4)
    borders(t)
    for i, h in enumerate(["STT", "Thôn", "Số hộ", "Nhân khẩu"]):
        cell_text(t.cell(0, i), h, bold=True, center=True)
    cell_text(t.cell(1, 0), "{{#thon}}{{stt}}", center=True)
    cell_text(t.cell(1, 1), "{{ten}}")
    cell_text(t.cell(1, 2), "{{so_ho" + ("" if broken else "}}"), center=True)
    cell_text(t.cell(1, 3), "{{nhan_khau}}" + ("" if broken else "{{/thon}}"),
              center=True)
    cell_text(t.cell(2, 1), "Cộng", bold=True)
    cell_text(t.cell(2, 2), "{{tong.so_ho}}", bold=True, center=True)
    cell_text(t.cell(2, 3), "{{tong.nhan_khau}}", bold=True, center=True)

    # after the body paragraph: the title, the table, an empty paragraph
    body._p.addnext(title._p)
    title._p.addnext(t._tbl)
    gap = copy.deepcopy(title._p)
    for r in gap.findall(qn("w:r")):
        gap.remove(r)
    t._tbl.addnext(gap)
    doc.save(sys.argv[2])


if __name__ == "__main__":
    main()
