/*
 * check_closing.c - the review of the closing block (see check.h): the
 * signer `nguoi_ky` and the recipients `noi_nhan`.
 *   L23  each authority line starts with a known prefix (TM. KT. Q. TL.
 *        TUQ.) followed by a space, or with no prefix at all; "T.M.",
 *        "TM" without its dot, "TM.Ủy ban" are errors;
 *   L24  a report of a People's Committee is signed "TM. Ủy ban nhân dân";
 *        a "KT." line is followed by a deputy's title ("Phó ..."); a
 *        deputy directly under "TM. ..." without "KT. ..." is an error;
 *   L25  the name is not in capitals and carries no academic title;
 *   L27  the last recipient is the archive line "Lưu: VT" or "Lưu: VT, ...";
 *   L28  "Như trên" is the first recipient, and only with a `kinh_gui`.
 */
#include "report/check_int.h"
#include "report/report_lines.h"

#include "base/xalloc.h"
#include "base/i18n.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

/* ---- L23: authority prefixes ---------------------------------------------------- */

typedef enum prefix {
    P_NONE,
    P_TM,
    P_KT,
    P_Q,
    P_TL,
    P_TUQ,
    P_BAD,      /* looks like a prefix, is not one ("T.M.", "TM") */
    P_GLUED,    /* a prefix without the space after it ("TM.Ủy") */
    P_ALONE     /* a prefix with no title after it */
} prefix;

static const char *const S_prefixes[] = {"", "TM.", "KT.", "Q.", "TL.", "TUQ.", NULL};

static void S_ascii_upper(char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
}

/* The prefix of an authority line; *tok_len gets the first word's length. */
static prefix S_prefix(const char *s, size_t n, size_t *tok_len)
{
    size_t t = 0;
    while (t < n && s[t] != ' ')
        t++;
    *tok_len = t;
    char tok[16];
    if (t >= sizeof tok) {
        memcpy(tok, s, sizeof tok - 1);
        tok[sizeof tok - 1] = '\0';
    } else {
        memcpy(tok, s, t);
        tok[t] = '\0';
    }
    S_ascii_upper(tok);
    for (int i = 1; S_prefixes[i]; i++) {
        size_t pl = strlen(S_prefixes[i]);
        if (strcmp(tok, S_prefixes[i]) == 0) {
            size_t r = t;
            while (r < n && s[r] == ' ')
                r++;
            return r < n ? (prefix)i : P_ALONE;
        }
        if (t > pl && strncmp(tok, S_prefixes[i], pl) == 0 &&
            (unsigned char)tok[pl] >= 0x80) {
            *tok_len = pl;
            return P_GLUED;
        }
    }
    char core[16];
    size_t k = 0;
    for (const char *p = tok; *p && k + 1 < sizeof core; p++)
        if (*p != '.' && *p != ':' && *p != ',')
            core[k++] = *p;
    core[k] = '\0';
    for (int i = 1; S_prefixes[i]; i++) {
        size_t pl = strlen(S_prefixes[i]) - 1;
        if (k == pl && strncmp(core, S_prefixes[i], pl) == 0)
            return P_BAD;
    }
    return P_NONE;
}

/* Upper case of a line, trimmed at the end; malloc'd. */
static char *S_upper_line(const bc_node *v)
{
    size_t n;
    char *u = bc_utf8_upper(v->str, v->len, &n);
    while (n && (u[n - 1] == ' ' || u[n - 1] == '\t'))
        u[--n] = '\0';
    return u;
}

/* "TM. ỦY BAN NHÂN DÂN", also with the old placement of the tone mark
 * ("UỶ"). */
static bool S_is_tm_committee(const char *upper)
{
    return strcmp(upper, "TM. ỦY BAN NHÂN DÂN") == 0 ||
           strcmp(upper, "TM. UỶ BAN NHÂN DÂN") == 0;
}

static bool S_is_committee(const bc_node *co_quan)
{
    static const char *const names[] = {"ủy ban nhân dân", "uỷ ban nhân dân", "ubnd",
                                        NULL};
    for (int i = 0; co_quan && names[i]; i++)
        if (bc_check_words_starts_word(co_quan->str, co_quan->len, names[i]))
            return true;
    return false;
}

