/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "verk-store-private.h"
#include "verk-text.h"

/* ------------------------------------------------------------------------ */
/* Groups                                                                   */

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const VerkGroup *ga = *(VerkGroup * const *) a;
  const VerkGroup *gb = *(VerkGroup * const *) b;
  int c = g_utf8_collate (ga->name, gb->name);

  return c != 0 ? c : (ga->id < gb->id ? -1 : ga->id > gb->id);
}

#define GROUP_SELECT "SELECT id, name, unit FROM grp "

static gpointer
group_from_row (sqlite3_stmt *st)
{
  VerkGroup *g = g_new0 (VerkGroup, 1);

  g->id = sqlite3_column_int64 (st, 0);
  g->name = verk_store_column_text (st, 1);
  g->unit = verk_store_column_text (st, 2);
  return g;
}

/* What a group's name and unit must be, on adding and on changing. */
static gboolean
check_group_texts (const char  *name,
                   const char  *unit,
                   GError     **error)
{
  return verk_store_check_required (name, VERK_TEXT_MAX_SHORT, _("the group’s name"), error)
         && verk_store_check_text (unit, VERK_TEXT_MAX_SHORT, _("the organisation unit"), error);
}

/**
 * verk_store_list_groups:
 *
 * Lists the groups that are not in the trash, sorted by name in the user's
 * language.
 *
 * Returns: (transfer full) (element-type VerkGroup): the groups, or NULL.
 */
GPtrArray *
verk_store_list_groups (VerkStore  *self,
                        GError    **error)
{
  g_autoptr (GPtrArray) list = NULL;
  sqlite3_stmt *st;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  st = verk_store_prepare (self, GROUP_SELECT "WHERE trashed_at IS NULL", error);
  if (st == NULL)
    return NULL;
  list = verk_store_read_rows (self, st, group_from_row, (GDestroyNotify) verk_group_free, error);
  if (list == NULL)
    return NULL;
  g_ptr_array_sort (list, compare_groups);
  return g_steal_pointer (&list);
}

/**
 * verk_store_get_group:
 *
 * Looks up one group, also when it is in the trash.
 *
 * Returns: (transfer full): the group, or NULL with VERK_STORE_ERROR_NOT_FOUND.
 */
VerkGroup *
verk_store_get_group (VerkStore  *self,
                      gint64      group_id,
                      GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  return verk_store_get_row_of (self, GROUP_SELECT "WHERE id = ?", group_id, group_from_row, error);
}

/**
 * verk_store_add_group:
 * @name: required, at most VERK_TEXT_MAX_SHORT characters
 * @unit: (nullable): the organisation unit
 *
 * Adds a management group.
 *
 * Returns: the new group's id, or 0 with @error set.
 */
gint64
verk_store_add_group (VerkStore   *self,
                      const char  *name,
                      const char  *unit,
                      GError     **error)
{
  sqlite3_stmt *st;

  g_return_val_if_fail (VERK_IS_STORE (self), 0);

  if (!check_group_texts (name, unit, error))
    return 0;
  if (!verk_store_begin (self, error))
    return 0;
  st = verk_store_prepare (self, "INSERT INTO grp (name, unit, uuid) VALUES (?, ?, verk_uuid_v7 ())", error);
  if (st == NULL)
    return verk_store_rollback (self);
  verk_store_bind_text0 (st, 1, name);
  verk_store_bind_text0 (st, 2, unit);
  return verk_store_commit_new_row (self, verk_store_insert (self, st, error), VERK_CHANGE_GROUPS, 0, error);
}

/**
 * verk_store_update_group:
 *
 * Renames a group and changes its organisation unit.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_update_group (VerkStore   *self,
                         gint64       group_id,
                         const char  *name,
                         const char  *unit,
                         GError     **error)
{
  sqlite3_stmt *st;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!check_group_texts (name, unit, error))
    return FALSE;
  if (!verk_store_begin (self, error))
    return FALSE;
  st = verk_store_prepare (self, "UPDATE grp SET name = ?, unit = ? WHERE id = ?", error);
  if (st == NULL)
    return verk_store_rollback (self);
  verk_store_bind_text0 (st, 1, name);
  verk_store_bind_text0 (st, 2, unit);
  sqlite3_bind_int64 (st, 3, group_id);
  return verk_store_edit_one_row (self, st, VERK_CHANGE_GROUPS, 0, error);
}

/**
 * verk_store_trash_group:
 *
 * Moves a group (with its workshops) to the trash: it disappears from
 * verk_store_list_groups() until verk_store_restore_group() or, for good,
 * verk_store_purge_trash().
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_trash_group (VerkStore  *self,
                        gint64      group_id,
                        GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  return verk_store_set_trashed (self, "UPDATE grp SET trashed_at = datetime ('now') WHERE id = ?",
                                 group_id, VERK_CHANGE_GROUPS, 0, error);
}

/**
 * verk_store_restore_group:
 *
 * Takes a group out of the trash (the Undo of verk_store_trash_group()).
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_restore_group (VerkStore  *self,
                          gint64      group_id,
                          GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  return verk_store_set_trashed (self, "UPDATE grp SET trashed_at = NULL WHERE id = ?",
                                 group_id, VERK_CHANGE_GROUPS, 0, error);
}
