/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include "verk-store-model-read.h"
#include "verk-store-private.h"

/* Reads for VerkWorkshopModel that the store's own files do not offer: the
 * second private rounds (verk-store-rounds.c writes them) of a workshop in
 * one pair of statements, or of one piece after VerkStore::row-changed. */

/* A workshop's pieces, or one piece: two statements each, so each finds
 * its rows through an index. */
#define ROUND_WHERE_WORKSHOP " WHERE r.round = 2 AND i.removed_at IS NULL AND i.workshop_id = ?1"
#define ROUND_WHERE_ITEM     " WHERE r.round = 2 AND i.removed_at IS NULL AND i.id = ?1"
#define STARTED_SQL(where) \
  "SELECT r.item_id FROM score_round r JOIN item i ON i.id = r.item_id" where " ORDER BY i.framework, i.position"
#define SCORES_SQL(where) \
  "SELECT s.item_id, s.participant_id, s.value, s.comment FROM round_score s" \
  " JOIN score_round r ON r.item_id = s.item_id AND r.round = s.round" \
  " JOIN item i ON i.id = s.item_id JOIN participant p ON p.id = s.participant_id" \
  where " AND p.removed_at IS NULL ORDER BY i.framework, i.position, p.position, p.id"

static gboolean
read_started (VerkStore  *self,
              gint64      workshop_id,
              gint64      item_id,
              GArray     *started,
              GError    **error)
{
  sqlite3_stmt *st = verk_store_prepare (self, item_id != 0 ? STARTED_SQL (ROUND_WHERE_ITEM)
                                                             : STARTED_SQL (ROUND_WHERE_WORKSHOP), error);
  int rc;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, item_id != 0 ? item_id : workshop_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);

      g_array_append_val (started, id);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      verk_store_set_read_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

/**
 * verk_store_list_second_rounds:
 * @workshop_id: the workshop, when @item_id is 0
 * @item_id: one piece, or 0 for every piece of @workshop_id
 * @started: (out) (transfer full) (element-type gint64): the pieces whose
 *   second round was started
 *
 * Returns: (transfer full) (element-type VerkScore): the second rounds'
 *   scores by piece then participant, or NULL with @error set.
 */
GPtrArray *
verk_store_list_second_rounds (VerkStore  *self,
                               gint64      workshop_id,
                               gint64      item_id,
                               GArray    **started,
                               GError    **error)
{
  g_autoptr (GPtrArray) scores = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_score_free);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);
  g_return_val_if_fail (started != NULL, NULL);

  if (!read_started (self, workshop_id, item_id, ids, error))
    return NULL;
  /* Most workshops never start one: their scores need no second look. */
  if (ids->len > 0)
    {
      st = verk_store_prepare (self, item_id != 0 ? SCORES_SQL (ROUND_WHERE_ITEM)
                                                  : SCORES_SQL (ROUND_WHERE_WORKSHOP), error);
      if (st == NULL)
        return NULL;
      sqlite3_bind_int64 (st, 1, item_id != 0 ? item_id : workshop_id);
      while ((rc = sqlite3_step (st)) == SQLITE_ROW)
        {
          VerkScore *score = g_new0 (VerkScore, 1);

          score->item_id = sqlite3_column_int64 (st, 0);
          score->participant_id = sqlite3_column_int64 (st, 1);
          score->value = sqlite3_column_int (st, 2);
          score->comment = verk_store_column_text (st, 3);
          g_ptr_array_add (scores, score);
        }
      sqlite3_reset (st);
      if (rc != SQLITE_DONE)
        {
          verk_store_set_read_error (self, error, rc);
          return NULL;
        }
    }
  *started = g_steal_pointer (&ids);
  return g_steal_pointer (&scores);
}
