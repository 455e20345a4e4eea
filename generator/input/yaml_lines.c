/*
 * yaml_lines.c - the indentation of the lines of a YAML input, recorded
 * as its bytes are read (see yaml_int.h). A line is looked at up to its
 * first byte that is not a space; memchr finds the next line, so the cost
 * is a few bytes a line whatever its length.
 */
#include "input/yaml_int.h"
#include "base/grow.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static void S_record(bc_yaml_lines *t, int indent)
{
    BC_GROW(t->indent, t->cap, t->count + 1);
    t->indent[t->count++] = indent;
    t->decided = true;
}

void bc_yaml_lines_feed(bc_yaml_lines *t, const char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (!t->decided) {
            while (i < n && p[i] == ' ') {
                t->spaces++;
                i++;
            }
            if (i == n)
                break; /* the line goes on in the next bytes */
            /* only spaces before the line end (or a carriage return):
             * blank; else the spaces are its indent */
            if (p[i] == '\n' || p[i] == '\r')
                S_record(t, -1);
            else
                S_record(t, t->spaces > INT_MAX ? INT_MAX : (int)t->spaces);
        }
        const char *nl = memchr(p + i, '\n', n - i);
        if (!nl)
            break;
        i = (size_t)(nl - p) + 1;
        t->decided = false;
        t->spaces = 0;
    }
}

int bc_yaml_lines_block_indent(const bc_yaml_lines *t, size_t line)
{
    size_t k = line + 1 > t->first ? line + 1 - t->first : 0;
    for (; k < t->count; k++)
        if (t->indent[k] >= 0)
            return t->indent[k];
    return 0;
}

void bc_yaml_lines_forget(bc_yaml_lines *t, size_t line)
{
    if (line <= t->first)
        return;
    size_t drop = line - t->first;
    if (drop > t->count)
        drop = t->count;
    memmove(t->indent, t->indent + drop, (t->count - drop) * sizeof *t->indent);
    t->count -= drop;
    t->first += drop;
}

void bc_yaml_lines_free(bc_yaml_lines *t)
{
    free(t->indent);
    memset(t, 0, sizeof *t);
}
