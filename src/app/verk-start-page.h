/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-group-list-model.h"

G_BEGIN_DECLS

#define VERK_TYPE_START_PAGE (verk_start_page_get_type ())
G_DECLARE_FINAL_TYPE (VerkStartPage, verk_start_page, VERK, START_PAGE, GtkWidget)

/* The groups and their workshops (a VerkGroupListModel), newest first, with
 * search; sections are built only for the groups scrolled into view. Rows activate
 * win.open-workshop, win.new-workshop-in-group and win.new-followup; deleting
 * moves to the store's trash with Undo in a toast. */
void verk_start_page_set_model    (VerkStartPage      *self,
                                   VerkGroupListModel *model);
void verk_start_page_focus_search (VerkStartPage      *self);

G_END_DECLS
