/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-organisation-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "verk-content.h"
#include "verk-format.h"
#include "verk-organisation-view.h"
#include "verk-puzzle-render.h"

/* Wide enough for "Socialtjänstens ledningsgrupp" on two lines in the
 * room's type size. */
#define CELL_WIDTH  128
#define CELL_HEIGHT 60

struct _VerkOrganisationView
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkWidget      *box;
  GtkDropDown    *unit_drop;
  GtkDropDown    *year_drop;
  GtkLabel       *threshold_label;
  GtkScrolledWindow *scroller;
  GtkWidget      *empty_label;
  GtkWidget      *heat_title;
  GtkGrid        *heat_grid;
  GtkWidget      *trend_title;
  GtkGrid        *trend_grid;
  GtkWidget      *units_title;
  GtkGrid        *units_grid;

  /* owned */
  VerkStore      *store;
  GSettings      *settings;
  VerkContent    *content;
  GStrv           keys;          /* the values' content keys */
  GStrv           units;         /* what unit_drop offers after "All units" */
  GArray         *years;         /* int: what year_drop offers after "All years" */
  gulong          changed_id;
  gulong          settings_id;
  guint           rebuild_id;
  gboolean        filling_filters;
};

G_DEFINE_FINAL_TYPE (VerkOrganisationView, verk_organisation_view, GTK_TYPE_WIDGET)

static void rebuild (VerkOrganisationView *self);

/* ------------------------------------------------------------------------ */
/* Text                                                                     */

static char *
format_score (double value)
{
  return verk_format_decimal (value, 1);
}

/* "+0,4", "−0,4", "0,0": one decimal, a real minus sign. */
static char *
format_difference (double difference)
{
  g_autofree char *number = verk_format_decimal (fabs (difference), 1);
  double rounded = round (difference * 10) / 10;

  if (rounded > 0)
    return g_strconcat ("+", number, NULL);
  if (rounded < 0)
    return g_strconcat ("\u2212", number, NULL);
  return g_steal_pointer (&number);
}

static char *
format_share (guint done,
              guint total)
{
  /* Translators: a percentage, "75 %" */
  return g_strdup_printf (_("%d %%"), (int) round (100.0 * done / total));
}

static guint
min_group_size (VerkOrganisationView *self)
{
  return self->settings != NULL
         ? g_settings_get_int (self->settings, VERK_ORGANISATION_MIN_GROUP_SIZE_KEY) : 0;
}

/* ------------------------------------------------------------------------ */
/* Cells                                                                    */

/* A cell the keyboard reaches (arrows, Tab) and a screen reader names: a
 * button, because a box with a child never takes the focus itself. */
