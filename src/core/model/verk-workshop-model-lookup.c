/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-workshop-model"

#include "config.h"

#include <string.h>

#include "verk-workshop-model-private.h"

/* Reading the model: its lists, the look-ups by id, the statistics and the
 * puzzle's pieces. Nothing here reads the store. */

/** verk_workshop_model_get_piece_list: Returns: (transfer none): the puzzle's pieces. */
GListModel *
verk_workshop_model_get_piece_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return G_LIST_MODEL (self->items[LIST_PIECES]);
}

/** verk_workshop_model_get_expectation_list: Returns: (transfer none): the platform's items. */
GListModel *
verk_workshop_model_get_expectation_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return G_LIST_MODEL (self->items[LIST_EXPECTATIONS]);
}

/** verk_workshop_model_get_scale_list: Returns: (transfer none): the scale's five levels (VerkPiece). */
GListModel *
verk_workshop_model_get_scale_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return G_LIST_MODEL (self->items[LIST_SCALE]);
}

/** verk_workshop_model_get_participant_list: Returns: (transfer none): the participants. */
GListModel *
verk_workshop_model_get_participant_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return G_LIST_MODEL (self->participants);
}

/** verk_workshop_model_get_score_list: Returns: (transfer none): every participant's score. */
GListModel *
verk_workshop_model_get_score_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return G_LIST_MODEL (self->scores);
}

/** verk_workshop_model_get_priority_list: Returns: (transfer none): the priorities. */
GListModel *
verk_workshop_model_get_priority_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return G_LIST_MODEL (self->priorities);
}

/** verk_workshop_model_get_action_list: Returns: (transfer none): the actions. */
GListModel *
verk_workshop_model_get_action_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return G_LIST_MODEL (self->actions);
}

/** verk_workshop_model_get_reflection_list: Returns: (transfer none): the reflections. */
GListModel *
verk_workshop_model_get_reflection_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return G_LIST_MODEL (self->reflections);
}

/**
 * verk_workshop_model_get_priority_ids:
 *
 * Returns: (transfer full) (element-type gint64): the prioritised items, rank 1 first.
 */
GArray *
verk_workshop_model_get_priority_ids (VerkWorkshopModel *self)
{
  guint n;
  GArray *ids;

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->priorities));
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (guint i = 0; i < n; i++)
    g_array_append_val (ids, verk_record_get_priority (model_record_at (self->priorities, i))->item_id);
  return ids;
}

/**
 * verk_workshop_model_dup_piece_items:
 *
 * The pieces' items in position order, for the functions of verk-stats.h
 * that take an array of VerkItem.
 *
 * Returns: (transfer container) (element-type VerkItem): the items belong to
 *   the model (see the header).
 */
GPtrArray *
verk_workshop_model_dup_piece_items (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return g_ptr_array_copy (self->stats_items, NULL, NULL);
}

/** verk_workshop_model_get_n_pieces: Returns: how many puzzle pieces. */
guint
verk_workshop_model_get_n_pieces (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->items[LIST_PIECES]));
}

/** verk_workshop_model_get_piece: Returns: (transfer none): the piece at @position. */
const VerkPiece *
verk_workshop_model_get_piece (VerkWorkshopModel *self,
                               guint              position)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  g_return_val_if_fail (position < verk_workshop_model_get_n_pieces (self), NULL);
  return verk_record_get_piece (model_record_at (self->items[LIST_PIECES], position));
}

/** verk_workshop_model_find_piece: Returns: (nullable): the item's piece, any framework. */
const VerkPiece *
verk_workshop_model_find_piece (VerkWorkshopModel *self,
                                gint64             item_id)
{
  ItemEntry *entry;

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  entry = g_hash_table_lookup (self->item_index, &item_id);
  return entry != NULL ? verk_record_get_piece (entry->record) : NULL;
}

/** verk_workshop_model_find_item: Returns: (nullable): the item, with its agreed score. */
const VerkItem *
verk_workshop_model_find_item (VerkWorkshopModel *self,
                               gint64             item_id)
{
  const VerkPiece *piece = verk_workshop_model_find_piece (self, item_id);

  return piece != NULL ? piece->item : NULL;
}

/** verk_workshop_model_find_piece_position: Returns: whether @item_id is a puzzle piece. */
gboolean
verk_workshop_model_find_piece_position (VerkWorkshopModel *self,
                                         gint64             item_id,
                                         guint             *position)
{
  ItemEntry *entry;

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), FALSE);
  entry = g_hash_table_lookup (self->item_index, &item_id);
  if (entry == NULL || entry->list != LIST_PIECES)
    return FALSE;
  if (position != NULL)
    *position = entry->position;
  return TRUE;
}

/** verk_workshop_model_find_participant: Returns: (nullable): the participant. */
const VerkParticipant *
verk_workshop_model_find_participant (VerkWorkshopModel *self,
                                      gint64             participant_id)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return g_hash_table_lookup (self->participant_index, &participant_id);
}

static const VerkScore *
find_score (VerkWorkshopModel *self,
            gint64             item_id,
            gint64             participant_id)
{
  VerkScore key = { .item_id = item_id, .participant_id = participant_id };

  return g_hash_table_lookup (self->score_index, &key);
}

/** verk_workshop_model_find_score: Returns: (nullable): the participant's score of the item. */
const VerkScore *
verk_workshop_model_find_score (VerkWorkshopModel *self,
                                gint64             item_id,
                                gint64             participant_id)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return find_score (self, item_id, participant_id);
}

