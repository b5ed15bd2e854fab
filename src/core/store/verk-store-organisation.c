/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "verk-store-private.h"

/* The organisation view's data (docs/STORAGE.md, "The organisation view"):
 * the groups' agreed scores on the values, with the anonymity threshold
 * applied here, so that no view or workbook can show what it hides. */

static void
verk_org_group_free (VerkOrgGroup *group)
{
  g_free (group->name);
  g_free (group->unit);
  g_free (group->agreed);
  g_free (group->difference);
  g_free (group->n_agreed);
  g_free (group);
}

static int
compare_unit_names (gconstpointer a,
                    gconstpointer b)
{
  const VerkOrgUnit *ua = *(VerkOrgUnit * const *) a, *ub = *(VerkOrgUnit * const *) b;
  g_autofree char *ka = g_utf8_collate_key (ua->name, -1);
  g_autofree char *kb = g_utf8_collate_key (ub->name, -1);

  return strcmp (ka, kb);
}

static void
verk_org_unit_free (VerkOrgUnit *unit)
{
  g_free (unit->name);
  g_free (unit);
}

void
verk_org_matrix_free (VerkOrgMatrix *matrix)
{
  if (matrix == NULL)
    return;
  g_strfreev (matrix->keys);
  g_free (matrix->mean);
  g_clear_pointer (&matrix->groups, g_ptr_array_unref);
  g_clear_pointer (&matrix->units, g_ptr_array_unref);
  g_free (matrix->years);
  g_free (matrix->trend);
  g_free (matrix);
}

static gboolean
failed (VerkStore  *self,
        GError    **error,
        int         rc)
{
  verk_store_set_error_from_rc (self, error, rc, _("Verkstad could not read the database."));
  return FALSE;
}

/* The filter shared by the statements below: ?1 the unit (NULL: every
 * unit), ?2 the year as text (NULL: every year), ?3 the smallest group
 * shown. "shown" holds the groups whose largest workshop in the filter
 * reaches the threshold: a hidden group's scores and actions are never
 * read. Each statement reads every group at once (a per-group statement
 * took 200 ms for 200 groups, docs/PERFORMANCE.md). */
#define IN_FILTER(w) \
  w ".trashed_at IS NULL AND (?2 IS NULL OR substr (" w ".date, 1, 4) = ?2)"
#define SHOWN_GROUPS \
  "WITH shown (id) AS MATERIALIZED (" \
  "  SELECT w.grp_id FROM workshop w" \
  "    JOIN grp g ON g.id = w.grp_id AND g.trashed_at IS NULL AND (?1 IS NULL OR g.unit = ?1)" \
  "   WHERE " IN_FILTER ("w") \
  "   GROUP BY w.grp_id" \
  "  HAVING coalesce (max ((SELECT count(*) FROM participant p" \
  "                         WHERE p.workshop_id = w.id AND p.removed_at IS NULL)), 0) >= ?3) "

