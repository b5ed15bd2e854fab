/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-model: the workshop model's figures. Prints KEY=VALUE lines for bench.py.
 *
 *   bench-model PATH WORKSHOP_ID RUNS
 *
 * load:   a new VerkWorkshopModel reading the workshop, against the store
 *         reads alone (the seven list/get calls it makes, results dropped).
 * update: one participant's score changed through the store, from the store's
 *         first signal (::row-changed) to the model's ::changed (the commit and its fsync are not
 *         in it), against what a view does today on ::changed: read the
 *         items, scores, priorities and participants again. */
#include <stdio.h>
#include <stdlib.h>

#include "verk-workshop-model.h"

static void
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "bench-model: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median_ms (double *t,
           guint   n)
{
  qsort (t, n, sizeof *t, cmp_double);
  return t[n / 2];
}

static double
store_reads_ms (VerkStore *store,
                gint64     workshop_id,
                gboolean   all)
{
  g_autoptr (GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (VerkWorkshop) workshop = all ? verk_store_get_workshop (store, workshop_id, &error) : NULL;
  g_autoptr (GPtrArray) items = verk_store_list_items (store, workshop_id, NULL, &error);
  g_autoptr (GPtrArray) scores = verk_store_list_scores (store, workshop_id, &error);
  g_autoptr (GArray) priorities = verk_store_list_priorities (store, workshop_id, &error);
  g_autoptr (GPtrArray) participants = verk_store_list_participants (store, workshop_id, &error);
  g_autoptr (GPtrArray) actions = all ? verk_store_list_actions (store, workshop_id, &error) : NULL;
  g_autoptr (GPtrArray) reflections = all ? verk_store_list_reflections (store, workshop_id, &error) : NULL;

  if (error != NULL)
    die ("read the workshop", error);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static void
on_store_changed (VerkStore *store,
                  int        kind,
                  gint64     workshop_id,
                  gint64    *start)
{
  if (*start == 0)
    *start = g_get_monotonic_time ();
}

static void
on_store_row_changed (VerkStore *store,
                      int        kind,
                      gint64     workshop_id,
                      gint64     row_id,
                      gint64    *start)
{
  on_store_changed (store, kind, workshop_id, start);
}

static void
on_model_changed (VerkWorkshopModel *model,
                  int                kind,
                  gint64            *end)
{
  *end = g_get_monotonic_time ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (VerkWorkshopModel) model = NULL;
  g_autofree double *load = NULL, *reads = NULL, *update = NULL, *reread = NULL;
  g_autoptr (VerkRecord) participant = NULL;
  gint64 workshop_id, start = 0, end = 0, item_id, participant_id;
  guint runs, n_scores;

  if (argc != 4)
    {
      fprintf (stderr, "usage: bench-model PATH WORKSHOP_ID RUNS\n");
      return 2;
    }
  workshop_id = g_ascii_strtoll (argv[2], NULL, 10);
  runs = (guint) g_ascii_strtoull (argv[3], NULL, 10);
  if (runs == 0)
    runs = 1;
  store = verk_store_new (argv[1], &error);
  if (store == NULL)
    die ("open the database", error);
  load = g_new0 (double, runs);
  reads = g_new0 (double, runs);
  update = g_new0 (double, runs);
  reread = g_new0 (double, runs);

  for (guint r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();

      g_clear_object (&model);
      model = verk_workshop_model_new (store);
      if (!verk_workshop_model_set_workshop_id (model, workshop_id, &error))
        die ("load the workshop", error);
      load[r] = (g_get_monotonic_time () - t0) / 1000.0;
      reads[r] = store_reads_ms (store, workshop_id, TRUE);
    }

  /* The store's handlers first, the model's after them (connection order);
   * the clock starts at the edit's first signal. */
  g_clear_object (&model);
  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), &start);
  if (g_signal_lookup ("row-changed", VERK_TYPE_STORE) != 0)
    g_signal_connect (store, "row-changed", G_CALLBACK (on_store_row_changed), &start);
  model = verk_workshop_model_new (store);
  if (!verk_workshop_model_set_workshop_id (model, workshop_id, &error))
    die ("load the workshop", error);
  g_signal_connect (model, "changed", G_CALLBACK (on_model_changed), &end);
  if (verk_workshop_model_get_n_pieces (model) == 0
      || g_list_model_get_n_items (verk_workshop_model_get_participant_list (model)) == 0)
    die ("find a piece and a participant", NULL);
  item_id = verk_workshop_model_get_piece (model, 6)->item->id;
  participant = g_list_model_get_item (verk_workshop_model_get_participant_list (model), 0);
  participant_id = verk_record_get_participant (participant)->id;
  n_scores = g_list_model_get_n_items (verk_workshop_model_get_score_list (model));
  for (guint r = 0; r < runs; r++)
    {
      int value = 1 + (int) (r % 5);

      if (value == verk_workshop_model_get_score (model, item_id, participant_id))
        value = 1 + value % 5;
      start = end = 0;
      if (!verk_store_set_score (store, item_id, participant_id, value, &error))
        die ("change a score", error);
      if (start == 0 || end == 0 || verk_workshop_model_get_score (model, item_id, participant_id) != value)
        die ("see the model follow the change", NULL);
      update[r] = (end - start) / 1000.0;
      reread[r] = store_reads_ms (store, workshop_id, FALSE);
    }

  printf ("pieces=%u\nparticipants=%u\nscores=%u\nactions=%u\n", verk_workshop_model_get_n_pieces (model),
          g_list_model_get_n_items (verk_workshop_model_get_participant_list (model)), n_scores,
          g_list_model_get_n_items (verk_workshop_model_get_action_list (model)));
  printf ("load_ms=%.4f\nstore_reads_ms=%.4f\n", median_ms (load, runs), median_ms (reads, runs));
  printf ("update_ms=%.4f\nreread_ms=%.4f\n", median_ms (update, runs), median_ms (reread, runs));
  return 0;
}
