/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's operations and round-trips: CRUD on every record, the changed
 * signal, follow-up copying, trash and restore, ordering, and bad input. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "verk-store.h"
#include "verk-store-private.h"   /* to read the connection's own settings */
#include "verk-text.h"

typedef struct {
  char      *dir;
  char      *path;
  VerkStore *store;
  GArray    *changes;   /* pairs of gint64: kind, workshop id */
} Fixture;

static void
on_changed (VerkStore *store,
            int        kind,
            gint64     workshop_id,
            Fixture   *f)
{
  gint64 pair[2] = { kind, workshop_id };

  g_array_append_vals (f->changes, pair, 2);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("verk-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = verk_store_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
  f->changes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), f);
}

static void
remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_array_unref (f->changes);
}

/* The last change announced, as "kind:workshop". */
static void
assert_last_change (Fixture    *f,
                    VerkChange  kind,
                    gint64      workshop_id)
{
  g_assert_cmpuint (f->changes->len, >=, 2);
  g_assert_cmpint (g_array_index (f->changes, gint64, f->changes->len - 2), ==, kind);
  g_assert_cmpint (g_array_index (f->changes, gint64, f->changes->len - 1), ==, workshop_id);
}

static gint64
make_workshop (Fixture *f,
               gint64  *group_out)
{
  g_autoptr (GError) error = NULL;
  gint64 group = verk_store_add_group (f->store, "Ledningsgruppen", "Förvaltning", &error);
  gint64 ws;

  g_assert_no_error (error);
  ws = verk_store_add_workshop (f->store, group, "2026-03-14", "Åsa", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ws, >, 0);
  if (group_out != NULL)
    *group_out = group;
  return ws;
}

