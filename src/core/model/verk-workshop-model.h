/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "verk-puzzle-render.h"
#include "verk-record.h"
#include "verk-stats.h"
#include "verk-store.h"

G_BEGIN_DECLS

/* VerkWorkshopModel: the one read model of a workshop that every view, the
 * export and the room server read. It loads the workshop through the store
 * once, then follows VerkStore's change signals and re-reads only what an edit
 * changed; its GListModels (of VerkRecord) then emit items-changed for exactly
 * the rows whose values changed, and VerkWorkshopModel::changed once per edit.
 * Removed pieces and participants are in lists of their own. Use it from the store's thread
 * (a snapshot, which follows no store, from any thread once made).
 * A view reading the model listens to the model's signals, not the store's:
 * another handler of VerkStore::changed may run before the model took it in.
 *
 * Look-ups by id are hash look-ups. Pointers it returns belong to the model and
 * stay valid until it next changes (until the next ::changed); keep a
 * VerkRecord (a reference) to hold a row longer. */
#define VERK_TYPE_WORKSHOP_MODEL (verk_workshop_model_get_type ())
G_DECLARE_FINAL_TYPE (VerkWorkshopModel, verk_workshop_model, VERK, WORKSHOP_MODEL, GObject)

VerkWorkshopModel     *verk_workshop_model_new                 (VerkStore         *store);
/* @workshop_id read once, following nothing: for exports, whose writing may
 * run in another thread. NULL with @error set when it cannot be read. */
VerkWorkshopModel     *verk_workshop_model_new_snapshot        (VerkStore         *store,
                                                                gint64             workshop_id,
                                                                GError           **error);
VerkStore             *verk_workshop_model_get_store           (VerkWorkshopModel *self);
gint64                 verk_workshop_model_get_workshop_id     (VerkWorkshopModel *self);
/* Loads @workshop_id (0: empty). FALSE with @error set, and the model empty,
 * when the store cannot read it. */
gboolean               verk_workshop_model_set_workshop_id     (VerkWorkshopModel *self,
                                                                gint64             workshop_id,
                                                                GError           **error);
/* Reads everything again (after an error, or a restored backup). */
gboolean               verk_workshop_model_reload              (VerkWorkshopModel *self,
                                                                GError           **error);
/* The error of the last read that failed, NULL when the model is current. */
const GError          *verk_workshop_model_get_error           (VerkWorkshopModel *self);

/* NULL when no workshop is loaded. */
const VerkWorkshop    *verk_workshop_model_get_workshop        (VerkWorkshopModel *self);

/* Lists (transfer none) of VerkRecord:
 * pieces: VerkPiece, the puzzle's ("siq") items in position order;
 * expectations: VerkPiece, the platform's items;
 * participants: VerkParticipant by position; scores: VerkScore, every
 * participant's score, grouped by item in the items' order; priorities:
 * VerkPriority in rank order; actions: VerkAction; reflections: VerkReflection. */
GListModel            *verk_workshop_model_get_piece_list       (VerkWorkshopModel *self);
GListModel            *verk_workshop_model_get_expectation_list (VerkWorkshopModel *self);
/* scale: VerkPiece, the workshop's own names of the levels 1..5 */
GListModel            *verk_workshop_model_get_scale_list       (VerkWorkshopModel *self);
GListModel            *verk_workshop_model_get_participant_list (VerkWorkshopModel *self);
GListModel            *verk_workshop_model_get_score_list       (VerkWorkshopModel *self);
GListModel            *verk_workshop_model_get_priority_list    (VerkWorkshopModel *self);
GListModel            *verk_workshop_model_get_action_list      (VerkWorkshopModel *self);
GListModel            *verk_workshop_model_get_reflection_list  (VerkWorkshopModel *self);

/* The priority list's item ids, rank 1 first.
 * Returns: (transfer full) (element-type gint64) */
GArray                *verk_workshop_model_get_priority_ids    (VerkWorkshopModel *self);

/* The pieces' items (VerkItem, borrowed) in position order, as verk-stats.h
 * takes them. Returns: (transfer container) */
GPtrArray             *verk_workshop_model_dup_piece_items     (VerkWorkshopModel *self);
guint                  verk_workshop_model_get_n_pieces        (VerkWorkshopModel *self);
const VerkPiece       *verk_workshop_model_get_piece           (VerkWorkshopModel *self,
                                                                guint              position);

