/*
 * body_table.c - pipe tables in the report body (see body_table.h).
 *
 * The syntax is GitHub-flavoured Markdown's table (the cmark-gfm table
 * extension is its reference), read here by a block reader of its own:
 * cmark-gfm drops the cells past the header's count and takes a broken
 * delimiter row for text without a word, while the input contract wants
 * both as errors at their line and column, and a body is read line by
 * line anyway (body_markup.c), so the table is only its lines.
 *
 * Rules:
 *  - Cells are split at "|" not preceded by a backslash ("\|" is a
 *    literal pipe); the leading pipe starts the row, a trailing one is
 *    optional; cells are trimmed.
 *  - The delimiter row has one cell per header cell, each "-" runs with an
 *    optional ":" at either end: ":---" left, ":---:" centre, "---:"
 *    right, "---" left.
 *  - A row with more cells than the header is an error naming its first
 *    extra cell; a row with fewer is padded with empty cells (a warning).
 *  - A cell that is exactly "=tong" is the sum of the number cells above
 *    it in its column (other =tong cells left out), written with as many
 *    decimals as the most precise of them. Numbers are Vietnamese: "."
 *    groups three digits, "," is the decimal mark, a leading "-" or "+";
 *    an empty cell or "-" counts as nothing; any other text in a column
 *    that is summed is an error naming the cell.
 *  - A cell's text takes **bold** and *italic* (bc_body_markup_inline).
 */
#include "report/body_table.h"
#include "base/buf.h"
#include "base/grow.h"
#include "base/i18n.h"
#include "base/vn_number.h"
#include "base/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BC_TABLE_SUM "=tong"
/* More digits than a long long holds: a number no sum can take. */

/* A cell of a source line: its text and where it starts. */
typedef struct raw_cell {
    bc_buf text;       /* "\|" already made "|" */
    size_t offset;     /* of its first character in the body text */
} raw_cell;

static bool S_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Characters (not bytes) of s[0..n), for columns. */
static int S_chars(const char *s, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    return c;
}

void bc_body_table_issue_vadd(bc_table_issue **v, size_t *count, const bc_table_line *l,
                              size_t offset, bool error, const char *fmt, va_list ap)
{
    *v = bc_xrealloc(*v, (*count + 1) * sizeof **v);
    bc_table_issue *is = &(*v)[(*count)++];
    is->error = error;
    is->offset = offset;
    is->line = l->line;
    is->col = 1 + S_chars(l->s, offset >= l->offset ? offset - l->offset : 0);
    bc_buf b = BC_BUF_INIT;
    bc_buf_vprintf(&b, fmt, ap);
    is->msg = bc_buf_detach(&b, NULL);
}

