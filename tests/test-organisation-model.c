/* SPDX-License-Identifier: GPL-3.0-or-later */
/* VerkOrganisationModel, the Organisation Overview's data without GTK: its
 * filters' choices and matrix come from the store, a choice reads again, a
 * burst of edits is read once, and another store replaces the first (its
 * edits no longer count, a unit it lacks is dropped); the actions done at
 * follow-up, case by case (written to a file for the workbook's readers
 * with: test-organisation-model --write-cases DB). */
#include "config.h"

#include <math.h>
#include <string.h>
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

/* Only agreed values count: not a piece whose agreed score was cleared,
 * nor one without a key, nor another framework's piece of the same key. */
static void
test_scores_left_out (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (VerkOrgMatrix) matrix = NULL;
  const VerkOrgGroup *group;
  gint64 workshop, item;

  g_assert_no_error (error);
  add_group (store, "Rektorsgruppen", "Skola", "2026-03-01", 5, 4);
  workshop = verk_store_add_workshop (store, add_group (store, "Förskolechefer", "Skola", "2025-03-01", 6, 2),
                                      "2026-04-01", "", &error);
  g_assert_no_error (error);
  item = verk_store_add_item (store, workshop, "siq", keys[0], keys[0], "", &error);
  g_assert_no_error (error);
  g_assert_true (verk_store_set_agreed (store, item, 5, "", &error));
  g_assert_true (verk_store_set_agreed (store, item, 0, "Vi hann inte", &error));
  item = verk_store_add_item (store, workshop, "siq", NULL, "Utan nyckel", "", &error);
  g_assert_no_error (error);
  g_assert_true (verk_store_set_agreed (store, item, 5, "", &error));
  item = verk_store_add_item (store, workshop, "scale", keys[0], keys[0], "", &error);
  g_assert_no_error (error);
  g_assert_true (verk_store_set_agreed (store, item, 5, "", &error));
  g_assert_no_error (error);

  matrix = verk_store_get_organisation (store, keys, NULL, 0, 0, &error);
  g_assert_no_error (error);
  group = find_group (matrix, "Förskolechefer");
  g_assert_cmpuint (group->n_agreed[0], ==, 1);
  g_assert_cmpfloat (group->agreed[0], ==, 2.0);
  g_assert_cmpuint (group->n_agreed[1], ==, 1);
  g_assert_cmpfloat (matrix->mean[0], ==, 3.0);
  g_assert_cmpuint (matrix->n_years, ==, 2);
  g_assert_cmpfloat (matrix->trend[1 * matrix->n_keys + 0], ==, 4.0);
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

/* A workshop followed up twice: its action counts once, as its latest
 * follow-up decided. */
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

/* The years offered: each once, ascending, whatever order the workshops
 * were written in; none only a trashed workshop or group holds; the same
 * from the worker's read whatever unit and year it is asked for. */
static void
test_years (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkstad-org-model-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "org.db", NULL);
  g_autoptr (VerkStore) store = verk_store_new (path, &error);
  g_auto (GStrv) units = NULL;
  g_autoptr (GArray) years = NULL;
  gint64 group, trashed_workshop;
  const int expected[] = { 2024, 2026, 2027 };
  const struct { const char *unit; int year; } asked[] = {
    { NULL, 0 }, { "Samhällsbyggnad", 2027 }, { NULL, 2024 }, { "Skola", 2023 },
  };

  g_assert_no_error (error);
  group = add_group (store, "Rektorsgruppen", "Skola", "2027-05-01", 5, 4);
  add_group (store, "Förskolechefer", "Skola", "2024-01-15", 6, 2);
  add_group (store, "Plan och bygg", "Samhällsbyggnad", "2027-02-01", 3, 5);
  add_group (store, "Fritidshem", "Skola", "2026-12-31", 4, 3);
  g_assert_true (verk_store_trash_group (store, add_group (store, "Gamla gruppen", "Skola", "2023-06-01", 5, 3),
                                         &error));
  g_assert_no_error (error);
  trashed_workshop = verk_store_add_workshop (store, group, "2022-09-01", "", &error);
  g_assert_no_error (error);
  g_assert_true (verk_store_trash_workshop (store, trashed_workshop, &error));
  g_assert_no_error (error);

  g_assert_true (verk_store_list_organisation_filters (store, &units, &years, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (years->data, years->len * sizeof (int), expected, sizeof expected);
  for (guint a = 0; a < G_N_ELEMENTS (asked); a++)
    {
      g_autoptr (VerkOrgRead) read = verk_store_new_organisation_read (store, keys, asked[a].unit, asked[a].year, 0);
      g_autoptr (VerkOrgMatrix) matrix = NULL;
      g_auto (GStrv) read_units = NULL;
      g_autoptr (GArray) read_years = NULL;

      g_assert_nonnull (read);
      g_assert_true (verk_org_read_run (read));
      matrix = verk_org_read_steal (read, &read_units, &read_years);
      g_assert_nonnull (matrix);
      g_assert_cmpmem (read_years->data, read_years->len * sizeof (int), expected, sizeof expected);
      g_assert_true (g_strv_equal ((const char * const *) units, (const char * const *) read_units));
    }
  remove_file_store (&store, dir);
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

/* The state letter (/proc's "R", "S", …) of each worker thread of the
 * model's reads still running in this process (named by g_thread_new()). */
static GString *
read_thread_states (void)
{
  g_autoptr (GDir) tasks = g_dir_open ("/proc/self/task", 0, NULL);
  GString *states = g_string_new (NULL);
  const char *task;

  g_assert_nonnull (tasks);
  while ((task = g_dir_read_name (tasks)) != NULL)
    {
      g_autofree char *comm_path = g_build_filename ("/proc/self/task", task, "comm", NULL);
      g_autofree char *stat_path = g_build_filename ("/proc/self/task", task, "stat", NULL);
      g_autofree char *comm = NULL;
      g_autofree char *stat = NULL;
      const char *after_name;

      if (g_file_get_contents (comm_path, &comm, NULL, NULL) && g_str_equal (comm, "verk-org-read\n")
          && g_file_get_contents (stat_path, &stat, NULL, NULL)
          && (after_name = strrchr (stat, ')')) != NULL && after_name[1] == ' ')
        g_string_append_c (states, after_name[2]);
    }
  return states;
}

/* Runs until every read thread has ended or sleeps: once the matrix is in,
 * a held thread sleeps until it is let go. */
static void
wait_for_read_threads (gboolean until_ended)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr (GString) states = read_thread_states ();

      if (states->len == 0 || (!until_ended && strspn (states->str, "S") == states->len))
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static guint
count_read_threads (void)
{
  g_autoptr (GString) states = read_thread_states ();

  return (guint) states->len;
}

/* A read of @store in the background, from no store, its actions held. */
static void
start_held_read (VerkOrganisationModel *model,
                 VerkStore             *store,
                 guint                 *n_changed)
{
  verk_organisation_model_set_store (model, NULL);
  verk_organisation_model_hold_actions (model, TRUE);
  *n_changed = 0;
  verk_organisation_model_set_store_in_background (model, store);
}

static void
wait_for_actions (VerkOrganisationModel *model)
{
  while (verk_organisation_model_get_matrix (model) == NULL
         || !verk_organisation_model_get_matrix (model)->actions_read)
    g_main_context_iteration (NULL, TRUE);
}

/* Held (as a window holds them until it has drawn the matrix), the
 * actions are counted only once let go; let go before the matrix is in,
 * they follow it at once; a read dropped while they are held ends. */
static void
test_actions_held (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (VerkStore) store = new_file_store (&dir);
  g_autoptr (VerkOrganisationModel) model = verk_organisation_model_new (NULL, keys);
  guint n_changed = 0;

  g_signal_connect (model, "changed", G_CALLBACK (count_changed), &n_changed);
  wait_for_read_threads (TRUE);     /* the reads earlier tests dropped */
  start_held_read (model, store, &n_changed);
  while (n_changed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (verk_organisation_model_get_matrix (model)->actions_read);
  /* not while held: the thread waits (not held, it would have counted
   * them and ended) */
  wait_for_read_threads (FALSE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_false (verk_organisation_model_get_matrix (model)->actions_read);
  g_assert_cmpuint (count_read_threads (), ==, 1);
  verk_organisation_model_hold_actions (model, FALSE);
  wait_for_actions (model);
  g_assert_cmpuint (n_changed, ==, 2);
  wait_for_read_threads (TRUE);

  /* let go before the matrix is in */
  start_held_read (model, store, &n_changed);
  verk_organisation_model_hold_actions (model, FALSE);
  wait_for_actions (model);
  g_assert_cmpuint (n_changed, ==, 2);
  wait_for_read_threads (TRUE);

  /* dropped while held: the thread ends (without them, its read dropped) */
  start_held_read (model, store, &n_changed);
  while (n_changed == 0)
    g_main_context_iteration (NULL, TRUE);
  wait_for_read_threads (FALSE);
  g_assert_cmpuint (count_read_threads (), ==, 1);
  verk_organisation_model_set_store (model, NULL);
  wait_for_read_threads (TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (verk_organisation_model_get_matrix (model));

  g_clear_object (&model);
  remove_file_store (&store, dir);
}

/* ---- the actions done at follow-up ---------------------------------------
 *
 * They follow the one rule for the workshop a workshop follows up
 * (PREVIOUS_WORKSHOP_SQL, verk_store_get_previous_workshop_id()), as the
 * Follow up step does: a workshop's actions count once a workshop follows
 * it up by that rule, with the status its latest follow-up's Follow up step
 * shows. One group per case, read through the store, through the model on
 * a worker thread, and (with --write-cases DB, for
 * tests/xlsx/check_organisation.py) in the workbook of all groups. */

/* Every case's workshops have five participants: no group is hidden. */
#define N_PEOPLE 5

static gint64
add_case_workshop (VerkStore  *store,
                   gint64      group,
                   const char *date)
{
  g_autoptr (GError) error = NULL;
  gint64 workshop = verk_store_add_workshop (store, group, date, "", &error);

  g_assert_no_error (error);
  for (guint p = 0; p < N_PEOPLE; p++)
    {
      verk_store_add_participant (store, workshop, "", &error);
      g_assert_no_error (error);
    }
  return workshop;
}

/* A follow-up made with verk_store_add_followup(): linked, its participants
 * copied, the open and in-progress actions carried. */
static gint64
add_case_followup (VerkStore  *store,
                   gint64      previous,
                   const char *date)
{
  g_autoptr (GError) error = NULL;
  gint64 workshop = verk_store_add_followup (store, previous, date, "", &error);

  g_assert_no_error (error);
  return workshop;
}

static gint64
add_case_action (VerkStore        *store,
                 gint64            workshop,
                 VerkActionStatus  status)
{
  g_autoptr (GError) error = NULL;
  VerkAction action = { .workshop_id = workshop, .what = (char *) "Gemensam uppföljning",
                        .owner = (char *) "", .followup = (char *) "", .status = status };
  gint64 id = verk_store_add_action (store, &action, &error);

  g_assert_no_error (error);
  return id;
}

/* The copy @followup carried of @original: the status decided at the
 * follow-up (the Follow up step's buttons), or, with remove, taken out. */
static void
decide_copy (VerkStore        *store,
             gint64            followup,
             gint64            original,
             VerkActionStatus  status,
             gboolean          remove)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) actions = verk_store_list_actions (store, followup, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < actions->len; i++)
    {
      VerkAction *copy = actions->pdata[i];

      if (copy->carried_from != original)
        continue;
      if (remove)
        g_assert_true (verk_store_remove_action (store, copy->id, &error));
      else
        {
          copy->status = status;
          g_assert_true (verk_store_update_action (store, copy, &error));
        }
      g_assert_no_error (error);
      return;
    }
  g_assert_not_reached ();
}

static void
trash_workshop (VerkStore *store,
                gint64     workshop)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (verk_store_trash_workshop (store, workshop, &error));
  g_assert_no_error (error);
}

static gint64
add_case_group (VerkStore  *store,
                const char *name,
                const char *unit)
{
  g_autoptr (GError) error = NULL;
  gint64 group = verk_store_add_group (store, name, unit, &error);

  g_assert_no_error (error);
  return group;
}

/* What each case should count: actions followed up and done, for every
 * year, 2025 and 2026; NOT_LISTED where the group has no workshop in the
 * year. tests/xlsx/check_organisation.py checks the workbook against the
 * same numbers (every year). */
#define NOT_LISTED G_MAXUINT
typedef struct {
  const char *name;
  const char *unit;
  guint       followed_up[3];
  guint       done[3];
} Case;

static const Case cases[] = {
  { "Länkad men inte senaste", "Norr", { 3, 3, NOT_LISTED }, { 2, 2, NOT_LISTED } },
  { "Olänkad senare workshop", "Norr", { 3, 3, NOT_LISTED }, { 1, 1, NOT_LISTED } },
  { "Länken i papperskorgen", "Norr", { 2, 2, NOT_LISTED }, { 1, 1, NOT_LISTED } },
  { "Uppföljningen i papperskorgen", "Söder", { 2, 2, NOT_LISTED }, { 0, 0, NOT_LISTED } },
  { "Över årsskiftet", "Söder", { 6, 3, 3 }, { 3, 2, 1 } },
  { "Två uppföljningar", "Söder", { 2, 2, NOT_LISTED }, { 1, 1, NOT_LISTED } },
};
static const int case_years[] = { 0, 2025, 2026 };

static void
build_cases (VerkStore *store)
{
  gint64 group, first, second, followup, later, a1, a2, e2, l1;

  /* A follow-up that links to a workshop which is not the group's latest
   * before it: the link wins. P1 is followed up by P2 (by date) and by W
   * (its link), W being the latest: W's copies decide (a1 done there, a2
   * left open), a3 was done already. P2 is nobody's previous (W links past
   * it): its action does not count. 3 followed up, 2 done. */
  group = add_case_group (store, cases[0].name, cases[0].unit);
  first = add_case_workshop (store, group, "2025-01-10");
  a1 = add_case_action (store, first, VERK_ACTION_OPEN);
  add_case_action (store, first, VERK_ACTION_OPEN);
  add_case_action (store, first, VERK_ACTION_DONE);
  second = add_case_workshop (store, group, "2025-02-10");
  add_case_action (store, second, VERK_ACTION_OPEN);
  followup = add_case_followup (store, first, "2025-03-10");
  decide_copy (store, followup, a1, VERK_ACTION_DONE, FALSE);

  /* A later workshop made without the link follows up the earlier one: its
   * Follow up step shows the earlier actions with their own status (none
   * was carried). 3 followed up, 1 done; the later one's own action is
   * followed up by nothing. */
  group = add_case_group (store, cases[1].name, cases[1].unit);
  first = add_case_workshop (store, group, "2025-01-10");
  add_case_action (store, first, VERK_ACTION_DONE);
  add_case_action (store, first, VERK_ACTION_OPEN);
  add_case_action (store, first, VERK_ACTION_IN_PROGRESS);
  later = add_case_workshop (store, group, "2025-06-10");
  add_case_action (store, later, VERK_ACTION_OPEN);

  /* E, its follow-up L (where E's e2 was done) and L's follow-up W; then L
   * goes to the trash. W follows up E now (its link is trashed), and its
   * copies came from L: E's actions show their own status, e1 done, e2
   * open (what was decided in the trashed L no longer counts). 2, 1. */
  group = add_case_group (store, cases[2].name, cases[2].unit);
  first = add_case_workshop (store, group, "2025-01-10");
  add_case_action (store, first, VERK_ACTION_DONE);
  e2 = add_case_action (store, first, VERK_ACTION_OPEN);
  second = add_case_followup (store, first, "2025-03-10");
  decide_copy (store, second, e2, VERK_ACTION_DONE, FALSE);
  l1 = add_case_action (store, second, VERK_ACTION_OPEN);
  followup = add_case_followup (store, second, "2025-05-10");
  decide_copy (store, followup, l1, VERK_ACTION_DONE, FALSE);
  trash_workshop (store, second);

  /* A follow-up that did both actions goes to the trash; a later workshop
   * without a link then follows P up, and shows P's actions open. 2, 0. */
  group = add_case_group (store, cases[3].name, cases[3].unit);
  first = add_case_workshop (store, group, "2025-01-10");
  a1 = add_case_action (store, first, VERK_ACTION_OPEN);
  a2 = add_case_action (store, first, VERK_ACTION_OPEN);
  followup = add_case_followup (store, first, "2025-03-10");
  decide_copy (store, followup, a1, VERK_ACTION_DONE, FALSE);
  decide_copy (store, followup, a2, VERK_ACTION_DONE, FALSE);
  trash_workshop (store, followup);
  add_case_workshop (store, group, "2025-06-10");

  /* P in November 2025, its follow-up F in February 2026 (a1 done there,
   * a3 still open), and a workshop in October 2026 without a link, which
   * follows up F. An action counts in the year of the workshop that wrote
   * it, wherever its follow-up falls: P's three in 2025 (2 done: a1 by
   * F's copy, a2 before), F's three in 2026 (its copies a1, done, and a3,
   * open, and its own action, open: 1 done). */
  group = add_case_group (store, cases[4].name, cases[4].unit);
  first = add_case_workshop (store, group, "2025-11-10");
  a1 = add_case_action (store, first, VERK_ACTION_OPEN);
  add_case_action (store, first, VERK_ACTION_DONE);
  add_case_action (store, first, VERK_ACTION_OPEN);
  followup = add_case_followup (store, first, "2026-02-10");
  decide_copy (store, followup, a1, VERK_ACTION_DONE, FALSE);
  add_case_action (store, followup, VERK_ACTION_OPEN);
  add_case_workshop (store, group, "2026-10-10");

  /* P followed up twice through its link: F1 did a1 and left a2 open, the
   * later F2 did a2, and took its copy of a1 out. The latest follow-up
   * counts, as its Follow up step shows P's actions: a1 with its own
   * status (open), a2 done. 2, 1. F1 and F2 are followed up by nothing. */
  group = add_case_group (store, cases[5].name, cases[5].unit);
  first = add_case_workshop (store, group, "2025-01-10");
  a1 = add_case_action (store, first, VERK_ACTION_OPEN);
  a2 = add_case_action (store, first, VERK_ACTION_OPEN);
  followup = add_case_followup (store, first, "2025-03-10");
  decide_copy (store, followup, a1, VERK_ACTION_DONE, FALSE);
  later = add_case_followup (store, first, "2025-06-10");
  decide_copy (store, later, a2, VERK_ACTION_DONE, FALSE);
  decide_copy (store, later, a1, VERK_ACTION_OPEN, TRUE);
}

static const VerkOrgUnit *
find_unit (const VerkOrgMatrix *matrix,
           const char          *name)
{
  for (guint u = 0; u < matrix->units->len; u++)
    if (g_str_equal (((VerkOrgUnit *) matrix->units->pdata[u])->name, name))
      return matrix->units->pdata[u];
  return NULL;
}

/* @matrix, read for case_years[y], holds each case's counts, and each unit's
 * the sum of its groups'. */
static void
assert_cases (const VerkOrgMatrix *matrix,
              guint                y)
{
  guint unit_followed_up[2] = { 0, 0 }, unit_done[2] = { 0, 0 };
  const char *unit_names[] = { "Norr", "Söder" };

  g_assert_true (matrix->actions_read);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const Case *expected = &cases[c];
      const VerkOrgGroup *group = find_group (matrix, expected->name);
      guint u = g_str_equal (expected->unit, "Norr") ? 0 : 1;

      g_test_message ("%s, year %d", expected->name, case_years[y]);
      if (expected->followed_up[y] == NOT_LISTED)
        {
          g_assert_null (group);
          continue;
        }
      g_assert_nonnull (group);
      g_assert_false (group->hidden);
      g_assert_cmpuint (group->n_followed_up, ==, expected->followed_up[y]);
      g_assert_cmpuint (group->n_done, ==, expected->done[y]);
      g_assert_cmpfloat_with_epsilon (group->done_share, (double) expected->done[y] / expected->followed_up[y],
                                      1e-9);
      unit_followed_up[u] += expected->followed_up[y];
      unit_done[u] += expected->done[y];
    }
  for (guint u = 0; u < G_N_ELEMENTS (unit_names); u++)
    {
      const VerkOrgUnit *unit = find_unit (matrix, unit_names[u]);

      if (unit_followed_up[u] == 0)
        continue;
      g_assert_nonnull (unit);
      g_assert_cmpuint (unit->n_followed_up, ==, unit_followed_up[u]);
      g_assert_cmpuint (unit->n_done, ==, unit_done[u]);
    }
}

/* Through the store: every year, 2025, 2026. */
static void
test_follow_up_cases (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);

  g_assert_no_error (error);
  build_cases (store);
  for (guint y = 0; y < G_N_ELEMENTS (case_years); y++)
    {
      g_autoptr (VerkOrgMatrix) matrix = verk_store_get_organisation (store, keys, NULL, case_years[y], 0, &error);

      g_assert_no_error (error);
      assert_cases (matrix, y);
    }
}

/* What the Follow up step shows, worked out through the store's own API:
 * for each workshop, the actions of the one it follows up
 * (verk_store_get_previous_workshop_id()), each with its carried copy's
 * status there, or its own. For a workshop followed up more than once, the
 * latest follow-up's (by date, then id). Summed per group, it is what the
 * organisation counts. */
static void
test_follow_up_cases_as_step_shows (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (VerkOrgMatrix) matrix = NULL;
  g_autoptr (GPtrArray) groups = NULL;

  g_assert_no_error (error);
  build_cases (store);
  matrix = verk_store_get_organisation (store, keys, NULL, 0, 0, &error);
  g_assert_no_error (error);
  groups = verk_store_list_groups (store, &error);
  g_assert_no_error (error);
  for (guint g = 0; g < groups->len; g++)
    {
      const VerkGroup *group = groups->pdata[g];
      g_autoptr (GPtrArray) workshops = verk_store_list_workshops (store, group->id, &error);
      g_autoptr (GHashTable) followed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      const VerkOrgGroup *counted = find_group (matrix, group->name);
      guint followed_up = 0, done = 0;

      g_assert_no_error (error);
      /* the workshops, newest first: the first to follow a workshop up is
       * its latest follow-up */
      for (guint w = 0; w < workshops->len; w++)
        {
          VerkWorkshop *workshop = workshops->pdata[w];
          gint64 previous_id = verk_store_get_previous_workshop_id (store, workshop->id, &error);
          g_autoptr (GPtrArray) previous = NULL;
          g_autoptr (GPtrArray) current = NULL;

          g_assert_no_error (error);
          if (previous_id == 0 || g_hash_table_contains (followed, &previous_id))
            continue;
          g_hash_table_add (followed, g_memdup2 (&previous_id, sizeof previous_id));
          previous = verk_store_list_actions (store, previous_id, &error);
          current = verk_store_list_actions (store, workshop->id, &error);
          g_assert_no_error (error);
          for (guint a = 0; a < previous->len; a++)
            {
              const VerkAction *action = previous->pdata[a];
              VerkActionStatus status = action->status;

              for (guint i = 0; i < current->len; i++)
                if (((VerkAction *) current->pdata[i])->carried_from == action->id)
                  {
                    status = ((VerkAction *) current->pdata[i])->status;
                    break;
                  }
              followed_up++;
              done += status == VERK_ACTION_DONE;
            }
        }
      g_test_message ("%s", group->name);
      g_assert_nonnull (counted);
      g_assert_cmpuint (counted->n_followed_up, ==, followed_up);
      g_assert_cmpuint (counted->n_done, ==, done);
    }
}

/* Through the Organisation Overview's model, which reads a database file
 * on a worker thread and counts the actions there after handing over the
 * matrix. */
static void
test_follow_up_cases_in_background (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkstad-org-follow-up-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (VerkOrganisationModel) model = verk_organisation_model_new (NULL, keys);

  g_assert_no_error (error);
  path = g_build_filename (dir, "org.db", NULL);
  store = verk_store_new (path, &error);
  g_assert_no_error (error);
  build_cases (store);
  verk_organisation_model_set_min_group_size (model, 0);
  for (guint y = 0; y < G_N_ELEMENTS (case_years); y++)
    {
      verk_organisation_model_set_store (model, NULL);
      verk_organisation_model_set_year (model, case_years[y]);
      verk_organisation_model_set_store_in_background (model, store);
      g_assert_true (verk_organisation_model_is_reading (model));
      while (verk_organisation_model_get_matrix (model) == NULL
             || !verk_organisation_model_get_matrix (model)->actions_read)
        g_main_context_iteration (NULL, TRUE);
      g_assert_null (verk_organisation_model_get_error (model));
      assert_cases (verk_organisation_model_get_matrix (model), y);
    }

  g_clear_object (&model);
  remove_file_store (&store, dir);
}

/* The cases in a database file, for the workbook's readers. */
static int
write_cases (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;

  g_unlink (path);
  store = verk_store_new (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }
  build_cases (store);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && strcmp (argv[1], "--write-cases") == 0)
    return write_cases (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/organisation-model/choices", test_choices);
  g_test_add_func ("/organisation-model/years", test_years);
  g_test_add_func ("/organisation-model/scores-left-out", test_scores_left_out);
  g_test_add_func ("/organisation-model/follows-edits", test_follows_edits);
  g_test_add_func ("/organisation-model/other-store", test_other_store);
  g_test_add_func ("/organisation-model/actions-latest-follow-up", test_actions_latest_follow_up);
  g_test_add_func ("/organisation-model/read-in-thread-identical", test_read_in_thread_identical);
  g_test_add_func ("/organisation-model/in-background", test_in_background);
  g_test_add_func ("/organisation-model/actions-held", test_actions_held);
  g_test_add_func ("/organisation-model/follow-up-cases", test_follow_up_cases);
  g_test_add_func ("/organisation-model/follow-up-cases/as-step-shows", test_follow_up_cases_as_step_shows);
  g_test_add_func ("/organisation-model/follow-up-cases/in-background", test_follow_up_cases_in_background);
  return g_test_run ();
}
