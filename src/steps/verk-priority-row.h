/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One area in the Prioritise list: its rank, whether the group works on it,
 * why it stands where the suggestion put it, and buttons to move it. Drag it,
 * or press Alt+Up/Alt+Down, to change the order. */
#define VERK_TYPE_PRIORITY_ROW (verk_priority_row_get_type ())
G_DECLARE_FINAL_TYPE (VerkPriorityRow, verk_priority_row, VERK, PRIORITY_ROW, GtkListBoxRow)

GtkWidget *verk_priority_row_new         (gint64           item_id,
                                          const char      *name);
gint64     verk_priority_row_get_item_id (VerkPriorityRow *self);
void       verk_priority_row_set_name    (VerkPriorityRow *self,
                                          const char      *name);
/* @rank: 1.. when marked, else 0. */
void       verk_priority_row_set_state   (VerkPriorityRow *self,
                                          gboolean         marked,
                                          int              rank,
                                          const char      *reason,
                                          const char      *facts);
void       verk_priority_row_set_movable (VerkPriorityRow *self,
                                          gboolean         up,
                                          gboolean         down);

G_END_DECLS