static void S_issue(bc_table_issue **v, size_t *count, const bc_table_line *l,
                    size_t offset, bool error, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void S_issue(bc_table_issue **v, size_t *count, const bc_table_line *l,
                    size_t offset, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bc_body_table_issue_vadd(v, count, l, offset, error, fmt, ap);
    va_end(ap);
}

/* Splits a row into cells (the leading "|" dropped, a trailing one too). */
static size_t S_split(const bc_table_line *l, raw_cell **cells, size_t *cap)
{
    size_t count = 0;
    size_t i = 1; /* past the leading "|" */
    const char *s = l->s;
    size_t n = l->n;
    while (i <= n) {
        /* a cell runs to the next unescaped "|" or the end of the line */
        size_t start = i;
        while (start < n && S_space(s[start]))
            start++;
        if (count == *cap) {
            size_t old = *cap;
            *cells = bc_grow(*cells, cap, count + 1, sizeof **cells);
            memset(*cells + old, 0, (*cap - old) * sizeof **cells);
        }
        raw_cell *c = &(*cells)[count];
        bc_buf_clear(&c->text);
        c->offset = l->offset + start;
        size_t j = start;
        while (j < n && s[j] != '|') {
            /* up to the next "|" or backslash in one piece */
            size_t k = j;
            while (k < n && s[k] != '|' && s[k] != '\\')
                k++;
            bc_buf_put(&c->text, s + j, k - j);
            j = k;
            if (j < n && s[j] == '\\') {
                if (j + 1 < n && s[j + 1] == '|') {
                    bc_buf_putc(&c->text, '|');
                    j += 2;
                } else {
                    bc_buf_putc(&c->text, '\\');
                    j++;
                }
            }
        }
        while (c->text.len > 0 && S_space(c->text.data[c->text.len - 1]))
            c->text.data[--c->text.len] = '\0';
        if (j >= n && j == start && c->text.len == 0 && count > 0) {
            /* nothing after a trailing "|": no cell */
            break;
        }
        count++;
        if (j >= n)
            break;
        i = j + 1;
        if (i == n)
            break; /* a trailing "|" */
    }
    return count;
}

/* A delimiter cell: "-" runs with an optional ":" at each end. */
static bool S_delim_cell(const char *s, size_t n, bc_table_align *align)
{
    if (n == 0)
        return false;
    bool left = s[0] == ':', right = n > 1 && s[n - 1] == ':';
    size_t a = left ? 1 : 0, b = right ? n - 1 : n;
    if (a >= b)
        return false;
    for (size_t i = a; i < b; i++)
        if (s[i] != '-')
            return false;
    *align = left && right ? BC_ALIGN_CENTER : right ? BC_ALIGN_RIGHT : BC_ALIGN_LEFT;
    return true;
}

/* True for a line made only of "|", "-", ":" and spaces, with a "-". */
static bool S_delim_shape(const char *s, size_t n)
{
    if (n == 0 || s[0] != '|')
        return false;
    bool dash = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '-')
            dash = true;
        else if (s[i] != '|' && s[i] != ':' && !S_space(s[i]))
            return false;
    }
    return dash;
}

bool bc_body_table_starts(const char *first, size_t first_n, const char *second,
                          size_t second_n)
{
    if (first_n == 0 || first[0] != '|')
        return false;
    if (S_delim_shape(second, second_n))
        return true;
    /* a delimiter row with a typo ("|---|--x|") is still meant as one: its
     * bad cells are errors, not a table silently read as text */
    if (second_n == 0 || second[0] != '|')
        return false;
    for (size_t i = 0; i + 2 < second_n; i++)
        if (second[i] == '-' && second[i + 1] == '-' && second[i + 2] == '-')
            return true;
    return false;
}

/* The plain text of a cell (its emphasis markers removed), for sums. */
static void S_sums(bc_table *t, const bc_table_line *lines, const size_t *row_line,
                   const size_t *cell_offset, bc_table_issue **issues,
                   size_t *issue_count)
{
    for (size_t c = 0; c < t->cols; c++) {
        for (size_t r = 1; r < t->rows; r++) {
            bc_block *cell = &t->cells[r * t->cols + c];
            if (strcmp(cell->text, BC_TABLE_SUM) != 0)
                continue;
            t->summed[c] = true;
            bc_vn_sum sum = BC_VN_SUM_INIT;
            bool ok = true;
            for (size_t k = 1; k < r; k++) {
                const bc_block *above = &t->cells[k * t->cols + c];
                if (above->len == 0 || strcmp(above->text, "-") == 0 ||
                    strcmp(above->text, BC_TABLE_SUM) == 0)
                    continue;
                if (!bc_vn_number_sum_text(&sum, above->text, above->len)) {
                    S_issue(issues, issue_count, &lines[row_line[k]],
                            cell_offset[k * t->cols + c], true,
                            _("the cell `%s` (row %zu, column %zu) is summed by "
                              "=tong but is not a number: write 1.958 or 98,6, or "
                              "leave it empty or -"),
                            above->text, k, c + 1);
                    ok = false;
                }
            }
            if (sum.overflow) {
                S_issue(issues, issue_count, &lines[row_line[r]],
                        cell_offset[r * t->cols + c], true,
                        _("the sum of column %zu has more than 18 digits"), c + 1);
                ok = false;
            }
            if (!ok)
                continue;
            bc_buf b = BC_BUF_INIT;
            bc_vn_number_write(&b, sum.value, sum.decimals);
            free(cell->text);
            free(cell->spans);
            cell->spans = NULL;
            cell->span_count = 0;
            cell->text = bc_buf_detach(&b, &cell->len);
        }
    }
}

