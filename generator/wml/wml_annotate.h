/*
 * wml_annotate.h - a copy of a template with a Word comment at each error
 * (`baocao template check --annotate OUT.docx`), so that the clerk fixes
 * the template in Word or LibreOffice where the comments point.
 *
 * A comment spans the paragraph of its error and says the error id, the
 * message and the fix hint. Word keeps comments in the main document
 * only, so an error in a header, footer or footnote (or in the package as
 * a whole) is commented on the first paragraph of the body, its place
 * written in the comment. The comments carry the author "baocao"; the
 * template compiler leaves them out of rendering, so the annotated copy
 * still works as a template.
 */
#ifndef BC_WML_ANNOTATE_H
#define BC_WML_ANNOTATE_H

#include "base/diag.h"
#include "package/package.h"
#include "wml/wml_template.h"

/* Writes the annotated copy of pkg into out (an empty package). Returns the
 * number of comments added. */
size_t bc_wml_annotate(const bc_package *pkg, const bc_tpl_mark *marks,
                       size_t nmarks, bc_package *out);

#endif
