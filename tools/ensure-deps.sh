#!/bin/sh
# ensure-deps.sh - makes sure the build's Debian dependencies are present.
#
# usage: tools/ensure-deps.sh [--cmd] NAME...
#   NAME is a pkg-config module (libzip, libxml-2.0, yaml-0.1, libutf8proc, libpng,
#   nss, jemalloc, cmocka) or, with --cmd, a command (python3,
#   soffice, pdftoppm...).
# A missing one is installed with apt-get when running as root (after one
# `apt-get update`); otherwise the script stops with one line naming the
# Debian package to install. Prints nothing when all is present.
set -eu

pkg_for() {
    case "$1" in
        pkg-config) echo pkg-config ;;
        cc|gcc) echo gcc ;;
        ar) echo binutils ;;
        make) echo make ;;
        libzip) echo libzip-dev ;;
        libdeflate) echo libdeflate-dev ;;
        libmd) echo libmd-dev ;;
        nss) echo libnss3-dev ;;
        libxml-2.0) echo libxml2-dev ;;
        yaml-0.1) echo libyaml-dev ;;
        libutf8proc) echo libutf8proc-dev ;;
        libpng) echo libpng-dev ;;
        jemalloc) echo libjemalloc-dev ;;
        cmocka) echo libcmocka-dev ;;
        zlib) echo zlib1g-dev ;;
        python3) echo python3 ;;
        lxml) echo python3-lxml ;;
        docx) echo python3-docx ;;
        docxtpl) echo python3-docxtpl ;;
        yaml) echo python3-yaml ;;
        jsonschema) echo python3-jsonschema ;;
        /usr/bin/time) echo time ;;
        node) echo nodejs ;;
        soffice) echo libreoffice-writer-nogui ;;
        calc) echo libreoffice-calc-nogui ;;
        pdftoppm|pdffonts|pdftotext|pdfimages|pdfsig) echo poppler-utils ;;
        certutil|modutil|pk12util) echo libnss3-tools ;;
        softhsm2-util) echo softhsm2 ;;
        openssl) echo openssl ;;
        valgrind) echo valgrind ;;
        clang) echo clang ;;
        libfuzzer) echo libclang-rt-14-dev ;;
        msgfmt) echo gettext ;;
        liberation) echo fonts-liberation2 ;;
        croscore) echo fonts-croscore ;;
        locale-gen) echo locales ;;
        *) echo "$1" ;;
    esac
}

have() {
    case "$1" in
        lxml|docx|docxtpl|yaml|jsonschema) [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import $1" 2>/dev/null ;;
        liberation) [ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] ;;
        libfuzzer) ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 ;;
        croscore) [ -f /usr/share/fonts/truetype/croscore/Tinos-Regular.ttf ] ;;
        calc) [ -f /usr/lib/libreoffice/share/registry/calc.xcd ] ;;
        *) if [ "$mode" = cmd ] || [ "$1" = pkg-config ]; then
               command -v "$1" >/dev/null 2>&1
           else
               pkg-config --exists "$1" 2>/dev/null
           fi ;;
    esac
}

mode=pkg
if [ "${1:-}" = "--cmd" ]; then mode=cmd; shift; fi

missing=""
if [ "$mode" = pkg ] && ! have pkg-config; then
    missing="pkg-config"
fi
for name in "$@"; do
    if [ "$mode" = pkg ] && ! command -v pkg-config >/dev/null 2>&1; then
        missing="$missing $(pkg_for "$name")"
    elif ! have "$name"; then
        missing="$missing $(pkg_for "$name")"
    fi
done
[ -n "$missing" ] || exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "baocao: installing Debian packages:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    # One package name once, however many names map to it.
    missing=$(printf '%s\n' $missing | sort -u | tr '\n' ' ')
    # A parallel make may run several of these at once: they take turns
    # (apt-get itself refuses a second caller instead of waiting).
    lock=/tmp/baocao-ensure-deps.lock
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$lock"
        flock 9
    fi
    apt-get update -qq >&2
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >&2
    exit 0
fi
echo "baocao: missing Debian package(s):$missing (install with: apt-get install$missing)" >&2
exit 1
