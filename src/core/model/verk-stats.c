/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-stats"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "verk-stats.h"

static int
compare_ints (const void *a,
              const void *b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x > y) - (x < y);
}

/**
 * verk_stats_compute:
 * @values: (array length=n): scores
 * @out: (out caller-allocates): the result; item_id is left as it was
 *
 * Count, mean, median, min, max and spread of @values.
 */
void
verk_stats_compute (const int     *values,
                    guint          n,
                    VerkItemStats *out)
{
  g_autofree int *sorted = NULL;
  double sum = 0;

  g_return_if_fail (out != NULL);
  g_return_if_fail (values != NULL || n == 0);

  out->count = n;
  out->mean = out->median = 0;
  out->min = out->max = out->spread = 0;
  if (n == 0)
    return;

  sorted = g_memdup2 (values, n * sizeof (int));
  qsort (sorted, n, sizeof (int), compare_ints);
  for (guint i = 0; i < n; i++)
    sum += sorted[i];
  out->mean = sum / n;
  out->median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  out->min = sorted[0];
  out->max = sorted[n - 1];
  out->spread = out->max - out->min;
}

/**
 * verk_stats_for_item:
 * @scores: (element-type VerkScore): scores of one workshop
 *
 * Returns: the statistics of @item_id's scores in @scores.
 */
VerkItemStats
verk_stats_for_item (gint64     item_id,
                     GPtrArray *scores)
{
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (int));
  VerkItemStats stats = { 0 };

  for (guint i = 0; scores != NULL && i < scores->len; i++)
    {
      VerkScore *s = g_ptr_array_index (scores, i);
      if (s->item_id == item_id)
        g_array_append_val (values, s->value);
    }
  verk_stats_compute ((const int *) values->data, values->len, &stats);
  stats.item_id = item_id;
  return stats;
}

/**
 * verk_stats_per_item:
 * @items: (element-type VerkItem): the items
 * @scores: (element-type VerkScore): their participants' scores
 *
 * Returns: (transfer full) (element-type VerkItemStats): one entry per item,
 *   in the order of @items.
 */
GArray *
verk_stats_per_item (GPtrArray *items,
                     GPtrArray *scores)
{
  g_autoptr (GHashTable) by_item = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                          (GDestroyNotify) g_array_unref);
  GArray *result;

  g_return_val_if_fail (items != NULL, NULL);

  result = g_array_sized_new (FALSE, TRUE, sizeof (VerkItemStats), items->len);

  /* One pass over the scores, grouped by item (a workshop has a few hundred). */
  for (guint i = 0; scores != NULL && i < scores->len; i++)
    {
      VerkScore *s = g_ptr_array_index (scores, i);
      GArray *values = g_hash_table_lookup (by_item, &s->item_id);
      if (values == NULL)
        {
          values = g_array_new (FALSE, FALSE, sizeof (int));
          g_hash_table_insert (by_item, &s->item_id, values);
        }
      g_array_append_val (values, s->value);
    }

  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);
      GArray *values = g_hash_table_lookup (by_item, &item->id);
      VerkItemStats stats = { 0 };

      if (values != NULL)
        verk_stats_compute ((const int *) values->data, values->len, &stats);
      stats.item_id = item->id;
      g_array_append_val (result, stats);
    }
  return result;
}

typedef struct {
  VerkItem *item;
  int       step;     /* 1..4 of the rule in verk-stats.h */
  int       key;      /* smaller first within a step */
  int       spread;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->step != y->step)
    return x->step - y->step;
  if (x->key != y->key)
    return x->key - y->key;
  if (x->spread != y->spread)
    return y->spread - x->spread;
  if (x->item->position != y->item->position)
    return x->item->position - y->item->position;
  return (x->item->id > y->item->id) - (x->item->id < y->item->id);
}

/**
 * verk_stats_priority_order:
 * @items: (element-type VerkItem): the items, with agreed and desired levels
 * @scores: (element-type VerkScore): their participants' scores (for spread)
 *
 * Orders the items by development need; the rule is in verk-stats.h and
 * docs/STORAGE.md.
 *
 * Returns: (transfer full) (element-type gint64): item ids, most urgent first.
 */
GArray *
verk_stats_priority_order (GPtrArray *items,
                           GPtrArray *scores)
{
  g_autoptr (GArray) stats = NULL;
  g_autoptr (GArray) ranked = NULL;
  GArray *ids;

  g_return_val_if_fail (items != NULL, NULL);

  stats = verk_stats_per_item (items, scores);
  ranked = g_array_sized_new (FALSE, TRUE, sizeof (Ranked), items->len);
  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);
      Ranked r = { item, 0, 0, g_array_index (stats, VerkItemStats, i).spread };
      int gap = item->desired - item->agreed;

      if (item->agreed == 0)
        r.step = 4;
      else if (item->desired != 0 && gap > 0)
        r.step = 1, r.key = -gap;           /* largest gap first */
      else if (item->desired == 0)
        r.step = 2, r.key = item->agreed;   /* lowest agreed first */
      else
        r.step = 3, r.key = -gap;           /* at the level: 0 before −1 */
      g_array_append_val (ranked, r);
    }
  g_array_sort (ranked, compare_ranked);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), items->len);
  for (guint i = 0; i < ranked->len; i++)
    g_array_append_val (ids, g_array_index (ranked, Ranked, i).item->id);
  return ids;
}

