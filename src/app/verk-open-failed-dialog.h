/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VERK_TYPE_OPEN_FAILED_DIALOG (verk_open_failed_dialog_get_type ())
G_DECLARE_FINAL_TYPE (VerkOpenFailedDialog, verk_open_failed_dialog, VERK, OPEN_FAILED_DIALOG,
                      AdwMessageDialog)

/* Opens the database at @path and makes it the one shown; FALSE with
 * @error set when it is refused. */
typedef gboolean (*VerkOpenDatabaseFunc) (const char  *path,
                                          gpointer     user_data,
                                          GError     **error);

/* Explains why the database at @path could not be opened (@error from
 * verk_store_new) and offers to open another file, start a new database or
 * quit; what the user chooses is opened with @open. The refused file is
 * never touched. */
void verk_open_failed_dialog_present (GtkWindow            *parent,
                                      const char           *path,
                                      const GError         *error,
                                      VerkOpenDatabaseFunc  open,
                                      gpointer              open_data);

G_END_DECLS
