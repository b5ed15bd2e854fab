/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "verk-organisation-view"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "verk-content.h"
#include "verk-format.h"
#include "verk-organisation-cell.h"
#include "verk-organisation-model.h"
#include "verk-organisation-view.h"
#include "verk-puzzle-render.h"

/* Wide enough for "Socialtjänstens ledningsgrupp" on two lines in the
 * room's type size. */
#define CELL_WIDTH  128
#define CELL_HEIGHT 60
/* The heat map's column heads: three lines of a name and its workshops,
 * the same in the fixed grid and the scrolling one so that their rows
 * line up. */
#define HEADER_LINES  4
#define HEADER_HEIGHT 92
/* The values' names beside the heat map, on one line or two in the room's
 * type size: as wide as the labels that measured them were, so that the
 * longest word ("Kompetensutveckling") is not broken. */
#define ROW_TITLE_WIDTH 222

/* The heat map builds the columns of the groups in view, not all of them:
 * at 200 groups its 2,800 cells as widgets took a second before the first
 * frame (docs/PERFORMANCE.md). Before the first frame, the columns and
 * rows that the window's size shows (a 1280×720 window: seven columns,
 * eight of the thirteen values; FIRST_COLUMNS when its size is not known),
 * the rows below them when idle after it; then more columns when they do
 * not fill the window, or as the map is scrolled or the focus comes within
 * AHEAD_COLUMNS of the last built, so that arrows and Tab go on into
 * columns already laid out. GTK 4.8's GtkColumnView would build 200
 * columns' rows whatever the size. */
#define FIRST_COLUMNS 8
#define MORE_COLUMNS  8
#define AHEAD_COLUMNS 3

struct _VerkOrganisationView
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkWidget      *box;             /* the template's one child (gtk_widget_dispose_template) */
  GtkWidget      *filters;         /* the unit and year filters and the threshold */
  GtkMenuButton  *unit_button;
  GtkMenuButton  *year_button;
  GtkLabel       *threshold_label;
  GtkScrolledWindow *scroller;
  GtkWidget      *empty_label;
  GtkWidget      *heat_title;
  GtkWidget      *heat_box;
  GtkGrid        *fixed_grid;    /* the values' names, the organisation's mean */
  GtkScrolledWindow *heat_scroller;
  GtkGrid        *heat_grid;     /* the groups' columns */
  GtkWidget      *trend_title;
  GtkGrid        *trend_grid;
  GtkWidget      *units_title;
  GtkGrid        *units_grid;

  /* borrowed */
  GtkWindow      *root;          /* followed for the focus */
  const VerkOrgMatrix *matrix;   /* the model's, until it changes */

  /* owned */
  VerkOrganisationModel *model;
  GSettings      *settings;
  VerkContent    *content;
  GStrv           units;         /* what unit_button offers after "All units" */
  GArray         *years;         /* int: what year_button offers after "All years" */
  GMenu          *unit_menu;     /* radio items of filter.unit: 0 all, i + 1 units[i] */
  GMenu          *year_menu;     /* radio items of filter.year: 0 all, or the year */
  GSimpleAction  *unit_action;   /* int32 state: the unit's index, 0 for all */
  GSimpleAction  *year_action;   /* int32 state: the year, 0 for all */
  guint           n_columns;     /* the groups whose column is built */
  guint           n_rows;        /* the values whose row is built (all once the first frame is painted) */
  guint           more_id;       /* idle source adding columns */
  guint           fill_id;       /* tick adding columns until the map is filled */
  int             width_at_add;  /* heat_grid's width when columns were last added */
  GtkWindow      *to_present;    /* shown once the model's first read is in */
  guint           present_id;    /* timeout presenting it anyway */
  guint           below_id;      /* idle source building the rows below the first frame's, the trend and the units */
  gulong          after_paint_id;
  gboolean        painted;       /* a frame was painted since the view was mapped */
  gboolean        below_pending; /* fill_below() once that frame is painted */
  gboolean        filling_filters;
  /* What the cells show (shown_content()), and whether with the actions:
   * the actions' count, which the worker hands over after the rest, is
   * then added to it rather than the map built again. */
  GByteArray     *shown;
  gboolean        shown_actions;
};

G_DEFINE_FINAL_TYPE (VerkOrganisationView, verk_organisation_view, GTK_TYPE_WIDGET)


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
  return (guint) verk_organisation_model_get_min_group_size (self->model);
}

/* ------------------------------------------------------------------------ */
/* Cells                                                                    */

/* A cell the keyboard reaches (arrows, Tab) and a screen reader names. */
static GtkWidget *
make_cell (const char *markup,
           const char *accessible_name,
           const char *css_class)
{
  GtkWidget *cell = verk_organisation_cell_new (markup, accessible_name);

  gtk_widget_set_size_request (cell, CELL_WIDTH, CELL_HEIGHT);
  gtk_widget_add_css_class (cell, "verk-org-cell");
  if (css_class != NULL)
    gtk_widget_add_css_class (cell, css_class);
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
  /* Between words, and inside a word only when it is longer than a
   * column ("utbildningsförvaltningens"; Pango adds the hyphen), so that
   * every column is as wide as a cell; at least that wide: a wrapping label
   * measured at its narrowest would make the header row very tall. */
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_label_set_justify (GTK_LABEL (label), centered ? GTK_JUSTIFY_CENTER : GTK_JUSTIFY_LEFT);
  gtk_label_set_xalign (GTK_LABEL (label), centered ? 0.5 : 0);
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  gtk_widget_add_css_class (label, "verk-org-header");
  return label;
}

/* A heat map column's head, as wide as a cell: a long name is hyphenated
 * and ends in "…" on its third line (the cells' accessible names carry it
 * whole); the line below says how many workshops. */
static GtkWidget *
make_heat_header (const char *text,
                  const char *detail)
{
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n<small>%s</small>", text, detail);
  g_autofree char *name = g_strconcat (text, "\n", detail, NULL);
  GtkWidget *header = verk_organisation_cell_new_heading (markup, name, GTK_ACCESSIBLE_ROLE_COLUMN_HEADER,
                                                          HEADER_LINES, 0.5f, GTK_ALIGN_END);

  gtk_widget_set_size_request (header, CELL_WIDTH, HEADER_HEIGHT);
  gtk_widget_add_css_class (header, "verk-org-header");
  return header;
}

/* A value's name beside its row of the heat map, on at most two lines. */
static GtkWidget *
make_heat_row_title (const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  GtkWidget *title = verk_organisation_cell_new_heading (markup, text, GTK_ACCESSIBLE_ROLE_ROW_HEADER, 2,
                                                         0.0f, GTK_ALIGN_CENTER);

  gtk_widget_set_size_request (title, ROW_TITLE_WIDTH, CELL_HEIGHT);
  gtk_widget_add_css_class (title, "verk-org-row-title");
  return title;
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
                                      "<span weight='bold'>%s \u00b7 n\u2009=\u2009%u</span>",
                                      score, difference, group->n_agreed[k]);
    return make_cell (markup, name, score_class (group->agreed[k]));
  }
}

