/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "verk-group-list-model.h"

G_BEGIN_DECLS

#define VERK_TYPE_WORKSHOP_EDITOR (verk_workshop_editor_get_type ())
G_DECLARE_FINAL_TYPE (VerkWorkshopEditor, verk_workshop_editor, VERK, WORKSHOP_EDITOR, AdwPreferencesWindow)

/* "Workshop Details": everything about a workshop that can be corrected after
 * it was created — its group's name and unit, date, facilitator, participants
 * (add, rename, reorder, remove) and the puzzle's pieces (add, rename,
 * describe, remove), with what was removed listed for restoring. Every change
 * is written when the field is applied (Enter or its ✓ button, and on
 * closing), never lost when it is refused. */
VerkWorkshopEditor *verk_workshop_editor_new (GtkWindow          *parent,
                                              VerkGroupListModel *groups,
                                              gint64              workshop_id,
                                              GError            **error);

G_END_DECLS
