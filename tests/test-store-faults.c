/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Files the store must refuse (not SQLite, truncated, damaged, another
 * program's, too new, read-only, locked), each left byte-for-byte unchanged
 * with nothing created beside it, also when they were damaged after a clean
 * close (the clean-close note must not spare them the whole-file check);
 * migration of an older schema after a backup; automatic backups, pruning
 * and restore. */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "verk-store.h"
#include "verk-store-private.h"   /* to turn the store's day back in /store-faults/backup-after-midnight */
#include "test-files.h"
#include "test-sqlite.h"

static char *tmp_dir;

static char *
scratch_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static gboolean
exists_beside (const char *path,
               const char *suffix)
{
  g_autofree char *other = g_strconcat (path, suffix, NULL);

  return g_file_test (other, G_FILE_TEST_EXISTS);
}

/* Number of files in the scratch folder whose name starts with @path's name. */
static guint
files_of (const char *path)
{
  g_autofree char *dir_name = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr (GDir) dir = g_dir_open (dir_name, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, base))
      n++;
  return n;
}

/* Opens @path, expects @code, and checks the file and its folder are as before. */
static void
assert_refused (const char     *path,
                VerkStoreError  code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *base = g_path_get_basename (path);
  guint n_files = files_of (path);

  store = verk_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, VERK_STORE_ERROR, (int) code);
  /* The message names the file, for the dialog that offers another one. */
  g_assert_nonnull (strstr (error->message, base));
  g_test_message ("refused %s: %s", base, error->message);

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (files_of (path), ==, n_files);
  g_assert_false (exists_beside (path, "-wal"));
  g_assert_false (exists_beside (path, "-shm"));
  g_assert_false (exists_beside (path, "-journal"));
}

/* A real Verkstad database with some rows, closed cleanly. */
static void
make_store_file (const char *path,
                 guint       n_items)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (path, &error);
  gint64 group, ws;

  g_assert_no_error (error);
  group = verk_store_add_group (store, "Gruppen", NULL, &error);
  ws = verk_store_add_workshop (store, group, "2026-01-15", "Åsa", &error);
  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *name = g_strdup_printf ("Bit %u med en lite längre text så att sidorna fylls", i);
      verk_store_add_item (store, ws, "siq", NULL, name, name, &error);
      g_assert_no_error (error);
    }
}

static void
test_not_sqlite (void)
{
  g_autofree char *text = scratch_path ("notes.db");
  g_autofree char *binary = scratch_path ("image.db");
  g_autofree char *tiny = scratch_path ("tiny.db");
  guint8 noise[5000];

  g_assert_true (g_file_set_contents (text, "Det här är en anteckning, ingen databas.\n", -1, NULL));
  assert_refused (text, VERK_STORE_ERROR_NOT_DATABASE);

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) g_random_int ();
  memcpy (noise, "\x89PNG\r\n\x1a\n", 8);
  g_assert_true (g_file_set_contents (binary, (const char *) noise, sizeof noise, NULL));
  assert_refused (binary, VERK_STORE_ERROR_NOT_DATABASE);

  /* The start of a real header, cut short. */
  g_assert_true (g_file_set_contents (tiny, "SQLite format 3\0\x10\0", 18, NULL));
  assert_refused (tiny, VERK_STORE_ERROR_NOT_DATABASE);
}

static void
test_truncated_and_damaged (void)
{
  g_autofree char *path = scratch_path ("truncated.db");
  g_autofree char *damaged = scratch_path ("damaged.db");
  g_autofree char *data = NULL;
  gsize len;

  make_store_file (path, 120);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, 8 * 4096);

  g_assert_true (g_file_set_contents (path, data, len / 2, NULL));
  assert_refused (path, VERK_STORE_ERROR_NOT_DATABASE);
  g_assert_true (g_file_set_contents (path, data, 4096 + 100, NULL));
  assert_refused (path, VERK_STORE_ERROR_NOT_DATABASE);
  g_assert_true (g_file_set_contents (path, data, 60, NULL));
  assert_refused (path, VERK_STORE_ERROR_NOT_DATABASE);

  /* Full length, valid header, garbage in the middle: only reading the
   * pages finds it. */
  memset (data + 3 * 4096, 0xA5, 3 * 4096);
  g_assert_true (g_file_set_contents (damaged, data, len, NULL));
  assert_refused (damaged, VERK_STORE_ERROR_NOT_DATABASE);
}

static void
test_other_programs_database (void)
{
  g_autofree char *plain = scratch_path ("other.db");
  g_autofree char *marked = scratch_path ("marked.db");

  test_sqlite_exec (plain, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Åke')");
  assert_refused (plain, VERK_STORE_ERROR_NOT_VERKSTAD);
  test_sqlite_exec (marked, "PRAGMA application_id = 1234; CREATE TABLE t (x)");
  assert_refused (marked, VERK_STORE_ERROR_NOT_VERKSTAD);
}

static void
test_too_new (void)
{
  g_autofree char *path = scratch_path ("newer.db");
  sqlite3 *holder;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  make_store_file (path, 3);
  test_sqlite_exec (path, "PRAGMA user_version = 999");
  assert_refused (path, VERK_STORE_ERROR_TOO_NEW);

  /* The same, with the new version only in another connection's WAL, so the
   * file's header is stale and SQLite has to be asked. */
  test_sqlite_exec (path, "PRAGMA user_version = 2");
  g_assert_cmpint (sqlite3_open (path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "PRAGMA wal_autocheckpoint = 0; PRAGMA user_version = 998",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (exists_beside (path, "-wal"));
  before = file_checksum (path);
  store = verk_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_TOO_NEW);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  /* And as a crash leaves it: the database and a -wal holding the newer
   * version, nobody else has it open. Refusing must not checkpoint the WAL
   * into the file (that would change it) nor remove the WAL. */
  {
    g_autofree char *crashed = scratch_path ("crashed-newer.db");
    g_autofree char *crashed_wal = g_strconcat (crashed, "-wal", NULL);
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *data = NULL;
    g_autofree char *wal_before = NULL;
    g_autofree char *wal_after = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (path, &data, &len, NULL));
    g_assert_true (g_file_set_contents (crashed, data, len, NULL));
    g_clear_pointer (&data, g_free);
    g_assert_true (g_file_get_contents (wal, &data, &len, NULL));
    g_assert_cmpuint (len, >, 0);
    g_assert_true (g_file_set_contents (crashed_wal, data, len, NULL));
    sqlite3_close (holder);

    g_clear_pointer (&before, g_free);
    g_clear_pointer (&after, g_free);
    before = file_checksum (crashed);
    wal_before = file_checksum (crashed_wal);
    g_clear_error (&error);
    store = verk_store_new (crashed, &error);
    g_assert_null (store);
    g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_TOO_NEW);
    after = file_checksum (crashed);
    g_assert_cmpstr (before, ==, after);
    g_assert_true (exists_beside (crashed, "-wal"));
    wal_after = file_checksum (crashed_wal);
    g_assert_cmpstr (wal_before, ==, wal_after);
    /* SQLite needs its -shm index to read a WAL, so one may now exist: it
     * holds no data and is rebuilt from the WAL (docs/STORAGE.md). */
  }
}

