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

/* Where the statements run: the store's own connection and statement cache
 * (the main thread), or a read-only connection of a worker thread's own
 * (verk_org_read_run()), whose statements are finalized after the read. */
typedef struct {
  VerkStore *store;
  sqlite3   *db;
  GPtrArray *statements;
} Reader;

static void
finalize_statement (gpointer statement)
{
  sqlite3_finalize (statement);
}

static sqlite3_stmt *
prepare (Reader      *reader,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *st = NULL;
  int rc;

  if (reader->store != NULL)
    return verk_store_prepare (reader->store, sql, error);
  rc = sqlite3_prepare_v2 (reader->db, sql, -1, &st, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_FAILED, "%s", sqlite3_errmsg (reader->db));
      return NULL;
    }
  g_ptr_array_add (reader->statements, st);
  return st;
}

static gboolean
failed (Reader  *reader,
        GError **error,
        int      rc)
{
  if (reader->store != NULL)
    verk_store_set_error_from_rc (reader->store, error, rc, _("Verkstad could not read the database."));
  else
    g_set_error (error, VERK_STORE_ERROR, VERK_STORE_ERROR_FAILED, "%s", sqlite3_errstr (rc));
  return FALSE;
}

/* The filter shared by the statements below: ?1 the unit (NULL: every
 * unit), ?2 the year as text (NULL: every year). "shown" holds the groups
 * read_groups() found to reach the threshold (?3, a JSON array of their
 * ids): a hidden group's scores and actions are never read, and the sizes
 * are counted once. Each statement reads every group at once (a per-group
 * statement took 200 ms for 200 groups, docs/PERFORMANCE.md). */
#define IN_FILTER(w) \
  w ".trashed_at IS NULL AND (?2 IS NULL OR substr (" w ".date, 1, 4) = ?2)"
#define SHOWN_GROUPS \
  "WITH shown (id) AS MATERIALIZED (SELECT value FROM json_each (?3)) "

/* CAST (substr (date, 1, 4) AS INTEGER): spaces, a sign, then digits. */
static int
cast_year_of (const char *date)
{
  int year = 0, sign = 1;
  guint i = 0;

  if (date == NULL)
    return 0;
  while (i < 4 && (date[i] == ' ' || (date[i] >= '\t' && date[i] <= '\r')))
    i++;
  if (i < 4 && (date[i] == '-' || date[i] == '+'))
    sign = date[i++] == '-' ? -1 : 1;
  for (; i < 4 && g_ascii_isdigit (date[i]); i++)
    year = year * 10 + (date[i] - '0');
  return sign * year;
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The filters' years: each year a workshop's date holds, once. */
typedef struct {
  GArray     *years;
  GHashTable *seen;
} YearList;

static void
add_year (YearList   *list,
          const char *date)
{
  int year = cast_year_of (date);

  if (year > 0 && g_hash_table_add (list->seen, GINT_TO_POINTER (year)))
    g_array_append_val (list->years, year);
}

/* What the statements are asked for. */
typedef struct {
  const char *unit;
  const char *year_text;
  guint       min_group_size;
  GString    *shown;          /* "[3,7,…]": the shown groups' ids, by read_groups() */
  YearList   *year_list;      /* NULL, or the filters' years, by read_group_sizes() */
} Filter;

static void
bind_filter (sqlite3_stmt *st,
             const Filter *filter)
{
  sqlite3_bind_text (st, 2, filter->year_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 3, filter->shown->str, -1, SQLITE_TRANSIENT);
}

typedef struct {
  double sum;
  guint  n;
} Mean;

/* "2026-03-15" → 2026, as CAST (substr (date, 1, 4) AS INTEGER) reads it. */
static int
year_of (const char *date)
{
  int year = 0;

  for (guint i = 0; i < 4 && date != NULL && g_ascii_isdigit (date[i]); i++)
    year = year * 10 + (date[i] - '0');
  return year;
}

/* A listed group's workshop in the filter: its group's place and year. */
typedef struct {
  gint64 id;
  guint  g;
  int    year;
} ShownWorkshop;

/* A group's workshops in the filter, and the most participants in one. */
typedef struct {
  gint64 id;
  guint  n_workshops;
  guint  size;
} GroupSize;

/* A workshop in the filter, its participants counted. */
typedef struct {
  gint64     id;
  GroupSize *group;
  int        year;
  guint      n_participants;
} WorkshopSize;

/* The workshops in the filter (into @workshops, by id), and each one's
 * participants, by group id; the filters' years from every workshop of a
 * group not in the trash (filter->year_list), which list_filters() would
 * otherwise read again. The year is tested here, as substr (date, 1, 4) =
 * ?2 tests it.
 * Every participant is read in the table's order and counted here: one
 * statement and no seek a participant (at 200 groups × 10 workshops, in
 * the sqlite3 shell, 12 M instructions; the count per workshop through the
 * participants' index took 30 M). */
static GHashTable *
read_group_sizes (Reader        *self,
                  const Filter  *filter,
                  GHashTable    *workshops,
                  GError       **error)
{
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  WorkshopSize *workshop = NULL;
  GHashTableIter iter;
  gpointer value;
  sqlite3_stmt *st;
  int rc;

  st = prepare (self,
                "SELECT w.id, w.grp_id, w.date FROM workshop w"
                "  JOIN grp g ON g.id = w.grp_id AND g.trashed_at IS NULL"
                "  WHERE w.trashed_at IS NULL", error);
  if (st == NULL)
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 group_id = sqlite3_column_int64 (st, 1);
      const char *date = (const char *) sqlite3_column_text (st, 2);
      GroupSize *group;

      if (filter->year_list != NULL)
        add_year (filter->year_list, date);
      if (filter->year_text != NULL
          && (date == NULL || strlen (filter->year_text) != 4 || strncmp (date, filter->year_text, 4) != 0))
        continue;
      group = g_hash_table_lookup (groups, &group_id);
      if (group == NULL)
        {
          group = g_new0 (GroupSize, 1);
          group->id = group_id;
          g_hash_table_insert (groups, &group->id, group);
        }
      group->n_workshops++;
      workshop = g_new0 (WorkshopSize, 1);
      workshop->id = sqlite3_column_int64 (st, 0);
      workshop->group = group;
      workshop->year = year_of (date);
      g_hash_table_insert (workshops, &workshop->id, workshop);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      failed (self, error, rc);
      return NULL;
    }

  st = prepare (self, "SELECT workshop_id FROM participant WHERE removed_at IS NULL", error);
  if (st == NULL)
    return NULL;
  workshop = NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 workshop_id = sqlite3_column_int64 (st, 0);

      /* a workshop's participants mostly follow each other */
      if (workshop == NULL || workshop->id != workshop_id)
        workshop = g_hash_table_lookup (workshops, &workshop_id);
      if (workshop != NULL)
        workshop->n_participants++;
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      failed (self, error, rc);
      return NULL;
    }

  g_hash_table_iter_init (&iter, workshops);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const WorkshopSize *counted = value;
      counted->group->size = MAX (counted->group->size, counted->n_participants);
    }
  return g_steal_pointer (&groups);
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

