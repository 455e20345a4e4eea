#!/bin/sh
# run.sh - the command-line contract (spec cli.md): exit codes, message
# form "baocao: file:line:col: error: ...", no output file on failure,
# -o -, default output names, template list/export and -t.
# usage: tests/cli/run.sh BUILD_DIR
set -u
bc=$(cd "$1" && pwd)/baocao
src=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
check() { # check NAME CONDITION...
    name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}
status() { # status WANT CMD... : runs CMD, stderr to $tmp/err
    want=$1; shift
    "$@" > "$tmp/out" 2> "$tmp/err"
    got=$?
    [ "$got" = "$want" ] || { echo "  exit $got, want $want: $*"; cat "$tmp/err"; return 1; }
}
has_err() { grep -q -- "$1" "$tmp/err" || { echo "  stderr lacks: $1"; cat "$tmp/err"; return 1; }; }
no_files() { # no file in $tmp/outdir at all (no partial, no temporary)
    [ -z "$(ls -A "$tmp/outdir" 2>/dev/null)" ] || { echo "  left behind: $(ls -A "$tmp/outdir")"; return 1; }
}

check "--help exits 0" status 0 "$bc" --help
check "--help prints usage" grep -q "render REPORT.yaml" "$tmp/out"
check "--version exits 0" status 0 "$bc" --version
check "render --help exits 0" status 0 "$bc" render --help
check "no command exits 2" status 2 "$bc"
check "unknown command exits 2" status 2 "$bc" frobnicate
check "unknown option exits 2" status 2 "$bc" render x.yaml --frob
check "render without a file exits 2" status 2 "$bc" render

good=$src/examples/cam-vu-2023.yaml
mkdir -p "$tmp/outdir"
# bad inputs: exit 1, a located message, nothing written
bad() { # bad NAME YAML-TEXT EXPECTED-MESSAGE
    printf '%b' "$2" > "$tmp/bad.yaml"
    check "$1: exit 1" status 1 "$bc" render "$tmp/bad.yaml" -o "$tmp/outdir/out.docx"
    check "$1: message" has_err "$3"
    check "$1: no output file" no_files
}
base='co_quan: Ủy ban nhân dân xã A\nky_hieu_co_quan: UBND\ndia_danh: A\ntrich_yeu: T\nnoi_nhan: [a]\nnguoi_ky: {chuc_danh: Chủ tịch, ho_ten: B}\n'
bad "yaml syntax" "${base}noi_dung: [x\n" "baocao: $tmp/bad.yaml:8:1: error: YAML"
bad "impossible date" "${base}noi_dung: x\nngay: 2023-02-30\n" "bad.yaml:8:7: error: \`ngay\` 2023-02-30 is not a real date"
bad "missing tag" "${base}noi_dung: Có {{so_lieu.x}} buổi\n" 'bad.yaml:7:14: error: `{{so_lieu.x}}`: no value for `so_lieu.x`'
bad "missing key" "ky_hieu_co_quan: UBND\n" "bad.yaml:1:1: error: missing required key \`co_quan\`"
bad "invalid UTF-8" "${base}noi_dung: ab\\0377\n" "bad.yaml:7:13: error: invalid UTF-8"
bad "control character" "${base}noi_dung: \"a\\\\x07\"\n" "U+0007"
bad "out-of-range period" "${base}noi_dung: x\nky_bao_cao: {nam: 2023, thang: 13}\n" "bad.yaml:8:32: error:"
bad "unknown loai" "${base}noi_dung: x\nloai: bien_ban_x\n" "unknown \`loai\`"
check "missing input file exits 1" status 1 "$bc" render "$tmp/none.yaml" -o "$tmp/outdir/x.docx"
check "missing input: no output" no_files
check "unwritable folder exits 1" status 1 "$bc" render "$good" -o "$tmp/no/such/dir/x.docx"
check "unwritable folder: message" has_err "cannot create"

# a failure never replaces an existing file
cp "$good" "$tmp/keep.docx"
printf '%b' "${base}noi_dung: x\nngay: 2023-02-30\n" > "$tmp/bad.yaml"
"$bc" render "$tmp/bad.yaml" -o "$tmp/keep.docx" 2>/dev/null
check "existing file untouched on failure" cmp -s "$good" "$tmp/keep.docx"

# output names and standard output
cp "$good" "$tmp/r.yaml"
check "default output next to the input" status 0 "$bc" render "$tmp/r.yaml"
check "default output exists" test -s "$tmp/r.docx"
check "-o - exits 0" status 0 "$bc" render "$tmp/r.yaml" -o -
check "-o - writes the same bytes" cmp -s "$tmp/out" "$tmp/r.docx"
check "silent on success" test ! -s "$tmp/err"

# the built-in template, exported and used as a clerk's template
check "template list" status 0 "$bc" template list
check "template list names bao-cao" grep -q "^bao-cao" "$tmp/out"
check "template export" status 0 "$bc" template export -o "$tmp/t.docx"
check "template export unknown name exits 1" status 1 "$bc" template export nope -o "$tmp/t2.docx"
check "template export without -o exits 2" status 2 "$bc" template export
check "render -t exported" status 0 "$bc" render "$tmp/r.yaml" -t "$tmp/t.docx" -o "$tmp/r2.docx"
check "-t exported gives the same document" cmp -s "$tmp/r.docx" "$tmp/r2.docx"
check "-t a non-docx exits 1" status 1 "$bc" render "$tmp/r.yaml" -t "$good" -o "$tmp/r3.docx"
check "-t a non-docx: message" has_err "cannot open as a .docx"

echo "cli checks: $pass passed, $fail failed"
[ "$fail" = 0 ]