static GtkWidget *
make_cell (const char *markup,
           const char *accessible_name,
           const char *css_class)
{
  GtkWidget *cell = g_object_new (GTK_TYPE_BUTTON,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_CELL,
                                  "width-request", CELL_WIDTH,
                                  "height-request", CELL_HEIGHT,
                                  NULL);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_button_set_child (GTK_BUTTON (cell), label);
  gtk_widget_add_css_class (cell, "verk-org-cell");
  if (css_class != NULL)
    gtk_widget_add_css_class (cell, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  return cell;
}

static const char *
score_class (double value)
{
  static const char *classes[] = {
    "verk-org-score-1", "verk-org-score-2", "verk-org-score-3", "verk-org-score-4", "verk-org-score-5",
  };
  int level = CLAMP ((int) round (value), 1, 5);

  return classes[level - 1];
}

static GtkWidget *
make_header (const char *text,
             const char *detail,
             gboolean    centered)
{
  g_autofree char *markup = detail != NULL
    ? g_markup_printf_escaped ("<b>%s</b>\n<small>%s</small>", text, detail)
    : g_markup_printf_escaped ("<b>%s</b>", text);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* Between words only ("Rektorsgruppen" stays whole; a longer word
   * widens its column), at least as wide as a cell: a wrapping label
   * measured at its narrowest would make the header row very tall. */
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_label_set_justify (GTK_LABEL (label), centered ? GTK_JUSTIFY_CENTER : GTK_JUSTIFY_LEFT);
  gtk_label_set_xalign (GTK_LABEL (label), centered ? 0.5 : 0);
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  gtk_widget_add_css_class (label, "verk-org-header");
  return label;
}

static GtkWidget *
make_row_title (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
  gtk_widget_add_css_class (label, "verk-org-row-title");
  return label;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

/* One group's cell for one value. */
static GtkWidget *
group_cell (VerkOrganisationView *self,
            const VerkOrgGroup   *group,
            const char           *value_name,
            guint                 k)
{
  g_autofree char *markup = NULL;
  g_autofree char *name = NULL;

  if (group->hidden)
    {
      name = g_strdup_printf (_("%s, %s: hidden, fewer than %u participants"), value_name, group->name,
                              min_group_size (self));
      return make_cell ("<span size='x-large'>\u2014</span>", name, "verk-org-hidden");
    }
  if (isnan (group->agreed[k]))
    {
      name = g_strdup_printf (_("%s, %s: no agreed score"), value_name, group->name);
      return make_cell ("<span size='x-large'>\u00b7</span>", name, "verk-org-empty");
    }
  {
    g_autofree char *score = format_score (group->agreed[k]);
    g_autofree char *difference = format_difference (group->difference[k]);
    g_autofree char *workshops = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u workshop", "%u workshops",
                                                               group->n_agreed[k]), group->n_agreed[k]);
    g_autofree char *position = NULL;
    double rounded = round (group->difference[k] * 10) / 10;

    if (rounded > 0)
      /* Translators: "+0,4 above the mean" of the organisation */
      position = g_strdup_printf (_("%s above the mean"), difference);
    else if (rounded < 0)
      /* Translators: "−0,4 below the mean" of the organisation */
      position = g_strdup_printf (_("%s below the mean"), difference);
    else
      position = g_strdup (_("at the mean"));
    /* Translators: a cell of the heat map: value, group: score, position, workshops */
    name = g_strdup_printf (_("%s, %s: %s, %s, %s"), value_name, group->name, score, position, workshops);
    markup = g_markup_printf_escaped ("<span size='x-large' weight='bold'>%s</span>\n"
                                      "<small>%s \u00b7 n\u2009=\u2009%u</small>",
                                      score, difference, group->n_agreed[k]);
    return make_cell (markup, name, score_class (group->agreed[k]));
  }
}

