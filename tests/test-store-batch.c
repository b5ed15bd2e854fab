/* SPDX-License-Identifier: GPL-3.0-or-later */
/* verk_store_set_scores(): many scores in one transaction, all or none, one
 * changed signal per workshop touched. */
#include "config.h"

#include <glib/gstdio.h>

#include "verk-store.h"

typedef struct {
  char      *dir;
  VerkStore *store;
  GArray    *changes;   /* workshop ids announced with VERK_CHANGE_SCORES */
  gint64     workshop[2];
  gint64     item[2][2];
  gint64     participant[2][2];
} Fixture;

static void
on_changed (VerkStore *store,
            int        kind,
            gint64     workshop_id,
            Fixture   *f)
{
  if (kind == VERK_CHANGE_SCORES)
    g_array_append_val (f->changes, workshop_id);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 group;

  f->dir = g_dir_make_tmp ("verk-store-batch-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = verk_store_new (path, &error);
  g_assert_no_error (error);
  group = verk_store_add_group (f->store, "Ledningsgruppen", "", &error);
  g_assert_no_error (error);
  for (int w = 0; w < 2; w++)
    {
      f->workshop[w] = verk_store_add_workshop (f->store, group, w == 0 ? "2025-09-01" : "2026-03-14",
                                                NULL, &error);
      g_assert_no_error (error);
      for (int i = 0; i < 2; i++)
        {
          f->item[w][i] = verk_store_add_item (f->store, f->workshop[w], "siq", NULL,
                                               i == 0 ? "Samverkan" : "Långsiktighet", "", &error);
          g_assert_no_error (error);
          f->participant[w][i] = verk_store_add_participant (f->store, f->workshop[w],
                                                             i == 0 ? "Åsa" : "", &error);
          g_assert_no_error (error);
        }
    }
  f->changes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_array_unref (f->changes);
}

/* The value stored for (item, participant), 0 when there is none. */
static int
stored (Fixture *f,
        gint64   workshop_id,
        gint64   item_id,
        gint64   participant_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) scores = verk_store_list_scores (f->store, workshop_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < scores->len; i++)
    {
      VerkScore *s = g_ptr_array_index (scores, i);
      if (s->item_id == item_id && s->participant_id == participant_id)
        return s->value;
    }
  return 0;
}

static void
test_batch_writes_all (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  VerkScore scores[] = {
    { .item_id = f->item[0][0], .participant_id = f->participant[0][0], .value = 3 },
    { .item_id = f->item[0][1], .participant_id = f->participant[0][1], .value = 5 },
    { .item_id = f->item[1][0], .participant_id = f->participant[1][1], .value = 1 },
    { .item_id = f->item[0][0], .participant_id = f->participant[0][0], .value = 4 },  /* later wins */
  };

  g_assert_true (verk_store_set_scores (f->store, scores, G_N_ELEMENTS (scores), &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored (f, f->workshop[0], f->item[0][0], f->participant[0][0]), ==, 4);
  g_assert_cmpint (stored (f, f->workshop[0], f->item[0][1], f->participant[0][1]), ==, 5);
  g_assert_cmpint (stored (f, f->workshop[1], f->item[1][0], f->participant[1][1]), ==, 1);

  /* One announcement per workshop, in the order first touched. */
  g_assert_cmpuint (f->changes->len, ==, 2);
  g_assert_cmpint (g_array_index (f->changes, gint64, 0), ==, f->workshop[0]);
  g_assert_cmpint (g_array_index (f->changes, gint64, 1), ==, f->workshop[1]);

  /* 0 clears; an empty batch succeeds and announces nothing. */
  scores[0].value = 0;
  g_assert_true (verk_store_set_scores (f->store, scores, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored (f, f->workshop[0], f->item[0][0], f->participant[0][0]), ==, 0);
  g_array_set_size (f->changes, 0);
  g_assert_true (verk_store_set_scores (f->store, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changes->len, ==, 0);
}

static void
test_batch_all_or_none (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  VerkScore bad_value[] = {
    { .item_id = f->item[0][0], .participant_id = f->participant[0][0], .value = 2 },
    { .item_id = f->item[0][1], .participant_id = f->participant[0][1], .value = 6 },
  };
  VerkScore mixed_workshops[] = {
    { .item_id = f->item[0][0], .participant_id = f->participant[0][0], .value = 2 },
    { .item_id = f->item[0][1], .participant_id = f->participant[1][0], .value = 3 },  /* other workshop's participant */
  };
  VerkScore missing[] = {
    { .item_id = f->item[0][0], .participant_id = f->participant[0][0], .value = 2 },
    { .item_id = 987654, .participant_id = f->participant[0][0], .value = 3 },
  };

  g_assert_false (verk_store_set_scores (f->store, bad_value, G_N_ELEMENTS (bad_value), &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (verk_store_set_scores (f->store, mixed_workshops, G_N_ELEMENTS (mixed_workshops), &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (verk_store_set_scores (f->store, missing, G_N_ELEMENTS (missing), &error));
  g_assert_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing of the refused batches was kept, nothing announced, and the
   * store still takes edits (no transaction left open). */
  g_assert_cmpint (stored (f, f->workshop[0], f->item[0][0], f->participant[0][0]), ==, 0);
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_true (verk_store_set_score (f->store, f->item[0][0], f->participant[0][0], 5, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored (f, f->workshop[0], f->item[0][0], f->participant[0][0]), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store/batch/writes-all", Fixture, NULL, fixture_set_up, test_batch_writes_all, fixture_tear_down);
  g_test_add ("/store/batch/all-or-none", Fixture, NULL, fixture_set_up, test_batch_all_or_none, fixture_tear_down);
  return g_test_run ();
}
