#!/usr/bin/python3
"""Builds the .docx templates of the template suite with python-docx, the
way a clerk's Word produces them: tags split over runs of different
formatting, with spell-check marks, bookmarks, a hyperlink and a tracked
insertion inside them; loops around paragraphs, list items and table rows;
tags in the header and the footer; and one broken template per error kind.

    make_templates.py OUTDIR

Writes OUTDIR/split.docx, structure.docx, and broken-*.docx (see BROKEN:
among them a soft hyphen Word hid inside a tag, and a docxtemplater filter).
Debian's python3-docx (0.8); run with /usr/bin/python3.
"""
import os
import sys

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor


# ---- low-level pieces Word puts between runs ---------------------------------

def proof_err(p, kind="spellStart"):
    e = OxmlElement("w:proofErr")
    e.set(qn("w:type"), kind)
    p._p.append(e)


_bookmark_id = [10]


def bookmark_start(p, name):
    _bookmark_id[0] += 1
    e = OxmlElement("w:bookmarkStart")
    e.set(qn("w:id"), str(_bookmark_id[0]))
    e.set(qn("w:name"), name)
    p._p.append(e)
    return _bookmark_id[0]


def bookmark_end(p, ident):
    e = OxmlElement("w:bookmarkEnd")
    e.set(qn("w:id"), str(ident))
    p._p.append(e)


def run(p, text, bold=None, italic=None, underline=None, color=None, size=None,
        rsid=None):
    r = p.add_run(text)
    if bold is not None:
        r.bold = bold
    if italic is not None:
        r.italic = italic
    if underline is not None:
        r.underline = underline
    if color:
        r.font.color.rgb = RGBColor.from_string(color)
    if size:
        r.font.size = Pt(size)
    if rsid:
        r._r.set(qn("w:rsidR"), rsid)
    return r


def wrap_last_run(p, tag, **attrs):
    """Moves the paragraph's last run into a new element (w:hyperlink,
    w:ins, w:smartTag)."""
    r = p._p.findall(qn("w:r"))[-1]
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(k), v)
    r.addprevious(e)
    e.append(r)


def new_document():
    """python-docx's default template, with its settings made valid:
    its w:zoom lacks the required w:percent (a python-docx bug that
    docx-validate rightly reports; Word and LibreOffice never write it)."""
    doc = Document()
    for zoom in doc.settings.element.iter(qn("w:zoom")):
        if zoom.get(qn("w:percent")) is None:
            zoom.set(qn("w:percent"), "100")
    return doc


def page_break_paragraph(doc):
    p = doc.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)
    return p


# ---- split tags (acceptance 2) --------------------------------------------------

def split_template(path):
    """Every tag split over two or three runs of different formatting;
    the run holding "{{" is bold, or red, so the value shows it took that
    run's formatting."""
    doc = new_document()
    doc.add_paragraph("Mẫu thử: thẻ bị tách nhiều đoạn định dạng")

    # two runs, a spell-check mark between them
    p = doc.add_paragraph()
    run(p, "Cơ quan: ")
    run(p, "{{co_quan", bold=True)
    proof_err(p, "spellStart")
    run(p, "_in_hoa}}", italic=True)
    proof_err(p, "spellEnd")

    # three runs, a bookmark inside the tag
    p = doc.add_paragraph()
    run(p, "Số: ")
    run(p, "{{", color="C00000")
    b = bookmark_start(p, "so_hieu")
    run(p, "so_ky_", italic=True, rsid="00A1B2C3")
    run(p, "hieu}}", underline=True, rsid="00D4E5F6")
    bookmark_end(p, b)

    # "{{" itself split: "{" | "{dong_" | "ngay}}"
    p = doc.add_paragraph()
    run(p, "{", bold=True, size=13)
    proof_err(p, "gramStart")
    run(p, "{dong_", italic=True)
    b = bookmark_start(p, "_GoBack")
    run(p, "ngay}}", size=15)
    bookmark_end(p, b)
    proof_err(p, "gramEnd")

    # through a hyperlink and a tracked insertion
    p = doc.add_paragraph()
    run(p, "Người ký: ")
    run(p, "{{nguoi_", bold=True)
    run(p, "ky.ho", italic=True)
    wrap_last_run(p, "w:hyperlink", **{"w:anchor": "so_hieu"})
    run(p, "_ten}}", underline=True)
    wrap_last_run(p, "w:ins", **{"w:id": "90", "w:author": "Văn thư",
                                 "w:date": "2024-01-01T00:00:00Z"})
    run(p, " (ký tên)")

    # sections split too, in paragraphs of their own: the recipients repeat
    p = doc.add_paragraph()
    run(p, "{{#noi_", bold=True)
    proof_err(p)
    run(p, "nhan}}", italic=True)
    p = doc.add_paragraph()
    run(p, "- ")
    run(p, "{{", bold=True)
    run(p, ".}}", italic=True)
    p = doc.add_paragraph()
    run(p, "{{/noi", italic=True)
    b = bookmark_start(p, "cuoi")
    run(p, "_nhan}}", bold=True)
    bookmark_end(p, b)

    # a value with a newline: a line break in the same run
    p = doc.add_paragraph()
    run(p, "Ghi chú: ")
    run(p, "{{ghi_", bold=True)
    run(p, "chu}}", italic=True)
    doc.save(path)


# ---- loops over structure (acceptance 3) -----------------------------------------

