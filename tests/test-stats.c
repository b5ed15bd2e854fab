/* SPDX-License-Identifier: GPL-3.0-or-later */
/* VerkStats: per-item figures, the priority rule with its tie-breaks, the
 * disagreement list and the comparison with the previous workshop, on plain
 * records and on what the store returns. */
#include "config.h"

#include <math.h>

#include "verk-stats.h"
#include "verk-store.h"

static VerkItem *
item_new (gint64      id,
          int         position,
          const char *key,
          const char *name,
          int         agreed,
          int         desired)
{
  VerkItem *item = g_new0 (VerkItem, 1);

  item->id = id;
  item->workshop_id = 1;
  item->framework = g_strdup ("siq");
  item->key = g_strdup (key);
  item->name = g_strdup (name);
  item->description = g_strdup ("");
  item->rationale = g_strdup ("");
  item->position = position;
  item->custom = key == NULL;
  item->agreed = agreed;
  item->desired = desired;
  return item;
}

static void
add_scores (GPtrArray  *scores,
            gint64      item_id,
            const int  *values,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      VerkScore *s = g_new0 (VerkScore, 1);
      s->item_id = item_id;
      s->participant_id = i + 1;
      s->value = values[i];
      s->comment = g_strdup ("");
      g_ptr_array_add (scores, s);
    }
}

static void
assert_ids (GArray       *ids,
            const gint64 *expected,
            guint         n)
{
  g_assert_cmpuint (ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    if (g_array_index (ids, gint64, i) != expected[i])
      g_error ("position %u: got item %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
               i, g_array_index (ids, gint64, i), expected[i]);
}

static void
test_compute (void)
{
  VerkItemStats s;
  const int odd[] = { 5, 1, 3, 4, 2 };
  const int even[] = { 4, 1, 2, 5 };
  const int same[] = { 3, 3, 3 };
  const int one[] = { 4 };

  verk_stats_compute (odd, G_N_ELEMENTS (odd), &s);
  g_assert_cmpuint (s.count, ==, 5);
  g_assert_cmpfloat_with_epsilon (s.mean, 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (s.median, 3.0, 1e-9);
  g_assert_cmpint (s.min, ==, 1);
  g_assert_cmpint (s.max, ==, 5);
  g_assert_cmpint (s.spread, ==, 4);

  /* Even count: the mean of the two middle scores (2 and 4). */
  verk_stats_compute (even, G_N_ELEMENTS (even), &s);
  g_assert_cmpfloat_with_epsilon (s.median, 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (s.mean, 3.0, 1e-9);
  {
    const int even2[] = { 2, 3, 3, 5, 1, 4 };   /* sorted 1 2 3 3 4 5 */
    verk_stats_compute (even2, G_N_ELEMENTS (even2), &s);
    g_assert_cmpfloat_with_epsilon (s.median, 3.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (s.mean, 18.0 / 6, 1e-9);
  }
  {
    const int even3[] = { 2, 3 };
    verk_stats_compute (even3, 2, &s);
    g_assert_cmpfloat_with_epsilon (s.median, 2.5, 1e-9);
    g_assert_cmpint (s.spread, ==, 1);
  }

  verk_stats_compute (same, G_N_ELEMENTS (same), &s);
  g_assert_cmpint (s.spread, ==, 0);
  verk_stats_compute (one, 1, &s);
  g_assert_cmpfloat_with_epsilon (s.median, 4.0, 1e-9);
  g_assert_cmpint (s.spread, ==, 0);
  verk_stats_compute (NULL, 0, &s);
  g_assert_cmpuint (s.count, ==, 0);
  g_assert_cmpfloat (s.mean, ==, 0);
  g_assert_cmpint (s.spread, ==, 0);
}

static void
test_per_item (void)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_item_free);
  g_autoptr (GPtrArray) scores = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_score_free);
  g_autoptr (GArray) stats = NULL;
  const int a[] = { 1, 5, 3 };
  const int b[] = { 2, 2 };
  VerkItemStats single;

  g_ptr_array_add (items, item_new (10, 0, "a", "A", 0, 0));
  g_ptr_array_add (items, item_new (11, 1, "b", "B", 0, 0));
  g_ptr_array_add (items, item_new (12, 2, "c", "C", 0, 0));
  add_scores (scores, 11, b, 2);
  add_scores (scores, 10, a, 3);

  stats = verk_stats_per_item (items, scores);
  g_assert_cmpuint (stats->len, ==, 3);
  g_assert_cmpint (g_array_index (stats, VerkItemStats, 0).item_id, ==, 10);
  g_assert_cmpuint (g_array_index (stats, VerkItemStats, 0).count, ==, 3);
  g_assert_cmpint (g_array_index (stats, VerkItemStats, 0).spread, ==, 4);
  g_assert_cmpfloat_with_epsilon (g_array_index (stats, VerkItemStats, 1).mean, 2.0, 1e-9);
  g_assert_cmpuint (g_array_index (stats, VerkItemStats, 2).count, ==, 0);
  g_assert_cmpint (g_array_index (stats, VerkItemStats, 2).item_id, ==, 12);

  single = verk_stats_for_item (10, scores);
  g_assert_cmpfloat_with_epsilon (single.median, 3.0, 1e-9);
  single = verk_stats_for_item (99, scores);
  g_assert_cmpuint (single.count, ==, 0);
}

static void
test_priority_order (void)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_item_free);
  g_autoptr (GPtrArray) scores = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_score_free);
  g_autoptr (GArray) order = NULL;
  const int wide[] = { 1, 4 };     /* spread 3 */
  const int narrow[] = { 2, 3 };   /* spread 1 */
  /* id, position, agreed, desired */
  g_ptr_array_add (items, item_new (1, 0, "k1", "gap 1", 3, 4));
  g_ptr_array_add (items, item_new (2, 1, "k2", "gap 3", 1, 4));
  g_ptr_array_add (items, item_new (3, 2, "k3", "gap 2, narrow", 2, 4));
  g_ptr_array_add (items, item_new (4, 3, "k4", "gap 2, wide", 3, 5));
  g_ptr_array_add (items, item_new (5, 4, "k5", "no desired, agreed 2", 2, 0));
  g_ptr_array_add (items, item_new (6, 5, "k6", "no desired, agreed 1", 1, 0));
  g_ptr_array_add (items, item_new (7, 6, "k7", "at the level", 4, 4));
  g_ptr_array_add (items, item_new (8, 7, "k8", "above the level", 5, 3));
  g_ptr_array_add (items, item_new (9, 8, "k9", "not agreed, wide", 0, 5));
  g_ptr_array_add (items, item_new (10, 9, "k10", "gap 2, narrow, later", 2, 4));
  g_ptr_array_add (items, item_new (11, 10, "k11", "no desired, agreed 2, wide", 2, 0));
  add_scores (scores, 4, wide, 2);
  add_scores (scores, 3, narrow, 2);
  add_scores (scores, 10, narrow, 2);
  add_scores (scores, 11, wide, 2);
  add_scores (scores, 9, wide, 2);

  order = verk_stats_priority_order (items, scores);
  {
    const gint64 expected[] = {
      2,          /* gap 3 */
      4, 3, 10,   /* gap 2: the wide spread first, then by position */
      1,          /* gap 1 */
      6, 11, 5,   /* no desired level: agreed 1, then agreed 2 with the wide spread first */
      7, 8,       /* at and above the desired level */
      9,          /* not agreed yet */
    };
    assert_ids (order, expected, G_N_ELEMENTS (expected));
  }
  g_clear_pointer (&order, g_array_unref);

  /* Without any desired levels it is simply the lowest agreed score first. */
  for (guint i = 0; i < items->len; i++)
    ((VerkItem *) items->pdata[i])->desired = 0;
  order = verk_stats_priority_order (items, scores);
  {
    const gint64 expected[] = { 2, 6, 11, 3, 10, 5, 4, 1, 7, 8, 9 };
    assert_ids (order, expected, G_N_ELEMENTS (expected));
  }
}