static gboolean
run_command (const char * const *argv,
             char              **err_out)
{
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, err_out, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_read_only (void)
{
  g_autofree char *dir = scratch_path ("ro");
  g_autofree char *path = g_build_filename (dir, "locked-down.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "new.db", NULL);
  g_autofree char *err = NULL;
  const char *immutable_file[] = { "chattr", "+i", path, NULL };
  const char *mutable_file[] = { "chattr", "-i", path, NULL };
  const char *immutable_dir[] = { "chattr", "+i", dir, NULL };
  const char *mutable_dir[] = { "chattr", "-i", dir, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  make_store_file (path, 3);

  /* Tests run as root, which ignores permission bits; an immutable file
   * refuses root too (RECIPES.md, "Facts measured here"). */
  if (!run_command (immutable_file, &err))
    {
      g_autofree char *reason = g_strdup_printf ("chattr +i is not available here: %s", err);
      g_test_skip (reason);
      return;
    }
  assert_refused (path, VERK_STORE_ERROR_READ_ONLY);
  g_assert_true (run_command (mutable_file, NULL));

  /* A writable file in a folder where no -wal can be made. */
  g_assert_true (run_command (immutable_dir, NULL));
  assert_refused (path, VERK_STORE_ERROR_READ_ONLY);
  store = verk_store_new (missing, &error);
  g_assert_null (store);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_READ_ONLY);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_true (run_command (mutable_dir, NULL));

  /* And it opens once it is writable again. */
  g_clear_error (&error);
  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
}

/* The child side of /store-faults/read-only-for-another-user: run as
 * nobody, tries to open and prints the error code. */
static int
try_open_main (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (path, &error);

  if (store != NULL)
    printf ("opened\n");
  else if (error->domain == VERK_STORE_ERROR)
    printf ("code %d\n", error->code);
  else
    printf ("other error\n");
  return 0;
}

/* The everyday case: a file the user may read but not write (someone else's,
 * or on a share). Tests run as root, which ignores permission bits, so the
 * opening runs in a child as the unprivileged user nobody (setpriv). */
static void
test_read_only_for_another_user (void)
{
  g_autofree char *dir = scratch_path ("ro-user");
  g_autofree char *path = g_build_filename (dir, "colleagues.db", NULL);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = g_strdup_printf ("code %d\n", VERK_STORE_ERROR_READ_ONLY);
  const char *argv[] = { "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                         self_exe, "--try-open", path, NULL };
  int status = 0;

  if (getuid () != 0)
    {
      g_test_skip ("runs only as root (it drops to the user nobody); as a normal user "
                   "/store-faults/read-only covers the same");
      return;
    }
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (tmp_dir, 0755), ==, 0);
  make_store_file (path, 3);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);   /* nobody may read, not write */
  before = file_checksum (path);

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, NULL)
      || !g_spawn_check_wait_status (status, NULL) || out == NULL || *out == '\0')
    {
      g_autofree char *reason = g_strdup_printf ("cannot run as another user here (setpriv): %s",
                                                 err != NULL ? err : "");
      g_test_skip (reason);
      return;
    }
  g_assert_cmpstr (out, ==, expected);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (exists_beside (path, "-wal"));
  g_assert_false (exists_beside (path, "-shm"));
  g_assert_cmpuint (files_of (path), ==, 1);
}

static void
test_locked (void)
{
  g_autofree char *path = scratch_path ("busy.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  sqlite3 *other;

  make_store_file (path, 3);
  before = file_checksum (path);

  /* Another program in the middle of writing: it holds the write lock. */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE; INSERT INTO grp (name) VALUES ('annan')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  store = verk_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_LOCKED);
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);
  g_assert_false (exists_beside (path, "-wal"));
  g_clear_pointer (&after, g_free);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  /* Free again: it opens. */
  store = verk_store_new (path, &error);
  g_assert_no_error (error);
}

static void
count_change (VerkStore *store,
              int        kind,
              gint64     workshop_id,
              guint     *n)
{
  g_assert_cmpint (kind, ==, VERK_CHANGE_GROUPS);
  (*n)++;
}

/* The child side of /store-faults/locked-by-another-process: holds the write
 * lock with an open transaction until its stdin closes. */
static int
hold_lock_main (const char *path)
{
  sqlite3 *db;
  char buf[64];

  if (sqlite3_open (path, &db) != SQLITE_OK
      || sqlite3_exec (db, "BEGIN EXCLUSIVE; INSERT INTO grp (name) VALUES ('annan process')",
                       NULL, NULL, NULL) != SQLITE_OK)
    return 3;
  printf ("locked\n");
  fflush (stdout);
  while (fgets (buf, sizeof buf, stdin) != NULL)
    ;
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return sqlite3_close (db) == SQLITE_OK ? 0 : 4;
}

static void
test_locked_by_another_process (void)
{
  g_autofree char *path = scratch_path ("other-process.db");
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_exe, "--hold-lock", path, NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  char line[64] = "";
  int in_fd, out_fd, status;
  FILE *out;
  GPid pid;

  make_store_file (path, 3);
  before = file_checksum (path);

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, &in_fd, &out_fd, NULL, &error));
  g_assert_no_error (error);
  out = fdopen (out_fd, "r");
  g_assert_nonnull (fgets (line, sizeof line, out));
  g_assert_cmpstr (line, ==, "locked\n");

  store = verk_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_LOCKED);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  close (in_fd);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  fclose (out);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_false (exists_beside (path, "-wal"));
  g_clear_pointer (&after, g_free);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* Another writer appears while the store is open: the edit fails with
 * LOCKED and a message, announces nothing, and works again afterwards. */
