/*
 * mustache.h - the project's one mustache engine: compile once, apply many.
 *
 * A template is compiled into a program (static text chunks plus
 * operations, each carrying its source offset, line and column). Applying
 * it never re-parses. Data is reached only through bc_mdata callbacks, so
 * the engine knows nothing about YAML or the data model (see
 * input/node_view.h for the adapter over bc_node). Output escaping is
 * chosen by the output side (bc_mustache_escape_html for the spec runner,
 * bc_wml_escape_run of wml/wml.h for WordprocessingML).
 *
 * Supported: variables {{x}} {{{x}}} {{&x}}, dotted names and {{.}},
 * sections, inverted sections, comments, set delimiters, partials {{>p}},
 * dynamic names {{>*p}}, inheritance {{<parent}} / {{$block}}, standalone
 * lines, indentation of standalone partials. Lambdas are not supported
 * (data comes from YAML).
 *
 * Host tags: when bc_mopts.host_sigil is non-zero (the .docx layer sets
 * '@'), a tag "{{@name arg}}" compiles to a host operation: at apply time
 * the engine resolves `name` like a variable (strictly) and calls
 * bc_mapply.host with the value and `arg`. Only program-generated template
 * text contains such tags.
 *
 * A compiled bc_mtpl is immutable: several threads may apply it at once.
 * Partials named in the template are compiled with it (once per name,
 * recursive partials included); a dynamic name ({{>*x}}) that names no
 * such partial is loaded and compiled during the apply, into storage that
 * apply frees: the partial callback may then run from several threads.
 *
 * Standalone lines: a line holding only whitespace and tags that output
 * nothing by themselves (sections, inverted sections, closes, comments,
 * delimiter changes, partials, parents, blocks) is removed with its line
 * end, even when it holds several such tags ({{<p}}{{/p}}); a block site
 * opened and closed on one line keeps its line (only its content is
 * indented). Variables and host tags are never standalone.
 */
#ifndef BC_MUSTACHE_H
#define BC_MUSTACHE_H

#include "base/buf.h"
#include "base/diag.h"

#include <stdbool.h>
#include <stddef.h>

/* ---- data interface ---------------------------------------------------- */

typedef enum bc_mv_kind {
    BC_MV_MISSING = 0, /* no such value (only from a NULL handle) */
    BC_MV_NULL,        /* present but null: falsey, interpolates as "" */
    BC_MV_FALSE,       /* falsey scalar */
    BC_MV_TRUE,        /* true boolean: truthy, does not push context */
    BC_MV_SCALAR,      /* string/number: truthy, pushed by a section */
    BC_MV_LIST,        /* iterated by a section; empty list is falsey */
    BC_MV_MAP          /* truthy, pushed by a section */
} bc_mv_kind;

typedef struct bc_mdata {
    void *closure;
    /* Kind of a value handle (never called with NULL). */
    bc_mv_kind (*kind)(void *closure, const void *v);
    /* Member `key` (NFC, not NUL-terminated) of a map, or of a list after
     * a dot (the data may give its items by index: "0", "1"...); NULL
     * when absent. */
    const void *(*member)(void *closure, const void *map, const char *key,
                          size_t len);
    /* Number of items of a list, or of entries of a map. */
    size_t (*count)(void *closure, const void *v);
    /* Item i of a list. */
    const void *(*item)(void *closure, const void *list, size_t i);
    /* Key i of a map (for "did you mean" suggestions); may be NULL. */
    const char *(*key_at)(void *closure, const void *map, size_t i,
                          size_t *len);
    /* Interpolation text of a scalar, boolean or null value. */
    const char *(*text)(void *closure, const void *v, size_t *len);
} bc_mdata;

/* ---- output escaping -------------------------------------------------- */

/* Appends s[0..n) to out, escaped for the output. `raw` is true for {{{x}}}
 * and {{&x}}. Returns 0, or the code point of a character that the output
 * cannot carry (the engine then reports it with the tag's location). */
typedef unsigned (*bc_mescape_fn)(bc_buf *out, const char *s, size_t n,
                                  bool raw);

/* HTML: & < > " escaped unless raw (the specification's rules). */
unsigned bc_mustache_escape_html(bc_buf *out, const char *s, size_t n, bool raw);
/* Plain text (a text template rendered into a string): copied as is. */
unsigned bc_mustache_escape_none(bc_buf *out, const char *s, size_t n, bool raw);

/* ---- compiling ----------------------------------------------------------- */

/* Loads the source of partial `name`. Returns 0 and sets *text and *text_len (the
 * text must stay valid until the template is freed) or 1 when there is no
 * such partial (it then renders as empty, as the specification says). */
