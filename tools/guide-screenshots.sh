#!/bin/sh
# guide-screenshots.sh - remakes the screenshots of the clerk guide
# (docs/huong-dan-mau.md) in docs/img/: the built-in template as
# LibreOffice shows it, the same with a statistics table added by a clerk
# (tools/guide_template.py), the report rendered through it
# (docs/vi-du/dan-so.yaml), and a broken copy annotated by
# `template check --annotate` (LibreOffice marks each comment).
# Pages go through ../shared/tools/docx-render (LibreOffice), then are cut
# to their upper part with pdftoppm.
# usage: tools/guide-screenshots.sh BUILD_DIR SHARED_DIR
set -eu
bc=$(cd "$1" && pwd)/baocao
tools=$2/tools
[ -x "$tools/docx-render" ] || { echo "guide-screenshots: $tools not found" >&2; exit 1; }
tools/ensure-deps.sh --cmd docx soffice pdftoppm liberation
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
img=docs/img

"$bc" template export -o "$tmp/mau.docx"
/usr/bin/python3 tools/guide_template.py "$tmp/mau.docx" "$tmp/mau-bang.docx"
/usr/bin/python3 tools/guide_template.py "$tmp/mau.docx" "$tmp/mau-loi.docx" --broken
"$bc" render docs/vi-du/dan-so.yaml -t "$tmp/mau-bang.docx" -o "$tmp/ket-qua.docx" 2> /dev/null
"$bc" template check "$tmp/mau-loi.docx" --annotate "$tmp/mau-loi-ghi-chu.docx" \
    > /dev/null 2>&1 || true
"$tools/docx-render" --no-png -o "$tmp/pdf" "$tmp/mau.docx" "$tmp/mau-bang.docx" \
    "$tmp/ket-qua.docx" > "$tmp/render.log"
soffice -env:UserInstallation="file://$tmp/profile" --headless \
    --convert-to 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}' \
    --outdir "$tmp/pdf" "$tmp/mau-loi-ghi-chu.docx" > /dev/null 2>&1

# cut NAME PDF HEIGHT: the top of page 1 at 80 dpi, HEIGHT pixels high
cut() {
    pdftoppm -png -r 80 -f 1 -l 1 -x 0 -y 30 -W 662 -H "$3" -singlefile "$2" \
        "$img/$1" 2> /dev/null
}
cut mau-goc "$tmp/pdf/mau.pdf" 560
cut mau-bang "$tmp/pdf/mau-bang.pdf" 560
cut ket-qua "$tmp/pdf/ket-qua.pdf" 560
cut mau-loi "$tmp/pdf/mau-loi-ghi-chu.pdf" 420
ls -l "$img"/mau-goc.png "$img"/mau-bang.png "$img"/ket-qua.png "$img"/mau-loi.png
