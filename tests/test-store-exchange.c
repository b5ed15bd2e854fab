/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Stable identities and workshop files (docs/STORAGE.md, "Workshop files"):
 * an older database gets a UUID on every row after its backup; new rows and
 * a follow-up's copies get new ones; edits move their workshop's time. */
#include "config.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "test-cli.h"
#include "verk-atomic-file.h"
#include "verk-store.h"
#include "verk-store-exchange.h"
#include "verk-store-exchange-private.h"
#include "test-files.h"
#include "test-sqlite.h"

static char *tmp_dir;
static GThread *main_thread;

static char *
scratch_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* Every row of @sql's one text column, in order. */
static GPtrArray *
query_texts (const char *path,
             const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *st;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &st, NULL), ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (st, 0)));
  sqlite3_finalize (st);
  sqlite3_close (db);
  return rows;
}

static char *
query_text (const char *path,
            const char *sql)
{
  g_autoptr (GPtrArray) rows = query_texts (path, sql);

  g_assert_cmpuint (rows->len, ==, 1);
  return g_strdup (rows->pdata[0]);
}

/* A lower-case UUID of @version ('4' or '7'): 8-4-4-4-12 hex digits, the
 * version and 8/9/a/b where RFC 9562 puts the version and the variant. */
static gboolean
is_uuid (const char *text,
         char        version)
{
  static const char pattern[] = "xxxxxxxx-xxxx-Nxxx-Vxxx-xxxxxxxxxxxx";

  if (text == NULL || strlen (text) != sizeof pattern - 1)
    return FALSE;
  for (gsize i = 0; pattern[i] != '\0'; i++)
    {
      char c = text[i];
      if (pattern[i] == 'x' && !(g_ascii_isdigit (c) || (c >= 'a' && c <= 'f')))
        return FALSE;
      if (pattern[i] == 'V' && strchr ("89ab", c) == NULL)
        return FALSE;
      if (pattern[i] == 'N' && c != version)
        return FALSE;
      if (pattern[i] == '-' && c != '-')
        return FALSE;
    }
  return TRUE;
}

/* The Unix milliseconds in a version 7 UUID's first 48 bits. */
static gint64
uuid_v7_ms (const char *uuid)
{
  g_autofree char *hex = g_strndup (uuid, 8);
  g_autofree char *all = g_strconcat (hex, uuid + 9, NULL);

  all[12] = '\0';
  return g_ascii_strtoll (all, NULL, 16);
}

/* Every uuid in the database at @path: valid (version 4, as the migration
 * and the schema's triggers make them, or 7, as the store makes them), and
 * no two alike. Returns how many; @n_v7 (nullable) how many of version 7. */
static guint
assert_uuids_valid_and_distinct (const char *path,
                                 guint      *n_v7)
{
  static const char * const tables[] = { "grp", "workshop", "item", "participant", "score", "action" };
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (n_v7 != NULL)
    *n_v7 = 0;
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT uuid FROM %s", tables[t]);
      g_autoptr (GPtrArray) uuids = query_texts (path, sql);

      for (guint i = 0; i < uuids->len; i++)
        {
          gboolean v7 = is_uuid (uuids->pdata[i], '7');

          if (!v7 && !is_uuid (uuids->pdata[i], '4'))
            g_error ("%s row %u has no valid uuid: %s", tables[t], i, (char *) uuids->pdata[i]);
          g_assert_true (g_hash_table_add (seen, g_strdup (uuids->pdata[i])));
          if (v7 && n_v7 != NULL)
            (*n_v7)++;
        }
    }
  return g_hash_table_size (seen);
}

/* Version 3 as it shipped (steps 1 to 3), with a little of everything. */
static const char v3_database[] =
  "CREATE TABLE grp (id INTEGER PRIMARY KEY, name TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '',"
  "  trashed_at TEXT);"
  "CREATE TABLE workshop (id INTEGER PRIMARY KEY,"
  "  grp_id INTEGER NOT NULL REFERENCES grp (id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL, facilitator TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '',"
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
  "CREATE TABLE priority (workshop_id INTEGER NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,"
  "  item_id INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE,"
  "  rank INTEGER NOT NULL CHECK (rank >= 1), PRIMARY KEY (workshop_id, item_id)) WITHOUT ROWID;"
  "CREATE TABLE action (id INTEGER PRIMARY KEY,"
  "  workshop_id INTEGER NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,"
  "  item_id INTEGER REFERENCES item (id) ON DELETE SET NULL,"
  "  what TEXT NOT NULL, owner TEXT NOT NULL DEFAULT '', due TEXT,"
  "  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 3),"
  "  followup TEXT NOT NULL DEFAULT '',"
  "  carried_from INTEGER REFERENCES action (id) ON DELETE SET NULL);"
  "CREATE INDEX action_workshop ON action (workshop_id);"
  "CREATE INDEX action_item ON action (item_id);"
  "CREATE INDEX action_carried ON action (carried_from);"
  "CREATE TABLE reflection (workshop_id INTEGER NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,"
  "  part TEXT NOT NULL, strengths TEXT NOT NULL DEFAULT '', development TEXT NOT NULL DEFAULT '',"
  "  obstacles TEXT NOT NULL DEFAULT '', removers TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (workshop_id, part)) WITHOUT ROWID;"
  "CREATE INDEX workshop_previous ON workshop (previous_id);"
  "CREATE INDEX priority_item ON priority (item_id);"
  "ALTER TABLE item ADD COLUMN removed_at TEXT;"
  "ALTER TABLE participant ADD COLUMN removed_at TEXT;"
  "INSERT INTO grp (id, name, unit) VALUES (1, 'Ledningsgruppen Östra', 'Socialtjänst'),"
  "  (2, 'Skolledarna', 'Utbildning');"
  "INSERT INTO workshop (id, grp_id, date, facilitator) VALUES (1, 1, '2025-10-01', 'Åsa'),"
  "  (2, 2, '2025-11-01', 'Pär');"
  "INSERT INTO workshop (id, grp_id, date, facilitator, previous_id) VALUES (3, 1, '2026-02-01', 'Åsa', 1);"
  "INSERT INTO item (id, workshop_id, framework, key, name, position) VALUES"
  "  (1, 1, 'siq', 'siq.cooperation', 'Samverkan', 0), (2, 1, 'siq', NULL, 'Egen bit', 1),"
  "  (3, 2, 'siq', 'siq.cooperation', 'Samverkan', 0), (4, 3, 'siq', 'siq.cooperation', 'Samverkan', 0);"
  "INSERT INTO participant (id, workshop_id, name, position) VALUES (1, 1, 'Örjan', 0),"
  "  (2, 1, '', 1), (3, 2, 'Li', 0), (4, 3, 'Örjan', 0);"
  "INSERT INTO score VALUES (1, 1, 4, 'bra'), (1, 2, 2, ''), (2, 1, 5, ''), (3, 3, 3, '');"
  "INSERT INTO agreed VALUES (1, 3, 'enades', 5);"
  "INSERT INTO priority VALUES (1, 1, 1);"
  "INSERT INTO action (id, workshop_id, item_id, what, status) VALUES (1, 1, 1, 'Mötesregler', 1),"
  "  (2, 3, 4, 'Mötesregler', 1);"
  "UPDATE action SET carried_from = 1 WHERE id = 2;"
  "INSERT INTO reflection (workshop_id, part, strengths) VALUES (1, 'platform.secure', 'Lugn');"
  "PRAGMA application_id = 1447383627;"  /* 0x5645524B, "VERK" */
  "PRAGMA user_version = 3;";

static void
test_migration_gives_uuids (void)
{
  g_autofree char *path = scratch_path ("v3.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autofree char *backup_suffix = g_strdup_printf (".before-v%d.backup", verk_store_schema_version ());
  g_autofree char *backup_path = NULL;
  g_autofree char *first_copy = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  gint64 followup;
  guint n_uuids, n_v7;

  g_assert_cmpint (verk_store_schema_version (), >=, 4);
  test_sqlite_exec (path, v3_database);
  store = verk_store_new (path, &error);
  g_assert_no_error (error);

  /* the backup made before migrating is version 3, without uuids */
  backups = verk_store_list_backups (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < backups->len; i++)
    if (g_str_has_suffix (((VerkBackup *) backups->pdata[i])->path, backup_suffix))
      backup_path = g_strdup (((VerkBackup *) backups->pdata[i])->path);
  g_assert_nonnull (backup_path);
  g_free (query_text (backup_path, "SELECT 1 WHERE (SELECT user_version FROM pragma_user_version) = 3"
                      " AND NOT EXISTS (SELECT 1 FROM pragma_table_info ('grp') WHERE name = 'uuid')"));

  /* a follow-up copies pieces, participants and an action: new rows, new uuids */
  followup = verk_store_add_followup (store, 3, "2026-06-01", "Åsa", &error);
  g_assert_no_error (error);
  g_assert_cmpint (verk_store_add_group (store, "Nya gruppen", "", &error), >, 0);
  g_clear_object (&store);

  /* 2 + 1 groups, 3 + 1 workshops, 4 + 1 items, 4 + 1 participants, 4 scores, 2 + 1 actions */
  n_uuids = assert_uuids_valid_and_distinct (path, &n_v7);
  g_assert_cmpuint (n_uuids, ==, 3 + 4 + 5 + 5 + 4 + 3);
  /* the migration's are version 4 and stay so; the five rows made since
   * (the group, the follow-up and its piece, person and action) version 7 */
  g_assert_cmpuint (n_v7, ==, 5);
  g_free (query_text (path, "SELECT 1 WHERE (SELECT count(*) FROM grp WHERE modified_at IS NULL)"
                      " + (SELECT count(*) FROM workshop WHERE modified_at IS NULL) = 0"));

  /* the copy of item 4 is a new row with its own uuid, not item 4's */
  sql = g_strdup_printf ("SELECT count(*) FROM item a, item b WHERE a.id = 4 AND b.workshop_id = %"
                         G_GINT64_FORMAT " AND b.key = a.key AND b.uuid <> a.uuid", followup);
  first_copy = query_text (path, sql);
  g_assert_cmpstr (first_copy, ==, "1");

  /* a score in workshop 2 moves workshop 2's time and no other's */
  test_sqlite_exec (path, "UPDATE workshop SET modified_at = '2000-01-01T00:00:00.000Z'");
  before = query_text (path, "SELECT group_concat (modified_at, ' ') FROM workshop ORDER BY id");
  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (verk_store_set_score (store, 3, 3, 5, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  after = query_text (path, "SELECT group_concat (modified_at, ' ') FROM workshop ORDER BY id");
  {
    g_auto (GStrv) a = g_strsplit (before, " ", -1);
    g_auto (GStrv) b = g_strsplit (after, " ", -1);

    g_assert_cmpuint (g_strv_length (a), ==, g_strv_length (b));
    for (guint i = 0; a[i] != NULL; i++)
      if (i == 1)
        g_assert_cmpstr (a[i], <, b[i]);
      else
        g_assert_cmpstr (a[i], ==, b[i]);
  }
}

/* A version 3 file read without writing (an export from the command line)
 * gets UUIDs only in memory, new ones each time: it is not exported. */
static void
test_old_read_only_not_exported (void)
{
  g_autofree char *path = scratch_path ("v3-read-only.db");
  g_autofree char *out = scratch_path ("v3.verkstad");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;

  test_sqlite_exec (path, v3_database);
  store = verk_store_new_full (path, VERK_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (verk_store_export_workshops (store, out, 1, NULL, 0, "siq", 0, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "older version"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* A database from a newer Verkstad is refused, byte for byte untouched. */
static void
test_newer_database_untouched (void)
{
  g_autofree char *path = scratch_path ("v99.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autofree char *sum_before = NULL;
  g_autofree char *sum_after = NULL;

  test_sqlite_exec (path, v3_database);
  test_sqlite_exec (path, "PRAGMA user_version = 99");
  sum_before = file_checksum (path);
  store = verk_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_TOO_NEW);
  sum_after = file_checksum (path);
  g_assert_cmpstr (sum_before, ==, sum_after);
}


/* ---- workshop files ------------------------------------------------------ */

#define N_LAPTOPS 30

static char *self_exe;


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

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".verkstad"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (files, compare_names);
  return files;
}

static char *
dump (VerkStore *store)
{
  g_autoptr (GError) error = NULL;
  char *text = verk_store_exchange_dump (store, &error);

  g_assert_no_error (error);
  return text;
}

static gint64
item_at (VerkStore *store,
         gint64     workshop,
         guint      index)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = verk_store_list_items (store, workshop, "siq", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (index, <, items->len);
  return ((VerkItem *) items->pdata[index])->id;
}

/* A group with a scored workshop: three pieces, two named people with
 * comments, an agreed score, a priority, an action and a reflection. */
static gint64
make_workshop (VerkStore  *store,
               gint64      group,
               const char *date,
               const char *tag)
{
  g_autoptr (GError) error = NULL;
  static const char * const keys[] = { "siq.cooperation", "siq.trust", NULL };
  gint64 ws = verk_store_add_workshop (store, group, date, "Åsa", &error);
  gint64 people[2];
  VerkAction action = { 0 };
  VerkReflection reflection = { 0 };
  g_autofree char *rationale = g_strdup_printf ("first-%s", tag);

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Bit %u", i);
      verk_store_add_item (store, ws, "siq", i < 2 ? keys[i] : NULL, name, "", &error);
      g_assert_no_error (error);
    }
  people[0] = verk_store_add_participant (store, ws, "Örjan", &error);
  people[1] = verk_store_add_participant (store, ws, "Li", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    for (guint p = 0; p < 2; p++)
      {
        g_assert_true (verk_store_set_score (store, item_at (store, ws, i), people[p], 1 + (i + p) % 5, &error));
        g_assert_true (verk_store_set_score_comment (store, item_at (store, ws, i), people[p], "Min kommentar",
                                                     &error));
        g_assert_no_error (error);
      }
  g_assert_true (verk_store_set_agreed (store, item_at (store, ws, 0), 3, rationale, &error));
  {
    gint64 first = item_at (store, ws, 2);
    g_assert_true (verk_store_set_priorities (store, ws, &first, 1, &error));
  }
  action.workshop_id = ws;
  action.item_id = item_at (store, ws, 0);
  action.what = (char *) "Mötesregler";
  action.owner = (char *) "Örjan";
  action.status = VERK_ACTION_IN_PROGRESS;
  g_assert_cmpint (verk_store_add_action (store, &action, &error), >, 0);
  reflection.workshop_id = ws;
  reflection.part = (char *) "platform.secure";
  reflection.strengths = (char *) "Vi lyssnar";
  reflection.development = (char *) "";
  reflection.obstacles = (char *) "";
  reflection.removers = (char *) "";
  g_assert_true (verk_store_set_reflection (store, &reflection, &error));
  g_assert_no_error (error);
  return ws;
}

/* The second private round of @workshop's first piece: both people score
 * it again, each with the comment "@comment-N". */
static void
add_second_round (VerkStore  *store,
                  gint64      workshop,
                  const char *comment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) people = verk_store_list_participants (store, workshop, &error);
  gint64 item = item_at (store, workshop, 0);

  g_assert_no_error (error);
  g_assert_true (verk_store_start_second_round (store, item, &error));
  for (guint p = 0; p < people->len; p++)
    {
      g_autofree char *text = g_strdup_printf ("%s-%u", comment, p);
      g_assert_true (verk_store_set_second_round_score (store, item, ((VerkParticipant *) people->pdata[p])->id,
                                                        4 - (int) p, text, &error));
      g_assert_no_error (error);
    }
}

/* How many second-round scores of the workshop @workshop carry @comment
 * (NULL: how many there are). */
static guint
count_round_scores (VerkStore  *store,
                    gint64      workshop,
                    const char *comment)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) scores = verk_store_list_second_round_scores (store, workshop, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < scores->len; i++)
    n += comment == NULL || g_strcmp0 (((VerkScore *) scores->pdata[i])->comment, comment) == 0;
  return n;
}

/* The ids of every workshop of every group of @store. */
static GArray *
all_workshops (VerkStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) groups = verk_store_list_groups (store, &error);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint g = 0; g < groups->len; g++)
    {
      g_autoptr (GPtrArray) workshops = verk_store_list_workshops (store, ((VerkGroup *) groups->pdata[g])->id,
                                                                   &error);
      for (guint w = 0; w < workshops->len; w++)
        g_array_append_val (ids, ((VerkWorkshop *) workshops->pdata[w])->id);
    }
  g_assert_no_error (error);
  return ids;
}

/* count_round_scores() over every workshop of @store. */
static guint
count_all_round_scores (VerkStore  *store,
                        const char *comment)
{
  g_autoptr (GArray) workshops = all_workshops (store);
  guint n = 0;

  for (guint w = 0; w < workshops->len; w++)
    n += count_round_scores (store, g_array_index (workshops, gint64, w), comment);
  return n;
}

static void
export_group (VerkStore         *store,
              gint64             group,
              const char        *dir,
              const char        *name,
              VerkExchangeFlags  flags)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (verk_store_export_workshops (store, path, group, NULL, 0, "siq-sv", flags, &error));
  g_assert_no_error (error);
}