/* The listed groups in name order with their workshops and size: the
 * groups with a workshop in the filter; and the shown groups' workshops
 * in the filter (ShownWorkshop), which read_scores() would otherwise ask
 * for again. */
static gboolean
read_groups (Reader         *self,
             VerkOrgMatrix  *matrix,
             GHashTable     *by_id,
             const Filter   *filter,
             GArray         *shown_workshops,
             GError        **error)
{
  g_autoptr (GHashTable) workshops = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autoptr (GHashTable) sizes = read_group_sizes (self, filter, workshops, error);
  GHashTableIter iter;
  gpointer value;
  sqlite3_stmt *st;
  int rc;

  if (sizes == NULL)
    return FALSE;
  st = prepare (self,
                "SELECT g.id, g.name, g.unit FROM grp g"
                "  WHERE g.trashed_at IS NULL AND (?1 IS NULL OR g.unit = ?1)"
                "  ORDER BY g.name COLLATE NOCASE, g.id", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, filter->unit, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 group_id = sqlite3_column_int64 (st, 0);
      const GroupSize *size = g_hash_table_lookup (sizes, &group_id);
      VerkOrgGroup *group;

      if (size == NULL)
        continue;
      group = g_new0 (VerkOrgGroup, 1);
      group->group_id = group_id;
      group->name = g_strdup ((const char *) sqlite3_column_text (st, 1));
      group->unit = g_strdup ((const char *) sqlite3_column_text (st, 2));
      group->n_workshops = size->n_workshops;
      group->group_size = size->size;
      group->hidden = group->group_size < filter->min_group_size;
      if (!group->hidden)
        g_string_append_printf (filter->shown, "%s%" G_GINT64_FORMAT,
                                filter->shown->len > 1 ? "," : "", group->group_id);
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
  g_string_append_c (filter->shown, ']');
  if (rc != SQLITE_DONE)
    return failed (self, error, rc);

  g_hash_table_iter_init (&iter, workshops);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const WorkshopSize *workshop = value;
      ShownWorkshop shown = { workshop->id, 0, workshop->year };

      if (find_group (matrix, by_id, workshop->group->id, &shown.g) != NULL
          && !((VerkOrgGroup *) matrix->groups->pdata[shown.g])->hidden)
        g_array_append_val (shown_workshops, shown);
    }
  return TRUE;
}

