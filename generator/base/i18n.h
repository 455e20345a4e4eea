/*
 * i18n.h - message translation through gettext. Every user-facing message
 * in library code is written in English inside _() so that po/vi.po can
 * translate it; main.c binds the text domain.
 */
#ifndef BC_I18N_H
#define BC_I18N_H

#include <libintl.h>

#define BC_TEXTDOMAIN "baocao"
#define _(s) dgettext(BC_TEXTDOMAIN, s)
#define N_(s) (s)

#endif
