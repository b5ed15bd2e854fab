/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Organisation Overview follows the application's database: with the
 * overview open, the application opens another database (File → Open, the
 * open-failed dialog's choices) and the overview shows that one's groups,
 * not the first's, and no longer follows the first's edits. Runs under the
 * display build-aux/dev test provides. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "verk-application.h"
#include "verk-content.h"
#include "verk-organisation-cell.h"
#include "verk-organisation-view.h"

/* A database file in @dir with one group of @people agreeing @score. */
static char *
make_database (const char *dir,
               const char *file,
               const char *group_name,
               guint       people)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, file, NULL);
  g_autoptr (VerkStore) store = verk_store_new (path, &error);
  gint64 group, workshop, item;

  g_assert_no_error (error);
  group = verk_store_add_group (store, group_name, "Skola", &error);
  g_assert_no_error (error);
  workshop = verk_store_add_workshop (store, group, "2026-03-01", "", &error);
  g_assert_no_error (error);
  for (guint p = 0; p < people; p++)
    {
      verk_store_add_participant (store, workshop, "", &error);
      g_assert_no_error (error);
    }
  item = verk_store_add_item (store, workshop, "siq", "siq.customer", "Kundorientering", "", &error);
  g_assert_no_error (error);
  verk_store_set_agreed (store, item, 4, "", &error);
  g_assert_no_error (error);
  return path;
}

/* The database of one group most tests show, opened. */
static VerkStore *
open_one_group_store (const char  *dir,
                      char       **path)
{
  g_autoptr (GError) error = NULL;
  VerkStore *store;

  *path = make_database (dir, "org.db", "Rektorsgruppen", 5);
  store = verk_store_new (*path, &error);
  g_assert_no_error (error);
  return store;
}

/* The text @widget shows, when it is a label or a cell (its markup). */
static const char *
text_of (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (VERK_IS_ORGANISATION_CELL (widget))
    return verk_organisation_cell_get_markup (VERK_ORGANISATION_CELL (widget));
  return NULL;
}

/* The first label or cell under @widget with @text for which @counts
 * holds, or NULL. */
