/* SPDX-License-Identifier: GPL-3.0-or-later */
/* VerkOrganisationModel, the Organisation Overview's data without GTK: its
 * filters' choices and matrix come from the store, a choice reads again, a
 * burst of edits is read once, and another store replaces the first (its
 * edits no longer count, a unit it lacks is dropped). */
#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "verk-organisation-model.h"

static const char *keys[] = { "siq.customer", "siq.cooperation", NULL };

/* A group with one workshop in @date's year, @people participants and
 * @score agreed on both values. */
static gint64
add_group (VerkStore  *store,
           const char *name,
           const char *unit,
           const char *date,
           guint       people,
           int         score)
{
  g_autoptr (GError) error = NULL;
  gint64 group = verk_store_add_group (store, name, unit, &error);
  gint64 workshop;

  g_assert_no_error (error);
  workshop = verk_store_add_workshop (store, group, date, "", &error);
  g_assert_no_error (error);
  for (guint p = 0; p < people; p++)
    {
      verk_store_add_participant (store, workshop, "", &error);
      g_assert_no_error (error);
    }
  for (guint k = 0; keys[k] != NULL; k++)
    {
      gint64 item = verk_store_add_item (store, workshop, "siq", keys[k], keys[k], "", &error);

      g_assert_no_error (error);
      verk_store_set_agreed (store, item, score, "", &error);
      g_assert_no_error (error);
    }
  return group;
}

static VerkStore *
new_store (void)
{
  g_autoptr (GError) error = NULL;
  VerkStore *store = verk_store_new (":memory:", &error);

  g_assert_no_error (error);
  add_group (store, "Rektorsgruppen", "Skola", "2025-03-01", 5, 4);
  add_group (store, "Förskolechefer", "Skola", "2026-03-01", 6, 2);
  add_group (store, "Plan och bygg", "Samhällsbyggnad", "2026-09-01", 3, 5);
  return store;
}

static void
count_changed (VerkOrganisationModel *model,
               guint                 *n)
{
  (*n)++;
}

static const VerkOrgGroup *
find_group (const VerkOrgMatrix *matrix,
            const char          *name)
{
  for (guint g = 0; g < matrix->groups->len; g++)
    if (g_str_equal (((VerkOrgGroup *) matrix->groups->pdata[g])->name, name))
      return matrix->groups->pdata[g];
  return NULL;
}

static void
test_choices (void)
{
  g_autoptr (VerkStore) store = new_store ();
  g_autoptr (VerkOrganisationModel) model = verk_organisation_model_new (store, keys);
  const char * const *units = verk_organisation_model_get_units (model);
  const VerkOrgMatrix *matrix = verk_organisation_model_get_matrix (model);
  const int *years;
  guint n_years, n_changed = 0;

  g_assert_cmpuint (g_strv_length ((char **) units), ==, 2);
  g_assert_cmpstr (units[0], ==, "Samhällsbyggnad");
  g_assert_cmpstr (units[1], ==, "Skola");
  years = verk_organisation_model_get_years (model, &n_years);
  g_assert_cmpuint (n_years, ==, 2);
  g_assert_cmpint (years[0], ==, 2025);
  g_assert_cmpint (years[1], ==, 2026);
  g_assert_nonnull (matrix);
  g_assert_cmpuint (matrix->groups->len, ==, 3);
  g_assert_cmpfloat (matrix->mean[0], ==, (4 + 2 + 5) / 3.0);

  g_signal_connect (model, "changed", G_CALLBACK (count_changed), &n_changed);
  /* the threshold hides the group of three, and leaves it out of the mean */
  verk_organisation_model_set_min_group_size (model, 4);
  matrix = verk_organisation_model_get_matrix (model);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_true (find_group (matrix, "Plan och bygg")->hidden);
  g_assert_true (isnan (find_group (matrix, "Plan och bygg")->agreed[0]));
  g_assert_cmpfloat (matrix->mean[0], ==, 3.0);

  verk_organisation_model_set_unit (model, "Skola");
  matrix = verk_organisation_model_get_matrix (model);
  g_assert_cmpuint (matrix->groups->len, ==, 2);
  g_assert_null (find_group (matrix, "Plan och bygg"));
  verk_organisation_model_set_year (model, 2026);
  matrix = verk_organisation_model_get_matrix (model);
  g_assert_cmpuint (matrix->groups->len, ==, 1);
  g_assert_nonnull (find_group (matrix, "Förskolechefer"));
  g_assert_cmpuint (n_changed, ==, 3);
  /* the same choice again reads nothing */
  verk_organisation_model_set_year (model, 2026);
  g_assert_cmpuint (n_changed, ==, 3);
}