/* A group's agreed scores of one year, per key. */
typedef struct {
  gint64 sum;
  guint  n;
} Tally;

static void
free_year_tallies (gpointer table)
{
  if (table != NULL)
    g_hash_table_unref (table);
}

/* The tallies of read_scores(), added to one agreed score at a time. */
typedef struct {
  VerkOrgMatrix *matrix;
  GHashTable    *key_index;    /* key → its place */
  gint64        *sums;         /* by group and key */
  GPtrArray     *group_years;  /* by group: year → Tally by key, or NULL */
  /* the scores come a workshop at a time, its items in the keys' order:
   * the last key's place and the last group's and year's tallies spare
   * a hash of the key and a look-up of the year a score (6 M instructions
   * of the worker's read at 200 groups × 10 workshops) */
  guint          last_k;
  guint          last_g;
  int            last_year;
  Tally         *last_tally;   /* of last_g in last_year, or NULL */
} ScoreTallies;

/* @key's place in the matrix's keys: the one after the last key's first. */
static gboolean
find_key (ScoreTallies *tallies,
          const char   *key,
          guint        *k)
{
  guint n_keys = tallies->matrix->n_keys, next = tallies->last_k + 1 < n_keys ? tallies->last_k + 1 : 0;
  gpointer found;

  if (n_keys > 0 && strcmp (tallies->matrix->keys[next], key) == 0)
    *k = next;
  else if (g_hash_table_lookup_extended (tallies->key_index, key, NULL, &found))
    *k = GPOINTER_TO_UINT (found);
  else
    return FALSE;
  tallies->last_k = *k;
  return TRUE;
}

static void
add_score (ScoreTallies *tallies,
           guint         g,
           int           year,
           const char   *key,
           int           value)
{
  VerkOrgGroup *group = tallies->matrix->groups->pdata[g];
  guint n_keys = tallies->matrix->n_keys;
  GHashTable *of_group;
  Tally *tally;
  guint k;

  if (group->hidden || key == NULL || !find_key (tallies, key, &k))
    return;
  group->n_agreed[k]++;
  tallies->sums[g * n_keys + k] += value;
  if (tallies->last_tally != NULL && tallies->last_g == g && tallies->last_year == year)
    tally = tallies->last_tally;
  else
    {
      of_group = tallies->group_years->pdata[g];
      if (of_group == NULL)
        of_group = tallies->group_years->pdata[g] = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      tally = g_hash_table_lookup (of_group, GINT_TO_POINTER (year));
      if (tally == NULL)
        {
          tally = g_new0 (Tally, n_keys);
          g_hash_table_insert (of_group, GINT_TO_POINTER (year), tally);
        }
      tallies->last_g = g;
      tallies->last_year = year;
      tallies->last_tally = tally;
    }
  tally[k].sum += value;
  tally[k].n++;
}

/* The shown groups' agreed scores, from the shown groups' workshops
 * through their items: the fewer workshops are shown, the fewer rows this
 * reads, but each costs three B-tree seeks (some 4,000 instructions). */
static int
add_scores_by_workshop (Reader         *self,
                        ScoreTallies   *tallies,
                        GHashTable     *by_id,
                        const Filter   *filter,
                        GError        **error)
{
  VerkOrgGroup *group = NULL;
  gint64 last_id = 0;
  guint g = 0;
  sqlite3_stmt *st;
  int rc;

  st = prepare (self,
                SHOWN_GROUPS
                "SELECT w.grp_id, w.date, i.key, a.value"
                "  FROM shown s JOIN workshop w ON w.grp_id = s.id AND " IN_FILTER ("w")
                "  JOIN item i ON i.workshop_id = w.id AND i.framework = 'siq'"
                "    AND i.removed_at IS NULL AND i.key IS NOT NULL"
                "  JOIN agreed a ON a.item_id = i.id AND a.value IS NOT NULL", error);
  if (st == NULL)
    return SQLITE_ERROR;
  bind_filter (st, filter);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 group_id = sqlite3_column_int64 (st, 0);

      if (group == NULL || group_id != last_id)
        {
          last_id = group_id;
          group = find_group (tallies->matrix, by_id, group_id, &g);
        }
      if (group != NULL)
        add_score (tallies, g, year_of ((const char *) sqlite3_column_text (st, 1)),
                   (const char *) sqlite3_column_text (st, 2), sqlite3_column_int (st, 3));
    }
  sqlite3_reset (st);
  return rc;
}

