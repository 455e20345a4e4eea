/*
 * import_closing.c - the recipients, the signature block and the
 * addressee of an imported report (import_closing.h).
 *
 * The signature block is read from its lines in order: the authority and
 * title lines ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH") go to chuc_danh in the
 * case a clerk writes them (import_case.h), the last line that is no
 * title is the signer's name, in name case when it was printed in
 * capitals.
 */
#include "import/import_closing.h"

#include "base/i18n.h"
#include "base/utf8.h"
#include "import/import_case.h"

#include <stdlib.h>
#include <string.h>

static const char *S_dashes[] = {"- ", "-", "– ", "–", "+ ", "+", "• ", "•", NULL};

char *bc_import_closing_item(bc_import_report *r, const char *s)
{
    size_t n = strlen(s);
    size_t b = 0;
    while (b < n && (s[b] == ' ' || s[b] == '*'))
        b++;
    for (int k = 0; S_dashes[k]; k++) {
        size_t m = strlen(S_dashes[k]);
        if (strncmp(s + b, S_dashes[k], m) == 0) {
            b += m;
            break;
        }
    }
    while (b < n && s[b] == ' ')
        b++;
    size_t e = n;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '*' || s[e - 1] == ';' ||
                     s[e - 1] == ',' || s[e - 1] == '.'))
        e--;
    /* "b/c." keeps its last letter's dot? no: a final "." of a list
     * line is the decree's punctuation, which the program adds back */
    return bc_arena_strndup(&r->arena, s + b, e - b);
}

static char *S_fold(const char *s)
{
    return bc_utf8_fold_ascii(s, strlen(s), &(size_t){0});
}

bool bc_import_closing_is_recipients(const char *s)
{
    char *f = S_fold(s);
    const char *p = f;
    while (*p == ' ' || *p == '*')
        p++;
    bool yes = strncmp(p, "noi nhan", 8) == 0;
    if (yes) {
        p += 8;
        while (*p == ' ' || *p == '*' || *p == ':')
            p++;
        yes = *p == '\0';
    }
    free(f);
    return yes;
}

static bool S_is_dash_line(const char *s)
{
    for (int k = 0; S_dashes[k]; k++)
        if (strncmp(s, S_dashes[k], strlen(S_dashes[k])) == 0)
            return true;
    return false;
}

bool bc_import_closing_is_title(const char *s)
{
    static const char *const prefixes[] = {"TM.", "KT.", "Q.", "TL.", "TUQ.", NULL};
    for (int k = 0; prefixes[k]; k++)
        if (strncmp(s, prefixes[k], strlen(prefixes[k])) == 0)
            return true;
    static const char *const words[] = {
        "chủ tịch", "phó chủ tịch", "trưởng ", "phó trưởng", "giám đốc", "phó giám đốc",
        "bí thư", "phó bí thư", "ủy ban", "uỷ ban", "chánh văn phòng", "thủ trưởng",
        "hiệu trưởng", "phó hiệu trưởng", "tổ trưởng", "công chức", "cán bộ", "người lập",
        "chủ nhiệm", "phó chủ nhiệm", NULL};
    char *f = bc_utf8_lower(s, strlen(s), &(size_t){0});
    bool yes = false;
    for (int k = 0; words[k] && !yes; k++)
        if (strncmp(f, words[k], strlen(words[k])) == 0)
            yes = true;
    free(f);
    return yes;
}

/* A person's name: two to six words, letters only, each word starting
 * with a capital. */
