/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backups that keep what they promise: two processes making the day's
 * backup at once, one safety copy per restore, and every failing step of
 * writing a copy (through the fault hook) reported with no partial file
 * left behind. */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <time.h>
#include <utime.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "verk-store.h"
#include "verk-store-backup-private.h"
#include "test-files.h"

#define RACE_RUNS 40

static char *tmp_dir;

static char *
query_text (const char *path,
            const char *sql)
{
  g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", path);
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
  if (sqlite3_step (st) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_finalize (st);
  sqlite3_close (db);
  return value;
}

/* The names in @dir starting with @prefix, sorted. */
static GPtrArray *
names_in (const char *dir,
          const char *prefix)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return names;
}

static void
remove_all (const char *dir)
{
  g_autoptr (GPtrArray) names = names_in (dir, "");

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* A database with one group, closed: its next opening is the first of the
 * day (a file just made gets no backup). */
static char *
make_database (const char *dir,
               const char *group)
{
  g_autofree char *path = g_build_filename (dir, "v.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (path, &error);

  g_assert_no_error (error);
  verk_store_add_group (store, group, "", &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* The child: waits at @gate, opens the store, exits 0. A warning about the
 * backup is fatal under g_test_init, so it ends the child by a signal. */
G_GNUC_NORETURN static void
open_in_child (const char *path,
               int         gate)
{
  g_autoptr (GError) error = NULL;
  VerkStore *store;
  char c;

  if (read (gate, &c, 1) != 1)
    _exit (3);
  store = verk_store_new (path, &error);
  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      _exit (2);
    }
  g_object_unref (store);
  _exit (0);
}

/* Two processes open the same database for the first time that day: each
 * writes the day's backup at the same moment. Every run must end with
 * exactly one complete backup, no temporary file and no warning. */
static void
test_two_processes_back_up_at_once (void)
{
  for (guint run = 0; run < RACE_RUNS; run++)
    {
      g_autofree char *dir = g_build_filename (tmp_dir, "race", NULL);
      g_autofree char *path = NULL;
      g_autofree char *today = NULL;
      g_autoptr (GPtrArray) backups = NULL;
      g_autoptr (GPtrArray) others = NULL;
      pid_t children[2];
      int gate[2];

      g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
      path = make_database (dir, "Ledningsgruppen");
      g_assert_cmpint (pipe (gate), ==, 0);
      for (guint i = 0; i < 2; i++)
        {
          children[i] = fork ();
          g_assert_cmpint (children[i], >=, 0);
          if (children[i] == 0)
            {
              close (gate[1]);
              open_in_child (path, gate[0]);
            }
        }
      close (gate[0]);
      /* Both start together. */
      g_assert_cmpint (write (gate[1], "go", 2), ==, 2);
      close (gate[1]);
      for (guint i = 0; i < 2; i++)
        {
          int status = 0;

          g_assert_cmpint (waitpid (children[i], &status, 0), ==, children[i]);
          if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
            g_error ("run %u: an opening failed or warned (status %d)", run, status);
        }

      {
        g_autoptr (GDateTime) now = g_date_time_new_now_local ();
        today = g_date_time_format (now, "v.db.%Y-%m-%d.backup");
      }
      backups = names_in (dir, "v.db.2");
      if (backups->len != 1 || g_strcmp0 (backups->pdata[0], today) != 0)
        g_error ("run %u: expected only %s, found %u files (first %s)", run, today, backups->len,
                 backups->len > 0 ? (char *) backups->pdata[0] : "none");
      {
        g_autofree char *backup = g_build_filename (dir, today, NULL);
        g_autofree char *check = query_text (backup, "PRAGMA integrity_check");
        g_autofree char *group = query_text (backup, "SELECT name FROM grp");

        g_assert_cmpstr (check, ==, "ok");
        g_assert_cmpstr (group, ==, "Ledningsgruppen");
      }
      /* The database (its -wal and -shm stay when both closed at once),
       * and nothing half-written beside it. */
      others = names_in (dir, "");
      for (guint i = 0; i < others->len; i++)
        {
          const char *name = others->pdata[i];

          if (g_strcmp0 (name, "v.db") != 0 && g_strcmp0 (name, today) != 0
              && !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
            g_error ("run %u: %s left behind", run, name);
        }
      remove_all (dir);
    }
}

static void
add_group (VerkStore  *store,
           const char *name)
{
  g_autoptr (GError) error = NULL;

  verk_store_add_group (store, name, "", &error);
  g_assert_no_error (error);
}

/* Open (backup B0), edit "S1", restore B0, edit "S2", restore B0 again:
 * "S1" and "S2" are each kept in a safety copy of their own, listed for
 * restoring, the later one first. */
static void
test_every_restore_keeps_its_copy (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "restores", NULL);
  g_autofree char *path = NULL;
  g_autofree char *b0 = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (GPtrArray) safety = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  path = make_database (dir, "B0");
  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  backups = verk_store_list_backups (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  b0 = g_strdup (((VerkBackup *) backups->pdata[0])->path);
  g_clear_pointer (&backups, g_ptr_array_unref);

  add_group (store, "S1");
  g_assert_true (verk_store_restore_backup (store, b0, &error));
  g_assert_no_error (error);
  add_group (store, "S2");
  g_assert_true (verk_store_restore_backup (store, b0, &error));
  g_assert_no_error (error);

  backups = verk_store_list_backups (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < backups->len; i++)
    {
      VerkBackup *b = backups->pdata[i];

      if (g_strcmp0 (verk_backup_describe (b), "Before restoring a backup") == 0)
        g_ptr_array_add (safety, g_strdup (b->path));
    }
  g_assert_cmpuint (safety->len, ==, 2);
  {
    g_autofree char *newer = query_text (safety->pdata[0], "SELECT group_concat(name, ',') FROM "
                                                           "(SELECT name FROM grp ORDER BY name)");
    g_autofree char *older = query_text (safety->pdata[1], "SELECT group_concat(name, ',') FROM "
                                                           "(SELECT name FROM grp ORDER BY name)");

    g_assert_cmpstr (newer, ==, "B0,S2");
    g_assert_cmpstr (older, ==, "B0,S1");
  }
  /* Each can be restored: the first restore is undone. */
  g_assert_true (verk_store_restore_backup (store, safety->pdata[1], &error));
  g_assert_no_error (error);
  {
    g_autoptr (GPtrArray) groups = verk_store_list_groups (store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (groups->len, ==, 2);
  }
  g_clear_object (&store);
  remove_all (dir);
}

/* Each step of writing a copy fails in turn: the restore that needed the
 * safety copy stops with a message naming the folder, the database is as it
 * was, and no file is left behind, half-written or whole. */
static void
test_failing_steps (void)
{
  const char *steps[] = { "create", "fchmod", "backup-finish", "close", "fsync", "link", "fsync-folder" };
  g_autofree char *dir = g_build_filename (tmp_dir, "faults", NULL);
  g_autofree char *path = NULL;
  g_autofree char *b0 = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (GPtrArray) before = NULL;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  path = make_database (dir, "B0");
  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr (GPtrArray) backups = verk_store_list_backups (store, &error);

    g_assert_no_error (error);
    b0 = g_strdup (((VerkBackup *) backups->pdata[0])->path);
  }
  add_group (store, "S1");
  before = names_in (dir, "v.db.");

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr (GPtrArray) after = NULL;
      g_autoptr (GPtrArray) groups = NULL;

      g_test_message ("failing step: %s", steps[i]);
      verk_store_backup_inject_fault (steps[i]);
      g_assert_false (verk_store_restore_backup (store, b0, &error));
      verk_store_backup_inject_fault (NULL);
      g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "could not write a backup copy"));
      g_assert_nonnull (strstr (error->message, dir));
      g_clear_error (&error);

      groups = verk_store_list_groups (store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (groups->len, ==, 2);   /* not restored */
      after = names_in (dir, "v.db.");
      g_assert_cmpuint (after->len, ==, before->len);
      for (guint k = 0; k < after->len; k++)
        g_assert_cmpstr (after->pdata[k], ==, before->pdata[k]);
    }

  /* Without a fault the same restore works. */
  g_assert_true (verk_store_restore_backup (store, b0, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  remove_all (dir);
}

/* Creating a new database file: a failed fchmod (it would stay 0644, and
 * its -wal too) or folder fsync (the new name might not survive a power cut)
 * is a clear error naming the file, and no file is left. */
static void
test_new_database_steps (void)
{
  const char *steps[] = { "new-fchmod", "new-fsync-folder" };
  g_autofree char *dir = g_build_filename (tmp_dir, "new-database", NULL);
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (VerkStore) store = NULL;
      g_autofree char *left = NULL;

      g_test_message ("failing step: %s", steps[i]);
      verk_store_backup_inject_fault (steps[i]);
      store = verk_store_new (path, &error);
      verk_store_backup_inject_fault (NULL);
      g_assert_null (store);
      g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "new.db"));
      g_assert_nonnull (strstr (error->message, "did not create it"));
      g_test_message ("%s", error->message);
      left = list_dir (dir);
      g_assert_cmpstr (left, ==, "");
    }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (VerkStore) store = verk_store_new (path, &error);
    GStatBuf st;

    g_assert_no_error (error);
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  remove_all (dir);
}

/* A store opened only for reading (an export's) refuses a restore before
 * anything is written: no safety copy, the file as it was. */
static void
test_read_only_refuses_restore (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "read-only", NULL);
  g_autofree char *path = NULL;
  g_autofree char *b0 = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  path = make_database (dir, "B0");
  store = verk_store_new (path, &error);     /* the day's backup */
  g_assert_no_error (error);
  {
    g_autoptr (GPtrArray) backups = verk_store_list_backups (store, &error);

    g_assert_no_error (error);
    b0 = g_strdup (((VerkBackup *) backups->pdata[0])->path);
  }
  add_group (store, "S1");
  g_clear_object (&store);
  before = list_dir (dir);

  store = verk_store_new_full (path, VERK_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (verk_store_restore_backup (store, b0, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "v.db"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_clear_object (&store);

  after = list_dir (dir);
  g_assert_cmpstr (after, ==, before);
  {
    g_autofree char *names = query_text (path, "SELECT group_concat (name) FROM grp ORDER BY id");

    g_assert_cmpstr (names, ==, "B0,S1");
  }
  remove_all (dir);
}

/* A copy cut short by a kill leaves its temporary file; the next day's
 * backup removes those nobody has touched for an hour, never a fresh one
 * (another process's copy in progress) nor anything not named like ours. */
static void
test_stale_temporaries (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "stale", NULL);
  g_autofree char *path = NULL;
  g_autofree char *stale = NULL, *fresh = NULL, *foreign = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  struct utimbuf old = { 0 };

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  path = make_database (dir, "B0");
  stale = g_strconcat (path, ".2026-01-01.backup.tmp-AbC123", NULL);
  fresh = g_strconcat (path, ".2026-01-02.backup.tmp-XyZ789", NULL);
  foreign = g_strconcat (path, ".notes.tmp-AbC123", NULL);
  g_assert_true (g_file_set_contents (stale, "half", -1, NULL));
  g_assert_true (g_file_set_contents (fresh, "half", -1, NULL));
  g_assert_true (g_file_set_contents (foreign, "mine", -1, NULL));
  old.actime = old.modtime = time (NULL) - 2 * 60 * 60;
  g_assert_cmpint (g_utime (stale, &old), ==, 0);
  g_assert_cmpint (g_utime (foreign, &old), ==, 0);

  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (foreign, G_FILE_TEST_EXISTS));
  g_clear_object (&store);
  remove_all (dir);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("verk-store-backup-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/store-backup/two-processes-at-once", test_two_processes_back_up_at_once);
  g_test_add_func ("/store-backup/every-restore-keeps-its-copy", test_every_restore_keeps_its_copy);
  g_test_add_func ("/store-backup/failing-steps", test_failing_steps);
  g_test_add_func ("/store-backup/stale-temporaries", test_stale_temporaries);
  g_test_add_func ("/store-backup/read-only-refuses-restore", test_read_only_refuses_restore);
  g_test_add_func ("/store-backup/new-database-steps", test_new_database_steps);
  status = g_test_run ();
  g_rmdir (tmp_dir);
  return status;
}
