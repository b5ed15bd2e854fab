/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Crash test: a child process (this binary, re-run with --child) makes edits
 * through VerkStore in a loop and prints a line after each one returned; the
 * test kills it with SIGKILL at a random moment, 50 times. After every kill
 * the database passes PRAGMA integrity_check, every edit the child reported
 * is there, and no multi-row edit is half there. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "verk-store.h"

#define N_KILLS     50
#define N_PIECES    13
#define GROUP_NAME  "Kraschgruppen"

/* ---- the child ---------------------------------------------------------- */

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    {
      fprintf (stderr, "child: %s\n", error != NULL ? error->message : "failed");
      exit (2);
    }
}

/* Finds or makes the group, its first workshop and its 13 pieces; a kill may
 * have interrupted an earlier child half-way through this. */
static gint64
child_set_up (VerkStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) groups = verk_store_list_groups (store, &error);
  g_autoptr (GPtrArray) workshops = NULL;
  g_autoptr (GPtrArray) items = NULL;
  gint64 group = 0, ws = 0;

  check (groups != NULL, error);
  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (((VerkGroup *) groups->pdata[i])->name, GROUP_NAME) == 0)
      group = ((VerkGroup *) groups->pdata[i])->id;
  if (group == 0)
    group = verk_store_add_group (store, GROUP_NAME, NULL, &error);
  check (group != 0, error);

  workshops = verk_store_list_workshops (store, group, &error);
  check (workshops != NULL, error);
  for (guint i = 0; i < workshops->len; i++)
    if (((VerkWorkshop *) workshops->pdata[i])->previous_id == 0)
      ws = ((VerkWorkshop *) workshops->pdata[i])->id;
  if (ws == 0)
    ws = verk_store_add_workshop (store, group, "2026-01-01", "Åsa", &error);
  check (ws != 0, error);

  items = verk_store_list_items (store, ws, "siq", &error);
  check (items != NULL, error);
  for (guint i = items->len; i < N_PIECES; i++)
    {
      g_autofree char *name = g_strdup_printf ("Värde %u", i);
      check (verk_store_add_item (store, ws, "siq", NULL, name, "Beskrivning ✓", &error) != 0, error);
    }
  return ws;
}

static int
child_main (const char *path,
            const char *run)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (path, &error);
  gint64 ws;

  check (store != NULL, error);
  ws = child_set_up (store);
  printf ("ready\n");
  fflush (stdout);

  for (int i = 0;; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%d", run, i);
      gboolean ok;

      switch (i % 4)
        {
        case 0:
          ok = verk_store_add_group (store, name, "enhet", &error) != 0;
          break;
        case 1:
          ok = verk_store_add_participant (store, ws, name, &error) != 0;
          break;
        case 2:
          {
            VerkAction action = { .workshop_id = ws, .what = name, .owner = (char *) "Örjan" };
            ok = verk_store_add_action (store, &action, &error) != 0;
          }
          break;
        default:
          /* Many rows in one transaction: all of them or none. */
          {
            gint64 id = verk_store_add_followup (store, ws, "2026-06-01", name, &error);
            ok = id != 0;
          }
          break;
        }
      check (ok, error);
      /* Only now is the edit committed (and synced): say so. */
      printf ("committed %s\n", name);
      fflush (stdout);
    }
  return 0;
}

/* ---- the test ----------------------------------------------------------- */