/* The same from every agreed score in the order of the table, each joined
 * to its item by the item's row id, and to its workshop here (the shown
 * workshops read with the groups' sizes): one seek a row instead of three,
 * when most workshops are shown, as when the Overview opens (at 200 groups
 * × 10 workshops 55 M instructions instead of 74 M, in the sqlite3 shell). */
static int
add_scores_by_agreed (Reader         *self,
                      ScoreTallies   *tallies,
                      GArray         *shown_workshops,
                      GError        **error)
{
  g_autoptr (GHashTable) by_workshop = g_hash_table_new (g_int64_hash, g_int64_equal);
  const ShownWorkshop *workshop = NULL;
  gint64 last_id = 0;
  sqlite3_stmt *st;
  int rc;

  for (guint i = 0; i < shown_workshops->len; i++)
    {
      ShownWorkshop *shown = &g_array_index (shown_workshops, ShownWorkshop, i);
      g_hash_table_insert (by_workshop, &shown->id, shown);
    }

  /* a score without a value, an item without a key are passed over here
   * (add_score()), not in the statement: its tests cost every row more
   * than the few such rows (at 200 groups × 10 workshops 50.6 M
   * instructions instead of 57.2 M, the item's removed_at tested before
   * its framework 1 M of that) */
  st = prepare (self,
                "SELECT i.workshop_id, i.key, a.value"
                "  FROM agreed a CROSS JOIN item i ON i.id = a.item_id"
                "  WHERE i.removed_at IS NULL AND i.framework = 'siq'", error);
  if (st == NULL)
    return SQLITE_ERROR;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 workshop_id = sqlite3_column_int64 (st, 0);

      /* a workshop's items follow each other */
      if (last_id == 0 || workshop_id != last_id)
        {
          last_id = workshop_id;
          workshop = g_hash_table_lookup (by_workshop, &workshop_id);
        }
      if (workshop != NULL && sqlite3_column_type (st, 2) != SQLITE_NULL)
        add_score (tallies, workshop->g, workshop->year, (const char *) sqlite3_column_text (st, 1),
                   sqlite3_column_int (st, 2));
    }
  sqlite3_reset (st);
  return rc;
}

/* The shown groups' agreed scores per key, and the trend: per year and
 * key, the mean over the shown groups of each group's mean that year. The
 * rows are added up here rather than with GROUP BY: SQLite's sorter took
 * two thirds of the statement (150 M of 235 M instructions at 200 groups).
 * When at least half the workshops are shown, every agreed score is read
 * (add_scores_by_agreed()); otherwise only the shown workshops' ones. */
