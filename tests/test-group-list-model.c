/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "verk-group-list-model-private.h"
#include "verk-record.h"

/* VerkGroupListModel: after every kind of edit it lists what the store's
 * one-row reads say, in the start page's order, and its items-changed name
 * only the groups that changed (a mirror that follows the signals alone ends
 * up equal to the model). */

typedef struct {
  VerkStore          *store;
  VerkGroupListModel *model;
  GPtrArray          *mirror;    /* VerkGroupEntry, kept by items-changed alone */
  GArray             *signals;   /* Change */
  guint               n_changed; /* ::changed */
  gint64              east, west, north;
  gint64              east_old, east_new, west_only;
} Fixture;

typedef struct {
  guint position, removed, added;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  Change change = { position, removed, added };

  g_array_append_val (f->signals, change);
  g_ptr_array_remove_range (f->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (f->mirror, position + i, g_list_model_get_item (model, position + i));
}

static void
on_changed (VerkGroupListModel *model,
            Fixture            *f)
{
  f->n_changed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->store = verk_store_new (":memory:", &error);
  g_assert_no_error (error);
  f->east = verk_store_add_group (f->store, "Ledningsgruppen Öst", "Vård", &error);
  f->west = verk_store_add_group (f->store, "Ledningsgruppen Väst", "", &error);
  f->north = verk_store_add_group (f->store, "Ledningsgruppen Norr", "Skola", &error);
  f->east_old = verk_store_add_workshop (f->store, f->east, "2024-03-01", "Åsa", &error);
  f->east_new = verk_store_add_followup (f->store, f->east_old, "2024-09-01", "Åsa", &error);
  f->west_only = verk_store_add_workshop (f->store, f->west, "2025-05-01", "Bo", &error);
  g_assert_no_error (error);
  g_assert_cmpint (verk_store_add_participant (f->store, f->west_only, "Anna", &error), >, 0);
  g_assert_cmpint (verk_store_add_participant (f->store, f->west_only, "", &error), >, 0);
  g_assert_no_error (error);

  f->model = verk_group_list_model_new (f->store);
  g_assert_null (verk_group_list_model_get_error (f->model));
  f->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->model)); i++)
    g_ptr_array_add (f->mirror, g_list_model_get_item (G_LIST_MODEL (f->model), i));
  f->signals = g_array_new (FALSE, FALSE, sizeof (Change));
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed), f);
  g_signal_connect (f->model, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->model);
  g_clear_object (&f->store);
  g_clear_pointer (&f->mirror, g_ptr_array_unref);
  g_clear_pointer (&f->signals, g_array_unref);
}

static VerkGroupEntry *
entry_at (Fixture *f,
          guint    position)
{
  g_autoptr (VerkGroupEntry) entry = g_list_model_get_item (G_LIST_MODEL (f->model), position);

  g_assert_nonnull (entry);
  return entry;   /* the model keeps its own reference */
}

/* The model equals what the store's one-row reads say, and the mirror kept
 * by items-changed equals the model. */
static void
assert_current (Fixture *f)
{
  g_autoptr (GPtrArray) groups = verk_store_list_groups (f->store, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->model));

  g_assert_cmpuint (n, ==, groups->len);
  g_assert_cmpuint (f->mirror->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      VerkGroupEntry *entry = entry_at (f, i);
      const VerkGroup *group = verk_group_entry_get_group (entry);
      g_autoptr (VerkGroup) stored = verk_store_get_group (f->store, group->id, NULL);
      g_autoptr (GPtrArray) workshops = verk_store_list_workshops (f->store, group->id, NULL);

      g_assert_true (g_ptr_array_index (f->mirror, i) == entry);
      g_assert_true (verk_group_list_model_find_group (f->model, group->id) == entry);
      g_assert_cmpstr (group->name, ==, stored->name);
      g_assert_cmpstr (group->unit, ==, stored->unit);
      g_assert_cmpuint (verk_group_entry_get_n_workshops (entry), ==, workshops->len);
      g_assert_cmpuint (g_list_model_get_n_items (verk_group_entry_get_workshops (entry)), ==,
                        workshops->len);
      for (guint j = 0; j < workshops->len; j++)
        {
          VerkWorkshop *w = g_ptr_array_index (workshops, j);
          const VerkWorkshopSummary *s = verk_group_entry_get_workshop (entry, j);
          g_autoptr (GPtrArray) people = verk_store_list_participants (f->store, w->id, NULL);
          /* The workshop it follows up, by the one rule (a link, else the latest before it). */
          gint64 previous_id = verk_store_get_previous_workshop_id (f->store, w->id, NULL);
          g_autoptr (VerkWorkshop) previous = previous_id != 0
                                              ? verk_store_get_workshop (f->store, previous_id, NULL) : NULL;

          g_assert_cmpint (s->workshop->id, ==, w->id);
          g_assert_cmpstr (s->workshop->date, ==, w->date);
          g_assert_cmpstr (s->workshop->facilitator, ==, w->facilitator);
          g_assert_cmpuint (s->n_participants, ==, people->len);
          g_assert_cmpstr (s->previous_date, ==, previous != NULL ? previous->date : NULL);
          g_assert_true (verk_group_list_model_find_workshop (f->model, w->id) == s);
        }
      /* The start page's order: no workshop yet first, then newest first. */
      if (i > 0)
        {
          const char *before = verk_group_entry_get_newest_date (entry_at (f, i - 1));
          const char *date = verk_group_entry_get_newest_date (entry);

          g_assert_true (before == NULL || (date != NULL && g_strcmp0 (before, date) >= 0));
        }
    }
}

