#!/bin/sh
# run-unit.sh - runs every cmocka test program; under VALGRIND=1 through
# valgrind (errors and leaks fail the run). Prints a closing tally.
set -u
build=$1; shift
failed=0; passed=0
for t in "$@"; do
    # test_office times LibreOffice and fake ones against time limits of a
    # few seconds, which a valgrind build and run do not keep: it is left to
    # `make test` and `make asan` (ASan covers its memory).
    if [ "${VALGRIND:-}" = 1 ] && [ "${t##*/}" = test_office ]; then
        echo "skipped under valgrind: $t"
        continue
    fi
    if [ "${VALGRIND:-}" = 1 ]; then
        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
            --suppressions="$(dirname "$0")/valgrind.supp" \
            "$t" && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAILED: $t"; }
    else
        "$t" && passed=$((passed+1)) || { failed=$((failed+1)); echo "FAILED: $t"; }
    fi
done
echo "unit test programs: $passed passed, $failed failed"
[ "$failed" = 0 ]
