/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"
#define _GNU_SOURCE   /* F_OFD_SETLK */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "verk-store-private.h"
#include "verk-store-backup-private.h"
#include "verk-text.h"

/* The store is the only place that knows SQL. Every public edit is one
 * transaction, committed before the function returns (synchronous=FULL, WAL),
 * then announced with ::changed. Migrations: verk-store-migrations.c; backups
 * and restore: verk-store-backup.c; the reasons: docs/STORAGE.md. */

G_DEFINE_FINAL_TYPE (VerkStore, verk_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  ROW_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (verk-store-error-quark, verk_store_error)

/* ------------------------------------------------------------------------ */
/* Errors and statements                                                    */

static VerkStoreError
code_from_rc (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return VERK_STORE_ERROR_LOCKED;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return VERK_STORE_ERROR_READ_ONLY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return VERK_STORE_ERROR_NOT_DATABASE;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
      return VERK_STORE_ERROR_INVALID_INPUT;
    default:
      return VERK_STORE_ERROR_FAILED;
    }
}

/* A second sentence that says why, when the result code tells us. */
static const char *
hint_from_rc (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return _("Another program is using the database. Close it and try again.");
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return _("The database file cannot be written to. Copy it to a folder you can write to and open the copy.");
    case SQLITE_FULL:
      return _("The disk is full. Free some space and try again.");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return _("The database file is damaged. Restore a backup.");
    case SQLITE_IOERR:
      return _("The disk could not be read or written. Check that it is still connected.");
    default:
      return NULL;
    }
}

void
verk_store_set_error_from_rc (VerkStore   *self,
                              GError     **error,
                              int          rc,
                              const char  *message)
{
  const char *hint = hint_from_rc (rc);
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  g_autofree char *details = g_strdup_printf (_("Details: %s"), detail);

  if (hint != NULL)
    g_set_error (error, VERK_STORE_ERROR, code_from_rc (rc), "%s %s\n\n%s", message, hint, details);
  else
    g_set_error (error, VERK_STORE_ERROR, code_from_rc (rc), "%s\n\n%s", message, details);
}

void
verk_store_set_save_error (VerkStore  *self,
                           GError    **error,
                           int         rc)
{
  verk_store_set_error_from_rc (self, error, rc, _("The change could not be saved."));
}

void
verk_store_set_read_error (VerkStore  *self,
                           GError    **error,
                           int         rc)
{
  verk_store_set_error_from_rc (self, error, rc, _("The data could not be read from the database."));
}

