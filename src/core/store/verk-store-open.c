/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"
#define _GNU_SOURCE   /* F_OFD_SETLK */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "verk-store-private.h"
#include "verk-store-backup-private.h"

/* Opening a database file: the checks before SQLite sees it, the connection,
 * the locks that keep our place, and the in-memory copy of a read-only
 * opening. verk_store_new_full() in verk-store.c calls these. */

/* ------------------------------------------------------------------------ */
/* Opening                                                                  */

/* Where SQLite's unix locking (os_unix.c) puts its locks. A connection in WAL
 * mode holds a read lock on the SHARED range of the database for as long as
 * it is open, and one on the DMS byte of the -shm. A connection that can
 * write-lock the SHARED range believes it is the last one: on closing it
 * checkpoints and deletes the -wal and -shm. One that can write-lock the DMS
 * byte believes it is the first and resets the -shm. */
#define SQLITE_LOCK_SHARED_FIRST (0x40000000 + 2)
#define SQLITE_LOCK_SHARED_SIZE  510
#define SQLITE_SHM_DMS_BYTE      ((22 + 8) * 4 + 8)

/* Those locks are POSIX record locks, which belong to the process: any
 * close() of any descriptor of the same file in this process drops them all
 * (GIO sniffing the database's type in a file chooser is enough). Then
 * another program would delete the WAL this connection still writes to, and
 * every later edit would be lost. An open-file-description lock on its own
 * descriptor is dropped only when that descriptor is closed, and conflicts
 * with other processes' POSIX locks just the same: it keeps our place.
 * Returns the descriptor to keep open (even when the lock could not be taken:
 * closing it would drop SQLite's locks), or -1. */
static int
hold_read_lock (const char *path,
                off_t       start,
                off_t       len)
{
  struct flock lock = { 0 };
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      g_warning ("could not open %s to hold its lock: %s", path, g_strerror (errno));
      return -1;
    }
  lock.l_type = F_RDLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = start;
  lock.l_len = len;
  if (fcntl (fd, F_OFD_SETLK, &lock) != 0)
    g_warning ("could not lock %s: %s", path, g_strerror (errno));
  return fd;
}

/* Before sqlite3_close(): our own read lock would keep the closing
 * connection from seeing that it is the last one. */
void
verk_store_release_database_lock (VerkStore *self)
{
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  self->lock_fd = -1;
}

/* After sqlite3_close(), which takes no lock on the DMS byte: until then no
 * other program may reset the -shm the closing connection still uses. */
void
verk_store_release_shm_lock (VerkStore *self)
{
  if (self->shm_lock_fd >= 0)
    close (self->shm_lock_fd);
  self->shm_lock_fd = -1;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gboolean
refuse (GError         **error,
        VerkStoreError   code,
        const char      *format,
        const char      *path,
        const char      *detail)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *message = g_strdup_printf (format, display);

  if (detail != NULL)
    {
      g_autofree char *details = g_strdup_printf (_("Details: %s"), detail);
      g_set_error (error, VERK_STORE_ERROR, code, "%s\n\n%s", message, details);
    }
  else
    g_set_error_literal (error, VERK_STORE_ERROR, code, message);
  return FALSE;
}

#define MSG_NOT_DATABASE \
  _("“%s” is not a Verkstad database: it is not a database file at all. " \
    "Open another file or start a new database.")
#define MSG_DAMAGED \
  _("“%s” is damaged or incomplete, so Verkstad did not open it and left it unchanged. " \
    "Restore a backup, open another file or start a new database.")
#define MSG_NOT_VERKSTAD \
  _("“%s” is a database of another program, not of Verkstad, so it was left unchanged. " \
    "Open another file or start a new database.")
#define MSG_TOO_NEW \
  _("“%s” was saved by a newer version of Verkstad, so this version cannot open it without " \
    "losing data. It was left unchanged. Update Verkstad, open another file or start a new database.")
#define MSG_READ_ONLY \
  _("“%s” cannot be written to, so Verkstad could not save any change to it. " \
    "Copy it to a folder you can write to and open the copy, or open another file.")
