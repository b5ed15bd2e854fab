/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-store"

#include "config.h"

#include <math.h>
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

void
verk_org_matrix_free (VerkOrgMatrix *matrix)
{
  if (matrix == NULL)
    return;
  g_strfreev (matrix->keys);
  g_free (matrix->mean);
  g_clear_pointer (&matrix->groups, g_ptr_array_unref);
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

/* The group's size and per-key scores within the filter. */
static gboolean
fill_group (VerkStore      *self,
            VerkOrgMatrix  *matrix,
            VerkOrgGroup   *group,
            int             year,
            guint           min_group_size,
            GError        **error)
{
  g_autofree char *year_text = year > 0 ? g_strdup_printf ("%04d", year) : NULL;
  sqlite3_stmt *st;
  int rc;

  st = verk_store_prepare (self,
                           "SELECT count(*), coalesce (max ((SELECT count(*) FROM participant p"
                           "    WHERE p.workshop_id = w.id AND p.removed_at IS NULL)), 0)"
                           "  FROM workshop w WHERE w.grp_id = ?1 AND w.trashed_at IS NULL"
                           "  AND (?2 IS NULL OR substr (w.date, 1, 4) = ?2)", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, group->group_id);
  sqlite3_bind_text (st, 2, year_text, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (st);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (st);
      return failed (self, error, rc);
    }
  group->n_workshops = sqlite3_column_int (st, 0);
  group->group_size = sqlite3_column_int (st, 1);
  group->hidden = group->group_size < min_group_size;
  sqlite3_reset (st);

  st = verk_store_prepare (self,
                           "SELECT avg (a.value), count (a.value) FROM workshop w"
                           "  JOIN item i ON i.workshop_id = w.id AND i.framework = 'siq'"
                           "    AND i.removed_at IS NULL AND i.key = ?3"
                           "  JOIN agreed a ON a.item_id = i.id AND a.value IS NOT NULL"
                           "  WHERE w.grp_id = ?1 AND w.trashed_at IS NULL"
                           "  AND (?2 IS NULL OR substr (w.date, 1, 4) = ?2)", error);
  if (st == NULL)
    return FALSE;
  for (guint k = 0; k < matrix->n_keys; k++)
    {
      group->agreed[k] = NAN;
      group->difference[k] = NAN;
      if (group->hidden)
        continue;
      sqlite3_bind_int64 (st, 1, group->group_id);
      sqlite3_bind_text (st, 2, year_text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (st, 3, matrix->keys[k], -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (st);
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (st);
          return failed (self, error, rc);
        }
      group->n_agreed[k] = sqlite3_column_int (st, 1);
      if (group->n_agreed[k] > 0)
        group->agreed[k] = sqlite3_column_double (st, 0);
      sqlite3_reset (st);
    }
  return TRUE;
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
  sqlite3_stmt *st;
  int rc;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);
  g_return_val_if_fail (keys != NULL, NULL);

  matrix->keys = g_strdupv ((char **) keys);
  matrix->n_keys = g_strv_length (matrix->keys);
  matrix->mean = g_new (double, matrix->n_keys);
  matrix->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_org_group_free);

  st = verk_store_prepare (self,
                           "SELECT g.id, g.name, g.unit FROM grp g WHERE g.trashed_at IS NULL"
                           "  AND (?1 IS NULL OR g.unit = ?1)"
                           "  AND EXISTS (SELECT 1 FROM workshop w WHERE w.grp_id = g.id AND w.trashed_at IS NULL"
                           "              AND (?2 IS NULL OR substr (w.date, 1, 4) = ?2))"
                           "  ORDER BY g.name COLLATE NOCASE, g.id", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, unit, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, year_text, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      VerkOrgGroup *group = g_new0 (VerkOrgGroup, 1);

      group->group_id = sqlite3_column_int64 (st, 0);
      group->name = g_strdup ((const char *) sqlite3_column_text (st, 1));
      group->unit = g_strdup ((const char *) sqlite3_column_text (st, 2));
      group->agreed = g_new (double, matrix->n_keys);
      group->difference = g_new (double, matrix->n_keys);
      group->n_agreed = g_new0 (guint, matrix->n_keys);
      g_ptr_array_add (matrix->groups, group);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      failed (self, error, rc);
      return NULL;
    }

  for (guint g = 0; g < matrix->groups->len; g++)
    {
      VerkOrgGroup *group = matrix->groups->pdata[g];

      /* the size first: a hidden group's scores are never read */
      if (!fill_group (self, matrix, group, year, min_group_size, error))
        return NULL;
    }

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
  return g_steal_pointer (&matrix);
}