static void
import_ok (VerkStore        *store,
           const char       *path,
           VerkImportReport *report)
{
  g_autoptr (GError) error = NULL;

  gboolean ok = verk_store_import (store, path, report, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

/* Thirty laptops, each with its own group; each exports it, makes a
 * follow-up and edits again, exports again; each (but the first) imports the
 * previous laptop's first file, edits that group's first workshop and sends
 * it on; some purge a follow-up and send the tombstone. */
static void
make_laptop_files (const char *dir)
{
  g_autofree char *previous_first = NULL;

  for (int k = 0; k < N_LAPTOPS; k++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (VerkStore) laptop = verk_store_new (":memory:", &error);
      g_autofree char *group_name = g_strdup_printf ("Grupp %d", k);
      g_autofree char *tag = g_strdup_printf ("%d", k);
      g_autofree char *final = g_strdup_printf ("final-%d", k);
      g_autofree char *second = g_strdup_printf ("second-%d", k);
      g_autofree char *name_a = g_strdup_printf ("laptop-%02d-a.verkstad", k);
      g_autofree char *name_b = g_strdup_printf ("laptop-%02d-b.verkstad", k);
      gint64 group, w1, w2;

      g_assert_no_error (error);
      group = verk_store_add_group (laptop, group_name, "Förvaltning", &error);
      w1 = make_workshop (laptop, group, "2026-01-15", tag);
      if (k % 3 == 1)
        {
          g_autofree char *round = g_strdup_printf ("round-%d", k);
          add_second_round (laptop, w1, round);
        }
      export_group (laptop, group, dir, name_a, VERK_EXCHANGE_DEFAULT);

      w2 = verk_store_add_followup (laptop, w1, "2026-04-15", "Åsa", &error);
      g_assert_no_error (error);
      g_assert_true (verk_store_set_agreed (laptop, item_at (laptop, w2, 0), 4, second, &error));
      g_assert_true (verk_store_set_agreed (laptop, item_at (laptop, w1, 0), 2, final, &error));
      g_assert_no_error (error);
      export_group (laptop, group, dir, name_b, VERK_EXCHANGE_DEFAULT);

      if (k % 7 == 3)
        {
          g_autofree char *name_d = g_strdup_printf ("laptop-%02d-d.verkstad", k);
          g_assert_true (verk_store_trash_workshop (laptop, w2, &error));
          g_assert_true (verk_store_purge_trash (laptop, &error));
          g_assert_no_error (error);
          export_group (laptop, group, dir, name_d, VERK_EXCHANGE_DEFAULT);
        }

      if (previous_first != NULL)
        {
          g_autoptr (GPtrArray) groups = NULL;
          g_autofree char *borrowed = g_strdup_printf ("borrowed-%d", k);
          g_autofree char *name_c = g_strdup_printf ("laptop-%02d-c.verkstad", k);
          gint64 other = 0, other_ws;

          import_ok (laptop, previous_first, NULL);
          groups = verk_store_list_groups (laptop, &error);
          for (guint i = 0; i < groups->len; i++)
            if (((VerkGroup *) groups->pdata[i])->id != group)
              other = ((VerkGroup *) groups->pdata[i])->id;
          g_assert_cmpint (other, !=, 0);
          {
            g_autoptr (GPtrArray) workshops = verk_store_list_workshops (laptop, other, &error);
            g_assert_cmpuint (workshops->len, ==, 1);
            other_ws = ((VerkWorkshop *) workshops->pdata[0])->id;
          }
          g_assert_true (verk_store_set_agreed (laptop, item_at (laptop, other_ws, 1), 5, borrowed, &error));
          g_assert_no_error (error);
          /* the previous laptop's second round, one score of it changed here */
          if ((k - 1) % 3 == 1)
            {
              g_autoptr (GPtrArray) people = verk_store_list_participants (laptop, other_ws, &error);
              g_autofree char *changed = g_strdup_printf ("changed-round-%d", k);

              g_assert_true (verk_store_set_second_round_score (laptop, item_at (laptop, other_ws, 0),
                                                                ((VerkParticipant *) people->pdata[1])->id, 1,
                                                                changed, &error));
              g_assert_no_error (error);
            }
          export_group (laptop, other, dir, name_c, VERK_EXCHANGE_DEFAULT);
        }
      g_free (previous_first);
      previous_first = g_build_filename (dir, name_a, NULL);
    }
}

static char *
import_in_order (GPtrArray *files,
                 GRand     *order)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (GPtrArray) shuffled = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (shuffled, files->pdata[i]);
  if (order != NULL)
    for (guint i = shuffled->len - 1; i > 0; i--)
      {
        guint j = g_rand_int_range (order, 0, i + 1);
        gpointer t = shuffled->pdata[i];
        shuffled->pdata[i] = shuffled->pdata[j];
        shuffled->pdata[j] = t;
      }
  for (guint i = 0; i < shuffled->len; i++)
    import_ok (store, shuffled->pdata[i], NULL);
  return dump (store);
}

static char *laptops_dir;

static const char *
laptop_files (void)
{
  if (laptops_dir == NULL)
    {
      laptops_dir = scratch_path ("laptops");
      g_assert_cmpint (g_mkdir (laptops_dir, 0700), ==, 0);
      make_laptop_files (laptops_dir);
    }
  return laptops_dir;
}

static int
count_rows (VerkStore  *store,
            const char *rationale)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) workshops = all_workshops (store);
  int n = 0;

  for (guint w = 0; w < workshops->len; w++)
    {
      g_autoptr (GPtrArray) items = verk_store_list_items (store, g_array_index (workshops, gint64, w), "siq", &error);

      g_assert_no_error (error);
      for (guint i = 0; i < items->len; i++)
        n += g_strcmp0 (((VerkItem *) items->pdata[i])->rationale, rationale) == 0;
    }
  return n;
}

