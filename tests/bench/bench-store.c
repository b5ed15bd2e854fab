/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-store: the storage figures and the databases the other figures use,
 * all made through the real VerkStore API. Prints KEY=VALUE lines for bench.py.
 *
 *   bench-store generate big PATH     1,000 workshops in 50 groups, scored
 *   bench-store generate export PATH  one workshop with 15 participants and
 *                                     40 actions, and a group of 100 workshops
 *   bench-store generate many PATH    10,000 workshops in 500 groups, not scored
 *                                     (the start page's figures)
 *   bench-store edits PATH N          N score edits, each its own transaction,
 *                                     and raw SQLite doing the same
 *   bench-store batch PATH N          N score edits in one transaction
 *                                     (verk_store_set_scores), and raw SQLite
 *   bench-store list PATH RUNS        open the database and list its groups and
 *                                     workshops, and raw SQLite reading the same rows
 *
 * Databases are generated in /dev/shm when it exists (fsync costs nothing
 * there, so a thousand workshops take seconds, not minutes) and then copied
 * to PATH. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "verk-content.h"
#include "verk-store.h"

static const char *first_names[] = {
  "Anna", "Björn", "Cecilia", "David", "Elin", "Fredrik", "Gunilla", "Hassan",
  "Ingrid", "Johan", "Karin", "Lars", "Maria", "Nils", "Åsa", "Örjan",
};

static void
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "bench-store: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* Edit @i's value: each pass over the 13 × 15 cells writes different values
 * from the pass before, so every edit really changes a row. */
static int
edit_value (guint i)
{
  return 1 + (int) ((i + i / (13 * 15)) % 5);
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static VerkContent *
content (void)
{
  static VerkContent *swedish;

  if (swedish == NULL)
    {
      g_autoptr (GError) error = NULL;

      verk_content_register_once ();
      swedish = verk_content_new ("sv", &error);
      if (swedish == NULL)
        die ("load the content pack", error);
    }
  return swedish;
}

/* The workshop's SIQ pieces; a new workshop first gets the content pack's
 * items (values, platform expectations, scale) as the app gives them. */
static GPtrArray *
ensure_items (VerkStore *store,
              gint64     workshop_id)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *items = verk_store_list_items (store, workshop_id, "siq", &error);

  if (items == NULL)
    die ("list items", error);
  if (items->len > 0)
    return items;
  g_ptr_array_unref (items);
  if (!verk_content_seed_workshop (content (), store, workshop_id, &error))
    die ("seed workshop", error);
  items = verk_store_list_items (store, workshop_id, "siq", &error);
  if (items == NULL || items->len == 0)
    die ("list items", error);
  return items;
}

/* Participants, individual and agreed scores, priorities and actions, the way
 * a facilitator enters them. @seed varies the scores between workshops. */
static void
fill_workshop (VerkStore *store,
               gint64     workshop_id,
               guint      n_participants,
               guint      n_actions,
               guint      seed)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = ensure_items (store, workshop_id);
  g_autoptr (GPtrArray) participants = NULL;
  gint64 ranked[3];

  participants = verk_store_list_participants (store, workshop_id, &error);
  if (participants == NULL)
    die ("list participants", error);
  for (guint p = participants->len; p < n_participants; p++)
    {
      g_autofree char *name = g_strdup_printf ("%s %c.", first_names[p % G_N_ELEMENTS (first_names)],
                                               'A' + (int) (p % 26));
      if (verk_store_add_participant (store, workshop_id, name, &error) == 0)
        die ("add participant", error);
    }
  g_clear_pointer (&participants, g_ptr_array_unref);
  participants = verk_store_list_participants (store, workshop_id, &error);
  if (participants == NULL)
    die ("list participants", error);

  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);
      int sum = 0;

      for (guint p = 0; p < participants->len; p++)
        {
          VerkParticipant *participant = g_ptr_array_index (participants, p);
          int value = 1 + (int) ((seed * 7 + i * 3 + p * 5) % 5);

          sum += value;
          if (!verk_store_set_score (store, item->id, participant->id, value, &error))
            die ("set score", error);
        }
      if (!verk_store_set_agreed (store, item->id,
                                  participants->len > 0 ? CLAMP (sum / (int) participants->len, 1, 5) : 3,
                                  "Gruppen enades efter samtal.", &error))
        die ("set agreed", error);
      if (!verk_store_set_desired (store, item->id, 4 + (int) (i % 2), &error))
        die ("set desired", error);
    }

  for (guint r = 0; r < G_N_ELEMENTS (ranked); r++)
    ranked[r] = ((VerkItem *) g_ptr_array_index (items, (seed + r * 4) % items->len))->id;
  if (!verk_store_set_priorities (store, workshop_id, ranked, G_N_ELEMENTS (ranked), &error))
    die ("set priorities", error);

  for (guint a = 0; a < n_actions; a++)
    {
      g_autofree char *what = g_strdup_printf ("Åtgärd %u: ta fram en plan för uppföljning "
                                               "av värdet och redovisa den på ledningsmötet.", a + 1);
      g_autofree char *due = g_strdup_printf ("2026-%02u-%02u", 1 + a % 12, 1 + a % 28);
      VerkAction action = {
        .workshop_id = workshop_id,
        .item_id = ranked[a % G_N_ELEMENTS (ranked)],
        .what = what,
        .owner = (char *) first_names[a % G_N_ELEMENTS (first_names)],
        .due = due,
        .status = (VerkActionStatus) (a % 4),
        .followup = (char *) "",
      };
      if (verk_store_add_action (store, &action, &error) == 0)
        die ("add action", error);
    }

  for (guint p = 0; p < verk_content_get_n_parts (content ()); p++)
    {
      VerkReflection reflection = {
        .workshop_id = workshop_id,
        .part = (char *) verk_content_get_part (content (), p)->key,
        .strengths = (char *) "Vi har tydliga mål och följer upp dem på varje ledningsmöte.",
        .development = (char *) "Vi behöver ge medarbetarna mer återkoppling och delaktighet.",
        .obstacles = (char *) "Tidsbrist och många parallella uppdrag.",
        .removers = (char *) "Förvaltningschefen och HR.",
      };
      if (!verk_store_set_reflection (store, &reflection, &error))
        die ("set reflection", error);
    }
}

