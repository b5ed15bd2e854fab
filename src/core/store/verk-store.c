/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "verk-store-private.h"
#include "verk-text.h"

/* The store is the only place that knows SQL. Every public edit is one
 * transaction, committed before the function returns (synchronous=FULL, WAL),
 * then announced with ::changed. This file holds the object, its signals,
 * the statements, transactions and checks every verk-store-*.c file shares
 * (verk-store-private.h), and opening and closing; verk-store-open.c does the
 * work of opening a file. One file per concern: -groups, -workshops, -items,
 * -participants, -scores, -priorities, -actions, -reflections, -records,
 * -editor (Workshop Details), -clean-note; migrations: verk-store-migrations.c;
 * backups and restore: verk-store-backup.c; the reasons: docs/STORAGE.md. */

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

/* A score level of 0 is "not set": NULL, as an id of 0. An integer is the
 * same integer to SQLite however it was bound. */
void
verk_store_bind_level (sqlite3_stmt *st,
                       int           index,
                       int           level)
{
  verk_store_bind_id (st, index, level);
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
  return verk_store_select_int64 (self, sql, id, error);
}

/* ------------------------------------------------------------------------ */
/* Opening                                                                  */

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
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

/* SQLite's memory statistics off, before SQLite is first used (the
 * class is made before any store is opened). With them on, every
 * allocation of every connection takes one process-wide mutex: an import
 * whose files are checked on a thread of their own
 * (verk-store-file-checker.c), or the Overview read while the window
 * edits, then spend their time switching on it (measured on two cores: an
 * import's CPU 540 -> 870 ms, 2,700 -> 35,000 context switches). Verkstad
 * reads none of the statistics (sqlite3_memory_used() and the soft heap
 * limit are what they serve). A process that used SQLite before keeps
 * them. */
static void
configure_sqlite (void)
{
  if (sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
    g_debug ("SQLite was in use before the first store: its memory statistics stay on");
}

static void
verk_store_class_init (VerkStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  configure_sqlite ();
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
 * nobody has touched it since (the clean-close note). For tests (declared
 * in verk-store-private.h).
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
 * verk_store_set_origin:
 * @origin: who the edits that follow are made for
 *
 * Marks the edits that follow as someone else's (a phone's, through the room
 * server) or, set back, as this program's own: ::changed handlers tell them
 * apart with verk_store_get_origin(). A scope rather than an argument of
 * every edit and of ::changed, so that no page and no other handler changes.
 *
 * Returns: the origin before, to set back after the edits.
 */
VerkOrigin
verk_store_set_origin (VerkStore  *self,
                       VerkOrigin  origin)
{
  VerkOrigin before;

  g_return_val_if_fail (VERK_IS_STORE (self), VERK_ORIGIN_LOCAL);

  before = self->origin;
  self->origin = origin;
  return before;
}

/**
 * verk_store_get_origin:
 *
 * Returns: whose edits are being made and announced now.
 */
VerkOrigin
verk_store_get_origin (VerkStore *self)
{
  g_return_val_if_fail (VERK_IS_STORE (self), VERK_ORIGIN_LOCAL);

  return self->origin;
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