static const char *
value_name (VerkOrganisationView *self,
            const VerkOrgMatrix  *matrix,
            guint                 k)
{
  const VerkContentItem *value = verk_content_lookup_value (self->content, matrix->keys[k]);

  return value != NULL ? value->name : matrix->keys[k];
}

/* The share of actions done at follow-up of a group (or, @group NULL, of
 * the organisation: @done of @total). */
static GtkWidget *
share_cell (VerkOrganisationView *self,
            const VerkOrgGroup   *group,
            guint                 done,
            guint                 total)
{
  const char *what = _("Actions done at follow-up");
  const char *who = group != NULL ? group->name : _("Organisation");
  guint n = group != NULL ? group->n_followed_up : total;
  guint d = group != NULL ? group->n_done : done;
  g_autofree char *name = NULL;

  if (group != NULL && group->hidden)
    {
      name = g_strdup_printf (_("%s, %s: hidden, fewer than %u participants"), what, who, min_group_size (self));
      return make_cell ("<span size='x-large'>\u2014</span>", name, "verk-org-hidden");
    }
  if (n == 0)
    {
      name = g_strdup_printf (_("%s, %s: no actions followed up yet"), what, who);
      return make_cell ("<span size='x-large'>\u00b7</span>", name, "verk-org-empty");
    }
  {
    g_autofree char *share = format_share (d, n);
    g_autofree char *of = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u done", "%u of %u done", n),
                                           d, n);
    g_autofree char *markup = g_markup_printf_escaped ("<span size='x-large' weight='bold'>%s</span>\n"
                                                       "<span weight='bold'>%s</span>", share, of);

    /* Translators: "Actions done at follow-up, Alfa: 75 %, 3 of 4 done" */
    name = g_strdup_printf (_("%s, %s: %s, %s"), what, who, share, of);
    return make_cell (markup, name, "verk-org-share");
  }
}

/* Group @g's column: its name, a cell per value, its actions done. */
static void
add_group_column (VerkOrganisationView *self,
                  guint                 g)
{
  const VerkOrgMatrix *matrix = self->matrix;
  const VerkOrgGroup *group = matrix->groups->pdata[g];
  int column = (int) g;
  g_autofree char *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u workshop", "%u workshops",
                                                          group->n_workshops), group->n_workshops);
  GtkWidget *header = make_heat_header (group->name, detail);

  gtk_grid_attach (self->heat_grid, header, column, 0, 1, 1);
  for (guint k = 0; k < self->n_rows; k++)
    gtk_grid_attach (self->heat_grid, group_cell (self, group, value_name (self, matrix, k), k),
                     column, (int) k + 1, 1, 1);
  if (matrix->actions_read && self->n_rows == matrix->n_keys)
    gtk_grid_attach (self->heat_grid, share_cell (self, group, 0, 0), column, (int) matrix->n_keys + 1, 1, 1);
}

/* Up to @count more groups' columns. */
static void
add_columns (VerkOrganisationView *self,
             guint                 count)
{
  guint end;

  if (self->matrix == NULL)
    return;
  end = MIN (self->n_columns + count, self->matrix->groups->len);
  for (; self->n_columns < end; self->n_columns++)
    add_group_column (self, self->n_columns);
  self->width_at_add = gtk_widget_get_width (GTK_WIDGET (self->heat_grid));
}

/* Columns until the map is a column wider than the window (so it can be
 * scrolled, which adds more), checked at each frame once the columns added
 * last were laid out. */
static gboolean
fill_width (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  VerkOrganisationView *self = user_data;
  int wide = gtk_widget_get_width (GTK_WIDGET (self->heat_grid));
  int shown = gtk_widget_get_width (GTK_WIDGET (self->heat_scroller));

  if (self->matrix == NULL || self->n_columns >= self->matrix->groups->len
      || (wide >= shown + CELL_WIDTH && wide > 0))
    {
      self->fill_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (wide != self->width_at_add && shown > 0)
    add_columns (self, MORE_COLUMNS);
  return G_SOURCE_CONTINUE;
}

static gboolean
show_more_columns (gpointer user_data)
{
  VerkOrganisationView *self = user_data;

  self->more_id = 0;
  add_columns (self, MORE_COLUMNS);
  return G_SOURCE_REMOVE;
}

/* More columns once the map is scrolled to within a quarter of a screen of
 * its right end, or when those built do not fill the window; when idle, as
 * the adjustment changes while the map is being laid out. */
static void
maybe_show_more_columns (VerkOrganisationView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->heat_scroller);
  double page = gtk_adjustment_get_page_size (adjustment);
  double right = gtk_adjustment_get_upper (adjustment) - (gtk_adjustment_get_value (adjustment) + page);

  if (self->matrix == NULL || self->more_id != 0 || page <= 0 || right >= page / 4
      || self->n_columns >= self->matrix->groups->len)
    return;
  self->more_id = g_idle_add (show_more_columns, self);
}

/* The keyboard came near the last column built: more now, so that the
 * arrows and Tab go on into them rather than out of the map. */
static void
on_focus_widget_changed (GtkWindow            *window,
                         GParamSpec           *pspec,
                         VerkOrganisationView *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  int column, row, width, height;

  while (focus != NULL && gtk_widget_get_parent (focus) != GTK_WIDGET (self->heat_grid))
    focus = gtk_widget_get_parent (focus);
  if (focus == NULL || self->matrix == NULL)
    return;
  gtk_grid_query_child (self->heat_grid, focus, &column, &row, &width, &height);
  if (column + AHEAD_COLUMNS >= (int) self->n_columns)
    add_columns (self, MORE_COLUMNS);
}

/* How much of the map the window shows before it is laid out: from its
 * size (its default size until it is shown), less what is above the rows
 * and beside the columns (measured, or the template's margins), rounded
 * up; 0 when the window's size is not known. */