static void
bind_filter (sqlite3_stmt *st,
             const char   *unit,
             const char   *year_text,
             guint         min_group_size)
{
  sqlite3_bind_text (st, 1, unit, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, year_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (st, 3, min_group_size);
}

typedef struct {
  double sum;
  guint  n;
} Mean;

/* The listed groups in name order with their workshops and size. */
static gboolean
read_groups (VerkStore      *self,
             VerkOrgMatrix  *matrix,
             GHashTable     *by_id,
             const char     *unit,
             const char     *year_text,
             guint           min_group_size,
             GError        **error)
{
  sqlite3_stmt *st;
  int rc;

  st = verk_store_prepare (self,
                           "SELECT g.id, g.name, g.unit, count(*),"
                           "  coalesce (max ((SELECT count(*) FROM participant p"
                           "                  WHERE p.workshop_id = w.id AND p.removed_at IS NULL)), 0)"
                           "  FROM grp g JOIN workshop w ON w.grp_id = g.id AND " IN_FILTER ("w")
                           "  WHERE g.trashed_at IS NULL AND (?1 IS NULL OR g.unit = ?1)"
                           "  GROUP BY g.id ORDER BY g.name COLLATE NOCASE, g.id", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, unit, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, year_text, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      VerkOrgGroup *group = g_new0 (VerkOrgGroup, 1);

      group->group_id = sqlite3_column_int64 (st, 0);
      group->name = g_strdup ((const char *) sqlite3_column_text (st, 1));
      group->unit = g_strdup ((const char *) sqlite3_column_text (st, 2));
      group->n_workshops = sqlite3_column_int (st, 3);
      group->group_size = sqlite3_column_int (st, 4);
      group->hidden = group->group_size < min_group_size;
      group->agreed = g_new (double, matrix->n_keys);
      group->difference = g_new (double, matrix->n_keys);
      group->n_agreed = g_new0 (guint, matrix->n_keys);
      for (guint k = 0; k < matrix->n_keys; k++)
        group->agreed[k] = group->difference[k] = NAN;
      group->done_share = NAN;
      g_ptr_array_add (matrix->groups, group);
      g_hash_table_insert (by_id, &group->group_id, GUINT_TO_POINTER (matrix->groups->len));
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    return failed (self, error, rc);
  return TRUE;
}

/* The listed group of @group_id (by_id holds its index + 1), or NULL. */
static VerkOrgGroup *
find_group (VerkOrgMatrix *matrix,
            GHashTable    *by_id,
            gint64         group_id,
            guint         *index)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, &group_id));

  if (position == 0)
    return NULL;
  if (index != NULL)
    *index = position - 1;
  return matrix->groups->pdata[position - 1];
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The shown groups' agreed scores per key, and the trend: per year and
 * key, the mean over the shown groups of each group's mean that year. */
static gboolean
read_scores (VerkStore      *self,
             VerkOrgMatrix  *matrix,
             GHashTable     *by_id,
             const char     *unit,
             const char     *year_text,
             guint           min_group_size,
             GError        **error)
{
  g_autoptr (GHashTable) key_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) by_year = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr (GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree gint64 *sums = NULL;
  GHashTableIter iter;
  gpointer year_key;
  sqlite3_stmt *st;
  int rc;

  for (guint k = 0; k < matrix->n_keys; k++)
    g_hash_table_insert (key_index, matrix->keys[k], GUINT_TO_POINTER (k));
  sums = g_new0 (gint64, (gsize) matrix->groups->len * matrix->n_keys);

  st = verk_store_prepare (self,
                           SHOWN_GROUPS
                           "SELECT w.grp_id, CAST (substr (w.date, 1, 4) AS INTEGER), i.key,"
                           "  sum (a.value), count (a.value)"
                           "  FROM shown s JOIN workshop w ON w.grp_id = s.id AND " IN_FILTER ("w")
                           "  JOIN item i ON i.workshop_id = w.id AND i.framework = 'siq'"
                           "    AND i.removed_at IS NULL AND i.key IS NOT NULL"
                           "  JOIN agreed a ON a.item_id = i.id AND a.value IS NOT NULL"
                           "  GROUP BY 1, 2, 3", error);
  if (st == NULL)
    return FALSE;
  bind_filter (st, unit, year_text, min_group_size);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 group_id = sqlite3_column_int64 (st, 0);
      int year = sqlite3_column_int (st, 1);
      gint64 sum = sqlite3_column_int64 (st, 3);
      guint n = sqlite3_column_int (st, 4);
      guint g = 0;
      VerkOrgGroup *group = find_group (matrix, by_id, group_id, &g);
      gpointer found;
      guint k;
      Mean *means;

      if (group == NULL || group->hidden
          || !g_hash_table_lookup_extended (key_index, sqlite3_column_text (st, 2), NULL, &found))
        continue;
      k = GPOINTER_TO_UINT (found);
      group->n_agreed[k] += n;
      sums[g * matrix->n_keys + k] += sum;
      means = g_hash_table_lookup (by_year, GINT_TO_POINTER (year));
      if (means == NULL)
        {
          means = g_new0 (Mean, matrix->n_keys);
          g_hash_table_insert (by_year, GINT_TO_POINTER (year), means);
        }
      means[k].sum += (double) sum / n;
      means[k].n++;
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    return failed (self, error, rc);

  for (guint g = 0; g < matrix->groups->len; g++)
    {
      VerkOrgGroup *group = matrix->groups->pdata[g];

      for (guint k = 0; k < matrix->n_keys; k++)
        if (group->n_agreed[k] > 0)
          group->agreed[k] = (double) sums[g * matrix->n_keys + k] / group->n_agreed[k];
    }

  g_hash_table_iter_init (&iter, by_year);
  while (g_hash_table_iter_next (&iter, &year_key, NULL))
    {
      int y = GPOINTER_TO_INT (year_key);
      g_array_append_val (years, y);
    }
  g_array_sort (years, compare_int);
  matrix->n_years = years->len;
  matrix->years = g_new (int, years->len);
  matrix->trend = g_new (double, (gsize) years->len * matrix->n_keys);
  for (guint y = 0; y < years->len; y++)
    {
      const Mean *means = g_hash_table_lookup (by_year, GINT_TO_POINTER (g_array_index (years, int, y)));

      matrix->years[y] = g_array_index (years, int, y);
      for (guint k = 0; k < matrix->n_keys; k++)
        matrix->trend[y * matrix->n_keys + k] = means[k].n > 0 ? means[k].sum / means[k].n : NAN;
    }
  return TRUE;
}

