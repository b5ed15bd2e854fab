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

G_END_DECLS
