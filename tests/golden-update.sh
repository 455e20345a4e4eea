#!/bin/sh
# golden-update.sh - rewrites tests/golden/*.txt from the current build
# and shows what changed, for review before committing.
# usage: tests/golden-update.sh BUILD_DIR
set -eu
build=$1
make -s "$build/tests/test_examples"
BC_GOLDEN_UPDATE=1 "$build/tests/test_examples" > /dev/null
git --no-pager diff --stat -- tests/golden
git --no-pager diff --word-diff=color -- tests/golden | head -200
echo "golden files rewritten: review the diff above, then commit it on its own."