#define MSG_READ_ONLY_FOLDER \
  _("The folder of “%s” cannot be written to, and Verkstad needs to keep a journal beside " \
    "the database to save changes safely. Copy it to a folder you can write to and open the copy.")
#define MSG_LOCKED \
  _("“%s” is in use by another program, so Verkstad did not open it. " \
    "Close the other program (or the other Verkstad window) and try again.")
#define MSG_CANT_OPEN \
  _("Verkstad could not open “%s”. Check that the file and its folder exist and that you may read them.")
#define MSG_IS_FOLDER \
  _("“%s” is a folder, not a database file. Choose the database file inside it, or start a new database.")
#define MSG_EMPTY \
  _("“%s” is an empty database: it holds no tables and no Verkstad data, so Verkstad left it unchanged. " \
    "Verkstad can make it a new database if you choose to, or open another file.")

#define MSG_NEW_NOT_PRIVATE \
  _("Verkstad could not make the new database “%s” readable by you alone, so it did not create it. " \
    "Choose a folder on a disk that keeps file permissions, such as your home folder.")
#define MSG_NEW_NOT_ON_DISK \
  _("Verkstad could not save the new database “%s” safely to disk, so it did not create it. " \
    "Check the disk, or choose another folder.")

/* Checks what can be checked without SQLite, so that a file we refuse is
 * never opened by it (SQLite could leave -wal/-shm files or roll back a
 * journal). Creates a missing file with mode 0600. */
