/*
 * body_markup.c - the light markup of the report body (input.md 1.3):
 * splits the rendered body into blocks, classifies each by its numbering,
 * resolves **bold** / *italic* emphasis and backslash escapes, and gives the
 * last block the "./." ending of the decree's models.
 *
 * Rules, in the order they apply:
 *
 * Lines. The text is split at LF, CRLF or CR. Each line is trimmed of
 * spaces, tabs and no-break spaces at both ends. An empty line ends a
 * block. A non-empty line joins the current block with one space, unless it
 * starts with a numbering pattern, which always starts a new block (text
 * pasted from a PDF with hard line breaks keeps working).
 *
 * Numbering patterns, at the start of a trimmed line (leading emphasis
 * stars are looked through, so "**I. KẾT QUẢ**" is a part heading):
 *   - Roman numeral I..XXXIX in capitals + "."          -> part heading
 *   - one Arabic number + "."                            -> item
 *   - two to four numbers joined by "." with a final "." -> sub-item
 *     ("2.1." "2.3.1.")
 *   Each number is one or two digits ("01." is accepted; "2023." is not a
 *   heading). After the final dot comes a space, the end of the line, or a
 *   letter that is not itself followed by "." ("1.Tình hình" as clerks
 *   often type it is an item; "1.5 tỷ" is not, nor is "V.I.Lenin").
 *   - two to four numbers without the final dot, then a space and a capital
 *     letter: "2.1 Tình hình" is a sub-item; "1.5 tỷ đồng" (a decimal
 *     number at the start of a wrapped line) is not.
 *   - a letter of the Vietnamese alphabet (a b c d đ e g h i k l m n o p q
 *     r s t u v x y; no f j w z) + ")"                 -> point
 *   - "-" or "–" (en dash, as Word's autoformat writes it) + space -> dash
 *   - "+" + space                                        -> plus
 * The numbering stays in the block's text exactly as written.
 *
 * Titles. An item or sub-item is a title when its block is one source line
 * of at most BC_TITLE_MAX code points (after emphasis markers are removed)
 * that does not end with "." (a final ":" is still a title; the dot of a
 * bare numbering, "1." alone on its line, does not count).
 *
 * Escapes. A backslash at the start of a line before a numbering pattern
 * ("\1. ...", "\- ...") or before any digit ("\2023. ...", escaped by a
 * cautious clerk though it is no pattern) keeps the text literal: the
 * backslash is removed and the line is ordinary text (it joins the block
 * it follows).
 * "\*" anywhere is a literal star. Any other backslash is kept.
 *
 * Emphasis. A run of 1, 2 or 3 unescaped stars marks italic, bold, or both.
 * An opening run must be followed by a non-space, a closing run preceded by
 * a non-space, and a closing run pairs with the nearest open run of the same
 * length (openers skipped over stay literal). Unmatched runs and runs of
 * four or more stars stay in the text as written. Emphasis may cross the
 * joins between lines of a block but never blocks.
 *
 * Tables. A line starting with "|" starts a block that runs to the first
 * line not starting with "|" (or an empty line). When its second line is a
 * delimiter row it is a table (body_table.c); otherwise its lines are an
 * ordinary paragraph. "\|" at the start of a line is a literal pipe. A
 * line holding only a section tag ("{{#linh_vuc}}") inside such a block
 * stays in it (the body before its mustache pass, as the review reads it).
 *
 * Ending. The last block ends with "./.": nothing changes when it already
 * does, a final "." becomes "./.", anything else gets "./." appended. A
 * last block that is a table gets nothing.
 */
#include "report/body_markup.h"
#include "report/body_table.h"
#include "base/grow.h"
#include "base/i18n.h"

#include "base/xalloc.h"
#include "base/buf.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Longest item text, in code points, that can still be a title. */
#define BC_TITLE_MAX 120
/* Highest Roman part number recognised (I..XXXIX: only I, V, X). */
#define BC_ROMAN_MAX 39

/* ---- small helpers ------------------------------------------------------ */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_hspace(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* Code point at s[i] (0 at the end; U+FFFD on a bad byte), its length. */
static utf8proc_int32_t cp_at(const char *s, size_t n, size_t i, size_t *len)
{
    if (i >= n) {
        *len = 0;
        return 0;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &cp);
    if (r <= 0) {
        *len = 1;
        return 0xFFFD;
    }
    *len = (size_t)r;
    return cp;
}

static bool is_letter(utf8proc_int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return true;
    default:
        return false;
    }
}