static void
assert_signals (Fixture      *f,
                const Change *expected,
                guint         n_expected)
{
  g_assert_cmpuint (f->signals->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      Change *got = &g_array_index (f->signals, Change, i);

      g_assert_cmpuint (got->position, ==, expected[i].position);
      g_assert_cmpuint (got->removed, ==, expected[i].removed);
      g_assert_cmpuint (got->added, ==, expected[i].added);
    }
  g_array_set_size (f->signals, 0);
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  guint full, one;
  VerkGroupEntry *east;
  GListModel *workshops;
  g_autoptr (VerkRecord) record = NULL;

  assert_current (f);
  /* North has no workshop yet, West's is newer than East's. */
  g_assert_cmpint (verk_group_entry_get_id (entry_at (f, 0)), ==, f->north);
  g_assert_cmpint (verk_group_entry_get_id (entry_at (f, 1)), ==, f->west);
  g_assert_cmpint (verk_group_entry_get_id (entry_at (f, 2)), ==, f->east);
  east = entry_at (f, 2);
  g_assert_cmpstr (verk_group_entry_get_newest_date (east), ==, "2024-09-01");
  g_assert_cmpstr (verk_group_entry_get_workshop (east, 0)->previous_date, ==, "2024-03-01");
  g_assert_cmpuint (verk_group_list_model_find_workshop (f->model, f->west_only)->n_participants, ==, 2);
  workshops = verk_group_entry_get_workshops (east);
  record = g_list_model_get_item (workshops, 1);
  g_assert_cmpint (((const VerkWorkshopSummary *) verk_record_get_boxed (record))->workshop->id, ==,
                   f->east_old);
  /* Two queries, whatever the number of rows. */
  verk_group_list_model_get_reads (f->model, &full, &one);
  g_assert_cmpuint (full, ==, 1);
  g_assert_cmpuint (one, ==, 0);
}

/* A participant added: that workshop is read alone, and only its group's
 * entry is replaced; the other groups keep their entries. */
static void
test_participant_changes_one_group (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  VerkGroupEntry *north = entry_at (f, 0), *west = entry_at (f, 1);
  guint full, one;

  g_assert_cmpint (verk_store_add_participant (f->store, f->east_old, "Cilla", &error), >, 0);
  g_assert_no_error (error);
  assert_signals (f, (Change[]) { { 2, 1, 1 } }, 1);
  g_assert_cmpuint (f->n_changed, ==, 1);
  assert_current (f);
  g_assert_true (entry_at (f, 0) == north);
  g_assert_true (entry_at (f, 1) == west);
  verk_group_list_model_get_reads (f->model, &full, &one);
  g_assert_cmpuint (full, ==, 1);
  g_assert_cmpuint (one, ==, 1);

  /* An edit that changes nothing shown (a participant renamed) emits nothing. */
  {
    g_autoptr (GPtrArray) people = verk_store_list_participants (f->store, f->west_only, NULL);
    VerkParticipant *anna = g_ptr_array_index (people, 0);

    g_assert_true (verk_store_rename_participant (f->store, anna->id, "Anna Ek", &error));
    g_assert_no_error (error);
    assert_signals (f, NULL, 0);
    g_assert_cmpuint (f->n_changed, ==, 1);
  }
}

/* A new workshop makes its group the newest: it moves up, and the group it
 * passes keeps its entry. */
