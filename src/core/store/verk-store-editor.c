/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include "verk-store-private.h"

/* ------------------------------------------------------------------------ */
/* Editing a workshop after it was created (the Workshop Details editor)    */

/**
 * verk_store_list_removed_items:
 *
 * Lists a workshop's removed items that verk_store_restore_item() can still
 * bring back (not yet purged), most recently removed first.
 *
 * Returns: (transfer full) (element-type VerkItem): the items, or NULL.
 */
GPtrArray *
verk_store_list_removed_items (VerkStore  *self,
                               gint64      workshop_id,
                               GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  return verk_store_list_rows_of (self, ITEM_SELECT "WHERE i.workshop_id = ? AND i.removed_at IS NOT NULL"
                                        " ORDER BY i.removed_at DESC, i.id DESC",
                                        workshop_id, (VerkStoreRowReader) verk_store_item_from_row,
                                        (GDestroyNotify) verk_item_free, error);
}

/**
 * verk_store_list_removed_participants:
 *
 * Lists a workshop's removed participants that
 * verk_store_restore_participant() can still bring back, most recently
 * removed first.
 *
 * Returns: (transfer full) (element-type VerkParticipant): the participants, or NULL.
 */
GPtrArray *
verk_store_list_removed_participants (VerkStore  *self,
                                      gint64      workshop_id,
                                      GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  return verk_store_list_rows_of (self, PARTICIPANT_SELECT "WHERE workshop_id = ? AND removed_at IS NOT NULL"
                                        " ORDER BY removed_at DESC, id DESC",
                                        workshop_id, (VerkStoreRowReader) verk_store_participant_from_row,
                                        (GDestroyNotify) verk_participant_free, error);
}

/**
 * verk_store_move_participant:
 * @new_index: 0-based place among the workshop's present participants;
 *   clamped to the last place
 *
 * Moves a participant within the workshop's list. The present participants
 * are numbered 0, 1, 2, … afresh (removed ones keep their old number, so a
 * restored participant comes back near where they were).
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_move_participant (VerkStore  *self,
                             gint64      participant_id,
                             int         new_index,
                             GError    **error)
{
  g_autoptr (GPtrArray) list = NULL;
  VerkParticipant *moved = NULL;
  sqlite3_stmt *st;
  gint64 workshop_id;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  workshop_id = verk_store_begin_edit_of (self, PARTICIPANT_WORKSHOP_SQL, participant_id, error);
  if (workshop_id == 0)
    return FALSE;
  list = verk_store_list_participants (self, workshop_id, error);
  if (list == NULL)
    return verk_store_rollback (self);
  for (guint i = 0; i < list->len && moved == NULL; i++)
    if (((VerkParticipant *) g_ptr_array_index (list, i))->id == participant_id)
      moved = g_ptr_array_steal_index (list, i);
  g_assert (moved != NULL);
  g_ptr_array_insert (list, CLAMP (new_index, 0, (int) list->len), moved);

  st = verk_store_prepare (self, "UPDATE participant SET position = ? WHERE id = ?", error);
  if (st == NULL)
    return verk_store_rollback (self);
  for (guint i = 0; i < list->len; i++)
    {
      sqlite3_bind_int (st, 1, (int) i);
      sqlite3_bind_int64 (st, 2, ((VerkParticipant *) g_ptr_array_index (list, i))->id);
      if (!verk_store_run (self, st, error))
        return verk_store_rollback (self);
    }
  return verk_store_commit_and_notify (self, VERK_CHANGE_PARTICIPANTS, workshop_id, error);
}
