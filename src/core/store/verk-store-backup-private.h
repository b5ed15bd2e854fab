/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For tests only: what verk-store-backup.c (and verk-store.c, creating a
 * new database file) does when a step of writing fails, which a real disk
 * does too rarely to test. */

#include <glib.h>

G_BEGIN_DECLS

/* Makes the named step of every following backup fail until called again
 * with NULL: "create", "fchmod", "backup-finish", "close", "fsync", "link",
 * "fsync-folder"; of creating a new database file: "new-fchmod",
 * "new-fsync-folder". */
void     verk_store_backup_inject_fault (const char *step);
/* Whether @step is the one made to fail (for the store's own files). */
gboolean verk_store_fault_at            (const char *step);

G_END_DECLS
