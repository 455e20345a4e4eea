/*
 * import_period.c - the reporting period of an imported report: its
 * phrases found (bc_import_period_find), turned into the period's tags
 * (bc_import_period_template), moved on (bc_import_period_next), and the
 * figures a new period updates listed (bc_import_period_figures).
 *
 * The texts compared are the ones report/text_rules.c derives for
 * {{ky_bao_cao.ten}} and {{ky_bao_cao.ky_sau}}, so that rendering the
 * import gives back the text it was read from.
 */
#include "import/import_period.h"

#include "base/utf8.h"
#include "import/import_words.h"

#include <stdlib.h>
#include <string.h>

static bool S_lit(const char *s, const char *w, size_t *i)
{
    size_t n = strlen(w);
    if (strncmp(s + *i, w, n) != 0)
        return false;
    *i += n;
    return true;
}

/* Digits at s[*i] (at most max of them), their value in *v. */
static bool S_num(const char *s, size_t *i, int max, int *v)
{
    int k = 0, x = 0;
    while (s[*i + k] >= '0' && s[*i + k] <= '9') {
        if (k >= max)
            return false;
        x = x * 10 + (s[*i + k] - '0');
        k++;
    }
    if (!k)
        return false;
    *i += (size_t)k;
    *v = x;
    return true;
}

static bool S_roman(const char *s, size_t *i, int *v)
{
    static const char *const r[] = {"iv", "iii", "ii", "i"};
    static const int val[] = {4, 3, 2, 1};
    for (int k = 0; k < 4; k++) {
        size_t n = strlen(r[k]);
        if (strncmp(s + *i, r[k], n) == 0 && !bc_import_words_is_word_char(bc_import_words_cp_at(s + *i + n))) {
            *i += n;
            *v = val[k];
            return true;
        }
    }
    return S_num(s, i, 1, v) && *v >= 1 && *v <= 4;
}

/* " năm YYYY" at s[*i], the year not running on. */
static bool S_year(const char *s, size_t *i, int *y)
{
    size_t j = *i;
    if (!S_lit(s, " năm ", &j) || !S_num(s, &j, 4, y) || *y < 1000)
        return false;
    if (bc_import_words_is_word_char(bc_import_words_cp_at(s + j)))
        return false;
    *i = j;
    return true;
}

/* The word before s[i] (skipping one space) into w, "" when none. */
static void S_word_before(const char *s, size_t i, char *w, size_t wn, size_t *start)
{
    w[0] = '\0';
    if (i == 0 || s[i - 1] != ' ') {
        if (start)
            *start = i;
        return;
    }
    size_t e = i - 1, b = e;
    while (b > 0 && s[b - 1] != ' ')
        b--;
    size_t n = e - b < wn - 1 ? e - b : wn - 1;
    memcpy(w, s + b, n);
    w[n] = '\0';
    if (start)
        *start = b;
}

static bool S_all_digits(const char *w)
{
    if (!*w)
        return false;
    for (; *w; w++)
        if (*w < '0' || *w > '9')
            return false;
    return true;
}

/* True when the phrase at s[i] (lower case) is part of a date ("ngày 15
 * tháng 12 năm 2023", "tháng 12 năm 2023" after a day) or of a longer
 * period ("6 tháng đầu năm 2023", "quý II năm 2022") than its start says. */
static bool S_inside(const char *low, size_t i)
{
    char w1[32], w2[32];
    size_t b1 = 0;
    S_word_before(low, i, w1, sizeof w1, &b1);
    S_word_before(low, b1, w2, sizeof w2, NULL);
    if (strncmp(low + i, "năm ", 5) == 0) {
        if (strcmp(w1, "đầu") == 0 || strcmp(w1, "cuối") == 0)
            return true;
        if (S_all_digits(w1) && strcmp(w2, "tháng") == 0)
            return true;
        if (strcmp(w2, "quý") == 0)
            return true;
    }
    if (strncmp(low + i, "tháng ", 7) == 0) {
        if (S_all_digits(w1) && strcmp(w2, "ngày") == 0)
            return true;
        if (S_all_digits(w1))
            return true;
    }
    return false;
}

