/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-group-list-model.h"

G_BEGIN_DECLS

#define VERK_TYPE_WORKSHOP_DIALOG (verk_workshop_dialog_get_type ())
G_DECLARE_FINAL_TYPE (VerkWorkshopDialog, verk_workshop_dialog, VERK, WORKSHOP_DIALOG, AdwWindow)

/* Asks for a new workshop's group, date, facilitator and participants (names
 * optional) and creates it with the content pack copied in. With
 * @previous_id set it creates a follow-up of that workshop instead (pieces and
 * participants copied, open actions carried along) and asks only for the date
 * and facilitator. The groups to choose from come from @groups (and the
 * workshop goes into its store). @group_id preselects a group (0: the first). Emits
 * ::created (gint64 workshop id) and closes. */
VerkWorkshopDialog *verk_workshop_dialog_new (GtkWindow          *parent,
                                              VerkGroupListModel *groups,
                                              gint64              group_id,
                                              gint64              previous_id);

G_END_DECLS
