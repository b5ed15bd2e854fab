/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "verk-store.h"

G_BEGIN_DECLS

/* Importing many workshop files (docs/STORAGE.md, "Workshop files"): the
 * window's import runs these in a worker thread with its own connection. */

/* After each file: @done of @total files looked at (imported or refused). */
typedef void (*VerkImportProgressFunc) (guint    done,
                                        guint    total,
                                        gpointer user_data);

GPtrArray *verk_store_list_import_files (const char              *path,
                                         GError                 **error);

gboolean   verk_store_import_files      (VerkStore               *self,
                                         const char * const      *files,
                                         guint                    n_files,
                                         GCancellable            *cancellable,
                                         VerkImportProgressFunc   progress,
                                         gpointer                 user_data,
                                         VerkImportReport        *report,
                                         GPtrArray               *refusals,
                                         GError                 **error);

void       verk_store_import_async      (VerkStore               *self,
                                         const char * const      *paths,
                                         GCancellable            *cancellable,
                                         VerkImportProgressFunc   progress,
                                         gpointer                 progress_data,
                                         GDestroyNotify           progress_destroy,
                                         GAsyncReadyCallback      callback,
                                         gpointer                 user_data);
gboolean   verk_store_import_finish     (VerkStore               *self,
                                         GAsyncResult            *result,
                                         VerkImportReport        *report,
                                         GPtrArray              **refusals,
                                         GError                 **error);

G_END_DECLS