static void
test_laptops_any_order (void)
{
  const char *dir = laptop_files ();
  g_autoptr (GPtrArray) files = list_files (dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autofree char *reference = NULL;
  g_autofree char *again = NULL;
  VerkImportReport report = { 0 };
  g_autoptr (GPtrArray) groups = NULL;

  g_assert_cmpuint (files->len, >=, 3 * N_LAPTOPS - 1);
  /* the folder, twice: the second time changes nothing */
  import_ok (store, dir, &report);
  g_assert_cmpuint (report.files_read, ==, files->len);
  g_assert_cmpuint (report.files_refused, ==, 0);
  reference = dump (store);
  memset (&report, 0, sizeof report);
  import_ok (store, dir, &report);
  g_assert_cmpuint (report.workshops_added, ==, 0);
  g_assert_cmpuint (report.workshops_updated, ==, 0);
  again = dump (store);
  g_assert_cmpstr (reference, ==, again);

  /* every group once; the purged follow-ups stay purged */
  groups = verk_store_list_groups (store, &error);
  g_assert_cmpuint (groups->len, ==, N_LAPTOPS);
  for (int k = 0; k < N_LAPTOPS; k++)
    {
      g_autoptr (GPtrArray) workshops = verk_store_list_workshops (store, ((VerkGroup *) groups->pdata[k])->id,
                                                                   &error);
      g_autofree char *second = NULL;
      int laptop = -1;

      g_assert_cmpint (sscanf (((VerkGroup *) groups->pdata[k])->name, "Grupp %d", &laptop), ==, 1);
      second = g_strdup_printf ("second-%d", laptop);
      g_assert_cmpuint (workshops->len, ==, laptop % 7 == 3 ? 1 : 2);
      g_assert_cmpint (count_rows (store, second), ==, laptop % 7 == 3 ? 0 : 1);
    }
  /* the newest edit of each first workshop won: laptop k+1's borrowed edit
   * came after laptop k's final one, and was based on the older file */
  for (int k = 1; k < N_LAPTOPS; k++)
    {
      g_autofree char *borrowed = g_strdup_printf ("borrowed-%d", k);
      g_autofree char *final = g_strdup_printf ("final-%d", k - 1);
      g_assert_cmpint (count_rows (store, borrowed), ==, 1);
      g_assert_cmpint (count_rows (store, final), ==, 0);
    }
  {
    g_autofree char *last = g_strdup_printf ("final-%d", N_LAPTOPS - 1);
    g_assert_cmpint (count_rows (store, last), ==, 1);
  }
  /* the second rounds came with their workshops, the borrowed edit of one
   * of their scores won */
  for (int k = 1; k < N_LAPTOPS; k += 3)
    {
      g_autofree char *kept = g_strdup_printf ("round-%d-0", k);
      g_autofree char *replaced = g_strdup_printf ("round-%d-1", k);
      g_autofree char *changed = g_strdup_printf ("changed-round-%d", k + 1);

      g_assert_cmpuint (count_all_round_scores (store, kept), ==, 1);
      g_assert_cmpuint (count_all_round_scores (store, replaced), ==, k + 1 < N_LAPTOPS ? 0 : 1);
      g_assert_cmpuint (count_all_round_scores (store, changed), ==, k + 1 < N_LAPTOPS ? 1 : 0);
    }
  g_assert_cmpuint (count_all_round_scores (store, NULL), ==, 2 * ((N_LAPTOPS + 1) / 3));

  /* the same database from the files in any order */
  {
    g_autoptr (GRand) order = g_rand_new_with_seed (g_test_rand_int ());
    for (int round = 0; round < 3; round++)
      {
        g_autofree char *shuffled = import_in_order (files, order);
        g_assert_cmpstr (shuffled, ==, reference);
      }
    for (guint i = 0; i < files->len / 2; i++)
      {
        gpointer t = files->pdata[i];
        files->pdata[i] = files->pdata[files->len - 1 - i];
        files->pdata[files->len - 1 - i] = t;
      }
    {
      g_autofree char *reversed = import_in_order (files, NULL);
      g_assert_cmpstr (reversed, ==, reference);
    }
  }
}

/* One laptop's group through a file into an empty database: the same rows,
 * the follow-up's links, and importing it again changes nothing. */
static void
test_round_trip (void)
{
  g_autofree char *dir = scratch_path ("round-trip");
  g_autofree char *path = NULL;
  g_autofree char *origin_path = scratch_path ("origin.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) origin = NULL;
  g_autoptr (VerkStore) other = NULL;
  g_autofree char *sum_before = NULL;
  g_autofree char *sum_after = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *ours = NULL;
  VerkImportReport report = { 0 };
  gint64 group, w1, w2;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  origin = verk_store_new (origin_path, &error);
  g_assert_no_error (error);
  group = verk_store_add_group (origin, "Rundgruppen", "", &error);
  w1 = make_workshop (origin, group, "2026-02-01", "rt");
  add_second_round (origin, w1, "rt-round");
  w2 = verk_store_add_followup (origin, w1, "2026-05-01", "Åsa", &error);
  g_assert_no_error (error);
  export_group (origin, group, dir, "group.verkstad", VERK_EXCHANGE_DEFAULT);
  path = g_build_filename (dir, "group.verkstad", NULL);

  /* the file is a plain one-file database of this version, only the group */
  g_assert_false (g_file_test (origin_path, G_FILE_TEST_IS_DIR));
  g_free (query_text (path, "SELECT 1 WHERE (SELECT user_version FROM pragma_user_version) = 5"
                      " AND (SELECT journal_mode FROM pragma_journal_mode) = 'delete'"
                      " AND (SELECT count(*) FROM grp) = 1"
                      " AND (SELECT value FROM exchange_meta WHERE key = 'content_pack') = 'siq-sv'"));
  {
    struct stat st;
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  other = verk_store_new (":memory:", &error);
  sum_before = file_checksum (path);
  import_ok (other, path, &report);
  g_assert_cmpuint (report.workshops_added, ==, 2);
  sum_after = file_checksum (path);
  g_assert_cmpstr (sum_before, ==, sum_after);
  theirs = dump (origin);
  ours = dump (other);
  g_assert_cmpstr (theirs, ==, ours);
  g_assert_nonnull (strstr (ours, " previous "));
  g_assert_nonnull (strstr (ours, " carried_from "));
  /* the second round, by the piece's and the people's UUIDs */
  g_assert_cmpuint (count_all_round_scores (other, "rt-round-0"), ==, 1);
  g_assert_cmpuint (count_all_round_scores (other, "rt-round-1"), ==, 1);
  g_assert_cmpuint (count_all_round_scores (other, NULL), ==, 2);

  memset (&report, 0, sizeof report);
  import_ok (other, path, &report);
  g_assert_cmpuint (report.workshops_unchanged, ==, 2);
  g_assert_cmpuint (report.workshops_added + report.workshops_updated, ==, 0);
  g_free (ours);
  ours = dump (other);
  g_assert_cmpstr (theirs, ==, ours);
  (void) w2;

  /* a file never goes over the open database */
  {
    g_autoptr (GError) refused = NULL;
    g_autofree char *db_before = file_checksum (origin_path);
    g_autofree char *db_after = NULL;
    g_assert_false (verk_store_export_workshops (origin, origin_path, group, NULL, 0, "siq-sv", 0, &refused));
    g_assert_error (refused, VERK_ATOMIC_FILE_ERROR, VERK_ATOMIC_FILE_ERROR_PROTECTED);
    db_after = file_checksum (origin_path);
    g_assert_cmpstr (db_before, ==, db_after);
  }
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

/* Waits for the clock to pass @ms, so that the next row is made in a later
 * millisecond than the last. */
static void
wait_past_ms (gint64 ms)
{
  while (now_ms () <= ms)
    g_thread_yield ();
}

/* The uuid @sql selects at @path: version 7, its time within the
 * milliseconds [@before, @after] the row was made in, and after @previous
 * (nullable), which was made in an earlier millisecond. */
static char *
assert_new_uuid (const char *path,
                 const char *sql,
                 gint64      before,
                 gint64      after,
                 const char *previous)
{
  char *uuid = query_text (path, sql);

  if (!is_uuid (uuid, '7'))
    g_error ("%s: not a version 7 uuid: %s", sql, uuid);
  g_assert_cmpint (uuid_v7_ms (uuid), >=, before);
  g_assert_cmpint (uuid_v7_ms (uuid), <=, after);
  if (previous != NULL)
    g_assert_cmpstr (uuid, >, previous);
  return uuid;
}

/* New rows of every kind get version 7 UUIDs (RFC 9562: the Unix time in
 * milliseconds, then random bits), so that a laptop's new rows sit together
 * in the UUID indexes an import inserts into (docs/PERFORMANCE.md, issue
 * 16): each carries the millisecond it was made in, rows made later sort
 * later, and many made at once (a follow-up's copies, a workshop's pieces
 * in one transaction) are distinct with their times in the order they were
 * made. */
static void
test_new_uuids_v7 (void)
{
  g_autofree char *path = scratch_path ("v7.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autofree char *last = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  VerkAction action = { 0 };
  VerkItem items[40] = { { 0 } };
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gint64 before, after, group, ws, item, person, action_id, followup, ms;
  guint n_v7;

  store = verk_store_new (path, &error);
  g_assert_no_error (error);

#define MADE(make, ...) \
  G_STMT_START { \
    g_autofree char *sql_ = NULL; \
    g_autofree char *uuid_ = NULL; \
    wait_past_ms (now_ms ()); \
    before = now_ms (); \
    make; \
    after = now_ms (); \
    g_assert_no_error (error); \
    sql_ = g_strdup_printf (__VA_ARGS__); \
    uuid_ = assert_new_uuid (path, sql_, before, after, last); \
    g_free (last); \
    last = g_steal_pointer (&uuid_); \
  } G_STMT_END

  MADE (group = verk_store_add_group (store, "Sjuan", "", &error),
        "SELECT uuid FROM grp WHERE id = %" G_GINT64_FORMAT, group);
  MADE (ws = verk_store_add_workshop (store, group, "2026-03-01", "Åsa", &error),
        "SELECT uuid FROM workshop WHERE id = %" G_GINT64_FORMAT, ws);
  MADE (item = verk_store_add_item (store, ws, "siq", "siq.trust", "Tillit", "", &error),
        "SELECT uuid FROM item WHERE id = %" G_GINT64_FORMAT, item);
  MADE (person = verk_store_add_participant (store, ws, "Örjan", &error),
        "SELECT uuid FROM participant WHERE id = %" G_GINT64_FORMAT, person);
  MADE (verk_store_set_score (store, item, person, 4, &error),
        "SELECT uuid FROM score WHERE item_id = %" G_GINT64_FORMAT " AND participant_id = %" G_GINT64_FORMAT,
        item, person);
  action.workshop_id = ws;
  action.item_id = item;
  action.what = (char *) "Mötesregler";
  action.owner = (char *) "Örjan";
  action.status = VERK_ACTION_IN_PROGRESS;
  MADE (action_id = verk_store_add_action (store, &action, &error),
        "SELECT uuid FROM action WHERE id = %" G_GINT64_FORMAT, action_id);
  /* a score changed keeps its uuid */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT uuid FROM score WHERE item_id = %" G_GINT64_FORMAT, item);
    g_autofree char *kept = query_text (path, sql);
    g_autofree char *again = NULL;

    g_assert_true (verk_store_set_score (store, item, person, 2, &error));
    again = query_text (path, sql);
    g_assert_cmpstr (kept, ==, again);
  }

  /* a follow-up's copies (the workshop, its piece, person and carried
   * action; the people in one INSERT … SELECT) */
  MADE (followup = verk_store_add_followup (store, ws, "2026-09-01", "Åsa", &error),
        "SELECT uuid FROM workshop WHERE id = %" G_GINT64_FORMAT, followup);
  {
    static const char * const copies[] = { "item", "participant", "action" };

    for (guint c = 0; c < G_N_ELEMENTS (copies); c++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT uuid FROM %s WHERE workshop_id = %" G_GINT64_FORMAT,
                                                copies[c], followup);
        g_free (assert_new_uuid (path, sql, before, after, NULL));
      }
  }

  /* forty pieces in one transaction: their times in the order they were made */
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_ptr_array_add (names, g_strdup_printf ("Bit %u", i));
      items[i].framework = (char *) "siq";
      items[i].name = names->pdata[i];
    }
  wait_past_ms (now_ms ());
  before = now_ms ();
  g_assert_true (verk_store_add_items (store, ws, items, G_N_ELEMENTS (items), &error));
  after = now_ms ();
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT uuid FROM item WHERE workshop_id = %" G_GINT64_FORMAT
                                            " AND id > %" G_GINT64_FORMAT " ORDER BY id", ws, item);

    ids = query_texts (path, sql);
  }
  g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (items));
  ms = before;
  for (guint i = 0; i < ids->len; i++)
    {
      g_assert_true (is_uuid (ids->pdata[i], '7'));
      g_assert_cmpint (uuid_v7_ms (ids->pdata[i]), >=, ms);
      g_assert_cmpint (uuid_v7_ms (ids->pdata[i]), <=, after);
      g_assert_cmpstr (ids->pdata[i], >, last);
      ms = uuid_v7_ms (ids->pdata[i]);
    }

  /* all distinct, all version 7: 1 group, 2 workshops, 1 + 1 + 40 pieces,
   * 2 people, 1 score, 2 actions */
  g_assert_cmpuint (assert_uuids_valid_and_distinct (path, &n_v7), ==, 1 + 2 + 42 + 2 + 1 + 2);
  g_assert_cmpuint (n_v7, ==, 1 + 2 + 42 + 2 + 1 + 2);
#undef MADE
}

/* Rows with version 4 UUIDs (a database migrated to version 4, another
 * program's rows) travel beside the store's version 7 ones: a file with
 * both imports into a database with version 7 rows of its own, every uuid
 * as it was, and again changes nothing. */
static void
test_v4_and_v7_meet (void)
{
  g_autofree char *old_path = scratch_path ("v4-meets-v7.db");
  g_autofree char *target_path = scratch_path ("v4-meets-v7-target.db");
  g_autofree char *dir = scratch_path ("v4-meets-v7");
  g_autofree char *file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) old = NULL;
  g_autoptr (VerkStore) target = NULL;
  g_autoptr (GPtrArray) in_file = NULL;
  g_autoptr (GPtrArray) in_target = NULL;
  g_autoptr (GHashTable) target_set = g_hash_table_new (g_str_hash, g_str_equal);
  VerkImportReport report = { 0 };
  static const char all_uuids[] =
    "SELECT uuid FROM grp UNION ALL SELECT uuid FROM workshop UNION ALL SELECT uuid FROM item"
    " UNION ALL SELECT uuid FROM participant UNION ALL SELECT uuid FROM score"
    " UNION ALL SELECT uuid FROM action ORDER BY 1";
  guint n_v4 = 0, n_v7 = 0, n_own;
  g_autofree char *dump_before = NULL;
  g_autofree char *dump_after = NULL;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  test_sqlite_exec (old_path, v3_database);
  old = verk_store_new (old_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (verk_store_add_followup (old, 3, "2026-06-01", "Åsa", &error), >, 0);
  g_assert_no_error (error);
  export_group (old, 1, dir, "old.verkstad", VERK_EXCHANGE_DEFAULT);
  file = g_build_filename (dir, "old.verkstad", NULL);
  in_file = query_texts (file, all_uuids);
  for (guint i = 0; i < in_file->len; i++)
    if (is_uuid (in_file->pdata[i], '4'))
      n_v4++;
    else if (is_uuid (in_file->pdata[i], '7'))
      n_v7++;
  /* group 1, workshops 1 and 3, their pieces, people, scores and actions;
   * the follow-up, its piece, person and action */
  g_assert_cmpuint (n_v4, ==, 1 + 2 + 3 + 3 + 3 + 2);
  g_assert_cmpuint (n_v7, ==, 4);

  target = verk_store_new (target_path, &error);
  g_assert_no_error (error);
  make_workshop (target, verk_store_add_group (target, "Egna", "", &error), "2026-02-01", "own");
  n_own = assert_uuids_valid_and_distinct (target_path, &n_v7);
  g_assert_cmpuint (n_v7, ==, n_own);
  import_ok (target, file, &report);
  g_assert_cmpuint (report.workshops_added, ==, 3);

  n_v7 = 0;
  g_assert_cmpuint (assert_uuids_valid_and_distinct (target_path, &n_v7), ==, n_own + in_file->len);
  g_assert_cmpuint (n_v7, ==, n_own + 4);
  in_target = query_texts (target_path, all_uuids);
  for (guint i = 0; i < in_target->len; i++)
    g_hash_table_add (target_set, in_target->pdata[i]);
  for (guint i = 0; i < in_file->len; i++)
    g_assert_true (g_hash_table_contains (target_set, in_file->pdata[i]));

  dump_before = dump (target);
  memset (&report, 0, sizeof report);
  import_ok (target, file, &report);
  g_assert_cmpuint (report.workshops_unchanged, ==, 3);
  g_assert_cmpuint (report.workshops_added + report.workshops_updated, ==, 0);
  dump_after = dump (target);
  g_assert_cmpstr (dump_before, ==, dump_after);
}

