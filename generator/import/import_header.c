/*
 * import_header.c - a report's header lines read back into keys
 * (import_header.h). Lines are compared folded to ASCII (base/utf8.h), so
 * "Số", "SỐ" and a "So" without its marks are the same line.
 */
#include "import/import_header.h"

#include "base/buf.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "import/import_case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* s folded to ASCII with every space removed (in the arena-free heap). */
static char *S_squeeze(const char *s)
{
    char *f = bc_utf8_fold_ascii(s, strlen(s), &(size_t){0});
    size_t k = 0;
    for (size_t i = 0; f[i]; i++)
        if (f[i] != ' ')
            f[k++] = f[i];
    f[k] = '\0';
    return f;
}

bool bc_import_header_is_motto(const char *s)
{
    bool rule = *s != '\0';
    for (const char *p = s; *p; p++)
        if (*p != '_' && *p != '-' && *p != ' ' && *p != '=' && *p != '.')
            rule = false;
    if (rule && strlen(s) >= 3)
        return true;
    char *f = S_squeeze(s);
    bool m = strstr(f, "conghoaxahoichunghiavietnam") != NULL ||
             strcmp(f, "doclap-tudo-hanhphuc") == 0 ||
             strncmp(f, "doclap-tudo-hanhphuc", 20) == 0 ||
             strncmp(f, "doclaptudohanhphuc", 18) == 0;
    free(f);
    return m;
}

static const char *S_skip_space(const char *p)
{
    while (*p == ' ')
        p++;
    return p;
}

bool bc_import_header_number(bc_import_report *r, const char *s, const char **code,
                             const char **rest)
{
    /* "Số" / "SỐ" / "So" then ":" */
    const char *p = s;
    if (strncmp(p, "Số", 4) == 0 || strncmp(p, "SỐ", 4) == 0)
        p += 4;
    else if (strncmp(p, "So", 2) == 0 || strncmp(p, "SO", 2) == 0)
        p += 2;
    else
        return false;
    p = S_skip_space(p);
    if (*p != ':')
        return false;
    p = S_skip_space(p + 1);
    const char *nb = p;
    while (*p && *p != '/' && *p != ' ')
        p++;
    const char *ne = p;
    p = S_skip_space(p);
    if (*p != '/')
        return false;
    p = S_skip_space(p + 1);
    const char *cb = p;
    while (*p && *p != '-' && *p != ' ')
        p++;
    const char *ce = p;
    p = S_skip_space(p);
    const char *kb = NULL, *ke = NULL;
    if (*p == '-') {
        p = S_skip_space(p + 1);
        kb = p;
        while (*p && *p != ' ' && *p != ',')
            p++;
        ke = p;
    } else {
        /* no type code: "Số: 12/UBND" (a công văn) */
        kb = cb;
        ke = ce;
        ce = cb;
    }
    if (ke == kb)
        return false;
    r->so.value = ne > nb ? bc_arena_strndup(&r->arena, nb, (size_t)(ne - nb)) : NULL;
    r->ky_hieu_co_quan.value = bc_arena_strndup(&r->arena, kb, (size_t)(ke - kb));
    *code = bc_arena_strndup(&r->arena, cb, (size_t)(ce - cb));
    *rest = S_skip_space(p);
    return true;
}

/* Reads digits; -1 when there are none. */
static int S_int(const char **p)
{
    if (**p < '0' || **p > '9')
        return -1;
    int v = 0;
    while (**p >= '0' && **p <= '9' && v < 100000)
        v = v * 10 + (*(*p)++ - '0');
    return v;
}

bool bc_import_header_date(bc_import_report *r, const char *s)
{
    /* the place ends at the comma before "ngày" */
    const char *ngay = strstr(s, "ngày");
    if (!ngay)
        ngay = strstr(s, "Ngày");
    if (!ngay || ngay == s)
        return false;
    const char *pe = ngay;
    while (pe > s && (pe[-1] == ' ' || pe[-1] == ','))
        pe--;
    if (pe == s)
        return false;
    const char *p = S_skip_space(ngay + strlen("ngày"));
    int d = S_int(&p);
    p = S_skip_space(p);
    if (strncmp(p, "tháng", strlen("tháng")) != 0)
        return false;
    p = S_skip_space(p + strlen("tháng"));
    int m = S_int(&p);
    p = S_skip_space(p);
    if (strncmp(p, "năm", strlen("năm")) != 0)
        return false;
    p = S_skip_space(p + strlen("năm"));
    int y = S_int(&p);
    /* the blank form may leave the year blank too */
    if (y >= 0 && (y < 1000 || y > 9999))
        return false;
    r->dia_danh.value = bc_arena_strndup(&r->arena, s, (size_t)(pe - s));
    if (d >= 1 && d <= 31 && m >= 1 && m <= 12) {
        char iso[16];
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
        int yy, mm, dd;
        if (bc_text_rules_date_parse(iso, strlen(iso), &yy, &mm, &dd) == 0) {
            r->ngay.value = bc_arena_strdup(&r->arena, iso);
            return true;
        }
    }
    r->ngay.note = N_("check: the date line has no full date; ngay left out");
    return true;
}

const bc_doc_type *bc_import_header_type(const char *s)
{
    if (!bc_import_case_is_caps(s))
        return NULL;
    char *f = S_squeeze(s);
    const bc_doc_type *found = NULL;
    for (const bc_doc_type *t = bc_doc_types; t->key; t++) {
        if (!t->name[0])
            continue;
        char *g = S_squeeze(t->name);
        if (strcmp(f, g) == 0)
            found = t;
        free(g);
    }
    free(f);
    return found;
}
