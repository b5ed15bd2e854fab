/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "verk-store-exchange-private.h"
#include "verk-store-file-checker.h"

/* An import spends about a quarter of its time checking its files before it
 * reads them: SQLite parsing each file's schema (its tables, indexes and 37
 * triggers) as the file is attached, and PRAGMA quick_check reading every
 * page. None of it needs the store. So a thread of its own checks the files
 * in order, ahead of the merge, on a connection of its own to each file,
 * which it keeps open until the merge is done with the file: the file is
 * opened in SQLite's shared-cache mode (verk_file_checker_attach_uri()), so
 * when the import attaches it with the same name, the import's connection
 * shares the checker's parsed schema and read pages instead of parsing and
 * reading them again (docs/PERFORMANCE.md, "Import, eighth round"). Where
 * SQLite cannot share them, the import parses and reads the file itself;
 * what the checker found holds all the same, for the file as it was when
 * its stat was taken (the import compares that stat with the file's after
 * reading it, as it does for a file it checked itself).
 *
 * The checks are those a file must pass to be read in place (the import
 * made them itself before this checker): a plain rollback-journal database
 * nobody is writing (no -journal, no -wal beside it), Verkstad's
 * application id, this schema version, its pages all there, a workshop
 * file's format, and its B-trees sound. A file that fails any is not usable, and the import takes it the
 * other way (a read-only store's copy), which refuses it with its reason or
 * migrates it. */

typedef enum {
  SLOT_WAITING,    /* not checked yet */
  SLOT_CHECKED,    /* checked; its connection open while the merge may read it */
  SLOT_RELEASED,   /* the merge is done with it; its connection closed or to close */
} SlotState;

typedef struct {
  SlotState        state;
  VerkCheckedFile  checked;
  sqlite3         *db;   /* the checker's connection, holding the shared cache */
} Slot;

struct _VerkFileChecker {
  char     **files;
  guint      n_files;
  char     **table_names;
  char     **table_sql;
  guint      n_tables;
  guint      ahead;      /* files checked and not released, at most */

  GMutex     lock;
  GCond      cond;
  Slot      *slots;
  guint      held;       /* slots checked and not released */
  gboolean   stop;
  sqlite3   *checking;   /* the connection a check is running on (sqlite3_interrupt) */
  GThread   *thread;
};

/**
 * verk_file_checker_attach_uri:
 * @path: a workshop file
 *
 * The name the checker opens @path by and the import attaches it by: the
 * same name, so that SQLite shares the file's cache between them
 * (cache=shared), read-only and immutable (no lock taken, nothing made or
 * written beside the file).
 *
 * Returns: (transfer full): a URI for sqlite3_open_v2() and ATTACH
 */
char *
verk_file_checker_attach_uri (const char *path)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

  return g_strdup_printf ("file:%s?mode=ro&immutable=1&cache=shared", escaped);
}

