#!/usr/bin/python3
"""corpus.py - every Word file of a corpus through `template check` and `render -t`.

usage: corpus.py BAOCAO DATA.yaml CORPUS_DIR TOOLS_DIR OUT_DIR

For each file under CORPUS_DIR (recursively, every file but the manifest and
README): `baocao template check FILE`, then for an accepted file `baocao
render DATA.yaml -t FILE -o OUT --lenient`, each under a time limit. Then the
text of every input and output (TOOLS_DIR/docx-text's reader, --all parts)
and the validity of both (TOOLS_DIR/docx-validate).

Outcomes, per file: a crash (exit status above 1 or a signal), a hang (the
time limit), a refusal (exit 1) that must carry an id [Txxx] or [Exxx], an
accepted file whose render lost text, an output that is invalid though its
input was valid. The text rule: the text of the input outside every section
(`{{#x}}`...`{{/x}}`, `{{^x}}`...`{{/x}}`) with its tags taken out, cut at
tags, tabs and line ends, is found in the output's text, piece by piece, in
order (white space folded, NFC). A template that changes its delimiters is
not compared (counted). Prints the counts; exit status 1 when anything above
failed. OUT_DIR/results.tsv has one line per file.
"""
import concurrent.futures
import importlib.machinery
import importlib.util
import os
import re
import subprocess
import sys
import unicodedata

TIME_LIMIT = 10
SKIP_NAMES = {"manifest.tsv", "manifest.uniq.tsv", "README.md"}
ID = re.compile(r"\[([TE]\d{3})\]")
TAG = re.compile(r"\{\{(.*?)\}\}")
WS = re.compile(r"\s+")
PLACE = re.compile(r"line \d+ |\[\d+\]")