static void
cells_in_view (VerkOrganisationView *self,
               guint                *columns,
               guint                *rows)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *content = gtk_viewport_get_child (GTK_VIEWPORT (gtk_scrolled_window_get_child (self->scroller)));
  int width = 0, height = 0, filters, title, margin_x, margin_y, column_pitch, row_pitch;

  *columns = *rows = 0;
  if (!GTK_IS_WINDOW (root))
    return;
  width = gtk_widget_get_width (GTK_WIDGET (root));
  height = gtk_widget_get_height (GTK_WIDGET (root));
  if (width <= 0 || height <= 0)
    gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  if (width <= 0 || height <= 0)
    return;

  /* measured before the read was in (verk_organisation_view_present_window) */
  gtk_widget_measure (self->filters, GTK_ORIENTATION_VERTICAL, -1, &filters, NULL, NULL, NULL);
  gtk_widget_measure (self->heat_title, GTK_ORIENTATION_VERTICAL, -1, &title, NULL, NULL, NULL);
  margin_x = gtk_widget_get_margin_start (content) + gtk_widget_get_margin_end (content);
  margin_y = gtk_widget_get_margin_top (content) + gtk_box_get_spacing (GTK_BOX (content));
  column_pitch = CELL_WIDTH + (int) gtk_grid_get_column_spacing (self->heat_grid);
  row_pitch = CELL_HEIGHT + (int) gtk_grid_get_row_spacing (self->heat_grid);
  /* beside the groups' columns: the values' names and the organisation's mean */
  width -= margin_x + ROW_TITLE_WIDTH + (int) gtk_grid_get_column_spacing (self->fixed_grid) + CELL_WIDTH
           + gtk_box_get_spacing (GTK_BOX (self->heat_box));
  /* above the rows: the filters, the map's title, the heads */
  height -= filters + margin_y + title + HEADER_HEIGHT + (int) gtk_grid_get_row_spacing (self->heat_grid);
  /* every column and row that starts inside the window */
  *columns = (guint) MAX (1, (width + column_pitch - 1) / column_pitch);
  *rows = (guint) MAX (1, (height + row_pitch - 1) / row_pitch);
}

/* A value's name, the organisation's mean of it, and the built columns'
 * cells of it. */
static void
add_value_row (VerkOrganisationView *self,
               guint                 k)
{
  const VerkOrgMatrix *matrix = self->matrix;
  const char *name_of_value = value_name (self, matrix, k);

  gtk_grid_attach (self->fixed_grid, make_heat_row_title (name_of_value), 0, (int) k + 1, 1, 1);
  if (isnan (matrix->mean[k]))
    {
      g_autofree char *name = g_strdup_printf (_("%s, organisation: no agreed score"), name_of_value);
      gtk_grid_attach (self->fixed_grid, make_cell ("<span size='x-large'>\u00b7</span>", name, "verk-org-empty"),
                       1, (int) k + 1, 1, 1);
    }
  else
    {
      g_autofree char *score = format_score (matrix->mean[k]);
      g_autofree char *markup = g_markup_printf_escaped ("<span size='x-large' weight='bold'>%s</span>", score);
      /* Translators: the organisation's mean of a value: "Kundorientering, organisation mean: 3,1" */
      g_autofree char *name = g_strdup_printf (_("%s, organisation mean: %s"), name_of_value, score);
      GtkWidget *cell = make_cell (markup, name, score_class (matrix->mean[k]));

      gtk_widget_add_css_class (cell, "verk-org-mean");
      gtk_grid_attach (self->fixed_grid, cell, 1, (int) k + 1, 1, 1);
    }
  for (guint g = 0; g < self->n_columns; g++)
    gtk_grid_attach (self->heat_grid, group_cell (self, matrix->groups->pdata[g], name_of_value, k),
                     (int) g, (int) k + 1, 1, 1);
}

/* The last row: actions done at follow-up (once they are read: a worker's
 * read counts them after the scores, a frame or two later). */
static void
add_share_row (VerkOrganisationView *self)
{
  const VerkOrgMatrix *matrix = self->matrix;
  guint total = 0, done = 0;

  if (!matrix->actions_read)
    return;
  gtk_grid_attach (self->fixed_grid, make_heat_row_title (_("Actions done at follow-up")), 0,
                   (int) matrix->n_keys + 1, 1, 1);
  for (guint u = 0; u < matrix->units->len; u++)
    {
      total += ((VerkOrgUnit *) matrix->units->pdata[u])->n_followed_up;
      done += ((VerkOrgUnit *) matrix->units->pdata[u])->n_done;
    }
  gtk_grid_attach (self->fixed_grid, share_cell (self, NULL, done, total), 1, (int) matrix->n_keys + 1, 1, 1);
  for (guint g = 0; g < self->n_columns; g++)
    gtk_grid_attach (self->heat_grid, share_cell (self, self->matrix->groups->pdata[g], 0, 0), (int) g,
                     (int) matrix->n_keys + 1, 1, 1);
}

/* The rows below those of the first frame, in every column built. */
static void
complete_rows (VerkOrganisationView *self)
{
  if (self->matrix == NULL || self->n_rows == self->matrix->n_keys)
    return;
  for (; self->n_rows < self->matrix->n_keys; self->n_rows++)
    add_value_row (self, self->n_rows);
  add_share_row (self);
}

static void
fill_heat_map (VerkOrganisationView *self,
               const VerkOrgMatrix  *matrix)
{
  guint n_shown = 0, columns_in_view, rows_in_view;
  /* as many columns as before (an edit while the map is scrolled far
   * right), or those in view */
  guint n_columns;
  guint n_rows;

  cells_in_view (self, &columns_in_view, &rows_in_view);
  n_columns = MAX (self->n_columns, columns_in_view > 0 ? columns_in_view : FIRST_COLUMNS);
  /* Before the first frame the rows in view; the others when idle after it. */
  n_rows = !self->painted && rows_in_view > 0 ? MIN (rows_in_view, matrix->n_keys) : matrix->n_keys;

  clear_grid (self->fixed_grid);
  clear_grid (self->heat_grid);
  self->n_columns = 0;
  self->n_rows = 0;

  g_clear_handle_id (&self->more_id, g_source_remove);
  for (guint g = 0; g < matrix->groups->len; g++)
    if (!((VerkOrgGroup *) matrix->groups->pdata[g])->hidden)
      n_shown++;

  /* the values' names and the organisation's column: the mean */
  {
    g_autofree char *detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u group", "%u groups", n_shown),
                                               n_shown);
    GtkWidget *header = make_heat_header (_("Organisation"), detail);

    gtk_grid_attach (self->fixed_grid, header, 1, 0, 1, 1);
  }
  for (; self->n_rows < n_rows; self->n_rows++)
    add_value_row (self, self->n_rows);
  if (self->n_rows == matrix->n_keys)
    add_share_row (self);

  add_columns (self, n_columns);
  if (self->fill_id == 0)
    self->fill_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fill_width, self, NULL);
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

/* A unit as the view names it: groups without one are "No unit". */
static const char *
unit_display_name (const char *unit)
{
  return unit[0] != '\0' ? unit : _("No unit");
}

