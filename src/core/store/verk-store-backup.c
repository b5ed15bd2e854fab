/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "verk-store-private.h"
#include "verk-store-backup-private.h"

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

/* The testing hook of verk-store-backup-private.h: the step that fails next. */
static char *injected_fault;

void
verk_store_backup_inject_fault (const char *step)
{
  g_free (injected_fault);
  injected_fault = g_strdup (step);
}

gboolean
verk_store_fault_at (const char *step)
{
  return injected_fault != NULL && strcmp (injected_fault, step) == 0;
}

static gboolean
fault_at (const char *step)
{
  return verk_store_fault_at (step);
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

static gboolean
set_errno_error (GError     **error,
                 const char  *dir,
                 int          saved)
{
  g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_FAILED,
               _("Verkstad could not write a backup copy of the database in “%s”: %s"),
               dir, g_strerror (saved));
  return FALSE;
}

/* @dest with "-N" before ".backup": the next free name for one more copy of
 * the same kind on the same day. */
static char *
numbered_path (const char *dest,
               guint       n)
{
  gsize stem = strlen (dest) - (g_str_has_suffix (dest, BACKUP_SUFFIX) ? strlen (BACKUP_SUFFIX) : 0);

  return g_strdup_printf ("%.*s-%u" BACKUP_SUFFIX, (int) stem, dest, n);
}

/* Puts the finished @tmp in place as @dest without ever replacing a file:
 * link() fails when the name exists, where rename() would silently replace
 * it. With @keep_existing an existing @dest counts as done (another process
 * made today's backup first) and *@placed stays NULL; otherwise the copy
 * takes the next free numbered name. */
static gboolean
place_backup (const char  *tmp,
              const char  *dest,
              gboolean     keep_existing,
              char       **placed)
{
  g_autofree char *name = g_strdup (dest);

  for (guint n = 2; n < 10000; n++)
    {
      if (!fault_at ("link") && link (tmp, name) == 0)
        {
          g_unlink (tmp);
          *placed = g_steal_pointer (&name);
          return TRUE;
        }
      if (fault_at ("link"))
        errno = EIO;
      if (errno == EPERM || errno == ENOSYS || errno == EOPNOTSUPP)
        {
          /* A file system without hard links (FAT on a stick): rename, after
           * checking, which is as close as it offers. */
          if (!g_file_test (name, G_FILE_TEST_EXISTS))
            {
              if (g_rename (tmp, name) != 0)
                return FALSE;
              *placed = g_steal_pointer (&name);
              return TRUE;
            }
          errno = EEXIST;
        }
      if (errno != EEXIST)
        return FALSE;
      if (keep_existing)
        {
          g_unlink (tmp);
          return TRUE;
        }
      g_free (name);
      name = numbered_path (dest, n);
    }
  errno = EEXIST;
  return FALSE;
}

/* Copies all of @src over @dest with SQLite's backup API and returns the
 * result. -1: everything in one step, so the copy is one consistent
 * snapshot. The copy's last write happens in sqlite3_backup_finish(): its
 * result is the copy's. @finish_fault: the fault_at() step that fails it in
 * tests, or NULL. */
static int
copy_database (sqlite3     *dest,
               sqlite3     *src,
               const char  *finish_fault)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  int rc, finish_rc;

  if (backup == NULL)
    return sqlite3_errcode (dest);
  rc = sqlite3_backup_step (backup, -1);
  if (rc == SQLITE_DONE)
    rc = SQLITE_OK;
  finish_rc = sqlite3_backup_finish (backup);
  if (finish_fault != NULL && fault_at (finish_fault))
    finish_rc = SQLITE_IOERR;
  return rc == SQLITE_OK ? finish_rc : rc;
}

/* Copies @db into a new backup @dest: a temporary file of its own (so two
 * processes backing up at once never write into each other's copy), checked
 * at every step, synced, then put in place without replacing anything.
 * Whatever fails, no partial file is left. *@written: the file made, or NULL
 * when @keep_existing and @dest already existed. */