static void
fill_heat_map (VerkOrganisationView *self,
               const VerkOrgMatrix  *matrix)
{
  guint n_shown = 0;

  clear_grid (self->heat_grid);
  for (guint g = 0; g < matrix->groups->len; g++)
    if (!((VerkOrgGroup *) matrix->groups->pdata[g])->hidden)
      n_shown++;

  /* the header: the mean, then each group with its workshops */
  {
    g_autofree char *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u group", "%u groups", n_shown),
                                               n_shown);
    gtk_grid_attach (self->heat_grid, make_header (_("Organisation"), detail, TRUE), 1, 0, 1, 1);
  }
  for (guint g = 0; g < matrix->groups->len; g++)
    {
      const VerkOrgGroup *group = matrix->groups->pdata[g];
      g_autofree char *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u workshop", "%u workshops",
                                                              group->n_workshops), group->n_workshops);

      gtk_grid_attach (self->heat_grid, make_header (group->name, detail, TRUE), (int) g + 2, 0, 1, 1);
    }

  for (guint k = 0; k < matrix->n_keys; k++)
    {
      const VerkContentItem *value = verk_content_lookup_value (self->content, matrix->keys[k]);
      const char *value_name = value != NULL ? value->name : matrix->keys[k];

      gtk_grid_attach (self->heat_grid, make_row_title (value_name), 0, (int) k + 1, 1, 1);
      if (isnan (matrix->mean[k]))
        {
          g_autofree char *name = g_strdup_printf (_("%s, organisation: no agreed score"), value_name);
          gtk_grid_attach (self->heat_grid, make_cell ("<span size='x-large'>\u00b7</span>", name, "verk-org-empty"),
                           1, (int) k + 1, 1, 1);
        }
      else
        {
          g_autofree char *score = format_score (matrix->mean[k]);
          g_autofree char *markup = g_markup_printf_escaped ("<span size='x-large' weight='bold'>%s</span>", score);
          /* Translators: the organisation's mean of a value: "Kundorientering, organisation mean: 3,1" */
          g_autofree char *name = g_strdup_printf (_("%s, organisation mean: %s"), value_name, score);
          GtkWidget *cell = make_cell (markup, name, score_class (matrix->mean[k]));

          gtk_widget_add_css_class (cell, "verk-org-mean");
          gtk_grid_attach (self->heat_grid, cell, 1, (int) k + 1, 1, 1);
        }
      for (guint g = 0; g < matrix->groups->len; g++)
        gtk_grid_attach (self->heat_grid, group_cell (self, matrix->groups->pdata[g], value_name, k),
                         (int) g + 2, (int) k + 1, 1, 1);
    }

  /* the last row: actions done at follow-up, per group */
  {
    int row = (int) matrix->n_keys + 1;
    guint total = 0, done = 0;

    gtk_grid_attach (self->heat_grid, make_row_title (_("Actions done at follow-up")), 0, row, 1, 1);
    for (guint u = 0; u < matrix->units->len; u++)
      {
        total += ((VerkOrgUnit *) matrix->units->pdata[u])->n_followed_up;
        done += ((VerkOrgUnit *) matrix->units->pdata[u])->n_done;
      }
    for (guint g = 0; g <= matrix->groups->len; g++)
      {
        const VerkOrgGroup *group = g > 0 ? matrix->groups->pdata[g - 1] : NULL;
        const char *who = group != NULL ? group->name : _("Organisation");
        guint n = group != NULL ? group->n_followed_up : total;
        guint d = group != NULL ? group->n_done : done;
        g_autofree char *name = NULL;
        GtkWidget *cell;

        if (group != NULL && group->hidden)
          {
            name = g_strdup_printf (_("%s, %s: hidden, fewer than %u participants"),
                                    _("Actions done at follow-up"), who, min_group_size (self));
            cell = make_cell ("<span size='x-large'>\u2014</span>", name, "verk-org-hidden");
          }
        else if (n == 0)
          {
            name = g_strdup_printf (_("%s, %s: no actions followed up yet"), _("Actions done at follow-up"), who);
            cell = make_cell ("<span size='x-large'>\u00b7</span>", name, "verk-org-empty");
          }
        else
          {
            g_autofree char *share = format_share (d, n);
            g_autofree char *of = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u done", "%u of %u done", n),
                                                   d, n);
            g_autofree char *markup = g_markup_printf_escaped ("<span size='x-large' weight='bold'>%s</span>\n"
                                                               "<small>%s</small>", share, of);

            /* Translators: "Actions done at follow-up, Alfa: 75 %, 3 of 4 done" */
            name = g_strdup_printf (_("%s, %s: %s, %s"), _("Actions done at follow-up"), who, share, of);
            cell = make_cell (markup, name, "verk-org-share");
          }
        gtk_grid_attach (self->heat_grid, cell, (int) g + 1, row, 1, 1);
      }
  }
}