static void
test_follows_edits (void)
{
  g_autoptr (VerkStore) store = new_store ();
  g_autoptr (VerkOrganisationModel) model = verk_organisation_model_new (store, keys);
  guint n_changed = 0;

  g_signal_connect (model, "changed", G_CALLBACK (count_changed), &n_changed);
  /* a burst of edits (an import) is read once, when idle */
  add_group (store, "Socialtjänstens ledningsgrupp", "Socialtjänsten", "2026-10-01", 8, 3);
  g_assert_cmpuint (n_changed, ==, 0);
  while (n_changed == 0)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (verk_organisation_model_get_matrix (model)->groups->len, ==, 4);
  g_assert_true (g_strv_contains (verk_organisation_model_get_units (model), "Socialtjänsten"));
}

static void
test_other_store (void)
{
  g_autoptr (VerkStore) first = new_store ();
  g_autoptr (VerkStore) second = NULL;
  g_autoptr (VerkOrganisationModel) model = verk_organisation_model_new (first, keys);
  g_autoptr (GError) error = NULL;
  const VerkOrgMatrix *matrix;
  guint n_changed = 0;

  second = verk_store_new (":memory:", &error);
  g_assert_no_error (error);
  add_group (second, "Gatu- och parkchefer", "Samhällsbyggnad", "2027-03-01", 7, 1);
  verk_organisation_model_set_unit (model, "Skola");
  g_signal_connect (model, "changed", G_CALLBACK (count_changed), &n_changed);

  g_object_set (model, "store", second, NULL);
  g_assert_true (verk_organisation_model_get_store (model) == second);
  g_assert_cmpuint (n_changed, ==, 1);
  /* "Skola" is not in the second database: every unit again */
  g_assert_null (verk_organisation_model_get_unit (model));
  matrix = verk_organisation_model_get_matrix (model);
  g_assert_cmpuint (matrix->groups->len, ==, 1);
  g_assert_nonnull (find_group (matrix, "Gatu- och parkchefer"));

  /* the first store's edits no longer reach it; the second's do */
  add_group (first, "IFO ledning", "Socialtjänsten", "2026-10-01", 8, 3);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (n_changed, ==, 1);
  add_group (second, "Gymnasiets ledning", "Skola", "2027-10-01", 8, 3);
  while (n_changed == 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (verk_organisation_model_get_matrix (model)->groups->len, ==, 2);

  /* no store: nothing to show, and nothing offered */
  verk_organisation_model_set_store (model, NULL);
  g_assert_null (verk_organisation_model_get_matrix (model));
  g_assert_cmpuint (g_strv_length ((char **) verk_organisation_model_get_units (model)), ==, 0);
}

/* Sets the status of the copy of the workshop's only action carried into
 * @followup. */
static void
set_carried_status (VerkStore        *store,
                    gint64            followup,
                    VerkActionStatus  status)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) carried = verk_store_list_actions (store, followup, &error);
  VerkAction *copy;

  g_assert_no_error (error);
  g_assert_cmpuint (carried->len, ==, 1);
  copy = g_ptr_array_index (carried, 0);
  copy->status = status;
  verk_store_update_action (store, copy, &error);
  g_assert_no_error (error);
}

/* A workshop followed up twice: its action counts once, as the latest
 * follow-up that carried it decided. */
