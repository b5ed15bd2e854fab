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


G_END_DECLS
