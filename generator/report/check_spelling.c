/*
 * check_spelling.c - how the clerk's words are written (the review):
 *   L36  the tone mark on "oa", "oe", "uy" at the end of a syllable goes
 *        on the first vowel, as Decree 30's models write it ("Ủy", "Hòa",
 *        "Thủy", "Khỏe"); the old placement ("Uỷ", "Hoà") is kept as
 *        written (it may be a person's name) and pointed out once a value;
 *   L37  the issuing agency written out in normal case ("Ủy ban nhân dân
 *        xã An Bình"), not abbreviated ("UBND xã") nor in capitals (the
 *        program prints it in capitals);
 *   L38  the signer's name with a capital at each word ("Nguyễn Văn An").
 */
#include "report/check_int.h"

#include "base/buf.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Old placement -> new placement (NFC), capitals too. */
static const char *const S_tones[][2] = {
    {"oà", "òa"}, {"oá", "óa"}, {"oả", "ỏa"}, {"oã", "õa"}, {"oạ", "ọa"},
    {"oè", "òe"}, {"oé", "óe"}, {"oẻ", "ỏe"}, {"oẽ", "õe"}, {"oẹ", "ọe"},
    {"uỳ", "ùy"}, {"uý", "úy"}, {"uỷ", "ủy"}, {"uỹ", "ũy"}, {"uỵ", "ụy"},
    {"Oà", "Òa"}, {"Oá", "Óa"}, {"Oả", "Ỏa"}, {"Oã", "Õa"}, {"Oạ", "Ọa"},
    {"Uỳ", "Ùy"}, {"Uý", "Úy"}, {"Uỷ", "Ủy"}, {"Uỹ", "Ũy"}, {"Uỵ", "Ụy"},
    {"OÀ", "ÒA"}, {"OÁ", "ÓA"}, {"OẢ", "ỎA"}, {"OÃ", "ÕA"}, {"OẠ", "ỌA"},
    {"UỲ", "ÙY"}, {"UÝ", "ÚY"}, {"UỶ", "ỦY"}, {"UỸ", "ŨY"}, {"UỴ", "ỤY"},
};

static bool S_letter_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* The first old placement in v: its word and the word as the models write
 * it, appended to old and now. */
static bool S_old_tone(const char *s, size_t n, bc_buf *old, bc_buf *now, size_t *where)
{
    for (size_t t = 0; t < sizeof S_tones / sizeof S_tones[0]; t++) {
        size_t tl = strlen(S_tones[t][0]);
        for (const char *p = s; (p = strstr(p, S_tones[t][0])) != NULL; p += tl) {
            size_t at = (size_t)(p - s);
            /* at the end of the syllable, and not "qu" + "y" */
            if (at + tl < n && S_letter_byte((unsigned char)s[at + tl]))
                continue;
            if (at > 0 && (s[at - 1] == 'q' || s[at - 1] == 'Q'))
                continue;
            size_t ws = at;
            while (ws > 0 && s[ws - 1] != ' ' && S_letter_byte((unsigned char)s[ws - 1]))
                ws--;
            *where = ws;
            bc_buf_put(old, s + ws, at + tl - ws);
            bc_buf_put(now, s + ws, at - ws);
            bc_buf_puts(now, S_tones[t][1]);
            return true;
        }
    }
    return false;
}

static void S_tone(bc_check_ctx *c, const bc_node *v, const char *key)
{
    if (!v || v->kind != BC_SCALAR)
        return;
    bc_buf old = BC_BUF_INIT, now = BC_BUF_INIT;
    size_t where = 0;
    if (S_old_tone(v->str, v->len, &old, &now, &where)) {
        int line, col;
        bc_check_locate(c, v, where, &line, &col);
        bc_check_pos(c, BC_WARNING, "L36", v, line, col,
                     _("`%s` in `%s` puts the tone mark the old way; Decree 30's "
                       "models write `%s` (kept as written: change it unless it is a "
                       "name)"),
                     bc_buf_cstr(&old), key, bc_buf_cstr(&now));
    }
    bc_buf_free(&old);
    bc_buf_free(&now);
}

