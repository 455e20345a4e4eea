/*
 * import_case.c - case restoration for what Decree 30 prints in capitals
 * (import_case.h), word by word through base/utf8.h's case mappings.
 */
#include "import/import_case.h"

#include "base/buf.h"
#include "base/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool bc_import_case_is_caps(const char *s)
{
    size_t n = strlen(s), un = 0, ln = 0;
    char *u = bc_utf8_upper(s, n, &un);
    char *l = bc_utf8_lower(s, n, &ln);
    bool caps = un == n && memcmp(u, s, n) == 0;
    size_t letters = 0;
    if (caps) {
        /* count the code points lower-casing changes */
        size_t i = 0, j = 0;
        while (i < n && j < ln) {
            size_t a = 1, b = 1;
            while (i + a < n && ((unsigned char)s[i + a] & 0xC0) == 0x80)
                a++;
            while (j + b < ln && ((unsigned char)l[j + b] & 0xC0) == 0x80)
                b++;
            if (a != b || memcmp(s + i, l + j, a) != 0)
                letters++;
            i += a;
            j += b;
        }
    }
    free(u);
    free(l);
    return caps && letters >= 2;
}

/* Bytes of the code point at s. */
static size_t S_cp_len(const char *s)
{
    size_t k = 1;
    if ((unsigned char)s[0] >= 0xC0)
        while (((unsigned char)s[k] & 0xC0) == 0x80)
            k++;
    return k;
}

/* Appends the word w[0..n) lower-cased, with its first letter upper when
 * cap. */
static void S_word(bc_buf *out, const char *w, size_t n, bool cap)
{
    char *l = bc_utf8_lower(w, n, &(size_t){0});
    if (cap && l[0]) {
        size_t k = S_cp_len(l);
        char *u = bc_utf8_upper(l, k, &(size_t){0});
        bc_buf_puts(out, u);
        bc_buf_puts(out, l + k);
        free(u);
    } else {
        bc_buf_puts(out, l);
    }
    free(l);
}

char *bc_import_case_name(bc_arena *a, const char *s)
{
    bc_buf out = BC_BUF_INIT;
    const char *p = s;
    while (*p) {
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        S_word(&out, p, (size_t)(e - p), true);
        while (*e == ' ')
            bc_buf_putc(&out, *e++);
        p = e;
    }
    char *r = bc_arena_strdup(a, out.len ? out.data : "");
    bc_buf_free(&out);
    return r;
}

char *bc_import_case_capitalise(bc_arena *a, const char *s)
{
    bc_buf out = BC_BUF_INIT;
    if (*s) {
        size_t k = S_cp_len(s);
        char *u = bc_utf8_upper(s, k, &(size_t){0});
        bc_buf_puts(&out, u);
        bc_buf_puts(&out, s + k);
        free(u);
    }
    char *r = bc_arena_strdup(a, out.len ? out.data : "");
    bc_buf_free(&out);
    return r;
}

static bool S_in(const char *w, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
            return true;
    return false;
}

static const char *const S_prefixes[] = {"TM.", "KT.", "Q.", "TL.", "TUQ.", NULL};
static const char *const S_abbrev[] = {
    "UBND", "HĐND", "MTTQ", "UBMTTQ", "CCHC", "VT", "VP", "TT", "BCH", "TVĐU", "ĐU",
    "BTV", "HTX", "CNTT", "TTHC", "NĐ-CP", "VN", NULL};
/* lower case words after which a place name follows */
static const char *const S_units[] = {"xã", "phường", "huyện", "tỉnh", "quận", "trấn",
                                      "thị", "phố", NULL};
/* lower case words a place name does not run into */
static const char *const S_stops[] = {"năm", "tháng", "quý", "về", "của", "và", "trên",
                                      "tại", "cho", "đầu", "cuối", "với", "theo", NULL};
/* words written with a capital wherever they stand */
static const char *const S_proper[] = {"đảng", NULL};

char *bc_import_case_clerk(bc_arena *a, const char *s)
{
    bc_buf out = BC_BUF_INIT;
    const char *p = s;
    bool first = true, place = false;
    char prev[64] = "";
    while (*p) {
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        size_t n = (size_t)(e - p);
        char *low = bc_utf8_lower(p, n, &(size_t){0});
        size_t ln = strlen(low);
        bool digits = false;
        for (size_t i = 0; i < n; i++)
            if ((p[i] >= '0' && p[i] <= '9') || p[i] == '/')
                digits = true;
        if (S_in(p, n, S_prefixes) || S_in(p, n, S_abbrev) || digits) {
            bc_buf_put(&out, p, n);
            /* the word after a prefix starts the line again */
            first = S_in(p, n, S_prefixes);
            if (digits)
                place = false;
        } else {
            bool stop = S_in(low, ln, S_stops);
            if (stop)
                place = false;
            bool cap = first || place || S_in(low, ln, S_proper) ||
                       (strcmp(low, "chủ") == 0 && strcmp(prev, "phó") == 0);
            /* "thị trấn", "thị xã", "thành phố": the unit is the second word */
            bool unit = S_in(low, ln, S_units) &&
                        !(strcmp(low, "thị") == 0 && e[0] == ' ');
            if (strcmp(low, "thị") == 0 && e[0] == ' ') {
                const char *nx = e + 1;
                unit = !(strncmp(nx, "XÃ", 3) == 0 || strncmp(nx, "xã", 3) == 0 ||
                         strncmp(nx, "TRẤN", 5) == 0 || strncmp(nx, "trấn", 5) == 0);
            }
            if (strcmp(low, "phố") == 0 && strcmp(prev, "thành") != 0)
                unit = false;
            if (strcmp(low, "trấn") == 0 && strcmp(prev, "thị") != 0)
                unit = false;
            if (place && !stop)
                cap = true;
            S_word(&out, p, n, cap);
            first = false;
            if (unit && !place)
                place = true;
            else if (unit)
                place = true;
        }
        snprintf(prev, sizeof prev, "%s", low);
        free(low);
        while (*e == ' ')
            bc_buf_putc(&out, *e++);
        p = e;
    }
    char *r = bc_arena_strdup(a, out.len ? out.data : "");
    bc_buf_free(&out);
    return r;
}
