/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `verkstad --export-pdf OUT.pdf --workshop ID [--lang sv|en] [--db PATH]`:
 * writes a workshop's handout without a display. @db_path NULL means the
 * default database. Returns the process exit code; on failure a translated
 * message has gone to stderr and no file is left behind. */
int verk_handout_command_run (GVariantDict *options,
                              const char   *db_path);

G_END_DECLS
