/* SPDX-License-Identifier: GPL-3.0-or-later */
/* VerkOrganisationModel, the Organisation Overview's data without GTK: its
 * filters' choices and matrix come from the store, a choice reads again, a
 * burst of edits is read once, and another store replaces the first (its
 * edits no longer count, a unit it lacks is dropped). */
#include "config.h"

#include <math.h>

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/organisation-model/choices", test_choices);
  g_test_add_func ("/organisation-model/follows-edits", test_follows_edits);
  g_test_add_func ("/organisation-model/other-store", test_other_store);
  g_test_add_func ("/organisation-model/actions-latest-follow-up", test_actions_latest_follow_up);
  return g_test_run ();
}