static size_t cp_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    return c;
}

/* ---- numbering patterns -------------------------------------------------- */

/* What may follow the dot that ends a numbering: a space, the end of the
 * line, or a letter not followed by "." (see the file comment). */
static bool follow_ok(const char *s, size_t n, size_t i)
{
    if (i >= n || is_hspace(s[i]))
        return true;
    size_t l1, l2;
    utf8proc_int32_t c = cp_at(s, n, i, &l1);
    if (!is_letter(c))
        return false;
    return cp_at(s, n, i + l1, &l2) != '.';
}

/* Value of a canonical Roman numeral of I, V, X in s[0..n), or 0. */
static int roman_value(const char *s, size_t n)
{
    static const char *const ones[] = {"", "I", "II", "III", "IV", "V", "VI",
                                       "VII", "VIII", "IX"};
    static const char *const tens[] = {"", "X", "XX", "XXX"};
    for (int v = 1; v <= BC_ROMAN_MAX; v++) {
        const char *t = tens[v / 10], *o = ones[v % 10];
        size_t tl = strlen(t), ol = strlen(o);
        if (tl + ol == n && memcmp(s, t, tl) == 0 && memcmp(s + tl, o, ol) == 0)
            return v;
    }
    return 0;
}

/* The kind of numbering that line s[0..n) starts with (PARAGRAPH: none);
 * ITEM and SUBITEM stand for both their title and sentence kinds. */
static bc_block_kind numbering(const char *s, size_t n, size_t *label_end)
{
    size_t dummy;
    if (!label_end)
        label_end = &dummy;
    *label_end = 0;
    /* Look through a leading emphasis run. */
    size_t i = 0;
    while (i < n && i < 3 && s[i] == '*')
        i++;
    s += i;
    n -= i;
    if (n == 0)
        return BC_BLK_PARAGRAPH;

    /* "- " "– " "+ " */
    if ((s[0] == '-' || s[0] == '+') && n >= 2 && is_hspace(s[1]))
        return s[0] == '-' ? BC_BLK_DASH : BC_BLK_PLUS;
    if (n >= 4 && memcmp(s, "\xE2\x80\x93", 3) == 0 && is_hspace(s[3]))
        return BC_BLK_DASH;

    /* Roman numeral + "." */
    size_t r = 0;
    while (r < n && (s[r] == 'I' || s[r] == 'V' || s[r] == 'X'))
        r++;
    if (r > 0 && r < n && s[r] == '.' && roman_value(s, r) && follow_ok(s, n, r + 1)) {
        *label_end = i + r + 1;
        return BC_BLK_PART;
    }

    /* Point "a)" ... "đ)" ... */
    if (n >= 2 && s[1] == ')' && s[0] && strchr("abcdeghiklmnopqrstuvxy", s[0]))
        return BC_BLK_POINT;
    if (n >= 3 && memcmp(s, "\xC4\x91", 2) == 0 && s[2] == ')')
        return BC_BLK_POINT;

    /* Arabic: groups of 1-2 digits each followed by ".", maybe a last group
     * without its dot. */
    size_t p = 0;
    int groups = 0;
    bool trailing = false;
    while (p < n) {
        size_t d = 0;
        while (p + d < n && is_digit(s[p + d]))
            d++;
        if (d == 0)
            break;
        if (d > 2)
            return BC_BLK_PARAGRAPH;
        if (p + d < n && s[p + d] == '.') {
            groups++;
            p += d + 1;
        } else {
            trailing = true;
            p += d;
            break;
        }
    }
    if (groups == 0)
        return BC_BLK_PARAGRAPH;
    if (!trailing) {
        if (groups > 4 || !follow_ok(s, n, p))
            return BC_BLK_PARAGRAPH;
        *label_end = i + p;
        return groups == 1 ? BC_BLK_ITEM : BC_BLK_SUBITEM;
    }
    /* "2.1 Tình hình": a space, then a capital letter. */
    if (groups + 1 > 4 || p >= n || !is_hspace(s[p]))
        return BC_BLK_PARAGRAPH;
    while (p < n && is_hspace(s[p]))
        p++;
    size_t l;
    utf8proc_int32_t c = cp_at(s, n, p, &l);
    if (l && utf8proc_category(c) == UTF8PROC_CATEGORY_LU)
        return BC_BLK_SUBITEM;
    return BC_BLK_PARAGRAPH;
}