static void
fill_units (VerkOrganisationView *self,
            const VerkOrgMatrix  *matrix)
{
  clear_grid (self->units_grid);
  if (!matrix->actions_read)
    return;
  for (guint u = 0; u < matrix->units->len; u++)
    {
      const VerkOrgUnit *unit = matrix->units->pdata[u];
      const char *unit_name = unit_display_name (unit->name);
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

/* What a filter's button shows: the choice made (a radio item's label). */
static void
show_choices (VerkOrganisationView *self)
{
  g_autoptr (GVariant) unit_state = g_action_get_state (G_ACTION (self->unit_action));
  g_autoptr (GVariant) year_state = g_action_get_state (G_ACTION (self->year_action));
  int unit_index = g_variant_get_int32 (unit_state);
  int year = g_variant_get_int32 (year_state);
  const char *unit = unit_index > 0 && unit_index <= (int) g_strv_length (self->units)
    ? self->units[unit_index - 1] : NULL;
  g_autofree char *year_text = year > 0 ? g_strdup_printf ("%d", year) : NULL;

  unit = unit != NULL ? unit_display_name (unit) : _("All units");
  if (g_strcmp0 (gtk_menu_button_get_label (self->unit_button), unit) != 0)
    gtk_menu_button_set_label (self->unit_button, unit);
  if (year_text == NULL)
    year_text = g_strdup (_("All years"));
  if (g_strcmp0 (gtk_menu_button_get_label (self->year_button), year_text) != 0)
    gtk_menu_button_set_label (self->year_button, year_text);
}

static void
set_state (GSimpleAction *action,
           int            value)
{
  g_autoptr (GVariant) state = g_action_get_state (G_ACTION (action));

  if (g_variant_get_int32 (state) != value)
    g_simple_action_set_state (action, g_variant_new_int32 (value));
}

static void
append_choice (GMenu      *menu,
               const char *label,
               const char *action,
               int         target)
{
  g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_int32 (target));
  g_menu_append_item (menu, item);
}

/* The filters' choices from the model, showing what it has chosen. */
static void
fill_filters (VerkOrganisationView *self)
{
  const char *unit = verk_organisation_model_get_unit (self->model);
  int year = verk_organisation_model_get_year (self->model);
  const char * const *units = verk_organisation_model_get_units (self->model);
  guint n_years;
  const int *years = verk_organisation_model_get_years (self->model, &n_years);
  int unit_index = 0, year_chosen = 0;

  for (guint i = 0; units[i] != NULL; i++)
    if (g_strcmp0 (unit, units[i]) == 0)
      unit_index = (int) i + 1;
  for (guint i = 0; i < n_years; i++)
    if (years[i] == year)
      year_chosen = year;

  self->filling_filters = TRUE;
  /* Other choices: the menus' items after "All units" and "All years"
   * (a menu already shown follows its model's changes). */
  if (!g_strv_equal ((const char * const *) self->units, units))
    {
      g_strfreev (self->units);
      self->units = g_strdupv ((char **) units);
      g_menu_remove_all (self->unit_menu);
      append_choice (self->unit_menu, _("All units"), "filter.unit", 0);
      for (guint i = 0; units[i] != NULL; i++)
        append_choice (self->unit_menu, unit_display_name (units[i]), "filter.unit", (int) i + 1);
    }
  if (self->years->len != n_years || (n_years > 0 && memcmp (self->years->data, years, n_years * sizeof (int)) != 0))
    {
      g_array_set_size (self->years, 0);
      g_array_append_vals (self->years, years, n_years);
      g_menu_remove_all (self->year_menu);
      append_choice (self->year_menu, _("All years"), "filter.year", 0);
      for (guint i = 0; i < n_years; i++)
        {
          g_autofree char *text = g_strdup_printf ("%d", years[i]);
          append_choice (self->year_menu, text, "filter.year", years[i]);
        }
    }
  set_state (self->unit_action, unit_index);
  set_state (self->year_action, year_chosen);
  show_choices (self);
  self->filling_filters = FALSE;
}

/* ------------------------------------------------------------------------ */

/* Everything the view shows of @matrix but the actions, as bytes: the same
 * bytes are the same map (a new matrix may well sit where the last one
 * was freed, so its address says nothing). */
static GByteArray *
shown_content (VerkOrganisationView *self,
               const VerkOrgMatrix  *matrix)
{
  GByteArray *bytes = g_byte_array_sized_new (4096);
  const char *unit = verk_organisation_model_get_unit (self->model);
  int numbers[] = { verk_organisation_model_get_year (self->model), verk_organisation_model_get_min_group_size (self->model),
                    (int) matrix->n_keys, (int) matrix->n_years, (int) matrix->groups->len };

  g_byte_array_append (bytes, (const guint8 *) numbers, sizeof numbers);
  g_byte_array_append (bytes, (const guint8 *) (unit ?: ""), (guint) strlen (unit ?: "") + 1);
  for (guint k = 0; k < matrix->n_keys; k++)
    g_byte_array_append (bytes, (const guint8 *) matrix->keys[k], (guint) strlen (matrix->keys[k]) + 1);
  g_byte_array_append (bytes, (const guint8 *) matrix->mean, matrix->n_keys * sizeof (double));
  g_byte_array_append (bytes, (const guint8 *) matrix->years, matrix->n_years * sizeof (int));
  g_byte_array_append (bytes, (const guint8 *) matrix->trend, matrix->n_years * matrix->n_keys * sizeof (double));
  for (guint g = 0; g < matrix->groups->len; g++)
    {
      const VerkOrgGroup *group = matrix->groups->pdata[g];
      guint flags[] = { (guint) group->hidden, group->n_workshops };

      g_byte_array_append (bytes, (const guint8 *) group->name, (guint) strlen (group->name) + 1);
      g_byte_array_append (bytes, (const guint8 *) flags, sizeof flags);
      g_byte_array_append (bytes, (const guint8 *) group->agreed, matrix->n_keys * sizeof (double));
      g_byte_array_append (bytes, (const guint8 *) group->difference, matrix->n_keys * sizeof (double));
      g_byte_array_append (bytes, (const guint8 *) group->n_agreed, matrix->n_keys * sizeof (guint));
    }
  return bytes;
}

/* The worker's count of the actions came for the map shown: its last row
 * (once the rows are all built; fill_below() adds it otherwise) and the
 * units (now, or in fill_below() when it is still to come), not the whole
 * map again (some 10 M instructions, and its layout again, when it came
 * before the first frame; the whole frame's after it). */
static gboolean
add_actions (VerkOrganisationView *self,
             const VerkOrgMatrix  *matrix)
{
  g_autoptr (GByteArray) content = NULL;

  if (matrix == NULL || !matrix->actions_read || self->shown == NULL || self->shown_actions
      || verk_organisation_model_get_error (self->model) != NULL)
    return FALSE;
  content = shown_content (self, matrix);
  if (content->len != self->shown->len || memcmp (content->data, self->shown->data, content->len) != 0)
    return FALSE;

  fill_filters (self);
  self->matrix = matrix;
  self->shown_actions = TRUE;
  gtk_widget_set_visible (self->units_title, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->units_grid), TRUE);
  if (self->n_rows == matrix->n_keys)
    add_share_row (self);
  if (self->painted && !self->below_pending && self->below_id == 0)
    fill_units (self, matrix);
  return TRUE;
}

