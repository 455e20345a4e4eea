/*
 * check_header.c - the review of the header and title values (see
 * check.h): the number `so` and the symbol `ky_hieu_co_quan` (L10), the
 * place `dia_danh` (L15), the date against the reporting period (C02), the
 * summary `trich_yeu` (L17, L19). The program writes the "Số:" and date
 * lines itself, so these rules check the values that go into them.
 */
#include "report/check_int.h"

#include "base/i18n.h"

#include <stdlib.h>
#include <string.h>

static bool S_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* ---- L10: so ------------------------------------------------------------------ */

static void S_number(bc_check_ctx *c)
{
    const bc_node *so = bc_check_value(c->in, "so");
    if (!so)
        return;
    const char *s = so->str;
    size_t n = so->len, k = 0;
    while (k < n && S_digit(s[k]))
        k++;
    int value = 0;
    for (size_t i = 0; i < k && i < 6; i++)
        value = value * 10 + (s[i] - '0');
    /* 1..9999, written without a leading zero except "01".."09". */
    bool number_ok = k > 0 && k <= 4 && value >= 1 &&
                     (s[0] != '0' || (k == 2 && value <= 9));
    if (number_ok && k == n)
        return;
    if (number_ok && k + 1 == n && s[k] >= 'a' && s[k] <= 'z') {
        bc_check_at(c, BC_WARNING, "L10", so,
                  _("number `%s` has a letter suffix, which Decree 30 numbering "
                    "does not have (numbers run 01, 02, ... through the year)"),
                  s);
        return;
    }
    bc_check_at(c, BC_ERROR, "L10", so,
              _("`so` `%s` is not a document number: write the number alone, "
                "from 1 to 9999 (the program writes `Số: 05/BC-UBND` from `5`)"),
              s);
}

/* ---- L10: ky_hieu_co_quan ------------------------------------------------------- */

static void S_symbol(bc_check_ctx *c)
{
    const bc_node *kh = bc_check_value(c->in, "ky_hieu_co_quan");
    if (!kh)
        return;
    const char *s = kh->str;
    size_t n = kh->len;
    const char *code = c->type ? c->type->code : "";
    size_t cl = strlen(code);
    if (cl && n > cl + 1 && memcmp(s, code, cl) == 0 && s[cl] == '-') {
        bc_check_at(c, BC_ERROR, "L10", kh,
                  _("`ky_hieu_co_quan` `%s` starts with the type code `%s`, which "
                    "the program adds itself: write `%s`"),
                  s, code, s + cl + 1);
        return;
    }
    bool ok = n > 0;
    bool group_start = true;
    for (size_t i = 0; ok && i < n;) {
        unsigned char ch = (unsigned char)s[i];
        bool letter = (ch >= 'A' && ch <= 'Z') ||
                      (i + 1 < n && ch == 0xC4 && (unsigned char)s[i + 1] == 0x90);
        size_t len = ch == 0xC4 ? 2 : 1;
        if (letter || S_digit((char)ch)) {
            if (group_start && i == 0 && !letter)
                ok = false;
            group_start = false;
        } else if (ch == '-' && !group_start) {
            group_start = true;
        } else {
            ok = false;
        }
        i += len;
    }
    if (ok && !group_start)
        return;
    bc_check_at(c, BC_ERROR, "L10", kh,
              _("`ky_hieu_co_quan` `%s` must be capital letters and digits, in "
                "groups joined by hyphens without spaces (UBND, UBND-VP)"),
              s);
}

/* ---- L15: dia_danh ------------------------------------------------------------- */

/* The generic words of commune-level units, lower case. */
static const char *const S_generic[] = {"thị trấn", "đặc khu", "phường", "xã", NULL};
/* Generic nouns whose second syllable stays lower case in a name. */
static const char *const S_two_syllable[] = {"thành phố", "thị xã", "thị trấn",
                                             "đặc khu", NULL};