static int
count_rows (sqlite3    *db,
            const char *sql,
            const char *arg)
{
  sqlite3_stmt *st;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (st, 1, arg, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  n = sqlite3_column_int (st, 0);
  sqlite3_finalize (st);
  return n;
}

static void
verify (const char *path,
        GPtrArray  *committed)
{
  sqlite3 *db;
  sqlite3_stmt *st;

  /* Killed before the first child even made the file. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpuint (committed->len, ==, 0);
      return;
    }
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (st, 0), ==, "ok");
  sqlite3_finalize (st);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM pragma_foreign_key_check", NULL), ==, 0);

  /* Killed while the very first child was creating the file: the schema is
   * one transaction, so it is all there or not at all, and nothing was
   * reported yet. */
  if (count_rows (db, "SELECT count(*) FROM sqlite_schema", NULL) == 0)
    {
      g_assert_cmpuint (committed->len, ==, 0);
      g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
      return;
    }
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM sqlite_schema WHERE name IN"
                               " ('grp', 'workshop', 'item', 'participant', 'score', 'agreed',"
                               "  'priority', 'action', 'reflection')", NULL), ==, 9);

  {
    /* Everything by kind and name, read once: "0:r3-8" for a group, … */
    g_autoptr (GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    g_assert_cmpint (sqlite3_prepare_v2 (db,
                                         "SELECT 0, name FROM grp UNION ALL SELECT 1, name FROM participant"
                                         " UNION ALL SELECT 2, what FROM action"
                                         " UNION ALL SELECT 3, facilitator FROM workshop", -1, &st, NULL),
                     ==, SQLITE_OK);
    while (sqlite3_step (st) == SQLITE_ROW)
      g_hash_table_add (present, g_strdup_printf ("%d:%s", sqlite3_column_int (st, 0),
                                                  (const char *) sqlite3_column_text (st, 1)));
    sqlite3_finalize (st);

    for (guint i = 0; i < committed->len; i++)
      {
        const char *name = committed->pdata[i];
        int kind = atoi (strrchr (name, '-') + 1) % 4;
        g_autofree char *key = g_strdup_printf ("%d:%s", kind, name);

        if (!g_hash_table_contains (present, key))
          g_error ("edit %s was reported committed but is not in the database", name);
      }
  }

  /* A follow-up is a workshop and its 13 copied pieces in one transaction. */
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM workshop w WHERE w.previous_id IS NOT NULL"
                               " AND (SELECT count(*) FROM item i WHERE i.workshop_id = w.id) != 13",
                               NULL), ==, 0);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
record_line (GPtrArray  *committed,
             const char *line)
{
  /* A line cut by the kill has no newline: the child had not finished
   * saying it, so it does not count. */
  if (g_str_has_prefix (line, "committed ") && g_str_has_suffix (line, "\n"))
    g_ptr_array_add (committed, g_strstrip (g_strdup (line + strlen ("committed "))));
}

static void
test_kill_child (void)
{
  g_autofree char *dir = g_dir_make_tmp ("verk-crash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "crash.db", NULL);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr (GPtrArray) committed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  guint killed_before_ready = 0;

  g_assert_nonnull (self_exe);

  for (int run = 0; run < N_KILLS; run++)
    {
      g_autofree char *run_name = g_strdup_printf ("r%d", run);
      const char *argv[] = { self_exe, "--child", path, run_name, NULL };
      GPid pid;
      int out_fd, status;
      FILE *out;
      char line[256];
      /* Sometimes kill while the child is still opening (creating, migrating,
       * backing up); otherwise after a random number of edits, plus a random
       * fraction of the next one. */
      int lines_before_kill = g_random_int_range (0, 6) == 0 ? -1 : g_random_int_range (0, 40);
      int seen = 0;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      out = fdopen (out_fd, "r");

      if (lines_before_kill < 0)
        g_usleep (g_random_int_range (0, 20000));
      else
        while (seen <= lines_before_kill && fgets (line, sizeof line, out) != NULL)
          {
            record_line (committed, line);
            seen++;
          }
      g_usleep (g_random_int_range (0, 2000));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      /* The child died of the kill, not of an error of its own. */
      if (!(WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL))
        g_error ("child ended with status %d before it was killed", status);

      /* Lines the child printed before it died, still in the pipe. */
      while (fgets (line, sizeof line, out) != NULL)
        record_line (committed, line);
      fclose (out);
      if (seen == 0)
        killed_before_ready++;

      verify (path, committed);
    }

  g_test_message ("%u edits reported committed over %d kills (%u kills during opening)",
                  committed->len, N_KILLS, killed_before_ready);
  g_assert_cmpuint (committed->len, >, 0);

  /* And the store still opens it as its own. */
  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  {
    const char *rm[] = { "rm", "-rf", dir, NULL };
    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
}

int
main (int argc, char **argv)
{
  if (argc == 4 && strcmp (argv[1], "--child") == 0)
    return child_main (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store-crash/kill-child-50-times", test_kill_child);
  return g_test_run ();
}
