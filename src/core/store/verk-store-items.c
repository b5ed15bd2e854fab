/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "verk-store-private.h"
#include "verk-text.h"

/* ------------------------------------------------------------------------ */
/* Items                                                                    */

VerkItem *
verk_store_item_from_row (sqlite3_stmt *st)
{
  VerkItem *item = g_new0 (VerkItem, 1);

  item->id = sqlite3_column_int64 (st, 0);
  item->workshop_id = sqlite3_column_int64 (st, 1);
  item->framework = verk_store_column_text (st, 2);
  item->key = verk_store_column_text (st, 3);
  item->name = verk_store_column_text (st, 4);
  item->description = verk_store_column_text (st, 5);
  item->position = sqlite3_column_int (st, 6);
  item->custom = item->key == NULL;
  item->agreed = sqlite3_column_int (st, 7);
  item->rationale = sqlite3_column_type (st, 8) == SQLITE_NULL ? g_strdup ("") : verk_store_column_text (st, 8);
  item->desired = sqlite3_column_int (st, 9);
  return item;
}

/**
 * verk_store_list_items:
 * @framework: (nullable): "siq", "platform", "scale", or NULL for all
 *
 * Lists a workshop's items by position (by framework first when @framework
 * is NULL), with their agreed score, rationale and desired level.
 *
 * Returns: (transfer full) (element-type VerkItem): the items, or NULL.
 */
GPtrArray *
verk_store_list_items (VerkStore   *self,
                       gint64       workshop_id,
                       const char  *framework,
                       GError     **error)
{
  sqlite3_stmt *st;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  st = verk_store_prepare (self,
                           ITEM_SELECT "WHERE i.workshop_id = ?1 AND (?2 IS NULL OR i.framework = ?2)"
                           " AND i.removed_at IS NULL"
                           " ORDER BY i.framework, i.position, i.id", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, workshop_id);
  verk_store_bind_text (st, 2, framework);
  return verk_store_read_rows (self, st, (VerkStoreRowReader) verk_store_item_from_row,
                               (GDestroyNotify) verk_item_free, error);
}

/**
 * verk_store_get_item:
 *
 * Looks up one item with its agreed score.
 *
 * Returns: (transfer full): the item, or NULL with @error set.
 */
VerkItem *
verk_store_get_item (VerkStore  *self,
                     gint64      item_id,
                     GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  return verk_store_get_row_of (self, ITEM_SELECT "WHERE i.id = ? AND i.removed_at IS NULL",
                                      item_id, (VerkStoreRowReader) verk_store_item_from_row, error);
}

/* What the user may change of a piece: on adding and on editing it. */
static gboolean
check_piece_texts (const char  *name,
                   const char  *description,
                   GError     **error)
{
  return verk_store_check_required (name, VERK_TEXT_MAX_SHORT, _("the piece’s name"), error)
         && verk_store_check_text (description, VERK_TEXT_MAX_LONG, _("the description"), error);
}

static gboolean
check_item_texts (const char  *framework,
                  const char  *key,
                  const char  *name,
                  const char  *description,
                  GError     **error)
{
  return verk_store_check_text (framework, VERK_TEXT_MAX_SHORT, "framework", error)
         && verk_store_check_text (key, VERK_TEXT_MAX_SHORT, "key", error)
         && check_piece_texts (name, description, error);
}

/* Inserts at the end of its framework, inside the caller's transaction. */
static gint64
insert_item (VerkStore   *self,
             gint64       workshop_id,
             const char  *framework,
             const char  *key,
             const char  *name,
             const char  *description,
             GError     **error)
{
  sqlite3_stmt *st = verk_store_prepare (self,
                                         "INSERT INTO item (workshop_id, framework, key, name, description,"
                                         " position, uuid) VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce"
                                         " (max (position) + 1, 0) FROM item"
                                         "  WHERE workshop_id = ?1 AND framework = ?2 AND removed_at IS NULL),"
                                         " verk_uuid_v7 ())",
                                         error);
  if (st == NULL)
    return 0;
  sqlite3_bind_int64 (st, 1, workshop_id);
  verk_store_bind_text (st, 2, framework);
  verk_store_bind_text (st, 3, key);
  verk_store_bind_text0 (st, 4, name);
  verk_store_bind_text0 (st, 5, description);
  return verk_store_insert (self, st, error);
}

/* Moves the items of @framework at @from and after, present ones only, by
 * @delta places (inside the caller's transaction): -1 closes the gap a
 * removed item leaves, +1 opens one for an item that comes back. */