sqlite3_stmt *
verk_store_prepare (VerkStore   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *st = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (st != NULL)
    {
      sqlite3_reset (st);
      sqlite3_clear_bindings (st);
      return st;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
  if (rc != SQLITE_OK)
    {
      /* A statement of ours that does not compile is a bug or a damaged schema. */
      g_warning ("could not prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      verk_store_set_read_error (self, error, rc);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, st);
  return st;
}

void
verk_store_bind_text (sqlite3_stmt *st,
                      int           index,
                      const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (st, index);
  else
    sqlite3_bind_text (st, index, text, -1, SQLITE_TRANSIENT);
}

/* Binds "" for NULL, for the NOT NULL text columns. */
void
verk_store_bind_text0 (sqlite3_stmt *st,
                       int           index,
                       const char   *text)
{
  sqlite3_bind_text (st, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

void
verk_store_bind_id (sqlite3_stmt *st,
                    int           index,
                    gint64        id)
{
  if (id == 0)
    sqlite3_bind_null (st, index);
  else
    sqlite3_bind_int64 (st, index, id);
}

/* Text as stored. What the store writes has no NUL (verk_text_validate),
 * but another program may have stored one: it becomes U+FFFD, and what
 * follows it is kept instead of being cut off there. Other bytes come back
 * as they are (invalid UTF-8 is for the reader to refuse: the export names
 * the workshop). */
char *
verk_store_column_text (sqlite3_stmt *st,
                        int           col)
{
  const char *text = (const char *) sqlite3_column_text (st, col);
  int len = sqlite3_column_bytes (st, col);
  GString *kept;

  if (text == NULL)
    return NULL;
  if (memchr (text, '\0', len) == NULL)
    return g_strndup (text, len);
  kept = g_string_sized_new (len + 8);
  for (int i = 0; i < len; i++)
    {
      if (text[i] == '\0')
        g_string_append (kept, "\xEF\xBF\xBD");   /* U+FFFD REPLACEMENT CHARACTER */
      else
        g_string_append_c (kept, text[i]);
    }
  return g_string_free (kept, FALSE);
}

/* Runs a statement that returns no rows. */
gboolean
verk_store_run (VerkStore     *self,
                sqlite3_stmt  *st,
                GError       **error)
{
  int rc = sqlite3_step (st);

  sqlite3_reset (st);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      verk_store_set_save_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

/* Every edit is its own transaction: IMMEDIATE takes the write lock at once, so
 * a second program makes us wait (busy timeout) at the start, not half-way. */
gboolean
verk_store_begin (VerkStore  *self,
                  GError    **error)
{
  sqlite3_stmt *st = verk_store_prepare (self, "BEGIN IMMEDIATE", error);

  return st != NULL && verk_store_run (self, st, error);
}

gboolean
verk_store_commit (VerkStore  *self,
                   GError    **error)
{
  sqlite3_stmt *st = verk_store_prepare (self, "COMMIT", error);

  if (st != NULL && verk_store_run (self, st, error))
    return TRUE;
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

gboolean
verk_store_rollback (VerkStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* A laptop left open over night still gets its backup a day: checked after
 * each edit (a string compare; the copy itself only once a day). */
void
verk_store_maybe_daily_backup (VerkStore *self)
{
  g_autofree char *today = NULL;
  g_autoptr (GError) error = NULL;

  if (self->backup_day == NULL)
    return;   /* in memory: no backups */
  today = verk_store_today ();
  if (strcmp (today, self->backup_day) == 0)
    return;
  if (!verk_store_daily_backup (self, &error))
    {
      g_warning ("automatic backup of %s failed: %s", self->path, error->message);
      /* Try again tomorrow rather than after every edit. */
      g_free (self->backup_day);
      self->backup_day = g_steal_pointer (&today);
    }
}

/* ::row-changed, for edits that announce more than one row (a batch of scores). */
void
verk_store_emit_row_changed (VerkStore  *self,
                             VerkChange  change,
                             gint64      workshop_id,
                             gint64      row_id)
{
  g_signal_emit (self, signals[ROW_CHANGED], 0, (int) change, workshop_id, row_id);
}

void
verk_store_emit_changed (VerkStore  *self,
                         VerkChange  change,
                         gint64      workshop_id)
{
  g_signal_emit (self, signals[CHANGED], 0, (int) change, workshop_id);
}

/* Commits and announces: the one way an edit ends successfully. @row_id
 * names the one row the edit changed (see ::row-changed), or is 0. */
gboolean
verk_store_commit_and_notify_row (VerkStore   *self,
                                  VerkChange   change,
                                  gint64       workshop_id,
                                  gint64       row_id,
                                  GError     **error)
{
  if (!verk_store_commit (self, error))
    return FALSE;
  verk_store_maybe_daily_backup (self);
  if (row_id != 0)
    g_signal_emit (self, signals[ROW_CHANGED], 0, (int) change, workshop_id, row_id);
  g_signal_emit (self, signals[CHANGED], 0, (int) change, workshop_id);
  return TRUE;
}

gboolean
verk_store_commit_and_notify (VerkStore   *self,
                              VerkChange   change,
                              gint64       workshop_id,
                              GError     **error)
{
  return verk_store_commit_and_notify_row (self, change, workshop_id, 0, error);
}

/* ------------------------------------------------------------------------ */
/* Validation                                                               */

gboolean
verk_store_check_text (const char  *text,
                       guint        max_chars,
                       const char  *what,
                       GError     **error)
{
  GError *local = NULL;

  if (verk_text_validate (text, -1, max_chars, what, &local))
    return TRUE;
  g_set_error_literal (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT, local->message);
  g_error_free (local);
  return FALSE;
}

gboolean
verk_store_check_required (const char  *text,
                           guint        max_chars,
                           const char  *what,
                           GError     **error)
{
  const char *p;

  if (!verk_store_check_text (text, max_chars, what, error))
    return FALSE;
  for (p = text; p != NULL && *p != '\0' && g_unichar_isspace (g_utf8_get_char (p)); p = g_utf8_next_char (p))
    ;
  if (p == NULL || *p == '\0')
    {
      g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT,
                   _("Please fill in %s; it cannot be empty."), what);
      return FALSE;
    }
  return TRUE;
}

gboolean
verk_store_check_score (int          value,
                        gboolean     allow_unset,
                        GError     **error)
{
  if ((value == 0 && allow_unset) || (value >= 1 && value <= 5))
    return TRUE;
  g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT,
               _("A score must be a whole number from 1 to 5, not %d."), value);
  return FALSE;
}

/* NULL and "" mean no date; anything else must be a real YYYY-MM-DD date. */
gboolean
verk_store_check_date (const char  *date,
                       gboolean     required,
                       GError     **error)
{
  int y, m, d;
  char rest;

  if ((date == NULL || *date == '\0') && !required)
    return TRUE;
  if (date != NULL && strlen (date) == 10 && date[4] == '-' && date[7] == '-'
      && g_ascii_isdigit (date[0]) && g_ascii_isdigit (date[5]) && g_ascii_isdigit (date[8])
      && sscanf (date, "%4d-%2d-%2d%c", &y, &m, &d, &rest) == 3
      && y >= 1900 && g_date_valid_dmy (d, m, y))
    return TRUE;
  g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT,
               _("Please write the date as year-month-day, for example 2026-03-14."));
  return FALSE;
}

gboolean
verk_store_not_found (GError **error)
{
  g_set_error_literal (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND,
                       _("What you changed no longer exists; it may have been deleted. "
                         "Reload the view and try again."));
  return FALSE;
}

/* The workshop an item / participant / action belongs to, or 0 (error set). */
gint64
verk_store_owner_workshop (VerkStore   *self,
                           const char  *sql,
                           gint64       id,
                           GError     **error)
{
  sqlite3_stmt *st = verk_store_prepare (self, sql, error);
  gint64 workshop_id = 0;
  int rc;

  if (st == NULL)
    return 0;
  sqlite3_bind_int64 (st, 1, id);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    workshop_id = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  if (rc == SQLITE_ROW)
    return workshop_id;
  if (rc == SQLITE_DONE)
    verk_store_not_found (error);
  else
    verk_store_set_read_error (self, error, rc);
  return 0;
}

/* Removed items and participants (waiting for Undo) count as gone. */
#define ITEM_WORKSHOP_SQL "SELECT workshop_id FROM item WHERE id = ? AND removed_at IS NULL"
#define PARTICIPANT_WORKSHOP_SQL "SELECT workshop_id FROM participant WHERE id = ? AND removed_at IS NULL"
#define REMOVED_PARTICIPANT_WORKSHOP_SQL \
  "SELECT workshop_id FROM participant WHERE id = ? AND removed_at IS NOT NULL"
#define ACTION_WORKSHOP_SQL "SELECT workshop_id FROM action WHERE id = ?"
#define WORKSHOP_WORKSHOP_SQL "SELECT id FROM workshop WHERE id = ?"
#define GROUP_GROUP_SQL "SELECT id FROM grp WHERE id = ?"

/* ------------------------------------------------------------------------ */
/* The clean-close note                                                     */

/* Reading every page of a big file at each opening (PRAGMA quick_check) is
 * most of the time it takes to open it. A file this app closed cleanly and
 * that nobody has touched since needs no second look the same day, so a
 * clean close leaves a note, in the user's cache folder, of what the file
 * was: device, inode, size, modification and status-change times (ns) and a
 * digest of its first page, and the day it last passed the whole check. The
 * next opening reads the note and deletes it at once (so a crash, which
 * leaves no new note, always means a full check next time); only when the
 * note matches the file exactly, no WAL is waiting and the check ran today
 * is it skipped. Any write through the file system changes the status-change
 * time, which cannot be set back (utimensat() sets it to now), so a copy, an
 * edit by another program, a truncation or a restored modification time all
 * bring the full check back. What the note cannot see: damage that bypasses
 * the file system (a failing disk, a raw device write), or a write of the
 * same size within the file system's timestamp granularity (a few ms) of our
 * close; the first opening of each day checks the whole file regardless, and
 * SQLite still reports a damaged page when it reads one (docs/STORAGE.md). */

#define CLEAN_NOTE_MAGIC "verkstad-clean-close 1"

/* The clock file times are taken from (the kernel stamps them from the
 * coarse real-time clock). */
#ifdef CLOCK_REALTIME_COARSE
#define FILE_TIME_CLOCK CLOCK_REALTIME_COARSE
#else
#define FILE_TIME_CLOCK CLOCK_REALTIME
#endif

static gboolean
timespec_before (const struct timespec *a,
                 const struct timespec *b)
{
  return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

char *
verk_store_clean_note_path (const char *db_path)
{
  g_autofree char *absolute = g_canonicalize_filename (db_path, NULL);
  g_autofree char *name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);

  return g_build_filename (g_get_user_cache_dir (), "verkstad", "clean-close", name, NULL);
}

/* One line naming the file as it is now, or NULL when it cannot be read.
 * @newest: the later of its modification and status-change times. */
static char *
file_fingerprint (const char      *path,
                  struct timespec *newest)
{
  g_autofree char *digest = NULL;
  guint8 page[4096];
  struct stat st;
  gssize n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return NULL;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return NULL;
    }
  n = read (fd, page, sizeof page);
  close (fd);
  if (n < 0)
    return NULL;
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, page, (gsize) n);
  if (newest != NULL)
    *newest = timespec_before (&st.st_mtim, &st.st_ctim) ? st.st_ctim : st.st_mtim;
  return g_strdup_printf ("%s dev=%llu ino=%llu size=%lld mtime=%lld.%09ld ctime=%lld.%09ld page1=%s",
                          CLEAN_NOTE_MAGIC,
                          (unsigned long long) st.st_dev, (unsigned long long) st.st_ino,
                          (long long) st.st_size,
                          (long long) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec,
                          (long long) st.st_ctim.tv_sec, (long) st.st_ctim.tv_nsec,
                          digest);
}

/* Reads the note of @path, and deletes it when @consume (a read-only
 * opening leaves it for the next one). Returns the day the file last passed
 * the whole check when the note describes the file exactly as it is now,
 * else NULL. */
char *
verk_store_read_clean_note (const char *path,
                            gboolean    consume)
{
  g_autofree char *note_path = verk_store_clean_note_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *now = NULL;
  char *newline;

  if (!g_file_get_contents (note_path, &contents, NULL, NULL))
    return NULL;
  /* Used once: from here on only a new clean close vouches for the file. */
  if (consume)
    g_unlink (note_path);
  newline = strchr (contents, '\n');
  if (newline == NULL || !g_str_has_prefix (newline + 1, "checked="))
    return NULL;
  *newline = '\0';
  now = file_fingerprint (path, NULL);
  if (now == NULL || strcmp (now, contents) != 0)
    return NULL;
  return g_strndup (newline + 1 + strlen ("checked="), strcspn (newline + 1 + strlen ("checked="), "\n"));
}

/* After a clean close: the file alone holds everything (no WAL left, so no
 * other connection is still open), so describe it for the next opening. */
void
verk_store_write_clean_note (const char *path,
                             const char *checked_day)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *note_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  if (checked_day == NULL || g_file_test (wal, G_FILE_TEST_EXISTS))
    return;
  /* A write within the same clock tick as the last one would leave the
   * times as they are, so the note describes the file only once the clock
   * has moved past its last change (a few ms after the checkpoint of the
   * close; file systems with coarser times get no note). Any later write
   * then stamps a later time. */
  for (guint attempt = 0; attempt < 50; attempt++)
    {
      struct timespec now, newest;

      clock_gettime (FILE_TIME_CLOCK, &now);
      fingerprint = file_fingerprint (path, &newest);
      if (fingerprint == NULL || timespec_before (&newest, &now))
        break;
      g_clear_pointer (&fingerprint, g_free);
      g_usleep (1000);
    }
  if (fingerprint == NULL)
    return;
  note_path = verk_store_clean_note_path (path);
  dir = g_path_get_dirname (note_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return;
  contents = g_strdup_printf ("%s\nchecked=%s\n", fingerprint, checked_day);
  /* No fsync needed: a lost note only means a full check next time. */
  if (!g_file_set_contents_full (note_path, contents, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_debug ("could not write %s: %s", note_path, error->message);
}

/* ------------------------------------------------------------------------ */
/* Opening                                                                  */

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

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

static void
verk_store_finalize (GObject *object)
{
  VerkStore *self = VERK_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  verk_store_release_database_lock (self);
  if (self->db != NULL)
    {
      /* A clean close checkpoints the WAL and removes -wal and -shm. */
      int rc = sqlite3_close (self->db);

      verk_store_release_shm_lock (self);
      if (rc != SQLITE_OK)
        g_warning ("could not close %s: %s", self->path, sqlite3_errmsg (self->db));
      else if (strcmp (self->path, ":memory:") != 0 && !self->read_only)
        verk_store_write_clean_note (self->real_path, self->checked_day);
      self->db = NULL;
    }
  verk_store_release_shm_lock (self);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->real_path, g_free);
  g_clear_pointer (&self->backup_day, g_free);
  g_clear_pointer (&self->checked_day, g_free);

  G_OBJECT_CLASS (verk_store_parent_class)->finalize (object);
}

static void
verk_store_class_init (VerkStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = verk_store_finalize;

  /**
   * VerkStore::changed:
   * @kind: a #VerkChange
   * @workshop_id: the workshop the edit belongs to, 0 for group-level edits
   *
   * Emitted after every committed edit, once per edit.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT64);

  /**
   * VerkStore::row-changed:
   * @kind: a #VerkChange
   * @workshop_id: the workshop the edit belongs to
   * @row_id: the one row the edit changed: for VERK_CHANGE_SCORES the item
   *   whose participant score, comment, agreed score, rationale or desired
   *   level changed; for VERK_CHANGE_ITEMS the item renamed or described
   *
   * Emitted right before ::changed by the edits that change one row, so a
   * model can read that row again instead of the workshop.
   */
  signals[ROW_CHANGED] =
    g_signal_new ("row-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_INT64, G_TYPE_INT64);
}

static void
verk_store_init (VerkStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  self->lock_fd = -1;
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

/* @path with its symlinks resolved, so that SQLite and our own checks of the
 * -wal beside it look at the same files; for a file not made yet, its
 * folder's. NULL when the path cannot be resolved (then @path is used and
 * opening reports what is wrong). */
static char *
resolve_path (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *real_dir = NULL;
  char *real = realpath (path, NULL);

  if (real != NULL)
    {
      char *copy = g_strdup (real);
      free (real);
      return copy;
    }
  if (errno != ENOENT || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return NULL;
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  real = realpath (dir, NULL);
  if (real == NULL)
    return NULL;
  real_dir = g_strdup (real);
  free (real);
  return g_build_filename (real_dir, base, NULL);
}

/**
 * verk_store_default_path:
 *
 * The database a user gets without choosing one:
 * `$XDG_DATA_HOME/verkstad/verkstad.db`. Creates the folder (mode 0700).
 *
 * Returns: (transfer full): the path.
 */
char *
verk_store_default_path (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "verkstad", NULL);

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, "verkstad.db", NULL);
}

/**
 * verk_store_new:
 * @path: a database file, or ":memory:"
 * @error: see verk_store_new_full()
 *
 * Opens or creates the database for reading and writing:
 * verk_store_new_full() with %VERK_STORE_OPEN_DEFAULT.
 *
 * Returns: (transfer full): the store, or NULL with @error set.
 */
VerkStore *
verk_store_new (const char  *path,
                GError     **error)
{
  return verk_store_new_full (path, VERK_STORE_OPEN_DEFAULT, error);
}

/**
 * verk_store_new_full:
 * @path: a database file, or ":memory:"
 * @flags: #VerkStoreOpenFlags
 * @error: VERK_STORE_ERROR_NOT_DATABASE, _NOT_VERKSTAD, _TOO_NEW, _READ_ONLY,
 *   _LOCKED, _EMPTY, _IS_FOLDER or _FAILED, with a message to show the user
 *
 * Opens or creates the database. A missing file is created with mode 0600. An
 * older Verkstad database is backed up beside itself and migrated; once a day
 * an automatic backup is made. A file that is refused is left byte-for-byte as
 * it was, with nothing created beside it. With %VERK_STORE_OPEN_READ_ONLY
 * nothing is created, written, backed up or migrated on disk: the store reads
 * an in-memory copy (see verk_store_open_read_only()).
 *
 * Returns: (transfer full): the store, or NULL with @error set.
 */
VerkStore *
verk_store_new_full (const char          *path,
                     VerkStoreOpenFlags   flags,
                     GError             **error)
{
  g_autoptr (VerkStore) self = NULL;
  gboolean created = FALSE;
  gboolean hot_wal = FALSE;
  gboolean read_only = (flags & VERK_STORE_OPEN_READ_ONLY) != 0;
  gboolean wal_existed = FALSE;
  g_autofree char *checked_day = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (VERK_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = read_only;

  if (strcmp (path, ":memory:") == 0)
    ok = verk_store_open_memory (self, error);
  else
    {
      self->real_path = resolve_path (path);
      if (self->real_path == NULL)
        self->real_path = g_strdup (path);
      g_autofree char *wal = verk_store_sibling (self->real_path, "-wal");

      wal_existed = g_file_test (wal, G_FILE_TEST_EXISTS);
      ok = verk_store_precheck_file (self->real_path, path, read_only, &created, &hot_wal, error);
      if (ok && read_only)
        ok = verk_store_open_read_only (self, error);
      else
        {
          if (ok && !created)
            checked_day = verk_store_read_clean_note (self->real_path, TRUE);
          ok = ok && verk_store_open_file (self, created, hot_wal, checked_day,
                                           (flags & VERK_STORE_OPEN_ACCEPT_EMPTY) != 0, error);
        }
    }

  if (!ok)
    {
      g_clear_pointer (&self->statements, g_hash_table_unref);
      verk_store_release_database_lock (self);
      if (self->db != NULL && !read_only)
        {
          g_autofree char *wal = verk_store_sibling (self->real_path, "-wal");

          /* Closing checkpoints only a WAL that holds nothing and that we
           * made by reading, and then removes it (and the -shm): a -wal that
           * was there before, a crash's or another program's, stays exactly
           * where it was. */
          if (!wal_existed && !verk_store_is_non_empty_file (wal))
            sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
        }
      if (self->db != NULL)
        sqlite3_close (self->db);
      verk_store_release_shm_lock (self);
      self->db = NULL;
      if (created)
        {
          /* Leave nothing behind that we made. */
          g_autofree char *wal = verk_store_sibling (self->real_path, "-wal");
          g_autofree char *shm = verk_store_sibling (self->real_path, "-shm");
          g_unlink (wal);
          g_unlink (shm);
          g_unlink (self->real_path);
        }
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * verk_store_is_read_only:
 *
 * Returns: %TRUE for a store opened with %VERK_STORE_OPEN_READ_ONLY.
 */
gboolean
verk_store_is_read_only (VerkStore *self)
{
  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  return self->read_only;
}

/**
 * verk_store_get_checked_on_open:
 *
 * Whether opening read the whole file (PRAGMA integrity_check). It does unless
 * the file is new, or this app closed it cleanly, checked it today and
 * nobody has touched it since (the clean-close note). For tests and
 * diagnostics.
 *
 * Returns: %TRUE when the whole-file check ran.
 */
gboolean
verk_store_get_checked_on_open (VerkStore *self)
{
  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  return self->checked_on_open;
}

/**
 * verk_store_get_path:
 *
 * Returns: the path the store was opened with.
 */
const char *
verk_store_get_path (VerkStore *self)
{
  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  return self->path;
}

/**
 * verk_store_get_real_path:
 *
 * Returns: the file SQLite reads and writes: the path the store was opened
 *   with, symlinks resolved. Its -wal and -shm sit beside it. ":memory:"
 *   for an in-memory store.
 */
const char *
verk_store_get_real_path (VerkStore *self)
{
  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  return self->real_path != NULL ? self->real_path : self->path;
}

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
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_group_free);
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  st = verk_store_prepare (self, "SELECT id, name, unit FROM grp WHERE trashed_at IS NULL", error);
  if (st == NULL)
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      VerkGroup *g = g_new0 (VerkGroup, 1);
      g->id = sqlite3_column_int64 (st, 0);
      g->name = verk_store_column_text (st, 1);
      g->unit = verk_store_column_text (st, 2);
      g_ptr_array_add (list, g);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      verk_store_set_read_error (self, error, rc);
      return NULL;
    }
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
  sqlite3_stmt *st;
  VerkGroup *g = NULL;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  st = verk_store_prepare (self, "SELECT id, name, unit FROM grp WHERE id = ?", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, group_id);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      g = g_new0 (VerkGroup, 1);
      g->id = sqlite3_column_int64 (st, 0);
      g->name = verk_store_column_text (st, 1);
      g->unit = verk_store_column_text (st, 2);
    }
  sqlite3_reset (st);
  if (rc == SQLITE_DONE)
    verk_store_not_found (error);
  else if (rc != SQLITE_ROW)
    verk_store_set_read_error (self, error, rc);
  return g;
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
  gint64 id;

  g_return_val_if_fail (VERK_IS_STORE (self), 0);

  if (!verk_store_check_required (name, VERK_TEXT_MAX_SHORT, _("the group’s name"), error)
      || !verk_store_check_text (unit, VERK_TEXT_MAX_SHORT, _("the organisation unit"), error))
    return 0;
  if (!verk_store_begin (self, error))
    return 0;
  st = verk_store_prepare (self, "INSERT INTO grp (name, unit) VALUES (?, ?)", error);
  if (st == NULL)
    return verk_store_rollback (self);
  verk_store_bind_text0 (st, 1, name);
  verk_store_bind_text0 (st, 2, unit);
  if (!verk_store_run (self, st, error))
    return verk_store_rollback (self);
  id = sqlite3_last_insert_rowid (self->db);
  if (!verk_store_commit_and_notify (self, VERK_CHANGE_GROUPS, 0, error))
    return 0;
  return id;
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

  if (!verk_store_check_required (name, VERK_TEXT_MAX_SHORT, _("the group’s name"), error)
      || !verk_store_check_text (unit, VERK_TEXT_MAX_SHORT, _("the organisation unit"), error))
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

gboolean
verk_store_set_trashed (VerkStore   *self,
                        const char  *sql,
                        gint64       id,
                        VerkChange   change,
                        gint64       workshop_id,
                        GError     **error)
{
  sqlite3_stmt *st;

  if (!verk_store_begin (self, error))
    return FALSE;
  st = verk_store_prepare (self, sql, error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, id);
  return verk_store_edit_one_row (self, st, change, workshop_id, error);
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

/* ------------------------------------------------------------------------ */
/* Workshops                                                                */

#define WORKSHOP_COLUMNS "id, grp_id, date, facilitator, notes, previous_id"

static VerkWorkshop *
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
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_workshop_free);
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  st = verk_store_prepare (self,
                           "SELECT " WORKSHOP_COLUMNS " FROM workshop"
                           " WHERE grp_id = ? AND trashed_at IS NULL ORDER BY date DESC, id DESC",
                           error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, group_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (list, workshop_from_row (st));
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      verk_store_set_read_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&list);
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
  sqlite3_stmt *st;
  VerkWorkshop *w = NULL;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  st = verk_store_prepare (self, "SELECT " WORKSHOP_COLUMNS " FROM workshop WHERE id = ?", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, workshop_id);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    w = workshop_from_row (st);
  sqlite3_reset (st);
  if (rc == SQLITE_DONE)
    verk_store_not_found (error);
  else if (rc != SQLITE_ROW)
    verk_store_set_read_error (self, error, rc);
  return w;
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
                                         "INSERT INTO workshop (grp_id, date, facilitator, previous_id)"
                                         " VALUES (?, ?, ?, ?)", error);
  if (st == NULL)
    return 0;
  sqlite3_bind_int64 (st, 1, group_id);
  verk_store_bind_text0 (st, 2, date);
  verk_store_bind_text0 (st, 3, facilitator);
  verk_store_bind_id (st, 4, previous_id);
  if (!verk_store_run (self, st, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
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
  gint64 id;

  g_return_val_if_fail (VERK_IS_STORE (self), 0);

  if (!verk_store_check_date (date, TRUE, error)
      || !verk_store_check_text (facilitator, VERK_TEXT_MAX_SHORT, _("the facilitator’s name"), error))
    return 0;
  if (!verk_store_begin (self, error))
    return 0;
  if (verk_store_owner_workshop (self, GROUP_GROUP_SQL, group_id, error) == 0)
    return verk_store_rollback (self);
  id = insert_workshop (self, group_id, date, facilitator, 0, error);
  if (id == 0)
    return verk_store_rollback (self);
  if (!verk_store_commit_and_notify (self, VERK_CHANGE_GROUPS, 0, error))
    return 0;
  return id;
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

  if (!verk_store_check_date (date, TRUE, error)
      || !verk_store_check_text (facilitator, VERK_TEXT_MAX_SHORT, _("the facilitator’s name"), error)
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
                                "INSERT INTO item (workshop_id, framework, key, name, description, position)"
                                " VALUES (?, ?, ?, ?, ?, ?)", error);
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
                            "INSERT INTO participant (workshop_id, name, position)"
                            " SELECT ?1, name, position FROM participant"
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
                                "INSERT INTO action (workshop_id, item_id, what, owner, due, status, carried_from)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
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

  if (!verk_store_check_date (date, TRUE, error)
      || !verk_store_check_text (facilitator, VERK_TEXT_MAX_SHORT, _("the facilitator’s name"), error))
    return 0;
  if (!verk_store_begin (self, error))
    return 0;
  previous = verk_store_get_workshop (self, previous_id, error);
  if (previous == NULL)
    return verk_store_rollback (self);
  id = insert_workshop (self, previous->group_id, date, facilitator, previous_id, error);
  if (id == 0 || !copy_for_followup (self, previous_id, id, error))
    return verk_store_rollback (self);
  if (!verk_store_commit_and_notify (self, VERK_CHANGE_GROUPS, 0, error))
    return 0;
  return id;
}

/**
 * verk_store_get_previous_workshop_id:
 *
 * Finds the workshop whose scores @workshop_id is compared with: the one it
 * follows up (its previous_id) when that is not in the trash, or else the
 * group's latest workshop before it by date (by id on the same date).
 *
 * Returns: the id, or 0 when there is none (@error unset) or on error.
 */
gint64
verk_store_get_previous_workshop_id (VerkStore  *self,
                                     gint64      workshop_id,
                                     GError    **error)
{
  sqlite3_stmt *st;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), 0);

  st = verk_store_prepare (self,
                           "SELECT coalesce ("
                           " (SELECT p.id FROM workshop p WHERE p.id = w.previous_id AND p.trashed_at IS NULL),"
                           " (SELECT p.id FROM workshop p WHERE p.grp_id = w.grp_id AND p.trashed_at IS NULL"
                           "  AND (p.date < w.date OR (p.date = w.date AND p.id < w.id))"
                           "  ORDER BY p.date DESC, p.id DESC LIMIT 1), 0)"
                           " FROM workshop w WHERE w.id = ?", error);
  if (st == NULL)
    return 0;
  sqlite3_bind_int64 (st, 1, workshop_id);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  if (rc == SQLITE_DONE)
    verk_store_not_found (error);
  else if (rc != SQLITE_ROW)
    verk_store_set_read_error (self, error, rc);
  return id;
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

/* ------------------------------------------------------------------------ */
/* Items                                                                    */

#define ITEM_SELECT \
  "SELECT i.id, i.workshop_id, i.framework, i.key, i.name, i.description, i.position," \
  " a.value, a.rationale, a.desired FROM item i LEFT JOIN agreed a ON a.item_id = i.id "

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
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_item_free);
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  st = verk_store_prepare (self,
                           ITEM_SELECT "WHERE i.workshop_id = ?1 AND (?2 IS NULL OR i.framework = ?2)"
                           " AND i.removed_at IS NULL"
                           " ORDER BY i.framework, i.position, i.id", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, workshop_id);
  verk_store_bind_text (st, 2, framework);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (list, verk_store_item_from_row (st));
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      verk_store_set_read_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&list);
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
  sqlite3_stmt *st;
  VerkItem *item = NULL;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  st = verk_store_prepare (self, ITEM_SELECT "WHERE i.id = ? AND i.removed_at IS NULL", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, item_id);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    item = verk_store_item_from_row (st);
  sqlite3_reset (st);
  if (rc == SQLITE_DONE)
    verk_store_not_found (error);
  else if (rc != SQLITE_ROW)
    verk_store_set_read_error (self, error, rc);
  return item;
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
         && verk_store_check_required (name, VERK_TEXT_MAX_SHORT, _("the piece’s name"), error)
         && verk_store_check_text (description, VERK_TEXT_MAX_LONG, _("the description"), error);
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
                                         " position) VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce"
                                         " (max (position) + 1, 0) FROM item"
                                         "  WHERE workshop_id = ?1 AND framework = ?2 AND removed_at IS NULL))",
                                         error);
  if (st == NULL)
    return 0;
  sqlite3_bind_int64 (st, 1, workshop_id);
  verk_store_bind_text (st, 2, framework);
  verk_store_bind_text (st, 3, key);
  verk_store_bind_text0 (st, 4, name);
  verk_store_bind_text0 (st, 5, description);
  if (!verk_store_run (self, st, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
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
  gint64 id;

  g_return_val_if_fail (VERK_IS_STORE (self), 0);
  g_return_val_if_fail (framework != NULL && *framework != '\0', 0);

  if (!check_item_texts (framework, key, name, description, error))
    return 0;
  if (!verk_store_begin (self, error))
    return 0;
  if (verk_store_owner_workshop (self, WORKSHOP_WORKSHOP_SQL, workshop_id, error) == 0)
    return verk_store_rollback (self);
  id = insert_item (self, workshop_id, framework, key, name, description, error);
  if (id == 0)
    return verk_store_rollback (self);
  if (!verk_store_commit_and_notify (self, VERK_CHANGE_ITEMS, workshop_id, error))
    return 0;
  return id;
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
  if (!verk_store_begin (self, error))
    return FALSE;
  if (verk_store_owner_workshop (self, WORKSHOP_WORKSHOP_SQL, workshop_id, error) == 0)
    return verk_store_rollback (self);
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

  if (!verk_store_check_required (name, VERK_TEXT_MAX_SHORT, _("the piece’s name"), error)
      || !verk_store_check_text (description, VERK_TEXT_MAX_LONG, _("the description"), error))
    return FALSE;
  if (!verk_store_begin (self, error))
    return FALSE;
  workshop_id = verk_store_owner_workshop (self, ITEM_WORKSHOP_SQL, item_id, error);
  if (workshop_id == 0)
    return verk_store_rollback (self);
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
  int count = 0, rc;

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
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int (st, 0);
  sqlite3_reset (st);
  if (rc != SQLITE_ROW)
    {
      verk_store_set_read_error (self, error, rc);
      return verk_store_rollback (self);
    }
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
  sqlite3_stmt *st;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!verk_store_begin (self, error))
    return FALSE;
  item = verk_store_get_item (self, item_id, error);
  if (item == NULL)
    return verk_store_rollback (self);

  st = verk_store_prepare (self, "UPDATE item SET removed_at = datetime ('now') WHERE id = ?", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, item_id);
  if (!verk_store_run (self, st, error))
    return verk_store_rollback (self);

  st = verk_store_prepare (self,
                           "UPDATE item SET position = position - 1"
                           " WHERE workshop_id = ? AND framework = ? AND position > ? AND removed_at IS NULL",
                           error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, item->workshop_id);
  verk_store_bind_text (st, 2, item->framework);
  sqlite3_bind_int (st, 3, item->position);
  if (!verk_store_run (self, st, error))
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
  gint64 workshop_id = 0;
  int position = 0, count = 0, rc;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!verk_store_begin (self, error))
    return FALSE;
  st = verk_store_prepare (self,
                           "SELECT workshop_id, framework, position,"
                           " (SELECT count(*) FROM item o WHERE o.workshop_id = i.workshop_id"
                           "  AND o.framework = i.framework AND o.removed_at IS NULL)"
                           " FROM item i WHERE id = ? AND removed_at IS NOT NULL", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, item_id);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      workshop_id = sqlite3_column_int64 (st, 0);
      framework = verk_store_column_text (st, 1);
      position = sqlite3_column_int (st, 2);
      count = sqlite3_column_int (st, 3);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        verk_store_not_found (error);
      else
        verk_store_set_read_error (self, error, rc);
      return verk_store_rollback (self);
    }
  position = CLAMP (position, 0, count);

  st = verk_store_prepare (self,
                           "UPDATE item SET position = position + 1"
                           " WHERE workshop_id = ? AND framework = ? AND position >= ? AND removed_at IS NULL",
                           error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, workshop_id);
  verk_store_bind_text (st, 2, framework);
  sqlite3_bind_int (st, 3, position);
  if (!verk_store_run (self, st, error))
    return verk_store_rollback (self);

  st = verk_store_prepare (self, "UPDATE item SET removed_at = NULL, position = ? WHERE id = ?", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int (st, 1, position);
  sqlite3_bind_int64 (st, 2, item_id);
  return verk_store_edit_one_row (self, st, VERK_CHANGE_ITEMS, workshop_id, error);
}

