/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include "verk-store-private.h"

/* ------------------------------------------------------------------------ */
/* Rows: the steps every entity file takes to read and to edit its rows,    */
/* written once. The entity files keep their SQL and their checks.          */

GPtrArray *
verk_store_read_rows (VerkStore           *self,
                      sqlite3_stmt        *st,
                      VerkStoreRowReader   read_row,
                      GDestroyNotify       free_row,
                      GError             **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (free_row);
  int rc;

  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (list, read_row (st));
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      verk_store_set_read_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
verk_store_step_one (VerkStore     *self,
                     sqlite3_stmt  *st,
                     GError       **error)
{
  int rc = sqlite3_step (st);

  if (rc == SQLITE_ROW)
    return TRUE;
  sqlite3_reset (st);
  if (rc == SQLITE_DONE)
    verk_store_not_found (error);
  else
    verk_store_set_read_error (self, error, rc);
  return FALSE;
}

gpointer
verk_store_read_one (VerkStore           *self,
                     sqlite3_stmt        *st,
                     VerkStoreRowReader   read_row,
                     GError             **error)
{
  gpointer row;

  if (!verk_store_step_one (self, st, error))
    return NULL;
  row = read_row (st);
  sqlite3_reset (st);
  return row;
}

gint64
verk_store_begin_edit_of (VerkStore   *self,
                          const char  *owner_sql,
                          gint64       id,
                          GError     **error)
{
  gint64 workshop_id;

  if (!verk_store_begin (self, error))
    return 0;
  workshop_id = verk_store_owner_workshop (self, owner_sql, id, error);
  if (workshop_id == 0)
    verk_store_rollback (self);
  return workshop_id;
}

gboolean
verk_store_run_on_id (VerkStore   *self,
                      const char  *sql,
                      gint64       id,
                      GError     **error)
{
  sqlite3_stmt *st = verk_store_prepare (self, sql, error);

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, id);
  return verk_store_run (self, st, error);
}

gint64
verk_store_insert (VerkStore     *self,
                   sqlite3_stmt  *st,
                   GError       **error)
{
  if (!verk_store_run (self, st, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

gint64
verk_store_commit_new_row (VerkStore   *self,
                           gint64       id,
                           VerkChange   change,
                           gint64       workshop_id,
                           GError     **error)
{
  if (id == 0)
    return verk_store_rollback (self);
  if (!verk_store_commit_and_notify (self, change, workshop_id, error))
    return 0;
  return id;
}

gboolean
verk_store_finish_edit (VerkStore     *self,
                        sqlite3_stmt  *st,
                        VerkChange     change,
                        gint64         workshop_id,
                        gint64         row_id,
                        GError       **error)
{
  if (!verk_store_run (self, st, error))
    return verk_store_rollback (self);
  return verk_store_commit_and_notify_row (self, change, workshop_id, row_id, error);
}

/* Runs one UPDATE/DELETE on a row that must exist, as a whole edit; @row_id
 * as in verk_store_commit_and_notify_row(). */
gboolean
verk_store_edit_one_row_of (VerkStore     *self,
                            sqlite3_stmt  *st,
                            VerkChange     change,
                            gint64         workshop_id,
                            gint64         row_id,
                            GError       **error)
{
  if (!verk_store_run (self, st, error))
    return verk_store_rollback (self);
  if (sqlite3_changes (self->db) == 0)
    {
      verk_store_rollback (self);
      return verk_store_not_found (error);
    }
  return verk_store_commit_and_notify_row (self, change, workshop_id, row_id, error);
}

gboolean
verk_store_edit_one_row (VerkStore     *self,
                         sqlite3_stmt  *st,
                         VerkChange     change,
                         gint64         workshop_id,
                         GError       **error)
{
  return verk_store_edit_one_row_of (self, st, change, workshop_id, 0, error);
}

gboolean
verk_store_edit_row_by_id (VerkStore   *self,
                           const char  *sql,
                           gint64       id,
                           VerkChange   change,
                           gint64       workshop_id,
                           GError     **error)
{
  sqlite3_stmt *st = verk_store_prepare (self, sql, error);

  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, id);
  return verk_store_edit_one_row (self, st, change, workshop_id, error);
}

gboolean
verk_store_edit_owned_row (VerkStore   *self,
                           const char  *owner_sql,
                           const char  *sql,
                           gint64       id,
                           VerkChange   change,
                           GError     **error)
{
  gint64 workshop_id = verk_store_begin_edit_of (self, owner_sql, id, error);

  if (workshop_id == 0)
    return FALSE;
  return verk_store_edit_row_by_id (self, sql, id, change, workshop_id, error);
}

gboolean
verk_store_set_trashed (VerkStore   *self,
                        const char  *sql,
                        gint64       id,
                        VerkChange   change,
                        gint64       workshop_id,
                        GError     **error)
{
  if (!verk_store_begin (self, error))
    return FALSE;
  return verk_store_edit_row_by_id (self, sql, id, change, workshop_id, error);
}
