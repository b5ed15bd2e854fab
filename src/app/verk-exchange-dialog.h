/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-store.h"

G_BEGIN_DECLS

/* Import Workshops… and Import a Folder of Workshops…: asks for .verkstad
 * files (or a folder of them) with a GtkFileChooserNative, imports them into
 * @store and tells the result: a toast on a VerkWindow, or a dialog naming
 * each refused file (damaged, not a workshop file, from a newer Verkstad). */
void   verk_exchange_dialog_import        (GtkWindow          *parent,
                                           VerkStore          *store,
                                           gboolean            folder);

/* Imports @files (paths of files or folders) into @store and shows the
 * result on @parent as the dialog above does: what the file chooser calls. */
void   verk_exchange_dialog_import_files  (GtkWindow          *parent,
                                           VerkStore          *store,
                                           const char * const *paths);

/* "3 workshops added, 1 updated, 2 unchanged" (translated). */
char  *verk_exchange_import_summary       (const VerkImportReport *report);

/* Export Group as Workshop File…: a dialog to choose the group (@group_id
 * chosen first, when not 0) and whether names travel (With Names… or
 * Aggregates Only…), then where to save it. */
void   verk_exchange_dialog_export_group  (GtkWindow          *parent,
                                           VerkStore          *store,
                                           gint64              group_id);

G_END_DECLS