static void
test_actions_latest_follow_up (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (VerkOrganisationModel) model = NULL;
  VerkAction action = { .what = (char *) "Gemensam uppföljning", .owner = (char *) "",
                        .followup = (char *) "", .status = VERK_ACTION_OPEN };
  const VerkOrgGroup *group;
  gint64 group_id, early, late;

  g_assert_no_error (error);
  group_id = verk_store_add_group (store, "Rektorsgruppen", "Skola", &error);
  g_assert_no_error (error);
  action.workshop_id = verk_store_add_workshop (store, group_id, "2025-03-01", "", &error);
  g_assert_no_error (error);
  for (guint p = 0; p < 5; p++)
    {
      verk_store_add_participant (store, action.workshop_id, "", &error);
      g_assert_no_error (error);
    }
  verk_store_add_action (store, &action, &error);
  g_assert_no_error (error);
  early = verk_store_add_followup (store, action.workshop_id, "2025-09-01", "", &error);
  g_assert_no_error (error);
  late = verk_store_add_followup (store, action.workshop_id, "2026-03-01", "", &error);
  g_assert_no_error (error);
  set_carried_status (store, early, VERK_ACTION_DONE);
  set_carried_status (store, late, VERK_ACTION_IN_PROGRESS);

  model = verk_organisation_model_new (store, keys);
  group = verk_organisation_model_get_matrix (model)->groups->pdata[0];
  /* the original action, and the copy in the first follow-up (followed up
   * by nothing) does not count; the second follow-up's copy neither */
  g_assert_cmpuint (group->n_followed_up, ==, 1);
  g_assert_cmpuint (group->n_done, ==, 0);

  set_carried_status (store, late, VERK_ACTION_DONE);
  verk_organisation_model_reload (model);
  group = verk_organisation_model_get_matrix (model)->groups->pdata[0];
  g_assert_cmpuint (group->n_followed_up, ==, 1);
  g_assert_cmpuint (group->n_done, ==, 1);
}

/* The store of new_store() in a file, with actions followed up in two of
 * its groups: what a worker thread reads on a connection of its own. */