static void
test_aggregates_only (void)
{
  g_autofree char *dir = scratch_path ("aggregates");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) origin = verk_store_new (":memory:", &error);
  g_autoptr (VerkStore) other = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 group;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  group = verk_store_add_group (origin, "Anonyma", "", &error);
  add_second_round (origin, make_workshop (origin, group, "2026-02-01", "agg"), "Andra rundans kommentar");
  export_group (origin, group, dir, "agg.verkstad", VERK_EXCHANGE_AGGREGATES_ONLY);
  path = g_build_filename (dir, "agg.verkstad", NULL);

  /* no names, comments or reflections in the file; the numbers are there */
  g_free (query_text (path, "SELECT 1 WHERE (SELECT count(*) FROM participant WHERE name <> '') = 0"
                      " AND (SELECT count(*) FROM participant) = 2"
                      " AND (SELECT count(*) FROM score WHERE comment <> '') = 0"
                      " AND (SELECT count(*) FROM score) = 6"
                      " AND (SELECT count(*) FROM agreed WHERE rationale <> '') = 0"
                      " AND (SELECT count(*) FROM agreed WHERE value = 3) = 1"
                      " AND (SELECT count(*) FROM workshop WHERE facilitator <> '' OR notes <> '') = 0"
                      " AND (SELECT count(*) FROM action WHERE owner <> '') = 0"
                      " AND (SELECT count(*) FROM reflection) = 0"
                      " AND (SELECT count(*) FROM score_round) = 1"
                      " AND (SELECT count(*) FROM round_score WHERE comment <> '') = 0"
                      " AND (SELECT group_concat (value) FROM round_score) = '4,3'"));
  {
    g_autofree char *data = NULL;
    gsize len;
    g_assert_true (g_file_get_contents (path, &data, &len, NULL));
    g_assert_null (g_strstr_len (data, len, "Örjan"));
    g_assert_null (g_strstr_len (data, len, "Min kommentar"));
    g_assert_null (g_strstr_len (data, len, "Andra rundans"));
  }

  /* back into the database it came from: the full version stays */
  before = dump (origin);
  import_ok (origin, path, NULL);
  after = dump (origin);
  g_assert_cmpstr (before, ==, after);

  /* into another: anonymous */
  other = verk_store_new (":memory:", &error);
  import_ok (other, path, NULL);
  g_assert_cmpint (count_rows (other, "first-agg"), ==, 0);
  {
    g_autoptr (GPtrArray) groups = verk_store_list_groups (other, &error);
    g_autoptr (GPtrArray) workshops = verk_store_list_workshops (other, ((VerkGroup *) groups->pdata[0])->id,
                                                                 &error);
    g_autoptr (GPtrArray) people = verk_store_list_participants (other,
                                                                 ((VerkWorkshop *) workshops->pdata[0])->id,
                                                                 &error);
    g_autoptr (GPtrArray) scores = verk_store_list_scores (other, ((VerkWorkshop *) workshops->pdata[0])->id,
                                                           &error);
    g_assert_cmpuint (people->len, ==, 2);
    g_assert_cmpstr (((VerkParticipant *) people->pdata[0])->name, ==, "");
    g_assert_cmpuint (scores->len, ==, 6);
    g_assert_cmpuint (count_round_scores (other, ((VerkWorkshop *) workshops->pdata[0])->id, NULL), ==, 2);
    g_assert_cmpuint (count_round_scores (other, ((VerkWorkshop *) workshops->pdata[0])->id, ""), ==, 2);
  }
}

/* A file of a Verkstad that did not carry the second round yet: one of
 * schema 4 (no round tables) and one of schema 5 with them empty. Both
 * import; made from the same edits as a file with the rounds, they never
 * take the rounds away, in either order. */
static void
test_file_without_rounds (void)
{
  g_autofree char *dir = scratch_path ("without-rounds");
  g_autofree char *full = NULL;
  g_autofree char *schema4 = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *data = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) origin = verk_store_new (":memory:", &error);
  g_autoptr (VerkStore) fresh = verk_store_new (":memory:", &error);
  g_autoptr (VerkStore) other = verk_store_new (":memory:", &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *theirs = NULL;
  VerkImportReport report = { 0 };
  gsize len;
  gint64 group;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  group = verk_store_add_group (origin, "Rundorna", "", &error);
  /* several workshops: whichever way a tie between the versions were
   * broken by chance, one of them would lose its round */
  for (int m = 1; m <= 8; m++)
    {
      g_autofree char *date = g_strdup_printf ("2026-%02d-10", m);
      g_autofree char *tag = g_strdup_printf ("w%d", m);
      add_second_round (origin, make_workshop (origin, group, date, tag), tag);
    }
  export_group (origin, group, dir, "full.verkstad", VERK_EXCHANGE_DEFAULT);
  full = g_build_filename (dir, "full.verkstad", NULL);
  schema4 = g_build_filename (dir, "schema4.verkstad", NULL);
  empty = g_build_filename (dir, "empty.verkstad", NULL);
  g_assert_true (g_file_get_contents (full, &data, &len, NULL));
  g_assert_true (g_file_set_contents (schema4, data, len, NULL));
  g_assert_true (g_file_set_contents (empty, data, len, NULL));
  test_sqlite_exec (schema4, "DROP TABLE round_score; DROP TABLE score_round; PRAGMA user_version = 4");
  /* as the import keeps them: the rows' workshops keep their times */
  test_sqlite_exec (empty, "UPDATE exchange_state SET importing = 1; DELETE FROM round_score; DELETE FROM score_round;"
                   " UPDATE exchange_state SET importing = 0");

  /* each into an empty database: the workshops without rounds */
  import_ok (fresh, schema4, &report);
  g_assert_cmpuint (report.workshops_added, ==, 8);
  g_assert_cmpuint (count_all_round_scores (fresh, NULL), ==, 0);
  import_ok (other, empty, NULL);
  theirs = dump (other);
  after = dump (fresh);
  g_assert_cmpstr (theirs, ==, after);

  /* back into the database they came from: nothing changes */
  before = dump (origin);
  import_ok (origin, schema4, NULL);
  import_ok (origin, empty, NULL);
  g_clear_pointer (&after, g_free);
  after = dump (origin);
  g_assert_cmpstr (before, ==, after);

  /* the file with the rounds brings them to a database that has the rest */
  memset (&report, 0, sizeof report);
  import_ok (fresh, full, &report);
  g_assert_cmpuint (report.workshops_updated, ==, 8);
  g_assert_cmpuint (count_all_round_scores (fresh, NULL), ==, 16);
  g_clear_pointer (&after, g_free);
  after = dump (fresh);
  g_assert_cmpstr (before, ==, after);
}

/* Files another program wrote: one with a piece without a UUID, one with a
 * workshop without a time. Rows meet by UUID and versions by time, so each
 * is refused, untouched, with nothing of it imported (the import runs with
 * the connection's triggers off, which would have made those up); the good
 * file beside them comes in, and afterwards the triggers act again on the
 * store's own edits. */
static void
test_file_without_identities (void)
{
  g_autofree char *dir = scratch_path ("without-identities");
  g_autofree char *good = NULL;
  g_autofree char *no_uuid = NULL;
  g_autofree char *no_time = NULL;
  g_autofree char *data = NULL;
  g_autofree char *path = scratch_path ("without-identities.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) origin = verk_store_new (":memory:", &error);
  g_autoptr (VerkStore) store = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *later = NULL;
  gsize len;
  gint64 group;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  group = verk_store_add_group (origin, "Annat program", "", &error);
  make_workshop (origin, group, "2026-02-01", "other");
  export_group (origin, group, dir, "a-good.verkstad", VERK_EXCHANGE_DEFAULT);
  good = g_build_filename (dir, "a-good.verkstad", NULL);
  no_uuid = g_build_filename (dir, "b-no-uuid.verkstad", NULL);
  no_time = g_build_filename (dir, "c-no-time.verkstad", NULL);
  g_assert_true (g_file_get_contents (good, &data, &len, NULL));
  g_assert_true (g_file_set_contents (no_uuid, data, len, NULL));
  g_assert_true (g_file_set_contents (no_time, data, len, NULL));
  test_sqlite_exec (no_uuid, "UPDATE exchange_state SET importing = 1;"
                     " UPDATE item SET uuid = NULL WHERE id = (SELECT min (id) FROM item);"
                     " UPDATE exchange_state SET importing = 0");
  test_sqlite_exec (no_time, "UPDATE exchange_state SET importing = 1; UPDATE workshop SET modified_at = NULL;"
                     " UPDATE exchange_state SET importing = 0");

  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      const char *bad = i == 0 ? no_uuid : no_time;
      g_autoptr (GError) refused = NULL;
      g_autofree char *before = file_checksum (bad);
      g_autofree char *after = NULL;

      g_assert_false (verk_store_import (store, bad, NULL, &refused));
      g_assert_error (refused, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_VERKSTAD);
      g_assert_nonnull (strstr (refused->message, bad));
      after = file_checksum (bad);
      g_assert_cmpstr (before, ==, after);
      g_free (query_text (path, "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM workshop)"));
    }
  {
    VerkImportReport report = { 0 };
    g_autoptr (GError) refused = NULL;

    g_assert_false (verk_store_import (store, dir, &report, &refused));
    g_assert_cmpuint (report.files_read, ==, 1);
    g_assert_cmpuint (report.files_refused, ==, 2);
  }
  g_free (query_text (path, "SELECT 1 WHERE (SELECT count(*) FROM item) = 3"
                            " AND NOT EXISTS (SELECT 1 FROM item WHERE uuid IS NULL)"
                            " AND NOT EXISTS (SELECT 1 FROM workshop WHERE modified_at IS NULL)"));

  /* the store's own edit moves its workshop's time, as before the import */
  test_sqlite_exec (path, "UPDATE workshop SET modified_at = '2000-01-01T00:00:00.000Z'");
  stamp = query_text (path, "SELECT modified_at FROM workshop");
  g_assert_cmpstr (stamp, ==, "2000-01-01T00:00:00.000Z");
  {
    g_autoptr (GPtrArray) groups = verk_store_list_groups (store, &error);
    g_autoptr (GPtrArray) workshops = verk_store_list_workshops (store, ((VerkGroup *) groups->pdata[0])->id, &error);
    gint64 ws = ((VerkWorkshop *) workshops->pdata[0])->id;

    g_assert_true (verk_store_set_agreed (store, item_at (store, ws, 1), 4, "efter importen", &error));
    g_assert_no_error (error);
  }
  later = query_text (path, "SELECT modified_at FROM workshop");
  g_assert_cmpstr (later, >, "2000-01-01T00:00:00.000Z");
}

/* A damaged file and one from a newer Verkstad: refused with a message
 * naming them, byte for byte untouched, the database unchanged; the good
 * files beside them in a folder are imported. */
static void
test_refused_files (void)
{
  g_autofree char *dir = scratch_path ("refused");
  g_autofree char *good = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *truncated = NULL;
  g_autofree char *one_page = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) origin = verk_store_new (":memory:", &error);
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autofree char *good_data = NULL;
  gsize len;
  gint64 group;
  const char *bad[4];

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  group = verk_store_add_group (origin, "Gruppen", "", &error);
  make_workshop (origin, group, "2026-02-01", "bad");
  export_group (origin, group, dir, "a-good.verkstad", VERK_EXCHANGE_DEFAULT);
  good = g_build_filename (dir, "a-good.verkstad", NULL);
  damaged = g_build_filename (dir, "b-damaged.verkstad", NULL);
  newer = g_build_filename (dir, "c-newer.verkstad", NULL);

  /* damaged: the second half of the file overwritten */
  g_assert_true (g_file_get_contents (good, &good_data, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  for (gsize i = len / 2; i < len; i++)
    good_data[i] = (char) (i * 7);
  g_assert_true (g_file_set_contents (damaged, good_data, len, NULL));
  g_free (good_data);
  g_assert_true (g_file_get_contents (good, &good_data, &len, NULL));
  g_assert_true (g_file_set_contents (newer, good_data, len, NULL));
  test_sqlite_exec (newer, "PRAGMA user_version = 99");
  /* shorter than its header says; one page of a table overwritten */
  truncated = g_build_filename (dir, "d-truncated.verkstad", NULL);
  g_assert_true (g_file_set_contents (truncated, good_data, len - 4096, NULL));
  one_page = g_build_filename (dir, "e-one-page.verkstad", NULL);
  {
    g_autofree char *root = query_text (good, "SELECT rootpage FROM sqlite_schema WHERE name = 'item'");
    gsize at = (gsize) (atoi (root) - 1) * 4096;

    g_assert_cmpuint (at + 4096, <=, len);
    for (gsize i = at + 100; i < at + 4096; i++)
      good_data[i] = (char) (i * 13);
  }
  g_assert_true (g_file_set_contents (one_page, good_data, len, NULL));

  bad[0] = damaged;
  bad[1] = newer;
  bad[2] = truncated;
  bad[3] = one_page;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) refused = NULL;
      g_autofree char *sum_before = file_checksum (bad[i]);
      g_autofree char *sum_after = NULL;
      g_autofree char *db_before = dump (store);
      g_autofree char *db_after = NULL;

      g_assert_false (verk_store_import (store, bad[i], NULL, &refused));
      g_assert_error (refused, VERK_STORE_ERROR,
                      (int) (i != 1 ? VERK_STORE_ERROR_NOT_DATABASE : VERK_STORE_ERROR_TOO_NEW));
      g_assert_nonnull (strstr (refused->message, bad[i]));
      g_assert_nonnull (strstr (refused->message, i != 1 ? "damaged" : "newer version"));
      sum_after = file_checksum (bad[i]);
      g_assert_cmpstr (sum_before, ==, sum_after);
      db_after = dump (store);
      g_assert_cmpstr (db_before, ==, db_after);
      {
        g_autofree char *wal = g_strconcat (bad[i], "-wal", NULL);
        g_autofree char *journal = g_strconcat (bad[i], "-journal", NULL);
        g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
        g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
      }
    }

  /* the folder: the good file comes in, the two are reported */
  {
    VerkImportReport report = { 0 };
    g_autoptr (GError) refused = NULL;
    g_autofree char *theirs = dump (origin);
    g_autofree char *ours = NULL;

    g_assert_false (verk_store_import (store, dir, &report, &refused));
    g_assert_error (refused, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_DATABASE);
    g_assert_cmpuint (report.files_read, ==, 1);
    g_assert_cmpuint (report.files_refused, ==, 4);
    ours = dump (store);
    g_assert_cmpstr (theirs, ==, ours);
  }
}

/* ---- kill -9 during an import --------------------------------------------- */

#define N_KILLS       50
#define N_KILL_FILES  24

static void
child_progress (guint    done,
                guint    total,
                gpointer data)
{
  int *files_before = data;

  if (done == 0)
    return;
  printf ("imported %d\n", *files_before + (int) done);
  fflush (stdout);
}