/** verk_workshop_model_get_second_round_list: Returns: (transfer none): the second rounds' scores. */
GListModel *
verk_workshop_model_get_second_round_list (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return G_LIST_MODEL (self->second_round);
}

/** verk_workshop_model_has_second_round: Returns: whether the item's second round was started. */
gboolean
verk_workshop_model_has_second_round (VerkWorkshopModel *self,
                                      gint64             item_id)
{
  ItemEntry *entry;

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), FALSE);
  entry = g_hash_table_lookup (self->item_index, &item_id);
  return entry != NULL && verk_record_get_piece (entry->record)->second_round;
}

/** verk_workshop_model_find_second_round_score: Returns: (nullable): the participant's second-round score. */
const VerkScore *
verk_workshop_model_find_second_round_score (VerkWorkshopModel *self,
                                             gint64             item_id,
                                             gint64             participant_id)
{
  VerkScore key = { .item_id = item_id, .participant_id = participant_id };

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return g_hash_table_lookup (self->second_round_index, &key);
}

/** verk_workshop_model_get_score: Returns: the participant's score 1..5, or 0. */
int
verk_workshop_model_get_score (VerkWorkshopModel *self,
                               gint64             item_id,
                               gint64             participant_id)
{
  const VerkScore *score;

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), 0);
  score = find_score (self, item_id, participant_id);
  return score != NULL ? score->value : 0;
}

/** verk_workshop_model_get_comment: Returns: (nullable): the comment on that score. */
const char *
verk_workshop_model_get_comment (VerkWorkshopModel *self,
                                 gint64             item_id,
                                 gint64             participant_id)
{
  const VerkScore *score;

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  score = find_score (self, item_id, participant_id);
  return score != NULL ? score->comment : NULL;
}

/** verk_workshop_model_get_rank: Returns: the item's priority rank, or 0. */
int
verk_workshop_model_get_rank (VerkWorkshopModel *self,
                              gint64             item_id)
{
  const VerkPiece *piece = verk_workshop_model_find_piece (self, item_id);

  return piece != NULL ? piece->rank : 0;
}

/** verk_workshop_model_find_action: Returns: (nullable): the action. */
const VerkAction *
verk_workshop_model_find_action (VerkWorkshopModel *self,
                                 gint64             action_id)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return g_hash_table_lookup (self->action_index, &action_id);
}

/** verk_workshop_model_find_reflection: Returns: (nullable): the reflection on @part. */
const VerkReflection *
verk_workshop_model_find_reflection (VerkWorkshopModel *self,
                                     const char        *part)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  g_return_val_if_fail (part != NULL, NULL);
  return g_hash_table_lookup (self->reflection_index, part);
}

/** verk_workshop_model_get_item_stats: Returns: (nullable): the item's statistics. */
const VerkItemStats *
verk_workshop_model_get_item_stats (VerkWorkshopModel *self,
                                    gint64             item_id)
{
  const VerkPiece *piece = verk_workshop_model_find_piece (self, item_id);

  return piece != NULL ? &piece->stats : NULL;
}

/**
 * verk_workshop_model_get_priority_order:
 *
 * Returns: (transfer full) (element-type gint64): the suggested order of the
 *   pieces (verk_stats_priority_order()).
 */
GArray *
verk_workshop_model_get_priority_order (VerkWorkshopModel *self)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return verk_stats_priority_order (self->stats_items, self->stats_scores);
}

/**
 * verk_workshop_model_get_disagreements:
 *
 * Returns: (transfer full) (element-type gint64): the pieces whose spread is at
 *   least @threshold (verk_stats_disagreements()).
 */
GArray *
verk_workshop_model_get_disagreements (VerkWorkshopModel *self,
                                       int                threshold)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  return verk_stats_disagreements (self->stats_items, self->stats_scores, threshold);
}

/**
 * verk_workshop_model_get_pieces:
 * @n_pieces: (out): how many
 *
 * The one mapping from a workshop to what the puzzle draws: each piece's name,
 * agreed score and priority rank, in position order.
 *
 * Returns: (transfer full) (array length=n_pieces) (nullable): the pieces.
 */
VerkPuzzlePiece *
verk_workshop_model_get_pieces (VerkWorkshopModel *self,
                                guint             *n_pieces)
{
  VerkPuzzlePiece *pieces;
  guint n;

  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), NULL);
  g_return_val_if_fail (n_pieces != NULL, NULL);

  n = *n_pieces = verk_workshop_model_get_n_pieces (self);
  if (n == 0)
    return NULL;
  pieces = g_new0 (VerkPuzzlePiece, n);
  for (guint i = 0; i < n; i++)
    {
      const VerkPiece *piece = verk_workshop_model_get_piece (self, i);

      pieces[i].name = piece->item->name;
      pieces[i].score = piece->item->agreed;
      pieces[i].rank = piece->rank;
    }
  return pieces;
}

/* ------------------------------------------------------------------------ */
/* Test hooks (verk-workshop-model-private.h)                               */

guint
verk_workshop_model_get_read_count (VerkWorkshopModel *self,
                                    VerkModelRead      read)
{
  g_return_val_if_fail (VERK_IS_WORKSHOP_MODEL (self), 0);
  g_return_val_if_fail (read < VERK_MODEL_N_READS, 0);
  return self->reads[read];
}

void
verk_workshop_model_reset_read_counts (VerkWorkshopModel *self)
{
  g_return_if_fail (VERK_IS_WORKSHOP_MODEL (self));
  memset (self->reads, 0, sizeof self->reads);
}