static VerkStore *
new_file_store (char **dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  VerkStore *store;
  VerkAction action = { .what = (char *) "Gemensam uppföljning", .owner = (char *) "",
                        .followup = (char *) "", .status = VERK_ACTION_DONE };
  const char *names[] = { "Rektorsgruppen", "Förskolechefer" };

  *dir = g_dir_make_tmp ("verkstad-org-model-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "org.db", NULL);
  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  add_group (store, "Plan och bygg", "Samhällsbyggnad", "2026-09-01", 3, 5);
  for (guint g = 0; g < G_N_ELEMENTS (names); g++)
    {
      gint64 group = add_group (store, names[g], "Skola", g == 0 ? "2025-03-01" : "2026-03-01", 5 + g, 4 - 2 * g);
      g_autoptr (GPtrArray) workshops = verk_store_list_workshops (store, group, &error);

      g_assert_no_error (error);
      action.workshop_id = ((VerkWorkshop *) workshops->pdata[0])->id;
      verk_store_add_action (store, &action, &error);
      g_assert_no_error (error);
      verk_store_add_followup (store, action.workshop_id, g == 0 ? "2025-09-01" : "2026-09-01", "", &error);
      g_assert_no_error (error);
    }
  return store;
}

static void
remove_file_store (VerkStore **store,
                   char       *dir)
{
  g_autofree char *path = g_strdup (verk_store_get_path (*store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

/* Two matrices hold the same, to the bit (the same code adds the same rows
 * up in the same order). */
static void
assert_same_matrix (const VerkOrgMatrix *a,
                    const VerkOrgMatrix *b)
{
  g_assert_cmpuint (a->n_keys, ==, b->n_keys);
  g_assert_cmpmem (a->mean, a->n_keys * sizeof (double), b->mean, b->n_keys * sizeof (double));
  g_assert_cmpuint (a->groups->len, ==, b->groups->len);
  for (guint g = 0; g < a->groups->len; g++)
    {
      const VerkOrgGroup *ga = a->groups->pdata[g], *gb = b->groups->pdata[g];

      g_assert_cmpint (ga->group_id, ==, gb->group_id);
      g_assert_cmpstr (ga->name, ==, gb->name);
      g_assert_cmpstr (ga->unit, ==, gb->unit);
      g_assert_cmpuint (ga->n_workshops, ==, gb->n_workshops);
      g_assert_cmpuint (ga->group_size, ==, gb->group_size);
      g_assert_cmpint (ga->hidden, ==, gb->hidden);
      g_assert_cmpmem (ga->agreed, a->n_keys * sizeof (double), gb->agreed, b->n_keys * sizeof (double));
      g_assert_cmpmem (ga->difference, a->n_keys * sizeof (double), gb->difference, b->n_keys * sizeof (double));
      g_assert_cmpmem (ga->n_agreed, a->n_keys * sizeof (guint), gb->n_agreed, b->n_keys * sizeof (guint));
      g_assert_cmpuint (ga->n_followed_up, ==, gb->n_followed_up);
      g_assert_cmpuint (ga->n_done, ==, gb->n_done);
      g_assert_cmpmem (&ga->done_share, sizeof (double), &gb->done_share, sizeof (double));
    }
  g_assert_cmpuint (a->units->len, ==, b->units->len);
  for (guint u = 0; u < a->units->len; u++)
    {
      const VerkOrgUnit *ua = a->units->pdata[u], *ub = b->units->pdata[u];

      g_assert_cmpstr (ua->name, ==, ub->name);
      g_assert_cmpuint (ua->n_groups, ==, ub->n_groups);
      g_assert_cmpuint (ua->n_followed_up, ==, ub->n_followed_up);
      g_assert_cmpuint (ua->n_done, ==, ub->n_done);
    }
  g_assert_cmpuint (a->n_years, ==, b->n_years);
  g_assert_cmpmem (a->years, a->n_years * sizeof (int), b->years, b->n_years * sizeof (int));
  g_assert_cmpmem (a->trend, a->n_years * a->n_keys * sizeof (double),
                   b->trend, b->n_years * b->n_keys * sizeof (double));
}

static gpointer
run_read (gpointer read)
{
  return GINT_TO_POINTER (verk_org_read_run (read));
}

static gpointer
run_read_actions (gpointer read)
{
  return GINT_TO_POINTER (verk_org_read_run_actions (read));
}

/* The read on a worker thread's own connection gives what the store's
 * connection gives, for every unit, year and threshold. */
static void
test_read_in_thread_identical (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (VerkStore) store = new_file_store (&dir);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) units = NULL;
  g_autoptr (GArray) years = NULL;
  const guint thresholds[] = { 0, 4, 6, 9 };
  guint n_read = 0;

  g_assert_true (verk_store_list_organisation_filters (store, &units, &years, &error));
  g_assert_no_error (error);
  for (guint u = 0; u <= g_strv_length (units); u++)
    for (guint y = 0; y <= years->len; y++)
      for (guint t = 0; t < G_N_ELEMENTS (thresholds); t++)
        {
          const char *unit = u == 0 ? NULL : units[u - 1];
          int year = y == 0 ? 0 : g_array_index (years, int, y - 1);
          g_autoptr (VerkOrgMatrix) here = verk_store_get_organisation (store, keys, unit, year, thresholds[t],
                                                                          &error);
          g_autoptr (VerkOrgRead) read = verk_store_new_organisation_read (store, keys, unit, year, thresholds[t]);
          g_autoptr (VerkOrgMatrix) there = NULL;
          g_auto (GStrv) read_units = NULL;
          g_autoptr (GArray) read_years = NULL;

          g_assert_no_error (error);
          g_assert_nonnull (read);
          g_assert_true (g_thread_join (g_thread_new ("read", run_read, read)));
          there = verk_org_read_steal (read, &read_units, &read_years);
          g_assert_nonnull (there);
          /* the matrix first, its actions after */
          g_assert_true (here->actions_read);
          g_assert_false (there->actions_read);
          for (guint g = 0; g < there->groups->len; g++)
            g_assert_cmpuint (((VerkOrgGroup *) there->groups->pdata[g])->n_followed_up, ==, 0);
          g_assert_false (verk_org_read_set_actions (read, there));
          g_assert_true (g_thread_join (g_thread_new ("read", run_read_actions, read)));
          g_assert_true (verk_org_read_set_actions (read, there));
          g_assert_true (there->actions_read);
          g_assert_true (g_strv_equal ((const char * const *) units, (const char * const *) read_units));
          g_assert_cmpmem (years->data, years->len * sizeof (int), read_years->data, read_years->len * sizeof (int));
          assert_same_matrix (here, there);
          n_read++;
        }
  /* every filter was tried, with something in it */
  g_assert_cmpuint (n_read, ==, 3 * 3 * G_N_ELEMENTS (thresholds));
  remove_file_store (&store, dir);
}

/* The first ::changed of a read in the background: the matrix without
 * its actions, the read taken. */
static void
check_first_read (VerkOrganisationModel *model,
                  guint                 *n)
{
  if (++*n > 1)
    return;
  g_assert_false (verk_organisation_model_is_reading (model));
  g_assert_nonnull (verk_organisation_model_get_matrix (model));
  g_assert_false (verk_organisation_model_get_matrix (model)->actions_read);
}

/* The model reads a file's store on a worker thread: nothing until it is
 * taken, then what a read on this thread gives; an edit meanwhile drops it
 * and reads on this thread; a store in memory is read at once. */
static void
test_in_background (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (VerkStore) store = new_file_store (&dir);
  g_autoptr (VerkStore) in_memory = new_store ();
  g_autoptr (VerkOrganisationModel) here = verk_organisation_model_new (store, keys);
  g_autoptr (VerkOrganisationModel) model = verk_organisation_model_new (NULL, keys);
  guint n_changed = 0, n_first = 0;
  gulong first_id;

  g_signal_connect (model, "changed", G_CALLBACK (count_changed), &n_changed);
  verk_organisation_model_set_min_group_size (model, 4);
  verk_organisation_model_set_min_group_size (here, 4);
  n_changed = 0;
  first_id = g_signal_connect (model, "changed", G_CALLBACK (check_first_read), &n_first);
  verk_organisation_model_set_store_in_background (model, store);
  g_assert_true (verk_organisation_model_get_store (model) == store);
  g_assert_true (verk_organisation_model_is_reading (model));
  g_assert_null (verk_organisation_model_get_matrix (model));
  g_assert_cmpuint (n_changed, ==, 0);
  while (n_changed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (model, first_id);
  g_assert_false (verk_organisation_model_is_reading (model));
  g_assert_nonnull (verk_organisation_model_get_matrix (model));
  g_assert_true (g_strv_equal (verk_organisation_model_get_units (here), verk_organisation_model_get_units (model)));
  /* then the actions, when the loop runs */
  while (!verk_organisation_model_get_matrix (model)->actions_read)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_changed, ==, 2);
  assert_same_matrix (verk_organisation_model_get_matrix (here), verk_organisation_model_get_matrix (model));
  /* the thread's own notice of the matrix changes nothing */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (n_changed, ==, 2);

  /* when the thread is done, the loop takes its read without waiting */
  verk_organisation_model_set_store (model, NULL);
  n_changed = 0;
  verk_organisation_model_set_store_in_background (model, store);
  while (n_changed < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (verk_organisation_model_is_reading (model));
  assert_same_matrix (verk_organisation_model_get_matrix (here), verk_organisation_model_get_matrix (model));

  /* another choice while it reads: read here, the thread's read dropped */
  verk_organisation_model_set_store (model, NULL);
  verk_organisation_model_set_store_in_background (model, store);
  n_changed = 0;
  verk_organisation_model_set_unit (model, "Skola");
  g_assert_false (verk_organisation_model_is_reading (model));
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (verk_organisation_model_get_matrix (model)->groups->len, ==, 2);
  g_usleep (G_USEC_PER_SEC / 10);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (verk_organisation_model_get_matrix (model)->groups->len, ==, 2);

  /* a store in memory has no file another connection could read */
  verk_organisation_model_set_unit (model, NULL);
  n_changed = 0;
  verk_organisation_model_set_store_in_background (model, in_memory);
  g_assert_false (verk_organisation_model_is_reading (model));
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (verk_organisation_model_get_matrix (model)->groups->len, ==, 3);

  g_clear_object (&model);
  g_clear_object (&here);
  remove_file_store (&store, dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/organisation-model/choices", test_choices);
  g_test_add_func ("/organisation-model/follows-edits", test_follows_edits);
  g_test_add_func ("/organisation-model/other-store", test_other_store);
  g_test_add_func ("/organisation-model/actions-latest-follow-up", test_actions_latest_follow_up);
  g_test_add_func ("/organisation-model/read-in-thread-identical", test_read_in_thread_identical);
  g_test_add_func ("/organisation-model/in-background", test_in_background);
  return g_test_run ();
}
