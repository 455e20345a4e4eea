/*
 * import_yaml.c - the imported report's YAML (import_yaml.h), written by
 * hand rather than through libyaml's emitter: the emitter cannot place a
 * comment, and the clerk's notes are comments. What is written is only
 * ever a map of known keys, lists of strings, and strings, so the rules
 * for a scalar are few: bc_import_yaml_plain_ok decides plain or double
 * quoted, and the body is a literal block scalar.
 */
#include "import/import_yaml.h"

#include "base/i18n.h"

#include <string.h>

static bool S_special_word(const char *s)
{
    static const char *const words[] = {"true", "false", "null", "~", "yes", "no", "on",
                                        "off", "y", "n", NULL};
    for (int k = 0; words[k]; k++)
        if (strcasecmp(s, words[k]) == 0)
            return true;
    return false;
}

/* Numbers in any YAML schema: 12, -3, 1.5, 1e3, 0x1F, 0o7, .5, .inf, 1_000,
 * 12:30 (sexagesimal in 1.1), and what is close enough to read as one. */
static bool S_numberish(const char *s)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    if (*p == '.')
        p++;
    if (strcasecmp(p, "inf") == 0 || strcasecmp(p, "nan") == 0)
        return true;
    if (!(*p >= '0' && *p <= '9'))
        return false;
    for (; *p; p++)
        if (!((*p >= '0' && *p <= '9') || strchr("._:,eExXoObB+-abcdefABCDEF", *p)))
            return false;
    return true;
}

static void S_scalar(bc_buf *out, const char *s);

bool bc_import_yaml_plain_ok(const char *s)
{
    size_t n = strlen(s);
    if (!n || s[0] == ' ' || s[n - 1] == ' ' || s[n - 1] == ':')
        return false;
    if (strchr("-?:,[]{}#&*!|>'\"%@`", s[0]))
        return false;
    if (S_special_word(s) || S_numberish(s))
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F)
            return false;
        if (c == ':' && (s[i + 1] == ' ' || s[i + 1] == '\0'))
            return false;
        if (c == '#' && i > 0 && s[i - 1] == ' ')
            return false;
        /* U+0085, U+2028, U+2029: line breaks to some readers; U+FEFF */
        if (c == 0xC2 && (unsigned char)s[i + 1] == 0x85)
            return false;
        if (c == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
            return false;
        if (c == 0xEF && (unsigned char)s[i + 1] == 0xBB && (unsigned char)s[i + 2] == 0xBF)
            return false;
    }
    return true;
}

/* s as YAML and baocao's loader can hold it: C0 controls but the line
 * break (when kept) and the tab, DEL, C1 controls, the line and paragraph
 * separators, a byte order mark and U+FFFE/U+FFFF (none of them printable
 * in YAML, or a line break to some readers) each made a space. */
static void S_clean(bc_buf *out, const char *s, bool breaks)
{
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        size_t skip = 0;
        if ((*p < 0x20 && *p != '\t' && !(breaks && *p == '\n')) || *p == 0x7F)
            skip = 1;
        else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            skip = 2;
        else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
            skip = 3;
        else if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
            skip = 3;
        else if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
            skip = 3;
        if (skip) {
            bc_buf_putc(out, ' ');
            p += skip - 1;
        } else {
            bc_buf_putc(out, (char)*p);
        }
    }
    bc_buf_cstr(out);
}

void bc_import_yaml_scalar(bc_buf *out, const char *s)
{
    bc_buf clean = BC_BUF_INIT;
    S_clean(&clean, s, false);
    s = bc_buf_cstr(&clean);
    S_scalar(out, s);
    bc_buf_free(&clean);
}

static void S_scalar(bc_buf *out, const char *s)
{
    if (bc_import_yaml_plain_ok(s)) {
        bc_buf_puts(out, s);
        return;
    }
    bc_buf_putc(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            bc_buf_putc(out, '\\');
            bc_buf_putc(out, (char)*p);
        } else if (*p == '\n') {
            bc_buf_puts(out, "\\n");
        } else if (*p == '\t') {
            bc_buf_puts(out, "\\t");
        } else if (*p < 0x20 || *p == 0x7F) {
            bc_buf_printf(out, "\\x%02X", *p);
        } else if (p[0] == 0xC2 && p[1] == 0x85) {
            bc_buf_puts(out, "\\N");
            p++;
        } else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
            bc_buf_puts(out, p[2] == 0xA8 ? "\\L" : "\\P");
            p += 2;
        } else {
            bc_buf_putc(out, (char)*p);
        }
    }
    bc_buf_putc(out, '"');
}

/* "  # check: ..." after a key's line: the note translated, with its
 * detail. */