/* ---- blocks under construction -------------------------------------------- */

typedef struct raw_block {
    bc_buf text;            /* joined lines, escapes for patterns removed */
    bc_buf lit;             /* one byte per text byte: 1 = literal star */
    bc_block_kind kind;     /* from the numbering (ITEM / SUBITEM unrefined) */
    bool label_only;        /* the first line is only its numbering ("1.") */
    int line;
    int lines;
} raw_block;

/* Appends one trimmed line to the block. */
static void raw_add_line(raw_block *rb, const char *s, size_t n, bool escaped_pattern)
{
    if (rb->lines > 0) {
        bc_buf_putc(&rb->text, ' ');
        bc_buf_putc(&rb->lit, 0);
    }
    rb->lines++;
    size_t i = 0;
    if (escaped_pattern)
        i = 1;                  /* drop the backslash */
    while (i < n) {
        /* copy up to the next backslash-star in one piece */
        size_t j = i;
        for (;;) {
            const char *bs = memchr(s + j, '\\', n - j);
            j = bs ? (size_t)(bs - s) : n;
            if (j == n || (j + 1 < n && s[j + 1] == '*'))
                break;
            j++;
        }
        bc_buf_put(&rb->text, s + i, j - i);
        bc_buf_reserve(&rb->lit, j - i);
        memset(rb->lit.data + rb->lit.len, 0, j - i);
        rb->lit.len += j - i;
        rb->lit.data[rb->lit.len] = 0;
        i = j;
        if (i < n) {
            bc_buf_putc(&rb->text, '*');
            bc_buf_putc(&rb->lit, 1);
            i += 2;
        }
    }
}

/* ---- emphasis --------------------------------------------------------------- */

typedef struct star_run {
    size_t pos, len;
    int match;              /* index of the paired run, -1 when literal */
    bool opener;
} star_run;

static bool is_space_byte(char c)
{
    return is_hspace(c) || c == '\n' || c == '\r';
}

/* Resolves emphasis in rb into blk->text / blk->spans. */
static void resolve_emphasis(raw_block *rb, bc_block *blk)
{
    const char *r = rb->text.data ? rb->text.data : "";
    const char *lit = rb->lit.data;
    size_t m = rb->text.len;

    /* Star runs. */
    star_run *runs = NULL;
    size_t nruns = 0, cap = 0;
    for (size_t i = 0; i < m;) {
        const char *star = memchr(r + i, '*', m - i);
        if (!star)
            break;
        i = (size_t)(star - r);
        if (lit[i]) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < m && r[j] == '*' && !lit[j])
            j++;
        BC_GROW(runs, cap, nruns + 1);
        runs[nruns++] = (star_run){i, j - i, -1, false};
        i = j;
    }

    if (nruns == 0) {
        /* no star: the text as it is, without emphasis (most blocks) */
        blk->text = bc_xstrndup(r, m);
        blk->len = m;
        return;
    }

    /* Pairing with a stack of open runs. */
    size_t *stack = nruns ? bc_xmalloc(nruns * sizeof *stack) : NULL;
    size_t depth = 0;
    for (size_t k = 0; k < nruns; k++) {
        star_run *sr = &runs[k];
        if (sr->len > 3)
            continue;
        bool can_close = sr->pos > 0 && !is_space_byte(r[sr->pos - 1]);
        bool can_open = sr->pos + sr->len < m && !is_space_byte(r[sr->pos + sr->len]);
        if (can_close) {
            size_t d = depth;
            while (d > 0 && runs[stack[d - 1]].len != sr->len)
                d--;
            if (d > 0) {
                size_t o = stack[d - 1];
                runs[o].match = (int)k;
                runs[o].opener = true;
                sr->match = (int)o;
                sr->opener = false;
                depth = d - 1;  /* openers above it stay literal */
                continue;
            }
        }
        if (can_open)
            stack[depth++] = k;
    }
    free(stack);

    /* Output: the text without the paired markers, and for every output
     * byte its emphasis state (bit 0 bold, bit 1 italic). Literal star runs
     * take the state they stand in. */
    bc_buf out = BC_BUF_INIT, state = BC_BUF_INIT;
    int bold = 0, italic = 0;
    size_t k = 0;
    for (size_t i = 0; i < m;) {
        size_t take = 1;
        if (k < nruns && runs[k].pos == i) {
            star_run *sr = &runs[k++];
            if (sr->match >= 0) {
                int delta = sr->opener ? 1 : -1;
                if (sr->len >= 2)
                    bold += delta;
                if (sr->len != 2)
                    italic += delta;
                i += sr->len;
                continue;
            }
            take = sr->len;
        }
        char st = (char)((bold > 0 ? 1 : 0) | (italic > 0 ? 2 : 0));
        bc_buf_put(&out, r + i, take);
        for (size_t t = 0; t < take; t++)
            bc_buf_putc(&state, st);
        i += take;
    }
    free(runs);

    /* Spans: maximal runs of one non-zero state. */
    size_t span_count = 0;
    for (size_t i = 0; i < out.len; i++)
        if (state.data[i] && (i == 0 || state.data[i - 1] != state.data[i]))
            span_count++;
    blk->spans = span_count ? bc_xmalloc(span_count * sizeof *blk->spans) : NULL;
    blk->span_count = span_count;
    size_t w = 0;
    for (size_t i = 0; i < out.len;) {
        char st = state.data[i];
        size_t j = i;
        while (j < out.len && state.data[j] == st)
            j++;
        if (st)
            blk->spans[w++] = (bc_span){i, j - i, (st & 1) != 0, (st & 2) != 0};
        i = j;
    }
    bc_buf_free(&state);
    blk->text = bc_buf_detach(&out, &blk->len);
}