static void
test_disagreements (void)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_item_free);
  g_autoptr (GPtrArray) scores = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_score_free);
  g_autoptr (GArray) ids = NULL;
  const int s0[] = { 3, 3, 3 };     /* 0 */
  const int s1[] = { 2, 3 };        /* 1 */
  const int s2[] = { 1, 3, 2 };     /* 2 */
  const int s4[] = { 1, 5 };        /* 4 */
  const int s2b[] = { 4, 2 };       /* 2 */

  for (int i = 0; i < 6; i++)
    g_ptr_array_add (items, item_new (i + 1, i, NULL, "x", 0, 0));
  add_scores (scores, 1, s0, 3);
  add_scores (scores, 2, s1, 2);
  add_scores (scores, 3, s2, 3);
  add_scores (scores, 4, s4, 2);
  add_scores (scores, 5, s2b, 2);
  /* item 6 has no scores */

  ids = verk_stats_disagreements (items, scores, VERK_STATS_DEFAULT_DISAGREEMENT);
  {
    const gint64 expected[] = { 4, 3, 5 };
    assert_ids (ids, expected, G_N_ELEMENTS (expected));
  }
  g_clear_pointer (&ids, g_array_unref);
  ids = verk_stats_disagreements (items, scores, 3);
  {
    const gint64 expected[] = { 4 };
    assert_ids (ids, expected, 1);
  }
  g_clear_pointer (&ids, g_array_unref);
  ids = verk_stats_disagreements (items, scores, 1);
  g_assert_cmpuint (ids->len, ==, 4);
  g_clear_pointer (&ids, g_array_unref);
  /* 0 means "any difference", never "every item" */
  ids = verk_stats_disagreements (items, scores, 0);
  g_assert_cmpuint (ids->len, ==, 4);
  g_clear_pointer (&ids, g_array_unref);
  ids = verk_stats_disagreements (items, scores, 5);
  g_assert_cmpuint (ids->len, ==, 0);
}