static gboolean
read_scores (Reader         *self,
             VerkOrgMatrix  *matrix,
             GHashTable     *by_id,
             const Filter   *filter,
             GArray         *shown_workshops,
             GError        **error)
{
  g_autoptr (GHashTable) key_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) by_year = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr (GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GPtrArray) group_years = g_ptr_array_new_full (matrix->groups->len, free_year_tallies);
  g_autofree gint64 *sums = NULL;
  ScoreTallies tallies;
  GHashTableIter iter;
  gpointer year_key, tallies_of_year;
  guint g, n_shown = 0;
  gint64 n_workshops = 0;
  sqlite3_stmt *st;
  int rc;

  for (guint k = 0; k < matrix->n_keys; k++)
    g_hash_table_insert (key_index, matrix->keys[k], GUINT_TO_POINTER (k));
  sums = g_new0 (gint64, (gsize) matrix->groups->len * matrix->n_keys);
  g_ptr_array_set_size (group_years, matrix->groups->len);
  tallies = (ScoreTallies) { matrix, key_index, sums, group_years, 0, 0, 0, NULL };

  for (g = 0; g < matrix->groups->len; g++)
    {
      const VerkOrgGroup *group = matrix->groups->pdata[g];
      if (!group->hidden)
        n_shown += group->n_workshops;
    }
  st = prepare (self, "SELECT count(*) FROM workshop", error);
  if (st == NULL)
    return FALSE;
  if ((rc = sqlite3_step (st)) == SQLITE_ROW)
    n_workshops = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  if (rc != SQLITE_ROW)
    return failed (self, error, rc);

  if (n_shown == 0)
    rc = SQLITE_DONE;
  else if ((gint64) n_shown * 2 >= n_workshops)
    rc = add_scores_by_agreed (self, &tallies, shown_workshops, error);
  else
    rc = add_scores_by_workshop (self, &tallies, by_id, filter, error);
  if (rc == SQLITE_ERROR && error != NULL && *error != NULL)
    return FALSE;
  if (rc != SQLITE_DONE)
    return failed (self, error, rc);

  for (g = 0; g < matrix->groups->len; g++)
    {
      VerkOrgGroup *shown = matrix->groups->pdata[g];

      for (guint k = 0; k < matrix->n_keys; k++)
        if (shown->n_agreed[k] > 0)
          shown->agreed[k] = (double) sums[g * matrix->n_keys + k] / shown->n_agreed[k];
      if (group_years->pdata[g] == NULL)
        continue;
      /* each group's mean of a year counts once, added in the groups' order */
      g_hash_table_iter_init (&iter, group_years->pdata[g]);
      while (g_hash_table_iter_next (&iter, &year_key, &tallies_of_year))
        {
          Mean *means = g_hash_table_lookup (by_year, year_key);
          const Tally *tally = tallies_of_year;

          if (means == NULL)
            {
              means = g_new0 (Mean, matrix->n_keys);
              g_hash_table_insert (by_year, year_key, means);
            }
          for (guint k = 0; k < matrix->n_keys; k++)
            if (tally[k].n > 0)
              {
                means[k].sum += (double) tally[k].sum / tally[k].n;
                means[k].n++;
              }
        }
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

/* What the actions' statement needs of the groups read before it, and
 * what it counts, by the groups' places in the matrix: apart from the
 * matrix, so that a worker thread can read the actions after it handed the
 * matrix over (verk_org_read_run_actions()). */
typedef struct {
  GHashTable *by_id;          /* group id → its place + 1 */
  gboolean   *hidden;         /* by place */
  guint       n_groups;
  char       *year_text;
  GString    *shown;
  guint      *followed_up;    /* by place: actions in followed-up workshops */
  guint      *done;           /* by place: of those, done at the follow-up */
} ActionCount;

static void
action_count_free (ActionCount *count)
{
  if (count == NULL)
    return;
  g_hash_table_unref (count->by_id);
  g_free (count->hidden);
  g_free (count->year_text);
  g_string_free (count->shown, TRUE);
  g_free (count->followed_up);
  g_free (count->done);
  g_free (count);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ActionCount, action_count_free)

/* One action's count: whether it was done at its workshop's follow-up. */
static void
count_action (ActionCount *count,
              gint64       group_id,
              int          status)
{
  guint place = GPOINTER_TO_UINT (g_hash_table_lookup (count->by_id, &group_id));

  if (place == 0 || count->hidden[place - 1])
    return;
  count->followed_up[place - 1]++;
  if (status == VERK_ACTION_DONE)
    count->done[place - 1]++;
}

/* A workshop's latest follow-up: of the workshops that follow it up by
 * PREVIOUS_WORKSHOP_SQL, the latest by date, then id. */
typedef struct {
  gint64  previous_id;
  gint64  id;
  char   *date;
} FollowUp;

static void
follow_up_free (FollowUp *follow_up)
{
  g_free (follow_up->date);
  g_free (follow_up);
}

/* previous workshop id → its latest FollowUp. Each workshop of the shown
 * groups (not in the trash, in any year: December's follow-up may be in
 * January) follows up at most one, the rule's (its link, through the
 * primary key, unless that is in the trash, else the group's latest earlier
 * workshop, through workshop_grp (grp_id, date)); but one workshop can be
 * followed up by several: two follow-ups made from it, or one made without
 * the link before a linked one. Only the shown groups' workshops are asked:
 * a follow-up belongs to its own group (verk_store_add_followup() links
 * within it, and the rule's other half stays in it). */
static GHashTable *
read_latest_follow_ups (Reader        *self,
                        const Filter  *filter,
                        GError       **error)
{
  g_autoptr (GHashTable) latest = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                         (GDestroyNotify) follow_up_free);
  sqlite3_stmt *st;
  int rc;

  st = prepare (self,
                SHOWN_GROUPS
                "SELECT " PREVIOUS_WORKSHOP_SQL ("f") ", f.id, f.date"
                "  FROM shown s JOIN workshop f ON f.grp_id = s.id AND f.trashed_at IS NULL", error);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 3, filter->shown->str, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 previous_id = sqlite3_column_int64 (st, 0), id = sqlite3_column_int64 (st, 1);
      const char *date = (const char *) sqlite3_column_text (st, 2);
      FollowUp *follow_up;
      int order;

      if (previous_id == 0)
        continue;
      follow_up = g_hash_table_lookup (latest, &previous_id);
      if (follow_up == NULL)
        {
          follow_up = g_new0 (FollowUp, 1);
          follow_up->previous_id = previous_id;
          g_hash_table_insert (latest, &follow_up->previous_id, follow_up);
        }
      else if ((order = g_strcmp0 (date, follow_up->date)) < 0 || (order == 0 && id < follow_up->id))
        continue;
      follow_up->id = id;
      g_free (follow_up->date);
      follow_up->date = g_strdup (date);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      failed (self, error, rc);
      return NULL;
    }
  return g_steal_pointer (&latest);
}

