/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include "verk-store-private.h"

/* ------------------------------------------------------------------------ */
/* Priorities                                                               */

/**
 * verk_store_list_priorities:
 *
 * The workshop's prioritised items, highest priority first.
 *
 * Returns: (transfer full) (element-type gint64): item ids, or NULL.
 */
GArray *
verk_store_list_priorities (VerkStore  *self,
                            gint64      workshop_id,
                            GError    **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  st = verk_store_prepare (self,
                           "SELECT p.item_id FROM priority p JOIN item i ON i.id = p.item_id"
                           " WHERE p.workshop_id = ? AND i.removed_at IS NULL ORDER BY p.rank", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, workshop_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      verk_store_set_read_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * verk_store_set_priorities:
 * @item_ids: (array length=n_items): items of this workshop, highest first
 *
 * Replaces the workshop's priority list.
 *
 * Returns: TRUE on success; VERK_STORE_ERROR_NOT_FOUND if an item is not in
 *   the workshop, VERK_STORE_ERROR_INVALID_INPUT if one appears twice.
 */
gboolean
verk_store_set_priorities (VerkStore     *self,
                           gint64         workshop_id,
                           const gint64  *item_ids,
                           guint          n_items,
                           GError       **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);
  g_return_val_if_fail (item_ids != NULL || n_items == 0, FALSE);

  if (verk_store_begin_edit_of (self, WORKSHOP_WORKSHOP_SQL, workshop_id, error) == 0)
    return FALSE;
  if (!verk_store_run_on_id (self, "DELETE FROM priority WHERE workshop_id = ?", workshop_id, error))
    return verk_store_rollback (self);

  for (guint i = 0; i < n_items; i++)
    {
      sqlite3_stmt *st = verk_store_prepare (self,
                               "INSERT INTO priority (workshop_id, item_id, rank)"
                               " SELECT workshop_id, id, ?3 FROM item"
                               " WHERE id = ?2 AND workshop_id = ?1 AND removed_at IS NULL",
                               error);
      if (st == NULL)
        return verk_store_rollback (self);
      sqlite3_bind_int64 (st, 1, workshop_id);
      sqlite3_bind_int64 (st, 2, item_ids[i]);
      sqlite3_bind_int (st, 3, (int) i + 1);
      if (!verk_store_run (self, st, error))
        return verk_store_rollback (self);
      if (sqlite3_changes (self->db) != 1)
        {
          verk_store_rollback (self);
          return verk_store_not_found (error);
        }
    }
  return verk_store_commit_and_notify (self, VERK_CHANGE_PRIORITIES, workshop_id, error);
}
