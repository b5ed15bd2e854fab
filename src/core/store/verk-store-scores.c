/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "verk-store-private.h"
#include "verk-text.h"

/* ------------------------------------------------------------------------ */
/* Scores                                                                   */

#define SCORE_SELECT \
  "SELECT s.item_id, s.participant_id, s.value, s.comment FROM score s" \
  " JOIN item i ON i.id = s.item_id JOIN participant p ON p.id = s.participant_id" \
  " WHERE i.removed_at IS NULL AND p.removed_at IS NULL "

static gpointer
score_from_row (sqlite3_stmt *st)
{
  VerkScore *s = g_new0 (VerkScore, 1);

  s->item_id = sqlite3_column_int64 (st, 0);
  s->participant_id = sqlite3_column_int64 (st, 1);
  s->value = sqlite3_column_int (st, 2);
  s->comment = verk_store_column_text (st, 3);
  return s;
}

/**
 * verk_store_list_scores:
 *
 * Lists every participant's score in a workshop (not the agreed scores: those
 * are in the VerkItem), by item then participant.
 *
 * Returns: (transfer full) (element-type VerkScore): the scores, or NULL.
 */
GPtrArray *
verk_store_list_scores (VerkStore  *self,
                        gint64      workshop_id,
                        GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  return verk_store_list_rows_of (self, SCORE_SELECT "AND i.workshop_id = ?1"
                                  " ORDER BY i.framework, i.position, p.position, p.id",
                                  workshop_id, score_from_row, (GDestroyNotify) verk_score_free, error);
}

/**
 * verk_store_list_item_scores:
 *
 * Lists the participants' scores of one item (by participant), as
 * verk_store_list_scores() lists them: what a model reads again after
 * VerkStore::row-changed names the item.
 *
 * Returns: (transfer full) (element-type VerkScore): the scores (none for a
 *   removed item), or NULL.
 */
GPtrArray *
verk_store_list_item_scores (VerkStore  *self,
                             gint64      item_id,
                             GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  return verk_store_list_rows_of (self, SCORE_SELECT "AND s.item_id = ?1 ORDER BY p.position, p.id",
                                  item_id, score_from_row, (GDestroyNotify) verk_score_free, error);
}

/* Checks that the item and participant exist and belong to one workshop. */
static gint64
score_workshop (VerkStore  *self,
                gint64      item_id,
                gint64      participant_id,
                GError    **error)
{
  gint64 item_ws = verk_store_owner_workshop (self, ITEM_WORKSHOP_SQL, item_id, error);
  gint64 part_ws;

  if (item_ws == 0)
    return 0;
  part_ws = verk_store_owner_workshop (self, PARTICIPANT_WORKSHOP_SQL, participant_id, error);
  if (part_ws == 0)
    return 0;
  if (part_ws != item_ws)
    {
      verk_store_not_found (error);
      return 0;
    }
  return item_ws;
}

/* Writes one participant's score of one item, inside the caller's
 * transaction: 0 deletes it with its comment, 1..5 (checked) sets it and
 * keeps the comment. */
static gboolean
write_score (VerkStore  *self,
             gint64      item_id,
             gint64      participant_id,
             int         value,
             GError    **error)
{
  sqlite3_stmt *st;

  if (value == 0)
    st = verk_store_prepare (self, "DELETE FROM score WHERE item_id = ?1 AND participant_id = ?2", error);
  else
    st = verk_store_prepare (self, "UPDATE score SET value = ?3 WHERE item_id = ?1 AND participant_id = ?2",
                             error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, item_id);
  sqlite3_bind_int64 (st, 2, participant_id);
  if (value != 0)
    sqlite3_bind_int (st, 3, value);
  if (!verk_store_run (self, st, error))
    return FALSE;
  if (value == 0 || sqlite3_changes (self->db) > 0)
    return TRUE;
  /* A new score: inserted with its uuid. Not an upsert, whose new uuid
   * (verk_uuid_v7) would be made, and thrown away, for every change of a
   * score already there (most edits are: 1,100 instructions each). */
  st = verk_store_prepare (self,
                           "INSERT INTO score (item_id, participant_id, value, uuid)"
                           " VALUES (?1, ?2, ?3, verk_uuid_v7 ())", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, item_id);
  sqlite3_bind_int64 (st, 2, participant_id);
  sqlite3_bind_int (st, 3, value);
  return verk_store_run (self, st, error);
}

