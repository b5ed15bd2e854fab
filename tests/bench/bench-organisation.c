/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The organisation's figures (issue 16), each beside a raw SQLite baseline
 * in the same process:
 *
 *   bench-organisation import FILES_DIR WORK_DIR RUNS [--with-indexes]
 *       every .verkstad file in FILES_DIR into a new database, through
 *       verk_store_import (batches of files, one transaction each: a file
 *       whole or not at all), against raw SQLite
 *       attaching each file and copying its rows (INSERT … SELECT, one
 *       transaction per file) into the files' tables, same pragmas; with
 *       --with-indexes also raw SQLite into the files' tables and the
 *       schema's indexes (the UUIDs' and the others; no triggers) with the
 *       import's page cache and batches (batched_copy), a second baseline;
 *       medians of RUNS,
 *       of the time on the clock and of the process's CPU time
 *   bench-organisation query DB RUNS
 *       verk_store_get_organisation over every group (13 values, threshold 4)
 *       against one raw aggregate query of the same scores; medians
 *
 * Prints KEY=VALUE lines for tests/bench/bench.py. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "verk-content.h"
#include "verk-store.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* The process's CPU time (every thread), which a busy machine disturbs
 * less than the clock on the wall. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static void
die (const char *what, const char *detail)
{
  fprintf (stderr, "bench-organisation: %s: %s\n", what, detail != NULL ? detail : "failed");
  exit (1);
}

static void
sql (sqlite3 *db, const char *statement)
{
  char *message = NULL;

  if (sqlite3_exec (db, statement, NULL, NULL, &message) != SQLITE_OK)
    die (statement, message);
}


/* g_ptr_array_sort() passes pointers to the elements: compare the names. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
list_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    die ("the folder", dir);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".verkstad"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (files, compare_names);
  return files;
}

static void
remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* The import's batching for raw SQLite: a transaction takes files until
 * it has run 0.25 s (verk-store-import.c: IMPORT_BATCH_US), or until it
 * holds 9, as many as can be attached at once (a file attached in a
 * transaction can be detached only after it). */
#define BATCH_MS 250.0
#define BATCH_FILES 9

static void
batched_copy (sqlite3    *db,
              GPtrArray  *files,
              GPtrArray  *tables)
{
  guint attached = 0;
  double started = 0;

  for (guint f = 0; f < files->len; f++)
    {
      char *attach = sqlite3_mprintf ("ATTACH %Q AS x%u", (const char *) files->pdata[f], attached);

      if (attached == 0)
        {
          sql (db, "BEGIN IMMEDIATE");
          started = now_ms ();
        }
      sql (db, attach);
      sqlite3_free (attach);
      for (guint t = 0; t < tables->len; t++)
        {
          char *copy = sqlite3_mprintf ("INSERT OR IGNORE INTO main.\"%w\" SELECT * FROM x%u.\"%w\"",
                                        (const char *) tables->pdata[t], attached,
                                        (const char *) tables->pdata[t]);
          sql (db, copy);
          sqlite3_free (copy);
        }
      attached++;
      if (attached == BATCH_FILES || now_ms () - started >= BATCH_MS || f + 1 == files->len)
        {
          sql (db, "COMMIT");
          for (guint a = 0; a < attached; a++)
            {
              char *detach = sqlite3_mprintf ("DETACH x%u", a);
              sql (db, detach);
              sqlite3_free (detach);
            }
          attached = 0;
        }
    }
}

/* The rows of every file copied into a database with the files' tables
 * (with @indexes, also the schema's indexes, and the import's page cache). */
