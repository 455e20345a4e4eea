#!/bin/sh
# run.sh - `baocao ky`: signing a PDF's signature field through NSS and
# checking it (`--kiem-tra`), against a test PKI the suite makes in a
# temporary folder:
#  - an NSS file database with a password, a self-signed test CA trusted
#    for signing, a signer "Nguyễn Văn An" issued by it (and one whose
#    certificate has expired);
#  - a SoftHSM2 token ("baocao", PIN 1234) added to a second database as a
#    PKCS#11 module, as a USB token is, its key made on the token and its
#    certificate issued by the test CA.
# Checked: pdfsig (poppler) finds the signatures valid and trusted; the
# signed file begins with the input's bytes (an incremental update);
# --kiem-tra exits 0 and names the signer; one changed byte (in the signed
# bytes, anywhere in the signature) or bytes added after signing make it
# exit 1; forgeries signed again with the signer's key (tests/sign/forge.py:
# a /ByteRange with a hole, an overlap, from byte 10, around /Name instead
# of /Contents or short of the end, a SHA-1 digest, a wrong /SubFilter,
# ETSI.CAdES.detached without ESS, a web server's certificate,
# /M before the certificate was valid, a changed digit's case or a space in
# /Contents, a changed zero after a BER signature) exit 1, while the same
# re-signing with nothing wrong exits 0; a wrong PIN is a clear error and
# leaves no file; a certificate not valid at the signing time is refused;
# a database that does not trust the CA, or none, is "not trusted"; usage
# errors exit 2; no run leaves NSS holding a certificate or key at its
# shutdown.
# Skips with one line when the NSS tools or SoftHSM2 are missing and
# cannot be installed (tools/ensure-deps.sh installs them as root).
# usage: tests/sign/run.sh BUILD_DIR [SHARED_DIR]
set -u
build=$1
bc=$(cd "$build" && pwd)/baocao
root=$(pwd)
fix=$root/tests/fixtures/sign
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../lib.sh"

if ! tools/ensure-deps.sh --cmd certutil modutil pk12util softhsm2-util pdfsig python3 openssl 2>"$tmp/deps"; then
    echo "test-sign: SKIPPED: $(cat "$tmp/deps")"
    exit 0