/* The shown groups' actions in workshops (in the filter) that were
 * followed up, and how many were done there, as the Follow up step shows
 * them: an action counts with the status of its carried copy
 * (carried_from) in the workshop's latest follow-up, or, where that one
 * carried none (a workshop made without the link, a link to a workshop in
 * the trash, a copy taken out), with its own. When several workshops
 * follow the same one up, the latest counts, as the newest Follow up step
 * showing these actions says (its "2 of 3 actions done"); an earlier one's
 * copies are a decision made over since. An action counts in the year of
 * the workshop that wrote it, wherever its follow-up falls.
 *
 * Two statements: the follow-ups (the rule's subqueries once per shown
 * workshop), then every action of the workshops in the filter with its
 * carried copies wherever they are (through action_carried, by id), an
 * action's rows one after another (the CROSS JOIN keeps that order), the
 * latest follow-up's copy picked here. At 200 groups × 10 workshops they
 * cost 7 M + 63 M instructions (callgrind), the one statement that
 * followed only the links 85 M. */
static gboolean
read_actions (Reader       *self,
              ActionCount  *count,
              GError      **error)
{
  Filter filter = { NULL, count->year_text, 0, count->shown };
  g_autoptr (GHashTable) latest = read_latest_follow_ups (self, &filter, error);
  const FollowUp *follow_up = NULL;
  gint64 action_id = 0, group_id = 0, workshop_id = 0;
  gboolean decided = FALSE;
  int status = 0;
  sqlite3_stmt *st;
  int rc;

  if (latest == NULL)
    return FALSE;
  st = prepare (self,
                SHOWN_GROUPS
                "SELECT w.grp_id, w.id, a.id, a.status, c.workshop_id, c.status"
                "  FROM shown s JOIN workshop w ON w.grp_id = s.id AND " IN_FILTER ("w")
                "  CROSS JOIN action a ON a.workshop_id = w.id"
                "  LEFT JOIN action c ON c.carried_from = a.id", error);
  if (st == NULL)
    return FALSE;
  bind_filter (st, &filter);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      if (sqlite3_column_int64 (st, 2) != action_id)
        {
          if (action_id != 0 && follow_up != NULL)
            count_action (count, group_id, status);
          if (sqlite3_column_int64 (st, 1) != workshop_id)
            {
              workshop_id = sqlite3_column_int64 (st, 1);
              follow_up = g_hash_table_lookup (latest, &workshop_id);
            }
          action_id = sqlite3_column_int64 (st, 2);
          group_id = sqlite3_column_int64 (st, 0);
          status = sqlite3_column_int (st, 3);
          decided = FALSE;
        }
      /* the first copy there (the index gives them by id), as the Follow up
       * step takes the first */
      if (follow_up != NULL && !decided && sqlite3_column_type (st, 4) != SQLITE_NULL
          && sqlite3_column_int64 (st, 4) == follow_up->id)
        {
          status = sqlite3_column_int (st, 5);
          decided = TRUE;
        }
    }
  if (action_id != 0 && follow_up != NULL)
    count_action (count, group_id, status);
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

/* The counted actions into the matrix, and its units again. */
static void
set_actions (VerkOrgMatrix     *matrix,
             const ActionCount *count)
{
  for (guint g = 0; g < matrix->groups->len && g < count->n_groups; g++)
    {
      VerkOrgGroup *group = matrix->groups->pdata[g];

      group->n_followed_up = count->followed_up[g];
      group->n_done = count->done[g];
      group->done_share = group->n_followed_up > 0 ? (double) group->n_done / group->n_followed_up : NAN;
    }
  g_clear_pointer (&matrix->units, g_ptr_array_unref);
  fill_units (matrix);
  matrix->actions_read = TRUE;
}

/* The matrix; with @actions_later, without the actions (actions_read
 * FALSE), and what read_actions() needs to count them later. */
