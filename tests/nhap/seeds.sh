# seeds.sh - sourced by run.sh: each seed of $shared/seeds (a real
# commune report's text taken out of a PDF) imported: the summary, every
# part heading with its numbering, the Nơi nhận items and the signer
# lines it has; then, with the header keys the seed lacks filled in,
# rendered into a valid report whose body text is the seed's own with its
# lines rejoined (spacing aside, and the "./." the program adds); that
# report's .docx imported back renders the same text again.
tools=$shared/tools
squeeze() { tr -d ' \t\r\n*'; }
# the numberings at the lines' starts, in order
seed_numbers() { sed -nE 's/^[[:space:]]*\**([IVX]+\.|[0-9]{1,2}(\.[0-9]{1,2})*\.)([^0-9].*|$)/\1/p' "$1"; }
yaml_numbers() {
    sed -n '/^noi_dung: |/,/^[a-z]/p' "$1" |
        sed -nE 's/^  ([IVX]+\.|[0-9]{1,2}(\.[0-9]{1,2})*\.) .*/\1/p'
}
for seed in "$shared"/seeds/*.txt; do
    sd=$(basename "$seed" .txt)
    cp "$seed" "$tmp/$sd.txt"
    y=$tmp/$sd.yaml
    start=$(date +%s%N)
    check "$sd: imported" status 0 "$bc" nhap "$tmp/$sd.txt"
    end=$(date +%s%N)
    echo "test-nhap: $sd imported in $(( (end - start) / 1000000 )) ms"
    [ -f "$y" ] || continue
    check "$sd: the summary" sh -c "grep -q '^trich_yeu: [^\"]' '$y'"
    seed_numbers "$seed" > "$tmp/$sd.n1"
    yaml_numbers "$y" > "$tmp/$sd.n2"
    check "$sd: every heading with its numbering" sh -c \
        "test -s '$tmp/$sd.n1' && cmp -s '$tmp/$sd.n1' '$tmp/$sd.n2' || \
         { diff '$tmp/$sd.n1' '$tmp/$sd.n2'; false; }"
    # the Nơi nhận items
    sed -n '/N[ơo]i nh[ậa]n/,$p' "$seed" | sed -n 's/^[[:space:]]*-[[:space:]]*//p' |
        sed -e 's/[[:space:]]*$//' -e 's/[;.,]*$//' > "$tmp/$sd.items"
    while IFS= read -r item; do
        [ -n "$item" ] || continue
        check "$sd: Nơi nhận item '$item'" sh -c \
            "sed -n '/^noi_nhan:/,/^[a-z]/p' '$y' | grep -qF -- '$item'"
    done < "$tmp/$sd.items"
    # the signer's lines: every non-empty line after the list, any case
    sed -n '/N[ơo]i nh[ậa]n/,$p' "$seed" | sed -e 's/\*//g' -e 's/^[[:space:]]*//' \
        -e 's/[[:space:]]*$//' | grep -v '^-' | grep -v 'N[ơo]i nh[ậa]n' | grep -v '^$' \
        > "$tmp/$sd.signer" || true
    while IFS= read -r line; do
        check "$sd: signer line '$line'" sh -c \
            "sed -n '/^nguoi_ky:/,\$p' '$y' | grep -qiF -- '$line'"
    done < "$tmp/$sd.signer"
    # render with what the seed lacks filled in
    sed -e 's/^co_quan: "".*/co_quan: Ủy ban nhân dân xã Thử Nghiệm/' \
        -e 's/^ky_hieu_co_quan: "".*/ky_hieu_co_quan: UBND/' \
        -e 's/^dia_danh: "".*/dia_danh: Thử Nghiệm/' \
        -e 's/^noi_nhan: \[\].*/noi_nhan: ["Lưu: VT"]/' \
        -e 's/^  chuc_danh: \[\].*/  chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch]/' \
        -e 's/^  ho_ten: "".*/  ho_ten: Nguyễn Văn A/' "$y" |
        awk '/^    - TM\./ { tm = 1; print; next }
             tm && /^    - Phó / { print "    - KT. Chủ tịch" }
             { tm = 0; print }' > "$tmp/$sd.filled.yaml"
    check "$sd: renders" status 0 "$bc" render "$tmp/$sd.filled.yaml" -o "$tmp/$sd.docx"
    [ -f "$tmp/$sd.docx" ] || continue
    if [ -x "$tools/docx-validate" ]; then
        check "$sd: a valid .docx" "$tools/docx-validate" "$tmp/$sd.docx"
    fi
    docx_text "$tmp/$sd.docx" > "$tmp/$sd.text"
    # the rendered body: after the summary, up to the closing
    awk 'found == 2 && /^Nơi nhận/ { exit } found == 2 { print }
         found == 1 { found = 2; next } /^BÁO CÁO$/ && !found { found = 1 }' \
        "$tmp/$sd.text" | squeeze | sed 's|\./\.$|.|; s|/\.$||' > "$tmp/$sd.b"
    echo >> "$tmp/$sd.b"
    summary=$(awk 'found { print; exit } /^BÁO CÁO$/ { found = 1 }' "$tmp/$sd.text" | squeeze)
    # the seed's body: after its summary, up to its Nơi nhận (or its end)
    tr -d '\n' < "$seed" | squeeze > "$tmp/$sd.s"
    awk -v t="$summary" '{ i = index($0, t); if (!i) { print "NO-SUMMARY"; exit }
        pre = substr($0, 1, i - 1); rest = substr($0, i + length(t))
        j = index(rest, "Nơinhận"); if (j) rest = substr(rest, 1, j - 1)
        sub(/\.\/\.$/, ".", rest); sub(/\/\.$/, "", rest)
        # what stood before the type name goes to the body (nothing is lost)
        k = index(pre, "BÁOCÁO"); if (!k) k = index(pre, "BAOCAO")
        print rest > "/dev/stderr"; if (k > 1) print substr(pre, 1, k - 1) rest; else print rest }' \
        "$tmp/$sd.s" > "$tmp/$sd.a" 2> "$tmp/$sd.a0"
    # the rendered report imported back from its .docx renders the same text
    check "$sd: its .docx imported" status 0 "$bc" nhap "$tmp/$sd.docx" -o "$tmp/$sd.again.yaml"
    check "$sd: and rendered again" status 0 "$bc" render "$tmp/$sd.again.yaml" -o "$tmp/$sd.again.docx"
    docx_text "$tmp/$sd.again.docx" > "$tmp/$sd.again.text"
    check "$sd: to the same text" cmp -s "$tmp/$sd.text" "$tmp/$sd.again.text"
    check "$sd: the rendered body is the seed's text" sh -c \
        "cmp -s '$tmp/$sd.a' '$tmp/$sd.b' || cmp -s '$tmp/$sd.a0' '$tmp/$sd.b' || \
         { o=\$(cmp '$tmp/$sd.a0' '$tmp/$sd.b' | sed -n 's/.*byte \\([0-9]*\\).*/\\1/p'); echo \"  seed:   \$(tail -c +\$((o - 60)) '$tmp/$sd.a0' | head -c 160)\"; echo \"  render: \$(tail -c +\$((o - 60)) '$tmp/$sd.b' | head -c 160)\"; false; }"
done