typedef int (*bc_mpartial_fn)(void *closure, const char *name, size_t len,
                              const char **text, size_t *text_len);

/* Lets the caller say where a byte offset of the template source is, for
 * templates generated from another format (a .docx part): it may set the
 * diagnostic's file, part, place, line and column. */
typedef void (*bc_mlocate_fn)(void *closure, size_t offset, bc_diag *g);

/* For a generated source: the tag at byte `offset` as its author wrote
 * it (malloc'd), which messages quote instead of the generated text; NULL
 * to quote the source. */
typedef char *(*bc_mshown_fn)(void *closure, size_t offset);

typedef struct bc_mopts {
    const char *name;          /* file or part name used in diagnostics */
    int first_line;            /* line number of the first source line, 0 = 1 */
    int first_col;             /* column of the first source byte, 0 = 1 */
    bc_mpartial_fn partial;    /* may be NULL: every partial is empty */
    void *partial_closure;
    bc_mlocate_fn locate;      /* may be NULL */
    void *locate_closure;
    bc_mshown_fn shown;        /* may be NULL; uses locate_closure */
    char host_sigil;           /* 0 = no host tags */
} bc_mopts;

typedef struct bc_mtpl bc_mtpl;

/* True for a valid data name: "." or dot-separated non-empty parts. */
bool bc_mustache_name_ok(const char *s, size_t n);

/* Compiles src. On any error returns NULL after adding one diagnostic per
 * error found (all of them, not only the first) to d. */
bc_mtpl *bc_mustache_compile(const char *src, size_t len, const bc_mopts *opts,
                         bc_diags *d);
void bc_mustache_free(bc_mtpl *t);
/* True when the template has no tag at all (its text is output as is). */
bool bc_mustache_is_static(const bc_mtpl *t);

/* Visits every variable, section, inverted-section and host tag name of the
 * template (for `template check` and "keys no tag uses"). kind is one of
 * '{' (variable), '#', '^', '@', '>'. Partial and parent names come as '>'
 * (the partials' own tags are not visited); the data name of a dynamic
 * partial ({{>*x}} gives "x") comes as '{', as it is looked up like a
 * variable. Tags are visited in template order. */
typedef void (*bc_mvisit_fn)(void *closure, char kind, const char *name,
                             size_t len, int line, int col, size_t offset);
void bc_mustache_visit(const bc_mtpl *t, bc_mvisit_fn fn, void *closure);

/* ---- applying ------------------------------------------------------------ */

/* Writes the value of a host tag. Returns 0, or -1 after adding its own
 * diagnostic. */
typedef int (*bc_mhost_fn)(void *closure, bc_buf *out, const void *value,
                           const char *arg, size_t arg_len);

typedef struct bc_mapply {
    const bc_mdata *data;
    const void *root;          /* the bottom of the context stack */
    bc_mescape_fn escape;      /* NULL = bc_mustache_escape_none */
    bool lenient;              /* missing interpolations render empty */
    bc_mhost_fn host;
    void *host_closure;
    bc_diags *diags;           /* where apply errors go (required) */
} bc_mapply;

/* Appends the rendering to out. Returns 0, or -1 when any error was found
 * (every missing name is reported, not only the first). Strict mode (the
 * default): an interpolated name that resolves to nothing is an error
 * naming the tag, its location, the data path, and a suggestion when a key
 * matches after folding diacritics and case. A missing section name is
 * false; a missing inverted-section name is true. Strict mode also reports
 * a list or map interpolated as text, and a missing dynamic partial name.
 * A value the escape function refuses is reported in both modes. At most
 * 100 errors are added per apply, then a note says how many more there
 * were. A host tag whose name is missing is an error in strict mode and is
 * skipped (the callback is not called) in lenient mode. */
int bc_mustache_apply(const bc_mtpl *t, const bc_mapply *a, bc_buf *out);

/* Limits (errors, never a stack overflow). */
#define BC_MUSTACHE_MAX_NESTING 64   /* open sections in one template */
#define BC_MUSTACHE_MAX_DEPTH 100    /* partial/parent/block-override recursion
                                        at apply */
/* What one apply may write (error E005) and the operations it may run
 * (E006): a few nested sections over long lists would otherwise run for
 * minutes and fill the memory. A report renders in a few thousand steps
 * and a few hundred kilobytes. */
#define BC_MUSTACHE_MAX_OUTPUT (64 * 1024 * 1024)
#define BC_MUSTACHE_MAX_STEPS 20000000

#endif
