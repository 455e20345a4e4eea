/*
 * wml_render.c - a compiled template rendered against data (see
 * wml_render.h): each text part's program applied with the run escaper,
 * block tags ("{{@name N}}", wml_markers.h) written from block N's saved
 * XML, a host's own paragraphs set aside from the tree passes and put
 * back after them.
 */
#include "wml/wml_render.h"
#include "base/utf8.h"
#include "base/grow.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "wml/wml.h"
#include "wml/wml_fixup.h"
#include "wml/wml_markers.h"
#include "wml/wml_template_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One part being rendered. */
typedef struct render_ctx {
    const bc_wml_template *t;
    const tpl_part *part;
    const bc_mdata *data;
    bc_diags *d;
    /* The main part's host paragraphs are kept aside while the tree passes
     * run over the rest (the layout measures nothing in them), then put
     * back at their BC_MARK_ASIDE_PI placeholders. */
    bc_buf *aside;
    size_t naside, cap_aside;
    bc_wml_ids *ids;     /* the document's ids (wml_fixup.h) */
    void *host_data;     /* bc_wml_render_opts' */
} render_ctx;

struct bc_wml_render_block {
    render_ctx *rc;
    const block *bl;
    bc_buf *out;       /* the part's output at the tag */
    bc_buf *own;       /* where the block's paragraphs go, once asked */
};

static int S_escape_checked(render_ctx *rc, bc_buf *out, const char *s,
                            size_t n, const char *name)
{
    unsigned cp = bc_wml_escape_run(out, s, n, false);
    if (!cp)
        return 0;
    bc_diag *g = bc_diag_add(rc->d, BC_ERROR, rc->t->name, 0, 0,
                             _("the value of `%s` contains the control "
                               "character U+%04X, which a document cannot hold"),
                             name, bc_utf8_shown(cp));
    bc_diag_set_part(g, rc->part->name, NULL);
    return -1;
}

double bc_wml_render_block_page_text(const bc_wml_render_block *b)
{
    return b->rc->part->page_text;
}

bc_buf *bc_wml_render_block_out(bc_wml_render_block *b)
{
    if (b->own)
        return b->own;
    render_ctx *rc = b->rc;
    if (!rc->part->is_main)
        return b->own = b->out;
    BC_GROW(rc->aside, rc->cap_aside, rc->naside + 1);
    bc_buf *aside = &rc->aside[rc->naside];
    memset(aside, 0, sizeof *aside);
    bc_buf_puts(b->out, BC_MARK_ASIDE_PI);
    bc_buf_put_uint(b->out, rc->naside++, 0);
    bc_buf_puts(b->out, "?>");
    return b->own = aside;
}

int bc_wml_render_block_run(bc_wml_render_block *b, bc_buf *out,
                            const char *s, size_t n, bool bold, bool italic)
{
    if (n == 0)
        return 0;
    const block *bl = b->bl;
    bc_buf_puts(out, "<w:r>");
    /* the template run's properties, with an emphasis in schema order */
    bc_buf_puts(out, bl->rpr_as[(bold ? 1 : 0) | (italic ? 2 : 0)]);
    bc_buf_puts(out, "<w:t xml:space=\"preserve\">");
    int status = S_escape_checked(b->rc, out, s, n, bl->name);
    bc_buf_puts(out, "</w:t></w:r>");
    return status;
}

void *bc_wml_render_block_host_data(const bc_wml_render_block *b)
{
    return b->rc->host_data;
}

bool bc_wml_render_block_in_main(const bc_wml_render_block *b)
{
    return b->rc->part->is_main;
}

double bc_wml_render_block_width(const bc_wml_render_block *b)
{
    return b->bl->width;
}

int bc_wml_render_block_line(const bc_wml_render_block *b)
{
    return b->bl->line;
}

bool bc_wml_render_block_splits(const bc_wml_render_block *b)
{
    return b->bl->has_run;
}

void bc_wml_render_block_open(bc_wml_render_block *b, bc_buf *out)
{
    bc_buf_put(out, b->bl->pre, b->bl->run_at);
}

void bc_wml_render_block_close(bc_wml_render_block *b, bc_buf *out)
{
    bc_buf_puts(out, b->bl->post + b->bl->run_end);
}

int bc_wml_render_block_value(bc_wml_render_block *b, bc_buf *out, const char *s,
                              size_t n)
{
    bc_buf_puts(out, b->bl->pre + b->bl->run_at);
    int status = S_escape_checked(b->rc, out, s, n, b->bl->name);
    bc_buf_puts(out, b->bl->post);
    return status;
}

int bc_wml_render_block_value_marked(bc_wml_render_block *b, bc_buf *out, const char *s,
                                     size_t n, const char *end_mark)
{
    bc_buf_puts(out, b->bl->pre + b->bl->run_at);
    int status = S_escape_checked(b->rc, out, s, n, b->bl->name);
    bc_buf_put(out, b->bl->post, b->bl->run_end);
    bc_wml_render_block_bookmark(b, out, end_mark);
    bc_buf_puts(out, b->bl->post + b->bl->run_end);
    return status;
}

unsigned long bc_wml_render_block_fresh_id(bc_wml_render_block *b)
{
    return bc_wml_fixup_fresh_id(b->rc->ids);
}