/**
 * verk_stats_disagreements:
 * @items: (element-type VerkItem): the items
 * @scores: (element-type VerkScore): their participants' scores
 * @threshold: the smallest spread that counts as disagreement (>= 1)
 *
 * Returns: (transfer full) (element-type gint64): the ids of the items whose
 *   spread is at least @threshold, the largest spread first.
 */
GArray *
verk_stats_disagreements (GPtrArray *items,
                          GPtrArray *scores,
                          int        threshold)
{
  g_autoptr (GArray) stats = NULL;
  g_autoptr (GArray) ranked = NULL;
  GArray *ids;

  g_return_val_if_fail (items != NULL, NULL);

  /* A threshold of 0 would call every item a disagreement, even unscored ones. */
  threshold = MAX (threshold, 1);
  stats = verk_stats_per_item (items, scores);
  ranked = g_array_new (FALSE, TRUE, sizeof (Ranked));
  for (guint i = 0; i < items->len; i++)
    {
      int spread = g_array_index (stats, VerkItemStats, i).spread;
      if (spread >= threshold)
        {
          Ranked r = { g_ptr_array_index (items, i), 0, 0, spread };
          g_array_append_val (ranked, r);
        }
    }
  g_array_sort (ranked, compare_ranked);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ranked->len);
  for (guint i = 0; i < ranked->len; i++)
    g_array_append_val (ids, g_array_index (ranked, Ranked, i).item->id);
  return ids;
}

/* A custom piece's name as the group would recognise it: same letters,
 * whatever the case, the Unicode form or the spaces around it. */
static char *
name_key (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL_COMPOSE);

  return g_utf8_casefold (normal != NULL ? normal : stripped, -1);
}

/**
 * verk_stats_find_previous_item:
 * @item: an item of this workshop
 * @previous_items: (element-type VerkItem) (nullable): the previous workshop's items
 *
 * Returns: (transfer none) (nullable): the same item in @previous_items.
 */
VerkItem *
verk_stats_find_previous_item (VerkItem  *item,
                               GPtrArray *previous_items)
{
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  if (previous_items == NULL)
    return NULL;
  if (item->key == NULL)
    wanted = name_key (item->name);

  for (guint i = 0; i < previous_items->len; i++)
    {
      VerkItem *p = g_ptr_array_index (previous_items, i);

      if (g_strcmp0 (p->framework, item->framework) != 0)
        continue;
      if (item->key != NULL)
        {
          if (g_strcmp0 (p->key, item->key) == 0)
            return p;
        }
      else if (p->key == NULL)
        {
          g_autofree char *have = name_key (p->name);
          if (g_strcmp0 (have, wanted) == 0)
            return p;
        }
    }
  return NULL;
}

/**
 * verk_stats_compare_previous:
 * @items: (element-type VerkItem): this workshop's items
 * @previous_items: (element-type VerkItem) (nullable): the previous workshop's
 *
 * Returns: (transfer full) (element-type VerkItemComparison): one per item of
 *   @items, in its order.
 */
GArray *
verk_stats_compare_previous (GPtrArray *items,
                             GPtrArray *previous_items)
{
  GArray *result;

  g_return_val_if_fail (items != NULL, NULL);

  result = g_array_sized_new (FALSE, TRUE, sizeof (VerkItemComparison), items->len);
  for (guint i = 0; i < items->len; i++)
    {
      VerkItem *item = g_ptr_array_index (items, i);
      VerkItem *prev = verk_stats_find_previous_item (item, previous_items);
      VerkItemComparison c = { 0 };

      c.item_id = item->id;
      c.agreed = item->agreed;
      if (prev != NULL)
        {
          c.previous_item_id = prev->id;
          c.previous_agreed = prev->agreed;
        }
      c.comparable = c.agreed != 0 && c.previous_agreed != 0;
      c.change = c.comparable ? c.agreed - c.previous_agreed : 0;
      g_array_append_val (result, c);
    }
  return result;
}

/**
 * verk_stats_agreement:
 * @values: (array length=n): 1..5 scores
 *
 * Returns: r_wg for a 5-point scale in [0, 1], or NAN when @n < 2.
 */
double
verk_stats_agreement (const int *values,
                      guint      n)
{
  double mean = 0, variance = 0;

  g_return_val_if_fail (values != NULL || n == 0, NAN);

  if (n < 2)
    return NAN;
  for (guint i = 0; i < n; i++)
    mean += values[i];
  mean /= n;
  for (guint i = 0; i < n; i++)
    variance += (values[i] - mean) * (values[i] - mean);
  variance /= n - 1;
  return CLAMP (1.0 - variance / VERK_STATS_RWG_NULL_VARIANCE, 0.0, 1.0);
}

/**
 * verk_stats_agreement_for_item:
 * @scores: (element-type VerkScore): scores of one workshop
 *
 * Returns: r_wg of @item_id's scores, NAN with fewer than two.
 */
double
verk_stats_agreement_for_item (gint64     item_id,
                               GPtrArray *scores)
{
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; scores != NULL && i < scores->len; i++)
    {
      VerkScore *score = g_ptr_array_index (scores, i);
      if (score->item_id == item_id && score->value >= 1 && score->value <= 5)
        g_array_append_val (values, score->value);
    }
  return verk_stats_agreement ((const int *) values->data, values->len);
}

/**
 * verk_stats_is_shared_view:
 *
 * Returns: whether @agreement is high enough for a mean to speak for the group.
 */
gboolean
verk_stats_is_shared_view (double agreement)
{
  return isnan (agreement) || agreement >= VERK_STATS_SHARED_VIEW_RWG;
}
