/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workshop files of an import checked on a thread of their own
 * (src/core/store/verk-store-file-checker.c): what it finds about a file,
 * that the import's connection shares the file it holds open, how many it
 * holds at once, and that it lets go of every one; and SQLite's memory
 * statistics off once a store exists (verk-store.c, configure_sqlite()). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "verk-store.h"
#include "verk-store-exchange.h"
#include "verk-store-exchange-private.h"
#include "verk-store-file-checker.h"
#include "test-sqlite.h"

static char *tmp_dir;
static char *workshop_file;   /* a group's workshop file, exported once */

/* The staged tables' names and CREATE TABLE texts, read from a new file
 * (as the import reads them from a new schema). */
static GPtrArray *table_names, *table_sql;

static char *
scratch_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static char *
copy_of_file (const char *name)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  char *path = scratch_path (name);

  g_assert_true (g_file_get_contents (workshop_file, &data, &len, NULL));
  g_assert_true (g_file_set_contents (path, data, len, NULL));
  return path;
}

/* @n copies of the workshop file, "@prefix-0.verkstad" and on. */
static GPtrArray *
copies_of_file (const char *prefix,
                guint       n)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u.verkstad", prefix, i);

      g_ptr_array_add (files, copy_of_file (name));
    }
  return files;
}

static void
make_workshop_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db = scratch_path ("origin.db");
  g_autoptr (VerkStore) store = verk_store_new (db, &error);
  gint64 group, workshop;
  sqlite3 *file;
  sqlite3_stmt *st;

  g_assert_no_error (error);
  group = verk_store_add_group (store, "Ledningsgruppen", "Vård och omsorg", &error);
  workshop = verk_store_add_workshop (store, group, "2026-03-01", "Åsa", &error);
  g_assert_no_error (error);
  verk_store_add_item (store, workshop, "siq", "siq.trust", "Tillit", "", &error);
  verk_store_add_participant (store, workshop, "Örjan", &error);
  g_assert_no_error (error);
  workshop_file = scratch_path ("group.verkstad");
  g_assert_true (verk_store_export_workshops (store, workshop_file, group, NULL, 0, "siq-sv", 0, &error));
  g_assert_no_error (error);

  table_names = g_ptr_array_new_with_free_func (g_free);
  table_sql = g_ptr_array_new_with_free_func (g_free);
  g_assert_cmpint (sqlite3_open_v2 (workshop_file, &file, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (file, "SELECT name, sql FROM sqlite_schema WHERE type = 'table'"
                                             " AND name IN ('grp', 'workshop', 'item', 'participant')",
                                       -1, &st, NULL), ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_ptr_array_add (table_names, g_strdup ((const char *) sqlite3_column_text (st, 0)));
      g_ptr_array_add (table_sql, g_strdup ((const char *) sqlite3_column_text (st, 1)));
    }
  sqlite3_finalize (st);
  sqlite3_close (file);
  g_assert_cmpuint (table_names->len, ==, 4);
}

static VerkFileChecker *
checker_for (GPtrArray *files,
             guint      ahead)
{
  return verk_file_checker_new ((const char * const *) files->pdata, files->len,
                                (const char * const *) table_names->pdata,
                                (const char * const *) table_sql->pdata, table_names->len, ahead);
}

/* How many of this process's file descriptors are open on @path. */
static guint
descriptors_on (const char *path)
{
  g_autofree char *real = realpath (path, NULL);
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (real);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      n += g_strcmp0 (target, real) == 0;
    }
  return n;
}

/* A good file is usable and of this version's tables; a damaged one, one
 * of a newer version, one with a journal beside it, one that is no
 * database and one that is missing are not; one whose pieces' table was
 * made otherwise is usable but not exact. Taken in order, two ahead. */
