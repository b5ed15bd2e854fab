/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Checks text a user typed before it is stored or exported: valid UTF-8, no NUL
 * (a @len of -1 means NUL-terminated, so only an explicit length can hold one),
 * at most @max_chars characters. The error message is translated and names
 * @what ("the name") and the limit. Domain: G_CONVERT_ERROR. */
gboolean  verk_text_validate       (const char  *text,
                                    gssize       len,
                                    guint        max_chars,
                                    const char  *what,
                                    GError     **error);
/* The length as Excel counts it: UTF-16 code units (an emoji counts two). */
gsize     verk_text_utf16_length   (const char  *text);
/* A copy cut to at most @max_units UTF-16 units including @marker, never
 * splitting a character; @text itself when it already fits. */
char     *verk_text_truncate_utf16 (const char  *text,
                                    gsize        max_units,
                                    const char  *marker);

G_END_DECLS