static void
test_locked_during_edit (void)
{
  g_autofree char *path = scratch_path ("busy-later.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  guint n_changes = 0;
  sqlite3 *other;

  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "changed", G_CALLBACK (count_change), &n_changes);

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (verk_store_add_group (store, "Väntar", NULL, &error), ==, 0);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "Another program"));
  g_clear_error (&error);
  g_assert_cmpuint (n_changes, ==, 0);
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  g_assert_cmpint (verk_store_add_group (store, "Väntar", NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes, ==, 1);
  groups = verk_store_list_groups (store, &error);
  g_assert_cmpuint (groups->len, ==, 1);
}

static void
test_empty_file_becomes_new (void)
{
  g_autofree char *path = scratch_path ("empty.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (verk_store_add_group (store, "Ny", NULL, &error), >, 0);
}

/* Schema version 1 as the first version of Verkstad wrote it. Kept here
 * verbatim: the point is a file from the past, not today's code. */
static const char v1_schema[] =
  "CREATE TABLE grp (id INTEGER PRIMARY KEY, name TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '',"
  "  trashed_at TEXT);"
  "CREATE TABLE workshop (id INTEGER PRIMARY KEY,"
  "  grp_id INTEGER NOT NULL REFERENCES grp (id) ON DELETE CASCADE, date TEXT NOT NULL,"
  "  facilitator TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '',"
  "  previous_id INTEGER REFERENCES workshop (id) ON DELETE SET NULL, trashed_at TEXT);"
  "CREATE INDEX workshop_grp ON workshop (grp_id, date);"
  "CREATE TABLE item (id INTEGER PRIMARY KEY,"
  "  workshop_id INTEGER NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,"
  "  framework TEXT NOT NULL, key TEXT, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL);"
  "CREATE INDEX item_workshop ON item (workshop_id, framework, position);"
  "CREATE TABLE participant (id INTEGER PRIMARY KEY,"
  "  workshop_id INTEGER NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL);"
  "CREATE INDEX participant_workshop ON participant (workshop_id, position);"
  "CREATE TABLE score (item_id INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,"
  "  participant_id INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,"
  "  value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5), comment TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (item_id, participant_id)) WITHOUT ROWID;"
  "CREATE INDEX score_participant ON score (participant_id);"
  "CREATE TABLE agreed (item_id INTEGER PRIMARY KEY REFERENCES item (id) ON DELETE CASCADE,"
  "  value INTEGER CHECK (value IS NULL OR value BETWEEN 1 AND 5),"
  "  rationale TEXT NOT NULL DEFAULT '',"
  "  desired INTEGER CHECK (desired IS NULL OR desired BETWEEN 1 AND 5));"
  "INSERT INTO grp (id, name, unit) VALUES (1, 'Ledningsgruppen Östra', 'Socialtjänst');"
  "INSERT INTO workshop (id, grp_id, date, facilitator) VALUES (1, 1, '2025-10-01', 'Åsa');"
  "INSERT INTO item (id, workshop_id, framework, key, name, position)"
  "  VALUES (1, 1, 'siq', 'samverkan', 'Samverkan', 0);"
  "INSERT INTO participant (id, workshop_id, name, position) VALUES (1, 1, 'Örjan', 0);"
  "INSERT INTO score VALUES (1, 1, 4, 'bra');"
  "INSERT INTO agreed VALUES (1, 3, 'enades', 5);"
  "PRAGMA application_id = 1447383627;"  /* 0x5645524B, "VERK" */
  "PRAGMA user_version = 1;";

static int
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *st;
  int value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  value = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  sqlite3_close (db);
  return value;
}

static VerkBackup *
find_backup (GPtrArray  *backups,
             const char *suffix)
{
  for (guint i = 0; i < backups->len; i++)
    {
      VerkBackup *b = backups->pdata[i];
      if (g_str_has_suffix (b->path, suffix))
        return b;
    }
  return NULL;
}