def load_docx_text(tools):
    path = os.path.join(tools, "docx-text")
    loader = importlib.machinery.SourceFileLoader("docx_text_tool", path)
    spec = importlib.util.spec_from_loader("docx_text_tool", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def run(cmd):
    """(status, stderr+stdout) with the time limit; status 'hang' or an int."""
    try:
        p = subprocess.run(["timeout", "-s", "KILL", str(TIME_LIMIT)] + cmd,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL)
    except OSError as e:
        return 127, str(e)
    text = (p.stderr + p.stdout).decode("utf-8", "replace")
    if p.returncode in (124, 137, -9):
        return "hang", text
    return p.returncode, text


def outcome(status, text):
    """ok, refused:ID, refused-without-id, crash, hang"""
    if status == "hang":
        return "hang"
    if status == 0:
        return "ok"
    if status == 1:
        ids = ID.findall(text)
        return "refused:" + ids[0] if ids else "refused-without-id"
    return "crash"


def one(job):
    bc, data, path, out = job
    st, text = run([bc, "template", "check", path])
    check = outcome(st, text)
    res = {"file": path, "check": check, "check_msg": text, "render": "-",
           "render_msg": "", "out": None}
    if check != "ok":
        return res
    if os.path.exists(out):
        os.remove(out)
    st, text = run([bc, "render", data, "-t", path, "-o", out, "--lenient"])
    res["render"] = outcome(st, text)
    res["render_msg"] = text
    if res["render"] == "ok":
        if os.path.exists(out):
            res["out"] = out
        else:
            res["render"] = "no-output"
    return res


def norm(s):
    return WS.sub(" ", unicodedata.normalize("NFC", s)).strip()


def pieces(lines):
    """The text outside every section, cut at tags, tabs and line ends;
    None when the template changes its delimiters."""
    text = "\n".join(lines)
    out = []
    depth = 0
    pos = 0
    for m in TAG.finditer(text):
        if depth == 0:
            out.extend(re.split(r"[\n\t\f]", text[pos:m.start()]))
        tag = m.group(1).lstrip("{").strip()
        if tag.startswith("="):
            return None
        if tag[:1] in ("#", "^", "$", "<"):
            depth += 1
        elif tag[:1] == "/":
            depth = max(0, depth - 1)
        pos = m.end()
    if depth == 0:
        out.extend(re.split(r"[\n\t\f]", text[pos:]))
    # a part's heading line from docx-text is no text of the document
    return [p for p in (norm(x) for x in out) if p and not re.fullmatch(r"\[[^\]]+\]", p)]


def text_of(dt, path):
    try:
        return dt.docx_text(path, True)
    except Exception:                           # damaged; docx-text's own errors
        return None


MAIN_DOC = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def package_problem(out):
    """What an output must not be: macro-enabled, a template, with a
    vbaProject part, or two Overrides for one part."""
    import zipfile
    from lxml import etree
    try:
        z = zipfile.ZipFile(out)
        ct = etree.fromstring(z.read("[Content_Types].xml"))
    except Exception as e:
        return "unreadable package (%s)" % e
    seen = set()
    for o in ct:
        if o.get("PartName") is None:
            continue
        name = o.get("PartName").lower()
        if name in seen:
            return "two Overrides for %s" % o.get("PartName")
        seen.add(name)
        t = o.get("ContentType") or ""
        if "macroEnabled" in t or "vbaProject" in t or "vbaData" in t:
            return "content type %s" % t
        if t.endswith("wordprocessingml.template.main+xml"):
            return "a template's content type (%s)" % t
    if not any(o.get("ContentType") == MAIN_DOC for o in ct):
        return "no part of type %s" % MAIN_DOC
    for n in z.namelist():
        if n.lower().endswith("vbaproject.bin") or n.lower().endswith("vbadata.xml"):
            return "holds %s" % n
    return None


def tag_count(msg):
    m = re.search(r"(\d+) tags?,", msg)
    return int(m.group(1)) if m else None


def lost_text(a, b):
    """None when every piece of text a is in b in order, else the first
    piece missing (and 'n/a: ...' when it cannot be compared)."""
    if a is None:
        return "n/a: input unreadable"
    if b is None:
        return "output unreadable"
    want = pieces(a)
    if want is None:
        return "n/a: delimiters changed"
    have = norm(" \n ".join(b))
    at = 0
    for w in want:
        i = have.find(w, at)
        if i < 0:
            return w
        at = i + len(w)
    return None


def validate(tools, files):
    """{file: [problems]} for every file given, two processes at a time."""
    bad = {}
    if not files:
        return bad
    half = (len(files) + 1) // 2
    chunks = [files[:half], files[half:]]
    procs = [subprocess.Popen([os.path.join(tools, "docx-validate")] + c,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
             for c in chunks if c]
    known = set(files)
    for p in procs:
        for line in p.communicate()[0].decode("utf-8", "replace").splitlines():
            # FILE: PART: message (a file name may hold ": ")
            for f in known:
                if line.startswith(f + ":"):
                    bad.setdefault(f, []).append(line[len(f) + 1:].strip())
                    break
    return bad


def main(argv):
    if len(argv) != 5:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    bc, data, corpus, tools, outdir = argv
    dt = load_docx_text(tools)
    os.makedirs(outdir, exist_ok=True)
    files = []
    for d, subdirs, names in os.walk(corpus):
        subdirs.sort()
        for n in sorted(names):
            if not (d == corpus and n in SKIP_NAMES):
                files.append(os.path.join(d, n))
    files.sort()
    jobs = [(bc, data, f, os.path.join(outdir, "%04d.docx" % i)) for i, f in enumerate(files)]
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        results = list(ex.map(one, jobs))

    outs = [r["out"] for r in results if r["out"]]
    rendered_src = [r["file"] for r in results if r["out"]]
    invalid_in = validate(tools, rendered_src)
    invalid_out = validate(tools, outs)

    counts = {}
    def count(k):
        counts[k] = counts.get(k, 0) + 1
    failures = []
    rows = []
    for r in results:
        f = os.path.relpath(r["file"], corpus)
        count("files")
        c = r["check"]
        note = ""
        if c == "ok":
            count("accepted by template check")
        elif c.startswith("refused:"):
            count("refused " + c[8:])
        else:
            count(c)
            failures.append("%s: template check: %s\n    %s" % (f, c, r["check_msg"].strip()[:400]))
        rs = r["render"]
        if rs == "ok":
            count("rendered")
            a, b = text_of(dt, r["file"]), text_of(dt, r["out"])
            lost = lost_text(a, b)
            pkg = package_problem(r["out"])
            if pkg:
                count("output package wrong")
                failures.append("%s: output package: %s" % (f, pkg))
            n_in = len(TAG.findall("\n".join(a))) if a else 0
            if n_in and tag_count(r["check_msg"]) == 0:
                count("tags not read")
                failures.append("%s: template check found 0 tags; its text has %d"
                                % (f, n_in))
            left = TAG.findall("\n".join(b)) if b and lost != "n/a: delimiters changed" else []
            if left:
                count("tags left in the output")
                failures.append("%s: tags left in the output: %s" % (f, " ".join(left[:3])))
            if lost is None:
                count("text kept")
            elif lost.startswith("n/a: "):
                count("text not compared (" + lost[5:] + ")")
                note = lost
            else:
                count("lost text")
                note = "lost: " + lost[:80]
                failures.append("%s: text lost in the render: %r" % (f, lost[:200]))
            if r["out"] in invalid_out:
                if r["file"] in invalid_in:
                    count("invalid output (input invalid too)")
                    # problems the input did not have (lines and element
                    # indices aside): told, not failed
                    was = {PLACE.sub("", x) for x in invalid_in[r["file"]]}
                    new = [x for x in invalid_out[r["out"]] if PLACE.sub("", x) not in was]
                    if new:
                        count("  of which with new problems")
                        note = (note + "; " if note else "") + "new problems: " + new[0][:200]
                else:
                    count("invalid output from a valid input")
                    failures.append("%s: invalid output from a valid input:\n    %s"
                                    % (f, "\n    ".join(invalid_out[r["out"]][:5])))
        elif rs.startswith("refused:"):
            count("render refused " + rs[8:])
        elif rs != "-":
            count("render " + rs)
            failures.append("%s: render: %s\n    %s" % (f, rs, r["render_msg"].strip()[:400]))
        first = (r["check_msg"] if c != "ok" else r["render_msg"]).strip().splitlines()
        rows.append("\t".join([f, c, rs, note, first[0][:300] if first else ""]))
    with open(os.path.join(outdir, "results.tsv"), "w") as fh:
        fh.write("file\tcheck\trender\ttext\tfirst message\n")
        fh.write("\n".join(rows) + "\n")

    for f in failures:
        print("FAIL: " + f)
    order = ["files", "accepted by template check", "rendered", "text kept"]
    for k in order + sorted(k for k in counts if k not in order):
        print("  %-44s %5d" % (k, counts.get(k, 0)))
    for k in ("crash", "hang", "refused-without-id", "lost text",
              "invalid output from a valid input", "output package wrong",
              "tags not read", "tags left in the output"):
        if k not in counts:
            print("  %-44s %5d" % (k, 0))
    print("test-corpus: %d files, %d failures (details: %s)"
          % (len(files), len(failures), os.path.join(outdir, "results.tsv")))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
