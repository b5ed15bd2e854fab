/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "verk-store-private.h"

/* Backups sit beside the database as "NAME.YYYY-MM-DD.backup" (the automatic
 * one of that day) or "NAME.YYYY-MM-DD.REASON.backup" (before a migration or a
 * restore). Each is a complete SQLite database written with the backup API. */
#define BACKUP_SUFFIX ".backup"

char *
verk_store_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

char *
verk_store_backup_path (const char *db_path,
                        const char *day,
                        const char *reason)
{
  if (reason != NULL)
    return g_strdup_printf ("%s.%s.%s" BACKUP_SUFFIX, db_path, day, reason);
  return g_strdup_printf ("%s.%s" BACKUP_SUFFIX, db_path, day);
}

static gboolean
fsync_path (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

gboolean
verk_store_backup_db_to (sqlite3     *db,
                         const char  *dest,
                         GError     **error)
{
  g_autofree char *tmp = g_strconcat (dest, ".tmp", NULL);
  g_autofree char *dir = g_path_get_dirname (dest);
  sqlite3 *out = NULL;
  sqlite3_backup *backup;
  int fd;
  int rc;

  /* Our own file, mode 0600 like the database: a backup holds the same
   * people's scores. O_TRUNC: a .tmp left by a crash is simply reused. */
  fd = g_open (tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_FAILED,
                   _("Verkstad could not write a backup copy of the database in “%s”: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (tmp, &out, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (out, "main", db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (out);
      else
        {
          /* -1: everything in one step, so the copy is one consistent snapshot. */
          rc = sqlite3_backup_step (backup, -1);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
          sqlite3_backup_finish (backup);
        }
    }
  /* The copy carries the live file's WAL mark; make it a plain one-file
   * database, readable anywhere (also from a read-only stick) and by any
   * SQLite tool without -wal/-shm files appearing beside it. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *message = g_strdup_printf (_("Verkstad could not write a backup copy of the "
                                                    "database in “%s”. Check that the disk is not full."),
                                                  dir);
      g_autofree char *details = g_strdup_printf (_("Details: %s"),
                                                  out != NULL ? sqlite3_errmsg (out) : sqlite3_errstr (rc));
      g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_FAILED, "%s\n\n%s", message, details);
      sqlite3_close (out);
      g_unlink (tmp);
      return FALSE;
    }
  sqlite3_close (out);

  if (!fsync_path (tmp) || g_rename (tmp, dest) != 0)
    {
      int saved = errno;
      g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_FAILED,
                   _("Verkstad could not write a backup copy of the database in “%s”: %s"),
                   dir, g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  fsync_path (dir);
  return TRUE;
}

static int
compare_backups (gconstpointer a,
                 gconstpointer b)
{
  const VerkBackup *ba = *(VerkBackup * const *) a;
  const VerkBackup *bb = *(VerkBackup * const *) b;
  int c = g_strcmp0 (bb->day, ba->day);

  return c != 0 ? c : g_strcmp0 (bb->path, ba->path);
}

/* Every backup of @db_path, newest first. */
static GPtrArray *
list_backups_of (const char  *db_path,
                 GError     **error)
{
  g_autofree char *dir_name = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_backup_free);
  g_autoptr (GDir) dir = NULL;
  gsize base_len = strlen (base);
  const char *name;

  dir = g_dir_open (dir_name, 0, error);
  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      const char *rest;
      VerkBackup *b;
      int y, m, d;

      if (strncmp (name, base, base_len) != 0 || name[base_len] != '.')
        continue;
      if (!g_str_has_suffix (name, BACKUP_SUFFIX))
        continue;
      rest = name + base_len + 1;
      if (strlen (rest) < 10 + strlen (BACKUP_SUFFIX)
          || sscanf (rest, "%4d-%2d-%2d", &y, &m, &d) != 3
          || !(rest[10] == '.'))
        continue;

      b = g_new0 (VerkBackup, 1);
      b->path = g_build_filename (dir_name, name, NULL);
      b->day = g_strndup (rest, 10);
      if (rest[10] == '.' && rest + 11 < name + strlen (name) - strlen (BACKUP_SUFFIX))
        b->reason = g_strndup (rest + 11, strlen (rest + 11) - strlen (BACKUP_SUFFIX));
      g_ptr_array_add (list, b);
    }
  g_ptr_array_sort (list, compare_backups);
  return g_steal_pointer (&list);
}

gboolean
verk_store_daily_backup (VerkStore  *self,
                         GError    **error)
{
  g_autofree char *today = verk_store_today ();
  g_autofree char *path = verk_store_backup_path (self->path, today, NULL);
  g_autoptr (GPtrArray) list = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS)
      && !verk_store_backup_db_to (self->db, path, error))
    return FALSE;
  g_free (self->backup_day);
  self->backup_day = g_steal_pointer (&today);

  list = list_backups_of (self->path, error);
  if (list == NULL)
    return FALSE;
  for (guint i = VERK_STORE_KEEP_BACKUPS; i < list->len; i++)
    {
      VerkBackup *b = g_ptr_array_index (list, i);
      g_debug ("removing old backup %s", b->path);
      g_unlink (b->path);
    }
  return TRUE;
}