/* ---- the parser -------------------------------------------------------------- */

static void trim(const char **s, size_t *n)
{
    const char *p = *s;
    size_t l = *n;
    for (;;) {
        if (l > 0 && (is_hspace(p[0]) || p[0] == '\r')) {
            p++, l--;
        } else if (l >= 2 && (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) {
            p += 2, l -= 2;
        } else {
            break;
        }
    }
    for (;;) {
        if (l > 0 && (is_hspace(p[l - 1]) || p[l - 1] == '\r')) {
            l--;
        } else if (l >= 2 && (unsigned char)p[l - 2] == 0xC2 &&
                   (unsigned char)p[l - 1] == 0xA0) {
            l -= 2;
        } else {
            break;
        }
    }
    *s = p;
    *n = l;
}

static void finish_block(raw_block *rb, bc_body *out, size_t *cap)
{
    if (rb->lines == 0)
        return;
    out->blocks = bc_grow(out->blocks, cap, out->count + 1, sizeof *out->blocks);
    bc_block *blk = &out->blocks[out->count++];
    memset(blk, 0, sizeof *blk);
    resolve_emphasis(rb, blk);
    blk->line = rb->line;
    bc_block_kind k = rb->kind;
    if (k == BC_BLK_ITEM || k == BC_BLK_SUBITEM) {
        bool title = rb->lines == 1 && cp_count(blk->text, blk->len) <= BC_TITLE_MAX &&
                     (rb->label_only || !(blk->len > 0 && blk->text[blk->len - 1] == '.'));
        if (title)
            k = k == BC_BLK_ITEM ? BC_BLK_ITEM_TITLE : BC_BLK_SUBITEM_TITLE;
    }
    blk->kind = k;
    bc_buf_clear(&rb->text);
    bc_buf_clear(&rb->lit);
    rb->lines = 0;
}

/* "./." on the last block. */
static void add_ending(bc_block *blk)
{
    static const char end[] = "./.";
    if (blk->len >= 3 && memcmp(blk->text + blk->len - 3, end, 3) == 0)
        return;
    const char *add = blk->len > 0 && blk->text[blk->len - 1] == '.' ? "/." : end;
    size_t al = strlen(add);
    blk->text = bc_xrealloc(blk->text, blk->len + al + 1);
    memcpy(blk->text + blk->len, add, al + 1);
    blk->len += al;
}

/* ---- text fixed the way a clerk means it ----------------------------------- */

/* A warning of a fix, at the start of the line it was made on. */
static void S_fix_issue(bc_body *out, const char *text, const char *line, int line_no,
                        const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void S_fix_issue(bc_body *out, const char *text, const char *line, int line_no,
                        const char *fmt, ...)
{
    bc_table_line at = {line, 0, (size_t)(line - text), line_no};
    va_list ap;
    va_start(ap, fmt);
    bc_body_table_issue_vadd(&out->issues, &out->issue_count, &at, at.offset, false, fmt,
                             ap);
    va_end(ap);
}

/* An invisible format character at s[0..n): its length, or 0 (zero-width
 * space, joiners, word joiner, byte order mark). */
static size_t S_invisible(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x8B && u[2] <= 0x8D)
        return 3;
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0xA0)
        return 3;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        return 3;
    return 0;
}

