#!/usr/bin/env python3
# forge.py - PDFs made to fool `baocao ky --kiem-tra`, from a file baocao
# signed: each changes the signature dictionary or its /Contents and, where
# the trick needs one, signs again with OpenSSL (the signer's own key,
# exported from the test database), so that the only thing wrong is the
# trick itself and a verifier that misses it says "intact and trusted".
#
# usage: forge.py MODE SIGNED.pdf OUT.pdf CERT.pem KEY.pem
# MODE:
#   resign      signed again with OpenSSL, nothing wrong (the control)
#   noattr      adbe.pkcs7.detached without signed attributes (a control)
#   backdate    as noattr, /M set to 2001, before the certificate was valid
#   sha1        signed again with SHA-1 as the digest
#   subfilter   /SubFilter /adbe.pkcs7.sha1 (the digest signed as content)
#   noess       ETSI.CAdES.detached without the ESS signing-certificate
#   hole        /ByteRange's gap starts 9 bytes before /Contents' string
#   short       /ByteRange stops 6 bytes before the end of the file
#   overlap     /ByteRange's second part starts inside /Contents' string
#   offset      /ByteRange starts at byte 10, not 0
#   gapname     /ByteRange's gap is /Name's string, not /Contents' (the
#               signature of those ranges still goes into /Contents)
#   hexcase     one hexadecimal letter of the signature in the other case
#   hexspace    one of the zeros after the signature made a space
#   ber         signed again as BER with indefinite lengths (a control)
#   berpad      as ber, one of the zeros after the signature made 1
import re
import subprocess
import sys
import tempfile

mode, src, dst, cert, key = sys.argv[1:6]
d = bytearray(open(src, "rb").read())

br = d.rindex(b"/ByteRange[") + len(b"/ByteRange")
br_end = d.index(b"]", br) + 1
ct = d.rindex(b"/Contents<") + len(b"/Contents")
ct_end = d.index(b">", ct) + 1
room = (ct_end - ct - 2) // 2


def set_range(r):
    text = b"[" + b" ".join(b"%d" % x for x in r)
    width = br_end - br - 1
    assert len(text) <= width
    d[br:br_end] = text + b" " * (width - len(text)) + b"]"


def replace_same_length(old, new):
    i = d.rindex(old)
    assert len(old) == len(new) and i < ct
    d[i:i + len(old)] = new


def sign(r, opts):
    data = b"".join(bytes(d[r[k]:r[k] + r[k + 1]]) for k in (0, 2))
    with tempfile.NamedTemporaryFile() as f:
        f.write(data)
        f.flush()
        return subprocess.run(["openssl", "cms", "-sign", "-binary", "-in", f.name,
                               "-signer", cert, "-inkey", key, "-outform", "DER",
                               "-nosmimecap"] + opts,
                              check=True, stdout=subprocess.PIPE).stdout


def fill(der):
    h = der.hex().upper().encode()
    assert len(h) <= 2 * room
    d[ct + 1:ct_end - 1] = h + b"0" * (2 * room - len(h))
    return len(h)


whole = [0, ct, ct_end, len(d) - ct_end]
if mode == "resign":
    fill(sign(whole, ["-md", "sha256", "-cades"]))
elif mode in ("noattr", "backdate"):
    replace_same_length(b"/SubFilter/ETSI.CAdES.detached", b"/SubFilter/adbe.pkcs7.detached")
    if mode == "backdate":
        m = re.search(rb"/M\(D:\d{14}", bytes(d[:ct]))
        d[m.start():m.end()] = b"/M(D:20010101000000"
    fill(sign(whole, ["-md", "sha256", "-noattr"]))
elif mode == "sha1":
    fill(sign(whole, ["-md", "sha1", "-cades"]))
elif mode == "subfilter":
    replace_same_length(b"/SubFilter/ETSI.CAdES.detached", b"/SubFilter/adbe.pkcs7.sha1    ")
    fill(sign(whole, ["-md", "sha256", "-cades"]))
elif mode == "noess":
    fill(sign(whole, ["-md", "sha256", "-noattr"]))
elif mode in ("hole", "short", "overlap", "offset"):
    r = {"hole": [0, ct - 9, ct_end, len(d) - ct_end],
         "short": [0, ct, ct_end, len(d) - ct_end - 6],
         "overlap": [0, ct, ct_end - 20, len(d) - ct_end + 20],
         "offset": [10, ct - 10, ct_end, len(d) - ct_end]}[mode]
    set_range(r)
    fill(sign(r, ["-md", "sha256", "-cades"]))
elif mode == "gapname":
    nm = d.rindex(b"/Name<", 0, ct) + len(b"/Name")
    nm_end = d.index(b">", nm) + 1
    r = [0, nm, nm_end, len(d) - nm_end]
    set_range(r)
    fill(sign(r, ["-md", "sha256", "-cades"]))
elif mode in ("hexcase", "hexspace"):
    h = bytes(d[ct + 1:ct_end - 1])
    if mode == "hexcase":
        i = ct + 1 + re.search(rb"[A-F]", h).start()
        d[i] = d[i] + 32
    else:
        i = ct_end - 2 - 10
        assert d[i:i + 1] == b"0"
        d[i] = 0x20
elif mode in ("ber", "berpad"):
    # the outer SEQUENCE's length made indefinite: BER, as some signers write
    der = sign(whole, ["-md", "sha256", "-cades"])
    assert der[0] == 0x30 and der[1] == 0x82
    n = fill(b"\x30\x80" + der[4:] + b"\x00\x00")
    if mode == "berpad":
        i = ct + 1 + n + 100
        assert i < ct_end - 1 and d[i:i + 1] == b"0"
        d[i] = ord("1")
else:
    sys.exit("forge.py: unknown mode " + mode)
open(dst, "wb").write(d)
