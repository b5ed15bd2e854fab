/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-group-list-model.h"
#include "verk-xlsx-export.h"

G_BEGIN_DECLS

/* File → Export workbook…: asks where to save (GtkFileChooserNative), reads
 * the data on the calling thread, writes the workbook in a worker thread so
 * the window never freezes, and remembers the folder for next time.
 * @id is the workshop or group id (ignored for VERK_EXPORT_ALL); @groups
 * names the file and gives the store to read. The folder
 * is kept in @settings, the application's (NULL: not remembered). */
void   verk_export_dialog_run_async  (GtkWindow           *parent,
                                      GSettings           *settings,
                                      VerkGroupListModel  *groups,
                                      VerkExportScope      scope,
                                      gint64               id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);

/* Returns: (transfer full) (nullable): the path written; NULL with @error
 * set when the export failed, NULL without an error when the user cancelled. */
char  *verk_export_dialog_run_finish (GAsyncResult        *result,
                                      GError             **error);

/* The sentence to show when the export finished: "Saved the workbook …" or
 * the error's message; NULL when the user cancelled. Frees nothing. */
char  *verk_export_dialog_result_message (const char      *path,
                                          const GError    *error);

/* That sentence in a toast for @window, with Open and Show Folder after a
 * save; NULL when the user cancelled. */
AdwToast *verk_export_dialog_result_toast (GtkWindow       *window,
                                           const char      *path,
                                           const GError    *error);

G_END_DECLS
