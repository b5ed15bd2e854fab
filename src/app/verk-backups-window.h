/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-store.h"

G_BEGIN_DECLS

#define VERK_TYPE_BACKUPS_WINDOW (verk_backups_window_get_type ())
G_DECLARE_FINAL_TYPE (VerkBackupsWindow, verk_backups_window, VERK, BACKUPS_WINDOW, AdwWindow)

/* Lists the store's automatic backups and restores one after confirmation;
 * emits ::restored (char *day, the long date the window shows) afterwards. */
VerkBackupsWindow *verk_backups_window_new (GtkWindow *parent,
                                            VerkStore *store);

G_END_DECLS