/* The shown groups' actions in workshops that were followed up, and how
 * many were done: the follow-up's carried copy holds the status decided
 * there. */
static gboolean
read_actions (VerkStore      *self,
              VerkOrgMatrix  *matrix,
              GHashTable     *by_id,
              const char     *unit,
              const char     *year_text,
              guint           min_group_size,
              GError        **error)
{
  sqlite3_stmt *st;
  int rc;

  st = verk_store_prepare (self,
                           SHOWN_GROUPS
                           "SELECT w.grp_id, count(*), coalesce (sum (coalesce ("
                           "    (SELECT c.status FROM action c JOIN workshop f ON f.id = c.workshop_id"
                           "       AND f.previous_id = w.id AND f.trashed_at IS NULL"
                           "     WHERE c.carried_from = a.id ORDER BY f.date DESC LIMIT 1),"
                           "    a.status) = 2), 0)"
                           "  FROM shown s JOIN workshop w ON w.grp_id = s.id AND " IN_FILTER ("w")
                           "  JOIN action a ON a.workshop_id = w.id"
                           "  WHERE EXISTS (SELECT 1 FROM workshop f WHERE f.previous_id = w.id"
                           "                AND f.trashed_at IS NULL)"
                           "  GROUP BY w.grp_id", error);
  if (st == NULL)
    return FALSE;
  bind_filter (st, unit, year_text, min_group_size);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 group_id = sqlite3_column_int64 (st, 0);
      VerkOrgGroup *group = find_group (matrix, by_id, group_id, NULL);

      if (group == NULL || group->hidden)
        continue;
      group->n_followed_up = sqlite3_column_int (st, 1);
      group->n_done = sqlite3_column_int (st, 2);
      if (group->n_followed_up > 0)
        group->done_share = (double) group->n_done / group->n_followed_up;
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    return failed (self, error, rc);
  return TRUE;
}

/* The units of the listed groups, with their shown groups' actions. */
static void
fill_units (VerkOrgMatrix *matrix)
{
  g_autoptr (GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);

  matrix->units = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_org_unit_free);
  for (guint g = 0; g < matrix->groups->len; g++)
    {
      VerkOrgGroup *group = matrix->groups->pdata[g];
      const char *name = group->unit != NULL ? group->unit : "";
      VerkOrgUnit *unit = g_hash_table_lookup (by_name, name);

      if (unit == NULL)
        {
          unit = g_new0 (VerkOrgUnit, 1);
          unit->name = g_strdup (name);
          g_ptr_array_add (matrix->units, unit);
          g_hash_table_insert (by_name, unit->name, unit);
        }
      unit->n_groups++;
      unit->n_followed_up += group->n_followed_up;
      unit->n_done += group->n_done;
    }
  for (guint u = 0; u < matrix->units->len; u++)
    {
      VerkOrgUnit *unit = matrix->units->pdata[u];
      unit->done_share = unit->n_followed_up > 0 ? (double) unit->n_done / unit->n_followed_up : NAN;
    }
  g_ptr_array_sort (matrix->units, compare_unit_names);
}