/* ------------------------------------------------------------------------ */
/* Participants                                                             */

/**
 * verk_store_list_participants:
 *
 * Lists a workshop's participants in the order they were added.
 *
 * Returns: (transfer full) (element-type VerkParticipant): the participants, or NULL.
 */
GPtrArray *
verk_store_list_participants (VerkStore  *self,
                              gint64      workshop_id,
                              GError    **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_participant_free);
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  st = verk_store_prepare (self,
                           "SELECT id, workshop_id, name, position FROM participant"
                           " WHERE workshop_id = ? AND removed_at IS NULL ORDER BY position, id", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, workshop_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      VerkParticipant *p = g_new0 (VerkParticipant, 1);
      p->id = sqlite3_column_int64 (st, 0);
      p->workshop_id = sqlite3_column_int64 (st, 1);
      p->name = verk_store_column_text (st, 2);
      p->position = sqlite3_column_int (st, 3);
      g_ptr_array_add (list, p);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      verk_store_set_read_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * verk_store_add_participant:
 * @name: (nullable): "" or NULL for an anonymous participant
 *
 * Adds a participant at the end of the workshop's list.
 *
 * Returns: the new participant's id, or 0 with @error set.
 */
gint64
verk_store_add_participant (VerkStore   *self,
                            gint64       workshop_id,
                            const char  *name,
                            GError     **error)
{
  sqlite3_stmt *st;
  gint64 id;

  g_return_val_if_fail (VERK_IS_STORE (self), 0);

  if (!verk_store_check_text (name, VERK_TEXT_MAX_SHORT, _("the participant’s name"), error))
    return 0;
  if (!verk_store_begin (self, error))
    return 0;
  if (verk_store_owner_workshop (self, WORKSHOP_WORKSHOP_SQL, workshop_id, error) == 0)
    return verk_store_rollback (self);
  st = verk_store_prepare (self,
                           "INSERT INTO participant (workshop_id, name, position)"
                           " VALUES (?1, ?2, (SELECT coalesce (max (position) + 1, 0) FROM participant"
                           "  WHERE workshop_id = ?1))", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, workshop_id);
  verk_store_bind_text0 (st, 2, name);
  if (!verk_store_run (self, st, error))
    return verk_store_rollback (self);
  id = sqlite3_last_insert_rowid (self->db);
  if (!verk_store_commit_and_notify (self, VERK_CHANGE_PARTICIPANTS, workshop_id, error))
    return 0;
  return id;
}

/**
 * verk_store_rename_participant:
 *
 * Renames a participant ("" makes them anonymous).
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_rename_participant (VerkStore   *self,
                               gint64       participant_id,
                               const char  *name,
                               GError     **error)
{
  sqlite3_stmt *st;
  gint64 workshop_id;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!verk_store_check_text (name, VERK_TEXT_MAX_SHORT, _("the participant’s name"), error))
    return FALSE;
  if (!verk_store_begin (self, error))
    return FALSE;
  workshop_id = verk_store_owner_workshop (self, PARTICIPANT_WORKSHOP_SQL, participant_id, error);
  if (workshop_id == 0)
    return verk_store_rollback (self);
  st = verk_store_prepare (self, "UPDATE participant SET name = ? WHERE id = ?", error);
  if (st == NULL)
    return verk_store_rollback (self);
  verk_store_bind_text0 (st, 1, name);
  sqlite3_bind_int64 (st, 2, participant_id);
  return verk_store_edit_one_row (self, st, VERK_CHANGE_PARTICIPANTS, workshop_id, error);
}

/**
 * verk_store_remove_participant:
 *
 * Removes a participant with their scores. They stay in the file until
 * verk_store_purge_trash(), so verk_store_restore_participant() can undo it.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_remove_participant (VerkStore  *self,
                               gint64      participant_id,
                               GError    **error)
{
  sqlite3_stmt *st;
  gint64 workshop_id;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!verk_store_begin (self, error))
    return FALSE;
  workshop_id = verk_store_owner_workshop (self, PARTICIPANT_WORKSHOP_SQL, participant_id, error);
  if (workshop_id == 0)
    return verk_store_rollback (self);
  st = verk_store_prepare (self, "UPDATE participant SET removed_at = datetime ('now') WHERE id = ?", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, participant_id);
  return verk_store_edit_one_row (self, st, VERK_CHANGE_PARTICIPANTS, workshop_id, error);
}

/**
 * verk_store_restore_participant:
 *
 * Undoes verk_store_remove_participant(): the participant is back in their
 * old place with all their scores. Emits VERK_CHANGE_PARTICIPANTS.
 *
 * Returns: TRUE on success; VERK_STORE_ERROR_NOT_FOUND when the participant
 *   was not removed (or has been purged).
 */
gboolean
verk_store_restore_participant (VerkStore  *self,
                                gint64      participant_id,
                                GError    **error)
{
  sqlite3_stmt *st;
  gint64 workshop_id;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!verk_store_begin (self, error))
    return FALSE;
  workshop_id = verk_store_owner_workshop (self, REMOVED_PARTICIPANT_WORKSHOP_SQL, participant_id, error);
  if (workshop_id == 0)
    return verk_store_rollback (self);
  st = verk_store_prepare (self, "UPDATE participant SET removed_at = NULL WHERE id = ?", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, participant_id);
  return verk_store_edit_one_row (self, st, VERK_CHANGE_PARTICIPANTS, workshop_id, error);
}

