/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include "verk-store-private.h"

/* Reads for lists of many rows at once (the start page's groups and
 * workshops): one query for all of them rather than one per row. */

G_DEFINE_BOXED_TYPE (VerkWorkshopSummary, verk_workshop_summary,
                     verk_workshop_summary_copy, verk_workshop_summary_free)

/** verk_workshop_summary_copy: Returns: (transfer full): a deep copy. */
VerkWorkshopSummary *
verk_workshop_summary_copy (const VerkWorkshopSummary *summary)
{
  VerkWorkshopSummary *copy = g_new0 (VerkWorkshopSummary, 1);
  VerkWorkshop *w = g_new0 (VerkWorkshop, 1);

  *w = *summary->workshop;
  w->date = g_strdup (summary->workshop->date);
  w->facilitator = g_strdup (summary->workshop->facilitator);
  w->notes = g_strdup (summary->workshop->notes);
  copy->workshop = w;
  copy->n_participants = summary->n_participants;
  copy->previous_date = g_strdup (summary->previous_date);
  return copy;
}

void
verk_workshop_summary_free (VerkWorkshopSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->workshop, verk_workshop_free);
  g_free (summary->previous_date);
  g_free (summary);
}

/** verk_workshop_summary_equal: Returns: whether @a and @b show the same. */
gboolean
verk_workshop_summary_equal (const VerkWorkshopSummary *a,
                             const VerkWorkshopSummary *b)
{
  const VerkWorkshop *wa = a->workshop, *wb = b->workshop;

  return wa->id == wb->id && wa->group_id == wb->group_id && wa->previous_id == wb->previous_id
         && g_strcmp0 (wa->date, wb->date) == 0 && g_strcmp0 (wa->facilitator, wb->facilitator) == 0
         && g_strcmp0 (wa->notes, wb->notes) == 0 && a->n_participants == b->n_participants
         && g_strcmp0 (a->previous_date, b->previous_date) == 0;
}

/* With p the workshop w follows up: joined ON p.id = @previous. */
#define SUMMARY_SELECT(previous) \
  "SELECT w.id, w.grp_id, w.date, w.facilitator, w.previous_id, p.date," \
  " (SELECT count(*) FROM participant pa WHERE pa.workshop_id = w.id AND pa.removed_at IS NULL)" \
  " FROM workshop w LEFT JOIN workshop p ON p.id = " previous

static gpointer
summary_from_row (sqlite3_stmt *st)
{
  VerkWorkshopSummary *summary = g_new0 (VerkWorkshopSummary, 1);
  VerkWorkshop *w = g_new0 (VerkWorkshop, 1);

  w->id = sqlite3_column_int64 (st, 0);
  w->group_id = sqlite3_column_int64 (st, 1);
  w->date = g_strdup ((const char *) sqlite3_column_text (st, 2));
  w->facilitator = g_strdup ((const char *) sqlite3_column_text (st, 3));
  w->previous_id = sqlite3_column_int64 (st, 4);
  summary->workshop = w;
  summary->previous_date = g_strdup ((const char *) sqlite3_column_text (st, 5));
  summary->n_participants = (guint) sqlite3_column_int64 (st, 6);
  return summary;
}

/**
 * verk_store_list_workshop_summaries:
 *
 * Returns: (transfer full) (element-type VerkWorkshopSummary): the workshops,
 *   or NULL with @error set.
 */
GPtrArray *
verk_store_list_workshop_summaries (VerkStore  *self,
                                    GError    **error)
{
  g_autoptr (GPtrArray) summaries = NULL;
  sqlite3_stmt *st;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  /* PREVIOUS_WORKSHOP_SQL in two halves: the link in the join, then the
   * group's latest earlier workshop, which is the next row, as the rows come
   * by group, newest first, the trash left out (a subquery for each of
   * 10,000 workshops would cost the start page about 10 ms). */
  st = verk_store_prepare (self,
                           SUMMARY_SELECT ("w.previous_id AND p.trashed_at IS NULL")
                           " JOIN grp g ON g.id = w.grp_id"
                           " WHERE w.trashed_at IS NULL AND g.trashed_at IS NULL"
                           " ORDER BY w.grp_id, w.date DESC, w.id DESC",
                           error);
  if (st == NULL)
    return NULL;
  summaries = verk_store_read_rows (self, st, summary_from_row, (GDestroyNotify) verk_workshop_summary_free, error);
  for (guint i = 0; summaries != NULL && i + 1 < summaries->len; i++)
    {
      VerkWorkshopSummary *summary = g_ptr_array_index (summaries, i);
      const VerkWorkshop *earlier = ((VerkWorkshopSummary *) g_ptr_array_index (summaries, i + 1))->workshop;

      if (summary->previous_date == NULL && earlier->group_id == summary->workshop->group_id)
        summary->previous_date = g_strdup (earlier->date);
    }
  return g_steal_pointer (&summaries);
}

/**
 * verk_store_get_workshop_summary:
 *
 * Returns: (transfer full): the workshop's summary, or NULL with @error set
 *   (VERK_STORE_ERROR_NOT_FOUND when there is no such workshop).
 */
VerkWorkshopSummary *
verk_store_get_workshop_summary (VerkStore  *self,
                                 gint64      workshop_id,
                                 GError    **error)
{
  g_return_val_if_fail (VERK_IS_STORE (self), NULL);

  return verk_store_get_row_of (self, SUMMARY_SELECT (PREVIOUS_WORKSHOP_SQL ("w")) " WHERE w.id = ?", workshop_id,
                                summary_from_row, error);
}