VerkOrgMatrix *
verk_store_get_organisation (VerkStore          *self,
                             const char * const *keys,
                             const char         *unit,
                             int                 year,
                             guint               min_group_size,
                             GError            **error)
{
  g_autoptr (VerkOrgMatrix) matrix = g_new0 (VerkOrgMatrix, 1);
  g_autofree char *year_text = year > 0 ? g_strdup_printf ("%04d", year) : NULL;
  g_autoptr (GHashTable) by_id = NULL;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);
  g_return_val_if_fail (keys != NULL, NULL);

  matrix->keys = g_strdupv ((char **) keys);
  matrix->n_keys = g_strv_length (matrix->keys);
  matrix->mean = g_new (double, matrix->n_keys);
  matrix->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_org_group_free);

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  if (!read_groups (self, matrix, by_id, unit, year_text, min_group_size, error))
    return NULL;
  if (!read_scores (self, matrix, by_id, unit, year_text, min_group_size, error)
      || !read_actions (self, matrix, by_id, unit, year_text, min_group_size, error))
    return NULL;

  /* the organisation's mean: each shown group counts once */
  for (guint k = 0; k < matrix->n_keys; k++)
    {
      double sum = 0;
      guint n = 0;

      for (guint g = 0; g < matrix->groups->len; g++)
        {
          VerkOrgGroup *group = matrix->groups->pdata[g];
          if (!isnan (group->agreed[k]))
            {
              sum += group->agreed[k];
              n++;
            }
        }
      matrix->mean[k] = n > 0 ? sum / n : NAN;
      for (guint g = 0; g < matrix->groups->len; g++)
        {
          VerkOrgGroup *group = matrix->groups->pdata[g];
          group->difference[k] = group->agreed[k] - matrix->mean[k];   /* NAN stays NAN */
        }
    }
  fill_units (matrix);
  return g_steal_pointer (&matrix);
}

/**
 * verk_store_list_organisation_filters:
 * @units: (out) (transfer full): the units, sorted
 * @years: (out) (transfer full): the years (int), ascending
 *
 * What the organisation view's filters offer.
 *
 * Returns: %FALSE with @error set when the database could not be read.
 */
gboolean
verk_store_list_organisation_filters (VerkStore  *self,
                                      GStrv      *units,
                                      GArray    **years,
                                      GError    **error)
{
  g_autoptr (GStrvBuilder) unit_list = g_strv_builder_new ();
  g_autoptr (GArray) year_list = g_array_new (FALSE, FALSE, sizeof (int));
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);
  g_return_val_if_fail (units != NULL && years != NULL, FALSE);

  st = verk_store_prepare (self,
                           "SELECT DISTINCT g.unit FROM grp g WHERE g.trashed_at IS NULL"
                           "  AND EXISTS (SELECT 1 FROM workshop w WHERE w.grp_id = g.id"
                           "              AND w.trashed_at IS NULL)"
                           "  ORDER BY g.unit COLLATE NOCASE", error);
  if (st == NULL)
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_strv_builder_add (unit_list, (const char *) sqlite3_column_text (st, 0));
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    return failed (self, error, rc);

  st = verk_store_prepare (self,
                           "SELECT DISTINCT CAST (substr (w.date, 1, 4) AS INTEGER) FROM workshop w"
                           "  JOIN grp g ON g.id = w.grp_id AND g.trashed_at IS NULL"
                           "  WHERE w.trashed_at IS NULL ORDER BY 1", error);
  if (st == NULL)
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (st, 0);
      if (year > 0)
        g_array_append_val (year_list, year);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    return failed (self, error, rc);

  *units = g_strv_builder_end (unit_list);
  *years = g_steal_pointer (&year_list);
  return TRUE;
}
