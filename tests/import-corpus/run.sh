#!/bin/sh
# run.sh - the .docx reader of `baocao nhap` (import/import_docx.c) over
# every Word file of ../shared/docx-corpus, through the test tool
# import-dump (tests/tools/import-dump.c): no crash, no hang (a time limit
# per file), a located error for each file it refuses, and for each file
# it reads every character of the document's text in its output
# (check.py says how this is compared). Part of `make test-corpus`, not
# of `make test`. Succeeds with "SKIPPED: ..." when the corpus is absent.
# usage: tests/import-corpus/run.sh BUILD_DIR SHARED_DIR
set -u
build=$1
shared=$2
corpus=$shared/docx-corpus
if [ ! -d "$corpus" ]; then
    echo "test-import-corpus: SKIPPED: the corpus ($corpus) is not here"
    exit 0
fi
tools/ensure-deps.sh --cmd python3 lxml || exit 1
dump=$build/tools/import-dump
if [ ! -x "$dump" ]; then
    echo "test-import-corpus: FAILED: $dump is not built"
    exit 1
fi
exec nice /usr/bin/python3 "$(dirname "$0")/check.py" "$dump" "$corpus" "${IMPORT_TIME_LIMIT:-20}"