/* ------------------------------------------------------------------------ */
/* Scores                                                                   */

#define SCORE_SELECT \
  "SELECT s.item_id, s.participant_id, s.value, s.comment FROM score s" \
  " JOIN item i ON i.id = s.item_id JOIN participant p ON p.id = s.participant_id" \
  " WHERE i.removed_at IS NULL AND p.removed_at IS NULL "

/* The scores @sql (SCORE_SELECT and a condition on ?1) selects for @id. */
static GPtrArray *
list_scores_of (VerkStore   *self,
                const char  *sql,
                gint64       id,
                GError     **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_score_free);
  sqlite3_stmt *st = verk_store_prepare (self, sql, error);
  int rc;

  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, id);

  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      VerkScore *s = g_new0 (VerkScore, 1);
      s->item_id = sqlite3_column_int64 (st, 0);
      s->participant_id = sqlite3_column_int64 (st, 1);
      s->value = sqlite3_column_int (st, 2);
      s->comment = verk_store_column_text (st, 3);
      g_ptr_array_add (list, s);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      verk_store_set_read_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * verk_store_list_scores:
 *
 * Lists every participant's score in a workshop (not the agreed scores: those
 * are in the VerkItem), by item then participant.
 *
 * Returns: (transfer full) (element-type VerkScore): the scores, or NULL.
 */