static void
test_new_file_settings (Fixture       *f,
                        gconstpointer  data)
{
  GStatBuf st;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* SQLite gives its -wal and -shm the database's mode: private too. */
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
    g_assert_cmpint (g_stat (wal, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_cmpint (g_stat (shm, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  g_assert_cmpstr (verk_store_get_path (f->store), ==, f->path);

  /* A second connection sees the marks a Verkstad file carries. */
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT * FROM pragma_application_id, pragma_user_version,"
                                       " pragma_journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0x5645524B);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), >=, 2);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* The store's own connection: every commit synced, foreign keys on, a busy
   * timeout (the durability choices in docs/STORAGE.md). */
  g_assert_cmpint (sqlite3_prepare_v2 (f->store->db, "SELECT * FROM pragma_synchronous,"
                                       " pragma_foreign_keys, pragma_busy_timeout", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);   /* FULL */
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, VERK_STORE_BUSY_TIMEOUT_MS);
  sqlite3_finalize (stmt);
}

static void
test_groups_and_workshops (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GPtrArray) workshops = NULL;
  g_autoptr (VerkWorkshop) w = NULL;
  g_autoptr (VerkGroup) g = NULL;
  const char *rtl = "فريق القيادة";
  gint64 a, b, w1, w2;

  a = verk_store_add_group (f->store, "Äldreomsorgen 😀", "Vård & omsorg", &error);
  g_assert_no_error (error);
  assert_last_change (f, VERK_CHANGE_GROUPS, 0);
  b = verk_store_add_group (f->store, rtl, NULL, &error);
  g_assert_no_error (error);

  groups = verk_store_list_groups (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 2);
  for (guint i = 0; i < groups->len; i++)
    {
      VerkGroup *grp = g_ptr_array_index (groups, i);
      if (grp->id == a)
        {
          g_assert_cmpstr (grp->name, ==, "Äldreomsorgen 😀");
          g_assert_cmpstr (grp->unit, ==, "Vård & omsorg");
        }
      else
        {
          g_assert_cmpint (grp->id, ==, b);
          g_assert_cmpstr (grp->name, ==, rtl);
          g_assert_cmpstr (grp->unit, ==, "");
        }
    }

  g_assert_true (verk_store_update_group (f->store, a, "Öppna förskolan", "Barn", &error));
  g_assert_no_error (error);
  g = verk_store_get_group (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g->name, ==, "Öppna förskolan");
  g_assert_cmpstr (g->unit, ==, "Barn");

  g_assert_false (verk_store_update_group (f->store, 9999, "x", NULL, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (verk_store_update_group (f->store, a, "   ", NULL, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  w1 = verk_store_add_workshop (f->store, a, "2025-09-01", "Ölander", &error);
  g_assert_no_error (error);
  w2 = verk_store_add_workshop (f->store, a, "2026-03-14", NULL, &error);
  g_assert_no_error (error);
  {
    const char *bad_dates[] = { "2026-02-30", "2026-13-01", "+026-01-01", "2026-1-015", "26-01-2026",
                                "2026-01-01x", "", "idag", "0000-01-01" };
    for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
      {
        g_assert_cmpint (verk_store_add_workshop (f->store, a, bad_dates[i], NULL, &error), ==, 0);
        g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT);
        g_assert_nonnull (strstr (error->message, "2026-03-14"));   /* an example to follow */
        g_clear_error (&error);
      }
    g_assert_cmpint (verk_store_add_workshop (f->store, a, "2024-02-29", NULL, &error), >, 0);
    g_assert_no_error (error);
  }
  g_assert_cmpint (verk_store_add_workshop (f->store, 4242, "2026-02-03", NULL, &error), ==, 0);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  workshops = verk_store_list_workshops (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (workshops->len, ==, 3);
  /* newest first */
  g_assert_cmpint (((VerkWorkshop *) workshops->pdata[0])->id, ==, w2);
  g_assert_cmpint (((VerkWorkshop *) workshops->pdata[1])->id, ==, w1);
  g_assert_cmpstr (((VerkWorkshop *) workshops->pdata[2])->date, ==, "2024-02-29");

  g_assert_true (verk_store_update_workshop (f->store, w1, "2025-09-02", "Ölander", "Anteckningar\n"
                                             "på två rader — שלום", &error));
  g_assert_no_error (error);
  assert_last_change (f, VERK_CHANGE_WORKSHOP, w1);
  w = verk_store_get_workshop (f->store, w1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (w->date, ==, "2025-09-02");
  g_assert_cmpstr (w->facilitator, ==, "Ölander");
  g_assert_cmpstr (w->notes, ==, "Anteckningar\npå två rader — שלום");
  g_assert_cmpint (w->group_id, ==, a);
  g_assert_cmpint (w->previous_id, ==, 0);
}

static void
test_items_participants_scores (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) people = NULL;
  g_autoptr (GPtrArray) scores = NULL;
  g_autoptr (VerkItem) item = NULL;
  gint64 group;
  gint64 ws = make_workshop (f, &group);
  gint64 i1, i2, custom, p1, p2;
  guint before;

  i1 = verk_store_add_item (f->store, ws, "siq", "kundorientering", "Kundorientering",
                            "Vi utgår från dem vi är till för.", &error);
  g_assert_no_error (error);
  assert_last_change (f, VERK_CHANGE_ITEMS, ws);
  i2 = verk_store_add_item (f->store, ws, "siq", "engagerat-ledarskap", "Engagerat ledarskap", NULL, &error);
  g_assert_no_error (error);
  custom = verk_store_add_item (f->store, ws, "siq", NULL, "Vår egen bit 🧩", "Egen", &error);
  g_assert_no_error (error);
  g_assert_cmpint (verk_store_add_item (f->store, ws, "platform", "p1", "Förväntan", NULL, &error), >, 0);
  g_assert_no_error (error);

  items = verk_store_list_items (f->store, ws, "siq", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 3);
  item = g_ptr_array_steal_index (items, 2);
  g_assert_cmpint (item->id, ==, custom);
  g_assert_true (item->custom);
  g_assert_null (item->key);
  g_assert_cmpint (item->position, ==, 2);
  g_assert_cmpint (item->agreed, ==, 0);
  g_assert_cmpint (item->desired, ==, 0);
  g_assert_cmpstr (item->rationale, ==, "");
  g_assert_false (((VerkItem *) items->pdata[0])->custom);
  g_assert_cmpstr (((VerkItem *) items->pdata[0])->key, ==, "kundorientering");
  g_assert_cmpstr (((VerkItem *) items->pdata[1])->description, ==, "");
  g_clear_pointer (&items, g_ptr_array_unref);
  items = verk_store_list_items (f->store, ws, NULL, &error);
  g_assert_cmpuint (items->len, ==, 4);

  g_assert_true (verk_store_update_item (f->store, custom, "Omdöpt bit", "Ny beskrivning", &error));
  g_assert_no_error (error);
  g_clear_pointer (&item, verk_item_free);
  item = verk_store_get_item (f->store, custom, &error);
  g_assert_cmpstr (item->name, ==, "Omdöpt bit");
  g_assert_cmpstr (item->description, ==, "Ny beskrivning");

  p1 = verk_store_add_participant (f->store, ws, "Åke", &error);
  g_assert_no_error (error);
  assert_last_change (f, VERK_CHANGE_PARTICIPANTS, ws);
  p2 = verk_store_add_participant (f->store, ws, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (verk_store_rename_participant (f->store, p2, "Märta", &error));
  g_assert_no_error (error);
  people = verk_store_list_participants (f->store, ws, &error);
  g_assert_cmpuint (people->len, ==, 2);
  g_assert_cmpstr (((VerkParticipant *) people->pdata[0])->name, ==, "Åke");
  g_assert_cmpstr (((VerkParticipant *) people->pdata[1])->name, ==, "Märta");

  g_assert_true (verk_store_set_score (f->store, i1, p1, 3, &error));
  g_assert_no_error (error);
  assert_last_change (f, VERK_CHANGE_SCORES, ws);
  g_assert_true (verk_store_set_score (f->store, i1, p1, 4, &error));
  g_assert_true (verk_store_set_score (f->store, i1, p2, 2, &error));
  g_assert_true (verk_store_set_score (f->store, i2, p2, 5, &error));
  g_assert_true (verk_store_set_score_comment (f->store, i1, p2, "För lite tid – ☹", &error));
  g_assert_no_error (error);
  g_assert_false (verk_store_set_score_comment (f->store, i2, p1, "inget betyg", &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  scores = verk_store_list_scores (f->store, ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scores->len, ==, 3);
  {
    VerkScore *s0 = scores->pdata[0], *s1 = scores->pdata[1], *s2 = scores->pdata[2];
    g_assert_cmpint (s0->item_id, ==, i1);
    g_assert_cmpint (s0->participant_id, ==, p1);
    g_assert_cmpint (s0->value, ==, 4);
    g_assert_cmpstr (s0->comment, ==, "");
    g_assert_cmpint (s1->participant_id, ==, p2);
    g_assert_cmpstr (s1->comment, ==, "För lite tid – ☹");
    g_assert_cmpint (s2->item_id, ==, i2);
  }
  g_clear_pointer (&scores, g_ptr_array_unref);

  /* 0 clears */
  g_assert_true (verk_store_set_score (f->store, i2, p2, 0, &error));
  g_assert_no_error (error);
  scores = verk_store_list_scores (f->store, ws, &error);
  g_assert_cmpuint (scores->len, ==, 2);
  g_clear_pointer (&scores, g_ptr_array_unref);

  g_assert_true (verk_store_set_agreed (f->store, i1, 3, "Vi är på väg — מסכימים", &error));
  g_assert_no_error (error);
  g_assert_true (verk_store_set_desired (f->store, i1, 5, &error));
  g_assert_no_error (error);
  g_clear_pointer (&item, verk_item_free);
  item = verk_store_get_item (f->store, i1, &error);
  g_assert_cmpint (item->agreed, ==, 3);
  g_assert_cmpint (item->desired, ==, 5);
  g_assert_cmpstr (item->rationale, ==, "Vi är på väg — מסכימים");
  g_assert_true (verk_store_set_agreed (f->store, i1, 0, "", &error));
  g_clear_pointer (&item, verk_item_free);
  item = verk_store_get_item (f->store, i1, &error);
  g_assert_cmpint (item->agreed, ==, 0);
  g_assert_cmpint (item->desired, ==, 5);

  /* Removing a participant takes their scores along. */
  before = f->changes->len;
  g_assert_true (verk_store_remove_participant (f->store, p2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changes->len, ==, before + 2);
  scores = verk_store_list_scores (f->store, ws, &error);
  g_assert_cmpuint (scores->len, ==, 1);
  g_clear_pointer (&scores, g_ptr_array_unref);

  /* A score across workshops is refused. */
  {
    gint64 other = verk_store_add_workshop (f->store, group, "2026-04-01", NULL, &error);
    gint64 stranger = verk_store_add_participant (f->store, other, "Främling", &error);
    g_assert_no_error (error);
    g_assert_false (verk_store_set_score (f->store, i1, stranger, 3, &error));
    g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  g_assert_true (verk_store_remove_item (f->store, i1, &error));
  g_assert_no_error (error);
  scores = verk_store_list_scores (f->store, ws, &error);
  g_assert_cmpuint (scores->len, ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = verk_store_list_items (f->store, ws, "siq", &error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpint (((VerkItem *) items->pdata[0])->position, ==, 0);
  g_assert_cmpint (((VerkItem *) items->pdata[1])->position, ==, 1);
}

static void
test_priorities_actions_reflections (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) prio = NULL;
  g_autoptr (GPtrArray) actions = NULL;
  g_autoptr (GPtrArray) refl = NULL;
  gint64 ws = make_workshop (f, NULL);
  gint64 ids[3];
  gint64 order[3];
  gint64 act;
  VerkAction a = { 0 };
  VerkReflection r = { 0 };

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Bit %d", i);
      ids[i] = verk_store_add_item (f->store, ws, "siq", NULL, name, NULL, &error);
      g_assert_no_error (error);
    }
  order[0] = ids[2]; order[1] = ids[0]; order[2] = ids[1];
  g_assert_true (verk_store_set_priorities (f->store, ws, order, 2, &error));
  g_assert_no_error (error);
  assert_last_change (f, VERK_CHANGE_PRIORITIES, ws);
  prio = verk_store_list_priorities (f->store, ws, &error);
  g_assert_cmpuint (prio->len, ==, 2);
  g_assert_cmpint (g_array_index (prio, gint64, 0), ==, ids[2]);
  g_assert_cmpint (g_array_index (prio, gint64, 1), ==, ids[0]);
  g_clear_pointer (&prio, g_array_unref);

  /* Removing a prioritised item closes the gap. */
  g_assert_true (verk_store_remove_item (f->store, ids[2], &error));
  prio = verk_store_list_priorities (f->store, ws, &error);
  g_assert_cmpuint (prio->len, ==, 1);
  g_assert_cmpint (g_array_index (prio, gint64, 0), ==, ids[0]);
  g_clear_pointer (&prio, g_array_unref);

  /* An unknown item leaves the old list. */
  order[0] = ids[1]; order[1] = 99999;
  g_assert_false (verk_store_set_priorities (f->store, ws, order, 2, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  prio = verk_store_list_priorities (f->store, ws, &error);
  g_assert_cmpuint (prio->len, ==, 1);

  a.workshop_id = ws;
  a.item_id = ids[0];
  a.what = (char *) "Införa veckomöten med 🗓️";
  a.owner = (char *) "Åsa Öberg";
  a.due = (char *) "2026-06-30";
  a.status = VERK_ACTION_IN_PROGRESS;
  act = verk_store_add_action (f->store, &a, &error);
  g_assert_no_error (error);
  assert_last_change (f, VERK_CHANGE_ACTIONS, ws);
  a.id = act;
  a.due = NULL;
  a.status = VERK_ACTION_DONE;
  a.followup = (char *) "Klart i maj";
  g_assert_true (verk_store_update_action (f->store, &a, &error));
  g_assert_no_error (error);
  a.status = 7;
  g_assert_false (verk_store_update_action (f->store, &a, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  a.status = VERK_ACTION_OPEN;
  a.due = (char *) "30/6";
  g_assert_false (verk_store_update_action (f->store, &a, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  actions = verk_store_list_actions (f->store, ws, &error);
  g_assert_cmpuint (actions->len, ==, 1);
  {
    VerkAction *got = actions->pdata[0];
    g_assert_cmpstr (got->what, ==, "Införa veckomöten med 🗓️");
    g_assert_cmpstr (got->owner, ==, "Åsa Öberg");
    g_assert_null (got->due);
    g_assert_cmpint (got->status, ==, VERK_ACTION_DONE);
    g_assert_cmpstr (got->followup, ==, "Klart i maj");
    g_assert_cmpint (got->item_id, ==, ids[0]);
    g_assert_cmpint (got->carried_from, ==, 0);
  }
  g_assert_cmpstr (verk_action_status_to_string (VERK_ACTION_IN_PROGRESS), ==, "In progress");

  /* The item goes, the action stays, no longer tied to it. */
  g_assert_true (verk_store_remove_item (f->store, ids[0], &error));
  g_clear_pointer (&actions, g_ptr_array_unref);
  actions = verk_store_list_actions (f->store, ws, &error);
  g_assert_cmpint (((VerkAction *) actions->pdata[0])->item_id, ==, 0);
  g_assert_true (verk_store_remove_action (f->store, act, &error));
  g_assert_no_error (error);
  g_clear_pointer (&actions, g_ptr_array_unref);
  actions = verk_store_list_actions (f->store, ws, &error);
  g_assert_cmpuint (actions->len, ==, 0);

  r.workshop_id = ws;
  r.part = (char *) "leda-verksamhet";
  r.strengths = (char *) "Tydliga mål";
  r.obstacles = (char *) "Tid";
  g_assert_true (verk_store_set_reflection (f->store, &r, &error));
  g_assert_no_error (error);
  assert_last_change (f, VERK_CHANGE_REFLECTIONS, ws);
  r.removers = (char *) "Förvaltningschefen";
  g_assert_true (verk_store_set_reflection (f->store, &r, &error));
  refl = verk_store_list_reflections (f->store, ws, &error);
  g_assert_cmpuint (refl->len, ==, 1);
  {
    VerkReflection *got = refl->pdata[0];
    g_assert_cmpstr (got->part, ==, "leda-verksamhet");
    g_assert_cmpstr (got->strengths, ==, "Tydliga mål");
    g_assert_cmpstr (got->development, ==, "");
    g_assert_cmpstr (got->obstacles, ==, "Tid");
    g_assert_cmpstr (got->removers, ==, "Förvaltningschefen");
  }
}

static void
test_followup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) people = NULL;
  g_autoptr (GPtrArray) actions = NULL;
  g_autoptr (GPtrArray) scores = NULL;
  g_autoptr (VerkWorkshop) next = NULL;
  gint64 group;
  gint64 ws = make_workshop (f, &group);
  gint64 a_item, b_item, custom, p, nid;
  gint64 open_id, progress_id;
  VerkAction a = { 0 };

  a_item = verk_store_add_item (f->store, ws, "siq", "a", "A-värde", "Text A", &error);
  b_item = verk_store_add_item (f->store, ws, "siq", "b", "B-värde", NULL, &error);
  custom = verk_store_add_item (f->store, ws, "siq", NULL, "Egen 🧩", "Egen text", &error);
  g_assert_cmpint (verk_store_add_item (f->store, ws, "scale", "level-1", "Inte påbörjat", NULL, &error), >, 0);
  g_assert_true (verk_store_update_item (f->store, a_item, "A ändrad", "Text A ändrad", &error));
  g_assert_true (verk_store_move_item (f->store, custom, 0, &error));
  p = verk_store_add_participant (f->store, ws, "Åke", &error);
  g_assert_true (verk_store_add_participant (f->store, ws, "", &error) > 0);
  g_assert_true (verk_store_set_score (f->store, a_item, p, 2, &error));
  g_assert_true (verk_store_set_agreed (f->store, a_item, 2, "x", &error));
  g_assert_no_error (error);

  a.workshop_id = ws;
  a.what = (char *) "Öppen";
  a.item_id = b_item;
  open_id = verk_store_add_action (f->store, &a, &error);
  a.what = (char *) "Pågår";
  a.item_id = 0;
  a.status = VERK_ACTION_IN_PROGRESS;
  a.owner = (char *) "Märta";
  a.due = (char *) "2026-05-01";
  progress_id = verk_store_add_action (f->store, &a, &error);
  a.what = (char *) "Klar";
  a.status = VERK_ACTION_DONE;
  verk_store_add_action (f->store, &a, &error);
  a.what = (char *) "Struken";
  a.status = VERK_ACTION_DROPPED;
  verk_store_add_action (f->store, &a, &error);
  g_assert_no_error (error);

  nid = verk_store_add_followup (f->store, ws, "2026-09-20", "Ölander", &error);
  g_assert_no_error (error);
  g_assert_cmpint (nid, >, ws);
  assert_last_change (f, VERK_CHANGE_GROUPS, 0);

  next = verk_store_get_workshop (f->store, nid, &error);
  g_assert_cmpint (next->previous_id, ==, ws);
  g_assert_cmpint (next->group_id, ==, group);
  g_assert_cmpstr (next->facilitator, ==, "Ölander");

  items = verk_store_list_items (f->store, nid, "siq", &error);
  g_assert_cmpuint (items->len, ==, 3);
  {
    VerkItem *i0 = items->pdata[0], *i1 = items->pdata[1], *i2 = items->pdata[2];
    g_assert_cmpstr (i0->name, ==, "Egen 🧩");
    g_assert_true (i0->custom);
    g_assert_cmpstr (i0->description, ==, "Egen text");
    g_assert_cmpstr (i1->name, ==, "A ändrad");
    g_assert_cmpstr (i1->key, ==, "a");
    g_assert_cmpstr (i1->description, ==, "Text A ändrad");
    g_assert_cmpint (i1->agreed, ==, 0);       /* scores are not copied */
    g_assert_cmpstr (i2->key, ==, "b");
    g_assert_cmpint (i2->position, ==, 2);
  }
  g_clear_pointer (&items, g_ptr_array_unref);
  items = verk_store_list_items (f->store, nid, "scale", &error);
  g_assert_cmpuint (items->len, ==, 1);

  people = verk_store_list_participants (f->store, nid, &error);
  g_assert_cmpuint (people->len, ==, 2);
  g_assert_cmpstr (((VerkParticipant *) people->pdata[0])->name, ==, "Åke");
  scores = verk_store_list_scores (f->store, nid, &error);
  g_assert_cmpuint (scores->len, ==, 0);

  actions = verk_store_list_actions (f->store, nid, &error);
  g_assert_cmpuint (actions->len, ==, 2);
  {
    VerkAction *c0 = actions->pdata[0], *c1 = actions->pdata[1];
    g_autoptr (GPtrArray) new_items = verk_store_list_items (f->store, nid, "siq", &error);
    g_assert_cmpstr (c0->what, ==, "Öppen");
    g_assert_cmpint (c0->carried_from, ==, open_id);
    g_assert_cmpint (c0->status, ==, VERK_ACTION_OPEN);
    /* tied to the copy of B in the new workshop */
    g_assert_cmpint (c0->item_id, ==, ((VerkItem *) new_items->pdata[2])->id);
    g_assert_cmpstr (c1->what, ==, "Pågår");
    g_assert_cmpint (c1->carried_from, ==, progress_id);
    g_assert_cmpint (c1->status, ==, VERK_ACTION_IN_PROGRESS);
    g_assert_cmpstr (c1->owner, ==, "Märta");
    g_assert_cmpstr (c1->due, ==, "2026-05-01");
    g_assert_cmpint (c1->item_id, ==, 0);
  }

  g_assert_cmpint (verk_store_add_followup (f->store, 123456, "2026-09-20", NULL, &error), ==, 0);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
}

static void
test_trash_restore (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  gint64 group;
  gint64 ws = make_workshop (f, &group);
  gint64 item = verk_store_add_item (f->store, ws, "siq", NULL, "Bit", NULL, &error);
  gint64 ws2 = verk_store_add_followup (f->store, ws, "2026-10-01", NULL, &error);
  g_autoptr (VerkWorkshop) w2 = NULL;

  g_assert_no_error (error);
  g_assert_true (verk_store_trash_workshop (f->store, ws, &error));
  g_assert_no_error (error);
  assert_last_change (f, VERK_CHANGE_GROUPS, 0);
  list = verk_store_list_workshops (f->store, group, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (verk_store_restore_workshop (f->store, ws, &error));
  list = verk_store_list_workshops (f->store, group, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (verk_store_trash_group (f->store, group, &error));
  list = verk_store_list_groups (f->store, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (verk_store_restore_group (f->store, group, &error));
  list = verk_store_list_groups (f->store, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Purge removes only what is in the trash; links to it become unset. */
  g_assert_true (verk_store_trash_workshop (f->store, ws, &error));
  g_assert_true (verk_store_purge_trash (f->store, &error));
  g_assert_no_error (error);
  g_assert_null (verk_store_get_item (f->store, item, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  w2 = verk_store_get_workshop (f->store, ws2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (w2->previous_id, ==, 0);
  g_assert_false (verk_store_restore_workshop (f->store, ws, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
}

/* Removing a piece or a participant loses nothing until the trash is
 * purged: Undo brings back the scores, agreed level, priority and links. */
static void
test_remove_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) people = NULL;
  g_autoptr (GPtrArray) scores = NULL;
  g_autoptr (GPtrArray) actions = NULL;
  g_autoptr (GArray) prio = NULL;
  g_autoptr (VerkItem) back = NULL;
  gint64 group;
  gint64 ws = make_workshop (f, &group);
  gint64 ids[4], p1, p2, next;
  VerkAction a = { 0 };

  for (int i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("Bit %d", i);
      ids[i] = verk_store_add_item (f->store, ws, "siq", NULL, name, NULL, &error);
    }
  p1 = verk_store_add_participant (f->store, ws, "Åke", &error);
  p2 = verk_store_add_participant (f->store, ws, "Märta", &error);
  verk_store_set_score (f->store, ids[1], p1, 2, &error);
  verk_store_set_score (f->store, ids[1], p2, 5, &error);
  verk_store_set_score (f->store, ids[2], p2, 3, &error);
  verk_store_set_agreed (f->store, ids[1], 3, "enig", &error);
  verk_store_set_desired (f->store, ids[1], 5, &error);
  verk_store_set_priorities (f->store, ws, (gint64[]) { ids[1], ids[3] }, 2, &error);
  a.workshop_id = ws;
  a.item_id = ids[1];
  a.what = (char *) "Åtgärd";
  verk_store_add_action (f->store, &a, &error);
  g_assert_no_error (error);

  /* Remove piece 1: gone from every list, the others close up. */
  g_assert_true (verk_store_remove_item (f->store, ids[1], &error));
  g_assert_no_error (error);
  assert_last_change (f, VERK_CHANGE_ITEMS, ws);
  items = verk_store_list_items (f->store, ws, "siq", &error);
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_cmpint (((VerkItem *) items->pdata[1])->id, ==, ids[2]);
  g_assert_cmpint (((VerkItem *) items->pdata[1])->position, ==, 1);
  g_clear_pointer (&items, g_ptr_array_unref);
  scores = verk_store_list_scores (f->store, ws, &error);
  g_assert_cmpuint (scores->len, ==, 1);
  g_clear_pointer (&scores, g_ptr_array_unref);
  prio = verk_store_list_priorities (f->store, ws, &error);
  g_assert_cmpuint (prio->len, ==, 1);
  g_clear_pointer (&prio, g_array_unref);
  actions = verk_store_list_actions (f->store, ws, &error);
  g_assert_cmpint (((VerkAction *) actions->pdata[0])->item_id, ==, 0);
  g_clear_pointer (&actions, g_ptr_array_unref);
  g_assert_null (verk_store_get_item (f->store, ids[1], &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (verk_store_set_score (f->store, ids[1], p1, 4, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (verk_store_remove_item (f->store, ids[1], &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* A piece added meanwhile goes last, a follow-up does not copy the removed one. */
  g_assert_cmpint (verk_store_add_item (f->store, ws, "siq", NULL, "Ny", NULL, &error), >, 0);
  next = verk_store_add_followup (f->store, ws, "2026-10-01", NULL, &error);
  items = verk_store_list_items (f->store, next, "siq", &error);
  g_assert_cmpuint (items->len, ==, 4);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Undo: back in its place with everything. */
  g_assert_true (verk_store_restore_item (f->store, ids[1], &error));
  g_assert_no_error (error);
  assert_last_change (f, VERK_CHANGE_ITEMS, ws);
  items = verk_store_list_items (f->store, ws, "siq", &error);
  g_assert_cmpuint (items->len, ==, 5);
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpint (((VerkItem *) items->pdata[i])->position, ==, (int) i);
  g_assert_cmpint (((VerkItem *) items->pdata[1])->id, ==, ids[1]);
  g_assert_cmpint (((VerkItem *) items->pdata[2])->id, ==, ids[2]);
  back = verk_store_get_item (f->store, ids[1], &error);
  g_assert_cmpint (back->agreed, ==, 3);
  g_assert_cmpint (back->desired, ==, 5);
  g_assert_cmpstr (back->rationale, ==, "enig");
  scores = verk_store_list_scores (f->store, ws, &error);
  g_assert_cmpuint (scores->len, ==, 3);
  g_clear_pointer (&scores, g_ptr_array_unref);
  prio = verk_store_list_priorities (f->store, ws, &error);
  g_assert_cmpuint (prio->len, ==, 2);
  g_assert_cmpint (g_array_index (prio, gint64, 0), ==, ids[1]);
  actions = verk_store_list_actions (f->store, ws, &error);
  g_assert_cmpint (((VerkAction *) actions->pdata[0])->item_id, ==, ids[1]);
  g_clear_pointer (&actions, g_ptr_array_unref);
  g_assert_false (verk_store_restore_item (f->store, ids[1], &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The same for a participant. */
  g_assert_true (verk_store_remove_participant (f->store, p2, &error));
  assert_last_change (f, VERK_CHANGE_PARTICIPANTS, ws);
  people = verk_store_list_participants (f->store, ws, &error);
  g_assert_cmpuint (people->len, ==, 1);
  g_clear_pointer (&people, g_ptr_array_unref);
  scores = verk_store_list_scores (f->store, ws, &error);
  g_assert_cmpuint (scores->len, ==, 1);
  g_clear_pointer (&scores, g_ptr_array_unref);
  g_assert_false (verk_store_rename_participant (f->store, p2, "x", &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (verk_store_restore_participant (f->store, p2, &error));
  g_assert_no_error (error);
  assert_last_change (f, VERK_CHANGE_PARTICIPANTS, ws);
  people = verk_store_list_participants (f->store, ws, &error);
  g_assert_cmpuint (people->len, ==, 2);
  g_assert_cmpstr (((VerkParticipant *) people->pdata[1])->name, ==, "Märta");
  g_clear_pointer (&people, g_ptr_array_unref);
  scores = verk_store_list_scores (f->store, ws, &error);
  g_assert_cmpuint (scores->len, ==, 3);
  g_clear_pointer (&scores, g_ptr_array_unref);

  /* Purging makes a removal final. */
  g_assert_true (verk_store_remove_item (f->store, ids[1], &error));
  g_assert_true (verk_store_remove_participant (f->store, p1, &error));
  g_assert_true (verk_store_purge_trash (f->store, &error));
  g_assert_no_error (error);
  g_assert_false (verk_store_restore_item (f->store, ids[1], &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (verk_store_restore_participant (f->store, p1, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  scores = verk_store_list_scores (f->store, ws, &error);
  g_assert_cmpuint (scores->len, ==, 1);
  actions = verk_store_list_actions (f->store, ws, &error);
  g_assert_cmpint (((VerkAction *) actions->pdata[0])->item_id, ==, 0);
}

static void
test_purge_older_than (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 group;
  gint64 ws = make_workshop (f, &group);
  gint64 old_ws = verk_store_add_workshop (f->store, group, "2020-01-01", NULL, &error);
  gint64 piece = verk_store_add_item (f->store, ws, "siq", NULL, "Bit", NULL, &error);
  gint64 person = verk_store_add_participant (f->store, ws, "Åke", &error);
  g_autofree char *sql = NULL;
  g_autoptr (VerkWorkshop) w = NULL;
  guint before;
  sqlite3 *db;

  g_assert_true (verk_store_trash_workshop (f->store, ws, &error));
  g_assert_true (verk_store_trash_workshop (f->store, old_ws, &error));
  g_assert_true (verk_store_remove_participant (f->store, person, &error));
  g_assert_no_error (error);

  /* The old workshop went to the trash 40 days ago. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  sql = g_strdup_printf ("UPDATE workshop SET trashed_at = datetime ('now', '-40 days')"
                         " WHERE id = %" G_GINT64_FORMAT, old_ws);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (verk_store_purge_trash_older_than (f->store, 30, &error));
  g_assert_no_error (error);
  assert_last_change (f, VERK_CHANGE_GROUPS, 0);
  g_assert_null (verk_store_get_workshop (f->store, old_ws, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* What was deleted today can still be undone. */
  g_assert_true (verk_store_restore_workshop (f->store, ws, &error));
  g_assert_true (verk_store_restore_participant (f->store, person, &error));
  g_assert_no_error (error);
  w = verk_store_get_workshop (f->store, ws, &error);
  g_assert_nonnull (w);
  g_assert_cmpint (piece, >, 0);

  /* An empty trash is no change. */
  before = f->changes->len;
  g_assert_true (verk_store_purge_trash_older_than (f->store, 30, &error));
  g_assert_true (verk_store_purge_trash (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changes->len, ==, before);
}

static void
test_add_items_batch (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) siq = NULL;
  g_autoptr (GPtrArray) scale = NULL;
  gint64 ws = make_workshop (f, NULL);
  guint before;
  VerkItem batch[] = {
    { .framework = (char *) "siq", .key = (char *) "samverkan", .name = (char *) "Samverkan",
      .description = (char *) "Vi arbetar tillsammans 🤝" },
    { .framework = (char *) "scale", .key = (char *) "scale.1", .name = (char *) "Inte påbörjat" },
    { .framework = (char *) "siq", .name = (char *) "Egen bit" },
    { .framework = (char *) "siq", .key = (char *) "kund", .name = (char *) "Kundorientering" },
  };

  g_assert_cmpint (verk_store_add_item (f->store, ws, "siq", "först", "Först", NULL, &error), >, 0);
  before = f->changes->len;
  g_assert_true (verk_store_add_items (f->store, ws, batch, G_N_ELEMENTS (batch), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changes->len, ==, before + 2);   /* one announcement */
  assert_last_change (f, VERK_CHANGE_ITEMS, ws);

  siq = verk_store_list_items (f->store, ws, "siq", &error);
  g_assert_cmpuint (siq->len, ==, 4);
  g_assert_cmpstr (((VerkItem *) siq->pdata[1])->name, ==, "Samverkan");
  g_assert_cmpstr (((VerkItem *) siq->pdata[1])->description, ==, "Vi arbetar tillsammans 🤝");
  g_assert_true (((VerkItem *) siq->pdata[2])->custom);
  g_assert_cmpstr (((VerkItem *) siq->pdata[3])->key, ==, "kund");
  for (guint i = 0; i < siq->len; i++)
    g_assert_cmpint (((VerkItem *) siq->pdata[i])->position, ==, (int) i);
  scale = verk_store_list_items (f->store, ws, "scale", &error);
  g_assert_cmpuint (scale->len, ==, 1);
  g_assert_cmpint (((VerkItem *) scale->pdata[0])->position, ==, 0);

  /* One bad item: nothing of the batch is written. */
  batch[2].name = (char *) "";
  g_assert_false (verk_store_add_items (f->store, ws, batch, G_N_ELEMENTS (batch), &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  batch[2].name = (char *) "Egen bit";
  g_assert_false (verk_store_add_items (f->store, 987654, batch, G_N_ELEMENTS (batch), &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&siq, g_ptr_array_unref);
  siq = verk_store_list_items (f->store, ws, "siq", &error);
  g_assert_cmpuint (siq->len, ==, 4);
}

static void
test_many_pieces_and_reorder (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) items = NULL;
  gint64 ws = make_workshop (f, NULL);
  gint64 ids[200];

  for (int i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("Egen bit nr %d – ö", i);
      ids[i] = verk_store_add_item (f->store, ws, "siq", NULL, name, "", &error);
      g_assert_no_error (error);
    }
  items = verk_store_list_items (f->store, ws, "siq", &error);
  g_assert_cmpuint (items->len, ==, 200);
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("Egen bit nr %d – ö", i);
      VerkItem *it = items->pdata[i];
      g_assert_cmpint (it->id, ==, ids[i]);
      g_assert_cmpint (it->position, ==, i);
      g_assert_cmpstr (it->name, ==, name);
    }
  g_clear_pointer (&items, g_ptr_array_unref);

  /* last to first, item 10 down to 20, then out of range clamps to the end;
   * a plain array mirrors what the order must be. */
  {
    g_autoptr (GArray) expect = g_array_new (FALSE, FALSE, sizeof (gint64));
    struct { int index; int to; } moves[] = { { 199, 0 }, { 10, 20 }, { 0, 5000 }, { 50, 49 }, { 7, 7 } };

    g_array_append_vals (expect, ids, 200);
    for (guint m = 0; m < G_N_ELEMENTS (moves); m++)
      {
        gint64 id = ids[moves[m].index];
        guint at = 0;
        while (g_array_index (expect, gint64, at) != id)
          at++;
        g_array_remove_index (expect, at);
        g_array_insert_val (expect, MIN (moves[m].to, 199), id);
        g_assert_true (verk_store_move_item (f->store, id, moves[m].to, &error));
        g_assert_no_error (error);
        assert_last_change (f, VERK_CHANGE_ITEMS, ws);
      }
    items = verk_store_list_items (f->store, ws, "siq", &error);
    g_assert_cmpuint (items->len, ==, 200);
    g_assert_cmpint (((VerkItem *) items->pdata[0])->id, ==, ids[199]);
    g_assert_cmpint (((VerkItem *) items->pdata[199])->id, ==, ids[0]);
    for (int i = 0; i < 200; i++)
      {
        g_assert_cmpint (((VerkItem *) items->pdata[i])->position, ==, i);
        g_assert_cmpint (((VerkItem *) items->pdata[i])->id, ==, g_array_index (expect, gint64, i));
      }
  }
}

static void
test_invalid_scores (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 ws = make_workshop (f, NULL);
  gint64 item = verk_store_add_item (f->store, ws, "siq", NULL, "Bit", NULL, &error);
  gint64 p = verk_store_add_participant (f->store, ws, "Åke", &error);
  guint before = f->changes->len;
  int bad[] = { 6, -1, 100, G_MININT };
  sqlite3 *db;
  g_autofree char *sql = NULL;
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (verk_store_set_score (f->store, item, p, bad[i], &error));
      g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT);
      g_clear_error (&error);
      g_assert_false (verk_store_set_agreed (f->store, item, bad[i], NULL, &error));
      g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, "1"));
      g_assert_nonnull (strstr (error->message, "5"));
      g_clear_error (&error);
      g_assert_false (verk_store_set_desired (f->store, item, bad[i], &error));
      g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT);
      g_clear_error (&error);
    }
  g_assert_cmpuint (f->changes->len, ==, before);   /* nothing announced */

  /* The CHECK constraints hold even for SQL that bypasses the store. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  sql = g_strdup_printf ("INSERT INTO score (item_id, participant_id, value) VALUES (%" G_GINT64_FORMAT
                         ", %" G_GINT64_FORMAT ", 6)", item, p);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  g_assert_cmpint (rc, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_extended_errcode (db), ==, SQLITE_CONSTRAINT_CHECK);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO score (item_id, participant_id, value) VALUES (%" G_GINT64_FORMAT
                         ", %" G_GINT64_FORMAT ", 0)", item, p);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO agreed (item_id, value) VALUES (%" G_GINT64_FORMAT ", 9)", item);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO agreed (item_id, desired) VALUES (%" G_GINT64_FORMAT ", 0)", item);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO score (item_id, participant_id, value) VALUES (%" G_GINT64_FORMAT
                         ", %" G_GINT64_FORMAT ", 5)", item, p);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_invalid_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) groups = NULL;
  g_autoptr (GString) long_name = g_string_new (NULL);
  g_autoptr (GString) long_text = g_string_new (NULL);
  g_autofree char *limit_short = g_strdup_printf ("%d", VERK_TEXT_MAX_SHORT);
  g_autofree char *limit_long = g_strdup_printf ("%d", VERK_TEXT_MAX_LONG);
  const char with_nul[] = "Åke\0Öberg";
  gint64 ws = make_workshop (f, NULL);
  guint before = f->changes->len;

  g_assert_cmpint (verk_store_add_group (f->store, "Bad \xff\xfe", NULL, &error), ==, 0);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);
  g_assert_cmpint (verk_store_add_participant (f->store, ws, "\xc3", &error), ==, 0);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* The store's API takes NUL-terminated text, so a NUL can only come in
   * through an explicit length: verk_text_validate is where it is caught. */
  g_assert_false (verk_text_validate (with_nul, sizeof with_nul - 1, VERK_TEXT_MAX_SHORT, "the name", &error));
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE);
  g_clear_error (&error);

  /* Exactly at the limit is fine (counted in characters: ö is one), one more is not. */
  for (int i = 0; i < VERK_TEXT_MAX_SHORT; i++)
    g_string_append (long_name, "ö");
  g_assert_cmpint (verk_store_add_group (f->store, long_name->str, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_string_append (long_name, "x");
  g_assert_cmpint (verk_store_add_group (f->store, long_name->str, NULL, &error), ==, 0);
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, limit_short));
  g_clear_error (&error);

  for (int i = 0; i <= VERK_TEXT_MAX_LONG; i++)
    g_string_append_c (long_text, 'a');
  g_assert_false (verk_store_update_workshop (f->store, ws, "2026-03-14", NULL, long_text->str, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, limit_long));
  g_clear_error (&error);
  g_string_truncate (long_text, VERK_TEXT_MAX_LONG);
  g_assert_true (verk_store_update_workshop (f->store, ws, "2026-03-14", NULL, long_text->str, &error));
  g_assert_no_error (error);

  groups = verk_store_list_groups (f->store, &error);
  g_assert_cmpuint (groups->len, ==, 2);
  g_assert_cmpuint (f->changes->len, ==, before + 4);
}

static void
test_memory_store (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (GPtrArray) backups = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (verk_store_add_group (store, "Minne", NULL, &error), >, 0);
  backups = verk_store_list_backups (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 0);
}

static void
test_default_path (void)
{
  g_autofree char *path = verk_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_true (g_str_has_suffix (path, "/verkstad/verkstad.db"));
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
}

/* No read leaves its statement on a row: a busy statement keeps a read
 * transaction open, so the store would miss other connections' writes and
 * hold back checkpoints. */
static void
assert_no_statement_busy (Fixture *f)
{
  for (sqlite3_stmt *st = sqlite3_next_stmt (f->store->db, NULL); st != NULL;
       st = sqlite3_next_stmt (f->store->db, st))
    if (sqlite3_stmt_busy (st))
      g_error ("a statement is left on a row: %s", sqlite3_sql (st));
}

static void
test_reads_end_their_statements (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkWorkshop) workshop = NULL;
  g_autoptr (VerkItem) item = NULL;
  gint64 group, ws, piece;

  group = verk_store_add_group (f->store, "Ledningsgruppen", NULL, &error);
  ws = verk_store_add_workshop (f->store, group, "2026-03-14", NULL, &error);
  piece = verk_store_add_item (f->store, ws, "siq", "kundorientering", "Kundorientering", NULL, &error);
  g_assert_no_error (error);
  assert_no_statement_busy (f);

  g_assert_false (verk_store_has_second_round (f->store, piece, &error));
  assert_no_statement_busy (f);
  g_assert_true (verk_store_start_second_round (f->store, piece, &error));
  g_assert_no_error (error);
  assert_no_statement_busy (f);
  g_assert_true (verk_store_has_second_round (f->store, piece, &error));
  assert_no_statement_busy (f);
  workshop = verk_store_get_workshop (f->store, ws, &error);
  item = verk_store_get_item (f->store, piece, &error);
  g_assert_no_error (error);
  assert_no_statement_busy (f);
}

/* The comment of a round-2 score is round 2's own: setting it leaves round
 * 1's comment as it was, a correction of the round-2 score keeps it, and
 * it is as long as round 1's may be. Without a round-2 score there is
 * nothing to comment on. */
static void
test_second_round_comment (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) round1 = NULL;
  g_autoptr (GPtrArray) round2 = NULL;
  g_autofree char *long_comment = g_strnfill (VERK_TEXT_MAX_SHORT + 1, 'x');
  g_autofree char *too_long = g_strnfill (VERK_TEXT_MAX_LONG + 1, 'x');
  gint64 group, ws, piece, anna, bo;

  group = verk_store_add_group (f->store, "Ledningsgruppen", NULL, &error);
  ws = verk_store_add_workshop (f->store, group, "2026-03-14", NULL, &error);
  piece = verk_store_add_item (f->store, ws, "siq", "samverkan", "Samverkan", NULL, &error);
  anna = verk_store_add_participant (f->store, ws, "Anna", &error);
  bo = verk_store_add_participant (f->store, ws, "Bo", &error);
  g_assert_no_error (error);
  g_assert_true (verk_store_set_score (f->store, piece, anna, 2, &error));
  g_assert_true (verk_store_set_score_comment (f->store, piece, anna, "Vi ses för sällan", &error));
  g_assert_true (verk_store_set_score (f->store, piece, bo, 4, &error));
  g_assert_true (verk_store_start_second_round (f->store, piece, &error));
  g_assert_true (verk_store_set_second_round_score (f->store, piece, anna, 3, "från telefonen", &error));
  g_assert_no_error (error);

  g_assert_true (verk_store_set_second_round_comment (f->store, piece, anna, "Efter samtalet\nmer", &error));
  g_assert_no_error (error);
  /* A correction of the score passes the comment on, a long one too. */
  g_assert_true (verk_store_set_second_round_comment (f->store, piece, anna, long_comment, &error));
  g_assert_true (verk_store_set_second_round_score (f->store, piece, anna, 4, long_comment, &error));
  g_assert_no_error (error);
  g_assert_true (verk_store_set_second_round_comment (f->store, piece, anna, "Efter samtalet", &error));
  g_assert_no_error (error);
  round1 = verk_store_list_scores (f->store, ws, &error);
  round2 = verk_store_list_second_round_scores (f->store, ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (round1->len, ==, 2);
  g_assert_cmpint (((VerkScore *) g_ptr_array_index (round1, 0))->value, ==, 2);
  g_assert_cmpstr (((VerkScore *) g_ptr_array_index (round1, 0))->comment, ==, "Vi ses för sällan");
  g_assert_cmpuint (round2->len, ==, 1);
  g_assert_cmpint (((VerkScore *) g_ptr_array_index (round2, 0))->value, ==, 4);
  g_assert_cmpstr (((VerkScore *) g_ptr_array_index (round2, 0))->comment, ==, "Efter samtalet");

  /* Bo has no round-2 score; a comment too long is refused. */
  g_assert_false (verk_store_set_second_round_comment (f->store, piece, bo, "Hm", &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (verk_store_set_second_round_comment (f->store, piece, anna, too_long, &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  /* Removed: "" removes it, and round 1's is still there. */
  g_assert_true (verk_store_set_second_round_comment (f->store, piece, anna, "", &error));
  g_clear_pointer (&round1, g_ptr_array_unref);
  g_clear_pointer (&round2, g_ptr_array_unref);
  round1 = verk_store_list_scores (f->store, ws, &error);
  round2 = verk_store_list_second_round_scores (f->store, ws, &error);
  g_assert_cmpstr (((VerkScore *) g_ptr_array_index (round2, 0))->comment, ==, "");
  g_assert_cmpstr (((VerkScore *) g_ptr_array_index (round1, 0))->comment, ==, "Vi ses för sällan");
  assert_no_statement_busy (f);
}

int
main (int argc, char **argv)
{
  g_autofree char *data_home = NULL;

  /* The default path must land in a scratch folder, not the user's data. */
  data_home = g_dir_make_tmp ("verk-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/new-file-settings", test_new_file_settings);
  ADD ("/store/groups-and-workshops", test_groups_and_workshops);
  ADD ("/store/items-participants-scores", test_items_participants_scores);
  ADD ("/store/priorities-actions-reflections", test_priorities_actions_reflections);
  ADD ("/store/followup", test_followup);
  ADD ("/store/trash-restore", test_trash_restore);
  ADD ("/store/remove-and-undo", test_remove_and_undo);
  ADD ("/store/purge-older-than", test_purge_older_than);
  ADD ("/store/add-items-batch", test_add_items_batch);
  ADD ("/store/200-pieces-and-reorder", test_many_pieces_and_reorder);
  ADD ("/store/invalid-scores", test_invalid_scores);
  ADD ("/store/invalid-text", test_invalid_text);
  ADD ("/store/reads-end-their-statements", test_reads_end_their_statements);
  ADD ("/store/second-round-comment", test_second_round_comment);
#undef ADD
  g_test_add_func ("/store/memory", test_memory_store);
  g_test_add_func ("/store/default-path", test_default_path);

  {
    int rc = g_test_run ();
    g_autofree char *dir = g_build_filename (data_home, "verkstad", NULL);
    g_rmdir (dir);
    g_rmdir (data_home);
    return rc;
  }
}
