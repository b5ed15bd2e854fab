/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "verk-store.h"

G_BEGIN_DECLS

/* One group as VerkGroupListModel lists it: the group and its workshops,
 * newest first. An entry never changes: when the group or one of its
 * workshops changes, the model puts a new entry in its place, so a view may
 * keep an entry as a snapshot. */
#define VERK_TYPE_GROUP_ENTRY (verk_group_entry_get_type ())
G_DECLARE_FINAL_TYPE (VerkGroupEntry, verk_group_entry, VERK, GROUP_ENTRY, GObject)

/* Takes @group and @workshops (VerkWorkshopSummary of that group, newest first). */
VerkGroupEntry            *verk_group_entry_new_take       (VerkGroup      *group,
                                                            GPtrArray      *workshops);
const VerkGroup           *verk_group_entry_get_group      (VerkGroupEntry *self);
gint64                     verk_group_entry_get_id         (VerkGroupEntry *self);
guint                      verk_group_entry_get_n_workshops (VerkGroupEntry *self);
const VerkWorkshopSummary *verk_group_entry_get_workshop   (VerkGroupEntry *self,
                                                            guint           position);
/* The date of its newest workshop, NULL when it has none. */
const char                *verk_group_entry_get_newest_date (VerkGroupEntry *self);
/* Its workshops as a GListModel of VerkRecord (VerkWorkshopSummary), made
 * the first time it is asked for. (transfer none) */
GListModel                *verk_group_entry_get_workshops  (VerkGroupEntry *self);
/* Whether two entries show the same group with the same workshops. */
gboolean                   verk_group_entry_equal          (VerkGroupEntry *a,
                                                            VerkGroupEntry *b);

G_END_DECLS