gboolean
verk_store_precheck_file (const char  *path,
                          const char  *shown,
                          gboolean     read_only,
                          gboolean    *created,
                          gboolean    *hot_wal,
                          GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  guint8 header[100];
  GStatBuf st, wal_st;
  gboolean have_wal;
  gssize n;
  int fd;

  *created = FALSE;
  *hot_wal = FALSE;

  /* Reading never creates a file. */
  if (read_only && !g_file_test (path, G_FILE_TEST_EXISTS))
    return refuse (error, VERK_STORE_ERROR_FAILED, MSG_CANT_OPEN, shown, g_strerror (ENOENT));
  fd = read_only ? -1 : g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      int dir_fd = -1;

      /* SQLite would have made it 0644, and its -wal copies the mode: a
       * database that cannot be made private to the user is not made at all
       * (the file is ours and empty, so nothing is lost in removing it). */
      if (verk_store_fault_at ("new-fchmod") ? (errno = EPERM, TRUE) : fchmod (fd, 0600) != 0)
        {
          int saved = errno;

          close (fd);
          g_unlink (path);
          return refuse (error, VERK_STORE_ERROR_FAILED, MSG_NEW_NOT_PRIVATE, shown, g_strerror (saved));
        }
      close (fd);
      /* The new name itself must survive a power cut, not only its contents. */
      dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
      if (dir_fd < 0 || (verk_store_fault_at ("new-fsync-folder") ? (errno = EIO, TRUE) : fsync (dir_fd) != 0))
        {
          int saved = errno;

          if (dir_fd >= 0)
            close (dir_fd);
          g_unlink (path);
          return refuse (error, VERK_STORE_ERROR_FAILED, MSG_NEW_NOT_ON_DISK, shown, g_strerror (saved));
        }
      close (dir_fd);
      *created = TRUE;
      return TRUE;
    }
  if (!read_only && errno != EEXIST)
    {
      int saved = errno;
      if (saved == EACCES || saved == EROFS || saved == EPERM)
        return refuse (error, VERK_STORE_ERROR_READ_ONLY, MSG_READ_ONLY_FOLDER, shown, g_strerror (saved));
      return refuse (error, VERK_STORE_ERROR_FAILED, MSG_CANT_OPEN, shown, g_strerror (saved));
    }

  if (g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    return refuse (error, VERK_STORE_ERROR_IS_FOLDER, MSG_IS_FOLDER, shown, NULL);
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return refuse (error, VERK_STORE_ERROR_NOT_DATABASE, MSG_NOT_DATABASE, shown, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      return refuse (error, VERK_STORE_ERROR_FAILED, MSG_CANT_OPEN, shown, g_strerror (saved));
    }
  n = read (fd, header, sizeof header);
  close (fd);

  have_wal = g_stat (wal, &wal_st) == 0 && wal_st.st_size > 0;
  *hot_wal = have_wal;

  if (n == 0 && st.st_size == 0 && read_only)
    return refuse (error, VERK_STORE_ERROR_EMPTY, MSG_EMPTY, shown, NULL);
  else if (n == 0 && st.st_size == 0)
    ; /* a 0-byte file holds nothing to lose: it becomes a new database */
  else if (n < (gssize) sizeof header)
    return refuse (error, VERK_STORE_ERROR_NOT_DATABASE, MSG_DAMAGED, shown, NULL);
  else if (memcmp (header, "SQLite format 3", 16) != 0)
    return refuse (error, VERK_STORE_ERROR_NOT_DATABASE, MSG_NOT_DATABASE, shown, NULL);
  else if (!have_wal)
    {
      /* Without a WAL the header is current (with one, SQLite recovers first,
       * and the checks after opening catch the same cases). */
      guint32 page_size = (header[16] << 8) | header[17];
      guint32 change_counter = read_be32 (header + 24);
      guint32 n_pages = read_be32 (header + 28);
      guint32 user_version = read_be32 (header + 60);
      guint32 app_id = read_be32 (header + 68);
      guint32 valid_for = read_be32 (header + 92);

      if (page_size == 1)
        page_size = 65536;
      if (page_size < 512 || (page_size & (page_size - 1)) != 0)
        return refuse (error, VERK_STORE_ERROR_NOT_DATABASE, MSG_DAMAGED, shown, NULL);
      if (valid_for == change_counter && n_pages > 0
          && (guint64) n_pages * page_size > (guint64) st.st_size)
        return refuse (error, VERK_STORE_ERROR_NOT_DATABASE, MSG_DAMAGED, shown,
                       _("The file is shorter than its header says."));
      if (app_id != 0 && app_id != VERK_STORE_APPLICATION_ID)
        return refuse (error, VERK_STORE_ERROR_NOT_VERKSTAD, MSG_NOT_VERKSTAD, shown, NULL);
      if (app_id == VERK_STORE_APPLICATION_ID && user_version > (guint32) verk_store_schema_version ())
        return refuse (error, VERK_STORE_ERROR_TOO_NEW, MSG_TOO_NEW, shown, NULL);
    }

  if (read_only)
    return TRUE;

  /* Root ignores permission bits, but not an immutable file or a read-only
   * mount: trying to open for writing is the honest test. */
  fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      return refuse (error, VERK_STORE_ERROR_READ_ONLY, MSG_READ_ONLY, shown, g_strerror (saved));
    }
  close (fd);
  if (g_access (dir, W_OK) != 0)
    {
      int saved = errno;
      return refuse (error, VERK_STORE_ERROR_READ_ONLY, MSG_READ_ONLY_FOLDER, shown, g_strerror (saved));
    }
  return TRUE;
}

static gboolean
query_int (VerkStore   *self,
           const char  *sql,
           int         *out,
           int         *rc_out)
{
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &st, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (st);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int (st, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (st);
  *rc_out = rc;
  return rc == SQLITE_OK;
}

/* Turns a failure while looking at a file we have not accepted yet into the
 * matching refusal. */
static gboolean
refuse_rc (VerkStore  *self,
           GError    **error,
           int         rc)
{
  const char *detail = sqlite3_errmsg (self->db);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_FORMAT:
      return refuse (error, VERK_STORE_ERROR_NOT_DATABASE, MSG_DAMAGED, self->path, detail);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return refuse (error, VERK_STORE_ERROR_LOCKED, MSG_LOCKED, self->path, detail);
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return refuse (error, VERK_STORE_ERROR_READ_ONLY, MSG_READ_ONLY, self->path, detail);
    default:
      return refuse (error, VERK_STORE_ERROR_FAILED, MSG_CANT_OPEN, self->path, detail);
    }
}