static char *
scratch_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && access ("/dev/shm", W_OK) == 0)
    return g_strdup_printf ("/dev/shm/verkstad-bench-%d-%s", (int) getpid (), base);
  return g_strdup (path);
}

/* Moves the generated database (and nothing else: the store has checkpointed
 * its WAL when it was finalized) from scratch to @path. */
static void
finish_generated (const char *scratch,
                  const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (strcmp (scratch, path) == 0)
    return;
  if (!g_file_get_contents (scratch, &contents, &length, &error) ||
      !g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    die ("copy database", error);
  g_unlink (scratch);
  {
    g_autofree char *wal = g_strconcat (scratch, "-wal", NULL);
    g_autofree char *shm = g_strconcat (scratch, "-shm", NULL);
    g_autofree char *dir = g_path_get_dirname (scratch);
    g_autofree char *base = g_path_get_basename (scratch);
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    g_unlink (wal);
    g_unlink (shm);
    /* Backups the store made beside the scratch file. */
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      if (g_str_has_prefix (name, base))
        {
          g_autofree char *p = g_build_filename (dir, name, NULL);
          g_unlink (p);
        }
  }
}

/* 500 groups of 20 workshops, each a follow-up of the one before (the
 * content pack's pieces and 8 participants copied along), not scored: what
 * the start page reads. */
static void
generate_many (VerkStore *store)
{
  g_autoptr (GError) error = NULL;
  guint workshops = 0;

  for (guint g = 0; g < 500; g++)
    {
      g_autofree char *name = g_strdup_printf ("Ledningsgrupp %u", g + 1);
      g_autofree char *unit = g_strdup_printf ("Förvaltning %u", g % 23 + 1);
      gint64 group_id = verk_store_add_group (store, name, unit, &error);
      gint64 previous = 0;

      if (group_id == 0)
        die ("add group", error);
      for (guint w = 0; w < 20; w++)
        {
          g_autofree char *date = g_strdup_printf ("%u-%02u-%02u", 2007 + w, 1 + g % 12, 1 + g % 28);
          gint64 id = previous == 0
            ? verk_store_add_workshop (store, group_id, date, first_names[g % G_N_ELEMENTS (first_names)], &error)
            : verk_store_add_followup (store, previous, date, first_names[g % G_N_ELEMENTS (first_names)], &error);

          if (id == 0)
            die ("add workshop", error);
          if (previous == 0)
            {
              g_autoptr (GPtrArray) items = ensure_items (store, id);

              for (guint p = 0; p < 8; p++)
                if (verk_store_add_participant (store, id, first_names[p % G_N_ELEMENTS (first_names)],
                                                &error) == 0)
                  die ("add participant", error);
            }
          previous = id;
          workshops++;
        }
    }
  printf ("groups=500\nworkshops=%u\n", workshops);
}

static int
generate (const char *kind,
          const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *scratch = scratch_path (path);
  g_autoptr (VerkStore) store = NULL;
  double t0 = now_s ();

  g_unlink (scratch);
  g_unlink (path);
  store = verk_store_new (scratch, &error);
  if (store == NULL)
    die ("open store", error);

  if (strcmp (kind, "big") == 0)
    {
      /* 50 groups of 20 workshops: each a follow-up of the one before, with
       * 8 participants, every piece scored and agreed, 3 priorities, 4 actions. */
      guint workshops = 0;

      for (guint g = 0; g < 50; g++)
        {
          g_autofree char *name = g_strdup_printf ("Ledningsgrupp %u", g + 1);
          g_autofree char *unit = g_strdup_printf ("Förvaltning %u", g % 7 + 1);
          gint64 group_id = verk_store_add_group (store, name, unit, &error);
          gint64 previous = 0;

          if (group_id == 0)
            die ("add group", error);
          for (guint w = 0; w < 20; w++)
            {
              g_autofree char *date = g_strdup_printf ("%u-%02u-15", 2016 + w / 2, w % 2 ? 10 : 3);
              gint64 id = previous == 0
                ? verk_store_add_workshop (store, group_id, date, "Karin Lind", &error)
                : verk_store_add_followup (store, previous, date, "Karin Lind", &error);
              if (id == 0)
                die ("add workshop", error);
              fill_workshop (store, id, 8, 4, g * 20 + w);
              previous = id;
              workshops++;
            }
        }
      printf ("groups=50\nworkshops=%u\n", workshops);
    }
  else if (strcmp (kind, "many") == 0)
    generate_many (store);
  else if (strcmp (kind, "export") == 0)
    {
      gint64 group_id, workshop_id, previous = 0, big_group;

      group_id = verk_store_add_group (store, "Ledningsgruppen för vård och omsorg", "Vård och omsorg", &error);
      if (group_id == 0)
        die ("add group", error);
      workshop_id = verk_store_add_workshop (store, group_id, "2026-03-12", "Karin Lind", &error);
      if (workshop_id == 0)
        die ("add workshop", error);
      fill_workshop (store, workshop_id, 15, 40, 1);

      big_group = verk_store_add_group (store, "Kommunledningsgruppen", "Kommunledningskontoret", &error);
      if (big_group == 0)
        die ("add group", error);
      for (guint w = 0; w < 100; w++)
        {
          g_autofree char *date = g_strdup_printf ("%u-%02u-%02u", 1976 + w / 4, 1 + (w % 4) * 3, 10);
          gint64 id = previous == 0
            ? verk_store_add_workshop (store, big_group, date, "Lars Berg", &error)
            : verk_store_add_followup (store, previous, date, "Lars Berg", &error);
          if (id == 0)
            die ("add workshop", error);
          fill_workshop (store, id, 8, 4, w);
          previous = id;
        }
      printf ("workshop_id=%" G_GINT64_FORMAT "\ngroup_id=%" G_GINT64_FORMAT "\ngroup_workshops=100\n",
              workshop_id, big_group);
    }
  else
    {
      fprintf (stderr, "bench-store: unknown database kind %s\n", kind);
      return 2;
    }

  g_clear_object (&store);
  finish_generated (scratch, path);
  printf ("generate_s=%.2f\n", now_s () - t0);
  return 0;
}

/* The fsync cost of this disk: 4 KiB written and fdatasync'd, median of 200. */
static double
fsync_ms (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "bench-fsync.tmp", NULL);
  char block[4096];
  double t[200];
  int fd = open (path, O_CREAT | O_WRONLY | O_TRUNC, 0600);

  if (fd < 0)
    return -1;
  memset (block, 'x', sizeof block);
  for (int i = 0; i < 200; i++)
    {
      double t0 = now_s ();
      if (pwrite (fd, block, sizeof block, (i % 16) * 4096) < 0 || fdatasync (fd) < 0)
        break;
      t[i] = (now_s () - t0) * 1000;
    }
  close (fd);
  g_unlink (path);
  qsort (t, 200, sizeof *t, cmp_double);
  return t[100];
}