/* A period phrase at low[i]; its end in *end. */
static bool S_phrase_at(const char *low, size_t i, bc_period *p, size_t *end)
{
    size_t j = i;
    int v = 0, y = 0;
    memset(p, 0, sizeof *p);
    if (S_lit(low, "quý ", &j) && S_roman(low, &j, &v) && S_year(low, &j, &y)) {
        p->quy = v;
        p->nam = y;
        *end = j;
        return true;
    }
    j = i;
    if (S_num(low, &j, 2, &v) && S_lit(low, " tháng ", &j)) {
        bool dau = S_lit(low, "đầu", &j);
        bool cuoi = !dau && S_lit(low, "cuối", &j);
        if ((dau || cuoi) && S_year(low, &j, &y) && v >= 1 && v <= 11) {
            if (v == 6) {
                p->nua = dau ? 1 : 2;
            } else if (dau) {
                p->so_thang = v;
            } else {
                return false;
            }
            p->nam = y;
            *end = j;
            return true;
        }
    }
    j = i;
    if (!S_inside(low, i) && S_lit(low, "tháng ", &j) && S_num(low, &j, 2, &v) &&
        v >= 1 && v <= 12 && S_year(low, &j, &y)) {
        p->thang = v;
        p->nam = y;
        *end = j;
        return true;
    }
    j = i;
    if (!S_inside(low, i) && S_lit(low, "năm ", &j) && S_num(low, &j, 4, &y) && y >= 1000 &&
        !bc_import_words_is_word_char(bc_import_words_cp_at(low + j))) {
        p->nam = y;
        *end = j;
        return true;
    }
    return false;
}

bool bc_import_period_find(const char *s, bc_period *p)
{
    char *low = bc_utf8_lower(s, strlen(s), &(size_t){0});
    bool found = false;
    for (size_t i = 0; low[i]; i++) {
        if (((unsigned char)low[i] & 0xC0) == 0x80)
            continue;
        if (bc_import_words_is_word_char(bc_import_words_cp_before(low, i)))
            continue;
        size_t end = 0;
        if (S_phrase_at(low, i, p, &end)) {
            found = true;
            break;
        }
    }
    free(low);
    return found;
}

/* Adds s[0..n) to the list l of r unless it holds it already. */
static void S_push_once(bc_import_report *r, bc_import_list *l, const char *s, size_t n)
{
    for (size_t k = 0; k < l->n; k++)
        if (strlen(l->items[k]) == n && memcmp(l->items[k], s, n) == 0)
            return;
    bc_import_report_push(r, l, s, n);
}

void bc_import_period_template(bc_import_report *r, const bc_period *p, const char *s,
                               bc_buf *out)
{
    bc_buf ten = BC_BUF_INIT, sau = BC_BUF_INIT;
    if (bc_text_rules_period_names(p, &ten, &sau) != 0) {
        bc_buf_puts(out, s);
        bc_buf_free(&ten);
        bc_buf_free(&sau);
        return;
    }
    const char *names[2] = {bc_buf_cstr(&ten), bc_buf_cstr(&sau)};
    const char *tags[2] = {"{{ky_bao_cao.ten}}", "{{ky_bao_cao.ky_sau}}"};
    char *low_names[2] = {bc_utf8_lower(names[0], strlen(names[0]), &(size_t){0}),
                          bc_utf8_lower(names[1], strlen(names[1]), &(size_t){0})};
    size_t n = strlen(s);
    char *low = bc_utf8_lower(s, n, &(size_t){0});
    bool same_len = strlen(low) == n; /* positions of low are s's */
    for (size_t i = 0; i < n;) {
        bool done = false;
        if (((unsigned char)s[i] & 0xC0) != 0x80 && !bc_import_words_is_word_char(bc_import_words_cp_before(s, i))) {
            for (int k = 0; k < 2 && !done; k++) {
                size_t m = strlen(names[k]);
                if (i + m > n || !bc_import_words_bounded(s, i, m))
                    continue;
                if (memcmp(s + i, names[k], m) == 0 && !S_inside(same_len ? low : s, i)) {
                    bc_buf_puts(out, tags[k]);
                    i += m;
                    done = true;
                } else if (same_len && strlen(low_names[k]) == m && memcmp(low + i, low_names[k], m) == 0 &&
                           !S_inside(low, i)) {
                    S_push_once(r, &r->period_caps, s + i, m);
                    bc_buf_put(out, s + i, m);
                    i += m;
                    done = true;
                }
            }
        }
        bc_period other;
        size_t end = 0;
        if (!done && same_len && ((unsigned char)s[i] & 0xC0) != 0x80 &&
            !bc_import_words_is_word_char(bc_import_words_cp_before(s, i)) && S_phrase_at(low, i, &other, &end) && end > i) {
            /* another period ("năm 2022" in a quarter's report): kept, and
             * listed, for the clerk to check when the period changes */
            S_push_once(r, &r->period_other, s + i, end - i);
            bc_buf_put(out, s + i, end - i);
            i = end;
            done = true;
        }
        if (!done)
            bc_buf_putc(out, s[i++]);
    }
    free(low);
    free(low_names[0]);
    free(low_names[1]);
    bc_buf_cstr(out);
    bc_buf_free(&ten);
    bc_buf_free(&sau);
}

