/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `verkstad --render-puzzle OUT [--workshop ID] [--size WxH] [--lang sv|en]
 * [--db PATH]`: draws the puzzle to a PNG, SVG or PDF file without a display.
 * @db_path NULL means the default database. Returns the process exit code;
 * on failure a translated message has gone to stderr. */
int verk_render_command_run (GVariantDict *options,
                             const char   *db_path);

/* Applies `--lang sv|en` from the command line to the messages (gettext) and
 * the content; call it in main() right after setlocale(). */
/* Switches the messages to @lang ("sv", "en"); safe to call again. */
void verk_command_line_set_language   (const char *lang);
void verk_command_line_apply_language (int    argc,
                                       char **argv);
/* The absolute path of a file named on the command line (a name or URI). */
char *verk_command_line_get_path       (const char *arg);

G_END_DECLS