static void
sql (sqlite3    *db,
     const char *statement)
{
  char *message = NULL;

  if (sqlite3_exec (db, statement, NULL, NULL, &message) != SQLITE_OK)
    {
      fprintf (stderr, "bench-store: %s: %s\n", statement, message);
      exit (1);
    }
}

/* The baseline: the least SQLite can do for the same edits, with the pragmas
 * the store uses (WAL, synchronous=FULL), one prepared UPSERT. */
typedef struct {
  sqlite3      *db;
  sqlite3_stmt *upsert;
} RawDb;

static void
raw_open (RawDb      *raw,
          const char *path)
{
  g_unlink (path);
  if (sqlite3_open (path, &raw->db) != SQLITE_OK)
    die ("raw open", NULL);
  sql (raw->db, "PRAGMA journal_mode=WAL");
  sql (raw->db, "PRAGMA synchronous=FULL");
  sql (raw->db, "CREATE TABLE score (item INTEGER, participant INTEGER,"
                " value INTEGER CHECK (value BETWEEN 1 AND 5), comment TEXT,"
                " PRIMARY KEY (item, participant))");
  if (sqlite3_prepare_v2 (raw->db, "INSERT INTO score (item, participant, value) VALUES (?, ?, ?)"
                                   " ON CONFLICT (item, participant) DO UPDATE SET value = excluded.value",
                          -1, &raw->upsert, NULL) != SQLITE_OK)
    die ("raw prepare", NULL);
}