static GtkWidget *
find_text (GtkWidget  *widget,
           const char *text,
           gboolean  (*counts) (GtkWidget *widget))
{
  const char *shown = text_of (widget);

  if (shown != NULL && strstr (shown, text) != NULL && counts (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text (child, text, counts);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first mapped label or cell under @widget that shows @text (the heat
 * map's column heads), or NULL. */
static GtkWidget *
find_showing (GtkWidget  *widget,
              const char *text)
{
  return find_text (widget, text, gtk_widget_get_mapped);
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  return find_showing (widget, text) != NULL;
}

/* Whether measuring @widget's window measures @widget: it and every
 * parent below the window are visible (the window need not be shown yet). */
static gboolean
is_laid_out (GtkWidget *widget)
{
  for (; widget != NULL && !GTK_IS_ROOT (widget); widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget))
      return FALSE;
  return TRUE;
}

static VerkOrganisationView *
find_view (GtkWidget *widget)
{
  if (VERK_IS_ORGANISATION_VIEW (widget))
    return VERK_ORGANISATION_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      VerkOrganisationView *view = find_view (child);
      if (view != NULL)
        return view;
    }
  return NULL;
}

static void
wait_for_text (GtkWidget  *window,
               const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!shows_text (window, text))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_follows_other_database (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkstad-org-view-XXXXXX", &error);
  g_autofree char *first = NULL, *second = NULL;
  g_autoptr (VerkApplication) app = verk_application_new ();
  GtkWidget *parent;
  GtkWindow *overview;
  VerkOrganisationView *view;
  VerkOrganisationModel *model;

  g_assert_no_error (error);
  first = make_database (dir, "first.db", "Rektorsgruppen", 5);
  second = make_database (dir, "second.db", "Socialtjänstens ledningsgrupp", 6);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (verk_application_open_store (app, first, &error));
  g_assert_no_error (error);

  parent = gtk_window_new ();
  gtk_window_set_application (GTK_WINDOW (parent), GTK_APPLICATION (app));
  overview = verk_organisation_view_present (GTK_WINDOW (parent), verk_application_get_store (app), NULL);
  view = find_view (GTK_WIDGET (overview));
  g_assert_nonnull (view);
  model = verk_organisation_view_get_model (view);
  wait_for_text (GTK_WIDGET (overview), "Rektorsgruppen");

  /* another database: the overview shows it */
  g_assert_true (verk_application_open_store (app, second, &error));
  g_assert_no_error (error);
  g_assert_true (verk_organisation_model_get_store (model) == verk_application_get_store (app));
  wait_for_text (GTK_WIDGET (overview), "Socialtjänstens ledningsgrupp");
  g_assert_false (shows_text (GTK_WIDGET (overview), "Rektorsgruppen"));
  g_assert_cmpuint (verk_organisation_model_get_matrix (model)->groups->len, ==, 1);

  gtk_window_destroy (overview);
  gtk_window_destroy (GTK_WINDOW (parent));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_unlink (first);
  g_unlink (second);
}

/* A group's name a little wider than its column keeps its words whole
 * (set smaller) instead of "Rektorsgruppe-n"; a word far wider is still
 * broken, with Pango's hyphen. */
static void
test_heads_keep_words (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkstad-org-view-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (PangoLayout) whole = NULL, drawn = NULL, long_word = NULL;
  GtkWidget *window = gtk_window_new ();
  VerkOrganisationCell *head;
  int word_width;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_no_error (error);
  store = open_one_group_store (dir, &path);
  gtk_window_set_child (GTK_WINDOW (window), verk_organisation_view_new (store, NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_text (window, "Rektorsgruppen");
  g_assert_true (VERK_IS_ORGANISATION_CELL (find_showing (window, "Rektorsgruppen")));
  head = VERK_ORGANISATION_CELL (find_showing (window, "Rektorsgruppen"));
  while (gtk_widget_get_width (GTK_WIDGET (head)) == 0)   /* mapped before its first allocation */
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  /* the name in the head's own type is wider than the column: otherwise
   * this test would say nothing */
  whole = gtk_widget_create_pango_layout (GTK_WIDGET (head), NULL);
  pango_layout_set_markup (whole, "<b>Rektorsgruppen</b>", -1);
  pango_layout_get_pixel_size (whole, &word_width, NULL);
  g_assert_cmpint (word_width, >, gtk_widget_get_width (GTK_WIDGET (head)));

  drawn = verk_organisation_cell_make_layout (head);
  g_assert_false (verk_organisation_cell_breaks_inside_a_word (drawn));

  long_word = verk_organisation_cell_make_layout (head);
  pango_layout_set_markup (long_word, "<b>Utbildningsförvaltningensledningsgrupp</b>", -1);
  g_assert_true (verk_organisation_cell_breaks_inside_a_word (long_word));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_unlink (path);
}

/* How many twentieths below its own size a head is set, each size tried
 * in turn, down to 80 %, until no word is broken; when a word is broken
 * at 80 % too, its own size (0) unless the name is cut short there. */
static int
steps_tried_in_turn (GtkWidget  *head,
                     const char *markup,
                     int         lines)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (head, NULL);
  PangoFontDescription *font = pango_font_description_copy (
    pango_context_get_font_description (pango_layout_get_context (layout)));
  int size = pango_font_description_get_size (font);
  int steps = 0;
  gboolean cut_short;

  pango_layout_set_markup (layout, markup, -1);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_width (layout, gtk_widget_get_width (head) * PANGO_SCALE);
  pango_layout_set_height (layout, -lines);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  cut_short = pango_layout_is_ellipsized (layout);
  while (steps < 4 && verk_organisation_cell_breaks_inside_a_word (layout))
    {
      steps++;
      if (pango_font_description_get_size_is_absolute (font))
        pango_font_description_set_absolute_size (font, size * (20 - steps) / 20);
      else
        pango_font_description_set_size (font, size * (20 - steps) / 20);
      pango_layout_set_font_description (layout, font);
    }
  if (steps == 4 && verk_organisation_cell_breaks_inside_a_word (layout) && !cut_short)
    steps = 0;
  pango_font_description_free (font);
  return steps;
}

/* A head passes over the smaller sizes its word is sure to break at, and
 * ends at the size the old loop, trying each in turn, chose: for names
 * that fit, that fit smaller, and that never fit, at many widths. */
static void
test_heads_same_sizes (void)
{
  static const char *names[] = { "Rektorsgruppen", "Funktionsstödsförvaltningens ledningsgrupp",
                                 "Barn- och utbildningsförvaltningens stab", "Äldreomsorgens chefer",
                                 "Grundskolans rektorer och biträdande rektorer", "IFO ledning",
                                 "Utbildningsförvaltningensledningsgrupp", "Plan och bygg" };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *fixed = gtk_fixed_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  g_autoptr (GPtrArray) heads = g_ptr_array_new ();
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint n_smaller = 0, n_broken_at_own_size = 0;

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), fixed);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    for (int width = 60; width <= 220; width += 4)
      {
        g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n<small>3 workshops</small>", names[i]);
        GtkWidget *head = verk_organisation_cell_new_heading (markup, names[i], GTK_ACCESSIBLE_ROLE_COLUMN_HEADER,
                                                              4, 0.5f, GTK_ALIGN_END);

        gtk_widget_set_size_request (head, width, 92);
        gtk_fixed_put (GTK_FIXED (fixed), head, (heads->len % 8) * 230, (heads->len / 8) * 100);
        g_ptr_array_add (heads, head);
      }
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (g_ptr_array_index (heads, heads->len - 1)) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  for (guint i = 0; i < heads->len; i++)
    {
      GtkWidget *head = heads->pdata[i];
      const char *markup = verk_organisation_cell_get_markup (VERK_ORGANISATION_CELL (head));
      g_autoptr (PangoLayout) layout = verk_organisation_cell_make_layout (VERK_ORGANISATION_CELL (head));
      const PangoFontDescription *set = pango_layout_get_font_description (layout);
      int size = pango_font_description_get_size (pango_context_get_font_description (pango_layout_get_context (layout)));
      int steps = steps_tried_in_turn (head, markup, 4);

      if (steps == 0)
        {
          g_assert_null (set);
          n_broken_at_own_size += verk_organisation_cell_breaks_inside_a_word (layout);
        }
      else
        {
          g_assert_nonnull (set);
          g_assert_cmpint (pango_font_description_get_size (set), ==, size * (20 - steps) / 20);
          n_smaller++;
        }
    }
  /* the heads set smaller are many, and so are those hyphenated at their
   * own size: otherwise this test would say little */
  g_test_message ("%u heads: %u set smaller, %u hyphenated at their own size", heads->len, n_smaller,
                  n_broken_at_own_size);
  g_assert_cmpuint (n_smaller, >, heads->len / 8);
  g_assert_cmpuint (n_broken_at_own_size, >, heads->len / 8);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
count_changed (VerkOrganisationModel *model,
               guint                 *n)
{
  (*n)++;
}

/* An edit arrives (an import, another window) while the keyboard is in the
 * map: the cells are built again and the focus stays at its place. */
static void
test_focus_stays (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkstad-org-view-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (VerkStore) store = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view, *focus, *again;
  VerkOrganisationModel *model;
  int column, row, column_again, row_again;
  guint n_changed = 0;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_no_error (error);
  store = open_one_group_store (dir, &path);
  view = verk_organisation_view_new (store, NULL);
  model = verk_organisation_view_get_model (VERK_ORGANISATION_VIEW (view));
  g_signal_connect (model, "changed", G_CALLBACK (count_changed), &n_changed);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_text (window, "Rektorsgruppen");
  /* and the actions, counted once the first frame is drawn: their
   * ::changed is not the edit's below */
  while (verk_organisation_model_get_matrix (model) == NULL
         || !verk_organisation_model_get_matrix (model)->actions_read)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  /* Tab to a cell of the group's column (not the mean's, beside the
   * values' names and the "Organisation" head) */
  do
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (window));
    }
  while (focus == NULL || !VERK_IS_ORGANISATION_CELL (focus) || !GTK_IS_GRID (gtk_widget_get_parent (focus))
         || shows_text (gtk_widget_get_parent (focus), "Organisation"));
  gtk_grid_query_child (GTK_GRID (gtk_widget_get_parent (focus)), focus, &column, &row, NULL, NULL);
  g_object_ref (focus);

  n_changed = 0;
  verk_store_add_group (store, "Förskolechefer", "Skola", &error);
  g_assert_no_error (error);
  while (n_changed == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (gtk_widget_get_parent (focus));   /* built again */
  again = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (VERK_IS_ORGANISATION_CELL (again));
  g_assert_true (again != focus);
  g_object_unref (focus);
  gtk_grid_query_child (GTK_GRID (gtk_widget_get_parent (again)), again, &column_again, &row_again, NULL, NULL);
  g_assert_cmpint (column_again, ==, column);
  g_assert_cmpint (row_again, ==, row);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* What the window's first painted frame showed. */
typedef struct {
  GtkWidget *window;
  gboolean   painted;
  gboolean   showed_group;    /* the group's head */
  gboolean   showed_reading;  /* "Reading the organisation…" */
  guint      n_row_heads;     /* the heat map's rows built (their values' names) */
  double     rows_bottom;     /* where the last of them ends, in the window */
  gboolean   counted_actions; /* the model's matrix had its actions */
} FirstFrame;

/* The heat map's row heads under @widget: how many, and where the lowest
 * ends in @window. */
static void
count_row_heads (GtkWidget *window,
                 GtkWidget *widget,
                 guint     *n,
                 double    *bottom)
{
  graphene_rect_t bounds;

  if (VERK_IS_ORGANISATION_CELL (widget)
      && gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_ROW_HEADER)
    {
      (*n)++;
      if (gtk_widget_compute_bounds (widget, window, &bounds))
        *bottom = MAX (*bottom, bounds.origin.y + bounds.size.height);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_row_heads (window, child, n, bottom);
}

static void
on_first_after_paint (GdkFrameClock *clock,
                      FirstFrame    *first)
{
  if (first->painted)
    return;
  first->painted = TRUE;
  first->showed_group = shows_text (first->window, "Rektorsgruppen");
  first->showed_reading = shows_text (first->window, "Reading the organisation");
  count_row_heads (first->window, first->window, &first->n_row_heads, &first->rows_bottom);
  {
    const VerkOrgMatrix *matrix = verk_organisation_model_get_matrix (verk_organisation_view_get_model (
                                                                        find_view (first->window)));

    first->counted_actions = matrix != NULL && matrix->actions_read;
  }
}

static void
on_window_realize (GtkWidget  *window,
                   FirstFrame *first)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_first_after_paint), first);
}

