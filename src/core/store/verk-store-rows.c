/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include "verk-store-private.h"

/* ------------------------------------------------------------------------ */
/* Rows: the steps every entity file takes to read and to edit its rows,    */
/* written once. The entity files keep their SQL and their checks.          */

sqlite3_stmt *
verk_store_prepare_on_id (VerkStore   *self,
                          const char  *sql,
                          gint64       id,
                          GError     **error)
{
  sqlite3_stmt *st = verk_store_prepare (self, sql, error);

  if (st != NULL)
    sqlite3_bind_int64 (st, 1, id);
  return st;
}

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

GPtrArray *
verk_store_list_rows_of (VerkStore           *self,
                         const char          *sql,
                         gint64               id,
                         VerkStoreRowReader   read_row,
                         GDestroyNotify       free_row,
                         GError             **error)
{
  sqlite3_stmt *st = verk_store_prepare_on_id (self, sql, id, error);

  if (st == NULL)
    return NULL;
  return verk_store_read_rows (self, st, read_row, free_row, error);
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

gpointer
verk_store_get_row_of (VerkStore           *self,
                       const char          *sql,
                       gint64               id,
                       VerkStoreRowReader   read_row,
                       GError             **error)
{
  sqlite3_stmt *st = verk_store_prepare_on_id (self, sql, id, error);

  if (st == NULL)
    return NULL;
  return verk_store_read_one (self, st, read_row, error);
}

gint64
verk_store_select_int64 (VerkStore   *self,
                         const char  *sql,
                         gint64       id,
                         GError     **error)
{
  sqlite3_stmt *st = verk_store_prepare_on_id (self, sql, id, error);
  gint64 value;

  if (st == NULL || !verk_store_step_one (self, st, error))
    return 0;
  value = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return value;
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
  sqlite3_stmt *st = verk_store_prepare_on_id (self, sql, id, error);

  if (st == NULL)
    return FALSE;
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

/* Runs @st, the last statement of an edit; when @one_row, a statement that
 * changed no row means the row is gone (NOT_FOUND). Commits and announces. */
static gboolean
finish (VerkStore     *self,
        sqlite3_stmt  *st,
        gboolean       one_row,
        VerkChange     change,
        gint64         workshop_id,
        gint64         row_id,
        GError       **error)
{
  if (!verk_store_run (self, st, error))
    return verk_store_rollback (self);
  if (one_row && sqlite3_changes (self->db) == 0)
    {
      verk_store_rollback (self);
      return verk_store_not_found (error);
    }
  return verk_store_commit_and_notify_row (self, change, workshop_id, row_id, error);
}

gboolean
verk_store_finish_edit (VerkStore     *self,
                        sqlite3_stmt  *st,
                        VerkChange     change,
                        gint64         workshop_id,
                        gint64         row_id,
                        GError       **error)
{
  return finish (self, st, FALSE, change, workshop_id, row_id, error);
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
  return finish (self, st, TRUE, change, workshop_id, row_id, error);
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
  sqlite3_stmt *st = verk_store_prepare_on_id (self, sql, id, error);

  if (st == NULL)
    return verk_store_rollback (self);
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