static void S_note(bc_buf *out, const char *note, const char *detail)
{
    if (!note)
        return;
    bc_buf_puts(out, "  # ");
    bc_buf_puts(out, _(note));
    if (detail) {
        bc_buf_puts(out, ": ");
        S_clean(out, detail, false);
    }
}

static void S_field(bc_buf *out, const char *key, const bc_import_field *f, bool required)
{
    if (!f->value) {
        if (!required && !f->note)
            return;
        if (!required) {
            bc_buf_printf(out, "# %s:", key);
            S_note(out, f->note, f->detail);
            bc_buf_putc(out, '\n');
            return;
        }
        bc_buf_printf(out, "%s: \"\"", key);
        S_note(out, f->note ? f->note : N_("check: not found in the document; fill it in"),
               f->detail);
        bc_buf_putc(out, '\n');
        return;
    }
    bc_buf_printf(out, "%s: ", key);
    bc_import_yaml_scalar(out, f->value);
    S_note(out, f->note, f->detail);
    bc_buf_putc(out, '\n');
}

/* A value baocao reads as it is and a clerk writes unquoted: a number
 * ("95", "57a") or an ISO date. */
static void S_raw_field(bc_buf *out, const char *key, const bc_import_field *f)
{
    if (!f->value) {
        bc_buf_printf(out, "# %s:", key);
        S_note(out, f->note ? f->note : N_("check: not found in the document"), f->detail);
        bc_buf_putc(out, '\n');
        return;
    }
    bool plain = *f->value && strchr("-+.", f->value[0]) == NULL;
    for (const char *p = f->value; *p && plain; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || *p == '-'))
            plain = false;
    bc_buf_printf(out, "%s: ", key);
    if (plain)
        bc_buf_puts(out, f->value);
    else
        bc_import_yaml_scalar(out, f->value);
    S_note(out, f->note, f->detail);
    bc_buf_putc(out, '\n');
}

static void S_list(bc_buf *out, const char *indent, const bc_import_list *l)
{
    for (size_t k = 0; k < l->n; k++) {
        bc_buf_printf(out, "%s- ", indent);
        bc_import_yaml_scalar(out, l->items[k]);
        bc_buf_putc(out, '\n');
    }
}

/* s as a literal block scalar after "key: |", its lines indented by
 * indent spaces. */
static void S_block(bc_buf *out, const char *s, int indent)
{
    bc_buf_putc(out, '\n');
    const char *p = s;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n)
            bc_buf_printf(out, "%*s", indent, "");
        bc_buf_put(out, p, n);
        bc_buf_putc(out, '\n');
        if (!e)
            break;
        p = e + 1;
    }
}

static void S_body_value(bc_buf *out, const char *indent, const char *key, const char *s,
                         int block_indent, const char *note);

static void S_body_key(bc_buf *out, const char *indent, const char *key, const char *raw,
                       int block_indent, const char *note)
{
    bc_buf clean = BC_BUF_INIT;
    if (raw)
        S_clean(&clean, raw, true);
    const char *s = raw ? bc_buf_cstr(&clean) : NULL;
    S_body_value(out, indent, key, s, block_indent, note);
    bc_buf_free(&clean);
}

static void S_body_value(bc_buf *out, const char *indent, const char *key, const char *s,
                         int block_indent, const char *note)
{
    bc_buf_printf(out, "%s%s: ", indent, key);
    if (!s || !*s || strspn(s, "\n") == strlen(s)) {
        bc_buf_puts(out, "\"\"");
        S_note(out, note ? note : N_("check: not found in the document; fill it in"), NULL);
        bc_buf_putc(out, '\n');
        return;
    }
    bc_buf_putc(out, '|');
    /* a first line with text that starts with a space needs the
     * indentation given, before the comment */
    const char *first = s + strspn(s, "\n");
    if (first[0] == ' ')
        bc_buf_printf(out, "%d", block_indent);
    if (note) {
        bc_buf_puts(out, "  # ");
        bc_buf_puts(out, _(note));
    }
    S_block(out, s, block_indent);
}

static void S_comment_list(bc_buf *out, const char *note, const bc_import_list *l)
{
    if (!l->n)
        return;
    bc_buf_puts(out, "# ");
    bc_buf_puts(out, _(note));
    bc_buf_puts(out, ":");
    for (size_t k = 0; k < l->n; k++) {
        bc_buf_puts(out, k ? ", " : " ");
        bc_buf_putc(out, '"');
        S_clean(out, l->items[k], false);
        bc_buf_putc(out, '"');
    }
    bc_buf_putc(out, '\n');
}

