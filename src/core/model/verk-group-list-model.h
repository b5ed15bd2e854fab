/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "verk-group-entry.h"
#include "verk-store.h"

G_BEGIN_DECLS

/* VerkGroupListModel: the groups not in the trash with their workshops, as a
 * GListModel of VerkGroupEntry: groups with no workshop yet first (newest
 * first), then by their newest workshop, newest first, so the group being
 * worked with is at the top. Loaded with two queries, however many rows.
 * It follows VerkStore::changed: a change to one workshop (its fields, its
 * participants) reads that workshop again, a change to the groups or the
 * list of workshops reads the lists again; either way items-changed names
 * only the groups whose entries changed (a group that moves is removed and
 * inserted), then ::changed is emitted once. Use it from the store's thread.
 * The start page, the window, the New Workshop dialog and the export dialog
 * read it, not the store. */
#define VERK_TYPE_GROUP_LIST_MODEL (verk_group_list_model_get_type ())
G_DECLARE_FINAL_TYPE (VerkGroupListModel, verk_group_list_model, VERK, GROUP_LIST_MODEL, GObject)

VerkGroupListModel        *verk_group_list_model_new           (VerkStore          *store);
VerkStore                 *verk_group_list_model_get_store     (VerkGroupListModel *self);
/* Reads everything again. */
gboolean                   verk_group_list_model_reload        (VerkGroupListModel *self,
                                                                GError            **error);
/* The error of the last read that failed, NULL when the model is current. */
const GError              *verk_group_list_model_get_error     (VerkGroupListModel *self);
/* Look-ups, O(1); (transfer none), valid until the model next changes. */
VerkGroupEntry            *verk_group_list_model_find_group    (VerkGroupListModel *self,
                                                                gint64              group_id);
const VerkWorkshopSummary *verk_group_list_model_find_workshop (VerkGroupListModel *self,
                                                                gint64              workshop_id);

G_END_DECLS
