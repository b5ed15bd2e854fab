/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-xlsx-export"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "verk-xlsx-export-private.h"

/* The Organisation sheet: in the workbook of all groups, the organisation
 * view (values × groups, the difference from the mean, the workshops behind
 * each score, actions done at follow-up, the trend, the units); in a group's
 * workbook, the group against the organisation's mean and nothing about any
 * other group. The anonymity threshold is the one chosen in Preferences. */

#define SETTINGS_KEY "organisation-min-group-size"
/* When Preferences cannot be read (no schema installed). */
#define DEFAULT_MIN_GROUP_SIZE 4
/* A group's own workbook shows the organisation's mean only when at least
 * this many groups make it: with two, the mean and the group's own score
 * would give the other group's away. */
#define MIN_GROUPS_IN_MEAN 3

/**
 * verk_xlsx_export_min_group_size:
 *
 * Returns: the smallest group whose scores the organisation's sheets show:
 *   the setting in Preferences, or 4 when it cannot be read.
 */
guint
verk_xlsx_export_min_group_size (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, SETTINGS_KEY))
    return DEFAULT_MIN_GROUP_SIZE;
  settings = g_settings_new_full (schema, NULL, NULL);
  return (guint) MAX (g_settings_get_int (settings, SETTINGS_KEY), 0);
}

static const VerkOrgGroup *
find_org_group (const VerkOrgMatrix *matrix,
                gint64               group_id)
{
  for (guint g = 0; matrix != NULL && g < matrix->groups->len; g++)
    if (((VerkOrgGroup *) matrix->groups->pdata[g])->group_id == group_id)
      return matrix->groups->pdata[g];
  return NULL;
}

/* Reads the organisation's matrix for the workbook of all groups, or of the
 * group @group_id (then also the group's own row without the threshold: its
 * own scores are no secret to it). */
gboolean
collect_organisation (VerkExportData  *data,
                      VerkStore       *store,
                      gint64           group_id,
                      GError         **error)
{
  g_autoptr (VerkContent) content = verk_content_new (NULL, NULL);
  g_autoptr (GStrvBuilder) keys = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) key_list = NULL;
  g_autoptr (GError) local = NULL;

  for (guint i = 0; content != NULL && i < verk_content_get_n_values (content); i++)
    {
      const VerkContentItem *value = verk_content_get_value (content, i);

      g_strv_builder_add (keys, value->key);
      g_strv_builder_add (names, value->name);
    }
  key_list = g_strv_builder_end (keys);
  data->organisation_names = g_strv_builder_end (names);
  data->organisation_group = group_id;
  data->min_group_size = verk_xlsx_export_min_group_size ();
  data->organisation = verk_store_get_organisation (store, (const char * const *) key_list, NULL, 0,
                                                    data->min_group_size, &local);
  /* A group's own row is the same at any threshold unless the threshold
   * hides it: only then is it read again without one. */
  if (data->organisation != NULL && group_id != 0 && find_org_group (data->organisation, group_id) != NULL
      && find_org_group (data->organisation, group_id)->hidden)
    data->organisation_own = verk_store_get_organisation (store, (const char * const *) key_list, NULL, 0, 0,
                                                          &local);
  if (local != NULL)
    {
      g_set_error (error, VERK_XLSX_EXPORT_ERROR, VERK_XLSX_EXPORT_ERROR_FAILED, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

static void
put_hidden (Writer *w, Sheet *s, lxw_row_t row, lxw_col_t col)
{
  /* Translators: a cell of a group below the minimum size, in the workbook */
  put_text (w, s, row, col, _("hidden"), w->f_note);
}

static char *
threshold_note (const VerkExportData *data)
{
  if (data->min_group_size <= 1)
    return g_strdup (_("Every group is shown, however small."));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Groups with fewer than %u participant show no scores, so that no "
                                       "small group can be singled out; they are not in the mean either.",
                                       "Groups with fewer than %u participants show no scores, so that no "
                                       "small group can be singled out; they are not in the mean either.",
                                       data->min_group_size), data->min_group_size);
}

/* One values × groups table under a heading: @what 0 the score, 1 the
 * difference from the mean, 2 the workshops behind it. */