static gboolean
configure_connection (VerkStore  *self,
                      gboolean    in_memory,
                      GError    **error)
{
  int rc;
  int journal_ok = 0;
  sqlite3_stmt *st = NULL;

  if (!in_memory)
    {
      rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &st, NULL);
      if (rc == SQLITE_OK && sqlite3_step (st) == SQLITE_ROW)
        journal_ok = g_ascii_strcasecmp ((const char *) sqlite3_column_text (st, 0), "wal") == 0;
      rc = sqlite3_finalize (st);
      if (!journal_ok)
        return refuse_rc (self, error, rc != SQLITE_OK ? rc : SQLITE_ERROR);
    }
  /* FULL: in WAL mode each commit is synced, so a power cut after a commit
   * returned loses nothing. foreign_keys: the cascades in the schema. */
  rc = sqlite3_exec (self->db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = verk_store_add_uuid_function (self->db);
  if (rc != SQLITE_OK)
    return refuse_rc (self, error, rc);
  return TRUE;
}

gboolean
verk_store_open_memory (VerkStore  *self,
                        GError    **error)
{
  int rc = sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

  if (rc != SQLITE_OK)
    return refuse_rc (self, error, rc);
  sqlite3_extended_result_codes (self->db, 1);
  return configure_connection (self, TRUE, error) && verk_store_migrate (self, 0, error);
}

/* The whole file, page by page and every index against its table:
 * PRAGMA quick_check would let an index that misses rows through, and
 * queries that use it would silently leave those rows out. */
static gboolean
check_integrity (VerkStore  *self,
                 GError    **error)
{
  sqlite3_stmt *st = NULL;
  int rc;

  self->checked_on_open = TRUE;
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check (1)", -1, &st, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (st);
      if (rc == SQLITE_ROW)
        {
          const char *result = (const char *) sqlite3_column_text (st, 0);
          if (g_strcmp0 (result, "ok") == 0)
            rc = SQLITE_OK;
          else
            {
              g_autofree char *detail = g_strdup (result);
              sqlite3_finalize (st);
              return refuse (error, VERK_STORE_ERROR_NOT_DATABASE, MSG_DAMAGED, self->path, detail);
            }
        }
    }
  sqlite3_finalize (st);
  if (rc != SQLITE_OK)
    return refuse_rc (self, error, rc);
  return TRUE;
}