static double
raw_import (GPtrArray  *files,
            const char *path,
            gboolean    indexes,
            double     *cpu)
{
  sqlite3 *db;
  sqlite3_stmt *st;
  g_autoptr (GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  double t0;

  remove_db (path);
  if (sqlite3_open (path, &db) != SQLITE_OK)
    die (path, sqlite3_errmsg (db));
  sql (db, "PRAGMA journal_mode=WAL");
  sql (db, "PRAGMA synchronous=FULL");
  sql (db, "PRAGMA foreign_keys=ON");
  if (indexes)
    sql (db, "PRAGMA cache_size=-65536");   /* verk-store-import.c: IMPORT_CACHE_KIB */
  {
    char *attach = sqlite3_mprintf ("ATTACH %Q AS x", (const char *) files->pdata[0]);
    sql (db, attach);
    sqlite3_free (attach);
  }
  /* the schema of the files, tables in their order of creation */
  sqlite3_prepare_v2 (db, "SELECT name, sql FROM x.sqlite_master WHERE type = 'table'"
                          " AND name NOT LIKE 'sqlite_%' ORDER BY rowid", -1, &st, NULL);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (st, 0)));
      sql (db, (const char *) sqlite3_column_text (st, 1));
    }
  sqlite3_finalize (st);
  /* the indexes: the UUIDs' unique ones and the others, not the triggers */
  if (indexes)
    {
      sqlite3_prepare_v2 (db, "SELECT sql FROM x.sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                              " ORDER BY rowid", -1, &st, NULL);
      while (sqlite3_step (st) == SQLITE_ROW)
        sql (db, (const char *) sqlite3_column_text (st, 0));
      sqlite3_finalize (st);
    }
  sql (db, "DETACH x");

  t0 = now_ms ();
  *cpu = cpu_ms ();
  if (indexes)
    {
      batched_copy (db, files, tables);
      t0 = now_ms () - t0;
      *cpu = cpu_ms () - *cpu;
      sqlite3_close (db);
      return t0;
    }
  for (guint f = 0; f < files->len; f++)
    {
      char *attach = sqlite3_mprintf ("ATTACH %Q AS x", (const char *) files->pdata[f]);

      sql (db, attach);
      sqlite3_free (attach);
      sql (db, "BEGIN IMMEDIATE");
      for (guint t = 0; t < tables->len; t++)
        {
          char *copy = sqlite3_mprintf ("INSERT OR IGNORE INTO main.\"%w\" SELECT * FROM x.\"%w\"",
                                        (const char *) tables->pdata[t], (const char *) tables->pdata[t]);
          sql (db, copy);
          sqlite3_free (copy);
        }
      sql (db, "COMMIT");
      sql (db, "DETACH x");
    }
  t0 = now_ms () - t0;
  *cpu = cpu_ms () - *cpu;
  sqlite3_close (db);
  return t0;
}

static int
bench_import (const char *dir,
              const char *work,
              guint       runs,
              gboolean    with_indexes)
{
  g_autoptr (GPtrArray) files = list_files (dir);
  g_autoptr (GArray) store_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) raw_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) store_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) raw_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) indexed_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) indexed_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *store_path = g_build_filename (work, "imported.db", NULL);
  g_autofree char *raw_path = g_build_filename (work, "raw.db", NULL);
  VerkImportReport report = { 0 };

  if (files->len == 0)
    die ("no .verkstad files in", dir);
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (VerkStore) store = NULL;
      double t0, raw, c0, rc, indexed, ic;

      remove_db (store_path);
      store = verk_store_new (store_path, &error);
      if (store == NULL)
        die (store_path, error->message);
      memset (&report, 0, sizeof report);
      t0 = now_ms ();
      c0 = cpu_ms ();
      if (!verk_store_import (store, dir, &report, &error))
        die ("the import", error->message);
      t0 = now_ms () - t0;
      c0 = cpu_ms () - c0;
      g_array_append_val (store_times, t0);
      g_array_append_val (store_cpu, c0);
      raw = raw_import (files, raw_path, FALSE, &rc);
      g_array_append_val (raw_times, raw);
      g_array_append_val (raw_cpu, rc);
      if (with_indexes)
        {
          indexed = raw_import (files, raw_path, TRUE, &ic);
          g_array_append_val (indexed_times, indexed);
          g_array_append_val (indexed_cpu, ic);
        }
    }
  printf ("files=%u\n", files->len);
  printf ("workshops=%u\n", report.workshops_added);
  printf ("store_ms=%.1f\n", median (store_times));
  printf ("raw_ms=%.1f\n", median (raw_times));
  printf ("store_cpu_ms=%.1f\n", median (store_cpu));
  printf ("raw_cpu_ms=%.1f\n", median (raw_cpu));
  if (with_indexes)
    {
      printf ("indexed_ms=%.1f\n", median (indexed_times));
      printf ("indexed_cpu_ms=%.1f\n", median (indexed_cpu));
    }
  remove_db (store_path);
  remove_db (raw_path);
  return 0;
}