static void
test_what_it_finds (void)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (VerkFileChecker) checker = NULL;
  g_autofree char *journal = NULL;
  VerkCheckedFile checked;
  GStatBuf st;
  enum { GOOD, DAMAGED, NEWER, JOURNAL, NOT_DATABASE, MISSING, OTHER_TABLE, N };

  g_ptr_array_add (files, copy_of_file ("good.verkstad"));
  g_ptr_array_add (files, copy_of_file ("damaged.verkstad"));
  g_ptr_array_add (files, copy_of_file ("newer.verkstad"));
  g_ptr_array_add (files, copy_of_file ("journal.verkstad"));
  g_ptr_array_add (files, scratch_path ("text.verkstad"));
  g_ptr_array_add (files, scratch_path ("missing.verkstad"));
  g_ptr_array_add (files, copy_of_file ("other-table.verkstad"));
  g_assert_cmpuint (files->len, ==, N);

  /* the second half of the file overwritten: the header still reads */
  {
    g_autofree char *data = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (files->pdata[DAMAGED], &data, &len, NULL));
    memset (data + len / 2, 0x5a, len - len / 2);
    g_assert_true (g_file_set_contents (files->pdata[DAMAGED], data, len, NULL));
  }
  test_sqlite_exec (files->pdata[NEWER], "PRAGMA user_version = 9999");
  journal = g_strconcat (files->pdata[JOURNAL], "-journal", NULL);
  g_assert_true (g_file_set_contents (journal, "", 0, NULL));
  g_assert_true (g_file_set_contents (files->pdata[NOT_DATABASE], "Anteckningar från mötet\n", -1, NULL));
  test_sqlite_exec (files->pdata[OTHER_TABLE], "PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON;"
                                       "ALTER TABLE item ADD COLUMN note TEXT");

  checker = checker_for (files, 2);
  for (guint i = 0; i < N; i++)
    {
      gboolean usable = i == GOOD || i == OTHER_TABLE;

      memset (&checked, 0xff, sizeof checked);
      verk_file_checker_take (checker, i, &checked);
      g_test_message ("file %u: usable %d, exact %d", i, checked.usable, checked.exact);
      g_assert_cmpint (checked.usable, ==, usable);
      if (checked.usable)
        {
          g_assert_cmpint (g_stat (files->pdata[i], &st), ==, 0);
          g_assert_cmpint (checked.seen.st_ino, ==, st.st_ino);
          g_assert_cmpint (checked.seen.st_size, ==, st.st_size);
          g_assert_cmpint (checked.exact, ==, i == GOOD);
        }
      verk_file_checker_release (checker, i);
    }
}

/* The import attaches a file the checker holds by the same name: SQLite
 * then shares the checker's cache (its parsed schema and its pages, and
 * its one descriptor of the file) instead of opening and parsing the file
 * again. */
