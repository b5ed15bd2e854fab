/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "verk-store-private.h"
#include "verk-text.h"

/* ------------------------------------------------------------------------ */
/* Workshops                                                                */

#define WORKSHOP_COLUMNS "id, grp_id, date, facilitator, notes, previous_id"

static gpointer
workshop_from_row (sqlite3_stmt *st)
{
  VerkWorkshop *w = g_new0 (VerkWorkshop, 1);

  w->id = sqlite3_column_int64 (st, 0);
  w->group_id = sqlite3_column_int64 (st, 1);
  w->date = verk_store_column_text (st, 2);
  w->facilitator = verk_store_column_text (st, 3);
  w->notes = verk_store_column_text (st, 4);
  w->previous_id = sqlite3_column_int64 (st, 5);
  return w;
}

/**
 * verk_store_list_workshops:
 *
 * Lists a group's workshops that are not in the trash, newest date first.
 *
 * Returns: (transfer full) (element-type VerkWorkshop): the workshops, or NULL.
 */
GPtrArray *
verk_store_list_workshops (VerkStore  *self,
                           gint64      group_id,
                           GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  return verk_store_list_rows_of (self, "SELECT " WORKSHOP_COLUMNS " FROM workshop"
                                        " WHERE grp_id = ? AND trashed_at IS NULL ORDER BY date DESC, id DESC",
                                        group_id, workshop_from_row, (GDestroyNotify) verk_workshop_free, error);
}

/**
 * verk_store_get_workshop:
 *
 * Looks up one workshop, also when it is in the trash.
 *
 * Returns: (transfer full): the workshop, or NULL with @error set.
 */
VerkWorkshop *
verk_store_get_workshop (VerkStore  *self,
                         gint64      workshop_id,
                         GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  return verk_store_get_row_of (self, "SELECT " WORKSHOP_COLUMNS " FROM workshop WHERE id = ?",
                                      workshop_id, workshop_from_row, error);
}

static gint64
insert_workshop (VerkStore   *self,
                 gint64       group_id,
                 const char  *date,
                 const char  *facilitator,
                 gint64       previous_id,
                 GError     **error)
{
  sqlite3_stmt *st = verk_store_prepare (self,
                                         "INSERT INTO workshop (grp_id, date, facilitator, previous_id, uuid)"
                                         " VALUES (?, ?, ?, ?, verk_uuid_v7 ())", error);
  if (st == NULL)
    return 0;
  sqlite3_bind_int64 (st, 1, group_id);
  verk_store_bind_text0 (st, 2, date);
  verk_store_bind_text0 (st, 3, facilitator);
  verk_store_bind_id (st, 4, previous_id);
  return verk_store_insert (self, st, error);
}

/* What a new workshop needs: a date and, if any, the facilitator's name. */
static gboolean
check_new_workshop (const char  *date,
                    const char  *facilitator,
                    GError     **error)
{
  return verk_store_check_date (date, TRUE, error)
         && verk_store_check_text (facilitator, VERK_TEXT_MAX_SHORT, _("the facilitator’s name"), error);
}

/**
 * verk_store_add_workshop:
 * @date: "YYYY-MM-DD"
 * @facilitator: (nullable): who leads it
 *
 * Adds an empty workshop to a group (no items: the caller copies the
 * framework's pieces in with verk_store_add_item()).
 *
 * Returns: the new workshop's id, or 0 with @error set.
 */
gint64
verk_store_add_workshop (VerkStore   *self,
                         gint64       group_id,
                         const char  *date,
                         const char  *facilitator,
                         GError     **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), 0);

  if (!check_new_workshop (date, facilitator, error))
    return 0;
  if (verk_store_begin_edit_of (self, GROUP_GROUP_SQL, group_id, error) == 0)
    return 0;
  return verk_store_commit_new_row (self, insert_workshop (self, group_id, date, facilitator, 0, error),
                                    VERK_CHANGE_GROUPS, 0, error);
}

/**
 * verk_store_update_workshop:
 *
 * Changes a workshop's date, facilitator and notes.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_update_workshop (VerkStore   *self,
                            gint64       workshop_id,
                            const char  *date,
                            const char  *facilitator,
                            const char  *notes,
                            GError     **error)
{
  sqlite3_stmt *st;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!check_new_workshop (date, facilitator, error)
      || !verk_store_check_text (notes, VERK_TEXT_MAX_LONG, _("the notes"), error))
    return FALSE;
  if (!verk_store_begin (self, error))
    return FALSE;
  st = verk_store_prepare (self, "UPDATE workshop SET date = ?, facilitator = ?, notes = ? WHERE id = ?",
                           error);
  if (st == NULL)
    return verk_store_rollback (self);
  verk_store_bind_text0 (st, 1, date);
  verk_store_bind_text0 (st, 2, facilitator);
  verk_store_bind_text0 (st, 3, notes);
  sqlite3_bind_int64 (st, 4, workshop_id);
  return verk_store_edit_one_row (self, st, VERK_CHANGE_WORKSHOP, workshop_id, error);
}

/* Copies the previous workshop's items and participants into @new_id and
 * carries its unfinished actions, mapping old item ids to new ones. */