/* The texts the program prints beside its own fixed lines. */
static void S_tones_all(bc_check_ctx *c)
{
    static const char *const keys[] = {"co_quan", "co_quan_chu_quan", "trich_yeu",
                                       "kinh_gui", "noi_dung", NULL};
    for (int i = 0; keys[i]; i++) {
        const bc_node *v = bc_node_get(c->in, keys[i]);
        if (v && v->kind == BC_LIST) {
            for (size_t k = 0; k < v->count; k++)
                S_tone(c, v->items[k], keys[i]);
        } else {
            S_tone(c, v, keys[i]);
        }
    }
    const bc_node *nn = bc_node_get(c->in, "noi_nhan");
    for (size_t k = 0; nn && k < bc_check_count(nn); k++)
        S_tone(c, bc_check_item(nn, k), "noi_nhan");
    const bc_node *nk = bc_node_get(c->in, "nguoi_ky");
    const bc_node *cd = nk && nk->kind == BC_MAP ? bc_node_get(nk, "chuc_danh") : NULL;
    for (size_t k = 0; cd && k < bc_check_count(cd); k++)
        S_tone(c, bc_check_item(cd, k), "nguoi_ky.chuc_danh");
}

/* L37: "UBND xã An Bình", "UBND XÃ AN BÌNH", "ỦY BAN NHÂN DÂN XÃ AN BÌNH". */
static void S_issuer(bc_check_ctx *c, const char *key)
{
    const bc_node *v = bc_check_value(c->in, key);
    if (!v || v->kind != BC_SCALAR)
        return;
    static const char *const abbr[] = {"UBND", "HĐND", "MTTQ", "TW", NULL};
    for (int i = 0; abbr[i]; i++) {
        size_t l = strlen(abbr[i]);
        if (v->len >= l && memcmp(v->str, abbr[i], l) == 0 &&
            (v->len == l || v->str[l] == ' ')) {
            bc_check_at(c, BC_WARNING, "L37", v,
                        _("`%s` abbreviates the agency's name (`%s`): write it out, "
                          "e.g. `Ủy ban nhân dân xã An Bình`; the program prints it in "
                          "capitals"),
                        key, abbr[i]);
            return;
        }
    }
    if (bc_check_words_chars(v->str, v->len) >= 6 &&
        bc_check_words_all_caps(v->str, v->len))
        bc_check_at(c, BC_WARNING, "L37", v,
                    _("`%s` is written in capitals; write it in normal case (`Ủy ban "
                      "nhân dân xã An Bình`): the program prints it in capitals"),
                    key);
}

/* L38: a word of the signer's name that does not start with a capital. */
static void S_name_case(bc_check_ctx *c)
{
    const bc_node *nk = bc_node_get(c->in, "nguoi_ky");
    const bc_node *name = nk && nk->kind == BC_MAP ? bc_check_value(nk, "ho_ten") : NULL;
    if (!name || name->kind != BC_SCALAR || !bc_check_words_has_lower(name->str, name->len))
        return;
    for (size_t i = 0; i < name->len;) {
        while (i < name->len && name->str[i] == ' ')
            i++;
        size_t e = i;
        while (e < name->len && name->str[e] != ' ')
            e++;
        size_t first = i + 1;
        while (first < e && ((unsigned char)name->str[first] & 0xC0) == 0x80)
            first++;
        if (e > i && bc_check_words_has_lower(name->str + i, first - i)) {
            bc_check_at(c, BC_WARNING, "L38", name,
                        _("the signer's name `%s` has a word without its capital "
                          "(`%.*s`): write each word with a capital, e.g. `Nguyễn Văn "
                          "An`"),
                        name->str, (int)(e - i), name->str + i);
            return;
        }
        i = e;
    }
}

void bc_check_spelling(bc_check_ctx *c)
{
    S_tones_all(c);
    S_issuer(c, "co_quan");
    S_issuer(c, "co_quan_chu_quan");
    S_name_case(c);
}