/* The smallest group shown, beside the filters (from the model's threshold,
 * known before the store is read: the first frame's text). */
static void
show_threshold (VerkOrganisationView *self)
{
  guint min_size = min_group_size (self);

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
}

static gboolean fill_below (gpointer user_data);
static void present_now (VerkOrganisationView *self);

/* Everything again from the model (it read the store). */
static void
on_model_changed (VerkOrganisationView *self)
{
  const VerkOrgMatrix *matrix = verk_organisation_model_get_matrix (self->model);
  const GError *error = verk_organisation_model_get_error (self->model);
  gboolean empty = matrix == NULL || matrix->groups->len == 0;
  GtkGrid *focus_grid = NULL;
  int column = -1, row = -1;

  /* The window waiting for the first read is shown first: mapping it is a
   * round trip to the display server, which building the map below then
   * overlaps (nothing is painted before this returns, so its first frame
   * still shows the map). */
  if (self->to_present != NULL && matrix != NULL)
    present_now (self);
  if (add_actions (self, matrix))
    return;

  /* The cell with the focus is built again: the focus stays at its place. */
  if (self->root != NULL)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self->root));
      GtkGrid *grids[] = { self->fixed_grid, self->heat_grid, self->trend_grid, self->units_grid };

      for (guint i = 0; focus != NULL && i < G_N_ELEMENTS (grids); i++)
        if (gtk_widget_get_parent (focus) == GTK_WIDGET (grids[i]))
          {
            focus_grid = grids[i];
            gtk_grid_query_child (focus_grid, focus, &column, &row, NULL, NULL);
          }
    }

  fill_filters (self);
  self->matrix = matrix;
  if (error != NULL)
    gtk_label_set_text (GTK_LABEL (self->empty_label), error->message);
  else
    gtk_label_set_text (GTK_LABEL (self->empty_label), _("No workshops match the filter."));
  gtk_widget_set_visible (self->empty_label, empty);
  gtk_widget_set_visible (self->heat_title, !empty);
  gtk_widget_set_visible (self->heat_box, !empty);
  gtk_widget_set_visible (self->trend_title, !empty && matrix->n_years > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->trend_grid), !empty && matrix->n_years > 0);
  gtk_widget_set_visible (self->units_title, !empty && matrix->actions_read);
  gtk_widget_set_visible (GTK_WIDGET (self->units_grid), !empty && matrix->actions_read);
  show_threshold (self);

  clear_grid (self->fixed_grid);
  clear_grid (self->heat_grid);
  clear_grid (self->trend_grid);
  clear_grid (self->units_grid);
  g_clear_handle_id (&self->below_id, g_source_remove);
  self->below_pending = FALSE;
  self->n_columns = 0;
  self->n_rows = 0;
  g_clear_pointer (&self->shown, g_byte_array_unref);
  if (matrix == NULL)
    return;
  if (error == NULL && !empty)
    {
      self->shown = shown_content (self, matrix);
      self->shown_actions = matrix->actions_read;
    }
  fill_heat_map (self, matrix);
  /* Before the first frame only the heat map's cells in view: its rows
   * below them, the trend and the units are out of view, and follow when
   * idle once that frame is painted (not while the window waits to be
   * mapped: they would make that frame later). */
  if (!self->painted)
    self->below_pending = TRUE;
  else
    {
      fill_trend (self, matrix);
      fill_units (self, matrix);
    }
  if (focus_grid != NULL && gtk_grid_get_child_at (focus_grid, column, row) != NULL)
    gtk_widget_grab_focus (gtk_grid_get_child_at (focus_grid, column, row));
}

static gboolean
fill_below (gpointer user_data)
{
  VerkOrganisationView *self = user_data;

  self->below_id = 0;
  if (self->matrix != NULL)
    {
      complete_rows (self);
      fill_trend (self, self->matrix);
      fill_units (self, self->matrix);
    }
  return G_SOURCE_REMOVE;
}

static void
on_filter_changed (VerkOrganisationView *self)
{
  g_autoptr (GVariant) unit_state = g_action_get_state (G_ACTION (self->unit_action));
  g_autoptr (GVariant) year_state = g_action_get_state (G_ACTION (self->year_action));
  int unit_index = g_variant_get_int32 (unit_state);
  g_autofree char *unit = NULL;
  int year = g_variant_get_int32 (year_state);

  if (self->filling_filters)
    return;
  show_choices (self);
  /* both read before either is set: setting one reads the filters again */
  if (unit_index > 0 && unit_index <= (int) g_strv_length (self->units))
    unit = g_strdup (self->units[unit_index - 1]);
  verk_organisation_model_set_unit (self->model, unit);
  verk_organisation_model_set_year (self->model, year);
}

/* A radio item chosen: the filter's state, then the model's. */
static void
on_choice (GSimpleAction *action,
           GVariant      *value,
           gpointer       user_data)
{
  g_simple_action_set_state (action, value);
  on_filter_changed (user_data);
}

/* The menu is made when the button is first opened, not with the view. */
static void
create_menu (GtkMenuButton *button,
             gpointer       user_data)
{
  VerkOrganisationView *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (button == self->unit_button ? self->unit_menu
                                                                                        : self->year_menu));
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
  css = g_string_new (".verk-org-cell { border-radius: 8px; padding: 2px 4px;"
                      " background-color: alpha(currentColor, 0.06); font-size: 115%; }\n"
                      ".verk-org-cell:focus-visible { outline: 3px solid @accent_color; outline-offset: 2px; }\n"
                      ".verk-org-cell.verk-org-mean { border: 2px solid alpha(currentColor, 0.5); }\n"
                      ".verk-org-hidden, .verk-org-empty { opacity: 0.7; }\n"
                      ".verk-org-header { font-size: 110%; }\n"
                      ".verk-org-row-title { font-size: 125%; font-weight: 600; }\n");
  for (int level = 1; level <= 5; level++)
    {
      VerkRgba fill = verk_puzzle_score_color (level);
      VerkRgba text = verk_puzzle_text_color (fill);

      g_string_append_printf (css, ".verk-org-cell.verk-org-score-%d { background-color: rgb(%d,%d,%d); color: rgb(%d,%d,%d); }\n",
                              level, (int) round (fill.r * 255), (int) round (fill.g * 255),
                              (int) round (fill.b * 255), (int) round (text.r * 255), (int) round (text.g * 255),
                              (int) round (text.b * 255));
    }
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css->str, -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* The store is read on a worker thread from the moment the view is made
 * (verk_organisation_model_set_store_in_background), and its window is
 * shown when the read is in, so that its first frame shows the heat map
 * rather than "Reading the organisation…" (at 200 groups × 10 workshops
 * the scores take some 25 ms; the actions done at follow-up, the map's
 * last row, and the units, below the first frame's view, follow when the
 * worker has counted them). The main loop runs meanwhile: nothing waits
 * for the worker. A read slower than FIRST_READ_WAIT_MS shows the window
 * with that text first, and the map when it is done. Tests and callgrind
 * (where the worker runs some fifty times slower) wait longer with
 * VERKSTAD_TEST_FIRST_READ_WAIT_MS. */
