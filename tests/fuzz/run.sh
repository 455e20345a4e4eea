#!/bin/sh
# tests/fuzz/run.sh - runs the fuzz targets (`make fuzz`, and .ci/run's
# smoke run): each target first replays its regression inputs
# (tests/fuzz/regressions/TARGET/, inputs that once crashed or hung),
# then fuzzes for SECONDS from its seed corpus (tests/fuzz/corpus/TARGET/)
# and what earlier runs in BUILD found (BUILD/fuzz-corpus/TARGET/), with
# its dictionary. A crash, a hang (over 10 s for one input), a leak or
# more than 2 GB of memory is a finding: it is saved under
# BUILD/fuzz-findings/ and the run fails. Prints, per target, the
# executions, the coverage reached and the time.
#
# usage: tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
set -u
build=$1
seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
targets=${*:-$(cd "$here" && ls fuzz_*.c | sed 's/^fuzz_//; s/\.c$//')}
mkdir -p "$build/fuzz-findings" "$build/fuzz-logs"
failed=0
summary=""
for t in $targets; do
    bin=$build/fuzz/fuzz_$t
    [ -x "$bin" ] || { echo "fuzz: $bin is not built"; exit 2; }
    corpus=$build/fuzz-corpus/$t
    mkdir -p "$corpus"
    dict=
    [ -f "$here/$t.dict" ] && dict="-dict=$here/$t.dict"
    log=$build/fuzz-logs/$t.log
    opts="-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=$build/fuzz-findings/$t-"
    if [ -d "$here/regressions/$t" ] && [ -n "$(ls "$here/regressions/$t")" ]; then
        if ! "$bin" $opts "$here"/regressions/$t/* >"$log.replay" 2>&1; then
            echo "fuzz $t: a regression input fails again (see $log.replay)"
            tail -30 "$log.replay"
            failed=1
            continue
        fi
    fi
    start=$(date +%s)
    "$bin" $opts $dict -max_total_time="$seconds" "$corpus" "$here/corpus/$t" >"$log" 2>&1
    rc=$?
    took=$(( $(date +%s) - start ))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | sed 's/cov: //')
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | sed 's/ft: //')
    files=$(ls "$corpus" | wc -l)
    line=$(printf '%-9s %4ss %11s execs  cov %5s  ft %6s  corpus %5s' \
        "$t" "$took" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$files")
    if [ $rc -ne 0 ]; then
        line="$line  FINDING (exit $rc, $log)"
        grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5
        failed=1
    fi
    echo "fuzz $line"
    summary="$summary$line
"
done
printf '%s' "$summary" > "$build/fuzz-logs/summary.txt"
[ $failed -eq 0 ] && echo "fuzz: no finding" || echo "fuzz: FAILED"
exit $failed