static gboolean
write_backup (sqlite3     *db,
              const char  *dest,
              gboolean     keep_existing,
              char       **written,
              GError     **error)
{
  g_autofree char *tmp = g_strconcat (dest, ".tmp-XXXXXX", NULL);
  g_autofree char *dir = g_path_get_dirname (dest);
  g_autofree char *details = NULL;
  g_autofree char *placed = NULL;
  sqlite3 *out = NULL;
  int fd;
  int rc;

  *written = NULL;
  /* Our own file, mode 0600 like the database: a backup holds the same
   * people's scores. fchmod: whatever the umask. */
  fd = fault_at ("create") ? (errno = ENOSPC, -1) : g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_errno_error (error, dir, errno);
  if (fault_at ("fchmod") ? (errno = EPERM, -1) : fchmod (fd, 0600))
    {
      int saved = errno;
      close (fd);
      g_unlink (tmp);
      return set_errno_error (error, dir, saved);
    }
  close (fd);

  rc = sqlite3_open_v2 (tmp, &out, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = copy_database (out, db, "backup-finish");
  /* The copy carries the live file's WAL mark; make it a plain one-file
   * database, readable anywhere (also from a read-only stick) and by any
   * SQLite tool without -wal/-shm files appearing beside it. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    details = g_strdup (out != NULL && sqlite3_errcode (out) == rc ? sqlite3_errmsg (out) : sqlite3_errstr (rc));
  if (out != NULL)
    {
      /* Closing ends the copy's last write; a failure there is a failed copy. */
      int close_rc = fault_at ("close") ? SQLITE_IOERR : sqlite3_close (out);

      if (close_rc != SQLITE_OK)
        {
          if (rc == SQLITE_OK)
            {
              rc = close_rc;
              details = g_strdup (sqlite3_errstr (close_rc));
            }
          sqlite3_close_v2 (out);   /* freed once nothing uses it */
        }
    }
  if (rc != SQLITE_OK)
    {
      g_unlink (tmp);
      if (rc == SQLITE_FULL)
        {
          g_autofree char *message = g_strdup_printf (_("Verkstad could not write a backup copy of the "
                                                        "database in “%s”. Check that the disk is not full."),
                                                      dir);
          g_autofree char *detail_line = g_strdup_printf (_("Details: %s"), details);

          g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_FAILED, "%s\n\n%s", message, detail_line);
        }
      else
        g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_FAILED,
                     _("Verkstad could not write a backup copy of the database in “%s”: %s"),
                     dir, details);
      return FALSE;
    }

  if (fault_at ("fsync") ? (errno = EIO, TRUE) : !fsync_path (tmp))
    {
      int saved = errno;
      g_unlink (tmp);
      return set_errno_error (error, dir, saved);
    }
  if (!place_backup (tmp, dest, keep_existing, &placed))
    {
      int saved = errno;
      g_unlink (tmp);
      return set_errno_error (error, dir, saved);
    }
  /* The new name must survive a power cut too; a copy that might not is no
   * copy to count on. */
  if (fault_at ("fsync-folder") ? (errno = EIO, TRUE) : !fsync_path (dir))
    {
      int saved = errno;
      if (placed != NULL)
        g_unlink (placed);
      return set_errno_error (error, dir, saved);
    }
  *written = g_steal_pointer (&placed);
  return TRUE;
}

gboolean
verk_store_backup_db_to (sqlite3     *db,
                         const char  *dest,
                         GError     **error)
{
  g_autofree char *written = NULL;

  return write_backup (db, dest, FALSE, &written, error);
}

/* A backup and when it was written, for sorting the list. */
typedef struct {
  VerkBackup *backup;
  gint64      mtime_ns;
} Listed;

static int
compare_backups (gconstpointer a,
                 gconstpointer b)
{
  const Listed *la = a;
  const Listed *lb = b;
  int c = g_strcmp0 (lb->backup->day, la->backup->day);
  gsize len_a, len_b;

  if (c != 0)
    return c;
  /* Several on one day (a restore's safety copy, another restore's): the
   * last written first. */
  if (la->mtime_ns != lb->mtime_ns)
    return la->mtime_ns < lb->mtime_ns ? 1 : -1;
  /* Written within one clock tick: the higher number ("-3" after "-2"). */
  len_a = strlen (la->backup->path);
  len_b = strlen (lb->backup->path);
  if (len_a != len_b)
    return len_a < len_b ? 1 : -1;
  return g_strcmp0 (lb->backup->path, la->backup->path);
}

/* Every backup of @db_path, newest first. */
static GPtrArray *
list_backups_of (const char  *db_path,
                 GError     **error)
{
  g_autofree char *dir_name = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_backup_free);
  g_autoptr (GArray) listed = g_array_new (FALSE, FALSE, sizeof (Listed));
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
      GStatBuf st;
      Listed entry = { NULL, 0 };
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
      entry.backup = b;
      if (g_stat (b->path, &st) == 0)
        entry.mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
      g_array_append_val (listed, entry);
    }
  g_array_sort (listed, compare_backups);
  for (guint i = 0; i < listed->len; i++)
    g_ptr_array_add (list, g_array_index (listed, Listed, i).backup);
  return g_steal_pointer (&list);
}