static gboolean
pragma_int (sqlite3    *db,
            const char *sql,
            gint64     *value)
{
  sqlite3_stmt *st = NULL;
  gboolean ok = sqlite3_prepare_v2 (db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step (st) == SQLITE_ROW;

  if (ok)
    *value = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return ok;
}

/* Whether @db is a workshop file (exchange_meta's format), and in @exact
 * whether each of the staged tables is in it as a new file makes it (the
 * same name and the same CREATE TABLE text). */
static gboolean
check_format (VerkFileChecker *self,
              sqlite3         *db,
              gboolean        *exact)
{
  sqlite3_stmt *st = NULL;
  gboolean ok;
  guint same = 0;

  *exact = FALSE;
  ok = sqlite3_prepare_v2 (db, "SELECT EXISTS (SELECT 1 FROM exchange_meta WHERE key = 'format' AND value = ?1)",
                           -1, &st, NULL) == SQLITE_OK;
  if (ok)
    sqlite3_bind_text (st, 1, EXCHANGE_FORMAT, -1, SQLITE_STATIC);
  ok = ok && sqlite3_step (st) == SQLITE_ROW && sqlite3_column_int (st, 0) != 0;
  sqlite3_finalize (st);
  st = NULL;
  if (!ok)
    return FALSE;
  if (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table'", -1, &st, NULL) != SQLITE_OK)
    return FALSE;
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (st, 0);
      const char *sql = (const char *) sqlite3_column_text (st, 1);

      for (guint t = 0; t < self->n_tables; t++)
        if (g_strcmp0 (name, self->table_names[t]) == 0)
          {
            same += g_strcmp0 (sql, self->table_sql[t]) == 0;
            break;
          }
    }
  sqlite3_finalize (st);
  *exact = same == self->n_tables;
  return TRUE;
}

/* The checks of one file on @db, a connection of the checker's own. */
static gboolean
check_open_file (VerkFileChecker *self,
                 sqlite3         *db,
                 const GStatBuf  *seen,
                 gboolean        *exact)
{
  sqlite3_stmt *st = NULL;
  gint64 app_id = 0, version = 0, pages = 0, page_size = 0;
  gboolean ok;

  ok = pragma_int (db, "PRAGMA application_id", &app_id) && app_id == VERK_STORE_APPLICATION_ID
       && pragma_int (db, "PRAGMA user_version", &version) && version == verk_store_schema_version ()
       && pragma_int (db, "PRAGMA page_count", &pages) && pragma_int (db, "PRAGMA page_size", &page_size)
       && pages * page_size == (gint64) seen->st_size
       && check_format (self, db, exact);
  if (!ok)
    return FALSE;
  /* quick_check, not integrity_check: the import reads every table of the
   * file whole, never through one of its indexes, so an index that misses
   * rows (what only integrity_check finds) cannot hide a row from it */
  ok = sqlite3_prepare_v2 (db, "PRAGMA quick_check (1)", -1, &st, NULL) == SQLITE_OK
       && sqlite3_step (st) == SQLITE_ROW
       && g_strcmp0 ((const char *) sqlite3_column_text (st, 0), "ok") == 0;
  sqlite3_finalize (st);
  return ok;
}

/* Checks the file at @path into @checked. Returns the checker's connection
 * to it, kept open while the merge may read the file, when it is usable;
 * NULL otherwise. Runs on the checker's thread, outside the lock. */
static sqlite3 *
check_file (VerkFileChecker *self,
            const char      *path,
            VerkCheckedFile *checked)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  gboolean usable;

  /* SQLite must understand URIs (SQLITE_USE_URI, as Debian builds it) for
   * the import to attach the file by one */
  if (!sqlite3_compileoption_used ("USE_URI")
      || g_stat (path, &checked->seen) != 0 || !S_ISREG (checked->seen.st_mode)
      || g_file_test (journal, G_FILE_TEST_EXISTS) || g_file_test (wal, G_FILE_TEST_EXISTS))
    return NULL;
  uri = verk_file_checker_attach_uri (path);
  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return NULL;
    }
  g_mutex_lock (&self->lock);
  self->checking = db;
  usable = !self->stop;
  g_mutex_unlock (&self->lock);
  usable = usable && check_open_file (self, db, &checked->seen, &checked->exact);
  g_mutex_lock (&self->lock);
  self->checking = NULL;
  g_mutex_unlock (&self->lock);
  checked->usable = usable;
  if (usable)
    return db;
  sqlite3_close (db);
  return NULL;
}

/* Closes the connections of the files the merge is done with, from
 * @next on (the merge releases files in order); returns the first file not
 * released yet. Closing one frees the file's parsed schema, when the import
 * has detached the file already: that too is off the merge's thread. */
static guint
close_released (VerkFileChecker *self,
                guint            next,
                guint            checked)
{
  for (; next < checked; next++)
    {
      sqlite3 *db = NULL;

      g_mutex_lock (&self->lock);
      if (self->slots[next].state != SLOT_RELEASED)
        {
          g_mutex_unlock (&self->lock);
          break;
        }
      db = g_steal_pointer (&self->slots[next].db);
      g_mutex_unlock (&self->lock);
      sqlite3_close (db);
    }
  return next;
}