static bool S_is_deputy(const char *upper)
{
    return strncmp(upper, "PHÓ ", strlen("PHÓ ")) == 0;
}

void bc_check_closing_signer(bc_check_ctx *c)
{
    const bc_node *nk = bc_node_get(c->in, "nguoi_ky");
    if (!nk || nk->kind != BC_MAP)
        return;
    const bc_node *cd = bc_node_get(nk, "chuc_danh");
    size_t n = bc_check_count(cd);
    for (size_t i = 0; i < n; i++)
        if (!bc_node_has_text(bc_check_item(cd, i)))
            n = 0;
    prefix *kinds = n ? bc_xcalloc(n, sizeof *kinds) : NULL;
    char **up = n ? bc_xcalloc(n, sizeof *up) : NULL;
    for (size_t i = 0; i < n; i++) {
        const bc_node *line = bc_check_item(cd, i);
        size_t tl;
        kinds[i] = S_prefix(line->str, line->len, &tl);
        up[i] = S_upper_line(line);
        if (kinds[i] == P_BAD)
            bc_check_at(c, BC_ERROR, "L23", line,
                      _("unknown authority prefix `%.*s`: write `TM.`, `KT.`, "
                        "`Q.`, `TL.` or `TUQ.` followed by a space"),
                      (int)tl, line->str);
        else if (kinds[i] == P_GLUED)
            bc_check_at(c, BC_ERROR, "L23", line,
                      _("put a space after the authority prefix `%.*s` (`%s`)"),
                      (int)tl, line->str, line->str);
        else if (kinds[i] == P_ALONE)
            bc_check_at(c, BC_ERROR, "L23", line,
                      _("the authority prefix `%s` needs the title it stands for "
                        "after it (`KT. Chủ tịch`)"),
                      line->str);
    }
    /* L24 */
    const bc_node *co_quan = bc_check_value(c->in, "co_quan");
    bool people_committee = S_is_committee(co_quan);
    bool report = c->type && strcmp(c->type->key, "bao_cao") == 0;
    if (n > 0 && people_committee && report && kinds[0] != P_Q &&
        !S_is_tm_committee(up[0]))
        bc_check_at(c, BC_WARNING, "L24", bc_check_item(cd, 0),
                  _("a report of a People's Committee is signed on its behalf: "
                    "the first line is `TM. Ủy ban nhân dân`, not `%s`"),
                  bc_check_item(cd, 0)->str);
    for (size_t i = 0; i < n; i++) {
        const bc_node *line = bc_check_item(cd, i);
        if (kinds[i] == P_KT && (i + 1 == n || !S_is_deputy(up[i + 1])))
            bc_check_at(c, BC_WARNING, "L24", i + 1 < n ? bc_check_item(cd, i + 1) : line,
                      _("`%s` should be followed by the deputy's own title (`Phó ...`)"),
                      line->str);
        if (kinds[i] == P_TM && i + 1 < n && S_is_deputy(up[i + 1])) {
            const bc_node *dep = bc_check_item(cd, i + 1);
            const char *head = dep->str + strlen("Phó ");
            bc_check_at(c, BC_ERROR, "L24", dep,
                      _("`%s` directly under `%s`: a deputy signs in place of "
                        "the head, with a `KT. %s` line between them"),
                      dep->str, line->str, head);
        }
    }
    for (size_t i = 0; i < n; i++)
        free(up[i]);
    free(up);
    free(kinds);

    /* L25 */
    const bc_node *name = bc_check_value(nk, "ho_ten");
    if (!name)
        return;
    if (bc_check_words_chars(name->str, name->len) >= 4 &&
        bc_check_words_all_caps(name->str, name->len))
        bc_check_at(c, BC_WARNING, "L25", name,
                  _("the signer's name `%s` is written in capitals; write it in "
                    "normal case (`Nguyễn Văn A`): the program prints it bold"),
                  name->str);
    size_t t = 0;
    while (t < name->len && name->str[t] != ' ')
        t++;
    char word[16];
    size_t k = 0;
    bool dotted = false;
    for (size_t i = 0; i < t && k + 1 < sizeof word; i++) {
        char ch = name->str[i];
        if (ch == '.')
            dotted = true;
        else if (ch >= 'A' && ch <= 'Z')
            word[k++] = (char)(ch - 'A' + 'a');
        else
            word[k++] = ch;
    }
    word[k] = '\0';
    static const char *const titles[] = {"ts", "ths", "pgs", "gs", "pgsts",
                                         "gsts", "tskh", "ks", "bs", "ncs",
                                         "cn", "ls", NULL};
    for (int i = 0; dotted && titles[i]; i++)
        if (strcmp(word, titles[i]) == 0) {
            bc_check_at(c, BC_WARNING, "L25", name,
                      _("the signer's name starts with `%.*s`; the name is "
                        "printed without academic titles or degrees"),
                      (int)t, name->str);
            break;
        }
}