/* A copy cut short by a crash or a kill leaves its temporary file
 * ("NAME.DAY.backup.tmp-XXXXXX"). One that has not changed for an hour is
 * nobody's copy in progress any more: removed. */
#define STALE_TEMP_SECONDS (60 * 60)

static void
remove_stale_temporaries (const char *db_path)
{
  g_autofree char *dir_name = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autoptr (GDir) dir = g_dir_open (dir_name, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gsize base_len = strlen (base);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      const char *tail;
      g_autofree char *path = NULL;
      GStatBuf st;

      if (strncmp (name, base, base_len) != 0 || name[base_len] != '.')
        continue;
      tail = strstr (name + base_len, BACKUP_SUFFIX ".tmp-");
      if (tail == NULL || strlen (tail) != strlen (BACKUP_SUFFIX ".tmp-XXXXXX"))
        continue;
      path = g_build_filename (dir_name, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && now - st.st_mtime > STALE_TEMP_SECONDS)
        {
          g_debug ("removing %s, left by a backup that did not finish", path);
          g_unlink (path);
        }
    }
}

gboolean
verk_store_daily_backup (VerkStore  *self,
                         GError    **error)
{
  g_autofree char *today = verk_store_today ();
  g_autofree char *path = verk_store_backup_path (self->path, today, NULL);
  g_autoptr (GPtrArray) list = NULL;

  /* Two processes opening the file first thing in the day (the window and
   * the command line, two windows) both get here: each writes its own copy,
   * the first one in place wins and the other sees it there. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *written = NULL;

      if (!write_backup (self->db, path, TRUE, &written, error))
        return FALSE;
    }
  g_free (self->backup_day);
  self->backup_day = g_steal_pointer (&today);

  remove_stale_temporaries (self->path);
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

/* The database file @db_path, its journal files and its backups. */
static void
add_protected_paths_of (GPtrArray  *paths,
                        const char *db_path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autoptr (GPtrArray) backups = list_backups_of (db_path, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    g_ptr_array_add (paths, g_strconcat (db_path, suffixes[i], NULL));
  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      const VerkBackup *b = g_ptr_array_index (backups, i);
      g_ptr_array_add (paths, g_strdup (b->path));
    }
}

/**
 * verk_store_protected_paths:
 * @db_path: (nullable): a database file; NULL or ":memory:" protects nothing
 *
 * Returns: (transfer full): the files never to write over, NULL-terminated.
 */
GStrv
verk_store_protected_paths (const char *db_path)
{
  GPtrArray *paths = g_ptr_array_new ();

  if (db_path != NULL && !g_str_equal (db_path, ":memory:"))
    {
      g_autofree char *real = realpath (db_path, NULL);

      add_protected_paths_of (paths, db_path);
      /* SQLite puts the journal files beside the file a link points to. */
      if (real != NULL && !g_str_equal (real, db_path))
        add_protected_paths_of (paths, real);
    }
  g_ptr_array_add (paths, NULL);
  return (GStrv) g_ptr_array_free (paths, FALSE);
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
  /* "before-restore", then "before-restore-2" …: one per restore. */
  if (g_str_has_prefix (backup->reason, "before-restore"))
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
  /* Read-only, nothing to lose; but a connection that will not close is
   * one we cannot vouch for. */
  if (sqlite3_close (db) != SQLITE_OK)
    {
      sqlite3_close_v2 (db);
      if (rc == SQLITE_OK)
        rc = SQLITE_BUSY;
    }

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
 * VERK_CHANGE_GROUPS: every view must reload. A store opened with
 * %VERK_STORE_OPEN_READ_ONLY refuses (_READ_ONLY) before writing anything.
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
  int version;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  /* Not even the safety copy: a store opened for reading writes nothing. */
  if (self->read_only)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_READ_ONLY,
                   _("“%s” was opened only for reading, so no backup can be restored into it. "
                     "Nothing was written. Open it in Verkstad’s window to restore a backup."),
                   display);
      return FALSE;
    }
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
    rc = copy_database (self->db, src, NULL);
  /* Opened read-only and immutable: closing it can lose nothing. */
  if (sqlite3_close (src) != SQLITE_OK)
    sqlite3_close_v2 (src);
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
