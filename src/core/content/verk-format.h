/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates and numbers as the window shows them, in the UI's language.
 *
 * The UI language is gettext's (LANGUAGE=sv works under a C.UTF-8 locale,
 * where the C library's month names and decimal mark stay English), so the
 * month names, the order of a long date and the decimal mark come from our
 * own translations, not from the C locale: a Swedish window says
 * "2 december 2026" and "1,5" whatever LC_TIME and LC_NUMERIC say. The
 * workbook keeps ISO dates and real numbers; these are for people to read. */

/* "2026-12-02" → "2 December 2026" ("2 december 2026" in Swedish). A text
 * that is not an ISO date comes back unchanged; NULL gives NULL. */
char        *verk_format_date_long          (const char *iso_date);
/* The same for a GDate. */
char        *verk_format_gdate_long         (const GDate *date);
/* The UI language's decimal mark: "." in English, "," in Swedish. */
const char  *verk_format_decimal_separator  (void);
/* @value with @decimals digits after the UI language's decimal mark
 * (1.5, 1 → "1,5" in Swedish). A negative @decimals means "as few as
 * needed, at most two": 1.0 → "1", 1.5 → "1,5", 2.75 → "2,75". */
char        *verk_format_decimal            (double      value,
                                             int         decimals);

G_END_DECLS