#define FIRST_READ_WAIT_MS 400

static void
present_now (VerkOrganisationView *self)
{
  g_autoptr (GtkWindow) window = g_steal_pointer (&self->to_present);

  g_clear_handle_id (&self->present_id, g_source_remove);
  g_signal_handlers_disconnect_by_func (self->model, present_now, self);
  if (window != NULL)
    gtk_window_present (window);
}

/* The read is slow: the window is shown saying so, the map follows. */
static gboolean
present_anyway (gpointer user_data)
{
  VerkOrganisationView *self = user_data;

  self->present_id = 0;
  if (verk_organisation_model_get_matrix (self->model) == NULL
      && verk_organisation_model_get_error (self->model) == NULL)
    gtk_widget_set_visible (self->empty_label, TRUE);
  present_now (self);
  return G_SOURCE_REMOVE;
}

/* GTK reads the icon theme in a thread when the display opens, but
 * adw_init() then adds libadwaita's icons to it and that reading is thrown
 * away: in a process that has shown no icon yet (the benchmark's), the
 * filters' arrows read the theme's index files again on the main
 * thread, before the first frame (some 66 M instructions). Read them in a
 * thread while the store is read; a theme already read costs a lookup. */
static void
read_icon_theme (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  gtk_icon_theme_has_icon (GTK_ICON_THEME (source_object), "pan-down-symbolic");
}

/* What a thread draws once, off screen, so that FreeType has loaded and
 * hinted these glyphs (cairo keeps them with the font, for every thread)
 * when the first frame measures and draws them: a font, and glyphs of it. */
typedef struct
{
  cairo_scaled_font_t *font;
  GArray              *glyphs;   /* cairo_glyph_t */
} GlyphRun;

static void
glyph_run_free (gpointer data)
{
  GlyphRun *run = data;

  cairo_scaled_font_destroy (run->font);
  g_array_unref (run->glyphs);
  g_free (run);
}

/* @layout's fonts and glyphs; laid out (shaped), not measured or drawn. */
static void
collect_glyphs (GPtrArray   *runs,
                PangoLayout *layout)
{
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    for (GSList *r = ((PangoLayoutLine *) l->data)->runs; r != NULL; r = r->next)
      {
        PangoGlyphItem *item = r->data;
        cairo_scaled_font_t *font = PANGO_IS_CAIRO_FONT (item->item->analysis.font)
          ? pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (item->item->analysis.font))
          : NULL;
        GlyphRun *run;

        if (font == NULL)
          continue;
        run = g_new0 (GlyphRun, 1);
        run->font = cairo_scaled_font_reference (font);
        run->glyphs = g_array_sized_new (FALSE, FALSE, sizeof (cairo_glyph_t), (guint) item->glyphs->num_glyphs);
        for (int i = 0; i < item->glyphs->num_glyphs; i++)
          {
            /* each where the surface below shows it, so that it is drawn */
            cairo_glyph_t glyph = { item->glyphs->glyphs[i].glyph, 8, 48 };

            if (glyph.index != PANGO_GLYPH_EMPTY && (glyph.index & PANGO_GLYPH_UNKNOWN_FLAG) == 0)
              g_array_append_val (run->glyphs, glyph);
          }
        g_ptr_array_add (runs, run);
      }
}

/* The glyphs of every label under @widget, from the label's own layout. */
static void
collect_label_glyphs (GPtrArray *runs,
                      GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    collect_glyphs (runs, gtk_label_get_layout (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_glyphs (runs, child);
}

static void
draw_glyphs (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GPtrArray *runs = task_data;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 96, 96);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < runs->len; i++)
    {
      GlyphRun *run = runs->pdata[i];

      cairo_set_scaled_font (cr, run->font);
      cairo_show_glyphs (cr, (cairo_glyph_t *) (void *) run->glyphs->data, (int) run->glyphs->len);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* While the store is read: the text of the map's cells, column heads and
 * row titles, of its title and the filters', laid out in their styles
 * (which loads their fonts: fontconfig's match, the faces, their metrics)
 * and its glyphs drawn once off screen in a thread (FreeType's loading and
 * hinting of each glyph at each size, which the first frame's measuring
 * and drawing otherwise do on the main thread). The groups' names are not
 * known yet: their heads get the letters. */
static void
prepare_fonts (VerkOrganisationView *self)
{
  static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ\u00c5\u00c4\u00d6\u00c9\u00dc "
                                "abcdefghijklmnopqrstuvwxyz\u00e5\u00e4\u00f6\u00e9\u00fc0123456789-.,:'()&%\u2026";
  g_autoptr (GString) values = g_string_new (NULL);
  g_autofree char *detail = g_strdup_printf ("%s %s",
                                             g_dngettext (GETTEXT_PACKAGE, "%u workshop", "%u workshops", 10),
                                             g_dngettext (GETTEXT_PACKAGE, "%u group", "%u groups", 200));
  g_autoptr (GPtrArray) runs = g_ptr_array_new_with_free_func (glyph_run_free);
  g_autoptr (GTask) task = NULL;
  GtkWidget *samples[3];

  for (guint i = 0; i < verk_content_get_n_values (self->content); i++)
    g_string_append_printf (values, "%s\n", verk_content_get_value (self->content, i)->name);
  samples[0] = make_cell ("<span size='x-large' weight='bold'>0123456789,.\u2014\u00b7</span>\n"
                          "<span weight='bold'>+\u22120123456789,. \u00b7 n\u2009=\u2009</span>", "",
                          "verk-org-score-3");
  samples[1] = make_heat_header (letters, detail);
  samples[2] = make_heat_row_title (values->str);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr (PangoLayout) layout = NULL;

      gtk_grid_attach (self->fixed_grid, samples[i], 0, 0, 1, 1);
      layout = gtk_widget_create_pango_layout (samples[i], NULL);
      pango_layout_set_markup (layout, verk_organisation_cell_get_markup (VERK_ORGANISATION_CELL (samples[i])), -1);
      collect_glyphs (runs, layout);
      gtk_grid_remove (self->fixed_grid, samples[i]);
    }
  {
    g_autoptr (PangoLayout) title = gtk_widget_create_pango_layout (self->heat_title,
                                                                    gtk_label_get_text (GTK_LABEL (self->heat_title)));

    collect_glyphs (runs, title);
  }
  /* the filters' labels and buttons and the threshold as the first frame
   * shows them: the layouts the window's measuring made (their text is
   * known before the store is read; another unit's or year's name shows
   * only once one is chosen) */
  collect_label_glyphs (runs, self->filters);
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, g_steal_pointer (&runs), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, draw_glyphs);
}

static void
on_first_paint (GdkFrameClock        *clock,
                VerkOrganisationView *self)
{
  g_clear_signal_handler (&self->after_paint_id, clock);
  self->painted = TRUE;
  verk_organisation_model_hold_actions (self->model, FALSE);
  if (self->below_pending && self->below_id == 0)
    self->below_id = g_idle_add (fill_below, self);
  self->below_pending = FALSE;
}

static void
verk_organisation_view_map (GtkWidget *widget)
{
  VerkOrganisationView *self = VERK_ORGANISATION_VIEW (widget);
  GdkFrameClock *clock;

  GTK_WIDGET_CLASS (verk_organisation_view_parent_class)->map (widget);
  clock = gtk_widget_get_frame_clock (widget);
  if (!self->painted && self->after_paint_id == 0 && clock != NULL)
    self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint), self);
}