/* The child: imports the files named on the command line in runs of one to
 * eight files, each run one verk_store_import_files() call (batches of
 * several files in one transaction, committed between runs and whenever a
 * batch has taken its time), and says so after each file. */
static int
import_child_main (int    argc,
                   char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (argv[2], &error);
  g_autoptr (GRand) runs = g_rand_new ();
  int i = 3;

  if (store == NULL)
    {
      fprintf (stderr, "child: %s\n", error->message);
      return 2;
    }
  while (i < argc)
    {
      int run = g_rand_int_range (runs, 1, 9);   /* not inside MIN (): it would draw twice */
      int n = MIN (run, argc - i);
      int files_before = i - 3;
      VerkImportReport report = { 0 };

      if (!verk_store_import_files (store, (const char * const *) argv + i, (guint) n, NULL, child_progress,
                                    &files_before, &report, NULL, &error))
        {
          fprintf (stderr, "child: %s\n", error->message);
          return 2;
        }
      i += n;
    }
  return 0;
}

/* Each workshop line of the dump at @path: one some file brought whole. */
static void
assert_only_whole_versions (const char *path,
                            GHashTable *versions)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (path, &error);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_no_error (error);
  g_free (query_text (path, "SELECT 1 WHERE (SELECT integrity_check FROM pragma_integrity_check) = 'ok'"
                      " AND NOT EXISTS (SELECT 1 FROM pragma_foreign_key_check)"
                      " AND (SELECT importing FROM exchange_state) = 0"));
  text = dump (store);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "W ") && !g_hash_table_contains (versions, lines[i]))
      g_error ("a workshop that no file holds: %s", lines[i]);
}

static void
test_kill_during_import (void)
{
  g_autoptr (GPtrArray) all = list_files (laptop_files ());
  g_autofree char *path = scratch_path ("killed.db");
  g_autoptr (GHashTable) versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) files = g_ptr_array_new ();
  g_autofree char *reference = NULL;
  g_autoptr (GError) error = NULL;
  guint mid_import = 0;

  g_assert_nonnull (self_exe);
  for (guint i = 0; i < N_KILL_FILES && i < all->len; i++)
    g_ptr_array_add (files, all->pdata[i]);

  /* what each file brings alone, and all of them */
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr (VerkStore) alone = verk_store_new (":memory:", &error);
      g_autofree char *text = NULL;
      g_auto (GStrv) lines = NULL;

      import_ok (alone, files->pdata[i], NULL);
      text = dump (alone);
      lines = g_strsplit (text, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        if (g_str_has_prefix (lines[l], "W "))
          g_hash_table_add (versions, g_strdup (lines[l]));
    }
  reference = import_in_order (files, NULL);

  for (int run = 0; run < N_KILLS; run++)
    {
      g_autoptr (GPtrArray) argv = g_ptr_array_new ();
      g_autoptr (GRand) order = g_rand_new_with_seed (g_test_rand_int ());
      int lines_before_kill = g_rand_int_range (order, 0, files->len);
      int seen = 0, out_fd, status;
      char line[256];
      FILE *out;
      GPid pid;

      g_ptr_array_add (argv, self_exe);
      g_ptr_array_add (argv, (char *) "--import-child");
      g_ptr_array_add (argv, path);
      for (guint i = 0; i < files->len; i++)
        g_ptr_array_add (argv, files->pdata[g_rand_int_range (order, 0, files->len)]);
      g_ptr_array_add (argv, NULL);

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      out = fdopen (out_fd, "r");
      while (seen < lines_before_kill && fgets (line, sizeof line, out) != NULL)
        seen++;
      /* a random moment inside the next file's import */
      g_usleep (g_rand_int_range (order, 0, 3000));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      fclose (out);
      if (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL)
        mid_import++;
      else if (!(WIFEXITED (status) && WEXITSTATUS (status) == 0))
        g_error ("child ended with status %d before it was killed", status);

      assert_only_whole_versions (path, versions);
    }
  g_test_message ("%u of %d kills during an import", mid_import, N_KILLS);
  g_assert_cmpuint (mid_import, >, N_KILLS / 2);

  /* nothing lost: importing them all now gives what a clean run gives */
  {
    g_autoptr (VerkStore) store = verk_store_new (path, &error);
    g_autofree char *after = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < files->len; i++)
      import_ok (store, files->pdata[i], NULL);
    after = dump (store);
    g_assert_cmpstr (after, ==, reference);
  }
}


/* tests/org-fixture's workshop files (the bench's: every third group with a
 * second round in each workshop) through the import's batches of files
 * read in place, in one call: in name order, reversed and shuffled the same
 * dump, every round score there; the files again change nothing. */
static void
test_org_fixture_any_order (void)
{
  const char *build = g_getenv ("VERKSTAD_BUILD_DIR");
  g_autofree char *fixture = g_build_filename (build != NULL ? build : ".", "tests", "org-fixture", NULL);
  g_autofree char *dir = scratch_path ("org-files");
  g_autofree char *source = scratch_path ("org-source.db");
  g_autofree char *source_rounds = NULL;
  g_autofree char *reference = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GRand) order = g_rand_new_with_seed (16);
  g_autoptr (GError) error = NULL;
  const char *argv[] = { fixture, source, "14", "3", dir, NULL };
  int status = -1;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  files = list_files (dir);
  g_assert_cmpuint (files->len, ==, 14);   /* more than a batch of files read in place */
  source_rounds = query_text (source, "SELECT count(*) FROM round_score");
  g_assert_cmpint (atoi (source_rounds), >, 0);

  for (guint run = 0; run < 3; run++)
    {
      g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
      g_autoptr (GPtrArray) ordered = g_ptr_array_new ();
      g_autoptr (GArray) workshops = NULL;
      g_autofree char *text = NULL;
      VerkImportReport report = { 0 };
      guint rounds = 0;

      for (guint i = 0; i < files->len; i++)
        g_ptr_array_add (ordered, files->pdata[run == 1 ? files->len - 1 - i : i]);
      for (guint i = ordered->len - 1; run == 2 && i > 0; i--)
        {
          guint j = g_rand_int_range (order, 0, i + 1);
          gpointer t = ordered->pdata[i];

          ordered->pdata[i] = ordered->pdata[j];
          ordered->pdata[j] = t;
        }
      g_assert_true (verk_store_import_files (store, (const char * const *) ordered->pdata, ordered->len, NULL, NULL,
                                              NULL, &report, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (report.files_read, ==, 14);
      g_assert_cmpuint (report.workshops_added, ==, 14 * 3);
      text = dump (store);
      if (run == 0)
        reference = g_strdup (text);
      g_assert_cmpstr (text, ==, reference);
      workshops = all_workshops (store);
      for (guint w = 0; w < workshops->len; w++)
        rounds += count_round_scores (store, g_array_index (workshops, gint64, w), NULL);
      g_assert_cmpuint (rounds, ==, (guint) atoi (source_rounds));

      /* again: nothing changes */
      memset (&report, 0, sizeof report);
      g_assert_true (verk_store_import_files (store, (const char * const *) ordered->pdata, ordered->len, NULL, NULL,
                                              NULL, &report, NULL, &error));
      g_assert_cmpuint (report.workshops_added + report.workshops_updated, ==, 0);
      g_assert_cmpuint (report.workshops_unchanged, ==, 14 * 3);
      g_free (text);
      text = dump (store);
      g_assert_cmpstr (text, ==, reference);
    }
}

/* A workshop file read in place (immutable, not locked) that changes while
 * it is read: the rows read are not imported, the file is checked and read
 * again. Another program replaces it with a newer version (a rename: a new
 * file under the name), or cuts it short in place; the import sees each
 * right after the file's rows were read (verk_exchange_after_read_in_place). */
static struct {
  const char *path;         /* the file being changed */
  const char *replacement;  /* renamed over it, or NULL */
  gsize       keep;         /* else: the bytes kept of it */
  guint       calls;
} changing;

static void
change_file_while_read (const char *path)
{
  if (g_strcmp0 (path, changing.path) != 0)
    return;
  changing.calls++;
  if (changing.replacement != NULL)
    g_assert_cmpint (g_rename (changing.replacement, path), ==, 0);
  else
    g_assert_cmpint (truncate (path, (off_t) changing.keep), ==, 0);
}

static void
test_file_changed_while_read (void)
{
  g_autofree char *dir = scratch_path ("changing");
  g_autofree char *path = g_build_filename (dir, "changing.verkstad", NULL);
  g_autofree char *older_copy = g_build_filename (dir, "older.copy", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.copy", NULL);
  g_autofree char *older_data = NULL;
  g_autofree char *older_dump = NULL;
  g_autofree char *newer_dump = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) origin = verk_store_new (":memory:", &error);
  gsize len = 0;
  gint64 group, ws;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  group = verk_store_add_group (origin, "Gruppen", "", &error);
  ws = make_workshop (origin, group, "2026-02-01", "older");
  export_group (origin, group, dir, "older.copy", VERK_EXCHANGE_DEFAULT);
  g_assert_true (g_file_get_contents (older_copy, &older_data, &len, NULL));
  g_usleep (2000);   /* the edit gets a later time than the export */
  g_assert_true (verk_store_set_agreed (origin, item_at (origin, ws, 1), 5, "newer", &error));
  g_assert_no_error (error);
  export_group (origin, group, dir, "newer.copy", VERK_EXCHANGE_DEFAULT);
  newer_dump = dump (origin);
  {
    g_autoptr (VerkStore) alone = verk_store_new (":memory:", &error);

    import_ok (alone, older_copy, NULL);
    older_dump = dump (alone);
    /* what the file held when it was opened is not what it holds after */
    g_assert_cmpstr (older_dump, !=, newer_dump);
  }
  verk_exchange_after_read_in_place = change_file_while_read;

  /* replaced with the newer version while it was read: the newer version */
  {
    g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
    VerkImportReport report = { 0 };
    g_autofree char *ours = NULL;

    g_assert_true (g_file_set_contents (path, older_data, len, NULL));
    changing.path = path;
    changing.replacement = newer;
    changing.calls = 0;
    import_ok (store, path, &report);
    g_assert_cmpuint (changing.calls, ==, 1);   /* read in place once, then the other way */
    g_assert_cmpuint (report.files_read, ==, 1);
    g_assert_cmpuint (report.files_refused, ==, 0);
    g_assert_cmpuint (report.workshops_added, ==, 1);
    ours = dump (store);
    g_assert_cmpstr (ours, ==, newer_dump);
  }

  /* cut short in place while it was read: refused, nothing of it imported */
  {
    g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
    g_autoptr (GError) refused = NULL;
    VerkImportReport report = { 0 };
    g_autofree char *before = dump (store);
    g_autofree char *after = NULL;

    g_assert_true (g_file_set_contents (path, older_data, len, NULL));
    changing.replacement = NULL;
    changing.keep = len - 4096;
    changing.calls = 0;
    g_assert_false (verk_store_import (store, path, &report, &refused));
    g_assert_cmpuint (changing.calls, ==, 1);
    g_assert_error (refused, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_DATABASE);
    g_assert_nonnull (strstr (refused->message, path));
    g_assert_cmpuint (report.files_read, ==, 0);
    g_assert_cmpuint (report.files_refused, ==, 1);
    after = dump (store);
    g_assert_cmpstr (after, ==, before);
  }
  verk_exchange_after_read_in_place = NULL;
  changing.path = NULL;
}

/* A newer version of a workshop replaces the whole of it: a deleted action
 * goes, a purged piece and its scores go, a new participant and score come,
 * a changed name changes; several workshops of one file at once (the merge
 * replaces a file's winners together); the older file afterwards changes
 * nothing. */
static void
test_newer_version_replaces_all (void)
{
  g_autofree char *dir = scratch_path ("replaces");
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) origin = verk_store_new (":memory:", &error);
  g_autoptr (VerkStore) other = verk_store_new (":memory:", &error);
  g_autoptr (GPtrArray) actions = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *ours = NULL;
  VerkImportReport report = { 0 };
  gint64 group, w1, w2, person;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  group = verk_store_add_group (origin, "Ersättarna", "", &error);
  w1 = make_workshop (origin, group, "2026-02-01", "r1");
  w2 = make_workshop (origin, group, "2026-03-01", "r2");
  export_group (origin, group, dir, "older.verkstad", VERK_EXCHANGE_DEFAULT);
  older = g_build_filename (dir, "older.verkstad", NULL);
  import_ok (other, older, &report);
  g_assert_cmpuint (report.workshops_added, ==, 2);

  g_usleep (2000);   /* the edits below get later times than the export */
  actions = verk_store_list_actions (origin, w1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, >, 0);
  g_assert_true (verk_store_remove_action (origin, ((VerkAction *) actions->pdata[0])->id, &error));
  g_assert_true (verk_store_remove_item (origin, item_at (origin, w1, 1), &error));
  g_assert_true (verk_store_purge_trash (origin, &error));
  person = verk_store_add_participant (origin, w2, "Ny person", &error);
  g_assert_no_error (error);
  g_assert_true (verk_store_set_score (origin, item_at (origin, w2, 0), person, 4, &error));
  g_assert_true (verk_store_set_agreed (origin, item_at (origin, w2, 1), 2, "newer", &error));
  g_assert_no_error (error);
  export_group (origin, group, dir, "newer.verkstad", VERK_EXCHANGE_DEFAULT);
  newer = g_build_filename (dir, "newer.verkstad", NULL);

  memset (&report, 0, sizeof report);
  import_ok (other, newer, &report);
  g_assert_cmpuint (report.workshops_updated, ==, 2);
  theirs = dump (origin);
  ours = dump (other);
  g_assert_cmpstr (theirs, ==, ours);

  memset (&report, 0, sizeof report);
  import_ok (other, older, &report);
  g_assert_cmpuint (report.workshops_unchanged, ==, 2);
  g_free (ours);
  ours = dump (other);
  g_assert_cmpstr (theirs, ==, ours);
}

