/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "verk-store.h"

G_BEGIN_DECLS

/* One backup as VerkBackupListModel lists it: the store's record and when
 * the copy was written. Immutable. */
#define VERK_TYPE_BACKUP_ENTRY (verk_backup_entry_get_type ())
G_DECLARE_FINAL_TYPE (VerkBackupEntry, verk_backup_entry, VERK, BACKUP_ENTRY, GObject)

/* Takes @backup; reads the file's modification time. */
VerkBackupEntry  *verk_backup_entry_new_take    (VerkBackup      *backup);
const VerkBackup *verk_backup_entry_get_backup  (VerkBackupEntry *self);
/* When the copy was written (local time), NULL when the file cannot be read:
 * one day can have several copies (each restore keeps one). */
GDateTime        *verk_backup_entry_get_written (VerkBackupEntry *self);
/* Whether two entries are the same copy, written at the same moment. */
gboolean          verk_backup_entry_equal       (VerkBackupEntry *a,
                                                 VerkBackupEntry *b);

G_END_DECLS
