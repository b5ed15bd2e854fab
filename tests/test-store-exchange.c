/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Stable identities and workshop files (docs/STORAGE.md, "Workshop files"):
 * an older database gets a UUID on every row after its backup; new rows and
 * a follow-up's copies get new ones; edits move their workshop's time. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "verk-store.h"
#include "verk-store-private.h"

static char *tmp_dir;

static char *
scratch_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static char *
checksum_of (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
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

/* A lower-case version 4 UUID: 8-4-4-4-12 hex digits, "4" and 8/9/a/b where
 * RFC 4122 puts the version and the variant. */
static gboolean
is_uuid_v4 (const char *text)
{
  static const char pattern[] = "xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx";

  if (text == NULL || strlen (text) != sizeof pattern - 1)
    return FALSE;
  for (gsize i = 0; pattern[i] != '\0'; i++)
    {
      char c = text[i];
      if (pattern[i] == 'x' && !(g_ascii_isdigit (c) || (c >= 'a' && c <= 'f')))
        return FALSE;
      if (pattern[i] == 'V' && strchr ("89ab", c) == NULL)
        return FALSE;
      if ((pattern[i] == '-' || pattern[i] == '4') && c != pattern[i])
        return FALSE;
    }
  return TRUE;
}

/* Every uuid in the database at @path: valid, and no two alike. Returns how many. */
static guint
assert_uuids_valid_and_distinct (const char *path)
{
  static const char * const tables[] = { "grp", "workshop", "item", "participant", "score", "action" };
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT uuid FROM %s", tables[t]);
      g_autoptr (GPtrArray) uuids = query_texts (path, sql);

      for (guint i = 0; i < uuids->len; i++)
        {
          if (!is_uuid_v4 (uuids->pdata[i]))
            g_error ("%s row %u has no valid uuid: %s", tables[t], i, (char *) uuids->pdata[i]);
          g_assert_true (g_hash_table_add (seen, g_strdup (uuids->pdata[i])));
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
  guint n_uuids;

  g_assert_cmpint (verk_store_schema_version (), ==, 4);
  raw_exec (path, v3_database);
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
  n_uuids = assert_uuids_valid_and_distinct (path);
  g_assert_cmpuint (n_uuids, ==, 3 + 4 + 5 + 5 + 4 + 3);
  g_free (query_text (path, "SELECT 1 WHERE (SELECT count(*) FROM grp WHERE modified_at IS NULL)"
                      " + (SELECT count(*) FROM workshop WHERE modified_at IS NULL) = 0"));

  /* the copy of item 4 is a new row with its own uuid, not item 4's */
  sql = g_strdup_printf ("SELECT count(*) FROM item a, item b WHERE a.id = 4 AND b.workshop_id = %"
                         G_GINT64_FORMAT " AND b.key = a.key AND b.uuid <> a.uuid", followup);
  first_copy = query_text (path, sql);
  g_assert_cmpstr (first_copy, ==, "1");

  /* a score in workshop 2 moves workshop 2's time and no other's */
  raw_exec (path, "UPDATE workshop SET modified_at = '2000-01-01T00:00:00.000Z'");
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

/* A database from a newer Verkstad is refused, byte for byte untouched. */
static void
test_newer_database_untouched (void)
{
  g_autofree char *path = scratch_path ("v99.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autofree char *sum_before = NULL;
  g_autofree char *sum_after = NULL;

  raw_exec (path, v3_database);
  raw_exec (path, "PRAGMA user_version = 99");
  sum_before = checksum_of (path);
  store = verk_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_TOO_NEW);
  sum_after = checksum_of (path);
  g_assert_cmpstr (sum_before, ==, sum_after);
}

int
main (int argc, char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("verk-exchange-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/store-exchange/migration-gives-uuids", test_migration_gives_uuids);
  g_test_add_func ("/store-exchange/newer-database-untouched", test_newer_database_untouched);

  result = g_test_run ();
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", tmp_dir);
  g_assert_cmpint (system (rm), ==, 0);
  return result;
}