static void
test_compare_previous_records (void)
{
  g_autoptr (GPtrArray) now = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_item_free);
  g_autoptr (GPtrArray) before = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_item_free);
  g_autoptr (GArray) cmp = NULL;
  VerkItemComparison *c;

  g_ptr_array_add (before, item_new (101, 0, "samverkan", "Samverkan", 2, 0));
  g_ptr_array_add (before, item_new (102, 1, NULL, "Vår egen bit", 4, 0));
  g_ptr_array_add (before, item_new (103, 2, "kund", "Kundorientering", 0, 0));
  g_ptr_array_add (before, item_new (104, 3, NULL, "Samverkan", 5, 0));   /* custom, same name as a key */

  g_ptr_array_add (now, item_new (201, 0, "samverkan", "Samverkan (omdöpt)", 4, 0));
  g_ptr_array_add (now, item_new (202, 1, NULL, "  VÅR EGEN BIT ", 3, 0));
  g_ptr_array_add (now, item_new (203, 2, "kund", "Kundorientering", 3, 0));
  g_ptr_array_add (now, item_new (204, 3, NULL, "Helt ny", 2, 0));
  g_ptr_array_add (now, item_new (205, 4, "ny-nyckel", "Ny", 0, 0));

  cmp = verk_stats_compare_previous (now, before);
  g_assert_cmpuint (cmp->len, ==, 5);

  /* by key, even though renamed; not confused with the custom "Samverkan" */
  c = &g_array_index (cmp, VerkItemComparison, 0);
  g_assert_cmpint (c->item_id, ==, 201);
  g_assert_cmpint (c->previous_item_id, ==, 101);
  g_assert_true (c->comparable);
  g_assert_cmpint (c->change, ==, 2);
  /* custom piece by name, ignoring case and spaces */
  c = &g_array_index (cmp, VerkItemComparison, 1);
  g_assert_cmpint (c->previous_item_id, ==, 102);
  g_assert_cmpint (c->change, ==, -1);
  /* matched, but no agreed score last time */
  c = &g_array_index (cmp, VerkItemComparison, 2);
  g_assert_cmpint (c->previous_item_id, ==, 103);
  g_assert_false (c->comparable);
  g_assert_cmpint (c->change, ==, 0);
  c = &g_array_index (cmp, VerkItemComparison, 3);
  g_assert_cmpint (c->previous_item_id, ==, 0);
  g_assert_false (c->comparable);
  c = &g_array_index (cmp, VerkItemComparison, 4);
  g_assert_cmpint (c->previous_item_id, ==, 0);

  g_clear_pointer (&cmp, g_array_unref);
  cmp = verk_stats_compare_previous (now, NULL);
  g_assert_cmpuint (cmp->len, ==, 5);
  g_assert_false (g_array_index (cmp, VerkItemComparison, 0).comparable);
}