/* The line made cur[0..keep) + insert + cur[from..*n), in `fixed` (cur may
 * point into it). */
static void S_splice(bc_buf *fixed, const char **cur, size_t *n, size_t keep,
                     const char *insert, size_t from)
{
    bc_buf t = BC_BUF_INIT;
    bc_buf_put(&t, *cur, keep);
    bc_buf_puts(&t, insert);
    bc_buf_put(&t, *cur + from, *n - from);
    bc_buf_clear(fixed);
    bc_buf_put(fixed, t.data, t.len);
    bc_buf_free(&t);
    *cur = bc_buf_cstr(fixed);
    *n = fixed->len;
}

/* The line as the clerk means it (line[0..*len), trimmed), in `fixed`
 * when something changed, each change a warning:
 *  - tabs become spaces, invisible format characters go;
 *  - "•", "·" or "*" then a space at the start: a dash item "- ";
 *  - "I -", "I –", "I/": a part heading "I. ";
 *  - "1.Công tác": "1. Công tác" (a space after the numbering; a digit
 *    after the dot, "1.958 hộ", stays text).
 * Returns the text to read. */
static const char *S_fix_line(bc_body *out, const char *text, const char *line,
                              size_t *len, int line_no, bc_buf *fixed)
{
    size_t n = *len;
    bool tabs = memchr(line, '\t', n) != NULL, invisible = false;
    for (size_t i = 0; i + 2 < n && !invisible; i++)
        if ((unsigned char)line[i] >= 0xE2 && S_invisible(line + i, n - i))
            invisible = true;
    const char *cur = line;
    bc_buf_clear(fixed);
    if (tabs || invisible) {
        for (size_t i = 0; i < n;) {
            size_t k = S_invisible(line + i, n - i);
            if (k) {
                i += k;
                continue;
            }
            bc_buf_putc(fixed, line[i] == '\t' ? ' ' : line[i]);
            i++;
        }
        if (tabs)
            S_fix_issue(out, text, line, line_no, "%s",
                        _("a tab in the body (it breaks the line's justification): "
                          "read as a space"));
        if (invisible)
            S_fix_issue(out, text, line, line_no, "%s",
                        _("an invisible character (a zero-width space or joiner) in "
                          "the body: removed"));
        cur = bc_buf_cstr(fixed);
        n = fixed->len;
    }
    /* bullets */
    size_t bl = 0;
    if (n >= 3 && memcmp(cur, "\xE2\x80\xA2", 3) == 0)
        bl = 3; /* • */
    else if (n >= 2 && memcmp(cur, "\xC2\xB7", 2) == 0)
        bl = 2; /* · */
    else if (n >= 2 && cur[0] == '*' && cur[1] == ' ')
        bl = 1;
    if (bl && n > bl && cur[bl] == ' ') {
        size_t k = bl;
        while (k < n && cur[k] == ' ')
            k++;
        S_fix_issue(out, text, line, line_no,
                    _("`%.*s` at the start of a line is read as a dash item `- `"),
                    (int)bl, cur);
        S_splice(fixed, &cur, &n, 0, "- ", k);
    }
    /* "I -", "II –", "III/" */
    size_t r = 0;
    while (r < n && (cur[r] == 'I' || cur[r] == 'V' || cur[r] == 'X'))
        r++;
    if (r > 0 && roman_value(cur, r)) {
        size_t k = r;
        while (k < n && cur[k] == ' ')
            k++;
        size_t mark = 0;
        if (k < n && (cur[k] == '-' || cur[k] == '/'))
            mark = 1;
        else if (k + 2 < n && memcmp(cur + k, "\xE2\x80\x93", 3) == 0)
            mark = 3;
        if (mark && (cur[k] == '/' || k > r) && k + mark < n) {
            size_t after = k + mark;
            while (after < n && cur[after] == ' ')
                after++;
            if (after < n) {
                S_fix_issue(out, text, line, line_no,
                            _("`%.*s` is read as the part heading `%.*s.`"),
                            (int)(after), cur, (int)r, cur);
                S_splice(fixed, &cur, &n, r, ". ", after);
            }
        }
    }
    /* "1.Công tác": a numbering glued to its text */
    size_t label_end = 0;
    bc_block_kind k = numbering(cur, n, &label_end);
    if ((k == BC_BLK_ITEM || k == BC_BLK_SUBITEM || k == BC_BLK_PART) && label_end > 0 &&
        label_end < n && cur[label_end] != ' ' && cur[label_end - 1] == '.') {
        size_t w = label_end; /* the word glued to the numbering */
        while (w < n && cur[w] != ' ')
            w++;
        S_fix_issue(out, text, line, line_no,
                    _("`%.*s` is read as `%.*s %.*s`: a space after the numbering"),
                    (int)w, cur, (int)label_end, cur, (int)(w - label_end),
                    cur + label_end);
        S_splice(fixed, &cur, &n, label_end, " ", label_end);
    }
    *len = n;
    return cur;
}