static void
test_migration_from_v1 (void)
{
  g_autofree char *path = scratch_path ("old.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) scores = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  VerkBackup *backup;
  VerkAction action = { 0 };

  test_sqlite_exec (path, v1_schema);
  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* Everything written by version 1 is still there ... */
  groups = verk_store_list_groups (store, &error);
  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_cmpstr (((VerkGroup *) groups->pdata[0])->name, ==, "Ledningsgruppen Östra");
  items = verk_store_list_items (store, 1, "siq", &error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (((VerkItem *) items->pdata[0])->agreed, ==, 3);
  g_assert_cmpint (((VerkItem *) items->pdata[0])->desired, ==, 5);
  scores = verk_store_list_scores (store, 1, &error);
  g_assert_cmpuint (scores->len, ==, 1);
  g_assert_cmpstr (((VerkScore *) scores->pdata[0])->comment, ==, "bra");

  /* ... and what version 2 added works. */
  action.workshop_id = 1;
  action.what = (char *) "Ny åtgärd";
  g_assert_cmpint (verk_store_add_action (store, &action, &error), >, 0);
  g_assert_no_error (error);

  /* The copy made before migrating is version 1, byte for byte the data. */
  backups = verk_store_list_backups (store, &error);
  g_assert_no_error (error);
  {
    g_autofree char *suffix = g_strdup_printf (".before-v%d.backup", verk_store_schema_version ());
    g_autofree char *reason = g_strdup_printf ("before-v%d", verk_store_schema_version ());
    backup = find_backup (backups, suffix);
    g_assert_nonnull (backup);
    g_assert_cmpstr (backup->reason, ==, reason);
  }
  g_assert_cmpstr (verk_backup_describe (backup), ==, "Before updating the database");
  g_assert_cmpint (query_int (backup->path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (query_int (backup->path, "SELECT count(*) FROM score WHERE comment = 'bra'"), ==, 1);
  g_assert_cmpint (query_int (backup->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'action'"), ==, 0);

  /* Restoring that pre-migration copy brings back version 1's data and
   * migrates it again, so the store keeps working. */
  {
    g_autofree char *old_copy = g_strdup (backup->path);
    g_autoptr (GPtrArray) actions = NULL;

    g_assert_true (verk_store_restore_backup (store, old_copy, &error));
    g_assert_no_error (error);
    actions = verk_store_list_actions (store, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (actions->len, ==, 0);
    g_clear_pointer (&scores, g_ptr_array_unref);
    scores = verk_store_list_scores (store, 1, &error);
    g_assert_cmpuint (scores->len, ==, 1);
    g_assert_cmpint (verk_store_add_action (store, &action, &error), >, 0);
    g_assert_no_error (error);
    /* the copy itself is untouched: still version 1 */
    g_assert_cmpint (query_int (old_copy, "PRAGMA user_version"), ==, 1);
  }
  g_clear_object (&store);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, verk_store_schema_version ());
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *st;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_finalize (st);
  sqlite3_close (db);
  return value;
}

static void
test_backups_and_restore (void)
{
  g_autofree char *path = scratch_path ("daily.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  g_autofree char *daily_path = NULL;
  g_autofree char *junk = scratch_path ("junk.backup");
  VerkBackup *daily, *safety;
  guint n_changes = 0;

  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  verk_store_add_group (store, "Före", NULL, &error);
  g_clear_object (&store);

  /* Old backups from days long gone, some of them to be pruned. */
  for (int d = 1; d <= 9; d++)
    {
      g_autofree char *name = g_strdup_printf ("%s.2020-01-%02d.backup", path, d);
      g_assert_true (g_file_set_contents (name, "old", -1, NULL));
    }

  /* The second opening (a day of use) makes today's backup. */
  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  backups = verk_store_list_backups (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 7);
  daily = backups->pdata[0];
  g_assert_true (g_str_has_suffix (daily->path, ".backup"));
  g_assert_null (daily->reason);
  g_assert_cmpstr (verk_backup_describe (daily), ==, "Automatic backup");
  g_assert_cmpstr (((VerkBackup *) backups->pdata[6])->day, ==, "2020-01-04");
  g_assert_false (exists_beside (path, ".2020-01-03.backup"));
  g_assert_true (exists_beside (path, ".2020-01-04.backup"));
  daily_path = g_strdup (daily->path);
  {
    GStatBuf st;
    g_assert_cmpint (g_stat (daily_path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);   /* the same people's scores */
  }
  /* A plain one-file database (rollback journal), not marked as WAL. */
  {
    g_autofree char *data = NULL;
    gsize len;
    g_assert_true (g_file_get_contents (daily_path, &data, &len, NULL));
    g_assert_cmpuint (len, >, 100);
    g_assert_cmpint (data[18], ==, 1);
    g_assert_cmpint (data[19], ==, 1);
  }
  g_clear_pointer (&backups, g_ptr_array_unref);
  g_assert_cmpint (query_int (daily_path, "SELECT count(*) FROM grp"), ==, 1);

  verk_store_add_group (store, "Efter", NULL, &error);
  g_assert_no_error (error);

  /* A broken backup is refused and changes nothing. */
  g_assert_true (g_file_set_contents (junk, "inte en databas", -1, NULL));
  g_assert_false (verk_store_restore_backup (store, junk, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_DATABASE);
  g_clear_error (&error);
  groups = verk_store_list_groups (store, &error);
  g_assert_cmpuint (groups->len, ==, 2);
  g_clear_pointer (&groups, g_ptr_array_unref);

  g_signal_connect (store, "changed", G_CALLBACK (count_change), &n_changes);
  g_assert_true (verk_store_restore_backup (store, daily_path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes, ==, 1);
  groups = verk_store_list_groups (store, &error);
  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_cmpstr (((VerkGroup *) groups->pdata[0])->name, ==, "Före");

  /* What was there before the restore was kept as a backup too. */
  backups = verk_store_list_backups (store, &error);
  safety = find_backup (backups, ".before-restore.backup");
  g_assert_nonnull (safety);
  g_assert_cmpstr (safety->reason, ==, "before-restore");
  g_assert_true (g_str_has_prefix (safety->path, path) && strlen (safety->day) == 10);
  g_assert_cmpint (query_int (safety->path, "SELECT count(*) FROM grp"), ==, 2);

  /* The restored data is saved for real: it survives reopening. */
  verk_store_add_group (store, "Efter återställning", NULL, &error);
  g_clear_object (&store);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM grp"), ==, 2);
  {
    g_autofree char *check = query_text (path, "PRAGMA integrity_check");
    g_autofree char *mode = query_text (path, "PRAGMA journal_mode");
    g_assert_cmpstr (check, ==, "ok");
    g_assert_cmpstr (mode, ==, "wal");   /* the live file stays in WAL mode */
  }
}

/* The app left open over night makes the new day's backup at the first edit. */
static void
test_backup_after_midnight (void)
{
  g_autofree char *path = scratch_path ("overnight.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autofree char *today_backup = NULL;

  make_store_file (path, 1);
  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  backups = verk_store_list_backups (store, &error);
  g_assert_cmpuint (backups->len, ==, 1);
  today_backup = g_strdup (((VerkBackup *) backups->pdata[0])->path);
  g_clear_pointer (&backups, g_ptr_array_unref);

  /* Same day: an edit makes no second copy. */
  g_assert_cmpint (g_unlink (today_backup), ==, 0);
  verk_store_add_group (store, "Samma dag", NULL, &error);
  g_assert_false (g_file_test (today_backup, G_FILE_TEST_EXISTS));

  /* "Yesterday" the store last backed up: the next edit makes today's copy,
   * with that edit's data in it. */
  g_free (store->backup_day);
  store->backup_day = g_strdup ("2000-01-01");
  verk_store_add_group (store, "Nästa dag", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (today_backup, G_FILE_TEST_EXISTS));
  g_assert_cmpint (query_int (today_backup, "SELECT count(*) FROM grp"), ==, 3);
}

/* Opens @path, closes it cleanly, and says whether the opening read every
 * page (PRAGMA quick_check). */
static gboolean
opened_with_check (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (path, &error);

  g_assert_no_error (error);
  return verk_store_get_checked_on_open (store);
}

/* Puts the file's access and modification times back to @st's, as a tool
 * that hides its edit would. */
static void
restore_times (const char    *path,
               const GStatBuf *st)
{
  struct timespec times[2] = { st->st_atim, st->st_mtim };
  GStatBuf after;

  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpint (after.st_mtim.tv_sec, ==, st->st_mtim.tv_sec);
  g_assert_cmpint (after.st_mtim.tv_nsec, ==, st->st_mtim.tv_nsec);
}

/* Exits without closing the store, as a crash or a power cut would. */
static int
open_and_exit_main (const char *path)
{
  g_autoptr (GError) error = NULL;
  VerkStore *store = verk_store_new (path, &error);

  _exit (store != NULL ? 0 : 3);
}

static void
test_clean_close_skips_check (void)
{
  g_autofree char *path = scratch_path ("clean.db");
  g_autofree char *copy = scratch_path ("clean-copy.db");
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *crash[] = { self_exe, "--open-and-exit", path, NULL };
  g_autofree char *data = NULL;
  gsize len;
  GStatBuf st;

  make_store_file (path, 120);
  /* Closed cleanly, checked today, untouched: no second look, and each
   * clean close vouches for the next opening. */
  g_assert_false (opened_with_check (path));
  g_assert_false (opened_with_check (path));

  /* A crash leaves no note: the next opening reads every page. */
  g_assert_true (run_command (crash, NULL));
  g_assert_true (opened_with_check (path));
  g_assert_false (opened_with_check (path));

  /* The first opening of a new day checks again. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (VerkStore) store = verk_store_new (path, &error);

    g_assert_no_error (error);
    g_free (store->checked_day);
    store->checked_day = g_strdup ("2000-01-01");
  }
  g_assert_true (opened_with_check (path));
  g_assert_false (opened_with_check (path));

  /* Another program's edit, even with the modification time put back. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  test_sqlite_exec (path, "INSERT INTO grp (name) VALUES ('annan process')");
  restore_times (path, &st);
  g_assert_true (opened_with_check (path));
  g_assert_false (opened_with_check (path));

  /* A copy is another file: its first opening checks it. */
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_true (g_file_set_contents (copy, data, len, NULL));
  g_assert_true (opened_with_check (copy));
  /* And so does the original replaced by a copy of itself (a new inode). */
  g_assert_true (g_file_set_contents (path, data, len, NULL));
  g_assert_true (opened_with_check (path));

  /* Another connection still open at our close: the WAL stays, no note. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (VerkStore) store = verk_store_new (path, &error);
    sqlite3 *other;

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (other, "SELECT count(*) FROM grp", NULL, NULL, NULL), ==, SQLITE_OK);
    g_clear_object (&store);
    g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);
  }
  g_assert_true (opened_with_check (path));
}

/* Damage done after a clean close is still found and refused. */
static void
test_damaged_after_clean_close (void)
{
  g_autofree char *damaged = scratch_path ("damaged-later.db");
  g_autofree char *truncated = scratch_path ("truncated-later.db");
  guint8 garbage[3 * 4096];
  GStatBuf st;
  int fd;

  /* Garbage over three pages in the middle, same size, same inode, the
   * modification time put back: only the status-change time tells. */
  make_store_file (damaged, 120);
  g_assert_false (opened_with_check (damaged));
  g_assert_cmpint (g_stat (damaged, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 8 * 4096);
  memset (garbage, 0xA5, sizeof garbage);
  fd = g_open (damaged, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, 3 * 4096), ==, (gssize) sizeof garbage);
  close (fd);
  restore_times (damaged, &st);
  assert_refused (damaged, VERK_STORE_ERROR_NOT_DATABASE);

  /* Cut short in place. */
  make_store_file (truncated, 120);
  g_assert_false (opened_with_check (truncated));
  g_assert_cmpint (g_stat (truncated, &st), ==, 0);
  g_assert_cmpint (truncate (truncated, st.st_size / 2), ==, 0);
  assert_refused (truncated, VERK_STORE_ERROR_NOT_DATABASE);
}

/* ---- Opening for reading only, and the store's locks -------------------- */

/* A workshop with @n people named P1…Pn, closed cleanly. Returns its id. */
static gint64
make_people_file (const char *path,
                  guint       n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (path, &error);
  gint64 group, ws;

  g_assert_no_error (error);
  group = verk_store_add_group (store, "Gruppen", NULL, &error);
  ws = verk_store_add_workshop (store, group, "2026-01-15", "Åsa", &error);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *name = g_strdup_printf ("P%u", i);
      g_assert_cmpint (verk_store_add_participant (store, ws, name, &error), >, 0);
    }
  g_assert_no_error (error);
  return ws;
}

static guint
count_people (VerkStore *store,
              gint64     ws)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) people = verk_store_list_participants (store, ws, &error);

  g_assert_no_error (error);
  return people->len;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names of the files beside @path (its own name first), with checksums. */
static char *
snapshot_of (const char *path)
{
  g_autofree char *dir_name = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr (GDir) dir = g_dir_open (dir_name, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, base))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *full = g_build_filename (dir_name, names->pdata[i], NULL);
      g_autofree char *sum = NULL;

      /* -shm is SQLite's index of the WAL, shared memory: readers write it. */
      if (g_str_has_suffix (full, "-shm"))
        sum = g_strdup ("shared memory");
      else
        sum = file_checksum (full);
      g_string_append_printf (out, "%s %s\n", (char *) names->pdata[i], sum);
    }
  return g_string_free (out, FALSE);
}

/* Opens @path read-only, expects @n people in workshop @ws and no edit to
 * pass, and checks that no file beside it changed, appeared or went. */
static void
assert_reads_unchanged (const char *path,
                        gint64      ws,
                        guint       n)
{
  g_autofree char *before = snapshot_of (path);
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  VerkStore *store = verk_store_new_full (path, VERK_STORE_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  g_assert_true (verk_store_is_read_only (store));
  g_assert_cmpuint (count_people (store, ws), ==, n);
  g_assert_cmpint (verk_store_add_group (store, "Nej", NULL, &error), ==, 0);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_READ_ONLY);
  g_object_unref (store);
  after = snapshot_of (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_read_only_open (void)
{
  g_autofree char *dir = scratch_path ("read-only-copy");
  g_autofree char *path = g_build_filename (dir, "copy.db", NULL);
  const char *immutable[] = { "chattr", "+i", path, dir, NULL };
  const char *mutable[] = { "chattr", "-i", path, dir, NULL };
  gint64 ws;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  ws = make_people_file (path, 6);

  /* Reading never creates a database. */
  {
    g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
    g_autoptr (GError) error = NULL;
    VerkStore *store = verk_store_new_full (missing, VERK_STORE_OPEN_READ_ONLY, &error);

    g_assert_null (store);
    g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_FAILED);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  /* A read-only copy in a read-only folder (root ignores these bits, so
   * what counts is that nothing is even tried). */
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  assert_reads_unchanged (path, ws, 6);
  g_assert_cmpuint (files_of (path), ==, 1);

  /* Immutable, as on a read-only medium: refuses writes to root too. */
  if (run_command (immutable, NULL))
    {
      assert_reads_unchanged (path, ws, 6);
      g_assert_true (run_command (mutable, NULL));
    }
  else
    g_test_message ("chattr +i is not available here; the immutable case was not run");
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
}

/* A read-only medium (a read-only bind mount): a clean file, and files a
 * crash left there with their -wal, with and without the -shm. */
static void
test_read_only_medium (void)
{
  g_autofree char *dir = scratch_path ("medium");
  g_autofree char *mnt = scratch_path ("medium-ro");
  g_autofree char *clean = g_build_filename (dir, "clean.db", NULL);
  g_autofree char *crashed = g_build_filename (dir, "crashed.db", NULL);
  g_autofree char *bare = g_build_filename (dir, "bare.db", NULL);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *crash[] = { self_exe, "--add-and-exit", crashed, NULL };
  const char *crash_bare[] = { self_exe, "--add-and-exit", bare, NULL };
  const char *bind[] = { "mount", "--bind", dir, mnt, NULL };
  const char *read_only[] = { "mount", "-o", "remount,bind,ro", mnt, NULL };
  const char *umount[] = { "umount", "-l", mnt, NULL };
  g_autofree char *err = NULL;
  g_autofree char *shm = g_strconcat (bare, "-shm", NULL);
  gint64 ws;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (mnt, 0700), ==, 0);
  ws = make_people_file (clean, 3);
  make_people_file (crashed, 4);
  make_people_file (bare, 4);
  g_assert_true (run_command (crash, NULL));
  g_assert_true (run_command (crash_bare, NULL));
  g_assert_true (exists_beside (crashed, "-shm"));
  g_unlink (shm);

  if (!run_command (bind, &err))
    {
      g_autofree char *why = g_strdup_printf ("cannot bind-mount here (%s)", g_strstrip (err));
      g_test_skip (why);
      return;
    }
  if (run_command (read_only, &err))
    {
      g_autofree char *ro_clean = g_build_filename (mnt, "clean.db", NULL);
      g_autofree char *ro_crashed = g_build_filename (mnt, "crashed.db", NULL);
      g_autofree char *ro_bare = g_build_filename (mnt, "bare.db", NULL);
      g_autofree char *probe = g_build_filename (mnt, "probe", NULL);

      g_assert_false (g_file_set_contents (probe, "", 0, NULL));
      assert_reads_unchanged (ro_clean, ws, 3);
      assert_reads_unchanged (ro_crashed, ws, 5);
      assert_reads_unchanged (ro_bare, ws, 5);
    }
  else
    g_test_message ("cannot remount read-only here: %s", err);
  g_assert_true (run_command (umount, NULL));
}

/* The child side of /store-faults/read-only-while-another-process-writes:
 * holds the write lock of a WAL database with a change not committed until
 * its stdin closes. */
static int
hold_write_main (const char *path)
{
  sqlite3 *db;
  char buf[64];

  if (sqlite3_open (path, &db) != SQLITE_OK
      || sqlite3_exec (db, "BEGIN IMMEDIATE; UPDATE participant SET removed_at = 'x'",
                       NULL, NULL, NULL) != SQLITE_OK)
    return 3;
  printf ("locked\n");
  fflush (stdout);
  while (fgets (buf, sizeof buf, stdin) != NULL)
    ;
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return sqlite3_close (db) == SQLITE_OK ? 0 : 4;
}

static void
test_read_only_while_another_process_writes (void)
{
  g_autofree char *path = scratch_path ("other-writer.db");
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_exe, "--hold-write", path, NULL };
  g_autoptr (GError) error = NULL;
  char line[64] = "";
  int in_fd, out_fd, status;
  FILE *out;
  GPid pid;
  gint64 ws;

  ws = make_people_file (path, 6);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, &in_fd, &out_fd, NULL, &error));
  g_assert_no_error (error);
  out = fdopen (out_fd, "r");
  g_assert_nonnull (fgets (line, sizeof line, out));
  g_assert_cmpstr (line, ==, "locked\n");

  assert_reads_unchanged (path, ws, 6);

  close (in_fd);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  fclose (out);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

/* The window has the file open with edits still in its WAL, and another
 * program holds the write lock mid-transaction: the export reads the last
 * commit, at once, and changes nothing. */
static void
test_read_only_while_written (void)
{
  g_autofree char *path = scratch_path ("in-use.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) window = NULL;
  sqlite3 *writer;
  gint64 ws;

  ws = make_people_file (path, 5);
  window = verk_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (verk_store_add_participant (window, ws, "P6", &error), >, 0);
  g_assert_true (exists_beside (path, "-wal"));

  g_assert_cmpint (sqlite3_open (path, &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer, "BEGIN IMMEDIATE; UPDATE participant SET removed_at = 'x'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  assert_reads_unchanged (path, ws, 6);
  g_assert_cmpint (sqlite3_exec (writer, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (writer), ==, SQLITE_OK);

  /* The window still saves. */
  g_assert_cmpint (verk_store_add_participant (window, ws, "P7", &error), >, 0);
  g_assert_no_error (error);
}

/* A -wal left by a crash, with its -shm (read as a WAL reader) and without
 * (read through a private copy): the WAL's edits included, no -shm made,
 * nothing checkpointed. */
static void
test_read_only_crashed_wal (void)
{
  g_autofree char *path = scratch_path ("crash-left.db");
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *crash[] = { self_exe, "--add-and-exit", path, NULL };
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  gint64 ws;

  ws = make_people_file (path, 4);
  g_assert_true (run_command (crash, NULL));
  g_assert_true (exists_beside (path, "-wal"));
  /* With the -shm the crash left: SQLite recovers its index as a reader. */
  g_assert_true (exists_beside (path, "-shm"));
  assert_reads_unchanged (path, ws, 5);
  g_unlink (shm);
  assert_reads_unchanged (path, ws, 5);
  g_assert_false (exists_beside (path, "-shm"));
}

/* Older files are read through the migration in memory, never rewritten:
 * no backup, no new version in the file. */
static void
test_read_only_older_schema (void)
{
  g_autofree char *path = scratch_path ("old-read.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (GPtrArray) people = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  test_sqlite_exec (path, v1_schema);
  before = snapshot_of (path);
  store = verk_store_new_full (path, VERK_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  people = verk_store_list_participants (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 1);
  g_assert_cmpstr (((VerkParticipant *) people->pdata[0])->name, ==, "Örjan");
  g_clear_object (&store);
  after = snapshot_of (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (files_of (path), ==, 1);
}

/* A read-only opening uses the clean-close note without using it up, and
 * checks the whole file whenever the note does not vouch for it. */
static void
test_read_only_and_the_note (void)
{
  g_autofree char *path = scratch_path ("noted.db");
  g_autoptr (GError) error = NULL;
  VerkStore *store;
  VerkStore *window;

  make_store_file (path, 3);
  g_assert_false (opened_with_check (path));   /* the note from make_store_file */

  store = verk_store_new_full (path, VERK_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (verk_store_get_checked_on_open (store));
  g_object_unref (store);
  /* Still there for the window. */
  g_assert_false (opened_with_check (path));

  /* The window has it open: its WAL is not covered by any note. */
  window = verk_store_new (path, &error);
  g_assert_no_error (error);
  store = verk_store_new_full (path, VERK_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (verk_store_get_checked_on_open (store));
  g_object_unref (store);
  g_object_unref (window);
}

/* Through a symlink, a file whose crash-left WAL holds a newer schema: the
 * real file and its WAL stay exactly as they were. */
static void
test_symlink_too_new (void)
{
  g_autofree char *real = scratch_path ("real-newer.db");
  g_autofree char *link = scratch_path ("link-to-newer.db");
  g_autofree char *real_wal = g_strconcat (real, "-wal", NULL);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *crash[] = { self_exe, "--newer-and-exit", real, NULL };
  g_autofree char *db_before = NULL, *db_after = NULL;
  g_autofree char *wal_before = NULL, *wal_after = NULL;
  g_autoptr (GError) error = NULL;
  VerkStore *store;

  make_store_file (real, 3);
  g_assert_true (run_command (crash, NULL));
  g_assert_true (g_file_test (real_wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (symlink (real, link), ==, 0);
  db_before = file_checksum (real);
  wal_before = file_checksum (real_wal);

  store = verk_store_new (link, &error);
  g_assert_null (store);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_TOO_NEW);
  /* The message names the file as the user gave it. */
  g_assert_nonnull (strstr (error->message, "link-to-newer.db"));
  g_clear_error (&error);
  store = verk_store_new_full (link, VERK_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_TOO_NEW);

  g_assert_true (g_file_test (real_wal, G_FILE_TEST_EXISTS));
  db_after = file_checksum (real);
  wal_after = file_checksum (real_wal);
  g_assert_cmpstr (db_before, ==, db_after);
  g_assert_cmpstr (wal_before, ==, wal_after);

  /* Once the newer version is gone, the store reads the real file. */
  g_clear_error (&error);
  g_unlink (real_wal);
  store = verk_store_new_full (link, VERK_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (verk_store_get_path (store), ==, link);
  g_assert_cmpstr (verk_store_get_real_path (store), ==, real);
  g_object_unref (store);
}

/* An index that misses a row (a partial index passed off as a full one with
 * writable_schema): quick_check does not see it, and every query through it
 * leaves that person out. The whole check refuses the file. */
static void
test_index_missing_rows (void)
{
  g_autofree char *path = scratch_path ("bad-index.db");
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr (GError) error = NULL;
  VerkStore *store;

  make_people_file (path, 6);
  test_sqlite_exec (path,
            "DROP INDEX participant_workshop;"
            "CREATE INDEX participant_workshop ON participant (workshop_id, position)"
            "  WHERE name <> 'P4';"
            "PRAGMA writable_schema = ON;"
            "UPDATE sqlite_schema SET sql = 'CREATE INDEX participant_workshop ON participant"
            " (workshop_id, position)' WHERE name = 'participant_workshop';"
            "PRAGMA writable_schema = OFF;");
  before = file_checksum (path);

  store = verk_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_DATABASE);
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);
  store = verk_store_new_full (path, VERK_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_DATABASE);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_empty_sqlite_and_folder (void)
{
  g_autofree char *path = scratch_path ("no-tables.db");
  g_autofree char *folder = scratch_path ("a-folder.db");
  g_autoptr (GError) error = NULL;
  VerkStore *store;

  /* A header and nothing else: perhaps another program's, not set up yet. */
  test_sqlite_exec (path, "PRAGMA journal_mode = WAL; CREATE TABLE t (x); DROP TABLE t");
  assert_refused (path, VERK_STORE_ERROR_EMPTY);
  store = verk_store_new_full (path, VERK_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "is an empty database"));
  g_clear_error (&error);
  /* An empty -wal that was there before stays too (only one SQLite made
   * while the store looked is removed again). */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_assert_true (g_file_set_contents (wal, "", 0, NULL));
    store = verk_store_new (path, &error);
    g_assert_null (store);
    g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_EMPTY);
    g_clear_error (&error);
    g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_unlink (wal);
    g_unlink (shm);
  }
  /* The user agreed. */
  store = verk_store_new_full (path, VERK_STORE_OPEN_ACCEPT_EMPTY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (verk_store_add_group (store, "Ny", NULL, &error), >, 0);
  g_object_unref (store);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  store = verk_store_new (folder, &error);
  g_assert_null (store);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_IS_FOLDER);
  g_assert_nonnull (strstr (error->message, "is a folder, not a database file"));
  g_clear_error (&error);
  store = verk_store_new_full (folder, VERK_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_IS_FOLDER);
}

/* Text another program stored with a NUL in it keeps what follows. */
static void
test_nul_in_stored_text (void)
{
  g_autofree char *path = scratch_path ("nul.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (GPtrArray) people = NULL;
  gint64 ws;

  ws = make_people_file (path, 1);
  test_sqlite_exec (path, "UPDATE participant SET name = 'AB' || char(0) || 'CD'");
  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  people = verk_store_list_participants (store, ws, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((VerkParticipant *) people->pdata[0])->name, ==, "AB\xEF\xBF\xBD" "CD");
}

/* The child side of /store-faults/window-keeps-its-locks: a window that
 * saves an edit, then has a descriptor of its database opened and closed
 * in-process (as GIO does when a file chooser sniffs the file's type, which
 * drops every POSIX lock of the process), then saves one more edit when told
 * and waits to be killed. */
static int
window_main (const char *path)
{
  g_autoptr (GError) error = NULL;
  VerkStore *store = verk_store_new (path, &error);
  char line[64];
  int fd;

  if (store == NULL || verk_store_add_group (store, "Före", NULL, &error) <= 0)
    return 3;
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || read (fd, line, 16) != 16)
    return 4;
  close (fd);
  printf ("ready\n");
  fflush (stdout);
  if (fgets (line, sizeof line, stdin) == NULL)
    return 5;
  if (verk_store_add_group (store, "Efter", NULL, &error) <= 0)
    return 6;
  printf ("saved\n");
  fflush (stdout);
  while (fgets (line, sizeof line, stdin) != NULL)
    ;
  return 0;
}

static void
test_window_keeps_its_locks (void)
{
  g_autofree char *path = scratch_path ("window.db");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { self_exe, "--window", path, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  char line[64] = "";
  int in_fd, out_fd, status;
  sqlite3 *other;
  GStatBuf wal_before, wal_after;
  FILE *out;
  GPid pid;

  make_store_file (path, 1);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, &in_fd, &out_fd, NULL, &error));
  g_assert_no_error (error);
  out = fdopen (out_fd, "r");
  g_assert_nonnull (fgets (line, sizeof line, out));
  g_assert_cmpstr (line, ==, "ready\n");
  g_assert_cmpint (g_stat (wal, &wal_before), ==, 0);

  /* The export (read-only), then any other SQLite program that opens and
   * closes the file normally: it would checkpoint and delete the WAL if it
   * believed it was the last one. */
  store = verk_store_new_full (path, VERK_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "SELECT count(*) FROM grp", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);
  g_assert_cmpint (g_stat (wal, &wal_after), ==, 0);
  g_assert_cmpuint (wal_before.st_ino, ==, wal_after.st_ino);

  /* The window saves, is killed, and the edit is there. */
  g_assert_cmpint (write (in_fd, "go\n", 3), ==, 3);
  g_assert_nonnull (fgets (line, sizeof line, out));
  g_assert_cmpstr (line, ==, "saved\n");
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  close (in_fd);
  fclose (out);

  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  groups = verk_store_list_groups (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 3);   /* Gruppen, Före, Efter */
}

/* Adds a person and exits without closing: a crash that leaves a -wal. */
static int
add_and_exit_main (const char *path)
{
  g_autoptr (GError) error = NULL;
  VerkStore *store = verk_store_new (path, &error);

  if (store == NULL)
    _exit (3);
  if (verk_store_add_participant (store, 1, "P5", &error) <= 0)
    _exit (4);
  _exit (0);
}

/* Writes a newer schema version into the WAL and exits without closing. */
static int
newer_and_exit_main (const char *path)
{
  sqlite3 *db;

  if (sqlite3_open (path, &db) != SQLITE_OK
      || sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0; PRAGMA user_version = 999",
                       NULL, NULL, NULL) != SQLITE_OK)
    _exit (3);
  _exit (0);
}

int
main (int argc, char **argv)
{
  int rc;

  if (argc == 3 && strcmp (argv[1], "--hold-lock") == 0)
    return hold_lock_main (argv[2]);
  if (argc == 3 && strcmp (argv[1], "--try-open") == 0)
    return try_open_main (argv[2]);
  if (argc == 3 && strcmp (argv[1], "--open-and-exit") == 0)
    return open_and_exit_main (argv[2]);
  if (argc == 3 && strcmp (argv[1], "--hold-write") == 0)
    return hold_write_main (argv[2]);
  if (argc == 3 && strcmp (argv[1], "--window") == 0)
    return window_main (argv[2]);
  if (argc == 3 && strcmp (argv[1], "--add-and-exit") == 0)
    return add_and_exit_main (argv[2]);
  if (argc == 3 && strcmp (argv[1], "--newer-and-exit") == 0)
    return newer_and_exit_main (argv[2]);

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("verk-faults-XXXXXX", NULL);

  g_test_add_func ("/store-faults/not-sqlite", test_not_sqlite);
  g_test_add_func ("/store-faults/truncated-and-damaged", test_truncated_and_damaged);
  g_test_add_func ("/store-faults/other-programs-database", test_other_programs_database);
  g_test_add_func ("/store-faults/too-new", test_too_new);
  g_test_add_func ("/store-faults/read-only", test_read_only);
  g_test_add_func ("/store-faults/read-only-for-another-user", test_read_only_for_another_user);
  g_test_add_func ("/store-faults/locked", test_locked);
  g_test_add_func ("/store-faults/locked-by-another-process", test_locked_by_another_process);
  g_test_add_func ("/store-faults/locked-during-edit", test_locked_during_edit);
  g_test_add_func ("/store-faults/empty-file-becomes-new", test_empty_file_becomes_new);
  g_test_add_func ("/store-faults/migration-from-v1", test_migration_from_v1);
  g_test_add_func ("/store-faults/backups-and-restore", test_backups_and_restore);
  g_test_add_func ("/store-faults/backup-after-midnight", test_backup_after_midnight);
  g_test_add_func ("/store-faults/clean-close-skips-check", test_clean_close_skips_check);
  g_test_add_func ("/store-faults/damaged-after-clean-close", test_damaged_after_clean_close);
  g_test_add_func ("/store-faults/read-only-open", test_read_only_open);
  g_test_add_func ("/store-faults/read-only-medium", test_read_only_medium);
  g_test_add_func ("/store-faults/read-only-while-written", test_read_only_while_written);
  g_test_add_func ("/store-faults/read-only-while-another-process-writes",
                   test_read_only_while_another_process_writes);
  g_test_add_func ("/store-faults/read-only-crashed-wal", test_read_only_crashed_wal);
  g_test_add_func ("/store-faults/read-only-older-schema", test_read_only_older_schema);
  g_test_add_func ("/store-faults/read-only-and-the-note", test_read_only_and_the_note);
  g_test_add_func ("/store-faults/symlink-too-new", test_symlink_too_new);
  g_test_add_func ("/store-faults/index-missing-rows", test_index_missing_rows);
  g_test_add_func ("/store-faults/empty-sqlite-and-folder", test_empty_sqlite_and_folder);
  g_test_add_func ("/store-faults/nul-in-stored-text", test_nul_in_stored_text);
  g_test_add_func ("/store-faults/window-keeps-its-locks", test_window_keeps_its_locks);

  rc = g_test_run ();
  {
    const char *argv_rm[] = { "rm", "-rf", tmp_dir, NULL };
    run_command (argv_rm, NULL);
  }
  return rc;
}