/* The whole path a UI takes: the store's lists straight into the stats. */
static void
test_with_store (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VerkStore) store = verk_store_new (":memory:", &error);
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) old_items = NULL;
  g_autoptr (GPtrArray) scores = NULL;
  g_autoptr (GArray) cmp = NULL;
  g_autoptr (GArray) order = NULL;
  gint64 group, first, second, later, a, b, p1, p2;

  g_assert_no_error (error);
  group = verk_store_add_group (store, "Gruppen", NULL, &error);
  first = verk_store_add_workshop (store, group, "2025-10-01", NULL, &error);
  a = verk_store_add_item (store, first, "siq", "a", "A", NULL, &error);
  b = verk_store_add_item (store, first, "siq", NULL, "Egen", NULL, &error);
  verk_store_set_agreed (store, a, 2, NULL, &error);
  verk_store_set_agreed (store, b, 4, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (verk_store_get_previous_workshop_id (store, first, &error), ==, 0);
  g_assert_no_error (error);

  second = verk_store_add_followup (store, first, "2026-04-01", NULL, &error);
  g_assert_cmpint (verk_store_get_previous_workshop_id (store, second, &error), ==, first);
  /* A workshop that follows nothing is compared with the latest before it. */
  later = verk_store_add_workshop (store, group, "2026-09-01", NULL, &error);
  g_assert_cmpint (verk_store_get_previous_workshop_id (store, later, &error), ==, second);
  g_assert_true (verk_store_trash_workshop (store, second, &error));
  g_assert_cmpint (verk_store_get_previous_workshop_id (store, later, &error), ==, first);
  g_assert_true (verk_store_restore_workshop (store, second, &error));
  g_assert_no_error (error);

  items = verk_store_list_items (store, second, "siq", &error);
  p1 = verk_store_add_participant (store, second, "Åke", &error);
  p2 = verk_store_add_participant (store, second, "Märta", &error);
  verk_store_set_score (store, ((VerkItem *) items->pdata[0])->id, p1, 1, &error);
  verk_store_set_score (store, ((VerkItem *) items->pdata[0])->id, p2, 4, &error);
  verk_store_set_agreed (store, ((VerkItem *) items->pdata[0])->id, 3, NULL, &error);
  verk_store_set_agreed (store, ((VerkItem *) items->pdata[1])->id, 2, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&items, g_ptr_array_unref);

  items = verk_store_list_items (store, second, "siq", &error);
  scores = verk_store_list_scores (store, second, &error);
  old_items = verk_store_list_items (store, verk_store_get_previous_workshop_id (store, second, &error),
                                     "siq", &error);
  g_assert_no_error (error);

  cmp = verk_stats_compare_previous (items, old_items);
  g_assert_cmpint (g_array_index (cmp, VerkItemComparison, 0).previous_item_id, ==, a);
  g_assert_cmpint (g_array_index (cmp, VerkItemComparison, 0).change, ==, 1);
  g_assert_cmpint (g_array_index (cmp, VerkItemComparison, 1).previous_item_id, ==, b);
  g_assert_cmpint (g_array_index (cmp, VerkItemComparison, 1).change, ==, -2);

  order = verk_stats_priority_order (items, scores);
  g_assert_cmpint (g_array_index (order, gint64, 0), ==, ((VerkItem *) items->pdata[1])->id);
}

/* r_wg by hand: 1 − s²/2, s² the sample variance (n − 1). */
static void
test_agreement_rwg (void)
{
  const int same[] = { 3, 3, 3, 3 };
  const int near[] = { 3, 4, 4, 4 };      /* s² = 0.75 / 3 = 0.25 */
  const int pair[] = { 2, 3 };            /* s² = 0.5 */
  const int apart[] = { 2, 3, 4 };        /* s² = 1 */
  const int split[] = { 1, 5 };           /* s² = 8, above the uniform's 2 */
  const int one[] = { 4 };
  g_autoptr (GPtrArray) scores = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_score_free);

  g_assert_cmpfloat_with_epsilon (verk_stats_agreement (same, 4), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (verk_stats_agreement (near, 4), 0.875, 1e-9);
  g_assert_cmpfloat_with_epsilon (verk_stats_agreement (pair, 2), 0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (verk_stats_agreement (apart, 3), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (verk_stats_agreement (split, 2), 0.0, 1e-9);
  g_assert_true (isnan (verk_stats_agreement (one, 1)));
  g_assert_true (isnan (verk_stats_agreement (NULL, 0)));

  g_assert_true (verk_stats_is_shared_view (0.875));
  g_assert_true (verk_stats_is_shared_view (VERK_STATS_SHARED_VIEW_RWG));
  g_assert_false (verk_stats_is_shared_view (0.5));
  g_assert_false (verk_stats_is_shared_view (0.0));
  g_assert_true (verk_stats_is_shared_view (NAN));

  /* Per item, from the store's records; other items and unset values do
   * not count. */
  for (guint i = 0; i < 5; i++)
    {
      VerkScore *s = g_new0 (VerkScore, 1);
      s->item_id = i < 3 ? 7 : 8;
      s->participant_id = i + 1;
      s->value = (int[]) { 2, 3, 4, 5, 5 }[i];
      g_ptr_array_add (scores, s);
    }
  g_assert_cmpfloat_with_epsilon (verk_stats_agreement_for_item (7, scores), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (verk_stats_agreement_for_item (8, scores), 1.0, 1e-9);
  g_assert_true (isnan (verk_stats_agreement_for_item (9, scores)));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stats/compute", test_compute);
  g_test_add_func ("/stats/per-item", test_per_item);
  g_test_add_func ("/stats/priority-order", test_priority_order);
  g_test_add_func ("/stats/disagreements", test_disagreements);
  g_test_add_func ("/stats/compare-previous", test_compare_previous_records);
  g_test_add_func ("/stats/with-store", test_with_store);
  g_test_add_func ("/stats/agreement-rwg", test_agreement_rwg);
  return g_test_run ();
}
