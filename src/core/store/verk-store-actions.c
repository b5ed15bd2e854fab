/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "verk-store-private.h"
#include "verk-text.h"

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */

static gpointer
action_from_row (sqlite3_stmt *st)
{
  VerkAction *a = g_new0 (VerkAction, 1);

  a->id = sqlite3_column_int64 (st, 0);
  a->workshop_id = sqlite3_column_int64 (st, 1);
  a->item_id = sqlite3_column_int64 (st, 2);
  a->what = verk_store_column_text (st, 3);
  a->owner = verk_store_column_text (st, 4);
  a->due = verk_store_column_text (st, 5);
  a->status = sqlite3_column_int (st, 6);
  a->followup = verk_store_column_text (st, 7);
  a->carried_from = sqlite3_column_int64 (st, 8);
  return a;
}

/**
 * verk_store_list_actions:
 *
 * Lists a workshop's actions in the order they were added.
 *
 * Returns: (transfer full) (element-type VerkAction): the actions, or NULL.
 */
GPtrArray *
verk_store_list_actions (VerkStore  *self,
                         gint64      workshop_id,
                         GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  return verk_store_list_rows_of (self, "SELECT a.id, a.workshop_id,"
                                        " CASE WHEN i.removed_at IS NULL THEN a.item_id END,"
                                        " a.what, a.owner, a.due, a.status, a.followup, a.carried_from"
                                        " FROM action a LEFT JOIN item i ON i.id = a.item_id"
                                        " WHERE a.workshop_id = ? ORDER BY a.id",
                                        workshop_id, action_from_row,
                                        (GDestroyNotify) verk_action_free, error);
}

static gboolean
check_action (VerkStore         *self,
              const VerkAction  *action,
              GError           **error)
{
  if (!verk_store_check_required (action->what, VERK_TEXT_MAX_LONG, _("the action"), error)
      || !verk_store_check_text (action->owner, VERK_TEXT_MAX_SHORT, _("who is responsible"), error)
      || !verk_store_check_date (action->due, FALSE, error)
      || !verk_store_check_text (action->followup, VERK_TEXT_MAX_LONG, _("the follow-up note"), error))
    return FALSE;
  if ((int) action->status < VERK_ACTION_OPEN || action->status > VERK_ACTION_DROPPED)
    {
      g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT,
                   _("An action’s status must be open, in progress, done or dropped."));
      return FALSE;
    }
  if (action->item_id != 0)
    {
      gint64 ws = verk_store_owner_workshop (self, ITEM_WORKSHOP_SQL, action->item_id, error);
      if (ws == 0)
        return FALSE;
      if (ws != action->workshop_id)
        return verk_store_not_found (error);
    }
  return TRUE;
}

/* Binds what the user edits of an action as ?2 … ?7, in the order of the
 * action table: item, what, owner, due ("" is no date), status, follow-up. */
static void
bind_action_fields (sqlite3_stmt      *st,
                    const VerkAction  *action)
{
  verk_store_bind_id (st, 2, action->item_id);
  verk_store_bind_text0 (st, 3, action->what);
  verk_store_bind_text0 (st, 4, action->owner);
  verk_store_bind_text (st, 5, action->due != NULL && *action->due != '\0' ? action->due : NULL);
  sqlite3_bind_int (st, 6, action->status);
  verk_store_bind_text0 (st, 7, action->followup);
}

/**
 * verk_store_add_action:
 * @action: workshop_id, what (required), and optionally item_id, owner,
 *   due ("YYYY-MM-DD"), status, followup, carried_from; id is ignored
 *
 * Adds an action to the workshop's plan.
 *
 * Returns: the new action's id, or 0 with @error set.
 */
gint64
verk_store_add_action (VerkStore         *self,
                       const VerkAction  *action,
                       GError           **error)
{
  sqlite3_stmt *st;

  g_return_val_if_fail (VERK_IS_STORE (self), 0);
  g_return_val_if_fail (action != NULL, 0);

  if (verk_store_begin_edit_of (self, WORKSHOP_WORKSHOP_SQL, action->workshop_id, error) == 0)
    return 0;
  if (!check_action (self, action, error))
    return verk_store_rollback (self);
  st = verk_store_prepare (self,
                           "INSERT INTO action (workshop_id, item_id, what, owner, due, status, followup,"
                           " carried_from, uuid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, verk_uuid_v7 ())", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, action->workshop_id);
  bind_action_fields (st, action);
  verk_store_bind_id (st, 8, action->carried_from);
  return verk_store_commit_new_row (self, verk_store_insert (self, st, error), VERK_CHANGE_ACTIONS,
                                    action->workshop_id, error);
}

/**
 * verk_store_update_action:
 * @action: the action with its id; every field is written (workshop_id and
 *   carried_from are kept as stored)
 *
 * Changes an action.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_update_action (VerkStore         *self,
                          const VerkAction  *action,
                          GError           **error)
{
  sqlite3_stmt *st;
  gint64 workshop_id;
  VerkAction checked;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  workshop_id = verk_store_begin_edit_of (self, ACTION_WORKSHOP_SQL, action->id, error);
  if (workshop_id == 0)
    return FALSE;
  checked = *action;
  checked.workshop_id = workshop_id;
  if (!check_action (self, &checked, error))
    return verk_store_rollback (self);
  st = verk_store_prepare (self,
                           "UPDATE action SET item_id = ?2, what = ?3, owner = ?4, due = ?5, status = ?6,"
                           " followup = ?7 WHERE id = ?1", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, action->id);
  bind_action_fields (st, action);
  return verk_store_edit_one_row (self, st, VERK_CHANGE_ACTIONS, workshop_id, error);
}

/**
 * verk_store_remove_action:
 *
 * Deletes an action. Actions carried from it keep their text but lose the link.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_remove_action (VerkStore  *self,
                          gint64      action_id,
                          GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  return verk_store_edit_owned_row (self, ACTION_WORKSHOP_SQL, "DELETE FROM action WHERE id = ?", action_id,
                                    VERK_CHANGE_ACTIONS, error);
}