/* Look-ups, O(1). */
const VerkPiece       *verk_workshop_model_find_piece          (VerkWorkshopModel *self,
                                                                gint64             item_id);
const VerkItem        *verk_workshop_model_find_item           (VerkWorkshopModel *self,
                                                                gint64             item_id);
/* The position of a puzzle piece in the pieces list. */
gboolean               verk_workshop_model_find_piece_position (VerkWorkshopModel *self,
                                                                gint64             item_id,
                                                                guint             *position);
const VerkParticipant *verk_workshop_model_find_participant    (VerkWorkshopModel *self,
                                                                gint64             participant_id);
/* A participant's score of an item (its comment in it), NULL when unset. */
const VerkScore       *verk_workshop_model_find_score          (VerkWorkshopModel *self,
                                                                gint64             item_id,
                                                                gint64             participant_id);
/* A participant's score of an item: 1..5, 0 when unset. */
int                    verk_workshop_model_get_score           (VerkWorkshopModel *self,
                                                                gint64             item_id,
                                                                gint64             participant_id);
/* The comment on that score (round 1's; a second round's comment is on its
 * own score, verk_workshop_model_find_second_round_score()), NULL when there
 * is none. */
const char            *verk_workshop_model_get_comment         (VerkWorkshopModel *self,
                                                                gint64             item_id,
                                                                gint64             participant_id);
/* The item's priority rank, 0 when it is not prioritised. */
int                    verk_workshop_model_get_rank            (VerkWorkshopModel *self,
                                                                gint64             item_id);
const VerkAction      *verk_workshop_model_find_action         (VerkWorkshopModel *self,
                                                                gint64             action_id);
const VerkReflection  *verk_workshop_model_find_reflection     (VerkWorkshopModel *self,
                                                                const char        *part);
/* The second private round (docs/ROOM.md): the list (transfer none) of its
 * scores (VerkRecord of VerkScore), grouped by piece in the pieces' order
 * then by participant; whether a piece's round was started (also
 * VerkPiece.second_round); a participant's score in it, NULL when none. */
GListModel            *verk_workshop_model_get_second_round_list (VerkWorkshopModel *self);
gboolean               verk_workshop_model_has_second_round    (VerkWorkshopModel *self,
                                                                gint64             item_id);
const VerkScore       *verk_workshop_model_find_second_round_score (VerkWorkshopModel *self,
                                                                    gint64             item_id,
                                                                    gint64             participant_id);
/* The statistics of an item's participant scores; NULL for an unknown item. */
const VerkItemStats   *verk_workshop_model_get_item_stats      (VerkWorkshopModel *self,
                                                                gint64             item_id);

/* verk-stats.h over the model's pieces and scores.
 * Returns: (transfer full) (element-type gint64): item ids */
GArray                *verk_workshop_model_get_priority_order  (VerkWorkshopModel *self);
GArray                *verk_workshop_model_get_disagreements   (VerkWorkshopModel *self,
                                                                int                threshold);

/* The removed puzzle pieces (VerkItem records) and participants
 * (VerkParticipant records) that can be restored, most recently removed
 * first. The model reads and follows them only from the first call on. */
GListModel            *verk_workshop_model_get_removed_piece_list       (VerkWorkshopModel *self);
GListModel            *verk_workshop_model_get_removed_participant_list (VerkWorkshopModel *self);

/* The model of the workshop this one is compared with (the one it follows
 * up, else the group's latest before it; see
 * verk_store_get_previous_workshop_id()), created when first asked for and
 * moved along when that changes (workshop id 0: none). (transfer none) */
VerkWorkshopModel     *verk_workshop_model_get_previous        (VerkWorkshopModel *self);

/* The puzzle's items (VerkItem) of each of the group's workshops up to this
 * one by date, oldest first: an array of arrays, read on every call.
 * Returns: (transfer full): NULL with @error set when the store cannot read. */
GPtrArray             *verk_workshop_model_list_history        (VerkWorkshopModel *self,
                                                                GError           **error);

/* The puzzle every drawing shows: one VerkPuzzlePiece per piece, in position
 * order, with its name, agreed score and priority rank (state and pulse 0, for
 * the view to set). The names belong to the model (see above).
 * Returns: (transfer full) (array length=n_pieces): g_free() it; NULL when
 * there are no pieces. */
VerkPuzzlePiece       *verk_workshop_model_get_pieces          (VerkWorkshopModel *self,
                                                                guint             *n_pieces);

G_END_DECLS
