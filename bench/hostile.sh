#!/bin/sh
# hostile.sh - what refusing hostile input costs (part of `make bench`):
# each bomb of docs/limits.md made afresh, run through baocao, with its
# wall time and peak memory and the id it was refused with. The bounds
# say: under a second and within 256 MB each.
# usage: bench/hostile.sh BUILD_DIR
set -eu
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$work" <<'PY'
import sys, zipfile, os
w = sys.argv[1]
head = ("co_quan: UBND xã A\nky_hieu_co_quan: UBND\ndia_danh: A\ntrich_yeu: x\n"
        "nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: A}\n"
        "noi_nhan: [\"Lưu: VT\"]\nl: [1,2,3,4,5,6,7,8,9,10]\n")
open(f"{w}/steps.yaml", "w").write(head + 'noi_dung: "' + "{{#l}}" * 9 + "x" + "{{/l}}" * 9 + '"\n')
open(f"{w}/size.yaml", "w").write(head + 'noi_dung: "' + "{{#l}}" * 6 + "x" * 100 + "{{/l}}" * 6 + '"\n')
open(f"{w}/deep.yaml", "w").write("a: " + "[" * 200000 + "]" * 200000 + "\n")
aliases = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
for i in range(1, 12):
    aliases += f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]\n"
open(f"{w}/aliases.yaml", "w").write(aliases)
ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
      'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def docx(name, doc, extra=()):
    with zipfile.ZipFile(f"{w}/{name}", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", doc)
        for n, d in extra:
            z.writestr(n, d)
p = "<w:p><w:r><w:t>{{x}}</w:t></w:r></w:p>"
docx("zip-bomb.docx", f"<w:document {W}><w:body>{p}<w:p><w:r><w:t>" + "a" * 30_000_000 +
     "</w:t></w:r></w:p></w:body></w:document>")
docx("laughs.docx", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">' +
     "".join(f'<!ENTITY {chr(98+i)} "' + f"&{chr(97+i)};" * 10 + '">' for i in range(8)) +
     f']><w:document {W}><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>')
docx("deep.docx", f"<w:document {W}><w:body>" + "<w:sdt><w:sdtContent>" * 30000 + p +
     "</w:sdtContent></w:sdt>" * 30000 + "</w:body></w:document>")
docx("tags.docx", f"<w:document {W}><w:body>{p}" + "<w:p/>" * 2_100_000 + "</w:body></w:document>")
docx("media.docx", f"<w:document {W}><w:body>{p}</w:body></w:document>",
     [(f"word/media/m{i}.bin", os.urandom(300_000) + bytes((30 << 20) - 300_000))
      for i in range(9)])
docx("media-big.docx", f"<w:document {W}><w:body>{p}</w:body></w:document>",
     [("word/media/big.bin", os.urandom(300_000) + bytes((40 << 20) - 300_000))])
PY
printf '%-16s %8s %10s  %s\n' input seconds "peak MB" "refused with"
run() {
    name=$1
    shift
    /usr/bin/time -f '%e %M' -o "$work/time" "$build/baocao" "$@" > "$work/err" 2>&1 || true
    id=$(grep -o '\[[ET][0-9]*\]' "$work/err" | head -1)
    secs=$(tail -1 "$work/time" | cut -d' ' -f1)
    kb=$(tail -1 "$work/time" | cut -d' ' -f2)
    printf '%-16s %8s %10s  %s\n' "$name" "$secs" "$(( kb / 1024 ))" "${id:-(none)}"
}
run steps.yaml render "$work/steps.yaml" -o "$work/o.docx"
run size.yaml render "$work/size.yaml" -o "$work/o.docx"
run deep.yaml check "$work/deep.yaml"
run aliases.yaml check "$work/aliases.yaml"
for t in zip-bomb laughs deep tags media media-big; do
    run "$t.docx" template check "$work/$t.docx"
done