static int
bench_query (const char *path,
             guint       runs)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new_full (path, VERK_STORE_OPEN_READ_ONLY, &error);
  g_autoptr (VerkContent) content = verk_content_new ("en", NULL);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GArray) store_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) raw_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto (GStrv) keys = NULL;
  guint n_groups = 0;
  sqlite3 *db;

  if (store == NULL)
    die (path, error->message);
  for (guint i = 0; i < verk_content_get_n_values (content); i++)
    g_strv_builder_add (builder, verk_content_get_value (content, i)->key);
  keys = g_strv_builder_end (builder);
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    die (path, sqlite3_errmsg (db));

  for (guint r = 0; r < runs; r++)
    {
      double t0 = now_ms (), raw;
      g_autoptr (VerkOrgMatrix) matrix = verk_store_get_organisation (store, (const char * const *) keys, NULL, 0,
                                                                      4, &error);
      sqlite3_stmt *st;
      double sink = 0;

      if (matrix == NULL)
        die ("the organisation", error->message);
      t0 = now_ms () - t0;
      g_array_append_val (store_times, t0);
      n_groups = matrix->groups->len;

      /* the same scores in one statement, and each group's size */
      t0 = now_ms ();
      sqlite3_prepare_v2 (db, "SELECT w.grp_id, i.key, avg (a.value), count (a.value) FROM workshop w"
                              "  JOIN item i ON i.workshop_id = w.id AND i.framework = 'siq'"
                              "    AND i.removed_at IS NULL AND i.key IS NOT NULL"
                              "  JOIN agreed a ON a.item_id = i.id AND a.value IS NOT NULL"
                              "  WHERE w.trashed_at IS NULL GROUP BY 1, 2", -1, &st, NULL);
      while (sqlite3_step (st) == SQLITE_ROW)
        sink += sqlite3_column_double (st, 2);
      sqlite3_finalize (st);
      sqlite3_prepare_v2 (db, "SELECT w.grp_id, max ((SELECT count(*) FROM participant p"
                              "  WHERE p.workshop_id = w.id AND p.removed_at IS NULL))"
                              "  FROM workshop w WHERE w.trashed_at IS NULL GROUP BY 1", -1, &st, NULL);
      while (sqlite3_step (st) == SQLITE_ROW)
        sink += sqlite3_column_int (st, 1);
      sqlite3_finalize (st);
      raw = now_ms () - t0;
      g_array_append_val (raw_times, raw);
      if (sink < 0)
        printf ("never\n");
    }
  sqlite3_close (db);
  printf ("groups=%u\n", n_groups);
  printf ("store_ms=%.2f\n", median (store_times));
  printf ("raw_ms=%.2f\n", median (raw_times));
  return 0;
}

int
main (int argc, char **argv)
{
  if ((argc == 5 || (argc == 6 && strcmp (argv[5], "--with-indexes") == 0)) && strcmp (argv[1], "import") == 0)
    return bench_import (argv[2], argv[3], (guint) atoi (argv[4]), argc == 6);
  if (argc == 4 && strcmp (argv[1], "query") == 0)
    return bench_query (argv[2], (guint) atoi (argv[3]));
  fprintf (stderr, "usage: bench-organisation import FILES_DIR WORK_DIR RUNS [--with-indexes] | query DB RUNS\n");
  return 2;
}
