/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `verkstad --export-xlsx OUT.xlsx (--workshop ID | --group ID | --all)
 * [--lang sv|en] [--db PATH]`: writes a workbook without a display.
 * @db_path NULL means the default database. Returns the process exit code;
 * on failure a translated message has gone to stderr. */
int verk_export_command_run (GVariantDict *options,
                             const char   *db_path);

G_END_DECLS
