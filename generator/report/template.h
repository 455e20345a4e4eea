/*
 * template.h - the report's templates: the built-in Decree 30 template
 * (templates/bao-cao/, compiled into the binary) or a clerk's .docx/.dotx,
 * compiled by the template engine (wml/) with the report as its host:
 * the body written as styled paragraphs (body_wml.h), the styles the
 * report needs copied into a template that lacks them, the Decree 30
 * layout pass (layout.h) run on every rendered main document.
 */
#ifndef BC_TEMPLATE_H
#define BC_TEMPLATE_H

#include "base/buf.h"
#include "base/diag.h"
#include "package/package.h"
#include "wml/wml_host.h"
#include "wml/wml_template.h"

#define BC_BUILTIN_TEMPLATE "bao-cao"

/* The report as the template engine's host. */
extern const bc_wml_host bc_template_host;

/* Loads and compiles a template: a .docx/.dotx path, or the built-in one
 * when path is NULL. Returns NULL after diagnostics. */
bc_wml_template *bc_template_load(const char *path, bc_diags *d);
/* Compiles a template package read by the caller (`template check`),
 * filling info when it is not NULL (wml_template.h). */
bc_wml_template *bc_template_compile(const bc_package *pkg, const char *name,
                                     bc_diags *d, bc_tpl_info *info);
/* Writes the built-in template package as .docx bytes into out; `name`
 * NULL or BC_BUILTIN_TEMPLATE. Returns 0, or -1 with a diagnostic. */
int bc_template_export(const char *name, bc_buf *out, bc_diags *d);

#endif