static void
fill_trend (VerkOrganisationView *self,
            const VerkOrgMatrix  *matrix)
{
  clear_grid (self->trend_grid);
  for (guint y = 0; y < matrix->n_years; y++)
    {
      g_autofree char *year = g_strdup_printf ("%d", matrix->years[y]);
      gtk_grid_attach (self->trend_grid, make_header (year, NULL, TRUE), (int) y + 1, 0, 1, 1);
    }
  if (matrix->n_years > 1)
    gtk_grid_attach (self->trend_grid, make_header (_("Change"), NULL, TRUE), (int) matrix->n_years + 1, 0, 1, 1);

  for (guint k = 0; k < matrix->n_keys; k++)
    {
      const VerkContentItem *value = verk_content_lookup_value (self->content, matrix->keys[k]);
      const char *value_name = value != NULL ? value->name : matrix->keys[k];
      double first = NAN, last = NAN;
      int first_year = 0, last_year = 0;

      gtk_grid_attach (self->trend_grid, make_row_title (value_name), 0, (int) k + 1, 1, 1);
      for (guint y = 0; y < matrix->n_years; y++)
        {
          double v = matrix->trend[y * matrix->n_keys + k];
          g_autofree char *name = NULL;
          GtkWidget *cell;

          if (isnan (v))
            {
              name = g_strdup_printf (_("%s, %d: no agreed score"), value_name, matrix->years[y]);
              cell = make_cell ("\u00b7", name, "verk-org-empty");
            }
          else
            {
              g_autofree char *score = format_score (v);
              g_autofree char *markup = g_markup_printf_escaped ("<span size='large' weight='bold'>%s</span>", score);

              /* Translators: "Kundorientering, 2025: 3,4" */
              name = g_strdup_printf (_("%s, %d: %s"), value_name, matrix->years[y], score);
              cell = make_cell (markup, name, score_class (v));
              if (isnan (first))
                {
                  first = v;
                  first_year = matrix->years[y];
                }
              last = v;
              last_year = matrix->years[y];
            }
          gtk_widget_set_size_request (cell, CELL_WIDTH * 2 / 3, CELL_HEIGHT * 2 / 3);
          gtk_grid_attach (self->trend_grid, cell, (int) y + 1, (int) k + 1, 1, 1);
        }
      if (matrix->n_years > 1 && first_year != last_year)
        {
          g_autofree char *change = format_difference (last - first);
          g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", change);
          /* Translators: "Kundorientering: from 2025 to 2026, +0,4" */
          g_autofree char *name = g_strdup_printf (_("%s: from %d to %d, %s"), value_name, first_year, last_year,
                                                   change);
          GtkWidget *cell = make_cell (markup, name, "verk-org-change");

          gtk_widget_set_size_request (cell, CELL_WIDTH * 2 / 3, CELL_HEIGHT * 2 / 3);
          gtk_grid_attach (self->trend_grid, cell, (int) matrix->n_years + 1, (int) k + 1, 1, 1);
        }
    }
}

static void
fill_units (VerkOrganisationView *self,
            const VerkOrgMatrix  *matrix)
{
  clear_grid (self->units_grid);
  for (guint u = 0; u < matrix->units->len; u++)
    {
      const VerkOrgUnit *unit = matrix->units->pdata[u];
      const char *unit_name = unit->name[0] != '\0' ? unit->name : _("No unit");
      g_autofree char *groups = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u group", "%u groups",
                                                              unit->n_groups), unit->n_groups);
      g_autofree char *name = NULL;
      g_autofree char *markup = NULL;
      GtkWidget *title = make_row_title (unit_name);
      GtkWidget *count = gtk_label_new (groups);
      GtkWidget *cell;

      gtk_label_set_xalign (GTK_LABEL (count), 0);
      if (unit->n_followed_up == 0)
        {
          name = g_strdup_printf (_("%s, %s: no actions followed up yet"), _("Actions done at follow-up"), unit_name);
          cell = make_cell (_("no actions followed up yet"), name, "verk-org-empty");
        }
      else
        {
          g_autofree char *share = format_share (unit->n_done, unit->n_followed_up);
          g_autofree char *of = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u done", "%u of %u done",
                                                              unit->n_followed_up),
                                                 unit->n_done, unit->n_followed_up);

          name = g_strdup_printf (_("%s, %s: %s, %s"), _("Actions done at follow-up"), unit_name, share, of);
          markup = g_markup_printf_escaped ("<b>%s</b> \u00b7 %s", share, of);
          cell = make_cell (markup, name, "verk-org-share");
        }
      gtk_widget_set_size_request (cell, CELL_WIDTH * 2, CELL_HEIGHT * 2 / 3);
      gtk_grid_attach (self->units_grid, title, 0, (int) u, 1, 1);
      gtk_grid_attach (self->units_grid, count, 1, (int) u, 1, 1);
      gtk_grid_attach (self->units_grid, cell, 2, (int) u, 1, 1);
    }
}

