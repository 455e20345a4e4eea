#!/bin/sh
# run.sh - every Word file of ../shared/docx-corpus (real files from other
# projects' test folders, some damaged on purpose) through `template check`
# and, when accepted, `render -t` (tests/corpus/corpus.py says what is
# checked: no crash, no hang, a refusal always with its id, text kept,
# outputs valid when their inputs were, macro-free documents out).
# Not part of `make test`: `make test-corpus`, and .ci/run when the corpus
# is there. Succeeds with "SKIPPED: ..." when the corpus is absent.
# usage: tests/corpus/run.sh BUILD_DIR SHARED_DIR
set -u
build=$1
shared=$2
corpus=$shared/docx-corpus
tools=$shared/tools
if [ ! -d "$corpus" ]; then
    echo "test-corpus: SKIPPED: the corpus ($corpus) is not here"
    exit 0
fi
if [ ! -x "$tools/docx-validate" ] || [ ! -x "$tools/docx-text" ]; then
    echo "test-corpus: FAILED: $corpus is here but $tools/docx-validate or docx-text is not"
    exit 1
fi
tools/ensure-deps.sh --cmd python3 lxml || exit 1
out=$build/corpus-test
rm -rf "$out"
mkdir -p "$out"
exec nice /usr/bin/python3 tests/corpus/corpus.py "$build/baocao" tests/corpus/data.yaml \
    "$corpus" "$tools" "$out"
