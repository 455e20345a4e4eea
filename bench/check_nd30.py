#!/usr/bin/python3
"""Run the peers' check_outputs.py on baocao's output with three
normalisations for what Decree 30 prescribes and the peers do not write:
the body ends with "./." (nd30-layout.md 6.1), read here as "."; the last
recipient line, the archive line, ends with "." (nd30-layout.md 8), read
here as ";"; numbers 1 to 9 carry a leading zero ("Số: 08/BC-UBND",
nd30-layout.md 4.3), read here without it. Everything else is checked
exactly as for the peers.

usage: check_nd30.py BENCH_PEERS_DIR data/communes-N.json OUTDIR [--all]
"""
import os
import re
import sys

sys.path.insert(0, sys.argv[1])
os.chdir(sys.argv[1])
import check_outputs  # noqa: E402

_orig = check_outputs.all_paragraphs


def all_paragraphs(doc):
    texts = _orig(doc)
    texts = [t[:-3] + "." if t.endswith("./.") else t for t in texts]
    texts = [re.sub(r"^Số: 0([1-9])/", r"Số: \1/", t) for t in texts]
    return [t[:-1] + ";" if t.startswith("- Lưu") and t.endswith(".") else t
            for t in texts]


check_outputs.all_paragraphs = all_paragraphs
sys.argv = [sys.argv[0]] + sys.argv[2:]
check_outputs.main()