/* ------------------------------------------------------------------------ */
/* Filters                                                                  */

static const char *
chosen_unit (VerkOrganisationView *self)
{
  guint i = gtk_drop_down_get_selected (self->unit_drop);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION || self->units == NULL || i > g_strv_length (self->units))
    return NULL;
  return self->units[i - 1];
}

static int
chosen_year (VerkOrganisationView *self)
{
  guint i = gtk_drop_down_get_selected (self->year_drop);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION || self->years == NULL || i > self->years->len)
    return 0;
  return g_array_index (self->years, int, i - 1);
}

/* The filters' choices from the store, keeping what was chosen. */
static void
fill_filters (VerkOrganisationView *self)
{
  g_autofree char *unit = g_strdup (chosen_unit (self));
  int year = chosen_year (self);
  g_auto (GStrv) units = NULL;
  g_autoptr (GArray) years = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkStringList) unit_list = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) year_list = gtk_string_list_new (NULL);
  guint unit_index = 0, year_index = 0;

  if (!verk_store_list_organisation_filters (self->store, &units, &years, &error))
    {
      g_warning ("Could not read the organisation's units and years: %s", error->message);
      return;
    }
  gtk_string_list_append (unit_list, _("All units"));
  for (guint i = 0; units[i] != NULL; i++)
    {
      gtk_string_list_append (unit_list, units[i][0] != '\0' ? units[i] : _("No unit"));
      if (g_strcmp0 (unit, units[i]) == 0)
        unit_index = i + 1;
    }
  gtk_string_list_append (year_list, _("All years"));
  for (guint i = 0; i < years->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", g_array_index (years, int, i));
      gtk_string_list_append (year_list, text);
      if (g_array_index (years, int, i) == year)
        year_index = i + 1;
    }

  self->filling_filters = TRUE;
  g_strfreev (self->units);
  self->units = g_steal_pointer (&units);
  g_clear_pointer (&self->years, g_array_unref);
  self->years = g_steal_pointer (&years);
  gtk_drop_down_set_model (self->unit_drop, G_LIST_MODEL (unit_list));
  gtk_drop_down_set_selected (self->unit_drop, unit_index);
  gtk_drop_down_set_model (self->year_drop, G_LIST_MODEL (year_list));
  gtk_drop_down_set_selected (self->year_drop, year_index);
  self->filling_filters = FALSE;
}

/* ------------------------------------------------------------------------ */