def structure_template(path):
    doc = new_document()
    section = doc.sections[0]
    hp = section.header.paragraphs[0]
    run(hp, "Đầu trang: ")
    run(hp, "{{co_quan", bold=True)
    run(hp, "_in_hoa}}", italic=True)
    fp = section.footer.paragraphs[0]
    run(fp, "Chân trang: {{so_ky_hieu}} - {{dia_danh}}")

    doc.add_paragraph("{{ten_loai}}")
    doc.add_paragraph("{{trich_yeu}}")

    # a statistics table: the second row repeats per item
    doc.add_paragraph("Bảng thống kê dân số:")
    t = doc.add_table(rows=3, cols=4)
    t.style = "Table Grid"
    for i, h in enumerate(["STT", "Thôn", "Số hộ", "Dân số"]):
        t.cell(0, i).text = h
    c = t.rows[1].cells
    p = c[0].paragraphs[0]
    run(p, "{{#thong_", bold=True)
    run(p, "ke}}{{stt}}")
    c[1].text = "{{ten}}"
    c[2].text = "{{so_ho}}"
    p = c[3].paragraphs[0]
    run(p, "{{dan_so}}")
    run(p, "{{/thong_ke}}", italic=True)
    t.cell(2, 0).text = "Tổng"
    t.cell(2, 2).text = "{{tong.so_ho}}"
    t.cell(2, 3).text = "{{tong.dan_so}}"

    # standalone rows around a row
    doc.add_paragraph("Danh sách thôn:")
    t = doc.add_table(rows=4, cols=2)
    t.style = "Table Grid"
    t.cell(0, 0).text = "Thôn"
    t.cell(0, 1).text = "Trưởng thôn"
    t.cell(1, 0).text = "{{#thong_ke}}"
    t.cell(2, 0).text = "{{ten}}"
    t.cell(2, 1).text = "{{truong_thon}}"
    t.cell(3, 1).text = "{{/thong_ke}}"

    # a numbered list whose item repeats
    doc.add_paragraph("Nhiệm vụ:")
    doc.add_paragraph("{{#nhiem_vu}}{{.}}{{/nhiem_vu}}", style="List Number")
    # a bulleted list of two-paragraph items
    doc.add_paragraph("Kết quả:")
    doc.add_paragraph("{{#ket_qua}}{{viec}}", style="List Bullet")
    doc.add_paragraph("Đạt: {{muc}}{{/ket_qua}}", style="List Bullet 2")

    # a paragraph loop holding a page break: each commune on its own page
    doc.add_paragraph("{{#xa}}")
    page_break_paragraph(doc)
    doc.add_paragraph("Phụ lục: xã {{ten}}")
    doc.add_paragraph("{{noi_dung_xa}}")
    doc.add_paragraph("{{/xa}}")

    # the body: block styles come from the built-in template
    doc.add_paragraph("{{noi_dung}}")
    doc.save(path)


# ---- broken templates (acceptance 4) -----------------------------------------------

def broken_unclosed(doc):
    doc.add_paragraph("{{#thong_ke}}")
    doc.add_paragraph("Thôn {{ten}}")


def broken_stray_close(doc):
    doc.add_paragraph("Danh sách")
    doc.add_paragraph("{{/nhiem_vu}}")


def broken_across(doc):
    p = doc.add_paragraph()
    run(p, "Họ tên: {{nguoi_ky.ho_")
    p = doc.add_paragraph()
    run(p, "ten}} ký")


def broken_levels(doc):
    doc.add_paragraph("{{#thong_ke}}")
    t = doc.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "{{ten}}"
    t.cell(0, 1).text = "{{/thong_ke}}"


def broken_tab(doc):
    p = doc.add_paragraph()
    run(p, "Ngày: {{dong")
    p.add_run().add_tab()
    run(p, "_ngay}}")


def broken_soft_hyphen(doc):
    # Word's hyphenation put an invisible soft hyphen inside the name
    p = doc.add_paragraph()
    run(p, "Thôn: {{ten")
    p.add_run()._r.append(OxmlElement("w:softHyphen"))
    run(p, "_thon}}")


def broken_filter(doc):
    doc.add_paragraph("Tên: {{ten|upper}}")


# name, builder, the error id, where `template check` must place it
BROKEN = [
    ("unclosed", broken_unclosed, "T005", "body, paragraph 2"),
    ("stray-close", broken_stray_close, "T004", "body, paragraph 3"),
    ("across", broken_across, "T001", "body, paragraph 2"),
    ("levels", broken_levels, "T006", "body, paragraph 2"),
    ("tab", broken_tab, "T002", "body, paragraph 2"),
    ("soft-hyphen", broken_soft_hyphen, "T002", "body, paragraph 2"),
    ("filter", broken_filter, "T017", "body, paragraph 2"),
]


def broken_templates(outdir):
    everything = new_document()
    everything.add_paragraph("Mẫu hỏng: mọi lỗi cùng lúc")
    for name, build, _, _ in BROKEN:
        doc = new_document()
        doc.add_paragraph("Mẫu hỏng: " + name)
        build(doc)
        doc.save(os.path.join(outdir, "broken-%s.docx" % name))
        everything.add_paragraph("-- " + name)
        build(everything)
    everything.save(os.path.join(outdir, "broken-all.docx"))
    with open(os.path.join(outdir, "broken.txt"), "w") as f:
        for name, _, ident, place in BROKEN:
            f.write("%s %s %s\n" % (name, ident, place))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_templates.py OUTDIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    split_template(os.path.join(out, "split.docx"))
    structure_template(os.path.join(out, "structure.docx"))
    broken_templates(out)


if __name__ == "__main__":
    main()
