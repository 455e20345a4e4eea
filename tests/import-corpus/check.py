#!/usr/bin/env python3
# check.py - the .docx import reader over every Word file of a corpus
# (tests/import-corpus/run.sh says why): for each file import-dump runs
# under a time limit and must end with its blocks (exit 0) or a located
# error (exit 1, "error:" on stderr), never with a signal or a hang; for
# each file it reads, every character of every w:t of word/document.xml
# (outside w:del, w:moveFrom, mc:Fallback and field instructions) must be
# in its output: the characters that are not spaces, compared as
# multisets after NFD and case folding (w:caps text is written in
# capitals), stars and backslashes aside (they are markup);
# and every text must read back through the body markup with each star a
# marker that pairs or an escaped one (import-dump -c, exit 3 otherwise).
# Prints one "FAIL: ..." line per failure, a summary, and exits 1 on any.
# usage: check.py IMPORT_DUMP CORPUS_DIR TIME_LIMIT
import collections
import os
import subprocess
import sys
import time
import unicodedata
import zipfile

from lxml import etree

W = ('http://schemas.openxmlformats.org/wordprocessingml/2006/main',
     'http://purl.oclc.org/ooxml/wordprocessingml/main')
MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006'


def local(el):
    t = el.tag
    if not isinstance(t, str) or not t.startswith('{'):
        return None, None
    ns, _, name = t[1:].partition('}')
    return ns, name


def kept(ch):
    cat = unicodedata.category(ch)
    if ch.isspace() or cat in ('Zs', 'Zl', 'Zp', 'Cc', 'Cs') or ch in '*\\\ufeff':
        return False
    o = ord(ch)
    return not ((o & 0xFFFE) == 0xFFFE or 0xFDD0 <= o <= 0xFDEF)


def chars(text):
    return collections.Counter(c for c in unicodedata.normalize('NFD', text.casefold())
                               if kept(c))


class Walk:
    def __init__(self):
        self.fields = []  # True while a field is in its instruction
        self.out = []

    def in_instr(self):
        return any(self.fields)

    def walk(self, el):
        ns, name = local(el)
        if ns in W:
            if name in ('del', 'moveFrom', 'instrText', 'delText', 'delInstrText'):
                return
            if name == 'fldChar':
                t = el.get('{%s}fldCharType' % ns)
                if t == 'begin':
                    self.fields.append(True)
                elif t == 'separate' and self.fields:
                    self.fields[-1] = False
                elif t == 'end' and self.fields:
                    self.fields.pop()
                return
            if name == 't':
                if not self.in_instr():
                    self.out.append(el.text or '')
                return
        if ns == MC and name == 'AlternateContent':
            for ch in el:
                if local(ch) == (MC, 'Choice'):
                    self.walk(ch)
                    break
            return
        for ch in el:
            self.walk(ch)
        if ns in W and name == 'p':
            self.fields = [False for _ in self.fields]


def expected(path):
    """The characters the output must hold, or None when the checker
    cannot read the file itself."""
    try:
        with zipfile.ZipFile(path) as z:
            data = z.read('word/document.xml')
    except Exception:
        return None
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except Exception:
        return None
    w = Walk()
    w.walk(root)
    return chars(''.join(w.out))


def main():
    dump, corpus, limit = sys.argv[1], sys.argv[2], float(sys.argv[3])
    files = []
    for d, _, names in os.walk(corpus):
        for n in names:
            if n.lower().endswith(('.docx', '.dotx', '.docm', '.dotm')):
                files.append(os.path.join(d, n))
    files.sort()
    fails = 0
    read = refused = checked = 0
    slowest = (0.0, '')
    t0 = time.time()
    for f in files:
        rel = os.path.relpath(f, corpus)
        start = time.time()
        try:
            p = subprocess.run([dump, '-c', f], capture_output=True, timeout=limit)
        except subprocess.TimeoutExpired:
            print('FAIL: %s: no result after %g s' % (rel, limit))
            fails += 1
            continue
        took = time.time() - start
        if took > slowest[0]:
            slowest = (took, rel)
        err = p.stderr.decode('utf-8', 'replace')
        if p.returncode == 1:
            if 'error:' not in err:
                print('FAIL: %s: exit 1 without an error' % rel)
                fails += 1
            refused += 1
            continue
        if p.returncode == 3:
            print('FAIL: %s: markup that does not read back: %s' % (rel, err.strip()[:300]))
            fails += 1
            continue
        if p.returncode != 0:
            print('FAIL: %s: exit %d %s' % (rel, p.returncode, err.strip()[:300]))
            fails += 1
            continue
        read += 1
        try:
            out = p.stdout.decode('utf-8')
        except UnicodeDecodeError:
            print('FAIL: %s: output is not UTF-8' % rel)
            fails += 1
            continue
        text = []
        bad_line = None
        for line in out.split('\n'):
            if not line:
                continue
            parts = line.split('\t')
            if parts[0] == 'P' and len(parts) == 4:
                text.append(parts[3])
            elif parts[0] == 'C' and len(parts) == 6:
                text.append(parts[5])
            elif parts[0] != 'T':
                bad_line = line
            body = parts[-1]
            if any(unicodedata.category(c) == 'Cc' for c in body) or body != body.strip() \
                    or '  ' in body or unicodedata.normalize('NFC', body) != body:
                bad_line = line
        if bad_line is not None:
            print('FAIL: %s: bad output line %r' % (rel, bad_line[:200]))
            fails += 1
            continue
        want = expected(f)
        if want is None:
            continue
        checked += 1
        lost = want - chars('\n'.join(text))
        if lost:
            print('FAIL: %s: text lost: %r' % (rel, ''.join(sorted(lost.elements()))[:200]))
            fails += 1
    print('import-corpus: %d files, %d read (%d checked for lost text), %d refused with an '
          'error, %.1f s (slowest %.2f s: %s)' % (len(files), read, checked, refused,
                                                  time.time() - t0, slowest[0], slowest[1]))
    print('import-corpus: %d passed, %d failed' % (len(files) - fails, fails))
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main())