static gpointer
check_files (gpointer data)
{
  VerkFileChecker *self = data;
  guint to_close = 0;

  for (guint i = 0; i < self->n_files; i++)
    {
      VerkCheckedFile checked = { 0 };
      sqlite3 *db;

      g_mutex_lock (&self->lock);
      while (!self->stop && self->held >= self->ahead)
        g_cond_wait (&self->cond, &self->lock);
      if (self->stop)
        {
          g_mutex_unlock (&self->lock);
          break;
        }
      g_mutex_unlock (&self->lock);
      to_close = close_released (self, to_close, i);

      db = check_file (self, self->files[i], &checked);

      g_mutex_lock (&self->lock);
      self->slots[i].checked = checked;
      self->slots[i].db = db;
      self->slots[i].state = SLOT_CHECKED;
      self->held++;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
    }
  /* the last files' connections: closed by verk_file_checker_free() */
  return NULL;
}

/**
 * verk_file_checker_new:
 * @files: the files of an import, in the order the import takes them
 * @n_files: how many
 * @table_names: the staged tables' names
 * @table_sql: the CREATE TABLE of each, as a new file has it
 * @n_tables: how many
 * @ahead: how many files it checks before the import releases one
 *
 * Starts checking @files on a thread of its own, in order.
 *
 * Returns: (transfer full): the checker; verk_file_checker_free() stops it
 */
VerkFileChecker *
verk_file_checker_new (const char * const *files,
                       guint               n_files,
                       const char * const *table_names,
                       const char * const *table_sql,
                       guint               n_tables,
                       guint               ahead)
{
  VerkFileChecker *self;

  g_return_val_if_fail (ahead > 0, NULL);

  self = g_new0 (VerkFileChecker, 1);
  self->files = g_new0 (char *, n_files + 1);
  for (guint i = 0; i < n_files; i++)
    self->files[i] = g_strdup (files[i]);
  self->n_files = n_files;
  self->table_names = g_new0 (char *, n_tables + 1);
  self->table_sql = g_new0 (char *, n_tables + 1);
  for (guint t = 0; t < n_tables; t++)
    {
      self->table_names[t] = g_strdup (table_names[t]);
      self->table_sql[t] = g_strdup (table_sql[t]);
    }
  self->n_tables = n_tables;
  self->ahead = ahead;
  self->slots = g_new0 (Slot, MAX (n_files, 1));
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("verk-file-checker", check_files, self);
  return self;
}

/**
 * verk_file_checker_take:
 * @index: a file's place in the files given, each taken once, in order
 * @checked: (out caller-allocates): what the checker found
 *
 * Waits until the file is checked. When it is usable, its connection stays
 * open (the import's ATTACH of verk_file_checker_attach_uri() shares its
 * cache) until verk_file_checker_release().
 */
void
verk_file_checker_take (VerkFileChecker *self,
                        guint            index,
                        VerkCheckedFile *checked)
{
  g_return_if_fail (index < self->n_files);

  g_mutex_lock (&self->lock);
  while (self->slots[index].state == SLOT_WAITING)
    g_cond_wait (&self->cond, &self->lock);
  *checked = self->slots[index].checked;
  g_mutex_unlock (&self->lock);
}

/**
 * verk_file_checker_release:
 * @index: a file taken
 *
 * The import is done with the file (detached it, or read it otherwise):
 * the checker closes its connection, and may check one more file.
 */
void
verk_file_checker_release (VerkFileChecker *self,
                           guint            index)
{
  g_return_if_fail (index < self->n_files);

  g_mutex_lock (&self->lock);
  if (self->slots[index].state == SLOT_CHECKED)
    {
      self->slots[index].state = SLOT_RELEASED;
      self->held--;
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);
}

/**
 * verk_file_checker_free:
 *
 * Stops the checker (a check under way is interrupted), waits for its
 * thread and closes every connection it holds.
 */
void
verk_file_checker_free (VerkFileChecker *self)
{
  if (self == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->stop = TRUE;
  if (self->checking != NULL)
    sqlite3_interrupt (self->checking);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);
  for (guint i = 0; i < self->n_files; i++)
    sqlite3_close (self->slots[i].db);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->slots);
  g_strfreev (self->files);
  g_strfreev (self->table_names);
  g_strfreev (self->table_sql);
  g_free (self);
}
