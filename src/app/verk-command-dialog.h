/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "verk-store.h"

G_BEGIN_DECLS

/* The commands that save this workshop's handout and workbook without the
 * window (README.md, "The command line"), for whoever keeps the records:
 * the window never shows an id otherwise. */
char *verk_command_dialog_get_commands (VerkStore          *store,
                                        const VerkWorkshop *workshop);

/* Shows them in a dialog, selectable, with a Copy button. */
void  verk_command_dialog_show         (GtkWindow          *parent,
                                        VerkStore          *store,
                                        const VerkWorkshop *workshop);

G_END_DECLS