char *
verk_store_sibling (const char *path,
                    const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

gboolean
verk_store_is_non_empty_file (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && st.st_size > 0;
}

gboolean
verk_store_open_file (VerkStore  *self,
                      gboolean    created,
                      gboolean    hot_wal,
                      char       *checked_day,
                      gboolean    accept_empty,
                      GError    **error)
{
  int rc;
  int app_id = 0, version = 0, n_objects = 0;
  gboolean fresh;
  g_autofree char *today = verk_store_today ();

  /* No SQLITE_OPEN_CREATE: precheck_file made the file (0600) if missing.
   * The resolved path: the -wal SQLite reads is the one precheck_file saw. */
  rc = sqlite3_open_v2 (self->real_path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    return refuse_rc (self, error, rc);
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, VERK_STORE_BUSY_TIMEOUT_MS);
  /* Until the file is accepted, closing must not checkpoint into it: a
   * refused file stays exactly as it was (verk_store_new_full() lets the
   * close remove the -wal and -shm only when they hold nothing). */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  if (!query_int (self, "PRAGMA application_id", &app_id, &rc)
      || !query_int (self, "PRAGMA user_version", &version, &rc)
      || !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, &rc))
    return refuse_rc (self, error, rc);

  fresh = app_id == 0 && version == 0 && n_objects == 0;
  /* An SQLite file with nothing in it may be another program's, waiting to
   * be set up: it becomes ours only when the user says so. */
  if (fresh && !created && !accept_empty && verk_store_is_non_empty_file (self->real_path))
    return refuse (error, VERK_STORE_ERROR_EMPTY, MSG_EMPTY, self->path, NULL);
  if (!fresh && app_id != VERK_STORE_APPLICATION_ID)
    return refuse (error, VERK_STORE_ERROR_NOT_VERKSTAD, MSG_NOT_VERKSTAD, self->path, NULL);
  if (version > verk_store_schema_version ())
    return refuse (error, VERK_STORE_ERROR_TOO_NEW, MSG_TOO_NEW, self->path, NULL);

  if (fresh || created)
    self->checked_day = g_strdup (today);   /* nothing in it to be damaged */
  else if (!hot_wal && checked_day != NULL && strcmp (checked_day, today) == 0)
    self->checked_day = g_strdup (checked_day);   /* closed cleanly, untouched since */
  else
    {
      /* A damaged file is refused now, not half-way through a meeting. The
       * clean-close note above spares this on a file we checked today and
       * left untouched. */
      if (!check_integrity (self, error))
        return FALSE;
      self->checked_day = g_strdup (today);
    }

  /* In WAL mode another writer does not stop reading, so ask for the write
   * lock now: better refused at opening than unable to save later. */
  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE; ROLLBACK", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return refuse_rc (self, error, rc);
    }

  /* Accepted: from here on we may write to the file. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
  /* A new file gets its schema before it turns to WAL: in rollback-journal
   * mode a kill during that first transaction leaves a hot journal that
   * puts the file back as it was (empty: a new database next time), where
   * in WAL mode it would leave a WAL header and no tables, refused as EMPTY. */
  if (fresh && !verk_store_migrate (self, 0, error))
    return FALSE;
  if (!configure_connection (self, FALSE, error))
    return FALSE;

  if (version < verk_store_schema_version () && !fresh)
    {
      g_autofree char *reason = g_strdup_printf ("before-v%d", verk_store_schema_version ());
      g_autofree char *backup = verk_store_backup_path (self->path, today, reason);

      if (!verk_store_backup_db_to (self->db, backup, error))
        return FALSE;
    }
  if (!fresh && !verk_store_migrate (self, version, error))
    return FALSE;
  /* A read in WAL mode makes the -shm the lock below is held on. */
  if (fresh && !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, &rc))
    return refuse_rc (self, error, rc);

  /* The store's own locks, where no close() elsewhere in the process can
   * drop them (hold_read_lock). The -shm exists now: the queries above read
   * through the WAL. */
  {
    g_autofree char *shm = verk_store_sibling (self->real_path, "-shm");

    self->lock_fd = hold_read_lock (self->real_path, SQLITE_LOCK_SHARED_FIRST, SQLITE_LOCK_SHARED_SIZE);
    self->shm_lock_fd = hold_read_lock (shm, SQLITE_SHM_DMS_BYTE, 1);
  }

  if (fresh || created)
    self->backup_day = verk_store_today ();   /* nothing to back up yet; tomorrow there is */
  else
    {
      g_autoptr (GError) local = NULL;
      /* A missing daily copy must not keep the group from working. */
      if (!verk_store_daily_backup (self, &local))
        {
          g_warning ("automatic backup of %s failed: %s", self->path, local->message);
          self->backup_day = verk_store_today ();
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Opening for reading only                                                 */

/* An export reads; it does not write. SQLite in WAL mode cannot simply read
 * a file without writing beside it: a read-only connection creates a -wal
 * and -shm when none exist (and leaves them), and recovers a WAL left by a
 * crash through the -shm. So the database is copied into memory, from the
 * cheapest source that changes nothing:
 *
 * - no -wal and no -journal: everything is in the file, read as immutable
 *   (no locks, nothing created), and its fingerprint is compared before and
 *   after the copy (a writer that came meanwhile means: try again);
 * - a -wal and its -shm: a program (the window) has it open; we join as one
 *   more WAL reader, which sees the last commit even while the other holds
 *   the write lock, and never checkpoints or deletes anything on closing;
 * - a -wal without a -shm (a crash), a -journal, or a -shm we may not use
 *   (a read-only medium): the files are copied to a private folder and read
 *   from there, where SQLite may recover them as it likes.
 *
 * The copy in memory is checked (integrity_check unless this app closed the
 * file cleanly today and nobody touched it since), migrated when older, and
 * made query_only: every edit fails as read-only. */

#define READ_ATTEMPTS 5

/* The identity and times of @path and its -wal and -journal, to see whether
 * anybody wrote while we copied. */
static char *
files_stamp (const char *path)
{
  GString *stamp = g_string_new (NULL);
  const char *suffixes[] = { "", "-wal", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = verk_store_sibling (path, suffixes[i]);
      struct stat st;

      if (stat (name, &st) != 0)
        g_string_append (stamp, "-;");
      else
        g_string_append_printf (stamp, "%llu:%llu:%lld:%lld.%09ld:%lld.%09ld;",
                                (unsigned long long) st.st_dev, (unsigned long long) st.st_ino,
                                (long long) st.st_size,
                                (long long) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec,
                                (long long) st.st_ctim.tv_sec, (long) st.st_ctim.tv_nsec);
    }
  return g_string_free (stamp, FALSE);
}

static int
copy_database (sqlite3 *from,
               sqlite3 *to)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");
  int rc, finish_rc;

  if (backup == NULL)
    return sqlite3_errcode (to);
  /* -1: all pages in one step, one consistent snapshot. */
  rc = sqlite3_backup_step (backup, -1);
  finish_rc = sqlite3_backup_finish (backup);
  if (rc == SQLITE_DONE)
    rc = finish_rc;
  return rc;
}

static char *
file_uri (const char *path,
          const char *query)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

  return g_strdup_printf ("file:%s%s", escaped, query);
}

