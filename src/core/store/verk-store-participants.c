/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "verk-store-private.h"
#include "verk-text.h"

/* ------------------------------------------------------------------------ */
/* Participants                                                             */

VerkParticipant *
verk_store_participant_from_row (sqlite3_stmt *st)
{
  VerkParticipant *p = g_new0 (VerkParticipant, 1);

  p->id = sqlite3_column_int64 (st, 0);
  p->workshop_id = sqlite3_column_int64 (st, 1);
  p->name = verk_store_column_text (st, 2);
  p->position = sqlite3_column_int (st, 3);
  return p;
}

/* A participant's name, on adding and on renaming: "" is anonymous. */
static gboolean
check_participant_name (const char  *name,
                        GError     **error)
{
  return verk_store_check_text (name, VERK_TEXT_MAX_SHORT, _("the participant’s name"), error);
}

/**
 * verk_store_list_participants:
 *
 * Lists a workshop's participants in the order they were added.
 *
 * Returns: (transfer full) (element-type VerkParticipant): the participants, or NULL.
 */
GPtrArray *
verk_store_list_participants (VerkStore  *self,
                              gint64      workshop_id,
                              GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  return verk_store_list_rows_of (self, PARTICIPANT_SELECT "WHERE workshop_id = ? AND removed_at IS NULL"
                                        " ORDER BY position, id",
                                        workshop_id, (VerkStoreRowReader) verk_store_participant_from_row,
                                        (GDestroyNotify) verk_participant_free, error);
}

/**
 * verk_store_add_participant:
 * @name: (nullable): "" or NULL for an anonymous participant
 *
 * Adds a participant at the end of the workshop's list.
 *
 * Returns: the new participant's id, or 0 with @error set.
 */
gint64
verk_store_add_participant (VerkStore   *self,
                            gint64       workshop_id,
                            const char  *name,
                            GError     **error)
{
  sqlite3_stmt *st;

  g_return_val_if_fail (VERK_IS_STORE (self), 0);

  if (!check_participant_name (name, error))
    return 0;
  if (verk_store_begin_edit_of (self, WORKSHOP_WORKSHOP_SQL, workshop_id, error) == 0)
    return 0;
  st = verk_store_prepare (self,
                           "INSERT INTO participant (workshop_id, name, position, uuid)"
                           " VALUES (?1, ?2, (SELECT coalesce (max (position) + 1, 0) FROM participant"
                           "  WHERE workshop_id = ?1), verk_uuid_v7 ())", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, workshop_id);
  verk_store_bind_text0 (st, 2, name);
  return verk_store_commit_new_row (self, verk_store_insert (self, st, error), VERK_CHANGE_PARTICIPANTS,
                                    workshop_id, error);
}

/**
 * verk_store_rename_participant:
 *
 * Renames a participant ("" makes them anonymous).
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_rename_participant (VerkStore   *self,
                               gint64       participant_id,
                               const char  *name,
                               GError     **error)
{
  sqlite3_stmt *st;
  gint64 workshop_id;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!check_participant_name (name, error))
    return FALSE;
  workshop_id = verk_store_begin_edit_of (self, PARTICIPANT_WORKSHOP_SQL, participant_id, error);
  if (workshop_id == 0)
    return FALSE;
  st = verk_store_prepare (self, "UPDATE participant SET name = ? WHERE id = ?", error);
  if (st == NULL)
    return verk_store_rollback (self);
  verk_store_bind_text0 (st, 1, name);
  sqlite3_bind_int64 (st, 2, participant_id);
  return verk_store_edit_one_row (self, st, VERK_CHANGE_PARTICIPANTS, workshop_id, error);
}

/**
 * verk_store_remove_participant:
 *
 * Removes a participant with their scores. They stay in the file until
 * verk_store_purge_trash(), so verk_store_restore_participant() can undo it.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_remove_participant (VerkStore  *self,
                               gint64      participant_id,
                               GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  return verk_store_edit_owned_row (self, PARTICIPANT_WORKSHOP_SQL,
                                    "UPDATE participant SET removed_at = datetime ('now') WHERE id = ?", participant_id,
                                    VERK_CHANGE_PARTICIPANTS, error);
}

/**
 * verk_store_restore_participant:
 *
 * Undoes verk_store_remove_participant(): the participant is back in their
 * old place with all their scores. Emits VERK_CHANGE_PARTICIPANTS.
 *
 * Returns: TRUE on success; VERK_STORE_ERROR_NOT_FOUND when the participant
 *   was not removed (or has been purged).
 */
gboolean
verk_store_restore_participant (VerkStore  *self,
                                gint64      participant_id,
                                GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  return verk_store_edit_owned_row (self, REMOVED_PARTICIPANT_WORKSHOP_SQL,
                                    "UPDATE participant SET removed_at = NULL WHERE id = ?", participant_id,
                                    VERK_CHANGE_PARTICIPANTS, error);
}