GPtrArray *
verk_store_list_scores (VerkStore  *self,
                        gint64      workshop_id,
                        GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  return list_scores_of (self, SCORE_SELECT "AND i.workshop_id = ?1"
                         " ORDER BY i.framework, i.position, p.position, p.id", workshop_id, error);
}

/**
 * verk_store_list_item_scores:
 *
 * Lists the participants' scores of one item (by participant), as
 * verk_store_list_scores() lists them: what a model reads again after
 * VerkStore::row-changed names the item.
 *
 * Returns: (transfer full) (element-type VerkScore): the scores (none for a
 *   removed item), or NULL.
 */
GPtrArray *
verk_store_list_item_scores (VerkStore  *self,
                             gint64      item_id,
                             GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  return list_scores_of (self, SCORE_SELECT "AND s.item_id = ?1 ORDER BY p.position, p.id", item_id, error);
}

/* Checks that the item and participant exist and belong to one workshop. */
static gint64
score_workshop (VerkStore  *self,
                gint64      item_id,
                gint64      participant_id,
                GError    **error)
{
  gint64 item_ws = verk_store_owner_workshop (self, ITEM_WORKSHOP_SQL, item_id, error);
  gint64 part_ws;

  if (item_ws == 0)
    return 0;
  part_ws = verk_store_owner_workshop (self, PARTICIPANT_WORKSHOP_SQL, participant_id, error);
  if (part_ws == 0)
    return 0;
  if (part_ws != item_ws)
    {
      verk_store_not_found (error);
      return 0;
    }
  return item_ws;
}