static void
verk_organisation_view_unmap (GtkWidget *widget)
{
  VerkOrganisationView *self = VERK_ORGANISATION_VIEW (widget);

  g_clear_signal_handler (&self->after_paint_id, gtk_widget_get_frame_clock (widget));
  /* hidden before its first frame: nothing to draw first, and the worker
   * would keep its read of the store open until the window came back */
  verk_organisation_model_hold_actions (self->model, FALSE);
  GTK_WIDGET_CLASS (verk_organisation_view_parent_class)->unmap (widget);
}

static void
verk_organisation_view_root (GtkWidget *widget)
{
  VerkOrganisationView *self = VERK_ORGANISATION_VIEW (widget);

  GTK_WIDGET_CLASS (verk_organisation_view_parent_class)->root (widget);
  if (GTK_IS_WINDOW (gtk_widget_get_root (widget)))
    {
      self->root = GTK_WINDOW (gtk_widget_get_root (widget));
      g_signal_connect (self->root, "notify::focus-widget", G_CALLBACK (on_focus_widget_changed), self);
    }
}

static void
verk_organisation_view_unroot (GtkWidget *widget)
{
  VerkOrganisationView *self = VERK_ORGANISATION_VIEW (widget);

  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, on_focus_widget_changed, self);
  self->root = NULL;
  GTK_WIDGET_CLASS (verk_organisation_view_parent_class)->unroot (widget);
}

static void
verk_organisation_view_dispose (GObject *object)
{
  VerkOrganisationView *self = VERK_ORGANISATION_VIEW (object);

  g_clear_handle_id (&self->more_id, g_source_remove);
  g_clear_handle_id (&self->below_id, g_source_remove);
  if (self->fill_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fill_id);
  self->fill_id = 0;
  g_clear_handle_id (&self->present_id, g_source_remove);
  g_clear_object (&self->to_present);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  self->matrix = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (object), VERK_TYPE_ORGANISATION_VIEW);

  G_OBJECT_CLASS (verk_organisation_view_parent_class)->dispose (object);
}

static void
verk_organisation_view_finalize (GObject *object)
{
  VerkOrganisationView *self = VERK_ORGANISATION_VIEW (object);

  g_clear_object (&self->model);
  g_clear_object (&self->settings);
  g_clear_object (&self->content);
  g_clear_pointer (&self->units, g_strfreev);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->shown, g_byte_array_unref);
  g_clear_object (&self->unit_menu);
  g_clear_object (&self->year_menu);
  g_clear_object (&self->unit_action);
  g_clear_object (&self->year_action);

  G_OBJECT_CLASS (verk_organisation_view_parent_class)->finalize (object);
}

static void
verk_organisation_view_class_init (VerkOrganisationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = verk_organisation_view_dispose;
  object_class->finalize = verk_organisation_view_finalize;
  widget_class->map = verk_organisation_view_map;
  widget_class->unmap = verk_organisation_view_unmap;
  widget_class->root = verk_organisation_view_root;
  widget_class->unroot = verk_organisation_view_unroot;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/verk-organisation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, box);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, filters);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, unit_button);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, year_button);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, threshold_label);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, scroller);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, heat_title);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, heat_box);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, fixed_grid);
  gtk_widget_class_bind_template_child (widget_class, VerkOrganisationView, heat_scroller);
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
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The filters: a radio item per choice, "All units" and "All years"
   * until the store is read (the buttons are laid out with those while it
   * is); fill_filters() adds the others after them. */
  {
    g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();

    self->unit_action = g_simple_action_new_stateful ("unit", G_VARIANT_TYPE_INT32, g_variant_new_int32 (0));
    self->year_action = g_simple_action_new_stateful ("year", G_VARIANT_TYPE_INT32, g_variant_new_int32 (0));
    g_signal_connect (self->unit_action, "change-state", G_CALLBACK (on_choice), self);
    g_signal_connect (self->year_action, "change-state", G_CALLBACK (on_choice), self);
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->unit_action));
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->year_action));
    gtk_widget_insert_action_group (GTK_WIDGET (self), "filter", G_ACTION_GROUP (group));
    self->unit_menu = g_menu_new ();
    self->year_menu = g_menu_new ();
    append_choice (self->unit_menu, _("All units"), "filter.unit", 0);
    append_choice (self->year_menu, _("All years"), "filter.year", 0);
    gtk_menu_button_set_label (self->unit_button, _("All units"));
    gtk_menu_button_set_label (self->year_button, _("All years"));
    gtk_menu_button_set_create_popup_func (self->unit_button, create_menu, self, NULL);
    gtk_menu_button_set_create_popup_func (self->year_button, create_menu, self, NULL);
  }
  self->units = g_new0 (char *, 1);
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  /* until the store is read */
  gtk_label_set_text (GTK_LABEL (self->empty_label), _("Reading the organisation…"));
  gtk_widget_set_visible (self->empty_label, TRUE);
  gtk_widget_set_visible (self->heat_title, FALSE);
  gtk_widget_set_visible (self->heat_box, FALSE);
  gtk_widget_set_visible (self->trend_title, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->trend_grid), FALSE);
  gtk_widget_set_visible (self->units_title, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->units_grid), FALSE);
  /* A plain GtkWidget does not pass its children's expansion on. */
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  add_css_once ();
  /* Arrows and Tab through the cells keep the focused one in sight. */
  viewport = gtk_scrolled_window_get_child (self->scroller);
  if (GTK_IS_VIEWPORT (viewport))
    gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), TRUE);
  adjustment = gtk_scrolled_window_get_hadjustment (self->heat_scroller);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (maybe_show_more_columns), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (maybe_show_more_columns), self, G_CONNECT_SWAPPED);
}