/* The steps a file has nothing for are left out (verk-store-import.c,
 * Merge): files without tombstones, links or rounds between files with
 * them, in one batch. A follow-up comes first, its previous workshop and
 * the actions it carried in a later file without links of its own: its
 * links wait, and that file's merge sets them. A group's workshop comes,
 * then a file of the group with its tombstone: it goes, though the files
 * in between brought none. */
static void
test_steps_left_out (void)
{
  g_autofree char *dir = scratch_path ("steps-left-out");
  g_autofree char *path = scratch_path ("steps-left-out.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) origin = verk_store_new (":memory:", &error);
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *theirs = NULL;
  g_autofree char *ours = NULL;
  VerkImportReport report = { 0 };
  gint64 group, other, w1, w2, w3;
  const char * const names[] = { "a-purged-one.verkstad", "b-followup.verkstad", "c-first.verkstad",
                                 "d-purge.verkstad" };

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  group = verk_store_add_group (origin, "Väntarna", "", &error);
  w1 = make_workshop (origin, group, "2026-02-01", "wait");
  add_second_round (origin, w1, "wait-round");
  w2 = verk_store_add_followup (origin, w1, "2026-05-01", "Åsa", &error);
  g_assert_no_error (error);
  other = verk_store_add_group (origin, "Gallrade", "", &error);
  w3 = make_workshop (origin, other, "2026-03-01", "purged");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (files, g_build_filename (dir, names[i], NULL));
  g_assert_true (verk_store_export_workshops (origin, files->pdata[0], other, NULL, 0, "siq-sv", 0, &error));
  g_assert_true (verk_store_export_workshops (origin, files->pdata[1], 0, &w2, 1, "siq-sv", 0, &error));
  g_assert_true (verk_store_export_workshops (origin, files->pdata[2], 0, &w1, 1, "siq-sv", 0, &error));
  g_assert_true (verk_store_trash_workshop (origin, w3, &error));
  g_assert_true (verk_store_purge_trash (origin, &error));
  g_assert_true (verk_store_export_workshops (origin, files->pdata[3], other, NULL, 0, "siq-sv", 0, &error));
  g_assert_no_error (error);
  /* what each file holds */
  g_free (query_text (files->pdata[0], "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM tombstone)"
                                       " AND NOT EXISTS (SELECT 1 FROM exchange_link)"));
  g_free (query_text (files->pdata[1], "SELECT 1 WHERE EXISTS (SELECT 1 FROM exchange_link WHERE kind = 'previous')"
                                       " AND EXISTS (SELECT 1 FROM exchange_link WHERE kind = 'carried_from')"
                                       " AND NOT EXISTS (SELECT 1 FROM tombstone)"
                                       " AND NOT EXISTS (SELECT 1 FROM score_round)"));
  g_free (query_text (files->pdata[2], "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM exchange_link)"
                                       " AND NOT EXISTS (SELECT 1 FROM tombstone)"
                                       " AND EXISTS (SELECT 1 FROM score_round)"));
  g_free (query_text (files->pdata[3], "SELECT 1 WHERE EXISTS (SELECT 1 FROM tombstone)"
                                       " AND NOT EXISTS (SELECT 1 FROM workshop)"));

  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (verk_store_import_files (store, (const char * const *) files->pdata, files->len, NULL, NULL, NULL,
                                          &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.files_read, ==, 4);
  theirs = dump (origin);
  ours = dump (store);
  g_assert_cmpstr (theirs, ==, ours);
  g_assert_nonnull (strstr (ours, " previous "));
  g_assert_nonnull (strstr (ours, " carried_from "));
  g_assert_cmpuint (count_all_round_scores (store, "wait-round-0"), ==, 1);
  g_free (query_text (path, "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM exchange_pending)"
                            " AND (SELECT count(*) FROM workshop) = 2"
                            " AND EXISTS (SELECT 1 FROM tombstone)"));

  /* Here the follow-up's actions came first: their ids are smaller than
   * those of the actions they were carried from. In one file, each links
   * to an action inserted after it, in the same statement. */
  {
    g_autoptr (VerkStore) again = verk_store_new (":memory:", &error);
    g_autofree char *one = g_build_filename (dir, "e-one-file.verkstad", NULL);
    g_autofree char *third = NULL;
    gint64 mine = 0;

    g_free (query_text (path, "SELECT 1 WHERE (SELECT max (a.id) FROM action a JOIN workshop w ON w.id = a.workshop_id"
                              "                WHERE w.previous_id IS NOT NULL)"
                              "  < (SELECT min (a.id) FROM action a JOIN workshop w ON w.id = a.workshop_id"
                              "     WHERE w.previous_id IS NULL AND w.grp_id = (SELECT grp_id FROM workshop"
                              "                                                 WHERE previous_id IS NOT NULL))"));
    third = query_text (path, "SELECT grp_id FROM workshop WHERE previous_id IS NOT NULL");
    mine = g_ascii_strtoll (third, NULL, 10);
    g_assert_true (verk_store_export_workshops (store, one, mine, NULL, 0, "siq-sv", 0, &error));
    g_assert_no_error (error);
    g_free (query_text (one, "SELECT 1 WHERE EXISTS (SELECT 1 FROM action WHERE carried_from IS NOT NULL"
                             "                       AND carried_from > id)"));
    memset (&report, 0, sizeof report);
    import_ok (again, one, &report);
    g_assert_cmpuint (report.workshops_added, ==, 2);
    g_free (ours);
    g_free (theirs);
    ours = dump (again);
    theirs = dump (store);
    g_assert_cmpstr (strstr (theirs, "\nW "), ==, strstr (ours, "\nW "));
  }
}

/* A file of this version whose tables are not as Verkstad makes them (here
 * another program rebuilt the pieces' table with two text columns the
 * other way round): its rows are staged column by column, by name, not
 * whole records at a time (staging_copy()), and it imports as the file
 * Verkstad wrote does. */
static void
test_file_tables_not_as_made (void)
{
  g_autofree char *dir = scratch_path ("not-as-made");
  g_autofree char *made = NULL;
  g_autofree char *rebuilt = NULL;
  g_autofree char *data = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) origin = verk_store_new (":memory:", &error);
  g_autoptr (VerkStore) plain = verk_store_new (":memory:", &error);
  g_autoptr (VerkStore) other = verk_store_new (":memory:", &error);
  g_autofree char *theirs = NULL;
  g_autofree char *ours = NULL;
  VerkImportReport report = { 0 };
  gsize len;
  gint64 group, w1;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  group = verk_store_add_group (origin, "Ombyggda", "", &error);
  w1 = make_workshop (origin, group, "2026-02-01", "rebuilt");
  add_second_round (origin, w1, "rebuilt-round");
  g_assert_cmpint (verk_store_add_followup (origin, w1, "2026-05-01", "Åsa", &error), >, 0);
  g_assert_no_error (error);
  export_group (origin, group, dir, "made.verkstad", VERK_EXCHANGE_DEFAULT);
  made = g_build_filename (dir, "made.verkstad", NULL);
  rebuilt = g_build_filename (dir, "rebuilt.verkstad", NULL);
  g_assert_true (g_file_get_contents (made, &data, &len, NULL));
  g_assert_true (g_file_set_contents (rebuilt, data, len, NULL));
  test_sqlite_exec (rebuilt, "CREATE TABLE item_new (id INTEGER PRIMARY KEY, workshop_id INTEGER NOT NULL,"
                     "  framework TEXT NOT NULL, name TEXT NOT NULL, key TEXT,"
                     "  description TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL, removed_at TEXT, uuid TEXT);"
                     "INSERT INTO item_new (id, workshop_id, framework, name, key, description, position, removed_at, uuid)"
                     "  SELECT id, workshop_id, framework, name, key, description, position, removed_at, uuid FROM item;"
                     "DROP TABLE item; PRAGMA legacy_alter_table = ON;"
                     "ALTER TABLE item_new RENAME TO item;"
                     "VACUUM");
  g_free (query_text (rebuilt, "SELECT 1 WHERE (SELECT name FROM pragma_table_info ('item') WHERE cid = 3) = 'name'"
                               " AND (SELECT journal_mode FROM pragma_journal_mode) = 'delete'"));

  import_ok (plain, made, &report);
  memset (&report, 0, sizeof report);
  import_ok (other, rebuilt, &report);
  g_assert_cmpuint (report.workshops_added, ==, 2);
  theirs = dump (plain);
  ours = dump (other);
  g_assert_cmpstr (theirs, ==, ours);
  g_free (ours);
  ours = dump (origin);
  g_assert_cmpstr (theirs, ==, ours);
  g_assert_cmpuint (count_all_round_scores (other, "rebuilt-round-0"), ==, 1);
}

/* A follow-up whose previous workshop comes after it in the file's order
 * (its UUID sorts after the follow-up's: a migrated random one, here made
 * so): the follow-up is added first, without its link, and the link is set
 * once the file's workshops are in. */
static void
test_previous_later_in_file (void)
{
  g_autofree char *dir = scratch_path ("previous-later");
  g_autofree char *path = NULL;
  g_autofree char *link = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) origin = verk_store_new (":memory:", &error);
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autofree char *ours = NULL;
  VerkImportReport report = { 0 };
  gint64 group, w1;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  group = verk_store_add_group (origin, "Baklänges", "", &error);
  w1 = make_workshop (origin, group, "2026-02-01", "later");
  g_assert_cmpint (verk_store_add_followup (origin, w1, "2026-05-01", "Åsa", &error), >, 0);
  g_assert_no_error (error);
  export_group (origin, group, dir, "later.verkstad", VERK_EXCHANGE_DEFAULT);
  path = g_build_filename (dir, "later.verkstad", NULL);
  test_sqlite_exec (path, "UPDATE exchange_state SET importing = 1;"
                  "UPDATE exchange_link SET to_uuid = 'ffffffff-ffff-4fff-bfff-ffffffffffff'"
                  "  WHERE kind = 'previous' AND to_uuid = (SELECT uuid FROM workshop WHERE previous_id IS NULL);"
                  "UPDATE workshop SET uuid = 'ffffffff-ffff-4fff-bfff-ffffffffffff' WHERE previous_id IS NULL;"
                  "UPDATE exchange_state SET importing = 0");
  link = query_text (path, "SELECT from_uuid || ' previous ' || to_uuid FROM exchange_link WHERE kind = 'previous'");
  g_assert_cmpstr (link, <, "ffffffff");

  import_ok (store, path, &report);
  g_assert_cmpuint (report.workshops_added, ==, 2);
  ours = dump (store);
  g_assert_nonnull (strstr (ours, link));
}

/* ---- in a worker thread (the window's import) ---------------------------- */

typedef struct {
  GMainLoop        *loop;
  GCancellable     *cancellable;
  guint             cancel_after;     /* 0 = never */
  VerkStore        *edit_meanwhile;   /* adds a group through it during the import */
  gint64            edited_group;
  guint             last_done, total, n_progress;
  guint             changed;
  VerkImportReport  report;
  GPtrArray        *refusals;
  GError           *error;
  gboolean          wrong_thread;     /* progress told in another thread than the caller's */
} AsyncRun;

static void
async_progress (guint    done,
                guint    total,
                gpointer data)
{
  AsyncRun *run = data;

  /* told in the thread that started the import, in order */
  if (g_thread_self () != main_thread)
    {
      run->wrong_thread = TRUE;
      return;
    }
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_cmpuint (done, >=, run->last_done);
  g_assert_cmpuint (done, <=, total);
  run->last_done = done;
  run->total = total;
  run->n_progress++;
  if (run->cancel_after > 0 && done >= run->cancel_after)
    g_cancellable_cancel (run->cancellable);
  /* the window edits while the worker writes: it waits for the batch, within the busy timeout */
  if (run->edit_meanwhile != NULL && run->edited_group == 0 && done >= 2)
    {
      g_autoptr (GError) error = NULL;

      run->edited_group = verk_store_add_group (run->edit_meanwhile, "Edited meanwhile", "", &error);
      g_assert_no_error (error);
    }
}

static void
async_changed (VerkStore *store,
               int        kind,
               gint64     workshop_id,
               AsyncRun  *run)
{
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  run->changed++;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  AsyncRun *run = data;

  verk_store_import_finish (VERK_STORE (source), result, &run->report, &run->refusals, &run->error);
  g_main_loop_quit (run->loop);
}

static void
run_async_import (VerkStore  *store,
                  const char *path,
                  AsyncRun   *run)
{
  const char *paths[] = { path, NULL };
  gulong handler = g_signal_connect (store, "changed", G_CALLBACK (async_changed), run);

  run->loop = g_main_loop_new (NULL, FALSE);
  run->cancellable = g_cancellable_new ();
  verk_store_import_async (store, paths, run->cancellable, async_progress, run, NULL, async_done, run);
  g_main_loop_run (run->loop);
  g_signal_handler_disconnect (store, handler);
  g_main_loop_unref (run->loop);
  g_object_unref (run->cancellable);
}

/* In a subprocess: another program opens the database and closes it. If it
 * could take the whole SHARED range it would believe it is the last
 * connection and checkpoint and delete the WAL the store still writes to. */
static void
open_and_close_elsewhere (const char *path)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "SELECT count(*) FROM grp", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* The window's import: a folder in a worker thread with its own connection.
 * Progress and ::changed come in the main thread; the result is what the
 * same files give imported in the store itself; the store keeps its locks
 * (another process closing the file leaves its WAL) and its connection
 * works on. */
static gint64
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