static gboolean
shift_items_from (VerkStore   *self,
                  gint64       workshop_id,
                  const char  *framework,
                  int          from,
                  int          delta,
                  GError     **error)
{
  sqlite3_stmt *st = verk_store_prepare (self,
                                         "UPDATE item SET position = position + ?4"
                                         " WHERE workshop_id = ?1 AND framework = ?2 AND position >= ?3"
                                         " AND removed_at IS NULL", error);

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, workshop_id);
  verk_store_bind_text (st, 2, framework);
  sqlite3_bind_int (st, 3, from);
  sqlite3_bind_int (st, 4, delta);
  return verk_store_run (self, st, error);
}

/**
 * verk_store_add_item:
 * @framework: "siq", "platform" or "scale"
 * @key: (nullable): the content key it is copied from; NULL makes a custom piece
 * @name: required, at most VERK_TEXT_MAX_SHORT characters
 * @description: (nullable): at most VERK_TEXT_MAX_LONG characters
 *
 * Adds an item at the end of the workshop's items of @framework.
 *
 * Returns: the new item's id, or 0 with @error set.
 */
gint64
verk_store_add_item (VerkStore   *self,
                     gint64       workshop_id,
                     const char  *framework,
                     const char  *key,
                     const char  *name,
                     const char  *description,
                     GError     **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), 0);
  g_return_val_if_fail (framework != NULL && *framework != '\0', 0);

  if (!check_item_texts (framework, key, name, description, error))
    return 0;
  if (verk_store_begin_edit_of (self, WORKSHOP_WORKSHOP_SQL, workshop_id, error) == 0)
    return 0;
  return verk_store_commit_new_row (self, insert_item (self, workshop_id, framework, key, name, description, error),
                                    VERK_CHANGE_ITEMS, workshop_id, error);
}

/**
 * verk_store_add_items:
 * @items: (array length=n_items): framework, key (NULL for a custom piece),
 *   name and description of each new item; the other fields are ignored
 *
 * Adds many items in one transaction, all or none, each at the end of its
 * framework in the order given: for seeding a new workshop from the content
 * pack or an import, where one commit per item would wait for the disk each
 * time and a crash half-way would leave half a puzzle. Emits
 * VerkStore::changed (VERK_CHANGE_ITEMS) once.
 *
 * Returns: TRUE on success; FALSE with nothing written on bad input
 *   (VERK_STORE_ERROR_INVALID_INPUT) or a missing workshop (_NOT_FOUND).
 */
gboolean
verk_store_add_items (VerkStore       *self,
                      gint64           workshop_id,
                      const VerkItem  *items,
                      guint            n_items,
                      GError         **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL || n_items == 0, FALSE);

  for (guint i = 0; i < n_items; i++)
    {
      g_return_val_if_fail (items[i].framework != NULL && *items[i].framework != '\0', FALSE);
      if (!check_item_texts (items[i].framework, items[i].key, items[i].name, items[i].description, error))
        return FALSE;
    }
  if (verk_store_begin_edit_of (self, WORKSHOP_WORKSHOP_SQL, workshop_id, error) == 0)
    return FALSE;
  for (guint i = 0; i < n_items; i++)
    if (insert_item (self, workshop_id, items[i].framework, items[i].key, items[i].name,
                     items[i].description, error) == 0)
      return verk_store_rollback (self);
  return verk_store_commit_and_notify (self, VERK_CHANGE_ITEMS, workshop_id, error);
}

