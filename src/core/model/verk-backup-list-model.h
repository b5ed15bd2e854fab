/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "verk-backup-entry.h"
#include "verk-store.h"

G_BEGIN_DECLS

/* VerkBackupListModel: the store's backups, newest first, as a GListModel of
 * VerkBackupEntry, so a view binds a list instead of asking the store. It
 * reads the list again on VerkStore::changed (a restore keeps one more copy,
 * and the day's first edit may write the day's backup) and on
 * verk_backup_list_model_refresh(); items-changed names only the run of
 * entries that differ. Use it from the store's thread. */
#define VERK_TYPE_BACKUP_LIST_MODEL (verk_backup_list_model_get_type ())
G_DECLARE_FINAL_TYPE (VerkBackupListModel, verk_backup_list_model, VERK, BACKUP_LIST_MODEL, GObject)

VerkBackupListModel *verk_backup_list_model_new       (VerkStore           *store);
VerkStore           *verk_backup_list_model_get_store (VerkBackupListModel *self);
/* Reads the list again; FALSE with @error set (and the model as it was) when
 * the folder cannot be read. */
gboolean             verk_backup_list_model_refresh   (VerkBackupListModel *self,
                                                       GError             **error);
/* The error of the last read that failed, NULL when the model is current. */
const GError        *verk_backup_list_model_get_error (VerkBackupListModel *self);

G_END_DECLS