static void
test_import_async (void)
{
  const char *dir = laptop_files ();
  g_autoptr (GPtrArray) files = list_files (dir);
  g_autofree char *path = scratch_path ("async.db");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *reference = import_in_order (files, NULL);
  g_autofree char *imported = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (path, &error);
  AsyncRun run = { 0 };

  g_assert_no_error (error);
  run_async_import (store, dir, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.refusals->len, ==, 0);
  g_assert_cmpuint (run.report.files_read, ==, files->len);
  g_assert_cmpuint (run.report.workshops_added, >, 0);
  g_assert_cmpuint (run.last_done, ==, files->len);
  g_assert_cmpuint (run.total, ==, files->len);
  g_assert_cmpuint (run.changed, ==, 1);
  imported = dump (store);
  g_assert_cmpstr (imported, ==, reference);
  g_ptr_array_unref (run.refusals);
  /* the worker's log was truncated (test_import_truncates_wal) */
  g_assert_cmpint (file_size (wal), ==, 0);

  /* the store's own locks are still held after the worker's connection closed */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_setenv ("VERK_TEST_OPEN_AND_CLOSE", path, TRUE);
  g_test_trap_subprocess ("/store-exchange/import-async/open-and-close", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_unsetenv ("VERK_TEST_OPEN_AND_CLOSE");
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  {
    gint64 group = verk_store_add_group (store, "After the import", "", &error);
    g_autofree char *name = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (group, >, 0);
    name = query_text (path, "SELECT name FROM grp WHERE name = 'After the import'");
    g_assert_cmpstr (name, ==, "After the import");
  }

  /* the same folder again: nothing changes; an edit of the store meanwhile
   * is saved, and is its own change to announce */
  memset (&run, 0, sizeof run);
  run.edit_meanwhile = store;
  run_async_import (store, dir, &run);
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.report.workshops_added + run.report.workshops_updated, ==, 0);
  g_assert_cmpint (run.edited_group, >, 0);
  g_assert_cmpuint (run.changed, ==, 1);
  {
    g_autofree char *name = query_text (path, "SELECT name FROM grp WHERE name = 'Edited meanwhile'");
    g_assert_cmpstr (name, ==, "Edited meanwhile");
  }
  g_ptr_array_unref (run.refusals);
}

/* The store at @path with today's backup gone and its last one made
 * "yesterday", as when the window was left open over night; returns the
 * path of today's backup. */
static char *
store_backed_up_yesterday (VerkStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) backups = verk_store_list_backups (store, &error);
  char *today_backup;

  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  today_backup = g_strdup (((VerkBackup *) backups->pdata[0])->path);
  g_assert_cmpint (g_unlink (today_backup), ==, 0);
  g_free (store->backup_day);
  store->backup_day = g_strdup ("2000-01-01");
  return today_backup;
}

/* A database opened yesterday gets today's backup before an import writes
 * to it (directly and in the window's worker thread): the backup holds the
 * database as it was before the import. */
/* After an import the write-ahead log is written into the database and
 * truncated, not left at the size the import made it (up to 32 MB) while
 * the store stays open. */
static void
test_import_truncates_wal (void)
{
  g_autoptr (GPtrArray) files = list_files (laptop_files ());
  g_autofree char *path = scratch_path ("truncated-wal.db");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (path, &error);
  VerkImportReport report = { 0 };

  g_assert_no_error (error);
  import_ok (store, files->pdata[0], &report);
  g_assert_cmpuint (report.workshops_added, >, 0);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (file_size (wal), ==, 0);
  g_free (query_text (path, "SELECT 1 WHERE (SELECT count(*) FROM workshop) > 0"));
  /* the store goes on writing */
  g_assert_cmpint (verk_store_add_group (store, "Efter importen", "", &error), >, 0);
  g_assert_no_error (error);
}