static void
test_new_workshop_moves_group (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  VerkGroupEntry *west = entry_at (f, 1);

  g_assert_cmpint (verk_store_add_workshop (f->store, f->east, "2026-01-15", "Åsa", &error), >, 0);
  g_assert_no_error (error);
  assert_signals (f, (Change[]) { { 2, 1, 0 }, { 1, 0, 1 } }, 2);
  assert_current (f);
  g_assert_cmpint (verk_group_entry_get_id (entry_at (f, 1)), ==, f->east);
  g_assert_true (entry_at (f, 2) == west);

  /* A workshop's date edited into the past moves it within its group. */
  g_assert_true (verk_store_update_workshop (f->store, f->east_new, "2023-01-01", "Åsa", "", &error));
  g_assert_no_error (error);
  assert_signals (f, (Change[]) { { 1, 1, 1 } }, 1);
  assert_current (f);
  g_assert_cmpint (verk_group_entry_get_workshop (entry_at (f, 1), 2)->workshop->id, ==, f->east_new);

  /* What each follows up moves with it: the new one (no link) follows up the
   * latest before it; with the one it links to in the trash, the follow-up
   * has nothing before it. */
  g_assert_cmpstr (verk_group_entry_get_workshop (entry_at (f, 1), 0)->previous_date, ==, "2024-03-01");
  g_assert_cmpstr (verk_group_entry_get_workshop (entry_at (f, 1), 2)->previous_date, ==, "2024-03-01");
  g_assert_true (verk_store_trash_workshop (f->store, f->east_old, &error));
  g_assert_no_error (error);
  assert_current (f);
  g_assert_cmpstr (verk_group_entry_get_workshop (entry_at (f, 1), 0)->previous_date, ==, "2023-01-01");
  g_assert_null (verk_group_entry_get_workshop (entry_at (f, 1), 1)->previous_date);
}

/* Renamed, trashed and restored groups and workshops. */
static void
test_groups_and_trash (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (verk_store_update_group (f->store, f->north, "Ledningsgruppen Nord", "Skola", &error));
  g_assert_no_error (error);
  assert_signals (f, (Change[]) { { 0, 1, 1 } }, 1);
  assert_current (f);

  g_assert_true (verk_store_trash_group (f->store, f->west, &error));
  assert_signals (f, (Change[]) { { 1, 1, 0 } }, 1);
  assert_current (f);
  g_assert_null (verk_group_list_model_find_group (f->model, f->west));
  g_assert_null (verk_group_list_model_find_workshop (f->model, f->west_only));

  g_assert_true (verk_store_restore_group (f->store, f->west, &error));
  assert_signals (f, (Change[]) { { 1, 0, 1 } }, 1);
  assert_current (f);

  /* The newest workshop of East to the trash: East keeps its place. */
  g_assert_true (verk_store_trash_workshop (f->store, f->east_new, &error));
  assert_signals (f, (Change[]) { { 2, 1, 1 } }, 1);
  assert_current (f);
  g_assert_cmpstr (verk_group_entry_get_newest_date (entry_at (f, 2)), ==, "2024-03-01");

  /* A new group comes first; the others keep their entries. */
  g_assert_cmpint (verk_store_add_group (f->store, "Ny grupp", "", &error), >, 0);
  assert_signals (f, (Change[]) { { 0, 0, 1 } }, 1);
  assert_current (f);
  g_assert_no_error (error);
}

/* Many edits in a row, each checked against the store. */
static void
test_many_edits (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  gint64 groups[8];

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_autofree char *name = g_strdup_printf ("Grupp %u", i);

      groups[i] = verk_store_add_group (f->store, name, "", &error);
      g_assert_no_error (error);
      assert_current (f);
    }
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *date = g_strdup_printf ("20%02u-%02u-01", 10 + (i * 7) % 17, 1 + (i * 5) % 12);
      gint64 w = verk_store_add_workshop (f->store, groups[(i * 3) % G_N_ELEMENTS (groups)], date, "Eva", &error);

      g_assert_no_error (error);
      assert_current (f);
      if (i % 3 == 0)
        {
          g_assert_cmpint (verk_store_add_participant (f->store, w, "", &error), >, 0);
          assert_current (f);
        }
      if (i % 5 == 0)
        {
          g_assert_true (verk_store_trash_workshop (f->store, w, &error));
          assert_current (f);
        }
    }
  g_assert_true (verk_store_trash_group (f->store, groups[2], &error));
  assert_current (f);
  g_assert_true (verk_group_list_model_reload (f->model, &error));
  g_assert_no_error (error);
  assert_current (f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add ("/group-list-model/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("load", test_load);
  ADD ("participant-changes-one-group", test_participant_changes_one_group);
  ADD ("new-workshop-moves-group", test_new_workshop_moves_group);
  ADD ("groups-and-trash", test_groups_and_trash);
  ADD ("many-edits", test_many_edits);
  return g_test_run ();
}
