/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "verk-store.h"

G_BEGIN_DECLS

/* Pure functions over what VerkStore returns: pass the GPtrArrays of
 * verk_store_list_items() (VerkItem) and verk_store_list_scores() (VerkScore)
 * straight in. Nothing here touches the database or keeps state. */

/* Participants disagree on an item when max − min of their scores is at least
 * this (the facilitator may choose another threshold). */
#define VERK_STATS_DEFAULT_DISAGREEMENT 2

/* The participants' scores of one item. With no scores, count is 0 and every
 * other field 0. spread = max − min (0 for a single score). */
typedef struct {
  gint64  item_id;
  guint   count;
  double  mean;
  double  median;     /* the middle score; the mean of the two middle ones for an even count */
  int     min;
  int     max;
  int     spread;
} VerkItemStats;

/* The same item in the group's previous workshop: matched by framework and
 * content key, or, for custom pieces (no key), by name ignoring case and
 * surrounding spaces. */
typedef struct {
  gint64    item_id;
  gint64    previous_item_id;  /* 0 when the previous workshop had no such item */
  int       agreed;            /* this workshop's agreed score, 0 = unset */
  int       previous_agreed;   /* 0 = unset or no match */
  gboolean  comparable;        /* both agreed scores are set */
  int       change;            /* agreed − previous_agreed when comparable, else 0 */
} VerkItemComparison;

/* Statistics of a list of 1..5 values (@n may be 0). */
void       verk_stats_compute            (const int     *values,
                                          guint          n,
                                          VerkItemStats *out);

/* One VerkItemStats per item, in the order of @items.
 * Returns: (transfer full) (element-type VerkItemStats) */
GArray    *verk_stats_per_item           (GPtrArray     *items,
                                          GPtrArray     *scores);

/* The statistics of @item_id alone (count 0 when it has no scores). */
VerkItemStats verk_stats_for_item        (gint64         item_id,
                                          GPtrArray     *scores);

/* The suggested priority order, every item of @items exactly once. The rule:
 *  1. Items whose agreed score is below their desired level ("bör"), the
 *     largest gap (desired − agreed) first.
 *  2. Then items with an agreed score but no desired level, the lowest
 *     agreed score first.
 *  3. Then items already at or above their desired level, the smallest
 *     surplus first.
 *  4. Last the items with no agreed score yet.
 * Within a step, a larger spread of the participants' scores comes first (the
 * group is least sure there), then the item's position, then its id.
 * Returns: (transfer full) (element-type gint64): item ids */
GArray    *verk_stats_priority_order     (GPtrArray     *items,
                                          GPtrArray     *scores);

/* The items where participants disagree: spread >= @threshold (use
 * VERK_STATS_DEFAULT_DISAGREEMENT unless the facilitator chose another), the
 * largest spread first, then by position, so the group discusses them first.
 * Returns: (transfer full) (element-type gint64): item ids */
GArray    *verk_stats_disagreements      (GPtrArray     *items,
                                          GPtrArray     *scores,
                                          int            threshold);

/* Compares each item of @items with its match in @previous_items (the items
 * of the workshop verk_store_get_previous_workshop_id() names; NULL or empty
 * when there is none). One entry per item of @items, in its order.
 * Returns: (transfer full) (element-type VerkItemComparison) */
GArray    *verk_stats_compare_previous   (GPtrArray     *items,
                                          GPtrArray     *previous_items);

/* The match of @item in @previous_items, or NULL. */
VerkItem  *verk_stats_find_previous_item (VerkItem      *item,
                                          GPtrArray     *previous_items);

/* Within-group agreement on one item, r_wg (James, Demaree & Wolf 1984):
 * 1 − s² / σ²_EU, where s² is the sample variance (n − 1) of the scores and
 * σ²_EU = (A² − 1) / 12 the variance of a uniform answer over A = 5 points,
 * that is 2. 1 is full agreement; a variance at or above the uniform's gives
 * 0 (truncated, LeBreton & Senter 2008). NAN with fewer than two scores. */
#define VERK_STATS_RWG_NULL_VARIANCE 2.0
/* Below this r_wg the group has no shared view and a mean would mislead
 * (the conventional 0.70 cut-off, LeBreton & Senter 2008). */
#define VERK_STATS_SHARED_VIEW_RWG   0.70

double     verk_stats_agreement          (const int     *values,
                                          guint          n);
/* r_wg of @item_id's scores in @scores. */
double     verk_stats_agreement_for_item (gint64         item_id,
                                          GPtrArray     *scores);
/* FALSE when @agreement (an r_wg) is below VERK_STATS_SHARED_VIEW_RWG; TRUE
 * for NAN (one score or none: nothing to disagree about yet). */
gboolean   verk_stats_is_shared_view     (double         agreement);

G_END_DECLS