/* Copies @path read as immutable (@query "?immutable=1") or as a WAL reader
 * (@query "") into @mem. */
static int
copy_from_path (const char *path,
                const char *query,
                sqlite3    *mem)
{
  g_autofree char *uri = file_uri (path, query);
  sqlite3 *src = NULL;
  int rc = sqlite3_open_v2 (uri, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);

  if (rc == SQLITE_OK)
    {
      int persist = 1;

      sqlite3_extended_result_codes (src, 1);
      sqlite3_busy_timeout (src, VERK_STORE_BUSY_TIMEOUT_MS);
      /* Never the last connection that cleans up: that is the window's job. */
      sqlite3_db_config (src, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      sqlite3_file_control (src, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
      rc = copy_database (src, mem);
    }
  sqlite3_close (src);
  return rc;
}

static gboolean
copy_file (const char  *from,
           const char  *to)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  return g_file_get_contents (from, &data, &len, NULL)
         && g_file_set_contents_full (to, data, len, G_FILE_SET_CONTENTS_NONE, 0600, NULL);
}

/* Copies @path with its -wal and -journal into a private folder and reads
 * the copy into @mem; SQLite may recover the copy there. */
static int
copy_through_private_folder (const char *path,
                             sqlite3    *mem)
{
  g_autofree char *dir = g_dir_make_tmp ("verkstad-read-XXXXXX", NULL);
  g_autofree char *copy = NULL;
  const char *suffixes[] = { "", "-wal", "-journal", "-shm" };
  int rc = SQLITE_CANTOPEN;

  if (dir == NULL)
    return SQLITE_CANTOPEN;
  copy = g_build_filename (dir, "copy.db", NULL);
  if (copy_file (path, copy))
    {
      gboolean ok = TRUE;

      for (guint i = 1; i < 3; i++)
        {
          g_autofree char *from = verk_store_sibling (path, suffixes[i]);
          g_autofree char *to = verk_store_sibling (copy, suffixes[i]);

          if (g_file_test (from, G_FILE_TEST_EXISTS) && !copy_file (from, to))
            ok = FALSE;
        }
      if (ok)
        {
          sqlite3 *src = NULL;

          rc = sqlite3_open_v2 (copy, &src, SQLITE_OPEN_READWRITE, NULL);
          if (rc == SQLITE_OK)
            {
              sqlite3_extended_result_codes (src, 1);
              rc = copy_database (src, mem);
            }
          sqlite3_close (src);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = verk_store_sibling (copy, suffixes[i]);
      g_unlink (name);
    }
  g_rmdir (dir);
  return rc;
}

/* Fills @mem with a consistent copy of the database at @path. */
static int
read_into_memory (const char *path,
                  sqlite3    *mem,
                  gboolean   *had_wal)
{
  g_autofree char *wal = verk_store_sibling (path, "-wal");
  g_autofree char *shm = verk_store_sibling (path, "-shm");
  g_autofree char *journal = verk_store_sibling (path, "-journal");
  int rc = SQLITE_BUSY;

  for (guint attempt = 0; attempt < READ_ATTEMPTS; attempt++)
    {
      g_autofree char *before = files_stamp (path);
      g_autofree char *after = NULL;
      gboolean have_wal = g_file_test (wal, G_FILE_TEST_EXISTS);
      gboolean have_shm = g_file_test (shm, G_FILE_TEST_EXISTS);
      gboolean have_journal = verk_store_is_non_empty_file (journal);

      *had_wal = have_wal;
      if (have_wal && have_shm && !have_journal)
        {
          rc = copy_from_path (path, "", mem);
          g_debug ("read %s as a WAL reader: %s", path, sqlite3_errstr (rc));
          if (rc == SQLITE_OK || (rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
            return rc;
          /* A -shm we may not share (a read-only medium): read a copy. */
          rc = copy_through_private_folder (path, mem);
          g_debug ("read %s through a private copy: %s", path, sqlite3_errstr (rc));
        }
      else if (!have_wal && !have_journal)
        {
          rc = copy_from_path (path, "?immutable=1", mem);
          g_debug ("read %s as immutable: %s", path, sqlite3_errstr (rc));
        }
      else
        {
          rc = copy_through_private_folder (path, mem);
          g_debug ("read %s through a private copy: %s", path, sqlite3_errstr (rc));
        }

      after = files_stamp (path);
      if (strcmp (before, after) == 0)
        return rc;
      g_debug ("%s changed while it was read; reading it again", path);
    }
  return rc == SQLITE_OK ? SQLITE_BUSY : rc;
}

gboolean
verk_store_open_read_only (VerkStore  *self,
                           GError    **error)
{
  g_autofree char *today = verk_store_today ();
  g_autofree char *checked_day = NULL;
  int app_id = 0, version = 0, n_objects = 0;
  gboolean had_wal = FALSE;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    return refuse_rc (self, error, rc);
  sqlite3_extended_result_codes (self->db, 1);

  /* Looked at, not used up: the next opening of the window still gets it. */
  checked_day = verk_store_read_clean_note (self->real_path, FALSE);
  rc = read_into_memory (self->real_path, self->db, &had_wal);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        return refuse (error, VERK_STORE_ERROR_LOCKED, MSG_LOCKED, self->path, sqlite3_errstr (rc));
      return refuse (error, (rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT
                            ? VERK_STORE_ERROR_NOT_DATABASE : VERK_STORE_ERROR_FAILED,
                     (rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT
                     ? MSG_DAMAGED : MSG_CANT_OPEN,
                     self->path, sqlite3_errstr (rc));
    }

  if (!query_int (self, "PRAGMA application_id", &app_id, &rc)
      || !query_int (self, "PRAGMA user_version", &version, &rc)
      || !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, &rc))
    return refuse_rc (self, error, rc);
  if (app_id == 0 && version == 0 && n_objects == 0)
    return refuse (error, VERK_STORE_ERROR_EMPTY, MSG_EMPTY, self->path, NULL);
  if (app_id != VERK_STORE_APPLICATION_ID)
    return refuse (error, VERK_STORE_ERROR_NOT_VERKSTAD, MSG_NOT_VERKSTAD, self->path, NULL);
  if (version > verk_store_schema_version ())
    return refuse (error, VERK_STORE_ERROR_TOO_NEW, MSG_TOO_NEW, self->path, NULL);

  if (had_wal || checked_day == NULL || strcmp (checked_day, today) != 0)
    {
      if (!check_integrity (self, error))
        return FALSE;
    }

  if (!configure_connection (self, TRUE, error))
    return FALSE;
  /* An older file is read through the migration, in memory only. */
  if (!verk_store_migrate (self, version, error))
    return FALSE;
  rc = sqlite3_exec (self->db, "PRAGMA query_only = 1", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return refuse_rc (self, error, rc);
  return TRUE;
}