void bc_wml_render_block_bookmark(bc_wml_render_block *b, bc_buf *out, const char *name)
{
    unsigned long id = bc_wml_fixup_fresh_id(b->rc->ids);
    char *unique = bc_wml_fixup_bookmark_name(b->rc->ids, name);
    bc_buf_puts(out, "<w:bookmarkStart w:id=\"");
    bc_buf_put_uint(out, id, 0);
    bc_buf_puts(out, "\" w:name=\"");
    bc_buf_puts(out, unique); /* the host's own names: nothing to escape */
    bc_buf_puts(out, "\"/><w:bookmarkEnd w:id=\"");
    bc_buf_put_uint(out, id, 0);
    bc_buf_puts(out, "\"/>");
    free(unique);
}

/* A block tag: a list gives one paragraph per item, a text the host takes
 * its paragraphs, any other value the paragraph with the value. */
static int S_host(void *closure, bc_buf *out, const void *value,
                  const char *arg, size_t arg_len)
{
    render_ctx *rc = closure;
    size_t idx = (size_t)strtoul(arg, NULL, 10);
    (void)arg_len;
    if (idx >= rc->part->block_count)
        return -1;
    const block *bl = &rc->part->blocks[idx];
    const bc_mdata *md = rc->data;
    bc_mv_kind kind = value ? md->kind(md->closure, value) : BC_MV_MISSING;
    if (kind == BC_MV_LIST) {
        size_t n = md->count(md->closure, value);
        int status = 0;
        for (size_t i = 0; i < n; i++) {
            const void *item = md->item(md->closure, value, i);
            size_t len = 0;
            const char *s = item ? md->text(md->closure, item, &len) : "";
            bc_buf_puts(out, bl->pre);
            status |= S_escape_checked(rc, out, s ? s : "", len, bl->name);
            bc_buf_puts(out, bl->post);
        }
        return status ? -1 : 0;
    }
    size_t len = 0;
    const char *s = value ? md->text(md->closure, value, &len) : "";
    if (!s)
        s = "", len = 0;
    const bc_wml_host *h = rc->t->host;
    if (h->block_text && kind == BC_MV_SCALAR) {
        bc_wml_render_block b = {rc, bl, out, NULL};
        int taken = h->block_text(rc->t->host_state, &b, bl->name, s, len);
        if (taken != 0)
            return taken < 0 ? -1 : 0;
    }
    bc_buf_puts(out, bl->pre);
    int status = S_escape_checked(rc, out, s, len, bl->name);
    bc_buf_puts(out, bl->post);
    return status;
}

int bc_wml_render(const bc_wml_template *t, const bc_mdata *data,
                  const void *root, const bc_wml_render_opts *opts,
                  bc_package *out, bc_diags *d)
{
    int status = 0;
    unsigned long max_id = 0, max_note[BC_NOTE_KINDS] = {0};
    for (size_t i = 0; i < t->part_count; i++) {
        if (t->parts[i].max_id > max_id)
            max_id = t->parts[i].max_id;
        for (int k = 0; k < BC_NOTE_KINDS; k++)
            if (t->parts[i].max_note[k] > max_note[k])
                max_note[k] = t->parts[i].max_note[k];
    }
    for (int k = 0; k < BC_NOTE_KINDS; k++)
        max_note[k]++;
    bc_wml_ids ids;
    /* the main part first (wml_template.c): the notes parts after it copy
     * the notes its repeated references ask */
    bc_wml_fixup_ids_init(&ids, max_id + 1, max_note);
    for (size_t i = 0; i < t->part_count; i++) {
        const tpl_part *part = &t->parts[i];
        render_ctx rc = {t, part, data, d, NULL, 0, 0, &ids, opts ? opts->host_data : NULL};
        bc_mapply ap;
        memset(&ap, 0, sizeof ap);
        ap.data = data;
        ap.root = root;
        ap.escape = bc_wml_escape_run;
        ap.lenient = opts && opts->lenient;
        ap.host = S_host;
        ap.host_closure = &rc;
        ap.diags = d;
        bc_buf xml = BC_BUF_INIT;
        bc_buf_reserve(&xml, part->size_hint + part->size_hint / 2);
        int rc_apply = bc_mustache_apply(part->prog, &ap, &xml);
        if (rc_apply == 0)
            rc_apply = bc_wml_passes_run(t, part, &ids, &xml, d);
        if (rc_apply == 0 && rc.naside)
            bc_wml_passes_fill(&xml, 0, BC_MARK_ASIDE_PI, rc.aside, rc.naside);
        if (rc_apply == 0 && part->is_main && t->host && t->host->finish_main)
            rc_apply = t->host->finish_main(t->host_state, &xml, root, part->page_text, d);
        for (size_t k = 0; k < rc.naside; k++)
            bc_buf_free(&rc.aside[k]);
        free(rc.aside);
        if (rc_apply != 0) {
            bc_buf_free(&xml);
            status = -1;
            continue;
        }
        size_t len;
        char *bytes = bc_buf_detach(&xml, &len);
        bc_package_put(out, part->name, (unsigned char *)bytes, len);
    }
    bc_wml_fixup_ids_free(&ids);
    return status;
}