static lxw_row_t
write_matrix_table (Writer              *w,
                    Sheet               *s,
                    lxw_row_t            row,
                    const VerkOrgMatrix *m,
                    GStrv                names,
                    int                  what)
{
  const char *headings[] = {
    N_("Agreed scores per group"), N_("Difference from the organisation’s mean"),
    N_("Workshops behind each score"),
  };
  lxw_row_t first;

  put_text (w, s, row++, 0, _(headings[what]), w->f_heading);
  put_text (w, s, row, 0, _("Value"), w->f_header);
  put_text (w, s, row, 1, what == 0 ? _("Organisation mean") : "", w->f_header_num);
  for (guint g = 0; g < m->groups->len; g++)
    put_text (w, s, row, g + 2, ((VerkOrgGroup *) m->groups->pdata[g])->name, w->f_header_num);
  row++;
  first = row;
  for (guint k = 0; k < m->n_keys; k++, row++)
    {
      put_text (w, s, row, 0, names[k] != NULL ? names[k] : m->keys[k], w->f_label);
      if (what == 0 && !isnan (m->mean[k]))
        put_number (w, s, row, 1, m->mean[k], w->f_dec);
      for (guint g = 0; g < m->groups->len; g++)
        {
          const VerkOrgGroup *group = m->groups->pdata[g];

          if (group->hidden)
            put_hidden (w, s, row, g + 2);
          else if (what == 2)
            put_int (w, s, row, g + 2, (int) group->n_agreed[k], w->f_int);
          else if (!isnan (group->agreed[k]))
            put_number (w, s, row, g + 2, what == 0 ? group->agreed[k] : group->difference[k], w->f_dec);
        }
    }
  if (what == 0 && m->n_keys > 0)
    color_scale (w, s, first, 1, row - 1, m->groups->len + 1);
  return row + 1;
}

static void
write_all (Writer *w, Sheet *s)
{
  const VerkExportData *data = w->data;
  const VerkOrgMatrix *m = data->organisation;
  g_autofree char *note = threshold_note (data);
  lxw_row_t row = 0;

  put_text (w, s, row++, 0, _("The organisation: agreed scores of every group"), w->f_title);
  put_text (w, s, row++, 0, note, w->f_note);
  row++;
  if (m->groups->len == 0)
    {
      put_text (w, s, row, 0, _("No workshops yet."), w->f_note);
      return;
    }

  /* The groups: unit, workshops, size */
  put_text (w, s, row, 0, _("Group"), w->f_header);
  put_text (w, s, row, 1, _("Organisation unit"), w->f_header);
  put_text (w, s, row, 2, _("Workshops"), w->f_header_num);
  put_text (w, s, row, 3, _("Actions followed up"), w->f_header_num);
  put_text (w, s, row, 4, _("Done at follow-up"), w->f_header_num);
  put_text (w, s, row, 5, _("Share done (%)"), w->f_header_num);
  row++;
  for (guint g = 0; g < m->groups->len; g++, row++)
    {
      const VerkOrgGroup *group = m->groups->pdata[g];

      put_text (w, s, row, 0, group->name, w->f_label);
      put_text (w, s, row, 1, group->unit, w->f_text);
      put_count (w, s, row, 2, group->n_workshops, w->f_int);
      if (group->hidden)
        {
          put_hidden (w, s, row, 3);
          put_hidden (w, s, row, 4);
          put_hidden (w, s, row, 5);
          continue;
        }
      put_count (w, s, row, 3, group->n_followed_up, w->f_int);
      put_count (w, s, row, 4, group->n_done, w->f_int);
      if (!isnan (group->done_share))
        put_count (w, s, row, 5, (guint) round (group->done_share * 100), w->f_int);
    }
  row++;

  for (int what = 0; what < 3; what++)
    row = write_matrix_table (w, s, row, m, data->organisation_names, what);

  /* The trend per value, by year */
  put_text (w, s, row++, 0, _("Trend per value (mean of the groups’ agreed scores)"), w->f_heading);
  put_text (w, s, row, 0, _("Value"), w->f_header);
  for (guint y = 0; y < m->n_years; y++)
    put_int (w, s, row, y + 1, m->years[y], w->f_header_num);
  row++;
  {
    lxw_row_t first = row;

    for (guint k = 0; k < m->n_keys; k++, row++)
      {
        put_text (w, s, row, 0, data->organisation_names[k], w->f_label);
        for (guint y = 0; y < m->n_years; y++)
          if (!isnan (m->trend[y * m->n_keys + k]))
            put_number (w, s, row, y + 1, m->trend[y * m->n_keys + k], w->f_dec);
      }
    if (m->n_years > 0 && m->n_keys > 0)
      color_scale (w, s, first, 1, row - 1, m->n_years);
  }
  row++;

  /* Actions done at follow-up per unit */
  put_text (w, s, row++, 0, _("Actions done at follow-up per unit"), w->f_heading);
  put_text (w, s, row, 0, _("Organisation unit"), w->f_header);
  put_text (w, s, row, 1, _("Groups"), w->f_header_num);
  put_text (w, s, row, 2, _("Actions followed up"), w->f_header_num);
  put_text (w, s, row, 3, _("Done at follow-up"), w->f_header_num);
  put_text (w, s, row, 4, _("Share done (%)"), w->f_header_num);
  row++;
  for (guint u = 0; u < m->units->len; u++, row++)
    {
      const VerkOrgUnit *unit = m->units->pdata[u];

      put_text (w, s, row, 0, unit->name, w->f_label);
      put_count (w, s, row, 1, unit->n_groups, w->f_int);
      put_count (w, s, row, 2, unit->n_followed_up, w->f_int);
      put_count (w, s, row, 3, unit->n_done, w->f_int);
      if (!isnan (unit->done_share))
        put_count (w, s, row, 4, (guint) round (unit->done_share * 100), w->f_int);
    }
}