static bool S_is_name(const char *s)
{
    size_t words = 0;
    const char *p = s;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        for (const char *q = p; q < e; q++)
            if ((unsigned char)*q < 0x80 && !((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')))
                return false;
        size_t k = 1;
        while (p + k < e && ((unsigned char)p[k] & 0xC0) == 0x80)
            k++;
        char *u = bc_utf8_upper(p, k, &(size_t){0});
        bool cap = strncmp(u, p, k) == 0;
        free(u);
        if (!cap)
            return false;
        words++;
        p = e;
    }
    return words >= 2 && words <= 6;
}

void bc_import_closing_read(bc_import_report *r, const char *const *lines, size_t n,
                            bc_import_list *unplaced)
{
    size_t i = 0;
    bool recipients = false;
    while (i < n) {
        const char *s = lines[i];
        if (bc_import_closing_is_recipients(s)) {
            recipients = true;
            i++;
            while (i < n && S_is_dash_line(lines[i])) {
                char *item = bc_import_closing_item(r, lines[i]);
                if (*item)
                    bc_import_report_push(r, &r->noi_nhan, item, strlen(item));
                i++;
            }
            continue;
        }
        break;
    }
    (void)recipients;
    /* the signature block: titles, then the name */
    ssize_t name_at = -1;
    for (size_t k = i; k < n; k++)
        if (!bc_import_closing_is_title(lines[k]) && S_is_name(lines[k]))
            name_at = (ssize_t)k;
    bool caps = false;
    for (size_t k = i; k < n; k++) {
        const char *s = lines[k];
        if (!*s)
            continue;
        if ((ssize_t)k == name_at) {
            if (bc_import_case_is_caps(s)) {
                r->ho_ten.value = bc_import_case_name(&r->arena, s);
                r->ho_ten.note = N_("check: the name was printed in capitals; check its "
                                    "case");
            } else {
                r->ho_ten.value = bc_arena_strdup(&r->arena, s);
            }
            continue;
        }
        if ((name_at < 0 || (ssize_t)k < name_at) &&
            (bc_import_closing_is_title(s) || bc_import_case_is_caps(s))) {
            if (bc_import_case_is_caps(s)) {
                caps = true;
                const char *c = bc_import_case_clerk(&r->arena, s);
                bc_import_report_push(r, &r->chuc_danh, c, strlen(c));
            } else {
                bc_import_report_push(r, &r->chuc_danh, s, strlen(s));
            }
            continue;
        }
        bc_import_report_push(r, unplaced, s, strlen(s));
    }
    if (caps)
        r->chuc_danh.note = N_("check: the title lines were printed in capitals; check "
                               "their case");
}

size_t bc_import_closing_addressee(bc_import_report *r, const char *const *lines,
                                   size_t n)
{
    if (!n)
        return 0;
    char *f = S_fold(lines[0]);
    bool yes = strncmp(f, "kinh gui", 8) == 0;
    free(f);
    if (!yes)
        return 0;
    const char *p = strchr(lines[0], ':');
    size_t used = 1;
    if (p) {
        p++;
        while (*p == ' ')
            p++;
        if (*p) {
            if (S_is_dash_line(p)) {
                char *item = bc_import_closing_item(r, p);
                bc_import_report_push(r, &r->kinh_gui_items, item, strlen(item));
            } else {
                r->kinh_gui.value = bc_import_closing_item(r, p);
            }
        }
    } else {
        /* "Kính gửi" without its colon: what follows the words */
        /* the two words, however they are written ("Kính gửi", "KINH GUI") */
        const char *q = lines[0];
        for (int w = 0; w < 2; w++) {
            while (*q == ' ' || *q == '*')
                q++;
            while (*q && *q != ' ')
                q++;
        }
        while (*q == ' ')
            q++;
        if (*q)
            r->kinh_gui.value = bc_import_closing_item(r, q);
    }
    while (used < n && S_is_dash_line(lines[used])) {
        char *item = bc_import_closing_item(r, lines[used]);
        bc_import_report_push(r, &r->kinh_gui_items, item, strlen(item));
        used++;
    }
    if (r->kinh_gui.value && r->kinh_gui_items.n) {
        /* a line and a list: the line becomes the list's first item */
        const char *first = r->kinh_gui.value;
        bc_import_list l = r->kinh_gui_items;
        r->kinh_gui_items = (bc_import_list){0};
        bc_import_report_push(r, &r->kinh_gui_items, first, strlen(first));
        for (size_t k = 0; k < l.n; k++)
            bc_import_report_push(r, &r->kinh_gui_items, l.items[k], strlen(l.items[k]));
        free(l.items);
        r->kinh_gui.value = NULL;
    }
    return used;
}
