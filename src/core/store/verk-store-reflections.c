/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "verk-store-private.h"
#include "verk-text.h"

/* ------------------------------------------------------------------------ */
/* Reflections                                                              */

static gpointer
reflection_from_row (sqlite3_stmt *st)
{
  VerkReflection *r = g_new0 (VerkReflection, 1);

  r->workshop_id = sqlite3_column_int64 (st, 0);
  r->part = verk_store_column_text (st, 1);
  r->strengths = verk_store_column_text (st, 2);
  r->development = verk_store_column_text (st, 3);
  r->obstacles = verk_store_column_text (st, 4);
  r->removers = verk_store_column_text (st, 5);
  return r;
}

/**
 * verk_store_list_reflections:
 *
 * Lists the workshop's reflections, one per platform part that has one.
 *
 * Returns: (transfer full) (element-type VerkReflection): the reflections, or NULL.
 */
GPtrArray *
verk_store_list_reflections (VerkStore  *self,
                             gint64      workshop_id,
                             GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  return verk_store_list_rows_of (self, "SELECT workshop_id, part, strengths, development, obstacles, removers"
                                        " FROM reflection WHERE workshop_id = ? ORDER BY part",
                                        workshop_id, reflection_from_row,
                                        (GDestroyNotify) verk_reflection_free, error);
}

/**
 * verk_store_set_reflection:
 * @reflection: workshop_id, part (a content key) and the four texts (NULL = "")
 *
 * Writes the reflection on one platform part, replacing what was there.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_set_reflection (VerkStore             *self,
                           const VerkReflection  *reflection,
                           GError               **error)
{
  sqlite3_stmt *st;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);
  g_return_val_if_fail (reflection != NULL && reflection->part != NULL, FALSE);

  if (!verk_store_check_text (reflection->part, VERK_TEXT_MAX_SHORT, "part", error)
      || !verk_store_check_text (reflection->strengths, VERK_TEXT_MAX_LONG, _("the strengths"), error)
      || !verk_store_check_text (reflection->development, VERK_TEXT_MAX_LONG, _("the areas to develop"), error)
      || !verk_store_check_text (reflection->obstacles, VERK_TEXT_MAX_LONG, _("the obstacles"), error)
      || !verk_store_check_text (reflection->removers, VERK_TEXT_MAX_LONG, _("who can remove the obstacles"), error))
    return FALSE;
  if (verk_store_begin_edit_of (self, WORKSHOP_WORKSHOP_SQL, reflection->workshop_id, error) == 0)
    return FALSE;
  st = verk_store_prepare (self,
                           "INSERT INTO reflection (workshop_id, part, strengths, development, obstacles, removers)"
                           " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workshop_id, part) DO UPDATE SET"
                           " strengths = excluded.strengths, development = excluded.development,"
                           " obstacles = excluded.obstacles, removers = excluded.removers", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, reflection->workshop_id);
  verk_store_bind_text0 (st, 2, reflection->part);
  verk_store_bind_text0 (st, 3, reflection->strengths);
  verk_store_bind_text0 (st, 4, reflection->development);
  verk_store_bind_text0 (st, 5, reflection->obstacles);
  verk_store_bind_text0 (st, 6, reflection->removers);
  return verk_store_finish_edit (self, st, VERK_CHANGE_REFLECTIONS, reflection->workshop_id, 0, error);
}
