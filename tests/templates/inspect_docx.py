#!/usr/bin/python3
"""Reads a rendered .docx for the template suite (python3-lxml only, so the
suite's own checks do not need ../shared/tools).

    inspect_docx.py text FILE     the text: one line per paragraph of the
                                  body, a table row as its cells joined by
                                  " | ", a line break as " / ", a page break
                                  as "<page>", then each header and footer
                                  part after a "[part]" line
    inspect_docx.py runs FILE     one line per run: its formatting
                                  (b, i, u, color, sz) and its text
    inspect_docx.py comments FILE the text of each comment
"""
import re
import sys
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"


def q(name):
    return "{%s}%s" % (W, name)


def run_text(r):
    out = []
    for c in r:
        if c.tag == q("t"):
            out.append(c.text or "")
        elif c.tag == q("tab"):
            out.append("\t")
        elif c.tag == q("br"):
            out.append("<page>" if c.get(q("type")) == "page" else " / ")
    return "".join(out)


def para_text(p):
    out = []
    for el in p.iter():
        if el.tag == q("r"):
            skip = False
            for a in el.iterancestors():
                if a.tag in (q("del"), "{%s}Fallback" % MC) or (a.tag == q("p") and a is not p):
                    skip = True
                    break
            if not skip:
                out.append(run_text(el))
    return "".join(out)


def block_lines(parent, lines):
    for c in parent:
        if c.tag == q("p"):
            lines.append(para_text(c))
        elif c.tag == q("tbl"):
            for tr in c.iter(q("tr")):
                cells = []
                for tc in tr.findall(q("tc")):
                    cells.append(" ".join(para_text(p) for p in tc.findall(q("p"))))
                lines.append(" | ".join(cells))
        elif c.tag in (q("sdt"), q("sdtContent"), q("customXml")):
            block_lines(c, lines)


def parts_of_kind(z, kinds):
    types = etree.fromstring(z.read("[Content_Types].xml"))
    names = []
    for o in types.findall("{%s}Override" % CT):
        ct = o.get("ContentType")
        if any(ct.endswith(k) for k in kinds):
            names.append(o.get("PartName").lstrip("/"))
    return sorted(names)


def text(path):
    z = zipfile.ZipFile(path)
    main = parts_of_kind(z, ["document.main+xml"])[0]
    lines = []
    block_lines(etree.fromstring(z.read(main)).find(q("body")), lines)
    for part in parts_of_kind(z, ["header+xml", "footer+xml"]):
        lines.append("[%s]" % part)
        block_lines(etree.fromstring(z.read(part)), lines)
    print("\n".join(lines))


def runs(path):
    z = zipfile.ZipFile(path)
    main = parts_of_kind(z, ["document.main+xml"])[0]
    root = etree.fromstring(z.read(main))
    for r in root.iter(q("r")):
        t = run_text(r)
        if not t:
            continue
        props = []
        rpr = r.find(q("rPr"))
        if rpr is not None:
            for c in rpr:
                name = etree.QName(c).localname
                val = c.get(q("val"))
                props.append(name if val is None else "%s=%s" % (name, val))
        print("%s\t%s" % (" ".join(props) or "-", t))


def comments(path):
    z = zipfile.ZipFile(path)
    for part in parts_of_kind(z, ["comments+xml"]):
        root = etree.fromstring(z.read(part))
        for c in root.findall(q("comment")):
            print(" ".join(para_text(p) for p in c.findall(q("p"))))


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("text", "runs", "comments"):
        sys.exit(__doc__)
    {"text": text, "runs": runs, "comments": comments}[sys.argv[1]](sys.argv[2])


if __name__ == "__main__":
    main()