static void S_place(bc_check_ctx *c)
{
    const bc_node *dd = bc_check_value(c->in, "dia_danh");
    if (!dd)
        return;
    const char *s = dd->str;
    size_t n = dd->len;
    for (const char *const *g = S_generic; *g; g++) {
        if (!bc_check_words_starts_word(s, n, *g))
            continue;
        size_t gl = strlen(*g);
        size_t r = gl;
        while (r < n && s[r] == ' ')
            r++;
        bool named_by_number = r < n && S_digit(s[r]);
        if (named_by_number && bc_check_words_starts_upper(s, n))
            break;
        if (named_by_number)
            bc_check_at(c, BC_WARNING, "L15", dd,
                      _("place `%s`: a unit named after a number keeps its "
                        "generic word, capitalised (\"Phường 1\")"),
                      s);
        else
            bc_check_at(c, BC_WARNING, "L15", dd,
                      _("place `%s`: the date line names the place without "
                        "`%.*s` (`%s`), unless the unit is named after a number, "
                        "a person or an event"),
                      s, (int)gl, s, s + r);
        return;
    }
    /* Each word starts with a capital letter. */
    size_t skip_word = (size_t)-1;
    for (const char *const *g = S_two_syllable; *g; g++)
        if (bc_check_words_starts_word(s, n, *g) && bc_check_words_starts_upper(s, n))
            skip_word = 1;
    size_t word = 0;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ')
            i++;
        if (i >= n)
            break;
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        if (word != skip_word && !bc_check_words_starts_upper(s + i, j - i) &&
            bc_check_words_has_lower(s + i, j - i)) {
            int line, col;
            bc_check_locate(c, dd, i, &line, &col);
            bc_check_pos(c, BC_WARNING, "L15", dd, line, col,
                       _("place `%s`: each word of a place name starts with a "
                         "capital letter (`%.*s`)"),
                       s, (int)(j - i), s + i);
            return;
        }
        word++;
        i = j;
    }
}

/* ---- C02: the date and the reporting period --------------------------------------- */

static void S_date_period(bc_check_ctx *c)
{
    if (!c->y || !c->py)
        return;
    if (c->y * 100 + c->m >= c->py * 100 + c->pm)
        return;
    const bc_node *ngay = bc_node_get(c->in, "ngay");
    bc_check_at(c, BC_WARNING, "C02", ngay,
              _("the report is dated %04d-%02d-%02d, before its reporting "
                "period starts (%02d/%d)"),
              c->y, c->m, c->day, c->pm, c->py);
}

void bc_check_header(bc_check_ctx *c)
{
    S_number(c);
    S_symbol(c);
    S_place(c);
    S_date_period(c);
}

/* ---- L17, L19: trich_yeu ----------------------------------------------------------- */

void bc_check_header_summary(bc_check_ctx *c)
{
    const bc_node *ty = bc_check_value(c->in, "trich_yeu");
    if (!ty)
        return;
    char *t = bc_check_words_untagged(ty->str, ty->len);
    size_t n = strlen(t);
    bool cong_van = c->type && strcmp(c->type->key, "cong_van") == 0;
    if (c->type && !cong_van) {
        if (n >= 3 && (t[0] == 'V' || t[0] == 'v') && t[1] == '/' &&
            (t[2] == 'V' || t[2] == 'v'))
            bc_check_at(c, BC_ERROR, "L19", ty,
                      _("\"V/v\" belongs to the summary of a công văn; this is a "
                        "%s, whose summary is a noun phrase (\"Kết quả ...\", "
                        "\"Tình hình ...\") without it"),
                      c->type->name);
        else if (bc_check_words_starts_word(t, n, "về việc"))
            bc_check_at(c, BC_ERROR, "L17", ty,
                      _("the summary of a %s does not start with \"Về việc\": "
                        "write it as a noun phrase (\"Kết quả ...\", \"Tình hình "
                        "...\")"),
                      c->type->name);
    }
    if (bc_check_words_chars(t, n) >= 4 && bc_check_words_all_caps(t, n))
        bc_check_at(c, BC_WARNING, "L17", ty, "%s",
                  _("the summary is written in capitals; write it in normal case "
                    "(the program prints it bold)"));
    if (n > 0 && t[n - 1] == '.' && !(n >= 3 && memcmp(t + n - 3, "...", 3) == 0)) {
        const char *dot = strrchr(ty->str, '.');
        int line, col;
        bc_check_locate(c, ty, dot ? (size_t)(dot - ty->str) : 0, &line, &col);
        bc_check_pos(c, BC_WARNING, "L17", ty, line, col, "%s",
                   _("the summary ends with a full stop; a summary has none"));
    }
    free(t);
}
