#!/bin/sh
# make-clerk.sh - rebuilds clerk.docx from the parts in clerk/ (a report
# typed the way clerks type: the header in a table without borders with a
# drawn rule, centring by spaces, Word's automatic numbering, a bold run
# inside a sentence, a tab after a dash, a table in the body, "Nơi nhận:"
# bold italic, the signer's name in capitals). clerk.docx is committed;
# run this only after editing the parts. Needs zip.
set -eu
cd "$(dirname "$0")/clerk"
rm -f ../clerk.docx
TZ=UTC touch -t 202312150000 '[Content_Types].xml' _rels/.rels word/document.xml \
    word/numbering.xml word/_rels/document.xml.rels
zip -q -X ../clerk.docx '[Content_Types].xml' _rels/.rels word/document.xml \
    word/numbering.xml word/_rels/document.xml.rels