/**
 * verk_store_set_score:
 * @value: 1..5, or 0 to clear the score (and its comment)
 *
 * Records one participant's score of one item.
 *
 * Returns: TRUE on success; FALSE with VERK_STORE_ERROR_INVALID_INPUT for a
 *   value outside 0..5.
 */
gboolean
verk_store_set_score (VerkStore  *self,
                      gint64      item_id,
                      gint64      participant_id,
                      int         value,
                      GError    **error)
{
  gint64 workshop_id;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!verk_store_check_score (value, TRUE, error))
    return FALSE;
  if (!verk_store_begin (self, error))
    return FALSE;
  workshop_id = score_workshop (self, item_id, participant_id, error);
  if (workshop_id == 0 || !write_score (self, item_id, participant_id, value, error))
    return verk_store_rollback (self);
  return verk_store_commit_and_notify_row (self, VERK_CHANGE_SCORES, workshop_id, item_id, error);
}

/**
 * verk_store_set_scores:
 * @scores: (array length=n_scores): item, participant and value (1..5, or 0 to
 *   clear) of each score; the comments are not touched
 * @n_scores: how many
 *
 * Records many participants' scores in one transaction, all or none: for a
 * whole round of votes at once, an import, or a merge, where one commit per
 * score would spend most of its time waiting for the disk. Emits
 * VerkStore::changed (VERK_CHANGE_SCORES) once per workshop touched, after
 * the commit, each after a VerkStore::row-changed per item of that workshop
 * whose scores changed.
 *
 * Returns: TRUE on success; FALSE with nothing written when any value is
 *   outside 0..5 (VERK_STORE_ERROR_INVALID_INPUT) or any item or participant
 *   is missing or belongs to another workshop (VERK_STORE_ERROR_NOT_FOUND).
 */
gboolean
verk_store_set_scores (VerkStore        *self,
                       const VerkScore  *scores,
                       guint             n_scores,
                       GError          **error)
{
  g_autoptr (GArray) workshops = g_array_new (FALSE, FALSE, sizeof (gint64));
  typedef struct { gint64 item_id, workshop_id; } Touched;
  g_autoptr (GArray) items = g_array_new (FALSE, FALSE, sizeof (Touched));
  g_autoptr (GHashTable) seen_items = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);
  g_return_val_if_fail (scores != NULL || n_scores == 0, FALSE);

  for (guint i = 0; i < n_scores; i++)
    if (!verk_store_check_score (scores[i].value, TRUE, error))
      return FALSE;
  if (!verk_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < n_scores; i++)
    {
      const VerkScore *score = &scores[i];
      gint64 workshop_id = score_workshop (self, score->item_id, score->participant_id, error);
      gboolean seen = FALSE;

      if (workshop_id == 0 || !write_score (self, score->item_id, score->participant_id, score->value, error))
        return verk_store_rollback (self);

      /* Batches are usually one workshop's: check the newest first. */
      for (guint w = workshops->len; w > 0 && !seen; w--)
        seen = g_array_index (workshops, gint64, w - 1) == workshop_id;
      if (!seen)
        g_array_append_val (workshops, workshop_id);
      if (g_hash_table_add (seen_items, (gpointer) &score->item_id))
        g_array_append_val (items, ((Touched) { score->item_id, workshop_id }));
    }
  if (!verk_store_commit (self, error))
    return FALSE;
  verk_store_maybe_daily_backup (self);
  for (guint w = 0; w < workshops->len; w++)
    {
      gint64 workshop_id = g_array_index (workshops, gint64, w);

      for (guint i = 0; i < items->len; i++)
        {
          const Touched *item = &g_array_index (items, Touched, i);

          if (item->workshop_id == workshop_id)
            verk_store_emit_row_changed (self, VERK_CHANGE_SCORES, workshop_id, item->item_id);
        }
      verk_store_emit_changed (self, VERK_CHANGE_SCORES, workshop_id);
    }
  return TRUE;
}