bc_period bc_import_period_next(const bc_period *p)
{
    bc_period q = {0};
    q.nam = p->nam;
    if (p->nua == 1 || p->so_thang == 6) {
        q.nua = 2;
    } else if (p->nua == 2) {
        q.nam = p->nam + 1;
    } else if (p->quy) {
        q.quy = p->quy == 4 ? 1 : p->quy + 1;
        q.nam = p->quy == 4 ? p->nam + 1 : p->nam;
    } else if (p->thang) {
        q.thang = p->thang == 12 ? 1 : p->thang + 1;
        q.nam = p->thang == 12 ? p->nam + 1 : p->nam;
    } else if (p->so_thang) {
        /* the cumulative periods run on by a quarter, 9 months to the year */
        int m = p->so_thang + 3;
        if (m == 6)
            q.nua = 1;
        else if (m < 12)
            q.so_thang = m;
    } else {
        q.nam = p->nam + 1;
    }
    return q;
}

static bool S_digit(char c)
{
    return c >= '0' && c <= '9';
}

void bc_import_period_figures(bc_import_report *r, const char *s)
{
    size_t n = strlen(s);
    size_t line_start = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '\n') {
            line_start = ++i;
            continue;
        }
        if (s[i] == '{' && s[i + 1] == '{') {
            const char *e = strstr(s + i, "}}");
            i = e ? (size_t)(e - s) + 2 : n;
            continue;
        }
        if (!S_digit(s[i]) || bc_import_words_is_word_char(bc_import_words_cp_before(s, i))) {
            i++;
            continue;
        }
        size_t b = i;
        while (i < n && (S_digit(s[i]) || ((s[i] == '.' || s[i] == ',') && S_digit(s[i + 1]))))
            i++;
        size_t e = i;
        /* a numbering at the line's start, a date, a document number, a
         * code, a year */
        if (b == line_start || (i < n && (s[i] == '/' || s[i] == '-' || s[i] == '.' ||
                                          bc_import_words_is_word_char(bc_import_words_cp_at(s + i)))))
            continue;
        if (b > 0 && (s[b - 1] == '/' || s[b - 1] == '-' || s[b - 1] == '.'))
            continue;
        if (e - b == 4 && s[b] >= '1' && s[b] <= '2' && S_all_digits((char[5]){s[b], s[b + 1], s[b + 2], s[b + 3], 0}))
            continue;
        char w1[32];
        S_word_before(s, b, w1, sizeof w1, NULL);
        if (strcmp(w1, "ngày") == 0 || strcmp(w1, "số") == 0 || strcmp(w1, "Số") == 0 ||
            strcmp(w1, "tháng") == 0 || strcmp(w1, "độ") == 0)
            continue;
        /* the number with the word after it */
        size_t we = e;
        if (we < n && s[we] == '%')
            we++;
        else if (we < n && s[we] == ' ') {
            we++;
            while (we < n && s[we] != ' ' && s[we] != ',' && s[we] != '.' && s[we] != ';' &&
                   s[we] != ')' && s[we] != '\n' && s[we] != ':')
                we++;
        }
        if (strncmp(s + e, " tháng", 6) == 0)
            continue;
        if (r->figures.n < 60)
            bc_import_report_push(r, &r->figures, s + b, we - b);
    }
}