/**
 * verk_store_set_score:
 * @value: 1..5, or 0 to clear the score (and its comment)
 *
 * Records one participant's score of one item.
 *
 * Returns: TRUE on success; FALSE with VERK_STORE_ERROR_INVALID_INPUT for a
 *   value outside 0..5.
 */
gboolean
verk_store_set_score (VerkStore  *self,
                      gint64      item_id,
                      gint64      participant_id,
                      int         value,
                      GError    **error)
{
  sqlite3_stmt *st;
  gint64 workshop_id;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!verk_store_check_score (value, TRUE, error))
    return FALSE;
  if (!verk_store_begin (self, error))
    return FALSE;
  workshop_id = score_workshop (self, item_id, participant_id, error);
  if (workshop_id == 0)
    return verk_store_rollback (self);
  if (value == 0)
    st = verk_store_prepare (self, "DELETE FROM score WHERE item_id = ?1 AND participant_id = ?2", error);
  else
    st = verk_store_prepare (self,
                             "INSERT INTO score (item_id, participant_id, value) VALUES (?1, ?2, ?3)"
                             " ON CONFLICT (item_id, participant_id) DO UPDATE SET value = excluded.value",
                             error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, item_id);
  sqlite3_bind_int64 (st, 2, participant_id);
  if (value != 0)
    sqlite3_bind_int (st, 3, value);
  if (!verk_store_run (self, st, error))
    return verk_store_rollback (self);
  return verk_store_commit_and_notify_row (self, VERK_CHANGE_SCORES, workshop_id, item_id, error);
}

/**
 * verk_store_set_scores:
 * @scores: (array length=n_scores): item, participant and value (1..5, or 0 to
 *   clear) of each score; the comments are not touched
 * @n_scores: how many
 *
 * Records many participants' scores in one transaction, all or none: for a
 * whole round of votes at once, an import, or a merge, where one commit per
 * score would spend most of its time waiting for the disk. Emits
 * VerkStore::changed (VERK_CHANGE_SCORES) once per workshop touched, after
 * the commit, each after a VerkStore::row-changed per item of that workshop
 * whose scores changed.
 *
 * Returns: TRUE on success; FALSE with nothing written when any value is
 *   outside 0..5 (VERK_STORE_ERROR_INVALID_INPUT) or any item or participant
 *   is missing or belongs to another workshop (VERK_STORE_ERROR_NOT_FOUND).
 */
gboolean
verk_store_set_scores (VerkStore        *self,
                       const VerkScore  *scores,
                       guint             n_scores,
                       GError          **error)
{
  g_autoptr (GArray) workshops = g_array_new (FALSE, FALSE, sizeof (gint64));
  typedef struct { gint64 item_id, workshop_id; } Touched;
  g_autoptr (GArray) items = g_array_new (FALSE, FALSE, sizeof (Touched));
  g_autoptr (GHashTable) seen_items = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);
  g_return_val_if_fail (scores != NULL || n_scores == 0, FALSE);

  for (guint i = 0; i < n_scores; i++)
    if (!verk_store_check_score (scores[i].value, TRUE, error))
      return FALSE;
  if (!verk_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < n_scores; i++)
    {
      const VerkScore *score = &scores[i];
      sqlite3_stmt *st;
      gint64 workshop_id = score_workshop (self, score->item_id, score->participant_id, error);
      gboolean seen = FALSE;

      if (workshop_id == 0)
        return verk_store_rollback (self);
      if (score->value == 0)
        st = verk_store_prepare (self, "DELETE FROM score WHERE item_id = ?1 AND participant_id = ?2", error);
      else
        st = verk_store_prepare (self,
                                 "INSERT INTO score (item_id, participant_id, value) VALUES (?1, ?2, ?3)"
                                 " ON CONFLICT (item_id, participant_id) DO UPDATE SET value = excluded.value",
                                 error);
      if (st == NULL)
        return verk_store_rollback (self);
      sqlite3_bind_int64 (st, 1, score->item_id);
      sqlite3_bind_int64 (st, 2, score->participant_id);
      if (score->value != 0)
        sqlite3_bind_int (st, 3, score->value);
      if (!verk_store_run (self, st, error))
        return verk_store_rollback (self);

      /* Batches are usually one workshop's: check the newest first. */
      for (guint w = workshops->len; w > 0 && !seen; w--)
        seen = g_array_index (workshops, gint64, w - 1) == workshop_id;
      if (!seen)
        g_array_append_val (workshops, workshop_id);
      if (g_hash_table_add (seen_items, (gpointer) &score->item_id))
        g_array_append_val (items, ((Touched) { score->item_id, workshop_id }));
    }
  if (!verk_store_commit (self, error))
    return FALSE;
  verk_store_maybe_daily_backup (self);
  for (guint w = 0; w < workshops->len; w++)
    {
      gint64 workshop_id = g_array_index (workshops, gint64, w);

      for (guint i = 0; i < items->len; i++)
        {
          const Touched *item = &g_array_index (items, Touched, i);

          if (item->workshop_id == workshop_id)
            verk_store_emit_row_changed (self, VERK_CHANGE_SCORES, workshop_id, item->item_id);
        }
      verk_store_emit_changed (self, VERK_CHANGE_SCORES, workshop_id);
    }
  return TRUE;
}

