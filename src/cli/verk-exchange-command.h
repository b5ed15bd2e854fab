/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `verkstad --export-workshops OUT.verkstad (--group ID | --workshop ID)
 * [--aggregates-only] [--db PATH]`: writes a workshop file, reading the
 * database without writing to it. Returns the process exit code; on failure
 * a translated message has gone to stderr and no file is left behind. */
int verk_exchange_command_export (GVariantDict *options,
                                  const char   *db_path);

/* `verkstad --import PATH [--db PATH]`: imports a workshop file or every
 * .verkstad file in a folder (docs/STORAGE.md, "Workshop files"). Exit 0
 * when every file was imported, 1 when one was refused (the others are
 * imported) or the database could not be used. */
int verk_exchange_command_import (GVariantDict *options,
                                  const char   *db_path);

G_END_DECLS