/* The lines of a "|" block, kept until the block ends. */
typedef struct pipe_lines {
    bc_table_line *v;
    size_t count, cap;
} pipe_lines;

/* Ends a "|" block: a table, or (no delimiter row) a paragraph of its lines. */
static void finish_pipe(pipe_lines *pl, raw_block *rb, bc_body *out, size_t *cap)
{
    if (pl->count == 0)
        return;
    if (pl->count >= 2 && bc_body_table_starts(pl->v[0].s, pl->v[0].n, pl->v[1].s,
                                               pl->v[1].n)) {
        out->blocks = bc_grow(out->blocks, cap, out->count + 1, sizeof *out->blocks);
        bc_block *blk = &out->blocks[out->count++];
        memset(blk, 0, sizeof *blk);
        blk->kind = BC_BLK_TABLE;
        blk->line = pl->v[0].line;
        blk->table = bc_body_table_read(pl->v, pl->count, &out->issues,
                                        &out->issue_count);
        blk->text = bc_body_table_plain(blk->table, &blk->len);
    } else {
        rb->kind = BC_BLK_PARAGRAPH;
        rb->line = pl->v[0].line;
        rb->label_only = false;
        for (size_t i = 0; i < pl->count; i++)
            raw_add_line(rb, pl->v[i].s, pl->v[i].n, false);
        finish_block(rb, out, cap);
    }
    pl->count = 0;
}

void bc_body_markup_parse(const char *text, size_t n, bc_body *out)
{
    bc_body_markup_parse_opts(text, n, true, out);
}

void bc_body_markup_parse_opts(const char *text, size_t n, bool ending, bc_body *out)
{
    out->blocks = NULL;
    out->count = 0;
    out->issues = NULL;
    out->issue_count = 0;
    if (!text)
        n = 0;
    size_t cap = 0;
    raw_block rb = {BC_BUF_INIT, BC_BUF_INIT, BC_BLK_PARAGRAPH, false, 0, 0};
    pipe_lines pl = {NULL, 0, 0};
    bc_buf fixed = BC_BUF_INIT;
    int line_no = 0;
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(text + i, '\n', n - i);
        size_t j = nl ? (size_t)(nl - text) : n;
        const char *cr = memchr(text + i, '\r', j - i);
        if (cr)
            j = (size_t)(cr - text);
        const char *line = text + i;
        size_t len = j - i;
        line_no++;
        if (j < n && text[j] == '\r' && j + 1 < n && text[j + 1] == '\n')
            j++;
        i = j + 1;

        trim(&line, &len);
        if (len > 0 && line[0] == '|') {
            if (pl.count == 0)
                finish_block(&rb, out, &cap);
            BC_GROW(pl.v, pl.cap, pl.count + 1);
            pl.v[pl.count++] = (bc_table_line){line, len, (size_t)(line - text), line_no};
            continue;
        }
        /* a section tag alone on its line inside a table (the body as the
         * clerk wrote it, before the mustache pass took such lines out)
         * belongs to the table */
        if (pl.count && len > 5 && line[0] == '{' && line[1] == '{' &&
            (line[2] == '#' || line[2] == '^' || line[2] == '/') &&
            line[len - 1] == '}' && line[len - 2] == '}' &&
            !memchr(line + 2, '}', len - 4))
            continue;
        finish_pipe(&pl, &rb, out, &cap);
        if (len == 0) {
            finish_block(&rb, out, &cap);
            continue;
        }
        if (line[0] != '\\')
            line = S_fix_line(out, text, line, &len, line_no, &fixed);
        bool escaped = line[0] == '\\' && len > 1 &&
                       (is_digit(line[1]) || line[1] == '|' ||
                        numbering(line + 1, len - 1, NULL) != BC_BLK_PARAGRAPH);
        size_t label_end = 0;
        bc_block_kind k = escaped ? BC_BLK_PARAGRAPH : numbering(line, len, &label_end);
        if (k != BC_BLK_PARAGRAPH || rb.lines == 0) {
            finish_block(&rb, out, &cap);
            rb.kind = k;
            rb.line = line_no;
            rb.label_only = k != BC_BLK_PARAGRAPH && label_end == len;
        }
        raw_add_line(&rb, line, len, escaped);
    }
    finish_pipe(&pl, &rb, out, &cap);
    finish_block(&rb, out, &cap);
    free(pl.v);
    bc_buf_free(&fixed);
    bc_buf_free(&rb.text);
    bc_buf_free(&rb.lit);
    if (ending && out->count > 0 && out->blocks[out->count - 1].kind != BC_BLK_TABLE)
        add_ending(&out->blocks[out->count - 1]);
}