static void
rebuild (VerkOrganisationView *self)
{
  g_autoptr (VerkOrgMatrix) matrix = NULL;
  g_autoptr (GError) error = NULL;
  guint min_size = min_group_size (self);
  gboolean empty;

  matrix = verk_store_get_organisation (self->store, (const char * const *) self->keys, chosen_unit (self),
                                        chosen_year (self), min_size, &error);
  if (matrix == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->empty_label), error->message);
      gtk_widget_set_visible (self->empty_label, TRUE);
      return;
    }
  empty = matrix->groups->len == 0;
  gtk_label_set_text (GTK_LABEL (self->empty_label), _("No workshops match the filter."));
  gtk_widget_set_visible (self->empty_label, empty);
  gtk_widget_set_visible (self->heat_title, !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->heat_grid), !empty);
  gtk_widget_set_visible (self->trend_title, !empty && matrix->n_years > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->trend_grid), !empty && matrix->n_years > 0);
  gtk_widget_set_visible (self->units_title, !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->units_grid), !empty);
  if (min_size > 1)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Groups with fewer than %u participant are hidden.",
                                                            "Groups with fewer than %u participants are hidden.",
                                                            min_size), min_size);
      gtk_label_set_text (self->threshold_label, text);
    }
  else
    gtk_label_set_text (self->threshold_label, _("Every group is shown, however small."));

  fill_heat_map (self, matrix);
  fill_trend (self, matrix);
  fill_units (self, matrix);
}

static gboolean
rebuild_idle (gpointer user_data)
{
  VerkOrganisationView *self = user_data;

  self->rebuild_id = 0;
  fill_filters (self);
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* A burst of edits (an import of many files) rebuilds once. */
static void
queue_rebuild (VerkOrganisationView *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_LOW, rebuild_idle, self, NULL);
}

static void
on_store_changed (VerkStore *store,
                  int        kind,
                  gint64     workshop_id,
                  gpointer   user_data)
{
  queue_rebuild (user_data);
}

static void
on_settings_changed (GSettings  *settings,
                     const char *key,
                     gpointer    user_data)
{
  if (g_strcmp0 (key, VERK_ORGANISATION_MIN_GROUP_SIZE_KEY) == 0)
    rebuild (user_data);
}

static void
on_filter_changed (GObject    *drop,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  VerkOrganisationView *self = user_data;

  if (!self->filling_filters)
    rebuild (self);
}

/* The heat map's colours are the puzzle's: one colour scale everywhere. */
static void
add_css_once (void)
{
  static gboolean added;
  g_autoptr (GtkCssProvider) provider = NULL;
  g_autoptr (GString) css = NULL;

  if (added)
    return;
  added = TRUE;
  css = g_string_new ("button.verk-org-cell { border-radius: 8px; padding: 2px 4px; min-height: 0;"
                      " background-image: none; box-shadow: none; background-color: alpha(currentColor, 0.06); }\n"
                      ".verk-org-cell:focus-visible { outline: 3px solid @accent_color; outline-offset: 2px; }\n"
                      "button.verk-org-mean { border: 2px solid alpha(currentColor, 0.5); }\n"
                      ".verk-org-hidden, .verk-org-empty { opacity: 0.7; }\n"
                      ".verk-org-header { font-size: 110%; }\n"
                      ".verk-org-row-title { font-size: 125%; font-weight: 600; }\n"
                      ".verk-org-cell label { font-size: 115%; }\n");
  for (int level = 1; level <= 5; level++)
    {
      VerkRgba fill = verk_puzzle_score_color (level);
      VerkRgba text = verk_puzzle_text_color (fill);

      g_string_append_printf (css, "button.verk-org-score-%d { background-color: rgb(%d,%d,%d); color: rgb(%d,%d,%d); }\n",
                              level, (int) round (fill.r * 255), (int) round (fill.g * 255),
                              (int) round (fill.b * 255), (int) round (text.r * 255), (int) round (text.g * 255),
                              (int) round (text.b * 255));
    }
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css->str, -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
verk_organisation_view_dispose (GObject *object)
{
  VerkOrganisationView *self = VERK_ORGANISATION_VIEW (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_signal_handler (&self->settings_id, self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_ORGANISATION_VIEW);

  G_OBJECT_CLASS (verk_organisation_view_parent_class)->dispose (object);
}

static void
verk_organisation_view_finalize (GObject *object)
{
  VerkOrganisationView *self = VERK_ORGANISATION_VIEW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->content);
  g_clear_pointer (&self->keys, g_strfreev);
  g_clear_pointer (&self->units, g_strfreev);
  g_clear_pointer (&self->years, g_array_unref);

  G_OBJECT_CLASS (verk_organisation_view_parent_class)->finalize (object);
}

static void
verk_organisation_view_class_init (VerkOrganisationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_organisation_view_dispose;
  object_class->finalize = verk_organisation_view_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-organisation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, box);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, unit_drop);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, year_drop);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, threshold_label);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, scroller);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, heat_title);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, heat_grid);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, trend_title);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, trend_grid);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, units_title);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, units_grid);
}

