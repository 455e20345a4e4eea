/*
 * diag.c - diagnostics list (see diag.h).
 */
#include "base/diag.h"
#include "base/xalloc.h"
#include "base/buf.h"
#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bc_diag *bc_diag_vadd(bc_diags *d, bc_severity sev, const char *file,
                      int line, int col, const char *fmt, va_list ap)
{
    bc_diag *g = bc_xcalloc(1, sizeof *g);
    bc_buf b = BC_BUF_INIT;
    bc_buf_vprintf(&b, fmt, ap);
    g->severity = sev;
    const char *sheet = file ? strchr(file, BC_DIAG_SHEET) : NULL;
    if (sheet) {
        g->file = bc_xstrndup(file, (size_t)(sheet - file));
        bc_buf place = BC_BUF_INIT;
        char cell[32];
        bc_diag_cell_name(cell, sizeof cell, line, col);
        if (line > 0 && col > 0)
            bc_buf_printf(&place, _("sheet \"%s\", cell %s"), sheet + 1, cell);
        else if (line > 0)
            bc_buf_printf(&place, _("sheet \"%s\", row %d"), sheet + 1, line);
        else if (col > 0)
            bc_buf_printf(&place, _("sheet \"%s\", column %s"), sheet + 1, cell);
        else
            bc_buf_printf(&place, _("sheet \"%s\""), sheet + 1);
        g->place = bc_buf_detach(&place, NULL);
        line = col = 0;
    } else {
        g->file = file ? bc_xstrdup(file) : NULL;
    }
    g->line = line;
    g->col = col;
    g->msg = bc_buf_detach(&b, NULL);
    if (d->tail)
        d->tail->next = g;
    else
        d->head = g;
    d->tail = g;
    if (sev == BC_ERROR)
        d->errors++;
    else if (sev == BC_WARNING)
        d->warnings++;
    return g;
}

bc_diag *bc_diag_add(bc_diags *d, bc_severity sev, const char *file,
                     int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bc_diag *g = bc_diag_vadd(d, sev, file, line, col, fmt, ap);
    va_end(ap);
    return g;
}

void bc_diag_set_part(bc_diag *g, const char *part, const char *place)
{
    free(g->part);
    free(g->place);
    g->part = part ? bc_xstrdup(part) : NULL;
    g->place = place ? bc_xstrdup(place) : NULL;
}

void bc_diag_set_id(bc_diag *g, const char *id)
{
    free(g->id);
    g->id = id ? bc_xstrdup(id) : NULL;
}

bc_diag *bc_diag_add_copy(bc_diags *d, const bc_diag *g, const char *prefix)
{
    bc_diag *n = bc_diag_add(d, g->severity, g->file, g->line, g->col, "%s%s",
                             prefix ? prefix : "", g->msg);
    bc_diag_set_id(n, g->id);
    if (g->part || g->place)
        bc_diag_set_part(n, g->part, g->place);
    if (g->hint)
        bc_diag_set_hint(n, g->hint);
    return n;
}

void bc_diag_set_hint(bc_diag *g, const char *hint)
{
    free(g->hint);
    g->hint = hint ? bc_xstrdup(hint) : NULL;
}

void bc_diags_take(bc_diags *dst, bc_diags *src)
{
    if (!src->head)
        return;
    if (dst->tail)
        dst->tail->next = src->head;
    else
        dst->head = src->head;
    dst->tail = src->tail;
    dst->errors += src->errors;
    dst->warnings += src->warnings;
    src->head = src->tail = NULL;
    src->errors = src->warnings = 0;
}

char *bc_diag_sheet_file(const char *file, const char *sheet)
{
    bc_buf b = BC_BUF_INIT;
    bc_buf_printf(&b, "%s%c%s", file, BC_DIAG_SHEET, sheet);
    return bc_buf_detach(&b, NULL);
}

void bc_diag_cell_name(char *buf, size_t size, int row, int col)
{
    char letters[16];
    size_t n = 0;
    for (int c = col; c > 0 && n < sizeof letters; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    size_t k = 0;
    while (n > 0 && k + 1 < size)
        buf[k++] = letters[--n];
    if (row > 0)
        snprintf(buf + k, size - k, "%d", row);
    else if (k < size)
        buf[k] = '\0';
}

char *bc_diag_format(const bc_diag *g)
{
    bc_buf b = BC_BUF_INIT;
    if (g->file)
        bc_buf_puts(&b, g->file);
    if (g->part)
        bc_buf_printf(&b, "%s%s", b.len ? ":" : "", g->part);
    if (g->line > 0) {
        bc_buf_printf(&b, ":%d", g->line);
        if (g->col > 0)
            bc_buf_printf(&b, ":%d", g->col);
    }
    if (b.len)
        bc_buf_puts(&b, ": ");
    if (g->place)
        bc_buf_printf(&b, "%s: ", g->place);
    const char *sev = g->severity == BC_ERROR     ? _("error")
                      : g->severity == BC_WARNING ? _("warning")
                                                  : _("note");
    bc_buf_printf(&b, "%s: %s", sev, g->msg);
    if (g->id)
        bc_buf_printf(&b, " [%s]", g->id);
    return bc_buf_detach(&b, NULL);
}

void bc_diags_free(bc_diags *d)
{
    bc_diag *g = d->head;
    while (g) {
        bc_diag *n = g->next;
        free(g->file);
        free(g->part);
        free(g->place);
        free(g->id);
        free(g->msg);
        free(g->hint);
        free(g);
        g = n;
    }
    d->head = d->tail = NULL;
    d->errors = d->warnings = 0;
}