/* Edits @first up to @last (exclusive), each in its own transaction or all in one. */
static void
raw_edits (RawDb    *raw,
           guint     first,
           guint     last,
           gboolean  one_transaction)
{
  if (one_transaction)
    sql (raw->db, "BEGIN");
  for (guint i = first; i < last; i++)
    {
      sqlite3_bind_int64 (raw->upsert, 1, i % 13);
      sqlite3_bind_int64 (raw->upsert, 2, (i / 13) % 15);
      sqlite3_bind_int (raw->upsert, 3, edit_value (i));
      if (sqlite3_step (raw->upsert) != SQLITE_DONE)
        die ("raw step", NULL);
      sqlite3_reset (raw->upsert);
    }
  if (one_transaction)
    sql (raw->db, "COMMIT");
}

static void
raw_close (RawDb *raw)
{
  sqlite3_finalize (raw->upsert);
  sqlite3_close (raw->db);
}

/* The store's side of the same edits, as the app makes them. */
static void
store_edits (VerkStore *store,
             GPtrArray *items,
             GPtrArray *participants,
             guint      first,
             guint      last)
{
  g_autoptr (GError) error = NULL;

  for (guint i = first; i < last; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i % items->len);
      VerkParticipant *participant = g_ptr_array_index (participants, (i / items->len) % participants->len);

      if (!verk_store_set_score (store, item->id, participant->id, edit_value (i), &error))
        die ("set score", error);
    }
}

/* Either N edits each in its own transaction, in chunks of 500 alternating
 * between the store and raw SQLite so that the disk's changing mood on a
 * shared machine hits both alike; or N edits in one batch, store then raw. */
static int
edits (const char *path,
       guint       n,
       gboolean    one_transaction)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) participants = NULL;
  g_autofree char *raw_path = g_strconcat (path, ".raw", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  RawDb raw = { 0 };
  gint64 group_id, workshop_id;
  double t0, store_s = 0, raw_s = 0;

  g_unlink (path);
  store = verk_store_new (path, &error);
  if (store == NULL)
    die ("open store", error);
  group_id = verk_store_add_group (store, "Ledningsgrupp", "", &error);
  workshop_id = group_id ? verk_store_add_workshop (store, group_id, "2026-03-12", "", &error) : 0;
  if (workshop_id == 0)
    die ("add workshop", error);
  items = ensure_items (store, workshop_id);
  for (guint p = 0; p < 15; p++)
    if (verk_store_add_participant (store, workshop_id, first_names[p], &error) == 0)
      die ("add participant", error);
  participants = verk_store_list_participants (store, workshop_id, &error);
  if (participants == NULL)
    die ("list participants", error);
  raw_open (&raw, raw_path);

  if (one_transaction)
    {
      g_autofree VerkScore *batch = g_new0 (VerkScore, n);

      for (guint i = 0; i < n; i++)
        {
          batch[i].item_id = ((VerkItem *) g_ptr_array_index (items, i % items->len))->id;
          batch[i].participant_id =
            ((VerkParticipant *) g_ptr_array_index (participants, (i / items->len) % participants->len))->id;
          batch[i].value = edit_value (i);
        }
      t0 = now_s ();
      if (!verk_store_set_scores (store, batch, n, &error))
        die ("set scores", error);
      store_s = now_s () - t0;
      t0 = now_s ();
      raw_edits (&raw, 0, n, TRUE);
      raw_s = now_s () - t0;
    }
  else
    {
      for (guint first = 0; first < n; first += 500)
        {
          guint last = MIN (n, first + 500);

          t0 = now_s ();
          store_edits (store, items, participants, first, last);
          store_s += now_s () - t0;
          t0 = now_s ();
          raw_edits (&raw, first, last, FALSE);
          raw_s += now_s () - t0;
        }
    }
  g_clear_object (&store);
  raw_close (&raw);

  printf ("edits=%u\n", n);
  printf ("store_s=%.3f\n", store_s);
  printf ("raw_s=%.3f\n", raw_s);
  printf ("fsync_ms=%.3f\n", fsync_ms (dir));
  g_unlink (raw_path);
  return 0;
}