static VerkOrgMatrix *
get_organisation (Reader             *self,
                  const char * const *keys,
                  const char         *unit,
                  int                 year,
                  guint               min_group_size,
                  GArray            **years,
                  ActionCount       **actions_later,
                  GError            **error)
{
  g_autoptr (GArray) year_array = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  YearList year_list = { year_array, seen };
  g_autoptr (VerkOrgMatrix) matrix = g_new0 (VerkOrgMatrix, 1);
  g_autoptr (ActionCount) count = g_new0 (ActionCount, 1);
  g_autoptr (GArray) shown_workshops = g_array_new (FALSE, FALSE, sizeof (ShownWorkshop));
  Filter filter;

  count->year_text = year > 0 ? g_strdup_printf ("%04d", year) : NULL;
  count->shown = g_string_new ("[");
  count->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  filter = (Filter) { unit, count->year_text, min_group_size, count->shown, years != NULL ? &year_list : NULL };
  matrix->keys = g_strdupv ((char **) keys);
  matrix->n_keys = g_strv_length (matrix->keys);
  matrix->mean = g_new (double, matrix->n_keys);
  matrix->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) verk_org_group_free);

  if (!read_groups (self, matrix, count->by_id, &filter, shown_workshops, error)
      || !read_scores (self, matrix, count->by_id, &filter, shown_workshops, error))
    return NULL;
  if (years != NULL)
    {
      g_array_sort (year_array, compare_int);
      *years = g_steal_pointer (&year_array);
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

  count->n_groups = matrix->groups->len;
  count->hidden = g_new (gboolean, count->n_groups);
  count->followed_up = g_new0 (guint, count->n_groups);
  count->done = g_new0 (guint, count->n_groups);
  for (guint g = 0; g < count->n_groups; g++)
    count->hidden[g] = ((VerkOrgGroup *) matrix->groups->pdata[g])->hidden;
  if (actions_later != NULL)
    {
      fill_units (matrix);
      *actions_later = g_steal_pointer (&count);
      return g_steal_pointer (&matrix);
    }
  if (!read_actions (self, count, error))
    return NULL;
  set_actions (matrix, count);
  return g_steal_pointer (&matrix);
}

VerkOrgMatrix *
verk_store_get_organisation (VerkStore          *self,
                             const char * const *keys,
                             const char         *unit,
                             int                 year,
                             guint               min_group_size,
                             GError            **error)
{
  Reader reader = { self, NULL, NULL };

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);
  g_return_val_if_fail (keys != NULL, NULL);

  return get_organisation (&reader, keys, unit, year, min_group_size, NULL, NULL, error);
}

/* The units of the groups with a workshop, and (@years not NULL) the
 * years of the workshops; the years told apart here, not with SELECT
 * DISTINCT (its temporary B-tree took 6.3 M instructions of the worker's
 * read at 200 groups × 10 workshops, the dates 2.5 M). */
static gboolean
list_filters (Reader     *self,
              GStrv      *units,
              GArray    **years,
              GError    **error)
{
  g_autoptr (GStrvBuilder) unit_list = g_strv_builder_new ();
  g_autoptr (GArray) year_array = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  YearList year_list = { year_array, seen };
  sqlite3_stmt *st;
  int rc;

  st = prepare (self,
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
  *units = g_strv_builder_end (unit_list);
  if (years == NULL)
    return TRUE;

  st = prepare (self,
                "SELECT w.date FROM workshop w"
                "  JOIN grp g ON g.id = w.grp_id AND g.trashed_at IS NULL"
                "  WHERE w.trashed_at IS NULL", error);
  if (st == NULL)
    return FALSE;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    add_year (&year_list, (const char *) sqlite3_column_text (st, 0));
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (units, g_strfreev);
      return failed (self, error, rc);
    }
  g_array_sort (year_array, compare_int);
  *years = g_steal_pointer (&year_array);
  return TRUE;
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
  Reader reader = { self, NULL, NULL };

  g_return_val_if_fail (VERK_IS_STORE (self), FALSE);
  g_return_val_if_fail (units != NULL && years != NULL, FALSE);

  return list_filters (&reader, units, years, error);
}

/* ---- the same read on a worker thread ---------------------------------- */

struct _VerkOrgRead
{
  char          *path;            /* the database file the store opened */
  GStrv          keys;
  char          *unit;
  int            year;
  guint          min_group_size;

  /* the worker's connection, open between the two parts of the read, in
   * one transaction: the actions are counted in the matrix's snapshot */
  sqlite3       *db;
  GPtrArray     *statements;

  /* what verk_org_read_run() read, until stolen */
  GStrv          units;
  GArray        *years;
  VerkOrgMatrix *matrix;
  /* what verk_org_read_run_actions() counted */
  ActionCount   *actions;
  gboolean       actions_read;
};

/**
 * verk_store_new_organisation_read:
 *
 * What verk_org_read_run() needs to read what
 * verk_store_list_organisation_filters() and verk_store_get_organisation()
 * give, on a connection of its own, on another thread: the Organisation
 * Overview reads while its window is being realized.
 *
 * Returns: (transfer full) (nullable): the read, or %NULL when it has to be
 * done on the store's own connection (a database in memory, a read-only
 * copy, a transaction under way whose changes another connection would not
 * see)
 */
