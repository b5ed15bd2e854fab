/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-store.h"

G_BEGIN_DECLS

#define VERK_TYPE_GROUP_DIALOG (verk_group_dialog_get_type ())
G_DECLARE_FINAL_TYPE (VerkGroupDialog, verk_group_dialog, VERK, GROUP_DIALOG, AdwWindow)

/* Asks for a new management group's name and unit and adds it to @store;
 * emits ::created (gint64 group id) and closes. */
VerkGroupDialog *verk_group_dialog_new (GtkWindow *parent,
                                        VerkStore *store);
/* The same dialog for an existing group (Save instead of Create); emits
 * ::created with @group_id once saved. */
VerkGroupDialog *verk_group_dialog_new_edit (GtkWindow  *parent,
                                             VerkStore  *store,
                                             gint64      group_id,
                                             GError    **error);

G_END_DECLS
