/*
 * nss_api.c - NSS and NSPR loaded when `baocao ky` needs them (nss_api.h):
 * the five libraries opened once, every function the pdf layer calls and
 * the two exported templates found by name.
 */
#define BC_NSS_API_IMPL
#include "pdf/nss_api.h"

#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

#include "base/i18n.h"

bc_nss_api_table bc_nss_api_fn;

static int S_loaded;

/* NSS's libraries by their sonames, in the order they are searched. */
static const char *const S_libraries[] = {"libnss3.so", "libsmime3.so", "libnssutil3.so",
                                          "libplc4.so", "libnspr4.so"};
#define S_N_LIBRARIES (sizeof S_libraries / sizeof S_libraries[0])

typedef struct {
    const char *name;
    size_t offset;
} S_symbol;

#define S_SYMBOL(name) {#name, offsetof(bc_nss_api_table, name)},
static const S_symbol S_symbols[] = {
    BC_NSS_API_FUNCTIONS(S_SYMBOL)
    {"SEC_AnyTemplate", offsetof(bc_nss_api_table, SEC_AnyTemplate_)},
    {"SECOID_AlgorithmIDTemplate", offsetof(bc_nss_api_table, SECOID_AlgorithmIDTemplate_)},
};

int bc_nss_api_loaded(void)
{
    return S_loaded;
}

int bc_nss_api_load(bc_diags *d)
{
    if (S_loaded)
        return 0;
    /* the handles stay open for the process: NSS cannot be unloaded */
    static void *handles[S_N_LIBRARIES];
    for (size_t i = 0; i < S_N_LIBRARIES; i++) {
        if (!handles[i])
            handles[i] = dlopen(S_libraries[i], RTLD_NOW | RTLD_GLOBAL);
        if (!handles[i]) {
            bc_diag *g = bc_diag_add(d, BC_ERROR, NULL, 0, 0,
                                     _("cannot load %s, which signing needs: %s"),
                                     S_libraries[i], dlerror());
            bc_diag_set_hint(g, _("install the Debian package libnss3"));
            return -1;
        }
    }
    bc_nss_api_table t;
    memset(&t, 0, sizeof t);
    for (size_t k = 0; k < sizeof S_symbols / sizeof S_symbols[0]; k++) {
        void *p = NULL;
        for (size_t i = 0; i < S_N_LIBRARIES && !p; i++)
            p = dlsym(handles[i], S_symbols[k].name);
        if (!p) {
            bc_diag *g = bc_diag_add(d, BC_ERROR, NULL, 0, 0,
                                     _("the NSS library found has no %s (too old?)"),
                                     S_symbols[k].name);
            bc_diag_set_hint(g, _("install the Debian package libnss3"));
            return -1;
        }
        /* a data or function address, stored as the field's pointer */
        memcpy((char *)&t + S_symbols[k].offset, &p, sizeof p);
    }
    bc_nss_api_fn = t;
    S_loaded = 1;
    return 0;
}