VerkOrgRead *
verk_store_new_organisation_read (VerkStore          *self,
                                  const char * const *keys,
                                  const char         *unit,
                                  int                 year,
                                  guint               min_group_size)
{
  const char *file;
  VerkOrgRead *read;

  g_return_val_if_fail (VERK_IS_STORE (self), NULL);
  g_return_val_if_fail (keys != NULL, NULL);

  file = self->db != NULL ? sqlite3_db_filename (self->db, "main") : NULL;
  if (file == NULL || file[0] == '\0' || self->read_only || !sqlite3_get_autocommit (self->db))
    return NULL;
  read = g_new0 (VerkOrgRead, 1);
  read->path = g_strdup (file);
  read->keys = g_strdupv ((char **) keys);
  read->unit = g_strdup (unit);
  read->year = year;
  read->min_group_size = min_group_size;
  return read;
}

static void
close_read (VerkOrgRead *read)
{
  if (read->db == NULL)
    return;
  g_clear_pointer (&read->statements, g_ptr_array_unref);
  sqlite3_exec (read->db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (read->db);
  read->db = NULL;
}

/**
 * verk_org_read_run:
 *
 * Reads the filters' choices and the matrix without the actions
 * (actions_read FALSE) on a read-only connection of its own (WAL: the
 * store's connection may write meanwhile), in a transaction that
 * verk_org_read_run_actions() goes on with. Any thread, once.
 *
 * Returns: whether it was read; when not, the caller reads on the store's
 * connection, which says why in its error.
 */
gboolean
verk_org_read_run (VerkOrgRead *read)
{
  Reader reader;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (read != NULL && read->db == NULL && read->matrix == NULL, FALSE);

  rc = sqlite3_open_v2 (read->path, &read->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  read->statements = g_ptr_array_new_with_free_func (finalize_statement);
  reader = (Reader) { NULL, read->db, read->statements };
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (read->db, VERK_STORE_BUSY_TIMEOUT_MS);
      ok = sqlite3_exec (read->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK
           && list_filters (&reader, &read->units, NULL, NULL)
           && (read->matrix = get_organisation (&reader, (const char * const *) read->keys, read->unit,
                                                read->year, read->min_group_size, &read->years,
                                                &read->actions, NULL)) != NULL;
    }
  if (!ok)
    {
      close_read (read);
      g_clear_pointer (&read->units, g_strfreev);
      g_clear_pointer (&read->years, g_array_unref);
      g_clear_pointer (&read->matrix, verk_org_matrix_free);
    }
  return ok;
}

/**
 * verk_org_read_run_actions:
 *
 * After verk_org_read_run(), on the same thread, and while the matrix may
 * already be another thread's: counts the actions done at follow-up, in
 * the same snapshot, for verk_org_read_set_actions().
 *
 * Returns: whether they were read
 */
gboolean
verk_org_read_run_actions (VerkOrgRead *read)
{
  Reader reader = { NULL, read->db, read->statements };

  g_return_val_if_fail (read != NULL, FALSE);

  read->actions_read = read->db != NULL && read->actions != NULL && read_actions (&reader, read->actions, NULL);
  close_read (read);
  return read->actions_read;
}

/**
 * verk_org_read_set_actions:
 * @matrix: the matrix verk_org_read_steal() gave
 *
 * Puts the actions verk_org_read_run_actions() counted into @matrix (its
 * groups' and units' actions, actions_read TRUE).
 *
 * Returns: %FALSE when they were not read
 */
gboolean
verk_org_read_set_actions (VerkOrgRead   *read,
                           VerkOrgMatrix *matrix)
{
  g_return_val_if_fail (read != NULL && matrix != NULL, FALSE);

  if (!read->actions_read || read->actions->n_groups != matrix->groups->len)
    return FALSE;
  set_actions (matrix, read->actions);
  return TRUE;
}

/**
 * verk_org_read_steal:
 * @units: (out) (transfer full): as verk_store_list_organisation_filters()
 * @years: (out) (transfer full): likewise
 *
 * Returns: (transfer full): the matrix verk_org_read_run() read, with the
 * filters' choices; %NULL when it did not
 */
VerkOrgMatrix *
verk_org_read_steal (VerkOrgRead  *read,
                     GStrv        *units,
                     GArray      **years)
{
  g_return_val_if_fail (read != NULL && units != NULL && years != NULL, NULL);

  if (read->matrix == NULL)
    return NULL;
  *units = g_steal_pointer (&read->units);
  *years = g_steal_pointer (&read->years);
  return g_steal_pointer (&read->matrix);
}

void
verk_org_read_free (VerkOrgRead *read)
{
  if (read == NULL)
    return;
  close_read (read);
  action_count_free (read->actions);
  g_free (read->path);
  g_strfreev (read->keys);
  g_free (read->unit);
  g_strfreev (read->units);
  g_clear_pointer (&read->years, g_array_unref);
  verk_org_matrix_free (read->matrix);
  g_free (read);
}