/**
 * verk_store_set_score_comment:
 *
 * Sets the comment on a participant's score; the score must be set first.
 *
 * Returns: TRUE on success; VERK_STORE_ERROR_NOT_FOUND when there is no score.
 */
gboolean
verk_store_set_score_comment (VerkStore   *self,
                              gint64       item_id,
                              gint64       participant_id,
                              const char  *comment,
                              GError     **error)
{
  sqlite3_stmt *st;
  gint64 workshop_id;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!verk_store_check_text (comment, VERK_TEXT_MAX_LONG, _("the comment"), error))
    return FALSE;
  if (!verk_store_begin (self, error))
    return FALSE;
  workshop_id = score_workshop (self, item_id, participant_id, error);
  if (workshop_id == 0)
    return verk_store_rollback (self);
  st = verk_store_prepare (self, "UPDATE score SET comment = ? WHERE item_id = ? AND participant_id = ?",
                           error);
  if (st == NULL)
    return verk_store_rollback (self);
  verk_store_bind_text0 (st, 1, comment);
  sqlite3_bind_int64 (st, 2, item_id);
  sqlite3_bind_int64 (st, 3, participant_id);
  return verk_store_edit_one_row_of (self, st, VERK_CHANGE_SCORES, workshop_id, item_id, error);
}

/**
 * verk_store_set_agreed:
 * @value: 1..5, or 0 to clear
 * @rationale: (nullable): one line, at most VERK_TEXT_MAX_SHORT characters
 *
 * Records the score the group agreed on for an item and why.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_set_agreed (VerkStore   *self,
                       gint64       item_id,
                       int          value,
                       const char  *rationale,
                       GError     **error)
{
  sqlite3_stmt *st;
  gint64 workshop_id;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!verk_store_check_score (value, TRUE, error)
      || !verk_store_check_text (rationale, VERK_TEXT_MAX_SHORT, _("the rationale"), error))
    return FALSE;
  if (!verk_store_begin (self, error))
    return FALSE;
  workshop_id = verk_store_owner_workshop (self, ITEM_WORKSHOP_SQL, item_id, error);
  if (workshop_id == 0)
    return verk_store_rollback (self);
  st = verk_store_prepare (self,
                           "INSERT INTO agreed (item_id, value, rationale) VALUES (?1, ?2, ?3)"
                           " ON CONFLICT (item_id) DO UPDATE SET value = excluded.value,"
                           " rationale = excluded.rationale", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, item_id);
  if (value == 0)
    sqlite3_bind_null (st, 2);
  else
    sqlite3_bind_int (st, 2, value);
  verk_store_bind_text0 (st, 3, rationale);
  if (!verk_store_run (self, st, error))
    return verk_store_rollback (self);
  return verk_store_commit_and_notify_row (self, VERK_CHANGE_SCORES, workshop_id, item_id, error);
}

/**
 * verk_store_set_desired:
 * @value: the level the group needs to reach ("bör"), 1..5, or 0 to clear
 *
 * Records the desired level of an item.
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_set_desired (VerkStore  *self,
                        gint64      item_id,
                        int         value,
                        GError    **error)
{
  sqlite3_stmt *st;
  gint64 workshop_id;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!verk_store_check_score (value, TRUE, error))
    return FALSE;
  if (!verk_store_begin (self, error))
    return FALSE;
  workshop_id = verk_store_owner_workshop (self, ITEM_WORKSHOP_SQL, item_id, error);
  if (workshop_id == 0)
    return verk_store_rollback (self);
  st = verk_store_prepare (self,
                           "INSERT INTO agreed (item_id, desired) VALUES (?1, ?2)"
                           " ON CONFLICT (item_id) DO UPDATE SET desired = excluded.desired", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, item_id);
  if (value == 0)
    sqlite3_bind_null (st, 2);
  else
    sqlite3_bind_int (st, 2, value);
  if (!verk_store_run (self, st, error))
    return verk_store_rollback (self);
  return verk_store_commit_and_notify_row (self, VERK_CHANGE_SCORES, workshop_id, item_id, error);
}

/* ------------------------------------------------------------------------ */
/* Priorities                                                               */

/**
 * verk_store_list_priorities:
 *
 * The workshop's prioritised items, highest priority first.
 *
 * Returns: (transfer full) (element-type gint64): item ids, or NULL.
 */
GArray *
verk_store_list_priorities (VerkStore  *self,
                            gint64      workshop_id,
                            GError    **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  st = verk_store_prepare (self,
                           "SELECT p.item_id FROM priority p JOIN item i ON i.id = p.item_id"
                           " WHERE p.workshop_id = ? AND i.removed_at IS NULL ORDER BY p.rank", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, workshop_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (st, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      verk_store_set_read_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * verk_store_set_priorities:
 * @item_ids: (array length=n_items): items of this workshop, highest first
 *
 * Replaces the workshop's priority list.
 *
 * Returns: TRUE on success; VERK_STORE_ERROR_NOT_FOUND if an item is not in
 *   the workshop, VERK_STORE_ERROR_INVALID_INPUT if one appears twice.
 */
gboolean
verk_store_set_priorities (VerkStore     *self,
                           gint64         workshop_id,
                           const gint64  *item_ids,
                           guint          n_items,
                           GError       **error)
{
  sqlite3_stmt *st;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);
  g_return_val_if_fail (item_ids != NULL || n_items == 0, FALSE);

  if (!verk_store_begin (self, error))
    return FALSE;
  if (verk_store_owner_workshop (self, WORKSHOP_WORKSHOP_SQL, workshop_id, error) == 0)
    return verk_store_rollback (self);
  st = verk_store_prepare (self, "DELETE FROM priority WHERE workshop_id = ?", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, workshop_id);
  if (!verk_store_run (self, st, error))
    return verk_store_rollback (self);

  for (guint i = 0; i < n_items; i++)
    {
      st = verk_store_prepare (self,
                               "INSERT INTO priority (workshop_id, item_id, rank)"
                               " SELECT workshop_id, id, ?3 FROM item"
                               " WHERE id = ?2 AND workshop_id = ?1 AND removed_at IS NULL",
                               error);
      if (st == NULL)
        return verk_store_rollback (self);
      sqlite3_bind_int64 (st, 1, workshop_id);
      sqlite3_bind_int64 (st, 2, item_ids[i]);
      sqlite3_bind_int (st, 3, (int) i + 1);
      if (!verk_store_run (self, st, error))
        return verk_store_rollback (self);
      if (sqlite3_changes (self->db) != 1)
        {
          verk_store_rollback (self);
          return verk_store_not_found (error);
        }
    }
  return verk_store_commit_and_notify (self, VERK_CHANGE_PRIORITIES, workshop_id, error);
}

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */

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
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_action_free);
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  st = verk_store_prepare (self,
                           "SELECT a.id, a.workshop_id,"
                           " CASE WHEN i.removed_at IS NULL THEN a.item_id END,"
                           " a.what, a.owner, a.due, a.status, a.followup, a.carried_from"
                           " FROM action a LEFT JOIN item i ON i.id = a.item_id"
                           " WHERE a.workshop_id = ? ORDER BY a.id", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, workshop_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
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
      g_ptr_array_add (list, a);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      verk_store_set_read_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&list);
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
  gint64 id;

  g_return_val_if_fail (VERK_IS_STORE (self), 0);
  g_return_val_if_fail (action != NULL, 0);

  if (!verk_store_begin (self, error))
    return 0;
  if (verk_store_owner_workshop (self, WORKSHOP_WORKSHOP_SQL, action->workshop_id, error) == 0
      || !check_action (self, action, error))
    return verk_store_rollback (self);
  st = verk_store_prepare (self,
                           "INSERT INTO action (workshop_id, item_id, what, owner, due, status, followup,"
                           " carried_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, action->workshop_id);
  verk_store_bind_id (st, 2, action->item_id);
  verk_store_bind_text0 (st, 3, action->what);
  verk_store_bind_text0 (st, 4, action->owner);
  verk_store_bind_text (st, 5, action->due != NULL && *action->due != '\0' ? action->due : NULL);
  sqlite3_bind_int (st, 6, action->status);
  verk_store_bind_text0 (st, 7, action->followup);
  verk_store_bind_id (st, 8, action->carried_from);
  if (!verk_store_run (self, st, error))
    return verk_store_rollback (self);
  id = sqlite3_last_insert_rowid (self->db);
  if (!verk_store_commit_and_notify (self, VERK_CHANGE_ACTIONS, action->workshop_id, error))
    return 0;
  return id;
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

  if (!verk_store_begin (self, error))
    return FALSE;
  workshop_id = verk_store_owner_workshop (self, ACTION_WORKSHOP_SQL, action->id, error);
  if (workshop_id == 0)
    return verk_store_rollback (self);
  checked = *action;
  checked.workshop_id = workshop_id;
  if (!check_action (self, &checked, error))
    return verk_store_rollback (self);
  st = verk_store_prepare (self,
                           "UPDATE action SET item_id = ?, what = ?, owner = ?, due = ?, status = ?,"
                           " followup = ? WHERE id = ?", error);
  if (st == NULL)
    return verk_store_rollback (self);
  verk_store_bind_id (st, 1, action->item_id);
  verk_store_bind_text0 (st, 2, action->what);
  verk_store_bind_text0 (st, 3, action->owner);
  verk_store_bind_text (st, 4, action->due != NULL && *action->due != '\0' ? action->due : NULL);
  sqlite3_bind_int (st, 5, action->status);
  verk_store_bind_text0 (st, 6, action->followup);
  sqlite3_bind_int64 (st, 7, action->id);
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
  sqlite3_stmt *st;
  gint64 workshop_id;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!verk_store_begin (self, error))
    return FALSE;
  workshop_id = verk_store_owner_workshop (self, ACTION_WORKSHOP_SQL, action_id, error);
  if (workshop_id == 0)
    return verk_store_rollback (self);
  st = verk_store_prepare (self, "DELETE FROM action WHERE id = ?", error);
  if (st == NULL)
    return verk_store_rollback (self);
  sqlite3_bind_int64 (st, 1, action_id);
  return verk_store_edit_one_row (self, st, VERK_CHANGE_ACTIONS, workshop_id, error);
}

