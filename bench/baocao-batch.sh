#!/bin/sh
# baocao-batch.sh - baocao's side of the peers' benchmark (bench.py --add):
# maps the peers' data file data/communes-N.json to the batch file
# data/baocao-N.yaml made beforehand by to_baocao.py, and writes 0001.docx...
# usage: baocao-batch.sh BAOCAO data/communes-N.json OUTDIR
set -e
bin=$1 data=$2 out=$3
exec "$bin" batch "$(echo "$data" | sed 's/communes-\([0-9]*\)\.json$/baocao-\1.yaml/')" \
    -o "$out" --ten '{{id}}.docx'
