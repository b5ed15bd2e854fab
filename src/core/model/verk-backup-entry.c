/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-backup-entry"

#include "config.h"

#include <glib/gstdio.h>

#include "verk-backup-entry.h"

struct _VerkBackupEntry
{
  GObject     parent_instance;

  /* owned */
  VerkBackup *backup;
  GDateTime  *written;     /* NULL when the file could not be read */
};

G_DEFINE_FINAL_TYPE (VerkBackupEntry, verk_backup_entry, G_TYPE_OBJECT)

static void
verk_backup_entry_finalize (GObject *object)
{
  VerkBackupEntry *self = VERK_BACKUP_ENTRY (object);

  g_clear_pointer (&self->backup, verk_backup_free);
  g_clear_pointer (&self->written, g_date_time_unref);

  G_OBJECT_CLASS (verk_backup_entry_parent_class)->finalize (object);
}

static void
verk_backup_entry_class_init (VerkBackupEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = verk_backup_entry_finalize;
}

static void
verk_backup_entry_init (VerkBackupEntry *self)
{
}

/**
 * verk_backup_entry_new_take:
 * @backup: (transfer full): a backup the store listed
 *
 * Returns: (transfer full): a new entry.
 */
VerkBackupEntry *
verk_backup_entry_new_take (VerkBackup *backup)
{
  VerkBackupEntry *self;
  GStatBuf st;

  g_return_val_if_fail (backup != NULL && backup->path != NULL, NULL);

  self = g_object_new (VERK_TYPE_BACKUP_ENTRY, NULL);
  self->backup = backup;
  if (g_stat (backup->path, &st) == 0)
    self->written = g_date_time_new_from_unix_local (st.st_mtime);
  return self;
}

/** verk_backup_entry_get_backup: Returns: (transfer none): the store's record. */
const VerkBackup *
verk_backup_entry_get_backup (VerkBackupEntry *self)
{
  g_return_val_if_fail (VERK_IS_BACKUP_ENTRY (self), NULL);
  return self->backup;
}

/** verk_backup_entry_get_written: Returns: (transfer none) (nullable): when it was written. */
GDateTime *
verk_backup_entry_get_written (VerkBackupEntry *self)
{
  g_return_val_if_fail (VERK_IS_BACKUP_ENTRY (self), NULL);
  return self->written;
}

gboolean
verk_backup_entry_equal (VerkBackupEntry *a,
                         VerkBackupEntry *b)
{
  g_return_val_if_fail (VERK_IS_BACKUP_ENTRY (a) && VERK_IS_BACKUP_ENTRY (b), FALSE);

  if (g_strcmp0 (a->backup->path, b->backup->path) != 0
      || g_strcmp0 (a->backup->day, b->backup->day) != 0
      || g_strcmp0 (a->backup->reason, b->backup->reason) != 0)
    return FALSE;
  if (a->written == NULL || b->written == NULL)
    return a->written == b->written;
  return g_date_time_equal (a->written, b->written);
}
