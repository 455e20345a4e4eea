# lib.sh - what the shell suites (tests/*/run.sh) share: the pass/fail
# counters, ok/bad/check, and the closing tally line the CI reads.
# Sourced, not run: . "$(dirname "$0")/../lib.sh"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check NAME CMD...: one check, passed when CMD succeeds
    name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}
tally() { # tally SUITE: "SUITE: N passed, M failed"; fails when any failed
    echo "$1: $pass passed, $fail failed"
    [ "$fail" = 0 ]
}
have_vi() { locale -a 2>/dev/null | grep -qix 'vi_VN\.utf-\{0,1\}8'; }
ensure_vi() { # the vi_VN.UTF-8 locale, generated as root when missing
    if ! have_vi && [ "$(id -u)" = 0 ]; then
        tools/ensure-deps.sh --cmd locale-gen || return 1
        localedef -i vi_VN -c -f UTF-8 -A /usr/share/locale/locale.alias vi_VN.UTF-8 \
            > /dev/null 2>&1
    fi
    have_vi
}
