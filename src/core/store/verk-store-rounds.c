/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "verk-store-private.h"
#include "verk-text.h"

/* The second private round of scoring (issue 15, docs/ROOM.md): for a piece
 * the group disagreed on, everyone scores again, alone, after the
 * discussion. The first round stays in `score`, as the window shows and edits
 * it; the second is kept beside it in `round_score`, and `score_round` says
 * that an item has one (schema step 5, docs/STORAGE.md). */

static gboolean
read_failed (VerkStore  *self,
             GError    **error)
{
  verk_store_set_error_from_rc (self, error, sqlite3_errcode (self->db),
                                _("Verkstad could not read the database."));
  return FALSE;
}

static gboolean
write_failed (VerkStore  *self,
              GError    **error)
{
  verk_store_set_error_from_rc (self, error, sqlite3_errcode (self->db),
                                _("Verkstad could not read or write the workshop data."));
  return FALSE;
}

/* The workshop of a piece that is not removed, or 0. */
static gint64
item_workshop (VerkStore  *self,
               gint64      item_id,
               GError    **error)
{
  sqlite3_stmt *st = verk_store_prepare (self, "SELECT workshop_id FROM item WHERE id = ?1 AND removed_at IS NULL",
                                         error);
  int rc;

  if (st == NULL)
    return 0;
  sqlite3_bind_int64 (st, 1, item_id);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      gint64 workshop_id = sqlite3_column_int64 (st, 0);

      /* A statement left on its row keeps a read transaction open: the
       * connection would not see other connections' writes and would hold
       * back every checkpoint until the statement is next used. */
      sqlite3_reset (st);
      return workshop_id;
    }
  sqlite3_reset (st);
  if (rc == SQLITE_DONE)
    verk_store_not_found (error);
  else
    read_failed (self, error);
  return 0;
}

static void
notify_scores (VerkStore *self,
               gint64     workshop_id,
               gint64     item_id)
{
  g_signal_emit_by_name (self, "row-changed", (int) VERK_CHANGE_SCORES, workshop_id, item_id);
  g_signal_emit_by_name (self, "changed", (int) VERK_CHANGE_SCORES, workshop_id);
}

/**
 * verk_store_start_second_round:
 *
 * Opens the second private round of @item_id's scoring. Starting it again
 * changes nothing.
 *
 * Returns: TRUE on success; VERK_STORE_ERROR_NOT_FOUND for a missing item.
 */
gboolean
verk_store_start_second_round (VerkStore  *self,
                               gint64      item_id,
                               GError    **error)
{
  sqlite3_stmt *st;
  gint64 workshop_id;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  workshop_id = item_workshop (self, item_id, error);
  if (workshop_id == 0)
    return FALSE;
  st = verk_store_prepare (self,
                           "INSERT INTO score_round (item_id, round, started_at)"
                           " VALUES (?1, 2, strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))"
                           " ON CONFLICT (item_id, round) DO NOTHING", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, item_id);
  if (sqlite3_step (st) != SQLITE_DONE)
    return write_failed (self, error);
  if (sqlite3_changes (self->db) > 0)
    notify_scores (self, workshop_id, item_id);
  return TRUE;
}

/**
 * verk_store_has_second_round:
 *
 * Returns: whether @item_id's second round was started (FALSE on error).
 */
gboolean
verk_store_has_second_round (VerkStore  *self,
                             gint64      item_id,
                             GError    **error)
{
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  st = verk_store_prepare (self, "SELECT 1 FROM score_round WHERE item_id = ?1 AND round = 2", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, item_id);
  rc = sqlite3_step (st);
  sqlite3_reset (st);   /* see item_workshop() */
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    read_failed (self, error);
  return FALSE;
}

/**
 * verk_store_list_second_round_scores:
 *
 * The second round's scores of a workshop's pieces (not removed, nor of
 * removed participants), by piece then participant.
 *
 * Returns: (transfer full) (element-type VerkScore): the scores, or NULL.
 */
