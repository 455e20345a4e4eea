#!/bin/sh
# check-names.sh - a name seen at a call site leads to its file: every
# global symbol that an object of generator/LAYER/NAME.c defines starts
# with bc_NAME_ or bc_NAMEs_ (bc_utf8_nfc is in base/utf8.c,
# bc_wml_scan_part in wml/wml_scan.c, bc_diags_free in base/diag.c).
# Two exceptions, by design: base/xalloc.c's
# malloc-likes (bc_xmalloc...) and the mustache module's public names
# (bc_mustache_*, in mustache/mustache*.c). Prints each symbol that
# breaks the rule and exits 1 when there is any.
# usage: tools/check-names.sh BUILD_DIR
set -eu
obj=$1/obj
bad=0
for o in $(find "$obj" -mindepth 2 -name '*.o' | LC_ALL=C sort); do
    name=$(basename "$o" .o)
    for s in $(nm -g --defined-only "$o" | awk '{print $3}'); do
        case "$s" in
            "bc_$name"|"bc_${name}_"*|"bc_${name}s_"*) continue ;;
        esac
        case "$name:$s" in
            xalloc:bc_x*|mustache*:bc_mustache_*) continue ;;
        esac
        echo "${o#"$obj"/}: $s does not start with bc_$name"
        bad=1
    done
done
exit $bad
