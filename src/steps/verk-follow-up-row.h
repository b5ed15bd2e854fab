/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "verk-store.h"

G_BEGIN_DECLS

/* One action from the previous workshop, as the group follows it up: its text,
 * who and by when, its status and a follow-up note, both saved at once. An
 * action that was finished before this workshop (not carried over) is shown
 * but not edited: it belongs to the earlier workshop. */
#define VERK_TYPE_FOLLOW_UP_ROW (verk_follow_up_row_get_type ())
G_DECLARE_FINAL_TYPE (VerkFollowUpRow, verk_follow_up_row, VERK, FOLLOW_UP_ROW, GtkListBoxRow)

/* @previous: the action as it was in the previous workshop; @carried: its copy in
 * this workshop (edited here), or NULL when it was not carried over. */
GtkWidget *verk_follow_up_row_new     (VerkStore        *store,
                                       const VerkAction *previous,
                                       const VerkAction *carried);
gint64     verk_follow_up_row_get_previous_id (VerkFollowUpRow *self);
/* Shows the stored state, leaving the note alone while it is being edited. */
void       verk_follow_up_row_update  (VerkFollowUpRow  *self,
                                       const VerkAction *previous,
                                       const VerkAction *carried);
void       verk_follow_up_row_flush   (VerkFollowUpRow  *self);
void       verk_follow_up_row_set_meeting_date (VerkFollowUpRow *self,
                                                const char      *date);
gboolean   verk_follow_up_row_get_overdue      (VerkFollowUpRow *self);

G_END_DECLS