/* Reads every row of @table, copying each text the way the store's records do. */
static guint
raw_read_table (sqlite3    *db,
                const char *table)
{
  g_autofree char *q = g_strdup_printf ("SELECT * FROM %s", table);
  sqlite3_stmt *stmt;
  guint rows = 0;

  if (sqlite3_prepare_v2 (db, q, -1, &stmt, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "bench-store: %s: %s\n", q, sqlite3_errmsg (db));
      exit (1);
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_free (g_strdup ((const char *) sqlite3_column_text (stmt, c)));
      rows++;
    }
  sqlite3_finalize (stmt);
  return rows;
}

static int
list (const char *path,
      guint       runs)
{
  g_autofree double *store_ms = g_new0 (double, runs);
  g_autofree double *raw_ms = g_new0 (double, runs);
  guint workshops = 0, groups = 0;

  /* Warm-up: the daily backup on first open, the page cache. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (VerkStore) store = verk_store_new (path, &error);
    if (store == NULL)
      die ("open store", error);
  }

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr (GError) error = NULL;
      double t0 = now_s ();
      g_autoptr (VerkStore) store = verk_store_new (path, &error);
      g_autoptr (GPtrArray) group_list = NULL;
      sqlite3 *db;

      if (store == NULL)
        die ("open store", error);
      group_list = verk_store_list_groups (store, &error);
      if (group_list == NULL)
        die ("list groups", error);
      workshops = 0;
      for (guint g = 0; g < group_list->len; g++)
        {
          VerkGroup *group = g_ptr_array_index (group_list, g);
          g_autoptr (GPtrArray) list = verk_store_list_workshops (store, group->id, &error);

          if (list == NULL)
            die ("list workshops", error);
          workshops += list->len;
        }
      groups = group_list->len;
      g_clear_object (&store);
      store_ms[r] = (now_s () - t0) * 1000;

      t0 = now_s ();
      if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        die ("raw open", NULL);
      sql (db, "PRAGMA foreign_keys=ON");
      raw_read_table (db, "grp");
      raw_read_table (db, "workshop");
      sqlite3_close (db);
      raw_ms[r] = (now_s () - t0) * 1000;
    }

  qsort (store_ms, runs, sizeof (double), cmp_double);
  qsort (raw_ms, runs, sizeof (double), cmp_double);
  printf ("groups=%u\nworkshops=%u\n", groups, workshops);
  printf ("store_ms=%.3f\n", store_ms[runs / 2]);
  printf ("store_max_ms=%.3f\n", store_ms[runs - 1]);
  printf ("raw_ms=%.3f\n", raw_ms[runs / 2]);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && strcmp (argv[1], "generate") == 0)
    return generate (argv[2], argv[3]);
  if (argc == 4 && strcmp (argv[1], "edits") == 0)
    return edits (argv[2], (guint) atoi (argv[3]), FALSE);
  if (argc == 4 && strcmp (argv[1], "batch") == 0)
    return edits (argv[2], (guint) atoi (argv[3]), TRUE);
  if (argc == 4 && strcmp (argv[1], "list") == 0)
    return list (argv[2], MAX (1, (guint) atoi (argv[3])));
  fprintf (stderr, "usage: bench-store generate big|export|many PATH | edits PATH N | batch PATH N | list PATH RUNS\n");
  return 2;
}