static gboolean
copy_for_followup (VerkStore  *self,
                   gint64      previous_id,
                   gint64      new_id,
                   GError    **error)
{
  g_autoptr (GHashTable) item_map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *sel, *ins;
  int rc;

  sel = verk_store_prepare (self,
                            "SELECT id, framework, key, name, description, position FROM item"
                            " WHERE workshop_id = ? AND removed_at IS NULL ORDER BY framework, position",
                            error);
  if (sel == NULL)
    return FALSE;
  sqlite3_bind_int64 (sel, 1, previous_id);
  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      gint64 old_id = sqlite3_column_int64 (sel, 0);
      ins = verk_store_prepare (self,
                                "INSERT INTO item (workshop_id, framework, key, name, description, position, uuid)"
                                " VALUES (?, ?, ?, ?, ?, ?, verk_uuid_v7 ())", error);
      if (ins == NULL)
        break;
      sqlite3_bind_int64 (ins, 1, new_id);
      sqlite3_bind_value (ins, 2, sqlite3_column_value (sel, 1));
      sqlite3_bind_value (ins, 3, sqlite3_column_value (sel, 2));
      sqlite3_bind_value (ins, 4, sqlite3_column_value (sel, 3));
      sqlite3_bind_value (ins, 5, sqlite3_column_value (sel, 4));
      sqlite3_bind_value (ins, 6, sqlite3_column_value (sel, 5));
      if (!verk_store_run (self, ins, error))
        break;
      g_hash_table_insert (item_map, g_memdup2 (&old_id, sizeof old_id),
                           g_memdup2 (&(gint64) { sqlite3_last_insert_rowid (self->db) }, sizeof (gint64)));
    }
  sqlite3_reset (sel);
  if (rc != SQLITE_DONE)
    {
      if (rc != SQLITE_ROW)
        verk_store_set_save_error (self, error, rc);
      return FALSE;
    }

  ins = verk_store_prepare (self,
                            "INSERT INTO participant (workshop_id, name, position, uuid)"
                            " SELECT ?1, name, position, verk_uuid_v7 () FROM participant"
                            " WHERE workshop_id = ?2 AND removed_at IS NULL", error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, new_id);
  sqlite3_bind_int64 (ins, 2, previous_id);
  if (!verk_store_run (self, ins, error))
    return FALSE;

  sel = verk_store_prepare (self,
                            "SELECT id, item_id, what, owner, due, status FROM action"
                            " WHERE workshop_id = ? AND status IN (0, 1) ORDER BY id", error);
  if (sel == NULL)
    return FALSE;
  sqlite3_bind_int64 (sel, 1, previous_id);
  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      gint64 old_item = sqlite3_column_int64 (sel, 1);
      gint64 *new_item = g_hash_table_lookup (item_map, &old_item);

      ins = verk_store_prepare (self,
                                "INSERT INTO action (workshop_id, item_id, what, owner, due, status, carried_from, uuid)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, verk_uuid_v7 ())", error);
      if (ins == NULL)
        break;
      sqlite3_bind_int64 (ins, 1, new_id);
      verk_store_bind_id (ins, 2, new_item != NULL ? *new_item : 0);
      sqlite3_bind_value (ins, 3, sqlite3_column_value (sel, 2));
      sqlite3_bind_value (ins, 4, sqlite3_column_value (sel, 3));
      sqlite3_bind_value (ins, 5, sqlite3_column_value (sel, 4));
      sqlite3_bind_value (ins, 6, sqlite3_column_value (sel, 5));
      sqlite3_bind_int64 (ins, 7, sqlite3_column_int64 (sel, 0));
      if (!verk_store_run (self, ins, error))
        break;
    }
  sqlite3_reset (sel);
  if (rc != SQLITE_DONE)
    {
      if (rc != SQLITE_ROW)
        verk_store_set_save_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

/**
 * verk_store_add_followup:
 * @previous_id: the workshop to follow up
 *
 * Adds the group's next workshop: a copy of @previous_id's items (texts,
 * order, custom pieces; no scores, priorities or reflections) and
 * participants, with its open and in-progress actions carried along
 * (carried_from set, follow-up note empty, the status as it was).
 *
 * Returns: the new workshop's id, or 0 with @error set.
 */
gint64
verk_store_add_followup (VerkStore   *self,
                         gint64       previous_id,
                         const char  *date,
                         const char  *facilitator,
                         GError     **error)
{
  g_autoptr (VerkWorkshop) previous = NULL;
  gint64 id;

  g_return_val_if_fail (VERK_IS_STORE (self), 0);

  if (!check_new_workshop (date, facilitator, error))
    return 0;
  if (!verk_store_begin (self, error))
    return 0;
  previous = verk_store_get_workshop (self, previous_id, error);
  if (previous == NULL)
    return verk_store_rollback (self);
  id = insert_workshop (self, previous->group_id, date, facilitator, previous_id, error);
  if (id == 0 || !copy_for_followup (self, previous_id, id, error))
    return verk_store_rollback (self);
  return verk_store_commit_new_row (self, id, VERK_CHANGE_GROUPS, 0, error);
}

/**
 * verk_store_get_previous_workshop_id:
 *
 * Finds the workshop @workshop_id follows up, whose actions and scores the
 * Follow up step, the presentation, the workbook and the handout show beside
 * its own: the one it links to (its previous_id) when that is not in the
 * trash, or else the group's latest workshop before it by date (by id on the
 * same date), trash skipped (PREVIOUS_WORKSHOP_SQL, which the start page's
 * summaries read too).
 *
 * Returns: the id, or 0 when there is none (@error unset) or on error.
 */
gint64
verk_store_get_previous_workshop_id (VerkStore  *self,
                                     gint64      workshop_id,
                                     GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), 0);

  return verk_store_select_int64 (self,
                                  "SELECT coalesce (" PREVIOUS_WORKSHOP_SQL ("w") ", 0)"
                                  " FROM workshop w WHERE w.id = ?", workshop_id, error);
}