/* ---- L27, L28: noi_nhan ---------------------------------------------------------- */


static bool S_archive_form(const char *s, size_t n)
{
    static const char head[] = "Lưu: VT";
    size_t hl = strlen(head);
    if (n < hl || memcmp(s, head, hl) != 0)
        return false;
    return n == hl || (n > hl + 2 && s[hl] == ',' && s[hl + 1] == ' ' && s[hl + 2] != ' ');
}

void bc_check_closing_recipients(bc_check_ctx *c)
{
    const bc_entry *e = bc_node_entry(c->in, "noi_nhan", strlen("noi_nhan"));
    if (!e)
        return;
    const bc_node *v = e->value;
    size_t n = bc_check_count(v);
    for (size_t i = 0; i < n; i++)
        if (!bc_node_has_text(bc_check_item(v, i)))
            return;
    if (n == 0)
        return;
    size_t archive = n, nhu_tren = n;
    for (size_t i = 0; i < n; i++) {
        const char *s;
        size_t len;
        bc_report_lines_item_text(bc_check_item(v, i), &s, &len);
        if (bc_check_words_starts_word(s, len, "lưu") ||
            (len >= strlen("lưu:") && bc_check_words_starts_word(s, strlen("lưu"), "lưu") &&
             s[strlen("lưu")] == ':'))
            archive = i;
        else if (nhu_tren == n && len == strlen("Như trên") &&
                 bc_check_words_starts_word(s, len, "như trên"))
            nhu_tren = i;
    }
    /* L27 */
    if (archive == n) {
        bc_check_key(c, BC_WARNING, "L27", c->in, e, "%s",
                   _("the recipients end without the archive line: add `Lưu: VT` "
                     "(or `Lưu: VT, VP`) as the last item"));
    } else {
        const bc_node *it = bc_check_item(v, archive);
        const char *s;
        size_t len;
        bc_report_lines_item_text(it, &s, &len);
        if (!S_archive_form(s, len))
            bc_check_at(c, BC_WARNING, "L27", it,
                      _("the archive line reads `Lưu: VT` or `Lưu: VT, <unit>`, "
                        "not `%.*s`"),
                      (int)len, s);
        else if (archive + 1 != n)
            bc_check_at(c, BC_WARNING, "L27", it,
                      _("the archive line `%.*s` should be the last recipient"),
                      (int)len, s);
    }
    /* L28 */
    if (nhu_tren == n)
        return;
    const bc_node *kg = bc_node_get(c->in, "kinh_gui");
    const bc_node *it = bc_check_item(v, nhu_tren);
    if (!kg || kg->kind == BC_NULL)
        bc_check_at(c, BC_WARNING, "L28", it, "%s",
                  _("`Như trên` (as above) refers to the `kinh_gui` addressees, "
                    "and this report has no `kinh_gui`"));
    else if (nhu_tren > 0)
        bc_check_at(c, BC_WARNING, "L28", it, "%s",
                  _("`Như trên` should be the first recipient (with a `kinh_gui` "
                    "the program puts it first when it is left out)"));
}