/* ------------------------------------------------------------------------ */
/* Reflections                                                              */

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
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_reflection_free);
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  st = verk_store_prepare (self,
                           "SELECT workshop_id, part, strengths, development, obstacles, removers"
                           " FROM reflection WHERE workshop_id = ? ORDER BY part", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, workshop_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      VerkReflection *r = g_new0 (VerkReflection, 1);
      r->workshop_id = sqlite3_column_int64 (st, 0);
      r->part = verk_store_column_text (st, 1);
      r->strengths = verk_store_column_text (st, 2);
      r->development = verk_store_column_text (st, 3);
      r->obstacles = verk_store_column_text (st, 4);
      r->removers = verk_store_column_text (st, 5);
      g_ptr_array_add (list, r);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      verk_store_set_read_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&list);
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
  if (!verk_store_begin (self, error))
    return FALSE;
  if (verk_store_owner_workshop (self, WORKSHOP_WORKSHOP_SQL, reflection->workshop_id, error) == 0)
    return verk_store_rollback (self);
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
  if (!verk_store_run (self, st, error))
    return verk_store_rollback (self);
  return verk_store_commit_and_notify (self, VERK_CHANGE_REFLECTIONS, reflection->workshop_id, error);
}

/* ------------------------------------------------------------------------ */
/* Records                                                                  */

/**
 * verk_action_status_to_string:
 *
 * Returns: the translated name of @status, for lists and the workbook.
 */
const char *
verk_action_status_to_string (VerkActionStatus status)
{
  switch (status)
    {
    case VERK_ACTION_OPEN:
      return C_("action status", "Open");
    case VERK_ACTION_IN_PROGRESS:
      return C_("action status", "In progress");
    case VERK_ACTION_DONE:
      return C_("action status", "Done");
    case VERK_ACTION_DROPPED:
      return C_("action status", "Dropped");
    default:
      return "";
    }
}

void
verk_group_free (VerkGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->name);
  g_free (group->unit);
  g_free (group);
}

void
verk_workshop_free (VerkWorkshop *workshop)
{
  if (workshop == NULL)
    return;
  g_free (workshop->date);
  g_free (workshop->facilitator);
  g_free (workshop->notes);
  g_free (workshop);
}

void
verk_item_free (VerkItem *item)
{
  if (item == NULL)
    return;
  g_free (item->framework);
  g_free (item->key);
  g_free (item->name);
  g_free (item->description);
  g_free (item->rationale);
  g_free (item);
}

void
verk_participant_free (VerkParticipant *participant)
{
  if (participant == NULL)
    return;
  g_free (participant->name);
  g_free (participant);
}

void
verk_score_free (VerkScore *score)
{
  if (score == NULL)
    return;
  g_free (score->comment);
  g_free (score);
}

void
verk_action_free (VerkAction *action)
{
  if (action == NULL)
    return;
  g_free (action->what);
  g_free (action->owner);
  g_free (action->due);
  g_free (action->followup);
  g_free (action);
}

void
verk_reflection_free (VerkReflection *reflection)
{
  if (reflection == NULL)
    return;
  g_free (reflection->part);
  g_free (reflection->strengths);
  g_free (reflection->development);
  g_free (reflection->obstacles);
  g_free (reflection->removers);
  g_free (reflection);
}

void
verk_backup_free (VerkBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_free (backup->day);
  g_free (backup->reason);
  g_free (backup);
}

/* ------------------------------------------------------------------------ */
/* Editing a workshop after it was created (the Workshop Details editor)    */

/**
 * verk_store_list_removed_items:
 *
 * Lists a workshop's removed items that verk_store_restore_item() can still
 * bring back (not yet purged), most recently removed first.
 *
 * Returns: (transfer full) (element-type VerkItem): the items, or NULL.
 */
GPtrArray *
verk_store_list_removed_items (VerkStore  *self,
                               gint64      workshop_id,
                               GError    **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_item_free);
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  st = verk_store_prepare (self,
                           ITEM_SELECT "WHERE i.workshop_id = ? AND i.removed_at IS NOT NULL"
                           " ORDER BY i.removed_at DESC, i.id DESC", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, workshop_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (list, verk_store_item_from_row (st));
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      verk_store_set_read_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * verk_store_list_removed_participants:
 *
 * Lists a workshop's removed participants that
 * verk_store_restore_participant() can still bring back, most recently
 * removed first.
 *
 * Returns: (transfer full) (element-type VerkParticipant): the participants, or NULL.
 */
GPtrArray *
verk_store_list_removed_participants (VerkStore  *self,
                                      gint64      workshop_id,
                                      GError    **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_participant_free);
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  st = verk_store_prepare (self,
                           "SELECT id, workshop_id, name, position FROM participant"
                           " WHERE workshop_id = ? AND removed_at IS NOT NULL"
                           " ORDER BY removed_at DESC, id DESC", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, workshop_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      VerkParticipant *p = g_new0 (VerkParticipant, 1);
      p->id = sqlite3_column_int64 (st, 0);
      p->workshop_id = sqlite3_column_int64 (st, 1);
      p->name = verk_store_column_text (st, 2);
      p->position = sqlite3_column_int (st, 3);
      g_ptr_array_add (list, p);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      verk_store_set_read_error (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * verk_store_move_participant:
 * @new_index: 0-based place among the workshop's present participants;
 *   clamped to the last place
 *
 * Moves a participant within the workshop's list. The present participants
 * are numbered 0, 1, 2, … afresh (removed ones keep their old number, so a
 * restored participant comes back near where they were).
 *
 * Returns: TRUE on success.
 */
gboolean
verk_store_move_participant (VerkStore  *self,
                             gint64      participant_id,
                             int         new_index,
                             GError    **error)
{
  g_autoptr (GPtrArray) list = NULL;
  VerkParticipant *moved = NULL;
  sqlite3_stmt *st;
  gint64 workshop_id;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);

  if (!verk_store_begin (self, error))
    return FALSE;
  workshop_id = verk_store_owner_workshop (self, PARTICIPANT_WORKSHOP_SQL, participant_id, error);
  if (workshop_id == 0)
    return verk_store_rollback (self);
  list = verk_store_list_participants (self, workshop_id, error);
  if (list == NULL)
    return verk_store_rollback (self);
  for (guint i = 0; i < list->len && moved == NULL; i++)
    if (((VerkParticipant *) g_ptr_array_index (list, i))->id == participant_id)
      moved = g_ptr_array_steal_index (list, i);
  g_assert (moved != NULL);
  g_ptr_array_insert (list, CLAMP (new_index, 0, (int) list->len), moved);

  st = verk_store_prepare (self, "UPDATE participant SET position = ? WHERE id = ?", error);
  if (st == NULL)
    return verk_store_rollback (self);
  for (guint i = 0; i < list->len; i++)
    {
      sqlite3_bind_int (st, 1, (int) i);
      sqlite3_bind_int64 (st, 2, ((VerkParticipant *) g_ptr_array_index (list, i))->id);
      if (!verk_store_run (self, st, error))
        return verk_store_rollback (self);
    }
  return verk_store_commit_and_notify (self, VERK_CHANGE_PARTICIPANTS, workshop_id, error);
}