static void
test_backup_before_import (void)
{
  const char *dir = laptop_files ();
  g_autofree char *path = scratch_path ("backup-before.db");
  g_autofree char *async_path = scratch_path ("backup-before-async.db");
  g_autoptr (GPtrArray) files = list_files (dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autofree char *today_backup = NULL;

  /* a database with one group of its own, opened again (a day's first
   * opening takes the backup that is then removed) */
  for (guint which = 0; which < 2; which++)
    {
      const char *db = which == 0 ? path : async_path;
      g_autoptr (VerkStore) made = verk_store_new (db, &error);
      g_assert_no_error (error);
      verk_store_add_group (made, "Egen grupp", "", &error);
      g_assert_no_error (error);
    }

  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  today_backup = store_backed_up_yesterday (store);
  import_ok (store, files->pdata[0], NULL);
  g_assert_true (g_file_test (today_backup, G_FILE_TEST_EXISTS));
  g_free (query_text (today_backup, "SELECT 1 WHERE (SELECT count(*) FROM grp) = 1"
                                    " AND (SELECT count(*) FROM workshop) = 0"));
  g_free (query_text (path, "SELECT 1 WHERE (SELECT count(*) FROM workshop) > 0"));
  /* once a day: the next import leaves it as it is */
  {
    g_autofree char *before = file_checksum (today_backup);
    g_autofree char *after = NULL;

    import_ok (store, files->pdata[1], NULL);
    after = file_checksum (today_backup);
    g_assert_cmpstr (before, ==, after);
  }
  g_clear_object (&store);
  g_clear_pointer (&today_backup, g_free);

  /* the window's import, in its worker */
  store = verk_store_new (async_path, &error);
  g_assert_no_error (error);
  today_backup = store_backed_up_yesterday (store);
  {
    AsyncRun run = { 0 };

    run_async_import (store, files->pdata[0], &run);
    g_assert_no_error (run.error);
    g_assert_cmpuint (run.report.workshops_added, >, 0);
    g_ptr_array_unref (run.refusals);
  }
  g_assert_true (g_file_test (today_backup, G_FILE_TEST_EXISTS));
  g_free (query_text (today_backup, "SELECT 1 WHERE (SELECT count(*) FROM grp) = 1"
                                    " AND (SELECT count(*) FROM workshop) = 0"));
}

/* The caller has not run its main loop yet while the worker imports (nobody
 * owns the main context): the progress still waits for it, in its thread,
 * never called in the worker in the middle of a batch. */
static void
test_import_async_before_loop (void)
{
  const char *dir = laptop_files ();
  g_autoptr (GPtrArray) files = list_files (dir);
  g_autofree char *path = scratch_path ("async-before-loop.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (path, &error);
  const char *paths[] = { dir, NULL };
  AsyncRun run = { 0 };

  g_assert_no_error (error);
  run.loop = g_main_loop_new (NULL, FALSE);
  verk_store_import_async (store, paths, NULL, async_progress, &run, NULL, async_done, &run);
  /* the whole import done in the file before the loop runs */
  while (TRUE)
    {
      g_autofree char *groups = query_text (path, "SELECT count(*) FROM grp");
      if (atoi (groups) == N_LAPTOPS)
        break;
      g_usleep (1000);
    }
  g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);
  g_assert_no_error (run.error);
  g_assert_false (run.wrong_thread);
  g_assert_cmpuint (run.last_done, ==, files->len);
  g_ptr_array_unref (run.refusals);
}

static void
test_open_and_close (void)
{
  if (g_test_subprocess ())
    open_and_close_elsewhere (g_getenv ("VERK_TEST_OPEN_AND_CLOSE"));
}

/* Cancel after a few files: the import stops between two files; what was
 * imported is exactly what the first files give (each workshop whole), and
 * the report counts those. A folder with a damaged file: the refusal names
 * it and the others come in. */
static void
test_import_async_cancel (void)
{
  const char *dir = laptop_files ();
  /* in the order the import takes them: by name */
  g_autoptr (GPtrArray) files = verk_store_list_import_files (dir, NULL);
  g_autoptr (GPtrArray) first = g_ptr_array_new ();
  g_autofree char *path = scratch_path ("async-cancel.db");
  g_autofree char *reference = NULL;
  g_autofree char *imported = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (path, &error);
  AsyncRun run = { 0 };

  g_assert_no_error (error);
  /* slow enough that the cancel comes long before the last file */
  g_setenv ("VERKSTAD_TEST_IMPORT_FILE_DELAY_MS", "20", TRUE);
  run.cancel_after = 3;
  run_async_import (store, dir, &run);
  g_unsetenv ("VERKSTAD_TEST_IMPORT_FILE_DELAY_MS");
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (run.report.files_read, >=, 3);
  g_assert_cmpuint (run.report.files_read, <, files->len);
  g_assert_cmpuint (run.changed, ==, 1);
  for (guint i = 0; i < run.report.files_read; i++)
    g_ptr_array_add (first, files->pdata[i]);
  reference = import_in_order (first, NULL);
  imported = dump (store);
  g_assert_cmpstr (imported, ==, reference);
  g_clear_error (&run.error);
  g_ptr_array_unref (run.refusals);

  /* a damaged file among good ones */
  {
    g_autofree char *mixed = scratch_path ("async-mixed");
    g_autofree char *bad = g_build_filename (mixed, "a-damaged.verkstad", NULL);
    g_autofree char *good = g_build_filename (mixed, "b-good.verkstad", NULL);
    g_autofree char *data = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    gsize len = 0;

    g_assert_cmpint (g_mkdir (mixed, 0700), ==, 0);
    g_assert_true (g_file_get_contents (files->pdata[files->len - 1], &data, &len, NULL));
    g_assert_true (g_file_set_contents (good, data, len, NULL));
    memset (data + 100, 0xff, MIN (len - 100, 3000));
    g_assert_true (g_file_set_contents (bad, data, len, NULL));
    before = file_checksum (bad);
    memset (&run, 0, sizeof run);
    run_async_import (store, mixed, &run);
    g_assert_no_error (run.error);
    g_assert_cmpuint (run.refusals->len, ==, 1);
    g_assert_cmpuint (run.report.files_refused, ==, 1);
    g_assert_cmpuint (run.report.files_read, ==, 1);
    g_assert_nonnull (strstr (((GError *) run.refusals->pdata[0])->message, "a-damaged.verkstad"));
    after = file_checksum (bad);
    g_assert_cmpstr (before, ==, after);
    g_ptr_array_unref (run.refusals);
  }
}

/* ---- the command line --------------------------------------------------- */

/* --export-workshops reads the database without writing beside it;
 * --import brings the file into another; a damaged file: exit 1, named. */
static void
test_command_line (void)
{
  g_autofree char *a = scratch_path ("cli-a.db");
  g_autofree char *b = scratch_path ("cli-b.db");
  g_autofree char *file = scratch_path ("cli.verkstad");
  g_autofree char *bad = scratch_path ("cli-bad.verkstad");
  g_autoptr (GError) error = NULL;
  g_autofree char *group_arg = NULL;
  g_autofree char *a_sum = NULL;
  g_autofree char *a_sum_after = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *ours = NULL;
  gint64 group;

  {
    g_autoptr (VerkStore) store = verk_store_new (a, &error);
    g_assert_no_error (error);
    group = verk_store_add_group (store, "Kommandogruppen", "", &error);
    make_workshop (store, group, "2026-02-01", "cli");
    theirs = dump (store);
  }
  {
    g_autoptr (VerkStore) store = verk_store_new (b, &error);
    g_assert_no_error (error);
  }
  group_arg = g_strdup_printf ("%" G_GINT64_FORMAT, group);
  a_sum = file_checksum (a);

  {
    const char * const args[] = { "--db", a, "--export-workshops", file, "--group", group_arg, NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_autofree char *wal = g_strconcat (a, "-wal", NULL);

    g_assert_cmpint (test_cli_run (args, FALSE, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Saved the workshop file"));
    a_sum_after = file_checksum (a);
    g_assert_cmpstr (a_sum, ==, a_sum_after);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  {
    const char * const args[] = { "--db", b, "--import", file, NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_autoptr (VerkStore) store = NULL;

    g_assert_cmpint (test_cli_run (args, FALSE, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Imported 1 of 1 files: 1 workshops added"));
    store = verk_store_new (b, &error);
    g_assert_no_error (error);
    ours = dump (store);
    g_assert_cmpstr (theirs, ==, ours);
  }
  {
    const char * const args[] = { "--db", b, "--import", bad, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_true (g_file_set_contents (bad, "inte en workshopfil", -1, NULL));
    g_assert_cmpint (test_cli_run (args, FALSE, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "is not a Verkstad workshop file"));
    g_assert_nonnull (strstr (err, bad));
  }
  {
    const char * const args[] = { "--db", a, "--export-workshops", file, NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (test_cli_run (args, FALSE, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "--group ID or --workshop ID"));
  }
}


/* ---- the organisation view's data ---------------------------------------- */

/* A workshop of @group on @date with @n_people participants and these
 * agreed scores on cooperation and trust (0 = none), plus a custom piece. */
static gint64
org_workshop (VerkStore  *store,
              gint64      group,
              const char *date,
              guint       n_people,
              int         cooperation,
              int         trust)
{
  g_autoptr (GError) error = NULL;
  gint64 ws = verk_store_add_workshop (store, group, date, "", &error);
  gint64 coop = verk_store_add_item (store, ws, "siq", "siq.cooperation", "Samverkan", "", &error);
  gint64 tr = verk_store_add_item (store, ws, "siq", "siq.trust", "Tillit", "", &error);
  gint64 custom = verk_store_add_item (store, ws, "siq", NULL, "Egen", "", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n_people; i++)
    verk_store_add_participant (store, ws, "", &error);
  if (cooperation > 0)
    verk_store_set_agreed (store, coop, cooperation, "", &error);
  if (trust > 0)
    verk_store_set_agreed (store, tr, trust, "", &error);
  verk_store_set_agreed (store, custom, 1, "", &error);
  g_assert_no_error (error);
  return ws;
}

static VerkOrgGroup *
org_group (VerkOrgMatrix *matrix,
           const char    *name)
{
  for (guint g = 0; g < matrix->groups->len; g++)
    if (g_str_equal (((VerkOrgGroup *) matrix->groups->pdata[g])->name, name))
      return matrix->groups->pdata[g];
  return NULL;
}

static void
test_organisation (void)
{
  static const char * const keys[] = { "siq.cooperation", "siq.trust", "siq.courage", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (VerkOrgMatrix) all = NULL;
  g_autoptr (VerkOrgMatrix) open_to_all = NULL;
  g_autoptr (VerkOrgMatrix) school = NULL;
  g_autoptr (VerkOrgMatrix) year_2025 = NULL;
  VerkOrgGroup *a, *b, *c;
  gint64 ga, gb, gc, gd, trashed;

  ga = verk_store_add_group (store, "Alfa", "Omsorg", &error);
  gb = verk_store_add_group (store, "Beta", "Omsorg", &error);
  gc = verk_store_add_group (store, "Gamma", "Skola", &error);
  gd = verk_store_add_group (store, "Delta", "Skola", &error);
  g_assert_no_error (error);
  org_workshop (store, ga, "2025-03-01", 5, 3, 2);
  org_workshop (store, ga, "2026-03-01", 4, 5, 0);
  trashed = org_workshop (store, ga, "2026-06-01", 6, 1, 1);
  g_assert_true (verk_store_trash_workshop (store, trashed, &error));
  org_workshop (store, gb, "2026-02-01", 2, 1, 1);      /* two people: below a threshold of 3 */
  org_workshop (store, gc, "2026-04-01", 3, 2, 4);
  (void) gd;                                           /* no workshop: not listed */

  all = verk_store_get_organisation (store, keys, NULL, 0, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->n_keys, ==, 3);
  g_assert_cmpuint (all->groups->len, ==, 3);
  a = org_group (all, "Alfa");
  b = org_group (all, "Beta");
  c = org_group (all, "Gamma");
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_nonnull (c);
  g_assert_null (org_group (all, "Delta"));

  /* Alfa: two workshops (the trashed one left out), mean 4 and 2 */
  g_assert_cmpuint (a->n_workshops, ==, 2);
  g_assert_cmpuint (a->group_size, ==, 5);
  g_assert_false (a->hidden);
  g_assert_cmpfloat_with_epsilon (a->agreed[0], 4.0, 1e-9);
  g_assert_cmpuint (a->n_agreed[0], ==, 2);
  g_assert_cmpfloat_with_epsilon (a->agreed[1], 2.0, 1e-9);
  g_assert_cmpuint (a->n_agreed[1], ==, 1);
  g_assert_true (isnan (a->agreed[2]));
  g_assert_cmpuint (a->n_agreed[2], ==, 0);

  /* Beta is below the threshold: no score, no count, not in the mean */
  g_assert_true (b->hidden);
  g_assert_cmpuint (b->group_size, ==, 2);
  for (guint k = 0; k < 3; k++)
    {
      g_assert_true (isnan (b->agreed[k]));
      g_assert_true (isnan (b->difference[k]));
      g_assert_cmpuint (b->n_agreed[k], ==, 0);
    }
  g_assert_cmpfloat_with_epsilon (all->mean[0], (4.0 + 2.0) / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (all->mean[1], (2.0 + 4.0) / 2, 1e-9);
  g_assert_true (isnan (all->mean[2]));
  g_assert_cmpfloat_with_epsilon (a->difference[0], 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (c->difference[0], -1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (c->difference[1], 1.0, 1e-9);

  /* with no threshold Beta counts */
  open_to_all = verk_store_get_organisation (store, keys, NULL, 0, 0, &error);
  b = org_group (open_to_all, "Beta");
  g_assert_false (b->hidden);
  g_assert_cmpfloat_with_epsilon (b->agreed[0], 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (open_to_all->mean[0], (4.0 + 1.0 + 2.0) / 3, 1e-9);

  /* filters: a unit, a year */
  school = verk_store_get_organisation (store, keys, "Skola", 0, 3, &error);
  g_assert_cmpuint (school->groups->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (school->mean[0], 2.0, 1e-9);
  year_2025 = verk_store_get_organisation (store, keys, NULL, 2025, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (year_2025->groups->len, ==, 1);
  a = org_group (year_2025, "Alfa");
  g_assert_cmpfloat_with_epsilon (a->agreed[0], 3.0, 1e-9);
  g_assert_cmpuint (a->n_workshops, ==, 1);
}

static gint64
org_action (VerkStore        *store,
            gint64            workshop,
            VerkActionStatus  status)
{
  g_autoptr (GError) error = NULL;
  VerkAction action = { .workshop_id = workshop, .what = (char *) "Gör", .owner = (char *) "",
                        .followup = (char *) "", .status = status };
  gint64 id = verk_store_add_action (store, &action, &error);

  g_assert_no_error (error);
  return id;
}

/* Actions count once their workshop was followed up, with the status the
 * follow-up gave them; per group, per unit; the trend by year; the filters. */
static void
test_organisation_trend_and_actions (void)
{
  static const char * const keys[] = { "siq.cooperation", "siq.trust", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (VerkOrgMatrix) matrix = NULL;
  g_autoptr (VerkOrgMatrix) year_2026 = NULL;
  g_autoptr (GPtrArray) carried = NULL;
  g_auto (GStrv) units = NULL;
  g_autoptr (GArray) years = NULL;
  VerkOrgGroup *a, *b, *c;
  VerkOrgUnit *omsorg, *skola;
  gint64 ga, gb, gc, first, followup, last;

  ga = verk_store_add_group (store, "Alfa", "Omsorg", &error);
  gb = verk_store_add_group (store, "Beta", "Omsorg", &error);
  gc = verk_store_add_group (store, "Gamma", "Skola", &error);
  g_assert_no_error (error);

  /* Alfa: four actions in 2025; two done by the follow-up (one set done
   * there on its carried copy), one dropped, one left open. One action in
   * the follow-up itself, not followed up yet: not counted. */
  first = org_workshop (store, ga, "2025-03-01", 5, 3, 2);
  org_action (store, first, VERK_ACTION_DONE);
  org_action (store, first, VERK_ACTION_OPEN);
  org_action (store, first, VERK_ACTION_DROPPED);
  org_action (store, first, VERK_ACTION_IN_PROGRESS);
  followup = verk_store_add_followup (store, first, "2026-03-01", "", &error);
  g_assert_no_error (error);
  carried = verk_store_list_actions (store, followup, &error);
  g_assert_cmpuint (carried->len, ==, 2);      /* the open and the in-progress one */
  {
    VerkAction *copy = g_ptr_array_index (carried, 0);
    copy->status = VERK_ACTION_DONE;
    g_assert_true (verk_store_update_action (store, copy, &error));
  }
  org_action (store, followup, VERK_ACTION_DONE);
  {
    g_autoptr (GPtrArray) items = verk_store_list_items (store, followup, "siq", &error);
    for (guint i = 0; i < items->len; i++)
      {
        VerkItem *item = g_ptr_array_index (items, i);
        if (g_strcmp0 (item->key, "siq.cooperation") == 0)
          verk_store_set_agreed (store, item->id, 5, "", &error);
      }
    for (guint i = 0; i < 5; i++)
      verk_store_add_participant (store, followup, "", &error);
    g_assert_no_error (error);
  }

  /* Beta: two people, below the threshold: its actions count nowhere. */
  last = org_workshop (store, gb, "2025-05-01", 2, 1, 1);
  org_action (store, last, VERK_ACTION_DONE);
  verk_store_add_followup (store, last, "2026-05-01", "", &error);
  g_assert_no_error (error);

  /* Gamma: one done of one, in 2026; scores 2 and 4 in 2026. */
  last = org_workshop (store, gc, "2026-01-10", 4, 2, 4);
  org_action (store, last, VERK_ACTION_DONE);
  verk_store_add_followup (store, last, "2026-09-01", "", &error);
  g_assert_no_error (error);

  matrix = verk_store_get_organisation (store, keys, NULL, 0, 3, &error);
  g_assert_no_error (error);
  a = org_group (matrix, "Alfa");
  b = org_group (matrix, "Beta");
  c = org_group (matrix, "Gamma");
  g_assert_cmpuint (a->n_followed_up, ==, 4);
  g_assert_cmpuint (a->n_done, ==, 2);
  g_assert_cmpfloat_with_epsilon (a->done_share, 0.5, 1e-9);
  g_assert_true (b->hidden);
  g_assert_cmpuint (b->n_followed_up, ==, 0);
  g_assert_true (isnan (b->done_share));
  g_assert_cmpuint (c->n_followed_up, ==, 1);
  g_assert_cmpfloat_with_epsilon (c->done_share, 1.0, 1e-9);

  g_assert_cmpuint (matrix->units->len, ==, 2);
  omsorg = matrix->units->pdata[0];
  skola = matrix->units->pdata[1];
  g_assert_cmpstr (omsorg->name, ==, "Omsorg");
  g_assert_cmpuint (omsorg->n_groups, ==, 2);
  g_assert_cmpuint (omsorg->n_followed_up, ==, 4);   /* Beta's hidden action left out */
  g_assert_cmpfloat_with_epsilon (omsorg->done_share, 0.5, 1e-9);
  g_assert_cmpstr (skola->name, ==, "Skola");
  g_assert_cmpfloat_with_epsilon (skola->done_share, 1.0, 1e-9);

  /* The trend: 2025 only Alfa (3, 2; Beta hidden), 2026 Alfa's 5 and
   * Gamma's 2 on cooperation, Gamma's 4 on trust. */
  g_assert_cmpuint (matrix->n_years, ==, 2);
  g_assert_cmpint (matrix->years[0], ==, 2025);
  g_assert_cmpint (matrix->years[1], ==, 2026);
  g_assert_cmpfloat_with_epsilon (matrix->trend[0 * 2 + 0], 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (matrix->trend[0 * 2 + 1], 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (matrix->trend[1 * 2 + 0], (5.0 + 2.0) / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (matrix->trend[1 * 2 + 1], 4.0, 1e-9);

  /* A year's filter: Alfa's 2026 follow-up had its own action, never
   * followed up; only that year in the trend. */
  year_2026 = verk_store_get_organisation (store, keys, NULL, 2026, 3, &error);
  g_assert_no_error (error);
  a = org_group (year_2026, "Alfa");
  g_assert_cmpuint (a->n_followed_up, ==, 0);
  g_assert_true (isnan (a->done_share));
  g_assert_cmpuint (year_2026->n_years, ==, 1);
  g_assert_cmpint (year_2026->years[0], ==, 2026);

  g_assert_true (verk_store_list_organisation_filters (store, &units, &years, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (units), ==, 2);
  g_assert_cmpstr (units[0], ==, "Omsorg");
  g_assert_cmpstr (units[1], ==, "Skola");
  g_assert_cmpuint (years->len, ==, 2);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2025);
  g_assert_cmpint (g_array_index (years, int, 1), ==, 2026);
}

int
main (int argc, char **argv)
{
  int result;

  if (argc >= 3 && strcmp (argv[1], "--import-child") == 0)
    return import_child_main (argc, argv);

  self_exe = g_canonicalize_filename (argv[0], NULL);
  main_thread = g_thread_self ();
  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("verk-exchange-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/store-exchange/migration-gives-uuids", test_migration_gives_uuids);
  g_test_add_func ("/store-exchange/newer-database-untouched", test_newer_database_untouched);
  g_test_add_func ("/store-exchange/old-read-only-not-exported", test_old_read_only_not_exported);
  g_test_add_func ("/store-exchange/round-trip", test_round_trip);
  g_test_add_func ("/store-exchange/new-uuids-v7", test_new_uuids_v7);
  g_test_add_func ("/store-exchange/v4-and-v7-meet", test_v4_and_v7_meet);
  g_test_add_func ("/store-exchange/aggregates-only", test_aggregates_only);
  g_test_add_func ("/store-exchange/refused-files", test_refused_files);
  g_test_add_func ("/store-exchange/file-without-rounds", test_file_without_rounds);
  g_test_add_func ("/store-exchange/file-without-identities", test_file_without_identities);
  g_test_add_func ("/store-exchange/laptops-any-order", test_laptops_any_order);
  g_test_add_func ("/store-exchange/kill-during-import", test_kill_during_import);
  g_test_add_func ("/store-exchange/newer-version-replaces-all", test_newer_version_replaces_all);
  g_test_add_func ("/store-exchange/steps-left-out", test_steps_left_out);
  g_test_add_func ("/store-exchange/file-tables-not-as-made", test_file_tables_not_as_made);
  g_test_add_func ("/store-exchange/previous-later-in-file", test_previous_later_in_file);
  g_test_add_func ("/store-exchange/file-changed-while-read", test_file_changed_while_read);
  g_test_add_func ("/store-exchange/org-fixture-any-order", test_org_fixture_any_order);
  g_test_add_func ("/store-exchange/import-async", test_import_async);
  g_test_add_func ("/store-exchange/import-async/open-and-close", test_open_and_close);
  g_test_add_func ("/store-exchange/import-async-cancel", test_import_async_cancel);
  g_test_add_func ("/store-exchange/import-async/before-loop", test_import_async_before_loop);
  g_test_add_func ("/store-exchange/backup-before-import", test_backup_before_import);
  g_test_add_func ("/store-exchange/import-truncates-wal", test_import_truncates_wal);
  g_test_add_func ("/store-exchange/command-line", test_command_line);
  g_test_add_func ("/store-exchange/organisation", test_organisation);
  g_test_add_func ("/store-exchange/organisation-trend-and-actions", test_organisation_trend_and_actions);

  result = g_test_run ();
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", tmp_dir);
  g_assert_cmpint (system (rm), ==, 0);
  return result;
}