/* ---- the last parse, shared ------------------------------------------------ */

/* One thread's last parse: the report reads its body for the tables'
 * problems, then the renderer writes the same text; both take this. */
typedef struct shared_parse {
    char *text;
    size_t n;
    bool ending;
    bc_body body;
} shared_parse;

static pthread_key_t S_shared_key;
static pthread_once_t S_shared_once = PTHREAD_ONCE_INIT;

static void S_shared_free(void *p)
{
    shared_parse *sp = p;
    bc_body_markup_free(&sp->body);
    free(sp->text);
    free(sp);
}

static void S_shared_make_key(void)
{
    pthread_key_create(&S_shared_key, S_shared_free);
}

const bc_body *bc_body_markup_parse_shared(const char *text, size_t n, bool ending)
{
    pthread_once(&S_shared_once, S_shared_make_key);
    shared_parse *sp = pthread_getspecific(S_shared_key);
    if (!sp) {
        sp = bc_xcalloc(1, sizeof *sp);
        pthread_setspecific(S_shared_key, sp);
    } else if (sp->text && sp->n == n && sp->ending == ending &&
               memcmp(sp->text, text, n) == 0) {
        return &sp->body;
    }
    bc_body_markup_free(&sp->body);
    free(sp->text);
    sp->text = bc_xstrndup(text ? text : "", text ? n : 0);
    sp->n = n;
    sp->ending = ending;
    bc_body_markup_parse_opts(sp->text, n, ending, &sp->body);
    return &sp->body;
}

void bc_body_markup_inline(const char *s, size_t n, bc_block *out)
{
    memset(out, 0, sizeof *out);
    if (!memchr(s, '*', n)) { /* no emphasis, no "\*": the text as it is */
        out->text = bc_xstrndup(s, n);
        out->len = n;
        return;
    }
    raw_block rb = {BC_BUF_INIT, BC_BUF_INIT, BC_BLK_PARAGRAPH, false, 0, 0};
    raw_add_line(&rb, s, n, false);
    resolve_emphasis(&rb, out);
    bc_buf_free(&rb.text);
    bc_buf_free(&rb.lit);
}

void bc_body_markup_free(bc_body *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->count; i++) {
        free(b->blocks[i].text);
        free(b->blocks[i].spans);
        bc_body_table_free(b->blocks[i].table);
    }
    free(b->blocks);
    b->blocks = NULL;
    b->count = 0;
    for (size_t i = 0; i < b->issue_count; i++)
        free(b->issues[i].msg);
    free(b->issues);
    b->issues = NULL;
    b->issue_count = 0;
}

const char *bc_body_markup_kind_name(bc_block_kind k)
{
    static const char *const names[BC_BLK_KIND_COUNT] = {
        [BC_BLK_PARAGRAPH] = "paragraph",
        [BC_BLK_PART] = "part heading",
        [BC_BLK_ITEM_TITLE] = "item title",
        [BC_BLK_ITEM] = "item",
        [BC_BLK_SUBITEM_TITLE] = "sub-item title",
        [BC_BLK_SUBITEM] = "sub-item",
        [BC_BLK_POINT] = "point",
        [BC_BLK_DASH] = "dash item",
        [BC_BLK_PLUS] = "plus item",
        [BC_BLK_TABLE] = "table",
    };
    if ((unsigned)k >= BC_BLK_KIND_COUNT)
        return "unknown";
    return names[k];
}