static void
test_attach_shares (void)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (VerkFileChecker) checker = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *attach = NULL;
  VerkCheckedFile checked;
  sqlite3 *db;
  sqlite3_stmt *st;

  g_ptr_array_add (files, copy_of_file ("shared.verkstad"));
  checker = checker_for (files, 1);
  verk_file_checker_take (checker, 0, &checked);
  g_assert_true (checked.usable);
  g_assert_cmpuint (descriptors_on (files->pdata[0]), ==, 1);

  uri = verk_file_checker_attach_uri (files->pdata[0]);
  g_assert_cmpint (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "ATTACH DATABASE ?1 AS file", -1, &st, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (st, 1, uri, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_DONE);
  sqlite3_finalize (st);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM file.item", -1, &st, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (st, 0), ==, 1);
  sqlite3_finalize (st);
  /* one descriptor: the checker's, shared */
  g_assert_cmpuint (descriptors_on (files->pdata[0]), ==, 1);

  g_assert_cmpint (sqlite3_exec (db, "DETACH DATABASE file", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  verk_file_checker_release (checker, 0);
}

/* Which of @files this process holds open, as a bit mask. */
static guint
open_files (GPtrArray *files)
{
  guint mask = 0;

  for (guint i = 0; i < files->len; i++)
    if (descriptors_on (files->pdata[i]) > 0)
      mask |= 1u << i;
  return mask;
}

/* The import reads a file in place through the checker's connection: at
 * the moment its rows are staged, the file is open once. */
static guint reads_in_place, reads_sharing;

static void
count_descriptors_while_read (const char *path)
{
  reads_in_place++;
  reads_sharing += descriptors_on (path) == 1;
}

static void
test_import_shares (void)
{
  g_autofree char *dir = scratch_path ("folder");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (GPtrArray) files = NULL;
  VerkImportReport report = { 0 };

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  files = copies_of_file ("folder/copy", 3);
  verk_exchange_after_read_in_place = count_descriptors_while_read;
  g_assert_true (verk_store_import (store, dir, &report, &error));
  verk_exchange_after_read_in_place = NULL;
  g_assert_no_error (error);
  g_assert_cmpuint (report.files_read, ==, 3);
  g_assert_cmpuint (reads_in_place, ==, 3);
  g_assert_cmpuint (reads_sharing, ==, 3);
  /* and let go of once the import is done */
  g_assert_cmphex (open_files (files), ==, 0);
}

/* The same file twice in one import (a file chosen twice): SQLite cannot
 * attach one shared cache twice to a connection, so the second is read the
 * other way, and both are read. */
static void
test_same_file_twice (void)
{
  g_autofree char *path = copy_of_file ("twice.verkstad");
  const char *files[] = { path, path };
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (GPtrArray) refusals = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  VerkImportReport report = { 0 };

  g_assert_no_error (error);
  g_assert_true (verk_store_import_files (store, files, G_N_ELEMENTS (files), NULL, NULL, NULL, &report, refusals,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpuint (refusals->len, ==, 0);
  g_assert_cmpuint (report.files_read, ==, 2);
  g_assert_cmpuint (report.workshops_added, ==, 1);
  g_assert_cmpuint (descriptors_on (path), ==, 0);
}

/* At most @ahead files checked and not released are held open; a file
 * released is closed before the next one is checked. */
static void
test_ahead_bounded (void)
{
  g_autoptr (GPtrArray) files = copies_of_file ("ahead", 8);
  g_autoptr (VerkFileChecker) checker = NULL;
  VerkCheckedFile checked;

  checker = checker_for (files, 3);
  verk_file_checker_take (checker, 0, &checked);
  verk_file_checker_take (checker, 1, &checked);
  verk_file_checker_take (checker, 2, &checked);
  g_assert_true (checked.usable);
  /* three held; the checker waits for one to be released */
  g_assert_cmphex (open_files (files), ==, 0x7);

  verk_file_checker_release (checker, 0);
  verk_file_checker_take (checker, 3, &checked);
  g_assert_cmphex (open_files (files), ==, 0xe);

  verk_file_checker_release (checker, 1);
  verk_file_checker_release (checker, 2);
  verk_file_checker_take (checker, 5, &checked);
  g_assert_cmphex (open_files (files), ==, 0x38);
}

/* Freed at any point, the checker stops, and nothing of it stays open. */
static void
test_free_closes (void)
{
  g_autoptr (GPtrArray) files = copies_of_file ("free", 12);
  VerkFileChecker *checker;
  VerkCheckedFile checked;

  checker = checker_for (files, 12);
  verk_file_checker_take (checker, 1, &checked);
  g_assert_true (checked.usable);
  g_assert_cmphex (open_files (files) & 0x3, ==, 0x3);
  verk_file_checker_free (checker);
  g_assert_cmphex (open_files (files), ==, 0);

  /* freed before it checked anything it was given */
  checker = checker_for (files, 1);
  verk_file_checker_free (checker);
  g_assert_cmphex (open_files (files), ==, 0);
}

/* Once a store exists, SQLite keeps no memory statistics: with them, every
 * allocation of every connection takes one process-wide mutex, which the
 * checker's thread and the import's would contend for. */
static void
test_memory_statistics_off (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);

  g_assert_no_error (error);
  g_assert_cmpint (verk_store_add_group (store, "Stab", "", &error), >, 0);
  g_assert_cmpint (sqlite3_memory_used (), ==, 0);
  g_assert_cmpint (sqlite3_memory_highwater (FALSE), ==, 0);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("verk-file-checker-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  g_test_add_func ("/store/memory-statistics-off", test_memory_statistics_off);
  g_test_add_func ("/file-checker/what-it-finds", test_what_it_finds);
  g_test_add_func ("/file-checker/attach-shares", test_attach_shares);
  g_test_add_func ("/file-checker/ahead-bounded", test_ahead_bounded);
  g_test_add_func ("/file-checker/free-closes", test_free_closes);
  g_test_add_func ("/file-checker/import-shares", test_import_shares);
  g_test_add_func ("/file-checker/same-file-twice", test_same_file_twice);
  /* its store is the process's first use of SQLite, as the app's is */
  make_workshop_file ();
  status = g_test_run ();
  g_ptr_array_unref (table_names);
  g_ptr_array_unref (table_sql);
  g_free (workshop_file);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    g_assert_cmpint (system (cmd), !=, -1);
  }
  g_free (tmp_dir);
  return status;
}
