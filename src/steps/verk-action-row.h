/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "verk-store.h"

G_BEGIN_DECLS

/* One action of the plan: what, who, by when, status. Every edit is saved at
 * once (text after a short pause, the date on Enter or when leaving it); bad
 * input gets an inline message and stays in the field, so nothing typed is
 * lost. A date in the past asks before it is kept. A draft (no id yet) is
 * added to the store as soon as it has a text. */
#define VERK_TYPE_ACTION_ROW (verk_action_row_get_type ())
G_DECLARE_FINAL_TYPE (VerkActionRow, verk_action_row, VERK, ACTION_ROW, GtkListBoxRow)

/* @action: the stored action, or a draft with id 0 and its workshop and item set. */
GtkWidget        *verk_action_row_new        (VerkStore        *store,
                                              const VerkAction *action);
/* The action as last saved (id 0 for a draft not yet saved). */
const VerkAction *verk_action_row_get_action (VerkActionRow    *self);
/* Shows the stored @action, leaving alone any field the user is editing. */
void              verk_action_row_set_action (VerkActionRow    *self,
                                              const VerkAction *action);
/* TRUE while a draft is being stored: the action the store announces then is this row's. */
gboolean          verk_action_row_is_adding  (VerkActionRow    *self);
/* Saves whatever is pending now (before the row goes away). */
void              verk_action_row_flush      (VerkActionRow    *self);
void              verk_action_row_focus_what (VerkActionRow    *self);
/* Parses "YYYY-MM-DD" strictly into a valid date. */
gboolean          verk_action_row_parse_date (const char       *text,
                                              GDate            *date);

G_END_DECLS
