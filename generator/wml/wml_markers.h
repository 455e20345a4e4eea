/*
 * wml_markers.h - the in-band markers of the .docx template engine: the
 * bytes and processing instructions that the scanner, the compiler and
 * the renderer put into text to say something of it to the next stage.
 * None of them survives into a document: data cannot hold them (the
 * loader refuses C0 controls, and a "<" of a value is always escaped),
 * and each stage that reads one removes it.
 *
 * | marker            | written by             | read by               | meaning                                                       |
 * |-------------------|------------------------|-----------------------|---------------------------------------------------------------|
 * | \x01              | wml_scan.c             | wml_scan, wml_structure | in a paragraph's text: a break, field, drawing, symbol...    |
 * | \x03              | wml_scan.c             | wml_scan, wml_structure | in a paragraph's text: a page break                          |
 * | \x04              | wml_scan.c             | wml_scan, wml_structure | in a paragraph's text: the edge of a simple field            |
 * | \x05              | wml_scan.c             | wml_scan.c            | in a paragraph's text: a soft hyphen (w:softHyphen)          |
 * | \x02              | wml_compile.c          | wml_compile.c         | in a block paragraph's saved XML: where its value goes        |
 * | {{@name N}}       | wml_compile.c          | wml_render.c          | a block tag: block N of the part, its value `name`            |
 * | \x0E ... \x0F     | wml_compile.c          | wml_passes.c          | a region: top-level elements the tree passes parse            |
 * | <?baocao-keep N?> | wml_compile.c          | wml_passes.c          | element N kept out of a region's parse, put back after it     |
 * | <?baocao-body N?> | wml_render.c           | wml_render.c          | block paragraphs N set aside from the tree passes             |
 */
#ifndef BC_WML_MARKERS_H
#define BC_WML_MARKERS_H

/* Marks in a scanned paragraph's text for what is not text. */
#define BC_MARK_BREAK '\x01'  /* a break, field, drawing, symbol... */
#define BC_MARK_PAGE '\x03'   /* a page break (w:br w:type="page") */
#define BC_MARK_EDGE '\x04'   /* the edge of a simple field (w:fldSimple) */
#define BC_MARK_SOFT_HYPHEN '\x05' /* a soft hyphen (w:softHyphen), which
                                     Word does not show */

/* Where a block paragraph's value goes in its saved XML. */
#define BC_MARK_HOLE '\x02'

/* The sigil of a block tag in the compiled source ("{{@name N}}"). */
#define BC_MARK_HOST_SIGIL '@'

/* Around each run of top-level elements the tree passes parse. */
#define BC_MARK_REGION_OPEN '\x0E'
#define BC_MARK_REGION_CLOSE '\x0F'

/* The processing instructions that stand for text kept out of a parse:
 * "<?baocao-keep N?>", "<?baocao-body N?>" (the prefix, N, then "?>"). */
#define BC_MARK_KEEP_PI "<?baocao-keep "
#define BC_MARK_ASIDE_PI "<?baocao-body "

#endif