/* A window showing @store's overview, its first frame watched. */
static GtkWidget *
new_watched_window (VerkStore  *store,
                    FirstFrame *first)
{
  GtkWidget *window = gtk_window_new ();

  *first = (FirstFrame) { window, FALSE, FALSE, FALSE };
  gtk_window_set_child (GTK_WINDOW (window), verk_organisation_view_new (store, NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), first);
  return window;
}

/* Presents the window as the app does, and runs the loop until its first
 * frame was painted and @also (when given) is set. */
static void
present_until_first_frame (FirstFrame     *first,
                           const gboolean *also)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  verk_organisation_view_present_window (find_view (first->window), GTK_WINDOW (first->window));
  while (!first->painted || (also != NULL && !*also))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
destroy_watched_window (FirstFrame *first)
{
  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (first->window), first);
  gtk_window_destroy (GTK_WINDOW (first->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The window's first frame shows the heat map, not "Reading the
 * organisation…": the store is read on a worker thread while the window
 * is realized, and the window is shown when the read is in. It builds the
 * map's rows that the window shows, down past its bottom edge, and not
 * those below (at 1280×720 eight of the thirteen values); the others follow
 * when idle after it, each with its value's name. */
static void
test_first_frame_shows_map (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkstad-org-view-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (VerkStore) store = NULL;
  g_autoptr (VerkContent) content = verk_content_new (NULL, NULL);
  guint n_values = verk_content_get_n_values (content);
  guint n_row_heads = 0;
  double bottom = 0;
  FirstFrame first;

  g_assert_no_error (error);
  g_assert_cmpuint (n_values, ==, 13);
  store = open_one_group_store (dir, &path);
  new_watched_window (store, &first);
  present_until_first_frame (&first, NULL);
  g_assert_true (first.showed_group);
  g_assert_false (first.showed_reading);
  g_assert_cmpuint (first.n_row_heads, >, 0);
  g_assert_cmpuint (first.n_row_heads, <, n_values);
  /* the next row, below the grid's 4 px spacing, would not be in view */
  g_assert_cmpfloat (first.rows_bottom + 4, >=, gtk_widget_get_height (first.window));

  wait_for_text (first.window, verk_content_get_value (content, n_values - 1)->name);
  count_row_heads (first.window, first.window, &n_row_heads, &bottom);
  g_assert_cmpuint (n_row_heads, >=, n_values);

  destroy_watched_window (&first);
  g_clear_object (&store);
  g_unlink (path);
}

/* Every cell's and label's text under @widget with its place in its grid
 * (the grids numbered in the widget tree's order), sorted: what the view
 * shows, whatever order its children were added in. */
static void
collect_shown (GtkWidget *widget,
               GPtrArray *lines,
               int       *n_grids,
               int        grid)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  int column = -1, row = -1;

  if (GTK_IS_GRID (widget))
    grid = (*n_grids)++;
  if (GTK_IS_GRID (parent))
    gtk_grid_query_child (GTK_GRID (parent), widget, &column, &row, NULL, NULL);
  if (VERK_IS_ORGANISATION_CELL (widget))
    g_ptr_array_add (lines, g_strdup_printf ("%d %d,%d %s", grid, column, row,
                                             verk_organisation_cell_get_markup (VERK_ORGANISATION_CELL (widget))));
  else if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_ptr_array_add (lines, g_strdup_printf ("%d %d,%d %s", grid, column, row, gtk_label_get_label (GTK_LABEL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shown (child, lines, n_grids, grid);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
shown_text (GtkWidget *widget)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  int n_grids = 0;

  collect_shown (widget, lines, &n_grids, -1);
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* The first cell of the heat map, kept when the model's first matrix (its
 * actions not yet counted) is shown. */
typedef struct {
  GtkWidget *window;
  GtkWidget *cell;
  gboolean   actions;
} ActionsWatch;

static void
on_changed_after_view (VerkOrganisationModel *model,
                       ActionsWatch          *watch)
{
  const VerkOrgMatrix *matrix = verk_organisation_model_get_matrix (model);

  if (matrix == NULL)
    return;
  if (!matrix->actions_read && watch->cell == NULL)
    watch->cell = g_object_ref (find_showing (watch->window, "Rektorsgruppen"));
  if (matrix->actions_read)
    watch->actions = TRUE;
}

/* The worker counts the actions done at follow-up after the rest, once the
 * window's first frame is drawn (so as not to take a core from it), and
 * the model says ::changed again when they are in: the view adds the map's
 * last row and the units to the cells it built, rather than building them
 * all again; and shows what a view built with the actions shows (the model
 * read again at once, which builds everything). */
static void
test_actions_added (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkstad-org-view-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *added = NULL;
  g_autofree char *built = NULL;
  g_autoptr (VerkStore) store = NULL;
  VerkOrganisationModel *model;
  ActionsWatch watch = { NULL, NULL, FALSE };
  gint64 workshop, followup, deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  VerkAction action = { .what = (char *) "Gör", .owner = (char *) "", .followup = (char *) "",
                        .status = VERK_ACTION_DONE };
  FirstFrame first;

  g_assert_no_error (error);
  store = open_one_group_store (dir, &path);
  /* two actions in a workshop that another follows up, one done there */
  {
    g_autoptr (GPtrArray) groups = verk_store_list_groups (store, &error);
    g_autoptr (GPtrArray) workshops = NULL;

    g_assert_no_error (error);
    workshops = verk_store_list_workshops (store, ((VerkGroup *) groups->pdata[0])->id, &error);
    g_assert_no_error (error);
    action.workshop_id = workshop = ((VerkWorkshop *) workshops->pdata[0])->id;
    verk_store_add_action (store, &action, &error);
    g_assert_no_error (error);
    action.status = VERK_ACTION_OPEN;
    verk_store_add_action (store, &action, &error);
    g_assert_no_error (error);
    followup = verk_store_add_followup (store, workshop, "2026-09-01", "", &error);
    g_assert_no_error (error);
    g_assert_cmpint (followup, >, 0);
  }

  watch.window = new_watched_window (store, &first);
  model = verk_organisation_view_get_model (find_view (watch.window));
  g_signal_connect (model, "changed", G_CALLBACK (on_changed_after_view), &watch);
  present_until_first_frame (&first, NULL);
  g_assert_true (first.showed_group);
  g_assert_false (first.counted_actions);
  while (!watch.actions || !shows_text (watch.window, "1 of 2 done"))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_nonnull (watch.cell);
  g_assert_nonnull (gtk_widget_get_parent (watch.cell));     /* not built again */
  added = shown_text (watch.window);

  verk_organisation_model_reload (model);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (gtk_widget_get_parent (watch.cell));        /* built again */
  built = shown_text (watch.window);
  g_assert_cmpstr (added, ==, built);

  g_clear_object (&watch.cell);
  destroy_watched_window (&first);
  g_clear_object (&store);
  g_unlink (path);
}

/* A window hidden before its first frame lets the actions go: nothing is
 * drawn that they would slow, and the worker would otherwise keep its read
 * of the store open until the window came back. */
static void
test_hidden_before_first_frame (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkstad-org-view-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (VerkStore) store = NULL;
  VerkOrganisationModel *model;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  FirstFrame first;

  g_assert_no_error (error);
  store = open_one_group_store (dir, &path);
  new_watched_window (store, &first);
  model = verk_organisation_view_get_model (find_view (first.window));
  /* mapped, then unmapped at once: no frame is drawn between */
  gtk_window_present (GTK_WINDOW (first.window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (find_view (first.window))));
  gtk_widget_set_visible (first.window, FALSE);
  while (verk_organisation_model_get_matrix (model) == NULL
         || !verk_organisation_model_get_matrix (model)->actions_read)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  /* shown again and drawn before it is destroyed: destroyed while hidden
   * (the map built in it meanwhile), GTK 4.8's X11 surface still asked
   * the freed window for its size ("compute-size") in the next main loop
   * iteration: a GtkWindow cast of freed memory, 8 runs in 10 under
   * MALLOC_PERTURB_. The app never hides the Overview: closing destroys
   * it, and a window destroyed right after it is presented does not. */
  gtk_widget_set_visible (first.window, TRUE);
  while (!first.painted)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  destroy_watched_window (&first);
  g_clear_object (&store);
  g_unlink (path);
}

/* Lets the worker's read held back by VERKSTAD_TEST_ORGANISATION_READ_HOLD
 * go (it waits for a byte in the FIFO), noting whether the window had
 * painted a frame by then. */
typedef struct {
  const char *fifo;
  FirstFrame *first;
  gboolean    released;
  gboolean    painted_before;
  gboolean    reading_laid_out;  /* "Reading the organisation…" while the window waited */
} Hold;

static gboolean
release_read (gpointer user_data)
{
  Hold *hold = user_data;
  int fd;

  hold->painted_before = hold->first->painted;
  hold->reading_laid_out = find_text (hold->first->window, "Reading the organisation", is_laid_out) != NULL;
  /* blocks until the worker has the FIFO open: it is on its way there */
  do
    fd = open (hold->fifo, O_WRONLY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "1", 1), ==, 1);
  close (fd);
  hold->released = TRUE;
  return G_SOURCE_REMOVE;
}

/* A database of one group in @dir, and the Overview's window on it whose
 * read waits for a byte in the FIFO *@fifo (VERKSTAD_TEST_ORGANISATION_READ_HOLD);
 * @hold is set to release it. */
static GtkWidget *
new_held_window (const char  *dir,
                 char       **path,
                 char       **fifo,
                 VerkStore  **store,
                 FirstFrame  *first,
                 Hold        *hold)
{
  GtkWidget *window;

  *fifo = g_build_filename (dir, "hold", NULL);
  g_assert_cmpint (mkfifo (*fifo, 0600), ==, 0);
  hold->fifo = *fifo;
  *store = open_one_group_store (dir, path);
  g_setenv ("VERKSTAD_TEST_ORGANISATION_READ_HOLD", *fifo, TRUE);
  window = new_watched_window (*store, first);
  g_unsetenv ("VERKSTAD_TEST_ORGANISATION_READ_HOLD");
  return window;
}

/* The main loop runs while the store is read: with the read held back
 * until the loop has run an idle callback (below the priority of GTK's
 * frames), that callback runs before the window paints anything, and the
 * window's first frame still shows the heat map. A first frame that
 * waited for the worker inside the frame would block the loop: it paints
 * "Reading the organisation…" (when the wait gives up) before the callback
 * can let the read go. */
static void
test_loop_runs_while_reading (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkstad-org-view-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *fifo = NULL;
  g_autoptr (VerkStore) store = NULL;
  GtkWidget *window;
  FirstFrame first;
  Hold hold = { NULL, &first, FALSE, FALSE, FALSE };

  g_assert_no_error (error);
  window = new_held_window (dir, &path, &fifo, &store, &first, &hold);
  g_assert_true (verk_organisation_model_is_reading (verk_organisation_view_get_model (find_view (window))));
  g_idle_add (release_read, &hold);
  present_until_first_frame (&first, &hold.released);
  g_assert_false (hold.painted_before);
  /* not measured while the window waits for the read: its heading's font
   * would be loaded for a frame that does not show it */
  g_assert_false (hold.reading_laid_out);
  g_assert_true (first.showed_group);
  g_assert_false (first.showed_reading);

  destroy_watched_window (&first);
  g_clear_object (&store);
  g_unlink (fifo);
  g_unlink (path);
}

/* A read slower than the short wait does not keep the window hidden: it
 * is shown with "Reading the organisation…", and the heat map follows
 * when the read is in. The read is held back until the first frame. */
static void
test_slow_read_shows_window (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("verkstad-org-view-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *fifo = NULL;
  g_autofree char *wait = g_strdup (g_getenv ("VERKSTAD_TEST_FIRST_READ_WAIT_MS"));
  g_autoptr (VerkStore) store = NULL;
  GtkWidget *window;
  FirstFrame first;
  Hold hold = { NULL, &first, FALSE, FALSE, FALSE };

  g_assert_no_error (error);
  window = new_held_window (dir, &path, &fifo, &store, &first, &hold);
  g_setenv ("VERKSTAD_TEST_FIRST_READ_WAIT_MS", "1", TRUE);
  present_until_first_frame (&first, NULL);
  g_setenv ("VERKSTAD_TEST_FIRST_READ_WAIT_MS", wait, TRUE);
  g_assert_true (first.showed_reading);
  g_assert_false (first.showed_group);
  g_assert_true (verk_organisation_model_is_reading (verk_organisation_view_get_model (find_view (window))));

  release_read (&hold);
  wait_for_text (window, "Rektorsgruppen");
  g_assert_false (shows_text (window, "Reading the organisation"));

  destroy_watched_window (&first);
  g_clear_object (&store);
  g_unlink (fifo);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  /* The window is shown when the store's read is in, not after the
   * product's short wait, however busy the machine. */
  g_setenv ("VERKSTAD_TEST_FIRST_READ_WAIT_MS", "60000", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* VerkApplication's class registers the UI resources (once: twice
   * would loop), when it is initialized: g_type_ensure() would not, and a
   * test run alone (-p) before one that makes an application found no
   * template. */
  g_type_class_unref (g_type_class_ref (VERK_TYPE_APPLICATION));
  g_test_add_func ("/organisation-view/follows-other-database", test_follows_other_database);
  g_test_add_func ("/organisation-view/focus-stays", test_focus_stays);
  g_test_add_func ("/organisation-view/heads-keep-words", test_heads_keep_words);
  g_test_add_func ("/organisation-view/heads-same-sizes", test_heads_same_sizes);
  g_test_add_func ("/organisation-view/first-frame-shows-map", test_first_frame_shows_map);
  g_test_add_func ("/organisation-view/actions-added", test_actions_added);
  g_test_add_func ("/organisation-view/hidden-before-first-frame", test_hidden_before_first_frame);
  g_test_add_func ("/organisation-view/loop-runs-while-reading", test_loop_runs_while_reading);
  g_test_add_func ("/organisation-view/slow-read-shows-window", test_slow_read_shows_window);
  return g_test_run ();
}