/**
 * verk_store_list_backups:
 *
 * Lists the automatic backups beside the database, newest first.
 *
 * Returns: (transfer full) (element-type VerkBackup): the backups (empty for
 *   an in-memory store), or NULL with @error set.
 */
GPtrArray *
verk_store_list_backups (VerkStore  *self,
                         GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  if (g_strcmp0 (self->path, ":memory:") == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) verk_backup_free);
  return list_backups_of (self->path, error);
}

/**
 * verk_backup_describe:
 *
 * Returns: a translated phrase saying why the backup was made.
 */
const char *
verk_backup_describe (const VerkBackup *backup)
{
  g_return_val_if_fail (backup != NULL, "");

  if (backup->reason == NULL)
    return _("Automatic backup");
  if (g_str_has_prefix (backup->reason, "before-v"))
    return _("Before updating the database");
  if (g_strcmp0 (backup->reason, "before-restore") == 0)
    return _("Before restoring a backup");
  return _("Backup");
}

/* A URI that opens @path as a plain read-only file: no locks, no -wal or -shm
 * created beside it. Only for files nobody writes to, like backups. */
static char *
immutable_uri (const char *path)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

  return g_strdup_printf ("file:%s?immutable=1", escaped);
}

/* Checks that @path is a Verkstad database this build can read, without
 * changing it. Returns its schema version. */
static int
check_backup_file (const char  *path,
                   GError     **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *display = g_filename_display_name (path);
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  int app_id = -1, version = -1;
  int rc;

  uri = immutable_uri (path);
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &st, NULL);
  if (rc == SQLITE_OK && sqlite3_step (st) == SQLITE_ROW)
    app_id = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  st = NULL;
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &st, NULL);
  if (rc == SQLITE_OK && sqlite3_step (st) == SQLITE_ROW)
    version = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  st = NULL;
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &st, NULL);
  if (rc == SQLITE_OK
      && (sqlite3_step (st) != SQLITE_ROW
          || g_strcmp0 ((const char *) sqlite3_column_text (st, 0), "ok") != 0))
    rc = SQLITE_CORRUPT;
  sqlite3_finalize (st);
  sqlite3_close (db);

  if (rc != SQLITE_OK || app_id != VERK_STORE_APPLICATION_ID)
    {
      g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_DATABASE,
                   _("The backup “%s” is damaged or is not a Verkstad database, so it was not "
                     "restored. Choose another backup."), display);
      return -1;
    }
  if (version > verk_store_schema_version ())
    {
      g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_TOO_NEW,
                   _("The backup “%s” was made by a newer version of Verkstad. Update Verkstad "
                     "to restore it."), display);
      return -1;
    }
  return version;
}

/**
 * verk_store_restore_backup:
 * @backup_path: a path from verk_store_list_backups()
 *
 * Replaces everything in the open database with the contents of the backup,
 * after saving the current contents as one more backup (so a restore can be
 * undone by restoring that one). Emits VerkStore::changed with
 * VERK_CHANGE_GROUPS: every view must reload.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_restore_backup (VerkStore   *self,
                           const char  *backup_path,
                           GError     **error)
{
  g_autofree char *today = NULL;
  g_autofree char *safety = NULL;
  sqlite3 *src = NULL;
  sqlite3_backup *backup;
  int version;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  version = check_backup_file (backup_path, error);
  if (version < 0)
    return FALSE;

  if (g_strcmp0 (self->path, ":memory:") != 0)
    {
      today = verk_store_today ();
      safety = verk_store_backup_path (self->path, today, "before-restore");
      if (!verk_store_backup_db_to (self->db, safety, error))
        return FALSE;
    }

  {
    g_autofree char *uri = immutable_uri (backup_path);
    rc = sqlite3_open_v2 (uri, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  }
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (self->db, "main", src, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (self->db);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
          sqlite3_backup_finish (backup);
        }
    }
  sqlite3_close (src);
  if (rc != SQLITE_OK)
    {
      verk_store_set_error_from_rc (self, error, rc,
                                    _("Verkstad could not restore the backup; "
                                      "the database was left as it was."));
      return FALSE;
    }

  /* The backup API copied the backup's header too, so a backup from an older
   * version is migrated like any older file (its copy of before is @safety). */
  if (!verk_store_migrate (self, version, error))
    return FALSE;

  g_signal_emit_by_name (self, "changed", VERK_CHANGE_GROUPS, (gint64) 0);
  return TRUE;
}