fi
softhsm_lib=
for f in /usr/lib/softhsm/libsofthsm2.so /usr/lib/*/softhsm/libsofthsm2.so; do
    [ -f "$f" ] && { softhsm_lib=$f; break; }
done
[ -n "$softhsm_lib" ] || { echo "test-sign: SKIPPED: libsofthsm2.so not found"; exit 0; }

absent() { [ ! -e "$1" ] || { echo "  $1 was written"; return 1; }; }
only() { # only DIR NAME...: DIR holds exactly these names (no temporary file left)
    d=$1; shift
    want=$( [ $# -eq 0 ] || printf '%s\n' "$@" | LC_ALL=C sort | tr '\n' ' ')
    have=$(ls -A "$d" | LC_ALL=C sort | tr '\n' ' ')
    [ "$have" = "$want" ] || { echo "  $d holds: $have, want: $want"; return 1; }
}
valid() { # valid PDF DB: pdfsig finds every signature valid and trusted
    pdfsig -nssdir "sql:$2" "$1" > "$tmp/pdfsig" 2>&1
    grep -q "Signature Validation: Signature is Valid." "$tmp/pdfsig" &&
        grep -q "Certificate Validation: Certificate is Trusted." "$tmp/pdfsig" &&
        grep -q "Total document signed" "$tmp/pdfsig" ||
        { echo "  pdfsig on $1:"; cat "$tmp/pdfsig"; return 1; }
}
not_valid() {
    pdfsig -nssdir "sql:$2" "$1" > "$tmp/pdfsig" 2>&1
    ! grep -q "Signature is Valid." "$tmp/pdfsig" || { echo "  pdfsig finds $1 valid"; return 1; }
}
flip() { # flip IN OFFSET OUT: OUT is IN with one bit of byte OFFSET changed
    python3 -c '
import sys
d = bytearray(open(sys.argv[1], "rb").read())
d[int(sys.argv[2])] ^= 1
open(sys.argv[3], "wb").write(d)' "$@"
}
contents_at() { # the offset of the first hex digit of /Contents<...> in PDF
    python3 -c '
import sys
d = open(sys.argv[1], "rb").read()
print(d.rindex(b"/Contents<") + 10)' "$1"
}
prefix_of() { # prefix_of SHORT LONG: LONG begins with SHORT's bytes
    n=$(wc -c < "$1")
    cmp -s -n "$n" "$1" "$2" || { echo "  $2 does not begin with $1"; return 1; }
}

# ---- the test PKI ------------------------------------------------------------
pki=$tmp/pki
mkdir -p "$pki/db" "$pki/hsmdb" "$pki/plain" "$pki/tokens"
echo "mat-khau-CSDL" > "$pki/pw"
echo "sai-mat-khau" > "$pki/badpw"
echo 1234 > "$pki/pin"
echo 9999 > "$pki/badpin"
noise() { head -c 64 /dev/urandom > "$pki/noise"; }
setup() {
    certutil -N -d "sql:$pki/db" -f "$pki/pw" || return 1
    noise
    # the test CA: self-signed, a CA (basic constraints), trusted for signing,
    # valid from two months ago
    printf 'y\n0\ny\n' | certutil -S -d "sql:$pki/db" -f "$pki/pw" -z "$pki/noise" \
        -n "Test CA" -s "CN=Baocao Test CA,O=Baocao,C=VN" -x -t "CT,C,C" -k rsa -g 2048 \
        -Z SHA256 -w -2 -v 120 -m 1 -2 --keyUsage certSigning,crlSigning || return 1
    noise
    # valid from a month ago, for two years
    certutil -S -d "sql:$pki/db" -f "$pki/pw" -z "$pki/noise" -n An \
        -s "CN=Nguyễn Văn An,O=UBND xã Cẩm Vũ,C=VN" -c "Test CA" -t ",," -k rsa -g 2048 \
        -Z SHA256 -w -1 -v 24 -m 2 --keyUsage digitalSignature,nonRepudiation \
        --extKeyUsage emailProtection || return 1
    # An's key and certificate for OpenSSL, which signs the forgeries of
    # section 2b
    echo p12 > "$pki/p12pw"
    pk12util -o "$pki/an.p12" -n An -d "sql:$pki/db" -k "$pki/pw" -w "$pki/p12pw" &&
        openssl pkcs12 -in "$pki/an.p12" -passin pass:p12 -nodes -nocerts -out "$pki/an.key" &&
        openssl pkcs12 -in "$pki/an.p12" -passin pass:p12 -nokeys -clcerts -out "$pki/an.pem" ||
        return 1
    noise
    # valid from 36 months ago for 12 months: expired two years ago
    certutil -S -d "sql:$pki/db" -f "$pki/pw" -z "$pki/noise" -n Cu \
        -s "CN=Lê Văn Cũ,C=VN" -c "Test CA" -t ",," -k rsa -g 2048 -Z SHA256 -w -36 -v 12 \
        -m 3 --keyUsage digitalSignature || return 1
    noise
    # a web server's certificate from the same CA: not for signing
    certutil -S -d "sql:$pki/db" -f "$pki/pw" -z "$pki/noise" -n Web \
        -s "CN=may-chu.cam-vu.gov.vn,C=VN" -c "Test CA" -t ",," -k rsa -g 2048 -Z SHA256 \
        -w -1 -v 24 -m 5 --keyUsage keyEncipherment --extKeyUsage serverAuth || return 1
    pk12util -o "$pki/web.p12" -n Web -d "sql:$pki/db" -k "$pki/pw" -w "$pki/p12pw" &&
        openssl pkcs12 -in "$pki/web.p12" -passin pass:p12 -nodes -nocerts -out "$pki/web.key" &&
        openssl pkcs12 -in "$pki/web.p12" -passin pass:p12 -nokeys -clcerts -out "$pki/web.pem" ||
        return 1
    certutil -L -d "sql:$pki/db" -n "Test CA" -a > "$pki/ca.pem" || return 1
    # a reader's database that holds the CA without trusting it
    certutil -N -d "sql:$pki/plain" --empty-password &&
        certutil -A -d "sql:$pki/plain" -n "Test CA" -t ",," -i "$pki/ca.pem" || return 1
    # the token: SoftHSM2, added to a database of its own as a USB token is
    printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' \
        "$pki/tokens" > "$pki/softhsm2.conf"
    SOFTHSM2_CONF=$pki/softhsm2.conf
    export SOFTHSM2_CONF
    softhsm2-util --init-token --slot 0 --label baocao --pin 1234 --so-pin 5678 || return 1
    certutil -N -d "sql:$pki/hsmdb" --empty-password || return 1
    echo | modutil -add softhsm -libfile "$softhsm_lib" -dbdir "sql:$pki/hsmdb" -force ||
        return 1
    noise
    # the key made on the token; the CA issues its certificate, which goes
    # onto the token
    certutil -R -d "sql:$pki/hsmdb" -h baocao -f "$pki/pin" -z "$pki/noise" \
        -s "CN=Trần Thị Bình,O=UBND xã Cẩm Vũ,C=VN" -k rsa -g 2048 -Z SHA256 \
        -o "$pki/binh.req" || return 1
    certutil -C -d "sql:$pki/db" -f "$pki/pw" -c "Test CA" -i "$pki/binh.req" \
        -o "$pki/binh.der" -m 4 -v 24 --keyUsage digitalSignature,nonRepudiation \
        --extKeyUsage emailProtection || return 1
    certutil -A -d "sql:$pki/hsmdb" -h baocao -f "$pki/pin" -n Binh -t ",," \
        -i "$pki/binh.der" || return 1
}
if ! setup > "$tmp/setup.log" 2>&1; then
    echo "FAIL: the test PKI could not be made:"; cat "$tmp/setup.log"
    exit 1
fi

# ---- 1. signing with the file database ----------------------------------------
w=$tmp/w
mkdir -p "$w"
cp "$fix/unsigned.pdf" "$w/bao-cao.pdf"
start=$(date +%s%N)
check "sign with the file database" status 0 "$bc" ky "$w/bao-cao.pdf" --nss "$pki/db" \
    --chung-thu An --pin-fd 3 3<"$pki/pw"
end=$(date +%s%N)
check "default output beside the input" only "$w" bao-cao.pdf bao-cao-da-ky.pdf
check "the signer named" has_err -F "Nguyễn Văn An"
signed=$w/bao-cao-da-ky.pdf
check "an incremental update: the input's bytes kept" prefix_of "$w/bao-cao.pdf" "$signed"
check "pdfsig: valid and trusted" valid "$signed" "$pki/db"
grep -q "Signature Type: ETSI.CAdES.detached" "$tmp/pdfsig" && ok || bad "pdfsig: not ETSI.CAdES.detached"
grep -q "Signer Certificate Common Name: Nguyễn Văn An" "$tmp/pdfsig" && ok ||
    bad "pdfsig: the signer's name"
vstart=$(date +%s%N)
check "--kiem-tra: intact and trusted" status 0 "$bc" ky --kiem-tra "$signed" --nss "$pki/db"
vend=$(date +%s%N)
check "--kiem-tra names the signer" has_out -F "Nguyễn Văn An (UBND xã Cẩm Vũ)"
check "--kiem-tra names the issuer" has_out -F "Baocao Test CA"
check "--kiem-tra says intact" has_out -F "intact"
check "--kiem-tra says trusted" has_out -F "trusted: the certificate chains"
pstart=$(date +%s%N)
pdfsig -nssdir "sql:$pki/db" "$signed" > /dev/null 2>&1
pend=$(date +%s%N)
echo "sign: one signature in $(( (end - start) / 1000000 )) ms, checked in" \
    "$(( (vend - vstart) / 1000000 )) ms (pdfsig $(( (pend - pstart) / 1000000 )) ms)"

# the signature's shape: PAdES B-B attributes, DER, no signing-time
python3 - "$signed" > "$tmp/cms.der" <<'EOF'
import sys
d = open(sys.argv[1], "rb").read()
i = d.rindex(b"/Contents<") + 10
der = bytes.fromhex(d[i:d.index(b">", i)].decode())
n = int.from_bytes(der[2:2 + (der[1] & 0x7F)], "big") + 2 + (der[1] & 0x7F) if der[1] & 0x80 else der[1] + 2
sys.stdout.buffer.write(der[:n])
EOF
if command -v openssl > /dev/null 2>&1; then
    openssl asn1parse -inform DER -in "$tmp/cms.der" > "$tmp/asn1" 2>&1
    for attr in contentType messageDigest id-smime-aa-signingCertificateV2; do
        grep -q ":$attr" "$tmp/asn1" && ok || bad "the signature lacks the $attr attribute"
    done
    grep -q ":signingTime" "$tmp/asn1" && bad "a signing-time attribute (PAdES forbids it)" || ok
    head -1 "$tmp/asn1" | grep -q "l=inf" && bad "the signature is BER with indefinite lengths" || ok
fi

# ---- 2. changed bytes -------------------------------------------------------
flip "$signed" 400 "$tmp/changed.pdf"
check "a changed signed byte: exit 1" status 1 "$bc" ky --kiem-tra "$tmp/changed.pdf" --nss "$pki/db"
check "a changed signed byte: said" has_out -F "FAILED: the signed bytes have changed"
check "a changed signed byte: pdfsig" not_valid "$tmp/changed.pdf" "$pki/db"
# a changed byte anywhere in the signature (40 places over its DER) and in
# the zeros after it
at=$(contents_at "$signed")
der_hex=$(( $(wc -c < "$tmp/cms.der") * 2 ))
missed=""
for k in $(seq 0 39) 40 41; do
    if [ "$k" -lt 40 ]; then off=$(( at + k * der_hex / 40 )); else off=$(( at + der_hex + (k - 40) * 300 + 10 )); fi
    flip "$signed" "$off" "$tmp/c.pdf"
    "$bc" ky --kiem-tra "$tmp/c.pdf" --nss "$pki/db" > /dev/null 2>&1 && missed="$missed $off"
done
[ -z "$missed" ] && ok || bad "a changed byte in /Contents at$missed was not found"
cat "$signed" > "$tmp/appended.pdf"
printf '%% a comment\n' >> "$tmp/appended.pdf"
check "bytes added after signing: exit 1" status 1 "$bc" ky --kiem-tra "$tmp/appended.pdf" --nss "$pki/db"
check "bytes added after signing: said" has_out -F "bytes were added to the file after it was signed"
# a valid incremental update after the signature (a new /Info): a change too
python3 - "$signed" "$tmp/updated.pdf" <<'EOF'
import re, sys
d = open(sys.argv[1], "rb").read()
prev = int(re.findall(rb"startxref\s+(\d+)", d)[-1])
trailer = re.findall(rb"trailer\s*(<<.*?>>)\s*startxref", d, re.S)[-1]
size = int(re.search(rb"/Size (\d+)", trailer).group(1))
root = re.search(rb"/Root (\d+ \d+ R)", trailer).group(1)
off = len(d)
obj = b"%d 0 obj\n<</Title(Changed after signing)>>\nendobj\n" % size
xref = off + len(obj)
tail = (b"xref\n%d 1\n%010d 00000 n \ntrailer\n<</Size %d/Root %s/Info %d 0 R/Prev %d>>\n"
        b"startxref\n%d\n%%%%EOF\n" % (size, off, size + 1, root, size, prev, xref))
open(sys.argv[2], "wb").write(d + obj + tail)
EOF
check "an update after signing: exit 1" status 1 "$bc" ky --kiem-tra "$tmp/updated.pdf" --nss "$pki/db"
check "an update after signing: said" has_out -F "bytes were added to the file after it was signed"
check "an update after signing: the signature itself intact" has_out -F "signer: Nguyễn Văn An"

# ---- 2b. forgeries: signed again by the signer's key, each with one trick ----------
# (tests/sign/forge.py). The controls, signed again with nothing wrong,
# must pass, so that a refusal below is the trick's and not OpenSSL's.
forge() { python3 "$root/tests/sign/forge.py" "$1" "$signed" "$tmp/f-$1.pdf" \
    "$pki/an.pem" "$pki/an.key" || bad "forge.py $1 failed"; }
kiem() { status "$1" "$bc" ky --kiem-tra "$tmp/f-$2.pdf" --nss "$pki/db"; }
for m in resign noattr ber; do
    forge $m
    check "forged control $m: exit 0" kiem 0 $m
done
check "forged control ber: pdfsig" valid "$tmp/f-ber.pdf" "$pki/db"
python3 "$root/tests/sign/forge.py" resign "$signed" "$tmp/f-web.pdf" "$pki/web.pem" \
    "$pki/web.key" || bad "forge.py resign with Web failed"
check "signed by a web server's certificate: exit 1" kiem 1 web
check "signed by a web server's certificate: said" has_out -F \
    "NOT TRUSTED: the certificate is not one for signing documents"
forge backdate
check "/M before the certificate was valid: exit 1" kiem 1 backdate
check "/M before the certificate was valid: said" has_out -F \
    "NOT TRUSTED: the certificate was not valid at the time the file says it was signed"
forge sha1
check "a SHA-1 digest: exit 1" kiem 1 sha1
check "a SHA-1 digest: said" has_out -F "a digest weaker than SHA-256"
forge subfilter
check "/SubFilter /adbe.pkcs7.sha1: exit 1" kiem 1 subfilter
check "/SubFilter /adbe.pkcs7.sha1: said" has_out -F "checks ETSI.CAdES.detached and adbe.pkcs7.detached"
forge noess
check "ETSI.CAdES.detached without ESS signing-certificate: exit 1" kiem 1 noess
check "ETSI.CAdES.detached without ESS: said" has_out -F "(ESS signing-certificate)"
forge hole
check "a /ByteRange gap wider than /Contents: exit 1" kiem 1 hole
check "a /ByteRange gap wider than /Contents: said" has_out -F "does not cover the file"
check "the trust of a signature not checked: said why" has_out -F "NOT TRUSTED: not checked"
forge overlap
check "a /ByteRange part inside /Contents: exit 1" kiem 1 overlap
check "a /ByteRange part inside /Contents: said" has_out -F "does not cover the file"
forge offset
check "a /ByteRange from byte 10: exit 1" kiem 1 offset
check "a /ByteRange from byte 10: said" has_out -F "does not cover the file"
forge gapname
check "a /ByteRange whose gap is /Name, not /Contents: exit 1" kiem 1 gapname
check "a /ByteRange whose gap is /Name: said" has_out -F "does not cover the file"
forge short
check "a /ByteRange short of the end: exit 1" kiem 1 short
check "a /ByteRange short of the end: said" has_out -F "6 bytes were added"
forge hexcase
check "one hexadecimal digit of /Contents in the other case: exit 1" kiem 1 hexcase
check "one hexadecimal digit in the other case: said" has_out -F "mixes upper- and lower-case"
forge hexspace
check "a space among /Contents' zeros: exit 1" kiem 1 hexspace
check "a space among /Contents' zeros: said" has_out -F "other bytes than hexadecimal digits"
forge berpad
check "a changed zero after a BER signature: exit 1" kiem 1 berpad
check "a changed zero after a BER signature: said" has_out -F "bytes after the signature"

# ---- 3. PINs and passwords ----------------------------------------------------
cp "$fix/unsigned.pdf" "$tmp/p.pdf"
mkdir -p "$tmp/pin-out"
check "wrong password: exit 1" status 1 "$bc" ky "$tmp/p.pdf" -o "$tmp/pin-out/x.pdf" \
    --nss "$pki/db" --chung-thu An --pin-fd 3 3<"$pki/badpw"
check "wrong password: said" has_err -F "wrong password of the NSS database"
check "wrong password: no file, no temporary file" only "$tmp/pin-out"
# no PIN and no terminal to ask on: a clear error, not a hang
check "no PIN, no terminal: exit 1" status 1 setsid -w "$bc" ky "$tmp/p.pdf" \
    -o "$tmp/pin-out/x.pdf" --nss "$pki/db" --chung-thu An < /dev/null
check "no PIN, no terminal: said" has_err -F "the NSS database has a password"
check "no PIN: no file" only "$tmp/pin-out"
# the PIN typed at the prompt (a pseudo-terminal by script(1)), not echoed
if command -v script > /dev/null 2>&1; then
    (sleep 1; cat "$pki/pw") | script -qec "'$bc' ky '$tmp/p.pdf' -o '$tmp/pin-out/t.pdf' \
        --nss '$pki/db' --chung-thu An" /dev/null > "$tmp/tty" 2>&1
    [ -f "$tmp/pin-out/t.pdf" ] && ok || { bad "the PIN typed at the prompt"; cat "$tmp/tty"; }
    grep -q "Password of the NSS database" "$tmp/tty" && ok || { bad "no prompt"; cat "$tmp/tty"; }
    grep -q "mat-khau" "$tmp/tty" && bad "the PIN was echoed" || ok
    rm -f "$tmp/pin-out/t.pdf"
    # a line longer than a PIN: refused whole, not cut to a wrong PIN
    (sleep 1; head -c 300 /dev/zero | tr '\0' 7; echo) | script -qec "'$bc' ky '$tmp/p.pdf' \
        -o '$tmp/pin-out/t.pdf' --nss '$pki/db' --chung-thu An" /dev/null > "$tmp/tty" 2>&1
    grep -q "the PIN typed is longer than 255 bytes" "$tmp/tty" && ok ||
        { bad "a PIN too long at the prompt: not said"; cat "$tmp/tty"; }
    grep -q "wrong password" "$tmp/tty" && bad "a PIN too long at the prompt was tried" || ok
    check "a PIN too long at the prompt: no file" only "$tmp/pin-out"
fi
# the PIN is read from the descriptor, never from the command line: no
# option takes it
check "--pin is no option" status 2 "$bc" ky "$tmp/p.pdf" --nss "$pki/db" --chung-thu An --pin 1

# ---- 4. the SoftHSM2 token ----------------------------------------------------
check "sign on the token" status 0 "$bc" ky "$tmp/p.pdf" -o "$tmp/token.pdf" \
    --nss "$pki/hsmdb" --chung-thu baocao:Binh --pin-fd 3 3<"$pki/pin"
check "the token's database does not know the CA: a warning" has_err -F \
    "is not trusted for signing by this database"
check "token: pdfsig valid and trusted" valid "$tmp/token.pdf" "$pki/db"
check "token: --kiem-tra" status 0 "$bc" ky --kiem-tra "$tmp/token.pdf" --nss "$pki/db"
check "token: the signer" has_out -F "Trần Thị Bình"
check "token: wrong PIN, exit 1" status 1 "$bc" ky "$tmp/p.pdf" -o "$tmp/pin-out/y.pdf" \
    --nss "$pki/hsmdb" --chung-thu baocao:Binh --pin-fd 3 3<"$pki/badpin"
check "token: wrong PIN, said" has_err -F 'wrong PIN for "baocao"'
check "token: wrong PIN, no file" only "$tmp/pin-out"
check "token: no such certificate" status 1 "$bc" ky "$tmp/p.pdf" -o "$tmp/pin-out/y.pdf" \
    --nss "$pki/hsmdb" --chung-thu baocao:Nobody --pin-fd 3 3<"$pki/pin"
check "token: no such certificate, said" has_err -F 'no certificate nicknamed "baocao:Nobody"'

# ---- 5. trust ---------------------------------------------------------------
mkdir -p "$tmp/empty-db"
certutil -N -d "sql:$tmp/empty-db" --empty-password
check "a database without the CA: exit 1" status 1 "$bc" ky --kiem-tra "$signed" --nss "$tmp/empty-db"
check "a database without the CA: not trusted" has_out -F "NOT TRUSTED: its issuer is not in the database"
check "the CA there but not trusted: exit 1" status 1 "$bc" ky --kiem-tra "$signed" --nss "$pki/plain"
check "the CA not trusted: said" has_out -F "NOT TRUSTED: its issuer is not trusted"
check "the CA there but not trusted: pdfsig agrees" sh -c \
    "pdfsig -nssdir 'sql:$pki/plain' '$signed' | grep -q 'Certificate Validation: Certificate issuer' "
check "no database at all: exit 1" status 1 env HOME="$tmp/no-home" "$bc" ky --kiem-tra "$signed"
check "no database at all: said" has_out -F "no NSS database was given"
check "the default ~/.pki/nssdb" status 0 env HOME="$tmp/home" sh -c \
    "mkdir -p '$tmp/home/.pki' && cp -r '$pki/db' '$tmp/home/.pki/nssdb' && '$bc' ky --kiem-tra '$signed'"

# ---- 6. other PDFs and refusals -------------------------------------------------
cp "$fix/unsigned-updated.pdf" "$tmp/u2.pdf"
check "a PDF updated before (direct /AcroForm)" status 0 "$bc" ky "$tmp/u2.pdf" --nss "$pki/db" \
    --chung-thu An --pin-fd 3 3<"$pki/pw"
check "updated before: pdfsig" valid "$tmp/u2-da-ky.pdf" "$pki/db"
check "updated before: --kiem-tra" status 0 "$bc" ky --kiem-tra "$tmp/u2-da-ky.pdf" --nss "$pki/db"
check "signed already: exit 1" status 1 "$bc" ky "$signed" -o "$tmp/again.pdf" --nss "$pki/db" \
    --chung-thu An --pin-fd 3 3<"$pki/pw"
check "signed already: said" has_err -F "is signed already"
absent "$tmp/again.pdf" && ok || bad "signed again"
check "no field: exit 1" status 1 "$bc" ky "$fix/no-field.pdf" -o "$tmp/nf.pdf" --nss "$pki/db" \
    --chung-thu An --pin-fd 3 3<"$pki/pw"
check "no field: said" has_err -F "has no signature field"
check "not signed: --kiem-tra exit 1" status 1 "$bc" ky --kiem-tra "$fix/unsigned.pdf" --nss "$pki/db"
check "not signed: said" has_err -F 'carries no signature (its field "ChuKy" is empty)'
check "no field: --kiem-tra exit 1" status 1 "$bc" ky --kiem-tra "$fix/no-field.pdf"
check "an expired certificate: exit 1" status 1 "$bc" ky "$tmp/p.pdf" -o "$tmp/pin-out/e.pdf" \
    --nss "$pki/db" --chung-thu Cu --pin-fd 3 3<"$pki/pw"
check "an expired certificate: said" has_err -F 'the certificate "Cu" expired on'
check "a certificate not for signing: exit 1" status 1 "$bc" ky "$tmp/p.pdf" \
    -o "$tmp/pin-out/w.pdf" --nss "$pki/db" --chung-thu Web --pin-fd 3 3<"$pki/pw"
check "a certificate not for signing: said" has_err -F 'the certificate "Web" is not one for signing'
check "no such nickname" status 1 "$bc" ky "$tmp/p.pdf" -o "$tmp/pin-out/n.pdf" --nss "$pki/db" \
    --chung-thu Nobody --pin-fd 3 3<"$pki/pw"
check "no database folder" status 1 "$bc" ky "$tmp/p.pdf" --nss "$tmp/nothere" --chung-thu An
check "no database folder: said" has_err -F "no such folder"
check "a folder without a database" status 1 "$bc" ky "$tmp/p.pdf" --nss "$tmp/pin-out" --chung-thu An
check "a folder without a database: said" has_err -F "holds no NSS database"
check "not a PDF" status 1 "$bc" ky "$pki/pw" -o "$tmp/pin-out/np.pdf" --nss "$pki/db" \
    --chung-thu An --pin-fd 3 3<"$pki/pw"
check "nothing left by the refusals" only "$tmp/pin-out"

# the same input, key and time: the same bytes (RSA PKCS #1 v1.5 signs
# deterministically; SOURCE_DATE_EPOCH fixes /M), a week ago (An's
# certificate is valid from a month ago)
epoch=$(( $(date +%s) - 7 * 86400 ))
for n in 1 2; do
    SOURCE_DATE_EPOCH=$epoch "$bc" ky "$tmp/p.pdf" -o "$tmp/same$n.pdf" --nss "$pki/db" \
        --chung-thu An --pin-fd 3 3<"$pki/pw" 2> /dev/null
done
check "the same bytes twice" cmp -s "$tmp/same1.pdf" "$tmp/same2.pdf"
check "/M from SOURCE_DATE_EPOCH" status 0 "$bc" ky --kiem-tra "$tmp/same1.pdf" --nss "$pki/db"
check "the time in Vietnam's" has_out -F \
    "$(date -u -d "@$(( epoch + 7 * 3600 ))" '+%Y-%m-%d %H:%M:%S') (UTC+07:00)"
# a signing time at which the certificate is not valid: refused, no file
check "signed at a time before the certificate: exit 1" status 1 env \
    SOURCE_DATE_EPOCH=1000000000 "$bc" ky "$tmp/p.pdf" -o "$tmp/pin-out/old.pdf" \
    --nss "$pki/db" --chung-thu An --pin-fd 3 3<"$pki/pw"
check "signed at a time before the certificate: said" has_err -F 'the certificate "An" is valid only from'
check "signed at a time before the certificate: no file" only "$tmp/pin-out"

# ---- 7. usage ---------------------------------------------------------------
check "ky --help" status 0 "$bc" ky --help
check "ky --help says --pin-fd" has_out -F "--pin-fd"
check "no file: exit 2" status 2 "$bc" ky
check "no --nss: exit 2" status 2 "$bc" ky "$tmp/p.pdf" --chung-thu An
check "no --chung-thu: exit 2" status 2 "$bc" ky "$tmp/p.pdf" --nss "$pki/db"
check "--pin-fd not a number: exit 2" status 2 "$bc" ky "$tmp/p.pdf" --nss "$pki/db" --chung-thu An --pin-fd x
check "two files: exit 2" status 2 "$bc" ky "$tmp/p.pdf" "$tmp/p.pdf"
check "-o the input: exit 2" status 2 "$bc" ky "$tmp/p.pdf" -o "$tmp/p.pdf" --nss "$pki/db" --chung-thu An
check "--kiem-tra with --chung-thu: exit 2" status 2 "$bc" ky --kiem-tra "$signed" --chung-thu An
check "top-level help lists ky" sh -c "'$bc' --help | grep -q 'ky REPORT.pdf'"

# ---- 8. in Vietnamese -----------------------------------------------------------
if ensure_vi; then
    check "vi: wrong PIN" status 1 env LANG=vi_VN.UTF-8 LC_ALL=vi_VN.UTF-8 "$bc" ky "$tmp/p.pdf" \
        -o "$tmp/pin-out/v.pdf" --nss "$pki/hsmdb" --chung-thu baocao:Binh --pin-fd 3 3<"$pki/badpin"
    check "vi: wrong PIN, said in Vietnamese" has_err -F "sai mã PIN"
    check "vi: --kiem-tra" status 0 env LANG=vi_VN.UTF-8 LC_ALL=vi_VN.UTF-8 "$bc" ky --kiem-tra \
        "$signed" --nss "$pki/db"
    check "vi: toàn vẹn" has_out -F "toàn vẹn"
fi

# ---- 9. a report from render --pdf ------------------------------------------------
if command -v soffice > /dev/null 2>&1; then
    mkdir -p "$tmp/r"
    if "$bc" render examples/cam-vu-2023.yaml --pdf -o "$tmp/r/bc.docx" 2> "$tmp/r.err"; then
        check "a rendered report: signed" status 0 "$bc" ky "$tmp/r/bc.pdf" --nss "$pki/db" \
            --chung-thu An --pin-fd 3 3<"$pki/pw"
        check "a rendered report: pdfsig" valid "$tmp/r/bc-da-ky.pdf" "$pki/db"
        check "a rendered report: --kiem-tra" status 0 "$bc" ky --kiem-tra "$tmp/r/bc-da-ky.pdf" \
            --nss "$pki/db"
    else
        bad "render --pdf failed:"; cat "$tmp/r.err"
    fi
else
    echo "test-sign: note: no LibreOffice, a rendered report is not signed"
fi

tally test-sign