/**
 * verk_store_trash_workshop:
 *
 * Moves a workshop to the trash (see verk_store_restore_workshop()).
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_trash_workshop (VerkStore  *self,
                           gint64      workshop_id,
                           GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  return verk_store_set_trashed (self, "UPDATE workshop SET trashed_at = datetime ('now') WHERE id = ?",
                                 workshop_id, VERK_CHANGE_GROUPS, 0, error);
}

/**
 * verk_store_restore_workshop:
 *
 * Takes a workshop out of the trash.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_restore_workshop (VerkStore  *self,
                             gint64      workshop_id,
                             GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  return verk_store_set_trashed (self, "UPDATE workshop SET trashed_at = NULL WHERE id = ?",
                                 workshop_id, VERK_CHANGE_GROUPS, 0, error);
}

/* Deletes for good what went to the trash before now + @older_than. */
static gboolean
purge (VerkStore   *self,
       const char  *older_than,   /* an SQLite date modifier like "-30 days", or NULL for all */
       GError     **error)
{
  static const char * const sql[] = {
    "DELETE FROM workshop WHERE trashed_at < datetime ('now', coalesce (?1, '+1000 years'))",
    "DELETE FROM grp WHERE trashed_at < datetime ('now', coalesce (?1, '+1000 years'))",
    "DELETE FROM item WHERE removed_at < datetime ('now', coalesce (?1, '+1000 years'))",
    "DELETE FROM participant WHERE removed_at < datetime ('now', coalesce (?1, '+1000 years'))",
  };
  int changes = 0;

  if (!verk_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *st = verk_store_prepare (self, sql[i], error);
      if (st == NULL)
        return verk_store_rollback (self);
      verk_store_bind_text (st, 1, older_than);
      if (!verk_store_run (self, st, error))
        return verk_store_rollback (self);
      changes += sqlite3_changes (self->db);
    }
  if (changes == 0)
    {
      /* Nothing was in the trash: nothing to announce. */
      verk_store_rollback (self);
      return TRUE;
    }
  return verk_store_commit_and_notify (self, VERK_CHANGE_GROUPS, 0, error);
}

/**
 * verk_store_purge_trash:
 *
 * Deletes every trashed group and workshop, and every removed item and
 * participant, for good, with everything in them.
 * Links from other workshops (previous_id, carried_from) become unset.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_purge_trash (VerkStore  *self,
                        GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  return purge (self, NULL, error);
}

/**
 * verk_store_purge_trash_older_than:
 * @days: how long things stay in the trash
 *
 * Like verk_store_purge_trash(), but only for what was trashed or removed
 * more than @days days ago: for the app to call at start-up, so the trash
 * neither grows forever nor loses what was deleted a moment ago.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_purge_trash_older_than (VerkStore  *self,
                                   guint       days,
                                   GError    **error)
{
  g_autofree char *modifier = g_strdup_printf ("-%u days", days);

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  return purge (self, modifier, error);
}
