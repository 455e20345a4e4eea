/*
 * report_lines.c - the lines Decree 30 makes of a report's lists (see
 * report_lines.h).
 */
#include "report/report_lines.h"
#include "base/buf.h"

#include <string.h>

void bc_report_lines_item_text(const bc_node *it, const char **s, size_t *n)
{
    const char *t = it->str;
    size_t len = it->len;
    while (len && (*t == ' ' || *t == '\t'))
        t++, len--;
    if (len >= 2 && t[0] == '-' && t[1] == ' ')
        t += 2, len -= 2;
    while (len && (t[len - 1] == ' ' || t[len - 1] == '\t' || t[len - 1] == '\n'))
        len--;
    if (len && (t[len - 1] == ';' || t[len - 1] == '.'))
        len--;
    *s = t;
    *n = len;
}

bool bc_report_lines_is_nhu_tren(const bc_node *it)
{
    const char *s;
    size_t n;
    bc_report_lines_item_text(it, &s, &n);
    return n == strlen("Như trên") && memcmp(s, "Như trên", n) == 0;
}

bc_node *bc_report_lines_dash(bc_arena *a, const bc_node *items, bool nhu_tren)
{
    bc_node *list = bc_node_new(a, BC_LIST);
    size_t n = items->kind == BC_LIST ? items->count : 1;
    size_t total = n + (nhu_tren ? 1 : 0);
    for (size_t i = 0; i < total; i++) {
        bc_buf b = BC_BUF_INIT;
        const char *s = "Như trên";
        size_t len = strlen(s);
        if (!nhu_tren || i > 0) {
            const bc_node *it = items->kind == BC_LIST
                                    ? items->items[i - (nhu_tren ? 1 : 0)]
                                    : items;
            bc_report_lines_item_text(it, &s, &len);
        }
        bc_buf_puts(&b, "- ");
        bc_buf_put(&b, s, len);
        bc_buf_putc(&b, i + 1 == total ? '.' : ';');
        bc_node_push(a, list, bc_node_scalar(a, bc_buf_cstr(&b), b.len));
        bc_buf_free(&b);
    }
    return list;
}

void bc_report_lines_kinh_gui(bc_arena *a, bc_node *root, const bc_node *kg)
{
    bc_node *lines = bc_node_new(a, BC_LIST);
    if (kg->kind == BC_SCALAR || kg->count == 1) {
        const bc_node *one = kg->kind == BC_SCALAR ? kg : kg->items[0];
        const char *s;
        size_t n;
        bc_report_lines_item_text(one, &s, &n);
        bc_buf kb = BC_BUF_INIT;
        bc_buf_puts(&kb, "Kính gửi: ");
        bc_buf_put(&kb, s, n);
        bc_node *line = bc_node_scalar(a, bc_buf_cstr(&kb), kb.len);
        bc_node_push(a, lines, line);
        bc_node_set(a, root, "kinh_gui_mot", 12, line);
        bc_buf_free(&kb);
    } else {
        bc_node *label = bc_node_scalar(a, "Kính gửi:", strlen("Kính gửi:"));
        bc_node_push(a, lines, label);
        bc_node_set(a, root, "kinh_gui_nhan", 13, label);
        bc_node *dl = bc_report_lines_dash(a, kg, false);
        for (size_t i = 0; i < dl->count; i++)
            bc_node_push(a, lines, dl->items[i]);
        bc_node_set(a, root, "kinh_gui_muc", 12, dl);
    }
    bc_node_set(a, root, "kinh_gui_dong", 13, lines);
}
