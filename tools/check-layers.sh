#!/bin/sh
# check-layers.sh - the include rule of generator/'s layers: a file in
# generator/LAYER/ may include the headers of its own layer and of the
# layers named before LAYER, always by their path ("base/buf.h"); only
# generator/main.c, on top of them all, includes from every layer.
# Prints one line per include that breaks the rule and exits 1 when there
# is any; prints nothing and exits 0 otherwise.
# usage: tools/check-layers.sh SRC_DIR LAYER... (lowest first)
set -eu
src=$1
shift
order="$*"
rank() { # rank LAYER: its position in the order (0 when unknown)
    i=1
    for l in $order; do
        [ "$l" = "$1" ] && { echo $i; return; }
        i=$((i + 1))
    done
    echo 0
}
bad=0
for f in $(find "$src" -name '*.[ch]' | LC_ALL=C sort); do
    rel=${f#"$src"/}
    case "$rel" in
        */*) layer=${rel%%/*} ;;
        *) layer="" ;; # main.c: the top
    esac
    if [ -n "$layer" ]; then
        own=$(rank "$layer")
        if [ "$own" = 0 ]; then
            echo "$f: the folder \`$layer\` is not a layer ($order)"
            bad=1
            continue
        fi
    fi
    # "#include \"dir/name.h\"" lines with their numbers
    lines=$(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" || true)
    [ -n "$lines" ] || continue
    while IFS= read -r line; do
        num=${line%%:*}
        path=$(printf '%s\n' "$line" | sed 's/^[^"]*"\([^"]*\)".*/\1/')
        case "$path" in
            fonts/*) dep=base ;;  # the generated font tables: data of base/
            */*) dep=${path%%/*} ;;
            *) echo "$f:$num: \"$path\": include a header by its layer's path (\"layer/$path\")"
               bad=1; continue ;;
        esac
        [ -n "$layer" ] || continue
        r=$(rank "$dep")
        if [ "$r" = 0 ]; then
            echo "$f:$num: \"$path\": \`$dep\` is not a layer ($order)"
            bad=1
        elif [ "$r" -gt "$own" ]; then
            echo "$f:$num: \"$path\": the $layer layer may not include the higher $dep layer"
            bad=1
        fi
    done <<LINES
$lines
LINES
done
exit $bad