static void
verk_organisation_view_init (VerkOrganisationView *self)
{
  GtkWidget *viewport;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* A plain GtkWidget does not pass its children's expansion on. */
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  add_css_once ();
  /* Arrows and Tab through the cells keep the focused one in sight. */
  viewport = gtk_scrolled_window_get_child (self->scroller);
  if (GTK_IS_VIEWPORT (viewport))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), TRUE);
}

/**
 * verk_organisation_view_new:
 * @store: the store to show
 * @settings: (nullable): the application's settings (the threshold)
 *
 * Returns: (transfer floating): the view
 */
GtkWidget *
verk_organisation_view_new (VerkStore *store,
                            GSettings *settings)
{
  VerkOrganisationView *self;
  g_autoptr (GStrvBuilder) keys = g_strv_builder_new ();

  g_return_val_if_fail (VERK_IS_STORE (store), NULL);

  self = g_object_new (VERK_TYPE_ORGANISATION_VIEW, NULL);
  self->store = g_object_ref (store);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  self->content = verk_content_new (NULL, NULL);
  for (guint i = 0; self->content != NULL && i < verk_content_get_n_values (self->content); i++)
    g_strv_builder_add (keys, verk_content_get_value (self->content, i)->key);
  self->keys = g_strv_builder_end (keys);

  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  if (self->settings != NULL)
    self->settings_id = g_signal_connect (self->settings, "changed", G_CALLBACK (on_settings_changed), self);
  g_signal_connect (self->unit_drop, "notify::selected", G_CALLBACK (on_filter_changed), self);
  g_signal_connect (self->year_drop, "notify::selected", G_CALLBACK (on_filter_changed), self);
  fill_filters (self);
  rebuild (self);
  return GTK_WIDGET (self);
}

/**
 * verk_organisation_view_present:
 * @parent: the window it belongs beside
 * @store: the store to show
 * @settings: (nullable): the application's settings
 *
 * Returns: (transfer none): the window showing the view
 */
GtkWindow *
verk_organisation_view_present (GtkWindow *parent,
                                VerkStore *store,
                                GSettings *settings)
{
  GtkApplication *app = parent != NULL ? gtk_window_get_application (parent) : NULL;
  GtkWidget *window, *box, *header;
  GtkEventController *shortcuts;

  g_return_val_if_fail (VERK_IS_STORE (store), NULL);

  for (GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    if (g_object_get_data (l->data, "verk-organisation-window") != NULL)
      {
        gtk_window_present (l->data);
        return l->data;
      }

  window = adw_window_new ();
  g_object_set_data (G_OBJECT (window), "verk-organisation-window", GINT_TO_POINTER (TRUE));
  gtk_window_set_title (GTK_WINDOW (window), _("Organisation Overview"));
  /* The size of the window it came from: on the projector, the screen. */
  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), gtk_widget_get_width (GTK_WIDGET (parent)),
                                 gtk_widget_get_height (GTK_WIDGET (parent)));
  else
    gtk_window_set_default_size (GTK_WINDOW (window), 1200, 700);
  if (app != NULL)
    gtk_window_set_application (GTK_WINDOW (window), app);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), verk_organisation_view_new (store, settings));
  adw_window_set_content (ADW_WINDOW (window), box);

  /* Escape and Ctrl+W close it, as they do other secondary windows. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_keyval_trigger_new (GDK_KEY_w, GDK_CONTROL_MASK)),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}