/**
 * verk_store_update_item:
 * @description: (nullable): NULL means ""
 *
 * Renames an item and changes its description (for this workshop only).
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_update_item (VerkStore   *self,
                        gint64       item_id,
                        const char  *name,
                        const char  *description,
                        GError     **error)
{
  sqlite3_stmt *st;
  gint64 workshop_id;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!check_piece_texts (name, description, error))
    return FALSE;
  workshop_id = verk_store_begin_edit_of (self, ITEM_WORKSHOP_SQL, item_id, error);
  if (workshop_id == 0)
    return FALSE;
  st = verk_store_prepare (self, "UPDATE item SET name = ?, description = ? WHERE id = ?", error);
  if (st == NULL)
    return verk_store_rollback (self);
  verk_store_bind_text0 (st, 1, name);
  verk_store_bind_text0 (st, 2, description);
  sqlite3_bind_int64 (st, 3, item_id);
  return verk_store_edit_one_row_of (self, st, VERK_CHANGE_ITEMS, workshop_id, item_id, error);
}

/**
 * verk_store_move_item:
 * @new_position: 0-based; clamped to the last position
 *
 * Moves an item within its workshop's items of the same framework; the
 * others close up, so positions stay 0, 1, 2, ….
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_move_item (VerkStore  *self,
                      gint64      item_id,
                      int         new_position,
                      GError    **error)
{
  g_autoptr (VerkItem) item = NULL;
  sqlite3_stmt *st;
  int count;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!verk_store_begin (self, error))
    return FALSE;
  item = verk_store_get_item (self, item_id, error);
  if (item == NULL)
    return verk_store_rollback (self);

  st = verk_store_prepare (self,
                           "SELECT count(*) FROM item WHERE workshop_id = ? AND framework = ?"
                           " AND removed_at IS NULL", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, item->workshop_id);
  verk_store_bind_text (st, 2, item->framework);
  if (!verk_store_step_one (self, st, error))
    return verk_store_rollback (self);
  count = sqlite3_column_int (st, 0);
  sqlite3_reset (st);
  new_position = CLAMP (new_position, 0, count - 1);

  /* Shift the ones in between by one towards the old place. */
  st = verk_store_prepare (self,
                           "UPDATE item SET position = position + (CASE WHEN ?3 < ?4 THEN -1 ELSE 1 END)"
                           " WHERE workshop_id = ?1 AND framework = ?2 AND id != ?5 AND removed_at IS NULL"
                           " AND position BETWEEN min (?3, ?4) AND max (?3, ?4)", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, item->workshop_id);
  verk_store_bind_text (st, 2, item->framework);
  sqlite3_bind_int (st, 3, item->position);
  sqlite3_bind_int (st, 4, new_position);
  sqlite3_bind_int64 (st, 5, item_id);
  if (!verk_store_run (self, st, error))
    return verk_store_rollback (self);

  st = verk_store_prepare (self, "UPDATE item SET position = ? WHERE id = ?", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int (st, 1, new_position);
  sqlite3_bind_int64 (st, 2, item_id);
  return verk_store_edit_one_row (self, st, VERK_CHANGE_ITEMS, item->workshop_id, error);
}

/**
 * verk_store_remove_item:
 *
 * Removes an item: it disappears with its scores, agreed score and priority,
 * actions tied to it show as not tied to an area, and the items after it
 * close up. Everything stays in the file until verk_store_purge_trash(), so
 * verk_store_restore_item() can undo this.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_remove_item (VerkStore  *self,
                        gint64      item_id,
                        GError    **error)
{
  g_autoptr (VerkItem) item = NULL;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!verk_store_begin (self, error))
    return FALSE;
  item = verk_store_get_item (self, item_id, error);
  if (item == NULL)
    return verk_store_rollback (self);

  if (!verk_store_run_on_id (self, "UPDATE item SET removed_at = datetime ('now') WHERE id = ?", item_id, error)
      || !shift_items_from (self, item->workshop_id, item->framework, item->position + 1, -1, error))
    return verk_store_rollback (self);
  return verk_store_commit_and_notify (self, VERK_CHANGE_ITEMS, item->workshop_id, error);
}

/**
 * verk_store_restore_item:
 *
 * Undoes verk_store_remove_item(): the item comes back at its old place (or
 * last, if fewer items are left), with its scores, agreed score, priority and
 * action links.
 *
 * Returns: TRUE on success; VERK_STORE_ERROR_NOT_FOUND when the item was not
 *   removed (or has been purged).
 */
gboolean
verk_store_restore_item (VerkStore  *self,
                         gint64      item_id,
                         GError    **error)
{
  sqlite3_stmt *st;
  g_autofree char *framework = NULL;
  gint64 workshop_id;
  int position, count;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!verk_store_begin (self, error))
    return FALSE;
  st = verk_store_prepare_on_id (self,
                                 "SELECT workshop_id, framework, position,"
                                 " (SELECT count(*) FROM item o WHERE o.workshop_id = i.workshop_id"
                                 "  AND o.framework = i.framework AND o.removed_at IS NULL)"
                                 " FROM item i WHERE id = ? AND removed_at IS NOT NULL", item_id, error);
  if (st == NULL || !verk_store_step_one (self, st, error))
    return verk_store_rollback (self);
  workshop_id = sqlite3_column_int64 (st, 0);
  framework = verk_store_column_text (st, 1);
  position = sqlite3_column_int (st, 2);
  count = sqlite3_column_int (st, 3);
  sqlite3_reset (st);
  position = CLAMP (position, 0, count);

  if (!shift_items_from (self, workshop_id, framework, position, +1, error))
    return verk_store_rollback (self);

  st = verk_store_prepare (self, "UPDATE item SET removed_at = NULL, position = ? WHERE id = ?", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int (st, 1, position);
  sqlite3_bind_int64 (st, 2, item_id);
  return verk_store_edit_one_row (self, st, VERK_CHANGE_ITEMS, workshop_id, error);
}
