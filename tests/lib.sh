# lib.sh - what the shell suites (tests/*/run.sh) share: the pass/fail
# counters, ok/bad/check, a command's exit status and output (status,
# has_err, has_out, over $tmp of the suite), and the closing tally line the CI reads.
# Sourced, not run: . "$(dirname "$0")/../lib.sh"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check NAME CMD...: one check, passed when CMD succeeds
    name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}
status() { # status WANT CMD...: runs CMD, stdout to $tmp/out, stderr to $tmp/err
    want=$1; shift
    "$@" > "$tmp/out" 2> "$tmp/err"
    got=$?
    [ "$got" = "$want" ] || { echo "  exit $got, want $want: $*"; cat "$tmp/out" "$tmp/err"; return 1; }
}
S_grep_in() { # S_grep_in FILE WHAT [-F] PATTERN: the last status' output holds it
    file=$1; what=$2; shift 2
    fixed=
    [ "$1" = -F ] && { fixed=-F; shift; }
    grep -q $fixed -- "$1" "$file" || { echo "  $what lacks: $1"; cat "$file"; return 1; }
}
has_err() { S_grep_in "$tmp/err" stderr "$@"; } # has_err [-F] PATTERN (a grep regex, or -F text)
has_out() { S_grep_in "$tmp/out" stdout "$@"; } # has_out [-F] PATTERN
empty_dir() { [ -z "$(ls -A "$1" 2>/dev/null)" ] || { echo "  left behind in $1: $(ls -A "$1")"; return 1; }; }
use_validate() { # use_validate SUITE SHARED: $validate is ../shared's docx-validate, or
    # empty without ../shared (valid then passes); its absence beside ../shared fails
    validate=
    if [ -x "$2/tools/docx-validate" ]; then
        validate=$2/tools/docx-validate
        tools/ensure-deps.sh --cmd lxml || exit 1
    elif [ -d "$2" ]; then
        echo "$1: FAILED: $2 is here but $2/tools/docx-validate is not"
        exit 1
    fi
}
valid() { [ -z "$validate" ] || "$validate" "$@"; } # valid DOCX...: after use_validate
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