gboolean
verk_store_write_score_comment (VerkStore   *self,
                                const char  *sql,
                                gint64       item_id,
                                gint64       participant_id,
                                const char  *comment,
                                GError     **error)
{
  sqlite3_stmt *st;
  gint64 workshop_id;

  if (!verk_store_check_text (comment, VERK_TEXT_MAX_LONG, _("the comment"), error))
    return FALSE;
  if (!verk_store_begin (self, error))
    return FALSE;
  workshop_id = score_workshop (self, item_id, participant_id, error);
  if (workshop_id == 0)
    return verk_store_rollback (self);
  st = verk_store_prepare (self, sql, error);
  if (st == NULL)
    return verk_store_rollback (self);
  verk_store_bind_text0 (st, 1, comment);
  sqlite3_bind_int64 (st, 2, item_id);
  sqlite3_bind_int64 (st, 3, participant_id);
  return verk_store_edit_one_row_of (self, st, VERK_CHANGE_SCORES, workshop_id, item_id, error);
}

/**
 * verk_store_set_score_comment:
 *
 * Sets the comment on a participant's score; the score must be set first.
 *
 * Returns: TRUE on success; VERK_STORE_ERROR_NOT_FOUND when there is no score.
 */
gboolean
verk_store_set_score_comment (VerkStore   *self,
                              gint64       item_id,
                              gint64       participant_id,
                              const char  *comment,
                              GError     **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  return verk_store_write_score_comment (self,
                                         "UPDATE score SET comment = ?1 WHERE item_id = ?2 AND participant_id = ?3",
                                         item_id, participant_id, comment, error);
}

/* Writes a level of @item_id in its agreed row with @sql (?1 the item, ?2
 * the level, and ?3, when the statement has one, @text) as a whole edit. */
static gboolean
write_agreed_row (VerkStore   *self,
                  gint64       item_id,
                  const char  *sql,
                  int          value,
                  const char  *text,
                  GError     **error)
{
  sqlite3_stmt *st;
  gint64 workshop_id = verk_store_begin_edit_of (self, ITEM_WORKSHOP_SQL, item_id, error);

  if (workshop_id == 0)
    return FALSE;
  st = verk_store_prepare_on_id (self, sql, item_id, error);
  if (st == NULL)
    return verk_store_rollback (self);
  verk_store_bind_level (st, 2, value);
  if (sqlite3_bind_parameter_count (st) == 3)
    verk_store_bind_text0 (st, 3, text);
  return verk_store_finish_edit (self, st, VERK_CHANGE_SCORES, workshop_id, item_id, error);
}

/**
 * verk_store_set_agreed:
 * @value: 1..5, or 0 to clear
 * @rationale: (nullable): one line, at most VERK_TEXT_MAX_SHORT characters
 *
 * Records the score the group agreed on for an item and why.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_set_agreed (VerkStore   *self,
                       gint64       item_id,
                       int          value,
                       const char  *rationale,
                       GError     **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!verk_store_check_score (value, TRUE, error)
      || !verk_store_check_text (rationale, VERK_TEXT_MAX_SHORT, _("the rationale"), error))
    return FALSE;
  return write_agreed_row (self, item_id,
                           "INSERT INTO agreed (item_id, value, rationale) VALUES (?1, ?2, ?3)"
                           " ON CONFLICT (item_id) DO UPDATE SET value = excluded.value,"
                           " rationale = excluded.rationale", value, rationale, error);
}

/**
 * verk_store_set_desired:
 * @value: the level the group needs to reach ("bör"), 1..5, or 0 to clear
 *
 * Records the desired level of an item.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_set_desired (VerkStore  *self,
                        gint64      item_id,
                        int         value,
                        GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!verk_store_check_score (value, TRUE, error))
    return FALSE;
  return write_agreed_row (self, item_id,
                           "INSERT INTO agreed (item_id, desired) VALUES (?1, ?2)"
                           " ON CONFLICT (item_id) DO UPDATE SET desired = excluded.desired", value, NULL, error);
}