/* The group against the organisation's mean: its own row, the mean, and
 * how many groups make the mean; no other group's name or score. */
static void
write_group (Writer *w, Sheet *s)
{
  const VerkExportData *data = w->data;
  const VerkOrgMatrix *m = data->organisation;
  const VerkOrgGroup *own = find_org_group (data->organisation_own != NULL ? data->organisation_own
                                                                           : data->organisation,
                                            data->organisation_group);
  g_autofree char *title = NULL;
  g_autofree char *note = threshold_note (data);
  lxw_row_t row = 0, first;

  if (own == NULL)
    {
      put_text (w, s, row, 0, _("No workshops yet."), w->f_note);
      return;
    }
  title = g_strdup_printf (_("%s against the organisation"), own->name);
  put_text (w, s, row++, 0, title, w->f_title);
  put_text (w, s, row++, 0, note, w->f_note);
  {
    g_autofree char *rule = g_strdup_printf (_("The organisation’s mean is shown where at least %u groups make it."),
                                             MIN_GROUPS_IN_MEAN);
    put_text (w, s, row++, 0, rule, w->f_note);
  }
  row++;
  put_text (w, s, row, 0, _("Value"), w->f_header);
  put_text (w, s, row, 1, own->name, w->f_header_num);
  put_text (w, s, row, 2, _("Organisation mean"), w->f_header_num);
  put_text (w, s, row, 3, _("Difference"), w->f_header_num);
  put_text (w, s, row, 4, _("Groups in the mean"), w->f_header_num);
  put_text (w, s, row, 5, _("Workshops"), w->f_header_num);
  row++;
  first = row;
  for (guint k = 0; k < m->n_keys; k++, row++)
    {
      guint in_mean = 0;

      for (guint g = 0; g < m->groups->len; g++)
        in_mean += !isnan (((VerkOrgGroup *) m->groups->pdata[g])->agreed[k]);
      put_text (w, s, row, 0, data->organisation_names[k], w->f_label);
      if (!isnan (own->agreed[k]))
        put_number (w, s, row, 1, own->agreed[k], w->f_dec);
      put_int (w, s, row, 4, (int) in_mean, w->f_int);
      put_int (w, s, row, 5, (int) own->n_agreed[k], w->f_int);
      if (in_mean < MIN_GROUPS_IN_MEAN || isnan (m->mean[k]))
        {
          /* Translators: in place of the mean when fewer than three groups make it */
          put_text (w, s, row, 2, _("too few groups"), w->f_note);
          continue;
        }
      put_number (w, s, row, 2, m->mean[k], w->f_dec);
      if (!isnan (own->agreed[k]))
        put_number (w, s, row, 3, own->agreed[k] - m->mean[k], w->f_dec);
    }
  if (m->n_keys > 0)
    color_scale (w, s, first, 1, row - 1, 2);
  row++;
  put_text (w, s, row, 0, _("Actions done at follow-up"), w->f_label);
  if (own->n_followed_up > 0)
    {
      g_autofree char *of = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u done", "%u of %u done",
                                                          own->n_followed_up), own->n_done, own->n_followed_up);
      put_text (w, s, row, 1, of, w->f_text);
    }
}

/* The plan's one call: an Organisation sheet in the workbooks of all groups
 * and of one group; none in a workshop's. */
void
write_organisation (Writer *w)
{
  Sheet *s;

  if (w->data->organisation == NULL)
    return;
  s = add_sheet (w, _("Organisation"));
  if (w->data->scope == VERK_EXPORT_ALL)
    write_all (w, s);
  else
    write_group (w, s);
  s->fit[0] = MAX (MIN (s->fit[0], 30), 14);
  finish_sheet (w, s);
}