bc_table *bc_body_table_read(const bc_table_line *lines, size_t count,
                             bc_table_issue **issues, size_t *issue_count)
{
    raw_cell *cells = NULL;
    size_t cap = 0;
    bc_table *t = bc_xcalloc(1, sizeof *t);
    size_t hn = S_split(&lines[0], &cells, &cap);
    t->cols = hn ? hn : 1;
    t->align = bc_xcalloc(t->cols, sizeof *t->align);
    t->summed = bc_xcalloc(t->cols, sizeof *t->summed);

    /* the delimiter row */
    raw_cell *dcells = NULL;
    size_t dcap = 0;
    size_t dn = S_split(&lines[1], &dcells, &dcap);
    if (dn != t->cols)
        S_issue(issues, issue_count, &lines[1], lines[1].offset, true,
                _("the delimiter row of this table has %zu cells but its header "
                  "has %zu"),
                dn, t->cols);
    for (size_t c = 0; c < dn; c++) {
        bc_table_align al;
        if (!S_delim_cell(dcells[c].text.data ? dcells[c].text.data : "",
                          dcells[c].text.len, &al)) {
            S_issue(issues, issue_count, &lines[1], dcells[c].offset, true,
                    _("`%s` is not a delimiter cell: write ---, :---, ---: or :---:"),
                    dcells[c].text.data ? dcells[c].text.data : "");
            continue;
        }
        if (c < t->cols)
            t->align[c] = al;
    }
    for (size_t c = 0; c < dcap; c++)
        bc_buf_free(&dcells[c].text);
    free(dcells);

    /* the header and the rows; row_line[r] is the line of row r */
    size_t nrows = count - 1;
    t->cells = bc_xcalloc(nrows * t->cols, sizeof *t->cells);
    size_t *row_line = bc_xcalloc(nrows, sizeof *row_line);
    size_t *cell_offset = bc_xcalloc(nrows * t->cols, sizeof *cell_offset);
    size_t r = 0;
    for (size_t li = 0; li < count; li++) {
        if (li == 1)
            continue;
        size_t n = S_split(&lines[li], &cells, &cap);
        if (n > t->cols)
            S_issue(issues, issue_count, &lines[li], cells[t->cols].offset, true,
                    _("this row has %zu cells but the table's header has %zu"), n,
                    t->cols);
        else if (n < t->cols && li > 0)
            S_issue(issues, issue_count, &lines[li], lines[li].offset, false,
                    _("this row has %zu cells, the header %zu: the missing cells "
                      "are left empty"),
                    n, t->cols);
        row_line[r] = li;
        for (size_t c = 0; c < t->cols; c++) {
            bc_block *cell = &t->cells[r * t->cols + c];
            if (c < n) {
                bc_body_markup_inline(cells[c].text.data ? cells[c].text.data : "",
                                      cells[c].text.len, cell);
                cell_offset[r * t->cols + c] = cells[c].offset;
            } else {
                bc_body_markup_inline("", 0, cell);
                cell_offset[r * t->cols + c] = lines[li].offset + lines[li].n;
            }
            cell->line = lines[li].line;
        }
        r++;
    }
    t->rows = r;
    for (size_t c = 0; c < cap; c++)
        bc_buf_free(&cells[c].text);
    free(cells);
    S_sums(t, lines, row_line, cell_offset, issues, issue_count);
    free(row_line);
    free(cell_offset);
    return t;
}

char *bc_body_table_plain(const bc_table *t, size_t *len)
{
    bc_buf b = BC_BUF_INIT;
    for (size_t i = 0; i < t->rows * t->cols; i++) {
        if (t->cells[i].len == 0)
            continue;
        if (b.len)
            bc_buf_putc(&b, ' ');
        bc_buf_put(&b, t->cells[i].text, t->cells[i].len);
    }
    if (!b.data)
        bc_buf_puts(&b, "");
    return bc_buf_detach(&b, len);
}

void bc_body_table_free(bc_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->rows * t->cols; i++) {
        free(t->cells[i].text);
        free(t->cells[i].spans);
    }
    free(t->cells);
    free(t->align);
    free(t->summed);
    free(t);
}