GPtrArray *
verk_store_list_second_round_scores (VerkStore  *self,
                                     gint64      workshop_id,
                                     GError    **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_score_free);
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  st = verk_store_prepare (self,
                           "SELECT s.item_id, s.participant_id, s.value, s.comment FROM round_score s"
                           " JOIN item i ON i.id = s.item_id JOIN participant p ON p.id = s.participant_id"
                           " WHERE i.workshop_id = ?1 AND s.round = 2"
                           " AND i.removed_at IS NULL AND p.removed_at IS NULL"
                           " ORDER BY i.framework, i.position, p.position, p.id", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, workshop_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      VerkScore *score = g_new0 (VerkScore, 1);

      score->item_id = sqlite3_column_int64 (st, 0);
      score->participant_id = sqlite3_column_int64 (st, 1);
      score->value = sqlite3_column_int (st, 2);
      score->comment = g_strdup ((const char *) sqlite3_column_text (st, 3));
      g_ptr_array_add (out, score);
    }
  if (rc != SQLITE_DONE)
    {
      read_failed (self, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/**
 * verk_store_set_second_round_score:
 * @value: 1..5, or 0 to clear the score and its comment
 * @comment: (nullable): at most VERK_TEXT_MAX_LONG characters, as round 1's
 *   (a phone's reason is one shorter line, the room checks it); it replaces
 *   the round's comment, so a correction of the score passes it on
 *
 * Records a participant's score of the second round; the round must have
 * been started and the participant must be of the item's workshop.
 *
 * Returns: TRUE on success; VERK_STORE_ERROR_INVALID_INPUT for a value
 *   outside 0..5 or a bad comment, VERK_STORE_ERROR_NOT_FOUND when the item,
 *   the participant or the round is missing.
 */
gboolean
verk_store_set_second_round_score (VerkStore   *self,
                                   gint64       item_id,
                                   gint64       participant_id,
                                   int          value,
                                   const char  *comment,
                                   GError     **error)
{
  g_autoptr (GError) local = NULL;
  sqlite3_stmt *st;
  gint64 workshop_id;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (value < 0 || value > 5)
    {
      g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT,
                   _("A score must be a whole number from 1 to 5, not %d."), value);
      return FALSE;
    }
  if (!verk_text_validate (comment, -1, VERK_TEXT_MAX_LONG, _("the comment"), &local))
    {
      g_set_error_literal (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT, local->message);
      return FALSE;
    }
  workshop_id = item_workshop (self, item_id, error);
  if (workshop_id == 0)
    return FALSE;
  if (value == 0)
    st = verk_store_prepare (self, "DELETE FROM round_score WHERE item_id = ?1 AND round = 2 AND participant_id = ?2",
                             error);
  else
    /* One statement checks it all: the round exists and the participant
     * sits in the item's workshop. */
    st = verk_store_prepare (self,
                             "INSERT INTO round_score (item_id, round, participant_id, value, comment)"
                             " SELECT i.id, 2, p.id, ?3, coalesce (?4, '') FROM item i"
                             " JOIN participant p ON p.workshop_id = i.workshop_id AND p.removed_at IS NULL"
                             " JOIN score_round r ON r.item_id = i.id AND r.round = 2"
                             " WHERE i.id = ?1 AND p.id = ?2"
                             " ON CONFLICT (item_id, round, participant_id)"
                             " DO UPDATE SET value = excluded.value, comment = excluded.comment", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, item_id);
  sqlite3_bind_int64 (st, 2, participant_id);
  if (value != 0)
    {
      sqlite3_bind_int (st, 3, value);
      if (comment != NULL && *comment != '\0')
        sqlite3_bind_text (st, 4, comment, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (st, 4);
    }
  if (sqlite3_step (st) != SQLITE_DONE)
    return write_failed (self, error);
  if (value != 0 && sqlite3_changes (self->db) == 0)
    return verk_store_not_found (error);
  notify_scores (self, workshop_id, item_id);
  return TRUE;
}

/**
 * verk_store_set_second_round_comment:
 * @comment: (nullable): at most VERK_TEXT_MAX_LONG characters; NULL or ""
 *   removes it
 *
 * Sets the comment on a participant's score of the second round, as
 * verk_store_set_score_comment() does on round 1's: the comment a person
 * gives in round 2 belongs to round 2, and round 1's stays as it was.
 *
 * Returns: TRUE on success; VERK_STORE_ERROR_NOT_FOUND when the participant
 *   has no score in @item_id's second round (or either was removed),
 *   VERK_STORE_ERROR_INVALID_INPUT for a bad comment.
 */
gboolean
verk_store_set_second_round_comment (VerkStore   *self,
                                     gint64       item_id,
                                     gint64       participant_id,
                                     const char  *comment,
                                     GError     **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  return verk_store_write_score_comment (self,
                                         "UPDATE round_score SET comment = ?1"
                                         " WHERE item_id = ?2 AND round = 2 AND participant_id = ?3",
                                         item_id, participant_id, comment, error);
}