/**
 * verk_organisation_view_new:
 * @store: (nullable): the store to show
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
  g_auto (GStrv) key_list = NULL;
  g_autoptr (VerkContent) content = NULL;
  g_autoptr (VerkOrganisationModel) model = NULL;

  g_return_val_if_fail (store == NULL || VERK_IS_STORE (store), NULL);

  content = verk_content_new (NULL, NULL);
  for (guint i = 0; content != NULL && i < verk_content_get_n_values (content); i++)
    g_strv_builder_add (keys, verk_content_get_value (content, i)->key);
  key_list = g_strv_builder_end (keys);

  /* The store's read starts before the view's template is built, so that
   * the worker reads while the main thread builds, realizes and measures
   * the window (its result comes from the main loop, once the signals
   * below are connected); the threshold before the store, so that the
   * store is read once. */
  model = verk_organisation_model_new (NULL, (const char * const *) key_list);
  /* the actions done at follow-up (the map's last row) are counted once
   * the first frame is drawn (on_first_paint()): counted while it is, they
   * took a core from it (some 3 ms at the bench's 200 groups) */
  verk_organisation_model_hold_actions (model, TRUE);
  if (settings != NULL)
    g_settings_bind (settings, VERK_ORGANISATION_MIN_GROUP_SIZE_KEY, model, "min-group-size",
                     G_SETTINGS_BIND_GET);
  verk_organisation_model_set_store_in_background (model, store);

  self = g_object_new (VERK_TYPE_ORGANISATION_VIEW, NULL);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  self->content = g_steal_pointer (&content);
  self->model = g_steal_pointer (&model);
  g_signal_connect_swapped (self->model, "changed", G_CALLBACK (on_model_changed), self);
  show_threshold (self);
  /* a store read at once (in memory, read-only) was read before the view */
  if (store != NULL && !verk_organisation_model_is_reading (self->model))
    on_model_changed (self);
  return GTK_WIDGET (self);
}

/**
 * verk_organisation_view_present_window:
 * @window: the window that holds the view
 *
 * Presents @window once the view has what its store's first read gave (at
 * once when it has), or after FIRST_READ_WAIT_MS, so that the first frame
 * shows the heat map when the read is quick. Returns at once: the main
 * loop runs while the store is read.
 */
void
verk_organisation_view_present_window (VerkOrganisationView *self,
                                       GtkWindow            *window)
{
  g_return_if_fail (VERK_IS_ORGANISATION_VIEW (self));
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (!verk_organisation_model_is_reading (self->model))
    {
      gtk_window_present (window);
      return;
    }
  if (self->to_present != NULL)
    {
      g_set_object (&self->to_present, window);
      return;
    }
  self->to_present = g_object_ref (window);
  g_signal_connect_swapped (self->model, "changed", G_CALLBACK (present_now), self);
  self->present_id = g_timeout_add ((guint) g_ascii_strtoull (g_getenv ("VERKSTAD_TEST_FIRST_READ_WAIT_MS")
                                                              ?: G_STRINGIFY (FIRST_READ_WAIT_MS), NULL, 10),
                                    present_anyway, self);
  {
    g_autoptr (GTask) task = g_task_new (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window))),
                                         NULL, NULL, NULL);

    g_task_run_in_thread (task, read_icon_theme);
  }
  /* "Reading the organisation…" only if the read outlasts the wait
   * (present_anyway()): measured now, its heading's font would be loaded
   * for a frame that never shows it. */
  gtk_widget_set_visible (self->empty_label, FALSE);
  /* While the worker reads, what the first frame needs besides the map:
   * the window's surface, and the styles and text of its header and
   * filters (measuring computes them; they stay valid when the map is
   * added). */
  gtk_widget_realize (GTK_WIDGET (window));
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, -1, NULL, NULL, NULL, NULL);
  prepare_fonts (self);
}

/**
 * verk_organisation_view_set_store:
 * @store: (nullable): the store to show from now on
 *
 * Shows @store instead (the application opened another database).
 */
void
verk_organisation_view_set_store (VerkOrganisationView *self,
                                  VerkStore            *store)
{
  g_return_if_fail (VERK_IS_ORGANISATION_VIEW (self));
  g_return_if_fail (store == NULL || VERK_IS_STORE (store));

  verk_organisation_model_set_store (self->model, store);
}

/**
 * verk_organisation_view_get_model:
 *
 * Returns: (transfer none): what the view shows
 */
VerkOrganisationModel *
verk_organisation_view_get_model (VerkOrganisationView *self)
{
  g_return_val_if_fail (VERK_IS_ORGANISATION_VIEW (self), NULL);
  return self->model;
}

/* The application opened another database: the window shows it, or closes
 * when none is open. VerkApplication's "store" is read by its name: naming
 * the class would link the whole application (the room server, libsoup and
 * its Kerberos and TLS libraries) into whatever shows the view on its own,
 * as bench-organisation-view does. */
static void
on_application_store_changed (GtkApplication *app,
                              GParamSpec     *pspec,
                              GtkWindow      *window)
{
  g_autoptr (VerkStore) store = NULL;
  VerkOrganisationView *view = g_object_get_data (G_OBJECT (window), "verk-organisation-window");

  g_object_get (app, "store", &store, NULL);
  if (store == NULL)
    gtk_window_destroy (window);
  else
    verk_organisation_view_set_store (view, store);
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
  GtkWidget *window, *box, *header, *view;
  GtkEventController *shortcuts;

  g_return_val_if_fail (VERK_IS_STORE (store), NULL);

  for (GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    if (g_object_get_data (l->data, "verk-organisation-window") != NULL)
      {
        gtk_window_present (l->data);
        return l->data;
      }

  /* the view first: it starts the store's read */
  view = verk_organisation_view_new (store, settings);
  window = adw_window_new ();
  g_object_set_data (G_OBJECT (window), "verk-organisation-window", view);
  gtk_window_set_title (GTK_WINDOW (window), _("Organisation Overview"));
  /* The size of the window it came from: on the projector, the screen. */
  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), gtk_widget_get_width (GTK_WIDGET (parent)),
                                 gtk_widget_get_height (GTK_WIDGET (parent)));
  else
    gtk_window_set_default_size (GTK_WINDOW (window), 1200, 700);
  if (app != NULL)
    gtk_window_set_application (GTK_WINDOW (window), app);
  if (app != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (app), "store") != NULL)
    g_signal_connect_object (app, "notify::store", G_CALLBACK (on_application_store_changed), window, 0);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), view);
  adw_window_set_content (ADW_WINDOW (window), box);

  /* Escape and Ctrl+W close it, as they do other secondary windows. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_keyval_trigger_new (GDK_KEY_w, GDK_CONTROL_MASK)),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);
  verk_organisation_view_present_window (VERK_ORGANISATION_VIEW (view), GTK_WINDOW (window));
  return GTK_WINDOW (window);
}