void bc_import_yaml_write(const bc_import_report *r, const char *source, bc_buf *out)
{
    const char *base = strrchr(source, '/');
    base = base ? base + 1 : source;
    bc_buf name = BC_BUF_INIT;
    S_clean(&name, base, false);
    bc_buf_puts(out, "# ");
    bc_buf_printf(out, _("Imported from %s by `baocao nhap`: check the lines marked "
                         "\"check\", then `baocao render`."),
                  bc_buf_cstr(&name));
    bc_buf_free(&name);
    bc_buf_putc(out, '\n');
    S_field(out, "loai", &r->loai, true);
    S_field(out, "co_quan_chu_quan", &r->co_quan_chu_quan, false);
    S_field(out, "co_quan", &r->co_quan, true);
    S_field(out, "ky_hieu_co_quan", &r->ky_hieu_co_quan, true);
    S_raw_field(out, "so", &r->so);
    S_field(out, "dia_danh", &r->dia_danh, true);
    S_raw_field(out, "ngay", &r->ngay);
    if (r->has_period) {
        bc_buf_puts(out, "ky_bao_cao:");
        S_note(out, r->period_note, NULL);
        bc_buf_printf(out, "\n  nam: %d\n", r->period.nam);
        if (r->period.nua)
            bc_buf_printf(out, "  nua: %d\n", r->period.nua);
        if (r->period.quy)
            bc_buf_printf(out, "  quy: %d\n", r->period.quy);
        if (r->period.thang)
            bc_buf_printf(out, "  thang: %d\n", r->period.thang);
        if (r->period.so_thang)
            bc_buf_printf(out, "  so_thang: %d\n", r->period.so_thang);
    } else {
        bc_buf_puts(out, "# ky_bao_cao:");
        S_note(out, r->period_note, NULL);
        bc_buf_putc(out, '\n');
    }
    S_field(out, "trich_yeu", &r->trich_yeu, true);
    if (r->kinh_gui_items.n) {
        bc_buf_puts(out, "kinh_gui:\n");
        S_list(out, "  ", &r->kinh_gui_items);
    } else {
        S_field(out, "kinh_gui", &r->kinh_gui, false);
    }
    S_comment_list(out, N_("check: period phrases left as written (capitals or another "
                           "case): update them by hand"),
                   &r->period_caps);
    S_comment_list(out, N_("check: other periods named, kept as written: check them when "
                           "the period changes"),
                   &r->period_other);
    S_comment_list(out, N_("check: figures of the last period: update them"), &r->figures);
    if (r->unplaced) {
        bc_buf_puts(out, "# ");
        bc_buf_printf(out, _("check: %zu paragraph(s) that fit no key were put into the "
                             "body: move or delete them"),
                      r->unplaced);
        bc_buf_putc(out, '\n');
    }
    S_body_key(out, "", "noi_dung", r->noi_dung.value, 2, r->noi_dung.note);
    if (r->noi_nhan.n) {
        bc_buf_puts(out, "noi_nhan:");
        S_note(out, r->noi_nhan.note, NULL);
        bc_buf_putc(out, '\n');
        S_list(out, "  ", &r->noi_nhan);
    } else {
        bc_buf_puts(out, "noi_nhan: []");
        S_note(out, N_("check: no \"Nơi nhận\" list found; fill it in"), NULL);
        bc_buf_putc(out, '\n');
    }
    bc_buf_puts(out, "nguoi_ky:\n");
    if (r->chuc_danh.n) {
        bc_buf_puts(out, "  chuc_danh:");
        S_note(out, r->chuc_danh.note, NULL);
        bc_buf_putc(out, '\n');
        S_list(out, "    ", &r->chuc_danh);
    } else {
        bc_buf_puts(out, "  chuc_danh: []");
        S_note(out, N_("check: no signer's title found; fill it in"), NULL);
        bc_buf_putc(out, '\n');
    }
    bc_buf_puts(out, "  ");
    S_field(out, "ho_ten", &r->ho_ten, true);
    if (r->n_phu_luc) {
        bc_buf_puts(out, "phu_luc:\n");
        for (size_t k = 0; k < r->n_phu_luc; k++) {
            const bc_import_appendix *p = &r->phu_luc[k];
            bc_buf_puts(out, "  - ten: ");
            if (p->ten) {
                bc_import_yaml_scalar(out, p->ten);
                S_note(out, p->ten_note, NULL);
            } else {
                bc_buf_puts(out, "\"\"");
                S_note(out, N_("check: not found in the document; fill it in"), NULL);
            }
            bc_buf_putc(out, '\n');
            if (p->ngang) {
                bc_buf_puts(out, "    ngang: true");
                S_note(out, p->ngang_note, NULL);
                bc_buf_putc(out, '\n');
            }
            S_body_key(out, "    ", "noi_dung", p->noi_dung, 6, NULL);
        }
    }
}
